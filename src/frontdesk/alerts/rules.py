"""The alert rules: what each watches, its unit, and how it reads to a person in the practice.

A rule fires while its figure is above its threshold (and rests on enough observations)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy.orm import Session

from frontdesk.alerts import figures
from frontdesk.alerts.config import AlertConfig
from frontdesk.alerts.figures import Figure
from frontdesk.tenancy.models import Company

Unit = Literal["share", "count", "hours", "minutes", "ms"]
Measure = Callable[[Session, Company, AlertConfig, datetime], Figure]


@dataclass(frozen=True)
class Rule:
    key: str
    unit: Unit
    title: str  # the subject line: what is wrong, in a few words
    figure: str  # the figure's name in a sentence: "<figure>: 23 % (Schwelle 10 %)."
    hint: str  # why it matters or what it usually means
    look: str  # where to look; "{base}" is the dashboard's public address
    measure: Measure


RULES: tuple[Rule, ...] = (
    Rule(
        key="withheld_unresolved_share",
        unit="share",
        title="Viele ungeklärte Anrufe mit unterdrückter Nummer",
        figure="Anteil ungeklärter Anrufe mit unterdrückter Nummer heute",
        hint="Ohne Zuordnung gehen Termine und Rückrufe verloren.",
        look="Prüfen Sie die Prüfliste: {base}/app/review oder `frontdesk report`.",
        measure=figures.withheld_unresolved_share,
    ),
    Rule(
        key="review_age_hours",
        unit="hours",
        title="Prüfaufgaben bleiben liegen",
        figure="Wartezeit der ältesten offenen Prüfaufgabe",
        hint="Dahinter können Termine oder Rückrufe hängen.",
        look="Bitte bearbeiten Sie die Prüfliste: {base}/app/review.",
        measure=figures.review_age_hours,
    ),
    Rule(
        key="event_failures",
        unit="count",
        title="Anrufereignisse konnten nicht verarbeitet werden",
        figure="Fehlgeschlagene, noch nicht nachverarbeitete Anrufereignisse",
        hint="Die Ereignisse sind gespeichert, aber noch nicht in den Anrufen angekommen.",
        look="Fehler ansehen: {base}/app/calls; nach der Behebung `frontdesk replay --failed`.",
        measure=figures.event_failures,
    ),
    Rule(
        key="function_error_rate",
        unit="share",
        title="Live-Funktionen des Telefonassistenten schlagen fehl",
        figure="Fehlerquote der Live-Funktionen in den letzten 15 Minuten",
        hint="Der Assistent kann Anrufern dann keine Termine oder Auskünfte geben.",
        look="Prüfen Sie die Anrufe unter {base}/app/calls und die Server-Logs.",
        measure=figures.function_error_rate,
    ),
    Rule(
        key="function_p99_ms",
        unit="ms",
        title="Live-Funktionen des Telefonassistenten antworten langsam",
        figure="Antwortzeit der Live-Funktionen in den letzten 15 Minuten (p99)",
        hint="Anrufer hören dann lange Pausen.",
        look="Prüfen Sie die Auslastung von Server und Datenbank; Anrufe: {base}/app/calls.",
        measure=figures.function_p99_ms,
    ),
    Rule(
        key="no_calls_minutes",
        unit="minutes",
        title="Keine Anrufe während der Öffnungszeit",
        figure="Öffnungszeit ohne einen einzigen Anruf",
        hint="Meist ist die Telefonleitung oder die Rufumleitung gestört.",
        look="Rufen Sie die Praxisnummer testweise an; Anrufe: {base}/app/calls.",
        measure=figures.no_calls_minutes,
    ),
    Rule(
        key="sms_failures",
        unit="count",
        title="SMS werden nicht zugestellt",
        figure="Nicht zugestellte SMS in den letzten 24 Stunden",
        hint="Bestätigungen und Erinnerungen erreichen die Anrufer dann nicht.",
        look="Prüfen Sie `frontdesk messages list` und das Konto beim SMS-Anbieter.",
        measure=figures.sms_failures,
    ),
)
BY_KEY: dict[str, Rule] = {rule.key: rule for rule in RULES}


def _german(number: float, decimals: int) -> str:
    """German digits: 1.250 and 12,5 (thousands dot, decimal comma)."""
    text = f"{number:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _trimmed(number: float) -> str:
    """Whole numbers without decimals, others with one (12 %, 12,5 %)."""
    rounded = round(number, 1)
    return _german(rounded, 0 if rounded == int(rounded) else 1)


def format_value(value: float, unit: Unit) -> str:
    if unit == "share":
        return f"{_trimmed(value * 100)} %"
    if unit == "hours":
        return f"{_trimmed(value)} Std."
    if unit == "minutes":
        return f"{_german(value, 0)} Min."
    if unit == "ms":
        return f"{_german(value, 0)} ms"
    return _german(value, 0)


def fires(figure: Figure, threshold: float) -> bool | None:
    """True above the threshold, False at or below it, None when the figure says nothing yet."""
    if not figure.enough:
        return None
    return figure.value > threshold
