"""The consultant's candidate file (back-office pages): who may open it, and every form's happy
path, invalid input (422, nothing stored) and stale version (412, the conflict message)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from app.appointments.models import Appointment
from app.auth.actor import Actor
from app.auth.models import Invite, InviteKind
from app.candidates.schemas import CandidateCreate
from app.clock import local_today
from app.contacts.models import Absence, ContactAssignment
from app.guarantees.models import FallbackGuarantee
from app.journeys.models import Journey, JourneyStatus, JourneyStep, StepState, WayBackEvent
from app.journeys.service import current_step
from app.messages.models import Message, MessageKind
from app.money.models import MoneyInputs
from app.network.models import NetworkGrant
from app.onboarding.service import create_candidate
from app.people.models import Person
from app.route_templates.models import RouteTemplate, StepKind
from tests.conftest import csrf_from

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SECTIONS = ["", "/journey", "/appointments", "/messages", "/money", "/contact", "/guarantee",
            "/way-back", "/network", "/access-log"]
STALE = "Someone else changed this in the meantime."


class Office:
    """A consultant's browser on one candidate's file, in English, with its CSRF token."""

    def __init__(self, client, candidate_id: int):
        self.client = client
        self.base = f"/office/candidates/{candidate_id}"
        client.headers["Accept-Language"] = "en"
        first = client.get(self.base)
        assert first.status_code == 200
        self.token = csrf_from(first.text)

    def get(self, path: str = ""):
        return self.client.get(self.base + path)

    def post(self, path: str, data: dict | None = None):
        return self.client.post(self.base + path, data={**(data or {}), "csrf_token": self.token},
                                follow_redirects=False)


@pytest.fixture
def floor(browser_as, personas) -> Office:
    return Office(browser_as(personas.consultant), personas.candidate)


def _redirected(response, path: str) -> None:
    assert response.status_code == 303, response.text[:2000]
    assert response.headers["location"].split("?")[0].endswith(path)


def _refused(response, status: int) -> str:
    assert response.status_code == status, response.text[:2000]
    assert 'role="alert"' in response.text
    return response.text


def _steps(db, candidate_id: int) -> tuple[Journey, list[JourneyStep]]:
    # Straight from the tables: the test checks what was stored, it reads no file.
    db.expire_all()
    journey = db.scalar(select(Journey).where(Journey.candidate_id == candidate_id)
                        .order_by(Journey.started_on.desc(), Journey.id.desc()).limit(1))
    return journey, list(db.scalars(select(JourneyStep).where(
        JourneyStep.journey_id == journey.id).order_by(JourneyStep.position)))


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def _step_form(step: JourneyStep, **changes) -> dict:
    """The step's form as the page fills it in, with some fields changed."""
    data = {
        "version": step.version, "state": step.state.value,
        "planned_start": _iso(step.planned_start), "planned_end": _iso(step.planned_end),
        "actual_start": _iso(step.actual_start), "actual_end": _iso(step.actual_end),
        "expected_duration_days": step.expected_duration_days,
        "title_nl": (step.texts.get("nl") or {}).get("title", ""),
        "title_en": (step.texts.get("en") or {}).get("title", ""),
    }
    if step.kind is StepKind.trial:
        data["trial_weeks"] = step.trial_weeks or ""
    if step.kind is StepKind.hybrid:
        split = step.hybrid_split or {}
        data.update(split="1", work_days=split.get("work_days", []),
                    day_activity_days=split.get("day_activity_days", []))
    data.update(changes)
    return data


def _count(db, statement) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(statement.subquery()))


# --- who may open the file ---------------------------------------------------------------------


@pytest.mark.parametrize("path", SECTIONS)
@pytest.mark.parametrize("who", ["consultant", "backup_consultant"])
def test_the_candidates_consultants_open_every_section(who, path, browser_as, personas):
    response = browser_as(getattr(personas, who)).get(
        f"/office/candidates/{personas.candidate}{path}")
    assert response.status_code == 200
    html = response.text
    assert "Guy Visser" in html
    nav = html.split('class="file-nav"', 1)[1].split("</nav>", 1)[0]
    current = re.findall(r'<a href="([^"]+)" aria-current="page"', nav)
    assert current == [f"/office/candidates/{personas.candidate}{path}"]
    assert html.count("<h1") == 1


@pytest.mark.parametrize("path", SECTIONS)
@pytest.mark.parametrize("who", ["colleague", "other_consultant"])
def test_other_consultants_do_not_find_the_file(who, path, browser_as, personas):
    response = browser_as(getattr(personas, who)).get(
        f"/office/candidates/{personas.candidate}{path}")
    assert response.status_code == 404
    assert "Guy" not in response.text


@pytest.mark.parametrize("who", ["admin", "other_admin", "candidate", "parent",
                                 "steps_only_member"])
def test_everyone_else_gets_the_refusal_page(who, browser_as, personas):
    response = browser_as(getattr(personas, who)).get(f"/office/candidates/{personas.candidate}")
    assert response.status_code in (403, 404)
    if who in ("candidate", "parent", "steps_only_member"):
        assert response.status_code == 403  # not staff: the back-office itself is closed
    assert "Guy Visser" not in response.text.split("<main", 1)[1]


def test_anonymous_is_asked_to_sign_in(client, personas):
    assert client.get(f"/office/candidates/{personas.candidate}/journey").status_code == 401


def test_someone_elses_candidate_is_not_found_on_a_write(browser_as, personas, db):
    colleague = browser_as(personas.colleague)
    token = csrf_from(colleague.get("/office/team").text)
    before = _count(db, select(Message))
    response = colleague.post(f"/office/candidates/{personas.candidate}/messages",
                              data={"body": "Hallo", "csrf_token": token})
    assert response.status_code == 404
    assert _count(db, select(Message)) == before


def test_a_write_without_the_csrf_token_is_refused(floor, db):
    before = _count(db, select(Message))
    response = floor.client.post(floor.base + "/messages", data={"body": "Hallo"})
    assert response.status_code == 403
    assert _count(db, select(Message)) == before


# --- overview ----------------------------------------------------------------------------------


def test_overview_shows_route_step_contact_and_flags(floor):
    html = floor.get().text
    assert "De Werkplaats Almere" in html
    assert "Trying out a workplace" in html and "days in this step" in html
    assert "Floor de Vries" in html and "Sander Bakker" in html
    assert "First salary month starts" in html  # the caseload flag for this candidate
    for path in SECTIONS[1:]:
        assert f'href="{floor.base}{path}"' in html


def test_enrolling_the_phone_shows_link_code_and_qr_once(floor, db, personas):
    response = floor.post("/device-invite")
    assert response.status_code == 201
    html = response.text
    code = re.search(r'<code class="code">([^<]+)</code>', html).group(1)
    assert re.fullmatch(r"[A-Z0-9-]{8,}", code)
    assert "<svg" in html.split('class="qr"', 1)[1][:400]
    assert "/i/" in html
    db.expire_all()
    invite = db.scalar(select(Invite).where(Invite.person_id == personas.candidate,
                                            Invite.kind == InviteKind.candidate_device,
                                            Invite.revoked_at.is_(None)))
    assert invite is not None and invite.created_by_id == personas.consultant
    assert code not in floor.get().text  # shown once


def test_a_new_candidate_without_journey_or_money_has_a_file(floor, browser_as, db, personas):
    floor_person = db.get(Person, personas.consultant)
    actor = Actor(person_id=floor_person.id, role=floor_person.role,
                  organisation_id=floor_person.organisation_id,
                  display_name=floor_person.display_name, session_id=0, via="bearer")
    new = create_candidate(db, actor, CandidateCreate(display_name="Nieuwe Kandidaat"))
    db.commit()
    office = Office(browser_as(personas.consultant), new.id)
    assert "The candidate has been added." in office.get("?new=1").text
    for path in SECTIONS:
        assert office.get(path).status_code == 200, path
    assert 'name="route_template_id"' in office.get("/journey").text
    assert "Save the money details first." in office.get("/money").text
    assert "There is no running journey." in office.get("/way-back").text
    _refused(office.post("/money/actions/step", {"code": "tell_benefits_office"}), 409)


# --- journey -----------------------------------------------------------------------------------


def test_a_step_is_changed_with_its_version(floor, db, personas):
    _journey, steps = _steps(db, personas.candidate)
    step = steps[-1]
    old_en = dict(step.texts["en"])
    old_nl = dict(step.texts["nl"])
    response = floor.post(f"/journey/steps/{step.id}", _step_form(
        step, expected_duration_days=21, planned_start="2030-01-06", title_nl="Nieuwe titel"))
    _redirected(response, "/journey")
    db.expire_all()
    changed = db.get(JourneyStep, step.id)
    assert changed.expected_duration_days == 21
    assert changed.planned_start == date(2030, 1, 6)
    assert changed.texts["nl"]["title"] == "Nieuwe titel"
    assert changed.texts["nl"]["summary"] == old_nl["summary"]  # the rest of the text stays
    assert changed.texts["en"] == old_en
    page = floor.get("/journey?saved=step").text
    assert 'role="status"' in page and "Nieuwe titel" in page


def test_making_a_step_current_finishes_the_current_one(floor, db, personas):
    _journey, steps = _steps(db, personas.candidate)
    current = current_step(steps)  # the main one: Guy's trial, beside his day activities
    following = steps[steps.index(current) + 1]
    _redirected(floor.post(f"/journey/steps/{following.id}",
                           _step_form(following, state="current")), "/journey")
    _journey, steps = _steps(db, personas.candidate)
    assert db.get(JourneyStep, current.id).state is StepState.done
    assert db.get(JourneyStep, following.id).state is StepState.current


def test_trial_weeks_are_changed_on_a_trial_step(floor, db, personas):
    _journey, steps = _steps(db, personas.candidate)
    trial = next(s for s in steps if s.kind is StepKind.trial)
    html = floor.get("/journey").text
    assert f'id="s{trial.id}-trial"' in html
    _redirected(floor.post(f"/journey/steps/{trial.id}", _step_form(trial, trial_weeks=10)),
                "/journey")
    db.expire_all()
    assert db.get(JourneyStep, trial.id).trial_weeks == 10


@pytest.mark.parametrize("changes", [
    {"expected_duration_days": "-3"}, {"expected_duration_days": ""},
    {"planned_start": "not a date"}, {"state": "finished"},
    {"title_en": "a title with far too many words"},
])
def test_an_invalid_step_change_is_shown_again_and_stores_nothing(changes, floor, db, personas):
    _journey, steps = _steps(db, personas.candidate)
    step = steps[-1]
    html = _refused(floor.post(f"/journey/steps/{step.id}", _step_form(step, **changes)), 422)
    for value in changes.values():
        if value:
            assert f'value="{value}"' in html or f'>{value}<' in html or "finished" in value
    db.expire_all()
    assert db.get(JourneyStep, step.id).version == step.version


def test_a_stale_step_change_shows_the_conflict_and_the_stored_values(floor, db, personas):
    _journey, steps = _steps(db, personas.candidate)
    step = steps[-1]
    first = _step_form(step, expected_duration_days=33)
    second = _step_form(step, expected_duration_days=44)
    _redirected(floor.post(f"/journey/steps/{step.id}", first), "/journey")
    html = _refused(floor.post(f"/journey/steps/{step.id}", second), 412)
    assert STALE in html
    assert f'id="s{step.id}-days"' in html
    stored = html.split(f'id="s{step.id}-days"', 1)[1].split(">", 1)[0]
    assert 'value="33"' in stored
    db.expire_all()
    assert db.get(JourneyStep, step.id).expected_duration_days == 33


def test_a_hybrid_step_gets_its_week_split(floor, db, personas):
    _redirected(floor.post("/journey/steps", {
        "title_nl": "Half werk", "summary_nl": "Een deel werk, een deel dagbesteding.",
        "title_en": "Half work", "pictogram": "hybrid", "kind": "hybrid",
        "expected_duration_days": "28"}), "/journey")
    _journey, steps = _steps(db, personas.candidate)
    hybrid = steps[-1]
    assert hybrid.kind is StepKind.hybrid and hybrid.texts["en"]["title"] == "Half work"
    html = floor.get("/journey").text
    assert 'name="work_days"' in html and 'name="day_activity_days"' in html
    _redirected(floor.post(f"/journey/steps/{hybrid.id}", _step_form(
        hybrid, work_days=["mon", "tue", "wed"], day_activity_days=["thu", "fri"])), "/journey")
    db.expire_all()
    assert db.get(JourneyStep, hybrid.id).hybrid_split == {
        "work_days": ["mon", "tue", "wed"], "day_activity_days": ["thu", "fri"]}
    hybrid = db.get(JourneyStep, hybrid.id)
    _refused(floor.post(f"/journey/steps/{hybrid.id}", _step_form(
        hybrid, work_days=["mon"], day_activity_days=["mon"])), 422)


def test_steps_move_up_and_down_with_the_journey_version(floor, db, personas):
    journey, steps = _steps(db, personas.candidate)
    version = journey.version
    last, before_last = steps[-1], steps[-2]
    _redirected(floor.post(f"/journey/steps/{last.id}/move",
                           {"journey_version": version, "direction": "up"}), "/journey")
    _journey, steps_after = _steps(db, personas.candidate)
    assert [s.id for s in steps_after][-2:] == [last.id, before_last.id]
    html = _refused(floor.post(f"/journey/steps/{last.id}/move", {
        "journey_version": version, "direction": "down"}), 412)
    assert STALE in html
    _journey, steps_now = _steps(db, personas.candidate)
    assert [s.id for s in steps_now] == [s.id for s in steps_after]


def test_a_step_to_do_is_removed_but_a_current_one_stays(floor, db, personas):
    _journey, steps = _steps(db, personas.candidate)
    todo = steps[-1]
    todo_id, todo_version = todo.id, todo.version
    current = next(s for s in steps if s.state is StepState.current)
    html = floor.get("/journey").text
    assert f"/journey/steps/{todo_id}/remove" in html
    assert f"/journey/steps/{current.id}/remove" not in html
    _redirected(floor.post(f"/journey/steps/{todo_id}/remove", {"version": todo_version}),
                "/journey")
    _refused(floor.post(f"/journey/steps/{current.id}/remove", {"version": current.version}),
             422)
    _journey, remaining = _steps(db, personas.candidate)
    assert todo_id not in [s.id for s in remaining] and current.id in [s.id for s in remaining]


def test_a_custom_step_is_added_where_chosen(floor, db, personas):
    _redirected(floor.post("/journey/steps", {
        "title_nl": "Fiets regelen", "summary_nl": "Je regelt een fiets voor de reis.",
        "title_en": "", "summary_en": "", "pictogram": "plan", "kind": "normal",
        "expected_duration_days": "7", "after_position": "0"}), "/journey")
    _journey, steps = _steps(db, personas.candidate)
    assert steps[0].texts["nl"]["title"] == "Fiets regelen" and "en" not in steps[0].texts


@pytest.mark.parametrize("changes", [
    {"title_nl": "", "summary_nl": ""}, {"pictogram": "nope"},
    {"expected_duration_days": "many"}, {"kind": "banana"},
])
def test_an_invalid_custom_step_is_shown_again(changes, floor, db, personas):
    _journey, steps = _steps(db, personas.candidate)
    data = {"title_nl": "Fiets regelen", "summary_nl": "", "pictogram": "plan",
            "kind": "normal", "expected_duration_days": "7", **changes}
    html = _refused(floor.post("/journey/steps", data), 422)
    if data["title_nl"]:
        assert 'value="Fiets regelen"' in html
    assert len(_steps(db, personas.candidate)[1]) == len(steps)


def test_a_journey_is_started_when_none_runs(floor, db, personas):
    journey, _steps_before = _steps(db, personas.candidate)
    route_id = journey.route_template_id
    _refused(floor.post("/journey/start", {"route_template_id": route_id}), 409)
    journey.status = JourneyStatus.completed
    db.commit()
    html = floor.get("/journey").text
    assert 'name="route_template_id"' in html and f'value="{route_id}"' in html
    _refused(floor.post("/journey/start", {"route_template_id": "x"}), 422)
    _redirected(floor.post("/journey/start", {"route_template_id": route_id,
                                               "current_position": "2"}), "/journey")
    new, steps = _steps(db, personas.candidate)
    assert new.id != journey.id and new.status is JourneyStatus.active
    assert steps[1].state is StepState.current


def test_the_start_form_offers_only_routes_in_use(floor, db, personas):
    journey, _steps_now = _steps(db, personas.candidate)
    journey.status = JourneyStatus.completed
    route = db.get(RouteTemplate, journey.route_template_id)
    route.retired_at = datetime.now(AMSTERDAM)
    db.commit()
    html = floor.get("/journey").text
    assert f'<option value="{route.id}"' not in html


# --- way back ----------------------------------------------------------------------------------


def test_a_pause_is_recorded_and_leads_to_the_journey(floor, db, personas):
    html = floor.get("/way-back").text
    assert "Workplaces tried so far: 1." in html
    response = floor.post("/way-back", {"kind": "pause", "reason": "too_much",
                                        "hours_per_week": "16", "note": "Even rust."})
    _redirected(response, "/journey")
    journey, _steps_now = _steps(db, personas.candidate)
    assert journey.status is JourneyStatus.paused
    event = db.scalar(select(WayBackEvent).where(WayBackEvent.candidate_id == personas.candidate))
    assert event.hours_per_week == 16 and event.note == "Even rust."


@pytest.mark.parametrize("data", [
    {"kind": "", "reason": "crisis"}, {"kind": "pause", "reason": "bored"},
    {"kind": "pause", "reason": "crisis", "hours_per_week": "16.3"},
])
def test_an_invalid_way_back_stores_nothing(data, floor, db, personas):
    _refused(floor.post("/way-back", data), 422)
    assert _count(db, select(WayBackEvent).where(
        WayBackEvent.candidate_id == personas.candidate)) == 0
    assert _steps(db, personas.candidate)[0].status is JourneyStatus.active


# --- appointments ------------------------------------------------------------------------------


def _appointment(day: date, **changes) -> dict:
    return {"title": "Gesprek met Kees", "day": day.isoformat(), "start": "10:00",
            "end": "11:30", "place_name": "Groenbedrijf", "address": "Markt 1, Almere",
            "purpose": "Hoe gaat het?", "what_to_bring": "Je rooster", "others": "", **changes}


def test_an_appointment_is_planned_in_dutch_time(floor, db, personas):
    day = local_today() + timedelta(days=9)
    html = floor.get("/appointments").text
    assert f'name="attendee_ids" value="{personas.parent}"' in html  # Marja sees appointments
    assert f'name="attendee_ids" value="{personas.steps_only_member}"' not in html
    response = floor.post("/appointments", _appointment(
        day, attendee_ids=[str(personas.consultant), str(personas.parent)],
        others="Kees, je werkbegeleider\nAnna"))
    _redirected(response, "/appointments")
    db.expire_all()
    made = db.scalar(select(Appointment).where(Appointment.title == "Gesprek met Kees"))
    assert made.starts_at == datetime.combine(day, datetime.min.time().replace(hour=10),
                                              tzinfo=AMSTERDAM)
    assert made.ends_at - made.starts_at == timedelta(minutes=90)
    assert made.attendees == [{"person_id": personas.consultant}, {"person_id": personas.parent},
                              {"name": "Kees, je werkbegeleider"}, {"name": "Anna"}]
    notice = db.scalar(select(Message).where(Message.about_appointment_id == made.id))
    assert notice.notice["code"] == "appointment_new"


@pytest.mark.parametrize("changes", [
    {"end": "09:00"}, {"start": ""}, {"day": "tomorrow"}, {"title": ""},
    {"attendee_ids": ["colleague"]},
])
def test_an_invalid_appointment_is_shown_again_and_not_stored(changes, floor, db, personas):
    if changes.get("attendee_ids") == ["colleague"]:
        changes = {"attendee_ids": [str(personas.colleague)]}
    before = _count(db, select(Appointment))
    data = {**_appointment(local_today() + timedelta(days=3)), **changes}
    html = _refused(floor.post("/appointments", data), 422)
    assert 'value="Groenbedrijf"' in html
    if "end" in changes:
        assert "The end must be after the start." in html
    assert _count(db, select(Appointment)) == before


def test_an_appointment_is_changed_with_its_version_and_cancelled(floor, db, personas):
    db.expire_all()
    visit = db.scalar(select(Appointment).where(
        Appointment.candidate_id == personas.candidate,
        Appointment.title == "Gesprek over je proefplaatsing"))
    local = visit.starts_at.astimezone(AMSTERDAM)
    data = _appointment(local.date(), title="Gesprek (verzet)", start="13:00", end="14:00",
                        version=visit.version, attendee_ids=[str(personas.consultant)])
    html = floor.get("/appointments").text
    assert f'value="{local.strftime("%H:%M")}"' in html  # the form shows Dutch time
    _redirected(floor.post(f"/appointments/{visit.id}", data), "/appointments")
    db.expire_all()
    changed = db.get(Appointment, visit.id)
    assert changed.title == "Gesprek (verzet)"
    assert changed.starts_at.astimezone(AMSTERDAM).hour == 13
    stale = _refused(floor.post(f"/appointments/{visit.id}", {**data, "title": "Weer anders"}),
                     412)
    assert STALE in stale and 'value="Gesprek (verzet)"' in stale
    _redirected(floor.post(f"/appointments/{visit.id}/cancel"), "/appointments")
    db.expire_all()
    assert db.get(Appointment, visit.id).cancelled_at is not None


# --- messages ----------------------------------------------------------------------------------


def test_an_update_is_posted_with_a_pictogram_and_the_b1_hint(floor, db, personas):
    html = floor.get("/messages").text
    assert 'src="/static/js/b1hint.js" type="module"' in html
    assert 'aria-live="polite"' in html and "data-b1-input" in html
    assert "Goed gedaan, Guy!" in html
    _redirected(floor.post("/messages", {"body": "Morgen bel ik je.", "pictogram": "phone"}),
                "/messages")
    db.expire_all()
    update = db.scalar(select(Message).where(Message.body == "Morgen bel ik je."))
    assert update.kind is MessageKind.update and update.pictogram == "phone"
    assert update.author_id == personas.consultant


@pytest.mark.parametrize("data", [{"body": "   "}, {"body": "Hallo", "pictogram": "unicorn"}])
def test_an_invalid_update_stores_nothing(data, floor, db):
    before = _count(db, select(Message))
    _refused(floor.post("/messages", data), 422)
    assert _count(db, select(Message)) == before


def test_an_open_question_is_answered_under_it(floor, db, personas):
    question = Message(candidate_id=personas.candidate, author_id=personas.parent,
                       kind=MessageKind.question, body="Hoe laat begint Guy?")
    db.add(question)
    db.commit()
    html = floor.get("/messages").text
    assert f'/messages/{question.id}/answer' in html and "Question from Marja Visser" in html
    _refused(floor.post(f"/messages/{question.id}/answer", {"body": ""}), 422)
    _redirected(floor.post(f"/messages/{question.id}/answer", {"body": "Om negen uur."}),
                "/messages")
    db.expire_all()
    answer = db.scalar(select(Message).where(Message.reply_to_id == question.id))
    assert answer.body == "Om negen uur." and answer.kind is MessageKind.answer
    assert f'/messages/{question.id}/answer' not in floor.get("/messages").text


def test_notices_are_written_out(floor, db, personas):
    floor.post("/guarantee", {
        "provider_name": "De Werkplaats Almere", "indication_valid_until": "2031-01-01",
        "income_consequences": "Je krijgt weer bijstand.", "arranged_by": "Floor"})
    html = floor.get("/messages").text
    assert "What happens if work does not work out has been written down again." in html


# --- money -------------------------------------------------------------------------------------


def _money(**changes) -> dict:
    return {"version": 1, "household": "single", "adults_in_home": "1", "children_ages": "",
            "benefit": "bijstand", "partner_net_income": "", "volunteer_allowance": "50",
            "rent": "", "planned_hours": "28", "hourly_wage": "", "start_date": "", **changes}


def _inputs(db, candidate_id):
    db.expire_all()
    return db.scalar(select(MoneyInputs).where(MoneyInputs.candidate_id == candidate_id)
                     .order_by(MoneyInputs.number.desc()).limit(1))


def test_the_money_page_shows_the_candidates_preview(floor):
    html = floor.get("/money").text
    assert 'class="money-compare"' in html and "chart-heading" in html
    assert 'name="version" value="1"' in html
    assert 'name="age"' not in html  # Guy's file has a date of birth


def test_money_inputs_are_saved_as_a_new_version(floor, db, personas):
    _redirected(floor.post("/money/benefits-office-informed",
                           {"version": 1, "informed_on": "2030-02-01"}), "/money")
    assert _inputs(db, personas.candidate).benefits_office_informed_on == date(2030, 2, 1)
    _redirected(floor.post("/money", _money(version=2, planned_hours="24,5",
                                            children_ages="4, 9", household="single_parent",
                                            medical_hours_limit="1", rent="650,00")), "/money")
    inputs = _inputs(db, personas.candidate)
    assert inputs.number == 3 and inputs.planned_hours == 24.5
    assert inputs.children_ages == [4, 9] and inputs.rent_cents == 65000
    assert inputs.medical_hours_limit is True
    assert inputs.benefits_office_informed_on == date(2030, 2, 1)  # kept


@pytest.mark.parametrize("changes", [
    # Empty hours are allowed: the contract's hours are used (tests/records/test_candidate.py).
    {"planned_hours": "41"}, {"planned_hours": "veel"}, {"children_ages": "four"},
    {"household": "commune"}, {"hourly_wage": "-2"}, {"adults_in_home": "0"},
])
def test_invalid_money_inputs_store_nothing(changes, floor, db, personas):
    html = _refused(floor.post("/money", _money(**changes)), 422)
    for value in changes.values():
        if value and value != "commune":
            assert f'value="{value}"' in html
    assert _inputs(db, personas.candidate).number == 1


def test_a_stale_money_save_shows_the_conflict(floor, db, personas):
    _redirected(floor.post("/money", _money(planned_hours="20")), "/money")
    html = _refused(floor.post("/money", _money(planned_hours="30")), 412)
    assert STALE in html and 'value="20"' in html.split('id="m-hours"', 1)[1][:200]
    assert _inputs(db, personas.candidate).planned_hours == 20
    stale = _refused(floor.post("/money/benefits-office-informed",
                                {"version": 1, "informed_on": "2030-02-01"}), 412)
    assert STALE in stale


def test_age_is_asked_only_without_a_date_of_birth(floor, db, personas):
    guy = db.get(Person, personas.candidate)
    guy.date_of_birth = None
    db.commit()
    assert 'name="age"' in floor.get("/money").text
    _refused(floor.post("/money", _money()), 422)
    _redirected(floor.post("/money", _money(age="31")), "/money")
    assert _inputs(db, personas.candidate).extra == {"age": 31}


def test_a_money_action_becomes_a_step(floor, db, personas):
    html = floor.get("/money").text
    codes = re.findall(r'name="code" value="([^"]+)"', html)
    assert "tell_benefits_office" in codes
    _journey, before = _steps(db, personas.candidate)
    _redirected(floor.post("/money/actions/step", {"code": "tell_benefits_office"}), "/money")
    _journey, after = _steps(db, personas.candidate)
    assert len(after) == len(before) + 1
    assert after[-1].texts["en"]["title"] == "Tell the benefits office"
    _refused(floor.post("/money/actions/step", {"code": "win_the_lottery"}), 422)


# --- contact person, backup, absences ----------------------------------------------------------


def _assignment(db, candidate_id) -> ContactAssignment:
    db.expire_all()
    return db.scalar(select(ContactAssignment).where(
        ContactAssignment.candidate_id == candidate_id))


def test_the_backup_is_changed_with_the_version(floor, db, personas):
    html = floor.get("/contact").text
    assert f'<option value="{personas.colleague}"' in html
    assert f'<option value="{personas.admin}"' not in html  # consultants only
    version = _assignment(db, personas.candidate).version
    data = {"version": version, "primary_id": personas.consultant,
            "backup_id": personas.colleague, "handover_note": "Olga neemt waar."}
    _redirected(floor.post("/contact", data), "/contact")
    assignment = _assignment(db, personas.candidate)
    assert assignment.backup_id == personas.colleague
    assert assignment.handover_note == "Olga neemt waar."
    stale = _refused(floor.post("/contact", {**data, "backup_id": personas.backup_consultant}),
                     412)
    assert STALE in stale
    assert _assignment(db, personas.candidate).backup_id == personas.colleague


@pytest.mark.parametrize("field", ["primary_id", "backup_id"])
def test_only_active_consultants_can_be_chosen(field, floor, db, personas):
    assignment = _assignment(db, personas.candidate)
    data = {"version": assignment.version, "primary_id": personas.consultant,
            "backup_id": personas.backup_consultant, field: personas.admin}
    _refused(floor.post("/contact", data), 422)
    assert _assignment(db, personas.candidate).version == assignment.version


def test_absences_are_added_and_removed(floor, db, personas):
    start = local_today() + timedelta(days=20)
    _redirected(floor.post("/absences", {"starts_on": start.isoformat(),
                                         "ends_on": (start + timedelta(days=4)).isoformat(),
                                         "note": "vakantie"}), "/contact")
    db.expire_all()
    absence = db.scalar(select(Absence).where(Absence.consultant_id == personas.consultant))
    assert absence.note == "vakantie"
    assert "vakantie" in floor.get("/contact").text
    _refused(floor.post("/absences", {"starts_on": start.isoformat(),
                                      "ends_on": (start - timedelta(days=1)).isoformat()}), 422)
    assert _count(db, select(Absence).where(Absence.consultant_id == personas.consultant)) == 1
    _redirected(floor.post(f"/absences/{absence.id}/remove"), "/contact")
    assert _count(db, select(Absence).where(Absence.consultant_id == personas.consultant)) == 0


def test_someone_elses_absence_cannot_be_removed(floor, db, personas):
    theirs = Absence(consultant_id=personas.backup_consultant, starts_on=local_today(),
                     ends_on=local_today())
    db.add(theirs)
    db.commit()
    assert floor.post(f"/absences/{theirs.id}/remove").status_code == 404


# --- guarantee ---------------------------------------------------------------------------------


def test_a_new_guarantee_version_is_issued(floor, db, personas):
    html = floor.get("/guarantee").text
    assert "In force: version 1" in html
    assert 'value="De Werkplaats Almere"' in html  # the form starts from the version in force
    _redirected(floor.post("/guarantee", {
        "provider_name": "Dagbesteding De Boog", "provider_address": "",
        "indication_valid_until": "2031-06-30", "income_consequences": "Je krijgt bijstand.",
        "arranged_by": "Floor de Vries", "free_text": ""}), "/guarantee")
    db.expire_all()
    newest = db.scalar(select(FallbackGuarantee).where(
        FallbackGuarantee.candidate_id == personas.candidate)
        .order_by(FallbackGuarantee.number.desc()).limit(1))
    assert newest.number == 2 and newest.provider_name == "Dagbesteding De Boog"
    html = floor.get("/guarantee").text
    assert "In force: version 2" in html and "Version 1 of" in html


@pytest.mark.parametrize("changes", [
    {"provider_name": ""}, {"income_consequences": ""}, {"indication_valid_until": ""},
    {"indication_valid_until": "31-06-2031"},
])
def test_an_invalid_guarantee_is_not_issued(changes, floor, db, personas):
    data = {"provider_name": "De Boog", "indication_valid_until": "2031-06-30",
            "income_consequences": "Bijstand.", "arranged_by": "Floor", **changes}
    html = _refused(floor.post("/guarantee", data), 422)
    assert 'value="Floor"' in html
    assert _count(db, select(FallbackGuarantee).where(
        FallbackGuarantee.candidate_id == personas.candidate)) == 1


# --- network -----------------------------------------------------------------------------------


def test_the_network_shows_each_consent_record(floor):
    html = floor.get("/network").text
    assert "Marja Visser (moeder)" in html and "Jan Mentor (mentor)" in html
    assert "In a talk with the consultant" in html and "On paper (a signed form)" in html


def test_an_invite_needs_the_candidates_recorded_consent(floor, db, personas):
    people = _count(db, select(Person))
    grants = _count(db, select(NetworkGrant))
    html = _refused(floor.post("/network", {"display_name": "Tante Els", "relation": "tante",
                                            "areas": ["steps"]}), 422)
    assert 'value="Tante Els"' in html and 'name="consent_method"' in html
    _refused(floor.post("/network", {"display_name": "Tante Els", "areas": ["steps"],
                                     "consent_method": "in_app"}), 422)
    assert _count(db, select(Person)) == people and _count(db, select(NetworkGrant)) == grants
    response = floor.post("/network", {"display_name": "Tante Els", "relation": "tante",
                                       "areas": ["steps", "appointments"],
                                       "consent_method": "in_writing"})
    assert response.status_code == 201
    assert re.search(r'<code class="code">[A-Z0-9-]+</code>', response.text)
    assert "<svg" in response.text.split('class="qr"', 1)[1][:400]
    db.expire_all()
    grant = db.scalar(select(NetworkGrant).join(Person, Person.id == NetworkGrant.member_id)
                      .where(Person.display_name == "Tante Els"))
    assert grant.consent_method.value == "in_writing" and grant.areas == ["steps", "appointments"]
    assert grant.created_by_id == personas.consultant


def test_a_members_areas_change_with_the_version_and_access_is_revoked(floor, db, personas):
    db.expire_all()
    jan = db.scalar(select(NetworkGrant).where(
        NetworkGrant.member_id == personas.steps_only_member))
    data = {"version": jan.version, "areas": ["steps", "contact"]}
    _redirected(floor.post(f"/network/{jan.id}/areas", data), "/network")
    db.expire_all()
    assert db.get(NetworkGrant, jan.id).areas == ["steps", "contact"]
    assert STALE in _refused(floor.post(f"/network/{jan.id}/areas",
                                        {**data, "areas": ["money"]}), 412)
    _refused(floor.post(f"/network/{jan.id}/areas",
                        {"version": db.get(NetworkGrant, jan.id).version}), 422)
    _redirected(floor.post(f"/network/{jan.id}/revoke"), "/network")
    db.expire_all()
    assert db.get(NetworkGrant, jan.id).revoked_at is not None


# --- access log --------------------------------------------------------------------------------


def test_the_access_log_is_in_plain_words(floor, browser_as, personas):
    browser_as(personas.backup_consultant).get(f"/office/candidates/{personas.candidate}/money")
    html = floor.get("/access-log").text
    assert "Sander Bakker looked at your money overview." in html
    assert "Floor de Vries looked at" in html
