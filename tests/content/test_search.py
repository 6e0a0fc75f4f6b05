"""Finding a string in a long text by its words: always where `str.find` finds it."""

from pathlib import Path

from hypothesis import given, strategies as st

import content.lint
from content.course import check_bank
from content.material import Material
from content.text.search import WordIndex

ROOT = Path(__file__).resolve().parents[2]

# Few letters and many spaces: needles whose words stand in the text often, in part, or not at all.
spaced = st.text(st.sampled_from("ab  c"), max_size=40)


@given(spaced, spaced)
def test_a_word_index_finds_what_str_find_finds(text, needle):
    assert WordIndex(text).find(needle) == text.find(needle)


@given(spaced, st.data())
def test_a_word_index_finds_every_piece_of_its_text_where_it_first_stands(text, data):
    start = data.draw(st.integers(0, len(text)))
    needle = text[start:data.draw(st.integers(start, len(text)))]
    assert WordIndex(text).find(needle) == text.find(needle)


@given(st.data())
def test_a_quote_is_found_at_the_same_passage_with_the_word_index(data):
    material = Material.from_file(ROOT / "content" / "courses" / "mali" / "material.md")
    words = material.word_index()
    start = data.draw(st.integers(0, len(material.text) - 1))
    quote = material.text[start:data.draw(st.integers(start + 1, min(len(material.text), start + 300)))]
    quote = data.draw(st.sampled_from([quote, quote.replace(" ", "  "), quote + " nowhere", "x " + quote]))
    assert material.find(quote, words) == material.find(quote)


def test_a_large_bank_gets_the_same_problems_with_the_material_indexed_or_searched_whole(tmp_path, monkeypatch):
    course = ROOT / "content" / "courses" / "mali"
    bank = (course / "bank.yaml").read_text(encoding="utf-8")
    # Broken quotes and a prompt copied from the material, among the course's 200 questions.
    copied = "prompt: Regional troops involved in the French-led military intervention that began in January 2013?"
    bank = bank.replace("source: ", "source: Mali, ", 5).replace("prompt: ", copied + "\n    x_prompt: ", 3)
    bank = bank.replace("    x_prompt: ", "    # ")
    (tmp_path / "bank.yaml").write_text(bank, encoding="utf-8")
    (tmp_path / "material.md").write_text((course / "material.md").read_text(encoding="utf-8"), encoding="utf-8")
    indexed = check_bank(tmp_path)
    monkeypatch.setattr(content.lint, "_INDEXED", 10**9)
    assert check_bank(tmp_path) == indexed
    assert sum("not found in the material" in p.message for p in indexed) == 5
    assert sum("prompt is copied from the material" in p.message for p in indexed) == 3
