"""A company's scheduling settings, kept in Company.settings["scheduling"]."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from frontdesk.tenancy.models import Company


@dataclass(frozen=True)
class SchedulingSettings:
    # A slot must start at least this long after the moment of the request.
    min_notice_minutes: int = 60
    # Slots are offered up to this many days after today (company zone), inclusive.
    horizon_days: int = 60
    # Candidate starts are this far apart, counted from each working interval's start.
    slot_step_minutes: int = 15
    # An offered slot is held for the asking call this long.
    slot_hold_seconds: int = 120

    @classmethod
    def of(cls, company: Company) -> SchedulingSettings:
        section = (company.settings or {}).get("scheduling")
        if not isinstance(section, dict):
            return cls()
        known = {f.name for f in fields(cls)}
        return cls(**{k: int(v) for k, v in section.items() if k in known and v is not None})

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
