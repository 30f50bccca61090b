"""Signed requests to the test server, built with the SDK's own helpers."""

from __future__ import annotations

import json
import time
from typing import Any

import httpx

from frontdesk.voice.retell.signing import sign

API_KEY = "key_test_0123456789abcdef"
DEMO_NUMBER = "+4930120045670"


def body_of(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


def post_signed(
    client: httpx.Client,
    path: str,
    payload: dict[str, Any] | bytes,
    *,
    key: str = API_KEY,
    timestamp_ms: int | None = None,
) -> httpx.Response:
    body = payload if isinstance(payload, bytes) else body_of(payload)
    signature = sign(
        body, key, timestamp_ms if timestamp_ms is not None else int(time.time() * 1000)
    )
    return client.post(
        path,
        content=body,
        headers={"content-type": "application/json", "x-retell-signature": signature},
    )
