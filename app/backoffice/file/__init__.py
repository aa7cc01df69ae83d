"""A candidate's file in the back-office, for the candidate's own consultants (primary or
backup): one module per section, each with its routes and its form models.

The routes are thin: every write goes through the same domain service (and the same request
schema) as the JSON API; a form that fails is shown again with the error summary and its fields
marked `aria-invalid` (422 invalid, 412 someone else was first, 409 not possible now)."""

from __future__ import annotations

from fastapi import APIRouter

from app.backoffice.file import (
    access_log,
    appointments,
    case_file,
    contact,
    guarantee,
    journey,
    messages,
    money,
    network,
    overview,
    records,
    way_back,
    workplace,
)

SECTION_MODULES = (overview, journey, appointments, messages, money, records, contact,
                   guarantee, way_back, network, access_log, case_file, workplace)

router = APIRouter(include_in_schema=False)
for _module in SECTION_MODULES:
    router.include_router(_module.router)
