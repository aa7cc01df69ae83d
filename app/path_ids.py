"""The type of an id in a URL path: a positive whole number that fits the database's INTEGER
column, so a made-up id of 40 digits is a clear 422/404, never a database overflow (a 500)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

MAX_ID = 2**31 - 1  # PostgreSQL INTEGER; SQLite would take more, but ids must mean the same

RecordId = Annotated[int, Path(ge=1, le=MAX_ID)]

# A position in a list shown on a page (0 is the first), e.g. a step of a route template.
ListIndex = Annotated[int, Path(ge=0, le=9_999)]
