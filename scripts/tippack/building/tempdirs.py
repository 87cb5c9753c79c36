"""One temporary folder for everything a tippack command, and every worker it forks, puts in one.

WeasyPrint keeps the fonts a document loads in a temporary folder of its own, which it
removes only when its font configuration is garbage-collected. A forked worker never gets
there (it ends with ``os._exit``), nor does one that is killed, so every build used to
leave ``weasyprint-*`` folders behind. Pointing ``tempfile`` at a folder of the command's
own, before any worker is forked, puts them all in one place that the command removes when
it ends (normally, on Ctrl-C or on SIGTERM, which builds and the preview turn into an exit).
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path


def own_tempdir(prefix: str = "tippack-") -> Path:
    """Make this process's temporary files (and its forked workers') go in a new folder removed at exit."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    tempfile.tempdir = str(folder)
    atexit.register(shutil.rmtree, folder, True)
    return folder
