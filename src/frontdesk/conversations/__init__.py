"""Orchestration across domains for one caller: live functions, post-call flows, SMS replies.

Channels (voice, SMS) call in here; this calls the domains. Domains never import it."""
