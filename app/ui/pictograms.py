"""The Stapwijzer pictogram set: keys, groups and translatable text alternatives.

Every key `KEY` has a `<symbol id="p-KEY">` in `app/static/pictograms.svg` (24×24, line style,
`currentColor`). The sprite itself has no `<title>`s: the page supplies the text alternative,
from `pictogram_alt(key)` when the pictogram carries meaning, or `aria-hidden="true"` when a
visible text label next to it already says the same.

The msgids are English; the Dutch texts live in the Babel catalogue (`locales/`).
"""

from __future__ import annotations

from babel.support import LazyProxy

from app.i18n import lazy_gettext as _l

PICTOGRAMS: dict[str, LazyProxy] = {
    # Steps on the route from day activities to paid work (and back).
    "signal": _l("Idea"),
    "talk": _l("Conversation"),
    "screening": _l("Screening"),
    "plan": _l("Plan"),
    "internship": _l("Internship"),
    "trial": _l("Trial placement"),
    "hybrid": _l("Work and day activities"),
    "application": _l("Application"),
    "interview": _l("Job interview"),
    "decision": _l("Decision"),
    "contract": _l("Contract"),
    "first-salary": _l("First salary"),
    "aftercare": _l("Aftercare"),
    "coach": _l("Job coach"),
    "learning": _l("Learning"),
    "school": _l("School"),
    "way-back": _l("Way back"),
    # Navigation.
    "home": _l("Home"),
    "steps": _l("Steps"),
    "appointments": _l("Appointments"),
    "messages": _l("Messages"),
    "money": _l("Money"),
    "guarantee": _l("Guarantee"),
    "network": _l("Network"),
    "settings": _l("Settings"),
    "caseload": _l("Caseload"),
    "team": _l("Team"),
    "routes": _l("Routes"),
    # Status of a step or of the app.
    "done": _l("Done"),
    "current": _l("Now"),
    "todo": _l("To do"),
    "skipped": _l("Skipped"),
    "offline": _l("Offline"),
    "warning": _l("Warning"),
    "info": _l("Information"),
    # Actions and things.
    "phone": _l("Phone"),
    "message-send": _l("Send message"),
    "calendar-add": _l("Add appointment"),
    "place": _l("Place"),
    "person": _l("Person"),
    "speaker": _l("Read aloud"),
    "pause": _l("Pause"),
    "stop": _l("Stop"),
    "sign-out": _l("Sign out"),
    "clock": _l("Time"),
    "bring": _l("Things to bring"),
    "question": _l("Question"),
    "lock": _l("Lock"),
    "eye": _l("Show"),
    "download": _l("Download"),
    "plus": _l("Add"),
    "minus": _l("Remove"),
    "chart": _l("Chart"),
    "flag": _l("Goal"),
    "qr": _l("QR code"),
    "print": _l("Print"),
    "edit": _l("Edit"),
    "trash": _l("Delete"),
    "back": _l("Back"),
    "next": _l("Next"),
    "menu": _l("Menu"),
}

STEP_PICTOGRAMS: frozenset[str] = frozenset(
    {
        "signal",
        "talk",
        "screening",
        "plan",
        "internship",
        "trial",
        "hybrid",
        "application",
        "interview",
        "decision",
        "contract",
        "first-salary",
        "aftercare",
        "coach",
        "learning",
        "school",
        "way-back",
    }
)

NAV_PICTOGRAMS: frozenset[str] = frozenset(
    {
        "home",
        "steps",
        "appointments",
        "messages",
        "money",
        "guarantee",
        "network",
        "settings",
        "caseload",
        "team",
        "routes",
    }
)

STATUS_PICTOGRAMS: frozenset[str] = frozenset(
    {"done", "current", "todo", "skipped", "offline", "warning", "info"}
)


def pictogram_alt(key: str) -> str:
    """The text alternative for pictogram `key` in the current locale.

    Raises `KeyError` for an unknown key, so a typo in a template fails loudly.
    """
    return str(PICTOGRAMS[key])
