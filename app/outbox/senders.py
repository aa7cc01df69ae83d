"""Which sender delivers each channel: e-mail always, Web Push when its module is present."""

from __future__ import annotations

import importlib
import logging

from app.outbox.channels import Sender
from app.outbox.email import EmailSender
from app.outbox.models import Channel
from app.settings import Settings

logger = logging.getLogger("stapwijzer.outbox")


def senders_for(settings: Settings) -> dict[Channel, Sender]:
    """A sender per channel that can be delivered; a channel left out keeps its rows pending."""
    senders: dict[Channel, Sender] = {Channel.email: EmailSender(settings)}
    try:
        push = importlib.import_module("app.outbox.push")
    except ImportError:
        return senders
    push_sender = getattr(push, "PushSender", None)
    if push_sender is None:
        return senders
    try:
        senders[Channel.push] = push_sender(settings)
    except Exception as error:  # noqa: BLE001 - e.g. no VAPID keys set: e-mail still goes out
        logger.warning("push is not configured; push notifications wait",
                       extra={"error_type": type(error).__name__})
    return senders
