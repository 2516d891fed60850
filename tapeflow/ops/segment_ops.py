"""Scatter, segment and bucketing ops: scatter_nd, tensor_scatter_nd_*, segment_*,
unsorted_segment_*, dynamic_partition / dynamic_stitch, reverse_sequence, sequence_mask,
meshgrid, bincount, histograms, confusion_matrix, count_nonzero, unravel_index,
embedding_lookup, space_to_depth / depth_to_space and space_to_batch / batch_to_space.

Sums are ``scatter_add`` and lookups ``gather`` (each the other's gradient); the max, min, prod,
update and stitch rules are in ``primitives/segment.py``. Gradients follow TF's registered
gradients; index, count and bucket outputs are not differentiable.

Example:
    >>> import tapeflow as tf
    >>> tf.math.unsorted_segment_sum(tf.constant([1.0, 2.0, 3.0]), [1, 0, 1], num_segments=2).numpy().tolist()
    [2.0, 4.0]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import dtypes as _dt
from ..errors import InvalidArgumentError, UnimplementedError
from ..primitives import array as A
from ..primitives import bind, bind1
from ..primitives import core as C
from ..primitives import segment as S
from ..primitives.segment import nondiff, rows_view
from ..tensor import Tensor, Variable
from ._args import describe, norm_axis, tensor_arg

_INDEX_KINDS = ("int16", "int32", "int64")


# --- argument helpers --------------------------------------------------------------------------------


def _index_arg(v: Any, op: str, what: str, allowed: tuple = _INDEX_KINDS, dtype: Any = None) -> np.ndarray:
    """An integer index argument as a NumPy array (its dtype one of ``allowed``)."""
    if isinstance(v, (Tensor, Variable)):
        arr = tensor_arg(v, op)._value
    else:
        arr = v if isinstance(v, np.ndarray) else tensor_arg(v, op)._value  # ragged lists: TF's error
        if arr.size == 0 and arr.dtype.kind == "f":
            arr = arr.astype(np.int32)
        elif arr.dtype == np.int64 and not isinstance(v, np.ndarray):
            arr = arr.astype(np.int32 if dtype is None else dtype)  # Python ints become int32, as TF
        elif dtype is not None and arr.dtype.kind in "iu":
            arr = arr.astype(dtype)
    name = arr.dtype.name if arr.dtype.kind != "O" else "string"
    if name not in allowed:
        raise InvalidArgumentError(
            f"{op}: {what} must be {', '.join(allowed[:-1])} or {allowed[-1]}, got {name} values of shape "
            f"{tuple(arr.shape)}",
            op=op,
        )
    return arr


def _scalar_int(v: Any, op: str, what: str) -> int:
    if isinstance(v, (bool, np.bool_)):
        raise InvalidArgumentError(f"{op}: {what} must be an int32 or int64 scalar, got {v!r}", op=op)
    if isinstance(v, (int, np.integer)):
        return int(v)
    arr = np.asarray(v._value if isinstance(v, Tensor) else v._t._value if isinstance(v, Variable) else v)
    if arr.dtype.kind not in "iu":
        raise InvalidArgumentError(f"{op}: {what} must be an int32 or int64 scalar, got {arr.dtype} {v!r}", op=op)
    if arr.ndim != 0:
        raise InvalidArgumentError(f"{op}: {what} should be a scalar, not shape {list(arr.shape)}", op=op)
    return int(arr)


def _like(v: Any, t: Tensor, op: str) -> Tensor:
    """``v`` as a tensor of ``t``'s dtype: Python/NumPy values are converted, tensors must match."""
    if isinstance(v, (Tensor, Variable)):
        u = tensor_arg(v, op)
        if u._value.dtype != t._value.dtype:
            raise InvalidArgumentError(
                f"{op}: updates must have the dtype of the tensor: tensor is a {describe(t)}, updates are a "
                f"{describe(u)}",
                op=op,
            )
        return u
    return tensor_arg(np.asarray(v, t._value.dtype) if t._value.dtype.kind != "O" else v, op)


def _kinds(x: Tensor, kinds: str, op: str, what: str = "data") -> None:
    if x._value.dtype.kind not in kinds:
        words = {"fciu": "numeric (not bool or string)", "fiu": "real numeric (float or int)",
                 "fc": "floating-point or complex"}[kinds]
        raise InvalidArgumentError(f"{op}: {what} must be {words}, got a {describe(x)}", op=op)


def _pos(flat: int, shape: tuple) -> str:
    return ", ".join(str(int(i)) for i in np.unravel_index(flat, shape)) if shape else ""


# --- scatter_nd family --------------------------------------------------------------------------------


def _scatter_rows(indices: Any, u_shape: tuple, shape: tuple, op: str, policy: str) -> tuple:
    """Validate ``indices`` against ``shape``; return (flat row of each update, kept rows or None).

    Rows of the result are the ``prod(shape[:q])`` positions addressed by an index vector."""
    idx = _index_arg(indices, op, "indices", ("int16", "int32", "int64", "uint16"))
    if idx.ndim < 1:
        raise InvalidArgumentError(f"{op}: Indices shape must have rank at least one. Found:{list(idx.shape)}", op=op)
    q = idx.shape[-1]
    lead = idx.shape[:-1]
    if q > len(shape) or tuple(u_shape) != lead + tuple(shape[q:]):
        raise InvalidArgumentError(
            f"{op}: the updates must have shape indices.shape[:-1] + shape[indices.shape[-1]:] = "
            f"{list(lead) + list(shape[q:]) if q <= len(shape) else '(invalid)'}; got indices of shape "
            f"{list(idx.shape)}, updates of shape {list(u_shape)} and output shape {list(shape)}",
            op=op,
        )
    rows = idx.reshape(-1, q).astype(np.int64)
    bad = ((rows < 0) | (rows >= np.asarray(shape[:q], np.int64))).any(axis=1) if q else np.zeros(len(rows), bool)
    keep = None
    if bad.any():
        if policy != "IGNORE":
            i = int(np.flatnonzero(bad)[0])
            raise InvalidArgumentError(
                f"{op}: indices[{_pos(i, lead)}] = [{', '.join(str(int(v)) for v in rows[i])}] does not index "
                f"into shape [{','.join(str(s) for s in shape)}]",
                op=op,
            )
        keep = np.flatnonzero(~bad)
        rows = rows[keep]
    strides = np.ones(q, np.int64)
    for j in range(q - 2, -1, -1):
        strides[j] = strides[j + 1] * shape[j + 1]
    return (rows @ strides).astype(np.intp), keep


def _policy(bad_indices_policy: str, op: str) -> str:
    p = (bad_indices_policy or "DEFAULT").upper()
    if p not in ("DEFAULT", "ERROR", "IGNORE"):
        raise InvalidArgumentError(f"{op}: bad_indices_policy must be '', 'DEFAULT', 'ERROR' or 'IGNORE', got "
                                   f"{bad_indices_policy!r}", op=op)
    return p


def _flat_updates(u: Tensor, shape: tuple, q: int, keep: np.ndarray | None) -> Tensor:
    """The updates as rows ``(l,) + shape[q:]`` (only the ``keep`` rows when some are dropped)."""
    rest = tuple(shape[q:])
    n = int(np.prod(u._value.shape[: u._value.ndim - len(rest)], dtype=np.int64))
    if keep is None:
        return C.reshape_to(u, (n,) + rest)
    return A.gather(rows_view(u, (n,) + rest), keep, 0)


def _nrows(shape: tuple, q: int) -> int:
    return int(np.prod(shape[:q], dtype=np.int64))


def _q(indices: Any) -> int:
    return int(np.shape(indices._value if isinstance(indices, Tensor) else indices)[-1])


def scatter_nd(indices: Any, updates: Any, shape: Any, bad_indices_policy: str = "", name: str | None = None) -> Tensor:
    """A zero tensor of ``shape`` with ``updates`` added at ``indices`` (duplicates accumulate).

    ``indices[..., :]`` addresses ``shape[:q]`` with ``q = indices.shape[-1]``;
    ``updates.shape == indices.shape[:-1] + shape[q:]``. An out-of-range index raises
    InvalidArgumentError (``bad_indices_policy="IGNORE"`` drops it instead). The gradient with
    respect to ``updates`` gathers the output gradient at ``indices``.

    Example:
        >>> import tapeflow as tf
        >>> tf.scatter_nd([[4], [3], [1], [7], [1]], [9, 10, 11, 12, 1], [8]).numpy().tolist()
        [0, 12, 0, 10, 9, 0, 0, 12]
    """
    op = "scatter_nd"
    pol = _policy(bad_indices_policy, op)
    u = tensor_arg(updates, op)
    shp = tuple(int(s) for s in _index_arg(shape, op, "shape").reshape(-1))
    if isinstance(indices, Tensor) and isinstance(shape, Tensor) and indices._value.dtype != shape._value.dtype:
        raise InvalidArgumentError(
            f"{op}: indices and shape must have the same dtype, got {indices.dtype.name} and {shape.dtype.name}", op=op
        )
    if any(s < 0 for s in shp):
        raise InvalidArgumentError(f"{op}: shape must be non-negative, got {list(shp)}", op=op)
    lin, keep = _scatter_rows(indices, u._value.shape, shp, op, pol)
    q = _q(indices)
    out = A.scatter_add(_flat_updates(u, shp, q, keep), lin, 0, _nrows(shp, q))
    return C.reshape_to(out, shp)


def _tensor_scatter(tensor: Any, indices: Any, updates: Any, op: str, policy: str) -> tuple:
    t = tensor_arg(tensor, op)
    u = _like(updates, t, op)
    shp = t._value.shape
    lin, keep = _scatter_rows(indices, u._value.shape, shp, op, _policy(policy, op))
    q = _q(indices)
    return t, _flat_updates(u, shp, q, keep), lin, q


def tensor_scatter_nd_update(tensor: Any, indices: Any, updates: Any, name: str | None = None) -> Tensor:
    """A copy of ``tensor`` with the entries (or slices) at ``indices`` replaced by ``updates``.

    With duplicate indices the last update wins (TF's CPU kernel). Gradient, as TF's: zero for
    the overwritten entries of ``tensor``; each update gets the output gradient at its index
    (an update overwritten by a duplicate included).

    Example:
        >>> import tapeflow as tf
        >>> tf.tensor_scatter_nd_update([1.0, 2.0, 3.0, 4.0], [[1], [3]], [9.0, 10.0]).numpy().tolist()
        [1.0, 9.0, 3.0, 10.0]
    """
    op = "tensor_scatter_nd_update"
    t, u2, lin, q = _tensor_scatter(tensor, indices, updates, op, "")
    shp = t._value.shape
    rows = _nrows(shp, q)
    t2 = C.reshape_to(t, (rows,) + shp[q:])
    return C.reshape_to(S.scatter_update(t2, u2, lin), shp)


def _scatter_sum(tensor: Any, indices: Any, updates: Any, op: str, policy: str, sign: int) -> Tensor:
    t, u2, lin, q = _tensor_scatter(tensor, indices, updates, op, policy)
    _kinds(t, "fciu", op, "tensor")
    shp = t._value.shape
    s = C.reshape_to(A.scatter_add(u2, lin, 0, _nrows(shp, q)), shp)
    return C.add(t, s) if sign > 0 else C.subtract(t, s)


def tensor_scatter_nd_add(tensor: Any, indices: Any, updates: Any, bad_indices_policy: str = "",
                          name: str | None = None) -> Tensor:
    """``tensor`` plus ``updates`` added at ``indices`` (duplicates accumulate).

    Example:
        >>> import tapeflow as tf
        >>> tf.tensor_scatter_nd_add([1.0, 2.0, 3.0], [[1], [1]], [9.0, 10.0]).numpy().tolist()
        [1.0, 21.0, 3.0]
    """
    return _scatter_sum(tensor, indices, updates, "tensor_scatter_nd_add", bad_indices_policy, 1)


def tensor_scatter_nd_sub(tensor: Any, indices: Any, updates: Any, bad_indices_policy: str = "",
                          name: str | None = None) -> Tensor:
    """``tensor`` minus ``updates`` at ``indices`` (duplicates accumulate).

    Example:
        >>> import tapeflow as tf
        >>> tf.tensor_scatter_nd_sub([1.0, 2.0, 3.0], [[1], [1]], [9.0, 10.0]).numpy().tolist()
        [1.0, -17.0, 3.0]
    """
    return _scatter_sum(tensor, indices, updates, "tensor_scatter_nd_sub", bad_indices_policy, -1)


def _scatter_extreme(tensor: Any, indices: Any, updates: Any, op: str, policy: str, kind: str) -> Tensor:
    t, u2, lin, q = _tensor_scatter(tensor, indices, updates, op, policy)
    _kinds(t, "fiu", op, "tensor")
    shp = t._value.shape
    t2 = C.reshape_to(t, (_nrows(shp, q),) + shp[q:])
    return C.reshape_to(S.scatter_extreme(t2, u2, lin, kind), shp)


def tensor_scatter_nd_max(tensor: Any, indices: Any, updates: Any, bad_indices_policy: str = "",
                          name: str | None = None) -> Tensor:
    """``tensor`` with ``max(tensor[i], update)`` at each index ``i``.

    The gradient goes to whichever of ``tensor`` and the updates equal the result, split equally
    between ties (TF's rule).

    Example:
        >>> import tapeflow as tf
        >>> tf.tensor_scatter_nd_max([1.0, 2.0, 3.0], [[1], [1], [2]], [9.0, 10.0, 0.0]).numpy().tolist()
        [1.0, 10.0, 3.0]
    """
    return _scatter_extreme(tensor, indices, updates, "tensor_scatter_nd_max", bad_indices_policy, "max")


def tensor_scatter_nd_min(tensor: Any, indices: Any, updates: Any, bad_indices_policy: str = "",
                          name: str | None = None) -> Tensor:
    """``tensor`` with ``min(tensor[i], update)`` at each index ``i`` (gradient as ``tensor_scatter_nd_max``).

    Example:
        >>> import tapeflow as tf
        >>> tf.tensor_scatter_nd_min([1.0, 2.0, 3.0], [[1], [2]], [9.0, 0.0]).numpy().tolist()
        [1.0, 2.0, 0.0]
    """
    return _scatter_extreme(tensor, indices, updates, "tensor_scatter_nd_min", bad_indices_policy, "min")


# --- unsorted segment reductions ----------------------------------------------------------------------


def _unsorted_args(data: Any, segment_ids: Any, num_segments: Any, op: str, kinds: str) -> tuple:
    """(data, its rows (m,) + rest with negative-id rows dropped, their ids, num_segments)."""
    x = tensor_arg(data, op)
    _kinds(x, kinds, op)
    ids = _index_arg(segment_ids, op, "segment_ids")
    n = _scalar_int(num_segments, op, "num_segments")
    if n < 0:
        raise InvalidArgumentError(f"{op}: Input num_segments == {n} must not be negative.", op=op)
    k = ids.ndim
    if x._value.shape[:k] != ids.shape:
        raise InvalidArgumentError(
            f"{op}: data.shape = {list(x._value.shape)} does not start with segment_ids.shape = {list(ids.shape)} "
            f"(data is a {describe(x)})",
            op=op,
        )
    fi = ids.reshape(-1).astype(np.intp)
    big = fi >= n
    if big.any():
        i = int(np.flatnonzero(big)[0])
        raise InvalidArgumentError(
            f"{op}: segment_ids[{_pos(i, ids.shape)}] = {int(fi[i])} is out of range [0, {n})", op=op
        )
    rows = C.reshape_to(x, (fi.size,) + x._value.shape[k:])
    neg = fi < 0
    if neg.any():  # TF drops entries with a negative segment id
        keep = np.flatnonzero(~neg)
        rows, fi = A.gather(rows_view(x, rows._value.shape), keep, 0), fi[keep]
    return x, rows, fi, n


def _counts(fi: np.ndarray, n: int, rows: Tensor) -> np.ndarray:
    """Entries per segment (at least 1), shaped (n, 1, ...) to broadcast against the result."""
    c = np.maximum(np.bincount(fi, minlength=n)[:n], 1) if n else np.zeros(0, np.intp)
    return c.reshape((n,) + (1,) * (rows._value.ndim - 1))


def unsorted_segment_sum(data: Any, segment_ids: Any, num_segments: Any, name: str | None = None) -> Tensor:
    """Sum the entries of ``data`` that share a segment id; the result has ``num_segments`` rows.

    ``segment_ids.shape`` must be a prefix of ``data.shape``; negative ids are dropped; an id
    ``>= num_segments`` raises InvalidArgumentError. Empty segments are 0.

    Example:
        >>> import tapeflow as tf
        >>> tf.math.unsorted_segment_sum([1, 2, 3, 4], [0, 2, 0, -1], num_segments=3).numpy().tolist()
        [4, 0, 2]
    """
    _, rows, fi, n = _unsorted_args(data, segment_ids, num_segments, "unsorted_segment_sum", "fciu")
    return A.scatter_add(rows, fi, 0, n)


def _typed_extreme(dt: np.dtype, kind: str) -> Any:
    info = np.finfo(dt) if dt.kind == "f" else np.iinfo(dt)
    return info.min if kind == "max" else info.max


def unsorted_segment_max(data: Any, segment_ids: Any, num_segments: Any, name: str | None = None) -> Tensor:
    """Per-segment maximum; empty segments get the lowest value of the dtype (as TF).

    The gradient goes to the entries equal to their segment's maximum, split equally between ties.

    Example:
        >>> import tapeflow as tf
        >>> tf.math.unsorted_segment_max([1, 5, 3], [0, 0, 2], num_segments=3).numpy().tolist()
        [5, -2147483648, 3]
    """
    x, rows, fi, n = _unsorted_args(data, segment_ids, num_segments, "unsorted_segment_max", "fiu")
    return S.segment_extreme(rows, fi, n, "max", _typed_extreme(x._value.dtype, "max"))


def unsorted_segment_min(data: Any, segment_ids: Any, num_segments: Any, name: str | None = None) -> Tensor:
    """Per-segment minimum; empty segments get the largest value of the dtype (as TF).

    Example:
        >>> import tapeflow as tf
        >>> tf.math.unsorted_segment_min([1.0, 5.0, 3.0], [0, 0, 1], num_segments=2).numpy().tolist()
        [1.0, 3.0]
    """
    x, rows, fi, n = _unsorted_args(data, segment_ids, num_segments, "unsorted_segment_min", "fiu")
    return S.segment_extreme(rows, fi, n, "min", _typed_extreme(x._value.dtype, "min"))


def unsorted_segment_prod(data: Any, segment_ids: Any, num_segments: Any, name: str | None = None) -> Tensor:
    """Per-segment product; empty segments are 1. The gradient handles zeros as TF's does.

    Example:
        >>> import tapeflow as tf
        >>> tf.math.unsorted_segment_prod([2.0, 3.0, 4.0], [0, 0, 2], num_segments=3).numpy().tolist()
        [6.0, 1.0, 4.0]
    """
    _, rows, fi, n = _unsorted_args(data, segment_ids, num_segments, "unsorted_segment_prod", "fciu")
    return S.segment_prod(rows, fi, n)


def unsorted_segment_mean(data: Any, segment_ids: Any, num_segments: Any, name: str | None = None) -> Tensor:
    """Per-segment mean (sum / count; empty segments are 0). Integer data gives a float64 mean
    (float32 for int8/int16), as TF's true division.

    Example:
        >>> import tapeflow as tf
        >>> tf.math.unsorted_segment_mean([1.0, 2.0, 6.0], [0, 0, 1], num_segments=2).numpy().tolist()
        [1.5, 6.0]
    """
    from .math_ops import truediv

    x, rows, fi, n = _unsorted_args(data, segment_ids, num_segments, "unsorted_segment_mean", "fciu")
    s = A.scatter_add(rows, fi, 0, n)
    return truediv(s, Tensor(_counts(fi, n, rows).astype(x._value.dtype)))


def unsorted_segment_sqrt_n(data: Any, segment_ids: Any, num_segments: Any, name: str | None = None) -> Tensor:
    """Per-segment sum divided by sqrt(count) (empty segments are 0); floating data only.

    Example:
        >>> import tapeflow as tf
        >>> tf.math.unsorted_segment_sqrt_n([1.0, 3.0, 6.0], [0, 0, 1], num_segments=2).numpy().tolist()
        [2.8284270763397217, 6.0]
    """
    x, rows, fi, n = _unsorted_args(data, segment_ids, num_segments, "unsorted_segment_sqrt_n", "fc")
    s = A.scatter_add(rows, fi, 0, n)
    return C.divide(s, Tensor(np.sqrt(_counts(fi, n, rows).astype(x._value.dtype))))


# --- sorted segment reductions ---------------------------------------------------------------------------


def _sorted_args(data: Any, segment_ids: Any, op: str, kinds: str) -> tuple:
    x = tensor_arg(data, op)
    _kinds(x, kinds, op)
    ids = _index_arg(segment_ids, op, "segment_ids")
    if ids.ndim != 1:
        raise InvalidArgumentError(f"{op}: segment_ids should be a vector, got shape {list(ids.shape)}", op=op)
    if x._value.ndim == 0 or x._value.shape[0] != ids.size:
        raise InvalidArgumentError(
            f"{op}: segment_ids should be the same size as dimension 0 of input: {ids.size} segment ids for a "
            f"{describe(x)}",
            op=op,
        )
    fi = ids.astype(np.intp)
    n = int(fi[-1]) + 1 if fi.size else 0
    if fi.size > 1 and (fi[1:] < fi[:-1]).any():
        raise InvalidArgumentError(f"{op}: segment ids are not increasing", op=op)
    if fi.size and fi[0] < 0:
        raise InvalidArgumentError(
            f"{op}: Segment id {int(fi[0])} out of range [0, {n}), possibly because 'segment_ids' input is not "
            "sorted.",
            op=op,
        )
    return x, fi, n


def segment_sum(data: Any, segment_ids: Any, name: str | None = None) -> Tensor:
    """Sum of each segment of rows, for sorted ``segment_ids`` (``ids[-1] + 1`` output rows;
    missing ids give 0). Unsorted or negative ids raise InvalidArgumentError.

    Example:
        >>> import tapeflow as tf
        >>> tf.math.segment_sum([1.0, 2.0, 3.0, 4.0], [0, 0, 2, 2]).numpy().tolist()
        [3.0, 0.0, 7.0]
    """
    x, fi, n = _sorted_args(data, segment_ids, "segment_sum", "fciu")
    return A.scatter_add(x, fi, 0, n)


def segment_mean(data: Any, segment_ids: Any, name: str | None = None) -> Tensor:
    """Mean of each segment (sorted ids; missing ids give 0). Integer data gives a truncated
    integer mean, as TF's kernel.

    Example:
        >>> import tapeflow as tf
        >>> tf.math.segment_mean([1, 2, 5], [0, 0, 2]).numpy().tolist()
        [1, 0, 5]
    """
    x, fi, n = _sorted_args(data, segment_ids, "segment_mean", "fciu")
    s = A.scatter_add(x, fi, 0, n)
    c = _counts(fi, n, x)
    if x._value.dtype.kind in "iu":  # C++ integer division: truncation toward zero
        v = s._value
        return Tensor((np.sign(v) * (np.abs(v) // c)).astype(v.dtype))
    return C.divide(s, Tensor(c.astype(x._value.dtype)))


def segment_max(data: Any, segment_ids: Any, name: str | None = None) -> Tensor:
    """Maximum of each segment (sorted ids; missing ids give 0). Ties split the gradient equally.

    Example:
        >>> import tapeflow as tf
        >>> tf.math.segment_max([1.0, 2.0, 3.0], [0, 0, 2]).numpy().tolist()
        [2.0, 0.0, 3.0]
    """
    x, fi, n = _sorted_args(data, segment_ids, "segment_max", "fiu")
    return S.segment_extreme(x, fi, n, "max", 0)


def segment_min(data: Any, segment_ids: Any, name: str | None = None) -> Tensor:
    """Minimum of each segment (sorted ids; missing ids give 0).

    Example:
        >>> import tapeflow as tf
        >>> tf.math.segment_min([1.0, 2.0, 3.0], [0, 0, 2]).numpy().tolist()
        [1.0, 0.0, 3.0]
    """
    x, fi, n = _sorted_args(data, segment_ids, "segment_min", "fiu")
    return S.segment_extreme(x, fi, n, "min", 0)


def segment_prod(data: Any, segment_ids: Any, name: str | None = None) -> Tensor:
    """Product of each segment (sorted ids; missing ids give 1).

    Example:
        >>> import tapeflow as tf
        >>> tf.math.segment_prod([1.0, 2.0, 3.0], [0, 0, 2]).numpy().tolist()
        [2.0, 1.0, 3.0]
    """
    x, fi, n = _sorted_args(data, segment_ids, "segment_prod", "fciu")
    return S.segment_prod(x, fi, n)


# --- dynamic_partition / dynamic_stitch -------------------------------------------------------------------


def dynamic_partition(data: Any, partitions: Any, num_partitions: int, name: str | None = None) -> list:
    """Split ``data`` into ``num_partitions`` tensors: entry ``i`` goes to ``partitions[i]``
    (``partitions.shape`` is a prefix of ``data.shape``; order is kept within each piece).

    Example:
        >>> import tapeflow as tf
        >>> [t.numpy().tolist() for t in tf.dynamic_partition([10, 20, 30, 40], [0, 1, 1, 0], 2)]
        [[10, 40], [20, 30]]
    """
    op = "dynamic_partition"
    x = tensor_arg(data, op)
    parts = _index_arg(partitions, op, "partitions", ("int32",))
    k = int(num_partitions)
    if k < 1:
        raise InvalidArgumentError(f"{op}: num_partitions must be at least 1, got {num_partitions}", op=op)
    if x._value.shape[: parts.ndim] != parts.shape:
        raise InvalidArgumentError(
            f"{op}: data.shape must start with partitions.shape, got data.shape = {list(x._value.shape)}, "
            f"partitions.shape = {list(parts.shape)}",
            op=op,
        )
    pf = parts.reshape(-1)
    bad = (pf < 0) | (pf >= k)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise InvalidArgumentError(f"{op}: partitions[{_pos(i, parts.shape)}] = {int(pf[i])} is not in [0, {k})", op=op)
    rows = rows_view(x, (pf.size,) + x._value.shape[parts.ndim:])
    return [A.gather(rows, np.flatnonzero(pf == j), 0) for j in range(k)]


def dynamic_stitch(indices: Any, data: Any, name: str | None = None) -> Tensor:
    """Interleave ``data`` into one tensor: ``result[indices[m][i]] = data[m][i]``; later entries
    overwrite earlier ones, rows no index names are zero. Result rows: ``max(indices) + 1``.

    Gradient as TF's: each ``data[m]`` gets the result's gradient gathered at ``indices[m]``.

    Example:
        >>> import tapeflow as tf
        >>> tf.dynamic_stitch([[0, 2], [1, 3]], [[1.0, 2.0], [3.0, 4.0]]).numpy().tolist()
        [1.0, 3.0, 2.0, 4.0]
    """
    op = "dynamic_stitch"
    idx_list, data_list = list(indices), list(data)
    if len(idx_list) != len(data_list):
        raise ValueError(
            f"List argument 'data' to 'dynamic_stitch' Op with length {len(data_list)} must match length "
            f"{len(idx_list)} of argument 'indices'."
        )
    if not idx_list:
        raise ValueError("dynamic_stitch: indices and data must be non-empty lists")
    idxs = [_index_arg(i, op, "indices", ("int32",)) for i in idx_list]
    first = next((d for d in data_list if isinstance(d, (Tensor, Variable))), None)
    dt = tensor_arg(first if first is not None else data_list[0], op)._value.dtype
    ds = [tensor_arg(d, op) if isinstance(d, (Tensor, Variable)) else tensor_arg(np.asarray(d, dt), op) for d in data_list]
    rest = None
    for m, (i, d) in enumerate(zip(idxs, ds)):
        if d._value.dtype != dt:
            raise InvalidArgumentError(f"{op}: all data must have the same dtype, got {d.dtype.name} and {dt}", op=op)
        if d._value.shape[: i.ndim] != i.shape:
            raise InvalidArgumentError(
                f"{op}: data[{m}].shape = {list(d._value.shape)} does not start with indices[{m}].shape = "
                f"{list(i.shape)}",
                op=op,
            )
        r = d._value.shape[i.ndim:]
        if rest is None:
            rest = r
        elif r != rest:
            raise InvalidArgumentError(
                f"{op}: Need data[0].shape[{idxs[0].ndim}:] = data[{m}].shape[{i.ndim}:], got data[0].shape = "
                f"{list(ds[0]._value.shape)}, data[{m}].shape = {list(d._value.shape)}",
                op=op,
            )
    flat = [i.reshape(-1).astype(np.intp) for i in idxs]
    for i in flat:
        if i.size and i.min() < 0:
            raise InvalidArgumentError(f"{op}: indices[{int(np.flatnonzero(i < 0)[0])}] is out of range", op=op)
    n = max((int(i.max()) + 1 for i in flat if i.size), default=0)
    pieces = [C.reshape_to(d, (i.size,) + rest) for i, d in zip(flat, ds)]
    return S.stitch(tuple(pieces), tuple(flat), n)


# --- reverse_sequence / sequence_mask / meshgrid / unravel_index ------------------------------------------


def reverse_sequence(input: Any, seq_lengths: Any, seq_axis: Any = None, batch_axis: Any = None,
                     name: str | None = None) -> Tensor:
    """Reverse the first ``seq_lengths[b]`` entries along ``seq_axis`` of each slice ``b`` of
    ``batch_axis`` (axes must be non-negative, as TF). The gradient reverses back.

    Example:
        >>> import tapeflow as tf
        >>> tf.reverse_sequence([[1, 2, 3, 4], [5, 6, 7, 8]], [3, 1], seq_axis=1, batch_axis=0).numpy().tolist()
        [[3, 2, 1, 4], [5, 6, 7, 8]]
    """
    op = "reverse_sequence"
    if seq_axis is None:
        raise TypeError("Expected int for argument 'seq_dim' not None.")
    x = tensor_arg(input, op)
    lens = _index_arg(seq_lengths, op, "seq_lengths", ("int32", "int64"))
    sa, ba = int(seq_axis), 0 if batch_axis is None else int(batch_axis)
    shape = x._value.shape
    nd = len(shape)
    for what, a in (("seq_dim", sa), ("batch_dim", ba)):
        if a < 0:
            raise InvalidArgumentError(f"{op}: Invalid {what} {a}", op=op)
        if a >= nd:
            raise InvalidArgumentError(f"{op}: {what} must be < input rank ( {a} vs. {nd}) for a {describe(x)}", op=op)
    if sa == ba:
        raise InvalidArgumentError(f"{op}: batch_dim == seq_dim == {sa}", op=op)
    if lens.ndim != 1:
        raise InvalidArgumentError(f"{op}: seq_lengths must be 1-dim, not {lens.ndim}", op=op)
    if lens.size != shape[ba]:
        raise InvalidArgumentError(
            f"{op}: Length of seq_lengths != input.dims({ba}), ({lens.size} vs. {shape[ba]})", op=op
        )
    for b, v in enumerate(lens.tolist()):
        if v < 0:
            raise InvalidArgumentError(f"{op}: seq_lens({b}) < 0", op=op)
        if v > shape[sa]:
            raise InvalidArgumentError(f"{op}: seq_lens({b}) > input.dims({sa})", op=op)
    coords = np.indices(shape, sparse=True)
    j = coords[sa]
    length = lens.astype(np.intp).reshape(tuple(-1 if d == ba else 1 for d in range(nd)))
    src = np.where(j < length, length - 1 - j, j)
    strides = [int(np.prod(shape[d + 1:], dtype=np.int64)) for d in range(nd)]
    lin = src * strides[sa]
    for d, c in enumerate(coords):
        if d != sa:
            lin = lin + c * strides[d]
    return A.gather(rows_view(x, (x._value.size,)), np.broadcast_to(lin, shape).astype(np.intp), 0)


def sequence_mask(lengths: Any, maxlen: Any = None, dtype: Any = _dt.bool, name: str | None = None) -> Tensor:
    """``mask[..., j] = j < lengths[...]``, with a new last axis of ``maxlen`` entries
    (``max(lengths)`` when None), cast to ``dtype``.

    Example:
        >>> import tapeflow as tf
        >>> tf.sequence_mask([1, 3, 2], 4).numpy().astype(int).tolist()
        [[1, 0, 0, 0], [1, 1, 1, 0], [1, 1, 0, 0]]
    """
    op = "sequence_mask"
    lt = tensor_arg(lengths, op)
    lv = lt._value
    _kinds(lt, "fiu", op, "lengths")
    if maxlen is None:  # as TF: max(0, max(lengths)), in the lengths' dtype
        m = np.maximum(lv.max(), 0) if lv.size else np.zeros((), lv.dtype)
    else:
        m = tensor_arg(maxlen, op)._value
        if m.ndim != 0:
            raise ValueError(
                f"Argument `maxlen` must be scalar for sequence_mask, received `maxlen` = {maxlen} with shape "
                f"'{tuple(m.shape)}' instead"
            )
        _kinds(tensor_arg(maxlen, op), "fiu", op, "maxlen")
        if m < 0:
            raise InvalidArgumentError(f"{op}: Requires start <= limit when delta > 0: 0/{m} (maxlen)", op=op)
    # TF compares range(maxlen) with the lengths cast to maxlen's dtype
    mask = np.arange(0, m, dtype=m.dtype) < lv.astype(m.dtype)[..., None]
    return Tensor(mask.astype(_dt.np_dtype(dtype), copy=False))


def meshgrid(*args: Any, **kwargs: Any) -> list:
    """N-D coordinate grids from 1-D coordinate vectors (each input is flattened first).

    ``indexing="xy"`` (default, Cartesian: the first two output axes swapped) or ``"ij"``
    (matrix). All inputs must share a dtype. Differentiable (each output is a broadcast).

    Example:
        >>> import tapeflow as tf
        >>> X, Y = tf.meshgrid([1, 2, 3], [4, 5])
        >>> X.numpy().tolist(), Y.numpy().tolist()
        ([[1, 2, 3], [1, 2, 3]], [[4, 4, 4], [5, 5, 5]])
    """
    indexing = kwargs.pop("indexing", "xy")
    kwargs.pop("name", None)
    if kwargs:
        raise TypeError(f"'{next(iter(kwargs))}' is an invalid keyword argument for this function")
    if indexing not in ("xy", "ij"):
        raise ValueError(f"Argument `indexing` parameter must be either 'xy' or 'ij', got '{indexing}'")
    ts = [tensor_arg(a, "meshgrid") for a in args]
    if not ts:
        return []
    for t in ts[1:]:
        if t._value.dtype != ts[0]._value.dtype:
            raise InvalidArgumentError(
                "meshgrid: all inputs must have the same dtype, got " + ", ".join(describe(t) for t in ts),
                op="meshgrid",
            )
    ts = [C.reshape_to(t, (t._value.size,)) for t in ts]
    n = len(ts)
    axes = list(range(n))
    if indexing == "xy" and n > 1:
        axes[0], axes[1] = 1, 0
    out_shape = [0] * n
    for t, a in zip(ts, axes):
        out_shape[a] = t._value.size
    outs = []
    for t, a in zip(ts, axes):
        shp = tuple(-1 if d == a else 1 for d in range(n))
        col = C.reshape_to(t, tuple(t._value.size if s == -1 else 1 for s in shp))
        outs.append(C.broadcast_to(col, tuple(out_shape)))
    return outs


def unravel_index(indices: Any, dims: Any, name: str | None = None) -> Tensor:
    """Flat indices into coordinate arrays for an array of shape ``dims``: shape
    ``(len(dims),) + indices.shape`` (``indices`` a scalar or a vector; int32 or int64).

    Example:
        >>> import tapeflow as tf
        >>> tf.unravel_index([1, 5, 4], [3, 3]).numpy().tolist()
        [[0, 1, 1], [1, 2, 1]]
    """
    op = "unravel_index"
    idx = _index_arg(indices, op, "indices", ("int32", "int64"))
    dv = _index_arg(dims, op, "dims", ("int32", "int64"), dtype=idx.dtype)
    if dv.dtype != idx.dtype:
        raise InvalidArgumentError(f"{op}: indices and dims must have the same dtype, got {idx.dtype} and {dv.dtype}", op=op)
    if idx.ndim > 1:
        raise InvalidArgumentError(f"{op}: The indices can only be scalar or vector, got \"{list(idx.shape)}\"", op=op)
    if dv.ndim != 1:
        raise InvalidArgumentError(f"{op}: The dims can only be a vector, got shape {list(dv.shape)}", op=op)
    for i, d in enumerate(dv.tolist()):
        if d < 0:
            raise InvalidArgumentError(f"{op}: Input dims cannot be negative. Got dim = {d} at index {i}", op=op)
        if d == 0:
            raise InvalidArgumentError(
                f"{op}: Input dims cannot contain a dim of zero, but dims contains zero at index {i}", op=op
            )
    total = int(np.prod(dv, dtype=np.int64))
    if (idx >= total).any():
        raise InvalidArgumentError(f"{op}: index is out of bound as with dims {dv.tolist()}", op=op)
    rem = idx.astype(np.int64)
    out = []
    for d in dv.tolist()[::-1]:  # C semantics (truncating division) for negative indices, as TF's kernel
        out.append(np.fmod(rem, d))
        rem = (rem - out[-1]) // d
    return Tensor(np.stack(out[::-1]).astype(idx.dtype))


# --- bincount / histograms / confusion_matrix / count_nonzero ---------------------------------------------


def _bincount_fwd(arr: np.ndarray, *w: np.ndarray, size: int, binary: bool, dtype: np.dtype) -> np.ndarray:
    weights = w[0] if w else None
    rows = arr.reshape(-1, arr.shape[-1]) if arr.ndim == 2 else arr.reshape(1, -1)
    r, c = rows.shape
    lin = rows.astype(np.int64) + (np.arange(r, dtype=np.int64) * size)[:, None]
    keep = (rows < size).reshape(-1)
    lin = lin.reshape(-1)[keep]
    out = np.zeros(r * size, dtype)
    if binary:
        out[lin] = 1
    elif weights is None:
        out += np.bincount(lin, minlength=r * size).astype(dtype)
    else:
        np.add.at(out, lin, weights.reshape(-1)[keep].astype(dtype))
    return out.reshape((r, size) if arr.ndim == 2 else (size,))


BINCOUNT = nondiff("bincount", _bincount_fwd, tf_op="DenseBincount")


def bincount(arr: Any, weights: Any = None, minlength: Any = None, maxlength: Any = None, dtype: Any = _dt.int32,
             name: str | None = None, axis: Any = None, binary_output: bool = False) -> Tensor:
    """Count the occurrences of each value in a non-negative integer array.

    Output length ``max(arr) + 1`` (0 for an empty array), at least ``minlength`` and at most
    ``maxlength`` (larger values are dropped). With ``weights`` each occurrence adds its weight
    (the result has the weights' dtype); ``binary_output`` records presence as 1. ``axis=-1``
    counts each row of a 2-D ``arr`` separately. TF registers no gradient (LookupError).

    Example:
        >>> import tapeflow as tf
        >>> tf.math.bincount([1, 1, 2, 5]).numpy().tolist()
        [0, 2, 1, 0, 0, 1]
        >>> tf.math.bincount([[1, 1], [2, 5]], axis=-1).numpy().tolist()
        [[0, 2, 0, 0, 0, 0], [0, 0, 1, 0, 0, 1]]
    """
    op = "bincount"
    a = tensor_arg(arr, op)
    w = None if weights is None else tensor_arg(weights, op)
    if w is not None and binary_output:
        raise ValueError("Arguments `binary_output` and `weights` are mutually exclusive. Please specify only one.")
    if a._value.dtype.kind == "O":  # TF casts arr to int32 first: no string cast
        raise UnimplementedError(f"{op}: Cast string to int32 is not supported (arr is a {describe(a)})", op=op)
    if a._value.dtype.kind not in "iu":
        a = C.cast_raw(a, np.dtype(np.int32))
    ax = 0 if axis is None else axis
    if ax not in (0, -1):
        raise ValueError(f"Unsupported value for argument axis={axis}. Only 0 and -1 are currently supported.")
    av = a._value
    size = int(av.max()) + 1 if av.size else 0
    if minlength is not None:
        size = max(_scalar_int(minlength, op, "minlength"), size)
    if maxlength is not None:
        size = min(_scalar_int(maxlength, op, "maxlength"), size)
    if av.size and av.min() < 0:
        raise InvalidArgumentError(f"{op}: Input arr must be non-negative! (arr is a {describe(a)})", op=op)
    if ax == 0:
        a = C.reshape_to(a, (av.size,))
        if w is not None:
            w = C.reshape_to(w, (w._value.size,))
    elif av.ndim > 2:
        raise InvalidArgumentError(f"{op}: Shape must be at most rank 2 but is rank {av.ndim}", op=op)
    out_dt = w._value.dtype if w is not None else _dt.np_dtype(dtype)
    if out_dt.name not in ("int32", "int64", "float32", "float64"):
        raise InvalidArgumentError(
            f"{op}: the output dtype ({'weights' if w is not None else 'dtype'}) must be int32, int64, float32 or "
            f"float64, got {out_dt.name}",
            op=op,
        )
    if w is not None and w._value.shape != a._value.shape:
        raise InvalidArgumentError(
            f"{op}: `weights` must be the same shape as `arr`; got arr of shape {list(a._value.shape)} and weights "
            f"of shape {list(w._value.shape)}",
            op=op,
        )
    ins = (a,) if w is None else (a, w)
    return bind(BINCOUNT, ins, {"size": max(size, 0), "binary": bool(binary_output), "dtype": out_dt})


def _hist_args(values: Any, value_range: Any, nbins: Any, op: str) -> tuple:
    v = tensor_arg(values, op)
    r = _like(value_range, v, op) if not isinstance(value_range, (Tensor, Variable)) else tensor_arg(value_range, op)
    if v._value.dtype.name not in ("int32", "int64", "float32", "float64"):
        raise InvalidArgumentError(f"{op}: values must be int32, int64, float32 or float64, got a {describe(v)}", op=op)
    if r._value.dtype != v._value.dtype:
        raise InvalidArgumentError(
            f"{op}: value_range must have the dtype of values, got a {describe(r)} for {describe(v)}", op=op
        )
    if r._value.shape != (2,):
        raise InvalidArgumentError(f"{op}: value_range should be a vector of 2 elements, got a {describe(r)}", op=op)
    return v, r, _scalar_int(nbins, op, "nbins")


def _hist_fwd(v: np.ndarray, r: np.ndarray, nbins: int, dtype: np.dtype) -> np.ndarray:
    lo = r[0]
    step = (float(r[1]) - float(lo)) / nbins
    with np.errstate(invalid="ignore"):
        pos = (np.maximum(v, lo) - lo).astype(np.float64) / step
        b = np.minimum(pos, nbins - 1).astype(np.int64).reshape(-1)
    return np.bincount(b, minlength=nbins).astype(dtype)


def _hist_bins_fwd(v: np.ndarray, r: np.ndarray, nbins: int) -> np.ndarray:
    dt = v.dtype
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        scaled = ((v - r[0]) / (r[1] - r[0])).astype(dt)
        idx = np.floor(dt.type(nbins) * scaled)
        return np.clip(idx, 0, dt.type(nbins - 1)).astype(np.int32)


HISTOGRAM = nondiff("histogram_fixed_width", _hist_fwd)
HISTOGRAM_BINS = nondiff("histogram_fixed_width_bins", _hist_bins_fwd)


def histogram_fixed_width(values: Any, value_range: Any, nbins: Any = 100, dtype: Any = _dt.int32,
                          name: str | None = None) -> Tensor:
    """Counts of ``values`` in ``nbins`` equal-width bins over ``value_range = [lo, hi]``; values
    below ``lo`` count in the first bin, values at or above ``hi`` in the last.

    Example:
        >>> import tapeflow as tf
        >>> tf.histogram_fixed_width([-1.0, 0.0, 1.5, 2.0, 5.0, 15], [0.0, 5.0], nbins=5).numpy().tolist()
        [2, 1, 1, 0, 2]
    """
    op = "histogram_fixed_width"
    v, r, nb = _hist_args(values, value_range, nbins, op)
    dt = _dt.np_dtype(dtype)
    if dt.name not in ("int32", "int64"):
        raise InvalidArgumentError(f"{op}: dtype must be int32 or int64, got {dt.name}", op=op)
    lo, hi = r._value.tolist()
    if not lo < hi:
        raise InvalidArgumentError(
            f"{op}: value_range should satisfy value_range[0] < value_range[1], but got '{r._value.tolist()}'", op=op
        )
    if nb <= 0:
        raise InvalidArgumentError(f"{op}: nbins should be a positive number, but got '{nb}'", op=op)
    if v._value.dtype.kind == "f" and np.isnan(v._value).any():
        raise InvalidArgumentError(f"{op}: Histogram values must not contain NaN", op=op)
    return bind(HISTOGRAM, (v, r), {"nbins": nb, "dtype": dt})


def histogram_fixed_width_bins(values: Any, value_range: Any, nbins: Any = 100, dtype: Any = _dt.int32,
                               name: str | None = None) -> Tensor:
    """The bin (int32, shape of ``values``) each value falls in, for ``nbins`` equal-width bins
    over ``value_range``; out-of-range values go to the first or last bin. Computed in the values'
    floating dtype (integer values are rejected, as in TF); ``dtype`` is unused, as in TF.

    Example:
        >>> import tapeflow as tf
        >>> tf.histogram_fixed_width_bins([-1.0, 0.0, 1.5, 2.0, 5.0, 15], [0.0, 5.0], nbins=5).numpy().tolist()
        [0, 0, 1, 2, 4, 4]
    """
    op = "histogram_fixed_width_bins"
    v, r, nb = _hist_args(values, value_range, nbins, op)
    if v._value.dtype.kind != "f":
        raise InvalidArgumentError(f"{op}: values must be floating-point (TF cannot scale integer values), got a "
                                   f"{describe(v)}", op=op)
    if nb <= 0:
        raise InvalidArgumentError(f"{op}: nbins {nb} must > 0", op=op)
    return bind(HISTOGRAM_BINS, (v, r), {"nbins": nb})


def _squeeze_last(x: Tensor) -> Tensor:
    return C.reshape_to(x, x._value.shape[:-1])


def confusion_matrix(labels: Any, predictions: Any, num_classes: Any = None, weights: Any = None,
                     dtype: Any = _dt.int32, name: str | None = None) -> Tensor:
    """``m[i, j]`` = number (or total weight) of entries with label ``i`` and prediction ``j``.

    Labels and predictions are cast to int64 and must be non-negative (and ``< num_classes``
    when given; otherwise ``num_classes = max(labels, predictions) + 1``). A trailing length-1
    axis on one of them is squeezed, as TF. Differentiable with respect to float ``weights``.

    Example:
        >>> import tapeflow as tf
        >>> tf.math.confusion_matrix([1, 2, 0], [2, 2, 0]).numpy().tolist()
        [[1, 0, 0], [0, 0, 1], [0, 0, 1]]
    """
    op = "confusion_matrix"
    lab = tensor_arg(labels, op)
    pred = tensor_arg(predictions, op)
    diff = pred._value.ndim - lab._value.ndim
    if diff == 1 and pred._value.shape[-1] == 1:
        pred = _squeeze_last(pred)
    elif diff == -1 and lab._value.shape[-1] == 1:
        lab = _squeeze_last(lab)
    lv = np.asarray(lab._value).astype(np.int64)
    pv = np.asarray(pred._value).astype(np.int64)
    for what, v in (("labels", lv), ("predictions", pv)):
        if (v < 0).any():
            raise InvalidArgumentError(f"{op}: `{what}` contains negative values: {v.tolist()}", op=op)
    if num_classes is None:
        n = int(max(lv.max(initial=-1), pv.max(initial=-1))) + 1
    else:
        n = _scalar_int(num_classes, op, "num_classes")
        for what, v in (("labels", lv), ("predictions", pv)):
            if (v >= n).any():
                raise InvalidArgumentError(f"{op}: `{what}` out of bound: {v.tolist()} (num_classes={n})", op=op)
    if lv.shape != pv.shape:
        raise InvalidArgumentError(
            f"{op}: Shapes of all inputs must match: labels.shape = {list(lv.shape)} != predictions.shape = "
            f"{list(pv.shape)}",
            op=op,
        )
    dt = _dt.np_dtype(dtype)
    if weights is None:
        vals = Tensor(np.ones(pv.shape, dt))
    else:
        from .math_ops import cast

        w = tensor_arg(weights, op)
        if w._value.shape != pv.shape:
            raise InvalidArgumentError(
                f"{op}: weights of shape {list(w._value.shape)} do not match predictions of shape {list(pv.shape)}",
                op=op,
            )
        vals = cast(w, dt)
    return scatter_nd(np.stack([lv, pv], axis=1), vals, np.array([n, n], np.int64))


def _count_nonzero_fwd(x: np.ndarray, axis: tuple | None, keepdims: bool, dtype: np.dtype) -> np.ndarray:
    nz = x != (b"" if x.dtype.kind == "O" else 0)
    return np.asarray(np.sum(nz, axis=axis, keepdims=keepdims)).astype(dtype)


COUNT_NONZERO = nondiff("count_nonzero", _count_nonzero_fwd)


def count_nonzero(input: Any, axis: Any = None, keepdims: Any = None, dtype: Any = _dt.int64,
                  name: str | None = None) -> Tensor:
    """The number of non-zero entries (non-empty strings) over ``axis`` (all axes when None), as ``dtype``.

    Example:
        >>> import tapeflow as tf
        >>> int(tf.math.count_nonzero([[0, 1], [2, 0]]))
        2
        >>> tf.math.count_nonzero([[0, 1], [2, 0]], axis=1).numpy().tolist()
        [1, 1]
    """
    x = tensor_arg(input, "count_nonzero")
    ax = norm_axis(axis, x._value.ndim, "count_nonzero")
    return bind1(COUNT_NONZERO, x, {"axis": ax, "keepdims": bool(keepdims), "dtype": _dt.np_dtype(dtype)})


# --- embedding_lookup ---------------------------------------------------------------------------------------


def _lookup_rows(x: Tensor, ids: np.ndarray, op: str, where: str) -> Tensor:
    n = x._value.shape[0]
    bad = (ids < 0) | (ids >= n)
    if bad.any():
        i = int(np.flatnonzero(bad.reshape(-1))[0])
        raise InvalidArgumentError(
            f"{op}: indices[{_pos(i, ids.shape)}] = {int(ids.reshape(-1)[i])} is not in [0, {n}) ({where}, a "
            f"{describe(x)})",
            op=op,
        )
    return A.gather(x, ids.astype(np.intp), 0)


def embedding_lookup(params: Any, ids: Any, max_norm: Any = None, name: str | None = None) -> Tensor:
    """Rows of ``params`` at ``ids`` (result shape ``ids.shape + params.shape[1:]``).

    ``params`` may be a list of shards, split along rows by TF2's "div" strategy (the first
    ``rows % n`` shards hold one row more). ``max_norm`` clips each looked-up embedding to that
    L2 norm. The gradient with respect to ``params`` is dense here (TF returns IndexedSlices).

    Example:
        >>> import tapeflow as tf
        >>> p = tf.reshape(tf.range(10.0), [5, 2])
        >>> tf.nn.embedding_lookup(p, [4, 0]).numpy().tolist()
        [[8.0, 9.0], [0.0, 1.0]]
    """
    op = "embedding_lookup"
    shards = list(params) if isinstance(params, (list, tuple)) else [params]
    if not shards:
        raise ValueError("Length of params is currently 0. Need at least one param.")
    ps = [tensor_arg(p, op) for p in shards]
    idx = _index_arg(ids, op, "ids")
    for p in ps:
        if p._value.ndim == 0:
            raise InvalidArgumentError(f"{op}: params must be at least 1-D, got a {describe(p)}", op=op)
        if p._value.dtype != ps[0]._value.dtype or p._value.shape[1:] != ps[0]._value.shape[1:]:
            raise InvalidArgumentError(
                f"{op}: all shards need the same dtype and row shape, got " + ", ".join(describe(q) for q in ps), op=op
            )
    if len(ps) == 1:
        out = _lookup_rows(ps[0], idx, op, "params")
    else:
        k = len(ps)
        flat = idx.reshape(-1).astype(np.int64)
        total = sum(p._value.shape[0] for p in ps)
        bad = (flat < 0) | (flat >= total)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise InvalidArgumentError(
                f"{op}: ids[{_pos(i, idx.shape)}] = {int(flat[i])} is not in [0, {total}) ({total} rows in {k} shards)",
                op=op,
            )
        per, extras = divmod(total, k)
        if per:
            shard = np.maximum(flat // (per + 1), (flat - extras) // per)
            local = np.where(shard < extras, flat % (per + 1), (flat - extras) % max(per, 1))
        else:
            shard, local = flat, np.zeros_like(flat)
        pieces, where = [], []
        for s, p in enumerate(ps):
            pos = np.flatnonzero(shard == s)
            if pos.size:
                pieces.append(_lookup_rows(p, local[pos], op, f"shard {s}"))
                where.append(pos)
        out = S.stitch(tuple(pieces), tuple(where), flat.size)
        out = C.reshape_to(out, idx.shape + ps[0]._value.shape[1:])
    if max_norm is not None:
        from .linalg_ops import clip_by_norm

        out = clip_by_norm(out, max_norm, axes=list(range(idx.ndim, out._value.ndim)) if idx.ndim else None)
    return out


# --- space_to_depth / depth_to_space / space_to_batch / batch_to_space ----------------------------------------


def _block_arg(input: Any, block_size: Any, data_format: str, op: str) -> tuple:
    x = tensor_arg(input, op)
    b = _scalar_int(block_size, op, "block_size")
    if b < 2:
        raise InvalidArgumentError(f"{op}: block_size must be at least 2, got {b}", op=op)
    if data_format not in ("NHWC", "NCHW"):
        raise InvalidArgumentError(f"{op}: data_format must be 'NHWC' or 'NCHW', got {data_format!r}", op=op)
    if x._value.ndim != 4:
        raise InvalidArgumentError(f"{op}: Input rank should be 4 instead of {x._value.ndim} ({describe(x)})", op=op)
    return x, b


def space_to_depth(input: Any, block_size: Any, data_format: str = "NHWC", name: str | None = None) -> Tensor:
    """Move ``block_size x block_size`` spatial blocks into the channel axis:
    ``(N, H, W, C) -> (N, H/b, W/b, b*b*C)``. ``"NCHW"`` is also accepted (TF runs it on GPU only).

    Example:
        >>> import tapeflow as tf
        >>> x = tf.reshape(tf.range(16), [1, 4, 4, 1])
        >>> tf.nn.space_to_depth(x, 2)[0, 0].numpy().tolist()
        [[0, 1, 4, 5], [2, 3, 6, 7]]
    """
    op = "space_to_depth"
    x, b = _block_arg(input, block_size, data_format, op)
    if data_format == "NHWC":
        n, h, w, c = x._value.shape
    else:
        n, c, h, w = x._value.shape
    if h % b or w % b:
        raise InvalidArgumentError(
            f"{op}: Image width {w} and height {h} should be divisible by block_size: {b}", op=op
        )
    if data_format == "NHWC":
        y = C.transpose_raw(C.reshape_to(x, (n, h // b, b, w // b, b, c)), (0, 1, 3, 2, 4, 5))
        return C.reshape_to(y, (n, h // b, w // b, b * b * c))
    y = C.transpose_raw(C.reshape_to(x, (n, c, h // b, b, w // b, b)), (0, 3, 5, 1, 2, 4))
    return C.reshape_to(y, (n, b * b * c, h // b, w // b))


def depth_to_space(input: Any, block_size: Any, data_format: str = "NHWC", name: str | None = None) -> Tensor:
    """The inverse of ``space_to_depth``: ``(N, H, W, b*b*C) -> (N, H*b, W*b, C)``.

    Example:
        >>> import tapeflow as tf
        >>> tf.nn.depth_to_space(tf.reshape(tf.range(4), [1, 1, 1, 4]), 2)[0, :, :, 0].numpy().tolist()
        [[0, 1], [2, 3]]
    """
    op = "depth_to_space"
    x, b = _block_arg(input, block_size, data_format, op)
    if data_format == "NHWC":
        n, h, w, c = x._value.shape
    else:
        n, c, h, w = x._value.shape
    if c % (b * b):
        raise InvalidArgumentError(f"{op}: Input depth dimension {c} should be divisible by: {b * b}", op=op)
    c2 = c // (b * b)
    if data_format == "NHWC":
        y = C.transpose_raw(C.reshape_to(x, (n, h, w, b, b, c2)), (0, 1, 3, 2, 4, 5))
        return C.reshape_to(y, (n, h * b, w * b, c2))
    y = C.transpose_raw(C.reshape_to(x, (n, b, b, c2, h, w)), (0, 3, 4, 1, 5, 2))
    return C.reshape_to(y, (n, c2, h * b, w * b))


def _block_shape_arg(block_shape: Any, x: Tensor, pads: Any, op: str, what: str) -> tuple:
    bs = [int(v) for v in _index_arg(block_shape, op, "block_shape", ("int32", "int64")).reshape(-1)]
    m = len(bs)
    pv = _index_arg(pads, op, what, ("int32", "int64"))
    if pv.shape != (m, 2):
        raise InvalidArgumentError(f"{op}: {what} should have shape [{m}, 2] instead of {list(pv.shape)}", op=op)
    for i, v in enumerate(bs):
        if v < 1:
            raise InvalidArgumentError(f"{op}: All values in block_shape must be positive, got value, {v} at index {i}.",
                                       op=op)
    if (pv < 0).any():
        raise InvalidArgumentError(f"{op}: {what.capitalize()} must be non-negative", op=op)
    if x._value.ndim < m + 1:
        raise InvalidArgumentError(f"{op}: input rank should be >= {m + 1} instead of {x._value.ndim}", op=op)
    return bs, [tuple(int(a) for a in r) for r in pv]


def space_to_batch_nd(input: Any, block_shape: Any, paddings: Any, name: str | None = None) -> Tensor:
    """Zero-pad the spatial axes ``1..M`` by ``paddings``, cut them into ``block_shape`` blocks and
    move the block offsets into the batch axis: ``(B, S1, .., SM, ...) -> (B*prod(block), S1/b1, ...)``.

    Example:
        >>> import tapeflow as tf
        >>> tf.space_to_batch_nd(tf.reshape(tf.range(1, 5), [1, 2, 2, 1]), [2, 2], [[0, 0], [0, 0]]).shape.as_list()
        [4, 1, 1, 1]
    """
    from .array_ops import pad

    op = "space_to_batch_nd"
    x = tensor_arg(input, op)
    bs, pads = _block_shape_arg(block_shape, x, paddings, op, "paddings")
    m = len(bs)
    shape = x._value.shape
    rest = shape[m + 1:]
    if any(a or b for a, b in pads):
        x = pad(x, [(0, 0)] + pads + [(0, 0)] * len(rest))
    padded = x._value.shape
    for i, b in enumerate(bs):
        if padded[i + 1] % b:
            raise InvalidArgumentError(
                f"{op}: padded_shape[{i}]={padded[i + 1]} is not divisible by block_shape[{i}]={b}", op=op
            )
    B = shape[0]
    split = (B,) + tuple(v for i, b in enumerate(bs) for v in (padded[i + 1] // b, b)) + rest
    perm = tuple(2 + 2 * i for i in range(m)) + (0,) + tuple(1 + 2 * i for i in range(m)) + tuple(
        range(1 + 2 * m, 1 + 2 * m + len(rest)))
    y = C.transpose_raw(C.reshape_to(x, split), perm)
    return C.reshape_to(y, (B * int(np.prod(bs, dtype=np.int64)),) + tuple(padded[i + 1] // b for i, b in enumerate(bs))
                        + rest)


def space_to_batch(input: Any, block_shape: Any, paddings: Any, name: str | None = None) -> Tensor:
    """``tf.space_to_batch`` (TF2): the same as ``tf.space_to_batch_nd``.

    Example:
        >>> import tapeflow as tf
        >>> tf.space_to_batch(tf.zeros([1, 4, 4, 3]), [2, 2], [[0, 0], [0, 0]]).shape.as_list()
        [4, 2, 2, 3]
    """
    return space_to_batch_nd(input, block_shape, paddings)


def batch_to_space(input: Any, block_shape: Any, crops: Any, name: str | None = None) -> Tensor:
    """The inverse of ``space_to_batch_nd``: move block offsets from the batch axis back into the
    spatial axes, then crop ``crops[i] = [start, end]`` from each spatial axis.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.reshape(tf.range(1, 5), [4, 1, 1, 1])
        >>> tf.batch_to_space(x, [2, 2], [[0, 0], [0, 0]])[0, :, :, 0].numpy().tolist()
        [[1, 2], [3, 4]]
    """
    from .array_ops import getitem

    op = "batch_to_space"
    x = tensor_arg(input, op)
    bs, crop = _block_shape_arg(block_shape, x, crops, op, "crops")
    m = len(bs)
    shape = x._value.shape
    prod = int(np.prod(bs, dtype=np.int64))
    if shape[0] % prod:
        raise InvalidArgumentError(
            f"{op}: Input batch dimension ({shape[0]}) is not divisible by product of block sizes ({prod})", op=op
        )
    B = shape[0] // prod
    sp, rest = shape[1:m + 1], shape[m + 1:]
    for i, ((a, b), s, k) in enumerate(zip(crop, sp, bs)):
        if s * k - a - b < 0:
            raise InvalidArgumentError(f"{op}: cropped_shape[{i}]={s * k - a - b} must be non-negative", op=op)
    y = C.reshape_to(x, tuple(bs) + (B,) + sp + rest)
    perm = (m,) + tuple(v for i in range(m) for v in (m + 1 + i, i)) + tuple(range(2 * m + 1, 2 * m + 1 + len(rest)))
    y = C.reshape_to(C.transpose_raw(y, perm), (B,) + tuple(s * k for s, k in zip(sp, bs)) + rest)
    if any(a or b for a, b in crop):
        key = (slice(None),) + tuple(slice(a, s * k - b) for (a, b), s, k in zip(crop, sp, bs))
        y = getitem(y, key)
    return y


__all__ = [
    "scatter_nd", "tensor_scatter_nd_update", "tensor_scatter_nd_add", "tensor_scatter_nd_sub",
    "tensor_scatter_nd_max", "tensor_scatter_nd_min", "dynamic_partition", "dynamic_stitch", "reverse_sequence",
    "sequence_mask", "meshgrid", "unravel_index", "histogram_fixed_width", "histogram_fixed_width_bins",
    "space_to_batch_nd", "space_to_batch", "batch_to_space",
]
