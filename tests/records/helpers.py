"""Shared bodies and a helper for the records tests."""

from __future__ import annotations

from sqlalchemy import func, select

from app.records.models import CandidateRecord

CONTRACT = {"kind": "contract", "employer_name": "Groenwerk Almere", "hours_per_week": "28",
            "wage_basis": "hourly", "wage_cents": 1600, "starts_on": "2027-01-01",
            "ends_on": "2027-12-31"}


def records_url(candidate_id: int, suffix: str = "") -> str:
    return f"/api/v1/candidates/{candidate_id}/records{suffix}"


def stored(db, candidate_id: int) -> int:
    """How many record versions the candidate has."""
    return db.scalar(select(func.count()).select_from(CandidateRecord).where(
        CandidateRecord.candidate_id == candidate_id))


def problem_names(response) -> set[str]:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    return {p["name"] for p in response.json()["invalid_params"]}
