"""Seeds the shipped route templates and the demo personas, and issues their sign-in links."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from app.appointments.models import Appointment
from app.auth.models import InviteKind
from app.auth.service import issue_invite
from app.clock import local_datetime, local_today
from app.contacts.models import ContactAssignment
from app.db import unit_of_work
from app.guarantees.models import FallbackGuarantee
from app.journeys.service import start_from_template
from app.messages.models import Message, MessageKind
from app.money.models import MoneyInputs
from app.network.models import Area, ConsentMethod, NetworkGrant
from app.people.models import Person, Role
from app.people.service import create_staff_member
from app.route_templates.models import StepTemplate
from app.route_templates.service import (
    ensure_organisation_with_route,
    read_route_file,
    shipped_route_files,
)
from app.settings import Settings

DEMO_PASSWORD = "stapwijzer-demo"  # noqa: S105 - demo only; the seed is refused in production
PERSONAS = ("candidate", "parent", "consultant", "backup_consultant", "admin", "other_consultant")
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


def _steps(session: Session, template_id: int) -> list[StepTemplate]:
    return list(session.scalars(
        select(StepTemplate).where(StepTemplate.route_template_id == template_id)
        .order_by(StepTemplate.position)
    ))


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return local_datetime(day, time(hour, minute))


def seed(session: Session, settings: Settings, *, today: date) -> None:
    """Every shipped route with its organisation, plus the demo personas of Almere and one
    consultant with a candidate in Amsterdam."""
    organisations = {}
    templates = {}
    for path in shipped_route_files():
        key = read_route_file(path)["key"]
        organisations[key], templates[key] = ensure_organisation_with_route(session, key)
    almere, amsterdam = organisations["almere"], organisations["amsterdam"]

    floor = create_staff_member(
        session, organisation_id=almere.id, display_name="Floor de Vries",
        email=EMAILS["consultant"], password=DEMO_PASSWORD,
        job_title="accountadviseur Beschut Werk", phone="036 539 9999",
    )
    sander = create_staff_member(
        session, organisation_id=almere.id, display_name="Sander Bakker",
        email=EMAILS["backup_consultant"], password=DEMO_PASSWORD,
        job_title="accountadviseur Beschut Werk", phone="036 539 9998",
    )
    create_staff_member(
        session, organisation_id=almere.id, display_name="Anouk Jansen",
        email=EMAILS["admin"], password=DEMO_PASSWORD, role=Role.admin,
        job_title="teamleider Werk",
    )
    ravi = create_staff_member(
        session, organisation_id=amsterdam.id, display_name="Ravi Ramdin",
        email=EMAILS["other_consultant"], password=DEMO_PASSWORD,
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
    start_from_template(
        session, candidate_id=guy.id, route_template_id=templates["almere"].id,
        step_templates=almere_steps, started_on=started_on, current_position=trial_position,
    )
    amsterdam_steps = _steps(session, templates["amsterdam"].id)
    start_from_template(
        session, candidate_id=sanne.id, route_template_id=templates["amsterdam"].id,
        step_templates=amsterdam_steps, started_on=today - timedelta(days=20),
        current_position=2,
    )

    visit_day = today + timedelta(days=(3 - today.weekday()) % 7 or 7)
    session.add_all([
        Appointment(
            candidate_id=guy.id, title="Gesprek over je proefplaatsing",
            starts_at=_at(visit_day, 10), ends_at=_at(visit_day, 11),
            place_name="Groenbedrijf Almere", address="Stadhuisplein 1, 1315 HR Almere",
            purpose="We praten over hoe het gaat. Wat gaat goed? Wat is moeilijk?",
            what_to_bring="Je rooster.", attendees=[
                {"person_id": floor.id}, {"name": "Kees, je werkbegeleider"},
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
                body="Goed gedaan, Guy! Je bent nu drie weken aan het werk. Kees is blij met je.",
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
        arranged_by="Floor de Vries, accountadviseur Beschut Werk",
        issued_by_organisation_id=almere.id, issued_by_id=floor.id,
        issued_on=started_on + timedelta(days=8),
    ))
    session.add(MoneyInputs(
        candidate_id=guy.id, number=1, household="single", adults_in_home=1, benefit="bijstand",
        volunteer_allowance_cents=5000, planned_hours=28,
        start_date=today + timedelta(days=30), created_by_id=floor.id,
    ))
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
              "parent": (marja, InviteKind.network_member, guy.id)}
    if not settings.is_production:
        for persona, email in EMAILS.items():
            people[persona] = (person(email=email), InviteKind.staff_signin, None)
    links = []
    for persona in PERSONAS:
        if persona not in people:
            continue
        who, kind, candidate_id = people[persona]
        issued = issue_invite(session, settings, kind=kind, person=who, created_by_id=None,
                              candidate_id=candidate_id)
        links.append(DemoLink(persona, who.display_name, invite_link(settings, issued.token),
                              issued.code))
    return links
