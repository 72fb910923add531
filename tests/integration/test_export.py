"""/export: everything stored about a patient as JSON, and a report for their doctor; and
/delete leaving nothing of theirs behind. Checked table by table against the database."""

from __future__ import annotations

import json

import sqlalchemy as sa
from sqlmodel import SQLModel, select

from mesobot.app import MesoApp
from mesobot.models import Patient
from mesobot.sandbox import Phone, Sandbox
from tests.conftest import BotFactory

from .patient_steps import all_handled, say, tap, with_plan

# Tables that hold nothing about any one patient.
NOT_A_PATIENTS = {
    "clinic",
    "staff_member",
    "broadcast",
    "clinic_closure",
    "web_link",
    "web_session",
}


async def rows_of(app: MesoApp, patient: Patient) -> dict[str, int]:
    """How many rows each table holds about ``patient``, read from the database directly."""
    counts: dict[str, int] = {}
    async with app.bot_data.services.engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            if table.name in NOT_A_PATIENTS:
                continue
            if "patient_id" in table.c:
                where = table.c.patient_id == patient.id
            elif table.name == "patient":
                where = table.c.id == patient.id
            elif table.name == "treatment_session":
                plans = sa.text("SELECT id FROM treatment_plan WHERE patient_id = :p")
                where = table.c.plan_id.in_(plans.bindparams(p=patient.id))
            else:
                assert table.name == "inbox", f"{table.name}: whose rows are these?"
                where = table.c.chat_id == patient.chat_id
            query = sa.select(sa.func.count()).select_from(table).where(where)
            counts[table.name] = (await connection.execute(query)).scalar_one()
    return counts


async def patient_of(app: MesoApp, phone: Phone) -> Patient:
    async with app.bot_data.services.sessions() as session:
        query = select(Patient).where(Patient.telegram_user_id == phone.user_id)
        return (await session.exec(query)).one()


async def test_export_holds_every_row_about_the_patient_and_no_one_elses(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        ann, bob = sandbox.phone("Ann"), sandbox.phone("Bob")
        await with_plan(ann, day="3 Dec", at="10:00")
        await with_plan(bob, day="4 Dec", at="11:00")
        await say(ann, "the injection spot is oozing pus and I feel feverish")
        await say(bob, "my scalp is bleeding and it won't stop")
        await all_handled(ann)
        data = await say(ann, "/export")
        report = await ann.next_message()
        first, second = await patient_of(app, ann), await patient_of(app, bob)
        counts = await rows_of(app, first)
        assert data.document is not None and report.document is not None
        exported = json.loads(data.document.content)
        # Every table, and exactly the rows the database has about Ann.
        assert set(exported) == set(counts)
        assert {name: len(rows) for name, rows in exported.items()} == counts
        assert counts["treatment_session"] == 10 and counts["triage_event"] == 1
        assert exported["patient"][0]["consent_version"] and exported["patient"][0]["consented_at"]
        assert {r["answer"] for r in exported["screening_answer"]} == {False}
        for name, rows in exported.items():
            for row in rows:
                assert row.get("patient_id", first.id) == first.id, name
                assert row.get("chat_id", ann.chat.id) == ann.chat.id, name
        assert second.id not in {r["id"] for r in exported["patient"]}
        # The doctor's report: her sessions, her warning sign in her words, nothing of Bob's.
        page = report.document.content.decode()
        assert report.document.file_name == "mesobot-report.html"
        assert "Thu 3 Dec 2026, 10:00" in page and "Planned" not in page
        assert "Pus, discharge or a hot, hard lump" in page
        assert "the injection spot is oozing pus and I feel feverish" in page
        assert "Bob" not in page and "bleeding" not in page
        assert "doctor" in (report.text or "")


async def test_delete_leaves_no_row_about_the_patient_and_every_row_of_others(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        ann, bob = sandbox.phone("Ann"), sandbox.phone("Bob")
        await with_plan(ann, day="3 Dec", at="10:00")
        await with_plan(bob, day="4 Dec", at="11:00")
        await say(ann, "the injection spot is oozing pus and I feel feverish")
        first, second = await patient_of(app, ann), await patient_of(app, bob)
        bobs = await rows_of(app, second)
        assert (await rows_of(app, first))["triage_event"] == 1
        await say(ann, "/delete")
        erased = await tap(ann, "Yes, erase everything")
        assert (erased.text or "").startswith("Done: everything I stored about you")
        assert set((await rows_of(app, first)).values()) == {0}
        assert await rows_of(app, second) == bobs
        gone = await say(ann, "/export")
    assert gone.document is None
