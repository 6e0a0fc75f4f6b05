"""Events or steps to put in order, graded by the pairs in the right order."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING, Any, ClassVar

from content.matching import match_answer
from content.questions.base import Cited, Hint, Question, Unreadable, Verdict, picks, verdict
from content.questions.base import LIST_SEPARATOR, Interaction, component_ids, stored_parts  # the xAPI block
from content.questions.base import Imported

if TYPE_CHECKING:
    from content.interchange.model import Exchanged


@dataclass(frozen=True)
class Item:
    """One item to put in order, and the quote that places it."""

    text: str
    source: str


@dataclass(frozen=True, kw_only=True)
class Order(Question):
    """Items to put in order."""

    type: ClassVar[str] = "order"
    pad: ClassVar[str | None] = "order"
    graded: ClassVar[tuple[str, ...]] = ("items",)
    items: list[Item]  # in the right order
    source: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.source:  # an order question cites its items' quotes unless it says otherwise
            object.__setattr__(self, "source", [i.source for i in self.items])

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Order:
        items = [i if isinstance(i, Item) else Item(i["text"], i["source"]) for i in data["items"]]
        return cls(**{**data, "items": items})

    def to_data(self) -> dict[str, Any]:
        data = super().to_data()
        if self.source == [i.source for i in self.items]:
            data.pop("source", None)
        return data

    def cited(self) -> list[Cited]:
        own = super().cited() if self.source != [i.source for i in self.items] else []
        return own + [Cited(("items", j, "source"), item.source, f"item {j + 1} cites a quote")
                      for j, item in enumerate(self.items)]

    def shown_options(self) -> tuple[str, ...]:
        """The items in a stable order that is never the right one."""
        texts = [i.text for i in self.items]
        out = list(texts)
        rng = random.Random(self.id)
        while out == texts and len(set(texts)) > 1:
            rng.shuffle(out)
        return tuple(out)

    def answer_text(self) -> str:
        return " → ".join(i.text for i in self.items)

    def answer_terms(self) -> list[str]:
        return []

    def hint(self, level: int, passage: str) -> Hint:
        if level <= 1:
            return Hint(f"{self._topic()}The first is: {self.items[0].text}.")
        return super().hint(level, passage)

    def read(self, text: str) -> Any:
        shown = self.shown_options()
        picked = picks(text, len(shown))
        if picked is None or sorted(picked) != list(range(len(shown))):
            return Unreadable(f"Give every item's number once, in order (e.g. {' '.join(map(str, range(1, len(shown) + 1)))}).")
        return [shown[n] for n in picked]

    def check(self, response: Any) -> Verdict:
        texts = [i.text for i in self.items]
        given = [m.target for r in response if (m := match_answer(str(r), texts))]
        if sorted(given) != sorted(texts):
            return Verdict(0.0, False, "", "Give every item once, in order.")
        rank = {t: n for n, t in enumerate(texts)}
        pairs = list(combinations(given, 2))
        in_order = sum(rank[a] < rank[b] for a, b in pairs)
        return verdict(
            in_order / len(pairs), " → ".join(given), "Right.",
            f"Partly right: {in_order} of {len(pairs)} pairs in the right order.",
            "Not quite: that is the reverse of the right order.",
        )

    # -- interchange and grounding ---------------------------------------------------
    # ordering: the items' texts in order; their quotes first in the source, then the question's own.

    exchange_kinds: ClassVar[tuple[str, ...]] = ("ordering",)

    def to_exchanged(self) -> Exchanged:
        own = self.source if self.source != [i.source for i in self.items] else []
        exchanged = self._exchanged("ordering", steps=[i.text for i in self.items])
        exchanged.source = [*(i.source for i in self.items), *own]
        return exchanged

    @classmethod
    def from_exchanged(cls, q: Exchanged) -> Imported | None:
        if len(q.source) < len(q.steps):
            return Imported(None, refused="Tutor's order questions cite a quote of the material for each step, "
                                          "and this one has none")
        items = [{"text": step, "source": quote} for step, quote in zip(q.steps, q.source)]
        return Imported({"prompt": q.stem, "items": items, "source": q.source[len(q.steps):]})

    # -- xAPI ---------------------------------------------------------------------------

    def interaction(self) -> Interaction:
        texts = [i.text for i in self.items]
        ids = dict(zip(texts, component_ids(texts)))
        return Interaction("sequencing", (LIST_SEPARATOR.join(ids[t] for t in texts),),
                           steps=tuple((ids[t], t) for t in self.shown_options()))

    def interaction_response(self, response: str) -> str:
        """The ids of the items in the order given."""
        texts = [i.text for i in self.items]
        ids = dict(zip(texts, component_ids(texts)))
        given = [part if part in ids else getattr(match_answer(part, texts), "target", None)
                 for part in stored_parts(response)]
        return LIST_SEPARATOR.join(ids[t] for t in given if t is not None)

    def interaction_answer(self, response: str) -> Any:
        texts = dict(self.interaction().steps)
        return [texts.get(part, part) for part in response.split(LIST_SEPARATOR) if part]
