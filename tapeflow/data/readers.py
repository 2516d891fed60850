"""File-reading datasets: ``tf.data.TextLineDataset`` (the lines of text files) and
``tf.data.experimental.CsvDataset`` (the records of CSV files), plain, GZIP or ZLIB compressed.

Example:
    >>> import os, tempfile
    >>> import tapeflow as tf
    >>> path = os.path.join(tempfile.mkdtemp(), "a.csv")
    >>> with open(path, "w") as f:
    ...     _ = f.write("1,2.5\\n3,4\\n")
    >>> [l.decode() for l in tf.data.TextLineDataset(path).as_numpy_iterator()]
    ['1,2.5', '3,4']
    >>> [(int(a), float(b)) for a, b in tf.data.experimental.CsvDataset(path, [tf.int32, 0.0])]
    [(1, 2.5), (3, 4.0)]
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import zlib
from collections.abc import Iterator
from typing import Any

import numpy as np

from .. import dtypes as _dt
from ..errors import InvalidArgumentError, NotFoundError
from ..tensor import Tensor, Variable
from .dataset import _UNK, Dataset
from .specs import TensorSpec

_COMPRESSIONS = ("", "GZIP", "ZLIB")


def _compression(compression_type: Any, op: str) -> str:
    c = "" if compression_type is None else compression_type
    if isinstance(c, Tensor):
        c = c.numpy()
    if isinstance(c, bytes):
        c = c.decode()
    if c not in _COMPRESSIONS:
        raise InvalidArgumentError(f"{op}: Unsupported compression_type: {c}. (one of '', 'GZIP', 'ZLIB')", op=op)
    return c


def _filenames(filenames: Any, op: str) -> list:
    """The file names as Python strings: a str, a list of them, a string Tensor or a Dataset of strings."""
    if isinstance(filenames, Dataset):
        return [v.decode() if isinstance(v, bytes) else str(v) for v in filenames.as_numpy_iterator()]
    if isinstance(filenames, Variable):
        filenames = filenames.read_value()
    if isinstance(filenames, Tensor):
        if filenames.dtype != _dt.string:
            raise TypeError(f"{op}: `filenames` must be a string Tensor, got dtype {filenames.dtype.name}")
        filenames = np.asarray(filenames._value, dtype=object).reshape(-1).tolist()
    if isinstance(filenames, (str, bytes)):
        filenames = [filenames]
    out = []
    for f in filenames:
        if isinstance(f, Tensor):
            f = f.numpy()
        if isinstance(f, bytes):
            f = f.decode()
        if not isinstance(f, str):
            import os

            f = os.fspath(f)
        out.append(f)
    return out


def _read(path: str, compression: str, op: str) -> bytes:
    try:
        with open(path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise NotFoundError(f"{op}: {path}; No such file or directory", op=op) from None
    try:
        if compression == "GZIP":
            return gzip.decompress(data)
        if compression == "ZLIB":
            return zlib.decompress(data)
    except (OSError, zlib.error, EOFError) as e:
        raise InvalidArgumentError(f"{op}: {path} is not a valid {compression} file ({e})", op=op) from None
    return data


def _string(b: bytes) -> np.ndarray:
    a = np.empty((), dtype=object)
    a[()] = b
    return a


class TextLineDataset(Dataset):
    """The lines of one or more text files, each a scalar string without its line ending (``\\n`` or
    ``\\r\\n``); a last line without a newline is kept, a final newline starts no empty line.

    ``filenames`` is a file name, a list of them, a string Tensor or a Dataset of file names;
    ``compression_type`` is ``""``/None, ``"GZIP"`` or ``"ZLIB"``. ``buffer_size`` and
    ``num_parallel_reads`` are accepted (files are read whole, one after another).

    Example:
        >>> import os, tempfile
        >>> import tapeflow as tf
        >>> path = os.path.join(tempfile.mkdtemp(), "t.txt")
        >>> with open(path, "w") as f:
        ...     _ = f.write("Line 1\\nLine 2\\n")
        >>> ds = tf.data.TextLineDataset(path)
        >>> ds
        <TextLineDatasetV2 element_spec=TensorSpec(shape=(), dtype=tf.string, name=None)>
        >>> list(ds.as_numpy_iterator())
        [b'Line 1', b'Line 2']
    """

    def __init__(self, filenames: Any, compression_type: str | None = None, buffer_size: int | None = None,
                 num_parallel_reads: int | None = None, name: str | None = None) -> None:
        op = "TextLineDataset"
        compression = _compression(compression_type, op)
        files = _filenames(filenames, op)

        def gen() -> Iterator[np.ndarray]:
            for path in files:
                data = _read(path, compression, op)
                if not data:
                    continue
                lines = data.split(b"\n")
                if lines[-1] == b"":
                    lines.pop()
                for line in lines:
                    yield _string(line[:-1] if line.endswith(b"\r") else line)

        super().__init__(gen, _UNK, lambda: TensorSpec((), _dt.string))
        self._tf_name = "TextLineDatasetV2"


_INT = re.compile(r"\s*[+-]?\d+\s*")
_FLOAT = re.compile(r"\s*[+-]?((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|inf|infinity|nan)\s*", re.I)
_TYPE_NAMES = {"int32": "int32", "int64": "int64", "float32": "float", "float64": "double", "string": "string"}


def _record_default(value: Any, i: int) -> tuple:
    """(dtype, default array or None) of one record default: a dtype (a required column) or a value."""
    if isinstance(value, _dt.DType) or (isinstance(value, type) and value in (int, float, str)):
        dtype = _dt.as_dtype(value) if isinstance(value, _dt.DType) else \
            {int: _dt.int32, float: _dt.float32, str: _dt.string}[value]
        default = None
    else:
        if isinstance(value, Variable):
            value = value.read_value()
        if isinstance(value, Tensor):
            dtype, arr = value.dtype, np.asarray(value._value)
        elif isinstance(value, (bytes, str)):
            dtype, arr = _dt.string, _string(value.encode() if isinstance(value, str) else value)
        elif isinstance(value, bool):
            raise TypeError(f"CsvDataset: record_defaults[{i}] has unsupported type bool")
        elif isinstance(value, int):
            dtype, arr = _dt.int32, np.asarray(value, np.int32)
        elif isinstance(value, float):
            dtype, arr = _dt.float32, np.asarray(value, np.float32)
        else:
            arr = np.asarray(value)
            if arr.dtype.kind in "USO":
                dtype, arr = _dt.string, _string(str(arr.reshape(-1)[0]).encode())
            else:
                dtype = {np.dtype(np.float64): _dt.float32, np.dtype(np.int64): _dt.int32}.get(
                    arr.dtype, _dt.from_numpy(arr.dtype))
                arr = arr.astype(dtype._np)
        if arr.size > 1:
            raise ValueError(f"CsvDataset: record_defaults[{i}] must have at most one element, got shape {arr.shape}")
        default = arr.reshape(()) if arr.size == 1 else None
    if dtype.name not in _TYPE_NAMES:
        raise ValueError(f"CsvDataset: record_defaults[{i}] has unsupported dtype {dtype.name} (int32, int64, "
                        "float32, float64 or string)")
    return dtype, default


def _parse(field: str, dtype: Any, col: int) -> np.ndarray:
    name = dtype.name
    if name == "string":
        return _string(field.encode("latin-1"))
    if name in ("int32", "int64"):
        ok = _INT.fullmatch(field) is not None
        if ok:
            v = int(field)
            bits = 31 if name == "int32" else 63
            ok = -(1 << bits) <= v < (1 << bits)
        if ok:
            return np.asarray(v, dtype._np)
    elif _FLOAT.fullmatch(field):
        return np.asarray(float(field), dtype._np)
    raise InvalidArgumentError(f"CsvDataset: Field {col} in record is not a valid {_TYPE_NAMES[name]}: {field}",
                               op="CsvDataset")


class CsvDataset(Dataset):
    """The records of CSV files as tuples of scalars, one per (selected) column.

    ``record_defaults`` gives each output column's type: a dtype (the column is required) or a
    default value used for empty fields (Python ints are int32, floats float32; or a tensor of
    int32, int64, float32, float64 or string). ``header`` skips each file's first line;
    ``field_delim`` separates fields; with ``use_quote_delim`` a field in double quotes may contain
    the delimiter, newlines and doubled quotes; a field equal to ``na_value`` counts as empty;
    ``select_cols`` (strictly increasing) or ``exclude_cols`` choose the columns. ``compression_type``
    is ``""``/None, ``"GZIP"`` or ``"ZLIB"``; ``buffer_size`` is accepted and unused.

    Example:
        >>> import os, tempfile
        >>> import tapeflow as tf
        >>> path = os.path.join(tempfile.mkdtemp(), "c.csv")
        >>> with open(path, "w") as f:
        ...     _ = f.write("a,b\\n1,\\n3,4.5\\n")
        >>> ds = tf.data.experimental.CsvDataset(path, [tf.int64, 0.0], header=True)
        >>> ds.element_spec[1]
        TensorSpec(shape=(), dtype=tf.float32, name=None)
        >>> [(int(a), float(b)) for a, b in ds]
        [(1, 0.0), (3, 4.5)]
    """

    def __init__(self, filenames: Any, record_defaults: Any, compression_type: str | None = None,
                 buffer_size: int | None = None, header: bool = False, field_delim: str = ",",
                 use_quote_delim: bool = True, na_value: str = "", select_cols: Any = None,
                 exclude_cols: Any = None, name: str | None = None) -> None:
        op = "CsvDataset"
        compression = _compression(compression_type, op)
        files = _filenames(filenames, op)
        cols = [_record_default(v, i) for i, v in enumerate(record_defaults)]
        if not cols:
            raise InvalidArgumentError("CsvDataset: record_defaults must not be empty", op=op)
        if select_cols is not None and exclude_cols is not None:
            raise InvalidArgumentError("CsvDataset: either select_cols or exclude_cols should be empty", op=op)
        if select_cols is not None:
            select = [int(c) for c in select_cols]
            if any(b <= a for a, b in zip(select, select[1:])) or (select and select[0] < 0):
                raise InvalidArgumentError("CsvDataset: select_cols should be strictly increasing indices", op=op)
            if len(select) != len(cols):
                raise InvalidArgumentError("CsvDataset: select_cols should match output size", op=op)
        exclude = sorted({int(c) for c in exclude_cols}) if exclude_cols is not None else []
        if len(field_delim) != 1:
            raise InvalidArgumentError(f"CsvDataset: field_delim should be only 1 character, got {field_delim!r}",
                                       op=op)
        specs = tuple(TensorSpec((), dtype) for dtype, _ in cols)

        def fields_of(row: list) -> list:
            if select_cols is not None:
                keep = set(select)
                picked = [f for j, f in enumerate(row) if j in keep]
                if len(picked) < len(select):
                    raise InvalidArgumentError(f"CsvDataset: Expect {len(select)} fields but have {len(picked)} in "
                                               "record", op=op)
                return picked
            if exclude:
                row = [f for j, f in enumerate(row) if j not in exclude]
            return row

        def gen() -> Iterator[tuple]:
            for path in files:
                text = _read(path, compression, op).decode("latin-1")
                reader = csv.reader(io.StringIO(text, newline=""), delimiter=field_delim, quotechar='"',
                                    doublequote=True, quoting=csv.QUOTE_MINIMAL if use_quote_delim else csv.QUOTE_NONE,
                                    strict=False)
                for k, row in enumerate(reader):
                    if header and k == 0:
                        continue
                    row = fields_of(row or [""])
                    out = []
                    for j, ((dtype, default), field) in enumerate(zip(cols, row)):
                        if field == "" or field == na_value:
                            if default is None:
                                raise InvalidArgumentError(f"CsvDataset: Field {j} is required but missing in "
                                                           "record!", op=op)
                            out.append(default.copy())
                        else:
                            out.append(_parse(field, dtype, j))
                    if len(row) != len(cols):
                        more = "more" if len(row) > len(cols) else str(len(row))
                        raise InvalidArgumentError(f"CsvDataset: Expect {len(cols)} fields but have {more} in record",
                                                   op=op)
                    yield tuple(out)

        super().__init__(gen, _UNK, lambda: specs)
        self._tf_name = "CsvDatasetV2"


__all__ = ["CsvDataset", "TextLineDataset"]
