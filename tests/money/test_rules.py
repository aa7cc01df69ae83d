"""The rules against the worked figures quoted in app/money/parameters/SOURCES.md, rule by rule."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.money.engine import Situation, Work, calculate
from app.money.engine.parameters import load_parameters
from app.money.engine.rates import rates_for
from app.money.engine.rules import (
    Context,
    build_context,
    evaluate,
    gross_for_hours,
    kostendelers_share,
)

AS_OF = date(2026, 3, 1)
RATES = rates_for(load_parameters(AS_OF))
ZERO = Decimal(0)


def situation(**changes) -> Situation:
    values = {
        "as_of": AS_OF,
        "age": 30,
        "household": "single",
        "adults_in_home": 1,
        "benefit": "none",
        "volunteer_allowance": ZERO,
        "rent": None,
    }
    values.update(changes)
    return Situation(**values)


def work(hours="0", **changes) -> Work:
    return Work(hours_per_week=Decimal(hours), **changes)


def zorgtoeslag_at(yearly_income: Decimal, partner: bool = False) -> Decimal:
    """Zorgtoeslag for a yearly income, through the engine's own evaluation."""
    household = "couple" if partner else "single"
    ctx: Context = build_context(RATES, situation(household=household), work())
    # Gross monthly wage whose yearly income incl. holiday pay is `yearly_income`.
    raw = evaluate(ctx, yearly_income / ctx.yearly_factor, (), ZERO)
    return raw.zorgtoeslag


@pytest.mark.parametrize(
    ("income", "expected"),
    [("20000", "129"), ("30000", "126"), ("35000", "69"), ("40000", "11"), ("41000", "0")],
)
def test_zorgtoeslag_reproduces_the_official_2026_table(income, expected) -> None:
    assert zorgtoeslag_at(Decimal(income)) == Decimal(expected)


def test_zorgtoeslag_maximum_with_partner() -> None:
    assert zorgtoeslag_at(Decimal(20000), partner=True) == Decimal(246)


@pytest.mark.parametrize(
    ("adults", "share"),
    [(1, "0.70"), (2, "0.50"), (3, "0.4333"), (4, "0.40"), (5, "0.38"), (6, "0.3667")],
)
def test_kostendelersnorm_shares(adults, share) -> None:
    assert kostendelers_share(RATES, adults).quantize(Decimal("0.0001")) == Decimal(share)


def test_kostendelersnorm_example_from_velsen() -> None:
    # 1-7-2024 example: gehuwdennorm 1869.21, two cost-sharers -> 934.61 each.
    outcome = calculate(
        situation(household="with_parents", adults_in_home=2, benefit="bijstand"),
        work(),
        {"bijstand.norm_couple": "1869.21"},
    )
    assert outcome.now.parts.benefit == Decimal("934.61")


@pytest.mark.parametrize(
    ("household", "adults", "low", "high"),
    [("single", 1, "20.5", "21"), ("couple", 1, "29.5", "31"), ("with_parents", 3, "12.5", "13")],
)
def test_where_a_person_leaves_bijstand(household, adults, low, high) -> None:
    # SOURCES.md §3: single ≈ 21 h, one earner in a couple ≈ 30 h, with two parents ≈ 12.7 h.
    outcome = calculate(
        situation(household=household, adults_in_home=adults, benefit="bijstand"),
        work(months_in_work=7),
    )
    assert Decimal(low) <= outcome.leaves_benefit_at_hours <= Decimal(high)


def test_youth_minimum_wage_and_jongerennorm() -> None:
    young = situation(age=19, benefit="bijstand")
    ctx = build_context(RATES, young, work())
    assert ctx.hourly == Decimal("8.83")
    assert calculate(young, work()).now.parts.benefit == Decimal("332.17")
    assert build_context(RATES, situation(age=20), work()).hourly == Decimal("11.77")
    assert build_context(RATES, situation(age=18), work()).hourly == Decimal("7.36")


def test_no_bijstand_under_18() -> None:
    outcome = calculate(situation(age=17, benefit="bijstand"), work("8"))
    assert outcome.now.parts.benefit == ZERO
    assert "no_benefit_under_18" in {note.code for note in outcome.notes}


def test_general_exemption_is_25_percent_for_six_months_at_27_plus_only() -> None:
    first = calculate(situation(benefit="bijstand"), work("12", months_in_work=6))
    later = calculate(situation(benefit="bijstand"), work("12", months_in_work=7))
    young = calculate(situation(age=26, benefit="bijstand"), work("12", months_in_work=1))
    young_medical = calculate(
        situation(age=26, benefit="bijstand", medical_hours_limit=True),
        work("12", months_in_work=1),
    )
    assert first.with_work.parts.benefit - later.with_work.parts.benefit == Decimal("191.23")
    assert young.with_work.parts.benefit == later.with_work.parts.benefit
    assert young_medical.with_work.parts.benefit == first.with_work.parts.benefit


def test_general_exemption_is_capped() -> None:
    outcome = calculate(situation(benefit="bijstand"), work("24", months_in_work=1))
    # 25% of 1488.23 would be 372.06; the cap is 285.
    assert outcome.with_work.parts.benefit == Decimal("1303.87") - (Decimal("1488.23") - 285)


def test_single_parent_exemption_after_six_months_with_a_child_under_12() -> None:
    parent = situation(household="single_parent", children_ages=(4,), benefit="bijstand")
    month_7 = calculate(parent, work("12", months_in_work=7)).with_work.parts.benefit
    month_37 = calculate(parent, work("12", months_in_work=37)).with_work.parts.benefit
    older_child = calculate(
        situation(household="single_parent", children_ages=(13,), benefit="bijstand"),
        work("12", months_in_work=7),
    ).with_work.parts.benefit
    # 12.5% of 764.92 = 95.62 (below the 167.79 cap), for 30 months after the first 6.
    assert month_7 - month_37 == Decimal("95.62")
    assert older_child == month_37


def test_medical_hours_limit_exemption_has_no_end() -> None:
    medical = situation(benefit="bijstand", medical_hours_limit=True)
    month_7 = calculate(medical, work("12", months_in_work=7)).with_work.parts.benefit
    month_90 = calculate(medical, work("12", months_in_work=90)).with_work.parts.benefit
    plain = calculate(situation(benefit="bijstand"), work("12", months_in_work=7))
    assert month_7 == month_90 == plain.with_work.parts.benefit + Decimal("114.74")


def test_only_the_most_favourable_exemption_applies() -> None:
    both = situation(
        household="single_parent", children_ages=(4,), benefit="bijstand", medical_hours_limit=True
    )
    outcome = calculate(both, work("12", months_in_work=7))
    plain = calculate(
        situation(household="single_parent", children_ages=(4,), benefit="bijstand"),
        work("12", months_in_work=37),
    )
    # 15% (114.74) beats 12.5% (95.62); they are not added.
    assert outcome.with_work.parts.benefit - plain.with_work.parts.benefit == Decimal("114.74")


def test_volunteer_allowance_is_exempt_up_to_the_maximum_at_27_plus() -> None:
    within = calculate(situation(benefit="bijstand", volunteer_allowance=Decimal(220)), work())
    above = calculate(situation(benefit="bijstand", volunteer_allowance=Decimal(250)), work())
    assert within.now.parts.benefit == Decimal("1303.87")
    assert above.now.parts.benefit == Decimal("1273.87")


def test_partner_income_is_offset_against_the_couple_norm() -> None:
    outcome = calculate(
        situation(household="couple", benefit="bijstand", partner_net_income=Decimal(1000)), work()
    )
    assert outcome.now.parts.benefit == Decimal("862.67")
    assert outcome.now.parts.partner_income == Decimal("1000.00")
    assert outcome.now.total == Decimal("862.67") + 1000 + 246


def test_wajong_is_70_percent_of_the_minimum_wage_minus_wage() -> None:
    ctx = build_context(RATES, situation(benefit="wajong"), work())
    assert ctx.wajong_minimum_wage * RATES.wajong_rate == Decimal("1606.0800")
    full = evaluate(ctx, ZERO, (), ZERO)
    wage = gross_for_hours(ctx, Decimal(12))
    part = evaluate(ctx, wage, (), ZERO)
    assert ZERO < part.benefit < full.benefit
    # Gross: 70% x (2294.40 - 764.92) = 1070.64; the net share is below that.
    assert part.benefit < Decimal("1070.64")
    above = evaluate(ctx, gross_for_hours(ctx, Decimal(40)), (), ZERO)
    assert above.benefit == ZERO


def test_wajong_under_21_is_based_on_the_youth_minimum_wage() -> None:
    adult = build_context(RATES, situation(benefit="wajong"), work())
    young = build_context(RATES, situation(age=19, benefit="wajong"), work())
    assert young.wajong_minimum_wage == adult.wajong_minimum_wage * Decimal("0.60")


def test_huurtoeslag_estimate_for_a_low_income() -> None:
    outcome = calculate(situation(benefit="bijstand", rent=Decimal(600)), work())
    # (498.20 − 202.52) + 65% × (600 − 498.20) = 361.85; income below the 23,425 threshold.
    assert outcome.now.parts.huurtoeslag == Decimal("361.85")
    assert "huurtoeslag_estimate" in {note.code for note in outcome.notes}


def test_huurtoeslag_falls_with_income_and_is_null_without_rent() -> None:
    rent = calculate(situation(rent=Decimal(600)), work("40"))
    assert rent.with_work.parts.huurtoeslag < rent.now.parts.huurtoeslag
    assert calculate(situation(), work("40")).with_work.parts.huurtoeslag is None


def test_kindgebonden_budget_for_a_single_parent() -> None:
    parent = situation(household="single_parent", children_ages=(4,), benefit="bijstand")
    outcome = calculate(parent, work())
    assert outcome.now.parts.kindgebonden_budget == Decimal("499.67")
    two = calculate(situation(household="single_parent", children_ages=(4, 19)), work())
    assert two.now.parts.kindgebonden_budget == Decimal("499.67")  # the 19-year-old does not count


def test_holiday_pay_is_shown_separately() -> None:
    outcome = calculate(situation(benefit="bijstand"), work("12", months_in_work=7))
    assert outcome.now.total == Decimal("1432.87")
    assert outcome.holiday_pay.now.benefit == Decimal("65.19")  # 5% of 1303.87
    assert outcome.holiday_pay.with_work.wage == Decimal("61.19")  # 8% of 764.92
    # The job's holiday pay is offset against the bijstand vakantietoeslag.
    assert outcome.holiday_pay.with_work.benefit == Decimal("4.00")
    assert outcome.holiday_pay.wage_paid_in == "2026-05"
    assert outcome.holiday_pay.benefit_paid_in == "2026-06"


def test_work_pays_from_hours_follows_the_10_percent_rule() -> None:
    outcome = calculate(situation(benefit="bijstand"), work("12", months_in_work=7))
    threshold = outcome.now.total * Decimal("1.1")
    first = outcome.work_pays_from_hours
    assert first is not None
    by_hours = {point.hours: point.total for point in outcome.sweep}
    assert by_hours[first] >= threshold
    assert by_hours[first - Decimal("0.5")] < threshold


def test_a_young_person_without_benefit_gains_from_the_first_half_hour() -> None:
    outcome = calculate(situation(age=19, household="with_parents", adults_in_home=3), work("24"))
    assert outcome.leaves_benefit_at_hours is None
    assert outcome.work_pays_from_hours == Decimal("0.5")
    assert outcome.difference.amount == Decimal("906.82")


def test_cashflow_offset_afterwards_sets_the_first_month_overpayment_aside() -> None:
    candidate = situation(benefit="bijstand", offset_practice="offset_afterwards")
    outcome = calculate(candidate, work("24", months_in_work=7, start_date=date(2026, 3, 1)))
    first = outcome.cashflow[0]
    assert first.month == "2026-03"
    benefit = [arrival for arrival in first.arrives if arrival.kind == "benefit"]
    assert benefit and benefit[0].amount == Decimal("1303.87")  # paid as before
    # With the 25% exemption the right benefit for month 1 is 1303.87 − (1488.23 − 285) = 100.64.
    assert outcome.cashflow_summary.benefit_overpaid == Decimal("1203.23")
    assert first.set_aside == Decimal("1203.23")
    codes = [action.code for action in outcome.actions]
    assert codes[:2] == ["tell_benefits_office", "set_aside_money"]
    set_aside = outcome.actions[1]
    assert set_aside.params["amount"] == Decimal("1203.23")
    assert set_aside.text_key == "money.action.set_aside_money"
    assert "1203.23" in set_aside.text


def test_cashflow_estimate_in_advance_has_no_overpayment() -> None:
    candidate = situation(benefit="bijstand", offset_practice="estimate_in_advance")
    outcome = calculate(candidate, work("12", months_in_work=7, start_date=date(2026, 3, 1)))
    assert outcome.cashflow_summary.benefit_overpaid == ZERO
    assert outcome.cashflow_summary.set_aside_total == ZERO
    assert "set_aside_money" not in {action.code for action in outcome.actions}
    march = outcome.cashflow[0]
    kinds = {arrival.kind: arrival for arrival in march.arrives}
    assert kinds["salary"].date == date(2026, 3, 25)
    assert kinds["benefit"].amount == Decimal("730.18")  # month 1: 25% exemption
    assert kinds["zorgtoeslag"].for_month == "2026-04"


def test_cashflow_when_the_benefit_ends_reclaims_what_cannot_be_withheld() -> None:
    candidate = situation(benefit="bijstand", age=25)  # no 25% exemption under 27
    outcome = calculate(candidate, work("32", start_date=date(2026, 3, 1)))
    summary = outcome.cashflow_summary
    assert summary.benefit_overpaid == Decimal("1303.87")
    # The saved-up vakantietoeslag (9 months × 5% of 1303.87, unrounded) is set off; the rest
    # comes as a letter.
    april = outcome.cashflow[1]
    assert april.withheld == Decimal("586.74")
    assert april.to_repay == Decimal("717.13")
    assert "benefit_stops" in {action.code for action in outcome.actions}


def test_cashflow_partial_first_month_and_holiday_pay_in_may() -> None:
    outcome = calculate(situation(), work("20", start_date=date(2026, 3, 16)))
    march, april, may = outcome.cashflow[:3]
    salary = {
        m.month: next(a.amount for a in m.arrives if a.kind == "salary") for m in (march, april)
    }
    assert salary["2026-03"] < salary["2026-04"]
    holiday = [a for a in may.arrives if a.kind == "holiday_pay"]
    assert holiday and holiday[0].amount > ZERO


def test_actions_ask_only_about_exemptions_that_apply_and_toeslagen_updates() -> None:
    outcome = calculate(situation(benefit="bijstand"), work("12", months_in_work=1))
    kinds = {a.params.get("kind") for a in outcome.actions if a.code == "ask_about_exemption"}
    # No doctor's limit and no wage subsidy on record: those rules are not offered.
    assert kinds == {"general"}
    update = next(a for a in outcome.actions if a.code == "update_zorgtoeslag")
    assert update.params == {"old_amount": Decimal("129.00"), "new_amount": Decimal("129.00")}
    assert all(action.text for action in outcome.actions)
