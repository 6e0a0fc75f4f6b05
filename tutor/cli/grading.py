"""`tutor bank try`: how a bank's question grades a response, for authors checking their accept lists."""

from __future__ import annotations

import argparse
import json

from tutor.cli.common import Fail, Groups, open_course


def register(groups: Groups) -> None:
    attempt = groups.action("bank", "try", try_response, help="grade a response to one question, as a learner's would be")
    attempt.add_argument("course", metavar="COURSE", help="course name or folder")
    attempt.add_argument("question", metavar="QUESTION_ID")
    attempt.add_argument("response", metavar="RESPONSE", help="the response as typed on one line")
    attempt.add_argument("--json", action="store_true", help="print one JSON object for scripts")


def try_response(args: argparse.Namespace) -> int:
    course = open_course(args.course)
    try:
        question = course.bank.question(args.question)
    except KeyError:
        raise Fail(f"no question {args.question!r} in course {course.folder.name}") from None
    read = question.read(args.response)
    verdict = question.check(read)
    outcome = "right" if verdict.correct else "partial" if verdict.partial else "wrong"
    if args.json:
        print(json.dumps({
            "course": course.folder.name, "question": question.id, "type": question.type,
            "response": args.response, "read_as": read, "verdict": outcome, "score": verdict.score,
            "correct": verdict.correct, "matched": verdict.matched, "feedback": verdict.feedback,
            "answer": question.answer_text(),
        }, indent=2, ensure_ascii=False))
    else:
        matched = f"; taken as: {verdict.matched}" if verdict.matched.strip("; ") else ""
        print(f"{outcome} (score {verdict.score:.2f}){matched}")
        print(verdict.feedback)
    return 0
