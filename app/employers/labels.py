"""The names of employer kinds and placement milestones: as staff read them in lists, the
caseload's flags and forms, and in plain words as the employer reads them."""

from __future__ import annotations

from app.employers.models import EmployerKind, MilestoneKind
from app.i18n import lazy_gettext as _l

EMPLOYER_KINDS = {
    EmployerKind.social_firm: _l("Social firm"),
    EmployerKind.regular: _l("Regular employer"),
    EmployerKind.care_provider: _l("Care provider"),
    EmployerKind.sw_company: _l("Sheltered-work company (sw-bedrijf)"),
}

MILESTONES = {
    MilestoneKind.wage_value_trial: _l("Wage-value measurement during the trial"),
    MilestoneKind.wage_value_final: _l("Definitive wage-value determination"),
    MilestoneKind.flat_rate_subsidy_end: _l("End of the flat-rate wage subsidy"),
    MilestoneKind.support_allowance: _l("Support allowance application"),
    MilestoneKind.other: _l("Other milestone"),
}

# The same milestones in plain words (B1) for the employer's pages.
EMPLOYER_MILESTONES = {
    MilestoneKind.wage_value_trial: _l("Wage-value measurement during the trial"),
    MilestoneKind.wage_value_final: _l("Final wage value"),
    MilestoneKind.flat_rate_subsidy_end: _l("End of the flat-rate wage subsidy"),
    MilestoneKind.support_allowance: _l("Support allowance"),
    MilestoneKind.other: _l("Other date"),
}
