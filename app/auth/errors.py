"""Errors of the auth domain."""

from app.errors import AppError, NotAuthenticated, TooManyAttempts
from app.i18n import lazy_gettext as _l


class InvalidCredentials(NotAuthenticated):
    code = "invalid_credentials"
    title = _l("The e-mail address or password is not correct.")
    keeps_changes = True


class SecondFactorRequired(NotAuthenticated):
    code = "second_factor_required"
    title = _l("Enter the 6-digit code from your authenticator app.")
    keeps_changes = True


class InvalidSecondFactor(NotAuthenticated):
    code = "invalid_second_factor"
    title = _l("The code from your authenticator app is not correct.")
    keeps_changes = True


class InviteInvalid(NotAuthenticated):
    code = "invite_invalid"
    title = _l(
        "This code or link does not work. Check it, or ask your contact person for a new one."
    )
    keeps_changes = True


class InviteNoLongerValid(NotAuthenticated):
    code = "invite_no_longer_valid"
    title = _l(
        "This code or link has already been used or is too old. "
        "Ask your contact person for a new one."
    )
    keeps_changes = True


class InvalidToken(NotAuthenticated):
    code = "invalid_token"
    title = _l("Your sign-in is no longer valid. Please sign in again.")


class AttemptsExceeded(TooManyAttempts):
    keeps_changes = True


class StaffLinksDisabled(AppError):
    status_code = 403
    code = "staff_links_disabled"
    title = _l("Staff sign in with their password and authenticator app.")


class SecondFactorAlreadyEnabled(AppError):
    status_code = 409
    code = "second_factor_already_enabled"
    title = _l("Two-step sign-in is already switched on.")


class SecondFactorNotStarted(AppError):
    status_code = 409
    code = "second_factor_not_started"
    title = _l("Start setting up two-step sign-in first.")


class SecondFactorAttemptsExceeded(NotAuthenticated):
    code = "second_factor_attempts_exceeded"
    title = _l("Too many wrong codes. Sign in again with your password.")
    keeps_changes = True


class RefreshTokenReused(InvalidToken):
    """A spent refresh token came back: its whole family was ended, and that must stay so."""

    code = "refresh_token_reused"
    keeps_changes = True
