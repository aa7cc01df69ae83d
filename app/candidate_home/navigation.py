"""What every page of a candidate's file needs: who is looking, which areas, the navigation."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from app.access import CandidateFile, FileArea, open_file
from app.auth.actor import Actor
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
    others: object | None = None  # the label for a network member, with the candidate's %(name)s


NAV = (
    NavItem("home", _l("Start"), "candidates:home", None),
    NavItem("steps", _l("Steps"), "journeys:steps", FileArea.steps),
    # "Meetings", not "Appointments": the tab's label must fit a fifth of a 320 px screen.
    NavItem("appointments", _l("Meetings"), "appointments:list", FileArea.appointments),
    NavItem("messages", _l("Messages"), "messages:list", None),
    NavItem("menu", _l("More"), "candidates:more", None),
)
MORE = (
    NavItem("money", _l("My money"), "money:overview", FileArea.money, _l("Money of %(name)s")),
    NavItem("guarantee", _l("If it does not work out"), "guarantees:show", FileArea.guarantee),
    NavItem("network", _l("My network"), "network:list", FileArea.network,
            _l("Network of %(name)s")),
    NavItem("settings", _l("Settings and privacy"), "account:settings", None),
    NavItem("question", _l("What does this mean?"), "words:list", None),
)


@dataclass(frozen=True)
class FileView:
    file: CandidateFile  # readers take this handle: each logs the area it shows
    viewer: Person
    unread: int

    @property
    def candidate(self) -> Person:
        return self.file.candidate

    @property
    def areas(self) -> frozenset[str]:
        return self.file.areas

    @property
    def is_self(self) -> bool:
        return self.viewer.id == self.candidate.id

    @property
    def looking_along(self) -> bool:
        return self.viewer.role is Role.network

    @property
    def first_name(self) -> str:
        return self.candidate.display_name.split()[0]

    def label(self, item: NavItem) -> str:
        """The item's label as its reader says it: "My money" for the candidate, "Money of
        Guy" for his mother."""
        if self.looking_along and item.others is not None:
            return str(item.others) % {"name": self.first_name}
        return str(item.label)

    def visible(self, items) -> list[NavItem]:
        return [i for i in items if i.area is None or i.area in self.areas]


def file_view(session: Session, actor: Actor, candidate_id: int, area: str) -> FileView:
    """Open a candidate's file for a page and require the page's own area and the profile
    (every page names whose file it is), logging both; the page requires every other area it
    shows through the readers it calls. Staff have their own back-office; these pages are for
    the candidate and their network. Raises NotFound."""
    if actor.role not in (Role.candidate, Role.network):
        raise NotFound()
    file = open_file(session, actor, candidate_id).require(area).require(FileArea.profile)
    viewer = session.get(Person, actor.person_id)
    # The unread badge is the candidate's own (never logged); the network sees no badge.
    unread = unread_count(session, file) if file.is_self else 0
    return FileView(file, viewer, unread)
