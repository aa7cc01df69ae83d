"""Access-matrix rows of the case file (tests/test_access_matrix.py): only Guy's consultants
find it; Guy himself, his network, admins and other staff do not (404, as if it did not
exist)."""

from __future__ import annotations

from datetime import timedelta

from app.case_file.models import CaseNote, CaseNoteKind
from app.db import utcnow
from tests.access import GUYS_CONSULTANTS, expected

NOTE = {"kind": "phone", "with_whom": "Marja", "with_role": "parent",
        "happened_at": "2026-01-05T10:00:00+01:00", "body": "Marja gebeld."}


def ids(db, personas):
    note = CaseNote(candidate_id=personas.candidate, author_id=personas.consultant,
                    kind=CaseNoteKind.note, happened_at=utcnow() - timedelta(hours=2),
                    body="Intern: Guy twijfelt over de reistijd.")
    db.add(note)
    db.commit()
    return {"case_note": note.id}


ROWS = [
    ("case notes", "GET", "/api/v1/candidates/{guy}/case-notes", None, {},
     expected(GUYS_CONSULTANTS, 200)),
    ("add case note", "POST", "/api/v1/candidates/{guy}/case-notes", NOTE, {},
     expected(GUYS_CONSULTANTS, 201)),
    # Only the author corrects her note: Sander finds it but may not change it (409).
    ("correct case note", "PATCH", "/api/v1/candidates/{guy}/case-notes/{case_note}",
     {"body": "Intern: reistijd besproken."}, {"If-Match": 'W/"1"'},
     {**expected(("consultant",), 200), "backup_consultant": 409}),
    ("timeline", "GET", "/api/v1/candidates/{guy}/timeline", None, {},
     expected(GUYS_CONSULTANTS, 200)),
]
