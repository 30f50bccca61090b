"""Prompt experiments: variants of what the agent says, assigned per call, judged honestly."""

from frontdesk.experiments import recording

# Registered on import so no path that creates a call row can forget to record its variant.
recording.register()
