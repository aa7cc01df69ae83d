"""What Tim reads (issue 14's tryout): steps named for him in the third person, the
sheltered-work advice on his home, what happens on each wage-value and subsidy date, sign-in
texts that agree, a calm line when a placement is no longer shared, and his worries with their
state (nothing pre-chosen in the form)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from app.clock import local_today
from app.db import utcnow
from app.employers.models import EmployerConcern, MilestoneKind
from app.employers.views import PlacementView, StepLine, milestone_sentence, step_sentence
from app.i18n import reset_locale, set_locale
from app.journeys.models import JourneyStep, StepState
from app.people.models import Person
from app.route_templates.models import StepKind
from tests.conftest import csrf_from
from tests.employer_access.helpers import guys_placement


def _nl(call):
    token = set_locale("nl")
    try:
        return call()
    finally:
        reset_locale(token)


def test_a_planned_step_says_when_it_will_start_in_good_dutch():
    start = local_today() + timedelta(days=40)
    step = JourneyStep(journey_id=1, position=1, key="contract", pictogram="contract",
                       kind=StepKind.contract, state=StepState.todo, planned_start=start,
                       texts={"nl": {"title": "Je contract tekenen"}})
    sentence = _nl(lambda: step_sentence(step, local_today(), "Contract van Guy"))
    assert sentence.startswith("Contract van Guy: begint waarschijnlijk op ")
    assert "vanaf op" not in sentence


def _advice(waiting: StepState, decision: StepState) -> str:
    steps = [StepLine("Advies beschut werk", waiting, "advies", StepKind.waiting, "uwv-advice"),
             StepLine("Besluit over beschut werk", decision, "besluit", StepKind.normal,
                      "decision"),
             StepLine("Proefplaatsing van Guy", StepState.current, "proef", StepKind.trial,
                      "trial")]
    view = PlacementView(placement=None, employer=None, candidate_name="Guy Visser", steps=steps)
    assert view.progress == "proef"  # the advice is not the placement's own progress
    return _nl(lambda: view.advice)


def test_the_advice_line_follows_the_advice_then_the_decision():
    assert _advice(StepState.current, StepState.todo) == "advies"
    assert _advice(StepState.done, StepState.todo) == "advies Daarna beslist de gemeente."
    assert _advice(StepState.done, StepState.done) == "besluit"


def test_the_home_shows_how_the_advice_stands(browser_as, db, personas):
    tim = browser_as(personas.employer)
    assert "Besluit over beschut werk: de gemeente besliste op " in tim.get("/employer").text
    placement = guys_placement(db, personas)
    decision = db.scalar(select(JourneyStep).where(
        JourneyStep.journey_id == placement.journey_id, JourneyStep.key == "decision"))
    decision.state, decision.actual_end = StepState.current, None
    db.commit()
    home = tim.get("/employer").text
    assert "Advies beschut werk: UWV gaf advies op " in home
    assert "Daarna beslist de gemeente." in home


def test_each_date_says_what_happens_and_who_acts(browser_as, db, personas):
    placement = guys_placement(db, personas)
    page = browser_as(personas.employer).get(f"/employer/placements/{placement.id}")
    assert "Einde vaste loonkostensubsidie" in page.text
    assert "forfaitaire" not in page.text
    assert "De vaste loonkostensubsidie stopt op " in page.text
    assert "de begeleidingsvergoeding aan bij de gemeente. Je contactpersoon helpt" in page.text
    sentence = _nl(lambda: milestone_sentence(MilestoneKind.wage_value_trial,
                                              date(2030, 3, 5), "Guy"))
    assert sentence.startswith("De gemeente meet op ") and "Guy" in sentence


def test_sign_in_texts_agree_and_the_password_page_links_to_login(browser_as, client, db,
                                                                  personas):
    tim = db.get(Person, personas.employer)
    tim.password_hash = None
    db.commit()
    browser = browser_as(personas.employer)
    home = browser.get("/employer")
    assert "Kies een wachtwoord, dan kun je later weer inloggen." in home.text
    assert "Je logt in met je e-mailadres en je wachtwoord" not in home.text
    password = browser.get("/employer/password")
    assert 'href="/login"' in password.text
    login = client.get("/login")
    assert "Inloggen voor medewerkers" not in login.text
    assert "werkgevers" in login.text


def test_a_withdrawn_consent_gives_a_calm_line_without_the_name(browser_as, db, personas):
    placement = guys_placement(db, personas)
    placement.consent_withdrawn_at = utcnow()
    db.commit()
    home = browser_as(personas.employer).get("/employer")
    assert home.status_code == 200
    assert "Een werkplek wordt niet meer met je gedeeld." in home.text
    assert "Er is nog niemand" not in home.text
    assert "Guy" not in home.text
    assert "Vragen?" in home.text


def test_the_worry_form_chooses_nothing_and_tim_sees_his_worries_state(browser_as, login_as,
                                                                       db, personas):
    placement = guys_placement(db, personas)
    tim = browser_as(personas.employer)
    url = f"/employer/placements/{placement.id}"
    page = tim.get(url)
    assert " checked" not in page.text.split('id="concern"')[1]
    before = db.scalar(select(func.count(EmployerConcern.id)))
    missing = tim.post(f"{url}/concerns", data={
        "csrf_token": csrf_from(page.text), "body": "Hij was er niet."},
        headers={"origin": "http://testserver"})
    assert missing.status_code == 422 and "Kies waar je zorg over gaat." in missing.text
    assert db.scalar(select(func.count(EmployerConcern.id))) == before
    sent = tim.post(f"{url}/concerns", data={
        "csrf_token": csrf_from(page.text), "kind": "absence", "body": "Hij was er niet."},
        headers={"origin": "http://testserver"})
    assert "Zorgen die je stuurde" in sent.text and "Nog niet opgepakt." in sent.text
    concern = db.scalar(select(EmployerConcern).order_by(EmployerConcern.id.desc()))
    handled = login_as(personas.consultant).post(
        f"/api/v1/candidates/{personas.candidate}/concerns/{concern.id}/handled")
    assert handled.status_code == 200
    again = tim.get(url)
    assert "Opgepakt " in again.text and "Hij was er niet." not in again.text.split(
        "Zorgen die je stuurde")[1]
    api = login_as(personas.employer).get(f"/api/v1/employer/placements/{placement.id}").json()
    assert api["concerns"][0]["handled_at"] and "body" not in api["concerns"][0]


def _invite_link(login_as, db, personas) -> str:
    from app.employers.models import EmployerContact

    employer_id = db.scalar(select(EmployerContact.employer_id).where(
        EmployerContact.person_id == personas.employer))
    response = login_as(personas.consultant).post(
        f"/api/v1/employers/{employer_id}/contacts/{personas.employer}/invite")
    return response.json()["invite"]["link"]


def test_the_invite_page_offers_tim_a_password_instead_of_saying_he_needs_none(
        client, login_as, db, personas):
    link = _invite_link(login_as, db, personas)
    page = client.get("/i/" + link.rsplit("/", 1)[1])
    assert page.status_code == 200
    assert "Je hebt geen wachtwoord nodig" not in page.text
    assert "Kies daarna een wachtwoord" in page.text


def test_after_withdrawal_tim_is_pointed_to_the_consultant_who_invited_him(
        browser_as, login_as, db, personas):
    _invite_link(login_as, db, personas)
    placement = guys_placement(db, personas)
    placement.consent_withdrawn_at = utcnow()
    db.commit()
    home = browser_as(personas.employer).get("/employer").text
    floor = db.get(Person, personas.consultant)
    assert f"Vragen? Vraag het {floor.display_name} van " in home
