"""Bank files: round trips, comments kept, every problem located at file:line:col."""

import json
import string
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

import dataclasses

from content.bank import BankError, bank_from_data, dumps_bank, parse_bank, read_bank, write_bank
from content.questions import TYPES
from content.schema import bank_schema

ROOT = Path(__file__).resolve().parents[2]

# Text a bank may hold: letters of several scripts, digits, punctuation and YAML's own marks.
words = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp", "Co", "Cn"),
                  include_characters="[]{}:#&*!|>'\"%@`,-?"),
    min_size=1, max_size=30,
).map(str.strip).filter(bool)
slugs = st.from_regex(r"\A[a-z0-9]+(-[a-z0-9]+){0,2}\Z")
common = {"prompt": words, "explain": words, "source": st.lists(words, min_size=1, max_size=3),
          "topics": st.lists(words, max_size=2), "difficulty": st.integers(1, 3)}


def typed(kind, **fields):
    return st.fixed_dictionaries({"type": st.just(kind), **common, **fields})


question = st.one_of(
    typed("short", answer=words, accept=st.lists(words, max_size=2)),
    typed("choice", answer=words, options=st.lists(words, min_size=1, max_size=3)),
    typed("multi", answers=st.lists(words, min_size=1, max_size=3), options=st.lists(words, min_size=1, max_size=3)),
    typed("truefalse", statement=words, answer=st.booleans()),
    typed("cloze", text=words.map(lambda w: w + " ___"), blanks=st.lists(
        st.fixed_dictionaries({"answer": words, "accept": st.lists(words, max_size=1)}), min_size=1, max_size=1)),
    typed("order", items=st.lists(st.fixed_dictionaries({"text": st.sampled_from(string.ascii_letters), "source": words}),
                                  min_size=2, max_size=4, unique_by=lambda i: i["text"].lower())),
    typed("match", pairs=st.dictionaries(st.sampled_from(string.ascii_uppercase), st.sampled_from(string.digits), min_size=2, max_size=4)
          .filter(lambda d: len(set(d.values())) == len(d))),
)
banks = st.builds(
    lambda bank_id, title, qs, ids: bank_from_data(
        {"id": bank_id, "title": title, "questions": [{**q, "id": i} for q, i in zip(qs, ids)]}),
    slugs, words, st.lists(question, max_size=6), st.lists(slugs, min_size=6, max_size=6, unique=True),
)


@given(banks)
def test_dump_then_load_gives_back_the_same_bank(bank):
    text = dumps_bank(bank)
    again = parse_bank(text, Path("bank.yaml")).bank
    assert again == bank
    assert dumps_bank(again) == text


COMMENTED = """\
# yaml-language-server: $schema=../bank.schema.json
id: demo
title: Demo   # shown in the course list
material: material.md
questions:
  # the founder first
  - id: founder
    type: short
    prompt: Who formed Ansar al Din?
    answer: Iyad Ag Ghali
    accept: [Ag Ghali]   # the surname alone is fine
    explain: A former Tuareg rebel leader.
    source: Ansar al Din was formed at the end of 2011 by Iyad Ag Ghali
    difficulty: 1
"""


def test_comments_and_order_survive_an_edit_and_a_write(tmp_path):
    path = tmp_path / "bank.yaml"
    path.write_text(COMMENTED)
    file = read_bank(path)
    edited = dataclasses.replace(file.bank, title="Demo course")
    write_bank(edited, path, template=file.doc)
    text = path.read_text()
    assert text == COMMENTED.replace("title: Demo   #", "title: Demo course #")
    assert read_bank(path).bank == edited


def test_an_unchanged_bank_is_written_back_byte_for_byte(tmp_path):
    path = tmp_path / "bank.yaml"
    path.write_text(COMMENTED)
    file = read_bank(path)
    write_bank(file.bank, path, template=file.doc)
    assert path.read_text() == COMMENTED


BROKEN = {
    "bad indentation": ("""\
id: demo
title: Demo
questions:
  - id: one
    type: short
     prompt: Who?
""", [(6, 12, "YAML syntax error")]),
    "unknown type": ("""\
id: demo
title: Demo
questions:
  - id: one
    type: essay
    prompt: Write.
    explain: e
    source: s
""", [(5, 11, "unknown question type 'essay'")]),
    "missing answer": ("""\
id: demo
title: Demo
questions:
  - id: fine
    type: truefalse
    statement: s
    answer: true
    explain: e
    source: s
  - id: one
    type: short
    prompt: Who?
    explain: e
    source: s
""", [(10, 5, "question 'one': missing 'answer'")]),
    "several at once": ("""\
id: Demo Bank
title: Demo
questions:
  - id: one
    type: choice
    prompt: Which?
    answer: A
    option: [B]
    explain: e
    source: s
  - id: two
    type: short
    prompt: Who?
    answer: X
    explain: e
    source: s
    difficulty: 5
""", [(1, 5, "must be a slug"), (4, 5, "missing 'options'"), (8, 5, "unknown field 'option' (did you mean 'options'?)"),
      (17, 17, "difficulty")]),
    "not a mapping": ("- just\n- a list\n", [(1, 1, "a bank file is a mapping")]),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_bank_reports_every_problem_where_it_is(case, tmp_path):
    text, expected = BROKEN[case]
    path = tmp_path / "bank.yaml"
    path.write_text(text)
    with pytest.raises(BankError) as caught:
        read_bank(path)
    found = [(p.line, p.col, p.message) for p in caught.value.problems]
    assert len(found) == len(expected), found
    for (line, col, message), (want_line, want_col, want) in zip(found, expected):
        assert (line, col) == (want_line, want_col) and want in message, found
    assert all(str(p).startswith(f"{path}:{p.line}:{p.col}: ") for p in caught.value.problems)


def test_the_shipped_schema_is_the_one_the_models_generate():
    shipped = json.loads((ROOT / "content" / "courses" / "bank.schema.json").read_text())
    assert shipped == bank_schema()


def test_the_schema_knows_every_question_type():
    schema = bank_schema()
    mapping = schema["$defs"]["Bank"]["properties"]["questions"]["items"]["discriminator"]["mapping"] \
        if "Bank" in schema["$defs"] else schema["properties"]["questions"]["items"]["discriminator"]["mapping"]
    assert set(mapping) == {"short", "choice", "multi", "truefalse", "cloze", "order", "match", "numeric"}
    assert set(mapping) == set(TYPES)


def test_the_shipped_bank_is_written_back_byte_for_byte_defaults_and_comments_included():
    path = Path(__file__).resolve().parents[2] / "content" / "courses" / "mali" / "bank.yaml"
    file = read_bank(path)
    assert "difficulty: 2" in file.source and "prompt: Fill in the blanks." in file.source
    assert dumps_bank(file.bank, file.doc) == file.source
