"""The actor: who is making this request, however they signed in (cookie or bearer token)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from app.people.models import STAFF_ROLES, Role


@dataclass(frozen=True)
class Actor:
    person_id: int
    role: Role
    organisation_id: int
    display_name: str
    session_id: int
    via: Literal["cookie", "bearer"]
    # For network members: candidate id -> the areas that candidate consented to.
    grants: Mapping[int, frozenset[str]] = field(default_factory=dict)
    # For an employer's person: the employer they belong to (None once removed from it).
    employer_id: int | None = None

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def is_candidate(self) -> bool:
        return self.role is Role.candidate
