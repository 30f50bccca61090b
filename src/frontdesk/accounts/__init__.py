"""Operator accounts: who may log in to the dashboard, and what they did there."""
