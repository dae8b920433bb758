"""Reading quiz banks: YAML without duplicate keys, validation errors as QuizError, JSON out."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from awaited.quiz.models import _ID, QuizBank, QuizError, _display, _RuleError

__all__ = [
    "INTERVIEW_FOLDER",
    "RETIRED_IDS_FILE",
    "bank_to_json",
    "load_all_banks",
    "load_bank",
    "load_retired_ids",
]


class _UniqueKeyLoader(yaml.SafeLoader):
    """A SafeLoader that refuses repeated mapping keys (PyYAML silently keeps the last)."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping",
                node.start_mark,
                f"found duplicate key {key!r}",
                key_node.start_mark,
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=True)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QuizError(path, None, None, f"cannot read: {exc}") from None
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        column = f", column {mark.column + 1}" if mark is not None else ""
        what = exc.problem or exc.context or "invalid YAML"
        if exc.problem and exc.context and exc.context_mark is not None:
            what += f" ({exc.context}, which starts at line {exc.context_mark.line + 1})"
        raise QuizError(path, None, None, f"YAML error{column}: {what}", line=line) from None
    except yaml.YAMLError as exc:
        raise QuizError(path, None, None, f"YAML error: {exc}") from None


def _question_id(raw: Any, index: int) -> str:
    questions = raw.get("questions") if isinstance(raw, dict) else None
    if isinstance(questions, list) and index < len(questions):
        item = questions[index]
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            return str(item["id"])
    return f"#{index + 1}"


def _errors_from(path: Path, raw: Any, exc: ValidationError) -> list[QuizError]:
    errors = []
    for error in exc.errors():
        loc: tuple[str | int, ...] = tuple(error["loc"])
        message = error["msg"]
        if error["type"] == "string_type" and isinstance(error.get("input"), bool):
            message += " (YAML reads yes/no/on/off/true/false as booleans: quote the text)"
        rule = (error.get("ctx") or {}).get("error")
        if isinstance(rule, _RuleError):
            loc += rule.loc
            message = rule.message
        question_id = None
        if len(loc) >= 2 and loc[0] == "questions" and isinstance(loc[1], int):
            question_id = _question_id(raw, loc[1])
            loc = loc[2:]
        field = ".".join(str(part) for part in loc) or None
        errors.append(QuizError(path, question_id, field, message))
    return errors


def _raise_all(errors: list[QuizError]) -> None:
    if errors:
        first = errors[0]
        raise QuizError(
            first.path,
            first.question_id,
            first.field,
            first.message,
            line=first.line,
            others=errors[1:],
        )


def load_bank(path: Path) -> QuizBank:
    """Load and validate one bank; raise QuizError naming the file, question and field."""
    raw = _read_yaml(path)
    if not isinstance(raw, dict):
        raise QuizError(path, None, None, "a bank is a mapping with 'lesson' and 'questions'")
    try:
        bank = QuizBank.model_validate(raw)
    except ValidationError as exc:
        _raise_all(_errors_from(path, raw, exc))
        raise  # unreachable: a ValidationError always has errors
    if bank.lesson != path.stem:
        raise QuizError(
            path, None, "lesson", f"'{bank.lesson}' does not match the file name '{path.stem}'"
        )
    bank._path = path
    return bank


#: Ids that were used once and removed. An id is never reused: progress stored in browsers
#: (and spaced-repetition schedules) is keyed by id, so a new question under an old id would
#: inherit someone else's history.
RETIRED_IDS_FILE = "retired-ids.txt"
#: Interview-prep banks, ``quizzes/interview/NN_slug.yaml``: each joins the deck of lesson
#: ``NN_slug`` (after that lesson's own questions), or stands as that lesson's deck until the
#: lesson's own bank exists.
INTERVIEW_FOLDER = "interview"


def load_retired_ids(root: Path) -> dict[str, int]:
    """``quizzes/retired-ids.txt``: one id per line, ``#`` comments; id -> line number."""
    path = root / "quizzes" / RETIRED_IDS_FILE
    if not path.is_file():
        return {}
    retired: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        if not re.match(_ID, text):
            raise QuizError(path, None, None, f"not a question id: {text!r}", line=number)
        if text in retired:
            raise QuizError(
                path, None, None, f"{text!r} is listed twice (line {retired[text]})", line=number
            )
        retired[text] = number
    return retired


def _lesson_slugs(root: Path, banks: list[QuizBank]) -> dict[str, str]:
    """Lesson number -> slug, from quizzes/NN_slug.yaml and lessons/NN_slug/."""
    slugs = {bank.lesson[:2]: bank.lesson for bank in banks}
    for folder in sorted((root / "lessons").glob("[0-9][0-9]_*")):
        if folder.is_dir():
            slugs.setdefault(folder.name[:2], folder.name)
    return slugs


def load_all_banks(root: Path) -> list[QuizBank]:
    """Every deck under the repo root, one per lesson, sorted by lesson.

    A deck is ``quizzes/NN_slug.yaml`` followed by ``quizzes/interview/NN_slug.yaml`` when
    both exist. Ids must be unique across every file and none may be a retired id.
    """
    folder = root / "quizzes"
    extra_folder = folder / INTERVIEW_FOLDER
    strays = sorted(folder.glob("*.yml")) + sorted(extra_folder.glob("*.yml"))
    if strays:
        raise QuizError(strays[0], None, None, "quiz banks end in .yaml")
    banks = [load_bank(path) for path in sorted(folder.glob("*.yaml"))]
    extras = [load_bank(path) for path in sorted(extra_folder.glob("*.yaml"))]
    retired = load_retired_ids(root)
    retired_file = _display(folder / RETIRED_IDS_FILE)
    owner: dict[str, Path] = {}
    errors = []
    for bank in banks + extras:
        for question in bank.questions:
            if question.id in retired:
                errors.append(
                    QuizError(
                        bank.path,
                        question.id,
                        "id",
                        f"this id was retired ({retired_file}, line {retired[question.id]}) "
                        "and is never reused: give the question a new id",
                    )
                )
            elif question.id in owner:
                errors.append(
                    QuizError(
                        bank.path,
                        question.id,
                        "id",
                        f"duplicate id: already used in {_display(owner[question.id])}",
                    )
                )
            else:
                owner[question.id] = bank.path
    slugs = _lesson_slugs(root, banks)
    for extra in extras:
        known = slugs.get(extra.lesson[:2], extra.lesson)
        if known != extra.lesson:
            errors.append(
                QuizError(
                    extra.path,
                    None,
                    "lesson",
                    f"lesson {extra.lesson[:2]} is '{known}', not '{extra.lesson}': rename the "
                    f"file to {known}.yaml and set lesson: {known}",
                )
            )
    _raise_all(errors)
    decks = {bank.lesson: bank for bank in banks}
    for extra in extras:
        deck = decks.get(extra.lesson)
        if deck is None:
            decks[extra.lesson] = extra
            continue
        deck.questions.extend(extra.questions)
        for question in extra.questions:
            deck._sources[question.id] = extra.path
    return [decks[lesson] for lesson in sorted(decks)]


def bank_to_json(bank: QuizBank) -> dict[str, Any]:
    """The data the browser's quiz cards use. Prompts and whys stay markdown."""
    return {
        "lesson": bank.lesson,
        "questions": [
            {
                "id": q.id,
                "type": q.type,
                "prompt": q.prompt,
                "code": q.code,
                "options": [
                    {"text": o.text, "correct": o.correct, "why": o.why} for o in q.options
                ],
                "answer": q.answer,
                "key_points": list(q.key_points),
                "rule_of_thumb": q.rule_of_thumb,
                "difficulty": q.difficulty,
                "tags": list(q.tags),
                "section": q.section,
            }
            for q in bank.questions
        ],
    }
