"""A hand-kept thesaurus of general English: words a learner may use for the words a text uses.

The groups live in thesaurus.tsv beside this file, kept as data so that they can grow without code.
Groups are near-synonyms in the register of news and history writing, in any inflected form (they are
stemmed where they are used). A question's word is searched together with the other words of its groups,
at a lower weight than the word itself, so a loose group costs a little ranking noise, never a lost match.
Phrasal verbs are rewritten to one word first, since their particles ("up", "back") are stopwords.
"""

from __future__ import annotations

import re
from pathlib import Path


def _read_groups(path: Path) -> tuple[tuple[str, ...], ...]:
    """The groups of a thesaurus file: one group a line, words separated by tabs, '#' lines for comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(tuple(w.strip() for w in line.split("\t") if w.strip())
                 for line in lines if line.strip() and not line.lstrip().startswith("#"))


GROUPS: tuple[tuple[str, ...], ...] = _read_groups(Path(__file__).with_name("thesaurus.tsv"))

# Irregular forms of verbs -> their base form, so that "brought" finds "bring" (stemming cannot).
IRREGULAR: dict[str, str] = {
    form: base for base, forms in {
        "bring": "brought", "take": "took taken", "fight": "fought", "hold": "held", "begin": "began begun",
        "send": "sent", "make": "made", "give": "gave given", "get": "got gotten", "go": "went gone",
        "come": "came", "strike": "struck stricken", "see": "saw seen", "tell": "told", "say": "said",
        "pay": "paid", "think": "thought", "catch": "caught", "seek": "sought", "meet": "met", "run": "ran",
        "win": "won", "lose": "lost", "keep": "kept", "speak": "spoke spoken", "write": "wrote written",
        "choose": "chose chosen", "fall": "fell fallen", "grow": "grew grown", "know": "knew known",
        "rise": "rose risen", "drive": "drove driven", "break": "broke broken", "stand": "stood", "feel": "felt",
        "lead": "led", "buy": "bought", "sell": "sold", "teach": "taught", "flee": "fled", "hide": "hid hidden",
        "shoot": "shot", "build": "built", "spend": "spent", "lend": "lent", "leave": "left", "become": "became",
        "use": "used uses using", "withdraw": "withdrew withdrawn", "overthrow": "overthrew overthrown",
        "undertake": "undertook undertaken", "overtake": "overtook overtaken", "arise": "arose arisen",
    }.items() for form in forms.split()
}

# Phrasal verbs and set phrases -> one word of a group above (or a spelling the texts use).
_PHRASE_RULES: tuple[tuple[str, str], ...] = (
    (r"set(?:s|ting)?\s+up", "create"),
    (r"(?:hit|strike|struck|fight|fought)(?:s|ting|ing)?\s+back", "counter-attack"),
    (r"(?:put|putting|puts)\s+out", "publish"),
    (r"(?:put|putting|puts)\s+down", "suppress"),
    (r"(?:turn|turned|turning|turns)\s+down", "reject"),
    (r"(?:pull|pulled|pulling|pulls)\s+(?:out|back)", "withdraw"),
    (r"(?:drive|drove|driven|driving|kick|kicked|push|pushed|force|forced)\s+out", "oust"),
    (r"(?:come|came|coming|comes|go|went|going|goes|get|got|getting|gets)\s+back", "return"),
    (r"(?:break|broke|broken|breaking|breaks)\s+out", "begin"),
    (r"(?:break|broke|broken|breaking|breaks)\s+(?:up|away)", "split"),
    (r"(?:carry|carried|carrying|carries)\s+out", "conduct"),
    (r"(?:take|took|taken|taking|takes)\s+over", "takeover"),
    (r"at\s+odds", "disagreement"),
    (r"in\s+charge\s+of", "lead"),
    (r"fall(?:s|ing)?\s+out|fell\s+out", "strain"),
    (r"(?:break|broke|broken|breaking|breaks)\s+down|(?:go|goes|going|went|gone|turn|turns|turned|turning)\s+"
     r"(?:bad|sour)", "deteriorate"),
    (r"in\s+terms\s+of", " "),
    (r"(?:come|came|comes|coming)\s+from", "stem"),
    (r"(?:go|goes|going|went)\s+ahead", "proceed"),
    (r"(?:be|been|is|are|was|were)\s+around", "exist"),
)
_PHRASES = [(re.compile(rf"\b{pattern}\b", re.IGNORECASE), word) for pattern, word in _PHRASE_RULES]


def rewrite_phrases(text: str) -> str:
    """The text with its phrasal verbs as one word ("set up" -> "create"), for searching."""
    for pattern, word in _PHRASES:
        text = pattern.sub(word, text)
    return text
