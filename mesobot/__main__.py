"""``python -m mesobot`` is the ``mesobot`` command."""

import sys

from mesobot.cli import main

sys.exit(main())
