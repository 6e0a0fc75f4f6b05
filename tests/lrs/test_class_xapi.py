"""`tutor class xapi` end to end against the real Ralph: what is sent is stored once, valid, and resumable."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from progress.classes import outbox
from progress.classes.classdb import open_class
from progress.classes.merge import merge_file
from progress.classes.simulate import simulate
from progress.store import Store
from tutor.cli import main

pytestmark = pytest.mark.xdist_group("lrs")

ROOT = Path(__file__).resolve().parents[2]
ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
VOIDED = "http://adlnet.gov/expapi/verbs/voided"
START = datetime(2025, 9, 1, tzinfo=timezone.utc)


def make_class(folder: Path, course, learners: int, days: int) -> Path:
    """A simulated class merged into one database: fresh learner and review UUIDs every time."""
    simulate(course, folder / "files", learners=learners, days=days, seed=7, start=START)
    db = folder / "class.db"
    with open_class(db, create=True) as store:
        for path in sorted((folder / "files").glob("*.db")):
            merge_file(store.conn, path)
    return db


def xapi_args(db: Path, lrs, *more: str, password: str | None = None) -> list[str]:
    endpoint = lrs.url.removesuffix("/statements")
    return ["class", "xapi", str(db), "--endpoint", endpoint, "--user", lrs.user,
            "--password", lrs.password if password is None else password, *more]  # fmt: skip


def agents(db: Path) -> dict[str, dict]:
    with Store.open(db) as store:
        return {who.uuid: {"objectType": "Agent", "account": {"homePage": "https://tutor.invalid", "name": who.uuid}}
                for who in store.learners()}  # fmt: skip


def outbox_statements(db: Path, lrs) -> list[dict]:
    with Store.open(db) as store:
        return [json.loads(text) for (text,) in store.conn.execute(
            "SELECT statement FROM outbox WHERE lrs = ? ORDER BY id", (lrs.url,))]  # fmt: skip


def stored_by_agent(db: Path, lrs) -> dict[str, list[dict]]:
    return {uuid: lrs.statements_about(agent) for uuid, agent in agents(db).items()}


def counts(db: Path, lrs) -> dict[str, int]:
    with Store.open(db) as store:
        return outbox.counts(store.conn, lrs.url)


def test_a_class_s_statements_are_stored_read_back_by_learner_and_valid(lrs, validate_statements, mali_course,
                                                                        tmp_path, capsys):  # fmt: skip
    db = make_class(tmp_path, mali_course, learners=3, days=3)

    assert main(xapi_args(db, lrs)) == 0

    sent = outbox_statements(db, lrs)
    stored = stored_by_agent(db, lrs)
    assert sum(map(len, stored.values())) == len(sent) > 100
    assert validate_statements(sent) == []
    by_id = {s["id"]: s for s in sent}
    for uuid, statements in stored.items():
        assert len({s["id"] for s in statements}) == len(statements)  # none twice
        for statement in statements:
            mine = by_id[statement["id"]]
            assert mine["actor"]["account"]["name"] == uuid
            assert {k: statement.get(k) for k in ("actor", "verb", "object", "result")} == {
                k: mine.get(k) for k in ("actor", "verb", "object", "result")
            }
    kinds = {s["object"]["definition"].get("interactionType") for s in sent if s["verb"]["id"] == ANSWERED}
    assert kinds >= {"true-false", "choice", "fill-in", "sequencing", "matching", "numeric"}
    with Store.open(db) as store:
        (answers,) = store.conn.execute("SELECT count(*) FROM reviews WHERE kind = 'answer'").fetchone()
        (voids,) = store.conn.execute("SELECT count(*) FROM reviews WHERE kind = 'void'").fetchone()
    assert sum(s["verb"]["id"] == ANSWERED for s in sent) == answers
    assert sum(s["verb"]["id"] == VOIDED for s in sent) == voids
    assert counts(db, lrs) == {"sent": len(sent)}
    # Sending again sends nothing.
    capsys.readouterr()
    assert main(xapi_args(db, lrs)) == 0
    assert "queued 0 new statement(s); 0 to send" in capsys.readouterr().out


def test_an_undo_after_sending_sends_a_voiding_statement_that_refers_to_the_answer(lrs, mali_course, tmp_path):
    db = make_class(tmp_path, mali_course, learners=1, days=1)
    assert main(xapi_args(db, lrs)) == 0
    with Store.open(db) as store:
        [who] = store.learners()
        undone = store.undo_last(who.id, now=datetime.now(timezone.utc))
        (answer_uuid,) = store.conn.execute("SELECT uuid FROM reviews WHERE id = ?", (undone.review_id,)).fetchone()

    assert main(xapi_args(db, lrs)) == 0

    [void] = [s for s in lrs.statements_about(agents(db)[who.uuid]) if s["verb"]["id"] == VOIDED
              and s["object"]["id"] == answer_uuid]  # fmt: skip
    assert void["object"] == {"objectType": "StatementRef", "id": answer_uuid}


def test_a_sender_killed_midway_resumes_with_only_what_was_not_acknowledged(lrs, mali_course, tmp_path):
    db = make_class(tmp_path, mali_course, learners=3, days=4)
    command = [sys.executable, "-m", "tutor.cli", *xapi_args(db, lrs, "--batch", "10")]
    sender = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    acknowledged = 0
    assert sender.stdout is not None
    for line in sender.stdout:
        if line.startswith("acknowledged "):
            acknowledged = int(line.split()[1].split("/")[0])
            if acknowledged >= 40:
                os.kill(sender.pid, signal.SIGKILL)
                break
    sender.wait(timeout=30)
    assert sender.returncode == -signal.SIGKILL, sender.stderr.read() if sender.stderr else ""

    at_kill = counts(db, lrs)
    assert at_kill["sent"] >= acknowledged and at_kill["pending"] > 0
    resumed = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300)

    assert resumed.returncode == 0, resumed.stderr
    assert f"queued 0 new statement(s); {at_kill['pending']} to send" in resumed.stdout
    sent = outbox_statements(db, lrs)
    stored = [s for statements in stored_by_agent(db, lrs).values() for s in statements]
    assert sorted(s["id"] for s in stored) == sorted(s["id"] for s in sent)  # all there, none twice
    assert counts(db, lrs) == {"sent": len(sent)}


def test_a_wrong_password_is_one_clear_line_and_nothing_is_stored(lrs, mali_course, tmp_path):
    db = make_class(tmp_path, mali_course, learners=1, days=1)
    command = [sys.executable, "-m", "tutor.cli", *xapi_args(db, lrs, password="not-the-password")]

    refused = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=120)

    assert refused.returncode == 1
    assert refused.stderr == "tutor: the LRS refused the user/password\n"
    assert all(statements == [] for statements in stored_by_agent(db, lrs).values())
    assert set(counts(db, lrs)) == {"pending"}


def test_a_conflict_is_reported_not_retried_and_the_rest_is_sent(lrs, mali_course, tmp_path, capsys):
    db = make_class(tmp_path, mali_course, learners=1, days=1)
    assert main(xapi_args(db, lrs, "--dry-run")) == 0
    first, *rest = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    other = json.loads(json.dumps(first))
    other["result"]["duration"] = "PT1H"
    assert lrs.request("POST", other).status == 200  # someone else's statement under that id

    assert main(xapi_args(db, lrs)) == 1

    err = capsys.readouterr().err
    assert f"conflict: the LRS holds another statement under the id {first['id']}" in err
    assert counts(db, lrs) == {"conflict": 1, "sent": len(rest)}
    [held] = [s for s in lrs.statements_about(first["actor"]) if s["id"] == first["id"]]
    assert held["result"]["duration"] == "PT1H"
    assert main(xapi_args(db, lrs)) == 0  # reported once, not retried
