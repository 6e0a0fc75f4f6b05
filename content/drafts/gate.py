"""The quality gate: what makes a draft unusable as is, found by rule in the text a learner is shown.

A reader sees a question without the text around its sentence, so a draft is refused when what it shows
leans on that text: a word that points back ("this metal", "such councils", "the latter"), a pronoun with
nothing before it to stand for ("It has a six-person board"), a link to the sentence before ("Similarly,",
"By contrast,"), or a time told only relative to it ("Two days later", "the following year"). Sentences
that are not whole (cut by a wrong split, a citation mark) are refused where the material is read
(`reading.whole`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from content.drafts.reading import ROLES
from content.questions import BLANK
from content.text.lexicon import OPENERS, STOPWORDS

# Words that point back to something the sentence before named, wherever they stand.
# ("Which of these", "Put these events" are the drafts' own words.)
_POINTING = re.compile(r"(?<!Which of )(?<!Put )\b(?:this|these|former|latter|aforementioned|abovementioned|nearby)\b"
                       # not "those that violate" (those of which it tells) or "particles called ___, such as dust"
                       r"|\bthose\b(?!\s+(?:that|who|which|whose|of|in|with|where)\b)|\bsuch\b(?!\s+as\b)"
                       r"|\bin\s+comparison\b|\bat\s+the\s+time\b(?!\s+(?:of|when))|\bby\s+then\b"
                       r"|\bthe\s+(?:same|above|following|previous|next|other)\s+(?:year|month|day|week|decade|century"
                       r"|one|ones|two|group|case|half-century)\b|^(?:before|after|since|until)\s+(?:that|then)\b|\bthat\s+(?:year|month|day|time|period|work|point|decade)\b"
                       r"|\bthe\s+(?:group|man|woman|men|women|city|country|company)['’]s\b"
                       # "The first was ...": the first of what the sentence before began to list
                       r"|^the\s+(?:first|second|third|fourth|last|latter|former|other)\s+(?:was|were|is|are)\b"
                       # "Darwin's idea was confirmed", "Faraday's pictures": which idea, the text before says
                       r"|\b[A-Z][\w-]+['’]s\s+(?:idea|ideas|pictures|view|views|proposal|suggestion|argument|claim)\b"
                       # "The Bank of England followed in 1694": after what the text told
                       r"|\bfollowed\s+in\b"
                       # "Selim won again at the ___" (round 9): again after what the text told before
                       r"|\b[a-z]+\s+again\b(?!\s+and\s+again)"
                       # "The same ___ countries went further", "Around the same time" (round 10): the same as what
                       r"|^(?:[A-Za-z]+\s+)?the\s+same\b(?!\s+(?:[\w-]+\s+){0,2}as\b)"
                       # "abandoned around the time of the conquest" (round 10): which conquest, the text before says
                       r"|\bthe\s+(?:conquest|war|invasion|revolution|rebellion|uprising|siege|occupation|crisis)\b"
                       r"(?!\s+(?:of|in|against|between)\b)", re.IGNORECASE)
_THEN = re.compile(r"^((?:[A-Z][\w-]*\s+){0,1}[A-Z][\w-]*)\s+then\s+[a-z]+ed\b")
# Words that tie a text to the sentence before when they open it (or open it after a short phrase).
CONNECTIVES = frozenset("""
similarly likewise so thus therefore hence moreover furthermore however instead consequently accordingly also
besides nevertheless nonetheless otherwise again still yet but and or then here there meanwhile afterwards
subsequently later earlier finally eventually both another others indeed nor
""".split())
_OPENING_LINKS = re.compile(r"^(?:by|in)\s+contrast\b|^as\s+a\s+result\b|^for\s+(?:this|that|these)\s+reason"
                            r"|^in\s+(?:addition|turn|response|return|particular|fact)\b|^on\s+the\s+other\s+hand"
                            r"|^at\s+the\s+(?:time|same\s+time)\b|^in\s+practice\b|^for\s+example\b"
                            r"|^for\s+instance\b|^even\s+so\b|^(?:\w+\s+){0,3}(?:later|earlier|afterwards?)\b", re.IGNORECASE)
# Pronouns that stand for a person or thing named before them: fine once something is.
_PERSONAL = frozenset({"he", "she", "him", "his", "her", "hers", "himself", "herself"})
_THING = frozenset({"it", "its", "they", "them", "their", "theirs", "itself", "themselves"})
_WORD = re.compile(r"[A-Za-z][\w’'-]*|___")
_QUESTION_WORDS = frozenset({"who", "which", "what", "whom", "whose"})


def leaning(text: str, is_person: Callable[[str], bool] | None = None) -> str | None:
    """The first word or phrase of a text shown alone that needs the text before it to be understood,
    else None. Given `is_person`, "he", "his" must follow a person's name (or a role, a blank, "who")."""
    m = _POINTING.search(text)
    if m:
        return m.group()
    m = _THEN.match(text)
    if m and not (is_person and is_person(m.group(1))):
        return m.group()  # "Inflation then surged" follows what the text told; "Selim then turned" names its doer
    stripped = text.lstrip(" “\"'‘(")
    m = _OPENING_LINKS.match(stripped)
    if m:
        return m.group()
    words = _WORD.findall(stripped)
    if not words:
        return None
    if words[0].lower() in CONNECTIVES | _PERSONAL | _THING:
        return words[0]
    if _PLACE_THEN_IT.match(stripped):
        return _PLACE_THEN_IT.match(stripped).group(1)  # "Since Lisbon it has had a President" (round 10): not Lisbon
    for k, word in enumerate(words):
        low = word.lower()
        if low in _PERSONAL and not (_person_before(words[:k], is_person) if is_person else _named_before(words[:k])):
            return word
        if low in _THING and k < 3 and not _named_before(words[:k], things=True):
            return word
    for m in _THING_AFTER_PHRASE.finditer(stripped):
        before = stripped[:m.start(m.lastindex)]
        if not _SUBORDINATE.match(before) and not _NAME_INSIDE.search(before):
            return m.group(m.lastindex)
    return None


# "it" or "they" that opens the main clause after an opening phrase stands for something the text named before,
# unless the phrase names it ("When water evaporates, it ..." does, with its clause; "With a height of 4,500
# metres, it ..." does not).
_THING_AFTER_PHRASE = re.compile(r"^(?:[^,;:]|(?<=\d),(?=\d)){3,}?,\s+(it|they)\b")
_SUBORDINATE = re.compile(r"(?:when|whenever|if|as|because|although|though|while|once|after|before|since|until|where)"
                          r"\s+(?:the\s+|an?\s+)?[a-z]", re.IGNORECASE)
_NAME_INSIDE = re.compile(r"(?<=\S\s)[A-Z][\w'’-]+|___")


# An opening phrase of a preposition and a name, then "it": the name is no thing "it" stands for.
_PLACE_THEN_IT = re.compile(r"(?:Since|In|After|Before|Until|From|Under|By|At|During)\s+(?:the\s+)?[A-Z][\w'’-]*"
                            r"(?:\s+[A-Z][\w'’-]*)?\s+(it|they)\s+[a-z]")


_PEOPLE_NOUNS = frozenset({"man", "woman", "men", "women", "person", "people", "boy", "girl", "king", "queen"})


def _person_before(words: list[str], is_person: Callable[[str], bool]) -> bool:
    for k, w in enumerate(words):
        low = w.lower()
        if w == BLANK or low in _QUESTION_WORDS or low in ROLES or low in _PEOPLE_NOUNS:
            return True
        if w[0].isupper() and (is_person(w) or k + 1 < len(words) and is_person(f"{w} {words[k + 1]}")):
            return True
    return False


def _named_before(words: list[str], things: bool = False) -> bool:
    """Whether something a pronoun may stand for comes before it: a name, a blank, a question's "who"."""
    for k, w in enumerate(words):
        if w == BLANK or w.lower() in _QUESTION_WORDS:
            return True
        if w[0].isupper() and (k > 0 or w.lower() not in STOPWORDS and w.lower() not in OPENERS):
            return True
        if things and k > 0 and w.islower() and len(w) > 3:
            return True
    return False


def shown(data: dict) -> list[str]:
    """The texts of a question (as bank data) that a learner reads: prompt, sentence, statement, items."""
    out = []
    for key in ("prompt", "text", "statement", "answer"):
        if isinstance(data.get(key), str):
            out.append(data[key])
    for item in data.get("items") or []:
        out.append(item["text"] if isinstance(item, dict) else str(item))
    pairs = data.get("pairs") or {}
    out.extend(f"{k} {v}" for k, v in pairs.items())
    return out


# A text ending on an abbreviation was cut inside a name ("charted the St[. Johns River]").
_CUT_AT_ABBREVIATION = re.compile(r"\b(?:St|Mr|Mrs|Ms|Dr|Mt|Ft|Jr|Sr|Co|Inc|No|vs|v|so-)\W*$"
                                  r"|\b(?:St|Mt|Ft)\s+(?=[a-z])")
# Two spaces inside a sentence mark a symbol or formula the text lost ("the first measurement of  using").
_LOST_SYMBOL = re.compile(r"\S {2,}\S")
# An explanation cut after a small word ("can lead to an increase in.") says nothing.
_CUT_EXPLAIN = re.compile(r"\b(?:in|of|to|the|a|an|and|or|by|for|with|on|at|from|as|that)\.$", re.IGNORECASE)


_NAME_WORDS = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’-]*)+")
_THE_NOUN = re.compile(r"\bthe\s+([a-z][a-z-]{2,})\b")


def name_heads(text: str) -> frozenset[str]:
    """The head nouns of the text's names of several words, in lower case: "court" of "Federal
    Constitutional Court", "council" of "Council of Europe", "league" of "Hanseatic League"."""
    heads = set()
    for m in _NAME_WORDS.finditer(text):
        words = m.group().split()
        head = words[words.index("of") - 1] if "of" in words else words[-1]
        heads.add(head.lower())
    return frozenset(heads)


def shared_heads(text: str) -> frozenset[str]:
    """The head nouns (as in `name_heads`) that two or more of the text's names share."""
    names: dict[str, set[str]] = {}
    for m in _NAME_WORDS.finditer(text):
        words = m.group().split()
        if words[0] in ("The", "A", "An"):
            words = words[1:]
        if len(words) >= 2:
            head = words[words.index("of") - 1] if "of" in words else words[-1]
            names.setdefault(head.lower(), set()).add(" ".join(words))
    return frozenset(head for head, found in names.items() if len(found) >= 2)


# "the Bank would be given ...", "The Act also reduced ...": a name's head word alone, where the text has several.
_THE_NAME_WORD = re.compile(r"\b[Tt]he\s+([A-Z][a-z]{2,})\b(?!\s+(?:of\s+)?[A-Z])")


def unnamed(text: str, heads: frozenset[str], shared: frozenset[str] = frozenset()) -> str | None:
    """A "the court" that stands for a name the text gave before ("the Federal Constitutional Court")
    while the text shown names none of that kind, else None. So too "the Bank" or "The Act" where the text
    has several names of that kind (`shared`): which one it stands for, only the text before says."""
    named = {w.lower() for m in _NAME_WORDS.finditer(text) for w in m.group().split()
             if len(m.group().split()) >= 2 and m.group().split()[0] not in ("The", "the")}
    for m in _THE_NOUN.finditer(text):
        noun = m.group(1)
        if noun in heads and noun not in named:
            return m.group()
    for m in _THE_NAME_WORD.finditer(text):
        noun = m.group(1).lower()
        if noun in shared and noun not in named:
            return m.group()
    return None


def filled(text: str, data: dict) -> str:
    """A cloze's text with its blanks filled by their answers: "In ___ he began" has no one "he" stands
    for once the blank is seen to be a year ("In 1501 he began")."""
    answers = [str(b.get("answer", "")) for b in data.get("blanks") or [] if isinstance(b, dict)]
    for answer in answers:
        if answer and BLANK in text:
            text = text.replace(BLANK, answer, 1)
    return text


def flaw(data: dict, is_person: Callable[[str], bool] | None = None) -> str | None:
    """Why a draft (as bank data) is unusable as shown, else None."""
    for text in shown(data):
        found = leaning(filled(text, data), is_person)
        if found:
            return f"leans on the text before: {found!r}"
        if _CUT_AT_ABBREVIATION.search(text.rstrip("?.")):
            return "cut at an abbreviation"
        if _LOST_SYMBOL.search(text):
            return "a symbol of the text is lost"
        if re.search(r"\w- ", text):
            return "a word broken by a hyphen"  # "Aluminium- und Magnesiumfabrik"
    explain = str(data.get("explain", "")).strip()
    if _CUT_EXPLAIN.search(explain) or _LOST_SYMBOL.search(explain) or re.search(r"\s[,.;:]", explain):
        return "the explanation is cut short or has a hole"
    return None
