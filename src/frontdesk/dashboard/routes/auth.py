"""Log in and out."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from frontdesk.accounts import service as accounts_service
from frontdesk.dashboard.deps import DbSession, StorableText
from frontdesk.dashboard.rendering import render
from frontdesk.dashboard.sessions import end_session, session_user_id, start_session
from frontdesk.settings import Settings

router = APIRouter()


def _safe_next(target: str | None) -> str:
    """Only a path inside the dashboard (no open redirect)."""
    if target and target.startswith("/app") and not target.startswith("//"):
        return target
    return "/app"


LOCKED_MESSAGE = "Zu viele Fehlversuche. Das Konto ist vorübergehend gesperrt."


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
    except accounts_service.AccountLocked:
        return render(
            request,
            "login.html",
            {"error": LOCKED_MESSAGE, "email": email, "next": next},
            status_code=429,
        )
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
