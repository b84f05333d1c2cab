"""Replacing the archive's keys (after a revocation, or on suspicion)."""

from __future__ import annotations

from dataclasses import replace

from app.security.permissions import Action
from app.storage.archive import Archive
from app.workflows.auth import Actor, authorize


def rekey(archive: Archive, actor: Actor) -> tuple[Actor, bool]:
    """New main key for everyone; a custodian also replaces the vault key.

    The event is written with the old key before the files change and again
    confirmed after, so the chain shows both the attempt and the result.
    Returns the actor holding the new keys, and whether the vault key was replaced.
    """
    authorize(archive, actor, Action.ARCHIVE_REKEY)
    with archive.unit_of_work() as uow:
        uow.audit(
            actor.login,
            "archive.rekey",
            target_type="archive",
            target_id=archive.archive_id,
            details={"stage": "start", "slots": len(archive.header.slots)},
        )
        uow.commit()
    keys = archive.rekey(actor.keys)
    vault = keys.vault_key != actor.keys.vault_key
    with archive.unit_of_work() as uow:
        uow.audit(
            actor.login,
            "archive.rekey",
            target_type="archive",
            target_id=archive.archive_id,
            details={"stage": "done", "vault": vault},
        )
        uow.commit()
    return replace(actor, keys=keys), vault
