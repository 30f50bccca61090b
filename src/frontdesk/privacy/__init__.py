"""Data protection: what is held about a person (export), forgetting them (erase), and how
long call data is kept (retention)."""
