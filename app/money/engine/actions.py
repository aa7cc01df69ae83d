"""What the candidate should do (actions) or know (notes), as stable codes with parameters.

The web layer translates by `text_key` and fills in `params`; `text` is the English default.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from app.money.engine.cashflow import Forecast
from app.money.engine.model import Action, Situation, Snapshot, Work
from app.money.engine.rules import ZERO, Context, cents

TEXTS: dict[str, str] = {
    "money.action.tell_benefits_office": (
        "Tell the {office} before {start_date} that you start work ({hours} hours a week), "
        "and send every pay slip."
    ),
    "money.action.set_aside_money": (
        "Put €{amount} aside in {month}. This money will be taken back later."
    ),
    "money.action.update_zorgtoeslag": (
        "Report your new income to Dienst Toeslagen. Zorgtoeslag: now €{old_amount}, "
        "with work about €{new_amount} a month."
    ),
    "money.action.update_huurtoeslag": (
        "Report your new income to Dienst Toeslagen. Huurtoeslag: now €{old_amount}, "
        "with work about €{new_amount} a month."
    ),
    "money.action.update_kindgebonden_budget": (
        "Report your new income to Dienst Toeslagen. Kindgebonden budget: now €{old_amount}, "
        "with work about €{new_amount} a month."
    ),
    "money.action.ask_about_exemption.general": (
        "Ask the municipality to leave {rate_pct}% of your wage out of the sum "
        "(at most €{max_amount} a month) in your first {months} months of work."
    ),
    "money.action.ask_about_exemption.single_parent": (
        "As a single parent with a child under {child_age}, ask to leave {rate_pct}% of your wage "
        "out of the sum (at most €{max_amount} a month)."
    ),
    "money.action.ask_about_exemption.medical_hours_limit": (
        "If a doctor has limited the hours you can work, ask about leaving {rate_pct}% of your "
        "wage out of the sum (at most €{max_amount} a month)."
    ),
    "money.action.ask_about_exemption.wage_subsidy": (
        "If your employer gets loonkostensubsidie (wage subsidy, usual in beschut werk), ask about "
        "leaving {rate_pct}% of your wage out of the sum (at most €{max_amount} a month)."
    ),
    "money.action.benefit_stops": (
        "Your {benefit} stops from {month}: your wage is higher than the norm."
    ),
    "money.note.amounts_provisional": "Amounts of {valid_from}, an estimate.",
    "money.note.huurtoeslag_estimate": "Huurtoeslag is a rough estimate.",
    "money.note.volunteer_allowance_counted": (
        "Under {age} the volunteer allowance (€{amount} a month) is deducted from the bijstand."
    ),
    "money.note.volunteer_allowance_above_max": (
        "The part of the volunteer allowance above €{max_amount} a month is deducted "
        "from the bijstand."
    ),
    "money.note.youth_norm": (
        "From 18 to 20 the bijstand is lower (jongerennorm): parents are expected to help."
    ),
    "money.note.no_benefit_under_18": "There is no {benefit} before age 18.",
    "money.note.above_aow_age": (
        "From age {age} AOW and other tax rules apply. These figures are not reliable then."
    ),
    "money.note.kindgebonden_budget_not_estimated": (
        "Kindgebonden budget for couples is not included in these figures."
    ),
    "money.note.wage_below_minimum": (
        "The hourly wage €{hourly_wage} is below the minimum wage for your age (€{minimum})."
    ),
    "money.note.benefit_replaced_below": (
        "Up to {hours} hours a week, extra hours mostly replace benefit instead of adding income."
    ),
    "money.note.work_pays_from": "Work gives at least 10% more income from {hours} hours a week.",
    "money.note.work_does_not_pay": (
        "Up to 40 hours a week, work does not give 10% more income than now."
    ),
}


def format_param(value: Any) -> str:
    """Plain text of a parameter: amounts arrive rounded to cents, so they keep two decimals."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def make(code: str, text_key: str, **params: Any) -> Action:
    text = TEXTS[text_key].format(**{name: format_param(value) for name, value in params.items()})
    return Action(code=code, text_key=text_key, params=params, text=text)


def _percent(rate: Decimal) -> Decimal:
    return (rate * 100).normalize()


def build_actions(
    ctx: Context,
    situation: Situation,
    work: Work,
    now: Snapshot,
    with_work: Snapshot,
    forecast: Forecast,
) -> tuple[Action, ...]:
    """Steps that prevent surprises (the repayment letter above all), in the order to take them."""
    r = ctx.rates
    actions: list[Action] = []
    working = work.hours_per_week > ZERO
    on_benefit = ctx.benefit in ("bijstand", "wajong")
    summary = forecast.summary
    if working and on_benefit:
        actions.append(
            make(
                "tell_benefits_office",
                "money.action.tell_benefits_office",
                office="municipality" if ctx.benefit == "bijstand" else "UWV",
                start_date=summary.start_date,
                hours=work.hours_per_week.normalize(),
            )
        )
    if summary.set_aside_total > ZERO:
        first = next(month for month in forecast.months if month.set_aside > ZERO)
        actions.append(
            make(
                "set_aside_money",
                "money.action.set_aside_money",
                amount=summary.set_aside_total,
                month=first.month,
            )
        )
    if working:
        for code, old, new in (
            ("update_zorgtoeslag", now.parts.zorgtoeslag, with_work.parts.zorgtoeslag),
            ("update_huurtoeslag", now.parts.huurtoeslag, with_work.parts.huurtoeslag),
            (
                "update_kindgebonden_budget",
                now.parts.kindgebonden_budget,
                with_work.parts.kindgebonden_budget,
            ),
        ):
            # Any change of yearly income must be reported, even if the amount stays the same.
            if old is not None and (old > ZERO or (new or ZERO) > ZERO):
                actions.append(
                    make(code, f"money.action.{code}", old_amount=old, new_amount=new or ZERO)
                )
    # Only the disregard rules (vrijlatingen) that apply to this person, and none when the
    # bijstand stops anyway: a rule about keeping part of the wage next to bijstand is moot then.
    if (working and ctx.benefit == "bijstand" and ctx.norm > ZERO
            and not forecast.benefit_ends_in):
        young_child = any(age < r.single_parent_child_under_age for age in situation.children_ages)
        if work.months_in_work <= r.general_months and ctx.full_exemptions:
            actions.append(
                make(
                    "ask_about_exemption",
                    "money.action.ask_about_exemption.general",
                    kind="general",
                    rate_pct=_percent(r.general_rate),
                    max_amount=cents(r.general_max),
                    months=r.general_months,
                )
            )
        if situation.household == "single_parent" and young_child:
            actions.append(
                make(
                    "ask_about_exemption",
                    "money.action.ask_about_exemption.single_parent",
                    kind="single_parent",
                    rate_pct=_percent(r.single_parent_rate),
                    max_amount=cents(r.single_parent_max),
                    child_age=r.single_parent_child_under_age,
                )
            )
        if situation.medical_hours_limit:
            actions.append(
                make(
                    "ask_about_exemption",
                    "money.action.ask_about_exemption.medical_hours_limit",
                    kind="medical_hours_limit",
                    rate_pct=_percent(r.medical_rate),
                    max_amount=cents(r.medical_max),
                )
            )
        if work.wage_subsidy:
            actions.append(
                make(
                    "ask_about_exemption",
                    "money.action.ask_about_exemption.wage_subsidy",
                    kind="wage_subsidy",
                    rate_pct=_percent(r.wage_subsidy_rate),
                    max_amount=cents(r.wage_subsidy_max),
                )
            )
    if forecast.benefit_ends_in:
        actions.append(
            make(
                "benefit_stops",
                "money.action.benefit_stops",
                benefit=ctx.benefit,
                month=forecast.benefit_ends_in,
            )
        )
    return tuple(actions)


def build_notes(
    ctx: Context,
    situation: Situation,
    work: Work,
    leaves_benefit_at_hours: Decimal | None,
    work_pays_from_hours: Decimal | None,
) -> tuple[Action, ...]:
    """Facts that explain the figures; same shape as actions."""
    r = ctx.rates
    notes: list[Action] = []
    if r.provisional:
        notes.append(
            make("amounts_provisional", "money.note.amounts_provisional", valid_from=r.valid_from)
        )
    if situation.rent is not None:
        notes.append(make("huurtoeslag_estimate", "money.note.huurtoeslag_estimate"))
    if ctx.benefit in ("bijstand", "wajong"):
        minimum_age = r.bijstand_min_age if ctx.benefit == "bijstand" else r.wajong_min_age
        if situation.age < minimum_age:
            notes.append(
                make("no_benefit_under_18", "money.note.no_benefit_under_18", benefit=ctx.benefit)
            )
    if ctx.benefit == "bijstand" and ctx.norm > ZERO:
        allowance = max(situation.volunteer_allowance, work.volunteer_allowance)
        if allowance > ZERO and not ctx.full_exemptions:
            notes.append(
                make(
                    "volunteer_allowance_counted",
                    "money.note.volunteer_allowance_counted",
                    age=r.adult_exemptions_min_age,
                    amount=cents(allowance),
                )
            )
        elif allowance > r.volunteer_max_month:
            notes.append(
                make(
                    "volunteer_allowance_above_max",
                    "money.note.volunteer_allowance_above_max",
                    max_amount=cents(r.volunteer_max_month),
                )
            )
        if situation.age <= r.youth_norm_max_age:
            notes.append(make("youth_norm", "money.note.youth_norm"))
    if situation.age >= r.aow_age:
        notes.append(make("above_aow_age", "money.note.above_aow_age", age=r.aow_age))
    if situation.household == "couple" and any(
        age < r.kgb_child_under_age for age in situation.children_ages
    ):
        notes.append(
            make(
                "kindgebonden_budget_not_estimated", "money.note.kindgebonden_budget_not_estimated"
            )
        )
    if work.hourly_wage is not None:
        minimum = cents(r.wml_hourly * r.youth_rate(situation.age))
        if work.hourly_wage < minimum:
            notes.append(
                make(
                    "wage_below_minimum",
                    "money.note.wage_below_minimum",
                    hourly_wage=cents(work.hourly_wage),
                    minimum=minimum,
                )
            )
    if ctx.benefit == "bijstand" and leaves_benefit_at_hours:
        notes.append(
            make(
                "benefit_replaced_below",
                "money.note.benefit_replaced_below",
                hours=leaves_benefit_at_hours.normalize(),
            )
        )
    if work_pays_from_hours is not None:
        notes.append(
            make(
                "work_pays_from",
                "money.note.work_pays_from",
                hours=work_pays_from_hours.normalize(),
            )
        )
    else:
        notes.append(make("work_does_not_pay", "money.note.work_does_not_pay"))
    return tuple(notes)
