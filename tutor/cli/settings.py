"""`tutor settings`: see or change a learner's study settings for a course."""

from __future__ import annotations

import argparse
import dataclasses
from datetime import datetime, timezone

from tutor.cli.common import DB_HELP, Fail, Groups, open_course, open_store, pick_learner, shown


def register(groups: Groups) -> None:
    settings = groups.command("settings", run, help="see or change a learner's study settings",
                              description="With no option, print the settings; each option changes one.")
    settings.add_argument("--learner", metavar="NAME", help="whose settings (default: the last learner)")
    settings.add_argument("--course", metavar="ID", help="the course whose topics --topics names")
    settings.add_argument("--db", metavar="PATH", help=DB_HELP)
    settings.add_argument("--new-per-day", type=int, metavar="N", help="new cards a day (default 20)")
    settings.add_argument("--reviews-per-day", type=int, metavar="N", help="reviews a day at most (default 200)")
    settings.add_argument("--retention", type=float, metavar="R", help="desired retention, 0.70-0.99 (default 0.90)")
    settings.add_argument("--extra-new", type=int, metavar="N", help="new cards allowed today beyond the daily number")
    topics = settings.add_mutually_exclusive_group()
    topics.add_argument("--topics", metavar="T,...", help="study only these topics (comma-separated)")
    topics.add_argument("--all-topics", action="store_true", help="study every topic")


def run(args: argparse.Namespace) -> int:
    from tutor.study.settings import problems, read_settings, save_settings

    store = open_store(args.db, existing=True)
    who = pick_learner(store, args.learner)
    now = datetime.now(timezone.utc)
    current = read_settings(store, who.id, now)
    changes = {name: value for name, value in (
        ("new_per_day", args.new_per_day), ("reviews_per_day", args.reviews_per_day),
        ("desired_retention", args.retention), ("extra_new_today", args.extra_new),
    ) if value is not None}
    if args.topics is not None:
        changes["topics"] = tuple(t.strip() for t in args.topics.split(",") if t.strip())
    elif args.all_topics:
        changes["topics"] = ()
    if changes:
        wanted = dataclasses.replace(current, **changes)
        course_topics = set(wanted.topics)
        if wanted.topics and "topics" in changes:
            course_topics = {t for q in open_course(args.course).bank.questions for t in q.topics}
        wrong = problems(wanted, course_topics)
        if wrong:
            raise Fail("; ".join(wrong))
        save_settings(store, who.id, wanted, now)
        current = read_settings(store, who.id, now)
    print(f"{shown(who.name)}'s study settings")
    print(f"  new cards per day      {current.new_per_day}")
    print(f"  reviews per day        {current.reviews_per_day}")
    print(f"  desired retention      {current.desired_retention:.2f}")
    print(f"  extra new cards today  {current.extra_new_today}")
    print(f"  topics                 {', '.join(map(shown, current.topics)) or 'all'}")
    if args.course is not None and current.topics:
        known = {t for q in open_course(args.course).bank.questions for t in q.topics}
        missing = [t for t in current.topics if t not in known]
        if missing:
            rest = "the others are studied" if len(missing) < len(current.topics) else "every topic is studied"
            print(f"  (this course has no topic {', '.join(shown(repr(t)) for t in missing)}: ignored, {rest})")
    return 0
