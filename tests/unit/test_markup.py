"""Telegram's HTML subset, length rules and keyboard rules, as the sandbox enforces them."""

from __future__ import annotations

import pytest

from mesobot.sandbox.errors import ApiError
from mesobot.sandbox.markup import check_reply_markup, format_text, parse_html, utf16_len


def test_nested_tags_give_entities_in_utf16_units() -> None:
    text, entities = parse_html("👋 <b>hi <i>you</i></b>")
    assert text == "👋 hi you"
    assert entities == [
        {"type": "bold", "offset": 3, "length": 6},
        {"type": "italic", "offset": 6, "length": 3},
    ]


def test_character_references_are_decoded() -> None:
    assert parse_html("a &lt;b&gt; &amp; &#39;c&#39;")[0] == "a <b> & 'c'"


def test_pre_with_language_and_spoiler_span() -> None:
    _, entities = parse_html(
        '<pre><code class="language-python">x</code></pre> <span class="tg-spoiler">s</span>'
    )
    kinds = {e["type"]: e for e in entities}
    assert kinds["pre"]["language"] == "python"
    assert "spoiler" in kinds


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ("<b>open", "Can't find end tag"),
        ("<script>x</script>", 'Unsupported start tag "script"'),
        ('<span class="red">x</span>', 'Unsupported start tag "span"'),
        ("x</b>", "Unexpected end tag"),
        ("<b><i>x</b></i>", "Unmatched end tag"),
        ("<!-- note -->x", "Unsupported comment"),
    ],
)
def test_invalid_html_is_400_cant_parse_entities(source: str, fragment: str) -> None:
    with pytest.raises(ApiError) as caught:
        parse_html(source)
    assert caught.value.status == 400
    assert caught.value.description.startswith("Bad Request: can't parse entities: ")
    assert fragment in caught.value.description


def test_error_names_the_byte_offset() -> None:
    with pytest.raises(ApiError, match="at byte offset 3"):
        parse_html("é <x>")


def test_length_counts_utf16_units_after_parsing() -> None:
    assert utf16_len("😀") == 2
    format_text("😀" * 2048, None, None)
    with pytest.raises(ApiError, match="message is too long"):
        format_text("😀" * 2048 + "a", None, None)


def test_markdown_is_refused_plainly_and_unknown_modes_are_400() -> None:
    with pytest.raises(ApiError, match="supports only HTML"):
        format_text("*x*", "MarkdownV2", None)
    with pytest.raises(ApiError, match="unsupported parse_mode"):
        format_text("x", "Klingon", None)


def test_inline_button_needs_an_action() -> None:
    with pytest.raises(ApiError, match="Text buttons are unallowed"):
        check_reply_markup({"inline_keyboard": [[{"text": "x"}]]})


def test_reply_keyboard_and_remove_are_accepted() -> None:
    keyboard = {"keyboard": [[{"text": "Share location", "request_location": True}]]}
    assert check_reply_markup(keyboard) == keyboard
    assert check_reply_markup({"remove_keyboard": True}) == {"remove_keyboard": True}


def test_unknown_markup_is_400() -> None:
    with pytest.raises(ApiError, match="can't parse reply keyboard markup"):
        check_reply_markup({"something": []})
