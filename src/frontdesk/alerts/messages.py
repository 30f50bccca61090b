"""The words of an alert, in German: what is wrong, the figure against its threshold, and the
page or command to look at."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from frontdesk.alerts.figures import Figure
from frontdesk.alerts.rules import Rule, format_value


def _count_sentence(rule: Rule, figure: Figure) -> str:
    """The numbers behind a share or an age, where they help judge it."""
    d = figure.details
    if rule.key == "withheld_unresolved_share":
        return f"{d['unresolved']} von {d['calls']} Anrufen sind keinem Kunden zugeordnet. "
    if rule.key == "function_error_rate":
        return f"{d['errors']} von {d['invocations']} Aufrufen sind fehlgeschlagen. "
    if rule.key == "review_age_hours":
        return f"Offene Prüfaufgaben: {d['open']}, davon überfällig: {d['overdue']}. "
    return ""


def figure_line(rule: Rule, figure: Figure, threshold: float) -> str:
    value = format_value(figure.value, rule.unit)
    return f"{rule.figure}: {value} (Schwelle {format_value(threshold, rule.unit)})."


def firing_text(rule: Rule, figure: Figure, threshold: float, base_url: str) -> str:
    look = rule.look.format(base=base_url.rstrip("/"))
    return (
        f"{figure_line(rule, figure, threshold)} {_count_sentence(rule, figure)}{rule.hint} {look}"
    )


def resolved_text(rule: Rule, figure: Figure, threshold: float, fired_at: datetime, tz: str) -> str:
    since = fired_at.astimezone(ZoneInfo(tz)).strftime("%d.%m.%Y %H:%M")
    return (
        f"Behoben: {figure_line(rule, figure, threshold)} "
        f"Die Meldung vom {since} Uhr ist erledigt; es ist nichts mehr zu tun."
    )


def subject(company: str, rule: Rule, *, resolved: bool) -> str:
    state = "behoben: " if resolved else ""
    return f"frontdesk, {company}: {state}{rule.title}"
