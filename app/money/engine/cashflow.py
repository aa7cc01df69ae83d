"""Month-by-month forecast from the start of work: what arrives when and what to set aside."""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.money.engine.model import Arrival, CashflowMonth, CashflowSummary, Work
from app.money.engine.rules import (
    ZERO,
    Context,
    Raw,
    cents,
    evaluate,
    exemption_caps,
    gross_for_hours,
)

MIN_MONTHS = 4


def default_practice(benefit: str) -> str | None:
    """The offset practice assumed when none is given for the situation."""
    # Municipalities differ; offsetting afterwards is what causes repayment letters, so it is the
    # cautious default for bijstand. UWV turns Wajong into an advance on the estimated wage.
    if benefit == "bijstand":
        return "offset_afterwards"
    if benefit == "wajong":
        return "estimate_in_advance"
    return None


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def add_months(first_of_month: date, months: int) -> date:
    index = first_of_month.year * 12 + first_of_month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _day(first_of_month: date, day: int) -> date:
    last = monthrange(first_of_month.year, first_of_month.month)[1]
    return first_of_month.replace(day=min(day, last))


@dataclass(frozen=True, slots=True)
class Forecast:
    months: tuple[CashflowMonth, ...]
    summary: CashflowSummary
    wage_holiday_paid_in: str | None
    benefit_holiday_paid_in: str | None
    benefit_ends_in: str | None


def forecast(ctx: Context, work: Work, now: Raw, start: date, practice: str | None) -> Forecast:
    """Forecast `practice.cashflow_months` months (at least 4) from `start`.

    Model (SOURCES.md §9): the salary arrives around the salary day of the month worked (the
    first month pro rata); bijstand and Wajong around the end of the month; toeslagen around the
    20th as the advance for the next month. Under `offset_afterwards` the office pays the old
    benefit in the first month and takes the excess back from the next payments, or reclaims it
    once the benefit has ended; under `estimate_in_advance` it deducts the expected wage from the
    first month. The first month's toeslagen were paid before the start at the old level, so
    their excess is set aside too (Dienst Toeslagen settles it after the year). Every month uses
    the parameters of `as_of`.
    """
    r = ctx.rates
    count = max(MIN_MONTHS, r.cashflow_months)
    first = start.replace(day=1)
    days = monthrange(start.year, start.month)[1]
    fraction = Decimal(days - start.day + 1) / Decimal(days)
    gross = gross_for_hours(ctx, work.hours_per_week)
    working = gross > ZERO
    cache: dict[tuple, Raw] = {}

    def state(month: int, partial: bool) -> Raw:
        caps = exemption_caps(ctx, month, work)
        key = (caps, partial)
        if key not in cache:
            # The first month is paid pro rata by calendar days from the start date.
            wage = gross * fraction if partial else gross
            cache[key] = evaluate(ctx, wage, caps, work.volunteer_allowance)
        return cache[key]

    bijstand = ctx.benefit == "bijstand"
    wajong = ctx.benefit == "wajong"
    offset_afterwards = practice == "offset_afterwards" and working

    first_steady = state(1, False)
    allowances_overpaid = (
        max(ZERO, now.zorgtoeslag - first_steady.zorgtoeslag)
        + max(ZERO, (now.huurtoeslag or ZERO) - (first_steady.huurtoeslag or ZERO))
        + max(ZERO, now.kindgebonden_budget - first_steady.kindgebonden_budget)
    )

    # Holiday pay accrued before the start, assuming the current benefit ran all holiday year.
    if bijstand:
        # Paid in June for June-May, so a June start still has the whole past year to come.
        months_before = (start.month - r.vakantietoeslag_month - 1) % 12 + 1
    else:
        # Wajong holiday pay comes with the May payment and covers June-May, May included.
        months_before = (start.month - r.wajong_holiday_pay_month - 1) % 12
    benefit_accrued = now.benefit_holiday * months_before
    wage_accrued = ZERO

    outstanding = ZERO  # > 0: paid too much, to be taken back; < 0: still to be paid
    benefit_overpaid = ZERO
    withheld_total = ZERO
    to_repay_total = ZERO
    benefit_ended = False
    wage_paid_in = benefit_paid_in = ends_in = None
    months: list[CashflowMonth] = []

    for index in range(1, count + 1):
        month_first = add_months(first, index - 1)
        key = month_key(month_first)
        month_end = _day(month_first, 31)
        raw = state(index, index == 1 and fraction < 1)
        arrives: list[Arrival] = []
        set_aside = withheld = to_repay = ZERO

        if raw.net_wage > ZERO:
            arrives.append(
                Arrival(_day(month_first, r.salary_day), "salary", cents(raw.net_wage), key)
            )
        wage_accrued += raw.wage_holiday
        if month_first.month == r.wage_holiday_pay_month and wage_accrued > ZERO:
            arrives.append(
                Arrival(_day(month_first, r.salary_day), "holiday_pay", cents(wage_accrued), None)
            )
            wage_paid_in = wage_paid_in or key
            wage_accrued = ZERO

        if bijstand or wajong:
            correct = raw.benefit
            holiday_payout = ZERO
            if bijstand and month_first.month == r.vakantietoeslag_month and benefit_accrued > ZERO:
                holiday_payout, benefit_accrued = benefit_accrued, ZERO
                benefit_paid_in = benefit_paid_in or key
            # Bijstand vakantietoeslag is paid out when the benefit ends; with offsetting
            # afterwards the office only learns in the second month that it has ended.
            if (
                bijstand
                and not benefit_ended
                and correct == ZERO
                and now.benefit > ZERO
                and (index >= 2 or not offset_afterwards)
            ):
                benefit_ended = True
                ends_in = key
                holiday_payout += benefit_accrued
                benefit_accrued = ZERO
                if holiday_payout > ZERO:
                    benefit_paid_in = benefit_paid_in or key

            if index == 1 and offset_afterwards:
                paid = now.benefit
                outstanding = paid - correct
                benefit_overpaid = max(ZERO, outstanding)
                set_aside += benefit_overpaid
            else:
                paid = correct
                if outstanding < ZERO:
                    arrives.append(
                        Arrival(month_end, "benefit_back_payment", cents(-outstanding), None)
                    )
                    outstanding = ZERO
                # A municipality may set the vakantietoeslag off against what is owed.
                if holiday_payout > ZERO and outstanding > ZERO:
                    offset = min(holiday_payout, outstanding)
                    holiday_payout -= offset
                    outstanding -= offset
                    withheld += offset
                if outstanding > ZERO:
                    taken = min(outstanding, paid)
                    paid -= taken
                    outstanding -= taken
                    withheld += taken
                    if outstanding > ZERO and correct == ZERO:
                        # Nothing left to withhold from: the office sends a repayment letter.
                        to_repay, outstanding = outstanding, ZERO
            if paid > ZERO:
                arrives.append(Arrival(month_end, "benefit", cents(paid), key))
            if holiday_payout > ZERO:
                arrives.append(Arrival(month_end, "vakantietoeslag", cents(holiday_payout), None))

            benefit_accrued += raw.benefit_holiday
            if (
                wajong
                and month_first.month == r.wajong_holiday_pay_month
                and benefit_accrued > ZERO
            ):
                arrives.append(Arrival(month_end, "vakantietoeslag", cents(benefit_accrued), None))
                benefit_paid_in = benefit_paid_in or key
                benefit_accrued = ZERO

        if raw.volunteer_allowance > ZERO:
            arrives.append(
                Arrival(month_end, "volunteer_allowance", cents(raw.volunteer_allowance), key)
            )
        if raw.municipal_scheme > ZERO:
            arrives.append(Arrival(month_end, "municipal_scheme", cents(raw.municipal_scheme), key))

        # Toeslagen arrive around the 20th as the advance for the next month, at the new level
        # once the change has been reported.
        following = state(index + 1, False)
        next_key = month_key(add_months(month_first, 1))
        allowance_day = _day(month_first, r.allowance_day)
        for kind, amount in (
            ("zorgtoeslag", following.zorgtoeslag),
            ("huurtoeslag", following.huurtoeslag),
            ("kindgebonden_budget", following.kindgebonden_budget),
        ):
            if amount:
                arrives.append(Arrival(allowance_day, kind, cents(amount), next_key))

        if index == 1:
            set_aside += allowances_overpaid
        arrives.sort(key=lambda arrival: arrival.date)
        withheld_total += withheld
        to_repay_total += to_repay
        months.append(
            CashflowMonth(
                month=key,
                work_month=index,
                arrives=tuple(arrives),
                total=sum((arrival.amount for arrival in arrives), ZERO),
                set_aside=cents(set_aside),
                withheld=cents(withheld),
                to_repay=cents(to_repay),
            )
        )

    # Whatever is still owed after the forecast is taken back later.
    to_repay_total += max(ZERO, outstanding)
    summary = CashflowSummary(
        start_date=start,
        offset_practice=practice,
        benefit_overpaid=cents(benefit_overpaid),
        allowances_overpaid=cents(allowances_overpaid),
        set_aside_total=sum((month.set_aside for month in months), ZERO),
        withheld_total=cents(withheld_total),
        to_repay_total=cents(to_repay_total),
    )
    return Forecast(tuple(months), summary, wage_paid_in, benefit_paid_in, ends_in)
