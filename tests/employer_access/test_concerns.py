"""Concerns: Tim tells Floor about a worry; only Guy's consultants read it and mark it handled;
it flags Guy's caseload row until then and tells Floor through the outbox. Guy, his network and
other employers never see it."""

from __future__ import annotations

from sqlalchemy import select

from app.employers.models import EmployerConcern
from app.outbox.models import Notification
from app.people.models import Person
from tests.conftest import csrf_from
from tests.employer_access.helpers import guys_placement, other_employer_person

WORRY = {"kind": "wellbeing", "body": "Hij oogt gespannen.\nHij zegt weinig in de pauze."}


def _report(login_as, db, personas, body=WORRY):
    placement = guys_placement(db, personas)
    return login_as(personas.employer).post(
        f"/api/v1/employer/placements/{placement.id}/concerns", json=body)


def _flags(login_as, personas, who=None) -> list[str]:
    body = login_as(who or personas.consultant).get("/api/v1/caseload").json()
    rows = body["items"] if isinstance(body, dict) else body
    row = next(r for r in rows if r["candidate_id"] == personas.candidate)
    return [f["code"] for f in row["flags"]]


def test_tim_reports_a_worry_and_floor_hears_of_it(login_as, db, personas):
    response = _report(login_as, db, personas)
    assert response.status_code == 201, response.text
    assert response.json()["sent_to"] == "Floor de Vries"
    concern = db.scalar(select(EmployerConcern).order_by(EmployerConcern.id.desc()))
    assert concern.body == WORRY["body"] and concern.author_id == personas.employer
    told = db.scalars(select(Notification).where(
        Notification.event == "concern_reported")).all()
    assert [n.recipient_id for n in told] == [personas.consultant]


def test_a_blank_or_unknown_worry_is_refused_and_nothing_stored(login_as, db, personas):
    for body in ({"kind": "wellbeing", "body": "   "}, {"kind": "health", "body": "x"},
                 {"kind": "other", "body": "x" * 2001}):
        response = _report(login_as, db, personas, body)
        assert response.status_code == 422, body
        assert response.headers["content-type"].startswith("application/problem+json")
    assert db.scalar(select(EmployerConcern.id)) is None


def test_only_guys_consultants_read_concerns(login_as, db, personas):
    _report(login_as, db, personas)
    url = f"/api/v1/candidates/{personas.candidate}/concerns"
    for who in (personas.consultant, personas.backup_consultant):
        listed = login_as(who).get(url)
        assert listed.status_code == 200
        assert [c["body"] for c in listed.json()] == [WORRY["body"]]
    assert login_as(personas.colleague).get(url).status_code == 404
    for who in (personas.candidate, personas.parent, personas.employer, personas.admin):
        assert login_as(who).get(url).status_code == 403


def test_an_open_concern_flags_guys_row_until_it_is_handled(login_as, db, personas):
    assert "employer_concern" not in _flags(login_as, personas)
    concern_id = _report(login_as, db, personas).json()["id"]
    assert "employer_concern" in _flags(login_as, personas)
    floor = login_as(personas.consultant)
    handled = floor.post(
        f"/api/v1/candidates/{personas.candidate}/concerns/{concern_id}/handled")
    assert handled.status_code == 200, handled.text
    assert handled.json()["handled_by_name"] == "Floor de Vries"
    assert "employer_concern" not in _flags(login_as, personas)


def test_another_employer_cannot_report_on_guys_placement(login_as, db, personas):
    els = other_employer_person(db, personas)
    placement = guys_placement(db, personas)
    response = login_as(els.id).post(
        f"/api/v1/employer/placements/{placement.id}/concerns", json=WORRY)
    assert response.status_code == 404


def test_guy_and_marja_never_see_the_worry_on_their_pages(login_as, browser_as, db, personas):
    _report(login_as, db, personas)
    for who in (personas.candidate, personas.parent):
        client = browser_as(who)
        for path in (f"/c/{personas.candidate}", f"/c/{personas.candidate}/messages",
                     "/settings/my-data"):
            page = client.get(path)
            assert "oogt gespannen" not in page.text, (who, path)


def test_the_back_office_lists_concerns_and_marks_them_handled(login_as, browser_as, db,
                                                               personas):
    concern_id = _report(login_as, db, personas).json()["id"]
    floor = browser_as(personas.consultant)
    page = floor.get(f"/office/candidates/{personas.candidate}/concerns")
    assert page.status_code == 200 and "oogt gespannen" in page.text
    # A button that says what it does, and whom to call about the worry, on the same page.
    assert "Markeer als afgehandeld" in page.text
    tim = db.get(Person, personas.employer)
    assert "Gemeld door Tim de Wit" in page.text
    assert tim.phone and f'href="tel:{tim.phone}"' in page.text
    done = floor.post(
        f"/office/candidates/{personas.candidate}/concerns/{concern_id}/handled",
        data={"csrf_token": csrf_from(page.text)}, headers={"origin": "http://testserver"})
    assert done.status_code == 200 and "Afgehandeld door Floor de Vries" in done.text


def test_tim_reports_from_his_placement_page(browser_as, db, personas):
    placement = guys_placement(db, personas)
    tim = browser_as(personas.employer)
    page = tim.get(f"/employer/placements/{placement.id}")
    sent = tim.post(f"/employer/placements/{placement.id}/concerns",
                    data={"csrf_token": csrf_from(page.text), "kind": "absence",
                          "body": "Twee keer te laat deze week."},
                    headers={"origin": "http://testserver"})
    assert sent.status_code == 200 and "Floor de Vries heeft je bericht" in sent.text
    blank = tim.post(f"/employer/placements/{placement.id}/concerns",
                     data={"csrf_token": csrf_from(page.text), "kind": "absence", "body": ""},
                     headers={"origin": "http://testserver"})
    assert blank.status_code == 422


def test_the_files_timeline_shows_a_worry_reported_and_handled(login_as, browser_as, db,
                                                               personas):
    concern_id = _report(login_as, db, personas).json()["id"]
    floor = login_as(personas.consultant)
    url = f"/api/v1/candidates/{personas.candidate}/timeline"
    kinds = [e["kind"] for e in floor.get(url, params={"limit": 200}).json()["items"]]
    assert "concern" in kinds and "concern_handled" not in kinds
    floor.post(f"/api/v1/candidates/{personas.candidate}/concerns/{concern_id}/handled")
    entries = floor.get(url, params={"limit": 200}).json()["items"]
    handled = [e for e in entries if e["kind"] == "concern_handled"]
    assert len(handled) == 1 and handled[0]["ref_id"] == concern_id
    page = browser_as(personas.consultant).get(
        f"/office/candidates/{personas.candidate}/timeline")
    assert "Zorg van de werkgever (Welzijn): Tim de Wit" in page.text
    assert "oogt gespannen" in page.text


def test_the_placement_page_with_sent_worries_keeps_a_plain_title(login_as, browser_as, db,
                                                                  personas):
    """The list of sent worries is on the page once, in its body; the title is only Guy's
    name (it had the list in it, as text a screen reader reads out as the page's name)."""
    assert _report(login_as, db, personas).status_code == 201
    placement = guys_placement(db, personas)
    page = browser_as(personas.employer).get(f"/employer/placements/{placement.id}").text
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<" not in title and "Zorgen die je stuurde" not in title
    assert page.count("Zorgen die je stuurde") == 1
