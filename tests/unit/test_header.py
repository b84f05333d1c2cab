"""archive.json: round trip, checksum (damage), MAC (deliberate change), version."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

import pytest

from app.errors import AppError, ArchiveDamaged, ArchiveNotFound, ArchiveTooNew
from app.security import keyslots
from app.security.kdf import TEST_KDF
from app.storage.header import FORMAT_VERSION, HEADER_FILE, ArchiveHeader, read_header, write_header

PASSWORD = "Mima2026abc"


@pytest.fixture(scope="module")
def main_key() -> bytes:
    return keyslots.new_archive_key()


@pytest.fixture(scope="module")
def header(main_key: bytes) -> ArchiveHeader:
    h = ArchiveHeader.new("涟源市某某信用社", "LY-0101", TEST_KDF)
    for login in ("admin", "keeper"):
        h = h.with_slot(keyslots.create_slot(h.archive_id, login, PASSWORD, TEST_KDF, main_key))
    return h


def _rewrite(folder: Path, change: dict[str, object], *, fix_checksum: bool) -> None:
    """Edit archive.json as an outsider would; optionally recompute the plain checksum."""
    path = folder / HEADER_FILE
    data = json.loads(path.read_text("utf-8"))
    data.update(change)
    if fix_checksum:
        body = {k: v for k, v in data.items() if k != "checksum"}
        canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        data["checksum"] = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")


def test_round_trip(tmp_path: Path, header: ArchiveHeader, main_key: bytes) -> None:
    write_header(tmp_path, header, main_key)
    read, mac = read_header(tmp_path)
    assert read == header
    assert mac == header.mac(main_key)
    read.verify_mac(mac, main_key)
    assert read.logins == ["admin", "keeper"]
    assert not (tmp_path / (HEADER_FILE + ".tmp")).exists()


def test_file_is_readable_json_with_chinese_as_is(
    tmp_path: Path, header: ArchiveHeader, main_key: bytes
) -> None:
    write_header(tmp_path, header, main_key)
    text = (tmp_path / HEADER_FILE).read_text("utf-8")
    assert "涟源市某某信用社" in text
    data = json.loads(text)
    assert data["format"] == "custarchive"
    assert data["format_version"] == FORMAT_VERSION
    assert {"mac", "checksum", "slots", "kdf", "archive_id"} <= set(data)
    assert main_key.hex() not in text


def test_slots_are_added_replaced_and_removed(header: ArchiveHeader, main_key: bytes) -> None:
    assert header.slot("admin") is not None
    assert header.slot("nobody") is None
    other = keyslots.create_slot(header.archive_id, "admin", "Other2026pw", TEST_KDF, main_key)
    replaced = header.with_slot(other)
    assert len(replaced.slots) == 2
    assert replaced.slot("admin") == other
    assert replaced.without_slot("admin").logins == ["keeper"]
    assert header.slot("admin") != other  # the original is untouched


def test_wrong_key_fails_the_mac(header: ArchiveHeader, main_key: bytes) -> None:
    with pytest.raises(ArchiveDamaged, match=HEADER_FILE):
        header.verify_mac(header.mac(main_key), keyslots.new_archive_key())


@pytest.mark.parametrize(
    "change",
    [
        {"branch_name": "别的信用社"},
        {"branch_code": "LY-0102"},
        {"created_at": "2020-01-01T00:00:00+00:00"},
        {"kdf": {"memory_kib": 8, "iterations": 1, "lanes": 1}},
        {"archive_id": "00000000-0000-4000-8000-000000000000"},
    ],
)
def test_deliberate_change_with_fixed_checksum_is_caught_by_the_mac(
    tmp_path: Path, header: ArchiveHeader, main_key: bytes, change: dict[str, object]
) -> None:
    write_header(tmp_path, header, main_key)
    _rewrite(tmp_path, change, fix_checksum=True)
    read, mac = read_header(tmp_path)  # plausible to anyone without the key...
    with pytest.raises(ArchiveDamaged, match="校验码不符"):
        read.verify_mac(mac, main_key)  # ...but not to someone holding it


def test_removing_a_slot_is_caught_by_the_mac(
    tmp_path: Path, header: ArchiveHeader, main_key: bytes
) -> None:
    write_header(tmp_path, header, main_key)
    data = json.loads((tmp_path / HEADER_FILE).read_text("utf-8"))
    _rewrite(tmp_path, {"slots": data["slots"][:1]}, fix_checksum=True)
    read, mac = read_header(tmp_path)
    with pytest.raises(ArchiveDamaged):
        read.verify_mac(mac, main_key)


@pytest.mark.parametrize(
    "change",
    [
        {"branch_name": "别的信用社"},
        {"mac": "0" * 64},
        {"checksum": "0" * 64},
        {"format_version": 1, "extra": True},
    ],
)
def test_accidental_change_fails_the_checksum(
    tmp_path: Path, header: ArchiveHeader, main_key: bytes, change: dict[str, object]
) -> None:
    write_header(tmp_path, header, main_key)
    _rewrite(tmp_path, change, fix_checksum=False)
    with pytest.raises(ArchiveDamaged) as info:
        read_header(tmp_path)
    assert "archive.json" in str(info.value)
    assert "备份恢复" in str(info.value)


@pytest.mark.parametrize(
    "raw",
    [b"", b"{", b"[]", b"null", b'{"format": "other"}', b"\xff\xfe{}", "中文".encode("gbk")],
)
def test_garbage_is_damage(tmp_path: Path, raw: bytes) -> None:
    (tmp_path / HEADER_FILE).write_bytes(raw)
    with pytest.raises(ArchiveDamaged):
        read_header(tmp_path)


@pytest.mark.parametrize(
    "change",
    [
        {"format_version": "1"},
        {"slots": "none"},
        {"slots": [{"login": "x"}]},
        {"kdf": {"memory_kib": 64}},
        {"mac": 5},
    ],
)
def test_well_checksummed_but_malformed_is_damage(
    tmp_path: Path, header: ArchiveHeader, main_key: bytes, change: dict[str, object]
) -> None:
    write_header(tmp_path, header, main_key)
    _rewrite(tmp_path, change, fix_checksum=True)
    with pytest.raises(ArchiveDamaged, match="格式错误"):
        read_header(tmp_path)


def test_duplicate_logins_are_damage(
    tmp_path: Path, header: ArchiveHeader, main_key: bytes
) -> None:
    twice = replace(header, slots=(header.slots[0], header.slots[0]))
    write_header(tmp_path, twice, main_key)
    with pytest.raises(ArchiveDamaged, match="重复的登录名"):
        read_header(tmp_path)


@pytest.mark.parametrize("fix_checksum", [True, False], ids=["checksum-fixed", "as-a-newer-writer"])
def test_newer_format_is_too_new(
    tmp_path: Path, header: ArchiveHeader, main_key: bytes, fix_checksum: bool
) -> None:
    """A newer program may lay out (and checksum) its header differently: say "too new"."""
    write_header(tmp_path, header, main_key)
    _rewrite(tmp_path, {"format_version": FORMAT_VERSION + 1}, fix_checksum=fix_checksum)
    with pytest.raises(ArchiveTooNew) as info:
        read_header(tmp_path)
    message = str(info.value)
    assert str(FORMAT_VERSION + 1) in message
    assert "更新版本" in message
    assert "未作任何修改" in message


def test_missing_header_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(ArchiveNotFound) as info:
        read_header(tmp_path)
    assert info.value.missing == HEADER_FILE
    assert HEADER_FILE in str(info.value)
    assert isinstance(info.value, AppError)


def test_written_atomically_over_an_old_version(
    tmp_path: Path, header: ArchiveHeader, main_key: bytes
) -> None:
    write_header(tmp_path, header, main_key)
    smaller = header.without_slot("keeper")
    write_header(tmp_path, smaller, main_key)
    read, _ = read_header(tmp_path)
    assert read.logins == ["admin"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [HEADER_FILE]
