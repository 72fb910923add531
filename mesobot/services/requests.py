"""Patients' requests to their clinic (move a session; warning signs) and the staff's answers."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from mesobot.clock import Clock
from mesobot.domain import plan as rules
from mesobot.domain.text import without_controls
from mesobot.models import (
    UPCOMING,
    Clinic,
    ClinicRequest,
    OutboxMessage,
    Patient,
    PlanStatus,
    RequestKind,
    RequestStatus,
    SessionStatus,
    Setting,
    TreatmentPlan,
    TreatmentSession,
)

from . import closures, outbox, patients
from .clinics import Seat, staff_of
from .course import Course, PlanView


class RequestGone(Exception):
    """A request of another clinic, already settled, or a button that no longer applies."""


@dataclass(frozen=True)
class OpenRequest:
    """A request with what staff need to act on it."""

    request: ClinicRequest
    patient: Patient
    params: dict[str, Any]


def describe(
    patient: Patient,
    view: PlanView | None,
    item: TreatmentSession | None,
    now: dt.datetime,
) -> dict[str, Any]:
    """What a staff message about a patient shows: name, plan, and the session concerned."""
    params: dict[str, Any] = {"name": patient.first_name, "patient_id": patient.id}
    if view is not None:
        plan = view.plan
        upcoming = view.upcoming(now=now)
        params.update(
            setting=str(plan.setting),
            interval=plan.interval_days,
            total=plan.sessions_count,
            timezone=plan.timezone,
            next=upcoming[0].planned_start.isoformat() if upcoming else None,
        )
    if item is not None:
        params.update(number=item.number, start=item.planned_start.isoformat())
    return params


async def _notify_staff(
    session: AsyncSession,
    *,
    clinic_id: int,
    patient: Patient,
    key: str,
    params: dict[str, Any],
    dedupe: str,
    now: dt.datetime,
) -> None:
    assert patient.id is not None
    clinic = await session.get(Clinic, clinic_id)
    # Staff read times in the clinic's time zone, as in /today and the time picker.
    params = {**params, "staff_zone": clinic.timezone if clinic else None}
    outbox.enqueue(
        session,
        [
            OutboxMessage(
                patient_id=patient.id,
                kind="staff_notice",
                content_key=key,
                params=params,
                dedupe_key=f"{dedupe}:{member.telegram_user_id}",
                due_at=now,
                urgent=True,
                recipient_chat_id=member.telegram_user_id,
                created_at=now,
            )
            for member in await staff_of(session, clinic_id)
        ],
    )


async def raise_request(
    session: AsyncSession,
    *,
    patient: Patient,
    kind: RequestKind,
    item: TreatmentSession | None,
    now: dt.datetime,
    detail: str = "",
    signs: str = "",
    key: str | None = None,
) -> ClinicRequest | None:
    """Open a request to the patient's clinic and tell its staff; None without a clinic."""
    if patient.clinic_id is None or patient.id is None:
        return None
    request = ClinicRequest(
        clinic_id=patient.clinic_id,
        patient_id=patient.id,
        session_id=item.id if item else None,
        kind=kind,
        detail=without_controls(detail)[:1000],
        signs=signs[:200],
        created_at=now,
    )
    session.add(request)
    await session.flush()
    view = await patients.active_plan(session, patient_id=patient.id)
    params = describe(patient, view, item, now)
    params.update(request_id=request.id, kind=str(kind), words=detail[:300], signs=signs)
    default = "request_urgent" if kind == RequestKind.URGENT else "request_move"
    await _notify_staff(
        session,
        clinic_id=patient.clinic_id,
        patient=patient,
        key=key or default,
        params=params,
        dedupe=f"rq:{request.id}:{now:%Y%m%dT%H%M%S}",
        now=now,
    )
    return request


class RequestService:
    """Requests from patients and what staff do with them, each in its own transaction."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], *, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    async def ask_to_move(
        self, *, telegram_user_id: int, session_id: int, version: int, key: str = "request_move"
    ) -> tuple[Clinic, int] | None:
        """A clinic patient cannot make a session: the clinic is asked for another time.

        Returns the clinic and the session number; None if the patient has no clinic (they
        move the session themselves). Raises ``RequestGone`` for a stale button.
        """
        async with self._sessions() as session, session.begin():
            found = await self._patient_session(session, telegram_user_id, session_id)
            patient, plan, item = found
            if plan.version != version or item.status not in UPCOMING:
                raise RequestGone
            if patient.clinic_id is None or plan.setting != Setting.CLINIC:
                return None
            clinic = await session.get(Clinic, patient.clinic_id)
            assert clinic is not None
            open_already = (
                await session.exec(
                    select(ClinicRequest)
                    .where(ClinicRequest.session_id == session_id)
                    # Asked already (from another reminder's button): once is enough.
                    .where(
                        col(ClinicRequest.status).in_([RequestStatus.OPEN, RequestStatus.PROPOSED])
                    )
                )
            ).first()
            if open_already is None:
                await raise_request(
                    session,
                    patient=patient,
                    kind=RequestKind.MOVE,
                    item=item,
                    now=self._clock.now(),
                    key=key,
                )
            return clinic, item.number

    async def open_requests(self, seat: Seat) -> list[OpenRequest]:
        """The clinic's requests not yet settled, oldest first."""
        async with self._sessions() as session:
            found = await session.exec(
                select(ClinicRequest, Patient)
                .join(Patient, col(Patient.id) == ClinicRequest.patient_id)
                .where(ClinicRequest.clinic_id == seat.clinic_id)
                .where(col(ClinicRequest.status).in_([RequestStatus.OPEN, RequestStatus.PROPOSED]))
                # A plan the clinic offered waits on the patient, not on the staff.
                .where(col(ClinicRequest.kind) != RequestKind.PLAN)
                .order_by(col(ClinicRequest.created_at), col(ClinicRequest.id))
            )
            result = []
            now = self._clock.now()
            for request, patient in found.all():
                assert patient.id is not None
                view = await patients.active_plan(session, patient_id=patient.id)
                item = await session.get(TreatmentSession, request.session_id or 0)
                params = describe(patient, view, item, now)
                params.update(
                    request_id=request.id,
                    kind=str(request.kind),
                    words=request.detail[:300],
                    signs=request.signs,
                    staff_zone=seat.clinic.timezone,
                )
                result.append(OpenRequest(request, patient, params))
            return result

    async def request(self, seat: Seat, request_id: int) -> OpenRequest:
        """One open request of the clinic's, for proposing a time."""
        for item in await self.open_requests(seat):
            if item.request.id == request_id:
                return item
        raise RequestGone

    async def handled(self, seat: Seat, request_id: int) -> None:
        """Staff have dealt with it."""
        async with self._sessions() as session, session.begin():
            request = await self._own(session, seat, request_id)
            request.status, request.settled_at = RequestStatus.DONE, self._clock.now()
            session.add(request)

    async def propose(self, seat: Seat, request_id: int, start: dt.datetime) -> OpenRequest:
        """Offer the patient a new time for the session; they accept or ask again."""
        now = self._clock.now()
        if start <= now:
            raise RequestGone  # that time has passed
        if start > now + rules.BOOKABLE_AHEAD:
            raise RequestGone  # more than a year away: no button offers it
        async with self._sessions() as session, session.begin():
            request = await self._own(session, seat, request_id)
            item = await session.get(TreatmentSession, request.session_id or 0)
            patient = await session.get(Patient, request.patient_id)
            if request.kind != RequestKind.MOVE or item is None or item.status not in UPCOMING:
                raise RequestGone
            if await closures.closed_on(
                session, clinic_id=seat.clinic_id, day=rules.local_date(start, seat.zone)
            ):
                raise RequestGone  # the clinic closed that day meanwhile
            again = request.status == RequestStatus.PROPOSED and request.proposed_start == start
            assert patient is not None and patient.id is not None
            plan = await session.get(TreatmentPlan, item.plan_id)
            assert plan is not None
            request.status, request.proposed_start = RequestStatus.PROPOSED, start
            session.add(request)
            if again:  # two staff members picked the same time: the patient has it already
                view = await patients.active_plan(session, patient_id=patient.id)
                return OpenRequest(request, patient, describe(patient, view, item, now))
            outbox.enqueue(
                session,
                [
                    OutboxMessage(
                        patient_id=patient.id,
                        session_id=item.id,
                        kind="proposal",
                        content_key="proposal",
                        params={
                            "clinic": seat.clinic.name,
                            "request_id": request.id,
                            "number": item.number,
                            "total": plan.sessions_count,
                            "start": start.isoformat(),
                        },
                        # A time may be offered again after the patient declined it.
                        dedupe_key=f"pp:{request.id}:{start:%Y%m%dT%H%M}:{secrets.token_hex(4)}",
                        due_at=now,
                        created_at=now,
                    )
                ],
            )
            view = await patients.active_plan(session, patient_id=patient.id)
            params = describe(patient, view, item, now)
            return OpenRequest(request, patient, params)

    async def answer(
        self,
        *,
        telegram_user_id: int,
        request_id: int,
        accept: bool,
        proposed: dt.datetime | None = None,
    ) -> PlanView:
        """The patient's answer to a proposal: the session moves, or the clinic is asked again.

        ``proposed`` is the time the answered message showed: a later proposal replaced it.
        """
        async with self._sessions() as session, session.begin():
            request = await session.get(ClinicRequest, request_id)
            if request is None or request.status != RequestStatus.PROPOSED:
                raise RequestGone
            if proposed is not None and request.proposed_start != proposed:
                raise RequestGone
            patient, plan, item = await self._patient_session(
                session, telegram_user_id, request.session_id or 0
            )
            now = self._clock.now()
            start = request.proposed_start
            assert start is not None
            if item.status not in UPCOMING or plan.status != PlanStatus.ACTIVE or start <= now:
                raise RequestGone
            view = await patients.active_plan(session, patient_id=patient.id or 0)
            assert view is not None
            if accept:
                course = Course(session, patient, view.plan, view.sessions)
                course.move(item, start)
                item.status = SessionStatus.CONFIRMED
                request.status, request.settled_at = RequestStatus.DONE, now
                view = await course.save(now)
            else:
                request.status, request.proposed_start = RequestStatus.OPEN, None
            session.add(request)
            params = describe(patient, view, item, now)
            params.update(request_id=request.id, kind=str(request.kind), proposed=start.isoformat())
            # The proposed time: the one accepted, or the one the patient cannot make.
            params["start"] = start.isoformat()
            await _notify_staff(
                session,
                clinic_id=request.clinic_id,
                patient=patient,
                key="proposal_accepted_staff" if accept else "proposal_declined_staff",
                params=params,
                dedupe=f"pa:{request.id}:{start:%Y%m%dT%H%M}:{int(accept)}",
                now=now,
            )
            return view

    async def move_for_staff(self, seat: Seat, patient_id: int) -> int:
        """Staff want to offer a patient of theirs a new time for their next session: the
        request to propose it on (the patient's own open one if they asked already)."""
        async with self._sessions() as session, session.begin():
            _, view = await self._clinic_patient(session, seat, patient_id)
            ahead = view.upcoming(now=self._clock.now())
            if not ahead or view.plan.setting != Setting.CLINIC:
                raise RequestGone
            item = ahead[0]
            found = (
                await session.exec(
                    select(ClinicRequest)
                    .where(ClinicRequest.session_id == item.id)
                    .where(ClinicRequest.kind == RequestKind.MOVE)
                    .where(col(ClinicRequest.status) != RequestStatus.DONE)
                )
            ).first()
            if found is None:
                found = ClinicRequest(
                    clinic_id=seat.clinic_id,
                    patient_id=patient_id,
                    session_id=item.id,
                    kind=RequestKind.MOVE,
                    detail="",
                    created_at=self._clock.now(),
                )
                session.add(found)
                await session.flush()
            assert found.id is not None
            return found.id

    async def offer_plan(self, seat: Seat, patient_id: int, *, interval: int, count: int) -> str:
        """Offer a patient of the clinic's a new spacing and number of sessions; they accept
        or keep their plan. Returns their name. An earlier offer not yet answered is
        replaced; raises ``RequestGone`` when the plan cannot take it."""
        now = self._clock.now()
        async with self._sessions() as session, session.begin():
            patient, view = await self._clinic_patient(session, seat, patient_id)
            course = Course(session, patient, view.plan, list(view.sessions))
            if not course.can_respace(interval=interval, count=count, now=now):
                raise RequestGone
            earlier = await session.exec(
                select(ClinicRequest)
                .where(ClinicRequest.patient_id == patient_id)
                .where(ClinicRequest.kind == RequestKind.PLAN)
                .where(col(ClinicRequest.status) != RequestStatus.DONE)
            )
            for stale in earlier:
                stale.status, stale.settled_at = RequestStatus.DONE, now
                session.add(stale)
            request = ClinicRequest(
                clinic_id=seat.clinic_id,
                patient_id=patient_id,
                kind=RequestKind.PLAN,
                status=RequestStatus.PROPOSED,
                detail="",
                interval_days=interval,
                sessions_count=count,
                created_at=now,
            )
            session.add(request)
            await session.flush()
            outbox.enqueue(
                session,
                [
                    OutboxMessage(
                        patient_id=patient_id,
                        kind="plan_offer",
                        content_key="plan_offer",
                        params={
                            "clinic": seat.clinic.name,
                            "request_id": request.id,
                            "interval": interval,
                            "total": count,
                            "was_interval": view.plan.interval_days,
                            "was_total": view.plan.sessions_count,
                        },
                        dedupe_key=f"po:{request.id}",
                        due_at=now,
                        created_at=now,
                    )
                ],
            )
            return patient.first_name

    async def answer_plan(
        self, *, telegram_user_id: int, request_id: int, accept: bool
    ) -> PlanView | None:
        """The patient's answer to an offered plan: the plan changes (the view returned), or
        stays (None). Raises ``RequestGone`` for an offer replaced, answered or not theirs."""
        now = self._clock.now()
        async with self._sessions() as session, session.begin():
            request = await session.get(ClinicRequest, request_id)
            patient = await patients.find_patient(session, telegram_user_id=telegram_user_id)
            if (
                request is None
                or patient is None
                or patient.id is None
                or request.patient_id != patient.id
                or request.kind != RequestKind.PLAN
            ):
                raise RequestGone
            view = await patients.active_plan(session, patient_id=patient.id)
            if request.status != RequestStatus.PROPOSED or view is None:
                raise RequestGone
            interval, count = request.interval_days or 0, request.sessions_count or 0
            request.status, request.settled_at = RequestStatus.DONE, now
            session.add(request)
            changed = None
            if accept:
                course = Course(session, patient, view.plan, list(view.sessions))
                if not course.respace(interval=interval, count=count, now=now):
                    raise RequestGone
                changed = view = await course.save(now)
            params = describe(patient, view, None, now)
            params.update(request_id=request.id, offered_interval=interval, offered_total=count)
            await _notify_staff(
                session,
                clinic_id=request.clinic_id,
                patient=patient,
                key="plan_accepted_staff" if accept else "plan_declined_staff",
                params=params,
                dedupe=f"pa:plan:{request.id}",
                now=now,
            )
            return changed

    async def _clinic_patient(
        self, session: AsyncSession, seat: Seat, patient_id: int
    ) -> tuple[Patient, PlanView]:
        patient = await session.get(Patient, patient_id)
        if patient is None or patient.clinic_id != seat.clinic_id or patient.id is None:
            raise RequestGone
        view = await patients.active_plan(session, patient_id=patient.id)
        if view is None or view.plan.status != PlanStatus.ACTIVE:
            raise RequestGone
        return patient, view

    @staticmethod
    async def _own(session: AsyncSession, seat: Seat, request_id: int) -> ClinicRequest:
        request = await session.get(ClinicRequest, request_id)
        if (
            request is None
            or request.clinic_id != seat.clinic_id
            or request.status == RequestStatus.DONE
        ):
            raise RequestGone
        return request

    @staticmethod
    async def _patient_session(
        session: AsyncSession, telegram_user_id: int, session_id: int
    ) -> tuple[Patient, TreatmentPlan, TreatmentSession]:
        found = (
            await session.exec(
                select(Patient, TreatmentPlan, TreatmentSession)
                .join(TreatmentPlan, col(TreatmentPlan.patient_id) == Patient.id)
                .join(TreatmentSession, col(TreatmentSession.plan_id) == TreatmentPlan.id)
                .where(TreatmentSession.id == session_id)
                .where(Patient.telegram_user_id == telegram_user_id)
            )
        ).first()
        if found is None:
            raise RequestGone
        return found[0], found[1], found[2]


async def settle_all(session: AsyncSession, *, patient_id: int, now: dt.datetime) -> None:
    """Close the patient's open requests (they left the clinic for another)."""
    found = await session.exec(
        select(ClinicRequest)
        .where(ClinicRequest.patient_id == patient_id)
        .where(col(ClinicRequest.status) != RequestStatus.DONE)
    )
    for request in found:
        request.status, request.settled_at = RequestStatus.DONE, now
        session.add(request)
