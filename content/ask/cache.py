"""Indexes kept on disk, keyed by the material's text (and the bank's questions), so that reopening a large
material skips splitting and indexing it: a file in the cache folder per material, rebuilt when missing,
cut short, written by other code, or not an index at all."""

from __future__ import annotations

import hashlib
import pickle
from functools import cache
from pathlib import Path

from content.ask.index import Index
from content.bank import Bank
from content.material import Material

# Bumped when the entry's layout changes; the code's own digest covers every other change.
FORMAT = 1
_SUFFIX = ".ask-index"


def open_index(text: str, name: str, folder: Path | None, bank: Bank | None = None) -> Index:
    """The index of the material `text` (with `bank`): from `folder` if built there before, else built and kept."""
    if folder is None:
        return Index.build(Material(text, name), bank)
    entry = folder / f"{cache_key(text, bank)}{_SUFFIX}"
    index = _load(entry)
    if index is None:
        index = Index.build(Material(text, name), bank)
        _keep(index, entry)
    index.material.name = name
    return index


def cache_key(text: str, bank: Bank | None = None) -> str:
    """A digest of the material, of what the index reads from the bank, and of the code and lexicon."""
    digest = hashlib.sha256(f"{FORMAT}:{_code_digest()}:".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    if bank is not None:
        digest.update(repr([(q.prompt, q.source, q.synonyms(), q.entities()) for q in bank.questions]).encode())
    return digest.hexdigest()[:40]


@cache
def _code_digest() -> str:
    """A digest of the code that splits and indexes a material, and of the lexicon it reads."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    files = [root / "material.py", *sorted((root / "ask").glob("*.py")), *sorted((root / "text").rglob("*.*"))]
    for path in files:
        if path.suffix in {".py", ".tsv", ".txt"}:
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def _load(entry: Path) -> Index | None:
    try:
        with entry.open("rb") as f:
            index = pickle.load(f)
    except Exception:  # missing, cut short, foreign or from other code: built anew
        return None
    return index if isinstance(index, Index) and isinstance(index.material, Material) else None


def _keep(index: Index, entry: Path) -> None:
    """Write the entry whole or not at all; a cache that cannot be written is no reason to fail."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        partial = entry.with_name(entry.name + ".partial")
        partial.write_bytes(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(entry)
    except OSError:
        pass
