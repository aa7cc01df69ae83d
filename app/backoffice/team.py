"""Back-office page: the team view (people and days per step, stalled list, caseloads) and
cover: a consultant's default backup, and an admin recording a colleague's absence."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError

from app.auth.actor import Actor
from app.backoffice.forms import FormModel, Text, invalid_marker, refusal, whole
from app.clock import local_today
from app.contacts import service as contacts_service
from app.contacts.schemas import AbsenceCreate, DefaultBackupUpdate
from app.deps import AdminActor, SessionDep, StaffActor, settle_after_error
from app.errors import AppError
from app.i18n import lazy_gettext as _l
from app.people.models import Role
from app.route_table import APIRouter
from app.team.service import team_overview
from app.templating import render

router = APIRouter(include_in_schema=False)

SAVED = {
    "backup": _l("The default backup has been saved. New candidates get this backup."),
    "absence": _l("The absence has been saved. The candidates see the backup meanwhile."),
}


class DefaultBackupForm(FormModel):
    consultant_id: Text = ""
    backup_id: Text = ""

    def to_schema(self) -> DefaultBackupUpdate:
        return DefaultBackupUpdate.model_validate({"backup_id": whole(self.backup_id)})


class ColleagueAbsenceForm(FormModel):
    consultant_id: Text = ""
    starts_on: Text = ""
    ends_on: Text = ""
    note: Text = ""

    def to_schema(self) -> AbsenceCreate:
        return AbsenceCreate.model_validate({
            "starts_on": self.starts_on.strip(), "ends_on": self.ends_on.strip(),
            "note": self.note.strip()})


def _page(request: Request, session, actor: Actor, *, error: AppError | None = None,
          failed: str | None = None, backup_form: DefaultBackupForm | None = None,
          absence_form: ColleagueAbsenceForm | None = None):
    overview = team_overview(session, actor, today=local_today())
    colleagues = contacts_service.list_colleagues(session, actor)
    # Whose cover the actor manages: her own (a consultant), every consultant (an admin).
    managed = [p for p in colleagues
               if actor.role is Role.admin or p.id == actor.person_id]
    names = {p.id: p.display_name for p in colleagues}
    if backup_form is None:
        # A consultant's form starts from her current default backup.
        own = next((p for p in colleagues if p.id == actor.person_id), None)
        backup_form = DefaultBackupForm(backup_id=str(own.default_backup_id or "") if own
                                        else "")
    saved = SAVED.get(request.query_params.get("saved", "")) if error is None else None
    return render(request, "backoffice/team/overview.html", {
        "overview": overview, "own_caseload_only": actor.role is Role.consultant,
        "colleagues": colleagues, "managed": managed, "names": names,
        "is_admin": actor.role is Role.admin, "saved_text": saved, "error": error,
        "invalid": invalid_marker(error, failed),
        "backup_form": backup_form or DefaultBackupForm(),
        "absence_form": absence_form or ColleagueAbsenceForm(),
    }, status_code=error.status_code if error else 200)


@router.get("/office/team", name="team:overview")
def team(request: Request, actor: StaffActor, session: SessionDep):
    return _page(request, session, actor)


def _attempt(session, action, form) -> AppError | None:
    try:
        action()
    except (ValidationError, AppError) as raised:
        error = refusal(raised, form)
        settle_after_error(session, error)
        return error
    return None


def _done(request: Request, saved: str) -> RedirectResponse:
    return RedirectResponse(f"{request.app.url_path_for('team:overview')}?saved={saved}#cover",
                            status_code=303)


@router.post("/office/team/default-backup", name="team:default_backup")
def default_backup(request: Request, actor: StaffActor, session: SessionDep,
                   form: Annotated[DefaultBackupForm, Form()]):
    consultant_id = whole(form.consultant_id) if actor.role is Role.admin else actor.person_id
    error = _attempt(session, lambda: contacts_service.set_default_backup(
        session, actor, consultant_id if isinstance(consultant_id, int) else 0,
        form.to_schema()), DefaultBackupForm)
    if error:
        return _page(request, session, actor, error=error, failed="backup", backup_form=form)
    return _done(request, "backup")


@router.post("/office/team/absences", name="team:absence_add")
def absence_add(request: Request, actor: AdminActor, session: SessionDep,
                form: Annotated[ColleagueAbsenceForm, Form()]):
    consultant_id = whole(form.consultant_id)
    error = _attempt(session, lambda: contacts_service.add_absence_for(
        session, actor, consultant_id if isinstance(consultant_id, int) else 0,
        form.to_schema()), ColleagueAbsenceForm)
    if error:
        return _page(request, session, actor, error=error, failed="absence", absence_form=form)
    return _done(request, "absence")

