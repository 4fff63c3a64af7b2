"""Safe file writing: an output file is the old one or the new one, never a torn one.

    from graph.files import atomic_write
    with atomic_write("out/graph.ttl") as f:          # text, UTF-8
        f.write(...)
    with atomic_write("out/cache.pickle", "wb") as f:  # bytes
        pickle.dump(obj, f)

The content goes to a temporary file in the target's folder (`.NAME.PID.XXXXXXXX.tmp`), which is
flushed and fsync'ed, then renamed over the target (`os.replace`, atomic on one file system)
and the folder fsync'ed, so the rename itself survives a crash. A kill at any moment thus
leaves the old file or the new one. An error inside the `with` block removes the temporary
file and leaves the target untouched. Only a process killed while writing leaves its
temporary file behind (`stale_temporaries` lists them, `remove_stale_temporaries` removes
them); it is never mistaken for the target, and the next write of the same target removes
those whose process (the PID in the name) is gone.

The new file takes the permissions of the file it replaces, or those a new file gets
(0666 less the umask). A target that is a symlink is written through: the file it points to
is replaced, the link stays.

This module is the ground floor: it imports nothing of `graph`.
"""
from __future__ import annotations

import os
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator, Optional, Union

PathArg = Union[str, "os.PathLike[str]"]

_MODES = {"w": "w", "wt": "w", "wb": "wb"}


def _new_file_mode() -> int:
    """The permissions a new file gets: 0666 less the process's umask."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # no /proc: read the umask by setting it back at once
    os.umask(mask)
    return 0o666 & ~mask


def _fsync_folder(folder: str) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # a system whose folders cannot be opened (Windows)
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _temp_prefix(name: str) -> str:
    return f".{name}."


@contextmanager
def atomic_write(path: PathArg, mode: str = "w", *, encoding: Optional[str] = "utf-8",
                 newline: Optional[str] = None, fsync: bool = True) -> Iterator[IO]:
    """Open a temporary file beside `path` for writing (`mode` "w" or "wt": text in
    `encoding`; "wb": bytes) and, when the block ends without an error, put it in place of
    `path` atomically. See the module docstring. fsync=False skips the flushes to disk
    (atomic against a killed process, not against a power cut)."""
    if mode not in _MODES:
        raise ValueError(f"atomic_write mode must be 'w', 'wt' or 'wb', not {mode!r}")
    target = os.path.realpath(path) if os.path.islink(path) else os.path.abspath(path)
    folder, name = os.path.split(target)
    try:
        perms = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        perms = _new_file_mode()
    _remove_orphans(target)
    fd, tmp = tempfile.mkstemp(prefix=f"{_temp_prefix(name)}{os.getpid()}.", suffix=".tmp",
                               dir=folder)
    try:
        if mode == "wb":
            f = os.fdopen(fd, "wb")
        else:
            f = os.fdopen(fd, "w", encoding=encoding, newline=newline)
        with f:
            yield f
            f.flush()
            if fsync:
                os.fsync(f.fileno())
        os.chmod(tmp, perms)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    if fsync:
        _fsync_folder(folder)


def stale_temporaries(path: PathArg) -> list[Path]:
    """The temporary files `atomic_write` left beside `path` when a process writing it was
    killed (none after a normal end or an error)."""
    target = Path(os.path.realpath(path) if os.path.islink(path) else os.path.abspath(path))
    prefix = _temp_prefix(target.name)
    try:
        names = os.listdir(target.parent)
    except OSError:
        return []
    return sorted(target.parent / n for n in names
                  if n.startswith(prefix) and n.endswith(".tmp")
                  and len(n) > len(prefix) + len(".tmp"))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # another user's process, or a system that cannot tell: keep its file
    return True


def _remove_orphans(target: str) -> None:
    """Remove the temporaries of `target` left by writers that were killed: those whose
    name carries the PID of a process that no longer runs (a live writer's file stays)."""
    prefix = _temp_prefix(os.path.basename(target))
    for p in stale_temporaries(target):
        pid = p.name[len(prefix):].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            try:
                p.unlink()
            except OSError:
                pass


def remove_stale_temporaries(path: PathArg) -> list[Path]:
    """Remove the temporary files `stale_temporaries(path)` lists; returns them. Call it only
    when no other process is writing `path`."""
    gone = []
    for p in stale_temporaries(path):
        try:
            p.unlink()
            gone.append(p)
        except FileNotFoundError:
            pass
    return gone
