"""Ask the material: a learner's question answered with the course sentence that answers it."""

import re
from pathlib import Path

import pytest
from hypothesis import given, strategies as st
from ruamel.yaml import YAML

from content.bank import Bank, bank_from_data
from content.material import Material, fold_marks
from content.ask.answer import HOW_MANY, STAND_FOR, WHEN, WHERE, WHO, question_kind
from content.ask import Index, ask
from content.text.words import stem, terms
from content.text.lexicon import GROUPS

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "tests" / "data" / "ask_dev.yaml"
# Written as held-out, then read while tuning: a second development set now.
SECOND_DEV = ROOT / "tests" / "data" / "ask_eval.yaml"
HELD_OUT = ROOT / "tests" / "data" / "ask_heldout.yaml"
THIRD_HELD_OUT = ROOT / "tests" / "data" / "ask_heldout3.yaml"


@pytest.fixture(scope="module")
def index(mali_course) -> Index:
    return Index.build(mali_course.material, mali_course.bank)


@pytest.fixture(scope="module")
def bare_index(mali_course) -> Index:
    """The course's material without any bank: aliases come from the text alone."""
    return Index.build(mali_course.material)


def load_set(path: Path) -> list[dict]:
    data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        data = data.get("questions") or next(v for v in data.values() if isinstance(v, list))
    return [q for q in data if isinstance(q, dict) and "ask" in q and "expect" in q]


def answered(index: Index, questions: list[dict]) -> tuple[int, list[str]]:
    misses = []
    for q in questions:
        reply = ask(index, str(q["ask"]))
        if reply.passage is None or fold_marks(str(q["expect"])) not in fold_marks(reply.passage):
            misses.append(f"{q['ask']} -> {reply.passage}")
    return len(questions) - len(misses), misses


# ---------------------------------------------------------------- accuracy

# Question sets people wrote from the material alone, each read afterwards to find what ask got wrong:
# development sets now. Each floor leaves a few points under what ask scored when issue 11 was opened
# (in brackets), so that a general change may trade a question or two; a change that loses more fails here.
DEVELOPMENT_SETS = {
    DEV: 0.94,  # 154 questions, the first (150)
    SECOND_DEV: 0.93,  # (96)
    HELD_OUT: 0.88,  # held out: 84/100 on its first run (plain BM25 56) (91)
    THIRD_HELD_OUT: 0.89,  # held out: 86/100 on its first run (plain BM25 54) (92)
    ROOT / "tests" / "data" / "ask_set4.yaml": 0.93,  # held out: 93/100 on its first run (plain BM25 78) (96)
    ROOT / "tests" / "data" / "ask_set5.yaml": 0.92,  # held out: 93/100 on its first run (plain BM25 71) (95)
    ROOT / "tests" / "data" / "ask_set6.yaml": 0.93,  # 150 questions (144)
}


HELD_OUT_7 = ROOT / "tests" / "data" / "ask_heldout7.yaml"


def test_the_top_passage_answers_at_least_95_of_100_held_out_questions(index):
    """The issue's bar, on questions nobody tuned on: 97/100 on its one run before it was committed."""
    questions = load_set(HELD_OUT_7)
    right, misses = answered(index, questions)
    assert len(questions) == 100
    assert right >= 95, misses


def test_held_out_set_8_and_its_unanswerable_questions(index):
    """Written blind on 2026-12-02 and run once after the abstention work was merged: 40/40 answered, and 17
    of the 50 unanswerable ones abstained (15 before that work). Not tuned on: the floors leave room."""
    questions = load_set(ROOT / "tests" / "data" / "ask_heldout8.yaml")
    right, misses = answered(index, questions)
    assert len(questions) == 40 and right >= 37, misses
    unanswerable = YAML(typ="safe", pure=True).load((ROOT / "tests" / "data" / "ask_unanswerable_heldout.yaml").read_text())
    silent = [q["ask"] for q in unanswerable["questions"] if ask(index, q["ask"]).passage is None]
    assert len(unanswerable["questions"]) == 50 and len(silent) >= 13


@pytest.mark.parametrize("path", DEVELOPMENT_SETS, ids=lambda p: p.stem)
def test_the_top_passage_answers_the_development_questions(index, path):
    questions = load_set(path)
    right, misses = answered(index, questions)
    assert len(questions) >= 100
    assert right / len(questions) >= DEVELOPMENT_SETS[path], misses


def test_passages_are_verbatim_sentences_of_the_material_located_as_a_reader_counts(index, mali_course):
    reply = ask(index, "Who founded Ansar Dine?")
    material = mali_course.material
    assert reply.passage in material.text
    first = reply.sentences[0]
    paragraph = material.paragraphs[material.sentences[first].paragraph]
    assert reply.location.paragraph == paragraph.index + 1
    assert reply.location.sentences[0] == first - paragraph.sentences.start + 1
    assert str(reply.location).startswith("paragraph ")


# ---------------------------------------------------------------- aliases

def test_a_name_in_another_spelling_finds_the_sentence_that_uses_the_other(bare_index):
    reply = ask(bare_index, "Who founded Ansar Dine?")
    assert "Ansar al Din was formed" in reply.passage
    assert reply.answer == "Iyad Ag Ghali"


def test_an_acronym_finds_its_expansion_and_says_what_it_stands_for(bare_index):
    reply = ask(bare_index, "What does MINUSMA stand for?")
    assert "UN Multidimensional Integrated Stabilization Mission in Mali" in reply.passage
    assert reply.kind == STAND_FOR
    assert reply.answer == "UN Multidimensional Integrated Stabilization Mission in Mali"


def test_aliases_come_from_the_material_patterns(bare_index):
    groups = [set(g) for g in bare_index.alias_groups()]

    def grouped(a: str, b: str) -> bool:
        ta, tb = " ".join(terms(a)), " ".join(terms(b))
        return any(ta in g and tb in g for g in groups)

    assert grouped("MINUSMA", "UN Multidimensional Integrated Stabilization Mission in Mali")  # Name (ACRONYM)
    assert grouped("MNLA", "Mouvement National pour la Libération de l'Azawad")  # Name [Other - ACRONYM]
    assert grouped("Ansar al Din", "Defenders of the Faith")  # Name ("Gloss")
    assert grouped("JNIM", "Support to Islam and Muslims")  # Name (Gloss, ACRONYM)
    assert grouped("Peuhl", "Fulani")  # X, or Y
    assert grouped("Dawa movement", "Jamaat al-Tabligh")  # aka
    assert grouped("Dawa", "Jamaat al-Tabligh")  # "the Dawa movement" is Dawa too
    assert grouped("Ansar al Din", "Ansar Dine")  # one spelling away
    assert grouped("Qaeda", "al-Qaida")


def test_aliases_come_from_the_bank_answers_and_accept_lists(mali_course):
    bank = bank_from_data({"id": "b", "title": "B", "questions": [
        {"id": "q", "type": "short", "prompt": "Who?", "answer": "Mahmoud Dicko", "accept": ["The Imam"],
         "explain": "x", "source": "Mahmoud Dicko"},
        {"id": "r", "type": "short", "prompt": "Which?", "answer": "SITE", "accept": ["Search for International Terrorist Entities"],
         "explain": "x", "source": "SITE monitoring group"},
    ]})
    index = Index.build(mali_course.material, bank)
    assert "Mahmoud Dicko" in ask(index, "Who is the imam?").passage
    assert "SITE monitoring group" in ask(index, "What did the Search for International Terrorist Entities report?").passage


def test_the_banks_questions_say_what_a_sentence_is_about_in_other_words():
    material = Material("The council met in the spring.\n\nThe envoy left the capital in the spring.")
    question = "When did the diplomat go away?"
    assert ask(Index.build(material), question).passage is None  # no word of the question is in the text
    bank = bank_from_data({"id": "b", "title": "B", "questions": [
        {"id": "q", "type": "short", "prompt": "When did the diplomat go away?", "answer": "in the spring",
         "explain": "x", "source": "The envoy left the capital"},
    ]})
    reply = ask(Index.build(material, bank), question)
    assert reply.passage == "The envoy left the capital in the spring."


def test_the_index_works_with_an_empty_bank(mali_course):
    index = Index.build(mali_course.material, Bank(id="empty", title="Empty"))
    assert "Bilal Ag Acherif" in ask(index, "Who leads the MNLA?").passage


def test_phrasal_verbs_of_souring_relations_read_as_deteriorate():
    from content.text.lexicon import rewrite_phrases

    for phrase in ("relations broke down", "relations went sour", "ties turned bad"):
        assert "deteriorate" in rewrite_phrases(phrase)


def test_irregular_forms_of_a_verb_match_its_base_form():
    assert terms("They brought arms") == terms("they bring arms")
    assert terms("the rebels fought") == terms("the rebels fight")


def test_the_thesaurus_file_holds_groups_of_at_least_two_words():
    assert len(GROUPS) > 200
    assert all(len(group) >= 2 and all(w and "\t" not in w for w in group) for group in GROUPS)


@pytest.mark.parametrize("question, expect", [
    ("Does the 2015 accord give autonomy to the north?", "stops short of granting autonomy"),  # give ~ grant
    ("who said the operation came from wrong information?", "bad information"),  # wrong ~ bad
    ("How long has Dawa been around in Mali?", "since the early-to-mid-1990s"),  # been around ~ present
])
def test_general_near_synonyms_find_the_words_the_material_uses(index, question, expect):
    assert expect in ask(index, question).passage


def test_what_is_the_name_of_a_place_asks_which_place_and_does_not_search_for_name(index):
    reply = ask(index, "what's the name of the region Moura is in")
    assert reply.kind == WHERE
    assert "Mopti region" in reply.passage and reply.answer == "Mopti"


def test_a_next_sentence_that_goes_on_about_the_same_subject_joins_the_passage(index):
    reply = ask(index, "What did the fighters coming back from Libya bring with them?")
    assert "returning from Libya" in reply.passage and "heavy arms" in reply.passage
    assert len(reply.sentences) == 2


def test_stems_match_the_forms_of_a_word():
    assert stem("killed") == stem("killing") == stem("kills")
    assert stem("elections") == stem("election")
    assert terms("The killings") == terms("killing")
    assert "the" not in terms("the head of the council")


def test_derived_nouns_match_their_verbs():
    assert terms("relationship") == terms("relations")
    assert terms("disagreements") == terms("they disagreed") == terms("disagree")
    assert terms("the deployment") == terms("deployed")


@pytest.mark.parametrize("question", [
    "What is the other name of the Dawa movement?",
    "By what other name is the Dawa movement known?",
    "What is the Dawa movement also called?",
])
def test_another_name_for_a_name_is_the_alias_the_material_gives(index, question):
    reply = ask(index, question)
    assert reply.kind == STAND_FOR and reply.answer == "Jamaat al-Tabligh"


def test_how_many_answers_a_question_wants_is_no_word_to_search(index):
    reply = ask(index, "Which two countries was Mali compared to after 2012?")
    assert "compared to Afghanistan and Somalia" in reply.passage


def test_british_and_american_spellings_are_one_term():
    assert len(set(terms("organised organized organiser organizer organisation organization"))) == 1
    assert terms("recognised") == terms("recognized")
    assert terms("crises") != terms("crizes") and terms("promised") == terms("promise")


# ---------------------------------------------------------------- short answers

@pytest.mark.parametrize("question, kind, answer", [
    ("Who founded Ansar Dine?", WHO, "Iyad Ag Ghali"),
    ("Who leads the MNLA?", WHO, "Bilal Ag Acherif"),
    ("Who was elected president in August 2013?", WHO, "Ibrahim Boubacar Keita"),
    ("Who is Mohamad Koufa?", WHO, "a prominent leader of al Qaeda there"),
    ("When was the roadmap agreement signed?", WHEN, "24 July 2014"),
    ("When was the MNLA created?", WHEN, "October 2011"),
    ("How long did the second Tuareg rebellion last?", WHEN, "from 1990 to 1996"),
    ("Where did the pro-Gadhafi Tuareg fighters come back from?", WHERE, "Libya"),
    ("In which region is the town of Moura?", WHERE, "Mopti"),
    ("Where were the talks mediated by Blaise Compaore held?", WHERE, "Ouagadougou"),
    ("How many seats does the national assembly have?", HOW_MANY, "147"),  # the number, as SQuAD's answers give it
    ("How many people live in Moura?", HOW_MANY, "around 10,000"),
    ("How many Malians could vote in the 2013 parliamentary election?", HOW_MANY, "About 6.5 million"),
    ("What does AQIM stand for?", STAND_FOR, "Al-Qaeda in the Islamic Maghreb"),
    ("What does Ansar al Din mean?", STAND_FOR, "Defenders of the Faith"),
])
def test_the_short_answer_is_taken_from_the_passage_by_the_kind_of_question(index, question, kind, answer):
    reply = ask(index, question)
    assert reply.kind == kind
    assert reply.answer == answer
    assert fold_marks(answer) in fold_marks(reply.passage) or kind == STAND_FOR
    assert answer in reply.message


def test_a_what_or_how_question_gets_the_phrase_of_the_passage_that_answers_it(index):
    reply = ask(index, "How was MUJWA financed?")
    assert "drug trafficking" in reply.passage and reply.answer == "drug trafficking"


def test_a_why_question_gets_a_passage_and_no_short_answer(index):
    reply = ask(index, "Why did the fighters come back from Libya?")
    assert reply.passage is not None and reply.answer is None


@pytest.mark.parametrize("question, kind", [
    ("what does HRW stand for", STAND_FOR), ("In what year did it start?", WHEN),
    ("Which town was attacked?", WHERE), ("Which armed group signed?", WHO), ("How many died?", HOW_MANY),
    ("Which countries did he want to go to?", WHERE), ("What cities lie in Azawad?", WHERE),
    ("What is the other name of the Dawa movement?", STAND_FOR), ("What is the group also known as?", STAND_FOR),
])
def test_the_kind_of_a_question_is_read_from_its_wording(question, kind):
    assert question_kind(question) == kind


# ---------------------------------------------------------------- odd input

@pytest.mark.parametrize("question", ["", "   ", "?!", "[/]", "[@click=app.quit]", "[bold]red[/bold]"])
def test_a_question_with_nothing_to_search_gets_no_passage_and_a_clear_message(index, question):
    reply = ask(index, question)
    assert reply.passage is None and reply.answer is None and reply.location is None
    assert reply.message


def test_a_question_off_the_material_gets_no_passage(index):
    reply = ask(index, "What is the boiling point of water in kelvin?")
    assert reply.passage is None
    assert reply.message.startswith("The material does not say.")


def test_markup_around_a_real_question_is_ignored(index):
    reply = ask(index, "[b]Who founded [i]Ansar Dine[/i]?[/b] [@click=app.quit]")
    assert "Ansar al Din was formed" in reply.passage


def test_a_10000_character_question_gets_a_sensible_reply(index):
    question = ("Who founded Ansar Dine and when was MINUSMA established by the Security Council? " * 130)[:10_000]
    reply = ask(index, question)
    assert reply.passage is not None and reply.passage in index.material.text


@given(st.text(max_size=300))
def test_any_text_gets_a_reply_quoting_the_material_or_none(index, question):
    reply = ask(index, question)
    assert reply.passage is None or reply.passage in index.material.text
    assert reply.message


def test_a_material_without_a_title_or_bank_is_indexed():
    material = Material("Bamako is the capital of Mali. It lies on the Niger.\n\nKidal is in the north.")
    index = Index.build(material)
    reply = ask(index, "Where is Kidal?")
    assert reply.passage == "Kidal is in the north."
    assert (reply.location.paragraph, reply.location.sentences) == (2, (1,))
    assert ask(Index.build(Material("")), "anything").passage is None


def test_a_name_after_in_or_at_is_a_place_not_who_did_it():
    from content.ask.answer import short_answer

    for sentence in ("A conference was held in Kidal by Ghali.", "A conference was held in Kidal, Mali, by Ghali.",
                     "A conference was held at Timbuktu by Ghali."):
        assert short_answer(WHO, sentence, lambda text: False, lambda word: word == "A") == "Ghali"
    assert short_answer(WHERE, "A conference was held in Kidal by Ghali.", lambda text: False,
                        lambda word: word == "A") == "Kidal"


# ---------------------------------------------------------------- no course in the code

# Words distinctive of the first course's article: none may appear in ask's code or in the general lexicon.
COURSE_WORDS = ("Tamasheq", "rebel-held", "sparked", "Tuareg", "Azawad", "Ansar", "Dawa", "Mali", "Malian",
                "MINUSMA", "MNLA", "AQIM", "MUJWA", "JNIM", "Tabligh", "Qaeda", "Qaida", "Ghali", "Kidal",
                "Timbuktu", "Bamako", "Mopti", "Menaka", "Moura", "Fulani", "Peuhl", "Gadhafi", "Koufa", "Dicko",
                "Keita", "Ouagadougou", "Compaore", "jihadist", "Islamist", "Sahel", "Sahara", "Barkhane",
                "Acherif", "Wagner", "ECOWAS", "Libya", "insurgency", "insurrection", "Dine")


def test_no_word_of_the_first_course_is_in_ask_or_the_general_lexicon():
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, COURSE_WORDS)) + r")\b", re.IGNORECASE)
    found = []
    for folder in (ROOT / "content" / "ask", ROOT / "content" / "text"):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in {".py", ".tsv", ".txt"}:
                for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    found += [f"{path.relative_to(ROOT)}:{n}: {m.group()}" for m in pattern.finditer(line)]
    assert not found


@pytest.mark.parametrize("question, sentence, answer", [
    ("How many research institutes does the university run?", "The university runs 12 research institutes.", "12"),
    ("How far is the city from the sea?", "The city stands roughly 260 kilometres from the sea.",
     "roughly 260 kilometres"),
    ("In what year was the station opened?", "The new station opened in March 2007.", "2007"),
    ("How long has the rule been recognised?", "The rule has been recognised since the 1950s.", "since the 1950s"),
    ("Which team won the cup?", "The cup was won by the Denver Broncos in a close game.", "Denver Broncos"),
    ("What is the process by which cells move towards a signal called?",
     "The process by which cells move towards a chemical signal is called chemotaxis.", "chemotaxis"),
    ("What is the name of the opening night event?", "The event was renamed Super Bowl Opening Night.",
     "Super Bowl Opening Night"),
])
def test_short_answers_are_as_short_as_a_teacher_accepts(question, sentence, answer):
    reply = ask(Index.build(Material(sentence)), question)
    assert reply.answer == answer


def test_an_acronym_in_lower_case_words_finds_its_expansion():
    material = Material("Many desert plants use crassulacean acid metabolism (CAM) to save water.\n\n"
                        "CAM plants open their stomata at night.")
    reply = ask(Index.build(material), "What does CAM stand for?")
    assert reply.kind == STAND_FOR and reply.answer == "crassulacean acid metabolism"


# ---------------------------------------------------------------- any material: SQuAD articles

SQUAD = ROOT / "tests" / "data" / "squad-v1.1-dev-16-articles.json"
# Five of the twelve SQuAD articles tuned on (the four smallest and Super Bowl 50, the one with most questions), as
# plain materials with no bank; floors a few points under their figures when set: passage hit 0.736 (plain BM25
# 0.65), short answer exactly a gold answer 0.316. All twelve: 0.800 and 0.331; the four kept aside: 0.860, 0.324.
SQUAD_ARTICLES = (0, 6, 10, 12, 14)


def _squad_normal(text: str) -> str:
    text = "".join(c for c in text.casefold() if c.isalnum() or c.isspace())
    return " ".join(re.sub(r"\b(?:a|an|the)\b", " ", text).split())


def test_passages_and_short_answers_hold_on_articles_nobody_wrote_rules_for():
    import json

    articles = json.loads(SQUAD.read_text(encoding="utf-8"))["data"]
    hits = exact = asked = 0
    for n in SQUAD_ARTICLES:
        article = articles[n]
        index = Index.build(Material("\n\n".join(p["context"] for p in article["paragraphs"])))
        for paragraph in article["paragraphs"]:
            for qa in paragraph["qas"]:
                golds = [a["text"] for a in qa["answers"]]
                reply = ask(index, qa["question"])
                asked += 1
                passage = fold_marks(reply.passage or "").casefold()
                hits += reply.passage is not None and any(fold_marks(g).casefold() in passage for g in golds)
                exact += reply.answer is not None and _squad_normal(reply.answer) in map(_squad_normal, golds)
    assert asked == 1263
    assert hits / asked >= 0.71
    assert exact / asked >= 0.29


def test_the_material_does_not_say_for_questions_it_does_not_answer(index):
    """30 questions about the course that its material does not answer, written blind; 14 abstained when set (12
    before the fitted evidence of content/ask/abstain.py; 13 with each left out of the fit in turn)."""
    questions = YAML(typ="safe", pure=True).load((ROOT / "tests" / "data" / "ask_unanswerable_dev.yaml").read_text())
    silent = [q["ask"] for q in questions if ask(index, q["ask"]).passage is None]
    assert len(questions) == 30 and len(silent) >= 13


def test_a_question_whose_words_the_material_mostly_never_says_gets_no_passage():
    material = Material("The city has a river port. Its museums draw many visitors.\n\nThe port handles grain.")
    assert ask(Index.build(material), "What is the total population of the city?").passage is None
    assert "river port" in ask(Index.build(material), "What does the city have on its river?").passage


def test_the_ranking_and_phrase_weights_are_readable_data_with_penalties_for_a_missing_answer():
    from content.ask.phrases import phrase_weights
    from content.ask.rank import ranking_weights

    weights = ranking_weights()
    assert {"bm25", "coverage", "paragraph", "no_answer_when"} <= weights.keys()
    assert all(v <= 0 for k, v in weights.items() if k.startswith(("no_answer", "far_answer")))
    assert {"bias", "asked_part", "before_called"} <= phrase_weights().keys()


@pytest.mark.parametrize("question, sentence, answer", [
    ("What is the process by which the body fights tumours called?",
     "The body fights tumours through a process called immune surveillance.", "immune surveillance"),
    ("What did the farmers grow on the terraces?", "On the terraces the farmers grew barley and rye.", "barley and rye"),
])
def test_a_what_question_is_answered_by_the_phrase_that_says_what_the_question_does_not(question, sentence, answer):
    reply = ask(Index.build(Material(sentence)), question)
    assert reply.answer == answer
