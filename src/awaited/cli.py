"""The `awaited` command: arguments and printing only; the work happens in other modules."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from awaited import learner
from awaited.catalog import (
    CatalogError,
    Exercise,
    UnknownExerciseError,
    find_root,
    load_exercises,
    resolve,
)
from awaited.checking import run_check
from awaited.progress import Progress, ProgressStore
from awaited.report import render_text
from awaited.results import Results

if TYPE_CHECKING:
    from awaited.instructor.reports import ClassSummary

EXIT_PASSED, EXIT_NOT_YET, EXIT_USAGE = 0, 1, 2
console = Console(highlight=False, soft_wrap=True)


class Course:
    """The course root, its exercises and the learner's progress, loaded once per command."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.exercises = load_exercises(root)
        self.store = ProgressStore(root)
        self.progress: Progress = self.store.load()
        if self.store.warning:
            console.print(f"[yellow]{escape(self.store.warning)}[/]")
            self.store.save(self.progress)

    def pick(self, wanted: str | None) -> Exercise:
        if wanted is not None:
            return resolve(self.exercises, wanted)
        current = learner.next_exercise(self.exercises, self.progress)
        return current or self.exercises[-1]

    def save(self) -> None:
        self.store.save(self.progress)


@contextmanager
def usage_errors() -> Iterator[None]:
    """Bad ids and broken course files end with a clear sentence and exit code 2."""
    try:
        yield
    except (CatalogError, UnknownExerciseError) as error:
        console.print(f"[red]error:[/] {escape(str(error))}")
        sys.exit(EXIT_USAGE)


def open_course(root: Path | None) -> Course:
    return Course(root.resolve() if root else find_root())


root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    help="The course folder (default: found from the current folder, or $AWAITED_ROOT).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Awaited: learn to test async FastAPI apps, one graded exercise at a time."""


@main.command("list")
@root_option
def list_exercises(root: Path | None) -> None:
    """Every exercise with its status, and the next one to do."""
    with usage_errors():
        course = open_course(root)
    table = Table(box=None, pad_edge=False)
    for column in ("#", "exercise", "status", "hints"):
        table.add_column(column)
    styles = {"passed": "green", "failing": "red", "not started": "dim"}
    for exercise in course.exercises:
        entry = course.progress.of(exercise.slug)
        table.add_row(
            f"{exercise.number:02d}",
            f"{exercise.meta.title} [dim]({exercise.slug})[/]",
            f"[{styles[entry.status]}]{entry.status}[/]",
            f"{entry.hints_shown}/{len(exercise.meta.hints)}",
        )
    console.print(table)
    upcoming = learner.next_exercise(course.exercises, course.progress)
    if upcoming:
        console.print(f"\nNext: [bold]{upcoming.number:02d} {upcoming.meta.title}[/]")
    else:
        console.print("\n[green]Every exercise passed.[/]")


@main.command("next")
@root_option
def next_exercise(root: Path | None) -> None:
    """Where to go next and what to edit."""
    with usage_errors():
        course = open_course(root)
    upcoming = learner.next_exercise(course.exercises, course.progress)
    if upcoming is None:
        console.print("[green]You have passed every exercise.[/] `awaited list` shows them all.")
        return
    relative = upcoming.path.relative_to(course.root)
    console.print(f"[bold]Exercise {upcoming.number:02d}: {upcoming.meta.title}[/]\n")
    console.print(f"  Read the task:  {relative / 'README.md'}")
    console.print(f"  The app:        {relative / 'main.py'}  (read it, do not edit it)")
    for name in upcoming.meta.learner_files:
        console.print(f"  Edit:           {relative / name}")
    lesson_page = "docs/lessons/" + upcoming.meta.lesson.replace("_", "-") + ".md"
    console.print(f"  The lesson:     {lesson_page}\n")
    console.print("Tasks:")
    for task in upcoming.meta.tasks:
        console.print(f"  {task.id}. {task.title}")
    number = f"{upcoming.number:02d}"
    console.print(
        f"\nThen run [bold]awaited check {number}[/] (or `pytest {relative}`), "
        f"[bold]awaited hint {number}[/] when stuck, [bold]awaited watch[/] to re-check on save."
    )


def print_report(exercise: Exercise, results: Results) -> None:
    for line in render_text(exercise, results):
        text = escape(line)
        if line.startswith("✓"):
            text = f"[green]{text}[/]"
        elif line.startswith("✗"):
            text = f"[red]{text}[/]"
        elif line.startswith("Verdict: passed"):
            text = f"[bold green]{text}[/]"
        elif line.startswith("Verdict"):
            text = f"[bold yellow]{text}[/]"
        console.print(text)


def check_and_record(course: Course, exercise: Exercise, *, as_json: bool, verbose: bool) -> int:
    run = run_check(course.root, exercise)
    course.progress.record_check(exercise.slug, run.results.status == "pass")
    course.save()
    if as_json:
        click.echo(run.results.to_json(), nl=False)
    else:
        if verbose:
            click.echo(run.output)
        print_report(exercise, run.results)
    if run.broken_environment:
        return EXIT_USAGE
    return EXIT_PASSED if run.results.status == "pass" else EXIT_NOT_YET


@main.command()
@click.argument("exercise_id", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print Exercism v3 results JSON.")
@click.option("-v", "--verbose", is_flag=True, help="Also show pytest's own output.")
@root_option
def check(exercise_id: str | None, as_json: bool, verbose: bool, root: Path | None) -> None:
    """Grade an exercise: your tests must pass on the app and fail on every mutant.

    EXERCISE_ID is `01`, `1` or the slug; by default the next unfinished exercise.
    Exit code: 0 passed, 1 not yet, 2 usage or environment error.
    """
    with usage_errors():
        course = open_course(root)
        exercise = course.pick(exercise_id)
    sys.exit(check_and_record(course, exercise, as_json=as_json, verbose=verbose))


@main.command()
@click.argument("exercise_id", required=False)
@root_option
def hint(exercise_id: str | None, root: Path | None) -> None:
    """Show the next hint for an exercise, one rung at a time."""
    with usage_errors():
        course = open_course(root)
        exercise = course.pick(exercise_id)
    given = learner.take_hint(exercise, course.progress)
    course.save()
    console.print(f"[bold]Hint {given.number} of {given.total}[/] for {exercise.slug}:\n")
    console.print(escape(given.text))
    if not given.is_new:
        console.print(
            "\n[dim]That was the last hint. Once you pass, `awaited solution` shows a "
            "reference solution.[/]"
        )


@main.command()
@click.argument("exercise_id", required=False)
@click.option("--force", is_flag=True, help="Show it even though the exercise has not passed.")
@root_option
def solution(exercise_id: str | None, force: bool, root: Path | None) -> None:
    """Show the reference solution, once the exercise has passed."""
    with usage_errors():
        course = open_course(root)
        exercise = course.pick(exercise_id)
    if not (force or learner.may_see_solution(exercise, course.progress)):
        console.print(
            f"The solution for {exercise.slug} unlocks once `awaited check "
            f"{exercise.number:02d}` passes. (`--force` shows it anyway.)"
        )
        sys.exit(EXIT_NOT_YET)
    for name, text in learner.solution_files(exercise).items():
        console.rule(name)
        click.echo(text)


@main.command()
@click.argument("exercise_id", required=False)
@root_option
def reset(exercise_id: str | None, root: Path | None) -> None:
    """Restore the starter files; your current files are backed up first."""
    with usage_errors():
        course = open_course(root)
        exercise = course.pick(exercise_id)
    backup = learner.reset(course.root, exercise)
    course.progress.of(exercise.slug).status = "not started"
    course.save()
    console.print(f"Restored the starter files of {exercise.slug}.")
    if backup:
        console.print(f"Your previous files are saved in {backup.relative_to(course.root)}/")


@main.command()
@click.argument("exercise_id", required=False)
@root_option
def watch(exercise_id: str | None, root: Path | None) -> None:
    """Re-check an exercise every time you save one of its files (Ctrl-C stops)."""
    from watchfiles import watch as watch_changes  # imported here: only this command needs it

    with usage_errors():
        course = open_course(root)
        exercise = course.pick(exercise_id)
    watched = exercise.learner_paths()
    # A parent that ignores Ctrl-C (a CI runner, a test worker) passes that on to us; restore it.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    checked = False
    try:
        # The first, empty, yield comes once the watcher is running, so the first check and
        # every save after it are seen: a save during that check triggers the next one.
        changes_seen = watch_changes(
            *watched, debounce=300, rust_timeout=500, yield_on_timeout=True
        )
        for changes in changes_seen:
            if checked and not changes:
                continue
            if checked:
                console.rule("re-checking")
            check_and_record(course, exercise, as_json=False, verbose=False)
            if not checked:
                names = ", ".join(path.name for path in watched)
                console.print(
                    f"\nWatching {names} of {exercise.slug}: save to re-check, Ctrl-C stops."
                )
                checked = True
    except KeyboardInterrupt:
        pass
    console.print("\nStopped watching.")


@main.command()
@click.option("--lesson", "lesson", metavar="ID", help="One lesson's deck: 01, 1 or its slug.")
@click.option("--tag", metavar="TAG", help="Only questions with this tag (e.g. myth, fixtures).")
@click.option(
    "--interview",
    type=click.IntRange(min=1),
    metavar="N",
    help="Mock interview: N questions drawn across lessons, timed.",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=1),
    default=90.0,
    show_default=True,
    help="Seconds a question may take in a mock interview before it counts as over time.",
)
@click.option("--seed", type=int, help="Seed for the interview draw (the same seed, the same set).")
@root_option
def quiz(
    lesson: str | None,
    tag: str | None,
    interview: int | None,
    time_limit: float,
    seed: int | None,
    root: Path | None,
) -> None:
    """Drill the quiz bank here, with the explanations the site shows, and a summary."""
    from awaited.quiz import QuizError, load_all_banks
    from awaited.quiz.drill import Drill, match_lesson, print_summary, select_questions

    with usage_errors():
        course_root = root.resolve() if root else find_root()
    try:
        banks = load_all_banks(course_root)
    except QuizError as error:
        console.print(f"[red]error:[/] {escape(str(error))}")
        sys.exit(EXIT_USAGE)
    if lesson is not None:
        bank = match_lesson(banks, lesson)
        if bank is None:
            known = ", ".join(b.lesson for b in banks)
            console.print(f"[red]error:[/] no quiz for lesson {escape(lesson)!r}; known: {known}")
            sys.exit(EXIT_USAGE)
        banks = [bank]
    questions = select_questions(banks, tag=tag, interview=interview, seed=seed)
    if not questions:
        tags = sorted({t for b in banks for q in b.questions for t in q.tags})
        console.print(
            f"[red]error:[/] no question has the tag {escape(str(tag))!r}; tags: {', '.join(tags)}"
        )
        sys.exit(EXIT_USAGE)
    if interview is not None:
        console.print(
            f"[bold]Mock interview:[/] {len(questions)} questions, "
            f"{time_limit:.0f} s each. Type q to stop early."
        )

    def read(prompt: str) -> str:
        try:
            text: str = click.prompt(prompt, default="", show_default=False, prompt_suffix=": ")
        except click.Abort:  # Ctrl-D or Ctrl-C: stop and sum up what was answered
            raise EOFError from None
        return text

    drill = Drill(console, read, time_limit=time_limit if interview is not None else None)
    print_summary(console, drill.run(questions))


def pick_exercises(course_root: Path, ids: str) -> list[Exercise]:
    """`01,03` (ids or slugs, comma-separated) as exercises, in the order given, once each."""
    exercises = load_exercises(course_root)
    picked: list[Exercise] = []
    for wanted in (part for part in ids.split(",") if part.strip()):
        exercise = resolve(exercises, wanted)
        if exercise not in picked:
            picked.append(exercise)
    if not picked:
        raise click.UsageError("--exercises names no exercise; give ids such as 01,03")
    return picked


exercises_option = click.option(
    "--exercises", "exercise_ids", metavar="IDS", help="Comma-separated exercise ids, e.g. 01,03."
)


@main.command()
@exercises_option
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="A new (or empty) folder for the starter repository.",
)
@root_option
def assign(exercise_ids: str | None, out: Path, root: Path | None) -> None:
    """Write a starter repository for an assignment: the exercises, the CLI, a CI workflow."""
    from awaited.instructor.assign import write_assignment

    if not exercise_ids:
        raise click.UsageError("--exercises is required, e.g. --exercises 01,03")
    with usage_errors():
        course_root = root.resolve() if root else find_root()
        picked = pick_exercises(course_root, exercise_ids)
    try:
        written = write_assignment(course_root, picked, out)
    except FileExistsError as error:
        console.print(f"[red]error:[/] {escape(str(error))}")
        sys.exit(EXIT_USAGE)
    numbers = ", ".join(f"{e.number:02d}" for e in picked)
    console.print(f"Wrote the assignment ({numbers}) to {out}: {len(written)} files.")
    console.print(
        "Next: commit it, push it to GitHub, mark the repository as a template and use it "
        "for a GitHub Classroom assignment (see the instructors' guide)."
    )


@main.command()
@click.argument(
    "submissions_dir",
    metavar="SUBMISSIONS",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
@exercises_option
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 1,
    show_default="every core",
    help="How many submissions to grade at once.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("grades"),
    show_default=True,
    help="Where grades.csv, junit.xml, report.md and results/ go.",
)
@click.option(
    "--cold",
    is_flag=True,
    help="Start a fresh Python for every grading, as `awaited check` does (slower).",
)
@root_option
def grade(
    submissions_dir: Path,
    exercise_ids: str | None,
    jobs: int,
    out: Path,
    cold: bool,
    root: Path | None,
) -> None:
    """Grade a folder of student submissions (folders or .zip files) against this course.

    Only the files each student owns are graded, against the original app and mutants; any
    other change is flagged and has no effect. Nothing in SUBMISSIONS is modified.
    """
    import rich.progress  # imported here, like the instructor code: learners' commands skip it

    from awaited.instructor import assign, classroom, reports, submissions

    with usage_errors():
        course_root = root.resolve() if root else find_root()
        found = submissions.discover(submissions_dir)
        if exercise_ids:
            picked = pick_exercises(course_root, exercise_ids)
        else:
            picked = submissions.exercises_present(load_exercises(course_root), found)
    if out.resolve().is_relative_to(submissions_dir.resolve()):
        raise click.UsageError("--out must not be inside SUBMISSIONS, which is never modified")
    if not found:
        raise click.UsageError(f"{submissions_dir} holds no submissions")
    if not picked:
        raise click.UsageError("no submission holds a course exercise; name them with --exercises")
    pristine = assign.assignment_files(course_root, picked)
    numbers = ", ".join(f"{e.number:02d}" for e in picked)
    console.print(f"Grading {len(found)} submissions on exercise(s) {numbers}, {jobs} at a time.")
    with rich.progress.Progress(
        rich.progress.TextColumn("[progress.description]{task.description}"),
        rich.progress.BarColumn(),
        rich.progress.MofNCompleteColumn(),
        rich.progress.TimeElapsedColumn(),
        rich.progress.TimeRemainingColumn(),
        console=console,
    ) as bar:
        task = bar.add_task("grading", total=len(found))

        def done(outcome: classroom.StudentOutcome) -> None:
            states = ", ".join(
                f"{graded.exercise.number:02d} {graded.state}"
                for graded in outcome.exercises.values()
            )
            flag = f" [yellow]({len(outcome.flags)} flag(s))[/]" if outcome.flags else ""
            bar.console.print(f"{escape(outcome.name)}: {states}{flag}")
            bar.advance(task)

        outcomes = classroom.grade_class(
            course_root, picked, found, pristine, jobs=jobs, on_done=done
        )
    reports.write_all(out, picked, outcomes)
    print_class_summary(reports.summarise(picked, outcomes))
    console.print(
        f"\nWrote {out / reports.GRADES_CSV}, {out / reports.JUNIT_XML}, "
        f"{out / reports.REPORT_MD} and {out / reports.RESULTS_DIR}/<student>/<exercise>.json"
    )


def print_class_summary(summary: ClassSummary) -> None:
    table = Table(title="Pass rate per exercise", title_justify="left")
    for column in ("exercise", "passed", "pass rate", "mean score", "missing", "errors"):
        table.add_column(column)
    for row in summary.exercises:
        table.add_row(
            row.exercise.slug,
            f"{row.passed}/{row.students}",
            f"{row.pass_rate:.0%}",
            f"{row.mean_score:.0f}",
            str(row.missing),
            str(row.errors),
        )
    console.print(table)
    if summary.survivors:
        survivors = Table(title="Most-surviving mutants (bugs the class did not test for)",
                          title_justify="left")  # fmt: skip
        for column in ("exercise", "mutant", "bug", "survived in"):
            survivors.add_column(column)
        for mutant in summary.survivors[:5]:
            survivors.add_row(
                mutant.exercise.slug,
                mutant.name,
                escape(mutant.bug),
                f"{mutant.survived} of {mutant.tried}",
            )
        console.print(survivors)
    for outcome in summary.flagged:
        flags = "; ".join(map(str, outcome.flags))
        console.print(f"[yellow]flagged[/] {escape(outcome.name)}: {escape(flags)}")


@main.group(name="dev")
def dev_group() -> None:
    """Tools for course authors."""


@dev_group.command("check")
@click.option("--quick", is_flag=True, help="Skip grading (structure and slugs only).")
@root_option
def dev_check(quick: bool, root: Path | None) -> None:
    """Prove the course: slugs, exercises, starters, solutions, mutants, cheats."""
    from awaited import dev  # imported here: it pulls in pytest, which learners' commands skip

    with usage_errors():
        course_root = root.resolve() if root else find_root()
    problems = 0
    for problem in dev.all_problems(course_root, grade=not quick):
        problems += 1
        console.print(f"[red]✗[/] {escape(problem)}")
    if problems:
        console.print(f"\n[red]{problems} problem(s).[/]")
        sys.exit(EXIT_NOT_YET)
    console.print("[green]✓ The course checks out.[/]")


@dev_group.command("outputs")
@click.option("--update", is_flag=True, help="Rewrite every example's pytest-output.txt.")
@root_option
def dev_outputs(update: bool, root: Path | None) -> None:
    """Check (or --update) the real pytest outputs that lesson pages show."""
    from awaited import examples

    with usage_errors():
        course_root = root.resolve() if root else find_root()
    if update:
        for path in examples.update_outputs(course_root):
            console.print(f"updated {path.relative_to(course_root)}")
        return
    stale = 0
    for example in examples.discover_examples(course_root):
        if example.output_file.is_file():
            run = examples.run_example(example)
            if run.output != example.output_file.read_text(encoding="utf-8"):
                stale += 1
                console.print(f"[red]✗[/] {example.output_file.relative_to(course_root)} is stale")
    if stale:
        console.print("Run `awaited dev outputs --update` to regenerate.")
        sys.exit(EXIT_NOT_YET)
    console.print("[green]✓ Every shown output is real.[/]")
