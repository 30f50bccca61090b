"""Alerts as a generic JSON webhook.

The payload's top-level "text" is what Slack incoming webhooks and Microsoft Teams (incoming
webhook / workflow) display; the structured fields beside it serve any other receiver."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from typing import Any

import httpx

from frontdesk.alerts.service import Notice
from frontdesk.notify import DeliveryError


def payload(notice: Notice) -> dict[str, Any]:
    return {
        "text": f"*{notice.subject}*\n{notice.text}",
        "title": notice.subject,
        "summary": notice.text,
        "company": notice.company,
        "rule": notice.rule,
        "status": notice.kind,
        "value": notice.value,
        "threshold": notice.threshold,
        "unit": notice.unit,
        "at": notice.at.astimezone(UTC).isoformat(),
    }


@dataclass(frozen=True)
class WebhookPoster:
    timeout: float = 10.0

    def send(self, notice: Notice, url: str) -> None:
        try:
            response = httpx.post(url, json=payload(notice), timeout=self.timeout)
        except httpx.HTTPError as error:
            raise DeliveryError(f"webhook: {type(error).__name__}: {error}") from error
        if response.status_code >= 300:
            raise DeliveryError(f"webhook answered {response.status_code}: {response.text[:200]}")
