"""Start-up stays lean: a restart on a migrated database imports neither Alembic nor the
packages only some requests need (calendar and YAML files, access tokens, QR codes, Babel's
catalogue tools, another database's dialect), and builds each route once."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

RESTART = """
import sys
from starlette.testclient import TestClient
from app.main import create_app
with TestClient(create_app()) as client:
    assert client.get("/readyz").status_code == 200
    assert client.get("/healthz").status_code == 200
print(" ".join(sorted(name for name in ("alembic", "icalendar", "yaml", "jose", "segno",
                                        "babel.messages", "sqlalchemy.dialects.postgresql",
                                        "cryptography.hazmat.primitives.serialization")
                      if name in sys.modules)))
"""


def test_a_restart_imports_only_what_serving_needs(database_url, personas):
    env = dict(os.environ, DATABASE_URL=database_url, ENVIRONMENT="test",
               MIGRATE_ON_START="true", SEED_DEMO_ON_START="false", LOG_LEVEL="WARNING",
               SECRET_KEY="test-secret-key-that-is-long-enough-0123456789",
               JWT_SECRET_KEY="test-jwt-key-that-is-long-enough-0123456789",
               PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-W", "ignore", "-c", RESTART], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    imported = set(done.stdout.split())
    if database_url.startswith("postgresql"):
        imported.discard("sqlalchemy.dialects.postgresql")  # its own dialect, of course
    assert imported == set()


ROUTE_ATTRIBUTES = (
    "path", "path_format", "methods", "name", "unique_id", "operation_id", "summary",
    "description", "status_code", "tags", "responses", "deprecated", "include_in_schema",
    "response_model", "response_description", "response_class", "callbacks", "openapi_extra",
    "strict_content_type", "max_body_size", "stream_item_type", "is_json_stream",
    "is_sse_stream", "_embed_body_fields", "dependency_overrides_provider",
)


def _field(field, named: bool):
    if field is None:
        return None
    annotation = field.field_info.annotation
    if not named and getattr(annotation, "__name__", "").startswith("Body_"):
        annotation = sorted(annotation.model_fields)  # the combined body, named after the route
    return (field.name if named else None, field.mode, repr(annotation))


def _described(route_context) -> dict:
    route = route_context._effective_route
    described = {name: getattr(route, name, None) for name in ROUTE_ATTRIBUTES}
    described["response_class"] = getattr(described["response_class"], "value",
                                          described["response_class"])
    described["strict_content_type"] = getattr(described["strict_content_type"], "value",
                                               described["strict_content_type"])
    if getattr(route, "dependant", None) is not None:
        # Their names show only in the schema: an undocumented route's may differ.
        named = route.include_in_schema
        described["body_field"] = _field(route.body_field, named)
        described["response_field"] = _field(route.response_field, named)
        described["response_fields"] = {status: _field(field, named)
                                         for status, field in route.response_fields.items()}
        described["dependant"] = re.sub(r" at 0x[0-9a-f]+", "", repr(route.dependant))
        described["regex"] = route.path_regex.pattern
    return described


def test_routes_are_on_the_app_as_include_router_would_put_them(settings, engine, monkeypatch):
    """app.route_table builds each route once; the app must be the one FastAPI's own
    include_router gives: same routes in the same order, same schema, same handling context."""
    from fastapi.routing import iter_route_contexts

    from app import main
    from app.db import make_session_factory

    ours = main.create_app(settings, session_factory=make_session_factory(engine))
    monkeypatch.setattr(main, "add_routes", lambda app, router, **options:
                        app.include_router(router, **options))
    fastapis = main.create_app(settings, session_factory=make_session_factory(engine))

    our_routes = [_described(r) for r in iter_route_contexts(ours.routes)]
    their_routes = [_described(r) for r in iter_route_contexts(fastapis.routes)]
    for route in our_routes + their_routes:
        if route["dependency_overrides_provider"] in (ours, fastapis):
            route["dependency_overrides_provider"] = "the app"
    assert len(our_routes) > 200
    assert [r["path"] for r in our_routes] == [r["path"] for r in their_routes]
    for mine, theirs in zip(our_routes, their_routes, strict=True):
        assert mine == theirs, mine["path"]
    assert ours.openapi() == fastapis.openapi()
    assert ours.url_path_for("api.caseload:list") == fastapis.url_path_for("api.caseload:list")


def test_every_route_is_on_the_app_itself_and_builds(settings, engine):
    """No router is left to FastAPI's include_router (which builds its routes again on the
    first request that passes them), and every route builds: a lazily built route's bad
    declaration fails here, not on a user's first request."""
    from fastapi.routing import APIRoute

    from app import main
    from app.db import make_session_factory
    from app.route_table import LazyAPIRoute

    app = main.create_app(settings, session_factory=make_session_factory(engine))
    assert [route.path for route in app.routes if not isinstance(route, APIRoute)] \
        == ["/openapi.json", "/static"]  # FastAPI's and a mount, no included router
    lazy = [route for route in app.routes if isinstance(route, LazyAPIRoute)]
    # Every route is lazy: a module declaring with fastapi's own APIRouter (instead of
    # app.route_table's) builds its routes at every start.
    eager = [route.path for route in app.routes
             if isinstance(route, APIRoute) and not isinstance(route, LazyAPIRoute)]
    assert eager == ["/healthz", "/readyz"]  # the app's own probes: the first answer anyway
    assert not any(route.built for route in lazy)
    for route in lazy:
        route.build()
        assert route.built and route.dependant.call is route.endpoint, route.path


def test_a_lazy_route_is_built_on_its_first_request_once(settings, engine):
    from starlette.testclient import TestClient

    from app import main
    from app.db import make_session_factory

    app = main.create_app(settings, session_factory=make_session_factory(engine))
    routes = {route.name: route for route in app.routes}
    with TestClient(app) as client:
        assert client.get("/api/v1/me").status_code == 401
        built = routes["api.me:read"].app
        assert client.get("/api/v1/me").status_code == 401
    assert routes["api.me:read"].app is built
    assert not routes["api.team:overview"].built


def test_a_bad_route_declaration_fails_when_built():
    import threading

    import pytest

    from app.route_table import APIRouter

    router = APIRouter()

    @router.get("/nothing", status_code=204, response_model=dict)
    def nothing() -> None: ...

    @router.get("/fine")
    def fine() -> dict:
        return {}

    bad, good = router.routes
    assert not bad.built
    with pytest.raises(AssertionError, match="must not have a response body"):
        bad.build()
    with pytest.raises(AssertionError):  # again on every use, never half built
        bad.dependant  # noqa: B018
    assert not bad.built

    started = threading.Barrier(8)
    apps = []

    def build():
        started.wait()
        apps.append(good.app)

    threads = [threading.Thread(target=build) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(apps) == 8 and all(app is good.app for app in apps)
