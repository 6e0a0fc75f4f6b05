"""One learner file: learners, their cards, the append-only review log and study sessions.

SQLite through sqlite-utils, schema upgraded on open by its `Migrations`. Times
are stored as integer milliseconds since the Unix epoch (UTC); a time handed to
the store is cut to the millisecond, so what it returns equals what it stored.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path
from functools import cached_property
from typing import TYPE_CHECKING, Any, overload

if TYPE_CHECKING:
    import sqlite_utils
    from sqlite_utils.migrations import Migrations

import fsrs

from progress import schedule
from progress.studyday import as_utc, day_bounds, day_start, study_date

LEECH_LAPSES = 8
BACKUP_DAYS = 7
BUSY_TIMEOUT_MS = 30_000
SQLITE_HEADER = b"SQLite format 3\x00"

# queue column: what the study queue does with a card; an index on
# (learner_id, bank_id, queue, due) answers each of its questions with one seek.
QUEUE_INACTIVE, QUEUE_NEW, QUEUE_LEARNING, QUEUE_REVIEW = -1, 0, 1, 2

# sqlite-utils' Migrations are built only when an upgrade is due (see migrations()): importing
# sqlite-utils costs a fifth of the start-up. These are its set name and bookkeeping table.
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


# What a review changed on its card, kept in the review's was_* columns so that
# undo and re-rating put the card back exactly.
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


MIGRATION_STEPS = (m001_initial, m002_compact_reviews)


def migrations() -> Migrations:
    """The schema's upgrades as a sqlite-utils migration set, in order."""
    from sqlite_utils.migrations import Migrations

    steps = Migrations(MIGRATION_SET)
    for step in MIGRATION_STEPS:
        steps()(step)
    return steps


def _applied(conn: sqlite3.Connection) -> set[str]:
    """Names of the upgrades already applied to the file."""
    try:
        rows = conn.execute(f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?", (MIGRATION_SET,))
    except sqlite3.OperationalError:  # a new file: no bookkeeping table yet
        return set()
    return {row[0] for row in rows}


class StoreError(Exception):
    """A problem with the progress file that the learner can fix; the message says how."""


@dataclass(frozen=True)
class Learner:
    id: int
    name: str
    desired_retention: float
    new_per_day: int
    reviews_per_day: int
    parameters: tuple[float, ...] | None


@dataclass(frozen=True)
class Card:
    """A learner's progress on one question of one bank."""

    id: int
    learner_id: int
    bank_id: str
    question_id: str
    passage: str
    state: fsrs.State
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime | None
    last_review: datetime | None
    reps: int
    lapses: int
    suspended: bool
    leech: bool
    retired: bool
    buried_until: datetime | None

    @property
    def is_new(self) -> bool:
        return self.reps == 0

    @property
    def queue(self) -> int:
        return _queue(self.reps, self.state, self.suspended, self.retired)


@dataclass(frozen=True)
class Answer:
    """What recording (or re-rating) an answer did."""

    review_id: int
    rating: int
    card: Card
    became_leech: bool

    @property
    def due(self) -> datetime:
        assert self.card.due is not None
        return self.card.due


@dataclass(frozen=True)
class UndoResult:
    review_id: int
    card: Card


@dataclass(frozen=True)
class Review:
    """One row of the review log."""

    id: int
    learner_id: int
    card_id: int
    bank_id: str
    reviewed_at: datetime
    rating: int
    response: str
    score: float
    duration_ms: int
    hinted: bool


@dataclass(frozen=True)
class SyncResult:
    added: int
    retired: int
    restored: int


@dataclass(frozen=True)
class DayCounts:
    """Answers given since the study day began, by what the card was before."""

    new: int
    reviews: int
    total: int


@dataclass(frozen=True)
class Today:
    due: int
    new_available: int
    done_today: int
    streak: int


CARD_COLUMNS = (
    "id, learner_id, bank_id, question_id, passage, state, step, stability, difficulty, "
    "due, last_review, reps, lapses, suspended, leech, retired, buried_until"
)
_CARD_BY_ID = f"SELECT {CARD_COLUMNS} FROM cards WHERE id = ?"
_CARD_BY_QUESTION = f"SELECT {CARD_COLUMNS} FROM cards WHERE learner_id = ? AND bank_id = ? AND question_id = ?"
_INSERT_REVIEW = (
    "INSERT INTO reviews (learner_id, card_id, reviewed_at, rating, response, score, duration_ms, hinted, kind, "
    f"{_WAS_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_SAVE_REVIEWED = (
    "UPDATE cards SET queue = ?, state = ?, step = ?, stability = ?, difficulty = ?, due = ?, "
    "last_review = ?, reps = ?, lapses = ?, suspended = ?, leech = ? WHERE id = ?"
)
# Cards a store remembers between choosing one and recording its answer.
_CACHED_CARDS = 4096


class Store:
    """The progress of every learner in one SQLite file. One per thread."""

    def __init__(self, path: Path, conn: sqlite3.Connection, tz: tzinfo | None) -> None:
        self.path = path
        self.conn = conn
        self.tz = tz
        # Bumped by every write that can put a card back in the queue (all but record),
        # and when another connection committed, so caches know when they are stale.
        self.generation = 0
        # Answers recorded through this store, counted, and the count at each card's latest.
        self.answers = 0
        self.answered: dict[int, int] = {}
        self._data_version = -1
        self._learners: dict[int, Learner] = {}
        self._cards: dict[tuple[int, str, str], Card] = {}
        # (learner, bank, since in ms) -> answers since then, by kind (the card's queue before).
        self._done: dict[tuple[int, str, int], dict[int, int]] = {}
        self._day: tuple[datetime, datetime] | None = None

    @classmethod
    def open(cls, path: Path, *, tz: tzinfo | None = None) -> Store:
        """Open (creating if missing) the progress file at `path`, upgrading its schema.

        `tz` is the learner's time zone for the 04:00 day turnover (None: the system's).
        Raises StoreError, leaving the file untouched, if it is not a Tutor database.
        """
        path = Path(path)
        _refuse_foreign_or_damaged(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(str(path))
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA recursive_triggers = ON")  # as sqlite-utils sets it
            conn.execute("PRAGMA journal_mode = WAL")
            # An answer is durable when record() returns: in WAL mode FULL fsyncs the
            # log at every commit, so a power cut loses nothing committed (NORMAL
            # would only sync at checkpoints and could lose the last answers).
            conn.execute("PRAGMA synchronous = FULL")
            store = cls(path, conn, tz)
            if _applied(conn) != {step.__name__ for step in MIGRATION_STEPS}:
                with store._write():
                    migrations().apply(store.db)
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{path}: cannot open the progress database ({error})") from error
        return store

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """The same connection as a sqlite-utils Database, for migrations and inspection."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, holding the write lock from its first statement.

        sqlite-utils' `atomic()` opens with a deferred BEGIN: a transaction that
        reads and then writes fails at once with "database is locked" if another
        process committed in between, without waiting. BEGIN IMMEDIATE takes the
        lock first, waiting on the busy timeout, so concurrent writers queue up.
        """
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            self.current_generation()
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    def current_generation(self) -> int:
        """`generation`, first bumped (and the caches dropped) if another connection has committed."""
        (version,) = self.conn.execute("PRAGMA data_version").fetchone()
        if version != self._data_version:
            self._data_version = version
            self._changed()
        return self.generation

    def _changed(self) -> None:
        """Forget everything cached: the file changed other than by an answer recorded here."""
        self.generation += 1
        self.answered.clear()
        self._learners.clear()
        self._cards.clear()
        self._done.clear()

    def day_bounds(self, now: datetime) -> tuple[datetime, datetime]:
        """Start and end (UTC) of the study day containing `now`, in the store's time zone."""
        day = self._day
        if day is None or not day[0] <= now < day[1]:
            day = self._day = day_bounds(now, self.tz)
        return day

    # Learners ##########################################################

    def learner(self, name: str) -> Learner:
        """The learner called `name`, created if new; remembered as the last learner."""
        with self._write() as conn:
            conn.execute(
                "INSERT INTO learners (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                (name, to_ms(datetime.now(timezone.utc))),
            )
            # Only when someone else studied last: a write is an fsync, and this runs at every start.
            conn.execute(
                "UPDATE learners SET used_seq = (SELECT max(used_seq) FROM learners) + 1 "
                "WHERE name = ? AND (used_seq < (SELECT max(used_seq) FROM learners) "
                "OR (SELECT count(*) FROM learners WHERE used_seq = (SELECT max(used_seq) FROM learners)) > 1)",
                (name,),
            )
            row = conn.execute(f"SELECT {_LEARNER_COLUMNS} FROM learners WHERE name = ?", (name,)).fetchone()
        return _learner(row)

    def learners(self) -> list[Learner]:
        rows = self.conn.execute(f"SELECT {_LEARNER_COLUMNS} FROM learners ORDER BY name")
        return [_learner(row) for row in rows]

    def last_learner(self) -> Learner | None:
        row = self.conn.execute(
            f"SELECT {_LEARNER_COLUMNS} FROM learners ORDER BY used_seq DESC, id DESC LIMIT 1"
        ).fetchone()
        return _learner(row) if row else None

    def get_learner(self, learner_id: int) -> Learner:
        self.current_generation()
        return self._learner(learner_id)

    def _learner(self, learner_id: int) -> Learner:
        """The learner, from the cache (callers have checked the generation)."""
        learner = self._learners.get(learner_id)
        if learner is None:
            row = self.conn.execute(
                f"SELECT {_LEARNER_COLUMNS} FROM learners WHERE id = ?", (learner_id,)
            ).fetchone()
            if row is None:
                raise StoreError(f"{self.path}: there is no learner {learner_id}")
            learner = self._learners[learner_id] = _learner(row)
        return learner

    def update_settings(
        self,
        learner_id: int,
        *,
        desired_retention: float | None = None,
        new_per_day: int | None = None,
        reviews_per_day: int | None = None,
    ) -> Learner:
        """Change a learner's settings; None leaves a setting as it is."""
        if desired_retention is not None and not 0.0 < desired_retention < 1.0:
            raise ValueError(f"desired retention must be between 0 and 1, not {desired_retention}")
        for name, limit in (("new_per_day", new_per_day), ("reviews_per_day", reviews_per_day)):
            if limit is not None and limit < 0:
                raise ValueError(f"{name} must be 0 or more, not {limit}")
        with self._write() as conn:
            conn.execute(
                "UPDATE learners SET desired_retention = coalesce(?, desired_retention), "
                "new_per_day = coalesce(?, new_per_day), reviews_per_day = coalesce(?, reviews_per_day) "
                "WHERE id = ?",
                (desired_retention, new_per_day, reviews_per_day, learner_id),
            )
        self._changed()
        return self.get_learner(learner_id)

    def set_parameters(self, learner_id: int, parameters: Sequence[float] | None) -> None:
        """Store the learner's fitted FSRS parameters (None: back to the defaults)."""
        if parameters is not None:
            schedule.scheduler_for(schedule.DEFAULT_RETENTION, parameters)  # fsrs checks the bounds
        with self._write() as conn:
            conn.execute(
                "UPDATE learners SET parameters = ? WHERE id = ?",
                (json.dumps(list(parameters)) if parameters is not None else None, learner_id),
            )
        self._changed()

    # Cards #############################################################

    def sync_bank(self, learner_id: int, bank_id: str, questions: Mapping[str, str]) -> SyncResult:
        """Make the learner's cards match the bank's questions (question id -> passage key).

        New questions get new cards; cards of questions no longer in the bank are
        retired (history kept, out of the queue); a question that comes back gets
        its card back as it was.
        """
        with self._write() as conn:
            existing = {
                question_id: (card_id, passage, bool(retired))
                for card_id, question_id, passage, retired in conn.execute(
                    "SELECT id, question_id, passage, retired FROM cards WHERE learner_id = ? AND bank_id = ?",
                    (learner_id, bank_id),
                )
            }
            added = [
                (learner_id, bank_id, question_id, passage, QUEUE_NEW, fsrs.State.Learning.value, 0)
                for question_id, passage in questions.items()
                if question_id not in existing
            ]
            conn.executemany(
                "INSERT INTO cards (learner_id, bank_id, question_id, passage, queue, state, step) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                added,
            )
            moved = [
                (questions[question_id], card_id)
                for question_id, (card_id, passage, _) in existing.items()
                if question_id in questions and questions[question_id] != passage
            ]
            conn.executemany("UPDATE cards SET passage = ? WHERE id = ?", moved)
            gone = [card_id for q, (card_id, _, retired) in existing.items() if q not in questions and not retired]
            back = [card_id for q, (card_id, _, retired) in existing.items() if q in questions and retired]
            conn.executemany(
                f"UPDATE cards SET retired = 1, queue = {QUEUE_INACTIVE} WHERE id = ?", [(i,) for i in gone]
            )
            conn.executemany("UPDATE cards SET retired = 0 WHERE id = ?", [(i,) for i in back])
            conn.executemany(f"UPDATE cards SET queue = {_QUEUE_SQL} WHERE id = ?", [(i,) for i in back])
        self._changed()
        return SyncResult(added=len(added), retired=len(gone), restored=len(back))

    def card(self, learner_id: int, bank_id: str, question_id: str) -> Card | None:
        self.current_generation()
        return self._card_of(self.conn, learner_id, bank_id, question_id)

    def cards(self, learner_id: int, bank_id: str) -> list[Card]:
        """Every card of the bank, retired ones included, in the bank's order."""
        rows = self.conn.execute(
            f"SELECT {CARD_COLUMNS} FROM cards WHERE learner_id = ? AND bank_id = ? ORDER BY id",
            (learner_id, bank_id),
        )
        return [card_from_row(row) for row in rows]

    def _card_of(self, conn: sqlite3.Connection, learner_id: int, bank_id: str, question_id: str) -> Card | None:
        """The card, from the cache when this store last read or wrote it (callers check the generation)."""
        card = self._cards.get((learner_id, bank_id, question_id))
        if card is None:
            row = conn.execute(_CARD_BY_QUESTION, (learner_id, bank_id, question_id)).fetchone()
            if row is None:
                return None
            card = card_from_row(row)
            self._remember(card)
        return card

    def _remember(self, card: Card) -> None:
        """Keep `card` (as it is in the file now) for the next record() or card() to read."""
        if len(self._cards) >= _CACHED_CARDS:
            self._cards.clear()
        self._cards[card.learner_id, card.bank_id, card.question_id] = card

    def _existing_card(self, conn: sqlite3.Connection, learner_id: int, bank_id: str, question_id: str) -> Card:
        card = self._card_of(conn, learner_id, bank_id, question_id)
        if card is None:
            raise StoreError(
                f"{self.path}: learner {learner_id} has no card for {bank_id}/{question_id}; sync the bank first"
            )
        return card

    def _set_flag(self, learner_id: int, bank_id: str, question_id: str, assignment: str, *args: object) -> None:
        with self._write() as conn:
            card = self._existing_card(conn, learner_id, bank_id, question_id)
            conn.execute(f"UPDATE cards SET {assignment} WHERE id = ?", (*args, card.id))
            conn.execute(f"UPDATE cards SET queue = {_QUEUE_SQL} WHERE id = ?", (card.id,))
        self._changed()

    def suspend(self, learner_id: int, bank_id: str, question_id: str) -> None:
        """Keep the card out of the queue until unsuspended."""
        self._set_flag(learner_id, bank_id, question_id, "suspended = 1")

    def unsuspend(self, learner_id: int, bank_id: str, question_id: str) -> None:
        self._set_flag(learner_id, bank_id, question_id, "suspended = 0")

    def bury(self, learner_id: int, bank_id: str, question_id: str, now: datetime) -> datetime:
        """Keep the card out of the queue until the next study day begins; returns when."""
        _, until = day_bounds(as_utc(now), self.tz)
        self._set_flag(learner_id, bank_id, question_id, "buried_until = ?", to_ms(until))
        return until

    def leeches(self, learner_id: int, bank_id: str) -> list[Card]:
        """Cards suspended for lapsing LEECH_LAPSES times."""
        rows = self.conn.execute(
            f"SELECT {CARD_COLUMNS} FROM cards WHERE learner_id = ? AND bank_id = ? AND leech = 1 ORDER BY id",
            (learner_id, bank_id),
        )
        return [card_from_row(row) for row in rows]

    # Answers ###########################################################

    def record(
        self,
        learner_id: int,
        bank_id: str,
        question_id: str,
        *,
        rating: int,
        response: str,
        score: float,
        duration_ms: int,
        hinted: bool,
        now: datetime,
    ) -> Answer:
        """Log an answer and reschedule its card, in one transaction, durable on return."""
        now_ms = to_ms(now)
        now = from_ms(now_ms)
        _check_rating(rating)
        with self._write() as conn:
            card = self._existing_card(conn, learner_id, bank_id, question_id)
            after = self._reviewed(card, rating, now)
            review_id = conn.execute(
                _INSERT_REVIEW,
                (
                    learner_id, card.id, now_ms, rating, response, float(score), int(duration_ms), int(hinted),
                    card.queue, *_was(card),
                ),
            ).lastrowid
            _save_reviewed(conn, after)
        self._remember(after)
        self.answers += 1
        self.answered[card.id] = self.answers
        for (learner, bank, since), kinds in self._done.items():
            if learner == learner_id and bank == bank_id and since <= now_ms:
                kinds[card.queue] = kinds.get(card.queue, 0) + 1
        assert review_id is not None
        return Answer(review_id=review_id, rating=rating, card=after, became_leech=after.leech and not card.leech)

    def rerate(self, learner_id: int, review_id: int, rating: int) -> Answer:
        """Change the rating of a card's latest answer, rescheduling it from the answer's own time."""
        _check_rating(rating)
        with self._write() as conn:
            row = conn.execute(
                f"SELECT card_id, reviewed_at, {_WAS_COLUMNS} FROM reviews WHERE id = ? AND learner_id = ?",
                (review_id, learner_id),
            ).fetchone()
            if row is None:
                raise StoreError(f"{self.path}: learner {learner_id} has no review {review_id}")
            card_id, reviewed_at, *was = row
            (latest,) = conn.execute(
                "SELECT max(id) FROM reviews WHERE learner_id = ? AND card_id = ?", (learner_id, card_id)
            ).fetchone()
            if latest != review_id:
                raise StoreError(f"{self.path}: review {review_id} is not its card's latest; it cannot be re-rated")
            card = _restored(card_from_row(conn.execute(_CARD_BY_ID, (card_id,)).fetchone()), was)
            after = self._reviewed(card, rating, from_ms(reviewed_at))
            conn.execute("UPDATE reviews SET rating = ? WHERE id = ?", (rating, review_id))
            _save_reviewed(conn, after)
        self._changed()
        return Answer(review_id=review_id, rating=rating, card=after, became_leech=after.leech and not card.leech)

    def undo_last(self, learner_id: int) -> UndoResult | None:
        """Remove the learner's last answer and put its card back exactly as it was."""
        with self._write() as conn:
            row = conn.execute(
                f"SELECT id, card_id, {_WAS_COLUMNS} FROM reviews WHERE learner_id = ? ORDER BY id DESC LIMIT 1",
                (learner_id,),
            ).fetchone()
            if row is None:
                return None
            review_id, card_id, *was = row
            card = _restored(card_from_row(conn.execute(_CARD_BY_ID, (card_id,)).fetchone()), was)
            _save_reviewed(conn, card)
            conn.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
        self._changed()
        return UndoResult(review_id=review_id, card=card)

    def _reviewed(self, card: Card, rating: int, now: datetime) -> Card:
        """The card after an answer rated `rating` at `now`, under its learner's scheduler."""
        learner = self._learner(card.learner_id)
        scheduler = schedule.scheduler_for(learner.desired_retention, learner.parameters)
        state = schedule.review(
            scheduler, _to_fsrs(card), rating, now, seed=f"{card.bank_id}/{card.question_id}/{card.reps}"
        )
        lapses = card.lapses + (card.state == fsrs.State.Review and rating == schedule.AGAIN)
        became_leech = lapses >= LEECH_LAPSES and not card.leech
        # The constructor, not dataclasses.replace: this is the hot path, and replace costs 4x.
        return Card(
            card.id, card.learner_id, card.bank_id, card.question_id, card.passage, state.state, state.step,
            state.stability, state.difficulty, state.due, state.last_review, card.reps + 1, lapses,
            card.suspended or became_leech, card.leech or became_leech, card.retired, card.buried_until,
        )

    def reviews(self, learner_id: int, bank_id: str | None = None) -> Iterator[Review]:
        """The learner's review log (of one bank, or all), by card then time."""
        sql = (
            "SELECT r.id, r.learner_id, r.card_id, c.bank_id, r.reviewed_at, r.rating, r.response, r.score, "
            "r.duration_ms, r.hinted FROM reviews r JOIN cards c ON c.id = r.card_id WHERE r.learner_id = ?"
        )
        args: tuple[object, ...] = (learner_id,)
        if bank_id is not None:
            sql += " AND c.bank_id = ?"
            args += (bank_id,)
        for row in self.conn.execute(sql + " ORDER BY r.card_id, r.reviewed_at, r.id", args):
            yield Review(*row[:4], from_ms(row[4]), row[5], row[6], row[7], row[8], bool(row[9]))

    # The study day #####################################################

    def done_since(self, learner_id: int, bank_id: str, since: datetime) -> DayCounts:
        """Answers given since `since` (the study day's start), new and review cards apart."""
        self.current_generation()
        return self._done_since(learner_id, bank_id, since)

    def _done_since(self, learner_id: int, bank_id: str, since: datetime) -> DayCounts:
        """done_since from the cache, kept up to date by record() (callers have checked the generation)."""
        key = (learner_id, bank_id, to_ms(since))
        kinds = self._done.get(key)
        if kinds is None:
            kinds = self._done[key] = dict(
                self.conn.execute(
                    "SELECT r.kind, count(*) FROM reviews r JOIN cards c ON c.id = r.card_id "
                    "WHERE r.learner_id = ? AND r.reviewed_at >= ? AND c.bank_id = ? GROUP BY r.kind",
                    (learner_id, key[2], bank_id),
                ).fetchall()
            )
        return DayCounts(new=kinds.get(QUEUE_NEW, 0), reviews=kinds.get(QUEUE_REVIEW, 0), total=sum(kinds.values()))

    def stats_today(self, learner_id: int, bank_id: str, now: datetime) -> Today:
        """Due, new still allowed, answers today, and the streak of study days up to today."""
        now = as_utc(now)
        start, end = day_bounds(now, self.tz)
        learner = self.get_learner(learner_id)
        done = self.done_since(learner_id, bank_id, start)

        def count(queue: int, due_before: int | None) -> int:
            sql = (
                "SELECT count(*) FROM cards WHERE learner_id = ? AND bank_id = ? AND queue = ? "
                "AND (buried_until IS NULL OR buried_until <= ?)"
            )
            args: tuple[object, ...] = (learner_id, bank_id, queue, to_ms(now))
            if due_before is not None:
                sql += " AND due < ?"
                args += (due_before,)
            return self.conn.execute(sql, args).fetchone()[0]

        learning = count(QUEUE_LEARNING, to_ms(now) + 1)
        reviews = min(count(QUEUE_REVIEW, to_ms(end)), max(0, learner.reviews_per_day - done.reviews))
        new = min(count(QUEUE_NEW, None), max(0, learner.new_per_day - done.new))
        return Today(
            due=learning + reviews,
            new_available=new,
            done_today=done.total,
            streak=self._streak(learner_id, bank_id, now),
        )

    def _streak(self, learner_id: int, bank_id: str, now: datetime) -> int:
        """Consecutive study days with an answer, ending today (or yesterday, if none yet today)."""
        day = study_date(now, self.tz)
        streak = 0
        while True:
            start, end = day_start(day, self.tz), day_start(day + timedelta(days=1), self.tz)
            studied = self.conn.execute(
                "SELECT 1 FROM reviews r JOIN cards c ON c.id = r.card_id WHERE r.learner_id = ? "
                "AND r.reviewed_at >= ? AND r.reviewed_at < ? AND c.bank_id = ? LIMIT 1",
                (learner_id, to_ms(start), to_ms(end), bank_id),
            ).fetchone()
            if studied:
                streak += 1
            elif streak or day != study_date(now, self.tz):
                return streak
            day -= timedelta(days=1)

    def next_due(self, learner_id: int, bank_id: str) -> datetime | None:
        """When the soonest studied, active card falls due (None if there is none)."""
        dues = [
            row[0]
            for queue in (QUEUE_LEARNING, QUEUE_REVIEW)
            for row in self.conn.execute(
                "SELECT min(due) FROM cards WHERE learner_id = ? AND bank_id = ? AND queue = ?",
                (learner_id, bank_id, queue),
            )
            if row[0] is not None
        ]
        return from_ms(min(dues)) if dues else None

    # Sessions and safety ###############################################

    def start_session(self, learner_id: int, bank_id: str, now: datetime) -> int:
        """Begin a study session, first making today's rolling backup if there is none."""
        now = as_utc(now)
        self.backup(now)
        with self._write() as conn:
            session_id = conn.execute(
                "INSERT INTO sessions (learner_id, bank_id, started_at) VALUES (?, ?, ?)",
                (learner_id, bank_id, to_ms(now)),
            ).lastrowid
        assert session_id is not None
        return session_id

    def end_session(self, session_id: int, now: datetime) -> None:
        with self._write() as conn:
            conn.execute("UPDATE sessions SET ended_at = ? WHERE id = ?", (to_ms(now), session_id))

    @property
    def backup_dir(self) -> Path:
        return self.path.parent / "backups"

    def backup(self, now: datetime) -> Path | None:
        """Copy the database to backups/ once per study day, keeping BACKUP_DAYS days.

        Returns the new backup, or None if today's already exists.
        """
        today = study_date(as_utc(now), self.tz)
        self.backup_dir.mkdir(exist_ok=True)
        stem = self.path.stem
        for old in self.backup_dir.glob(f"{stem}-????-??-??.db"):
            try:
                made = datetime.strptime(old.stem[len(stem) + 1 :], "%Y-%m-%d").date()
            except ValueError:
                continue
            if (today - made).days >= BACKUP_DAYS:
                old.unlink()
        target = self.backup_dir / f"{stem}-{today.isoformat()}.db"
        if target.exists():
            return None
        partial = target.with_suffix(".partial")
        copy = sqlite3.connect(partial)
        try:
            self.conn.backup(copy)
        finally:
            copy.close()
        # A backup cut short by a crash stays .partial and is never mistaken for a good one.
        partial.replace(target)
        return target

    def check(self) -> list[str]:
        """Problems PRAGMA integrity_check and foreign_key_check find; empty when healthy."""
        problems = [row[0] for row in self.conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
        problems += [
            f"{table} row {rowid} points to a missing {parent} row"
            for table, rowid, parent, _ in self.conn.execute("PRAGMA foreign_key_check")
        ]
        return problems


def _refuse_foreign_or_damaged(path: Path) -> None:
    """Raise StoreError if `path` exists and is not a healthy Tutor database, reading only."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    if size == 0:
        return
    with path.open("rb") as file:
        header = file.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise StoreError(f"{path} is not a Tutor progress database (not SQLite); choose another file with --db")
    sidecars = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    existed = {sidecar for sidecar in sidecars if sidecar.exists()}
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        _check_tutor_database(conn, path)
    except StoreError:
        conn.close()
        # Reading a WAL-mode file creates an empty -wal and a -shm beside it: leave no trace.
        for sidecar in sidecars:
            created = sidecar not in existed and sidecar.exists()
            if created and (sidecar.name.endswith("-shm") or sidecar.stat().st_size == 0):
                sidecar.unlink()
        raise
    finally:
        conn.close()


def _check_tutor_database(conn: sqlite3.Connection, path: Path) -> None:
    try:
        verdict = [row[0] for row in conn.execute("PRAGMA quick_check")]
        if verdict != ["ok"]:
            raise StoreError(
                f"{path} is damaged ({verdict[0]}); restore a copy from {path.parent / 'backups'}"
            )
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return
        applied = _applied(conn) if MIGRATIONS_TABLE in tables else set()
        if not applied:
            raise StoreError(
                f"{path} is an SQLite database of another program, not Tutor's; choose another file with --db"
            )
        if applied - {step.__name__ for step in MIGRATION_STEPS}:
            raise StoreError(f"{path} was written by a newer Tutor; upgrade Tutor to open it")
    except sqlite3.DatabaseError as error:
        raise StoreError(
            f"{path} is damaged or not a database ({error}); restore a copy from {path.parent / 'backups'}"
        ) from error


_LEARNER_COLUMNS = "id, name, desired_retention, new_per_day, reviews_per_day, parameters"
# The queue column from a card's other columns, as _queue computes it. An UPDATE's
# expressions see the row as it was, so set the other columns in an earlier statement.
_QUEUE_SQL = (
    f"CASE WHEN suspended OR retired THEN {QUEUE_INACTIVE} WHEN reps = 0 THEN {QUEUE_NEW} "
    f"WHEN state = {fsrs.State.Review.value} THEN {QUEUE_REVIEW} ELSE {QUEUE_LEARNING} END"
)


def _queue(reps: int, state: int, suspended: bool, retired: bool) -> int:
    if suspended or retired:
        return QUEUE_INACTIVE
    if reps == 0:
        return QUEUE_NEW
    return QUEUE_REVIEW if state == fsrs.State.Review else QUEUE_LEARNING


def _learner(row: tuple) -> Learner:
    learner_id, name, retention, new_per_day, reviews_per_day, parameters = row
    return Learner(
        id=learner_id,
        name=name,
        desired_retention=retention,
        new_per_day=new_per_day,
        reviews_per_day=reviews_per_day,
        parameters=tuple(json.loads(parameters)) if parameters else None,
    )


def card_from_row(row: tuple) -> Card:
    """The card in a row of CARD_COLUMNS."""
    (card_id, learner_id, bank_id, question_id, passage, state, step, stability, difficulty,
     due, last_review, reps, lapses, suspended, leech, retired, buried_until) = row  # fmt: skip
    return Card(
        id=card_id,
        learner_id=learner_id,
        bank_id=bank_id,
        question_id=question_id,
        passage=passage,
        retired=bool(retired),
        buried_until=from_ms(buried_until),
        **_reviewed_fields(state, step, stability, difficulty, due, last_review, reps, lapses, suspended, leech),
    )


def _to_fsrs(card: Card) -> fsrs.Card:
    return fsrs.Card(
        card_id=card.id,
        state=card.state,
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        # A new card has no due date yet; fsrs ignores it when scheduling the first answer.
        due=card.due or datetime.min.replace(tzinfo=timezone.utc),
        last_review=card.last_review,
    )


def _was(card: Card) -> tuple[object, ...]:
    """The values of the review's was_* columns: what the answer is about to change."""
    return (
        card.state.value, card.step, card.stability, card.difficulty, to_ms(card.due), to_ms(card.last_review),
        card.reps, card.lapses, int(card.suspended), int(card.leech),
    )  # fmt: skip


def _restored(card: Card, was: Sequence[object]) -> Card:
    """`card` with the fields an answer changed put back as the review's was_* columns recorded them."""
    return replace(card, **_reviewed_fields(*was))


def _reviewed_fields(state: Any, step: Any, stability: Any, difficulty: Any, due: Any,
                     last_review: Any, reps: Any, lapses: Any, suspended: Any, leech: Any) -> dict[str, Any]:
    """The Card fields an answer changes, from their stored column values (as _was writes them)."""
    return {
        "state": fsrs.State(state), "step": step, "stability": stability, "difficulty": difficulty,
        "due": from_ms(due), "last_review": from_ms(last_review), "reps": reps, "lapses": lapses,
        "suspended": bool(suspended), "leech": bool(leech),
    }


def _save_reviewed(conn: sqlite3.Connection, card: Card) -> None:
    conn.execute(
        _SAVE_REVIEWED,
        (
            card.queue, card.state.value, card.step, card.stability, card.difficulty, to_ms(card.due),
            to_ms(card.last_review), card.reps, card.lapses, int(card.suspended), int(card.leech), card.id,
        ),
    )


def _check_rating(rating: int) -> None:
    if rating not in (1, 2, 3, 4):
        raise ValueError(f"rating must be 1-4, not {rating!r}")


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MILLISECOND = timedelta(milliseconds=1)


@overload
def to_ms(moment: datetime) -> int: ...
@overload
def to_ms(moment: None) -> None: ...
def to_ms(moment: datetime | None) -> int | None:
    """How the store writes a time: whole milliseconds since the Unix epoch, sub-milliseconds cut."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError(f"{moment.isoformat()} has no time zone")
    return (moment - _EPOCH) // _MILLISECOND


@overload
def from_ms(ms: int) -> datetime: ...
@overload
def from_ms(ms: None) -> None: ...
def from_ms(ms: int | None) -> datetime | None:
    """A time as the store wrote it, in UTC; None stays None."""
    return None if ms is None else _EPOCH + timedelta(milliseconds=ms)
