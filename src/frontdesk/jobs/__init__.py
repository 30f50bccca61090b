"""Background work: the outbox of jobs, written in the transaction that causes them, and the
runner that does each one once. The queue (huey) only carries job ids; the rows are the truth."""
