"""Loose input is refused with the field named, in the caller's language, and nothing stored:
dates only as ISO strings, names without control or direction-override characters, ids only
positive (app/input_types.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.messages.models import Message
from app.people.models import Person
from app.records.models import CandidateRecord
from tests.conftest import csrf_from

NUL, ESC, RLO, LRI, BELL = "\x00", "\x1b", "\u202e", "\u2066", "\x07"


def _people(db) -> int:
    return db.scalar(select(func.count()).select_from(Person))


def _refused(answer, field: str) -> None:
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    params = answer.json()["invalid_params"]
    assert field in [p["name"] for p in params], params


@pytest.mark.parametrize("body,field", [
    ({"display_name": f"Kim{NUL}Jansen"}, "display_name"),
    ({"display_name": f"Kim {RLO}gpj.exe"}, "display_name"),
    ({"display_name": f"Kim {LRI}Jansen"}, "display_name"),
    ({"display_name": f"Kim{ESC}[31mJansen"}, "display_name"),
    ({"display_name": "Kim\nJansen"}, "display_name"),
    ({"display_name": "Kim Jansen", "day_activity_provider": f"Werk{BELL}plaats"},
     "day_activity_provider"),
    ({"display_name": "Kim Jansen", "date_of_birth": 0}, "date_of_birth"),
    ({"display_name": "Kim Jansen", "date_of_birth": "0"}, "date_of_birth"),
    ({"display_name": "Kim Jansen", "date_of_birth": 946684800}, "date_of_birth"),
    ({"display_name": "Kim Jansen", "route_template_id": -5}, "route_template_id"),
])
def test_a_new_candidate_with_loose_input_is_refused(login_as, personas, db, body, field):
    floor = login_as(personas.consultant, **{"Accept-Language": "nl"})
    before = _people(db)
    _refused(floor.post("/api/v1/candidates", json=body), field)
    assert _people(db) == before


def test_field_messages_are_in_the_callers_language(login_as, personas):
    body = {"display_name": f"Kim{NUL}Jansen", "date_of_birth": "0"}
    dutch = login_as(personas.consultant, **{"Accept-Language": "nl"}).post(
        "/api/v1/candidates", json=body).json()["invalid_params"]
    english = login_as(personas.consultant, **{"Accept-Language": "en"}).post(
        "/api/v1/candidates", json=body).json()["invalid_params"]
    by_name = {p["name"]: p["reason"] for p in dutch}
    assert by_name == {"display_name": "Schrijf dit op één regel, zonder speciale tekens.",
                       "date_of_birth": "Vul een datum in, zoals 2026-03-01."}
    assert {p["name"]: p["reason"] for p in english}["display_name"] == (
        "Write this on one line, without special characters.")


def test_a_proper_candidate_still_goes_in(login_as, personas, db):
    floor = login_as(personas.consultant)
    answer = floor.post("/api/v1/candidates", json={
        "display_name": "Zoë Ağaoğlu-Đặng", "date_of_birth": "2001-04-05",
        "day_activity_provider": "De Werkplaats"})
    assert answer.status_code == 201, answer.text


def test_messages_keep_line_breaks_but_not_other_control_characters(login_as, personas, db):
    guy = login_as(personas.candidate)
    url = f"/api/v1/candidates/{personas.candidate}/messages"
    before = db.scalar(select(func.count()).select_from(Message))
    for bad in (f"Hoi{NUL}", f"Hoi {RLO}olleh", f"Hoi{ESC}", "Hoi\rdaar"):
        _refused(guy.post(url, json={"body": bad}), "body")
    assert db.scalar(select(func.count()).select_from(Message)) == before
    sent = guy.post(url, json={"body": "Hoi Floor,\r\n\tmag ik iets vragen?"})
    assert sent.status_code == 201
    assert sent.json()["body"] == "Hoi Floor,\n\tmag ik iets vragen?"


def test_a_network_member_name_with_an_override_is_refused(login_as, personas, db):
    guy = login_as(personas.candidate)
    before = _people(db)
    _refused(guy.post(f"/api/v1/candidates/{personas.candidate}/network", json={
        "display_name": f"Oma {RLO}ikkoP", "relation": "oma", "areas": ["steps"]}),
        "display_name")
    assert _people(db) == before


@pytest.mark.parametrize("on", [0, "0", 1700000000, "01-09-2026"])
def test_a_record_date_must_be_an_iso_date(login_as, personas, db, on):
    floor = login_as(personas.consultant)
    before = db.scalar(select(func.count()).select_from(CandidateRecord))
    answer = floor.post(f"/api/v1/candidates/{personas.candidate}/records",
                        json={"kind": "ladder_rung", "on": on, "rung": 3})
    _refused(answer, "on")
    assert db.scalar(select(func.count()).select_from(CandidateRecord)) == before


def test_step_ids_must_be_positive(login_as, personas):
    floor = login_as(personas.consultant)
    answer = floor.put(f"/api/v1/candidates/{personas.candidate}/journey/order",
                       json={"step_ids": [-5]}, headers={"If-Match": 'W/"1"'})
    _refused(answer, "step_ids.0")


@pytest.mark.parametrize("form,field", [
    ({"display_name": "Kim Jansen", "route_template_id": "-5"}, "route_template_id"),
    ({"display_name": "Kim Jansen", "date_of_birth": "0"}, "date_of_birth"),
    ({"display_name": f"Kim {RLO}Jansen"}, "display_name"),
])
def test_the_new_candidate_page_says_what_is_wrong(browser_as, personas, db, form, field):
    floor = browser_as(personas.consultant)
    page = floor.get("/office/candidates/new", headers={"Accept-Language": "nl"})
    before = _people(db)
    answer = floor.post("/office/candidates/new", data={**form, "csrf_token": csrf_from(page.text)},
                        headers={"Accept-Language": "nl"}, follow_redirects=False)
    assert answer.status_code == 422
    assert 'role="alert"' in answer.text
    assert f'name="{field}" aria-invalid="true"' in answer.text
    assert _people(db) == before


@pytest.mark.parametrize("route", ["-5", "0", "x"])
def test_the_caseload_says_a_route_filter_is_wrong(browser_as, personas, route):
    floor = browser_as(personas.consultant)
    answer = floor.get(f"/office?route={route}", headers={"Accept-Language": "nl"})
    assert answer.status_code == 422
    assert 'role="alert"' in answer.text
    assert 'name="route" aria-invalid="true"' in answer.text
    assert floor.get("/office?route=", headers={"Accept-Language": "nl"}).status_code == 200


@pytest.mark.parametrize("value", [False, True])
def test_a_rule_number_is_never_true_or_false(login_as, personas, db, value):
    # JSON false is not the number 0: pydantic would have stored true as "1 placement attempt".
    anouk = login_as(personas.admin)
    _refused(anouk.patch("/api/v1/organisation", json={"max_placement_attempts": value},
                         headers={"If-Match": 'W/"1"'}), "max_placement_attempts")
    assert anouk.get("/api/v1/organisation").headers["ETag"] == 'W/"1"'
    whole = anouk.patch("/api/v1/organisation", json={"hours_criterion": 15.0},
                        headers={"If-Match": 'W/"1"'})
    assert whole.status_code == 200 and whole.json()["hours_criterion"] == 15


def test_the_schema_says_blank_text_is_refused(client, login_as, personas):
    body = client.get("/openapi.json").json()["components"]["schemas"]["UpdateCreate"]
    assert body["properties"]["body"]["pattern"] == r"\S"
    guy = login_as(personas.candidate)
    _refused(guy.post(f"/api/v1/candidates/{personas.candidate}/messages",
                      json={"body": " \t\n"}), "body")


@pytest.mark.parametrize("kind", ["Line", "MultilineText"])
def test_the_schema_refuses_exactly_what_the_type_refuses(kind):
    # Clients (and the fuzzer) read the rule from the schema: it must match the check itself.
    import re

    from pydantic import TypeAdapter, ValidationError

    import app.input_types as types

    adapter = TypeAdapter(getattr(types, kind))
    refuses = re.compile(adapter.json_schema()["not"]["pattern"])
    samples = [chr(code) for code in range(0, 0x250)] + [
        chr(code) for code in range(0x2000, 0x2070)] + ["a\r\nb", "a\rb", "a\n", "a\tb"]
    for sample in samples:
        try:
            adapter.validate_python(f"x{sample}y")
            refused = False
        except ValidationError:
            refused = True
        assert bool(refuses.search(f"x{sample}y")) == refused, (kind, repr(sample))
