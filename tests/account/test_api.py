"""Preferences and the data export."""

from __future__ import annotations

import json


def test_preferences_change_with_the_current_version(login_as, personas):
    guy = login_as(personas.candidate)
    current = guy.get("/api/v1/me/preferences")
    etag = current.headers["ETag"]
    changed = guy.patch("/api/v1/me/preferences", json={"locale": "en", "text_size": "larger",
                                                        "read_aloud": False},
                        headers={"If-Match": etag})
    assert changed.status_code == 200
    assert changed.json() == {"locale": "en", "text_size": "larger", "read_aloud": False,
                              "version": current.json()["version"] + 1}
    stale = guy.patch("/api/v1/me/preferences", json={"locale": "nl"}, headers={"If-Match": etag})
    assert stale.status_code == 412
    bad = guy.patch("/api/v1/me/preferences", json={"locale": "de"},
                    headers={"If-Match": changed.headers["ETag"]})
    assert bad.status_code == 422 and bad.json()["invalid_params"][0]["name"] == "locale"


def test_export_holds_the_whole_file_and_no_secrets(login_as, personas):
    login_as(personas.consultant).get(f"/api/v1/candidates/{personas.candidate}")
    response = login_as(personas.candidate).get("/api/v1/me/export")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    data = response.json()
    assert data["person"]["display_name"] == "Guy Visser"
    assert {"journeys", "steps", "appointments", "messages", "guarantees", "money_inputs",
            "network", "access_log", "sessions", "contact"} <= set(data)
    assert data["access_log"] and data["steps"] and data["guarantees"]
    text = json.dumps(data)
    assert "token_hash" not in text and "password_hash" not in text and "totp_secret" not in text
