"""Locating, downloading and verifying dataset files (Keras's cache layout).

Search order for a file ``fname`` (in ``subdir``): ``$TAPEFLOW_HOME/datasets`` (default
``~/.tapeflow/datasets``), then Keras's cache ``~/.keras/datasets``; a cached file is used only
when its SHA-256 matches. Otherwise the file is downloaded from ``origin`` into the first
directory, verified, and moved into place atomically (temporary file + ``os.replace``).

Example:
    >>> cache_dirs()[0].name
    'datasets'
"""

from __future__ import annotations

import hashlib
import os
import urllib.error
import urllib.request
from pathlib import Path

from ..._io import replacing
from ...errors import NotFoundError

ORIGIN_BASE = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"

# module attribute so tests can substitute it (no network in tests)
urlopen = urllib.request.urlopen


class ChecksumError(ValueError):
    """A dataset file's SHA-256 does not match the published value."""


def tapeflow_home() -> Path:
    """``$TAPEFLOW_HOME`` or ``~/.tapeflow``."""
    return Path(os.environ.get("TAPEFLOW_HOME") or Path.home() / ".tapeflow").expanduser()


def cache_dirs() -> list:
    """The directories searched for cached dataset files, in order."""
    return [tapeflow_home() / "datasets", Path.home() / ".keras" / "datasets"]


def sha256(path: str | os.PathLike) -> str:
    """Hex SHA-256 of a file (read in 1 MiB blocks)."""
    return file_digest(path, None)


def _hasher(file_hash: str | None) -> object:
    """Keras's "auto" rule: a 64-digit hash is SHA-256, a shorter one (32 digits) MD5."""
    return hashlib.md5() if file_hash is not None and len(file_hash) != 64 else hashlib.sha256()


def file_digest(path: str | os.PathLike, file_hash: str | None) -> str:
    """Hex digest of a file with the algorithm ``file_hash`` is written in (SHA-256 by default)."""
    h = _hasher(file_hash)
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _download(url: str, dest: Path, file_hash: str | None) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    with urlopen(url) as resp, replacing(dest, prefix=dest.name + ".", suffix=".part",
                                         op=f"download of {url}") as (fd, _tmp):
        h = _hasher(file_hash)
        with os.fdopen(fd, "wb") as out:
            for block in iter(lambda: resp.read(1 << 20), b""):
                h.update(block)
                out.write(block)
        got = h.hexdigest()
        if file_hash is not None and got != file_hash:
            raise ChecksumError(
                f"Downloaded file from {url} is incomplete or corrupted: its {h.name} is {got}, "
                f"expected {file_hash}. Nothing was written to {dest}."
            )


def get_file(fname: str, origin: str, file_hash: str | None, subdir: str = "", env_hint: str = "") -> Path:
    """Return a verified local copy of ``fname``, downloading it from ``origin`` when needed.

    Raises ``ChecksumError`` when a download does not match ``file_hash`` and
    ``tapeflow.errors.NotFoundError`` (a ``FileNotFoundError``) when the file is not cached and
    cannot be downloaded; the message says where to put the file.
    """
    dirs = [d / subdir if subdir else d for d in cache_dirs()]
    bad = []
    for d in dirs:
        p = d / fname
        if p.is_file():
            got = file_digest(p, file_hash)
            if file_hash is None or got == file_hash:
                return p
            bad.append(f"{p} ({_hasher(file_hash).name} {got})")
    dest = dirs[0] / fname
    try:
        _download(origin, dest, file_hash)
    except ChecksumError:
        raise
    except OSError as e:
        if getattr(e, "tapeflow_write_error", False):  # a full disk, ...: not a download problem
            raise
        raise _not_found(fname, origin, file_hash, dirs, bad, env_hint, e) from e
    except ValueError as e:
        raise _not_found(fname, origin, file_hash, dirs, bad, env_hint, e) from e
    return dest


def _not_found(fname: str, origin: str, file_hash: str | None, dirs: list, bad: list, env_hint: str,
               e: BaseException) -> NotFoundError:
    where = " or ".join(str(d / fname) for d in dirs)
    mism = f" Found files with the wrong checksum (expected {file_hash}): {', '.join(bad)}." if bad else ""
    hint = f", or set {env_hint} to the file's path" if env_hint else ""
    return NotFoundError(
        f"Could not find {fname!r} locally and could not download it from {origin} ({e}).{mism} "
        f"Put the file at {where}{hint}."
    )


__all__ = ["get_file", "sha256", "file_digest", "cache_dirs", "tapeflow_home", "ChecksumError", "ORIGIN_BASE"]
