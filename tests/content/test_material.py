from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from content.material import Material

MALI = Path(__file__).resolve().parents[2] / "content" / "courses" / "mali" / "material.md"


@pytest.fixture(scope="module")
def mali() -> Material:
    return Material.from_file(MALI)


def test_spans_give_back_the_text_of_every_sentence_and_paragraph(mali):
    assert all(mali.text[s.start:s.end] == s.text for s in mali.sentences)
    assert all(mali.text[p.start:p.end] == p.text for p in mali.paragraphs)
    assert mali.title == "Tuareg / Islamist Insurrection in Mali"
    assert len(mali.paragraphs) == 32


def test_sentences_belong_to_their_paragraphs_in_order(mali):
    for p in mali.paragraphs:
        for i in p.sentences:
            s = mali.sentences[i]
            assert s.paragraph == p.index and p.start <= s.start < s.end <= p.end
    assert [s.index for s in mali.sentences] == list(range(len(mali.sentences)))


def test_a_paragraph_splits_into_its_sentences(mali):
    para = next(p for p in mali.paragraphs if p.text.startswith("The UN Multidimensional"))
    texts = [mali.sentences[i].text for i in para.sentences]
    assert texts == [
        "The UN Multidimensional Integrated Stabilization Mission in Mali (MINUSMA) was established "
        "by Security Council resolution 2100 of 25 April 2013.",
        "Regional troops involved in the French-led military intervention that began in January 2013 "
        "against al-Qaida-linked militants occupying the north were absorbed into the massive United "
        "Nations mission in Mali.",
    ]


def test_a_quote_resolves_to_its_sentence(mali):
    passage = mali.find("Ansar al Din was formed at the end of 2011 by Iyad Ag Ghali")
    assert passage is not None
    (index,) = passage.sentences
    assert mali.sentences[index].text.startswith("Ansar al Din was formed at the end of 2011")


def test_a_quote_over_two_sentences_resolves_to_both(mali):
    passage = mali.find("was still waging war in Mali, dismissing a report that it had agreed to a ceasefire as “completely baseless.” Ansar Dine released")
    assert passage is not None and len(passage.sentences) == 2


@pytest.mark.parametrize("quote", [
    "Mali’s transition government said in December 2021",     # typographic apostrophe as written
    "Mali's transition government said in December 2021",     # plain apostrophe
    "Mali's   transition\n government said in  December 2021",  # other whitespace
    '"Russian trainers" were in Mali',                          # plain quotes for curly ones
])
def test_quotes_tolerate_whitespace_and_typographic_marks(mali, quote):
    assert mali.find(quote) is not None


@pytest.mark.parametrize("quote", [
    "Mali's transition government said in December 2022",
    "Mali's interim government said in December 2021",
    "",
])
def test_quotes_with_changed_words_are_not_found(mali, quote):
    assert mali.find(quote) is None


@given(st.lists(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1), min_size=1, max_size=6))
def test_any_text_splits_into_spans_that_cover_its_words(parts):
    text = "\n\n".join(parts)
    material = Material(text)
    for s in material.sentences:
        assert text[s.start:s.end] == s.text and s.text.strip() == s.text
    covered = "".join(s.text for s in material.sentences)
    assert sorted(c for c in covered if not c.isspace()) == sorted(c for c in text if not c.isspace())


def test_a_large_material_is_split_by_rule_with_exact_spans(monkeypatch):
    import content.material as material

    monkeypatch.setattr(material, "PYSBD_MATERIAL", 100)
    text = "Dr. Smith met J. R. Tolkien in the U.S. Army. \"Why?\" she asked.\n\nIt rained. 3 men left."
    m = Material(text)
    assert [s.text for s in m.sentences] == ["Dr. Smith met J. R. Tolkien in the U.S. Army.", '"Why?" she asked.',
                                             "It rained.", "3 men left."]
    assert all(m.text[s.start:s.end] == s.text for s in m.sentences)


def test_a_very_long_paragraph_splits_into_bounded_sentences():
    from content.material import LONGEST_SENTENCE

    text = "word, " * 40_000 + "end. " + "An ordinary sentence follows it."
    m = Material(text)
    assert all(m.text[s.start:s.end] == s.text and len(s.text) <= LONGEST_SENTENCE for s in m.sentences)
    assert m.sentences[-1].text == "An ordinary sentence follows it."


@given(st.text(alphabet=st.sampled_from("ab. ?!\"'\nA1(),;"), max_size=400))
def test_the_rule_split_covers_every_word_with_exact_spans(text):
    from content.material import rule_spans

    spans = rule_spans(text)
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert all(b <= c for (_, b), (c, _) in zip(spans, spans[1:]))
    covered = "".join(text[a:b] for a, b in spans)
    assert covered.split() == text.split() or "".join(covered.split()) == "".join(text.split())


def _touched(material: Material, start: int, end: int) -> tuple[int, ...]:
    return tuple(s.index for s in material.sentences if s.start < end and s.end > start)


@given(st.data())
def test_a_quote_from_anywhere_resolves_to_every_sentence_it_touches_and_no_other(mali, data):
    start = data.draw(st.integers(0, len(mali.text) - 1))
    end = data.draw(st.integers(start + 1, min(len(mali.text), start + 600)))
    quote = mali.text[start:end]
    passage = mali.find(quote)
    if quote.strip():
        assert passage is not None
        assert passage.sentences == _touched(mali, passage.start, passage.end)


@given(st.lists(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1), min_size=1, max_size=6),
       st.data())
def test_quotes_of_any_text_resolve_to_the_sentences_they_touch(parts, data):
    material = Material("\n\n".join(parts))
    start = data.draw(st.integers(0, len(material.text) - 1))
    passage = material.find(material.text[start:data.draw(st.integers(start + 1, len(material.text)))])
    if passage is not None:
        assert passage.sentences == _touched(material, passage.start, passage.end)


@pytest.mark.parametrize("quote, touched", [('"Why?"', ("\"Why?\" she asked.",)), ("left.", ("He left.",)),
                                             ('left."Why', ("He left.", "\"Why?\" she asked."))])
def test_a_quote_at_the_edge_of_a_sentence_with_no_space_after_it_touches_only_what_it_covers(quote, touched):
    material = Material('He left."Why?" she asked.')  # pysbd ends the first sentence at the quote mark
    passage = material.find(quote)
    assert passage is not None
    assert tuple(material.sentences[i].text for i in passage.sentences) == touched


def test_a_plain_text_heading_is_read_as_a_heading():
    """A .txt from any editor heads its sections with short lines of their own, not Markdown's '#'."""
    from content.drafts.drafting import draft

    text = ("Volcanoes: How They Form\n\nA volcano is an opening in the crust through which magma escapes.\n\n"
            "Where Magma Comes From\n\nMagma forms in the mantle about 80 kilometres below the surface. "
            "The mantle of the Earth melts where the pressure on it falls near the rift valleys.\n\n"
            "Famous Eruptions\n\nMount Vesuvius buried the Roman town of Pompeii in the year 79. "
            "The ash of Vesuvius covered Pompeii to a depth of several metres within two days.\n")
    material = Material(text)
    headings = [p.text for p in material.paragraphs if p.heading]
    assert headings == ["Volcanoes: How They Form", "Where Magma Comes From", "Famous Eruptions"]
    assert material.title == "Volcanoes: How They Form"
    from content.drafts.drafting import TYPES

    topics = {t for q in draft(material, 10, TYPES) for t in q.topics}  # (by default no count is blanked: "80 km")
    assert topics and topics <= {"Where Magma Comes From", "Famous Eruptions"}
    # A line that ends as a sentence does, or the last line, is text.
    assert not any(p.heading for p in Material("The end of the story.\n\nA last word").paragraphs)
