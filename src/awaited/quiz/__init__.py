"""Quiz banks: the YAML format, its typed loader and validator, and proof of every answer.

One bank per lesson, at ``quizzes/<lesson slug>.yaml``, optionally followed by an interview-prep
bank for the same lesson at ``quizzes/interview/<lesson slug>.yaml`` (same format): the two
join into one deck, the lesson's own questions first. An interview bank whose lesson has no
bank yet is that lesson's deck on its own; one whose number belongs to a lesson with another
slug is refused. Ids are never reused: ``quizzes/retired-ids.txt`` lists (one a line, ``#``
comments) every id that was removed, and a bank using one is refused::

    format: 1                       # optional; the version of this format
    lesson: 01_first_async_test     # must equal the file name without ".yaml"
    questions:
      - id: first-async-test/no-marker    # stable, unique across ALL banks, never reused
        type: predict                     # single | multiple | predict | flashcard
        difficulty: easy                  # easy | medium | hard
        tags: [markers, myth]             # "myth": the question targets a common wrong belief
        section: pitfalls                 # the anchor on the lesson page it draws on
        prompt: "What does pytest report for this file?"      # markdown
        code: |                           # required for predict, optional otherwise
          ...
        run:                              # predict only; every key optional
          ini: {asyncio_mode: strict}     # the whole pytest.ini [pytest] section
          plugins_disabled: [asyncio]     # each becomes "-p no:NAME"
          args: [-rA]                     # extra pytest arguments
          files: {conftest.py: "..."}     # extra files written beside test_snippet.py
          timeout: 10                     # seconds per test before the run counts as a hang
        options:                          # at least two; a flashcard has none
          - text: "1 failed"              # markdown
            correct: true                 # single/predict: exactly one; multiple: at least one
            why: "Why this option is right or wrong."              # required on every option
            expect: {summary: "1 failed"} # predict only, required on every option
        answer: "..."                     # flashcard only, required: the model answer
        key_points: ["...", "..."]        # flashcard only, at least one: what an answer must say
        rule_of_thumb: "One line to remember."
        proofs:                           # optional: snippets proving the facts the
                                          # question and its explanations rely on
          - claim: "what this run proves"
            code: |
              ...
            run: {...}                    # as above
            expect: {summary: "1 passed"}

``expect`` describes what a run must show: ``summary`` (pytest's closing counts, compared
as numbers: outcomes must all agree, warnings and deselected only when given),
``output_contains`` (a string or a list of strings that must all appear in the output) and
``hangs`` (the run must time out; false by default, so a run that hangs never matches an
``expect`` without ``hangs: true``).

A flashcard is free recall: the learner answers in their head (or aloud), then compares with
the model answer and its key points and rates their own recall.

A predict question is verified when the real run matches the correct option's ``expect``
and matches none of the wrong options' (so each distractor is proven wrong too). A proof is
verified when its run matches its ``expect``.

A snippet runs as ``test_snippet.py`` in an empty directory holding only its ``pytest.ini``
(``run.ini`` replaces the default, which is the repo's own asyncio settings, ``DEFAULT_INI``)
and ``run.files``, as ``python -m pytest -q -p no:cacheprovider -p no:awaited`` plus
``-o timeout=N`` for pytest-timeout, in an environment without ``PYTEST_*`` variables. A run
still going 30 s after its timeout is killed and also counts as a hang.

``python -m awaited.quiz check`` validates every bank and runs every prediction and proof.

The package: ``models`` (the types, QuizError and the pydantic models), ``loader`` (reading
and validating YAML banks), ``proofs`` (running snippets and checking every answer) and
``__main__`` (the command line). Every public name is importable from ``awaited.quiz``.
"""

from __future__ import annotations

from collections.abc import Sequence

from awaited.quiz.loader import (
    INTERVIEW_FOLDER,
    RETIRED_IDS_FILE,
    bank_to_json,
    load_all_banks,
    load_bank,
    load_retired_ids,
)
from awaited.quiz.models import (
    DEFAULT_INI,
    Expect,
    IniValue,
    Option,
    Proof,
    Question,
    QuizBank,
    QuizError,
    RunSpec,
)
from awaited.quiz.proofs import (
    PredictionRun,
    check_banks,
    check_prediction,
    check_proofs,
    check_question,
    expect_problems,
    parse_summary,
    pytest_command,
    run_prediction,
    run_snippet,
)

__all__ = [
    "DEFAULT_INI",
    "INTERVIEW_FOLDER",
    "RETIRED_IDS_FILE",
    "Expect",
    "IniValue",
    "Option",
    "PredictionRun",
    "Proof",
    "Question",
    "QuizBank",
    "QuizError",
    "RunSpec",
    "bank_to_json",
    "check_banks",
    "check_prediction",
    "check_proofs",
    "check_question",
    "expect_problems",
    "load_all_banks",
    "load_bank",
    "load_retired_ids",
    "main",
    "parse_summary",
    "pytest_command",
    "run_prediction",
    "run_snippet",
]


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m awaited.quiz``'s entry point; see ``awaited.quiz.__main__``."""
    # Imported on call, not at import time: ``python -m awaited.quiz`` imports this package
    # first, and runpy warns when the ``__main__`` it is about to run is already imported.
    from awaited.quiz.__main__ import main as run

    return run(argv)
