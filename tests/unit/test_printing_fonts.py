"""CJK font discovery: search order, what is rejected, the fallback, the cache."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.printing import fonts
from app.printing.fonts import BUILTIN_CID_FONT, ENV_VAR, cjk_font, list_candidates


@pytest.fixture(autouse=True)
def fresh_choice(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test chooses anew, without a developer's own override leaking in."""
    monkeypatch.delenv(ENV_VAR, raising=False)
    fonts._choose.cache_clear()
    yield
    fonts._choose.cache_clear()


def system_truetype() -> fonts.FontChoice:
    choice = cjk_font()
    if not choice.embedded:
        pytest.skip("no embeddable TrueType CJK font here (CI installs fonts-wqy-microhei)")
    return choice


def fake_font(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a font\n" * 20)
    return path


def search_only(monkeypatch: pytest.MonkeyPatch, folder: Path, names: tuple[str, ...]) -> None:
    monkeypatch.setattr(fonts, "_system_font_dirs", lambda: [(folder, names)])


def test_non_font_file_falls_back_to_builtin_cid_font(tmp_path: Path) -> None:
    choice = cjk_font(fake_font(tmp_path / "broken.ttf"))
    assert choice.name == BUILTIN_CID_FONT == "STSong-Light"
    assert choice.path is None
    assert choice.embedded is False


def test_wrong_suffix_is_not_tried(tmp_path: Path) -> None:
    real = system_truetype()
    renamed = tmp_path / "font.txt"
    assert real.path is not None
    renamed.symlink_to(real.path)
    assert cjk_font(renamed).name == BUILTIN_CID_FONT


def test_configured_truetype_font_is_used_and_embedded() -> None:
    real = system_truetype()
    assert real.path is not None
    for configured in (real.path, str(real.path)):
        choice = cjk_font(configured)
        assert choice.path == real.path
        assert choice.embedded
        assert choice.family


def test_environment_variable_applies_only_without_a_configured_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = system_truetype()
    fonts._choose.cache_clear()
    monkeypatch.setenv(ENV_VAR, str(fake_font(tmp_path / "env.ttf")))
    assert cjk_font().name == BUILTIN_CID_FONT
    assert real.path is not None
    assert cjk_font(real.path).path == real.path


def test_environment_variable_selects_a_real_font(monkeypatch: pytest.MonkeyPatch) -> None:
    real = system_truetype()
    assert real.path is not None
    fonts._choose.cache_clear()
    monkeypatch.setenv(ENV_VAR, str(real.path))
    search_only(monkeypatch, Path("/nonexistent"), ())  # the search must not be what finds it
    assert cjk_font().path == real.path


def test_candidates_follow_preference_order_case_insensitively(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_font(tmp_path / "opentype" / "noto" / "NotoSansCJK-Regular.ttc")
    fake_font(tmp_path / "truetype" / "arphic" / "uming.ttc")
    fake_font(tmp_path / "truetype" / "wqy" / "WQY-ZenHei.ttc")
    fake_font(tmp_path / "truetype" / "dejavu" / "DejaVuSans.ttf")
    search_only(monkeypatch, tmp_path, fonts._LINUX_NAMES)
    assert [p.name for p in list_candidates()] == [
        "WQY-ZenHei.ttc",
        "uming.ttc",
        "NotoSansCJK-Regular.ttc",
    ]


def test_search_skips_unloadable_files_and_takes_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = system_truetype()
    assert real.path is not None
    fonts._choose.cache_clear()
    fake_font(tmp_path / "wqy-microhei.ttc")
    (tmp_path / "uming.ttc").symlink_to(real.path)
    search_only(monkeypatch, tmp_path, fonts._LINUX_NAMES)
    choice = cjk_font()
    assert choice.embedded
    assert choice.path == tmp_path / "uming.ttc"


def test_nothing_loadable_gives_builtin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_font(tmp_path / "wqy-microhei.ttc")
    fake_font(tmp_path / "NotoSansCJK-Regular.ttc")
    search_only(monkeypatch, tmp_path, fonts._LINUX_NAMES)
    assert cjk_font().name == BUILTIN_CID_FONT


def test_cff_noto_cjk_is_rejected() -> None:
    """Debian's fonts-noto-cjk is CFF: reportlab cannot embed it, so it must not be chosen."""
    noto = [p for p in list_candidates() if fonts._is_noto_cjk(p.name) and p.suffix == ".ttc"]
    if not noto:
        pytest.skip("no Noto CJK .ttc installed")
    assert cjk_font(noto[0]).name == BUILTIN_CID_FONT


def test_font_without_latin_digits_is_rejected() -> None:
    """Droid Sans Fallback has no ASCII: archive numbers would print as empty boxes."""
    droid = [p for p in list_candidates() if p.name.lower().startswith("droidsansfallback")]
    if not droid:
        pytest.skip("Droid Sans Fallback not installed")
    assert cjk_font(droid[0]).name == BUILTIN_CID_FONT


def test_choice_is_cached_per_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []
    original = fonts._try_truetype

    def counting(path: Path) -> fonts.FontChoice | None:
        calls.append(path)
        return original(path)

    monkeypatch.setattr(fonts, "_try_truetype", counting)
    broken = fake_font(tmp_path / "broken.ttf")
    first = cjk_font(broken)
    assert cjk_font(str(broken)) is first
    assert calls == [broken]


def test_choice_is_logged_with_family_and_path(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="app.printing.fonts"):
        choice = cjk_font()
    records = [
        r for r in caplog.records if r.name == "app.printing.fonts" and r.levelno == logging.INFO
    ]
    assert len(records) == 1
    message = records[0].getMessage()
    assert choice.family in message
    if choice.path is not None:
        assert str(choice.path) in message


def test_coverage_of_box_glyphs() -> None:
    builtin = cjk_font(Path("/nonexistent/font.ttf"))
    assert builtin.covers("申请表 √")
    assert not builtin.covers("☑")
    real = system_truetype()
    assert real.covers("LY-GR-2026-000123 数码客户信息查阅申请表")
    assert not real.covers("\U0001f600")
