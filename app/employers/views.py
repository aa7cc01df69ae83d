"""The employer's read model: each placement the employer's person may see, with its progress in
plain words, the one contact person with the backup, what the employer must do next and by when,
the wage-value and subsidy dates and the appointments the employer's person attends.

Every read passes the gate (`open_file` → `require(placement)`), so the candidate's "who viewed
my data" shows the employer. Only the steps that concern the employer are shown: the UWV advice
(the beschut-werk procedure the employer waits for) and the placement's own trial and contract
steps; never the rest of the journey, money, guarantee, records or messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import or_, select
from sqlmodel import Session

from app.access import CandidateFile, FileArea, log_list_read, open_file
from app.access.policies import employer_checklist_organisation_id, employer_placement_clause
from app.appointments.models import Appointment
from app.appointments.service import attendee_names
from app.auth.actor import Actor
from app.clock import local_today
from app.contacts.service import ContactToday, contact_today, contacts_today_of
from app.db import utcnow
from app.employer_checklist.service import ChecklistView, checklist_for
from app.employers.labels import EMPLOYER_MILESTONES
from app.employers.models import Employer, MilestoneKind, Placement, PlacementMilestone
from app.errors import NotFound
from app.i18n import day_text, gettext, localized, ngettext, on_day_text
from app.journeys.models import JourneyStep, StepState
from app.people.models import Person, Role
from app.route_templates.models import StepKind


@dataclass(frozen=True)
class StepLine:
    title: str
    state: StepState
    sentence: str  # the progress in plain words


@dataclass(frozen=True)
class MilestoneLine:
    id: int
    kind: MilestoneKind
    label: str
    due_on: date
    done_on: date | None
    task: str  # what the employer must do ("" when nothing)
    wage_value_percent: int | None

    @property
    def overdue(self) -> bool:
        return self.done_on is None and self.due_on < local_today()


@dataclass(frozen=True)
class AppointmentLine:
    id: int
    title: str
    starts_at: object
    ends_at: object
    place_name: str
    address: str
    attendees: list[str]


@dataclass
class PlacementView:
    placement: Placement
    employer: Employer
    candidate_name: str
    steps: list[StepLine] = field(default_factory=list)
    contact: ContactToday | None = None
    tasks: list[MilestoneLine] = field(default_factory=list)  # open, with a task, by date
    dates: list[MilestoneLine] = field(default_factory=list)  # every milestone, by date
    appointments: list[AppointmentLine] = field(default_factory=list)

    @property
    def id(self) -> int:
        return self.placement.id

    @property
    def progress(self) -> str:
        """The one sentence of the step that is moving now (or the last one done)."""
        current = [s for s in self.steps if s.state is StepState.current]
        done = [s for s in self.steps if s.state is StepState.done]
        chosen = current[-1] if current else (done[-1] if done else None)
        return chosen.sentence if chosen else gettext("Nothing has started yet.")


def _weeks(days: int) -> str:
    weeks = max(1, round(days / 7))
    return ngettext("%(num)d week", "%(num)d weeks", weeks) % {"num": weeks}


def step_sentence(step: JourneyStep, today: date) -> str:
    """One step's state and dates in plain words, e.g. "Asking UWV for advice: requested on
    Tuesday 3 November. UWV usually decides within 3 weeks."."""
    title = localized(step.texts, "title")
    started = step.actual_start or step.planned_start
    if step.state is StepState.done:
        return gettext("%(step)s: done %(on_day)s.") % {
            "step": title, "on_day": on_day_text(step.actual_end or started)}
    if step.state is StepState.skipped:
        return gettext("%(step)s: not needed.") % {"step": title}
    if step.state is StepState.todo:
        if step.planned_start:
            return gettext("%(step)s: planned from %(on_day)s.") % {
                "step": title, "on_day": on_day_text(step.planned_start)}
        return gettext("%(step)s: not started yet.") % {"step": title}
    if step.kind is StepKind.waiting:
        sentence = gettext("%(step)s: requested %(on_day)s.") % {
            "step": title, "on_day": on_day_text(started)}
        if step.expected_duration_days:
            sentence += " " + gettext("UWV usually decides within %(weeks)s.") % {
                "weeks": _weeks(step.expected_duration_days)}
        return sentence
    if step.kind is StepKind.trial and started and step.trial_weeks:
        week = min(step.trial_weeks, max(1, (today - started).days // 7 + 1))
        return gettext("%(step)s: week %(week)d of %(weeks)d, since %(day)s.") % {
            "step": title, "week": week, "weeks": step.trial_weeks,
            "day": day_text(started)}
    sentence = gettext("%(step)s: started %(on_day)s.") % {
        "step": title, "on_day": on_day_text(started)}
    if step.expected_duration_days:
        sentence += " " + gettext("This usually takes %(weeks)s.") % {
            "weeks": _weeks(step.expected_duration_days)}
    return sentence


def _linked(placement: Placement) -> set[int]:
    return {placement.trial_step_id, placement.contract_step_id} - {None}


def _steps_of(session: Session, placements: list[Placement],
              today: date) -> dict[int, list[StepLine]]:
    """The steps each placement shows (the UWV advice and its own trial and contract steps),
    for all placements in one statement."""
    journeys = {p.journey_id for p in placements if p.journey_id is not None}
    linked = set().union(*(_linked(p) for p in placements))
    by_journey: dict[int, list[JourneyStep]] = {}
    if journeys:
        for step in session.scalars(select(JourneyStep).where(
                JourneyStep.journey_id.in_(journeys),
                or_(JourneyStep.kind == StepKind.waiting,
                    JourneyStep.id.in_(sorted(linked) or [0])))
                .order_by(JourneyStep.position)):
            by_journey.setdefault(step.journey_id, []).append(step)
    return {p.id: [StepLine(localized(s.texts, "title"), s.state, step_sentence(s, today))
                   for s in by_journey.get(p.journey_id, [])
                   if s.kind is StepKind.waiting or s.id in _linked(p)]
            for p in placements}


def _milestones_of(session: Session, placement_ids: list[int]) -> dict[int, list[MilestoneLine]]:
    lines: dict[int, list[MilestoneLine]] = {i: [] for i in placement_ids}
    for m in session.scalars(select(PlacementMilestone).where(
            PlacementMilestone.placement_id.in_(placement_ids or [0]))
            .order_by(PlacementMilestone.due_on, PlacementMilestone.id)):
        lines[m.placement_id].append(MilestoneLine(
            m.id, m.kind, str(EMPLOYER_MILESTONES.get(m.kind, m.kind)), m.due_on, m.done_on,
            m.employer_task, m.wage_value_percent))
    return lines


def _appointments(session: Session, actor: Actor,
                  candidate_ids: list[int]) -> dict[int, list[AppointmentLine]]:
    """The candidates' coming appointments that the employer's person attends, in one
    statement (filtered here: the appointments area itself is not the employer's)."""
    rows = list(session.scalars(select(Appointment).where(
        Appointment.candidate_id.in_(candidate_ids or [0]), Appointment.cancelled_at.is_(None),
        Appointment.ends_at >= utcnow()).order_by(Appointment.starts_at)))
    mine = [a for a in rows
            if any(x.get("person_id") == actor.person_id for x in a.attendees or [])]
    names = attendee_names(session, mine)
    lines: dict[int, list[AppointmentLine]] = {}
    for a in mine:
        lines.setdefault(a.candidate_id, []).append(AppointmentLine(
            a.id, a.title, a.starts_at, a.ends_at, a.place_name or "", a.address or "",
            [names.get(x["person_id"], "") if "person_id" in x else x.get("name", "")
             for x in a.attendees]))
    return lines


def _views(session: Session, actor: Actor, rows,
           contacts: dict[int, ContactToday]) -> list[PlacementView]:
    today = local_today()
    placements = [row[0] for row in rows]
    steps = _steps_of(session, placements, today)
    milestones = _milestones_of(session, [p.id for p in placements])
    appointments = _appointments(session, actor, [p.candidate_id for p in placements])
    return [PlacementView(
        placement=placement, employer=employer, candidate_name=name,
        steps=steps[placement.id], contact=contacts.get(placement.candidate_id),
        tasks=[m for m in milestones[placement.id] if m.task and m.done_on is None],
        dates=milestones[placement.id],
        appointments=appointments.get(placement.candidate_id, []))
        for placement, name, employer in rows]


def _visible(actor: Actor):
    """The placements the actor may see, with the candidate's name and the employer."""
    return (select(Placement, Person.display_name, Employer)
            .join(Person, Person.id == Placement.candidate_id)
            .join(Employer, Employer.id == Placement.employer_id)
            .where(employer_placement_clause(actor), Person.role == Role.candidate))


def employer_placements(session: Session, actor: Actor) -> list[PlacementView]:
    """Every placement the actor may see, with progress, contact, tasks and the appointments
    the actor attends, in a fixed number of statements however many there are. Logged as a
    list read of the placement and contact of each candidate listed.
    Empty for anyone but an employer's person."""
    rows = session.execute(_visible(actor).order_by(
        Placement.starts_on.desc(), Placement.id.desc())).all()
    ids = [row[0].candidate_id for row in rows]
    # The ids come from the policy's own clause (`employer_placement_clause`), which is also
    # what grants the placement and contact areas: a list read, logged in one insert each.
    log_list_read(session, actor, ids, FileArea.placement)
    log_list_read(session, actor, ids, FileArea.contact)
    return _views(session, actor, rows, contacts_today_of(session, ids, local_today()))


def employer_placement(session: Session, actor: Actor, placement_id: int) -> PlacementView:
    """One placement the actor may see, in full, read through the gate. Raises NotFound."""
    row = session.execute(_visible(actor).where(Placement.id == placement_id)).first()
    if row is None:
        raise NotFound()
    file: CandidateFile = open_file(session, actor, row[0].candidate_id)
    file.require(FileArea.placement)
    contact = contact_today(session, file) if file.may(FileArea.contact) else None
    [view] = _views(session, actor, [row], {file.candidate_id: contact} if contact else {})
    return view


def next_tasks(views: list[PlacementView]) -> list[tuple[PlacementView, MilestoneLine]]:
    """Every open task of every placement, soonest first: the employer's to-do list."""
    return sorted(((v, t) for v in views for t in v.tasks), key=lambda pair: pair[1].due_on)


def employer_checklist(session: Session, actor: Actor) -> ChecklistView:
    """The checklist for employers of the municipality the actor's employer works with: what
    to know and arrange when a candidate starts. Raises NotFound for anyone else."""
    organisation_id = employer_checklist_organisation_id(session, actor)
    if organisation_id is None:
        raise NotFound()
    return checklist_for(session, organisation_id)
