"""Who may read /metrics: nobody without a configured token, only its holder with one."""

from __future__ import annotations

import httpx

from tests.metrics.conftest import TOKEN, scrape


def test_without_a_configured_token_the_endpoint_is_404(client: httpx.Client) -> None:
    assert client.get("/metrics").status_code == 404
    response = client.get("/metrics", headers={"Authorization": "Bearer anything"})
    assert response.status_code == 404


def test_missing_or_wrong_token_is_401_with_a_bearer_challenge(metrics_url: str) -> None:
    attempts: list[str | None] = [
        None,
        "Bearer wrong",
        f"Basic {TOKEN}",
        "Bearer",
        f"Bearer {TOKEN}x",
        f"Bearer {TOKEN[:-1]}",
        "Bearer t\u00f6ken",  # not ASCII: refused, not a crash
    ]
    for authorization in attempts:
        # As bytes: httpx would refuse to send the non-ASCII value as str.
        headers = {b"Authorization": authorization.encode("latin-1")} if authorization else {}
        response = httpx.get(f"{metrics_url}/metrics", headers=headers, timeout=10)
        assert response.status_code == 401, authorization
        assert response.headers["www-authenticate"] == "Bearer"
        assert "frontdesk_" not in response.text


def test_the_right_token_gets_prometheus_text(metrics_url: str) -> None:
    response = scrape(metrics_url)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    assert response.headers["cache-control"] == "no-store"
    assert "# TYPE frontdesk_events_total counter" in response.text
    # The scheme is case-insensitive (RFC 7235).
    lower = httpx.get(
        f"{metrics_url}/metrics", headers={"Authorization": f"bearer {TOKEN}"}, timeout=10
    )
    assert lower.status_code == 200


def test_only_database_figures_no_process_collectors(metrics_url: str) -> None:
    text = scrape(metrics_url).text
    names = {line.split()[2] for line in text.splitlines() if line.startswith("# TYPE")}
    assert names and all(name.startswith("frontdesk_") for name in names)
    assert "process_" not in text and "python_gc" not in text
