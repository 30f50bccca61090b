"""Mount the dashboard on the app: session cookies, static files, routes, error handlers."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.middleware.sessions import SessionMiddleware
from starlette.staticfiles import StaticFiles

from frontdesk.dashboard.errors import install_handlers
from frontdesk.dashboard.rendering import STATIC_DIR
from frontdesk.dashboard.routes import router
from frontdesk.dashboard.sessions import session_secret
from frontdesk.settings import Settings

SESSION_COOKIE = "frontdesk_session"


def mount_dashboard(app: FastAPI, settings: Settings) -> None:
    app.add_middleware(
        SessionMiddleware,
        secret_key=session_secret(settings),
        session_cookie=SESSION_COOKIE,
        max_age=settings.session_max_age_seconds,
        path="/app",
        same_site="lax",
        https_only=settings.session_cookie_secure,
    )
    app.mount("/app/static", StaticFiles(directory=STATIC_DIR), name="dashboard-static")
    app.include_router(router)
    install_handlers(app)
