"""A course: a folder holding a bank (`bank.yaml`) and the material its questions cite."""

from __future__ import annotations

import hashlib
import pickle
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from content.bank import Bank, BankError, BankFile, Problem, read_bank
from content.material import Material, Passage
from content.questions import TYPES, Question

BANK_FILE = "bank.yaml"
BUNDLED = Path(__file__).parent / "courses"


@dataclass
class Course:
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

    def passage_keys(self) -> dict[str, str]:
        """Question id -> key of its first cited passage (same key: same passage)."""
        keys = {}
        for q in self.bank.questions:
            cited = self.passages(q)
            keys[q.id] = cited[0].key if cited else q.id
        return keys

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
    try:
        file = read_bank(path)
    except BankError as e:
        return None, None, e.problems
    source = material_path(file)
    try:
        material = Material.from_file(source)
    except (OSError, UnicodeDecodeError) as e:
        why = "not found" if isinstance(e, FileNotFoundError) else f"unreadable ({e})"
        line, col = file.at("material")
        return file, None, [Problem(str(path), line, col, f"material file {why}: {source}")]
    from content.lint import lint

    return file, material, lint(file, material)


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
        digest.update(bank_path.read_bytes())
        for source in sorted(bank_path.parent.iterdir()):
            if source.is_file() and source != bank_path:
                digest.update(f"{source.name}{source.stat().st_size}{source.stat().st_mtime_ns}".encode())
    except OSError:
        return None
    for module in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(f"{module.name}{module.stat().st_mtime_ns}".encode())
    return digest.hexdigest()[:32]


def _cached(entry: Path) -> Course | None:
    try:
        with entry.open("rb") as f:
            course = pickle.load(f)
    except Exception:  # missing, cut short, or from another version: load the course anew
        return None
    return course if isinstance(course, Course) else None


def _keep(course: Course, entry: Path) -> None:
    """Write the cache entry; a cache that cannot be written is no reason to stop studying."""
    course.file.__dict__.pop("doc", None)  # the round-trip tree is rebuilt when needed
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        partial = entry.with_suffix(".partial")
        partial.write_bytes(pickle.dumps(course, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(entry)
    except OSError:
        pass


def course_folders(roots: Iterable[Path]) -> list[Path]:
    """Folders directly under the roots that hold a bank, by name; the first root wins a tie."""
    found: dict[str, Path] = {}
    for root in roots:
        if root.is_dir():
            for bank in sorted(root.glob(f"*/{BANK_FILE}")):
                found.setdefault(bank.parent.name, bank.parent)
    return [found[name] for name in sorted(found)]
