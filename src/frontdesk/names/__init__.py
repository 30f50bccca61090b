"""Names from speech: one validator for every name, extraction from finished calls."""

from frontdesk.names.extraction import ExtractedNames, Turn, extract_names
from frontdesk.names.validator import NameVerdict, validate_name

__all__ = ["ExtractedNames", "NameVerdict", "Turn", "extract_names", "validate_name"]
