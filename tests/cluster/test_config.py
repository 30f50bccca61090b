"""haproxy's generated configuration: what it balances, how it checks, how long it waits."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from frontdesk.cluster.config import SERVER_TIMEOUT_S, Backend, haproxy_config
from frontdesk.cluster.supervisor import HAPROXY

BACKENDS = [Backend("app-0", "127.0.0.1", 8101), Backend("app-1", "127.0.0.1", 8102)]


def test_every_app_is_a_checked_server_behind_one_frontend() -> None:
    text = haproxy_config(bind_host="127.0.0.1", bind_port=8000, backends=BACKENDS)
    assert "bind 127.0.0.1:8000" in text
    assert "server app-0 127.0.0.1:8101 check" in text
    assert "server app-1 127.0.0.1:8102 check" in text
    assert "option httpchk GET /readyz" in text
    assert "http-check expect status 200" in text
    assert "balance roundrobin" in text


def test_leastconn_is_chosen_on_request() -> None:
    text = haproxy_config(
        bind_host="0.0.0.0", bind_port=80, backends=BACKENDS[:1], balance="leastconn"
    )
    assert "balance leastconn" in text
    assert "roundrobin" not in text


def test_server_timeout_outlasts_retells_longest_wait() -> None:
    # Retell waits 8 s for a function and 10 s for a webhook (voice/retell/agent.py).
    text = haproxy_config(bind_host="127.0.0.1", bind_port=8000, backends=BACKENDS)
    assert f"timeout server {SERVER_TIMEOUT_S}s" in text
    assert SERVER_TIMEOUT_S > 10


def test_only_requests_that_never_reached_a_process_are_retried() -> None:
    text = haproxy_config(bind_host="127.0.0.1", bind_port=8000, backends=BACKENDS)
    retry_lines = [line.strip() for line in text.splitlines() if "retry-on" in line]
    assert retry_lines == ["retry-on conn-failure"]


def test_no_backends_is_an_error() -> None:
    with pytest.raises(ValueError, match="at least one backend"):
        haproxy_config(bind_host="127.0.0.1", bind_port=8000, backends=[])


# CI installs haproxy (scripts/ensure-haproxy.sh): there a missing one fails, never skips.
@pytest.mark.skipif(
    not Path(HAPROXY).exists() and not os.environ.get("CI"), reason="haproxy not installed"
)
def test_haproxy_accepts_the_configuration(tmp_path: Path) -> None:
    path = tmp_path / "haproxy.cfg"
    path.write_text(
        haproxy_config(bind_host="127.0.0.1", bind_port=8000, backends=BACKENDS),
        encoding="utf-8",
    )
    result = subprocess.run(
        [HAPROXY, "-c", "-f", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
