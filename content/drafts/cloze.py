"""Cloze drafts: a sentence (or the clause of it that holds the fact) with its key fact blanked: a person,
a defined term, a number with its unit, a year, a place.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass

from content.drafts.common import Context, Draft, ends, fact, sentence_case, slug
from content.drafts.explain import explain_for
from content.drafts.gate import CONNECTIVES
from content.drafts.reading import LEANING, NATIONALITY, YEAR, Line
from content.text.lexicon import OPENERS, STOPWORDS, common
from content.drafts.terms import Term, spelt_forms
from content.matching import normalize
from content.questions import BLANK, Blank, Cloze

# How much each kind of blank is worth asking: a name or term is the fact a sentence is about more often
# than its date.
# (A figure is worth least of the facts: blind raters found 10 of 16 figure blanks trivia, rounds 6-8.)
WORTH = {"defined": 2.9, "term": 3.2, "person": 3.0, "count": 2.0, "year": 2.4, "place": 2.2, "name": 1.6}
PROMPTS = {"defined": "Fill in the missing term.", "term": "Fill in the missing term.", "person": "Fill in the missing name.",
           "count": "Fill in the missing number.", "year": "Fill in the missing year.",
           "place": "Fill in the missing name.", "name": "Fill in the missing name."}
# (A place is asked as a name: what the rules take for a place is now and then a language, a firm or the Sun,
# and "the missing place" would then be the wrong word.)
MAX_WORDS = 38
# A figure this large or larger is not blanked: rounds 6-9 raters found 660 nm, 120 billion tonnes, 7,700 years,
# 2,000 years, 4,000 metres and 140 delegates trivia, where the small counts (70 ml, five years, seven times)
# passed or wanted only an accepted form.
MAX_FIGURE = 100
MIN_SHOWN = 8  # "The decisive challenge came from the ___.": a shorter sentence says too little alone
MAX_SHOWN = 34  # a longer sentence with a blank is hard to read and easy to fill from its other clauses
_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
                     r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty"
                     r"|sixty|seventy|eighty|ninety|hundred|thousand)\b", re.IGNORECASE)


# A name followed by a lower-case noun is used as an adjective ("the Spanish American White elite").
_ATTRIBUTIVE = re.compile(r"\s+(?!(?:of|and|or|in|to|for|was|were|is|are|had|has|with|at|by|on|from|as)\b)[a-z]")
_ADJECTIVES = frozenset({"White", "Black", "Red", "Great", "New", "Old", "Northern", "Southern", "Eastern", "Western",
                         "Central", "Upper", "Lower", "Greater", "American", "European", "African", "Asian"})


_PLACE_AFTER = re.compile(r"\s+in\s+(?:the\s+)?[A-Z]")


@dataclass(frozen=True)
class Gap:
    kind: str
    start: int  # span in the sentence
    end: int
    accept: tuple[str, ...] = ()


def gaps(ctx: Context, line: Line, terms: list[Term]) -> list[Gap]:
    """What in a sentence may be blanked, with the forms a learner may type for it."""
    reading = ctx.reading
    found: list[Gap] = []
    for span in line.names:
        place = _PLACE_AFTER.search(span.text)
        if place and place.start() > 0:
            # "the Palace of Westminster [in London]": the place the name stands in is no part of it
            span = dataclasses.replace(span, text=span.text[:place.start()], end=span.start + place.start())
        person = reading.person(span.text)
        if person and not _ATTRIBUTIVE.match(line.text, span.end):  # not "a Mersenne prime"
            accept = (person.surname,) if person.surname != span.text else ()
            found.append(Gap("person", span.start, span.end, accept))
        elif span.text in reading.places:
            found.append(Gap("place", span.start, span.end))
        elif len(span.text.split()) >= 2 and not span.text.endswith(("'s", "’s")) and span.start > 0 \
                and not _ATTRIBUTIVE.match(line.text, span.end) \
                and not all(NATIONALITY.match(w) or w in _ADJECTIVES for w in span.text.split()):
            found.append(Gap("name", span.start, span.end))
    for year in line.years:
        found.append(Gap("year", year.start, year.end))
    for count in line.counts:
        number = _NUMBER.search(count.text)
        if number and number.group()[0].isdigit() and float(number.group().replace(",", "")) >= MAX_FIGURE:
            continue  # "red light, around ___ nanometres", "about ___ billion tonnes": trivia to blind raters
        if number and len(count.text.split()) >= 2 and (number.group()[0].isdigit() or _small(number.group()) >= 5):
            start = count.start + number.start()
            found.append(Gap("count", start, start + len(number.group())))
    defined = _defined(ctx, line)
    if defined:
        found.append(defined)
    for term in terms:
        at = line.text.find(term.meaning)
        if term.line is line and at >= 0:
            found.append(Gap("term", at, at + len(term.meaning), term.accept))
    taken = {(g.start, g.end) for g in found}
    found.extend(g for g in named(ctx, line) if (g.start, g.end) not in taken)
    return found


# "small green structures called chloroplasts", "a process known as voir dire", "is called the foreperson":
# the term a sentence names, up to the end of its clause.
_NAMED = re.compile(r"\b(?:(?:is|are|was|were)\s+)?(?:(?:also|sometimes|often|usually|commonly|now)\s+)?"
                    r"(?:called|known\s+as|termed)\s+(?:the\s+|an?\s+)?"
                    r"((?:[A-Za-z][\w'’-]*)(?:\s+[A-Za-z][\w'’-]*){0,2})(?=\s*(?:[.;]|,\s+(?!or\b)|$))")
# "chlorophyll, a pigment that absorbs red and blue light": a lower-case term and what the text says it is.
_APPOSED = re.compile(r"(?<![\w'’-])([a-z][a-z-]{3,}),\s+(?:a|an)\s+(?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*"
                      r"(?=\s+(?:that|which|who|whose|used|made|found|formed|brought|caused|carried|produced|spread|known)\b|,)")
_VERB_IN_APPOSITION = re.compile(r"\b(?:is|are|was|were|be|been|has|have|had|can|may|will|would|could)\b")
_NOT_TERMS = frozenset({"after", "for", "because", "since", "being", "having", "simply", "either"})


def named(ctx: Context, line: Line) -> list[Gap]:
    """The terms a sentence names or defines ("... called stomata", "known as judicial review", "glucose, a
    simple sugar,"), to be blanked as a term: lower-case terms of science and civics are facts too."""
    out = []
    for m in [*_NAMED.finditer(line.text), *_APPOSED.finditer(line.text)]:
        term = m.group(1)
        words = term.split()
        if any(w.lower() in STOPWORDS | _NOT_TERMS | LEANING for w in words) or len(term) < 4:
            continue
        if len({w[0].isupper() for w in words}) > 1 or term.isupper() and m.re is _APPOSED:
            continue  # "Lorentz's Law describes": not one name
        if m.re is _APPOSED and (_VERB_IN_APPOSITION.search(m.group()) or re.search(
                r"\b(?:this|that|when|if|it)\s+$", line.text[:m.start(1)], re.IGNORECASE)):
            continue  # "when this happens, a new magma is formed": a clause, not a term and its gloss
        if m.re is _APPOSED and re.search(r"\b(?:or|and|nor|to)\s+$", line.text[:m.start(1)]):
            continue  # "gives particular powers to, or affects, a specific organisation": a verb of a list
        if re.search(rf"\b{re.escape(words[0])}\b", line.text[:m.start(1)], re.IGNORECASE):
            continue  # the sentence gives it away before the blank
        out.append(Gap("term", m.start(1), m.end(1)))
    return out


# "Inflammation is one of the first responses of the immune system": a term and what the text says it is.
_DEFINITION = re.compile(r"(?:The\s+|An?\s+)?((?:[A-Za-z][\w-]*\s+){0,2}[A-Za-z][\w-]*)\s+(?:is|are|was|were)\s+"
                         r"(?:a|an|the|one\s+of\s+the)\s+")
# "The first stage is the light-dependent reactions": a place in a sequence, no term.
_ORDINALS = frozenset("first second third fourth fifth last final next main other".split())
# A term the whole text is about is no fact to ask ("Oxygen is the third most abundant element").
# (Round 10: "The ___ is a J-shaped, muscular bag ..." in a text that names the stomach 17 times gave itself away.)
MAX_TERM_MENTIONS = 12


def _defined(ctx: Context, line: Line) -> Gap | None:
    """The term a sentence defines, when it opens the sentence and the text speaks of it again."""
    m = _DEFINITION.match(line.text)
    if not m:
        return None
    term = m.group(1)
    words = term.split()
    if words[0].lower() in LEANING | CONNECTIVES | STOPWORDS | OPENERS | _ORDINALS or any(w.lower() in STOPWORDS for w in words) \
            or ctx.reading.person(term):
        return None  # a person is asked who did what, with the context that makes the name the answer
    title = ctx.reading.material.title or ""
    mentions = len(re.findall(rf"\b{re.escape(term)}\b", ctx.reading.material.text, re.IGNORECASE))
    if not 2 <= mentions <= MAX_TERM_MENTIONS or term.lower() in title.lower() \
            or re.search(rf"\b{re.escape(term)}\b", line.text[m.end():], re.IGNORECASE):
        return None
    return Gap("defined", m.start(1), m.end(1))


def drafts(ctx: Context, terms: list[Term]) -> Iterator[Draft]:
    by_line: dict[int, list[Term]] = {}
    for term in terms:
        by_line.setdefault(term.line.index, []).append(term)
    forms = spelt_forms(ctx.reading)  # an acronym and what it stands for, each the other's other form
    for term in terms:
        if term.kind == "acronym":
            forms.setdefault(term.term, []).append(term.meaning)
            forms.setdefault(term.meaning, []).append(term.term)
    for line in ctx.reading.lines:
        if not line.usable:
            continue
        for gap in gaps(ctx, line, by_line.get(line.index, [])):
            draft = _draft(ctx, line, gap, forms)
            if draft:
                yield draft


def _draft(ctx: Context, line: Line, gap: Gap, forms: dict[str, list[str]] | None = None) -> Draft | None:
    start, end = _clause_around(line, gap)
    quote = line.text[start:end].strip()
    answer = line.text[gap.start:gap.end]
    if normalize(answer) == "" or not MIN_SHOWN <= len(quote.split()) <= MAX_SHOWN or not sure(line, gap, start, end):
        return None
    if start > 0 and gap.start == start and re.match(r",\s+(?:an?|the)\s", line.text[gap.end:]):
        return None  # "___, a protease that breaks down proteins" (round 10): one item of a list cut from its sentence
    if len(quote.split()) <= MIN_SHOWN and re.match(r"The\s+[a-z]", quote):
        return None  # "The decisive challenge came from the ___.", "The legal limits come from the ___." (round 6)
    if re.search(r"\b(?:has|have|had|plays?|played|serves?|served)\s+(?:two|three|four|several|many)\s+[a-z]+\W*$",
                 line.text[gap.end:end]):
        return None  # "The ___ is a gland lying behind the stomach that has two roles." (round 10): which roles
    if gap.kind == "place" and re.match(r"\W*$", line.text[gap.end:end]) and re.search(r"\b(?:in|at)\s+$", line.text[:gap.start]):
        return None  # "built a telegraph line in ___.", "his laboratory in ___." (round 9): the town of an event
    if normalize(quote).split().count(normalize(answer).split()[0]) > 1 and len(normalize(answer).split()) == 1:
        return None  # the answer stands twice: the other gives it away
    text = sentence_case(ends(line.text[start:gap.start] + BLANK + line.text[gap.end:end]))
    if f" {normalize(answer)} " in f" {normalize(text)} " or re.search(
            rf"(?<!\w){re.escape(answer.lower())}(?!\w)", text.lower()):
        return None  # the shown text says the answer elsewhere ("whose ___ members serve nine-year terms")
    opening = re.fullmatch(r"([A-Z][\w'’-]*)\s+", line.text[start:gap.start])
    if opening and gap.kind in ("name", "place") and re.search(
            rf"[a-z,;:]\s+{re.escape(opening.group(1))}\s+{re.escape(answer.split()[0])}\b", ctx.reading.material.text):
        return None  # "Long [Island in New York]": the sentence opens with the name's first word
    if hinted(answer, line.text[start:gap.start], line.text[gap.end:end]):
        return None  # "Arab and Indian sailors ... over the ___" (Arabian Sea), "the ___ 2 (HS2) railway"
    if gap.kind in ("defined", "term") and len(answer.split()) == 1 and common(answer):
        return None  # "a single specialised ___", "The ___ was an alloy": a common word has many right answers
    score = WORTH[gap.kind]
    words = len(quote.split())
    score -= 1.2 if line.leans and start == 0 else 0
    score -= 0.8 if words > 32 else 0
    score -= 1.5 if any(q in quote for q in "“”\"") else 0
    if gap.kind in ("place", "name", "person"):
        # A name the text keeps repeating is easy to guess: "In ___, the junta ..." (Spain).
        mentions = sum(answer in other.text for other in ctx.reading.lines)
        if mentions >= MAX_MENTIONS and gap.kind != "person":
            return None
        score -= min(1.5, 0.15 * (mentions - 1) * (0.5 if gap.kind == "person" else 1))
    score -= 0.3 if gap.start - start < 3 else 0
    score -= 0.5 if "(" in quote else 0
    explain = explain_for(ctx.reading, line, quote, answer, loose=gap.kind in ("term", "defined"))
    if explain is None:
        return None
    prompt = PROMPTS[gap.kind]
    if gap.kind in ("defined", "term") and answer[0].isupper() and not answer.isupper() and not _lower_in_text(ctx, answer):
        prompt = PROMPTS["name"]  # "Telenet", "Frame Relay": a name; "inflammation" is a term
    q = Cloze(id=f"{slug(answer)}-cloze", prompt=prompt, text=text,
              blanks=[Blank(answer, _accepted(ctx, answer, gap, forms or {}))],
              explain=explain, source=[quote], topics=[ctx.topics[line.index]],
              difficulty=2 if gap.kind in ("year", "count") else 1, status="draft")
    # Places, years and figures are each kept to a share of the bank: blind raters found a bank of dates
    # and figures a test of trivia ("In ___ Priestley placed a sprig of mint ...").
    return Draft(q, score, line.index, frozenset({fact(answer, line.text)}),
                 gap.kind if gap.kind in ("place", "year", "count") else "")


_MONTHS = frozenset("January February March April May June July August September October November December"
                    .split())
_EXAMPLE_BEFORE = re.compile(r"\b(?:for\s+example|for\s+instance|such\s+as|including|e\.g\.|like|among\s+them)"
                             r"\W+(?:\w+\W+){0,3}$", re.IGNORECASE)
_IDENTIFIER_BEFORE = re.compile(r"\b(?:article|articles|section|chapter|paragraph|page|no|number|directive|regulation"
                                r"|rule|act|case|figure|table|room|route|highway|line|station|platform|version)\.?\s+$",
                                re.IGNORECASE)
_NUMBER_WORD = (r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty"
                r"|hundred))")
_NEIGHBOUR_NUMBER_BEFORE = re.compile(_NUMBER_WORD + r"\s*(?:and|or|to|–|-|/|:|×|x)\s*$|\d[\d.,]*\s+$|[–/:×-]$",
                                      re.IGNORECASE)
_NEIGHBOUR_NUMBER_AFTER = re.compile(r"^(?:\s*(?:and|or|to|–|-|/|:|×)\s*\d|[–/:×-]|th\b|st\b|nd\b|rd\b|\.\d)")
_NUMBERS = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])")


# A figure said as a bound has many right answers ("more than ___ people", "can exceed ___ degrees").
_BOUND_BEFORE = re.compile(r"\b(?:more|fewer|less|greater|higher|lower)\s+than\s+$|\b(?:over|under|exceeds?|exceeding"
                           r"|above|below|nearly|almost|at\s+least|at\s+most|up\s+to|as\s+many\s+as|reach(?:es)?)\s+$",
                           re.IGNORECASE)
# A year told before a person the sentence introduces by a role ("the British plant physiologist Frederick
# Blackman described ..."): blind raters found the year of a discovery trivia beside the discovery.
_INTRODUCES_AFTER = re.compile(r",?\s+(?:the|a|an)\s+(?:[A-Z][a-z]+\s+)?(?:[a-z-]+\s+){1,4}(?:[A-Z][\w.'’-]*\s+)*"
                               r"[A-Z][\w'’-]+\s+[a-z]")
# The year of a side detail (round 10: "the Copenhagen criteria, agreed in ___", "earning a Nobel Prize in ___",
# "which last erupted in ___", "established in ___", rated trivia): a year in a clause that trails after a comma
# (a participle or "which"), or the year of a prize.
_YEAR_OF_DETAIL = re.compile(r",\s+(?:which|who)\b[^,;:]*\b(?:in|on)\s+$|,\s+[a-z]+ed\s+(?:[a-z]+\s+)?(?:in|on)\s+$"
                             r"|,\s+[a-z]+ing\b[^,;:]*\bin\s+$|\b(?:Prize|Award|Medal)\b[^,;:]{0,40}\bin\s+$")
# "a widely quoted ___ estimate" (round 10): a year told of a noun, not of an event.
_YEAR_AS_ADJECTIVE = re.compile(r"\b(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s+(?:[a-z]+\s+){1,2}$")
# A year beside another this close is told by it ("fired on ships in 1863 and was punished in ___").
NEAR_YEARS = 3

# "Van Gend [en Loos]", "[Philo] of Byzantium": the blank would be part of a longer name.
_NAME_GOES_ON_AFTER = re.compile(r"\s+(?:en|de|van|von|y|da|del|la|le|of|and|&)\s+[A-Z]")
_NAME_GOES_ON_BEFORE = re.compile(r"[A-Z][\w'’-]*\s+(?:en|de|van|von|y|da|del|la|le|of)\s+$")
# A name the text keeps writing is what the text is about: blanking it asks nothing.
MAX_MENTIONS = 5


def sure(line: Line, gap: Gap, start: int, end: int) -> bool:
    """Whether the blank has one answer a reader of the shown text could give: not one example of several,
    not a number read beside others (a range, a ratio, one figure of many), not a year that is part of a
    name ("Act 1986", "the 1989 Strasbourg European Council"), not an identifier ("article 30"), not two
    names at once."""
    text = line.text
    before, after = text[start:gap.start], text[gap.end:end]
    if _EXAMPLE_BEFORE.search(before) or text[:gap.start].count("(") > text[:gap.start].count(")"):
        return False
    if re.match(r"\s+v\.?\s+[A-Z]", after) or re.search(r"\bv\.?\s+$", before):
        return False  # a party of a case ("Reyners v Belgium"): the case is the fact, not one of its names
    if re.match(r"\.\s*[\w(]", after) and not re.match(r"\.\d", after):
        return False  # "his engine [Locomotion No]. 1", "president [Franklin D]. Roosevelt": cut at an abbreviation
    if gap.kind == "count":
        if re.match(r"\s+[\w\s-]{0,30}:", after):
            return False  # "The UN has ___ official languages: Arabic, Chinese, ...": the list counts itself
        if _BOUND_BEFORE.search(before):
            return False  # "can exceed ___ degrees": any lower figure is as true
        numbers = [m for m in _NUMBERS.finditer(text, start, end) if not YEAR.fullmatch(m.group())]
        value = float(text[gap.start:gap.end].replace(",", "")) if text[gap.start].isdigit() else 2.0
        return not (_NEIGHBOUR_NUMBER_BEFORE.search(before) or _NEIGHBOUR_NUMBER_AFTER.match(after)
                    or _IDENTIFIER_BEFORE.search(before) or len(numbers) > 2 or value < 2
                    or re.search(r"\bthe\s+$", before, re.IGNORECASE)
                    or re.fullmatch(r"10\d\d", text[gap.start:gap.end])  # "10^13" that lost its superscript
                    or re.search(r"[A-Za-z][-.]?$", before) or re.match(r"\s+[A-Z]", after))
    if gap.kind == "year":
        if _INTRODUCES_AFTER.match(after):
            return False  # "In ___ the English chemist Joseph Priestley placed ...": what they did is the fact
        years = {y.text for y in line.years if start <= y.start < end}
        word_before = re.search(r"(\S+)\s+$", before)
        in_name = bool(word_before and word_before.start() > 0 and word_before.group(1)[0].isupper()
                       and word_before.group(1).strip(",") not in _MONTHS)
        date = next((d for d in line.dates if d.start <= gap.start < d.end), None)
        full_date = bool(date and re.search(r"\b\d{1,2}\b", date.text.replace(text[gap.start:gap.end], "")))
        near = any(abs(int(y) - int(text[gap.start:gap.end])) <= NEAR_YEARS for y in years
                   if y.isdigit() and y != text[gap.start:gap.end]) if text[gap.start:gap.end].isdigit() else False
        return not (len(years) > 2 or near or in_name or re.search(r"\b(?:the|a|an)\s+$", before, re.IGNORECASE) or full_date
                    or _YEAR_OF_DETAIL.search(text[:gap.start]) or _YEAR_AS_ADJECTIVE.search(before)
                    and re.match(r"\s+[a-z]", after)
                    or _NEIGHBOUR_NUMBER_BEFORE.search(before) or _NEIGHBOUR_NUMBER_AFTER.match(after))
    if gap.kind in ("name", "place", "person"):
        answer = text[gap.start:gap.end]
        if re.search(r"\b(?:St|Mt|Ft|Dr|Mr|Mrs|No)\.\s*$", before):
            return False  # "Mount St. [Helens]": the name began before the blank
        in_list = bool(re.search(r"(?:,|\band|\bor)\s+$", before) or re.match(r"\s*(?:\([^)]*\)\s*)?(?:,|and\b|or\b)", after))
        name_before = gap.kind != "person" and re.search(r"(?<=\w)\s+[A-Z][\w'’-]*\s+$", before)
        return not (re.search(r"\s(?:and|or|&|to)\s|,", answer) or _NAME_GOES_ON_AFTER.match(after)
                    or _NAME_GOES_ON_BEFORE.search(before) or in_list or name_before
                    or answer.endswith(("'s", "’s")))
    return True


# "Mount Vesuvius": the name a reader says without its first word.
_TITLE_WORDS = re.compile(r"^(?:Mount|Mt\.?|Lake|River|Cape|Saint|St\.?|Fort|Port|Lord|Sir)\s+(?=[A-Z])")


def _accepted(ctx: Context, answer: str, gap: Gap, forms: dict[str, list[str]]) -> list[str]:
    """The other forms of a blank's answer a teacher would accept, and shows in the bank: its acronym or what
    the acronym stands for, a name without "Mount", the longer name the text gives ("House of Commons" for
    "Commons"), a number in figures ("7" for "seven", "100000" for "100,000")."""
    of = _OF_PLACE.match(answer)
    # "Prince Lazar of Serbia": "Prince Lazar" and "Lazar", never "Serbia" (the place he is of)
    out = [f for f in gap.accept if not (of and gap.kind == "person" and f == of.group(2))]
    out.extend(forms.get(answer, []))
    if gap.kind in ("person", "place", "name"):
        short = _TITLE_WORDS.sub("", answer)
        if short != answer:
            out.append(short)
        if gap.kind == "person" and of:
            out.append(of.group(1))
            out.append(_RANKS.sub("", of.group(1)))
        elif gap.kind == "person" and _RANKS.match(answer):
            out.append(_RANKS.sub("", answer))
        head = _GENERIC_HEAD.match(answer) or _EVENT_OF.match(answer)
        if head:
            out.append(head.group(1))  # "Yalta" for the Yalta Conference, "Ridaniya" for the Battle of Ridaniya
        longer = {span.text for line in ctx.reading.lines for span in line.names
                  if span.text.endswith(f" {answer}") and len(span.text.split()) <= len(answer.split()) + 2}
        out.extend(sorted(longer))
    if gap.kind in ("name", "defined", "term") and re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+", answer):
        first, head = answer.split()
        text = ctx.reading.material.text
        others = set(re.findall(rf"\b([A-Z][a-z]+)\s+{head}\b", text)) - {first, "The", "A", "An", "Its", "Their"}
        if not others and re.search(rf"\bthe {head}\b(?!\s+of\b)", text):
            out.append(head)  # "Parliament" for the European Parliament, where the text says "the Parliament" (round 10)
    if gap.kind in ("defined", "term") and re.fullmatch(r"(?:poly|oligo)[a-z]{4,}", answer):
        out.append(re.sub(r"^(?:poly|oligo)", "", answer))  # "peptides" for "polypeptides" (round 10)
    out.extend(_hyphened(form) for form in [answer, *out] if _hyphened(form) != form)
    figures = _in_figures(answer)
    if figures:
        return [*dict.fromkeys([*out, figures])]  # shown to the teacher: grading reads "seven" and "7" as one
    seen, kept = {normalize(answer)}, []
    for form in out:
        if normalize(form) and normalize(form) not in seen:
            seen.add(normalize(form))
            kept.append(form)
    return kept


_RANKS = re.compile(r"^(?:Prince|Princess|King|Queen|Emperor|Empress|Sultan|Tsar|Czar|Pope|Duke|Duchess|Count|Baron"
                    r"|Shah|Caliph|Commodore|Admiral|General)\s+(?=[A-Z])")
_OF_PLACE = re.compile(r"^(.+?)\s+of\s+([A-Z][\w'’-]*)$")
_GENERIC_HEAD = re.compile(r"^([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?:Conference|Castle|Summit|Accords?)$")
_EVENT_OF = re.compile(r"^(?:Battle|Treaty|Siege|Peace|Edict|Palace)\s+of\s+(?:the\s+)?([A-Z].+)$")
_COMPOUND_WORD = re.compile(r"\b(Inter|Intra|Trans|Multi|Counter|Micro|Macro|Post|Pre|Non)([a-z]{4,})\b")


def _hyphened(form: str) -> str:
    """"Intertropical" as "Inter-tropical": the form a reader may write a compound word in."""
    return _COMPOUND_WORD.sub(lambda m: f"{m.group(1)}-{m.group(2)}", form)


_NUMBER_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                 "sixteen seventeen eighteen nineteen twenty").split()


def _in_figures(answer: str) -> str | None:
    """A number's other way of being typed: "seven" -> "7", "100,000" -> "100000"; else None."""
    if answer.lower() in _NUMBER_WORDS:
        return str(_NUMBER_WORDS.index(answer.lower()))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", answer):
        return answer.replace(",", "")
    return None


_ACRONYM_AFTER = re.compile(r"^\W{0,3}[\w\s]{0,4}\(\s*[A-Z][A-Z0-9&]{1,7}\s*\)")
_LETTERS_WORD = re.compile(r"[A-Za-z][a-z'’-]*")


def hinted(answer: str, before: str, after: str) -> bool:
    """Whether the shown text around the blank all but says the answer: a word of it in another form ("Arab"
    for the Arabian Sea, "electrons" for the electron transport chain), or its acronym beside the blank."""
    if not answer[:1].isdigit() and _ACRONYM_AFTER.match(after.lstrip()):
        return True
    shown = f"{before} {after}"
    words = [w.lower() for w in _LETTERS_WORD.findall(answer) if len(w) >= 4 and w.lower() not in STOPWORDS]
    if not words or len(answer.split()) > 3:
        return False
    for other in {w.lower() for w in _LETTERS_WORD.findall(shown)}:
        for w in words:
            least = max(4, len(w) - 3)
            if len(other) >= 4 and other[:least] == w[:least] and len(other) >= least:
                return True
    return False


def _lower_in_text(ctx: Context, answer: str) -> bool:
    """Whether the text also writes the answer in lower case (a common term, not a name)."""
    lower = answer[:1].lower() + answer[1:]
    return re.search(rf"(?<![\w-]){re.escape(lower)}(?![\w-])", ctx.reading.material.text) is not None


def _small(word: str) -> int:
    """The value of a number word up to twenty ("three" -> 3); 100 for the larger ones."""
    low = word.lower()
    return _NUMBER_WORDS.index(low) if low in _NUMBER_WORDS else 0 if low in {"hundred", "thousand"} else 100


def _clause_around(line: Line, gap: Gap) -> tuple[int, int]:
    """The sentence, or when it is long, the part of it between semicolons (or colons) that holds the gap."""
    text = line.text
    end = len(text.rstrip())
    if len(text.split()) <= MAX_WORDS:
        return 0, end
    cuts = [0] + [m.end() for m in re.finditer(r"[;:]\s+", text)] + [end + 2]
    for a, b in zip(cuts, cuts[1:]):
        if a <= gap.start < b:
            stop = b - 2 if b <= end else end
            if len(text[a:stop].split()) >= 7:
                return a, stop
    return 0, end
