"""`GET /metrics` (filled in by the metrics work)."""

from __future__ import annotations

from fastapi import APIRouter, Response

router = APIRouter(tags=["metrics"])


@router.get("/metrics", include_in_schema=False)
def metrics() -> Response:
    return Response(status_code=404)
