"""Puts the browser runner on the pages: a Run widget under every lesson example, and the
in-page workspace on every exercise page. Both are plain HTML placeholders, filled in by
`web/runner/runner.js`; without JavaScript they say how to run the same thing at a terminal.

A lesson page shows an example through snippet includes (`--8<-- "lessons/L/exNN/file"`).
The widget for that example goes right after the last code block of the run of blocks that
show it, before the prose goes on, so it sits under the code it runs. An example shown again
later (say, in the Snapshot) gets no second widget. An exercise page gets its workspace right
after the include of the exercise's README.md.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

SNIPPET = re.compile(r'^[ \t]*-{1,}8<-{1,}[ \t]+"(?P<target>[^"]+)"[ \t]*$')
_EXAMPLE_TARGET = re.compile(r"^lessons/(?P<id>[0-9]{2}_[a-z0-9_]+/ex[0-9]+_[a-z0-9_]+)/")
_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")
_TAB = re.compile(r'^[ \t]*=== "')


class RunnerPageError(Exception):
    """A page the runner cannot be placed on; names the page."""


def _example_of(line: str) -> str | None:
    match = SNIPPET.match(line)
    if match is None:
        return None
    target = _EXAMPLE_TARGET.match(match["target"])
    return target["id"] if target else None


def example_widget(example: str, terminal_only: str | None) -> str:
    folder = f"lessons/{example}"
    command = f"cd {folder} && python -m pytest"
    if terminal_only:
        return (
            f'<div class="awaited-run awaited-run--terminal" data-awaited-example="{example}">\n'
            f"<p><strong>Runs at a terminal only.</strong> {html.escape(terminal_only)} "
            f"Run it in your clone: <code>{html.escape(command)}</code></p>\n</div>"
        )
    return (
        f'<div class="awaited-run" data-awaited-example="{example}">\n'
        f'<p class="awaited-run__fallback">Run this example in your clone: '
        f"<code>{html.escape(command)}</code>, or turn on JavaScript to run it here.</p>\n</div>"
    )


def add_example_widgets(
    markdown: str, terminal_only: dict[str, str | None]
) -> tuple[str, list[str]]:
    """The page with a widget after each example's code; also returns the examples placed."""
    lines = markdown.split("\n")
    placed: list[str] = []
    inserts: dict[int, list[str]] = {}
    current: str | None = None  # the example whose blocks we are in
    block_end = 0  # the line after the last closing fence of `current`'s blocks
    fence: str | None = None
    block_example: str | None = None

    def close_run() -> None:
        nonlocal current
        if current is not None and current not in placed:
            placed.append(current)
            widget = example_widget(current, terminal_only.get(current))
            inserts.setdefault(block_end, []).append(widget)
        current = None

    for index, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence is not None:
            example = _example_of(line)
            if example is not None:
                block_example = example
            if (
                opening
                and opening["fence"].startswith(fence[0])
                and len(opening["fence"]) >= len(fence)
                and line.strip() == opening["fence"]
            ):
                fence = None
                if block_example is not None:
                    if current not in (None, block_example):
                        close_run()
                    current = block_example
                    block_end = index + 1
            continue
        if opening:
            fence, block_example = opening["fence"], None
            continue
        stripped = line.strip()
        if not stripped or _TAB.match(line):
            continue
        if line.startswith((" ", "\t")) and current is not None:
            continue  # inside a tab or an admonition that holds the blocks
        close_run()
    close_run()
    out: list[str] = []
    for index, line in enumerate(lines):
        for widget in inserts.get(index, []):
            out += ["", widget, ""]
        out.append(line)
    for widget in inserts.get(len(lines), []):
        out += ["", widget, ""]
    return "\n".join(out), placed


def exercise_workspace(slug: str, terminal_only: str | None) -> str:
    if terminal_only:
        reason = html.escape(terminal_only)
        return (
            f'<div class="awaited-workspace awaited-workspace--terminal" '
            f'data-awaited-exercise="{slug}">\n'
            f"<p><strong>This exercise runs at a terminal only.</strong> {reason} "
            f"Check it in your clone with <code>awaited check {slug[:2]}</code>.</p>\n</div>"
        )
    return (
        f'<div class="awaited-workspace" data-awaited-exercise="{slug}">\n'
        f'<p class="awaited-run__fallback">Turn on JavaScript to edit and check your tests here, '
        f"or work in your clone: <code>awaited check {slug[:2]}</code>.</p>\n</div>"
    )


def add_exercise_workspace(markdown: str, slug: str, terminal_only: str | None, page: Path) -> str:
    include = f'--8<-- "exercises/{slug}/README.md"'
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.strip() == include:
            lines[index + 1 : index + 1] = [
                "",
                "## Work on it here",
                "",
                exercise_workspace(slug, terminal_only),
                "",
            ]
            return "\n".join(lines)
    raise RunnerPageError(f"{page}: the exercise page must include its task with `{include}`")
