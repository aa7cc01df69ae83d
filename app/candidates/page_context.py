"""What every page of a candidate's file needs: who is looking, which areas, the navigation."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from app.auth.actor import Actor
from app.candidates.policies import FileArea
from app.candidates.service import candidate_areas, get_candidate
from app.errors import NotFound
from app.i18n import lazy_gettext as _l
from app.messages.service import unread_count
from app.people.models import Person, Role


@dataclass(frozen=True)
class NavItem:
    key: str  # also the pictogram
    label: object
    route: str
    area: str | None  # shown only when the viewer may see this area


NAV = (
    NavItem("home", _l("Start"), "candidates:home", None),
    NavItem("steps", _l("Steps"), "journeys:steps", FileArea.steps),
    NavItem("appointments", _l("Appointments"), "appointments:list", FileArea.appointments),
    NavItem("messages", _l("Messages"), "messages:list", None),
    NavItem("menu", _l("More"), "candidates:more", None),
)
MORE = (
    NavItem("money", _l("My money"), "money:overview", FileArea.money),
    NavItem("guarantee", _l("If it does not work out"), "guarantees:show", FileArea.guarantee),
    NavItem("network", _l("My network"), "network:list", FileArea.network),
    NavItem("settings", _l("Settings and privacy"), "account:settings", None),
)


@dataclass(frozen=True)
class FileView:
    candidate: Person
    viewer: Person
    areas: frozenset[str]
    unread: int

    @property
    def is_self(self) -> bool:
        return self.viewer.id == self.candidate.id

    @property
    def looking_along(self) -> bool:
        return self.viewer.role is Role.network

    @property
    def first_name(self) -> str:
        return self.candidate.display_name.split()[0]

    def visible(self, items) -> list[NavItem]:
        return [i for i in items if i.area is None or i.area in self.areas]


def file_view(session: Session, actor: Actor, candidate_id: int, area: str) -> FileView:
    """Open one area of a candidate's file for a page (logs the read). Staff have their own
    back-office; these pages are for the candidate and their network. Raises NotFound."""
    if actor.role not in (Role.candidate, Role.network):
        raise NotFound()
    candidate = get_candidate(session, actor, candidate_id, area)
    viewer = session.get(Person, actor.person_id)
    areas = candidate_areas(session, actor, candidate)
    unread = unread_count(session, candidate_id) if actor.person_id == candidate_id else 0
    return FileView(candidate, viewer, areas, unread)
