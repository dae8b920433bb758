"""Drilling the quiz bank at a terminal: pick questions, ask them, explain, sum up.

``awaited quiz`` (see ``awaited.cli``) is a thin front: it reads the banks, calls
``select_questions`` and ``Drill.run``, and prints ``Summary`` with ``print_summary``. The
explanations are the bank's own, the same text the site's cards show.

Answers are typed: a number for one answer, several numbers (``1 3`` or ``1,3``) for a
multiple-answer question; a flashcard waits for Enter, shows the model answer and asks for a
recall rating 1-4 (Again, Hard, Good, Easy; 3 and 4 count as right). ``s`` skips, ``q`` stops
and shows the summary so far; so does the end of input.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from rich.console import Console
from rich.markdown import Markdown
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from awaited.quiz.models import RATINGS, Question, QuizBank

__all__ = [
    "Asked",
    "Drill",
    "Summary",
    "Topic",
    "lesson_page",
    "match_lesson",
    "print_summary",
    "select_questions",
]

_NUMBERS = re.compile(r"^\s*\d+(?:\s*[, ]\s*\d+)*\s*$")


class Stop(Exception):
    """The learner typed ``q`` or input ended: stop asking and sum up."""


@dataclass(frozen=True)
class Asked:
    """One question as it was asked, and how it went."""

    lesson: str
    question: Question
    correct: bool | None  # None: skipped
    seconds: float
    over_time: bool = False


@dataclass(frozen=True)
class Topic:
    name: str
    right: int
    total: int
    lesson: str  # the lesson where this topic is taught (the first one seen)


@dataclass
class Summary:
    asked: list[Asked] = field(default_factory=list)
    planned: int = 0

    @property
    def right(self) -> int:
        return sum(1 for a in self.asked if a.correct)

    @property
    def seconds(self) -> float:
        return sum(a.seconds for a in self.asked)

    def to_review(self) -> list[Asked]:
        return [a for a in self.asked if not a.correct]

    def by_lesson(self) -> list[Topic]:
        return _topics((a.lesson, a) for a in self.asked)

    def weakest_tags(self, limit: int = 3) -> list[Topic]:
        """Tags with at least one miss, worst ratio first (then most misses)."""
        tags = _topics((tag, a) for a in self.asked for tag in a.question.tags if tag != "myth")
        weak = [t for t in tags if t.right < t.total]
        weak.sort(key=lambda t: (t.right / t.total, t.right - t.total, t.name))
        return weak[:limit]


def _topics(pairs: Iterable[tuple[str, Asked]]) -> list[Topic]:
    totals: dict[str, list[int]] = {}
    lessons: dict[str, str] = {}
    for name, asked in pairs:
        score = totals.setdefault(name, [0, 0])
        score[0] += 1 if asked.correct else 0
        score[1] += 1
        lessons.setdefault(name, asked.lesson)
    return [Topic(name, r, t, lessons[name]) for name, (r, t) in sorted(totals.items())]


def lesson_page(lesson: str, section: str | None = None) -> str:
    """Where a lesson is taught: ``docs/lessons/01-first-async-test.md#section``."""
    page = f"docs/lessons/{lesson.replace('_', '-')}.md"
    return f"{page}#{section}" if section else page


def match_lesson(banks: Sequence[QuizBank], wanted: str) -> QuizBank | None:
    """A bank by number (``1``, ``01``), full slug, or slug without its number."""
    key = wanted.strip().lower().replace("-", "_")
    for bank in banks:
        number, _, name = bank.lesson.partition("_")
        if key in (bank.lesson, name) or (key.isdigit() and int(key) == int(number)):
            return bank
    return None


def select_questions(
    banks: Sequence[QuizBank],
    *,
    tag: str | None = None,
    interview: int | None = None,
    seed: int | None = None,
) -> list[tuple[str, Question]]:
    """The questions to ask, in bank order; ``interview`` draws N across lessons at random.

    The draw takes lessons in turn (each lesson's questions shuffled), so N questions cover as
    many lessons as N allows.
    """
    pool = [
        (bank.lesson, q) for bank in banks for q in bank.questions if tag is None or tag in q.tags
    ]
    if interview is None:
        return pool
    rng = random.Random(seed)
    by_lesson: dict[str, list[Question]] = {}
    for lesson, question in pool:
        by_lesson.setdefault(lesson, []).append(question)
    for questions in by_lesson.values():
        rng.shuffle(questions)
    order = sorted(by_lesson)
    rng.shuffle(order)
    drawn: list[tuple[str, Question]] = []
    while len(drawn) < interview and any(by_lesson.values()):
        for lesson in order:
            if by_lesson[lesson] and len(drawn) < interview:
                drawn.append((lesson, by_lesson[lesson].pop()))
    return drawn


class Drill:
    """Asks questions on ``console``, reading answers with ``read(prompt) -> text``.

    ``read`` raises EOFError at the end of input. ``clock`` is injectable for tests.
    """

    def __init__(
        self,
        console: Console,
        read: Callable[[str], str],
        *,
        time_limit: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.console = console
        self.read = read
        self.time_limit = time_limit
        self.clock = clock

    def run(self, questions: Sequence[tuple[str, Question]]) -> Summary:
        summary = Summary(planned=len(questions))
        for number, (lesson, question) in enumerate(questions, 1):
            self.console.rule(f"Question {number} of {len(questions)}", style="dim")
            started = self.clock()
            try:
                correct = self.ask(lesson, question)
            except Stop:
                break
            seconds = self.clock() - started
            over = self.time_limit is not None and seconds > self.time_limit
            if over:
                self.console.print(
                    f"[yellow]Over time:[/] {seconds:.0f} s (the limit is {self.time_limit:.0f} s)."
                )
            summary.asked.append(Asked(lesson, question, correct, seconds, over))
        return summary

    # ---------------------------------------------------------------------------- asking

    def _input(self, prompt: str) -> str:
        try:
            text = self.read(prompt)
        except EOFError:
            raise Stop from None
        if text.strip().lower() in ("q", "quit"):
            raise Stop
        return text.strip()

    def _show_prompt(self, lesson: str, question: Question) -> None:
        kind = {
            "single": "one answer",
            "multiple": "several answers",
            "predict": "predict the outcome",
            "flashcard": "flashcard",
        }[question.type]
        tags = ", ".join(question.tags)
        where = f"{lesson} · {kind} · {question.difficulty}" + (f" · {tags}" if tags else "")
        self.console.print(Text(where, "dim"))
        self.console.print(Markdown(question.prompt))
        if question.code:
            self.console.print(Syntax(question.code.rstrip(), "python", line_numbers=False))

    def ask(self, lesson: str, question: Question) -> bool | None:
        self._show_prompt(lesson, question)
        if question.type == "flashcard":
            return self._ask_flashcard(question)
        for index, option in enumerate(question.options, 1):
            self.console.print(Text(f"  {index}. ", "bold"), Markdown(option.text), sep="", end="")
        several = question.type == "multiple"
        hint = "numbers, e.g. 1 3" if several else f"1-{len(question.options)}"
        while True:
            text = self._input(f"Your answer ({hint}; s skips, q stops)")
            if text.lower() in ("s", "skip"):
                self.console.print("[dim]Skipped.[/]")
                self._explain(question, set())
                return None
            picked = self._parse(text, len(question.options), several)
            if picked is not None:
                break
            self.console.print(f"[red]Type {hint}.[/]")
        right = {i for i, option in enumerate(question.options) if option.correct}
        correct = picked == right
        if correct:
            self.console.print("[bold green]✓ Right.[/]")
        else:
            answer = " and ".join(str(i + 1) for i in sorted(right))
            self.console.print(f"[bold red]✗ Not quite:[/] the right answer is {answer}.")
        self._explain(question, picked)
        return correct

    @staticmethod
    def _parse(text: str, count: int, several: bool) -> set[int] | None:
        if not _NUMBERS.match(text):
            return None
        numbers = [int(n) for n in re.split(r"[\s,]+", text.strip())]
        if any(not 1 <= n <= count for n in numbers) or (not several and len(numbers) != 1):
            return None
        return {n - 1 for n in numbers}

    def _explain(self, question: Question, picked: set[int]) -> None:
        for index, option in enumerate(question.options):
            verdict = "[green]right[/]" if option.correct else "[red]wrong[/]"
            mine = " · your choice" if index in picked else ""
            # No panels: the CLI's console soft-wraps, which would crop text inside a box.
            self.console.print(f"  [bold]{index + 1}. {verdict}{mine}:[/] ", end="")
            self.console.print(Markdown(option.why))
        self._rule_of_thumb(question)

    def _rule_of_thumb(self, question: Question) -> None:
        self.console.print(Text("Rule of thumb: ", "bold magenta"), end="")
        self.console.print(Markdown(question.rule_of_thumb))

    def _ask_flashcard(self, question: Question) -> bool | None:
        text = self._input("Answer in your head, then press Enter (s skips, q stops)")
        self.console.print(Text("Model answer", "bold cyan"))
        self.console.print(Markdown(question.answer or ""))
        self.console.print(Text("Key points", "bold cyan"))
        self.console.print(Markdown("\n".join(f"- {point}" for point in question.key_points)))
        if text.lower() in ("s", "skip"):
            self._rule_of_thumb(question)
            return None
        names = ", ".join(f"{n} {name}" for n, name in enumerate(RATINGS, 1))
        while True:
            rating = self._input(f"How well did you recall it? ({names})")
            if rating in ("1", "2", "3", "4"):
                break
            self.console.print("[red]Type 1, 2, 3 or 4.[/]")
        self._rule_of_thumb(question)
        return int(rating) >= 3


def print_summary(console: Console, summary: Summary) -> None:
    """Score, time, results by lesson, weakest topics (with where to read), what to review."""
    asked = len(summary.asked)
    console.rule("Summary")
    if not asked:
        console.print("No question answered.")
        return
    percent = round(100 * summary.right / asked)
    stopped = f" (stopped after {asked} of {summary.planned})" if asked < summary.planned else ""
    console.print(
        f"[bold]Score: {summary.right}/{asked} ({percent}%)[/]{stopped} · "
        f"time {summary.seconds:.0f} s, {summary.seconds / asked:.0f} s a question"
    )
    table = Table("lesson", "right", "where to read", title="By lesson", title_justify="left")
    for topic in summary.by_lesson():
        table.add_row(topic.name, f"{topic.right}/{topic.total}", lesson_page(topic.name))
    console.print(table)
    weakest = summary.weakest_tags()
    if weakest:
        console.print("[bold]Weakest topics[/]")
        for topic in weakest:
            where = lesson_page(topic.lesson)
            console.print(f"  {topic.name}: {topic.right}/{topic.total} right · read {where}")
    review = summary.to_review()
    if review:
        console.print("[bold]Questions to review[/]")
        for item in review:
            state = "skipped" if item.correct is None else "missed"
            where = lesson_page(item.lesson, item.question.section)
            console.print(f"  {item.question.id} ({state}) · {where}")
    else:
        console.print("[green]Nothing to review: every answer was right.[/]")
