"""Errors of the network domain."""

from app.errors import AppError, ValidationFailed, field_error
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l


def consent_required() -> ValidationFailed:
    return ValidationFailed(invalid_params=[field_error(
        "consent_method",
        _("Record how the candidate agreed: in a talk (in_person) or on paper (in_writing)."),
        "consent_required",
    )])


class UndoExpired(AppError):
    """The short window to take back a revocation has passed: invite the person again."""

    status_code = 409
    code = "undo_expired"
    title = _l("It is too late to undo this. Invite the person again.")


class AccessEnded(AppError):
    """A network member whose access was taken away comes back: a kind explanation instead
    of "please sign in first", and no data."""

    status_code = 403
    code = "access_ended"
    title = _l("You no longer look along.")

    def __init__(self, candidate_name: str, contact_name: str | None,
                 contact_phone: str | None) -> None:
        if contact_name and contact_phone:
            detail = _("Questions? Call %(name)s on %(phone)s.") % {
                "name": contact_name, "phone": contact_phone}
        elif contact_name:
            detail = _("Questions? Ask %(name)s.") % {"name": contact_name}
        else:
            detail = None
        super().__init__(detail, extra={"candidate_name": candidate_name})
        self.title = _("%(name)s has decided that you no longer look along.") % {
            "name": candidate_name}
