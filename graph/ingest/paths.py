"""File names and the folder walk: any path the OS can name is read, shown and stored.

A path is used for I/O as the OS gives it (a `str` from `os.fsdecode`, where the bytes of a
name that are not UTF-8 are lone surrogates U+DC80..U+DCFF) and is shown and stored as
`path_text(path)`: valid UTF-8, each byte that is not UTF-8 written `\\xHH` (`a\\xff.txt`).
`os_path(text)` turns that text back into the path for I/O. Names that are UTF-8 are their own
text (a backslash is doubled only where it would otherwise read as an escape), so stores
written before keep their keys.

The walk (`walk_files`) yields the regular files with a supported suffix under the folders it
is given, and names everything it passes over that the user may have meant to read (`Skipped`:
path text and reason): named pipes, sockets and devices with a supported suffix, symlink loops,
dangling symlinks, folders it cannot open. Files with another suffix and Word lock files
(`~$name.docx`) are passed over silently. A file named directly is yielded whatever it is; the
reader refuses it with its reason (`open_regular`: a pipe is refused before any open()).
"""
from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple, Optional, Union

from graph.models import IngestError

PathLike = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]

# a backslash is doubled when what follows it would read as an escape: another backslash, a
# byte that is not UTF-8 (written with a backslash) or 'x' and two hex digits
_BACKSLASH_TO_DOUBLE = re.compile(r"\\(?=[\\\udc80-\udcff]|x[0-9A-Fa-f]{2})")
_RAW_BYTE = re.compile(r"[\udc80-\udcff]")
_ESCAPE = re.compile(r"\\(?:(\\)|x([0-9A-Fa-f]{2}))")


def _os_bytes(path: PathLike) -> bytes:
    path = os.fspath(path)
    if isinstance(path, bytes):
        return path
    try:
        return os.fsencode(path)
    except UnicodeEncodeError:  # a lone surrogate the file system encoding cannot carry
        return path.encode("utf-8", "surrogatepass")


def path_text(path: PathLike) -> str:
    """The form of `path` that is shown and stored: valid UTF-8 text, equal to the path when
    its name is UTF-8 (and holds no backslash that reads as an escape). A byte that is not
    UTF-8 is written `\\xHH`; a backslash before another backslash, before such a byte or
    before 'xHH' is doubled. `os_path` reverses it; different paths give different texts."""
    s = _os_bytes(path).decode("utf-8", "surrogateescape")
    if "\\" in s:
        s = _BACKSLASH_TO_DOUBLE.sub(r"\\\\", s)
    if not s.isascii():
        s = _RAW_BYTE.sub(lambda m: "\\x%02x" % (ord(m.group()) - 0xDC00), s)
    return s


def os_path(text: str) -> str:
    """The path for I/O (`open`, `os.stat`, ...) that `path_text` wrote as `text`."""
    if "\\" not in text:
        return text

    def unescape(m: re.Match) -> str:
        if m.group(1):
            return "\\"
        b = int(m.group(2), 16)
        return chr(b) if b < 0x80 else chr(0xDC00 + b)

    raw = _ESCAPE.sub(unescape, text).encode("utf-8", "surrogateescape")
    return os.fsdecode(raw)


_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISDIR, "a folder"))


def file_kind(mode: int) -> str:
    """What a stat mode that is not a regular file names, in words ("a named pipe (FIFO)")."""
    for test, words in _KINDS:
        if test(mode):
            return words
    return "not a regular file"


def stat_problem(path: PathLike, exc: OSError) -> str:
    """Why `os.stat(path)` failed, in words: a symlink loop, a dangling symlink (with its
    target), or the system's message."""
    if exc.errno == errno.ELOOP:
        return "symlink loop (the link leads back to itself)"
    if exc.errno == errno.ENOENT and os.path.islink(path):
        try:
            target = path_text(os.readlink(path))
        except OSError:
            target = "?"
        return f"dangling symlink (its target {target} does not exist)"
    return f"cannot read ({exc.strerror or exc})"


def open_regular(path: PathLike):
    """Open `path` for reading bytes if it is a regular file (symlinks followed); otherwise
    raise `IngestError` naming it (`path_text`) and what it is. A named pipe, socket or device
    is refused from its stat, before any open() (which would wait on a pipe forever); the file
    is opened without blocking and checked again on its descriptor, so a file swapped for a
    pipe in between is refused too."""
    name = path_text(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise IngestError(name, stat_problem(path, exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise IngestError(name, "is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise IngestError(name, f"is {file_kind(st.st_mode)}, not a regular file; not read")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) \
        | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise IngestError(name, stat_problem(path, exc)) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise IngestError(name, f"is {file_kind(mode)}, not a regular file; not read")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


class Skipped(NamedTuple):
    """A path the walk passed over: its text (`path_text`) and the reason, in words."""

    path: str
    reason: str


def walk_files(paths: Iterable[PathLike], suffixes: Iterable[str],
               skipped: Optional[list] = None) -> Iterator[Path]:
    """Regular files under `paths` (folders walked recursively, in name order) whose suffix
    (lower case) is in `suffixes`; paths named directly that are not folders are yielded as
    they are. Each path passed over for a reason is appended to `skipped` as a `Skipped`
    (see the module docstring)."""
    wanted = frozenset(s.lower() for s in suffixes)
    note = skipped.append if skipped is not None else (lambda item: None)
    for p in paths:
        p = Path(os.fsdecode(os.fspath(p)))
        try:
            is_dir = stat.S_ISDIR(os.stat(p).st_mode)
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(p, wanted, note)
        else:
            yield p


def _entries(folder: Path, note) -> list:
    try:
        with os.scandir(folder) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError as exc:
        note(Skipped(path_text(folder), f"cannot open folder ({exc.strerror or exc})"))
        return []


def _walk(root: Path, wanted: frozenset, note) -> Iterator[Path]:
    try:
        top = os.stat(root)
        real_root = os.path.realpath(root)
    except OSError as exc:
        note(Skipped(path_text(root), stat_problem(root, exc)))
        return
    first = {(top.st_dev, top.st_ino): root}      # folder identity -> the path it was walked at
    # (folder identity, its path, its entries still to visit, last first)
    stack = [((top.st_dev, top.st_ino), root, list(reversed(_entries(root, note))))]
    on_path = {stack[0][0]}                          # the folders holding the current entry
    while stack:
        key, folder, todo = stack[-1]
        if not todo:
            stack.pop()
            on_path.discard(key)
            continue
        entry = todo.pop()
        path = folder / entry.name              # as pathlib joins: "./x" is "x", as before
        try:
            link = entry.is_symlink()
            st = os.stat(path) if link else entry.stat(follow_symlinks=False)
        except OSError as exc:
            note(Skipped(path_text(path), stat_problem(path, exc)))
            continue
        if stat.S_ISDIR(st.st_mode):
            sub = (st.st_dev, st.st_ino)
            why = _folder_seen(path, sub, link, on_path, first, root, real_root)
            if why:
                note(Skipped(path_text(path), why))
            else:
                first[sub] = path
                on_path.add(sub)
                stack.append((sub, path, list(reversed(_entries(path, note)))))
            continue
        if os.path.splitext(entry.name)[1].lower() not in wanted:
            continue
        if stat.S_ISREG(st.st_mode):
            if not entry.name.startswith("~$"):  # Word lock files
                yield path
        else:
            note(Skipped(path_text(path), f"{file_kind(st.st_mode)}, not a regular file"))


def _folder_seen(path: Path, key: tuple, link: bool, on_path: set, first: dict, root: Path,
                 real_root: str) -> Optional[str]:
    """Why the folder at `path` is not walked (again), or None: it holds the current entry
    (a symlink loop), it is a link to a folder inside the walk (walked at its own path), or
    it was walked already through another link."""
    if key in on_path:
        return f"symlink loop (leads back to {path_text(first[key])})"
    if link:
        real = os.path.realpath(path)
        inside = os.path.relpath(real, real_root)
        if inside != os.pardir and not inside.startswith(os.pardir + os.sep):
            return f"same folder as {path_text(root / inside)}, walked there"
    if key in first:
        return f"same folder as {path_text(first[key])}, walked there"
    return None
