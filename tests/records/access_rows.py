"""Access-matrix rows of the records API (tests/test_access_matrix.py)."""

from __future__ import annotations

from sqlalchemy import func, select

from app.records.models import CandidateRecord, RecordKind
from tests.access import GUYS_CONSULTANTS, expected

# Guy himself, his consultants, and the network with the steps grant (Marja and Jan) read
# the records; admins see none of them.
READS_RECORDS = ("candidate", "parent", "steps_only_member", "consultant", "backup_consultant")

CONTRACT = {"kind": "contract", "employer_name": "Groenwerk", "hours_per_week": "28",
            "wage_basis": "hourly", "wage_cents": 1600, "starts_on": "2027-01-01",
            "ends_on": "2027-12-31"}


def ids(db, personas):
    """A ladder-rung record on Guy's file for the read and replace rows."""
    from datetime import date

    record = db.scalar(select(CandidateRecord).where(
        CandidateRecord.candidate_id == personas.candidate,
        CandidateRecord.kind == RecordKind.ladder_rung))
    if record is None:
        top = db.scalar(select(func.max(CandidateRecord.record_no)).where(
            CandidateRecord.candidate_id == personas.candidate)) or 0
        record = CandidateRecord(candidate_id=personas.candidate, record_no=top + 1, number=1,
                                 kind=RecordKind.ladder_rung, dated_on=date(2026, 9, 1),
                                 data={"kind": "ladder_rung", "on": "2026-09-01", "rung": 3,
                                       "note": ""},
                                 created_by_id=personas.consultant)
        db.add(record)
        db.commit()
    return {"record": record.record_no}


ROWS = [
    ("records", "GET", "/api/v1/candidates/{guy}/records", None, {},
     expected(READS_RECORDS, 200)),
    ("record", "GET", "/api/v1/candidates/{guy}/records/{record}", None, {},
     expected(READS_RECORDS, 200)),
    ("create record", "POST", "/api/v1/candidates/{guy}/records", CONTRACT, {},
     expected(GUYS_CONSULTANTS, 201)),
    ("replace record", "PUT", "/api/v1/candidates/{guy}/records/{record}",
     {"kind": "ladder_rung", "on": "2026-10-01", "rung": 4}, {"If-Match": 'W/"1"'},
     expected(GUYS_CONSULTANTS, 200)),
]
