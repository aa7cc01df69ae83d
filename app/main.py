"""The app factory: builds a Stapwijzer FastAPI app from settings."""

from __future__ import annotations

import re
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from sqlalchemy import text
from sqlalchemy.orm import sessionmaker

from app import (
    clock,
    models,  # noqa: F401 - registers every table
)
from app.admission import AdmissionMiddleware, slots_for
from app.auth.security import configure_password_hashing
from app.concurrency import IF_MATCH_HEADER
from app.db import engine_for, make_session_factory
from app.error_handlers import PROBLEM_JSON, install_error_handlers
from app.logging_setup import configure_logging
from app.middleware import IdempotencyMiddleware, RequestContextMiddleware
from app.route_table import add_routes
from app.settings import Settings, get_settings
from app.templating import build_environment, cached_url_path_for

STATIC_DIR = Path(__file__).resolve().parent / "static"

API_DESCRIPTION = """
Stapwijzer's JSON API. Every screen of the candidate app and the consultant back-office uses it.

Sign in with a bearer token (`POST /api/v1/auth/login` for staff, `POST /api/v1/auth/invites/redeem`
for candidates and network members) or with the session cookie the pages set; cookie-authenticated
writes need the `X-CSRF-Token` header. Errors are RFC 9457 `application/problem+json` with a stable
`code` and messages in the caller's language (`Accept-Language`, Dutch by default). Objects you may
not see answer 404.
"""


def _problem_schema() -> dict:
    return {
        "description": "Problem details (RFC 9457)",
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def operation_id(route: APIRoute) -> str:
    """A clean, stable operationId from the route's name ("api.caseload:list" → caseload_list):
    generated clients name their functions after it, so it must not change with the path."""
    return re.sub(r"[^a-z0-9]+", "_", route.name.removeprefix("api.").lower()).strip("_")


def create_app(settings: Settings | None = None, session_factory: sessionmaker | None = None):
    """Build the app. Tests pass their own settings and a session factory bound to a test
    connection; otherwise the engine comes from `DATABASE_URL`."""
    settings = settings or get_settings()
    configure_logging(settings.log_level)
    configure_password_hashing(settings.argon2_profile)
    clock.configure(settings.timezone)
    engine = None
    if session_factory is None:
        engine = engine_for(settings)
        session_factory = make_session_factory(engine)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if engine is not None and settings.migrate_on_start:
            from app.migrations_runner import is_at_head, upgrade_to_head

            if not is_at_head(engine):
                upgrade_to_head(settings.database_url)
        if settings.seed_demo_on_start:
            from app.demo.seed import seed_if_empty

            seed_if_empty(session_factory, settings)
        yield
        if engine is not None:
            engine.dispose()

    app = FastAPI(
        title="Stapwijzer API",
        version="1",
        description=API_DESCRIPTION,
        lifespan=lifespan,
        # /api/docs is our own page (app/api_docs): Swagger UI came from a CDN the CSP blocks.
        docs_url=None,
        redoc_url=None,
        generate_unique_id_function=operation_id,
        # 400: a body that is not JSON at all, or a path that is not valid text.
        responses={400: _problem_schema(), 422: _problem_schema(), 401: _problem_schema()},
    )
    app.state.settings = settings
    app.state.engine = engine  # None when a test brings its own session factory
    app.state.session_factory = session_factory
    app.state.templates = _template_environment()
    app.state.url_path_for = cached_url_path_for(app)

    install_error_handlers(app)
    _include_routers(app)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(GZipMiddleware, minimum_size=500, compresslevel=6)
    app.add_middleware(IdempotencyMiddleware)
    app.add_middleware(RequestContextMiddleware, settings=settings)
    if engine is not None:
        # Outermost, so a waiting request holds nothing: no thread, no connection.
        app.add_middleware(AdmissionMiddleware, slots=slots_for(engine, settings.admission_slots),
                           serialise_writes=engine.dialect.name == "sqlite")

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict:
        return {"status": "ok"}

    @app.get("/readyz", include_in_schema=False)
    def readyz():
        from fastapi.responses import JSONResponse

        try:
            with session_factory() as session:
                session.execute(text("SELECT 1"))
        except Exception:  # noqa: BLE001 - any database failure means "not ready"
            return JSONResponse({"status": "unavailable"}, status_code=503)
        return {"status": "ready"}

    _add_problem_schema(app)
    return app


def _template_environment():
    """The Jinja environment with the globals that come from above the kernel: the candidate
    app's and the back-office's navigation, pictogram texts and the access log's phrases."""
    from app.access_log.texts import area_phrase
    from app.backoffice.nav import office_nav
    from app.candidate_home.navigation import NAV
    from app.ui.pictograms import pictogram_alt
    from app.words.glossary import link_words

    env = build_environment()
    env.globals.update(nav_items=NAV, office_nav=office_nav, pictogram_alt=pictogram_alt,
                       area_phrase=area_phrase)
    # `text | explain(seen)`: links the first occurrence of each hard word to /woorden.
    env.filters["explain"] = link_words
    return env


def _include_routers(app: FastAPI) -> None:
    """Pages first (the candidate's home is the hot path), then the JSON API under one prefix,
    so a request to a page is not tried against every API route."""
    from app.access_log.api import router as access_log_api
    from app.account.api import router as account_api
    from app.account.pages import router as account_pages
    from app.api_docs.pages import router as api_docs_pages
    from app.appointments.api import router as appointments_api
    from app.appointments.pages import router as appointments_pages
    from app.auth.api import router as auth_api
    from app.auth.pages import router as auth_pages
    from app.backoffice import routers as backoffice_routers
    from app.candidate_home.pages import router as candidates_pages
    from app.candidates.api import router as candidates_api
    from app.case_file.api import router as case_file_api
    from app.caseload.api import router as caseload_api
    from app.contacts.api import router as contacts_api
    from app.employer_checklist.api import router as employer_checklist_api
    from app.employers.api import router as employers_api
    from app.employers.employer_api import router as employer_access_api
    from app.employers.pages import router as employer_pages
    from app.guarantees.api import router as guarantees_api
    from app.guarantees.pages import router as guarantees_pages
    from app.home.pages import router as home_pages
    from app.journeys.api import router as journeys_api
    from app.journeys.pages import router as journeys_pages
    from app.messages.api import router as messages_api
    from app.messages.pages import router as messages_pages
    from app.money.api import router as money_api
    from app.money.pages import router as money_pages
    from app.network.api import router as network_api
    from app.network.pages import router as network_pages
    from app.organisations.api import router as organisations_api
    from app.outbox.api import router as outbox_api
    from app.outbox.pages import router as outbox_pages
    from app.people.api import router as people_api
    from app.pwa.pages import router as pwa_pages
    from app.records.api import router as records_api
    from app.route_templates.api import router as route_templates_api
    from app.team.api import router as team_api
    from app.words.pages import router as words_pages

    # Each router's routes go on the app itself, as built when declared: FastAPI (0.16x) builds
    # a route again for every router it is included through (app.route_table).
    for router in (home_pages, candidates_pages, journeys_pages, appointments_pages,
                   messages_pages, money_pages, guarantees_pages, network_pages, account_pages,
                   auth_pages, pwa_pages, outbox_pages, words_pages, api_docs_pages,
                   employer_pages, *backoffice_routers()):
        add_routes(app, router)

    api_responses = {401: _problem_schema(), 403: _problem_schema(), 404: _problem_schema(),
                     422: _problem_schema()}
    for router in (auth_api, account_api, caseload_api, candidates_api, journeys_api,
                   appointments_api, messages_api, money_api, contacts_api, guarantees_api,
                   network_api, access_log_api, route_templates_api, organisations_api,
                   people_api, team_api, records_api, case_file_api, outbox_api,
                   employer_checklist_api, employer_access_api, employers_api):
        add_routes(app, router, prefix="/api/v1", responses=api_responses)


def _declare_shared_answers(method: str, operation: dict) -> None:
    """Answers every operation of a kind can give, declared once instead of on each route:
    any write may meet a unique constraint (409, app.error_handlers), and a write that checks
    If-Match answers 412 (stale) or 428 (missing). The summary is the docstring's first
    sentence: FastAPI's default, made from the route name, reads "Api.Caseload:List"."""
    if method in ("post", "put", "patch", "delete"):
        operation["responses"].setdefault("409", _problem_schema())
    if any(parameter["in"] == "header" and parameter["name"] == IF_MATCH_HEADER
           for parameter in operation.get("parameters", [])):
        operation["responses"]["412"] = _problem_schema()
        operation["responses"]["428"] = _problem_schema()
    description = operation.get("description", "")
    if description:
        first = " ".join(description.split("\n\n")[0].split())
        summary = first.split(". ")[0].rstrip(".")
        if len(summary) > 90:
            summary = summary[:90].rsplit(" ", 1)[0].rstrip(",;:(") + " …"
        operation["summary"] = summary


def _numbers_as_numbers(node) -> None:
    """Pydantic documents a Decimal input as "a number, or any string"; the app takes only
    numeric strings, in range, so "any string" promised what it refuses. Amounts are
    documented as JSON numbers; numeric strings (what the forms send) stay accepted."""
    if isinstance(node, dict):
        options = node.get("anyOf")
        if isinstance(options, list) and any(o.get("type") == "number" for o in options):
            node["anyOf"] = [o for o in options if o != {"type": "string"}]
        for value in node.values():
            _numbers_as_numbers(value)
    elif isinstance(node, list):
        for value in node:
            _numbers_as_numbers(value)


def _add_problem_schema(app: FastAPI) -> None:
    original = app.openapi

    def openapi():
        if app.openapi_schema:
            return app.openapi_schema
        schema = original()
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["Problem"] = {
            "type": "object",
            "required": ["type", "title", "status", "code"],
            "properties": {
                "type": {"type": "string"},
                "title": {"type": "string"},
                "status": {"type": "integer"},
                "detail": {"type": "string"},
                "instance": {"type": "string"},
                "code": {"type": "string"},
                "invalid_params": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {"name": {"type": "string"}, "code": {"type": "string"},
                                       "reason": {"type": "string"}},
                    },
                },
            },
        }
        # FastAPI documents its own validation shape; ours is the problem above.
        for path in schema.get("paths", {}).values():
            for method, operation in path.items():
                responses = operation.get("responses", {})
                if "422" in responses:
                    responses["422"] = _problem_schema()
                _declare_shared_answers(method, operation)
        _numbers_as_numbers(schema)
        components.pop("HTTPValidationError", None)
        components.pop("ValidationError", None)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi
