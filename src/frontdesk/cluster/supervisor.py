"""Start, watch, kill and stop the processes of a cluster: haproxy, app processes, workers.

    with Cluster(ClusterSpec(apps=2, workers=1, database_url=..., redis_url=...)) as cluster:
        httpx.get(cluster.url + "/readyz")
        cluster.kill_app(0)          # SIGKILL; restarted by the supervisor unless restart=False
        cluster.wait_ready(30)

Migrations run once, here, before any app starts, so two apps never race on them. Every child
gets the same database, Redis and session secret (a dashboard session made on one app is valid
on every other). Children run in their own session, so Ctrl-C reaches only the supervisor,
which then stops them in order: haproxy first (no new requests), then apps, then workers.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import IO

import httpx

from frontdesk.cluster.config import Backend, haproxy_config
from frontdesk.cluster.spec import ClusterRefused, ClusterSpec, refusal, with_driver

__all__ = ["HAPROXY", "Cluster", "ClusterRefused", "ClusterSpec"]

HAPROXY = "/usr/sbin/haproxy"
POLL_S = 0.2
STOP_GRACE_S = 10.0
# A process that keeps dying is restarted at most this often (a broken config must not spin).
RESTART_BACKOFF_S = (0.0, 0.5, 1.0, 2.0, 5.0)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def frontdesk_command() -> list[str]:
    """The `frontdesk` command of this interpreter (its console script, else the module)."""
    script = Path(sys.executable).with_name("frontdesk")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from frontdesk.cli import main; main()"]


@dataclass
class Child:
    """One supervised process; `wanted` is False while it is meant to be down."""

    name: str
    argv: list[str]
    port: int | None = None
    process: subprocess.Popen[bytes] | None = None
    wanted: bool = True
    restarts: int = 0
    last_start: float = 0.0
    log: IO[bytes] | None = field(default=None, repr=False)

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None


class Cluster:
    """A running cluster; a context manager that starts it on entry and stops it on exit."""

    def __init__(
        self,
        spec: ClusterSpec,
        *,
        on_event: Callable[[str], None] | None = None,
        haproxy: str = HAPROXY,
    ) -> None:
        reason = refusal(spec)
        if reason is not None:
            raise ClusterRefused(reason)
        spec = replace(spec, database_url=with_driver(spec.database_url))
        self.spec = spec
        self.haproxy_path = haproxy
        self.events: list[tuple[float, str]] = []
        self._on_event = on_event
        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._monitor: threading.Thread | None = None
        self._run_dir: Path | None = None
        self.port = spec.port
        self.apps: list[Child] = []
        self.workers: list[Child] = []
        self.balancer: Child | None = None
        self._env: dict[str, str] = {}

    # -- public face -------------------------------------------------------------------

    @property
    def url(self) -> str:
        """haproxy's base URL: what Retell, the simulator and browsers talk to."""
        return f"http://{self.spec.host}:{self.port}"

    @property
    def app_urls(self) -> list[str]:
        return [f"http://{self.spec.host}:{c.port}" for c in self.apps]

    def __enter__(self) -> Cluster:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self, timeout: float = 60.0) -> None:
        """Migrate, start haproxy, the apps and the workers, and wait until all are ready."""
        if not Path(self.haproxy_path).exists():
            raise ClusterRefused(
                f"haproxy is not installed at {self.haproxy_path}: run "
                "`sh scripts/ensure-haproxy.sh` (Debian's haproxy package)"
            )
        from frontdesk.db.migrate import upgrade

        self._emit(f"migrating {_redact(self.spec.database_url)}")
        upgrade(self.spec.database_url)
        self._run_dir = Path(tempfile.mkdtemp(prefix="frontdesk-cluster-"))
        if not self.port:
            self.port = free_port(self.spec.host)
        command = frontdesk_command()
        for i in range(self.spec.apps):
            port = free_port(self.spec.host)
            argv = [*command, "serve", "--host", self.spec.host, "--port", str(port)]
            self.apps.append(Child(name=f"app-{i}", argv=argv, port=port))
        for i in range(self.spec.workers):
            self.workers.append(Child(name=f"worker-{i}", argv=[*command, "worker"]))
        config_path = self._run_dir / "haproxy.cfg"
        config_path.write_text(self._haproxy_config(), encoding="utf-8")
        self.balancer = Child(
            name="haproxy",
            argv=[self.haproxy_path, "-f", str(config_path), "-db"],
            port=self.port,
        )
        self._env = self._child_env()
        atexit.register(self.stop)
        with self._lock:
            for child in self._children():
                self._spawn(child)
        self._monitor = threading.Thread(target=self._watch, name="cluster-monitor", daemon=True)
        self._monitor.start()
        try:
            self.wait_ready(timeout)
        except BaseException:
            self.stop()
            raise
        self._emit(f"ready at {self.url} ({self.spec.apps} apps, {self.spec.workers} workers)")

    def kill_app(self, i: int) -> None:
        """SIGKILL app process i (restarted by the supervisor when spec.restart)."""
        self._kill(self.apps[i])

    def start_app(self, i: int) -> None:
        """Start app process i again (nothing happens while it runs)."""
        self._start(self.apps[i])

    def kill_worker(self, i: int) -> None:
        """SIGKILL worker i (restarted by the supervisor when spec.restart)."""
        self._kill(self.workers[i])

    def start_worker(self, i: int) -> None:
        self._start(self.workers[i])

    def wait_ready(self, timeout: float = 30.0) -> None:
        """Until every app meant to run answers /readyz, haproxy counts it up, and haproxy
        itself answers /readyz; TimeoutError naming what is not ready."""
        deadline = time.monotonic() + timeout
        problem = "not checked"
        with httpx.Client(timeout=2.0) as client:
            while True:
                problem = self._not_ready(client) or ""
                if not problem:
                    return
                if time.monotonic() > deadline:
                    raise TimeoutError(f"cluster not ready after {timeout:.0f} s: {problem}")
                time.sleep(POLL_S)

    def balancer_status(self) -> dict[str, str]:
        """haproxy's view of each app server: {"app-0": "UP", "app-1": "DOWN", ...}."""
        assert self._run_dir is not None
        raw = _stats_command(self._run_dir / "haproxy.sock", "show stat")
        status: dict[str, str] = {}
        for line in raw.splitlines():
            parts = line.split(",")
            if len(parts) > 17 and parts[0] == "apps" and parts[1].startswith("app-"):
                status[parts[1]] = parts[17]
        return status

    def stop(self) -> None:
        """Stop haproxy, then the apps, then the workers (SIGTERM, SIGKILL after a grace)."""
        if self._stopping.is_set():
            return
        self._stopping.set()
        if self._monitor is not None:
            self._monitor.join(timeout=5)
        with self._lock:
            groups = [[self.balancer] if self.balancer else [], self.apps, self.workers]
            for group in groups:
                began = time.monotonic()
                for child in group:
                    child.wanted = False
                    _terminate(child)
                deadline = began + STOP_GRACE_S
                for child in group:
                    _reap(child, deadline)
                if group:
                    names = ", ".join(c.name for c in group)
                    self._emit(f"{names} stopped in {time.monotonic() - began:.1f} s")
            for child in self._children():
                if child.log is not None:
                    child.log.close()
                    child.log = None
        if self._run_dir is not None:
            shutil.rmtree(self._run_dir, ignore_errors=True)
        with contextlib.suppress(Exception):
            atexit.unregister(self.stop)
        self._emit("stopped")

    def run_until_stopped(self, stop: threading.Event) -> None:
        """Block until `stop` is set (the CLI's signal handlers set it), then stop."""
        try:
            while not stop.wait(0.5):
                pass
        finally:
            self.stop()

    # -- internals ---------------------------------------------------------------------

    def _children(self) -> list[Child]:
        return [*self.apps, *self.workers, *([self.balancer] if self.balancer else [])]

    def _haproxy_config(self) -> str:
        assert self._run_dir is not None
        backends = [Backend(c.name, self.spec.host, c.port or 0) for c in self.apps]
        config = haproxy_config(
            bind_host=self.spec.host,
            bind_port=self.port,
            backends=backends,
            balance=self.spec.balance,
        )
        socket_line = f"    stats socket {self._run_dir / 'haproxy.sock'} mode 600 level admin\n"
        return config.replace("global\n", "global\n" + socket_line, 1)

    def _child_env(self) -> dict[str, str]:
        env = {**os.environ, **self.spec.env}
        env["FRONTDESK_DATABASE_URL"] = self.spec.database_url
        if self.spec.redis_url:
            env["FRONTDESK_REDIS_URL"] = self.spec.redis_url
        # One secret for all: a session cookie signed by one app must verify on the others.
        if not env.get("FRONTDESK_SESSION_SECRET"):
            env["FRONTDESK_SESSION_SECRET"] = _shared_session_secret(env)
        env.setdefault("PYTHONUNBUFFERED", "1")
        return env

    def _spawn(self, child: Child) -> None:
        """Start `child` (the lock is held)."""
        if child.log is None and self.spec.log_dir is not None:
            self.spec.log_dir.mkdir(parents=True, exist_ok=True)
            child.log = (self.spec.log_dir / f"{child.name}.log").open("ab")
        out = child.log if child.log is not None else None
        child.process = subprocess.Popen(
            child.argv,
            env=self._env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT if out is not None else None,
            start_new_session=True,
        )
        child.wanted = True
        child.last_start = time.monotonic()
        port = f" on port {child.port}" if child.port else ""
        self._emit(f"{child.name} started (pid {child.pid}){port}")

    def _kill(self, child: Child) -> None:
        with self._lock:
            if not self.spec.restart:
                child.wanted = False
            if child.alive:
                assert child.process is not None
                child.process.kill()
                child.process.wait()
                self._emit(f"{child.name} killed (SIGKILL)")

    def _start(self, child: Child) -> None:
        with self._lock:
            if child.alive:
                return
            self._spawn(child)

    def _watch(self) -> None:
        """Restart what died, with a growing pause for a process that keeps dying."""
        while not self._stopping.wait(POLL_S):
            with self._lock:
                if self._stopping.is_set():
                    return
                for child in self._children():
                    if child.alive or child.process is None:
                        continue
                    code = child.process.returncode
                    if not (self.spec.restart and child.wanted):
                        if child.wanted:  # died by itself, restart off: remember it is down
                            child.wanted = False
                            self._emit(f"{child.name} exited with {code} (not restarted)")
                        continue
                    quick = time.monotonic() - child.last_start < 10
                    pause = RESTART_BACKOFF_S[min(child.restarts, len(RESTART_BACKOFF_S) - 1)]
                    if quick and time.monotonic() - child.last_start < pause:
                        continue
                    child.restarts = child.restarts + 1 if quick else 0
                    self._emit(f"{child.name} exited with {code}: restarting")
                    self._spawn(child)

    def _not_ready(self, client: httpx.Client) -> str | None:
        with self._lock:
            apps = [(c, c.wanted, c.alive, c.process) for c in self.apps]
        for child, wanted, alive, process in apps:
            if not wanted:
                continue
            if not alive:
                code = process.returncode if process is not None else None
                return f"{child.name} is not running (exit {code})"
            problem = _readyz_problem(client, f"http://{self.spec.host}:{child.port}")
            if problem:
                return f"{child.name}: {problem}"
        if self.balancer is None or not self.balancer.alive:
            return "haproxy is not running"
        try:
            status = self.balancer_status()
        except OSError as exc:
            return f"haproxy stats socket: {exc}"
        for child, wanted, _alive, _process in apps:
            if wanted and status.get(child.name) != "UP":
                return f"haproxy counts {child.name} {status.get(child.name, 'unknown')}"
        problem = _readyz_problem(client, self.url)
        return f"haproxy: {problem}" if problem else None

    def _emit(self, text: str) -> None:
        self.events.append((time.time(), text))
        if self._on_event is not None:
            self._on_event(text)


def _readyz_problem(client: httpx.Client, base_url: str) -> str | None:
    try:
        response = client.get(base_url + "/readyz")
    except httpx.HTTPError as exc:
        return f"{type(exc).__name__}"
    if response.status_code != 200:
        return f"/readyz {response.status_code} {response.text[:200]}"
    return None


def _terminate(child: Child) -> None:
    if child.alive:
        assert child.process is not None
        with contextlib.suppress(ProcessLookupError):
            child.process.send_signal(signal.SIGTERM)


def _reap(child: Child, deadline: float) -> None:
    if child.process is None:
        return
    try:
        child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        child.process.kill()
        child.process.wait()


def _stats_command(path: Path, command: str) -> str:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(2.0)
        sock.connect(str(path))
        sock.sendall(command.encode() + b"\n")
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")


def _shared_session_secret(env: dict[str, str]) -> str:
    """The secret every app signs dashboard sessions with: the stored one when there is one
    (restarting the cluster keeps operators logged in), else a fresh one for this run."""
    path = Path(env.get("FRONTDESK_SESSION_SECRET_FILE", "var/session-secret"))
    if path.exists():
        stored = path.read_text(encoding="utf-8").strip()
        if stored:
            return stored
    return secrets.token_urlsafe(48)


def _redact(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL SQLAlchemy reads: say nothing of it
        return "the database"
