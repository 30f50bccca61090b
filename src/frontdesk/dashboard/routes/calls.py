"""Anrufe: the filtered list (page and rows fragment), the CSV export, one call."""

from __future__ import annotations

import csv
import io
from datetime import date

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from frontdesk.dashboard.deps import CurrentViewer, DbSession
from frontdesk.dashboard.errors import InvalidInput
from frontdesk.dashboard.queries import calls
from frontdesk.dashboard.queries.transcript import readable_text as transcript_text
from frontdesk.dashboard.rendering import is_fragment_request, render

router = APIRouter(prefix="/calls")


def _filters(
    day: str | None,
    withheld: str | None,
    link: str | None,
    outcome: str | None,
    before: int | None,
) -> calls.CallFilters:
    try:
        parsed_day = date.fromisoformat(day) if day else None
    except ValueError:
        raise InvalidInput(
            f"Die Angaben sind ungültig: „{str(day)[:40]}“ ist kein gültiger Tag "
            "(erwartet: JJJJ-MM-TT)."
        ) from None
    if withheld and withheld not in ("yes", "no"):
        raise InvalidInput(
            f"Die Angaben sind ungültig: „{withheld[:40]}“ gibt es bei „Nummer“ nicht."
        )
    if link and link not in calls.LINK_STATUSES:
        raise InvalidInput(
            f"Die Angaben sind ungültig: „{link[:40]}“ gibt es bei „Zuordnung“ nicht."
        )
    if outcome and outcome not in calls.OUTCOMES:
        raise InvalidInput(
            f"Die Angaben sind ungültig: „{outcome[:40]}“ gibt es bei „Ergebnis“ nicht."
        )
    return calls.CallFilters(
        day=parsed_day,
        withheld={"yes": True, "no": False}.get(withheld or ""),
        link_status=link or None,
        outcome=outcome or None,
        before_id=before,
    )


@router.get("")
def call_list(
    request: Request,
    session: DbSession,
    viewer: CurrentViewer,
    day: str | None = None,
    withheld: str | None = None,
    link: str | None = None,
    outcome: str | None = None,
    before: int | None = None,
) -> Response:
    filters = _filters(day, withheld, link, outcome, before)
    rows = calls.list_calls(
        session=session, company_id=viewer.company_id, filters=filters, tz=viewer.timezone
    )
    context = {
        "rows": rows,
        "filters": filters,
        "links": calls.LINK_STATUSES,
        "outcomes": calls.OUTCOMES,
        "page_size": calls.PAGE_SIZE,
        "query": {
            "day": day or "",
            "withheld": withheld or "",
            "link": link or "",
            "outcome": outcome or "",
        },
    }
    template = "_call_rows.html" if is_fragment_request(request) else "calls.html"
    return render(request, template, context)


@router.get("/export.csv")
def export(
    session: DbSession,
    viewer: CurrentViewer,
    day: str | None = None,
    withheld: str | None = None,
    link: str | None = None,
    outcome: str | None = None,
) -> Response:
    # Semicolons and a byte order mark: how a German spreadsheet opens a CSV with umlauts.
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    filters = _filters(day, withheld, link, outcome, None)
    for row in calls.export_rows(
        session=session, company_id=viewer.company_id, filters=filters, tz=viewer.timezone
    ):
        writer.writerow(row)
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="anrufe.csv"'},
    )


@router.get("/{call_id}")
def call_detail(
    request: Request, session: DbSession, viewer: CurrentViewer, call_id: int
) -> Response:
    story = calls.call_story(
        session=session,
        company_id=viewer.company_id,
        call_id=call_id,
        tz=viewer.timezone,
        agent_names=viewer.agent_names,
    )
    transcript = transcript_text(story.call.transcript)
    return render(request, "call.html", {"story": story, "transcript": transcript})
