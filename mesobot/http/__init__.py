"""The bot's own HTTP server: Telegram's webhook."""


class ListenError(Exception):
    """The port cannot be listened on (in use, or not allowed), in one line."""
