"""Why-questions: "S waves cannot travel through liquids, because liquids cannot resist shearing" -> "Why can
S waves not travel through liquids?", answered by the short reason (see `ideas.phrase`). Only a sentence whose
main clause turns into a question by moving its auxiliary ("can", "is", "was", "does not") is asked: the rest
would need a parser, and a broken question is worse than none (blind raters, rounds 6-11).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from content.drafts.common import Context, Draft, fact, slug
from content.drafts.explain import of_idea
from content.drafts.ideas import MAX_WORDS, MIN_CLAUSE_WORDS, phrase
from content.drafts.clauses import lower_first
from content.drafts.gate import CONNECTIVES
from content.drafts.reading import LEANING, Line, Reading
from content.drafts.verbs import base_of, base_of_present, is_past
from content.questions import Short
from content.text.lexicon import STOPWORDS

WORTH = 3.3  # above a blank on the same reason: a question says what it asks
_AUX = re.compile(r"\s(is|are|was|were|can|could|must|will|would|should|may|might|has|have|had|does|do|did)"
                  r"(\s+not|n['’]t)?\s|\s(cannot)\s", re.IGNORECASE)
# "MAIN, because REASON." and "Because REASON, MAIN."
_AFTER = re.compile(r"^(?:[A-Z][a-z]+ly,\s+)?(?P<main>[A-Z][^,;:()\"“”]*?),?\s+because\s+(?!of\b)")
_BEFORE = re.compile(r"^Because\s+(?P<reason>[^,;:()\"“”]+),\s+(?P<main>[^,;:()\"“”]+?)[.!]?$")
MAX_SUBJECT = 6


def question(main: str, reading: Reading) -> str | None:
    """The main clause as a why-question, or None when it does not turn by moving its auxiliary (or by "do"
    before a verb the rules know the base of, after a short subject with no preposition in it)."""
    main = _TRAILING_ADVERB.sub("", main.strip().rstrip("."))
    m = _AUX.search(f" {main} ")
    if m is not None:
        subject, rest = f" {main} "[:m.start()].strip(), f" {main} "[m.end():].strip()
        aux = (m.group(1) or "can").lower()
        negated = bool(m.group(2) or m.group(3))
    else:
        found = _do_support(main, reading)
        if found is None:
            return None
        subject, aux, rest = found
        negated = False
    words = subject.split()
    if not 1 <= len(words) <= MAX_SUBJECT or not rest or words[0].lower() in _NOT_SUBJECTS - {"the", "a", "an"}:
        return None
    if _PRONOUNS & {w.lower().strip(",.") for w in f"{subject} {rest}".split()}:
        return None  # "Why did capturing him paralyse it?": who and what, the text says
    if len(words) < 2 and len(rest.split()) < 4:
        return None  # "Why was progress held back?": held back in what, the text before says
    subject = subject[0].lower() + subject[1:] if words[0] in {"The", "A", "An"} else lower_first(subject, reading)
    return f"Why {aux} {subject}{' not' if negated else ''} {rest}?"


_TRAILING_ADVERB = re.compile(r",?\s+(?:simply|partly|largely|mainly|mostly|chiefly|only|probably|in\s+part)$")
# Words a main clause does not open with when its opening is its subject.
_NOT_SUBJECTS = LEANING | CONNECTIVES | STOPWORDS | frozenset({"there", "what", "which", "whether", "yet", "by", "many",
                                                                 "some", "most", "such", "few", "all"})
_PREPOSITIONS = frozenset("of in on at to from between among with by for into through during across under".split())
MAX_DO_SUBJECT = 4
_PRONOUNS = frozenset("he she it him her they them his its their this these".split())


def _do_support(main: str, reading: Reading) -> tuple[str, str, str] | None:
    """"a list PR system needs a formula" -> ("a list PR system", "does", "need a formula"); "The United States
    never joined" -> (..., "did", "never join"); None when no verb is found for sure."""
    words = main.split()
    for k in range(1, min(len(words), MAX_DO_SUBJECT + 2)):
        w = words[k]
        if not w.isalpha() or not w.islower() or w in STOPWORDS:
            if w.lower() in _PREPOSITIONS:
                return None
            continue
        if w.endswith("ly") and k + 1 < len(words):
            continue  # "generally decreases": the adverb stays before the verb
        subject = [x for x in words[:k] if not (x.endswith("ly") and x.islower())]
        adverbs = [x for x in words[:k] if x.endswith("ly") and x.islower() and x != subject[0]]
        if len(subject) > MAX_DO_SUBJECT or any(x.lower() in _PREPOSITIONS for x in subject):
            return None
        base, aux = base_of_present(w), "does"
        if base is None and is_past(w):
            base, aux = base_of(w), "did"
        if base is None:
            continue  # a noun of the subject ("a list PR system needs")
        if aux == "does" and k == 1 and words[0] not in reading.capitalized:
            return None  # "Ice cores provide": after one word that is no name, an "-s" word is its noun
        if aux == "does" and subject[-1].endswith("s") and not subject[-1].endswith(("ss", "us", "is")):
            return None  # "Ice cores ... provide": a plural subject, "cores" no verb
        return " ".join(subject), aux, " ".join([*adverbs, base, *words[k + 1:]])
    return None


def drafts(ctx: Context) -> Iterator[Draft]:
    for line in ctx.reading.lines:
        if not line.usable or line.leans:
            continue
        draft = _draft(ctx, line)
        if draft:
            yield draft


def _draft(ctx: Context, line: Line) -> Draft | None:
    text = line.text.strip()
    m = _BEFORE.match(text)
    if m:
        main, start = m.group("main"), m.start("reason")
    else:
        m = _AFTER.match(text)
        if m is None:
            return None
        main, start = m.group("main"), m.end()
    span = phrase(text, start, pointing=True)  # "Why were the Janissaries ...?" "they owed everything to the sultan"
    if span is None or len(text[span[0]:span[1]].split()) < MIN_CLAUSE_WORDS \
            or len(text[span[0]:span[1]].split()) > MAX_WORDS:
        return None
    prompt = question(main, ctx.reading)
    if prompt is None or ctx.copies.copied(prompt):
        return None
    answer = text[span[0]:span[1]]
    explain = of_idea(ctx.reading, line, text, answer)
    if explain is None:
        return None
    q = Short(id=f"why-{slug(main, 30)}", prompt=prompt, answer=answer, explain=explain, source=[text],
              topics=[ctx.topics[line.index]], difficulty=2, status="draft")
    return Draft(q, WORTH, line.index, frozenset({fact(answer, line.text)}), "idea")
