"""Statistics columns written with the content, not by triggers.

Migration m0011 copied the content's township, village and credit rating to
customers.stat_* with AFTER INSERT/UPDATE triggers: one more UPDATE of the
row (and of its two statistics indexes) for every customer written, which
made an Excel import of 10,000 rows about 0.25 s slower. The program now
writes these columns itself, in the same INSERT or UPDATE as the content
(app/models/customer.py copy_statistics for every ORM write, the import's
bulk insert directly), so the triggers go.

The columns of existing rows are copied again from the content (the same
json_extract as m0011), so an archive whose columns were ever out of step
is right after the upgrade. Downgrade puts m0011's triggers back.

Revision ID: m0012
Revises: m0011
"""

from collections.abc import Sequence

from alembic import op

revision: str = "m0012"
down_revision: str | None = "m0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: as in m0011 (a migration does not import another)
_COMPUTED = {
    "stat_township": "json_extract(content, '$.township')",
    "stat_village": "json_extract(content, '$.village')",
    "stat_credit_rating": "json_extract(content, '$.credit_rating')",
}
_SET = ", ".join(f"{name} = {expression}" for name, expression in _COMPUTED.items())
_DIFFERS = " OR ".join(f"{name} IS NOT {expression}" for name, expression in _COMPUTED.items())
_M0011_TRIGGERS = {
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
    for name in _M0011_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute(f"UPDATE customers SET {_SET} WHERE {_DIFFERS}")


def downgrade() -> None:
    op.execute(f"UPDATE customers SET {_SET} WHERE {_DIFFERS}")
    for sql in _M0011_TRIGGERS.values():
        op.execute(sql)
