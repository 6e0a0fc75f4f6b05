"""English verb forms, for turning a sentence's verb into a question's: "synthesized" -> "synthesize"
("In what year did X synthesize ...?"), "wrote" -> "written" ("... was written by X").

Regular forms follow spelling rules; the irregular ones are listed. `None` means "not sure": the caller
then leaves the sentence to another kind of question rather than ask in broken English.
"""

from __future__ import annotations

import re

# base, past, past participle
_IRREGULAR = """
arise arose arisen; be was been; bear bore borne; beat beat beaten; become became become; begin began begun;
bend bent bent; bind bound bound; bite bit bitten; blow blew blown; break broke broken; bring brought brought;
build built built; burn burnt burnt; buy bought bought; cast cast cast; catch caught caught; choose chose chosen;
come came come; cost cost cost; cut cut cut; deal dealt dealt; dig dug dug; do did done; draw drew drawn;
drink drank drunk; drive drove driven; eat ate eaten; fall fell fallen; feed fed fed; feel felt felt;
fight fought fought; find found found; flee fled fled; fly flew flown; forbid forbade forbidden;
forget forgot forgotten; freeze froze frozen; get got got; give gave given; go went gone; grow grew grown;
hang hung hung; have had had; hear heard heard; hide hid hidden; hit hit hit; hold held held; hurt hurt hurt;
keep kept kept; know knew known; lay laid laid; lead led led; leave left left; lend lent lent; let let let;
lie lay lain; light lit lit; lose lost lost; make made made; mean meant meant; meet met met; pay paid paid;
put put put; quit quit quit; read read read; ride rode ridden; ring rang rung; rise rose risen; run ran run;
say said said; see saw seen; seek sought sought; sell sold sold; send sent sent; set set set; shake shook shaken;
shine shone shone; shoot shot shot; show showed shown; shut shut shut; sing sang sung; sink sank sunk; sit sat sat;
sleep slept slept; slide slid slid; speak spoke spoken; spend spent spent; spread spread spread; stand stood stood;
steal stole stolen; stick stuck stuck; strike struck struck; swear swore sworn; sweep swept swept; swim swam swum;
take took taken; teach taught taught; tear tore torn; tell told told; think thought thought; throw threw thrown;
understand understood understood; undertake undertook undertaken; wake woke woken; wear wore worn; win won won;
withdraw withdrew withdrawn; write wrote written; overcome overcame overcome; uphold upheld upheld;
oversee oversaw overseen; foresee foresaw foreseen; undergo underwent undergone; mislead misled misled;
outnumber outnumbered outnumbered
"""
_TABLE = [tuple(row.split()) for row in _IRREGULAR.replace("\n", " ").split(";") if row.strip()]
BASE_OF_PAST: dict[str, str] = {past: base for base, past, _ in _TABLE}
PARTICIPLE_OF_PAST: dict[str, str] = {past: part for _, past, part in _TABLE}
BASE_OF_PARTICIPLE: dict[str, str] = {part: base for base, _, part in _TABLE}
PAST_OF_PARTICIPLE: dict[str, str] = {part: past for _, past, part in _TABLE}

# Words ending in -ed that are no verbs, or whose base the rules below get wrong.
_NOT_VERBS = frozenset({"red", "bed", "hundred", "seed", "need", "speed", "shed", "sled", "bred", "fled", "led",
                        "fed", "wed", "sacred", "naked", "kindred", "wicked", "rugged", "ragged", "beloved", "aged",
                        "jagged", "learned", "crooked", "wretched", "ashamed", "indeed", "united", "limited",
                        "advanced", "armed", "skilled", "based", "related", "detailed", "varied", "mixed",
                        "interested", "concerned", "experienced", "supposed", "used", "so-called", "talented"})
_BASE_EXCEPTIONS = {"focused": "focus", "biased": "bias", "developed": "develop", "enveloped": "envelop",
                    "galloped": "gallop", "added": "add", "completed": "complete", "competed": "compete",
                    "deleted": "delete", "depleted": "deplete", "tasted": "taste", "wasted": "waste",
                    "pasted": "paste", "united": "unite", "invited": "invite", "cited": "cite", "recited": "recite",
                    "ignited": "ignite", "excited": "excite", "incited": "incite", "controlled": "control",
                    "patrolled": "patrol", "enrolled": "enrol", "compelled": "compel", "expelled": "expel",
                    "propelled": "propel", "repelled": "repel", "dispelled": "dispel", "rebelled": "rebel",
                    "excelled": "excel", "cancelled": "cancel", "travelled": "travel", "labelled": "label",
                    "modelled": "model", "signalled": "signal", "fuelled": "fuel", "quarrelled": "quarrel",
                    "equalled": "equal", "totalled": "total", "channelled": "channel", "levelled": "level",
                    "marvelled": "marvel", "panicked": "panic", "trafficked": "traffic", "mimicked": "mimic",
                    "created": "create", "intervened": "intervene", "convened": "convene", "bathed": "bathe", "breathed": "breathe", "loathed": "loathe", "clothed": "clothe"}
_VOWELS = "aeiou"


def is_past(word: str) -> bool:
    """Whether a lower-case word reads as a simple past (or past participle)."""
    if word in BASE_OF_PAST or word in BASE_OF_PARTICIPLE:
        return True
    return word.endswith("ed") and len(word) > 4 and word not in _NOT_VERBS and word.isalpha()


def base_of(past: str) -> str | None:
    """The base form of a past-tense verb ("synthesized" -> "synthesize"), or None when unsure."""
    word = past.lower()
    if word in BASE_OF_PAST:
        return BASE_OF_PAST[word]
    if word in _BASE_EXCEPTIONS:
        return _BASE_EXCEPTIONS[word]
    if not is_past(word):
        return None
    if word.endswith("ied"):
        return word[:-3] + "y"
    if word.endswith("eed"):
        return word[:-1]
    stem = word[:-2]
    if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] in "bgmnprt":
        return stem[:-1]  # stopped, planned, committed, occurred
    if len(stem) >= 3 and stem[-1] == stem[-2]:
        return stem  # killed, passed, buzzed
    return stem + "e" if _takes_e(stem) else stem


def _takes_e(stem: str) -> bool:
    """Whether the base form ends in a silent e that -ed swallowed (announc-ed, combin-ed)."""
    last, before = stem[-1], stem[-2] if len(stem) > 1 else ""
    pair = before in _VOWELS and len(stem) > 2 and stem[-3] in _VOWELS  # "ai", "ea", "oi": gained, reached
    if last in "vu" or stem.endswith(("iz", "yz", "dg")):
        return True
    if last == "c":
        return True
    if last == "g":
        return not stem.endswith(("ong", "ing")) and not pair
    if last == "s":
        return not stem.endswith("ss") and not pair or stem.endswith(("eas", "ais", "ois", "aus", "ous"))
    if last == "z":
        return not pair or stem.endswith("eiz")
    if pair:
        return False
    if last == "l":
        return before in "bcdfgkptz" or (before in "iuo" and len(stem) > 2 and stem[-3] not in _VOWELS)
    if last == "t":
        return stem.endswith(("at", "ut", "ot")) and before in _VOWELS and len(stem) > 2 and stem[-3] not in _VOWELS
    if last == "r":
        if stem.endswith("er"):
            return False
        if stem.endswith("or"):
            return stem.endswith(("stor", "scor", "plor", "gnor", "hor")) and not stem.endswith("thor")
        return before in _VOWELS
    if last == "n":
        if stem.endswith("en"):
            return False
        if stem.endswith("on"):
            return len(stem) < 6
        return before in _VOWELS
    if last in "mkbdp":
        return before in _VOWELS and len(stem) > 2 and stem[-3] not in _VOWELS
    return False


def participle_of(past: str) -> str | None:
    """The past participle for a simple past ("wrote" -> "written", "announced" -> "announced")."""
    word = past.lower()
    if word in PARTICIPLE_OF_PAST:
        return PARTICIPLE_OF_PAST[word]
    if word in BASE_OF_PARTICIPLE:
        return word
    return word if base_of(word) else None


def past_of_participle(participle: str) -> str | None:
    """The simple past for a participle after was/were ("written" -> "wrote")."""
    word = participle.lower()
    if word in PAST_OF_PARTICIPLE:
        return PAST_OF_PARTICIPLE[word]
    return word if base_of(word) else None


_THIRD_PERSON = re.compile(r"^[a-z]+(?:s)$")


def base_of_present(word: str) -> str | None:
    """The base form of a third-person present verb ("reaches" -> "reach", "carries" -> "carry")."""
    word = word.lower()
    if word in {"is", "has", "does", "was"} or not _THIRD_PERSON.match(word) or word.endswith(("ss", "us", "is")):
        return None
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes", "zes", "oes")):
        return word[:-2]
    return word[:-1]
