"""Requests whose path or query cannot be stored (a NUL, a lone surrogate) end at the door.

`GET /calendar/<token>%00.ics` reached PostgreSQL with a NUL and ended in a 500 (and a reset
connection). No route has a use for such a path, so every one answers 400 with a message.
"""

from __future__ import annotations

from urllib.parse import unquote

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from frontdesk.storable_text import unstorable


class UnstorableRequestMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            query = unquote(scope.get("query_string", b"").decode("latin-1"), errors="replace")
            if unstorable(scope.get("path", "")) or unstorable(query):
                response = JSONResponse(
                    {"error": "invalid_characters", "message": "NUL or unpaired surrogate in URL"},
                    status_code=400,
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
