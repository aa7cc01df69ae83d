"""The network section of a candidate's file: who looks along, with which consent; invite,
change areas, stop access (through `network.service`, with the schemas of the JSON API)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Request
from sqlmodel import Session

from app.access import open_file
from app.auth.actor import Actor
from app.auth.links import invite_public
from app.backoffice.file.common import FILE, attempt, done, file_candidate, page
from app.backoffice.forms import FormModel, Text, blank
from app.deps import ConsultantActor, SessionDep, SettingsDep
from app.errors import AppError
from app.i18n import lazy_gettext as _l
from app.network import service as network_service
from app.network.models import Area, ConsentMethod
from app.network.schemas import NetworkGrantUpdate, NetworkInviteCreate
from app.path_ids import RecordId
from app.people.models import Person
from app.route_table import APIRouter

router = APIRouter(include_in_schema=False)

CONSENT_LABELS = {
    ConsentMethod.in_app: _l("In the app, by the candidate"),
    ConsentMethod.in_person: _l("In a talk with the consultant"),
    ConsentMethod.in_writing: _l("On paper (a signed form)"),
}


class NetworkInviteForm(FormModel):
    display_name: Text = ""
    relation: Text = ""
    areas: list[Text] = []
    consent_method: Text = ""

    def to_schema(self) -> NetworkInviteCreate:
        # The consent record is required from a consultant; the service refuses without it.
        return NetworkInviteCreate.model_validate({
            "display_name": self.display_name, "relation": self.relation, "areas": self.areas,
            "consent_method": blank(self.consent_method)})


class AreasForm(FormModel):
    version: int
    areas: list[Text] = []

    def to_schema(self) -> NetworkGrantUpdate:
        return NetworkGrantUpdate.model_validate({"areas": self.areas})


def _network_page(request: Request, session: Session, actor: Actor, candidate: Person, *,
                  error: AppError | None = None, failed: str | None = None,
                  form: NetworkInviteForm | None = None, invited=None):
    grants = network_service.list_grants(session, open_file(session, actor, candidate.id))
    people = {candidate.id: candidate.display_name}
    for grant, _member in grants:
        for person_id in (grant.consent_by_id, grant.created_by_id):
            if person_id not in people:
                person = session.get(Person, person_id)
                people[person_id] = person.display_name if person else ""
    return page(request, candidate, "network", "network.html", {
        "grants": grants, "people": people, "areas": list(Area),
        "consent_labels": CONSENT_LABELS,
        "consultant_methods": [ConsentMethod.in_person, ConsentMethod.in_writing],
        "form": form or NetworkInviteForm(), "invited": invited,
    }, error=error, failed=failed, status_code=201 if invited else None)


@router.get(FILE + "/network", name="office.file:network")
def network(candidate_id: RecordId, request: Request, actor: ConsultantActor, session: SessionDep):
    candidate = file_candidate(session, actor, candidate_id)
    return _network_page(request, session, actor, candidate)


@router.post(FILE + "/network", name="office.file:network_invite")
def network_invite(candidate_id: RecordId, request: Request, actor: ConsultantActor,
                   session: SessionDep, settings: SettingsDep,
                   form: Annotated[NetworkInviteForm, Form()]):
    candidate = file_candidate(session, actor, candidate_id)
    result = {}

    def invite():
        result["grant"], result["member"], issued = network_service.invite_member(
            session, settings, actor, candidate_id, form.to_schema())
        result["invite"] = invite_public(settings, issued)

    error = attempt(session, invite, NetworkInviteForm)
    if error:
        return _network_page(request, session, actor, candidate, error=error, failed="invite",
                             form=form)
    return _network_page(request, session, actor, candidate, invited=result)


@router.post(FILE + "/network/{grant_id:int}/areas", name="office.file:network_areas")
def network_areas(candidate_id: RecordId, grant_id: int, request: Request, actor: ConsultantActor,
                  session: SessionDep, form: Annotated[AreasForm, Form()]):
    candidate = file_candidate(session, actor, candidate_id)
    error = attempt(session, lambda: network_service.update_areas(
        session, actor, candidate_id, grant_id, form.to_schema(), form.version), AreasForm)
    if error:
        return _network_page(request, session, actor, candidate, error=error,
                             failed=f"grant-{grant_id}")
    return done(request, "office.file:network", candidate_id, "areas", f"grant-{grant_id}")


@router.post(FILE + "/network/{grant_id:int}/revoke", name="office.file:network_revoke")
def network_revoke(candidate_id: RecordId, grant_id: int, request: Request, actor: ConsultantActor,
                   session: SessionDep):
    file_candidate(session, actor, candidate_id)
    network_service.revoke(session, actor, candidate_id, grant_id)
    return done(request, "office.file:network", candidate_id, "revoked", f"grant-{grant_id}")
