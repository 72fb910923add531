"""Services: the use cases. They own transactions and never import telegram."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from mesobot.clock import Clock
from mesobot.config import Settings
from mesobot.content import Catalogues
from mesobot.deferred import Deferred
from mesobot.metrics import Metrics
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


@dataclass(frozen=True)
class Services:
    """What handlers may use: settings, the clock, content and the database."""

    settings: Settings
    clock: Clock
    catalogues: Catalogues
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    zones: Deferred[TimezoneDirectory]
    intake: IntakeService
    patients: PatientService
    reminders: ReminderService
    questions: QuestionService
    clinics: ClinicService
    broadcasts: BroadcastService
    closures: ClosureService
    requests: RequestService
    languages: LanguageService
    progress: ProgressService
    calendars: CalendarService
    web: WebAccessService
    metrics: Metrics = field(default_factory=Metrics)
    # What each broadcast's progress message shows now, by broadcast id: an edit that would
    # change nothing is not sent (Telegram refuses it).
    shown_reports: dict[int, str] = field(default_factory=dict)
