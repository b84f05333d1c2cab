"""archive.json: the plaintext header of an archive folder.

It holds what must be readable before any key is known (format version,
archive id, branch, the key slots) and a MAC under a key derived from the main
key, so that any change to it is noticed at the next open by whoever unlocks.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from app.errors import ArchiveDamaged, ArchiveNotFound, ArchiveTooNew
from app.security.kdf import KdfParams
from app.security.keyslots import KeySlot, derive_subkey
from app.storage.atomic import write_atomic

FORMAT_NAME = "custarchive"
FORMAT_VERSION = 1
HEADER_FILE = "archive.json"


@dataclass(frozen=True)
class ArchiveHeader:
    archive_id: str
    branch_name: str
    branch_code: str
    created_at: str
    kdf: KdfParams
    slots: tuple[KeySlot, ...] = field(default=())
    format_version: int = FORMAT_VERSION

    @classmethod
    def new(cls, branch_name: str, branch_code: str, kdf: KdfParams) -> ArchiveHeader:
        return cls(
            archive_id=str(uuid.uuid4()),
            branch_name=branch_name,
            branch_code=branch_code,
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            kdf=kdf,
        )

    # --- slots -------------------------------------------------------------------

    @property
    def logins(self) -> list[str]:
        return [slot.login for slot in self.slots]

    def slot(self, login: str) -> KeySlot | None:
        return next((s for s in self.slots if s.login == login), None)

    def with_slot(self, slot: KeySlot) -> ArchiveHeader:
        others = tuple(s for s in self.slots if s.login != slot.login)
        return replace(self, slots=(*others, slot))

    def without_slot(self, login: str) -> ArchiveHeader:
        return replace(self, slots=tuple(s for s in self.slots if s.login != login))

    # --- serialisation ------------------------------------------------------------

    def body(self) -> dict[str, object]:
        return {
            "format": FORMAT_NAME,
            "format_version": self.format_version,
            "archive_id": self.archive_id,
            "branch_name": self.branch_name,
            "branch_code": self.branch_code,
            "created_at": self.created_at,
            "kdf": self.kdf.to_json(),
            "slots": [s.to_json() for s in self.slots],
        }

    def mac(self, main_key: bytes) -> str:
        canonical = json.dumps(
            self.body(), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        ).encode("utf-8")
        return hmac.new(
            derive_subkey(main_key, "header-mac"), canonical, hashlib.sha256
        ).hexdigest()

    def verify_mac(self, stored_mac: str, main_key: bytes) -> None:
        if not hmac.compare_digest(self.mac(main_key), stored_mac):
            raise ArchiveDamaged("档案头文件 archive.json 的校验码不符")

    def to_bytes(self, main_key: bytes) -> bytes:
        data = self.body()
        data["mac"] = self.mac(main_key)
        data["checksum"] = _checksum(data)
        return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def _checksum(data: dict[str, object]) -> str:
    """SHA-256 of everything but itself: tells accidental damage from a wrong password.

    Anyone can recompute it, so it proves nothing against a deliberate change;
    the MAC does that once a key is open.
    """
    body = {k: v for k, v in data.items() if k != "checksum"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def write_header(folder: Path, header: ArchiveHeader, main_key: bytes) -> None:
    write_atomic(folder / HEADER_FILE, header.to_bytes(main_key))


def read_header(folder: Path) -> tuple[ArchiveHeader, str]:
    """The header and its stored MAC; the MAC is checked once a key is known."""
    path = folder / HEADER_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ArchiveNotFound(str(folder), HEADER_FILE) from None
    except OSError as exc:
        raise ArchiveDamaged(f"无法读取 {HEADER_FILE}({exc.strerror})") from None
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
            raise ValueError("not an archive header")
        # The version first: a newer program may lay out (and checksum) its header
        # differently, and must be told apart from damage.
        version = data["format_version"]
        if not isinstance(version, int):
            raise ValueError("format_version")
        if version > FORMAT_VERSION:
            raise ArchiveTooNew(version, FORMAT_VERSION)
        if data.get("checksum") != _checksum(data):
            raise ValueError("checksum")
        slots = data["slots"]
        if not isinstance(slots, list):
            raise ValueError("slots")
        header = ArchiveHeader(
            archive_id=str(data["archive_id"]),
            branch_name=str(data["branch_name"]),
            branch_code=str(data["branch_code"]),
            created_at=str(data["created_at"]),
            kdf=KdfParams.from_json(data["kdf"]),
            slots=tuple(KeySlot.from_json(s) for s in slots),
            format_version=version,
        )
        mac = data["mac"]
        if not isinstance(mac, str):
            raise ValueError("mac")
    except ArchiveTooNew:
        raise
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise ArchiveDamaged(f"档案头文件 {HEADER_FILE} 格式错误") from None
    if len(set(header.logins)) != len(header.logins):
        raise ArchiveDamaged(f"档案头文件 {HEADER_FILE} 中有重复的登录名")
    return header, mac
