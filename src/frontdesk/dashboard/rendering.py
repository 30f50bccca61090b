"""Jinja2 templates, German formatting, and the context every page shares."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi.templating import Jinja2Templates
from jinja2 import StrictUndefined
from starlette.requests import Request
from starlette.responses import Response

from frontdesk.dashboard.labels import label
from frontdesk.dashboard.sessions import csrf_token

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"
WEEKDAYS = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")

templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
templates.env.undefined = StrictUndefined


def local_time(value: datetime | None, tz: ZoneInfo, fmt: str = "%d.%m.%Y %H:%M") -> str:
    if value is None:
        return "–"
    return value.astimezone(tz).strftime(fmt)


def day_label(value: date) -> str:
    return f"{WEEKDAYS[value.weekday()]} {value.strftime('%d.%m.')}"


def long_day(value: date | None) -> str:
    """Weekday and full date, e.g. "Mo 07.12.2026"."""
    if value is None:
        return "–"
    return f"{WEEKDAYS[value.weekday()]} {value.strftime('%d.%m.%Y')}"


def day_time(value: datetime | None, tz: ZoneInfo) -> str:
    """Weekday, date and time, e.g. "Mo 07.12., 13:15"."""
    if value is None:
        return "–"
    local = value.astimezone(tz)
    return f"{day_label(local.date())}, {local.strftime('%H:%M')}"


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


def render_error(request: Request, message: str, status_code: int) -> Response:
    if is_fragment_request(request):
        return templates.TemplateResponse(
            request, "_error.html", {"message": message}, status_code=status_code
        )
    return render(request, "error.html", {"message": message}, status_code=status_code)
