"""Fixtures of the outbox tests: a real SMTP server, settings that point at it, a worker."""

from __future__ import annotations

import pytest

from app.outbox.email import EmailSender
from app.outbox.models import Channel
from app.outbox.worker import Worker
from tests.outbox.smtp import SmtpServer


@pytest.fixture
def smtp():
    with SmtpServer() as server:
        yield server


@pytest.fixture
def mail_settings(settings, smtp):
    return settings.model_copy(update={
        "smtp_host": "127.0.0.1", "smtp_port": smtp.port, "smtp_timeout_seconds": 5.0,
        "worker_lease_seconds": 30, "worker_max_attempts": 3})


@pytest.fixture
def make_worker(session_factory):
    def make(settings, senders=None) -> Worker:
        return Worker(session_factory, settings,
                      senders if senders is not None else {Channel.email: EmailSender(settings)})
    return make
