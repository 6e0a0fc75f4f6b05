"""Checking a large bank: `tutor bank check` on 10,000 questions against libyaml's parse of the same file.

Builds, in a temporary course folder, the Mali bank's questions repeated with new ids to 10,000
(about 7 MB) beside its material, then times in this process, alternately, PyYAML's `CSafeLoader`
parsing the file (the floor: any check must at least read the YAML) and Tutor's whole check
(validation and lint against the material, as `tutor bank check` runs it). Prints the best and the
median of each and the ratio of medians. Budget: at most 1.5. Run: python bench/bank_check_bench.py
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from a checkout

from content.course import check_bank  # noqa: E402

MALI = Path(__file__).resolve().parents[1] / "content" / "courses" / "mali"


def large_bank(folder: Path, questions: int) -> Path:
    """The course folder with its bank's questions repeated, each copy's ids suffixed, to `questions`."""
    shutil.copy(MALI / "material.md", folder / "material.md")
    head, _, body = (MALI / "bank.yaml").read_text(encoding="utf-8").partition("questions:\n")
    blocks = ["  - id:" + block for block in body.split("  - id:")[1:]]
    out = [head, "questions:\n"]
    for n in range(questions):
        block = blocks[n % len(blocks)]
        out.append(block.replace("  - id: ", f"  - id: c{n // len(blocks)}-", 1))
    bank = folder / "bank.yaml"
    bank.write_text("".join(out), encoding="utf-8")
    return bank


def timed(step) -> float:
    start = time.process_time()
    step()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bank = large_bank(Path(tmp), args.questions)
        text = bank.read_text(encoding="utf-8")
        problems = check_bank(Path(tmp))  # warm: imports and compiled patterns, as a second run has them
        errors = [p for p in problems if p.severity == "error"]
        assert not errors, errors[:3]
        floor, check = [], []
        for _ in range(args.rounds):
            floor.append(timed(lambda: yaml.load(text, Loader=yaml.CSafeLoader)))
            check.append(timed(lambda: check_bank(Path(tmp))))
    size = len(text.encode()) / 1e6
    print(f"bank of {args.questions} questions, {size:.1f} MB, {args.rounds} rounds (CPU time)")
    for name, times in (("libyaml parse (CSafeLoader)", floor), ("tutor bank check", check)):
        print(f"  {name:<28} best {min(times):.2f} s, median {statistics.median(times):.2f} s")
    print(f"bank check / libyaml parse: {statistics.median(check) / statistics.median(floor):.2f} (budget 1.5)")


if __name__ == "__main__":
    main()
