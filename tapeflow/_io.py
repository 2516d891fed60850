"""File helpers shared by the library (weight files, dataset downloads).

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
import tempfile
from collections.abc import Iterator


@contextlib.contextmanager
def replacing(dest: str | os.PathLike, *, prefix: str, suffix: str) -> Iterator[tuple]:
    """Write ``dest`` atomically: yields ``(fd, tmp)``, an open temporary file in ``dest``'s directory.

    When the block succeeds the temporary file is moved over ``dest`` with ``os.replace``; when
    it (or the move) fails, the temporary file is removed and the error propagates, so ``dest``
    is never left half-written. The block owns ``fd`` (it must close it).
    """
    d = os.path.dirname(os.path.abspath(dest))
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=d)
    try:
        yield fd, tmp
        os.replace(tmp, dest)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


__all__ = ["replacing"]
