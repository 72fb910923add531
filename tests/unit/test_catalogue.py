"""The message catalogues: loading every language, validation errors that name the entry,
escaping, plural forms and dates in each language."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mesobot.content import ContentError, load_catalogue, load_catalogues
from mesobot.content.catalogue import CONTENT_DIR
from mesobot.render.outbox import staff_text
from mesobot.sandbox.markup import parse_html

CATALOGUES = load_catalogues()


@pytest.mark.parametrize("code", CATALOGUES.codes)
def test_every_message_is_valid_telegram_html_once_filled(code: str) -> None:
    catalogue = CATALOGUES[code]
    for key in catalogue.messages:
        names = catalogue.variables(key)
        numbers = {"count", "number", "total", "done", "delivered", "interval", "low", "high"}
        values = {name: 3 if name in numbers else "<x & y>" for name in names}
        text = catalogue.text(key, **values)
        parse_html(text)  # raises if Telegram would refuse it
        assert "<x & y>" not in text


def test_the_languages_are_english_russian_and_spanish() -> None:
    assert CATALOGUES.codes == ["en", "es", "ru"]
    assert [CATALOGUES[code].language.name for code in CATALOGUES.codes] == [
        "English",
        "Español",
        "Русский",
    ]


@pytest.mark.parametrize(
    ("telegram", "chosen"),
    [
        *[("ru", "ru"), ("uk", "ru"), ("be", "ru"), ("kk", "ru"), ("es", "es"), ("es-MX", "es")],
        *[("en", "en"), ("de", "en"), (None, "en"), ("", "en"), ("pt-br", "en")],
    ],
)
def test_telegrams_language_code_chooses_the_language(telegram: str | None, chosen: str) -> None:
    assert CATALOGUES.choose(telegram) == chosen


def test_placeholders_are_html_escaped() -> None:
    text = load_catalogue().text("consent", name="<b>Eve</b>")
    assert "&lt;b&gt;Eve&lt;/b&gt;" in text


def test_whole_numbers_choose_plural_forms_and_are_not_grouped() -> None:
    counted = {
        code: [CATALOGUES[code].text("sessions_count", count=n) for n in (1, 2, 5, 21)]
        for code in CATALOGUES.codes
    }
    assert counted["en"] == ["1 session", "2 sessions", "5 sessions", "21 sessions"]
    assert counted["ru"] == ["1 сеанс", "2 сеанса", "5 сеансов", "21 сеанс"]
    assert counted["es"] == ["1 sesión", "2 sesiones", "5 sesiones", "21 sesiones"]
    assert "12345678" in CATALOGUES["en"].text("patients_count", count=12345678)


def test_dates_and_days_ahead_read_in_each_language() -> None:
    moment = dt.datetime(2026, 12, 15, 9, 0, tzinfo=dt.UTC)
    zone = ZoneInfo("Europe/Madrid")
    assert CATALOGUES["en"].when(moment, zone) == "Tue 15 Dec 2026, 10:00"
    assert (
        CATALOGUES["ru"].when(moment, zone) == "вт, 15 дек. 2026\u202fг., 10:00"
    )  # a narrow no-break space
    assert CATALOGUES["es"].when(moment, zone) == "mar, 15 dic 2026, 10:00"
    assert [CATALOGUES[c].in_days(5) for c in ("en", "ru", "es")] == [
        "in 5 days",
        "через 5 дней",
        "dentro de 5 días",
    ]
    assert CATALOGUES["ru"].month(dt.date(2026, 12, 1)).startswith("декабрь 2026")
    assert CATALOGUES["es"].weekdays()[0].lower().startswith("l")


def test_commands_are_listed() -> None:
    for catalogue in CATALOGUES:
        assert list(catalogue.commands) == [
            "start",
            "next",
            "plan",
            "calendar",
            "progress",
            "pause",
            "resume",
            "evening",
            "quiet",
            "reminders",
            "cancel",
            "delete",
            "export",
            "faq",
            "language",
            "help",
        ]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the shipped content to break."""
    shutil.copytree(CONTENT_DIR, tmp_path / "content", ignore=shutil.ignore_patterns("*.py"))
    return tmp_path / "content"


def test_a_text_missing_from_one_language_is_named(content: Path) -> None:
    path = content / "es" / "messages.ftl"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(li for li in lines if not li.startswith("faq_unknown")) + "\n")
    with pytest.raises(ContentError, match="es: text faq_unknown is missing"):
        load_catalogues(content)


def test_a_text_only_one_language_has_is_named(content: Path) -> None:
    with (content / "ru" / "messages.ftl").open("a", encoding="utf-8") as handle:
        handle.write("only_here = Только здесь\n")
    with pytest.raises(ContentError, match="ru: text only_here is not in en"):
        load_catalogues(content)


def test_a_translation_citing_other_sources_is_refused(content: Path) -> None:
    path = content / "ru" / "messages.toml"
    text = path.read_text(encoding="utf-8")
    cited = 'sources = ["mesotherapy-how-many-sessions.txt"]'
    assert cited in text
    path.write_text(text.replace(cited, 'sources = ["faq-mesotherapy-hair-loss.txt"]', 1))
    with pytest.raises(ContentError, match="cites other sources than en"):
        load_catalogues(content)


def test_broken_fluent_names_the_file_and_line(content: Path) -> None:
    with (content / "en" / "messages.ftl").open("a", encoding="utf-8") as handle:
        handle.write("broken = { $name\n")
    with pytest.raises(ContentError, match=r"^en/messages\.ftl: line \d+: not valid Fluent"):
        load_catalogues(content)


def test_a_bad_command_names_it(content: Path) -> None:
    path = content / "en" / "messages.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("\nnext =", "\nNext ="))
    with pytest.raises(ContentError, match="Next: a command is"):
        load_catalogues(content)


def test_broken_toml_names_the_file(content: Path) -> None:
    (content / "es" / "clinic.toml").write_text("[messages\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"^es/clinic\.toml: "):
        load_catalogues(content)


@pytest.mark.parametrize(
    ("code", "titles"),
    [
        ("en", "Fever; Pus, discharge"),
        ("ru", "Повышенная температура; "),
        ("es", "Fiebre; "),
    ],
)
def test_a_note_to_staff_names_the_signs_by_their_titles_in_their_language(
    code: str, titles: str
) -> None:
    catalogue = load_catalogues()[code]
    params = {"name": "Amy", "patient_id": 1, "words": "38,5", "signs": "fever,pus"}
    note = staff_text(params, "request_urgent", catalogue)
    assert titles in note
    assert "fever" not in note and "pus," not in note
