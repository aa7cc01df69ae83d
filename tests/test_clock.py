"""One clock, one zone: "today" is the date in Settings.timezone, display times are shown in
that zone, and tests freeze the clock instead of patching datetime."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from app import clock
from app.i18n import date_text, time_text
from app.main import create_app
from app.settings import Settings
from tests.conftest import make_settings

# 23:30 UTC on 9 March is 00:30 on 10 March in Amsterdam (CET, UTC+1): a date boundary.
LATE_EVENING_UTC = datetime(2026, 3, 9, 23, 30, tzinfo=UTC)


def test_today_is_the_local_date_not_the_utc_date():
    with clock.frozen(LATE_EVENING_UTC, "Europe/Amsterdam"):
        assert clock.utcnow().date() == date(2026, 3, 9)
        assert clock.local_today() == date(2026, 3, 10)
        assert clock.local_now().hour == 0
    with clock.frozen(LATE_EVENING_UTC, "America/New_York"):
        assert clock.local_today() == date(2026, 3, 9)


def test_display_times_follow_the_zone():
    appointment = datetime(2026, 7, 1, 8, 0, tzinfo=UTC)  # summer: Amsterdam is UTC+2
    with clock.frozen(LATE_EVENING_UTC, "Europe/Amsterdam"):
        assert time_text(appointment) == "10:00"
        assert date_text(LATE_EVENING_UTC) == "10 maart 2026"
    with clock.frozen(LATE_EVENING_UTC, "Europe/London"):
        assert time_text(appointment) == "09:00"
        assert date_text(LATE_EVENING_UTC) == "9 maart 2026"
    naive_from_sqlite = datetime(2026, 7, 1, 8, 0)  # SQLite aggregates come back naive (UTC)
    assert clock.to_local(naive_from_sqlite) == appointment


def test_the_zone_comes_from_the_settings(settings, session_factory):
    try:
        create_app(make_settings(settings.database_url, timezone="Asia/Tokyo"),
                   session_factory=session_factory)
        with clock.frozen(LATE_EVENING_UTC):
            assert clock.local_today() == date(2026, 3, 10)
            assert time_text(LATE_EVENING_UTC) == "08:30"
    finally:
        clock.configure(settings.timezone)
    assert clock.zone().key == "Europe/Amsterdam"


def test_an_unknown_zone_is_refused():
    with pytest.raises(ValidationError, match="TIMEZONE"):
        Settings(_env_file=None, timezone="Europe/Atlantis")


def test_frozen_clock_needs_a_zone_aware_instant():
    with pytest.raises(ValueError, match="zone-aware"), clock.frozen(datetime(2026, 3, 9)):
        pass


def test_pages_show_times_in_the_zone(client):
    with clock.frozen(LATE_EVENING_UTC):
        page = client.get("/")
    # The offline note says when the page was made, on the Amsterdam clock.
    assert "Laatst bijgewerkt op dinsdag 10 maart om 00:30" in page.text


def test_a_guarantee_issued_after_midnight_carries_the_local_date(login_as, personas):
    floor = login_as(personas.consultant)  # signed in on the real clock; tokens stay valid
    with clock.frozen(LATE_EVENING_UTC):
        response = floor.post(f"/api/v1/candidates/{personas.candidate}/guarantee", json={
            "provider_name": "Zorggroep Almere", "provider_address": "Kerkstraat 2",
            "indication_valid_until": "2031-12-31",
            "income_consequences": "Je krijgt weer bijstand, zonder nieuwe aanvraag.",
            "arranged_by": "Floor de Vries"})
    assert response.status_code == 201, response.text
    assert response.json()["issued_on"] == "2026-03-10"


def test_the_team_view_counts_from_the_local_date(login_as, personas):
    anouk = login_as(personas.admin)
    with clock.frozen(LATE_EVENING_UTC):
        body = anouk.get("/api/v1/team").json()
    assert body["today"] == "2026-03-10"




def test_nothing_reads_the_system_clock_but_the_clock():
    """`date.today()` and `datetime.now()` ignore Settings.timezone (or a frozen clock)."""
    root = Path(__file__).resolve().parent.parent
    offenders = []
    for path in sorted((root / "app").rglob("*.py")):
        name = path.relative_to(root).as_posix()
        if name == "app/clock.py":
            continue
        text = path.read_text(encoding="utf-8")
        offenders += [f"{name}: {call}" for call in ("date.today()", "datetime.now(",
                                                      "datetime.utcnow(", "time.localtime(")
                      if call in text]
    assert offenders == [], "use app.clock (local_today, local_now, utcnow)"
