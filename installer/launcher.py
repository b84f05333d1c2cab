"""The frozen program's entry point (both executables of the bundle run this).

``app.cli.main`` runs a command when one is given (``selftest``, ``verify``, ...)
and starts the windows when none is: the same behaviour as the ``custarchive``
command of a source install. Kept outside the ``app`` package so that the
package's own modules are imported once, under their real names.
"""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
