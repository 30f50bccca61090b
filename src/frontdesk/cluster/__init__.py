"""Scale-out on one host: several app processes behind haproxy, workers, all supervised.

`config` writes haproxy's configuration; `spec` says what to run and refuses what cannot work
(SQLite or no Redis for several processes); `supervisor` starts, watches, kills and stops the
processes. `frontdesk cluster` is the face; bench/faults.py drives `Cluster` directly.
"""
