"""One error model: problem+json under /api/ in the caller's language, friendly pages elsewhere."""

from __future__ import annotations

import pytest


def test_validation_error_is_problem_json_in_dutch_by_default(client):
    response = client.post("/api/v1/auth/login", json={"email": "a@b.c"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == "validation_failed"
    assert problem["title"] == "Er mist iets, of iets klopt niet."
    assert problem["instance"] == "/api/v1/auth/login"
    assert problem["type"].endswith("validation_failed")
    assert problem["invalid_params"] == [
        {"name": "password", "code": "missing", "reason": "Vul dit veld in."}
    ]


def test_validation_error_in_english_when_asked(client):
    response = client.post("/api/v1/auth/login", json={"email": "a@b.c"},
                           headers={"Accept-Language": "en-GB,en;q=0.9"})
    problem = response.json()
    assert problem["title"] == "Some information is missing or not correct."
    assert problem["invalid_params"][0]["reason"] == "This field is required."
    assert response.headers["Content-Language"] == "en"


def test_limits_are_filled_into_field_messages(client):
    response = client.post("/api/v1/auth/login", json={"email": "a@b.c", "password": "x" * 201})
    reason = response.json()["invalid_params"][0]["reason"]
    assert "200" in reason


def test_malformed_json_is_a_problem_not_a_crash(client):
    response = client.post("/api/v1/auth/login", content=b"{not json",
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


def test_unknown_api_path_is_problem_json(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_wrong_method_is_problem_json(client):
    response = client.delete("/api/v1/me")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


@pytest.mark.parametrize(("language", "text"), [("nl", "We kunnen dit niet vinden."),
                                                 ("en", "We could not find this.")])
def test_unknown_page_is_a_friendly_translated_page(client, language, text):
    response = client.get("/no-such-page", headers={"Accept-Language": language})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert text in response.text
    assert f'<html lang="{language}"' in response.text


def test_pages_needing_sign_in_explain_how(client):
    response = client.get("/account/two-step")
    assert response.status_code == 401
    assert "/code" in response.text and "/login" in response.text


def test_openapi_documents_every_endpoint_with_problem_responses(client):
    schema = client.get("/openapi.json").json()
    assert "Problem" in schema["components"]["schemas"]
    for path, operations in schema["paths"].items():
        assert path.startswith("/api/v1/")
        for operation in operations.values():
            for status in ("401", "404", "422"):
                content = operation["responses"][status]["content"]
                assert "application/problem+json" in content, (path, status)


HUGE_ID = "9668500635046476789613632421888"  # found by the fuzzer: overflowed the database


def test_an_id_too_large_for_the_database_is_a_clear_422_and_stores_nothing(login_as, personas):
    floor = login_as(personas.consultant)
    response = floor.post(f"/api/v1/candidates/{HUGE_ID}/journey", json={"route_template_id": 1})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["invalid_params"][0]["name"] == "candidate_id"
    assert floor.get(f"/api/v1/candidates/{personas.candidate}/appointments/{HUGE_ID}"
                     ).status_code == 422
    assert floor.get(f"/api/v1/candidates/{personas.candidate}/appointments/0").status_code == 422


@pytest.mark.parametrize("path", [f"/c/{HUGE_ID}", f"/office/candidates/{HUGE_ID}/journey"])
def test_a_page_with_an_impossible_id_is_the_friendly_not_found_page(path, browser_as, personas):
    who = personas.candidate if path.startswith("/c/") else personas.consultant
    response = browser_as(who).get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "We kunnen dit niet vinden" in response.text
