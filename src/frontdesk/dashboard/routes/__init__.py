"""The dashboard's routes under /app; every unsafe request passes the CSRF check first."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from frontdesk.dashboard.deps import require_csrf
from frontdesk.dashboard.routes import (
    absences,
    appointments,
    auth,
    booking,
    calendar_feeds,
    calls,
    customer_edit,
    customers,
    metrics,
    overview,
    password,
    privacy,
    review,
    team,
    waitlist,
)

router = APIRouter(dependencies=[Depends(require_csrf)], include_in_schema=False)
ROUTE_MODULES = (
    auth,
    password,
    team,
    overview,
    review,
    calls,
    customers,
    customer_edit,
    booking,
    appointments,
    waitlist,
    absences,
    calendar_feeds,
    metrics,
    privacy,
)
for module in ROUTE_MODULES:
    router.include_router(module.router, prefix="/app")
