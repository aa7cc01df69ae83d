"""Back-office pages of the employer checklist: staff read their organisation's checklist and
print it; admins add, change, remove and reorder its items. Every change goes through the same
`employer_checklist.service` functions as the JSON API."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Form, Request
from fastapi.responses import RedirectResponse

from app.auth.actor import Actor
from app.backoffice.file.common import attempt
from app.backoffice.forms import FormModel, Text, blank, invalid_marker, labelled
from app.clock import local_today
from app.deps import AdminActor, SessionDep, StaffActor
from app.employer_checklist import service
from app.employer_checklist.models import TOPIC_LABELS, ChecklistTopic, EmployerChecklistItem
from app.employer_checklist.schemas import ChecklistItemCreate, ChecklistItemUpdate
from app.errors import AppError
from app.i18n import lazy_gettext as _l
from app.path_ids import RecordId
from app.people.models import Role
from app.route_table import APIRouter
from app.templating import render

router = APIRouter(include_in_schema=False)

FIELD_LABELS = {
    "topic": _l("Topic"),
    "title_nl": _l("Title in Dutch"), "text_nl": _l("Text in Dutch"),
    "who_to_ask_nl": _l("Who to ask, in Dutch"),
    "title_en": _l("Title in English"), "text_en": _l("Text in English"),
    "who_to_ask_en": _l("Who to ask, in English"),
    "checked_on": _l("Checked on"), "position": _l("Place in the list"),
}


class ItemForm(FormModel):
    """An item as the edit form posts it; builds the schema the JSON API validates."""

    topic: Text = ChecklistTopic.other.value
    title_nl: Text = ""
    text_nl: Text = ""
    who_to_ask_nl: Text = ""
    title_en: Text = ""
    text_en: Text = ""
    who_to_ask_en: Text = ""
    checked_on: Text = ""

    error_fields = {
        "texts.nl.title": "title_nl", "texts.nl.text": "text_nl",
        "texts.nl.who_to_ask": "who_to_ask_nl", "texts.en.title": "title_en",
        "texts.en.text": "text_en", "texts.en.who_to_ask": "who_to_ask_en",
        "texts.nl": "title_nl", "texts": "title_nl",
    }

    @classmethod
    def blank_form(cls) -> ItemForm:
        return cls(checked_on=local_today().isoformat())

    @classmethod
    def of(cls, item: EmployerChecklistItem) -> ItemForm:
        texts = item.texts or {}
        values = {f"{field}_{language}": (texts.get(language) or {}).get(field, "")
                  for language in ("nl", "en") for field in ("title", "text", "who_to_ask")}
        return cls(topic=item.topic.value,
                   checked_on=item.checked_on.isoformat() if item.checked_on else "", **values)

    def _data(self) -> dict[str, Any]:
        return {
            "topic": self.topic,
            "texts": {language: {field: getattr(self, f"{field}_{language}")
                                 for field in ("title", "text", "who_to_ask")}
                      for language in ("nl", "en")},
            "checked_on": blank(self.checked_on),
        }

    def to_schema(self) -> ChecklistItemCreate:
        return ChecklistItemCreate.model_validate(self._data())

    def to_update(self) -> ChecklistItemUpdate:
        return ChecklistItemUpdate.model_validate(self._data())


class ItemChangeForm(ItemForm):
    version: int


def _label(name: str) -> str | None:
    label = FIELD_LABELS.get(name)
    return str(label) if label else None


def _saved_text(request: Request) -> str | None:
    return {"saved": _l("Saved."), "removed": _l("Removed."),
            "moved": _l("Moved.")}.get(request.query_params.get("saved", ""))


@router.get("/office/employer-checklist", name="employer_checklist:show")
def checklist_show(request: Request, actor: StaffActor, session: SessionDep):
    """The checklist as consultants read it (and admins, with a link to change it)."""
    view = service.own_checklist(session, actor)
    return render(request, "backoffice/employer_checklist/show.html", {
        "view": view, "is_admin": actor.role is Role.admin, "topics": TOPIC_LABELS})


@router.get("/office/employer-checklist/print", name="employer_checklist:print")
def checklist_print(request: Request, actor: StaffActor, session: SessionDep):
    """The checklist as a leaflet to print or save for an employer."""
    view = service.own_checklist(session, actor)
    return render(request, "backoffice/employer_checklist/print.html", {
        "view": view, "topics": TOPIC_LABELS, "printed_on": local_today()})


def _edit_page(request: Request, session, actor: Actor, *, error: AppError | None = None,
               failed: str | None = None, new_form: ItemForm | None = None,
               changed: tuple[int, ItemForm] | None = None):
    view = service.own_checklist(session, actor)
    forms = {item.id: ItemForm.of(item) for item in view.items}
    if changed and changed[0] in forms:
        forms[changed[0]] = changed[1]
    return render(request, "backoffice/employer_checklist/edit.html", {
        "view": view, "forms": forms, "new_form": new_form or ItemForm.blank_form(),
        "topics": [(topic.value, TOPIC_LABELS[topic]) for topic in ChecklistTopic],
        "error": labelled(error, _label) if error else None,
        "invalid": invalid_marker(error, failed), "failed": failed,
        "saved_text": _saved_text(request) if error is None else None,
    }, status_code=error.status_code if error else 200)


def _back(request: Request, saved: str, anchor: str = "") -> RedirectResponse:
    url = request.app.url_path_for("employer_checklist:edit")
    return RedirectResponse(f"{url}?saved={saved}{anchor}", status_code=303)


@router.get("/office/employer-checklist/edit", name="employer_checklist:edit")
def checklist_edit(request: Request, actor: AdminActor, session: SessionDep):
    return _edit_page(request, session, actor)


@router.post("/office/employer-checklist/items", name="employer_checklist:add")
def item_add(request: Request, actor: AdminActor, session: SessionDep,
             form: Annotated[ItemForm, Form()]):
    created: list[EmployerChecklistItem] = []
    error = attempt(session, lambda: created.append(
        service.create_item(session, actor, form.to_schema())), ItemForm)
    if error:
        return _edit_page(request, session, actor, error=error, failed="new-", new_form=form)
    return _back(request, "saved", f"#item-{created[0].id}")


@router.post("/office/employer-checklist/items/{item_id}", name="employer_checklist:save")
def item_save(item_id: RecordId, request: Request, actor: AdminActor, session: SessionDep,
              form: Annotated[ItemChangeForm, Form()]):
    error = attempt(session, lambda: service.update_item(
        session, actor, item_id, form.to_update(), form.version), ItemChangeForm)
    if error:
        # Invalid input stays in its form; after a stale version it shows what is stored.
        changed = None if error.status_code == 412 else (item_id, form)
        return _edit_page(request, session, actor, error=error, failed=f"i{item_id}-",
                          changed=changed)
    return _back(request, "saved", f"#item-{item_id}")


@router.post("/office/employer-checklist/items/{item_id}/remove",
             name="employer_checklist:remove")
def item_remove(item_id: RecordId, request: Request, actor: AdminActor, session: SessionDep,
                version: Annotated[int, Form()]):
    error = attempt(session, lambda: service.delete_item(session, actor, item_id, version))
    if error:
        return _edit_page(request, session, actor, error=error)
    return _back(request, "removed", "#items")


@router.post("/office/employer-checklist/items/{item_id}/move", name="employer_checklist:move")
def item_move(item_id: RecordId, request: Request, actor: AdminActor, session: SessionDep,
              version: Annotated[int, Form()],
              direction: Annotated[str, Form(pattern="^(up|down)$")]):
    error = attempt(session, lambda: service.move_item(
        session, actor, item_id, direction == "up", version))
    if error:
        return _edit_page(request, session, actor, error=error)
    return _back(request, "moved", f"#item-{item_id}")
