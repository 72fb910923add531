"""Updates from different chats side by side, each chat's own strictly in the order they came.

The order is fixed when an update is queued, not when PTB happens to start its task, so two
quick answers from one patient are applied first to last however the tasks are scheduled.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable, Hashable

Job = Callable[[], Awaitable[None]]
Drop = Callable[[], None]


class ChatOrder:
    """One lane per chat: an update waits for the ones queued before it in its lane.

    An update that arrives while its chat is busy is parked and run by the task already
    working through that chat, so a waiting update holds none of PTB's concurrency slots.
    """

    def __init__(self) -> None:
        self._lanes: dict[Hashable, deque[int]] = {}  # chat: update ids in queue order
        self._parked: dict[int, tuple[Job, Drop]] = {}  # update id: its run, waiting its turn
        self._busy: set[Hashable] = set()

    def queued(self, chat: Hashable, update_id: int) -> None:
        """Note that ``update_id`` comes next in ``chat``'s lane."""
        self._lanes.setdefault(chat, deque()).append(update_id)

    async def run(self, chat: Hashable, update_id: int, job: Job, drop: Drop) -> None:
        """Run ``job`` in its turn: now, or later by the task working through the chat.

        If that task is cancelled (the bot stopping), the chat's parked updates are dropped
        (``drop`` each): they stay in the inbox for the next start.
        """
        lane = self._lanes.get(chat)
        if lane is None or update_id not in lane:
            await job()  # never queued in a lane: nothing to wait for
            return
        self._parked[update_id] = (job, drop)
        if chat in self._busy:
            return
        self._busy.add(chat)
        try:
            while lane and lane[0] in self._parked:
                await self._parked.pop(lane.popleft())[0]()
        except BaseException:
            for waiting in [u for u in lane if u in self._parked]:
                lane.remove(waiting)
                self._parked.pop(waiting)[1]()
            raise
        finally:
            self._busy.discard(chat)
            if not lane and self._lanes.get(chat) is lane:
                del self._lanes[chat]

    def __len__(self) -> int:
        """How many updates are queued or parked, over all chats."""
        return sum(len(lane) for lane in self._lanes.values())
