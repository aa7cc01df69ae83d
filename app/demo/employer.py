"""The demo's employer: Tim de Wit of a social meal-delivery firm in Almere, with Guy's placement
and its wage-value and subsidy milestones (written with the models until the staff service of
the employers domain can write them)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session

from app.db import utcnow
from app.employers.models import (
    Employer,
    EmployerContact,
    EmployerKind,
    MilestoneKind,
    Placement,
    PlacementMilestone,
)
from app.journeys.models import JourneyStep
from app.network.models import ConsentMethod
from app.people.models import Person, Role

EMPLOYER_NAME = "Maaltijdservice De Kromme Lepel"
EMPLOYER_EMAIL = "tim@krommelepel.demo"


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def seed_employer(session: Session, *, organisation_id: int, guy: Person, floor: Person,
                  steps: dict[str, JourneyStep], password_hash: str, today: date) -> Person:
    """Tim's firm, Tim (manager and Guy's workplace supervisor) and Guy's placement, linked to
    his trial and contract steps, with Guy's consent recorded in a talk with Floor."""
    firm = Employer(organisation_id=organisation_id, name=EMPLOYER_NAME,
                    kind=EmployerKind.social_firm, street_address="Havenkade 12",
                    postcode="1315 JK", city="Almere")
    tim = Person(organisation_id=organisation_id, role=Role.employer, display_name="Tim de Wit",
                 job_title="bedrijfsleider", email=EMPLOYER_EMAIL, phone="036 720 1234",
                 password_hash=password_hash)
    session.add_all([firm, tim])
    session.flush()
    session.add(EmployerContact(employer_id=firm.id, person_id=tim.id))
    trial, contract = steps["trial"], steps["contract"]
    trial_start = trial.actual_start or today
    contract_start = contract.planned_start or trial_start + timedelta(weeks=8)
    placement = Placement(
        candidate_id=guy.id, employer_id=firm.id, supervisor_id=tim.id,
        journey_id=trial.journey_id, trial_step_id=trial.id, contract_step_id=contract.id,
        workplace="Keuken en bezorging", starts_on=trial_start,
        consent_by_id=guy.id, consent_at=utcnow(), consent_method=ConsentMethod.in_person,
        created_by_id=floor.id)
    session.add(placement)
    session.flush()
    final_on = _add_months(contract_start, 6)
    session.add_all([
        # Almere: the consultants measure the wage value in week 6 of the 8-week trial.
        PlacementMilestone(
            placement_id=placement.id, kind=MilestoneKind.wage_value_trial,
            due_on=trial_start + timedelta(weeks=5),
            employer_task="Floor maakt de afspraak voor de loonwaardemeting. Zorg dat Guy die "
                          "dag werkt."),
        PlacementMilestone(
            placement_id=placement.id, kind=MilestoneKind.support_allowance,
            due_on=contract_start + timedelta(days=14),
            employer_task="Vraag de begeleidingsvergoeding aan. Floor helpt met het formulier."),
        PlacementMilestone(
            placement_id=placement.id, kind=MilestoneKind.flat_rate_subsidy_end,
            due_on=final_on, note="Einde forfaitaire loonkostensubsidie (6 maanden)."),
        PlacementMilestone(
            placement_id=placement.id, kind=MilestoneKind.wage_value_final, due_on=final_on,
            employer_task="Geef de werktijden en taken van Guy door voor de definitieve "
                          "loonwaarde."),
    ])
    session.flush()
    return tim
