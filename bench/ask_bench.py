"""Ask-the-material benchmark: time per question on the course and on 5 MB of material; accuracy on a set.

    python bench/ask_bench.py                      # timings (course, then ~5 MB made from the course)
    python bench/ask_bench.py --size 1000000       # a smaller large material
    python bench/ask_bench.py --eval tests/data/ask_dev.yaml   # accuracy, ours against plain BM25
    python bench/ask_bench.py --squad tests/data/squad-v1.1-dev-16-articles.json [--articles tuned|aside]

Timings print p50/p95 in ms per question; index build times print too (not part of the budget).
Budget (DESIGN.md): p95 5 ms on the course, 20 ms on 5 MB.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import string
import re
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ruamel.yaml import YAML  # noqa: E402

from content.course import open_course  # noqa: E402
from content.material import Material, fold_marks  # noqa: E402
from content.ask import Index, ask  # noqa: E402

COURSE = ROOT / "content" / "courses" / "mali"
DEV = ROOT / "tests" / "data" / "ask_dev.yaml"


def load_set(path: Path) -> list[dict]:
    """Questions of an evaluation file: a list, or a mapping holding one under `questions`."""
    data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        data = data.get("questions") or next(v for v in data.values() if isinstance(v, list))
    return [q for q in data if isinstance(q, dict) and "ask" in q and "expect" in q]


def contains(passage: str | None, expect: str) -> bool:
    return passage is not None and fold_marks(expect).casefold() in fold_marks(passage).casefold()


class PlainBM25:
    """The baseline: FTS5 BM25 over sentences, default tokenizer, the question's words OR-ed."""

    def __init__(self, material: Material) -> None:
        self.material = material
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE s USING fts5(body)")
        self.db.executemany("INSERT INTO s(rowid, body) VALUES (?, ?)",
                            ((i, s.text) for i, s in enumerate(material.sentences)))

    def passage(self, question: str) -> str | None:
        words = re.findall(r"\w+", question.casefold())
        if not words:
            return None
        row = self.db.execute("SELECT rowid FROM s WHERE s MATCH ? ORDER BY rank LIMIT 1",
                              (" OR ".join(f'"{w}"' for w in words),)).fetchone()
        return self.material.sentences[row[0]].text if row else None


def evaluate(path: Path, verbose: bool) -> None:
    course = open_course(COURSE)
    index = Index.build(course.material, course.bank)
    plain = PlainBM25(course.material)
    questions = load_set(path)
    ours = base = pairs = 0
    for q in questions:
        reply = ask(index, str(q["ask"]))
        hit = contains(reply.passage, str(q["expect"]))
        ours += hit
        base += contains(plain.passage(str(q["ask"])), str(q["expect"]))
        pairs += len(reply.sentences) > 1
        if verbose and not hit:
            print(f"MISS [{q.get('kind', '')}] {q['ask']}\n     expected: {q['expect']}\n     got: {reply.passage}")
    n = len(questions)
    print(f"{path}: {n} questions")
    print(f"  ask the material: {ours}/{n} = {100 * ours / n:.1f}% (passages of two sentences: {pairs})")
    print(f"  plain BM25:       {base}/{n} = {100 * base / n:.1f}%")


def squad_normal(text: str) -> str:
    """SQuAD's answer normalisation: lower case, no punctuation, no articles, single spaces."""
    text = "".join(c for c in text.casefold() if c not in set(string.punctuation))
    return " ".join(re.sub(r"\b(?:a|an|the)\b", " ", text).split())


def squad_f1(answer: str, gold: str) -> float:
    ours, theirs = squad_normal(answer).split(), squad_normal(gold).split()
    common = sum((collections.Counter(ours) & collections.Counter(theirs)).values())
    if not common:
        return 0.0
    precision, recall = common / len(ours), common / len(theirs)
    return 2 * precision * recall / (precision + recall)


# The articles kept aside while tuning: every fourth in file order.
ASIDE = (3, 7, 11, 15)


def squad_articles(path: Path, which: str = "all") -> list[dict]:
    articles = json.loads(path.read_text(encoding="utf-8"))["data"]
    return [a for n, a in enumerate(articles)
            if which == "all" or (n in ASIDE) == (which == "aside")]


def evaluate_squad(path: Path, which: str, verbose: bool) -> None:
    """Per article and in all: passage hit rate, short-answer EM and F1, plain BM25's hit rate."""
    totals = collections.Counter()
    for article in squad_articles(path, which):
        material = Material("\n\n".join(p["context"] for p in article["paragraphs"]), article["title"])
        index = Index.build(material)
        plain = PlainBM25(material)
        counts = collections.Counter()
        for paragraph in article["paragraphs"]:
            for qa in paragraph["qas"]:
                golds = [a["text"] for a in qa["answers"]]
                reply = ask(index, qa["question"])
                hit = any(contains(reply.passage, g) for g in golds)
                counts["n"] += 1
                counts["hit"] += hit
                counts["bm25"] += any(contains(plain.passage(qa["question"]), g) for g in golds)
                counts["abstain"] += reply.passage is None
                counts["chars"] += len(reply.passage or "")
                counts["passages"] += reply.passage is not None
                if reply.answer:
                    counts["answered"] += 1
                    counts["em"] += max(squad_normal(reply.answer) == squad_normal(g) for g in golds)
                    counts["f1"] += max(squad_f1(reply.answer, g) for g in golds)
                if verbose and not hit:
                    print(f"MISS {qa['question']}\n     gold: {golds[0]}\n     got: {reply.passage}")
        _print_squad(article["title"], counts)
        totals += counts
    _print_squad(f"{which} ({path.name})", totals)


def _print_squad(title: str, c: collections.Counter) -> None:
    n = c["n"] or 1
    print(f"{title}: {c['n']} questions; hit {c['hit'] / n:.3f}, EM {c['em'] / n:.3f}, F1 {c['f1'] / n:.3f}, "
          f"plain BM25 hit {c['bm25'] / n:.3f}, mean passage {c['chars'] / max(1, c['passages']):.0f} chars, "
          f"short answers {c['answered'] / n:.2f}, abstained {c['abstain'] / n:.3f}")


def perturbed(text: str, size: int, seed: int = 7) -> str:
    """About `size` characters: the course's paragraphs shuffled, with names and numbers changed per copy."""
    rng = random.Random(seed)
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip() and not p.startswith("#")]
    names = sorted(set(re.findall(r"\b[A-Z][a-z]{3,}\b", text)))
    out = ["# A long material"]
    total = 0
    copy = 0
    while total < size:
        copy += 1
        swap = dict(zip(rng.sample(names, 40), rng.sample(names, 40)))
        for p in rng.sample(paragraphs, len(paragraphs)):
            p = re.sub(r"\b[A-Z][a-z]{3,}\b", lambda m: swap.get(m.group(), m.group()), p)
            p = re.sub(r"\b\d+\b", lambda m: str(int(m.group()) + rng.randint(0, 9)), p)
            p = p.replace(" the ", f" the {rng.choice(['new', 'old', 'same', 'other', 'first'])} ", 1)
            out.append(p)
            total += len(p) + 2
    return "\n\n".join(out)


def time_questions(index: Index, questions: list[str], rounds: int) -> tuple[float, float]:
    times = []
    for _ in range(rounds):
        for q in questions:
            start = time.perf_counter()
            ask(index, q)
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def bench(size: int) -> None:
    questions = [str(q["ask"]) for q in load_set(DEV)]
    course = open_course(COURSE)
    start = time.perf_counter()
    index = Index.build(course.material, course.bank)
    print(f"course: {len(course.material.text):,} chars, {len(course.material.sentences)} sentences, "
          f"index built in {(time.perf_counter() - start) * 1000:.0f} ms")
    p50, p95 = time_questions(index, questions, 10)
    print(f"  per question: p50 {p50:.2f} ms, p95 {p95:.2f} ms  (budget p95 5 ms)")

    text = perturbed(course.material.text, size)
    start = time.perf_counter()
    material = Material(text, "large")
    split = time.perf_counter() - start
    start = time.perf_counter()
    index = Index.build(material, course.bank)
    built = time.perf_counter() - start
    print(f"large: {len(text):,} chars, {len(material.sentences):,} sentences, "
          f"split (Material, pysbd) {split:.1f} s, index built in {built:.1f} s")
    p50, p95 = time_questions(index, questions, 3)
    print(f"  per question: p50 {p50:.2f} ms, p95 {p95:.2f} ms  (budget p95 20 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", type=Path, metavar="YAML", help="report accuracy on this question set")
    parser.add_argument("--squad", type=Path, metavar="JSON", help="report accuracy on these SQuAD articles")
    parser.add_argument("--articles", choices=("all", "tuned", "aside"), default="all",
                        help="with --squad: all articles, the 12 tuned on, or the 4 kept aside")
    parser.add_argument("--size", type=int, default=5_000_000, help="characters of the large material")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the questions missed")
    args = parser.parse_args()
    if args.eval:
        evaluate(args.eval, args.verbose)
    elif args.squad:
        evaluate_squad(args.squad, args.articles, args.verbose)
    else:
        bench(args.size)


if __name__ == "__main__":
    main()
