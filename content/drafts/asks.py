"""Questions asked of the facts a sentence states, worded by rules: who did it, in what year, where, how many,
what an acronym stands for, what else a thing is called. Each is then drafted as a typed answer, a choice
among options or a number (see `short`, `choice`, `numeric`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from content.drafts.clauses import Clause, clauses, lower_first, possessive_start
from content.drafts.common import Context, gives_away, sentence_case
from content.drafts.reading import LEANING, ROLES, Line, Person, Reading
from content.drafts.terms import Term
from content.text.lexicon import STOPWORDS

WHO, WHEN, WHERE, HOW_MANY, STAND_FOR, OTHER_NAME, CALLED = (
    "who", "when", "where", "how many", "stand for", "other name", "called")
WORTH = {WHO: 3.2, WHEN: 2.6, WHERE: 2.6, HOW_MANY: 2.8, STAND_FOR: 3.4, OTHER_NAME: 2.6, CALLED: 3.3}
_HEDGED = re.compile(r"^(?:about|around|approximately|roughly|some|nearly|almost)\s+", re.IGNORECASE)
_UNHEDGED = re.compile(r"^(?:more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to|over|under|only)\s+",
                       re.IGNORECASE)
_NUMBER_WORDS = {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                            "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty"
                                            .split())}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                      "ninety": 90, "hundred": 100, "dozen": 12})


@dataclass(frozen=True)
class Ask:
    kind: str
    prompt: str
    answer: str
    accept: tuple[str, ...]
    line: Line
    quote: str  # verbatim
    worth: float
    person: Person | None = None
    value: float | None = None  # the number, for "when" and "how many"
    hedged: bool = False
    pool: tuple[str, ...] = ()  # wrong options of the same kind, when the kind has its own


def asks(ctx: Context, terms: list[Term]) -> Iterator[Ask]:
    reading = ctx.reading
    yield from _term_asks(terms)
    for line in reading.lines:
        for clause in clauses(reading, line):
            for ask in (_who(reading, clause), _when(reading, clause), _where(reading, clause),
                        _how_many_object(reading, clause)):
                if ask and not gives_away(ask.prompt, [ask.answer, *ask.accept]) and not ctx.copies.copied(ask.prompt):
                    yield ask
        ask = _how_many_subject(reading, line)
        if ask and not ctx.copies.copied(ask.prompt):
            yield ask


def _term_asks(terms: list[Term]) -> Iterator[Ask]:
    meanings = {t.kind: [] for t in terms}  # type: dict[str, list[str]]
    for t in terms:
        meanings[t.kind].append(t.meaning)
    for t in terms:
        pool = tuple(m for m in meanings[t.kind] if m != t.meaning)
        if t.kind == "acronym":
            yield Ask(STAND_FOR, f"What does {t.term} stand for?", t.meaning, t.accept, t.line, t.quote,
                      WORTH[STAND_FOR], pool=pool)
        # No "What other name does the text give for X?": blind raters found every one unusable (it points at
        # the text, and asks a second name, not what the thing is); an alias is still blanked as a cloze.
        elif t.kind == "called":
            prompt = _called_prompt(t)
            if prompt:
                yield Ask(CALLED, prompt, t.meaning, t.accept, t.line, t.quote, WORTH[CALLED], pool=pool)


# Verbs a sentence's opening words hold when "called" names their object, not them.
_CLAUSE_VERBS = frozenset("""carry carries contain contains have has hold holds produce produces make makes use uses
form forms include includes release releases secrete secretes bear bears develop develops need needs""".split())


def _called_prompt(t: Term) -> str | None:
    """"What was the dense rock below the crust called?"; None when the phrase says too little to tell the
    thing apart without the text ("What were the large pieces called?", "the wasteful process")."""
    content = [w for w in t.term.split() if w.lower().strip(",.") not in STOPWORDS and not _NUMBER_WORD.match(w)]
    if len(content) < 3 and not any(w[0].isupper() for w in t.term.split()[1:]):
        return None
    words = t.term.split()
    if t.line.text.startswith(t.term) and any(w in _CLAUSE_VERBS for w in words[1:-1]):
        return None  # "The tentacles carry stinging cells [called nematocysts]": a clause, not a noun phrase
    np = re.sub(r"^(?:a|an)\s+", "the ", t.term)
    if np.split()[0].lower() not in {"the", "these", "their", "this"} and not np[0].isupper():
        np = "the " + np
    head = (np.split()[np.split().index("of") - 1] if "of" in np.split()[1:] else np.split()[-1]).lower()
    plural = " and " in np or head.endswith("s") and not head.endswith(("ss", "us", "is"))
    verb = t.verb.split()
    if verb[0] in {"is", "are", "was", "were"}:
        aux, rest = verb[0], " ".join(verb[1:])
    else:
        past = bool(re.search(r"\b\w+ed\b|\bwas\b|\bwere\b", t.line.text))
        aux = ("were" if plural else "was") if past else ("are" if plural else "is")
        rest = " ".join(verb)
    tail = f" {t.tail}" if t.tail else ""
    if rest.endswith("as"):
        return f"What {aux} {np} {rest[:-3]} as{tail}?".replace("  ", " ")
    return f"What {aux} {np} {rest}{tail}?"


def subject_in_question(reading: Reading, clause: Clause) -> str | None:
    """The clause's subject as a question says it: a person by name, a phrase in lower case."""
    if clause.person and not clause.passive:
        return clause.person.name
    words = clause.subject.split()
    if not words or words[0].lower() in LEANING or possessive_start(clause.subject):
        return None
    subject = lower_first(clause.subject, reading)
    first = subject.split()[0]
    if first.islower() and first not in STOPWORDS and not first.endswith("s") and not first[0].isdigit():
        subject = "the " + subject  # "Discovery of this metal was announced" -> "the discovery of ..."
    return subject


_NUMBER_WORD = re.compile(r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+)$", re.IGNORECASE)
_VAGUE_ENDS = frozenset({"more", "less", "both", "all", "home", "much", "many", "most", "again", "too", "well",
                         "back", "out", "up", "down", "off", "first", "second", "ninth", "damage", "attention"})


def says_enough_of(phrase: str) -> bool:
    """Whether a noun phrase names its thing: two words of content or a name ("a bridge" does not)."""
    words = phrase.split()
    content = [w for w in words if w.lower().strip(",.") not in STOPWORDS]
    return len(content) >= 2 or any(w[0].isupper() for w in words[1:])


def says_enough(clause: Clause) -> bool:
    """Whether what a clause says was done holds two words of content ("publish his findings", not "produce
    more", "suffer damage", "surface stating")."""
    words = [w for w in f"{clause.object} {clause.tail}".split() if w.lower().strip(",.") not in STOPWORDS]
    last = (clause.object or clause.tail).split()[-1].lower() if (clause.object or clause.tail) else ""
    named = any(w[0].isupper() for w in words)  # "visited Ørsted": a name is enough
    return (len(words) >= 2 or named) and last not in _VAGUE_ENDS and not last.endswith("ing")


def _who(reading: Reading, clause: Clause) -> Ask | None:
    person = clause.person
    if person is None or clause.year is None and clause.line.years:
        return None  # "produced aluminium [from 1860 to 1874]": without its dates the question is too wide
    if clause.passive:
        if clause.agent is None:
            return None
        verb = clause.past()
        subject = subject_in_question(reading, clause)
        if not verb or not subject or subject.lower() == person.name.lower():
            return None
        predicate = " ".join(p for p in (verb, subject, clause.object, clause.tail) if p)
    else:
        if not clause.object and not clause.tail or not says_enough(clause):
            return None
        if not clause.object and not any(w[0].isupper() for w in clause.tail.split()[1:]):
            return None  # "Who worked for 10 years?": what is done to nothing fits too many people
        predicate = clause.predicate()
    when = f" {clause.when}" if clause.when else ""
    role = person.role
    if role and role[0].isupper() and " " not in role:
        role = role.lower()  # "Pope" -> "Which pope ..."
    # "Which German chemist", "Which pope"; a title that is no role ("Ms", "Sir") makes it "Who".
    opener = f"Which {role}" if role and role.split()[-1].lower() in ROLES else "Who"
    prompt = f"{opener} {predicate}{when}?"
    accept = (person.surname,) if person.surname != person.name else ()
    return Ask(WHO, prompt, person.name, accept, clause.line, clause.quote, WORTH[WHO], person=person)


def _when(reading: Reading, clause: Clause) -> Ask | None:
    if clause.year is None:
        return None
    subject = subject_in_question(reading, clause)
    if subject is None:
        return None
    if clause.passive:
        if not clause.object and not clause.tail and not clause.agent:
            return None  # "In what year were visitors presented?": presented with what
        aux = "were" if clause.plural else "was"
        agent = f" by {clause.agent}" if clause.agent else ""
        rest = " ".join(p for p in (clause.verb, clause.object, clause.tail) if p)
        prompt = f"In what year {aux} {subject} {rest}{agent}?"
    else:
        base = clause.base()
        if base is None or (not clause.object and not clause.tail):
            return None
        if re.match(r"(?:a|an)\s", subject):
            return None  # "In what year did a fuel make by heating coal?" (round 8): "a fuel" is no doer
        rest = " ".join(p for p in (base, clause.object, clause.tail) if p)
        prompt = f"In what year did {subject} {rest}?"
    if clause.year in clause.tail or clause.year in clause.object or not says_enough(clause):
        return None
    if re.search(rf",\s+(?:which|who|that|when)\b[^,;]*\b{re.escape(clause.year)}\b", clause.line.text):
        return None  # "Tull promoted a seed drill, which he developed around 1701" (round 8): the year is the drill's
    return Ask(WHEN, prompt, clause.year, (), clause.line, clause.quote, WORTH[WHEN], person=clause.person,
               value=float(clause.year))


def _where(reading: Reading, clause: Clause) -> Ask | None:
    m = re.match(r"(?:in|at)\s+(?:the\s+)?(.+)$", clause.tail)
    if not m or m.group(1) not in reading.places or clause.passive:
        return None
    subject = subject_in_question(reading, clause)
    base = clause.base()
    if not subject or not base or not clause.object:
        return None
    prompt = f"Where did {subject} {base} {clause.object}{' in ' + clause.year if clause.year else ''}?"
    return Ask(WHERE, prompt, m.group(1), (), clause.line, clause.quote, WORTH[WHERE], person=clause.person)


def count_value(text: str) -> tuple[float, str, bool] | None:
    """The number a count gives, the words after it, and whether it is hedged ("about 300 men")."""
    hedged = bool(_HEDGED.match(text))
    if _UNHEDGED.match(text):
        return None
    text = _HEDGED.sub("", text)
    m = re.match(r"(\d+(?:,\d{3})*(?:\.\d+)?|[A-Za-z]+)\s+(.+)$", text)
    if not m:
        return None
    number, unit = m.group(1), m.group(2)
    if number[0].isdigit():
        value = float(number.replace(",", ""))
    elif number.lower() in _NUMBER_WORDS:
        value = float(_NUMBER_WORDS[number.lower()])
    else:
        return None
    if re.match(r"(?:million|billion|thousand|hundred|percent|per\s+cent|%)", unit) or not unit[0].islower():
        return None
    return value, unit, hedged


def _how_many_object(reading: Reading, clause: Clause) -> Ask | None:
    if clause.passive or not clause.object:
        return None
    count = next((c for c in clause.line.counts if clause.line.text.find(clause.object) == c.start
                  or clause.object.startswith(c.text)), None)
    if count is None:
        return None
    parsed = count_value(count.text)
    subject = subject_in_question(reading, clause)
    base = clause.base()
    if not parsed or not subject or not base:
        return None
    value, unit, hedged = parsed
    rest = clause.object[len(count.text):].strip()
    extra = " ".join(p for p in (rest, clause.tail) if p)
    lead = "About how many" if hedged else "How many"
    prompt = f"{lead} {unit} did {subject} {base}{' ' + extra if extra else ''}?"
    return Ask(HOW_MANY, prompt, count.text, (), clause.line, clause.quote, WORTH[HOW_MANY], value=value,
               hedged=hedged)


def _how_many_subject(reading: Reading, line: Line) -> Ask | None:
    """"Twelve small ingots of aluminium were later exhibited ..." -> "How many small ingots of aluminium
    were exhibited ...?"."""
    if not line.usable or not line.counts or line.counts[0].start > 0:
        return None
    count = line.counts[0]
    parsed = count_value(count.text)
    if not parsed:
        return None
    value, unit, hedged = parsed
    rest = line.text[count.end:]
    m = re.match(r"((?:\s+(?:of|[a-z][\w-]*)){0,4}?)\s+((?:were|was|have|had|are|is)\s+(?:\w+ly\s+)?[a-z]+ed|[a-z]+ed)\b"
                 r"([^,;:()]*)", rest)
    if not m:
        return None
    words = m.group(3).split()
    if len(words) > 6:
        cut = next((k for k in range(3, len(words)) if words[k].lower() in {"to", "for", "at", "in", "into", "by",
                                                                              "with", "from", "and", "on"}), None)
        if cut is None or cut > 7:
            return None
        words = words[:cut]
    verb = re.sub(r"\s+\w+ly\s+", " ", m.group(2))
    predicate = " ".join([verb, *words])
    lead = "About how many" if hedged else "How many"
    prompt = f"{lead} {unit}{m.group(1)} {predicate.rstrip('.')}?"  # not "... under the system.?" (round 8)
    quote = line.text[:count.end + m.end()].strip(" ,;:")
    return Ask(HOW_MANY, sentence_case(prompt), count.text, (), line, quote, WORTH[HOW_MANY], value=value,
               hedged=hedged)
