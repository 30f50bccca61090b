"""frontdesk: the stateful backend of an AI phone receptionist."""
