"""Oss: young people up to and including 27 get no long day-activity indications; the
guarantee refuses a longer one with a clear message and stores nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.clock import local_today
from app.guarantees.models import FallbackGuarantee
from app.guarantees.service import add_months, age_on
from app.organisations.models import Organisation
from app.people.models import Person


def _young_candidate(db, personas, login_as, *, age: int | None, months: int | None = 12):
    floor_person = db.get(Person, personas.consultant)
    organisation = db.get(Organisation, floor_person.organisation_id)
    organisation.youth_max_indication_months = months
    db.commit()
    floor = login_as(personas.consultant, **{"Accept-Language": "nl"})
    candidate = floor.post("/api/v1/candidates", json={"display_name": "Jesse Jong"}).json()["id"]
    person = db.get(Person, candidate)
    today = local_today()
    # Born `age` years and a week ago: `age` today.
    person.date_of_birth = (None if age is None else
                            add_months(today, -12 * age) - timedelta(days=7))
    db.commit()
    return floor, candidate


def _issue(floor, candidate: int, valid_until: date):
    return floor.post(f"/api/v1/candidates/{candidate}/guarantee", json={
        "provider_name": "De Schakel", "indication_valid_until": valid_until.isoformat(),
        "income_consequences": "Je krijgt weer je uitkering.", "arranged_by": "Floor"})


def _count(db, candidate: int) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(FallbackGuarantee).where(
        FallbackGuarantee.candidate_id == candidate))


def test_a_long_indication_for_someone_of_27_is_refused(db, personas, login_as):
    floor, candidate = _young_candidate(db, personas, login_as, age=27)
    response = _issue(floor, candidate, add_months(local_today(), 24))
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    param = response.json()["invalid_params"][0]
    assert param["name"] == "indication_valid_until"
    assert param["code"] == "youth_indication_too_long"
    assert "27" in param["reason"] and "12" in param["reason"]
    assert _count(db, candidate) == 0
    assert _issue(floor, candidate, add_months(local_today(), 12)).status_code == 201


@pytest.mark.parametrize("age", [28, None])
def test_the_rule_needs_a_known_age_up_to_27(age, db, personas, login_as):
    """At 28 the rule no longer holds; without a date of birth the age is unknown."""
    floor, candidate = _young_candidate(db, personas, login_as, age=age)
    assert _issue(floor, candidate, add_months(local_today(), 60)).status_code == 201


def test_without_the_rule_a_long_indication_is_fine(db, personas, login_as):
    floor, candidate = _young_candidate(db, personas, login_as, age=20, months=None)
    assert _issue(floor, candidate, add_months(local_today(), 60)).status_code == 201


def test_age_counts_whole_years():
    assert age_on(date(1999, 6, 2), date(2026, 6, 1)) == 26
    assert age_on(date(1999, 6, 2), date(2026, 6, 2)) == 27
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
