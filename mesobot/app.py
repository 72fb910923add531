"""Composition root: builds the PTB Application and wires handlers to services."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from telegram import BotCommand
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackContext,
    ContextTypes,
    Defaults,
    ExtBot,
)

import handlers
from mesobot.clock import Clock, SystemClock
from mesobot.config import Settings
from mesobot.content import Catalogue, load_catalogue
from mesobot.db import create_engine, session_maker
from mesobot.services import Services
from mesobot.services.intake import IntakeService
from mesobot.services.patients import PatientService
from mesobot.services.timezones import TimezoneDirectory


class BotData:
    """Application-wide data: the services, set once by ``build_application``."""

    services: Services


class BotContext(CallbackContext[ExtBot[int], dict[Any, Any], dict[Any, Any], BotData]):
    """The context handlers receive, with typed access to services."""

    @property
    def services(self) -> Services:
        """The application's services."""
        return self.bot_data.services

    @property
    def catalogue(self) -> Catalogue:
        """The vetted texts."""
        return self.bot_data.services.catalogue


# ExtBot[int]: the rate limiter's per-call argument is a retry count. The job queue's
# context type is left open: PTB's builder does not carry the custom context into it.
MesoApp = Application[ExtBot[int], BotContext, dict[Any, Any], dict[Any, Any], BotData, Any]


class MesoApplication(MesoApp):
    """The PTB Application, releasing its database engine however it is shut down."""

    async def shutdown(self) -> None:
        """Shut down PTB, then close the database connections."""
        await super().shutdown()
        await self.bot_data.services.engine.dispose()


def build_application(
    settings: Settings,
    *,
    clock: Clock | None = None,
    catalogue: Catalogue | None = None,
    zones: TimezoneDirectory | None = None,
    rate_limit_retries: int = 5,
) -> MesoApp:
    """Construct the bot, its database engine and content; nothing connects until start."""
    catalogue = catalogue or load_catalogue()
    clock = clock or SystemClock()
    engine = create_engine(settings.database_url)
    sessions = session_maker(engine)
    zones = zones or TimezoneDirectory()
    services = Services(
        settings=settings,
        clock=clock,
        catalogue=catalogue,
        engine=engine,
        sessions=sessions,
        zones=zones,
        intake=IntakeService(sessions, zones=zones, clock=clock),
        patients=PatientService(sessions),
    )
    app: MesoApp = (
        Application.builder()
        .token(settings.require_token())
        .base_url(f"{settings.api_base_url}/bot")
        .base_file_url(f"{settings.api_base_url}/file/bot")
        .context_types(ContextTypes(context=BotContext, bot_data=BotData))
        .defaults(Defaults(parse_mode="HTML"))
        .rate_limiter(AIORateLimiter(max_retries=rate_limit_retries))
        .application_class(MesoApplication)
        .post_init(_register_commands)
        .build()
    )
    app.bot_data.services = services
    handlers.register(app)
    return app


async def _register_commands(app: MesoApp) -> None:
    commands = app.bot_data.services.catalogue.commands
    await app.bot.set_my_commands([BotCommand(name, text) for name, text in commands.items()])


@asynccontextmanager
async def polling(app: MesoApp, *, timeout: int = 10) -> AsyncIterator[MesoApp]:
    """Run ``app`` polling inside the current event loop, with the hooks run_polling runs."""
    async with app:
        if app.post_init:
            await app.post_init(app)
        assert app.updater is not None
        await app.updater.start_polling(timeout=timeout)
        await app.start()
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()
            if app.post_stop:
                await app.post_stop(app)
    if app.post_shutdown:
        await app.post_shutdown(app)
