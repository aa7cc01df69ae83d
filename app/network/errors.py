"""Errors of the network domain."""

from app.errors import ValidationFailed, field_error
from app.i18n import gettext as _


def consent_required() -> ValidationFailed:
    return ValidationFailed(invalid_params=[field_error(
        "consent_method",
        _("Record how the candidate agreed: in a talk (in_person) or on paper (in_writing)."),
        "consent_required",
    )])
