"""``tf.ragged``: building and transforming ragged tensors (see ``tapeflow.ragged_tensor``).

Example:
    >>> import tapeflow as tf
    >>> print(tf.ragged.constant([[0, 1, 2, 3], [4, 5], [6, 7, 8], [9]]))
    <tf.RaggedTensor [[0, 1, 2, 3], [4, 5], [6, 7, 8], [9]]>
"""

from __future__ import annotations

import builtins
from typing import Any

import numpy as np

from . import dtypes as _dt
from .errors import InvalidArgumentError
from .ragged_tensor import (
    RaggedTensor,
    _as_tensor,
    _lengths_to_splits,
    _rowids,
    _take_rows,
    map_flat_values,
)
from .tensor import Tensor, Variable
from .tensor import constant as _constant

_SPLIT_DTYPES = (np.dtype(np.int32), np.dtype(np.int64))


def _splits_dtype(dtype: Any) -> np.dtype:
    d = np.dtype(_dt.np_dtype(dtype))
    if d not in _SPLIT_DTYPES:
        raise ValueError(f"row_splits_dtype must be int32 or int64, got {dtype!r}")
    return d


def _is_list(v: Any) -> bool:
    return isinstance(v, (list, tuple))


def _plain(v: Any) -> Any:
    """NumPy arrays in a pylist act as (nested) lists; Tensors are not accepted (as TF)."""
    if isinstance(v, np.ndarray) and v.ndim:
        return v.tolist() if v.dtype.kind in "iub" else list(v)  # TF: NumPy ints act as Python ints
    return v


def _depths(pylist: Any) -> tuple:
    """(the nesting depth of the scalars or None, the deepest list nesting)."""
    scalar_depths: set = set()
    max_list = 0
    stack = [(pylist, 0)]
    while stack:
        v, d = stack.pop()
        v = _plain(v)
        if _is_list(v):
            max_list = max(max_list, d + 1)
            stack.extend((x, d + 1) for x in v)
        else:
            scalar_depths.add(d)
    if len(scalar_depths) > 1:
        raise ValueError("all scalar values must have the same nesting depth")
    return (next(iter(scalar_depths)) if scalar_depths else None), max_list


def _inner_shape_of(items: list, depth: int) -> tuple:
    """The uniform shape of ``items`` (each nested ``depth`` levels deep), or raise."""
    if depth == 0:
        return ()
    lens = {len(_plain(x)) for x in items}
    if len(lens) > 1:
        raise ValueError("inner values have inconsistent shape")
    if not lens:
        return (0,) * depth
    n = lens.pop()
    sub = [y for x in items for y in _plain(x)]
    if not sub:
        return (n,) + (0,) * (depth - 1)
    return (n,) + _inner_shape_of(sub, depth - 1)


def constant(pylist: Any, dtype: Any = None, ragged_rank: int | None = None, inner_shape: Any = None,
             name: str | None = None, row_splits_dtype: Any = _dt.int64) -> RaggedTensor | Tensor:
    """A RaggedTensor from a nested Python list (row_splits int64 unless ``row_splits_dtype``).

    Lists nested deeper than ``ragged_rank + 1`` must be uniform: they form the inner shape.
    A pylist with no ragged dimension (``ragged_rank=0``, or a flat list) gives a Tensor, as TF.

    Example:
        >>> import tapeflow as tf
        >>> rt = tf.ragged.constant([[1, 2], [3]])
        >>> print(rt)
        <tf.RaggedTensor [[1, 2], [3]]>
        >>> rt.dtype, rt.row_splits.dtype
        (tf.int32, tf.int64)
        >>> tf.ragged.constant([[[1, 2], [3, 4]], [[5, 6]]], ragged_rank=1).shape
        TensorShape([2, None, 2])
    """
    if isinstance(pylist, (Tensor, Variable, RaggedTensor)):
        raise TypeError("tf.ragged.constant: pylist must be a nested Python list, not a tensor")
    splits_dt = _splits_dtype(row_splits_dtype)
    scalar_depth, list_depth = _depths(pylist)
    rank = scalar_depth if scalar_depth is not None else list_depth
    if inner_shape is not None:
        inner_shape = tuple(int(d) for d in inner_shape)
    if ragged_rank is None:
        ragged_rank = max(0, rank - 1 - (len(inner_shape) if inner_shape is not None else 0))
    ragged_rank = int(ragged_rank)
    if ragged_rank < 0:
        raise ValueError(f"Invalid ragged_rank {ragged_rank}: must be nonnegative")
    if scalar_depth is not None and 0 < ragged_rank >= scalar_depth:
        raise ValueError(
            f"pylist has scalar values depth {scalar_depth}, but ragged_rank={ragged_rank} requires "
            f"scalar value depth greater than {ragged_rank}"
        )
    if scalar_depth is not None and inner_shape is not None and scalar_depth != ragged_rank + 1 + len(inner_shape):
        raise ValueError(
            f"pylist has scalar values depth {scalar_depth}, but ragged_rank={ragged_rank} and "
            f"len(inner_shape)={len(inner_shape)}"
        )
    if ragged_rank == 0:
        return _constant(pylist, dtype=dtype, shape=inner_shape)
    items = list(_plain(pylist))
    nested_splits = []
    for _ in builtins.range(ragged_rank):
        rows = [_plain(x) for x in items]
        if any(not _is_list(r) for r in rows):
            raise ValueError("all scalar values must have the same nesting depth")
        nested_splits.append(_lengths_to_splits(np.asarray([len(r) for r in rows], np.int64), splits_dt))
        items = [y for r in rows for y in r]
    if inner_shape is None:
        depth = (scalar_depth - ragged_rank - 1) if scalar_depth is not None else max(list_depth - ragged_rank - 1, 0)
        inner_shape = _inner_shape_of(items, depth) if items else (0,) * depth if scalar_depth is None else ()
        if not items and scalar_depth is not None:
            inner_shape = ()
    if items:
        plain = [_to_lists(x) for x in items]
        values = _constant(plain, dtype=dtype)
        if tuple(values._value.shape[1:]) != tuple(inner_shape):
            values = _constant(plain, dtype=dtype, shape=(len(items),) + tuple(inner_shape))
    else:
        np_dt = np.float32 if dtype is None else _dt.np_dtype(dtype)
        values = _constant(np.zeros((0,) + tuple(inner_shape), np_dt), dtype=dtype)
    rt: Any = values
    for s in reversed(nested_splits):
        rt = RaggedTensor._make(rt, Tensor(s))
    return rt


def _to_lists(x: Any) -> Any:
    x = _plain(x)
    if _is_list(x):
        return [_to_lists(y) for y in x]
    if isinstance(x, np.integer):  # as TF: NumPy integers convert like Python ints (int32)
        return int(x)
    return x


def _int_vec(x: Any) -> np.ndarray:
    if isinstance(x, (Tensor, Variable)):
        return np.asarray(_as_tensor(x)._value)
    return np.asarray(x)


def range(starts: Any, limits: Any = None, deltas: Any = 1, dtype: Any = None, name: str | None = None,  # noqa: A001
          row_splits_dtype: Any = _dt.int64) -> RaggedTensor:
    """Row ``i`` is ``range(starts[i], limits[i], deltas[i])`` (scalars broadcast over the rows).

    With ``limits=None`` the rows are ``range(0, starts[i])``.

    Example:
        >>> import tapeflow as tf
        >>> print(tf.ragged.range([3, 5, 2]))
        <tf.RaggedTensor [[0, 1, 2], [0, 1, 2, 3, 4], [0, 1]]>
        >>> print(tf.ragged.range([0, 5, 8], [3, 3, 12], 2))
        <tf.RaggedTensor [[0, 2], [], [8, 10]]>
    """
    op = "RaggedRange"
    splits_dt = _splits_dtype(row_splits_dtype)
    if limits is None:
        starts, limits = 0, starts
    parts = [_as_tensor(v) if isinstance(v, (Tensor, Variable)) else _constant(v) for v in (starts, limits, deltas)]
    if dtype is not None:
        want = _dt.as_dtype(dtype)
        parts = [p if p.dtype == want else _constant(p._value.astype(_dt.np_dtype(want))) for p in parts]
    else:
        kinds = [p._value.dtype for p in parts]
        if len({k for k in kinds}) > 1:
            target = np.result_type(*kinds)
            if any(k.kind == "f" for k in kinds) and target == np.float64 and not any(k == np.float64 for k in kinds):
                target = np.dtype(np.float32)
            parts = [Tensor(p._value.astype(target)) for p in parts]
    vals = [p._value for p in parts]
    if any(v.ndim > 1 for v in vals):
        raise InvalidArgumentError(f"{op}: starts, limits, and deltas must be scalars or vectors", op=op)
    shapes = {v.shape for v in vals if v.ndim == 1}
    if len(shapes) > 1:
        raise InvalidArgumentError("starts, limits, and deltas must have the same shape", op=op)
    n = shapes.pop()[0] if shapes else 1
    s, lim, d = (np.broadcast_to(v, (n,)) for v in vals)
    if np.any(d == 0):
        raise InvalidArgumentError("Requires delta != 0", op=op)
    with np.errstate(all="ignore"):
        lengths = np.where(((d > 0) & (lim > s)) | ((d < 0) & (lim < s)),
                           np.ceil(np.abs((lim.astype(np.float64) - s) / d)), 0).astype(np.int64)
    starts_rep = np.repeat(s, lengths)
    offs = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    values = (starts_rep + offs.astype(vals[0].dtype) * np.repeat(d, lengths)).astype(vals[0].dtype)
    return RaggedTensor._make(Tensor(values), Tensor(_lengths_to_splits(lengths, splits_dt)))


def row_splits_to_segment_ids(splits: Any, name: str | None = None, out_type: Any = None) -> Tensor:
    """The row id of each value, from row splits (``splits.dtype`` unless ``out_type``).

    Example:
        >>> import tapeflow as tf
        >>> tf.ragged.row_splits_to_segment_ids([0, 3, 3, 5, 6, 9]).numpy().tolist()
        [0, 0, 0, 2, 2, 3, 4, 4, 4]
    """
    from .ragged_tensor import _partition_arg

    t = _partition_arg(splits, "splits", "row_splits_to_segment_ids")
    v = t._value
    if v.ndim != 1:
        raise ValueError(f"Shape {tuple(v.shape)} must have rank 1")
    if v.size == 0:
        raise ValueError("splits tensor may not be empty.")
    dt = v.dtype if out_type is None else _splits_dtype(out_type)
    return Tensor(_rowids(v).astype(dt))


def segment_ids_to_row_splits(segment_ids: Any, num_segments: Any = None, out_type: Any = None,
                              name: str | None = None) -> Tensor:
    """Row splits from sorted segment ids (int64 unless ``out_type``).

    Example:
        >>> import tapeflow as tf
        >>> tf.ragged.segment_ids_to_row_splits([0, 0, 0, 2, 2, 3, 4, 4, 4]).numpy().tolist()
        [0, 3, 3, 5, 6, 9]
    """
    ids = _int_vec(segment_ids)
    if ids.size == 0:
        ids = ids.astype(np.int64)
    if ids.ndim != 1:
        raise ValueError(f"Shape {tuple(ids.shape)} must have rank 1")
    if ids.dtype.kind not in "iu":
        raise ValueError("segment_ids must have dtype int32 or int64")
    dt = np.dtype(np.int64) if out_type is None else _splits_dtype(out_type)
    if num_segments is None:
        n = int(ids.max()) + 1 if ids.size else 0
    else:
        n = int(_int_vec(num_segments))
    if ids.size and (ids.min() < 0 or ids.max() >= n):
        raise InvalidArgumentError(f"segment_ids must be in [0, num_segments={n})", op="segment_ids_to_row_splits")
    counts = np.bincount(ids.astype(np.intp), minlength=n)[:n] if ids.size else np.zeros(n, np.int64)
    return Tensor(_lengths_to_splits(counts, dt))


def stack_dynamic_partitions(data: Any, partitions: Any, num_partitions: Any, name: str | None = None) -> RaggedTensor:
    """Row ``p`` holds the elements of ``data`` whose partition is ``p``, in their original order.

    Example:
        >>> import tapeflow as tf
        >>> print(tf.ragged.stack_dynamic_partitions(['a', 'b', 'c', 'd', 'e'], [3, 0, 2, 2, 3], num_partitions=5))
        <tf.RaggedTensor [[b'b'], [], [b'c', b'd'], [b'a', b'e'], []]>
    """
    op = "stack_dynamic_partitions"
    d = data if isinstance(data, RaggedTensor) else _as_tensor(data)
    p = _int_vec(partitions).astype(np.int64).reshape(-1)
    n = int(_int_vec(num_partitions))
    rows = d._nrows_int() if isinstance(d, RaggedTensor) else int(d._value.shape[0]) if d._value.ndim else 1
    if p.size != rows:
        raise InvalidArgumentError(f"{op}: partitions has {p.size} entries but data has {rows} rows", op=op)
    if p.size and p.max() >= n:
        raise InvalidArgumentError("partitions must be less than num_partitions", op=op)
    if p.size and p.min() < 0:
        raise InvalidArgumentError("partitions must be non-negative", op=op)
    order = np.argsort(p, kind="stable").astype(np.intp)
    counts = np.bincount(p, minlength=n) if p.size else np.zeros(n, np.int64)
    return RaggedTensor._make(_take_rows(d, order), Tensor(_lengths_to_splits(counts, np.dtype(np.int64))))


# --- combining ragged tensors ----------------------------------------------------------------------------


def _as_ragged(x: Any, ragged_rank: int, splits_dt: np.dtype | None) -> RaggedTensor:
    """``x`` (ragged or dense) as a RaggedTensor with at least ``ragged_rank`` partitions."""
    if isinstance(x, RaggedTensor):
        rt = x
    else:
        t = _as_tensor(x)
        if t._value.ndim < ragged_rank + 1:
            raise ValueError(f"Shape {tuple(t._value.shape)} must have rank at least {ragged_rank + 1}")
        rt = RaggedTensor.from_tensor(t, ragged_rank=ragged_rank,
                                      row_splits_dtype=splits_dt if splits_dt is not None else np.int64)
    if rt.ragged_rank < ragged_rank:
        inner = RaggedTensor.from_tensor(rt.flat_values, ragged_rank=ragged_rank - rt.ragged_rank,
                                         row_splits_dtype=rt._row_splits._value.dtype)
        rt = rt.with_flat_values(inner)
    return rt


def _concat_rows(rts: list) -> Any:
    """Concatenate ragged (or dense) tensors along their first axis (keeps gradients)."""
    from .ops import array_ops

    if not isinstance(rts[0], RaggedTensor):
        dts = {r.dtype for r in rts}
        if len(dts) > 1:
            raise InvalidArgumentError(
                "concat: all inputs need the same dtype, got " + ", ".join(sorted(d.name for d in dts)), op="concat")
        return array_ops.concat(list(rts), 0) if len(rts) > 1 else rts[0]
    pieces, off = [], 0
    for r in rts:
        sp = r._row_splits._value
        pieces.append((sp[1:] if pieces else sp) + off)
        off += int(sp[-1])
    splits = np.concatenate(pieces).astype(rts[0]._row_splits._value.dtype)
    return RaggedTensor._make(_concat_rows([r._values for r in rts]), Tensor(splits))


def _prepare(values: Any, op: str) -> tuple:
    """Ragged inputs with a common rank, ragged_rank and row_splits dtype."""
    vals = list(values)
    if not vals:
        raise ValueError(f"{op}: values must not be empty")
    ragged = [v for v in vals if isinstance(v, RaggedTensor)]
    dense = [_as_tensor(v) if not isinstance(v, RaggedTensor) else v for v in vals]
    rank = (ragged[0]._rank if ragged else dense[0]._value.ndim)
    for v in dense:
        r = v._rank if isinstance(v, RaggedTensor) else v._value.ndim
        if r != rank:
            shape = v.shape if isinstance(v, RaggedTensor) else tuple(v._value.shape)
            raise ValueError(f"Shape {tuple(shape)} must have rank {rank}")
    split_dts = {v._row_splits._value.dtype for v in ragged}
    if len(split_dts) > 1:
        raise ValueError("Input RaggedTensors have mismatched row_splits dtypes; use "
                         "RaggedTensor.with_row_splits_dtype() to convert them to compatible dtypes.")
    splits_dt = split_dts.pop() if split_dts else np.dtype(np.int64)
    k = max([v.ragged_rank for v in ragged] + [1])
    if rank < 2:
        return None, rank, splits_dt
    return [_as_ragged(v, k, splits_dt) for v in dense], rank, splits_dt


def _interleave(rts: list) -> Any:
    """Rows ``[rts[0][0], rts[1][0], ..., rts[0][1], rts[1][1], ...]`` (same nrows)."""
    n = _nrows(rts[0])
    for i, r in enumerate(rts[1:], start=1):
        if _nrows(r) != n:
            raise InvalidArgumentError(
                f"Input tensors at index 0 (=x) and {i} (=y) have incompatible shapes: {n} vs {_nrows(r)} rows",
                op="stack")
    both = _concat_rows(rts)
    k = len(rts)
    order = (np.arange(k)[None, :] * n + np.arange(n)[:, None]).reshape(-1).astype(np.intp)
    return _take_rows(both, order)


def _nrows(x: Any) -> int:
    return x._nrows_int() if isinstance(x, RaggedTensor) else int(x._value.shape[0])


def _stack_or_concat(rts: list, axis: int, stack: bool) -> Any:
    """Stack (or concat) along ``axis`` (>= 1) of same-ragged-rank inputs."""
    from .ops import array_ops

    if axis == 1:
        if not isinstance(rts[0], RaggedTensor):
            return array_ops.stack(rts, 1) if stack else array_ops.concat(rts, 1)
        inter = _interleave(rts)
        k = len(rts)
        n = rts[0]._nrows_int()
        sdt = rts[0]._row_splits._value.dtype
        if stack:
            return RaggedTensor._make(inter, Tensor((np.arange(n + 1) * k).astype(sdt)))
        # concat: row i of the result joins the i-th rows of every input
        lens = np.stack([np.diff(r._row_splits._value) for r in rts], axis=1)  # (n, k)
        merged = RaggedTensor._make(inter._values, Tensor(np.concatenate([[0], np.cumsum(lens.reshape(-1))]).astype(sdt)))
        return RaggedTensor._make(merged._values, Tensor(_lengths_to_splits(lens.sum(axis=1), sdt)))
    if not isinstance(rts[0], RaggedTensor):
        return array_ops.stack(rts, axis) if stack else array_ops.concat(rts, axis)
    first = rts[0]
    for r in rts[1:]:
        a, b = first._row_splits._value, r._row_splits._value
        if a.shape != b.shape or not np.array_equal(a, b):
            raise InvalidArgumentError(
                f"Inputs must have identical ragged splits: {a.tolist()} vs {b.tolist()}", op="stack")
    inner = _stack_or_concat([r._values for r in rts], axis - 1, stack)
    return RaggedTensor._make(inner, first._row_splits)


def stack(values: Any, axis: int = 0, name: str | None = None) -> RaggedTensor:
    """Stack ragged (or dense) tensors of one rank into a RaggedTensor of rank + 1.

    ``axis=0`` lists the inputs; ``axis=1`` pairs up their rows; deeper axes need the inputs'
    row partitions to match there.

    Example:
        >>> import tapeflow as tf
        >>> a = tf.ragged.constant([[1, 2], [3]])
        >>> b = tf.ragged.constant([[4], [5, 6, 7]])
        >>> print(tf.ragged.stack([a, b]).to_list())
        [[[1, 2], [3]], [[4], [5, 6, 7]]]
        >>> print(tf.ragged.stack([a, b], axis=1).to_list())
        [[[1, 2], [4]], [[3], [5, 6, 7]]]
    """
    op = "stack"
    vals = list(values)
    rts, rank, splits_dt = _prepare(vals, op)
    if not -(rank + 1) <= int(axis) <= rank:
        raise ValueError(f"axis={axis} out of bounds: expected {-(rank + 1)}<=axis<{rank + 1}")
    ax = int(axis) % (rank + 1)
    if rts is None:  # rank-1 (or 0) dense inputs: a ragged matrix of the stacked vectors
        from .ops import array_ops

        dense = array_ops.stack([_as_tensor(v) for v in vals], ax)
        return RaggedTensor.from_tensor(dense, row_splits_dtype=splits_dt) if dense._value.ndim >= 2 else dense
    if ax == 0:
        rows = _concat_rows(rts)
        counts = np.asarray([r._nrows_int() for r in rts], np.int64)
        return RaggedTensor._make(rows, Tensor(_lengths_to_splits(counts, splits_dt)))
    return _stack_or_concat(rts, ax, True)


def _concat(values: Any, axis: int) -> Any:
    """``tf.concat`` of ragged tensors (the dispatch target for the generic op)."""
    op = "concat"
    vals = list(values)
    rts, rank, _ = _prepare(vals, op)
    if rts is None:
        from .ops import array_ops

        return array_ops.concat([_as_tensor(v) for v in vals], axis)
    if not -rank <= int(axis) < rank:
        raise ValueError(f"axis={axis} out of bounds: expected {-rank}<=axis<{rank}")
    ax = int(axis) % rank
    if ax == 0:
        return _concat_rows(rts)
    return _stack_or_concat(rts, ax, False)


def boolean_mask(data: Any, mask: Any, name: str | None = None) -> Any:
    """Keep the entries of ``data`` where ``mask`` (dense or ragged bool, matching data's leading
    dimensions) is True; masked dimensions become ragged.

    Example:
        >>> import tapeflow as tf
        >>> print(tf.ragged.boolean_mask([[1, 2, 3], [4, 5, 6]], [[True, False, True], [False, True, True]]).to_list())
        [[1, 3], [5, 6]]
        >>> print(tf.ragged.boolean_mask(tf.ragged.constant([[1, 2, 3], [4], [5, 6]]), [True, False, True]))
        <tf.RaggedTensor [[1, 2, 3], [5, 6]]>
    """
    op = "boolean_mask"
    if isinstance(mask, RaggedTensor):
        m: Any = mask
        if m.dtype != _dt.bool:
            raise TypeError(f"{op}: mask must be a bool tensor, got {m.dtype.name}")
    else:
        m = _as_tensor(mask, dtype=_dt.bool) if not isinstance(mask, (Tensor, Variable)) else _as_tensor(mask)
        if m._value.dtype != np.bool_:
            raise TypeError(f"{op}: mask must be a bool tensor, got {m.dtype.name}")
    d = data if isinstance(data, RaggedTensor) else _as_tensor(data)
    mrank = m._rank if isinstance(m, RaggedTensor) else m._value.ndim
    drank = d._rank if isinstance(d, RaggedTensor) else d._value.ndim
    if mrank == 0:
        raise ValueError("mask.shape.ndims must be greater than 0")
    if mrank > drank:
        raise ValueError(f"mask.shape.ndims ({mrank}) must be <= data.shape.ndims ({drank})")
    if mrank == 1:
        mv = m.flat_values._value if isinstance(m, RaggedTensor) else m._value
        if mv.size != _nrows(d):
            raise ValueError(f"Shapes ({_nrows(d)},) and ({mv.size},) are incompatible")
        return _take_rows(d, np.flatnonzero(mv).astype(np.intp))
    k = mrank - 1
    if not isinstance(m, RaggedTensor):
        dshape = tuple(d.shape) if isinstance(d, RaggedTensor) else tuple(d._value.shape)
        if not isinstance(d, RaggedTensor) and dshape[:mrank] != tuple(m._value.shape):
            raise ValueError(f"Shapes {dshape[:mrank]} and {tuple(m._value.shape)} are incompatible")
        m = RaggedTensor.from_tensor(m, ragged_rank=k)
    rd = _as_ragged(d, k, None)
    ms = [s._value for s in m.nested_row_splits][:k]
    ds = [s._value for s in rd.nested_row_splits][:k]
    for a, b in zip(ms, ds):
        if a.shape != b.shape or not np.array_equal(a, b):
            raise InvalidArgumentError(f"{op}: the mask's row partitions do not match the data's", op=op)
    # the level-k rows of data, selected by the mask's flat values
    parts = []
    node: Any = rd
    for _ in builtins.range(k):
        parts.append(node)
        node = node._values
    mflat = m.flat_values._value
    if mflat.size != _nrows(node):
        raise InvalidArgumentError(f"{op}: the mask has {mflat.size} entries but data has {_nrows(node)} there", op=op)
    kept = _take_rows(node, np.flatnonzero(mflat).astype(np.intp))
    inner = parts[-1]
    counts = np.add.reduceat(mflat.astype(np.int64), inner._row_splits._value[:-1]) if mflat.size else None
    lens = np.diff(inner._row_splits._value)
    if counts is None:
        counts = np.zeros(lens.size, np.int64)
    counts = np.where(lens > 0, counts, 0)
    out: Any = RaggedTensor._make(kept, Tensor(_lengths_to_splits(counts, inner._row_splits._value.dtype)))
    for outer in reversed(parts[:-1]):
        out = RaggedTensor._make(out, outer._row_splits, outer._uniform)
    return out


def _cross_rows(inputs: Any, sep: bytes, op: str) -> list:
    """Per batch row, every combination (first input slowest) of the inputs' row features, joined."""
    from .sparse_tensor import SparseTensor

    per_input = []
    n = None
    for x in inputs:
        if isinstance(x, RaggedTensor):
            if x.ragged_rank != 1 or x.flat_values._value.ndim != 1:
                raise ValueError(f"{op}: ragged inputs must have rank 2")
            rows = x.to_list()
        elif isinstance(x, SparseTensor):
            shape = x.dense_shape._value.tolist()
            if len(shape) != 2:
                raise ValueError(f"{op}: sparse inputs must have rank 2")
            rows = [[] for _ in builtins.range(shape[0])]
            for (r, _c), v in zip(x.indices._value.tolist(), x.values._value.tolist()):
                rows[r].append(v)
        else:
            t = _as_tensor(x)
            if t._value.ndim != 2:
                raise ValueError(f"{op}: dense inputs must have rank 2, got shape {tuple(t._value.shape)}")
            rows = t._value.tolist()
        leaves = [v for r in rows for v in r]
        if any(not isinstance(v, (bytes, str, int)) or isinstance(v, bool) for v in leaves):
            raise TypeError(f"{op}: inputs must be string or integer tensors")
        if n is not None and len(rows) != n:
            raise InvalidArgumentError(f"{op}: inputs have different numbers of rows ({n} vs {len(rows)})", op=op)
        n = len(rows)
        per_input.append(rows)
    out = []
    for i in builtins.range(n or 0):
        combos: list = [b""]
        for j, rows in enumerate(per_input):
            feats = [v if isinstance(v, bytes) else str(v).encode() for v in rows[i]]
            combos = [c + (sep if j else b"") + f for c in combos for f in feats]
        out.append(combos if per_input else [])
    return out


def cross(inputs: Any, name: str | None = None) -> RaggedTensor:
    """Feature crosses: row ``i`` lists every ``'a_X_b_X_...'`` combination of the inputs' row ``i``.

    Inputs are rank-2 ragged, sparse or dense tensors of strings or integers (written in
    decimal); the first input varies slowest.

    Example:
        >>> import tapeflow as tf
        >>> print(tf.ragged.cross([tf.ragged.constant([['a'], ['b', 'c']]), tf.ragged.constant([['d'], ['e']])]))
        <tf.RaggedTensor [[b'a_X_d'], [b'b_X_e', b'c_X_e']]>
    """
    rows = _cross_rows(inputs, b"_X_", "RaggedCross")
    flat = np.empty(sum(len(r) for r in rows), object)
    flat[:] = [c for r in rows for c in r]
    lens = np.asarray([len(r) for r in rows], np.int64)
    return RaggedTensor._make(Tensor(flat), Tensor(_lengths_to_splits(lens, np.dtype(np.int64))))


# --- dispatch targets for generic tf.* ops given a RaggedTensor (wired by tapeflow's op dispatch) ---------


def _reduction(kind: str) -> Any:
    from .ragged_tensor import ragged_reduce

    def fn(input_tensor: Any, axis: Any = None, keepdims: bool = False, name: str | None = None) -> Any:
        return ragged_reduce(kind, input_tensor, axis, bool(keepdims))

    return fn


def _ragged_size(input: Any, out_type: Any = _dt.int32, name: str | None = None) -> Tensor:  # noqa: A002
    return Tensor(np.asarray(input.flat_values._value.size, _dt.np_dtype(out_type)))


def _ragged_rank_op(input: Any, name: str | None = None) -> Tensor:  # noqa: A002
    return Tensor(np.asarray(input._rank, np.int32))


def _elementwise(op: Any) -> Any:
    """``op`` applied to the flat values of its RaggedTensor arguments (unary/binary elementwise ops)."""

    def fn(*args: Any, **kwargs: Any) -> Any:
        return map_flat_values(op, *args, **kwargs)

    return fn


_DISPATCH = {
    "reduce_sum": _reduction("sum"), "reduce_mean": _reduction("mean"), "reduce_max": _reduction("max"),
    "reduce_min": _reduction("min"), "reduce_prod": _reduction("prod"), "reduce_any": _reduction("any"),
    "reduce_all": _reduction("all"),
    "concat": lambda values, axis, name=None: _concat(values, axis),
    "stack": lambda values, axis=0, name=None: stack(values, axis),
    "size": _ragged_size, "rank": _ragged_rank_op,
}


__all__ = ["boolean_mask", "constant", "cross", "map_flat_values", "range", "row_splits_to_segment_ids",
           "segment_ids_to_row_splits", "stack", "stack_dynamic_partitions"]
