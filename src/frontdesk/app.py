"""The web application: Retell's edge, health probes (and later the dashboard)."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import structlog
from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from sqlalchemy import text

import frontdesk.tables  # noqa: F401  (every table known before any command runs)
from frontdesk.dashboard.mount import mount_dashboard
from frontdesk.dashboard.security_headers import SecurityHeadersMiddleware
from frontdesk.db.core import Database
from frontdesk.db.migrate import is_current
from frontdesk.feeds import router as feeds_router
from frontdesk.logs import configure_logging
from frontdesk.metrics.routes import router as metrics_router
from frontdesk.names.knowledge import knowledge
from frontdesk.request_guard import UnstorableRequestMiddleware
from frontdesk.settings import Settings, get_settings
from frontdesk.sms.twilio.routes import router as twilio_sms_router
from frontdesk.timing import ServerTimingMiddleware
from frontdesk.voice.replay import recover_orphans
from frontdesk.voice.retell.functions import router as retell_functions_router
from frontdesk.voice.retell.openapi import add_retell_paths
from frontdesk.voice.retell.routes import router as retell_router
from frontdesk.worker import producer_queue


async def _sweep_orphans(db: Database, every_seconds: int) -> None:
    """Events orphaned by a crash (stored, never processed) are processed at start and then
    every `every_seconds`; 0 turns the sweep off."""
    if every_seconds <= 0:
        return
    log = structlog.get_logger(__name__)
    while True:
        try:
            counts = await run_in_threadpool(recover_orphans, db)
            if counts:
                log.warning("inbox.orphans_recovered", **counts)
        except Exception:  # a sweep that fails waits for the next round; it never stops the app
            log.exception("inbox.orphan_sweep_failed")
        await asyncio.sleep(every_seconds)


def _describe_raw_routes(app: FastAPI, settings: Settings) -> None:
    """The OpenAPI document with what the raw-body Retell routes accept (built once)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(title=app.title, version=app.version, routes=app.routes)
            app.openapi_schema = add_retell_paths(document, settings.public_base_url)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    """Build the app; tests pass their own settings and database."""
    settings = settings or get_settings()
    configure_logging(settings.log_level, settings.log_json)
    db = database or Database(settings.database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # The name lexicon (0.3-0.4 s to load) before the first request, not inside a caller's
        # first save_caller_data; loaded before the freeze, so collections never walk it.
        await run_in_threadpool(knowledge)
        # Move start-up objects (retell-sdk's type tree alone is ~200k) out of the collector's
        # reach: otherwise each full collection walks them inside some request (130-200 ms).
        gc.collect()
        gc.freeze()
        sweeper = asyncio.create_task(_sweep_orphans(db, settings.orphan_sweep_seconds))
        yield
        sweeper.cancel()
        if database is None:
            db.dispose()

    docs = settings.api_docs  # the interactive API docs are off unless asked for
    app = FastAPI(
        title="frontdesk",
        version="0.1.0",
        lifespan=lifespan,
        docs_url="/docs" if docs else None,
        redoc_url="/redoc" if docs else None,
        openapi_url="/openapi.json" if docs else None,
    )
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(UnstorableRequestMiddleware)
    app.add_middleware(ServerTimingMiddleware)
    app.state.settings = settings
    app.state.db = db
    # Jobs written by a request ring the queue once their transaction commits.
    app.state.jobs = producer_queue(settings, db)
    app.include_router(retell_router)
    app.include_router(retell_functions_router)
    app.include_router(twilio_sms_router)
    app.include_router(metrics_router)
    app.include_router(feeds_router)
    mount_dashboard(app, settings)
    _describe_raw_routes(app, settings)

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        """The process is up."""
        return {"status": "ok"}

    not_ready = {"application/json": {"schema": {"type": "object", "required": ["status"]}}}

    @app.get("/readyz", responses={503: {"description": "Not ready", "content": not_ready}})
    def readyz() -> JSONResponse:
        """The database answers and its schema is current."""
        try:
            with db.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            current = is_current(db.engine)
        except Exception as exc:  # any database failure means "not ready"
            return JSONResponse({"status": "unavailable", "error": str(exc)}, status_code=503)
        if not current:
            return JSONResponse({"status": "migrations_pending"}, status_code=503)
        return JSONResponse({"status": "ready"})

    return app
