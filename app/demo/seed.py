"""Seeds the shipped route templates, the employers' checklists and the demo personas, and
issues their sign-in links."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from app.appointments.models import Appointment
from app.auth.models import InviteKind
from app.auth.security import hash_password
from app.auth.service import issue_invite
from app.clock import local_datetime, local_today
from app.contacts.models import ContactAssignment
from app.db import unit_of_work
from app.demo.employer import EMPLOYER_EMAIL, EMPLOYER_NAME, seed_employer
from app.employer_checklist.service import load_default_checklist
from app.guarantees.models import FallbackGuarantee
from app.journeys.changes import return_journey
from app.journeys.models import (
    Journey,
    JourneyStatus,
    JourneyStep,
    StepState,
    WayBackEvent,
    WayBackKind,
    WayBackReason,
)
from app.journeys.service import start_from_template
from app.messages.models import Message, MessageKind
from app.money.models import MoneyInputs
from app.network.models import Area, ConsentMethod, NetworkGrant
from app.people.models import Person, Role
from app.people.service import create_staff_member
from app.records.models import CandidateRecord, RecordKind
from app.records.service import dated_on, parse_record
from app.route_templates.models import StepKind, StepTemplate
from app.route_templates.service import (
    ensure_organisation_with_route,
    read_route_file,
    shipped_route_files,
)
from app.settings import Settings

DEMO_PASSWORD = "stapwijzer-demo"  # noqa: S105 - demo only; the seed is refused in production
PERSONAS = ("candidate", "parent", "consultant", "backup_consultant", "admin", "other_consultant",
            "employer")
EMAILS = {
    "consultant": "floor@almere.demo",
    "backup_consultant": "sander@almere.demo",
    "admin": "anouk@almere.demo",
    "other_consultant": "ravi@amsterdam.demo",
}


@dataclass(frozen=True)
class DemoLink:
    persona: str
    display_name: str
    link: str
    code: str


def is_seeded(session: Session) -> bool:
    return session.scalar(select(Person.id).where(Person.email == EMAILS["consultant"])) is not None


def seed_if_empty(factory: sessionmaker, settings: Settings) -> bool:
    """Seed the demo once; returns True when it seeded now."""
    with unit_of_work(factory) as session:
        if is_seeded(session):
            return False
        seed(session, settings, today=local_today())
        return True


def top_up(session: Session, *, today: date) -> None:
    """Add to a demo seeded by an earlier version what later versions seed: each organisation's
    employer checklist, and Tim's firm with Guy's placement (so `demo --json` can always print
    every persona's link). Run by `stapwijzer demo`, not at every server start."""
    from app.organisations.models import Organisation

    for organisation in session.scalars(select(Organisation).order_by(Organisation.id)):
        load_default_checklist(session, organisation)
    if session.scalar(select(Person.id).where(Person.email == EMPLOYER_EMAIL)) is not None:
        return
    floor = session.scalar(select(Person).where(Person.email == EMAILS["consultant"]))
    guy = session.scalar(select(Person).where(Person.display_name == "Guy Visser",
                                              Person.role == Role.candidate))
    journey = session.scalar(select(Journey).where(Journey.candidate_id == guy.id)
                             .order_by(Journey.id.desc())) if guy is not None else None
    if floor is None or journey is None:
        return
    steps = _steps_by_key(session, journey)
    if "trial" in steps and "contract" in steps:
        seed_employer(session, organisation_id=floor.organisation_id, guy=guy, floor=floor,
                      steps=steps, password_hash=_demo_password_hash(), today=today)


def _steps(session: Session, template_id: int) -> list[StepTemplate]:
    return list(session.scalars(
        select(StepTemplate).where(StepTemplate.route_template_id == template_id)
        .order_by(StepTemplate.position)
    ))


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return local_datetime(day, time(hour, minute))


def _position(steps: list[StepTemplate], key: str) -> int:
    """The step's place among the forward steps (the return step is not one of them)."""
    forward = [s for s in steps if s.kind is not StepKind.return_]
    return next(i for i, s in enumerate(forward, start=1) if s.key == key)


def _record(session: Session, candidate_id: int, author_id: int, data: dict,
            step: JourneyStep | None = None) -> None:
    """A structured step record, checked by its kind's schema like one sent to the API."""
    record = parse_record(data)
    number = len(session.scalars(select(CandidateRecord.id).where(
        CandidateRecord.candidate_id == candidate_id)).all()) + 1
    session.add(CandidateRecord(
        candidate_id=candidate_id, record_no=number, number=1, kind=RecordKind(record.kind),
        step_id=step.id if step else None, step_kind=step.kind.value if step else None,
        dated_on=dated_on(record), data=record.model_dump(mode="json", exclude={"step_id"}),
        created_by_id=author_id))
    session.flush()


def _steps_by_key(session: Session, journey: Journey) -> dict[str, JourneyStep]:
    return {s.key: s for s in session.scalars(
        select(JourneyStep).where(JourneyStep.journey_id == journey.id))}


@lru_cache(maxsize=1)
def _demo_password_hash() -> str:
    # One Argon2 hash for every demo account: each hash costs ~0.1–0.3 s of CPU by design, and
    # six of them were most of a first start. Same password, so the same hash is no weaker.
    return hash_password(DEMO_PASSWORD)


def _demo_staff(session: Session, **details) -> Person:
    return create_staff_member(session, password=None, password_hash=_demo_password_hash(),
                               **details)


def seed(session: Session, settings: Settings, *, today: date) -> None:
    """Every shipped route with its organisation, plus the demo personas of Almere and one
    consultant with a candidate in Amsterdam."""
    organisations = {}
    templates = {}
    for path in shipped_route_files():
        key = read_route_file(path)["key"]
        organisations[key], templates[key] = ensure_organisation_with_route(session, key)
        # The conditions and points of attention its employers get (employer_checklist/data).
        load_default_checklist(session, organisations[key])
    almere, amsterdam = organisations["almere"], organisations["amsterdam"]

    floor = _demo_staff(
        session, organisation_id=almere.id, display_name="Floor de Vries",
        email=EMAILS["consultant"],
        job_title="accountadviseur Beschut Werk", phone="036 539 9999",
    )
    sander = _demo_staff(
        session, organisation_id=almere.id, display_name="Sander Bakker",
        email=EMAILS["backup_consultant"],
        job_title="accountadviseur Beschut Werk", phone="036 539 9998",
    )
    _demo_staff(
        session, organisation_id=almere.id, display_name="Anouk Jansen",
        email=EMAILS["admin"], role=Role.admin,
        job_title="teamleider Werk",
    )
    ravi = _demo_staff(
        session, organisation_id=amsterdam.id, display_name="Ravi Ramdin",
        email=EMAILS["other_consultant"],
        job_title="consulent Beschut Werk",
    )

    guy = Person(
        organisation_id=almere.id, role=Role.candidate, display_name="Guy Visser",
        date_of_birth=date(today.year - 32, 5, 14), phone="06 1234 5678",
        day_activity_provider="De Werkplaats Almere",
    )
    marja = Person(organisation_id=almere.id, role=Role.network, display_name="Marja Visser")
    sanne = Person(
        organisation_id=amsterdam.id, role=Role.candidate, display_name="Sanne Bos",
        date_of_birth=date(today.year - 26, 2, 3), day_activity_provider="Cordaan Amsterdam",
    )
    session.add_all([guy, marja, sanne])
    session.flush()

    session.add_all([
        ContactAssignment(candidate_id=guy.id, primary_id=floor.id, backup_id=sander.id),
        ContactAssignment(candidate_id=sanne.id, primary_id=ravi.id),
    ])
    session.add(NetworkGrant(
        candidate_id=guy.id, member_id=marja.id, relation="moeder",
        areas=[a.value for a in Area], consent_by_id=guy.id,
        consent_method=ConsentMethod.in_person, created_by_id=floor.id,
    ))

    # Guy is halfway: in week 3 of his 8-week trial placement (the fourth step of Almere).
    almere_steps = _steps(session, templates["almere"].id)
    trial_position = next(i for i, s in enumerate(almere_steps, start=1) if s.kind == "trial")
    before = sum(s.default_duration_days for s in almere_steps[: trial_position - 1])
    started_on = today - timedelta(days=before + 17)
    guy_journey, _ = start_from_template(
        session, candidate_id=guy.id, route_template_id=templates["almere"].id,
        step_templates=almere_steps, started_on=started_on, current_position=trial_position,
    )
    # His positive advice and the trial that followed it ("na een positief advies").
    guy_steps = _steps_by_key(session, guy_journey)
    advice_on = guy_steps["uwv-advice"].actual_start or started_on
    decided_on = guy_steps["decision"].actual_end or today
    _record(session, guy.id, floor.id, {
        "kind": "uwv_advice", "requested_on": advice_on.isoformat(),
        "requested_with_candidate": True, "accompanied_by": ["consultant", "parent"],
        "interview_on": (guy_steps["uwv-interview"].actual_start or advice_on).isoformat(),
        "outcome": "positive", "letter_on": decided_on.isoformat()}, guy_steps["uwv-advice"])
    _record(session, guy.id, floor.id, {
        "kind": "decision", "decided_on": decided_on.isoformat(), "outcome": "positive",
        "decided_with": ["candidate", "consultant", "care_provider"]}, guy_steps["decision"])
    trial_start = guy_steps["trial"].actual_start or today
    _record(session, guy.id, floor.id, {
        "kind": "trial", "starts_on": trial_start.isoformat(), "weeks": 8,
        "paid_by": "municipality", "travel_costs_reimbursed": True}, guy_steps["trial"])
    amsterdam_steps = _steps(session, templates["amsterdam"].id)
    start_from_template(
        session, candidate_id=sanne.id, route_template_id=templates["amsterdam"].id,
        step_templates=amsterdam_steps, started_on=today - timedelta(days=20),
        current_position=2,
    )

    # His trial place: Tim de Wit's meal-delivery firm, Tim his workplace supervisor.
    tim = seed_employer(session, organisation_id=almere.id, guy=guy, floor=floor,
                        steps=guy_steps, password_hash=_demo_password_hash(), today=today)
    visit_day = today + timedelta(days=(3 - today.weekday()) % 7 or 7)
    session.add_all([
        Appointment(
            candidate_id=guy.id, title="Gesprek over je proefplaatsing",
            starts_at=_at(visit_day, 10), ends_at=_at(visit_day, 11),
            place_name=EMPLOYER_NAME, address="Havenkade 12, 1315 JK Almere",
            purpose="We praten over hoe het gaat. Wat gaat goed? Wat is moeilijk?",
            what_to_bring="Je rooster.", attendees=[
                {"person_id": floor.id}, {"person_id": tim.id},
            ],
            created_by_id=floor.id,
        ),
        Appointment(
            candidate_id=guy.id, title="Driegesprek",
            starts_at=_at(started_on + timedelta(days=8), 14),
            ends_at=_at(started_on + timedelta(days=8), 15),
            place_name="De Werkplaats Almere", address="Markt 10, 1315 AA Almere",
            purpose="Kennismaken en kiezen.", attendees=[{"person_id": floor.id}],
            created_by_id=floor.id,
        ),
    ])
    session.add_all([
        Message(candidate_id=guy.id, author_id=floor.id, kind=MessageKind.update,
                body="Goed gedaan, Guy! Je bent nu drie weken aan het werk. Tim is blij met je.",
                pictogram="trial"),
        Message(candidate_id=sanne.id, author_id=ravi.id, kind=MessageKind.update,
                body="Welkom, Sanne. Ik ben je vaste contactpersoon."),
    ])
    session.add(FallbackGuarantee(
        candidate_id=guy.id, number=1, provider_name="De Werkplaats Almere",
        provider_address="Markt 10, 1315 AA Almere",
        indication_valid_until=today + timedelta(days=5 * 365),
        income_consequences=(
            "Stopt je werk? Dan krijg je weer een bijstandsuitkering. "
            "De gemeente regelt dat meteen, zonder nieuwe aanvraag."
        ),
        income_on_return="restart_without_application",
        arranged_by="Floor de Vries, accountadviseur Beschut Werk",
        issued_by_organisation_id=almere.id, issued_by_id=floor.id,
        issued_on=started_on + timedelta(days=8),
    ))
    session.add(MoneyInputs(
        candidate_id=guy.id, number=1, household="single", adults_in_home=1, benefit="bijstand",
        volunteer_allowance_cents=5000, planned_hours=28,
        debt_restructuring=True, budget_manager=True,
        # The first salary comes with the contract at Tim's firm: one start date on every page.
        start_date=guy_steps["contract"].planned_start or today + timedelta(days=30),
        created_by_id=floor.id,
    ))
    session.flush()
    _seed_other_places(session, organisations, templates, ravi, today=today)


def _seed_other_places(session: Session, organisations, templates, ravi: Person, *,
                       today: date) -> None:
    """The journey as other places run it: the desired journey's overlap, Ferm Werk's hours
    building up, and Amsterdam's way back with the salary kept (secondment)."""
    example = organisations["gewenste-klantreis"]
    iris = _demo_staff(
        session, organisation_id=example.id, display_name="Iris Vermeulen",
        email="iris@voorbeeld.demo", job_title="consulent Werk")
    ferm = organisations["ferm-werk"]
    lotte = _demo_staff(
        session, organisation_id=ferm.id, display_name="Lotte Smits",
        email="lotte@fermwerk.demo", job_title="werkfitcoördinator")
    noor = Person(organisation_id=example.id, role=Role.candidate, display_name="Noor de Wit",
                  date_of_birth=date(today.year - 23, 9, 2),
                  day_activity_provider="Zorgboerderij De Linde")
    daan = Person(organisation_id=ferm.id, role=Role.candidate, display_name="Daan de Boer",
                  date_of_birth=date(today.year - 20, 4, 11),
                  day_activity_provider="Dagbesteding De Schakel Woerden")
    mo = Person(organisation_id=organisations["amsterdam"].id, role=Role.candidate,
                display_name="Mo Amrani", date_of_birth=date(today.year - 35, 1, 20),
                day_activity_provider="Pantar Amsterdam")
    session.add_all([noor, daan, mo])
    session.flush()
    session.add_all([
        ContactAssignment(candidate_id=noor.id, primary_id=iris.id),
        ContactAssignment(candidate_id=daan.id, primary_id=lotte.id),
        ContactAssignment(candidate_id=mo.id, primary_id=ravi.id),
    ])

    # Noor tries her workplace while the UWV advice runs ("ik mag ondertussen starten met een
    # proefplaatsing"); her day activities stay beside both.
    steps = _steps(session, templates["gewenste-klantreis"].id)
    trial = _position(steps, "trial")
    journey, _ = start_from_template(
        session, candidate_id=noor.id, route_template_id=templates["gewenste-klantreis"].id,
        step_templates=steps, started_on=today - timedelta(days=60), current_position=trial)
    noor_steps = _steps_by_key(session, journey)
    _record(session, noor.id, iris.id, {
        "kind": "uwv_advice", "requested_on": (today - timedelta(days=20)).isoformat(),
        "requested_with_candidate": True, "accompanied_by": ["consultant"],
        "interview_on": (today + timedelta(days=9)).isoformat()}, noor_steps["uwv-advice"])

    # Daan builds up his hours at the work company while his day-activity hours go down.
    steps = _steps(session, templates["ferm-werk"].id)
    journey, _ = start_from_template(
        session, candidate_id=daan.id, route_template_id=templates["ferm-werk"].id,
        step_templates=steps, started_on=today - timedelta(days=120),
        current_position=_position(steps, "build-up-hours"))
    daan_steps = _steps_by_key(session, journey)
    _record(session, daan.id, lotte.id, {"kind": "hours_plan", "periods": [
        {"starts_on": (today - timedelta(days=70)).isoformat(), "work_hours": "8",
         "day_activity_hours": "24", "work_days": 1, "day_activity_days": 4},
        {"starts_on": (today - timedelta(days=28)).isoformat(), "work_hours": "12",
         "day_activity_hours": "20", "work_days": 2, "day_activity_days": 3},
        {"starts_on": (today + timedelta(days=28)).isoformat(), "work_hours": "16",
         "day_activity_hours": "16", "work_days": 2, "day_activity_days": 2},
        {"starts_on": (today + timedelta(days=90)).isoformat(), "work_hours": "24",
         "day_activity_hours": "8", "work_days": 3, "day_activity_days": 1},
    ]}, daan_steps["build-up-hours"])

    # Mo worked two years; work became too much, and he went back to Pantar on secondment,
    # keeping his salary ("detacheringsconstructie hun salaris").
    steps = _steps(session, templates["amsterdam"].id)
    started = today - timedelta(days=800)
    worked, _ = start_from_template(
        session, candidate_id=mo.id, route_template_id=templates["amsterdam"].id,
        step_templates=steps, started_on=started,
        current_position=_position(steps, "job-coach"))
    mo_steps = _steps_by_key(session, worked)
    contract_start = mo_steps["contract"].actual_start or started
    _record(session, mo.id, ravi.id, {
        "kind": "contract", "employer_name": "Pantar", "hours_per_week": "24",
        "wage_basis": "hourly", "wage_cents": 1500, "starts_on": contract_start.isoformat()},
        mo_steps["contract"])
    back_on = today - timedelta(days=10)
    worked.status, worked.ended_on = JourneyStatus.returned, back_on
    for step in mo_steps.values():
        if step.state is StepState.current:
            step.state, step.actual_end = StepState.done, back_on
    session.add(WayBackEvent(
        candidate_id=mo.id, journey_id=worked.id, kind=WayBackKind.secondment,
        reason=WayBackReason.too_much, starts_on=back_on, created_by_id=ravi.id,
        note="Werk werd te zwaar. Mo gaat terug naar Pantar en houdt zijn salaris."))
    return_journey(session, worked, "Pantar Amsterdam", back_on, secondment=True)
    session.add(FallbackGuarantee(
        candidate_id=mo.id, number=1, provider_name="Pantar Amsterdam",
        provider_address="Karperweg 45, 1075 LB Amsterdam",
        indication_valid_until=today + timedelta(days=3 * 365),
        income_consequences="Je blijft in dienst. Je salaris blijft hetzelfde.",
        income_on_return="salary_kept",
        arranged_by="Ravi Ramdin, consulent Beschut Werk",
        issued_by_organisation_id=organisations["amsterdam"].id, issued_by_id=ravi.id,
        issued_on=started + timedelta(days=30)))
    session.flush()


def issue_demo_links(session: Session, settings: Settings) -> list[DemoLink]:
    """Fresh single-use sign-in links for every persona (earlier unused ones stop working).
    Staff links exist only outside production; there staff use password and TOTP."""
    from app.auth.links import invite_link

    def person(**where) -> Person:
        statement = select(Person)
        for field, value in where.items():
            statement = statement.where(getattr(Person, field) == value)
        return session.scalar(statement.order_by(Person.id).limit(1))

    guy = person(display_name="Guy Visser", role=Role.candidate)
    marja = person(display_name="Marja Visser", role=Role.network)
    people = {"candidate": (guy, InviteKind.candidate_device, None),
              "parent": (marja, InviteKind.network_member, guy.id),
              "employer": (person(email=EMPLOYER_EMAIL), InviteKind.employer_contact, None)}
    if not settings.is_production:
        for persona, email in EMAILS.items():
            people[persona] = (person(email=email), InviteKind.staff_signin, None)
    links = []
    for persona in PERSONAS:
        if persona not in people:
            continue
        who, kind, candidate_id = people[persona]
        if who is None:  # a persona this database does not hold
            continue
        issued = issue_invite(session, settings, kind=kind, person=who, created_by_id=None,
                              candidate_id=candidate_id)
        links.append(DemoLink(persona, who.display_name, invite_link(settings, issued.token),
                              issued.code))
    return links
