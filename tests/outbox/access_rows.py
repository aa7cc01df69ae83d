"""Access-matrix rows of the outbox's staff view (tests/test_access_matrix.py): every member of
staff may list (their own scope); only who may see Guy may send his failed notification again."""

from __future__ import annotations

from app.outbox.models import Channel, Notification, NotificationStatus
from tests.access import NOT_STAFF, STAFF, expected


def ids(db, personas):
    failed = Notification(idempotency_key="matrix:failed", recipient_id=personas.candidate,
                          candidate_id=personas.candidate, channel=Channel.email,
                          event="update_posted", status=NotificationStatus.failed, attempts=6,
                          last_error="SMTP 550: recipient refused")
    db.add(failed)
    db.flush()
    return {"failed_notification": failed.id}


ROWS = [
    ("outbox problems", "GET", "/api/v1/outbox/problems", None, {},
     expected(STAFF, 200, forbidden=NOT_STAFF)),
    # Guy's consultants and Almere's admin; a colleague and Amsterdam do not find it.
    ("outbox retry", "POST", "/api/v1/outbox/problems/{failed_notification}/retry", None, {},
     expected(("consultant", "backup_consultant", "admin"), 200, forbidden=NOT_STAFF)),
]
