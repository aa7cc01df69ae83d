"""Optimistic concurrency over HTTP: ETag carries an object's version, If-Match must match it."""

from __future__ import annotations

from fastapi import Response

from app.errors import PreconditionRequired, StaleVersion


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


def check_version(current: int, expected: int) -> None:
    """Raise StaleVersion (412) carrying the stored version when the client's copy is older."""
    if current != expected:
        raise StaleVersion(extra={"current_version": current})
