"""What is too slow to build while the bot starts: built once, in a worker thread, when first
needed or when warmed, so that the event loop never waits for it."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)


class Deferred(Generic[T]):
    """``build()``, run once; ``get`` waits for it without holding up the event loop."""

    def __init__(self, build: Callable[[], T]) -> None:
        self._build = build
        self._lock = threading.Lock()
        self._value: list[T] = []  # empty until built
        self._warming: asyncio.Task[T] | None = None

    @classmethod
    def ready(cls, value: T) -> Deferred[T]:
        """One already built."""
        deferred = cls(lambda: value)
        deferred._value.append(value)
        return deferred

    async def get(self) -> T:
        """The value, built in a worker thread if it is not yet (or waited for if it is
        being built)."""
        if self._value:
            return self._value[0]
        return await asyncio.to_thread(self._built)

    def warm(self) -> None:
        """Start building in a worker thread, unless it is built or being built."""
        if self._value or self._warming is not None:
            return
        self._warming = asyncio.create_task(self.get())
        self._warming.add_done_callback(self._warmed)

    def _warmed(self, task: asyncio.Task[T]) -> None:
        self._warming = None
        if not task.cancelled() and (error := task.exception()) is not None:
            # Built again by whatever needs it next, where the error reaches the error handler.
            log.error("building in advance failed", exc_info=error)

    def _built(self) -> T:
        with self._lock:
            if not self._value:
                self._value.append(self._build())
            return self._value[0]
