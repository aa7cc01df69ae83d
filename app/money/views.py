"""Presenters of the money outcome: what the result partial (money/_result.html) needs, for Mijn
geld, the public calculator and the consultant's money section alike."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

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
