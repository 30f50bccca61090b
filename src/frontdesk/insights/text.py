"""The report as a Rich table: each figure beside the seed's "before" and the phase-3 goal."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from frontdesk.insights.report import Report


def _pct(value: float) -> str:
    return f"{value:.1%}"


def _num(value: float | None, unit: str = "") -> str:
    if value is None:
        return "–"
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return f"{text}{unit}"


def report_table(report: Report) -> Table:
    title = f"{report.company}: {report.since:%d.%m.%Y %H:%M} – {report.until:%d.%m.%Y %H:%M} (UTC)"
    table = Table("figure", "now", "before (seed)", "goal (phase 3)", title=title)
    before, goal = report.before, report.goal
    rows = [
        ("calls", str(report.calls), "157", ""),
        (
            "withheld caller ID",
            f"{report.withheld_calls} ({_pct(report.withheld_share)})",
            _pct(before["withheld_share"]),
            "",
        ),
        (
            "withheld-ID calls unresolved",
            f"{report.withheld_unresolved} ({_pct(report.withheld_unresolved_share)})",
            _pct(before["withheld_unresolved_share"]),
            f"<= {_pct(goal['withheld_unresolved_share'])}",
        ),
        ("calls without a customer record", str(report.calls_without_customer), "39", "0"),
        (
            "calls unresolved (review or unidentified)",
            f"{report.unresolved_calls} ({_pct(report.unresolved_share)})",
            "",
            f"<= {_pct(goal['unresolved_share'])}",
        ),
        ("appointments made", str(report.appointments), "", ""),
        (
            "appointments from withheld-ID calls",
            str(report.appointments_from_withheld),
            _num(before["appointments_from_withheld"]),
            "",
        ),
        ("review queue open", str(report.review_open), "no queue", ""),
        (
            "review age median / oldest",
            f"{_num(report.review_median_age_hours, ' h')} / "
            f"{_num(report.review_oldest_age_hours, ' h')}",
            "",
            "",
        ),
        ("name captured", _pct(report.name_capture_rate), "", ""),
        (
            "median time to identification",
            _num(report.median_seconds_to_identification, " s"),
            "after the call (too late)",
            "during the call",
        ),
        (
            "link status",
            ", ".join(f"{k} {v}" for k, v in report.link_status.items()) or "–",
            "name_only 29, linked 22, anonymous 5, unlinked 5",
            "",
        ),
    ]
    for row in rows:
        table.add_row(*row)
    return table


def series_table(series: list[dict[str, Any]]) -> Table:
    """Calls per local day: the numbers behind the dashboard's charts."""
    table = Table(
        "day", "calls", "withheld", "named", "unresolved", "appointments", title="per day"
    )
    for row in series:
        table.add_row(
            row["date"],
            str(row["calls"]),
            str(row["withheld_calls"]),
            str(row["named_calls"]),
            str(row["unresolved_calls"]),
            str(row["appointments"]),
        )
    return table
