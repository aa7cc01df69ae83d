"""Candidate-facing Dutch stays within the plain-language budget of quality.md: per screen an
average sentence of at most 12 words and a Flesch-Douma score of at least 65; step titles of
at most 5 words. Texts are read from the Dutch catalogue and the shipped route files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import textstat
import yaml
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "app" / "templates"
# Every screen a candidate or their network sees (staff screens live elsewhere), with the
# partials it includes and the texts the code puts on it (error titles).
SHELL = ["base.html", "candidates/layout.html"]
CANDIDATE_SCREENS = {
    "home/landing.html": ["base.html"],
    "auth/code.html": ["base.html"],
    "auth/invite.html": ["base.html"],
    "auth/invite_invalid.html": ["base.html"],
    "auth/signed_out.html": ["base.html"],
    "outbox/unsubscribe.html": ["base.html"],
    "home/network.html": ["base.html"],
    # The employer's side: B1 as well (the employer's person is no civil servant).
    "employer/home.html": ["base.html", "employer/_contact.html"],
    "employer/placement.html": ["base.html", "employer/_contact.html"],
    "employer/password.html": ["base.html"],
    "employer/checklist.html": ["base.html", "backoffice/employer_checklist/_items.html",
                                "backoffice/employer_checklist/_text.html"],
    "candidates/home.html": [*SHELL, "components/steps.html", "candidates/_contact_card.html",
                             "records/_plain.html"],
    "candidates/more.html": SHELL,
    "journeys/steps.html": [*SHELL, "components/steps.html"],
    "journeys/step.html": [*SHELL, "components/steps.html", "records/_plain.html"],
    "appointments/list.html": SHELL,
    "appointments/detail.html": SHELL,
    "messages/list.html": SHELL,
    "guarantees/show.html": [*SHELL, "guarantees/_typed.html"],
    "guarantees/letter.html": ["base.html", "guarantees/_typed.html"],
    "network/list.html": [*SHELL, "network/_areas.html"],
    "network/invited.html": [*SHELL, "network/_areas.html"],
    "network/revoke_confirm.html": SHELL,
    "account/settings.html": SHELL,
    "account/my_data.html": SHELL,
    "words/list.html": ["base.html"],
    "money/overview.html": [*SHELL, "money/_hours_form.html", "money/_result_region.html",
                            "money/_result.html", "money/_chart.html"],
    "money/calculator_step.html": ["base.html"],
    "money/calculator_result.html": ["base.html", "money/_hours_form.html", "money/_result.html",
                                     "money/_chart.html"],
    "errors/401.html": ["base.html"],
    "errors/403.html": ["base.html"],
    "errors/404.html": ["base.html"],
    "errors/generic.html": ["base.html"],
}
ERROR_TITLES = {
    "errors/403.html": ["You may not do this.",
                        "This form has expired. Please go back and try again.",
                        "%(name)s has decided that you no longer look along.",
                        "Questions? Call %(name)s on %(phone)s."],
    "errors/401.html": ["Please sign in first."],
    "errors/404.html": ["We could not find this."],
    "errors/generic.html": ["Something went wrong on our side. Please try again later.",
                            "Some information is missing or not correct."],
}
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}
SAMPLE_VALUES = {"name": "Guy", "first": "Maandag", "last": "dinsdag", "days": "Maandag",
                 "date": "3 maart", "time": "10:00", "who": "Floor", "what": "je stappen",
                 "organisation": "Gemeente Almere", "backup": "Sander", "start": "10:00",
                 "end": "11:00", "phone": "06 1234 5678", "minutes": "10",
                 "step": "Advies van UWV", "on_day": "op 3 november", "day": "3 november",
                 "weeks": "8 weken"}

textstat.set_lang("nl")  # always first: the English mode tries a download and fails offline


def _dutch_catalogue() -> dict[str, str]:
    with (ROOT / "locales" / "nl" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale="nl")
    result = {}
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        result[key] = message.string[1] if isinstance(message.string, tuple) else message.string
    return result


def _fill(text: str) -> str:
    text = re.sub(r"%\((\w+)\)d", "3", text)
    return re.sub(r"%\((\w+)\)s", lambda m: SAMPLE_VALUES.get(m.group(1), "Guy"), text)


def screen_text(template: str, catalogue: dict[str, str]) -> list[str]:
    options = {"extensions": "jinja2.ext.i18n"}
    messages = extract_from_file("jinja2", str(TEMPLATES / template), keywords=KEYWORDS,
                                 options=options)
    texts = []
    for _line, message, _comments, _context in messages:
        msgid = message[0] if isinstance(message, tuple) else message
        translated = catalogue.get(msgid)
        assert translated, f"{template}: no Dutch text for {msgid!r}"
        texts.append(_fill(translated))
    return texts


def sentence_count(text: str) -> int:
    """Every sentence counts, short ones too: a list item, a label or a heading ("Je stappen.")
    is a sentence as a reader meets it. (textstat skips sentences of one or two words, which
    made pages of short list items look like a few very long sentences.)"""
    return max(1, len(re.findall(r"\b[^.!?]+[.!?]*", text)))


def readability(text: str) -> tuple[float, float]:
    """(average sentence length in words, Flesch-Douma) with every sentence counted."""
    from textstat.backend.metrics import syllables_per_word
    from textstat.backend.utils import get_lang_cfg, get_lang_root

    words = textstat.lexicon_count(text)
    per_sentence = words / sentence_count(text)
    root = get_lang_root("nl")
    score = (get_lang_cfg(root, "fre_base")
             - get_lang_cfg(root, "fre_sentence_length") * per_sentence
             - get_lang_cfg(root, "fre_syll_per_word") * syllables_per_word(text, "nl"))
    return per_sentence, score


def textstat_readability(text: str) -> tuple[float, float]:
    """The same figures as textstat counts them (short sentences skipped): the "before"."""
    words = textstat.lexicon_count(text)
    return words / max(1, textstat.sentence_count(text)), textstat.flesch_reading_ease(text)


def code_texts(template: str) -> list[str]:
    """Texts the code puts on a screen: error titles, and the word list's explanations."""
    catalogue = _dutch_catalogue()
    texts = [_fill(catalogue[title]) for title in ERROR_TITLES.get(template, [])]
    if template == "words/list.html":
        from app.i18n import reset_locale, set_locale
        from app.words.glossary import WORDS

        token = set_locale("nl")
        try:
            texts += [t for word in WORDS for t in (word.term, str(word.explanation))]
        finally:
            reset_locale(token)
    return texts + employer_code_texts(template)


# What the employer's read model writes on the employer's pages (app/employers/views.py and
# pages.py): the progress sentences, the wage-value and subsidy dates, the kinds of worry.
STEP_SENTENCES = [
    "%(step)s: done %(on_day)s.", "%(step)s: not needed.", "%(step)s: not started yet.",
    "%(step)s: planned from %(on_day)s.", "%(step)s: requested %(on_day)s.",
    "UWV usually decides within %(weeks)s.", "%(step)s: week %(week)d of %(weeks)d, since %(day)s.",
    "%(step)s: started %(on_day)s.", "This usually takes %(weeks)s.", "Nothing has started yet."]


def employer_code_texts(template: str) -> list[str]:
    if template not in ("employer/home.html", "employer/placement.html",
                        "employer/checklist.html"):
        return []
    from app.i18n import reset_locale, set_locale

    catalogue = _dutch_catalogue()
    token = set_locale("nl")
    try:
        if template == "employer/checklist.html":
            from app.employer_checklist.models import TOPIC_LABELS

            return [str(label) for label in TOPIC_LABELS.values()]
        texts = [_fill(catalogue[msgid]) for msgid in STEP_SENTENCES]
        if template == "employer/placement.html":
            from app.employers.labels import EMPLOYER_MILESTONES
            from app.employers.pages import CONCERN_KIND_LABELS

            texts += [str(label) for label in (*EMPLOYER_MILESTONES.values(),
                                                *CONCERN_KIND_LABELS.values())]
        return texts
    finally:
        reset_locale(token)


def screen_prose(template: str) -> str:
    """All the Dutch a reader meets on one screen, as prose."""
    catalogue = _dutch_catalogue()
    texts = [t for part in (template, *CANDIDATE_SCREENS[template])
             for t in screen_text(part, catalogue)]
    return as_prose(texts + code_texts(template))


def as_prose(texts: list[str]) -> str:
    """Labels and headings count as sentences of their own, as a reader meets them."""
    return " ".join(t if t.rstrip().endswith((".", "?", "!", ":")) else t + "." for t in texts)


@pytest.mark.parametrize("template", CANDIDATE_SCREENS)
def test_each_candidate_screen_is_plain_dutch(template):
    per_sentence, score = readability(screen_prose(template))
    assert per_sentence <= 12, f"{template}: {per_sentence:.1f} words per sentence"
    assert score >= 65, f"{template}: Flesch-Douma {score:.0f} too low"


def test_list_items_count_as_sentences():
    """Three list items are three sentences, not one long one."""
    assert sentence_count("Je stappen. Je geld. Je afspraken.") == 3
    assert readability("Je stappen. Je geld. Je afspraken.")[0] == 2


def _route_files():
    return sorted((ROOT / "app" / "route_templates" / "data").glob("*.yaml"))


@pytest.mark.parametrize("path", _route_files(), ids=lambda p: p.stem)
def test_route_steps_are_plain_dutch_with_short_titles(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for step in data["steps"]:
        dutch = step["texts"]["nl"]
        assert len(dutch["title"].split()) <= 5, f"{path.stem}/{step['key']}: title too long"
        prose = as_prose([v for k, v in dutch.items() if v and k != "title"])
        per_sentence, score = readability(prose)
        assert per_sentence <= 12, f"{path.stem}/{step['key']}"
        assert score >= 65, f"{path.stem}/{step['key']}"


def test_every_candidate_screen_is_listed():
    """A new candidate template must join the plain-language check."""
    staff_or_shared = {"components/ui.html", "auth/login.html", "auth/second_factor.html",
                       "auth/two_step.html", "home/consultant.html", "home/admin.html",
                       "api_docs/index.html"}  # for developers, not candidates
    all_templates = {str(p.relative_to(TEMPLATES)) for p in TEMPLATES.rglob("*.html")}
    listed = set(CANDIDATE_SCREENS) | {p for parts in CANDIDATE_SCREENS.values() for p in parts}
    unlisted = all_templates - listed - staff_or_shared
    assert not {t for t in unlisted if not t.startswith("backoffice/")}, unlisted


@pytest.mark.parametrize("path", _route_files(), ids=lambda p: p.stem)
def test_english_step_titles_are_short_too(path):
    """The editor enforces five words in every language, so shipped routes must too."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for step in data["steps"]:
        assert len(step["texts"]["en"]["title"].split()) <= 5, step["key"]
