"""The pure-Python SQLite reader against SQLite itself, and on damaged files."""

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from content.interchange.sqlite_file import Database, DatabaseDamaged

values = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=3000),
    st.binary(max_size=3000),
)
rows = st.lists(st.tuples(values, values, values), max_size=60)


def database(tmp_path, page_size, rows, encoding="UTF-8"):
    path = tmp_path / "db.sqlite"
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA page_size = {page_size}")
        db.execute(f"PRAGMA encoding = '{encoding}'")
        db.execute("""CREATE TABLE "t x" (id integer primary key, /* 0, (x */ a default ',)', "b""c" text, -- a, b
                      [d] blob, CHECK (length(a) >= 0 OR a IS NULL))""")
        db.executemany('INSERT INTO "t x" (a, "b""c", d) VALUES (?, ?, ?)', rows)
    db.close()
    return path.read_bytes()


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(page_size=st.sampled_from([512, 1024, 4096, 65536]), rows=rows,
       encoding=st.sampled_from(["UTF-8", "UTF-16le", "UTF-16be"]))
def test_reads_what_sqlite_wrote(tmp_path, page_size, rows, encoding):
    data = database(tmp_path, page_size, rows, encoding)
    db = Database(data)
    assert db.columns("t x") == ["id", "a", 'b"c', "d"]
    expected = sqlite3.connect(tmp_path / "db.sqlite").execute('SELECT * FROM "t x" ORDER BY id').fetchall()
    assert [tuple(r.values()) for r in db.rows("t x")] == expected


def test_reads_thousands_of_rows_across_interior_pages(tmp_path):
    data = database(tmp_path, 512, [(i, "x" * (i % 700), None) for i in range(3000)])
    assert [r["id"] for r in Database(data).rows("t x")] == list(range(1, 3001))


@pytest.mark.parametrize("damage", ["truncated", "garbage pages", "not sqlite", "page size", "cycle"])
def test_a_damaged_file_is_refused_with_a_reason(tmp_path, damage):
    data = bytearray(database(tmp_path, 512, [(i, "y" * 900, b"z" * 300) for i in range(200)]))
    if damage == "truncated":
        data = data[:1500]
    elif damage == "garbage pages":
        data[600:] = bytes((i * 37) % 256 for i in range(len(data) - 600))
    elif damage == "not sqlite":
        data[:16] = b"SQLite format 2\x00"
    elif damage == "page size":
        data[16:18] = (1000).to_bytes(2, "big")
    else:  # the schema's root page made an interior page pointing to itself
        data[100] = 0x05
        data[100 + 8:100 + 12] = (1).to_bytes(4, "big")
        data[103:105] = (0).to_bytes(2, "big")
    with pytest.raises(DatabaseDamaged):
        db = Database(bytes(data))
        for table in db.tables():
            list(db.rows(table))
