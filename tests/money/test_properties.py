"""Properties the rules must keep for every household, checked with generated situations."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.money.engine import SWEEP_HOURS, Situation, Work, calculate, sweep

ZERO = Decimal(0)
# No example database: the suite must not write files into the repository.
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
CENT = Decimal("0.01")

as_of_dates = st.dates(min_value=date(2025, 7, 1), max_value=date(2027, 6, 30))
amounts = st.decimals(min_value=0, max_value=400, places=2, allow_nan=False, allow_infinity=False)
hourly_wages = st.one_of(
    st.none(),
    st.decimals(min_value=Decimal("5.00"), max_value=Decimal("45.00"), places=2),
)
rents = st.one_of(st.none(), st.decimals(min_value=0, max_value=1500, places=2))
households = st.sampled_from(["single", "single_parent", "couple", "with_parents"])
hours = st.sampled_from(SWEEP_HOURS)


@st.composite
def situations(draw, benefit=None, household=None, age=None, rent=None):
    chosen_household = household or draw(households)
    children = draw(st.lists(st.integers(0, 25), max_size=3))
    if chosen_household == "single_parent" and not children:
        children = [draw(st.integers(0, 17))]
    return Situation(
        as_of=draw(as_of_dates),
        age=age if age is not None else draw(st.integers(15, 70)),
        household=chosen_household,
        adults_in_home=1 if chosen_household in ("single", "couple") else draw(st.integers(1, 5)),
        children_ages=tuple(children),
        benefit=benefit or draw(st.sampled_from(["bijstand", "wajong", "none"])),
        partner_net_income=draw(st.one_of(st.just(ZERO), amounts)),
        volunteer_allowance=draw(amounts),
        rent=draw(rents) if rent is None else rent,
        medical_hours_limit=draw(st.booleans()),
        offset_practice=draw(st.sampled_from([None, "estimate_in_advance", "offset_afterwards"])),
    )


@st.composite
def works(draw):
    return Work(
        hours_per_week=draw(hours),
        hourly_wage=draw(hourly_wages),
        months_in_work=draw(st.integers(1, 48)),
        volunteer_allowance=draw(amounts),
        start_date=None,
        wage_subsidy=draw(st.booleans()),
    )


def _single_on_bijstand_without_rent():
    return situations(benefit="bijstand", household="single", age=None, rent=None).filter(
        lambda s: s.rent is None
    )


@SETTINGS
@given(situation=_single_on_bijstand_without_rent(), work=works())
def test_more_hours_never_lower_the_total_of_a_single_person_on_bijstand(situation, work) -> None:
    points = sweep(situation, work)
    for before, after in zip(points, points[1:], strict=False):
        assert after.total >= before.total, (before.hours, before.total, after.hours, after.total)


@SETTINGS
@given(situation=situations(benefit="wajong"), work=works())
def test_a_wajong_recipient_always_gains_from_more_hours(situation, work) -> None:
    points = sweep(situation, work)
    for before, after in zip(points, points[1:], strict=False):
        assert after.total > before.total, (before.hours, before.total, after.hours, after.total)


@SETTINGS
@given(
    age=st.integers(18, 26),
    allowance=st.decimals(min_value=Decimal("1.00"), max_value=Decimal("220.00"), places=2),
    work_hours=st.sampled_from([Decimal(0), Decimal(4), Decimal("8.5")]),
    household=st.sampled_from(["single", "with_parents", "couple"]),
)
def test_an_under_27_candidates_volunteer_allowance_is_not_exempt(
    age, allowance, work_hours, household
) -> None:
    def outcome(amount: Decimal, candidate_age: int):
        situation = Situation(
            as_of=date(2026, 3, 1),
            age=candidate_age,
            household=household,
            adults_in_home=3 if household == "with_parents" else 1,
            benefit="bijstand",
            volunteer_allowance=amount,
        )
        return calculate(situation, Work(hours_per_week=work_hours, volunteer_allowance=amount))

    for section in ("now", "with_work"):
        without = getattr(outcome(ZERO, age), section).parts.benefit
        with_allowance = getattr(outcome(allowance, age), section).parts.benefit
        # Deducted euro for euro, until the benefit is gone.
        assert with_allowance == max(ZERO, without - allowance)
        # From 27 the same allowance (at most the fiscal maximum) leaves the benefit alone.
        assert (
            getattr(outcome(allowance, 27), section).parts.benefit
            == getattr(outcome(ZERO, 27), section).parts.benefit
        )


@SETTINGS
@given(situation=situations(), work=works(), other_hours=hours)
def test_the_sweep_matches_single_calculations(situation, work, other_hours) -> None:
    outcome = calculate(situation, work)
    assert len(outcome.sweep) == 81
    assert [point.hours for point in outcome.sweep] == list(SWEEP_HOURS)
    assert outcome.sweep == sweep(situation, work)
    point = outcome.sweep[SWEEP_HOURS.index(work.hours_per_week)]
    assert (point.total, point.parts) == (outcome.with_work.total, outcome.with_work.parts)
    # A separate calculation at other hours lands on the same point of the sweep.
    other = calculate(
        situation,
        Work(
            hours_per_week=other_hours,
            hourly_wage=work.hourly_wage,
            months_in_work=work.months_in_work,
            volunteer_allowance=work.volunteer_allowance,
            wage_subsidy=work.wage_subsidy,
        ),
    )
    point = outcome.sweep[SWEEP_HOURS.index(other_hours)]
    assert (point.total, point.parts) == (other.with_work.total, other.with_work.parts)
    # With no hours and the same allowance, "with work" is "now".
    idle = Work(hours_per_week=ZERO, volunteer_allowance=situation.volunteer_allowance)
    assert calculate(situation, idle).with_work.total == outcome.now.total


@SETTINGS
@given(
    situation=situations(),
    work=works(),
    start_offset=st.integers(-60, 400),
)
def test_the_cashflow_never_asks_to_set_aside_a_negative_amount(
    situation, work, start_offset
) -> None:
    start = situation.as_of + timedelta(days=start_offset)
    work = Work(
        hours_per_week=work.hours_per_week,
        hourly_wage=work.hourly_wage,
        months_in_work=work.months_in_work,
        volunteer_allowance=work.volunteer_allowance,
        start_date=start,
    )
    outcome = calculate(situation, work)
    assert len(outcome.cashflow) >= 4
    for month in outcome.cashflow:
        assert month.set_aside >= ZERO
        assert month.withheld >= ZERO
        assert month.to_repay >= ZERO
        assert all(arrival.amount > ZERO for arrival in month.arrives)
    summary = outcome.cashflow_summary
    assert summary.set_aside_total >= ZERO
    assert summary.set_aside_total == sum((month.set_aside for month in outcome.cashflow), ZERO)
    # What is set aside is exactly what was paid too much (each figure rounded on its own) ...
    overpaid = summary.benefit_overpaid + summary.allowances_overpaid
    assert abs(summary.set_aside_total - overpaid) <= CENT
    # ... and every euro paid too much is later withheld or asked back.
    assert (
        abs(summary.withheld_total + summary.to_repay_total - summary.benefit_overpaid) <= 2 * CENT
    )


@SETTINGS
@given(situation=situations(), work=works())
def test_every_amount_is_rounded_to_cents(situation, work) -> None:
    outcome = calculate(situation, work)
    for snapshot in (outcome.now, outcome.with_work, *outcome.sweep):
        assert snapshot.total == snapshot.total.quantize(CENT)
        for name in snapshot.parts.__slots__:
            value = getattr(snapshot.parts, name)
            assert value is None or (value == value.quantize(CENT) and value >= ZERO)
        # The total is rounded once, so it is within a few cents of the rounded parts' sum.
        parts_sum = sum(
            (getattr(snapshot.parts, n) or ZERO for n in snapshot.parts.__slots__), ZERO
        )
        assert abs(parts_sum - snapshot.total) <= 4 * CENT
