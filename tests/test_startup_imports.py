"""Import hygiene: what studying needs before the first question stays light."""

import subprocess
import sys
import textwrap
from pathlib import Path

HEAVY = ("sqlite_utils", "ruamel", "rapidfuzz", "text_to_num", "pysbd", "pydantic", "tutor.ask", "content.lint",
         "content.schema", "content.study_order", "progress.backup", "progress.health")
MALI = Path(__file__).resolve().parents[1] / "content" / "courses" / "mali"


def test_a_second_start_reaches_the_first_question_without_heavy_imports(tmp_path):
    db, cache = tmp_path / "progress.db", tmp_path / "cache"
    first_start = textwrap.dedent(f"""
        from pathlib import Path
        from content.course import open_course
        from progress.store import Store
        from tutor.study.engine import Engine
        course = open_course(Path({str(MALI)!r}), cache=Path({str(cache)!r}))
        Engine(course, Store.open(Path({str(db)!r})), "ana").start()
    """)
    subprocess.run([sys.executable, "-c", first_start], check=True)
    probe = first_start + textwrap.dedent(f"""
        import sys
        import tutor.tui.app, tutor.cli
        print(" ".join(sorted(m for m in sys.modules if m.startswith({HEAVY!r}))))
    """)
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.split() == []


# Loaded by the study thread after the study screen's first frame, never on the way to it.
STUDY_THREAD = ("content.course", "content.bank", "content.questions", "content.grading", "content.matching",
                "content.text.dates", "content.ask", "progress.queue", "tutor.study.engine")


def test_the_study_screen_is_shown_before_the_course_grading_or_queue_is_imported():
    probe = textwrap.dedent(f"""
        import sys
        import tutor.cli, tutor.cli.study, tutor.config, tutor.tui.app
        from tutor.cli import parser
        parser(("study",))
        heavy = {STUDY_THREAD!r}
        print(" ".join(sorted(m for m in sys.modules if m in heavy or m.startswith(tuple(h + "." for h in heavy)))))
    """)
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.split() == []
