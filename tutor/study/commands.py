"""What a learner's typed line means: a command, a question of their own, or an answer."""

from __future__ import annotations

import re
from dataclasses import dataclass

_COMMANDS = {
    "hint": ("hint", "a hint", "give me a hint", "clue", "help me"),
    "dont_know": ("i dont know", "i do not know", "dont know", "idk", "no idea", "i have no idea", "pass"),
    "skip": ("skip", "skip it", "later", "skip this"),
    "why": ("why", "explain", "explain that", "explain it", "tell me more"),
    "more": ("more", "learn ahead", "keep going", "more please"),
    "undo": ("undo", "undo that", "take that back"),
    "quit": ("quit", "exit", "bye", "stop", "q", "goodbye", "done"),
    "next": ("next", "n", "continue", "go on", "ok", "okay"),
    "help": ("help", "commands", "what can i type", "keys"),
    "right": ("i was right", "i was correct", "i am right", "im right", "my answer was right",
              "that was right", "that is right", "thats right", "count it", "count it right", "override"),
}
_BY_PHRASE = {phrase: name for name, phrases in _COMMANDS.items() for phrase in phrases}
_QUESTION_WORDS = ("who", "what", "when", "where", "which", "why", "how")
_RATING = re.compile(r"^\s*([1-4])\s*$")


@dataclass(frozen=True, slots=True)
class Line:
    """One typed line, classified."""

    kind: str  # "command", "question", "rating", "answer" or "empty"
    text: str  # the command's name, the question, the rating digit, or the answer as typed


def read_line(text: str, answer_pending: bool) -> Line:
    """Classify one typed line. While an answer is pending, only a leading '?' asks a question."""
    from content.matching import normalize  # with the grading it needs: loaded by the study thread's course

    stripped = text.strip()
    if not stripped:
        return Line("empty", "")
    if stripped.startswith("?"):
        return Line("question", stripped[1:].strip())
    command = _BY_PHRASE.get(normalize(stripped))
    if command and not (command == "next" and answer_pending):  # "n" may answer a true/false
        return Line("command", command)
    if not answer_pending:
        if _RATING.match(stripped):
            return Line("rating", stripped)
        first = stripped.split()[0].lower().strip(",.")
        if stripped.endswith("?") or first in _QUESTION_WORDS:
            return Line("question", stripped)
    return Line("answer", stripped)
