"""A local Bot API server that speaks Telegram's HTTP API, and phones that play users."""

from .errors import ApiError
from .phone import Phone
from .records import ChatMessage
from .server import DEFAULT_TOKEN, Sandbox

__all__ = ["DEFAULT_TOKEN", "ApiError", "ChatMessage", "Phone", "Sandbox"]
