"""What the messaging domain needs from an SMS provider, in the domain's own terms.

Provider adapters (e.g. `frontdesk.sms.twilio`) implement `SmsGateway`; the domain never
imports a provider."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class OutgoingSms:
    to: str  # E.164
    sender: str  # E.164, the practice's sending number
    body: str
    status_callback: str | None = None


@dataclass(frozen=True)
class SentSms:
    provider_id: str  # e.g. Twilio's message SID "SM…"
    status: str  # the provider's first status, e.g. "queued"


class SendFailed(Exception):
    """The provider refused or could not be reached.

    `transient` says whether trying again later may succeed (network, 5xx, rate limit);
    a permanent failure (invalid number, opted out at the carrier) is not retried."""

    def __init__(self, message: str, *, transient: bool, code: str | None = None) -> None:
        super().__init__(message)
        self.transient = transient
        self.code = code


class SmsGateway(Protocol):
    def send(self, message: OutgoingSms) -> SentSms: ...
