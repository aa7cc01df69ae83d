"""One source for the way back: Mijn geld, its action list, the guarantee page and both APIs
say the same thing about income when work stops, read from the guarantee's income_on_return."""

from __future__ import annotations

import html
import re

import pytest

from app.guarantees.views import NOT_ARRANGED, income_on_return_text
from app.i18n import reset_locale, set_locale

GUARANTEE = {"provider_name": "De Werkplaats Almere", "indication_valid_until": "2031-12-31",
             "income_consequences": "Vraag Floor als je iets niet snapt.",
             "arranged_by": "Floor de Vries"}
CASES = [("restart_without_application", None), ("new_application", 6),
         ("salary_kept", None), (None, None)]


def _dutch(kind, weeks) -> str:
    token = set_locale("nl")
    try:
        return income_on_return_text(kind or NOT_ARRANGED, weeks)
    finally:
        reset_locale(token)


def _all_sentences() -> dict[str | None, str]:
    return {kind: _dutch(kind, weeks) for kind, weeks in CASES}


def _text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def _said(page_text: str) -> set[str | None]:
    """Which of the way-back sentences a page says; more than one would be a contradiction."""
    squashed = " ".join(page_text.split())
    return {kind for kind, sentence in _all_sentences().items() if sentence in squashed}


@pytest.mark.parametrize(("kind", "weeks"), CASES)
def test_money_action_list_and_guarantee_say_the_same(kind, weeks, login_as, browser_as,
                                                      personas):
    floor = login_as(personas.consultant)
    body = {**GUARANTEE, **({"income_on_return": kind} if kind else {}),
            **({"expected_gap_weeks": weeks} if weeks is not None else {})}
    issued = floor.post(f"/api/v1/candidates/{personas.candidate}/guarantee", json=body)
    assert issued.status_code == 201, issued.text
    # A return happened: the way-back note on both pages must follow the guarantee too.
    floor.post(f"/api/v1/candidates/{personas.candidate}/way-back",
               json={"kind": "return", "reason": "too_much"})
    expected = _dutch(kind, weeks)
    guy_api = login_as(personas.candidate)
    money_api = guy_api.get(f"/api/v1/candidates/{personas.candidate}/money",
                            headers={"Accept-Language": "nl"}).json()
    guarantee_api = guy_api.get(f"/api/v1/candidates/{personas.candidate}/guarantee",
                                headers={"Accept-Language": "nl"}).json()[0]
    assert money_api["income_on_return"]["kind"] == (kind or NOT_ARRANGED)
    assert money_api["income_on_return"]["text"] == expected
    assert guarantee_api["income_on_return"] == kind
    assert guarantee_api["income_on_return_text"] == expected
    way_back_action = [a for a in money_api["personal_actions"] if a["code"] == "way_back"]
    assert [a["text"] for a in way_back_action] == [expected]
    assert all("opnieuw aanvragen" not in a["text"] and "ask for it again" not in a["text"]
               for a in money_api["personal_actions"] if a["code"] != "way_back")

    guy = browser_as(personas.candidate)
    money_page = _text(guy.get(f"/c/{personas.candidate}/money").text)
    guarantee_page = _text(guy.get(f"/c/{personas.candidate}/guarantee").text)
    letter = _text(guy.get(f"/c/{personas.candidate}/guarantee/{issued.json()['number']}"
                           "/letter").text)
    for name, page in (("money", money_page), ("guarantee", guarantee_page),
                       ("letter", letter)):
        assert _said(page) == {kind}, name
    # The old contradicting sentences are gone from every page.
    for page in (money_page, guarantee_page):
        assert "kan een aantal weken duren" not in page
        assert "kun je het opnieuw aanvragen" not in page


def test_sentences_differ_per_kind():
    """The check above can only fail if the sentences are told apart."""
    sentences = list(_all_sentences().values())
    assert len(set(sentences)) == len(sentences)


def test_gap_weeks_only_with_a_new_application(login_as, personas):
    floor = login_as(personas.consultant)
    url = f"/api/v1/candidates/{personas.candidate}/guarantee"
    missing = floor.post(url, json={**GUARANTEE, "income_on_return": "new_application"})
    assert missing.status_code == 422
    assert missing.json()["invalid_params"][0]["name"] == "expected_gap_weeks"
    stray = floor.post(url, json={**GUARANTEE, "income_on_return": "salary_kept",
                                  "expected_gap_weeks": 4})
    assert stray.status_code == 422
    bad = floor.post(url, json={**GUARANTEE, "income_on_return": "someday"})
    assert bad.status_code == 422
    versions = floor.get(url).json()
    assert all(v["provider_name"] != "x" for v in versions)
    assert len(versions) == 1  # nothing stored by the refused ones


def test_typed_texts_in_the_readers_language_or_marked_dutch(login_as, browser_as, personas):
    """Where the consultant gave no English text, the English page says "(in Dutch)" and marks
    the Dutch lang="nl" (so read-aloud picks a Dutch voice); where she did, it shows English."""
    from app.i18n import LOCALE_COOKIE

    floor = login_as(personas.consultant)
    url = f"/api/v1/candidates/{personas.candidate}/guarantee"
    floor.post(url, json={**GUARANTEE, "free_text": "Bel Floor op maandag.",
                          "texts": {"en": {"income_consequences": "Ask Floor if unsure."}}})
    guy = browser_as(personas.candidate)
    guy.cookies.set(LOCALE_COOKIE, "en")
    page = guy.get(f"/c/{personas.candidate}/guarantee").text
    assert '<span lang="en">Ask Floor if unsure.</span>' in page
    assert '<span lang="nl">Bel Floor op maandag.</span> <span class="muted">(in Dutch)</span>' \
        in page
    letter = guy.get(f"/c/{personas.candidate}/guarantee/2/letter").text
    assert "(in Dutch)" in letter and "Ask Floor if unsure." in letter
    guy.cookies.set(LOCALE_COOKIE, "nl")
    dutch = guy.get(f"/c/{personas.candidate}/guarantee").text
    assert "Vraag Floor als je iets niet snapt." in dutch and "(in het Nederlands)" not in dutch


def test_the_letter_has_municipality_date_version_and_who_and_downloads(browser_as, personas):
    guy = browser_as(personas.candidate)
    letter = guy.get(f"/c/{personas.candidate}/guarantee/1/letter")
    assert letter.status_code == 200
    text = _text(letter.text)
    assert "Almere" in text and "Versie 1" in text and "Datum:" in text
    assert "Geprint op" in text and "Wie het regelt" in text and "Floor" in text
    download = guy.get(f"/c/{personas.candidate}/guarantee/1/letter?download=1")
    assert download.headers["content-disposition"].startswith("attachment;")
    assert guy.get(f"/c/{personas.candidate}/guarantee/9/letter").status_code == 404


def test_after_a_secondment_every_page_says_the_salary_stays(login_as, browser_as, personas):
    """A secondment is a fact that outranks the guarantee's promise: no page may then say the
    municipality restarts the benefit."""
    ravi = login_as(personas.other_consultant)
    url = f"/api/v1/candidates/{personas.other_candidate}/guarantee"
    assert ravi.post(url, json={**GUARANTEE, "income_on_return":
                                "restart_without_application"}).status_code == 201
    secondment = ravi.post(f"/api/v1/candidates/{personas.other_candidate}/way-back",
                           json={"kind": "secondment", "reason": "mismatch"})
    assert secondment.status_code == 201, secondment.text
    sanne = browser_as(personas.other_candidate)
    pages = [_text(sanne.get(f"/c/{personas.other_candidate}/{path}").text)
             for path in ("money", "guarantee")]
    for page in pages:
        assert _said(page) == {"salary_kept"}
    api = login_as(personas.other_candidate)
    assert api.get(url).json()[0]["income_on_return_text"] == _dutch("salary_kept", None)
    money = api.get(f"/api/v1/candidates/{personas.other_candidate}/money").json()
    assert money["income_on_return"]["kind"] == "salary_kept"
