"""Customer search: a trigram full-text index and a table of short name grams.

``customer_fts`` (SQLite only): an FTS5 table with the trigram tokenizer over
the searchable text of each customer (name, archive number, identity number,
phone, address, pinyin of the name in full and as initials), rowid =
customers.id. It keeps its own copy of the text, which is acceptable because
the whole database file is encrypted; ``columnsize=0`` because nothing ranks
by BM25. Trigrams answer queries of three characters or more.

``customer_name_grams``: every one- and two-character substring of a name (and
the first one or two letters of its pinyin), because most Chinese names are
two or three characters and a trigram index cannot answer shorter queries. The
primary key is ordered the way results are ranked (gram, then prefix before
infix, shorter names first, then archive number), so a short query reads only
the first rows of its gram instead of sorting every customer that has it. It
has no other index and no foreign key (either would double its size, the
largest of the search structures): a customer's rows are found again from the
name kept in ``customer_fts``, and rows of a customer deleted without being
unindexed are ignored, since every search joins ``customer_search_keys``.

``customer_search_keys``: per customer, what ranking and the manager filter
need (manager, name length, archive number) in a row of a few dozen bytes.
Candidates from either index are filtered and ordered there instead of in
``customers``, whose rows (with the template's content) are far larger and
would mostly be read from disk and decrypted one page per candidate. Search
checks its final page of results against ``customers.manager_id`` as well,
so a stale row here can hide a customer but never show one to the wrong
manager.

On PostgreSQL the grams table is the same; ``customer_fts`` becomes a plain
table with the same columns (``rowid`` = customers.id), and ``pg_trgm`` GIN
indexes on its text columns serve ``LIKE '%...%'`` (app/storage/search.py uses
LIKE there instead of MATCH). That branch is written but not exercised by the
test suite, which runs on SQLCipher only.

The portable indexes search relies on already exist since m0003: archive_no
and identity_no unique, name and phone indexed.

Revision ID: m0004
Revises: m0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "m0004"
down_revision: str | None = "m0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FTS_COLUMNS = (
    "name",
    "archive_no",
    "identity_no",
    "phone",
    "address",
    "pinyin_full",
    "pinyin_initials",
)


def upgrade() -> None:
    op.create_table(
        "customer_name_grams",
        sa.Column("gram", sa.String(8), nullable=False),
        sa.Column("infix", sa.Integer(), nullable=False),
        sa.Column("name_len", sa.Integer(), nullable=False),
        sa.Column("archive_no", sa.String(40), nullable=False),
        sa.Column("customer_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint(
            "gram", "infix", "name_len", "archive_no", "customer_id", name="pk_customer_name_grams"
        ),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "customer_search_keys",
        sa.Column("customer_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("manager_id", sa.Integer(), nullable=False),
        sa.Column("name_len", sa.Integer(), nullable=False),
        sa.Column("archive_no", sa.String(40), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name="fk_customer_search_keys_customer_id_customers",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("customer_id", name="pk_customer_search_keys"),
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(
            f"CREATE VIRTUAL TABLE customer_fts USING fts5({', '.join(FTS_COLUMNS)},"
            " tokenize = 'trigram', columnsize = 0)"
        )
    else:
        op.create_table(
            "customer_fts",
            sa.Column("rowid", sa.Integer(), primary_key=True, autoincrement=False),
            *(sa.Column(column, sa.Text(), nullable=True) for column in FTS_COLUMNS),
        )
        if dialect == "postgresql":
            op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            for column in FTS_COLUMNS:
                op.execute(
                    f"CREATE INDEX ix_customer_fts_{column}_trgm ON customer_fts"
                    f" USING gin ({column} gin_trgm_ops)"
                )


def downgrade() -> None:
    op.drop_table("customer_fts")
    op.drop_table("customer_search_keys")
    op.drop_table("customer_name_grams")
