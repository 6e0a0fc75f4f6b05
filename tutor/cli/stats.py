"""`tutor stats`: a learner's statistics in a course, as text or one JSON object."""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.cli.common import DB_HELP, Fail, Groups, open_course, open_store, pick_learner, shown

if TYPE_CHECKING:
    from progress.statistics import Statistics

KEYS = """\
--json prints one object:
  learner, bank, today (the study day, YYYY-MM-DD), desired_retention (0-1),
  answers_past_year, streak (study days in a row up to today),
  calendar: [{date, answers}] the past 365 study days, oldest first,
  forecast: [{date, due}] the next 30 study days (today's includes overdue cards),
  true_retention: {day, week, month, year}: {young_passed, young_failed, mature_passed,
    mature_failed, young, mature, total} over answers to cards in review (mature: 21 days or
    more since the card's previous answer; passed: Hard, Good or Easy; rates 0-1 or null),
  retention_by_month: [{month (YYYY-MM), passed, failed, rate}],
  cards: {new, learning, young, mature, suspended, leeches} (every question in one),
  topics: [{name, mastered, questions}], hardest: [{question_id, lapses, retrievability}],
  mastered, questions (mastered: in review, retrievability now above the desired retention).
Every figure counts answers that still count: undone ones are left out, a re-rated or
overridden one counts once with its latest rating. Study days turn at 04:00 local time."""

WIDTH = 78
SHADES = " ░▒▓█"


def register(groups: Groups) -> None:
    stats = groups.command("stats", run, help="a learner's statistics in a course",
                           epilog=KEYS, formatter_class=argparse.RawDescriptionHelpFormatter)
    stats.add_argument("--learner", metavar="NAME", help="whose statistics (default: the last learner)")
    stats.add_argument("--course", metavar="ID", help="course folder name or path (default: the only one)")
    stats.add_argument("--db", metavar="PATH", help=DB_HELP)
    stats.add_argument("--json", action="store_true", help="print one JSON object with every figure (keys below)")


def run(args: argparse.Namespace) -> int:
    from progress.statistics import has_answers, statistics
    from tutor.config import resolve_db_path

    path = resolve_db_path(args.db)
    if not Path(path).exists():  # opening would create it: a question is no reason to
        raise Fail(f"no progress database at {path} yet; study first (`tutor`)")
    course = open_course(args.course)
    store = open_store(args.db, existing=True)
    who = pick_learner(store, args.learner)
    bank = course.bank
    if not has_answers(store, who.id, bank.id):
        raise Fail(f"{who.name} has no answers in {course.folder.name} yet; study it first "
                   f"(`tutor --course {course.folder.name}`)")
    store.sync_bank(who.id, bank.id, course.passage_keys())  # as a session starts: new questions, new cards
    figures = statistics(store, who.id, bank.id, datetime.now(timezone.utc),
                         {question.id: question.topics for question in bank.questions})
    if args.json:
        print(json.dumps(figures.to_dict(), indent=2, ensure_ascii=False))
    else:
        print("\n".join(report(figures, course.title)))
    return 0


def report(figures: Statistics, title: str) -> list[str]:
    """The statistics as lines of at most WIDTH characters."""
    lines = [f"{shown(figures.learner)} · {shown(title)} · {figures.today.isoformat()}", ""]
    share = figures.mastered / figures.questions if figures.questions else 0.0
    lines.append(f"Mastered {figures.mastered} of {figures.questions}  {bar(share, 40)}  {share:.0%}")
    lines.append(f"Streak {figures.streak} day{'s' if figures.streak != 1 else ''} · "
                 f"{figures.answers} answers in the past year")
    cards = figures.cards
    lines += ["", f"Cards: {cards.new} new · {cards.learning} learning · {cards.young} young · "
                  f"{cards.mature} mature · {cards.suspended} suspended · {cards.leeches} leeches"]
    lines += ["", "Study days (the past year; darker: more answers)", *calendar(figures)]
    lines += ["", f"True retention (desired {figures.desired_retention:.0%})",
              f"  {'':<7}{'young':>16}{'mature':>16}{'all':>16}"]
    for name, figures_ in figures.true_retention.items():
        lines.append(f"  {name:<7}{cell(figures_.young_passed, figures_.young_failed)}"
                     f"{cell(figures_.mature_passed, figures_.mature_failed)}{cell(figures_.passed, figures_.failed)}")
    months = [month for month in figures.retention_by_month if month.rate is not None]
    lines += ["", "Retention by month"]
    lines += [f"  {month.month}  {bar(month.rate or 0.0, 40)} {month.rate or 0.0:>5.0%} of {month.passed + month.failed}"
              for month in months] or ["  no reviews of learnt cards yet"]
    lines += ["", "Due in the next 30 days (today includes overdue)"]
    lines += [f"  {day.date.isoformat()}  {day.count:>5}" for day in figures.forecast if day.count] or ["  nothing"]
    if figures.topics:
        lines += ["", "Mastery by topic"]
        width = min(30, max(len(shown(topic.name)) for topic in figures.topics))
        for topic in figures.topics:
            name = shown(topic.name)[:width]
            lines.append(f"  {name:<{width}}  {bar(topic.mastered / topic.questions, 20)} "
                         f"{topic.mastered:>4} of {topic.questions}")
    if figures.hardest:
        lines += ["", "Hardest questions (most lapses, then lowest retrievability)"]
        for hard in figures.hardest:
            lines.append(f"  {shown(hard.question_id)[:50]:<50} {hard.lapses:>3} lapses  R {hard.retrievability:.0%}")
    return lines


def bar(share: float, width: int) -> str:
    filled = round(share * width)
    return "█" * filled + "·" * (width - filled)


def cell(passed: int, failed: int) -> str:
    total = passed + failed
    return f"{'—':>16}" if not total else f"{passed / total:>7.0%} of {total:<5}".rjust(16)


def calendar(figures: Statistics) -> list[str]:
    """The past year as 7 rows of weekdays, a column a week, each day shaded by its answers."""
    days = figures.calendar
    busiest = max((day.count for day in days), default=0)
    first = days[0].date
    offset = first.weekday()
    weeks = (offset + len(days) + 6) // 7
    grid = [[" "] * weeks for _ in range(7)]
    for index, day in enumerate(days):
        column, row = divmod(offset + index, 7)
        grid[row][column] = shade(day.count, busiest)
    names = ("Mon", "", "Wed", "", "Fri", "", "Sun")
    return [f"  {name:<4}{''.join(row)}" for name, row in zip(names, grid)] + [months_line(first, offset, weeks)]


def shade(count: int, busiest: int) -> str:
    if not count:
        return "·"
    return SHADES[max(1, -(-count * (len(SHADES) - 1) // busiest))]


def months_line(first: date, offset: int, weeks: int) -> str:
    """Month initials under the calendar's weeks where each month begins."""
    line = [" "] * weeks
    for column in range(weeks):
        monday = first.toordinal() - offset + 7 * column
        day = date.fromordinal(monday)
        if column == 0 or date.fromordinal(monday - 7).month != day.month:
            line[column] = day.strftime("%b")[0]
    return "      " + "".join(line)
