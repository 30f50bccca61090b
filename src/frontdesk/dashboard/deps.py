"""Request dependencies: the unit of work, the logged-in viewer, CSRF on every unsafe request."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import Depends
from pydantic import AfterValidator
from sqlalchemy.orm import Session
from starlette.requests import Request

from frontdesk.accounts import service as accounts_service
from frontdesk.dashboard.errors import CsrfRejected, LoginRequired
from frontdesk.dashboard.sessions import (
    CSRF_FIELD,
    CSRF_HEADER,
    csrf_valid,
    session_user_id,
    session_version,
)
from frontdesk.db.core import Database
from frontdesk.followup import service as followup_service
from frontdesk.storable_text import storable
from frontdesk.tenancy.models import Company

_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def db_session(request: Request) -> Iterator[Session]:
    """One transaction per request: committed when the route returns, rolled back on error."""
    database: Database = request.app.state.db
    with database.unit_of_work() as session:
        yield session


DbSession = Annotated[Session, Depends(db_session, scope="function")]


@dataclass(frozen=True)
class Viewer:
    """Who is looking: every query of the request is scoped by `company_id`."""

    user_id: int
    email: str
    role: str
    company_id: int
    company_name: str
    timezone: ZoneInfo
    agent_names: tuple[str, ...]


def current_viewer(request: Request, session: DbSession) -> Viewer:
    user_id = session_user_id(request)
    user = accounts_service.get_by_id(session=session, user_id=user_id) if user_id else None
    if user is not None and (session_version(request) != user.session_version or not user.active):
        user = None  # logged out, password changed or deactivated since this cookie was issued
    company = session.get(Company, user.company_id) if user is not None else None
    if user is None or company is None:
        raise LoginRequired()
    viewer = Viewer(
        user_id=user.id,
        email=user.email,
        role=user.role,
        company_id=company.id,
        company_name=company.name,
        timezone=ZoneInfo(company.timezone or "Europe/Berlin"),
        agent_names=tuple(company.agent_names or ()),
    )
    request.state.viewer = viewer
    request.state.nav = {
        "review_open": followup_service.count_open(session=session, company_id=company.id)
    }
    return viewer


CurrentViewer = Annotated[Viewer, Depends(current_viewer)]


async def require_csrf(request: Request) -> None:
    """Every form post and htmx request carries the session's token (field or header)."""
    if request.method in _SAFE_METHODS:
        return
    submitted = request.headers.get(CSRF_HEADER)
    if not submitted:
        form = await request.form()
        value = form.get(CSRF_FIELD)
        submitted = value if isinstance(value, str) else None
    if not csrf_valid(request, submitted):
        raise CsrfRejected()


def storable_form_text(value: str) -> str:
    """Form text as the database can keep it: a NUL or lone surrogate becomes U+FFFD."""
    cleaned: str = storable(value)
    return cleaned


# A form field of free text: `Annotated[StorableText, Form(...)]`.
StorableText = Annotated[str, AfterValidator(storable_form_text)]
