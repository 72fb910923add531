"""Database tables (SQLModel). Every datetime is a UTC-aware moment, whatever the backend."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel


class UTCDateTime(sa.TypeDecorator[dt.datetime]):
    """Stores aware datetimes as UTC; always returns them UTC-aware (SQLite keeps no zone)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: sa.Dialect) -> Any:
        """Refuse naive datetimes; store the UTC moment."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store UTC-aware moments only")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: sa.Dialect) -> Any:
        """Return a UTC-aware datetime."""
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _utc_column(nullable: bool = False) -> Any:
    return sa.Column(UTCDateTime(), nullable=nullable)


def _enum_column(enum: type[StrEnum], default: StrEnum | None = None) -> Any:
    # VARCHAR, not a native enum: adding a state later is then no schema change.
    kind = sa.Enum(
        enum,
        native_enum=False,
        create_constraint=False,
        length=16,
        values_callable=lambda members: [member.value for member in members],
    )
    return sa.Column(kind, nullable=False, default=default)


def _patient_fk() -> Any:
    return sa.Column(
        sa.Integer, sa.ForeignKey("patient.id", ondelete="CASCADE"), nullable=False, index=True
    )


class Clinic(SQLModel, table=True):
    """A clinic: its patients join by its invite link, its staff reach them."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=128)
    timezone: str = Field(max_length=64)
    contact: str = Field(max_length=200)
    # The start parameter of the invite link; replacing it revokes the old link.
    invite_code: str = Field(sa_column=sa.Column(sa.String(32), nullable=False, unique=True))
    created_at: dt.datetime = Field(sa_column=_utc_column())
    # The language of patients who join by the clinic's link, and of staff who chose none.
    language: str | None = Field(default=None, max_length=16)
    # When sessions may start: open weekdays and hours, as ``OpeningHours.storage`` writes
    # them ("01234 09:00-19:00"); None takes sessions any day at any time.
    hours: str | None = Field(default=None, max_length=32)


class StaffRole(StrEnum):
    """What a staff member may do: admins also manage the staff list."""

    ADMIN = "admin"
    STAFF = "staff"


class StaffMember(SQLModel, table=True):
    """A Telegram account that works for a clinic (one clinic per account)."""

    __tablename__ = "staff_member"

    id: int | None = Field(default=None, primary_key=True)
    clinic_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("clinic.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    telegram_user_id: int = Field(sa_column=sa.Column(sa.BigInteger, nullable=False, unique=True))
    role: StaffRole = Field(sa_column=_enum_column(StaffRole, StaffRole.STAFF))
    added_at: dt.datetime = Field(sa_column=_utc_column())
    # Chosen with /language; until then, the clinic's language.
    language: str | None = Field(default=None, max_length=16)


class PatientStatus(StrEnum):
    """Whether the bot may write to the patient."""

    ACTIVE = "active"
    INACTIVE = "inactive"


class Patient(SQLModel, table=True):
    """A person who consented to the bot storing their course."""

    id: int | None = Field(default=None, primary_key=True)
    telegram_user_id: int = Field(sa_column=sa.Column(sa.BigInteger, nullable=False, unique=True))
    chat_id: int = Field(sa_column=sa.Column(sa.BigInteger, nullable=False))
    first_name: str = Field(max_length=128)
    language: str | None = Field(default=None, max_length=16)
    timezone: str | None = Field(default=None, max_length=64)
    consent_version: str = Field(max_length=32)
    consented_at: dt.datetime = Field(sa_column=_utc_column())
    status: PatientStatus = Field(
        default=PatientStatus.ACTIVE, sa_column=_enum_column(PatientStatus, PatientStatus.ACTIVE)
    )
    # The clinic whose invite link the patient used, if any.
    clinic_id: int | None = Field(
        default=None,
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("clinic.id", ondelete="SET NULL"), nullable=True, index=True
        ),
    )
    # Reminder preferences, in the patient's local time.
    evening_time: dt.time = Field(default=dt.time(19, 0))
    quiet_start: dt.time = Field(default=dt.time(21, 0))
    quiet_end: dt.time = Field(default=dt.time(8, 0))
    # /reminders: whether the evening-before and the hours-before reminders are sent, and
    # how many hours before.
    evening_on: bool = Field(default=True, sa_column_kwargs={"server_default": sa.true()})
    soon_on: bool = Field(default=True, sa_column_kwargs={"server_default": sa.true()})
    soon_hours: int = Field(default=3, sa_column_kwargs={"server_default": "3"})
    created_at: dt.datetime = Field(sa_column=_utc_column())


class IntakeDraft(SQLModel, table=True):
    """Intake progress, saved answer by answer so a restart loses nothing."""

    __tablename__ = "intake_draft"

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(
        sa_column=sa.Column(
            sa.Integer,
            sa.ForeignKey("patient.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        )
    )
    step: str = Field(max_length=32)
    answers: dict[str, Any] = Field(
        default_factory=dict, sa_column=sa.Column(sa.JSON, nullable=False)
    )
    updated_at: dt.datetime = Field(sa_column=_utc_column())


class ScreeningAnswer(SQLModel, table=True):
    """One contraindication question and the patient's answer (and a doctor's clearance)."""

    __tablename__ = "screening_answer"
    __table_args__ = (sa.UniqueConstraint("patient_id", "question"),)

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(sa_column=_patient_fk())
    question: str = Field(max_length=32)
    answer: bool
    answered_at: dt.datetime = Field(sa_column=_utc_column())
    cleared_at: dt.datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))


class Setting(StrEnum):
    """Where sessions happen."""

    CLINIC = "clinic"
    HOME = "home"


class PlanStatus(StrEnum):
    """The life of a treatment plan."""

    ACTIVE = "active"
    PAUSED = "paused"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class TreatmentPlan(SQLModel, table=True):
    """A course: where, how often, how many sessions, at what local time."""

    __tablename__ = "treatment_plan"

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(sa_column=_patient_fk())
    hair_loss_type: str = Field(max_length=32)
    setting: Setting = Field(sa_column=_enum_column(Setting))
    interval_days: int
    sessions_count: int
    preferred_time: dt.time
    timezone: str = Field(max_length=64)
    status: PlanStatus = Field(
        default=PlanStatus.ACTIVE, sa_column=_enum_column(PlanStatus, PlanStatus.ACTIVE)
    )
    # Bumped on every change, so buttons sent for an older version can be recognised.
    version: int = Field(default=1)
    paused_at: dt.datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    created_at: dt.datetime = Field(sa_column=_utc_column())
    updated_at: dt.datetime = Field(sa_column=_utc_column())


class SessionStatus(StrEnum):
    """The life of one session."""

    PLANNED = "planned"
    CONFIRMED = "confirmed"
    DONE = "done"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"


# Sessions still to happen (not done, skipped or cancelled).
UPCOMING = (SessionStatus.PLANNED, SessionStatus.CONFIRMED)


class TreatmentSession(SQLModel, table=True):
    """One session of a plan, planned at a UTC moment."""

    __tablename__ = "treatment_session"
    __table_args__ = (sa.UniqueConstraint("plan_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(
        sa_column=sa.Column(
            sa.Integer,
            sa.ForeignKey("treatment_plan.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        )
    )
    number: int
    planned_start: dt.datetime = Field(sa_column=_utc_column())
    status: SessionStatus = Field(
        default=SessionStatus.PLANNED, sa_column=_enum_column(SessionStatus, SessionStatus.PLANNED)
    )


class OutboxStatus(StrEnum):
    """The life of a scheduled message."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


class Failure(StrEnum):
    """Why a message was not delivered, in terms the dispatcher and the reports act on."""

    BLOCKED = "blocked"  # the patient blocked the bot, or the chat is gone
    REJECTED = "rejected"  # Telegram refused the message itself, or we could not render it
    GAVE_UP = "gave_up"  # network or server errors, attempt after attempt


class OutboxMessage(SQLModel, table=True):
    """One message the bot will send (or did): rendered from its content key at send time."""

    __tablename__ = "outbox"
    __table_args__ = (sa.Index("ix_outbox_status_due", "status", "due_at"),)

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(sa_column=_patient_fk())
    session_id: int | None = Field(
        default=None,
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("treatment_session.id", ondelete="CASCADE"), nullable=True
        ),
    )
    kind: str = Field(max_length=32)
    content_key: str = Field(max_length=64)
    params: dict[str, Any] = Field(
        default_factory=dict, sa_column=sa.Column(sa.JSON, nullable=False)
    )
    dedupe_key: str = Field(sa_column=sa.Column(sa.String(160), nullable=False, unique=True))
    due_at: dt.datetime = Field(sa_column=_utc_column())
    expires_at: dt.datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    urgent: bool = False
    # The plan version the message was written for: its buttons are stale after a change.
    plan_version: int | None = None
    # Set for messages about the patient that go to someone else (the clinic's staff).
    recipient_chat_id: int | None = Field(
        default=None, sa_column=sa.Column(sa.BigInteger, nullable=True)
    )
    # The clinic broadcast or closure notice this message belongs to.
    broadcast_id: int | None = Field(
        default=None,
        sa_column=sa.Column(
            sa.Integer,
            sa.ForeignKey("broadcast.id", ondelete="CASCADE"),
            nullable=True,
            index=True,
        ),
    )
    status: OutboxStatus = Field(
        default=OutboxStatus.PENDING, sa_column=_enum_column(OutboxStatus, OutboxStatus.PENDING)
    )
    attempts: int = 0
    failure: Failure | None = Field(
        default=None,
        sa_column=sa.Column(
            sa.Enum(
                Failure,
                native_enum=False,
                create_constraint=False,
                length=16,
                values_callable=lambda members: [member.value for member in members],
            ),
            nullable=True,
        ),
    )
    last_error: str | None = Field(default=None, max_length=500)
    claimed_at: dt.datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    sent_at: dt.datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    telegram_message_id: int | None = Field(
        default=None, sa_column=sa.Column(sa.BigInteger, nullable=True)
    )
    created_at: dt.datetime = Field(sa_column=_utc_column())


class CheckinAnswer(SQLModel, table=True):
    """A patient's answer to a question about a session (happened? how do you feel? bruising?)."""

    __tablename__ = "checkin_answer"

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(sa_column=_patient_fk())
    session_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("treatment_session.id", ondelete="CASCADE"), nullable=False
        )
    )
    question: str = Field(max_length=32)
    answer: str = Field(max_length=32)
    answered_at: dt.datetime = Field(sa_column=_utc_column())


class ProgressAnswer(SQLModel, table=True):
    """A monthly check-in: shedding compared with before the course, and how the patient
    rates their hair, each on a scale of 1 to 5, with when they answered."""

    __tablename__ = "progress_answer"

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(sa_column=_patient_fk())
    # 1: much less shedding than before the course ... 3: the same ... 5: much more.
    shedding: int
    # 1: very unhappy with their hair ... 5: very happy.
    rating: int
    answered_at: dt.datetime = Field(sa_column=_utc_column())


class CalendarLink(SQLModel, table=True):
    """A private address that serves a patient's course to their phone's calendar app. Only
    the SHA-256 of its random token is stored; a revoked link answers 404."""

    __tablename__ = "calendar_link"

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(sa_column=_patient_fk())
    token_hash: str = Field(max_length=64, unique=True)
    created_at: dt.datetime = Field(sa_column=_utc_column())
    revoked_at: dt.datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))


class FaqQuestion(SQLModel, table=True):
    """A question answered from the FAQ, and whether the patient found the answer helpful."""

    __tablename__ = "faq_question"

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(sa_column=_patient_fk())
    entry: str = Field(max_length=48)
    helpful: bool | None = None
    asked_at: dt.datetime = Field(sa_column=_utc_column())


class TriageEvent(SQLModel, table=True):
    """A message that showed warning signs, and what the bot saw in it."""

    __tablename__ = "triage_event"

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(sa_column=_patient_fk())
    signs: str = Field(max_length=200)
    text: str = Field(max_length=1000)
    at: dt.datetime = Field(sa_column=_utc_column())


class BroadcastStatus(StrEnum):
    """The life of a broadcast: composed step by step, sent, reported."""

    TEXT = "text"
    AUDIENCE = "audience"
    DAY = "day"
    RANGE = "range"
    READY = "ready"
    SENDING = "sending"
    DONE = "done"
    CANCELLED = "cancelled"


class Broadcast(SQLModel, table=True):
    """A message from a clinic to some of its patients (or a closure's notices), and its report."""

    id: int | None = Field(default=None, primary_key=True)
    clinic_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("clinic.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    kind: str = Field(max_length=16)  # "message" or "closure"
    staff_user_id: int = Field(sa_column=sa.Column(sa.BigInteger, nullable=False))
    text: str = Field(default="", sa_column=sa.Column(sa.Text, nullable=False))
    audience: dict[str, Any] = Field(
        default_factory=dict, sa_column=sa.Column(sa.JSON, nullable=False)
    )
    status: BroadcastStatus = Field(sa_column=_enum_column(BroadcastStatus))
    total: int = 0
    progress_message_id: int | None = Field(
        default=None, sa_column=sa.Column(sa.BigInteger, nullable=True)
    )
    created_at: dt.datetime = Field(sa_column=_utc_column())
    finished_at: dt.datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))


class ClinicClosure(SQLModel, table=True):
    """A day a clinic closed, and the day its sessions moved to."""

    __tablename__ = "clinic_closure"
    __table_args__ = (sa.UniqueConstraint("clinic_id", "day"),)

    id: int | None = Field(default=None, primary_key=True)
    clinic_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("clinic.id", ondelete="CASCADE"), nullable=False
        )
    )
    day: dt.date
    moved_to: dt.date
    staff_user_id: int = Field(sa_column=sa.Column(sa.BigInteger, nullable=False))
    created_at: dt.datetime = Field(sa_column=_utc_column())


class RequestKind(StrEnum):
    """What a request between patient and clinic is about."""

    MOVE = "move"
    URGENT = "urgent"
    # Offered by the clinic: a new spacing or number of sessions, for the patient to accept.
    PLAN = "plan"


class RequestStatus(StrEnum):
    """The life of a request: open, a time proposed, settled."""

    OPEN = "open"
    PROPOSED = "proposed"
    DONE = "done"


class ClinicRequest(SQLModel, table=True):
    """Something a clinic's staff should act on: a session to move, or warning signs."""

    __tablename__ = "clinic_request"

    id: int | None = Field(default=None, primary_key=True)
    clinic_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("clinic.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    patient_id: int = Field(sa_column=_patient_fk())
    session_id: int | None = Field(
        default=None,
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("treatment_session.id", ondelete="CASCADE"), nullable=True
        ),
    )
    kind: RequestKind = Field(sa_column=_enum_column(RequestKind))
    status: RequestStatus = Field(
        default=RequestStatus.OPEN, sa_column=_enum_column(RequestStatus, RequestStatus.OPEN)
    )
    detail: str = Field(default="", max_length=1000)
    # For warning signs: which ones the bot saw (comma-separated).
    signs: str = Field(default="", max_length=200)
    proposed_start: dt.datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    # A change of plan the clinic offers (kind "plan"): the spacing and number of sessions.
    interval_days: int | None = None
    sessions_count: int | None = None
    created_at: dt.datetime = Field(sa_column=_utc_column())
    settled_at: dt.datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))


class WebLink(SQLModel, table=True):
    """A one-time link that signs a staff member in to the web view: only its token's SHA-256
    is stored; it works once, for a few minutes."""

    __tablename__ = "web_link"

    id: int | None = Field(default=None, primary_key=True)
    staff_user_id: int = Field(sa_column=sa.Column(sa.BigInteger, nullable=False, index=True))
    token_hash: str = Field(max_length=64, unique=True)
    created_at: dt.datetime = Field(sa_column=_utc_column())
    expires_at: dt.datetime = Field(sa_column=_utc_column())
    used_at: dt.datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))


class WebSession(SQLModel, table=True):
    """A staff member signed in to the web view in one browser: the cookie's token (its
    SHA-256 stored), the form token that every change must carry, and when it ends."""

    __tablename__ = "web_session"

    id: int | None = Field(default=None, primary_key=True)
    staff_user_id: int = Field(sa_column=sa.Column(sa.BigInteger, nullable=False, index=True))
    # The clinic they signed in for: the session ends if they no longer work there.
    clinic_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("clinic.id", ondelete="CASCADE"), nullable=False
        )
    )
    token_hash: str = Field(max_length=64, unique=True)
    csrf: str = Field(max_length=64)
    created_at: dt.datetime = Field(sa_column=_utc_column())
    expires_at: dt.datetime = Field(sa_column=_utc_column())
    revoked_at: dt.datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))


metadata = SQLModel.metadata


class InboxStatus(StrEnum):
    """The life of an update received from Telegram."""

    PENDING = "pending"
    DONE = "done"


class InboxUpdate(SQLModel, table=True):
    """One update from Telegram, stored before Telegram is told it arrived, handled from here."""

    __tablename__ = "inbox"
    __table_args__ = (sa.Index("ix_inbox_status_update", "status", "update_id"),)

    update_id: int = Field(
        sa_column=sa.Column(sa.BigInteger, primary_key=True, autoincrement=False)
    )
    chat_id: int | None = Field(default=None, sa_column=sa.Column(sa.BigInteger, nullable=True))
    # The update as Telegram sent it (JSON), so it can be handled again after a crash.
    payload: str = Field(sa_column=sa.Column(sa.Text, nullable=False))
    received_at: dt.datetime = Field(sa_column=_utc_column())
    status: InboxStatus = Field(
        default=InboxStatus.PENDING, sa_column=_enum_column(InboxStatus, InboxStatus.PENDING)
    )
    # The instance handling it, and since when: another takes it over once that is stale.
    owner: str | None = Field(default=None, max_length=64)
    claimed_at: dt.datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    attempts: int = 0
    handled_at: dt.datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
