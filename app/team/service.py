"""The team view's numbers for the actor's organisation, in a fixed number of queries.

Aggregates (people per step, days per step, caseloads, this year's counts) cover the whole
organisation. Names appear only in the stalled list, and only for candidates the actor may see
(`access.policies.visible_candidate_ids`): an admin sees the organisation's candidates, a
consultant their own caseload (primary or backup). Every query groups in the database, so the
rows fetched grow with the number of routes, steps and consultants, never with candidates.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, time

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from app.access import log_list_read
from app.access.policies import visible_candidate_ids
from app.auth.actor import Actor
from app.clock import local_datetime
from app.contacts.models import ContactAssignment
from app.errors import NotFound, PermissionDenied
from app.i18n import gettext, localized
from app.journeys.models import Journey, JourneyStatus, JourneyStep, StepState
from app.journeys.overdue import days_between, days_in_step_sql, main_step_sql, overdue_sql
from app.organisations.models import Organisation
from app.people.models import Person, Role
from app.route_templates.models import RouteTemplate, StepKind, StepTemplate
from app.route_templates.service import list_templates
from app.team.schemas import (
    ConsultantCaseload,
    RouteOverview,
    RouteStepStats,
    StalledStep,
    TeamOverview,
    YearCounts,
)

CASELOAD_LIMIT = 50  # primary candidates per consultant before the team view warns
STALLED_LIMIT = 100  # the most overdue steps listed; the totals count them all
# Steps a consultant adds by hand are keyed "custom-N" per journey: one row per route for all.
CUSTOM_KEY = "custom"
CUSTOM_PREFIX = "custom-"


def _organisation_candidates(organisation_id: int):
    return and_(Person.organisation_id == organisation_id, Person.role == Role.candidate)


def _step_group_key():
    """The step key a row is counted under: the route's own key, or one key for custom steps."""
    return case(
        (func.substr(JourneyStep.key, 1, len(CUSTOM_PREFIX)) == CUSTOM_PREFIX, CUSTOM_KEY),
        else_=JourneyStep.key,
    )


@dataclass
class _StepNumbers:
    position: int | None = None
    candidates_now: int = 0
    durations: dict[int, int] = field(default_factory=dict)  # days -> how many steps
    sample_step_id: int | None = None


def weighted_median(counts: dict[int, int]) -> float | None:
    """The median of values given as {value: how often}; None when there are none."""
    total = sum(counts.values())
    if total == 0:
        return None
    ordered = sorted(counts.items())

    def nth(index: int) -> int:
        seen = 0
        for value, count in ordered:
            seen += count
            if index < seen:
                return value
        raise AssertionError("index beyond the counted values")

    if total % 2:
        return float(nth(total // 2))
    return (nth(total // 2 - 1) + nth(total // 2)) / 2


def team_overview(session: Session, actor: Actor, *, today: date) -> TeamOverview:
    """People and days per route step, the stalled list, caseloads and this year's counts for
    the actor's organisation; logs the read of every candidate named in the stalled list.

    Raises PermissionDenied for anyone but staff, NotFound when the organisation is gone."""
    if not actor.is_staff:
        raise PermissionDenied()
    organisation = session.get(Organisation, actor.organisation_id)
    if organisation is None:
        raise NotFound()
    templates = list_templates(session, actor)
    numbers = _step_numbers(session, organisation.id)
    samples = _sample_steps(session, templates, numbers)
    routes = _routes(templates, numbers, samples)
    route_names = {route.route_template_id: route.name for route in routes}
    route_names.update({t.id: localized(t.name) for t, _steps in templates})

    stalled_total, stalled_in_organisation = _stalled_counts(session, actor, organisation.id, today)
    stalled = _stalled(session, actor, organisation.id, today, route_names)
    # A list view: one "caseload" row per candidate named, in one insert.
    log_list_read(session, actor, [item.candidate_id for item in stalled])
    return TeamOverview(
        organisation_id=organisation.id, organisation_name=organisation.name, today=today,
        routes=routes, stalled=stalled, stalled_total=stalled_total,
        stalled_in_organisation=stalled_in_organisation, stalled_limit=STALLED_LIMIT,
        caseload_limit=CASELOAD_LIMIT, caseloads=_caseloads(session, organisation.id),
        this_year=_this_year(session, organisation.id, today),
    )


def _step_numbers(session: Session, organisation_id: int) -> dict[tuple, _StepNumbers]:
    """(route id, step key) -> candidates there now and the durations of finished steps:
    two grouped queries."""
    numbers: dict[tuple, _StepNumbers] = defaultdict(_StepNumbers)

    current = (
        select(Journey.route_template_id.label("route_id"), _step_group_key().label("key"),
               JourneyStep.position.label("position"), Journey.candidate_id.label("candidate_id"),
               JourneyStep.id.label("step_id"))
        .select_from(JourneyStep)
        .join(Journey, Journey.id == JourneyStep.journey_id)
        .join(Person, Person.id == Journey.candidate_id)
        .where(_organisation_candidates(organisation_id), Person.is_active,
               Journey.status == JourneyStatus.active, JourneyStep.state == StepState.current,
               # Steps running beside each other count the candidate once: at the main step.
               main_step_sql())
    ).subquery()
    for route_id, key, position, candidates, step_id in session.execute(
        select(current.c.route_id, current.c.key, func.min(current.c.position),
               func.count(func.distinct(current.c.candidate_id)), func.max(current.c.step_id))
        .group_by(current.c.route_id, current.c.key)
    ):
        item = numbers[(route_id, key)]
        item.position, item.candidates_now, item.sample_step_id = position, candidates, step_id

    finished = (
        select(Journey.route_template_id.label("route_id"), _step_group_key().label("key"),
               JourneyStep.position.label("position"), JourneyStep.id.label("step_id"),
               days_between(JourneyStep.actual_start, JourneyStep.actual_end).label("days"))
        .select_from(JourneyStep)
        .join(Journey, Journey.id == JourneyStep.journey_id)
        .join(Person, Person.id == Journey.candidate_id)
        .where(_organisation_candidates(organisation_id), JourneyStep.state == StepState.done,
               JourneyStep.actual_start.is_not(None), JourneyStep.actual_end.is_not(None),
               JourneyStep.actual_end >= JourneyStep.actual_start)
    ).subquery()
    for route_id, key, days, count, position, step_id in session.execute(
        select(finished.c.route_id, finished.c.key, finished.c.days, func.count(),
               func.min(finished.c.position), func.max(finished.c.step_id))
        .group_by(finished.c.route_id, finished.c.key, finished.c.days)
    ):
        item = numbers[(route_id, key)]
        item.durations[days] = count
        item.position = position if item.position is None else min(item.position, position)
        item.sample_step_id = item.sample_step_id or step_id
    return numbers


def _sample_steps(session: Session, templates, numbers) -> dict[int, JourneyStep]:
    """Title, pictogram and duration of steps that are not in their route's template (at most
    one query, only when there are such steps)."""
    template_keys = {(t.id, s.key) for t, steps in templates for s in steps}
    ids = [item.sample_step_id for (route_id, key), item in numbers.items()
           if key != CUSTOM_KEY and (route_id, key) not in template_keys]
    if not ids:
        return {}
    return {step.id: step for step in session.scalars(
        select(JourneyStep).where(JourneyStep.id.in_(ids)))}


def _routes(templates: list[tuple[RouteTemplate, list[StepTemplate]]],
            numbers: dict[tuple, _StepNumbers],
            samples: dict[int, JourneyStep]) -> list[RouteOverview]:
    by_route: dict[int | None, dict[str, _StepNumbers]] = defaultdict(dict)
    for (route_id, key), item in numbers.items():
        by_route[route_id][key] = item
    routes = []
    for template, step_templates in templates:
        found = by_route.pop(template.id, {})
        if template.retired_at is not None and not found:
            continue
        steps = []
        for step in step_templates:
            item = found.pop(step.key, _StepNumbers())
            steps.append(_stats(step.position, step.key, localized(step.texts, "title"),
                                step.pictogram, step.default_duration_days, item))
        steps += _extra_steps(found, samples)
        routes.append(RouteOverview(
            route_template_id=template.id, key=template.key, name=localized(template.name),
            candidates_now=sum(s.candidates_now for s in steps), steps=steps,
        ))
    # Journeys without a template (or with one of another organisation's, which cannot be).
    for route_id in sorted(by_route, key=lambda r: (r is not None, r or 0)):
        steps = _extra_steps(by_route[route_id], samples)
        routes.append(RouteOverview(
            route_template_id=route_id, key=None, name=gettext("Route without a template"),
            candidates_now=sum(s.candidates_now for s in steps), steps=steps,
        ))
    return routes


def _extra_steps(found: dict[str, _StepNumbers],
                 samples: dict[int, JourneyStep]) -> list[RouteStepStats]:
    """Steps not in the template: renamed or removed ones, the way back, and hand-added ones
    (last, as one row)."""
    steps = []
    for key, item in sorted(found.items(),
                            key=lambda kv: (kv[0] == CUSTOM_KEY, kv[1].position or 0, kv[0])):
        sample = samples.get(item.sample_step_id)
        if key == CUSTOM_KEY or sample is None:
            steps.append(_stats(item.position or 0, key, gettext("Steps added by hand"), "plan",
                                None, item))
        else:
            steps.append(_stats(item.position or 0, key, localized(sample.texts, "title"),
                                sample.pictogram, sample.expected_duration_days, item))
    return steps


def _stats(position: int, key: str, title: str, pictogram: str, expected_days: int | None,
           item: _StepNumbers) -> RouteStepStats:
    return RouteStepStats(
        position=position, key=key, title=title or key, pictogram=pictogram,
        expected_days=expected_days, candidates_now=item.candidates_now,
        median_days=weighted_median(item.durations), finished=sum(item.durations.values()),
    )


def _stalled_conditions(organisation_id: int, today: date):
    """Overdue steps (`journeys.overdue`, the caseload's rule too) of the organisation's
    active candidates."""
    return (
        _organisation_candidates(organisation_id), Person.is_active, overdue_sql(today),
    )


def _visible(actor: Actor):
    # No correlation: the policy's select must stand on its own inside these queries.
    return Journey.candidate_id.in_(visible_candidate_ids(actor).correlate(None))


def _stalled_counts(session: Session, actor: Actor, organisation_id: int,
                    today: date) -> tuple[int, int]:
    """(stalled steps the actor may see, stalled steps in the organisation): one query."""
    visible_count, total = session.execute(
        select(func.coalesce(func.sum(case((_visible(actor), 1), else_=0)), 0), func.count())
        .select_from(JourneyStep)
        .join(Journey, Journey.id == JourneyStep.journey_id)
        .join(Person, Person.id == Journey.candidate_id)
        .where(*_stalled_conditions(organisation_id, today))
    ).one()
    return int(visible_count), int(total)


def _stalled(session: Session, actor: Actor, organisation_id: int, today: date,
             route_names: dict[int | None, str]) -> list[StalledStep]:
    """The most overdue stalled steps the actor may see, with the contact person: one query."""
    contact = aliased(Person)
    days_in_step = days_in_step_sql(today)
    rows = session.execute(
        select(Person.id, Person.display_name, Journey.route_template_id, JourneyStep.key,
               JourneyStep.texts, JourneyStep.pictogram, JourneyStep.actual_start,
               JourneyStep.expected_duration_days, days_in_step, contact.display_name)
        .select_from(JourneyStep)
        .join(Journey, Journey.id == JourneyStep.journey_id)
        .join(Person, Person.id == Journey.candidate_id)
        .outerjoin(ContactAssignment, ContactAssignment.candidate_id == Person.id)
        .outerjoin(contact, contact.id == ContactAssignment.primary_id)
        .where(*_stalled_conditions(organisation_id, today), _visible(actor))
        .order_by((days_in_step - JourneyStep.expected_duration_days).desc(),
                  Person.display_name, JourneyStep.id)
        .limit(STALLED_LIMIT)
    )
    return [
        StalledStep(
            candidate_id=candidate_id, candidate_name=name, route_template_id=route_id,
            route_name=route_names.get(route_id) or gettext("Route without a template"),
            step_key=key, step_title=localized(texts, "title") or key, pictogram=pictogram,
            started_on=started_on, days_in_step=days, expected_days=expected,
            days_over=days - expected, contact_name=contact_name,
        )
        for (candidate_id, name, route_id, key, texts, pictogram, started_on, expected, days,
             contact_name) in rows
    ]


def _caseloads(session: Session, organisation_id: int) -> list[ConsultantCaseload]:
    """Every consultant of the organisation (and anyone else who has candidates) with their
    number of active candidates as contact person and as backup: one query."""
    candidate = aliased(Person)

    def counted(column):
        return (
            select(column.label("person_id"), func.count().label("n"))
            .join(candidate, candidate.id == ContactAssignment.candidate_id)
            .where(candidate.is_active, candidate.role == Role.candidate)
            .group_by(column)
        ).subquery()

    primary, backup = counted(ContactAssignment.primary_id), counted(ContactAssignment.backup_id)
    rows = session.execute(
        select(Person.id, Person.display_name, func.coalesce(primary.c.n, 0),
               func.coalesce(backup.c.n, 0))
        .outerjoin(primary, primary.c.person_id == Person.id)
        .outerjoin(backup, backup.c.person_id == Person.id)
        .where(Person.organisation_id == organisation_id,
               or_(and_(Person.role == Role.consultant, Person.is_active),
                   primary.c.n > 0, backup.c.n > 0))
        .order_by(Person.display_name, Person.id)
    )
    return [
        ConsultantCaseload(consultant_id=person_id, display_name=name, primary=n_primary,
                           backup=n_backup, over_limit=n_primary > CASELOAD_LIMIT)
        for person_id, name, n_primary, n_backup in rows
    ]


def _this_year(session: Session, organisation_id: int, today: date) -> YearCounts:
    """Switches completed and returns to day activities in today's calendar year: one query.

    A switch: a journey whose contract step was done (actual_end) this year. A return: a
    journey with status returned that ended (ended_on) this year; one returned without an end
    date counts when it was created or its steps last changed this year."""
    first, last = date(today.year, 1, 1), date(today.year, 12, 31)
    # "This year" is the calendar year on the wall clock of the configured zone.
    year_start = local_datetime(date(today.year, 1, 1), time())
    next_year_start = local_datetime(date(today.year + 1, 1, 1), time())

    def in_year(column):
        return and_(column >= year_start, column < next_year_start)

    switches = (
        select(func.count(func.distinct(JourneyStep.journey_id)))
        .select_from(JourneyStep)
        .join(Journey, Journey.id == JourneyStep.journey_id)
        .join(Person, Person.id == Journey.candidate_id)
        .where(_organisation_candidates(organisation_id), JourneyStep.kind == StepKind.contract,
               JourneyStep.state == StepState.done, JourneyStep.actual_end.between(first, last))
    ).scalar_subquery()
    returns = (
        select(func.count(Journey.id))
        .select_from(Journey)
        .join(Person, Person.id == Journey.candidate_id)
        .where(_organisation_candidates(organisation_id),
               Journey.status == JourneyStatus.returned,
               or_(Journey.ended_on.between(first, last),
                   and_(Journey.ended_on.is_(None),
                        or_(in_year(Journey.created_at), in_year(Journey.steps_changed_at)))))
    ).scalar_subquery()
    n_switches, n_returns = session.execute(select(switches, returns)).one()
    return YearCounts(year=today.year, switches_completed=n_switches or 0,
                      returns_to_day_activities=n_returns or 0)
