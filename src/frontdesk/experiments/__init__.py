"""Prompt experiments: variants of what the agent says, assigned per call, judged honestly."""
