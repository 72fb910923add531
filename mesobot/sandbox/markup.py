"""Telegram's message rules: HTML parse mode, text length, keyboards."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from .errors import ApiError, bad_request

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64

# tag -> entity type; attributes refine some of them below.
_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's offsets and limits."""
    return len(text.encode("utf-16-le")) // 2


class _TelegramHTML(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.chunks: list[str] = []
        self.length = 0
        self.stack: list[tuple[str, dict[str, Any]]] = []
        self.entities: list[dict[str, Any]] = []

    def _byte_offset(self) -> int:
        line, column = self.getpos()
        lines = self.source.split("\n")
        prefix = "\n".join(lines[: line - 1])
        if line > 1:
            prefix += "\n"
        prefix += lines[line - 1][:column]
        return len(prefix.encode())

    def _fail(self, reason: str) -> ApiError:
        return bad_request(f"can't parse entities: {reason} at byte offset {self._byte_offset()}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = _TAGS.get(tag)
        values = dict(attrs)
        if kind is None or (tag == "span" and values.get("class") != "tg-spoiler"):
            raise self._fail(f'Unsupported start tag "{tag}"')
        entity: dict[str, Any] = {"type": kind, "offset": self.length}
        if tag == "a":
            href = values.get("href") or ""
            entity["url"] = href
        elif tag == "blockquote" and "expandable" in values:
            entity["type"] = "expandable_blockquote"
        elif tag == "tg-emoji":
            entity["custom_emoji_id"] = values.get("emoji-id") or ""
        elif tag == "code" and self.stack and self.stack[-1][0] == "pre":
            language = (values.get("class") or "").removeprefix("language-")
            if language:
                self.stack[-1][1]["language"] = language
        self.stack.append((tag, entity))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raise self._fail(f'Unsupported start tag "{tag}"')

    def handle_endtag(self, tag: str) -> None:
        if not self.stack:
            raise self._fail(f'Unexpected end tag "{tag}"')
        open_tag, entity = self.stack.pop()
        if open_tag != tag:
            raise self._fail(f'Unmatched end tag "{tag}", expected "</{open_tag}>"')
        entity["length"] = self.length - entity["offset"]
        if entity["length"] > 0:
            self.entities.append(entity)

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)
        self.length += utf16_len(data)

    def handle_comment(self, data: str) -> None:
        raise self._fail("Unsupported comment")

    def handle_decl(self, decl: str) -> None:
        raise self._fail("Unsupported declaration")

    def unknown_decl(self, data: str) -> None:
        raise self._fail("Unsupported declaration")

    def handle_pi(self, data: str) -> None:
        raise self._fail("Unsupported processing instruction")


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Return the plain text and entities of an HTML message, or raise 400 as Telegram does."""
    parser = _TelegramHTML(source)
    parser.feed(source)
    parser.close()
    if parser.stack:
        tag = parser.stack[-1][0]
        raise bad_request(
            f"can't parse entities: Can't find end tag corresponding to start tag \"{tag}\""
        )
    parser.entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(parser.chunks), parser.entities


def format_text(
    text: str | None,
    parse_mode: str | None,
    entities: Any,
    *,
    limit: int = MAX_TEXT,
    what: str = "message text",
) -> tuple[str, list[dict[str, Any]]]:
    """Apply a parse mode and Telegram's length rules to a text or caption."""
    text = text or ""
    if parse_mode:
        if parse_mode.lower() != "html":
            if parse_mode.lower() in ("markdown", "markdownv2"):
                raise bad_request(
                    f"can't parse entities: the sandbox supports only HTML, not {parse_mode}"
                )
            raise bad_request("unsupported parse_mode")
        text, parsed = parse_html(text)
    else:
        parsed = list(entities) if isinstance(entities, list) else []
    if not text.strip():
        if what == "caption":
            return "", []
        raise bad_request(f"{what} is empty")
    if utf16_len(text) > limit:
        raise bad_request(
            "message caption is too long" if what == "caption" else "message is too long"
        )
    return text, parsed


def check_reply_markup(markup: Any) -> dict[str, Any] | None:
    """Validate a reply_markup object and return it, or raise 400."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise bad_request(
                "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
            )
        for row in rows:
            for button in row:
                _check_inline_button(button)
        return markup
    if "keyboard" in markup:
        rows = markup["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise bad_request(
                "can't parse keyboard button: KeyboardButton must be a String or an Object"
            )
        for row in rows:
            for button in row:
                text = button if isinstance(button, str) else (button or {}).get("text")
                if not isinstance(text, str) or not text:
                    raise bad_request("can't parse keyboard button: Text must be non-empty")
        return markup
    if markup.get("remove_keyboard") or markup.get("force_reply"):
        return markup
    raise bad_request("can't parse reply keyboard markup JSON object")


_INLINE_ACTIONS = (
    "callback_data",
    "url",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "web_app",
    "copy_text",
    "callback_game",
    "pay",
)


def _check_inline_button(button: Any) -> None:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request("can't parse inline keyboard button: Text must be a String")
    if not button["text"]:
        raise bad_request("BUTTON_TEXT_INVALID")
    if not any(key in button for key in _INLINE_ACTIONS):
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button:
        url = button["url"]
        if not isinstance(url, str) or not url.startswith(("http://", "https://", "tg://")):
            raise bad_request("BUTTON_URL_INVALID")
