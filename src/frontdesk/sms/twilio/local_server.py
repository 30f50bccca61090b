"""A local stand-in for Twilio's Messages API, for tests and the simulator.

Twilio's servers cannot be reached from tests (and must not be: a test would send real SMS),
so this server answers the SDK's requests with Twilio's JSON shapes, error bodies and signed
status callbacks. It uses only the standard library (plus the SDK's own signature code), so
it starts in milliseconds and needs no network beyond loopback."""

from __future__ import annotations

import base64
import binascii
import json
import queue
import re
import threading
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self, cast
from urllib.error import HTTPError, URLError
from urllib.parse import parse_qsl, urlencode, urlsplit
from urllib.request import Request, urlopen

import phonenumbers
from twilio.request_validator import (  # type: ignore[import-untyped, unused-ignore]
    RequestValidator,
)

from frontdesk.messaging.segments import count_segments

DEFAULT_ACCOUNT_SID = "AC" + "0" * 32
DEFAULT_AUTH_TOKEN = "0123456789abcdef0123456789abcdef"
API_VERSION = "2010-04-01"
UNDELIVERED_ERROR_CODE = 30005
UNDELIVERED_ERROR_MESSAGE = "Unknown destination handset"

_E164 = re.compile(r"\+[1-9][0-9]{7,14}")
_SHORT_CODE = re.compile(r"[0-9]{3,8}")
_ALPHANUMERIC_SENDER = re.compile(r"(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}")
_MESSAGES_PATH = re.compile(r"/2010-04-01/Accounts/(?P<account>[^/]+)/Messages\.json")
_MESSAGE_PATH = re.compile(r"/2010-04-01/Accounts/(?P<account>[^/]+)/Messages/(?P<sid>[^/]+)\.json")
_MAX_BODY_CHARS = 1600
_CALLBACK_TIMEOUT_S = 2.0
_SERVE_POLL_S = 0.02  # how soon `stop()` is noticed; the default 0.5 s would slow every test


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server received it, so tests can assert what the SDK really sent."""

    method: str
    path: str  # the request target: path and query exactly as sent
    form: dict[str, str]
    headers: dict[str, str]


@dataclass(frozen=True)
class CallbackError:
    """A status callback that could not be delivered; recorded, because Twilio never raises."""

    url: str
    message_status: str
    reason: str


@dataclass
class _Message:
    """The server's view of one outgoing message; mutated as its lifecycle advances."""

    sid: str
    account_sid: str
    to: str
    sender: str | None
    messaging_service_sid: str | None
    body: str
    status: str
    date_created: datetime
    status_callback: str | None
    undelivered: bool
    date_updated: datetime = field(init=False)
    date_sent: datetime | None = None
    error_code: int | None = None
    error_message: str | None = None

    def __post_init__(self) -> None:
        self.date_updated = self.date_created

    def resource(self) -> dict[str, Any]:
        """The JSON of Twilio's Message resource, with every field `MessageInstance` reads."""
        uri = f"/{API_VERSION}/Accounts/{self.account_sid}/Messages/{self.sid}"
        return {
            "account_sid": self.account_sid,
            "api_version": API_VERSION,
            "body": self.body,
            "date_created": _rfc2822(self.date_created),
            "date_sent": _rfc2822(self.date_sent) if self.date_sent else None,
            "date_updated": _rfc2822(self.date_updated),
            "direction": "outbound-api",
            "error_code": self.error_code,
            "error_message": self.error_message,
            "from": self.sender,
            "messaging_service_sid": self.messaging_service_sid,
            "num_media": "0",
            "num_segments": str(count_segments(self.body).segments),
            "price": None,
            "price_unit": "USD",
            "sid": self.sid,
            "status": self.status,
            "subresource_uris": {"media": f"{uri}/Media.json"},
            "to": self.to,
            "uri": f"{uri}.json",
        }

    def callback_params(self) -> dict[str, str]:
        """The form fields Twilio posts to a StatusCallback URL for the current status."""
        params = {
            "AccountSid": self.account_sid,
            "ApiVersion": API_VERSION,
            "From": self.sender or "",
            "MessageSid": self.sid,
            "MessageStatus": self.status,
            "SmsSid": self.sid,
            "SmsStatus": self.status,
            "To": self.to,
        }
        if self.messaging_service_sid:
            params["MessagingServiceSid"] = self.messaging_service_sid
        if self.error_code is not None:
            params["ErrorCode"] = str(self.error_code)
        return params


class ApiError(Exception):
    """An error answer in Twilio's legacy JSON shape, which the SDK turns into
    `TwilioRestException` with `status` and `code`."""

    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message

    def body(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "more_info": f"https://www.twilio.com/docs/errors/{self.code}",
            "status": self.status,
        }


@dataclass(frozen=True)
class _Answer:
    status: int
    body: dict[str, Any]
    follow_up: str | None = None  # a message SID whose lifecycle starts after answering


class LocalTwilio:
    """Twilio's Messages API on 127.0.0.1, with recorded requests and signed status callbacks.

    With `callbacks=True` each accepted message moves on to "sent" and then "delivered"
    (or "undelivered", error 30005, for `undelivered_numbers`) in a background thread, and each
    step is posted to the message's StatusCallback, if it has one. With `callbacks=False` a
    message stays as accepted ("queued"), so a test can look at the moment before any news."""

    def __init__(
        self,
        account_sid: str = DEFAULT_ACCOUNT_SID,
        auth_token: str = DEFAULT_AUTH_TOKEN,
        *,
        fail_numbers: dict[str, tuple[int, int, str]] | None = None,
        undelivered_numbers: set[str] | None = None,
        callbacks: bool = True,
        answer_delay: float = 0.0,
    ) -> None:
        self.account_sid = account_sid
        # Seconds each create waits before answering, like a slow provider (crash tests).
        self.answer_delay = answer_delay
        self.auth_token = auth_token
        self.fail_numbers = dict(fail_numbers or {})
        self.undelivered_numbers = set(undelivered_numbers or ())
        self.callbacks = callbacks
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []
        self._messages: dict[str, _Message] = {}
        self._callback_errors: list[CallbackError] = []
        self._idle = threading.Condition()
        self._pending = 0
        self._work: queue.Queue[str | None] = queue.Queue()
        self._server: _Server | None = None
        self._threads: list[threading.Thread] = []
        self.base_url = ""

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> str:
        """Listen on a free port of 127.0.0.1 and return the base URL for `api_base_url`."""
        if self._server is not None:
            return self.base_url
        server = _Server(("127.0.0.1", 0), _Handler)
        server.app = self
        self._server = server
        self.base_url = f"http://127.0.0.1:{server.server_address[1]}"
        self._threads = [
            threading.Thread(
                target=server.serve_forever,
                kwargs={"poll_interval": _SERVE_POLL_S},
                name="local-twilio-http",
                daemon=True,
            ),
            threading.Thread(target=self._run_lifecycles, name="local-twilio-cb", daemon=True),
        ]
        for thread in self._threads:
            thread.start()
        return self.base_url

    def stop(self) -> None:
        """Stop answering; callbacks already queued are still attempted before this returns."""
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        self._work.put(None)
        for thread in self._threads:
            thread.join(timeout=5.0)
        self._threads = []

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def wait_idle(self, timeout: float = 5.0) -> None:
        """Wait until every pending status callback was attempted (delivered or recorded as
        failed), so a test asserts on callbacks without sleeping."""
        with self._idle:
            if not self._idle.wait_for(lambda: self._pending == 0, timeout=timeout):
                raise TimeoutError(f"{self._pending} message lifecycle(s) still pending")

    # -- what happened ---------------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """A snapshot of every request received, oldest first."""
        with self._lock:
            return list(self._requests)

    @property
    def callback_errors(self) -> list[CallbackError]:
        """A snapshot of the status callbacks that could not be delivered."""
        with self._lock:
            return list(self._callback_errors)

    def message(self, sid: str) -> dict[str, Any]:
        """The current JSON of one message, as GET on its resource would answer."""
        with self._lock:
            return self._messages[sid].resource()

    # -- HTTP side (called from the handler threads) ---------------------------------------

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(request)

    def _answer(self, method: str, path: str, form: dict[str, str], auth: str | None) -> _Answer:
        target = urlsplit(path).path
        created = _MESSAGES_PATH.fullmatch(target)
        if created and method == "POST":
            self._authenticate(auth, created["account"], target)
            return self._create(form)
        fetched = _MESSAGE_PATH.fullmatch(target)
        if fetched and method == "GET":
            self._authenticate(auth, fetched["account"], target)
            return self._fetch(fetched["sid"], target)
        raise _not_found(target)

    def _authenticate(self, authorization: str | None, path_account: str, target: str) -> None:
        if _basic_credentials(authorization) != (self.account_sid, self.auth_token):
            raise ApiError(401, 20003, "Authentication Error - invalid username")
        if path_account != self.account_sid:
            raise _not_found(target)

    def _create(self, form: dict[str, str]) -> _Answer:
        if self.answer_delay:
            time.sleep(self.answer_delay)
        to, sender, service, body = _validated(form)
        if to in self.fail_numbers:
            status, code, message = self.fail_numbers[to]
            raise ApiError(status, code, message)
        message_ = _Message(
            sid=new_sid("SM"),
            account_sid=self.account_sid,
            to=to,
            sender=sender,
            messaging_service_sid=service,
            body=body,
            status="queued" if sender else "accepted",
            date_created=_now(),
            status_callback=form.get("StatusCallback") or None,
            undelivered=to in self.undelivered_numbers,
        )
        with self._lock:
            self._messages[message_.sid] = message_
            resource = message_.resource()
        follow_up = message_.sid if self.callbacks else None
        return _Answer(201, resource, follow_up)

    def _fetch(self, sid: str, target: str) -> _Answer:
        with self._lock:
            found = self._messages.get(sid)
            if found is None or found.account_sid != self.account_sid:
                raise _not_found(target)
            return _Answer(200, found.resource())

    # -- message lifecycle (background thread) ---------------------------------------------

    def _reserve(self) -> None:
        """Count a lifecycle as pending *before* answering, so `wait_idle` right after the
        SDK's call returns cannot miss it."""
        with self._idle:
            self._pending += 1

    def _enqueue(self, sid: str) -> None:
        self._work.put(sid)

    def _run_lifecycles(self) -> None:
        while (sid := self._work.get()) is not None:
            try:
                self._advance(sid)
            finally:
                with self._idle:
                    self._pending -= 1
                    self._idle.notify_all()

    def _advance(self, sid: str) -> None:
        with self._lock:
            final = "undelivered" if self._messages[sid].undelivered else "delivered"
        for status in ("sent", final):
            url, params = self._set_status(sid, status)
            if url:
                self._post_callback(url, params)

    def _set_status(self, sid: str, status: str) -> tuple[str | None, dict[str, str]]:
        with self._lock:
            message_ = self._messages[sid]
            message_.status = status
            message_.date_updated = _now()
            if status == "sent":
                message_.date_sent = message_.date_updated
            if status == "undelivered":
                message_.error_code = UNDELIVERED_ERROR_CODE
                message_.error_message = UNDELIVERED_ERROR_MESSAGE
            return message_.status_callback, message_.callback_params()

    def _post_callback(self, url: str, params: dict[str, str]) -> None:
        headers, body = signed_form_post(url, params, self.auth_token)
        request = Request(url, data=body.encode(), headers=headers, method="POST")
        try:
            with urlopen(request, timeout=_CALLBACK_TIMEOUT_S) as response:
                response.read()
        except HTTPError as error:
            self._callback_failed(url, params, f"HTTP {error.code}")
        except (URLError, OSError) as error:
            self._callback_failed(url, params, str(error))

    def _callback_failed(self, url: str, params: dict[str, str], reason: str) -> None:
        with self._lock:
            self._callback_errors.append(CallbackError(url, params["MessageStatus"], reason))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    app: LocalTwilio


class _Handler(BaseHTTPRequestHandler):
    """Translates HTTP to `LocalTwilio` calls; holds no state of its own."""

    server_version = "LocalTwilio/1.0"

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_GET(self) -> None:
        self._dispatch("GET")

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: tests assert on `LocalTwilio.requests`, not on stderr."""

    def _dispatch(self, method: str) -> None:
        app = cast(_Server, self.server).app
        form = self._read_form() if method == "POST" else {}
        app._record(RecordedRequest(method, self.path, form, dict(self.headers.items())))
        try:
            answer = app._answer(method, self.path, form, self.headers.get("Authorization"))
        except ApiError as error:
            answer = _Answer(error.status, error.body())
        if answer.follow_up is None:
            self._respond(answer)
            return
        app._reserve()
        try:
            self._respond(answer)
        finally:
            app._enqueue(answer.follow_up)

    def _read_form(self) -> dict[str, str]:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8") if length else ""
        return dict(parse_qsl(raw, keep_blank_values=True))

    def _respond(self, answer: _Answer) -> None:
        payload = json.dumps(answer.body).encode()
        self.send_response(answer.status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        if answer.status == 401:
            self.send_header("WWW-Authenticate", 'Basic realm="Twilio API"')
        self.end_headers()
        self.wfile.write(payload)


# -- request validation ----------------------------------------------------------------------


def _validated(form: Mapping[str, str]) -> tuple[str, str | None, str | None, str]:
    """To, From, MessagingServiceSid and Body, checked in the order Twilio reports them."""
    to = form.get("To", "")
    sender = form.get("From") or None
    service = form.get("MessagingServiceSid") or None
    body = form.get("Body", "")
    if not to:
        raise ApiError(400, 21604, "A 'To' phone number is required.")
    if not _E164.fullmatch(to):
        raise ApiError(400, 21211, f"The 'To' number {to} is not a valid phone number.")
    if sender is None and service is None:
        raise ApiError(400, 21603, "A 'From' phone number is required.")
    if sender is not None and not _valid_sender(sender):
        raise ApiError(
            400,
            21212,
            f"The 'From' number {sender} is not a valid phone number, shortcode, "
            "or alphanumeric sender ID.",
        )
    if not body:
        raise ApiError(400, 21602, "Message body is required.")
    if len(body) > _MAX_BODY_CHARS:
        raise ApiError(
            400, 21617, "The concatenated message body exceeds the 1600 character limit."
        )
    return to, sender, service, body


def _valid_sender(sender: str) -> bool:
    return any(p.fullmatch(sender) for p in (_E164, _SHORT_CODE, _ALPHANUMERIC_SENDER))


def _basic_credentials(authorization: str | None) -> tuple[str, str] | None:
    scheme, _, encoded = (authorization or "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    username, separator, password = decoded.partition(":")
    return (username, password) if separator else None


def _not_found(target: str) -> ApiError:
    return ApiError(404, 20404, f"The requested resource {target} was not found")


# -- helpers shared with tests and the simulator ---------------------------------------------


def new_sid(prefix: str) -> str:
    """A Twilio-shaped SID: two letters and 32 hex digits."""
    return prefix + uuid.uuid4().hex


def signed_form_post(
    url: str, params: dict[str, str], auth_token: str
) -> tuple[dict[str, str], str]:
    """Headers and url-encoded body of a webhook POST exactly as Twilio signs it, so a test or
    the simulator can deliver an incoming SMS (or a status callback) to the application."""
    signature = str(RequestValidator(auth_token).compute_signature(url, params))
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Twilio-Signature": signature,
        "I-Twilio-Idempotency-Token": str(uuid.uuid4()),
        "User-Agent": "TwilioProxy/1.1",
        "Accept": "*/*",
    }
    return headers, urlencode(params)


def incoming_sms_params(
    account_sid: str,
    from_: str,
    to: str,
    body: str,
    *,
    messaging_service_sid: str | None = None,
) -> dict[str, str]:
    """The fields Twilio posts to a number's messaging webhook when a patient texts it."""
    sid = new_sid("SM")
    params = {
        "ToCountry": _country(to),
        "ToState": "",
        "SmsMessageSid": sid,
        "NumMedia": "0",
        "ToCity": "",
        "FromZip": "",
        "SmsSid": sid,
        "FromState": "",
        "SmsStatus": "received",
        "FromCity": "",
        "Body": body,
        "FromCountry": _country(from_),
        "To": to,
        "ToZip": "",
        "NumSegments": str(count_segments(body).segments),
        "ReferralNumMedia": "0",
        "MessageSid": sid,
        "AccountSid": account_sid,
        "From": from_,
        "ApiVersion": API_VERSION,
    }
    if messaging_service_sid:
        params["MessagingServiceSid"] = messaging_service_sid
    return params


def _country(number: str) -> str:
    """ISO country of a number, as Twilio fills FromCountry/ToCountry; empty if unknown."""
    try:
        region = phonenumbers.region_code_for_number(phonenumbers.parse(number, None))
    except phonenumbers.NumberParseException:
        return ""
    return str(region) if region and region != "ZZ" else ""


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _rfc2822(moment: datetime) -> str:
    return format_datetime(moment)
