"""``mesobot clinic``: create clinics, manage their staff, print and rotate invite links."""

from __future__ import annotations

import argparse
from typing import Any

from telegram import Bot
from telegram.error import TelegramError

from mesobot.clock import SystemClock
from mesobot.config import Settings, SettingsError
from mesobot.content.catalogue import language_codes
from mesobot.domain.hours import ENGLISH_DAYS, HoursProblem, OpeningHours, parse_hours
from mesobot.models import Clinic, StaffRole
from mesobot.services.clinics import ClinicError, ClinicService, invite_link

ENGLISH_NAMES = tuple(day[:3].title() for day in ENGLISH_DAYS)
# The sandbox's bot, for links printed when no token is configured.
SANDBOX_USERNAME = "mesobot_sandbox_bot"


def add_parser(commands: Any) -> None:
    """The ``clinic`` command and its subcommands."""
    clinic = commands.add_parser("clinic", help="create clinics, manage staff and invite links")
    verbs = clinic.add_subparsers(dest="clinic_command", required=True, metavar="ACTION")
    add = verbs.add_parser("add", help="create a clinic and print its invite link")
    add.add_argument("name")
    add.add_argument("--timezone", required=True, help="IANA name, e.g. Europe/London")
    add.add_argument("--contact", required=True, help="phone or address patients should use")
    add.add_argument("--admin", required=True, type=int, help="the admin's Telegram user id")
    add.add_argument(
        "--language",
        choices=language_codes(),
        help="the language of patients who join by its link, and of staff who choose none",
    )
    verbs.add_parser("list", help="list clinics, their staff and invite links")
    staff = verbs.add_parser("staff", help="add or remove a staff member")
    staff_verbs = staff.add_subparsers(dest="staff_command", required=True, metavar="ACTION")
    for verb in ("add", "remove"):
        sub = staff_verbs.add_parser(verb, help=f"{verb} a staff member")
        sub.add_argument("clinic_id", type=int)
        sub.add_argument("user_id", type=int, help="their Telegram user id")
        if verb == "add":
            sub.add_argument("--admin", action="store_true", help="may also manage staff")
    hours = verbs.add_parser(
        "hours", help="set the weekdays and hours the clinic takes sessions, or switch them off"
    )
    hours.add_argument("clinic_id", type=int)
    hours.add_argument("hours", help='e.g. "Mon-Fri 09:00-19:00", or "off" for any day and time')
    invite = verbs.add_parser("invite", help="manage the invite link")
    invite_verbs = invite.add_subparsers(dest="invite_command", required=True, metavar="ACTION")
    rotate = invite_verbs.add_parser("rotate", help="revoke the link and print a new one")
    rotate.add_argument("clinic_id", type=int)


async def run(args: argparse.Namespace, settings: Settings) -> int:
    """Do one clinic command against the configured database."""
    from mesobot.checks import check_migrated
    from mesobot.db import create_engine, session_maker

    await check_migrated(settings.database_url)
    engine = create_engine(settings.database_url)
    service = ClinicService(session_maker(engine), clock=SystemClock())
    try:
        return await _dispatch(args, settings, service)
    except ClinicError as exc:
        raise SettingsError(str(exc)) from None
    finally:
        await engine.dispose()


async def _dispatch(args: argparse.Namespace, settings: Settings, service: ClinicService) -> int:
    verb = args.clinic_command
    if verb == "add":
        clinic = await service.create(
            name=args.name,
            timezone=args.timezone,
            contact=args.contact,
            admin=args.admin,
            language=args.language,
        )
        print(f"clinic {clinic.id} created: {clinic.name}")
        print(f"invite link: {await _link(settings, clinic)}")
    elif verb == "list":
        summaries = await service.summaries()
        if not summaries:
            print("no clinics yet: mesobot clinic add NAME --timezone ... --contact ... --admin ID")
        for item in summaries:
            c = item.clinic
            staff = ", ".join(f"{m.telegram_user_id} ({m.role})" for m in item.staff) or "none"
            print(f"{c.id}  {c.name}  [{c.timezone}]  contact: {c.contact}")
            print(f"    patients: {item.patients}  staff: {staff}")
            print(f"    hours: {_hours(OpeningHours.stored(c.hours))}")
            print(f"    invite link: {await _link(settings, c)}")
    elif verb == "staff" and args.staff_command == "add":
        role = StaffRole.ADMIN if args.admin else StaffRole.STAFF
        clinic = await service.add_staff(
            clinic_id=args.clinic_id, telegram_user_id=args.user_id, role=role
        )
        print(f"user {args.user_id} is now {role} of clinic {clinic.id} ({clinic.name})")
    elif verb == "staff":
        clinic = await service.remove_staff(clinic_id=args.clinic_id, telegram_user_id=args.user_id)
        print(f"user {args.user_id} removed from clinic {clinic.id} ({clinic.name})")
    elif verb == "hours":
        off = args.hours.strip().lower() == "off"
        try:
            hours = None if off else parse_hours(args.hours)
        except HoursProblem as exc:
            raise SettingsError(f"opening hours not changed: {exc}") from None
        clinic = await service.set_hours(clinic_id=args.clinic_id, hours=hours)
        print(f"clinic {clinic.id} ({clinic.name}) takes sessions: {_hours(hours)}")
    else:
        clinic = await service.rotate_invite(clinic_id=args.clinic_id)
        print(f"the old link no longer works; new invite link: {await _link(settings, clinic)}")
    return 0


def _hours(hours: OpeningHours | None) -> str:
    return hours.describe(ENGLISH_NAMES) if hours else "any day, any time"


async def _link(settings: Settings, clinic: Clinic) -> str:
    return invite_link(await _username(settings), clinic)


_known: dict[str, str] = {}


async def _username(settings: Settings) -> str:
    if settings.bot_username:
        return settings.bot_username.lstrip("@")
    if settings.token is None:
        return SANDBOX_USERNAME
    token = settings.require_token()
    if token not in _known:
        try:
            async with Bot(token, base_url=f"{settings.api_base_url}/bot") as bot:
                _known[token] = bot.username
        except TelegramError as exc:
            raise SettingsError(
                f"cannot ask Telegram for the bot's username ({exc}): set MESOBOT_BOT_USERNAME"
            ) from None
    return _known[token]
