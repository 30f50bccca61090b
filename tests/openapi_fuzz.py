"""schemathesis through a real server: generate cases from an OpenAPI document, send them, check.

Used by the bounded CI tests (tests/test_openapi_fuzz.py, tests/dashboard/test_forms_fuzz.py)
and by the long run by hand (bench/fuzz_api.py), so both exercise the same thing.

Cases are serialised by schemathesis's own request preparation, then a signing step adds what
the route checks before anything else (Retell's HMAC over the exact body bytes, Twilio's HMAC
over URL and form fields, the dashboard's CSRF token), and httpx sends them to the server.
schemathesis's own `case.call` is not used: its requests transport counts pooled connections
through urllib3 internals that urllib3-future (installed with caldav's niquests, which takes
over the `urllib3` import) does not have, so every call fails with "'TrafficPolice' object has
no attribute 'keys'". The responses are then validated by schemathesis's checks as usual.
"""

from __future__ import annotations

import copy
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import httpx
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import Case, GenerationMode
from schemathesis.core.failures import FailureGroup
from schemathesis.schemas import APIOperation, BaseSchema
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from twilio.request_validator import RequestValidator  # type: ignore[import-untyped, unused-ignore]

from frontdesk.voice.retell.signing import sign

# What "honest" means: every answer's status, media type, headers and body are the ones the
# document declares for the operation; `own_problems` adds no 5xx and no handler failure.
SPEC_CHECKS = (
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
)
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)

# Adds the headers a route checks before anything else, from the exact bytes to be sent.
Signer = Callable[[requests.PreparedRequest], Mapping[str, str]]


@dataclass(frozen=True)
class Keys:
    retell_api_key: str
    twilio_auth_token: str = ""


def provider_signer(keys: Keys, base_url: str) -> Signer:
    """Retell's signature on /retell/*, Twilio's on /sms/twilio*; other routes stay as they are."""

    def signer(prepared: requests.PreparedRequest) -> Mapping[str, str]:
        url = prepared.url or ""
        path = url[len(base_url) :] if url.startswith(base_url) else url
        body = _body_bytes(prepared)
        if path.startswith("/retell/"):
            try:
                return {"x-retell-signature": sign(body, keys.retell_api_key)}
            except UnicodeDecodeError:  # Retell only signs text; such a body stays unsigned
                return {}
        if path.startswith("/sms/twilio") and keys.twilio_auth_token:
            fields = dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
            validator = RequestValidator(keys.twilio_auth_token)
            return {"X-Twilio-Signature": validator.compute_signature(url, fields)}
        return {}

    return signer


@dataclass
class Tally:
    """What one run did: operations, cases sent, answers by status, failures with a repro."""

    operations: int = 0
    cases: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def server_errors(self) -> int:
        return sum(1 for failure in self.failures if "Server error" in failure)

    def line(self, label: str) -> str:
        shown = ", ".join(f"{s}: {n}" for s, n in sorted(self.statuses.items()))
        return (
            f"{label}: {self.operations} operations, {self.cases} cases, "
            f"{self.server_errors} server errors, {len(self.failures)} failures "
            f"in {self.seconds:.1f} s ({shown})"
        )


def _body_bytes(prepared: requests.PreparedRequest) -> bytes:
    body = prepared.body
    if body is None:
        return b""
    return body.encode("utf-8") if isinstance(body, str) else bytes(body)


def prepare(case: Case, base_url: str) -> requests.PreparedRequest:
    """The request exactly as schemathesis would send it (URL, headers, serialised body)."""
    kwargs = case.as_transport_kwargs(base_url=base_url)
    allowed = {"method", "url", "headers", "params", "cookies", "data", "json", "files"}
    request = requests.Request(**{k: v for k, v in kwargs.items() if k in allowed})
    return request.prepare()


def send(
    client: httpx.Client,
    case: Case,
    base_url: str,
    signer: Signer,
    extra_headers: Mapping[str, str] | None = None,
) -> httpx.Response:
    prepared = prepare(case, base_url)
    headers = {k: v for k, v in prepared.headers.items() if k.lower() != "cookie"}
    headers.update(extra_headers or {})
    headers.update(signer(prepared))
    return client.request(
        prepared.method or case.method,
        prepared.url or base_url,
        content=_body_bytes(prepared),
        headers=headers,
    )


def own_problems(operation: APIOperation, response: httpx.Response) -> list[str]:
    """A 5xx the operation does not declare (/readyz declares its 503), and a live function's
    polite "internal_error": both mean a handler raised."""
    problems: list[str] = []
    status = response.status_code
    if status >= 500 and str(status) not in operation.responses.status_codes:
        problems.append(f"Server error {status}")
    if response.headers.get("content-type", "").startswith("application/json"):
        try:
            answer = response.json()
        except ValueError:
            return problems
        if isinstance(answer, dict) and answer.get("error") == "internal_error":
            problems.append("A handler failed (answered internal_error)")
    return problems


def _describe(case: Case, response: httpx.Response, problem: str) -> str:
    request = response.request
    body = request.content[:300] if request is not None else b""
    return (
        f"{case.method} {case.path} ({case.meta.generation.mode.value if case.meta else '?'}) "
        f"-> {response.status_code}: {problem.strip()[:600]}\n  sent {request.url}\n  body {body!r}"
        f"\n  answer {response.text[:300]!r}"
    )


def fuzz_operation(
    operation: APIOperation,
    client: httpx.Client,
    base_url: str,
    tally: Tally,
    *,
    examples: int,
    signer: Signer,
    checks: Iterable[Any] = SPEC_CHECKS,
    modes: Iterable[GenerationMode] = MODES,
    extra_headers: Callable[[], Mapping[str, str]] | None = None,
    after: Callable[[Case, httpx.Response], None] | None = None,
    derandomize: bool = True,
) -> None:
    """Send up to `examples` generated cases per mode; record every failure, never stop early."""
    chosen = list(checks)
    tally.operations += 1
    for mode in modes:

        @settings(
            max_examples=examples,
            deadline=None,
            derandomize=derandomize,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def run(case: Case) -> None:
            headers = extra_headers() if extra_headers else None
            try:
                response = send(client, case, base_url, signer, headers)
            except httpx.TransportError as exc:  # the server dropped the connection: a crash
                tally.cases += 1
                tally.failures.append(f"{case.method} {case.path}: no answer ({exc!r})")
                return
            tally.cases += 1
            tally.statuses[response.status_code] += 1
            problems = own_problems(operation, response)
            try:
                if chosen:  # none given means only `own_problems`, not schemathesis's defaults
                    case.validate_response(response, checks=chosen)
            except FailureGroup as group:  # keep every failure and go on
                problems += [f"{f.title}: {f.message}" for f in group.exceptions]
            if problems:
                tally.failures.append(_describe(case, response, "; ".join(problems)))
            if after is not None:
                after(case, response)

        try:
            run()
        except Unsatisfiable:  # nothing in this operation can be made invalid (GET /healthz)
            if mode is not GenerationMode.NEGATIVE:
                raise


def fuzz_schema(
    schema: BaseSchema,
    client: httpx.Client,
    base_url: str,
    *,
    examples: int,
    signer: Signer,
    skip: Callable[[APIOperation], bool] = lambda _op: False,
    **options: Any,
) -> Tally:
    tally = Tally()
    started = time.perf_counter()
    for result in schema.get_all_operations():
        operation = result.ok()
        if skip(operation):
            continue
        fuzz_operation(
            operation, client, base_url, tally, examples=examples, signer=signer, **options
        )
    tally.seconds = time.perf_counter() - started
    return tally


def steer_calls_to(document: dict[str, Any], number: str) -> dict[str, Any]:
    """A copy whose generated Retell calls ring `number` with real-looking call ids, so the
    handlers run for a known practice instead of answering "unknown company" (negative mode
    still breaks both). Only requests are steered; the declared answers stay as they are."""
    steered = copy.deepcopy(document)
    call = steered["components"]["schemas"]["RetellCall"]
    call["properties"]["call_id"] = {"type": "string", "pattern": "^call_[0-9a-f]{24}$"}
    call["properties"]["to_number"] = {"type": "string", "enum": [number]}
    call["required"] = sorted({*call.get("required", []), "call_id", "to_number"})
    return steered


def dashboard_document(id_range: tuple[int, int] = (1, 60)) -> dict[str, Any]:
    """A test-only OpenAPI document of the dashboard's routes, which stay out of the public
    one (include_in_schema=False): the same route modules mounted on a bare app, so every
    path, query parameter and form field is the one the code declares. Ids (`*_id` integers
    in paths and forms) are drawn from `id_range`, where the seeded records are, so actions
    reach real rows; negative mode still sends ids outside it and non-numbers. The answers are
    not described (HTML pages and redirects): only "no 5xx" is checked against it."""
    from fastapi import FastAPI

    from frontdesk.dashboard.routes import ROUTE_MODULES

    probe = FastAPI()
    for module in ROUTE_MODULES:
        probe.include_router(module.router, prefix="/app")
    document = probe.openapi()
    low, high = id_range

    def narrow(name: str, schema: dict[str, Any]) -> None:
        if not name.endswith("_id"):
            return
        for option in [schema, *schema.get("anyOf", [])]:
            if option.get("type") == "integer":
                option.update(minimum=low, maximum=high)

    for methods in document["paths"].values():
        for operation in methods.values():
            for parameter in operation.get("parameters", []):
                narrow(parameter["name"], parameter["schema"])
    for component in document.get("components", {}).get("schemas", {}).values():
        for name, schema in component.get("properties", {}).items():
            narrow(name, schema)
    return document
