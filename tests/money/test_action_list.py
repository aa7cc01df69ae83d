"""The personal action list of Mijn geld: only what applies to this household, benefit, hours and
month, each with who and when (and the amount where there is one)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from app.guarantees.views import IncomeOnReturnView
from app.money.engine import Situation, Work, calculate
from app.money.views import personal_actions

AS_OF = date(2026, 3, 1)
START = date(2026, 4, 1)
WAY_BACK = IncomeOnReturnView("restart_without_application", None, "way back sentence")


def _actions(*, household="single", benefit="bijstand", hours="20", children=(), age=30,
             debt_restructuring=False, budget_manager=False, partner_income=Decimal(0),
             months_in_work=1, medical=False):
    situation = Situation(as_of=AS_OF, age=age, household=household, adults_in_home=1,
                          children_ages=tuple(children), benefit=benefit,
                          partner_net_income=partner_income, volunteer_allowance=Decimal(0),
                          rent=None, medical_hours_limit=medical)
    work = Work(hours_per_week=Decimal(hours), months_in_work=months_in_work, start_date=START)
    inputs = SimpleNamespace(start_date=START, debt_restructuring=debt_restructuring,
                             budget_manager=budget_manager)
    items = personal_actions(calculate(situation, work), inputs, WAY_BACK)
    return items, {item.code for item in items}


def _kinds(items):
    return [item for item in items if item.code == "ask_about_exemption"]


def test_every_action_says_who_and_when():
    items, _codes = _actions(budget_manager=True, debt_restructuring=True)
    assert items
    for item in items:
        assert item.text and item.who and item.when, item
    set_aside = [i for i in items if i.code == "set_aside_money"]
    assert all(i.amount.startswith("€") for i in set_aside)


def test_single_on_bijstand_part_time_keeps_bijstand_and_gets_one_disregard_rule():
    items, codes = _actions(hours="12")
    assert "tell_benefits_office" in codes and "way_back" in codes
    assert "benefit_stops" not in codes
    # Only the general 25% rule applies: no doctor's limit, no wage subsidy, no young child.
    assert [i.text for i in _kinds(items)] and len(_kinds(items)) == 1
    assert "tell_budget_manager" not in codes and "tell_debt_administrator" not in codes


def test_when_the_bijstand_stops_no_disregard_rule_is_offered():
    """The old list gave three disregard rules and then "your bijstand stops"."""
    _items, codes = _actions(hours="36")
    assert "benefit_stops" in codes
    assert "ask_about_exemption" not in codes


def test_single_parent_with_a_young_child_gets_the_parent_rule():
    items, _codes = _actions(household="single_parent", children=(4,), hours="12",
                             months_in_work=8)
    texts = " ".join(i.text for i in _kinds(items))
    assert "ouders" in texts


def test_couple_on_bijstand_gets_no_parent_rule():
    items, codes = _actions(household="couple", hours="12")
    assert "tell_benefits_office" in codes
    assert all("ouders" not in i.text for i in _kinds(items))


def test_wajong_tells_uwv_and_gets_no_bijstand_rules():
    items, codes = _actions(benefit="wajong", hours="20")
    tell = next(i for i in items if i.code == "tell_benefits_office")
    assert "UWV" in tell.text
    assert "ask_about_exemption" not in codes


def test_no_benefit_tells_no_benefits_office():
    _items, codes = _actions(benefit="none", hours="20")
    assert "tell_benefits_office" not in codes and "benefit_stops" not in codes
    assert "ask_about_exemption" not in codes and "set_aside_money" not in codes


@pytest.mark.parametrize(("debt", "manager"), [(True, False), (False, True), (True, True)])
def test_debt_restructuring_and_budget_manager_are_told(debt, manager):
    items, codes = _actions(debt_restructuring=debt, budget_manager=manager)
    assert ("tell_debt_administrator" in codes) is debt
    assert ("tell_budget_manager" in codes) is manager
    for item in items:
        if item.code in ("tell_debt_administrator", "tell_budget_manager"):
            assert "1 april 2026" in item.when  # before the start date


def test_the_way_back_is_the_guarantees_sentence_and_comes_last():
    items, _codes = _actions()
    assert items[-1].code == "way_back" and items[-1].text == "way back sentence"
