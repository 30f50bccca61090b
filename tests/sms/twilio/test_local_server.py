"""LocalTwilio over plain HTTP: Twilio's shapes, errors, lifecycle and webhook helpers."""

from __future__ import annotations

import base64
import inspect
import json
import re
import socket
import threading
from collections.abc import Iterator
from typing import Any
from urllib.error import HTTPError
from urllib.parse import parse_qsl, urlencode
from urllib.request import Request, urlopen

import pytest
from twilio.request_validator import RequestValidator
from twilio.rest.api.v2010.account.message import MessageInstance

from frontdesk.sms.twilio.local_server import (
    DEFAULT_ACCOUNT_SID,
    DEFAULT_AUTH_TOKEN,
    LocalTwilio,
    incoming_sms_params,
    signed_form_post,
)
from tests.sms.twilio import CallbackReceiver

SID = DEFAULT_ACCOUNT_SID
TOKEN = DEFAULT_AUTH_TOKEN
MESSAGES = f"/2010-04-01/Accounts/{SID}/Messages.json"
PRACTICE = "+41445551234"
PATIENT = "+41791234567"


@pytest.fixture
def quiet() -> Iterator[LocalTwilio]:
    """A server whose messages stay queued: nothing happens after the answer."""
    with LocalTwilio(callbacks=False) as server:
        yield server


def call(
    server: LocalTwilio,
    path: str,
    form: dict[str, str] | None = None,
    auth: tuple[str, str] = (SID, TOKEN),
) -> tuple[int, dict[str, Any], dict[str, str]]:
    credentials = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
    request = Request(
        server.base_url + path,
        data=urlencode(form).encode() if form is not None else None,
        headers={"Authorization": f"Basic {credentials}"},
        method="POST" if form is not None else "GET",
    )
    try:
        with urlopen(request, timeout=2) as response:
            return response.status, json.load(response), dict(response.headers.items())
    except HTTPError as error:
        return error.code, json.load(error), dict(error.headers.items())


def send(server: LocalTwilio, to: str = PATIENT, **extra: str) -> dict[str, Any]:
    status, body, _ = call(server, MESSAGES, {"To": to, "From": PRACTICE, "Body": "Hi", **extra})
    assert status == 201, body
    return body


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/sms/status"


def test_start_returns_a_loopback_url_and_stop_is_idempotent() -> None:
    server = LocalTwilio()
    url = server.start()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url)
    assert server.start() == url
    server.stop()
    server.stop()


def test_created_message_has_the_shape_of_twilios_message_resource(quiet: LocalTwilio) -> None:
    body = send(quiet)

    assert re.fullmatch(r"SM[0-9a-f]{32}", body["sid"])
    assert body["status"] == "queued"
    assert body["num_segments"] == "1"
    assert body["direction"] == "outbound-api"
    assert (body["to"], body["from"], body["body"]) == (PATIENT, PRACTICE, "Hi")
    assert body["price"] is None and body["error_code"] is None and body["error_message"] is None
    assert body["uri"] == f"/2010-04-01/Accounts/{SID}/Messages/{body['sid']}.json"
    assert re.fullmatch(r"\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000", body["date_created"])
    read_by_sdk = set(re.findall(r'payload\.get\(\s*"(\w+)"', inspect.getsource(MessageInstance)))
    assert read_by_sdk and read_by_sdk <= set(body)


def test_get_returns_the_current_state_and_unknown_sids_are_404(quiet: LocalTwilio) -> None:
    created = send(quiet)
    path = f"/2010-04-01/Accounts/{SID}/Messages/{created['sid']}.json"

    assert call(quiet, path)[:2] == (200, created)
    status, body, _ = call(quiet, path.replace(created["sid"], "SM" + "0" * 32))
    assert (status, body["code"], body["status"]) == (404, 20404, 404)


def test_invalid_to_is_twilios_21211_error(quiet: LocalTwilio) -> None:
    status, body, _ = call(quiet, MESSAGES, {"To": "0791234567", "From": PRACTICE, "Body": "Hi"})

    assert status == 400
    assert body == {
        "code": 21211,
        "message": "The 'To' number 0791234567 is not a valid phone number.",
        "more_info": "https://www.twilio.com/docs/errors/21211",
        "status": 400,
    }


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ({"From": PRACTICE, "Body": "Hi"}, 21604),
        ({"To": PATIENT, "Body": "Hi"}, 21603),
        ({"To": PATIENT, "From": "not a number!", "Body": "Hi"}, 21212),
        ({"To": PATIENT, "From": PRACTICE}, 21602),
        ({"To": PATIENT, "From": PRACTICE, "Body": "x" * 1601}, 21617),
    ],
)
def test_missing_or_invalid_fields_are_400(
    quiet: LocalTwilio, form: dict[str, str], code: int
) -> None:
    status, body, _ = call(quiet, MESSAGES, form)
    assert (status, body["code"]) == (400, code)


def test_wrong_credentials_are_401_and_another_account_is_404(quiet: LocalTwilio) -> None:
    form = {"To": PATIENT, "From": PRACTICE, "Body": "Hi"}

    status, body, headers = call(quiet, MESSAGES, form, auth=(SID, "wrong"))
    assert (status, body["code"], body["status"]) == (401, 20003, 401)
    assert headers["WWW-Authenticate"].startswith("Basic")

    other = "AC" + "1" * 32
    status, body, _ = call(quiet, MESSAGES.replace(SID, other), form)
    assert (status, body["code"]) == (404, 20404)


def test_fail_numbers_answer_the_configured_error() -> None:
    with LocalTwilio(fail_numbers={PATIENT: (503, 20503, "Service unavailable")}) as server:
        status, body, _ = call(server, MESSAGES, {"To": PATIENT, "From": PRACTICE, "Body": "Hi"})
    assert (status, body["code"], body["message"]) == (503, 20503, "Service unavailable")


def test_messaging_service_without_from_is_accepted(quiet: LocalTwilio) -> None:
    service = "MG" + "2" * 32
    status, body, _ = call(
        quiet, MESSAGES, {"To": PATIENT, "MessagingServiceSid": service, "Body": "Hi"}
    )
    assert (status, body["status"], body["from"]) == (201, "accepted", None)
    assert body["messaging_service_sid"] == service


def test_every_request_is_recorded_from_concurrent_clients(quiet: LocalTwilio) -> None:
    threads = [threading.Thread(target=send, args=(quiet,)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    recorded = quiet.requests
    assert len(recorded) == 8
    assert {r.path for r in recorded} == {MESSAGES}
    assert recorded[0].form == {"To": PATIENT, "From": PRACTICE, "Body": "Hi"}


def test_status_callbacks_are_signed_and_advance_the_message() -> None:
    with CallbackReceiver() as receiver, LocalTwilio() as server:
        url = receiver.base_url + "/sms/status?practice=7"
        created = send(server, StatusCallback=url)
        server.wait_idle()
        posts = receiver.wait_for(2)

    validator = RequestValidator(TOKEN)
    assert [p.params["MessageStatus"] for p in posts] == ["sent", "delivered"]
    for post in posts:
        assert post.url == url
        assert validator.validate(post.url, post.params, post.headers["X-Twilio-Signature"])
        assert post.params["MessageSid"] == post.params["SmsSid"] == created["sid"]
        assert "ErrorCode" not in post.params
    assert server.message(created["sid"])["status"] == "delivered"
    assert server.callback_errors == []


def test_unreachable_callbacks_are_recorded_not_raised() -> None:
    with LocalTwilio() as server:
        send(server, StatusCallback=closed_port_url())
        server.wait_idle()
        errors = server.callback_errors
    assert [e.message_status for e in errors] == ["sent", "delivered"]


def test_refused_callbacks_are_recorded_with_the_http_status() -> None:
    with CallbackReceiver(status=500) as receiver, LocalTwilio() as server:
        send(server, StatusCallback=receiver.base_url + "/sms/status")
        server.wait_idle()
        assert [e.reason for e in server.callback_errors] == ["HTTP 500", "HTTP 500"]


def test_wait_idle_times_out_while_a_callback_is_in_flight() -> None:
    hold = threading.Event()
    with CallbackReceiver(hold=hold) as receiver, LocalTwilio() as server:
        send(server, StatusCallback=receiver.base_url + "/sms/status")
        receiver.wait_for(1)
        with pytest.raises(TimeoutError):
            server.wait_idle(timeout=0.01)
        hold.set()
        server.wait_idle()


def test_without_callbacks_nothing_is_posted_and_the_message_stays_queued(
    quiet: LocalTwilio,
) -> None:
    created = send(quiet, StatusCallback=closed_port_url())
    quiet.wait_idle(timeout=0.01)
    assert quiet.message(created["sid"])["status"] == "queued"
    assert quiet.callback_errors == []


def test_signed_form_post_is_what_twilios_validator_accepts() -> None:
    url = "https://frontdesk.example/sms/incoming?practice=7"
    params = incoming_sms_params(SID, PATIENT, PRACTICE, "Ja, ich komme.")

    headers, body = signed_form_post(url, params, TOKEN)

    assert headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert dict(parse_qsl(body, keep_blank_values=True)) == params
    assert RequestValidator(TOKEN).validate(url, params, headers["X-Twilio-Signature"])
    assert not RequestValidator("other").validate(url, params, headers["X-Twilio-Signature"])


def test_incoming_sms_params_carry_twilios_inbound_fields() -> None:
    params = incoming_sms_params(SID, "+4915112345678", PRACTICE, "Ja")

    assert re.fullmatch(r"SM[0-9a-f]{32}", params["MessageSid"])
    assert params["MessageSid"] == params["SmsSid"] == params["SmsMessageSid"]
    assert (params["From"], params["To"], params["Body"]) == ("+4915112345678", PRACTICE, "Ja")
    assert (params["FromCountry"], params["ToCountry"]) == ("DE", "CH")
    assert (params["NumMedia"], params["NumSegments"], params["SmsStatus"]) == (
        "0",
        "1",
        "received",
    )
    assert params["AccountSid"] == SID and "MessagingServiceSid" not in params
    with_service = incoming_sms_params(SID, PATIENT, PRACTICE, "Ja", messaging_service_sid="MG1")
    assert with_service["MessagingServiceSid"] == "MG1"
