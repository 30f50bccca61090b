"""How frontdesk is served: uvicorn with its fast parser and a bounded request head.

httptools (uvicorn's fast HTTP/1.1 parser) accepts a request line and headers of any size: a
64 MiB header was buffered whole and stalled every other request for seconds. Here the head is
capped at MAX_HEAD_BYTES: past it the request is answered 431 and its connection closed, as
nginx and Node do. Bodies are limited separately, per route.
"""

from __future__ import annotations

from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

# Retell's and browsers' heads are a few KiB; 64 KiB leaves room for long cookies.
MAX_HEAD_BYTES = 64 * 1024

_TOO_LARGE_TEXT = f"request line and headers exceed {MAX_HEAD_BYTES} bytes".encode()
_TOO_LARGE = (
    b"HTTP/1.1 431 Request Header Fields Too Large\r\n"
    b"content-type: text/plain; charset=utf-8\r\n"
    b"content-length: %d\r\n"
    b"connection: close\r\n\r\n%s" % (len(_TOO_LARGE_TEXT), _TOO_LARGE_TEXT)
)


class HeadTooLarge(Exception):
    """Raised inside the parser so it stops before the application sees the request."""


class BoundedHeadProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol that refuses request heads over MAX_HEAD_BYTES."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._in_head = False
        self._head_bytes = 0
        self._head_too_large = False

    def data_received(self, data: bytes) -> None:
        # Chunks that arrive while a head is still incomplete all belong to it; refusing here
        # keeps the parser from buffering an endless header at all.
        if self._in_head:
            self._head_bytes += len(data)
            if self._head_bytes > MAX_HEAD_BYTES:
                self._refuse_head()
                return
        super().data_received(data)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_head = True
        self._head_bytes = 0

    def on_headers_complete(self) -> None:
        self._in_head = False
        # The exact size, for a head that arrived within the chunk that began it.
        size = len(self.url) + sum(len(name) + len(value) + 4 for name, value in self.headers)
        if size > MAX_HEAD_BYTES:
            self._head_too_large = True
            raise HeadTooLarge
        super().on_headers_complete()

    def send_400_response(self, msg: str) -> None:
        if self._head_too_large:
            self._refuse_head()
            return
        super().send_400_response(msg)

    def _refuse_head(self) -> None:
        self.logger.warning("Request head larger than %d bytes refused.", MAX_HEAD_BYTES)
        if not self.transport.is_closing():
            self.transport.write(_TOO_LARGE)
            self.transport.close()


def server_config(app: Any, host: str, port: int, **options: Any) -> uvicorn.Config:
    """The one uvicorn configuration frontdesk runs with (CLI, in-process demo, tests)."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        http=BoundedHeadProtocol,
        log_config=None,
        access_log=False,
        **options,
    )
