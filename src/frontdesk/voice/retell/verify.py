"""Retell's request signature: `X-Retell-Signature: v=<ms>,d=<hex>` over raw body + timestamp."""

from __future__ import annotations

import re
import time

from retell.lib import verify as sdk_verify

SIGNATURE_HEADER = "x-retell-signature"
_SHAPE = re.compile(r"^v=([0-9]{1,16}),d=([0-9a-f]{64})$")


class InvalidSignature(Exception):
    """The request is not provably from Retell; nothing of it is processed."""


def check_signature(
    body: bytes, signature: str | None, api_key: str, *, tolerance_ms: int = 300_000
) -> None:
    """Raise InvalidSignature unless `signature` signs exactly these bytes, recently."""
    if not api_key:
        raise InvalidSignature("server has no Retell API key configured (FRONTDESK_RETELL_API_KEY)")
    if not signature:
        raise InvalidSignature("missing X-Retell-Signature header")
    match = _SHAPE.match(signature.strip())
    if match is None:
        raise InvalidSignature("malformed X-Retell-Signature header (expected v=<ms>,d=<hex>)")
    skew = int(match.group(1)) - int(time.time() * 1000)
    if skew > tolerance_ms:
        raise InvalidSignature("signature timestamp lies in the future")
    if -skew > tolerance_ms:
        raise InvalidSignature("signature expired (older than 5 minutes)")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidSignature("body is not UTF-8") from exc
    # The SDK checks the HMAC over the raw text, in constant time.
    if not sdk_verify(text, api_key, signature.strip()):  # type: ignore[no-untyped-call]
        raise InvalidSignature("signature does not match the body")
