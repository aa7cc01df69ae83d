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


def test_production_with_proper_secrets_starts():
    settings = Settings(environment="production", secret_key=STRONG, jwt_secret_key=STRONG,
                        seed_demo_on_start=False, base_url="https://stapwijzer.example")
    assert settings.is_production and settings.cookies_secure


def test_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/elsewhere.sqlite3")
    monkeypatch.setenv("BASE_URL", "https://example.test")
    monkeypatch.setenv("SMTP_HOST", "mail.example.test")
    settings = Settings()
    assert settings.database_url == "sqlite:////tmp/elsewhere.sqlite3"
    assert settings.base_url == "https://example.test" and settings.smtp_host == "mail.example.test"
