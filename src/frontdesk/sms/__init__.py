"""SMS provider adapters: translate at the edge, no rules."""
