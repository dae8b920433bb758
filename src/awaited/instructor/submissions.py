"""Finds the students' submissions and opens them read-only, unpacking zips into scratch.

A submission is a folder (a clone of the student's repository) or a `.zip` of one. Nothing in
the submissions folder is ever written: zips are unpacked into a scratch folder, member by
member, refusing any name that would land outside it (zip-slip), links, and archives that
unpack to more than `MAX_UNPACKED_BYTES`.
"""

from __future__ import annotations

import re
import stat
import zipfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from awaited.catalog import Exercise

MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # a course repo is well under 1 MB; this stops zip bombs
MAX_MEMBERS = 5000
# Folders a clone may hold that are never part of the work and can be large.
SKIPPED_DIRS = frozenset({".git", ".venv", "venv", "node_modules", "__pycache__"})


class SubmissionError(Exception):
    """A submission that cannot be opened at all; the message is the reason shown in reports."""


@dataclass(frozen=True)
class Submission:
    """One student's work: `name` is the folder name, or the zip's name without `.zip`."""

    name: str
    source: Path

    @property
    def is_zip(self) -> bool:
        return self.source.is_file()


def discover(folder: Path) -> list[Submission]:
    """Every student folder and file in `folder`, sorted by name; hidden entries are skipped.

    A file that is not a `.zip` is still listed, so its student gets a row that says why
    they could not be graded instead of disappearing from the gradebook.
    """
    entries = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    submissions: list[Submission] = []
    taken: set[str] = set()
    for path in entries:
        name = path.name[: -len(".zip")] if path.name.lower().endswith(".zip") else path.name
        name = unique = safe_name(name)
        number = 2
        while unique in taken:  # `alice/` and `alice.zip` both get a row of their own
            unique, number = f"{name}-{number}", number + 1
        taken.add(unique)
        submissions.append(Submission(name=unique, source=path))
    return submissions


def safe_name(name: str) -> str:
    """A student name usable as a folder name and a CSV cell: no separators, no dot-names,
    and no leading `+`, `-` or `@`, which a spreadsheet would read as the start of a formula."""
    cleaned = re.sub(r"[^\w.@+-]", "_", name).strip(".") or "unnamed"
    return "_" + cleaned if cleaned[0] in "+-@" else cleaned


def open_tree(submission: Submission, scratch: Path) -> Path:
    """The folder holding the submission's files: the original folder, or the unpacked zip."""
    source = submission.source
    if source.is_symlink():
        raise SubmissionError(f"{source.name} is a symbolic link; submit a folder or a .zip")
    if source.is_dir():
        return source
    if not source.name.lower().endswith(".zip"):
        raise SubmissionError(f"{source.name} is neither a folder nor a .zip file")
    if not zipfile.is_zipfile(source):
        raise SubmissionError(f"{source.name} is not a zip file (it cannot be opened as one)")
    target = scratch / "unpacked"
    target.mkdir()
    unpack(source, target)
    return target


def unpack(archive: Path, target: Path) -> None:
    """Extract `archive` into `target`, refusing members that would escape or explode it."""
    try:
        with zipfile.ZipFile(archive) as zipped:
            members = zipped.infolist()
            if len(members) > MAX_MEMBERS:
                raise SubmissionError(
                    f"{archive.name} holds {len(members)} files, over {MAX_MEMBERS}"
                )
            total = sum(member.file_size for member in members)
            if total > MAX_UNPACKED_BYTES:
                raise SubmissionError(
                    f"{archive.name} unpacks to {total} bytes, over {MAX_UNPACKED_BYTES}"
                )
            for member in members:
                relative = member_path(archive, member)
                if relative is None:
                    continue
                destination = target.joinpath(*relative.parts)
                if member.is_dir():
                    destination.mkdir(parents=True, exist_ok=True)
                    continue
                destination.parent.mkdir(parents=True, exist_ok=True)
                # Read with a hard cap: a lying header cannot make us write more than promised.
                with zipped.open(member) as source:
                    data = source.read(member.file_size + 1)
                if len(data) > member.file_size:
                    raise SubmissionError(
                        f"{archive.name}: {member.filename} is larger than stated"
                    )
                destination.write_bytes(data)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError) as error:
        raise SubmissionError(f"{archive.name} could not be unpacked: {error}") from None


def member_path(archive: Path, member: zipfile.ZipInfo) -> PurePosixPath | None:
    """The member's safe relative path, None to skip it; refuses absolute and `..` names."""
    name = member.filename.replace("\\", "/")
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or re.match(r"^[A-Za-z]:", name):
        raise SubmissionError(f"{archive.name}: refusing {member.filename!r}, it points outside")
    mode = member.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise SubmissionError(f"{archive.name}: refusing {member.filename!r}, a symbolic link")
    if not path.parts or any(part in SKIPPED_DIRS for part in path.parts):
        return None
    return path


def course_root(tree: Path, slugs: Collection[str] = ()) -> Path:
    """Where the course files start: the tree itself, or the one folder a zip wraps them in.

    GitHub's "Download ZIP" puts everything under `<repo>-main/`; a student may also zip the
    folder they worked in. Either way, descend while there is exactly one folder and no files,
    stopping at `exercises/` or at an exercise's own folder (one of `slugs`).
    """
    current = tree
    for _ in range(3):
        if (current / "exercises").is_dir() or any((current / slug).is_dir() for slug in slugs):
            return current
        children = [p for p in current.iterdir() if not p.name.startswith(".")]
        if len(children) != 1 or not children[0].is_dir() or children[0].is_symlink():
            return current
        current = children[0]
    return current


def exercise_folder(root: Path, slug: str) -> Path | None:
    """The submission's folder for exercise `slug`: `exercises/<slug>/` or `<slug>/`."""
    for candidate in (root / "exercises" / slug, root / slug):
        if candidate.is_dir() and not candidate.is_symlink():
            return candidate
    return None


def read_inside(folder: Path, relative: str, tree: Path) -> bytes | None:
    """The bytes of `folder/relative`, or None when missing or a link leading outside `tree`."""
    path = folder / relative
    # A link anywhere on the way (the file, or a folder above it) must not lead outside.
    if not path.is_file() or not path.resolve().is_relative_to(tree.resolve()):
        return None
    return path.read_bytes()


def walk_files(tree: Path) -> list[str]:
    """Every file below `tree` as a POSIX relative path, skipping SKIPPED_DIRS and links."""
    found: list[str] = []
    pending = [tree]
    while pending:
        folder = pending.pop()
        for path in sorted(folder.iterdir()):
            if path.is_symlink():
                continue
            if path.is_dir():
                if path.name not in SKIPPED_DIRS:
                    pending.append(path)
            elif path.is_file():
                found.append(path.relative_to(tree).as_posix())
    return sorted(found)


def exercises_present(exercises: list[Exercise], found: list[Submission]) -> list[Exercise]:
    """The course exercises that at least one submission holds a folder for."""
    return [e for e in exercises if any(_mentions(s, e.slug) for s in found)]


def _mentions(submission: Submission, slug: str) -> bool:
    source = submission.source
    if source.is_dir() and not source.is_symlink():
        return exercise_folder(course_root(source, [slug]), slug) is not None
    try:
        with zipfile.ZipFile(source) as zipped:
            return any(f"{slug}/" in name.replace("\\", "/") for name in zipped.namelist())
    except (zipfile.BadZipFile, OSError):
        return False
