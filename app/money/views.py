"""Presenters of the money outcome: what the result partial (money/_result.html) needs, for Mijn
geld, the public calculator and the consultant's money section alike."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.i18n import gettext
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
