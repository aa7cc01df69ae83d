"""Words explained: the word list "Wat betekent dit?", and links where a hard word first appears."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.journeys.models import Journey, JourneyStep
from app.words.glossary import BY_SLUG, WORDS, link_words

REQUIRED = ["proefplaatsing", "driegesprek", "accountadviseur", "bijstand", "netto", "bruto",
            "zorgtoeslag", "huurtoeslag", "dienst-toeslagen", "vakantiegeld", "loonstrook",
            "beschut-werk", "dagbesteding", "indicatie", "uwv", "loonwaarde", "detachering",
            "bewindvoerder", "extra-regel"]


def test_every_required_word_is_explained():
    assert set(REQUIRED) <= set(BY_SLUG)
    assert "consulent" in BY_SLUG["accountadviseur"].forms


@pytest.mark.parametrize(("language", "heading", "sample"), [
    ("nl", "Wat betekent dit?", "Een proefplaatsing is een tijd om werk te proberen."),
    ("en", "What does this mean?", "A proefplaatsing is a trial period at a job."),
])
def test_the_word_list_page_in_dutch_and_english(client, language, heading, sample):
    client.cookies.set("sw_lang", language)
    response = client.get("/woorden")
    assert response.status_code == 200
    html = response.text
    assert heading in html and sample in html
    for word in WORDS:  # an anchor, the word in Dutch and a pictogram each
        entry = html.split(f'id="{word.slug}"', 1)[1].split("</div>", 1)[0]
        assert f"<span>{word.term}</span>" in entry and "picto" in entry
        assert 'lang="nl"' in entry


def test_only_the_first_occurrence_is_linked_and_text_is_escaped():
    seen: list[str] = []
    first = link_words("Na de proefplaatsing krijg je <b>netto</b> loon. Netto!", seen)
    assert first.count('href="/woorden#proefplaatsing"') == 1
    assert first.count('href="/woorden#netto"') == 1 and "&lt;b&gt;" in first
    again = link_words("Nog een proefplaatsing.", seen)
    assert "href" not in again  # already linked higher up the page
    assert 'href="/woorden#accountadviseur"' in link_words("Je consulent belt je.")
    assert "href" not in link_words("nettobedrag")  # whole words only


def test_a_step_page_links_each_hard_word_once(browser_as, personas, db):
    steps = db.scalars(select(JourneyStep).join(Journey, Journey.id == JourneyStep.journey_id)
                       .where(Journey.candidate_id == personas.candidate)).all()
    step = next(s for s in steps
                if sum(" ".join(s.texts["nl"].values()).lower().count(w) for w in
                       ("dagbesteding", "uwv", "beschut werk")) >= 2)
    html = browser_as(personas.candidate).get(
        f"/c/{personas.candidate}/steps/{step.id}").text
    main = html.split("<main", 1)[1]
    links = re.findall(r'href="/woorden#([\w-]+)"', main)
    assert links and len(links) == len(set(links))


def test_the_more_menu_links_the_word_list(browser_as, personas):
    html = browser_as(personas.candidate).get(f"/c/{personas.candidate}/more").text
    assert 'href="/woorden"' in html and "Wat betekent dit?" in html
