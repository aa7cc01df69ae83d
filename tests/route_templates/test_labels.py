"""Every step kind has one label, kept beside the enum and used by the back-office."""

from __future__ import annotations

import pytest

from app.i18n import reset_locale, set_locale
from app.route_templates.models import STEP_KIND_LABELS, StepKind


def test_every_step_kind_has_a_label():
    assert set(STEP_KIND_LABELS) == set(StepKind)


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_labels_are_translated_and_distinct(locale):
    token = set_locale(locale)
    try:
        labels = [kind.label for kind in StepKind]
    finally:
        reset_locale(token)
    assert all(labels) and len(set(labels)) == len(labels)
