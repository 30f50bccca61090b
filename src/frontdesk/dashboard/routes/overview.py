"""The overview page and the navigation counts fragment."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from frontdesk.dashboard.deps import CurrentViewer, DbSession
from frontdesk.dashboard.queries import calendar, calls, review
from frontdesk.dashboard.rendering import render
from frontdesk.db.core import utcnow

router = APIRouter()


@router.get("")
def overview(request: Request, session: DbSession, viewer: CurrentViewer) -> Response:
    now = utcnow()
    today = datetime.now(viewer.timezone).date()
    context = {
        "queue": review.open_queue(session=session, company_id=viewer.company_id, limit=5),
        "counts": review.open_counts(session=session, company_id=viewer.company_id),
        "calls": calls.list_calls(
            session=session,
            company_id=viewer.company_id,
            filters=calls.CallFilters(),
            tz=viewer.timezone,
            limit=8,
        ),
        "agenda": calendar.calendar(
            session=session,
            company_id=viewer.company_id,
            tz=viewer.timezone,
            start=today,
            days=1,
            staff_id=None,
        ),
        "now": now,
        "reasons": review.REASON_LABELS,
        "priorities": review.PRIORITY_LABELS,
    }
    return render(request, "overview.html", context)


@router.get("/fragments/nav")
def nav_fragment(request: Request, viewer: CurrentViewer) -> Response:
    return render(request, "_nav_counts.html")
