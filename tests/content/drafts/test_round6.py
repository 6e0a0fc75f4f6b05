"""What a blind rater refused in round 6 (tests/data/draft_ratings/rating6.yaml), each kept from drafts."""

import re

from content.drafts.cloze import hinted
from content.drafts.common import a
from content.drafts.drafting import draft
from content.drafts.gate import leaning
from content.material import Material

FILLER = ("The observatory on the hill was rebuilt by the town council in 1901. "
          "Visitors to the old harbour counted fourteen fishing boats in 1912. ")


def drafted(text: str, count: int = 30, types=None):
    return draft(Material(text), count) if types is None else draft(Material(text), count, types)


def cloze(questions) -> dict[str, object]:
    return {q.answer_text(): q for q in questions if q.type == "cloze"}


def test_no_other_name_question_and_no_called_question_on_a_vague_phrase():
    from content.drafts.asks import _called_prompt
    from content.drafts.reading import read
    from content.drafts.terms import Term

    text = ("# Parties\n\nThe Liberal Party, or Jiyuto, was founded by Itagaki Taisuke in 1881 to press for an elected "
            "assembly. The Jiyuto drew its members from former samurai and rich farmers in the provinces.\n\n" + FILLER)
    assert not any("other name" in q.prompt for q in drafted(text))
    line = read(Material("# Plates\n\nThe large pieces are called plates.")).lines[0]
    assert _called_prompt(Term("called", "the large pieces", "plates", (), line, line.text, "are called")) is None
    said = _called_prompt(Term("called", "the rigid pieces of the outer shell", "plates", (), line, line.text, "are called"))
    assert said == "What are the rigid pieces of the outer shell called?"


def test_a_year_beside_a_year_that_tells_it_is_not_blanked():
    text = ("# Straits\n\nChoshu fired on foreign ships in the narrow strait in 1863 and was punished in 1864 by a fleet. "
            "The fleet of British, French, Dutch and American ships destroyed the coastal batteries of Choshu. "
            + FILLER)
    assert not {"1863", "1864"} & set(cloze(drafted(text)))


def test_a_figure_said_as_a_bound_is_not_blanked():
    text = ("# Heat\n\nIn May the temperatures in the plains of northwest India can exceed 45 degrees Celsius. "
            "Heat of 45 degrees in the plains of northwest India draws moist air from the ocean.\n\n" + FILLER)
    assert not any("exceed ___" in q.text for q in drafted(text) if q.type == "cloze")


def test_it_after_an_opening_phrase_needs_its_thing_named():
    assert leaning("With an average height of more than 4,500 metres, it is heated strongly in summer.") == "it"
    assert leaning("Like the scale used for earthquakes, it is logarithmic above the second step.") == "it"
    assert leaning("When water evaporates, it leaves its salt behind in the sea.") is None
    assert leaning("After the Meiji government took power, it abolished the domains.") is None


def test_a_blank_the_sentence_all_but_says_is_not_drafted():
    assert hinted("Arabian Sea", "Arab and Indian sailors used the shift of the winds over the ", " to time voyages.")
    assert hinted("High Speed", "The bills that authorised the ", " 2 (HS2) railway were hybrid bills.")
    assert not hinted("Vesuvius", "The eruption of ", " in 79 CE is the best-known eruption of the ancient world.")
    text = ("# Winds\n\nArab and Indian sailors had long used the shift of the winds over the Arabian Sea to time voyages. "
            "The sailors of the Arabian Sea sailed east in summer and west in winter with the winds. " + FILLER)
    assert "Arabian Sea" not in cloze(drafted(text))


def test_a_year_told_before_a_person_introduced_by_role_is_not_blanked():
    text = ("# Air\n\nIn 1771 the English clergyman and chemist Joseph Priestley placed a sprig of mint in a closed jar. "
            "After some days a candle could burn in the air of the closed jar again. " + FILLER)
    assert "1771" not in cloze(drafted(text))


def test_a_blank_accepts_the_forms_a_teacher_would():
    text = ("# Eruptions\n\nThe eruption of Mount Vesuvius in 79 CE is the best-known eruption of the ancient world. "
            "Mount Vesuvius buried the towns of Pompeii and Herculaneum under ash and pumice.\n\n"
            "# Scales\n\nThe Volcanic Explosivity Index (VEI) measures the size of an eruption from 0 to 8. "
            "The VEI is a scale that grades eruptions by the volume of material they throw out into the air. "
            "Each step of the VEI above the second means ten times as much material as the step before. " + FILLER)
    blanks = cloze(drafted(text))
    assert "Vesuvius" in blanks["Mount Vesuvius"].blanks[0].accept
    assert "Volcanic Explosivity Index" in blanks["VEI"].blanks[0].accept


def test_years_and_figures_are_kept_to_a_share_of_the_bank():
    years = " ".join(f"The guild of the town of Ashford{n} built a new stone hall in {1500 + 7 * n} for its members."
                     f" The hall of Ashford{n} had a great oak roof and a painted ceiling." for n in range(12))
    got = drafted(f"# Halls\n\n{years} " + FILLER, 12, ("cloze",))
    dated = [q for q in got if re.fullmatch(r"\d{4}", q.answer_text())]
    assert 1 <= len(dated) <= 3


def test_a_choice_needs_three_wrong_options():
    text = ("# Laws\n\nThe first law of the town was written in 1689 by the council of elders. "
            "The law of 1689 set the hours of the market.\n\n"
            "The second law of the town was written in 1748 by the council of elders. "
            "The law of 1748 set the tolls on the bridge.\n\n"
            "The third law of the town was written in 1787 by the council of elders. "
            "The law of 1787 set the taxes on wine. " + FILLER)
    assert all(len(q.options) >= 3 for q in drafted(text, 30, ("choice",)))


def test_the_indefinite_article_fits_the_role():
    assert [a("American chemist"), a("Swedish chemist"), a("European explorer"), a("union leader")] == [
        "an American chemist", "a Swedish chemist", "a European explorer", "a union leader"]


def test_a_number_blank_shows_its_figures_among_the_accepted_forms():
    """Round 7: raters could not know that grading reads "seven" as 7; the bank says so."""
    text = ("# Ships\n\nThe fleet of the league sailed to the island with seven warships and a supply barge. "
            "The seven warships of the league were built in the yards of the northern ports.\n\n"
            "# Trade\n\nThe merchants of the league carried 100,000 barrels of herring to the southern ports each year. "
            "The herring barrels of the league were salted in the harbours of the north before the voyage. " + FILLER)
    from content.drafts.cloze import _in_figures

    blanks = cloze(drafted(text, 30, ("cloze",)))
    assert "7" in blanks["seven"].blanks[0].accept
    assert "100,000" not in blanks and _in_figures("100,000") == "100000"  # a figure of 100 or more is not blanked


def test_a_name_is_blanked_whole_and_a_term_without_its_verb():
    """Round 7: "Long ___ is built on moraines" (Island in New York), "a ridge called an ___ between them"."""
    text = ("# Ice\n\nLong Island in New York is built partly on the terminal moraines of the last glacial period. "
            "The moraines of Long Island mark where the ice sheet stopped about 20,000 years ago.\n\n"
            "When two cirques erode towards each other, a knife-edged ridge called an arête forms between them. "
            "An arête is sharp because frost breaks the rock on both of its sides. " + FILLER)
    answers = set(cloze(drafted(text, 30, ("cloze",))))
    assert "Island in New York" not in answers and "arête forms" not in answers and "arête" in answers


def test_round_8_no_blank_cut_at_an_abbreviation_no_count_its_list_gives_no_cut_option():
    from content.drafts.distractors import pick

    rail = ("# Rail\n\nThe opening train of the railway was pulled by the engine Locomotion No. 1 before large crowds. "
            "The engine Locomotion No. 1 was built at the works of Robert Stephenson and Company.\n\n"
            "# War\n\nIn August 1941 the American president Franklin D. Roosevelt and the British prime minister met on "
            "a warship. The meeting of the two leaders on the warship produced the Atlantic Charter. " + FILLER)
    assert not {"Locomotion No", "Franklin D"} & set(cloze(drafted(rail, 30, ("cloze",))))
    text = ("# Languages\n\nThe league has six official languages: Latin, Danish, Dutch, Swedish, "
            "Polish and Russian. The six official languages of the league are used in all its meetings. " + FILLER)
    assert "six" not in set(cloze(drafted(text, 30, ("cloze",))))
    assert pick("San Francisco", ["John D", "New York", "Dr", "Chicago", "Boston"], None) == [
        "New York", "Chicago", "Boston"]


def test_a_statement_made_false_by_a_swap_that_the_text_says_too_is_not_drafted():
    """Round 8: "The Nobel Prize was received by Lord Rayleigh in 1904" was marked false; he won one that year."""
    text = ("# Gases\n\nThe Scottish chemist William Ramsay received the Nobel Prize in 1904 for finding the noble gases. "
            "The English physicist Lord Rayleigh received the Nobel Prize in 1904 for measuring the density of gases. "
            "Ramsay and Rayleigh had found argon together by studying the air.\n\n" + FILLER)
    for q in drafted(text, 30, ("truefalse",)):
        assert q.answer or not re.search(r"Rayleigh|Ramsay", q.statement) or "1904" not in q.statement


def test_no_abbreviation_match_and_figures_come_after_other_facts():
    """Rounds 6-8: every "Match each abbreviation" unusable; 10 of 16 figure blanks trivia."""
    from content.drafts.cloze import WORTH

    text = ("# Banks\n\nThe European Central Bank (ECB) sets rates for the euro area from Frankfurt. "
            "The Federal Open Market Committee (FOMC) sets rates in the United States eight times a year. "
            "The Monetary Policy Committee (MPC) of the Bank of England has nine members. "
            "The International Monetary Fund (IMF) lends to countries in trouble. " + FILLER)
    assert not any(q.type == "match" for q in drafted(text))
    assert WORTH["count"] < min(WORTH[k] for k in ("year", "person", "term", "defined"))
