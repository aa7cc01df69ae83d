"""The outbox worker: claims due notifications under a lease, sends each once through its
channel's sender, and records the outcome (sent, retry with back-off, or failed)."""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import sessionmaker

from app.clock import utcnow
from app.db import begin_write
from app.outbox.channels import PermanentFailure, Sender, TemporaryFailure
from app.outbox.models import Channel, Notification, NotificationStatus
from app.outbox.service import channels_for, preferences_for
from app.outbox.texts import render
from app.people.models import Person
from app.settings import Settings

logger = logging.getLogger("stapwijzer.outbox")

# Wait before try 2, 3, 4, …: quick at first (a blip), then hours (an outage); the last
# value repeats until `worker_max_attempts` is used up.
BACK_OFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30),
            timedelta(hours=2), timedelta(hours=12))
ERROR_LENGTH = 300


def _where(error: BaseException) -> dict[str, str]:
    """The kind of error and where it was raised, for the log: never its message, which may
    hold an address or a name."""
    frame = error.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    place = (f"{frame.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{frame.tb_lineno}"
             if frame is not None else "")
    return {"error_type": type(error).__name__, "error_at": place}


def new_worker_id() -> str:
    """Names a worker in `locked_by`: host, process and a random part (no personal data)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def back_off(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed try (1-based)."""
    return BACK_OFF[min(max(attempts, 1), len(BACK_OFF)) - 1]


@dataclass
class Summary:
    """What one drain did: counts only, safe to print and log."""

    sent: int = 0
    retrying: int = 0
    failed: int = 0
    cancelled: int = 0
    skipped: int = 0  # the lease had passed to another worker before sending

    def line(self) -> str:
        return (f"Outbox: {self.sent} sent, {self.retrying} to retry, {self.failed} failed, "
                f"{self.cancelled} cancelled.")

    def add(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)


@dataclass
class Worker:
    """One worker: its id, the session factory, the settings and a sender per channel."""

    factory: sessionmaker
    settings: Settings
    senders: dict[Channel, Sender]
    worker_id: str = field(default_factory=new_worker_id)
    stop: threading.Event = field(default_factory=threading.Event)
    _reported_missing: set[Channel] = field(default_factory=set)

    def claim(self) -> list[int]:
        """Take up to a batch of due notifications whose lease is free, in a short transaction
        of its own. PostgreSQL skips rows another worker is claiming (FOR UPDATE SKIP
        LOCKED); SQLite claims in a BEGIN IMMEDIATE transaction, one claimer at a time."""
        self._report_missing_senders()
        if not self.senders:
            return []
        now = utcnow()
        with self.factory() as session:
            begin_write(session)
            ids = list(session.scalars(
                select(Notification.id).where(
                    Notification.status == NotificationStatus.pending,
                    Notification.due_at <= now,
                    Notification.channel.in_(list(self.senders)),
                    or_(Notification.locked_until.is_(None), Notification.locked_until < now),
                ).order_by(Notification.due_at, Notification.id)
                .limit(self.settings.worker_batch_size)
                .with_for_update(skip_locked=True)))
            if ids:
                session.execute(update(Notification).where(Notification.id.in_(ids)).values(
                    locked_by=self.worker_id,
                    locked_until=now + timedelta(seconds=self.settings.worker_lease_seconds)))
            session.commit()
        if ids:
            logger.info("outbox claimed", extra={"worker": self.worker_id, "count": len(ids)})
        return ids

    def _report_missing_senders(self) -> None:
        # A row for a channel without a sender waits (pending); say so once per worker.
        for channel in Channel:
            if channel in self.senders or channel in self._reported_missing:
                continue
            with self.factory() as session:
                waiting = session.scalar(select(Notification.id).where(
                    Notification.channel == channel,
                    Notification.status == NotificationStatus.pending).limit(1))
            if waiting is not None:
                self._reported_missing.add(channel)
                logger.warning("outbox has no sender for a channel; its rows wait",
                               extra={"channel": channel.value, "worker": self.worker_id})

    def process(self, notification_id: int) -> str:
        """Send one claimed notification and record the outcome; never raises for a bad one."""
        try:
            return self._process(notification_id)
        except Exception as error:  # noqa: BLE001 - one bad notification must not stop the rest
            logger.error("outbox notification could not be handled",
                         extra={"notification_id": notification_id, **_where(error)})
            return self._record_failure(notification_id, type(error).__name__, permanent=False)

    def _process(self, notification_id: int) -> str:
        with self.factory() as session:
            notification = session.get(Notification, notification_id)
            if (notification is None or notification.status is not NotificationStatus.pending
                    or notification.locked_by != self.worker_id
                    or notification.locked_until - utcnow() < self._send_margin()):
                # Done meanwhile, its lease passed to another worker, or it would end during
                # the send (a slow batch): it comes back to a worker after the lease.
                return "skipped"
            recipient = session.get(Person, notification.recipient_id)
            reachable = recipient is not None and notification.channel in channels_for(
                session, recipient, preferences_for(session, recipient.id))
            if reachable:
                message = render(notification, recipient, self.settings.base_url)
        if not reachable:
            # Unsubscribed, channel switched off, address removed, or left meanwhile.
            return self._finish(notification_id, NotificationStatus.cancelled,
                                "recipient no longer reachable on this channel", "cancelled")
        try:
            self.senders[notification.channel].send(notification, recipient, message)
        except PermanentFailure as error:
            return self._record_failure(notification_id, str(error), permanent=True)
        except TemporaryFailure as error:
            return self._record_failure(notification_id, str(error), permanent=False)
        except Exception as error:  # noqa: BLE001 - a sender's bug counts as a temporary failure
            logger.error("outbox sender raised",
                         extra={"notification_id": notification_id, **_where(error)})
            return self._record_failure(notification_id, type(error).__name__, permanent=False)
        return self._finish(notification_id, NotificationStatus.sent, None, "sent")

    def _send_margin(self) -> timedelta:
        # Time a send may take; the lease must outlast it so no other worker starts it too.
        return timedelta(seconds=min(self.settings.smtp_timeout_seconds,
                                     self.settings.worker_lease_seconds / 2))

    def _finish(self, notification_id: int, status: NotificationStatus, error: str | None,
                outcome: str) -> str:
        now = utcnow()
        values = {"status": status, "locked_by": None, "locked_until": None}
        if status is NotificationStatus.sent:
            values["sent_at"] = now
        if error is not None:
            values["last_error"] = error[:ERROR_LENGTH]
        with self.factory() as session:
            begin_write(session)
            session.execute(update(Notification).where(
                Notification.id == notification_id,
                Notification.status == NotificationStatus.pending).values(**values))
            session.commit()
        logger.info("outbox notification handled",
                    extra={"notification_id": notification_id, "outcome": outcome})
        return outcome

    def _record_failure(self, notification_id: int, error: str, *, permanent: bool) -> str:
        now = utcnow()
        with self.factory() as session:
            begin_write(session)
            notification = session.get(Notification, notification_id)
            if notification is None or notification.status is not NotificationStatus.pending:
                session.rollback()
                return "skipped"
            attempts = notification.attempts + 1
            used_up = attempts >= self.settings.worker_max_attempts
            values = {"attempts": attempts, "last_error": (error or "error")[:ERROR_LENGTH],
                      "locked_by": None, "locked_until": None}
            if permanent or used_up:
                values["status"] = NotificationStatus.failed
                outcome = "failed"
            else:
                values["due_at"] = now + back_off(attempts)
                outcome = "retrying"
            session.execute(update(Notification).where(
                Notification.id == notification_id).values(**values))
            session.commit()
        logger.warning("outbox notification not delivered",
                       extra={"notification_id": notification_id, "outcome": outcome,
                              "attempts": attempts})
        return outcome

    def drain(self) -> Summary:
        """Send everything due now, batch by batch, until nothing due is left (or stop)."""
        summary = Summary()
        while not self.stop.is_set():
            ids = self.claim()
            if not ids:
                break
            for notification_id in ids:
                if self.stop.is_set():
                    break  # the rest of the batch comes back when the lease ends
                summary.add(self.process(notification_id))
        self.close_senders()
        return summary

    def close_senders(self) -> None:
        # E.g. the SMTP connection kept open for a drain; idle ones time out on the server.
        for sender in self.senders.values():
            close = getattr(sender, "close", None)
            if close is not None:
                close()

    def run_forever(self, before_drain=None) -> None:
        """Drain, wait the poll interval, again; until `stop` is set (SIGTERM, SIGINT).
        `before_drain` (if given) runs first each round, e.g. the daily digest when it is due."""
        logger.info("outbox worker started", extra={"worker": self.worker_id})
        while not self.stop.is_set():
            try:
                if before_drain is not None:
                    before_drain()
                summary = self.drain()
                if summary.sent or summary.failed or summary.retrying:
                    logger.info(summary.line(), extra={"worker": self.worker_id})
            except Exception as error:  # noqa: BLE001 - the database away a moment: keep going
                logger.error("outbox drain failed; trying again later", extra=_where(error))
            self.stop.wait(self.settings.worker_poll_seconds)
        logger.info("outbox worker stopped", extra={"worker": self.worker_id})
