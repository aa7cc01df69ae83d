"""Employer-checklist services: reading an organisation's checklist (also for the employer
pages, by organisation id), the admin's edits, and loading a shipped default for the demo."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlmodel import Session

from app.auth.actor import Actor
from app.concurrency import check_version
from app.db import utcnow
from app.employer_checklist.models import (
    ITEM_TEXT_FIELDS,
    ChecklistTopic,
    EmployerChecklist,
    EmployerChecklistItem,
)
from app.employer_checklist.schemas import (
    MAX_ITEMS,
    ChecklistItemCreate,
    ChecklistItemUpdate,
    ChecklistOrder,
)
from app.errors import NotFound, ValidationFailed, field_error
from app.i18n import gettext as _
from app.organisations.models import Organisation

DATA_DIR = Path(__file__).resolve().parent / "data"
LANGUAGES = ("nl", "en")


@dataclass(frozen=True)
class ChecklistView:
    """An organisation's checklist as read: its items in order and how current it is."""

    organisation: Organisation
    version: int  # 0: nothing written yet
    updated_at: dt.datetime | None
    items: list[EmployerChecklistItem]

    @property
    def checked_on(self) -> dt.date | None:
        """The oldest check of any item: the whole list is at least this current."""
        dates = [item.checked_on for item in self.items if item.checked_on is not None]
        return min(dates) if dates else None


# --- reading -----------------------------------------------------------------------------------


def checklist_for(session: Session, organisation_id: int) -> ChecklistView:
    """The checklist of an organisation (an employer sees the one of the organisation that
    placed their candidate). Raises NotFound for an unknown organisation."""
    organisation = session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFound()
    checklist = _checklist(session, organisation_id)
    items: list[EmployerChecklistItem] = []
    if checklist is not None:
        items = list(session.scalars(
            select(EmployerChecklistItem).where(EmployerChecklistItem.checklist_id == checklist.id)
            .order_by(EmployerChecklistItem.position, EmployerChecklistItem.id)))
    return ChecklistView(organisation=organisation,
                         version=checklist.version if checklist else 0,
                         updated_at=checklist.updated_at if checklist else None, items=items)


def own_checklist(session: Session, actor: Actor) -> ChecklistView:
    """The checklist of the staff member's own organisation."""
    return checklist_for(session, actor.organisation_id)


def get_item(session: Session, actor: Actor, item_id: int) -> EmployerChecklistItem:
    """One item of the actor's organisation's checklist. Raises NotFound for any other."""
    item = session.get(EmployerChecklistItem, item_id)
    checklist = _checklist(session, actor.organisation_id)
    if item is None or checklist is None or item.checklist_id != checklist.id:
        raise NotFound()
    return item


def _checklist(session: Session, organisation_id: int) -> EmployerChecklist | None:
    return session.scalar(select(EmployerChecklist).where(
        EmployerChecklist.organisation_id == organisation_id))


def _ensure_checklist(session: Session, organisation_id: int) -> EmployerChecklist:
    checklist = _checklist(session, organisation_id)
    if checklist is None:
        checklist = EmployerChecklist(organisation_id=organisation_id, updated_at=utcnow())
        session.add(checklist)
        session.flush()
    return checklist


def _items(session: Session, checklist: EmployerChecklist) -> list[EmployerChecklistItem]:
    return list(session.scalars(
        select(EmployerChecklistItem).where(EmployerChecklistItem.checklist_id == checklist.id)
        .order_by(EmployerChecklistItem.position, EmployerChecklistItem.id)))


def _renumber(items: list[EmployerChecklistItem]) -> None:
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position


def _touch(checklist: EmployerChecklist) -> None:
    # The checklist's version covers which items there are and their order.
    checklist.updated_at = utcnow()


# --- the admin's edits -------------------------------------------------------------------------


def create_item(session: Session, actor: Actor, data: ChecklistItemCreate) -> EmployerChecklistItem:
    """Add an item to the actor's organisation's checklist, last or at `data.position`."""
    checklist = _ensure_checklist(session, actor.organisation_id)
    items = _items(session, checklist)
    if len(items) >= MAX_ITEMS:
        raise ValidationFailed(invalid_params=[field_error(
            "texts", _("A checklist holds at most %(count)d items.") % {"count": MAX_ITEMS},
            "too_many_items")])
    item = EmployerChecklistItem(checklist_id=checklist.id, position=len(items) + 1,
                                 topic=data.topic, texts=data.texts.model_dump(),
                                 checked_on=data.checked_on, updated_at=utcnow())
    session.add(item)
    at = len(items) if data.position is None else max(0, min(data.position - 1, len(items)))
    items.insert(at, item)
    _renumber(items)
    _touch(checklist)
    session.flush()
    return item


def update_item(session: Session, actor: Actor, item_id: int, data: ChecklistItemUpdate,
                expected_version: int) -> EmployerChecklistItem:
    """Change an item's topic, texts or checked-on date (only the fields sent; `texts` without
    `en` keeps the English; `checked_on` sent as null clears it). Raises NotFound, StaleVersion."""
    item = get_item(session, actor, item_id)
    check_version(item.version, expected_version)
    sent = data.model_fields_set
    if data.topic is not None:
        item.topic = data.topic
    if data.texts is not None:
        texts = data.texts.model_dump()
        if "en" not in data.texts.model_fields_set:  # Dutch sent alone keeps the English
            texts["en"] = dict((item.texts or {}).get("en") or texts["en"])
        item.texts = texts
    if "checked_on" in sent:
        item.checked_on = data.checked_on
    item.updated_at = utcnow()
    session.flush()
    return item


def delete_item(session: Session, actor: Actor, item_id: int, expected_version: int) -> None:
    """Remove an item; the others close up. Raises NotFound, StaleVersion."""
    item = get_item(session, actor, item_id)
    check_version(item.version, expected_version)
    checklist = _ensure_checklist(session, actor.organisation_id)
    session.delete(item)
    session.flush()
    _renumber(_items(session, checklist))
    _touch(checklist)
    session.flush()


def reorder(session: Session, actor: Actor, data: ChecklistOrder,
            expected_version: int) -> ChecklistView:
    """Put every item in the order given (each item exactly once). Raises StaleVersion or
    ValidationFailed (then nothing changes)."""
    checklist = _checklist(session, actor.organisation_id)
    check_version(checklist.version if checklist else 0, expected_version)
    items = _items(session, checklist) if checklist else []
    by_id = {item.id: item for item in items}
    if len(data.item_ids) != len(set(data.item_ids)) or set(data.item_ids) != set(by_id):
        raise ValidationFailed(invalid_params=[field_error(
            "item_ids", _("Give every item of the checklist once."), "not_all_items")])
    if checklist is not None:
        _renumber([by_id[item_id] for item_id in data.item_ids])
        _touch(checklist)
        session.flush()
    return own_checklist(session, actor)


def move_item(session: Session, actor: Actor, item_id: int, up: bool,
              expected_version: int) -> ChecklistView:
    """Move one item a place up or down (the back-office's arrows); the same rules as reorder."""
    view = own_checklist(session, actor)
    ids = [item.id for item in view.items]
    if item_id not in ids:
        raise NotFound()
    index = ids.index(item_id)
    target = index - 1 if up else index + 1
    if 0 <= target < len(ids):
        ids[index], ids[target] = ids[target], ids[index]
    return reorder(session, actor, ChecklistOrder(item_ids=ids), expected_version)


# --- the shipped defaults ----------------------------------------------------------------------


def _read(path: Path) -> dict:
    import yaml  # only when a checklist file is read, not at start-up

    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506


def load_default_checklist(session: Session, organisation: Organisation) -> bool:
    """Give an organisation the shipped checklist of its slug (data/<slug>.yaml, whose items
    may `use` a common item of data/common.yaml), unless it has items already. Returns True
    when it loaded one."""
    path = DATA_DIR / f"{organisation.slug}.yaml"
    if not path.exists():
        return False
    existing = _checklist(session, organisation.id)
    if existing is not None and _items(session, existing):
        return False
    common = _read(DATA_DIR / "common.yaml")["items"]
    data = _read(path)
    checklist = _ensure_checklist(session, organisation.id)
    for position, entry in enumerate(data["items"], start=1):
        item = dict(common[entry["use"]]) if "use" in entry else dict(entry)
        texts = {language: {field: str((item["texts"].get(language) or {}).get(field, ""))
                            for field in ITEM_TEXT_FIELDS} for language in LANGUAGES}
        session.add(EmployerChecklistItem(
            checklist_id=checklist.id, position=position, topic=ChecklistTopic(item["topic"]),
            texts=texts, checked_on=data.get("checked_on"), updated_at=utcnow()))
    session.flush()
    return True
