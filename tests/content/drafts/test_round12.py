"""What round 12's blind rater refused or asked to edit (tests/data/draft_ratings/rating12.yaml), read as tuning
data after round 12: each draft it named is no longer made, or made as it asked."""

from functools import cache
from pathlib import Path

from content.drafts.drafting import draft
from content.material import Material
from content.text.names import name_runs

ROUND12 = Path(__file__).resolve().parents[2] / "data" / "draft_ratings" / "round12"


@cache
def drafted(name: str) -> tuple:
    return tuple(draft(Material.from_file(ROUND12 / f"{name}.txt")))


def test_a_bare_the_between_two_names_parts_them_but_an_epithet_stays_with_its_name():
    def common(word: str) -> bool:
        return word in {"In", "Later", "Laws"}

    runs = [r.text for r in name_runs("In the Convention the Girondins struggled with the Montagnards.", common)]
    assert runs == ["Convention", "Girondins", "Montagnards"]
    assert [r.text for r in name_runs("Alexander the Great crossed the Hellespont.", common)][0] == "Alexander the Great"
    assert [r.text for r in name_runs("Later Pliny the Elder wrote.", common)][-1] == "Pliny the Elder"
    assert "Council of the European Union" in [r.text for r in name_runs(
        "Laws pass the Council of the European Union.", common)]
    # "convention-the-girondins-cloze": a blank of two names nobody could type
    answers = {b.answer for q in drafted("french-revolution") for b in getattr(q, "blanks", [])}
    assert "Convention the Girondins" not in answers and answers


def test_a_blank_on_an_acronym_the_text_spells_out_in_lower_case_accepts_its_words():
    # "gfr-cloze": "'glomerular filtration rate' must be added as an accepted form"
    blank = next(b for q in drafted("kidneys") for b in getattr(q, "blanks", []) if b.answer == "GFR")
    assert "glomerular filtration rate" in blank.accept
    question = next(q for q in drafted("kidneys") if any(b is blank for b in getattr(q, "blanks", [])))
    assert question.check("glomerular filtration rate").correct
    assert not question.check("glomerular filtration pressure").correct
