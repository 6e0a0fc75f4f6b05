"""Grading typed answers the way a teacher would sign: one module per idea.

- `reading`: a response read as a teacher reads it (folded words, number words as digits, dates as
  dates, clauses set apart by commas and brackets).
- `known`: what a bank and its material know of names (people, surnames, acronyms, countries and
  their adjectives, the words prose uses in lower case), built once per bank by `teach`.
- `forms`: where an accepted form stands in a response (word for word, run together, a person's
  shorter name, a small typo).
- `claims`: what else the response says around it (a description, or a negation, a hedge, a second
  answer, another person's given name).

`content.matching.match_answer` puts them together for every typed question type.
"""
