"""Signed HTTP to frontdesk, as Retell sends it, with client-side latency per endpoint."""

from __future__ import annotations

import ipaddress
import json
import math
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

from frontdesk.voice.retell.signing import sign

REQUEST_TIMEOUT_S = 15.0


class NotLoopback(ValueError):
    """The simulator only ever talks to a server on this machine."""


def check_loopback(url: str) -> str:
    """The URL without a trailing slash, if its host is a loopback address."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme not in {"http", "https"}:
        raise NotLoopback(f"{url!r}: expected an http(s) URL")
    if host != "localhost":
        try:
            loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            raise NotLoopback(f"{url!r}: the simulator only plays calls to loopback addresses")
    return url.rstrip("/")


def body_of(payload: dict[str, Any]) -> bytes:
    # ensure_ascii=False: Retell sends UTF-8, and umlauts must survive signature checks.
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@dataclass
class Response:
    status: int
    data: Any
    elapsed_ms: float


@dataclass
class Stats:
    """What every request cost, and what went wrong on the wire."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    requests: int = 0
    http_errors: list[str] = field(default_factory=list)


class Transport:
    def __init__(self, client: httpx.AsyncClient, base_url: str, api_key: str) -> None:
        self.client = client
        self.base_url = check_loopback(base_url)
        self.api_key = api_key
        self.stats = Stats()

    async def post(self, path: str, body: bytes, label: str, call_id: str) -> Response:
        """POST a signed body; errors are recorded, never raised (a call is played to its end)."""
        headers = {
            "content-type": "application/json",
            "x-retell-signature": sign(body, self.api_key),
        }
        started = time.perf_counter()
        try:
            response = await self.client.post(
                self.base_url + path, content=body, headers=headers, timeout=REQUEST_TIMEOUT_S
            )
        except httpx.HTTPError as exc:
            elapsed = (time.perf_counter() - started) * 1000
            self.stats.requests += 1
            self.stats.http_errors.append(f"{call_id}: {label}: {type(exc).__name__}: {exc}")
            return Response(status=0, data=None, elapsed_ms=elapsed)
        elapsed = (time.perf_counter() - started) * 1000
        self.stats.requests += 1
        self.stats.latencies[label].append(elapsed)
        if response.status_code >= 300:
            self.stats.http_errors.append(
                f"{call_id}: {label}: HTTP {response.status_code} {response.text[:200]}"
            )
        data: Any = None
        if response.content:
            try:
                data = response.json()
            except ValueError:
                data = response.text
        return Response(status=response.status_code, data=data, elapsed_ms=elapsed)


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1); 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(share * len(ordered))))
    return ordered[rank - 1]
