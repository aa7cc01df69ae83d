"""Access-matrix rows of the route-templates API (tests/test_access_matrix.py)."""

from __future__ import annotations

from tests.access import SIGNED_IN, expected

ADMINS = ("admin", "other_admin")
NOT_ADMINS = tuple(c for c in SIGNED_IN if c not in ADMINS)

ONE_STEP = {"steps": [{
    "key": "talk", "pictogram": "talk", "kind": "normal", "default_duration_days": 7,
    "texts": {
        "nl": {"title": "Kennismaken", "summary": "Je maakt kennis.",
               "what_happens": "Je praat met de adviseur.", "what_you_do": "Vertel wat je wilt.",
               "who": "De adviseur."},
        "en": {"title": "Getting to know each other", "summary": "You meet.",
               "what_happens": "You talk with the adviser.", "what_you_do": "Say what you want.",
               "who": "The adviser."},
    },
}]}
NAME = {"name": {"nl": "Almere: nieuwe naam", "en": "Almere: new name"}}
IF_MATCH_1 = {"If-Match": 'W/"1"'}

# Almere's own route: its admin may change it; Amsterdam's admin finds nothing (404).
ROWS = [
    ("shipped routes", "GET", "/api/v1/route-templates/shipped", None, {},
     expected(ADMINS, 200, forbidden=NOT_ADMINS)),
    ("create route template", "POST", "/api/v1/route-templates", {"copy_from_shipped": "oss"}, {},
     expected(ADMINS, 201, forbidden=NOT_ADMINS)),
    ("rename route template", "PATCH", "/api/v1/route-templates/{almere_route}", NAME, IF_MATCH_1,
     expected(("admin",), 200, forbidden=NOT_ADMINS)),
    ("replace route steps", "PUT", "/api/v1/route-templates/{almere_route}/steps", ONE_STEP,
     IF_MATCH_1, expected(("admin",), 200, forbidden=NOT_ADMINS)),
    ("retire route template", "POST", "/api/v1/route-templates/{almere_route}/retire", None, {},
     expected(("admin",), 200, forbidden=NOT_ADMINS)),
    ("unretire route template", "POST", "/api/v1/route-templates/{almere_route}/unretire", None,
     {}, expected(("admin",), 200, forbidden=NOT_ADMINS)),
]
