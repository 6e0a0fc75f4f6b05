"""Ask-the-material benchmark: accuracy on the course's sets and on SQuAD articles, abstention, time per
question on the course and on 5 MB of material, and reopening 5 MB from the command line.

    python bench/ask_bench.py                      # everything below, as `make bench` runs it
    python bench/ask_bench.py --timings [--size 1000000]        # timings only
    python bench/ask_bench.py --eval tests/data/ask_dev.yaml    # accuracy on one set, ours against plain BM25
    python bench/ask_bench.py --squad tests/data/squad-v1.1-dev-16-articles.json [--articles tuned|aside]
    python bench/ask_bench.py --mali                            # every course set and the unanswerable one
    python bench/ask_bench.py --fit         # fit content/ask/ranking.tsv (needs numpy and scipy)
    python bench/ask_bench.py --fit-phrases # fit content/ask/phrases.tsv (needs numpy and scipy)
    python bench/ask_bench.py --abstain     # the trade-off of abstaining: unanswerable against answerable
    python bench/ask_bench.py --fit-abstain # fit content/ask/abstain.tsv and print that trade-off

Timings print p50/p95 in ms per question (wall clock, and CPU time of the process, which other load on the
machine does not inflate); index build times print too (not part of the budget).
Budget (DESIGN.md): p95 5 ms on the course, 20 ms on 5 MB; reopening 5 MB answers within 1 s of process start.
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import random
import string
import re
import sqlite3
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ruamel.yaml import YAML  # noqa: E402

from content.course import open_course  # noqa: E402
from content.material import Material, fold_marks  # noqa: E402
from content.ask import Index, ask  # noqa: E402

COURSE = ROOT / "content" / "courses" / "mali"
DATA = ROOT / "tests" / "data"
DEV = DATA / "ask_dev.yaml"
SQUAD = DATA / "squad-v1.1-dev-16-articles.json"
MALI_SETS = ("ask_heldout7", "ask_heldout", "ask_heldout3", "ask_set4", "ask_set5", "ask_set6", "ask_eval", "ask_dev")
UNANSWERABLE = DATA / "ask_unanswerable_dev.yaml"


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


def evaluate_mali(verbose: bool) -> None:
    """Each course set's hits (ours and plain BM25's), and how many unanswerable questions get no passage."""
    course = open_course(COURSE)
    index = Index.build(course.material, course.bank)
    plain = PlainBM25(course.material)
    for name in MALI_SETS:
        questions = load_set(DATA / f"{name}.yaml")
        replies = [ask(index, str(q["ask"])) for q in questions]
        ours = sum(contains(r.passage, str(q["expect"])) for q, r in zip(questions, replies))
        base = sum(contains(plain.passage(str(q["ask"])), str(q["expect"])) for q in questions)
        silent = sum(r.passage is None for r in replies)
        print(f"  {name}: {ours}/{len(questions)} (plain BM25 {base}, no passage {silent})")
    data = YAML(typ="safe", pure=True).load(UNANSWERABLE.read_text(encoding="utf-8"))
    replies = [(str(q["ask"]), ask(index, str(q["ask"]))) for q in data]
    print(f"  {UNANSWERABLE.stem}: the material does not say for {sum(r.passage is None for _, r in replies)}"
          f"/{len(replies)}")
    if verbose:
        for question, reply in replies:
            if reply.passage is not None:
                print(f"    ANSWERED {question}\n      {reply.passage}")


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
        if verbose:
            _print_squad(article["title"], counts)
        totals += counts
    _print_squad(f"SQuAD, {which} articles ({path.name})", totals)


def _print_squad(title: str, c: collections.Counter) -> None:
    n = c["n"] or 1
    print(f"{title}: {c['n']} questions; hit {c['hit'] / n:.3f}, EM {c['em'] / n:.3f}, F1 {c['f1'] / n:.3f}, "
          f"plain BM25 hit {c['bm25'] / n:.3f}, mean passage {c['chars'] / max(1, c['passages']):.0f} chars, "
          f"short answers {c['answered'] / n:.2f}, abstained {c['abstain'] / n:.3f}")


def _halves(article: dict) -> list[tuple[Material, list[dict]]]:
    """An article as two materials, its even and its odd paragraphs, each with the questions of the other half that
    it does not answer (no gold answer anywhere in it): unanswerable questions on the material's own subject."""
    paragraphs = article["paragraphs"]
    out = []
    for half in (0, 1):
        text = "\n\n".join(p["context"] for p in paragraphs[half::2])
        folded = fold_marks(text).casefold()
        others = [qa for p in paragraphs[1 - half::2] for qa in p["qas"]
                  if not any(fold_marks(a["text"]).casefold() in folded for a in qa["answers"])]
        out.append((Material(text, article["title"]), others))
    return out


# A row of the abstaining data: the evidence ask weighs (None: nothing to weigh, as for a definition asked for, which
# ask always gives), and what the passage is: a hit, a miss, no answer (an unanswerable question), or none given.
HIT, MISS, NO_ANSWER, SILENT = "hit", "miss", "no answer", "silent"


def abstain_rows() -> dict[str, list[tuple[dict[str, float] | None, str]]]:
    """Per group of questions, each question's evidence and label: the course's sets, its unanswerable development
    set, the SQuAD articles (tuned and aside) whole, and each article's half-split unanswerable questions."""
    from content.ask.rank import considered

    def row(index: Index, question: str, golds: list[str]) -> tuple[dict[str, float] | None, str]:
        reply, features = considered(index, question)
        if reply.passage is None:
            return None, SILENT
        if not golds:
            return features, NO_ANSWER
        return features, HIT if any(contains(reply.passage, g) for g in golds) else MISS

    groups: dict[str, list[tuple[dict[str, float] | None, str]]] = {}
    course = open_course(COURSE)
    index = Index.build(course.material, course.bank)
    for name in MALI_SETS:
        groups[name] = [row(index, str(q["ask"]), [str(q["expect"])]) for q in load_set(DATA / f"{name}.yaml")]
    data = YAML(typ="safe", pure=True).load(UNANSWERABLE.read_text(encoding="utf-8"))
    groups[UNANSWERABLE.stem] = [row(index, str(q["ask"]), []) for q in data]
    for which in ("tuned", "aside"):
        whole, halves = [], []
        for article in squad_articles(SQUAD, which):
            material = Material("\n\n".join(p["context"] for p in article["paragraphs"]), article["title"])
            squad_index = Index.build(material)
            whole += [row(squad_index, qa["question"], [a["text"] for a in qa["answers"]])
                      for p in article["paragraphs"] for qa in p["qas"]]
            for half, questions in _halves(article):
                half_index = Index.build(half)
                halves += [row(half_index, qa["question"], []) for qa in questions]
        groups[f"squad_{which}"], groups[f"squad_{which}_halves"] = whole, halves
    return groups


ABSTAIN_TSV = ROOT / "content" / "ask" / "abstain.tsv"


Rows = dict[str, list[tuple[dict[str, float] | None, str]]]
# The answerable sets the threshold is chosen on (the others are measured only), and the most they may lose.
ABSTAIN_TUNED = ("ask_dev", "ask_eval", "squad_tuned")
MOST_LOST = 1.0  # points of hit rate


def _probabilities(groups: Rows, weights: dict[str, float]) -> dict[str, list[tuple[float | None, str]]]:
    def probability(f: dict[str, float]) -> float:
        z = weights["bias"] + sum(weights.get(k, 0.0) * v for k, v in f.items())
        return 1 / (1 + math.exp(-max(-50.0, min(50.0, z))))

    return {name: [(probability(f) if f is not None else None, label) for f, label in rows]
            for name, rows in groups.items()}


def _lost(rows: list[tuple[float | None, str]], threshold: float) -> float:
    """Points of hit rate lost against never abstaining."""
    return 100 * sum(1 for p, label in rows if label == HIT and p is not None and p < threshold) / len(rows)


def _silent(rows: list[tuple[float | None, str]], threshold: float) -> int:
    return sum(1 for p, label in rows if label == SILENT or p is not None and p < threshold)


def _threshold(probability: dict[str, list[tuple[float | None, str]]]) -> float:
    """The highest threshold (in hundredths) at which no tuned answerable set loses more than MOST_LOST points."""
    return max(t / 100 for t in range(100)
               if all(_lost(probability[n], t / 100) <= MOST_LOST for n in ABSTAIN_TUNED))


def abstain_curve(groups: Rows | None = None) -> None:
    """For thresholds of the probability that a passage answers: the unanswerable questions that get no passage,
    and the points of hit rate each answerable set loses against never abstaining."""
    from content.ask import weights as w
    from content.ask.abstain import abstain_weights

    groups = groups if groups is not None else abstain_rows()
    probability = _probabilities(groups, abstain_weights())
    answerable = [n for n in groups if n != UNANSWERABLE.stem and not n.endswith("_halves")]
    print("unanswerable: abstained (course dev: of 30; SQuAD half-split: the part); answerable: points of hit rate lost")
    print(f"{'threshold':>9} {'course':>7} {'halves tuned':>12} {'aside':>6}  " + " ".join(f"{n:>12}" for n in answerable))
    chosen = _threshold(probability)
    for t in sorted({0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, chosen, w.MIN_ANSWERED}):
        print(f"{t:>9.2f} {_silent(probability[UNANSWERABLE.stem], t):>4}/{len(groups[UNANSWERABLE.stem])}"
              f" {_silent(probability['squad_tuned_halves'], t) / len(groups['squad_tuned_halves']):>12.3f}"
              f" {_silent(probability['squad_aside_halves'], t) / len(groups['squad_aside_halves']):>6.3f}  "
              + " ".join(f"{_lost(probability[n], t):>12.2f}" for n in answerable))
    print("hits when never abstaining: "
          + ", ".join(f"{n} {sum(label == HIT for _, label in groups[n])}/{len(groups[n])}" for n in answerable))
    print(f"highest threshold losing at most {MOST_LOST} point on each of {', '.join(ABSTAIN_TUNED)}: {chosen:.2f};"
          f" weights.MIN_ANSWERED is {w.MIN_ANSWERED}")


def fit_abstain(l2: float) -> None:
    """Fit the abstaining weights (`abstain_weights_fitted`), write them to content/ask/abstain.tsv, print the curve."""
    from content.ask import abstain

    groups = abstain_rows()
    weights = abstain_weights_fitted(groups, l2)
    described = _described_features()
    with ABSTAIN_TSV.open("w", encoding="utf-8") as f:
        f.write("# Whether ask's best passage answers the question: the probability is the logistic of the sum of the\n"
                "# features times these weights (content/ask/abstain.py computes them). Fitted by\n"
                "# `python bench/ask_bench.py --fit-abstain` (logistic regression: hits of the course's two development\n"
                "# sets and of the 12 tuned SQuAD articles against the course's unanswerable development set and the\n"
                "# tuned articles' half-split unanswerable questions).\n# feature\tweight\twhat it measures\n")
        for name, value in weights.items():
            f.write(f"{name}\t{value:.4g}\t{described.get(name, '')}\n")
    abstain.abstain_weights.cache_clear()
    abstain_curve(groups)
    left_out(groups, l2)


def left_out(groups: Rows, l2: float) -> None:
    """An estimate for unanswerable course questions nobody fitted on: each of the development set's, left out of a
    fit (the threshold chosen again), abstained or not."""
    import contextlib
    import io

    full = groups[UNANSWERABLE.stem]
    caught = 0
    for k, (features, label) in enumerate(full):
        if features is None:
            caught += label == SILENT
            continue
        rest = {**groups, UNANSWERABLE.stem: full[:k] + full[k + 1:]}
        with contextlib.redirect_stdout(io.StringIO()):
            weights = abstain_weights_fitted(rest, l2)
        probability = _probabilities(rest, weights)
        caught += _probabilities({"one": [(features, label)]}, weights)["one"][0][0] < _threshold(probability)
    print(f"each unanswerable course question left out of the fit in turn: abstained on {caught}/{len(full)}")


# How much each group weighs in all in the fit (0.5 for the course's 30 unanswerable questions gave 13/30 left out one
# at a time, 1.0 14/30: see fit_abstain).
ABSTAIN_SIDES = {"ask_dev": 0.25, "ask_eval": 0.25, "squad_tuned": 0.5, UNANSWERABLE.stem: 1.0,
                 "squad_tuned_halves": 0.5}


# The features that speak for an answer, and those that may speak either way; every other one speaks against.
ABSTAIN_FOR = ("coverage", "score")
ABSTAIN_EITHER = ("margin",)


def abstain_weights_fitted(groups: dict[str, list[tuple[dict[str, float] | None, str]]], l2: float,
                           sides: dict[str, float] = ABSTAIN_SIDES) -> dict[str, float]:
    """Weights of the abstaining evidence by logistic regression: the hits of the tuned answerable sets against the
    unanswerable questions (the course's development set, the tuned SQuAD articles' half-split questions), each
    group weighed by `sides`; the questions ask misses anyway are left out. `bias` first."""
    import numpy as np
    from scipy.optimize import minimize

    names = sorted({k for n in sides for f, _ in groups[n] if f is not None for k in f})
    xs, ys, weights = [], [], []
    for n, side in sides.items():
        rows = [(f, label) for f, label in groups[n] if f is not None and label in (HIT, NO_ANSWER)]
        for f, label in rows:
            xs.append([1.0] + [f.get(k, 0.0) for k in names])
            ys.append(float(label == HIT))
            weights.append(side / len(rows))
    x, y, weight = np.array(xs), np.array(ys), np.array(weights)

    def loss(v: np.ndarray) -> tuple[float, np.ndarray]:
        p = 1 / (1 + np.exp(-(x @ v)))
        total = -float(weight @ (y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))) + l2 * float(v[1:] @ v[1:])
        grad = x.T @ (weight * (p - y))
        grad[1:] += 2 * l2 * v[1:]
        return total, grad

    # Each feature is evidence one way: against an answer (weight at most 0) or for one (at least 0).
    bounds = [(None, None)] + [(0.0, None) if k in ABSTAIN_FOR else (None, None) if k in ABSTAIN_EITHER
                               else (None, 0.0) for k in names]
    found = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B", bounds=bounds)
    print(f"fitted on {len(y)} questions ({int(y.sum())} hits); loss {found.fun:.4f}")
    return dict(zip(["bias", *names], (float(v) for v in found.x)))


def _described_features() -> dict[str, str]:
    """What each feature measures, from the comment beside it in the current abstain.tsv (kept across fits)."""
    rows = [r.split("\t") for r in ABSTAIN_TSV.read_text(encoding="utf-8").splitlines() if r and not r.startswith("#")]
    return {r[0]: r[2] for r in rows if len(r) > 2}


FIT_SETS = ("ask_dev", "ask_eval")  # the course's development sets, fitted on with the tuned SQuAD articles


def training_lists() -> list[tuple[list[dict[str, float]], list[bool]]]:
    """Per question of the fitting sets: each shortlisted sentence's features (answer features included), and
    whether it holds the expected answer."""
    from content.ask.answer import answer_in
    from content.ask.rank import answer_features, read_question, shortlist

    def lists(index: Index, question: str, golds: list[str]) -> tuple[list[dict[str, float]], list[bool]]:
        asked = read_question(index, question)
        if asked is None:
            return [], []
        _, candidates = shortlist(index, asked)
        rows, labels = [], []
        for c in candidates:
            text = index.material.sentences[c.sentence].text
            found = answer_in(index, asked.kind, text, asked.text, asked.qwords, asked.wanted, asked.definition)
            rows.append({**c.features, **answer_features(asked, found)})
            labels.append(any(contains(text, g) for g in golds))
        return rows, labels

    out = []
    for article in squad_articles(SQUAD, "tuned"):
        index = Index.build(Material("\n\n".join(p["context"] for p in article["paragraphs"]), article["title"]))
        for paragraph in article["paragraphs"]:
            for qa in paragraph["qas"]:
                out.append(lists(index, qa["question"], [a["text"] for a in qa["answers"]]))
    course = open_course(COURSE)
    index = Index.build(course.material, course.bank)
    for name in FIT_SETS:
        for q in load_set(DATA / f"{name}.yaml"):
            out.append(lists(index, str(q["ask"]), [str(q["expect"])]))
    return out


RANKING = ROOT / "content" / "ask" / "ranking.tsv"


def fit(l2: float) -> None:
    """Weights of the ranking features by listwise logistic regression (each question's shortlist a softmax whose
    right sentences should win), answer features held to penalties; written to content/ask/ranking.tsv."""
    import numpy as np
    from scipy.optimize import minimize

    lines = RANKING.read_text(encoding="utf-8").splitlines()
    head = [line for line in lines if line.startswith("#")]
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    names = [r[0] for r in rows]
    start = np.array([float(r[1]) for r in rows])
    data = [(np.array([[f.get(n, 0.0) for n in names] for f in feats]), np.array(labels))
            for feats, labels in training_lists() if any(labels)]
    scale = np.maximum(np.concatenate([x for x, _ in data]).std(axis=0), 1e-6)

    def loss(v: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = l2 * float(v @ v), 2 * l2 * v
        for x, y in data:
            s = (x / scale) @ v
            p = np.exp(s - s.max())
            p /= p.sum()
            right = p[y].sum()
            total -= np.log(right)
            grad -= (x / scale).T @ (np.where(y, p / right, 0.0) - p)
        return total / len(data), grad / len(data)

    bounds = [(None, 0.0) if n.startswith(("no_answer", "far_answer")) else (None, None) for n in names]
    found = minimize(loss, start * scale, jac=True, method="L-BFGS-B", bounds=bounds)
    weights = found.x / scale

    def top1(v: np.ndarray) -> float:
        return sum(bool(y[np.argmax(x @ v)]) for x, y in data) / len(data)

    print(f"{len(data)} questions with a right sentence in the shortlist; right first: "
          f"{top1(start):.3f} before, {top1(weights):.3f} after")
    with RANKING.open("w", encoding="utf-8") as f:
        f.write("\n".join(head) + "\n")
        for r, value in zip(rows, weights):
            f.write(f"{r[0]}\t{value:.4g}\t{r[2]}\n")


PHRASES = ROOT / "content" / "ask" / "phrases.tsv"


def phrase_lists() -> list[tuple[list[dict[str, float]], list[bool]]]:
    """Per "what" question of the tuned SQuAD articles: the features of each candidate phrase of the sentence that
    holds its first gold answer, and whether the phrase is a gold answer (SQuAD's normalisation)."""
    from content.ask.answer import OTHER, phrase_candidates
    from content.ask.rank import read_question

    out = []
    for article in squad_articles(SQUAD, "tuned"):
        material = Material("\n\n".join(p["context"] for p in article["paragraphs"]), article["title"])
        index = Index.build(material)
        offset = 0
        for paragraph in article["paragraphs"]:
            offset = material.text.index(paragraph["context"], offset)
            for qa in paragraph["qas"]:
                asked = read_question(index, qa["question"])
                if asked is None or asked.kind != OTHER:
                    continue
                at = offset + qa["answers"][0]["answer_start"]
                sentence = next((s for s in material.sentences if s.start <= at < s.end), None)
                if sentence is None:
                    continue
                golds = {squad_normal(a["text"]) for a in qa["answers"]}
                found = phrase_candidates(index, sentence.text, asked.text, asked.qwords, asked.wanted)
                out.append(([p.features for p in found], [squad_normal(p.text) in golds for p in found]))
    return out


def fit_phrases(l2: float) -> None:
    """Weights of the phrase features by listwise logistic regression; written to content/ask/phrases.tsv."""
    import numpy as np
    from scipy.optimize import minimize

    lists = phrase_lists()
    names = sorted({k for feats, _ in lists for f in feats for k in f})
    data = [(np.array([[f.get(n, 0.0) for n in names] for f in feats]), np.array(labels))
            for feats, labels in lists if any(labels)]

    def loss(v: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = l2 * float(v @ v), 2 * l2 * v
        for x, y in data:
            s = x @ v
            p = np.exp(s - s.max())
            p /= p.sum()
            right = p[y].sum()
            total -= np.log(right)
            grad -= x.T @ (np.where(y, p / right, 0.0) - p)
        return total / len(data), grad / len(data)

    weights = minimize(loss, np.zeros(len(names)), jac=True, method="L-BFGS-B").x
    right = sum(bool(y[np.argmax(x @ weights)]) for x, y in data)
    print(f"{len(lists)} questions, {len(data)} with a gold phrase among the candidates; "
          f"the best phrase is gold for {right} ({right / len(lists):.3f} of all)")
    with PHRASES.open("w", encoding="utf-8") as f:
        f.write("# How ask picks the phrase that answers a \"what\" question: the sum of its features times these\n"
                "# weights (content/ask/phrases.py says what each measures). Fitted by\n"
                "# `python bench/ask_bench.py --fit-phrases` on the 12 tuned SQuAD articles.\n")
        for name, value in sorted(zip(names, weights), key=lambda t: t[0]):
            f.write(f"{name}\t{value:.4g}\n")


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


def time_questions(index: Index, questions: list[str], rounds: int) -> tuple[float, float, float, float]:
    """p50 and p95 in ms of the wall clock, then of the process's CPU time."""
    times, cpu = [], []
    for _ in range(rounds):
        for q in questions:
            start, start_cpu = time.perf_counter(), time.process_time()
            ask(index, q)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
    times.sort()
    cpu.sort()
    return (statistics.median(times), times[int(0.95 * (len(times) - 1))],
            statistics.median(cpu), cpu[int(0.95 * (len(cpu) - 1))])


def _timed(label: str, figures: tuple[float, float, float, float], budget: float) -> None:
    p50, p95, cpu50, cpu95 = figures
    print(f"  {label}: p50 {p50:.2f} ms, p95 {p95:.2f} ms; CPU p50 {cpu50:.2f} ms, p95 {cpu95:.2f} ms"
          f"  (budget p95 {budget:g} ms)")


def bench(size: int) -> None:
    questions = [str(q["ask"]) for q in load_set(DEV)]
    course = open_course(COURSE)
    start = time.perf_counter()
    index = Index.build(course.material, course.bank)
    print(f"course: {len(course.material.text):,} chars, {len(course.material.sentences)} sentences, "
          f"index built in {(time.perf_counter() - start) * 1000:.0f} ms")
    _timed("per question", time_questions(index, questions, 10), 5)

    text = perturbed(course.material.text, size)
    start = time.perf_counter()
    material = Material(text, "large")
    split = time.perf_counter() - start
    start = time.perf_counter()
    index = Index.build(material, course.bank)
    built = time.perf_counter() - start
    print(f"large: {len(text):,} chars, {len(material.sentences):,} sentences, "
          f"split {split:.1f} s, index (with the course's bank) built in {built:.1f} s")
    _timed("per question", time_questions(index, questions, 3), 20)
    reopen(text)


def reopen(text: str) -> None:
    """`tutor ask --material` on the large text twice, with an empty cache: wall clock from process start."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.md"
        path.write_text(text, encoding="utf-8")
        env = {**os.environ, "TUTOR_CACHE": str(Path(folder) / "cache")}
        for run in ("first", "second"):
            before = os.times()
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "tutor.cli", "ask", "--material", str(path),
                                   "Who founded Ansar Dine?"], env=env, capture_output=True, text=True)
            wall = time.perf_counter() - start
            after = os.times()
            cpu = after.children_user + after.children_system - before.children_user - before.children_system
            budget = "at most 10 s" if run == "first" else "within 1 s"
            print(f"  tutor ask --material (5 MB), {run} run: {wall:.2f} s wall, {cpu:.2f} s CPU "
                  f"(budget {budget}){'' if done.returncode == 0 else ' FAILED: ' + done.stderr.strip()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", type=Path, metavar="YAML", help="report accuracy on this question set")
    parser.add_argument("--squad", type=Path, metavar="JSON", help="report accuracy on these SQuAD articles")
    parser.add_argument("--articles", choices=("all", "tuned", "aside"), default="all",
                        help="with --squad: all articles, the 12 tuned on, or the 4 kept aside")
    parser.add_argument("--mali", action="store_true", help="report accuracy on every set of the course")
    parser.add_argument("--timings", action="store_true", help="report timings only")
    parser.add_argument("--fit", action="store_true", help="fit the ranking weights (content/ask/ranking.tsv)")
    parser.add_argument("--abstain", action="store_true", help="print the trade-off curve of abstaining")
    parser.add_argument("--fit-abstain", action="store_true",
                        help="fit the abstaining weights (content/ask/abstain.tsv) and print the curve")
    parser.add_argument("--fit-phrases", action="store_true", help="fit the phrase weights (content/ask/phrases.tsv)")
    parser.add_argument("--l2", type=float, default=1e-3, help="with --fit: the weights' L2 penalty")
    parser.add_argument("--size", type=int, default=5_000_000, help="characters of the large material")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the questions missed")
    args = parser.parse_args()
    if args.eval:
        evaluate(args.eval, args.verbose)
    elif args.squad:
        evaluate_squad(args.squad, args.articles, args.verbose)
    elif args.mali:
        evaluate_mali(args.verbose)
    elif args.abstain:
        abstain_curve()
    elif args.fit_abstain:
        fit_abstain(args.l2)
    elif args.fit_phrases:
        fit_phrases(args.l2)
    elif args.fit:
        fit(args.l2)
    elif args.timings:
        bench(args.size)
    else:
        print("course sets (hits of the top passage):")
        evaluate_mali(args.verbose)
        for which in ("tuned", "aside"):
            evaluate_squad(SQUAD, which, args.verbose)
        bench(args.size)


if __name__ == "__main__":
    main()
