"""Entry point for ``python -m jsswhatif``."""

import sys

from jsswhatif.cli import main

sys.exit(main())
