"""``tf.io``: raw bytes, base64, files (``read_file``, ``write_file``, ``matching_files``) and ``tf.io.gfile``.

Paths are local files (no ``gs://`` or other remote file systems). Errors are TF's:
``tf.errors.NotFoundError`` for a missing file, ``FailedPreconditionError`` for a directory
where a file is expected, ``AlreadyExistsError`` when ``overwrite=False`` meets an existing file.
``serialize_tensor``/``parse_tensor``, TFRecord and ``tf.train.Example`` protos are not
implemented (absent).

Example:
    >>> import tapeflow as tf
    >>> print(tf.io.decode_raw(tf.constant("Duck"), tf.uint8))
    tf.Tensor([ 68 117  99 107], shape=(4,), dtype=uint8)
"""

from __future__ import annotations

import base64
import errno
import os
import re
import shutil
import sys
import types
from typing import Any, Iterator

import numpy as np

from . import dtypes as _dt
from ._io import replacing
from .errors import (
    AlreadyExistsError,
    FailedPreconditionError,
    InvalidArgumentError,
    NotFoundError,
    OpError,
    PermissionDeniedError,
)
from .ops.string_ops import _flat, _str_arg, _strings
from .primitives import bind1, defprim
from .tensor import Tensor, Variable

__all__ = ["decode_raw", "encode_base64", "decode_base64", "read_file", "write_file", "matching_files", "gfile"]

# --- decode_raw ------------------------------------------------------------------------------------------

_RAW_TYPES = {np.dtype(t) for t in (np.float16, np.float32, np.float64, np.int32, np.uint16, np.uint8, np.int16,
                                    np.int8, np.int64, np.complex64, np.complex128, np.bool_)}


def _decode_raw_fwd(x: np.ndarray, *, out_type: np.dtype, little_endian: bool, fixed_length: int | None) -> np.ndarray:
    flat = x.ravel().tolist() if x.ndim else [x[()]]
    size = out_type.itemsize
    src = out_type.newbyteorder("<" if little_endian else ">") if size > 1 else out_type
    if fixed_length is not None:
        if fixed_length <= 0:
            raise InvalidArgumentError(f"decode_raw: fixed_length ({fixed_length}) must be greater than zero.",
                                       op="decode_raw")
        if fixed_length % size:
            raise InvalidArgumentError(
                f"decode_raw: fixed_length ({fixed_length}) must be a multiple of the size of out_type ({size})",
                op="decode_raw")
        data = b"".join(s[:fixed_length].ljust(fixed_length, b"\0") for s in flat)
        n = fixed_length // size
    else:
        n0 = len(flat[0]) if flat else 0
        for i, s in enumerate(flat):
            if len(s) != n0:
                raise InvalidArgumentError(
                    f"decode_raw: DecodeRaw requires input strings to all be the same size, but element {i} has size "
                    f"{n0} != {len(s)}", op="decode_raw")
        if n0 % size:
            raise InvalidArgumentError(
                f"decode_raw: Input to DecodeRaw has length {n0} that is not a multiple of {size}, the size of "
                f"{_dt.from_numpy(out_type).name}", op="decode_raw")
        data = b"".join(flat)
        n = n0 // size
    if out_type.kind == "b":
        arr = np.frombuffer(data, np.uint8) != 0
    else:
        arr = np.frombuffer(data, src).astype(out_type)
    return arr.reshape(x.shape + (n,))


DECODE_RAW = defprim("decode_raw", _decode_raw_fwd, None)  # TF: NotDifferentiable("DecodeRaw")


def decode_raw(input_bytes: Any, out_type: Any, little_endian: bool = True, fixed_length: Any = None,
               name: str | None = None) -> Tensor:
    """Reinterpret the bytes of each string as numbers of ``out_type``; adds a last dimension.

    The strings must have equal lengths (a multiple of the type's size), unless ``fixed_length``
    is given: then each string is cut or zero-padded to that many bytes. Not differentiable.

    Example:
        >>> import tapeflow as tf
        >>> print(tf.io.decode_raw(tf.constant("Duck"), tf.uint8))
        tf.Tensor([ 68 117  99 107], shape=(4,), dtype=uint8)
        >>> tf.io.decode_raw(["abcd"], tf.int16, little_endian=False).numpy().tolist()
        [[24930, 25444]]
    """
    dt = np.dtype(_dt.np_dtype(out_type))
    if dt not in _RAW_TYPES:
        raise InvalidArgumentError(
            f"decode_raw: Value for attr 'out_type' of {_dt.from_numpy(dt).name} is not in the list of allowed "
            "values: half, float, double, int32, uint16, uint8, int16, int8, int64, complex64, complex128, bool",
            op="decode_raw")
    t = _str_arg(input_bytes, "decode_raw", "input_bytes")
    fl = None if fixed_length is None else int(np.asarray(fixed_length))
    return bind1(DECODE_RAW, t, {"out_type": dt, "little_endian": bool(little_endian), "fixed_length": fl})


# --- base64 ------------------------------------------------------------------------------------------------

_B64_CHARS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def encode_base64(input: Any, pad: bool = False, name: str | None = None) -> Tensor:
    """Web-safe base64 (``-`` and ``_`` for ``+`` and ``/``), without ``=`` padding unless ``pad``.

    Example:
        >>> import tapeflow as tf
        >>> tf.io.encode_base64(["hello", b"\\xfb\\xff"]).numpy().tolist()
        [b'aGVsbG8', b'-_8']
        >>> tf.io.encode_base64("a", pad=True).numpy()
        b'YQ=='
    """
    t = _str_arg(input, "encode_base64")

    def enc(s: bytes) -> bytes:
        e = base64.urlsafe_b64encode(s)
        return e if pad else e.rstrip(b"=")

    return _strings([enc(s) for s in _flat(t)], t._value.shape)


def _b64_decode(s: bytes) -> bytes:
    """TF's web-safe decoding: groups of 4; the last group may be 2 or 3 characters, or padded with = / ==."""
    n = len(s)
    full = (n - 1) // 4 * 4 if n > 4 else 0  # groups decoded before the last one
    if not _B64_CHARS.issuperset(s[:full]):  # the leading groups decode first (no padding allowed there)
        raise InvalidArgumentError("decode_base64: Invalid character found in base64.", op="decode_base64")
    end = n
    if n - full == 4:
        if s[full + 2:full + 4] == b"==":
            end -= 2
        elif s[full + 3:full + 4] == b"=" and s[full + 2:full + 3] != b"=":
            end -= 1
    if end - full == 1:
        raise InvalidArgumentError("decode_base64: Base64 string length cannot be 1 modulo 4.", op="decode_base64")
    if not _B64_CHARS.issuperset(s[:end]):
        raise InvalidArgumentError("decode_base64: Invalid character found in base64.", op="decode_base64")
    body = s[:end]
    return base64.urlsafe_b64decode(body + b"=" * (-len(body) % 4))


def decode_base64(input: Any, name: str | None = None) -> Tensor:
    """Decode web-safe base64 (padding optional); a bad character raises InvalidArgumentError.

    Example:
        >>> import tapeflow as tf
        >>> tf.io.decode_base64(["aGVsbG8", "YQ=="]).numpy().tolist()
        [b'hello', b'a']
    """
    t = _str_arg(input, "decode_base64")
    return _strings([_b64_decode(s) for s in _flat(t)], t._value.shape)


# --- files ---------------------------------------------------------------------------------------------------


def _path(p: Any, op: str) -> str:
    """A filename argument of an op: a scalar string (tensor)."""
    if isinstance(p, (Tensor, Variable)) or not isinstance(p, (str, bytes, os.PathLike)):
        t = _str_arg(p, op, "filename")
        if t._value.ndim:
            raise InvalidArgumentError(
                f"{op}: Input filename tensor must be scalar, but had shape: {list(t._value.shape)}", op=op)
        p = t._value[()]
    p = os.fspath(p)
    return p.decode("utf-8", "surrogateescape") if isinstance(p, bytes) else p


def _os_error(e: OSError, path: str, op: str | None = None) -> OpError:
    """TF's error for a failed file-system call."""
    text = f"{path}; {e.strerror or e}"
    if e.errno == errno.ENOENT:
        return NotFoundError(text, op=op)
    if e.errno in (errno.EEXIST, errno.ENOTEMPTY):
        return AlreadyExistsError(text, op=op)
    if e.errno in (errno.EISDIR, errno.ENOTDIR):
        return FailedPreconditionError(text, op=op)
    if e.errno in (errno.EACCES, errno.EPERM):
        return PermissionDeniedError(text, op=op)
    return OpError(text, op=op)


def read_file(filename: Any, name: str | None = None) -> Tensor:
    """The whole content of a file, as a scalar string tensor.

    Example:
        >>> import os, tempfile, tapeflow as tf
        >>> path = os.path.join(tempfile.mkdtemp(), "x.bin")
        >>> tf.io.write_file(path, b"hi\\x00there")
        >>> tf.io.read_file(path).numpy()
        b'hi\\x00there'
    """
    path = _path(filename, "read_file")
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise _os_error(e, path, "read_file") from None
    return _strings([data], ())


def write_file(filename: Any, contents: Any, name: str | None = None) -> None:
    """Write ``contents`` (a scalar string) to a file, atomically (a temporary file, then
    ``os.replace``); missing parent directories are created, as TF."""
    op = "write_file"
    path = _path(filename, op)
    t = _str_arg(contents, op, "contents")
    if t._value.ndim:
        raise InvalidArgumentError(f"{op}: Contents tensor must be scalar, but had shape: {list(t._value.shape)}",
                                   op=op)
    if os.path.isdir(path):
        raise FailedPreconditionError(f"{path}; Is a directory", op=op)
    try:
        parent = os.path.dirname(os.path.abspath(path))
        os.makedirs(parent, exist_ok=True)
        with replacing(path, prefix=".tmp_" + os.path.basename(path) + ".", suffix=".tmp") as (fd, _tmp):
            with os.fdopen(fd, "wb") as f:
                f.write(t._value[()])
    except OSError as e:
        raise _os_error(e, path, op) from None


# --- glob ------------------------------------------------------------------------------------------------------


def _glob_regex(pattern: str) -> re.Pattern:
    """One path component of a glob: ``*``, ``?``, ``[...]`` (``[!..]``/``[^..]`` negate), ``\\`` escapes."""
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "\\" and i + 1 < len(pattern):
            i += 1
            out.append(re.escape(pattern[i]))
        elif c == "[":
            j = i + 1
            if j < len(pattern) and pattern[j] in "!^":
                j += 1
            if j < len(pattern) and pattern[j] == "]":
                j += 1
            while j < len(pattern) and pattern[j] != "]":
                j += 1
            if j >= len(pattern):
                out.append("\\[")
            else:
                body = pattern[i + 1:j]
                neg = body[:1] in ("!", "^")
                body = body[1:] if neg else body
                body = body.replace("\\", "\\\\").replace("[", "\\[")
                out.append("[" + ("^" if neg else "") + body + "]")
                i = j
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out) + r"\Z", re.DOTALL)


def _has_magic(s: str) -> bool:
    return any(c in s for c in "*?[\\")


def _glob(pattern: str) -> list:
    """Paths matching ``pattern`` (directory-listing order; wildcards do not cross ``/``)."""
    if not _has_magic(pattern):
        return [pattern] if os.path.lexists(pattern) else []
    absolute = pattern.startswith("/")
    parts = [p for p in pattern.split("/") if p != ""]
    # the longest wildcard-free prefix is the starting directory
    k = 0
    while k < len(parts) and not _has_magic(parts[k]):
        k += 1
    base = ("/" if absolute else "") + "/".join(parts[:k])
    starts = [base]
    for comp in parts[k:]:
        nxt = []
        magic = _has_magic(comp)
        rx = _glob_regex(comp) if magic else None
        for d in starts:
            if not magic:
                p = os.path.join(d, comp) if d else comp
                if os.path.lexists(p):
                    nxt.append(p)
                continue
            try:
                names = os.listdir(d or ".")
            except OSError:
                continue
            nxt.extend(os.path.join(d, n) if d else n for n in names if rx.match(n))
        starts = nxt
    return starts


def matching_files(pattern: Any, name: str | None = None) -> Tensor:
    """The sorted file names matching a glob ``pattern`` (or each pattern of a list, concatenated).

    Example:
        >>> import os, tempfile, tapeflow as tf
        >>> d = tempfile.mkdtemp()
        >>> for n in ["b.txt", "a.txt", "c.csv"]:
        ...     tf.io.write_file(os.path.join(d, n), "")
        >>> [os.path.basename(p) for p in tf.io.matching_files(os.path.join(d, "*.txt")).numpy().tolist()]
        [b'a.txt', b'b.txt']
    """
    t = _str_arg(pattern, "matching_files", "pattern")
    out = []
    for p in _flat(t):
        out.extend(sorted(x.encode("utf-8", "surrogateescape") for x in _glob(p.decode("utf-8", "surrogateescape"))))
    return _strings(out, (len(out),))


# --- tf.io.gfile ---------------------------------------------------------------------------------------------


def _gpath(p: Any) -> str:
    if isinstance(p, bytes):
        return p.decode("utf-8", "surrogateescape")
    if isinstance(p, (str, os.PathLike)):
        return os.fspath(p)
    raise TypeError(f"Expected binary or unicode string, got {p!r}")


def exists(path: Any) -> bool:
    """True when ``path`` exists (a file or a directory).

    Example:
        >>> import tempfile, tapeflow as tf
        >>> tf.io.gfile.exists(tempfile.gettempdir())
        True
    """
    return os.path.exists(_gpath(path))


def isdir(path: Any) -> bool:
    """True when ``path`` is a directory."""
    return os.path.isdir(_gpath(path))


def glob(pattern: Any) -> list:
    """The paths matching a glob ``pattern`` (or any pattern of a list), as str, in listing order."""
    pats = [pattern] if isinstance(pattern, (str, bytes, os.PathLike)) else list(pattern)
    out: list = []
    for p in pats:
        for m in _glob(_gpath(p)):
            if m not in out:
                out.append(m)
    return out


def listdir(path: Any) -> list:
    """The names in a directory (not ``.``/``..``), in listing order.

    Example:
        >>> import os, tempfile, tapeflow as tf
        >>> d = tempfile.mkdtemp()
        >>> tf.io.gfile.makedirs(os.path.join(d, "sub"))
        >>> tf.io.gfile.listdir(d)
        ['sub']
    """
    p = _gpath(path)
    if not os.path.isdir(p):
        raise NotFoundError(f"Could not find directory {p}")
    return os.listdir(p)


def makedirs(path: Any) -> None:
    """Create a directory and its missing parents (no error if it exists)."""
    p = _gpath(path)
    try:
        os.makedirs(p, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        q = p  # TF names the existing file that blocks the path
        while q and not os.path.lexists(q):
            q = os.path.dirname(q.rstrip("/"))
        raise FailedPreconditionError(f"{q or p} is not a directory") from None
    except OSError as e:
        raise _os_error(e, p) from None


def mkdir(path: Any) -> None:
    """Create a directory (the parent must exist; no error if it already exists, as TF)."""
    p = _gpath(path)
    try:
        os.mkdir(p)
    except FileExistsError:
        if not os.path.isdir(p):
            raise FailedPreconditionError(f"{p} is not a directory") from None
    except OSError as e:
        raise _os_error(e, p) from None


def remove(path: Any) -> None:
    """Delete a file (a directory raises FailedPreconditionError)."""
    p = _gpath(path)
    if os.path.isdir(p) and not os.path.islink(p):
        raise FailedPreconditionError(f"{p}; Is a directory")
    try:
        os.remove(p)
    except OSError as e:
        raise _os_error(e, p) from None


def rmtree(path: Any) -> None:
    """Delete a directory and everything in it (a file is deleted too, as TF)."""
    p = _gpath(path)
    if not os.path.lexists(p):
        raise NotFoundError(f"{p} not found")
    try:
        if os.path.isdir(p) and not os.path.islink(p):
            shutil.rmtree(p)
        else:
            os.remove(p)
    except OSError as e:
        raise _os_error(e, p) from None


def rename(src: Any, dst: Any, overwrite: bool = False) -> None:
    """Rename (move) ``src`` to ``dst``; an existing ``dst`` raises AlreadyExistsError unless ``overwrite``."""
    s, d = _gpath(src), _gpath(dst)
    if not os.path.lexists(s):
        raise NotFoundError(f"{s}; No such file or directory")
    if not overwrite and os.path.lexists(d):
        raise AlreadyExistsError("file already exists")
    try:
        os.replace(s, d)
    except OSError as e:
        raise _os_error(e, s) from None


def copy(src: Any, dst: Any, overwrite: bool = False) -> None:
    """Copy the file ``src`` to ``dst``; an existing ``dst`` raises AlreadyExistsError unless ``overwrite``."""
    s, d = _gpath(src), _gpath(dst)
    if not overwrite and os.path.lexists(d):
        raise AlreadyExistsError("file already exists")
    if not os.path.exists(s):
        raise NotFoundError(f"{s}; No such file or directory")
    if os.path.isdir(s):
        raise FailedPreconditionError(f"{s}; Is a directory")
    try:
        with open(s, "rb") as f:
            data = f.read()
    except OSError as e:
        raise _os_error(e, s) from None
    if not os.path.isdir(os.path.dirname(os.path.abspath(d))):
        raise NotFoundError(f"{d}; No such file or directory")
    try:
        with replacing(d, prefix=".tmp_copy.", suffix=".tmp") as (fd, _tmp):
            with os.fdopen(fd, "wb") as f:
                f.write(data)
    except OSError as e:
        raise _os_error(e, d) from None


class FileStatistics:
    """What ``tf.io.gfile.stat`` returns: ``length`` (bytes), ``mtime_nsec``, ``is_directory``."""

    def __init__(self, length: int, mtime_nsec: int, is_directory: bool) -> None:
        self.length = length
        self.mtime_nsec = mtime_nsec
        self.is_directory = is_directory

    def __repr__(self) -> str:
        return f"FileStatistics(length={self.length}, mtime_nsec={self.mtime_nsec}, is_directory={self.is_directory})"


def stat(path: Any) -> FileStatistics:
    """The size, modification time (ns) and kind of ``path``.

    Example:
        >>> import os, tempfile, tapeflow as tf
        >>> p = os.path.join(tempfile.mkdtemp(), "f")
        >>> tf.io.write_file(p, "12345")
        >>> tf.io.gfile.stat(p).length
        5
    """
    p = _gpath(path)
    try:
        st = os.stat(p)
    except OSError as e:
        raise _os_error(e, p) from None
    return FileStatistics(int(st.st_size), int(st.st_mtime_ns), os.path.isdir(p))


def walk(top: Any, topdown: bool = True, onerror: Any = None) -> Iterator[tuple]:
    """``(dirname, subdirs, files)`` for each directory under ``top``, as ``os.walk``
    (nothing for a missing ``top``)."""
    def one(t: str) -> Iterator[tuple]:
        try:
            names = os.listdir(t)
        except OSError as e:
            if onerror is not None:
                onerror(_os_error(e, t))
            return
        dirs = [n for n in names if os.path.isdir(os.path.join(t, n))]
        files = [n for n in names if n not in dirs]
        if topdown:
            yield t, dirs, files
        for d in dirs:
            yield from one(os.path.join(t, d))
        if not topdown:
            yield t, dirs, files

    t = _gpath(top)
    if os.path.isdir(t):
        yield from one(t)


def join(path: Any, *paths: Any) -> str:
    """Join path components with ``/`` (as ``os.path.join``).

    Example:
        >>> import tapeflow as tf
        >>> tf.io.gfile.join("a", "b", "c.txt")
        'a/b/c.txt'
    """
    return os.path.join(_gpath(path), *(_gpath(p) for p in paths))


_MODES = ("r", "w", "a", "r+", "w+", "a+")


class GFile:
    """A file object as TF's ``tf.io.gfile.GFile``: opened lazily, ``str`` in text mode and
    ``bytes`` in binary mode (``write`` takes either); ``size()``, ``seek``/``tell``, lines.

    Example:
        >>> import os, tempfile, tapeflow as tf
        >>> p = os.path.join(tempfile.mkdtemp(), "notes.txt")
        >>> with tf.io.gfile.GFile(p, "w") as f:
        ...     f.write("one\\ntwo\\n")
        >>> tf.io.gfile.GFile(p).readlines()
        ['one\\n', 'two\\n']
    """

    def __init__(self, name: Any, mode: str = "r") -> None:
        self.__name = _gpath(name)
        self.__mode = mode
        self._binary = "b" in mode
        base = mode.replace("b", "")
        if base not in _MODES:
            raise InvalidArgumentError("mode is not 'r' or 'w' or 'a' or 'r+' or 'w+' or 'a+'")
        self._base = base
        self._f: Any = None

    @property
    def name(self) -> str:
        return self.__name

    @property
    def mode(self) -> str:
        return self.__mode

    def _file(self) -> Any:
        if self._f is None:
            if os.path.isdir(self.__name):
                raise FailedPreconditionError(f"{self.__name}; Is a directory")
            try:
                self._f = open(self.__name, self._base + "b")
            except OSError as e:
                raise _os_error(e, self.__name) from None
        return self._f

    def _readable(self) -> Any:
        if self._base in ("w", "a"):
            raise PermissionDeniedError("File isn't open for reading")
        return self._file()

    def _out(self, data: bytes) -> Any:
        return data if self._binary else data.decode("utf-8")

    def size(self) -> int:
        """The file's size in bytes."""
        try:
            return os.stat(self.__name).st_size
        except OSError as e:
            raise _os_error(e, self.__name) from None

    def write(self, file_content: Any) -> None:
        """Write ``str`` (as UTF-8) or ``bytes``."""
        if self._base == "r":
            raise PermissionDeniedError("File isn't open for writing")
        f = self._file()  # as TF, the file is created before the content is checked
        if isinstance(file_content, str):
            file_content = file_content.encode("utf-8")
        elif not isinstance(file_content, (bytes, bytearray)):
            raise TypeError(f"Expected binary or unicode string, got {file_content!r}")
        f.write(file_content)

    def read(self, n: int = -1) -> Any:
        """Read ``n`` bytes (all when ``n < 0``)."""
        return self._out(self._readable().read(-1 if n is None or n < 0 else n))

    def readline(self) -> Any:
        return self._out(self._readable().readline())

    def readlines(self) -> list:
        return [self._out(x) for x in self._readable().readlines()]

    def seek(self, offset: int | None = None, whence: int = 0, position: int | None = None) -> None:
        """Move to ``offset`` (from the start, the current position or the end, by ``whence``)."""
        if position is not None:
            offset = position
        self._file().seek(int(offset or 0), whence)

    def tell(self) -> int:
        return self._file().tell()

    def seekable(self) -> bool:
        return True

    def flush(self) -> None:
        if self._f is not None:
            self._f.flush()

    def close(self) -> None:
        if self._f is not None:
            self._f.close()
            self._f = None

    def __iter__(self) -> GFile:
        return self

    def __next__(self) -> Any:
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def next(self) -> Any:
        return self.__next__()

    def __enter__(self) -> GFile:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001  (interpreter shutdown)
            pass


_GFILE = {"GFile": GFile, "copy": copy, "exists": exists, "glob": glob, "isdir": isdir, "join": join,
          "listdir": listdir, "makedirs": makedirs, "mkdir": mkdir, "remove": remove, "rename": rename,
          "rmtree": rmtree, "stat": stat, "walk": walk}
gfile = types.ModuleType(__name__ + ".gfile", "``tf.io.gfile``: file-system helpers on local paths.")
for _n, _v in _GFILE.items():
    setattr(gfile, _n, _v)
    del globals()[_n]  # these names live in tf.io.gfile only, as in TF
gfile.__all__ = sorted(_GFILE)
sys.modules[gfile.__name__] = gfile
__test__ = {f"gfile.{_n}": _v for _n, _v in _GFILE.items()}  # their docstring examples still run
del _n, _v, _GFILE
