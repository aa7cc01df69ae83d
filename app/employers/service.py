"""Employer services for staff: the organisation's employers and their contact people, a
candidate's placements (steps, supervisor, the consent record, ending) and their milestones,
with the organisation's usual milestones added from the linked steps' dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlmodel import Session

from app.access import CandidateFile, FileArea, open_file
from app.auth.actor import Actor
from app.auth.service import revoke_all_sessions
from app.clock import local_today
from app.concurrency import check_version
from app.db import among, utcnow
from app.employers.models import (
    Employer,
    EmployerContact,
    MilestoneKind,
    Placement,
    PlacementMilestone,
)
from app.employers.rules import Anchor, MilestoneRule, rules_for
from app.employers.schemas import (
    ConsentIn,
    EmployerContactCreate,
    EmployerContactUpdate,
    EmployerCreate,
    EmployerUpdate,
    MilestoneComplete,
    MilestoneCreate,
    MilestoneUpdate,
    PlacementCreate,
    PlacementEnd,
    PlacementUpdate,
)
from app.errors import Conflict, NotFound, ValidationFailed, field_error
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.i18n import reset_locale, set_locale
from app.journeys.models import Journey, JourneyStep
from app.languages import DEFAULT
from app.network.models import NetworkGrant
from app.organisations.models import Organisation
from app.people.errors import EmailInUse
from app.people.models import STAFF_ROLES, Person, Role
from app.records.service import add_months
from app.route_templates.models import StepKind

WAGE_VALUE_KINDS = frozenset({MilestoneKind.wage_value_trial, MilestoneKind.wage_value_final})


class SupervisesPlacement(Conflict):
    """A contact person who guides a running placement stays until another supervisor is
    chosen or the placement ends."""

    code = "supervises_placement"
    title = _l("This person is the workplace supervisor of a running placement. Choose another "
               "supervisor first.")


class PlacementEnded(Conflict):
    code = "placement_ended"
    title = _l("This placement has ended and can no longer be changed.")


# --- employers ---------------------------------------------------------------------------------


def _staff(actor: Actor) -> None:
    # The routers gate by role too; a service called from elsewhere must not trust that.
    if actor.role not in STAFF_ROLES:
        raise NotFound()


def get_employer(session: Session, actor: Actor, employer_id: int) -> Employer:
    """An employer of the actor's organisation. Raises NotFound (also for another
    organisation's employer)."""
    _staff(actor)
    employer = session.get(Employer, employer_id)
    if employer is None or employer.organisation_id != actor.organisation_id:
        raise NotFound()
    return employer


def list_employers(session: Session, actor: Actor, *, search: str | None = None,
                   limit: int = 50, offset: int = 0) -> tuple[list[Employer], int]:
    """The organisation's employers by name, and how many there are."""
    _staff(actor)
    query = select(Employer).where(Employer.organisation_id == actor.organisation_id)
    if search and search.strip():
        query = query.where(Employer.name.ilike(f"%{search.strip()}%"))
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    employers = list(session.scalars(query.order_by(func.lower(Employer.name), Employer.id)
                                     .limit(limit).offset(offset)))
    return employers, total


def create_employer(session: Session, actor: Actor, data: EmployerCreate) -> Employer:
    _staff(actor)
    employer = Employer(organisation_id=actor.organisation_id, **data.model_dump())
    session.add(employer)
    session.flush()
    return employer


def update_employer(session: Session, actor: Actor, employer_id: int, data: EmployerUpdate,
                    expected_version: int) -> Employer:
    """Change the fields sent. Raises NotFound, StaleVersion."""
    employer = get_employer(session, actor, employer_id)
    check_version(employer.version, expected_version)
    for name, value in data.model_dump(exclude_unset=True).items():
        if value is None:
            continue  # name and kind cannot be cleared
        setattr(employer, name, value)
    session.flush()
    return employer


@dataclass(frozen=True)
class ContactPerson:
    contact: EmployerContact
    person: Person


def list_contacts(session: Session, employer: Employer) -> list[ContactPerson]:
    """The employer's people by name (the employer was found through `get_employer`)."""
    rows = session.execute(
        select(EmployerContact, Person).join(Person, Person.id == EmployerContact.person_id)
        .where(EmployerContact.employer_id == employer.id)
        .order_by(func.lower(Person.display_name), Person.id))
    return [ContactPerson(contact, person) for contact, person in rows]


def contacts_by_employer(session: Session, employers: list[Employer],
                         ) -> dict[int, list[ContactPerson]]:
    """The people of several employers in one query (for lists)."""
    result: dict[int, list[ContactPerson]] = {e.id: [] for e in employers}
    if not employers:
        return result
    rows = session.execute(
        select(EmployerContact, Person).join(Person, Person.id == EmployerContact.person_id)
        .where(EmployerContact.employer_id.in_(list(result)))
        .order_by(func.lower(Person.display_name), Person.id))
    for contact, person in rows:
        result[contact.employer_id].append(ContactPerson(contact, person))
    return result


def _email_free(session: Session, email: str, person_id: int | None = None) -> str:
    email = email.strip().lower()
    taken = session.scalar(select(Person.id).where(func.lower(Person.email) == email))
    if taken is not None and taken != person_id:
        raise EmailInUse(invalid_params=[field_error(
            "email", _("This e-mail address is already in use."), "email_in_use")])
    return email


def add_contact(session: Session, actor: Actor, employer_id: int,
                data: EmployerContactCreate) -> ContactPerson:
    """A person of the employer (role employer, no password: they sign in by invite).
    Raises NotFound, EmailInUse."""
    employer = get_employer(session, actor, employer_id)
    email = _email_free(session, data.email)
    person = Person(organisation_id=employer.organisation_id, role=Role.employer,
                    display_name=data.display_name, job_title=data.job_title or None,
                    email=email, phone=data.phone or None)
    session.add(person)
    session.flush()
    contact = EmployerContact(employer_id=employer.id, person_id=person.id)
    session.add(contact)
    session.flush()
    return ContactPerson(contact, person)


def _contact(session: Session, actor: Actor, employer_id: int,
             contact_id: int) -> tuple[Employer, ContactPerson]:
    employer = get_employer(session, actor, employer_id)
    contact = session.get(EmployerContact, contact_id)
    if contact is None or contact.employer_id != employer.id:
        raise NotFound()
    return employer, ContactPerson(contact, session.get(Person, contact.person_id))


def update_contact(session: Session, actor: Actor, employer_id: int, contact_id: int,
                   data: EmployerContactUpdate, expected_version: int) -> ContactPerson:
    """Change a contact person's name, job title, e-mail or phone (the person's version).
    Raises NotFound, StaleVersion, EmailInUse."""
    _employer, found = _contact(session, actor, employer_id, contact_id)
    person = found.person
    check_version(person.version, expected_version)
    changes = data.model_dump(exclude_unset=True)
    if changes.get("email"):
        person.email = _email_free(session, changes["email"], person.id)
    if changes.get("display_name"):
        person.display_name = changes["display_name"]
    for name in ("job_title", "phone"):
        if name in changes:
            person.__setattr__(name, changes[name] or None)
    session.flush()
    return found


def remove_contact(session: Session, actor: Actor, employer_id: int, contact_id: int) -> None:
    """The person no longer works for the employer: their account is switched off and signed
    out everywhere. Refused while they supervise a running placement. Raises NotFound,
    SupervisesPlacement."""
    _employer, found = _contact(session, actor, employer_id, contact_id)
    running = session.scalar(select(Placement.id).where(
        Placement.supervisor_id == found.person.id, Placement.ended_at.is_(None)))
    if running is not None:
        raise SupervisesPlacement()
    found.person.is_active = False
    revoke_all_sessions(session, found.person.id)
    session.delete(found.contact)
    session.flush()


# --- placements --------------------------------------------------------------------------------


def _writable_file(session: Session, actor: Actor, candidate_id: int) -> CandidateFile:
    """The file of a candidate in the consultant's caseload, for a change to a placement.
    Anyone else (an admin too, who may read placements) finds nothing: NotFound."""
    file = open_file(session, actor, candidate_id).require(FileArea.steps)
    if not file.may_change(FileArea.steps):
        raise NotFound()
    return file


@dataclass
class PlacementView:
    """A placement with what its presenters show: employer, supervisor, the linked steps, who
    agreed and the milestones by due date."""

    placement: Placement
    employer: Employer
    supervisor: Person | None
    trial_step: JourneyStep | None
    contract_step: JourneyStep | None
    consent_by: Person | None
    milestones: list[PlacementMilestone]

    @property
    def consent_given(self) -> bool:
        return consent_given(self.placement)


def consent_given(placement: Placement) -> bool:
    """The employer may see the placement: consent recorded and not withdrawn."""
    return placement.consent_at is not None and placement.consent_withdrawn_at is None


def _views(session: Session, placements: list[Placement]) -> list[PlacementView]:
    """Presenter data for placements in a fixed number of queries."""
    if not placements:
        return []
    employers = {e.id: e for e in session.scalars(select(Employer).where(
        Employer.id.in_({p.employer_id for p in placements})))}
    person_ids = {i for p in placements for i in (p.supervisor_id, p.consent_by_id) if i}
    people = {p.id: p for p in session.scalars(select(Person).where(
        Person.id.in_(person_ids)))} if person_ids else {}
    step_ids = {i for p in placements for i in (p.trial_step_id, p.contract_step_id) if i}
    steps = {s.id: s for s in session.scalars(select(JourneyStep).where(
        JourneyStep.id.in_(step_ids)))} if step_ids else {}
    milestones: dict[int, list[PlacementMilestone]] = {p.id: [] for p in placements}
    for milestone in session.scalars(select(PlacementMilestone).where(
            PlacementMilestone.placement_id.in_(list(milestones)))
            .order_by(PlacementMilestone.due_on, PlacementMilestone.id)):
        milestones[milestone.placement_id].append(milestone)
    return [PlacementView(
        placement=p, employer=employers[p.employer_id],
        supervisor=people.get(p.supervisor_id) if p.supervisor_id else None,
        trial_step=steps.get(p.trial_step_id) if p.trial_step_id else None,
        contract_step=steps.get(p.contract_step_id) if p.contract_step_id else None,
        consent_by=people.get(p.consent_by_id) if p.consent_by_id else None,
        milestones=milestones[p.id]) for p in placements]


def list_placements(session: Session, file: CandidateFile, *, limit: int = 50,
                    offset: int = 0) -> tuple[list[PlacementView], int]:
    """The candidate's placements, running first, newest first. Raises NotFound."""
    file.require(FileArea.steps)
    query = select(Placement).where(Placement.candidate_id == file.candidate_id)
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    placements = list(session.scalars(query.order_by(
        Placement.ended_at.is_not(None), Placement.created_at.desc(), Placement.id.desc())
        .limit(limit).offset(offset)))
    return _views(session, placements), total


def _placement(session: Session, file: CandidateFile, placement_id: int) -> Placement:
    placement = session.get(Placement, placement_id)
    if placement is None or placement.candidate_id != file.candidate_id:
        raise NotFound()
    return placement


def get_placement(session: Session, file: CandidateFile, placement_id: int) -> PlacementView:
    """One placement of the candidate. Raises NotFound."""
    file.require(FileArea.steps)
    return _views(session, [_placement(session, file, placement_id)])[0]


def view_of(session: Session, placement: Placement) -> PlacementView:
    """The presenter data of a placement just written (the writer passed the gate)."""
    return _views(session, [placement])[0]


def _invalid(field: str, message: str, code: str = "invalid") -> ValidationFailed:
    return ValidationFailed(invalid_params=[field_error(field, message, code)])


def _check_supervisor(session: Session, employer_id: int, supervisor_id: int | None) -> None:
    if supervisor_id is None:
        return
    found = session.scalar(select(EmployerContact.id).join(
        Person, Person.id == EmployerContact.person_id).where(
        EmployerContact.employer_id == employer_id,
        EmployerContact.person_id == supervisor_id, Person.is_active.is_(True)))
    if found is None:
        raise _invalid("supervisor_id", _("The supervisor must be a contact person of this "
                                          "employer."))


def _check_step(session: Session, candidate_id: int, field: str, step_id: int | None,
                kind: StepKind) -> JourneyStep | None:
    """A step of the candidate's own journey of the given kind (trial or contract)."""
    if step_id is None:
        return None
    step = session.scalar(select(JourneyStep).join(Journey, Journey.id == JourneyStep.journey_id)
                          .where(JourneyStep.id == step_id, Journey.candidate_id == candidate_id))
    if step is None or step.kind is not kind:
        message = (_("Choose a trial step of the candidate's journey.") if kind is StepKind.trial
                   else _("Choose a contract step of the candidate's journey."))
        raise _invalid(field, message)
    return step


def _check_steps(session: Session, candidate_id: int, trial_id: int | None,
                 contract_id: int | None) -> int | None:
    """Both steps must belong to one journey of the candidate; returns that journey's id."""
    trial = _check_step(session, candidate_id, "trial_step_id", trial_id, StepKind.trial)
    contract = _check_step(session, candidate_id, "contract_step_id", contract_id,
                           StepKind.contract)
    if trial and contract and trial.journey_id != contract.journey_id:
        raise _invalid("contract_step_id", _("The trial and the contract must be steps of the "
                                             "same journey."))
    step = trial or contract
    return step.journey_id if step else None


def _consent(session: Session, candidate: Person, data: ConsentIn) -> tuple[int, datetime]:
    """Check who agreed: the candidate, or a network member who looks along with them now."""
    if data.by_id != candidate.id:
        member = session.scalar(select(NetworkGrant.id).where(
            NetworkGrant.candidate_id == candidate.id, NetworkGrant.member_id == data.by_id,
            NetworkGrant.revoked_at.is_(None)))
        if member is None:
            raise _invalid("consent.by_id", _("Consent comes from the candidate or from "
                                              "someone of their network."))
    at = data.at or utcnow()
    if at > utcnow() + timedelta(minutes=5):
        raise _invalid("consent.at", _("Consent cannot be given in the future."))
    return data.by_id, at


def create_placement(session: Session, actor: Actor, candidate_id: int,
                     data: PlacementCreate) -> Placement:
    """Place the candidate at an employer of the organisation, with the usual milestones.
    Raises NotFound or ValidationFailed."""
    file = _writable_file(session, actor, candidate_id)
    candidate = file.candidate
    employer = session.get(Employer, data.employer_id)
    if employer is None or employer.organisation_id != candidate.organisation_id:
        raise _invalid("employer_id", _("Choose an employer of your organisation."))
    _check_supervisor(session, employer.id, data.supervisor_id)
    journey_id = _check_steps(session, candidate.id, data.trial_step_id, data.contract_step_id)
    placement = Placement(
        candidate_id=candidate.id, employer_id=employer.id, supervisor_id=data.supervisor_id,
        journey_id=journey_id, trial_step_id=data.trial_step_id,
        contract_step_id=data.contract_step_id, workplace=data.workplace,
        starts_on=data.starts_on, ends_on=data.ends_on, created_by_id=actor.person_id)
    if data.consent is not None:
        placement.consent_by_id, placement.consent_at = _consent(session, candidate,
                                                                 data.consent)
        placement.consent_method = data.consent.method
    session.add(placement)
    session.flush()
    if data.default_milestones:
        add_default_milestones(session, placement)
    return placement


def _running(session: Session, actor: Actor, candidate_id: int,
             placement_id: int) -> tuple[CandidateFile, Placement]:
    file = _writable_file(session, actor, candidate_id)
    placement = _placement(session, file, placement_id)
    if placement.ended_at is not None:
        raise PlacementEnded()
    return file, placement


def update_placement(session: Session, actor: Actor, candidate_id: int, placement_id: int,
                     data: PlacementUpdate, expected_version: int) -> Placement:
    """Change the supervisor, workplace, dates or linked steps; a step linked now brings its
    usual milestones. Raises NotFound, StaleVersion, PlacementEnded, ValidationFailed."""
    file, placement = _running(session, actor, candidate_id, placement_id)
    check_version(placement.version, expected_version)
    changes = data.model_dump(exclude_unset=True)
    merged = {name: changes.get(name, getattr(placement, name)) for name in (
        "supervisor_id", "starts_on", "ends_on", "trial_step_id", "contract_step_id")}
    if merged["starts_on"] and merged["ends_on"] and merged["ends_on"] < merged["starts_on"]:
        raise _invalid("ends_on", _("The end date cannot be before the start date."))
    if "supervisor_id" in changes:
        _check_supervisor(session, placement.employer_id, merged["supervisor_id"])
    journey_id = _check_steps(session, file.candidate_id, merged["trial_step_id"],
                              merged["contract_step_id"])
    for name, value in changes.items():
        if name == "workplace" and value is None:
            continue
        setattr(placement, name, value)
    placement.journey_id = journey_id
    session.flush()
    add_default_milestones(session, placement)
    return placement


def record_consent(session: Session, actor: Actor, candidate_id: int, placement_id: int,
                   data: ConsentIn, expected_version: int) -> Placement:
    """Record who agreed that the employer sees this placement, how and when (again after a
    withdrawal). Raises NotFound, StaleVersion, PlacementEnded, ValidationFailed."""
    file, placement = _running(session, actor, candidate_id, placement_id)
    check_version(placement.version, expected_version)
    placement.consent_by_id, placement.consent_at = _consent(session, file.candidate, data)
    placement.consent_method = data.method
    placement.consent_withdrawn_at = None
    session.flush()
    return placement


def withdraw_consent(session: Session, actor: Actor, candidate_id: int,
                     placement_id: int) -> Placement:
    """The candidate no longer wants the employer to see the placement: it stops at once.
    Withdrawing twice keeps the first moment. Raises NotFound."""
    file = _writable_file(session, actor, candidate_id)
    placement = _placement(session, file, placement_id)
    if placement.consent_at is not None and placement.consent_withdrawn_at is None:
        placement.consent_withdrawn_at = utcnow()
        session.flush()
    return placement


def end_placement(session: Session, actor: Actor, candidate_id: int, placement_id: int,
                  data: PlacementEnd, expected_version: int) -> Placement:
    """End the placement (its last day: today unless given). Raises NotFound, StaleVersion,
    PlacementEnded, ValidationFailed."""
    _file, placement = _running(session, actor, candidate_id, placement_id)
    check_version(placement.version, expected_version)
    ends_on = data.ends_on or local_today()
    if placement.starts_on and ends_on < placement.starts_on:
        raise _invalid("ends_on", _("The end date cannot be before the start date."))
    placement.ends_on = ends_on
    placement.ended_at = utcnow()
    session.flush()
    return placement


@dataclass
class PlacementChoices:
    """What the placement forms offer: the organisation's employers with their people, the
    journey's trial and contract steps, and who can give consent (candidate and network)."""

    employers: list[tuple[Employer, list[ContactPerson]]]
    trial_steps: list[JourneyStep]
    contract_steps: list[JourneyStep]
    consenters: list[Person]


def placement_choices(session: Session, file: CandidateFile) -> PlacementChoices:
    """Reads the file's steps and network (both are shown as choices). Raises NotFound."""
    file.require(FileArea.steps).require(FileArea.network)
    employers = list(session.scalars(select(Employer).where(
        Employer.organisation_id == file.candidate.organisation_id)
        .order_by(func.lower(Employer.name), Employer.id)))
    contacts = contacts_by_employer(session, employers)
    steps = list(session.scalars(
        select(JourneyStep).join(Journey, Journey.id == JourneyStep.journey_id)
        .where(Journey.candidate_id == file.candidate_id,
               JourneyStep.kind.in_([StepKind.trial, StepKind.contract]))
        .order_by(Journey.id.desc(), JourneyStep.position)))
    members = list(session.scalars(
        select(Person).join(NetworkGrant, NetworkGrant.member_id == Person.id)
        .where(NetworkGrant.candidate_id == file.candidate_id,
               NetworkGrant.revoked_at.is_(None)).order_by(Person.display_name)))
    return PlacementChoices(
        employers=[(e, [c for c in contacts[e.id] if c.person.is_active]) for e in employers],
        trial_steps=[s for s in steps if s.kind is StepKind.trial],
        contract_steps=[s for s in steps if s.kind is StepKind.contract],
        consenters=[file.candidate, *members])


# --- milestones --------------------------------------------------------------------------------


def _anchor_date(session: Session, placement: Placement, anchor: Anchor,
                 ) -> tuple[date | None, JourneyStep | None]:
    step_id = placement.trial_step_id if anchor is Anchor.trial_start else (
        placement.contract_step_id)
    step = session.get(JourneyStep, step_id) if step_id else None
    if step is None:
        return None, None
    start = step.actual_start or step.planned_start
    if start is None and anchor is Anchor.trial_start:
        start = placement.starts_on  # the trial is the placement's first part
    return start, step


def _due_on(rule: MilestoneRule, start: date, step: JourneyStep,
            organisation: Organisation | None) -> date:
    week = rule.in_week
    trial_weeks = step.trial_weeks or (organisation.trial_weeks if organisation else None)
    if rule.anchor is Anchor.trial_start and trial_weeks:
        week = min(week, trial_weeks)  # a shorter trial measures in its last week
    return add_months(start + timedelta(weeks=week - 1), rule.months)


def _in_dutch(text) -> str:
    """A rule's text as the employer reads it: stored in Dutch, whatever the staff member's
    language."""
    if not text:
        return ""
    token = set_locale(DEFAULT.code)
    try:
        return str(text)
    finally:
        reset_locale(token)


def add_default_milestones(session: Session, placement: Placement) -> list[PlacementMilestone]:
    """Add the organisation's usual milestones whose moment is known (the trial or contract
    step linked and dated) and that the placement does not have yet (of that kind)."""
    candidate = session.get(Person, placement.candidate_id)
    organisation = session.get(Organisation, candidate.organisation_id)
    have = set(session.scalars(select(PlacementMilestone.kind).where(
        PlacementMilestone.placement_id == placement.id)))
    added = []
    for rule in rules_for(organisation.slug if organisation else None):
        if rule.kind in have:
            continue
        start, step = _anchor_date(session, placement, rule.anchor)
        if start is None:
            continue
        task = _in_dutch(rule.employer_task)
        milestone = PlacementMilestone(
            placement_id=placement.id, kind=rule.kind,
            due_on=_due_on(rule, start, step, organisation), employer_task=task)
        session.add(milestone)
        have.add(rule.kind)
        added.append(milestone)
    session.flush()
    return added


def _milestone(session: Session, actor: Actor, candidate_id: int, placement_id: int,
               milestone_id: int) -> tuple[Placement, PlacementMilestone]:
    _file, placement = _running(session, actor, candidate_id, placement_id)
    milestone = session.get(PlacementMilestone, milestone_id)
    if milestone is None or milestone.placement_id != placement.id:
        raise NotFound()
    return placement, milestone


def add_milestone(session: Session, actor: Actor, candidate_id: int, placement_id: int,
                  data: MilestoneCreate) -> PlacementMilestone:
    """Raises NotFound, PlacementEnded."""
    _file, placement = _running(session, actor, candidate_id, placement_id)
    milestone = PlacementMilestone(placement_id=placement.id, **data.model_dump())
    session.add(milestone)
    session.flush()
    return milestone


def update_milestone(session: Session, actor: Actor, candidate_id: int, placement_id: int,
                     milestone_id: int, data: MilestoneUpdate,
                     expected_version: int) -> PlacementMilestone:
    """Change the fields sent. Raises NotFound, StaleVersion, PlacementEnded."""
    _placement_row, milestone = _milestone(session, actor, candidate_id, placement_id,
                                           milestone_id)
    check_version(milestone.version, expected_version)
    for name, value in data.model_dump(exclude_unset=True).items():
        if value is not None:
            setattr(milestone, name, value)
    session.flush()
    return milestone


def complete_milestone(session: Session, actor: Actor, candidate_id: int, placement_id: int,
                       milestone_id: int, data: MilestoneComplete,
                       expected_version: int) -> PlacementMilestone:
    """Mark a milestone done (on a day, today by default), with the measured wage value for a
    wage-value milestone. Raises NotFound, StaleVersion, PlacementEnded, ValidationFailed."""
    _placement_row, milestone = _milestone(session, actor, candidate_id, placement_id,
                                           milestone_id)
    check_version(milestone.version, expected_version)
    if data.wage_value_percent is not None and milestone.kind not in WAGE_VALUE_KINDS:
        raise _invalid("wage_value_percent", _("Only a wage-value milestone has a wage "
                                               "value."))
    if milestone.kind is MilestoneKind.wage_value_final and data.wage_value_percent is None:
        raise _invalid("wage_value_percent", _("Fill in the wage value that was determined."),
                       "missing")
    done_on = data.done_on or local_today()
    if done_on > local_today():
        raise _invalid("done_on", _("The date cannot be in the future."))
    milestone.done_on = done_on
    milestone.wage_value_percent = data.wage_value_percent
    if data.note is not None:
        milestone.note = data.note
    session.flush()
    return milestone


def delete_milestone(session: Session, actor: Actor, candidate_id: int, placement_id: int,
                     milestone_id: int, expected_version: int) -> None:
    """Raises NotFound, StaleVersion, PlacementEnded."""
    _placement_row, milestone = _milestone(session, actor, candidate_id, placement_id,
                                           milestone_id)
    check_version(milestone.version, expected_version)
    session.delete(milestone)
    session.flush()


def placement_milestones(session: Session, candidate_ids: list[int]):
    """(candidate id, kind, due date, done date) of the milestones of these candidates' running
    placements, soonest first: one query however many candidates (the caseload's flags)."""
    if not candidate_ids:
        return []
    return session.execute(
        select(Placement.candidate_id, PlacementMilestone.kind, PlacementMilestone.due_on,
               PlacementMilestone.done_on)
        .join(Placement, Placement.id == PlacementMilestone.placement_id)
        .where(among(session, Placement.candidate_id, candidate_ids),
               Placement.ended_at.is_(None))
        .order_by(PlacementMilestone.due_on, PlacementMilestone.id)).all()
