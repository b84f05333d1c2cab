"""Every procedure's transitions, allowed and forbidden, and who may decide which step."""

from __future__ import annotations

import itertools
from types import SimpleNamespace
from typing import Any

import pytest

from app.errors import Conflict
from app.models import ApprovalDecision, Request, RequestCustomer
from app.security.permissions import MATRIX
from app.security.roles import Role
from app.workflows import approvals, modification
from app.workflows import update_submission as updates
from app.workflows.approvals import Event, State

#: what each procedure must allow, written out here independently of the modules
EXPECTED: dict[str, set[tuple[State, Event, State]]] = {
    "modification": {
        (State.DRAFT, Event.SUBMIT, State.SUBMITTED),
        (State.DRAFT, Event.WITHDRAW, State.WITHDRAWN),
        (State.SUBMITTED, Event.REFRESH, State.SUBMITTED),
        (State.SUBMITTED, Event.APPROVE_FINAL, State.APPROVED),
        (State.SUBMITTED, Event.REJECT, State.REJECTED),
        (State.SUBMITTED, Event.WITHDRAW, State.WITHDRAWN),
        (State.APPROVED, Event.APPLY, State.APPLIED),
    },
    "update": {
        (State.DRAFT, Event.SUBMIT, State.SUBMITTED),
        (State.DRAFT, Event.WITHDRAW, State.WITHDRAWN),
        (State.SUBMITTED, Event.APPROVE_FINAL, State.APPROVED),
        (State.SUBMITTED, Event.REJECT, State.REJECTED),
        (State.SUBMITTED, Event.WITHDRAW, State.WITHDRAWN),
        (State.APPROVED, Event.APPLY, State.APPLIED),
    },
    "copy": {
        (State.DRAFT, Event.SUBMIT, State.SUBMITTED),
        (State.DRAFT, Event.WITHDRAW, State.WITHDRAWN),
        (State.SUBMITTED, Event.APPROVE_FINAL, State.APPROVED),
        (State.SUBMITTED, Event.REJECT, State.REJECTED),
        (State.SUBMITTED, Event.WITHDRAW, State.WITHDRAWN),
        (State.APPROVED, Event.EXPIRE, State.EXPIRED),
    },
}


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_every_transition_allowed_and_every_other_forbidden(kind: str) -> None:
    proc = approvals.procedure(kind)
    allowed = {(s, e): t for s, e, t in EXPECTED[kind]}
    for state, event in itertools.product(State, Event):
        if (state, event) in allowed:
            assert proc.target(state, event) is allowed[(state, event)]
        else:
            with pytest.raises(Conflict):
                proc.target(state, event)


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_final_states_lead_nowhere(kind: str) -> None:
    proc = approvals.procedure(kind)
    for state in approvals.FINAL_STATES:
        assert not [e for (s, e) in proc.transitions if s is state]


def test_procedures_are_registered_once_with_distinct_prefixes() -> None:
    procs = approvals.procedures()
    assert {p.kind for p in procs} >= {"modification", "update"}
    assert len({p.prefix for p in procs}) == len(procs)
    assert modification.PROCEDURE is approvals.procedure("modification")
    assert updates.PROCEDURE is approvals.procedure("update")


def test_every_step_names_an_action_some_role_holds() -> None:
    for proc in approvals.procedures():
        for step in proc.steps:
            assert MATRIX[step.action], (proc.kind, step.key)


def _request(kind: str, requester: int, owners: dict[int, int], step: int = 0) -> Request:
    request = Request(
        id=1,
        serial="T-1",
        kind=kind,
        state=State.SUBMITTED.value,
        step=step,
        requester_id=requester,
        content_hash="0" * 64,
    )
    request.customers = [RequestCustomer(customer_id=c, manager_id=m) for c, m in owners.items()]
    request.decisions = []
    return request


def _decided(request: Request, signer: int, step: int, decision: str = "approve") -> None:
    request.decisions.append(
        ApprovalDecision(signer_id=signer, step=step, step_key="x", decision=decision)
    )


ROLES: dict[int, set[Role]] = {
    1: {Role.MANAGER},
    2: {Role.MANAGER},
    3: {Role.DIRECTOR},
    4: {Role.STAFF},
    5: {Role.MANAGER, Role.DIRECTOR},
}


def _who(proc: approvals.Procedure, request: Request) -> set[int]:
    return {u for u, roles in ROLES.items() if approvals.may_decide(proc, request, u, roles)}


def test_the_director_decides_a_modification_never_the_requester() -> None:
    proc = approvals.procedure("modification")
    assert _who(proc, _request("modification", requester=1, owners={10: 1})) == {3, 5}
    assert _who(proc, _request("modification", requester=5, owners={10: 5})) == {3}


def test_only_the_owning_manager_decides_an_update_submission() -> None:
    proc = approvals.procedure("update")
    assert _who(proc, _request("update", requester=4, owners={10: 2})) == {2}
    assert _who(proc, _request("update", requester=2, owners={10: 2})) == set()


def test_a_copy_request_is_decided_by_the_director_or_the_manager_owning_every_customer() -> None:
    proc = approvals.procedure("copy")
    # staff asks about manager 1's customer: manager 1, the director, the manager-director
    assert _who(proc, _request("copy", requester=4, owners={10: 1})) == {1, 3, 5}
    # the owner asks: never themselves, so the directors
    assert _who(proc, _request("copy", requester=1, owners={10: 1})) == {3, 5}
    # customers of two managers: neither manager alone; a director may
    assert _who(proc, _request("copy", requester=4, owners={10: 1, 11: 2})) == {3, 5}
    refusal = approvals.refusal(
        proc, _request("copy", requester=4, owners={10: 1, 11: 2}), 1, ROLES[1]
    )
    assert "主任" in (refusal or "")


def test_an_owners_step_waits_for_every_manager_and_later_steps_need_new_people() -> None:
    proc = approvals.Procedure(
        kind="test-two-steps",
        label="测试",
        prefix="TT",
        steps=(
            approvals.Step("review", "审核", updates.STEPS[0].action, owners=True),
            approvals.Step("sign", "签批", modification.STEPS[0].action),
        ),
        transitions={},
    )
    request = _request("test-two-steps", requester=4, owners={10: 1, 11: 5})
    assert _who(proc, request) == {1, 5}
    _decided(request, 1, 0)
    assert _who(proc, request) == {5}
    _decided(request, 5, 0)
    request.step = 1
    # 5 reviewed as a manager: the director's signature must come from someone else
    assert _who(proc, request) == {3}
    assert "不同人员" in (approvals.refusal(proc, request, 5, ROLES[5]) or "")


def test_nothing_to_decide_outside_submitted() -> None:
    proc = approvals.procedure("modification")
    for state in set(State) - {State.SUBMITTED}:
        request = _request("modification", requester=1, owners={10: 1})
        request.state = state.value
        assert _who(proc, request) == set()


def test_canonical_content_is_stable_and_hash_sensitive() -> None:
    from decimal import Decimal

    a: dict[str, Any] = {"b": Decimal("1.50"), "a": ["张三", {"y": 1, "x": 2}]}
    b: dict[str, Any] = {"a": ["张三", {"x": 2, "y": 1}], "b": Decimal("1.50")}
    assert approvals.canonical_json(a) == approvals.canonical_json(b)
    assert approvals.content_hash(approvals.canonical_json(a)) != approvals.content_hash(
        approvals.canonical_json({**a, "b": Decimal("1.51")})
    )


def test_fingerprint_is_short_and_grouped() -> None:
    fp = approvals.fingerprint(bytes(32))
    assert len(fp) == 19 and fp.count("-") == 3 and fp == fp.upper()


def test_a_signature_covers_every_part_of_the_decision() -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from app.models.base import utcnow

    key = Ed25519PrivateKey.generate()
    request = _request("modification", requester=1, owners={10: 1})
    decision = ApprovalDecision(
        step=0,
        step_key="director",
        decision="approve",
        reason="同意",
        signed_at=utcnow(),
        content_hash=request.content_hash,
    )
    message = approvals.decision_message("archive-1", request, decision, "director")
    signature = key.sign(message)
    public = key.public_key()
    public.verify(signature, message)
    variants: list[SimpleNamespace | ApprovalDecision] = []
    for field, value in (("decision", "reject"), ("reason", "不同意"), ("step", 1)):
        changed = ApprovalDecision(**{**_fields(decision), field: value})
        variants.append(changed)
    from cryptography.exceptions import InvalidSignature

    for changed in variants:
        with pytest.raises(InvalidSignature):
            public.verify(
                signature,
                approvals.decision_message("archive-1", request, changed, "director"),  # type: ignore[arg-type]
            )
    with pytest.raises(InvalidSignature):
        public.verify(
            signature, approvals.decision_message("archive-2", request, decision, "director")
        )
    with pytest.raises(InvalidSignature):
        public.verify(signature, approvals.decision_message("archive-1", request, decision, "boss"))


def _fields(decision: ApprovalDecision) -> dict[str, Any]:
    return {
        "step": decision.step,
        "step_key": decision.step_key,
        "decision": decision.decision,
        "reason": decision.reason,
        "signed_at": decision.signed_at,
        "content_hash": decision.content_hash,
    }
