"""Flood control: per-chat and overall token buckets, as Telegram's limits behave."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from .errors import too_many_requests


@dataclass
class _Bucket:
    rate: float
    burst: float
    tokens: float
    updated: float

    def refill(self, now: float) -> None:
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
        self.updated = now

    def wait(self) -> float:
        """Seconds until one token is available (0 when one is)."""
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate


@dataclass
class FloodControl:
    """About ``chat_rate`` messages/s per chat and ``global_rate`` overall, with short bursts."""

    enabled: bool = True
    chat_rate: float = 1.0
    chat_burst: int = 3
    global_rate: float = 30.0
    global_burst: int = 30
    time_source: Callable[[], float] = time.monotonic
    refused: int = 0
    _chats: dict[int, _Bucket] = field(default_factory=dict)
    _overall: _Bucket | None = None

    def __post_init__(self) -> None:
        if self.chat_rate <= 0 or self.global_rate <= 0:
            raise ValueError("rates must be positive")
        if self.chat_burst < 1 or self.global_burst < 1:
            raise ValueError("bursts must be at least 1")

    def take(self, chat_id: int) -> None:
        """Count one message to ``chat_id``, or raise 429 with ``retry_after``."""
        if not self.enabled:
            return
        now = self.time_source()
        if self._overall is None:
            self._overall = _Bucket(self.global_rate, self.global_burst, self.global_burst, now)
        chat = self._chats.get(chat_id)
        if chat is None:
            chat = self._chats[chat_id] = _Bucket(
                self.chat_rate, self.chat_burst, self.chat_burst, now
            )
        chat.refill(now)
        self._overall.refill(now)
        wait = max(chat.wait(), self._overall.wait())
        if wait > 0:
            self.refused += 1
            raise too_many_requests(max(1, math.ceil(wait)))
        chat.tokens -= 1
        self._overall.tokens -= 1
