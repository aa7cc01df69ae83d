"""Optimistic concurrency over HTTP: ETag carries an object's version, If-Match must match it."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Response

from app.errors import PreconditionRequired, StaleVersion

# An entity tag as the ETag header gives it (W/"3"), quoted ("3") or bare (3).
IF_MATCH_PATTERN = r'^(W/)?("[0-9]{1,18}"|[0-9]{1,18})$'
IF_MATCH_HEADER = "If-Match"


def etag(version: int) -> str:
    return f'W/"{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag(version)


def parse_if_match(header: str | None) -> int:
    """The version a client says it is changing. Raises PreconditionRequired when absent."""
    if not header:
        raise PreconditionRequired()
    value = header.strip().removeprefix("W/").strip('"')
    if not value.isdigit():
        raise PreconditionRequired()
    return int(value)


def if_match_version(
    if_match: Annotated[str, Header(
        alias=IF_MATCH_HEADER, pattern=IF_MATCH_PATTERN,
        description='The version you are changing, as its ETag gave it (W/"3"). Missing: 428; '
                    "someone else changed it first: 412 with the current version.",
    )],
) -> int:
    """The If-Match header as a version. Declared required, so the schema (and every client
    generated from it) says so; a request without it answers 428 (error_handlers)."""
    return parse_if_match(if_match)


# A write that must name the version it changes: `version: IfMatch`.
IfMatch = Annotated[int, Depends(if_match_version)]


def check_version(current: int, expected: int) -> None:
    """Raise StaleVersion (412) carrying the stored version when the client's copy is older."""
    if current != expected:
        raise StaleVersion(extra={"current_version": current})
