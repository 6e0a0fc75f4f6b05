"""`tutor courses` and `tutor summary`: what is installed, and what a course holds."""

from __future__ import annotations

import argparse

from tutor.cli.common import Fail, Groups, open_course, shown


def register(groups: Groups) -> None:
    groups.command("courses", list_courses, help="list installed courses; exit 1 if any is broken")
    summary = groups.command("summary", show_summary, help="show a course's title and questions by type and topic")
    summary.add_argument("--course", metavar="ID")


def list_courses(args: argparse.Namespace) -> int:
    from content.bank import BankError
    from content.course import open_course as load
    from content.course_folders import course_folders
    from tutor.config import course_cache, course_roots

    folders = course_folders(course_roots())
    if not folders:
        raise Fail("no course is installed")
    broken = []
    for folder in folders:
        name = shown(folder.name)
        try:
            # The whole check, as `tutor bank check` makes it (a course checked once is cached).
            course = load(folder, cache=course_cache())
            print(f"{name:<16} {len(course.bank.questions):>5} questions  {shown(course.title)}")
        except BankError as e:
            broken.append(name)
            print(f"{name:<16} (broken: {len(e.problems)} error(s); run `tutor bank check {shown(str(folder))}`)")
    if broken:
        raise Fail(f"{len(broken)} of {len(folders)} course(s) have errors: {', '.join(broken)}")
    return 0


def show_summary(args: argparse.Namespace) -> int:
    course = open_course(args.course)
    bank = course.bank
    by_type = course.counts_by_type()
    by_topic = {shown(topic): n for topic, n in course.counts_by_topic().items()}
    print(shown(course.title))
    print(f"course {shown(course.folder.name)}, bank {bank.id}: {len(bank.questions)} questions\n")
    width = max(map(len, [*by_type, *by_topic]), default=0)
    print("By type")
    for kind, n in by_type.items():
        print(f"  {kind:<{width}}  {n:>4}")
    print("By topic")
    for topic, n in by_topic.items():
        print(f"  {topic:<{width}}  {n:>4}")
    return 0
