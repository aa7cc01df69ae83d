"""JSON endpoint for the candidate's contact person and backup."""

from __future__ import annotations

from fastapi import Response, status
from sqlalchemy import select

from app.access import open_file
from app.concurrency import IfMatch, set_etag
from app.contacts import service
from app.contacts.models import ContactAssignment
from app.contacts.schemas import (
    AbsenceCreate,
    AbsencePublic,
    AssignmentPublic,
    ColleaguePublic,
    ContactPersonPublic,
    ContactPublic,
    ContactUpdate,
    DefaultBackupPublic,
    DefaultBackupUpdate,
)
from app.deps import AdminActor, ConsultantActor, CurrentActor, SessionDep, StaffActor
from app.errors import NotFound
from app.path_ids import RecordId
from app.people.models import Person
from app.route_table import APIRouter

router = APIRouter(tags=["contacts"])


def person_public(person: Person | None) -> ContactPersonPublic | None:
    if person is None:
        return None
    return ContactPersonPublic(id=person.id, display_name=person.display_name,
                               job_title=person.job_title, phone=person.phone,
                               initials=person.initials)


@router.get("/candidates/{candidate_id}/contact", name="api.contacts:read",
            response_model=ContactPublic)
def read_contact(candidate_id: RecordId, actor: CurrentActor, session: SessionDep,
                 response: Response):
    """Who to contact today: the contact person, or the backup while the contact is away.
    The ETag is the version to send when changing the contact person."""
    contact = service.contact_today(session, open_file(session, actor, candidate_id))
    if contact is None:
        raise NotFound()
    set_etag(response, session.scalar(select(ContactAssignment.version).where(
        ContactAssignment.candidate_id == candidate_id)))
    return ContactPublic(
        primary=person_public(contact.primary), backup=person_public(contact.backup),
        primary_away_from=contact.absence.starts_on if contact.absence else None,
        primary_away_until=contact.absence.ends_on if contact.absence else None,
        reachable=person_public(contact.reachable),
    )


@router.put("/candidates/{candidate_id}/contact", name="api.contacts:update",
            response_model=AssignmentPublic,
            responses={412: {"description": "Stale version"},
                       428: {"description": "If-Match missing"}})
def update_contact(candidate_id: RecordId, body: ContactUpdate, actor: CurrentActor,
                   session: SessionDep, response: Response,
                   if_match: IfMatch):
    """Set the contact person and backup (a hand-over when the contact person changes)."""
    assignment = service.set_contacts(session, actor, candidate_id, body,
                                      if_match)
    set_etag(response, assignment.version)
    return AssignmentPublic(primary_id=assignment.primary_id, backup_id=assignment.backup_id,
                            handover_note=assignment.handover_note, version=assignment.version)


@router.get("/me/absences", name="api.absences:list", response_model=list[AbsencePublic])
def list_absences(actor: ConsultantActor, session: SessionDep):
    """Your absences; your candidates see your backup meanwhile."""
    return [AbsencePublic.model_validate(a, from_attributes=True)
            for a in service.list_absences(session, actor)]


@router.post("/me/absences", name="api.absences:create", response_model=AbsencePublic,
             status_code=status.HTTP_201_CREATED)
def add_absence(body: AbsenceCreate, actor: ConsultantActor, session: SessionDep):
    """Record a period you are away (holiday, illness)."""
    return AbsencePublic.model_validate(service.add_absence(session, actor, body),
                                        from_attributes=True)


@router.delete("/me/absences/{absence_id}", name="api.absences:delete",
               status_code=status.HTTP_204_NO_CONTENT)
def remove_absence(absence_id: RecordId, actor: ConsultantActor, session: SessionDep) -> Response:
    """Remove one of your absences."""
    service.remove_absence(session, actor, absence_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# --- cover: colleagues, default backups, absences recorded by an admin -------------------------


@router.get("/colleagues", name="api.colleagues:list", response_model=list[ColleaguePublic])
def list_colleagues(actor: StaffActor, session: SessionDep):
    """The active consultants of your organisation (name, id, job title), to choose a backup."""
    return [ColleaguePublic(id=p.id, display_name=p.display_name, job_title=p.job_title)
            for p in service.list_colleagues(session, actor)]


def _default_backup_public(person: Person, backup: Person | None) -> DefaultBackupPublic:
    return DefaultBackupPublic(consultant_id=person.id,
                               backup_id=backup.id if backup else None,
                               backup_name=backup.display_name if backup else None)


@router.get("/consultants/{person_id}/default-backup", name="api.default_backup:read",
            response_model=DefaultBackupPublic)
def read_default_backup(person_id: RecordId, actor: StaffActor, session: SessionDep):
    """A consultant's usual backup: your own, or (an admin) any consultant's of your
    organisation."""
    return _default_backup_public(*service.find_default_backup(session, actor, person_id))


@router.put("/consultants/{person_id}/default-backup", name="api.default_backup:update",
            response_model=DefaultBackupPublic)
def update_default_backup(person_id: RecordId, body: DefaultBackupUpdate, actor: StaffActor,
                          session: SessionDep):
    """Set the usual backup (yours, or as an admin a colleague's): every new candidate gets
    it; candidates you have now keep theirs."""
    return _default_backup_public(*service.set_default_backup(session, actor, person_id, body))


@router.get("/consultants/{person_id}/absences", name="api.consultant_absences:list",
            response_model=list[AbsencePublic])
def list_consultant_absences(person_id: RecordId, actor: AdminActor, session: SessionDep):
    """A colleague's absences (admins)."""
    return [AbsencePublic.model_validate(a, from_attributes=True)
            for a in service.list_absences_of(session, actor, person_id)]


@router.post("/consultants/{person_id}/absences", name="api.consultant_absences:create",
             response_model=AbsencePublic, status_code=status.HTTP_201_CREATED)
def add_consultant_absence(person_id: RecordId, body: AbsenceCreate, actor: AdminActor,
                           session: SessionDep):
    """Record a colleague's absence (sudden illness): her candidates see the backup
    meanwhile, and the backup's caseload says whom she covers."""
    return AbsencePublic.model_validate(service.add_absence_for(session, actor, person_id, body),
                                        from_attributes=True)
