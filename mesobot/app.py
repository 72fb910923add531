"""Composition root: builds the PTB Application and wires handlers to services."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import inspect
import logging
import signal
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast
from urllib.parse import urlsplit

from sqlmodel import Session
from telegram import BotCommand
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    CallbackContext,
    ContextTypes,
    Defaults,
    ExtBot,
    JobQueue,
)
from telegram.request import HTTPXRequest

import handlers
from mesobot.clock import Clock, SystemClock
from mesobot.config import Settings
from mesobot.content import Catalogue, Catalogues, load_catalogues
from mesobot.content.catalogue import shipped
from mesobot.db import create_engine, is_outage, session_maker
from mesobot.deferred import Deferred
from mesobot.delivery import telegram as telegram_delivery
from mesobot.delivery.dispatcher import Dispatcher, notify_outbox
from mesobot.delivery.inbox import Inbox
from mesobot.delivery.pacing import Pacer, Traffic
from mesobot.metrics import Metrics
from mesobot.receiving import InboxProcessor, MesoBot, Receiver
from mesobot.services import Services, outbox
from mesobot.services.broadcasts import BroadcastService
from mesobot.services.calendars import CalendarService
from mesobot.services.clinics import ClinicService
from mesobot.services.closures import ClosureService
from mesobot.services.intake import IntakeService
from mesobot.services.languages import LanguageService
from mesobot.services.patients import PatientService
from mesobot.services.progress import ProgressService
from mesobot.services.questions import QuestionService
from mesobot.services.reminders import ReminderService
from mesobot.services.requests import RequestService
from mesobot.services.timezones import TimezoneDirectory
from mesobot.services.web_access import WebAccessService

if TYPE_CHECKING:
    from mesobot.services.faq import FaqMatcher

T = TypeVar("T")
log = logging.getLogger(__name__)


class BotData:
    """Application-wide data, set once by ``build_application``."""

    services: Services
    dispatcher: Dispatcher
    alarm: Alarm
    receiver: Receiver
    # Built in a worker thread once the bot is running.
    warm_up: tuple[Deferred[Any], ...]
    # Setting the other languages' command menus, once they are loaded.
    menus: asyncio.Task[None] | None = None


class BotContext(CallbackContext[ExtBot[Traffic], dict[Any, Any], dict[Any, Any], BotData]):
    """The context handlers receive, with typed access to services."""

    @property
    def services(self) -> Services:
        """The application's services."""
        return self.bot_data.services

    @property
    def language(self) -> str:
        """The language this update is answered in (set before any handler runs)."""
        return cast(str, self.__dict__.get("_language") or self.services.catalogues.default)

    @language.setter
    def language(self, code: str) -> None:
        self.__dict__["_language"] = code

    @property
    def catalogue(self) -> Catalogue:
        """The vetted texts, in the language this update is answered in."""
        return self.services.catalogues[self.language]

    async def once(self, key: str, load: Callable[[], T | Awaitable[T]]) -> T:
        """``load()`` the first time ``key`` is asked for while this update is handled (PTB
        builds one context per update, shared by its handler groups); the same after."""
        memo: dict[str, Any] = self.__dict__.setdefault("_once", {})
        if key not in memo:
            value = load()
            memo[key] = await value if inspect.isawaitable(value) else value
        return cast(T, memo[key])


# MesoBot is an ExtBot[Traffic]: a request says whether it is a reply or bulk. The job
# queue's context type is left open: PTB's builder does not carry the custom context into it.
MesoApp = Application[MesoBot, BotContext, dict[Any, Any], dict[Any, Any], BotData, Any]


class MesoApplication(MesoApp):
    """The PTB Application, releasing its database engine however it is shut down."""

    async def start(self) -> None:
        """Start PTB, then the dispatcher's alarm and the inbox's sweeps (the scheduler must
        be running first)."""
        await super().start()
        self.bot_data.alarm.start()
        # The FAQ matcher takes a few tenths of a second to build: not before the bot
        # answers, but straight after (a question asked sooner waits for it).
        for deferred in self.bot_data.warm_up:
            deferred.warm()
        assert self.job_queue is not None
        jobs = self.job_queue
        jobs.run_repeating(_adopt, interval=INBOX_SWEEP, first=INBOX_SWEEP, job_kwargs=LATE_RUNS)
        jobs.run_repeating(_prune, interval=INBOX_PRUNE, first=INBOX_SWEEP, job_kwargs=LATE_RUNS)

    async def stop(self) -> None:
        """Stop receiving, let the batch being sent finish and be recorded, then stop PTB."""
        if self.bot_data.menus is not None:
            self.bot_data.menus.cancel()
            await asyncio.gather(self.bot_data.menus, return_exceptions=True)
        await self.bot_data.receiver.stop()
        await self.bot_data.dispatcher.drain()
        await super().stop()

    async def shutdown(self) -> None:
        """Shut down PTB, then the dispatcher, then close the database connections."""
        await super().shutdown()
        await self.bot_data.alarm.settle()
        await self.bot_data.dispatcher.close()
        await self.bot_data.services.engine.dispose()


# A job the event loop could not start on time (a busy moment) still runs, once, late:
# APScheduler's default skips it when over a second late, and a skipped wake-up would leave
# a due message waiting for the next sweep.
LATE_RUNS: dict[str, Any] = {"misfire_grace_time": None, "coalesce": True}

# How often the inbox is searched for updates another instance left, and pruned.
INBOX_SWEEP = 60.0
INBOX_PRUNE = 3600.0


async def _adopt(context: CallbackContext[Any, Any, Any, BotData]) -> None:
    await context.bot_data.receiver.recover()


async def _prune(context: CallbackContext[Any, Any, Any, BotData]) -> None:
    try:
        await context.bot_data.receiver.inbox.prune()
    except Exception as error:
        if not is_outage(error):
            raise


class Alarm:
    """The dispatcher's alarm clock: one job at the earliest due time, plus a periodic sweep."""

    SWEEP = "outbox-sweep"
    WAKE = "outbox-alarm"
    STANDBY = "outbox-standby"
    # How often an instance that does not send the outbox asks for it: another instance
    # that dies (its lock goes with its connection) is replaced within this.
    STANDBY_SECONDS = 5.0

    def __init__(self, app: MesoApp, *, sweep_seconds: float) -> None:
        self._app = app
        self._sweep_seconds = sweep_seconds
        self._pokes: set[asyncio.Task[None]] = set()
        self._swept_at = time.monotonic()

    @property
    def _jobs(self) -> JobQueue[Any]:
        assert self._app.job_queue is not None
        return self._app.job_queue

    def start(self) -> None:
        """Begin sweeping (the first sweep sends whatever fell due while the bot was down)."""
        self._swept_at = time.monotonic()
        # A zero "first" means "not given" to PTB: the first sweep would wait a whole interval.
        self._jobs.run_repeating(
            self._wake, interval=self._sweep_seconds, first=0.001, name=self.SWEEP,
            job_kwargs=LATE_RUNS,
        )  # fmt: skip
        self._jobs.run_repeating(
            self._stand_by, interval=self.STANDBY_SECONDS, first=self.STANDBY_SECONDS,
            name=self.STANDBY, job_kwargs=LATE_RUNS,
        )  # fmt: skip

    async def _stand_by(self, _: object) -> None:
        if not self._app.bot_data.dispatcher.leading:
            await self._wake(None)

    @property
    def alive(self) -> bool:
        """Whether the sweeps are running: one began within the last three intervals."""
        return self._app.running and time.monotonic() - self._swept_at < 3 * self._sweep_seconds

    async def _wake(self, _: object) -> None:
        self._swept_at = time.monotonic()
        await self._app.bot_data.dispatcher.run_due()
        await self.arm()

    async def arm(self) -> None:
        """Set the one wake-up job for the earliest pending message."""
        due = await self._app.bot_data.dispatcher.next_due()
        for job in self._jobs.get_jobs_by_name(self.WAKE):
            job.schedule_removal()
        if due is not None:
            delay = max(0.0, (due - self._app.bot_data.services.clock.now()).total_seconds())
            self._jobs.run_once(self._wake, when=delay, name=self.WAKE, job_kwargs=LATE_RUNS)

    def poke(self) -> None:
        """Re-arm soon: a transaction has just queued messages, maybe earlier ones."""
        if self._app.running:
            task = asyncio.get_running_loop().create_task(self.arm())
            self._pokes.add(task)
            task.add_done_callback(self._pokes.discard)

    async def settle(self) -> None:
        """Wait for re-arming still under way (at shutdown)."""
        if self._pokes:
            await asyncio.gather(*self._pokes, return_exceptions=True)


def build_application(
    settings: Settings,
    *,
    clock: Clock | None = None,
    catalogues: Catalogues | None = None,
    zones: TimezoneDirectory | None = None,
    matcher: FaqMatcher | None = None,
    rate_limit_retries: int = 5,
    max_rate: float = 30.0,
    chat_rate: float | None = None,
    sweep_seconds: float = 30.0,
    retry: tuple[float, float] = (0.5, 30.0),
) -> MesoApp:
    """Construct the bot, its database engine and content; nothing connects until start."""
    catalogues = catalogues or load_catalogues(lazy=True)
    clock = clock or SystemClock()
    engine = create_engine(settings.database_url)
    alarm: list[Alarm] = []  # filled in below, once the application exists
    inbox = Inbox(engine, clock=clock, owner=settings.instance)

    def before_commit(session: Session) -> None:
        inbox.mark_done_with(session)
        if session.info.get(outbox.CHANGED):
            # Another instance may be the one sending: it hears of the rows on commit.
            notify_outbox(session)

    def after_commit(session: Session) -> None:
        inbox.committed(session, ok=True)
        if session.info.pop(outbox.CHANGED, False) and alarm:
            alarm[0].poke()

    sessions = session_maker(
        engine,
        before_commit=before_commit,
        after_commit=after_commit,
        after_rollback=lambda session: inbox.committed(session, ok=False),
    )
    deferred_zones = Deferred.ready(zones) if zones else Deferred(TimezoneDirectory)
    # One matcher per language with phrasings to learn from (a language without any is
    # answered by the English one: its patients may ask in English, and get offered topics).
    matchers = {
        code: Deferred(functools.partial(_matcher, catalogues, code))
        for code in catalogues.codes
        if shipped(code, "faq_model.npz").exists()
    }
    if matcher is not None:
        matchers["en"] = Deferred.ready(matcher)
    services = Services(
        settings=settings,
        clock=clock,
        catalogues=catalogues,
        engine=engine,
        sessions=sessions,
        zones=deferred_zones,
        intake=IntakeService(sessions, zones=deferred_zones, clock=clock),
        patients=PatientService(sessions),
        reminders=ReminderService(sessions, clock=clock),
        questions=QuestionService(
            sessions,
            clock=clock,
            matchers=matchers,
        ),
        clinics=ClinicService(sessions, clock=clock),
        broadcasts=BroadcastService(sessions, clock=clock),
        closures=ClosureService(sessions, clock=clock),
        requests=RequestService(sessions, clock=clock),
        languages=LanguageService(sessions),
        progress=ProgressService(sessions, clock=clock),
        calendars=CalendarService(sessions, clock=clock),
        web=WebAccessService(sessions, clock=clock),
        metrics=(metrics := Metrics()),
    )
    app: MesoApp = (
        Application.builder()
        .bot(
            MesoBot(
                settings.require_token(),
                clock=clock,
                base_url=f"{settings.api_base_url}/bot",
                base_file_url=f"{settings.api_base_url}/file/bot",
                defaults=Defaults(parse_mode="HTML"),
                # About ``max_rate`` messages a second overall, ``chat_rate`` in one chat
                # (0 switches either off); replies before bulk sends.
                rate_limiter=Pacer(
                    max_rate,
                    chat_rate=settings.chat_rate if chat_rate is None else chat_rate,
                    retries=rate_limit_retries,
                    on_flood=metrics.flood_waits.inc,
                ),
                # The pool sizes PTB's builder would choose.
                request=HTTPXRequest(connection_pool_size=256),
                get_updates_request=HTTPXRequest(connection_pool_size=1),
            )
        )
        .context_types(ContextTypes(context=BotContext, bot_data=BotData))
        .updater(None)  # updates come in through the inbox (mesobot.receiving)
        .concurrent_updates(processor := InboxProcessor())
        .application_class(MesoApplication)
        .post_init(_start)
        .build()
    )
    app.bot_data.services = services
    # English's matcher is built straight after start; another language's when first asked
    # (a moment's wait once), so memory grows only for the languages patients write in.
    app.bot_data.warm_up = (matchers["en"],)
    app.bot_data.dispatcher = Dispatcher(
        engine,
        clock=clock,
        sender=telegram_delivery.sender(app.bot, catalogues),
        after_batch=telegram_delivery.reporter(app.bot, services),
        metrics=metrics,
    )
    app.bot_data.alarm = Alarm(app, sweep_seconds=sweep_seconds)
    app.bot_data.dispatcher.on_notice = app.bot_data.alarm.poke
    app.bot_data.receiver = processor.receiver = Receiver(app, inbox, clock=clock, retry=retry)
    alarm.append(app.bot_data.alarm)
    handlers.register(app)
    return app


def _matcher(catalogues: Catalogues, code: str) -> FaqMatcher:
    # Imported here: the matcher and NumPy load in the worker thread that builds it (and the
    # language's texts, if no one has needed them yet).
    from mesobot.services.faq import build_matcher

    return build_matcher(catalogues[code])


async def _set_menu(app: MesoApp, catalogue: Catalogue) -> None:
    menu = [BotCommand(name, text) for name, text in catalogue.commands.items()]
    catalogues = app.bot_data.services.catalogues
    if catalogue.code == catalogues.default:
        await app.bot.set_my_commands(menu)
        return
    for code in sorted({catalogue.code, *catalogue.language.telegram}):
        await app.bot.set_my_commands(menu, language_code=code)


async def _other_menus(app: MesoApp) -> None:
    catalogues = app.bot_data.services.catalogues
    # After the English matcher: two threads building at once slow the first replies.
    for deferred in app.bot_data.warm_up:
        with contextlib.suppress(Exception):  # its failure is logged where it is built
            await deferred.get()
    await asyncio.to_thread(catalogues.load_all)
    for code in catalogues.codes[1:]:
        try:
            await _set_menu(app, catalogues[code])
        except TelegramError as error:
            log.warning("the %s command menu was not set: %s", code, error)


async def _start(app: MesoApp) -> None:
    # The default language's menu for everyone; each other language's (loaded in a worker
    # thread, not before the first reply) for the Telegram languages it serves.
    catalogues = app.bot_data.services.catalogues
    await _set_menu(app, catalogues[None])
    app.bot_data.menus = asyncio.get_running_loop().create_task(_other_menus(app))
    # Staff see their commands in their own chat's menu as well.
    for member in await app.bot_data.services.clinics.all_staff():
        await handlers.staff.show_menu(app.bot, app.bot_data.services, member.telegram_user_id)


@dataclass(frozen=True)
class Listen:
    """Where the bot's HTTP server (health, metrics and, with a webhook, Telegram's POSTs)
    listens."""

    port: int
    host: str = "127.0.0.1"


@dataclass(frozen=True)
class Webhook:
    """Where the bot's webhook server listens, and what Telegram is told."""

    url: str
    port: int
    secret: str | None = None
    listen: str = "0.0.0.0"


@asynccontextmanager
async def running(
    app: MesoApp,
    *,
    webhook: Webhook | None = None,
    listen: Listen | None = None,
    timeout: int = 10,
) -> AsyncIterator[MesoApp]:
    """Run ``app`` inside the current event loop (polling, or a webhook), with the hooks
    run_polling runs; unhandled updates from the inbox are handled first. The HTTP server
    (``/healthz``, ``/metrics``) runs with a webhook, and when polling with ``listen``."""
    receiver = app.bot_data.receiver
    server = None
    if webhook is not None:
        listen = Listen(webhook.port, webhook.listen)
    if listen is not None:  # bound first: a port in use is a one-line error, not a crash
        # The web server is loaded only when the bot serves HTTP.
        from starlette.applications import Starlette

        from mesobot.http.calendar import calendar_route
        from mesobot.http.health import health_routes
        from mesobot.http.server import AsgiServer
        from mesobot.http.webhook import webhook_route
        from mesobot.web.pages import web_routes

        routes = [*health_routes(app), calendar_route(app), *web_routes(app)]
        if webhook is not None:
            path = urlsplit(webhook.url).path or "/"
            routes.append(webhook_route(receiver, app.bot, path=path, secret=webhook.secret))
        server = AsgiServer(Starlette(routes=routes), host=listen.host, port=listen.port)
    async with app:
        if app.post_init:
            await app.post_init(app)
        await receiver.recover()
        await app.start()
        if server is not None:
            await server.start()
        if webhook is None:
            receiver.start_polling(timeout=timeout)
        else:
            await app.bot.set_webhook(webhook.url, secret_token=webhook.secret)
        try:
            yield app
        finally:
            # Receiving stops first (MesoApplication.stop), then sending: a batch in flight
            # is recorded, nothing new is claimed; what is left waits in the inbox.
            if server is not None:
                await server.stop()
            await app.stop()
            if app.post_stop:
                await app.post_stop(app)
    if app.post_shutdown:
        await app.post_shutdown(app)


def polling(app: MesoApp, *, timeout: int = 10) -> AbstractAsyncContextManager[MesoApp]:
    """Run ``app`` polling inside the current event loop."""
    return running(app, timeout=timeout)


async def serve(
    app: MesoApp, *, webhook: Webhook | None = None, listen: Listen | None = None
) -> None:
    """Run ``app`` until SIGINT or SIGTERM, then stop cleanly."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signal_number, stop.set)
    async with running(app, webhook=webhook, listen=listen):
        await stop.wait()
