"""The way back: work does not work out, so the consultant records one of the choices the
route offers (a pause, a return to day activities, a secondment, another placement or another
provision) through `journeys.changes`, as the JSON API does."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Request
from sqlmodel import Session

from app.access import open_file
from app.auth.actor import Actor
from app.backoffice.file.common import (
    FILE,
    JOURNEY_STATUS_LABELS,
    attempt,
    done,
    file_candidate,
    page,
)
from app.backoffice.forms import FormModel, Text, amount, blank
from app.deps import ConsultantActor, SessionDep
from app.errors import AppError
from app.guarantees import service as guarantees_service
from app.i18n import lazy_gettext as _l
from app.journeys import changes
from app.journeys.models import WayBackKind, WayBackReason
from app.journeys.schemas import WayBackCreate
from app.journeys.service import find_journey
from app.path_ids import RecordId
from app.people.models import Person
from app.route_table import APIRouter

router = APIRouter(include_in_schema=False)

WAY_BACK_KIND_LABELS = {
    WayBackKind.pause: _l("A break, or fewer hours (the job stays)"),
    WayBackKind.return_: _l("Back to the day-activity place in the guarantee"),
    WayBackKind.other_placement: _l("Try another workplace (counts as a placement attempt)"),
    WayBackKind.secondment: _l("Back to day activities, the salary kept through secondment"),
    WayBackKind.other_provision: _l("Another provision: an extra instrument, or a switch from "
                                    "Banenafspraak to beschut werk"),
}
WAY_BACK_REASON_LABELS = {
    WayBackReason.mismatch: _l("The workplace does not fit"),
    WayBackReason.crisis: _l("A crisis"),
    WayBackReason.too_much: _l("It is too much"),
}


class WayBackForm(FormModel):
    kind: Text = ""
    reason: Text = ""
    note: Text = ""
    hours_per_week: Text = ""
    starts_on: Text = ""

    def to_schema(self) -> WayBackCreate:
        return WayBackCreate.model_validate({
            "kind": self.kind, "reason": self.reason, "note": self.note.strip(),
            "hours_per_week": amount(self.hours_per_week), "starts_on": blank(self.starts_on)})


def _way_back_page(request: Request, session: Session, actor: Actor, candidate: Person, *,
                   error: AppError | None = None, form: WayBackForm | None = None):
    file = open_file(session, actor, candidate.id)
    journey = find_journey(session, file)
    return page(request, candidate, "way_back", "way_back.html", {
        "journey": journey, "running": journey is not None and journey.status in changes.RUNNING,
        "attempts": changes.placement_attempts(session, file),
        "limit": changes.placement_limit(session, candidate.id),
        "choices": changes.way_back_choices(session, journey),
        "guarantee": guarantees_service.list_versions(session, file)[:1],
        "kind_labels": WAY_BACK_KIND_LABELS, "reason_labels": WAY_BACK_REASON_LABELS,
        "status_labels": JOURNEY_STATUS_LABELS, "form": form or WayBackForm(),
    }, error=error, failed="way-back")


@router.get(FILE + "/way-back", name="office.file:way_back")
def way_back(candidate_id: RecordId, request: Request, actor: ConsultantActor, session: SessionDep):
    candidate = file_candidate(session, actor, candidate_id)
    return _way_back_page(request, session, actor, candidate)


@router.post(FILE + "/way-back", name="office.file:way_back_record")
def way_back_record(candidate_id: RecordId, request: Request, actor: ConsultantActor,
                    session: SessionDep, form: Annotated[WayBackForm, Form()]):
    candidate = file_candidate(session, actor, candidate_id)
    error = attempt(session, lambda: changes.invoke_way_back(
        session, actor, candidate_id, form.to_schema()), WayBackForm)
    if error:
        return _way_back_page(request, session, actor, candidate, error=error, form=form)
    return done(request, "office.file:journey", candidate_id, "way_back")
