"""The command line: the sign-in links it prints follow the address the server listens on."""

from __future__ import annotations

import json

import pytest

from app import cli
from app.settings import Settings, get_settings


def _settings(**values) -> Settings:
    return Settings(_env_file=None, environment="test", **values)


@pytest.mark.parametrize(("host", "port", "expected"), [
    ("127.0.0.1", 8000, "http://localhost:8000"),
    ("127.0.0.1", 8011, "http://localhost:8011"),
    ("0.0.0.0", 9000, "http://localhost:9000"),  # noqa: S104 - an address to listen on
    ("192.168.1.20", 8011, "http://192.168.1.20:8011"),
    ("fe80::1", 8011, "http://[fe80::1]:8011"),
])
def test_links_follow_the_listen_address(monkeypatch, host, port, expected):
    monkeypatch.delenv("BASE_URL", raising=False)
    assert cli.with_listen_address(_settings(), host, port).base_url == expected


def test_base_url_when_set_wins_over_the_listen_address():
    settings = _settings(base_url="https://stapwijzer.example.nl")
    assert cli.with_listen_address(settings, "0.0.0.0", 8011).base_url == (  # noqa: S104
        "https://stapwijzer.example.nl")


def test_host_and_port_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("HOST", "0.0.0.0")  # noqa: S104
    monkeypatch.setenv("PORT", "8011")
    args = cli.build_parser().parse_args(["demo"])
    assert (args.host, args.port) == ("0.0.0.0", 8011)  # noqa: S104
    assert cli.build_parser().parse_args(["serve", "--port", "8022"]).port == 8022


def test_demo_prints_links_to_the_port_it_was_given(monkeypatch, tmp_path, capsys):
    """`PORT=8011 bash scripts/run.sh` runs `stapwijzer demo --port 8011`: no link to :8000."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    monkeypatch.setenv("ENVIRONMENT", "development")
    monkeypatch.delenv("BASE_URL", raising=False)
    get_settings.cache_clear()
    try:
        assert cli.main(["demo", "--json", "--port", "8011"]) == 0
        links = json.loads(capsys.readouterr().out)
        monkeypatch.setenv("BASE_URL", "https://stapwijzer.example.nl")
        get_settings.cache_clear()
        assert cli.main(["demo", "--json", "--port", "8011"]) == 0
        behind_proxy = json.loads(capsys.readouterr().out)
    finally:
        get_settings.cache_clear()
    assert set(links) == {"candidate", "parent", "consultant", "backup_consultant", "admin",
                          "other_consultant", "employer"}
    assert all(link.startswith("http://localhost:8011/") for link in links.values()), links
    assert all(link.startswith("https://stapwijzer.example.nl/")
               for link in behind_proxy.values()), behind_proxy


def test_worker_once_on_an_empty_outbox_prints_counts_and_exits_0(monkeypatch, tmp_path, capsys):
    from app.migrations_runner import upgrade_to_head

    url = f"sqlite:///{tmp_path / 'worker.sqlite3'}"
    upgrade_to_head(url)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("ENVIRONMENT", "test")
    get_settings.cache_clear()
    try:
        assert cli.main(["worker", "--once"]) == 0
    finally:
        get_settings.cache_clear()
    assert capsys.readouterr().out == "Outbox: 0 sent, 0 to retry, 0 failed, 0 cancelled.\n"


def test_the_worker_runs_the_daily_digest_once_a_day_from_half_past_seven(session_factory,
                                                                         personas, db):
    """`stapwijzer worker` needs no cron for the digest: its loop runs it once a day."""
    from datetime import time

    from sqlalchemy import func, select

    from app.cli import daily_digest
    from app.clock import frozen, local_datetime, local_today
    from app.outbox.models import Notification

    def digests() -> int:
        db.expire_all()
        return db.scalar(select(func.count()).select_from(Notification).where(
            Notification.event.like("%digest%")))

    check = daily_digest(session_factory)
    before = digests()
    with frozen(local_datetime(local_today(), time(6, 0))):
        check()
    assert digests() == before  # too early
    with frozen(local_datetime(local_today(), time(9, 0))):
        check()
        after = digests()
        check()
    assert after > before  # Floor's caseload has warnings: she gets her digest
    assert digests() == after  # once a day


def test_demo_on_a_database_seeded_before_the_employer_adds_tim_and_prints_his_link(
        monkeypatch, tmp_path, capsys):
    """A demo database from before the employer side still gets every persona's link: the
    demo command tops it up (Tim's firm with Guy's placement, the employer checklists)."""
    from sqlalchemy import delete, func, select

    from app.auth.models import Invite
    from app.db import make_engine, make_session_factory, unit_of_work
    from app.employer_checklist.models import EmployerChecklist, EmployerChecklistItem
    from app.employers.models import Employer, EmployerContact, Placement, PlacementMilestone
    from app.people.models import Person, Role

    url = f"sqlite:///{tmp_path / 'old-demo.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("ENVIRONMENT", "development")
    get_settings.cache_clear()
    try:
        assert cli.main(["demo", "--json"]) == 0
        capsys.readouterr()
        engine = make_engine(url)
        with unit_of_work(make_session_factory(engine)) as session:  # as an older version left it
            for table in (PlacementMilestone, Placement, EmployerContact, Employer,
                          EmployerChecklistItem, EmployerChecklist):
                session.execute(delete(table))
            tim = select(Person.id).where(Person.role == Role.employer)
            session.execute(delete(Invite).where(Invite.person_id.in_(tim)))
            session.execute(delete(Person).where(Person.role == Role.employer))
        assert cli.main(["demo", "--json"]) == 0
        links = json.loads(capsys.readouterr().out)
        with unit_of_work(make_session_factory(engine)) as session:
            placements = session.scalar(select(func.count()).select_from(Placement))
            items = session.scalar(select(func.count()).select_from(EmployerChecklistItem))
        engine.dispose()
    finally:
        get_settings.cache_clear()
    assert "employer" in links and placements == 1 and items > 0
