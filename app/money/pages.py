"""Pages: Mijn geld (candidate and network) and the public calculator (no sign-in)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from fastapi import Request
from pydantic import Field, TypeAdapter, ValidationError

from app.access import FileArea
from app.candidate_home.navigation import file_view
from app.clock import local_today
from app.deps import CurrentActor, SessionDep
from app.error_handlers import invalid_params_from
from app.errors import ValidationFailed
from app.guarantees.views import income_on_return
from app.journeys.views import way_back_notes
from app.money import service
from app.money.engine import calculate
from app.money.schemas import CalculationRequest
from app.money.views import personal_actions, result_context, source_lines
from app.path_ids import RecordId
from app.route_table import APIRouter
from app.templating import render

router = APIRouter(include_in_schema=False)


def _hours_param(request: Request) -> Decimal | None:
    """The hours to try: the field's value, plus or minus one hour for the -/+ buttons;
    rounded to half hours and kept within 0-40 (odd input is clamped, not an error)."""
    raw = request.query_params.get("hours")
    if raw is None:
        return None
    try:
        value = (Decimal(raw.replace(",", ".")) * 2).to_integral_value() / 2
    except InvalidOperation:
        return None
    step = request.query_params.get("step")
    if step in ("-1", "1"):
        value += Decimal(step)
    return min(max(value, Decimal(0)), Decimal(40))


@router.get("/c/{candidate_id}/money", name="money:overview")
def overview(candidate_id: RecordId, request: Request, actor: CurrentActor, session: SessionDep):
    view = file_view(session, actor, candidate_id, FileArea.money)
    result = service.get_overview(session, view.file, hours=_hours_param(request))
    context: dict[str, Any] = {
        "view": view, "inputs": result.inputs,
        "sources": source_lines(result.sources,
                                result.contract.employer_name if result.contract else None),
        "way_back": way_back_notes(session, view.file, FileArea.money),
        "income_on_return": income_on_return(session, view.file, FileArea.money)}
    if result.outcome is not None:
        context.update(result_context(result.outcome, result.hours))
        context["actions"] = personal_actions(result.outcome, result.inputs,
                                              context["income_on_return"])
        context["estimate_on_top"] = True
        context["printed_on"] = local_today()
    return render(request, "money/overview.html", context)


# --- The public calculator: one question per screen, answers carried in the URL. ----------

QUESTIONS = ("age", "household", "adults_in_home", "children_ages", "benefit",
             "volunteer_allowance", "rent", "hours")


def _questions_for(answers: dict[str, str]) -> list[str]:
    skip = set()
    if answers.get("household") != "with_parents":
        skip.add("adults_in_home")
    if answers.get("household") != "single_parent":
        skip.add("children_ages")
    return [q for q in QUESTIONS if q not in skip]


def _request_from(answers: dict[str, str]) -> CalculationRequest:
    children = [int(part) for part in answers.get("children_ages", "").replace(";", ",").split(",")
                if part.strip().isdigit()]
    household = answers.get("household") or "single"
    return CalculationRequest.model_validate({
        "situation": {
            "as_of": local_today().isoformat(),
            "age": int(answers["age"]) if answers.get("age", "").isdigit() else answers.get("age"),
            "household": household,
            "adults_in_home": int(answers.get("adults_in_home") or
                                  (3 if household == "with_parents" else 1)),
            "children_ages": children,
            "benefit": answers.get("benefit") or "none",
            "volunteer_allowance": (answers.get("volunteer_allowance") or "0").replace(",", "."),
            "rent": (answers.get("rent") or "").replace(",", ".") or None,
        },
        "work": {"hours_per_week": (answers.get("hours") or "0").replace(",", ".")},
    }, strict=False)


# Ages of children as a person types them: "4, 9" or "4;9".
AGES_PATTERN = r"^\s*\d{1,2}(\s*[,;]\s*\d{1,2})*\s*$"
_ANSWER_TYPES = {
    "age": TypeAdapter(Annotated[int, Field(ge=15, le=70)]),
    "household": TypeAdapter(Literal["single", "single_parent", "couple", "with_parents"]),
    "adults_in_home": TypeAdapter(Annotated[int, Field(ge=1, le=10)]),
    "children_ages": TypeAdapter(Annotated[str, Field(pattern=AGES_PATTERN)]),
    "benefit": TypeAdapter(Literal["bijstand", "wajong", "none"]),
    "volunteer_allowance": TypeAdapter(Annotated[Decimal, Field(ge=0, le=10_000)]),
    "rent": TypeAdapter(Annotated[Decimal, Field(ge=0, le=10_000)] | None),
    "hours": TypeAdapter(Annotated[Decimal, Field(ge=0, le=40, multiple_of=Decimal("0.5"))]),
}


def answer_error(question: str, value: str) -> ValidationFailed | None:
    """Check one answer on its own (the screen that asked it shows the message)."""
    value = value.strip()
    if question in ("volunteer_allowance", "rent", "hours"):
        value = value.replace(",", ".")
    if question == "rent" and value == "":
        return None
    try:
        _ANSWER_TYPES[question].validate_python(value, strict=False)
    except ValidationError as error:
        params = invalid_params_from(error.errors())
        return ValidationFailed(invalid_params=[{**p, "name": question} for p in params])
    return None


@router.get("/calculator", name="money:calculator")
def calculator(request: Request):
    answers = {q: request.query_params[q] for q in QUESTIONS if q in request.query_params}
    questions = _questions_for(answers)
    asked = request.query_params.get("asked")
    error = answer_error(asked, answers.get(asked, "")) if asked in questions else None
    missing = [q for q in questions if q not in answers]
    if error is not None or missing:
        question = asked if error is not None else missing[0]
        position = questions.index(question)
        return render(request, "money/calculator_step.html", {
            "question": question, "answers": answers, "error": error,
            "number": position + 1, "total": len(questions),
            "previous": questions[:position],
        }, status_code=422 if error else 200)
    try:
        situation, work = _request_from(answers).to_engine()
    except ValidationError:
        # Answers edited by hand in the address bar: start again rather than guess.
        return render(request, "money/calculator_step.html", {
            "question": questions[0], "answers": {}, "error": None, "number": 1,
            "total": len(questions), "previous": []}, status_code=422)
    hours = _hours_param(request)
    if hours is not None and hours != work.hours_per_week:
        work = replace(work, hours_per_week=hours)
        answers["hours"] = str(hours)
    outcome = calculate(situation, work)
    return render(request, "money/calculator_result.html", {
        "answers": answers, **result_context(outcome, work.hours_per_week)})
