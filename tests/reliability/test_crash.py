"""Power cut while writing: a child process is killed (SIGKILL) in the middle of its work.

Each round the child opens the archive, logs in and commits one event per
transaction (with now and then a new account, which also rewrites the
header), printing what it committed. After every kill the archive must open,
``verify`` must be clean, and everything the child reported as committed must
be there.

The mixed workload (20 kills in CI, 200 with RUN_SLOW=1) adds customer archives
created and filed, modification requests signed by the director (the change
applied), audit events, accounts and whole new archive folders; a folder whose
creation was cut short must never pass for an archive.
"""

from __future__ import annotations

import os
import random
import signal
import sys
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.models import Customer, Request, User
from app.security.roles import Role
from app.storage.archive import Archive, is_archive
from app.workflows import auth, customers, integrity, requests
from tests.conftest import ADMIN, CUSTODIAN, PASSWORDS, Branch
from tests.integration.helpers import audit_rows, popen_python
from tests.reliability import figures

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
    figures.record("crash: events and accounts, kills survived", ROUNDS, ROUNDS, "kills")
    archive = Archive.open(branch.root)
    branch.archive = archive
    admin = auth.authenticate(archive, "admin", ADMIN[2])
    sample = sorted(committed_users)[:2]
    for login in sample:
        actor = auth.authenticate(archive, login, "Chushi2026qqq")
        assert actor.must_change_password
    assert integrity.verify(archive, admin).sound


# --- the mixed workload: customer archives, signed approvals, events, accounts, new archives ------

KILLS = figures.scale(20, 200)

#: A fork server: imports the program once, then forks one writer per round (a fresh
#: interpreter per kill would spend most of the run importing). It is single-threaded,
#: so forking it is safe. Each writer prints one line per committed operation; its
#: lines all precede the server's "DEAD" line, which is printed after waitpid.
_SERVER = textwrap.dedent(
    """
    import os, random, sys
    from datetime import date, timedelta
    from pathlib import Path
    from app.errors import AppError
    from app.models import Customer, Request
    from app.security.kdf import TEST_KDF
    from app.security.roles import Role
    from app.storage.archive import Archive
    from app.template import current_template
    from app.workflows import accounts, auth, customers, modification, signing
    from tests.conftest import ADMIN, CUSTODIAN, PASSWORDS
    from tests.integration.test_customers import farmer, resident_id
    import sqlalchemy as sa

    current_template()


    def say(*words):
        os.write(1, (" ".join(map(str, words)) + "\\n").encode())


    def writer(root, spare, round_no):
        rng = random.Random(round_no * 7919 + 17)
        archive = Archive.open(root)
        admin = auth.authenticate(archive, "admin", ADMIN[2])
        manager = auth.authenticate(archive, "manager", PASSWORDS["manager"])
        say("READY", round_no)
        # requests a killed writer left unsigned: the director signs them first
        with archive.unit_of_work() as uow:
            waiting = list(uow.session.scalars(
                sa.select(Request.id).where(Request.state == "submitted")))
        for rid in waiting:
            signing.decide(archive, rid, "director", PASSWORDS["director"], "approve")
            say("APPLIED", rid)
        i = 0
        while True:
            i += 1
            n = round_no * 200 + i
            op = rng.choices(
                ["customer", "modify", "event", "user", "archive"], [5, 4, 5, 1, 1])[0]
            if op == "customer":
                born = (date(1940, 1, 1) + timedelta(days=n % 20000)).strftime("%Y%m%d")
                data = farmer(f"测试{n}", resident_id(born, f"{100 + n // 20000:03d}"))
                ref = customers.create_customer(
                    archive, manager, category="individual", subtype="farmer", data=data)
                say("CUSTOMER", ref.id)
                customers.file_customer(archive, manager, ref.id)
                say("FILED", ref.id)
            elif op == "modify":
                with archive.unit_of_work() as uow:
                    busy = sa.select(Request.id).where(
                        Request.state == "submitted")
                    ids = list(uow.session.scalars(
                        sa.select(Customer.id).where(Customer.status == "filed")))
                    pending = set(uow.session.scalars(busy))
                if not ids or pending:
                    continue
                cid = rng.choice(ids)
                data = dict(customers.open_customer(archive, manager, cid).data)
                data["mobile"] = f"139{rng.randrange(10**8):08d}"
                try:
                    ref = modification.propose(archive, manager, cid, data, note="客户告知")
                except AppError:
                    continue  # the same number drawn twice: nothing to change
                say("PROPOSED", ref.id)
                signing.decide(archive, ref.id, "director", PASSWORDS["director"], "approve")
                say("APPLIED", ref.id)
            elif op == "event":
                with archive.unit_of_work() as uow:
                    uow.audit("admin", "session.lock", target_type="round",
                              target_id=round_no, details={"i": i})
                    uow.commit()
                    seq = uow.session.execute(sa.text(
                        "SELECT max(seq) FROM audit_events")).scalar()
                say("SEQ", seq)
            elif op == "user":
                login = f"u{round_no}x{i}"
                accounts.add_user(
                    archive, admin, accounts.NewAccount(login, "某员工", "Chushi2026qqq"),
                    [Role.STAFF])
                say("USER", login)
            else:
                folder = spare / f"new-{round_no}-{i}"
                accounts.create_archive(
                    folder, branch_name="涟源市某某信用社", branch_code="LY-0102",
                    admin=accounts.NewAccount(ADMIN[0], ADMIN[1], ADMIN[2]),
                    custodian=accounts.NewAccount(CUSTODIAN[0], CUSTODIAN[1], CUSTODIAN[2]),
                    kdf=TEST_KDF,
                ).close()
                say("ARCHIVE", folder)


    for line in sys.stdin:
        root, spare, round_no = line.split()
        pid = os.fork()
        if pid == 0:
            try:
                writer(Path(root), Path(spare), int(round_no))
            except BaseException as exc:
                say("FAILED", type(exc).__name__, str(exc).replace("\\n", " "))
            finally:
                os._exit(3)
        say("PID", pid)
        _, status = os.waitpid(pid, 0)
        say("DEAD", pid, os.waitstatus_to_exitcode(status))
    """
)


@dataclass
class Reported:
    seqs: set[int] = field(default_factory=set)
    users: set[str] = field(default_factory=set)
    customers: set[int] = field(default_factory=set)
    filed: set[int] = field(default_factory=set)
    proposed: set[int] = field(default_factory=set)
    applied: set[int] = field(default_factory=set)
    archives: set[str] = field(default_factory=set)

    def take(self, line: str) -> None:
        kind, _, value = line.partition(" ")
        if kind == "SEQ":
            self.seqs.add(int(value))
        elif kind == "USER":
            self.users.add(value)
        elif kind == "CUSTOMER":
            self.customers.add(int(value))
        elif kind == "FILED":
            self.filed.add(int(value))
        elif kind == "PROPOSED":
            self.proposed.add(int(value))
        elif kind == "APPLIED":
            self.applied.add(int(value))
        elif kind == "ARCHIVE":
            self.archives.add(value)
        else:
            raise AssertionError(f"the writer said: {line}")

    @property
    def count(self) -> int:
        return sum(
            len(s)
            for s in (
                self.seqs,
                self.users,
                self.customers,
                self.filed,
                self.applied,
                self.archives,
            )
        )


def _check_after_kill(
    root: Path, spare: Path, reported: Reported, round_no: int, seen: set[str]
) -> None:
    archive = Archive.open(root)  # the lock died with the writer
    try:
        keeper = auth.authenticate(archive, "keeper", CUSTODIAN[2])
        report = integrity.verify(archive, keeper)
        assert report.sound, f"kill {round_no}: {report.problems}"
        present = {r.seq for r in audit_rows(archive)}
        assert not reported.seqs - present, f"kill {round_no}: events lost"
        assert present == set(range(1, max(present) + 1)), f"kill {round_no}: a gap in the chain"
        with archive.unit_of_work() as uow:
            logins = set(uow.session.scalars(sa.select(User.login)))
            rows = {c.id: c.status for c in uow.session.scalars(sa.select(Customer))}
            states = {r.id: r.state for r in uow.session.scalars(sa.select(Request))}
        assert not reported.users - logins, f"kill {round_no}: accounts lost"
        for login in reported.users:
            assert archive.header.slot(login) is not None, login
        assert not reported.customers - rows.keys(), f"kill {round_no}: archives lost"
        unfiled = [c for c in reported.filed if rows[c] != "filed"]
        assert not unfiled, f"kill {round_no}: filing lost for {unfiled}"
        assert not reported.proposed - states.keys(), f"kill {round_no}: requests lost"
        not_applied = {r: states[r] for r in reported.applied if states.get(r) != "applied"}
        assert not not_applied, f"kill {round_no}: approvals lost {not_applied}"
    finally:
        archive.close()
    for folder in sorted(spare.iterdir()):
        if str(folder) in seen:
            continue  # checked after an earlier kill; nobody has written to it since
        seen.add(str(folder))
        if str(folder) not in reported.archives and not is_archive(folder):
            continue  # creation cut short: never taken for an archive (no archive.json)
        made = Archive.open(folder)
        try:
            admin = auth.authenticate(made, "admin", ADMIN[2])
            assert integrity.verify(made, admin).sound, folder
        finally:
            made.close()
    assert {str(p) for p in spare.iterdir()} >= reported.archives


def _content_follows_the_approvals(root: Path, reported: Reported) -> int:
    """Each customer holds the mobile number of the last approved change; returns how many.

    Every applied request counts, also one a writer committed but was killed before
    reporting: the content must follow the requests the archive holds.
    """
    archive = Archive.open(root)
    try:
        manager = auth.authenticate(archive, "manager", PASSWORDS["manager"])
        director = auth.authenticate(archive, "director", PASSWORDS["director"])
        with archive.unit_of_work() as uow:
            applied = list(
                uow.session.scalars(
                    sa.select(Request.id).where(Request.state == "applied").order_by(Request.id)
                )
            )
        assert reported.applied <= set(applied)
        latest: dict[int, str] = {}
        for rid in applied:
            detail = requests.open_request(archive, director, rid)
            assert detail.customer_id is not None
            (mobile,) = [c.after for c in detail.changes if c.key == "mobile"]
            latest[detail.customer_id] = mobile
        for cid, mobile in latest.items():
            assert customers.open_customer(archive, manager, cid).data["mobile"] == mobile, cid
        return len(latest)
    finally:
        archive.close()


def test_killed_mixed_workload_loses_nothing_it_reported(branch: Branch, tmp_path: Path) -> None:
    branch.add_user("manager", [Role.MANAGER])
    branch.add_user("director", [Role.DIRECTOR, Role.UNIT_HEAD])
    branch.archive.close()
    spare = tmp_path / "new-archives"
    spare.mkdir()
    rng = random.Random(20261128)
    reported = Reported()
    server = popen_python(_SERVER)
    assert server.stdin is not None and server.stdout is not None
    survived = 0
    seen: set[str] = set()
    try:
        for round_no in range(KILLS):
            server.stdin.write(f"{branch.root} {spare} {round_no}\n")
            server.stdin.flush()
            target = rng.randrange(1, 12)
            pid, lines, ready = 0, 0, False
            while not (pid and ready and lines >= target):
                line = server.stdout.readline().strip()
                assert line, "the fork server stopped: " + (
                    server.stderr.read() if server.stderr else ""
                )
                if line.startswith("PID "):
                    pid = int(line.split()[1])
                elif line.startswith("READY "):
                    ready = True
                elif line.startswith("DEAD "):
                    raise AssertionError(f"kill {round_no}: the writer ended by itself")
                else:
                    reported.take(line)
                    lines += 1
            time.sleep(rng.random() * 0.03)  # land somewhere inside the next transaction
            os.kill(pid, signal.SIGKILL)
            while True:  # what it wrote before it died counts as reported too
                line = server.stdout.readline().strip()
                assert line, "the fork server stopped"
                if line.startswith("DEAD "):
                    assert line == f"DEAD {pid} {-signal.SIGKILL}", line
                    break
                reported.take(line)
            _check_after_kill(branch.root, spare, reported, round_no, seen)
            survived += 1
    finally:
        figures.record("crash: mixed workload, kills survived", survived, KILLS, "kills")
        server.stdin.close()
        server.wait(timeout=30)
        for stream in (server.stdout, server.stderr):
            if stream is not None:
                stream.close()

    assert reported.filed and reported.applied and reported.seqs, reported
    checked = _content_follows_the_approvals(branch.root, reported)
    figures.record(
        "crash: operations reported then found", reported.count, reported.count, "operations"
    )
    assert checked > 0
    branch.archive = Archive.open(branch.root)
