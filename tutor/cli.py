"""The `tutor` command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tutor",
        description="A terminal study companion: questions, explanations and spaced repetition.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _study_options(parser)
    _study_options(sub.add_parser("study", help="study a course in the chat (the default command)"))

    ask = sub.add_parser("ask", help="answer a question from a course's material")
    ask.add_argument("question", help="the question, in quotes")
    source = ask.add_mutually_exclusive_group()
    source.add_argument("--course", metavar="ID", help="course folder name or path")
    source.add_argument("--material", metavar="PATH", type=Path, help="any text file, even one with no bank")
    ask.add_argument("--json", action="store_true", help="print one JSON object: passage, answer, location")

    progress = sub.add_parser("progress", help="the learners' progress database").add_subparsers(
        dest="progress_command", metavar="ACTION")
    check_db = progress.add_parser("check", help="check the database's integrity")
    check_db.add_argument("--db", metavar="PATH", help="progress database (default: $TUTOR_DB or the user data folder)")
    optimize = progress.add_parser("optimize", help="fit a learner's FSRS parameters to their own reviews")
    optimize.add_argument("--learner", metavar="NAME", help="whose parameters (default: the last learner)")
    optimize.add_argument("--db", metavar="PATH", help="progress database (default: $TUTOR_DB or the user data folder)")

    sub.add_parser("courses", help="list installed courses")

    summary = sub.add_parser("summary", help="show a course's title and questions by type and topic")
    summary.add_argument("--course", metavar="ID", default=argparse.SUPPRESS)

    bank = sub.add_parser("bank", help="author question banks").add_subparsers(dest="bank_command", metavar="ACTION")
    check = bank.add_parser("check", help="validate banks and lint them against their material")
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="bank file or course folder")
    check.add_argument("--json", action="store_true", help="print one JSON object for scripts")
    bank.add_parser("schema", help="print the JSON Schema of bank files")
    return parser


def _study_options(parser: argparse.ArgumentParser) -> None:
    default = argparse.SUPPRESS if parser.prog != "tutor" else None
    parser.add_argument("--course", metavar="ID", default=default,
                        help="course folder name or path (default: ask when there are several)")
    parser.add_argument("--learner", metavar="NAME", default=default, help="who studies (default: ask, the last one first)")
    parser.add_argument("--db", metavar="PATH", default=default,
                        help="progress database (default: $TUTOR_DB or the user data folder)")
    parser.add_argument("--learn-ahead", action="store_true", default=default or False,
                        help="keep going with cards not yet due when nothing is due")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command in (None, "study"):
        return _study(args.course, args.learner, args.db, bool(args.learn_ahead))
    if args.command == "summary":
        return _summary(args.course)
    if args.command == "ask":
        return _ask(args.question, args.course, args.material, args.json)
    if args.command == "progress":
        if args.progress_command == "check":
            return _progress_check(args.db)
        if args.progress_command == "optimize":
            return _optimize(args.db, args.learner)
        parser.parse_args(["progress", "--help"])
    if args.command == "courses":
        return _courses()
    if args.command == "bank":
        if args.bank_command == "check":
            return _bank_check(args.paths, args.json)
        if args.bank_command == "schema":
            from content.schema import bank_schema

            print(json.dumps(bank_schema(), indent=2))
            return 0
        parser.parse_args(["bank", "--help"])
    return 2


def _fail(message: str) -> int:
    print(f"tutor: {message}", file=sys.stderr)
    return 1


def _open(name: str | None):  # -> Course
    from content.bank import BankError
    from content.course import open_course
    from tutor.config import course_cache, find_course

    try:
        return open_course(find_course(name), cache=course_cache())
    except LookupError as e:
        raise SystemExit(_fail(str(e))) from None
    except BankError as e:
        print(e, file=sys.stderr)
        raise SystemExit(_fail("the course's bank has errors; run `tutor bank check` on it")) from None


def _summary(name: str | None) -> int:
    course = _open(name)
    bank = course.bank
    print(f"{course.title}")
    print(f"course {course.folder.name}, bank {bank.id}: {len(bank.questions)} questions\n")
    width = max(map(len, [*course.counts_by_type(), *course.counts_by_topic()]), default=0)
    print("By type")
    for kind, n in course.counts_by_type().items():
        print(f"  {kind:<{width}}  {n:>4}")
    print("By topic")
    for topic, n in course.counts_by_topic().items():
        print(f"  {topic:<{width}}  {n:>4}")
    return 0


def _open_store(db: str | None):  # -> Store
    from progress.store import Store, StoreError
    from tutor.config import resolve_db_path

    path = resolve_db_path(db)
    try:
        return Store.open(path)
    except StoreError as e:
        raise SystemExit(_fail(str(e))) from None


def _study(course: str | None, learner: str | None, db: str | None, learn_ahead: bool) -> int:
    from content.course import course_folders
    from tutor.tui.app import TutorApp
    from tutor.config import course_roots, find_course

    try:
        folders = [find_course(course)] if course else course_folders(course_roots())
    except LookupError as e:
        return _fail(str(e))
    if not folders:
        return _fail("no course is installed")
    store = _open_store(db)
    app = TutorApp(store, folders, learner, learn_ahead=learn_ahead)
    app.run()
    if app.summary:
        print(app.summary)
    if app.error:
        return _fail(app.error)
    return 0


def _ask(question: str, course: str | None, material_path: Path | None, as_json: bool) -> int:
    from content.material import Material
    from content.ask import Index, ask

    if material_path is not None:
        try:
            index = Index.build(Material.from_file(material_path))
        except (OSError, UnicodeDecodeError) as e:
            return _fail(f"cannot read {material_path}: {e}")
    else:
        opened = _open(course)
        index = Index.build(opened.material, opened.bank)
    reply = ask(index, question)
    if as_json:
        where = reply.location
        location = {"paragraph": where.paragraph, "sentences": list(where.sentences)} if where else None
        print(json.dumps({"question": question, "passage": reply.passage, "answer": reply.answer,
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


def _progress_check(db: str | None) -> int:
    store = _open_store(db)
    problems = store.check()
    if problems:
        for problem in problems:
            print(problem)
        return _fail(f"{store.path}: {len(problems)} problem(s) found; a backup is in {store.backup_dir}")
    reviews, cards, learners = (store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                                for t in ("reviews", "cards", "learners"))
    print(f"ok: {store.path} is healthy ({learners} learner(s), {cards} card(s), {reviews} review(s))")
    return 0


def _optimize(db: str | None, learner: str | None) -> int:
    from progress.optimize import NotEnoughHistory, fit_learner

    store = _open_store(db)
    known = {who.name: who for who in store.learners()}
    if learner is not None and learner not in known:
        return _fail(f"no learner called {learner!r} (known: {', '.join(sorted(known)) or 'none'})")
    who = known[learner] if learner is not None else store.last_learner()
    if who is None:
        return _fail("there are no learners in this database yet")
    try:
        fit = fit_learner(store, who.id)
    except NotEnoughHistory as e:
        return _fail(f"{who.name}: {e}")
    kept = "kept" if fit.log_loss_after < fit.log_loss_before else "not kept: the defaults predict as well"
    print(f"{who.name}: fitted FSRS parameters to {fit.reviews_used} reviews of {fit.cards_used} cards; "
          f"log loss {fit.log_loss_before:.4f} before, {fit.log_loss_after:.4f} after ({kept})")
    return 0


def _courses() -> int:
    from content.bank import BankError, read_bank
    from content.course import BANK_FILE, course_folders
    from tutor.config import course_roots

    folders = course_folders(course_roots())
    if not folders:
        return _fail("no course is installed")
    for folder in folders:
        try:
            bank = read_bank(folder / BANK_FILE).bank
            print(f"{folder.name:<16} {len(bank.questions):>5} questions  {bank.title}")
        except BankError as e:
            print(f"{folder.name:<16} (broken: {len(e.problems)} problem(s); run `tutor bank check {folder}`)")
    return 0


def _bank_check(paths: list[Path], as_json: bool) -> int:
    from content.course import check_bank

    report = []
    for path in paths:
        problems = check_bank(path)
        report.append((path, problems))
    errors = sum(p.severity == "error" for _, ps in report for p in ps)
    warnings = sum(p.severity == "warning" for _, ps in report for p in ps)
    if as_json:
        print(json.dumps({
            "errors": errors, "warnings": warnings,
            "files": [{"path": str(path), "problems": [p.to_dict() for p in ps]} for path, ps in report],
        }, indent=2, ensure_ascii=False))
    else:
        for _, problems in report:
            for p in problems:
                print(p)
        status = "failed" if errors else "ok"
        print(f"{status}: {errors} error(s), {warnings} warning(s) in {len(paths)} bank(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
