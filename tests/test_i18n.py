"""Translations: the catalogue is complete and current, and the locale is chosen correctly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.pofile import read_po

from app.i18n import LOCALE_COOKIE, gettext, negotiate_locale, reset_locale, set_locale
from app.languages import CODES, DEFAULT, LANGUAGES

ROOT = Path(__file__).resolve().parent.parent


def _catalog(path: Path, locale: str):
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def test_catalogue_is_not_stale(tmp_path):
    """Every message in the code is in the template and in each catalogue: run
    scripts/update_catalogues.py after adding texts, then translate the new Dutch ones."""
    fresh = tmp_path / "fresh.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "-k", "_l", "-k", "lazy_gettext", "-k", "gettext", "-k", "ngettext:1,2",
         "-k", "pgettext:1c,2", "--no-location", "-o", str(fresh), "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    in_code = {m.id for m in _catalog(fresh, "en") if m.id}
    for locale in CODES:
        catalog = _catalog(ROOT / "locales" / locale / "LC_MESSAGES" / "messages.po", locale)
        in_catalog = {m.id for m in catalog if m.id}
        assert in_code - in_catalog == set(), f"{locale}: run scripts/update_catalogues.py"


@pytest.mark.parametrize("locale", CODES)
def test_every_message_is_translated(locale):
    """Every registered language has a complete catalogue."""
    catalog = _catalog(ROOT / "locales" / locale / "LC_MESSAGES" / "messages.po", locale)
    untranslated = [m.id for m in catalog if m.id and (
        not m.string or (isinstance(m.string, tuple) and not all(m.string)) or m.fuzzy)]
    assert untranslated == []


@pytest.mark.parametrize(("preferred", "header", "expected"), [
    (None, None, "nl"),
    (None, "en-US,en;q=0.8", "en"),
    (None, "de-DE,de;q=0.9,en;q=0.5", "en"),
    (None, "fr", "nl"),
    ("en", "nl", "en"),
    ("xx", "en", "en"),
    (None, "nl;q=0.2,en;q=0.9", "en"),
])
def test_locale_negotiation(preferred, header, expected):
    assert negotiate_locale(preferred, header) == expected


def test_gettext_follows_the_current_locale():
    token = set_locale("nl")
    try:
        assert gettext("Sign out") == "Uitloggen"
    finally:
        reset_locale(token)
    token = set_locale("en")
    try:
        assert gettext("Sign out") == "Sign out"
    finally:
        reset_locale(token)


def test_language_cookie_wins_over_the_browser(client):
    client.cookies.set(LOCALE_COOKIE, "en")
    response = client.get("/", headers={"Accept-Language": "nl"})
    assert '<html lang="en"' in response.text


def test_the_registry_is_consistent():
    assert DEFAULT.code == "nl" and len(set(CODES)) == len(CODES)
    for language in LANGUAGES:
        assert language.direction in ("ltr", "rtl")
        Locale.parse(language.babel_locale)  # a locale Babel knows
        assert language.babel_locale.split("_")[0] == language.code
        assert negotiate_locale(language.code, None) == language.code
        assert negotiate_locale(None, f"{language.code};q=0.9") == language.code


@pytest.mark.parametrize("language", LANGUAGES, ids=CODES)
def test_pages_carry_the_language_and_its_direction(client, language):
    html = client.get("/", headers={"Accept-Language": language.code}).text
    assert f'<html lang="{language.code}" dir="{language.direction}"' in html


def test_the_language_choice_lists_every_registered_language(browser_as, personas):
    html = browser_as(personas.candidate).get("/settings").text
    choices = [part.split('"', 1)[0] for part in html.split('name="locale" value="')[1:]]
    assert choices == list(CODES)
    for language in LANGUAGES:
        assert f'lang="{language.code}" dir="{language.direction}">{language.name}<' in html


def test_the_api_accepts_exactly_the_registered_languages(client):
    schema = client.get("/openapi.json").json()["components"]["schemas"]
    locale = schema["PreferencesUpdate"]["properties"]["locale"]
    assert [option.get("enum") for option in locale["anyOf"] if "enum" in option] == [list(CODES)]
