"""What blind raters asked to edit or refused in rounds 6-9 (tests/data/draft_ratings/rating6-9.yaml), read as
tuning data after round 9: each kept from the drafts of the texts they rated."""

from functools import cache
from pathlib import Path

from content.drafts.drafting import draft
from content.material import Material

MATERIALS = Path(__file__).resolve().parents[2] / "data" / "materials"


@cache
def drafted(name: str, count: int | None = None) -> tuple:
    return tuple(draft(Material.from_file(MATERIALS / name / "material.md"), count))


def explains(name: str, count: int | None = 40) -> dict[str, str]:
    return {q.answer_text(): q.explain for q in drafted(name, count)}


def test_an_explain_speaks_of_what_the_draft_asks():
    # The neighbouring sentence about something else, each rated a light edit for it.
    unrelated = [("roman-republic", "nexum", "Lex Hortensia"), ("roman-republic", "Lex Canuleia", "Licinian-Sextian"),
                 ("central-banks", "reserves", "lender of last resort"),
                 ("glaciers-ice-ages", "interglacials", "at least five major ice ages"),
                 ("glaciers-ice-ages", "Snowball Earth", "Andean-Saharan"),
                 ("heart-circulation", "120", "White blood cells"), ("heart-circulation", "heart murmur", "lub"),
                 ("united-nations", "Yalta Conference", "Dumbarton Oaks"),
                 ("periodic-table", "Clemens Winkler", "Nilson"), ("coral-reefs", "atoll", "barrier reef"),
                 ("megacities", "Hoy No Circula", "site-and-service"), ("meiji-restoration", "Edo Castle", "Aizu")]
    for name, answer, neighbour in unrelated:
        explain = explains(name).get(answer)
        assert explain is None or neighbour not in explain, (name, answer, explain)
    # The neighbours raters found fitting stay.
    assert "nematocysts" in explains("coral-reefs")["polyp"]
    assert "mutualism" in explains("coral-reefs")["zooxanthellae"]
    assert explains("electromagnetism")["voltaic pile"].startswith("It produced a continuous electric current")
