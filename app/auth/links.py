"""Turning an issued invite into what a person can use: a link, a code and a QR code."""

from __future__ import annotations

from app.auth.schemas import InvitePublic
from app.auth.service import IssuedInvite
from app.settings import Settings


def invite_link(settings: Settings, token: str) -> str:
    return f"{settings.base_url.rstrip('/')}/i/{token}"


def qr_svg(data: str) -> str:
    """An inline SVG QR code (no external service sees the link)."""
    import segno  # only pages that show a QR code need it

    return segno.make(data, error="m").svg_inline(scale=4, dark="#000", light="#fff", border=2)


def invite_public(settings: Settings, issued: IssuedInvite) -> InvitePublic:
    link = invite_link(settings, issued.token)
    return InvitePublic(link=link, code=issued.code, expires_at=issued.expires_at,
                        qr_svg=qr_svg(link))
