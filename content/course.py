"""A course: a folder holding a bank (`bank.yaml`) and the material its questions cite."""

from __future__ import annotations

import hashlib
import os
import pickle
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from content.bank import BANK_BYTES, Bank, BankError, BankFile, Problem, read_bank_problems
from content.course_folders import BANK_FILE
from content.files import Refused, read_text
from content.material import Material, Passage
from content.questions import TYPES, Question



@dataclass
class Course:
    """A course's bank and material, checked, with the warnings found in it."""

    file: BankFile
    material: Material
    warnings: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        from content.grading.known import teach

        teach(self.bank.questions, self.material)  # grading judges names against the material's too

    @property
    def bank(self) -> Bank:
        return self.file.bank

    @property
    def id(self) -> str:
        return self.bank.id

    @property
    def title(self) -> str:
        return self.bank.title

    @property
    def folder(self) -> Path:
        return self.file.path.parent

    def passages(self, question: Question) -> list[Passage]:
        """The passages a question cites, in the order of its quotes."""
        found = (self.material.find(quote) for quote in question.source)
        return [p for p in found if p is not None]

    @cached_property
    def first_passages(self) -> dict[str, Passage | None]:
        """Question id -> the first passage it cites that the material has (None: none): where it stands."""
        found: dict[str, Passage | None] = {}
        for q in self.bank.questions:
            found[q.id] = next((p for p in map(self.material.find, q.source) if p is not None), None)
        return found

    @cached_property
    def new_order(self) -> list[str]:
        """The question ids in the order new cards are introduced (see `content.study_order`); the same for
        every learner, so it is kept in the course cache with `first_passages`."""
        from content.study_order import study_order

        return study_order(self)

    def passage_keys(self) -> dict[str, str]:
        """Question id -> key of its first cited passage (same key: same passage), for the questions learners
        study: a draft waits for an author to accept it."""
        first = self.first_passages
        return {q.id: passage.key if (passage := first[q.id]) is not None else q.id
                for q in self.bank.questions if q.status == "ready"}

    def counts_by_type(self) -> dict[str, int]:
        counts = Counter(q.type for q in self.bank.questions)
        return {t: counts[t] for t in TYPES if counts[t]}

    def counts_by_topic(self) -> dict[str, int]:
        counts = Counter(t for q in self.bank.questions for t in q.topics)
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def material_path(file: BankFile) -> Path:
    return file.path.parent / file.bank.material


def check_bank(path: Path) -> list[Problem]:
    """Every problem in the bank at `path` (a bank file or a course folder)."""
    return _load(path)[2]


def _load(path: Path) -> tuple[BankFile | None, Material | None, list[Problem]]:
    if path.is_dir():
        path = path / BANK_FILE
    file, problems = read_bank_problems(path)
    if file is None:
        return None, None, problems
    source = material_path(file)
    outside = _outside(file)
    if outside is not None:
        return file, None, _sorted([*problems, file.problem(("material",), outside)])
    try:
        material = Material.from_file(source.resolve())
    except Refused as e:
        where = f"{source}:{e.line}:{e.col}" if e.line else str(source)
        return file, None, _sorted([*problems, file.problem(("material",), f"material file {e.reason}: {where}")])
    return file, material, _sorted([*problems, *_lint(file, material)])


def _outside(file: BankFile) -> str | None:
    """Why the bank's material is refused unread: it is not inside the course folder, links followed."""
    folder, name = file.path.parent, file.bank.material
    if "\0" in name:
        return f"material {name!r} has a NUL character in its name"
    try:
        inside, target = folder.resolve(), (folder / name).resolve()
    except (OSError, RuntimeError) as e:  # RuntimeError: a loop of symbolic links
        return f"material {name!r} cannot be found: {e}"
    if not target.is_relative_to(inside):
        return f"material {name!r} is outside the course folder (it is {target}); it must be a file inside {inside}"
    return None


def _lint(file: BankFile, material: Material) -> list[Problem]:
    """Lint's problems; should lint fail on a question (a bug), the others are still linted and it is named."""
    from content.lint import lint

    try:
        return lint(file, material)
    except Exception:
        pass
    found = []
    for i, question in enumerate(file.bank.questions):
        one = BankFile(file.path, Bank(file.bank.id, file.bank.title, file.bank.material, [question]), file.source,
                       [file.positions[i] if file.positions is not None else i])
        one.__dict__["nodes"] = file.nodes
        try:
            found += lint(one, material)
        except Exception as e:
            found.append(one.problem(("questions", 0), f"question {question.id!r}: internal error while linting "
                                     f"({type(e).__name__}: {e}); please report it"))
    return found


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line, p.col))


def open_course(path: Path, cache: Path | None = None) -> Course:
    """Load a course folder (or bank file), or raise BankError with every error in it.

    With a `cache` folder, a course checked once is kept there and loaded from it while its
    bank, its material and this code are unchanged: starting to study then skips the parsing.
    """
    bank_path = path / BANK_FILE if path.is_dir() else path
    key = _cache_key(bank_path) if cache is not None else None
    if cache is not None and key is not None:
        course = _cached(cache / f"{key}.pickle")
        if course is not None:
            return course
    file, material, problems = _load(bank_path)
    errors = [p for p in problems if p.severity == "error"]
    if file is None or material is None or errors:
        raise BankError(errors)
    course = Course(file, material, [p for p in problems if p.severity == "warning"])
    # The key covers the files beside the bank: a material elsewhere is not cached.
    if cache is not None and key is not None and material_path(file).parent == bank_path.parent:
        _keep(course, cache / f"{key}.pickle")
    return course


def _cache_key(bank_path: Path) -> str | None:
    """A digest of the bank, the files beside it and the code that reads them."""
    digest = hashlib.sha256()
    try:
        digest.update(read_text(bank_path, BANK_BYTES).encode("utf-8", "surrogatepass"))
        for source in sorted(bank_path.parent.iterdir()):
            if source.is_file() and source != bank_path:
                digest.update(f"{source.name}{source.stat().st_size}{source.stat().st_mtime_ns}".encode())
    except OSError:
        return None
    for path, mtime_ns in _modules(os.path.dirname(__file__)):
        digest.update(f"{path}{mtime_ns}".encode())
    return digest.hexdigest()[:32]


def _modules(top: str) -> list[tuple[str, int]]:
    """Every module under `top`, by path (from `top`), with its modification time, in path order.

    os.scandir, not Path.rglob: the key is worked out at every start, and rglob's Path objects made
    it take about twice as long.
    """
    found, folders = [], [top]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.name.endswith(".py") and entry.is_file():
                    found.append((entry.path[len(top):], entry.stat().st_mtime_ns))
                elif entry.is_dir() and entry.name != "__pycache__":
                    folders.append(entry.path)
    return sorted(found)


def _cached(entry: Path) -> Course | None:
    try:
        with entry.open("rb") as f:
            course = pickle.load(f)
    except Exception:  # missing, cut short, or from another version: load the course anew
        return None
    return course if isinstance(course, Course) else None


def _keep(course: Course, entry: Path) -> None:
    """Write the cache entry; a cache that cannot be written is no reason to stop studying."""
    for tree in ("doc", "nodes"):  # the YAML trees are built again when needed
        course.file.__dict__.pop(tree, None)
    _ = course.new_order  # worked out before it is kept (first_passages with it): the engine's start reads it
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        partial = entry.with_suffix(".partial")
        partial.write_bytes(pickle.dumps(course, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(entry)
    except OSError:
        pass
