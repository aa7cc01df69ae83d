"""Browser tests: a real uvicorn server on its own database, driven by Debian's Chromium."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
import uvicorn
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from app.db import make_engine, make_session_factory, unit_of_work
from app.demo.seed import issue_demo_links
from app.main import create_app
from tests.conftest import drop_postgres_database, fresh_database_url, is_postgres, make_settings

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic",
                 "--no-first-run"]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

pytestmark = pytest.mark.e2e


@dataclass
class LiveServer:
    url: str
    settings: object
    session_factory: object

    def demo_links(self) -> dict[str, str]:
        """Fresh one-time links for every persona, as `stapwijzer demo` prints them."""
        with unit_of_work(self.session_factory) as session:
            return {link.persona: link.link for link in issue_demo_links(session, self.settings)}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> Iterator[LiveServer]:
    database_url = fresh_database_url(tmp_path_factory, "e2e")
    port = _free_port()
    settings = make_settings(database_url, base_url=f"http://localhost:{port}",
                             migrate_on_start=True, seed_demo_on_start=True)
    app = create_app(settings)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://localhost:{port}"
    for _ in range(100):
        try:
            if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    engine = make_engine(database_url)
    yield LiveServer(base, settings, make_session_factory(engine))
    server.should_exit = True
    thread.join(timeout=10)
    engine.dispose()
    if is_postgres(database_url):
        drop_postgres_database(database_url)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser):
    contexts: list[BrowserContext] = []

    def make(device: dict = PHONE, locale: str = "nl-NL") -> BrowserContext:
        context = browser.new_context(locale=locale, **device)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()


def accessibility_variants(language_arg: str = "language"):
    """Parametrise an axe check: every page at both widths in Dutch, and English on the phone.
    The English DOM differs from the Dutch one only in its texts, and longer texts break a
    layout first on the narrow screen; a full second language pass doubled the browser time."""
    return pytest.mark.parametrize(
        (language_arg, "device"),
        [("nl-NL", PHONE), ("nl-NL", DESKTOP), ("en-GB", PHONE)],
        ids=["nl-390px", "nl-1280px", "en-390px"],
    )


def redeem_demo_link(page: Page, link: str) -> None:
    """Open a one-time sign-in link, press its button and wait for the page it leads to. The
    link's own page has a heading too, so waiting for "a heading" alone can read that page."""
    page.goto(link)
    page.get_by_role("button", name=re.compile("Stapwijzer")).click()
    page.wait_for_url(lambda url: "/i/" not in url)


def signed_in_page(live_server, new_context, persona: str, device: dict = PHONE,
                   locale: str = "nl-NL") -> Page:
    """A new browser (this device and language) signed in as a demo persona, on its home."""
    page = new_context(device, locale=locale).new_page()
    redeem_demo_link(page, live_server.demo_links()[persona])
    return page


def wait_until(page: Page, expression: str, timeout: float = 10_000) -> None:
    """Wait until a script expression is true in the page, asking it every 50 ms from here.
    Not `wait_for_function`: its polling evaluates the predicate inside the page, which the
    strict CSP (no 'unsafe-eval') refuses whenever the first check is false."""
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"still false after {timeout:.0f} ms: {expression}"
        page.wait_for_timeout(50)


def assert_accessible(axe: Axe, page: Page) -> None:
    """Zero axe violations of WCAG 2.2 A/AA on the page as it is now."""
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = results.response["violations"]
    assert violations == [], results.generate_report()


def assert_no_horizontal_scroll(page: Page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"page scrolls sideways by {overflow}px"
