"""``tf.lookup``: hash tables from keys (strings or integers) to values.

``StaticHashTable`` is filled once by an initializer (``KeyValueTensorInitializer`` or
``TextFileInitializer``); ``StaticVocabularyTable`` adds out-of-vocabulary buckets chosen by
FarmHash ``Fingerprint64`` exactly as TF (the same bucket ids); ``tf.lookup.experimental`` has
the mutable ``MutableHashTable`` and ``DenseHashTable``. Lookups keep the shape of the keys (and
work on ``tf.SparseTensor`` / ``tf.RaggedTensor`` keys for the static tables); their results are
not differentiable (TF: NotDifferentiable("LookupTableFindV2")).

``export()`` gives TF's order for ``MutableHashTable`` (TF iterates a C++ ``std::unordered_map``,
reproduced here) and TF's bucket layout for ``DenseHashTable``; TF's ``StaticHashTable`` order
changes from run to run, tapeflow gives the initializer's order.

Example:
    >>> import tapeflow as tf
    >>> init = tf.lookup.KeyValueTensorInitializer(["a", "b", "c"], [7, 8, 9])
    >>> table = tf.lookup.StaticHashTable(init, default_value=-1)
    >>> table.lookup(tf.constant([["a", "z"], ["c", "b"]])).numpy().tolist()
    [[7, -1], [9, 8]]
    >>> vocab = tf.lookup.StaticVocabularyTable(
    ...     tf.lookup.KeyValueTensorInitializer(["emerson", "lake", "palmer"], tf.constant([0, 1, 2], tf.int64)),
    ...     num_oov_buckets=5)
    >>> vocab.lookup(tf.constant(["lake", "king", "crimson"])).numpy().tolist()
    [1, 6, 7]
"""

from __future__ import annotations

import bisect
import os
import re
import sys
import types
from typing import Any

import numpy as np

from . import dtypes as _dt
from .errors import FailedPreconditionError, InvalidArgumentError, NotFoundError, OutOfRangeError
from .ops.hash_ops import tf_type_name
from .ops.string_ops import _fingerprint64, _murmur64
from .primitives import bind, defprim
from .ragged_tensor import RaggedTensor
from .sparse_tensor import SparseTensor
from .tensor import Tensor, Variable, _object_array, convert_to_tensor

__all__ = ["KeyValueTensorInitializer", "StaticHashTable", "StaticVocabularyTable", "TextFileIndex",
           "TextFileInitializer", "experimental"]

_M64 = (1 << 64) - 1

# (key, value) dtypes that TF registers kernels for, per table op
_HASH_TABLE_KERNELS = (("string", "string"), ("string", "int64"), ("string", "int32"), ("string", "float"),
                       ("string", "double"), ("string", "bool"), ("int64", "string"), ("int64", "int64"),
                       ("int64", "int32"), ("int64", "float"), ("int64", "double"), ("int32", "string"),
                       ("int32", "int32"), ("int32", "float"), ("int32", "double"))
_MUTABLE_KERNELS = (("string", "int64"), ("string", "int32"), ("string", "float"), ("string", "double"),
                    ("string", "bool"), ("int64", "string"), ("int64", "int64"), ("int64", "int32"),
                    ("int64", "float"), ("int64", "double"), ("int32", "int32"), ("int32", "float"),
                    ("int32", "double"))
_DENSE_KERNELS = (("string", "int64"), ("string", "int32"), ("string", "float"), ("string", "double"),
                  ("string", "bool"), ("int64", "int64"), ("int64", "int32"), ("int64", "float"),
                  ("int64", "double"), ("int64", "bool"), ("int32", "int32"), ("int32", "float"), ("int32", "double"))


def _enum_name(dt: _dt.DType) -> str:
    return "DT_" + tf_type_name(dt).upper()


# kernels TF lists in its error but tapeflow has no dtype for, at their place in TF's list
_EXTRA_KERNELS = {"MutableHashTableV2": {5: ("int64", "variant")},
                  "MutableDenseHashTableV2": {0: ("string", "resource"), 6: ("int64", "variant")}}


def _check_kernel(op: str, kd: _dt.DType, vd: _dt.DType, kernels: tuple) -> None:
    if (tf_type_name(kd), tf_type_name(vd)) in kernels:
        return
    shown = list(kernels)
    for at, kv in sorted(_EXTRA_KERNELS.get(op, {}).items()):
        shown.insert(at, kv)
    lines = "\n".join(f"  device='CPU'; key_dtype in [DT_{k.upper()}]; value_dtype in [DT_{v.upper()}]"
                      for k, v in shown)
    raise NotFoundError(
        f"Could not find device for node: {{{{node {op}}}}} = {op}[key_dtype={_enum_name(kd)}, "
        f"value_dtype={_enum_name(vd)}]\nAll kernels registered for op {op}:\n{lines}\n [Op:{op}]", op=op)


def _shape_text(shape: Any) -> str:
    return "[" + ",".join(str(int(d)) for d in shape) + "]"


def _scalar_text(v: Any) -> str:
    """A key or value as TF's C++ messages print it."""
    if isinstance(v, bytes):
        return v.decode("utf-8", "replace")
    if isinstance(v, (bool, np.bool_)):
        return "1" if v else "0"
    if isinstance(v, (float, np.floating)):
        return f"{float(v):g}"
    return str(v)


def _np_dtype(dt: _dt.DType) -> np.dtype:
    return np.dtype(dt.as_numpy_dtype)


def _as_array(flat: list, dt: _dt.DType, shape: tuple) -> np.ndarray:
    if dt.name == "string":
        return _object_array(flat, shape)
    with np.errstate(over="ignore"):  # 1e40 read as a float32 is inf, silently, as in TF
        return np.asarray(flat, _np_dtype(dt)).reshape(shape)


def _read(x: Any) -> Any:
    return x._read() if isinstance(x, Variable) else x


def _to_tensor(x: Any, dtype: Any) -> Tensor:
    try:
        return convert_to_tensor(_read(x), dtype=dtype)
    except TypeError as e:  # TF's message, without tapeflow's note of where it failed
        raise TypeError(str(e).replace(" (convert_to_tensor)", "")) from None


def _convert(x: Any, dt: _dt.DType, what: str) -> Tensor:
    """TF's ``convert_to_tensor(x, dtype=dt, name=what)``."""
    x = _read(x)
    if isinstance(x, Tensor):
        if x.dtype != dt:
            raise ValueError(
                f"{what}: Tensor conversion requested dtype {dt.name} for Tensor with dtype {x.dtype.name}: {x!r}")
        return x
    try:
        return convert_to_tensor(x, dtype=dt)
    except TypeError as e:
        raise TypeError(str(e).replace(" (convert_to_tensor)", "")) from None


def _find_fwd(keys: np.ndarray, default: np.ndarray, *, table: Any) -> np.ndarray:
    return table._find(keys, default)


# the one lookup primitive: a cut on the tape (TF: NotDifferentiable("LookupTableFindV2"))
_FIND = defprim("lookup_table_find", _find_fwd, None)


def _check_table_dtypes(table: Any, key_dtype: _dt.DType, value_dtype: _dt.DType) -> None:
    if key_dtype != table.key_dtype:
        raise TypeError(f"Invalid key dtype for table, expected {table.key_dtype} but got {key_dtype}.")
    if value_dtype != table.value_dtype:
        raise TypeError(f"Invalid value dtype for table, expected {table.value_dtype} but got {value_dtype}.")


def _composite_keys(keys: Any) -> tuple:
    """(the dense keys to look up, a function rebuilding the result in the keys' structure)."""
    if isinstance(keys, SparseTensor):
        return keys.values, lambda v: SparseTensor._make(keys.indices, v, keys.dense_shape)
    if isinstance(keys, RaggedTensor):
        return keys.flat_values, keys.with_flat_values
    return _read(keys), lambda v: v


# --- initializers ---------------------------------------------------------------------------------------------


class KeyValueTensorInitializer:
    """Fills a table from a tensor of keys and a tensor of values (same number of elements).

    Example:
        >>> import tapeflow as tf
        >>> init = tf.lookup.KeyValueTensorInitializer(["a", "b"], [1.5, 2.5], value_dtype=tf.float64)
        >>> init.key_dtype, init.value_dtype
        (tf.string, tf.float64)
    """

    def __init__(self, keys: Any, values: Any, key_dtype: Any = None, value_dtype: Any = None,
                 name: str | None = None) -> None:
        self._keys = _to_tensor((keys), dtype=key_dtype)
        self._values = _to_tensor((values), dtype=value_dtype)
        self._name = name

    @property
    def key_dtype(self) -> _dt.DType:
        """The dtype of the keys."""
        return self._keys.dtype

    @property
    def value_dtype(self) -> _dt.DType:
        """The dtype of the values."""
        return self._values.dtype

    def initialize(self, table: Any) -> None:
        """Import the keys and values into ``table`` (TF's ``LookupTableImportV2``)."""
        _check_table_dtypes(table, self._keys.dtype, self._values.dtype)
        table._import(self._keys._value, self._values._value)


class TextFileIndex:
    """What ``TextFileInitializer`` takes from each line: a column ``>= 0``, the whole line
    (``WHOLE_LINE``) or the line number (``LINE_NUMBER``, int64)."""

    WHOLE_LINE = -2
    LINE_NUMBER = -1


_SPACE = "[ \t\n\v\f\r]*"
_INT_RE = re.compile(_SPACE + r"([+-]?[0-9]+)" + _SPACE + r"\Z")
_FLOAT_RE = re.compile(_SPACE + r"([+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf|infinity|nan))"
                       + _SPACE + r"\Z", re.IGNORECASE)
_HEX_FLOAT_RE = re.compile(_SPACE + r"([+-]?0x(?:[0-9a-f]+\.?[0-9a-f]*|\.[0-9a-f]+)(?:p[+-]?[0-9]+)?)" + _SPACE + r"\Z",
                           re.IGNORECASE)
_INT_RANGE = {"int64": (-(2**63), 2**63 - 1), "int32": (-(2**31), 2**31 - 1)}


def _parse_field(field: bytes, dt: _dt.DType, line_no: int) -> Any:
    tname = tf_type_name(dt)
    if dt.name == "string":
        return field
    text = field.decode("latin-1")
    if dt.name in _INT_RANGE:
        m = _INT_RE.match(text)
        lo, hi = _INT_RANGE[dt.name]
        if m and lo <= int(m.group(1)) <= hi:
            return int(m.group(1))
    elif dt.name in ("float32", "float64"):
        m = _FLOAT_RE.match(text)
        if m:
            return float(m.group(1))
        m = _HEX_FLOAT_RE.match(text)
        if m:
            return float.fromhex(m.group(1))
    else:
        raise InvalidArgumentError(f"Data type {tname} not supported.", op="InitializeTableFromTextFileV2")
    raise InvalidArgumentError(f"Field {text} in line {line_no} is not a valid {tname}.",
                               op="InitializeTableFromTextFileV2")


class TextFileInitializer:
    """Fills a table from a text file, one entry per line: the key and value are columns split by
    ``delimiter`` (``key_index`` / ``value_index >= 0``), the whole line (``TextFileIndex.WHOLE_LINE``)
    or the line number (``TextFileIndex.LINE_NUMBER``, plus ``value_index_offset``). Only the first
    ``vocab_size`` lines are read when it is given. Empty lines, missing columns, unparsable numbers
    and a key repeated with another value are errors, as in TF.

    Example:
        >>> import os, tempfile
        >>> import tapeflow as tf
        >>> path = os.path.join(tempfile.mkdtemp(), "vocab.txt")
        >>> with open(path, "w") as f:
        ...     _ = f.write("emerson 10\\nlake 20\\npalmer 30\\n")
        >>> init = tf.lookup.TextFileInitializer(path, tf.string, 0, tf.int64, 1, delimiter=" ")
        >>> tf.lookup.StaticHashTable(init, -1).lookup(tf.constant(["lake", "x"])).numpy().tolist()
        [20, -1]
    """

    def __init__(self, filename: Any, key_dtype: Any, key_index: int, value_dtype: Any, value_index: int,
                 vocab_size: int | None = None, delimiter: str = "\t", name: str | None = None,
                 value_index_offset: int = 0) -> None:
        if not isinstance(filename, (Tensor, Variable)) and not filename:
            raise ValueError("`filename` argument required for tf.lookup.TextFileInitializer")
        kd, vd = _dt.as_dtype(key_dtype), _dt.as_dtype(value_dtype)
        if key_index < -2:
            raise ValueError(f"`key_index` should be >= -2, received: {key_index}.")
        if key_index == TextFileIndex.LINE_NUMBER and kd != _dt.int64:
            raise ValueError(f"`key_dtype` must be int64 if `key_index` is {TextFileIndex.LINE_NUMBER}, received: {kd}")
        if key_index == TextFileIndex.WHOLE_LINE and not kd.is_integer and kd != _dt.string:
            raise ValueError(f"`key_dtype` should be either integer or string for `key_index` "
                             f"{TextFileIndex.WHOLE_LINE}, received: {kd}")
        if value_index < -2:
            raise ValueError(f"`value_index` should be >= -2, received: {value_index}")
        if value_index == TextFileIndex.LINE_NUMBER and vd != _dt.int64:
            raise ValueError(f"`value_dtype` must be int64 for `value_index` {TextFileIndex.LINE_NUMBER}, "
                             f"received: {vd}")
        if value_index == TextFileIndex.WHOLE_LINE and not vd.is_integer and vd != _dt.string:
            raise ValueError(f"`value_dtype` should be either integer or string for `value_index` "
                             f"{TextFileIndex.WHOLE_LINE}, received: {vd}")
        if vocab_size is not None and vocab_size <= 0:
            raise ValueError(f"`vocab_size` should be > 0, received: {vocab_size}")
        self._filename = filename
        self._key_dtype, self._value_dtype = kd, vd
        self._key_index, self._value_index = int(key_index), int(value_index)
        self._vocab_size = vocab_size
        self._delimiter = delimiter
        self._offset = int(value_index_offset)
        self._name = name

    @property
    def key_dtype(self) -> _dt.DType:
        """The dtype of the keys."""
        return self._key_dtype

    @property
    def value_dtype(self) -> _dt.DType:
        """The dtype of the values."""
        return self._value_dtype

    def _path(self) -> str:
        f = _read(self._filename)
        if isinstance(f, Tensor):
            f = f._value.reshape(()).item() if f._value.size == 1 else f._value.ravel()[0]
        if isinstance(f, bytes):
            f = f.decode("utf-8")
        return os.fspath(f)

    def _entries(self) -> tuple:
        """(keys, values) read from the file, in line order."""
        op = "InitializeTableFromTextFileV2"
        path = self._path()
        delim = self._delimiter.encode("utf-8") if isinstance(self._delimiter, str) else bytes(self._delimiter)
        if len(delim) != 1:
            raise InvalidArgumentError("delimiter should be only 1 char", op=op)
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except FileNotFoundError:
            raise NotFoundError(f"{path}; No such file or directory", op=op) from None
        except IsADirectoryError:
            raise FailedPreconditionError(f"{path}; Is a directory", op=op) from None
        if not data:
            raise OutOfRangeError("Read less bytes than requested", op=op)
        lines = data.split(b"\n")
        if lines[-1] == b"":
            lines.pop()
        limit = self._vocab_size if self._vocab_size is not None else len(lines)
        keys, values = [], []
        pos = 0
        need = max(self._key_index, self._value_index) + 1
        for i, raw in enumerate(lines[:limit]):
            pos += len(raw) + 1
            line = raw[:-1] if raw.endswith(b"\r") else raw
            if not line:
                raise InvalidArgumentError(f"Invalid content in {path}: empty line found at position {pos}.", op=op)
            cols = line.split(delim) if need > 0 else []
            if len(cols) < need:
                raise InvalidArgumentError(
                    f"Invalid number of columns in {path} line {i} ({line.decode('utf-8', 'replace')}) : "
                    f"expected at least {need} got {len(cols)}", op=op)
            out = []
            for index, dt in ((self._key_index, self._key_dtype), (self._value_index, self._value_dtype)):
                if index == TextFileIndex.LINE_NUMBER:
                    out.append(i + self._offset)
                elif index == TextFileIndex.WHOLE_LINE:
                    out.append(_parse_field(line, dt, i))
                else:
                    out.append(_parse_field(cols[index], dt, i))
            keys.append(out[0])
            values.append(out[1])
        if self._vocab_size is not None and len(keys) < self._vocab_size:
            raise InvalidArgumentError(
                f"Invalid vocab_size in {path}: expected {self._vocab_size} but got {len(keys)}", op=op)
        return keys, values

    def initialize(self, table: Any) -> None:
        """Read the file into ``table`` (TF's ``InitializeTableFromTextFileV2``)."""
        _check_table_dtypes(table, self._key_dtype, self._value_dtype)
        keys, values = self._entries()
        n = len(keys)
        table._import(_as_array(keys, self._key_dtype, (n,)), _as_array(values, self._value_dtype, (n,)))


# --- static tables --------------------------------------------------------------------------------------------


class _Table:
    """What the hash tables share: their dtypes, TF's eager ``name`` (None) and ``table[keys]``
    (``table.lookup(keys)``)."""

    @property
    def key_dtype(self) -> _dt.DType:
        """The table key dtype."""
        return self._key_dtype

    @property
    def value_dtype(self) -> _dt.DType:
        """The table value dtype."""
        return self._value_dtype

    @property
    def name(self) -> None:
        """None, as TF's eager tables."""
        return None

    def __getitem__(self, keys: Any) -> Any:
        return self.lookup(keys)


class StaticHashTable(_Table):
    """An immutable hash table filled by ``initializer``; keys it does not hold map to
    ``default_value``. ``table[keys]`` is ``table.lookup(keys)``.

    Example:
        >>> import tapeflow as tf
        >>> table = tf.lookup.StaticHashTable(tf.lookup.KeyValueTensorInitializer(["a", "b"], [7, 8]), -1)
        >>> table[tf.constant(["b", "q"])].numpy().tolist(), int(table.size())
        ([8, -1], 2)
    """

    def __init__(self, initializer: Any, default_value: Any, name: str | None = None,
                 experimental_is_anonymous: bool = False) -> None:
        self._initializer = initializer
        self._key_dtype = _dt.as_dtype(initializer.key_dtype)
        self._value_dtype = _dt.as_dtype(initializer.value_dtype)
        dflt = _to_tensor((default_value), dtype=self._value_dtype)
        if dflt._value.ndim != 0:
            raise ValueError(f"Shapes {tuple(dflt._value.shape)} and () are not compatible")
        self._default_value = dflt
        _check_kernel("HashTableV2", self._key_dtype, self._value_dtype, _HASH_TABLE_KERNELS)
        self._index: dict = {}
        self._keys: list = []
        self._values = np.zeros(0, _np_dtype(self._value_dtype))
        initializer.initialize(self)

    @property
    def default_value(self) -> Tensor:
        """The value of keys the table does not hold."""
        return self._default_value

    def _import(self, keys: np.ndarray, values: np.ndarray) -> None:
        op = "LookupTableImportV2"
        if values.shape != keys.shape:
            raise InvalidArgumentError(
                f"Expected shape {_shape_text(keys.shape)} for value, got {_shape_text(values.shape)}", op=op)
        if keys.size == 0:
            raise InvalidArgumentError("keys and values cannot be empty tensors.", op=op)
        flat_v = values.ravel()
        new_keys, new_vals = [], []
        for k, i in zip(keys.ravel().tolist(), range(flat_v.size)):
            v = flat_v[i]
            j = self._index.get(k)
            if j is not None:
                old = self._values[j] if j < self._values.size else new_vals[j - self._values.size]
                if old != v:
                    raise FailedPreconditionError(
                        f"HashTable has different value for same key. Key {_scalar_text(k)} has "
                        f"{_scalar_text(old)} and trying to add value {_scalar_text(v)}", op=op)
                continue
            self._index[k] = self._values.size + len(new_vals)
            new_keys.append(k)
            new_vals.append(v)
        self._keys.extend(new_keys)
        if new_vals:
            self._values = np.concatenate([self._values, _as_array(new_vals, self._value_dtype, (len(new_vals),))])

    def _find(self, keys: np.ndarray, default: np.ndarray) -> np.ndarray:
        n = self._values.size
        pos = np.fromiter((self._index.get(k, n) for k in keys.ravel().tolist()), np.int64, keys.size)
        table = np.concatenate([self._values, np.asarray(default, self._values.dtype).reshape(1)])
        return table[pos].reshape(keys.shape)

    def size(self, name: str | None = None) -> Tensor:
        """The number of entries, an int64 scalar."""
        return Tensor(np.asarray(len(self._keys), np.int64))

    def lookup(self, keys: Any, name: str | None = None) -> Any:
        """The values of ``keys`` (a Tensor of any shape, a SparseTensor or a RaggedTensor of the
        table's key dtype), in the same structure.

        Example:
            >>> import tapeflow as tf
            >>> table = tf.lookup.StaticHashTable(tf.lookup.KeyValueTensorInitializer([1, 2], [1.5, 2.5]), 0.0)
            >>> print(table.lookup(tf.ragged.constant([[1, 5], [2]])))
            <tf.RaggedTensor [[1.5, 0.0], [2.5]]>
        """
        if keys.dtype.base_dtype != self._key_dtype:
            raise TypeError(f"Dtype of argument `keys` must be {self._key_dtype}, received: {keys.dtype}")
        dense, rebuild = _composite_keys(keys)
        return rebuild(bind(_FIND, (dense, self._default_value), {"table": self}))

    def export(self, name: str | None = None) -> tuple:
        """All keys and their values, as two tensors (in the initializer's order: TF's order
        differs from run to run).

        Example:
            >>> import tapeflow as tf
            >>> table = tf.lookup.StaticHashTable(tf.lookup.KeyValueTensorInitializer(["a", "b"], [7, 8]), -1)
            >>> [t.numpy().tolist() for t in table.export()]
            [[b'a', b'b'], [7, 8]]
        """
        n = len(self._keys)
        return Tensor(_as_array(self._keys, self._key_dtype, (n,))), Tensor(self._values.copy())


class StaticVocabularyTable:
    """A string (or integer) to id table: keys held by ``initializer`` (int64 values) map to their
    ids, other keys to ``size + Fingerprint64(key) % num_oov_buckets`` (integers hashed as their
    decimal text), TF's exact buckets. ``initializer=None`` makes a table of buckets only.

    Example:
        >>> import tapeflow as tf
        >>> init = tf.lookup.KeyValueTensorInitializer(tf.constant([10, 20], tf.int64), tf.constant([0, 1], tf.int64))
        >>> table = tf.lookup.StaticVocabularyTable(init, 3)
        >>> table.lookup(tf.constant([10, 30, -5, 20], tf.int64)).numpy().tolist(), int(table.size())
        ([0, 4, 2, 1], 5)
    """

    def __init__(self, initializer: Any, num_oov_buckets: int, lookup_key_dtype: Any = None, name: str | None = None,
                 experimental_is_anonymous: bool = False) -> None:
        if int(num_oov_buckets) != num_oov_buckets:
            raise TypeError(f"`num_oov_buckets` must be an integer, got {num_oov_buckets!r}")
        if num_oov_buckets <= 0:
            raise ValueError("`num_oov_buckets` must be > 0; use StaticHashTable.")
        if name:
            name = name.rstrip("/")
        if initializer:
            lookup_key_dtype = initializer.key_dtype if lookup_key_dtype is None else _dt.as_dtype(lookup_key_dtype)
            if initializer.key_dtype not in (_dt.int64, _dt.string):
                raise TypeError(f"Invalid `key_dtype`, expected one of {(_dt.int64, _dt.string)}, but got "
                                f"{initializer.key_dtype}.")
            if initializer.key_dtype.is_integer != lookup_key_dtype.is_integer:
                raise TypeError(f"Invalid `key_dtype`, expected {'integer' if lookup_key_dtype.is_integer else 'non-integer'}"
                                f" but got {initializer.key_dtype}.")
            if initializer.value_dtype != _dt.int64:
                raise TypeError(f"Invalid `value_dtype`, expected {_dt.int64} but got {initializer.value_dtype}.")
            self._table: StaticHashTable | None = StaticHashTable(initializer, default_value=-1)
        else:
            lookup_key_dtype = _dt.string
            self._table = None
            name = name or "hash_bucket"
        if not lookup_key_dtype.is_integer and lookup_key_dtype != _dt.string:
            raise TypeError(f"Invalid `key_dtype`, expected integer or string, got {lookup_key_dtype}")
        self._num_oov_buckets = int(num_oov_buckets)
        self._key_dtype = lookup_key_dtype
        self._name = name.split("/")[-1] if name is not None else None

    @property
    def key_dtype(self) -> _dt.DType:
        """The dtype of the keys ``lookup`` takes."""
        return self._key_dtype

    @property
    def value_dtype(self) -> _dt.DType:
        """int64: ids."""
        return _dt.int64

    @property
    def name(self) -> str | None:
        """The ``name`` given (``"hash_bucket"`` for a table of buckets only), else None."""
        return self._name

    def size(self, name: str | None = None) -> Tensor:
        """The number of ids: the vocabulary size plus the buckets (int64)."""
        n = len(self._table._keys) if self._table is not None else 0
        return Tensor(np.asarray(n + self._num_oov_buckets, np.int64))

    def _find(self, keys: np.ndarray, default: np.ndarray) -> np.ndarray:
        flat = keys.ravel().tolist()
        nb = self._num_oov_buckets
        text = flat if keys.dtype.kind == "O" else [str(int(k)).encode() for k in flat]
        buckets = np.fromiter((_fingerprint64(s) % nb for s in text), np.int64, len(text))
        if self._table is None:
            return buckets.reshape(keys.shape)
        t = self._table
        ids = t._find(keys.astype(np.int64) if keys.dtype.kind != "O" else keys, np.asarray(-1, np.int64)).ravel()
        return np.where(ids != -1, ids, buckets + len(t._keys)).reshape(keys.shape)

    def lookup(self, keys: Any, name: str | None = None) -> Any:
        """The ids of ``keys`` (a Tensor, SparseTensor or RaggedTensor of ``key_dtype``).

        Example:
            >>> import tapeflow as tf
            >>> table = tf.lookup.StaticVocabularyTable(None, num_oov_buckets=10)
            >>> table.lookup(tf.constant(["a", "b", "c", "hello", "world"])).numpy().tolist()
            [9, 2, 2, 6, 8]
        """
        if keys.dtype.base_dtype != self._key_dtype:
            raise TypeError(f"Dtype of argument `keys` must be {self._key_dtype}, received: {keys.dtype}")
        dense, rebuild = _composite_keys(keys)
        return rebuild(bind(_FIND, (dense, Tensor(np.asarray(-1, np.int64))), {"table": self}))

    def __getitem__(self, keys: Any) -> Any:
        return self.lookup(keys)


# --- mutable tables -------------------------------------------------------------------------------------------

# libstdc++'s bucket counts for std::unordered_map (its _Prime_rehash_policy): TF's MutableHashTable
# iterates one, so export() order is reproduced by following the same buckets and node list.
_FAST_BUCKETS = (2, 2, 2, 3, 5, 5, 7, 7, 11, 11, 11, 11, 13, 13)
_PRIMES = (
    2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 103, 109, 113, 127,
    137, 139, 149, 157, 167, 179, 193, 199, 211, 227, 241, 257, 277, 293, 313, 337, 359, 383, 409, 439, 467, 503, 541,
    577, 619, 661, 709, 761, 823, 887, 953, 1031, 1109, 1193, 1289, 1381, 1493, 1613, 1741, 1879, 2029, 2179, 2357,
    2549, 2753, 2971, 3209, 3469, 3739, 4027, 4349, 4703, 5087, 5503, 5953, 6427, 6949, 7517, 8123, 8783, 9497, 10273,
    11113, 12011, 12983, 14033, 15173, 16411, 17749, 19183, 20753, 22447, 24281, 26267, 28411, 30727, 33223, 35933,
    38873, 42043, 45481, 49201, 53201, 57557, 62233, 67307, 72817, 78779, 85229, 92203, 99733, 107897, 116731, 126271,
    136607, 147793, 159871, 172933, 187091, 202409, 218971, 236897, 256279, 277261, 299951, 324503, 351061, 379787,
    410857, 444487, 480881, 520241, 562841, 608903, 658753, 712697, 771049, 834181, 902483, 976369)


def _next_prime(n: int) -> int:
    n = max(n, 2)
    while any(n % p == 0 for p in range(2, int(n**0.5) + 1)):
        n += 1
    return n


def _std_hash(k: Any) -> int:
    """TF's hash of a MutableHashTable key: Hash64 for strings, the integer itself otherwise."""
    return _murmur64(k) if isinstance(k, bytes) else k & _M64


class _UnorderedMap:
    """A key -> row map that iterates in the order of libstdc++'s ``std::unordered_map``: nodes of a
    bucket are contiguous, a new node goes to the front of its bucket, a bucket that becomes non-empty
    goes to the front of the list, and a rehash relinks the nodes in list order."""

    def __init__(self) -> None:
        self.buckets = 1
        self.next_resize = 0
        self.groups: dict = {}  # bucket -> keys, newest last; dict order: oldest bucket first
        self.where: dict = {}  # key -> bucket
        self.rows: dict = {}  # key -> value row

    def _bucket_count(self, n: int) -> int:
        if n < len(_FAST_BUCKETS):
            p = _FAST_BUCKETS[n]
        elif n <= _PRIMES[-1]:
            p = _PRIMES[bisect.bisect_left(_PRIMES, n, lo=6)]
        else:  # beyond the tabulated primes (tables of about a million entries): the next prime
            p = _next_prime(n)
        self.next_resize = p
        return p

    def _grow_for_one(self) -> None:
        n = len(self.where) + 1
        if n <= self.next_resize:
            return
        want = max(n, 0 if self.next_resize else 11)
        if want >= self.buckets:
            self._rehash(self._bucket_count(max(want + 1, self.buckets * 2)))
        else:
            self.next_resize = self.buckets

    def _rehash(self, nb: int) -> None:
        order = self.keys()
        self.buckets = nb
        self.groups = {}
        for k in order:
            b = _std_hash(k) % nb
            self.groups.setdefault(b, []).append(k)
            self.where[k] = b

    def keys(self) -> list:
        out: list = []
        for b in reversed(list(self.groups)):
            out.extend(reversed(self.groups[b]))
        return out

    def put(self, k: Any, row: Any) -> None:
        if k not in self.where:
            self._grow_for_one()
            b = _std_hash(k) % self.buckets
            self.groups.setdefault(b, []).append(k)
            self.where[k] = b
        self.rows[k] = row

    def erase(self, k: Any) -> None:
        b = self.where.pop(k, None)
        if b is None:
            return
        g = self.groups[b]
        g.remove(k)
        if not g:
            del self.groups[b]
        del self.rows[k]


def _check_dynamic_default(keys: Tensor, dflt: Tensor, key_dt: _dt.DType, val_dt: _dt.DType, value_shape: tuple) -> None:
    if dflt.dtype != val_dt:
        k, d, v = tf_type_name(key_dt), tf_type_name(dflt.dtype), tf_type_name(val_dt)
        raise InvalidArgumentError(f"Signature mismatch, have: resource, {k}, {d}->{d} expected: resource, {k}, "
                                   f"{v}->{v}", op="LookupTableFindV2")
    full = tuple(keys._value.shape) + value_shape
    if tuple(dflt._value.shape) not in (value_shape, full):
        raise InvalidArgumentError(
            f"Expected shape {_shape_text(value_shape)} or {_shape_text(full)} for default value, got "
            f"{_shape_text(dflt._value.shape)}", op="LookupTableFindV2")


class MutableHashTable(_Table):
    """A mutable hash table (TF's ``tf.lookup.experimental.MutableHashTable``): ``insert``,
    ``remove``, ``lookup`` (missing keys give ``default_value``, or ``dynamic_default_values``),
    ``size`` and ``export``. A vector ``default_value`` makes a table of vectors.

    Example:
        >>> import tapeflow as tf
        >>> table = tf.lookup.experimental.MutableHashTable(tf.string, tf.int64, default_value=-1)
        >>> table.insert(["a", "b"], tf.constant([7, 8], tf.int64))
        >>> table.remove(tf.constant(["b"]))
        >>> table.lookup(["a", "b"]).numpy().tolist(), int(table.size())
        ([7, -1], 1)
    """

    def __init__(self, key_dtype: Any, value_dtype: Any, default_value: Any, name: str = "MutableHashTable",
                 checkpoint: bool = True, experimental_is_anonymous: bool = False) -> None:
        self._key_dtype, self._value_dtype = _dt.as_dtype(key_dtype), _dt.as_dtype(value_dtype)
        self._default_value = _to_tensor((default_value), dtype=self._value_dtype)
        shape = tuple(self._default_value._value.shape)
        op = "MutableHashTableV2" if not shape else "MutableHashTableOfTensorsV2"
        _check_kernel(op, self._key_dtype, self._value_dtype, _MUTABLE_KERNELS)
        if len(shape) > 1:
            raise InvalidArgumentError(f"Default value must be a vector, got shape {_shape_text(shape)}", op=op)
        self._value_shape = shape
        self._map = _UnorderedMap()

    def size(self, name: str | None = None) -> Tensor:
        """The number of entries, an int64 scalar."""
        return Tensor(np.asarray(len(self._map.rows), np.int64))

    def insert(self, keys: Any, values: Any, name: str | None = None) -> None:
        """Set the values of ``keys`` (any shape); ``values`` has shape ``keys.shape + value_shape``."""
        k = _convert(keys, self._key_dtype, "keys")
        v = _convert(values, self._value_dtype, "values")
        want = tuple(k._value.shape) + self._value_shape
        if tuple(v._value.shape) != want:
            raise InvalidArgumentError(
                f"Expected shape {_shape_text(want)} for value, got {_shape_text(v._value.shape)}",
                op="LookupTableInsertV2")
        rows = v._value.reshape((k._value.size,) + self._value_shape)
        copy = bool(self._value_shape)  # vector rows are copied; scalars are immutable
        for key, i in zip(k._value.ravel().tolist(), range(k._value.size)):
            self._map.put(key, rows[i].copy() if copy else rows[i])

    def remove(self, keys: Any, name: str | None = None) -> None:
        """Remove ``keys`` (a Tensor of the key dtype; missing keys are ignored)."""
        if keys.dtype != self._key_dtype:
            raise TypeError(f"Dtype of argument `keys` must be {self._key_dtype}, received: {keys.dtype}")
        for key in _read(keys)._value.ravel().tolist():
            self._map.erase(key)

    def _find(self, keys: np.ndarray, default: np.ndarray) -> np.ndarray:
        vs = self._value_shape
        out = np.empty((keys.size,) + vs, default.dtype)
        per_key = default.shape != vs
        dflt = default.reshape((keys.size,) + vs) if per_key else default if vs else default[()]
        rows = self._map.rows
        for i, key in enumerate(keys.ravel().tolist()):
            row = rows.get(key)
            out[i] = row if row is not None else (dflt[i] if per_key else dflt)
        return out.reshape(keys.shape + vs)

    def lookup(self, keys: Any, dynamic_default_values: Any = None, name: str | None = None) -> Tensor:
        """The values of ``keys`` (shape ``keys.shape + value_shape``); missing keys take the
        default value, or ``dynamic_default_values`` (the value shape, or one value per key).

        Example:
            >>> import tapeflow as tf
            >>> table = tf.lookup.experimental.MutableHashTable(tf.int64, tf.float32, [0.0, 0.0])
            >>> table.insert([1], [[1.0, 2.0]])
            >>> table.lookup([1, 3], dynamic_default_values=tf.constant([[5.0, 5.0], [6.0, 6.0]])).numpy().tolist()
            [[1.0, 2.0], [6.0, 6.0]]
        """
        k = _convert(keys, self._key_dtype, "keys")
        if dynamic_default_values is None:
            dflt = self._default_value
        else:
            dflt = _read(dynamic_default_values)
            dflt = dflt if isinstance(dflt, Tensor) else convert_to_tensor(dflt)
            _check_dynamic_default(k, dflt, self._key_dtype, self._value_dtype, self._value_shape)
        return bind(_FIND, (k, dflt), {"table": self})

    def export(self, name: str | None = None) -> tuple:
        """All keys and values, in TF's order.

        Example:
            >>> import tapeflow as tf
            >>> table = tf.lookup.experimental.MutableHashTable(tf.int64, tf.int64, -1)
            >>> table.insert([5, 100, 3], [1, 2, 3])
            >>> [t.numpy().tolist() for t in table.export()]
            [[3, 100, 5], [3, 2, 1]]
        """
        order = self._map.keys()
        n = len(order)
        vs = self._value_shape
        vals = np.empty((n,) + vs, _np_dtype(self._value_dtype))
        for i, key in enumerate(order):
            vals[i] = self._map.rows[key]
        return Tensor(_as_array(order, self._key_dtype, (n,))), Tensor(vals)


def _dense_hash_scalar(k: Any) -> int:
    return _murmur64(k) if isinstance(k, bytes) else k & _M64


def _dense_hash(key: tuple) -> int:
    if len(key) == 1:
        return _dense_hash_scalar(key[0])
    h = 0
    for e in key:  # TF's Hash64Combine over the elements
        h = (h ^ ((_dense_hash_scalar(e) + 0x9E3779B97F4A7800 + ((h << 10) & _M64) + (h >> 4)) & _M64)) & _M64
    return h


_MAX_LOAD = float(np.float32(0.8))  # TF's max_load_factor attribute (a C++ float)


class DenseHashTable(_Table):
    """A mutable hash table with open addressing (TF's ``tf.lookup.experimental.DenseHashTable``):
    ``empty_key`` and ``deleted_key`` mark free buckets and may not be used as keys; their shape
    (scalar or vector) is the key shape. The buckets (a power of two, at least 4) double when the
    table would be over 80% full, and ``export`` returns every bucket, as TF.

    Example:
        >>> import tapeflow as tf
        >>> table = tf.lookup.experimental.DenseHashTable(tf.int64, tf.int64, default_value=-1, empty_key=0,
        ...                                               deleted_key=-1, initial_num_buckets=4)
        >>> table.insert([5, 13], [1, 2])
        >>> table.lookup([13, 7]).numpy().tolist()
        [2, -1]
        >>> table.export()[0].numpy().ravel().tolist()
        [0, 5, 13, 0]
    """

    def __init__(self, key_dtype: Any, value_dtype: Any, default_value: Any, empty_key: Any, deleted_key: Any,
                 initial_num_buckets: int | None = None, name: str = "MutableDenseHashTable", checkpoint: bool = True,
                 experimental_is_anonymous: bool = False) -> None:
        op = "MutableDenseHashTableV2"
        self._key_dtype, self._value_dtype = _dt.as_dtype(key_dtype), _dt.as_dtype(value_dtype)
        self._default_value = _to_tensor((default_value), dtype=self._value_dtype)
        _check_kernel(op, self._key_dtype, self._value_dtype, _DENSE_KERNELS)
        empty = _to_tensor((empty_key), dtype=self._key_dtype)._value
        deleted = _to_tensor((deleted_key), dtype=self._key_dtype)._value
        vshape = tuple(self._default_value._value.shape)
        if len(vshape) > 1:
            raise InvalidArgumentError(f"Empty value must be a scalar or a vector, got shape {_shape_text(vshape)}", op=op)
        if empty.ndim > 1:
            raise InvalidArgumentError(f"Empty key must be a scalar or a vector, got shape {_shape_text(empty.shape)}",
                                       op=op)
        if empty.shape != deleted.shape:
            raise InvalidArgumentError(f"Empty and deleted keys must have same shape, got shapes: "
                                       f"{_shape_text(empty.shape)} and {_shape_text(deleted.shape)}", op=op)
        self._empty = tuple(empty.ravel().tolist())
        self._deleted = tuple(deleted.ravel().tolist())
        if self._empty == self._deleted:
            raise InvalidArgumentError("Empty and deleted keys cannot be equal", op=op)
        n = 131072 if initial_num_buckets is None else int(initial_num_buckets)
        if n < 4 or n & (n - 1):
            raise InvalidArgumentError(f"Number of buckets must be at least 4 and a power of 2, got: {n}", op=op)
        self._key_shape = tuple(empty.shape)
        self._key_size = len(self._empty)
        self._value_shape = vshape
        self._value_size = int(np.prod(vshape, dtype=np.int64))
        self._count = 0
        self._alloc(n)

    def _alloc(self, n: int) -> None:
        self._slots: list = [self._empty] * n
        self._vals = np.zeros((n, self._value_size), _np_dtype(self._value_dtype))

    def size(self, name: str | None = None) -> Tensor:
        """The number of entries, an int64 scalar."""
        return Tensor(np.asarray(self._count, np.int64))

    def _key_rows(self, keys: np.ndarray, op: str, values: np.ndarray | None = None) -> list:
        """The keys as tuples, after TF's shape checks."""
        kr = len(self._key_shape)
        if tuple(keys.shape[keys.ndim - kr:]) != self._key_shape or keys.ndim < kr:
            raise InvalidArgumentError(f"Input key shape {_shape_text(keys.shape)} must end with the table's key shape "
                                       f"{_shape_text(self._key_shape)}", op=op)
        if values is not None:
            want = tuple(keys.shape[:keys.ndim - kr]) + self._value_shape
            if values.shape != want:
                raise InvalidArgumentError(
                    f"Expected shape {_shape_text(want)} for value, got {_shape_text(values.shape)}", op=op)
        n = keys.shape[0] if keys.ndim else 1
        if keys.size != n * self._key_size:
            raise InvalidArgumentError(f"Expected key shape {_shape_text((n,) + self._key_shape)} got "
                                       f"{_shape_text(keys.shape)}", op=op)
        flat = keys.ravel().tolist()
        ks = self._key_size
        return [tuple(flat[i:i + ks]) for i in range(0, len(flat), ks)]

    def _check_key(self, key: tuple, op: str) -> None:
        if key == self._empty:
            raise InvalidArgumentError("Using the empty_key as a table key is not allowed", op=op)
        if key == self._deleted:
            raise InvalidArgumentError("Using the deleted_key as a table key is not allowed", op=op)

    def _probe(self, key: tuple) -> int:
        """The bucket holding ``key``, or -1 (probing stops at an empty bucket)."""
        mask = len(self._slots) - 1
        b = _dense_hash(key) & mask
        for step in range(1, mask + 2):
            s = self._slots[b]
            if s == key:
                return b
            if s == self._empty:
                return -1
            b = (b + step) & mask
        return -1

    def _put(self, key: tuple, row: np.ndarray) -> None:
        mask = len(self._slots) - 1
        b = _dense_hash(key) & mask
        for step in range(1, mask + 2):  # the first empty or deleted bucket takes it, as in TF
            s = self._slots[b]
            if s == key:
                self._vals[b] = row
                return
            if s == self._empty or s == self._deleted:
                self._slots[b] = key
                self._vals[b] = row
                self._count += 1
                return
            b = (b + step) & mask
        raise InvalidArgumentError("Internal error in MutableDenseHashTable insert", op="LookupTableInsertV2")

    def _grow(self, new_keys: int) -> None:
        n = len(self._slots)
        while self._count + new_keys > n * _MAX_LOAD:
            n *= 2
        if n == len(self._slots):
            return
        old_slots, old_vals = self._slots, self._vals
        self._alloc(n)
        self._count = 0
        for s, row in zip(old_slots, old_vals):
            if s != self._empty and s != self._deleted:
                self._put(s, row)

    def insert(self, keys: Any, values: Any, name: str | None = None) -> None:
        """Set the values of ``keys``; ``values`` has shape ``keys.shape[:-key_rank] + value_shape``."""
        op = "LookupTableInsertV2"
        k = _convert(keys, self._key_dtype, "keys")._value
        v = _convert(values, self._value_dtype, "values")._value
        rows = self._key_rows(k, op, v)
        self._grow(k.shape[0] if k.ndim else 1)
        flat_v = v.reshape(len(rows), self._value_size)
        for i, key in enumerate(rows):
            self._check_key(key, op)
            self._put(key, flat_v[i])

    insert_or_assign = insert

    def erase(self, keys: Any, name: str | None = None) -> None:
        """Remove ``keys`` (a Tensor of the key dtype; missing keys are ignored)."""
        if keys.dtype != self._key_dtype:
            raise TypeError(f"Signature mismatch. Keys must be dtype {self._key_dtype}, got {keys.dtype}.")
        op = "LookupTableRemoveV2"
        for key in self._key_rows(_read(keys)._value, op):
            self._check_key(key, op)
            b = self._probe(key)
            if b >= 0:
                self._slots[b] = self._deleted
                self._count -= 1

    remove = erase

    def _find(self, keys: np.ndarray, default: np.ndarray) -> np.ndarray:
        op = "LookupTableFindV2"
        rows = self._key_rows(keys, op)
        out = np.empty((len(rows), self._value_size), self._vals.dtype)
        dflt = default.reshape(self._value_size)
        for i, key in enumerate(rows):
            self._check_key(key, op)
            b = self._probe(key)
            out[i] = self._vals[b] if b >= 0 else dflt
        kr = len(self._key_shape)
        return out.reshape(tuple(keys.shape[:keys.ndim - kr]) + self._value_shape)

    def lookup(self, keys: Any, name: str | None = None) -> Tensor:
        """The values of ``keys`` (shape ``keys.shape[:-key_rank] + value_shape``).

        Example:
            >>> import tapeflow as tf
            >>> table = tf.lookup.experimental.DenseHashTable(tf.string, tf.float32, 0.0, "", "$", 8)
            >>> table.insert(["a"], [1.5])
            >>> table.lookup(["a", "b"]).numpy().tolist()
            [1.5, 0.0]
        """
        k = _convert(keys, self._key_dtype, "keys")
        return bind(_FIND, (k, self._default_value), {"table": self})

    def export(self, name: str | None = None) -> tuple:
        """Every bucket: keys of shape ``[num_buckets, key_size]`` (empty and deleted keys included)
        and values of shape ``[num_buckets, value_size]`` (zeros in never-used buckets), as TF."""
        n = len(self._slots)
        flat = [e for s in self._slots for e in s]
        return Tensor(_as_array(flat, self._key_dtype, (n, self._key_size))), Tensor(self._vals.copy())


experimental = types.ModuleType("tapeflow.lookup.experimental",
                                "``tf.lookup.experimental``: the mutable tables ``MutableHashTable`` and "
                                "``DenseHashTable``.")
experimental.MutableHashTable = MutableHashTable
experimental.DenseHashTable = DenseHashTable
experimental.__all__ = ["DenseHashTable", "MutableHashTable"]
sys.modules[experimental.__name__] = experimental
