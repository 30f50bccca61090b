"""Signing requests the way Retell does, for `frontdesk retell send`, the simulator and tests."""

from __future__ import annotations

import time

from retell.lib.webhook_auth import symmetric


def sign(body: bytes, api_key: str, timestamp_ms: int | None = None) -> str:
    """The X-Retell-Signature value for `body` (SDK helper; timestamp defaults to now)."""
    stamp = int(time.time() * 1000) if timestamp_ms is None else timestamp_ms
    signature: str = symmetric["sign"](body.decode("utf-8"), api_key, stamp)
    return signature
