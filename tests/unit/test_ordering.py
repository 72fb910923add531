"""Each chat's updates in the order they were queued, different chats side by side."""

from __future__ import annotations

import asyncio

from mesobot.ordering import ChatOrder


async def test_a_chat_runs_in_queue_order_even_when_tasks_start_out_of_order() -> None:
    order = ChatOrder()
    ran: list[int] = []
    for update_id in (1, 2, 3):
        order.queued("ann", update_id)

    def job(update_id: int):
        async def run() -> None:
            await asyncio.sleep(0)
            ran.append(update_id)

        return run

    # The tasks for 3 and 2 happen to start before 1's.
    await asyncio.gather(*(order.run("ann", u, job(u), lambda: None) for u in (3, 2, 1)))
    assert ran == [1, 2, 3]
    assert len(order) == 0


async def test_chats_do_not_wait_for_each_other() -> None:
    order = ChatOrder()
    order.queued("ann", 1)
    order.queued("bob", 2)
    release = asyncio.Event()
    ran: list[str] = []

    async def slow() -> None:
        await release.wait()
        ran.append("ann")

    async def quick() -> None:
        ran.append("bob")
        release.set()

    await asyncio.gather(
        order.run("ann", 1, slow, lambda: None), order.run("bob", 2, quick, lambda: None)
    )
    assert ran == ["bob", "ann"]


async def test_a_cancelled_chat_drops_what_waited_in_it() -> None:
    order = ChatOrder()
    for update_id in (1, 2):
        order.queued("ann", update_id)
    dropped: list[int] = []
    started = asyncio.Event()

    async def hang() -> None:
        started.set()
        await asyncio.Event().wait()

    async def never() -> None:
        raise AssertionError("a dropped update ran")

    first = asyncio.create_task(order.run("ann", 1, hang, lambda: dropped.append(1)))
    await started.wait()
    await order.run("ann", 2, never, lambda: dropped.append(2))  # parked: returns at once
    first.cancel()
    await asyncio.gather(first, return_exceptions=True)
    assert dropped == [2]
    assert len(order) == 0


async def test_an_update_never_queued_runs_at_once() -> None:
    order = ChatOrder()
    ran: list[int] = []

    async def run() -> None:
        ran.append(9)

    await order.run("ann", 9, run, lambda: None)
    assert ran == [9]
