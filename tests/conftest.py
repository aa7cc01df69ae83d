"""Test fixtures: one migrated database per run and per xdist worker (SQLite by default,
PostgreSQL when TEST_DATABASE_URL says so), one app per run whose requests each test binds to
its own connection, every test inside a transaction that is rolled back, the demo personas
seeded once through the real services, and clients signed in as each of them."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from app.auth.service import issue_tokens
from app.clock import local_today
from app.db import make_engine, make_session_factory, unit_of_work
from app.demo.employer import EMPLOYER_EMAIL
from app.demo.seed import EMAILS, seed
from app.main import create_app
from app.migrations_runner import upgrade_to_head
from app.network.models import Area, ConsentMethod, NetworkGrant
from app.organisations.models import Organisation
from app.people.models import Person, Role
from app.people.service import create_staff_member
from app.settings import Settings

PASSWORD = "correct horse battery staple"  # staff created by the tests


def _database_url_for_run(worker: str) -> tuple[str, bool]:
    """The database for this run (this xdist worker's own), and whether the tests created
    (and must drop) it. Without xdist, TEST_DATABASE_URL itself is used, as before."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url and worker == "master":
        return url, False
    if url and is_postgres(url):
        return create_postgres_database(url, worker), True
    path = Path(tempfile.mkdtemp(prefix=f"stapwijzer-test-{worker}-")) / "test.sqlite3"
    return f"sqlite:///{path}", True


def is_postgres(url: str) -> bool:
    return url.startswith("postgresql")


def create_postgres_database(base_url: str, suffix: str) -> str:
    """A fresh database next to `base_url`'s, for tests that must commit (migrations, e2e)."""
    url = make_url(base_url.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"{url.database}_{suffix}_{uuid.uuid4().hex[:6]}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(url_text: str) -> None:
    url = make_url(url_text)
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
    admin.dispose()


def fresh_database_url(tmp_path_factory, suffix: str) -> str:
    base = os.environ.get("TEST_DATABASE_URL")
    if base and is_postgres(base):
        return create_postgres_database(base, suffix)
    return f"sqlite:///{tmp_path_factory.mktemp(suffix) / 'db.sqlite3'}"


def make_settings(database_url: str, **overrides) -> Settings:
    values = dict(
        environment="test", database_url=database_url, base_url="http://testserver",
        secret_key="test-secret-key-that-is-long-enough-0123456789",
        jwt_secret_key="test-jwt-key-that-is-long-enough-0123456789",
        argon2_profile="fast", migrate_on_start=False, seed_demo_on_start=False,
        log_level="WARNING",
    )
    values.update(overrides)
    return Settings(**values)


def pytest_collection_modifyitems(config, items) -> None:
    """Under xdist (`--dist loadgroup`), the browser tests of one file run on one worker and
    in order: they share a live server and build on each other's data. On PostgreSQL the
    browser tests of markup only (`markup`: axe, widths, text size) are left out: the same
    pages' markup does not depend on the database, and CI runs them on SQLite (the pages
    themselves are rendered on both databases by the page access matrix)."""
    for item in items:
        if "e2e" in item.path.parts:
            item.add_marker(pytest.mark.xdist_group(item.path.stem))
    if is_postgres(os.environ.get("TEST_DATABASE_URL", "")):
        left_out = [item for item in items if item.get_closest_marker("markup")]
        if left_out:
            config.hook.pytest_deselected(items=left_out)
            items[:] = [item for item in items if not item.get_closest_marker("markup")]


@dataclass
class Personas:
    """The people every test can use, by role (ids, so they survive session boundaries)."""

    candidate: int  # Guy, Almere, in his trial placement
    parent: int  # Marja, his mother, all areas
    consultant: int  # Floor, Guy's contact person
    backup_consultant: int  # Sander, Guy's backup
    admin: int  # Anouk, admin of Almere
    other_consultant: int  # Ravi, Amsterdam
    other_candidate: int  # Sanne, Amsterdam
    colleague: int  # Olga, Almere consultant without Guy in her caseload
    other_admin: int  # Amsterdam's admin
    steps_only_member: int  # Jan, Guy's mentor who may see steps only
    employer: int = 0  # Tim de Wit, manager at Guy's trial place (consent recorded)


@pytest.fixture(scope="session")
def worker_name(request) -> str:
    """"gw0", "gw1", … under pytest-xdist; "master" in a plain run."""
    return getattr(request.config, "workerinput", {}).get("workerid", "master")


@pytest.fixture(scope="session")
def database_url(worker_name) -> Iterator[str]:
    url, created = _database_url_for_run(worker_name)
    upgrade_to_head(url)
    yield url
    if created and url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    elif created:
        drop_postgres_database(url)


@pytest.fixture(scope="session")
def settings(database_url) -> Settings:
    return make_settings(database_url)


@pytest.fixture(scope="session")
def engine(database_url):
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def personas(engine, settings) -> Personas:
    """Seed the demo through the real seed once (committed) and add the extra test personas."""
    factory = make_session_factory(engine)
    with unit_of_work(factory) as session:
        existing = session.scalar(select(Person.id).where(Person.email == EMAILS["consultant"]))
        if existing is None:
            seed(session, settings, today=local_today())
            _add_test_personas(session)
    with unit_of_work(factory) as session:
        def by_email(email):
            return session.scalar(select(Person.id).where(Person.email == email))

        def by_name(name):
            return session.scalar(select(Person.id).where(Person.display_name == name))

        return Personas(
            candidate=by_name("Guy Visser"), parent=by_name("Marja Visser"),
            consultant=by_email(EMAILS["consultant"]),
            backup_consultant=by_email(EMAILS["backup_consultant"]),
            admin=by_email(EMAILS["admin"]), other_consultant=by_email(EMAILS["other_consultant"]),
            other_candidate=by_name("Sanne Bos"), colleague=by_email("olga@almere.test"),
            other_admin=by_email("admin@amsterdam.test"), steps_only_member=by_name("Jan Mentor"),
            employer=by_email(EMPLOYER_EMAIL),
        )


def _add_test_personas(session) -> None:
    almere = session.scalar(select(Organisation).where(Organisation.slug == "almere"))
    amsterdam = session.scalar(select(Organisation).where(Organisation.slug == "amsterdam"))
    create_staff_member(session, organisation_id=almere.id, display_name="Olga Smit",
                        email="olga@almere.test", password=PASSWORD)
    create_staff_member(session, organisation_id=amsterdam.id, display_name="Amsterdam Admin",
                        email="admin@amsterdam.test", password=PASSWORD, role=Role.admin)
    guy = session.scalar(select(Person).where(Person.display_name == "Guy Visser"))
    floor = session.scalar(select(Person).where(Person.email == EMAILS["consultant"]))
    jan = Person(organisation_id=almere.id, role=Role.network, display_name="Jan Mentor")
    session.add(jan)
    session.flush()
    session.add(NetworkGrant(candidate_id=guy.id, member_id=jan.id, relation="mentor",
                             areas=[Area.steps.value], consent_by_id=guy.id,
                             consent_method=ConsentMethod.in_writing, created_by_id=floor.id))
    session.flush()


@pytest.fixture
def connection(engine, personas):
    """A connection in a transaction that is rolled back after the test."""
    with engine.connect() as connection:
        transaction = connection.begin()
        yield connection
        if transaction.is_active:
            transaction.rollback()


@pytest.fixture
def session_factory(connection):
    return make_session_factory(connection)


@pytest.fixture
def db(session_factory):
    """A session for arranging and checking data inside the test's transaction."""
    session = session_factory()
    yield session
    session.close()


@pytest.fixture(scope="session")
def app(settings, engine):
    """The app, built once per run (building its ~170 routes is the costly part). Its own
    session factory is only a fall-back; each test's requests carry the test's (below)."""
    return create_app(settings, session_factory=make_session_factory(engine))


def bind_to_session_factory(app, session_factory):
    """The app as an ASGI callable whose requests use `session_factory`: it puts the factory
    in the request's state, which `deps.get_session` reads. Nothing shared is changed."""

    async def bound(scope, receive, send):
        if scope["type"] == "http":
            scope = {**scope, "state": {**scope.get("state", {}),
                                        "session_factory": session_factory}}
        await app(scope, receive, send)

    return bound


@pytest.fixture
def test_app(app, session_factory):
    """The shared app bound to this test's connection: what every test client talks to."""
    return bind_to_session_factory(app, session_factory)


@pytest.fixture
def client(test_app) -> Iterator[TestClient]:
    with TestClient(test_app, base_url="http://testserver") as test_client:
        yield test_client


@pytest.fixture
def login_as(test_app, session_factory, settings):
    """A TestClient signed in with a bearer token as the given person id (None: anonymous)."""
    clients: list[TestClient] = []

    def make(person_id: int | None, **headers) -> TestClient:
        test_client = TestClient(test_app, base_url="http://testserver")
        if person_id is not None:
            with unit_of_work(session_factory) as session:
                person = session.get(Person, person_id)
                pair = issue_tokens(session, settings, person, "test")
            test_client.headers["Authorization"] = f"Bearer {pair.access_token}"
        test_client.headers.update(headers)
        clients.append(test_client)
        return test_client

    yield make
    for test_client in clients:
        test_client.close()


@pytest.fixture
def callers(personas) -> dict[str, int | None]:
    """Every kind of caller the access matrix checks, by name."""
    return {
        "anonymous": None,
        "candidate": personas.candidate,
        "other_candidate": personas.other_candidate,
        "parent": personas.parent,
        "steps_only_member": personas.steps_only_member,
        "consultant": personas.consultant,
        "backup_consultant": personas.backup_consultant,
        "colleague": personas.colleague,
        "other_consultant": personas.other_consultant,
        "admin": personas.admin,
        "other_admin": personas.other_admin,
        "employer": personas.employer,
    }


@pytest.fixture
def browser_as(test_app, session_factory, settings):
    """A TestClient with a browser cookie session for the given person (as after opening an
    invite link), and a helper to read the page's CSRF token."""
    from app.auth.models import SessionKind
    from app.auth.service import start_session
    from app.deps import SESSION_COOKIE

    clients: list[TestClient] = []

    def make(person_id: int) -> TestClient:
        with unit_of_work(session_factory) as session:
            issued = start_session(session, settings, session.get(Person, person_id),
                                   SessionKind.browser, "test browser")
        test_client = TestClient(test_app, base_url="http://testserver")
        test_client.cookies.set(SESSION_COOKIE, issued.token)
        clients.append(test_client)
        return test_client

    yield make
    for test_client in clients:
        test_client.close()


def csrf_from(html: str) -> str:
    return html.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
