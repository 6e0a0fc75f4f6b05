"""Merging learners' files into a class: keyed by UUIDs, nothing added twice, nothing lost, sources untouched."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import asdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from progress.classes.classdb import open_class
from progress.classes.merge import merge_file, merge_files
from progress.store import Store, StoreError
from tests.progress.classes.learners import BANK, Said, files_state, union_replay, write_learner
from tests.progress.test_migration import m002_database, m004_database


def cards_of(store: Store, name: str) -> dict[str, dict]:
    learner = next(who for who in store.learners() if who.name == name)
    return {card.question_id: {k: v for k, v in asdict(card).items() if k not in ("id", "learner_id")}
            for card in store.cards(learner.id, BANK)}


def review_uuids(store: Store) -> set[str]:
    return {row[0] for row in store.conn.execute("SELECT uuid FROM reviews")}


def test_a_merged_class_holds_every_learner_their_reviews_and_cards_and_the_files_are_untouched(tmp_path):
    files = tmp_path / "files"
    files.mkdir()
    write_learner(files / "ana.db", "ana", [Said("q1"), Said("q2", 0.0), Said("q1", then="override")])
    write_learner(files / "ben.db", "ben", [Said("q3"), Said("q2", then="undo"), Said("q2", then="rerate")])
    before = files_state(files)

    with open_class(tmp_path / "class.db", create=True) as klass:
        merged = [merge_file(klass.conn, files / name) for name in ("ana.db", "ben.db")]

        assert files_state(files) == before  # no byte changed, no -wal or -shm left beside them
        assert [(m.learners_added, m.reviews_added, m.reviews_known) for m in merged] == [(1, 4, 0), (1, 5, 0)]
        assert sorted(who.name for who in klass.learners()) == ["ana", "ben"]
        for name in ("ana", "ben"):
            with Store.open(files / f"{name}.db") as own:
                assert cards_of(klass, name) == cards_of(own, name)
                assert [r.uuid for r in klass.reviews(klass.learners()[name == "ben"].id)] == [
                    r.uuid for r in own.reviews(own.learners()[0].id)
                ]
        assert klass.check() == []


def test_merging_a_file_again_adds_nothing_and_an_updated_copy_adds_only_what_is_new(tmp_path):
    ana = tmp_path / "ana.db"
    write_learner(ana, "ana", [Said("q1"), Said("q2")])
    with open_class(tmp_path / "class.db", create=True) as klass:
        merge_file(klass.conn, ana)
        again = merge_file(klass.conn, ana)
        write_learner(ana, "ana", [Said("q3"), Said("q1", 0.0, then="override")])
        updated = merge_file(klass.conn, ana)

        assert (again.learners_added, again.learners_known, again.reviews_added, again.reviews_known) == (0, 1, 0, 2)
        assert (updated.reviews_added, updated.reviews_known, updated.cards_replayed) == (3, 2, 0)
        with Store.open(ana) as own:
            assert cards_of(klass, "ana") == cards_of(own, "ana")
        assert klass.conn.execute("SELECT count(*) FROM reviews").fetchone() == (5,)


def test_one_learner_on_two_machines_is_merged_by_replaying_both_logs_in_time_order(tmp_path):
    home, school = tmp_path / "home.db", tmp_path / "school.db"
    last = write_learner(home, "ana", [Said("q1"), Said("q2")])
    shutil.copy(home, school)  # the file taken to another machine; both go on studying
    write_learner(home, "ana", [Said("q1", 0.0, minutes=60), Said("q3", then="undo")], start=last)
    write_learner(school, "ana", [Said("q1", minutes=30), Said("q2", 0.0, then="override", minutes=90)], start=last)

    states = []
    for order in ((home, school), (school, home), (home, school, home, school)):
        path = tmp_path / f"class-{len(states)}.db"
        with open_class(path, create=True) as klass:
            reports = [merge_file(klass.conn, f) for f in order]
            [ana] = klass.learners()
            for card in klass.cards(ana.id, BANK):
                assert card.memory == union_replay(klass, card), card.question_id
            assert len(review_uuids(klass)) == 2 + 3 + 3  # shared, home's own (answer + void), school's own
            assert sum(r.cards_replayed for r in reports) >= 1
            states.append(cards_of(klass, "ana"))
    assert states[0] == states[1] == states[2]


def intervals(path: Path) -> dict[str, int | None]:
    """Each answer's was_interval (m005) by its UUID, read without upgrading the file."""
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        if not any(row[1] == "was_interval" for row in conn.execute("PRAGMA table_info(reviews)")):
            return {}
        return dict(conn.execute("SELECT uuid, was_interval FROM reviews WHERE kind = 'answer'"))


def test_answers_keep_their_interval_in_the_class_and_a_file_from_before_m005_gets_the_upgrade_s(tmp_path):
    ana, cy = tmp_path / "ana.db", tmp_path / "cy.db"
    write_learner(ana, "ana", [Said("q1"), Said("q1", minutes=3 * 24 * 60), Said("q2", then="undo"),
                               Said("q2", minutes=2 * 24 * 60), Said("q2", minutes=5 * 24 * 60)])  # fmt: skip
    by_id = m004_database(cy)  # upgraded, each answer's interval would be these
    with closing(sqlite3.connect(cy)) as conn:
        uuids = dict(conn.execute("SELECT id, uuid FROM reviews WHERE kind = 'answer'"))
    assert intervals(cy) == {}
    expected = {**intervals(ana), **{uuids[review_id]: by_id[review_id] for review_id in uuids}}
    assert list(intervals(ana).values()) == [None, 3, None, None, 5]

    with open_class(tmp_path / "class.db", create=True) as klass:
        for path in (ana, cy):
            merge_file(klass.conn, path)
        assert dict(klass.conn.execute("SELECT uuid, was_interval FROM reviews WHERE kind = 'answer'")) == expected


def test_two_learners_with_one_name_are_kept_apart_and_the_second_is_renamed(tmp_path):
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    write_learner(first, "ana", [Said("q1")])
    write_learner(second, "ana", [Said("q2")])
    with open_class(tmp_path / "class.db", create=True) as klass:
        merge_file(klass.conn, first)
        renamed = merge_file(klass.conn, second)
        again = merge_file(klass.conn, second)

        [(old, new)] = renamed.renamed
        assert old == "ana" and new.startswith("ana (") and again.renamed == ()
        assert sorted(who.name for who in klass.learners()) == ["ana", new]


def test_files_that_are_not_tutor_progress_are_refused_in_one_line_and_left_alone(tmp_path):
    text = tmp_path / "notes.db"
    text.write_bytes(b"my own notes\n" * 100)
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    newer = tmp_path / "newer.db"
    write_learner(newer, "ana", [Said("q1")])
    with closing(sqlite3.connect(newer)) as conn, conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('tutor', 'm999', '')")
    empty = tmp_path / "empty.db"
    empty.touch()
    older = tmp_path / "older.db"
    m002_database(older)
    before = files_state(tmp_path)

    with open_class(tmp_path / "class" / "class.db", create=True) as klass:
        reasons = {}
        for path in (text, other, newer, empty, older, tmp_path / "missing.db", tmp_path / "class" / "class.db"):
            with pytest.raises(StoreError) as refused:
                merge_file(klass.conn, path)
            reasons[path.name] = str(refused.value)

    assert "not a Tutor progress database" in reasons["notes.db"]
    assert "another program" in reasons["other.db"]
    assert "newer Tutor" in reasons["newer.db"]
    assert "older Tutor" in reasons["older.db"] and "tutor study --db" in reasons["older.db"]
    assert "empty" in reasons["empty.db"] and "no such file" in reasons["missing.db"]
    assert "class database itself" in reasons["class.db"]
    assert all("\n" not in reason for reason in reasons.values())
    assert files_state(tmp_path) == before


# Each machine's session: answers to q1..q3 with a score and what the learner did next.
sessions = st.lists(
    st.tuples(st.sampled_from(["q1", "q2", "q3"]), st.sampled_from([0.0, 1.0]),
              st.sampled_from(["", "", "undo", "override", "rerate"]), st.integers(1, 3000)),
    min_size=0, max_size=5,
)


@settings(max_examples=25, deadline=None)
@given(shared=sessions, home=sessions, school=sessions,
       order=st.lists(st.sampled_from(["home", "school"]), min_size=2, max_size=5))
def test_any_merge_order_and_repetition_gives_the_union_of_the_logs_and_their_replay(shared, home, school, order):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        files = {"home": root / "home.db", "school": root / "school.db"}
        said = [Said(q, s, then, minutes=m) for q, s, then, m in shared]
        last = write_learner(files["home"], "ana", said)
        shutil.copy(files["home"], files["school"])
        for name, own in (("home", home), ("school", school)):
            write_learner(files[name], "ana", [Said(q, s, then, minutes=m) for q, s, then, m in own], start=last)
        expected: set[str] = set()
        for path in files.values():
            with Store.open(path) as own_store:
                expected |= review_uuids(own_store)

        with open_class(root / "class.db", create=True) as klass:
            for name in [*order, "home", "school"]:
                merge_file(klass.conn, files[name])
            assert review_uuids(klass) == expected
            [ana] = klass.learners()
            for card in klass.cards(ana.id, BANK):
                assert card.memory == union_replay(klass, card), card.question_id
            assert klass.check() == []


def test_a_file_that_fails_midway_is_undone_alone_and_the_others_are_merged(tmp_path):
    good, broken, other = tmp_path / "good.db", tmp_path / "broken.db", tmp_path / "other.db"
    for path, name in ((good, "ana"), (broken, "bob"), (other, "cai")):
        write_learner(path, name, [Said("q1"), Said("q2")])
    with closing(sqlite3.connect(broken)) as conn, conn:
        conn.execute("UPDATE reviews SET scheduler_id = 999")  # a scheduler the file does not have

    with open_class(tmp_path / "class.db", create=True) as klass:
        results = dict(merge_files(klass.conn, [good, broken, other, tmp_path / "missing.db"]))

        assert "cannot be merged" in str(results[broken]) and "no such file" in str(results[tmp_path / "missing.db"])
        assert results[good].reviews_added == results[other].reviews_added == 2
        assert sorted(who.name for who in klass.learners()) == ["ana", "cai"]  # nothing of bob's is left
        assert klass.conn.execute("SELECT count(*) FROM reviews").fetchone() == (4,)
