"""mesobot: a Telegram companion for a course of mesotherapy for hair loss."""

__version__ = "0.1.0"
