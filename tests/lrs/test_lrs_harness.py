"""The LRS harness itself: Ralph stores, returns, refuses and deduplicates xAPI 1.0.3 statements.

These pin what Ralph 5.1.0 does, which is what Tutor's statement sender must handle.
"""

import copy
import uuid

import pytest

pytestmark = pytest.mark.xdist_group("lrs")

HOME_PAGE = "https://tutor.example.org"
ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"


def learner() -> dict:
    """An agent of its own for each test: the server is shared by the session."""
    return {"objectType": "Agent", "account": {"homePage": HOME_PAGE, "name": f"learner-{uuid.uuid4()}"}}


def answered(actor: dict, response: str = "1960", correct: bool = True) -> dict:
    """A learner's answer to a choice question, as Tutor will send it."""
    return {
        "id": str(uuid.uuid4()),
        "actor": actor,
        "verb": {"id": ANSWERED, "display": {"en-US": "answered"}},
        "object": {
            "objectType": "Activity",
            "id": f"{HOME_PAGE}/banks/mali-insurgency/questions/independence-year",
            "definition": {
                "type": INTERACTION,
                "name": {"en-US": "independence-year"},
                "description": {"en-US": "In which year did Mali become independent?"},
                "interactionType": "choice",
                "correctResponsesPattern": ["1960"],
                "choices": [
                    {"id": "1960", "description": {"en-US": "1960"}},
                    {"id": "1962", "description": {"en-US": "1962"}},
                ],
            },
        },
        "result": {
            "score": {"scaled": 1.0 if correct else 0.0},
            "success": correct,
            "response": response,
            "duration": "PT4.25S",
        },
        "timestamp": "2026-11-23T10:00:00+00:00",
    }


def test_a_posted_statement_is_stored_and_read_back_by_agent(lrs):
    actor = learner()
    statement = answered(actor)

    sent = lrs.request("POST", statement)

    assert (sent.status, sent.body) == (200, [statement["id"]])
    [stored] = lrs.statements_about(actor)
    assert stored["id"] == statement["id"]
    assert {k: stored[k] for k in ("actor", "verb", "object", "result")} == {
        k: statement[k] for k in ("actor", "verb", "object", "result")
    }
    assert stored["stored"] and stored["authority"]  # the LRS adds these


def test_later_posts_and_batches_are_appended(lrs):
    actor = learner()
    first, batch = answered(actor), [answered(actor, "1962", correct=False) for _ in range(3)]

    assert lrs.request("POST", first).status == 200
    second = lrs.request("POST", batch)

    assert (second.status, second.body) == (200, [s["id"] for s in batch])
    assert [s["id"] for s in lrs.statements_about(actor)] == [first["id"]] + [s["id"] for s in batch]


def test_reading_back_follows_more_links_past_a_page(lrs):
    actor = learner()
    batch = [answered(actor) for _ in range(105)]  # Ralph answers at most 100 a page

    assert lrs.request("POST", batch).status == 200

    assert [s["id"] for s in lrs.statements_about(actor)] == [s["id"] for s in batch]


def test_a_wrong_password_gets_401_and_stores_nothing(lrs):
    actor = learner()

    refused = lrs.request("POST", answered(actor), password="not-the-password")

    assert refused.status == 401
    assert lrs.statements_about(actor) == []


def test_resending_a_statement_id_is_204_when_equal_and_409_when_different(lrs):
    actor = learner()
    statement = answered(actor)
    changed = copy.deepcopy(statement)
    changed["result"]["response"] = "1962"
    assert lrs.request("POST", statement).status == 200
    by_id = {"statementId": statement["id"]}

    # A retry of the same statement is a success that stores nothing more, with no body.
    for method, query in (("POST", None), ("PUT", by_id)):
        again = lrs.request(method, statement, query=query)
        assert (again.status, again.body) == (204, None)
    # Another statement under a used id is a conflict.
    assert lrs.request("POST", changed).status == 409
    assert lrs.request("PUT", changed, query=by_id).status == 409
    assert [s["result"]["response"] for s in lrs.statements_about(actor)] == ["1960"]


def test_put_stores_a_new_statement_with_204(lrs):
    actor = learner()
    statement = answered(actor)

    put = lrs.request("PUT", statement, query={"statementId": statement["id"]})

    assert (put.status, put.body) == (204, None)
    assert [s["id"] for s in lrs.statements_about(actor)] == [statement["id"]]


def test_ralph_rejects_a_statement_without_actor_with_422(lrs):
    statement = answered(learner())
    del statement["actor"]

    assert lrs.request("POST", statement).status == 422


def test_ralph_stores_a_bad_verb_iri_that_the_strict_models_reject(lrs, validate_statements):
    actor = learner()
    statement = answered(actor)
    statement["verb"]["id"] = "answered"

    assert lrs.request("POST", statement).status == 200
    assert [s["id"] for s in lrs.statements_about(actor)] == [statement["id"]]
    assert validate_statements([statement]) != []


def test_ralph_get_filters_on_verb_and_activity_match_nothing(lrs):
    statement = answered(learner())
    assert lrs.request("POST", statement).status == 200

    for query in ({"verb": ANSWERED}, {"activity": statement["object"]["id"]}):
        found = lrs.request("GET", query=query)
        assert (found.status, found.body["statements"]) == (200, [])


def test_the_validator_accepts_an_answer_statement(validate_statements):
    assert validate_statements([answered(learner()), answered(learner(), "1962", correct=False)]) == []


def test_the_validator_names_each_invalid_statement_and_why(validate_statements):
    bad_verb, no_actor, bad_duration = (answered(learner()) for _ in range(3))
    bad_verb["verb"]["id"] = "answered"
    del no_actor["actor"]
    bad_duration["result"]["duration"] = "4.25 seconds"

    reasons = validate_statements([bad_verb, answered(learner()), no_actor, bad_duration])

    assert len(reasons) == 3
    assert reasons[0].startswith(f"line 1: id {bad_verb['id']}: verb.id:")
    assert reasons[1].startswith(f"line 3: id {no_actor['id']}: actor: Field required")
    assert reasons[2].startswith(f"line 4: id {bad_duration['id']}: result.duration:")
