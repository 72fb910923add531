"""The message catalogue: every patient-facing sentence, by key."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import string
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

CONTENT_DIR = Path(__file__).parent
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
    """A vetted answer to a common question, with how patients tend to ask it."""

    title: str = Field(min_length=1, max_length=48)
    examples: list[str] = Field(min_length=3)

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


class _ContentFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    messages: dict[str, str] = Field(default_factory=dict)
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

    @field_validator("messages")
    @classmethod
    def _placeholders(cls, messages: dict[str, str]) -> dict[str, str]:
        for key, text in messages.items():
            if not text.strip():
                raise ValueError(f"{key}: text is empty")
            for _, field, spec, conv in string.Formatter().parse(text):
                if field is not None and (not field.isidentifier() or spec or conv):
                    raise ValueError(f"{key}: placeholder {{{field}}} must be a plain name")
        return messages

    @field_validator("vetted")
    @classmethod
    def _vetted_placeholders(cls, vetted: dict[str, VettedEntry]) -> dict[str, VettedEntry]:
        cls._placeholders({key: entry.text for key, entry in vetted.items()})
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


@dataclass(frozen=True)
class Catalogue:
    """Rendered access to the vetted texts."""

    messages: dict[str, str]
    commands: dict[str, str]
    vetted: dict[str, VettedEntry]
    faq: dict[str, FaqEntry]
    warnings: dict[str, WarningSign]
    outside: tuple[str, ...] = ()
    staff_commands: dict[str, str] = dataclasses.field(default_factory=dict)
    sources: dict[str, SourceRecord] = dataclasses.field(default_factory=dict)

    def text(self, key: str, **params: object) -> str:
        """The text for ``key`` with its placeholders filled in and HTML-escaped."""
        template = self.messages[key]
        return template.format(**{name: html.escape(str(value)) for name, value in params.items()})

    def answer(self, entry: str, *, doctor: str) -> str:
        """An FAQ answer, ending with the pointer to the doctor (or the clinic)."""
        return self.faq[entry].text.replace(DOCTOR, doctor)

    def compose(self, key: str, **parts: str) -> str:
        """The text for ``key`` filled with parts that are already safe HTML (our own texts)."""
        return self.messages[key].format(**parts)


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
        raise ContentError(f"{path.name}: {exc}") from None


def _load_file(path: Path) -> _ContentFile:
    try:
        return _ContentFile.model_validate(_read(path))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ContentError(f"{path.name}: {where}: {first['msg']}") from None


def load_catalogue(directory: Path = CONTENT_DIR) -> Catalogue:
    """Load and validate every content file; raise ``ContentError`` naming the bad entry."""
    texts: dict[str, str] = {}
    commands: dict[str, str] = {}
    staff_commands: dict[str, str] = {}
    vetted: dict[str, VettedEntry] = {}
    faq: dict[str, FaqEntry] = {}
    warnings: dict[str, WarningSign] = {}
    outside: list[str] = []
    sources: dict[str, SourceRecord] = {}
    for path in sorted(directory.glob("*.toml")):
        part = _load_file(path)
        sources.update(part.source)
        if part.faq.keys() & faq.keys() or part.warning.keys() & warnings.keys():
            raise ContentError(f"{path.name}: an FAQ entry or warning sign is defined twice")
        faq.update(part.faq)
        warnings.update(part.warning)
        outside.extend(part.outside)
        entries = {**part.messages, **{key: entry.text for key, entry in part.vetted.items()}}
        clash = sorted(texts.keys() & entries.keys() | part.messages.keys() & part.vetted.keys())
        if clash:
            raise ContentError(f"{path.name}: {clash[0]}: defined twice")
        texts.update(entries)
        commands.update(part.commands)
        staff_commands.update(part.staff_commands)
        vetted.update(part.vetted)
    if not commands:
        raise ContentError(f"{directory}: no [commands] in any content file")
    citing: dict[str, VettedEntry | WarningSign] = {**vetted, **faq, **warnings}
    for key, entry in citing.items():
        unknown = sorted(set(entry.sources) - sources.keys())
        if unknown:
            raise ContentError(f"{key}: cites {unknown[0]}, which sources.toml does not record")
    return Catalogue(
        messages=texts,
        commands=commands,
        vetted=vetted,
        faq=faq,
        warnings=warnings,
        outside=tuple(outside),
        staff_commands=staff_commands,
        sources=sources,
    )
