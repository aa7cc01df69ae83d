"""The one registry of the languages Stapwijzer speaks: adding one is a catalogue in `locales/`
plus one line here; pages, the API, the catalogue tooling and the tests all read this list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Language:
    code: str  # the language tag in URLs, cookies, Content-Language and stored preferences
    babel_locale: str  # the Babel locale for dates, numbers and money
    name: str  # the language's name in the language itself, as a language chooser shows it
    direction: Literal["ltr", "rtl"] = "ltr"  # <html dir="...">


# The first is the default: the language of the candidates and of every required text.
LANGUAGES: tuple[Language, ...] = (
    Language("nl", "nl_NL", "Nederlands"),
    Language("en", "en_GB", "English"),
)
DEFAULT = LANGUAGES[0]
CODES: tuple[str, ...] = tuple(language.code for language in LANGUAGES)
BY_CODE: dict[str, Language] = {language.code: language for language in LANGUAGES}

# A schema field that accepts exactly the registered codes (an enum in the OpenAPI document).
LanguageCode = Literal[CODES]  # type: ignore[valid-type]


def get_language(code: str | None) -> Language:
    """The registered language for `code`, or the default one."""
    return BY_CODE.get(code or "", DEFAULT)
