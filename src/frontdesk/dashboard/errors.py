"""The dashboard's errors and the one place they (and domain errors) become responses.

Inside /app every error is a German page in the layout with a way back: the dashboard's own
errors, unknown addresses (404), parameters that do not parse (404 in the path, 422 in the
query or form) and unhandled exceptions (500, logged, no traceback shown). Outside /app the
voice, SMS and API routes keep FastAPI's JSON errors unchanged."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

import structlog
from fastapi import FastAPI
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response

APP_PREFIX = "/app"


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


class InvalidInput(DashboardError):
    """A query or form value the dashboard cannot read; the message names it, in German."""

    status_code = 422


# What a path, query or form parameter holds, for "'abc' ist keine Anrufnummer".
PARAMETER_NAMES = {
    "call_id": "Anrufnummer",
    "customer_id": "Kundennummer",
    "item_id": "Nummer eines Prüfeintrags",
    "appointment_id": "Terminnummer",
    "entry_id": "Nummer eines Wartelisten-Eintrags",
    "feed_id": "Nummer eines Kalender-Abos",
    "absence_id": "Nummer einer Abwesenheit",
    "staff_id": "Mitarbeiternummer",
    "service_id": "Nummer einer Leistung",
    "user_id": "Benutzernummer",
    "assignee_id": "Benutzernummer",
    "before": "Anrufnummer",
    "days": "Anzahl Tage",
    "day": "Tag",
    "date": "Tag",
    "time": "Uhrzeit",
    "page": "Seitenzahl",
    "name": "Name",
    "first_day": "„Von“",
    "last_day": "„Bis“",
    "note": "Notiz",
    "text": "Notiz",
    "email": "E-Mail",
    "password": "Passwort",
    "confirm": "Bestätigung",
}
STATUS_TITLES = {
    400: "Das ging nicht",
    401: "Bitte anmelden",
    403: "Nicht erlaubt",
    404: "Nicht gefunden",
    405: "Nicht möglich",
    409: "Das ging nicht",
    422: "Ungültige Angabe",
    500: "Ein Fehler ist aufgetreten",
}
HTTP_MESSAGES = {
    404: "Diese Seite gibt es nicht.",
    405: "Diese Aktion ist hier nicht möglich.",
}
SERVER_ERROR = (
    "Auf unserer Seite ist ein Fehler aufgetreten. Er wurde aufgezeichnet. Bitte versuchen "
    "Sie es gleich noch einmal."
)
UNSAVED = " Was Sie gerade abgeschickt haben, wurde nicht gespeichert."
_SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def in_dashboard(request: Request) -> bool:
    path = request.url.path
    return path == APP_PREFIX or path.startswith(APP_PREFIX + "/")


def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _problem(error: dict[str, Any]) -> str:
    """One validation error as a German sentence."""
    loc = [str(part) for part in error.get("loc", ()) if not isinstance(part, int)]
    field = loc[-1] if len(loc) > 1 else (loc[0] if loc else "")
    what = PARAMETER_NAMES.get(field, f"„{field}“" if field else "die Angabe")
    kind = str(error.get("type", ""))
    given = error.get("input")
    if kind == "missing":
        return f"Es fehlt: {what}."
    if given is None or isinstance(given, (dict, list)):
        return f"{what} ist ungültig."
    if kind.startswith(("int_", "float_", "decimal_")):
        return f"„{_shown(given)}“ ist keine gültige {what}" + (
            "." if field in PARAMETER_NAMES else " (eine Zahl erwartet)."
        )
    if kind.startswith("date"):
        return f"„{_shown(given)}“ ist kein gültiger Tag (erwartet: JJJJ-MM-TT)."
    if kind.startswith("time"):
        return f"„{_shown(given)}“ ist keine gültige Uhrzeit (erwartet: HH:MM)."
    if kind.startswith("bool"):
        return f"„{_shown(given)}“ ist weder ja noch nein ({what})."
    limits = error.get("ctx") or {}
    if kind in ("less_than_equal", "less_than"):
        bound = limits.get("le", limits.get("lt"))
        return f"„{_shown(given)}“ ist zu groß für {what} (höchstens {bound})."
    if kind in ("greater_than_equal", "greater_than"):
        bound = limits.get("ge", limits.get("gt"))
        return f"„{_shown(given)}“ ist zu klein für {what} (mindestens {bound})."
    if kind.startswith(("string_too_long", "too_long")):
        return f"{what} ist zu lang."
    return f"„{_shown(given)}“ ist für {what} ungültig."


def validation_message(errors: Sequence[dict[str, Any]]) -> tuple[str, int]:
    """The German message and status for parameters that did not parse: a bad path segment
    is an address that does not exist (404), a bad query or form value a bad request (422)."""
    problems = list(dict.fromkeys(_problem(e) for e in errors)) or ["Die Angaben sind ungültig."]
    in_path = all(e.get("loc", ("",))[0] == "path" for e in errors)
    if in_path:
        return "Die Adresse ist ungültig: " + " ".join(problems), 404
    return "Die Angaben sind ungültig: " + " ".join(problems), 422


def _render_error(request: Request, message: str, status_code: int) -> Response:
    from frontdesk.dashboard.rendering import render_error

    return render_error(request, message, status_code)


async def _handle(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DashboardError)
    if isinstance(exc, LoginRequired):
        target = "/app/login?next=" + quote(request.url.path, safe="/")
        if request.headers.get("hx-request"):
            return Response(status_code=204, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)
    return _render_error(request, exc.message, exc.status_code)


async def _handle_http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if not in_dashboard(request):
        return await http_exception_handler(request, exc)
    message = HTTP_MESSAGES.get(exc.status_code, "Die Anfrage konnte nicht verarbeitet werden.")
    response = _render_error(request, message, exc.status_code)
    for name, value in (exc.headers or {}).items():
        response.headers.setdefault(name, value)
    return response


async def _handle_validation(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    if not in_dashboard(request):
        return await request_validation_exception_handler(request, exc)
    message, status_code = validation_message(exc.errors())
    return _render_error(request, message, status_code)


# The largest id column value (INTEGER on PostgreSQL); a larger id cannot name a row.
MAX_ID = 2**31 - 1
# PostgreSQL's SQLSTATE for numeric_value_out_of_range ("integer out of range").
OUT_OF_RANGE = "22003"


def _too_large(text: str) -> bool:
    digits = text.strip().removeprefix("-")
    return digits.isdecimal() and (len(digits) > 10 or int(digits) > MAX_ID)


async def _handle_overflow(request: Request, exc: Exception) -> Response:
    """A number the database cannot bind (SQLite: beyond 64 bits, OverflowError; PostgreSQL:
    beyond an INTEGER column, DataError 22003) or a date overflow, from a path, query or form
    value: a parameter that does not parse, not a server error."""
    out_of_range = isinstance(exc, OverflowError) or (
        getattr(getattr(exc, "orig", None), "sqlstate", None) == OUT_OF_RANGE
    )
    if not (out_of_range and in_dashboard(request)):
        raise exc
    too_large = [value for value in request.path_params.values() if _too_large(str(value))]
    if too_large:
        return _render_error(
            request, f"Die Adresse ist ungültig: „{_shown(too_large[0])}“ ist zu groß.", 404
        )
    return _render_error(request, "Die Angaben sind ungültig: eine Zahl ist zu groß.", 422)


def _plain_server_error(message: str) -> Response:
    return HTMLResponse(
        '<!doctype html><html lang="de"><meta charset="utf-8"><title>Fehler · frontdesk</title>'
        f'<main><h1>Ein Fehler ist aufgetreten</h1><p role="alert">{message}</p>'
        '<p><a href="/app">Zur Übersicht</a></p></main></html>',
        status_code=500,
    )


async def _handle_unexpected(request: Request, exc: Exception) -> Response:
    """Starlette's outermost handler: the exception is logged here (and re-raised by Starlette
    to the server afterwards); the person sees a German page without the traceback."""
    if not in_dashboard(request):
        return PlainTextResponse("Internal Server Error", status_code=500)
    # A fresh logger per (rare) error: the configuration in force now, not at import.
    structlog.get_logger(__name__).error(
        "dashboard.unhandled_error", path=request.url.path, exc_info=exc
    )
    message = SERVER_ERROR + ("" if request.method in _SAFE_METHODS else UNSAVED)
    try:
        return _render_error(request, message, 500)
    except Exception:  # the layout itself failed (e.g. the database is gone): a bare page
        return _plain_server_error(message)


def install_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DashboardError, _handle)
    app.add_exception_handler(HTTPException, _handle_http)
    app.add_exception_handler(RequestValidationError, _handle_validation)
    app.add_exception_handler(OverflowError, _handle_overflow)
    app.add_exception_handler(DataError, _handle_overflow)
    app.add_exception_handler(Exception, _handle_unexpected)
