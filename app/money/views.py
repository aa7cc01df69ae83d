"""Presenters of the money outcome: what the result partial (money/_result.html) needs, for Mijn
geld, the public calculator and the consultant's money section alike."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.i18n import date_text, gettext
from app.money.chart import chart_geometry, table_rows
from app.money.labels import ARRIVAL_LABELS, PART_LABELS, PART_PICTOGRAMS, part_rows
from app.money.texts import action_text, money, month_name, whole_euros
from app.money.texts import hours as format_hours


def result_context(outcome, hours: Decimal) -> dict[str, Any]:
    """What the result partial (money/_result.html) needs, for both screens."""
    return {
        "outcome": outcome, "hours": hours, "chart": chart_geometry(outcome, hours),
        "table": table_rows(outcome),
        "part_keys": [key for key in PART_LABELS if key in {
            k for k, _amount in part_rows(outcome.now) + part_rows(outcome.with_work)}],
        "actions": [action_text(a) for a in outcome.actions],
        "notes": [action_text(n) for n in outcome.notes
                  if n.code not in ("amounts_provisional",)],
        "part_labels": PART_LABELS, "part_pictograms": PART_PICTOGRAMS,
        "arrival_labels": ARRIVAL_LABELS, "money": money, "format_hours": format_hours,
        "whole_euros": whole_euros,
        "month_name": month_name,
    }


def source_lines(sources: dict[str, str] | None, employer: str | None = None) -> list[str]:
    """Where the hours, start date and wage of the outcome come from, in plain words."""
    if not sources:
        return []
    texts = {
        ("hours", "contract"): gettext("The hours come from your contract with %(employer)s."),
        ("hours", "inputs"): gettext("The hours come from your money details."),
        ("start_date", "contract"): gettext("The start date comes from your contract."),
        ("start_date", "inputs"): gettext("The start date comes from your money details."),
        ("wage", "contract"): gettext("The wage comes from your contract."),
        ("wage", "inputs"): gettext("The wage comes from your money details."),
        ("wage", "none"): gettext("We count with the minimum wage."),
    }
    lines = []
    for key in ("hours", "start_date", "wage"):
        text = texts.get((key, sources.get(key, "none")))
        if text:
            lines.append(text % {"employer": employer or ""} if "%(" in text else text)
    return lines


@dataclass(frozen=True)
class PersonalAction:
    """One thing to arrange: what, who does it, when, and the amount where there is one."""

    code: str
    text: str
    who: str
    when: str
    amount: str = ""


def _start_text(outcome, inputs) -> str:
    start = outcome.cashflow_summary.start_date if outcome.cashflow_summary else None
    start = start or (inputs.start_date if inputs is not None else None)
    return gettext("Before %(date)s") % {"date": date_text(start)} if start else \
        gettext("Before you start work")


def personal_actions(outcome, inputs, way_back) -> list[PersonalAction]:
    """The action list of Mijn geld: only the engine's actions for this household, benefit,
    hours and month, each with who and when, plus the budget manager (bewindvoerder) or the
    debt-restructuring administrator, and the way back read from the guarantee (`way_back`:
    the guarantees' IncomeOnReturnView, never a sentence of our own)."""
    you = gettext("You")
    offices = {"municipality": gettext("the municipality"), "UWV": gettext("UWV")}
    before_start = _start_text(outcome, inputs)
    items: list[PersonalAction] = []
    for action in outcome.actions:
        params = action.params
        if action.code == "tell_benefits_office":
            items.append(PersonalAction(action.code, action_text(action), you,
                                        gettext("Before %(date)s") % {
                                            "date": date_text(params["start_date"])}))
        elif action.code == "set_aside_money":
            items.append(PersonalAction(action.code, action_text(action), you,
                                        month_name(str(params["month"])),
                                        money(params["amount"])))
        elif action.code.startswith("update_"):
            items.append(PersonalAction(action.code, action_text(action), you, before_start,
                                        money(params["new_amount"])))
        elif action.code == "benefit_stops":
            office = offices["UWV" if params.get("benefit") == "wajong" else "municipality"]
            items.append(PersonalAction(action.code, action_text(action), office[:1].upper()
                                        + office[1:], month_name(str(params["month"]))))
        else:
            items.append(PersonalAction(action.code, action_text(action), you, before_start,
                                        money(params.get("max_amount"))))
    if inputs is not None and inputs.budget_manager:
        items.append(PersonalAction(
            "tell_budget_manager",
            gettext("Your budget manager (bewindvoerder) must know that you start work. "
                    "A budget manager takes care of your money for you. Tell them your hours "
                    "and your wage."),
            gettext("You or your contact person"), before_start))
    if inputs is not None and inputs.debt_restructuring:
        items.append(PersonalAction(
            "tell_debt_administrator",
            gettext("You are in debt restructuring (schuldsanering). Tell your administrator "
                    "(WSNP-bewindvoerder) about your new job. Part of your wage then goes to "
                    "your debts. Keep every pay slip."),
            gettext("You or your contact person"), before_start))
    if way_back is not None:
        items.append(PersonalAction("way_back", way_back.text, gettext("Your contact person"),
                                    gettext("If work stops")))
    return items
