"""Imports every table so SQLModel's metadata (and Alembic) sees the whole schema."""

from app import file_versions  # noqa: F401 - bumps a file's data version on every flush
from app.access_log.models import AccessLogEntry
from app.appointments.models import Appointment, CalendarFeed
from app.auth.models import AuthSession, Invite, RateLimitCounter
from app.case_file.models import CaseNote
from app.contacts.models import Absence, ContactAssignment
from app.employer_checklist.models import EmployerChecklist, EmployerChecklistItem
from app.employers.models import (
    Employer,
    EmployerConcern,
    EmployerContact,
    Placement,
    PlacementMilestone,
)
from app.guarantees.models import FallbackGuarantee
from app.journeys.models import Journey, JourneyStep, WayBackEvent
from app.messages.models import Message
from app.money.models import MoneyInputs
from app.network.models import NetworkGrant
from app.organisations.models import Organisation
from app.outbox.models import Notification, NotificationPreference, PushSubscription
from app.people.models import Person
from app.records.models import CandidateRecord
from app.route_templates.models import RouteTemplate, StepTemplate

__all__ = [
    "Absence", "AccessLogEntry", "Appointment", "AuthSession", "CalendarFeed", "CandidateRecord",
    "CaseNote",
    "ContactAssignment", "Employer", "EmployerChecklist", "EmployerChecklistItem",
    "EmployerConcern", "EmployerContact",
    "FallbackGuarantee", "Invite", "Journey", "JourneyStep", "Message", "MoneyInputs",
    "NetworkGrant", "Notification", "NotificationPreference", "Organisation", "Person",
    "Placement", "PlacementMilestone",
    "PushSubscription", "RateLimitCounter", "RouteTemplate", "StepTemplate",
    "WayBackEvent",
]
