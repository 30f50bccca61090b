"""A real CalDAV server for the tests and the benchmark: Radicale as a subprocess on a free
loopback port, with its storage in a folder of ours and no authentication."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx

USER = "sommer"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Radicale:
    def __init__(self, storage: Path, port: int | None = None) -> None:
        self.storage = storage
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 15.0) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "radicale",
                f"--server-hosts=127.0.0.1:{self.port}",
                "--auth-type=none",
                f"--storage-filesystem-folder={self.storage}",
                "--logging-level=warning",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"radicale exited with {self.process.returncode}")
            try:
                httpx.get(self.base_url + "/", timeout=0.5)
                return
            except httpx.TransportError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("radicale did not answer")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    def new_calendar(self) -> str:
        """A fresh, empty calendar collection; its URL."""
        url = f"{self.base_url}/{USER}/{uuid.uuid4().hex[:12]}/"
        response = httpx.request("MKCALENDAR", url, auth=(USER, "x"), timeout=5)
        if response.status_code != 201:
            raise RuntimeError(f"MKCALENDAR answered {response.status_code}")
        return url


class CalendarApp:
    """What a person does in their calendar app, as plain HTTP (not frontdesk's adapter)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.http = httpx.Client(auth=(USER, "x"), timeout=5)

    def put(self, name: str, ics: str) -> None:
        response = self.http.put(self.url + name, content=ics.encode(), headers=_ICS)
        response.raise_for_status()

    def add(self, uid: str, start: str, end: str, *, extra: str = "") -> None:
        """start/end as iCalendar UTC times ('20261201T080000Z') or dates ('20261201')."""
        kind = ";VALUE=DATE" if "T" not in start else ""
        self.put(
            f"{uid}.ics",
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//calendar app//DE\r\n"
            f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261101T000000Z\r\n"
            f"DTSTART{kind}:{start}\r\nDTEND{kind}:{end}\r\nSUMMARY:Privat\r\n{extra}"
            "END:VEVENT\r\nEND:VCALENDAR\r\n",
        )

    def hrefs(self) -> list[str]:
        body = (
            '<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop>'
            "</d:propfind>"
        )
        response = self.http.request("PROPFIND", self.url, content=body, headers={"Depth": "1"})
        return [h for h in _hrefs(response.text) if h.endswith(".ics")]

    def text_of(self, href: str) -> str:
        response = self.http.get(_absolute(self.url, href))
        response.raise_for_status()
        return response.text

    def own_events(self) -> dict[str, str]:
        """href -> ICS of every event frontdesk wrote."""
        found = {}
        for href in self.hrefs():
            text = self.text_of(href)
            if "UID:frontdesk-appointment-" in text:
                found[href] = text
        return found

    def move(self, href: str, start: str, end: str) -> None:
        """Change the times by hand (no precondition, like most apps)."""
        lines = []
        for line in self.text_of(href).splitlines():
            if line.startswith("DTSTART"):
                line = f"DTSTART:{start}"
            elif line.startswith("DTEND"):
                line = f"DTEND:{end}"
            lines.append(line)
        response = self.http.put(
            _absolute(self.url, href), content="\r\n".join(lines).encode(), headers=_ICS
        )
        response.raise_for_status()

    def delete(self, href: str) -> None:
        self.http.delete(_absolute(self.url, href)).raise_for_status()

    def close(self) -> None:
        self.http.close()


_ICS = {"Content-Type": "text/calendar; charset=utf-8"}


def _hrefs(xml: str) -> list[str]:
    import re

    return re.findall(r"<(?:\w+:)?href>([^<]+)</(?:\w+:)?href>", xml)


def _absolute(base: str, href: str) -> str:
    return str(httpx.URL(base).join(href))
