"""Locale selection and message translation (Babel catalogues in `locales/`, Dutch first)."""

from __future__ import annotations

import gettext as _gettext_module
import io
from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.dates import format_date, format_time
from babel.numbers import format_currency, format_decimal
from babel.support import LazyProxy, Translations

from app import clock
from app.languages import CODES, DEFAULT, Language, get_language

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "messages"
SUPPORTED_LOCALES = CODES  # from the registry in app/languages.py
DEFAULT_LOCALE = DEFAULT.code
# The cookie that carries a signed-in person's language choice to every request.
LOCALE_COOKIE = "sw_lang"

_current_locale: ContextVar[str] = ContextVar("current_locale", default=DEFAULT_LOCALE)


@lru_cache(maxsize=len(SUPPORTED_LOCALES))
def translations_for(locale: str) -> _gettext_module.NullTranslations:
    """The catalogue for `locale`, compiled in memory from its .po file (no build step and no
    stale .mo file); msgids are English, so `en` needs few entries."""
    if locale not in SUPPORTED_LOCALES:
        locale = DEFAULT_LOCALE
    po_path = LOCALES_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po_path.exists():
        return _gettext_module.NullTranslations()
    # Babel's catalogue tools (and difflib under them) only for this, once per language.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


def get_locale() -> str:
    return _current_locale.get()


def current_language() -> Language:
    """The registry entry of the request's language (Babel locale, name, text direction)."""
    return get_language(_current_locale.get())


def babel_locale() -> str:
    """The Babel locale for formatting dates, numbers and money in the request's language."""
    return current_language().babel_locale


def set_locale(locale: str):
    """Set the locale for the current context; returns a token for `reset_locale`."""
    return _current_locale.set(locale if locale in SUPPORTED_LOCALES else DEFAULT_LOCALE)


def reset_locale(token) -> None:
    _current_locale.reset(token)


def gettext(message: str) -> str:
    return translations_for(get_locale()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations_for(get_locale()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translations_for(get_locale()).pgettext(context, message)


def lazy_gettext(message: str) -> LazyProxy:
    """A message translated when it is rendered, for module-level constants."""
    return LazyProxy(gettext, message, enable_cache=False)


_ = gettext
_l = lazy_gettext


def negotiate_locale(preferred: str | None, accept_language: str | None) -> str:
    """User setting → Accept-Language → the default language (Dutch)."""
    if preferred in SUPPORTED_LOCALES:
        return preferred
    if accept_language:
        weighted: list[tuple[float, str]] = []
        for index, part in enumerate(accept_language.split(",")):
            piece = part.strip()
            if not piece:
                continue
            lang, _sep, params = piece.partition(";")
            quality = 1.0
            if params.strip().startswith("q="):
                try:
                    quality = float(params.strip()[2:])
                except ValueError:
                    quality = 0.0
            # Keep the header's order among equal weights.
            weighted.append((-quality + index * 1e-6, lang.strip().lower().split("-")[0]))
        for _weight, lang in sorted(weighted):
            if lang in SUPPORTED_LOCALES:
                return lang
    return DEFAULT_LOCALE


# --- formatting in the current language (Babel), on the app's clock ------------------------


def date_text(value: date | datetime | None, format: str = "long") -> str:
    """A date (or the local date of a moment) as the current language writes it."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = clock.to_local(value).date()
    return format_date(value, format=format, locale=babel_locale())


def datetime_text(value: datetime | None, format: str = "long") -> str:
    """A moment on the local clock, as the current language writes it: the date in `format`
    and the time in hours and minutes (never seconds or a zone name like "10:00:00 CET")."""
    if value is None:
        return ""
    return f"{date_text(value, format)}, {time_text(value)}"


def time_text(value: datetime | None) -> str:
    """The local time of a moment, hours and minutes."""
    if value is None:
        return ""
    return format_time(clock.to_local(value), format="short", locale=babel_locale(),
                       tzinfo=clock.zone())


def day_text(value: date | datetime | None) -> str:
    """A day as people say it: "vandaag", "morgen", "gisteren", or "dinsdag 1 december"
    (with the year when it is not this year), on the app's clock."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = clock.to_local(value).date()
    today = clock.local_today()
    difference = (value - today).days
    if difference == 0:
        return gettext("today")
    if difference == 1:
        return gettext("tomorrow")
    if difference == -1:
        return gettext("yesterday")
    pattern = "EEEE d MMMM" if value.year == today.year else "EEEE d MMMM y"
    return format_date(value, format=pattern, locale=babel_locale())


def on_day_text(value: date | datetime | None) -> str:
    """A day after a verb: "today", "yesterday" or "on Tuesday 1 December"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = clock.to_local(value).date()
    if abs((value - clock.local_today()).days) <= 1:
        return day_text(value)
    return gettext("on %(day)s") % {"day": day_text(value)}


def when_text(value: datetime | None) -> str:
    """A moment as people say it: "vandaag om 10:00", "morgen om 10:00",
    "dinsdag 1 december om 10:00" — relative where that helps, never with seconds."""
    if value is None:
        return ""
    return gettext("%(day)s at %(time)s") % {"day": day_text(value), "time": time_text(value)}


def join_words(words: list[str]) -> str:
    """"a, b and c" in the current language."""
    words = [str(word) for word in words]
    if len(words) <= 1:
        return "".join(words)
    return gettext("%(first)s and %(last)s") % {"first": ", ".join(words[:-1]),
                                                "last": words[-1]}


def money_text(value: Decimal | int | None, cents: bool = False) -> str:
    """An amount in euros (or cents) with the current language's separators."""
    if value is None:
        return ""
    amount = Decimal(value) / 100 if cents else Decimal(value)
    return format_currency(amount, "EUR", locale=babel_locale())


def number_text(value: Any) -> str:
    """A number with the current language's separators."""
    return format_decimal(value, locale=babel_locale())


def localized(texts: dict[str, Any] | None, field: str | None = None) -> Any:
    """Pick the current language from a {"nl": ..., "en": ...} mapping, falling back to Dutch."""
    if not texts:
        return ""
    chosen = texts.get(get_locale()) or texts.get(DEFAULT_LOCALE) or {}
    if field is None:
        return chosen
    return (chosen or {}).get(field) or (texts.get(DEFAULT_LOCALE) or {}).get(field, "")
