"""`tutor bank draft`: a course folder of draft questions from any text, by rules over the material."""

from __future__ import annotations

import argparse
from pathlib import Path

from tutor.cli.common import Fail, Groups

# Kept in step with content.drafts: the parser is built at every start, without importing drafting.
TYPES = ("cloze", "short", "choice", "truefalse", "numeric", "multi", "order", "match")
DEFAULT_TYPES = ("cloze", "short", "choice", "numeric", "multi", "order")
WORDS_PER_DRAFT = 130


def register(groups: Groups) -> None:
    draft = groups.action(
        "bank", "draft", run, help="draft a course of questions from any text (status: draft, for review)",
        description="Draft a course folder from a material: the text copied in as material.md and a bank.yaml of "
                    "draft questions (status: draft) that cite it verbatim, drafted offline by rules over the text. "
                    "Review them, then remove each `status: draft` to let learners study it.")
    draft.add_argument("material", type=Path, metavar="MATERIAL", help="a plain text or Markdown file, in English")
    draft.add_argument("--to", type=Path, required=True, metavar="DIR", help="the course folder to write")
    draft.add_argument("--count", type=_count, metavar="N",
                       help=f"how many drafts (default: one per {WORDS_PER_DRAFT} words of text, 3 to 80); "
                            "fewer when the text holds fewer facts")
    draft.add_argument("--types", type=_types, metavar="T,...",
                       help=f"question types to draft, comma-separated, of {','.join(TYPES)} (default: "
                            f"{','.join(DEFAULT_TYPES)}, without acronym expansions or \"What was X called?\"; "
                            "name short to have those too)")
    draft.add_argument("--id", dest="bank_id", metavar="ID", help="the bank's id (default: from the folder's name)")
    draft.add_argument("--title", metavar="T", help="the course's title (default: the material's first heading)")
    draft.add_argument("--force", action="store_true", help="write into DIR even when it already holds files")


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("give at least 1")
    return value


def _types(text: str) -> tuple[str, ...]:
    asked = tuple(dict.fromkeys(t.strip() for t in text.split(",") if t.strip()))
    unknown = [t for t in asked if t not in TYPES]
    if not asked:
        raise argparse.ArgumentTypeError(f"no type given; choose from {','.join(TYPES)}")
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown type(s) {', '.join(map(repr, unknown))}; choose from {','.join(TYPES)}")
    return asked


def run(args: argparse.Namespace) -> int:
    import re

    from content.drafts.course import DraftError, write_course

    if args.bank_id is not None and not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", args.bank_id):
        raise Fail(f"--id {args.bank_id!r} must be a slug: lowercase letters, digits and hyphens")
    try:
        done = write_course(args.material, args.to, args.count, args.types, args.bank_id, args.title, args.force)
    except DraftError as e:
        raise Fail(str(e)) from None
    counts: dict[str, int] = {}
    for q in done.bank.questions:
        counts[q.type] = counts.get(q.type, 0) + 1
    kinds = ", ".join(f"{n} {t}" for t, n in counts.items()) or "none"
    print(f"{done.folder}: {len(done.bank.questions)} draft question(s) from {done.words} words ({kinds})")
    missing = [t for t in args.types or DEFAULT_TYPES if t not in counts]
    if missing:
        print(f"no {', '.join(missing)} draft: the text gave no fact of that shape")
    print(f"review them, then check: tutor bank check {done.folder}")
    return 0
