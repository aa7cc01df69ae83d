"""The access log in plain words: what part of the file someone looked at."""

from __future__ import annotations

from app.i18n import gettext
from app.i18n import lazy_gettext as _l

AREA_PHRASES = {
    "profile": _l("your name and details"),
    "steps": _l("your steps"),
    "appointments": _l("your appointments"),
    "messages": _l("your messages"),
    "money": _l("your money overview"),
    "contact": _l("your contact person"),
    "guarantee": _l("what happens if work does not work out"),
    "records": _l("your records, like your contract and your goals"),
    "network": _l("who looks along with you"),
    "access_log": _l("who viewed your data"),
    "caseload": _l("your name in their list"),
    "case_file": _l("the notes your consultant keeps about you"),
    "placement": _l("your work placement"),
}


def area_phrase(area: str) -> str:
    phrase = AREA_PHRASES.get(area)
    return str(phrase) if phrase is not None else gettext("your file")
