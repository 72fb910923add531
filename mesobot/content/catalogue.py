"""The message catalogue: every patient-facing sentence, by key, in each language.

A language is a folder of ``mesobot/content`` holding ``language.toml`` (its name, locale
and the Telegram language codes it serves), interface texts in Fluent files (``*.ftl``) and
vetted texts in TOML files (``*.toml``) with the same ids in every language. The source
register (``sources.toml``) is shared.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
import string
import threading
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fluent.runtime import FluentBundle
from fluent.runtime.types import fluent_number
from fluent.syntax import FluentParser, ast
from fluent.syntax.serializer import serialize_pattern
from fluent.syntax.visitor import Visitor
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

CONTENT_DIR = Path(__file__).parent
DEFAULT_LANGUAGE = "en"
_COMMAND_CHARS = set(string.ascii_lowercase + string.digits + "_")


class ContentError(Exception):
    """A content file that does not validate, named with the file and the entry."""


class VettedEntry(BaseModel):
    """Health-related text, with the sources it rests on and who reviewed it when."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1)
    sources: list[str] = Field(min_length=1)
    reviewer: str = Field(min_length=1)
    reviewed: dt.date


DOCTOR = "{doctor}"


class FaqEntry(VettedEntry):
    """A vetted answer to a common question, with how patients tend to ask it (the phrasings
    the matcher learns from, in the languages it has a model for)."""

    title: str = Field(min_length=1, max_length=48)
    examples: list[str] = Field(default_factory=list)

    @field_validator("text")
    @classmethod
    def _ends_with_doctor(cls, text: str) -> str:
        if not text.rstrip().endswith(DOCTOR):
            raise ValueError(f"an answer must end with {DOCTOR}, the pointer to the doctor")
        return text


class WarningSign(BaseModel):
    """A sign that needs care now: what it is, and the sources that support it."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1)
    sources: list[str] = Field(min_length=1)
    reviewer: str = Field(min_length=1)
    reviewed: dt.date


class SourceRecord(BaseModel):
    """What one source is and says, in our own words, with every figure it gives."""

    model_config = ConfigDict(extra="forbid")

    what: str = Field(min_length=1)
    numbers: list[int]
    facts: list[str]


class Language(BaseModel):
    """A language's ``language.toml``: its own name, its locale (dates, numbers, plural
    rules) and the Telegram language codes whose users get it at first contact."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=r"^[a-z]{2,3}$")
    name: str = Field(min_length=1, max_length=32)
    locale: str = Field(min_length=2)
    telegram: tuple[str, ...] = ()
    # How a day is written, as a CLDR pattern ("EEE d MMM y"); unset, the locale's own.
    day_pattern: str | None = None
    # What the sandbox's demo types in this language: tomorrow, a question, a warning sign
    # and a clinic's broadcast.
    demo: dict[str, str] = Field(default_factory=dict)
    # How patients without the language's keyboard spell it in Latin letters ("zh" is "ж"),
    # read longest spelling first; a message in Latin letters only is read in the language's
    # own letters too.
    latin: dict[str, str] = Field(default_factory=dict)

    def native(self, text: str) -> str:
        """``text`` in the language's own letters, if it is written in Latin letters only
        and the language has a spelling table; else ``text`` as it is."""
        if not self.latin or re.search(r"[^\W\da-z_]", text.lower()):
            return text
        return _spellings(tuple(self.latin.items())).sub(
            lambda found: self.latin[found.group(0)], text.lower()
        )


@cache
def _spellings(table: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    longest_first = sorted((spelling for spelling, _ in table), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, longest_first)))


@cache
def language(code: str, directory: Path = CONTENT_DIR) -> Language:
    """A language's ``language.toml``, without loading its texts."""
    return _language(directory / code)


# A language's files that hold no vetted text: its settings, the patterns triage reads
# warning signs with (``mesobot.domain.triage_cues``) and the things no FAQ entry speaks of
# (``mesobot.services.faq_neighbours``).
NOT_VETTED = frozenset({"language.toml", "triage_cues.toml", "faq_neighbours.toml"})


class _ContentFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    commands: dict[str, str] = Field(default_factory=dict)
    # Commands only a clinic's staff may use (shown in their own chat's menu).
    staff_commands: dict[str, str] = Field(default_factory=dict)
    vetted: dict[str, VettedEntry] = Field(default_factory=dict)
    faq: dict[str, FaqEntry] = Field(default_factory=dict)
    warning: dict[str, WarningSign] = Field(default_factory=dict)
    # Messages about something else: what the FAQ matcher learns to leave unanswered.
    outside: list[str] = Field(default_factory=list)
    # The source register (sources.toml).
    source: dict[str, SourceRecord] = Field(default_factory=dict)

    @field_validator("vetted")
    @classmethod
    def _vetted_placeholders(cls, vetted: dict[str, VettedEntry]) -> dict[str, VettedEntry]:
        for key, entry in vetted.items():
            for _, field, spec, conv in string.Formatter().parse(entry.text):
                if field is not None and (not field.isidentifier() or spec or conv):
                    raise ValueError(f"{key}: placeholder {{{field}}} must be a plain name")
        return vetted

    @field_validator("commands", "staff_commands")
    @classmethod
    def _commands(cls, commands: dict[str, str]) -> dict[str, str]:
        for name, description in commands.items():
            if not (1 <= len(name) <= 32 and set(name) <= _COMMAND_CHARS):
                raise ValueError(f"{name}: a command is 1-32 of a-z, 0-9 and _")
            if not 1 <= len(description) <= 256:
                raise ValueError(f"{name}: a description is 1-256 characters")
        return commands


class _Variables(Visitor):
    """Collects the variable names a Fluent message refers to."""

    def __init__(self, names: set[str]) -> None:
        super().__init__()
        self.names = names

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.names.add(node.id.name)
        self.generic_visit(node)


def _argument(value: object) -> Any:
    # Whole numbers stay numbers, so a translation can choose plural forms by them (and they
    # are shown without grouping: ids and years read as typed); anything else is escaped.
    if isinstance(value, int) and not isinstance(value, bool):
        return fluent_number(value, useGrouping=False)
    return html.escape(str(value))


@dataclass(frozen=True, eq=False)
class Catalogue:
    """One language's texts, rendered."""

    language: Language
    bundle: FluentBundle
    # Every text by key, as written: interface texts (Fluent source) and vetted texts.
    messages: dict[str, str]
    commands: dict[str, str]
    vetted: dict[str, VettedEntry]
    faq: dict[str, FaqEntry]
    warnings: dict[str, WarningSign]
    outside: tuple[str, ...] = ()
    staff_commands: dict[str, str] = dataclasses.field(default_factory=dict)
    sources: dict[str, SourceRecord] = dataclasses.field(default_factory=dict)
    # The variables each interface text refers to.
    placeholders: dict[str, frozenset[str]] = dataclasses.field(default_factory=dict)

    @property
    def code(self) -> str:
        """The language's code: en, ru, es."""
        return self.language.code

    def variables(self, key: str) -> set[str]:
        """The names a text's placeholders take."""
        if key in self.vetted:
            parsed = string.Formatter().parse(self.vetted[key].text)
            return {name for _, name, _, _ in parsed if name}
        return set(self.placeholders[key])

    def text(self, key: str, **params: object) -> str:
        """The text for ``key`` with its placeholders filled in and HTML-escaped."""
        return self._render(key, {name: _argument(value) for name, value in params.items()})

    def answer(self, entry: str, *, doctor: str) -> str:
        """An FAQ answer, ending with the pointer to the doctor (or the clinic)."""
        return self.faq[entry].text.replace(DOCTOR, doctor)

    def compose(self, key: str, **parts: str) -> str:
        """The text for ``key`` filled with parts that are already safe HTML (our own texts)."""
        return self._render(key, dict(parts))

    def _render(self, key: str, params: dict[str, Any]) -> str:
        if key in self.vetted:
            return self.vetted[key].text.format(**params)
        message = self.bundle.get_message(key)
        if message.value is None:
            raise KeyError(key)
        text, errors = self.bundle.format_pattern(message.value, params)
        if errors:
            raise errors[0]
        return str(text)

    # ---- dates and times, in the language's own words ------------------------------------

    def day(self, day: dt.date) -> str:
        """A day as patients read it: Thu, 3 Dec 2026 (or its Russian or Spanish form)"""
        from babel.dates import format_date, format_skeleton  # with the first date shown

        if self.language.day_pattern:
            return format_date(day, self.language.day_pattern, locale=self.language.locale)
        return format_skeleton("yMMMEd", day, locale=self.language.locale)

    def day_month(self, day: dt.date) -> str:
        """A day as staff type it in this language: 15 Dec / 15 дек. / 15 dic."""
        from babel.dates import format_skeleton

        return format_skeleton("MMMd", day, locale=self.language.locale)

    def when(self, moment: dt.datetime, zone: ZoneInfo) -> str:
        """A UTC moment in the patient's local time: Thu, 3 Dec 2026, 10:00."""
        local = moment.astimezone(zone)
        return f"{self.day(local.date())}, {local:%H:%M}"

    def month(self, first: dt.date) -> str:
        """A month and year, as a calendar's heading: December 2026"""
        from babel.dates import format_skeleton

        return format_skeleton("yMMMM", first, locale=self.language.locale)

    def weekdays(self) -> list[str]:
        """Monday to Sunday, as short as the language writes them: Mo, Tu, We…"""
        from babel import Locale

        names = Locale.parse(self.language.locale).days["stand-alone"]["short"]
        return [str(names[day]) for day in range(7)]

    def in_days(self, days: int) -> str:
        """How far away a day is: today, tomorrow, in 5 days."""
        if days == 0:
            return self.text("days_today")
        if days == 1:
            return self.text("days_tomorrow")
        from babel.dates import format_timedelta

        return format_timedelta(
            dt.timedelta(days=days),
            granularity="day",
            threshold=1_000_000,
            add_direction=True,
            locale=self.language.locale,
        )


class Catalogues:
    """Every language's catalogue, and which one a Telegram user gets at first contact.

    The default language is loaded at once; another is loaded (and checked against it) the
    first time it is needed, or all of them by ``load_all`` (the bot does that in a worker
    thread once it is answering, so start-up pays for one language only)."""

    def __init__(self, directory: Path = CONTENT_DIR, default: str = DEFAULT_LANGUAGE) -> None:
        self.default = default
        self._directory = directory
        self._sources = _load_file(directory / "sources.toml").source
        self.languages = {
            folder.name: _language(folder)
            for folder in sorted(directory.iterdir())
            if (folder / "language.toml").is_file()
        }
        if default not in self.languages:
            raise ContentError(f"{directory}: no {default}/language.toml")
        self._loaded: dict[str, Catalogue] = {}
        self._lock = threading.Lock()
        self._load(default)

    def _load(self, code: str) -> Catalogue:
        with self._lock:
            if code not in self._loaded:
                catalogue = _load_language(
                    self._directory / code, self._sources, self.languages[code]
                )
                if code != self.default:
                    _same_keys(catalogue, self._loaded[self.default])
                self._loaded[code] = catalogue
            return self._loaded[code]

    def knows(self, code: str | None) -> bool:
        """Whether ``code`` is one of the languages (a stored or forged code may not be)."""
        return code in self.languages

    def __getitem__(self, code: str | None) -> Catalogue:
        """The catalogue for a stored language code; the default for an unknown one."""
        code = code if code in self.languages else self.default
        assert code is not None
        return self._loaded.get(code) or self._load(code)

    def __iter__(self) -> Iterator[Catalogue]:
        return iter([self[code] for code in self.codes])

    def load_all(self) -> Catalogues:
        """Load (and so check) every language now."""
        for code in self.codes:
            self._load(code)
        return self

    @property
    def codes(self) -> list[str]:
        """The language codes, the default first."""
        return [self.default, *sorted(set(self.languages) - {self.default})]

    def choose(self, telegram_code: str | None) -> str:
        """The language for a Telegram ``language_code`` (``ru``, ``uk``, ``es-MX``…)."""
        base = (telegram_code or "").lower().replace("_", "-").split("-")[0]
        for code, language in self.languages.items():
            if base == code or base in language.telegram:
                return code
        return self.default


# A reply that quotes what someone typed shows at most this much of it, so the reply stays
# within Telegram's limit whatever was typed.
QUOTE_LIMIT = 200


def quote(typed: str, limit: int = QUOTE_LIMIT) -> str:
    """What someone typed, on one line and shortened to ``limit`` characters for quoting."""
    line = " ".join(typed.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _read(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ContentError(f"{_name(path)}: {exc}") from None


def _name(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _load_file(path: Path) -> _ContentFile:
    try:
        return _ContentFile.model_validate(_read(path))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ContentError(f"{_name(path)}: {where}: {first['msg']}") from None


def _load_texts(path: Path) -> tuple[ast.Resource, dict[str, tuple[str, frozenset[str]]]]:
    """A Fluent file, parsed (once: Fluent's parser is slow), and its messages as written
    with the variables each refers to."""
    source = path.read_text(encoding="utf-8")
    resource = FluentParser().parse(source)
    texts: dict[str, tuple[str, frozenset[str]]] = {}
    for entry in resource.body:
        if isinstance(entry, ast.Junk):
            line = source[: entry.span.start].count("\n") + 1 if entry.span else 0
            raise ContentError(f"{_name(path)}: line {line}: not valid Fluent")
        if isinstance(entry, ast.Message):
            if entry.value is None:
                raise ContentError(f"{_name(path)}: {entry.id.name}: text is empty")
            names: set[str] = set()
            _Variables(names).visit(entry.value)
            texts[entry.id.name] = (serialize_pattern(entry.value), frozenset(names))
    return resource, texts


def _language(directory: Path) -> Language:
    try:
        return Language.model_validate(
            {"code": directory.name, **_read(directory / "language.toml")}
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ContentError(f"{directory.name}/language.toml: {first['msg']}") from None


def _load_language(
    directory: Path, sources: dict[str, SourceRecord], language: Language
) -> Catalogue:
    bundle = FluentBundle([language.locale.replace("_", "-")], use_isolating=False)
    texts: dict[str, str] = {}
    placeholders: dict[str, frozenset[str]] = {}
    for path in sorted(directory.glob("*.ftl")):
        resource, interface = _load_texts(path)
        clash = sorted(texts.keys() & interface.keys())
        if clash:
            raise ContentError(f"{_name(path)}: {clash[0]}: defined twice")
        texts.update({key: text for key, (text, _) in interface.items()})
        placeholders.update({key: names for key, (_, names) in interface.items()})
        bundle.add_resource(resource)
    commands: dict[str, str] = {}
    staff_commands: dict[str, str] = {}
    vetted: dict[str, VettedEntry] = {}
    faq: dict[str, FaqEntry] = {}
    warnings: dict[str, WarningSign] = {}
    outside: list[str] = []
    for path in sorted(directory.glob("*.toml")):
        if path.name in NOT_VETTED:
            continue
        part = _load_file(path)
        if part.faq.keys() & faq.keys() or part.warning.keys() & warnings.keys():
            raise ContentError(f"{_name(path)}: an FAQ entry or warning sign is defined twice")
        clash = sorted(texts.keys() & part.vetted.keys())
        if clash:
            raise ContentError(f"{_name(path)}: {clash[0]}: defined twice")
        faq.update(part.faq)
        warnings.update(part.warning)
        outside.extend(part.outside)
        texts.update({key: entry.text for key, entry in part.vetted.items()})
        commands.update(part.commands)
        staff_commands.update(part.staff_commands)
        vetted.update(part.vetted)
    if not commands:
        raise ContentError(f"{directory.name}: no [commands] in any content file")
    citing: dict[str, VettedEntry | WarningSign] = {**vetted, **faq, **warnings}
    for key, entry in citing.items():
        unknown = sorted(set(entry.sources) - sources.keys())
        if unknown:
            raise ContentError(f"{key}: cites {unknown[0]}, which sources.toml does not record")
    return Catalogue(
        language=language,
        bundle=bundle,
        messages=texts,
        commands=commands,
        vetted=vetted,
        faq=faq,
        warnings=warnings,
        outside=tuple(outside),
        staff_commands=staff_commands,
        sources=sources,
        placeholders=placeholders,
    )


def _keys(catalogue: Catalogue) -> dict[str, set[str]]:
    return {
        "text": set(catalogue.messages),
        "command": set(catalogue.commands) | set(catalogue.staff_commands),
        "FAQ entry": set(catalogue.faq),
        "warning sign": set(catalogue.warnings),
    }


def _same_keys(catalogue: Catalogue, reference: Catalogue) -> None:
    """A language has exactly the default language's keys, with the same sources."""
    code, default = catalogue.code, reference.code
    expected = _keys(reference)
    for kind, keys in _keys(catalogue).items():
        missing = sorted(expected[kind] - keys)
        extra = sorted(keys - expected[kind])
        if missing:
            raise ContentError(f"{code}: {kind} {missing[0]} is missing ({default} has it)")
        if extra:
            raise ContentError(f"{code}: {kind} {extra[0]} is not in {default}")
    cited: dict[str, VettedEntry | WarningSign] = {
        **catalogue.vetted,
        **catalogue.faq,
        **catalogue.warnings,
    }
    original: dict[str, VettedEntry | WarningSign] = {
        **reference.vetted,
        **reference.faq,
        **reference.warnings,
    }
    for key, entry in cited.items():
        if sorted(entry.sources) != sorted(original[key].sources):
            raise ContentError(f"{code}: {key} cites other sources than {default}")


def shipped(language: str, name: str) -> Path:
    """Where a language's fitted artefact (``faq_model.npz``, ``triage_model.npz``) ships."""
    return CONTENT_DIR / language / name


def language_codes(directory: Path = CONTENT_DIR) -> list[str]:
    """The languages there are folders for, without loading them (for command-line choices)."""
    return sorted(path.parent.name for path in directory.glob("*/language.toml"))


def load_catalogues(directory: Path = CONTENT_DIR, *, lazy: bool = False) -> Catalogues:
    """Load and validate every language (``lazy``: the default one now, the others when
    first needed); raise ``ContentError`` naming the bad entry."""
    catalogues = Catalogues(directory)
    return catalogues if lazy else catalogues.load_all()


def load_catalogue(directory: Path = CONTENT_DIR, language: str = DEFAULT_LANGUAGE) -> Catalogue:
    """One language's catalogue (the default language's unless told)."""
    return load_catalogues(directory)[language]
