"""The milestones an organisation adds to a new placement, as data: which kind, counted from
which moment (the trial's or the contract's start), how long after it, and the employer's task.

From seed-rules.md: every place determines the definitive wage value after six months of
flat-rate wage subsidy ("na 6 maanden forfaitair LKS"), when that subsidy ends, and the employer
applies for the support allowance (begeleidingsvergoeding) when the contract starts. Almere
also measures the wage value in week 6 of its 8-week trial ("zesde week… loonwaardemeting").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.employers.models import MilestoneKind
from app.i18n import lazy_gettext as _l


class Anchor(StrEnum):
    trial_start = "trial_start"  # the trial step's start (or the placement's)
    contract_start = "contract_start"  # the contract step's start


@dataclass(frozen=True)
class MilestoneRule:
    kind: MilestoneKind
    anchor: Anchor
    # Due this long after the anchor: `in_week` counts weeks as people say them (week 1 is
    # the first week, so week 6 begins five weeks after the start); `months` adds months.
    in_week: int = 1
    months: int = 0
    # What the employer does for it, in the employer's language (stored with the milestone).
    employer_task: object = ""


DEFINITIVE_WAGE_VALUE_MONTHS = 6  # "na 6 maanden forfaitair LKS"
ALMERE_TRIAL_MEASUREMENT_WEEK = 6  # "in de zesde week… loonwaardemeting"

# Every organisation: the contract's milestones.
COMMON_RULES = (
    MilestoneRule(MilestoneKind.support_allowance, Anchor.contract_start,
                  employer_task=_l("Apply for the support allowance (begeleidingsvergoeding) "
                                   "with the municipality.")),
    MilestoneRule(MilestoneKind.wage_value_final, Anchor.contract_start,
                  months=DEFINITIVE_WAGE_VALUE_MONTHS,
                  employer_task=_l("Plan the definitive wage-value determination with the "
                                   "consultant.")),
    MilestoneRule(MilestoneKind.flat_rate_subsidy_end, Anchor.contract_start,
                  months=DEFINITIVE_WAGE_VALUE_MONTHS),
)

# Organisations with rules of their own (by organisation slug), beside the common ones.
ORGANISATION_RULES: dict[str, tuple[MilestoneRule, ...]] = {
    "almere": (
        MilestoneRule(MilestoneKind.wage_value_trial, Anchor.trial_start,
                      in_week=ALMERE_TRIAL_MEASUREMENT_WEEK,
                      employer_task=_l("Make time for the wage-value measurement at the "
                                       "workplace, with the workplace supervisor.")),
    ),
}


def rules_for(organisation_slug: str | None) -> tuple[MilestoneRule, ...]:
    """The milestone rules of an organisation: its own first, then the common ones."""
    return (*ORGANISATION_RULES.get(organisation_slug or "", ()), *COMMON_RULES)
