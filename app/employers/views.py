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

from sqlalchemy import func, or_, select
from sqlmodel import Session

from app.access import CandidateFile, FileArea, log_list_read, open_file
from app.access.policies import employer_checklist_organisation_id, employer_placement_clause
from app.appointments.models import Appointment
from app.appointments.service import attendee_names
from app.auth.actor import Actor
from app.auth.models import Invite
from app.clock import local_today
from app.contacts.service import ContactToday, contact_today, contacts_today_of
from app.db import utcnow
from app.employer_checklist.service import ChecklistView, checklist_for
from app.employers.concerns import my_concerns
from app.employers.labels import EMPLOYER_MILESTONES
from app.employers.models import (
    Employer,
    EmployerConcern,
    MilestoneKind,
    Placement,
    PlacementMilestone,
)
from app.errors import NotFound
from app.i18n import day_text, gettext, localized, ngettext, on_day_text
from app.journeys.models import JourneyStep, StepState
from app.organisations.models import Organisation
from app.people.models import Person, Role
from app.route_templates.models import StepKind


@dataclass(frozen=True)
class StepLine:
    title: str
    state: StepState
    sentence: str  # the progress in plain words
    kind: StepKind = StepKind.normal
    key: str = ""

    @property
    def is_advice(self) -> bool:
        """The UWV advice or the decision on it: the beschut-werk procedure Tim waits for."""
        return self.kind is StepKind.waiting or self.key == DECISION_KEY


@dataclass(frozen=True)
class MilestoneLine:
    id: int
    kind: MilestoneKind
    label: str
    due_on: date
    done_on: date | None
    task: str  # what the employer must do ("" when nothing)
    wage_value_percent: int | None
    sentence: str = ""  # what happens on the date and who acts, in one short sentence

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
    concerns: list[EmployerConcern] = field(default_factory=list)  # his own, detail only

    @property
    def id(self) -> int:
        return self.placement.id

    @property
    def progress(self) -> str:
        """The one sentence of the placement's own step that is moving now (or the last one
        done); the advice has its own line (`advice`)."""
        own = [s for s in self.steps if not s.is_advice]
        current = [s for s in own if s.state is StepState.current]
        done = [s for s in own if s.state is StepState.done]
        chosen = current[-1] if current else (done[-1] if done else None)
        return chosen.sentence if chosen else gettext("Nothing has started yet.")

    @property
    def advice(self) -> str:
        """The one line on the beschut-werk advice: the decision once it is taken, else the
        advice's own state (requested on …, UWV usually decides within …). "" without one.
        Only dates and states: never what the advice says about health or money."""
        decision = [s for s in self.steps if s.key == DECISION_KEY]
        if decision and decision[-1].state is StepState.done:
            return decision[-1].sentence
        waiting = [s for s in self.steps if s.kind is StepKind.waiting]
        if not waiting:
            return ""
        line = waiting[-1]
        if line.state is StepState.done:
            return line.sentence + " " + gettext("Then the municipality decides.")
        return line.sentence


def _weeks(days: int) -> str:
    weeks = max(1, round(days / 7))
    return ngettext("%(num)d week", "%(num)d weeks", weeks) % {"num": weeks}


# The route step in which the municipality decides on the UWV advice (every route template that
# asks UWV for advice has it under this key).
DECISION_KEY = "decision"


def employer_step_title(step: JourneyStep, first_name: str) -> str:
    """The step's name for the employer, in the third person and from the step's kind: the
    route's titles speak to the candidate ("Je contract tekenen"), which Tim would misread."""
    if step.kind is StepKind.waiting:
        return gettext("Sheltered-work advice")
    if step.key == DECISION_KEY:
        return gettext("Decision on sheltered work")
    if step.kind is StepKind.trial:
        return gettext("Trial placement of %(name)s") % {"name": first_name}
    if step.kind is StepKind.contract:
        return gettext("Contract of %(name)s") % {"name": first_name}
    return gettext("Work of %(name)s") % {"name": first_name}


def step_sentence(step: JourneyStep, today: date, title: str | None = None) -> str:
    """One step's state and dates in plain words, e.g. "Sheltered-work advice: requested on
    Tuesday 3 November. UWV usually decides within 3 weeks."."""
    title = title or localized(step.texts, "title")
    started = step.actual_start or step.planned_start
    if step.state is StepState.done:
        done_on = on_day_text(step.actual_end or started)
        if step.kind is StepKind.waiting:
            return gettext("%(step)s: UWV gave its advice %(on_day)s.") % {
                "step": title, "on_day": done_on}
        if step.key == DECISION_KEY:
            return gettext("%(step)s: the municipality decided %(on_day)s.") % {
                "step": title, "on_day": done_on}
        return gettext("%(step)s: done %(on_day)s.") % {"step": title, "on_day": done_on}
    if step.state is StepState.skipped:
        return gettext("%(step)s: not needed.") % {"step": title}
    if step.state is StepState.todo:
        if step.planned_start:
            # "on_day" already says "on …": "planned from on …" was wrong Dutch.
            return gettext("%(step)s: will probably start %(on_day)s.") % {
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


def milestone_sentence(kind: MilestoneKind, due_on: date, first_name: str) -> str:
    """What happens on a wage-value or subsidy date and who acts, in one short sentence."""
    day = on_day_text(due_on)
    values = {"on_day": day, "name": first_name}
    if kind is MilestoneKind.wage_value_trial:
        return gettext("The municipality measures the wage value of %(name)s at work "
                       "%(on_day)s. Make sure you or the supervisor is there.") % values
    if kind is MilestoneKind.wage_value_final:
        return gettext("The municipality sets the definitive wage value of %(name)s "
                       "%(on_day)s. Plan this with your contact person.") % values
    if kind is MilestoneKind.flat_rate_subsidy_end:
        return gettext("The fixed wage cost subsidy stops %(on_day)s. After that, the "
                       "subsidy follows the definitive wage value.") % values
    if kind is MilestoneKind.support_allowance:
        return gettext("Apply for the support allowance at the municipality before "
                       "%(day)s. Your contact person helps you.") % {"day": day_text(due_on)}
    return gettext("Date: %(day)s.") % {"day": day_text(due_on)}


def _linked(placement: Placement) -> set[int]:
    return {placement.trial_step_id, placement.contract_step_id} - {None}


def _steps_of(session: Session, placements: list[Placement], today: date,
              first_names: dict[int, str]) -> dict[int, list[StepLine]]:
    """The steps each placement shows (the UWV advice, the decision on it and its own trial
    and contract steps), named for the employer, for all placements in one statement."""
    journeys = {p.journey_id for p in placements if p.journey_id is not None}
    linked = set().union(*(_linked(p) for p in placements))
    by_journey: dict[int, list[JourneyStep]] = {}
    if journeys:
        for step in session.scalars(select(JourneyStep).where(
                JourneyStep.journey_id.in_(journeys),
                or_(JourneyStep.kind == StepKind.waiting, JourneyStep.key == DECISION_KEY,
                    JourneyStep.id.in_(sorted(linked) or [0])))
                .order_by(JourneyStep.position)):
            by_journey.setdefault(step.journey_id, []).append(step)
    lines: dict[int, list[StepLine]] = {}
    for p in placements:
        lines[p.id] = []
        for s in by_journey.get(p.journey_id, []):
            if s.kind is StepKind.waiting or s.key == DECISION_KEY or s.id in _linked(p):
                title = employer_step_title(s, first_names[p.id])
                lines[p.id].append(StepLine(title, s.state, step_sentence(s, today, title),
                                            s.kind, s.key))
    return lines


def _milestones_of(session: Session, first_names: dict[int, str],
                   ) -> dict[int, list[MilestoneLine]]:
    placement_ids = list(first_names)
    lines: dict[int, list[MilestoneLine]] = {i: [] for i in placement_ids}
    for m in session.scalars(select(PlacementMilestone).where(
            PlacementMilestone.placement_id.in_(placement_ids or [0]))
            .order_by(PlacementMilestone.due_on, PlacementMilestone.id)):
        lines[m.placement_id].append(MilestoneLine(
            m.id, m.kind, str(EMPLOYER_MILESTONES.get(m.kind, m.kind)), m.due_on, m.done_on,
            m.employer_task, m.wage_value_percent,
            milestone_sentence(m.kind, m.due_on, first_names[m.placement_id])))
    return lines


def _appointments(session: Session, actor: Actor,
                  first_names: dict[int, str]) -> dict[int, list[AppointmentLine]]:
    """The candidates' coming appointments that the employer's person attends, in one
    statement (filtered here: the appointments area itself is not the employer's). The title
    is the candidate's own ("Gesprek over je proefplaatsing"), so it is shown after the
    candidate's first name: "Guy: …" tells Tim whose "je" it is."""
    candidate_ids = list(first_names)
    rows = list(session.scalars(select(Appointment).where(
        Appointment.candidate_id.in_(candidate_ids or [0]), Appointment.cancelled_at.is_(None),
        Appointment.ends_at >= utcnow()).order_by(Appointment.starts_at)))
    mine = [a for a in rows
            if any(x.get("person_id") == actor.person_id for x in a.attendees or [])]
    names = attendee_names(session, mine)
    lines: dict[int, list[AppointmentLine]] = {}
    for a in mine:
        title = gettext("%(name)s: %(title)s") % {
            "name": first_names.get(a.candidate_id, ""), "title": a.title}
        lines.setdefault(a.candidate_id, []).append(AppointmentLine(
            a.id, title, a.starts_at, a.ends_at, a.place_name or "", a.address or "",
            [names.get(x["person_id"], "") if "person_id" in x else x.get("name", "")
             for x in a.attendees]))
    return lines


def _first_name(display_name: str) -> str:
    return (display_name or "").split(" ")[0]


def _views(session: Session, actor: Actor, rows,
           contacts: dict[int, ContactToday]) -> list[PlacementView]:
    today = local_today()
    placements = [row[0] for row in rows]
    first = {row[0].id: _first_name(row[1]) for row in rows}
    steps = _steps_of(session, placements, today, first)
    milestones = _milestones_of(session, first)
    appointments = _appointments(session, actor, {
        row[0].candidate_id: _first_name(row[1]) for row in rows})
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
    view.concerns = my_concerns(session, actor, placement_id)
    return view


@dataclass(frozen=True)
class NoLongerShared:
    """Placements of the employer the candidate no longer shares, and whom to ask."""

    count: int
    ask: Person | None  # the consultant who invited this person to sign in
    municipality: str


def no_longer_shared(session: Session, actor: Actor) -> NoLongerShared | None:
    """Whether a running placement of the actor's employer is no longer shared (the candidate
    withdrew consent), so the home does not say "nobody works with you" while someone does.

    A privacy choice: no candidate's name, no date, no step: only that a workplace is no longer
    shared. Tim knew the name, but repeating it would keep showing him the candidate's file
    after the candidate took it back. Whom to ask is the consultant who invited Tim (staff, not
    the candidate's data; their contact person may have changed since), else the municipality
    by name. None when nothing was withdrawn, or for anyone but an employer's person."""
    if actor.role is not Role.employer or actor.employer_id is None:
        return None
    count = session.scalar(select(func.count(Placement.id)).where(
        Placement.employer_id == actor.employer_id,
        Placement.consent_withdrawn_at.is_not(None), Placement.ended_at.is_(None)))
    if not count:
        return None
    return NoLongerShared(count, inviting_consultant(session, actor),
                          municipality_name(session, actor))


def inviting_consultant(session: Session, actor: Actor) -> Person | None:
    """The consultant who last invited this employer's person to sign in, while still active:
    the municipality's person to ask when no placement names a contact (staff, not a
    candidate's data, so nothing is logged)."""
    inviter_id = session.scalar(select(Invite.created_by_id).where(
        Invite.person_id == actor.person_id, Invite.created_by_id.is_not(None))
        .order_by(Invite.created_at.desc(), Invite.id.desc()).limit(1))
    inviter = session.get(Person, inviter_id) if inviter_id else None
    if inviter is not None and (not inviter.is_active or inviter.role is not Role.consultant):
        return None
    return inviter


def municipality_name(session: Session, actor: Actor) -> str:
    """The name of the municipality the actor's employer works with ("" if none)."""
    return session.scalar(select(Organisation.name).join(
        Employer, Employer.organisation_id == Organisation.id).where(
        Employer.id == actor.employer_id)) or ""


def leaflet_contact(session: Session, actor: Actor) -> dict[str, str] | None:
    """Whom the printed checklist tells the employer to call: the inviting consultant."""
    person = inviting_consultant(session, actor)
    if person is None:
        return None
    return {"name": person.display_name, "phone": person.phone or "",
            "email": person.email or "", "organisation": municipality_name(session, actor)}


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
