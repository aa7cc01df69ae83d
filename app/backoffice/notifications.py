"""Back-office page: notifications that failed or wait for another try, with "try again"."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import RedirectResponse

from app.deps import SessionDep, StaffActor, settle_after_error
from app.errors import AppError
from app.outbox import failures
from app.path_ids import RecordId
from app.route_table import APIRouter
from app.templating import render

router = APIRouter(include_in_schema=False)


def _page(request: Request, session, actor, *, error: AppError | None = None):
    problems = failures.list_problems(session, actor)
    return render(request, "backoffice/notifications.html", {
        "problems": problems, "error": error,
        "retried": request.query_params.get("retried") == "1" and error is None,
    }, status_code=error.status_code if error else 200)


@router.get("/office/notifications", name="office:notifications")
def notifications(request: Request, actor: StaffActor, session: SessionDep):
    return _page(request, session, actor)


@router.post("/office/notifications/{notification_id}/retry", name="office:notification_retry")
def retry(notification_id: RecordId, request: Request, actor: StaffActor, session: SessionDep):
    try:
        failures.retry(session, actor, notification_id)
    except AppError as error:
        if error.status_code == 404:
            raise
        settle_after_error(session, error)
        return _page(request, session, actor, error=error)
    return RedirectResponse(request.app.url_path_for("office:notifications") + "?retried=1",
                            status_code=303)
