"""Read-only calendar feeds over HTTP: `GET /calendar/{token}.ics` (the token is the secret)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool

from frontdesk.db.core import Database
from frontdesk.scheduling.calendar_feed import feed_for_token

router = APIRouter(tags=["calendar"])


def _feed(db: Database, token: str) -> bytes | None:
    with db.sessions() as session:
        return feed_for_token(session, token)


@router.get(
    "/calendar/{token}.ics",
    response_class=Response,
    responses={
        200: {
            "description": "The feed as iCalendar (RFC 5545)",
            "content": {"text/calendar": {"schema": {"type": "string"}}},
        },
        404: {
            "description": "Unknown or revoked token",
            "content": {"text/plain": {"schema": {"type": "string"}}},
        },
    },
)
async def calendar_feed(token: str, request: Request) -> Response:
    """The appointments of a company or staff member as iCalendar; 404 for unknown tokens."""
    body = await run_in_threadpool(_feed, request.app.state.db, token)
    if body is None:
        return Response(status_code=404, content="unknown calendar", media_type="text/plain")
    return Response(
        content=body,
        media_type="text/calendar; charset=utf-8",
        headers={"cache-control": "no-store"},
    )
