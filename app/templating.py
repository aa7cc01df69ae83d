"""The Jinja2 environment: gettext installed once, Babel formatting filters, and page rendering."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from app import clock, i18n
from app.languages import LANGUAGES

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


def static_url(path: str) -> str:
    return f"/static/{path}"


def inline_css() -> str:
    """The whole stylesheet, inlined (allowed by its hash in the CSP) so a page paints after
    one round trip; it is small enough (about 3 KB compressed) that a separate request costs
    more."""
    return (TEMPLATES_DIR.parent / "static" / "app.css").read_text(encoding="utf-8")


def inline_css_hash() -> str:
    """The CSP source that allows the inlined stylesheet: its hash, not a per-response nonce,
    so a page's bytes stay valid when they are served again from the render cache."""
    digest = hashlib.sha256(inline_css().encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def cached_url_path_for(app) -> Callable[..., str]:
    """`app.url_path_for`, remembered: FastAPI looks a name up by trying every route in turn,
    which costs more than rendering a page when a page links a dozen times."""

    @lru_cache(maxsize=8192)
    def lookup(name: str, params: tuple[tuple[str, Any], ...]) -> str:
        return str(app.url_path_for(name, **dict(params)))

    def url_path_for(name: str, **params: Any) -> str:
        return lookup(name, tuple(sorted(params.items())))

    return url_path_for


def build_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=select_autoescape(["html", "xml", "svg"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)
    env.filters.update(
        date=i18n.date_text, datetime=i18n.datetime_text, time=i18n.time_text,
        day=i18n.day_text, day_on=i18n.on_day_text, when=i18n.when_text,
        money=i18n.money_text, number=i18n.number_text, localized=i18n.localized,
    )
    # Globals every page may use; main.py adds the navigation and other read-model helpers,
    # so this kernel module imports no domain.
    env.globals.update(get_locale=i18n.get_locale, localized=i18n.localized, static=static_url,
                       languages=LANGUAGES, current_language=i18n.current_language,
                       inline_css=inline_css())
    return env


def render(
    request: Request, template: str, context: dict[str, Any] | None = None, *,
    status_code: int = 200, headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """Render a page with the request-wide context (actor, CSRF token, url_for, locale)."""
    env: Environment = request.app.state.templates
    state = request.state
    full_context = {
        "request": request,
        # Paths, not absolute URLs: correct behind any proxy and shorter pages.
        "url_for": request.app.state.url_path_for,
        "actor": getattr(state, "actor", None),
        "csrf_token": getattr(state, "csrf_token", ""),
        "locale": i18n.get_locale(),
        "language": i18n.current_language(),
        # Shown by the offline note when the service worker serves this page from its cache.
        "rendered_at": i18n.time_text(now := clock.utcnow()),
        "rendered_on": i18n.date_text(now, "EEEE d MMMM"),
        **(context or {}),
    }
    html = env.get_template(template).render(full_context)
    response = HTMLResponse(html, status_code=status_code, headers=headers)
    response.headers["Vary"] = "Accept-Language, Cookie"
    return response
