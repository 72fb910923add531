"""What clinic staff read, in Telegram and on the web view alike: the sessions booked, the
patient list and a patient's card. Lines in the bot's HTML (bold, code), times in the
clinic's zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from mesobot.content import Catalogue
from mesobot.models import PatientStatus, SessionStatus
from mesobot.services.clinics import ClinicPatient
from mesobot.services.closures import Affected, ClosurePlan, ClosureProblem
from mesobot.services.requests import describe

from .course import session_lines
from .format import strip_tags
from .outbox import plan_line
from .report import sign_titles


def booked_lines(affected: list[Affected], zone: ZoneInfo, catalogue: Catalogue) -> list[str]:
    """One line per session: time, patient, number and whether it is confirmed."""
    text = catalogue.text
    states = {
        SessionStatus.CONFIRMED: text("session_confirmed"),
        SessionStatus.DONE: text("session_done"),
    }
    return [
        text(
            "session_line",
            time=f"{a.session.planned_start.astimezone(zone):%H:%M}",
            name=f"{a.patient.first_name} (#{a.patient.id})",
            number=a.session.number,
            total=a.plan.sessions_count,
            state=states.get(a.session.status, text("session_planned")),
        )
        for a in affected
    ]


# How much of a warning-sign message a card quotes.
WORDS_SHOWN = 160
# A closure's preview lists at most this many sessions (the counts cover them all).
LINES_SHOWN = 30


def closure_preview(catalogue: Catalogue, zone: ZoneInfo, plan: ClosurePlan) -> str:
    """What closing a day would move, and where to."""
    lines = booked_lines(plan.affected[:LINES_SHOWN], zone, catalogue)
    if len(plan.affected) > LINES_SHOWN:
        lines.append(catalogue.text("report_more", count=len(plan.affected) - LINES_SHOWN))
    return catalogue.text(
        "closed_preview",
        day=catalogue.day(plan.day),
        target=catalogue.day(plan.target),
        patients=counted(catalogue, plan.patients, of="patient"),
        sessions=counted(catalogue, len(plan.affected)),
        lines="\n".join(strip_tags(line) for line in lines),
    )


def closure_problem(catalogue: Catalogue, problem: ClosureProblem, clinic: str) -> str:
    """Why a day cannot be closed."""
    key, values = problem.args
    shown = {k: catalogue.day(v) if isinstance(v, dt.date) else v for k, v in values.items()}
    return catalogue.text(key, clinic=clinic, **shown)


def counted(catalogue: Catalogue, count: int, *, of: str = "session") -> str:
    """Counted words: 1 session, 12 sessions (or, ``of="patient"``, 1 patient, 12 patients)."""
    return catalogue.text(f"{of}s_count", count=count)


def patient_lines(
    item: ClinicPatient, catalogue: Catalogue, *, zone: ZoneInfo, now: dt.datetime
) -> list[str]:
    """A patient in the clinic's list: their next session, and their latest check-in."""
    text = catalogue.text
    patient, view = item.patient, item.view
    name = f"{patient.first_name} (#{patient.id})"
    if patient.status != PatientStatus.ACTIVE:
        lines = [text("patient_inactive", name=name)]
    elif view is None:
        lines = [text("patient_no_plan", name=name)]
    else:
        ahead = view.upcoming(now=now)
        lines = [
            text(
                "patient_line",
                name=name,
                number=ahead[0].number if ahead else view.plan.sessions_count,
                total=view.plan.sessions_count,
                when=catalogue.when(ahead[0].planned_start, zone) if ahead else "-",
                status=text(f"plan_state_{view.plan.status}"),
            )
        ]
    return lines + _progress(item, catalogue, zone)


def card_lines(
    item: ClinicPatient, catalogue: Catalogue, *, zone: ZoneInfo, now: dt.datetime
) -> list[str]:
    """A patient's card: who, their plan, every session with its status, the latest
    check-in."""
    text = catalogue.text
    patient, view = item.patient, item.view
    if patient.status != PatientStatus.ACTIVE:
        status = text("card_blocked")
    elif view is None:
        status = text("plan_none")
    else:
        status = text(f"plan_state_{view.plan.status}")
    lines = [text("card_header", name=f"{patient.first_name} (#{patient.id})", status=status)]
    if view is not None:
        plan = plan_line(describe(patient, view, None, now), catalogue)
        lines += [text("card_plan", plan=plan), ""]
        lines += session_lines(view, catalogue, now=now, zone=zone)
    lines += ["", *_waiting(item, catalogue, zone)]
    if item.checkins:
        numbers = {s.id: s.number for s in view.sessions} if view else {}
        lines += ["", catalogue.text("card_checkins")]
        lines += [
            catalogue.text(
                "card_checkin",
                number=numbers.get(a.session_id, "?"),
                answer=catalogue.text(f"btn_{_checkin_kind(a.question)}_{a.answer}"),
                when=catalogue.when(a.answered_at, zone),
            )
            for a in item.checkins
        ]
    if item.warnings:
        lines += ["", catalogue.text("card_warnings")]
        lines += [
            catalogue.text(
                "card_warning",
                when=catalogue.when(e.at, zone),
                signs=sign_titles(catalogue, e.signs),
                words=e.text if len(e.text) <= WORDS_SHOWN else e.text[:WORDS_SHOWN] + "…",
            )
            for e in item.warnings
        ]
    progress = _progress(item, catalogue, zone)
    return lines + (["", *progress] if progress else [])


def _waiting(item: ClinicPatient, catalogue: Catalogue, zone: ZoneInfo) -> list[str]:
    if not item.waiting:
        return [catalogue.text("card_no_waiting")]
    first = item.waiting[0].due_at
    return [
        catalogue.text("card_waiting", count=len(item.waiting), when=catalogue.when(first, zone))
    ]


def _checkin_kind(question: str) -> str:
    # The answer as the button the patient pressed read (as in the doctor's report).
    return "checkin" if question == "checkin" else "bruise"


def _progress(item: ClinicPatient, catalogue: Catalogue, zone: ZoneInfo) -> list[str]:
    if item.progress is None:
        return []
    answered = item.progress.answered_at.astimezone(zone).date()
    return [
        catalogue.text(
            "patient_progress",
            date=catalogue.day(answered),
            shedding=catalogue.text(f"progress_shed_{item.progress.shedding}"),
            rating=item.progress.rating,
        )
    ]
