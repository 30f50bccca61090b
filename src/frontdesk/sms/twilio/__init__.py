"""Twilio: sending through the SDK, signatures, and a local stand-in for tests."""
