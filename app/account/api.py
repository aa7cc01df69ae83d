"""JSON endpoints for the signed-in person's preferences and data export."""

from __future__ import annotations

from fastapi import Response
from fastapi.responses import JSONResponse

from app.account import service
from app.account.schemas import PreferencesPublic, PreferencesUpdate
from app.concurrency import IfMatch, set_etag
from app.deps import CurrentActor, SessionDep
from app.people.models import Person
from app.route_table import APIRouter

router = APIRouter(tags=["account"])


def preferences_public(person: Person) -> PreferencesPublic:
    return PreferencesPublic(locale=person.locale, text_size=person.text_size,
                             read_aloud=person.read_aloud, version=person.version)


@router.get("/me/preferences", name="api.account:preferences",
            response_model=PreferencesPublic)
def read_preferences(actor: CurrentActor, session: SessionDep, response: Response):
    """Language, text size and read-aloud."""
    person = session.get(Person, actor.person_id)
    set_etag(response, person.version)
    return preferences_public(person)


@router.patch("/me/preferences", name="api.account:update_preferences",
              response_model=PreferencesPublic,
              responses={412: {"description": "Stale version"},
                         428: {"description": "If-Match missing"}})
def update_preferences(body: PreferencesUpdate, actor: CurrentActor, session: SessionDep,
                       response: Response, if_match: IfMatch):
    """Change language, text size or read-aloud (send the version in If-Match)."""
    person = service.update_preferences(session, actor, body, if_match)
    set_etag(response, person.version)
    return preferences_public(person)


@router.get("/me/export", name="api.account:export")
def export_my_data(actor: CurrentActor, session: SessionDep):
    """Everything Stapwijzer stores about you, as JSON."""
    return JSONResponse(service.export_data(session, actor), headers={
        "Content-Disposition": 'attachment; filename="mijn-gegevens-stapwijzer.json"'})
