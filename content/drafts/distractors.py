"""Wrong options of the same kind as the answer, taken from the material: years near the right one, other
people (of the same role first), other places, other terms; of similar length, none in the answer's own
sentence, in a stable order.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable

from content.drafts.reading import NATIONALITY, ORG_WORDS, ROLES, Line, Person, Reading
from content.matching import normalize
from content.questions.choice import LONGER_CHARS, LONGER_RATIO, hedges_in

WRONG = 3
_CUT = re.compile(r"\s[A-Z]\.?$|\b(?:No|St|Mr|Mrs|Dr|Jr|Sr|Mt)\.?$")


def _stable(key: str) -> int:
    return zlib.crc32(key.encode("utf-8"))


def pick(answer: str, pool: Iterable[str], line: Line | None, count: int = WRONG,
         avoid: Iterable[str] = ()) -> list[str]:
    """Up to `count` options from the pool (best first) that are not the answer, not in its sentence, not
    each other, and that leave the right option no longer nor more hedged than the wrong ones."""
    taken: list[str] = []
    seen = {normalize(answer), *(normalize(a) for a in avoid)}
    own = f" {normalize(line.text)} " if line is not None else ""
    for option in pool:
        key = normalize(option)
        if not key or key in seen or f" {key} " in own or _contains(key, seen) or _CUT.search(option):
            continue  # (a name cut at an initial, "John D", is no option)
        if not 0.4 <= (len(option) + 4) / (len(answer) + 4) <= 2.5:
            continue
        if hedges_in(option) and not hedges_in(answer):
            continue
        seen.add(key)
        taken.append(option)
        if len(taken) == count:
            break
    if taken and _stands_out(answer, taken):
        return []
    return taken


def _contains(key: str, seen: set[str]) -> bool:
    """Whether an option is part of another (or another of it): "Hall" beside "Charles Martin Hall"."""
    return any(f" {key} " in f" {s} " or f" {s} " in f" {key} " for s in seen if s)


def _stands_out(answer: str, wrong: list[str]) -> bool:
    longest = max(len(normalize(w)) for w in wrong)
    size = len(normalize(answer))
    return (size >= LONGER_RATIO * longest and size - longest >= LONGER_CHARS) or (
        bool(hedges_in(answer)) and not any(hedges_in(w) for w in wrong))


def years(reading: Reading, year: str, line: Line | None) -> list[str]:
    """Other years of the text, the nearest first, taken from before and after the right one in turn."""
    y = int(year)
    others = [v for v in reading.all_years if v != y and abs(v - y) <= 80]
    before = sorted((v for v in others if v < y), key=lambda v: y - v)
    after = sorted((v for v in others if v > y), key=lambda v: v - y)
    mixed = []
    for k in range(max(len(before), len(after))):
        for side in ((after, before) if _stable(year) % 2 else (before, after)):
            if k < len(side):
                mixed.append(str(side[k]))
    return pick(year, mixed, line)


def people(reading: Reading, person: Person, line: Line | None) -> list[str]:
    """Other people of the text: those of the same role first ("chemist" for a chemist)."""
    noun = person.role.split()[-1].rstrip("s") if person.role else ""

    at = line.index if line is not None else person.sentence

    def rank(p: Person) -> tuple[int, int]:
        # The same role first ("chemist"), then the people the text speaks of nearest the answer's sentence.
        same = bool(noun) and p.role.split()[-1:] and p.role.split()[-1].rstrip("s") == noun
        return (0 if same else 1, abs(p.sentence - at) // 10 if not same else _stable(person.name + p.name))

    # Only people the text shows as people: a role, or a full name ("Foster", "Ratti's" from case names are not).
    pool = sorted((p for p in reading.persons.values() if p.name != person.name and p.surname != person.surname
                   and (p.role.split()[-1:] and p.role.split()[-1].lower() in ROLES or len(p.name.split()) >= 2)
                   and not p.name.endswith(("'s", "’s"))), key=rank)
    return pick(person.name, [p.name for p in pool], line, avoid=[person.surname])


def places(reading: Reading, place: str, line: Line | None) -> list[str]:
    # Places by their own name: not "Catholic Europe", "Spanish America" (a people's adjective before a place).
    # Water among water, land among land: "Bay of Bengal" is no option for where floods killed 400 (round 6).
    water = is_water(place)
    pool = sorted((p for p in reading.places if not (len(p.split()) > 1 and NATIONALITY.match(p.split()[0]))
                   and is_water(p) == water), key=lambda p: _stable(place + p))
    return pick(place, pool, line)


_WATER = re.compile(r"\b(?:Sea|Ocean|Bay|Gulf|Strait|Straits|River|Lake|Channel|Sound)\b")


def is_water(place: str) -> bool:
    return _WATER.search(place) is not None


_BODIES = frozenset({"Foundation", "Association", "Conference", "League", "Network", "Exchange", "Confederation",
                     "Community", "Fund", "Watch", "Institute", "Bureau", "Authority", "Mission", "Agency"})


def is_body(name: str) -> bool:
    """Whether a name is of an organisation (a council, a league, a party), by its words."""
    return any(w in ORG_WORDS or w in _BODIES for w in name.split())


def others(answer: str, pool: Iterable[str], line: Line | None, count: int = WRONG) -> list[str]:
    """Options from a pool of the same kind (other acronyms' meanings, other lists' items), in a stable order."""
    return pick(answer, sorted(set(pool), key=lambda p: _stable(answer + p)), line, count)
