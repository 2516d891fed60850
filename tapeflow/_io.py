"""File helpers shared by the library (weight files, checkpoints, dataset downloads).

``replacing`` writes a file atomically through a temporary file in the target's directory. The
temporary file is named ``<prefix><pid>-<host>-<random><suffix>`` (``pid`` the writing process,
``host`` a short hash of its host name), so that the next write can remove the temporaries left
behind by a writer that was killed (see ``remove_stale_temporaries``): those of a process of this
host that is no longer alive, and those of the same target written on another host (or before
this naming) and not modified for an hour. The temporary file of a live writer is never touched.

A failed write (a full disk, a file-size limit, ...) raises an ``OSError`` of the same kind and
``errno`` whose message names the operation and the target, and leaves any previous file intact.

Example:
    >>> import os, tempfile
    >>> from tapeflow._io import replacing
    >>> path = os.path.join(tempfile.mkdtemp(), "out.txt")
    >>> with replacing(path, prefix="out.", suffix=".tmp") as (fd, tmp):
    ...     with os.fdopen(fd, "w") as f:
    ...         _ = f.write("done")
    >>> open(path).read()
    'done'
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator

# temporaries of another host, or named before the pid was part of the name, are stale after this
STALE_AFTER_S = 3600.0
# a temporary whose pid is alive but which nobody touched for this long belongs to a reused pid
LIVE_STALE_AFTER_S = 24 * 3600.0

_HOST: str | None = None


def _host_tag() -> str:
    global _HOST
    if _HOST is None:
        try:
            name = socket.gethostname()
        except OSError:
            name = ""
        _HOST = f"{zlib.crc32(name.encode('utf-8', 'replace')):08x}"
    return _HOST


def _pid_alive(pid: int) -> bool:
    if pid <= 0 or os.name == "nt":  # not a pid we can judge (os.kill would end it on Windows): keep it
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it exists, owned by someone else
        return True
    return True


def _is_stale(path: str, pid: int | None, host: str | None, now: float) -> bool:
    try:
        age = now - os.stat(path).st_mtime
    except OSError:
        return False
    if pid is not None and host == _host_tag():
        if pid == os.getpid():
            return False  # another thread of this process is writing it
        return not _pid_alive(pid) or age > LIVE_STALE_AFTER_S
    return age > STALE_AFTER_S


def remove_stale_temporaries(directory: str, prefix: str, suffix: str) -> list:
    """Remove, in ``directory``, the temporaries whose writer is gone; returns the removed paths.

    Those of the same target (``<prefix>...<suffix>``): from a dead process of this host, or not
    modified for ``STALE_AFTER_S`` when written on another host or before the pid was in the name.
    And those of any other target with the same suffix written on this host by a dead process (a
    killed ``ModelCheckpoint`` or ``CheckpointManager`` save, whose next save has a new name).

    Example:
        >>> import tempfile
        >>> remove_stale_temporaries(tempfile.mkdtemp(), ".m.weights.npz.", ".tmp")
        []
    """
    host = _host_tag()
    same = re.compile(re.escape(prefix) + r"(?:(\d+)-([0-9a-f]{8})-)?[a-z0-9_]{8}" + re.escape(suffix))
    other = re.compile(r".+\.(\d+)-" + host + r"-[a-z0-9_]{8}" + re.escape(suffix))
    removed = []
    now = time.time()
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not name.endswith(suffix):
            continue
        m = same.fullmatch(name) if name.startswith(prefix) else None
        if m is not None:
            pid, tag = (int(m.group(1)), m.group(2)) if m.group(1) is not None else (None, None)
        else:
            m = other.fullmatch(name)
            if m is None:
                continue
            pid, tag = int(m.group(1)), host
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
        except OSError:
            continue
        if _is_stale(entry.path, pid, tag, now):
            try:
                os.unlink(entry.path)
                removed.append(entry.path)
            except OSError:
                pass
    return removed


def _network_error(e: OSError) -> bool:
    if isinstance(e, (ConnectionError, TimeoutError)):
        return True
    mod = type(e).__module__
    return mod.startswith(("urllib", "ssl", "http", "socket"))


def write_error(e: OSError, dest: str, op: str | None) -> OSError:
    """``e`` again, as an OSError of the same kind and errno whose message names ``op`` and ``dest``.

    Example:
        >>> import errno
        >>> str(write_error(OSError(errno.ENOSPC, "No space left on device"), "/x/m.weights.h5", "save_weights"))
        "[Errno 28] save_weights: writing '/x/m.weights.h5' failed: No space left on device"
    """
    if getattr(e, "tapeflow_write_error", False) or _network_error(e):
        return e
    what = f"{op}: writing '{dest}' failed" if op else f"writing '{dest}' failed"
    if e.errno is not None:
        new = OSError(e.errno, f"{what}: {e.strerror or os.strerror(e.errno)}")  # the errno's own subclass
    elif type(e) is OSError:
        new = OSError(f"{what}: {e}")
    else:
        return e
    new.tapeflow_write_error = True  # type: ignore[attr-defined]
    return new


@contextlib.contextmanager
def replacing(dest: str | os.PathLike, *, prefix: str, suffix: str, op: str | None = None) -> Iterator[tuple]:
    """Write ``dest`` atomically: yields ``(fd, tmp)``, an open temporary file in ``dest``'s directory.

    When the block succeeds the temporary file is moved over ``dest`` with ``os.replace``; when
    it (or the move) fails, the temporary file is removed and the error propagates, so ``dest``
    is never left half-written; an ``OSError`` (full disk, file-size limit, ...) comes back with its
    errno and a message naming ``op`` and ``dest``. The block owns ``fd`` (it must close it). Stale
    temporaries of the same target left by killed writers are removed first.
    """
    dest = os.fspath(dest)
    d = os.path.dirname(os.path.abspath(dest))
    remove_stale_temporaries(d, prefix, suffix)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{prefix}{os.getpid()}-{_host_tag()}-", suffix=suffix, dir=d)
        yield fd, tmp
        os.replace(tmp, dest)
    except BaseException as e:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        if isinstance(e, OSError):
            new = write_error(e, dest, op)
            if new is not e:
                raise new from e
        raise


def fsync_directory(directory: str) -> None:
    """Make a rename inside ``directory`` durable (best effort: not possible on every platform)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_durably(dest: str | os.PathLike, write: Callable, *, prefix: str, suffix: str = ".tmp",
                  op: str | None = None, text: bool = False, sync_directory: bool = True) -> None:
    """``replacing`` with the file handled: ``write(f)`` fills the temporary file (binary, or UTF-8
    text), which is flushed and fsync'ed before it is moved over ``dest``; then ``dest``'s directory
    is fsync'ed (``sync_directory=False`` when a later write in the same directory will do it).

    Example:
        >>> import os, tempfile
        >>> path = os.path.join(tempfile.mkdtemp(), "note.txt")
        >>> write_durably(path, lambda f: f.write("kept"), prefix=".note.", text=True)
        >>> open(path).read()
        'kept'
    """
    with replacing(dest, prefix=prefix, suffix=suffix, op=op) as (fd, _tmp):
        with (os.fdopen(fd, "w", encoding="utf-8") if text else os.fdopen(fd, "wb")) as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
    if sync_directory:
        fsync_directory(os.path.dirname(os.path.abspath(os.fspath(dest))))


__all__ = ["replacing", "remove_stale_temporaries", "write_error", "write_durably", "fsync_directory"]
