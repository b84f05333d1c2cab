"""Key slots: private keys under the password, archive keys sealed to the slot."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.errors import ArchiveDamaged
from app.security import keyslots
from app.security.kdf import TEST_KDF, KdfParams, derive_key, new_salt
from app.security.keyslots import KeySlot, SlotPasswordMismatch

ARCHIVE_ID = "7b1c6a0e-0000-4000-8000-000000000001"
PASSWORD = "Mima2026abc"


@pytest.fixture(scope="module")
def keys() -> tuple[bytes, bytes]:
    return keyslots.new_archive_key(), keyslots.new_archive_key()


@pytest.fixture(scope="module")
def slot(keys: tuple[bytes, bytes]) -> KeySlot:
    return keyslots.create_slot(ARCHIVE_ID, "zhangsan", PASSWORD, TEST_KDF, keys[0])


@pytest.fixture(scope="module")
def vault_slot(keys: tuple[bytes, bytes]) -> KeySlot:
    return keyslots.create_slot(ARCHIVE_ID, "keeper", PASSWORD, TEST_KDF, keys[0], keys[1])


def _flip(data: bytes, index: int) -> bytes:
    out = bytearray(data)
    out[index] ^= 0x01
    return bytes(out)


# --- KDF ----------------------------------------------------------------------------


def test_kdf_is_deterministic_per_salt_and_params() -> None:
    salt = new_salt()
    assert len(salt) == 16
    a = derive_key("pw-1234567", salt, TEST_KDF)
    assert len(a) == 32
    assert a == derive_key("pw-1234567", salt, TEST_KDF)
    assert a != derive_key("pw-1234568", salt, TEST_KDF)
    assert a != derive_key("pw-1234567", new_salt(), TEST_KDF)
    assert a != derive_key("pw-1234567", salt, replace(TEST_KDF, iterations=2))


@pytest.mark.parametrize(
    "data",
    [
        {"memory_kib": 64, "iterations": 0, "lanes": 1},
        {"memory_kib": 64, "iterations": 1, "lanes": 0},
        {"memory_kib": 8, "iterations": 1, "lanes": 2},
        {"memory_kib": "x", "iterations": 1, "lanes": 1},
    ],
)
def test_kdf_params_reject_nonsense(data: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        KdfParams.from_json(data)


def test_kdf_params_round_trip() -> None:
    assert KdfParams.from_json(TEST_KDF.to_json()) == TEST_KDF


# --- opening a slot -------------------------------------------------------------------


def test_open_with_the_right_password(slot: KeySlot, keys: tuple[bytes, bytes]) -> None:
    unlocked = keyslots.open_slot(ARCHIVE_ID, slot, PASSWORD)
    assert unlocked.login == "zhangsan"
    assert unlocked.main_key == keys[0]
    assert unlocked.vault_key is None
    assert unlocked.main_key_next is None
    assert unlocked.ed25519_public == slot.ed25519_public
    assert not slot.holds_vault


def test_custodian_slot_holds_the_vault_key(vault_slot: KeySlot, keys: tuple[bytes, bytes]) -> None:
    unlocked = keyslots.open_slot(ARCHIVE_ID, vault_slot, PASSWORD)
    assert vault_slot.holds_vault
    assert unlocked.main_key == keys[0]
    assert unlocked.vault_key == keys[1]


@pytest.mark.parametrize("wrong", ["Mima2026abd", "mima2026abc", "", PASSWORD + " "])
def test_wrong_password_is_a_mismatch(slot: KeySlot, wrong: str) -> None:
    with pytest.raises(SlotPasswordMismatch):
        keyslots.open_slot(ARCHIVE_ID, slot, wrong)


def test_slot_is_bound_to_its_archive_and_login(slot: KeySlot) -> None:
    with pytest.raises(SlotPasswordMismatch):
        keyslots.open_slot("another-archive", slot, PASSWORD)
    with pytest.raises(SlotPasswordMismatch):
        keyslots.open_slot(ARCHIVE_ID, replace(slot, login="lisi"), PASSWORD)


def test_keys_are_never_in_the_repr(slot: KeySlot, keys: tuple[bytes, bytes]) -> None:
    unlocked = keyslots.open_slot(ARCHIVE_ID, slot, PASSWORD)
    text = repr(unlocked)
    assert keys[0].hex() not in text
    assert "main_key" not in text


@pytest.mark.parametrize("index", [0, 31, 32, 43, 44, 60, -1])
def test_damaged_sealed_key_is_damage_not_a_wrong_password(slot: KeySlot, index: int) -> None:
    damaged = replace(slot, sealed_main=_flip(slot.sealed_main, index))
    with pytest.raises(ArchiveDamaged) as info:
        keyslots.open_slot(ARCHIVE_ID, damaged, PASSWORD)
    assert "密钥槽" in str(info.value)


def test_truncated_sealed_key_is_damage(slot: KeySlot) -> None:
    with pytest.raises(ArchiveDamaged, match="长度"):
        keyslots.open_slot(ARCHIVE_ID, replace(slot, sealed_main=slot.sealed_main[:40]), PASSWORD)


def test_swapped_public_key_is_damage(slot: KeySlot, vault_slot: KeySlot) -> None:
    damaged = replace(slot, x25519_public=vault_slot.x25519_public)
    with pytest.raises(ArchiveDamaged, match="公钥"):
        keyslots.open_slot(ARCHIVE_ID, damaged, PASSWORD)


def test_a_sealed_key_cannot_be_moved_to_another_slot(slot: KeySlot, vault_slot: KeySlot) -> None:
    # the keeper's sealed vault key pasted into zhangsan's slot opens nothing
    moved = replace(slot, sealed_vault=vault_slot.sealed_vault)
    with pytest.raises(ArchiveDamaged):
        keyslots.open_slot(ARCHIVE_ID, moved, PASSWORD)


def test_sealed_key_context_matters(keys: tuple[bytes, bytes]) -> None:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    private = X25519PrivateKey.generate()
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    blob = keyslots.seal(keys[0], public, b"a|b|main")
    assert keyslots.unseal(blob, private, b"a|b|main") == keys[0]
    with pytest.raises(ArchiveDamaged):
        keyslots.unseal(blob, private, b"a|b|vault")
    with pytest.raises(ArchiveDamaged):
        keyslots.unseal(blob, X25519PrivateKey.generate(), b"a|b|main")
    assert keyslots.seal(keys[0], public, b"x") != keyslots.seal(keys[0], public, b"x")


# --- serialisation -----------------------------------------------------------------------


def test_json_round_trip(vault_slot: KeySlot) -> None:
    data = vault_slot.to_json()
    assert "sealed_main_next" not in data
    assert KeySlot.from_json(data) == vault_slot
    again = KeySlot.from_json(data)
    assert keyslots.open_slot(ARCHIVE_ID, again, PASSWORD).vault_key is not None


def test_json_holds_no_secret_in_the_clear(vault_slot: KeySlot, keys: tuple[bytes, bytes]) -> None:
    text = str(vault_slot.to_json())
    for secret in keys:
        assert secret.hex() not in text
        assert keyslots.b64e(secret) not in text
    assert PASSWORD not in text


@pytest.mark.parametrize(
    "change",
    [
        {"login": ""},
        {"login": 5},
        {"salt": "not base64!"},
        {"salt": 12},
        {"kdf": "fast"},
    ],
)
def test_from_json_rejects_bad_fields(slot: KeySlot, change: dict[str, object]) -> None:
    data = {**slot.to_json(), **change}
    with pytest.raises(ValueError):
        KeySlot.from_json(data)


def test_from_json_missing_field(slot: KeySlot) -> None:
    data = slot.to_json()
    del data["wrapped_private"]
    with pytest.raises(KeyError):
        KeySlot.from_json(data)


# --- changes to a slot -------------------------------------------------------------------


def test_rewrap_changes_password_but_not_keys(slot: KeySlot, keys: tuple[bytes, bytes]) -> None:
    unlocked = keyslots.open_slot(ARCHIVE_ID, slot, PASSWORD)
    new = keyslots.rewrap(ARCHIVE_ID, slot, unlocked, "Xinmima2026q", TEST_KDF)
    assert new.salt != slot.salt
    assert new.x25519_public == slot.x25519_public
    assert new.ed25519_public == slot.ed25519_public
    assert new.sealed_main == slot.sealed_main
    reopened = keyslots.open_slot(ARCHIVE_ID, new, "Xinmima2026q")
    assert reopened.main_key == keys[0]
    assert reopened.ed25519_public == unlocked.ed25519_public
    with pytest.raises(SlotPasswordMismatch):
        keyslots.open_slot(ARCHIVE_ID, new, PASSWORD)


def test_signatures_verify_with_the_public_key(slot: KeySlot) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    unlocked = keyslots.open_slot(ARCHIVE_ID, slot, PASSWORD)
    signature = unlocked.sign(b"decision")
    Ed25519PublicKey.from_public_bytes(slot.ed25519_public).verify(signature, b"decision")


def test_with_vault_grants_and_withdraws(slot: KeySlot, keys: tuple[bytes, bytes]) -> None:
    granted = keyslots.with_vault(ARCHIVE_ID, slot, keys[1])
    assert granted.holds_vault
    assert keyslots.open_slot(ARCHIVE_ID, granted, PASSWORD).vault_key == keys[1]
    withdrawn = keyslots.with_vault(ARCHIVE_ID, granted, None)
    assert not withdrawn.holds_vault
    assert keyslots.open_slot(ARCHIVE_ID, withdrawn, PASSWORD).vault_key is None


def test_next_keys_are_staged_then_promoted(
    slot: KeySlot, vault_slot: KeySlot, keys: tuple[bytes, bytes]
) -> None:
    main_next, vault_next = keyslots.new_archive_key(), keyslots.new_archive_key()

    staged = keyslots.with_next_keys(ARCHIVE_ID, vault_slot, main_next, vault_next)
    opened = keyslots.open_slot(ARCHIVE_ID, staged, PASSWORD)
    assert (opened.main_key, opened.vault_key) == keys
    assert (opened.main_key_next, opened.vault_key_next) == (main_next, vault_next)
    promoted = keyslots.open_slot(ARCHIVE_ID, keyslots.promote_next(staged), PASSWORD)
    assert (promoted.main_key, promoted.vault_key) == (main_next, vault_next)
    assert promoted.main_key_next is None and promoted.vault_key_next is None

    # a slot without the vault never receives the next vault key
    plain = keyslots.with_next_keys(ARCHIVE_ID, slot, main_next, vault_next)
    assert plain.sealed_vault_next is None
    assert keyslots.open_slot(ARCHIVE_ID, keyslots.promote_next(plain), PASSWORD).vault_key is None

    # an admin's rekey changes the main key only: the custodian keeps the vault key
    main_only = keyslots.promote_next(
        keyslots.with_next_keys(ARCHIVE_ID, vault_slot, main_next, None)
    )
    opened = keyslots.open_slot(ARCHIVE_ID, main_only, PASSWORD)
    assert (opened.main_key, opened.vault_key) == (main_next, keys[1])

    dropped = keyslots.drop_next(staged)
    assert dropped.sealed_main_next is None and dropped.sealed_vault_next is None
    assert keyslots.open_slot(ARCHIVE_ID, dropped, PASSWORD).main_key == keys[0]
    assert keyslots.promote_next(slot) is slot


def test_derive_subkey_separates_purposes(keys: tuple[bytes, bytes]) -> None:
    a = keyslots.derive_subkey(keys[0], "header-mac")
    assert a == keyslots.derive_subkey(keys[0], "header-mac")
    assert a != keyslots.derive_subkey(keys[0], "other")
    assert a != keyslots.derive_subkey(keys[1], "header-mac")
    assert a != keys[0]
