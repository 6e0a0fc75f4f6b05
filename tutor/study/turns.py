"""What the conversation shows, as plain values: its turns (`Message`), where it stands (`Status`),
and the help text. The screens import these without the engine, so the course, the grading and the
queue load on the study thread, not on the way to the first frame."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from content.questions import Question, Verdict

# What 'help' shows: every command and key of the chat.
HELP = """Type your answer and press Enter. Where options are numbered,
press the option's number.

  hint          a hint; a second one shows the passage, answer hidden
  I don't know  show the answer
  skip          leave the question until tomorrow
  why           after feedback: the whole paragraph, explained
  1-4           after feedback: rate it Again, Hard, Good or Easy
  I was right   after feedback: count a typed answer as right (Good)
  undo          take back the last answer
  more          when nothing is due: learn ahead
  ?question     ask the material, e.g. ?when did it begin
  quit          end the session; its summary stays on screen

Enter goes on · F1 hint · F2 undo · F3 help · F6 I was right
PageUp/PageDown scroll
Ordering: ↑/↓ choose an item, shift+↑/↓ move it · ctrl+q quits"""


class Phase(Enum):
    ASKING = "asking"  # a question waits for its answer
    FEEDBACK = "feedback"  # an answer was graded; the rating may still change
    IDLE = "idle"  # nothing due: the learner may ask, learn ahead or quit
    DONE = "done"


@dataclass(frozen=True, slots=True)
class Message:
    """One turn of the conversation, as the tutor says it; front ends decide how it looks."""

    kind: str  # greeting, question, feedback, rating, hint, reply, info, summary, echo
    text: str
    passage: str | None = None  # material shown with the message
    marks: tuple[tuple[int, int], ...] = ()  # spans of `passage` to highlight
    location: str | None = None
    question_id: str | None = None  # the question asked or answered
    pad: str | None = None  # the answer pad that shows the question (tutor.tui.pads); None: typed
    options: tuple[str, ...] = ()  # choices, order items as shown, or match's right side
    items: tuple[str, ...] = ()  # match's left side
    blanks: int = 0  # a cloze's blanks
    verdict: Verdict | None = None

    @classmethod
    def asking(cls, question: Question) -> Message:
        """The turn that asks a question, with what its answer pad shows."""
        return cls("question", question.shown_prompt(), question_id=question.id, pad=question.pad,
                   options=question.shown_options(), items=question.shown_items(),
                   blanks=question.shown_blanks())


@dataclass(frozen=True, slots=True)
class Status:
    """Where the conversation stands, for the front end to show beside the chat."""

    phase: Phase
    learner: str
    title: str
    due: int
    new: int
    done_today: int
    streak: int
    rating: int | None = None  # of the answer just given, while its feedback shows
    verdict: str | None = None  # its headline: "Right.", "Partly right.", "Not quite."
    due_in_s: float | None = None  # nothing due now: seconds until the soonest studied card comes due
    claimable: bool = False  # a typed answer was marked wrong or partly right: 'I was right' may count it
