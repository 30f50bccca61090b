"""frontdesk served in-process on a free loopback port (the demo plays its week into it)."""

from __future__ import annotations

import secrets
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from frontdesk.app import create_app
from frontdesk.db.core import Database
from frontdesk.server import server_config
from frontdesk.settings import Settings

START_TIMEOUT_S = 15.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def demo_key() -> str:
    """A throwaway signing key shared by the in-process server and the simulator only."""
    return "key_demo_" + secrets.token_hex(16)


@contextmanager
def serve_locally(settings: Settings, database: Database | None = None) -> Iterator[str]:
    """Serve the app on 127.0.0.1 in a thread; yields its base URL, stops it afterwards."""
    app = create_app(settings, database)
    port = free_port()
    config = server_config(app, "127.0.0.1", port, lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="frontdesk-local", daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_S
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            server.should_exit = True
            raise RuntimeError("the in-process frontdesk server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
