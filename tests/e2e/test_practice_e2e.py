"""The Practice page, flashcards and spaced repetition in headless Chromium, on a fixed clock.

Playwright's `page.clock` fixes the time the page sees; the page's own `?now=` hook starts its
clock at a given instant and `?seed=` fixes the interview draw, so every schedule and draw
below is the same on every run.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page, expect

from .conftest import SCREENSHOTS, SiteServer, Traffic

pytestmark = pytest.mark.browser

PRACTICE = "practice/"
LESSON = "lessons/01-first-async-test/"
SRS_KEY = "awaited:quiz:srs:v1"
ANSWERS_KEY = "awaited:quiz:v1"
READY = "[data-awaited-practice][data-awaited-ready]"
DAY_ONE = "2026-03-02T09:00:00Z"
DAY_SIX = "2026-03-07T09:00:00Z"


def practice_data(page: Page) -> dict[str, Any]:
    text = page.locator("[data-awaited-practice]").get_attribute("data-awaited-data")
    assert text is not None
    data: dict[str, Any] = json.loads(text)
    return data


def open_practice(page: Page, site: SiteServer, query: str = "") -> dict[str, Any]:
    page.goto(site.url(PRACTICE + query))
    expect(page.locator(READY)).to_have_count(1)
    return practice_data(page)


def stats(page: Page) -> dict[str, int]:
    element = page.locator("[data-awaited-stats]")
    return {key: int(element.get_attribute(f"data-{key}") or "-1") for key in ("due", "new")}


def answer_current(page: Page, questions: dict[str, Any], *, right: bool) -> str:
    """Answer the card on stage by keyboard; returns its question id."""
    card = page.locator("[data-awaited-slot] .awaited-card")
    question = questions[card.get_attribute("data-awaited-question") or ""]
    card.focus()
    if question["type"] == "flashcard":
        page.keyboard.press(" ")
        expect(card.locator(".awaited-flash__back")).to_be_visible()
        page.keyboard.press("3" if right else "1")
    else:
        count = card.locator("[data-awaited-option]").count()
        picks = (
            question["correct"]
            if right
            else [next(i for i in range(count) if i not in question["correct"])]
        )
        for index in picks:
            page.keyboard.press(str(index + 1))
        page.keyboard.press("Enter")
    expect(card).to_have_class(_has("is-right" if right else "is-wrong"))
    return str(question["id"])


def test_due_today_changes_after_a_review_on_a_fixed_clock(
    page: Page, site_server: SiteServer, traffic: Traffic
) -> None:
    page.clock.set_fixed_time(DAY_ONE)  # Date.now() stands still; timers still run
    data = open_practice(page, site_server)
    questions = {q["id"]: q for q in data["questions"]}
    total = len(questions)
    assert stats(page) == {"due": 0, "new": total}

    page.locator('[data-awaited-start="review"]').click()
    stage = page.locator("[data-awaited-stage]")
    expect(stage).to_be_visible()
    expect(page.locator("[data-awaited-position]")).to_have_text(f"Review · 1 of {total}")
    first = answer_current(page, questions, right=True)
    next_button = page.locator("[data-awaited-next]")
    expect(next_button).to_be_focused()
    schedule = page.evaluate(f"JSON.parse(localStorage.getItem({SRS_KEY!r}))")
    assert list(schedule["cards"]) == [first]
    # FSRS with no fuzz and no short-term steps: a first "Good" comes back in 3 days.
    assert schedule["cards"][first]["due"] == "2026-03-05T09:00:00.000Z"
    assert schedule["cards"][first]["reps"] == 1

    page.keyboard.press("Enter")  # Next
    second = answer_current(page, questions, right=False)
    page.keyboard.press("ArrowRight")  # arrows move too
    expect(page.locator("[data-awaited-position]")).to_have_text(f"Review · 3 of {total}")
    page.keyboard.press("ArrowLeft")
    expect(page.locator("[data-awaited-slot] .awaited-card")).to_have_attribute(
        "data-awaited-question", second
    )
    page.locator("[data-awaited-stop]").click()
    summary = page.locator("[data-awaited-summary]")
    expect(summary).to_be_visible()
    expect(summary.locator("[data-awaited-score]")).to_have_attribute("data-awaited-score", "1/2")
    expect(summary.locator(f'[data-awaited-review="{second}"]')).to_be_visible()
    # Same day: nothing is due yet, two cards are scheduled, the rest are new.
    assert stats(page) == {"due": 0, "new": total - 2}
    expect(page.locator("[data-awaited-stats]")).to_contain_text("2 later (next on 3 March)")

    # Five days later both cards are due; reviewing one takes it off today's list.
    page.clock.set_fixed_time(DAY_SIX)
    open_practice(page, site_server)
    assert stats(page) == {"due": 2, "new": total - 2}
    page.locator('[data-awaited-start="review"]').click()
    expect(page.locator("[data-awaited-slot] .awaited-card")).to_have_attribute(
        "data-awaited-question",
        second,  # the one missed, due first
    )
    answer_current(page, questions, right=True)
    expect(page.locator("[data-awaited-stats]")).to_be_hidden()
    page.locator("[data-awaited-stop]").click()
    assert stats(page) == {"due": 1, "new": total - 2}
    traffic.assert_only_local()
    traffic.assert_no_errors()


def test_filters_narrow_the_counts(page: Page, site_server: SiteServer, traffic: Traffic) -> None:
    data = open_practice(page, site_server, f"?now={DAY_ONE}")
    myths = [q for q in data["questions"] if "myth" in q["tags"]]
    page.locator('[data-awaited-filter="tag"]').select_option("myth")
    assert stats(page) == {"due": 0, "new": len(myths)}
    hard = [q for q in myths if q["difficulty"] == "hard"]
    page.locator('[data-awaited-filter="difficulty"]').select_option("hard")
    assert stats(page) == {"due": 0, "new": len(hard)}
    lesson = data["questions"][0]["lesson"]
    page.locator('[data-awaited-filter="difficulty"]').select_option("")
    page.locator('[data-awaited-filter="tag"]').select_option("")
    page.locator('[data-awaited-filter="lesson"]').select_option(lesson)
    in_lesson = [q for q in data["questions"] if q["lesson"] == lesson]
    assert stats(page) == {"due": 0, "new": len(in_lesson)}
    traffic.assert_no_errors()


def test_mock_interview_runs_to_its_summary(
    page: Page, site_server: SiteServer, traffic: Traffic
) -> None:
    data = open_practice(page, site_server, f"?now={DAY_ONE}&seed=7")
    questions = {q["id"]: q for q in data["questions"]}
    page.locator('[data-awaited-setting="size"]').select_option("5")
    page.locator('[data-awaited-start="interview"]').click()
    timer = page.locator("[data-awaited-timer]")
    expect(timer).to_be_visible()
    expect(timer).to_have_text(re.compile(r"^1:(30|29) left$"))
    expect(timer).to_have_attribute("role", "timer")
    asked = []
    for number in range(1, 6):
        expect(page.locator("[data-awaited-position]")).to_have_text(
            f"Mock interview · {number} of 5"
        )
        asked.append(answer_current(page, questions, right=number % 2 == 1))
        expect(timer).to_be_hidden()
        page.keyboard.press("Enter")  # Next (focused), then "See the summary"
    lessons = {questions[i]["lesson"] for i in asked}
    assert len(lessons) == min(5, len({q["lesson"] for q in data["questions"]}))
    summary = page.locator("[data-awaited-summary]")
    expect(summary).to_be_focused()
    expect(summary.locator("h2")).to_have_text("Mock interview: summary")
    expect(summary.locator("[data-awaited-score]")).to_have_attribute("data-awaited-score", "3/5")
    expect(summary).to_contain_text("Score: 3/5 (60%) · time 0:")
    expect(summary.locator(".awaited-practice__weak li").first).to_be_visible()
    missed = [asked[1], asked[3]]
    expect(summary.locator("[data-awaited-review]")).to_have_count(2)
    for question_id in missed:
        expect(summary.locator(f'[data-awaited-review="{question_id}"]')).to_contain_text("missed")
    # Links to a lesson page resolve (lesson 01 has one on this site).
    links = summary.locator("a[href]")
    for index in range(links.count()):
        href = links.nth(index).get_attribute("href") or ""
        target = page.request.get(urljoin(site_server.url(PRACTICE), href.split("#")[0]))
        assert target.ok, href
    page.screenshot(path=str(SCREENSHOTS / "awaited-practice-summary.png"), full_page=True)
    # The interview's answers feed the schedule too.
    schedule = page.evaluate(f"JSON.parse(localStorage.getItem({SRS_KEY!r}))")
    assert sorted(schedule["cards"]) == sorted(asked)
    traffic.assert_only_local()
    traffic.assert_no_errors()


def test_an_interview_question_times_out(
    page: Page, site_server: SiteServer, traffic: Traffic
) -> None:
    page.clock.install(time=DAY_ONE)
    open_practice(page, site_server, "?seed=3")
    page.locator('[data-awaited-setting="size"]').select_option("5")
    page.locator('[data-awaited-setting="seconds"]').select_option("60")
    page.locator('[data-awaited-start="interview"]').click()
    expect(page.locator("[data-awaited-timer]")).to_have_text("1:00 left")
    page.clock.run_for(61_000)
    card = page.locator("[data-awaited-slot] .awaited-card")
    expect(card).to_have_class(_has("is-wrong"))
    expect(card.locator(".awaited-card__result")).to_contain_text("Time is up")
    page.locator("[data-awaited-stop]").click()
    expect(page.locator("[data-awaited-review]")).to_contain_text("time ran out")
    traffic.assert_no_errors()


def test_corrupt_schedule_is_kept_aside_and_reset(
    page: Page, site_server: SiteServer, traffic: Traffic
) -> None:
    open_practice(page, site_server)
    page.evaluate(f"localStorage.setItem({SRS_KEY!r}, '{{oops')")
    page.evaluate(
        f"localStorage.setItem({ANSWERS_KEY!r}, JSON.stringify({{version: 1, answers: 5}}))"
    )
    data = open_practice(page, site_server)
    assert stats(page)["new"] == len(data["questions"])
    assert page.evaluate(f"localStorage.getItem({SRS_KEY + ':corrupt'!r})") == "{oops"
    assert json.loads(page.evaluate(f"localStorage.getItem({SRS_KEY!r})")) == {
        "version": 1,
        "cards": {},
    }
    # One bad card is dropped alone; the good one stays.
    good = {
        "due": "2030-01-01T00:00:00.000Z",
        "stability": 3.0,
        "difficulty": 2.0,
        "reps": 1,
        "lapses": 0,
        "state": 2,
        "scheduled_days": 3,
    }
    first, second = data["questions"][0]["id"], data["questions"][1]["id"]
    store = {"version": 1, "cards": {first: good, second: {"due": "never"}}}
    page.evaluate(f"localStorage.setItem({SRS_KEY!r}, {json.dumps(json.dumps(store))})")
    open_practice(page, site_server)
    assert stats(page)["new"] == len(data["questions"]) - 1
    # Lesson cards recover their own store the same way.
    page.goto(site_server.url(LESSON))
    expect(page.locator(".awaited-quiz[data-awaited-ready]")).to_have_count(1)
    kept = page.evaluate(f"localStorage.getItem({ANSWERS_KEY + ':corrupt'!r})")
    assert json.loads(kept) == {"version": 1, "answers": 5}
    ours = [k for k in page.evaluate("Object.keys(localStorage)") if k.startswith("awaited")]
    assert ours and all(key.startswith("awaited:quiz") for key in ours), ours
    traffic.assert_no_errors()


def test_flashcard_on_a_lesson_page_flips_rates_and_survives_reload(
    page: Page, site_server: SiteServer, traffic: Traffic
) -> None:
    page.goto(site_server.url(LESSON))
    card = page.locator('.awaited-card[data-awaited-type="flashcard"]').first
    question_id = card.get_attribute("data-awaited-question")
    card.scroll_into_view_if_needed()
    back = card.locator(".awaited-flash__back")
    expect(back).to_be_hidden()
    flip = card.locator("[data-awaited-flip]")
    expect(flip).to_have_attribute("aria-expanded", "false")
    card.focus()
    page.keyboard.press("3")  # rating before flipping does nothing
    expect(card).not_to_have_class(_has("is-checked"))
    page.keyboard.press(" ")
    expect(back).to_be_visible()
    expect(card.locator(".awaited-flash__points li").first).to_be_visible()
    expect(card.locator(".awaited-flash__rate")).to_be_visible()
    page.keyboard.press("2")  # Hard
    expect(card).to_have_class(_has("is-wrong"))
    expect(card.locator(".awaited-card__result")).to_have_text("You rated your recall: Hard.")
    saved = page.evaluate(f"JSON.parse(localStorage.getItem({ANSWERS_KEY!r}))")
    assert saved["answers"][question_id]["rating"] == 2
    card.screenshot(path=str(SCREENSHOTS / "awaited-flashcard.png"))
    page.reload()
    card = page.locator(f'.awaited-card[data-awaited-question="{question_id}"]')
    expect(card).to_have_class(_has("is-checked"))
    expect(card.locator(".awaited-flash__back")).to_be_visible()
    expect(card.locator(".awaited-card__result")).to_have_text("You rated your recall: Hard.")
    card.locator("[data-awaited-retry]").click()
    expect(card.locator(".awaited-flash__back")).to_be_hidden()
    traffic.assert_no_errors()


def test_practice_after_instant_navigation(
    page: Page, site_server: SiteServer, traffic: Traffic
) -> None:
    page.goto(site_server.url(""))
    page.evaluate("window.__awaitedSamePage = true")
    page.locator(f'nav a[href$="/{PRACTICE}"]').first.click()
    page.wait_for_url(site_server.url(PRACTICE))
    assert page.evaluate("window.__awaitedSamePage === true")
    expect(page.locator(READY)).to_have_count(1)
    page.locator('[data-awaited-start="interview"]').click()
    expect(page.locator("[data-awaited-timer]")).to_be_visible()
    # Leave mid-interview by instant navigation: the old timer stops, nothing breaks.
    page.locator(f'nav a[href$="/{LESSON}"]').first.click()
    page.wait_for_url(site_server.url(LESSON))
    expect(page.locator(".awaited-quiz[data-awaited-ready]")).to_have_count(1)
    assert page.evaluate("window.__awaitedSamePage === true")
    traffic.assert_only_local()
    traffic.assert_no_errors()


def _has(name: str) -> re.Pattern[str]:
    return re.compile(rf"(^|\s){re.escape(name)}(\s|$)")


def test_quiz_progress_travels_in_the_runners_export_file(
    page: Page, site_server: SiteServer, traffic: Traffic, tmp_path: Path
) -> None:
    page.clock.set_fixed_time(DAY_ONE)
    data = open_practice(page, site_server)
    questions = {q["id"]: q for q in data["questions"]}
    page.locator('[data-awaited-start="review"]').click()
    reviewed = answer_current(page, questions, right=True)
    page.locator("[data-awaited-stop]").click()
    assert stats(page)["new"] == len(questions) - 1

    page.goto(site_server.url("exercises/01-first-async-test/"))
    workspace = page.locator(".awaited-workspace[data-awaited-ready]")
    with page.expect_download() as download:
        workspace.locator("[data-action=export]").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    text = exported.read_text(encoding="utf-8")
    assert SRS_KEY in text and ANSWERS_KEY in text and reviewed in text
    page.evaluate("localStorage.clear()")
    page.reload()
    workspace = page.locator(".awaited-workspace[data-awaited-ready]")
    with page.expect_navigation():  # the page reloads once the import is in
        workspace.locator("[data-action=import-file]").set_input_files(exported)
    open_practice(page, site_server)
    assert stats(page)["new"] == len(questions) - 1
    expect(page.locator("[data-awaited-stats]")).to_contain_text("1 later (next on 5 March)")
    traffic.assert_only_local()
    traffic.assert_no_errors()
