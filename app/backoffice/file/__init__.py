"""A candidate's file in the back-office, for the candidate's own consultants (primary or
backup): one module per section, each with its routes and its form models.

The routes are thin: every write goes through the same domain service (and the same request
schema) as the JSON API; a form that fails is shown again with the error summary and its fields
marked `aria-invalid` (422 invalid, 412 someone else was first, 409 not possible now)."""

from __future__ import annotations

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

# Each section's router goes on the app itself, in this order (app.backoffice.routers): a router
# that includes others is left to FastAPI's include_router, which builds its routes again.
routers = tuple(module.router for module in SECTION_MODULES)
