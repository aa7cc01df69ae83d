"""Presenters of the employer checklist shared by its API and pages."""

from __future__ import annotations

from app.employer_checklist.models import EmployerChecklistItem
from app.employer_checklist.schemas import ChecklistItemPublic, ChecklistPublic
from app.employer_checklist.service import ChecklistView


def item_public(item: EmployerChecklistItem) -> ChecklistItemPublic:
    return ChecklistItemPublic(
        id=item.id, position=item.position, topic=item.topic, topic_label=item.topic.label,
        texts=item.texts, checked_on=item.checked_on, updated_at=item.updated_at,
        version=item.version)


def checklist_public(view: ChecklistView) -> ChecklistPublic:
    return ChecklistPublic(
        organisation_id=view.organisation.id, organisation_name=view.organisation.name,
        version=view.version, checked_on=view.checked_on,
        items=[item_public(item) for item in view.items])
