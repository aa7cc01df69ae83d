"""Builders for the team-view tests: a route of the test's own, and candidates on it at a
chosen step for a chosen number of days (everything inside the test's rolled-back transaction)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import count

import pytest
from sqlalchemy import select
from sqlmodel import Session

from app.auth.actor import Actor
from app.clock import local_today
from app.contacts.models import ContactAssignment
from app.journeys.models import Journey, JourneyStatus, JourneyStep, StepState
from app.organisations.models import Organisation
from app.people.models import Person, Role
from app.route_templates.models import RouteTemplate, StepKind, StepTemplate

# (key, kind, expected days, English title, Dutch title)
TEST_STEPS = (
    ("intake", StepKind.normal, 10, "Getting to know you", "Kennismaken"),
    ("try-out", StepKind.trial, 30, "Trying out work", "Werk proberen"),
    ("contract", StepKind.contract, 14, "Signing the contract", "Contract tekenen"),
    ("aftercare", StepKind.aftercare, 90, "Help after the start", "Hulp na de start"),
)
_numbers = count(1)


def actor_for(db: Session, person_id: int) -> Actor:
    person = db.get(Person, person_id)
    return Actor(person_id=person.id, role=person.role, organisation_id=person.organisation_id,
                 display_name=person.display_name, session_id=0, via="bearer")


@dataclass
class TeamData:
    db: Session
    today: date

    def organisation(self, slug: str) -> Organisation:
        return self.db.scalar(select(Organisation).where(Organisation.slug == slug))

    def route(self, organisation_id: int, key: str = "team-test") -> RouteTemplate:
        route = RouteTemplate(organisation_id=organisation_id, key=key,
                              name={"nl": f"Testroute {key}", "en": f"Test route {key}"},
                              description={})
        self.db.add(route)
        self.db.flush()
        for position, (step_key, kind, days, english, dutch) in enumerate(TEST_STEPS, start=1):
            self.db.add(StepTemplate(
                route_template_id=route.id, position=position, key=step_key, pictogram="plan",
                kind=kind, default_duration_days=days,
                texts={"nl": {"title": dutch}, "en": {"title": english}},
            ))
        self.db.flush()
        return route

    def candidate(
        self, route: RouteTemplate, *, at: str | None, days_in_step: int = 0,
        done_days: dict[str, int] | None = None, primary_id: int | None = None,
        backup_id: int | None = None, status: JourneyStatus = JourneyStatus.active,
        organisation_id: int | None = None, name: str | None = None, is_active: bool = True,
        ended_on: date | None = None,
    ) -> tuple[Person, Journey]:
        """A candidate whose journey on `route` is at step `at` (None: every step done), in
        it for `days_in_step` days; earlier steps took `done_days[key]` (else the default)."""
        candidate = Person(organisation_id=organisation_id or route.organisation_id,
                           role=Role.candidate, is_active=is_active,
                           display_name=name or f"Team Candidate {next(_numbers)}")
        self.db.add(candidate)
        self.db.flush()
        if primary_id is not None:
            self.db.add(ContactAssignment(candidate_id=candidate.id, primary_id=primary_id,
                                          backup_id=backup_id))
        keys = [key for key, *_rest in TEST_STEPS]
        current = keys.index(at) if at is not None else len(keys)
        done_days = done_days or {}
        durations = [done_days.get(key, days) for key, _kind, days, *_ in TEST_STEPS]
        start = self.today - timedelta(days=days_in_step + sum(durations[:current]))
        journey = Journey(candidate_id=candidate.id, route_template_id=route.id, status=status,
                          started_on=start, ended_on=ended_on)
        self.db.add(journey)
        self.db.flush()
        day = start
        for index, (key, kind, days, english, dutch) in enumerate(TEST_STEPS):
            if index < current:
                state, actual_start, actual_end = StepState.done, day, day + timedelta(
                    days=durations[index])
            elif index == current:
                state, actual_start, actual_end = StepState.current, day, None
            else:
                state, actual_start, actual_end = StepState.todo, None, None
            self.db.add(JourneyStep(
                journey_id=journey.id, position=index + 1, key=key, pictogram="plan", kind=kind,
                state=state, actual_start=actual_start, actual_end=actual_end,
                expected_duration_days=days,
                texts={"nl": {"title": dutch}, "en": {"title": english}},
            ))
            day = actual_end or day
        self.db.flush()
        return candidate, journey


@pytest.fixture
def team_data(db) -> TeamData:
    return TeamData(db, local_today())
