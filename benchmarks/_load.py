"""Shared by the soak and crash benchmarks: demo personas signed in, a mixed load of writers and
readers against a running server, and the direct count of what the database stored."""

from __future__ import annotations

import asyncio
import itertools
import ssl
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import text

from benchmarks._server import sign_in

# Several kinds of write, each a different service and table; the writer number picks one.
WRITE_KINDS = ("question", "update", "appointment", "case_note")
# Realistic pages and endpoints of the people who use the app every day.
READ_KINDS = ("candidate_home", "updates_page", "money_page", "caseload_page", "caseload_api",
              "office_file")
# Writes that may carry Retry-After: retried by the client, counted, never an error when they
# then succeed.
RETRYABLE = {429, 503}
_tags = itertools.count()
# One TLS context for every client: httpx builds one per client otherwise (milliseconds of CPU
# each, 250 times over, on the machine the server runs on). The server is plain http anyway.
_TLS = ssl.create_default_context()


@dataclass
class Personas:
    base: str
    candidate: int
    tokens: dict[str, str]  # bearer tokens: candidate, consultant
    cookies: dict[str, httpx.Cookies]  # signed-in browsers: candidate, consultant


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter = field(default_factory=Counter)  # (kind, status or exception name)
    retried: Counter = field(default_factory=Counter)  # (kind, status) answered Retry-After
    acknowledged: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    reads: int = 0
    writes: int = 0


def prepare(base: str, engine, links: dict[str, str], *, candidate_email: bool = True,
            consultant_api_link: Callable[[], str] | None = None) -> Personas:
    """Sign in the demo candidate and consultant, as a browser (cookie) and as the API does
    (bearer token). With `consultant_api_link` (gives a second one-time demo link) the consultant's
    token comes from redeeming it instead of her password: on a shared test server another
    test may have given her a second factor."""
    from app.demo.seed import DEMO_PASSWORD, EMAILS

    with engine.begin() as db:
        candidate = db.execute(text(
            "SELECT id FROM person WHERE display_name = 'Guy Visser'")).scalar_one()
        # The demo candidate has no e-mail address; with one, his appointments and updates
        # reach the outbox too (the crash run counts their deliveries).
        if candidate_email:
            db.execute(text("UPDATE person SET email = 'guy@almere.demo' WHERE id = :id"),
                       {"id": candidate})
    cookies = {}
    with httpx.Client(base_url=base, timeout=30) as client:
        sign_in(client, links["consultant"])
        cookies["consultant"] = client.cookies
    # After the cookie sign-in: a fresh set of demo links replaces the unused ones.
    if consultant_api_link:
        login = httpx.post(f"{base}/api/v1/auth/invites/redeem", json={
            "token": consultant_api_link().rsplit("/", 1)[1], "device_label": "soak"}, timeout=30)
    else:
        login = httpx.post(f"{base}/api/v1/auth/login", json={
            "email": EMAILS["consultant"], "password": DEMO_PASSWORD}, timeout=30)
    login.raise_for_status()
    consultant_token = login.json()["access_token"]

    def device_invite() -> str:
        response = httpx.post(f"{base}/api/v1/candidates/{candidate}/device-invites",
                              headers={"Authorization": f"Bearer {consultant_token}"},
                              timeout=30)
        response.raise_for_status()
        return response.json()["link"]

    with httpx.Client(base_url=base, timeout=30) as client:
        sign_in(client, device_invite())
        cookies["candidate"] = client.cookies
    redeemed = httpx.post(f"{base}/api/v1/auth/invites/redeem", timeout=30, json={
        "token": device_invite().rsplit("/", 1)[1], "device_label": "soak"})
    redeemed.raise_for_status()
    tokens = {"candidate": redeemed.json()["access_token"], "consultant": consultant_token}
    return Personas(base, candidate, tokens, cookies)


def write_request(kind: str, personas: Personas, number: int) -> tuple[str, str, dict]:
    """(persona, path, body) of one write of `kind`; every text starts with `soak-` so the
    database count finds them."""
    tag = f"soak-{number}-{next(_tags)}"
    candidate = personas.candidate
    if kind == "question":
        return ("candidate", f"/api/v1/candidates/{candidate}/messages",
                {"body": f"{tag}: mag ik iets vragen?"})
    if kind == "update":
        return ("consultant", f"/api/v1/candidates/{candidate}/updates",
                {"body": f"{tag}: je afspraak staat vast."})
    if kind == "appointment":
        # Spread over the years ahead; a unique start per write.
        start = datetime.now(UTC).replace(microsecond=0) + timedelta(
            days=30, minutes=next(_tags) * 7)
        return "consultant", f"/api/v1/candidates/{candidate}/appointments", {
            "title": tag, "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(minutes=30)).isoformat()}
    happened = (datetime.now(UTC) - timedelta(minutes=10)).isoformat()
    return "consultant", f"/api/v1/candidates/{candidate}/case-notes", {
        "kind": "phone", "happened_at": happened, "body": f"{tag}: gebeld over het werk."}


def read_request(kind: str, personas: Personas) -> tuple[str, str, str]:
    """(persona, how, path) of one read: `how` is cookie (a page) or bearer (the API)."""
    candidate = personas.candidate
    return {
        "candidate_home": ("candidate", "cookie", f"/c/{candidate}"),
        "updates_page": ("candidate", "cookie", f"/c/{candidate}/messages"),
        "money_page": ("candidate", "cookie", f"/c/{candidate}/money"),
        "caseload_page": ("consultant", "cookie", "/office"),
        "caseload_api": ("consultant", "bearer", "/api/v1/caseload"),
        "office_file": ("consultant", "cookie", f"/office/candidates/{candidate}"),
    }[kind]


async def run_load(personas: Personas, *, writers: int, readers: int, seconds: float | None,
                   stop: asyncio.Event | None = None, tally: Tally | None = None,
                   timeout: float = 60) -> Tally:
    """`writers` clients write (kinds in turn) and `readers` clients read (kinds in turn), each
    one request after the other, until `seconds` have passed or `stop` is set."""
    tally = tally if tally is not None else Tally()
    stop = stop if stop is not None else asyncio.Event()
    deadline = time.perf_counter() + seconds if seconds else float("inf")
    clients: list[httpx.AsyncClient] = []

    def client_for(persona: str, how: str) -> httpx.AsyncClient:
        # A client (one connection) per simulated person: one shared pool of 250 connections
        # costs the load generator more CPU than the server it measures.
        auth = ({"headers": {"Authorization": f"Bearer {personas.tokens[persona]}"}}
                if how == "bearer" else {"cookies": personas.cookies[persona]})
        client = httpx.AsyncClient(base_url=personas.base, timeout=timeout, verify=_TLS,
                                   **auth)
        clients.append(client)
        return client

    def running() -> bool:
        return not stop.is_set() and time.perf_counter() < deadline

    async def writer(number: int) -> None:
        kind = WRITE_KINDS[number % len(WRITE_KINDS)]
        own: dict[str, httpx.AsyncClient] = {}
        while running():
            persona, path, body = write_request(kind, personas, number)
            client = own.get(persona) or own.setdefault(persona, client_for(persona, "bearer"))
            started = time.perf_counter()
            for _attempt in range(10):
                try:
                    response = await client.post(path, json=body)
                except httpx.HTTPError as error:
                    tally.errors[kind, type(error).__name__] += 1
                    # The server is away (crash runs): try again, without a storm of
                    # reconnections that would slow its restart.
                    await asyncio.sleep(0.25)
                    break
                retry_after = response.headers.get("Retry-After")
                if response.status_code in RETRYABLE and retry_after is not None:
                    tally.retried[kind, response.status_code] += 1
                    await asyncio.sleep(float(retry_after))
                    continue
                if response.status_code == 201:
                    tally.latencies[kind].append(time.perf_counter() - started)
                    tally.acknowledged[kind].append(response.json()["id"])
                    tally.writes += 1
                else:
                    tally.errors[kind, response.status_code] += 1
                break

    async def reader(number: int) -> None:
        kind = READ_KINDS[number % len(READ_KINDS)]
        persona, how, path = read_request(kind, personas)
        client = client_for(persona, how)
        while running():
            started = time.perf_counter()
            try:
                response = await client.get(path)
            except httpx.HTTPError as error:
                tally.errors[kind, type(error).__name__] += 1
                await asyncio.sleep(0.25)
                continue
            if response.status_code == 200:
                tally.latencies[kind].append(time.perf_counter() - started)
                tally.reads += 1
            else:
                tally.errors[kind, response.status_code] += 1

    try:
        await asyncio.gather(*(writer(n) for n in range(writers)),
                             *(reader(n) for n in range(readers)))
    finally:
        for client in clients:
            await client.aclose()
    return tally


# What each kind of write stores, and how to find the ones the load wrote.
STORED = {
    "question": "SELECT id FROM message WHERE kind = 'question' AND body LIKE 'soak-%'",
    "update": "SELECT id FROM message WHERE kind = 'update' AND body LIKE 'soak-%'",
    "appointment": "SELECT id FROM appointment WHERE title LIKE 'soak-%'",
    "case_note": "SELECT id FROM casenote WHERE body LIKE 'soak-%'",
}
# Records that must never exist without their other half (written in the same transaction).
HALF_WRITTEN = {
    "appointment without its notice": (
        "SELECT count(*) FROM appointment a WHERE a.title LIKE 'soak-%' AND NOT EXISTS "
        "(SELECT 1 FROM message m WHERE m.about_appointment_id = a.id)"),
    "appointment without its notification": (
        "SELECT count(*) FROM appointment a WHERE a.title LIKE 'soak-%' AND NOT EXISTS "
        "(SELECT 1 FROM notification n WHERE n.idempotency_key LIKE "
        "'appointment:' || a.id || '\\:planned%')"),
    "question without its notification": (
        "SELECT count(*) FROM message m WHERE m.kind = 'question' AND m.body LIKE 'soak-%' "
        "AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.idempotency_key LIKE "
        "'message:' || m.id || '\\:asked%')"),
}


def accounting(engine, tally: Tally) -> dict[str, dict[str, int]]:
    """Per kind of write: acknowledged, stored (counted in the database), lost (acknowledged,
    not stored) and unacknowledged (stored, never answered 201: a reply cut off)."""
    result = {}
    with engine.connect() as db:
        for kind, statement in STORED.items():
            stored = set(db.execute(text(statement)).scalars())
            acknowledged = set(tally.acknowledged.get(kind, ()))
            result[kind] = {"acknowledged": len(acknowledged), "stored": len(stored),
                            "lost": len(acknowledged - stored),
                            "unacknowledged": len(stored - acknowledged)}
    return result


def half_written(engine) -> dict[str, int]:
    with engine.connect() as db:
        return {label: db.execute(text(statement)).scalar_one()
                for label, statement in HALF_WRITTEN.items()}


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def latency_table(tally: Tally) -> list[str]:
    lines = [f"  {'kind':<16} {'ok':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}"]
    for kind in (*WRITE_KINDS, *READ_KINDS):
        values = tally.latencies.get(kind, [])
        errors = sum(n for (k, _), n in tally.errors.items() if k == kind)
        lines.append(f"  {kind:<16} {len(values):>7} {percentile(values, .5) * 1000:>8.0f} "
                     f"{percentile(values, .95) * 1000:>8.0f} "
                     f"{percentile(values, .99) * 1000:>8.0f} {errors:>7}")
    for label, kinds in (("all writes", WRITE_KINDS), ("all reads", READ_KINDS)):
        values = [v for kind in kinds for v in tally.latencies.get(kind, [])]
        lines.append(f"  {label:<16} {len(values):>7} {percentile(values, .5) * 1000:>8.0f} "
                     f"{percentile(values, .95) * 1000:>8.0f} "
                     f"{percentile(values, .99) * 1000:>8.0f}")
    return lines
