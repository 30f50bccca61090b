"""Kalender-Abos: .ics feeds of the practice or one staff member, made and revoked here."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from frontdesk.dashboard import ports
from frontdesk.dashboard.deps import CurrentViewer, DbSession
from frontdesk.dashboard.queries.scoped import get_owned
from frontdesk.dashboard.rendering import render
from frontdesk.scheduling import calendar_feed, lookup
from frontdesk.scheduling.models import Staff
from frontdesk.settings import Settings

router = APIRouter(prefix="/calendar-feeds")
PAGE = "/app/calendar-feeds"


@router.get("")
def feeds_page(
    request: Request, session: DbSession, viewer: CurrentViewer, shown: int | None = None
) -> Response:
    """The company's feeds (token prefixes only); `shown` names the one whose URL to show."""
    feed = (
        calendar_feed.get_live_feed(session=session, company_id=viewer.company_id, feed_id=shown)
        if shown is not None
        else None
    )
    settings: Settings = request.app.state.settings
    path = calendar_feed.feed_path(feed.token) if feed is not None else None
    staff = list(lookup.staff_of(session=session, company_id=viewer.company_id))
    return render(
        request,
        "calendar_feeds.html",
        {
            "feeds": calendar_feed.list_feeds(session=session, company_id=viewer.company_id),
            "staff": staff,
            "shown": feed,
            "shown_for": next((s.name for s in staff if feed and s.id == feed.staff_id), None),
            "shown_url": settings.public_base_url.rstrip("/") + path if path else None,
        },
    )


@router.post("")
def create_feed(
    session: DbSession, viewer: CurrentViewer, staff_id: Annotated[int | None, Form()] = None
) -> Response:
    if staff_id is not None:
        get_owned(session, Staff, staff_id, viewer.company_id)
    with ports.refusals():
        feed_id = ports.issue_feed(session=session, company_id=viewer.company_id, staff_id=staff_id)
    return RedirectResponse(f"{PAGE}?shown={feed_id}", status_code=303)


@router.post("/{feed_id}/revoke")
def revoke_feed(session: DbSession, viewer: CurrentViewer, feed_id: int) -> Response:
    with ports.refusals():
        ports.revoke_feed(session=session, company_id=viewer.company_id, feed_id=feed_id)
    return RedirectResponse(PAGE, status_code=303)
