"""Revoking with care: a confirmation first, ten minutes to undo, and a kind explanation for
the family member whose access ended."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from app import clock
from app.network.models import NetworkGrant
from tests.conftest import csrf_from

REVOKED_AT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _marja_grant(db, personas) -> NetworkGrant:
    return db.scalar(select(NetworkGrant).where(
        NetworkGrant.candidate_id == personas.candidate,
        NetworkGrant.member_id == personas.parent))


def test_revoking_asks_first_and_can_be_undone_exactly(browser_as, personas, db):
    grant = _marja_grant(db, personas)
    areas, base = list(grant.areas), f"/c/{personas.candidate}/network"
    guy = browser_as(personas.candidate)
    page = guy.get(base)
    # The list offers a link to the question, not a one-tap form that revokes.
    assert f'href="{base}/{grant.id}/revoke"' in page.text
    assert f'action="{base}/{grant.id}/revoke"' not in page.text
    confirm = guy.get(f"{base}/{grant.id}/revoke")
    assert confirm.status_code == 200
    assert "Weet je het zeker?" in confirm.text and "10 minuten" in confirm.text
    assert f'action="{base}/{grant.id}/revoke"' in confirm.text
    db.expire_all()
    assert _marja_grant(db, personas).revoked_at is None  # asking changed nothing
    token = csrf_from(confirm.text)
    with clock.frozen(REVOKED_AT):
        done = guy.post(f"{base}/{grant.id}/revoke", data={"csrf_token": token},
                        follow_redirects=False)
        assert done.status_code == 303
        listed = guy.get(base).text
    assert "Ongedaan maken" in listed and f'action="{base}/{grant.id}/restore"' in listed
    with clock.frozen(REVOKED_AT + timedelta(minutes=9)):
        undone = guy.post(f"{base}/{grant.id}/restore", data={"csrf_token": token},
                          follow_redirects=False)
    assert undone.status_code == 303
    db.expire_all()
    restored = _marja_grant(db, personas)
    assert restored.id == grant.id and restored.revoked_at is None and restored.areas == areas


def test_after_ten_minutes_undo_is_refused_and_no_longer_offered(browser_as, login_as,
                                                                 personas, db):
    grant = _marja_grant(db, personas)
    url = f"/api/v1/candidates/{personas.candidate}/network/{grant.id}"
    guy = login_as(personas.candidate)
    with clock.frozen(REVOKED_AT):
        assert guy.delete(url).status_code == 204
    with clock.frozen(REVOKED_AT + timedelta(minutes=11)):
        late = guy.post(f"{url}/restore")
        html = browser_as(personas.candidate).get(f"/c/{personas.candidate}/network").text
    assert late.status_code == 409 and late.json()["code"] == "undo_expired"
    assert "Ongedaan maken" not in html
    db.expire_all()
    assert _marja_grant(db, personas).revoked_at is not None


def test_the_api_revokes_directly_and_undoes_within_the_window(login_as, personas, db):
    grant = _marja_grant(db, personas)
    url = f"/api/v1/candidates/{personas.candidate}/network/{grant.id}"
    guy = login_as(personas.candidate)
    with clock.frozen(REVOKED_AT):
        assert guy.delete(url).status_code == 204
    with clock.frozen(REVOKED_AT + timedelta(minutes=5)):
        restored = guy.post(f"{url}/restore")
    assert restored.status_code == 200
    assert restored.json()["revoked_at"] is None and restored.json()["areas"] == grant.areas
    # Somebody else's grant is not found, and a stranger cannot undo.
    assert login_as(personas.other_candidate).post(f"{url}/restore").status_code == 404


def test_the_revoked_member_sees_a_kind_explanation_and_no_data(browser_as, login_as,
                                                                personas, db):
    marja = browser_as(personas.parent)
    assert marja.get(f"/c/{personas.candidate}").status_code == 200
    grant = _marja_grant(db, personas)
    assert login_as(personas.candidate).delete(
        f"/api/v1/candidates/{personas.candidate}/network/{grant.id}").status_code == 204
    for path in (f"/c/{personas.candidate}", "/"):
        page = marja.get(path)
        assert page.status_code == 403, path
        assert "Guy heeft besloten dat je niet meer meekijkt." in page.text
        assert "Vragen? Bel Floor de Vries op 036 539 9999." in page.text
        assert "Log eerst in" not in page.text
        assert "Je stappen" not in page.text and "Stappen" not in page.text.split("<main", 1)[1]
