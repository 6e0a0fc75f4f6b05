"""`tutor progress check|optimize`: the learners' progress database."""

from __future__ import annotations

import argparse

from tutor.cli.common import DB_HELP, Fail, Groups, open_store


def register(groups: Groups) -> None:
    check = groups.action("progress", "check", check_database, help="check the database's integrity")
    check.add_argument("--db", metavar="PATH", help=DB_HELP)
    optimize = groups.action("progress", "optimize", optimize_learner,
                             help="fit a learner's FSRS parameters to their own reviews")
    optimize.add_argument("--learner", metavar="NAME", help="whose parameters (default: the last learner)")
    optimize.add_argument("--db", metavar="PATH", help=DB_HELP)


def check_database(args: argparse.Namespace) -> int:
    store = open_store(args.db)
    problems = store.check()
    if problems:
        for problem in problems:
            print(problem)
        raise Fail(f"{store.path}: {len(problems)} problem(s) found; a backup is in {store.backup_dir}")
    reviews, cards, learners = (store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                                for t in ("reviews", "cards", "learners"))
    print(f"ok: {store.path} is healthy ({learners} learner(s), {cards} card(s), {reviews} review(s))")
    return 0


def optimize_learner(args: argparse.Namespace) -> int:
    from progress.optimize import NotEnoughHistory, fit_learner

    store = open_store(args.db)
    known = {who.name: who for who in store.learners()}
    if args.learner is not None and args.learner not in known:
        raise Fail(f"no learner called {args.learner!r} (known: {', '.join(sorted(known)) or 'none'})")
    who = known[args.learner] if args.learner is not None else store.last_learner()
    if who is None:
        raise Fail("there are no learners in this database yet")
    try:
        fit = fit_learner(store, who.id)
    except NotEnoughHistory as e:
        raise Fail(f"{who.name}: {e}") from None
    kept = "kept" if fit.log_loss_after < fit.log_loss_before else "not kept: the defaults predict as well"
    print(f"{who.name}: fitted FSRS parameters to {fit.reviews_used} reviews of {fit.cards_used} cards; "
          f"log loss {fit.log_loss_before:.4f} before, {fit.log_loss_after:.4f} after ({kept})")
    return 0
