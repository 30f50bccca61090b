"""Delivery adapters for alerts: e-mail over SMTP and a JSON webhook. They translate a notice
into the wire format and report failure; which alert goes where is decided elsewhere."""


class DeliveryError(Exception):
    """The message did not reach the server (refused, unreachable, rejected)."""
