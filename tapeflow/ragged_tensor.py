"""``tf.RaggedTensor``: a tensor whose rows have different lengths.

A RaggedTensor is a ``values`` tensor (a ``Tensor``, or another RaggedTensor for more ragged
dimensions) cut into rows by ``row_splits`` (an int64 or int32 vector: row ``i`` is
``values[row_splits[i]:row_splits[i + 1]]``). Values and splits are ordinary tapeflow Tensors,
so gradients flow through ``flat_values`` into every op built from them.

Example:
    >>> import tapeflow as tf
    >>> rt = tf.RaggedTensor.from_row_splits([3, 1, 4, 1, 5, 9, 2], row_splits=[0, 4, 4, 7])
    >>> print(rt)
    <tf.RaggedTensor [[3, 1, 4, 1], [], [5, 9, 2]]>
    >>> rt.shape
    TensorShape([3, None])
"""

from __future__ import annotations

import builtins
from typing import Any, Callable

import numpy as np

from . import dtypes as _dt
from .errors import InvalidArgumentError
from .nest import _swap_instances
from .primitives import array as A
from .primitives import core as C
from .tensor import Tensor, TensorShape, Variable, convert_to_tensor

_SPLIT_DTYPES = (np.dtype(np.int32), np.dtype(np.int64))


# --- helpers ----------------------------------------------------------------------------------------


def _as_tensor(x: Any, dtype: Any = None) -> Tensor:
    if type(x) is Tensor and dtype is None:
        return x
    if isinstance(x, Variable):
        x = x._read()
        if dtype is None:
            return x
    return convert_to_tensor(x, dtype=dtype)


def _values_arg(values: Any, op: str) -> Tensor | RaggedTensor:
    """The ``values`` of a new RaggedTensor: a RaggedTensor or a Tensor of rank >= 1."""
    if isinstance(values, RaggedTensor):
        return values
    v = _as_tensor(values)
    if v._value.ndim == 0:
        raise InvalidArgumentError(f"{op}: values must have rank >= 1, got a scalar {v.dtype.name} tensor", op=op)
    return v


def _partition_arg(x: Any, what: str, op: str, values: Any = None) -> Tensor:
    """A row-partition vector (splits, lengths, row ids ...): from Python lists int64 (as TF), or
    the dtype of ``values.row_splits`` when ``values`` is ragged; a tensor keeps its dtype."""
    if isinstance(x, (Tensor, Variable)):
        t = _as_tensor(x)
    else:
        arr = np.asarray(x.numpy() if hasattr(x, "numpy") else x)
        if arr.dtype.kind in "iu" or arr.size == 0:
            arr = arr.astype(_splits_dtype_of(values) or np.int64)
        t = Tensor(arr)
    if t._value.dtype not in _SPLIT_DTYPES:
        raise ValueError(f"{what} must have dtype int32 or int64")
    return t


def _rank1(t: Tensor, what: str) -> np.ndarray:
    v = t._value
    if v.ndim != 1:
        raise ValueError(f"Shape {tuple(v.shape)} must have rank 1 ({what})")
    return v


def _nrows_of(values: Tensor | RaggedTensor) -> int:
    return values._nrows_int() if isinstance(values, RaggedTensor) else int(values._value.shape[0])


def _splits_dtype_of(values: Any) -> np.dtype | None:
    return values._row_splits._value.dtype if isinstance(values, RaggedTensor) else None


def _check_split_dtypes(splits: Tensor, values: Any) -> None:
    inner = _splits_dtype_of(values)
    if inner is not None and inner != splits._value.dtype:
        raise ValueError(
            "Argument `row_partition` of RaggedTensor must have same dtype as Argument `values`. "
            f"(<dtype: '{_dt.from_numpy(splits._value.dtype).name}'> vs. <dtype: '{_dt.from_numpy(inner).name}'>); "
            "use RaggedTensor.with_row_splits_dtype() to convert them to compatible dtypes."
        )


def _partition_args(values: Any, x: Any, what: str, op: str, nonempty: bool = False) -> tuple:
    """The checked ``values`` of a factory, its rank-1 row-partition ``x`` as a Tensor and as an array
    (``nonempty``: an empty one raises TF's ValueError)."""
    values = _values_arg(values, op)
    t = _partition_arg(x, what, op, values)
    arr = _rank1(t, what)
    if nonempty and arr.size == 0:
        raise ValueError(f"{what} tensor may not be empty.")
    _check_split_dtypes(t, values)
    return values, t, arr


def _from_nested(flat_values: Any, nested: Any, what: str, factory: Callable, validate: bool) -> Any:
    """``factory`` applied once per row partition in ``nested`` (outermost first), innermost first."""
    if isinstance(nested, (Tensor, np.ndarray)):
        raise TypeError(f"{what} must be a list of Tensors")
    result = flat_values
    for partition in reversed(list(nested)):
        result = factory(result, partition, validate=validate)
    return result


def _invalid(op: str, why: str) -> InvalidArgumentError:
    return InvalidArgumentError(f"Arguments to {op} do not form a valid RaggedTensor: {why}", op=op)


def _slice_rows(values: Tensor | RaggedTensor, start: int, stop: int) -> Tensor | RaggedTensor:
    """``values[start:stop]`` along the first axis (keeps gradients)."""
    if isinstance(values, RaggedTensor):
        s = values._row_splits._value
        new = s[start:stop + 1] - s[start]
        return RaggedTensor._make(_slice_rows(values._values, int(s[start]), int(s[stop])),
                                  Tensor(new), values._uniform)
    if start == 0 and stop == values._value.shape[0]:
        return values
    return A.strided_slice(values, (builtins.slice(start, stop), Ellipsis))


def _range_indices(starts: np.ndarray, limits: np.ndarray) -> np.ndarray:
    """The concatenation of ``arange(starts[i], limits[i])`` (an intp vector)."""
    lengths = np.maximum(limits - starts, 0).astype(np.intp)
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, np.intp)
    offs = np.repeat(starts.astype(np.intp) - np.cumsum(lengths) + lengths, lengths)
    return offs + np.arange(total, dtype=np.intp)


def _take_rows(values: Tensor | RaggedTensor, idx: np.ndarray) -> Tensor | RaggedTensor:
    """The rows ``idx`` (an intp vector) of ``values``, in that order (keeps gradients)."""
    if isinstance(values, RaggedTensor):
        s = values._row_splits._value
        starts, limits = s[:-1][idx], s[1:][idx]
        lengths = limits - starts
        new = np.concatenate([[0], np.cumsum(lengths)]).astype(s.dtype)
        return RaggedTensor._make(_take_rows(values._values, _range_indices(starts, limits)), Tensor(new),
                                  values._uniform)
    if idx.size == values._value.shape[0] and np.array_equal(idx, np.arange(idx.size)):
        return values
    return A.gather(values, idx.astype(np.intp), 0)


def _lengths_to_splits(lengths: np.ndarray, dtype: np.dtype) -> np.ndarray:
    out = np.zeros(lengths.size + 1, dtype)
    np.cumsum(lengths, out=out[1:])
    return out


def _rowids(splits: np.ndarray) -> np.ndarray:
    return np.repeat(np.arange(splits.size - 1, dtype=splits.dtype), np.diff(splits).astype(np.intp))


def _formatter(x: Any) -> str:
    """Element text of TF's RaggedTensor printing: arrays with comma separators."""
    if isinstance(x, np.ndarray):
        if x.size == 0:
            return repr(x.tolist())
        return np.array2string(x, separator=", ")
    return str(x)


# --- the class ---------------------------------------------------------------------------------------


class RaggedTensor:
    """A tensor with one or more ragged dimensions (TF's ``tf.RaggedTensor``).

    Build one with the ``from_*`` factory methods or ``tf.ragged.constant``; the constructor is
    private, as in TF. Shapes report ``None`` for the ragged dimensions.

    Example:
        >>> import tapeflow as tf
        >>> rt = tf.ragged.constant([[0, 1, 2, 3], [4, 5], [6, 7, 8], [9]])
        >>> print(rt.shape)
        (4, None)
        >>> rt.row_lengths().numpy().tolist()
        [4, 2, 3, 1]
        >>> print(rt[1])
        tf.Tensor([4 5], shape=(2,), dtype=int32)
    """

    _is_ragged = True  # generic ops (reductions, concat, stack, size, rank) dispatch to tf.ragged
    _tf_composite = True  # tf.is_tensor is True, as in TF

    __slots__ = ("_values", "_row_splits", "_uniform", "__weakref__")

    def __init__(self, values: Any = None, row_partition: Any = None, internal: bool = False) -> None:
        if not internal:
            raise ValueError(
                "RaggedTensor constructor is private; please use one of the factory methods instead "
                "(e.g., RaggedTensor.from_row_lengths())"
            )
        self._values = values
        self._row_splits = row_partition
        self._uniform = None

    @classmethod
    def _make(cls, values: Any, row_splits: Tensor, uniform: int | None = None) -> RaggedTensor:
        rt = cls.__new__(cls)
        rt._values = values
        rt._row_splits = row_splits
        rt._uniform = uniform
        return rt

    # -- factories -------------------------------------------------------------------------------

    @classmethod
    def from_row_splits(cls, values: Any, row_splits: Any, name: str | None = None,
                        validate: bool = True) -> RaggedTensor:
        """Rows ``values[row_splits[i]:row_splits[i + 1]]``.

        Example:
            >>> import tapeflow as tf
            >>> print(tf.RaggedTensor.from_row_splits([3, 1, 4, 1, 5], row_splits=[0, 2, 2, 5]))
            <tf.RaggedTensor [[3, 1], [], [4, 1, 5]]>
        """
        op = "from_row_splits"
        values, splits, s = _partition_args(values, row_splits, "row_splits", op, nonempty=True)
        if validate:
            if s[0] != 0:
                raise _invalid(op, f"row_splits must start with 0, got row_splits[0] = {s[0]}")
            if np.any(np.diff(s) < 0):
                raise _invalid(op, f"row_splits must be sorted in ascending order, got {s.tolist()}")
            n = _nrows_of(values)
            if s[-1] != n:
                raise _invalid(op, f"row_splits[-1] = {s[-1]} must equal the number of values ({n})")
        return cls._make(values, splits)

    @classmethod
    def from_row_lengths(cls, values: Any, row_lengths: Any, name: str | None = None,
                         validate: bool = True) -> RaggedTensor:
        """Rows of the given lengths, cut from ``values`` in order.

        Example:
            >>> import tapeflow as tf
            >>> print(tf.RaggedTensor.from_row_lengths([3, 1, 4, 1, 5], row_lengths=[2, 0, 3]))
            <tf.RaggedTensor [[3, 1], [], [4, 1, 5]]>
        """
        op = "from_row_lengths"
        values, _, ln = _partition_args(values, row_lengths, "row_lengths", op)
        if validate:
            if np.any(ln < 0):
                raise _invalid(op, f"row_lengths must be non-negative, got {ln.tolist()}")
            n = _nrows_of(values)
            if int(ln.sum()) != n:
                raise _invalid(op, f"sum(row_lengths) = {int(ln.sum())} must equal the number of values ({n})")
        return cls._make(values, Tensor(_lengths_to_splits(ln, ln.dtype)))

    @classmethod
    def from_row_starts(cls, values: Any, row_starts: Any, name: str | None = None,
                        validate: bool = True) -> RaggedTensor:
        """Rows starting at ``row_starts`` (each row ends where the next begins).

        Example:
            >>> import tapeflow as tf
            >>> print(tf.RaggedTensor.from_row_starts([3, 1, 4, 1, 5], row_starts=[0, 2, 2]))
            <tf.RaggedTensor [[3, 1], [], [4, 1, 5]]>
        """
        op = "from_row_starts"
        values, _, st = _partition_args(values, row_starts, "row_starts", op)
        n = _nrows_of(values)
        s = np.concatenate([st, np.asarray([n], st.dtype)])
        if validate:
            if st.size and st[0] != 0:
                raise _invalid(op, f"row_starts must start with 0, got row_starts[0] = {st[0]}")
            if np.any(np.diff(s) < 0):
                raise _invalid(op, f"row_starts must be sorted in ascending order and <= nvals ({n}), got {st.tolist()}")
        return cls._make(values, Tensor(s))

    @classmethod
    def from_row_limits(cls, values: Any, row_limits: Any, name: str | None = None,
                        validate: bool = True) -> RaggedTensor:
        """Rows ending at ``row_limits`` (each row starts where the previous ends).

        Example:
            >>> import tapeflow as tf
            >>> print(tf.RaggedTensor.from_row_limits([3, 1, 4, 1, 5], row_limits=[2, 2, 5]))
            <tf.RaggedTensor [[3, 1], [], [4, 1, 5]]>
        """
        op = "from_row_limits"
        values, _, lim = _partition_args(values, row_limits, "row_limits", op)
        s = np.concatenate([np.zeros(1, lim.dtype), lim])
        if validate:
            if np.any(np.diff(s) < 0):
                raise _invalid(op, f"row_limits must be non-negative and sorted in ascending order, got {lim.tolist()}")
            n = _nrows_of(values)
            if lim.size and lim[-1] != n:
                raise _invalid(op, f"row_limits[-1] = {lim[-1]} must equal the number of values ({n})")
            if lim.size == 0 and n != 0:
                raise _invalid(op, f"no rows, but there are {n} values")
        return cls._make(values, Tensor(s))

    @classmethod
    def from_value_rowids(cls, values: Any, value_rowids: Any, nrows: Any = None, name: str | None = None,
                          validate: bool = True) -> RaggedTensor:
        """Row ``i`` holds the values whose ``value_rowids`` entry is ``i`` (ids sorted ascending).

        Example:
            >>> import tapeflow as tf
            >>> print(tf.RaggedTensor.from_value_rowids([3, 1, 4, 1, 5], value_rowids=[0, 0, 2, 2, 2], nrows=4))
            <tf.RaggedTensor [[3, 1], [], [4, 1, 5], []]>
        """
        op = "from_value_rowids"
        values, _, ids = _partition_args(values, value_rowids, "value_rowids", op)
        if nrows is None:
            n = int(ids[-1]) + 1 if ids.size else 0
        else:
            n = int(np.asarray(nrows.numpy() if hasattr(nrows, "numpy") else nrows))
        if ids.size != _nrows_of(values):
            raise ValueError(f"Shapes ({_nrows_of(values)},) and ({ids.size},) are incompatible")
        if ids.size and nrows is not None and ids[-1] >= n:
            raise ValueError(f"Expected nrows >= value_rowids[-1] + 1; got nrows={n}, value_rowids[-1]={ids[-1]}")
        if validate:
            if np.any(np.diff(ids) < 0):
                raise _invalid(op, f"value_rowids must be sorted in ascending order, got {ids.tolist()}")
            if ids.size and ids[0] < 0:
                raise _invalid(op, f"value_rowids must be non-negative, got {ids.tolist()}")
            if n < 0:
                raise _invalid(op, f"nrows must be non-negative, got {n}")
        counts = np.bincount(ids.astype(np.intp), minlength=n)[:n] if ids.size else np.zeros(n, np.intp)
        return cls._make(values, Tensor(_lengths_to_splits(counts, ids.dtype)))

    @classmethod
    def from_uniform_row_length(cls, values: Any, uniform_row_length: Any, nrows: Any = None,
                                validate: bool = True, name: str | None = None) -> RaggedTensor:
        """Rows that all have ``uniform_row_length`` values (the dimension shows in ``shape``).

        Example:
            >>> import tapeflow as tf
            >>> rt = tf.RaggedTensor.from_uniform_row_length([1, 2, 3, 4, 5, 6], uniform_row_length=2)
            >>> print(rt)
            <tf.RaggedTensor [[1, 2],
             [3, 4],
             [5, 6]]>
            >>> rt.shape
            TensorShape([3, 2])
        """
        op = "from_uniform_row_length"
        values = _values_arg(values, op)
        length_t = _partition_arg(uniform_row_length, "uniform_row_length", op, values)
        if length_t._value.ndim != 0:
            raise ValueError(f"Shape {tuple(length_t._value.shape)} must have rank 0 (uniform_row_length)")
        _check_split_dtypes(length_t, values)
        k = int(length_t._value)
        nvals = _nrows_of(values)
        if nrows is None:
            n = nvals // k if k else 0
        else:
            n = int(np.asarray(nrows.numpy() if hasattr(nrows, "numpy") else nrows))
        if validate:
            if k < 0:
                raise _invalid(op, f"uniform_row_length must be non-negative, got {k}")
            if k * n != nvals:
                raise ValueError(f"uniform_row_length={k} times nrows={n} must equal nvals={nvals}")
        splits = (np.arange(n + 1) * k).astype(length_t._value.dtype)
        return cls._make(values, Tensor(splits), k)

    @classmethod
    def from_nested_row_splits(cls, flat_values: Any, nested_row_splits: Any, name: str | None = None,
                               validate: bool = True) -> RaggedTensor:
        """One ragged dimension per splits vector (outermost first).

        Example:
            >>> import tapeflow as tf
            >>> print(tf.RaggedTensor.from_nested_row_splits([1, 2, 3, 4, 5], ([0, 2, 3], [0, 1, 3, 5])))
            <tf.RaggedTensor [[[1], [2, 3]], [[4, 5]]]>
        """
        return _from_nested(flat_values, nested_row_splits, "nested_row_splits", cls.from_row_splits, validate)

    @classmethod
    def from_nested_row_lengths(cls, flat_values: Any, nested_row_lengths: Any, name: str | None = None,
                                validate: bool = True) -> RaggedTensor:
        """One ragged dimension per row-lengths vector (outermost first).

        Example:
            >>> import tapeflow as tf
            >>> print(tf.RaggedTensor.from_nested_row_lengths([1, 2, 3, 4, 5], ([2, 1], [1, 2, 2])))
            <tf.RaggedTensor [[[1], [2, 3]], [[4, 5]]]>
        """
        return _from_nested(flat_values, nested_row_lengths, "nested_row_lengths", cls.from_row_lengths, validate)

    @classmethod
    def from_nested_value_rowids(cls, flat_values: Any, nested_value_rowids: Any, nested_nrows: Any = None,
                                 name: str | None = None, validate: bool = True) -> RaggedTensor:
        """One ragged dimension per ``value_rowids`` vector (outermost first).

        Example:
            >>> import tapeflow as tf
            >>> print(tf.RaggedTensor.from_nested_value_rowids([1, 2, 3, 4], ([0, 0, 1], [0, 1, 1, 2])))
            <tf.RaggedTensor [[[1], [2, 3]], [[4]]]>
        """
        ids = list(nested_value_rowids)
        nrows = [None] * len(ids) if nested_nrows is None else list(nested_nrows)
        if len(nrows) != len(ids):
            raise ValueError("Expected len(nested_nrows) == len(nested_value_rowids)")
        result = flat_values
        for r, n in reversed(list(zip(ids, nrows))):
            result = cls.from_value_rowids(result, r, n, validate=validate)
        return result

    @classmethod
    def from_tensor(cls, tensor: Any, lengths: Any = None, padding: Any = None, ragged_rank: int = 1,
                    name: str | None = None, row_splits_dtype: Any = _dt.int64) -> RaggedTensor:
        """A dense tensor as a RaggedTensor; ``lengths`` or ``padding`` (trailing pad values) trim rows.

        Example:
            >>> import tapeflow as tf
            >>> dt = tf.constant([[5, 7, 0], [0, 3, 0], [6, 0, 0]])
            >>> print(tf.RaggedTensor.from_tensor(dt))
            <tf.RaggedTensor [[5, 7, 0],
             [0, 3, 0],
             [6, 0, 0]]>
            >>> print(tf.RaggedTensor.from_tensor(dt, lengths=[1, 0, 3]))
            <tf.RaggedTensor [[5], [], [6, 0, 0]]>
            >>> print(tf.RaggedTensor.from_tensor(dt, padding=0))
            <tf.RaggedTensor [[5, 7], [0, 3], [6]]>
        """
        return _from_tensor(tensor, lengths, padding, ragged_rank, row_splits_dtype)

    @classmethod
    def from_sparse(cls, st_input: Any, name: str | None = None, row_splits_dtype: Any = _dt.int64) -> RaggedTensor:
        """A 2-D ``SparseTensor`` whose indices are ragged-right (each row filled from column 0).

        Example:
            >>> import tapeflow as tf
            >>> st = tf.SparseTensor(indices=[[0, 0], [0, 1], [2, 0]], values=[1, 2, 3], dense_shape=[3, 4])
            >>> print(tf.RaggedTensor.from_sparse(st))
            <tf.RaggedTensor [[1, 2], [], [3]]>
        """
        from .sparse_tensor import SparseTensor

        if not isinstance(st_input, SparseTensor):
            raise TypeError(f"st_input must be a SparseTensor, got {type(st_input).__name__}")
        idx = st_input.indices._value
        shape = st_input.dense_shape._value
        if shape.size != 2:
            raise ValueError(f"rank(st_input) must be 2, got {shape.size}")
        rows, cols = idx[:, 0], idx[:, 1]
        # ragged-right: sorted by row, and each entry continues its row (col 0 starts a row)
        new_row = np.ones(rows.size, bool)
        new_row[1:] = rows[1:] != rows[:-1]
        ok = np.all(np.diff(rows) >= 0) if rows.size else True
        expected = np.where(new_row, 0, np.concatenate([[0], cols[:-1] + 1]))
        if not ok or not np.array_equal(cols, expected):
            raise InvalidArgumentError("SparseTensor is not right-ragged", op="from_sparse")
        splits_dt = np.dtype(_dt.np_dtype(row_splits_dtype))
        counts = np.bincount(rows.astype(np.intp), minlength=int(shape[0])) if rows.size else np.zeros(int(shape[0]), np.intp)
        return cls._make(st_input.values, Tensor(_lengths_to_splits(counts, splits_dt)))

    # -- properties ----------------------------------------------------------------------------------

    @property
    def values(self) -> Tensor | RaggedTensor:
        """The concatenated rows (a Tensor, or a RaggedTensor when ``ragged_rank > 1``)."""
        return self._values

    @property
    def row_splits(self) -> Tensor:
        """The row-split indices: row ``i`` is ``values[row_splits[i]:row_splits[i + 1]]``."""
        return self._row_splits

    @property
    def flat_values(self) -> Tensor:
        """The innermost values (a Tensor): ``values`` with every ragged dimension removed."""
        v = self._values
        while isinstance(v, RaggedTensor):
            v = v._values
        return v

    @property
    def nested_row_splits(self) -> tuple:
        """The ``row_splits`` of every ragged dimension, outermost first."""
        out = []
        rt: Any = self
        while isinstance(rt, RaggedTensor):
            out.append(rt._row_splits)
            rt = rt._values
        return tuple(out)

    @property
    def ragged_rank(self) -> int:
        """The number of ragged (partitioned) dimensions."""
        return len(self.nested_row_splits)

    @property
    def dtype(self) -> _dt.DType:
        return self.flat_values.dtype

    @property
    def uniform_row_length(self) -> Tensor | None:
        """The common row length when the rows were built uniform (``from_uniform_row_length``), else None."""
        if self._uniform is None:
            return None
        return Tensor(np.asarray(self._uniform, self._row_splits._value.dtype))

    @property
    def shape(self) -> TensorShape:
        """The static shape: ``None`` for the ragged dimensions."""
        dims: list = [self._nrows_int()]
        rt: Any = self
        while isinstance(rt, RaggedTensor):
            dims.append(rt._uniform)
            rt = rt._values
        dims.extend(rt._value.shape[1:])
        return TensorShape(dims)

    def get_shape(self) -> TensorShape:
        return self.shape

    @property
    def _rank(self) -> int:
        return len(self.shape)

    # -- row partition queries -----------------------------------------------------------------------

    def _nrows_int(self) -> int:
        return int(self._row_splits._value.shape[0]) - 1

    def nrows(self, out_type: Any = None, name: str | None = None) -> Tensor:
        """The number of rows, a scalar (``row_splits.dtype`` unless ``out_type``).

        Example:
            >>> import tapeflow as tf
            >>> tf.ragged.constant([[1], [], [2, 3]]).nrows().numpy()
            np.int64(3)
        """
        dt = self._row_splits._value.dtype if out_type is None else np.dtype(_dt.np_dtype(out_type))
        return Tensor(np.asarray(self._nrows_int(), dt))

    def row_starts(self, name: str | None = None) -> Tensor:
        """``row_splits[:-1]``."""
        return Tensor(self._row_splits._value[:-1].copy())

    def row_limits(self, name: str | None = None) -> Tensor:
        """``row_splits[1:]``."""
        return Tensor(self._row_splits._value[1:].copy())

    def value_rowids(self, name: str | None = None) -> Tensor:
        """The row index of every value.

        Example:
            >>> import tapeflow as tf
            >>> tf.ragged.constant([[1, 2], [], [3]]).value_rowids().numpy().tolist()
            [0, 0, 2]
        """
        return Tensor(_rowids(self._row_splits._value))

    def nested_value_rowids(self, name: str | None = None) -> tuple:
        """``value_rowids`` of every ragged dimension, outermost first."""
        return tuple(Tensor(_rowids(s._value)) for s in self.nested_row_splits)

    def row_lengths(self, axis: int = 1, name: str | None = None) -> Tensor | RaggedTensor:
        """The lengths of the rows along ``axis`` (a RaggedTensor for ``axis >= 2``).

        Example:
            >>> import tapeflow as tf
            >>> rt = tf.ragged.constant([[[3, 1, 4], [1]], [], [[5, 9], [2]], [[6]], []])
            >>> rt.row_lengths().numpy().tolist()
            [2, 0, 2, 1, 0]
            >>> print(rt.row_lengths(axis=2))
            <tf.RaggedTensor [[3, 1], [], [2, 1], [1], []]>
        """
        rank = self._rank
        if not -rank <= axis < rank:
            raise ValueError(f"axis={axis} out of bounds: expected {-rank}<=axis<{rank}")
        if axis < 0:
            axis += rank
        if axis == 0:
            return self.nrows()
        if axis == 1:
            return Tensor(np.diff(self._row_splits._value))
        if isinstance(self._values, RaggedTensor):
            return self.with_values(self._values.row_lengths(axis - 1))
        shape = self._values._value.shape
        n = int(shape[0])
        return self.with_values(Tensor(np.full((n,) + tuple(shape[1:axis - 1]), shape[axis - 1],
                                               self._row_splits._value.dtype)))

    def nested_row_lengths(self, name: str | None = None) -> tuple:
        """``row_lengths`` of every ragged dimension, outermost first."""
        return tuple(Tensor(np.diff(s._value)) for s in self.nested_row_splits)

    def bounding_shape(self, axis: Any = None, name: str | None = None, out_type: Any = None) -> Tensor:
        """The smallest dense shape that holds every row (int64 by default).

        Example:
            >>> import tapeflow as tf
            >>> tf.ragged.constant([[1, 2, 3], [4], []]).bounding_shape().numpy().tolist()
            [3, 3]
        """
        dt = self._row_splits._value.dtype if out_type is None else np.dtype(_dt.np_dtype(out_type))
        dims = np.asarray(self._bounding_dims(), dt)
        if axis is None:
            return Tensor(dims)
        if isinstance(axis, (list, tuple)):
            return Tensor(dims[list(axis)])
        return Tensor(dims[int(axis)])

    def _bounding_dims(self) -> list:
        dims = [self._nrows_int()]
        rt: Any = self
        while isinstance(rt, RaggedTensor):
            lens = np.diff(rt._row_splits._value)
            dims.append(int(lens.max()) if lens.size else 0)
            rt = rt._values
        dims.extend(int(d) for d in rt._value.shape[1:])
        return dims

    def _coords(self) -> list:
        """For each flat value: its index along the rows and along every ragged dimension."""
        splits = [s._value for s in self.nested_row_splits]
        n = int(splits[-1][-1]) if splits else 0
        pos = np.arange(n, dtype=np.intp)
        coords = []
        for s in reversed(splits):
            rid = _rowids(s).astype(np.intp)
            parent = rid[pos]
            coords.append(pos - s[:-1].astype(np.intp)[parent])
            pos = parent
        coords.append(pos)
        return coords[::-1]

    # -- conversion ------------------------------------------------------------------------------

    def to_list(self) -> list:
        """The value as nested Python lists.

        Example:
            >>> import tapeflow as tf
            >>> tf.ragged.constant([[1, 2], [3]]).to_list()
            [[1, 2], [3]]
        """
        s = self._row_splits._value.tolist()
        if isinstance(self._values, RaggedTensor):
            inner = self._values.to_list()
        else:
            inner = self._values._value.tolist()
        return [inner[s[i]:s[i + 1]] for i in range(len(s) - 1)]

    def numpy(self) -> np.ndarray:
        """As TF: rows of different lengths give a 1-D object array of row arrays; uniform rows stack.

        Example:
            >>> import tapeflow as tf
            >>> tf.ragged.constant([[1, 2, 3], [4, 5]], dtype=tf.int64).numpy()
            array([array([1, 2, 3]), array([4, 5])], dtype=object)
        """
        values = self._values.numpy() if isinstance(self._values, RaggedTensor) else self._values._value
        s = self._row_splits._value.tolist()
        rows = [values[s[i]:s[i + 1]] for i in range(len(s) - 1)]
        if not rows:
            return np.zeros((0, 0) + values.shape[1:], values.dtype)
        if any(len(r) != len(rows[0]) for r in rows):
            out = np.empty(len(rows), object)
            for i, r in enumerate(rows):
                out[i] = r.copy()
            return out
        return np.array(rows)

    def to_tensor(self, default_value: Any = None, name: str | None = None, shape: Any = None) -> Tensor:
        """A dense Tensor, padding short rows with ``default_value`` (zero / ``b''`` by default).

        ``shape`` crops or pads the ragged dimensions (``None`` entries use the bounding size).
        Gradients flow to the values (and to ``default_value``).

        Example:
            >>> import tapeflow as tf
            >>> rt = tf.ragged.constant([[9, 8, 7], [], [6, 5], [4]])
            >>> rt.to_tensor().numpy().tolist()
            [[9, 8, 7], [0, 0, 0], [6, 5, 0], [4, 0, 0]]
            >>> rt.to_tensor(default_value=-1, shape=[3, 2]).numpy().tolist()
            [[9, 8], [-1, -1], [6, 5]]
        """
        return _to_tensor(self, default_value, shape)

    def to_sparse(self, name: str | None = None) -> Any:
        """A ``SparseTensor`` with an entry per value (inner uniform dimensions become indices too).

        Example:
            >>> import tapeflow as tf
            >>> st = tf.ragged.constant([[1, 2, 3], [4], [], [5, 6]]).to_sparse()
            >>> st.indices.numpy().tolist()
            [[0, 0], [0, 1], [0, 2], [1, 0], [3, 0], [3, 1]]
            >>> st.dense_shape.numpy().tolist()
            [4, 3]
        """
        from .sparse_tensor import SparseTensor

        coords = self._coords()
        fv = self.flat_values
        inner = tuple(fv._value.shape[1:])
        idx = np.stack(coords, axis=1).astype(np.int64) if coords else np.zeros((0, 1), np.int64)
        vals = fv
        if inner:
            m = int(np.prod(inner, dtype=np.int64))
            grid = np.indices(inner).reshape(len(inner), -1).T.astype(np.int64)
            idx = np.concatenate([np.repeat(idx, m, axis=0), np.tile(grid, (idx.shape[0], 1))], axis=1)
            vals = C.reshape_to(fv, (-1,))
        dense = np.asarray(self._bounding_dims(), np.int64)
        return SparseTensor._make(Tensor(idx), vals, Tensor(dense))

    def with_values(self, new_values: Any) -> RaggedTensor:
        """The same row partition (outermost) over ``new_values``.

        Example:
            >>> import tapeflow as tf
            >>> rt = tf.ragged.constant([[1, 2], [3]])
            >>> print(rt.with_values(tf.constant([10, 20, 30])))
            <tf.RaggedTensor [[10, 20], [30]]>
        """
        new_values = _values_arg(new_values, "with_values")
        if _nrows_of(new_values) != int(self._row_splits._value[-1]):
            raise ValueError(
                f"with_values: new_values has {_nrows_of(new_values)} rows but the row partition needs "
                f"{int(self._row_splits._value[-1])}"
            )
        _check_split_dtypes(self._row_splits, new_values)
        return RaggedTensor._make(new_values, self._row_splits, self._uniform)

    def with_flat_values(self, new_values: Any) -> RaggedTensor:
        """The same nested row partitions over new flat values.

        Example:
            >>> import tapeflow as tf
            >>> rt = tf.ragged.constant([[1.0, 2.0], [3.0]])
            >>> print(rt.with_flat_values(rt.flat_values * 2))
            <tf.RaggedTensor [[2.0, 4.0], [6.0]]>
        """
        if isinstance(self._values, RaggedTensor):
            return RaggedTensor._make(self._values.with_flat_values(new_values), self._row_splits, self._uniform)
        return self.with_values(new_values)

    def with_row_splits_dtype(self, dtype: Any) -> RaggedTensor:
        """The same tensor with row partitions cast to ``dtype`` (int32 or int64)."""
        want = np.dtype(_dt.np_dtype(dtype))
        if want not in _SPLIT_DTYPES:
            raise ValueError(f"dtype must be int32 or int64, got {dtype}")
        values = self._values.with_row_splits_dtype(dtype) if isinstance(self._values, RaggedTensor) else self._values
        s = self._row_splits
        if s._value.dtype != want:
            s = Tensor(s._value.astype(want))
        return RaggedTensor._make(values, s, self._uniform)

    def merge_dims(self, outer_axis: int, inner_axis: int) -> Tensor | RaggedTensor:
        """Merge dimensions ``outer_axis..inner_axis`` into one.

        Example:
            >>> import tapeflow as tf
            >>> rt = tf.ragged.constant([[[1, 2], [3]], [[4, 5, 6]]])
            >>> print(rt.merge_dims(0, 1))
            <tf.RaggedTensor [[1, 2], [3], [4, 5, 6]]>
            >>> rt.merge_dims(1, 2).to_list()
            [[1, 2, 3], [4, 5, 6]]
            >>> rt.merge_dims(0, -1).numpy().tolist()
            [1, 2, 3, 4, 5, 6]
        """
        rank = self._rank
        o, i = int(outer_axis), int(inner_axis)
        if not -rank <= o < rank:
            raise ValueError(f"outer_axis={outer_axis} out of bounds: expected {-rank}<=outer_axis<{rank}")
        if not -rank <= i < rank:
            raise ValueError(f"inner_axis={inner_axis} out of bounds: expected {-rank}<=inner_axis<{rank}")
        o, i = o % rank, i % rank
        if o > i:
            raise ValueError(f"Expected outer_axis ({outer_axis}) to be less than or equal to inner_axis ({inner_axis}).")
        return _merge_dims(self, o, i)

    # -- python protocol -------------------------------------------------------------------------

    def __repr__(self) -> str:
        with np.printoptions(formatter={"all": _formatter}):
            text = _formatter(self.numpy())
        return f"<tf.RaggedTensor {text}>"

    __str__ = __repr__

    def __bool__(self) -> bool:
        raise TypeError("RaggedTensor may not be used as a boolean.")

    def __hash__(self) -> int:
        raise TypeError("RaggedTensor is unhashable.")

    def __getitem__(self, key: Any) -> Any:
        return _getitem(self, key)

    # elementwise operators: on flat_values, with TF's broadcasting of dense operands
    def __add__(self, other: Any) -> Any:
        return _binary("add", self, other)

    def __radd__(self, other: Any) -> Any:
        return _binary("add", other, self)

    def __sub__(self, other: Any) -> Any:
        return _binary("subtract", self, other)

    def __rsub__(self, other: Any) -> Any:
        return _binary("subtract", other, self)

    def __mul__(self, other: Any) -> Any:
        return _binary("multiply", self, other)

    def __rmul__(self, other: Any) -> Any:
        return _binary("multiply", other, self)

    def __truediv__(self, other: Any) -> Any:
        return _binary("truediv", self, other)

    def __rtruediv__(self, other: Any) -> Any:
        return _binary("truediv", other, self)

    def __floordiv__(self, other: Any) -> Any:
        return _binary("floordiv", self, other)

    def __rfloordiv__(self, other: Any) -> Any:
        return _binary("floordiv", other, self)

    def __mod__(self, other: Any) -> Any:
        return _binary("floormod", self, other)

    def __rmod__(self, other: Any) -> Any:
        return _binary("floormod", other, self)

    def __pow__(self, other: Any) -> Any:
        return _binary("pow", self, other)

    def __rpow__(self, other: Any) -> Any:
        return _binary("pow", other, self)

    def __and__(self, other: Any) -> Any:
        return _binary("logical_and", self, other)

    def __rand__(self, other: Any) -> Any:
        return _binary("logical_and", other, self)

    def __or__(self, other: Any) -> Any:
        return _binary("logical_or", self, other)

    def __ror__(self, other: Any) -> Any:
        return _binary("logical_or", other, self)

    def __xor__(self, other: Any) -> Any:
        return _binary("logical_xor", self, other)

    def __rxor__(self, other: Any) -> Any:
        return _binary("logical_xor", other, self)

    def __lt__(self, other: Any) -> Any:
        return _binary("less", self, other)

    def __le__(self, other: Any) -> Any:
        return _binary("less_equal", self, other)

    def __gt__(self, other: Any) -> Any:
        return _binary("greater", self, other)

    def __ge__(self, other: Any) -> Any:
        return _binary("greater_equal", self, other)

    def __eq__(self, other: Any) -> Any:  # type: ignore[override]
        try:
            return _binary("equal", self, other)
        except (ValueError, TypeError):  # TF: operands that do not broadcast compare unequal
            return False

    def __ne__(self, other: Any) -> Any:  # type: ignore[override]
        try:
            return _binary("not_equal", self, other)
        except (ValueError, TypeError):
            return True

    def __neg__(self) -> RaggedTensor:
        return map_flat_values(_math("negative"), self)

    def __abs__(self) -> RaggedTensor:
        return map_flat_values(_math("abs"), self)

    def __invert__(self) -> RaggedTensor:
        return map_flat_values(_math("logical_not"), self)


# --- implementation of the larger methods ----------------------------------------------------------------


def _math(name: str) -> Callable:
    from .ops import math_ops

    if name == "abs" and not hasattr(math_ops, "abs"):
        from . import math as tfmath

        return tfmath.abs
    return getattr(math_ops, name)


def map_flat_values(op: Callable, *args: Any, **kwargs: Any) -> Any:
    """Apply ``op`` to the ``flat_values`` of the RaggedTensor arguments (which must share their
    nested row partitions); the result keeps that partition.

    Example:
        >>> import tapeflow as tf
        >>> rt = tf.ragged.constant([[1, 2, 3], [], [4, 5], [6]])
        >>> print(tf.ragged.map_flat_values(tf.ones_like, rt))
        <tf.RaggedTensor [[1, 1, 1], [], [1, 1], [1]]>
        >>> print(tf.ragged.map_flat_values(tf.multiply, rt, rt))
        <tf.RaggedTensor [[1, 4, 9], [], [16, 25], [36]]>
    """
    found, new_args, new_kwargs = _swap_instances(RaggedTensor, lambda r: r.flat_values, args, kwargs)
    if not found:
        return op(*args, **kwargs)
    sizes = {int(r.flat_values._value.shape[0]) for r in found}
    if len(sizes) != 1:
        raise ValueError("Input RaggedTensors' flat_values must all have the same outer-dimension size.  "
                         f"Got sizes: {sizes}")
    if len({r._row_splits._value.dtype for r in found}) > 1:
        raise ValueError("Input RaggedTensors have mismatched row partition dtypes; use "
                         "RaggedTensor.with_row_splits_dtype() to convert them to compatible dtypes.")
    if len({r.ragged_rank for r in found}) > 1:
        raise ValueError("All ragged inputs must have the same ragged_rank.")
    first = found[0]
    for other in found[1:]:
        _check_same_partition(first, other)
    out = op(*new_args, **new_kwargs)
    if isinstance(out, Variable) or not isinstance(out, Tensor):
        out = _as_tensor(out)
    n = sizes.pop()
    if out._value.ndim == 0 or out._value.shape[0] != n:
        raise ValueError(
            "tf.ragged.map_flat_values requires that the output of `op` have the same outer-dimension size as "
            f"flat_values of any ragged inputs. (output shape: {TensorShape(out._value.shape)}; expected outer "
            f"dimension size: {n})"
        )
    return first.with_flat_values(out)


def _check_same_partition(a: RaggedTensor, b: RaggedTensor) -> None:
    sa, sb = a.nested_row_splits, b.nested_row_splits
    if len(sa) != len(sb):
        raise ValueError(f"ragged_rank mismatch: {len(sa)} vs {len(sb)}")
    for x, y in zip(sa, sb):
        if x._value.dtype != y._value.dtype:
            raise ValueError(
                "Input RaggedTensors have mismatched row_splits dtypes; use RaggedTensor.with_row_splits_dtype() "
                "to convert them to compatible dtypes."
            )
        if x._value.shape != y._value.shape or not np.array_equal(x._value, y._value):
            raise InvalidArgumentError(
                f"Inputs must have identical ragged splits: {x._value.tolist()} vs {y._value.tolist()}",
                op="RaggedTensor",
            )


def _dense_on_flat(rt: RaggedTensor, d: Tensor, op: str) -> Tensor:
    """A dense operand broadcast (TF's rules) onto ``rt.flat_values``'s rows."""
    fv = rt.flat_values
    inner_rank = fv._value.ndim - 1
    k = rt.ragged_rank + 1  # the rows axis and every ragged axis
    dshape = tuple(d._value.shape)
    if len(dshape) <= inner_rank:
        return d  # aligns with the inner (uniform) dimensions only
    outer = dshape[: len(dshape) - inner_rank]
    outer = (1,) * (k - len(outer)) + outer
    if len(outer) > k:
        raise InvalidArgumentError(
            f"{op}: cannot broadcast a dense operand of shape {dshape} to a RaggedTensor of shape {rt.shape}", op=op
        )
    if all(o == 1 for o in outer):
        return C.reshape_to(d, dshape[len(dshape) - inner_rank:]) if inner_rank < len(dshape) else d
    coords = rt._coords()
    dims = rt._bounding_dims()
    # every partitioned dimension must be 1 in the operand or equal each row's length
    lens = [np.asarray([dims[0]])] + [np.diff(s._value) for s in rt.nested_row_splits]
    for level, (o, ln) in enumerate(zip(outer, lens)):
        if o != 1 and ln.size and np.any(ln != o):
            raise InvalidArgumentError(
                f"{op}: cannot broadcast a dense operand of shape {dshape} to a RaggedTensor of shape {rt.shape}: "
                f"dimension {level} has size {o} but the ragged tensor's sizes there are {sorted(set(ln.tolist()))}",
                op=op,
            )
    lin = np.zeros(fv._value.shape[0], np.intp)
    for o, c in zip(outer, coords):
        lin = lin * o + (c if o != 1 else 0)
    flat = C.reshape_to(d, (int(np.prod(outer, dtype=np.int64)),) + dshape[len(dshape) - inner_rank:])
    return A.gather(flat, lin, 0)


def _binary(name: str, x: Any, y: Any) -> RaggedTensor:
    fn = _math(name)
    if isinstance(x, RaggedTensor) and isinstance(y, RaggedTensor):
        _check_same_partition(x, y)
        return x.with_flat_values(fn(x.flat_values, y.flat_values))
    if isinstance(x, RaggedTensor):
        rt, other, left = x, y, True
    else:
        rt, other, left = y, x, False
    if other is None or isinstance(other, str):
        raise TypeError(f"{name}: unsupported operand {other!r} for a RaggedTensor")
    fv = rt.flat_values
    if isinstance(other, (builtins.bool, int, float, complex)) and not isinstance(other, np.generic):
        o = other
    else:
        if not isinstance(other, (Tensor, Variable)):
            other = _as_tensor(other) if not isinstance(other, np.ndarray) else Tensor(other)
        else:
            other = _as_tensor(other)
        o = _dense_on_flat(rt, other, name) if other._value.ndim else other
    return rt.with_flat_values(fn(fv, o) if left else fn(o, fv))


def _from_tensor(tensor: Any, lengths: Any, padding: Any, ragged_rank: int, row_splits_dtype: Any) -> RaggedTensor:
    t = _as_tensor(tensor)
    splits_dt = np.dtype(_dt.np_dtype(row_splits_dtype))
    if splits_dt not in _SPLIT_DTYPES:
        raise ValueError("row_splits_dtype must be int32 or int64")
    if lengths is not None and padding is not None:
        raise ValueError("Specify argument `lengths` or `padding`, but not both.")
    if not isinstance(ragged_rank, (int, np.integer)) or ragged_rank <= 0:
        raise ValueError(f"ragged_rank must be greater than 0; got {ragged_rank}")
    shape = tuple(t._value.shape)
    nested = (isinstance(lengths, (list, tuple)) and len(lengths) > 0
              and not isinstance(lengths[0], (int, float, np.integer, np.floating)))
    if nested:
        if ragged_rank not in (1, len(lengths)):
            raise ValueError(
                f"If Argument `lengths` is a tuple of row_lengths, argument `ragged_rank` must be "
                f"len(lengths): {len(lengths)}. Received ragged_rank: {ragged_rank}."
            )
        ragged_rank = len(lengths)
    k = int(ragged_rank)
    if len(shape) < k + 1:
        raise ValueError(f"Shape {shape} must have rank at least {k + 1}")

    def vec(v: Any) -> np.ndarray:
        return np.asarray(v.numpy() if hasattr(v, "numpy") else v).astype(np.int64).reshape(-1)

    rest = shape[k + 1:]
    n_all = int(np.prod(shape[:k + 1], dtype=np.int64))
    flat = C.reshape_to(t, (n_all,) + rest)
    if nested:
        # keep, level by level, the first lengths[m][j] children of the j-th kept row
        parents = np.arange(shape[0], dtype=np.int64)
        level_lengths = []
        for m, ln in enumerate(lengths, start=1):
            ln = vec(ln)
            if ln.size != parents.size:
                raise ValueError(f"Shapes ({parents.size},) and ({ln.size},) are incompatible")
            ln = np.clip(ln, 0, shape[m])
            level_lengths.append(ln)
            starts = parents * shape[m]
            parents = _range_indices(starts, starts + ln).astype(np.int64)
        values: Any = A.gather(flat, parents.astype(np.intp), 0)
        rt: Any = values
        for ln in reversed(level_lengths):
            rt = RaggedTensor._make(rt, Tensor(_lengths_to_splits(ln, splits_dt)))
        return rt
    nrows = int(np.prod(shape[:k], dtype=np.int64))
    width = shape[k]
    uniform = None
    if padding is not None:
        pad = _as_tensor(padding, dtype=t.dtype)
        pv = pad._value
        if tuple(pv.shape) != rest:
            raise ValueError(f"Shapes {tuple(pv.shape)} and {rest} are incompatible")
        eq = (t._value.reshape((nrows, width, -1)) == pv.reshape(1, 1, -1)).all(axis=2)
        notpad = ~eq  # a row keeps everything up to its last entry that is not padding
        row_len = np.where(notpad.any(axis=1), width - np.argmax(notpad[:, ::-1], axis=1), 0).astype(np.int64)
    elif lengths is not None:
        ln = vec(lengths)
        if ln.size != nrows:
            raise ValueError(f"Shapes ({nrows}, {width}) and ({ln.size}, {width}) are incompatible")
        row_len = np.clip(ln, 0, width)
    else:
        row_len = np.full(nrows, width, np.int64)
        uniform = width
    if uniform is not None:
        values = flat
    else:
        starts = np.arange(nrows, dtype=np.int64) * width
        idx = _range_indices(starts, starts + row_len)
        values = A.gather(flat, idx, 0) if idx.size != nrows * width else flat
    rt = RaggedTensor._make(values, Tensor(_lengths_to_splits(row_len, splits_dt)), uniform)
    # the dimensions between the rows and the ragged one stay uniform partitions
    for j in range(k - 1, 0, -1):
        n = int(np.prod(shape[:j], dtype=np.int64))
        rt = RaggedTensor._make(rt, Tensor((np.arange(n + 1) * shape[j]).astype(splits_dt)), shape[j])
    return rt


def _to_tensor(rt: RaggedTensor, default_value: Any, shape: Any) -> Tensor:
    op = "to_tensor"
    fv = rt.flat_values
    dims = rt._bounding_dims()
    k = rt.ragged_rank + 1
    inner = tuple(fv._value.shape[1:])
    if shape is not None:
        if isinstance(shape, TensorShape):
            want = list(shape)
        else:
            want = np.asarray(shape.numpy() if hasattr(shape, "numpy") else shape, dtype=object).reshape(-1).tolist()
        if len(want) != len(dims):
            raise ValueError(f"{op}: shape {want} must have rank {len(dims)}")
        target = [d if w is None or int(w) == -1 else int(w) for w, d in zip(want, dims)]
        if tuple(target[k:]) != inner:
            raise InvalidArgumentError(
                f"{op}: rt_input.shape and shape={target} are incompatible: the uniform inner dimensions "
                f"{list(inner)} cannot change to {target[k:]}", op=op)
    else:
        target = dims
    coords = rt._coords()
    keep = np.ones(fv._value.shape[0], bool)
    lin = np.zeros(fv._value.shape[0], np.intp)
    for c, t in zip(coords, target[:k]):
        keep &= c < t
        lin = lin * t + c
    outer = tuple(target[:k])
    n_out = int(np.prod(outer, dtype=np.int64))
    filled = np.zeros(n_out, bool)
    filled[lin[keep]] = True
    all_kept = bool(keep.all())
    vals = fv if all_kept else A.gather(fv, np.flatnonzero(keep), 0)
    lin = lin if all_kept else lin[keep]
    if default_value is not None:
        dflt = _as_tensor(default_value, dtype=fv.dtype) if not isinstance(default_value, (Tensor, Variable)) \
            else _as_tensor(default_value)
        if dflt._value.dtype != fv._value.dtype:
            raise InvalidArgumentError(
                f"{op}: default_value is a {dflt.dtype.name} tensor but the values are {fv.dtype.name}", op=op)
        try:
            np.broadcast_to(dflt._value, inner)
        except ValueError:
            raise InvalidArgumentError(
                f"{op}: default_value of shape {tuple(dflt._value.shape)} is not broadcastable to the inner "
                f"shape {inner}", op=op) from None
    else:
        dflt = None
    if fv._value.dtype.kind not in "fc":  # no gradients to keep: build the array directly
        if dflt is None:
            base = np.zeros((), fv._value.dtype) if fv._value.dtype != object else np.asarray(b"", object)
        else:
            base = dflt._value
        out = np.empty((n_out,) + inner, fv._value.dtype)
        out[...] = base
        out[lin] = vals._value
        return Tensor(out.reshape(outer + inner))
    scattered = A.scatter_add(vals, lin, 0, n_out)
    if dflt is not None and not (dflt._value.ndim == 0 and dflt._value == 0 and not isinstance(default_value, (Tensor, Variable))):
        empty = Tensor((~filled).astype(fv._value.dtype).reshape((n_out,) + (1,) * len(inner)))
        scattered = C.add(scattered, C.multiply(empty, C.broadcast_to(dflt, inner) if inner else dflt))
    return C.reshape_to(scattered, outer + inner)


def _merge_dims(rt: Any, o: int, i: int) -> Any:
    if o == i:
        return rt
    if not isinstance(rt, RaggedTensor):
        shape = tuple(rt._value.shape)
        return C.reshape_to(rt, shape[:o] + (int(np.prod(shape[o:i + 1], dtype=np.int64)),) + shape[i + 1:])
    if o > 0:
        if o == 1:
            splits, values = rt._row_splits._value, rt._values
            for _ in range(i - o):
                if isinstance(values, RaggedTensor):
                    splits = values._row_splits._value[splits]
                    values = values._values
                else:
                    w = int(values._value.shape[1])
                    splits = splits * w
                    values = C.reshape_to(values, (-1,) + tuple(values._value.shape[2:]))
            return RaggedTensor._make(values, Tensor(splits.astype(rt._row_splits._value.dtype)))
        return RaggedTensor._make(_merge_dims(rt._values, o - 1, i - 1), rt._row_splits, rt._uniform)
    # o == 0: merge 1..i, then drop the outer partition
    merged = _merge_dims(rt, 1, i) if i > 1 else rt
    return merged._values


# --- reductions (the targets of tf.reduce_* on ragged inputs) ---------------------------------------------

_REDUCERS = ("sum", "mean", "max", "min", "prod", "any", "all")


def _identity(kind: str, dt: np.dtype) -> Any:
    """The value a reduction gives for an empty row (TF: dtype.min for max, dtype.max for min)."""
    if kind in ("sum", "mean", "any"):
        return np.zeros((), dt)
    if kind in ("prod", "all"):
        return np.ones((), dt)
    if dt.kind == "f":
        info = np.finfo(dt)
        return np.asarray(info.min if kind == "max" else info.max, dt)
    if dt.kind in "iu":
        info = np.iinfo(dt)
        return np.asarray(info.min if kind == "max" else info.max, dt)
    if dt.kind == "b":
        return np.asarray(kind == "min", dt)
    raise InvalidArgumentError(f"reduce_{kind}: unsupported dtype {dt}", op=f"reduce_{kind}")


def _dense_reduce(kind: str) -> Callable:
    from .ops import math_ops

    return getattr(math_ops, "reduce_" + kind)


def _segment_reduce(values: Any, seg: np.ndarray, n: int, kind: str) -> Any:
    """Reduce the rows of ``values`` that share a segment id (``seg``, one per row) into ``n`` rows.

    Ragged rows are reduced position by position (a shorter row simply has fewer entries).
    """
    if isinstance(values, RaggedTensor):
        lens = np.diff(values._row_splits._value).astype(np.int64)
        out_len = np.zeros(n, np.int64)
        if seg.size:
            np.maximum.at(out_len, seg, lens)
        out_splits = _lengths_to_splits(out_len, values._row_splits._value.dtype)
        rid = _rowids(values._row_splits._value).astype(np.intp)
        pos = np.arange(rid.size) - values._row_splits._value[:-1].astype(np.intp)[rid]
        new_seg = (out_splits[:-1].astype(np.intp)[seg[rid]] + pos) if rid.size else np.zeros(0, np.intp)
        inner = _segment_reduce(values._values, new_seg, int(out_splits[-1]), kind)
        return RaggedTensor._make(inner, Tensor(out_splits))
    # dense rows: sort by segment, pad each segment to a common length with the identity, reduce
    order = np.argsort(seg, kind="stable").astype(np.intp)
    sseg = seg[order]
    rows = _take_rows(values, order)
    counts = np.bincount(sseg, minlength=n)[:n] if sseg.size else np.zeros(n, np.int64)
    grouped = RaggedTensor._make(rows, Tensor(_lengths_to_splits(counts, np.dtype(np.int64))))
    dt = values._value.dtype
    if kind == "mean":
        total = _segment_reduce(values, seg, n, "sum")
        from .ops import math_ops

        cnt = Tensor(counts.astype(dt if dt.kind in "fc" else np.int64).reshape((n,) + (1,) * (values._value.ndim - 1)))
        with np.errstate(invalid="ignore", divide="ignore"):  # an empty row's mean is NaN, as in TF
            if dt.kind not in "fc":
                return math_ops.truediv(C.cast_raw(total, np.dtype(np.int64)), cnt)
            return math_ops.truediv(total, cnt)
    width = int(counts.max()) if counts.size else 0
    if width == 0:
        return Tensor(np.broadcast_to(_identity(kind, dt), (n,) + tuple(values._value.shape[1:])).copy())
    dense = _to_tensor(grouped, Tensor(_identity(kind, dt)), None)
    return _dense_reduce(kind)(dense, axis=1)


def _reduce_one(rt: Any, axis: int, kind: str) -> Any:
    """Reduce a single axis of a ragged (or dense) tensor."""
    if not isinstance(rt, RaggedTensor):
        return _dense_reduce(kind)(rt, axis=axis)
    if axis == 0:
        s = rt._row_splits._value
        rid = _rowids(s).astype(np.intp)
        pos = (np.arange(rid.size) - s[:-1].astype(np.intp)[rid]).astype(np.intp)
        lens = np.diff(s)
        n = int(lens.max()) if lens.size else 0
        return _segment_reduce(rt._values, pos, n, kind)
    if axis == 1:
        return _segment_reduce(rt._values, _rowids(rt._row_splits._value).astype(np.intp), rt._nrows_int(), kind)
    inner = _reduce_one(rt._values, axis - 1, kind)
    return RaggedTensor._make(inner, rt._row_splits, rt._uniform)


def _mean_div(total: Tensor, count: Tensor) -> Tensor:
    from .ops import math_ops

    with np.errstate(invalid="ignore", divide="ignore"):  # an empty row's mean is NaN, as in TF
        if total._value.dtype.kind in "fc":
            return math_ops.truediv(total, C.cast_raw(count, total._value.dtype))
        return math_ops.truediv(C.cast_raw(total, np.dtype(np.int64)), count)


def ragged_reduce(kind: str, input_tensor: RaggedTensor, axis: Any = None, keepdims: bool = False) -> Any:
    """``tf.reduce_<kind>(ragged, axis, keepdims)`` with TF's ragged semantics (dispatch target).

    An empty row reduces to the identity (0 for sum, 1 for prod, ``dtype.min`` for max,
    ``dtype.max`` for min, NaN for mean). Gradients flow to ``flat_values``.

    Example:
        >>> import tapeflow as tf
        >>> from tapeflow.ragged_tensor import ragged_reduce
        >>> rt = tf.ragged.constant([[3.0, 1.0, 4.0], [], [1.0, 5.0]])
        >>> ragged_reduce("sum", rt, axis=1).numpy().tolist()
        [8.0, 0.0, 6.0]
        >>> ragged_reduce("max", rt, axis=0).numpy().tolist()
        [3.0, 5.0, 4.0]
    """
    if kind not in _REDUCERS:
        raise ValueError(f"unknown reduction {kind!r}")
    rt = input_tensor
    rank = rt._rank
    op = f"reduce_{kind}"
    if axis is None:
        axes = list(builtins.range(rank))
    else:
        raw = axis if isinstance(axis, (list, tuple)) else [axis]
        raw = [int(np.asarray(a._value if isinstance(a, Tensor) else a)) for a in raw]
        for a in raw:
            if not -rank <= a < rank:
                raise ValueError(f"axis={a} out of bounds: expected {-rank}<=axis<{rank}")
        axes = sorted({a % rank for a in raw})
    if axes == list(builtins.range(rank)) and not keepdims:
        return _dense_reduce(kind)(rt.flat_values)
    if kind == "mean" and len(axes) > 1:
        total = ragged_reduce("sum", rt, axes, keepdims)
        ones = rt.with_flat_values(Tensor(np.ones_like(rt.flat_values._value, dtype=np.int64)))
        count = ragged_reduce("sum", ones, axes, keepdims)
        if isinstance(total, RaggedTensor):
            return map_flat_values(_mean_div, total, count)
        return _mean_div(total, count)
    out: Any = rt
    for a in reversed(axes):
        out = _reduce_one(out, a, kind)
    if keepdims:
        if isinstance(out, RaggedTensor):
            raise ValueError(f"{op}: keepdims=True is not supported by tapeflow when the result stays ragged")
        shape = list(out._value.shape)
        for a in axes:
            shape.insert(a, 1)
        out = C.reshape_to(out, tuple(shape))
    return out


# --- indexing --------------------------------------------------------------------------------------------


def _int_key(k: Any) -> int | None:
    if isinstance(k, (builtins.bool, np.bool_)):
        return None
    if isinstance(k, (int, np.integer)):
        return int(k)
    if isinstance(k, (Tensor, Variable)):
        v = _as_tensor(k)._value
        if v.ndim == 0 and v.dtype.kind in "iu":
            return int(v)
    return None


def _slice_bounds(s: builtins.slice) -> tuple:
    def one(v: Any) -> Any:
        if v is None:
            return None
        iv = _int_key(v)
        if iv is None:
            raise TypeError(f"slice indices must be integers or None, got {v!r}")
        return iv

    return one(s.start), one(s.stop), one(s.step)


def _getitem(rt: RaggedTensor, key: Any) -> Any:
    if not isinstance(key, tuple):
        key = (key,)
    if any(k is Ellipsis for k in key):
        pos = [j for j, k in enumerate(key) if k is Ellipsis]
        if len(pos) > 1:
            raise ValueError("An index can have at most one ellipsis")
        j = pos[0]
        n_real = len([k for k in key if k is not Ellipsis and k is not None])
        fill = max(rt._rank - n_real, 0)
        key = key[:j] + (builtins.slice(None),) * fill + key[j + 1:]
    if not key:
        return rt
    if any(k is None for k in key):
        raise ValueError("tapeflow: tf.newaxis in a RaggedTensor index is not supported")
    first, rest = key[0], key[1:]
    i = _int_key(first)
    if i is not None:
        n = rt._nrows_int()
        if i >= n:
            raise IndexError(f"Row key {i} out of bounds")
        if i < -n:
            raise InvalidArgumentError(f"slice index {i} of dimension 0 out of bounds.", op="strided_slice")
        i %= n
        s = rt._row_splits._value
        row = _slice_rows(rt._values, int(s[i]), int(s[i + 1]))
        return row[rest] if rest else row
    if not isinstance(first, builtins.slice):
        raise TypeError(f"RaggedTensor indices must be integers, slices or Ellipsis, got {type(first).__name__}")
    a, b, step = _slice_bounds(first)
    n = rt._nrows_int()
    rows = np.arange(n)[builtins.slice(a, b, step)]
    if step in (None, 1):
        sel = _slice_rows(rt, int(rows[0]), int(rows[-1]) + 1) if rows.size else _slice_rows(rt, 0, 0)
    else:
        sel = _take_rows(rt, rows.astype(np.intp))
    if not rest:
        return sel
    return _index_inner(sel, rest)


def _index_inner(rt: RaggedTensor, key: tuple) -> Any:
    """``rt[:, key...]``: index within every row."""
    first, rest = key[0], key[1:]
    if rt._uniform is None and _int_key(first) is not None:
        raise ValueError("Cannot index into an inner ragged dimension.")
    s = rt._row_splits._value
    values = rt._values
    if _int_key(first) is not None:  # uniform rows: pick one value per row
        k = _int_key(first)
        w = rt._uniform
        if not -w <= k < w:
            raise InvalidArgumentError(f"slice index {k} of dimension 1 out of bounds.", op="strided_slice")
        picked = _take_rows(values, (s[:-1] + (k % w)).astype(np.intp))
        return picked[(builtins.slice(None),) + rest] if rest else picked
    if not isinstance(first, builtins.slice):
        raise TypeError(f"RaggedTensor indices must be integers, slices or Ellipsis, got {type(first).__name__}")
    a, b, step = _slice_bounds(first)
    starts, limits = s[:-1].astype(np.int64), s[1:].astype(np.int64)
    lens = limits - starts
    if step in (None, 1):

        def clamp(v: Any, default: np.ndarray) -> np.ndarray:
            if v is None:
                return default
            v = np.full(lens.shape, v, np.int64)
            v = np.where(v < 0, v + lens, v)
            return np.clip(v, 0, lens)

        lo = clamp(a, np.zeros_like(lens))
        hi = np.maximum(clamp(b, lens), lo)
        idx = _range_indices(starts + lo, starts + hi)
        new_lens = hi - lo
    else:
        parts, new_lens_l = [], []
        for st, ln in zip(starts.tolist(), lens.tolist()):
            r = np.arange(ln)[builtins.slice(a, b, step)] + st
            parts.append(r)
            new_lens_l.append(r.size)
        idx = np.concatenate(parts).astype(np.intp) if parts else np.zeros(0, np.intp)
        new_lens = np.asarray(new_lens_l, np.int64)
    new_values = _take_rows(values, idx.astype(np.intp))
    uniform = None
    if rt._uniform is not None and new_lens.size and np.all(new_lens == new_lens[0]):
        uniform = int(new_lens[0])
    out = RaggedTensor._make(new_values, Tensor(_lengths_to_splits(new_lens, s.dtype)), uniform)
    if rest:
        if isinstance(new_values, RaggedTensor):
            inner = _index_inner(new_values, rest)
        else:
            inner = new_values[(builtins.slice(None),) + rest]
        if isinstance(inner, (Tensor, RaggedTensor)) and _nrows_of(inner) == _nrows_of(new_values):
            return RaggedTensor._make(inner, out._row_splits, uniform)
        raise ValueError("tapeflow: this RaggedTensor index is not supported")
    return out


__all__ = ["RaggedTensor"]
