"""Text helpers shared by grading, ask and drafting: one copy of each.

- `fold`: typographic marks, accents and case folded, with offsets back into the original.
- `words`: words, stems and index terms, over the general English lexicon in `lexicon/`.
- `names`: capitalised names, their joiners and particles, acronyms.
- `dates`: dates and counts written in prose.
"""
