"""A draft's topic: the Markdown heading of its section, or else the key name of its paragraph."""

from __future__ import annotations

from collections import Counter

from content.drafts.reading import NATIONALITY, Reading
from content.drafts.cloze import _ADJECTIVES
from content.drafts.gate import CONNECTIVES
from content.text.lexicon import OPENERS, STOPWORDS


def topics(reading: Reading) -> dict[int, str]:
    """For each sentence (by index), its topic."""
    key_names = _key_names(reading)
    everywhere = Counter(span.text for line in reading.lines for span in line.names if _topic_like(span.text))
    main = max(sorted(everywhere), key=lambda n: everywhere[n]) if everywhere else None
    fallback = reading.material.title or main or "the material"
    return {line.index: line.section or key_names.get(line.paragraph) or fallback for line in reading.lines}


def _topic_like(name: str) -> bool:
    """Whether a name can head a topic: not a people's adjective ("French", "Tuareg-led"), a possessive or
    a plural ("Paleoclimatologists")."""
    words = name.split()
    if len(words) == 1 and (name.lower() in CONNECTIVES or name.lower() in STOPWORDS or name.lower() in OPENERS):
        return False
    return (len(name) > 2 and not name.endswith(("'s", "’s")) and "-" not in words[-1]
            and not all(NATIONALITY.match(w) or w in _ADJECTIVES for w in words)
            and not (len(words) == 1 and name.endswith("s") and not name.endswith("ss")))


def _key_names(reading: Reading) -> dict[int, str]:
    """For each paragraph, the name it mentions most among those the whole text mentions at least twice."""
    everywhere = Counter(span.text for line in reading.lines for span in line.names)
    by_paragraph: dict[int, Counter[str]] = {}
    for line in reading.lines:
        counts = by_paragraph.setdefault(line.paragraph, Counter())
        for span in line.names:
            if everywhere[span.text] >= 3 and _topic_like(span.text):
                counts[span.text] += 1
    return {p: max(sorted(c), key=lambda n: (c[n], everywhere[n])) for p, c in by_paragraph.items() if c}
