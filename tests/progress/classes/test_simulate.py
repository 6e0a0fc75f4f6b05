"""A simulated class studies through the real grading, scheduler and store, and the reports find its truth."""

from __future__ import annotations

from datetime import datetime, timezone

from progress.classes.gradebook import Outline, gradebook, moodle_columns, table
from progress.classes.items import item_analysis
from progress.classes.simulate import Truth, simulate
from progress.store import Store
from tests.progress.replay import assert_cards_are_their_replays


def ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=values.__getitem__)
    out = [0.0] * len(values)
    i = 0
    while i < len(order):  # ties share their mean rank
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2
        i = j + 1
    return out


def spearman(a: list[float], b: list[float]) -> float:
    ra, rb = ranks(a), ranks(b)
    ma, mb = sum(ra) / len(ra), sum(rb) / len(rb)
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    return cov / (sum((x - ma) ** 2 for x in ra) * sum((y - mb) ** 2 for y in rb)) ** 0.5


def test_facility_ranks_the_questions_as_their_true_difficulty_does(simulated, mali_course):
    with Store.open(simulated.db) as store:
        items = item_analysis(store.conn, mali_course.id, {q.id: q for q in mali_course.bank.questions})
    answered = [i for i in items if i.current and i.attempts >= 20]
    assert len(answered) >= 50

    rho = spearman([i.facility for i in answered], [-simulated.truth.difficulty[i.question_id] for i in answered])

    assert rho > 0.6, rho
    flags = {flag for i in items for flag in i.flags}
    assert {"unpicked-distractor", "too-hard"} <= flags
    assert any(r.overridden for i in items for r in i.refusals)  # right answers refused, and said so


def test_the_learners_first_attempts_rank_them_as_their_true_ability_does(simulated):
    with Store.open(simulated.db) as store:
        by_name = {who.name: who.id for who in store.learners()}
        firsts: dict[int, list[float]] = {}
        seen = set()
        for learner_id, question_id, score in store.conn.execute(
            "SELECT r.learner_id, c.question_id, r.score FROM reviews r JOIN cards c ON c.id = r.card_id "
            "WHERE r.kind = 'answer' ORDER BY r.reviewed_at"
        ):
            if (learner_id, question_id) not in seen:
                seen.add((learner_id, question_id))
                firsts.setdefault(learner_id, []).append(score)
    people = simulated.truth.learners
    mean = [sum(firsts[by_name[p.name]]) / len(firsts[by_name[p.name]]) for p in people]

    assert spearman(mean, [p.ability for p in people]) > 0.7


def test_every_file_is_a_healthy_tutor_file_whose_cards_are_their_replays(simulated, mali_course):
    files = sorted(simulated.files.glob("*.db"))
    assert len(files) == len(simulated.truth.learners)
    for path in files[:5]:
        with Store.open(path) as store:
            [who] = store.learners()
            assert store.check() == []
            assert_cards_are_their_replays(store, who.id, mali_course.id)
            kinds = {kind for (kind,) in store.conn.execute("SELECT DISTINCT kind FROM reviews")}
            assert "answer" in kinds


def test_typed_answers_are_graded_by_the_question_itself(simulated, mali_course):
    typed = {q.id: q for q in mali_course.bank.questions if q.type == "short"}
    with Store.open(simulated.db) as store:
        rows = store.conn.execute(
            "SELECT c.question_id, r.response, r.score FROM reviews r JOIN cards c ON c.id = r.card_id "
            "WHERE r.kind = 'answer' LIMIT 3000"
        ).fetchall()
    checked = [(typed[q].check(response).score, score) for q, response, score in rows if q in typed]
    assert len(checked) > 100 and all(again == score for again, score in checked)
    assert {score for _, score in checked} == {0.0, 1.0}
    responses = {response for q, response, _ in rows if q in typed}
    assert "" in responses and any(r != r.strip() or r.islower() for r in responses if r)


def test_every_gradebook_value_of_the_simulated_class_is_within_its_declared_range(simulated, mali_course):
    outline = Outline(mali_course.id, mali_course.title, {q.id: tuple(q.topics) for q in mali_course.bank.questions})
    with Store.open(simulated.db) as store:
        rows = gradebook(store.conn, outline, datetime(2025, 9, 7, 23, tzinfo=timezone.utc), tz=timezone.utc)

    assert len(table(moodle_columns(outline), rows)) == len(simulated.truth.learners)  # raises when out of range
    assert max(row.streak for row in rows) >= 2 and all(0 <= row.mastery <= 100 for row in rows)


def test_the_same_seed_simulates_the_same_class_and_the_truth_is_kept_beside_it(tmp_path, mali_course):
    start = datetime(2025, 9, 1, tzinfo=timezone.utc)
    logs = []
    for run in ("a", "b"):
        truth = simulate(mali_course, tmp_path / run, learners=2, days=3, seed=5, start=start)
        assert Truth.read(tmp_path / run) == truth
        log = []
        for who in truth.learners:
            with Store.open(tmp_path / run / who.file) as store:
                log += store.conn.execute(
                    "SELECT c.question_id, r.kind, r.reviewed_at, r.rating, r.response, r.score FROM reviews r "
                    "JOIN cards c ON c.id = r.card_id ORDER BY r.id").fetchall()  # fmt: skip
        logs.append(log)
    assert logs[0] == logs[1] and len(logs[0]) > 20
