"""Long polling, offsets, allowed_updates, competing pollers, webhooks and flood control."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mesobot.http.server import AsgiServer
from mesobot.sandbox import Sandbox
from tests.conftest import BotApi


async def test_long_poll_returns_empty_when_timeout_passes(api: BotApi) -> None:
    started = time.monotonic()
    assert await api.ok("getUpdates", data={"timeout": 0.3}) == []
    assert 0.25 <= time.monotonic() - started < 3


async def test_long_poll_wakes_as_soon_as_an_update_arrives(api: BotApi, sandbox: Sandbox) -> None:
    poll = asyncio.create_task(api.ok("getUpdates", data={"timeout": 30}))
    await asyncio.sleep(0.1)  # let the request reach the server before the user writes
    started = time.monotonic()
    await sandbox.phone("Bea").send("hello")
    updates = await asyncio.wait_for(poll, 5)
    assert time.monotonic() - started < 5
    assert [u["message"]["text"] for u in updates] == ["hello"]


async def test_offset_confirms_updates(api: BotApi, sandbox: Sandbox) -> None:
    phone = sandbox.phone("Cem")
    await phone.send("one")
    await phone.send("two")
    first, second = await api.ok("getUpdates", data={"timeout": 0})
    assert second["update_id"] == first["update_id"] + 1
    # Without a new offset the same updates come again.
    assert len(await api.ok("getUpdates", data={"timeout": 0})) == 2
    again = await api.ok("getUpdates", data={"offset": second["update_id"], "timeout": 0})
    assert [u["message"]["text"] for u in again] == ["two"]
    assert await api.ok("getUpdates", data={"offset": second["update_id"] + 1, "timeout": 0}) == []


async def test_limit_caps_the_batch(api: BotApi, sandbox: Sandbox) -> None:
    phone = sandbox.phone("Dee")
    for n in range(5):
        await phone.send(f"m{n}")
    batch = await api.ok("getUpdates", data={"limit": 2, "timeout": 0})
    assert [u["message"]["text"] for u in batch] == ["m0", "m1"]


async def test_allowed_updates_filters_types(api: BotApi, sandbox: Sandbox) -> None:
    phone = sandbox.phone("Eve")
    await phone.send("/start")
    await api.ok(
        "sendMessage",
        json={
            "chat_id": phone.user_id,
            "text": "hi",
            "reply_markup": {"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]},
        },
    )
    await phone.press("Go")
    only_buttons = await api.ok(
        "getUpdates", data={"timeout": 0, "allowed_updates": json.dumps(["callback_query"])}
    )
    assert [next(k for k in u if k != "update_id") for u in only_buttons] == ["callback_query"]


async def test_a_newer_poller_ends_the_older_with_409(api: BotApi) -> None:
    older = asyncio.create_task(api.call("getUpdates", data={"timeout": 10}))
    await asyncio.sleep(0.1)  # the older request must be waiting before the newer arrives
    newer = asyncio.create_task(api.call("getUpdates", data={"timeout": 0.2}))
    response = await asyncio.wait_for(older, 5)
    assert response.status_code == 409
    assert response.json()["description"] == (
        "Conflict: terminated by other getUpdates request; "
        "make sure that only one bot instance is running"
    )
    assert (await newer).status_code == 200


class Receiver:
    """A webhook endpoint that records what it receives and answers with a chosen status."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, Any], str | None, str]] = []
        self.status = 200
        self.arrived = asyncio.Event()

    async def endpoint(self, request: Request) -> Response:
        self.received.append(
            (
                await request.json(),
                request.headers.get("x-telegram-bot-api-secret-token"),
                request.headers.get("content-type", ""),
            )
        )
        self.arrived.set()
        return Response(status_code=self.status)


@pytest.fixture
async def receiver() -> AsyncIterator[tuple[Receiver, str]]:
    """A local webhook receiver and its URL."""
    receiver = Receiver()
    server = AsgiServer(Starlette(routes=[Route("/hook", receiver.endpoint, methods=["POST"])]))
    await server.start()
    yield receiver, f"{server.url}/hook"
    await server.stop()


async def test_webhook_posts_updates_with_the_secret_header(
    api: BotApi, sandbox: Sandbox, receiver: tuple[Receiver, str]
) -> None:
    hook, url = receiver
    assert await api.ok("setWebhook", data={"url": url, "secret_token": "s3cret_token-1"})
    info = await api.ok("getWebhookInfo")
    assert info["url"] == url
    await sandbox.phone("Fay").send("via webhook")
    await asyncio.wait_for(hook.arrived.wait(), 5)
    update, secret, content_type = hook.received[0]
    assert update["message"]["text"] == "via webhook"
    assert secret == "s3cret_token-1"
    assert content_type.startswith("application/json")
    conflict = await api.call("getUpdates", data={"timeout": 0})
    assert conflict.status_code == 409
    assert "webhook is active" in conflict.json()["description"]


async def test_webhook_failures_are_retried_and_reported(
    api: BotApi, sandbox: Sandbox, receiver: tuple[Receiver, str]
) -> None:
    hook, url = receiver
    hook.status = 500
    sandbox.core.feed._retry_delay = 0.05
    await api.ok("setWebhook", data={"url": url})
    phone = sandbox.phone("Gus")
    await phone.send("retry me")
    await asyncio.wait_for(hook.arrived.wait(), 5)
    info = await api.ok("getWebhookInfo")
    assert info["pending_update_count"] == 1
    assert "500" in info["last_error_message"]
    hook.status = 200
    await phone.wait_for(lambda: sandbox.core.feed.pending_count == 0)
    assert all(u["message"]["text"] == "retry me" for u, _, _ in hook.received)
    assert len(hook.received) >= 2


async def test_delete_webhook_returns_to_polling(
    api: BotApi, sandbox: Sandbox, receiver: tuple[Receiver, str]
) -> None:
    _, url = receiver
    await api.ok("setWebhook", data={"url": url})
    await api.ok("deleteWebhook")
    assert (await api.ok("getWebhookInfo"))["url"] == ""
    assert await api.ok("getUpdates", data={"timeout": 0}) == []


async def test_bad_webhook_secret_is_rejected(api: BotApi) -> None:
    response = await api.call(
        "setWebhook", data={"url": "http://127.0.0.1:1/x", "secret_token": "no spaces"}
    )
    assert response.status_code == 400


async def _flood_sandbox(**limits: Any) -> Sandbox:
    return await Sandbox(**limits).start()


async def _send(client: httpx.AsyncClient, sandbox: Sandbox, chat: int) -> httpx.Response:
    return await client.post(
        f"/bot{sandbox.token}/sendMessage", data={"chat_id": chat, "text": "x"}
    )


async def test_flood_control_per_chat_gives_429_with_retry_after() -> None:
    sandbox = await _flood_sandbox(chat_rate=1.0, chat_burst=3)
    try:
        phone = sandbox.phone("Hal")
        await phone.send("/start")
        async with httpx.AsyncClient(base_url=sandbox.url) as client:
            statuses = [(await _send(client, sandbox, phone.user_id)).status_code for _ in range(3)]
            assert statuses == [200, 200, 200]
            refused = await _send(client, sandbox, phone.user_id)
        assert refused.status_code == 429
        body = refused.json()
        assert body["parameters"]["retry_after"] >= 1
        assert (
            body["description"]
            == f"Too Many Requests: retry after {body['parameters']['retry_after']}"
        )
        assert len(phone.received) == 3
    finally:
        await sandbox.stop()


async def test_flood_control_overall_limit_across_chats() -> None:
    sandbox = await _flood_sandbox(chat_rate=100, chat_burst=100, global_rate=5, global_burst=5)
    try:
        phones = [sandbox.phone(f"P{n}") for n in range(6)]
        for phone in phones:
            await phone.send("/start")
        async with httpx.AsyncClient(base_url=sandbox.url) as client:
            statuses = [(await _send(client, sandbox, p.user_id)).status_code for p in phones]
        assert statuses == [200] * 5 + [429]
    finally:
        await sandbox.stop()


async def test_flood_control_can_be_switched_off() -> None:
    sandbox = await _flood_sandbox(flood_control=False)
    try:
        phone = sandbox.phone("Ida")
        await phone.send("/start")
        async with httpx.AsyncClient(base_url=sandbox.url) as client:
            statuses = {
                (await _send(client, sandbox, phone.user_id)).status_code for _ in range(50)
            }
        assert statuses == {200}
        assert len(phone.received) == 50
    finally:
        await sandbox.stop()


async def test_stopping_leaves_no_tasks_behind(receiver: tuple[Receiver, str]) -> None:
    _, url = receiver
    before = asyncio.all_tasks()
    sandbox = await Sandbox().start()
    async with httpx.AsyncClient(base_url=sandbox.url) as client:
        poll = asyncio.create_task(
            client.post(f"/bot{sandbox.token}/getUpdates", data={"timeout": 30})
        )
        await asyncio.sleep(0.1)  # the long poll is waiting inside the server
        await sandbox.stop()
        # Stopping releases the waiting long poll promptly instead of holding it 30 s.
        assert (await asyncio.wait_for(poll, 5)).json() == {"ok": True, "result": []}
    hooked = await Sandbox().start()
    async with httpx.AsyncClient(base_url=hooked.url) as client:
        await client.post(f"/bot{hooked.token}/setWebhook", data={"url": url})
    await hooked.phone("Kai").send("hi")  # a delivery is under way or done
    await hooked.stop()
    assert asyncio.all_tasks() - before == set()
