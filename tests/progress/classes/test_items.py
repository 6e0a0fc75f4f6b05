"""Item analysis against figures computed by hand on a class of four, and on a simulated class."""

from __future__ import annotations

import math

import pytest

from content.questions import Choice, Multi, Short
from progress.classes.classdb import open_class
from progress.classes.items import item_analysis
from progress.classes.merge import merge_file
from tests.progress.classes.learners import Said, write_learner

COMMON = {"prompt": "?", "explain": "."}
CAPITAL = Choice(id="capital", answer="Bamako", options=["Gao", "Timbuktu"], **COMMON)
FOUNDER = Short(id="founder", answer="Iyad Ag Ghali", **COMMON)
GROUPS = Multi(id="groups", answers=["MNLA", "Ansar Dine"], options=["UN peacekeepers"], **COMMON)
QUESTIONS = {q.id: q for q in (CAPITAL, FOUNDER, GROUPS)}

# Each learner's first attempts (score, stored response), one per question: the scores of the fixture are
#          capital  founder  groups
#   ana    1        1        1
#   ben    1        0        1
#   cai    0        1        0
#   dee    0        0        0.5
FIRST = {
    "ana": [("capital", 1.0, "Bamako"), ("founder", 1.0, "Iyad Ag Ghali"), ("groups", 1.0, "MNLA | Ansar Dine")],
    "ben": [("capital", 1.0, "Bamako"), ("founder", 0.0, "Belmokhtar"), ("groups", 1.0, "Ansar Dine | MNLA")],
    "cai": [("capital", 0.0, "Gao"), ("founder", 1.0, "iyad ag ghali"), ("groups", 0.0, "UN peacekeepers")],
    "dee": [("capital", 0.0, "Gao"), ("founder", 0.0, "belmokhtar "), ("groups", 0.5, "MNLA")],
}


@pytest.fixture
def klass(tmp_path):
    with open_class(tmp_path / "class.db", create=True) as store:
        for name, first in FIRST.items():
            said = [Said(q, score, response, revision=QUESTIONS[q].revision(),
                         then="override" if (name, q) == ("dee", "founder") else "")
                    for q, score, response in first]  # fmt: skip
            if name == "ana":  # later attempts, and an answer to an earlier wording of the capital question
                said += [Said("capital", 0.0, "Timbuktu", revision=CAPITAL.revision(), minutes=3000),
                         Said("capital", 1.0, "Bamako", revision="000000000000", minutes=3000)]
            if name == "ben":  # an answer undone does not count
                said.insert(0, Said("founder", 0.0, "Mokhtar", revision=FOUNDER.revision(), then="undo"))
            write_learner(tmp_path / f"{name}.db", name, said, questions=QUESTIONS)
            merge_file(store.conn, tmp_path / f"{name}.db")
        yield store


def moodle(xs, totals):
    """Moodle's figures as its calculator computes them: the rest of the test is the sum of the other marks."""
    s = len(xs)
    others = [t - x for x, t in zip(xs, totals)]
    mx, mo = sum(xs) / s, sum(others) / s
    vx = sum((x - mx) ** 2 for x in xs) / (s - 1)
    vo = sum((o - mo) ** 2 for o in others) / (s - 1)
    cov = sum((x - mx) * (o - mo) for x, o in zip(xs, others)) / (s - 1)
    cmax = sum((x - mx) * (o - mo) for x, o in zip(sorted(xs), sorted(others))) / (s - 1)
    return cov / math.sqrt(vx * vo), cov / cmax


def test_facility_sd_discrimination_and_efficiency_match_the_hand_computed_figures(klass):
    items = {(i.question_id, i.revision): i for i in item_analysis(klass.conn, "mali", QUESTIONS, min_attempts=4)}
    capital, founder, groups = (items[q.id, q.revision()] for q in (CAPITAL, FOUNDER, GROUPS))

    # capital: x = 1 1 0 0; the rest (mean of the two others) = 1, 1/2, 1/2, 1/4.
    # mean x 1/2, V(x) = 4 * 1/4 / 3 = 1/3; mean rest 9/16, deviations 7/16, -1/16, -1/16, -5/16:
    # V(rest) = (49 + 1 + 1 + 25) / 256 / 3 = 76/768; C = (7/32 - 1/32 + 1/32 + 5/32) / 3 = 1/8.
    assert capital.attempts == 4 and capital.facility == 0.5
    assert capital.sd == pytest.approx(math.sqrt(1 / 3), abs=1e-4)
    assert capital.discrimination == pytest.approx((1 / 8) / math.sqrt(1 / 3 * 76 / 768), abs=1e-4)
    assert capital.efficiency == pytest.approx(1.0)  # the best ordering these scores allow
    # founder: x = 1 0 1 0; rest = 1, 1, 0, 1/4; C = (7/32 - 7/32 - 9/32 + 5/32) / 3 = -1/24;
    # sorted pairs give Cmax = (9/32 + 5/32 + 7/32 + 7/32) / 3 = 28/96.
    assert founder.facility == 0.5
    assert founder.efficiency == pytest.approx((-1 / 24) / (28 / 96), abs=1e-4)
    assert founder.discrimination < 0 and "negative-discrimination" in founder.flags
    assert groups.facility == pytest.approx(2.5 / 4)
    # With every learner answering every question, the mean-based rest gives exactly Moodle's figures.
    totals = [3, 2, 1, 0.5]
    for item, xs in ((capital, [1, 1, 0, 0]), (founder, [1, 0, 1, 0]), (groups, [1, 1, 0, 0.5])):
        assert (item.discrimination, item.efficiency) == pytest.approx(moodle(xs, totals), abs=1e-4)


def test_options_picked_refusals_overrides_and_revisions_are_reported(klass):
    items = {(i.question_id, i.revision): i for i in item_analysis(klass.conn, "mali", QUESTIONS, min_attempts=4)}
    capital, founder, groups = (items[q.id, q.revision()] for q in (CAPITAL, FOUNDER, GROUPS))

    assert [(o.text, o.correct, o.picked) for o in capital.options] == [
        ("Bamako", True, 2), ("Gao", False, 2), ("Timbuktu", False, 0)
    ]
    assert "unpicked-distractor" in capital.flags
    assert {o.text: o.picked for o in groups.options} == {"Ansar Dine": 2, "MNLA": 3, "UN peacekeepers": 1}
    assert [(r.response, r.count, r.overridden) for r in founder.refusals] == [("Belmokhtar", 2, 1)]
    assert founder.overrides == 1 and capital.refusals == ()
    older = items["capital", "000000000000"]
    assert (older.attempts, older.current, older.options) == (1, False, ())


def test_all_attempts_counts_the_later_answers_too(klass):
    items = {(i.question_id, i.revision): i
             for i in item_analysis(klass.conn, "mali", QUESTIONS, first_only=False, min_attempts=4)}

    capital = items["capital", CAPITAL.revision()]
    assert capital.attempts == 5 and capital.facility == pytest.approx(2 / 5)
    assert {o.text: o.picked for o in capital.options}["Timbuktu"] == 1


def test_json_has_the_documented_fields(klass):
    [first, *_] = item_analysis(klass.conn, "mali", QUESTIONS)

    assert {"question_id", "revision", "attempts", "facility", "sd", "discrimination", "efficiency",
            "flags"} <= first.to_json().keys()  # fmt: skip
    assert first.flags == ()  # four attempts are too few to flag anything by default
