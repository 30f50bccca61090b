"""What scheduling refuses, as domain errors (the faces map them to answers)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from frontdesk.scheduling.slots import Slot


class SchedulingError(ValueError):
    """A scheduling operation that cannot be done as asked."""


class UnknownService(SchedulingError):
    """No service of the company matches what was said; `offered` lists what there is."""

    def __init__(self, said: str, offered: Sequence[str]) -> None:
        super().__init__(f"no service matches {said!r}")
        self.said = said
        self.offered = list(offered)


class UnknownStaff(SchedulingError):
    """No staff member of the company matches what was said."""

    def __init__(self, said: str, offered: Sequence[str]) -> None:
        super().__init__(f"no staff member matches {said!r}")
        self.said = said
        self.offered = list(offered)


class InvalidSlot(SchedulingError):
    """A slot id that does not decode, or names staff/services of another company."""


class SlotUnavailable(SchedulingError):
    """The slot is taken, held by another call, or outside the bookable hours.

    `alternatives` are free slots near the one asked for, best first."""

    def __init__(self, message: str, alternatives: Sequence[Slot] = ()) -> None:
        super().__init__(message)
        self.alternatives = list(alternatives)


class AppointmentNotFound(SchedulingError):
    """No appointment of that id in this company."""


class FeedNotFound(SchedulingError):
    """No calendar feed of that id or token in this company (another company's is none)."""


class FeedAlreadyRevoked(SchedulingError):
    """The calendar feed was revoked before; a revoked token never comes back."""


class PracticeFileError(SchedulingError):
    """A practice file that cannot be loaded; `problems` are (line, message), line 1-based."""

    def __init__(self, source: str, problems: Sequence[tuple[int | None, str]]) -> None:
        self.source = source
        self.problems = list(problems)
        lines = [
            f"{source}:{line}: {message}" if line else f"{source}: {message}"
            for line, message in self.problems
        ]
        super().__init__("\n".join(lines))
