"""Presenters of the access log: who looked at which part of the file, in plain words."""

from __future__ import annotations

from datetime import date
from itertools import groupby

from sqlalchemy import select
from sqlmodel import Session

from app.access import CandidateFile
from app.access_log.service import list_entries
from app.access_log.texts import area_phrase
from app.clock import to_local
from app.contacts.models import ContactAssignment
from app.i18n import gettext, join_words
from app.i18n import lazy_gettext as _l
from app.network.models import NetworkGrant


def access_log_groups(session: Session, file: CandidateFile) -> list[dict]:
    """The access log in plain words: one line per person, part and day."""
    entries = list_entries(session, file, limit=200)
    grouped = []
    for (actor_name, area, _day), rows in groupby(
        entries, key=lambda row: (row[1].display_name, row[0].area, to_local(row[0].at).date())
    ):
        rows = list(rows)
        grouped.append({"who": actor_name, "role": rows[0][0].actor_role, "area": area,
                        "at": rows[0][0].at, "times": len(rows)})
    return grouped


def _relations(session: Session, candidate_id: int) -> dict[int, str]:
    """Who each reader is to the candidate, in words for the candidate ("your contact person")."""
    relations: dict[int, str] = {}
    contact = session.scalars(select(ContactAssignment).where(
        ContactAssignment.candidate_id == candidate_id)).first()
    if contact is not None:
        relations[contact.primary_id] = gettext("your contact person")
        if contact.backup_id is not None:
            relations[contact.backup_id] = gettext("your backup contact person")
    for grant in session.scalars(select(NetworkGrant).where(
            NetworkGrant.candidate_id == candidate_id)):
        relations.setdefault(grant.member_id, grant.relation or gettext("looks along with you"))
    return relations


_OTHER_ROLES = {"consultant": _l("consultant"), "admin": _l("administrator"),
                "network": _l("looks along with you"), "employer": _l("your employer")}


def access_log_days(session: Session, file: CandidateFile) -> list[dict]:
    """The access log for the candidate: one sentence per person per day, newest day first,
    naming every part looked at ("Floor de Vries (your contact person) looked at your steps
    and your money overview on Tuesday 1 December")."""
    entries = list_entries(session, file, limit=500)
    relations = _relations(session, file.candidate_id)
    days: dict[tuple[date, int], dict] = {}
    for entry, person in entries:
        day = to_local(entry.at).date()
        group = days.get((day, person.id))
        if group is None:
            relation = relations.get(person.id) or str(
                _OTHER_ROLES.get(entry.actor_role, entry.actor_role))
            group = days[(day, person.id)] = {
                "who": person.display_name, "relation": relation, "day": day,
                "last": entry.at, "areas": [], "times": 0}
        if entry.area not in group["areas"]:
            group["areas"].append(entry.area)
        group["times"] += 1
    for group in days.values():
        group["what"] = join_words([area_phrase(area) for area in group["areas"]])
    return sorted(days.values(), key=lambda group: group["last"], reverse=True)
