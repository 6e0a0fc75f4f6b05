"""The verb forms drafting turns a sentence's verb into, so that questions read as English."""

import pytest

from content.drafts.verbs import base_of, participle_of, past_of_participle


@pytest.mark.parametrize("past, base", [
    ("synthesized", "synthesize"), ("announced", "announce"), ("demonstrated", "demonstrate"), ("reached", "reach"),
    ("stopped", "stop"), ("added", "add"), ("expelled", "expel"), ("combined", "combine"), ("gained", "gain"),
    ("entered", "enter"), ("restored", "restore"), ("arrived", "arrive"), ("settled", "settle"), ("created", "create"),
    ("treated", "treat"), ("visited", "visit"), ("carried", "carry"), ("developed", "develop"), ("wrote", "write"),
    ("forbade", "forbid"), ("set", "set"), ("intervened", "intervene"), ("decided", "decide"), ("opened", "open"),
])
def test_a_past_tense_gives_its_base_form(past, base):
    assert base_of(past) == base


def test_words_that_only_look_past_are_no_verbs():
    assert base_of("hundred") is None and base_of("red") is None


def test_participles_for_passive_statements():
    assert participle_of("wrote") == "written"
    assert participle_of("synthesized") == "synthesized"
    assert past_of_participle("led") == "led" and past_of_participle("taken") == "took"
