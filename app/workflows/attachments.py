"""Supporting material for a request: checked, hashed, kept only inside the encrypted database.

The type is told from the file's first bytes, not its name: a renamed
executable is not a PDF. Nothing is ever written back to disk decrypted; the
program shows images and PDFs from memory.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.errors import InvalidInput
from app.models import Request, RequestAttachment
from app.models.base import utcnow
from app.storage.uow import UnitOfWork

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 20
MEDIA_TYPES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
MEDIA_LABELS = {"application/pdf": "PDF", "image/jpeg": "JPEG 图片", "image/png": "PNG 图片"}


@dataclass(frozen=True)
class NewAttachment:
    filename: str
    data: bytes

    @classmethod
    def read(cls, path: Path) -> NewAttachment:
        """A file chosen in a dialog; refused before reading when it is too large."""
        try:
            size = path.stat().st_size
            if size > MAX_BYTES:
                raise InvalidInput(_too_large(path.name, size))
            return cls(path.name, path.read_bytes())
        except OSError as exc:
            raise InvalidInput(f"无法读取附件“{path.name}”:{exc.strerror or exc}。") from None


@dataclass(frozen=True)
class AttachmentLine:
    id: int
    filename: str
    media_type: str
    media_label: str
    size: int
    sha256: str


def _too_large(name: str, size: int) -> str:
    return (
        f"附件“{name}”有 {size / 1024 / 1024:.1f} MB,超过每个附件 "
        f"{MAX_BYTES // 1024 // 1024} MB 的上限。请压缩或分页扫描后再添加。"
    )


def media_type(name: str, data: bytes) -> str:
    for magic, kind in MEDIA_TYPES:
        if data.startswith(magic):
            return kind
    raise InvalidInput(
        f"附件“{name}”不是 PDF、JPEG 或 PNG 文件。请将证明材料扫描或另存为这三种格式之一后再添加。"
    )


def check(files: Sequence[NewAttachment]) -> list[tuple[NewAttachment, str, str]]:
    """Each file with its media type and SHA-256; InvalidInput for the first unacceptable one."""
    if len(files) > MAX_FILES:
        raise InvalidInput(f"每份申请最多 {MAX_FILES} 个附件,请合并后再添加。")
    checked = []
    for item in files:
        name = Path(item.filename).name.strip() or "附件"
        if len(name) > 200:
            name = name[-200:]
        if not item.data:
            raise InvalidInput(f"附件“{name}”是空文件,请重新选择。")
        if len(item.data) > MAX_BYTES:
            raise InvalidInput(_too_large(name, len(item.data)))
        kind = media_type(name, item.data)
        checked.append(
            (NewAttachment(name, item.data), kind, hashlib.sha256(item.data).hexdigest())
        )
    return checked


def store(
    uow: UnitOfWork,
    request: Request,
    checked: Sequence[tuple[NewAttachment, str, str]],
    added_by: int,
) -> None:
    for item, kind, digest in checked:
        uow.session.add(
            RequestAttachment(
                request_id=request.id,
                filename=item.filename,
                media_type=kind,
                size=len(item.data),
                sha256=digest,
                data=item.data,
                added_by=added_by,
                added_at=utcnow(),
            )
        )
    uow.session.flush()


def describe(checked: Sequence[tuple[NewAttachment, str, str]]) -> list[dict[str, object]]:
    """What a request's signed content says of its attachments (name, type, size, hash)."""
    return [
        {"filename": item.filename, "media_type": kind, "size": len(item.data), "sha256": digest}
        for item, kind, digest in checked
    ]
