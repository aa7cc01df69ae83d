"""The team page (/office/team): who may open it and what it shows."""

from __future__ import annotations

import re

import pytest

from tests.team.test_service import QueryCounter, _seed_many

# Texts are checked in English: the msgids, whatever the Dutch translation becomes.
EN = {"Accept-Language": "en-GB"}


@pytest.mark.parametrize("who", ["admin", "consultant", "other_consultant"])
def test_staff_open_the_team_page(who, browser_as, personas):
    response = browser_as(getattr(personas, who)).get("/office/team", headers=EN)
    assert response.status_code == 200
    html = response.text
    assert 'aria-current="page"' in html.split('href="/office/team"', 1)[1][:40]
    for heading in ("People per step", "Time per step", "Stalled", "Caseload per consultant",
                    "This year"):
        assert re.search(rf"<h2[^>]*>.*{heading}", html), heading
    assert html.count("<caption") >= 4
    assert 'scope="col"' in html and 'scope="row"' in html
    assert 'class="table-wrap"' in html
    assert "#p-team" in html  # pictograms through the macro


def test_the_page_shows_demo_numbers_and_the_organisation(browser_as, personas):
    html = browser_as(personas.admin).get("/office/team").text
    assert "Gemeente Almere" in html
    assert "Proberen op een werkplek" in html  # Guy's trial step, in Dutch
    assert "Floor de Vries" in html and "Sanne Bos" not in html


@pytest.mark.parametrize("who", ["candidate", "parent", "steps_only_member"])
def test_candidates_and_network_get_the_forbidden_page(who, browser_as, personas):
    response = browser_as(getattr(personas, who)).get("/office/team")
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("text/html")


def test_anonymous_gets_the_sign_in_page(client):
    response = client.get("/office/team")
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("text/html")


def test_stalled_names_and_the_caseload_warning_are_in_words(browser_as, personas, team_data):
    route = team_data.route(team_data.organisation("almere").id)
    team_data.candidate(route, at="try-out", days_in_step=45, name="Anna Laat",
                        primary_id=personas.consultant)
    for _ in range(51):
        team_data.candidate(route, at="intake", primary_id=personas.colleague)
    admin_html = browser_as(personas.admin).get("/office/team", headers=EN).text
    assert "Anna Laat" in admin_html
    assert "more than 50" in admin_html  # text, not colour only
    assert "1 consultant has more than 50 candidates as contact person." in admin_html
    floor_html = browser_as(personas.consultant).get("/office/team", headers=EN).text
    assert "Anna Laat" in floor_html
    assert "The stalled list shows only the candidates in your caseload." in floor_html
    olga_html = browser_as(personas.colleague).get("/office/team", headers=EN).text
    assert "Anna Laat" not in olga_html
    assert "In the whole organisation: 1 step." in olga_html


def test_english_page(browser_as, personas):
    client = browser_as(personas.admin)
    html = client.get("/office/team", headers=EN).text
    assert '<html lang="en"' in html
    assert "Trying out a workplace" in html


def test_the_page_uses_a_fixed_number_of_queries(browser_as, personas, team_data, connection):
    route = team_data.route(team_data.organisation("almere").id)
    client = browser_as(personas.admin)
    counts = []
    for extra in (5, 50):
        _seed_many(team_data, route, extra, personas)
        with QueryCounter(connection) as counter:
            assert client.get("/office/team").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]
