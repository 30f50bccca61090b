"""The agent's live functions, defined once: names, purposes, arguments (JSON Schema source).

German argument names of the system being replaced are accepted as aliases."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import AliasChoices, BaseModel, ConfigDict, Field


class LiveArgs(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True, str_strip_whitespace=True)


def _alias(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class NoArgs(LiveArgs):
    pass


class SaveCallerDataArgs(LiveArgs):
    name: str | None = Field(
        None,
        description="Der Name, wie die anrufende Person ihn sagt.",
        validation_alias=_alias("name", "caller_name", "kunde_name"),
    )
    birth_date: str | None = Field(
        None,
        description="Geburtsdatum wie gesagt, z. B. 12.03.1984.",
        validation_alias=_alias("birth_date", "geburtsdatum"),
    )
    email: str | None = Field(
        None,
        description="E-Mail-Adresse wie gesagt.",
        validation_alias=_alias("email", "e_mail", "mail"),
    )
    phone: str | None = Field(
        None,
        description="Rückrufnummer wie gesagt.",
        validation_alias=_alias("phone", "telefon", "telefonnummer", "rueckrufnummer"),
    )


class CheckAvailabilityArgs(LiveArgs):
    service: str | None = Field(
        None,
        description="Gewünschte Leistung, wie gesagt.",
        validation_alias=_alias("service", "dienstleistung"),
    )
    date: str | None = Field(
        None,
        description="Datumswunsch wörtlich, z. B. 'nächste Woche Dienstag'.",
        validation_alias=_alias("date", "datum"),
    )
    time: str | None = Field(
        None,
        description="Zeitwunsch wörtlich, z. B. 'vormittags'.",
        validation_alias=_alias("time", "uhrzeit"),
    )
    staff: str | None = Field(
        None,
        description="Gewünschte Mitarbeiterin / gewünschter Mitarbeiter.",
        validation_alias=_alias("staff", "mitarbeiter_wunsch"),
    )


class BookAppointmentArgs(CheckAvailabilityArgs):
    slot_id: str | None = Field(None, description="Die slot_id eines angebotenen Termins.")
    for_name: str | None = Field(
        None,
        description="Name der Person, für die der Termin ist, "
        "falls nicht für die anrufende Person.",
        validation_alias=_alias("for_name", "fuer_name", "patient_name"),
    )
    confirmed: bool | None = Field(
        None,
        description="Hat die anrufende Person zugestimmt?",
        validation_alias=_alias("confirmed", "bestaetigung"),
    )


class CancelAppointmentArgs(LiveArgs):
    appointment_id: str | None = Field(None, description="Die appointment_id, falls bekannt.")
    date: str | None = Field(
        None, description="Datum des Termins wörtlich.", validation_alias=_alias("date", "datum")
    )


class RescheduleAppointmentArgs(LiveArgs):
    appointment_id: str | None = Field(None, description="Der zu verschiebende Termin.")
    slot_id: str | None = Field(None, description="Die slot_id des neuen Termins.")
    date: str | None = Field(
        None, description="Neuer Datumswunsch wörtlich.", validation_alias=_alias("date", "datum")
    )
    time: str | None = Field(
        None, description="Neuer Zeitwunsch wörtlich.", validation_alias=_alias("time", "uhrzeit")
    )


class JoinWaitlistArgs(CheckAvailabilityArgs):
    """The wish as for check_availability (date: the period to wait for), and where to text."""

    phone: str | None = Field(
        None,
        description="Handynummer für die SMS, falls eine andere als die Anrufnummer.",
        validation_alias=_alias("phone", "telefon", "handynummer"),
    )


class RequestCallbackArgs(LiveArgs):
    reason: str = Field(
        ...,
        min_length=1,
        description="Worum es geht, in einem Satz.",
        validation_alias=_alias("reason", "grund", "anliegen"),
    )
    phone: str | None = Field(
        None,
        description="Rückrufnummer, falls eine andere.",
        validation_alias=_alias("phone", "telefon", "telefonnummer"),
    )


@dataclass(frozen=True)
class Tool:
    name: str
    description: str
    args: type[LiveArgs]
    # Repeating a side-effecting call with the same arguments returns the first result.
    side_effect: bool
    # May take longer than 500 ms: the agent keeps talking meanwhile.
    slow: bool = False


TOOLS: dict[str, Tool] = {
    tool.name: tool
    for tool in (
        Tool(
            "identify_caller",
            "Prüft, ob die anrufende Person bekannt ist; liefert Anrede und anstehende Termine.",
            NoArgs,
            side_effect=False,
        ),
        Tool(
            "save_caller_data",
            "Speichert sofort, was die anrufende Person über sich sagt "
            "(Name, Geburtsdatum, E-Mail, Rückrufnummer). Sofort aufrufen, sobald etwas "
            "gesagt wurde.",
            SaveCallerDataArgs,
            side_effect=True,
        ),
        Tool(
            "check_availability",
            "Sucht freie Termine für eine Leistung zum Wunschzeitpunkt "
            "und hält bis zu drei davon kurz fest.",
            CheckAvailabilityArgs,
            side_effect=False,
            slow=True,
        ),
        Tool(
            "book_appointment",
            "Bucht einen Termin (slot_id aus check_availability oder "
            "Leistung + Datum + Uhrzeit), erst nach Zustimmung.",
            BookAppointmentArgs,
            side_effect=True,
            slow=True,
        ),
        Tool(
            "list_appointments",
            "Nennt die anstehenden Termine der anrufenden Person.",
            NoArgs,
            side_effect=False,
        ),
        Tool(
            "cancel_appointment", "Sagt einen Termin ab.", CancelAppointmentArgs, side_effect=True
        ),
        Tool(
            "reschedule_appointment",
            "Verschiebt einen Termin auf einen neuen Zeitpunkt.",
            RescheduleAppointmentArgs,
            side_effect=True,
            slow=True,
        ),
        Tool(
            "join_waitlist",
            "Setzt die anrufende Person auf die Warteliste, wenn kein angebotener Termin passt; "
            "ein frei werdender Termin wird ihr per SMS angeboten.",
            JoinWaitlistArgs,
            side_effect=True,
        ),
        Tool(
            "request_callback",
            "Bittet das Praxisteam um Rückruf.",
            RequestCallbackArgs,
            side_effect=True,
        ),
        Tool(
            "get_context",
            "Liefert Datum, Uhrzeit, Öffnungszeiten und Leistungen.",
            NoArgs,
            side_effect=False,
        ),
    )
}
