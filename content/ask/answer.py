"""Short answers: what a question asks for (who, when, where, how many, stand for) and the span of a
sentence that gives it, by plain rules over names, dates and counts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

from content.ask import weights as w
from content.ask.aliases import Definition
from content.ask.index import Index
from content.ask.phrases import Phrase, best_phrase, phrases
from content.ask.query import Query, focus_of
from content.text.dates import MONTH, Span, counts_in, dates_in
from content.text.lexicon import OPENERS, STOPWORDS
from content.text.names import NAME_JOINERS, name_runs, plain
from content.text.words import term_of, terms

WHO, WHEN, WHERE, HOW_MANY, STAND_FOR, OTHER = "who", "when", "where", "how many", "stand for", "other"
NAME = "name"  # not a kind of question: what an "other" question that asks "which NOUN" may be answered with

_PLACE_NOUNS = ("town", "city", "region", "country", "capital", "village", "area", "province", "nation", "state",
                "county", "continent", "island", "district", "neighborhood", "neighbourhood", "location", "venue")
_PLACE_PLURALS = ("towns", "cities", "regions", "countries", "capitals", "villages", "areas", "provinces", "nations",
                  "states", "counties", "continents", "islands", "districts", "neighborhoods", "neighbourhoods",
                  "locations", "venues")
_PLACE_PREPOSITIONS = frozenset({"in", "at", "to", "from", "near", "into", "of", "towards", "toward"})
_PLACE_SKIP = frozenset({"either", "the", "central", "northern", "southern", "eastern", "western", "north", "south",
                         "far", "city", "town", "region", "of", "capital"})


def question_kind(question: str) -> str:
    """who, when, where, how many, stand for, or other: what the question asks for."""
    q = " " + re.sub(r"\s+", " ", question.casefold()) + " "
    if re.search(r"\bstands?\s+for\b|\bshort\s+for\b|\babbreviat|\bacronym\b|\bfull\s+(?:form|name)\b"
                 r"|\bwhat\s+(?:does|did|do)\b.*\bmean\b|\bmeaning\s+of\b|\btranslat"
                 r"|\b(?:called|named|known)\s+in\s+(?:its\s+own\s+language|\w+)\s*\??\s*$"
                 r"|\b(?:other|another|alternative)\s+name\b|\b(?:also|otherwise)\s+(?:known\s+as|called)\b", q):
        return STAND_FOR
    # Of the question words, the first decides: "What scientist ... when he ..." asks what, not when.
    found = []
    for kind, pattern in _KINDS:
        m = pattern.search(q)
        if m:
            found.append((m.start(), kind is OTHER, kind))
    if not found:
        return OTHER
    kind = min(found)[2]
    if kind == HOW_MANY and _HOW_LONG_LASTING.search(q):
        return WHEN
    return kind


_KINDS = (
    (HOW_MANY, re.compile(r"\bhow\s+(?:many|much|long|big|large|populous|far|tall|old|high|deep|wide|heavy|fast)\b"
                          r"|\bwhat\s+(?:number|percentage|percent|proportion|share|amount)\b")),
    (WHEN, re.compile(r"\bwhen\b|\b(?:what|which)\s+(?:year|date|month|day|time|century|decade)s?\b"
                      r"|\bsince\s+when\b|\buntil\s+when\b|\bin\s+what\s+year\b")),
    (WHERE, re.compile(r"\bwhere\b|\b(?:which|what)\s+(?:" + "|".join(_PLACE_NOUNS + _PLACE_PLURALS) + r")\b")),
    (WHO, re.compile(r"\bwho(?:m|se)?\b|\b(?:which|what)\s+(?:\w+\s+){0,2}(?:group|organi[sz]ation|movement|person"
                     r"|man|woman|leader|president|minister|militia|party|body|expert|force|ethnic|clan|tribe|sect"
                     r"|company|team|player|scientist|author|king|queen|emperor|general)s?\b")),
    (OTHER, re.compile(r"\b(?:what|which|how|why)\b")),
)
_HOW_LONG_LASTING = re.compile(r"\bhow\s+long\b.*\b(?:last|run|ran|take)\b|\bhow\s+long\s+(?:has|have|had)\b")


def _attributive(sentence: str, span: Span) -> bool:
    """A one-word name used as an adjective ("Roman army", "Peruvian navy", "Peru's president")."""
    if " " in span.text or span.text.isupper():
        return False
    return span.text.endswith(("'s", "’s")) or bool(re.match(r"\s+[a-z]", sentence[span.end:]))


def short_answer(
    kind: str,
    sentence: str,
    asked: Callable[[str], bool],
    common: Callable[[str], bool],
    near: Collection[int] = (),
    question: str = "",
) -> str | None:
    """The short answer `sentence` gives to a question of this kind, or None.

    `asked(text)` says whether a candidate only repeats what the question says; `common(word)` whether a
    capitalized word is a common word (a sentence opener); `near` holds character offsets in the sentence
    where the question's words were found: of several candidates, the nearest one wins.
    """
    found = answer_span(kind, sentence, asked, common, near, question)
    return found.text if found else None


@dataclass(frozen=True, slots=True)
class Found:
    text: str
    distance: int  # characters between the answer and the nearest of the question's words in the sentence
    sure: float = 1.0  # for a phrase, the phrase model's probability of it among the sentence's candidates


def answer_span(kind: str, sentence: str, asked: Callable[[str], bool], common: Callable[[str], bool],
                near: Collection[int] = (), question: str = "") -> Found | None:
    """`short_answer`, with how far the answer stands from the question's words."""
    if kind == WHEN:
        spans = [s for s in dates_in(sentence) if not asked(s.text)]
    elif kind == HOW_MANY:
        spans = [s for s in counts_in(sentence) if not asked(s.text)]
        units = set(re.findall(r"\w+", question.casefold()))
        with_unit = [s for s in spans if set(re.findall(r"\w+", s.text.casefold())[1:]) & units]
        spans = with_unit or [s for s in spans if re.search(r"\d[\d,.]*\s*\S", s.text)] or spans
    elif kind == WHERE:
        spans = _places(sentence, asked, common, question)
    elif kind == WHO:
        described = _description(sentence, question)
        if described:
            return Found(described, 0)
        spans = [t for s in name_runs(sentence, common) if not _attributive(sentence, s)
                 and not _IN_PLACE.search(sentence, 0, s.start)
                 if (t := _trimmed(s, asked)) is not None]
    elif kind == NAME:
        spans = [t for s in name_runs(sentence, common) if not _attributive(sentence, s)
                 if (t := _trimmed(s, asked, whole=True)) is not None]
    else:
        return None
    if not spans:
        return None
    best = min(spans, key=lambda s: (_distance(s, near) // w.ANSWER_BUCKET, -len(s.text.split()), _distance(s, near)))
    distance = _distance(best, near)
    if kind == HOW_MANY:
        best = _count_only(best, question)
    elif kind == WHEN:
        best = _date_only(best, sentence, question)
    return Found(best.text, distance)


# "How many X" is answered by the number ("12", not "12 research institutes"): a teacher accepts it, and SQuAD's
# answers give it so; "how much", "how far" and the like keep their unit ("260 kilometres").
_JUST_NUMBER = re.compile(r"\bhow\s+many\b|\bwhat\s+number\b", re.IGNORECASE)
_NUMBER = re.compile(r"(?:\d[\d,]*(?:\.\d+)?|[A-Za-z]+)(?:\s+(?:million|billion|thousand|hundred))?"
                     r"(?:\s*(?:%|percent|per\s+cent))?",
                     re.IGNORECASE)
_LEADING = re.compile(r"(?:the|only|just)\s+", re.IGNORECASE)


def _count_only(span: Span, question: str) -> Span:
    text = span.text
    lead = _LEADING.match(text)
    start = span.start + (lead.end() if lead else 0)
    body = text[lead.end():] if lead else text
    if _JUST_NUMBER.search(question):
        hedge = re.match(r"(?:(?:about|around|approximately|nearly|almost|over|more\s+than|less\s+than|fewer\s+than"
                         r"|at\s+least|at\s+most|up\s+to|some|roughly)\s+)?", body, re.IGNORECASE)
        number = _NUMBER.match(body, hedge.end()) if hedge else None
        if number:
            body = body[:number.end()]
    return Span(start, start + len(body), body)


_UNIT = re.compile(r"\bhow\s+many\s+(?:\w+\s+)??([a-z][\w-]*s)\b", re.IGNORECASE)
_YEAR_ONLY = re.compile(r"\b(?:what|which)\s+year\b", re.IGNORECASE)
_MONTH_ONLY = re.compile(r"\b(?:what|which)\s+month\b", re.IGNORECASE)


def _date_only(span: Span, sentence: str, question: str) -> Span:
    """The year alone for "what year", the month for "what month"; "since the 1950s" for "how long has"."""
    part = None
    if _YEAR_ONLY.search(question):
        part = re.search(r"\b\d{4}s?\b", span.text)
    elif _MONTH_ONLY.search(question):
        part = re.search(MONTH, span.text)
    if part:
        return Span(span.start + part.start(), span.start + part.end(), part.group())
    since = re.search(r"\bsince\s+(?:the\s+)?$", sentence[:span.start], re.IGNORECASE)
    if since and re.search(r"\bhow\s+long\b", question, re.IGNORECASE):
        return Span(since.start(), span.end, sentence[since.start():span.end])
    return span


# A name right after "in", "at" or "near" is a place, not who did something ("held a conference in Lima").
_IN_PLACE = re.compile(r"\b(?i:in|at|near|into)\s+(?:(?i:the)\s+)?(?:[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*,\s+)?$")


# Titles that stand before a name and are not part of the answer to "who".
_TITLES = frozenset({"president", "minister", "foreign", "general", "secretary", "leader", "head", "chief",
                     "expert", "specialist", "mr", "mrs", "dr"})


def _trimmed(span: Span, asked: Callable[[str], bool], whole: bool = False) -> Span | None:
    """The name without the words the question already says ("Burkina Faso Foreign Minister X" -> "X"), nor what
    follows a joiner when the question says it ("the Patriots in the AFC Championship Game" -> "the Patriots"),
    nor an opening preposition ("Despite Manning's" -> "Manning"). With `whole`, a name keeps the words the question
    says ("Super Bowl Opening Night"), unless it says them all."""
    parts = list(re.finditer(r"\S+", span.text))
    for k, part in enumerate(parts[1:-1], 1):
        tail = [p.group() for p in parts[k + 1:]]
        if part.group() in _CUT_AT and sum(map(asked, tail)) * 2 >= len(tail):
            parts = parts[:k]
            break
    while parts and (asked(parts[0].group()) and not whole or parts[0].group().casefold() in _TITLES
                     or parts[0].group().casefold() in NAME_JOINERS or parts[0].group().casefold() in OPENERS):
        parts.pop(0)
    while parts and (asked(parts[-1].group()) and not whole or parts[-1].group().casefold() in NAME_JOINERS):
        parts.pop()
    if whole and all(asked(p.group()) for p in parts):
        return None
    if not parts:
        return None
    start, end = span.start + parts[0].start(), span.start + parts[-1].end()
    text = span.text[parts[0].start():parts[-1].end()]
    if text.endswith(("'s", "’s")):
        text, end = text[:-2], end - 2
    return Span(start, end, text) if text else None


# Joiners after which a name's tail may be a second name ("X in Y", "X of Y"), and capitalised words that open a
# sentence without being part of a name ("Despite", "Since").
_CUT_AT = frozenset({"in", "at", "on", "for", "during"})


def _description(sentence: str, question: str) -> str | None:
    """For "Who is X?", what the sentence says X is: "X, a former army officer," or "X is the ..."."""
    m = re.match(r"\s*who\s+(?:is|was|are|were)\s+(.+?)[\s?.!]*$", question, re.IGNORECASE)
    if not m:
        return None
    name = m.group(1).strip()
    last = re.escape(name.split()[-1]) if name.split() else ""
    if not last:
        return None
    found = re.search(rf"\b{last}\b(?:,\s+|\s+(?:is|was)\s+)((?:an?|the)\s+[^,;()\[\]]+?)(?=[,;()]|\s-\s|$)",
                      sentence, re.IGNORECASE)
    return found.group(1) if found else None


def _places(sentence: str, asked: Callable[[str], bool], common: Callable[[str], bool], question: str) -> list[Span]:
    every = [s for s in name_runs(sentence, common)
             if not dates_in(s.text) and not re.search(r"(?:ian|ean|ese|ish)$", s.text)]
    runs = [s for s in every if not asked(s.text)]
    q = question.casefold()
    nouns = "|".join(_PLACE_NOUNS)
    asked_noun = re.search(rf"\b(?:which|what)\s+(?:[\w'-]+\s+){{0,2}}?({nouns})\b", q)
    noun = asked_noun.group(1) if asked_noun else next((n for n in _PLACE_NOUNS if re.search(rf"\b{n}\b", q)), None)
    if noun:
        beside = [s for s in runs if re.match(rf"[’'s]*\s+{noun}\b", sentence[s.end:], re.IGNORECASE)
                  or re.search(rf"\b{noun}\s+of\s+$", sentence[:s.start], re.IGNORECASE)]
        if beside:
            return beside
    placed: list[Span] = []
    for s in every:
        before = re.findall(r"[\w'’-]+", sentence[:s.start])
        while before and (before[-1].casefold() in _PLACE_SKIP or before[-1].endswith(("'s", "’s"))
                          or re.fullmatch(r"[A-Z]\w*(?:ian|ean|ese|ish)", before[-1])):
            before.pop()
        if before and before[-1].casefold() in _PLACE_PREPOSITIONS \
                or placed and re.fullmatch(r",?\s+(?:or|and)\s+", sentence[placed[-1].end:s.start]):
            placed.append(s)
    # A place the question names itself may lead to the answer ("to either Saudi Arabia or Egypt").
    found = [s for s in placed if s in runs]
    if found or not noun:
        return found
    # "What country ...": a name the question does not say, when no preposition marks one as a place.
    return [s for s in runs if not _attributive(sentence, s)]


def _distance(span: Span, near: Collection[int]) -> int:
    if not near:
        return 0
    return min(0 if span.start <= at < span.end else min(abs(at - span.start), abs(at - span.end)) for at in near)


def question_words(index: Index, question: str) -> set[str]:
    """The question's words and the words of every alias it names: an answer must say something new."""
    qwords = set(terms(question[:2000]))
    for phrase in index.expansions(question):
        qwords.update(phrase)
    return qwords


def asked_definition(index: Index, question: str, kind: str) -> Definition | None:
    """The definition asked for by "What does X stand for?", "What is X?" or "What does X mean?"."""
    qterms = terms(question)
    candidates = [d for key, d in index.definitions.items()
                  if any(tuple(qterms[i:i + len(key)]) == key for i in range(len(qterms)))]
    if not candidates:
        return None
    if kind == STAND_FOR:
        return max(candidates, key=lambda d: len(d.meaning))
    # "What is X?" asks what X stands for; "What is X's duty?" asks something else.
    asked = re.match(r"\s*(?:what|who)\s+(?:is|was|are|were)\s+(.*)", question, re.IGNORECASE)
    if asked:
        rest = terms(asked.group(1))
        named = [d for key, d in index.definitions.items() if tuple(rest) == key]
        if named:
            return max(named, key=lambda d: len(d.meaning))
    return None


def wanted_terms(question: str, query: Query) -> set[str]:
    """The query terms an answer should stand near: the question's own words before its names."""
    plain_words = {term_of(w) for w in re.findall(r"\b[a-z][\w'-]*", question[:2000])}
    return (plain_words & set(query.terms)) or set(query.terms)


def answer_in(index: Index, kind: str, sentence: str, question: str, qwords: set[str], wanted: set[str],
              definition: Definition | None) -> Found | None:
    if kind == STAND_FOR:
        return Found(definition.meaning, 0) if definition else None
    if kind == OTHER and _WHY.match(question):
        return None  # a reason is a clause, not a phrase: the passage says it
    text = plain(sentence)

    def asked(candidate: str) -> bool:
        return all(t in qwords for t in terms(candidate))

    def common(word: str) -> bool:
        return word.casefold() in STOPWORDS or word in index.common_words

    # Nearness to the question's own words ("published", "report") says more than nearness to its names.
    near = [m.start() for m in re.finditer(r"\w[\w'-]*", text) if term_of(m.group()) in wanted]
    unit = _UNIT.search(question) if kind == HOW_MANY else None
    if unit:  # "How many interceptions ...": the number nearest the word counted
        counted = term_of(unit.group(1))
        near = [m.start() for m in re.finditer(r"\w[\w'-]*", text) if term_of(m.group()) == counted] or near
    if kind == OTHER and _ASKS_WHAT_CALLED.search(question):  # "What is X called?": what the sentence calls it
        called = _CALLED.search(text)
        if called and not asked(called.group(1)):
            return Found(called.group(1).strip(), 0)
    if kind == OTHER and _ASKS_A_NAME.match(question):  # "Which team ...": a near name
        found = answer_span(NAME, text, asked, common, near, question)
        if found and found.distance <= w.NAME_REACH:
            return found
    if kind == OTHER:
        return phrase_in(text, question, qwords, wanted)
    return answer_span(kind, text, asked, common, near, question)


_WHY = re.compile(r"\s*(?:why|how\s+come)\b", re.IGNORECASE)
_ASKS_WHAT_CALLED = re.compile(r"\b(?:called|known\s+as|termed|dubbed|referred\s+to\s+as|(?:term|word|name)\s+for)\b",
                               re.IGNORECASE)
_CALLED = re.compile(r"\b(?:called|known\s+as|termed|dubbed|referred\s+to\s+as)\s+[\"'\u201c]?"
                     r"((?:the\s+)?[^,.;:()\"'\u201d]{2,60}?)[\"'\u201d]?"
                     r"(?=[,.;:()]|\s+(?:and|or|which|that|because|in|by|for|from|with|after|since)\b|\s*$)",
                     re.IGNORECASE)
# "What team ...", "In which case ...": the noun asked about is often a name, and the answer the name.
_ASKS_A_NAME = re.compile(r"\s*(?:(?:in|on|at|of|for|from|by|to|with|under|during)\s+)?(?:what|which)\s+"
                          r"(?!(?:is|was|are"
                          r"|were|does|did|do|has|have|had|can|could|would|will|should|may|might|kinds?|types?|sorts?"
                          r"|forms?|else|happens?|happened|causes?|caused|makes?|made)\b)[a-z]", re.IGNORECASE)


def phrase_in(sentence: str, question: str, qwords: set[str], wanted: set[str]) -> Found | None:
    """The phrase the fitted weights pick as the answer, when they are sure enough of it."""
    best = best_phrase(phrases(plain(sentence), qwords, wanted, focus_of(question)))
    return Found(best[0].text, 0, best[1]) if best and best[1] >= w.PHRASE_SURE else None


def phrase_candidates(index: Index, sentence: str, question: str, qwords: set[str], wanted: set[str]) -> list[Phrase]:
    """The phrases of a sentence that may answer a "what" question, with their features."""
    return phrases(plain(sentence), qwords, wanted, focus_of(question))
