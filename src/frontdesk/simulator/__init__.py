"""A Retell call simulator: plays realistic German calls into frontdesk over signed HTTP.

It is a face (like the CLI): it talks to a running server exactly as Retell would, and checks
its own ground truth against the database afterwards. Modules:

- `mix`       the traffic mix (defaults follow the root-cause analysis; a YAML/JSON file may
              change it)
- `census`    German name stock and the demo customer base generator
- `personas`  who calls: returning customers from a CSV, new callers, their phone notations
- `german`    what callers and the agent say
- `plan`      seeded generation of call plans over past days
- `player`    plays one plan over signed HTTP; `run` plays many with bounded concurrency
- `truth`     compares the simulator's ground truth with the database
"""
