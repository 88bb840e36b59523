"""Finding cases by text (검색) through an index, not a scan of every row.

The case list's filter keeps the rows whose ``search`` text contains every word typed,
as a substring (Korean words are often two syllables: 정밀, 서울). A ``LIKE '%…%'``
cannot use a B-tree index, so with 100,000 cases each keystroke scanned the whole
table twice (the count, then the page): 130–500 ms on a shared 2-core machine.

``list_cases_fts`` is an SQLite FTS5 index of trigrams (every three characters) of
that text, kept by triggers on ``list_cases`` (contentless: only the index is stored).
- A word of three characters or more is a phrase of its trigrams: exact substrings.
- A shorter word begins some trigram wherever it occurs, because the indexed text
  ends with two spaces; its trigrams are read from the index's vocabulary
  (``list_cases_terms``) and ORed. A word that begins none occurs nowhere; one that
  begins very many (a single common letter) falls back to ``LIKE``.
The index folds letter case like the ``LIKE`` it replaces (case-insensitive).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

FTS_TABLE = "list_cases_fts"
TERMS_TABLE = "list_cases_terms"
PAD = "  "
"""Appended to the indexed text: every character then begins a trigram."""
MAX_TERMS = 200
"""A short word beginning more trigrams than this is matched by ``LIKE`` instead."""
WALK_ABOVE = 2000
"""With more matches than this, a sorted page walks the sort's index and keeps the
matches (stopping at the page's end) instead of sorting every match."""
_TOP = "\U0010ffff"

SCHEMA = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "search, content='', tokenize='trigram', detail='full')",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TERMS_TABLE} USING fts5vocab({FTS_TABLE}, row)",
    # Contentless: a row leaves the index by the 'delete' command with the text it was
    # indexed with. An upsert must be INSERT … ON CONFLICT DO UPDATE: the rows that
    # INSERT OR REPLACE deletes fire no trigger.
    f"""
    CREATE TRIGGER IF NOT EXISTS list_cases_search_added AFTER INSERT ON list_cases BEGIN
        INSERT INTO {FTS_TABLE} (rowid, search) VALUES (new.rowid, new.search || '{PAD}');
    END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS list_cases_search_removed AFTER DELETE ON list_cases BEGIN
        INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, search)
        VALUES ('delete', old.rowid, old.search || '{PAD}');
    END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS list_cases_search_changed AFTER UPDATE ON list_cases
    WHEN old.search IS NOT new.search OR old.rowid IS NOT new.rowid BEGIN
        INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, search)
        VALUES ('delete', old.rowid, old.search || '{PAD}');
        INSERT INTO {FTS_TABLE} (rowid, search) VALUES (new.rowid, new.search || '{PAD}');
    END
    """,
)
TABLES = (TERMS_TABLE, FTS_TABLE)
"""Dropped before ``list_cases`` when the lists are rebuilt (its triggers go with it)."""


@dataclass(frozen=True)
class CaseTextFilter:
    """The rows of ``list_cases`` whose search text contains every word."""

    match: str | None = None
    """The FTS5 query for the words the index answers."""
    likes: tuple[str, ...] = ()
    """``LIKE`` patterns for the words it does not."""
    nothing: bool = False
    """A word occurs in no row at all."""

    @property
    def everything(self) -> bool:
        return self.match is None and not self.likes and not self.nothing

    def where(self, *, walking: bool = False) -> tuple[str, dict[str, Any]]:
        """A WHERE clause (or "") and its parameters. ``walking``: the index's matches
        are only checked (``+rowid``), so the planner walks the ORDER BY's index."""
        if self.nothing:
            return "WHERE 0", {}
        clauses = [f"search LIKE :like{i} ESCAPE '\\'" for i in range(len(self.likes))]
        parameters: dict[str, Any] = {f"like{i}": like for i, like in enumerate(self.likes)}
        if self.match is not None:
            rowid = "+rowid" if walking else "rowid"
            clauses.insert(
                0, f"{rowid} IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :match)"
            )
            parameters["match"] = self.match
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), parameters

    def index_count(self, db: sqlite3.Connection) -> int | None:
        """How many rows the index matches (``None``: it is not asked)."""
        if self.match is None:
            return None
        row = db.execute(
            f"SELECT COUNT(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?", (self.match,)
        ).fetchone()
        return int(row[0])

    def count(self, db: sqlite3.Connection) -> int:
        if self.nothing:
            return 0
        if not self.likes and self.match is not None:
            return self.index_count(db) or 0  # the index alone is exact
        where, parameters = self.where()
        return int(db.execute(f"SELECT COUNT(*) FROM list_cases {where}", parameters).fetchone()[0])

    def walks(self, db: sqlite3.Connection) -> bool:
        """Many matches: a page sorted by an indexed column is found sooner by walking
        that index than by sorting every match."""
        found = self.index_count(db)
        return found is not None and found > WALK_ABOVE


def case_text_filter(db: sqlite3.Connection, text: str) -> CaseTextFilter:
    """The filter for what was typed: every word, case-insensitive, taken literally."""
    queries: list[str] = []
    likes: list[str] = []
    for word in text.lower().split():
        if len(word) >= 3:
            queries.append(_quoted(word))
            continue
        terms = [
            str(row[0])
            for row in db.execute(
                f"SELECT term FROM {TERMS_TABLE} WHERE term >= ? AND term < ? LIMIT ?",
                (word, word + _TOP, MAX_TERMS + 1),
            )
        ]
        if not terms:
            return CaseTextFilter(nothing=True)
        if len(terms) > MAX_TERMS:
            likes.append(f"%{_escaped(word)}%")
        else:
            queries.append("(" + " OR ".join(_quoted(term) for term in terms) + ")")
    return CaseTextFilter(match=" AND ".join(queries) if queries else None, likes=tuple(likes))


def _quoted(text: str) -> str:
    """An FTS5 string: every character literal."""
    return '"' + text.replace('"', '""') + '"'


def _escaped(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
