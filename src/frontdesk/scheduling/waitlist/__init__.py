"""The waiting list: callers for whom nothing fitted, offered a freed slot one at a time."""
