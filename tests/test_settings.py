"""Settings: production refuses default or weak secrets and the demo seed."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from app.settings import DEFAULT_SECRET, Settings

STRONG = "x" * 48


def test_production_refuses_default_secrets():
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings(environment="production", secret_key=DEFAULT_SECRET, jwt_secret_key=STRONG,
                 seed_demo_on_start=False)


def test_production_refuses_short_secrets():
    with pytest.raises(ValidationError, match="JWT_SECRET_KEY"):
        Settings(environment="production", secret_key=STRONG, jwt_secret_key="short",
                 seed_demo_on_start=False)


def test_production_refuses_demo_seed():
    with pytest.raises(ValidationError, match="SEED_DEMO"):
        Settings(environment="production", secret_key=STRONG, jwt_secret_key=STRONG)


def test_production_refuses_cheap_password_hashing():
    with pytest.raises(ValidationError, match="ARGON2_PROFILE"):
        Settings(environment="production", secret_key=STRONG, jwt_secret_key=STRONG,
                 seed_demo_on_start=False, argon2_profile="fast")


def test_a_fast_hash_still_verifies_after_switching_back(settings):
    """The suite hashes cheaply; a stored hash carries its own cost, so either verifies."""
    from app.auth import security

    security.configure_password_hashing("fast")
    cheap = security.hash_password("secret words")
    security.configure_password_hashing("standard")
    try:
        assert security.verify_password(cheap, "secret words")
        assert not security.verify_password(cheap, "other words")
        assert "m=1024" in cheap and "m=1024" not in security.hash_password("secret words")
    finally:
        security.configure_password_hashing(settings.argon2_profile)


def _vapid_pair() -> dict[str, str]:
    """A VAPID key pair made with `cryptography` (base64url; the public key is the point)."""
    import base64

    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    key = ec.generate_private_key(ec.SECP256R1())
    raw = key.private_numbers().private_value.to_bytes(32, "big")
    point = key.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    b64 = lambda data: base64.urlsafe_b64encode(data).rstrip(b"=").decode()  # noqa: E731
    return {"vapid_private_key": b64(raw), "vapid_public_key": b64(point),
            "vapid_subject": "mailto:beheer@stapwijzer.example"}


VAPID = _vapid_pair()


def test_production_with_proper_secrets_starts():
    settings = Settings(environment="production", secret_key=STRONG, jwt_secret_key=STRONG,
                        seed_demo_on_start=False, base_url="https://stapwijzer.example", **VAPID)
    assert settings.is_production and settings.cookies_secure


@pytest.mark.parametrize("missing", sorted(VAPID))
def test_production_refuses_to_start_without_push_keys(missing):
    values = {**VAPID, missing: None}
    with pytest.raises(ValidationError, match="VAPID"):
        Settings(environment="production", secret_key=STRONG, jwt_secret_key=STRONG,
                 seed_demo_on_start=False, **values)


def test_a_public_push_key_of_another_pair_is_refused():
    with pytest.raises(ValidationError, match="VAPID_PUBLIC_KEY"):
        Settings(vapid_private_key=VAPID["vapid_private_key"],
                 vapid_public_key=_vapid_pair()["vapid_public_key"])


def test_development_derives_a_stable_push_key_pair_from_its_secret():
    one, again = Settings(secret_key=STRONG), Settings(secret_key=STRONG)
    other = Settings(secret_key="y" * 48)
    assert one.vapid_private_key == again.vapid_private_key != other.vapid_private_key
    assert one.vapid_public_key.startswith("B") and one.vapid_subject.startswith("mailto:")


def test_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/elsewhere.sqlite3")
    monkeypatch.setenv("BASE_URL", "https://example.test")
    monkeypatch.setenv("SMTP_HOST", "mail.example.test")
    settings = Settings()
    assert settings.database_url == "sqlite:////tmp/elsewhere.sqlite3"
    assert settings.base_url == "https://example.test" and settings.smtp_host == "mail.example.test"
