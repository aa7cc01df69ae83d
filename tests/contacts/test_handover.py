"""Contact person, backup, hand-over and absences."""

from __future__ import annotations

from datetime import timedelta

from app.clock import local_today


def test_handover_to_another_consultant_is_announced(login_as, personas):
    floor = login_as(personas.consultant)
    etag = floor.get(f"/api/v1/candidates/{personas.candidate}/contact").headers["ETag"]
    response = floor.put(f"/api/v1/candidates/{personas.candidate}/contact", json={
        "primary_id": personas.colleague, "backup_id": personas.consultant,
        "handover_note": "Olga neemt het over vanaf maandag."}, headers={"If-Match": etag})
    assert response.status_code == 200
    guy = login_as(personas.candidate)
    assert guy.get(f"/api/v1/candidates/{personas.candidate}/contact").json()[
        "reachable"]["display_name"] == "Olga Smit"
    newest = guy.get(f"/api/v1/candidates/{personas.candidate}/messages").json()[0]
    assert "Olga Smit" in newest["body"]
    # Olga sees Guy now; Sander (no longer backup) does not.
    assert login_as(personas.colleague).get(
        f"/api/v1/candidates/{personas.candidate}").status_code == 200
    assert login_as(personas.backup_consultant).get(
        f"/api/v1/candidates/{personas.candidate}").status_code == 404


def test_contacts_must_be_active_colleagues(login_as, personas):
    floor = login_as(personas.consultant)
    etag = floor.get(f"/api/v1/candidates/{personas.candidate}/contact").headers["ETag"]
    for body, field in (({"primary_id": personas.other_consultant}, "primary_id"),
                        ({"primary_id": personas.consultant,
                          "backup_id": personas.consultant}, "backup_id"),
                        ({"primary_id": personas.admin}, "primary_id")):
        response = floor.put(f"/api/v1/candidates/{personas.candidate}/contact", json=body,
                             headers={"If-Match": etag})
        assert response.status_code == 422
        assert response.json()["invalid_params"][0]["name"] == field


def test_absence_shows_the_backup_and_can_be_removed(login_as, personas):
    floor = login_as(personas.consultant)
    created = floor.post("/api/v1/me/absences", json={
        "starts_on": local_today().isoformat(),
        "ends_on": (local_today() + timedelta(days=7)).isoformat(), "note": "vakantie"})
    assert created.status_code == 201
    guy = login_as(personas.candidate)
    contact = guy.get(f"/api/v1/candidates/{personas.candidate}/contact").json()
    assert contact["reachable"]["display_name"] == "Sander Bakker"
    assert floor.delete(f"/api/v1/me/absences/{created.json()['id']}").status_code == 204
    contact = guy.get(f"/api/v1/candidates/{personas.candidate}/contact").json()
    assert contact["reachable"]["display_name"] == "Floor de Vries"


def test_absence_must_end_after_it_starts(login_as, personas):
    response = login_as(personas.consultant).post("/api/v1/me/absences", json={
        "starts_on": "2030-02-10", "ends_on": "2030-02-01"})
    assert response.status_code == 422
    assert response.json()["invalid_params"][0]["name"] == "ends_on"
