"""Issuing a new version of the fallback guarantee keeps the earlier ones."""

from __future__ import annotations


def test_new_version_is_current_and_old_stays(login_as, personas):
    floor = login_as(personas.consultant)
    response = floor.post(f"/api/v1/candidates/{personas.candidate}/guarantee", json={
        "provider_name": "Zorggroep Almere", "provider_address": "Kerkstraat 2",
        "indication_valid_until": "2031-12-31",
        "income_consequences": "Je krijgt weer bijstand, zonder nieuwe aanvraag.",
        "arranged_by": "Floor de Vries"})
    assert response.status_code == 201 and response.json()["number"] == 2
    versions = login_as(personas.parent).get(
        f"/api/v1/candidates/{personas.candidate}/guarantee").json()
    assert [v["number"] for v in versions] == [2, 1]
    assert versions[0]["current"] and not versions[1]["current"]
    assert versions[0]["provider_name"] == "Zorggroep Almere"


def test_incomplete_guarantee_is_refused(login_as, personas):
    response = login_as(personas.consultant).post(
        f"/api/v1/candidates/{personas.candidate}/guarantee", json={"provider_name": "X"})
    assert response.status_code == 422
    names = {p["name"] for p in response.json()["invalid_params"]}
    assert {"indication_valid_until", "income_consequences", "arranged_by"} <= names
