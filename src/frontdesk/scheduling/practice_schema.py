"""The practice file's format (pydantic), parsed from YAML with line numbers for every error."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, time
from itertools import pairwise
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from frontdesk.scheduling.errors import PracticeFileError
from frontdesk.scheduling.holidays import check_region
from frontdesk.scheduling.lookup import normalise, slug

WEEKDAY_KEYS: dict[str, int] = {}
for _index, _names in enumerate(
    (
        ("mo", "montag", "mon", "monday"),
        ("di", "dienstag", "tue", "tuesday"),
        ("mi", "mittwoch", "wed", "wednesday"),
        ("do", "donnerstag", "thu", "thursday"),
        ("fr", "freitag", "fri", "friday"),
        ("sa", "samstag", "sat", "saturday"),
        ("so", "sonntag", "sun", "sunday"),
    )
):
    for _name in _names:
        WEEKDAY_KEYS[_name] = _index
_CLOSED_WORDS = {"", "geschlossen", "closed", "frei", "-"}
_CLOCK = re.compile(r"^([0-9]{1,2})(?::([0-9]{2}))?$")

Interval = tuple[time, time]


def parse_clock(text: str, *, is_end: bool = False) -> time:
    match = _CLOCK.match(text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not a time like 08:00")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if is_end and hour == 24 and minute == 0:
        return time(0)  # midnight at the end of the day
    if hour > 23 or minute > 59:
        raise ValueError(f"{text!r} is not a time of day")
    return time(hour, minute)


def parse_intervals(value: Any) -> list[Interval]:
    """'08:00-12:00, 13:00-17:30' (or a list of such strings); 'geschlossen' = none."""
    parts: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if item is None or item is False:
            continue
        if not isinstance(item, str):
            raise ValueError(f"{item!r} is not an interval like '08:00-12:00'")
        parts.extend(p.strip() for p in item.split(","))
    intervals: list[Interval] = []
    for part in parts:
        if part.casefold() in _CLOSED_WORDS:
            continue
        pieces = re.split(r"\s*[-–]\s*", part)
        if len(pieces) != 2:
            raise ValueError(f"{part!r} is not an interval like '08:00-12:00'")
        start, end = parse_clock(pieces[0]), parse_clock(pieces[1], is_end=True)
        if end != time(0) and end <= start:
            raise ValueError(f"{part!r} ends before it starts")
        intervals.append((start, end))
    ordered = sorted(intervals)
    for (_, end), (start, _) in pairwise(ordered):
        if end == time(0) or start < end:
            raise ValueError(f"intervals overlap: {value!r}")
    return ordered


def parse_weekday(value: Any) -> int:
    weekday = WEEKDAY_KEYS.get(normalise(str(value)))
    if weekday is None:
        raise ValueError(f"{value!r} is not a weekday (mo, di, mi, do, fr, sa, so)")
    return weekday


Weekday = Annotated[int, BeforeValidator(parse_weekday)]
Intervals = Annotated[list[Interval], BeforeValidator(parse_intervals)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class OverrideIn(_Model):
    date: date
    closed: bool = False
    hours: Intervals = Field(default_factory=list)
    note: str | None = Field(None, max_length=200)

    @model_validator(mode="after")
    def _closed_or_hours(self) -> OverrideIn:
        if self.closed == bool(self.hours):
            raise ValueError("an override is either 'closed: true' or has 'hours'")
        return self


class ServiceIn(_Model):
    key: str | None = Field(None, max_length=80)
    name: str = Field(min_length=1, max_length=200)
    synonyms: list[str] = Field(default_factory=list)
    duration_minutes: int = Field(gt=0, le=480)
    buffer_before_minutes: int = Field(0, ge=0, le=240)
    buffer_after_minutes: int = Field(0, ge=0, le=240)

    @property
    def effective_key(self) -> str:
        return slug(self.key or self.name)


class AbsenceIn(_Model):
    """A staff member's holiday or sick days, both days included."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)

    first_day: date = Field(alias="from")
    last_day: date = Field(alias="to")
    note: str | None = Field(None, max_length=200)

    @model_validator(mode="after")
    def _ordered(self) -> AbsenceIn:
        if self.first_day > self.last_day:
            raise ValueError("an absence's 'from' must not lie after its 'to'")
        return self


_ENV_NAME = re.compile(r"^[A-Z_][A-Z0-9_]*$")


class CalendarIn(_Model):
    """A staff member's external CalDAV calendar; the password only by its variable's name."""

    url: str = Field(min_length=1, max_length=500)
    username: str | None = Field(None, max_length=200)
    password_env: str | None = Field(None, max_length=100)
    max_age_seconds: int = Field(300, ge=30, le=86400)

    @field_validator("url")
    @classmethod
    def _http(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError(f"{value!r} is not a calendar URL (https://...)")
        return value

    @field_validator("password_env")
    @classmethod
    def _env_name(cls, value: str | None) -> str | None:
        if value is not None and not _ENV_NAME.match(value):
            raise ValueError(
                f"{value!r} is not an environment variable name (like "
                "FRONTDESK_CALDAV_PASSWORD_SOMMER); the password itself never goes in the file"
            )
        return value


class StaffIn(_Model):
    key: str | None = Field(None, max_length=80)
    name: str = Field(min_length=1, max_length=200)
    services: list[str] = Field(min_length=1)
    hours: dict[Weekday, Intervals] = Field(default_factory=dict)
    overrides: list[OverrideIn] = Field(default_factory=list)
    absences: list[AbsenceIn] = Field(default_factory=list)
    calendar: CalendarIn | None = None

    @field_validator("hours", mode="before")
    @classmethod
    def _no_hours(cls, value: Any) -> Any:
        return {} if value is None else value

    @property
    def effective_key(self) -> str:
        return slug(self.key or self.name)


class CompanyIn(_Model):
    name: str = Field(min_length=1, max_length=200)
    timezone: str = "Europe/Berlin"
    region: str = Field("DE", min_length=2, max_length=2)
    numbers: list[str] = Field(default_factory=list)
    agent_name: str | None = None
    # ISO 3166-2 region whose public holidays close the practice ("DE-BY"; "DE": nationwide).
    public_holidays: str | None = None

    @field_validator("public_holidays")
    @classmethod
    def _holiday_region(cls, value: str | None) -> str | None:
        return check_region(value) if value else None

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value


class SchedulingIn(_Model):
    min_notice_minutes: int = Field(60, ge=0, le=60 * 24 * 30)
    horizon_days: int = Field(60, ge=1, le=730)
    slot_step_minutes: int = Field(15, ge=5, le=240)
    slot_hold_seconds: int = Field(120, ge=10, le=3600)


class PracticeFile(_Model):
    company: CompanyIn
    scheduling: SchedulingIn = Field(default_factory=SchedulingIn)
    services: list[ServiceIn] = Field(min_length=1)
    staff: list[StaffIn] = Field(min_length=1)
    overrides: list[OverrideIn] = Field(default_factory=list)


def _cross_check(practice: PracticeFile) -> list[tuple[tuple[Any, ...], str]]:
    """References and uniqueness pydantic cannot see: (path, message) pairs."""
    problems: list[tuple[tuple[Any, ...], str]] = []
    known: dict[str, str] = {}
    for i, service in enumerate(practice.services):
        key = service.effective_key
        if key in known:
            problems.append((("services", i), f"service {service.name!r} is listed twice"))
        known[key] = key
        known.setdefault(normalise(service.name), key)
    staff_keys: set[str] = set()
    for i, member in enumerate(practice.staff):
        if member.effective_key in staff_keys:
            problems.append((("staff", i), f"staff member {member.name!r} is listed twice"))
        staff_keys.add(member.effective_key)
        for j, said in enumerate(member.services):
            if slug(said) not in known and normalise(said) not in known:
                problems.append(
                    (("staff", i, "services", j), f"unknown service {said!r} (not in services)")
                )
    return problems


def service_key_for(practice: PracticeFile, said: str) -> str:
    for service in practice.services:
        if slug(said) == service.effective_key or normalise(said) == normalise(service.name):
            return service.effective_key
    raise KeyError(said)


def _line_of(root: yaml.Node | None, path: Sequence[Any]) -> int | None:
    """The 1-based line of the deepest YAML node on `path` (pydantic's error location)."""
    node = root
    if node is None:
        return None
    for step in path:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if (
                    str(key_node.value) == str(step)
                    or WEEKDAY_KEYS.get(normalise(str(key_node.value))) == step
                ):
                    child = value_node
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(step, int)
            and 0 <= step < len(node.value)
        ):
            child = node.value[step]
        if child is None:
            break
        node = child
    return int(node.start_mark.line) + 1


def parse_practice(text: str, source: str = "<practice>") -> PracticeFile:
    """Validate a practice file; PracticeFileError lists every problem with its line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise PracticeFileError(source, [(line, f"not valid YAML: {exc.problem}")]) from exc
    except yaml.YAMLError as exc:  # the reader's: a character YAML does not allow (NUL, ...)
        line = text.count("\n", 0, getattr(exc, "position", 0)) + 1
        raise PracticeFileError(source, [(line, f"not valid YAML: {exc}")]) from exc
    except RecursionError as exc:  # thousands of nested brackets
        raise PracticeFileError(source, [(None, "not valid YAML: nested too deeply")]) from exc
    if not isinstance(data, dict):
        raise PracticeFileError(source, [(1, "a practice file is a mapping (company:, ...)")])
    try:
        practice = PracticeFile.model_validate(data)
    except ValidationError as exc:
        problems: list[tuple[int | None, str]] = []
        for error in exc.errors():
            loc = [p for p in error["loc"] if p != "[key]" and not str(p).startswith("function")]
            where = ".".join(str(p) for p in loc) or "file"
            message = str(error["msg"]).removeprefix("Value error, ")
            problems.append((_line_of(root, loc), f"{where}: {message}"))
        raise PracticeFileError(source, problems) from exc
    cross = _cross_check(practice)
    if cross:
        raise PracticeFileError(
            source,
            [(_line_of(root, path), f"{'.'.join(map(str, path))}: {msg}") for path, msg in cross],
        )
    return practice
