"""Jinja2 templates, German formatting, and the context every page shares."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi.templating import Jinja2Templates
from jinja2 import StrictUndefined
from starlette.requests import Request
from starlette.responses import Response

from frontdesk.dashboard.errors import STATUS_TITLES
from frontdesk.dashboard.formats import (
    birth_date,
    day_label,
    day_time,
    decimal,
    local_time,
    long_day,
    milliseconds,
    percent,
)
from frontdesk.dashboard.history import lines_for_rows
from frontdesk.dashboard.labels import label
from frontdesk.dashboard.sessions import csrf_token

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"

templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
templates.env.undefined = StrictUndefined


def duration(ms: int | float | None) -> str:
    if ms is None:
        return "–"
    seconds = round(ms / 1000)
    return f"{seconds // 60}:{seconds % 60:02d} min"


def age(value: datetime | None, now: datetime) -> str:
    if value is None:
        return "–"
    minutes = int((now - value).total_seconds() // 60)
    if minutes < 60:
        return f"{max(minutes, 0)} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // 1440} Tage"


templates.env.filters["local"] = local_time
templates.env.filters["duration"] = duration
templates.env.filters["day_label"] = day_label
templates.env.filters["day_time"] = day_time
templates.env.filters["long_day"] = long_day
templates.env.filters["label"] = label
templates.env.filters["number"] = decimal
templates.env.filters["percent"] = percent
templates.env.filters["ms"] = milliseconds
templates.env.filters["birth_date"] = birth_date
templates.env.globals["history_lines"] = lines_for_rows
templates.env.globals["age"] = age


def is_fragment_request(request: Request) -> bool:
    """An htmx request for a part of the page (boosted navigation wants whole pages)."""
    return bool(request.headers.get("hx-request")) and not request.headers.get("hx-boosted")


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> Response:
    """Render a template with the viewer, its CSRF token and the navigation counts."""
    shared: dict[str, Any] = {
        "viewer": getattr(request.state, "viewer", None),
        "csrf_token": csrf_token(request),
        "nav": getattr(request.state, "nav", None),
        "path": request.url.path,
    }
    shared.update(context or {})
    return templates.TemplateResponse(request, name, shared, status_code=status_code)


def back_link(request: Request) -> str | None:
    """Where "Zurück" leads from an error page: the page the person came from, if it is one
    of the dashboard's own; else the list above the address (`/app/calls/abc` -> `/app/calls`).
    A real link, because the content security policy allows no `javascript:` URLs."""
    referer = urlsplit(request.headers.get("referer", ""))
    here = request.url.path
    own = referer.path == "/app" or referer.path.startswith("/app/")
    if referer.netloc == request.url.netloc and own and referer.path != here:
        return referer.path + (f"?{referer.query}" if referer.query else "")
    parent = here.rstrip("/").rsplit("/", 1)[0]
    return parent if parent.startswith("/app/") else None


def render_error(request: Request, message: str, status_code: int) -> Response:
    """The German error page in the layout (or just the message for an htmx fragment)."""
    if is_fragment_request(request):
        return templates.TemplateResponse(
            request, "_error.html", {"message": message}, status_code=status_code
        )
    context = {
        "message": message,
        "title": STATUS_TITLES.get(status_code, "Das ging nicht"),
        "back": back_link(request),
    }
    return render(request, "error.html", context, status_code=status_code)
