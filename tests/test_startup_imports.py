"""Import hygiene: what studying needs before the first question stays light."""

import subprocess
import sys
import textwrap

HEAVY = ("sqlite_utils", "ruamel", "rapidfuzz", "text_to_num", "pysbd", "tutor.ask", "content.lint")


def test_opening_a_store_and_the_app_imports_nothing_heavy(tmp_path):
    db = tmp_path / "progress.db"
    subprocess.run([sys.executable, "-c", f"from progress.store import Store; Store.open(__import__('pathlib').Path({str(db)!r}))"],
                   check=True)
    probe = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        import tutor.app, tutor.cli
        from progress.store import Store
        Store.open(Path({str(db)!r}))
        print(" ".join(sorted(m for m in sys.modules if m.startswith({HEAVY!r}))))
    """)
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.split() == []
