"""Session cookie secret and CSRF tokens."""

from __future__ import annotations

import hmac
import os
import secrets
import time
from pathlib import Path

from starlette.requests import Request

from frontdesk.settings import Settings

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
_USER_KEY = "uid"
_CSRF_KEY = "csrf"
_VERSION_KEY = "sv"


def session_secret(settings: Settings) -> str:
    """The configured secret, else one generated once and kept in a file (restarts keep it)."""
    if settings.session_secret:
        return settings.session_secret
    path = Path(settings.session_secret_file)
    if path.exists():
        stored = path.read_text(encoding="utf-8").strip()
        if stored:
            return stored
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process wrote it first: use theirs
        time.sleep(0.05)
        return path.read_text(encoding="utf-8").strip() or secret
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(secret + "\n")
    return secret


def csrf_token(request: Request) -> str:
    """This session's CSRF token (created on first use)."""
    token = request.session.get(_CSRF_KEY)
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        request.session[_CSRF_KEY] = token
    return token


def csrf_valid(request: Request, submitted: str | None) -> bool:
    expected = request.session.get(_CSRF_KEY)
    if not isinstance(expected, str) or not expected or not submitted:
        return False
    return hmac.compare_digest(expected.encode(), submitted.encode())


def session_user_id(request: Request) -> int | None:
    value = request.session.get(_USER_KEY)
    return value if isinstance(value, int) else None


def session_version(request: Request) -> int | None:
    """The user's session version this cookie was issued under (checked against the database)."""
    value = request.session.get(_VERSION_KEY)
    return value if isinstance(value, int) else None


def start_session(request: Request, user_id: int, version: int = 0) -> None:
    """A fresh session for the user (a new CSRF token; nothing kept from before login)."""
    request.session.clear()
    request.session[_USER_KEY] = user_id
    request.session[_VERSION_KEY] = version
    request.session[_CSRF_KEY] = secrets.token_urlsafe(32)


def end_session(request: Request) -> None:
    request.session.clear()
