"""Passwort ändern: the viewer's own password; every other session ends, this one goes on."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from frontdesk.accounts import service as accounts_service
from frontdesk.accounts.service import MIN_PASSWORD_LENGTH
from frontdesk.dashboard.deps import CurrentViewer, DbSession
from frontdesk.dashboard.rendering import render
from frontdesk.dashboard.routes.auth import locked_message, lockout_policy
from frontdesk.dashboard.sessions import start_session

router = APIRouter(prefix="/password")
PAGE = "/app/password"


def _form(
    request: Request, *, error: str | None = None, changed: bool = False, status_code: int = 200
) -> Response:
    """The form; `error` says in German why the last attempt changed nothing."""
    context = {"error": error, "changed": changed, "min_length": MIN_PASSWORD_LENGTH}
    return render(request, "password.html", context, status_code=status_code)


@router.get("")
def password_page(request: Request, viewer: CurrentViewer, changed: bool = False) -> Response:
    return _form(request, changed=changed)


@router.post("")
def change_password(
    request: Request,
    session: DbSession,
    viewer: CurrentViewer,
    current_password: Annotated[str, Form(max_length=1024)],
    new_password: Annotated[str, Form(max_length=1024)],
    new_password_repeat: Annotated[str, Form(max_length=1024)],
) -> Response:
    """On success this request's session starts afresh with the new version; every other copy
    of an old cookie (other devices, a stolen one) no longer opens a page."""
    if new_password != new_password_repeat:
        message = "Die beiden neuen Passwörter stimmen nicht überein."
        return _form(request, error=message, status_code=400)
    max_failures, lockout = lockout_policy(request.app.state.settings)
    try:
        user = accounts_service.change_password(
            session=session,
            user_id=viewer.user_id,
            current_password=current_password,
            new_password=new_password,
            max_failures=max_failures,
            lockout=lockout,
        )
    except accounts_service.AccountLocked as locked:
        return _form(request, error=locked_message(locked.until), status_code=429)
    except accounts_service.WrongPassword:
        return _form(request, error="Das aktuelle Passwort ist falsch.", status_code=400)
    except accounts_service.WeakPassword:
        message = f"Das neue Passwort braucht mindestens {MIN_PASSWORD_LENGTH} Zeichen."
        return _form(request, error=message, status_code=400)
    start_session(request, user.id, user.session_version)
    return RedirectResponse(f"{PAGE}?changed=1", status_code=303)
