"""The daily digest of new warnings: one notification per consultant per day, counts only,
and only for warnings the previous digest did not count."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.caseload.digest import EVENT, digest_for, send_daily
from app.i18n import DEFAULT_LOCALE, reset_locale, set_locale
from app.outbox.models import Notification
from app.outbox.texts import EVENTS
from app.people.models import Person

TODAY = date(2030, 2, 20)


def _digests(db, person_id: int) -> list[Notification]:
    return list(db.scalars(select(Notification).where(
        Notification.recipient_id == person_id, Notification.event == EVENT)
        .order_by(Notification.id)))


def test_one_digest_a_day_with_counts_and_no_names(db, personas):
    floor = db.get(Person, personas.consultant)
    new = digest_for(db, floor, TODAY)
    assert new > 0  # the demo caseload has warnings
    rows = _digests(db, floor.id)
    assert len(rows) == 1 and rows[0].params["count"] == new
    token = set_locale(DEFAULT_LOCALE)
    try:
        title = str(EVENTS[EVENT][0]) % rows[0].params
        body = str(EVENTS[EVENT][1]) % rows[0].params
    finally:
        reset_locale(token)
    assert title == "Nieuwe waarschuwingen in je caseload"
    assert "Guy" not in title + body and str(new) in body
    # Again today: nothing more. Tomorrow, with the same warnings: nothing new to tell.
    assert digest_for(db, floor, TODAY) == 0
    assert len(_digests(db, floor.id)) == 1
    assert digest_for(db, floor, date(2030, 2, 21)) == 0
    assert len(_digests(db, floor.id)) == 1


def test_the_daily_run_reaches_every_consultant_with_new_warnings_once(db, personas):
    first = send_daily(db, TODAY)
    assert first["digests"] >= 1
    count = len(list(db.scalars(select(Notification).where(Notification.event == EVENT))))
    send_daily(db, TODAY)
    assert len(list(db.scalars(select(Notification).where(Notification.event == EVENT)))) \
        == count


def test_the_digest_logs_no_read_of_the_file(db, personas):
    from app.access_log.models import AccessLogEntry

    before = len(list(db.scalars(select(AccessLogEntry))))
    digest_for(db, db.get(Person, personas.consultant), TODAY)
    assert len(list(db.scalars(select(AccessLogEntry)))) == before


def test_the_digest_command_runs_once_a_day(monkeypatch, tmp_path, capsys):
    """`stapwijzer digest`: a second run the same day sends nothing more."""
    from app import cli
    from app.settings import get_settings

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'digest.sqlite3'}")
    monkeypatch.setenv("ENVIRONMENT", "development")
    get_settings.cache_clear()
    try:
        assert cli.main(["demo", "--json"]) == 0
        capsys.readouterr()
        assert cli.main(["digest"]) == 0
        first = capsys.readouterr().out
        assert cli.main(["digest"]) == 0
        second = capsys.readouterr().out
    finally:
        get_settings.cache_clear()
    assert "digests of new warnings: 0" not in first
    assert "digests of new warnings: 0." in second
