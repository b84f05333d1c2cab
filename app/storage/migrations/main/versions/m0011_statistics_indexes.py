"""Statistics (article 5): indexes that answer every count without reading the rows.

The catalogue counts (category, sub-type, tier, status, manager, completeness,
by creation date) read one covering index instead of the customer rows with
their content. The 农户 credit ratings by village read three columns copied
from the content JSON by triggers whenever the content is written (the
program never writes them), and their covering index. For 机密/绝密 rows the
content, and so these columns, are empty.

Why not generated columns or an index on expressions: SQLite never treats an
index on a VIRTUAL column as covering (each row would still be read, about
2 s at 100,000 archives), ALTER TABLE cannot add a STORED one, and
SQLAlchemy cannot reflect an index on expressions (the schema check warns).

Revision ID: m0011
Revises: m0009
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "m0011"
down_revision: str | None = "m0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COMPUTED = {
    "stat_township": "json_extract(content, '$.township')",
    "stat_village": "json_extract(content, '$.village')",
    "stat_credit_rating": "json_extract(content, '$.credit_rating')",
}
CATALOGUE_INDEX = (
    "ix_customers_statistics",
    ["created_at", "status", "category", "subtype", "tier", "manager_id", "completeness"],
)
VILLAGE_INDEX = (
    "ix_customers_village_rating",
    [
        "stat_township",
        "stat_village",
        "stat_credit_rating",
        "category",
        "subtype",
        "tier",
        "status",
        "created_at",
        "manager_id",
    ],
)


_SET = ", ".join(f"{name} = {expression}" for name, expression in _COMPUTED.items())
_TRIGGERS = {
    "customers_stat_insert": (
        "CREATE TRIGGER customers_stat_insert AFTER INSERT ON customers "
        "FOR EACH ROW WHEN NEW.content IS NOT NULL "
        f"BEGIN UPDATE customers SET {_SET.replace('content', 'NEW.content')} "
        "WHERE id = NEW.id; END"
    ),
    "customers_stat_update": (
        "CREATE TRIGGER customers_stat_update AFTER UPDATE OF content ON customers "
        "FOR EACH ROW "
        f"BEGIN UPDATE customers SET {_SET.replace('content', 'NEW.content')} "
        "WHERE id = NEW.id; END"
    ),
}


def upgrade() -> None:
    for name in _COMPUTED:
        op.add_column("customers", sa.Column(name, sa.String(64), nullable=True))
    op.execute(f"UPDATE customers SET {_SET} WHERE content IS NOT NULL")
    for sql in _TRIGGERS.values():
        op.execute(sql)
    op.create_index(CATALOGUE_INDEX[0], "customers", CATALOGUE_INDEX[1])
    op.create_index(VILLAGE_INDEX[0], "customers", VILLAGE_INDEX[1])


def downgrade() -> None:
    op.drop_index(VILLAGE_INDEX[0], table_name="customers")
    op.drop_index(CATALOGUE_INDEX[0], table_name="customers")
    for name in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for name in reversed(list(_COMPUTED)):
        op.execute(f"ALTER TABLE customers DROP COLUMN {name}")
