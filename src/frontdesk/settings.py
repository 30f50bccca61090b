"""Configuration, read from FRONTDESK_* environment variables and an optional .env file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DB_PATH = Path("var") / "frontdesk.db"


class Settings(BaseSettings):
    """Everything an operator may set; defaults serve the embedded single-practice setup."""

    model_config = SettingsConfigDict(env_prefix="FRONTDESK_", env_file=".env", extra="ignore")

    database_url: str = Field(default=f"sqlite:///{DEFAULT_DB_PATH}")
    retell_api_key: str = Field(default="", description="Retell API key marked for webhooks.")
    max_body_bytes: int = Field(default=1024 * 1024, description="Request bodies above are 413.")
    signature_tolerance_seconds: int = 300
    host: str = "127.0.0.1"
    port: int = 8000
    public_base_url: str = "http://127.0.0.1:8000"
    default_timezone: str = "Europe/Berlin"
    default_region: str = "DE"
    slot_hold_seconds: int = 120
    log_level: str = "INFO"
    log_json: bool | None = Field(default=None, description="None: JSON unless on a terminal.")
    # Dashboard (operators' web face under /app).
    session_secret: str = Field(
        default="", description="Signs session cookies; empty: generated once under ./var/."
    )
    session_secret_file: str = "var/session-secret"
    session_cookie_secure: bool = Field(default=False, description="Send cookies over HTTPS only.")
    orphan_sweep_seconds: int = Field(
        default=300, description="How often stored but unprocessed events are recovered (0: off)."
    )
    api_docs: bool = Field(
        default=False, description="Serve /docs, /redoc and /openapi.json (development only)."
    )
    session_max_age_seconds: int = 12 * 3600
    login_max_failures: int = Field(default=5, description="Failed logins before a lock-out.")
    login_lockout_seconds: int = 15 * 60


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (tests clear the cache after changing the environment)."""
    return Settings()
