"""Which sender delivers each channel: e-mail always, Web Push when its module is present."""

from __future__ import annotations

import importlib

from app.outbox.channels import Sender
from app.outbox.email import EmailSender
from app.outbox.models import Channel
from app.settings import Settings


def senders_for(settings: Settings) -> dict[Channel, Sender]:
    """A sender per channel that can be delivered; a channel left out keeps its rows pending."""
    senders: dict[Channel, Sender] = {Channel.email: EmailSender(settings)}
    try:
        push = importlib.import_module("app.outbox.push")
    except ImportError:
        return senders
    push_sender = getattr(push, "PushSender", None)
    if push_sender is not None:
        senders[Channel.push] = push_sender(settings)
    return senders
