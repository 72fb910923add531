"""Clinics and their staff: created by the operator, joined by patients through an invite link."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass, field, replace
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from mesobot.clock import Clock
from mesobot.domain.hours import OpeningHours
from mesobot.models import (
    CheckinAnswer,
    Clinic,
    OutboxMessage,
    OutboxStatus,
    Patient,
    ProgressAnswer,
    StaffMember,
    StaffRole,
    TriageEvent,
)
from mesobot.services.course import PlanView
from mesobot.services.patients import active_plan

# 12 random bytes: 16 URL-safe characters, far beyond guessing, within Telegram's 64.
CODE_BYTES = 12


class ClinicError(Exception):
    """A clinic command that cannot be done, worded for one line."""


@dataclass(frozen=True)
class Seat:
    """A staff member and their clinic."""

    member: StaffMember
    clinic: Clinic

    @property
    def clinic_id(self) -> int:
        """The clinic's id."""
        assert self.clinic.id is not None
        return self.clinic.id

    @property
    def is_admin(self) -> bool:
        """Whether they may manage the staff list."""
        return self.member.role == StaffRole.ADMIN

    @property
    def zone(self) -> ZoneInfo:
        """The clinic's time zone."""
        return ZoneInfo(self.clinic.timezone)


@dataclass(frozen=True)
class ClinicSummary:
    """A clinic with its head counts, for listing."""

    clinic: Clinic
    staff: list[StaffMember]
    patients: int


def new_code() -> str:
    """A fresh, unguessable invite code."""
    return secrets.token_urlsafe(CODE_BYTES)


# How many check-in answers and warning signs a patient's card shows.
CARD_SHOWN = 5


@dataclass(frozen=True)
class ClinicPatient:
    """A clinic's patient, their current plan and their latest progress check-in."""

    patient: Patient
    view: PlanView | None
    progress: ProgressAnswer | None
    # Read for one patient's card only: messages waiting to be sent to them, their latest
    # answers to session check-ins and the warning signs they reported, newest first.
    waiting: list[OutboxMessage] = field(default_factory=list)
    checkins: list[CheckinAnswer] = field(default_factory=list)
    warnings: list[TriageEvent] = field(default_factory=list)


async def _with_plans(session: AsyncSession, found: list[Patient]) -> list[ClinicPatient]:
    """Patients with their current plan and their latest progress check-in."""
    answers = await session.exec(
        select(ProgressAnswer)
        .where(col(ProgressAnswer.patient_id).in_([p.id for p in found]))
        .order_by(col(ProgressAnswer.answered_at))
    )
    latest = {a.patient_id: a for a in answers}  # the last of each wins
    return [
        ClinicPatient(p, await active_plan(session, patient_id=p.id or 0), latest.get(p.id or 0))
        for p in found
    ]


def invite_link(bot_username: str, clinic: Clinic) -> str:
    """The deep link a patient opens to join the clinic."""
    return f"https://t.me/{bot_username}?start={clinic.invite_code}"


async def seat_of(session: AsyncSession, telegram_user_id: int) -> Seat | None:
    """The clinic this Telegram account works for, if any."""
    found = (
        await session.exec(
            select(StaffMember, Clinic)
            .join(Clinic, col(Clinic.id) == StaffMember.clinic_id)
            .where(StaffMember.telegram_user_id == telegram_user_id)
        )
    ).first()
    return Seat(found[0], found[1]) if found else None


_CODE = re.compile(r"[A-Za-z0-9_-]{1,64}")


async def clinic_by_code(session: AsyncSession, code: str) -> Clinic | None:
    """The clinic whose current invite code this is."""
    # Deep-link payloads are 1-64 of A-Z, a-z, 0-9, _ and -; anything else is no code of ours.
    if not _CODE.fullmatch(code):
        return None
    return (await session.exec(select(Clinic).where(Clinic.invite_code == code))).first()


async def staff_of(session: AsyncSession, clinic_id: int) -> list[StaffMember]:
    """Everyone who works for the clinic, admins first."""
    found = await session.exec(
        select(StaffMember)
        .where(StaffMember.clinic_id == clinic_id)
        .order_by(col(StaffMember.role), col(StaffMember.id))
    )
    return list(found)


def _check_zone(timezone: str) -> None:
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # "Europe" is a directory: OSError
        raise ClinicError(
            f"unknown time zone {timezone!r} (use a name like Europe/London)"
        ) from None


class ClinicService:
    """Clinic and staff use cases, each in its own transaction."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], *, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    async def create(
        self, *, name: str, timezone: str, contact: str, admin: int, language: str | None = None
    ) -> Clinic:
        """A new clinic with its first admin."""
        name, contact = name.strip(), contact.strip()
        if not name or len(name) > 128:
            raise ClinicError("the clinic's name must be 1 to 128 characters")
        if len(contact) > 200:
            raise ClinicError("the contact must be at most 200 characters")
        _check_zone(timezone)
        async with self._sessions() as session, session.begin():
            await self._check_free(session, admin)
            now = self._clock.now()
            clinic = Clinic(
                name=name,
                timezone=timezone,
                contact=contact,
                invite_code=new_code(),
                created_at=now,
                language=language,
            )
            session.add(clinic)
            await session.flush()
            assert clinic.id is not None
            session.add(
                StaffMember(
                    clinic_id=clinic.id, telegram_user_id=admin, role=StaffRole.ADMIN, added_at=now
                )
            )
            return clinic

    async def summaries(self) -> list[ClinicSummary]:
        """Every clinic, with its staff and how many patients joined it."""
        async with self._sessions() as session:
            counts = dict(
                (
                    await session.exec(
                        select(Patient.clinic_id, sa.func.count())
                        .where(col(Patient.clinic_id).is_not(None))
                        .group_by(col(Patient.clinic_id))
                    )
                ).all()
            )
            clinics = await session.exec(select(Clinic).order_by(col(Clinic.id)))
            return [
                ClinicSummary(c, await staff_of(session, c.id or 0), counts.get(c.id, 0))
                for c in clinics
            ]

    async def add_staff(self, *, clinic_id: int, telegram_user_id: int, role: StaffRole) -> Clinic:
        """Give a Telegram account a seat at the clinic (or change its role there)."""
        async with self._sessions() as session, session.begin():
            clinic = await self._clinic(session, clinic_id)
            seat = await seat_of(session, telegram_user_id)
            if seat is not None and seat.clinic_id != clinic_id:
                raise ClinicError(
                    f"user {telegram_user_id} already works for clinic {seat.clinic_id} "
                    f"({seat.clinic.name}); remove them there first"
                )
            if seat is not None:
                staff = await staff_of(session, clinic_id)
                admins = [m.id for m in staff if m.role == StaffRole.ADMIN]
                if role != StaffRole.ADMIN and admins == [seat.member.id]:
                    raise ClinicError("that is the clinic's only admin: add another admin first")
                seat.member.role = role
                session.add(seat.member)
                return clinic
            session.add(
                StaffMember(
                    clinic_id=clinic_id,
                    telegram_user_id=telegram_user_id,
                    role=role,
                    added_at=self._clock.now(),
                )
            )
            return clinic

    async def remove_staff(self, *, clinic_id: int, telegram_user_id: int) -> Clinic:
        """Take a seat away; the last admin stays (a clinic always has someone in charge)."""
        async with self._sessions() as session, session.begin():
            clinic = await self._clinic(session, clinic_id)
            staff = await staff_of(session, clinic_id)
            member = next((m for m in staff if m.telegram_user_id == telegram_user_id), None)
            if member is None:
                raise ClinicError(f"user {telegram_user_id} is not staff of clinic {clinic_id}")
            admins = [m for m in staff if m.role == StaffRole.ADMIN]
            if member.role == StaffRole.ADMIN and len(admins) == 1:
                raise ClinicError("that is the clinic's only admin: add another admin first")
            await session.delete(member)
            return clinic

    async def rotate_invite(self, *, clinic_id: int) -> Clinic:
        """A new invite code; the old link stops working at once."""
        async with self._sessions() as session, session.begin():
            clinic = await self._clinic(session, clinic_id)
            clinic.invite_code = new_code()
            session.add(clinic)
            return clinic

    async def set_hours(self, *, clinic_id: int, hours: OpeningHours | None) -> Clinic:
        """The weekdays and hours the clinic takes sessions (None: any day, any time). From
        now on no change of plan lands a session outside them; sessions already booked stay
        where they are."""
        async with self._sessions() as session, session.begin():
            clinic = await self._clinic(session, clinic_id)
            clinic.hours = hours.storage() if hours else None
            session.add(clinic)
            return clinic

    async def seat(self, *, telegram_user_id: int) -> Seat | None:
        """The account's staff seat, if it has one."""
        async with self._sessions() as session:
            return await seat_of(session, telegram_user_id)

    async def by_code(self, code: str) -> Clinic | None:
        """The clinic an invite code belongs to (None for an unknown or revoked code)."""
        async with self._sessions() as session:
            return await clinic_by_code(session, code)

    async def patients(self, seat: Seat) -> list[ClinicPatient]:
        """The clinic's patients, by name, each with their current plan and their latest
        progress check-in (either may be missing)."""
        query = (
            select(Patient)
            .where(Patient.clinic_id == seat.clinic_id)
            .order_by(col(Patient.first_name), col(Patient.id))
        )
        async with self._sessions() as session:
            return await _with_plans(session, list(await session.exec(query)))

    async def patient(self, seat: Seat, patient_id: int) -> ClinicPatient | None:
        """One of the clinic's patients with their plan and latest check-in; None if the
        clinic has no patient of that number."""
        query = select(Patient).where(
            Patient.clinic_id == seat.clinic_id, col(Patient.id) == patient_id
        )
        async with self._sessions() as session:
            found = await _with_plans(session, list(await session.exec(query)))
            if not found:
                return None
            waiting = await session.exec(
                select(OutboxMessage)
                .where(OutboxMessage.patient_id == patient_id)
                .where(OutboxMessage.status == OutboxStatus.PENDING)
                .where(col(OutboxMessage.recipient_chat_id).is_(None))
                .order_by(col(OutboxMessage.due_at))
            )
            checkins = await session.exec(
                select(CheckinAnswer)
                .where(CheckinAnswer.patient_id == patient_id)
                .order_by(col(CheckinAnswer.answered_at).desc())
                .limit(CARD_SHOWN)
            )
            warnings = await session.exec(
                select(TriageEvent)
                .where(TriageEvent.patient_id == patient_id)
                .order_by(col(TriageEvent.at).desc())
                .limit(CARD_SHOWN)
            )
            return replace(
                found[0], waiting=list(waiting), checkins=list(checkins), warnings=list(warnings)
            )

    async def all_staff(self) -> list[StaffMember]:
        """Every clinic's staff."""
        async with self._sessions() as session:
            return list(await session.exec(select(StaffMember).order_by(col(StaffMember.id))))

    async def staff(self, *, clinic_id: int) -> list[StaffMember]:
        """The clinic's staff."""
        async with self._sessions() as session:
            return await staff_of(session, clinic_id)

    async def clinic_of(self, *, telegram_user_id: int) -> Clinic | None:
        """The clinic a patient joined, if any (their doctor pointer names it)."""
        async with self._sessions() as session:
            clinic = (
                await session.exec(
                    select(Clinic)
                    .join(Patient, col(Patient.clinic_id) == Clinic.id)
                    .where(Patient.telegram_user_id == telegram_user_id)
                )
            ).first()
            return clinic

    @staticmethod
    async def _clinic(session: AsyncSession, clinic_id: int) -> Clinic:
        clinic = await session.get(Clinic, clinic_id)
        if clinic is None:
            raise ClinicError(f"there is no clinic {clinic_id} (see: mesobot clinic list)")
        return clinic

    @staticmethod
    async def _check_free(session: AsyncSession, telegram_user_id: int) -> None:
        seat = await seat_of(session, telegram_user_id)
        if seat is not None:
            raise ClinicError(
                f"user {telegram_user_id} already works for clinic {seat.clinic_id} "
                f"({seat.clinic.name})"
            )


def local_today(seat: Seat, now: dt.datetime) -> dt.date:
    """Today in the clinic's time zone."""
    return now.astimezone(seat.zone).date()
