"""Reading a provider's request at the edge: bounded bodies and one shape of error answer,
shared by every provider adapter (Retell, Twilio)."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse

# The OpenAPI schema of `error(...)` answers.
ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"error": {"type": "string"}, "message": {"type": "string"}},
    "required": ["error", "message"],
}


class BodyTooLarge(Exception):
    pass


def error(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": code, "message": message, **extra}, status_code=status)


def error_responses(descriptions: dict[int, str]) -> dict[int | str, dict[str, Any]]:
    """A route's `responses=` for its `error(...)` answers, one description per status."""
    content = {"application/json": {"schema": ERROR_SCHEMA}}
    return {
        status: {"description": text, "content": content} for status, text in descriptions.items()
    }


async def read_body(request: Request, limit: int) -> bytes:
    """The raw body, refusing more than `limit` bytes without reading them all."""
    declared = request.headers.get("content-length")
    if (
        declared is not None
        and declared.isascii()
        and declared.isdecimal()
        and int(declared) > limit
    ):
        raise BodyTooLarge
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
    return b"".join(chunks)
