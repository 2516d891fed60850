"""``keras.utils.get_file``: fetch a file into Keras's cache (``~/.keras/datasets`` by default),
verify its hash, and optionally extract a tar or zip archive.

Any URL ``urllib`` can open works (``file://`` paths included); without network access a remote
download fails with Keras's "URL fetch failure" error.

Example:
    >>> import os, tempfile, pathlib
    >>> d = tempfile.mkdtemp()
    >>> src = os.path.join(d, "data.txt"); _ = open(src, "w").write("hello")
    >>> path = get_file("copy.txt", origin=pathlib.Path(src).as_uri(), cache_dir=d)  # doctest: +ELLIPSIS
    Downloading data from file://...
    >>> open(path).read()
    'hello'
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tarfile
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from typing import Any

from .progbar import Progbar, print_msg

# module attribute so tests can substitute it
urlretrieve = urllib.request.urlretrieve


def _keras_home() -> str:
    base = os.environ.get("KERAS_HOME")
    if base:
        return base
    return os.path.join(os.path.expanduser("~"), ".keras")


def resolve_hasher(algorithm: str, file_hash: str | None = None) -> Any:
    """sha256 for 'sha256' (or 'auto' with a 64-character hash), else md5."""
    if algorithm == "sha256":
        return hashlib.sha256()
    if algorithm == "auto" and file_hash is not None and len(file_hash) == 64:
        return hashlib.sha256()
    return hashlib.md5()


def hash_file(fpath: str, algorithm: Any = "sha256", chunk_size: int = 65535) -> str:
    """The hex digest of a file."""
    hasher = resolve_hasher(algorithm) if isinstance(algorithm, str) else algorithm
    with open(fpath, "rb") as f:
        for chunk in iter(lambda: f.read(chunk_size), b""):
            hasher.update(chunk)
    return hasher.hexdigest()


def validate_file(fpath: str, file_hash: str, algorithm: str = "auto", chunk_size: int = 65535) -> bool:
    """Whether the file's hash equals ``file_hash``."""
    return str(hash_file(fpath, resolve_hasher(algorithm, file_hash), chunk_size)) == str(file_hash)


def _safe_members(archive: Any, path: str) -> Any:
    base = os.path.realpath(path)
    names = archive.getnames() if isinstance(archive, tarfile.TarFile) else archive.namelist()
    for name in names:
        target = os.path.realpath(os.path.join(path, name))
        if os.path.commonpath([base, target]) != base:
            raise ValueError(f"Archive member {name!r} would be extracted outside {path!r}")
    return None


def extract_archive(file_path: str, path: str = ".", archive_format: Any = "auto") -> bool:
    """Extract a tar or zip archive into ``path``; False when the file is neither."""
    if archive_format is None:
        return False
    formats = ["tar", "zip"] if archive_format == "auto" else (
        [archive_format] if isinstance(archive_format, str) else list(archive_format))
    file_path, path = os.fspath(file_path), os.fspath(path)
    for kind in formats:
        if kind == "tar":
            opener, matches = tarfile.open, tarfile.is_tarfile
        elif kind == "zip":
            opener, matches = zipfile.ZipFile, zipfile.is_zipfile
        else:
            raise NotImplementedError(kind)
        if matches(file_path):
            with opener(file_path) as archive:
                try:
                    _safe_members(archive, path)
                    archive.extractall(path)
                except (tarfile.TarError, RuntimeError, KeyboardInterrupt):
                    if os.path.exists(path):
                        if os.path.isfile(path):
                            os.remove(path)
                        else:
                            shutil.rmtree(path)
                    raise
            return True
    return False


def get_file(fname: str | None = None, origin: str | None = None, untar: bool = False, md5_hash: str | None = None,
             file_hash: str | None = None, cache_subdir: str = "datasets", hash_algorithm: str = "auto",
             extract: bool = False, archive_format: str = "auto", cache_dir: str | None = None,
             force_download: bool = False) -> str:
    """Download ``origin`` into ``cache_dir/cache_subdir`` unless a valid copy is already there, and
    return its path (with ``extract``/``untar``, the directory it was extracted to).

    Example:
        >>> get_file("x.txt")
        Traceback (most recent call last):
        ...
        ValueError: Please specify the "origin" argument (URL of the file to download).
    """
    if origin is None:
        raise ValueError('Please specify the "origin" argument (URL of the file to download).')
    if cache_dir is None:
        cache_dir = _keras_home()
    if md5_hash is not None and file_hash is None:
        file_hash = md5_hash
        hash_algorithm = "md5"
    base = os.path.expanduser(os.fspath(cache_dir))
    if not os.access(base, os.W_OK):
        base = os.path.join("/tmp" if os.path.isdir("/tmp") else tempfile.gettempdir(), ".keras")
    datadir = os.path.join(base, cache_subdir)
    os.makedirs(datadir, exist_ok=True)
    provided = fname
    fname = os.fspath(fname) if fname is not None else None
    if not fname:
        fname = os.path.basename(urllib.parse.urlsplit(origin).path)
        if not fname:
            raise ValueError(f"Can't parse the file name from the origin provided: '{origin}'.Please specify the "
                             "`fname` argument.")
    elif os.sep in fname:
        raise ValueError("Paths are no longer accepted as the `fname` argument. To specify the file's parent "
                         f"directory, use the `cache_dir` argument. Received: fname={fname}")
    if extract or untar:
        if provided:
            if "." in fname:
                target = os.path.join(datadir, fname)
                fname = fname[: fname.find(".")]
                extraction_dir = os.path.join(datadir, f"{fname}_extracted")
            else:
                extraction_dir = os.path.join(datadir, fname)
                target = os.path.join(datadir, f"{fname}_archive")
        else:
            extraction_dir = os.path.join(datadir, fname)
            target = os.path.join(datadir, f"{fname}_archive")
    else:
        target = os.path.join(datadir, fname)
    if force_download:
        download = True
    elif os.path.exists(target):
        download = False
        if file_hash is not None and not validate_file(target, file_hash, algorithm=hash_algorithm):
            print_msg(f"A local file was found, but it seems to be incomplete or outdated because the "
                      f"{hash_algorithm} file hash does not match the original value of {file_hash} so we will "
                      "re-download the data.")
            download = True
    else:
        download = True
    if download:
        print_msg(f"Downloading data from {origin}")

        class _Report:
            def __init__(self) -> None:
                self.bar: Progbar | None = None
                self.finished = False

            def __call__(self, block_num: int, block_size: int, total_size: int) -> None:
                total = None if total_size == -1 else total_size
                if not self.bar:
                    self.bar = Progbar(total)
                current = block_num * block_size
                if total is None:
                    self.bar.update(current)
                elif current < total:
                    self.bar.update(current)
                elif not self.finished:
                    self.bar.update(self.bar.target)
                    self.finished = True

        msg = "URL fetch failure on {}: {} -- {}"
        try:
            try:
                urlretrieve(origin, target, _Report())
            except urllib.error.HTTPError as e:
                raise Exception(msg.format(origin, e.code, e.msg)) from e
            except urllib.error.URLError as e:
                raise Exception(msg.format(origin, e.errno, e.reason)) from e
        except (Exception, KeyboardInterrupt):
            if os.path.exists(target):
                os.remove(target)
            raise
        if os.path.exists(target) and file_hash is not None and not validate_file(target, file_hash,
                                                                                   algorithm=hash_algorithm):
            raise ValueError(f"Incomplete or corrupted file detected. The {hash_algorithm} file hash does not match "
                             f"the provided value of {file_hash}.")
    if extract or untar:
        if untar:
            archive_format = "tar"
        if not extract_archive(target, extraction_dir, archive_format):
            import warnings

            warnings.warn("Could not extract archive.", stacklevel=2)
        return extraction_dir
    return target


__all__ = ["get_file"]
