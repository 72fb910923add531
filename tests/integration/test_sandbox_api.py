"""The sandbox against its contract: envelopes, status codes and Telegram's message rules."""

from __future__ import annotations

import json

import pytest

from mesobot.sandbox import Phone, Sandbox
from tests.conftest import BotApi

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)


@pytest.fixture
async def alice(sandbox: Sandbox) -> Phone:
    """A user who has started the bot, so it may write to her."""
    phone = sandbox.phone("Alice")
    await phone.send("/start")
    return phone


async def test_get_me_envelope(api: BotApi, sandbox: Sandbox) -> None:
    response = await api.call("getMe")
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is True
    assert body["result"]["is_bot"] is True
    assert body["result"]["id"] == int(sandbox.token.split(":")[0])
    assert body["result"]["username"] == "mesobot_sandbox_bot"


async def test_wrong_token_is_401_and_malformed_token_is_404(api: BotApi) -> None:
    wrong = await api.call("getMe", token="100000001:not-the-token")
    assert wrong.status_code == 401
    assert wrong.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    malformed = await api.call("getMe", token="garbage")
    assert malformed.status_code == 404
    assert malformed.json()["ok"] is False


async def test_unknown_method_is_404(api: BotApi) -> None:
    response = await api.call("sendTelepathy", data={"chat_id": 1})
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error_code": 404, "description": "Not Found"}


async def test_method_names_are_case_insensitive(api: BotApi) -> None:
    assert (await api.ok("getme"))["is_bot"] is True


async def test_send_message_form_encoded_with_json_markup(api: BotApi, alice: Phone) -> None:
    keyboard = {"inline_keyboard": [[{"text": "Yes", "callback_data": "yes"}]]}
    result = await api.ok(
        "sendMessage",
        data={"chat_id": alice.user_id, "text": "Ready?", "reply_markup": json.dumps(keyboard)},
    )
    assert result["text"] == "Ready?"
    assert result["chat"] == {"id": alice.user_id, "type": "private", "first_name": "Alice"}
    assert result["from"]["is_bot"] is True
    assert result["reply_markup"] == keyboard
    assert alice.last.buttons == [["Yes"]]


async def test_send_message_accepts_json_and_multipart_bodies(api: BotApi, alice: Phone) -> None:
    await api.ok("sendMessage", json={"chat_id": alice.user_id, "text": "as json"})
    await api.ok(
        "sendMessage",
        files={"chat_id": (None, str(alice.user_id)), "text": (None, "as multipart")},
    )
    assert [m.text for m in alice.received] == ["as json", "as multipart"]


async def test_plain_strings_are_not_json_decoded(api: BotApi, alice: Phone) -> None:
    result = await api.ok("sendMessage", data={"chat_id": alice.user_id, "text": '"quoted"'})
    assert result["text"] == '"quoted"'


@pytest.mark.parametrize("text", ["", "   \n "])
async def test_empty_text_is_rejected(api: BotApi, alice: Phone, text: str) -> None:
    response = await api.call("sendMessage", data={"chat_id": alice.user_id, "text": text})
    assert response.status_code == 400
    assert response.json()["description"] == "Bad Request: message text is empty"


async def test_text_limit_is_4096_characters_after_parsing(api: BotApi, alice: Phone) -> None:
    chat = alice.user_id
    await api.ok("sendMessage", data={"chat_id": chat, "text": "a" * 4096})
    tagged = "<b>" + "a" * 4096 + "</b>"
    await api.ok("sendMessage", data={"chat_id": chat, "text": tagged, "parse_mode": "HTML"})
    response = await api.call("sendMessage", data={"chat_id": chat, "text": "a" * 4097})
    assert response.status_code == 400
    assert response.json()["description"] == "Bad Request: message is too long"


async def test_callback_data_limit_is_64_bytes(api: BotApi, alice: Phone) -> None:
    def markup(data: str) -> str:
        return json.dumps({"inline_keyboard": [[{"text": "B", "callback_data": data}]]})

    chat = alice.user_id
    await api.ok(
        "sendMessage", data={"chat_id": chat, "text": "ok", "reply_markup": markup("x" * 64)}
    )
    for data in ("x" * 65, "é" * 33, ""):
        response = await api.call(
            "sendMessage", data={"chat_id": chat, "text": "no", "reply_markup": markup(data)}
        )
        assert response.status_code == 400
        assert response.json()["description"] == "Bad Request: BUTTON_DATA_INVALID"


@pytest.mark.parametrize(
    "html",
    ["<b>unclosed", "<blink>hi</blink>", "<b>crossed <i>tags</b></i>", "stray </i>", "line<br/>"],
)
async def test_html_that_does_not_parse_is_rejected(api: BotApi, alice: Phone, html: str) -> None:
    response = await api.call(
        "sendMessage", data={"chat_id": alice.user_id, "text": html, "parse_mode": "HTML"}
    )
    assert response.status_code == 400
    assert response.json()["description"].startswith("Bad Request: can't parse entities")


async def test_html_becomes_text_and_entities(api: BotApi, alice: Phone) -> None:
    result = await api.ok(
        "sendMessage",
        data={
            "chat_id": alice.user_id,
            "text": '🙂 <b>bold <i>both</i></b> &lt;tag&gt; <a href="https://example.org">link</a>',
            "parse_mode": "HTML",
        },
    )
    assert result["text"] == "🙂 bold both <tag> link"
    # Offsets count UTF-16 code units: the emoji is two.
    assert result["entities"] == [
        {"type": "bold", "offset": 3, "length": 9},
        {"type": "italic", "offset": 8, "length": 4},
        {"type": "text_link", "offset": 19, "length": 4, "url": "https://example.org"},
    ]


async def test_unknown_chat_is_400_chat_not_found(api: BotApi) -> None:
    response = await api.call("sendMessage", data={"chat_id": 424242, "text": "hi"})
    assert response.status_code == 400
    assert response.json()["description"] == "Bad Request: chat not found"


async def test_bot_cannot_write_first(api: BotApi, sandbox: Sandbox) -> None:
    silent = sandbox.phone("Silent")
    response = await api.call("sendMessage", data={"chat_id": silent.user_id, "text": "hi"})
    assert response.status_code == 403
    assert (
        response.json()["description"] == "Forbidden: bot can't initiate conversation with a user"
    )


async def test_blocked_user_is_403_until_unblocked(api: BotApi, alice: Phone) -> None:
    alice.block()
    response = await api.call("sendMessage", data={"chat_id": alice.user_id, "text": "hi"})
    assert response.status_code == 403
    assert response.json() == {
        "ok": False,
        "error_code": 403,
        "description": "Forbidden: bot was blocked by the user",
    }
    assert alice.received == []
    alice.unblock()
    await api.ok("sendMessage", data={"chat_id": alice.user_id, "text": "welcome back"})
    assert alice.last.text == "welcome back"


async def test_blocking_queues_my_chat_member_update(api: BotApi, alice: Phone) -> None:
    alice.block()
    updates = await api.ok("getUpdates", data={"timeout": 0})
    status = [
        u["my_chat_member"]["new_chat_member"]["status"] for u in updates if "my_chat_member" in u
    ]
    assert status == ["kicked"]


async def test_edit_text_keeps_history_and_rejects_identical(api: BotApi, alice: Phone) -> None:
    chat = alice.user_id
    sent = await api.ok("sendMessage", data={"chat_id": chat, "text": "Pick one"})
    edited = await api.ok(
        "editMessageText",
        data={"chat_id": chat, "message_id": sent["message_id"], "text": "You picked A"},
    )
    assert edited["text"] == "You picked A" and "edit_date" in edited
    assert alice.last.text == "You picked A"
    assert [v.text for v in alice.last.history] == ["Pick one"]
    same = await api.call(
        "editMessageText",
        data={"chat_id": chat, "message_id": sent["message_id"], "text": "You picked A"},
    )
    assert same.status_code == 400
    assert same.json()["description"] == NOT_MODIFIED


async def test_editing_a_missing_message_is_400(api: BotApi, alice: Phone) -> None:
    response = await api.call(
        "editMessageText", data={"chat_id": alice.user_id, "message_id": 999, "text": "x"}
    )
    assert response.status_code == 400
    assert response.json()["description"] == "Bad Request: message to edit not found"


async def test_editing_the_users_own_message_is_400(api: BotApi, alice: Phone) -> None:
    users_message = alice.transcript[0].message_id
    response = await api.call(
        "editMessageText",
        data={"chat_id": alice.user_id, "message_id": users_message, "text": "x"},
    )
    assert response.json()["description"] == "Bad Request: message can't be edited"


async def test_edit_reply_markup_removes_and_rejects_no_change(api: BotApi, alice: Phone) -> None:
    chat = alice.user_id
    keyboard = json.dumps({"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]})
    sent = await api.ok(
        "sendMessage", data={"chat_id": chat, "text": "Pick", "reply_markup": keyboard}
    )
    await api.ok("editMessageReplyMarkup", data={"chat_id": chat, "message_id": sent["message_id"]})
    assert alice.last.buttons == []
    again = await api.call(
        "editMessageReplyMarkup", data={"chat_id": chat, "message_id": sent["message_id"]}
    )
    assert again.json()["description"] == NOT_MODIFIED


async def test_delete_message_then_it_is_gone(api: BotApi, alice: Phone) -> None:
    chat = alice.user_id
    sent = await api.ok("sendMessage", data={"chat_id": chat, "text": "temporary"})
    assert await api.ok("deleteMessage", data={"chat_id": chat, "message_id": sent["message_id"]})
    assert alice.received == []
    again = await api.call(
        "deleteMessage", data={"chat_id": chat, "message_id": sent["message_id"]}
    )
    assert again.status_code == 400
    assert again.json()["description"] == "Bad Request: message to delete not found"


async def test_button_press_and_callback_answer(api: BotApi, alice: Phone) -> None:
    keyboard = json.dumps({"inline_keyboard": [[{"text": "Yes", "callback_data": "answer:yes"}]]})
    await api.ok(
        "sendMessage", data={"chat_id": alice.user_id, "text": "Q?", "reply_markup": keyboard}
    )
    query = await alice.press("Yes")
    updates = await api.ok("getUpdates", data={"timeout": 0})
    callback = updates[-1]["callback_query"]
    assert callback["data"] == "answer:yes"
    assert callback["from"]["id"] == alice.user_id
    assert callback["message"]["text"] == "Q?"
    assert callback["chat_instance"]
    await api.ok("answerCallbackQuery", data={"callback_query_id": callback["id"], "text": "Saved"})
    assert await alice.answer_to(query) == "Saved"
    twice = await api.call("answerCallbackQuery", data={"callback_query_id": callback["id"]})
    assert twice.status_code == 400
    assert "query is too old" in twice.json()["description"]


async def test_send_document_keeps_the_file(api: BotApi, alice: Phone) -> None:
    content = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    result = await api.ok(
        "sendDocument",
        data={"chat_id": str(alice.user_id), "caption": "Your plan"},
        files={"document": ("plan.ics", content, "text/calendar")},
    )
    assert result["document"]["file_name"] == "plan.ics"
    assert result["document"]["file_size"] == len(content)
    assert result["caption"] == "Your plan"
    assert alice.last.document is not None
    assert alice.last.document.content == content
    assert alice.last.document.mime_type == "text/calendar"


async def test_chat_action(api: BotApi, alice: Phone, sandbox: Sandbox) -> None:
    assert await api.ok("sendChatAction", data={"chat_id": alice.user_id, "action": "typing"})
    assert sandbox.core.chat_actions == [(alice.user_id, "typing")]
    bad = await api.call("sendChatAction", data={"chat_id": alice.user_id, "action": "dancing"})
    assert bad.status_code == 400


async def test_commands_round_trip_and_validation(api: BotApi, sandbox: Sandbox) -> None:
    commands = [
        {"command": "start", "description": "Begin"},
        {"command": "next", "description": "Next"},
    ]
    assert await api.ok("setMyCommands", data={"commands": json.dumps(commands)})
    assert await api.ok("getMyCommands") == commands
    assert sandbox.commands() == commands
    bad = await api.call(
        "setMyCommands",
        data={"commands": json.dumps([{"command": "Bad-Name", "description": "x"}])},
    )
    assert bad.status_code == 400
    assert bad.json()["description"] == "Bad Request: BOT_COMMAND_INVALID"


async def test_shared_location_arrives_as_a_location_message(api: BotApi, alice: Phone) -> None:
    await alice.share_location(51.5072, -0.1276)
    updates = await api.ok("getUpdates", data={"timeout": 0})
    location = updates[-1]["message"]["location"]
    assert location == {"latitude": 51.5072, "longitude": -0.1276}
    assert "text" not in updates[-1]["message"]


async def test_forged_callback_data_reaches_the_bot_as_sent(api: BotApi, alice: Phone) -> None:
    keyboard = json.dumps({"inline_keyboard": [[{"text": "Yes", "callback_data": "yes"}]]})
    await api.ok(
        "sendMessage", data={"chat_id": alice.user_id, "text": "Q", "reply_markup": keyboard}
    )
    await alice.press(data="admin:delete-everything")
    updates = await api.ok("getUpdates", data={"timeout": 0})
    assert updates[-1]["callback_query"]["data"] == "admin:delete-everything"


async def test_pressing_a_missing_label_says_what_is_there(api: BotApi, alice: Phone) -> None:
    keyboard = json.dumps({"inline_keyboard": [[{"text": "Yes", "callback_data": "yes"}]]})
    await api.ok(
        "sendMessage", data={"chat_id": alice.user_id, "text": "Q", "reply_markup": keyboard}
    )
    with pytest.raises(LookupError, match=r"no button 'Maybe'; latest buttons: \['Yes'\]"):
        await alice.press("Maybe")


async def test_a_user_who_blocked_the_bot_cannot_write_to_it(alice: Phone) -> None:
    alice.block()
    with pytest.raises(RuntimeError, match="unblock"):
        await alice.send("hello")


async def test_next_message_times_out_when_the_bot_is_silent(alice: Phone) -> None:
    with pytest.raises(TimeoutError, match=r"Alice: waited 0\.1s"):
        await alice.next_message(timeout=0.1)


async def test_injected_faults_answer_with_the_real_status(
    api: BotApi, alice: Phone, sandbox: Sandbox
) -> None:
    sandbox.fail("sendMessage", status=502, times=1)
    failed = await api.call("sendMessage", data={"chat_id": alice.user_id, "text": "x"})
    assert failed.status_code == 502
    assert failed.json() == {"ok": False, "error_code": 502, "description": "Bad Gateway"}
    await api.ok("sendMessage", data={"chat_id": alice.user_id, "text": "x"})
