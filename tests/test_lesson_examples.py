"""Every lesson example runs, and every output a lesson page shows is real.

Each example folder is run the way a learner runs it (`awaited.examples.run_example`): one
`python -m pytest` per folder, about 0.7 s each, so this file parallelises well with `-n auto`.
The browser tests reuse those runs (tests/terminal_runs.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from terminal_runs import TerminalRuns

from awaited.examples import OUTPUT_FILE, Example, diff_output, discover_examples

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = discover_examples(ROOT)
PAGES = sorted((ROOT / "docs" / "lessons").glob("*.md"))
REGENERATE = (
    "`.venv/bin/awaited dev outputs --update` (or `.venv/bin/python -m awaited.examples --update`)"
)

# `--8<-- "path"` or `--8<-- "path:section"`, as pymdownx.snippets reads them on a line.
SNIPPET = re.compile(r'^[ \t]*-{1,}8<-{1,}[ \t]+"(?P<target>[^"]+)"[ \t]*$')
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
# What a pytest run prints; such text on a page must come from a recorded file.
PYTEST_TEXT = re.compile(
    r"\d+ (?:passed|failed|errors?)\b|short test summary info|\[100%\]|^(?:FAILED|ERROR) \S+::"
)
CODE_SPAN = re.compile(r"(?P<ticks>`+)(?P<code>.+?)(?P=ticks)")


def page_lesson(page: Path) -> str:
    """`docs/lessons/01-first-async-test.md` -> `01_first_async_test`."""
    return page.stem.replace("-", "_")


def fenced_blocks(text: str) -> list[tuple[str, list[str]]]:
    """The fenced code blocks of a markdown page: (info string, body lines)."""
    blocks: list[tuple[str, list[str]]] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        index += 1
        if opening is None:
            continue
        fence, body = opening["fence"], []
        while index < len(lines):
            closing = FENCE.match(lines[index])
            index += 1
            if closing and closing["fence"].startswith(fence) and not closing["info"].strip():
                break
            body.append(lines[index - 1])
        blocks.append((opening["info"].strip(), body))
    return blocks


def snippet_targets(text: str) -> list[str]:
    return [match["target"] for line in text.splitlines() if (match := SNIPPET.match(line))]


def split_target(target: str) -> tuple[Path, str | None]:
    path, _, section = target.partition(":")
    return ROOT / path, section or None


def test_there_are_examples() -> None:
    assert EXAMPLES, f"no example folders found under {ROOT / 'lessons'}"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.id)
def test_example(example: Example, terminal_runs: TerminalRuns) -> None:
    result = terminal_runs(example)
    shown = example.output_file.relative_to(ROOT)
    if not example.output_file.is_file():
        if result.exit_code != 0:
            pytest.fail(
                f"{example.id} exited with {result.exit_code}. An example passes unless it exists "
                f"to show a failure; then record its output: create an empty {shown} and run "
                f"{REGENERATE}.\n\n{result.output}",
                pytrace=False,
            )
        return
    recorded = example.output_file.read_text(encoding="utf-8")
    diff = diff_output(recorded, result.output, str(shown))
    if diff:
        pytest.fail(
            f"{shown} no longer matches a fresh run of {example.id}. If the new output is "
            f"right, regenerate it with {REGENERATE} and review the diff; if not, fix the "
            f"example.\n\n{diff}",
            pytrace=False,
        )


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_included_file_exists(page: Path) -> None:
    problems = []
    for target in snippet_targets(page.read_text(encoding="utf-8")):
        path, section = split_target(target)
        if not path.is_file():
            problems.append(f"{target}: no such file")
        elif section and f"--8<-- [start:{section}]" not in path.read_text(encoding="utf-8"):
            problems.append(f"{target}: no section [start:{section}] in {path.name}")
    assert problems == []


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_recorded_output_is_shown_by_include(page: Path) -> None:
    """Each `pytest-output.txt` of the page's lesson appears on the page through `--8<--`,
    inside a ```text fence, and no fence holds pytest output typed by hand."""
    text = page.read_text(encoding="utf-8")
    included = set()
    problems = []
    for info, body in fenced_blocks(text):
        targets = snippet_targets("\n".join(body))
        outputs = [target for target in targets if target.endswith(OUTPUT_FILE)]
        included.update(outputs)
        if outputs and not info.startswith("text"):
            problems.append(f"{outputs[0]} is included in a ```{info} fence, not ```text")
        typed = [line for line in body if not SNIPPET.match(line) and line.strip()]
        if outputs and typed:
            problems.append(f"the fence with {outputs[0]} also holds typed lines: {typed[:2]}")
        elif not targets and any(PYTEST_TEXT.search(line) for line in body):
            problems.append(f"a ```{info} fence holds pytest output typed by hand: {body[:3]}")
    lesson = page_lesson(page)
    for example in EXAMPLES:
        if example.lesson == lesson and example.output_file.is_file():
            target = example.output_file.relative_to(ROOT).as_posix()
            if target not in included:
                problems.append(f"{target} is recorded but the page never shows it")
    assert problems == []


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_pitfall_symptom_comes_from_a_recorded_output(page: Path) -> None:
    """Each row of the Pitfalls table quotes its symptom (in code spans) from a real output."""
    outputs = [
        example.output_file.read_text(encoding="utf-8")
        for example in EXAMPLES
        if example.lesson == page_lesson(page) and example.output_file.is_file()
    ]
    rows = pitfall_rows(page.read_text(encoding="utf-8"))
    assert rows, "the page has no Pitfalls table"
    problems = []
    for row in rows:
        quoted = [match["code"].strip() for match in CODE_SPAN.finditer(row)]
        if not quoted:
            problems.append(f"no quoted symptom in: {row}")
        problems += [f"not in any recorded output: {q}" for q in quoted if not in_any(q, outputs)]
    assert problems == []


def pitfall_rows(text: str) -> list[str]:
    """The first cell of every body row of the table under `## Pitfalls`."""
    section = text.partition("\n## Pitfalls")[2].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return [row.split("|")[1].strip() for row in rows[2:]]


def in_any(text: str, outputs: list[str]) -> bool:
    return any(text in output for output in outputs)


# -- what the lesson 01 page says in prose about its outputs ------------------------------


def lesson01(name: str) -> Example:
    return next(e for e in EXAMPLES if e.lesson == "01_first_async_test" and e.name == name)


def test_lesson01_missing_marker_fails_word_for_word_like_no_plugin() -> None:
    missing_marker = lesson01("ex08_missing_marker").output_file.read_text(encoding="utf-8")
    no_plugin = lesson01("ex09_no_plugin").output_file.read_text(encoding="utf-8")
    assert missing_marker == no_plugin


def test_lesson01_unset_loop_scope_is_an_internal_error(terminal_runs: TerminalRuns) -> None:
    result = terminal_runs(lesson01("ex11_auto_mode_without_loop_scope"))
    assert result.exit_code == pytest.ExitCode.INTERNAL_ERROR


def test_page_checks_see_a_hand_typed_output() -> None:
    page = '```text\n--8<-- "lessons/x/ex01_a/pytest-output.txt"\n```\n\n```text\n1 passed\n```\n'
    blocks = fenced_blocks(page)
    assert [info for info, _ in blocks] == ["text", "text"]
    assert snippet_targets("\n".join(blocks[0][1])) == ["lessons/x/ex01_a/pytest-output.txt"]
    assert snippet_targets("\n".join(blocks[1][1])) == []
    assert PYTEST_TEXT.search(blocks[1][1][0])
