"""The dashboard's errors and the one place they (and domain errors) become responses."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response


class DashboardError(Exception):
    status_code = 400
    message = "Die Anfrage konnte nicht verarbeitet werden."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)
        self.message = message or self.message


class NotFound(DashboardError):
    """Absent, or another company's (never told apart)."""

    status_code = 404
    message = "Nicht gefunden."


class LoginRequired(DashboardError):
    status_code = 401
    message = "Bitte melden Sie sich an."


class CsrfRejected(DashboardError):
    status_code = 403
    message = "Das Formular ist abgelaufen. Bitte laden Sie die Seite neu."


class ActionRefused(DashboardError):
    """A domain rule said no (e.g. the slot is taken); the message says why, in German."""

    status_code = 409


def _render_error(request: Request, exc: DashboardError) -> Response:
    from frontdesk.dashboard.rendering import render_error

    return render_error(request, exc.message, exc.status_code)


async def _handle(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DashboardError)
    if isinstance(exc, LoginRequired):
        target = "/app/login?next=" + quote(request.url.path, safe="/")
        if request.headers.get("hx-request"):
            return Response(status_code=204, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)
    return _render_error(request, exc)


def install_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DashboardError, _handle)
