"""merge the calendar-sync and waiting-list heads

Revision ID: 0012_merge_heads
Revises: 0010_calendar_sync, 0011_waitlist
"""

from collections.abc import Sequence

revision: str = "0012_merge_heads"
down_revision: str | tuple[str, ...] | None = ("0010_calendar_sync", "0011_waitlist")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
