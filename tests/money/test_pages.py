"""Mijn geld and the public calculator as pages: who sees them, what they show, bad input."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("who", "status"), [
    ("candidate", 200), ("parent", 200), ("steps_only_member", 404), ("consultant", 404),
    ("other_candidate", 404),
])
def test_money_page_access(who, status, browser_as, personas):
    response = browser_as(getattr(personas, who)).get(f"/c/{personas.candidate}/money")
    assert response.status_code == status


def test_money_page_shows_cards_chart_table_months_and_actions(browser_as, personas):
    html = browser_as(personas.candidate).get(f"/c/{personas.candidate}/money").text
    assert 'class="card money-card"' in html and "money-card-work" in html
    assert '<svg viewBox="0 0 360 230" role="img"' in html
    assert "<polyline" in html and "chart-trap" in html  # the flat zone is shaded
    assert "<table" in html and "chart-table" in html  # the accessible table behind it
    assert 'aria-labelledby="months-title"' in html and 'aria-labelledby="todo-title"' in html
    assert "Dit is een schatting" in html


def test_trying_other_hours_without_javascript(browser_as, personas):
    browser = browser_as(personas.candidate)
    at_28 = browser.get(f"/c/{personas.candidate}/money").text
    at_12 = browser.get(f"/c/{personas.candidate}/money", params={"hours": "12"}).text
    assert 'value="28"' in at_28 and 'value="12"' in at_12
    assert at_12.split('class="amount">')[2] != at_28.split('class="amount">')[2]
    one_less = browser.get(f"/c/{personas.candidate}/money", params={"hours": "28", "step": "-1"})
    assert 'value="27"' in one_less.text


@pytest.mark.parametrize("hours", ["abc", "-5", "99"])
def test_odd_hours_are_clamped_not_errors(hours, browser_as, personas):
    response = browser_as(personas.candidate).get(f"/c/{personas.candidate}/money",
                                                  params={"hours": hours})
    assert response.status_code == 200


def test_calculator_asks_one_question_per_screen(client):
    first = client.get("/calculator")
    assert first.status_code == 200 and 'name="age"' in first.text and "Vraag 1 van" in first.text
    second = client.get("/calculator", params={"age": "25", "asked": "age"})
    assert 'name="household"' in second.text and 'value="25"' in second.text


def test_calculator_explains_a_wrong_answer(client):
    response = client.get("/calculator", params={"age": "12", "asked": "age"})
    assert response.status_code == 422
    assert 'role="alert"' in response.text and 'name="age"' in response.text


def test_calculator_skips_questions_that_do_not_apply(client):
    response = client.get("/calculator", params={"age": "25", "household": "single",
                                                 "asked": "household"})
    assert 'name="benefit"' in response.text  # no "how many adults", no "children"


def test_calculator_result_and_no_sign_in_needed(client):
    answers = {"age": "30", "household": "with_parents", "adults_in_home": "3",
               "benefit": "bijstand", "volunteer_allowance": "0", "rent": "", "hours": "16",
               "asked": "hours"}
    response = client.get("/calculator", params=answers)
    assert response.status_code == 200
    assert "money-result" in response.text and "<polyline" in response.text


def test_mijn_geld_personal_actions_estimate_once_and_print_block(browser_as, personas):
    """Guy is in debt restructuring with a bewindvoerder: both are told, with who and when; the
    page says once, at the top, that it is an estimate and of which date; the print carries his
    name, the day printed and the hours compared (in a print-only block)."""
    import re

    page = browser_as(personas.candidate).get(f"/c/{personas.candidate}/money").text
    assert "Je bewindvoerder moet weten" in page and "WSNP-bewindvoerder" in page
    assert page.count("Dit is een schatting") == 1 and "Bedragen van" not in page
    assert page.index("data-estimate") < page.index('id="todo-title"')
    assert "Wie: " in page and "Wanneer: " in page
    assert "voorlopig" in page  # the 2026 figures in use include carried-over ones
    block = re.search(r'<div class="print-only" data-print-header>(.*?)</div>', page, re.S)
    assert block, "print-only block missing"
    text = block.group(1)
    assert "Guy" in text and "Geprint op" in text and "uur per week" in text
