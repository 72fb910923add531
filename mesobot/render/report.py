"""A one-page report for the patient's doctor, from everything stored about them: the plan,
sessions and what became of them, screening answers, check-ins and warning signs reported,
each with its date. HTML, to open in any browser and print."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any
from zoneinfo import ZoneInfo

from mesobot.content import Catalogue

from .format import strip_tags

_PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font:15px/1.4 sans-serif;max-width:46em;margin:2em auto;padding:0 1em}}
table{{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}}
td,th{{border:1px solid #bbb;padding:.3em .5em;text-align:left;vertical-align:top}}
.note{{color:#555}}</style></head><body>
{body}
</body></html>
"""
Stored = dict[str, list[dict[str, Any]]]


class _Page:
    """The report's parts, in the patient's language and time zone."""

    def __init__(self, catalogue: Catalogue, zone: ZoneInfo) -> None:
        self.catalogue = catalogue
        self.zone = zone
        self.parts: list[str] = []

    def words(self, key: str, **params: object) -> str:
        return strip_tags(self.catalogue.text(key, **params))

    def moment(self, value: Any) -> str:
        if not value:
            return "-"
        return self.catalogue.when(dt.datetime.fromisoformat(str(value)), self.zone)

    def add(self, tag: str, text: str) -> None:
        self.parts.append(f"<{tag}>{html.escape(text)}</{tag.split()[0]}>")

    def table(self, headers: list[str], rows: list[list[str]]) -> None:
        if not rows:
            self.add("p", self.words("report_none"))
            return
        head = "".join(f"<th>{html.escape(self.words(h))}</th>" for h in headers)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
            for row in rows
        )
        self.parts.append(f"<table><tr>{head}</tr>{body}</table>")


def sign_titles(catalogue: Catalogue, signs: str) -> str:
    """The warning signs stored with a message, by their titles."""
    titles = [
        catalogue.warnings[s].title if s in catalogue.warnings else s for s in signs.split(",")
    ]
    return "; ".join(titles)


def doctor_report(stored: Stored, catalogue: Catalogue) -> str:
    """The report's HTML."""
    plans = stored.get("treatment_plan", [])
    page = _Page(catalogue, ZoneInfo(plans[-1]["timezone"] if plans else "UTC"))
    patient = stored["patient"][0]
    page.add("h1", page.words("report_title"))
    page.add("p", page.words("report_patient", name=patient["first_name"]))
    page.add("p", page.words("report_consent", when=page.moment(patient["consented_at"])))
    page.add("p class=note", page.words("report_note"))
    sessions = stored.get("treatment_session", [])
    for plan in plans:
        setting = page.words(f"setting_{plan['setting']}")
        interval, count = plan["interval_days"], plan["sessions_count"]
        page.add("h2", page.words("report_plan", setting=setting, interval=interval, count=count))
        own = sorted((s for s in sessions if s["plan_id"] == plan["id"]), key=lambda s: s["number"])
        rows = [
            [str(s["number"]), page.moment(s["planned_start"]), page.words(f"status_{s['status']}")]
            for s in own
        ]
        page.table(["report_number", "report_when", "report_status"], rows)
    page.add("h2", page.words("report_screening"))
    answers = stored.get("screening_answer", [])
    rows = [
        [
            page.words(f"report_screen_{a['question']}"),
            page.words("btn_yes" if a["answer"] else "btn_no"),
            page.moment(a["answered_at"]),
        ]
        for a in answers
    ]
    page.table(["report_question", "report_answer", "report_when"], rows)
    page.add("h2", page.words("report_checkins"))
    numbers = {s["id"]: str(s["number"]) for s in sessions}
    rows = [
        [
            numbers.get(a["session_id"], "-"),
            # The answer as the button the patient pressed read.
            page.words(
                f"btn_{'checkin' if a['question'] == 'checkin' else 'bruise'}_{a['answer']}"
            ),
            page.moment(a["answered_at"]),
        ]
        for a in stored.get("checkin_answer", [])
    ]
    page.table(["report_number", "report_answer", "report_when"], rows)
    page.add("h2", page.words("report_progress"))
    rows = [
        [
            page.moment(a["answered_at"]),
            page.words(f"progress_shed_{a['shedding']}"),
            str(a["rating"]),
        ]
        for a in stored.get("progress_answer", [])
    ]
    page.table(["report_when", "report_shedding", "report_rating"], rows)
    page.add("h2", page.words("report_warnings"))
    rows = [
        [page.moment(e["at"]), sign_titles(catalogue, e["signs"]), e["text"]]
        for e in stored.get("triage_event", [])
    ]
    page.table(["report_when", "report_signs", "report_words"], rows)
    title = html.escape(page.words("report_title"))
    return _PAGE.format(lang=catalogue.code, title=title, body="\n".join(page.parts))
