"""Unit tests of `awaited.examples`: discovery, normalisation, the run environment, updates."""

from __future__ import annotations

import io
import os
import sysconfig
from pathlib import Path

import pytest
from _pytest._io import TerminalWriter

from awaited import examples
from awaited.examples import (
    Example,
    diff_output,
    discover_examples,
    example_env,
    normalize_output,
    run_example,
    update_outputs,
)

SITE_PACKAGES = Path(sysconfig.get_paths()["purelib"])
STDLIB = Path(sysconfig.get_paths()["stdlib"])


@pytest.fixture
def example_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "repo" / "lessons" / "01_lesson" / "ex01_demo"
    folder.mkdir(parents=True)
    return folder


def write_example(folder: Path, test_source: str) -> Example:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pytest.ini").write_text(
        "[pytest]\nasyncio_default_fixture_loop_scope = function\nfilterwarnings = error\n",
        encoding="utf-8",
    )
    (folder / "test_demo.py").write_text(test_source, encoding="utf-8")
    return Example(lesson=folder.parent.name, name=folder.name, path=folder)


# -- discovery -----------------------------------------------------------------------------


def test_discover_finds_example_folders_sorted(tmp_path: Path) -> None:
    for folder in (
        "lessons/02_plugins/ex01_strict",
        "lessons/01_first/ex10_tenth",
        "lessons/01_first/ex02_second",
        "lessons/01_first/ex01_first",
    ):
        (tmp_path / folder).mkdir(parents=True)

    found = discover_examples(tmp_path)

    assert [(e.lesson, e.name) for e in found] == [
        ("01_first", "ex01_first"),
        ("01_first", "ex02_second"),
        ("01_first", "ex10_tenth"),
        ("02_plugins", "ex01_strict"),
    ]
    assert found[0].path == tmp_path / "lessons" / "01_first" / "ex01_first"
    assert found[0].id == "01_first/ex01_first"


def test_discover_ignores_files_other_folders_and_deeper_levels(tmp_path: Path) -> None:
    lesson = tmp_path / "lessons" / "01_first"
    (lesson / "ex01_real" / "ex99_nested").mkdir(parents=True)
    (lesson / "notes").mkdir()
    (lesson / "__pycache__").mkdir()
    (lesson / "ex02_file.py").write_text("", encoding="utf-8")
    (tmp_path / "exercises" / "01_first" / "ex01_not_a_lesson").mkdir(parents=True)

    assert [e.name for e in discover_examples(tmp_path)] == ["ex01_real"]


def test_discover_without_lessons_finds_nothing(tmp_path: Path) -> None:
    assert discover_examples(tmp_path) == []


def test_output_file_sits_in_the_example_folder(tmp_path: Path) -> None:
    example = Example(lesson="01_first", name="ex01_a", path=tmp_path)
    assert example.output_file == tmp_path / "pytest-output.txt"


# -- normalisation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("1 passed in 0.05s", "1 passed"),
        ("1 failed, 2 passed in 12.31s", "1 failed, 2 passed"),
        ("2 passed, 1 warning in 61.02s (0:01:01)", "2 passed, 1 warning"),
        ("1 error in 0.30s", "1 error"),
        ("no tests ran in 0.01s", "no tests ran"),
        ("1 passed, 3 deselected in 0.2s", "1 passed, 3 deselected"),
    ],
)
def test_quiet_summary_loses_its_timing(line: str, expected: str, example_dir: Path) -> None:
    assert normalize_output(f".\n{line}\n", example_dir) == f".\n{expected}\n"


def test_framed_summary_is_framed_again_at_the_fixed_width(example_dir: Path) -> None:
    framed = "=" * 30 + " 1 passed in 0.24s " + "=" * 31

    assert normalize_output(framed, example_dir) == "=" * 35 + " 1 passed " + "=" * 35 + "\n"


@pytest.mark.parametrize("title", ["1 passed", "1 failed, 12 passed", "no tests ran", "1 error"])
def test_framing_matches_pytests_own_separator(title: str, example_dir: Path) -> None:
    with_time = pytest_separator(f"{title} in 0.24s")

    assert normalize_output(with_time, example_dir) == pytest_separator(title)


def pytest_separator(title: str) -> str:
    """The line pytest's own TerminalWriter draws around `title` on the examples' terminal."""
    buffer = io.StringIO()
    writer = TerminalWriter(buffer)
    writer.fullwidth = examples.TERMINAL_WIDTH
    writer.sep("=", title)
    return buffer.getvalue()


def test_other_lines_with_timings_are_kept(example_dir: Path) -> None:
    text = "E   assert 'took 2 passed in 0.5s' == ''\nsleeping in 0.5s\n"
    assert normalize_output(text, example_dir) == text


def test_absolute_paths_in_the_example_become_relative(example_dir: Path) -> None:
    text = f"{example_dir}/test_main.py:11: TypeError: boom\n"
    assert normalize_output(text, example_dir) == "test_main.py:11: TypeError: boom\n"


def test_absolute_paths_in_the_repo_become_relative_to_it(example_dir: Path) -> None:
    repo = example_dir.parent.parent.parent
    text = f"{repo}/src/awaited/pytest_plugin.py:3: in <module>\n"
    assert normalize_output(text, example_dir) == "src/awaited/pytest_plugin.py:3: in <module>\n"


def test_library_paths_become_placeholders(example_dir: Path) -> None:
    text = (
        f'File "{SITE_PACKAGES}/_pytest/main.py", line 329, in wrap_session\n'
        f"{STDLIB}/warnings.py:537: in _warn_unawaited_coroutine\n"
    )
    assert normalize_output(text, example_dir) == (
        'File "<site-packages>/_pytest/main.py", line 329, in wrap_session\n'
        "<stdlib>/warnings.py:537: in _warn_unawaited_coroutine\n"
    )


def test_library_paths_printed_relative_to_the_example_become_placeholders(
    example_dir: Path,
) -> None:
    relative = os.path.relpath(SITE_PACKAGES, example_dir)
    text = f"{relative}/starlette/testclient.py:40: in <module>\n"
    assert (
        normalize_output(text, example_dir)
        == "<site-packages>/starlette/testclient.py:40: in <module>\n"
    )


def test_addresses_carets_and_trailing_space_go(example_dir: Path) -> None:
    text = (
        "\n"
        "test_main.py:9: in test_health   \n"
        "    async with httpx.AsyncClient(app=app) as client:\n"
        "               ^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
        "INTERNALERROR>           ~~~~^^^^^^^^\n"
        "E   Warning: Exception ignored in: <coroutine object AsyncClient.get at 0x7f5de41dc820>\n"
        "\n\n"
    )
    assert normalize_output(text, example_dir) == (
        "test_main.py:9: in test_health\n"
        "    async with httpx.AsyncClient(app=app) as client:\n"
        "E   Warning: Exception ignored in: <coroutine object AsyncClient.get at 0x...>\n"
    )


def test_lines_with_more_than_markers_are_kept(example_dir: Path) -> None:
    text = "E   assert x ^ y\nE     ^ marks the spot\n"
    assert normalize_output(text, example_dir) == text


def test_windows_line_endings_become_newlines(example_dir: Path) -> None:
    assert normalize_output(".\r\n1 passed in 0.1s\r\n", example_dir) == ".\n1 passed\n"


def test_normalising_twice_changes_nothing(example_dir: Path) -> None:
    text = f"{example_dir}/test_main.py:1: boom at 0x7fff1234abcd   \n== 1 failed in 0.1s ==\n"
    once = normalize_output(text, example_dir)
    assert normalize_output(once, example_dir) == once


def test_diff_shows_both_sides_and_is_empty_when_equal() -> None:
    assert diff_output("1 passed\n", "1 passed\n") == ""
    diff = diff_output("1 passed\n", "1 failed\n", "ex/pytest-output.txt")
    assert "--- ex/pytest-output.txt (recorded)" in diff
    assert "-1 passed" in diff
    assert "+1 failed" in diff


# -- the run environment -------------------------------------------------------------------


def test_env_drops_what_changes_pytests_output() -> None:
    base = {
        "PATH": "/bin",
        "CI": "true",
        "PYTEST_ADDOPTS": "-x",
        "PYTEST_XDIST_WORKER": "gw0",
        "FORCE_COLOR": "1",
        "PYTHONWARNINGS": "ignore",
    }

    env = example_env(base)

    assert env["PATH"] == "/bin"
    assert not {
        "CI",
        "PYTEST_ADDOPTS",
        "PYTEST_XDIST_WORKER",
        "FORCE_COLOR",
        "PYTHONWARNINGS",
    } & set(env)
    assert env["COLUMNS"] == "80"
    assert env["PY_COLORS"] == "0"
    assert env["PYTHONDONTWRITEBYTECODE"] == "1"


def test_run_reports_exit_code_and_normalised_output(
    example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")  # would stop pytest from shortening the summary line
    monkeypatch.setenv("PYTEST_ADDOPTS", "--collect-only")
    example = write_example(
        example_dir,
        "import os\n\n\n"
        "def test_env():\n"
        "    assert 'CI' not in os.environ\n\n\n"
        "def test_fails():\n"
        "    assert 'a long message that pytest shortens in the short summary' == ''\n",
    )

    run = run_example(example)

    assert run.exit_code == 1
    assert run.output.startswith(".F")
    failed = next(line for line in run.output.splitlines() if line.startswith("FAILED"))
    assert failed.startswith("FAILED test_demo.py::test_fails - AssertionError: assert 'a long")
    assert len(failed) <= 80  # shortened to the 80-column terminal, even though CI is set
    assert run.output.endswith("\n1 failed, 1 passed\n")
    assert str(example_dir) not in run.output
    assert not (example_dir / "__pycache__").exists()
    assert not (example_dir / ".pytest_cache").exists()


def test_update_rewrites_only_recorded_outputs(tmp_path: Path) -> None:
    lessons = tmp_path / "lessons" / "01_lesson"
    recorded = write_example(lessons / "ex01_recorded", "def test_ok():\n    pass\n")
    recorded.output_file.write_text("stale\n", encoding="utf-8")
    write_example(lessons / "ex02_unrecorded", "def test_ok():\n    pass\n")

    assert update_outputs(tmp_path) == [recorded.output_file]
    assert recorded.output_file.read_text(encoding="utf-8").endswith("1 passed\n")
    assert not (lessons / "ex02_unrecorded" / "pytest-output.txt").exists()
    assert update_outputs(tmp_path) == []  # nothing changed the second time
