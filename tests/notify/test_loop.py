"""The conversation closes the loop: waiting questions counted and flagged on the caseload, the
answer under the question, "I can't come" on its appointment, the parent reads the updates of
her areas."""

from __future__ import annotations

from datetime import date, time, timedelta

from sqlalchemy import select

from app.auth.actor import Actor
from app.caseload.service import answer_due, list_caseload
from app.clock import frozen, local_datetime, to_local, utcnow
from app.messages.models import Message, MessageKind
from app.network.models import NetworkGrant
from app.notices import post_notice
from app.people.models import Person

FRIDAY = date(2030, 3, 1)


def _answer_open_questions(db, personas) -> None:
    """The demo may hold open questions; answer them so the test counts its own."""
    answered = select(Message.reply_to_id).where(Message.reply_to_id.is_not(None))
    for question in db.scalars(select(Message).where(
            Message.candidate_id == personas.candidate, Message.kind == MessageKind.question,
            Message.id.not_in(answered))):
        db.add(Message(candidate_id=personas.candidate, author_id=personas.consultant,
                       kind=MessageKind.answer, body="Al gedaan.", reply_to_id=question.id))
    db.flush()


def _guy_row(client, personas) -> dict:
    response = client.get("/api/v1/caseload")
    assert response.status_code == 200, response.text
    rows = response.json()["items"]
    return next(r for r in rows if r["candidate_id"] == personas.candidate)


def test_two_working_days_skip_the_weekend():
    friday = local_datetime(FRIDAY, time(15, 0))
    assert to_local(answer_due(friday)) == local_datetime(date(2030, 3, 5), time(15, 0))
    saturday = local_datetime(date(2030, 3, 2), time(11, 0))
    assert to_local(answer_due(saturday)) == local_datetime(date(2030, 3, 6), time(0, 0))
    tuesday = local_datetime(date(2030, 3, 5), time(9, 30))
    assert to_local(answer_due(tuesday)) == local_datetime(date(2030, 3, 7), time(9, 30))


def _service_row(db, personas):
    floor = db.get(Person, personas.consultant)
    actor = Actor(person_id=floor.id, role=floor.role, organisation_id=floor.organisation_id,
                  display_name=floor.display_name, session_id=0, via="bearer")
    return next(r for r in list_caseload(db, actor) if r.candidate.id == personas.candidate)


def test_a_question_is_flagged_after_two_working_days(db, personas):
    _answer_open_questions(db, personas)
    with frozen(local_datetime(FRIDAY, time(15, 0))):
        assert _service_row(db, personas).waiting_questions == 0
        question = Message(candidate_id=personas.candidate, author_id=personas.candidate,
                           kind=MessageKind.question, body="Mag ik een dag vrij?",
                           created_at=utcnow())
        db.add(question)
        db.flush()
    with frozen(local_datetime(date(2030, 3, 5), time(14, 0))):  # Tuesday: not two days yet
        row = _service_row(db, personas)
        assert row.waiting_questions == 1
        assert "question_waiting" not in [f.code for f in row.flags]
    with frozen(local_datetime(date(2030, 3, 5), time(16, 0))):
        row = _service_row(db, personas)
        assert row.waiting_questions == 1
        assert "question_waiting" in [f.code for f in row.flags]
        db.add(Message(candidate_id=personas.candidate, author_id=personas.consultant,
                       kind=MessageKind.answer, body="Ja.", reply_to_id=question.id))
        db.flush()
        row = _service_row(db, personas)
        assert row.waiting_questions == 0
        assert "question_waiting" not in [f.code for f in row.flags]


def test_the_caseload_row_shows_the_waiting_question_api_and_page(db, login_as, browser_as,
                                                                  personas):
    _answer_open_questions(db, personas)
    floor = login_as(personas.consultant)
    assert _guy_row(floor, personas)["waiting_questions"] == 0
    db.add(Message(candidate_id=personas.candidate, author_id=personas.candidate,
                   kind=MessageKind.question, body="Mag ik een dag vrij?",
                   created_at=utcnow() - timedelta(days=6)))
    db.add(Message(candidate_id=personas.candidate, author_id=personas.parent,
                   kind=MessageKind.question, body="Hoe gaat het?", created_at=utcnow()))
    db.flush()
    row = _guy_row(floor, personas)
    assert row["waiting_questions"] == 2 and row["question_waiting"] is True
    assert "question_waiting" in [f["code"] for f in row["flags"]]
    page = browser_as(personas.consultant).get("/office").text
    assert "Vragen die wachten: 2" in page
    assert "Een vraag wacht al meer dan twee werkdagen op antwoord" in page


def test_the_answer_shows_under_the_question(login_as, browser_as, personas):
    guy, floor = login_as(personas.candidate), login_as(personas.consultant)
    url = f"/api/v1/candidates/{personas.candidate}/messages"
    question = guy.post(url, json={"body": "Hoe laat begin ik maandag?"}).json()
    floor.post(f"{url}/{question['id']}/answer", json={"body": "Om negen uur."})
    listed = guy.get(url).json()
    mine = next(m for m in listed if m["id"] == question["id"])
    assert [(a["author_name"], a["body"]) for a in mine["answers"]] == [
        ("Floor de Vries", "Om negen uur.")]
    html = browser_as(personas.candidate).get(f"/c/{personas.candidate}/messages").text
    start = html.index("Hoe laat begin ik maandag?")
    item_end = html.index("</li>", start)
    assert "Floor heeft geantwoord" in html[start:item_end]
    assert "Om negen uur." in html[start:item_end]


def test_i_cannot_come_shows_on_the_appointment(login_as, browser_as, personas):
    floor, guy = login_as(personas.consultant), login_as(personas.candidate)
    base = f"/api/v1/candidates/{personas.candidate}/appointments"
    appointment = floor.post(base, json={
        "title": "Voortgangsgesprek", "starts_at": "2030-03-01T10:00:00+01:00",
        "ends_at": "2030-03-01T11:00:00+01:00"}).json()
    other = floor.post(base, json={
        "title": "Ander gesprek", "starts_at": "2030-03-08T10:00:00+01:00",
        "ends_at": "2030-03-08T11:00:00+01:00"}).json()
    said = guy.post(f"{base}/{appointment['id']}/cannot-come", json={"note": "Ik ben ziek."})
    assert said.status_code == 201
    read = guy.get(f"{base}/{appointment['id']}").json()
    assert [(c["author_id"], c["note"]) for c in read["cannot_come"]] == [
        (personas.candidate, "Ik ben ziek.")]
    assert guy.get(f"{base}/{other['id']}").json()["cannot_come"] == []
    upcoming = guy.get(base).json()["upcoming"]
    assert next(a for a in upcoming if a["id"] == appointment["id"])["cannot_come"]
    # Marja (appointments area) sees the appointment, not Guy's own message about it.
    assert login_as(personas.parent).get(f"{base}/{appointment['id']}").json()[
        "cannot_come"] == []
    page = browser_as(personas.candidate).get(
        f"/c/{personas.candidate}/appointments/{appointment['id']}").text
    assert "Je hebt laten weten dat je niet kunt komen." in page
    other_page = browser_as(personas.candidate).get(
        f"/c/{personas.candidate}/appointments/{other['id']}").text
    assert "Je hebt laten weten" not in other_page
    office = browser_as(personas.consultant).get(
        f"/office/candidates/{personas.candidate}/appointments").text
    assert "Guy Visser laat weten niet te kunnen komen:" in office
    assert "Ik ben ziek." in office


def test_the_parent_reads_the_updates_of_her_areas(db, login_as, browser_as, personas):
    floor = login_as(personas.consultant)
    floor.post(f"/api/v1/candidates/{personas.candidate}/updates",
               json={"body": "Je eerste week ging goed."})
    post_notice(db, candidate_id=personas.candidate, author_id=personas.consultant,
                code="way_back_pause")
    db.flush()
    url = f"/api/v1/candidates/{personas.candidate}/messages"
    marja = [m["body"] for m in login_as(personas.parent).get(url).json()]
    assert "Je eerste week ging goed." in marja  # she was given the messages
    assert any("stopt even met werken" in body for body in marja)  # and the steps
    html = browser_as(personas.parent).get(f"/c/{personas.candidate}/messages").text
    assert "Je eerste week ging goed." in html
    # Jan may follow the steps only: the steps' notice, not the consultant's own words.
    jan = [m["body"] for m in login_as(personas.steps_only_member).get(url).json()]
    assert "Je eerste week ging goed." not in jan
    assert any("stopt even met werken" in body for body in jan)
    # Without the messages area Marja no longer reads them (consent decides).
    grant = db.scalar(select(NetworkGrant).where(NetworkGrant.member_id == personas.parent))
    grant.areas = [a for a in grant.areas if a != "messages"]
    db.flush()
    marja = [m["body"] for m in login_as(personas.parent).get(url).json()]
    assert "Je eerste week ging goed." not in marja
