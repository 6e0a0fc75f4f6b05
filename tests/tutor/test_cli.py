"""The command line as a user meets it: answers, clear refusals, never a traceback."""

import json
import subprocess
import sys

from tutor.cli import main


def tutor(*args, env=None):
    return subprocess.run([sys.executable, "-m", "tutor.cli", *args], capture_output=True, text=True, env=env)


def test_ask_json_gives_the_passage_the_short_answer_and_where_it_stands(capsys):
    assert main(["ask", "Who formed Ansar al Din?", "--json"]) == 0
    reply = json.loads(capsys.readouterr().out)
    assert "Iyad Ag Ghali" in reply["passage"] and reply["answer"] == "Iyad Ag Ghali"
    assert reply["location"] == {"paragraph": 17, "sentences": [2]}


def test_ask_takes_any_text_file_as_material(tmp_path, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text("The Niger river flows through Bamako.\n\nTimbuktu lies near the river.\n")
    assert main(["ask", "Which river flows through Bamako?", "--material", str(notes)]) == 0
    assert "The Niger river flows through Bamako." in capsys.readouterr().out


def test_ask_about_a_missing_file_says_so():
    run = tutor("ask", "anything?", "--material", "/no/such/file.txt")
    assert run.returncode == 1 and "cannot read /no/such/file.txt" in run.stderr and "Traceback" not in run.stderr


def test_a_file_that_is_not_a_progress_database_is_refused_and_left_alone(tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_bytes(b"my own notes, not a database\n" * 100)
    before = notes.read_bytes()
    for args in (["progress", "check"], ["study", "--learner", "ana"]):
        run = tutor(*args, "--db", str(notes))
        assert run.returncode == 1 and "is not a Tutor progress database" in run.stderr
        assert "Traceback" not in run.stderr
    assert notes.read_bytes() == before


def test_progress_check_reports_a_healthy_database(tmp_path, capsys):
    db = tmp_path / "progress.db"
    from progress.store import Store

    Store.open(db).close()
    assert main(["progress", "check", "--db", str(db)]) == 0
    assert "is healthy (0 learner(s), 0 card(s), 0 review(s))" in capsys.readouterr().out


def test_optimize_says_why_it_cannot_fit_yet(tmp_path, capsys):
    db = tmp_path / "progress.db"
    from progress.store import Store

    with Store.open(db) as store:
        store.learner("ana")
    assert main(["progress", "optimize", "--db", str(db)]) == 1
    assert "ana: only 0 reviews" in capsys.readouterr().err
    assert main(["progress", "optimize", "--db", str(db), "--learner", "zed"]) == 1
    assert "no learner called 'zed'" in capsys.readouterr().err


def test_an_unknown_course_is_named_with_the_installed_ones(tmp_path):
    run = tutor("study", "--course", "chemistry", "--db", str(tmp_path / "p.db"))
    assert run.returncode == 1 and "no course called 'chemistry' (installed: mali)" in run.stderr


def test_ask_shows_escapes_in_the_material_and_never_sends_them_to_the_terminal(tmp_path):
    material = tmp_path / "m.md"
    material.write_text("The \x1b]0;pwned\x07 river rose in 1822.\n\nThe \x9b2J town was rebuilt.\n")
    for extra in ([], ["--json"]):
        run = tutor("ask", "When did the river rise?", "--material", str(material), *extra)
        assert run.returncode == 0
        assert not any(c in run.stdout for c in "\x1b\x07\x9b"), run.stdout
        assert "river rose" in run.stdout


def test_options_given_before_the_command_count_for_it(tmp_path, capsys, monkeypatch):
    """`tutor --db F progress check` once checked the default database instead of F."""
    monkeypatch.setenv("TUTOR_DB", str(tmp_path / "default.db"))
    assert main(["--db", str(tmp_path / "missing.db"), "progress", "check"]) == 1
    assert "missing.db does not exist" in capsys.readouterr().err
    assert not (tmp_path / "default.db").exists()
    from progress.store import Store

    with Store.open(tmp_path / "a.db") as store:
        store.learner("ana")
    assert main(["--db", str(tmp_path / "a.db"), "settings", "--learner", "ana", "--new-per-day", "7"]) == 0
    capsys.readouterr()
    assert main(["settings", "--db", str(tmp_path / "a.db"), "--learner", "ana"]) == 0
    assert "7" in capsys.readouterr().out
    assert main(["--learner", "ana", "--db", str(tmp_path / "a.db"), "settings"]) == 0
    assert "ana" in capsys.readouterr().out


STUDY_LINES = [
    [], ["study"], ["--learn-ahead"], ["study", "--db", "p.db", "--learner", "ana", "--course", "mali"],
    ["--db=p.db", "study", "--learner=Ana Lopez"], ["--learner", "study", "study"], ["--course", "mali", "--learn-ahead"],
]
NOT_STUDY_LINES = [
    ["-h"], ["study", "--help"], ["progress", "check"], ["--db", "p.db", "settings"], ["study", "--bogus"],
    ["study", "study"], ["--db"], ["--db", "--learner", "x"], ["--db="], ["courses"],
]


def test_a_start_to_study_is_read_by_the_study_parser_alone_as_the_whole_parser_reads_it():
    from tutor.cli import parser, studies_only

    for argv in STUDY_LINES:
        assert studies_only(argv), argv
        assert vars(parser(("study",)).parse_args(argv)) == vars(parser().parse_args(argv)), argv
    for argv in NOT_STUDY_LINES:
        assert not studies_only(argv), argv


def test_an_unknown_option_to_study_gets_the_whole_parsers_message():
    run = tutor("study", "--bogus")
    assert run.returncode == 2
    assert "unrecognized arguments: --bogus" in run.stderr
    assert "Traceback" not in run.stderr


def test_a_progress_database_in_a_folder_that_does_not_exist_is_refused_not_made(tmp_path):
    # Tried by hand: a mistyped --db made the folders and a new, empty history, as if the learner's were lost.
    typo = tmp_path / "nosuch" / "progress.db"
    run = tutor("--db", str(typo), "--learner", "ana", "--course", "mali", "study")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stderr.strip() == f"tutor: {typo}: no folder {typo.parent}; check the path, or make the folder first"
    assert not typo.parent.exists()


def test_a_course_whose_bank_is_broken_is_refused_on_one_line(tmp_path):
    # Tried by hand: the message came out with a literal "\n" in the middle of it.
    import asyncio

    from tutor.tui.app import TutorApp

    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "bank.yaml").write_text("questions: [\n")
    (folder / "material.md").write_text("# Broken\n\nSome text.\n")
    app = TutorApp(tmp_path / "p.db", [folder], "ana")

    async def scenario():
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(200):
                if app.error:
                    break
                await pilot.pause(0.02)

    asyncio.run(scenario())
    assert app.error and "\n" not in app.error
    assert app.error.endswith(f"run `tutor bank check {folder}` for all of them")
