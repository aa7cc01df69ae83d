"""Back-office pages of the employer's side: the concerns employers reported about a candidate
(list, mark handled) and inviting an employer's person to sign in (a one-time link and code)."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import RedirectResponse

from app.auth.links import invite_public
from app.backoffice.file.common import FILE, file_candidate, page
from app.deps import ConsultantActor, SessionDep, SettingsDep
from app.employers import concerns, invites
from app.employers.labels import CONCERN_KINDS
from app.path_ids import RecordId
from app.route_table import APIRouter
from app.templating import render

router = APIRouter(include_in_schema=False)

@router.get(FILE + "/concerns", name="office.file:concerns")
def concern_list(candidate_id: RecordId, request: Request, actor: ConsultantActor,
                 session: SessionDep):
    candidate = file_candidate(session, actor, candidate_id)
    return page(request, candidate, "concerns", "concerns.html", {
        "concerns": concerns.list_concerns(session, actor, candidate_id), "kinds": CONCERN_KINDS})


@router.post(FILE + "/concerns/{concern_id:int}/handled", name="office.file:concern_handled")
def concern_handled(candidate_id: RecordId, concern_id: int, actor: ConsultantActor,
                    session: SessionDep):
    concerns.mark_handled(session, actor, candidate_id, concern_id)
    return RedirectResponse(f"/office/candidates/{candidate_id}/concerns?saved=concern_handled",
                            status_code=303)


@router.post("/office/employers/{employer_id}/contacts/{person_id}/invite",
             name="office.employers:invite_contact")
def invite_contact(employer_id: RecordId, person_id: RecordId, request: Request,
                   actor: ConsultantActor, session: SessionDep, settings: SettingsDep):
    """The invite button of an employer's person: shows the link and code once."""
    person, issued = invites.invite_contact(session, settings, actor, employer_id, person_id)
    return render(request, "backoffice/employer_invited.html", {
        "person": person, "invite": invite_public(settings, issued)}, status_code=201)
