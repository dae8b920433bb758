"""The browser runner in headless Chromium: every example and exercise, persistence, Stop,
privacy. Expected results come from the terminal: `awaited.examples.run_example` (what
`python -m pytest` prints in the example's folder; tests/terminal_runs.py shares those runs with
test_lesson_examples.py) and `awaited check --json`.

Pages share one Python worker per page load, so each test runs all it can on one page.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from playwright.sync_api import Locator, Page, Route, expect
from terminal_runs import TerminalRuns

from awaited import dev, postgres
from awaited.catalog import Exercise, load_exercises
from awaited.examples import discover_examples
from awaited.site.course_bundle import terminal_only

from .conftest import SiteServer, Traffic

pytestmark = pytest.mark.browser

STORE_KEY = "awaited:runner:v1"
BOOT_TIMEOUT_MS = 180_000  # a cold Pyodide start on a loaded 2-core machine
_COUNT = re.compile(r"(\d+) (passed|failed|errors?|skipped|xfailed|xpassed)\b")
EXAMPLES = [e for e in discover_examples(ROOT) if terminal_only(e.path) is None]
LESSONS = sorted({example.lesson for example in EXAMPLES})
EXERCISES = [e for e in load_exercises(ROOT) if terminal_only(e.path) is None]


def kebab(slug: str) -> str:
    return slug.replace("_", "-")


def terminal_counts(output: str) -> dict[str, int]:
    """The counts in pytest's last summary line, as the terminal printed it."""
    lines = [line for line in output.splitlines() if _COUNT.search(line)]
    if not lines:
        return {}
    found = {kind: int(n) for n, kind in _COUNT.findall(lines[-1])}
    if "errors" in found:
        found["error"] = found.pop("errors")
    return found


# Resolves once the widget's status leaves "running": when that happened, in ms since the epoch.
WHEN_DONE = """el => new Promise(resolve => {
    const done = () => el.dataset.awaitedStatus && el.dataset.awaitedStatus !== 'running';
    const now = () => performance.timeOrigin + performance.now();
    if (done()) return resolve(now());
    new MutationObserver(() => { if (done()) resolve(now()); }).observe(el, {attributes: true});
})"""


def wait_done(page: Page, widget: Locator, timeout: float = BOOT_TIMEOUT_MS) -> str:
    page.wait_for_function(
        "el => el.dataset.awaitedStatus && el.dataset.awaitedStatus !== 'running'",
        arg=widget.element_handle(),
        timeout=timeout,
    )
    status = widget.get_attribute("data-awaited-status")
    assert status is not None
    return status


def seed_store(page: Page, files: dict[str, str]) -> None:
    """Put learner files in the runner's store before the page's scripts read it."""
    store = {"version": 1, "files": files, "exercises": {}, "backups": []}
    page.add_init_script(
        f"if (!localStorage.getItem({STORE_KEY!r})) "
        f"localStorage.setItem({STORE_KEY!r}, {json.dumps(json.dumps(store))});"
    )


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_example_runs_in_the_browser_as_at_the_terminal(
    page: Page,
    site_server: SiteServer,
    traffic: Traffic,
    lesson: str,
    monkeypatch: pytest.MonkeyPatch,
    terminal_runs: TerminalRuns,
) -> None:
    examples = [example for example in EXAMPLES if example.lesson == lesson]
    # The browser has SQLite only; so has the terminal run it is compared with (lesson 05).
    monkeypatch.setenv(postgres.URL_ENV, postgres.OFF)
    page.goto(site_server.url(f"lessons/{kebab(lesson)}/"))
    widgets = page.locator(".awaited-run[data-awaited-ready]")
    expect(widgets).to_have_count(len(examples))
    for example in examples:
        terminal = terminal_runs(example)
        widget = page.locator(f'.awaited-run[data-awaited-example="{example.id}"]')
        widget.locator("[data-action=run]").click()
        status = wait_done(page, widget)
        counts = json.loads(widget.get_attribute("data-awaited-counts") or "{}")
        assert counts == terminal_counts(terminal.output), (example.id, widget.inner_text())
        expected = "passed" if terminal.exit_code == 0 else ("failed", "error")
        assert status in expected, (example.id, widget.inner_text())
    traffic.assert_only_local()
    traffic.assert_no_errors()


def test_lazy_wheels_wait_for_the_first_result_then_install_while_the_reader_reads(
    page: Page,
    site_server: SiteServer,
    traffic: Traffic,
    built_site: Path,
    terminal_runs: TerminalRuns,
) -> None:
    """trio is not in the boot set (awaited.browser.lazy_wheels). Lesson 01 has anyio tests, so
    once the first result is in and the worker is idle, it installs trio (the manifest's
    `prepare`), and the page's trio Run then downloads nothing."""
    runner = built_site / "assets" / "awaited" / "runner"
    data = json.loads((runner / "manifest.json").read_text(encoding="utf-8"))
    lesson = json.loads((runner / "course" / "01_first_async_test.json").read_text("utf-8"))
    lazy = set(data["lazyWheels"].values())
    assert "trio-0.35.0-py3-none-any.whl" in lazy
    finished: dict[str, float] = {}  # wheel -> when its request started (ms since the epoch)
    page.on(
        "requestfinished",
        lambda request: finished.setdefault(
            request.url.rsplit("/", 1)[-1].split("?")[0], request.timing["startTime"]
        ),
    )
    example = EXAMPLES[0]
    assert example.lesson.startswith("01_") and not lesson["examples"][example.id]["prepare"]
    page.goto(site_server.url(f"lessons/{kebab(example.lesson)}/"), wait_until="commit")
    widget = page.locator(f'.awaited-run[data-awaited-example="{example.id}"][data-awaited-ready]')
    widget.locator("[data-action=run]").click()
    # When the result reached the page (ms since the epoch).
    result = widget.evaluate(WHEN_DONE)
    assert widget.get_attribute("data-awaited-status") == "passed"
    assert "pytest-9.2.0-py3-none-any.whl" in finished  # the worker's requests are observed
    page.wait_for_function(
        "awaitedRunner.runtime.prepared.includes('anyio._backends._trio')", timeout=60_000
    )
    assert "trio-0.35.0-py3-none-any.whl" in finished, "the idle worker did not install trio"
    # The worker asks for them right after it posts the result, so a little before the page
    # shows it.
    assert all(finished[wheel] > result - 200 for wheel in lazy & set(finished))
    anyio_example = next(e for e in EXAMPLES if lesson["examples"].get(e.id, {}).get("prepare"))
    assert anyio_example.lesson == example.lesson
    trio_widget = page.locator(f'.awaited-run[data-awaited-example="{anyio_example.id}"]')
    clicked = page.evaluate("performance.timeOrigin + performance.now()")
    trio_widget.locator("[data-action=run]").click()
    wait_done(page, trio_widget, timeout=60_000)
    counts = json.loads(trio_widget.get_attribute("data-awaited-counts") or "{}")
    assert counts == terminal_counts(terminal_runs(anyio_example).output)
    # Request events from the worker reach Playwright a little late: compare start times, not
    # what had arrived when "prepared" came. Nothing the Run needed was fetched after its click.
    page.wait_for_timeout(500)
    late = [name for name, started in finished.items() if started >= clicked]
    assert [name for name in late if name.endswith(".whl")] == []
    traffic.assert_only_local()
    traffic.assert_no_errors()


def statuses(results: dict[str, Any]) -> dict[str, Any]:
    return {
        "status": results["status"],
        "tests": [(test["name"], test["status"]) for test in results.get("tests", [])],
    }


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.slug)
def test_every_exercise_grades_in_the_browser_as_awaited_check(
    page: Page, site_server: SiteServer, traffic: Traffic, exercise: Exercise
) -> None:
    """The starter (a first visit), then the solution typed over it: same verdicts as the CLI."""
    page.goto(site_server.url(f"exercises/{kebab(exercise.slug)}/"))
    workspace = page.locator(".awaited-workspace[data-awaited-ready]")
    check = workspace.locator("[data-action=check]")
    solution_button = workspace.locator("[data-action=solution]")
    expect(solution_button).to_be_disabled()  # locked until the exercise passes
    for version, folder in (("starter", exercise.starter_dir), ("solution", exercise.solution_dir)):
        files = dev.read_folder(exercise, folder)
        if version == "solution":
            for name, text in files.items():
                replace_text(page, editor_of(workspace, name), text)
            saved = json.loads(page.evaluate(f"localStorage.getItem({STORE_KEY!r})"))
            assert {n: saved["files"][f"{exercise.slug}/{n}"] for n in files} == files
        terminal = dev.grade_files(ROOT, exercise, files)
        check.click()
        wait_done(page, workspace)
        browser = json.loads(workspace.get_attribute("data-awaited-result") or "{}")
        assert statuses(browser) == statuses(terminal.to_dict()), version
        verdict = "Verdict: passed" if terminal.status == "pass" else "Verdict: not yet"
        expect(workspace.locator(".awaited-verdict")).to_contain_text(verdict)
        page.evaluate("el => { el.dataset.awaitedStatus = 'running'; }", workspace.element_handle())
    expect(solution_button).to_be_enabled()
    link = f'.md-nav__link[href$="exercises/{kebab(exercise.slug)}/"] .awaited-nav-mark'
    expect(page.locator(link).first).to_have_text(" ✓")
    traffic.assert_only_local()
    traffic.assert_no_errors()


FIRST = EXAMPLES[0]
RUNAWAY = {
    "busy loop": "def test_runaway():\n    while True:\n        pass\n",
    "await forever": (
        "import asyncio\n\nimport pytest\n\n\n@pytest.mark.asyncio\n"
        "async def test_runaway():\n    await asyncio.Event().wait()\n"
    ),
    "trio sleeps forever": (
        "import pytest\nimport trio\n\n\n@pytest.mark.parametrize('anyio_backend', ['trio'])\n"
        "@pytest.mark.anyio\nasync def test_runaway(anyio_backend):\n"
        "    await trio.sleep_forever()\n"
    ),
}


def editor_of(widget: Locator, name: str) -> Locator:
    widget.get_by_role("tab", name=name, exact=True).click()
    return widget.locator(".awaited-tab-panel:not([hidden]) .cm-content")


def replace_text(page: Page, editor: Locator, text: str) -> None:
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(text)


@pytest.mark.parametrize(
    ("kind", "isolated"),
    [
        ("busy loop", True),
        ("await forever", True),
        ("trio sleeps forever", True),
        ("busy loop", False),
    ],
)
def test_stop_ends_a_runaway_test_within_a_second_and_the_next_run_passes(
    page: Page,
    site_server: SiteServer,
    plain_server: SiteServer,
    traffic: Traffic,
    kind: str,
    isolated: bool,
) -> None:
    """With isolation headers Stop interrupts Python; without them it restarts the worker."""
    server = site_server if isolated else plain_server
    traffic.origin = server.origin
    page.goto(server.url(f"lessons/{kebab(FIRST.lesson)}/"))
    assert page.evaluate("crossOriginIsolated") is isolated
    widget = page.locator(f'.awaited-run[data-awaited-example="{FIRST.id}"]')
    widget.locator("[data-action=run]").click()  # boot the worker and prove the original passes
    assert wait_done(page, widget) == "passed"
    widget.locator("[data-action=edit]").click()
    test_file = next(name for name in FIRST.path.iterdir() if name.name.startswith("test_"))
    replace_text(page, editor_of(widget, test_file.name), RUNAWAY[kind])
    widget.locator("[data-action=run]").click()
    expect(widget).to_have_attribute("data-awaited-status", "running")
    page.wait_for_timeout(1500)  # it is really stuck
    expect(widget).to_have_attribute("data-awaited-status", "running")
    # Timed inside the page: from the click on Stop to the widget showing the result.
    widget.evaluate(
        """el => {
            el.querySelector('[data-action=stop]').addEventListener(
                'click', () => { window.stopClicked = performance.now(); }, {capture: true});
            new MutationObserver(() => {
                if (el.dataset.awaitedStatus !== 'running') window.stopShown ??= performance.now();
            }).observe(el, {attributes: true});
        }"""
    )
    widget.locator("[data-action=stop]").click()
    assert wait_done(page, widget, timeout=5_000) == "stopped"
    assert page.evaluate("window.stopShown - window.stopClicked") < 1000
    expect(widget.locator(".awaited-badge")).to_contain_text("stopped")
    widget.locator("[data-action=reset]").click()
    widget.locator("[data-action=run]").click()
    assert wait_done(page, widget) == "passed"
    traffic.assert_only_local()
    traffic.assert_no_errors()


def test_a_hanging_test_in_an_exercise_gets_the_terminals_timeout_message(
    page: Page, site_server: SiteServer
) -> None:
    exercise = EXERCISES[0]
    files = dev.read_folder(exercise, exercise.solution_dir)
    name = exercise.meta.learner_files[0]
    files[name] += (
        "\n\n@pytest.mark.task(1)\n@pytest.mark.asyncio\nasync def test_hangs():\n"
        "    import asyncio\n\n    await asyncio.Event().wait()\n"
    )
    seed_store(page, {f"{exercise.slug}/{n}": text for n, text in files.items()})
    page.goto(site_server.url(f"exercises/{kebab(exercise.slug)}/"))
    workspace = page.locator(".awaited-workspace[data-awaited-ready]")
    workspace.locator("[data-action=check]").click()
    assert wait_done(page, workspace) == "fail"
    expect(workspace.locator(".awaited-verdict")).to_contain_text("was stopped")
    terminal = dev.grade_files(ROOT, exercise, files)
    browser = json.loads(workspace.get_attribute("data-awaited-result") or "{}")
    assert statuses(browser) == statuses(terminal.to_dict())


def test_edits_survive_reload_and_export_clear_import(
    page: Page, site_server: SiteServer, traffic: Traffic, tmp_path: Path
) -> None:
    page.goto(site_server.url(f"lessons/{kebab(FIRST.lesson)}/"))
    widget = page.locator(f'.awaited-run[data-awaited-example="{FIRST.id}"]')
    widget.locator("[data-action=edit]").click()
    editor = editor_of(widget, "main.py")
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.insert_text("\n# my own note\n")
    expect(widget.locator(".awaited-run__edited")).to_be_visible()

    page.reload()
    widget = page.locator(f'.awaited-run[data-awaited-example="{FIRST.id}"]')
    expect(editor_of(widget, "main.py")).to_contain_text("# my own note")

    # Export from an exercise page, wipe everything, import: the edit is back.
    page.goto(site_server.url(f"exercises/{kebab(EXERCISES[0].slug)}/"))
    workspace = page.locator(".awaited-workspace[data-awaited-ready]")
    with page.expect_download() as download:
        workspace.locator("[data-action=export]").click()
    exported = tmp_path / "work.json"
    download.value.save_as(exported)
    assert "# my own note" in exported.read_text(encoding="utf-8")
    page.evaluate("localStorage.clear()")
    page.reload()
    workspace = page.locator(".awaited-workspace[data-awaited-ready]")
    page.evaluate("window.beforeImport = true")  # gone once the page has reloaded
    workspace.locator("[data-action=import-file]").set_input_files(exported)
    # The page reloads itself once the import is in. (expect_navigation could also be met by
    # a same-document navigation, and the reload would then abort the goto below.)
    page.wait_for_function("window.beforeImport === undefined", timeout=30_000)
    page.wait_for_load_state()
    page.goto(site_server.url(f"lessons/{kebab(FIRST.lesson)}/"))
    widget = page.locator(f'.awaited-run[data-awaited-example="{FIRST.id}"]')
    expect(editor_of(widget, "main.py")).to_contain_text("# my own note")
    traffic.assert_only_local()
    traffic.assert_no_errors()


def test_a_corrupt_store_is_kept_aside_and_the_page_still_works(
    page: Page, site_server: SiteServer
) -> None:
    page.add_init_script(
        f"if (!sessionStorage.getItem('seeded')) {{ sessionStorage.setItem('seeded', '1');"
        f" localStorage.setItem({STORE_KEY!r}, '{{not json'); }}"
    )
    page.goto(site_server.url(f"exercises/{kebab(EXERCISES[0].slug)}/"))
    expect(page.locator(".awaited-store-notice")).to_contain_text("kept aside")
    kept = page.evaluate(
        "Object.keys(localStorage).filter(k => k.startsWith('awaited:runner:corrupt:'))"
        ".map(k => localStorage.getItem(k))"
    )
    assert kept == ["{not json"]
    workspace = page.locator(".awaited-workspace[data-awaited-ready]")
    workspace.locator("[data-action=hint]").click()
    expect(workspace.locator(".awaited-hints li")).to_have_count(1)
    stored = json.loads(page.evaluate(f"localStorage.getItem({STORE_KEY!r})"))
    assert stored["exercises"][EXERCISES[0].slug]["hintsShown"] == 1


def test_every_example_has_a_run_button_on_its_lesson_page(built_site: Path) -> None:
    for example in discover_examples(ROOT):
        page = built_site / "lessons" / kebab(example.lesson) / "index.html"
        html = page.read_text(encoding="utf-8")
        assert html.count(f'data-awaited-example="{example.id}"') == 1, example.id


def test_instant_navigation_keeps_python_running_and_edits_in_place(
    page: Page, site_server: SiteServer, traffic: Traffic
) -> None:
    lesson = f"lessons/{kebab(FIRST.lesson)}/"
    exercise = f"exercises/{kebab(EXERCISES[0].slug)}/"
    page.goto(site_server.url(lesson))
    widget = page.locator(f'.awaited-run[data-awaited-example="{FIRST.id}"]')
    widget.locator("[data-action=run]").click()
    assert wait_done(page, widget) == "passed"
    page.evaluate("window.samePage = true")  # gone after a full page load
    worker = page.evaluate("awaitedRunner.runtime.worker !== null")
    widget.locator("[data-action=edit]").click()
    editor = editor_of(widget, "main.py")
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.insert_text("\n# kept across pages\n")

    page.locator(f'.md-nav__link[href$="{exercise}"]').first.click()
    page.wait_for_url(f"**/{exercise}")
    workspace = page.locator(".awaited-workspace[data-awaited-ready]")
    expect(workspace).to_be_visible()
    assert page.evaluate("window.samePage") is True  # instant navigation, not a reload
    assert page.evaluate("awaitedRunner.runtime.state") == "ready"  # the same worker, booted

    page.locator(f'.md-nav__link[href$="{lesson}"]').first.click()
    page.wait_for_url(f"**/{lesson}")
    widget = page.locator(f'.awaited-run[data-awaited-example="{FIRST.id}"][data-awaited-ready]')
    expect(widget.locator(".awaited-run__edited")).to_be_visible()
    expect(editor_of(widget, "main.py")).to_contain_text("# kept across pages")
    widget.locator("[data-action=run]").click()
    assert wait_done(page, widget, timeout=30_000) == "passed"
    assert worker is True
    traffic.assert_only_local()
    traffic.assert_no_errors()


def test_pages_with_code_start_python_from_their_head(built_site: Path) -> None:
    """The worker starts while the page itself is loading (web/runner/early_start.js)."""
    lesson = (built_site / "lessons" / kebab(FIRST.lesson) / "index.html").read_text("utf-8")
    charset = lesson.index("<meta charset")
    # It names the page's lesson, whose files the worker fetches while Python starts.
    tag = '<script data-base="../../assets/awaited/runner/" data-lessons="01_first_async_test">'
    start = lesson.index(tag)
    assert charset < start < lesson.index("<title>")
    assert "awaitedEarlyStart" in lesson[start:]
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "awaitedEarlyStart" not in home  # nothing to run there
    # Material's search index waits for the reader, not Python's start (search_worker.js).
    stand_in = "../../assets/awaited/search_worker.js?material=../javascripts/workers/search."
    assert f'"search": "{stand_in}' in lesson
    assert '"search": "assets/javascripts/workers/search.' in home
    assert (built_site / "assets" / "awaited" / "search_worker.js").is_file()


def test_a_run_pressed_during_the_start_stands_in_for_the_warm_up(
    page: Page, site_server: SiteServer, traffic: Traffic
) -> None:
    """The first Run, pressed while Python starts, does the warm-up's importing itself; later
    runs still import the example's own files afresh, edits included."""
    # Python cannot be up before the click: the course files are held back until then. On a
    # fast or idle machine the start could otherwise win the race against the page's scripts.
    held: list[Route] = []
    page.context.route("**/course.zip*", lambda route: held.append(route))
    page.goto(site_server.url(f"lessons/{kebab(FIRST.lesson)}/"), wait_until="commit")
    widget = page.locator(f'.awaited-run[data-awaited-example="{FIRST.id}"][data-awaited-ready]')
    widget.locator("[data-action=run]").click()
    for _ in range(200):  # the route handler runs while Playwright waits
        if held:
            break
        page.wait_for_timeout(50)
    assert len(held) == 1, "the worker never asked for course.zip"
    held[0].continue_()  # the Run was posted first, so the worker sees it waiting
    assert wait_done(page, widget) == "passed"
    runtime = page.evaluate(
        "({warmUp: awaitedRunner.runtime.warmUp,"
        " early: awaitedRunner.runtime.startedAt < performance.timeOrigin"
        "  + performance.getEntriesByType('navigation')[0].domContentLoadedEventStart})"
    )
    assert runtime == {"warmUp": "skipped", "early": True}
    workers = [url for url in traffic.urls if url.split("?")[0].endswith("/js/worker.js")]
    assert len(workers) == 1  # the page adopted the worker its <head> started

    widget.locator("[data-action=edit]").click()
    main = (FIRST.path / "main.py").read_text(encoding="utf-8")
    assert '{"status": "up"}' in main
    replace_text(page, editor_of(widget, "main.py"), main.replace('"up"', '"down"'))
    widget.locator("[data-action=run]").click()
    assert wait_done(page, widget, timeout=30_000) == "failed"
    widget.locator("[data-action=reset]").click()
    widget.locator("[data-action=run]").click()
    assert wait_done(page, widget, timeout=30_000) == "passed"
    traffic.assert_only_local()
    traffic.assert_no_errors()


def test_the_build_precompiles_the_lazy_wheels_and_lists_the_warm_up_modules(
    built_site: Path,
) -> None:
    runner = built_site / "assets" / "awaited" / "runner"
    data = json.loads((runner / "manifest.json").read_text(encoding="utf-8"))
    modules = set(data["warmUpModules"])
    assert {"pytest", "_pytest.python", "fastapi", "httpx", "awaited.pytest_plugin"} <= modules
    assert "test_warm_up" not in modules  # the warm-up's own test is not kept
    trio = runner / "wheels" / data["lazyWheels"]["trio"]
    with zipfile.ZipFile(trio) as wheel:
        names = set(wheel.namelist())
    assert {"trio/__init__.pyc", "trio/_core/_run.pyc"} <= names
    assert "trio/_core/_run.py" not in names
    assert (runner / "sources" / "site-packages" / "trio" / "_core" / "_run.py").is_file()
