"""The vault key (article 16): only custodian key slots hold it, and no main key opens vault.db.

What a password opens is taken straight from archive.json (``keys_of``: the
keys an attacker who knows that password holds), and vault.db is then opened
with the raw SQLCipher key at the storage layer, below every check the
program makes: the administrator's, a manager's and a director's key is
refused by the file itself, not merely hidden by the interface. With the
custodian's vault key the same call reads the secret record.
"""

from __future__ import annotations

import base64
import json
from contextlib import closing

import pytest

from app.errors import ArchiveDamaged
from app.security.roles import Role
from app.storage.database import raw_connect
from app.workflows import customers
from tests.conftest import ADMIN, CUSTODIAN, PASSWORDS, Branch
from tests.integration.helpers import keys_of
from tests.integration.test_customers import create, farmer, resident_id

NAME = "上官守密"
ID_NUMBER = resident_id(birth="19700228", seq="735")


@pytest.fixture
def secret_branch(branch: Branch) -> Branch:
    """An archive with a 机密 record in the vault and people of every kind with a password."""
    manager = branch.add_user("manager", [Role.MANAGER])
    branch.add_user("director", [Role.DIRECTOR, Role.UNIT_HEAD])
    branch.add_user("staff", [Role.STAFF])
    keeper = branch.login("keeper")
    ref = create(branch, manager, farmer(NAME, ID_NUMBER, tier="机密"), custodian=keeper)
    customers.file_customer(branch.archive, manager, ref.id, custodian=keeper)
    branch.archive.close_vault()
    return branch


def _password(login: str) -> str:
    return {"admin": ADMIN[2], "keeper": CUSTODIAN[2]}.get(login) or PASSWORDS[login]


def test_only_custodian_slots_hold_the_vault_key(secret_branch: Branch) -> None:
    root = secret_branch.root
    slots = json.loads((root / "archive.json").read_text("utf-8"))["slots"]
    logins = sorted(slot["login"] for slot in slots)
    assert logins == ["admin", "director", "keeper", "manager", "staff"]
    for slot in slots:
        assert ("sealed_vault" in slot) == (slot["login"] == "keeper"), slot["login"]
    opened = {login: keys_of(root, login, _password(login)) for login in logins}
    vault_key = opened["keeper"].vault_key
    assert vault_key is not None and len(vault_key) == 32
    for login, keys in opened.items():
        assert keys.main_key == opened["keeper"].main_key
        assert (keys.vault_key is not None) == (login == "keeper"), login
    assert vault_key != opened["keeper"].main_key
    # nor is the vault key kept anywhere in the clear: not in the header, not in main.db
    header = (root / "archive.json").read_bytes()
    spellings = (vault_key, vault_key.hex().encode(), base64.b64encode(vault_key))
    assert not any(s in header for s in spellings)
    with closing(raw_connect(root / "main.db", opened["admin"].main_key)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    blob = value.encode() if isinstance(value, str) else value
                    if isinstance(blob, bytes):
                        assert not any(s in blob for s in spellings), table


@pytest.mark.parametrize("login", ["admin", "manager", "director", "staff"])
def test_a_main_key_alone_cannot_read_vault_db(secret_branch: Branch, login: str) -> None:
    root = secret_branch.root
    keys = keys_of(root, login, _password(login))
    assert keys.vault_key is None
    # the main key is good: it opens main.db, where the record is a catalogue line only
    with closing(raw_connect(root / "main.db", keys.main_key)) as conn:
        assert conn.execute("SELECT count(*) FROM customers WHERE tier = 'secret'").fetchone() == (
            1,
        )
        assert conn.execute("SELECT count(*) FROM customers WHERE name IS NOT NULL").fetchone() == (
            0,
        )
        # attaching vault.db without its own key would reuse the main key: refused too
        with pytest.raises(Exception, match="not a database"):
            conn.execute("ATTACH DATABASE ? AS vault", (str(root / "vault.db"),))
            conn.execute("SELECT count(*) FROM vault.sqlite_master").fetchone()
    # ... but vault.db refuses it at the first read
    with pytest.raises(ArchiveDamaged, match="无法解密"):
        raw_connect(root / "vault.db", keys.main_key)


def test_the_custodians_vault_key_reads_vault_db(secret_branch: Branch) -> None:
    root = secret_branch.root
    keys = keys_of(root, "keeper", _password("keeper"))
    assert keys.vault_key is not None
    with closing(raw_connect(root / "vault.db", keys.vault_key)) as conn:
        rows = conn.execute("SELECT record_ref, tier, content FROM vault_records").fetchall()
    [(ref, tier, content)] = rows
    assert tier == "secret" and ref.startswith("LY")
    payload = json.loads(content)
    assert (payload["data"]["name"], payload["data"]["id_number"]) == (NAME, ID_NUMBER)
