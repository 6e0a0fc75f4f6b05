"""`tutor courses` and `tutor summary`: what is installed, and what a course holds."""

from __future__ import annotations

import argparse

from tutor.cli.common import Fail, Groups, open_course


def register(groups: Groups) -> None:
    groups.command("courses", list_courses, help="list installed courses")
    summary = groups.command("summary", show_summary, help="show a course's title and questions by type and topic")
    summary.add_argument("--course", metavar="ID")


def list_courses(args: argparse.Namespace) -> int:
    from content.bank import BankError, read_bank
    from content.course import BANK_FILE, course_folders
    from tutor.config import course_roots

    folders = course_folders(course_roots())
    if not folders:
        raise Fail("no course is installed")
    for folder in folders:
        try:
            bank = read_bank(folder / BANK_FILE).bank
            print(f"{folder.name:<16} {len(bank.questions):>5} questions  {bank.title}")
        except BankError as e:
            print(f"{folder.name:<16} (broken: {len(e.problems)} problem(s); run `tutor bank check {folder}`)")
    return 0


def show_summary(args: argparse.Namespace) -> int:
    course = open_course(args.course)
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
