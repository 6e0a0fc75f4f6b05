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
    parser.add_argument("--course", metavar="ID", help="course folder name or path (default: the first installed)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("courses", help="list installed courses")

    summary = sub.add_parser("summary", help="show a course's title and questions by type and topic")
    summary.add_argument("--course", metavar="ID", default=argparse.SUPPRESS)

    bank = sub.add_parser("bank", help="author question banks").add_subparsers(dest="bank_command", metavar="ACTION")
    check = bank.add_parser("check", help="validate banks and lint them against their material")
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="bank file or course folder")
    check.add_argument("--json", action="store_true", help="print one JSON object for scripts")
    bank.add_parser("schema", help="print the JSON Schema of bank files")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "courses":
        return _courses()
    if args.command == "bank":
        if args.bank_command == "check":
            return _bank_check(args.paths, args.json)
        if args.bank_command == "schema":
            from content.bank import bank_schema

            print(json.dumps(bank_schema(), indent=2))
            return 0
        parser.parse_args(["bank", "--help"])
    return _summary(args.course)


def _fail(message: str) -> int:
    print(f"tutor: {message}", file=sys.stderr)
    return 1


def _open(name: str | None):  # -> Course
    from content.bank import BankError
    from content.course import open_course
    from tutor.catalog import find_course

    try:
        return open_course(find_course(name))
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


def _courses() -> int:
    from content.bank import BankError, read_bank
    from content.course import BANK_FILE, course_folders
    from tutor.catalog import course_roots

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
