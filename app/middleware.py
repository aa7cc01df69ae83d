"""ASGI middleware: locale per request, security headers (the CSP allows the inlined stylesheet by
its hash), and request logs."""

from __future__ import annotations

import logging
import time
from http.cookies import SimpleCookie

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import i18n
from app.settings import Settings
from app.templating import inline_css_hash

access_logger = logging.getLogger("stapwijzer.requests")

SESSION_COOKIE = "sw_session"  # app.deps.SESSION_COOKIE is this one
# Tells the browser to drop this site's saved pages, local storage (the offline queue) and
# service worker: sent when a session ends, so a phone keeps no one's file after access ends.
CLEAR_SITE_DATA = '"cache", "storage"'
# The one inline style every page has (base.html); computed once, like the stylesheet itself.
STYLE_HASH = inline_css_hash()


def _cookie(headers: list[tuple[bytes, bytes]], name: str) -> str | None:
    needle = name.encode("latin-1")
    for key, value in headers:
        # Parsing is the costly part: skip a header that cannot hold the cookie at all.
        if key == b"cookie" and needle in value:
            jar = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # noqa: BLE001, S112 - a malformed cookie header is simply ignored
                continue
            if name in jar:
                return jar[name].value
    return None


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> str | None:
    for key, value in headers:
        if key == name:
            return value.decode("latin-1")
    return None


def _path_template(path: str) -> str:
    """The path with ids and tokens replaced (/api/v1/candidates/{id}/journey, /i/{token}):
    what was asked for stays in the logs, whose file and which secret link do not."""
    parts = []
    for segment in path.split("/"):
        if segment.isdigit():
            parts.append("{id}")
        elif len(segment) > 16:
            parts.append("{token}")
        else:
            parts.append(segment)
    return "/".join(parts)


class RequestContextMiddleware:
    """Chooses the locale (setting cookie → Accept-Language → nl), adds security headers, and
    logs one structured line per request without personal data (route template, not path)."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.hsts = settings.base_url.startswith("https://")
        # The security headers of each kind of path, encoded once: a response gets those it
        # does not set itself, without a header object per response.
        self._defaults = {kind: tuple((name.lower().encode("latin-1"), value.encode("latin-1"))
                                      for name, value in self._security_headers(kind))
                          for kind in ("static", "api", "page")}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = scope.get("headers", [])
        locale = i18n.negotiate_locale(
            _cookie(headers, i18n.LOCALE_COOKIE), _header(headers, b"accept-language")
        )
        token = i18n.set_locale(locale)
        scope.setdefault("state", {})
        scope["state"]["locale"] = locale
        started = time.perf_counter()
        status_holder = {"status": 500}
        path = scope.get("path", "")

        defaults = self._defaults["static" if path.startswith("/static/") else
                                  "api" if path.startswith("/api/") else "page"]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                raw = message["headers"] = list(message.get("headers", ()))
                present = {key for key, _value in raw}
                raw.extend(header for header in defaults if header[0] not in present)
                if b"content-language" not in present:
                    raw.append((b"content-language", locale.encode("latin-1")))
                if b"set-cookie" in present or scope["state"].get("session_ended"):
                    self._clear_ended_session(MutableHeaders(scope=message), scope["state"])
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            i18n.reset_locale(token)
            # Checked first: the line's fields cost more to build than the call to drop it.
            if access_logger.isEnabledFor(logging.INFO):
                access_logger.info(
                    "request",
                    extra={
                        "method": scope.get("method"),
                        "route": _path_template(path),
                        "status": status_holder["status"],
                        "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                    },
                )

    def _clear_ended_session(self, headers: MutableHeaders, state: dict) -> None:
        """Signing out (any response that deletes the session cookie) and a request that
        brought the cookie of a revoked or expired session (`deps.optional_actor` notes it)
        both clear the browser's copy of the site; the dead cookie is dropped too, except
        for a family member whose access was taken away (`deps.raise_if_access_ended` notes
        it): her dead cookie grants nothing, and keeps the explanation (who decided, whom to
        call) on her next page. Otherwise a queued question her phone sends the moment it is
        online would drop the cookie, and that page would only ask her to sign in."""
        cookies = [value for key, value in headers.raw if key == b"set-cookie"]
        sets_session = [c for c in cookies if c.startswith(SESSION_COOKIE.encode() + b"=")]
        clears = any(b"max-age=0" in c.lower() for c in sets_session)
        if state.get("session_ended") and not sets_session:
            if not state.get("access_ended"):
                secure = "; Secure" if self.settings.cookies_secure else ""
                headers.append("Set-Cookie", f'{SESSION_COOKIE}=""; Max-Age=0; Path=/; '
                                             f"HttpOnly; SameSite=lax{secure}")
            clears = True
        if clears:
            headers["Clear-Site-Data"] = CLEAR_SITE_DATA

    def _security_headers(self, kind: str) -> list[tuple[str, str]]:
        """The security headers of a response to a path of this kind (static, api, page)."""
        headers = [
            ("Content-Security-Policy",
             "default-src 'self'; script-src 'self'; "
             f"style-src 'self' {STYLE_HASH}; img-src 'self' data:; font-src 'self'; "
             "connect-src 'self'; manifest-src 'self'; worker-src 'self'; media-src 'self'; "
             "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "no-referrer"),
            ("X-Frame-Options", "DENY"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
            ("Cross-Origin-Resource-Policy", "same-origin"),
            ("Permissions-Policy",
             "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"),
        ]
        if self.hsts:
            headers.append(("Strict-Transport-Security", "max-age=63072000; includeSubDomains"))
        if kind == "static":
            headers.append(("Cache-Control", "public, max-age=86400"))
        elif kind == "api":
            headers.append(("Cache-Control", "no-store"))
        else:
            # Pages hold personal data: never in shared caches; the service worker keeps its own.
            headers.append(("Cache-Control", "private, no-cache"))
        return headers


class IdempotencyMiddleware:
    """Drops a repeated write: a POST that carries an `Idempotency-Key` it has already answered
    (for the same signed-in session) gets the first answer's status and Location again, and the
    route does not run twice. The PWA sends writes it queued offline with such a key, so a send
    whose answer was lost on a bad connection can safely be tried again.

    Keys live in this process's memory for a day (bounded); one worker process per app, as the
    deployment runs, sees every repeat."""

    MAX_KEYS = 10_000
    TTL_SECONDS = 24 * 3600

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.answers: dict[tuple[str, str], tuple[float, int, str | None]] = {}
        self.busy: set[tuple[str, str]] = set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = scope.get("headers", []) if scope["type"] == "http" else []
        key = _header(headers, b"idempotency-key") if scope.get("method") == "POST" else None
        if not key or len(key) > 100:
            await self.app(scope, receive, send)
            return
        # The session cookie scopes a key to the person who sent it.
        slot = (_cookie(headers, SESSION_COOKIE) or "", key)
        now = time.monotonic()
        answer = self.answers.get(slot)
        if answer and now - answer[0] < self.TTL_SECONDS:
            await self._replay(send, answer[1], answer[2])
            return
        if slot in self.busy:
            await self._replay(send, 409, None)
            return
        self.busy.add(slot)
        seen: dict = {}

        async def remember(message: Message) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
                seen["location"] = MutableHeaders(scope=message).get("location")
            await send(message)

        try:
            await self.app(scope, receive, remember)
        finally:
            self.busy.discard(slot)
        if 200 <= seen.get("status", 500) < 400:
            if len(self.answers) >= self.MAX_KEYS:
                self.answers.pop(next(iter(self.answers)))
            self.answers[slot] = (now, seen["status"], seen["location"])

    @staticmethod
    async def _replay(send: Send, status: int, location: str | None) -> None:
        headers = [(b"idempotent-replayed", b"true"), (b"content-length", b"0")]
        if location:
            headers.append((b"location", location.encode("latin-1")))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
