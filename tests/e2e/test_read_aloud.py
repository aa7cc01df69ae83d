"""Read-aloud reads what a person sees, in reading order: nothing folded or hidden, a heading's
text before its pictogram's label, Dutch words in a Dutch voice, with pause, resume and stop."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_until
from tests.e2e.test_pwa import FAKE_SPEECH, sign_in

pytestmark = pytest.mark.e2e

# The text a sighted reader meets, block by block, in the order the layout shows it: every
# visible heading, paragraph, list item, cell, label, link and button inside the read root.
VISIBLE_BLOCKS = """(root) => {
  const blocks = [];
  const visible = (el) => el.checkVisibility({visibilityProperty: true}) &&
    !el.closest("[aria-hidden=true], details:not([open]) > :not(summary)") &&
    el.getBoundingClientRect().width > 1;
  root.querySelectorAll("h1,h2,h3,h4,p,li,dt,dd,th,td,caption,label,legend,summary,a,button")
    .forEach((el) => { if (visible(el)) blocks.push(el.innerText.replace(/\\s+/g, " ").trim()); });
  return blocks.filter(Boolean);
}"""


def speak_all(page: Page) -> list[dict]:
    """Press "Voorlezen" and return every utterance once reading has finished."""
    page.get_by_role("button", name="Voorlezen").click()
    expect(page.get_by_role("button", name="Voorlezen")).to_be_visible(timeout=20_000)
    return page.evaluate("window.__speech.log")


def assert_in_visible_order(page: Page, spoken: list[dict]) -> None:
    """Every utterance is text a reader can see, and they come in the order the page shows."""
    blocks = page.evaluate(VISIBLE_BLOCKS, page.locator("[data-read-root]").element_handle())
    visible_text = " ".join(blocks).lower().replace(",", "")
    position = 0
    for item in spoken:
        # An utterance is a visible block (or a sentence of one), possibly followed by the label
        # of its pictogram; its own words are found after the previous utterance's.
        head = " ".join(item["text"].lower().replace(",", "").split(" ")[:3])
        start = visible_text.find(head, position)
        assert start >= 0, f"not visible, or out of order: {item['text']!r}"
        position = start + len(head)


@pytest.fixture
def guy(live_server, new_context):
    context = new_context()
    context.add_init_script(FAKE_SPEECH)
    page, candidate_id = sign_in(live_server, context)
    return page, candidate_id


def test_home_is_read_in_reading_order_heading_before_pictogram(guy):
    page, _ = guy
    spoken = speak_all(page)
    texts = [item["text"] for item in spoken]
    assert texts[0] == "Hallo Guy"
    assert_in_visible_order(page, spoken)
    title = page.locator("#now-title span").inner_text().strip()
    label = page.locator("#now-title svg").get_attribute("aria-label")
    heading = next(text for text in texts if title in text)
    assert heading.startswith(title), heading
    assert heading.index(title) < heading.find(label) or label not in heading
    # The visually hidden "More" heading duplicates nothing a reader sees.
    assert "Meer" not in texts
    assert {item["lang"] for item in spoken} == {"nl-NL"}


def test_money_page_skips_the_folded_table(guy, live_server):
    page, candidate_id = guy
    page.goto(f"{live_server.url}/c/{candidate_id}/money")
    expect(page.locator("details.chart-table")).not_to_have_attribute("open", "")
    spoken = speak_all(page)
    texts = [item["text"] for item in spoken]
    print(f"\nMijn geld: {len(texts)} utterances")  # 100 before the folded table was skipped
    assert_in_visible_order(page, spoken)
    assert "Laat de cijfers zien in een tabel" in " ".join(texts) or any(
        "tabel" in text for text in texts)
    assert not any(text == "Uren per week" for text in texts)
    rows = page.locator("details.chart-table tbody tr").count()
    assert rows > 10
    assert not any(text.startswith("0 ") or text.startswith("40,") for text in texts)

    # Opened, the table is visible and so it is read.
    page.locator("details.chart-table summary").click()
    page.evaluate("window.__speech.log = []")
    opened = speak_all(page)
    assert len(opened) == len(texts) + rows + 1  # the header row, and one line per row


def test_pause_resume_and_stop_are_announced(guy):
    page, _ = guy
    page.evaluate("window.__speech.duration = -1")  # utterances end only on advance()
    status = page.locator("[data-read-aloud] [aria-live=polite]")
    page.get_by_role("button", name="Voorlezen").click()
    expect(status).to_have_text("Ik lees voor.")
    page.get_by_role("button", name="Pauze").click()
    expect(status).to_have_text("Voorlezen is gepauzeerd.")
    assert page.evaluate("window.speechSynthesis.paused")
    page.get_by_role("button", name="Verder").click()
    expect(status).to_have_text("Ik lees voor.")
    page.evaluate("window.__speech.advance()")
    wait_until(page, "window.__speech.log.length === 2")
    page.get_by_role("button", name="Stop").click()
    expect(status).to_have_text("Voorlezen is gestopt.")
    page.evaluate("window.__speech.advance()")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__speech.log.length") == 2


def test_dutch_text_on_an_english_page_gets_a_dutch_voice(live_server, new_context):
    context = new_context(locale="en-GB")
    context.add_init_script(FAKE_SPEECH)
    page, _ = sign_in(live_server, context, locale="en-GB")
    page.evaluate("""() => {
      const p = document.createElement("p");
      p.lang = "nl"; p.textContent = "Dit is Nederlands.";
      document.querySelector("[data-read-root] h1").after(p);
    }""")
    page.get_by_role("button", name="Read aloud").click()
    expect(page.get_by_role("button", name="Read aloud")).to_be_visible(timeout=20_000)
    spoken = page.evaluate("window.__speech.log")
    assert (spoken[0]["text"], spoken[0]["lang"]) == ("Hello Guy", "en-GB")
    assert spoken[1]["text"] == "Dit is Nederlands."
    assert spoken[1]["lang"] == "nl-NL"
    assert {item["lang"] for item in spoken[2:]} == {"en-GB"}
