"""Entry point for ``python -m jsswhatif``."""

import sys

from jsswhatif.app.memory import importing

with importing():  # no garbage collection while the modules load (see jsswhatif.app.memory)
    from jsswhatif.cli import main

sys.exit(main())
