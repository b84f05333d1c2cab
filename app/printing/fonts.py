"""Finding a Chinese font that reportlab can embed in a PDF.

A printed form must look the same on the branch's printer and on an
inspector's machine years later, so we prefer a TrueType font that reportlab
embeds (as a subset) over the built-in CID font, which only names "STSong-Light"
and leaves the glyphs to whatever the reader has installed.

Not every Chinese font will do:

* reportlab's ``TTFont`` reads TrueType outlines only. The Noto CJK fonts that
  Debian ships (``fonts-noto-cjk``) are CFF-based ``.ttc``/``.otf`` files and
  are rejected ("postscript outlines are not supported"), so they are tried
  last and usually fall through.
* Droid Sans Fallback has no Latin letters or digits at all (it is a fallback
  font); archive numbers and dates would print as empty boxes. A font is only
  accepted if it covers printable ASCII and the form's own labels.

The choice is made once per process and per configured path, then cached.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import string
import sys
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

logger = logging.getLogger("app.printing.fonts")

#: Environment variable naming a font file; used when no path is configured.
ENV_VAR = "CUSTARCHIVE_PDF_FONT"

#: reportlab's built-in Adobe-GB1 CID font: always available, never embedded.
BUILTIN_CID_FONT = "STSong-Light"

FONT_SUFFIXES = frozenset({".ttf", ".ttc", ".otf"})

# What a font must contain to be usable for our documents: archive numbers,
# dates and phone numbers are ASCII, the rest is the form's vocabulary.
_REQUIRED_CHARS = (
    string.ascii_letters
    + string.digits
    + string.punctuation
    + "数码客户信息查阅申请表编号第页共打印人时间签名指纹校验有效无效同意备注"
    + "\u3000（）：，、。"  # the ideographic space spaces out tick boxes and blank dates
)

# Preference order within each system. Names are matched case-insensitively.
_WINDOWS_NAMES = ("simsun.ttc", "simhei.ttf", "msyh.ttc", "msyh.ttf")
_LINUX_NAMES = (
    "wqy-microhei.ttc",
    "wqy-zenhei.ttc",
    "DroidSansFallbackFull.ttf",
    "DroidSansFallback.ttf",
    "uming.ttc",
    "ukai.ttc",
)
_MAC_NAMES = (
    "STHeiti Light.ttc",
    "STHeiti Medium.ttc",
    "Songti.ttc",
    "STSong.ttf",
)


def _is_noto_cjk(file_name: str) -> bool:
    """Noto Sans/Serif CJK files: tried after every other font (often CFF, see above)."""
    lowered = file_name.lower()
    return lowered.startswith("noto") and "cjk" in lowered and Path(lowered).suffix in FONT_SUFFIXES


@dataclass(frozen=True)
class FontChoice:
    """A font registered with reportlab under ``name``, ready for ``setFont``/styles."""

    name: str
    path: Path | None
    embedded: bool
    family: str

    def covers(self, text: str) -> bool:
        """Whether every character of ``text`` (line breaks aside) has a glyph in this font.

        Spaces count: a no-break space is a box in the built-in CID font. There is
        no glyph table to ask for that font; Adobe-GB1 covers GBK, so a character
        that encodes in GBK is taken as covered.
        """
        wanted = [c for c in text if c not in "\r\n\t"]
        if not self.embedded:
            try:
                "".join(wanted).encode("gbk")
            except UnicodeEncodeError:
                return False
            return True
        font = pdfmetrics.getFont(self.name)
        char_to_glyph: dict[int, int] = font.face.charToGlyph  # type: ignore[attr-defined]
        return all(ord(c) in char_to_glyph for c in wanted)


def _windows_dirs() -> list[Path]:
    dirs = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return dirs


def _system_font_dirs() -> list[tuple[Path, tuple[str, ...]]]:
    """Folders to search, each with the file names wanted from it, in preference order.

    Kept as a function so tests can point the search at a folder of their own.
    """
    home = Path.home()
    linux = [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".local" / "share" / "fonts",
        home / ".fonts",
    ]
    mac = [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library" / "Fonts"]
    windows = _windows_dirs() if sys.platform == "win32" else []
    return (
        [(d, _WINDOWS_NAMES) for d in windows]
        + [(d, _LINUX_NAMES) for d in linux]
        + [(d, _MAC_NAMES) for d in mac]
    )


def _files_under(folder: Path) -> list[Path]:
    """Every file below ``folder`` (recursively), in a stable order; nothing if unreadable."""
    if not folder.is_dir():
        return []
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, onerror=lambda _error: None):
        dirs.sort()
        found.extend(Path(root) / name for name in sorted(files))
    return found


def list_candidates() -> list[Path]:
    """Existing font files that may hold Chinese, best first (for settings and diagnostics).

    A file listed here is not necessarily usable: :func:`cjk_font` still checks
    that reportlab loads it and that it covers the characters we print.
    """
    preferred: list[Path] = []
    noto: list[Path] = []
    for folder, names in _system_font_dirs():
        files = _files_under(folder)
        by_name: dict[str, Path] = {}
        for file in files:
            by_name.setdefault(file.name.lower(), file)
        preferred.extend(by_name[n.lower()] for n in names if n.lower() in by_name)
        noto.extend(f for f in files if _is_noto_cjk(f.name))
    noto.sort(key=lambda p: ("bold" in p.name.lower(), str(p)))  # regular weight first
    ordered: list[Path] = []
    for path in preferred + noto:
        if path not in ordered:
            ordered.append(path)
    return ordered


def _registered_name(path: Path) -> str:
    """A PDF-safe font name that differs per file, so two fonts never overwrite each other."""
    digest = hashlib.sha256(str(path).encode("utf-8")).hexdigest()[:8]
    return f"CustArchiveCJK-{digest}"


def _try_truetype(path: Path) -> FontChoice | None:
    """Register ``path`` with reportlab if it is a usable TrueType CJK font, else None."""
    if path.suffix.lower() not in FONT_SUFFIXES or not path.is_file():
        logger.debug("not a font file: %s", path)
        return None
    name = _registered_name(path)
    try:
        if path.suffix.lower() == ".ttc":
            font = TTFont(name, str(path), subfontIndex=0)
        else:
            font = TTFont(name, str(path))
    except Exception as error:  # any malformed or CFF file means "try the next one"
        logger.debug("font not loadable by reportlab: %s (%s)", path, type(error).__name__)
        return None
    face = font.face
    char_to_glyph: dict[int, int] = face.charToGlyph
    missing = [c for c in _REQUIRED_CHARS if ord(c) not in char_to_glyph]
    if missing:
        logger.debug("font lacks %d needed characters: %s", len(missing), path)
        return None
    pdfmetrics.registerFont(font)
    family = face.familyName
    if isinstance(family, bytes):
        family = family.decode("utf-8", "replace")
    return FontChoice(name=name, path=path, embedded=True, family=str(family))


def _builtin() -> FontChoice:
    pdfmetrics.registerFont(UnicodeCIDFont(BUILTIN_CID_FONT))
    return FontChoice(name=BUILTIN_CID_FONT, path=None, embedded=False, family=BUILTIN_CID_FONT)


@functools.cache
def _choose(configured: Path | None) -> FontChoice:
    if configured is not None:
        choice = _try_truetype(configured)
        if choice is None:
            # An explicit setting that does not work should not silently pick some
            # other system font: print with the built-in font and say so.
            logger.warning(
                "configured PDF font unusable, using %s: %s", BUILTIN_CID_FONT, configured
            )
            choice = _builtin()
    else:
        choice = (
            next((c for c in map(_try_truetype, list_candidates()) if c is not None), None)
            or _builtin()
        )
    logger.info("PDF font: %s (%s)", choice.family, choice.path or "built-in, not embedded")
    return choice


def cjk_font(configured: str | Path | None = None) -> FontChoice:
    """The font for Chinese PDFs: the configured file, else the best system font.

    ``configured`` (or, when it is None, the ``CUSTARCHIVE_PDF_FONT`` environment
    variable) names a .ttf/.ttc/.otf file with TrueType outlines. When it cannot
    be used, or nothing on the system loads, the result is reportlab's built-in
    ``STSong-Light`` CID font, which is not embedded. The font is registered with
    reportlab; results are cached per process.
    """
    if configured is None or not str(configured).strip():
        configured = os.environ.get(ENV_VAR) or None
    path = Path(configured).expanduser() if configured else None
    return _choose(path)
