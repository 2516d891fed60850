"""``tf.sets``: set operations along the last axis of dense tensors or ``tf.SparseTensor``\\ s.

Each group of entries sharing all but the last index is a set (duplicates count once). Results
are ``tf.SparseTensor``\\ s as TF returns them: int64 ``indices`` in row-major order, the values of
each set sorted ascending, and a ``dense_shape`` whose last dimension is the largest result set.
Only int8/16/32/64, uint8/16 and string elements are supported, as in TF; the ops are not
differentiable (TF: NotDifferentiable).

Example:
    >>> import tapeflow as tf
    >>> a = tf.constant([[1, 2, 3, 2], [4, 5, 4, 4]])
    >>> b = tf.constant([[2, 6, 6, 6], [4, 4, 4, 4]])
    >>> u = tf.sets.union(a, b)
    >>> u.values.numpy().tolist(), u.dense_shape.numpy().tolist()
    ([1, 2, 3, 6, 4, 5], [2, 4])
    >>> tf.sets.size(tf.sparse.from_dense(a)).numpy().tolist()
    [3, 2]
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from . import dtypes as _dt
from .errors import InternalError, InvalidArgumentError
from .sparse_tensor import SparseTensor
from .tensor import Tensor, Variable, _object_array, convert_to_tensor

__all__ = ["difference", "intersection", "size", "union"]

_VALID = ("int8", "int16", "int32", "int64", "uint8", "uint16", "string")
# TF prints its frozenset of valid dtypes in its hash order
_VALID_TEXT = "frozenset({tf.int32, tf.uint8, tf.int16, tf.int8, tf.string, tf.int64, tf.uint16})"


def _convert(x: Any) -> Any:
    if isinstance(x, SparseTensor):
        return x
    if isinstance(x, Variable):
        return x._read()
    return convert_to_tensor(x)


def _shape_text(shape: Any) -> str:
    return "[" + ",".join(str(int(d)) for d in shape) + "]"


def _check_sparse_indices(st: SparseTensor, validate: bool, op: str) -> None:
    idx = st.indices._value
    shape = [int(d) for d in st.dense_shape._value.tolist()]
    if validate:
        from .sparse import _check_indices

        _check_indices(idx, shape, op)
        return
    for i, row in enumerate(idx.tolist()):  # TF still refuses indices outside the shape
        for d, (v, s) in enumerate(zip(row, shape)):
            if not 0 <= v < s:
                raise InternalError(f"indices[{i}, {d}] expected < {s}, got {v}.", op=op)


def _sparse_groups(st: SparseTensor) -> tuple:
    """(batch shape, {linear group id: list of values}) of a sparse operand."""
    shape = tuple(int(d) for d in st.dense_shape._value.tolist())
    batch = shape[:-1]
    idx = st.indices._value[:, :-1]
    lin = np.ravel_multi_index(idx.T, batch) if idx.shape[0] and batch else np.zeros(idx.shape[0], np.int64)
    groups: dict = {}
    for g, v in zip(lin.tolist(), st.values._value.tolist()):
        groups.setdefault(g, []).append(v)
    return batch, groups


def _dense_groups(t: Tensor) -> tuple:
    v = t._value
    batch = v.shape[:-1]
    rows = v.reshape(int(np.prod(batch, dtype=np.int64)), v.shape[-1])
    return batch, {g: row for g, row in enumerate(rows.tolist())}


def _check_dense_rank(t: Tensor, op: str) -> None:
    if t._value.ndim < 2:
        raise InvalidArgumentError(f"Shape {_shape_text(t._value.shape)} has rank {t._value.ndim} < 2", op=op)


def _check_sparse_rank(st: SparseTensor, op: str) -> None:
    rank = int(st.dense_shape._value.shape[0])
    if rank < 2:
        raise InvalidArgumentError(f"Invalid rank {rank}.", op=op)


def _result(batch: tuple, ga: dict, gb: dict, fn: Callable[[set, set], set], dtype: _dt.DType) -> SparseTensor:
    n = int(np.prod(batch, dtype=np.int64))
    rows, vals = [], []
    width = 0
    for g in range(n):
        res = fn(set(ga.get(g, ())), set(gb.get(g, ())))
        if not res:
            continue
        res = sorted(res)
        width = max(width, len(res))
        pos = np.unravel_index(g, batch) if batch else ()
        base = [int(p) for p in pos]
        for j, v in enumerate(res):
            rows.append(base + [j])
            vals.append(v)
    idx = np.asarray(rows, np.int64).reshape(len(rows), len(batch) + 1)
    np_dt = np.dtype(dtype.as_numpy_dtype)
    values = _object_array(vals, (len(vals),)) if np_dt.kind == "O" else np.asarray(vals, np_dt).reshape(len(vals))
    shape = np.asarray(list(batch) + [width], np.int64)
    return SparseTensor._make(Tensor(idx), Tensor(values), Tensor(shape))


def _set_operation(a: Any, b: Any, fn: Callable[[set, set], set], validate_indices: bool) -> SparseTensor:
    if isinstance(a, SparseTensor):
        if not isinstance(b, SparseTensor):
            raise ValueError("Sparse,Dense is not supported, but Dense,Sparse is. Please flip the order of your inputs.")
        op = "SparseToSparseSetOperation"
        _check_sparse_rank(a, op)
        _check_sparse_rank(b, op)
        sa = a.dense_shape._value.tolist()[:-1]
        sb = b.dense_shape._value.tolist()[:-1]
        if sa != sb:
            raise InvalidArgumentError(f"Mismatched shapes {_shape_text(sa)} vs {_shape_text(sb)}", op=op)
        _check_sparse_indices(a, validate_indices, op)
        _check_sparse_indices(b, validate_indices, op)
        batch, ga = _sparse_groups(a)
        _, gb = _sparse_groups(b)
    elif isinstance(b, SparseTensor):
        op = "DenseToSparseSetOperation"
        _check_dense_rank(a, op)
        _check_sparse_rank(b, op)
        sa = list(a._value.shape[:-1])
        sb = b.dense_shape._value.tolist()[:-1]
        if sa != sb:
            raise InvalidArgumentError(f"Mismatched shapes {_shape_text(sa)} vs {_shape_text(sb)}", op=op)
        _check_sparse_indices(b, validate_indices, op)
        batch, ga = _dense_groups(a)
        _, gb = _sparse_groups(b)
    else:
        op = "DenseToDenseSetOperation"
        _check_dense_rank(a, op)
        _check_dense_rank(b, op)
        sa, sb = list(a._value.shape[:-1]), list(b._value.shape[:-1])
        if sa != sb:
            raise InvalidArgumentError(f"Mismatched shapes {_shape_text(sa)} vs {_shape_text(sb)}", op=op)
        batch, ga = _dense_groups(a)
        _, gb = _dense_groups(b)
    return _result(tuple(int(d) for d in batch), ga, gb, fn, a.dtype)


def _two(a: Any, b: Any) -> tuple:
    """Convert both operands; put a (sparse, dense) pair in TF's (dense, sparse) order."""
    a = _convert(a)
    if a.dtype.name not in _VALID:
        raise TypeError(f"'a' has invalid dtype `{a.dtype}` not in supported dtypes: `{_VALID_TEXT}`.")
    b = _convert(b)
    if b.dtype != a.dtype:
        raise TypeError(f"Types don't match, {a.dtype} vs {b.dtype}.")
    if isinstance(a, SparseTensor) and not isinstance(b, SparseTensor):
        return b, a, True
    return a, b, False


def size(a: Any, validate_indices: bool = True) -> Tensor:
    """The number of distinct elements in each set (last axis) of the ``tf.SparseTensor`` ``a``:
    an int32 tensor of shape ``a.dense_shape[:-1]``.

    Example:
        >>> import tapeflow as tf
        >>> st = tf.SparseTensor([[0, 0, 0], [0, 0, 1], [1, 1, 0]], ["a", "a", "b"], [2, 2, 2])
        >>> tf.sets.size(st).numpy().tolist()
        [[1, 0], [0, 1]]
    """
    a = _convert(a)
    if not isinstance(a, SparseTensor):
        raise TypeError(f"Expected `SparseTensor`, got {a!s}.")
    if a.values.dtype.name not in _VALID:
        raise TypeError(f"Invalid dtype `{a.values.dtype}` not in supported dtypes: `{_VALID_TEXT}`.")
    _check_sparse_rank(a, "SetSize")
    _check_sparse_indices(a, validate_indices, "SetSize")
    batch, groups = _sparse_groups(a)
    out = np.zeros(int(np.prod(batch, dtype=np.int64)), np.int32)
    for g, vals in groups.items():
        out[g] = len(set(vals))
    return Tensor(out.reshape(batch))


def intersection(a: Any, b: Any, validate_indices: bool = True) -> SparseTensor:
    """The intersection of the sets along the last axis of ``a`` and ``b`` (dense tensors or
    ``tf.SparseTensor``\\ s of the same dtype; all but the last dimension must match).

    Example:
        >>> import tapeflow as tf
        >>> r = tf.sets.intersection(tf.constant([[1, 2, 3], [4, 5, 6]]), tf.constant([[3, 1, 9], [7, 8, 9]]))
        >>> r.indices.numpy().tolist(), r.values.numpy().tolist(), r.dense_shape.numpy().tolist()
        ([[0, 0], [0, 1]], [1, 3], [2, 2])
    """
    a, b, _ = _two(a, b)
    return _set_operation(a, b, lambda x, y: x & y, validate_indices)


def union(a: Any, b: Any, validate_indices: bool = True) -> SparseTensor:
    """The union of the sets along the last axis of ``a`` and ``b``.

    Example:
        >>> import tapeflow as tf
        >>> r = tf.sets.union(tf.constant([["b", "a"]]), tf.constant([["c", "a", ""]]))
        >>> r.values.numpy().tolist()
        [b'', b'a', b'b', b'c']
    """
    a, b, _ = _two(a, b)
    return _set_operation(a, b, lambda x, y: x | y, validate_indices)


def difference(a: Any, b: Any, aminusb: bool = True, validate_indices: bool = True) -> SparseTensor:
    """The set difference ``a - b`` (or ``b - a`` when ``aminusb`` is False) along the last axis.

    Example:
        >>> import tapeflow as tf
        >>> a = tf.constant([[1, 2, 3, 2], [4, 5, 4, 4]])
        >>> b = tf.constant([[2, 6, 6, 6], [4, 4, 4, 4]])
        >>> tf.sets.difference(a, b).values.numpy().tolist()
        [1, 3, 5]
        >>> tf.sets.difference(a, b, aminusb=False).values.numpy().tolist()
        [6]
    """
    a, b, flipped = _two(a, b)
    if flipped:
        aminusb = not aminusb
    return _set_operation(a, b, (lambda x, y: x - y) if aminusb else (lambda x, y: y - x), validate_indices)
