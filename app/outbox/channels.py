"""What a channel sender promises the worker: send once, or say whether trying again helps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from app.outbox.models import Notification
from app.people.models import Person


class TemporaryFailure(Exception):
    """Try again later (a server down, a timeout, a 5xx)."""


class PermanentFailure(Exception):
    """Trying again will not help (a refused address, a push subscription that is gone)."""


@dataclass(frozen=True)
class Message:
    """The rendered text in the recipient's language: a short title fit for a lock screen
    or a mail subject (no sensitive detail), the body, and the page it opens."""

    title: str
    body: str
    url: str


class Sender(Protocol):
    def send(self, notification: Notification, recipient: Person, message: Message) -> None:
        """Deliver it, or raise TemporaryFailure / PermanentFailure."""
