"""The names of employer kinds and placement milestones: as staff read them in lists, the
caseload's flags and forms, and in plain words as the employer reads them."""

from __future__ import annotations

from app.employers.models import ConcernKind, EmployerKind, MilestoneKind
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
    MilestoneKind.flat_rate_subsidy_end: _l("End of the fixed wage cost subsidy"),
    MilestoneKind.support_allowance: _l("Support allowance"),
    MilestoneKind.other: _l("Other date"),
}

# What an employer's worry is about (the concerns list and the file's timeline).
CONCERN_KINDS = {
    ConcernKind.absence: _l("Absence"), ConcernKind.behaviour: _l("Behaviour"),
    ConcernKind.wellbeing: _l("Wellbeing"), ConcernKind.work: _l("The work"),
    ConcernKind.other: _l("Other"),
}
