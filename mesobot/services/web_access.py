"""Signing clinic staff in to the web view: a one-time link from ``/web`` (10 minutes, used
once), then a browser session (12 hours) whose every change carries a form token. Only
SHA-256 hashes of the link's and the session's tokens are stored. A session ends when its
person signs out (every session of theirs ends), when it expires, or when they no longer
work for the clinic they signed in for."""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import hmac
import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from mesobot.clock import Clock
from mesobot.models import WebLink, WebSession

from .clinics import Seat, seat_of

LINK_LIFETIME = dt.timedelta(minutes=10)
SESSION_LIFETIME = dt.timedelta(hours=12)


class LinkRefused(enum.StrEnum):
    """Why a sign-in link does not sign anyone in."""

    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"
    NOT_STAFF = "not_staff"


@dataclass(frozen=True)
class SignedIn:
    """A browser session: the cookie's token (shown once), and the person's seat."""

    token: str
    seat: Seat


@dataclass(frozen=True)
class WebSeat:
    """Who is signed in, for which clinic, and the token their forms must carry."""

    seat: Seat
    csrf: str
    session_id: int

    def checks(self, given: str | None) -> bool:
        """Whether a form carried this session's token."""
        return given is not None and hmac.compare_digest(given.encode(), self.csrf.encode())


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class WebAccessService:
    """Links, sessions and signing out, each in its own transaction."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], *, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    async def link(self, *, telegram_user_id: int) -> str | None:
        """A new one-time sign-in token for a staff member; None for anyone else."""
        now = self._clock.now()
        async with self._sessions() as session, session.begin():
            if await seat_of(session, telegram_user_id) is None:
                return None
            token = secrets.token_urlsafe(32)
            session.add(
                WebLink(
                    staff_user_id=telegram_user_id,
                    token_hash=_hash(token),
                    created_at=now,
                    expires_at=now + LINK_LIFETIME,
                )
            )
            return token

    async def check_link(self, token: str) -> LinkRefused | None:
        """Why the link would not sign in, or None if it would (it is not used up)."""
        async with self._sessions() as session:
            found = await self._link(session, token)
            return found if isinstance(found, LinkRefused) else None

    async def sign_in(self, token: str) -> SignedIn | LinkRefused:
        """Use up the link and open a browser session."""
        now = self._clock.now()
        async with self._sessions() as session, session.begin():
            found = await self._link(session, token)
            if isinstance(found, LinkRefused):
                return found
            link, seat = found
            link.used_at = now
            session.add(link)
            cookie = secrets.token_urlsafe(32)
            session.add(
                WebSession(
                    staff_user_id=link.staff_user_id,
                    clinic_id=seat.clinic_id,
                    token_hash=_hash(cookie),
                    csrf=secrets.token_urlsafe(32),
                    created_at=now,
                    expires_at=now + SESSION_LIFETIME,
                )
            )
            return SignedIn(cookie, seat)

    async def seat(self, token: str | None) -> WebSeat | None:
        """Who a browser's cookie signs in, if anyone still."""
        if not token:
            return None
        now = self._clock.now()
        async with self._sessions() as session:
            found = (
                await session.exec(
                    select(WebSession)
                    .where(WebSession.token_hash == _hash(token))
                    .where(col(WebSession.revoked_at).is_(None))
                )
            ).first()
            if found is None or found.expires_at <= now or found.id is None:
                return None
            seat = await seat_of(session, found.staff_user_id)
            if seat is None or seat.clinic_id != found.clinic_id:
                return None
            return WebSeat(seat, found.csrf, found.id)

    async def sign_out(self, *, telegram_user_id: int) -> int:
        """End every web session of this person; how many were open."""
        now = self._clock.now()
        async with self._sessions() as session, session.begin():
            result = await session.exec(
                sa.update(WebSession)
                .where(col(WebSession.staff_user_id) == telegram_user_id)
                .where(col(WebSession.revoked_at).is_(None))
                .where(col(WebSession.expires_at) > now)
                .values(revoked_at=now)
            )
            return int(result.rowcount or 0)

    async def _link(self, session: AsyncSession, token: str) -> tuple[WebLink, Seat] | LinkRefused:
        link = (
            await session.exec(select(WebLink).where(WebLink.token_hash == _hash(token)))
        ).first()
        if link is None:
            return LinkRefused.UNKNOWN
        if link.used_at is not None:
            return LinkRefused.USED
        if link.expires_at <= self._clock.now():
            return LinkRefused.EXPIRED
        seat = await seat_of(session, link.staff_user_id)
        if seat is None:
            return LinkRefused.NOT_STAFF
        return link, seat
