"""The web view in a real browser: Playwright driving Debian's Chromium. A staff member signs
in from the link the sandbox bot sent, sees the week, a patient's card and the requests,
closes a day and sends a broadcast whose report fills in; the patients' messages arrive in
the sandbox. Screenshots of each page go
to ``docs/`` (the README shows them).

Without Chromium (``apt-get install chromium``) these tests are skipped, unless
``MESOBOT_TEST_BROWSER=required`` (as in CI), where its absence fails them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from mesobot.sandbox import Sandbox
from tests.conftest import BotFactory

from .test_web import link_for, patient_id, two_clinics

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DOCS = Path(__file__).parents[2] / "docs"
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and os.environ.get("MESOBOT_TEST_BROWSER") != "required",
    reason="Debian's Chromium is not installed (apt-get install chromium)",
)


async def test_a_staff_member_signs_in_and_closes_a_day_in_a_real_browser(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    from playwright.async_api import async_playwright

    assert CHROMIUM is not None, "MESOBOT_TEST_BROWSER=required and no chromium on the PATH"
    DOCS.mkdir(exist_ok=True)
    async with running_bot(http=True) as app, async_playwright() as playwright:
        ada, _, ann, _ = await two_clinics(app, sandbox)
        ann_id = await patient_id(app, ann)
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = await browser.new_page(viewport={"width": 1000, "height": 720})
            await page.goto(await link_for(ada))
            await page.get_by_role("button", name="Sign in").click()
            await page.wait_for_url("**/web/week")
            assert (
                "The next seven days at Hair Clinic London" in await page.locator("h1").inner_text()
            )
            day = page.locator("section.day", has_text="Thu 26 Nov 2026")
            assert f"10:00 Ann (#{ann_id})" in " ".join((await day.inner_text()).split())
            await page.screenshot(path=DOCS / "web-week.png", full_page=True)
            # The keyboard reaches the navigation: Tab lands on the first link.
            await page.keyboard.press("Tab")
            assert await page.evaluate("document.activeElement.textContent") == "Week"
            await page.get_by_role("link", name="Patients").click()
            await page.wait_for_url("**/web/patients")
            await page.screenshot(path=DOCS / "web-patients.png", full_page=True)
            await page.get_by_role("link", name=f"Ann (#{ann_id})").click()
            await page.wait_for_url(f"**/web/patients/{ann_id}")
            assert "1. Thu 26 Nov 2026, 10:00 — planned" in await page.inner_text("main")
            await page.screenshot(path=DOCS / "web-card.png", full_page=True)
            await page.get_by_role("link", name="Week").click()
            await page.wait_for_url("**/web/week")
            await day.get_by_role("link", name="Close this day…").click()
            await page.wait_for_url("**/web/close?day=2026-11-26")
            assert "1 patient, 1 session will move to Fri 27 Nov 2026" in await page.inner_text(
                "main"
            )
            await page.screenshot(path=DOCS / "web-close.png", full_page=True)
            await page.get_by_role("button", name="Close the day and move them").click()
            await page.wait_for_url("**/web/week?closed=2026-11-26")
            assert "Thu 26 Nov 2026 is closed" in await page.get_by_role("status").inner_text()
            notice = await ann.wait_for(
                lambda: next((m for m in ann.received if "is closed on" in (m.text or "")), None)
            )
            assert "has moved to Fri 27 Nov 2026, 10:00" in (notice.text or "")
            # A broadcast: written, previewed with its count, sent; the report fills in.
            await page.get_by_role("link", name="Broadcast").click()
            await page.get_by_label("The message").fill("We are open as usual next week.")
            await page.get_by_role("button", name="Preview").click()
            assert "all active patients: 1" in await page.inner_text("main")
            await page.get_by_role("button", name="Send to 1").click()
            report = page.frame_locator("iframe.report").get_by_role("status")
            await report.get_by_text("Delivered: 1 of 1").wait_for()
            await page.screenshot(path=DOCS / "web-broadcast.png", full_page=True)
            assert await ann.wait_for(
                lambda: next((m for m in ann.received if "open as usual" in (m.text or "")), None)
            )
            # A phone-sized screen: the same page, nothing cut off.
            await page.set_viewport_size({"width": 390, "height": 760})
            await page.goto(page.url.split("/web/")[0] + "/web/week")
            width = await page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390
            await page.screenshot(path=DOCS / "web-week-phone.png", full_page=True)
            await page.get_by_role("button", name="Sign out").click()
            assert "You are signed out" in await page.inner_text("main")
        finally:
            await browser.close()
