"""The operators' web face under /app: review queue, calls, customers, calendar, metrics."""
