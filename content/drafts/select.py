"""Which drafts to keep: the best of each kind in a share of the count, no fact asked twice, spread over
the whole text, in the order of the text."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from content.drafts.common import Draft

# The share of each kind in a bank of drafts, as weights: the kinds that stand on one sentence come first;
# order and match questions gather several and come fewer.
WEIGHTS = {"cloze": 3.0, "short": 3.0, "choice": 3.0, "truefalse": 2.5, "numeric": 2.0, "multi": 1.5,
           "order": 1.0, "match": 1.0}
# At most this share of the drafts of one type (and at least 2 allowed): a bank of drafts that is mostly
# fill-in-the-blanks reads as a worksheet, so the other kinds are taken first within these shares.
TYPE_SHARE = {"cloze": 0.4, "truefalse": 0.25, "numeric": 0.25}
# When the other kinds are spent and the count is not reached, blanks on facts not yet asked fill it up to
# this share: a teacher who asks for 20 drafts of a text with 20 facts wants close to 20.
FILL_SHARE = {"cloze": 0.6, "truefalse": 0.3, "numeric": 0.3}
_CROWDED_STRETCH = 0.8  # and so for each draft already taken from the same stretch of text
_OVER_QUOTA = 1.2
_SAME_ANSWER = 1.0  # and for each draft already taken with the same answer
FAMILY_SHARE = 0.2  # at most this share of the drafts from one family (and at least 3 allowed)


def quotas(available: Counter[str], types: Sequence[str], count: int) -> dict[str, int]:
    """How many drafts of each requested type to aim for: by weight, at least one of each type there is."""
    kinds = [t for t in types if available[t]]
    if not kinds:
        return {}
    total = sum(WEIGHTS[t] for t in kinds)
    out = {t: min(available[t], max(1, round(count * WEIGHTS[t] / total))) for t in kinds}
    return out


def select(candidates: Sequence[Draft], count: int, types: Sequence[str], sentences: int) -> list[Draft]:
    pool = [d for d in candidates if d.type in types]
    aim = quotas(Counter(d.type for d in pool), types, count)
    chosen: list[Draft] = []
    facts: set[str] = set()
    lines: Counter[int] = Counter()
    stretches: Counter[int] = Counter()
    taken: Counter[str] = Counter()
    families: Counter[str] = Counter()
    family_cap = max(3, round(count * FAMILY_SHARE))
    caps = {"role": 2}  # "Which of these were chemists?": a few say who is who; more make a roll call
    type_cap = {t: max(2, round(count * share)) for t, share in TYPE_SHARE.items()}
    ids: set[str] = set()
    answers: Counter[str] = Counter()
    bins = max(1, count)
    left = list(pool)
    # First one of each type, the scarcest type first, so that every type the text allows appears.
    scarce = sorted(aim, key=lambda t: (sum(d.type == t for d in pool), list(WEIGHTS).index(t)))
    rounds = [[t] for t in scarce][:count] + [list(aim)] * count + [["fill"]] + [list(aim)] * count
    for kinds in rounds:
        if kinds == ["fill"]:
            type_cap = {t: max(2, round(count * share)) for t, share in FILL_SHARE.items()}
            continue
        if len(chosen) >= count or not left:
            break
        best, best_value = None, 0.0
        for d in left:
            if d.type not in kinds:
                continue
            if d.facts & facts or d.family and families[d.family] >= caps.get(d.family, family_cap) or lines[d.line] \
                    or taken[d.type] >= type_cap.get(d.type, count):
                continue  # one draft per sentence: a second on it asks what the first has shown
            if answers[_answer(d)] and d.type != "truefalse":
                continue  # two blanks on "Byzantine Empire", each the other's explain: one says the other's answer
            stretch = d.line * bins // max(1, sentences)
            over = taken[d.type] - aim.get(d.type, 0) + 1
            value = (d.score - _CROWDED_STRETCH * stretches[stretch]
                     - (_OVER_QUOTA * over if over > 0 else 0) - _SAME_ANSWER * answers[_answer(d)])
            if best is None or (value, -d.line, d.question.id) > (best_value, -best.line, best.question.id):
                best, best_value = d, value
        if best is None:
            continue
        left.remove(best)
        chosen.append(best)
        facts |= best.facts
        lines[best.line] += 1
        stretches[best.line * bins // max(1, sentences)] += 1
        taken[best.type] += 1
        families[best.family] += 1
        answers[_answer(best)] += 1
    chosen.sort(key=lambda d: (d.line, list(WEIGHTS).index(d.type)))
    for d in chosen:
        d.question = _unique_id(d.question, ids)
    return chosen


def _unique_id(question, ids: set[str]):
    import dataclasses

    base, n, new = question.id, 2, question.id
    while new in ids:
        new = f"{base}-{n}"
        n += 1
    ids.add(new)
    return question if new == question.id else dataclasses.replace(question, id=new)


def _answer(d: Draft) -> str:
    from content.matching import normalize

    return normalize(getattr(d.question, "statement", "") or d.question.answer_text())
