"""``mesobot clinic``: what an operator types, what it prints, and what it stores."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlmodel import col, select

from mesobot.cli import main
from mesobot.clock import SystemClock
from mesobot.db import create_engine, session_maker
from mesobot.models import Clinic, StaffMember
from mesobot.services.clinics import ClinicService

LINK = re.compile(r"^invite link: https://t\.me/(?P<bot>[A-Za-z0-9_]+)\?start=(?P<code>\S+)$")
URL_SAFE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()

    def link(self) -> tuple[str, str]:
        """The bot username and invite code of the (one) invite link printed."""
        found = [m for line in self.lines if (m := LINK.match(line.strip()))]
        assert len(found) == 1, self.out
        return found[0]["bot"], found[0]["code"]


Cli = Callable[..., Result]


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'clinics.db'}"


@pytest.fixture
def cli(db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run ``mesobot ARGS`` in this process, with only the test's settings in the environment."""

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        with monkeypatch.context() as patch:
            for name in list(os.environ):
                if name.startswith("MESOBOT_"):
                    patch.delenv(name)
            patch.setenv("MESOBOT_DATABASE_URL", db_url)
            for name, value in (env or {}).items():
                patch.setenv(name, value)
            capsys.readouterr()
            code = main(list(args))
            captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def migrated(cli: Cli) -> Cli:
    """The CLI on a database brought to the newest revision by ``mesobot migrate``."""
    result = cli("migrate")
    assert result.code == 0, result.err
    return cli


def stored(url: str) -> tuple[list[Clinic], list[StaffMember]]:
    async def read() -> tuple[list[Clinic], list[StaffMember]]:
        engine = create_engine(url)
        try:
            async with session_maker(engine)() as session:
                clinics = await session.exec(select(Clinic).order_by(col(Clinic.id)))
                staff = await session.exec(select(StaffMember).order_by(col(StaffMember.id)))
                return list(clinics), list(staff)
        finally:
            await engine.dispose()

    return asyncio.run(read())


def resolve(url: str, code: str) -> str | None:
    """The name of the clinic ``code`` opens, as the bot's /start looks it up."""

    async def find() -> str | None:
        engine = create_engine(url)
        try:
            clinic = await ClinicService(session_maker(engine), clock=SystemClock()).by_code(code)
            return clinic.name if clinic else None
        finally:
            await engine.dispose()

    return asyncio.run(find())


def one_line_error(result: Result, message: str) -> None:
    assert result.code == 2
    assert result.err == f"mesobot: {message}\n"
    assert result.out == ""


def add(cli: Cli, name: str, admin: int, *, timezone: str = "Europe/London") -> Result:
    return cli(
        "clinic",
        "add",
        name,
        "--timezone",
        timezone,
        "--contact",
        "+44 20 7946 0000",
        "--admin",
        str(admin),
    )


def test_add_prints_the_link_of_the_stored_code_and_list_shows_it(
    migrated: Cli, db_url: str
) -> None:
    added = add(migrated, "Hair Clinic London", 111)
    assert added.code == 0, added.err
    assert added.lines[0] == "clinic 1 created: Hair Clinic London"
    bot, code = added.link()
    assert bot == "mesobot_sandbox_bot"  # no token configured: the sandbox's bot
    clinics, staff = stored(db_url)
    assert [(c.name, c.timezone, c.contact, c.invite_code) for c in clinics] == [
        ("Hair Clinic London", "Europe/London", "+44 20 7946 0000", code)
    ]
    assert [(s.clinic_id, s.telegram_user_id, s.role) for s in staff] == [(1, 111, "admin")]
    assert URL_SAFE.match(code), code
    assert resolve(db_url, code) == "Hair Clinic London"

    listed = migrated("clinic", "list")
    assert listed.code == 0, listed.err
    assert (
        listed.lines[0].split()
        == "1 Hair Clinic London [Europe/London] contact: +44 20 7946 0000".split()
    )
    assert listed.lines[1].split() == "patients: 0 staff: 111 (admin)".split()
    assert listed.link() == (bot, code)


def test_hours_are_set_shown_and_switched_off(migrated: Cli, db_url: str) -> None:
    add(migrated, "Hair Clinic London", 111)
    assert migrated("clinic", "list").lines[2].split() == "hours: any day, any time".split()
    set_ = migrated("clinic", "hours", "1", "Mon-Fri 09:00-19:00")
    assert set_.code == 0, set_.err
    assert set_.lines == ["clinic 1 (Hair Clinic London) takes sessions: Mon–Fri 09:00–19:00"]
    assert stored(db_url)[0][0].hours == "01234 09:00-19:00"
    assert migrated("clinic", "list").lines[2].split() == "hours: Mon–Fri 09:00–19:00".split()
    wrong = migrated("clinic", "hours", "1", "weekdays")
    assert wrong.code == 2
    assert wrong.err.strip() == (
        "mesobot: opening hours not changed: write the days and the hours, e.g. Mon-Fri 09:00-19:00"
    )
    assert stored(db_url)[0][0].hours == "01234 09:00-19:00"
    off = migrated("clinic", "hours", "1", "off")
    assert off.lines == ["clinic 1 (Hair Clinic London) takes sessions: any day, any time"]
    assert stored(db_url)[0][0].hours is None


def test_list_without_clinics_says_how_to_add_one(migrated: Cli) -> None:
    listed = migrated("clinic", "list")
    assert listed.code == 0
    assert listed.out.startswith("no clinics yet: mesobot clinic add NAME")


def test_codes_are_long_url_safe_and_differ_between_clinics(migrated: Cli, db_url: str) -> None:
    codes = [add(migrated, f"Clinic {n}", 100 + n).link()[1] for n in range(5)]
    assert all(URL_SAFE.match(code) for code in codes), codes
    assert len(set(codes)) == 5
    assert [c.invite_code for c in stored(db_url)[0]] == codes
    assert [resolve(db_url, code) for code in codes] == [f"Clinic {n}" for n in range(5)]


def test_rotate_replaces_the_code_and_the_old_link_stops_working(
    migrated: Cli, db_url: str
) -> None:
    add(migrated, "North", 111)
    _, other = add(migrated, "South", 222).link()
    old = stored(db_url)[0][0].invite_code
    rotated = migrated("clinic", "invite", "rotate", "1")
    assert rotated.code == 0, rotated.err
    assert rotated.out.startswith("the old link no longer works; new invite link: https://t.me/")
    new = rotated.out.strip().rsplit("?start=", 1)[1]
    assert new != old and URL_SAFE.match(new)
    assert stored(db_url)[0][0].invite_code == new
    assert resolve(db_url, old) is None
    assert resolve(db_url, new) == "North"
    assert resolve(db_url, other) == "South"  # the other clinic's link is untouched
    listed = migrated("clinic", "list")
    assert f"?start={new}" in listed.out and f"?start={old}" not in listed.out


def test_staff_add_and_remove(migrated: Cli, db_url: str) -> None:
    add(migrated, "North", 111)
    added = migrated("clinic", "staff", "add", "1", "222")
    assert added.code == 0, added.err
    assert added.out == "user 222 is now staff of clinic 1 (North)\n"
    promoted = migrated("clinic", "staff", "add", "1", "333", "--admin")
    assert promoted.out == "user 333 is now admin of clinic 1 (North)\n"
    assert "staff: 111 (admin), 333 (admin), 222 (staff)" in migrated("clinic", "list").out
    removed = migrated("clinic", "staff", "remove", "1", "222")
    assert removed.code == 0, removed.err
    assert removed.out == "user 222 removed from clinic 1 (North)\n"
    assert [(s.telegram_user_id, s.role) for s in stored(db_url)[1]] == [
        (111, "admin"),
        (333, "admin"),
    ]
    # Removing someone who is not on the staff list is an error, not silence.
    one_line_error(
        migrated("clinic", "staff", "remove", "1", "222"), "user 222 is not staff of clinic 1"
    )


def test_the_only_admin_cannot_be_removed(migrated: Cli, db_url: str) -> None:
    add(migrated, "North", 111)
    migrated("clinic", "staff", "add", "1", "222")
    refused = migrated("clinic", "staff", "remove", "1", "111")
    one_line_error(refused, "that is the clinic's only admin: add another admin first")
    assert [s.telegram_user_id for s in stored(db_url)[1]] == [111, 222]
    # Nor demoted to plain staff, which would leave the clinic without an admin.
    demoted = migrated("clinic", "staff", "add", "1", "111")
    one_line_error(demoted, "that is the clinic's only admin: add another admin first")
    assert [(s.telegram_user_id, s.role) for s in stored(db_url)[1]] == [
        (111, "admin"),
        (222, "staff"),
    ]
    migrated("clinic", "staff", "add", "1", "222", "--admin")
    assert migrated("clinic", "staff", "remove", "1", "111").code == 0
    assert [(s.telegram_user_id, s.role) for s in stored(db_url)[1]] == [(222, "admin")]


def test_a_user_works_for_one_clinic_only(migrated: Cli, db_url: str) -> None:
    add(migrated, "North", 111)
    one_line_error(add(migrated, "South", 111), "user 111 already works for clinic 1 (North)")
    assert [c.name for c in stored(db_url)[0]] == ["North"]
    add(migrated, "South", 222)
    refused = migrated("clinic", "staff", "add", "2", "111")
    one_line_error(refused, "user 111 already works for clinic 1 (North); remove them there first")
    assert [(s.clinic_id, s.telegram_user_id) for s in stored(db_url)[1]] == [(1, 111), (2, 222)]


@pytest.mark.parametrize("zone", ["Mars/Olympus", "europe/london", "Europe", "../etc/passwd", ""])
def test_an_unknown_time_zone_is_one_line_and_exit_2(migrated: Cli, db_url: str, zone: str) -> None:
    refused = add(migrated, "North", 111, timezone=zone)
    one_line_error(refused, f"unknown time zone {zone!r} (use a name like Europe/London)")
    assert stored(db_url) == ([], [])


@pytest.mark.parametrize(
    "args",
    [
        ("staff", "add", "7", "222"),
        ("staff", "remove", "7", "111"),
        ("invite", "rotate", "7"),
    ],
)
def test_an_unknown_clinic_id_is_one_line_and_exit_2(
    migrated: Cli, db_url: str, args: tuple[str, ...]
) -> None:
    add(migrated, "North", 111)
    before = stored(db_url)
    one_line_error(migrated("clinic", *args), "there is no clinic 7 (see: mesobot clinic list)")
    assert [(c.id, c.invite_code) for c in stored(db_url)[0]] == [
        (c.id, c.invite_code) for c in before[0]
    ]
    assert len(stored(db_url)[1]) == len(before[1])


@pytest.mark.parametrize(
    "args", [("list",), ("add", "North", "--timezone", "UTC", "--contact", "x", "--admin", "1")]
)
def test_an_unmigrated_database_is_refused(cli: Cli, args: tuple[str, ...]) -> None:
    one_line_error(
        cli("clinic", *args), "the database is not migrated: run `mesobot migrate` first"
    )


def test_bot_username_setting_names_the_bot_in_links(migrated: Cli) -> None:
    env = {"MESOBOT_BOT_USERNAME": "@HairClinicBot"}
    added = migrated(
        "clinic",
        "add",
        "North",
        "--timezone",
        "Europe/London",
        "--contact",
        "x",
        "--admin",
        "111",
        env=env,
    )
    bot, code = added.link()
    assert bot == "HairClinicBot"
    assert migrated("clinic", "list", env=env).link() == ("HairClinicBot", code)
    rotated = migrated("clinic", "invite", "rotate", "1", env=env)
    assert "https://t.me/HairClinicBot?start=" in rotated.out


def test_the_console_command_end_to_end(migrated: Cli, db_url: str, tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("MESOBOT_")}
    environment["MESOBOT_DATABASE_URL"] = db_url

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mesobot", "clinic", *args],
            cwd=tmp_path,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
            stdin=subprocess.DEVNULL,
        )

    created = run(
        "add", "North", "--timezone", "Europe/London", "--contact", "+44 1", "--admin", "111"
    )
    assert created.returncode == 0, created.stderr
    assert created.stderr == ""
    code = created.stdout.strip().rsplit("?start=", 1)[1]
    assert stored(db_url)[0][0].invite_code == code
    refused = run("add", "South", "--timezone", "Europe", "--contact", "x", "--admin", "222")
    assert refused.returncode == 2
    assert refused.stderr == "mesobot: unknown time zone 'Europe' (use a name like Europe/London)\n"
