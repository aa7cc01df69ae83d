"""Health checks and the security headers every response carries."""

from __future__ import annotations

import pytest


def test_health_and_readiness(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready"}


@pytest.mark.parametrize("path", ["/", "/api/v1/me", "/static/app.css", "/healthz"])
def test_security_headers(client, path):
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "camera=()" in headers["Permissions-Policy"]
    # Plain-http test server: HSTS only makes sense (and is only sent) on https.
    assert "Strict-Transport-Security" not in headers


def test_inline_style_is_allowed_by_its_hash_not_a_nonce(client):
    """The CSP names the hash of the page's one inline style (so a cached page's bytes stay
    valid) and allows no other inline style: no nonce, no 'unsafe-inline'."""
    import base64
    import hashlib
    import re

    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    styles = re.findall(r"<style>(.*?)</style>", response.text, re.S)
    assert len(styles) == 1
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    style_src = re.search(r"style-src ([^;]*)", policy).group(1).split()
    assert style_src == ["'self'", f"'sha256-{digest}'"]
    assert "nonce" not in response.text


def test_api_responses_are_not_cached(login_as, personas):
    response = login_as(personas.candidate).get("/api/v1/me")
    assert response.headers["Cache-Control"] == "no-store"


@pytest.fixture
def app_log():
    """What the app logs, caught on its own logger: the app's logger does not propagate to the
    root logger (where caplog listens), and the app is built once per run."""
    import logging

    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(record)

    logger = logging.getLogger("stapwijzer")
    handler, level = Collect(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield records
    logger.removeHandler(handler)
    logger.setLevel(level)


def test_request_logs_carry_no_personal_data(client, app_log, login_as, personas):
    login_as(personas.consultant).get(f"/api/v1/candidates/{personas.candidate}")
    records = [r for r in app_log if r.name == "stapwijzer.requests"]
    assert records, "one structured line per request"
    record = records[-1]
    assert record.route == "/api/v1/candidates/{id}"
    text = " ".join(str(v) for v in record.__dict__.values())
    assert "Guy" not in text and "Floor" not in text


def test_invite_tokens_never_reach_the_logs(client, app_log):
    secret = "s3cr3t-token-that-must-not-be-logged-0123456789"
    client.get(f"/i/{secret}")
    assert app_log, "the request was logged"
    assert all(secret not in str(r.__dict__) for r in app_log)


def test_service_worker_cache_version_follows_the_static_files(client):
    import re

    body = client.get("/sw.js").text
    version = re.search(r'const VERSION = "([0-9a-f]{12})";', body)
    assert version, "the server stamps a content hash into the worker"
    assert client.get("/sw.js").headers["Cache-Control"] == "no-cache"
