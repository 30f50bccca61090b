"""Closing a call's review items together: "erledigt", or "zurückgerufen" for a callback
request, with a note; each closed item gets its own audit row."""

from __future__ import annotations

from typing import Final

from sqlalchemy.orm import Session

from frontdesk.accounts import audit
from frontdesk.accounts import service as accounts_service
from frontdesk.dashboard.errors import ActionRefused, NotFound
from frontdesk.dashboard.queries.review_queue import CALLBACK_KIND
from frontdesk.dashboard.queries.scoped import get_owned
from frontdesk.followup import service as followup_service
from frontdesk.followup.models import ReviewItem

DONE: Final = "done"
CALLED_BACK: Final = "called_back"
RESOLUTIONS: Final = (DONE, CALLED_BACK)
NOTE_MAX: Final = 2000


def close_with_call(
    *,
    session: Session,
    company_id: int,
    user_id: int,
    item_id: int,
    resolution: str,
    note: str,
) -> list[ReviewItem]:
    """Close the item and all open items of its call; "zurückgerufen" only where a callback
    was asked for."""
    item = get_owned(session, ReviewItem, item_id, company_id)
    if resolution not in RESOLUTIONS:
        raise ActionRefused("Diese Aktion gibt es nicht.")
    if item.status != "open":
        raise ActionRefused("Dieser Eintrag ist bereits erledigt.")
    user = accounts_service.get(session=session, company_id=company_id, user_id=user_id)
    if user is None:
        raise NotFound()
    if resolution == CALLED_BACK:
        siblings = (
            followup_service.open_items(
                session=session, company_id=company_id, call_id=item.call_id
            )
            if item.call_id is not None
            else []
        )
        if CALLBACK_KIND not in {item.reason, *(other.reason for other in siblings)}:
            raise ActionRefused("Zu diesem Eintrag wurde kein Rückruf erbeten.")
    text = note.strip()[:NOTE_MAX] or None
    closed = followup_service.resolve_with_call(
        session=session, company_id=company_id, item=item, resolution=resolution, note=text
    )
    for one in closed:
        audit.record(
            session=session,
            company_id=company_id,
            review_item_id=one.id,
            user=user,
            action=resolution,
            details={"note": text} if text else {},
        )
    return closed
