"""The records section of a candidate's file: every record with its plain words and checks, the
hours plan as a small chart, and one form per kind that builds the same body the JSON API takes
(through `records.service.save_record`, so a rule lives once)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, ClassVar

from fastapi import Form, Request
from sqlmodel import Session

from app.access import open_file
from app.auth.actor import Actor
from app.backoffice.file.common import FILE, attempt, done, file_candidate, page
from app.backoffice.forms import FormModel, Text, amount, blank, labelled, whole
from app.deps import ConsultantActor, SessionDep
from app.errors import AppError
from app.i18n import date_text, gettext, money_text
from app.i18n import lazy_gettext as _l
from app.journeys import service as journeys_service
from app.organisations.models import Organisation
from app.path_ids import RecordId
from app.people.models import Person
from app.records import service as records_service
from app.records import views as records_views
from app.records.models import RecordKind
from app.records.texts import GOAL_STATUS, KIND_LABELS
from app.route_table import APIRouter

router = APIRouter(include_in_schema=False)
GOAL_ROWS = 5
PERIOD_ROWS = 6

# The label of each form field, for the error summary at the top of a long form.
LABELS = {
    "requested_on": _l("Requested on"), "interview_on": _l("Interview date"),
    "letter_on": _l("Letter date"), "accompanied_by": _l("Who goes along"),
    "decided_on": _l("Decided on"), "decided_with": _l("Decided together with"),
    "employer_name": _l("Employer"), "hours_per_week": _l("Hours a week"),
    "wage": _l("Gross wage in euros"), "starts_on": _l("Start date"), "ends_on": _l("End date"),
    "weeks": _l("Weeks"), "paid_by": _l("Who pays"), "measured_on": _l("Measured on"),
    "percentage": _l("Wage value in percent"), "measurement": _l("Kind of measurement"),
    "screened_on": _l("Screened on"), "work_capacity": _l("Developable work capacity"),
    "screened_by": _l("Screened by"), "made_on": _l("Made on"), "goal_text": _l("Goal"),
    "goal_evaluate_on": _l("Evaluate on"), "ended_on": _l("Ended on"), "on": _l("Date"),
    "rung": _l("Rung"), "held_on": _l("Held on"), "summary": _l("Summary"),
    "next_on": _l("Next talk"), "period_starts_on": _l("Period from"),
    "period_work_hours": _l("Hours at work"),
    "period_day_activity_hours": _l("Hours at day activities"),
    "period_work_days": _l("Days at work"), "step_id": _l("Step"),
    "overpayment_agreed_on": _l("Agreement made on"),
    "checked_after_first_payslip_on": _l("Checked after the first payslip on"),
}
CHOICES = {
    "accompanied_by": {"consultant": _l("The consultant"), "parent": _l("A parent")},
    "uwv_outcome": {"pending": _l("Pending"), "positive": _l("Positive"),
                    "negative": _l("Negative")},
    "decision_outcome": {"positive": _l("Positive"), "negative": _l("Negative")},
    "decided_with": {"candidate": _l("The candidate"), "consultant": _l("The consultant"),
                     "care_provider": _l("The care provider"),
                     "income_consultant": _l("The income consultant")},
    "wage_basis": {"hourly": _l("Per hour"), "monthly": _l("Per month")},
    "paid_by": {"provider_lump_sum": _l("The provider, from its lump sum"),
                "municipality": _l("The municipality"), "employer": _l("The employer"),
                "nobody": _l("Nobody")},
    "measurement": {"trial_measurement": _l("Measurement during the trial"),
                    "definitive": _l("Definitive determination")},
    "work_capacity": {"yes": _l("Yes"), "no": _l("No"), "unclear": _l("Unclear")},
    "plan": {"personal_plan": _l("Personal plan"), "plan_of_approach": _l("Plan of approach")},
    "goal_status": GOAL_STATUS,
    "evaluation": {"progress_talk": _l("Progress talk"),
                   "end_of_trajectory": _l("End of the trajectory")},
    "goals_met": {"": _l("Not yet known"), "yes": _l("Yes"), "no": _l("No")},
}


class RecordForm(FormModel):
    """Every field of every kind, as typed; `to_schema` keeps those of the chosen kind."""

    error_fields: ClassVar[dict[str, str]] = {"wage_cents": "wage"}

    kind: Text = ""
    record_no: Text = ""
    version: Text = "0"
    step_id: Text = ""
    requested_on: Text = ""
    requested_with_candidate: Text = ""
    interview_on: Text = ""
    accompanied_by: list[str] = []
    outcome: Text = ""
    letter_on: Text = ""
    decided_on: Text = ""
    decided_with: list[str] = []
    note: Text = ""
    employer_name: Text = ""
    hours_per_week: Text = ""
    wage_basis: Text = "hourly"
    wage: Text = ""
    starts_on: Text = ""
    ends_on: Text = ""
    weeks: Text = ""
    paid_by: Text = ""
    travel_costs_reimbursed: Text = ""
    measured_on: Text = ""
    percentage: Text = ""
    measurement: Text = ""
    measured_by: Text = ""
    screened_on: Text = ""
    work_capacity: Text = ""
    screened_by: Text = ""
    plan: Text = ""
    made_on: Text = ""
    goal_text: list[str] = []
    goal_status: list[str] = []
    goal_evaluate_on: list[str] = []
    ended_on: Text = ""
    goals_met: Text = ""
    next_goals: Text = ""
    on: Text = ""
    rung: Text = ""
    held_on: Text = ""
    evaluation: Text = ""
    summary: Text = ""
    next_on: Text = ""
    period_starts_on: list[str] = []
    period_work_hours: list[str] = []
    period_day_activity_hours: list[str] = []
    period_work_days: list[str] = []
    period_day_activity_days: list[str] = []
    criterion_exception: Text = ""
    benefits_office_informed_on: Text = ""
    expected_first_payslip_on: Text = ""
    overpayment_agreement: Text = ""
    overpayment_agreed_on: Text = ""
    checked_after_first_payslip_on: Text = ""

    @classmethod
    def field_for(cls, name: str) -> str:
        parts = name.split(".")
        if parts[0] in ("periods", "goals") and len(parts) == 3:
            return ("period_" if parts[0] == "periods" else "goal_") + parts[2]
        return super().field_for(name)

    @classmethod
    def of(cls, kind: str, record=None) -> RecordForm:
        """A blank form of one kind, or one filled with a record's newest version."""
        if record is None:
            return cls(kind=kind)
        data = dict(record.data)
        values: dict[str, Any] = {"kind": record.kind.value, "record_no": str(record.record_no),
                                  "version": str(record.number),
                                  "step_id": str(record.step_id or "")}
        for name, value in data.items():
            if name not in cls.model_fields or name in ("kind",):
                continue
            if isinstance(value, bool):
                values[name] = "1" if value else ""
            elif isinstance(value, list):
                values[name] = [str(v) for v in value]
            else:
                values[name] = "" if value is None else str(value)
        if "wage_cents" in data:
            values["wage"] = f"{Decimal(data['wage_cents']) / 100:.2f}"
        if "outcome" in data:
            values["outcome"] = data["outcome"]
        if "goals_met" in data:
            values["goals_met"] = {True: "yes", False: "no"}.get(data["goals_met"], "")
        goals = data.get("goals", [])
        values["goal_text"] = [g["text"] for g in goals]
        values["goal_status"] = [g["status"] for g in goals]
        values["goal_evaluate_on"] = [g.get("evaluate_on") or "" for g in goals]
        periods = data.get("periods", [])
        for field in ("starts_on", "work_hours", "day_activity_hours", "work_days",
                      "day_activity_days"):
            values[f"period_{field}"] = ["" if p.get(field) is None else str(p[field])
                                         for p in periods]
        return cls(**values)

    def to_schema(self) -> dict[str, Any]:  # the records service validates it
        kind = self.kind
        body: dict[str, Any] = {"kind": kind, "step_id": whole(self.step_id)}
        if kind == RecordKind.uwv_advice:
            body.update(requested_on=blank(self.requested_on),
                        requested_with_candidate=self.requested_with_candidate == "1",
                        interview_on=blank(self.interview_on),
                        accompanied_by=self.accompanied_by, outcome=self.outcome or "pending",
                        letter_on=blank(self.letter_on))
        elif kind == RecordKind.decision:
            body.update(decided_on=blank(self.decided_on), outcome=blank(self.outcome),
                        decided_with=self.decided_with, note=self.note.strip())
        elif kind == RecordKind.contract:
            wage = amount(self.wage)
            try:
                cents: Any = int((Decimal(wage) * 100).to_integral_value()) if wage else None
            except ArithmeticError:
                cents = wage
            body.update(employer_name=self.employer_name.strip(),
                        hours_per_week=amount(self.hours_per_week), wage_basis=self.wage_basis,
                        wage_cents=cents, starts_on=blank(self.starts_on),
                        ends_on=blank(self.ends_on))
        elif kind == RecordKind.trial:
            body.update(starts_on=blank(self.starts_on), weeks=whole(self.weeks),
                        paid_by=blank(self.paid_by),
                        travel_costs_reimbursed=self.travel_costs_reimbursed == "1",
                        note=self.note.strip())
        elif kind == RecordKind.wage_value:
            body.update(measured_on=blank(self.measured_on), percentage=whole(self.percentage),
                        measurement=blank(self.measurement),
                        measured_by=self.measured_by.strip())
        elif kind == RecordKind.screening:
            body.update(screened_on=blank(self.screened_on),
                        work_capacity=blank(self.work_capacity),
                        screened_by=self.screened_by.strip())
        elif kind == RecordKind.plan_goals:
            goals = []
            for index, text in enumerate(self.goal_text):
                if not text.strip():
                    continue
                status = self.goal_status[index] if index < len(self.goal_status) else ""
                due = self.goal_evaluate_on[index] if index < len(self.goal_evaluate_on) else ""
                goals.append({"text": text.strip(), "status": status or "not_started",
                              "evaluate_on": blank(due)})
            body.update(plan=blank(self.plan), made_on=blank(self.made_on), goals=goals,
                        ended_on=blank(self.ended_on),
                        goals_met={"yes": True, "no": False}.get(self.goals_met),
                        next_goals=self.next_goals.strip())
        elif kind == RecordKind.ladder_rung:
            body.update(on=blank(self.on), rung=whole(self.rung), note=self.note.strip())
        elif kind == RecordKind.evaluation:
            body.update(held_on=blank(self.held_on), evaluation=blank(self.evaluation),
                        summary=self.summary.strip(), next_on=blank(self.next_on))
        elif kind == RecordKind.hours_plan:
            periods = []
            for index, start in enumerate(self.period_starts_on):
                def cell(values: list[str], i: int = index) -> str:
                    return values[i] if i < len(values) else ""
                if not start.strip() and not cell(self.period_work_hours).strip():
                    continue
                periods.append({
                    "starts_on": blank(start),
                    "work_hours": amount(cell(self.period_work_hours)) or "0",
                    "day_activity_hours": amount(cell(self.period_day_activity_hours)) or "0",
                    "work_days": whole(cell(self.period_work_days)),
                    "day_activity_days": whole(cell(self.period_day_activity_days))})
            body.update(periods=periods, criterion_exception=self.criterion_exception.strip())
        elif kind == RecordKind.first_salary:
            body.update(benefits_office_informed_on=blank(self.benefits_office_informed_on),
                        expected_first_payslip_on=blank(self.expected_first_payslip_on),
                        overpayment_agreement=self.overpayment_agreement.strip(),
                        overpayment_agreed_on=blank(self.overpayment_agreed_on),
                        checked_after_first_payslip_on=blank(
                            self.checked_after_first_payslip_on))
        return body


def _label_for(name: str) -> str | None:
    label = LABELS.get(name)
    return str(label) if label is not None else None


def _hours_chart(view) -> dict[str, Any] | None:
    """Bars per period: work and day activities stacked, 40 hours high, the criterion a line."""
    periods = view.data.get("periods") or []
    if not periods:
        return None
    width, height, gap = 48, 160, 16
    bars = []
    for index, period in enumerate(periods):
        work = float(Decimal(str(period["work_hours"])))
        day = float(Decimal(str(period["day_activity_hours"])))
        x = index * (width + gap) + 40
        starts = date.fromisoformat(period["starts_on"])
        bars.append({"x": x, "work_y": height - work * 4, "work_h": work * 4,
                     "day_y": height - (work + day) * 4, "day_h": day * 4,
                     "label": date_text(starts, "d MMM"), "starts": date_text(starts),
                     "work": period["work_hours"], "day": period["day_activity_hours"],
                     "work_days": period.get("work_days"),
                     "day_activity_days": period.get("day_activity_days")})
    criterion = view.checks.get("criterion")
    return {"bars": bars, "width": len(periods) * (width + gap) + 48, "height": height,
            "bar_width": width, "criterion_y": height - criterion * 4 if criterion else None}


# Which choice list names the values of a stored field (where the field's name differs).
CHOICE_LISTS = {"outcome": {"uwv_advice": "uwv_outcome", "decision": "decision_outcome"}}


def _shown_value(kind: str, name: str, value) -> str | None:
    """A stored field as staff read it: dates in words, choices by their label, lists joined."""
    if value is None or value == "" or value == []:
        return None
    choices = CHOICES.get(CHOICE_LISTS.get(name, {}).get(kind, name), {})
    if isinstance(value, list):
        return ", ".join(str(choices.get(v, v)) for v in value)
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if name == "wage_cents" and isinstance(value, int):
        return money_text(value, cents=True)
    if isinstance(value, str) and (name.endswith("_on") or name == "on"):
        try:
            return date_text(date.fromisoformat(value), "medium")
        except (TypeError, ValueError):
            return str(value)
    return str(choices.get(value, value))


def staff_fields(view) -> list[tuple[str, str]]:
    """Every labelled field of a record with its value, for staff (the candidate reads the plain
    sentences); wage amounts only where the viewer may see money (the view hides them)."""
    kind = view.record.kind.value
    shown = []
    for name, value in view.data.items():
        label = LABELS.get("wage" if name == "wage_cents" else name)
        text = _shown_value(kind, name, value) if label else None
        if text is not None:
            shown.append((str(label), text))
    return shown


def _records_page(request: Request, session: Session, actor: Actor, candidate: Person, *,
                  error: AppError | None = None, form: RecordForm | None = None):
    file = open_file(session, actor, candidate.id)
    views = records_views.list_views(session, file)
    organisation = session.get(Organisation, candidate.organisation_id)
    journey = journeys_service.find_journey(session, file)
    steps = journeys_service.list_steps(session, file, journey) if journey else []
    kind = request.query_params.get("kind", "")
    edit = request.query_params.get("edit", "")
    if form is None:
        record = next((v.record for v in views if str(v.record.record_no) == edit), None)
        if record is not None:
            form = RecordForm.of(record.kind.value, record)
        elif kind in RecordKind.__members__:
            form = RecordForm.of(kind)
    return page(request, candidate, "records", "records.html", {
        "views": views, "form": form, "kinds": KIND_LABELS, "choices": CHOICES,
        "labels": LABELS, "steps": steps, "organisation": organisation,
        "fields": {v.record.record_no: staff_fields(v) for v in views},
        "charts": {v.record.record_no: _hours_chart(v) for v in views
                   if v.record.kind is RecordKind.hours_plan},
        "goal_rows": GOAL_ROWS, "period_rows": PERIOD_ROWS,
    }, error=error, failed="record")


@router.get(FILE + "/records", name="office.file:records")
def records(candidate_id: RecordId, request: Request, actor: ConsultantActor,
            session: SessionDep):
    candidate = file_candidate(session, actor, candidate_id)
    return _records_page(request, session, actor, candidate)


@router.post(FILE + "/records", name="office.file:records_save")
def records_save(candidate_id: RecordId, request: Request, actor: ConsultantActor,
                 session: SessionDep, form: Annotated[RecordForm, Form()]):
    candidate = file_candidate(session, actor, candidate_id)
    record_no = whole(form.record_no)
    error = attempt(session, lambda: records_service.save_record(
        session, actor, candidate_id, form.to_schema(),
        record_no=record_no if isinstance(record_no, int) else None,
        expected_version=whole(form.version) if record_no else None), RecordForm)
    if error:
        error = labelled(error, _label_for)
        return _records_page(request, session, actor, candidate, error=error,
                             form=None if error.status_code == 412 else form)
    return done(request, "office.file:records", candidate_id, "record")


def kind_label(kind: str) -> str:
    return gettext(str(KIND_LABELS[kind]))
