"""The timeline of a candidate's file for staff: what happened, newest first, from every domain.

Each domain contributes entries through one small function in `SOURCES` (session, file) →
entries; each requires the area it shows, so the access log says what was seen. To add a
domain (the structured step records, say), write one function and append it to `SOURCES`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from app.access import CandidateFile, FileArea
from app.appointments.models import Appointment
from app.case_file.labels import (
    CONTACT_ROLE_LABELS,
    NOTE_KIND_LABELS,
    PURPOSE_LABELS,
)
from app.case_file.models import CaseNote
from app.clock import local_datetime
from app.db import utcnow
from app.employers.labels import CONCERN_KINDS
from app.employers.models import Employer, EmployerConcern, Placement
from app.guarantees.models import FallbackGuarantee
from app.i18n import date_text, gettext, localized
from app.i18n import lazy_gettext as _l
from app.journeys.models import Journey, JourneyStep, StepState, WayBackEvent
from app.messages.models import Message, MessageKind
from app.notices import message_text
from app.people.models import Person
from app.records.views import list_views

DETAIL_CHARS = 240


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime  # aware; date-only events sit at the start of their day (all_day)
    kind: str
    area: str
    title: str
    detail: str = ""
    ref_id: int | None = None
    all_day: bool = False


TimelineSource = Callable[[Session, CandidateFile], Iterable[TimelineEntry]]


def _day(value) -> datetime:
    return local_datetime(value, time(0))


def _short(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= DETAIL_CHARS else text[: DETAIL_CHARS - 1] + "…"


def step_entries(session: Session, file: CandidateFile) -> list[TimelineEntry]:
    """Steps started and done (or skipped), of every journey of the candidate."""
    file.require(FileArea.steps)
    entries = []
    for step in session.scalars(select(JourneyStep).join(
            Journey, Journey.id == JourneyStep.journey_id).where(
            Journey.candidate_id == file.candidate_id)):
        title = localized(step.texts, "title") or step.key
        if step.actual_start:
            entries.append(TimelineEntry(_day(step.actual_start), "step_started", FileArea.steps,
                                         gettext("Step started: %(title)s") % {"title": title},
                                         ref_id=step.id, all_day=True))
        if step.actual_end and step.state in (StepState.done, StepState.skipped):
            text = (gettext("Step done: %(title)s") if step.state is StepState.done
                    else gettext("Step skipped: %(title)s"))
            entries.append(TimelineEntry(
                _day(step.actual_end), "step_done" if step.state is StepState.done
                else "step_skipped", FileArea.steps, text % {"title": title}, ref_id=step.id,
                all_day=True))
    return entries


def appointment_entries(session: Session, file: CandidateFile) -> list[TimelineEntry]:
    """Appointments that have begun (the upcoming ones are on the appointments page)."""
    file.require(FileArea.appointments)
    entries = []
    for item in session.scalars(select(Appointment).where(
            Appointment.candidate_id == file.candidate_id, Appointment.starts_at <= utcnow())):
        details = [str(PURPOSE_LABELS[item.purpose_code])] if item.purpose_code != "other" else []
        if item.cancelled_at is not None:
            details.append(gettext("Cancelled"))
        entries.append(TimelineEntry(
            item.starts_at, "appointment_cancelled" if item.cancelled_at else "appointment",
            FileArea.appointments, gettext("Appointment: %(title)s") % {"title": item.title},
            " · ".join(details), ref_id=item.id))
    return entries


MESSAGE_TITLES = {
    MessageKind.update: _l("Update to the candidate"),
    MessageKind.question: _l("Question"),
    MessageKind.answer: _l("Answer"),
}


def message_entries(session: Session, file: CandidateFile) -> list[TimelineEntry]:
    """Updates, questions, answers and notices."""
    file.require(FileArea.messages)
    return [TimelineEntry(m.created_at, "message", FileArea.messages,
                          str(MESSAGE_TITLES.get(m.kind, m.kind.value)) if m.notice is None
                          else gettext("Notice to the candidate"),
                          _short(message_text(m)), ref_id=m.id)
            for m in session.scalars(select(Message).where(
                Message.candidate_id == file.candidate_id))]


def case_note_entries(session: Session, file: CandidateFile) -> list[TimelineEntry]:
    """The consultant's notes and contact moments."""
    file.require(FileArea.case_file)
    entries = []
    for note in session.scalars(select(CaseNote).where(
            CaseNote.candidate_id == file.candidate_id)):
        who = ", ".join(p for p in (note.with_whom, str(CONTACT_ROLE_LABELS[note.with_role])
                                    if note.with_role else "") if p)
        title = str(NOTE_KIND_LABELS[note.kind]) + (f": {who}" if who else "")
        if note.purpose_code != "other":
            title += f" ({PURPOSE_LABELS[note.purpose_code]})"
        entries.append(TimelineEntry(note.happened_at, "case_note", FileArea.case_file, title,
                                     _short(note.body), ref_id=note.id))
    return entries


def guarantee_entries(session: Session, file: CandidateFile) -> list[TimelineEntry]:
    """Each version of the fallback guarantee."""
    file.require(FileArea.guarantee)
    return [TimelineEntry(
        _day(g.issued_on), "guarantee", FileArea.guarantee,
        gettext("Guarantee version %(number)s issued") % {"number": g.number},
        gettext("%(place)s; indication valid until %(until)s") % {
            "place": g.provider_name, "until": date_text(g.indication_valid_until)},
        ref_id=g.id, all_day=True)
        for g in session.scalars(select(FallbackGuarantee).where(
            FallbackGuarantee.candidate_id == file.candidate_id))]


WAY_BACK_TITLES = {
    "pause": _l("Way back: a break or fewer hours"),
    "return": _l("Way back: back to day activities"),
    "other_placement": _l("Way back: another workplace"),
}


def way_back_entries(session: Session, file: CandidateFile) -> list[TimelineEntry]:
    """Way-back events: a pause, a return, another placement."""
    file.require(FileArea.steps)
    return [TimelineEntry(
        e.created_at, "way_back", FileArea.steps,
        str(WAY_BACK_TITLES.get(str(e.kind), _l("Way back recorded"))), _short(e.note),
        ref_id=e.id)
        for e in session.scalars(select(WayBackEvent).where(
            WayBackEvent.candidate_id == file.candidate_id))]


def record_entries(session: Session, file: CandidateFile) -> list[TimelineEntry]:
    """Structured step records (advice, contract, wage value, ...) on their own date, with the
    plain-words summary staff and candidate share."""
    return [TimelineEntry(
        _day(view.record.dated_on), "record", FileArea.records, view.label,
        _short(" ".join(view.lines)), ref_id=view.record.record_no, all_day=True)
        for view in list_views(session, file)]


def concern_entries(session: Session, file: CandidateFile) -> list[TimelineEntry]:
    """Worries an employer reported, and when a consultant marked them handled (one statement:
    author, employer and handler joined)."""
    if not file.may(FileArea.placement):
        return []
    file.require(FileArea.placement)
    handler = aliased(Person)
    rows = session.execute(
        select(EmployerConcern, Person.display_name, Employer.name, handler.display_name)
        .join(Person, Person.id == EmployerConcern.author_id)
        .join(Placement, Placement.id == EmployerConcern.placement_id)
        .join(Employer, Employer.id == Placement.employer_id)
        .outerjoin(handler, handler.id == EmployerConcern.handled_by_id)
        .where(EmployerConcern.candidate_id == file.candidate_id)).all()
    entries = []
    for concern, author, employer, handled_by in rows:
        kind = str(CONCERN_KINDS.get(concern.kind, concern.kind))
        entries.append(TimelineEntry(
            concern.created_at, "concern", FileArea.placement,
            gettext("Employer concern (%(kind)s): %(name)s, %(employer)s") % {
                "kind": kind, "name": author, "employer": employer},
            _short(concern.body), ref_id=concern.id))
        if concern.handled_at is not None:
            entries.append(TimelineEntry(
                concern.handled_at, "concern_handled", FileArea.placement,
                gettext("Employer concern handled (%(kind)s)") % {"kind": kind},
                gettext("By %(name)s") % {"name": handled_by or ""}, ref_id=concern.id))
    return entries


# Every domain's contribution; the order only breaks ties at the same moment.
SOURCES: list[TimelineSource] = [
    step_entries, appointment_entries, message_entries, case_note_entries, guarantee_entries,
    way_back_entries, record_entries, concern_entries,
]


def timeline(session: Session, file: CandidateFile, *, limit: int = 50, offset: int = 0,
             sources: Iterable[TimelineSource] | None = None,
             ) -> tuple[list[TimelineEntry], int]:
    """One page of the file's timeline, newest first, and the number of entries. For the
    candidate's consultants only (it shows the case file). Raises NotFound."""
    file.require(FileArea.case_file)
    entries = [entry for source in (SOURCES if sources is None else sources)
               for entry in source(session, file)]
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries[offset: offset + limit], len(entries)
