"""`tutor ask`: answer questions from a course's material, or from any text file; one, or a file of them."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.cli.common import C1_CONTROLS, Fail, Groups, open_course, shown

if TYPE_CHECKING:
    from content.ask import Index, Reply

def register(groups: Groups) -> None:
    ask = groups.command("ask", run, help="answer a question from a course's material")
    ask.add_argument("question", nargs="?", help="the question, in quotes")
    source = ask.add_mutually_exclusive_group()
    source.add_argument("--course", metavar="ID", help="course folder name or path")
    source.add_argument("--material", metavar="PATH", type=Path, help="any text file, even one with no bank")
    ask.add_argument("--questions", metavar="FILE", type=Path,
                     help="ask every line of FILE ('-': standard input), one result a line")
    ask.add_argument("--json", action="store_true",
                     help="print JSON: question, passage, answer, location (one object a line)")


def index_cache() -> Path:
    """Where indexes of materials are kept ($TUTOR_CACHE/ask, else the user cache folder)."""
    if os.environ.get("TUTOR_CACHE"):
        return Path(os.environ["TUTOR_CACHE"]) / "ask"
    from platformdirs import user_cache_path

    return user_cache_path("tutor") / "ask"


def run(args: argparse.Namespace) -> int:
    from content.ask import ask

    if (args.question is None) == (args.questions is None):
        raise Fail("give one question, or --questions FILE")
    questions = [args.question] if args.questions is None else _read_questions(args.questions)
    index = _open_index(args)
    answered = True
    for question in questions:
        reply = ask(index, question)
        answered &= reply.passage is not None
        print(_json(question, reply) if args.json else _line(question, reply) if args.questions else _text(reply))
    return 0 if answered else 1


# A file of questions far longer than anyone writes: refused unread beyond this.
QUESTIONS_BYTES = 16 * 2**20


def _read_questions(path: Path) -> list[str]:
    from content.files import read_text

    try:
        text = sys.stdin.read() if str(path) == "-" else read_text(path, QUESTIONS_BYTES)
    except (OSError, UnicodeDecodeError) as e:
        raise Fail(f"cannot read {path}: {e}") from None
    return [line.strip() for line in text.splitlines() if line.strip()]


def _open_index(args: argparse.Namespace) -> Index:
    from content.ask.cache import open_index
    from content.files import read_text
    from content.material import MATERIAL_BYTES

    if args.material is not None:
        try:
            text = read_text(args.material, MATERIAL_BYTES)  # never a device, a pipe, or a runaway file
        except OSError as e:
            raise Fail(f"cannot read {args.material}: {e}") from None
        return open_index(text, str(args.material), index_cache())
    course = open_course(args.course)
    return open_index(course.material.text, course.material.name, index_cache(), course.bank)


def _json(question: str, reply: Reply) -> str:
    where = reply.location
    location = {"paragraph": where.paragraph, "sentences": list(where.sentences)} if where else None
    # One object a line; C1 controls escaped too, so a terminal shows the material, never acts on it.
    return C1_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(
        {"question": question, "passage": reply.passage, "answer": reply.answer, "location": location},
        ensure_ascii=False))


def _text(reply: Reply) -> str:
    if reply.passage is None:
        return reply.message
    head = f"{shown(reply.answer)}\n" if reply.answer else ""
    return f"{head}“{shown(reply.passage)}”\n({reply.location})"


def _line(question: str, reply: Reply) -> str:
    """One question's result on one line: the question, then the answer and passage, or that there is none."""
    if reply.passage is None:
        return f"{shown(question)}\t{reply.message}"
    answer = f"{reply.answer} — " if reply.answer else ""
    return f"{shown(question)}\t{shown(answer)}“{shown(' '.join(reply.passage.split()))}” ({reply.location})"
