"""Sending SMS through Twilio's SDK, in the messaging domain's terms (`SmsGateway`).

The adapter only translates: an `OutgoingSms` becomes one Messages API call, and Twilio's
answers become `SentSms` or `SendFailed` with the retry decision already made (429 and 5xx,
connection errors and timeouts may succeed later; other 4xx will not)."""

from __future__ import annotations

from typing import Any
from urllib.parse import SplitResult, urlsplit, urlunsplit

from requests.exceptions import (  # type: ignore[import-untyped, unused-ignore]
    ConnectionError as RequestsConnectionError,
)
from requests.exceptions import (  # type: ignore[import-untyped, unused-ignore]
    RequestException,
    Timeout,
)
from twilio.base.exceptions import (  # type: ignore[import-untyped, unused-ignore]
    TwilioRestException,
    TwilioServiceException,
)
from twilio.http.http_client import (  # type: ignore[import-untyped, unused-ignore]
    TwilioHttpClient,
)
from twilio.rest import Client  # type: ignore[import-untyped, unused-ignore]

from frontdesk.messaging.ports import OutgoingSms, SendFailed, SentSms

_TOO_MANY_REQUESTS = 429


class TwilioGateway:
    """`SmsGateway` backed by `twilio.rest.Client`.

    `api_base_url` sends every SDK request to another server (e.g. `LocalTwilio`) with path
    and query unchanged; without it the SDK talks to Twilio as usual."""

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        api_base_url: str | None = None,
        timeout: float = 10.0,
    ) -> None:
        http_client = (
            RebasedHttpClient(api_base_url, timeout=timeout)
            if api_base_url
            else TwilioHttpClient(timeout=timeout)
        )
        self._client = Client(account_sid, auth_token, http_client=http_client)

    def send(self, message: OutgoingSms) -> SentSms:
        options: dict[str, str] = {}
        if message.status_callback:
            options["status_callback"] = message.status_callback
        try:
            created = self._client.messages.create(
                to=message.to, from_=message.sender, body=message.body, **options
            )
        except (TwilioRestException, TwilioServiceException) as error:
            raise _refused(error) from error
        except (RequestsConnectionError, Timeout) as error:
            raise SendFailed(f"Twilio unreachable: {error}", transient=True) from error
        except RequestException as error:
            raise SendFailed(f"Twilio request not possible: {error}", transient=False) from error
        return SentSms(provider_id=str(created.sid), status=str(created.status))


class RebasedHttpClient(TwilioHttpClient):  # type: ignore[misc, unused-ignore]
    """The SDK's own HTTP client, with scheme and host of every URL replaced by a base URL.

    Rewriting at the HTTP client is the one place every domain of the SDK passes through
    (api.twilio.com, messaging.twilio.com, ...) and it runs after the SDK applied
    TWILIO_EDGE/TWILIO_REGION, so no environment setting can route a test to Twilio."""

    def __init__(self, base_url: str, *, timeout: float | None = None) -> None:
        super().__init__(timeout=timeout)
        self.base = urlsplit(base_url.rstrip("/"))

    def request(
        self,
        method: str,
        url: str,
        params: dict[str, object] | None = None,
        data: dict[str, object] | None = None,
        headers: dict[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        timeout: float | None = None,
        allow_redirects: bool = False,
    ) -> Any:
        return super().request(
            method,
            rebase_url(url, self.base),
            params=params,
            data=data,
            headers=headers,
            auth=auth,
            timeout=timeout,
            allow_redirects=allow_redirects,
        )


def rebase_url(url: str, base: SplitResult) -> str:
    """`url` with the base's scheme and host (and path prefix); its path and query kept."""
    parts = urlsplit(url)
    return urlunsplit(
        parts._replace(scheme=base.scheme, netloc=base.netloc, path=base.path + parts.path)
    )


def _refused(error: Any) -> SendFailed:
    """Twilio answered with an error: rate limits and server errors are worth retrying."""
    status = int(error.status)
    transient = status == _TOO_MANY_REQUESTS or status >= 500
    code = str(error.code) if error.code is not None else None
    detail = error.msg if isinstance(error, TwilioRestException) else error.title
    return SendFailed(f"Twilio answered HTTP {status}: {detail}", transient=transient, code=code)
