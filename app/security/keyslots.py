"""Key slots: one per user, holding that user's keys under their own password.

A slot keeps an X25519 key pair (to receive archive keys) and an Ed25519 key
pair (to sign decisions). Both private keys are encrypted with AES-256-GCM
under an Argon2id key from the password. The archive's main key, and for
custodians the vault key, are *sealed* to the slot's X25519 public key. So
whoever holds a key can hand it to another slot without knowing that user's
password (new accounts, a custodian adding a custodian, rekey), and only a
user's own password opens their own slot.

During a rekey a slot briefly carries the *next* keys beside the current
ones, so a crash between replacing the database and rewriting the header
never leaves an archive nobody can open.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass, field, replace

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.errors import ArchiveDamaged
from app.security.kdf import KdfParams, derive_key, new_salt

NONCE_BYTES = 12
ARCHIVE_KEY_BYTES = 32
_RAW = serialization.Encoding.Raw
_RAW_PRIV = serialization.PrivateFormat.Raw
_RAW_PUB = serialization.PublicFormat.Raw
_NO_ENC = serialization.NoEncryption()


class SlotPasswordMismatch(Exception):
    """The password does not open this slot (the caller decides what to tell whom)."""


def b64e(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64d(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("expected base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


def new_archive_key() -> bytes:
    return os.urandom(ARCHIVE_KEY_BYTES)


def _hkdf(secret: bytes, info: bytes, salt: bytes | None = None) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(secret)


def derive_subkey(main_key: bytes, purpose: str) -> bytes:
    """A key for one purpose (header MAC, ...) derived from the main key."""
    return _hkdf(main_key, b"custarchive/" + purpose.encode("ascii"))


def seal(key: bytes, recipient_public: bytes, context: bytes) -> bytes:
    """Encrypt ``key`` so that only the holder of the X25519 private key can read it."""
    ephemeral = X25519PrivateKey.generate()
    eph_pub = ephemeral.public_key().public_bytes(_RAW, _RAW_PUB)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    wrap = _hkdf(shared, b"custarchive/seal/" + context, salt=eph_pub + recipient_public)
    nonce = os.urandom(NONCE_BYTES)
    return eph_pub + nonce + AESGCM(wrap).encrypt(nonce, key, context)


def unseal(blob: bytes, private: X25519PrivateKey, context: bytes) -> bytes:
    if len(blob) < 32 + NONCE_BYTES + 16:
        raise ArchiveDamaged("密钥槽数据长度不正确")
    eph_pub, nonce, ciphertext = blob[:32], blob[32 : 32 + NONCE_BYTES], blob[32 + NONCE_BYTES :]
    own_pub = private.public_key().public_bytes(_RAW, _RAW_PUB)
    shared = private.exchange(X25519PublicKey.from_public_bytes(eph_pub))
    wrap = _hkdf(shared, b"custarchive/seal/" + context, salt=eph_pub + own_pub)
    try:
        return AESGCM(wrap).decrypt(nonce, ciphertext, context)
    except InvalidTag:
        raise ArchiveDamaged("密钥槽中的档案密钥无法解开") from None


@dataclass(frozen=True)
class KeySlot:
    """The stored, encrypted form of one user's keys (as kept in archive.json)."""

    login: str
    kdf: KdfParams
    salt: bytes
    x25519_public: bytes
    ed25519_public: bytes
    wrapped_private: bytes
    sealed_main: bytes
    sealed_vault: bytes | None = None
    sealed_main_next: bytes | None = None
    sealed_vault_next: bytes | None = None

    @property
    def holds_vault(self) -> bool:
        return self.sealed_vault is not None

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "login": self.login,
            "kdf": self.kdf.to_json(),
            "salt": b64e(self.salt),
            "x25519_public": b64e(self.x25519_public),
            "ed25519_public": b64e(self.ed25519_public),
            "wrapped_private": b64e(self.wrapped_private),
            "sealed_main": b64e(self.sealed_main),
        }
        for name in ("sealed_vault", "sealed_main_next", "sealed_vault_next"):
            value = getattr(self, name)
            if value is not None:
                data[name] = b64e(value)
        return data

    @classmethod
    def from_json(cls, data: dict[str, object]) -> KeySlot:
        def optional(name: str) -> bytes | None:
            return b64d(data[name]) if name in data else None

        login = data["login"]
        if not isinstance(login, str) or not login:
            raise ValueError("slot login")
        kdf = data["kdf"]
        if not isinstance(kdf, dict):
            raise ValueError("slot kdf")
        return cls(
            login=login,
            kdf=KdfParams.from_json(kdf),
            salt=b64d(data["salt"]),
            x25519_public=b64d(data["x25519_public"]),
            ed25519_public=b64d(data["ed25519_public"]),
            wrapped_private=b64d(data["wrapped_private"]),
            sealed_main=b64d(data["sealed_main"]),
            sealed_vault=optional("sealed_vault"),
            sealed_main_next=optional("sealed_main_next"),
            sealed_vault_next=optional("sealed_vault_next"),
        )


@dataclass(frozen=True)
class UnlockedSlot:
    """A slot opened with its password: private keys and the archive keys it holds."""

    login: str
    x25519_private: X25519PrivateKey = field(repr=False)
    ed25519_private: Ed25519PrivateKey = field(repr=False)
    main_key: bytes = field(repr=False)
    vault_key: bytes | None = field(default=None, repr=False)
    main_key_next: bytes | None = field(default=None, repr=False)
    vault_key_next: bytes | None = field(default=None, repr=False)

    @property
    def ed25519_public(self) -> bytes:
        return self.ed25519_private.public_key().public_bytes(_RAW, _RAW_PUB)

    def sign(self, message: bytes) -> bytes:
        return self.ed25519_private.sign(message)


def _private_aad(archive_id: str, login: str) -> bytes:
    return f"custarchive/slot/v1|{archive_id}|{login}".encode()


def seal_context(archive_id: str, login: str, purpose: str) -> bytes:
    return f"{archive_id}|{login}|{purpose}".encode()


def _wrap_private(
    archive_id: str,
    login: str,
    password: str,
    params: KdfParams,
    x_priv: X25519PrivateKey,
    e_priv: Ed25519PrivateKey,
) -> tuple[bytes, bytes]:
    salt = new_salt()
    kek = derive_key(password, salt, params)
    nonce = os.urandom(NONCE_BYTES)
    plain = x_priv.private_bytes(_RAW, _RAW_PRIV, _NO_ENC) + e_priv.private_bytes(
        _RAW, _RAW_PRIV, _NO_ENC
    )
    return salt, nonce + AESGCM(kek).encrypt(nonce, plain, _private_aad(archive_id, login))


def create_slot(
    archive_id: str,
    login: str,
    password: str,
    params: KdfParams,
    main_key: bytes,
    vault_key: bytes | None = None,
) -> KeySlot:
    """A new slot with fresh key pairs; ``main_key`` (and ``vault_key``) sealed to it."""
    x_priv = X25519PrivateKey.generate()
    e_priv = Ed25519PrivateKey.generate()
    salt, wrapped = _wrap_private(archive_id, login, password, params, x_priv, e_priv)
    x_pub = x_priv.public_key().public_bytes(_RAW, _RAW_PUB)
    return KeySlot(
        login=login,
        kdf=params,
        salt=salt,
        x25519_public=x_pub,
        ed25519_public=e_priv.public_key().public_bytes(_RAW, _RAW_PUB),
        wrapped_private=wrapped,
        sealed_main=seal(main_key, x_pub, seal_context(archive_id, login, "main")),
        sealed_vault=(
            seal(vault_key, x_pub, seal_context(archive_id, login, "vault"))
            if vault_key is not None
            else None
        ),
    )


def open_slot(archive_id: str, slot: KeySlot, password: str) -> UnlockedSlot:
    """Open a slot with its password; raises :class:`SlotPasswordMismatch` if wrong."""
    kek = derive_key(password, slot.salt, slot.kdf)
    blob = slot.wrapped_private
    try:
        plain = AESGCM(kek).decrypt(
            blob[:NONCE_BYTES], blob[NONCE_BYTES:], _private_aad(archive_id, slot.login)
        )
    except InvalidTag:
        raise SlotPasswordMismatch() from None
    if len(plain) != 64:
        raise ArchiveDamaged("密钥槽私钥长度不正确")
    x_priv = X25519PrivateKey.from_private_bytes(plain[:32])
    e_priv = Ed25519PrivateKey.from_private_bytes(plain[32:])
    if x_priv.public_key().public_bytes(_RAW, _RAW_PUB) != slot.x25519_public:
        raise ArchiveDamaged("密钥槽公钥与私钥不符")

    def unseal_opt(blob: bytes | None, purpose: str) -> bytes | None:
        if blob is None:
            return None
        return unseal(blob, x_priv, seal_context(archive_id, slot.login, purpose))

    return UnlockedSlot(
        login=slot.login,
        x25519_private=x_priv,
        ed25519_private=e_priv,
        main_key=unseal(slot.sealed_main, x_priv, seal_context(archive_id, slot.login, "main")),
        vault_key=unseal_opt(slot.sealed_vault, "vault"),
        main_key_next=unseal_opt(slot.sealed_main_next, "main"),
        vault_key_next=unseal_opt(slot.sealed_vault_next, "vault"),
    )


def rewrap(
    archive_id: str, slot: KeySlot, unlocked: UnlockedSlot, new_password: str, params: KdfParams
) -> KeySlot:
    """The same keys under a new password (changing one's own password)."""
    salt, wrapped = _wrap_private(
        archive_id,
        slot.login,
        new_password,
        params,
        unlocked.x25519_private,
        unlocked.ed25519_private,
    )
    return replace(slot, kdf=params, salt=salt, wrapped_private=wrapped)


def with_vault(archive_id: str, slot: KeySlot, vault_key: bytes | None) -> KeySlot:
    """Grant (or with ``None`` withdraw) the vault key for this slot."""
    sealed = (
        seal(vault_key, slot.x25519_public, seal_context(archive_id, slot.login, "vault"))
        if vault_key is not None
        else None
    )
    return replace(slot, sealed_vault=sealed, sealed_vault_next=None)


def with_next_keys(
    archive_id: str, slot: KeySlot, main_next: bytes, vault_next: bytes | None
) -> KeySlot:
    """Stage the keys a rekey is about to switch to."""
    return replace(
        slot,
        sealed_main_next=seal(
            main_next, slot.x25519_public, seal_context(archive_id, slot.login, "main")
        ),
        sealed_vault_next=(
            seal(vault_next, slot.x25519_public, seal_context(archive_id, slot.login, "vault"))
            if vault_next is not None and slot.holds_vault
            else None
        ),
    )


def promote_next(slot: KeySlot) -> KeySlot:
    """After a rekey completed: the staged keys become the current ones."""
    if slot.sealed_main_next is None:
        return slot
    return replace(
        slot,
        sealed_main=slot.sealed_main_next,
        sealed_vault=slot.sealed_vault_next if slot.sealed_vault_next else slot.sealed_vault,
        sealed_main_next=None,
        sealed_vault_next=None,
    )


def drop_next(slot: KeySlot) -> KeySlot:
    return replace(slot, sealed_main_next=None, sealed_vault_next=None)
