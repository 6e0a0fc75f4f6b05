"""Lint of the edited question in the bank editor, on a bank of 10,000 questions.

The bank is the Mali course's questions repeated with new ids. Each edit is what a keystroke in the editor's
form does: the field set in the edited bank (`set_field`), the questions sharing its id looked up over the
whole bank (on the UI thread), then the check its worker runs (`Checker.one`: validation as `bank check`
gives it, and lint against the material). Edits take turns: a valid change, a field emptied (a schema
error), a quote broken (a lint error). Budget: p95 under 50 ms. The whole-bank check, which the editor runs
in the background on opening, is timed once. Run: python bench/editor_bench.py [--questions N] [--edits N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from content.editing.checks import Checker
from content.editing.fields import yaml_text
from content.editing.model import EditedBank
from content.material import Material

MALI = Path(__file__).resolve().parents[1] / "content" / "courses" / "mali"


def big_bank(folder: Path, size: int) -> Path:
    """A course folder whose bank repeats the Mali questions, each copy with ids of its own."""
    base = EditedBank.load(MALI / "bank.yaml")
    questions = []
    for n in range(size):
        data = dict(base.entries[n % len(base.entries)].data)
        data["id"] = f"{data['id']}-r{n // len(base.entries)}"
        questions.append(data)
    (folder / "material.md").write_text((MALI / "material.md").read_text(encoding="utf-8"), encoding="utf-8")
    bank = folder / "bank.yaml"
    bank.write_text(yaml_text({**base.head, "questions": questions}) + "\n", encoding="utf-8")
    return bank


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(13)
    with tempfile.TemporaryDirectory() as tmp:
        bank = big_bank(Path(tmp), args.questions)
        start = time.perf_counter()
        model = EditedBank.load(bank)
        checker = Checker(bank, Material.from_file(model.material))
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        checker.many(model.entries)
        whole = time.perf_counter() - start
        timings, errors = [], 0
        for n in range(args.edits):
            entry = model.entries[rng.randrange(len(model.entries))]
            name, value = [("prompt", f"{entry.data.get('prompt', '')} ({n})"), ("explain", ""),
                           ("source", "a quote that the material does not hold")][n % 3]
            start = time.perf_counter()
            edited = model.set_field(entry.key, name, value)
            peers = [e for e in model.entries if e.id == edited.id and e is not edited]
            check = checker.one(edited, peers)
            timings.append(time.perf_counter() - start)
            errors += check.errors > 0
            model.undo()
    timings.sort()
    p50, p95 = statistics.median(timings) * 1000, timings[int(len(timings) * 0.95)] * 1000
    print(f"bank of {len(model.entries)} questions: loaded in {loaded:.2f} s, whole-bank check {whole:.2f} s "
          "(in the background)")
    print(f"lint of the edited question, {len(timings)} edits ({errors} with errors found): "
          f"p50 {p50:.2f} ms, p95 {p95:.2f} ms (budget p95 50 ms)")


if __name__ == "__main__":
    main()
