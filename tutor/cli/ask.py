"""`tutor ask`: answer a question from a course's material, or from any text file."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from tutor.cli.common import Fail, Groups, open_course


def register(groups: Groups) -> None:
    ask = groups.command("ask", run, help="answer a question from a course's material")
    ask.add_argument("question", help="the question, in quotes")
    source = ask.add_mutually_exclusive_group()
    source.add_argument("--course", metavar="ID", help="course folder name or path")
    source.add_argument("--material", metavar="PATH", type=Path, help="any text file, even one with no bank")
    ask.add_argument("--json", action="store_true", help="print one JSON object: passage, answer, location")


def run(args: argparse.Namespace) -> int:
    from content.ask import Index, ask
    from content.material import Material

    if args.material is not None:
        try:
            index = Index.build(Material.from_file(args.material))
        except (OSError, UnicodeDecodeError) as e:
            raise Fail(f"cannot read {args.material}: {e}") from None
    else:
        course = open_course(args.course)
        index = Index.build(course.material, course.bank)
    reply = ask(index, args.question)
    if args.json:
        where = reply.location
        location = {"paragraph": where.paragraph, "sentences": list(where.sentences)} if where else None
        print(json.dumps({"question": args.question, "passage": reply.passage, "answer": reply.answer,
                          "location": location}, ensure_ascii=False))
        return 0 if reply.passage else 1
    if reply.passage is None:
        print(reply.message)
        return 1
    if reply.answer:
        print(reply.answer)
    print(f"“{reply.passage}”")
    print(f"({reply.location})")
    return 0
