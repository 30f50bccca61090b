"""Shared by the Twilio tests: a stdlib receiver for the webhooks `LocalTwilio` posts."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self, cast
from urllib.parse import parse_qsl


@dataclass(frozen=True)
class ReceivedPost:
    url: str  # the full URL Twilio signed: base, path and query
    params: dict[str, str]
    headers: dict[str, str]


class CallbackReceiver:
    """Records every POST; `wait_for` blocks on a condition instead of sleeping.

    `status` is what it answers; `hold` (if given) keeps each answer back until it is set,
    to observe a callback in flight."""

    def __init__(self, status: int = 204, hold: threading.Event | None = None) -> None:
        self.status = status
        self.hold = hold
        self._received: list[ReceivedPost] = []
        self._arrived = threading.Condition()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.receiver = self
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.hold is not None:
            self.hold.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5.0)

    def wait_for(self, count: int, timeout: float = 2.0) -> list[ReceivedPost]:
        with self._arrived:
            if not self._arrived.wait_for(lambda: len(self._received) >= count, timeout):
                raise AssertionError(f"{len(self._received)} of {count} callbacks arrived")
            return list(self._received)

    def record(self, post: ReceivedPost) -> None:
        with self._arrived:
            self._received.append(post)
            self._arrived.notify_all()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    receiver: CallbackReceiver


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        receiver = cast(_Server, self.server).receiver
        length = int(self.headers.get("Content-Length") or 0)
        params = dict(parse_qsl(self.rfile.read(length).decode(), keep_blank_values=True))
        url = receiver.base_url + self.path
        receiver.record(ReceivedPost(url, params, dict(self.headers.items())))
        if receiver.hold is not None:
            receiver.hold.wait(timeout=5.0)
        self.send_response(receiver.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Silent."""
