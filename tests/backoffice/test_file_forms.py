"""Every form of the candidate file, refused: the error summary at the top and `aria-invalid`
on the fields at fault, in the form that was sent only (a page holds many forms with the same
field names); and the form models build the API's schemas."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.backoffice.file.appointments import AppointmentForm
from app.backoffice.file.journey import StepAddForm, StepUpdateForm
from app.backoffice.file.money import MoneyForm
from app.backoffice.forms import refusal
from app.clock import local_today
from app.contacts.models import ContactAssignment
from app.journeys.models import Journey, JourneyStatus, JourneyStep
from app.journeys.schemas import StepUpdate
from app.messages.models import Message, MessageKind
from app.money.inputs import MoneyInputsUpdate
from app.network.models import NetworkGrant
from tests.backoffice.test_candidate_file import Office


@pytest.fixture
def floor(browser_as, personas) -> Office:
    return Office(browser_as(personas.consultant), personas.candidate)


def _form(html: str, action: str) -> str:
    """The one form posting to `action` (the end of its address)."""
    forms = [f for f in re.findall(r"<form\b.*?</form>", html, flags=re.S)
             if re.search(r'action="[^"]*' + re.escape(action) + '"', f)]
    assert len(forms) == 1, action
    return forms[0]


def _marked(html: str, action: str, field: str) -> None:
    """The page is refused with its summary, the field is marked in the form sent, and no
    field of any other form is marked."""
    assert 'role="alert"' in html and 'id="error-summary"' in html
    assert "<li>" in html.split('id="error-summary"', 1)[1].split("</div>", 1)[0] + "<li>"
    form = _form(html, action)
    tags = re.findall(r'<(?:input|select|textarea)\b[^>]*\bname="' + re.escape(field) + '"[^>]*>',
                      form)
    assert tags and any('aria-invalid="true"' in tag for tag in tags), (field, tags)
    assert html.count('aria-invalid="true"') == form.count('aria-invalid="true"')


def _step(db, personas, index: int = -1) -> JourneyStep:
    db.expire_all()
    journey = db.scalar(select(Journey).where(Journey.candidate_id == personas.candidate))
    steps = list(db.scalars(select(JourneyStep).where(JourneyStep.journey_id == journey.id)
                            .order_by(JourneyStep.position)))
    return steps[index]


def test_journey_forms(floor, db, personas):
    step = _step(db, personas)
    data = StepUpdateForm.of(step).model_dump(exclude_none=True)
    html = floor.post(f"/journey/steps/{step.id}", {**data, "expected_duration_days": "-3"}).text
    _marked(html, f"/journey/steps/{step.id}", "expected_duration_days")
    html = floor.post(f"/journey/steps/{step.id}",
                      {**data, "title_en": "one two three four five six"}).text
    _marked(html, f"/journey/steps/{step.id}", "title_en")
    assert "Give a title of one to five words." in html
    html = floor.post("/journey/steps", {"title_nl": "Fiets", "pictogram": "nope"}).text
    _marked(html, "/journey/steps", "pictogram")
    html = floor.post("/journey/steps", {"title_nl": "", "summary_nl": ""}).text
    _marked(html, "/journey/steps", "title_nl")


def test_the_start_form(floor, db, personas):
    journey = db.scalar(select(Journey).where(Journey.candidate_id == personas.candidate))
    journey.status = JourneyStatus.completed
    db.commit()
    response = floor.post("/journey/start", {"route_template_id": "x"})
    assert response.status_code == 422
    _marked(response.text, "/journey/start", "route_template_id")


def test_way_back_form(floor):
    response = floor.post("/way-back", {"kind": "pause", "reason": "crisis",
                                        "hours_per_week": "16.3"})
    assert response.status_code == 422
    _marked(response.text, "/way-back", "hours_per_week")


def test_appointment_forms(floor, db, personas):
    day = (local_today() + timedelta(days=3)).isoformat()
    base = {"title": "Gesprek", "day": day, "start": "10:00", "end": "11:00"}
    _marked(floor.post("/appointments", {**base, "day": "tomorrow"}).text, "/appointments",
            "day")
    html = floor.post("/appointments", {**base, "end": "09:00"}).text
    _marked(html, "/appointments", "end")
    assert "The end must be after the start." in html
    html = floor.post("/appointments", {**base, "attendee_ids": [str(personas.colleague)]}).text
    _marked(html, "/appointments", "attendee_ids")
    appointment_id = int(re.search(r'/appointments/(\d+)/cancel"', html).group(1))
    version = int(re.search(r'name="version" value="(\d+)"', _form(
        html, f"/appointments/{appointment_id}")).group(1))
    html = floor.post(f"/appointments/{appointment_id}",
                      {**base, "version": version, "title": ""}).text
    _marked(html, f"/appointments/{appointment_id}", "title")


def test_message_forms(floor, db, personas):
    question = Message(candidate_id=personas.candidate, author_id=personas.parent,
                       kind=MessageKind.question, body="Hoe laat begint Guy?")
    db.add(question)
    db.commit()
    _marked(floor.post("/messages", {"body": "  "}).text, "/messages", "body")
    html = floor.post(f"/messages/{question.id}/answer", {"body": ""}).text
    _marked(html, f"/messages/{question.id}/answer", "body")


def test_money_forms(floor):
    html = floor.post("/money", {"version": 1, "household": "single", "benefit": "bijstand",
                                 "planned_hours": "45", "children_ages": "4, x"}).text
    _marked(html, "/money", "planned_hours")
    _marked(html, "/money", "children_ages")
    html = floor.post("/money/benefits-office-informed", {"version": 1,
                                                          "informed_on": "soon"}).text
    _marked(html, "/money/benefits-office-informed", "informed_on")


def test_contact_forms(floor, db, personas):
    db.expire_all()
    assignment = db.scalar(select(ContactAssignment).where(
        ContactAssignment.candidate_id == personas.candidate))
    html = floor.post("/contact", {"version": assignment.version,
                                   "primary_id": personas.consultant,
                                   "backup_id": personas.consultant}).text
    _marked(html, "/contact", "backup_id")
    start = local_today() + timedelta(days=10)
    html = floor.post("/absences", {"starts_on": start.isoformat(),
                                    "ends_on": (start - timedelta(days=2)).isoformat()}).text
    _marked(html, "/absences", "ends_on")


def test_guarantee_form(floor):
    html = floor.post("/guarantee", {"provider_name": "De Werkplaats", "arranged_by": "Floor",
                                     "income_consequences": "Bijstand."}).text
    _marked(html, "/guarantee", "indication_valid_until")


def test_network_forms(floor, db, personas):
    html = floor.post("/network", {"display_name": "Tante Els", "areas": ["steps"]}).text
    _marked(html, "/network", "consent_method")
    db.expire_all()
    jan = db.scalar(select(NetworkGrant).where(
        NetworkGrant.member_id == personas.steps_only_member))
    html = floor.post(f"/network/{jan.id}/areas", {"version": jan.version}).text
    _marked(html, f"/network/{jan.id}/areas", "areas")


def test_a_page_without_a_refusal_marks_nothing(floor):
    for path in ("/journey", "/appointments", "/messages", "/money", "/contact", "/guarantee",
                 "/way-back", "/network"):
        html = floor.get(path).text
        assert 'aria-invalid' not in html and 'id="error-summary"' not in html, path


# --- the form models build the API's schemas ---------------------------------------------------


def test_a_step_form_sends_titles_for_the_service_to_merge():
    form = StepUpdateForm(version=1, state="todo", expected_duration_days="7",
                          title_nl="Nieuwe titel", title_en="")
    schema = form.to_schema()
    assert isinstance(schema, StepUpdate)
    assert schema.titles == {"nl": "Nieuwe titel", "en": ""}
    assert "trial_weeks" not in schema.model_fields_set  # not a trial step: not changed


def test_the_money_form_leaves_the_benefits_office_day_to_the_service():
    schema = MoneyForm(version=1, household="couple", children_ages="4; 9", benefit="wajong",
                       partner_net_income="1.200,5".replace(".", ""), planned_hours="20,5",
                       medical_hours_limit="1").to_schema()
    assert isinstance(schema, MoneyInputsUpdate)
    assert schema.children_ages == [4, 9] and schema.medical_hours_limit is True
    assert str(schema.planned_hours) == "20.5" and str(schema.partner_net_income) == "1200.5"
    assert "benefits_office_informed_on" not in schema.model_fields_set


def test_schema_errors_are_named_after_the_form_fields():
    with pytest.raises(Exception) as raised:
        StepAddForm(title_nl="", summary_nl="", pictogram="plan", kind="banana").to_schema()
    names = {p["name"] for p in refusal(raised.value, StepAddForm).invalid_params}
    assert names == {"kind"}
    with pytest.raises(Exception) as raised:
        AppointmentForm(title="x", day="2030-01-01", start="10:00", end="09:00").to_schema()
    [param] = refusal(raised.value, AppointmentForm).invalid_params
    assert param["name"] == "end" and param["reason"] == "Het einde moet na het begin liggen."


def test_the_money_form_carries_debt_restructuring_and_budget_manager():
    schema = MoneyForm(version=1, household="single", benefit="bijstand",
                       debt_restructuring="1", budget_manager="").to_schema()
    assert schema.debt_restructuring is True and schema.budget_manager is False


def test_guarantee_form_records_income_on_return_and_english_text(floor, login_as, personas):
    html = floor.post("/guarantee", {"provider_name": "De Werkplaats", "arranged_by": "Floor",
                                     "indication_valid_until": "2031-01-01",
                                     "income_consequences": "Bijstand.",
                                     "income_on_return": "new_application"}).text
    _marked(html, "/guarantee", "expected_gap_weeks")  # a new application needs its weeks
    floor.post("/guarantee", {"provider_name": "De Werkplaats", "arranged_by": "Floor",
                              "indication_valid_until": "2031-01-01",
                              "income_consequences": "Bijstand.",
                              "income_on_return": "new_application", "expected_gap_weeks": "4",
                              "income_consequences_en": "Benefit."})
    current = login_as(personas.consultant).get(
        f"/api/v1/candidates/{personas.candidate}/guarantee").json()[0]
    assert current["income_on_return"] == "new_application"
    assert current["expected_gap_weeks"] == 4
    assert current["texts"]["en"]["income_consequences"] == "Benefit."
