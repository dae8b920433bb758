"""How fast is the browser runner, and how much does a reader download before the first result?

Builds the site, serves it with `awaited.site.serve` (what `make serve` runs: isolation headers,
precompressed files) and drives headless Chromium (Debian's `chromium`, through Playwright):

- cold: a fresh browser profile (empty cache) opens the first lesson and presses Run on its
  first example at once; the time from navigation start to the result on screen;
- warm: from there the reader follows the navigation to the next lesson (Material's instant
  navigation: the worker stays) and presses Run at once; from the click to the result;
- new tab: the same profile opens that lesson in a new tab: Python starts again, from the
  HTTP cache (shown for information; it has no target of its own);
- re-check: on the first exercise page holding the reference solution, the second Check of the
  same code (the app and every mutant), from click to verdict;
- bytes: what travelled on the wire (compressed) before the cold first result.

Each figure is the median of --runs runs, printed beside its target (DESIGN.md) and beside
the same figure for a baseline site measured in the same runs, turn about: the same build
without precompiled bytecode (AWAITED_RUNNER_BYTECODE=off), so Python compiles every module it
imports from source, as the runner did before. The ratio to the baseline holds up on a busy
machine; the seconds do not.

    .venv/bin/python benchmarks/browser_startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from site_support import build_site  # noqa: E402

from awaited.catalog import load_exercises  # noqa: E402
from awaited.site.serve import make_server  # noqa: E402

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
TARGETS = {"cold": 2.5, "warm": 1.0, "new tab": 0.0, "recheck": 0.3, "megabytes": 8.0}
STORE_KEY = "awaited:runner:v1"
STAGE_PREFIX = "stage: "  # figures that only explain the cold start; not compared to a target
STAGES = {
    "page starts the worker": "the page starts the worker",
    "worker": "the worker's script runs",
    "pyodideModule": "Pyodide's JavaScript loaded",
    "python": "Python is up (WebAssembly, stdlib)",
    "wheels": "wheels and course installed",
    "imports": "awaited.browser.session started",
    "warmUp": "warm-up done (or skipped)",
}
# Resolves once the widget's status leaves "running"; returns ms since navigation start.
WAIT_RESULT = """el => new Promise(resolve => {
    const done = () => el.dataset.awaitedStatus && el.dataset.awaitedStatus !== 'running';
    if (done()) return resolve(performance.now());
    new MutationObserver(() => { if (done()) resolve(performance.now()); })
        .observe(el, {attributes: true});
})"""


def run_first_example(page: Page, url: str) -> float:
    """Open `url`, press the first Run as soon as it exists: seconds from navigation to result."""
    page.goto(url, wait_until="commit")
    widget = page.locator(".awaited-run[data-awaited-ready]").first
    widget.locator("[data-action=run]").click()
    finished = widget.evaluate(WAIT_RESULT)
    status = widget.get_attribute("data-awaited-status")
    if status not in ("passed", "failed"):
        sys.exit(f"the example did not run in the browser ({status}): {widget.inner_text()}")
    return float(finished) / 1000


def run_after_navigation(page: Page, path: str) -> float:
    """Follow the navigation link to `path`, press its first Run: seconds from click to result."""
    started = page.evaluate("performance.now()")
    page.locator(f'.md-nav__link[href$="{path}"]').first.click()
    page.wait_for_url(f"**/{path}")
    widget = page.locator(".awaited-run[data-awaited-ready]").first
    widget.locator("[data-action=run]").click()
    finished = widget.evaluate(WAIT_RESULT)
    return (float(finished) - float(started)) / 1000


def recheck(page: Page, url: str, files: dict[str, str]) -> float:
    page.add_init_script(
        f"localStorage.setItem({STORE_KEY!r}, "
        f"{json.dumps(json.dumps({'version': 1, 'files': files, 'exercises': {}, 'backups': []}))})"
    )
    page.goto(url)
    workspace = page.locator(".awaited-workspace[data-awaited-ready]")
    seconds = []
    for _ in range(2):
        started = page.evaluate("performance.now()")
        workspace.locator("[data-action=check]").click()
        finished = workspace.evaluate(WAIT_RESULT)
        if workspace.get_attribute("data-awaited-status") != "pass":
            sys.exit(f"the solution did not pass in the browser: {workspace.inner_text()}")
        seconds.append((float(finished) - float(started)) / 1000)
        page.evaluate("el => { el.dataset.awaitedStatus = 'running'; }", workspace.element_handle())
    return seconds[-1]


def one_run(
    browser: Browser, origin: str, pages: list[str], exercise: str, files: dict[str, str]
) -> dict[str, float]:
    context = browser.new_context()
    transferred: list[tuple[float, int]] = []  # (when the response ended, ms since the epoch)
    context.on(
        "requestfinished",
        lambda request: transferred.append(
            (
                request.timing["startTime"] + request.timing["responseEnd"],
                request.sizes()["responseBodySize"],
            )
        ),
    )
    page = context.new_page()
    cold = run_first_example(page, f"{origin}/{pages[0]}")
    # Only what arrived before the result: the idle worker goes on to fetch what the page's
    # anyio examples need (trio), after it.
    result_at = float(page.evaluate("performance.timeOrigin")) + cold * 1000
    megabytes = sum(size for ended, size in transferred if ended <= result_at) / 1e6
    stages = boot_stages(page)
    warm = run_after_navigation(page, pages[1])
    new_tab = run_first_example(context.new_page(), f"{origin}/{pages[1]}")
    check = recheck(context.new_page(), f"{origin}/{exercise}", files)
    context.close()
    return {
        "cold": cold,
        "warm": warm,
        "new tab": new_tab,
        "recheck": check,
        "megabytes": megabytes,
        **{f"{STAGE_PREFIX}{name}": seconds for name, seconds in stages.items()},
    }


def boot_stages(page: Page) -> dict[str, float]:
    """When (s after navigation start) each step of the cold start ended (worker.js)."""
    stages: dict[str, float] = page.evaluate(
        """() => {
            const runtime = awaitedRunner.runtime, origin = performance.timeOrigin;
            const at = (t) => (t - origin) / 1000;
            return Object.fromEntries([["page starts the worker", at(runtime.startedAt)],
                ...Object.entries(runtime.bootStages).map(([k, t]) => [k, at(t)])]);
        }"""
    )
    return stages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("Debian's chromium is needed: apt-get install chromium")
    exercise = load_exercises(ROOT)[0]
    files = {
        f"{exercise.slug}/{name}": (exercise.solution_dir / name).read_text(encoding="utf-8")
        for name in exercise.meta.learner_files
    }
    lessons = sorted(p.stem for p in (ROOT / "docs" / "lessons").glob("[0-9]*.md"))
    # The second page is the next lesson, or the exercise while the course has only one lesson.
    pages = [f"lessons/{name}/" for name in lessons]
    if len(pages) < 2:
        sys.exit("the benchmark needs two lesson pages")
    exercise_page = f"exercises/{exercise.slug.replace('_', '-')}/"
    variants = {"baseline": {"AWAITED_RUNNER_BYTECODE": "off"}, "current": {}}
    results: dict[str, list[dict[str, float]]] = {name: [] for name in variants}
    with tempfile.TemporaryDirectory() as scratch:
        origins = {}
        servers = []
        for name, env in variants.items():
            site = Path(scratch) / name
            server = make_server(site)
            origins[name] = f"http://127.0.0.1:{server.server_address[1]}"
            built = build_site(site, site_url=origins[name] + "/", env=env)
            if built.returncode != 0:
                sys.exit(built.stdout + built.stderr)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            servers.append(server)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
            for number in range(runs):
                for name in variants:
                    figures = one_run(browser, origins[name], pages, exercise_page, files)
                    results[name].append(figures)
                    print(
                        f"run {number + 1} {name:>8}: "
                        + ", ".join(
                            f"{k} {v:.2f}"
                            for k, v in figures.items()
                            if not k.startswith(STAGE_PREFIX)
                        )
                    )
            browser.close()
        for server in servers:
            server.shutdown()
    print(f"\nmedian of {runs} runs (headless Chromium, localhost, make serve's server)")
    print(f"{'figure':<36}{'baseline':>10}{'measured':>10}{'vs base':>9}{'target':>8}{'ratio':>8}")
    labels = {
        "cold": "cold first result (s)",
        "warm": "warm: next page's first result (s)",
        "new tab": "next page in a new tab (s)",
        "recheck": "re-check with mutants (s)",
        "megabytes": "MB on the wire before result",
    }
    for key, label in labels.items():
        base = statistics.median(r[key] for r in results["baseline"])
        median = statistics.median(r[key] for r in results["current"])
        target = TARGETS[key]
        against_target = (
            f"{target:>8.2f}{median / target:>7.2f}x" if target else f"{'-':>8}{'-':>8}"
        )
        print(f"{label:<36}{base:>10.2f}{median:>10.2f}{median / base:>8.2f}x{against_target}")
    print("\nwhere the cold start goes: s after navigation start, when each step ended (median)")
    for key, label in STAGES.items():
        times = {
            name: statistics.median(r[f"{STAGE_PREFIX}{key}"] for r in runs_of)
            for name, runs_of in results.items()
        }
        print(f"{label:<36}{times['baseline']:>10.2f}{times['current']:>10.2f}")


if __name__ == "__main__":
    main()
