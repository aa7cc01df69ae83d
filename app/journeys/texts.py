"""Plain-language texts about steps: how long they usually take and the hybrid week."""

from __future__ import annotations

from babel.dates import get_day_names

from app.i18n import babel_locale, gettext, ngettext

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def usual_duration(days: int) -> str:
    if days <= 0:
        return ""
    if days >= 14:
        weeks = round(days / 7)
        return ngettext("Usually takes %(num)d week", "Usually takes %(num)d weeks", weeks) % {
            "num": weeks}
    return ngettext("Usually takes %(num)d day", "Usually takes %(num)d days", days) % {"num": days}


def _day_list(keys: list[str]) -> str:
    names = get_day_names("wide", locale=babel_locale())
    words = [names[WEEKDAYS.index(k)] for k in keys if k in WEEKDAYS]
    words = [w.capitalize() if i == 0 else w for i, w in enumerate(words)]
    if len(words) <= 1:
        return "".join(words)
    return gettext("%(first)s and %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


def hybrid_week(split: dict | None) -> list[str]:
    """E.g. ["Monday, Tuesday and Wednesday: work.", "Thursday and Friday: day activities."]"""
    if not split:
        return []
    lines = []
    if split.get("work_days"):
        lines.append(gettext("%(days)s: work.") % {"days": _day_list(split["work_days"])})
    if split.get("day_activity_days"):
        lines.append(gettext("%(days)s: day activities.") % {
            "days": _day_list(split["day_activity_days"])})
    return lines


def total_duration(days: int) -> str:
    """The whole route up front, e.g. "The whole route takes about 4 months"."""
    if days <= 0:
        return ""
    if days >= 56:
        return gettext("The whole route takes about %(num)d months") % {
            "num": max(2, round(days / 30.44))}
    return gettext("The whole route takes about %(num)d weeks") % {
        "num": max(2, round(days / 7))}
