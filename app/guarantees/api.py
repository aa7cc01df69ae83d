"""JSON endpoint for the fallback guarantee ("Als het niet lukt") and its versions."""

from __future__ import annotations

from fastapi import status
from sqlalchemy import select

from app.access import open_file
from app.deps import CurrentActor, SessionDep
from app.guarantees import service
from app.guarantees.schemas import GuaranteeCreate, GuaranteePublic
from app.guarantees.views import income_on_return, view_of
from app.organisations.models import Organisation
from app.path_ids import RecordId
from app.route_table import APIRouter

router = APIRouter(tags=["guarantees"])


@router.get("/candidates/{candidate_id}/guarantee", name="api.guarantees:list",
            response_model=list[GuaranteePublic])
def list_guarantee_versions(candidate_id: RecordId, actor: CurrentActor, session: SessionDep):
    """The guarantee in force first, then earlier versions."""
    file = open_file(session, actor, candidate_id)
    versions = service.list_versions(session, file)
    ids = {v.issued_by_organisation_id for v in versions}
    names = dict(session.execute(
        select(Organisation.id, Organisation.name).where(Organisation.id.in_(ids))).all()
    ) if ids else {}
    in_force = income_on_return(session, file) if versions else None
    return [public(v, names.get(v.issued_by_organisation_id, ""), current=index == 0,
                   way_back=in_force if index == 0 else None)
            for index, v in enumerate(versions)]


def public(v, organisation_name: str, *, current: bool, way_back=None) -> GuaranteePublic:
    """One version as the API shows it, with the way-back sentence every page shows (for the
    version in force: what every page says now, e.g. after a secondment)."""
    way_back = way_back or view_of(v)
    return GuaranteePublic(
        number=v.number, provider_name=v.provider_name, provider_address=v.provider_address,
        indication_valid_until=v.indication_valid_until,
        income_consequences=v.income_consequences, arranged_by=v.arranged_by,
        free_text=v.free_text, income_on_return=v.income_on_return,
        expected_gap_weeks=v.expected_gap_weeks, income_on_return_text=way_back.text,
        texts=v.texts or {}, issued_by_organisation=organisation_name,
        issued_on=v.issued_on, current=current)


@router.post("/candidates/{candidate_id}/guarantee", name="api.guarantees:issue",
             response_model=GuaranteePublic, status_code=status.HTTP_201_CREATED)
def issue_guarantee(candidate_id: RecordId, body: GuaranteeCreate, actor: CurrentActor,
                    session: SessionDep):
    """Issue a new version of the fallback guarantee; earlier versions stay readable."""
    guarantee = service.issue_guarantee(session, actor, candidate_id, body)
    organisation = session.get(Organisation, guarantee.issued_by_organisation_id)
    return public(guarantee, organisation.name, current=True)
