"""Where the program's data files are: resources/ next to the app package, or in the bundle.

In a source checkout (and an editable install) the folder is ``<repo>/resources``;
in a PyInstaller bundle it is ``sys._MEIPASS/resources`` (the spec must add it with
``datas=[("resources", "resources")]``). No Qt: the template loader and the command
line use this too.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    """The resources folder of this installation."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """``resource_path("template", "v1.toml")`` -> the file inside the resources folder."""
    return resource_root().joinpath(*parts)
