"""JSON endpoints of the employer's side: a consultant invites an employer's person; the
employer's person chooses a password, reads their placements and tells the contact person
about a worry; the candidate's consultants read and handle those worries."""

from __future__ import annotations

from fastapi import Response, status

from app.auth.links import invite_public
from app.deps import ConsultantActor, EmployerActor, SessionDep, SettingsDep
from app.employer_checklist.schemas import ChecklistPublic
from app.employer_checklist.views import checklist_public
from app.employers import concerns, invites, views
from app.employers.employer_schemas import (
    AppointmentOut,
    ConcernCreate,
    ConcernPublic,
    ConcernReceived,
    ConcernSent,
    ContactOut,
    ContactPersonOut,
    EmployerInviteCreated,
    MilestoneOut,
    PasswordChoice,
    PlacementDetail,
    PlacementSummary,
    StepOut,
)
from app.path_ids import RecordId
from app.route_table import APIRouter

router = APIRouter(tags=["employer access"])


@router.post("/employers/{employer_id}/contacts/{person_id}/invite",
             name="api.employer_access:invite", response_model=EmployerInviteCreated,
             status_code=status.HTTP_201_CREATED)
def invite_contact(employer_id: RecordId, person_id: RecordId, actor: ConsultantActor,
                   session: SessionDep, settings: SettingsDep):
    """A one-time sign-in link and code for a person of the employer (shown once)."""
    person, issued = invites.invite_contact(session, settings, actor, employer_id, person_id)
    return EmployerInviteCreated(person_id=person.id, display_name=person.display_name,
                                 invite=invite_public(settings, issued))


@router.put("/employer/password", name="api.employer_access:password",
            status_code=status.HTTP_204_NO_CONTENT)
def choose_password(body: PasswordChoice, actor: EmployerActor, session: SessionDep) -> Response:
    """Choose the password for signing in with your e-mail address next time."""
    invites.choose_password(session, actor, body.password, body.password_again)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def _person_out(person) -> ContactPersonOut:
    return ContactPersonOut(display_name=person.display_name, job_title=person.job_title,
                            phone=person.phone, email=person.email)


def _contact_out(contact) -> ContactOut | None:
    if contact is None:
        return None
    return ContactOut(primary=_person_out(contact.primary),
                      backup=_person_out(contact.backup) if contact.backup else None,
                      primary_away_until=contact.absence.ends_on if contact.absence else None,
                      reachable=_person_out(contact.reachable))


def _milestone_out(line: views.MilestoneLine) -> MilestoneOut:
    return MilestoneOut(id=line.id, kind=line.kind, label=line.label, due_on=line.due_on,
                        done_on=line.done_on, employer_task=line.task,
                        wage_value_percent=line.wage_value_percent, overdue=line.overdue,
                        sentence=line.sentence)


def _summary(view: views.PlacementView) -> dict:
    placement = view.placement
    return dict(id=placement.id, candidate_name=view.candidate_name,
                employer_name=view.employer.name, workplace=placement.workplace,
                starts_on=placement.starts_on, ends_on=placement.ends_on,
                progress=view.progress, advice=view.advice, contact=_contact_out(view.contact),
                tasks=[_milestone_out(t) for t in view.tasks])


@router.get("/employer/placements", name="api.employer_access:placements",
            response_model=list[PlacementSummary])
def list_placements(actor: EmployerActor, session: SessionDep):
    """Your placements (with the candidate's consent): progress, contact person, your tasks."""
    return [PlacementSummary(**_summary(v)) for v in views.employer_placements(session, actor)]


@router.get("/employer/placements/{placement_id}", name="api.employer_access:placement",
            response_model=PlacementDetail)
def read_placement(placement_id: RecordId, actor: EmployerActor, session: SessionDep):
    """One placement in full: steps in plain words, dates, tasks, your appointments."""
    view = views.employer_placement(session, actor, placement_id)
    return PlacementDetail(
        **_summary(view),
        steps=[StepOut(title=s.title, state=s.state, progress=s.sentence) for s in view.steps],
        dates=[_milestone_out(m) for m in view.dates],
        appointments=[AppointmentOut(id=a.id, title=a.title, starts_at=a.starts_at,
                                     ends_at=a.ends_at, place_name=a.place_name,
                                     address=a.address, attendees=a.attendees)
                      for a in view.appointments],
        concerns=[ConcernSent(id=c.id, kind=c.kind, created_at=c.created_at,
                              handled_at=c.handled_at) for c in view.concerns])


@router.get("/employer/checklist", name="api.employer_access:checklist",
            response_model=ChecklistPublic)
def read_checklist(actor: EmployerActor, session: SessionDep):
    """The checklist of the municipality your employer works with: what to know and arrange
    when a candidate works with you, its items in order, and when it was checked."""
    return checklist_public(views.employer_checklist(session, actor))


@router.post("/employer/placements/{placement_id}/concerns",
             name="api.employer_access:concern", response_model=ConcernReceived,
             status_code=status.HTTP_201_CREATED)
def report_concern(placement_id: RecordId, body: ConcernCreate, actor: EmployerActor,
                   session: SessionDep):
    """Tell the contact person about a worry; only the municipality reads it."""
    concern, sent_to = concerns.report_concern(session, actor, placement_id, body)
    return ConcernReceived(id=concern.id, kind=concern.kind, created_at=concern.created_at,
                           sent_to=sent_to.display_name if sent_to else "")


def _concern_public(concern, author, employer, handler) -> ConcernPublic:
    return ConcernPublic(
        id=concern.id, placement_id=concern.placement_id, candidate_id=concern.candidate_id,
        author_name=author.display_name, employer_name=employer.name, kind=concern.kind,
        body=concern.body, created_at=concern.created_at, handled_at=concern.handled_at,
        handled_by_name=handler.display_name if handler else None)


@router.get("/candidates/{candidate_id}/concerns", name="api.employer_access:concerns",
            response_model=list[ConcernPublic])
def list_concerns(candidate_id: RecordId, actor: ConsultantActor, session: SessionDep):
    """The worries employers told about this candidate, open first (consultants only)."""
    return [_concern_public(*row) for row in concerns.list_concerns(session, actor, candidate_id)]


@router.post("/candidates/{candidate_id}/concerns/{concern_id}/handled",
             name="api.employer_access:concern_handled", response_model=ConcernPublic)
def concern_handled(candidate_id: RecordId, concern_id: RecordId, actor: ConsultantActor,
                    session: SessionDep):
    """Mark a worry as handled: its caseload flag goes."""
    concerns.mark_handled(session, actor, candidate_id, concern_id)
    rows = concerns.list_concerns(session, actor, candidate_id)
    return _concern_public(*next(row for row in rows if row[0].id == concern_id))
