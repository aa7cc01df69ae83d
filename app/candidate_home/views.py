"""The candidate home as a read model: what "Mijn overstap" shows, read through the file handle
so that each area shown is logged. Used by the candidate's pages and the start page."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from app.access import FileArea
from app.appointments.purposes import purpose_for_candidate
from app.appointments.service import next_appointment
from app.auth.actor import Actor
from app.candidate_home.navigation import file_view
from app.candidate_home.page_cache import cached_file_page
from app.clock import local_today
from app.contacts.service import find_contact_today
from app.guarantees.service import find_current
from app.journeys import service as journeys_service
from app.journeys.texts import hybrid_week, usual_duration
from app.messages.service import latest_update
from app.notices import message_text
from app.records.views import candidate_summary


def home_context(session: Session, actor: Actor, candidate_id: int) -> dict[str, Any]:
    """Mijn overstap: the step now, the next appointment, the contact person, the latest news.
    Each part is read through the file handle, so each area shown is logged."""
    view = file_view(session, actor, candidate_id, FileArea.profile)
    file = view.file
    today = local_today()
    context = {"view": view, "current": None, "beside": [], "appointment": None, "contact": None,
               "update": None, "guarantee": None, "records": []}
    if file.may(FileArea.steps):
        journey = journeys_service.find_journey(session, file)
        steps = journeys_service.list_steps(session, file, journey) if journey else []
        # Several steps can be current at once (a trial beside the UWV advice, the day
        # activities kept beside both): the main one first, the others beside it.
        current, *beside = journeys_service.current_steps(steps) or [None]
        if current is not None:
            context.update(
                current=current, trial=journeys_service.trial_week(current, today),
                duration=usual_duration(current.expected_duration_days),
                hybrid=hybrid_week(current.hybrid_split),
                beside=[{"step": step, "trial": journeys_service.trial_week(step, today),
                         "duration": usual_duration(step.expected_duration_days),
                         "hybrid": hybrid_week(step.hybrid_split)} for step in beside],
            )
    if file.may(FileArea.records):
        context["records"] = candidate_summary(session, file)
    if file.may(FileArea.appointments):
        context["appointment"] = next_appointment(session, file)
        if context["appointment"] is not None:
            context["appointment_purpose"] = purpose_for_candidate(
                context["appointment"].purpose_code)
    if file.may(FileArea.contact):
        context["contact"] = find_contact_today(session, file, today)
    if view.is_self:
        update = latest_update(session, file)
        context["update"] = message_text(update) if update else None
    if file.may(FileArea.guarantee):
        context["guarantee"] = find_current(session, file)
    return context


def home_boundaries(context: dict[str, Any]) -> list:
    """When the home shows something else without any write: its appointment starts or ends."""
    appointment = context.get("appointment")
    return [appointment.starts_at, appointment.ends_at] if appointment is not None else []


async def cached_home(request, session: Session, actor: Actor, candidate_id: int):
    """Mijn overstap through the render cache (see `page_cache`)."""
    return await cached_file_page(
        request, session, actor, candidate_id, "candidates/home.html",
        lambda _file: home_context(session, actor, candidate_id), home_boundaries,
    )
