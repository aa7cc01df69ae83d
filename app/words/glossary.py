"""The hard words of the switch to paid work, each with a pictogram and a B1 explanation.

The word itself is the Dutch name people meet in letters and talks (so it stays Dutch in every
language, with a gloss); the explanation is translated through Babel."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from app.i18n import lazy_gettext as _l


@dataclass(frozen=True)
class Word:
    slug: str  # the anchor on /woorden
    term: str  # the word as people meet it (Dutch)
    pictogram: str
    explanation: object  # a lazy text
    # Other spellings that link to the same explanation ("consulent" → accountadviseur).
    forms: tuple[str, ...] = field(default=())


WORDS: tuple[Word, ...] = (
    Word("accountadviseur", "accountadviseur", "person", _l(
        "An accountadviseur works at the municipality or the UWV. "
        "This person finds work with employers. "
        "Your consultant works together with this person."), ("consulent",)),
    Word("beschut-werk", "beschut werk", "home", _l(
        "Beschut werk is paid work with extra help. "
        "You work at a place that is safe for you. "
        "You get a wage, like other workers.")),
    Word("bewindvoerder", "bewindvoerder", "money", _l(
        "A bewindvoerder looks after your money for you. "
        "A judge decides this. "
        "Your bewindvoerder must know when your income changes.")),
    Word("bijstand", "bijstand", "money", _l(
        "Bijstand is money from the municipality. "
        "You get it when you have too little money to live on. "
        "Its official name is the Participatiewet benefit.")),
    Word("bruto", "bruto", "money", _l(
        "Bruto is your wage before tax. "
        "Tax and other costs still come off. "
        "What is left is netto.")),
    Word("dagbesteding", "dagbesteding", "home", _l(
        "Dagbesteding means day activities. "
        "You do useful things during the day. "
        "You do not get a wage for it.")),
    Word("detachering", "detachering", "team", _l(
        "Detachering means you work at another company. "
        "Your employer stays the same. "
        "Your employer pays your wage.")),
    Word("dienst-toeslagen", "Dienst Toeslagen", "info", _l(
        "Dienst Toeslagen is part of the government. "
        "It pays zorgtoeslag and huurtoeslag. "
        "Tell them when your income changes.")),
    Word("driegesprek", "driegesprek", "talk", _l(
        "A driegesprek is a talk with three people. "
        "You, your consultant and the employer talk together. "
        "You talk about the work and how it goes.")),
    Word("extra-regel", "extra regel", "plus", _l(
        "An extra regel lets you keep part of your wage. "
        "You keep it next to your bijstand. "
        "You ask the municipality for it. "
        "It lasts for a short time.")),
    Word("huurtoeslag", "huurtoeslag", "home", _l(
        "Huurtoeslag is money to help you pay your rent. "
        "Dienst Toeslagen pays it. "
        "How much you get depends on your income and your rent.")),
    Word("indicatie", "indicatie", "done", _l(
        "An indicatie is a decision that you may get help. "
        "It says what help and for how long. "
        "Without an indicatie you cannot go to dagbesteding.")),
    Word("loonstrook", "loonstrook", "first-salary", _l(
        "A loonstrook is a paper from your employer. "
        "It shows your wage each month. "
        "It shows bruto and netto.")),
    Word("loonwaarde", "loonwaarde", "chart", _l(
        "Loonwaarde says how much work you can do. "
        "It is a number out of 100. "
        "The employer gets money for the rest.")),
    Word("netto", "netto", "money", _l(
        "Netto is the money you really get. "
        "Tax is already paid. "
        "This money comes into your bank account.")),
    Word("proefplaatsing", "proefplaatsing", "trial", _l(
        "A proefplaatsing is a trial period at a job. "
        "You try out the work. "
        "You keep your benefit during this time.")),
    Word("uwv", "UWV", "info", _l(
        "UWV is part of the government. "
        "It helps people who have no work or who are ill. "
        "UWV also decides about beschut werk.")),
    Word("vakantiegeld", "vakantiegeld", "money", _l(
        "Vakantiegeld is extra money once a year. "
        "You usually get it in May or June. "
        "It is 8 percent of your wage.")),
    Word("zorgtoeslag", "zorgtoeslag", "aftercare", _l(
        "Zorgtoeslag is money to help you pay for health insurance. "
        "Dienst Toeslagen pays it. "
        "How much you get depends on your income.")),
)

BY_SLUG = {word.slug: word for word in WORDS}

# Every form of every word, longest first so "beschut werk" wins over a shorter match.
_FORMS = sorted(((form, word) for word in WORDS for form in (word.term, *word.forms)),
                key=lambda pair: -len(pair[0]))
_PATTERN = re.compile(r"(?<![\w-])(" + "|".join(re.escape(form) for form, _ in _FORMS)
                      + r")(?![\w-])", re.IGNORECASE)
_LOOKUP = {form.lower(): word for form, word in _FORMS}


def link_words(text: object, seen: list[str] | None = None) -> Markup:
    """`text` (escaped) with the first occurrence of each known word linked to its explanation
    on /woorden; `seen` carries the words already linked higher up the same page, so a word is
    linked only where it first appears (a list, so a template can make one:
    `{% set seen = [] %}`)."""
    seen = [] if seen is None else seen
    escaped = str(escape(text))

    def replace(match: re.Match) -> str:
        word = _LOOKUP[match.group(1).lower()]
        if word.slug in seen:
            return match.group(0)
        seen.append(word.slug)
        return f'<a class="word-link" href="/woorden#{word.slug}">{match.group(0)}</a>'

    # Safe: the text was escaped above and the inserted links hold only our own slugs.
    return Markup(_PATTERN.sub(replace, escaped))  # noqa: S704
