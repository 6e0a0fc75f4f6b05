"""The app in a real terminal (tmux, 80x24), typed into one key at a time as a person does.

Pilot delivers keys straight to widgets; a terminal sends bytes that Textual must read, parse and
route while the screen changes under them. This is where a first letter after feedback got lost.
Skipped when tmux is not installed.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KEYS_COURSE = ROOT / "tests" / "data" / "courses" / "keys"
PADS = {  # the usage line each picking pad shows, and its type
    "Press the option's number.": "choice",
    "Number keys tick options": "multi",
    "Press 1 (true) or 2 (false)": "truefalse",
    "shift+↑/↓ move it": "order",
    "then the letter it goes with": "match",
}

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Terminal:
    """A tmux server of the test's own (its own socket), so that no other tmux user meets it."""

    def __init__(self, name: str, command: str) -> None:
        self.name = name
        self.tmux = ["tmux", "-L", f"{name}-{os.getpid()}"]
        subprocess.run([*self.tmux, "new-session", "-d", "-s", name, "-x", "80", "-y", "24", command], check=True)

    def screen(self) -> str:
        return subprocess.run([*self.tmux, "capture-pane", "-p", "-t", self.name], capture_output=True, text=True).stdout

    def type(self, text: str, rng: random.Random) -> None:
        """One key at a time, 0.1-0.4 s apart."""
        for character in text:
            subprocess.run([*self.tmux, "send-keys", "-t", self.name, "-l", character], check=True)
            time.sleep(rng.uniform(0.1, 0.4))

    def burst(self, text: str) -> None:
        """Keys as fast as tmux sends them: a paste-like burst."""
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, "-l", text], check=True)

    def enter(self) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, "Enter"], check=True)

    def wait_for(self, pattern: str, rounds: int = 100) -> str:
        """The screen once `pattern` shows on it (a hang bound of rounds, not a speed limit)."""
        for _ in range(rounds):
            screen = self.screen()
            if re.search(pattern, screen, re.MULTILINE):
                return screen
            time.sleep(0.2)
        raise AssertionError(f"never saw {pattern!r}; the screen was:\n{self.screen()}")

    def wait_until_gone(self, pattern: str, rounds: int = 100) -> str:
        for _ in range(rounds):
            screen = self.screen()
            if not re.search(pattern, screen, re.MULTILINE):
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{pattern!r} stayed; the screen was:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)


@pytest.fixture
def terminal(tmp_path):
    command = (f"{sys.executable} -m tutor.cli --course {KEYS_COURSE} --learner ana --db {tmp_path / 't.db'}; "
               "echo EXITED-$?; sleep 30")
    term = Terminal(f"tutor-{tmp_path.name}", f"cd {ROOT} && {command}")
    yield term
    term.close()


def echoed(screen: str, line: str) -> bool:
    """Whether the learner's line shows in the chat exactly as typed (its own chat turn)."""
    return re.search(rf"█ {re.escape(line)}{_TAIL}", screen, re.MULTILINE) is not None


# What may follow a chat line on screen: spaces and the scroll bar's blocks.
_TAIL = r"[\s▁▂▃▄▅▆▇█▔]*$"


def on_the_line(screen: str, text: str) -> bool:
    """Whether the input line shows exactly `text`."""
    return re.search(rf"^▊  {re.escape(text)} *▎$", screen, re.MULTILINE) is not None


def test_every_key_typed_reaches_the_line_in_a_real_terminal(terminal):
    rng = random.Random(20261201)
    terminal.wait_for(r"^ *▊ *Type your answer")
    seen: set[str] = set()
    for _ in range(6):
        screen = terminal.wait_until_gone(r"1  Again")  # the next question, not the last feedback
        seen |= {kind for usage, kind in PADS.items() if usage in screen}
        for line, reply in (("hint", r"█ (Topic|The passage)"), ("I don't know", r"No matter: here it is\.")):
            terminal.type(line, rng)
            assert on_the_line(terminal.screen(), line), terminal.screen()
            terminal.enter()
            terminal.wait_for(reply)
        terminal.type("why", rng)  # right after feedback: the first key used to be lost here
        assert on_the_line(terminal.screen(), "why"), terminal.screen()
        terminal.enter()
        screen = terminal.wait_for(r"^ *█ \(paragraphs? \d")
        assert "Answer first" not in screen, screen
        terminal.enter()
    assert seen == set(PADS.values())


def test_a_burst_typed_after_feedback_runs_in_order(terminal):
    terminal.wait_for(r"^ *▊ *Type your answer")
    terminal.burst("1")  # the first question is a choice: its first option
    screen = terminal.wait_for(r"1  Again")
    terminal.burst("why")
    terminal.enter()
    terminal.enter()  # straight after: the explanation first, then the next question
    screen = terminal.wait_for(rf"█ why{_TAIL}")
    screen = terminal.wait_for(r"Which shapes|True or false|Put the earthquakes|Match each|Who is usually")
    assert screen.index("why") < screen.rindex("Ptolemy") or "island" in screen


def test_a_start_that_shows_the_kept_first_question_takes_every_key_typed_at_once(tmp_path):
    """The second start shows the turns the first one's end kept before the course has loaded: keys typed
    then reach the line, a command typed then runs, and the chat greets once."""
    run = f"{sys.executable} -m tutor.cli --course {KEYS_COURSE} --learner ana --db {tmp_path / 't.db'}"
    term = Terminal(f"kept-{tmp_path.name}", f"cd {ROOT} && {run}; echo FIRST-$?; {run}; echo SECOND-$?; sleep 30")
    rng = random.Random(20261202)
    try:
        term.wait_for(r"^ *▊ *Type your answer")
        first = term.wait_for(r"█ .*\?")  # the question's line that ends it
        question = next(line for line in first.splitlines() if re.search(r"█ .*\?", line))
        term.type("quit", rng)
        term.enter()
        term.wait_for(r"Saved\. Press Enter")
        term.enter()
        term.wait_for(r"^FIRST-0")
        term.wait_for(re.escape(question.strip(" █▁▂▃▄▅▆▇▔")))
        term.type("hint", rng)
        assert on_the_line(term.screen(), "hint") or echoed(term.screen(), "hint"), term.screen()
        term.enter()
        screen = term.wait_for(r"█ (Topic|The passage|It is one of)")
        assert screen.count("Hello ana") == 1, screen
    finally:
        term.close()
