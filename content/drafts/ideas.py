"""The ideas a sentence states, beside its facts: why something happens (its reason or cause), what it
leads to, what a thing is for (its role, its purpose), how two things differ. Each is found by the words
that announce it ("because", "caused by", "led to", "responsible for", "so that", "whereas") and is the
short phrase after them, to be blanked as a cloze (see `cloze.gaps`).

Blind raters (rounds 7-11) found the drafts asked years, figures and names and missed what a teacher asks:
how a process works, why an event happened, what an institution does, how two things differ.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from content.text.lexicon import STOPWORDS

REASON, CAUSE, RESULT, ROLE, PURPOSE, CONTRAST, RATHER = (
    "reason", "cause", "result", "role", "purpose", "contrast", "rather")
KINDS = (REASON, CAUSE, RESULT, ROLE, PURPOSE, CONTRAST, RATHER)
PROMPTS = {REASON: "Fill in the missing reason.", CAUSE: "Fill in the missing cause.",
           RESULT: "Fill in the missing result.", ROLE: "Fill in what it is responsible for.",
           PURPOSE: "Fill in the missing purpose.", CONTRAST: "Fill in the missing contrast.",
           RATHER: "Fill in the missing words."}  # the blank is the thing itself, "rather than" names its foil
# Worth as much as a term: the idea is what the sentence is there to say.
WORTH = {REASON: 3.1, CAUSE: 3.1, RESULT: 3.0, ROLE: 3.0, PURPOSE: 2.9, CONTRAST: 2.9, RATHER: 2.9}

# The words that announce the idea, and whether a noun phrase follows them (cut at its first preposition
# or participle: "the rapid release of energy [stored in the rocks]") or a clause (kept whole).
_TRIGGERS = [
    (CAUSE, True, r"\b(?:because\s+of|due\s+to|owing\s+to|as\s+a\s+result\s+of|(?:caused|triggered|driven)\s+by)\s+"),
    (REASON, False, r"\bbecause\s+(?!of\b)"),
    (RESULT, True, r"\b(?:led|leads|lead|leading)\s+to\s+|\b(?:results|resulted|resulting)\s+in\s+"
                   r"|\b(?<!\bis\s)(?<!\bare\s)(?<!\bwas\s)(?<!\bwere\s)(?:causes|caused|cause)\s+(?!by\b|of\b)"),
    (RESULT, False, r"\bwhich\s+means\s+that\s+"),
    (ROLE, True, r"\b(?:is|are|was|were|being)\s+responsible\s+for\s+"),
    (ROLE, False, r"\b(?:role|function|job|task|purpose)\s+(?:is|was)\s+to\s+|\b(?:is|are|was|were)\s+used\s+to\s+"
                  r"|\bhelps\s+(?:to\s+)?(?=[a-z]+\s)"),
    (RESULT, False, r"\bso\s+that\s+"),
    (PURPOSE, False, r"\bin\s+order\s+to\s+"),
    (CONTRAST, False, r"\bwhereas\s+[^,;:]*?\b(?:is|are|was|were)\s+(?:(?:a|an)\s+)?"),
]
_TRIGGER = [(kind, np, re.compile(pattern, re.IGNORECASE)) for kind, np, pattern in _TRIGGERS]
# "several causes working together", "the cause of": "cause" as a noun, no verb.
_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|several|many|main|its|their|other|these|possible|chief|two|three|single|one|no"
                          r"|common|root|underlying|leading|major|probable|likely)\s+$",
                          re.IGNORECASE)
# Where the idea's phrase stops: a mark, or a word that opens another clause.
_STOP = re.compile(r"[,;:.()\"“”—–]|\s(?:which|who|whom|whose|when|where|while|whereas|if"
                   r"|although|though|but|so|because|since|as\s+well\s+as|rather\s+than)\b", re.IGNORECASE)
# Where a noun phrase stops within its clause: a preposition (not "of") or a participle after it.
_NP_STOP = re.compile(r"\s(?:in|on|at|to|into|onto|from|during|across|through|within|for|by|with|without|under|over"
                      r"|between|among|along|around|against|near|towards?|that|[a-z]+ed|[a-z]+ing"
                      r"|is|are|was|were|has|have|had|can|will|would|may"
                      r"|and\s+(?:the|a|an|it|they|[a-z]+ed|[a-z]+ly|\w+\s+by))\b")
# A phrase that opens with a quantity or a comparison says how much, not what ("most of the damage",
# "a far greater disaster").
_VAGUE = frozenset("most much many some all more less far greater larger smaller bigger higher lower".split())
# Leading words that stay in the text before the blank ("because of [its] diplomatic effect").
_LEAD = re.compile(r"(?:the|a|an|its|their)\s+", re.IGNORECASE)
# A phrase that opens with one of these needs the text before to be typed ("because it struck ...").
_POINTING = frozenset("it its they them their he she his her him this these that those there such one".split())
MIN_WORDS, MAX_WORDS = 2, 6
MIN_CLAUSE_WORDS = 3
MIN_CONTENT = 2


_OF_WHAT = re.compile(r"\b(?:the|a)\s+(?:main|chief|principal|major|key)\s+(?:cause|reason|result|effect)s?\s*[.;:]")


@dataclass(frozen=True)
class Idea:
    kind: str
    start: int  # span of the phrase in the sentence
    end: int


def ideas(text: str) -> Iterator[Idea]:
    """The ideas a sentence announces, each the short phrase after its announcing words."""
    taken: list[tuple[int, int]] = []
    if _OF_WHAT.search(text):
        return  # "Rising temperatures caused by ___ are the main cause.": the main cause of what, the text before says
    for kind, np, trigger in _TRIGGER:
        for m in trigger.finditer(text):
            if kind == RESULT and np and m.group().lower().startswith("cause") and _NOUN_BEFORE.search(text[:m.start()]):
                continue
            span = phrase(text, m.end(), np)
            if span and np and re.match(r"caus", m.group(), re.IGNORECASE) and re.match(r"\s+to\s", text[span[1]:]):
                continue  # "caused the bulging slope [to collapse]": the result is the clause, not its subject
            if span and not np and len(text[span[0]:span[1]].split()) < MIN_CLAUSE_WORDS:
                continue  # "because Caxton chose [which ...]": a clause cut short
            if span and not any(a < span[1] and span[0] < b for a, b in taken):
                taken.append(span)
                yield Idea(kind, *span)
    for span in before_rather(text):
        if not any(a < span[1] and span[0] < b for a, b in taken):
            taken.append(span)
            yield Idea(RATHER, *span)


# "MEPs sit in groups organised by [political outlook] rather than nationality": what a thing is, beside what
# it is not. The phrase before runs back to a preposition, an article, a verb or a mark ("of the" goes on).
_RATHER = re.compile(r"(?<=\w)\s+(?:rather\s+than|instead\s+of)\s+(?!the\s+other\b)")
_BACK_STOP = frozenset("by on in to for from at as with into through than and or but the a an its their his her its "
                       "among under over about upon within across between towards "
                       "is are was were be been being has have had not that which who".split())
MAX_RATHER_WORDS = 4  # a longer run back holds a verb: "[slum upgrading programmes improve existing settlements]"


def before_rather(text: str) -> Iterator[tuple[int, int]]:
    """The phrase a "rather than" or "instead of" sets against what follows it."""
    for m in _RATHER.finditer(text):
        words = list(re.finditer(r"[\w'’-]+|[^\w\s]", text[:m.start()]))
        k = len(words)
        while k > 0:
            w = words[k - 1].group().lower()
            if w in ("the", "a", "an") and k >= 2 and words[k - 2].group().lower() == "of":
                k -= 2  # "the general principles [of the] bill"
                continue
            if w in _BACK_STOP or not words[k - 1].group()[0].isalnum():
                break
            k -= 1
        if k == len(words):
            continue
        start, end = words[k].start(), m.start()
        span = text[start:end].split()
        stop = words[k - 1].group().lower() if k else ""
        if stop in ("which", "that", "who", "and", "or", "among", "between") \
                or len(span) > MAX_RATHER_WORDS + ("of" in span) or re.search(r"\d", text[start:end]) \
                or span[0].lower() in _POINTING | _VAGUE | {"own"} or "?" in text:
            continue  # "which [use hydrogen sulfide]", "and [release sulfur]": a verb's phrase, half a pair
        if len(span) >= MIN_WORDS:
            yield start, end  # not one word: "the change was [gradual] rather than sudden" gives it away


def phrase(text: str, start: int, np: bool = False, pointing: bool = False) -> tuple[int, int] | None:
    """The span of the short phrase that starts at `start` and ends with its clause, or None when it is
    too short to be an idea, too long to type, a pointer to the text before (unless `pointing`: a why-question
    names what "they" is), or a figure."""
    stop = _STOP.search(text, start)
    end = stop.start() if stop else len(text.rstrip())
    lead = _LEAD.match(text, start)
    if lead:
        start = lead.end()
    if re.match(r"\s*[\"“”]", text[end:]):
        return None  # "the adoption of standard ["railway time"]": cut inside a quotation
    if np and not text[start:start + 1].isupper():  # a name is not cut: "the European Convention on Human Rights"
        cut = _NP_STOP.search(text, start, end)
        if cut and len(text[start:cut.start()].split()) >= MIN_WORDS:
            end = cut.start()
    span = text[start:end].strip()
    end = start + len(span)
    words = span.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS or words[0].lower() in _VAGUE \
            or words[0].lower() in _POINTING and not (pointing and words[0].lower() in {"they", "it"}):
        return None
    if any(w.lower() in _POINTING for w in words) and len(words) <= 3:
        return None  # "they were", "him paralysed it": a pointer, not an idea
    if re.search(r"\d", span):
        return None  # "led to Protocol 15": a name or a figure, asked elsewhere as a fact
    content = [w for w in words if w.lower().strip("'’") not in STOPWORDS]
    if len(content) < MIN_CONTENT or words[-1].lower() in STOPWORDS or words[-1].endswith("ly") and np:
        return None
    return start, end


def verb_first(kind: str, answer: str) -> bool:
    """Whether the idea's phrase opens with its verb ("absorb water", "keep inflation low"), not its subject."""
    return kind in (ROLE, PURPOSE) and not answer[:1].isupper() and len(answer.split()) > 1 \
        and answer.split()[0].lower() not in STOPWORDS and not answer.split()[0].endswith("s")
