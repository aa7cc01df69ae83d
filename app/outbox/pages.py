"""The public unsubscribe page an e-mail links to: it explains, and one button press stops
e-mail. Opening it changes nothing (mail scanners follow links)."""

from __future__ import annotations

from fastapi import Request

from app.deps import SessionDep, SettingsDep
from app.errors import NotFound
from app.outbox.unsubscribe import person_for_token, unsubscribe
from app.route_table import APIRouter
from app.templating import render

router = APIRouter(include_in_schema=False)


def _person(session, settings, token: str):
    person = person_for_token(session, settings, token[:100])
    if person is None:
        raise NotFound()
    return person


@router.get("/unsubscribe/{token}", name="outbox:unsubscribe")
def unsubscribe_page(token: str, request: Request, session: SessionDep, settings: SettingsDep):
    _person(session, settings, token)
    return render(request, "outbox/unsubscribe.html", {"token": token, "done": False},
                  headers={"Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex"})


@router.post("/unsubscribe/{token}", name="outbox:unsubscribe_confirm")
def unsubscribe_confirm(token: str, request: Request, session: SessionDep,
                        settings: SettingsDep):
    # The signed token is the permission (no sign-in, no CSRF token: a mail program's
    # one-click unsubscribe, RFC 8058, posts here too); it can only switch e-mail off.
    unsubscribe(session, _person(session, settings, token))
    return render(request, "outbox/unsubscribe.html", {"token": token, "done": True},
                  headers={"Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex"})
