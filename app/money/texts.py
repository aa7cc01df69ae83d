"""The calculator's actions and notes in plain words, in the reader's language.

The engine gives a stable `text_key` with parameters; this module holds the translatable
sentences (Dutch at B1 level) and formats amounts, dates and months the Babel way."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from app.i18n import babel_locale, gettext
from app.i18n import lazy_gettext as _l
from app.money.engine import Action

TEXTS = {
    "money.action.tell_benefits_office": _l(
        "Tell %(office)s before %(start_date)s that you start work. Say how many hours: "
        "%(hours)s a week. Send every pay slip."),
    "money.action.set_aside_money": _l(
        "Put %(amount)s aside in %(month)s. You will have to pay this back later."),
    "money.action.update_zorgtoeslag": _l(
        "Tell Dienst Toeslagen about your new income. Zorgtoeslag is now %(old_amount)s. "
        "With work it is about %(new_amount)s a month."),
    "money.action.update_huurtoeslag": _l(
        "Tell Dienst Toeslagen about your new income. Huurtoeslag is now %(old_amount)s. "
        "With work it is about %(new_amount)s a month."),
    "money.action.update_kindgebonden_budget": _l(
        "Tell Dienst Toeslagen about your new income. Kindgebonden budget is now "
        "%(old_amount)s. With work it is about %(new_amount)s a month."),
    "money.action.ask_about_exemption.general": _l(
        "Ask the municipality about the extra rule for new workers. Then you may keep "
        "%(rate_pct)s%% of your wage for %(months)s months. That is at most %(max_amount)s a "
        "month."),
    "money.action.ask_about_exemption.single_parent": _l(
        "Do you care for a child under %(child_age)s on your own? Then ask the municipality "
        "about the extra rule for parents. You may keep %(rate_pct)s%% of your wage, at most "
        "%(max_amount)s a month."),
    "money.action.ask_about_exemption.medical_hours_limit": _l(
        "A doctor said you can only work a few hours. So ask the municipality about the "
        "extra rule. You may keep %(rate_pct)s%% of your wage, at most %(max_amount)s a month."),
    "money.action.ask_about_exemption.wage_subsidy": _l(
        "Your employer gets money from the municipality for your job. So ask about the "
        "extra rule. You may keep %(rate_pct)s%% of your wage, at most %(max_amount)s a month."),
    "money.action.benefit_stops": _l(
        "Your %(benefit)s stops from %(month)s, because your wage is high enough."),
    "money.note.amounts_provisional": _l(
        "These are amounts of %(valid_from)s. It is an estimate."),
    "money.note.huurtoeslag_estimate": _l("Huurtoeslag is a rough estimate."),
    "money.note.volunteer_allowance_counted": _l(
        "You are under %(age)s. So the volunteer allowance of %(amount)s a month is taken off "
        "your bijstand."),
    "money.note.volunteer_allowance_above_max": _l(
        "The part of your volunteer allowance above %(max_amount)s a month is taken off your "
        "bijstand."),
    "money.note.youth_norm": _l(
        "From 18 to 20 the bijstand is lower. The idea is that parents help."),
    "money.note.no_benefit_under_18": _l("There is no %(benefit)s before the age of 18."),
    "money.note.above_aow_age": _l(
        "From age %(age)s other rules apply. These amounts are not right then."),
    "money.note.kindgebonden_budget_not_estimated": _l(
        "Kindgebonden budget for couples is not in these amounts."),
    "money.note.wage_below_minimum": _l(
        "The wage of %(hourly_wage)s an hour is below the minimum wage for your age. That is "
        "%(minimum)s an hour."),
    "money.note.benefit_replaced_below": _l(
        "Up to %(hours)s hours a week, more work mostly means less benefit. Your income then "
        "hardly goes up."),
    "money.note.work_pays_from": _l(
        "From %(hours)s hours a week you have at least 10%% more money than now."),
    "money.note.work_does_not_pay": _l(
        "Up to 40 hours a week you do not get 10%% more money than now."),
}

_OFFICES = {"municipality": _l("the municipality"), "UWV": _l("UWV")}
_BENEFITS = {"bijstand": _l("bijstand"), "wajong": _l("Wajong")}
_AMOUNT_PARAMS = {"amount", "old_amount", "new_amount", "max_amount", "hourly_wage", "minimum"}


def money(amount: Decimal | None) -> str:
    if amount is None:
        return ""
    return format_currency(amount, "EUR", locale=babel_locale())


def whole_euros(amount: Decimal) -> str:
    """An amount without cents, for chart axes (€ 1.500 / €1,500)."""
    return format_currency(amount, "EUR", locale=babel_locale(), format="¤ #,##0",
                           currency_digits=False)


def hours(value: Decimal | float | None) -> str:
    if value is None:
        return ""
    return format_decimal(Decimal(str(value)).normalize(), locale=babel_locale())


def month_name(year_month: str) -> str:
    year, month = (int(part) for part in year_month.split("-"))
    return format_date(date(year, month, 1), "MMMM y", locale=babel_locale())


def _param(name: str, value: Any) -> str:
    if name in _AMOUNT_PARAMS and value is not None:
        return money(Decimal(str(value)))
    if name == "office":
        return str(_OFFICES.get(value, value))
    if name == "benefit":
        return str(_BENEFITS.get(value, value))
    if name == "month":
        return month_name(str(value))
    if isinstance(value, date):
        return format_date(value, "long", locale=babel_locale())
    if name == "hours":
        return hours(value)
    return str(value)


def action_text(action: Action) -> str:
    """The action or note as a sentence in the current language (English default if unknown)."""
    template = TEXTS.get(action.text_key)
    if template is None:
        return action.text
    return gettext(str(template)) % {k: _param(k, v) for k, v in action.params.items()}
