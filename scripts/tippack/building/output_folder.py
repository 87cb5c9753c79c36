"""The output folder: one build at a time, a staging area of its own, and whole-folder swaps.

Two facilitators on a shared drive, or ``serve`` beside ``build``, may build into the same
folder at once. A build holds an exclusive lock on ``OUT/.tippack.lock`` from its first
write to its last; a second build waits for it and says so. The lock is the kernel's
(``flock``), so a build that is killed leaves no stale lock behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

LOCK_NAME = ".tippack.lock"
STAGING = ".staging"
OLD_PREFIX = ".old-"


@contextlib.contextmanager
def locked(out: Path, waiting: Callable[[str], None]) -> Iterator[None]:
    """Hold the output folder's build lock; call ``waiting`` once if another build has it."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / LOCK_NAME, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            waiting(f"waiting for another build into {out} to finish ({holder})")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"tippack build, process {os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def clear_debris(out: Path) -> None:
    """Remove what an interrupted or killed build left behind. Call only with the lock held."""
    shutil.rmtree(out / STAGING, ignore_errors=True)
    for leftover in out.glob(f"{OLD_PREFIX}*"):
        shutil.rmtree(leftover, ignore_errors=True)


def staging_folder(out: Path, slug: str) -> Path:
    """A fresh path under OUT/.staging for one pack's build (not yet created)."""
    return out / STAGING / f"{slug}-{uuid.uuid4().hex[:8]}"


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EXDEV, errno.ENOTSUP, errno.EPERM):
        return False
    raise OSError(code, os.strerror(code), str(b))


def swap_in(new: Path, target: Path) -> None:
    """Replace the folder ``target`` with the complete build in ``new``.

    What holds: no file under ``target`` is ever half-written, and where the file system
    can exchange two folders in one step (Linux: ext4, xfs, btrfs, tmpfs) ``target`` is
    never missing either: at every moment it is the old build or the new one. What does
    not: a reader that opens several files one after another while the swap happens may
    get some from each build, and one still reading the old build when it is swapped out
    sees it deleted. Elsewhere (network drives, other systems) the old folder is renamed
    aside and the new one renamed in, so for that moment ``target`` is missing.
    """
    if not target.exists():
        new.rename(target)
        return
    if _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # holds the old build now
        return
    old = target.with_name(f"{OLD_PREFIX}{target.name}-{uuid.uuid4().hex[:8]}")
    target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
