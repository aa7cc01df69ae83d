"""The progressive web app: manifest and icons, the service worker's offline pages, the guard on
forms that need the network, read-aloud, and the same pages without JavaScript."""

from __future__ import annotations

import re
import struct

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from playwright.sync_api import Error as PlaywrightError
from sqlalchemy import func, select

from app.db import unit_of_work
from app.messages.models import Message
from tests.e2e.conftest import PHONE, assert_accessible, redeem_demo_link, wait_until

pytestmark = pytest.mark.e2e

HOME_HEADING = {"nl-NL": "Hallo Guy", "en-GB": "Hello Guy"}

# A stand-in for the Web Speech API (headless Chromium has no voices): it records what would be
# spoken and ends each utterance asynchronously, after `duration` ms, or on `advance()` when
# `duration` is negative.
FAKE_SPEECH = """
(() => {
  const S = window.__speech = {log: [], calls: [], duration: 20};
  let queue = [], current = null, timer = null;
  const fire = (u, type) => setTimeout(() => {
    const handler = type === "end" ? u.onend : u.onerror;
    if (handler) handler.call(u, type === "end" ? {type} : {type, error: "interrupted"});
  }, 0);
  const schedule = (u) => {
    clearTimeout(timer);
    if (S.duration >= 0) timer = setTimeout(() => { if (current === u) S.advance(); }, S.duration);
  };
  const next = () => {
    if (current || fake.paused) return;
    current = queue.shift() || null;
    if (current) schedule(current);
  };
  S.advance = () => {
    if (!current) return;
    const u = current; clearTimeout(timer); current = null; fire(u, "end"); next();
  };
  const fake = {
    paused: false,
    get speaking() { return !!current; },
    get pending() { return queue.length > 0; },
    onvoiceschanged: null,
    getVoices() { return []; },
    addEventListener() {}, removeEventListener() {},
    speak(u) { S.log.push({text: u.text, lang: u.lang, rate: u.rate}); queue.push(u); next(); },
    pause() { S.calls.push("pause"); this.paused = true; clearTimeout(timer); },
    resume() {
      S.calls.push("resume"); this.paused = false;
      if (current) schedule(current); else next();
    },
    cancel() {
      S.calls.push("cancel"); clearTimeout(timer);
      const dropped = current ? [current, ...queue] : queue;
      current = null; queue = []; this.paused = false;
      dropped.forEach((u) => fire(u, "error"));
    },
  };
  if (!window.SpeechSynthesisUtterance) {
    window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
  }
  Object.defineProperty(window, "speechSynthesis", {value: fake, configurable: true});
})();
"""


def sign_in(live_server, context: BrowserContext, locale: str = "nl-NL") -> tuple[Page, int]:
    """Sign Guy in with a fresh demo link; returns the page (on his home) and his id."""
    page = context.new_page()
    redeem_demo_link(page, live_server.demo_links()["candidate"])
    expect(page.get_by_role("heading", level=1)).to_contain_text(HOME_HEADING[locale])
    href = page.locator(".tabbar a[aria-current=page]").get_attribute("href")
    return page, int(re.fullmatch(r"/c/(\d+)", href).group(1))


def wait_for_service_worker(page: Page) -> None:
    """Wait until the worker is active and controls the page (reload once if it did not claim
    the page in time)."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    try:
        wait_until(page, "!!navigator.serviceWorker.controller", timeout=5_000)
    except Exception:  # noqa: BLE001 - the page was loaded before the worker took over
        page.reload()
        wait_until(page, "!!navigator.serviceWorker.controller")


def count_messages(live_server, candidate_id: int) -> int:
    with unit_of_work(live_server.session_factory) as session:
        return session.scalar(select(func.count()).select_from(Message)
                              .where(Message.candidate_id == candidate_id))


def png_size(body: bytes) -> tuple[int, int]:
    assert body[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", body[16:24])


def test_manifest_is_linked_and_complete(live_server, new_context):
    page = new_context().new_page()
    page.goto(live_server.url + "/")
    href = page.locator("link[rel=manifest]").get_attribute("href")
    assert href == "/manifest.webmanifest"
    response = page.request.get(live_server.url + href)
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/manifest+json")
    manifest = response.json()
    assert manifest["name"] == "Stapwijzer"
    assert manifest["short_name"] == "Stapwijzer"
    assert manifest["lang"] == "nl"
    assert manifest["description"]
    assert manifest["start_url"] == "/"
    assert manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["background_color"] == "#f7f7f4"
    assert manifest["theme_color"] == "#0b5563"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"any", "192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        image = page.request.get(live_server.url + icon["src"])
        assert image.status == 200, icon["src"]
        assert image.headers["content-type"].startswith(icon["type"]), icon["src"]
        if icon["type"] == "image/png":
            width, height = png_size(image.body())
            assert f"{width}x{height}" == icon["sizes"]
    apple = page.locator("link[rel=apple-touch-icon]").get_attribute("href")
    assert page.request.get(live_server.url + apple).status == 200
    worker = page.request.get(live_server.url + "/sw.js")
    assert worker.status == 200
    assert "javascript" in worker.headers["content-type"]


def test_visited_pages_open_offline_with_the_offline_note(live_server, new_context, axe):
    context = new_context()
    page, candidate_id = sign_in(live_server, context)
    wait_for_service_worker(page)
    home = f"{live_server.url}/c/{candidate_id}"
    steps = f"{home}/steps"
    page.goto(home)
    expect(page.locator(".offline-note")).to_be_hidden()
    page.goto(steps)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mijn stappen")

    context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mijn stappen")
    note = page.locator(".offline-note")
    expect(note).to_be_visible()
    expect(note).to_contain_text(re.compile("laatst bijgewerkt", re.I))
    expect(page.locator("html")).to_have_class(re.compile(r"\bis-offline\b"))

    page.goto(home)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hallo Guy")
    expect(page.locator(".offline-note")).to_be_visible()
    expect(page.locator(".offline-note")).to_contain_text(re.compile("laatst bijgewerkt", re.I))
    # The shell came from the cache too: the page is styled and the pictograms are there.
    assert page.evaluate("getComputedStyle(document.querySelector('.tabbar')).position") == "fixed"

    # A page that was never opened gets a short explanation instead of the browser's error.
    response = page.goto(f"{home}/appointments")
    assert response.status == 503
    expect(page.get_by_role("heading", level=1)).to_contain_text("Geen internet")
    expect(page.get_by_role("link", name="Naar de startpagina")).to_have_attribute("href", "/")
    assert_accessible(axe, page)

    context.set_offline(False)
    page.goto(home)
    expect(page.locator(".offline-note")).to_be_hidden()
    expect(page.locator("html")).not_to_have_class(re.compile(r"\bis-offline\b"))


@pytest.mark.parametrize("button", ["Hier uitloggen", "Overal uitloggen"])
def test_signing_out_forgets_the_saved_pages(button, live_server, new_context):
    context = new_context()
    page, candidate_id = sign_in(live_server, context)
    wait_for_service_worker(page)
    home = f"{live_server.url}/c/{candidate_id}"
    page.goto(home)
    saved = "caches.keys().then(async (names) => (await Promise.all(names.filter((n) => " \
            "n.includes('pages')).map(async (n) => (await (await caches.open(n)).keys()).length" \
            "))).reduce((a, b) => a + b, 0))"
    assert page.evaluate(saved) >= 1
    page.goto(f"{live_server.url}/settings")
    page.get_by_role("button", name=button).click()
    expect(page).to_have_url(re.compile("/signed-out$"))
    # Polled inside the page: wait_for_function would take the promise itself for a yes.
    assert page.evaluate("async () => { for (let i = 0; i < 200; i++) { if ((await " + saved +
                         ") === 0) return true; await new Promise((r) => setTimeout(r, 50)); }"
                         " return false; }")
    context.set_offline(True)
    try:
        response = page.goto(home)
    except PlaywrightError as error:
        # Clear-Site-Data removed the worker too, and the new one is not in charge yet: the
        # browser's own offline page, which shows nothing of Guy either.
        assert "ERR_INTERNET_DISCONNECTED" in str(error)
        return
    assert response.status == 503
    expect(page.get_by_text("Hallo Guy")).to_have_count(0)


def test_a_question_written_offline_waits_and_is_sent_once_online(live_server, new_context, axe):
    context = new_context()
    page, candidate_id = sign_in(live_server, context)
    messages = f"{live_server.url}/c/{candidate_id}/messages"
    page.goto(messages)
    before = count_messages(live_server, candidate_id)
    question = "Mag ik morgen een uur later komen?"

    context.set_offline(True)
    wait_until(page, "navigator.onLine === false")
    page.get_by_label("Je vraag").fill(question)
    page.get_by_role("button", name="Verstuur").click()
    waiting = page.locator("form [data-queued]")
    expect(waiting).to_have_text(
        "Wacht op internet. We versturen dit als je weer internet hebt.")
    expect(waiting).to_have_attribute("role", "status")
    assert page.url == messages
    assert count_messages(live_server, candidate_id) == before
    assert_accessible(axe, page)

    # Pressing again with the emptied form queues nothing more.
    page.get_by_role("button", name="Verstuur").click()
    assert page.evaluate("JSON.parse(localStorage.getItem('stapwijzer-outbox')).length") == 1

    context.set_offline(False)
    expect(waiting).to_have_text("Verstuurd. Je hebt weer internet.")
    assert page.evaluate("JSON.parse(localStorage.getItem('stapwijzer-outbox')).length") == 0
    assert count_messages(live_server, candidate_id) == before + 1
    page.reload()
    expect(page.get_by_text(question)).to_be_visible()
    assert count_messages(live_server, candidate_id) == before + 1


def test_read_aloud_reads_the_page_in_order(live_server, new_context, axe):
    context = new_context()
    context.add_init_script(FAKE_SPEECH)
    page, _ = sign_in(live_server, context)
    play = page.get_by_role("button", name="Voorlezen")
    expect(play).to_be_visible()
    expect(page.get_by_role("button", name="Pauze")).to_be_hidden()
    assert_accessible(axe, page)

    chunks = page.evaluate(
        "window.stapwijzer.collectReadAloudText(document.querySelector('[data-read-root]'))")
    step_title = page.locator("#now-title span").inner_text().strip()
    picto = page.locator("[data-read-root] svg[role=img][aria-label]").first.get_attribute(
        "aria-label")
    assert chunks[0] == "Hallo Guy"
    now_heading = next(i for i, chunk in enumerate(chunks) if step_title in chunk)
    assert chunks[now_heading] == f"{step_title} {picto}"  # the title before its label
    assert now_heading > chunks.index("Nu")
    # Other e2e tests may have posted newer updates; read whichever is the latest now.
    update_text = page.locator("[aria-labelledby=update-title] p").first.inner_text().strip()
    latest = chunks.index(update_text)
    assert latest > now_heading
    joined = " ".join(chunks)
    # Not the controls, not decorative initials, not hidden form fields.
    assert "Voorlezen" not in joined and "Pauze" not in joined
    assert "FV" not in joined.split()
    assert page.evaluate("""async () => {
        const module = await import('/static/js/app.js');
        return module.collectReadAloudText === window.stapwijzer.collectReadAloudText;
    }""")

    play.click()
    expect(play).to_be_visible()  # back to the start when everything has been read
    spoken = page.evaluate("window.__speech.log")
    assert " ".join(item["text"] for item in spoken) == joined
    assert {item["lang"] for item in spoken} == {"nl-NL"}
    assert {round(item["rate"], 2) for item in spoken} == {0.9}


def test_read_aloud_pauses_resumes_and_stops(live_server, new_context):
    context = new_context()
    context.add_init_script(FAKE_SPEECH)
    page, _ = sign_in(live_server, context)
    page.evaluate("window.__speech.duration = -1")  # utterances end only on advance()
    log_length = "window.__speech.log.length"
    page.get_by_role("button", name="Voorlezen").click()
    pause = page.get_by_role("button", name="Pauze")
    stop = page.get_by_role("button", name="Stop")
    resume = page.locator("[data-read-aloud] [data-action=resume]")
    expect(pause).to_be_visible()
    expect(stop).to_be_visible()
    expect(page.get_by_role("button", name="Voorlezen")).to_be_hidden()
    expect(pause).to_be_focused()
    assert page.evaluate(log_length) == 1
    assert page.evaluate("window.__speech.log[0].text") == "Hallo Guy"

    page.evaluate("window.__speech.advance()")
    wait_until(page, f"() => {log_length} === 2")

    pause.click()
    expect(resume).to_be_visible()
    expect(pause).to_be_hidden()
    assert page.evaluate("window.speechSynthesis.paused")
    resume.click()
    expect(pause).to_be_visible()
    assert page.evaluate("window.__speech.calls").count("resume") == 1

    page.evaluate("window.__speech.advance()")
    wait_until(page, f"() => {log_length} === 3")
    stop.click()
    expect(page.get_by_role("button", name="Voorlezen")).to_be_visible()
    expect(stop).to_be_hidden()
    page.evaluate("window.__speech.advance()")
    page.wait_for_timeout(300)
    assert page.evaluate(log_length) == 3
    assert "cancel" in page.evaluate("window.__speech.calls")


def test_read_aloud_speaks_english_pages_in_english(live_server, new_context):
    context = new_context(PHONE, locale="en-GB")
    context.add_init_script(FAKE_SPEECH)
    page, _ = sign_in(live_server, context, locale="en-GB")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.get_by_role("button", name="Read aloud").click()
    wait_until(page, "window.__speech.log.length > 0")
    spoken = page.evaluate("window.__speech.log")
    assert spoken[0] == {**spoken[0], "text": "Hello Guy", "lang": "en-GB"}
    # English throughout, except text the consultant typed in Dutch (marked lang="nl"), which
    # other tests on this server may have put on Guy's home.
    dutch_on_page = page.locator("main [lang=nl]").count()
    assert {item["lang"] for item in spoken} <= {"en-GB", "nl-NL"}
    assert dutch_on_page or {item["lang"] for item in spoken} == {"en-GB"}


def test_pages_work_without_javascript(live_server, new_context):
    context = new_context({**PHONE, "java_script_enabled": False})
    page, candidate_id = sign_in(live_server, context)
    expect(page.locator("[data-read-aloud]")).to_be_hidden()
    before = count_messages(live_server, candidate_id)
    page.goto(f"{live_server.url}/c/{candidate_id}/messages")
    question = "Kan ik zonder JavaScript een vraag stellen?"
    page.get_by_label("Je vraag").fill(question)
    page.get_by_role("button", name="Verstuur").click()
    expect(page.get_by_role("status").filter(has_text="Je vraag is verstuurd")).to_be_visible()
    expect(page.get_by_text(question)).to_be_visible()
    assert count_messages(live_server, candidate_id) == before + 1
