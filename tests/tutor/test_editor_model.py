"""The editing model without a screen: operations, undo, checks as `bank check` gives them, forms derived
from the types, saving with comments kept, the autosave file, the search line."""

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from content.course import check_bank
from content.editing.autosave import autosave_path, autosave_state, read_autosave, write_autosave
from content.editing.checks import Checker
from content.editing.fields import FIELD_KINDS, MISSING, form_of, template
from content.editing.model import EditedBank, Entry
from content.editing.quotes import quotes_of, spots
from content.editing.save import NotSaved, save_bank, template_of
from content.editing.search import matches, parse_query
from content.material import Material
from content.questions import TYPES

MALI = Path(__file__).resolve().parents[2] / "content" / "courses" / "mali"


@pytest.fixture
def course(tmp_path):
    folder = tmp_path / "mali"
    shutil.copytree(MALI, folder)
    return folder


@pytest.fixture(scope="module")
def material():
    return Material.from_file(MALI / "material.md")


def comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def by_id(model: EditedBank, question_id: str) -> Entry:
    return next(e for e in model.entries if e.id == question_id)


def bank_check_messages(model: EditedBank) -> list[str]:
    """What `bank check` says of the bank file the model's questions would make."""
    from content.editing.fields import yaml_text

    model.path.write_text(yaml_text({**model.head, "questions": [e.data for e in model.entries]}) + "\n")
    return [p.message for p in check_bank(model.path.parent)]


def test_every_type_gets_a_form_of_its_own_fields_with_nested_kinds():
    kinds = {t: {f.name: f.kind for f in form_of(t)} for t in TYPES}
    assert kinds["cloze"]["blanks"] == "records" and {f.name for f in form_of("cloze")[3].fields} == {"answer", "accept"}
    assert kinds["order"]["items"] == "records" and kinds["match"]["pairs"] == "pairs"
    assert kinds["truefalse"]["answer"] == "flag" and kinds["numeric"]["answer"] == "number"
    assert kinds["choice"]["options"] == "lines" and kinds["short"]["status"] == "choice"
    assert all(kind in FIELD_KINDS and kind != "yaml" for fields in kinds.values() for kind in fields.values())
    assert [f.name for f in form_of("short")] == ["id", "prompt", "answer", "accept", "explain", "source", "topics",
                                                  "difficulty", "status"]


def test_a_field_left_empty_or_at_its_default_is_left_out_and_a_required_one_is_kept_to_be_marked():
    spec = {f.name: f for f in form_of("cloze")}
    assert spec["prompt"].data("Fill in the blanks.") is MISSING and spec["topics"].data(["", "  "]) is MISSING
    assert spec["text"].data("") == "" and spec["difficulty"].data("3") == 3
    assert spec["blanks"].data([{"answer": "27", "accept": ["", "twenty-seven"]}]) == [
        {"answer": "27", "accept": ["twenty-seven"]}]
    assert spec["source"].shown("one quote") == ["one quote"]


def test_a_template_fails_only_on_the_fields_an_author_must_fill(course, material):
    checker = Checker(course / "bank.yaml", material)
    for kind in TYPES:
        question, issues = checker.validate(template(kind, f"new-{kind}"))
        assert question is None and issues
        assert all(issue.message.startswith(f"question 'new-{kind}': ") for issue in issues)


def test_a_schema_error_has_the_message_bank_check_prints_and_its_field(course, material):
    model = EditedBank.load(course / "bank.yaml")
    entry = model.set_field(by_id(model, "ansar-dine-founder").key, "answer", "")
    check = Checker(model.path, material).one(entry)
    (issue,) = check.issues
    assert issue.loc == ("answer",)
    assert issue.message in bank_check_messages(model)


def test_a_lint_error_has_the_message_bank_check_prints_and_its_field(course, material):
    model = EditedBank.load(course / "bank.yaml")
    entry = model.set_field(by_id(model, "ansar-dine-founder").key, "source", "Ansar al Din was founded in Paris")
    check = Checker(model.path, material).one(entry)
    (issue,) = [i for i in check.issues if i.error]
    assert issue.loc == ("source",) and "not found in the material" in issue.message
    assert issue.message in bank_check_messages(model)


def test_a_repeated_id_is_found_in_both_questions(course, material):
    model = EditedBank.load(course / "bank.yaml")
    first, second = model.entries[:2]
    renamed = model.set_field(second.key, "id", first.id)
    checker = Checker(model.path, material)
    message = f"question {first.id!r}: id is used 2 times; ids must be unique"
    assert [i.message for i in checker.one(renamed, [first]).issues] == [message]
    assert [i.message for i in checker.many(model.entries)[first].issues] == [message]


def test_typing_in_one_field_undoes_at_once_and_every_operation_undoes_and_redoes(course):
    model = EditedBank.load(course / "bank.yaml")
    original = model.entries
    key = model.entries[0].key
    for n in range(1, 6):
        model.set_field(key, "prompt", "How many" + "?" * n)
    model.seal()
    model.set_field(key, "explain", "Because.")
    added = model.add("order", after=key)
    model.duplicate([added.key])
    model.move([key], 1)
    model.delete([model.entries[-1].key])
    states = []
    while (step := model.undo()) is not None:
        states.append(model.entries)
    assert model.entries == original and not model.modified and len(states) == 6
    while model.redo() is not None:
        pass
    assert model.entry(key).data["prompt"] == "How many?????" and model.entries[1].key == key


def test_drafts_are_accepted_by_removing_the_status_and_rejected_by_deleting_them(course):
    model = EditedBank.load(course / "bank.yaml")
    keys = [e.key for e in model.entries[:4]]
    for key in keys[:3]:
        model.set_field(key, "status", "draft")
    assert model.accept(keys[:2]) == 2 and "status" not in model.entry(keys[0]).data
    assert model.reject(keys) == 1 and keys[2] not in model and keys[3] in model  # only the draft goes


def test_copies_and_new_questions_get_free_ids(course):
    model = EditedBank.load(course / "bank.yaml")
    first = model.entries[0]
    copies = [model.duplicate([first.key])[0] for _ in range(2)]
    assert [c.id for c in copies] == [f"{first.id}-copy", f"{first.id}-copy-2"]
    assert [model.add("short").id for _ in range(2)] == ["new-short", "new-short-2"]


@settings(max_examples=30)
@given(st.lists(st.tuples(st.sampled_from(["up", "down", "delete", "dup"]), st.integers(0, 6)), max_size=12))
def test_any_edits_then_undoing_them_all_give_the_bank_back(ops):
    model = EditedBank.load(MALI / "bank.yaml")
    original = model.entries
    for op, at in ops:
        key = model.entries[at % len(model.entries)].key
        {"up": lambda: model.move([key], -1), "down": lambda: model.move([key], 1),
         "delete": lambda: model.delete([key]), "dup": lambda: model.duplicate([key])}[op]()
    while model.undo() is not None:
        pass
    assert model.entries == original


def test_saving_keeps_every_comment_and_the_order_and_a_question_moved_keeps_its_own(course, material):
    path = course / "bank.yaml"
    before = path.read_text()
    model = EditedBank.load(path)
    moved = model.entries[1]
    model.move([moved.key], 1)
    model.set_field(moved.key, "explain", "Edited explain.")
    written = save_bank(path, model.head, model.entries, model.origins, template_of(path, model.source),
                        Checker(path, material))
    after = path.read_text()
    assert comments(after) == comments(before) and written.source == after
    assert check_bank(course) == []
    ids = [line.split(": ", 1)[1] for line in after.splitlines() if line.startswith("  - id: ")]
    assert ids[:3] == [model.entries[0].id, model.entries[1].id, moved.id] and "explain: Edited explain." in after


def test_a_bank_that_does_not_validate_is_not_saved(course, material):
    path = course / "bank.yaml"
    before = path.read_text()
    model = EditedBank.load(path)
    model.add("cloze")
    with pytest.raises(NotSaved) as refused:
        save_bank(path, model.head, model.entries, model.origins, template_of(path, model.source),
                  Checker(path, material))
    assert "question 'new-cloze': text: String should have at least 1 character" in refused.value.problems
    assert path.read_text() == before


def test_the_autosave_round_trips_and_a_broken_one_is_ignored(course):
    path = course / "bank.yaml"
    model = EditedBank.load(path)
    model.set_field(model.entries[0].key, "prompt", "Edited [/] prompt?")
    write_autosave(path, autosave_state(path, model.digest, [(model.origins.get(e.key), e.data)
                                                              for e in model.entries]))
    saved = read_autosave(path)
    assert saved is not None and saved.base == model.digest and autosave_path(path).name == ".bank.yaml.autosave"
    fresh = EditedBank.load(path)
    fresh.restore(saved.questions)
    assert [e.data for e in fresh.entries] == [e.data for e in model.entries] and fresh.modified
    assert fresh.origins[fresh.entries[0].key] == 0  # the question keeps its place in the file
    autosave_path(path).write_text('{"format": "tutor-bank-autosave", "version": 1, "questions": [')
    assert read_autosave(path) is None


def test_quotes_are_found_or_their_nearest_passage_given(course, material):
    model = EditedBank.load(course / "bank.yaml")
    data = dict(by_id(model, "ansar-dine-founder").data)
    found, = spots(material, quotes_of(None, data))
    assert found.found and found.where and material.text[found.start:found.end] == data["source"]
    data["source"] = "Ansar al Din was created at the close of 2011 by Iyad Ag Ghali"
    near, = spots(material, quotes_of(None, data))
    assert not near.found and 50 <= near.likeness < 100 and "Iyad Ag Ghali" in material.text[near.start:near.end]


def test_the_search_line_filters_by_words_type_topic_status_and_problems(course, material):
    from content.editing.search import haystack

    model = EditedBank.load(course / "bank.yaml")
    draft = model.set_field(model.entries[0].key, "status", "draft")
    checks = Checker(model.path, material).many(model.entries)

    def found(text):
        query = parse_query(text)
        return [e.id for e in model.entries if matches(query, e, checks[e], haystack(e))]

    assert found("status:draft") == [draft.id] == found("has:warnings")
    assert set(found("type:cloze")) == {e.id for e in model.entries if e.type == "cloze"}
    assert "ansar-dine-founder" in found("ghali") and "ansar-dine-founder" not in found("-ghali")
    assert found('topic:"2022 moura" type:num') and all(e in found("type:numeric") for e in found('topic:"2022 moura" type:num'))
    assert parse_query("has:nonsense").problems
