"""Records as the API and the pages show them: wage amounts only for those who may see the
money, the computed checks, and the plain words for the candidate."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from app.access import CandidateFile, FileArea
from app.organisations.models import Organisation
from app.records import service
from app.records.models import CandidateRecord, RecordKind
from app.records.schemas import RecordPublic, RecordVersionPublic
from app.records.texts import CANDIDATE_LABELS, KIND_LABELS, plain_lines

# Fields that say how much someone earns: hidden from a reader without the money area.
MONEY_FIELDS = {RecordKind.contract: ("wage_cents", "wage_basis")}


@dataclass
class RecordView:
    record: CandidateRecord
    data: dict[str, Any]
    checks: dict[str, Any]
    lines: list[str]
    label: str
    history: list[CandidateRecord] = field(default_factory=list)


def _shown_data(file: CandidateFile, record: CandidateRecord) -> dict[str, Any]:
    data = dict(record.data)
    if not file.may(FileArea.money):
        for name in MONEY_FIELDS.get(record.kind, ()):
            data[name] = None
    return data


def record_view(session: Session, file: CandidateFile, record: CandidateRecord,
                organisation: Organisation | None = None) -> RecordView:
    organisation = organisation or session.get(Organisation, file.candidate.organisation_id)
    checks = service.checks_for(session, record, organisation)
    data = _shown_data(file, record)
    return RecordView(record=record, data=data, checks=checks,
                      lines=plain_lines(record.kind.value, data, checks,
                                        show_money=file.may(FileArea.money)),
                      label=str(KIND_LABELS[record.kind.value]))


def list_views(session: Session, file: CandidateFile,
               kind: RecordKind | None = None) -> list[RecordView]:
    """Every record the actor may see, as shown (newest date first). Raises NotFound."""
    organisation = session.get(Organisation, file.candidate.organisation_id)
    return [record_view(session, file, r, organisation)
            for r in service.list_current(session, file, kind)]


def to_public(file: CandidateFile, view: RecordView,
              history: list[CandidateRecord] | None = None) -> RecordPublic:
    record = view.record
    return RecordPublic(
        id=record.record_no, kind=record.kind, version=record.number, step_id=record.step_id,
        step_kind=record.step_kind, dated_on=record.dated_on, data=view.data, checks=view.checks,
        plain=" ".join(view.lines),
        history=[RecordVersionPublic(number=v.number, data=_shown_data(file, v),
                                     created_at=v.created_at, created_by_id=v.created_by_id)
                 for v in history] if history is not None else None)


def candidate_summary(session: Session, file: CandidateFile) -> list[RecordView]:
    """What the candidate's home shows: the contract, the UWV advice, the trial, the goals and
    the hours now (the newest of each), in plain words. Raises NotFound."""
    shown = (RecordKind.contract, RecordKind.uwv_advice, RecordKind.decision, RecordKind.trial,
             RecordKind.hours_plan, RecordKind.plan_goals)
    newest: dict[RecordKind, RecordView] = {}
    for view in list_views(session, file):
        if view.record.kind in shown and view.record.kind not in newest:
            view.label = str(CANDIDATE_LABELS[view.record.kind.value])
            newest[view.record.kind] = view
    return [newest[k] for k in shown if k in newest and newest[k].lines]


def step_records(session: Session, file: CandidateFile, step_id: int) -> list[RecordView]:
    """The records that belong to one step (a contract record on the contract step), for the
    step's page. Raises NotFound."""
    return [view for view in list_views(session, file)
            if view.record.step_id == step_id and view.lines]
