"""The money section of a candidate's file: the money details, the day the benefits office was
told, and turning a money action into a step (through `money.service` and `journeys.changes`,
with the schemas of the JSON API)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from fastapi import Form, Request
from sqlmodel import Session

from app.access import open_file
from app.auth.actor import Actor
from app.backoffice.file.common import FILE, attempt, done, file_candidate, iso, page
from app.backoffice.forms import FormModel, Text, amount, blank, whole
from app.clock import local_today
from app.deps import ConsultantActor, SessionDep
from app.errors import AppError
from app.i18n import lazy_gettext as _l
from app.journeys import changes
from app.journeys.schemas import StepCreate
from app.money import service as money_service
from app.money.inputs import BenefitsOfficeInformedCreate, MoneyInputsUpdate
from app.money.models import MoneyInputs
from app.money.texts import action_text
from app.money.views import result_context, source_lines
from app.path_ids import RecordId
from app.people.models import Person
from app.route_table import APIRouter

router = APIRouter(include_in_schema=False)

HOUSEHOLD_LABELS = {
    "single": _l("Single, own home"), "single_parent": _l("Single parent"),
    "couple": _l("With a partner"), "with_parents": _l("Lives with the parents"),
}
BENEFIT_LABELS = {
    "bijstand": _l("Bijstand (municipality)"), "wajong": _l("Wajong (UWV)"),
    "none": _l("No benefit"),
}


def _text(value) -> str:
    if isinstance(value, Decimal):
        value = value.normalize() if value == value.to_integral_value() else value
        return format(value, "f")
    return "" if value is None else str(value)


class MoneyForm(FormModel):
    """The money details. The day the benefits office was told has its own form, so it is not
    sent here and the service keeps it."""

    version: int
    household: Text = "single"
    adults_in_home: Text = "1"
    children_ages: Text = ""
    benefit: Text = "bijstand"
    age: Text = ""
    partner_net_income: Text = ""
    volunteer_allowance: Text = ""
    rent: Text = ""
    medical_hours_limit: Text = ""
    debt_restructuring: Text = ""
    budget_manager: Text = ""
    planned_hours: Text = ""
    hourly_wage: Text = ""
    start_date: Text = ""

    @classmethod
    def of(cls, inputs: MoneyInputs | None) -> MoneyForm:
        if inputs is None:
            return cls(version=0)
        values = money_service.inputs_public_dict(inputs)
        return cls(
            version=inputs.number, household=values["household"],
            adults_in_home=_text(values["adults_in_home"]),
            children_ages=", ".join(str(a) for a in values["children_ages"]),
            benefit=values["benefit"], age=_text(values["age"]),
            partner_net_income=_text(values["partner_net_income"] or None),
            volunteer_allowance=_text(values["volunteer_allowance"] or None),
            rent=_text(values["rent"]),
            medical_hours_limit="1" if values["medical_hours_limit"] else "",
            debt_restructuring="1" if values["debt_restructuring"] else "",
            budget_manager="1" if values["budget_manager"] else "",
            planned_hours=_text(values["planned_hours"]),
            hourly_wage=_text(values["hourly_wage"]), start_date=iso(values["start_date"]))

    def to_schema(self) -> MoneyInputsUpdate:
        ages = [whole(part) for part in self.children_ages.replace(";", ",").split(",")
                if part.strip()]
        adults = whole(self.adults_in_home)
        data: dict[str, Any] = {
            "household": self.household, "adults_in_home": 1 if adults is None else adults,
            "children_ages": ages, "benefit": self.benefit, "age": whole(self.age),
            "partner_net_income": amount(self.partner_net_income) or "0",
            "volunteer_allowance": amount(self.volunteer_allowance) or "0",
            "rent": amount(self.rent), "medical_hours_limit": self.medical_hours_limit == "1",
            "planned_hours": amount(self.planned_hours), "hourly_wage": amount(self.hourly_wage),
            "start_date": blank(self.start_date),
            "debt_restructuring": self.debt_restructuring == "1",
            "budget_manager": self.budget_manager == "1",
        }
        return MoneyInputsUpdate.model_validate(data)


class InformedForm(FormModel):
    version: int
    informed_on: Text = ""

    def to_schema(self) -> BenefitsOfficeInformedCreate:
        return BenefitsOfficeInformedCreate.model_validate(
            {"informed_on": self.informed_on.strip()})


class ActionStepForm(FormModel):
    code: Text = ""

    def to_schema(self) -> StepCreate:
        return StepCreate.model_validate({"from_money_action": self.code})


def _money_page(request: Request, session: Session, actor: Actor, candidate: Person, *,
                error: AppError | None = None, failed: str | None = None,
                form: MoneyForm | None = None, informed: InformedForm | None = None):
    overview = money_service.get_overview(session, open_file(session, actor, candidate.id))
    version = overview.inputs.number if overview.inputs else 0
    stored_day = overview.inputs.benefits_office_informed_on if overview.inputs else None
    context: dict[str, Any] = {
        "inputs": overview.inputs, "version": version,
        "form": form or MoneyForm.of(overview.inputs),
        "household_labels": HOUSEHOLD_LABELS, "benefit_labels": BENEFIT_LABELS,
        "informed": informed or InformedForm(
            version=version,
            informed_on=iso(stored_day) or local_today().isoformat()),
        "money_actions": [],
        "sources": source_lines(overview.sources, overview.contract.employer_name
                                if overview.contract else None),
    }
    if overview.outcome is not None:
        context.update(result_context(overview.outcome, overview.hours))
        context["money_actions"] = [(a.code, action_text(a)) for a in overview.outcome.actions]
    return page(request, candidate, "money", "money.html", context, error=error, failed=failed)


@router.get(FILE + "/money", name="office.file:money")
def money(candidate_id: RecordId, request: Request, actor: ConsultantActor, session: SessionDep):
    candidate = file_candidate(session, actor, candidate_id)
    return _money_page(request, session, actor, candidate)


@router.post(FILE + "/money", name="office.file:money_save")
def money_save(candidate_id: RecordId, request: Request, actor: ConsultantActor,
               session: SessionDep, form: Annotated[MoneyForm, Form()]):
    candidate = file_candidate(session, actor, candidate_id)
    error = attempt(session, lambda: money_service.save_inputs(
        session, actor, candidate_id, form.to_schema(), form.version), MoneyForm)
    if error:
        # Invalid input stays in the form; after a stale version it shows what is stored.
        return _money_page(request, session, actor, candidate, error=error, failed="inputs",
                           form=None if error.status_code == 412 else form)
    return done(request, "office.file:money", candidate_id, "inputs")


@router.post(FILE + "/money/benefits-office-informed", name="office.file:money_informed")
def money_informed(candidate_id: RecordId, request: Request, actor: ConsultantActor,
                   session: SessionDep, form: Annotated[InformedForm, Form()]):
    candidate = file_candidate(session, actor, candidate_id)
    error = attempt(session, lambda: money_service.record_benefits_office_informed(
        session, actor, candidate_id, form.to_schema(), form.version), InformedForm)
    if error:
        return _money_page(request, session, actor, candidate, error=error, failed="informed",
                           informed=None if error.status_code == 412 else form)
    return done(request, "office.file:money", candidate_id, "informed")


@router.post(FILE + "/money/actions/step", name="office.file:money_action_step")
def money_action_step(candidate_id: RecordId, request: Request, actor: ConsultantActor,
                      session: SessionDep, form: Annotated[ActionStepForm, Form()]):
    candidate = file_candidate(session, actor, candidate_id)
    error = attempt(session, lambda: changes.add_step(
        session, actor, candidate_id, form.to_schema()), ActionStepForm)
    if error:
        return _money_page(request, session, actor, candidate, error=error)
    return done(request, "office.file:money", candidate_id, "money_step")
