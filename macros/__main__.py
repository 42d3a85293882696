"""`python -m macros …`: the handbook command line."""

import sys

from .cli import main

sys.exit(main())
