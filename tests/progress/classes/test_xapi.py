"""xAPI statements of answers and undos, the app's own check of them, the outbox and the sender's rules."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone

import pytest

from content.questions import Choice, Item, Numeric, Order, Pairs, Short, TrueFalse
from progress.classes import outbox
from progress.classes.attempts import attempts
from progress.classes.classdb import open_class
from progress.classes.merge import merge_file
from progress.classes.sender import Refused, Unreachable, send, statements_url
from progress.classes.statements import CourseInfo, Naming, iso_duration
from progress.classes.validate import problems
from tests.progress.classes.learners import Said, write_learner

COMMON = {"prompt": "Which?", "explain": "."}
QUESTIONS = {q.id: q for q in (
    Choice(id="capital", answer="Bamako", options=["Gao", "Timbuktu"], **COMMON),
    Short(id="founder", answer="Iyad Ag Ghali", accept=["Ag Ghali"], **COMMON),
    TrueFalse(id="landlocked", statement="Mali is landlocked.", answer=True, **COMMON),
    Numeric(id="year", answer=1960, tolerance=1, **COMMON),
    Order(id="events", items=[Item("Coup", "a"), Item("Accord", "b")], **COMMON),
    Pairs(id="towns", pairs={"Gao": "east", "Kayes": "west"}, **COMMON),
)}  # fmt: skip
COURSE = CourseInfo("mali", "Mali", QUESTIONS)
LRS = "http://lrs.example/xAPI/statements"
NOW = datetime(2025, 4, 1, tzinfo=timezone.utc)


def said(question_id, response, score=1.0, **more):
    return Said(question_id, score, response, revision=QUESTIONS[question_id].revision(), **more)


@pytest.fixture
def klass(tmp_path):
    write_learner(tmp_path / "ana.db", "ana", [
        said("capital", "Gao", 0.0), said("founder", "ag ghali"), said("landlocked", "True"),
        said("year", "about 1961"), said("events", "Accord | Coup", 0.0), said("towns", "Gao -> east; Kayes -> west"),
        said("founder", "Belmokhtar", 0.0, then="undo"), Said("capital", 1.0, "Bamako", revision="000000000000"),
    ], questions=QUESTIONS)  # fmt: skip
    with open_class(tmp_path / "class.db", create=True) as store:
        merge_file(store.conn, tmp_path / "ana.db")
        store.update_profile(store.learners()[0].id, display_name="Ana Silva", email="ana@school.example")
        yield store


def built(store, naming=Naming()):
    return outbox.build_new(store.conn, LRS, {"mali": COURSE}, naming)


def test_each_answer_is_an_answered_statement_about_its_question_as_a_cmi_interaction(klass):
    statements = {f"{s['object']['id'].rsplit('/', 1)[-1]}:{s['result'].get('response', '')}": s
                  for _, s in built(klass).statements if s["verb"]["id"].endswith("/answered")}  # fmt: skip
    [ana] = klass.learners()

    capital = statements["capital:gao"]
    assert capital["verb"]["id"] == "http://adlnet.gov/expapi/verbs/answered"
    assert capital["actor"] == {"objectType": "Agent", "account": {"homePage": "https://tutor.invalid", "name": ana.uuid}}
    assert capital["object"]["id"] == "https://tutor.invalid/courses/mali/questions/capital"
    definition = capital["object"]["definition"]
    assert definition["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction"
    assert (definition["interactionType"], definition["correctResponsesPattern"]) == ("choice", ["bamako"])
    assert [c["id"] for c in definition["choices"]] == ["bamako", "gao", "timbuktu"]
    assert capital["result"] == {
        "score": {"scaled": 0.0}, "success": False, "response": "gao", "duration": "PT4.25S",
        "extensions": {"https://tutor.invalid/xapi/extensions/hinted": False,
                       "https://tutor.invalid/xapi/extensions/overridden": False},
    }  # fmt: skip
    assert capital["context"]["revision"] == QUESTIONS["capital"].revision()
    assert capital["timestamp"].endswith("Z")
    kinds = {key.split(":")[0]: s["object"]["definition"]["interactionType"] for key, s in statements.items()
             if "interactionType" in s["object"]["definition"]}
    assert kinds == {"capital": "choice", "founder": "fill-in", "landlocked": "true-false", "year": "numeric",
                     "events": "sequencing", "towns": "matching"}  # fmt: skip
    assert statements["year:1961"]["object"]["definition"]["correctResponsesPattern"] == ["1959[:]1961"]
    assert statements["events:accord[,]coup"]["object"]["definition"]["steps"]
    towns = statements["towns:gao[.]east[,]kayes[.]west"]["object"]["definition"]
    assert ([c["id"] for c in towns["source"]], [c["id"] for c in towns["target"]]) == (["gao", "kayes"],
                                                                                       ["east", "west"])
    # An answer to an earlier revision is about the same activity, left undescribed.
    assert "interactionType" not in statements["capital:Bamako"]["object"]["definition"]
    # Statement ids are the review UUIDs.
    assert {s["id"] for _, s in built(klass).statements} >= {a.uuid for a in attempts(klass.conn)}


def test_an_undone_answer_is_sent_and_voided_by_a_statement_referring_to_it(klass):
    statements = [s for _, s in built(klass).statements]

    [void] = [s for s in statements if s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/voided"]
    [undone] = [s for s in statements if s.get("result", {}).get("response") == "Belmokhtar"]
    assert void["object"] == {"objectType": "StatementRef", "id": undone["id"]}
    assert statements.index(void) > statements.index(undone) and "context" not in void


def test_the_email_is_sent_only_when_asked_for(klass):
    plain = json.dumps([s for _, s in built(klass).statements])
    by_mail = [s for _, s in built(klass, Naming(mbox=True)).statements]

    assert "ana@school.example" not in plain and "Ana Silva" not in plain
    assert by_mail[0]["actor"] == {"objectType": "Agent", "name": "Ana Silva", "mbox": "mailto:ana@school.example"}


def test_every_statement_built_passes_the_app_s_check_and_the_check_finds_what_is_wrong(klass):
    good = [s for _, s in built(klass).statements]
    assert [problems(s) for s in good] == [[] for _ in good] and built(klass).invalid == []

    def broken(change):
        statement = json.loads(json.dumps(good[0]))
        change(statement)
        return problems(statement)

    assert broken(lambda s: s["result"].update(response="")) == ["result.response: empty"]
    assert broken(lambda s: s["object"].update(id="not an iri")) == ["object.id: not an IRI"]
    assert broken(lambda s: s["result"]["score"].update(scaled=1.5))
    assert broken(lambda s: s["result"].update(duration="4.25 seconds"))
    assert broken(lambda s: s["object"]["definition"]["choices"].append({"id": "gao"}))
    assert broken(lambda s: s["object"]["definition"]["choices"][0].update(id="two words"))
    assert broken(lambda s: s["actor"].update(mbox="mailto:a@b.example"))  # two identifiers
    assert broken(lambda s: s.update(object={"objectType": "StatementRef", "id": s["id"]}))  # context platform
    assert broken(lambda s: s.update(id="01a1"))


def test_durations_are_iso_8601_to_the_hundredth_of_a_second():
    assert [iso_duration(ms) for ms in (0, 4250, 60_000, 65_500, 3_723_010, 4)] == [
        "PT0S", "PT4.25S", "PT1M", "PT1M5.5S", "PT1H2M3.01S", "PT0S"
    ]


def test_queued_statements_are_not_built_again_and_an_undo_after_sending_is_voided_later(klass):
    first = built(klass)
    assert outbox.queue(klass.conn, LRS, first, NOW) == len(first.statements)
    assert built(klass).statements == []
    assert outbox.counts(klass.conn, LRS) == {"pending": len(first.statements)}
    [ana] = klass.learners()

    klass.undo_last(ana.id, now=NOW)

    [(_, void)] = built(klass).statements
    assert void["verb"]["id"].endswith("/voided")
    # Another LRS has an outbox of its own.
    assert len(outbox.build_new(klass.conn, "http://other.example/statements", {"mali": COURSE},
                                Naming()).statements) == len(first.statements) + 1


@dataclass
class FakeLrs:
    """Answers posts as it is told, and keeps what it acknowledged."""

    url: str = LRS
    answers: list[int] = field(default_factory=list)  # one status per post; then 200
    conflicting: set[str] = field(default_factory=set)
    stored: list[str] = field(default_factory=list)
    posts: int = 0

    def post(self, texts):
        self.posts += 1
        ids = [json.loads(t)["id"] for t in texts]
        status = self.answers.pop(0) if self.answers else (409 if self.conflicting & set(ids) else 200)
        if status == 599:
            raise Unreachable("the network went away")
        if status in (200, 204):
            self.stored += [i for i in ids if i not in self.stored]
        return status, json.dumps({"detail": "no"})


def test_sending_marks_what_the_lrs_acknowledged_and_resumes_with_the_rest(klass):
    statements = built(klass)
    outbox.queue(klass.conn, LRS, statements, NOW)
    total = len(statements.statements)
    lrs = FakeLrs(answers=[200, 599])

    with pytest.raises(Unreachable):
        send(klass.conn, lrs, batch=3)

    assert outbox.counts(klass.conn, LRS) == {"sent": 3, "pending": total - 3}
    resumed = send(klass.conn, lrs, batch=3)
    assert resumed.acknowledged == total - 3 and len(lrs.stored) == total
    assert outbox.counts(klass.conn, LRS) == {"sent": total}


def test_a_conflict_is_reported_once_and_the_others_in_its_batch_are_sent(klass):
    statements = built(klass)
    outbox.queue(klass.conn, LRS, statements, NOW)
    clash = statements.statements[1][1]["id"]
    lrs = FakeLrs(conflicting={clash})

    sent = send(klass.conn, lrs, batch=4)

    assert sent.conflicts == [clash] and sent.acknowledged == len(statements.statements) - 1
    assert outbox.counts(klass.conn, LRS)["conflict"] == 1
    assert send(klass.conn, lrs).acknowledged == 0  # not retried


def test_a_wrong_password_stops_sending_and_leaves_everything_pending(klass):
    statements = built(klass)
    outbox.queue(klass.conn, LRS, statements, NOW)

    with pytest.raises(Refused, match="^the LRS refused the user/password$"):
        send(klass.conn, FakeLrs(answers=[401]))

    assert outbox.counts(klass.conn, LRS) == {"pending": len(statements.statements)}


def test_the_statements_resource_is_found_from_the_endpoint():
    assert statements_url("https://lrs.example/xAPI/") == "https://lrs.example/xAPI/statements"
    assert statements_url("http://127.0.0.1:8100/xAPI/statements") == "http://127.0.0.1:8100/xAPI/statements"
    with pytest.raises(ValueError):
        statements_url("lrs.example")
