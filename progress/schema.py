"""The progress file's schema: its upgrades, as plain functions, and which of them a file has.

sqlite-utils' `Migrations` set is built only when an upgrade is due (see `migrations()`):
importing sqlite-utils costs a fifth of the start-up.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from datetime import datetime
from typing import TYPE_CHECKING

import fsrs

from progress.records import DAY_MS, review_uuid, to_ms

if TYPE_CHECKING:
    import sqlite_utils
    from sqlite_utils.migrations import Migrations

# sqlite-utils' set name and bookkeeping table.
MIGRATION_SET = "tutor"
MIGRATIONS_TABLE = "_sqlite_migrations"
# What an answer changes on its card (m001 saved these in reviews.before as JSON).
_REVIEWED_FIELDS = (
    "state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses", "suspended", "leech"
)


def m001_initial(db: sqlite_utils.Database) -> None:
    """Learners, cards, reviews and sessions."""
    for statement in (
        """CREATE TABLE learners (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            used_seq INTEGER NOT NULL DEFAULT 0,
            desired_retention REAL NOT NULL DEFAULT 0.9,
            new_per_day INTEGER NOT NULL DEFAULT 20,
            reviews_per_day INTEGER NOT NULL DEFAULT 200,
            parameters TEXT
        )""",
        """CREATE TABLE cards (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learners(id),
            bank_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            passage TEXT NOT NULL,
            queue INTEGER NOT NULL,
            state INTEGER NOT NULL,
            step INTEGER,
            stability REAL,
            difficulty REAL,
            due TEXT,
            last_review TEXT,
            reps INTEGER NOT NULL DEFAULT 0,
            lapses INTEGER NOT NULL DEFAULT 0,
            suspended INTEGER NOT NULL DEFAULT 0,
            leech INTEGER NOT NULL DEFAULT 0,
            retired INTEGER NOT NULL DEFAULT 0,
            buried_until TEXT,
            UNIQUE (learner_id, bank_id, question_id)
        )""",
        "CREATE INDEX cards_learner_bank_queue_due ON cards (learner_id, bank_id, queue, due)",
        """CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learners(id),
            card_id INTEGER NOT NULL REFERENCES cards(id),
            bank_id TEXT NOT NULL,
            reviewed_at TEXT NOT NULL,
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
            response TEXT NOT NULL,
            score REAL NOT NULL,
            duration_ms INTEGER NOT NULL,
            hinted INTEGER NOT NULL,
            kind INTEGER NOT NULL,
            before TEXT NOT NULL
        )""",
        "CREATE INDEX reviews_learner_card ON reviews (learner_id, card_id)",
        "CREATE INDEX reviews_learner_bank_time ON reviews (learner_id, bank_id, reviewed_at, kind)",
        "CREATE INDEX reviews_learner_order ON reviews (learner_id, id)",
        """CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learners(id),
            bank_id TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT
        )""",
    ):
        db.execute(statement)


# What a review changed on its card, kept in m002's was_* columns for undo and re-rating.
_WAS_COLUMNS = (
    "was_state, was_step, was_stability, was_difficulty, was_due, was_last_review, "
    "was_reps, was_lapses, was_suspended, was_leech"
)


def m002_compact_reviews(db: sqlite_utils.Database) -> None:
    """Integer-millisecond times, the pre-answer state in columns rather than JSON, fewer index bytes.

    Reviews lose bank_id (their card has it) and the time index loses bank and kind:
    together they were most of a review's bytes.
    """
    conn = db.conn
    conn.create_function("iso_ms", 1, _iso_ms, deterministic=True)
    conn.execute("DROP INDEX cards_learner_bank_queue_due")
    for table, columns in (
        ("cards", ("due", "last_review", "buried_until")),
        ("learners", ("created_at",)),
        ("sessions", ("started_at", "ended_at")),
    ):
        # A TEXT column turns integers into text, so each becomes a new INTEGER column.
        for column in columns:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {column}_ms INTEGER")
            conn.execute(f"UPDATE {table} SET {column}_ms = iso_ms({column})")
            conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
            conn.execute(f"ALTER TABLE {table} RENAME COLUMN {column}_ms TO {column}")
    conn.execute("CREATE INDEX cards_learner_bank_queue_due ON cards (learner_id, bank_id, queue, due)")
    conn.execute(
        """CREATE TABLE reviews_m002 (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learners(id),
            card_id INTEGER NOT NULL REFERENCES cards(id),
            reviewed_at INTEGER NOT NULL,
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
            response TEXT NOT NULL,
            score REAL NOT NULL,
            duration_ms INTEGER NOT NULL,
            hinted INTEGER NOT NULL,
            kind INTEGER NOT NULL,
            was_state INTEGER NOT NULL,
            was_step INTEGER,
            was_stability REAL,
            was_difficulty REAL,
            was_due INTEGER,
            was_last_review INTEGER,
            was_reps INTEGER NOT NULL,
            was_lapses INTEGER NOT NULL,
            was_suspended INTEGER NOT NULL,
            was_leech INTEGER NOT NULL
        )"""
    )
    was = ", ".join(
        f"iso_ms(json_extract(before, '$.{field}'))" if field in ("due", "last_review")
        else f"json_extract(before, '$.{field}')"
        for field in _REVIEWED_FIELDS
    )
    conn.execute(
        "INSERT INTO reviews_m002 (id, learner_id, card_id, reviewed_at, rating, response, score, duration_ms, "
        f"hinted, kind, {_WAS_COLUMNS}) SELECT id, learner_id, card_id, iso_ms(reviewed_at), rating, response, "
        f"score, duration_ms, hinted, kind, {was} FROM reviews ORDER BY id"
    )
    conn.execute("DROP TABLE reviews")
    conn.execute("ALTER TABLE reviews_m002 RENAME TO reviews")
    # Undo finds the learner's last answer (rowid order within learner), re-rating a
    # card's last answer, the study day its answers since a time.
    conn.execute("CREATE INDEX reviews_learner ON reviews (learner_id)")
    conn.execute("CREATE INDEX reviews_learner_card ON reviews (learner_id, card_id)")
    conn.execute("CREATE INDEX reviews_learner_time ON reviews (learner_id, reviewed_at)")


def _iso_ms(text: str | None) -> int | None:
    """A time m001 stored (ISO 8601 text in UTC) as m002 stores it (integer milliseconds)."""
    return to_ms(datetime.fromisoformat(text)) if text else None


def m003_classes(db: sqlite_utils.Database) -> None:
    """Stable keys and an append-only log, ready for merging files, item analysis and xAPI.

    Learners get a UUID (version 4), a display name, email and student id (empty
    until set) and a JSON `settings` column for study settings beyond the limits
    (topics, extra new cards today). Reviews get a UUID (version 7, see
    records.review_uuid), the revision of the question answered (NULL for answers
    logged before m003) and the scheduler settings they were made with
    (`schedulers`, so a replay gives the same dates after a settings change); undo,
    re-rating and overrides become rows of their own (`kind`, `target`). A card's
    state is the replay of its log, so the was_* columns go, but for the queue the
    card was in (the day's counts) and whether it was suspended (which undo restores).
    """
    conn = db.conn
    conn.create_function("uuid4", 0, lambda: str(uuid.uuid4()))
    conn.create_function("review_uuid", 1, review_uuid)
    conn.create_function("scheduler_settings", 2, _scheduler_settings, deterministic=True)
    conn.execute("CREATE TABLE schedulers (id INTEGER PRIMARY KEY, settings TEXT NOT NULL UNIQUE)")
    for column in (
        "uuid TEXT NOT NULL DEFAULT ''",
        "display_name TEXT NOT NULL DEFAULT ''",
        "email TEXT NOT NULL DEFAULT ''",
        "student_id TEXT NOT NULL DEFAULT ''",
        "settings TEXT NOT NULL DEFAULT '{}'",
        "scheduler_id INTEGER REFERENCES schedulers(id)",
    ):
        conn.execute(f"ALTER TABLE learners ADD COLUMN {column}")
    conn.execute(
        "INSERT INTO schedulers (settings) SELECT DISTINCT scheduler_settings(desired_retention, parameters) "
        "FROM learners WHERE true ON CONFLICT (settings) DO NOTHING"
    )
    conn.execute(
        "UPDATE learners SET uuid = uuid4(), scheduler_id = (SELECT id FROM schedulers "
        "WHERE settings = scheduler_settings(learners.desired_retention, learners.parameters))"
    )
    conn.execute("CREATE UNIQUE INDEX learners_uuid ON learners (uuid)")
    conn.execute(
        """CREATE TABLE reviews_m003 (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            learner_id INTEGER NOT NULL REFERENCES learners(id),
            card_id INTEGER NOT NULL REFERENCES cards(id),
            kind TEXT NOT NULL CHECK (kind IN ('answer', 'rerate', 'void', 'override')),
            target INTEGER REFERENCES reviews(id) CHECK ((target IS NULL) = (kind = 'answer')),
            reviewed_at INTEGER NOT NULL,
            rating INTEGER CHECK (rating BETWEEN 1 AND 4) CHECK ((rating IS NULL) = (kind = 'void')),
            revision TEXT,
            response TEXT,
            score REAL,
            duration_ms INTEGER,
            hinted INTEGER,
            scheduler_id INTEGER REFERENCES schedulers(id),
            was_queue INTEGER,
            was_suspended INTEGER,
            CHECK (kind != 'answer' OR (response IS NOT NULL AND score IS NOT NULL AND duration_ms IS NOT NULL
                   AND hinted IS NOT NULL AND scheduler_id IS NOT NULL AND was_queue IS NOT NULL
                   AND was_suspended IS NOT NULL))
        )"""
    )
    conn.execute(
        "INSERT INTO reviews_m003 (id, uuid, learner_id, card_id, kind, reviewed_at, rating, response, score, "
        "duration_ms, hinted, scheduler_id, was_queue, was_suspended) SELECT r.id, review_uuid(r.reviewed_at), "
        "r.learner_id, r.card_id, 'answer', r.reviewed_at, r.rating, r.response, r.score, r.duration_ms, r.hinted, "
        "l.scheduler_id, r.kind, r.was_suspended FROM reviews r JOIN learners l ON l.id = r.learner_id ORDER BY r.id"
    )
    conn.execute("DROP TABLE reviews")
    conn.execute("ALTER TABLE reviews_m003 RENAME TO reviews")
    # Undo walks the rowid back to the learner's last answer, so m002's index on learner_id goes.
    conn.execute("CREATE INDEX reviews_learner_card ON reviews (learner_id, card_id)")
    conn.execute("CREATE INDEX reviews_learner_time ON reviews (learner_id, reviewed_at)")
    # Undo, re-rating and overrides are few: a partial index finds an answer's own at no cost to the others.
    conn.execute("CREATE INDEX reviews_target ON reviews (target) WHERE target IS NOT NULL")


def scheduler_json(scheduler: fsrs.Scheduler) -> str:
    """The `schedulers.settings` text of an fsrs scheduler: all it needs to schedule the same way again."""
    return json.dumps(scheduler.to_dict(), sort_keys=True)


def _scheduler_settings(desired_retention: float, parameters: str | None) -> str:
    """The settings a learner's answers were scheduled with before m003 (fuzz is applied from a seed)."""
    if parameters is None:
        return scheduler_json(fsrs.Scheduler(desired_retention=desired_retention, enable_fuzzing=False))
    return scheduler_json(
        fsrs.Scheduler(parameters=json.loads(parameters), desired_retention=desired_retention, enable_fuzzing=False)
    )


def m004_outbox(db: sqlite_utils.Database) -> None:
    """The xAPI outbox: each statement meant for a learning record store, as first built, and whether the
    store acknowledged it, so that sending is idempotent and resumes where it stopped.

    A statement is frozen when queued: a resend is the same statement, which an LRS
    acknowledges again without storing it twice. `state` is pending until the LRS
    answers: sent (acknowledged), conflict (it holds another statement under that id)
    or refused (it rejected the statement); only pending rows are sent.
    """
    conn = db.conn
    conn.execute(
        """CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            lrs TEXT NOT NULL,
            statement_id TEXT NOT NULL,
            review_id INTEGER NOT NULL REFERENCES reviews(id),
            statement TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'conflict', 'refused')),
            reason TEXT,
            queued_at INTEGER NOT NULL,
            sent_at INTEGER,
            UNIQUE (lrs, statement_id)
        )"""
    )
    conn.execute("CREATE INDEX outbox_pending ON outbox (lrs, id) WHERE state = 'pending'")
    conn.execute("CREATE INDEX outbox_review ON outbox (lrs, review_id)")


def m005_intervals(db: sqlite_utils.Database) -> None:
    """Each answer's interval (`was_interval`, records.interval_days), and a time index that holds all
    the statistics read of an answer.

    The statistics split review-state answers into young and mature by the time since
    the card's previous answer: without the column that was a lookup of the previous
    row per answer. The index on (learner_id, reviewed_at) grows the columns the
    statistics read, so their scan of a year's answers never leaves it. Answers logged
    before m005 get the interval record() would have written: the card's previous
    answer that still counted when they were given (one undone since then did not).
    """
    conn = db.conn
    conn.execute("ALTER TABLE reviews ADD COLUMN was_interval INTEGER CHECK (was_interval >= 0)")
    conn.execute(f"UPDATE reviews SET was_interval = {interval_sql('reviews', 'reviews')} WHERE kind = 'answer'")
    conn.execute("DROP INDEX reviews_learner_time")
    conn.execute("CREATE INDEX reviews_learner_time ON reviews (learner_id, reviewed_at, was_queue, rating, was_interval)")


# The time the study log is summed over: every UTC offset in use is a whole number of them, so a study
# day's bounds (04:00 local) fall on their edges.
QUARTER_MS = 900_000
# An answer's kind as the statistics count it (records.py's QUEUE_REVIEW is 2, and Again is 1): a review-state
# answer is mature when its interval is MATURE_DAYS (21) or more, and passed unless rated Again.
_QUARTER_KINDS = {
    "young_passed": "{r}.was_queue = 2 AND coalesce({r}.was_interval < 21, 1) AND {r}.rating != 1",
    "young_failed": "{r}.was_queue = 2 AND coalesce({r}.was_interval < 21, 1) AND {r}.rating = 1",
    "mature_passed": "{r}.was_queue = 2 AND coalesce({r}.was_interval >= 21, 0) AND {r}.rating != 1",
    "mature_failed": "{r}.was_queue = 2 AND coalesce({r}.was_interval >= 21, 0) AND {r}.rating = 1",
}


# The quarter an answer's row {r} falls in, rounded down, before 1970 too (SQLite's division truncates towards zero).
_QUARTER = (
    f"CASE WHEN {{r}}.reviewed_at >= 0 THEN {{r}}.reviewed_at / {QUARTER_MS} "
    f"ELSE -((-{{r}}.reviewed_at - 1) / {QUARTER_MS}) - 1 END"
)


def _sum_quarters(since: str) -> str:
    """SQL adding the answers of the log with an id above `since` (SQL) to review_quarters."""
    kinds = ", ".join(_QUARTER_KINDS)
    sums = ", ".join(f"sum({kind})" for kind in _QUARTER_KINDS.values()).format(r="r")
    added = ", ".join(f"{kind} = {kind} + excluded.{kind}" for kind in _QUARTER_KINDS)
    return (
        f"INSERT INTO review_quarters (learner_id, bank_id, quarter, answers, {kinds}) "
        f"SELECT r.learner_id, c.bank_id, {_QUARTER.format(r='r')}, count(*), {sums} "
        f"FROM reviews r NOT INDEXED JOIN cards c ON c.id = r.card_id WHERE r.id > {since} AND r.kind = 'answer' "
        "GROUP BY 1, 2, 3 ON CONFLICT (learner_id, bank_id, quarter) DO UPDATE SET "
        f"answers = answers + excluded.answers, {added}"
    )


def m006_quarters(db: sqlite_utils.Database) -> None:
    """The answers summed per learner, bank and quarter of an hour (UTC), kept by a trigger on the log.

    The statistics read a year of study days: summed per quarter they read one row where they
    read every answer. The trigger adds each answer (kind 'answer') as it is logged, whatever
    writes it (the store, a class merge); corrections are not added, and the statistics read the
    few cards with a correction from their log. The log is append-only, so nothing is taken away.
    """
    conn = db.conn
    kinds = ", ".join(_QUARTER_KINDS)
    conn.execute(
        f"""CREATE TABLE review_quarters (
            learner_id INTEGER NOT NULL REFERENCES learners(id),
            bank_id TEXT NOT NULL,
            quarter INTEGER NOT NULL,
            answers INTEGER NOT NULL,
            {", ".join(f"{kind} INTEGER NOT NULL" for kind in _QUARTER_KINDS)},
            PRIMARY KEY (learner_id, bank_id, quarter)
        ) WITHOUT ROWID"""
    )
    quarter = _QUARTER
    sums = ", ".join(f"sum({kind})" for kind in _QUARTER_KINDS.values()).format(r="r")
    conn.execute(
        f"INSERT INTO review_quarters (learner_id, bank_id, quarter, answers, {kinds}) "
        f"SELECT r.learner_id, c.bank_id, {quarter.format(r='r')}, count(*), {sums} "
        "FROM reviews r JOIN cards c ON c.id = r.card_id WHERE r.kind = 'answer' GROUP BY 1, 2, 3"
    )
    ones = ", ".join(_QUARTER_KINDS.values()).format(r="NEW")
    added = ", ".join(f"{kind} = {kind} + excluded.{kind}" for kind in _QUARTER_KINDS)
    conn.execute(
        f"""CREATE TRIGGER reviews_quarters AFTER INSERT ON reviews WHEN NEW.kind = 'answer' BEGIN
            INSERT INTO review_quarters (learner_id, bank_id, quarter, answers, {kinds})
            SELECT NEW.learner_id, bank_id, {quarter.format(r='NEW')}, 1, {ones} FROM cards WHERE id = NEW.card_id
            ON CONFLICT (learner_id, bank_id, quarter) DO UPDATE SET answers = answers + 1, {added};
        END"""
    )


def m007_folded_quarters(db: sqlite_utils.Database) -> None:
    """The answers summed per quarter at a fold (`fold_quarters`), not by a trigger at every answer.

    The trigger was a statement and a page written in every answer's commit for a table only
    the statistics read. The log is append-only and its ids only grow, so `quarters_folded`
    keeps the last id summed: a fold adds the answers after it, and the statistics add the few
    answers logged since the last fold from the log (see progress.statistics). A session's start
    and end and a class merge fold, in the transaction they write anyway.
    """
    conn = db.conn
    conn.execute("DROP TRIGGER reviews_quarters")
    conn.execute(
        "CREATE TABLE quarters_folded (id INTEGER PRIMARY KEY CHECK (id = 1), through INTEGER NOT NULL)"
    )
    # The trigger summed every answer so far.
    conn.execute("INSERT INTO quarters_folded (id, through) SELECT 1, coalesce(max(id), 0) FROM reviews")


_FOLD = _sum_quarters("(SELECT through FROM quarters_folded)")
# The answers not yet folded, summed per learner's bank and quarter as a fold would add them.
UNFOLDED_QUARTERS = (
    f"SELECT {_QUARTER.format(r='r')}, count(*), "
    + ", ".join(f"sum({kind})" for kind in _QUARTER_KINDS.values()).format(r="r")
    + " FROM reviews r NOT INDEXED JOIN cards c ON c.id = r.card_id WHERE r.id > (SELECT through FROM quarters_folded) "
    "AND r.learner_id = ? AND c.bank_id = ? AND r.kind = 'answer' GROUP BY 1"
)


def fold_quarters(conn: sqlite3.Connection) -> None:
    """Add the answers logged since the last fold to review_quarters; in a write transaction."""
    conn.execute(_FOLD)
    conn.execute("UPDATE quarters_folded SET through = (SELECT coalesce(max(id), 0) FROM reviews)")


def interval_sql(reviews: str, row: str) -> str:
    """SQL for the was_interval of the answer `row` of the log `reviews`, from the rows logged before it.

    Its card's previous answer is the latest one before it (by rowid, the order the
    log was written in) that no void before it had undone.
    """
    return (
        f"(SELECT max(0, {row}.reviewed_at - p.reviewed_at) / {DAY_MS} FROM {reviews} p "
        f"WHERE p.learner_id = {row}.learner_id AND p.card_id = {row}.card_id AND p.id < {row}.id "
        f"AND p.kind = 'answer' AND NOT EXISTS (SELECT 1 FROM {reviews} v WHERE v.target = p.id "
        f"AND v.kind = 'void' AND v.id < {row}.id) ORDER BY p.id DESC LIMIT 1)"
    )


STEPS = (
    m001_initial, m002_compact_reviews, m003_classes, m004_outbox, m005_intervals, m006_quarters,
    m007_folded_quarters,
)
NAMES = frozenset(step.__name__ for step in STEPS)


def migrations() -> Migrations:
    """The schema's upgrades as a sqlite-utils migration set, in order."""
    from sqlite_utils.migrations import Migrations

    steps = Migrations(MIGRATION_SET)
    for step in STEPS:
        steps()(step)
    return steps


def applied(conn: sqlite3.Connection) -> set[str]:
    """Names of the upgrades already applied to the file."""
    try:
        rows = conn.execute(f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?", (MIGRATION_SET,))
    except sqlite3.OperationalError:  # a new file: no bookkeeping table yet
        return set()
    return {row[0] for row in rows}
