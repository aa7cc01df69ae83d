"""The calculator's entry points: `calculate` (the whole answer) and `sweep` (income per hours)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache

from app.money.engine.actions import build_actions, build_notes
from app.money.engine.cashflow import default_practice, forecast
from app.money.engine.model import (
    Difference,
    HolidayPay,
    HolidayPayMonth,
    Outcome,
    ParametersInfo,
    ParameterSource,
    Situation,
    Snapshot,
    Work,
)
from app.money.engine.parameters import ParameterSet, load_parameters
from app.money.engine.rates import rates_for
from app.money.engine.rules import (
    ZERO,
    Context,
    Raw,
    build_context,
    cents,
    evaluate,
    exemption_caps,
    gross_for_hours,
    snapshot,
)

# 0 to 40 hours a week in half hours: 81 points.
SWEEP_HOURS: tuple[Decimal, ...] = tuple(Decimal(step) / 2 for step in range(81))
_SWEEP_INDEX = {hours: index for index, hours in enumerate(SWEEP_HOURS)}
# Allers' rule of thumb: work pays when net income rises by at least 10%.
WORK_PAYS_FACTOR = Decimal("1.10")
HUNDRED = Decimal(100)


def _context(situation: Situation, work: Work, overrides: Mapping[str, object] | None):
    parameters = load_parameters(situation.as_of, overrides)
    return parameters, build_context(rates_for(parameters), situation, work)


def _sweep_raw(ctx: Context, work: Work) -> list[Raw]:
    caps = exemption_caps(ctx, work.months_in_work, work)
    allowance = work.volunteer_allowance
    return [evaluate(ctx, gross_for_hours(ctx, hours), caps, allowance) for hours in SWEEP_HOURS]


def sweep(
    situation: Situation, work: Work, overrides: Mapping[str, object] | None = None
) -> tuple[Snapshot, ...]:
    """Income at 0-40 hours a week in half-hour steps, everything else as in `work`."""
    _parameters, ctx = _context(situation, work, overrides)
    return tuple(
        snapshot(hours, raw) for hours, raw in zip(SWEEP_HOURS, _sweep_raw(ctx, work), strict=True)
    )


@lru_cache(maxsize=128)
def _parameters_info(parameters: ParameterSet) -> ParametersInfo:
    return ParametersInfo(
        valid_from=parameters.valid_from,
        provisional=parameters.provisional,
        sources=tuple(
            ParameterSource(p.path, p.value, p.source, p.status, p.provisional, p.overridden)
            for p in parameters.values.values()
        ),
    )


def _holiday(raw: Raw) -> HolidayPayMonth:
    wage, benefit = cents(raw.wage_holiday), cents(raw.benefit_holiday)
    return HolidayPayMonth(wage=wage, benefit=benefit, total=wage + benefit)


def calculate(
    situation: Situation, work: Work, overrides: Mapping[str, object] | None = None
) -> Outcome:
    """Income now and with work, per hours, month by month, and what to do.

    `overrides` maps dotted parameter paths to values (an organisation's own figures). Raises
    NoParametersForDate, UnknownParameter or InvalidOverride (all MoneyEngineError).
    """
    parameters, ctx = _context(situation, work, overrides)
    now_raw = evaluate(ctx, ZERO, (), situation.volunteer_allowance)
    now = snapshot(ZERO, now_raw)

    sweep_raw = _sweep_raw(ctx, work)
    points = tuple(snapshot(hours, raw) for hours, raw in zip(SWEEP_HOURS, sweep_raw, strict=True))
    index = _SWEEP_INDEX.get(work.hours_per_week)
    if index is not None:
        with_raw, with_work = sweep_raw[index], points[index]
    else:
        with_raw = evaluate(
            ctx,
            gross_for_hours(ctx, work.hours_per_week),
            exemption_caps(ctx, work.months_in_work, work),
            work.volunteer_allowance,
        )
        with_work = snapshot(work.hours_per_week, with_raw)

    amount = with_work.total - now.total
    percent = cents(amount / now.total * HUNDRED) if now.total > ZERO else None

    leaves_benefit_at_hours = None
    if ctx.benefit != "none":
        leaves_benefit_at_hours = next(
            (point.hours for point in points if point.parts.benefit == ZERO), None
        )
    threshold = now.total * WORK_PAYS_FACTOR
    work_pays_from_hours = next(
        (
            point.hours
            for point in points
            if point.hours > ZERO and point.total >= threshold and point.total > now.total
        ),
        None,
    )

    start = work.start_date or situation.as_of
    practice = situation.offset_practice or default_practice(ctx.benefit)
    cash = forecast(ctx, work, now_raw, start, practice)

    return Outcome(
        as_of=situation.as_of,
        now=now,
        with_work=with_work,
        difference=Difference(amount=amount, percent=percent),
        sweep=points,
        leaves_benefit_at_hours=leaves_benefit_at_hours,
        work_pays_from_hours=work_pays_from_hours,
        holiday_pay=HolidayPay(
            now=_holiday(now_raw),
            with_work=_holiday(with_raw),
            wage_paid_in=cash.wage_holiday_paid_in,
            benefit_paid_in=cash.benefit_holiday_paid_in,
        ),
        cashflow=cash.months,
        cashflow_summary=cash.summary,
        actions=build_actions(ctx, situation, work, now, with_work, cash),
        notes=build_notes(ctx, situation, work, leaves_benefit_at_hours, work_pays_from_hours),
        parameters=_parameters_info(parameters),
    )
