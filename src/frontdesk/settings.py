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
    # Background work: SqliteHuey beside the database unless a Redis URL is set.
    redis_url: str = Field(default="", description="redis://… : RedisHuey instead of SqliteHuey.")
    queue_path: str = Field(default="", description="SqliteHuey file; empty: beside the database.")
    queue_name: str = Field(default="frontdesk", description="Queue name (one Redis, many hosts).")
    job_lease_seconds: int = Field(
        default=300, description="A running job whose worker died is due again after this."
    )
    worker_threads: int = 2
    # SMS through Twilio; without credentials SMS is off.
    twilio_account_sid: str = ""
    twilio_auth_token: str = ""
    twilio_from_number: str = ""
    twilio_api_base_url: str = Field(
        default="https://api.twilio.com", description="Any Twilio-compatible endpoint."
    )
    sms_quiet_hours: str = Field(
        default="20:00-08:00", description="No SMS in this local window; empty for none."
    )
    stale_provisional_days: int = Field(
        default=30,
        description="Provisional customers without an appointment older than this "
        "are closed as unidentified by the enrichment sweep.",
    )

    # Watching: metrics, alerts, retention.
    metrics_token: str = Field(default="", description="Bearer token for GET /metrics; empty: 404.")
    smtp_host: str = Field(default="", description="SMTP server for alert e-mails; empty: none.")
    smtp_port: int = 25
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = False
    smtp_from: str = "frontdesk@localhost"
    alert_email_to: str = Field(default="", description="Comma-separated default recipients.")
    alert_webhook_url: str = Field(default="", description="Default JSON webhook for alerts.")
    retention_days: int = Field(
        default=90, description="Transcripts, recordings, message bodies, raw events older: purged."
    )

    @property
    def sms_enabled(self) -> bool:
        return bool(self.twilio_account_sid and self.twilio_auth_token and self.twilio_from_number)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (tests clear the cache after changing the environment)."""
    return Settings()
