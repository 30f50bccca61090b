"""What callers and the agent say, in natural German.

The agent's lines follow the prompt (name first: "Mit wem spreche ich?"); when the server's
reply carries a `say`/`ask` text, the agent speaks that instead, as a real LLM agent would."""

from __future__ import annotations

import random
from datetime import date

from frontdesk.simulator.personas import Persona

MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
    "Oktober", "November", "Dezember",
)  # fmt: skip
DATE_WISHES = (
    "morgen",
    "übermorgen",
    "nächste Woche Dienstag",
    "nächsten Montag",
    "am Donnerstag",
    "Anfang nächster Woche",
    "in zwei Wochen",
    "nächste Woche Mittwoch",
    "am Freitag",
)
TIME_WISHES = ("vormittags", "nachmittags", "halb drei", "um zehn", "14 Uhr", "gegen neun", "")
RELATIONS = (
    ("meine Mutter", True),
    ("meinen Vater", False),
    ("meine Tochter", True),
    ("meinen Sohn", False),
    ("meinen Mann", False),
    ("meine Frau", True),
)
CALLBACK_REASONS = (
    "Es geht um meine Rechnung.",
    "Ich habe eine Frage zu meinem Befund.",
    "Ich bräuchte ein neues Rezept.",
    "Es geht um eine Überweisung.",
)
QUESTIONS = (
    "Haben Sie am Samstag geöffnet?",
    "Bis wann haben Sie heute geöffnet?",
    "Bieten Sie auch Zahnreinigungen an?",
)


def greeting(company: str, agent: str, greeted_as: str | None) -> str:
    """The prompt's opening: the name first; a caller known by number is asked to confirm."""
    if greeted_as:
        return f"{company}, guten Tag, hier ist {agent}. Spreche ich mit {greeted_as}?"
    return f"{company}, guten Tag, hier ist {agent}. Mit wem spreche ich?"


def experiment_greeting(company: str, agent: str, greeting: str, name_question: str) -> str:
    """The opening when a prompt experiment's variant set the words (the agent's variables)."""
    return f"{greeting.rstrip('.!, ')}, {company}, hier ist {agent}. {name_question}"


def opener_without_name(intent: str) -> str:
    """A caller who answers the name question with their wish instead."""
    if intent in {"book", "book_for_other", "early_hangup"}:
        return "Ja, guten Tag, ich rufe wegen eines Termins an."
    return "Guten Tag, ich hätte da ein Anliegen."


def confirms_identity(rng: random.Random) -> str:
    return rng.choice(("Ja, genau.", "Ja, das bin ich.", "Ja, richtig, guten Tag."))


def introduction(persona: Persona, heard: str, form: str, *, denies: bool = False) -> str:
    """The caller's first answer; `heard` is what the ASR made of the name."""
    if denies:
        return f"Nein, hier ist {heard}."
    if form == "surname":
        return f"{heard}, guten Tag."
    if form == "mein_name":
        return f"Ja, hallo, mein Name ist {heard}."
    return f"Hier ist {heard}."


def early_hangup_line(service: str) -> str:
    # The root-cause call, word for word when the wish is a consultation.
    return f"Ja, guten Tag. Ich hätte gern Termin für eine {service} gebucht."


def agent_asks_name_again(reply_text: str | None) -> str:
    return (
        reply_text or "Entschuldigung, ich habe Ihren Namen nicht richtig verstanden. Wie war er?"
    )


def spelled(name: str) -> str:
    """ "Schreiber. S, C, H, R, E, I, B, E, R." as a caller spells it for the agent."""
    letters = ", ".join(ch.upper() for ch in name if ch.isalpha())
    return f"{name}. {letters}."


def corrects_name(last: str) -> str:
    return f"Nein, {last}. Ich buchstabiere: {spelled(last)}"


def agent_asks_birth_date(address: str | None) -> str:
    thanks = f"Danke, {address}." if address else "Danke."
    return f"{thanks} Darf ich noch Ihr Geburtsdatum haben?"


def birth_date_spoken(day: date, rng: random.Random) -> tuple[str, str]:
    """(what the caller says, what the agent passes on as argument)."""
    if rng.random() < 0.5:
        text = f"{day.day}. {MONTHS[day.month - 1]} {day.year}"
        return f"Am {text}.", text
    text = f"{day.day:02d}.{day.month:02d}.{day.year}"
    return f"Das ist der {text}.", text


def declines_birth_date() -> str:
    return "Muss das sein? Das sage ich lieber nicht am Telefon."


def agent_asks_callback_number() -> str:
    return (
        "Ihre Nummer wird mir nicht angezeigt. Unter welcher Nummer können wir Sie "
        "für die Bestätigung per SMS erreichen?"
    )


def phone_spoken(e164: str) -> tuple[str, str]:
    national = "0" + e164[3:] if e164.startswith("+49") else e164
    spoken = f"{national[:4]} {national[4:]}"
    return f"Die {spoken}.", spoken


def declines_number() -> str:
    return "Lieber nicht, ich rufe sonst nochmal an."


def booking_wish(service: str, date_wish: str, time_wish: str) -> str:
    when = f" {date_wish}" if date_wish else ""
    at = f", am liebsten {time_wish}" if time_wish else ""
    return f"Ich hätte gern einen Termin für eine {service}{when}{at}."


def booking_for_other(relation: str, patient: Persona, service: str, date_wish: str) -> str:
    return (
        f"Ich möchte einen Termin für {relation} machen, {patient.full_name}. "
        f"Eine {service}, wenn möglich {date_wish}."
    )


def reschedule_wish(date_wish: str) -> str:
    return f"Ich müsste meinen Termin verschieben. Ginge es {date_wish}?"


def cancel_wish() -> str:
    return "Ich möchte meinen Termin absagen, ich schaffe es leider nicht."


def accepts_offer(rng: random.Random) -> str:
    return rng.choice(("Ja, das passt gut.", "Ja, den nehme ich.", "Perfekt, machen wir so."))


def other_day_please(date_wish: str) -> str:
    return f"Hm, das geht leider nicht. Haben Sie {date_wish} etwas?"


def agent_offer_fallback(slots: int) -> str:
    if slots:
        return "Ich hätte da einen Termin frei. Passt Ihnen das?"
    return "Zu diesem Wunsch habe ich leider nichts Freies gefunden."


def agent_generic_ok() -> str:
    return "Alles klar, einen Moment bitte."


def goodbye_caller(rng: random.Random) -> str:
    return rng.choice(
        ("Vielen Dank, auf Wiederhören.", "Danke, tschüss.", "Super, danke. Wiederhören.")
    )


def goodbye_agent(company: str) -> str:
    return f"Sehr gern. Vielen Dank für Ihren Anruf bei der {company}, auf Wiederhören."


def analysis_summary(intent: str, named: bool, booked: bool) -> str:
    who = (
        "Die anrufende Person nannte ihren Namen"
        if named
        else "Die anrufende Person nannte keinen Namen"
    )
    what = {
        "book": "und wollte einen Termin buchen",
        "book_for_other": "und wollte einen Termin für eine angehörige Person buchen",
        "reschedule": "und wollte einen Termin verschieben",
        "cancel": "und wollte einen Termin absagen",
        "callback": "und bat um Rückruf",
        "question": "und hatte eine Frage zu den Öffnungszeiten",
        "early_hangup": "und legte nach dem Terminwunsch auf",
    }.get(intent, "")
    done = " Ein Termin wurde gebucht." if booked else ""
    return f"{who} {what}.{done}".replace("  ", " ")
