"""JSON endpoints for staff: notifications that failed or retry, and sending one again."""

from __future__ import annotations

from fastapi import APIRouter

from app.deps import SessionDep, StaffActor
from app.outbox import failures
from app.outbox.schemas import NotificationProblem
from app.path_ids import RecordId

router = APIRouter(tags=["outbox"])


@router.get("/outbox/problems", name="api.outbox:problems",
            response_model=list[NotificationProblem])
def problems(actor: StaffActor, session: SessionDep):
    """Failed notifications and those waiting to be tried again, newest first (an admin: the
    organisation's; a consultant: about her candidates and her own). Errors name no person."""
    return failures.list_problems(session, actor)


@router.post("/outbox/problems/{notification_id}/retry", name="api.outbox:retry",
             response_model=NotificationProblem)
def retry(notification_id: RecordId, actor: StaffActor, session: SessionDep):
    """Send a failed notification again: it is due now and gets its tries back. 409 when it
    did not fail; 404 when it is not yours to see."""
    return failures.retry(session, actor, notification_id)
