"""Staff's view of the outbox's trouble: failed and retrying notifications, and trying a
failed one again."""

from __future__ import annotations

from sqlalchemy import and_, or_, select
from sqlmodel import Session

from app.access.policies import notification_scope
from app.auth.actor import Actor
from app.clock import utcnow
from app.errors import Conflict, NotFound
from app.i18n import lazy_gettext as _l
from app.outbox.models import Notification, NotificationStatus
from app.outbox.schemas import NotificationProblem
from app.people.models import Person

LIMIT = 200


class NotFailed(Conflict):
    code = "notification_not_failed"
    title = _l("Only a notification that failed can be sent again.")


def _troubled():
    return or_(Notification.status == NotificationStatus.failed,
               and_(Notification.status == NotificationStatus.pending,
                    Notification.attempts > 0))


def list_problems(session: Session, actor: Actor) -> list[NotificationProblem]:
    """The newest failed and retrying notifications the actor may see, newest first."""
    rows = session.execute(
        select(Notification, Person.display_name)
        .join(Person, Person.id == Notification.recipient_id)
        .where(_troubled(), notification_scope(actor))
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(LIMIT)).all()
    return [NotificationProblem(
        id=n.id, status=n.status, channel=n.channel, event=n.event, attempts=n.attempts,
        last_error=n.last_error, created_at=n.created_at, due_at=n.due_at,
        recipient_id=n.recipient_id, recipient_name=name, candidate_id=n.candidate_id)
        for n, name in rows]


def retry(session: Session, actor: Actor, notification_id: int) -> NotificationProblem:
    """Put a failed notification back in the queue: due now, tries counted from zero."""
    notification = session.scalar(select(Notification).where(
        Notification.id == notification_id, notification_scope(actor)))
    if notification is None:
        raise NotFound()
    if notification.status is not NotificationStatus.failed:
        raise NotFailed()
    notification.status = NotificationStatus.pending
    notification.attempts = 0
    notification.due_at = utcnow()
    notification.locked_by = None
    notification.locked_until = None
    session.add(notification)
    session.flush()
    name = session.scalar(select(Person.display_name).where(
        Person.id == notification.recipient_id))
    return NotificationProblem(
        id=notification.id, status=notification.status, channel=notification.channel,
        event=notification.event, attempts=notification.attempts,
        last_error=notification.last_error, created_at=notification.created_at,
        due_at=notification.due_at, recipient_id=notification.recipient_id,
        recipient_name=name, candidate_id=notification.candidate_id)
