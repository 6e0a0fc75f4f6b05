"""Merging learners' progress files into a class database, keyed by the learner and review UUIDs.

A review already in the class (by UUID) is never added again, so merging a file twice,
or an updated copy of it, adds only what is new and loses nothing. A card is the
replay of its log: when its log comes from one file (the usual case) the file's card
is already that replay and is copied; when the class and the file each hold answers
the other lacks (one learner studying on two machines), the card is replayed from
both logs in time order. Each file is merged whole or not at all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import fsrs

from progress import review, schema
from progress.classes.classdb import transaction
from progress.classes.sources import attached, check_learner_file
from progress.records import CARD_COLUMNS, ENTRY_COLUMNS, card_from_row, entry_from_row, queue_of, to_ms
from progress.store import StoreError

# What a merge copies of a card, in this order, from the file's copy of it.
_CARD_FIELDS = (
    "passage, queue, state, step, stability, difficulty, due, last_review, reps, lapses, suspended, leech, "
    "retired, buried_until"
)
# Files merged in one transaction, at most.
GROUP = 8
_LEARNER_FIELDS = (
    "id, uuid, name, created_at, desired_retention, new_per_day, reviews_per_day, parameters, display_name, "
    "email, student_id, settings, scheduler_id"
)


@dataclass(frozen=True)
class Merged:
    """What merging one file added to the class."""

    path: Path
    learners_added: int
    learners_known: int
    renamed: tuple[tuple[str, str], ...]  # (name in the file, name in the class) for a name already taken
    reviews_added: int
    reviews_known: int
    cards_replayed: int


def merge_file(conn: sqlite3.Connection, path: Path) -> Merged:
    """Merge the learner file at `path` into the class database open on `conn`; the file is only read.

    Raises StoreError (one line) if it is not a Tutor progress file, or is the class database itself.
    """
    [(_, merged)] = merge_files(conn, [path])
    if isinstance(merged, StoreError):
        raise merged
    return merged


def merge_files(conn: sqlite3.Connection, paths: Iterable[Path]) -> Iterator[tuple[Path, Merged | StoreError]]:
    """Merge each file, saying for each what it added or why it was refused (StoreError, one line).

    Files are merged a few at a time in one transaction, each in a savepoint of its own: a
    file that fails is undone alone, and the class's pages that several files change are
    written once for them all (each file's reviews land all over the class's UUID index).
    """
    group: list[Path] = []
    for path in map(Path, paths):
        try:
            _check(conn, path)
        except StoreError as error:
            yield path, error
            continue
        group.append(path)
        if len(group) == _attachable(conn):
            yield from _merge_group(conn, group)
            group = []
    if group:
        yield from _merge_group(conn, group)


def _check(conn: sqlite3.Connection, path: Path) -> None:
    check_learner_file(path)
    (main_file,) = (row[2] for row in conn.execute("PRAGMA database_list") if row[1] == "main")
    if main_file and Path(main_file).resolve() == path.resolve():
        raise StoreError(f"{path} is the class database itself")


def _attachable(conn: sqlite3.Connection) -> int:
    """How many files to attach at once: SQLite's limit on attached databases, less one to spare."""
    return max(1, min(GROUP, conn.getlimit(sqlite3.SQLITE_LIMIT_ATTACHED) - 1))


def _merge_group(conn: sqlite3.Connection, paths: list[Path]) -> list[tuple[Path, Merged | StoreError]]:
    with ExitStack() as files:
        names = [files.enter_context(attached(conn, path, f"src{n}")) for n, path in enumerate(paths)]
        out: list[tuple[Path, Merged | StoreError]] = []
        with transaction(conn):
            for path, src in zip(paths, names):
                conn.execute("SAVEPOINT merge_file")
                try:
                    merged = _merge(conn, path, src)
                except sqlite3.DatabaseError as error:
                    conn.execute("ROLLBACK TO merge_file")
                    out.append((path, StoreError(f"{path} cannot be merged ({error})")))
                else:
                    out.append((path, merged))
                conn.execute("RELEASE merge_file")
            schema.fold_quarters(conn)  # the answers merged, summed by quarter
        return out


def _merge(conn: sqlite3.Connection, path: Path, src: str) -> Merged:
    _map_tables(conn)
    schedulers = _map_schedulers(conn, src)
    added, known, renamed = _map_learners(conn, src, schedulers)
    before_card = _max_id(conn, "main.cards")
    before_review = _max_id(conn, "main.reviews")
    _add_cards(conn, src)
    reviews_added = _add_reviews(conn, src)
    (in_file,) = conn.execute(
        f"SELECT count(*) FROM {src}.reviews r JOIN temp.merge_learners m ON m.src = r.learner_id"
    ).fetchone()
    replayed = _settle_cards(conn, src, before_card, before_review)
    return Merged(path, added, known, tuple(renamed), reviews_added, in_file - reviews_added, replayed)


def _max_id(conn: sqlite3.Connection, table: str) -> int:
    return conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]


def _map_tables(conn: sqlite3.Connection) -> None:
    """Temporary tables from the file's row ids to the class's, emptied for each file."""
    for name in ("merge_learners", "merge_cards", "merge_schedulers"):
        conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} (src INTEGER PRIMARY KEY, dst INTEGER NOT NULL)")
        conn.execute(f"DELETE FROM temp.{name}")


def _map_schedulers(conn: sqlite3.Connection, src: str) -> dict[int, int]:
    """The file's scheduler settings added to the class's (the same settings are one row)."""
    conn.execute(
        f"INSERT INTO main.schedulers (settings) SELECT settings FROM {src}.schedulers WHERE true "
        "ON CONFLICT (settings) DO NOTHING"
    )
    conn.execute(
        f"INSERT INTO temp.merge_schedulers SELECT s.id, m.id FROM {src}.schedulers s "
        "JOIN main.schedulers m ON m.settings = s.settings"
    )
    return dict(conn.execute("SELECT src, dst FROM temp.merge_schedulers"))


def _map_learners(
    conn: sqlite3.Connection, src: str, schedulers: dict[int, int]
) -> tuple[int, int, list[tuple[str, str]]]:
    """The file's learners found in the class by UUID, or added; a profile field empty in the class is filled."""
    added, known, renamed = 0, 0, []
    for row in conn.execute(f"SELECT {_LEARNER_FIELDS} FROM {src}.learners ORDER BY id").fetchall():
        (src_id, uuid, name, created_at, retention, new_per_day, reviews_per_day, parameters,
         display_name, email, student_id, settings, scheduler_id) = row  # fmt: skip
        found = conn.execute("SELECT id FROM main.learners WHERE uuid = ?", (uuid,)).fetchone()
        if found is not None:
            (dst,) = found
            known += 1
            conn.execute(
                "UPDATE main.learners SET display_name = CASE display_name WHEN '' THEN ? ELSE display_name END, "
                "email = CASE email WHEN '' THEN ? ELSE email END, "
                "student_id = CASE student_id WHEN '' THEN ? ELSE student_id END WHERE id = ?",
                (display_name, email, student_id, dst),
            )
        else:
            free = _free_name(conn, name, uuid)
            if free != name:
                renamed.append((name, free))
            dst = conn.execute(
                "INSERT INTO main.learners (name, created_at, desired_retention, new_per_day, reviews_per_day, "
                "parameters, uuid, display_name, email, student_id, settings, scheduler_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (free, created_at, retention, new_per_day, reviews_per_day, parameters, uuid, display_name, email,
                 student_id, settings, schedulers.get(scheduler_id)),
            ).lastrowid  # fmt: skip
            added += 1
        conn.execute("INSERT INTO temp.merge_learners VALUES (?, ?)", (src_id, dst))
    return added, known, renamed


def _free_name(conn: sqlite3.Connection, name: str, uuid: str) -> str:
    """`name`, or when another learner of the class has it, the name with the start of the UUID."""
    candidate, length = name, 8
    while conn.execute("SELECT 1 FROM main.learners WHERE name = ?", (candidate,)).fetchone():
        candidate = f"{name} ({uuid[:length]})"
        length += 4
    return candidate


def _add_cards(conn: sqlite3.Connection, src: str) -> None:
    """Cards the class lacks, copied (their reviews all come from this file); every card mapped."""
    conn.execute(
        f"INSERT INTO main.cards (learner_id, bank_id, question_id, {_CARD_FIELDS}) "
        f"SELECT m.dst, c.bank_id, c.question_id, {', '.join('c.' + f for f in _CARD_FIELDS.split(', '))} "
        f"FROM {src}.cards c JOIN temp.merge_learners m ON m.src = c.learner_id WHERE true "
        "ON CONFLICT (learner_id, bank_id, question_id) DO NOTHING"
    )
    conn.execute(
        f"INSERT INTO temp.merge_cards SELECT c.id, k.id FROM {src}.cards c "
        "JOIN temp.merge_learners m ON m.src = c.learner_id "
        "JOIN main.cards k ON k.learner_id = m.dst AND k.bank_id = c.bank_id AND k.question_id = c.question_id"
    )


def _add_reviews(conn: sqlite3.Connection, src: str) -> int:
    """Reviews the class lacks (by UUID), answers first, then corrections pointing at them; how many."""
    joins = (
        f"FROM {src}.reviews r JOIN temp.merge_learners m ON m.src = r.learner_id "
        "JOIN temp.merge_cards k ON k.src = r.card_id LEFT JOIN temp.merge_schedulers s ON s.src = r.scheduler_id"
    )
    answers = conn.execute(
        "INSERT INTO main.reviews (uuid, learner_id, card_id, kind, reviewed_at, rating, revision, response, score, "
        "duration_ms, hinted, scheduler_id, was_queue, was_suspended, was_interval) "
        "SELECT r.uuid, m.dst, k.dst, r.kind, r.reviewed_at, r.rating, r.revision, r.response, r.score, "
        f"r.duration_ms, r.hinted, s.dst, r.was_queue, r.was_suspended, {_interval(conn, src)} {joins} "
        "WHERE r.kind = 'answer' ORDER BY r.id ON CONFLICT (uuid) DO NOTHING"
    ).rowcount
    corrections = conn.execute(
        "INSERT INTO main.reviews (uuid, learner_id, card_id, kind, target, reviewed_at, rating, scheduler_id, "
        "was_queue, was_suspended) SELECT r.uuid, m.dst, k.dst, r.kind, "
        "(SELECT a.id FROM main.reviews a WHERE a.uuid = t.uuid), r.reviewed_at, r.rating, s.dst, r.was_queue, "
        f"r.was_suspended {joins} JOIN {src}.reviews t ON t.id = r.target WHERE r.kind != 'answer' "
        "ORDER BY r.id ON CONFLICT (uuid) DO NOTHING"
    ).rowcount
    return answers + corrections


def _interval(conn: sqlite3.Connection, src: str) -> str:
    """SQL for an answer's was_interval in the file: its own, or for a file from before m005, the
    interval the upgrade would give it.

    An answer keeps the interval it was given on the learner's machine, also when the
    class replays its card from two machines' logs.
    """
    if any(row[1] == "was_interval" for row in conn.execute(f"PRAGMA {src}.table_info(reviews)")):
        return "r.was_interval"
    return schema.interval_sql(f"{src}.reviews", "r")


def _settle_cards(conn: sqlite3.Connection, src: str, before_card: int, before_review: int) -> int:
    """Bring each card that gained reviews up to date with its log; returns how many were replayed.

    A card new to the class was copied. A card whose earlier class log is all in the file
    (an updated copy of the same file) takes the file's card. Otherwise both hold answers
    the other lacks, and the card is replayed from the merged log in time order.
    """
    # The rows just added, by rowid (DISTINCT would have the planner scan a whole index of the class).
    touched = sorted(set(conn.execute(
        "SELECT learner_id, card_id FROM main.reviews WHERE id > ? AND card_id <= ?", (before_review, before_card)
    )))  # fmt: skip
    # The card's earlier class log has a row the file lacks: both sides hold answers the other does not.
    conflicts = [
        (learner_id, card_id) for learner_id, card_id in touched
        if conn.execute(
            f"SELECT EXISTS (SELECT 1 FROM main.reviews o WHERE o.learner_id = ? AND o.card_id = ? AND o.id <= ? "
            f"AND NOT EXISTS (SELECT 1 FROM {src}.reviews f WHERE f.uuid = o.uuid))",
            (learner_id, card_id, before_review),
        ).fetchone()[0]
    ]  # fmt: skip
    copied = [(card_id,) for _, card_id in set(touched) - set(conflicts)]
    conn.executemany(
        f"UPDATE main.cards SET ({_CARD_FIELDS}) = (SELECT {_CARD_FIELDS} FROM {src}.cards c "
        "WHERE c.id = (SELECT k.src FROM temp.merge_cards k WHERE k.dst = main.cards.id)) WHERE id = ?",
        copied,
    )
    schedulers: dict[int, fsrs.Scheduler] = {}
    for learner_id, card_id in conflicts:
        _replay_card(conn, src, learner_id, card_id, schedulers)
    return len(conflicts)


def _replay_card(
    conn: sqlite3.Connection, src: str, learner_id: int, card_id: int, schedulers: dict[int, fsrs.Scheduler]
) -> None:
    """Write the replay of the card's merged log, in time order, to its row.

    The flags a learner sets (suspended, buried, retired) come from the copy studied last.
    """
    card = card_from_row(conn.execute(f"SELECT {CARD_COLUMNS} FROM main.cards WHERE id = ?", (card_id,)).fetchone())
    theirs = conn.execute(
        f"SELECT c.suspended, c.leech, c.retired, c.buried_until, c.last_review FROM {src}.cards c "
        "JOIN temp.merge_cards k ON k.src = c.id WHERE k.dst = ?",
        (card_id,),
    ).fetchone()
    suspended, leech, retired, buried_until = card.suspended, card.leech, card.retired, to_ms(card.buried_until)
    if theirs[4] is not None and (card.last_review is None or theirs[4] >= to_ms(card.last_review)):
        suspended, leech, retired, buried_until = bool(theirs[0]), bool(theirs[1]), bool(theirs[2]), theirs[3]
    rows = conn.execute(
        f"SELECT {ENTRY_COLUMNS}, uuid FROM main.reviews WHERE learner_id = ? AND card_id = ? ORDER BY id",
        (learner_id, card_id),
    ).fetchall()
    uuids = {row[0]: row[-1] for row in rows}
    answers = review.effective([entry_from_row(row[:-1]) for row in rows])
    answers.sort(key=lambda answer: (answer[0].reviewed_at, uuids[answer[0].id]))
    steps = []
    for entry, rating, _ in answers:
        assert entry.scheduler_id is not None
        if entry.scheduler_id not in schedulers:
            (settings,) = conn.execute(
                "SELECT settings FROM main.schedulers WHERE id = ?", (entry.scheduler_id,)
            ).fetchone()
            schedulers[entry.scheduler_id] = fsrs.Scheduler.from_json(settings)
        steps.append(review.Step(rating, entry.reviewed_at, schedulers[entry.scheduler_id]))
    memory = review.replay(card.key, steps)
    suspended = suspended or (memory.leech and not leech)
    conn.execute(
        "UPDATE main.cards SET queue = ?, state = ?, step = ?, stability = ?, difficulty = ?, due = ?, "
        "last_review = ?, reps = ?, lapses = ?, suspended = ?, leech = ?, retired = ?, buried_until = ? WHERE id = ?",
        (
            queue_of(memory.reps, memory.state, suspended, retired), memory.state.value, memory.step,
            memory.stability, memory.difficulty, to_ms(memory.due), to_ms(memory.last_review), memory.reps,
            memory.lapses, int(suspended), int(memory.leech), int(retired), buried_until, card_id,
        ),
    )  # fmt: skip
