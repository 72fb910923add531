"""The Bot API methods the sandbox speaks; each takes the state and the call's parameters."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from .core import SandboxCore
from .errors import bad_request
from .feed import Webhook
from .markup import MAX_CAPTION, check_reply_markup, format_text
from .params import Params, Upload
from .records import ChatMessage, Document, Version

Method = Callable[[SandboxCore, Params], Awaitable[Any]]
METHODS: dict[str, Method] = {}
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


def method(name: str) -> Callable[[Method], Method]:
    """Register a Bot API method under its (case-insensitive) name."""

    def register(func: Method) -> Method:
        METHODS[name.lower()] = func
        return func

    return register


def _markup(p: Params) -> tuple[list[list[dict[str, Any]]] | None, dict[str, Any] | None]:
    """Split reply_markup into (inline keyboard, reply keyboard)."""
    markup = check_reply_markup(p.structured("reply_markup", "reply keyboard markup"))
    if markup is None:
        return None, None
    if "inline_keyboard" in markup:
        return markup["inline_keyboard"] or None, None
    return None, markup


def _bot_message(core: SandboxCore, p: Params) -> ChatMessage:
    chat = core.chat_for_bot(p.raw.get("chat_id"))
    if p.has("inline_message_id"):
        raise bad_request("MESSAGE_ID_INVALID")
    message_id = p.integer("message_id")
    message = chat.find(message_id) if message_id is not None else None
    if message is None:
        raise bad_request("message to edit not found")
    if not message.from_bot:
        raise bad_request("message can't be edited")
    return message


def _edit(message: ChatMessage, core: SandboxCore, **changes: Any) -> dict[str, Any]:
    # The HTML as sent goes with the text (it is not part of what "not modified" compares).
    html = changes.pop("html", message.html)
    before = Version(message.text, message.entities, message.inline_keyboard, message.edit_date)
    after = {
        "text": message.text,
        "entities": message.entities,
        "inline_keyboard": message.inline_keyboard,
    }
    after.update(changes)
    if after == {
        "text": before.text,
        "entities": before.entities,
        "inline_keyboard": before.inline_keyboard,
    }:
        raise bad_request(NOT_MODIFIED)
    message.history.append(before)
    message.html = html
    for key, value in after.items():
        setattr(message, key, value)
    message.edit_date = core.timestamp()
    core.notifier.notify()
    return message.to_api(core.bot)


@method("getMe")
async def get_me(core: SandboxCore, p: Params) -> Any:
    """Who the bot is."""
    return core.bot.to_api()


@method("getUpdates")
async def get_updates(core: SandboxCore, p: Params) -> Any:
    """Long-poll for updates."""
    limit = p.integer("limit", 100) or 100
    return await core.feed.get_updates(
        offset=p.integer("offset"),
        limit=min(max(limit, 1), 100),
        timeout=p.number("timeout", 0.0) or 0.0,
        allowed=p.structured("allowed_updates", "allowed updates"),
    )


@method("setWebhook")
async def set_webhook(core: SandboxCore, p: Params) -> Any:
    """Start pushing updates to a URL (an empty URL removes the webhook)."""
    url = p.text("url", "") or ""
    secret = p.text("secret_token")
    if secret is not None and not _SECRET.match(secret):
        raise bad_request("bad webhook: secret token contains unallowed characters")
    if url and not url.startswith(("http://", "https://")):
        raise bad_request("bad webhook: invalid webhook URL specified")
    core.feed.set_allowed(p.structured("allowed_updates", "allowed updates"))
    if p.flag("drop_pending_updates"):
        core.feed.drop_pending()
    hook = Webhook(url, secret, p.integer("max_connections", 40) or 40) if url else None
    core.feed.set_webhook(hook)
    return True


@method("deleteWebhook")
async def delete_webhook(core: SandboxCore, p: Params) -> Any:
    """Stop pushing updates; getUpdates works again."""
    if p.flag("drop_pending_updates"):
        core.feed.drop_pending()
    core.feed.set_webhook(None)
    return True


@method("getWebhookInfo")
async def get_webhook_info(core: SandboxCore, p: Params) -> Any:
    """The webhook's URL, pending count and last error."""
    hook = core.feed.webhook
    info: dict[str, Any] = {
        "url": hook.url if hook else "",
        "has_custom_certificate": False,
        "pending_update_count": core.feed.pending_count,
    }
    if hook:
        info["max_connections"] = hook.max_connections
        if hook.last_error_date:
            info["last_error_date"] = hook.last_error_date
            info["last_error_message"] = hook.last_error_message
    return info


def _scope_key(p: Params) -> tuple[str, str]:
    scope = p.structured("scope", "scope") or {"type": "default"}
    if not isinstance(scope, dict) or "type" not in scope:
        raise bad_request("can't parse BotCommandScope JSON object")
    return repr(sorted(scope.items())), p.text("language_code", "") or ""


@method("setMyCommands")
async def set_my_commands(core: SandboxCore, p: Params) -> Any:
    """Register the command list shown in the client's menu."""
    commands = p.structured("commands", "bot commands")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("can't parse bot commands JSON object")
    for command in commands:
        if not isinstance(command, dict) or not _COMMAND.match(str(command.get("command", ""))):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", ""))) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    core.commands[_scope_key(p)] = [
        {"command": c["command"], "description": c["description"]} for c in commands
    ]
    return True


@method("getMyCommands")
async def get_my_commands(core: SandboxCore, p: Params) -> Any:
    """The registered command list."""
    return core.commands.get(_scope_key(p), [])


@method("deleteMyCommands")
async def delete_my_commands(core: SandboxCore, p: Params) -> Any:
    """Forget the command list."""
    core.commands.pop(_scope_key(p), None)
    return True


@method("sendMessage")
async def send_message(core: SandboxCore, p: Params) -> Any:
    """Send a text message."""
    chat = core.chat_for_bot(p.raw.get("chat_id"))
    text, entities = format_text(
        p.text("text"), p.text("parse_mode"), p.structured("entities", "entities")
    )
    inline, reply = _markup(p)
    core.flood.take(chat.id)
    message = chat.add(
        from_bot=True,
        date=core.timestamp(),
        text=text,
        entities=entities,
        html=p.text("text") if p.text("parse_mode") else None,
        inline_keyboard=inline,
        reply_keyboard=reply,
    )
    core.sent_count += 1
    core.notifier.notify()
    return message.to_api(core.bot)


@method("sendDocument")
async def send_document(core: SandboxCore, p: Params) -> Any:
    """Send a file; the sandbox keeps its bytes."""
    chat = core.chat_for_bot(p.raw.get("chat_id"))
    upload = p.upload("document")
    if upload is None:
        raise bad_request("there is no document in the request")
    if isinstance(upload, str):
        upload = _find_file(core, upload)
    caption, entities = format_text(
        p.text("caption"),
        p.text("parse_mode"),
        p.structured("caption_entities", "entities"),
        limit=MAX_CAPTION,
        what="caption",
    )
    inline, reply = _markup(p)
    core.flood.take(chat.id)
    file_id = core.next_file_id()
    document = Document(
        file_id=file_id,
        file_unique_id=file_id.removeprefix("sandbox-file-"),
        file_name=upload.filename,
        mime_type=upload.content_type,
        content=upload.content,
    )
    message = chat.add(
        from_bot=True,
        date=core.timestamp(),
        text=caption or None,
        entities=entities,
        document=document,
        inline_keyboard=inline,
        reply_keyboard=reply,
    )
    core.sent_count += 1
    core.notifier.notify()
    return message.to_api(core.bot)


def _find_file(core: SandboxCore, file_id: str) -> Upload:
    for chat in core.chats.values():
        for message in chat.messages:
            doc = message.document
            if doc is not None and doc.file_id == file_id:
                return Upload(doc.file_name, doc.mime_type, doc.content)
    raise bad_request("wrong file identifier/HTTP URL specified")


@method("editMessageText")
async def edit_message_text(core: SandboxCore, p: Params) -> Any:
    """Change a message's text (and keyboard: none given removes it)."""
    message = _bot_message(core, p)
    if message.document is not None:
        raise bad_request("there is no text in the message to edit")
    text, entities = format_text(
        p.text("text"), p.text("parse_mode"), p.structured("entities", "entities")
    )
    inline, _ = _markup(p)
    html = p.text("text") if p.text("parse_mode") else None
    return _edit(message, core, text=text, entities=entities, inline_keyboard=inline, html=html)


@method("editMessageReplyMarkup")
async def edit_message_reply_markup(core: SandboxCore, p: Params) -> Any:
    """Change a message's inline keyboard (none given removes it)."""
    message = _bot_message(core, p)
    inline, _ = _markup(p)
    return _edit(message, core, inline_keyboard=inline)


@method("deleteMessage")
async def delete_message(core: SandboxCore, p: Params) -> Any:
    """Delete a message."""
    chat = core.chat_for_bot(p.raw.get("chat_id"))
    message_id = p.integer("message_id")
    message = chat.find(message_id) if message_id is not None else None
    if message is None:
        raise bad_request("message to delete not found")
    message.deleted = True
    core.notifier.notify()
    return True


@method("answerCallbackQuery")
async def answer_callback_query(core: SandboxCore, p: Params) -> Any:
    """Answer a button press (a toast or an alert on the phone)."""
    query = core.callback_queries.get(p.text("callback_query_id") or "")
    if query is None or query.answered or core.now() - query.pressed_at > core.answer_window:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    text = p.text("text")
    if text is not None and len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    query.answered = True
    query.answer_text = text
    query.show_alert = p.flag("show_alert")
    core.notifier.notify()
    return True


@method("sendChatAction")
async def send_chat_action(core: SandboxCore, p: Params) -> Any:
    """Show "typing..." and the like."""
    chat = core.chat_for_bot(p.raw.get("chat_id"))
    action = p.text("action") or ""
    if action not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    core.chat_actions.append((chat.id, action))
    return True
