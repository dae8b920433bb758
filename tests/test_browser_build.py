"""The browser runner's build pieces and its Python shims, proven in CPython.

The same code runs in Pyodide (tests/e2e/test_runner_e2e.py proves that end to end); here each
piece is checked on its own, fast: pins, page placement, the bundle, the server, the loop.
"""

from __future__ import annotations

import asyncio
import gzip
import importlib
import importlib.util
import io
import json
import linecache
import os
import subprocess
import sys
import threading
import time
import tomllib
import traceback
import types
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import brotli
import pytest
from fastapi import BackgroundTasks, FastAPI

from awaited.browser import alarm, event_loop, lazy_sources, no_threads, session
from awaited.browser.event_loop import BrowserEventLoop
from awaited.examples import discover_examples
from awaited.site import precompress
from awaited.site.browser_wheels import SLIM, pinned_hashes
from awaited.site.bytecode import with_bytecode
from awaited.site.course_bundle import awaited_wheel, course_archive, lesson_parts, manifest
from awaited.site.lazy_imports import LAZY_MODULES, lazy_modules_of
from awaited.site.precompress import stored_zip, write_twins
from awaited.site.runner_pages import (
    RunnerPageError,
    add_example_widgets,
    add_exercise_workspace,
)
from awaited.site.serve import ISOLATION_HEADERS, accepted_codings, make_server

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _no_running_loop() -> Iterator[None]:
    """These tests drive event loops by hand. Under xdist the e2e tests may share the worker,
    and Playwright's sync API leaves its own loop marked as running in this thread."""
    saved = asyncio.events._get_running_loop()
    asyncio.events._set_running_loop(None)
    try:
        yield
    finally:
        asyncio.events._set_running_loop(saved)


def _pins(lines: list[str]) -> dict[str, str]:
    pins = {}
    for line in lines:
        text = line.split("#")[0].split(";")[0].strip()
        if "==" in text:
            name, version = text.split("==")
            pins[name.strip().lower()] = version.split()[0].strip()
    return pins


BROWSER_REQUIREMENTS = ("browser-requirements.in", "browser-lazy-requirements.in")


@pytest.mark.parametrize("requirements", BROWSER_REQUIREMENTS)
def test_browser_pins_match_pyproject(requirements: str) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    ours = _pins(project["project"]["dependencies"])
    browser = _pins((ROOT / "web" / requirements).read_text().splitlines())
    assert browser, f"web/{requirements} pins nothing"
    assert {name: ours.get(name) for name in browser} == browser


@pytest.mark.parametrize("requirements", BROWSER_REQUIREMENTS)
def test_every_browser_pin_is_locked_with_a_hash(requirements: str) -> None:
    locked = {pin.split("==")[0] for pin in pinned_hashes(ROOT).values()}
    wanted = set(_pins((ROOT / "web" / requirements).read_text().splitlines()))
    assert wanted <= locked
    assert set(SLIM) <= locked


PAGE = """# Lesson

Some prose.

=== "test_main.py"

    ```python
    --8<-- "lessons/01_x/ex01_first/test_main.py"
    ```

=== "main.py"

    ```python
    --8<-- "lessons/01_x/ex01_first/main.py"
    ```

More prose.

```text
--8<-- "lessons/01_x/ex02_second/pytest-output.txt"
```

## Snapshot

```python
--8<-- "lessons/01_x/ex01_first/test_main.py:part"
```
"""


def test_a_widget_follows_each_examples_blocks_once() -> None:
    result, placed = add_example_widgets(PAGE, {"01_x/ex02_second": "Needs a server."})
    assert placed == ["01_x/ex01_first", "01_x/ex02_second"]
    first = result.index('data-awaited-example="01_x/ex01_first"')
    assert result.index('--8<-- "lessons/01_x/ex01_first/main.py"') < first
    assert first < result.index("More prose.")
    assert result.count('data-awaited-example="01_x/ex01_first"') == 1  # not again in Snapshot
    second = result[result.index('data-awaited-example="01_x/ex02_second"') - 80 :]
    assert "awaited-run--terminal" in second
    assert "Needs a server." in second


def test_an_exercise_page_without_its_task_include_is_refused() -> None:
    with pytest.raises(RunnerPageError, match=r"docs/exercises/01\.md"):
        add_exercise_workspace("# Exercise\n", "01_x", None, Path("docs/exercises/01.md"))
    page = add_exercise_workspace('--8<-- "exercises/01_x/README.md"\n', "01_x", None, Path("x"))
    assert 'data-awaited-exercise="01_x"' in page


def test_the_awaited_wheel_registers_the_plugin_and_holds_the_browser_package() -> None:
    name, data = awaited_wheel(ROOT)
    assert name == "awaited-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(io.BytesIO(data)) as wheel:
        names = set(wheel.namelist())
        entry_points = wheel.read("awaited-0.1.0.dist-info/entry_points.txt").decode()
        record = wheel.read("awaited-0.1.0.dist-info/RECORD").decode()
    assert "awaited = awaited.pytest_plugin" in entry_points
    assert {"awaited/browser/session.py", "awaited/grading.py", "awaited/py.typed"} <= names
    assert all(entry in record for entry in names)
    assert awaited_wheel(ROOT)[1] == data  # same sources, same bytes


def _names_in(archive: bytes) -> set[str]:
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        return set(opened.namelist())


def test_each_lessons_archive_and_part_cover_its_examples_and_exercise_and_nothing_else() -> None:
    assert _names_in(course_archive(ROOT)) == {"pyproject.toml"}
    parts = lesson_parts(manifest(ROOT))
    examples = discover_examples(ROOT)
    assert set(parts) == {example.lesson for example in examples}
    for lesson, part in parts.items():
        names = _names_in(course_archive(ROOT, lesson))
        assert all(name.split("/")[1] == lesson for name in names), lesson
        for example in (e for e in examples if e.lesson == lesson):
            assert example.id in part["examples"]
            for file in part["examples"][example.id]["files"]:
                assert f"lessons/{example.id}/{file}" in names
        assert list(part["exercises"]) == [lesson]  # one exercise per lesson, same slug
        exercise = part["exercises"][lesson]
        assert f"exercises/{lesson}/.meta/exercise.toml" in names
        assert set(exercise["starter"]) == set(exercise["learnerFiles"])
        assert exercise["hints"]


SERVED_PAGE = "<p>page</p>" * 200


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "big.js").write_text("let x = 1;\n" * 500)
    (tmp_path / "plain.txt").write_text("plain")
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text(SERVED_PAGE)
    write_twins(tmp_path, tmp_path / "cache")
    assert not Path(f"{tmp_path / 'plain.txt'}.gz").exists()  # too small to be worth a twin
    server = make_server(tmp_path)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_the_server_sends_isolation_headers_and_precompressed_twins(served: str) -> None:
    request = urllib.request.Request(f"{served}/big.js", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert response.headers["Content-Type"] == "text/javascript"
        assert gzip.decompress(response.read()) == b"let x = 1;\n" * 500
        for name, value in ISOLATION_HEADERS.items():
            assert response.headers[name] == value
    with urllib.request.urlopen(f"{served}/big.js") as response:  # no gzip accepted
        assert response.headers["Content-Encoding"] is None
        assert response.read() == b"let x = 1;\n" * 500
    with urllib.request.urlopen(f"{served}/plain.txt") as response:
        assert response.read() == b"plain"
    page = urllib.request.Request(
        f"{served}/page/", headers={"Accept-Encoding": "gzip, deflate, br, zstd"}
    )
    with urllib.request.urlopen(page) as response:  # a page by its folder's URL, brotli first
        assert response.headers["Content-Encoding"] == "br"
        assert response.headers["Content-Type"] == "text/html"
        assert brotli.decompress(response.read()) == SERVED_PAGE.encode()
    refused = urllib.request.Request(f"{served}/page/", headers={"Accept-Encoding": "br;q=0, gzip"})
    with urllib.request.urlopen(refused) as response:
        assert response.headers["Content-Encoding"] == "gzip"


def test_accepted_codings_honour_q_zero() -> None:
    assert accepted_codings("gzip, deflate, br, zstd") == {"gzip", "deflate", "br", "zstd"}
    assert accepted_codings("br;q=0, gzip;q=0.5, identity") == {"gzip", "identity"}
    assert accepted_codings("") == set()


def test_archives_are_shipped_uncompressed_inside_for_the_twins_to_compress(
    tmp_path: Path,
) -> None:
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("pkg/__init__.py", "x = 1\n" * 400)
        archive.writestr("pkg/mod.py", "y = 2\n")
    stored = stored_zip(packed.getvalue())
    with zipfile.ZipFile(io.BytesIO(stored)) as archive:
        assert [i.compress_type for i in archive.infolist()] == [zipfile.ZIP_STORED] * 2
        assert archive.read("pkg/__init__.py") == b"x = 1\n" * 400
    (tmp_path / "a.whl").write_bytes(stored)
    write_twins(tmp_path, tmp_path / "cache")
    assert brotli.decompress((tmp_path / "a.whl.br").read_bytes()) == stored
    assert len(list((tmp_path / "cache").glob("*.br"))) == 1  # the next build reuses it


def test_the_browser_loop_runs_asyncio_code() -> None:
    loop = BrowserEventLoop()
    try:

        async def work() -> list[int]:
            order: list[int] = []

            async def later() -> None:
                await asyncio.sleep(0.01)
                order.append(2)

            task = asyncio.create_task(later())
            order.append(1)
            await task
            return order

        assert loop.run_until_complete(work()) == [1, 2]
    finally:
        loop.close()


def test_an_await_that_can_never_finish_meets_its_time_limit_at_once() -> None:
    fired: list[int] = []

    def on_alarm(signum: int, frame: object) -> None:
        fired.append(signum)
        raise TimeoutError("the test's time limit")

    loop = BrowserEventLoop()
    cancel = alarm.arm(30, on_alarm)
    try:
        with pytest.raises(TimeoutError):
            loop.run_until_complete(asyncio.Event().wait())
    finally:
        cancel()
        loop.close()
    assert len(fired) == 1
    assert alarm.deadline() is None


def test_tests_own_the_loop_hides_a_running_loop_and_restores_it() -> None:
    async def inside() -> None:
        running = asyncio.get_running_loop()
        with event_loop.tests_own_the_loop():
            assert asyncio.events._get_running_loop() is None
            fresh = asyncio.new_event_loop()
            fresh.close()
            assert isinstance(fresh, BrowserEventLoop)
        assert asyncio.get_running_loop() is running

    asyncio.run(inside())


@pytest.fixture
def no_threads_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The browser's patches, undone after the test (monkeypatch records the originals)."""
    import concurrent.futures

    import anyio.from_thread
    import anyio.to_thread

    monkeypatch.setattr(anyio.to_thread, "run_sync", no_threads.run_sync_inline)
    monkeypatch.setattr(anyio.from_thread, "start_blocking_portal", no_threads.inline_portal)
    monkeypatch.setattr(concurrent.futures, "wait", no_threads.wait_inline)
    monkeypatch.setattr("starlette.testclient.wait_futures", no_threads.wait_inline)


@pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
def test_testclient_runs_on_this_thread_with_background_tasks_done(
    no_threads_installed: None,
) -> None:
    from fastapi.testclient import TestClient  # imported here: it warns about httpx2

    app = FastAPI()
    done: list[str] = []
    threads: list[str] = []

    @app.post("/jobs")
    async def start(tasks: BackgroundTasks) -> dict[str, str]:
        tasks.add_task(done.append, "job")
        return {"status": "queued"}

    @app.get("/sync")
    def sync_endpoint() -> dict[str, str]:
        threads.append(threading.current_thread().name)
        return {"ok": "yes"}

    before = threading.active_count()
    with TestClient(app) as client:
        assert client.post("/jobs").json() == {"status": "queued"}
        assert done == ["job"]  # as with the threaded portal: done before the response returns
        assert client.get("/sync").json() == {"ok": "yes"}
    assert threads == [threading.current_thread().name]
    assert threading.active_count() == before


@pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
def test_testclient_cancels_leftover_tasks_when_its_loop_ends(no_threads_installed: None) -> None:
    from fastapi.testclient import TestClient

    app = FastAPI()
    states: list[str] = []

    async def slow_job() -> None:
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            states.append("cancelled")
            raise

    @app.post("/jobs")
    async def start() -> dict[str, str]:
        asyncio.get_running_loop().create_task(slow_job())
        return {"status": "started"}

    TestClient(app).post("/jobs")  # no `with`: one loop per request, ended after it
    assert states == ["cancelled"]


def _zip_of(entries: dict[str, bytes]) -> bytes:
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return packed.getvalue()


def test_precompiled_modules_ship_as_bytecode_and_their_sources_come_out() -> None:
    wheel = _zip_of(
        {
            "pkg/__init__.py": b"from pkg.fast import x\n",
            "pkg/fast.py": b"x = 1\n",
            "pkg-1.0.dist-info/RECORD": b"pkg/__init__.py,sha256=a,23\npkg/fast.py,sha256=b,6\n",
        }
    )
    pyc = b"\x00pretend bytecode"
    shipped, sources = with_bytecode(wheel, {"pkg/fast.py": pyc})
    assert sources == {"pkg/fast.py": b"x = 1\n"}
    with zipfile.ZipFile(io.BytesIO(shipped)) as archive:
        assert archive.namelist() == ["pkg/__init__.py", "pkg/fast.pyc", "pkg-1.0.dist-info/RECORD"]
        assert archive.read("pkg/fast.pyc") == pyc
        record = archive.read("pkg-1.0.dist-info/RECORD").decode().splitlines()
    assert record[0] == "pkg/__init__.py,sha256=a,23"
    assert record[1].startswith("pkg/fast.pyc,sha256=") and record[1].endswith(f",{len(pyc)}")


def test_a_lone_pyc_imports_and_its_source_is_fetched_when_a_traceback_shows_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = "def boom():\n    raise ValueError('from bytecode')\n"
    (tmp_path / "site").mkdir()
    module_file = tmp_path / "site" / "lone_module.py"
    code = compile(source, str(module_file), "exec")
    pyc = importlib._bootstrap_external._code_to_hash_pyc(  # type: ignore[attr-defined]
        code, importlib.util.source_hash(source.encode()), False
    )
    (tmp_path / "site" / "lone_module.pyc").write_bytes(pyc)  # no .py beside it
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.setattr(linecache, "updatecache", linecache.updatecache)  # undone afterwards
    monkeypatch.delitem(sys.modules, "lone_module", raising=False)
    fetched: list[str] = []

    def fetch(url: str) -> str | None:
        fetched.append(url)
        return source if url == "https://site/sources/lone_module.py" else None

    lazy_sources.install({f"{tmp_path / 'site'}/": "https://site/sources/"}, fetch)
    module = importlib.import_module("lone_module")
    assert module.__file__.endswith(".pyc")
    with pytest.raises(ValueError) as caught:
        module.boom()
    text = "".join(traceback.format_exception(caught.value))
    assert "raise ValueError('from bytecode')" in text
    assert fetched == ["https://site/sources/lone_module.py"]
    assert linecache.getline(str(tmp_path / "elsewhere.py"), 1) == ""  # outside every root


def test_a_first_run_that_stands_in_for_the_warm_up_leaves_the_warm_ups_baseline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What the first run imported stays only if the warm-up would have imported it too, so
    the next run imports the example's own modules (`main`) afresh."""
    monkeypatch.setattr(session, "_baseline", set())
    monkeypatch.setattr(session, "_before_first_run", None)
    monkeypatch.setattr(session, "_warm_up_modules", frozenset())
    assert not session.can_skip_warm_up()  # a build without the list always warms up
    monkeypatch.setattr(session, "_warm_up_modules", frozenset({"warmed_by_both"}))
    assert session.can_skip_warm_up()
    session.skip_warm_up()
    monkeypatch.setitem(sys.modules, "warmed_by_both", types.ModuleType("warmed_by_both"))
    monkeypatch.setitem(sys.modules, "main", types.ModuleType("main"))
    session._baseline_after_first_run()
    assert {"sys", "pytest", "warmed_by_both"} <= session._baseline
    assert "main" not in session._baseline
    baseline = set(session._baseline)
    session._baseline_after_first_run()  # only the first run sets it
    assert session._baseline == baseline


def test_a_page_prepares_the_lazy_modules_its_code_will_import(tmp_path: Path) -> None:
    trio = list(LAZY_MODULES["trio"])
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "test_main.py").write_text("import httpx\nimport pytest\n")
    assert lazy_modules_of(tmp_path / "plain") == []
    (tmp_path / "marked").mkdir()
    (tmp_path / "marked" / "test_main.py").write_text(
        "import pytest\n\n@pytest.mark.anyio\nasync def test_x() -> None: ...\n"
    )
    assert lazy_modules_of(tmp_path / "marked") == trio  # anyio runs it on trio too
    (tmp_path / "configured").mkdir()
    (tmp_path / "configured" / "pytest.ini").write_text("[pytest]\nanyio_mode = auto\n")
    (tmp_path / "configured" / "broken.py").write_text("def (:\n")  # skipped, not fatal
    assert lazy_modules_of(tmp_path / "configured") == trio
    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "main.py").write_text(
        "from sqlalchemy.ext.asyncio import create_async_engine\n"
        "engine = create_async_engine('sqlite+aiosqlite:///:memory:')\n"
    )
    assert lazy_modules_of(tmp_path / "db") == [
        *LAZY_MODULES["sqlalchemy"],
        *LAZY_MODULES["aiosqlite"],
    ]


def _unpack_with_node(tmp_path: Path, archive: bytes) -> dict[str, object]:
    """Run web/runner/stored_zip.js under Node on `archive`, with a stand-in file system."""
    (tmp_path / "archive.zip").write_bytes(archive)
    module = json.dumps(str(ROOT / "web" / "runner" / "stored_zip.js"))
    zip_path = json.dumps(str(tmp_path / "archive.zip"))
    script = tmp_path / "unpack.mjs"
    script.write_text(
        f"import {{ extractStoredZip }} from {module};\n"
        "import fs from 'node:fs';\n"
        "const files = {}, folders = [];\n"
        "const FS = { mkdirTree: (p) => folders.push(p),\n"
        "  writeFile: (p, data) => { files[p] = Buffer.from(data).toString('utf8'); } };\n"
        f"const bytes = new Uint8Array(fs.readFileSync({zip_path}));\n"
        "try { extractStoredZip(FS, bytes, '/site', 'archive.zip');\n"
        "  console.log(JSON.stringify({ files, folders })); }\n"
        "catch (error) { console.log(JSON.stringify({ error: error.message })); }\n",
        encoding="utf-8",
    )
    done = subprocess.run(["node", str(script)], capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_the_worker_unpacks_stored_archives_itself_and_refuses_compressed_ones(
    tmp_path: Path,
) -> None:
    stored = io.BytesIO()
    with zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("pkg/__init__.py", "x = 1\n")
        archive.writestr("pkg/sub/mod.py", "y = 'é'\n")
        archive.writestr("pkg-1.0.dist-info/", "")
        archive.writestr("pkg-1.0.dist-info/METADATA", "Name: pkg\n")
    unpacked = _unpack_with_node(tmp_path, stored.getvalue())
    assert unpacked["files"] == {
        "/site/pkg/__init__.py": "x = 1\n",
        "/site/pkg/sub/mod.py": "y = 'é'\n",
        "/site/pkg-1.0.dist-info/METADATA": "Name: pkg\n",
    }
    deflated = io.BytesIO()
    with zipfile.ZipFile(deflated, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("pkg/__init__.py", "x = 1\n" * 50)
    refused = _unpack_with_node(tmp_path, deflated.getvalue())
    assert refused == {
        "error": "archive.zip: pkg/__init__.py is compressed; the build stores every entry"
    }
    assert "not a zip archive" in str(_unpack_with_node(tmp_path, b"not a zip")["error"])


def test_twins_come_from_the_cache_and_stale_entries_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    (site / "app.js").write_bytes(b"let y = 2;\n" * 400)
    write_twins(site, cache)
    assert gzip.decompress((site / "app.js.gz").read_bytes()) == b"let y = 2;\n" * 400
    assert brotli.decompress((site / "app.js.br").read_bytes()) == b"let y = 2;\n" * 400
    stale = cache / f"{'0' * 64}.br"
    stale.write_bytes(b"from a page no build makes any more")
    eight_days_ago = time.time() - 8 * 24 * 3600
    for entry in cache.glob("*.*"):  # the twins in use are as old, but still in use
        os.utime(entry, (eight_days_ago, eight_days_ago))

    def no_compressing(data: bytes, coding: str) -> bytes:
        raise AssertionError("a cached twin was compressed again")

    monkeypatch.setattr(precompress, "_compress", no_compressing)
    (site / "app.js.gz").unlink()
    write_twins(site, cache)
    assert (site / "app.js.gz").is_file()
    assert not stale.exists()
    twins = [entry.suffix for entry in cache.iterdir() if entry.name != ".lock"]
    assert sorted(twins) == [".br", ".gz"]


def test_pytest_timeout_marks_use_the_alarm_and_leave_sigalrm_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In the browser SIGALRM carries the runner's ticks: a `@pytest.mark.timeout` test must
    fail through the alarm, with pytest-timeout's own message, and keep the tick handler."""
    import signal

    (tmp_path / "test_hangs.py").write_text(
        "import asyncio\n\nimport pytest\n\n\n"
        "@pytest.mark.timeout(0.5)\n@pytest.mark.asyncio\n"
        "async def test_hangs():\n    await asyncio.Event().wait()\n",
        encoding="utf-8",
    )
    (tmp_path / "pytest.ini").write_text(
        "[pytest]\nasyncio_mode = strict\nasyncio_default_fixture_loop_scope = function\n",
        encoding="utf-8",
    )

    def tick(signum: int, frame: object) -> None:
        """Stands in for the runner's tick handler (alarm.install_tick_handler)."""

    previous = signal.signal(signal.SIGALRM, tick)
    try:
        with event_loop.tests_own_the_loop():
            code = pytest.main(
                [str(tmp_path), "-q", "-p", "no:awaited", "-p", "no:cacheprovider"],
                plugins=[session._PytestTimeoutOnTheAlarm()],
            )
        assert signal.getsignal(signal.SIGALRM) is tick
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert code == pytest.ExitCode.TESTS_FAILED
    assert "Failed: Timeout (>0.5s) from pytest-timeout." in capsys.readouterr().out
    assert alarm.deadline() is None
