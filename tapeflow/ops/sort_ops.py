"""Sorting and selection ops: sort, argsort, top_k, in_top_k, approx_max_k / approx_min_k,
unique, searchsorted, is_non_decreasing / is_strictly_increasing, invert_permutation.

Sorted values are one gather from the input at the sort indices, so their gradient scatters
back through the indices (as TF's TopKV2 gradient); index outputs are not differentiable.

Example:
    >>> import tapeflow as tf
    >>> tf.sort(tf.constant([3, 1, 2])).numpy().tolist()
    [1, 2, 3]
"""

from __future__ import annotations

import collections
from typing import Any

import numpy as np

from .. import dtypes as _dt
from ..errors import InvalidArgumentError
from ..primitives import array as A
from ..primitives import bind, bind1, bind2
from ..primitives import core as C
from ..primitives.segment import nondiff, rows_view
from ..tensor import Tensor, Variable
from ._args import describe, tensor_arg

TopKV2 = collections.namedtuple("TopKV2", ["values", "indices"])
ApproxTopK = collections.namedtuple("ApproxTopK", ["values", "indices"])
Unique = collections.namedtuple("Unique", ["y", "idx"])
UniqueWithCounts = collections.namedtuple("UniqueWithCounts", ["y", "idx", "count"])

_INDEX_TYPES = ("int32", "int64")


# --- the index primitives ---------------------------------------------------------------------------


def _argsort_np(x: np.ndarray, axis: int, descending: bool) -> np.ndarray:
    """Stable argsort along ``axis``: ties keep their order in both directions (as TF).

    Ascending puts NaN last; descending puts it first (TF's top_k treats NaN as largest)."""
    if not descending:
        return np.argsort(x, axis=axis, kind="stable")
    n = x.shape[axis]
    return (n - 1) - np.flip(np.argsort(np.flip(x, axis), axis=axis, kind="stable"), axis)


def _top_k_select(x: np.ndarray, k: int, descending: bool) -> np.ndarray:
    """Indices of the k largest (smallest) entries of each row, in the order of a stable sort,
    in O(n) per row plus a sort of the k chosen (no NaN in ``x``; 0 < k < n)."""
    n = x.shape[-1]
    rows = x.reshape(-1, n)
    kth = np.partition(rows, n - k if descending else k - 1, axis=-1)[:, n - k if descending else k - 1, None]
    beyond = rows > kth if descending else rows < kth
    tied = rows == kth
    need = k - beyond.sum(axis=-1, keepdims=True)  # ties with the k-th value: the lowest indices win
    chosen = beyond | (tied & (np.cumsum(tied, axis=-1) <= need))
    cand = np.nonzero(chosen)[1].reshape(-1, k)  # increasing index order within each row
    vals = np.take_along_axis(rows, cand, axis=-1)
    order = _argsort_np(vals, 1, descending)
    return np.take_along_axis(cand, order, axis=-1).reshape(x.shape[:-1] + (k,))


def _argsort_fwd(x: np.ndarray, axis: int, descending: bool, k: int | None, dtype: np.dtype) -> np.ndarray:
    if k is not None and 0 < 4 * k < x.shape[-1] and not (x.dtype.kind == "f" and np.isnan(x).any()):
        return _top_k_select(x, k, descending).astype(dtype, copy=False)
    idx = _argsort_np(x, axis, descending)
    if k is not None and k != x.shape[axis]:
        idx = idx[..., :k]  # top_k: always the last axis
    return idx.astype(dtype, copy=False)


def _in_top_k_fwd(pred: np.ndarray, targets: np.ndarray, k: int) -> np.ndarray:
    n, c = pred.shape
    t = targets.astype(np.int64)
    valid = (t >= 0) & (t < c)
    tp = pred[np.arange(n), np.where(valid, t, 0)]
    # TF's kernel: False when the target is out of range or any prediction in the row is not finite
    ok = valid & np.isfinite(pred).all(axis=1)
    above = (pred > tp[:, None]).sum(axis=1)
    return ok & (above < k)


def _unique_np(x: np.ndarray) -> tuple:
    """(first index of each distinct value in order of appearance, idx, counts); NaNs are distinct."""
    if x.size == 0:
        e = np.zeros(0, np.intp)
        return e, e, e
    kw = {"equal_nan": False} if x.dtype.kind in "fc" else {}
    _, first, inv, cnt = np.unique(x, return_index=True, return_inverse=True, return_counts=True, **kw)
    order = np.argsort(first, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    return first[order], rank[inv.reshape(-1)], cnt[order]


def _unique_fwd(x: np.ndarray, dtype: np.dtype) -> tuple:
    first, idx, _ = _unique_np(x)
    return x[first], idx.astype(dtype)


def _unique_counts_fwd(x: np.ndarray, dtype: np.dtype) -> tuple:
    first, idx, cnt = _unique_np(x)
    return x[first], idx.astype(dtype), cnt.astype(dtype)


def _searchsorted_fwd(seq: np.ndarray, values: np.ndarray, side: str, dtype: np.dtype) -> np.ndarray:
    s2 = seq.reshape(-1, seq.shape[-1])
    v2 = values.reshape(-1, values.shape[-1])
    out = np.empty(v2.shape, dtype)
    for r in range(s2.shape[0]):
        out[r] = np.searchsorted(s2[r], v2[r], side=side)
    return out.reshape(values.shape)


def _monotonic_fwd(x: np.ndarray, strict: bool) -> np.ndarray:
    f = x.reshape(-1)
    return np.asarray(bool(np.all(f[:-1] < f[1:]) if strict else np.all(f[:-1] <= f[1:])))


ARGSORT = nondiff("argsort", _argsort_fwd)
IN_TOP_K = nondiff("in_top_k", _in_top_k_fwd)
UNIQUE = nondiff("unique", _unique_fwd, tf_op="Unique", n_out=2)
UNIQUE_COUNTS = nondiff("unique_with_counts", _unique_counts_fwd, tf_op="UniqueWithCounts", n_out=3)
SEARCHSORTED = nondiff("searchsorted", _searchsorted_fwd)
MONOTONIC = nondiff("is_monotonic", _monotonic_fwd)


# --- helpers ---------------------------------------------------------------------------------------------


def _take_along(x: Tensor, idx: np.ndarray, axis: int) -> Tensor:
    """``x``'s entries at ``idx`` along ``axis`` (``idx`` has ``x``'s shape except along ``axis``):
    one gather from the flattened ``x``, so the gradient is one scatter-add (both batchable)."""
    shape = x._value.shape
    strides = [1] * len(shape)
    for d in range(len(shape) - 2, -1, -1):
        strides[d] = strides[d + 1] * shape[d + 1]
    grids = np.indices(idx.shape, sparse=True, dtype=np.intp)
    lin = idx.astype(np.intp) * strides[axis]
    for d, grid in enumerate(grids):
        if d != axis:
            lin = lin + grid * strides[d]
    return A.gather(rows_view(x, (x._value.size,)), lin, 0)


def _check_sortable(x: Tensor, op: str) -> None:
    if x._value.dtype.kind not in "fiu":
        raise InvalidArgumentError(
            f"{op}: expected a real numeric tensor (float or int), got a {describe(x)}", op=op
        )
    if x._value.ndim == 0:
        raise InvalidArgumentError(f"{op}: input must be >= 1-D, got a {describe(x)}", op=op)


def _const_int(v: Any, op: str, what: str) -> int:
    """A Python int from an int or an integer scalar tensor."""
    if isinstance(v, (bool, np.bool_)):
        raise TypeError(f"{op}: {what} must be an integer, got {v!r}")
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (Tensor, Variable)):
        t = tensor_arg(v, op)
        if t._value.ndim == 0 and t._value.dtype.kind in "iu":
            return int(t._value)
        raise InvalidArgumentError(f"{op}: {what} must be an integer scalar, got a {describe(t)}", op=op)
    if isinstance(v, (float, np.floating)):
        raise InvalidArgumentError(f"{op}: {what} must be an integer (int16, int32 or int64), got {v!r}", op=op)
    a = np.asarray(v)
    if a.ndim == 0 and a.dtype.kind in "iu":
        return int(a)
    raise InvalidArgumentError(f"{op}: {what} must be an integer scalar, got {v!r}", op=op)


def _sort_axis(axis: Any, x: Tensor, op: str) -> int:
    if axis is None or (isinstance(axis, (Tensor, Variable, np.ndarray, list, tuple)) and np.ndim(axis) != 0):
        raise ValueError(f"{op}: Argument `axis` must be a constant scalar. Received: axis={axis}.")
    ax = _const_int(axis, op, "axis")
    nd = x._value.ndim
    if not -nd <= ax < nd:
        raise InvalidArgumentError(f"{op}: axis {ax} is out of range for a {describe(x)}", op=op)
    return ax % nd


def _direction(direction: Any) -> bool:
    if direction not in ("ASCENDING", "DESCENDING"):
        raise ValueError(
            f"Argument `direction` should be one of ASCENDING, DESCENDING. Received: direction={direction}"
        )
    return direction == "DESCENDING"


def _index_dtype(dtype: Any, op: str, what: str, allowed: tuple = _INDEX_TYPES) -> np.dtype:
    d = _dt.as_dtype(dtype)
    if d.name not in allowed:
        raise InvalidArgumentError(f"{op}: {what} must be one of {', '.join(allowed)}, got {d.name}", op=op)
    return d._np


# --- sort / argsort / top_k ---------------------------------------------------------------------------


def sort(values: Any, axis: Any = -1, direction: str = "ASCENDING", name: str | None = None) -> Tensor:
    """Sort along ``axis`` (``"ASCENDING"`` or ``"DESCENDING"``); real numeric tensors only.

    Ties keep their order. NaN sorts last ascending and first descending (TF's order for
    inputs with NaN depends on its top_k kernel and may differ). The gradient flows back to
    the input through the sort permutation.

    Example:
        >>> import tapeflow as tf
        >>> tf.sort([3.0, 1.0, 2.0], direction="DESCENDING").numpy().tolist()
        [3.0, 2.0, 1.0]
    """
    desc = _direction(direction)
    x = tensor_arg(values, "sort")
    _check_sortable(x, "sort")
    ax = _sort_axis(axis, x, "sort")
    if x._value.shape[ax] <= 1:
        return x
    return _take_along(x, _argsort_np(x._value, ax, desc), ax)


def argsort(values: Any, axis: Any = -1, direction: str = "ASCENDING", stable: bool = False,
            name: str | None = None) -> Tensor:
    """The int32 indices that sort ``values`` along ``axis``; the sort is always stable (as TF's).

    Example:
        >>> import tapeflow as tf
        >>> tf.argsort([2, 1, 2, 1]).numpy().tolist()
        [1, 3, 0, 2]
    """
    desc = _direction(direction)
    x = tensor_arg(values, "argsort")
    _check_sortable(x, "argsort")
    ax = _sort_axis(axis, x, "argsort")
    return bind1(ARGSORT, x, {"axis": ax, "descending": desc, "k": None, "dtype": np.dtype(np.int32)})


def top_k(input: Any, k: Any = 1, sorted: bool = True, index_type: Any = _dt.int32,
          name: str | None = None) -> TopKV2:
    """The ``k`` largest entries along the last axis and their indices, as ``TopKV2(values, indices)``.

    Ties go to the lower index. With ``sorted=False`` TF leaves the order unspecified (a heap
    order on CPU); tapeflow returns them sorted, largest first. ``values`` is differentiable:
    its gradient is scattered back to the chosen entries.

    Example:
        >>> import tapeflow as tf
        >>> r = tf.math.top_k(tf.constant([1.0, 5.0, 3.0]), k=2)
        >>> r.values.numpy().tolist(), r.indices.numpy().tolist()
        ([5.0, 3.0], [1, 2])
    """
    x = tensor_arg(input, "top_k")
    kk = _const_int(k, "top_k", "k")
    dt = _index_dtype(index_type, "top_k", "index_type", ("int16", "int32", "int64"))
    _check_sortable(x, "top_k")
    n = x._value.shape[-1]
    if kk < 0:
        raise InvalidArgumentError(f"top_k: Need k >= 0, got {kk} (input is a {describe(x)})", op="top_k")
    if kk > n:
        raise InvalidArgumentError(
            f"top_k: input must have at least k columns. Had {n}, needed {kk} (input is a {describe(x)})",
            op="top_k",
        )
    nd = x._value.ndim
    idx = bind1(ARGSORT, x, {"axis": nd - 1, "descending": True, "k": kk, "dtype": dt})
    return TopKV2(_take_along(x, idx._value, nd - 1), idx)


def in_top_k(targets: Any, predictions: Any, k: Any, name: str | None = None) -> Tensor:
    """Whether ``targets[i]`` is among the ``k`` largest ``predictions[i, :]`` (bool, shape ``(batch,)``).

    As TF: classes tied with the k-th largest count as inside; a row with a non-finite
    prediction, or an out-of-range target, gives False. ``predictions`` must be float32.

    Example:
        >>> import tapeflow as tf
        >>> tf.math.in_top_k([1, 0], [[0.1, 0.8, 0.1], [0.3, 0.3, 0.4]], k=1).numpy().tolist()
        [True, False]
    """
    p = tensor_arg(predictions, "in_top_k", dtype=_dt.float32)
    if p._value.dtype != np.float32:
        raise InvalidArgumentError(f"in_top_k: predictions must be float32, got a {describe(p)}", op="in_top_k")
    t = tensor_arg(targets, "in_top_k")
    if t._value.dtype.name not in _INDEX_TYPES:
        raise InvalidArgumentError(f"in_top_k: targets must be int32 or int64, got a {describe(t)}", op="in_top_k")
    kk = _const_int(k, "in_top_k", "k")
    if p._value.ndim != 2:
        raise InvalidArgumentError(f"in_top_k: predictions must be 2-dimensional, got a {describe(p)}", op="in_top_k")
    if t._value.ndim != 1 or t._value.shape[0] != p._value.shape[0]:
        raise InvalidArgumentError(
            f"in_top_k: First dimension of predictions {p._value.shape[0]} must match length of targets "
            f"(targets: {describe(t)})",
            op="in_top_k",
        )
    return bind2(IN_TOP_K, p, t, {"k": kk})


def _approx_k(operand: Any, k: Any, axis: Any, op: str, largest: bool) -> ApproxTopK:
    x = tensor_arg(operand, op)
    if x._value.dtype.name not in ("float16", "float32"):
        raise InvalidArgumentError(f"{op}: operand must be float16 or float32, got a {describe(x)}", op=op)
    if x._value.ndim == 0:
        raise InvalidArgumentError(f"{op}: operand must be >= 1-D, got a {describe(x)}", op=op)
    ax = _sort_axis(axis, x, op)
    kk = _const_int(k, op, "k")
    n = x._value.shape[ax]
    if not 0 <= kk <= n:
        raise InvalidArgumentError(f"{op}: input must have at least k columns. Had {n}, needed {kk}", op=op)
    nd = x._value.ndim
    if ax != nd - 1:  # select along the last axis, then move it back
        perm = tuple(i for i in range(nd) if i != ax) + (ax,)
        inv = tuple(int(i) for i in np.argsort(perm))
        r = _approx_k(C.transpose_raw(x, perm), kk, -1, op, largest)
        return ApproxTopK(C.transpose_raw(r.values, inv), C.transpose_raw(r.indices, inv))
    idx = bind1(ARGSORT, x, {"axis": nd - 1, "descending": largest, "k": kk, "dtype": np.dtype(np.int32)})
    return ApproxTopK(_take_along(x, idx._value, nd - 1), idx)


def approx_max_k(operand: Any, k: Any, reduction_dimension: int = -1, recall_target: float = 0.95,
                 reduction_input_size_override: int = -1, aggregate_to_topk: bool = True,
                 name: str | None = None) -> ApproxTopK:
    """The ``k`` largest entries along ``reduction_dimension``, as ``ApproxTopK(values, indices)``.

    tapeflow returns the exact top k (sorted, ties to the lower index), which meets any
    ``recall_target``; ``reduction_input_size_override`` and ``aggregate_to_topk`` are accepted
    and have no effect. float16/float32 operands only, as TF.

    Example:
        >>> import tapeflow as tf
        >>> tf.math.approx_max_k(tf.constant([1.0, 5.0, 3.0, 4.0]), 2).indices.numpy().tolist()
        [1, 3]
    """
    return _approx_k(operand, k, reduction_dimension, "approx_max_k", True)


def approx_min_k(operand: Any, k: Any, reduction_dimension: int = -1, recall_target: float = 0.95,
                 reduction_input_size_override: int = -1, aggregate_to_topk: bool = True,
                 name: str | None = None) -> ApproxTopK:
    """The ``k`` smallest entries along ``reduction_dimension``, as ``ApproxTopK(values, indices)``.

    Exact results (see ``approx_max_k``). TF's CPU kernel only supports ``approx_max_k`` on the
    last axis; tapeflow computes both directions on any axis.

    Example:
        >>> import tapeflow as tf
        >>> tf.math.approx_min_k(tf.constant([1.0, 5.0, 3.0, 4.0]), 2).values.numpy().tolist()
        [1.0, 3.0]
    """
    return _approx_k(operand, k, reduction_dimension, "approx_min_k", False)


# --- unique / searchsorted / monotonic / invert_permutation ----------------------------------------


def _unique_arg(x: Any, out_idx: Any, op: str) -> tuple:
    t = tensor_arg(x, op)
    if t._value.ndim != 1:
        raise InvalidArgumentError(f"{op}: unique expects a 1D vector, got a {describe(t)}", op=op)
    return t, _index_dtype(out_idx, op, "out_idx")


def unique(x: Any, out_idx: Any = _dt.int32, name: str | None = None) -> Unique:
    """The distinct entries of a 1-D tensor in order of first appearance, and for each entry the
    position of its value in ``y``: ``Unique(y, idx)`` (``idx`` has dtype ``out_idx``).

    Each NaN is its own value, as TF. TF registers no gradient for Unique: asking for one
    raises LookupError.

    Example:
        >>> import tapeflow as tf
        >>> y, idx = tf.unique([1, 1, 2, 4, 4, 4, 7, 8, 8])
        >>> y.numpy().tolist(), idx.numpy().tolist()
        ([1, 2, 4, 7, 8], [0, 0, 1, 2, 2, 2, 3, 4, 4])
    """
    t, dt = _unique_arg(x, out_idx, "unique")
    return Unique(*bind(UNIQUE, (t,), {"dtype": dt}))


def unique_with_counts(x: Any, out_idx: Any = _dt.int32, name: str | None = None) -> UniqueWithCounts:
    """``tf.unique`` plus the number of times each distinct value occurs: ``UniqueWithCounts(y, idx, count)``.

    Example:
        >>> import tapeflow as tf
        >>> tf.unique_with_counts([1, 1, 2, 4, 4, 4]).count.numpy().tolist()
        [2, 1, 3]
    """
    t, dt = _unique_arg(x, out_idx, "unique_with_counts")
    return UniqueWithCounts(*bind(UNIQUE_COUNTS, (t,), {"dtype": dt}))


def searchsorted(sorted_sequence: Any, values: Any, side: str = "left", out_type: Any = _dt.int32,
                 name: str | None = None) -> Tensor:
    """Insertion points of ``values`` in ``sorted_sequence`` (both N-D, searched along the last
    axis; the leading dimensions must match). ``side`` is ``"left"`` or ``"right"``.

    Example:
        >>> import tapeflow as tf
        >>> tf.searchsorted([0.0, 1.0, 1.0, 3.0], [1.0, 2.0, 5.0]).numpy().tolist()
        [1, 3, 4]
        >>> tf.searchsorted([0.0, 1.0, 1.0, 3.0], [1.0], side="right").numpy().tolist()
        [3]
    """
    if side not in ("left", "right"):
        raise ValueError(f"Argument `side` must be either 'right' or 'left'. Received: `side` = {side!r}.")
    op = "searchsorted"
    s = tensor_arg(sorted_sequence, op)
    v = tensor_arg(values, op, dtype=s.dtype if not isinstance(values, (Tensor, Variable)) else None)
    dt = _index_dtype(out_type, op, "out_type")
    if s._value.ndim == 0 or v._value.ndim == 0:
        raise InvalidArgumentError(
            f"{op}: sorted_sequence and values must be >= 1-D, got a {describe(s)} and a {describe(v)}", op=op
        )
    if s._value.dtype != v._value.dtype:
        raise InvalidArgumentError(
            f"{op}: sorted_sequence and values must have the same dtype, got a {describe(s)} and a {describe(v)}",
            op=op,
        )
    if s._value.dtype.kind not in "fiu":
        raise InvalidArgumentError(f"{op}: expected real numeric tensors, got a {describe(s)}", op=op)
    if s._value.shape[:-1] != v._value.shape[:-1]:
        raise InvalidArgumentError(
            f"{op}: Leading dim_size of both tensors must match: sorted_sequence is a {describe(s)}, "
            f"values is a {describe(v)}",
            op=op,
        )
    return bind2(SEARCHSORTED, s, v, {"side": side, "dtype": dt})


def _monotonic(x: Any, strict: bool, op: str) -> Tensor:
    t = tensor_arg(x, op)
    if t._value.dtype.kind not in "fiuc":
        raise TypeError(f"Expected x to be numeric, instead found: {t}")
    return bind1(MONOTONIC, t, {"strict": strict})


def is_non_decreasing(x: Any, name: str | None = None) -> Tensor:
    """True when ``x`` (flattened in row-major order) satisfies ``x[i] <= x[i + 1]``; True for
    fewer than two entries.

    Example:
        >>> import tapeflow as tf
        >>> bool(tf.math.is_non_decreasing([1, 1, 2]))
        True
    """
    return _monotonic(x, False, "is_non_decreasing")


def is_strictly_increasing(x: Any, name: str | None = None) -> Tensor:
    """True when ``x`` (flattened in row-major order) satisfies ``x[i] < x[i + 1]``.

    Example:
        >>> import tapeflow as tf
        >>> bool(tf.math.is_strictly_increasing([1, 1, 2]))
        False
    """
    return _monotonic(x, True, "is_strictly_increasing")


def invert_permutation(x: Any, name: str | None = None) -> Tensor:
    """The inverse permutation of a 1-D int32/int64 permutation: ``y[x[i]] = i``.

    Example:
        >>> import tapeflow as tf
        >>> tf.math.invert_permutation([3, 4, 0, 2, 1]).numpy().tolist()
        [2, 4, 3, 0, 1]
    """
    op = "invert_permutation"
    t = tensor_arg(x, op)
    v = t._value
    if v.dtype.name not in _INDEX_TYPES:
        raise InvalidArgumentError(f"{op}: x must be int32 or int64, got a {describe(t)}", op=op)
    if v.ndim != 1:
        raise InvalidArgumentError(f"{op}: invert_permutation expects a 1D vector, got a {describe(t)}", op=op)
    n = v.size
    bad = (v < 0) | (v >= n)
    if bad.any():
        raise InvalidArgumentError(f"{op}: {int(v[bad][0])} is not between 0 and {n}", op=op)
    out = np.full(n, -1, v.dtype)
    out[v] = np.arange(n, dtype=v.dtype)
    if (out < 0).any():
        seen = np.zeros(n, bool)
        for e in v.tolist():
            if seen[e]:
                raise InvalidArgumentError(f"{op}: {e} is duplicated in the input", op=op)
            seen[e] = True
    return Tensor(out)


__all__ = ["sort", "argsort", "unique", "unique_with_counts", "searchsorted"]
