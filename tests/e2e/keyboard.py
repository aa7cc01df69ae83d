"""Driving pages with the keyboard only: Tab to an element, check its focus is visible, press."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

MAX_TABS = 80


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab until `target` has focus (fails if it cannot be reached by keyboard), and check
    the focus is visible (an outline or box shadow is drawn)."""
    handle = target.element_handle()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("(el) => document.activeElement === el", handle):
            style = page.evaluate(
                "(el) => { const s = getComputedStyle(el); "
                "return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }", handle)
            assert style[0] != "none" and style[1] != "0px" or style[2] != "none", style
            return
    raise AssertionError(f"could not reach {target} with the Tab key")


def press(page: Page, target: Locator, key: str = "Enter") -> None:
    tab_to(page, target)
    page.keyboard.press(key)


def type_into(page: Page, target: Locator, text: str) -> None:
    tab_to(page, target)
    page.keyboard.type(text)
