"""JSON endpoints of the employer checklist: staff read their organisation's checklist;
admins add, change, remove and reorder its items."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Response, status

from app.concurrency import IfMatch, set_etag
from app.deps import AdminActor, SessionDep, StaffActor
from app.employer_checklist import service
from app.employer_checklist.schemas import (
    ChecklistItemCreate,
    ChecklistItemPublic,
    ChecklistItemUpdate,
    ChecklistOrder,
    ChecklistPublic,
)
from app.employer_checklist.views import checklist_public, item_public
from app.pagination import Page, PageParams, page_params
from app.path_ids import RecordId
from app.route_table import APIRouter

router = APIRouter(tags=["employer checklist"])

VERSIONED = {412: {"description": "Stale version: someone else changed it first "
                                  "(`current_version` holds the stored one)"},
             428: {"description": "If-Match missing"}}


@router.get("/employer-checklist", name="api.employer_checklist:read",
            response_model=ChecklistPublic)
def read_checklist(actor: StaffActor, session: SessionDep, response: Response):
    """Your organisation's checklist for employers, its items in order (the checklist's
    version in the ETag: send it to reorder)."""
    view = service.own_checklist(session, actor)
    set_etag(response, view.version)
    return checklist_public(view)


@router.get("/employer-checklist/items", name="api.employer_checklist:list_items",
            response_model=Page[ChecklistItemPublic])
def list_items(actor: StaffActor, session: SessionDep,
               page: Annotated[PageParams, Depends(page_params)]):
    """The checklist's items in order, a page at a time."""
    items = service.own_checklist(session, actor).items
    shown = items[page.offset:page.offset + page.limit]
    return Page[ChecklistItemPublic](items=[item_public(i) for i in shown], total=len(items),
                                     limit=page.limit, offset=page.offset)


@router.post("/employer-checklist/items", name="api.employer_checklist:create_item",
             response_model=ChecklistItemPublic, status_code=status.HTTP_201_CREATED)
def create_item(body: ChecklistItemCreate, actor: AdminActor, session: SessionDep,
                response: Response):
    """Add an item: last, or at `position` (1 is first). The Dutch title and body are required;
    English texts left empty show the Dutch ones."""
    item = service.create_item(session, actor, body)
    set_etag(response, item.version)
    return item_public(item)


@router.get("/employer-checklist/items/{item_id}", name="api.employer_checklist:read_item",
            response_model=ChecklistItemPublic)
def read_item(item_id: RecordId, actor: StaffActor, session: SessionDep, response: Response):
    """One item of your organisation's checklist (its version in the ETag)."""
    item = service.get_item(session, actor, item_id)
    set_etag(response, item.version)
    return item_public(item)


@router.patch("/employer-checklist/items/{item_id}", name="api.employer_checklist:update_item",
              response_model=ChecklistItemPublic, responses=VERSIONED)
def update_item(item_id: RecordId, body: ChecklistItemUpdate, actor: AdminActor,
                session: SessionDep, response: Response, if_match: IfMatch):
    """Change an item's topic, texts or checked-on date (send its version in If-Match)."""
    item = service.update_item(session, actor, item_id, body, if_match)
    set_etag(response, item.version)
    return item_public(item)


@router.delete("/employer-checklist/items/{item_id}", name="api.employer_checklist:delete_item",
               status_code=status.HTTP_204_NO_CONTENT, responses=VERSIONED)
def delete_item(item_id: RecordId, actor: AdminActor, session: SessionDep,
                if_match: IfMatch) -> Response:
    """Remove an item (send its version in If-Match); the others close up."""
    service.delete_item(session, actor, item_id, if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.put("/employer-checklist/order", name="api.employer_checklist:reorder",
            response_model=ChecklistPublic, responses=VERSIONED)
def reorder_items(body: ChecklistOrder, actor: AdminActor, session: SessionDep,
                  response: Response, if_match: IfMatch):
    """Put the items in this order, each item once (send the checklist's version in
    If-Match)."""
    view = service.reorder(session, actor, body, if_match)
    set_etag(response, view.version)
    return checklist_public(view)
