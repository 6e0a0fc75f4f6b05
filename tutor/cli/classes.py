"""`tutor class merge|roster|gradebook|items|xapi|simulate` and `tutor progress export`: for the teacher."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, TYPE_CHECKING

from tutor.cli.common import DB_HELP, GROUP_HELP, Fail, Groups, open_course, open_store

if TYPE_CHECKING:
    from content.course import Course
    from progress.store import Store

PASSWORD_ENV = "TUTOR_LRS_PASSWORD"
CLASS_HELP = "a class database (merged learners' files, or a shared classroom database)"


def register(groups: Groups) -> None:
    GROUP_HELP.setdefault("class", "for the teacher: merge learners' files, gradebooks, item analysis, xAPI")
    merge = groups.action("class", "merge", merge_into_class, help="merge learners' progress files into a class")
    merge.add_argument("files", nargs="+", type=Path, metavar="FILE", help="a learner's progress file")
    merge.add_argument("--into", type=Path, required=True, metavar="CLASS.db", help="the class database (made if new)")

    roster = groups.action("class", "roster", import_roster, help="attach names, emails and student ids")
    roster.add_argument("db", type=Path, metavar="CLASS.db", help=CLASS_HELP)
    roster.add_argument("--import", dest="roster", type=Path, required=True, metavar="ROSTER.csv",
                        help="a CSV file with a header: name (or uuid or student_id), display name, email, student id")

    book = groups.action("class", "gradebook", write_gradebook, help="one row per learner, for a gradebook")
    book.add_argument("db", type=Path, metavar="CLASS.db", help=CLASS_HELP)
    book.add_argument("--course", metavar="ID", help="the course (default: the only one installed)")
    book.add_argument("--format", choices=("moodle", "canvas", "csv"), default="csv")
    book.add_argument("--out", required=True, metavar="FILE", help="where to write it ('-': standard output)")
    book.add_argument("--assignment-id", metavar="ID", help="Canvas: the assignment to update (default: a new one)")

    items = groups.action("class", "items", analyse_items, help="item analysis: how each question worked")
    items.add_argument("db", type=Path, metavar="CLASS.db", help=CLASS_HELP)
    items.add_argument("--course", metavar="ID", help="the course (default: the only one installed)")
    shape = items.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="a JSON list, one object per question revision")
    shape.add_argument("--csv", action="store_true", help="CSV, one row per question revision")
    shape.add_argument("--screen", action="store_true",
                       help="browse them in the terminal: sort, flagged only, each question's options and refusals")
    items.add_argument("--all-attempts", action="store_true", help="every attempt, not only each learner's first")
    items.add_argument("--min-attempts", type=int, default=10, metavar="N",
                       help="flag questions with at least N attempts (default: 10)")

    xapi = groups.action("class", "xapi", send_xapi, help="send answers as xAPI statements to a learning record store")
    xapi.add_argument("db", type=Path, metavar="CLASS.db", help=CLASS_HELP)
    xapi.add_argument("--endpoint", required=True, metavar="URL", help="the LRS's xAPI endpoint")
    xapi.add_argument("--user", required=True, metavar="U")
    xapi.add_argument("--password", metavar="P", help=f"the LRS password (default: ${PASSWORD_ENV})")
    xapi.add_argument("--dry-run", action="store_true", help="print the statements to send, one JSON object a line")
    xapi.add_argument("--mbox", action="store_true", help="name learners who have an email by it (default: by UUID)")
    xapi.add_argument("--course", action="append", metavar="ID",
                      help="a course whose answers to send (repeatable; default: every installed course the class used)")
    xapi.add_argument("--base", default="https://tutor.invalid", metavar="IRI",
                      help="the IRI that activity ids and accounts are under (default: https://tutor.invalid)")
    xapi.add_argument("--batch", type=int, default=100, metavar="N", help="statements per request (default: 100)")

    simulate = groups.action("class", "simulate", simulate_class, help="a simulated class, to try the reports on")
    simulate.add_argument("course", metavar="COURSE", help="the course they study")
    simulate.add_argument("--learners", type=int, required=True, metavar="N")
    simulate.add_argument("--days", type=int, required=True, metavar="D")
    simulate.add_argument("--out", type=Path, required=True, metavar="DIR", help="a folder for their files")
    simulate.add_argument("--seed", type=int, default=0, metavar="S")

    export = groups.action("progress", "export", export_reviews, help="every answer, as CSV or JSON lines")
    export.add_argument("--db", metavar="PATH", help=DB_HELP)
    export.add_argument("--format", choices=("csv", "jsonl"), required=True)
    export.add_argument("--out", default="-", metavar="FILE", help="where to write it (default: standard output)")


def merge_into_class(args: argparse.Namespace) -> int:
    from progress.classes.classdb import for_merging
    from progress.classes.merge import merge_files
    from progress.store import StoreError

    new = not args.into.exists()
    store = _class(args.into, create=True)
    refused = learners = reviews = 0
    with store:
        for_merging(store)
        for path, merged in merge_files(store.conn, args.files):
            if isinstance(merged, StoreError):
                print(f"tutor: {merged}", file=sys.stderr)
                refused += 1
                continue
            learners += merged.learners_added
            reviews += merged.reviews_added
            print(f"{path}: {_learners(merged.learners_added, merged.learners_known)}, "
                  f"{merged.reviews_added} review(s) added ({merged.reviews_known} already in the class)"
                  + (f", {merged.cards_replayed} card(s) replayed from both logs" if merged.cards_replayed else ""))
            for old, new in merged.renamed:
                print(f"  {old!r} is another learner's name in the class: this one is {new!r}")
        total = store.conn.execute("SELECT count(*) FROM learners").fetchone()[0]
    merged_files = len(args.files) - refused
    if new and not merged_files:  # nothing merged: no empty class database left behind
        for path in (args.into, args.into.with_name(args.into.name + "-wal"), args.into.with_name(args.into.name + "-shm")):
            path.unlink(missing_ok=True)
    print(f"merged {merged_files} file(s) into {args.into}: {learners} learner(s) and {reviews} review(s) added; "
          f"the class has {total} learner(s)" + (f"; {refused} file(s) refused" if refused else ""))
    return 1 if refused else 0


def _learners(added: int, known: int) -> str:
    parts = [f"{added} learner(s) added"] if added else []
    parts += [f"{known} already in the class"] if known else []
    return ", ".join(parts) or "no learners"


def import_roster(args: argparse.Namespace) -> int:
    from progress.classes.roster import RosterError, import_roster as attach

    with _class(args.db) as store:
        try:
            imported = attach(store, args.roster)
        except RosterError as error:
            raise Fail(str(error)) from None
    print(f"{args.roster}: {len(imported.matched)} row(s) matched a learner")
    for unmatched in imported.unmatched:
        print(f"{args.roster}:{unmatched.line}: {unmatched.why}")
    if imported.not_in_roster:
        print(f"learners no row matched: {', '.join(imported.not_in_roster)}")
    return 0


def write_gradebook(args: argparse.Namespace) -> int:
    from progress.classes.gradebook import FORMATS, canvas_assignment, gradebook

    course = open_course(args.course)
    outline = _outline(course)
    with _class(args.db) as store:
        rows = gradebook(store.conn, outline, datetime.now(timezone.utc), tz=store.tz)
    with _output(args.out) as out:
        FORMATS[args.format](out, outline, rows, canvas_assignment(outline, args.assignment_id))
    if args.out != "-":
        print(f"wrote {len(rows)} learner(s) of {course.id} to {args.out} ({args.format})")
    return 0


def analyse_items(args: argparse.Namespace) -> int:
    from progress.classes.cells import write_csv
    from progress.classes.items import item_analysis

    if args.min_attempts < 1:
        raise Fail(f"--min-attempts {args.min_attempts}: a question needs at least 1 attempt to be judged")
    course = open_course(args.course)
    if args.screen:
        from tutor.tui.items import ItemsApp

        _class(args.db).close()  # refused here, with its reason, if it is not a class database
        app = ItemsApp(args.db, course, first_only=not args.all_attempts, min_attempts=args.min_attempts)
        app.run()
        if app.error:
            raise Fail(app.error)
        if app.return_code:
            raise Fail("the items screen stopped on an unexpected error (shown above)")
        return 0
    with _class(args.db) as store:
        items = item_analysis(store.conn, course.id, {q.id: q for q in course.bank.questions},
                              first_only=not args.all_attempts, min_attempts=args.min_attempts)
    if args.json:
        print(json.dumps([item.to_json() for item in items], indent=1, ensure_ascii=False))
        return 0
    header = ["question_id", "revision", "current", "attempts", "facility", "sd", "discrimination", "efficiency",
              "overrides", "flags"]  # fmt: skip
    rows = [[i.question_id, i.revision, i.current, i.attempts, i.facility, i.sd, i.discrimination, i.efficiency,
             i.overrides, " ".join(i.flags)] for i in items]  # fmt: skip
    if args.csv:
        write_csv(sys.stdout, [header, *rows])
        return 0
    print(f"{'question':40} {'n':>5} {'facility':>8} {'sd':>6} {'discr':>6} {'effic':>6}  flags")
    for i in items:
        name = i.question_id if i.current else f"{i.question_id} (rev {i.revision})"
        print(f"{name[:40]:40} {i.attempts:5d} {i.facility:8.2f} {_figure(i.sd)} {_figure(i.discrimination)} "
              f"{_figure(i.efficiency)}  {' '.join(i.flags)}")
    basis = "all attempts" if args.all_attempts else "first attempts"
    print(f"{len(items)} question revision(s) of {course.id}, over {basis}; --json for options and refusals")
    return 0


def _figure(value: float | None) -> str:
    return f"{value:6.2f}" if value is not None else f"{'-':>6}"


def send_xapi(args: argparse.Namespace) -> int:
    from progress.classes import outbox
    from progress.classes.sender import Client, Refused, Unreachable, send, statements_url
    from progress.classes.statements import Naming
    from progress.classes.validate import is_iri

    try:
        lrs = statements_url(args.endpoint)
    except ValueError as error:
        raise Fail(str(error)) from None
    password = args.password if args.password is not None else os.environ.get(PASSWORD_ENV)
    if password is None and not args.dry_run:
        raise Fail(f"give the LRS password with --password or ${PASSWORD_ENV}")
    if not is_iri(args.base):
        raise Fail(f"--base {args.base!r} is not an IRI (for example https://school.example/tutor)")
    if args.batch < 1:
        raise Fail(f"--batch {args.batch}: send at least 1 statement a request")
    naming = Naming(base=args.base, mbox=args.mbox)
    with _class(args.db) as store:
        courses = _statement_courses(store, args.course)
        built = outbox.build_new(store.conn, lrs, courses, naming)
        for reason, count in sorted(built.skipped.items()):
            print(f"skipped {count} {reason}", file=sys.stderr)
        for problem in built.invalid:
            print(f"tutor: not sent, invalid: {problem}", file=sys.stderr)
        if args.dry_run:
            for text in outbox.pending_texts(store.conn, lrs):
                print(text)
            for _, statement in built.statements:
                print(json.dumps(statement, ensure_ascii=False, separators=(",", ":")))
            return 1 if built.invalid else 0
        added = outbox.queue(store.conn, lrs, built, datetime.now(timezone.utc))
        waiting = outbox.counts(store.conn, lrs).get("pending", 0)
        print(f"queued {added} new statement(s); {waiting} to send to {lrs}", flush=True)

        def progress(sent) -> None:
            print(f"acknowledged {sent.acknowledged}/{waiting}", flush=True)

        client = Client(lrs, args.user, password or "")
        try:
            sent = send(store.conn, client, batch=args.batch, on_batch=progress)
        except Refused as error:
            raise Fail(str(error)) from None
        except Unreachable as error:
            left = outbox.counts(store.conn, lrs).get("pending", 0)
            raise Fail(f"{error}; {left} statement(s) wait in the outbox: run this again to send them") from None
    for statement_id in sent.conflicts:
        print(f"tutor: conflict: the LRS holds another statement under the id {statement_id}; not sent again",
              file=sys.stderr)
    for statement_id, reason in sent.refused:
        print(f"tutor: the LRS refused statement {statement_id}: {reason}", file=sys.stderr)
    print(f"sent: {sent.acknowledged} acknowledged, {len(sent.conflicts)} conflict(s), {len(sent.refused)} refused")
    return 1 if sent.conflicts or sent.refused or built.invalid else 0


def simulate_class(args: argparse.Namespace) -> int:
    from progress.classes.simulate import simulate

    course = open_course(args.course)
    if args.learners < 1 or args.days < 1:
        raise Fail("a simulated class needs --learners and --days of at least 1")
    if args.out.exists() and not args.out.is_dir():
        raise Fail(f"--out {args.out}: it is a file; name a folder for the learners' files")
    if args.out.exists() and any(args.out.glob("*.db")):
        raise Fail(f"{args.out} already holds progress files; choose an empty folder")
    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise Fail(f"--out {args.out}: cannot make the folder ({error.strerror})") from None
    truth = simulate(course, args.out, learners=args.learners, days=args.days, seed=args.seed)
    print(f"wrote {len(truth.learners)} simulated learner(s) of {course.id} over {args.days} day(s) to {args.out} "
          f"(their true abilities and the questions' difficulties are in {args.out / 'truth.json'})")
    print(f"next: tutor class merge {args.out}/*.db --into class.db")
    return 0


def export_reviews(args: argparse.Namespace) -> int:
    from progress.classes.export import FORMATS

    store = open_store(args.db, existing=True)
    with store, _output(args.out) as out:
        count = FORMATS[args.format](store.conn, out)
    if args.out != "-":
        print(f"wrote {count} answer(s) to {args.out} ({args.format})")
    return 0


# Helpers ##############################################################################


def _class(path: Path, *, create: bool = False) -> Store:
    from progress.classes.classdb import open_class
    from progress.store import StoreError

    try:
        return open_class(path, create=create)
    except StoreError as error:
        raise Fail(str(error)) from None


@contextlib.contextmanager
def _output(target: str) -> Iterator[IO[str]]:
    if target == "-":
        yield sys.stdout
        return
    try:
        with open(target, "w", encoding="utf-8", newline="") as out:
            yield out
    except OSError as error:
        raise Fail(f"cannot write {target} ({error.strerror})") from None


def _outline(course: Course):
    from progress.classes.gradebook import Outline

    return Outline(course.id, course.title, {q.id: tuple(q.topics) for q in course.bank.questions})


def _statement_courses(store: Store, names: list[str] | None):
    """The courses whose answers to send, by id: those named, or every installed one the class used."""
    from content.bank import BankError
    from content.course import open_course as load
    from content.course_folders import course_folders
    from progress.classes.statements import CourseInfo
    from tutor.config import course_cache, course_roots

    if names:
        found = [open_course(name) for name in names]
    else:
        used = {row[0] for row in store.conn.execute("SELECT DISTINCT bank_id FROM cards")}
        found = []
        for folder in course_folders(course_roots()):
            try:
                course = load(folder, cache=course_cache())
            except BankError:
                continue  # a broken course is reported by `tutor courses`; its answers are skipped
            if course.id in used:
                found.append(course)
    return {c.id: CourseInfo(c.id, c.title, {q.id: q for q in c.bank.questions}) for c in found}
