"""The reports of a graded class: grades.csv, results/<student>/<exercise>.json, junit.xml.

Plus the summary an instructor reads first: the pass rate of each exercise, the mutants that
survived most often (the bugs the class did not think to test for) and who was flagged.
"""

from __future__ import annotations

import csv
import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from awaited.catalog import Exercise
from awaited.instructor.classroom import StudentOutcome

GRADES_CSV = "grades.csv"
RESULTS_DIR = "results"
JUNIT_XML = "junit.xml"
REPORT_MD = "report.md"


def write_all(out: Path, exercises: list[Exercise], outcomes: list[StudentOutcome]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = [
        write_csv(out / GRADES_CSV, exercises, outcomes),
        *write_results(out / RESULTS_DIR, outcomes),
        write_junit(out / JUNIT_XML, outcomes),
        write_markdown(out / REPORT_MD, summarise(exercises, outcomes)),
    ]
    return written


def csv_header(exercises: list[Exercise]) -> list[str]:
    header = ["student"]
    for exercise in exercises:
        number = f"{exercise.number:02d}"
        header += [f"{number} score", f"{number} mutants caught", f"{number} status"]
    return [*header, "total score", "flags", "reasons"]


def write_csv(path: Path, exercises: list[Exercise], outcomes: list[StudentOutcome]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(csv_header(exercises))
        for outcome in outcomes:
            row: list[str | int] = [outcome.name]
            reasons = []
            for exercise in exercises:
                graded = outcome.exercises[exercise.slug]
                caught, total = graded.caught
                row += [graded.score, f"{caught}/{total}", graded.state]
                if graded.reason:
                    reasons.append(f"{exercise.number:02d}: {graded.reason}")
            row += [outcome.total_score, "; ".join(map(str, outcome.flags)), "; ".join(reasons)]
            writer.writerow(row)
    return path


def write_results(folder: Path, outcomes: list[StudentOutcome]) -> list[Path]:
    """One Exercism v3 document per student and exercise. The folder is built afresh and then
    put in place, so results of an earlier run (a student since removed) never linger."""
    fresh = folder.with_name(f"{folder.name}.writing")
    shutil.rmtree(fresh, ignore_errors=True)
    written = []
    for outcome in outcomes:
        (fresh / outcome.name).mkdir(parents=True, exist_ok=True)
        for slug, graded in outcome.exercises.items():
            relative = Path(outcome.name) / f"{slug}.json"
            (fresh / relative).write_text(graded.results.to_json(), encoding="utf-8")
            written.append(folder / relative)
    fresh.mkdir(exist_ok=True)  # a class with no students still gets its (empty) folder
    shutil.rmtree(folder, ignore_errors=True)
    fresh.rename(folder)
    return written


def write_junit(path: Path, outcomes: list[StudentOutcome]) -> Path:
    """A test suite per student, a test case per exercise: any CI dashboard can show it."""
    suites = ET.Element("testsuites", name="awaited grade")
    totals: Counter[str] = Counter()
    for outcome in outcomes:
        counts = Counter(graded.state for graded in outcome.exercises.values())
        failures, errors = counts["not yet"], counts["error"] + counts["missing"]
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=outcome.name,
            tests=str(len(outcome.exercises)),
            failures=str(failures),
            errors=str(errors),
        )
        if outcome.flags:
            properties = ET.SubElement(suite, "properties")
            for flag in outcome.flags:
                ET.SubElement(properties, "property", name="flag", value=xml_text(str(flag)))
        for slug, graded in outcome.exercises.items():
            case = ET.SubElement(suite, "testcase", classname=outcome.name, name=slug)
            if graded.state == "not yet":
                element = ET.SubElement(case, "failure", message=xml_text(graded.reason))
                element.text = xml_text(graded.results.to_json())
            elif graded.state in ("error", "missing"):
                element = ET.SubElement(case, "error", message=xml_text(graded.reason))
                element.text = xml_text(graded.results.message or graded.reason)
        totals.update(tests=len(outcome.exercises), failures=failures, errors=errors)
    for key in ("tests", "failures", "errors"):
        suites.set(key, str(totals[key]))
    ET.indent(suites)
    ET.ElementTree(suites).write(path, encoding="utf-8", xml_declaration=True)
    return path


def xml_text(text: str) -> str:
    """XML 1.0 cannot hold most control characters, and a test's output may contain them."""
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "\N{REPLACEMENT CHARACTER}", text)


@dataclass(frozen=True)
class ExerciseSummary:
    exercise: Exercise
    students: int
    passed: int
    missing: int
    errors: int
    mean_score: float

    @property
    def pass_rate(self) -> float:
        return self.passed / self.students if self.students else 0.0


@dataclass(frozen=True)
class SurvivingMutant:
    exercise: Exercise
    name: str
    bug: str
    survived: int  # students whose passing tests did not catch it
    tried: int  # students whose tests ran against it at all


@dataclass(frozen=True)
class ClassSummary:
    exercises: list[ExerciseSummary]
    survivors: list[SurvivingMutant]
    flagged: list[StudentOutcome]
    students: int


def summarise(exercises: list[Exercise], outcomes: list[StudentOutcome]) -> ClassSummary:
    per_exercise = []
    survivors = []
    for exercise in exercises:
        graded = [outcome.exercises[exercise.slug] for outcome in outcomes]
        states = Counter(g.state for g in graded)
        mean = sum(g.score for g in graded) / len(graded) if graded else 0.0
        per_exercise.append(
            ExerciseSummary(
                exercise, len(graded), states["passed"], states["missing"], states["error"], mean
            )
        )
        survived = Counter(name for g in graded for name in g.surviving)
        tried = Counter(name for g in graded for name in g.tried)
        bugs = {mutant.name: mutant.bug for mutant in exercise.mutants}
        survivors += [
            SurvivingMutant(exercise, name, bugs.get(name, ""), count, tried[name])
            for name, count in survived.items()
        ]
    survivors.sort(key=lambda s: (-s.survived, s.exercise.slug, s.name))
    flagged = [outcome for outcome in outcomes if outcome.flags]
    return ClassSummary(per_exercise, survivors, flagged, len(outcomes))


def write_markdown(path: Path, summary: ClassSummary) -> Path:
    lines = [f"# Class report ({summary.students} submissions)", "", "## Pass rate per exercise"]
    lines += ["", "| exercise | passed | pass rate | mean score | missing | errors |"]
    lines += ["|---|---|---|---|---|---|"]
    for row in summary.exercises:
        lines.append(
            f"| {row.exercise.slug} | {row.passed}/{row.students} | {row.pass_rate:.0%} "
            f"| {row.mean_score:.0f} | {row.missing} | {row.errors} |"
        )
    lines += ["", "## Bugs the class did not test for (most-surviving mutants)", ""]
    if summary.survivors:
        lines += ["| exercise | mutant | bug | survived in |", "|---|---|---|---|"]
        lines += [
            f"| {s.exercise.slug} | {s.name} | {s.bug} | {s.survived} of {s.tried} |"
            for s in summary.survivors
        ]
    else:
        lines.append("Every mutant that was tried was caught.")
    lines += ["", "## Integrity flags", ""]
    if summary.flagged:
        for outcome in summary.flagged:
            lines.append(f"- **{outcome.name}**: " + "; ".join(map(str, outcome.flags)))
        lines += ["", "Flagged changes have no effect on the grade: only the files a student "
                  "owns are graded, against the original course."]  # fmt: skip
    else:
        lines.append("No submission changed a file it does not own.")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
