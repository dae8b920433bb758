"""``python -m awaited.quiz check``: validate every bank and prove every answer."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from awaited.quiz.loader import load_all_banks
from awaited.quiz.models import QuizError, _display
from awaited.quiz.proofs import check_banks

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m awaited.quiz", description="Validate quiz banks and prove their answers."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate every bank and prove every answer")
    check.add_argument("--root", type=Path, default=Path.cwd(), help="repo root (default: .)")
    check.add_argument("--no-run", action="store_true", help="validate only; run nothing")
    check.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)

    try:
        banks = load_all_banks(args.root)
    except QuizError as exc:
        print(exc)
        return 1
    total = sum(len(bank.questions) for bank in banks)
    print(f"{len(banks)} bank(s), {total} question(s): valid")
    if args.no_run:
        return 0
    failed = runs = 0
    for bank, question, problems in check_banks(banks, args.jobs):
        runs += 1
        if problems:
            failed += 1
            print(f"{_display(bank.source(question))}: question '{question.id}':")
            for problem in problems:
                print(f"  {problem}")
    print(f"{runs - failed}/{runs} question(s) with runs verified")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
