"""One learner file: its connection and transactions, and what is written to it and read from it.

The review log is append-only: an answer is a row, and undo, re-rating and
overrides are rows pointing at the answer they correct. A card row is a cache of
`review.replay` of its card's effective log, written in the same transaction as
the log row that changed it. One Store per thread (sqlite3 connections may not
cross threads); `Store.open` may be called in any thread.

Over 400 lines because the Store is the one owner of the connection, its
transactions and the caches they keep current; its writes and reads (learners,
cards, answers and their corrections, the day's counts, sessions) share those
and are kept apart by section, while what they compute lives in records,
review, stats, backup and schema.
"""

from __future__ import annotations

import json
import random
import sqlite3
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timezone, tzinfo
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import fsrs

from progress import dbfile, review, schema, stats
from progress.records import (
    CARD_COLUMNS, ENTRY_COLUMNS, LEARNER_COLUMNS, QUEUE_INACTIVE, QUEUE_LEARNING, QUEUE_NEW, QUEUE_REVIEW, Answer, Card,
    DayCounts, Entry, Kind, Learner, Review, StudyDay, SyncResult, UndoResult, card_from_row, entry_from_row, from_ms,
    interval_days, learner_from_row, review_uuid, settings_json, to_ms,
)  # fmt: skip
from progress.scope import Syllabus
from progress.studyday import as_utc, day_before, day_bounds, study_date

if TYPE_CHECKING:
    import sqlite_utils

BUSY_TIMEOUT_MS = 30_000
# The most the connection's page cache holds, in KiB.
CACHE_KIB = 40 * 1024
# SQLite moves the write-ahead log into the file (a checkpoint: writes and an fsync of the file) in the
# commit that takes the log past its limit, 1,000 pages by default: every 160 answers or so, one answer
# took several milliseconds more. The study thread checkpoints between answers instead (`tidy`), after
# this many commits; the limit stays as a bound for writers that never tidy.
TIDY_COMMITS = 100
AUTO_CHECKPOINT_PAGES = 10_000
# The tables the store reads and writes: a file without one of them cannot be studied with.
STORE_TABLES = ("learners", "cards", "reviews", "sessions", "schedulers")
RESTORE_HINT = "see its backups with `tutor progress backups --db {path}` and restore one with `tutor progress restore`"

_CARD_BY_ID = f"SELECT {CARD_COLUMNS} FROM cards WHERE id = ?"
_CARD_BY_QUESTION = f"SELECT {CARD_COLUMNS} FROM cards WHERE learner_id = ? AND bank_id = ? AND question_id = ?"
_INSERT_ANSWER = (
    "INSERT INTO reviews (uuid, learner_id, card_id, kind, reviewed_at, rating, revision, response, score, "
    f"duration_ms, hinted, scheduler_id, was_queue, was_suspended, was_interval) VALUES (?, ?, ?, '{Kind.ANSWER}', "
    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_CORRECTION = (
    "INSERT INTO reviews (uuid, learner_id, card_id, kind, target, reviewed_at, rating) VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_SAVE_MEMORY = (
    "UPDATE cards SET queue = ?, state = ?, step = ?, stability = ?, difficulty = ?, due = ?, "
    "last_review = ?, reps = ?, lapses = ?, suspended = ?, leech = ? WHERE id = ?"
)
# An answer that still counts: not voided (corrections are few, and found through a partial index).
_NOT_VOIDED = f"NOT EXISTS (SELECT 1 FROM reviews v WHERE v.target = r.id AND v.kind = '{Kind.VOID}')"
# The queue column from a card's other columns, as records.queue_of computes it. An UPDATE's
# expressions see the row as it was, so set the other columns in an earlier statement.
_QUEUE_SQL = (
    f"CASE WHEN suspended OR retired THEN {QUEUE_INACTIVE} WHEN reps = 0 THEN {QUEUE_NEW} "
    f"WHEN state = {fsrs.State.Review.value} THEN {QUEUE_REVIEW} ELSE {QUEUE_LEARNING} END"
)
# Cards a store remembers between choosing one and recording its answer.
_CACHED_CARDS = 4096


class StoreError(Exception):
    """A problem with the progress file that the learner can fix; the message says how."""


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
        self._commits = 0  # since the last checkpoint `tidy` made
        self._learners: dict[int, Learner] = {}
        self._cards: dict[tuple[int, str, str], Card] = {}
        # (learner, bank, since in ms) -> answers since then, by the card's queue before.
        self._done: dict[tuple[int, str, int], dict[int, int]] = {}
        self._day: tuple[datetime, datetime, date] | None = None
        # Scheduler rows never change once written, so this cache is never stale.
        self._schedulers: dict[int, fsrs.Scheduler] = {}

    @classmethod
    def open(cls, path: Path, *, tz: tzinfo | None = None) -> Store:
        """Open (creating if missing) the progress file at `path`, upgrading its schema.

        `tz` is the learner's time zone for the 04:00 day turnover (None: the system's).
        Raises StoreError, leaving the file as it was, if it is not a Tutor database. The checks
        are cheap (the header, the schema's tables): the full integrity check is
        `tutor progress check`'s, and each day's backup's. A journal a killed process left is
        rolled back (or its WAL recovered) here, as any read-write open of SQLite does.
        """
        path = Path(path)
        reason = dbfile.unusable(path)
        if reason:
            raise StoreError(reason)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"{path}: cannot make its folder {path.parent} ({error.strerror})") from None
        conn: sqlite3.Connection | None = None
        try:
            conn = sqlite3.connect(str(path))
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            tables, applied = _tutor_tables(conn, path)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA recursive_triggers = ON")  # as sqlite-utils sets it
            _use_wal(conn, path)
            # An answer is durable when record() returns: in WAL mode FULL fsyncs the
            # log at every commit, so a power cut loses nothing committed (NORMAL
            # would only sync at checkpoints and could lose the last answers).
            conn.execute("PRAGMA synchronous = FULL")
            # SQLite's default cache (2 MB) holds little of a large log's indexes: an answer then reads
            # again from the file the pages the previous answers read. The cache is a ceiling, filled as
            # pages are read; 40 MiB is what Anki's collections use.
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            conn.execute(f"PRAGMA wal_autocheckpoint = {AUTO_CHECKPOINT_PAGES}")
            conn.create_function(
                "study_day_before", 1, lambda ms: to_ms(day_before(from_ms(ms), tz)), deterministic=True
            )
            store = cls(path, conn, tz)
            if applied != schema.NAMES:
                with store._write():
                    schema.migrations().apply(store.db)
                tables = _table_names(conn)
            missing = [table for table in STORE_TABLES if table not in tables]
            if missing:
                raise StoreError(f"{path} is damaged: table {missing[0]} is missing; {RESTORE_HINT.format(path=path)}")
        except StoreError:
            if conn is not None:
                conn.close()
            raise
        except (sqlite3.Error, OSError) as error:
            if conn is not None:
                conn.close()
            raise StoreError(f"{path}: cannot open the progress database ({_one_line(error)})") from None
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
            self._commits += 1

    def tidy(self) -> None:
        """Move the write-ahead log into the file once `TIDY_COMMITS` commits have gone into it (a passive
        checkpoint, which waits for no reader): call it between answers, off the path of any answer."""
        if self._commits >= TIDY_COMMITS:
            self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            self._commits = 0

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

    def study_day(self, learner_id: int, bank_id: str, now: datetime) -> StudyDay:
        """The learner's study day in the bank as of `now`: its bounds and date, the limits, what was done.

        One check that the caches are current serves all of it.
        """
        generation = self.current_generation()
        day = self._day
        if day is None or not day[0] <= now < day[1]:
            start, end = day_bounds(now, self.tz)
            day = self._day = (start, end, study_date(now, self.tz))
        start, end, date = day
        done = self._done_since(learner_id, bank_id, start)
        return StudyDay(start, end, date, self._learner(learner_id), done, generation)

    # Learners ##########################################################

    def learner(self, name: str) -> Learner:
        """The learner called `name`, created if new; remembered as the last learner."""
        with self._write() as conn:
            scheduler_id = self._scheduler_id(conn, review.scheduler_for(review.DEFAULT_RETENTION))
            conn.execute(
                "INSERT INTO learners (name, created_at, uuid, scheduler_id) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (name) DO NOTHING",
                (name, to_ms(datetime.now(timezone.utc)), str(uuid.uuid4()), scheduler_id),
            )
            # Only when someone else studied last: a write is an fsync, and this runs at every start.
            conn.execute(
                "UPDATE learners SET used_seq = (SELECT max(used_seq) FROM learners) + 1 "
                "WHERE name = ? AND (used_seq < (SELECT max(used_seq) FROM learners) "
                "OR (SELECT count(*) FROM learners WHERE used_seq = (SELECT max(used_seq) FROM learners)) > 1)",
                (name,),
            )
            row = conn.execute(f"SELECT {LEARNER_COLUMNS} FROM learners WHERE name = ?", (name,)).fetchone()
        return learner_from_row(row)

    def learners(self) -> list[Learner]:
        rows = self.conn.execute(f"SELECT {LEARNER_COLUMNS} FROM learners ORDER BY name")
        return [learner_from_row(row) for row in rows]

    def last_learner(self) -> Learner | None:
        row = self.conn.execute(
            f"SELECT {LEARNER_COLUMNS} FROM learners ORDER BY used_seq DESC, id DESC LIMIT 1"
        ).fetchone()
        return learner_from_row(row) if row else None

    def get_learner(self, learner_id: int) -> Learner:
        """The learner with this id, from the cache while the file is unchanged."""
        self.current_generation()
        return self._learner(learner_id)

    def _learner(self, learner_id: int) -> Learner:
        """The learner, from the cache (callers have checked the generation)."""
        learner = self._learners.get(learner_id)
        if learner is None:
            row = self.conn.execute(
                f"SELECT {LEARNER_COLUMNS} FROM learners WHERE id = ?", (learner_id,)
            ).fetchone()
            if row is None:
                raise StoreError(f"{self.path}: there is no learner {learner_id}")
            learner = self._learners[learner_id] = learner_from_row(row)
        return learner

    def update_settings(
        self,
        learner_id: int,
        *,
        desired_retention: float | None = None,
        new_per_day: int | None = None,
        reviews_per_day: int | None = None,
        topics: Sequence[str] | None = None,
    ) -> Learner:
        """Change a learner's study settings; None leaves a setting as it is (topics: () is all topics).

        A new desired retention schedules the learner's answers from now on.
        """
        if desired_retention is not None and not 0.0 < desired_retention < 1.0:
            raise ValueError(f"desired retention must be between 0 and 1, not {desired_retention}")
        for name, limit in (("new_per_day", new_per_day), ("reviews_per_day", reviews_per_day)):
            if limit is not None and limit < 0:
                raise ValueError(f"{name} must be 0 or more, not {limit}")
        with self._write() as conn:
            learner = self._learner(learner_id)
            conn.execute(
                "UPDATE learners SET desired_retention = coalesce(?, desired_retention), "
                "new_per_day = coalesce(?, new_per_day), reviews_per_day = coalesce(?, reviews_per_day), "
                "settings = ? WHERE id = ?",
                (
                    desired_retention, new_per_day, reviews_per_day,
                    settings_json(
                        tuple(topics) if topics is not None else learner.topics,
                        learner.extra_new, learner.extra_new_day,
                    ),
                    learner_id,
                ),
            )  # fmt: skip
            self._point_scheduler(conn, learner_id)
        self._changed()
        return self.get_learner(learner_id)

    def allow_extra_new(self, learner_id: int, count: int, now: datetime) -> Learner:
        """Allow `count` new cards beyond the daily limit on the study day of `now` (0: none)."""
        if count < 0:
            raise ValueError(f"extra new cards must be 0 or more, not {count}")
        with self._write() as conn:
            learner = self._learner(learner_id)
            settings = settings_json(learner.topics, count, study_date(as_utc(now), self.tz))
            conn.execute("UPDATE learners SET settings = ? WHERE id = ?", (settings, learner_id))
        self._changed()
        return self.get_learner(learner_id)

    def update_profile(
        self,
        learner_id: int,
        *,
        display_name: str | None = None,
        email: str | None = None,
        student_id: str | None = None,
    ) -> Learner:
        """Change how a class knows the learner; None leaves a field as it is, "" empties it."""
        with self._write() as conn:
            conn.execute(
                "UPDATE learners SET display_name = coalesce(?, display_name), email = coalesce(?, email), "
                "student_id = coalesce(?, student_id) WHERE id = ?",
                (display_name, email, student_id, learner_id),
            )
        self._changed()
        return self.get_learner(learner_id)

    def set_parameters(self, learner_id: int, parameters: Sequence[float] | None) -> None:
        """Store the learner's fitted FSRS parameters (None: back to the defaults) for their next answers."""
        if parameters is not None:
            review.scheduler_for(review.DEFAULT_RETENTION, parameters)  # fsrs checks the bounds
        with self._write() as conn:
            conn.execute(
                "UPDATE learners SET parameters = ? WHERE id = ?",
                (json.dumps(list(parameters)) if parameters is not None else None, learner_id),
            )
            self._point_scheduler(conn, learner_id)
        self._changed()

    def _point_scheduler(self, conn: sqlite3.Connection, learner_id: int) -> None:
        """Point the learner at the scheduler of their desired retention and parameters."""
        retention, parameters = conn.execute(
            "SELECT desired_retention, parameters FROM learners WHERE id = ?", (learner_id,)
        ).fetchone()
        scheduler = review.scheduler_for(retention, json.loads(parameters) if parameters else None)
        conn.execute(
            "UPDATE learners SET scheduler_id = ? WHERE id = ?", (self._scheduler_id(conn, scheduler), learner_id)
        )

    def _scheduler_id(self, conn: sqlite3.Connection, scheduler: fsrs.Scheduler) -> int:
        """The id of `scheduler`'s settings in the schedulers table, added if new (in a write transaction)."""
        settings = schema.scheduler_json(scheduler)
        conn.execute("INSERT INTO schedulers (settings) VALUES (?) ON CONFLICT (settings) DO NOTHING", (settings,))
        (scheduler_id,) = conn.execute("SELECT id FROM schedulers WHERE settings = ?", (settings,)).fetchone()
        return scheduler_id

    def scheduler(self, scheduler_id: int) -> fsrs.Scheduler:
        """The scheduler answers logged with `scheduler_id` were scheduled by."""
        scheduler = self._schedulers.get(scheduler_id)
        if scheduler is None:
            (settings,) = self.conn.execute(
                "SELECT settings FROM schedulers WHERE id = ?", (scheduler_id,)
            ).fetchone()
            scheduler = self._schedulers[scheduler_id] = fsrs.Scheduler.from_json(settings)
        return scheduler

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
        """The card, from the cache when this store last read or wrote it and the file is unchanged."""
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
            self.remember(card)
        return card

    def remember(self, card: Card) -> None:
        """Keep `card`, as just read from this store's file, for the next record() or card() to find."""
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
        """Cards suspended for lapsing review.LEECH_LAPSES times."""
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
        revision: str,
        response: str,
        score: float,
        duration_ms: int,
        hinted: bool,
        now: datetime,
    ) -> Answer:
        """Log an answer and reschedule its card, in one transaction, durable on return.

        `revision` is the question's revision (`question.revision()`): which version of it was answered.
        """
        now_ms = to_ms(now)
        now = from_ms(now_ms)
        review.check_rating(rating)
        with self._write() as conn:
            card = self._existing_card(conn, learner_id, bank_id, question_id)
            scheduler_id = self._learner(learner_id).scheduler_id
            memory = review.step(card.memory, rating, now, self.scheduler(scheduler_id), card.key)
            became_leech = memory.leech and not card.leech
            after = card.remembering(memory, card.suspended or became_leech)
            review_id = conn.execute(
                _INSERT_ANSWER,
                (
                    review_uuid(now_ms), learner_id, card.id, now_ms, rating, revision, response, float(score),
                    int(duration_ms), int(hinted), scheduler_id, card.queue, int(card.suspended),
                    interval_days(now_ms, to_ms(card.last_review)),
                ),
            ).lastrowid
            _save(conn, after)
        self.remember(after)
        self.answers += 1
        self.answered[card.id] = self.answers
        for (learner, bank, since), kinds in self._done.items():
            if learner == learner_id and bank == bank_id and since <= now_ms:
                kinds[card.queue] = kinds.get(card.queue, 0) + 1
        assert review_id is not None
        return Answer(review_id=review_id, rating=rating, card=after, became_leech=became_leech)

    def rerate(self, learner_id: int, review_id: int, rating: int, *, now: datetime) -> Answer:
        """Change the rating of a card's latest answer, rescheduling it from the answer's own time."""
        review.check_rating(rating)
        return self._correct(learner_id, review_id, Kind.RERATE, rating, now)

    def override(self, learner_id: int, review_id: int, *, now: datetime) -> Answer:
        """The learner says the card's latest answer was right: rate it Good and mark it overridden.

        The response and score stay as they were graded.
        """
        return self._correct(learner_id, review_id, Kind.OVERRIDE, review.GOOD, now)

    def _correct(self, learner_id: int, review_id: int, kind: Kind, rating: int, now: datetime) -> Answer:
        """Log a re-rating or override of an answer, and replay its card."""
        with self._write() as conn:
            row = conn.execute(
                "SELECT card_id, was_suspended FROM reviews WHERE id = ? AND learner_id = ? AND kind = ?",
                (review_id, learner_id, Kind.ANSWER.value),
            ).fetchone()
            if row is None:
                raise StoreError(f"{self.path}: learner {learner_id} has no review {review_id}")
            card_id, was_suspended = row
            answers = review.effective(self._log(conn, learner_id, card_id))
            if not answers or answers[-1][0].id != review_id:
                raise StoreError(f"{self.path}: review {review_id} is not its card's latest; it cannot be re-rated")
            self._insert_correction(conn, learner_id, card_id, kind, review_id, now, rating)
            card = card_from_row(conn.execute(_CARD_BY_ID, (card_id,)).fetchone())
            steps = self._steps(answers[:-1])
            before = review.replay(card.key, steps)
            answer = answers[-1][0]
            memory = review.step(before, rating, answer.reviewed_at, self.scheduler(answer.scheduler_id), card.key)
            became_leech = memory.leech and not before.leech
            after = card.remembering(memory, bool(was_suspended) or became_leech)
            _save(conn, after)
        self._changed()
        return Answer(review_id=review_id, rating=rating, card=after, became_leech=became_leech)

    def undo_last(self, learner_id: int, *, now: datetime) -> UndoResult | None:
        """Void the learner's last answer that still counts, putting its card back as it was before it."""
        with self._write() as conn:
            row = conn.execute(
                # Back along the rowid (+ keeps the planner off the learner's indexes): the last answer is near the end.
                f"SELECT r.id, r.card_id, r.was_suspended FROM reviews r WHERE +r.learner_id = ? AND r.kind = ? "
                f"AND {_NOT_VOIDED} ORDER BY r.id DESC LIMIT 1",
                (learner_id, Kind.ANSWER.value),
            ).fetchone()
            if row is None:
                return None
            review_id, card_id, was_suspended = row
            self._insert_correction(conn, learner_id, card_id, Kind.VOID, review_id, now, None)
            card = card_from_row(conn.execute(_CARD_BY_ID, (card_id,)).fetchone())
            memory = review.replay(card.key, self._steps(review.effective(self._log(conn, learner_id, card_id))))
            card = card.remembering(memory, bool(was_suspended))
            _save(conn, card)
        self._changed()
        return UndoResult(review_id=review_id, card=card)

    def _insert_correction(
        self, conn: sqlite3.Connection, learner_id: int, card_id: int, kind: Kind, target: int, now: datetime,
        rating: int | None,
    ) -> None:  # fmt: skip
        conn.execute(
            _INSERT_CORRECTION, (review_uuid(to_ms(now)), learner_id, card_id, kind.value, target, to_ms(now), rating)
        )

    def log(self, card: Card) -> list[Entry]:
        """The card's review log as written, answers and corrections, oldest first."""
        return self._log(self.conn, card.learner_id, card.id)

    def _log(self, conn: sqlite3.Connection, learner_id: int, card_id: int) -> list[Entry]:
        rows = conn.execute(
            f"SELECT {ENTRY_COLUMNS} FROM reviews WHERE learner_id = ? AND card_id = ? ORDER BY id",
            (learner_id, card_id),
        )
        return [entry_from_row(row) for row in rows]

    def _steps(self, answers: Sequence[tuple[Entry, int, bool]]) -> list[review.Step]:
        """Effective answers as replay takes them."""
        steps = []
        for entry, rating, _ in answers:
            assert entry.scheduler_id is not None
            steps.append(review.Step(rating, entry.reviewed_at, self.scheduler(entry.scheduler_id)))
        return steps

    def reviews(self, learner_id: int, bank_id: str | None = None) -> Iterator[Review]:
        """The learner's effective log (of one bank, or all), by card then time.

        Voided answers are left out; a re-rated or overridden answer has its latest rating.
        """
        fixes = review.corrections(
            entry_from_row(row)
            for row in self.conn.execute(
                # The corrections alone, not every row of the learner's log.
                f"SELECT {ENTRY_COLUMNS} FROM reviews INDEXED BY reviews_target "
                "WHERE target IS NOT NULL AND learner_id = ? ORDER BY id",
                (learner_id,),
            )
        )
        sql = (
            "SELECT r.id, r.uuid, r.learner_id, r.card_id, c.bank_id, r.reviewed_at, r.rating, r.response, r.score, "
            "r.duration_ms, r.hinted, r.revision FROM reviews r JOIN cards c ON c.id = r.card_id "
            "WHERE r.learner_id = ? AND r.kind = ?"
        )
        args: tuple[object, ...] = (learner_id, Kind.ANSWER.value)
        if bank_id is not None:
            sql += " AND c.bank_id = ?"
            args += (bank_id,)
        for row in self.conn.execute(sql + " ORDER BY r.card_id, r.reviewed_at, r.id", args):
            fix = fixes.get(row[0])
            if fix is not None and fix.rating is None:
                continue
            rating = fix.rating if fix is not None else row[6]
            yield Review(
                *row[:5], from_ms(row[5]), rating, row[7], row[8], row[9], bool(row[10]), row[11],
                fix is not None and fix.overridden,
            )  # fmt: skip

    # The study day #####################################################

    def _done_since(self, learner_id: int, bank_id: str, since: datetime) -> DayCounts:
        """Answers that count given since `since`, new and review cards apart (callers check the generation)."""
        key = (learner_id, bank_id, to_ms(since))
        kinds = self._done.get(key)
        if kinds is None:
            kinds = self._done[key] = dict(
                self.conn.execute(
                    "SELECT r.was_queue, count(*) FROM reviews r JOIN cards c ON c.id = r.card_id "
                    f"WHERE r.learner_id = ? AND r.reviewed_at >= ? AND r.kind = ? AND c.bank_id = ? "
                    f"AND {_NOT_VOIDED} GROUP BY r.was_queue",
                    (learner_id, key[2], Kind.ANSWER.value, bank_id),
                ).fetchall()
            )
        return DayCounts(new=kinds.get(QUEUE_NEW, 0), reviews=kinds.get(QUEUE_REVIEW, 0), total=sum(kinds.values()))

    def stats_today(
        self, learner_id: int, bank_id: str, now: datetime, syllabus: Syllabus | None = None
    ) -> stats.Today:
        """The status line's figures (see progress.stats); with the bank's syllabus, of the learner's topics."""
        return stats.today(self, learner_id, bank_id, now, syllabus)

    def next_due(self, learner_id: int, bank_id: str, syllabus: Syllabus | None = None) -> datetime | None:
        """When the soonest studied, active card falls due (None if there is none); see stats_today."""
        return stats.next_due(self, learner_id, bank_id, syllabus)

    # Sessions and safety ###############################################

    def start_session(self, learner_id: int, bank_id: str, now: datetime) -> int:
        """Begin a study session, first making today's rolling backup if there is none.

        The answers logged since the last fold are summed by quarter in the same commit (schema.fold_quarters).
        """
        now = as_utc(now)
        self.backup(now)
        with self._write() as conn:
            schema.fold_quarters(conn)
            session_id = conn.execute(
                "INSERT INTO sessions (learner_id, bank_id, started_at) VALUES (?, ?, ?)",
                (learner_id, bank_id, to_ms(now)),
            ).lastrowid
        assert session_id is not None
        return session_id

    def end_session(self, session_id: int, now: datetime) -> None:
        """End a study session, summing its answers by quarter in the same commit (schema.fold_quarters)."""
        with self._write() as conn:
            schema.fold_quarters(conn)
            conn.execute("UPDATE sessions SET ended_at = ? WHERE id = ?", (to_ms(now), session_id))

    @property
    def backup_dir(self) -> Path:
        from progress.backup import backup_dir

        return backup_dir(self.path)

    def backup(self, now: datetime) -> Path | None:
        """Today's rolling backup (see progress.backup), or None if it was already made."""
        # Made after the first question is shown: progress.backup (and health) load then, not before it.
        from progress.backup import BackupError, rolling_backup

        try:
            return rolling_backup(self.conn, self.path, study_date(as_utc(now), self.tz))
        except BackupError as error:
            raise StoreError(str(error)) from None
        except (OSError, sqlite3.Error) as error:
            raise StoreError(f"{self.path}: today's backup in {self.backup_dir} failed ({_one_line(error)})") from None

    def check(self) -> list[str]:
        """Problems integrity_check, foreign_key_check and the expected schema find; empty when healthy."""
        from progress import health

        return health.problems(self.conn, self.path)


def _save(conn: sqlite3.Connection, card: Card) -> None:
    """Write what answers change on `card` (its memory and suspension) to its row."""
    conn.execute(
        _SAVE_MEMORY,
        (
            card.queue, card.state.value, card.step, card.stability, card.difficulty, to_ms(card.due),
            to_ms(card.last_review), card.reps, card.lapses, int(card.suspended), int(card.leech), card.id,
        ),
    )  # fmt: skip


def _tutor_tables(conn: sqlite3.Connection, path: Path) -> tuple[set[str], set[str]]:
    """The file's tables and applied upgrades; StoreError if it is not a database, or another program's,
    or a newer Tutor's.

    The first read is where SQLite rolls back a journal (or recovers a WAL) a killed writer left.
    """
    try:
        tables = _table_names(conn)
        if not tables:
            return tables, set()
        applied = schema.applied(conn) if schema.MIGRATIONS_TABLE in tables else set()
    except sqlite3.DatabaseError as error:
        if "not a database" in str(error):
            raise StoreError(
                f"{path} is not a Tutor progress database ({error}); choose another file with --db"
            ) from None
        raise StoreError(f"{path} is damaged ({error}); {RESTORE_HINT.format(path=path)}") from None
    if not applied:
        raise StoreError(
            f"{path} is an SQLite database of another program, not Tutor's; choose another file with --db"
        )
    if applied - schema.NAMES:
        raise StoreError(f"{path} was written by a newer Tutor; upgrade Tutor to open it")
    return tables, applied


def _table_names(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _use_wal(conn: sqlite3.Connection, path: Path) -> None:
    """Put the file in WAL mode, waiting out other processes making the same new file.

    Switching reads the header, then writes it: two processes switching at once each hold the read
    the other's write waits for, so SQLite answers "database is locked" at once rather than call the
    busy handler (which could deadlock). Retrying until the busy timeout lets one of them finish.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            (mode,) = conn.execute("PRAGMA journal_mode = WAL").fetchone()
            break
        except sqlite3.OperationalError as error:
            if error.sqlite_errorcode != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(0.001, 0.01))
    if mode != "wal":
        raise StoreError(f"{path}: SQLite cannot keep a write-ahead log beside it (journal mode {mode})")


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__
