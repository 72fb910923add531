"""The course: the one home of shifting sessions and of saving a changed plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from mesobot.db import create_engine, session_maker
from mesobot.domain import plan as rules
from mesobot.models import (
    OutboxMessage,
    OutboxStatus,
    Patient,
    SessionStatus,
    Setting,
    TreatmentPlan,
    TreatmentSession,
)
from mesobot.services import outbox
from mesobot.services.course import Course

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
async def session(migrated_url: str) -> AsyncIterator[AsyncSession]:
    engine = create_engine(migrated_url)
    try:
        async with session_maker(engine)() as session:
            yield session
    finally:
        await engine.dispose()


async def weekly_course(session: AsyncSession) -> Course:
    """Four weekly sessions at 10:00 London from 8 March 2027 (across the clocks going
    forward on 28 March); the third at 15:30, a time the clinic proposed."""
    patient = Patient(
        telegram_user_id=7, chat_id=7, first_name="Ada", consent_version="1", consented_at=NOW,
        created_at=NOW,
    )  # fmt: skip
    session.add(patient)
    await session.flush()
    assert patient.id is not None
    plan = TreatmentPlan(
        patient_id=patient.id, hair_loss_type="androgenetic", setting=Setting.CLINIC,
        interval_days=7, sessions_count=4, preferred_time=dt.time(10), timezone="Europe/London",
        created_at=NOW, updated_at=NOW,
    )  # fmt: skip
    session.add(plan)
    await session.flush()
    assert plan.id is not None
    starts = rules.session_starts(
        first_day=dt.date(2027, 3, 8), at=dt.time(10), interval_days=7, sessions=4, tz=LONDON
    )
    starts[2] = rules.to_utc(dt.date(2027, 3, 22), dt.time(15, 30), LONDON)
    session.add_all(
        TreatmentSession(plan_id=plan.id, number=n, planned_start=start)
        for n, start in enumerate(starts, start=1)
    )
    await session.flush()
    return await Course.load(session, patient=patient, plan=plan)


def local(course: Course) -> list[str]:
    return [f"{s.planned_start.astimezone(LONDON):%d %b %H:%M}" for s in course.sessions]


async def test_moving_a_session_moves_the_later_ones_each_keeping_its_time(
    session: AsyncSession,
) -> None:
    course = await weekly_course(session)
    course.sessions[0].status = SessionStatus.DONE
    course.move(course.sessions[1], rules.to_utc(dt.date(2027, 3, 18), dt.time(9), LONDON))
    # Session 2 at the new time; 3 and 4 three days later, each at its own hour, in BST.
    assert local(course) == ["08 Mar 10:00", "18 Mar 09:00", "25 Mar 15:30", "01 Apr 10:00"]


async def test_shifting_leaves_settled_and_earlier_sessions_alone(session: AsyncSession) -> None:
    course = await weekly_course(session)
    course.sessions[2].status = SessionStatus.SKIPPED
    moved = course.shift_from(2, days=-1)
    assert [s.number for s in moved] == [2, 4]
    assert local(course) == ["08 Mar 10:00", "14 Mar 10:00", "22 Mar 15:30", "28 Mar 10:00"]


async def test_saving_bumps_the_version_and_rewrites_the_outbox(session: AsyncSession) -> None:
    course = await weekly_course(session)
    await course.follow(NOW)  # the outbox as a new plan has it; the version stays
    assert course.plan.version == 1
    before = await pending(session)
    course.shift_from(1, days=2)
    view = await course.save(NOW)
    assert view.plan.version == course.plan.version == 2
    after = await pending(session)
    # Every reminder follows the sessions: none of the old times is still pending.
    assert before and after and not set(before) & set(after)
    assert session.info.get(outbox.CHANGED) is True


async def pending(session: AsyncSession) -> list[str]:
    rows = await session.exec(
        select(OutboxMessage).where(col(OutboxMessage.status) == OutboxStatus.PENDING)
    )
    return [row.dedupe_key for row in rows]
