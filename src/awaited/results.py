"""The results contract: Exercism's test-runner format, version 3.

One JSON document per graded exercise, written by the pytest plugin and read by the CLI,
the instructor tools and (later) the browser. Mutants appear as extra entries in `tests`,
named `mutant <name>: <bug>`, so any v3 consumer shows them without knowing about them.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Status = Literal["pass", "fail", "error"]
OUTPUT_LIMIT = 500
MUTANT_PREFIX = "mutant "
NOT_TRIED = "Not tried yet: no test passes against the real app, so none can catch this bug."


def cap_output(text: str | None) -> str | None:
    """Exercism caps `output` at 500 characters; say so rather than cut silently."""
    if not text:
        return None
    if len(text) <= OUTPUT_LIMIT:
        return text
    marker = "\n[output truncated to 500 characters]"
    return text[: OUTPUT_LIMIT - len(marker)] + marker


@dataclass
class TestResult:
    name: str
    status: Status
    message: str | None = None
    output: str | None = None
    test_code: str = ""
    task_id: int | None = None

    @property
    def is_mutant(self) -> bool:
        return self.name.startswith(MUTANT_PREFIX)


@dataclass
class Results:
    status: Status
    message: str | None = None
    tests: list[TestResult] = field(default_factory=list)
    version: int = 3

    @property
    def learner_tests(self) -> list[TestResult]:
        return [test for test in self.tests if not test.is_mutant]

    @property
    def mutants(self) -> list[TestResult]:
        return [test for test in self.tests if test.is_mutant]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        ordered = {"version": data["version"], "status": data["status"]}
        if self.message is not None:
            ordered["message"] = self.message
        ordered["tests"] = [
            {key: value for key, value in test.items() if value is not None or key == "task_id"}
            for test in data["tests"]
        ]
        return ordered

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Results:
        tests = [TestResult(**test) for test in data.get("tests", [])]
        return cls(status=data["status"], message=data.get("message"), tests=tests)

    @classmethod
    def from_json(cls, text: str) -> Results:
        loaded: dict[str, Any] = json.loads(text)
        return cls.from_dict(loaded)
