"""The served HTTP edge: request heads are bounded (issue 14, defect 7)."""

from __future__ import annotations

import socket
import threading
import time
from urllib.parse import urlsplit

import httpx

from frontdesk.server import MAX_HEAD_BYTES
from tests.conftest import LiveServer


def _connect(server: LiveServer) -> socket.socket:
    parts = urlsplit(server.url)
    return socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 80), timeout=10)


def _send_huge_header(server: LiveServer, size: int, answers: list[bytes]) -> None:
    with _connect(server) as sock:
        try:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ")
            chunk = b"a" * 65536
            for _ in range(size // len(chunk)):
                sock.sendall(chunk)
            sock.sendall(b"\r\n\r\n")
        except OSError:
            pass  # the server may close the connection while we are still sending
        try:
            answers.append(sock.recv(4096))
        except OSError:
            answers.append(b"")


def test_a_huge_header_is_refused_431_and_others_are_served(live_server: LiveServer) -> None:
    """A 64 MiB header got 200 and stalled every other request for about 5 seconds."""
    answers: list[bytes] = []
    attacker = threading.Thread(target=_send_huge_header, args=(live_server, 64 * 2**20, answers))
    attacker.start()
    with httpx.Client(base_url=live_server.url, timeout=10) as client:
        slowest = 0.0
        for _ in range(20):
            started = time.perf_counter()
            assert client.get("/healthz").status_code == 200
            slowest = max(slowest, time.perf_counter() - started)
    attacker.join(timeout=30)
    assert answers and answers[0].startswith(b"HTTP/1.1 431"), answers
    # Generous: a stall of seconds is the defect; normal answers take milliseconds.
    assert slowest < 1.0


def test_a_head_just_over_the_limit_in_one_piece_is_refused(live_server: LiveServer) -> None:
    head = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * MAX_HEAD_BYTES + b"\r\n\r\n"
    with _connect(live_server) as sock:
        sock.sendall(head)
        assert sock.recv(4096).startswith(b"HTTP/1.1 431")


def test_ordinary_large_headers_pass(live_server: LiveServer) -> None:
    with httpx.Client(base_url=live_server.url, timeout=10) as client:
        response = client.get("/healthz", headers={"cookie": "c=" + "x" * 8000})
    assert response.status_code == 200
