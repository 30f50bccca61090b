"""`GET /metrics`: Prometheus text, read from the database so every process agrees."""
