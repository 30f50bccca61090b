"""Log in and out."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from frontdesk.accounts import service as accounts_service
from frontdesk.dashboard.deps import DbSession, StorableText
from frontdesk.dashboard.rendering import render
from frontdesk.dashboard.sessions import end_session, session_user_id, start_session
from frontdesk.db.core import utcnow
from frontdesk.settings import Settings

router = APIRouter()


def _safe_next(target: str | None) -> str:
    """Only a path inside the dashboard (no open redirect)."""
    if target and target.startswith("/app") and not target.startswith("//"):
        return target
    return "/app"


# The lock-out's end is told in the practice's usual zone; the login page knows no company,
# and using the account's own zone would tell which e-mails have an account.
LOGIN_ZONE = ZoneInfo("Europe/Berlin")
DEACTIVATED_MESSAGE = (
    "Dieses Konto wurde deaktiviert. Bitte wenden Sie sich an die Inhaberin oder den Inhaber "
    "der Praxis."
)


def locked_message(until: datetime, now: datetime | None = None) -> str:
    """How long the lock-out lasts, in German: "… für 15 Minuten gesperrt (bis 10:45 Uhr)"."""
    remaining = until - (now or utcnow())
    minutes = max(1, math.ceil(remaining.total_seconds() / 60))
    span = "1 Minute" if minutes == 1 else f"{minutes} Minuten"
    clock = until.astimezone(LOGIN_ZONE).strftime("%H:%M")
    return (
        f"Zu viele Fehlversuche. Die Anmeldung ist für {span} gesperrt (bis {clock} Uhr). "
        "Die Praxisinhaberin oder der Praxisinhaber kann die Sperre früher aufheben."
    )


def lockout_policy(settings: Settings) -> tuple[int, timedelta]:
    """How many failed password checks lock an account, and for how long (login and change)."""
    return settings.login_max_failures, timedelta(seconds=settings.login_lockout_seconds)


@router.get("/login")
def login_page(request: Request, next: str | None = None) -> Response:
    if session_user_id(request) is not None:
        return RedirectResponse(_safe_next(next), status_code=303)
    return render(request, "login.html", {"next": _safe_next(next), "email": ""})


@router.post("/login")
def login(
    request: Request,
    session: DbSession,
    email: Annotated[StorableText, Form(max_length=254)],
    password: Annotated[str, Form(max_length=1024)],
    next: Annotated[str, Form()] = "/app",
) -> Response:
    max_failures, lockout = lockout_policy(request.app.state.settings)
    try:
        user = accounts_service.authenticate(
            session=session,
            email=email,
            password=password,
            max_failures=max_failures,
            lockout=lockout,
        )
    except accounts_service.AccountLocked as locked:
        context = {"error": locked_message(locked.until), "email": email, "next": next}
        return render(request, "login.html", context, status_code=429)
    except accounts_service.AccountDeactivated:
        context = {"error": DEACTIVATED_MESSAGE, "email": email, "next": next}
        return render(request, "login.html", context, status_code=403)
    if user is None:
        message = "E-Mail oder Passwort ist falsch."
        return render(
            request, "login.html", {"error": message, "email": email, "next": next}, status_code=401
        )
    start_session(request, user.id, user.session_version)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request, session: DbSession) -> Response:
    """Ends the session for good: a copy of the cookie taken before no longer opens a page."""
    user_id = session_user_id(request)
    if user_id is not None:
        accounts_service.end_all_sessions(session=session, user_id=user_id)
    end_session(request)
    return RedirectResponse("/app/login", status_code=303)
