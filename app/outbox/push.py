"""The Web Push sender: an encrypted (RFC 8291, aes128gcm) message to every live subscription
of the recipient, signed with the server's VAPID key (RFC 8292)."""

from __future__ import annotations

import json

import requests
from py_vapid import Vapid
from pywebpush import WebPushException, webpush
from sqlalchemy import select, update
from sqlalchemy.orm import sessionmaker

from app.clock import utcnow
from app.db import begin_write, engine_for, make_session_factory
from app.outbox.channels import Message, PermanentFailure, TemporaryFailure
from app.outbox.models import Notification, PushSubscription
from app.people.models import Person
from app.settings import Settings

# The pictogram a notification shows (the app icon: it says "Stapwijzer", nothing more).
ICON = "/static/icon-192.png"
# A push service keeps an undelivered message this long (a phone that was off gets it later).
TIME_TO_LIVE = 24 * 3600
TIMEOUT_SECONDS = 10
GONE = {404, 410}  # the subscription no longer exists: never try it again


def payload(notification: Notification, message: Message) -> dict[str, str]:
    """What the service worker shows. The title and body are already lock-screen safe
    (app/outbox/texts.py); nothing is added to them. The tag is the idempotency key, so a
    repeat replaces the notification on the screen instead of showing it twice."""
    return {"id": notification.idempotency_key, "tag": notification.idempotency_key,
            "title": message.title, "body": message.body, "url": message.url, "icon": ICON}


class PushSender:
    """Sends one notification to all live subscriptions of its recipient.

    A subscription the push service calls gone (404/410) is marked `gone_at`; when none is
    left the notification fails for good. A 429, a 5xx or no connection: try again later.
    It reads and marks subscriptions in its own short transactions (the worker holds none
    while sending); `factory` defaults to one on the configured database."""

    def __init__(self, settings: Settings, factory: sessionmaker | None = None) -> None:
        self.settings = settings
        self._factory = factory
        self.vapid = Vapid.from_raw(settings.vapid_private_key.encode())

    @property
    def factory(self) -> sessionmaker:
        if self._factory is None:
            self._factory = make_session_factory(engine_for(self.settings))
        return self._factory

    def send(self, notification: Notification, recipient: Person, message: Message) -> None:
        with self.factory() as session:
            subscriptions = [(s.id, s.endpoint, s.p256dh, s.auth) for s in session.scalars(
                select(PushSubscription).where(PushSubscription.person_id == recipient.id,
                                               PushSubscription.gone_at.is_(None))
                .order_by(PushSubscription.id))]
            session.rollback()
        if not subscriptions:
            raise PermanentFailure("no live push subscription")
        data = json.dumps(payload(notification, message), ensure_ascii=False)
        delivered, gone, failure = 0, [], None
        for subscription_id, endpoint, p256dh, auth in subscriptions:
            try:
                self._post(endpoint, p256dh, auth, data)
                delivered += 1
            except _Gone:
                gone.append(subscription_id)
            except (TemporaryFailure, PermanentFailure) as error:
                # A temporary failure wins: trying again may still reach this browser.
                if not isinstance(failure, TemporaryFailure):
                    failure = error
        if gone:
            self._mark_gone(gone)
        if delivered:
            return
        if failure is not None:
            raise failure
        raise PermanentFailure("every push subscription is gone")

    def _mark_gone(self, subscription_ids: list[int]) -> None:
        with self.factory() as session:
            begin_write(session)
            session.execute(update(PushSubscription).where(
                PushSubscription.id.in_(subscription_ids),
                PushSubscription.gone_at.is_(None)).values(gone_at=utcnow()))
            session.commit()

    def _post(self, endpoint: str, p256dh: str, auth: str, data: str) -> None:
        info = {"endpoint": endpoint, "keys": {"p256dh": p256dh, "auth": auth}}
        try:
            webpush(info, data=data, vapid_private_key=self.vapid,
                    vapid_claims={"sub": self.settings.vapid_subject},
                    content_encoding="aes128gcm", ttl=TIME_TO_LIVE, timeout=TIMEOUT_SECONDS,
                    headers={"Urgency": "normal"})
        except WebPushException as error:
            response = getattr(error, "response", None)
            status = getattr(response, "status_code", None)
            if status in GONE:
                raise _Gone() from error
            if status is None or status == 429 or status >= 500:
                raise TemporaryFailure(f"push service answered {status}") from error
            # 400, 403 (VAPID key changed), 413: retrying the same request will not help.
            raise PermanentFailure(f"push service answered {status}") from error
        except (requests.RequestException, OSError) as error:
            raise TemporaryFailure(f"push service unreachable: {type(error).__name__}") from error
        except ValueError as error:  # keys that are no P-256 point: the browser sent junk
            raise _Gone() from error


class _Gone(Exception):
    """This one subscription can never receive anything again."""
