"""What holds of the drafts of any text: verbatim quotes, unique slug ids, no fact asked twice, the count
respected, the same drafts for the same text."""

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from content.drafts.drafting import draft
from content.material import Material
from content.matching import normalize

NAMES = ["Ada Byron", "Carl Gauss", "Marie Curie", "Niels Bohr", "Lise Meitner", "Enrico Fermi"]
ROLES = ["German chemist", "Danish physicist", "French engineer", "British writer"]
PLACES = ["Paris", "Vienna", "Rome", "Oslo", "Lisbon"]
THINGS = ["the first reactor", "a new alloy", "the atomic weight", "a steam engine", "the modern name"]
TEMPLATES = [
    "In {year}, {role} {name} built {thing} in {place}.",
    "{name} described {thing} in {year}.",
    "{thing_cap} was designed by {role} {name} in {year}.",
    "About {count} workers joined the project in {place}.",
    "The {group} (ABC) met in {place} in {year}.",
    "The councils, or juntas, met {count} times.",
    "Common metals are iron, copper, and tin.",
    "Visitors saw [/] markup and *stars* in {place}.",
]


@st.composite
def texts(draw):
    parts = []
    for _ in range(draw(st.integers(1, 30))):
        template = draw(st.sampled_from(TEMPLATES))
        thing = draw(st.sampled_from(THINGS))
        parts.append(template.format(
            year=draw(st.integers(1700, 2020)), role=draw(st.sampled_from(ROLES)),
            name=draw(st.sampled_from(NAMES)), thing=thing, thing_cap=thing[0].upper() + thing[1:],
            place=draw(st.sampled_from(PLACES)), count=draw(st.integers(2, 900)),
            group=draw(st.sampled_from(["Alpha Beta Council", "Applied Bureau Committee"]))))
        if draw(st.booleans()):
            parts.append("\n\n" + draw(st.sampled_from(["", "## A section\n\n"])))
        else:
            parts.append(" ")
    return "".join(parts)


def quotes(q):
    return [c.quote for c in q.cited()]


# Hypothesis once found order and match drafts asking the same fact of this text.
ONE_FACT_TWICE = ("Ada Byron described the first reactor in 1700. "
                  + "In 1700, German chemist Ada Byron built the first reactor in Paris. " * 2
                  + "In 1701, German chemist Carl Gauss built the first reactor in Paris. "
                  + "In 1702, German chemist Marie Curie built a new alloy in Paris. "
                  + "In 1700, German chemist Ada Byron built the first reactor in Paris. " * 5)


@settings(max_examples=40, deadline=None)
@given(texts(), st.integers(1, 15))
@example(ONE_FACT_TWICE, 15)
@example(ONE_FACT_TWICE, 8)
def test_drafts_of_any_text_keep_their_promises(text, count):
    material = Material(text)
    drafted = draft(material, count)
    assert len(drafted) <= count
    ids = [q.id for q in drafted]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", i) for i in ids)
    for q in drafted:
        assert q.status == "draft"
        assert quotes(q) and all(material.find(quote) is not None and quote in material.text for quote in quotes(q))
    asked = [(normalize(getattr(q, "statement", "") or q.answer_text()), material.find(quotes(q)[0]).sentences[0])
             for q in drafted]
    assert len(set(asked)) == len(asked)
    assert [q.to_data() for q in draft(Material(text), count)] == [q.to_data() for q in drafted]
