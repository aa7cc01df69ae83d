"""Errors of the people domain."""

from app.errors import Conflict, NotFound
from app.i18n import lazy_gettext as _l


class CannotDeactivateYourself(Conflict):
    code = "cannot_deactivate_yourself"
    title = _l("You cannot switch off your own account. Ask another admin.")


class EmailInUse(Conflict):
    code = "email_in_use"
    title = _l("This e-mail address is already in use.")


class SetupLinkInvalid(NotFound):
    code = "setup_link_invalid"
    title = _l("This link does not work any more. Ask your admin for a new one.")
