"""mesobot: a Telegram companion for a course of mesotherapy for hair loss."""

import os

# Opt in to PTB's timedelta durations (e.g. RetryAfter.retry_after) now: they become
# the only form in the next major version, and one form everywhere is simpler.
os.environ.setdefault("PTB_TIMEDELTA", "1")

__version__ = "0.1.0"
