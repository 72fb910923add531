"""How a clinic broadcast reads while it is sent, and its delivery report."""

from __future__ import annotations

import datetime as dt
import html

from mesobot.content import Catalogue
from mesobot.models import Broadcast
from mesobot.services.broadcasts import MAX_MESSAGE_LENGTH, Audience, Progress

from .format import strip_tags


def room(catalogue: Catalogue, clinic: str) -> int:
    """How long a broadcast's text may be once the clinic's heading is added (as Telegram
    counts)."""
    empty = catalogue.text("broadcast_message", clinic=clinic, text="")
    return MAX_MESSAGE_LENGTH - len(html.unescape(strip_tags(empty)))


def audience_words(catalogue: Catalogue, audience: Audience) -> str:
    """A broadcast's audience in words."""
    text = catalogue.text
    if audience.kind == "all" or audience.first is None or audience.last is None:
        return text("audience_all")
    if audience.kind == "day":
        return text("audience_day", day=catalogue.day(audience.first))
    first, last = catalogue.day(audience.first), catalogue.day(audience.last)
    return text("audience_range", first=first, last=last)


def title(catalogue: Catalogue, broadcast: Broadcast) -> str:
    """ "Broadcast #12", or "Closure notices for Mon 14 Dec 2026"."""
    if broadcast.kind == "closure":
        day = dt.date.fromisoformat(broadcast.audience["day"])
        return strip_tags(catalogue.text("title_closure", day=catalogue.day(day)))
    return strip_tags(catalogue.text("title_broadcast", number=broadcast.id))


def report_text(catalogue: Catalogue, progress: Progress) -> str:
    """The progress line while sending; the delivery report once done."""
    text = catalogue.text
    broadcast = progress.broadcast
    heading = title(catalogue, broadcast)
    if not progress.done:
        return text("progress", title=heading, done=progress.settled, total=progress.total)
    lines = [
        text(
            "report",
            title=heading,
            delivered=progress.delivered,
            total=progress.total,
            blocked=len(progress.blocked),
            failed=len(progress.failed),
        )
    ]
    # Who was not reached, as many names as fit one message (half the room each).
    room = (MAX_MESSAGE_LENGTH - len(lines[0])) // 2 - 100
    for label, names in (("report_blocked", progress.blocked), ("report_failed", progress.failed)):
        shown: list[str] = []
        for name in names:
            if len(", ".join([*shown, name])) > room:
                break
            shown.append(name)
        if names:
            listed = ", ".join(shown)
            if len(shown) < len(names):
                listed += ", " + text("report_more", count=len(names) - len(shown))
            lines.append(text("report_who", label=text(label), names=listed))
    return "\n".join(lines)
