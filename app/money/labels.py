"""Names of income parts and payments, in plain words, for the money screens."""

from __future__ import annotations

from app.i18n import lazy_gettext as _l

PART_LABELS = {
    "net_wage": _l("Wage (net)"),
    "benefit": _l("Benefit"),
    "zorgtoeslag": _l("Zorgtoeslag (for health insurance)"),
    "huurtoeslag": _l("Huurtoeslag (for rent)"),
    "kindgebonden_budget": _l("Kindgebonden budget (for children)"),
    "volunteer_allowance": _l("Volunteer allowance"),
    "partner_income": _l("Income of your partner"),
    "municipal_scheme": _l("Extra money from the municipality"),
}
PART_PICTOGRAMS = {
    "net_wage": "first-salary", "benefit": "money", "zorgtoeslag": "aftercare",
    "huurtoeslag": "home", "kindgebonden_budget": "network", "volunteer_allowance": "money",
    "partner_income": "person", "municipal_scheme": "money",
}
ARRIVAL_LABELS = {
    "salary": _l("Wage"),
    "holiday_pay": _l("Holiday pay from work"),
    "benefit": _l("Benefit"),
    "benefit_back_payment": _l("Benefit paid later"),
    "vakantietoeslag": _l("Holiday pay from the benefit"),
    "zorgtoeslag": _l("Zorgtoeslag"),
    "huurtoeslag": _l("Huurtoeslag"),
    "kindgebonden_budget": _l("Kindgebonden budget"),
    "volunteer_allowance": _l("Volunteer allowance"),
    "municipal_scheme": _l("Extra money from the municipality"),
}


def part_rows(snapshot) -> list[tuple[str, object]]:
    """(key, amount) of the parts that matter: amounts above zero, and huurtoeslag if estimated."""
    parts = snapshot.parts
    rows = []
    for key in PART_LABELS:
        amount = getattr(parts, key)
        if amount is not None and amount != 0:
            rows.append((key, amount))
    return rows
