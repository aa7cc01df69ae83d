"""Shared field types for everything people type or send: text without control or direction-
override characters, dates only as ISO strings, and ids only as positive whole numbers."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from app.path_ids import MAX_ID

# Characters that change how text looks or reads without being seen: the bidi embeddings and
# overrides (U+202A–U+202E) and isolates (U+2066–U+2069) turn "gpj.exe" around on screen;
# line and paragraph separators start a new line in some readers.
_INVISIBLE = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _refused(character: str, multiline: bool) -> bool:
    if character in _INVISIBLE:
        return True
    if multiline and character in "\n\t":
        return False
    return unicodedata.category(character) == "Cc"  # NUL, CR, LF, ESC, DEL, C1 controls


def _check_line(value: str) -> str:
    if any(_refused(character, multiline=False) for character in value):
        raise PydanticCustomError("text_one_line", "Write this on one line, without special "
                                  "characters.")
    return value


def _check_text(value: str) -> str:
    # A browser's textarea sends CRLF: that is one line break, not a control character.
    value = value.replace("\r\n", "\n")
    if any(_refused(character, multiline=True) for character in value):
        raise PydanticCustomError("text_control_character", "This contains a character that is "
                                  "not allowed.")
    return value


def _iso_date_only(value: Any) -> Any:
    # pydantic would read 0 or "0" as a Unix time (1970-01-01) and "1700000000" likewise.
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        return value.strip()
    raise PydanticCustomError("date_parsing", "Input should be a date like 2026-03-01.")


def _whole_number_only(value: Any) -> Any:
    # JSON true and false are not numbers; pydantic would read them as 1 and 0.
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "Input should be a whole number.")
    return value


# The same rules as patterns a text must not match, so the OpenAPI schema says what is refused
# (clients and the fuzzer see it). ECMA-262 and Python read these escapes alike.
_LINE_REFUSES = r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
_TEXT_REFUSES = (r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
                 r"|\r(?!\n)")


class _Refuses:
    """Adds `not: {pattern}` to a string's JSON schema: beside any pattern of the field's own,
    and inside the string branch of an optional field, so null stays allowed."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern

    def __get_pydantic_json_schema__(self, core_schema: CoreSchema,
                                     handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        schema = handler.resolve_ref_schema(handler(core_schema))
        schema["not"] = {"pattern": self.pattern}
        return schema


# One line of human text (a name, a title, a place): no control characters at all, no
# direction overrides. Limits (length, not blank) stay with each field.
Line = Annotated[str, AfterValidator(_check_line), _Refuses(_LINE_REFUSES)]

# Text that may run over several lines (a note, a message): line breaks and tabs are fine,
# other control characters and direction overrides are not.
MultilineText = Annotated[str, AfterValidator(_check_text), _Refuses(_TEXT_REFUSES)]

# A calendar date, only as an ISO string ("2026-03-01") or a date: never a number.
IsoDate = Annotated[date, BeforeValidator(_iso_date_only)]

# The id of a record sent in a body: positive and within the database's INTEGER.
# (The bounds come before the check, so the schema states them as minimum and maximum.)
RecordRef = Annotated[int, Field(ge=1, le=MAX_ID), BeforeValidator(_whole_number_only)]


def count(minimum: int, maximum: int) -> Any:
    """A count or a number of weeks, months or hours someone sets, within bounds: a whole
    number, never true or false."""
    return Annotated[int, Field(ge=minimum, le=maximum), BeforeValidator(_whole_number_only)]
