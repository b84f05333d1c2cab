"""Raising and lowering a record's tier (article 16) and the custodian's vault overview.

Raising moves the content out of main.db for good: main.db is read back with
the main key (every table, then every page decrypted, free ones included) and
must no longer hold the customer's name or ID number; vault.db, read with the
vault key, holds them. Lowering needs the director's signature and a custodian.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.errors import (
    Conflict,
    CustodianRequired,
    DuplicateCustomer,
    InvalidInput,
    NotEligible,
    NotPermitted,
    SeparationOfDuties,
    StorageFull,
)
from app.models import Customer, CustomerVersion, Request, VaultRecord
from app.security.roles import Role
from app.storage.uow import UnitOfWork
from app.workflows import (
    approvals,
    consultation,
    customers,
    modification,
    requests,
    signing,
    tier,
)
from app.workflows import update_submission as updates
from app.workflows.auth import Actor
from app.workflows.customers import CatalogueFilter
from tests.conftest import PASSWORDS, Branch
from tests.integration.helpers import audit_rows, details, keys_of, last_seq
from tests.integration.test_customers import create, farmer, resident_id
from tests.integration.test_destruction import scan_folder, scan_tables

NAME = "端木守拙"
RENAMED = "端木守正"
ID_NUMBER = resident_id(birth="19610318", seq="417")
MOBILE = "13907384455"
REASON = "客户系本地重要企业主,其资产信息须按机密管理。"


@pytest.fixture
def people(branch: Branch) -> dict[str, Actor]:
    return {
        "manager": branch.add_user("manager", [Role.MANAGER]),
        "manager2": branch.add_user("manager2", [Role.MANAGER]),
        "director": branch.add_user("director", [Role.DIRECTOR, Role.UNIT_HEAD]),
        "staff": branch.add_user("staff", [Role.STAFF]),
        "keeper": branch.login("keeper"),
    }


def filed(
    branch: Branch, manager: Actor, name: str = NAME, number: str = ID_NUMBER, **extra: Any
) -> int:
    custodian = extra.pop("custodian", None)
    ref = create(branch, manager, farmer(name, number, **extra), custodian=custodian)
    customers.file_customer(branch.archive, manager, ref.id, custodian=custodian)
    return ref.id


def sign(
    branch: Branch,
    request_id: int,
    login: str,
    decision: str = "approve",
    reason: str = "",
    custodian: Actor | None = None,
) -> signing.Signed:
    return signing.decide(
        branch.archive, request_id, login, PASSWORDS[login], decision, reason, custodian=custodian
    )


def row(branch: Branch, customer_id: int) -> Customer:
    with branch.archive.unit_of_work() as uow:
        found = uow.session.get(Customer, customer_id)
        assert found is not None
        uow.session.expunge(found)
        return found


def request_row(branch: Branch, request_id: int) -> Request:
    with branch.archive.unit_of_work() as uow:
        found = uow.session.get(Request, request_id)
        assert found is not None
        uow.session.expunge(found)
        return found


def vault_refs(branch: Branch, keeper: Actor) -> dict[str, bytes]:
    with Session(branch.archive.vault_engine(keeper.keys)) as session:
        found = {r.record_ref: r.content for r in session.scalars(sa.select(VaultRecord))}
    branch.archive.close_vault()
    return found


def search(branch: Branch, actor: Actor, query: str) -> list[str]:
    lines = customers.catalogue_page(branch.archive, actor, filters=CatalogueFilter(query=query))
    return [line.archive_no for line in lines]


def folder_keys(branch: Branch) -> dict[str, bytes]:
    keys = keys_of(branch.root, "keeper", PASSWORDS["keeper"])
    assert keys.vault_key is not None
    return {"main": keys.main_key, "vault": keys.vault_key}


def tier_events(branch: Branch, after: int) -> list[tuple[str, str, str, dict[str, object]]]:
    return [
        (r.actor, r.action, r.target_id, details(r))
        for r in audit_rows(branch.archive, after)
        if r.action.startswith(("tier.", "vault."))
    ]


def modified(branch: Branch, people: dict[str, Actor], customer_id: int, **changes: Any) -> None:
    """An approved modification (a filed version with before/after values in main.db)."""
    manager = people["manager"]
    data = customers.open_customer(branch.archive, manager, customer_id).data
    ref = modification.propose(branch.archive, manager, customer_id, dict(data, **changes))
    sign(branch, ref.id, "director")


# --- raising ---------------------------------------------------------------------------------------


def test_raising_moves_the_content_out_of_main_db(branch: Branch, people: dict[str, Actor]) -> None:
    manager, keeper, staff = people["manager"], people["keeper"], people["staff"]
    cid = filed(branch, manager, name=RENAMED)
    modified(branch, people, cid, name=NAME)  # the old name now lives in a filed version
    report = updates.submit(
        branch.archive, staff, cid, {"mobile": MOBILE}, note=f"{NAME}来电告知新号码"
    )
    archive_no = row(branch, cid).archive_no
    assert search(branch, manager, NAME) == [archive_no]
    keys = folder_keys(branch)
    assert scan_tables(branch.root / "main.db", keys["main"], NAME, ID_NUMBER)
    version_before = row(branch, cid).version
    seq = last_seq(branch.archive)

    ref = tier.raise_tier(branch.archive, manager, cid, "机密", custodian=keeper, reason=REASON)

    assert (ref.archive_no, ref.tier) == (archive_no, "secret")
    line = row(branch, cid)
    assert line.tier == "secret" and line.version == version_before + 1
    assert (line.name, line.identity_no, line.phone, line.address, line.content) == (None,) * 5
    assert line.name_masked == ""
    assert line.retrieval_remarks.startswith("机密")
    # main.db, read with the main key: no table and no page holds the name, the old name or the ID
    texts = (NAME, RENAMED, ID_NUMBER, MOBILE)
    assert scan_tables(branch.root / "main.db", keys["main"], *texts) == []
    hits = scan_folder(branch.root, keys, *texts)
    assert hits and all(hit.startswith("vault.db") for hit in hits), hits
    # the vault holds the record in the payload format the customer workflow reads
    stored = vault_refs(branch, keeper)
    payload = json.loads(stored[archive_no])
    assert payload["data"]["name"] == NAME and payload["data"]["id_number"] == ID_NUMBER
    assert {f"version:{archive_no}:2", f"version:{archive_no}:{line.version}"} <= set(stored)
    assert approvals.vault_ref(report.serial) in stored
    with pytest.raises(CustodianRequired):
        customers.open_customer(branch.archive, manager, cid)
    opened = customers.open_customer(branch.archive, manager, cid, custodian=keeper)
    assert (opened.data["name"], opened.data["id_number"]) == (NAME, ID_NUMBER)
    assert opened.tier_label == "机密" and opened.catalogue_remarks.startswith("机密")
    # the catalogue: the mark, no name; search finds it by its archive number only, for anyone
    [shown] = customers.catalogue_page(
        branch.archive, manager, filters=CatalogueFilter(query=archive_no)
    )
    assert (shown.tier_label, shown.display_name) == ("机密", "")
    assert shown.retrieval_remarks.startswith("机密")
    assert search(branch, manager, NAME) == []
    assert search(branch, manager, ID_NUMBER) == []
    assert search(branch, manager, "13807381234") == []
    # the filed history and the pending submission are read from the vault now
    with pytest.raises(CustodianRequired):
        requests.record_history(branch.archive, manager, cid)
    history = requests.record_history(branch.archive, manager, cid, custodian=keeper)
    assert [(c.key, c.before, c.after) for c in history[0].changes] == [
        ("tier", "普通", "机密"),
        ("tier_reason", None, REASON),
    ]
    assert [(c.key, c.before, c.after) for c in history[1].changes] == [("name", RENAMED, NAME)]
    submitted = request_row(branch, report.id)
    assert submitted.payload == "" and submitted.payload_in_vault
    with pytest.raises(CustodianRequired):
        requests.open_request(branch.archive, manager, report.id)
    detail = requests.open_request(branch.archive, manager, report.id, custodian=keeper)
    assert detail.payload["values"] == {"mobile": MOBILE}
    with branch.archive.unit_of_work() as uow:
        assert approvals.verify_all(uow.session, branch.archive.archive_id) == []
    # the manager accepts the submission: it goes on in the vault, with the custodian
    sign(branch, report.id, "manager", custodian=keeper)

    assert tier_events(branch, seq) == [
        (
            "manager",
            "tier.raise",
            archive_no,
            {
                "archive_no": archive_no,
                "from_tier": "ordinary",
                "to_tier": "secret",
                "custodian": "keeper",
                "version": line.version,
                "moved_requests": 2,
                "moved_versions": 1,
            },
        )
    ]
    after = [(r.action, details(r)) for r in audit_rows(branch.archive, seq)]
    assert ("archive.vacuum", {"archive_no": archive_no, "vault": False, "sound": True}) in after


def test_raising_needs_the_owner_a_custodian_a_reason_and_a_higher_tier(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager, keeper = people["manager"], people["keeper"]
    cid = filed(branch, manager)
    draft = create(branch, manager, farmer("草稿户", resident_id(seq="901"))).id
    raise_ = tier.raise_tier
    with pytest.raises(CustodianRequired):
        raise_(branch.archive, manager, cid, "机密", custodian=None, reason=REASON)
    with pytest.raises(CustodianRequired):  # a manager is no custodian
        raise_(branch.archive, manager, cid, "机密", custodian=manager, reason=REASON)
    with pytest.raises(NotPermitted):
        raise_(branch.archive, people["manager2"], cid, "机密", custodian=keeper, reason=REASON)
    with pytest.raises(NotPermitted):
        raise_(branch.archive, people["director"], cid, "机密", custodian=keeper, reason=REASON)
    with pytest.raises(InvalidInput, match="理由"):
        raise_(branch.archive, manager, cid, "机密", custodian=keeper, reason="  ")
    with pytest.raises(InvalidInput, match="机密"):
        raise_(branch.archive, manager, cid, "普通", custodian=keeper, reason=REASON)
    with pytest.raises(Conflict, match="草稿"):
        raise_(branch.archive, manager, draft, "机密", custodian=keeper, reason=REASON)
    assert row(branch, cid).tier == "ordinary" and row(branch, cid).name == NAME

    # a pending modification holds the record: its serial is named
    data = customers.open_customer(branch.archive, manager, cid).data
    pending = modification.propose(branch.archive, manager, cid, dict(data, mobile=MOBILE))
    with pytest.raises(Conflict, match=pending.serial):
        raise_(branch.archive, manager, cid, "机密", custodian=keeper, reason=REASON)
    actions = tier.tier_actions(branch.archive, manager, cid)
    assert [c.key for c in actions.raise_to] == ["secret", "top_secret"]
    assert pending.serial in actions.raise_blocked and actions.lower_to == ()
    requests.withdraw(branch.archive, manager, pending.id, "暂不修改")

    raise_(branch.archive, manager, cid, "机密", custodian=keeper, reason=REASON)
    with pytest.raises(Conflict, match="现为“机密”"):
        raise_(branch.archive, manager, cid, "机密", custodian=keeper, reason=REASON)
    # 机密 -> 绝密: the content stays in the vault, only the mark changes
    raise_(branch.archive, manager, cid, "top_secret", custodian=keeper, reason="升为绝密")
    line = row(branch, cid)
    assert line.tier == "top_secret" and line.retrieval_remarks.startswith("绝密")
    assert (
        customers.open_customer(branch.archive, manager, cid, custodian=keeper).data["name"] == NAME
    )
    assert tier.tier_actions(branch.archive, manager, cid).raise_to == ()
    assert tier.tier_actions(branch.archive, people["manager2"], cid) == tier.TierActions()
    # the vault now also holds filed versions (JSON lists): new secret records still check
    # their ID against the vault's records, and only those
    with pytest.raises(DuplicateCustomer):
        create(branch, manager, farmer("重复户", ID_NUMBER, tier="机密"), custodian=keeper)
    create(branch, manager, farmer("另一户", resident_id(seq="904"), tier="机密"), custodian=keeper)


# --- lowering -------------------------------------------------------------------------------------


def test_lowering_with_the_directors_signature_and_a_custodian_brings_it_back(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager, keeper, director = people["manager"], people["keeper"], people["director"]
    cid = filed(branch, manager, name=RENAMED)
    modified(branch, people, cid, name=NAME)
    tier.raise_tier(branch.archive, manager, cid, "机密", custodian=keeper, reason=REASON)
    archive_no = row(branch, cid).archive_no
    seq = last_seq(branch.archive)

    with pytest.raises(Conflict, match="不能降低为“机密”"):
        tier.request_lower(branch.archive, manager, cid, "机密", reason="不再涉密")
    with pytest.raises(NotPermitted):
        tier.request_lower(branch.archive, people["manager2"], cid, "普通", reason="不再涉密")
    ref = tier.request_lower(branch.archive, manager, cid, "普通", reason="客户已退出经营,不再涉密")
    assert ref.serial.startswith("JM-")
    with pytest.raises(Conflict, match=ref.serial):
        tier.request_lower(branch.archive, manager, cid, "普通", reason="再次申请")
    assert ref.serial in tier.tier_actions(branch.archive, manager, cid).lower_blocked
    # its content is codes and the reason: the director reads it without a custodian
    assert [line.serial for line in requests.inbox(branch.archive, director)] == [ref.serial]
    detail = requests.open_request(branch.archive, director, ref.id)
    assert detail.line.kind_label == "降低密级申请"
    assert detail.note == "客户已退出经营,不再涉密"
    assert [(c.label, c.before, c.after) for c in detail.changes] == [("密级", "机密", "普通")]
    assert NAME not in request_row(branch, ref.id).payload

    # nobody signs their own request, and only a director signs this step
    with pytest.raises(SeparationOfDuties):
        sign(branch, ref.id, "manager", custodian=keeper)
    with pytest.raises(NotEligible):
        sign(branch, ref.id, "manager2", custodian=keeper)
    # without the custodian the approval is refused and nothing changes
    with pytest.raises(CustodianRequired):
        sign(branch, ref.id, "director")
    assert request_row(branch, ref.id).state == "submitted"
    assert row(branch, cid).tier == "secret"

    signed = sign(branch, ref.id, "director", custodian=keeper)
    assert signed.state == "applied"
    line = row(branch, cid)
    assert (line.tier, line.name, line.identity_no) == ("ordinary", NAME, ID_NUMBER)
    assert line.name_masked == "端**拙" and line.retrieval_remarks == ""
    assert customers.open_customer(branch.archive, manager, cid).data["name"] == NAME
    assert search(branch, manager, NAME) == [archive_no]
    assert search(branch, manager, ID_NUMBER) == [archive_no]
    # nothing of it is left in the vault; the history is back in main.db
    assert not [ref_ for ref_ in vault_refs(branch, keeper) if archive_no in ref_]
    history = requests.record_history(branch.archive, manager, cid)
    assert [(c.key, c.before, c.after) for c in history[0].changes] == [
        ("tier", "机密", "普通"),
        ("tier_reason", None, "客户已退出经营,不再涉密"),
    ]
    assert history[0].serial == ref.serial and history[0].signature_valid is True
    assert history[0].approved_by == "用户director"
    assert [(c.key, c.after) for c in history[2].changes] == [("name", NAME)]
    with branch.archive.unit_of_work() as uow:
        assert "" not in set(
            uow.session.scalars(
                sa.select(CustomerVersion.changes).where(CustomerVersion.customer_id == cid)
            )
        )
        assert approvals.verify_all(uow.session, branch.archive.archive_id) == []

    events = tier_events(branch, seq)
    assert events[-1] == (
        "director",
        "tier.lower",
        archive_no,
        {
            "archive_no": archive_no,
            "from_tier": "secret",
            "to_tier": "ordinary",
            "version": line.version,
            "serial": ref.serial,
            "custodian": "keeper",
        },
    )
    actions = [(r.action, details(r).get("procedure")) for r in audit_rows(branch.archive, seq)]
    assert ("request.submit", "tier_lower") in actions
    assert ("request.apply", "tier_lower") in actions


def test_the_requester_never_approves_and_a_rejection_keeps_the_mark(
    branch: Branch, people: dict[str, Actor]
) -> None:
    keeper = people["keeper"]
    boss = branch.add_user("boss", [Role.MANAGER, Role.DIRECTOR])
    cid = filed(branch, boss, tier="绝密", custodian=keeper)
    ref = tier.request_lower(branch.archive, boss, cid, "机密", reason="降为机密即可")
    with pytest.raises(SeparationOfDuties):
        sign(branch, ref.id, "boss", custodian=keeper)
    with pytest.raises(InvalidInput, match="理由"):
        sign(branch, ref.id, "director", "reject")
    sign(branch, ref.id, "director", "reject", "仍须按绝密管理")
    assert request_row(branch, ref.id).state == "rejected"
    assert row(branch, cid).tier == "top_secret"

    again = tier.request_lower(branch.archive, boss, cid, "机密", reason="客户授信已结清")
    sign(branch, again.id, "director", custodian=keeper)
    line = row(branch, cid)
    assert line.tier == "secret" and line.retrieval_remarks.startswith("机密")
    assert line.content is None and line.name is None
    opened = customers.open_customer(branch.archive, boss, cid, custodian=keeper)
    assert opened.tier_label == "机密" and opened.data["name"] == NAME


def test_a_tier_changed_meanwhile_is_not_lowered_from_the_old_one(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager, keeper = people["manager"], people["keeper"]
    cid = filed(branch, manager, tier="绝密", custodian=keeper)
    ref = tier.request_lower(branch.archive, manager, cid, "普通", reason="不再涉密")
    with branch.archive.unit_of_work() as uow:  # as if changed by another path meanwhile
        found = uow.session.get(Customer, cid)
        assert found is not None
        found.tier = "secret"
        uow.commit()
    with pytest.raises(Conflict, match="密级在申请后已有变动"):
        sign(branch, ref.id, "director", custodian=keeper)
    assert request_row(branch, ref.id).state == "submitted"


# --- the custodian's overview -------------------------------------------------------------------


def test_vault_overview_lists_records_openings_grants_and_problems(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager, keeper, staff = people["manager"], people["keeper"], people["staff"]
    first = filed(branch, manager, tier="机密", custodian=keeper)
    second = filed(branch, manager, "欧阳守密", resident_id(seq="902"))
    tier.raise_tier(branch.archive, manager, second, "绝密", custodian=keeper, reason=REASON)
    filed(branch, manager, "普通户", resident_id(seq="903"))  # not in the overview
    for _ in range(7):
        customers.open_customer(branch.archive, manager, first, custodian=keeper)
    grant = consultation.apply(
        branch.archive,
        staff,
        [first],
        purpose="授信评级",
        reason="核对资产情况",
        mode="view",
        days=5,
    )
    sign(branch, grant.id, "manager")
    sign(branch, grant.id, "director")
    customers.open_customer(branch.archive, staff, first, custodian=keeper)

    with pytest.raises(NotPermitted):
        tier.vault_overview(branch.archive, manager, custodian=keeper)
    with pytest.raises(CustodianRequired):
        tier.vault_overview(branch.archive, keeper, custodian=None)
    seq = last_seq(branch.archive)
    lines = tier.vault_overview(branch.archive, keeper, custodian=keeper)
    assert [(line.archive_no, line.tier_label, line.sound) for line in lines] == [
        (row(branch, first).archive_no, "机密", True),
        (row(branch, second).archive_no, "绝密", True),
    ]
    one, two = lines
    assert one.in_vault and one.size > 100 and one.manager_name == "用户manager"
    assert one.open_count == 8 and len(one.openings) == tier.OPENINGS_SHOWN
    assert (one.openings[0].login, one.openings[0].grant) == ("staff", grant.serial)
    assert one.openings[0].custodian == "keeper"
    assert [(g.serial, g.applicant_name, g.mode_label) for g in one.grants] == [
        (grant.serial, "用户staff", "阅览")
    ]
    assert two.open_count == 0 and two.grants == ()
    assert tier_events(branch, seq) == [
        ("keeper", "vault.overview", "", {"count": 2, "problems": 0, "custodian": "keeper"})
    ]

    # a record missing from the vault, and a vault record that belongs to nothing
    with Session(branch.archive.vault_engine(keeper.keys)) as session:
        session.execute(sa.delete(VaultRecord).where(VaultRecord.record_ref == two.archive_no))
        session.add(VaultRecord(record_ref="LY-ORPHAN-1", tier="secret", content=b"{}"))
        session.commit()
    branch.archive.close_vault()
    lines = tier.vault_overview(branch.archive, keeper, custodian=keeper)
    by_no = {line.archive_no: line for line in lines}
    assert by_no[one.archive_no].sound
    missing = by_no[two.archive_no]
    assert not missing.in_vault and "保密库中没有此档案的内容" in missing.problems[0]
    orphan = by_no["LY-ORPHAN-1"]
    assert orphan.orphan and "孤立记录" in orphan.problems[0]
    assert details(audit_rows(branch.archive, last_seq(branch.archive) - 1)[-1])["problems"] == 2


def test_a_failed_main_commit_while_lowering_loses_no_content(
    branch: Branch, people: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lowering empties the vault row: main.db must hold the content before the vault lets go."""
    manager, keeper = people["manager"], people["keeper"]
    cid = filed(branch, manager)
    tier.raise_tier(branch.archive, manager, cid, "机密", custodian=keeper, reason=REASON)
    ref = tier.request_lower(branch.archive, manager, cid, "普通", reason="客户已退出经营,不再涉密")

    real_commit = UnitOfWork.commit

    def failing_main_commit(self: UnitOfWork) -> None:
        # the disk fills up just as main.db commits the lowered record
        if self._db_name == "main.db" and self.session.get(Customer, cid).tier == "ordinary":
            raise StorageFull()
        real_commit(self)

    monkeypatch.setattr(UnitOfWork, "commit", failing_main_commit)
    with pytest.raises(StorageFull):
        sign(branch, ref.id, "director", custodian=keeper)
    monkeypatch.undo()

    assert row(branch, cid).tier == "secret"  # nothing changed in main.db ...
    opened = customers.open_customer(branch.archive, manager, cid, custodian=keeper)
    assert opened.data["name"] == NAME  # ... and the vault still holds the content
    assert sign(branch, ref.id, "director", custodian=keeper).state == "applied"
    assert customers.open_customer(branch.archive, manager, cid).data["name"] == NAME
