"""The rows of an SQLite database file's tables, read from its bytes by this module alone.

Anki packages hold an SQLite collection. The content layer opens no database engine (see
tests/test_layers.py), and a hostile file read as plain bytes never reaches one: this reader
walks the table B-trees of the documented file format (sqlite.org/fileformat2.html), checks
every offset it follows, and raises DatabaseDamaged for anything it cannot make sense of.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator

Value = int | float | str | bytes | None

_MAGIC = b"SQLite format 3\x00"
_TEXT_ENCODINGS = {1: "utf-8", 2: "utf-16-le", 3: "utf-16-be"}
_LEAF, _INTERIOR = 0x0D, 0x05  # table B-tree page types; index B-trees are never read
_INTEGER_SIZES = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8}
_SQL_COMMENT = re.compile(r"/\*.*?\*/|--[^\n]*", re.DOTALL)
_SQL_TOKEN = re.compile(r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|\[[^\]]*\]|`[^`]*`|[(),]|[^'"\[`(),]+""")


class DatabaseDamaged(ValueError):
    """The bytes are not a readable SQLite database; the message says what is wrong."""


class Database:
    """A read-only view of an SQLite file held in memory: its tables' columns and rows."""

    def __init__(self, data: bytes):
        if not data.startswith(_MAGIC) or len(data) < 512:
            raise DatabaseDamaged("it is not an SQLite database")
        page_size = _uint(data, 16, 2)
        self._page_size = 65536 if page_size == 1 else page_size
        if self._page_size < 512 or self._page_size & (self._page_size - 1):
            raise DatabaseDamaged(f"its page size {page_size} is not one SQLite writes")
        self._usable = self._page_size - data[20]
        if self._usable < 480:
            raise DatabaseDamaged("its pages reserve more space than SQLite allows")
        encoding = _uint(data, 56, 4)
        if encoding not in _TEXT_ENCODINGS:
            raise DatabaseDamaged(f"its text encoding number {encoding} is unknown")
        self._encoding = _TEXT_ENCODINGS[encoding]
        self._data = data
        self._pages = len(data) // self._page_size
        self._tables = {}
        for _rowid, values in self._cells_at(1):  # sqlite_schema: type, name, tbl_name, rootpage, sql
            kind, name, _table, root, sql = (values + [None] * 5)[:5]
            if kind == "table" and isinstance(name, str) and isinstance(root, int) and isinstance(sql, str):
                self._tables[name] = (root, sql)

    def tables(self) -> list[str]:
        return sorted(self._tables)

    def columns(self, table: str) -> list[str]:
        return [name for name, _ in _column_definitions(self._table(table)[1])]

    def rows(self, table: str) -> Iterator[dict[str, Value]]:
        """Each row as {column: value}; an INTEGER PRIMARY KEY column holds the rowid."""
        root, sql = self._table(table)
        definitions = _column_definitions(sql)
        rowid_column = next((n for n, d in definitions if re.search(r"(?i)\binteger\s+primary\s+key\b", d)), None)
        names = [n for n, _ in definitions]
        for rowid, values in self._cells_at(root):
            row = dict(zip(names, values + [None] * (len(names) - len(values))))
            if rowid_column is not None:
                row[rowid_column] = rowid
            yield row

    def _table(self, table: str) -> tuple[int, str]:
        if table not in self._tables:
            raise DatabaseDamaged(f"it has no table {table!r}")
        return self._tables[table]

    def _cells_at(self, root: int) -> Iterator[tuple[int, list[Value]]]:
        """The table B-tree's rows in rowid order, leaf by leaf, following each child once."""
        seen: set[int] = set()
        stack = [root]
        while stack:
            number = stack.pop()
            if number in seen:
                raise DatabaseDamaged(f"page {number} is linked twice")
            seen.add(number)
            page, start = self._page(number)
            kind = page[start]
            cells = _uint(page, start + 3, 2)
            header = 8 if kind == _LEAF else 12
            pointers = [_uint(page, start + header + 2 * i, 2) for i in range(cells)]
            if any(not start + header <= p < self._usable for p in pointers):
                raise DatabaseDamaged(f"page {number} points outside itself")
            if kind == _LEAF:
                for pointer in pointers:
                    yield self._leaf_cell(page, pointer)
            elif kind == _INTERIOR:
                children = [_uint(page, p, 4) for p in pointers] + [_uint(page, start + 8, 4)]
                stack.extend(reversed(children))
            else:
                raise DatabaseDamaged(f"page {number} is not a table page (type {kind})")

    def _page(self, number: int) -> tuple[bytes, int]:
        if not 1 <= number <= self._pages:
            raise DatabaseDamaged(f"page {number} is beyond the end of the file")
        offset = (number - 1) * self._page_size
        return self._data[offset:offset + self._page_size], 100 if number == 1 else 0

    def _leaf_cell(self, page: bytes, offset: int) -> tuple[int, list[Value]]:
        size, offset = _varint(page, offset)
        rowid, offset = _varint(page, offset)
        rowid -= (rowid >> 63) << 64  # varints are unsigned; rowids are signed 64-bit
        return rowid, self._record(self._payload(page, offset, size))

    def _payload(self, page: bytes, offset: int, size: int) -> bytes:
        """A cell's payload: the part on its page, then its overflow pages in a chain."""
        usable, most_local = self._usable, self._usable - 35
        if size <= most_local:
            return _within(page, offset, size)
        least_local = (usable - 12) * 32 // 255 - 23
        local = least_local + (size - least_local) % (usable - 4)
        local = local if local <= most_local else least_local
        parts = [_within(page, offset, local)]
        remaining = size - local
        following = _uint(page, offset + local, 4)
        seen: set[int] = set()
        while remaining > 0:
            if following in seen:
                raise DatabaseDamaged(f"overflow page {following} is linked twice")
            seen.add(following)
            overflow, _ = self._page(following)
            following = _uint(overflow, 0, 4)
            part = overflow[4:min(usable, 4 + remaining)]
            parts.append(part)
            remaining -= len(part)
        return b"".join(parts)

    def _record(self, payload: bytes) -> list[Value]:
        header_size, offset = _varint(payload, 0)
        if header_size > len(payload):
            raise DatabaseDamaged("a record's header is longer than the record")
        serial_types = []
        while offset < header_size:
            serial_type, offset = _varint(payload, offset)
            serial_types.append(serial_type)
        values: list[Value] = []
        body = header_size
        for serial_type in serial_types:
            value, body = self._value(payload, body, serial_type)
            values.append(value)
        return values

    def _value(self, payload: bytes, offset: int, serial_type: int) -> tuple[Value, int]:
        if serial_type == 0:
            return None, offset
        if serial_type in _INTEGER_SIZES:
            size = _INTEGER_SIZES[serial_type]
            return int.from_bytes(_within(payload, offset, size), "big", signed=True), offset + size
        if serial_type == 7:
            return struct.unpack(">d", _within(payload, offset, 8))[0], offset + 8
        if serial_type in (8, 9):
            return serial_type - 8, offset
        if serial_type < 12:
            raise DatabaseDamaged(f"a record uses the reserved serial type {serial_type}")
        size = (serial_type - 12) // 2
        raw = _within(payload, offset, size)
        if serial_type % 2 == 0:
            return raw, offset + size
        try:
            return raw.decode(self._encoding), offset + size
        except UnicodeDecodeError:
            raise DatabaseDamaged(f"a text value is not {self._encoding}") from None


def _within(data: bytes, offset: int, size: int) -> bytes:
    if offset + size > len(data):
        raise DatabaseDamaged("a value runs past the end of its page")
    return data[offset:offset + size]


def _uint(data: bytes, offset: int, size: int) -> int:
    return int.from_bytes(_within(data, offset, size), "big")


def _varint(data: bytes, offset: int) -> tuple[int, int]:
    """SQLite's big-endian varint: 7 bits a byte while the high bit is set, 8 bits in a ninth."""
    value = 0
    for _ in range(8):
        byte = _uint(data, offset, 1)
        offset += 1
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, offset
    return (value << 8) | _uint(data, offset, 1), offset + 1


def _column_definitions(sql: str) -> list[tuple[str, str]]:
    """(name, definition) of each column in a CREATE TABLE statement, in order."""
    sql = _SQL_COMMENT.sub(" ", sql)
    start, end = sql.find("("), sql.rfind(")")
    if start < 0 or end < start:
        raise DatabaseDamaged("a table's definition has no column list")
    parts, depth, current = [], 0, []
    for token in _SQL_TOKEN.findall(sql[start + 1:end]):
        depth += (token == "(") - (token == ")")
        if token == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(token)
    parts.append("".join(current))
    definitions = []
    for part in (p.strip() for p in parts):
        match = re.match(r'"((?:[^"]|"")+)"|`([^`]+)`|\[([^\]]+)\]|(\w+)', part)
        if not match:
            raise DatabaseDamaged("a table's definition names no column")
        name = next(g for g in match.groups() if g is not None).replace('""', '"')
        if match.group(4) and name.upper() in ("PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "CONSTRAINT"):
            continue  # a table constraint, not a column
        definitions.append((name, part[match.end():]))
    return definitions
