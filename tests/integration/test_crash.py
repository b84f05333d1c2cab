"""Power cut while writing: a child process is killed (SIGKILL) in the middle of its work.

Each round the child opens the archive, logs in and commits one event per
transaction (with now and then a new account, which also rewrites the
header), printing what it committed. After every kill the archive must open,
``verify`` must be clean, and everything the child reported as committed must
be there.
"""

from __future__ import annotations

import random
import signal
import sys
import textwrap
import time

import pytest
import sqlalchemy as sa

from app.models import User
from app.storage.archive import Archive
from app.workflows import auth, integrity
from tests.conftest import ADMIN, CUSTODIAN, Branch
from tests.integration.helpers import audit_rows, popen_python

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL semantics")

ROUNDS = 5

_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from app.security import audit
    from app.security.roles import Role
    from app.storage.archive import Archive
    from app.workflows import accounts, auth

    root, round_no = Path(sys.argv[1]), int(sys.argv[2])
    archive = Archive.open(root)
    admin = auth.authenticate(archive, "admin", sys.argv[3])
    print("READY", flush=True)
    i = 0
    while True:
        i += 1
        if i % 7 == 0:
            login = f"user{round_no}x{i}"
            accounts.add_user(
                archive, admin, accounts.NewAccount(login, "某员工", "Chushi2026" + "q" * 3),
                [Role.STAFF],
            )
            print("USER", login, flush=True)
        else:
            with archive.unit_of_work() as uow:
                uow.audit("admin", "session.lock", target_type="round", target_id=round_no,
                          details={"i": i})
                seq = audit.chain_head(uow.session)[0]
                uow.commit()
            print("SEQ", seq, flush=True)
    """
)


def test_killed_writer_loses_nothing_it_reported(branch: Branch) -> None:
    branch.archive.close()
    rng = random.Random(20260302)
    committed_seqs: set[int] = set()
    committed_users: set[str] = set()
    for round_no in range(ROUNDS):
        child = popen_python(_WRITER, str(branch.root), str(round_no), ADMIN[2])
        assert child.stdout is not None
        try:
            first = child.stdout.readline().strip()
            assert first == "READY", first + (child.stderr.read() if child.stderr else "")
            target = rng.randrange(5, 60)
            lines = 0
            while lines < target:
                line = child.stdout.readline()
                assert line, "the writer stopped by itself: " + (
                    child.stderr.read() if child.stderr else ""
                )
                lines += 1
                kind, value = line.split()
                (committed_seqs if kind == "SEQ" else committed_users).add(
                    int(value) if kind == "SEQ" else value  # type: ignore[arg-type]
                )
            time.sleep(rng.random() * 0.02)  # land somewhere inside the next transaction
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
            assert child.returncode == -signal.SIGKILL
            # lines already written before the kill count as reported too
            for line in child.stdout.read().splitlines():
                kind, value = line.split()
                if kind == "SEQ":
                    committed_seqs.add(int(value))
                else:
                    committed_users.add(value)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
            for stream in (child.stdout, child.stderr, child.stdin):
                if stream is not None:
                    stream.close()

        archive = Archive.open(branch.root)  # the lock died with the child
        try:
            keeper = auth.authenticate(archive, "keeper", CUSTODIAN[2])
            report = integrity.verify(archive, keeper)
            assert report.sound, f"round {round_no}: {report.problems}"
            present = {r.seq for r in audit_rows(archive)}
            missing = committed_seqs - present
            assert not missing, f"round {round_no}: reported but lost: {sorted(missing)}"
            assert present == set(range(1, max(present) + 1))
            with archive.unit_of_work() as uow:
                rows = set(uow.session.scalars(sa.select(User.login)))
            lost_users = committed_users - rows
            assert not lost_users, f"round {round_no}: accounts lost: {lost_users}"
            for login in committed_users:
                assert archive.header.slot(login) is not None, login
        finally:
            archive.close()

    assert len(committed_seqs) >= ROUNDS * 4
    archive = Archive.open(branch.root)
    branch.archive = archive
    admin = auth.authenticate(archive, "admin", ADMIN[2])
    sample = sorted(committed_users)[:2]
    for login in sample:
        actor = auth.authenticate(archive, login, "Chushi2026qqq")
        assert actor.must_change_password
    assert integrity.verify(archive, admin).sound
