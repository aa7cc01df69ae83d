"""The employer checklist in the back-office: consultants read and print their organisation's
checklist; admins add, change, move and remove items with small forms."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.employer_checklist.models import EmployerChecklistItem
from app.employer_checklist.service import checklist_for
from app.organisations.models import Organisation
from tests.conftest import csrf_from

EDIT = "/office/employer-checklist/edit"


@pytest.fixture
def anouk(browser_as, personas):
    return browser_as(personas.admin)


def _almere(db):
    db.expire_all()
    organisation = db.scalar(select(Organisation).where(Organisation.slug == "almere"))
    return checklist_for(db, organisation.id)


def _form(item: EmployerChecklistItem | None, csrf: str, **changes) -> dict:
    form = {"csrf_token": csrf, "topic": "training", "checked_on": "2026-12-01",
            "title_nl": "Training", "text_nl": "Een korte training.", "who_to_ask_nl": "",
            "title_en": "", "text_en": "", "who_to_ask_en": ""}
    if item is not None:
        form.update({"version": str(item.version), "topic": item.topic.value})
        for language in ("nl", "en"):
            for field in ("title", "text", "who_to_ask"):
                form[f"{field}_{language}"] = item.texts.get(language, {}).get(field, "")
    form.update(changes)
    return form


def test_a_consultant_reads_and_prints_the_checklist(browser_as, personas, db):
    floor = browser_as(personas.consultant)
    page = floor.get("/office/employer-checklist")
    assert page.status_code == 200
    assert "Checklist voor werkgevers" in page.text and "Gemeente Almere" in page.text
    assert "Loonwaarde in week 6" in page.text and "No-riskpolis bij ziekte" in page.text
    assert EDIT not in page.text  # only admins change it
    printed = floor.get("/office/employer-checklist/print")
    assert printed.status_code == 200
    assert "<title>Checklist voor werkgevers: Gemeente Almere" in printed.text
    assert "Gecontroleerd op 1 december 2026" in printed.text
    assert 'class="office-nav"' not in printed.text  # no navigation on paper
    # The items were checked on the same day: the date is said once, at the top.
    assert printed.text.count("Gecontroleerd op 1 december 2026") == 1
    english = floor.get("/office/employer-checklist/print", headers={"Accept-Language": "en"})
    assert "Wage value in week 6" in english.text and "Checked on 1 December 2026" in english.text


def test_english_readers_see_the_dutch_text_marked_as_dutch_when_no_english_was_written(
        anouk, db):
    csrf = csrf_from(anouk.get(EDIT).text)
    added = anouk.post("/office/employer-checklist/items", data=_form(
        None, csrf, title_nl="Alleen Nederlands"), follow_redirects=False)
    assert added.status_code == 303
    page = anouk.get("/office/employer-checklist", headers={"Accept-Language": "en"})
    assert '<span lang="nl">Alleen Nederlands</span>' in page.text


def test_the_admin_adds_changes_moves_and_removes_an_item(anouk, db):
    csrf = csrf_from(anouk.get(EDIT).text)
    count = len(_almere(db).items)
    added = anouk.post("/office/employer-checklist/items", data=_form(
        None, csrf, title_nl="Kennismaken met het team"), follow_redirects=False)
    assert added.status_code == 303 and "saved=saved" in added.headers["location"]
    view = _almere(db)
    assert len(view.items) == count + 1
    item = view.items[-1]
    assert item.texts["nl"]["title"] == "Kennismaken met het team"

    saved = anouk.post(f"/office/employer-checklist/items/{item.id}", data=_form(
        item, csrf, title_nl="Kennismaken", checked_on=""), follow_redirects=False)
    assert saved.status_code == 303
    view = _almere(db)
    assert view.items[-1].texts["nl"]["title"] == "Kennismaken"
    assert view.items[-1].checked_on is None

    moved = anouk.post(f"/office/employer-checklist/items/{item.id}/move", data={
        "csrf_token": csrf, "version": str(view.version), "direction": "up"},
        follow_redirects=False)
    assert moved.status_code == 303
    view = _almere(db)
    assert view.items[-2].id == item.id

    removed = anouk.post(f"/office/employer-checklist/items/{item.id}/remove", data={
        "csrf_token": csrf, "version": str(view.items[-2].version)}, follow_redirects=False)
    assert removed.status_code == 303
    assert item.id not in [i.id for i in _almere(db).items]
    assert len(_almere(db).items) == count


def test_a_bad_form_shows_the_error_and_stores_nothing(anouk, db):
    csrf = csrf_from(anouk.get(EDIT).text)
    before = db.scalar(select(func.count()).select_from(EmployerChecklistItem))
    refused = anouk.post("/office/employer-checklist/items", data=_form(
        None, csrf, title_nl="  ", checked_on="1 december"), follow_redirects=False)
    assert refused.status_code == 422
    assert 'id="new-title-nl" name="title_nl" required maxlength="120" value="  "' \
           ' aria-invalid="true"' in refused.text
    assert "Titel in het Nederlands:" in refused.text and "Gecontroleerd op:" in refused.text
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(EmployerChecklistItem)) == before


def test_a_stale_form_says_so_and_keeps_the_newer_text(anouk, db):
    csrf = csrf_from(anouk.get(EDIT).text)
    item = _almere(db).items[0]
    first = anouk.post(f"/office/employer-checklist/items/{item.id}", data=_form(
        item, csrf, title_nl="Nieuwer"), follow_redirects=False)
    assert first.status_code == 303
    stale = anouk.post(f"/office/employer-checklist/items/{item.id}", data=_form(
        item, csrf, title_nl="Ouder"), follow_redirects=False)
    assert stale.status_code == 412
    assert _almere(db).items[0].texts["nl"]["title"] == "Nieuwer"


def test_only_admins_edit_and_no_one_reaches_another_organisations_item(
        anouk, browser_as, personas, db):
    item = _almere(db).items[0]
    floor = browser_as(personas.consultant)
    assert floor.get(EDIT).status_code == 403
    csrf = csrf_from(floor.get("/office/employer-checklist").text)
    assert floor.post(f"/office/employer-checklist/items/{item.id}/remove", data={
        "csrf_token": csrf, "version": str(item.version)}).status_code == 403
    amsterdam = browser_as(personas.other_admin)
    csrf = csrf_from(amsterdam.get(EDIT).text)
    assert "Gemeente Amsterdam" in amsterdam.get("/office/employer-checklist").text
    assert amsterdam.post(f"/office/employer-checklist/items/{item.id}/remove", data={
        "csrf_token": csrf, "version": str(item.version)}).status_code == 404
    assert amsterdam.post(f"/office/employer-checklist/items/{item.id}", data=_form(
        item, csrf)).status_code == 404
    assert item.id in [i.id for i in _almere(db).items]
    guy = browser_as(personas.candidate)
    assert guy.get("/office/employer-checklist").status_code == 403


def test_the_checklist_says_je_fits_its_topics_and_the_leaflet_names_whom_to_call(
        browser_as, personas, db):
    import re
    floor = browser_as(personas.consultant)
    page = floor.get("/office/employer-checklist").text
    start = page.index('<ol class="checklist">')
    listed = page[start:page.index("</ol>", start)]
    prose = re.sub(r"<[^>]+>", " ", listed)
    # One form of address across the product: "je", never "u"/"uw".
    assert not re.search(r"\b(u|uw|Uw|U)\b", prose), prose
    assert "Twijfelt u of de kandidaat" not in page
    tags = re.findall(r'<span class="tag">([^<]+)</span>', page)
    assert "Anders" not in tags and "Loonkostensubsidie" not in tags  # no tag repeats its title
    assert {"Proefplaatsing", "Arbeidscontract", "Nazorg"} <= set(tags)
    printed = floor.get("/office/employer-checklist/print").text
    assert "Je contactpersoon:" in printed and "Gemeente Almere" in printed
