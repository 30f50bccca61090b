"""The Prometheus collector: every sample is read from the database at scrape time.

Several app processes may serve behind one load balancer; a counter kept in process memory
would differ per process and restart at zero with each of them. Reading aggregates from the
tables instead makes every process answer the same numbers for the same data.

Metrics (company: the company's name, empty where a row has no company):

- `frontdesk_events_total{provider,type}` counter: provider events received (the inbox).
- `frontdesk_event_duplicates_total{provider,type}` counter: repeats of a known event.
- `frontdesk_events_by_status{provider,type,status}` gauge: inbox events by current status
  (received: not processed yet; processed, failed, rejected, ignored). A gauge, not a counter:
  a failed event becomes processed when replayed.
- `frontdesk_function_calls_total{company,function,outcome}` counter: live function calls
  stored (outcome ok | error).
- `frontdesk_function_repeats_total{company,function}` counter: repeats answered from the
  stored result (same idempotency key).
- `frontdesk_function_duration_seconds{company,function}` histogram: function latency.
- `frontdesk_call_links{company,method,status}` gauge: calls by current link status and method
  ("none" while unset). A gauge: a call in review becomes linked later.
- `frontdesk_time_to_link_seconds{company}` histogram: from the call's record being opened to
  its link to a customer (identified_at - created_at; both the server's clock, as in the
  insights report; the provider's start timestamp may come from another clock, or, in the
  simulator, another day).
- `frontdesk_appointments{company,status}` gauge: appointments by status.
- `frontdesk_review_open{company}` gauge: open review items (0 for a company with none).
- `frontdesk_review_oldest_age_seconds{company}` gauge: age of the oldest open item (0: none).
- `frontdesk_messages{company,direction,purpose,status}` gauge: SMS by current status (a gauge:
  a message moves from queued to sent to delivered).
- `frontdesk_jobs{company,kind,status}` gauge: background jobs by current status.
- `frontdesk_metrics_query_seconds` gauge: how long this scrape's queries took.

Counters count rows, which stay: retention and erasure scrub a row's content, not the row. (If
rows were ever deleted, Prometheus would read the drop as a counter reset.) Provider events
include SMS providers' (provider `twilio`), not only the voice platforms'.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime

from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.registry import Collector
from sqlalchemy.orm import Session

from frontdesk.db.core import utcnow
from frontdesk.metrics import queries
from frontdesk.metrics.queries import Distribution

# Live functions answer while the caller waits: the interesting range is 5 ms to a few seconds.
FUNCTION_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
# A link happens during the call (seconds to minutes) or after it: post-call analysis, an SMS
# reply or a person in the review queue (hours to days).
LINK_BUCKETS = (5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 900.0, 3600.0, 14400.0, 86400.0, 604800.0)
NONE = "none"


class DatabaseCollector(Collector):
    """A `prometheus_client` collector over one database (register it on a fresh registry)."""

    def __init__(
        self, sessions: Callable[[], Session], now: Callable[[], datetime] = utcnow
    ) -> None:
        self._sessions = sessions
        self._now = now

    def collect(self) -> Iterable[Metric]:
        started = time.perf_counter()
        # A list, not a generator: the session is closed before any family is handed out, even
        # if the caller stops iterating early.
        with self._sessions() as session:
            families = list(_families(session, self._now()))
        query_time = GaugeMetricFamily(
            "frontdesk_metrics_query_seconds",
            "Time this scrape spent reading the database.",
            value=time.perf_counter() - started,
        )
        return [*families, query_time]


def _families(session: Session, now: datetime) -> Iterator[Metric]:
    names = queries.company_names(session)

    def company(company_id: int | None) -> str:
        return names.get(company_id, "") if company_id is not None else ""

    yield from _event_families(session)
    yield from _function_families(session, company)
    yield _histogram(
        "frontdesk_time_to_link_seconds",
        "Seconds from a call's record being opened to its link to a customer.",
        ["company"],
        [(d, (company(d.key[0]),)) for d in queries.time_to_link(session, LINK_BUCKETS)],
        LINK_BUCKETS,
    )
    yield _gauge(
        "frontdesk_call_links",
        "Calls by current link status and method.",
        ["company", "method", "status"],
        [
            ((company(c.key[0]), c.key[1] or NONE, c.key[2] or NONE), c.value)
            for c in queries.call_links(session)
        ],
    )
    yield _gauge(
        "frontdesk_appointments",
        "Appointments by status.",
        ["company", "status"],
        [((company(c.key[0]), c.key[1]), c.value) for c in queries.appointments(session)],
    )
    yield from _review_families(session, names, now)
    yield _gauge(
        "frontdesk_messages",
        "Text messages by direction, purpose and current status.",
        ["company", "direction", "purpose", "status"],
        [((company(c.key[0]), *c.key[1:]), c.value) for c in queries.messages(session)],
    )
    yield _gauge(
        "frontdesk_jobs",
        "Background jobs by kind and current status.",
        ["company", "kind", "status"],
        [((company(c.key[0]), *c.key[1:]), c.value) for c in queries.jobs(session)],
    )


def _event_families(session: Session) -> Iterator[Metric]:
    rows = queries.events(session)
    received: dict[tuple[str, str], int] = {}
    duplicates: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (row.provider, row.event_type or NONE)
        received[key] = received.get(key, 0) + row.events
        duplicates[key] = duplicates.get(key, 0) + row.duplicates
    labels = ["provider", "type"]
    yield _counter("frontdesk_events", "Provider events received.", labels, received.items())
    yield _counter(
        "frontdesk_event_duplicates",
        "Repeats of an already stored provider event.",
        labels,
        duplicates.items(),
    )
    yield _gauge(
        "frontdesk_events_by_status",
        "Provider events by current processing status.",
        [*labels, "status"],
        [((r.provider, r.event_type or NONE, r.status), r.events) for r in rows],
    )


def _function_families(session: Session, company: Callable[[int | None], str]) -> Iterator[Metric]:
    rows = queries.function_calls(session)
    repeats: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (company(row.company_id), row.name)
        repeats[key] = repeats.get(key, 0) + row.repeats
    yield _counter(
        "frontdesk_function_calls",
        "Live function calls by outcome.",
        ["company", "function", "outcome"],
        [((company(r.company_id), r.name, "error" if r.failed else "ok"), r.calls) for r in rows],
    )
    yield _counter(
        "frontdesk_function_repeats",
        "Repeated function calls answered from the stored result.",
        ["company", "function"],
        repeats.items(),
    )
    durations = queries.function_durations(session, FUNCTION_BUCKETS)
    yield _histogram(
        "frontdesk_function_duration_seconds",
        "Time a live function took to answer.",
        ["company", "function"],
        [(d, (company(d.key[0]), d.key[1])) for d in durations],
        FUNCTION_BUCKETS,
    )


def _review_families(session: Session, names: dict[int, str], now: datetime) -> Iterator[Metric]:
    # Every company gets a sample, 0 when its queue is empty, so an alert never waits on a
    # series that does not exist.
    queues = {q.company_id: q for q in queries.review_queues(session)}
    counts = []
    ages = []
    for company_id, name in sorted(names.items()):
        queue = queues.get(company_id)
        counts.append(((name,), queue.open_items if queue else 0))
        age = max((now - queue.oldest).total_seconds(), 0.0) if queue else 0.0
        ages.append(((name,), age))
    yield _gauge("frontdesk_review_open", "Open review items.", ["company"], counts)
    yield _gauge(
        "frontdesk_review_oldest_age_seconds",
        "Age of the oldest open review item (0 when none is open).",
        ["company"],
        ages,
    )


Samples = Iterable[tuple[Sequence[str], float]]


def _counter(name: str, doc: str, labels: list[str], samples: Samples) -> Metric:
    family = CounterMetricFamily(name, doc, labels=labels)
    for values, value in samples:
        family.add_metric(list(values), value)
    return family


def _gauge(name: str, doc: str, labels: list[str], samples: Samples) -> Metric:
    family = GaugeMetricFamily(name, doc, labels=labels)
    for values, value in samples:
        family.add_metric(list(values), value)
    return family


def _histogram(
    name: str,
    doc: str,
    labels: list[str],
    rows: Iterable[tuple[Distribution, Sequence[str]]],
    bounds: Sequence[float],
) -> Metric:
    family = HistogramMetricFamily(name, doc, labels=labels)
    for data, values in rows:
        buckets = [(_le(b), float(n)) for b, n in zip(bounds, data.cumulative, strict=True)]
        buckets.append(("+Inf", float(data.count)))
        family.add_metric(list(values), buckets, sum_value=data.total)
    return family


def _le(bound: float) -> str:
    # The spelling the client library's own histograms use for bounds: "0.005", "1.0".
    return repr(float(bound))
