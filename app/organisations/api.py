"""JSON endpoints for the organisation's settings (admins of that organisation)."""

from __future__ import annotations

from fastapi import Response

from app.concurrency import IfMatch, set_etag
from app.deps import AdminActor, SessionDep
from app.organisations import service
from app.organisations.models import ORGANISATION_RULES, Organisation
from app.organisations.schemas import OrganisationPublic, OrganisationUpdate
from app.route_table import APIRouter

router = APIRouter(tags=["organisation"])


def organisation_public(organisation: Organisation) -> OrganisationPublic:
    return OrganisationPublic(
        id=organisation.id, slug=organisation.slug, name=organisation.name,
        kind=organisation.kind,
        **{rule: getattr(organisation, rule) for rule in ORGANISATION_RULES},
        first_salary_offset=organisation.first_salary_offset,
        money_overrides=service.money_overrides_as_text(organisation),
        version=organisation.version,
    )


@router.get("/organisation", name="api.organisation:read", response_model=OrganisationPublic)
def read_organisation(actor: AdminActor, session: SessionDep, response: Response):
    """Your organisation's settings (its version in the ETag)."""
    organisation = service.get_organisation(session, actor)
    set_etag(response, organisation.version)
    return organisation_public(organisation)


@router.patch("/organisation", name="api.organisation:update", response_model=OrganisationPublic,
              responses={412: {"description": "Stale version (`current_version` holds the "
                                              "stored one)"},
                         428: {"description": "If-Match missing"}})
def update_organisation(body: OrganisationUpdate, actor: AdminActor, session: SessionDep,
                        response: Response, if_match: IfMatch):
    """Change trial length, hours criterion, first-salary practice or money overrides (send
    the version in If-Match). An override the money engine does not know answers 422."""
    organisation = service.update_settings(session, actor, body, if_match)
    set_etag(response, organisation.version)
    return organisation_public(organisation)
