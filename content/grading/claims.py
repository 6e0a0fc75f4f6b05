"""What else a response says around the answer it gives, and whether a teacher would still sign it.

Words around the answer are fine when they describe it ("the town of Moura", "President Compaoré",
"147 seats", "Kidal, in the far north"). They are not when they take it back ("not Fulani"), hedge
("Jeddah or Cairo"), add a second answer ("France and Russia", "Kidal, Gao"), or turn the answer's name
into another one ("Modibo Keita", "Islamic State").
"""

from __future__ import annotations

from collections.abc import Sequence

from content.grading.forms import Form, Found, is_figure, same_word
from content.grading.known import Known, Name
from content.grading.reading import POSSESSIVE, Reading
from content.text.lexicon import STOPWORDS
from content.text.names import NAME_JOINERS, NAME_PARTS_NOT_NAMES, TITLES

NEGATIONS = frozenset({"not", "no", "never", "neither", "nor", "non", "none", "nobody", "nothing", "nowhere",
                       "isnt", "wasnt", "arent", "werent", "dont", "doesnt", "didnt", "cannot", "cant",
                       "wont", "hasnt", "havent", "hadnt", "neednt"})
# Words that join a second answer to the first: "or" offers a choice, "and" adds a claim.
CHOICE = frozenset({"or", "either", "nor", "whether"})
ADDITION = frozenset({"and", "plus", "also"})
CONTRAST = frozenset({"but", "instead", "rather"})
PREPOSITIONS = frozenset({"of", "for", "in", "on", "at", "by", "with", "from", "to", "into", "against", "over",
                          "under", "between", "among", "during", "after", "before", "about", "around", "near",
                          "since", "until", "through", "toward", "towards", "within", "without", "including"})
_ANSWER = "\0"  # where the answer stands among a clause's words
# How much a reply may say around its answer before it is an essay rather than an answer.
MOST_WORDS_AROUND = 8


def refusal(reading: Reading, found: Found, forms: Sequence[Form], person: Name | None, known: Known) -> str | None:
    """Why a teacher would refuse the response although it gives the answer in `found`; None if not."""
    words, clauses = reading.words, reading.clauses
    around = [i for i in range(len(words)) if not found.start <= i < found.end]
    own = {w for f in forms for w in f.words} | set(person or ())
    if any(words[i] in NEGATIONS and words[i] not in own and _negates_the_answer(reading, i, found, forms, known)
           for i in around):
        return "it takes the answer back"
    if sum(words[i] not in STOPWORDS for i in around) > MOST_WORDS_AROUND:
        return "it says too much besides the answer"
    here = clauses[found.start]
    why = _other_conjuncts(reading, found, forms, own, known)
    if why:
        return why
    for n in sorted(set(clauses) - {clauses[i] for i in range(found.start, found.end)}):
        why = _apposition(reading.clause(n), reading, found, forms, own, known)
        if why:
            return why
    return _neighbours(reading, found, forms, person, own, known, here)


def _negates_the_answer(reading: Reading, at: int, found: Found, forms: Sequence[Form], known: Known) -> bool:
    """Whether the negation at `at` takes back the answer: in its clause ("not Fulani", "Castilia didn't"),
    unless a "but" comes between ("not Cairo but Jeddah"); a clause of its own negates what it says
    ("Jeddah, not Cairo" rules Cairo out)."""
    clauses = reading.clauses
    if clauses[at] == clauses[found.start]:
        return not any(reading.words[i] in CONTRAST for i in range(at + 1, found.start))
    return _says_a_form([w for w in reading.clause(clauses[at]) if w not in NEGATIONS], forms, known)


def _says_a_form(phrase: Sequence[str], forms: Sequence[Form], known: Known) -> bool:
    """Whether the phrase is one of the forms, function words aside ("the Peuhl")."""
    said = [w for w in phrase if w not in STOPWORDS]
    for f in forms:
        form = [w for w in f.words if w not in STOPWORDS]
        if len(said) == len(form) and all(same_word(a, b, known) for a, b in zip(said, form)):
            return True
    return False


def _names_something(phrase: Sequence[str], own: set[str], known: Known) -> bool:
    """Whether a phrase names something besides the answer: a name, a word no text uses, a figure."""
    return any(w not in own and not _describes(w, known) for w in phrase)


def _describes(word: str, known: Known) -> bool:
    """Words that describe rather than name: function words, titles, the prose's lower-case words."""
    if word in STOPWORDS or word in TITLES or word == POSSESSIVE:
        return True
    if is_figure(word) or word in known.name_words:
        return False
    return word in known.common or known.canonical(word) in known.common


def _other_conjuncts(reading: Reading, found: Found, forms: Sequence[Form], own: set[str],
                     known: Known) -> str | None:
    """The parts joined to the answer's part of its clause by "and" or "or": a second answer, or a hedge.

    "France and Russia" adds a second answer; "impunity for violations and abuses" does not: there the
    "and" stands inside what follows a preposition, describing the answer.
    """
    here = reading.clauses[found.start]
    parts: list[tuple[str, list[str]]] = [("", [])]
    for i, c in enumerate(reading.clauses):
        w = reading.words[i]
        if c != here:
            continue
        if (w in CHOICE or w in ADDITION) and not found.start <= i < found.end:
            parts.append((w, []))
        else:
            parts[-1][1].append(_ANSWER if found.start <= i < found.end else w)
    answer = next(n for n, (_, phrase) in enumerate(parts) if _ANSWER in phrase)
    own_part = parts[answer][1]
    first, last = own_part.index(_ANSWER), len(own_part) - own_part[::-1].index(_ANSWER)
    for n, (joiner, phrase) in enumerate(parts):
        if n == answer or not phrase or _says_a_form(phrase, forms, known):
            continue
        joined_by = {joiner, parts[n + 1][0] if n + 1 < len(parts) else ""}
        if joined_by & CHOICE and any(w not in STOPWORDS for w in phrase):
            return "it hedges between two answers"
        facing = own_part[last:] if n > answer else own_part[:first]
        if any(w in PREPOSITIONS for w in facing):
            if _names_something(phrase, own, known):
                return "it adds a second answer"
        elif any(w not in STOPWORDS and w not in own for w in phrase):
            return "it adds a second answer"
    return None


def _apposition(phrase: tuple[str, ...], reading: Reading, found: Found, forms: Sequence[Form], own: set[str],
                known: Known) -> str | None:
    """A clause set apart by commas or brackets: fine when it describes, not when it names a second answer.

    It describes when it opens with a function word, a title or a word of prose ("in the far north",
    "the group's leader", "president of Burkina Faso"), when its last word, its head, is a word of
    prose ("Mopti region", "Mali's president"), or when it is the country the material puts the
    answer in ("Bamako, Mali"). A bare other name is a second answer ("Kidal, Gao").
    """
    if not phrase or _says_a_form(phrase, forms, known):
        return None
    first, last = phrase[0], phrase[-1]
    if len(phrase) == 1 and any(len(f.words) > 1 and first == _initials(f.words) for f in forms):
        return None  # the answer's acronym beside it: "Alliance for Democracy and Change (ADC)"
    if first in CHOICE:
        return "it hedges between two answers"
    if first in ADDITION:
        return "it adds a second answer" if any(w not in STOPWORDS and w not in own for w in phrase) else None
    if is_figure(first):
        return "it gives a second figure" if found.form.figures else None  # "Moura, March 2022" is a time
    if _describes(first, known) or _describes(last, known) and not is_figure(last):
        return None
    if (phrase in known.countries or tuple(known.canonical(w) for w in phrase) in known.countries) \
            and known.together(reading.words[found.start:found.end], phrase):
        return None
    if not _names_something(phrase, own, known):
        return None
    return "it names a second answer"


def _initials(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w not in NAME_JOINERS and w not in NAME_PARTS_NOT_NAMES)


def _neighbours(reading: Reading, found: Found, forms: Sequence[Form], person: Name | None, own: set[str],
                known: Known, here: int) -> str | None:
    """Words right beside the answer that make its name another's ("Modibo Keita", "Islamic State")."""
    words, clauses = reading.words, reading.clauses
    start, end = found.start, found.end
    before = words[start - 1] if start > 0 and clauses[start - 1] == here else None
    after = words[end] if end < len(words) and clauses[end] == here else None
    if found.form.figures and any(w is not None and is_figure(w) for w in (before, after)):
        return "it gives a second figure"
    # An acronym run on into another word is another acronym's name: "MAA-PF" is not the MAA.
    if after is not None and found.form.codes and found.form.words[-1] in found.form.codes \
            and not _describes(after, known) and after not in own:
        return "it names another entity"
    # The word before a person's name, particles aside: "Mahmoud" in "Mahmoud Ag Ghali".
    given = next((words[i] for i in range(start - 1, -1, -1)
                  if clauses[i] == here and words[i] not in NAME_PARTS_NOT_NAMES), None)
    if person is not None and given is not None and given not in person and given not in own \
            and (given in known.given or not (_describes(given, known) or given in known.name_words)):
        return "it names another person"
    if person is not None and found.end - found.start < len(person):
        said = {w for w in words[start:end]}
        for other in known.people.get(person[-1], ()):
            if not set(other) <= own | set(person) and said <= set(other):
                return "it could name either of two people"
    first = min(i for i, c in enumerate(clauses) if c == here)
    last = max(i for i, c in enumerate(clauses) if c == here) + 1
    # The answer run on into a longer name is that other name ("Islamic State", "Imghad Tuareg"); a
    # name the answer stands in after a preposition or a title is not ("the Malian Consulate in Jeddah").
    phrases = [words[start - size:end] for size in (1, 2, 3)
               if start - size >= first and words[start - 1] not in STOPWORDS | TITLES]
    phrases += [words[start:end + size] for size in (1, 2, 3)
                if end + size <= last and words[end] not in STOPWORDS | TITLES]
    for phrase in phrases:
        if tuple(phrase) in known.names and not _says_a_form(phrase, forms, known) \
                and not (person is not None and set(phrase) <= set(person) | own):
            return "it names another entity"
    return None
