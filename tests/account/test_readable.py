"""Readable for people: "my data" as a page, who viewed it per person per day, times as people
say them (no seconds, "vandaag", "morgen om 10:00")."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from app import clock
from app.i18n import datetime_text, day_text, on_day_text, reset_locale, set_locale, when_text

# 22:30 UTC on Tuesday 1 December 2026 is 23:30 in Amsterdam; 23:30 UTC is already Wednesday.
EVENING = datetime(2026, 12, 1, 22, 30, tzinfo=UTC)
AFTER_MIDNIGHT = datetime(2026, 12, 1, 23, 30, tzinfo=UTC)


@pytest.fixture
def dutch():
    token = set_locale("nl")
    yield
    reset_locale(token)


def test_when_text_is_relative_across_midnight(dutch):
    ten_wednesday = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)  # 10:00 in Amsterdam
    with clock.frozen(EVENING):
        assert when_text(ten_wednesday) == "morgen om 10:00"
        assert when_text(EVENING) == "vandaag om 23:30"
    with clock.frozen(AFTER_MIDNIGHT):  # 00:30 on Wednesday: a new local day, same UTC date
        assert when_text(ten_wednesday) == "vandaag om 10:00"
        assert when_text(EVENING) == "gisteren om 23:30"
        friday = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
        assert when_text(friday) == "vrijdag 4 december om 10:00"
        next_year = datetime(2027, 1, 5, 9, 0, tzinfo=UTC)
        assert when_text(next_year) == "dinsdag 5 januari 2027 om 10:00"


def test_day_words_in_english_and_dutch(dutch):
    with clock.frozen(AFTER_MIDNIGHT):
        assert day_text(EVENING) == "gisteren"
        assert on_day_text(datetime(2026, 12, 1, 9, 0, tzinfo=UTC)) == "gisteren"
        assert on_day_text(datetime(2026, 11, 24, 9, 0, tzinfo=UTC)) == "op dinsdag 24 november"
        token = set_locale("en")
        try:
            assert when_text(datetime(2026, 12, 3, 9, 0, tzinfo=UTC)) == "tomorrow at 10:00"
        finally:
            reset_locale(token)


def test_datetime_text_never_shows_seconds_or_a_zone(dutch):
    with clock.frozen(EVENING):
        for format in ("short", "medium", "long", "full"):
            text = datetime_text(datetime(2026, 12, 2, 9, 0, 5, tzinfo=UTC), format)
            assert "10:00" in text and "10:00:05" not in text and "CET" not in text


def test_my_data_page_shows_names_and_local_times_in_dutch(browser_as, login_as, personas):
    floor = login_as(personas.consultant)
    sent = floor.post(f"/api/v1/candidates/{personas.candidate}/updates",
                      json={"body": "Hoi Guy, tot dinsdag."})
    assert sent.status_code == 201
    response = browser_as(personas.candidate).get("/settings/my-data")
    assert response.status_code == 200
    html = response.text
    assert "Mijn gegevens" in html and "Guy Visser" in html
    assert "<strong>Floor de Vries</strong>" in html  # the author by name, not "author_id"
    assert "author_id" not in html and "candidate_id" not in html
    assert "Download als bestand (JSON)" in html and 'href="/api/v1/me/export"' in html
    assert "Je stappen" in html and "Je afspraken" in html
    assert not re.search(r"\d\d:\d\d:\d\d", html)  # no seconds anywhere
    assert "CET" not in html and "UTC" not in html


def test_who_viewed_is_one_sentence_per_person_per_day(browser_as, login_as, personas):
    floor = login_as(personas.consultant)
    for path in ("journey", "journey", "money"):
        floor.get(f"/api/v1/candidates/{personas.candidate}/{path}")
    html = browser_as(personas.candidate).get("/settings").text
    log = html.split('id="who-viewed"', 1)[1].split("</section>", 1)[0]
    assert log.count("Floor de Vries (je contactpersoon)") == 1
    # The money overview also reads what the guarantee says happens to income on return.
    assert ("Floor de Vries (je contactpersoon) keek vandaag naar wat er gebeurt als het werk "
            "niet lukt, het overzicht van je geld en je stappen.") in log
    assert not re.search(r"\d\d:\d\d:\d\d", log)


def test_who_viewed_groups_per_day_with_the_day_in_words(browser_as, personas, db):
    from app.access_log.models import AccessLogEntry

    # Tuesday 1 December, 09:00 and 15:00 local; Friday 4 December once.
    for at, area in ((datetime(2026, 12, 1, 8, 0, tzinfo=UTC), "steps"),
                     (datetime(2026, 12, 1, 14, 0, tzinfo=UTC), "money"),
                     (datetime(2026, 12, 4, 8, 0, tzinfo=UTC), "steps")):
        db.add(AccessLogEntry(candidate_id=personas.candidate, actor_id=personas.parent,
                              actor_role="network", area=area, at=at))
    db.commit()
    with clock.frozen(datetime(2026, 12, 8, 12, 0, tzinfo=UTC)):
        html = browser_as(personas.candidate).get("/settings").text
    log = html.split('id="who-viewed"', 1)[1].split("</section>", 1)[0]
    lines = [line for line in re.findall(r"<li>(.*?)</li>", log, re.S) if "Marja" in line]
    assert len(lines) == 2, lines
    assert "keek op vrijdag 4 december naar je stappen." in lines[0]
    assert "keek op dinsdag 1 december naar het overzicht van je geld en je stappen." in lines[1]
