"""Every candidate and network page fits the phone: no sideways scrolling at 320 px, nor at
390 px with the text at 200% (WCAG 1.4.10 reflow, 1.4.4 resize text), for Guy and for his
mother Marja; and the tab bar's labels fit their cells at 320 px in every shipped language."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from app.i18n import LOCALE_COOKIE
from app.languages import LANGUAGES
from tests.e2e.test_candidate_journeys import sign_in

pytestmark = pytest.mark.e2e

NARROW = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}

# Elements that stick out past the right edge of the viewport (hidden ones and the
# visually-hidden helpers excepted), named so that a failure says what to fix.
_WIDE_ELEMENTS = """(deviceWidth) => {
  const limit = deviceWidth + 0.5, found = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.right <= limit) continue;
    if (el.closest('.visually-hidden,[hidden],details:not([open]) > :not(summary)')) continue;
    found.push(`${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string'
      ? '.' + el.className.trim().split(/\\s+/).join('.') : ''} ${Math.round(box.right)}px`);
  }
  return found.slice(0, 8);
}"""


# Per tab: its label, the width of the label's longest word set on one line, the cell's width.
_LABEL_WORDS = """() => [...document.querySelectorAll('.tabbar li')].map(li => {
  const label = li.querySelector('a > span:not(.badge)');
  const text = label.textContent.trim();
  const probe = document.createElement('span');
  probe.style.cssText = 'position:absolute;white-space:nowrap;visibility:hidden';
  label.append(probe);
  const longest = Math.max(...text.split(/\\s+/).map(word => {
    probe.textContent = word;
    return probe.getBoundingClientRect().width;
  }));
  probe.remove();
  return [text, Math.round(longest), li.getBoundingClientRect().width];
})"""


def _pages(page: Page, base: str, candidate_id: int) -> list[str]:
    """Every page of the file the reader may open, found from the pages themselves."""
    page.goto(f"{base}/c/{candidate_id}/appointments")
    appointment = re.search(r"/c/\d+/appointments/(\d+)", page.content())
    page.goto(f"{base}/c/{candidate_id}/steps")
    step = re.search(r"/c/\d+/steps/(\d+)", page.content())
    page.goto(f"{base}/c/{candidate_id}/more")
    more = sorted(set(re.findall(rf'href="(/c/{candidate_id}/[a-z-]+)"', page.content())))
    paths = [f"/c/{candidate_id}", f"/c/{candidate_id}/steps", f"/c/{candidate_id}/steps/{step[1]}",
             f"/c/{candidate_id}/appointments",
             f"/c/{candidate_id}/appointments/{appointment[1]}",
             f"/c/{candidate_id}/messages", f"/c/{candidate_id}/more", "/settings"]
    paths += [path for path in more if path not in paths]
    # Pages linked from settings (my data, the access log) when they exist.
    page.goto(f"{base}/settings")
    for href in re.findall(r'href="(/(?:settings|account|c/\d+)/[a-z/-]+)"', page.content()):
        if href not in paths and not href.endswith((".json", "/export")):
            paths.append(href)
    return paths


def _width_problems(page: Page, device_width: int) -> list[str]:
    width = page.evaluate("document.documentElement.scrollWidth")
    inner = page.evaluate("window.innerWidth")
    problems = []
    if width > device_width or width > inner:
        problems.append(f"page is {width}px wide")
    problems += page.evaluate(_WIDE_ELEMENTS, device_width)
    return problems


@pytest.mark.parametrize("role", ["candidate", "parent"])
@pytest.mark.markup
def test_every_page_fits_at_320px_and_at_200_percent_text(role, live_server, new_context):
    page = new_context(NARROW).new_page()
    candidate_id = sign_in(page, live_server.demo_links()[role])
    paths = _pages(page, live_server.url, candidate_id)
    assert len(paths) >= 10, paths
    failures = {}
    for path in paths:
        page.set_viewport_size({"width": 320, "height": 640})
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        if problems := _width_problems(page, 320):
            failures[f"{path} at 320px"] = problems
        page.set_viewport_size({"width": 390, "height": 844})
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        if problems := _width_problems(page, 390):
            failures[f"{path} at 390px, 200% text"] = problems
    assert not failures, "\n".join(f"{where}: {', '.join(what)}"
                                    for where, what in failures.items())


@pytest.mark.markup
def test_tab_labels_fit_their_cells_at_320px_in_every_language(live_server, new_context):
    page = new_context(NARROW).new_page()
    candidate_id = sign_in(page, live_server.demo_links()["candidate"])
    overlaps = {}
    for language in LANGUAGES:
        page.context.add_cookies([{"name": LOCALE_COOKIE, "value": language.code,
                                   "url": live_server.url}])
        page.goto(f"{live_server.url}/c/{candidate_id}/steps")
        assert page.evaluate("document.documentElement.lang").startswith(language.code)
        # Each label's longest word, unbroken, against its cell: a label may wrap between
        # words, never overlap its neighbour nor be cut inside a word.
        widths = page.evaluate(_LABEL_WORDS)
        for label, word, cell in widths:
            if word > cell:
                overlaps[f"{language.code}: {label}"] = f"{word}px in a {cell:.0f}px cell"
    assert overlaps == {}
