"""The quiz-bank format as types: constants, QuizError and the pydantic models of a bank.

See the package docstring (``awaited.quiz``) for the YAML format these models validate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    field_validator,
    model_validator,
)

__all__ = [
    "DEFAULT_INI",
    "INI_FILE",
    "OUTCOMES",
    "RATINGS",
    "SNIPPET_FILE",
    "Difficulty",
    "Expect",
    "IniValue",
    "Option",
    "Proof",
    "Question",
    "QuestionType",
    "QuizBank",
    "QuizError",
    "RunSpec",
]

QuestionType = Literal["single", "multiple", "predict", "flashcard"]
#: How a flashcard's recall is rated, keys 1-4 (FSRS's four grades); 3 and 4 count as right.
RATINGS = ("Again", "Hard", "Good", "Easy")
Difficulty = Literal["easy", "medium", "hard"]
IniValue = bool | int | float | str | list[str]

#: The ini used when a predict question or a proof has no ``run``: the repo's asyncio settings.
DEFAULT_INI: dict[str, IniValue] = {
    "asyncio_mode": "strict",
    "asyncio_default_fixture_loop_scope": "function",
}
SNIPPET_FILE = "test_snippet.py"
INI_FILE = "pytest.ini"
#: Outcome counts that must always agree; other counts (warnings, deselected) only when expected.
OUTCOMES = ("passed", "failed", "error", "skipped", "xfailed", "xpassed")

_ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*$"
_SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_LESSON = r"^[0-9]{2}_[a-z0-9]+(?:_[a-z0-9]+)*$"
_PLUGIN = r"^[A-Za-z0-9_.-]+$"
_COUNT = re.compile(r"(\d+) ([a-z]+)")


class QuizError(Exception):
    """A bank that cannot be loaded: names the file, the question and the field at fault.

    When a file has several problems, the first one fills the attributes and the rest are in
    ``others``; ``str()`` shows them all, one per line.
    """

    def __init__(
        self,
        path: Path,
        question_id: str | None,
        field: str | None,
        message: str,
        *,
        line: int | None = None,
        others: Sequence[QuizError] = (),
    ) -> None:
        self.path = path
        self.question_id = question_id
        self.field = field
        self.message = message
        self.line = line
        self.others = tuple(others)
        super().__init__(str(self))

    def location(self) -> str:
        """``file[:line][: question 'id'][, field 'name']``."""
        where = _display(self.path)
        if self.line is not None:
            where += f":{self.line}"
        parts = []
        if self.question_id is not None:
            parts.append(f"question '{self.question_id}'")
        if self.field:
            parts.append(f"field '{self.field}'")
        return f"{where}: {', '.join(parts)}" if parts else where

    def __str__(self) -> str:
        lines = [f"{self.location()}: {self.message}"]
        lines += [f"{other.location()}: {other.message}" for other in self.others]
        return "\n".join(lines)


class _RuleError(ValueError):
    """A cross-field rule broken inside a model; ``loc`` points below the model at fault."""

    def __init__(self, loc: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.loc = loc
        self.message = message


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RunSpec(_Model):
    """How a snippet runs: the pytest.ini, disabled plugins, extra args and files, the timeout."""

    ini: dict[str, IniValue] = Field(default_factory=lambda: dict(DEFAULT_INI))
    plugins_disabled: list[str] = Field(default_factory=list)
    args: list[str] = Field(default_factory=list)
    files: dict[str, str] = Field(default_factory=dict)
    timeout: float = Field(default=10.0, gt=0, le=120)

    @field_validator("plugins_disabled")
    @classmethod
    def _plugin_names(cls, names: list[str]) -> list[str]:
        for name in names:
            if not re.match(_PLUGIN, name):
                raise ValueError(f"not a plugin name: {name!r}")
        return names

    @field_validator("ini")
    @classmethod
    def _ini_keys(cls, ini: dict[str, IniValue]) -> dict[str, IniValue]:
        for key in ini:
            if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", key):
                raise ValueError(f"not an ini option name: {key!r}")
        return ini

    @field_validator("files")
    @classmethod
    def _file_names(cls, files: dict[str, str]) -> dict[str, str]:
        for name in files:
            pure = PurePosixPath(name)
            if pure.is_absolute() or ".." in pure.parts or not pure.parts or "\\" in name:
                raise ValueError(f"{name!r} must be a relative path inside the run directory")
            if str(pure) in (SNIPPET_FILE, INI_FILE):
                raise ValueError(f"{name!r} is written by the runner; use code or ini")
        return files

    @property
    def timeout_plugin(self) -> bool:
        return "timeout" not in self.plugins_disabled and "pytest_timeout" not in (
            self.plugins_disabled
        )


class Expect(_Model):
    """What a run must show. At least one of the three must be given."""

    summary: str | None = None
    output_contains: list[str] = Field(default_factory=list)
    hangs: bool = False

    @field_validator("output_contains", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @field_validator("summary")
    @classmethod
    def _summary_parses(cls, value: str | None) -> str | None:
        if value is not None and _parse_counts(value) is None:
            raise ValueError(f"not a pytest summary such as '1 failed, 2 passed': {value!r}")
        return value

    @field_validator("output_contains")
    @classmethod
    def _not_empty(cls, values: list[str]) -> list[str]:
        if any(not v for v in values):
            raise ValueError("an empty string matches any output")
        return values

    @model_validator(mode="after")
    def _says_something(self) -> Self:
        if self.summary is None and not self.output_contains and not self.hangs:
            raise _RuleError((), "give summary, output_contains or hangs: true")
        if self.hangs and self.summary is not None:
            raise _RuleError(("summary",), "a hanging run has no summary of its own to expect")
        return self

    def describe(self) -> str:
        parts = []
        if self.hangs:
            parts.append("hangs")
        if self.summary is not None:
            parts.append(f"summary '{self.summary}'")
        parts += [f"output containing {text!r}" for text in self.output_contains]
        return " and ".join(parts)


class Proof(_Model):
    """A snippet whose run proves a fact that a question or one of its explanations states."""

    claim: str | None = None
    code: str = Field(min_length=1)
    run: RunSpec = Field(default_factory=RunSpec)
    expect: Expect

    @field_validator("code")
    @classmethod
    def _compiles(cls, code: str) -> str:
        return _compiles(code)


class Option(_Model):
    text: str = Field(min_length=1)
    correct: bool = False
    why: str = Field(min_length=1)
    expect: Expect | None = None


class Question(_Model):
    id: str = Field(pattern=_ID, max_length=120)
    type: QuestionType
    prompt: str = Field(min_length=1)
    # the anchor of the heading on the lesson page that teaches it: every card links there
    section: str = Field(pattern=_SLUG)
    difficulty: Difficulty
    tags: list[str] = Field(default_factory=list)
    code: str | None = None
    run: RunSpec | None = None
    options: list[Option] = Field(default_factory=list)
    answer: str | None = None  # flashcard only: the model answer (markdown)
    key_points: list[str] = Field(default_factory=list)  # flashcard only: what a good answer says
    rule_of_thumb: str = Field(min_length=1)
    proofs: list[Proof] = Field(default_factory=list)

    @field_validator("tags")
    @classmethod
    def _tags(cls, tags: list[str]) -> list[str]:
        for tag in tags:
            if not re.match(_SLUG, tag):
                raise ValueError(f"tags are lowercase-kebab words: {tag!r}")
        if len(set(tags)) != len(tags):
            raise ValueError("a tag is repeated")
        return tags

    @field_validator("code")
    @classmethod
    def _code_compiles(cls, code: str | None) -> str | None:
        return None if code is None else _compiles(code)

    @field_validator("key_points")
    @classmethod
    def _points(cls, points: list[str]) -> list[str]:
        if any(not point.strip() for point in points):
            raise ValueError("a key point is empty")
        return points

    @model_validator(mode="after")
    def _rules(self) -> Self:
        if self.type == "flashcard":
            return self._flashcard_rules()
        if self.answer is not None:
            raise _RuleError(("answer",), "only flashcards have a model answer; explain options")
        if self.key_points:
            raise _RuleError(("key_points",), "only flashcards have key points")
        if len(self.options) < 2:
            raise _RuleError(
                ("options",), f"a {self.type} question needs at least two options, each with a why"
            )
        correct = [i for i, option in enumerate(self.options) if option.correct]
        if self.type in ("single", "predict") and len(correct) != 1:
            raise _RuleError(
                ("options",),
                f"a {self.type} question needs exactly one correct option, found {len(correct)}",
            )
        if self.type == "multiple" and not correct:
            raise _RuleError(("options",), "a multiple question needs at least one correct option")
        seen: dict[str, int] = {}
        for i, option in enumerate(self.options):
            if option.text in seen:
                raise _RuleError(("options", i, "text"), f"same text as option {seen[option.text]}")
            seen[option.text] = i
        if self.type == "predict":
            if self.code is None:
                raise _RuleError(("code",), "a predict question needs the code it runs")
            for i, option in enumerate(self.options):
                if option.expect is None:
                    raise _RuleError(
                        ("options", i, "expect"),
                        "every option of a predict question needs an expect",
                    )
        else:
            if self.run is not None:
                raise _RuleError(("run",), "only predict questions run their code; use proofs")
            for i, option in enumerate(self.options):
                if option.expect is not None:
                    raise _RuleError(("options", i, "expect"), "only predict options have expect")
        return self

    def _flashcard_rules(self) -> Self:
        """Free recall: a model answer and its key points instead of options."""
        if self.options:
            raise _RuleError(("options",), "a flashcard has no options: give answer and key_points")
        if self.run is not None:
            raise _RuleError(("run",), "only predict questions run their code; use proofs")
        if self.answer is None or not self.answer.strip():
            raise _RuleError(("answer",), "a flashcard needs its model answer")
        if not self.key_points:
            raise _RuleError(("key_points",), "a flashcard needs at least one key point")
        return self

    @property
    def run_spec(self) -> RunSpec:
        """The run settings, with defaults when the question has no ``run``."""
        return self.run if self.run is not None else RunSpec()

    @property
    def correct_options(self) -> list[Option]:
        return [option for option in self.options if option.correct]


class QuizBank(_Model):
    format: Literal[1] = 1
    lesson: str = Field(pattern=_LESSON)
    questions: list[Question] = Field(min_length=1)
    _path: Path = PrivateAttr(default_factory=Path)
    # question id -> the file it came from, when a deck joins several files (see the loader)
    _sources: dict[str, Path] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _unique_ids(self) -> Self:
        first: dict[str, int] = {}
        for i, question in enumerate(self.questions):
            if question.id in first:
                raise _RuleError(
                    ("questions", i, "id"),
                    f"duplicate id: question {first[question.id] + 1} already uses it",
                )
            first[question.id] = i
        return self

    @property
    def path(self) -> Path:
        """The file the bank was loaded from."""
        return self._path

    def source(self, question: Question) -> Path:
        """The file that holds ``question``: the bank's own, or an interview bank joined to it."""
        return self._sources.get(question.id, self._path)

    @property
    def files(self) -> list[Path]:
        """Every file this deck's questions come from, its own first."""
        extra = sorted(set(self._sources.values()) - {self._path})
        return [self._path, *extra]

    @property
    def predict_questions(self) -> list[Question]:
        return [q for q in self.questions if q.type == "predict"]


def _compiles(code: str) -> str:
    try:
        compile(code, SNIPPET_FILE, "exec")
    except SyntaxError as exc:
        raise ValueError(f"code does not compile: line {exc.lineno}: {exc.msg}") from None
    return code


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _parse_counts(body: str) -> dict[str, int] | None:
    """Counts from a summary body such as ``1 failed, 2 passed, 1 warning``; None if not one."""
    body = body.strip()
    if body == "no tests ran":
        return {}
    counts: dict[str, int] = {}
    for part in body.split(", "):
        match = _COUNT.fullmatch(part.strip())
        if match is None:
            return None
        number, word = int(match[1]), match[2]
        word = {"errors": "error", "warnings": "warning"}.get(word, word)
        if word not in (*OUTCOMES, "warning", "deselected", "rerun"):
            return None
        counts[word] = counts.get(word, 0) + number
    return counts
