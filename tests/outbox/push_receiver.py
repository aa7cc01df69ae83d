"""A local push service for tests: it takes the POST a real one (RFC 8030) would, checks the
VAPID header and decrypts the RFC 8291 (aes128gcm) body with the subscription's own private
keys, so a test sees exactly what the browser would show."""

from __future__ import annotations

import base64
import json
import os
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@dataclass
class BrowserKeys:
    """What a browser keeps for one subscription: a P-256 key pair and the auth secret."""

    private_key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))
    auth_secret: bytes = field(default_factory=lambda: os.urandom(16))

    @property
    def p256dh(self) -> str:
        return b64url(self.private_key.public_key().public_bytes(
            Encoding.X962, PublicFormat.UncompressedPoint))

    @property
    def auth(self) -> str:
        return b64url(self.auth_secret)


@dataclass
class Delivery:
    token: str
    headers: dict[str, str]
    payload: dict


class PushReceiver:
    """A threaded HTTP server at http://127.0.0.1:<port>/push/<token>. Each token answers
    201 unless told otherwise (`answer(token, 410)`)."""

    def __init__(self) -> None:
        self.keys: dict[str, BrowserKeys] = {}
        self.answers: dict[str, int] = {}
        self.deliveries: list[Delivery] = []
        self.requests = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                receiver.requests += 1
                token = self.path.rsplit("/", 1)[-1]
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                status = receiver.answers.get(token, 201)
                if status == 201 and token in receiver.keys:
                    keys = receiver.keys[token]
                    assert self.headers["Content-Encoding"] == "aes128gcm"
                    plain = http_ece.decrypt(body, private_key=keys.private_key,
                                             auth_secret=keys.auth_secret, version="aes128gcm")
                    receiver.deliveries.append(Delivery(token, dict(self.headers.items()),
                                                        json.loads(plain)))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):  # keep the test output clean
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def subscription(self, token: str) -> dict:
        """A browser's `PushSubscription.toJSON()` for a new subscription here."""
        keys = self.keys.setdefault(token, BrowserKeys())
        return {"endpoint": f"{self.base}/push/{token}", "expirationTime": None,
                "keys": {"p256dh": keys.p256dh, "auth": keys.auth}}

    def answer(self, token: str, status: int) -> None:
        self.answers[token] = status

    def __enter__(self) -> PushReceiver:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
