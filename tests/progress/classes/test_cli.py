"""The teacher's commands as a teacher meets them: one line per refusal, files as promised, no traceback."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys

from progress.classes.export import COLUMNS
from progress.store import Store
from tests.progress.classes.learners import Said, files_state, write_learner
from tutor.cli import main


def tutor(*args):
    return subprocess.run([sys.executable, "-m", "tutor.cli", *args], capture_output=True, text=True)


def test_merge_reports_each_file_refuses_a_bad_one_in_one_line_and_merges_the_rest(tmp_path):
    folder = tmp_path / "files"
    folder.mkdir()
    write_learner(folder / "ana.db", "ana", [Said("q1"), Said("q2")])
    (folder / "notes.db").write_text("not a database\n" * 50)
    before = files_state(folder)

    run = tutor("class", "merge", str(folder / "ana.db"), str(folder / "notes.db"), "--into", str(tmp_path / "c.db"))

    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stderr.splitlines() == [f"tutor: {folder / 'notes.db'} is not a Tutor progress database (not SQLite); "
                                       "choose another file with --db"]  # fmt: skip
    assert f"{folder / 'ana.db'}: 1 learner(s) added, 2 review(s) added (0 already in the class)" in run.stdout
    assert "merged 1 file(s) into" in run.stdout and "1 file(s) refused" in run.stdout
    assert files_state(folder) == before


def test_a_report_on_a_missing_class_database_says_how_to_make_one_and_makes_nothing(tmp_path):
    missing = tmp_path / "class.db"

    for args in (["gradebook", str(missing), "--course", "mali", "--out", "-"], ["items", str(missing)]):
        run = tutor("class", *args)
        assert run.returncode == 1 and "no such class database" in run.stderr and "tutor class merge" in run.stderr
    assert not missing.exists()


def test_gradebook_items_and_roster_from_the_command_line(simulated, tmp_path, capsys):
    db = tmp_path / "class.db"
    shutil.copy(simulated.db, db)
    roster = tmp_path / "roster.csv"
    roster.write_text("name,email,student id\nstudent01,s1@school.example,S1\nnobody,n@school.example,S0\n")

    assert main(["class", "roster", str(db), "--import", str(roster)]) == 0
    out = capsys.readouterr().out
    assert "1 row(s) matched a learner" in out and f"{roster}:3: no learner matches (name 'nobody'" in out

    assert main(["class", "gradebook", str(db), "--course", "mali", "--format", "canvas", "--out", "-",
                 "--assignment-id", "77"]) == 0  # fmt: skip
    header, possible, *rows = csv.reader(io.StringIO(capsys.readouterr().out))
    assert header[:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert header[5].endswith("(77)") and possible[5] == "100" and len(rows) == len(simulated.truth.learners)
    assert ["student01", "", "S1", "student01", ""] == rows[0][:5]

    book = tmp_path / "book.csv"
    assert main(["class", "gradebook", str(db), "--course", "mali", "--format", "moodle", "--out", str(book)]) == 0
    assert f"to {book} (moodle)" in capsys.readouterr().out
    assert next(csv.reader(book.open()))[:3] == ["Username", "ID number", "Email address"]

    assert main(["class", "items", str(db), "--course", "mali", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert {"question_id", "revision", "attempts", "facility", "sd", "discrimination", "efficiency",
            "flags"} <= items[0].keys() and 0 <= items[0]["facility"] <= 1  # fmt: skip
    assert main(["class", "items", str(db), "--course", "mali"]) == 0
    assert "over first attempts" in capsys.readouterr().out


def test_export_writes_the_effective_answers_with_their_columns_in_csv_and_jsonl(tmp_path, capsys):
    db = tmp_path / "tutor.db"
    write_learner(db, "=cmd|' /C calc'!A0", [Said("q1", response="-2+3"), Said("q2", then="undo"),
                                             Said("q3", 0.0, then="override")])  # fmt: skip

    assert main(["progress", "export", "--db", str(db), "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert main(["progress", "export", "--db", str(db), "--format", "csv"]) == 0
    header, *rows = csv.reader(io.StringIO(capsys.readouterr().out))

    assert header == list(COLUMNS) and len(rows) == len(records) == 2  # the undone answer is not there
    with Store.open(db) as store:
        [who] = store.learners()
        reviews = sorted(store.reviews(who.id), key=lambda r: r.reviewed_at)
    assert [(r["question_id"], r["rating"], r["overridden"]) for r in records] == [("q1", 3, False), ("q3", 3, True)]
    assert [r["learner_uuid"] for r in records] == [who.uuid] * 2 and reviews[1].overridden
    assert records[0]["time"] == reviews[0].reviewed_at.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    assert rows[0][1] == "'=cmd|' /C calc'!A0" and rows[0][8] == "'-2+3"  # formulas neutralised in CSV
    assert records[0]["learner"] == "=cmd|' /C calc'!A0"  # JSON carries the values as they are


def test_simulate_writes_a_class_the_reports_take_and_will_not_mix_with_another(tmp_path):
    out = tmp_path / "sim"

    first = tutor("class", "simulate", "mali", "--learners", "2", "--days", "1", "--out", str(out))
    again = tutor("class", "simulate", "mali", "--learners", "2", "--days", "1", "--out", str(out))

    assert first.returncode == 0 and (out / "truth.json").is_file() and len(list(out.glob("*.db"))) == 2
    assert again.returncode == 1 and "already holds progress files" in again.stderr


def test_xapi_dry_run_prints_one_statement_a_line_and_sends_nothing(simulated, tmp_path, capsys):
    db = tmp_path / "class.db"
    shutil.copy(simulated.db, db)

    assert main(["class", "xapi", str(db), "--endpoint", "http://127.0.0.1:9/xAPI/", "--user", "u",
                 "--dry-run"]) == 0  # fmt: skip

    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 1000 and all(json.loads(line)["id"] for line in lines[:50])
    with Store.open(db) as store:
        assert store.conn.execute("SELECT count(*) FROM outbox").fetchone() == (0,)


def test_xapi_to_an_lrs_that_does_not_answer_keeps_everything_for_the_next_run(simulated, tmp_path):
    db = tmp_path / "class.db"
    shutil.copy(simulated.db, db)

    run = tutor("class", "xapi", str(db), "--endpoint", "http://127.0.0.1:9/xAPI/", "--user", "u", "--password", "p")

    assert run.returncode == 1 and len(run.stderr.splitlines()) == 1
    assert "did not answer" in run.stderr and "run this again to send them" in run.stderr


def test_a_command_that_reads_a_database_refuses_an_empty_or_missing_one_and_leaves_it_as_it_was(tmp_path):
    # Tried by hand: each of these wrote a new schema into the empty file and exited 0 with an empty report.
    empty = tmp_path / "empty.db"
    empty.touch()
    missing = tmp_path / "nope" / "missing.db"
    for args in (["class", "gradebook", str(empty), "--course", "mali", "--out", "-"], ["class", "items", str(empty)],
                 ["class", "xapi", str(empty), "--endpoint", "http://127.0.0.1:9/", "--user", "u", "--password", "p",
                  "--dry-run"],
                 ["progress", "export", "--db", str(empty), "--format", "csv"], ["stats", "--db", str(empty)],
                 ["progress", "optimize", "--db", str(empty)], ["settings", "--db", str(empty)],
                 ["progress", "export", "--db", str(missing), "--format", "csv"],
                 ["progress", "optimize", "--db", str(missing)]):  # fmt: skip
        run = tutor(*args)
        assert run.returncode == 1 and "Traceback" not in run.stderr, args
        assert len(run.stderr.splitlines()) == 1 and ("empty" in run.stderr or "no progress database" in run.stderr), args
        assert empty.stat().st_size == 0 and not missing.parent.exists(), args


def test_options_that_cannot_work_are_refused_in_one_line_before_anything_is_sent_or_written(simulated, tmp_path):
    db = tmp_path / "class.db"
    shutil.copy(simulated.db, db)
    lrs = ["--endpoint", "http://127.0.0.1:9/", "--user", "u", "--password", "p"]
    a_file = tmp_path / "a-file"
    a_file.touch()
    for args, says in ((["xapi", str(db), *lrs, "--batch", "0"], "--batch 0"),
                       (["xapi", str(db), *lrs, "--base", "not an iri"], "not an IRI"),
                       (["items", str(db), "--min-attempts", "-5"], "--min-attempts -5"),
                       (["simulate", "mali", "--learners", "2", "--days", "1", "--out", str(a_file)], "it is a file"),
                       (["simulate", "mali", "--learners", "2", "--days", "1", "--out", "/proc/sim"],
                        "cannot make the folder")):  # fmt: skip
        run = tutor("class", *args)
        assert run.returncode == 1 and run.stderr.splitlines() == [run.stderr.strip()] and says in run.stderr, args
    with Store.open(db) as store:
        assert store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0


def test_a_negative_figure_stays_a_number_in_a_spreadsheet():
    from progress.classes.cells import safe

    assert [safe(v) for v in (-0.1147, -3, 0.5)] == ["-0.1147", "-3", "0.5"]
    assert safe("-0.1147") == "'-0.1147"  # typed text that would start a formula stays text


def test_a_merge_that_refuses_every_file_leaves_no_class_database(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_text("not a database\n" * 50)
    run = tutor("class", "merge", str(bad), "--into", str(tmp_path / "class.db"))
    assert run.returncode == 1 and "1 file(s) refused" in run.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.db"]
