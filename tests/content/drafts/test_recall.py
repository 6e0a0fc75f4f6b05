"""Recall of drafting: the facts a textbook section states are drafted (terms it names or defines in lower
case, explanations from a neighbour on the same thing), the default count scales with the text, and a
count asked for is honoured as far as good drafts exist. Every gate rule still holds (test_gate)."""

from content.drafts.drafting import default_count, draft
from content.drafts.reading import read
from content.drafts.terms import called
from content.material import Material

FILLER = ("The observatory on the hill was rebuilt by the town council in 1901. "
          "Visitors to the old harbour counted fourteen fishing boats in 1912. ")


def drafted(text: str, count: int = 30):
    return draft(Material(text), count)


def clozes(questions) -> dict[str, str]:
    return {q.answer_text(): q.to_data()["text"] for q in questions if q.type == "cloze"}


def test_a_term_the_text_names_with_called_or_known_as_is_blanked():
    text = ("Gases enter and leave the leaf through tiny pores called stomata. "
            "The loss of water vapour from leaves is known as transpiration. "
            "On a hot day a tree can lose hundreds of litres of water vapour. "  # (not the voir dire one: "known")
            "Before a trial, lawyers question possible jurors in a process known as voir dire, so that biased "
            "jurors can be removed. Voir dire can take days in a long trial. " + FILLER)
    found = clozes(drafted(text))
    assert found["stomata"] == "Gases enter and leave the leaf through tiny pores called ___."
    assert found["transpiration"] == "The loss of water vapour from leaves is known as ___."
    assert "voir dire" in found


def test_a_lower_case_term_glossed_by_an_apposition_is_blanked():
    text = ("Chloroplasts are green because they contain chlorophyll, a pigment that absorbs red and blue light "
            "and reflects green light. Leaves that lose their chlorophyll turn yellow in the autumn. " + FILLER)
    found = clozes(drafted(text))
    assert found.get("chlorophyll", "").startswith("Chloroplasts are green because they contain ___, a pigment")


def test_a_named_term_the_sentence_gives_away_before_its_blank_is_not_blanked():
    text = ("Stomata open in daylight, and the tiny pores of a leaf are called stomata. " + FILLER)
    assert "stomata" not in clozes(drafted(text))


def test_a_neighbour_sharing_one_rare_word_explains_a_sentence():
    text = ("Gases enter and leave the leaf through tiny pores called stomata. "
            "Each pore is surrounded by two guard cells, which open and close it. "
            "When the stomata are open, carbon dioxide can enter the leaf, but water vapour also escapes. " + FILLER)
    q = next(q for q in drafted(text) if q.answer_text() == "stomata")
    assert q.explain == "When the stomata are open, carbon dioxide can enter the leaf, but water vapour also escapes."


def test_a_place_in_a_sequence_is_no_defined_term():
    text = ("Photosynthesis happens in two stages. The first stage is the light-dependent reactions, which take "
            "place in the thylakoid membranes. In the first stage, water is split. " + FILLER)
    assert "first stage" not in clozes(drafted(text))


def test_what_is_called_so_is_the_subject_not_the_words_before_the_verb():
    text = ("The rate of photosynthesis depends on several conditions. A factor that holds back the rate when it "
            "is in short supply is called a limiting factor. The three main limiting factors are light intensity, "
            "carbon dioxide concentration and temperature. " + FILLER)
    assert [t.term for t in called(read(Material(text)))] == []


def test_the_default_count_is_one_draft_per_130_words():
    text = " ".join(["The observatory on the hill was rebuilt by the town council in 1901."] * 100)  # 1,300 words
    assert default_count(read(Material(text))) == 10


def test_a_count_asked_for_is_filled_with_blanks_when_other_kinds_are_spent():
    # Ten sentences that each name a term: blanks only, yet ten facts to ask.
    text = ("The cells of a leaf contain small green structures called chloroplasts. "
            "Each chloroplast contains stacks of flat discs known as thylakoids. "
            "The fluid that fills the space around the thylakoids is called the stroma. "
            "Gases enter and leave the leaf through tiny pores called stomata. "
            "The loss of water vapour from leaves is known as transpiration. "
            "Water rises from the roots through long tubes of dead cells called xylem. "
            "Sugars travel from the leaves to the roots through living tissue known as phloem. "
            "The waxy outer layer that keeps a leaf from drying out is called the cuticle. "
            "Tiny ocean organisms called phytoplankton produce around half of the oxygen of the world. "
            "The soft inner tissue of a leaf, where most chloroplasts sit, is known as mesophyll. ")
    got = drafted(text, 10)
    # beyond the blanks' usual share of 40% (of these unrelated sentences, five have a neighbour on their thing)
    assert len(got) >= 5


def test_a_clause_after_a_comma_is_no_gloss_of_a_term():
    from content.drafts.cloze import named
    from content.drafts.common import Context

    reading = read(Material("All three types of rocks may be re-melted; when this happens, a new magma is formed."))
    assert named(Context.of(reading), reading.lines[0]) == []


SEPARATION = ("The English philosopher John Locke argued in 1689 that the power to make laws should be kept apart. "
              "Locke wrote that lawmakers should not enforce their own laws.\n\n"
              "The French writer Montesquieu published The Spirit of the Laws in 1748. "
              "Montesquieu held that liberty needs the powers kept apart.\n\n"
              "The Constitution of the United States was written in 1787 by a convention of delegates. "
              "The Constitution set up three branches of government.\n\n"
              "The first ten amendments, the Bill of Rights, were ratified by the states in 1791. "
              "The Bill of Rights protects the freedom of speech and the right to a fair trial.\n\n"
              "The first ombudsman office was created in Sweden in 1809 by the parliament. "
              "An ombudsman investigates complaints from citizens against government bodies.\n\n"
              "Members of the Supreme Court are called justices. "
              "Judges who try small cases in the lower courts are called magistrates. "
              "Lawyers who argue cases before the higher courts are called barristers. "
              "Officers who keep the records of the higher courts are called clerks. "
              "Congress can remove a president from office through a process called impeachment. "
              "A jury is a group of citizens who decide the facts of a case. "
              "The juror who leads the discussion and announces the verdict is called the foreperson. ")


def test_a_blank_of_a_kind_the_text_has_several_of_is_offered_as_a_choice():
    got = [q for q in draft(Material(SEPARATION), 30, ("choice",))]
    years = [q for q in got if q.prompt.startswith("Choose the missing year:")]
    assert years and all(set(q.options) <= {"1689", "1748", "1787", "1791", "1809"} and len(q.options) >= 3 for q in years)


def test_a_term_among_terms_is_offered_only_with_terms_of_the_same_number():
    got = [q for q in draft(Material(SEPARATION), 30, ("choice",)) if q.prompt.startswith("Choose the missing term:")]
    assert got
    for q in got:
        assert all(o.endswith("s") == q.answer.endswith("s") for o in q.options)


def test_even_so_leans_on_the_text_before():
    from content.drafts.gate import leaning

    assert leaning("Even so, the judiciary in the United Kingdom is independent.") == "Even so"


def test_a_blank_that_leans_on_the_text_before_is_not_offered_as_a_choice_either():
    text = SEPARATION + "However, the judges in 1809 were few. Even so, the court in 1748 sat twice a year. "
    got = [q for q in draft(Material(text), 30, ("choice",))]
    assert not any("However" in q.prompt or "Even so" in q.prompt for q in got)
