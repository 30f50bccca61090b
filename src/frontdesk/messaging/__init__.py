"""Text messages to and from callers: what is sent, when, and what a reply means."""
