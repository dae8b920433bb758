"""The built site in headless Chromium: pages, quiz cards, keyboard, storage, navigation, themes.

Screenshots land in /tmp (awaited-lesson*.png, awaited-quiz*.png) for a human to look at.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from .conftest import SCREENSHOTS, SiteServer, Traffic

pytestmark = pytest.mark.browser

LESSON = "lessons/01-first-async-test/"
EXERCISE = "exercises/01-first-async-test/"
QUIZ = "quiz/"
STORE_KEY = "awaited:quiz:v1"
READY_DECK = ".awaited-quiz[data-awaited-ready]"


def open_page(page: Page, site: SiteServer, path: str, *, idle: bool = False) -> None:
    """Open a page; `idle` also waits until the network is quiet (to catch late requests).

    On pages with runnable code that includes the runner's worker fetching Python (~20 MB).
    """
    if idle:
        page.goto(site.url(path), wait_until="networkidle", timeout=180_000)
    else:
        page.goto(site.url(path), wait_until="load")


def deck_data(page: Page, index: int = 0) -> dict[str, Any]:
    text = page.locator("[data-awaited-data]").nth(index).get_attribute("data-awaited-data")
    assert text is not None
    data: dict[str, Any] = json.loads(text)
    return data


def stored(page: Page) -> Any:
    return page.evaluate(f"JSON.parse(localStorage.getItem({STORE_KEY!r}))")


def first_card_of_type(page: Page, kind: str) -> tuple[Locator, dict[str, Any]]:
    for data_index in range(page.locator("[data-awaited-data]").count()):
        for question in deck_data(page, data_index)["questions"]:
            if question["type"] == kind:
                card = page.locator(f'.awaited-card[data-awaited-question="{question["id"]}"]')
                return card, question
    pytest.fail(f"no {kind!r} question on this page: the cards of that type go untested")


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("", "Awaited"),
        ("start/", "Start here"),
        (LESSON, None),
        (EXERCISE, None),
        (QUIZ, "Quiz"),
    ],
    ids=["home", "start", "lesson", "exercise", "quiz"],
)
def test_page_loads_with_no_request_to_another_host(
    page: Page, site_server: SiteServer, traffic: Traffic, path: str, title: str | None
) -> None:
    open_page(page, site_server, path, idle=True)
    heading = page.locator("article h1").first
    expect(heading).to_be_visible()
    if title is not None:
        expect(heading).to_contain_text(title)
    if path in (LESSON, QUIZ):
        expect(page.locator(READY_DECK).first).to_be_attached()
    # Search runs in a web worker and loads its index: exercise it too.
    page.keyboard.press("s")
    page.keyboard.type("ASGITransport")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    traffic.assert_only_local()
    traffic.assert_no_errors()


def test_lesson_card_by_keyboard_wrong_then_right_survives_reload(
    page: Page, site_server: SiteServer, traffic: Traffic
) -> None:
    open_page(page, site_server, LESSON)
    expect(page.locator(READY_DECK)).to_have_count(1)
    question = deck_data(page)["questions"][0]
    card = page.locator(".awaited-card").first
    options = card.locator("[data-awaited-option]")
    count = options.count()
    total = page.locator(".awaited-card").count()
    right = question["correct"][0]
    wrong = next(i for i in range(count) if i not in question["correct"])
    progress = page.locator("[data-awaited-progress]")
    expect(progress).to_have_text(f"Answered 0/{total} · 0 right")

    # Wrong first: focus the card, a number key picks, Enter checks.
    card.focus()
    page.keyboard.press("Enter")
    expect(card.locator(".awaited-card__result")).to_contain_text("Choose an answer first")
    page.keyboard.press(str(wrong + 1))
    expect(card.locator("input").nth(wrong)).to_be_checked()
    page.keyboard.press("Enter")
    expect(card).to_have_class(_has("is-wrong"))
    expect(card.locator(".awaited-card__result")).to_contain_text("Not quite")
    expect(card.locator(".awaited-card__result")).to_have_attribute("aria-live", "polite")
    whys = card.locator(".awaited-why")
    expect(whys).to_have_count(count)
    for index in range(count):
        expect(whys.nth(index)).to_be_visible()  # EVERY option is explained
    expect(whys.nth(wrong).locator(".awaited-why__mine")).to_be_visible()
    expect(card.locator(".awaited-rule")).to_be_visible()
    expect(progress).to_have_text(f"Answered 1/{total} · 0 right")

    # Focus moved to "Try again": Enter presses it, and the card is ready for keys again.
    retry = card.locator("[data-awaited-retry]")
    expect(retry).to_be_focused()
    page.keyboard.press("Enter")
    expect(card).not_to_have_class(_has("is-checked"))
    expect(card).to_be_focused()
    expect(whys.first).to_be_hidden()
    expect(progress).to_have_text(f"Answered 0/{total} · 0 right")

    page.keyboard.press(str(right + 1))
    page.keyboard.press("Enter")
    expect(card).to_have_class(_has("is-right"))
    expect(card.locator(".awaited-card__result")).to_contain_text("Correct!")
    expect(progress).to_have_text(f"Answered 1/{total} · 1 right")
    saved = stored(page)["answers"][question["id"]]
    assert saved["selected"] == [right]
    assert saved["correct"] is True

    page.screenshot(path=str(SCREENSHOTS / "awaited-lesson.png"), full_page=False)
    card.screenshot(path=str(SCREENSHOTS / "awaited-lesson-card.png"))

    # Reload: the answer comes back from localStorage.
    page.reload()
    card = page.locator(".awaited-card").first
    expect(card).to_have_class(_has("is-right"))
    expect(card.locator("input").nth(right)).to_be_checked()
    expect(card.locator("input").nth(right)).to_be_disabled()
    expect(card.locator(".awaited-why").first).to_be_visible()
    expect(page.locator("[data-awaited-progress]")).to_have_text(f"Answered 1/{total} · 1 right")

    # The Quiz page shows the same card, answered, from the same storage.
    open_page(page, site_server, QUIZ)
    same = page.locator(f'.awaited-card[data-awaited-question="{question["id"]}"]')
    expect(same).to_have_class(_has("is-right"))
    traffic.assert_only_local()
    traffic.assert_no_errors()


def test_multiple_answer_card_needs_every_right_option(
    page: Page, site_server: SiteServer, traffic: Traffic
) -> None:
    open_page(page, site_server, QUIZ)
    card, question = first_card_of_type(page, "multiple")
    card.scroll_into_view_if_needed()
    expect(card.locator("input").first).to_have_attribute("type", "checkbox")
    card.focus()
    first = question["correct"][0]
    page.keyboard.press(str(first + 1))
    if len(question["correct"]) > 1:  # one right option alone is not enough
        page.keyboard.press("Enter")
        expect(card).to_have_class(_has("is-wrong"))
        card.locator("[data-awaited-retry]").click()
        for index in question["correct"]:
            page.keyboard.press(str(index + 1))
        page.keyboard.press("Enter")
    else:
        page.keyboard.press("Enter")
    expect(card).to_have_class(_has("is-right"))
    traffic.assert_no_errors()


def test_corrupt_storage_is_ignored_and_reset(
    page: Page, site_server: SiteServer, traffic: Traffic
) -> None:
    open_page(page, site_server, LESSON)
    for garbage in ["{not json", "[]", '{"version": 1, "answers": {"x": {"selected": "1"}}}']:
        page.evaluate(f"localStorage.setItem({STORE_KEY!r}, {garbage!r})")
        page.reload()
        expect(page.locator(READY_DECK)).to_have_count(1)
        expect(page.locator(".awaited-card.is-checked")).to_have_count(0)
    card = page.locator(".awaited-card").first
    card.locator("label").first.click()
    card.locator("[data-awaited-check]").click()
    expect(card).to_have_class(_has("is-checked"))
    data = stored(page)
    assert data["version"] == 1
    assert list(data["answers"]) == [card.get_attribute("data-awaited-question")]
    traffic.assert_no_errors()


def test_instant_navigation_from_home_initialises_the_cards(
    page: Page, site_server: SiteServer, traffic: Traffic
) -> None:
    open_page(page, site_server, "")
    page.evaluate("window.__awaitedSamePage = true")
    # Material rewrites relative links to absolute ones, hence the suffix match.
    page.locator(f'article a[href$="/{LESSON}"]').first.click()
    page.wait_for_url(site_server.url(LESSON))  # exactly: no anchor carried over from home
    # A full page load would have dropped the flag: this was Material's instant navigation.
    assert page.evaluate("window.__awaitedSamePage === true")
    expect(page.locator(READY_DECK)).to_have_count(1)
    card = page.locator(".awaited-card").first
    card.locator("label").first.click()
    card.locator("[data-awaited-check]").click()
    expect(card).to_have_class(_has("is-checked"))
    # And back: the home page has no deck, and the lesson's cards initialise again.
    page.go_back()
    page.wait_for_url(site_server.url(""))
    page.go_forward()
    page.wait_for_url(site_server.url(LESSON))
    expect(page.locator(READY_DECK)).to_have_count(1)
    expect(page.locator(".awaited-card").first).to_have_class(_has("is-checked"))
    assert page.evaluate("window.__awaitedSamePage === true")
    traffic.assert_only_local()
    traffic.assert_no_errors()


def test_dark_mode_toggle_restyles_the_cards(
    page: Page, site_server: SiteServer, traffic: Traffic
) -> None:
    open_page(page, site_server, QUIZ)
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    card = page.locator(".awaited-card").first
    light = card.evaluate("el => getComputedStyle(el).backgroundColor")
    card.locator("label").nth(1).click()
    card.locator("[data-awaited-check]").click()
    page.screenshot(path=str(SCREENSHOTS / "awaited-quiz.png"))

    page.locator('label[title="Switch to dark mode"]').click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    dark = card.evaluate("el => getComputedStyle(el).backgroundColor")
    assert dark != light
    page.screenshot(path=str(SCREENSHOTS / "awaited-quiz-dark.png"))
    # Material remembers the choice.
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.locator('label[title="Switch to light mode"]').click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    traffic.assert_only_local()
    traffic.assert_no_errors()


def test_cards_are_readable_without_javascript(browser: Browser, site_server: SiteServer) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_server.url(QUIZ))
        card = page.locator(".awaited-card").first
        expect(card.locator(".awaited-card__actions")).to_be_hidden()
        answer = card.locator("details.awaited-card__answer")
        expect(answer.locator(".awaited-why").first).to_be_hidden()
        answer.locator("summary").click()
        expect(answer.locator(".awaited-why").first).to_be_visible()
        expect(answer.locator(".awaited-rule")).to_be_visible()
    finally:
        context.close()


def _has(name: str) -> re.Pattern[str]:
    """Matches a class attribute that contains the class `name`."""
    return re.compile(rf"(^|\s){re.escape(name)}(\s|$)")
