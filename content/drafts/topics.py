"""A draft's topic: the Markdown heading of its section, or else the key name of its paragraph."""

from __future__ import annotations

from collections import Counter

from content.drafts.reading import Reading


def topics(reading: Reading) -> dict[int, str]:
    """For each sentence (by index), its topic."""
    fallback = reading.material.title or "the material"
    key_names = _key_names(reading)
    return {line.index: line.section or key_names.get(line.paragraph) or fallback for line in reading.lines}


def _key_names(reading: Reading) -> dict[int, str]:
    """For each paragraph, the name it mentions most among those the whole text mentions at least twice."""
    everywhere = Counter(span.text for line in reading.lines for span in line.names)
    by_paragraph: dict[int, Counter[str]] = {}
    for line in reading.lines:
        counts = by_paragraph.setdefault(line.paragraph, Counter())
        for span in line.names:
            if everywhere[span.text] >= 2 and len(span.text) > 2 and not span.text.endswith(("'s", "’s")):
                counts[span.text] += 1
    return {p: max(sorted(c), key=lambda n: (c[n], everywhere[n])) for p, c in by_paragraph.items() if c}
