"""`GET /metrics`: Prometheus text for a scraper holding the bearer token.

Without `FRONTDESK_METRICS_TOKEN` the endpoint does not exist (404, as for any unknown path);
a missing or wrong token is 401 with `WWW-Authenticate: Bearer`. The figures come from the
database (see `collector.py`), so any process behind a load balancer may answer the scrape."""

from __future__ import annotations

import hmac

import structlog
from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4, generate_latest
from prometheus_client.registry import CollectorRegistry

from frontdesk.db.core import Database
from frontdesk.metrics.collector import DatabaseCollector
from frontdesk.metrics.reading import read_sessions

router = APIRouter(tags=["metrics"])


def render(db: Database) -> bytes:
    """The text exposition of the database's figures.

    A fresh registry holding only the database collector: the default registry's process and
    GC collectors would describe whichever process happened to answer, mixed in with figures
    that are the same everywhere."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(DatabaseCollector(read_sessions(db)))
    return generate_latest(registry)


def authorised(expected: str, authorization: str | None) -> bool:
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return False
    # Constant time, and on bytes: compare_digest refuses non-ASCII str.
    return hmac.compare_digest(token.strip().encode(), expected.encode())


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> Response:
    """Sync on purpose: FastAPI runs it in its thread pool, off the event loop, queries and all."""
    expected: str = request.app.state.settings.metrics_token
    if not expected:
        return JSONResponse({"detail": "Not Found"}, status_code=404)
    if not authorised(expected, request.headers.get("authorization")):
        return PlainTextResponse(
            "unauthorized", status_code=401, headers={"WWW-Authenticate": "Bearer"}
        )
    try:
        body = render(request.app.state.db)
    except Exception:  # a scrape that cannot read the database says so; the target shows down
        structlog.get_logger(__name__).exception("metrics.scrape_failed")
        return PlainTextResponse("database unavailable", status_code=503)
    return Response(
        body, media_type=CONTENT_TYPE_PLAIN_0_0_4, headers={"Cache-Control": "no-store"}
    )
