"""Records in plain words for the candidate (B1): one short sentence per idea, dates as the
language writes them. English msgids; the Dutch is in the catalogue."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from app.i18n import date_text, gettext
from app.i18n import lazy_gettext as _l
from app.records.service import months_between

GOAL_STATUS = {
    "not_started": _l("not started yet"),
    "progressing": _l("going well"),
    "met": _l("reached"),
}
KIND_LABELS = {
    "uwv_advice": _l("UWV advice"), "decision": _l("Decision"), "contract": _l("Contract"),
    "trial": _l("Trial placement"), "wage_value": _l("Wage value (loonwaarde)"),
    "screening": _l("Screening"), "plan_goals": _l("Plan with goals"),
    "ladder_rung": _l("Participation ladder"), "evaluation": _l("Evaluation"),
    "hours_plan": _l("Hours plan"), "first_salary": _l("First salary"),
}

# The headings the candidate reads above his records (candidates/home.html, B1).
CANDIDATE_LABELS = {
    "contract": _l("Your work"), "uwv_advice": _l("Advice from UWV"),
    "decision": _l("The decision"), "trial": _l("Your trial"),
    "hours_plan": _l("Your hours"), "plan_goals": _l("Your goals"),
}


def _day(value: str | None) -> str:
    return date_text(date.fromisoformat(value)) if value else ""


def _hours(value: Any) -> str:
    number = Decimal(str(value)).normalize()
    return f"{number:f}".replace(".", ",") if number != number.to_integral() else f"{number:f}"


def _duration(start: str, end: str | None) -> str:
    months = months_between(date.fromisoformat(start),
                            date.fromisoformat(end) + timedelta(days=1))
    # Two msgids instead of ngettext: the pending translations are keyed by one msgid.
    if months and months % 12 == 0:
        years = months // 12
        return gettext("1 year") if years == 1 else gettext("%(num)s years") % {"num": years}
    return gettext("1 month") if months == 1 else gettext("%(num)s months") % {"num": months}


def contract_sentence(data: dict[str, Any]) -> str:
    """E.g. "Je contract: 28 uur per week, vanaf 1 januari 2027, voor 1 jaar." """
    values = {"hours": _hours(data["hours_per_week"]), "start": _day(data["starts_on"])}
    if data.get("ends_on"):
        values["duration"] = _duration(data["starts_on"], data["ends_on"])
        return gettext("Your contract: %(hours)s hours a week, from %(start)s, for "
                       "%(duration)s.") % values
    return gettext("Your contract: %(hours)s hours a week, from %(start)s. It has no end "
                   "date.") % values


def hours_now_sentence(period: dict[str, Any] | None) -> str:
    """E.g. "Nu: 12 uur werk, 20 uur dagbesteding." """
    if not period:
        return ""
    return gettext("Now: %(work)s hours work, %(day)s hours day activities.") % {
        "work": _hours(period["work_hours"]), "day": _hours(period["day_activity_hours"])}


def hours_days_sentence(period: dict[str, Any] | None) -> str:
    """E.g. "3 dagen werk en 2 dagen dagbesteding." """
    if not period or period.get("work_days") is None:
        return ""
    return gettext("%(work)s days work and %(day)s days day activities.") % {
        "work": period["work_days"], "day": period.get("day_activity_days") or 0}


def plain_lines(kind: str, data: dict[str, Any], checks: dict[str, Any] | None = None,
                *, show_money: bool = True) -> list[str]:
    """What a record means for the candidate, in short sentences."""
    checks = checks or {}
    if kind == "contract":
        lines = [gettext("You work at %(employer)s.") % {"employer": data["employer_name"]},
                 contract_sentence(data)]
        return lines
    if kind == "uwv_advice":
        outcome = data.get("outcome", "pending")
        if outcome == "positive":
            return [gettext("UWV says: sheltered work suits you.")]
        if outcome == "negative":
            return [gettext("UWV says: sheltered work does not suit you now."),
                    gettext("Your adviser talks with you about what comes next.")]
        if data.get("interview_on"):
            lines = [gettext("UWV has your application. The talk is on %(date)s.")
                     % {"date": _day(data["interview_on"])}]
        else:
            lines = [gettext("UWV has your application. You will hear when the talk is.")]
        # "De consulent gaat mee naar het gesprek": the candidate knows he is not alone there.
        going = data.get("accompanied_by") or []
        if "consultant" in going:
            lines.append(gettext("Your consultant goes with you to the talk."))
        if "parent" in going:
            lines.append(gettext("A parent goes with you too."))
        return lines
    if kind == "decision":
        if data.get("outcome") == "positive":
            return [gettext("The decision: you can start in sheltered work."),
                    gettext("You decided this together.")]
        return [gettext("The decision: not sheltered work for now."),
                gettext("You decided this together.")]
    if kind == "trial":
        lines = [gettext("Your trial starts on %(date)s. It lasts %(weeks)s weeks.")
                 % {"date": _day(data["starts_on"]), "weeks": data["weeks"]},
                 gettext("You do not get a wage for the trial.")]
        if data.get("paid_by") == "provider_lump_sum":
            lines.append(gettext("The day-activity provider pays for it. It costs you nothing."))
        if data.get("travel_costs_reimbursed"):
            lines.append(gettext("You get your travel costs back."))
        return lines
    if kind == "wage_value":
        return [gettext("On %(date)s we looked at how much work you can do: %(pct)s%%.")
                % {"date": _day(data["measured_on"]), "pct": data["percentage"]}]
    if kind == "screening":
        answer = {"yes": _l("yes"), "no": _l("no"), "unclear": _l("not clear yet")}[
            data["work_capacity"]]
        return [gettext("Can you learn to do paid work? We looked on %(date)s. "
                        "The answer: %(answer)s.") % {"date": _day(data["screened_on"]),
                                                      "answer": gettext(str(answer))}]
    if kind == "plan_goals":
        lines = [gettext("Your goals:")]
        for goal in data.get("goals", []):
            lines.append(f"{goal['text']}: {gettext(str(GOAL_STATUS[goal['status']]))}.")
        if data.get("ended_on") and data.get("next_goals"):
            lines.append(gettext("Your next goals: %(goals)s") % {"goals": data["next_goals"]})
        return lines
    if kind == "ladder_rung":
        lines = [gettext("You are on step %(rung)s of the ladder to work.") % {
            "rung": data["rung"]}]
        if data["rung"] in (3, 4):
            lines.append(gettext("Steps 3 and 4 are day activities."))
        elif data["rung"] == 5:
            lines.append(gettext("Step 5 is sheltered work."))
        return lines
    if kind == "evaluation":
        lines = [gettext("You had a talk about how it goes on %(date)s.")
                 % {"date": _day(data["held_on"])}]
        if data.get("next_on"):
            lines.append(gettext("The next talk is on %(date)s.") % {"date": _day(data["next_on"])})
        return lines
    if kind == "hours_plan":
        lines = [hours_now_sentence(checks.get("now") or (data.get("periods") or [None])[0]),
                 hours_days_sentence(checks.get("now"))]
        last = checks.get("last")
        if last and last is not checks.get("now"):
            lines.append(gettext("From %(date)s: %(work)s hours work, %(day)s hours day "
                                 "activities.") % {"date": _day(last["starts_on"]),
                                                  "work": _hours(last["work_hours"]),
                                                  "day": _hours(last["day_activity_hours"])})
        return [line for line in lines if line]
    if kind == "first_salary" and show_money:
        lines = []
        if data.get("benefits_office_informed_on"):
            lines.append(gettext("Your adviser told the benefits office about your work."))
        if data.get("expected_first_payslip_on"):
            lines.append(gettext("Your first payslip comes around %(date)s.")
                         % {"date": _day(data["expected_first_payslip_on"])})
        if data.get("overpayment_agreement"):
            lines.append(gettext("Paying back: %(agreement)s")
                         % {"agreement": data["overpayment_agreement"]})
        return lines
    return []
