"""Customer search: the one search function of the program, and its index.

Three structures (migration m0004) serve it:

* ``customer_name_grams``: every one- and two-character piece of a name, plus
  the first one or two letters of its pinyin (full and initials). Queries of
  one or two characters read it in its primary-key order, which is the ranking
  order, and stop after ``limit`` hits of the wanted manager.
* ``customer_fts``: an FTS5 table with the trigram tokenizer over name,
  archive number, identity number, phone, address and the pinyin of the name.
  Queries of three characters or more become quoted FTS phrases with column
  filters, so nothing the user types is ever FTS syntax.
* ``customer_search_keys``: per customer, the manager, name length and
  archive number in a small row, so that filtering and ordering candidates
  does not read (and decrypt) a page of ``customers`` per candidate.

Everything indexed is normalised like the query (NFKC, which turns full-width
letters, digits and spaces into ASCII; control characters out; whitespace
collapsed; lower case), so matching is on the normalised text.

Who may find what is decided by the caller: exact matches (archive number,
full name, full identity number) count over all customers, straight from
``customers``; partial matches only among the customers of
``partial_manager_id``, and not at all without one. The manager copied into the
keys table narrows the search; the final page is checked against
``customers.manager_id`` itself, so a customer who changed hands without being
re-indexed is missing from partial results until re-indexed, never shown to
the previous manager. Index rows of a customer deleted without unindexing find
nothing (the keys row goes with the customer).

SQL specific to SQLite (MATCH) is used only on SQLite; on other databases
(PostgreSQL, where m0004 makes ``customer_fts`` a plain table with pg_trgm
indexes) the same search runs with LIKE.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from typing import Any

import sqlalchemy as sa
from pypinyin import lazy_pinyin
from pypinyin.constants import RE_HANS
from pypinyin.seg import mmseg
from sqlalchemy.orm import Session

from app.models.customer import Customer, CustomerNameGram, CustomerSearchKey

__all__ = [
    "SearchEntry",
    "index_customer",
    "index_customers",
    "normalise",
    "pinyin_forms",
    "rebuild_index",
    "search_customers",
    "unindex_customer",
]

FTS_COLUMNS = (
    "name",
    "archive_no",
    "identity_no",
    "phone",
    "address",
    "pinyin_full",
    "pinyin_initials",
)
customer_fts = sa.table(
    "customer_fts", sa.column("rowid", sa.Integer), *(sa.column(c, sa.Text) for c in FTS_COLUMNS)
)
_grams = CustomerNameGram.__table__
_keys = CustomerSearchKey.__table__
_customers = Customer.__table__

#: Readings of surnames that differ from the character's everyday reading: names are
#: indexed under both (单 dan/shan), so a person typing either finds the customer.
SURNAME_READINGS = {
    "单": "shan",
    "曾": "zeng",
    "区": "ou",
    "仇": "qiu",
    "解": "xie",
    "查": "zha",
    "朴": "piao",
    "盖": "ge",
    "乐": "yue",
    "覃": "qin",
    "翟": "zhai",
    "缪": "miao",
    "尉": "yu",
    "种": "chong",
    "召": "shao",
    "褚": "chu",
    "宿": "su",
}

#: Longest query looked at (a paste of a whole document is not a customer search).
MAX_QUERY = 64
#: Queries of this many characters and more use the trigram index; shorter ones the grams.
TRIGRAM = 3
#: Identity and phone numbers match partially from this many characters on.
MIN_NUMBER_PART = 4
_BATCH = 2000
_NO_NAME_LEN = 10_000  # secret-tier rows (no name) rank after every named customer

_SPACE = re.compile(r"\s+")
_LATIN_QUERY = re.compile(r"[a-z][a-z ]*")


_CONTROL = dict.fromkeys([*range(0x20), *range(0x7F, 0xA0)], " ")  # category Cc


def normalise(text: str | None) -> str:
    """Full-width to half-width (NFKC), control characters out, spaces collapsed, lower case."""
    if not text:
        return ""
    return _normalise_keep_case(text).lower()


def _normalise_keep_case(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    # printable text holds no control character and no whitespace but the plain space
    if text.isprintable() and "  " not in text:
        return text.strip()
    text = text.translate(_CONTROL)
    return _SPACE.sub(" ", text).strip()


def _keep_unknown(chars: str) -> list[str]:
    """pypinyin's ``errors`` callback: characters without pinyin, marked."""
    return ["\0" + chars]


def _syllables_of(items: Iterable[str]) -> list[tuple[str, bool]]:
    """(text, from a Chinese character) of lazy_pinyin's items, letters and digits only."""
    syllables: list[tuple[str, bool]] = []
    for item in items:
        if item.startswith("\0"):
            kept = "".join(ch for ch in item[1:] if ch.isascii() and ch.isalnum())
            if kept:
                syllables.append((kept, False))
        else:
            kept = "".join(ch for ch in item.lower() if ch.isascii() and ch.isalnum())
            if kept:
                syllables.append((kept, True))
    return syllables


@lru_cache(maxsize=16384)
def _character_syllables(character: str) -> tuple[tuple[str, bool], ...]:
    return tuple(_syllables_of(lazy_pinyin(character, errors=_keep_unknown)))


#: pypinyin's word segmenter: every prefix of every phrase it knows (None: unknown layout)
_PHRASE_PREFIXES: Any = getattr(getattr(mmseg, "seg", None), "_prefix_set", None)


def _syllables(text: str) -> list[tuple[str, bool]]:
    """:func:`_syllables_of` ``lazy_pinyin(text)``, a character at a time where that is the
    same: pypinyin cuts Chinese text into the longest phrases it knows (whose readings may
    differ from the characters' own, 银行 hang, 单于 chan) and reads the rest character by
    character; when no two neighbouring characters begin a phrase, every piece is a single
    character, read as pypinyin reads it alone (a test compares the two on many names)."""
    if _single_characters(text):
        return [syllable for ch in text for syllable in _character_syllables(ch)]
    return _syllables_of(lazy_pinyin(text, errors=_keep_unknown))


@lru_cache(maxsize=16384)
def _character_forms(character: str) -> tuple[str, str, int]:
    """A character's part of the full pinyin and of the initials, read alone, and the length
    of its first syllable's text when that comes from a Chinese character (else 0)."""
    syllables = _character_syllables(character)
    full = "".join(s for s, _ in syllables)
    initials = "".join(s[0] if han else s for s, han in syllables)
    first = len(syllables[0][0]) if syllables and syllables[0][1] else 0
    return full, initials, first


def _single_characters(text: str) -> bool:
    """Whether pypinyin reads ``text`` a character at a time (see :func:`_syllables`)."""
    return (
        _PHRASE_PREFIXES is not None
        and len(text) > 1
        and RE_HANS.match(text) is not None
        and not any(text[i : i + 2] in _PHRASE_PREFIXES for i in range(len(text) - 1))
    )


@lru_cache(maxsize=65536)
def pinyin_forms(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The name's pinyin in full and as initials, lower case, no tones, no separators.

    张三丰 -> (("zhangsanfeng",), ("zsf",)). A surname with its own reading
    adds a second form: 单雄信 -> (("danxiongxin", "shanxiongxin"), ("dxx", "sxx")).
    Letters and digits in the name are kept as they are (ABC合作社 -> abchezuoshe, abchzs).
    """
    text = normalise(name)
    if not text:
        return (), ()
    if _single_characters(text):
        # the same forms from each character's own, remembered per character
        forms = [_character_forms(ch) for ch in text]
        full = "".join([f[0] for f in forms])
        if not full:
            return (), ()
        initials = "".join([f[1] for f in forms])
        reading = SURNAME_READINGS.get(text[0])
        # the first syllable: the first character's, or the next one's if it has none
        first = next(f for f in forms if f[0])
        if reading and first[2] and full[: first[2]] != reading:
            return (
                (full, reading + full[first[2] :]),
                tuple(dict.fromkeys((initials, reading[0] + initials[1:]))),
            )
        return (full,), (initials,)
    syllables = _syllables(text)
    if not syllables:
        return (), ()
    variants = [syllables]
    reading = SURNAME_READINGS.get(text[0])
    if reading and syllables[0][1] and syllables[0][0] != reading:
        variants.append([(reading, True), *syllables[1:]])
    full = tuple(dict.fromkeys("".join(s for s, _ in v) for v in variants))
    initials = tuple(dict.fromkeys("".join(s[0] if han else s for s, han in v) for v in variants))
    return full, initials


# --- the index ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchEntry:
    """What the index holds of one customer (secret tier: archive number only)."""

    customer_id: int
    archive_no: str
    name: str | None = None
    identity_no: str | None = None
    phone: str | None = None
    address: str | None = None


#: the columns of the index tables as the rows below give them
_FTS_ROW = ("rowid", *FTS_COLUMNS)
_KEY_ROW = ("customer_id", "manager_id", "name_len", "archive_no")
_GRAM_ROW = ("gram", "infix", "name_len", "archive_no", "customer_id")


def _index_rows(
    entry: SearchEntry, manager_id: int
) -> tuple[tuple[Any, ...], tuple[Any, ...], list[tuple[Any, ...]]]:
    """The customer's rows of customer_fts, customer_search_keys and customer_name_grams
    (columns as _FTS_ROW, _KEY_ROW and _GRAM_ROW); each text is normalised once."""
    name = normalise(entry.name)
    archive_no = normalise(entry.archive_no)
    full, initials = pinyin_forms(entry.name) if entry.name else ((), ())
    fts = (
        entry.customer_id,
        name or None,
        archive_no,
        normalise(entry.identity_no) or None,
        normalise(entry.phone) or None,
        normalise(entry.address) or None,
        " ".join(full) or None,
        " ".join(initials) or None,
    )
    key = (entry.customer_id, manager_id, len(name) or _NO_NAME_LEN, archive_no)
    return fts, key, _grams_of(entry.customer_id, name, archive_no, full, initials)


def _grams_of(
    customer_id: int,
    name: str,
    archive_no: str,
    full: tuple[str, ...],
    initials: tuple[str, ...],
) -> list[tuple[Any, ...]]:
    """The gram rows of a normalised name and archive number, with the name's pinyin forms."""
    if not name:
        return []
    length = len(name)
    # gram -> 0 (starts the name or its pinyin) or 1 (only inside): the pieces from the
    # second character on, then those that start the name (a piece may be both)
    best = dict.fromkeys([*name[1:], *(name[i : i + 2] for i in range(1, length - 1))], 1)
    best[name[0]] = 0
    if length > 1:
        best[name[:2]] = 0
    if " " in name:  # pieces holding a space are not grams
        best = {gram: infix for gram, infix in best.items() if " " not in gram}
    for form in (*full, *initials):
        best[form[:1]] = 0
        best[form[:2]] = 0
    # (gram, infix, length, archive_no, customer_id) of each gram, the tuples made by zip
    return list(zip(best, best.values(), repeat(length), repeat(archive_no), repeat(customer_id)))


def _gram_rows(entry: SearchEntry) -> list[dict[str, Any]]:
    name = normalise(entry.name)
    full, initials = pinyin_forms(entry.name or "") if name else ((), ())
    grams = _grams_of(entry.customer_id, name, normalise(entry.archive_no), full, initials)
    return [dict(zip(_GRAM_ROW, row, strict=True)) for row in grams]


@lru_cache(maxsize=64)
def _insert_statement(
    dialect: sa.Dialect, table: Any, columns: tuple[str, ...]
) -> tuple[str, tuple[int, ...]] | None:
    """The INSERT of ``columns`` as the dialect's SQL, and where each bound value comes from
    in a row; None when values would need SQLAlchemy's own handling (a named paramstyle, a
    column type that converts values, a default the statement would add)."""
    if not dialect.positional:
        return None
    for key in columns:
        if table.c[key].type.dialect_impl(dialect).bind_processor(dialect) is not None:
            return None
    compiled = sa.insert(table).compile(dialect=dialect, column_keys=list(columns))
    names = tuple(compiled.positiontup or ())
    if sorted(names) != sorted(columns):
        return None
    return str(compiled), tuple(columns.index(n) for n in names)


def _insert_rows(
    session: Session, table: Any, columns: tuple[str, ...], rows: Sequence[tuple[Any, ...]]
) -> None:
    """INSERT many rows given as tuples in ``columns`` order, with values as stored (text,
    integers, None): one executemany through the driver, without SQLAlchemy's handling of
    each row's parameters (a large part of the work for tens of thousands of small rows)."""
    if not rows:
        return
    conn = session.connection()
    statement = _insert_statement(conn.dialect, table, columns)
    if statement is None:
        conn.execute(sa.insert(table), [dict(zip(columns, row, strict=True)) for row in rows])
        return
    sql, order = statement
    if order != tuple(range(len(columns))):
        rows = [tuple(row[i] for i in order) for row in rows]
    conn.exec_driver_sql(sql, list(rows))


def _chunks(items: Sequence[Any], size: int = _BATCH) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


_DELETE_GRAM = sa.delete(_grams).where(
    _grams.c.gram == sa.bindparam("gram"),
    _grams.c.infix == sa.bindparam("infix"),
    _grams.c.name_len == sa.bindparam("name_len"),
    _grams.c.archive_no == sa.bindparam("archive_no"),
    _grams.c.customer_id == sa.bindparam("customer_id"),
)


def _delete(session: Session, ids: Sequence[int]) -> None:
    """Remove these customers' index rows; their grams are worked out from the indexed name."""
    for chunk in _chunks(ids, 500):
        old = session.execute(
            sa.select(customer_fts.c.rowid, customer_fts.c.archive_no, customer_fts.c.name).where(
                customer_fts.c.rowid.in_(chunk)
            )
        ).all()
        grams = [row for o in old for row in _gram_rows(SearchEntry(*o))]
        if grams:
            session.connection().execute(_DELETE_GRAM, grams)
        session.execute(sa.delete(_keys).where(_keys.c.customer_id.in_(chunk)))
        session.execute(sa.delete(customer_fts).where(customer_fts.c.rowid.in_(chunk)))


def _insert(session: Session, entries: Sequence[SearchEntry], managers: dict[int, int]) -> None:
    missing = [e.customer_id for e in entries if e.customer_id not in managers]
    if missing:
        raise ValueError(f"no such customer: {missing[:10]}")
    fts_rows: list[tuple[Any, ...]] = []
    key_rows: list[tuple[Any, ...]] = []
    gram_rows: list[tuple[Any, ...]] = []
    for entry in entries:
        fts, key, grams = _index_rows(entry, managers[entry.customer_id])
        fts_rows.append(fts)
        key_rows.append(key)
        gram_rows.extend(grams)
    # one executemany per table
    _insert_rows(session, customer_fts, _FTS_ROW, fts_rows)
    _insert_rows(session, _keys, _KEY_ROW, key_rows)
    _insert_rows(session, _grams, _GRAM_ROW, gram_rows)


def _managers(session: Session, ids: Sequence[int]) -> dict[int, int]:
    found: dict[int, int] = {}
    c = _customers.c
    if _dense(ids):  # one range read instead of many lists of ids
        stmt = sa.select(c.id, c.manager_id).where(c.id.between(min(ids), max(ids)))
        wanted = set(ids)
        found.update((row[0], row[1]) for row in session.execute(stmt) if row[0] in wanted)
        return found
    for chunk in _chunks(ids, 500):
        stmt = sa.select(c.id, c.manager_id).where(c.id.in_(chunk))
        found.update((row[0], row[1]) for row in session.execute(stmt))
    return found


def _dense(ids: Sequence[int]) -> bool:
    """Whether ``ids`` fill most of their range (customers just created in a batch)."""
    return len(ids) > 1 and max(ids) - min(ids) < 2 * len(ids)


def _indexed(session: Session, ids: Sequence[int]) -> Sequence[int]:
    """Those of ``ids`` that may have index rows: for a dense batch (new customers) the ones
    that have a row in customer_fts or customer_search_keys, read in two range reads, so
    that deleting old rows costs nothing when there are none; otherwise all of them."""
    if not _dense(ids):
        return ids
    low, high = min(ids), max(ids)
    found = set(
        session.scalars(
            sa.select(customer_fts.c.rowid).where(customer_fts.c.rowid.between(low, high))
        )
    )
    found.update(
        session.scalars(
            sa.select(_keys.c.customer_id).where(_keys.c.customer_id.between(low, high))
        )
    )
    return [i for i in ids if i in found]


def index_customers(session: Session, entries: Iterable[SearchEntry]) -> int:
    """(Re)write the index rows of many customers at once, in the caller's transaction.

    The manager is read from ``customers``: call this again after a customer
    changes hands, as after any change of the indexed fields.
    """
    entries = list(entries)
    if not entries:
        return 0
    session.flush()  # the customers rows must exist and be current
    ids = [e.customer_id for e in entries]
    _delete(session, _indexed(session, ids))
    _insert(session, entries, _managers(session, ids))
    return len(entries)


def index_customer(
    session: Session,
    customer_id: int,
    *,
    archive_no: str,
    name: str | None,
    identity_no: str | None,
    phone: str | None,
    address: str | None,
) -> None:
    """(Re)write one customer's index rows in the caller's transaction.

    Call it after creating a customer and after any change of these fields or
    of the customer's manager (read from ``customers``). Secret-tier customers
    are passed with name, identity, phone and address None: they are then
    found by their archive number only.
    """
    index_customers(
        session,
        [SearchEntry(customer_id, archive_no, name, identity_no, phone, address)],
    )


def unindex_customer(session: Session, customer_id: int) -> None:
    """Remove a customer from the index (in the caller's transaction)."""
    session.flush()
    _delete(session, [customer_id])


def rebuild_index(session: Session) -> int:
    """Index every customer afresh (repair, bulk loads); returns how many were indexed."""
    session.flush()
    for table in (_grams, _keys, customer_fts):
        session.execute(sa.delete(table))
    c = _customers.c
    stmt = sa.select(c.id, c.archive_no, c.name, c.identity_no, c.phone, c.address, c.manager_id)
    count = 0
    # rowids are fetched first so that the inserts never run under an open read of customers
    ids = list(session.scalars(sa.select(c.id).order_by(c.id)))
    for chunk in _chunks(ids, 10_000):
        rows = session.execute(stmt.where(c.id.between(chunk[0], chunk[-1]))).all()
        _insert(session, [SearchEntry(*row[:6]) for row in rows], {r[0]: r[6] for r in rows})
        count += len(rows)
    if _is_sqlite(session):
        # merge the b-tree segments written by the bulk insert into one
        session.execute(sa.text("INSERT INTO customer_fts (customer_fts) VALUES ('optimize')"))
    return count


# --- searching ---------------------------------------------------------------------------------


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _fts_phrase(text: str) -> str:
    """``text`` as one FTS5 string: whatever it holds, it is a phrase, never syntax."""
    return '"' + text.replace('"', '""') + '"'


# Built once: executing a prepared statement costs a fraction of building one per keystroke.
# Plain SQL, valid on SQLite and PostgreSQL alike, except the _FTS_ ones.
_EXACT = sa.text(
    "SELECT id, CASE WHEN archive_no IN (:a1, :a2, :a3) OR identity_no = :ident"
    " THEN 1 ELSE 0 END AS whole_key"
    " FROM customers"
    " WHERE archive_no IN (:a1, :a2, :a3) OR name = :name OR identity_no = :ident"
    " ORDER BY archive_no, id LIMIT :n"
)
_BY_GRAMS = sa.text(
    "SELECT g.customer_id FROM customer_name_grams AS g"
    " JOIN customer_search_keys AS k ON k.customer_id = g.customer_id"
    " WHERE g.gram = :gram AND k.manager_id = :m"
    " ORDER BY g.infix, g.name_len, g.archive_no, g.customer_id LIMIT :n"
)
# SQLite only, one statement. h: the newest hits, from the trigram index alone; a query
# with more than :window hits is too broad to rank all of them at typing speed and is ranked
# among these. The manager filter and the order use the small keys table. Rank: 0 = a column
# starts with the query, 1 = inside the name or its pinyin, 2 = elsewhere; for at most :few
# hits it is read from their text (a page read each, cheap for a few), for more it comes from
# the index (^: the phrase is at the start of a column), whose extra lookups cost more than
# a few page reads but far less than many. SQLite runs only the branch it takes.
_FTS_RANKED = """
WITH h(id) AS MATERIALIZED (
    SELECT rowid FROM customer_fts WHERE customer_fts MATCH :hits
    ORDER BY rowid DESC LIMIT :window),
n(total, lowest) AS MATERIALIZED (SELECT count(*), min(id) FROM h)
SELECT k.customer_id FROM h JOIN customer_search_keys AS k ON k.customer_id = h.id
WHERE k.manager_id = :m
ORDER BY CASE WHEN (SELECT total FROM n) <= :few THEN (
    SELECT CASE
        WHEN instr(f.name, :q) = 1 OR instr(f.archive_no, :q) = 1
          OR instr(f.identity_no, :qn) = 1 OR instr(f.phone, :qn) = 1
          OR instr(f.pinyin_full, :p) = 1 OR instr(f.pinyin_initials, :p) = 1 THEN 0
        WHEN :letters AND (instr(f.name, :q) > 0 OR instr(f.pinyin_full, :p) > 0) THEN 1
        ELSE 2 END
    FROM customer_fts AS f WHERE f.rowid = k.customer_id)
ELSE CASE
    WHEN k.customer_id IN (SELECT rowid FROM customer_fts WHERE customer_fts MATCH :prefix
                           AND rowid >= (SELECT lowest FROM n)) THEN 0
    {inside}
    ELSE 2 END
END, k.name_len, k.archive_no, k.customer_id
LIMIT :n
"""
_INSIDE = """WHEN k.customer_id IN (SELECT rowid FROM customer_fts WHERE customer_fts MATCH :inside
                           AND rowid >= (SELECT lowest FROM n)) THEN 1"""
_RANKED = {
    False: sa.text(_FTS_RANKED.replace("{inside}", "")),
    True: sa.text(_FTS_RANKED.replace("{inside}", _INSIDE)),
}
#: Up to this many hits are ranked from their text, more inside the index.
_FEW_HITS = 30
#: A query with more hits than this is ranked among the newest _WINDOW hits only.
_WINDOW = 2000
_STILL_THEIRS = sa.text("SELECT id FROM customers WHERE manager_id = :m AND id IN :ids").bindparams(
    sa.bindparam("ids", expanding=True)
)
#: Most candidates read when the keys table disagrees with customers (a stale row).
_MAX_CANDIDATES = 5000


def search_customers(
    session: Session,
    query: str,
    *,
    limit: int = 50,
    partial_manager_id: int | None = None,
) -> list[int]:
    """Customer ids for what was typed in the search box, best first.

    Exact matches over all customers come first (archive number, ignoring
    case; the full name; the full identity number, lower-case x accepted),
    ordered by archive number. Then, only when ``partial_manager_id`` is given
    and only among that manager's customers: any part of the name (one and two
    characters too), pinyin prefix or initials (zsf, zhangs), part of the
    archive number, of the identity or phone number (4+ characters) or of the
    address; prefix matches before infix ones, shorter names first, then by
    archive number.

    A query that is a whole archive or identity number found in the archive
    names that customer: no partial search follows (nothing else can contain a
    whole key but addresses and names, where it would be noise). A query of 3+
    characters found in more than 2,000 customers (part of every address or
    archive number, as while typing one) is ranked among the 2,000 most
    recently created of them only: all of them would cost a tenth of a second.
    """
    typed = _normalise_keep_case(query or "")[:MAX_QUERY].strip()
    if not typed or limit <= 0:
        return []
    q = typed.lower()
    conn = session.connection()
    rows = conn.execute(
        _EXACT,
        {
            # archive numbers are written in one case (the template's formats)
            "a1": typed,
            "a2": typed.upper(),
            "a3": q,
            "name": typed,
            "ident": typed.upper(),
            "n": limit,
        },
    ).all()
    result = [row[0] for row in rows]
    if partial_manager_id is None or len(result) >= limit or any(row[1] for row in rows):
        return result
    seen = set(result)
    for customer_id in _partial(session, conn, q, partial_manager_id, limit + len(result)):
        if customer_id not in seen:
            seen.add(customer_id)
            result.append(customer_id)
            if len(result) >= limit:
                break
    return result


def _partial(
    session: Session, conn: sa.Connection, q: str, manager_id: int, wanted: int
) -> list[int]:
    """The manager's partial matches, best first, checked against customers.manager_id."""
    sqlite = _is_sqlite(session)
    n = wanted
    while True:
        if len(q) < TRIGRAM:
            params = {"gram": q, "m": manager_id, "n": n}
            candidates = list(conn.execute(_BY_GRAMS, params).scalars())
        elif sqlite:
            candidates = _by_fts(conn, q, manager_id, n)
        else:
            candidates = _by_like(conn, q, manager_id, n)
        if not candidates:
            return []
        theirs = set(conn.execute(_STILL_THEIRS, {"m": manager_id, "ids": candidates}).scalars())
        kept = [c for c in candidates if c in theirs]
        if len(kept) >= wanted or len(candidates) < n or n >= _MAX_CANDIDATES:
            return kept
        n *= 4  # some rows of the keys table are stale: look further


def _query_parts(q: str) -> tuple[list[str], str | None]:
    """The text columns a query of 3+ characters is looked for in, and its pinyin form."""
    columns = ["name", "archive_no", "address"]
    if len(q) >= MIN_NUMBER_PART:
        columns += ["identity_no", "phone"]
    pinyin = q.replace(" ", "") if _LATIN_QUERY.fullmatch(q) else ""
    return columns, pinyin if len(pinyin) >= TRIGRAM else None


def _has_letters(q: str) -> bool:
    """Whether ``q`` could be part of a name (numbers and signs alone are not looked for there)."""
    return any(ch.isalpha() for ch in q)


def _fts_params(q: str) -> dict[str, str | None]:
    """The FTS5 queries for all hits, prefix hits and hits inside the name (None: none)."""
    columns, pinyin = _query_parts(q)
    prefix_columns = [c for c in columns if c != "address"]
    inside_columns = ["name"]
    phrases = [_fts_phrase(q)]
    if pinyin == q:  # one phrase over every column: its trigram lists are read once
        columns, prefix_columns, inside_columns = (
            [*columns, "pinyin_full", "pinyin_initials"],
            [*prefix_columns, "pinyin_full", "pinyin_initials"],
            ["name", "pinyin_full"],
        )
    elif pinyin:
        phrases.append(_fts_phrase(pinyin))

    def match(column_sets: list[list[str]], anchor: str = "") -> str:
        return " OR ".join(
            "{" + " ".join(cols) + "} : " + anchor + phrase
            for cols, phrase in zip(column_sets, phrases, strict=False)
        )

    pinyin_cols = ["pinyin_full", "pinyin_initials"]
    return {
        "hits": match([columns, pinyin_cols]),
        "prefix": match([prefix_columns, pinyin_cols], "^"),
        "inside": match([inside_columns, ["pinyin_full"]]) if _has_letters(q) else None,
    }


def _by_fts(conn: sa.Connection, q: str, manager_id: int, limit: int) -> list[int]:
    params = _fts_params(q)
    columns, pinyin = _query_parts(q)
    bind = {
        **params,
        "window": _WINDOW,
        "few": _FEW_HITS,
        "m": manager_id,
        "q": q,
        "qn": q if "identity_no" in columns else None,  # numbers from four characters on
        "p": pinyin,  # pinyin counts as a prefix in its first form only
        "letters": params["inside"] is not None,
        "n": limit,
    }
    return list(conn.execute(_RANKED[params["inside"] is not None], bind).scalars())


def _by_like(conn: sa.Connection, q: str, manager_id: int, limit: int) -> list[int]:
    """What _by_fts does, in portable SQL (PostgreSQL: pg_trgm indexes serve the LIKEs)."""
    f, k = customer_fts.alias("f"), _keys
    columns, pinyin = _query_parts(q)
    found = [f.c[col].contains(q, autoescape=True) for col in columns]
    prefix = [f.c[col].startswith(q, autoescape=True) for col in columns if col != "address"]
    inside = [f.c.name.contains(q, autoescape=True)]
    if pinyin:
        for col in ("pinyin_full", "pinyin_initials"):
            found.append(f.c[col].contains(pinyin, autoescape=True))
            prefix.append(f.c[col].startswith(pinyin, autoescape=True))
        inside.append(f.c.pinyin_full.contains(pinyin, autoescape=True))
    if not _has_letters(q):
        inside = [sa.false()]
    rank = sa.case((sa.or_(*prefix), 0), (sa.or_(*inside), 1), else_=2)
    stmt = (
        sa.select(k.c.customer_id)
        .select_from(f.join(k, k.c.customer_id == f.c.rowid))
        .where(sa.or_(*found), k.c.manager_id == manager_id)
        .order_by(rank, k.c.name_len, k.c.archive_no, k.c.customer_id)
        .limit(limit)
    )
    return list(conn.execute(stmt).scalars())
