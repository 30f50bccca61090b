"""Kennzahlen: the report's figures per day as charts, the "before" drawn beside them."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import Response

from frontdesk.dashboard.charts import bar_chart, format_value
from frontdesk.dashboard.deps import CurrentViewer, DbSession
from frontdesk.dashboard.queries import metrics
from frontdesk.dashboard.rendering import render
from frontdesk.db.core import utcnow

router = APIRouter(prefix="/metrics")


@router.get("")
def metrics_page(
    request: Request,
    session: DbSession,
    viewer: CurrentViewer,
    days: int = Query(default=14, ge=1, le=90),
) -> Response:
    now = utcnow()
    figures = metrics.daily(
        session=session,
        company_id=viewer.company_id,
        tz=viewer.timezone,
        last_day=datetime.now(viewer.timezone).date(),
        days=days,
        now=now,
    )
    charts = [(s, bar_chart(s)) for s in metrics.series(figures)]
    experiments = metrics.running_experiments(session=session, company_id=viewer.company_id)
    return render(
        request,
        "metrics.html",
        {
            "charts": charts,
            "days": days,
            "format_value": format_value,
            "figures": figures,
            "experiments": experiments,
        },
    )
