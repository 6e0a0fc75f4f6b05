"""The question types, one module each: its fields, grading, how a typed response is read, its hint,
which answer pad shows it, and its checks against the material.

Importing the package registers every type module in it (see `base.KINDS`); adding a type means
adding its module here and its fields to `content.schema`, nothing else.
"""

from __future__ import annotations

import importlib
import pkgutil

from content.questions.base import BLANK, KINDS, Cited, Hint, Question, Unreadable, Verdict

for _module in pkgutil.iter_modules(__path__):
    if _module.name != "base":
        importlib.import_module(f"{__name__}.{_module.name}")

TYPES: tuple[str, ...] = tuple(KINDS)

# The types by name, for code that builds one directly (tests, benches, converters).
from content.questions.choice import Choice  # noqa: E402
from content.questions.cloze import Blank, Cloze  # noqa: E402
from content.questions.match import Pairs  # noqa: E402
from content.questions.multi import Multi  # noqa: E402
from content.questions.numeric import Numeric  # noqa: E402
from content.questions.order import Item, Order  # noqa: E402
from content.questions.short import Short  # noqa: E402
from content.questions.truefalse import TrueFalse  # noqa: E402

__all__ = ["BLANK", "KINDS", "TYPES", "Blank", "Choice", "Cited", "Cloze", "Hint", "Item", "Multi", "Numeric",
           "Order", "Pairs", "Question", "Short", "TrueFalse", "Unreadable", "Verdict"]
