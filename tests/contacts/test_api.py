"""The contact card: one contact person, and the backup with dates while the contact is away."""

from __future__ import annotations

from datetime import timedelta

from app.clock import local_today
from app.contacts.models import Absence


def test_contact_person_and_backup(login_as, personas):
    body = login_as(personas.candidate).get(
        f"/api/v1/candidates/{personas.candidate}/contact"
    ).json()
    assert body["reachable"]["display_name"] == "Floor de Vries"
    assert body["backup"]["display_name"] == "Sander Bakker"
    assert body["primary_away_until"] is None
    assert body["reachable"]["initials"] == "FV"


def test_backup_is_reachable_while_the_contact_is_away(login_as, personas, db):
    until = local_today() + timedelta(days=10)
    db.add(Absence(consultant_id=personas.consultant, starts_on=local_today(), ends_on=until))
    db.commit()
    body = login_as(personas.parent).get(f"/api/v1/candidates/{personas.candidate}/contact").json()
    assert body["reachable"]["display_name"] == "Sander Bakker"
    assert body["primary_away_until"] == until.isoformat()
