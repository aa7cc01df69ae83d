"""The word list page "Wat betekent dit?": every hard word with a pictogram and an explanation."""

from __future__ import annotations

from fastapi import Request

from app.route_table import APIRouter
from app.templating import render
from app.words.glossary import WORDS

router = APIRouter(include_in_schema=False)


@router.get("/woorden", name="words:list")
def word_list(request: Request):
    """Public: the explanations hold no personal data, and a parent or a letter can link here."""
    return render(request, "words/list.html", {"words": WORDS})
