"""Request and response shapes of the auth API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from app.auth.models import SessionKind
from app.input_types import Line
from app.people.models import Role


class StaffLogin(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=200)
    totp_code: str | None = Field(default=None, max_length=10, description="6-digit TOTP code")
    device_label: Line = Field(default="", max_length=120)


class InviteRedeem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: str | None = Field(default=None, min_length=20, max_length=100,
                              description="The token from an invite link")
    code: str | None = Field(default=None, min_length=6, max_length=20,
                             description="The short code, e.g. K7QM-X3P-9A2")
    device_label: Line = Field(default="", max_length=120)


class RefreshRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    refresh_token: str = Field(min_length=20, max_length=100)


class TokenResponse(BaseModel):
    token_type: str = "bearer"  # noqa: S105 - the OAuth token type, not a secret
    access_token: str
    access_expires_at: datetime
    refresh_token: str
    refresh_expires_at: datetime
    role: Role
    person_id: int


class InvitePublic(BaseModel):
    """A fresh invite to hand over: shown once, never retrievable again."""

    link: str
    code: str
    expires_at: datetime
    qr_svg: str = Field(description="The link as an SVG QR code, to show on screen")


class SessionPublic(BaseModel):
    id: int
    kind: SessionKind
    label: str
    created_at: datetime
    last_used_at: datetime
    expires_at: datetime
    current: bool


class TotpEnrolment(BaseModel):
    secret: str
    otpauth_uri: str
    qr_svg: str


class TotpConfirm(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(min_length=6, max_length=10)


class MePublic(BaseModel):
    id: int
    role: Role
    display_name: str
    organisation_id: int
    organisation_name: str
    locale: str | None
    second_factor_enabled: bool
    # For network members: the candidates they look along with and the areas of each.
    looking_along: list[dict] = Field(default_factory=list)


