"""Tim's side: his placements with progress in plain words, the contact person with backup,
his tasks by date, the wage-value dates and the appointments he attends; each read is in Guy's
access log, so Guy's "who viewed my data" names his employer."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from app.access_log.models import AccessLogEntry
from app.appointments.models import Appointment
from app.clock import local_today
from app.contacts.models import Absence
from app.db import utcnow
from app.employers.models import MilestoneKind, PlacementMilestone
from app.employers.views import step_sentence
from app.i18n import reset_locale, set_locale
from app.journeys.models import JourneyStep, StepState
from app.route_templates.models import StepKind
from tests.employer_access.helpers import guys_placement, other_employer_person, place


def _logged(db, personas, before: int) -> set[str]:
    db.expire_all()
    return set(db.scalars(select(AccessLogEntry.area).where(
        AccessLogEntry.actor_id == personas.employer, AccessLogEntry.id > before)))


def _last_log_id(db) -> int:
    return db.scalar(select(func.coalesce(func.max(AccessLogEntry.id), 0)))


def test_tim_lists_guys_placement_with_progress_contact_and_tasks(login_as, db, personas):
    before = _last_log_id(db)
    response = login_as(personas.employer).get("/api/v1/employer/placements")
    assert response.status_code == 200, response.text
    [placement] = response.json()
    assert placement["candidate_name"] == "Guy Visser"
    assert placement["employer_name"] == "Maaltijdservice De Kromme Lepel"
    assert "week 3" in placement["progress"].lower() or "week 4" in placement["progress"].lower()
    assert placement["contact"]["primary"]["display_name"] == "Floor de Vries"
    assert placement["contact"]["backup"]["display_name"] == "Sander Bakker"
    assert placement["contact"]["reachable"]["phone"]
    tasks = placement["tasks"]
    assert tasks and [t["due_on"] for t in tasks] == sorted(t["due_on"] for t in tasks)
    assert all(t["employer_task"] for t in tasks)
    # Nothing of money, benefit or health in what he gets.
    text = response.text.lower()
    for word in ("bijstand", "benefit", "money", "guarantee", "date_of_birth", "06 1234"):
        assert word not in text
    assert _logged(db, personas, before) == {"placement", "contact"}


def test_tims_placement_in_full_has_steps_dates_and_his_appointment(login_as, db, personas):
    placement = guys_placement(db, personas)
    response = login_as(personas.employer).get(f"/api/v1/employer/placements/{placement.id}")
    assert response.status_code == 200, response.text
    body = response.json()
    titles = [s["title"] for s in body["steps"]]
    assert titles == ["Advies vragen bij UWV", "Proberen op een werkplek", "Je contract tekenen"]
    assert body["steps"][0]["state"] == "done"
    kinds = {d["kind"] for d in body["dates"]}
    assert {"wage_value_trial", "wage_value_final", "flat_rate_subsidy_end",
            "support_allowance"} <= kinds
    [appointment] = body["appointments"]
    assert "Tim de Wit" in appointment["attendees"]


def test_appointments_tim_does_not_attend_stay_hidden(login_as, db, personas):
    placement = guys_placement(db, personas)
    soon = utcnow() + timedelta(days=2)
    db.add(Appointment(candidate_id=personas.candidate, title="Gesprek bij de schuldhulp",
                       starts_at=soon, ends_at=soon + timedelta(hours=1),
                       attendees=[{"person_id": personas.consultant}],
                       created_by_id=personas.consultant))
    db.commit()
    body = login_as(personas.employer).get(
        f"/api/v1/employer/placements/{placement.id}").json()
    assert "Gesprek bij de schuldhulp" not in [a["title"] for a in body["appointments"]]


def test_the_backup_is_whom_to_call_while_floor_is_away(login_as, db, personas):
    today = local_today()
    db.add(Absence(consultant_id=personas.consultant, starts_on=today - timedelta(days=1),
                   ends_on=today + timedelta(days=5)))
    db.commit()
    [placement] = login_as(personas.employer).get("/api/v1/employer/placements").json()
    assert placement["contact"]["reachable"]["display_name"] == "Sander Bakker"
    assert placement["contact"]["primary_away_until"] == (today + timedelta(days=5)).isoformat()


def test_done_tasks_leave_the_list(login_as, db, personas):
    placement = guys_placement(db, personas)
    for milestone in db.scalars(select(PlacementMilestone).where(
            PlacementMilestone.placement_id == placement.id)):
        milestone.done_on = local_today()
    db.commit()
    [listed] = login_as(personas.employer).get("/api/v1/employer/placements").json()
    assert listed["tasks"] == []


def test_another_employers_placement_is_not_found(login_as, db, personas):
    els = other_employer_person(db, personas)
    mine = place(db, personas, els)
    withdrawn = place(db, personas, els, consent_withdrawn_at=utcnow())
    tim = login_as(personas.employer)
    assert tim.get(f"/api/v1/employer/placements/{mine.id}").status_code == 404
    els_client = login_as(els.id)
    assert els_client.get(f"/api/v1/employer/placements/{mine.id}").status_code == 200
    assert els_client.get(f"/api/v1/employer/placements/{withdrawn.id}").status_code == 404
    assert els_client.get(
        f"/api/v1/employer/placements/{guys_placement(db, personas).id}").status_code == 404
    assert [p["id"] for p in els_client.get("/api/v1/employer/placements").json()] == [mine.id]


def test_the_employer_pages_show_the_same_and_are_for_employers_only(browser_as, db, personas):
    placement = guys_placement(db, personas)
    tim = browser_as(personas.employer)
    home = tim.get("/employer")
    assert home.status_code == 200
    assert "Guy Visser" in home.text and "Floor de Vries" in home.text
    detail = tim.get(f"/employer/placements/{placement.id}")
    assert detail.status_code == 200
    assert "Advies vragen bij UWV" in detail.text and "Sander Bakker" in detail.text
    assert tim.get("/", follow_redirects=False).headers["location"] == "/employer"
    for other in (personas.candidate, personas.parent, personas.consultant):
        assert browser_as(other).get("/employer").status_code == 403


def test_guy_sees_his_employer_in_who_viewed_my_data(login_as, browser_as, personas):
    login_as(personas.employer).get("/api/v1/employer/placements")
    page = browser_as(personas.candidate).get("/settings")
    assert page.status_code == 200
    assert "Tim de Wit" in page.text
    assert "je werkgever" in page.text and "je werkplek" in page.text


def test_a_waiting_step_says_when_it_was_requested_and_how_long_uwv_takes():
    step = JourneyStep(journey_id=1, position=1, key="uwv-advice", pictogram="application",
                       kind=StepKind.waiting, state=StepState.current,
                       actual_start=date(2026, 11, 3), expected_duration_days=56,
                       texts={"nl": {"title": "Advies beschut werk"}})
    token = set_locale("nl")
    try:
        sentence = step_sentence(step, date(2026, 11, 20))
    finally:
        reset_locale(token)
    assert sentence == ("Advies beschut werk: aangevraagd op dinsdag 3 november. "
                        "UWV beslist meestal binnen 8 weken.")


def test_milestone_kinds_have_labels():
    from app.employers.labels import EMPLOYER_MILESTONES, MILESTONES

    assert set(EMPLOYER_MILESTONES) == set(MILESTONES) == set(MilestoneKind)


def test_the_placement_list_costs_the_same_for_one_or_six_placements(login_as, db, personas,
                                                                     connection):
    from tests.auth.test_actor_cost import _statements

    tim = login_as(personas.employer)
    _response, one = _statements(connection, lambda: tim.get("/api/v1/employer/placements"))
    # Five more placements at Tim's firm (of Guy again: the candidate does not matter here).
    from app.people.models import Person

    for _ in range(5):
        place(db, personas, db.get(Person, personas.employer))
    response, six = _statements(connection, lambda: tim.get("/api/v1/employer/placements"))
    assert len(response.json()) == 6
    assert len(six) == len(one), six


def test_the_home_names_the_next_appointment_tim_attends(browser_as, personas):
    home = browser_as(personas.employer).get("/employer")
    assert "Volgende afspraak: Gesprek over je proefplaatsing" in home.text
