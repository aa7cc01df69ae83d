"""The flags of the caseload: each with a code, the reason in plain words and what to do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.i18n import lazy_gettext as _l

# Code -> (reason, suggested action); reasons take the row's numbers as parameters.
FLAG_TEXTS = {
    "step_overdue": (_l("Step takes longer than expected: %(days)s days, usually %(expected)s."),
                     _l("Call the candidate and say what happens now.")),
    "appointment_soon": (_l("Appointment within 3 days: %(when)s."),
                         _l("Check that the candidate knows where and when.")),
    "first_salary_soon": (_l("First salary month starts %(start)s; the benefits office "
                             "does not know yet."),
                          _l("Tell the benefits office the start date, then record it.")),
    "first_salary_checklist_open": (
        _l("First salary: the checklist is not done; the contract starts %(start)s."),
        _l("Tell the benefits office, note the first payslip, check it afterwards.")),
    "wage_value_due": (_l("Definitive wage value due on %(due)s: six months after the "
                          "contract start."),
                       _l("Plan the definitive wage-value determination and record it.")),
    "contract_not_recorded": (_l("The contract step is reached, but no contract is recorded."),
                              _l("Record the contract: employer, hours, wage and dates.")),
    "last_placement_attempt": (_l("Workplace %(attempt)s of %(limit)s: the last one to try."),
                               _l("If it does not fit, choose another provision together.")),
    "guarantee_expiring": (_l("The fallback guarantee ends on %(until)s."),
                           _l("Issue a new version of the guarantee.")),
    "guarantee_missing": (_l("No fallback guarantee written down."),
                          _l("Write down where the candidate can go back to.")),
    "no_contact": (_l("No contact for %(days)s days."),
                   _l("Send an update or plan a short talk.")),
    "evaluation_due": (_l("Progress talk or evaluation due: every %(months)s months, the last "
                          "one (or the start) was on %(since)s."),
                       _l("Hold the progress talk and record it with that purpose.")),
    "aftercare_visits_behind": (_l("Aftercare: %(visits)s visits in the last 12 months; at "
                                   "least %(per_year)s a year are agreed."),
                                _l("Plan an aftercare visit.")),
    "contact_absent_no_backup": (_l("The contact person is away and there is no backup."),
                                 _l("Choose a backup.")),
    "network_never_invited": (_l("Nobody from the network looks along."),
                              _l("Ask the candidate whom to invite.")),
    "question_waiting": (_l("A question has waited more than two working days for an answer "
                            "(asked %(since)s)."),
                         _l("Answer the question, or call the candidate.")),
    "employer_concern": (_l("The employer told you about a worry (%(count)s open, the first "
                            "on %(since)s)."),
                         _l("Read it, call the employer and mark it handled.")),
    "milestone_overdue": (_l("Workplace: %(what)s was due on %(due)s and is not done yet."),
                          _l("Do it now with the employer, or agree a new date and change it.")),
    "milestone_due_soon": (_l("Workplace: %(what)s is due on %(due)s."),
                           _l("Check with the employer that it is planned, then record it as "
                              "done.")),
}
FLAG_CODES = tuple(FLAG_TEXTS)

# The short name of each warning, for the caseload's filter.
FLAG_NAMES = {
    "step_overdue": _l("Step takes too long"),
    "appointment_soon": _l("Appointment soon"),
    "first_salary_soon": _l("First salary soon"),
    "first_salary_checklist_open": _l("First-salary checklist open"),
    "wage_value_due": _l("Definitive wage value due"),
    "contract_not_recorded": _l("Contract not recorded"),
    "last_placement_attempt": _l("Last workplace to try"),
    "guarantee_expiring": _l("Guarantee ends soon"),
    "guarantee_missing": _l("No guarantee"),
    "no_contact": _l("No contact for a long time"),
    "evaluation_due": _l("Progress talk due"),
    "aftercare_visits_behind": _l("Aftercare visits behind"),
    "contact_absent_no_backup": _l("Contact person away, no backup"),
    "network_never_invited": _l("No network invited"),
    "question_waiting": _l("Question waiting"),
    "employer_concern": _l("Employer worried"),
    "milestone_overdue": _l("Workplace milestone overdue"),
    "milestone_due_soon": _l("Workplace milestone soon"),
}


@dataclass(frozen=True)
class Flag:
    code: str
    params: dict[str, Any]

    # The texts are lazy: str() translates them into the request's language.
    @property
    def reason(self) -> str:
        return str(FLAG_TEXTS[self.code][0]) % self.params

    @property
    def action(self) -> str:
        return str(FLAG_TEXTS[self.code][1])
