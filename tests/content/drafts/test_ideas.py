"""Drafts on ideas, not only facts: the reason, cause, result, role, purpose or contrast a sentence announces,
blanked as a cloze or asked as "Why ...?" (content/drafts/ideas.py, why.py)."""

from content.drafts import ideas, why
from content.drafts.common import Draft
from content.drafts.drafting import draft
from content.drafts.explain import of_idea
from content.drafts.reading import read
from content.drafts.select import select
from content.material import Material
from content.questions import Blank, Cloze


def found(sentence: str) -> list[tuple[str, str]]:
    return [(i.kind, sentence[i.start:i.end]) for i in ideas.ideas(sentence)]


def test_the_idea_a_sentence_announces_is_its_short_phrase():
    assert found("Crucially, S waves cannot travel through liquids, because liquids cannot resist shearing.") == [
        (ideas.REASON, "liquids cannot resist shearing")]
    assert found("An earthquake is a sudden shaking of the ground caused by the rapid release of energy stored in "
                 "the rocks.") == [(ideas.CAUSE, "rapid release of energy")]
    assert found("Overcrowding and polluted water led to epidemics of cholera in the cities.") == [
        (ideas.RESULT, "epidemics of cholera")]
    assert found("The colon's chief job is to absorb water and mineral salts, turning waste into faeces.") == [
        (ideas.ROLE, "absorb water and mineral salts")]
    assert found("The judge is responsible for questions of law: deciding which evidence may be heard.") == [
        (ideas.ROLE, "questions of law")]
    assert found("Central banks set interest rates in order to keep inflation low and stable.") == [
        (ideas.PURPOSE, "keep inflation low and stable")]
    assert found("Steel frames can flex, whereas unreinforced brick masonry is brittle and dangerous.") == [
        (ideas.CONTRAST, "brittle and dangerous")]
    assert found("The fair was a success due to its effect on the public, and sales grew.") == [
        (ideas.CAUSE, "effect on the public")]  # "its" stays in the text before the blank


def test_no_idea_where_the_phrase_is_a_pointer_a_figure_a_noun_or_vague():
    for sentence in ["It killed many people because it struck close to the crowded capital.",
                     "The Brighton Declaration of 2012, which led to Protocol 15, sought to strengthen subsidiarity.",
                     "Historians explain the Spanish victory through several causes working together.",
                     "No single cause explains why industrialisation began in Britain rather than in France.",
                     "A magnitude 5.1 earthquake caused the bulging slope to collapse in a landslide.",
                     "Surface waves arrive last, but they cause most of the damage to buildings.",
                     "A much smaller eruption caused a far greater disaster in Colombia.",
                     "Because these often require spending, each state must take steps to achieve them.",
                     "Railways even led to the adoption of standard \"railway time\" across the country.",
                     "Because Caxton chose which forms of English to print, his work helped to fix spelling.",
                     "The lords give way partly because of custom and partly because of law.",
                     "Cells which receive help from helper T cells multiply rapidly."]:
        assert found(sentence) == [], sentence


def test_what_a_thing_is_rather_than_what_it_is_not():
    assert found("MEPs sit in political groups organised by political outlook rather than nationality.") == [
        (ideas.RATHER, "political outlook")]
    assert found("When the elements were ordered by atomic number instead of atomic weight, the pairs fell into place.") \
        == [(ideas.RATHER, "atomic number")]
    assert found("MPs debate the general principles of the bill rather than its details.") == [
        (ideas.RATHER, "general principles of the bill")]
    for sentence in ["Printing encouraged literacy, though the change was gradual rather than sudden.",  # the antonym says it
                     "Van Niel studied bacteria, which use hydrogen sulfide instead of water.",
                     "It was a place of retreat and worship rather than a fortress.",
                     "The Articles created a league among sovereign states rather than a strong national government.",
                     "Why does movement happen suddenly rather than smoothly?"]:
        assert found(sentence) == [], sentence


def test_a_noun_phrase_is_cut_at_its_verb_and_a_name_is_kept_whole():
    assert found("Rising ocean temperatures caused by climate change are the main cause of bleaching.") == [
        (ideas.CAUSE, "climate change")]
    assert found("Rising ocean temperatures caused by climate change are the main cause.") == []  # of what
    assert found("It is a separate organisation that is responsible for the European Convention on Human Rights.") == [
        (ideas.ROLE, "European Convention on Human Rights")]
    assert found("The Black Death, caused by the bacterium Yersinia pestis and spread by fleas, reached Sicily.") == [
        (ideas.CAUSE, "bacterium Yersinia pestis")]


READING = read(Material("# Waves\n\nSeismic waves come in two kinds. Body waves travel through the interior of the "
                        "Earth, and surface waves travel along it.\n\nThe procedure balances the interests of states. "
                        "Ice cores drilled in Antarctica provide another record of climate."))


def test_a_main_clause_turns_into_a_why_question_by_its_auxiliary_or_by_do():
    assert why.question("S waves cannot travel through liquids", READING) == "Why can S waves not travel through liquids?"
    assert why.question("a person can swallow even while upside down", READING) == \
        "Why can a person swallow even while upside down?"
    assert why.question("The procedure balances the interests of states", READING) == \
        "Why does the procedure balance the interests of states?"
    assert why.question("The United States never joined the League", READING) == \
        "Why did the United States never join the League?"
    assert why.question("The gap generally grows with distance", READING) == \
        "Why does the gap generally grow with distance?"


def test_no_why_question_that_would_be_broken_or_need_the_text():
    for main in ["Ice cores drilled in Antarctica provide another record",  # "cores" is no verb
                 "Progress was held back",  # held back in what
                 "capturing him paralysed it",
                 "Many things can go wrong",
                 "Yet it is more than an ordinary organisation",
                 "The gap between their arrival times grows"]:
        assert why.question(main, READING) is None, main
    assert why.question("The rights are rights that belong to every person simply", READING) == \
        "Why are the rights rights that belong to every person?"  # "simply because": the adverb goes with it


MATERIAL = Material("""# Earthquake waves

## Seismic waves

An earthquake sends out seismic waves of two kinds. P waves are compressional waves that push and pull the rock.
P waves can pass through solids, liquids and gases. S waves shake the rock from side to side as they pass through it.
Crucially, S waves cannot travel through liquids, because liquids cannot resist shearing.
Liquids flow when a sideways force acts on them, so they cannot pass on a shaking motion.

## Buildings

Buildings must be able to bend without breaking, a property called ductility.
Steel frames, wooden frames and reinforced concrete can flex, whereas unreinforced brick and stone masonry is brittle and dangerous.
Engineers add shear walls and diagonal cross-bracing to resist sideways forces in tall buildings.
""")


def test_the_drafter_asks_why_and_blanks_a_contrast():
    drafted = draft(MATERIAL, count=6)
    asked = {q.prompt: q for q in drafted}
    q = asked.get("Why can S waves not travel through liquids?")
    assert q is not None and q.type == "short" and q.answer_text() == "liquids cannot resist shearing"
    assert q.check("because liquids cannot resist shearing").correct
    assert "liquid" in q.explain.lower()  # it speaks of the answer's key word
    blanks = [q for q in drafted if q.type == "cloze" and q.prompt == ideas.PROMPTS[ideas.CONTRAST]]
    assert [b.answer_text() for b in blanks] == ["brittle and dangerous"]
    assert all(q.status == "draft" for q in drafted)


def test_an_idea_is_explained_by_a_sentence_on_its_key_word_or_the_one_beside_it():
    reading = read(MATERIAL)
    line = next(x for x in reading.lines if x.text.startswith("Crucially"))
    explain = of_idea(reading, line, line.text, "liquids cannot resist shearing")
    assert explain is not None and "liquids" in explain.lower() and not explain.startswith("Crucially")
    line = next(x for x in reading.lines if x.text.startswith("Steel"))
    assert of_idea(reading, line, line.text, "brittle and dangerous") == \
        "Buildings must be able to bend without breaking, a property called ductility."


def _blank(n: int, family: str) -> Draft:
    answer = f"answer{n}"
    q = Cloze(id=f"q{n}", prompt="Fill in the missing term.", text=f"Sentence {n} has the ___ in it.",
              blanks=[Blank(answer)], explain="x", source=[f"Sentence {n} has the {answer} in it."], topics=["t"],
              status="draft")
    return Draft(q, 3.0, n, frozenset({answer}), family)


def test_ideas_are_kept_to_their_own_share_not_the_blanks_share():
    facts = [_blank(n, "") for n in range(10)]
    found_ideas = [_blank(n, "idea") for n in range(10, 20)]
    chosen = select([*facts, *found_ideas], 10, ["cloze"], 20)
    # Blanks on facts fill their own share (0.6 of 10 at most) and the ideas theirs, beside them.
    assert sum(d.family == "idea" for d in chosen) >= 3
    assert sum(d.family == "" for d in chosen) == 6
