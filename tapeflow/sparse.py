"""``tf.sparse``: ops on ``tf.SparseTensor`` (see ``tapeflow/sparse_tensor.py``).

Values stay tapeflow Tensors: the ops gather, scatter and combine them with differentiable
primitives, so gradients reach the values (and the dense operands) as in TF. Where TF registers
no gradient (``SparseReduceMax``, ``SparseSplit``, ``SparseReduceSumSparse``) asking for one
raises TF's ``LookupError``; ``tf.sparse.concat`` is not differentiable (a ``None`` gradient),
as in TF.

Example:
    >>> import tapeflow as tf
    >>> st = tf.sparse.from_dense(tf.constant([[1.0, 0.0], [0.0, 3.0]]))
    >>> st.indices.numpy().tolist(), st.values.numpy().tolist()
    ([[0, 0], [1, 1]], [1.0, 3.0])
    >>> tf.sparse.reduce_sum(st, axis=1).numpy().tolist()
    [1.0, 3.0]
"""

from __future__ import annotations

import builtins
from typing import Any, Callable

import numpy as np

from . import dtypes as _dt
from .errors import InvalidArgumentError
from .nest import _swap_instances
from .primitives import array as A
from .primitives import bind, defprim, no_gradient
from .primitives import core as C
from .sparse_tensor import SparseTensor
from .tensor import Tensor, Variable, convert_to_tensor

# --- helpers ---------------------------------------------------------------------------------------------


def _sp(x: Any, op: str) -> SparseTensor:
    if not isinstance(x, SparseTensor):
        raise TypeError("Input must be a SparseTensor.")
    return x


def _t(x: Any, dtype: Any = None) -> Tensor:
    if isinstance(x, Variable):
        x = x._read()
    if isinstance(x, Tensor):
        return x
    return convert_to_tensor(x, dtype=dtype)


def _value_like(v: Any, like: Tensor, op: str, what: str) -> Tensor:
    """A scalar argument (default_value, ...) in the dtype of ``like``; tensors must match it."""
    if isinstance(v, (Tensor, Variable)):
        t = _t(v)
        if t._value.dtype != like._value.dtype:
            raise InvalidArgumentError(
                f"{op}: {what} is a {t.dtype.name} tensor but the sparse values are {like.dtype.name}", op=op)
        return t
    return convert_to_tensor(v, dtype=like.dtype)


def _ints(x: Any) -> np.ndarray:
    if isinstance(x, (Tensor, Variable)):
        return np.asarray(_t(x)._value).astype(np.int64)
    return np.asarray(x, dtype=np.int64)


def _shape_list(st: SparseTensor) -> list:
    return st._dense_shape._value.tolist()


def _fmt_index(row: np.ndarray) -> str:
    return "[" + ",".join(str(int(v)) for v in row) + "]"


def _lex_order(idx: np.ndarray) -> np.ndarray:
    """A stable permutation putting the index rows in row-major (lexicographic) order."""
    if idx.shape[0] == 0 or idx.shape[1] == 0:
        return np.arange(idx.shape[0], dtype=np.intp)
    return np.lexsort(idx.T[::-1]).astype(np.intp)


def _linear(idx: np.ndarray, shape: list) -> np.ndarray:
    lin = np.zeros(idx.shape[0], np.int64)
    for k, d in enumerate(shape):
        lin = lin * int(d) + idx[:, k]
    return lin


def _take(values: Tensor, sel: np.ndarray) -> Tensor:
    """``values[sel]`` (sel an intp vector), keeping gradients; the identity is free."""
    if sel.size == values._value.shape[0] and np.array_equal(sel, np.arange(sel.size)):
        return values
    return A.gather(values, sel.astype(np.intp), 0)


def _make(idx: np.ndarray, values: Tensor, shape: Any) -> SparseTensor:
    return SparseTensor._make(Tensor(np.asarray(idx, np.int64).reshape(-1, len(shape)) if len(shape) else
                                     np.asarray(idx, np.int64)),
                              values, Tensor(np.asarray(shape, np.int64)))


def _is_float(t: Tensor) -> bool:
    return t._value.dtype.kind in "fc"


# primitives for the ops whose values TF does not differentiate
def _select_fwd(v: np.ndarray, sel: np.ndarray) -> np.ndarray:
    return v[sel]


def _concat_fwd(*vs: np.ndarray) -> np.ndarray:
    return np.concatenate(vs)


def _split_fwd(v: np.ndarray, parts: tuple) -> tuple:
    return tuple(v[p] for p in parts)


def _group_reduce(v: np.ndarray, groups: np.ndarray, n: int, kind: str) -> np.ndarray:
    """Per-group max/min/sum of ``v`` (``groups`` in [0, n)); groups with no entry give 0."""
    out = np.zeros(n, v.dtype)
    if v.size == 0:
        return out
    order = np.argsort(groups, kind="stable")
    g = groups[order]
    starts = np.flatnonzero(np.concatenate(([True], g[1:] != g[:-1])))
    red = {"max": np.maximum, "min": np.minimum, "sum": np.add}[kind]
    out[g[starts]] = red.reduceat(v[order], starts)
    return out


def _reduce_groups_fwd(v: np.ndarray, groups: np.ndarray, n: int, kind: str, sel: Any = None) -> np.ndarray:
    out = _group_reduce(v, groups, n, kind)
    return out if sel is None else out[sel]


def _sparse_extreme_fwd(a: np.ndarray, b: np.ndarray, ia: np.ndarray, ib: np.ndarray, n: int,
                        kind: str) -> np.ndarray:
    va = np.zeros(n, a.dtype)
    vb = np.zeros(n, a.dtype)
    va[ia] = a
    vb[ib] = b
    return np.maximum(va, vb) if kind == "max" else np.minimum(va, vb)


def _not_implemented(tf_op: str) -> Callable:
    def vjp(g: Any, out: Any, ins: tuple, p: dict, need: tuple) -> tuple:
        raise NotImplementedError(f"Gradient for {tf_op} is not implemented.")

    vjp.no_gradient = tf_op  # type: ignore[attr-defined]  (no real gradient: no examples to check)
    return vjp


_CONCAT = defprim("sparse_concat", _concat_fwd, None)  # TF: NotDifferentiable("SparseConcat")
_SPLIT = defprim("sparse_split", _split_fwd, no_gradient("SparseSplit"), n_out=-1)
_REDUCE_MAX = defprim("sparse_reduce_max", _reduce_groups_fwd, no_gradient("SparseReduceMax"))
_REDUCE_MAX_SPARSE = defprim("sparse_reduce_max_sparse", _reduce_groups_fwd, no_gradient("SparseReduceMaxSparse"))
_REDUCE_SUM_SPARSE = defprim("sparse_reduce_sum_sparse", _reduce_groups_fwd, no_gradient("SparseReduceSumSparse"))
_MAXIMUM = defprim("sparse_sparse_maximum", _sparse_extreme_fwd, _not_implemented("SparseSparseMaximum"))
_MINIMUM = defprim("sparse_sparse_minimum", _sparse_extreme_fwd, _not_implemented("SparseSparseMinimum"))


# --- conversion --------------------------------------------------------------------------------------------


def _check_indices(idx: np.ndarray, shape: list, op: str, ordered: bool = True) -> None:
    """TF's checks of SparseToDense: in bounds, then strictly increasing (row-major)."""
    n = idx.shape[0]
    if n == 0:
        return
    shp = np.asarray(shape, np.int64)
    oob = np.any((idx < 0) | (idx >= shp), axis=1)
    bad = int(np.argmax(oob)) if oob.any() else n
    first_order, kind = n, ""
    if ordered and n > 1 and len(shape):
        lin = _lex_rank(idx)
        d = np.diff(lin)
        wrong = np.flatnonzero(d <= 0)
        if wrong.size:
            first_order = int(wrong[0]) + 1
            kind = "repeated" if d[wrong[0]] == 0 else "out of order"
    if bad < n and bad <= first_order:
        raise InvalidArgumentError(
            f"indices[{bad}] = {_fmt_index(idx[bad])} is out of bounds: need 0 <= index < {_fmt_index(shp)}", op=op)
    if first_order < n:
        i = first_order
        if kind == "repeated":
            raise InvalidArgumentError(f"indices[{i}] = {_fmt_index(idx[i])} is repeated", op=op)
        raise InvalidArgumentError(
            f"indices[{i}] = {_fmt_index(idx[i])} is out of order. Many sparse ops require sorted indices.\n"
            "    Use `tf.sparse.reorder` to create a correctly ordered copy.\n\n", op=op)


def _lex_rank(idx: np.ndarray) -> np.ndarray:
    """A rank of each index row in lexicographic order (equal rows share a rank)."""
    if idx.shape[1] == 1:
        return idx[:, 0]
    order = _lex_order(idx)
    s = idx[order]
    new = np.ones(len(s), bool)
    new[1:] = np.any(s[1:] != s[:-1], axis=1)
    ranks = np.empty(len(s), np.int64)
    ranks[order] = np.cumsum(new) - 1
    return ranks


def to_dense(sp_input: Any, default_value: Any = None, validate_indices: bool = True,
             name: str | None = None) -> Tensor:
    """The dense tensor; missing entries take ``default_value`` (zero, ``False`` or ``b''``).

    With ``validate_indices`` the indices must be in bounds, sorted and distinct (TF's errors);
    without it, a repeated index keeps its last value. Gradients flow to the values and to
    ``default_value``.

    Example:
        >>> import tapeflow as tf
        >>> st = tf.SparseTensor([[0, 1], [1, 0]], [5, 6], [2, 3])
        >>> tf.sparse.to_dense(st, default_value=-1).numpy().tolist()
        [[-1, 5, -1], [6, -1, -1]]
    """
    op = "SparseToDense"
    st = _sp(sp_input, op)
    idx = st._indices._value
    shape = _shape_list(st)
    vals = st._values
    if validate_indices:
        _check_indices(idx, shape, op)
    elif idx.shape[0] and np.any((idx < 0) | (idx >= np.asarray(shape, np.int64))):
        raise InvalidArgumentError(f"Indices are not valid (out of bounds).  Shape: {_fmt_index(np.asarray(shape))}",
                                   op=op)
    dflt = None if default_value is None else _value_like(default_value, vals, op, "default_value")
    if dflt is not None and dflt._value.ndim != 0:
        raise InvalidArgumentError(f"{op}: default_value should be a scalar, got shape {tuple(dflt._value.shape)}",
                                   op=op)
    n = int(np.prod(shape, dtype=np.int64))
    lin = _linear(idx, shape)
    # a repeated index keeps its last value (TF's behaviour without validation)
    _, last_rev = np.unique(lin[::-1], return_index=True)
    keep = np.sort(lin.size - 1 - last_rev).astype(np.intp)
    if not _is_float(vals):
        if dflt is not None:
            base = dflt._value
        elif vals._value.dtype == object:
            base = np.asarray(b"", object)
        else:
            base = np.zeros((), vals._value.dtype)
        out = np.empty(n, vals._value.dtype)
        out[...] = base
        out[lin[keep]] = vals._value[keep]
        return Tensor(out.reshape(shape))
    kept = _take(vals, keep)
    dense = A.scatter_add(kept, lin[keep].astype(np.intp), 0, n)
    if dflt is not None:
        empty = np.ones(n, vals._value.dtype)
        empty[lin] = 0
        dense = C.add(dense, C.multiply(Tensor(empty), dflt))
    return C.reshape_to(dense, tuple(shape))


def from_dense(tensor: Any, name: str | None = None) -> SparseTensor:
    """A SparseTensor of the non-zero (non-empty for strings) entries, in row-major order.

    Example:
        >>> import tapeflow as tf
        >>> st = tf.sparse.from_dense(tf.constant([[0, 7], [3, 0]]))
        >>> st.indices.numpy().tolist(), st.values.numpy().tolist()
        ([[0, 1], [1, 0]], [7, 3])
    """
    t = _t(tensor)
    v = t._value
    if v.ndim == 0:
        raise InvalidArgumentError("WhereOp : Unhandled input dimensions: 0", op="Where")
    nz = v != (b"" if v.dtype == object else np.zeros((), v.dtype))
    idx = np.argwhere(nz).astype(np.int64)
    flat = C.reshape_to(t, (-1,)) if _is_float(t) else Tensor(v.reshape(-1))
    values = A.gather(flat, np.flatnonzero(nz.reshape(-1)).astype(np.intp), 0) if _is_float(t) else \
        Tensor(v.reshape(-1)[nz.reshape(-1)])
    return _make(idx, values, list(v.shape))


def reorder(sp_input: Any, name: str | None = None) -> SparseTensor:
    """The same SparseTensor with its entries in row-major order (stable).

    Example:
        >>> import tapeflow as tf
        >>> st = tf.sparse.reorder(tf.SparseTensor([[1, 0], [0, 3]], [1, 2], [2, 4]))
        >>> st.indices.numpy().tolist(), st.values.numpy().tolist()
        ([[0, 3], [1, 0]], [2, 1])
    """
    st = _sp(sp_input, "SparseReorder")
    order = _lex_order(st._indices._value)
    return _make(st._indices._value[order], _take(st._values, order), _shape_list(st))


def reshape(sp_input: Any, shape: Any, name: str | None = None) -> SparseTensor:
    """The same entries in a dense shape of as many elements (one ``-1`` is inferred).

    Example:
        >>> import tapeflow as tf
        >>> st = tf.sparse.reshape(tf.SparseTensor([[0, 1], [1, 2]], [1, 2], [2, 3]), [3, -1])
        >>> st.indices.numpy().tolist(), st.dense_shape.numpy().tolist()
        ([[0, 1], [2, 1]], [3, 2])
    """
    op = "SparseReshape"
    st = _sp(sp_input, op)
    old = _shape_list(st)
    new = _ints(shape).reshape(-1).tolist()
    total = int(np.prod(old, dtype=np.int64))
    unknown = [i for i, d in enumerate(new) if d == -1]
    if len(unknown) > 1:
        raise InvalidArgumentError(f"only one output dimension may be -1, not both {unknown[0]} and {unknown[1]}",
                                   op=op)
    if unknown:
        rest = int(np.prod([d for d in new if d != -1], dtype=np.int64))
        if rest == 0 or total % rest:
            raise InvalidArgumentError(
                f"Input to reshape is a tensor with {total} dense values, but the requested shape requires a "
                f"multiple of {rest}. input_shape={_fmt_index(np.asarray(old))} output_shape={_fmt_index(np.asarray(new))}",
                op=op)
        new[unknown[0]] = total // rest
    if int(np.prod(new, dtype=np.int64)) != total:
        raise InvalidArgumentError(
            f"Input to reshape is a tensor with {total} dense values, but the requested shape has "
            f"{int(np.prod(new, dtype=np.int64))}. input_shape={_fmt_index(np.asarray(old))} "
            f"output_shape={_fmt_index(np.asarray(new))}", op=op)
    lin = _linear(st._indices._value, old)
    idx = np.stack(np.unravel_index(lin, new), axis=1) if new else np.zeros((lin.size, 0), np.int64)
    return _make(idx, st._values, new)


def transpose(sp_input: Any, perm: Any = None, name: str | None = None) -> SparseTensor:
    """Permute the dimensions (reversed by default); the result is in row-major order.

    Example:
        >>> import tapeflow as tf
        >>> st = tf.sparse.transpose(tf.SparseTensor([[0, 2], [1, 0]], [1, 2], [2, 3]))
        >>> st.indices.numpy().tolist(), st.values.numpy().tolist(), st.dense_shape.numpy().tolist()
        ([[0, 1], [2, 0]], [2, 1], [3, 2])
    """
    st = _sp(sp_input, "SparseTranspose")
    shape = _shape_list(st)
    r = len(shape)
    p = list(range(r))[::-1] if perm is None else [int(a) for a in _ints(perm).reshape(-1)]
    if sorted(p) != list(range(r)):
        raise InvalidArgumentError(f"transpose: perm {p} is not a permutation of the {r} dimensions",
                                   op="Transpose")
    idx = st._indices._value[:, p]
    order = _lex_order(idx)
    return _make(idx[order], _take(st._values, order), [shape[a] for a in p])


def expand_dims(sp_input: Any, axis: Any = None, name: str | None = None) -> SparseTensor:
    """Insert a dimension of size 1 at ``axis`` (negative counts from the end).

    Example:
        >>> import tapeflow as tf
        >>> tf.sparse.expand_dims(tf.SparseTensor([[1]], [5], [3]), 0).dense_shape.numpy().tolist()
        [1, 3]
    """
    st = _sp(sp_input, "SparseExpandDims")
    shape = _shape_list(st)
    r = len(shape)
    ax = 0 if axis is None else int(_ints(axis))
    if not -(r + 1) <= ax <= r:
        raise InvalidArgumentError(f"expand_dims: axis {ax} is out of range [{-(r + 1)}, {r}] for a sparse tensor of "
                                   f"rank {r}", op="ExpandDims")
    ax %= r + 1
    idx = st._indices._value
    new = np.concatenate([idx[:, :ax], np.zeros((idx.shape[0], 1), np.int64), idx[:, ax:]], axis=1)
    return _make(new, st._values, shape[:ax] + [1] + shape[ax:])


def slice(sp_input: Any, start: Any, size: Any, name: str | None = None) -> SparseTensor:  # noqa: A001
    """The entries inside the box ``[start, start + size)``, shifted to start at 0.

    Example:
        >>> import tapeflow as tf
        >>> st = tf.SparseTensor([[0, 0], [1, 2], [2, 1]], [1, 2, 3], [3, 4])
        >>> s = tf.sparse.slice(st, [1, 1], [2, 2])
        >>> s.indices.numpy().tolist(), s.values.numpy().tolist(), s.dense_shape.numpy().tolist()
        ([[0, 1], [1, 0]], [2, 3], [2, 2])
    """
    op = "SparseSlice"
    st = _sp(sp_input, op)
    shape = np.asarray(_shape_list(st), np.int64)
    b = _ints(start).reshape(-1)
    s = _ints(size).reshape(-1)
    if b.size != shape.size or s.size != shape.size:
        raise InvalidArgumentError(
            f"{op}: start ({b.tolist()}) and size ({s.tolist()}) must have one entry per dimension ({shape.size})",
            op=op)
    end = np.minimum(b + s, shape)
    idx = st._indices._value
    inside = np.all((idx >= b) & (idx < end), axis=1) if idx.shape[0] else np.zeros(0, bool)
    sel = np.flatnonzero(inside)
    new_shape = np.maximum(end - b, 0)
    return _make(idx[sel] - b, _take(st._values, sel), new_shape.tolist())


def concat(axis: Any, sp_inputs: Any, expand_nonconcat_dims: bool = False, name: str | None = None) -> SparseTensor:
    """Concatenate SparseTensors along ``axis`` (the result in row-major order; not differentiable, as TF).

    With ``expand_nonconcat_dims`` the other dimensions grow to the largest input's.

    Example:
        >>> import tapeflow as tf
        >>> a = tf.SparseTensor([[0, 1]], [1], [2, 2])
        >>> b = tf.SparseTensor([[1, 0]], [2], [2, 3])
        >>> c = tf.sparse.concat(1, [a, b])
        >>> c.indices.numpy().tolist(), c.values.numpy().tolist(), c.dense_shape.numpy().tolist()
        ([[0, 1], [1, 2]], [1, 2], [2, 5])
    """
    op = "SparseConcat"
    ins = [_sp(x, op) for x in sp_inputs]
    if not ins:
        raise ValueError("sp_inputs must not be empty")
    shapes = [_shape_list(x) for x in ins]
    r = len(shapes[0])
    ax = int(_ints(axis))
    if not -r <= ax < r:
        raise InvalidArgumentError(f"Concat dimension must be in range [{-r}, {r}), got {ax}", op=op)
    ax %= r
    for i, s in enumerate(shapes):
        if len(s) != r:
            raise InvalidArgumentError(
                f"Ranks of all input tensors must match: expected {r} but got {len(s)} at position {i}", op=op)
        if ins[i].dtype != ins[0].dtype:
            raise InvalidArgumentError(f"{op}: dtype mismatch: {ins[0].dtype.name} vs {ins[i].dtype.name}", op=op)
    out_shape = list(shapes[0])
    if expand_nonconcat_dims:
        for d in range(r):
            if d != ax:
                out_shape[d] = max(s[d] for s in shapes)
    else:
        for i, s in enumerate(shapes):
            for d in range(r):
                if d != ax and s[d] != out_shape[d]:
                    raise InvalidArgumentError(
                        f"Input shapes must match: expected {out_shape[d]} for dimension {d} but got {s[d]} at "
                        f"position {i}", op=op)
    out_shape[ax] = sum(s[ax] for s in shapes)
    parts, off = [], 0
    for x, s in zip(ins, shapes):
        idx = x._indices._value.copy()
        idx[:, ax] += off
        off += s[ax]
        parts.append(idx)
    idx = np.concatenate(parts, axis=0)
    values = bind(_CONCAT, tuple(x._values for x in ins))
    order = _lex_order(idx)
    return _make(idx[order], Tensor(values._value[order]), out_shape)


def _merge_walk(ia: np.ndarray, ib: np.ndarray) -> list:
    """TF's merge of two index lists (each assumed row-major): a list of (i or -1, j or -1)."""
    out = []
    i = j = 0
    na, nb = ia.shape[0], ib.shape[0]
    la, lb = ia.tolist(), ib.tolist()
    while i < na and j < nb:
        if la[i] < lb[j]:
            out.append((i, -1))
            i += 1
        elif lb[j] < la[i]:
            out.append((-1, j))
            j += 1
        else:
            out.append((i, j))
            i += 1
            j += 1
    out.extend((k, -1) for k in range(i, na))
    out.extend((-1, k) for k in range(j, nb))
    return out


def _check_same_shape(a: SparseTensor, b: SparseTensor, op: str) -> list:
    sa, sb = _shape_list(a), _shape_list(b)
    if len(sa) != len(sb):
        raise InvalidArgumentError(f"Operands do not have the same ranks; got {len(sa)} and {len(sb)}", op=op)
    for d, (x, y) in enumerate(zip(sa, sb)):
        if x != y:
            raise InvalidArgumentError(f"Operands' shapes do not match: got {x} and {y} for dimension {d}", op=op)
    if a._values._value.dtype != b._values._value.dtype:
        raise InvalidArgumentError(
            f"{op}: dtype mismatch: a's values are {a.dtype.name}, b's values are {b.dtype.name}", op=op)
    return sa


def add(a: Any, b: Any, threshold: Any = 0) -> Any:
    """Sparse + sparse (a SparseTensor) or sparse + dense (a dense Tensor).

    Sparse + sparse merges the two (row-major) index lists: entries present in both are summed
    and kept only when ``|sum| >= threshold``. Gradients flow to the values and the dense operand.

    Example:
        >>> import tapeflow as tf
        >>> a = tf.SparseTensor([[0, 0], [1, 1]], [1.0, 2.0], [2, 2])
        >>> b = tf.SparseTensor([[0, 0], [0, 1]], [-1.0, 5.0], [2, 2])
        >>> c = tf.sparse.add(a, b, threshold=0.5)
        >>> c.indices.numpy().tolist(), c.values.numpy().tolist()
        ([[0, 1], [1, 1]], [5.0, 2.0])
        >>> tf.sparse.add(a, tf.ones([2, 2])).numpy().tolist()
        [[2.0, 1.0], [1.0, 3.0]]
    """
    sa, sb = isinstance(a, SparseTensor), isinstance(b, SparseTensor)
    if not sa and not sb:
        raise TypeError("At least one input should be SparseTensor; do you mean to use tf.add?")
    if sa and sb:
        return _add_sparse(a, b, threshold)
    st, dense = (a, b) if sa else (b, a)
    op = "SparseTensorDenseAdd"
    d = _t(dense)
    shape = _shape_list(st)
    if d._value.ndim != len(shape):
        raise InvalidArgumentError(f"Two operands have different ranks; received: {len(shape)} and {d._value.ndim}",
                                   op=op)
    if list(d._value.shape) != shape:
        raise InvalidArgumentError(
            f"The two operands have different shapes: sparse {shape} vs dense {list(d._value.shape)}", op=op)
    if d._value.dtype != st._values._value.dtype:
        raise InvalidArgumentError(
            f"{op}: dtype mismatch: the sparse values are {st.dtype.name}, the dense operand is {d.dtype.name}", op=op)
    idx = st._indices._value
    _check_bounds(idx, shape, op)
    n = int(np.prod(shape, dtype=np.int64))
    if not _is_float(d):
        out = d._value.reshape(-1).copy()
        np.add.at(out, _linear(idx, shape), st._values._value)
        return Tensor(out.reshape(shape))
    scattered = C.reshape_to(A.scatter_add(st._values, _linear(idx, shape).astype(np.intp), 0, n), tuple(shape))
    return C.add(d, scattered)


def _check_bounds(idx: np.ndarray, shape: list, op: str) -> None:
    if idx.shape[0]:
        bad = np.any((idx < 0) | (idx >= np.asarray(shape, np.int64)), axis=1)
        if bad.any():
            i = int(np.argmax(bad))
            raise InvalidArgumentError(
                f"{op}: indices[{i}] = {_fmt_index(idx[i])} is out of bounds: need 0 <= index < "
                f"{_fmt_index(np.asarray(shape))}", op=op)


def _add_sparse(a: SparseTensor, b: SparseTensor, threshold: Any) -> SparseTensor:
    op = "SparseAdd"
    shape = _check_same_shape(a, b, op)
    ia, ib = a._indices._value, b._indices._value
    thr = float(np.asarray(_t(threshold)._value if isinstance(threshold, (Tensor, Variable)) else threshold))
    av, bv = a._values._value, b._values._value
    na = ia.shape[0]
    both = np.concatenate([ia, ib], axis=0)
    ranks = _lex_rank(both) if both.shape[0] else np.zeros(0, np.int64)
    ra, rb = ranks[:na], ranks[na:]
    if np.all(np.diff(ra) > 0) and np.all(np.diff(rb) > 0):
        # both in strict row-major order: the merge is the sorted union (vectorised)
        uniq, first = np.unique(ranks, return_index=True)
        pa_all, pb_all = np.searchsorted(uniq, ra), np.searchsorted(uniq, rb)
        sums = np.zeros(uniq.size, np.result_type(av.dtype, bv.dtype))
        np.add.at(sums, pa_all, av)
        np.add.at(sums, pb_all, bv)
        paired = np.zeros(uniq.size, np.int64)
        np.add.at(paired, pa_all, 1)
        np.add.at(paired, pb_all, 1)
        keep_out = (paired < 2) | (thr <= np.abs(sums))
        new_pos = np.cumsum(keep_out) - 1
        idx = both[first][keep_out]
        n = idx.shape[0]
        ka, kb = keep_out[pa_all], keep_out[pb_all]
        sa_, sb_ = np.flatnonzero(ka).astype(np.intp), np.flatnonzero(kb).astype(np.intp)
        pa, pb = new_pos[pa_all[ka]].astype(np.intp), new_pos[pb_all[kb]].astype(np.intp)
    else:  # TF's two-pointer merge, step by step (its result for unordered inputs)
        rows, src_a, src_b, pos_a, pos_b = [], [], [], [], []
        for i, j in _merge_walk(ia, ib):
            if i >= 0 and j >= 0 and not thr <= abs(av[i] + bv[j]):
                continue
            k = len(rows)
            rows.append(ia[i] if i >= 0 else ib[j])
            if i >= 0:
                src_a.append(i)
                pos_a.append(k)
            if j >= 0:
                src_b.append(j)
                pos_b.append(k)
        n = len(rows)
        idx = np.asarray(rows, np.int64).reshape(n, len(shape))
        sa_, sb_ = np.asarray(src_a, np.intp), np.asarray(src_b, np.intp)
        pa, pb = np.asarray(pos_a, np.intp), np.asarray(pos_b, np.intp)
    if not _is_float(a._values):
        out = np.zeros(n, av.dtype)
        out[pa] += av[sa_]
        out[pb] += bv[sb_]
        return _make(idx, Tensor(out), shape)
    va = A.scatter_add(_take(a._values, sa_), pa, 0, n)
    vb = A.scatter_add(_take(b._values, sb_), pb, 0, n)
    return _make(idx, C.add(va, vb), shape)


# --- reductions ----------------------------------------------------------------------------------------------


def _reduce_axes(axis: Any, r: int, op: str) -> list:
    if axis is None:
        return list(range(r))
    axes = _ints(axis).reshape(-1).tolist()
    out = []
    for a in axes:
        if not -r <= a < r:
            raise InvalidArgumentError(f"Invalid reduction dimension {a}, for input with {r} dimensions.", op=op)
        out.append(a % r)
    return sorted(set(out))


def _reduce(sp_input: Any, axis: Any, keepdims: Any, output_is_sparse: bool, kind: str) -> Any:
    op = "SparseReduceSum" if kind == "sum" else "SparseReduceMax"
    st = _sp(sp_input, op)
    shape = _shape_list(st)
    r = len(shape)
    axes = _reduce_axes(axis, r, op)
    kept = [d for d in range(r) if d not in axes]
    idx = st._indices._value
    kshape = [shape[d] for d in kept]
    groups = _linear(idx[:, kept], kshape) if kept else np.zeros(idx.shape[0], np.int64)
    n = int(np.prod(kshape, dtype=np.int64))
    out_shape = [1 if d in axes else shape[d] for d in range(r)] if keepdims else kshape
    vals = st._values
    if output_is_sparse:
        present = np.unique(groups)
        if kept:
            out_idx = np.stack(np.unravel_index(present, kshape), axis=1).astype(np.int64)
        else:
            out_idx = np.zeros((present.size, 0), np.int64)
        if keepdims:
            full = np.zeros((present.size, r), np.int64)
            full[:, kept] = out_idx
            out_idx = full
        prim = _REDUCE_SUM_SPARSE if kind == "sum" else _REDUCE_MAX_SPARSE
        v = bind(prim, (vals,), {"groups": groups.astype(np.intp), "n": n, "kind": kind,
                                 "sel": present.astype(np.intp)})
        return SparseTensor._make(Tensor(out_idx), v, Tensor(np.asarray(out_shape, np.int64)))
    if kind == "sum" and _is_float(vals):
        out = A.scatter_add(vals, groups.astype(np.intp), 0, n)
    elif kind == "sum":
        out = Tensor(_group_reduce(vals._value, groups, n, "sum"))
    else:
        out = bind(_REDUCE_MAX, (vals,), {"groups": groups.astype(np.intp), "n": n, "kind": "max"})
    return C.reshape_to(out, tuple(out_shape))


def reduce_sum(sp_input: Any, axis: Any = None, keepdims: Any = None, output_is_sparse: bool = False,
               name: str | None = None) -> Any:
    """Sum over ``axis`` (all by default): a dense Tensor, or a SparseTensor of the non-empty sums.

    Example:
        >>> import tapeflow as tf
        >>> st = tf.SparseTensor([[0, 0], [0, 2], [1, 1]], [1, 2, 3], [2, 3])
        >>> tf.sparse.reduce_sum(st, axis=1).numpy().tolist()
        [3, 3]
        >>> tf.sparse.reduce_sum(st).numpy()
        np.int32(6)
    """
    return _reduce(sp_input, axis, keepdims, output_is_sparse, "sum")


def reduce_max(sp_input: Any, axis: Any = None, keepdims: Any = None, output_is_sparse: bool = False,
               name: str | None = None) -> Any:
    """Max over ``axis`` of the entries present (the implicit zeros are not included; a group with no
    entry gives 0, as in TF). Not differentiable: TF registers no gradient.

    Example:
        >>> import tapeflow as tf
        >>> st = tf.SparseTensor([[0, 0], [0, 2], [1, 1]], [-1.0, -2.0, 3.0], [3, 3])
        >>> tf.sparse.reduce_max(st, axis=1).numpy().tolist()
        [-1.0, 3.0, 0.0]
    """
    return _reduce(sp_input, axis, keepdims, output_is_sparse, "max")


# --- entry selection ---------------------------------------------------------------------------------------


def retain(sp_input: Any, to_retain: Any) -> SparseTensor:
    """Keep the entries where the bool vector ``to_retain`` is True.

    Example:
        >>> import tapeflow as tf
        >>> st = tf.sparse.retain(tf.SparseTensor([[0, 0], [1, 1]], [1, 2], [2, 2]), [False, True])
        >>> st.indices.numpy().tolist(), st.values.numpy().tolist()
        ([[1, 1]], [2])
    """
    st = _sp(sp_input, "SparseRetain")
    keep = np.asarray(_t(to_retain)._value if isinstance(to_retain, (Tensor, Variable)) else to_retain)
    if keep.ndim != 1:
        raise ValueError(f"Shape {tuple(keep.shape)} must have rank 1")
    if keep.dtype != np.bool_:
        raise TypeError(f"to_retain must be a bool vector, got {keep.dtype}")
    n = st._indices._value.shape[0]
    if keep.size != n:
        raise ValueError(f"Dimensions {n} and {keep.size} are not compatible")
    sel = np.flatnonzero(keep)
    return _make(st._indices._value[sel], _take(st._values, sel), _shape_list(st))


def fill_empty_rows(sp_input: Any, default_value: Any, name: str | None = None) -> tuple:
    """Give every empty row (along dimension 0) one entry ``default_value`` at column 0.

    Returns ``(sparse, empty_row_indicator)``; entries come out ordered by row. Gradients flow
    to the values and to ``default_value``.

    Example:
        >>> import tapeflow as tf
        >>> st, empty = tf.sparse.fill_empty_rows(tf.SparseTensor([[0, 1], [2, 0]], [1.0, 2.0], [3, 2]), -1.0)
        >>> st.indices.numpy().tolist(), st.values.numpy().tolist(), empty.numpy().tolist()
        ([[0, 1], [1, 0], [2, 0]], [1.0, -1.0, 2.0], [False, True, False])
    """
    op = "SparseFillEmptyRows"
    st = _sp(sp_input, op)
    shape = _shape_list(st)
    if not shape:
        raise InvalidArgumentError(f"{op}: the sparse tensor must have rank >= 1", op=op)
    dflt = _value_like(default_value, st._values, op, "default_value")
    if dflt._value.ndim != 0:
        raise InvalidArgumentError(f"{op}: default_value must be a scalar, got shape {tuple(dflt._value.shape)}", op=op)
    idx = st._indices._value
    nrows = shape[0]
    _check_bounds(idx, shape, op)
    counts = np.bincount(idx[:, 0], minlength=nrows) if idx.shape[0] else np.zeros(nrows, np.int64)
    empty = counts == 0
    empty_rows = np.flatnonzero(empty)
    fill_idx = np.zeros((empty_rows.size, len(shape)), np.int64)
    fill_idx[:, 0] = empty_rows
    all_idx = np.concatenate([idx, fill_idx], axis=0)
    order = np.argsort(all_idx[:, 0], kind="stable").astype(np.intp)
    k = empty_rows.size
    if _is_float(st._values):
        from .ops import array_ops

        filler = C.broadcast_to(dflt, (k,)) if k else C.reshape_to(dflt, (1,))
        both = array_ops.concat([st._values, filler], 0) if k else st._values
        vals = _take(both, order)
    else:
        both = np.concatenate([st._values._value, np.full(k, dflt._value, st._values._value.dtype)])
        vals = Tensor(both[order])
    return _make(all_idx[order], vals, shape), Tensor(empty)


def _extreme(sp_a: Any, sp_b: Any, kind: str) -> SparseTensor:
    op = "SparseSparseMaximum" if kind == "max" else "SparseSparseMinimum"
    a, b = _sp(sp_a, op), _sp(sp_b, op)
    shape = _check_same_shape(a, b, op)
    ia, ib = a._indices._value, b._indices._value
    allidx = np.concatenate([ia, ib], axis=0)
    rank = _lex_rank(allidx) if allidx.shape[0] else np.zeros(0, np.int64)
    uniq, first = np.unique(rank, return_index=True)
    out_idx = allidx[first]
    pos = np.searchsorted(uniq, rank)
    prim = _MAXIMUM if kind == "max" else _MINIMUM
    vals = bind(prim, (a._values, b._values), {"ia": pos[:ia.shape[0]].astype(np.intp),
                                               "ib": pos[ia.shape[0]:].astype(np.intp),
                                               "n": int(uniq.size), "kind": kind})
    return _make(out_idx, vals, shape)


def maximum(sp_a: Any, sp_b: Any, name: str | None = None) -> SparseTensor:
    """Elementwise max of two SparseTensors of one shape (a missing entry counts as 0).

    Example:
        >>> import tapeflow as tf
        >>> a = tf.SparseTensor([[0, 0], [1, 1]], [1.0, 2.0], [2, 2])
        >>> b = tf.SparseTensor([[0, 0], [0, 1]], [5.0, -1.0], [2, 2])
        >>> tf.sparse.maximum(a, b).values.numpy().tolist()
        [5.0, 0.0, 2.0]
    """
    return _extreme(sp_a, sp_b, "max")


def minimum(sp_a: Any, sp_b: Any, name: str | None = None) -> SparseTensor:
    """Elementwise min of two SparseTensors of one shape (a missing entry counts as 0).

    Example:
        >>> import tapeflow as tf
        >>> a = tf.SparseTensor([[0, 0], [1, 1]], [1.0, 2.0], [2, 2])
        >>> b = tf.SparseTensor([[0, 0], [0, 1]], [5.0, -1.0], [2, 2])
        >>> tf.sparse.minimum(a, b).values.numpy().tolist()
        [1.0, -1.0, 0.0]
    """
    return _extreme(sp_a, sp_b, "min")


def softmax(sp_input: Any, name: str | None = None) -> SparseTensor:
    """Softmax over the last dimension, among the entries present (the rest stay implicit zeros).

    Like TF, the input must be in row-major order: the result's values are laid out in that
    order. Gradients flow to the values.

    Example:
        >>> import tapeflow as tf
        >>> st = tf.SparseTensor([[0, 0], [0, 2], [1, 1]], [1.0, 2.0, 3.0], [2, 3])
        >>> [round(v, 4) for v in tf.sparse.softmax(st).values.numpy().tolist()]
        [0.2689, 0.7311, 1.0]
    """
    op = "SparseSoftmax"
    st = _sp(sp_input, op)
    shape = _shape_list(st)
    if len(shape) < 2:
        raise InvalidArgumentError(f"Input should have rank >= 2, but received shape: {_fmt_index(np.asarray(shape))[1:-1]}",
                                   op=op)
    if st._values._value.dtype.kind != "f":
        raise InvalidArgumentError(
            f"Value for attr 'T' of {st.dtype.name} is not in the list of allowed values: half, float, double", op=op)
    from . import math as tfmath

    idx = st._indices._value
    order = _lex_order(idx)
    sidx = idx[order]
    groups = _linear(sidx[:, :-1], shape[:-1]) if idx.shape[0] else np.zeros(0, np.int64)
    _, gid = np.unique(groups, return_inverse=True)
    gid = gid.reshape(-1).astype(np.intp)
    ng = int(gid.max()) + 1 if gid.size else 0
    v = _take(st._values, order)
    m = Tensor(_group_reduce(v._value, gid, ng, "max")[gid])  # a constant shift (no gradient needed)
    e = tfmath.exp(C.subtract(v, m))
    s = A.scatter_add(e, gid, 0, ng)
    out = C.divide(e, A.gather(s, gid, 0))
    return _make(idx, out, shape)  # TF lays the (sorted-order) results over the input's indices


# --- products ------------------------------------------------------------------------------------------------


def sparse_dense_matmul(sp_a: Any, b: Any, adjoint_a: bool = False, adjoint_b: bool = False,
                        name: str | None = None) -> Tensor:
    """``op(sp_a) @ op(b)`` for a rank-2 SparseTensor and a dense matrix (or dense @ sparse).

    ``adjoint_*`` transposes (and conjugates) that operand. Gradients flow to the sparse values
    and to the dense matrix.

    Example:
        >>> import tapeflow as tf
        >>> st = tf.SparseTensor([[0, 0], [1, 2]], [2.0, 3.0], [2, 3])
        >>> tf.sparse.sparse_dense_matmul(st, tf.ones([3, 2])).numpy().tolist()
        [[2.0, 2.0], [3.0, 3.0]]
    """
    op = "SparseTensorDenseMatMul"
    if not isinstance(sp_a, SparseTensor) and isinstance(b, SparseTensor):
        # dense @ sparse = (op(b)^T @ op(a)^T)^T
        d = _t(sp_a)
        out = sparse_dense_matmul(b, d, adjoint_a=not adjoint_b, adjoint_b=not adjoint_a)
        return C.transpose_raw(out, (1, 0))
    st = _sp(sp_a, op)
    d = _t(b)
    shape = _shape_list(st)
    if d._value.dtype != st._values._value.dtype:
        raise InvalidArgumentError(
            f"cannot compute {op} as input #3(zero-based) was expected to be a {_tf_type_name(st.dtype)} tensor but "
            f"is a {_tf_type_name(d.dtype)} tensor", op=op)
    if len(shape) != 2:
        raise InvalidArgumentError(f"{op}: Tensor 'a_shape' is not a vector of 2 elements (got shape {shape})", op=op)
    if d._value.ndim != 2:
        raise InvalidArgumentError(f"{op}: Tensor 'b' is not a matrix (got shape {list(d._value.shape)})", op=op)
    idx = st._indices._value
    rows, cols = (idx[:, 1], idx[:, 0]) if adjoint_a else (idx[:, 0], idx[:, 1])
    m, k = (shape[1], shape[0]) if adjoint_a else (shape[0], shape[1])
    bm = C.transpose_raw(d, (1, 0)) if adjoint_b else d
    if adjoint_b and d._value.dtype.kind == "c":
        from . import math as tfmath

        bm = tfmath.conj(bm)
    bk = bm._value.shape[0]
    if k != bk:
        raise InvalidArgumentError(
            f"Cannot multiply A and B because inner dimension does not match: {k} vs. {bk}.  Did you forget a "
            f"transpose?  Dimensions of A: [{shape[0]}, {shape[1]}).  Dimensions of B: "
            f"{_fmt_index(np.asarray(d._value.shape))}", op=op)
    bad_r = np.flatnonzero((rows < 0) | (rows >= m))
    if bad_r.size:
        i = int(bad_r[0])
        raise InvalidArgumentError(f"m ({m}) from index[{i},{1 if adjoint_a else 0}] out of bounds (>={m})", op=op)
    bad_c = np.flatnonzero((cols < 0) | (cols >= k))
    if bad_c.size:
        i = int(bad_c[0])
        raise InvalidArgumentError(f"k ({k}) from index[{i},{0 if adjoint_a else 1}] out of bounds (>={k})", op=op)
    vals = st._values
    if adjoint_a and vals._value.dtype.kind == "c":
        from . import math as tfmath

        vals = tfmath.conj(vals)
    n = bm._value.shape[1]
    picked = A.gather(bm, cols.astype(np.intp), 0)  # (N, n)
    prod = C.multiply(C.reshape_to(vals, (-1, 1)), picked)
    out = A.scatter_add(prod, rows.astype(np.intp), 0, m)
    return out if out._value.shape == (m, n) else C.reshape_to(out, (m, n))


def _tf_type_name(dt: _dt.DType) -> str:
    return {"float32": "float", "float64": "double", "float16": "half"}.get(dt.name, dt.name)


# --- construction and misc ---------------------------------------------------------------------------------


def to_indicator(sp_input: Any, vocab_size: Any, name: str | None = None) -> Tensor:
    """A bool dense tensor ``[..., vocab_size]``: True at each (row, id) where the ids are the values.

    Example:
        >>> import tapeflow as tf
        >>> st = tf.SparseTensor([[0, 0], [0, 1], [1, 0]], [2, 0, 3], [2, 2])
        >>> tf.sparse.to_indicator(st, 4).numpy().tolist()
        [[True, False, True, False], [False, False, False, True]]
    """
    op = "SparseToDense"
    st = _sp(sp_input, op)
    shape = _shape_list(st)
    v = int(_ints(vocab_size))
    ids = st._values._value.astype(np.int64)
    idx = st._indices._value
    out_shape = shape[:-1] + [v]
    new = np.concatenate([idx[:, :-1], ids.reshape(-1, 1)], axis=1)
    if new.shape[0] and np.any((new < 0) | (new >= np.asarray(out_shape, np.int64))):
        raise InvalidArgumentError(f"Indices are not valid (out of bounds).  Shape: {_fmt_index(np.asarray(out_shape))}",
                                   op=op)
    out = np.zeros(int(np.prod(out_shape, dtype=np.int64)), bool)
    out[_linear(new, out_shape)] = True
    return Tensor(out.reshape(out_shape))


def eye(num_rows: Any, num_columns: Any = None, dtype: Any = _dt.float32, name: str | None = None) -> SparseTensor:
    """A sparse identity matrix ``[num_rows, num_columns]``.

    Example:
        >>> import tapeflow as tf
        >>> tf.sparse.to_dense(tf.sparse.eye(2, 3, dtype=tf.int32)).numpy().tolist()
        [[1, 0, 0], [0, 1, 0]]
    """
    r = int(_ints(num_rows))
    c = r if num_columns is None else int(_ints(num_columns))
    k = min(r, c)
    diag = np.arange(k, dtype=np.int64)
    np_dt = np.dtype(_dt.np_dtype(dtype))
    return _make(np.stack([diag, diag], axis=1), Tensor(np.ones(k, np_dt)), [r, c])


def map_values(op: Callable, *args: Any, **kwargs: Any) -> SparseTensor:
    """Apply ``op`` to the ``values`` of the SparseTensor arguments (which must share indices and shape).

    Example:
        >>> import tapeflow as tf
        >>> st = tf.SparseTensor([[0, 0], [1, 1]], [1.0, 2.0], [2, 2])
        >>> tf.sparse.map_values(tf.add, st, 5.0).values.numpy().tolist()
        [6.0, 7.0]
    """
    found, new_args, new_kwargs = _swap_instances(SparseTensor, lambda st: st.values, args, kwargs)
    if not found:
        raise ValueError("No SparseTensor in argument list of map_values")
    first = found[0]
    for other in found[1:]:
        a, b = first._indices._value, other._indices._value
        if a.shape != b.shape:
            raise InvalidArgumentError(f"Incompatible shapes: {list(a.shape)} vs. {list(b.shape)}", op="Equal")
        if not np.array_equal(a, b):
            raise InvalidArgumentError("map_values: the SparseTensors' indices differ", op="map_values")
        if not np.array_equal(first._dense_shape._value, other._dense_shape._value):
            raise InvalidArgumentError("map_values: the SparseTensors' dense shapes differ", op="map_values")
    out = op(*new_args, **new_kwargs)
    return SparseTensor(first._indices, out, first._dense_shape)


def split(sp_input: Any = None, num_split: Any = None, axis: Any = None, name: str | None = None) -> list:
    """Split into ``num_split`` SparseTensors along ``axis`` (the first ones one larger when uneven).

    Not differentiable: TF registers no gradient for SparseSplit.

    Example:
        >>> import tapeflow as tf
        >>> st = tf.SparseTensor([[0, 0], [1, 2], [2, 1]], [1, 2, 3], [3, 4])
        >>> [s.dense_shape.numpy().tolist() for s in tf.sparse.split(sp_input=st, num_split=2, axis=1)]
        [[3, 2], [3, 2]]
    """
    op = "SparseSplit"
    if sp_input is None or num_split is None or axis is None:
        raise ValueError("sp_input, num_split and axis are required")
    st = _sp(sp_input, op)
    shape = _shape_list(st)
    r = len(shape)
    ax = int(_ints(axis))
    if not -r <= ax < r:
        raise InvalidArgumentError(f"Input split_dim should be between {-r} and {r}, got {ax}", op=op)
    ax %= r
    k = int(_ints(num_split))
    size = shape[ax]
    if not 1 <= k <= size:
        raise InvalidArgumentError(
            f"Input num_split should be between 1 and the splitting dimension size ({size}), got {k}", op=op)
    base, extra = divmod(size, k)
    sizes = [base + (1 if i < extra else 0) for i in range(k)]
    starts = np.concatenate([[0], np.cumsum(sizes)])
    idx = st._indices._value
    parts = tuple(np.flatnonzero((idx[:, ax] >= starts[i]) & (idx[:, ax] < starts[i + 1])).astype(np.intp)
                  for i in range(k))
    vals = bind(_SPLIT, (st._values,), {"parts": parts})
    out = []
    for i, p in enumerate(parts):
        sub_idx = idx[p].copy()
        sub_idx[:, ax] -= starts[i]
        sub_shape = list(shape)
        sub_shape[ax] = sizes[i]
        out.append(_make(sub_idx, vals[i], sub_shape))
    return out


def reset_shape(sp_input: Any, new_shape: Any = None) -> SparseTensor:
    """The same entries with the tightest dense shape (``new_shape=None``) or a larger ``new_shape``.

    Example:
        >>> import tapeflow as tf
        >>> st = tf.SparseTensor([[0, 0], [1, 2]], [1, 2], [5, 6])
        >>> tf.sparse.reset_shape(st).dense_shape.numpy().tolist()
        [2, 3]
    """
    st = _sp(sp_input, "SparseResetShape")
    idx = st._indices._value
    shape = _shape_list(st)
    if new_shape is None:
        tight = (idx.max(axis=0) + 1).tolist() if idx.shape[0] else [0] * len(shape)
        return _make(idx, st._values, tight)
    new = _ints(new_shape).reshape(-1)
    if new.size != len(shape):
        raise ValueError(f"Shapes ({len(shape)},) and ({new.size},) are incompatible")
    if np.any(new < np.asarray(shape, np.int64)):
        raise ValueError(
            "Requested new_shape should have dimension sizes >= sp_input.shape.  Found new_shape "
            f"({np.asarray(shape)}), sp_input.shape ({new})."
        )
    return _make(idx, st._values, new.tolist())


# --- bincount and segment reductions -------------------------------------------------------------------------


def bincount(values: Any, weights: Any = None, axis: Any = 0, minlength: Any = None, maxlength: Any = None,
             binary_output: bool = False, name: str | None = None) -> SparseTensor:
    """Counts (or summed weights) of each value, as a SparseTensor of the non-empty bins.

    ``axis=0`` counts over everything; ``axis=-1`` counts per row of a 2-D input. ``values`` may
    be dense or sparse (then ``weights`` is a SparseTensor of the same indices, or a dense tensor).

    Example:
        >>> import tapeflow as tf
        >>> out = tf.sparse.bincount(tf.constant([[1, 1, 3], [2, 1, 1]]), axis=-1)
        >>> out.indices.numpy().tolist(), out.values.numpy().tolist()
        ([[0, 1], [0, 3], [1, 1], [1, 2]], [2, 1, 2, 1])
    """
    from .ragged_tensor import RaggedTensor

    op = "DenseCountSparseOutput"
    ax = 0 if axis is None else int(axis)
    w = None
    if isinstance(values, (SparseTensor, RaggedTensor)):
        vt = values.values if isinstance(values, SparseTensor) else values.flat_values
        if vt._value.dtype.kind not in "iu":
            raise InvalidArgumentError(
                f"Value for attr 'T' of {_tf_type_name(vt.dtype)} is not in the list of allowed values: int32, int64",
                op=op)
        count_dt = vt._value.dtype
    if isinstance(values, RaggedTensor):
        if values.ragged_rank != 1 or values.flat_values._value.ndim != 1:
            raise InvalidArgumentError(f"{op}: ragged values must have rank 2", op=op)
        v = values.flat_values._value.astype(np.int64)
        rows = values.value_rowids()._value.astype(np.int64)
        nrows = values._nrows_int()
        if weights is not None:
            w = weights.flat_values._value if isinstance(weights, RaggedTensor) else _t(weights)._value.reshape(-1)
    elif isinstance(values, SparseTensor):
        v = values._values._value.astype(np.int64)
        rows = values._indices._value[:, 0] if values._indices._value.shape[1] else np.zeros(v.size, np.int64)
        nrows = _shape_list(values)[0] if _shape_list(values) else 1
        if weights is not None:
            w = weights._values._value if isinstance(weights, SparseTensor) else _t(weights)._value.reshape(-1)
    else:
        t = _t(values)
        if t._value.dtype.kind not in "iu":
            raise InvalidArgumentError(
                f"Value for attr 'T' of {_tf_type_name(t.dtype)} is not in the list of allowed values: int32, int64",
                op=op)
        count_dt = t._value.dtype
        arr = t._value
        if ax == -1 or (ax == 1 and arr.ndim == 2):
            if arr.ndim != 2:
                raise InvalidArgumentError(f"{op}: axis=-1 needs a rank-2 input, got shape {arr.shape}", op=op)
            rows = np.repeat(np.arange(arr.shape[0], dtype=np.int64), arr.shape[1])
            nrows = arr.shape[0]
        else:
            rows = np.zeros(arr.size, np.int64)
            nrows = 1
        v = arr.reshape(-1).astype(np.int64)
        if weights is not None:
            w = _t(weights)._value.reshape(-1)
    if ax not in (0, -1, 1):
        raise InvalidArgumentError(f"{op}: axis must be 0 or -1, got {axis}", op=op)
    per_row = ax != 0
    if v.size and v.min() < 0:
        raise InvalidArgumentError("Input values must all be non-negative", op=op)
    if w is not None and w.size != v.size:
        raise InvalidArgumentError(f"{op}: weights must have the shape of values ({v.size} entries, got {w.size})",
                                   op=op)
    if maxlength is not None:
        keep = v < int(maxlength)
        v, rows = v[keep], rows[keep]
        w = w[keep] if w is not None else None
    size = int(v.max()) + 1 if v.size else 0
    if minlength is not None:
        size = max(size, int(minlength))
    if maxlength is not None:
        size = min(size, int(maxlength))
    key_rows = rows if per_row else np.zeros_like(v)
    key = key_rows * max(size, 1) + v
    uniq, inv = np.unique(key, return_inverse=True)
    inv = inv.reshape(-1)
    if binary_output:
        out_vals = np.ones(uniq.size, w.dtype if w is not None else count_dt)
    elif w is not None:
        out_vals = np.zeros(uniq.size, w.dtype)
        np.add.at(out_vals, inv, w)
    else:
        out_vals = np.bincount(inv, minlength=uniq.size).astype(count_dt)
    if per_row:
        idx = np.stack([uniq // max(size, 1), uniq % max(size, 1)], axis=1)
        shape = [nrows, size]
    else:
        idx = uniq.reshape(-1, 1)
        shape = [size]
    return _make(idx.astype(np.int64), Tensor(out_vals), shape)


def _segment(data: Any, indices: Any, segment_ids: Any, num_segments: Any, kind: str) -> Tensor:
    op = {"sum": "SparseSegmentSum", "mean": "SparseSegmentMean", "sqrt_n": "SparseSegmentSqrtN"}[kind]
    d = _t(data)
    if d._value.ndim == 0:
        raise InvalidArgumentError(f"{op}: data must be at least rank 1", op=op)
    idx = _ints(indices).reshape(-1)
    seg = _ints(segment_ids).reshape(-1)
    if idx.size != seg.size:
        raise InvalidArgumentError(
            "segment_ids and indices should have same size.", op=op)
    n_data = d._value.shape[0]
    bad = np.flatnonzero((idx < 0) | (idx >= n_data))
    if bad.size:
        i = int(bad[0])
        raise InvalidArgumentError(f"Bad: indices[{i}] == {idx[i]} out of range [0, {n_data})", op=op)
    if seg.size and np.any(np.diff(seg) < 0):
        raise InvalidArgumentError("segment ids are not increasing", op=op)
    if seg.size and seg[0] < 0:
        raise InvalidArgumentError(f"{op}: segment ids must be >= 0", op=op)
    if num_segments is not None:
        n = int(_ints(num_segments))
        if seg.size and seg[-1] >= n:
            raise InvalidArgumentError(f"{op}: segment ids must be < num_segments ({n}), got {int(seg[-1])}", op=op)
    else:
        n = int(seg[-1]) + 1 if seg.size else 0
    if kind != "sum" and d._value.dtype.kind not in "fc":
        raise InvalidArgumentError(
            f"Value for attr 'T' of {_tf_type_name(d.dtype)} is not in the list of allowed values: bfloat16, half, "
            "float, double", op=op)
    picked = A.gather(d, idx.astype(np.intp), 0)
    out = A.scatter_add(picked, seg.astype(np.intp), 0, n)
    if kind == "sum":
        return out
    counts = np.bincount(seg, minlength=n).astype(d._value.dtype) if seg.size else np.zeros(n, d._value.dtype)
    denom = np.maximum(counts, 1) if kind == "mean" else np.sqrt(np.maximum(counts, 1))
    scale = (1.0 / denom).astype(d._value.dtype).reshape((n,) + (1,) * (d._value.ndim - 1))
    return C.multiply(out, Tensor(scale))


def segment_sum(data: Any, indices: Any, segment_ids: Any, num_segments: Any = None, name: str | None = None,
                sparse_gradient: bool = False) -> Tensor:
    """``out[segment_ids[i]] += data[indices[i]]`` (segment ids sorted). Gradients flow to ``data``.

    Example:
        >>> import tapeflow as tf
        >>> c = tf.constant([[1, 2, 3, 4], [-1, -2, -3, -4], [5, 6, 7, 8]])
        >>> tf.sparse.segment_sum(c, tf.constant([0, 1]), tf.constant([0, 0])).numpy().tolist()
        [[0, 0, 0, 0]]
    """
    return _segment(data, indices, segment_ids, num_segments, "sum")


def segment_mean(data: Any, indices: Any, segment_ids: Any, num_segments: Any = None, name: str | None = None,
                 sparse_gradient: bool = False) -> Tensor:
    """The mean of ``data[indices[i]]`` per segment (empty segments give 0).

    Example:
        >>> import tapeflow as tf
        >>> c = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
        >>> tf.sparse.segment_mean(c, [0, 2], [0, 0]).numpy().tolist()
        [[3.0, 4.0]]
    """
    return _segment(data, indices, segment_ids, num_segments, "mean")


def segment_sqrt_n(data: Any, indices: Any, segment_ids: Any, num_segments: Any = None, name: str | None = None,
                   sparse_gradient: bool = False) -> Tensor:
    """The sum of ``data[indices[i]]`` per segment divided by the square root of its size.

    Example:
        >>> import tapeflow as tf
        >>> c = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> tf.sparse.segment_sqrt_n(c, [0, 1, 1, 1], [0, 0, 0, 0]).numpy().tolist()
        [[5.0, 7.0]]
    """
    return _segment(data, indices, segment_ids, num_segments, "sqrt_n")


def mask(a: Any, mask_indices: Any, name: str | None = None) -> Any:
    """The ``tf.IndexedSlices`` ``a`` without the slices whose index is in ``mask_indices``.

    Gradients flow to the kept values.

    Example:
        >>> import tapeflow as tf
        >>> a = tf.IndexedSlices(tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), tf.constant([12, 26, 37]))
        >>> m = tf.sparse.mask(a, [12, 37])
        >>> m.indices.numpy().tolist(), m.values.numpy().tolist()
        ([26], [[3.0, 4.0]])
    """
    from .indexed_slices import IndexedSlices

    if not isinstance(a, IndexedSlices):
        raise TypeError(f"tf.sparse.mask: a must be an IndexedSlices, got {type(a).__name__}")
    m = _t(mask_indices)
    idx = a.indices
    if m._value.dtype != idx._value.dtype:
        raise InvalidArgumentError(
            f"cannot compute ListDiff as input #1(zero-based) was expected to be a {idx.dtype.name} tensor but is a "
            f"{m.dtype.name} tensor", op="ListDiff")
    keep = np.flatnonzero(~np.isin(idx._value.reshape(-1), m._value.reshape(-1))).astype(np.intp)
    values = _take(a.values, keep)
    return IndexedSlices(values, Tensor(idx._value.reshape(-1)[keep]), a.dense_shape)


def sampled_addmm(indices: Any, values: Any, dense_shape: Any, mat1: Any, mat2: Any, beta: Any = 1.0,
                  alpha: Any = 1.0, output_type: Any = _dt.float32) -> tuple:
    """``alpha * (mat1 @ mat2)`` at ``indices`` plus ``beta * values`` (batch dimensions allowed).

    Returns ``(indices, values, dense_shape)``, the parts of the sparse result. Gradients flow to
    ``values``, ``mat1`` and ``mat2``.

    Example:
        >>> import tapeflow as tf
        >>> _, v, _ = tf.sparse.sampled_addmm([[0, 0], [1, 1]], [1.0, 2.0], [2, 2],
        ...                                   tf.ones([2, 3]), tf.ones([3, 2]), beta=0.5)
        >>> v.numpy().tolist()
        [3.5, 4.0]
    """
    from .ops import array_ops, math_ops

    idx = _t(indices)
    vals = convert_to_tensor(values, dtype=output_type) if not isinstance(values, (Tensor, Variable)) else _t(values)
    shape = convert_to_tensor(dense_shape, dtype=_dt.int32) if not isinstance(dense_shape, (Tensor, Variable)) \
        else _t(dense_shape)
    m1 = convert_to_tensor(mat1, dtype=output_type) if not isinstance(mat1, (Tensor, Variable)) else _t(mat1)
    m2 = convert_to_tensor(mat2, dtype=output_type) if not isinstance(mat2, (Tensor, Variable)) else _t(mat2)
    s1, s2 = m1._value.shape, m2._value.shape
    out_shape = np.asarray([s1[-2], s2[-1]], shape._value.dtype)
    if not np.all(shape._value == out_shape):
        raise ValueError(f"Dense shape: {shape} does not match output shape: {Tensor(out_shape)}")
    iv = idx._value
    batch_dims = m1._value.ndim - 2
    row_idx = Tensor(iv[..., :-1])
    col_idx = Tensor(np.concatenate([iv[..., :-2], iv[..., -1:]], axis=-1))
    rows = array_ops.gather_nd(m1, row_idx, batch_dims=batch_dims)
    perm = list(range(m2._value.ndim - 2)) + [m2._value.ndim - 1, m2._value.ndim - 2]
    cols = array_ops.gather_nd(array_ops.transpose(m2, perm), col_idx, batch_dims=batch_dims)
    dot = math_ops.reduce_sum(math_ops.multiply(rows, cols), axis=-1)
    return idx, math_ops.add(math_ops.multiply(dot, alpha), math_ops.multiply(vals, beta)), shape


def cross(inputs: Any, name: str | None = None, separator: Any = None) -> SparseTensor:
    """Feature crosses of rank-2 sparse, dense or ragged string/integer inputs, as a SparseTensor:
    row ``i`` lists every combination (first input slowest) joined by ``separator`` (``'_X_'``).

    Example:
        >>> import tapeflow as tf
        >>> st = tf.sparse.cross([tf.SparseTensor([[0, 0], [1, 0], [1, 1]], ['a', 'b', 'c'], [2, 2]),
        ...                       tf.constant([['d'], ['e']])])
        >>> st.values.numpy().tolist()
        [b'a_X_d', b'b_X_e', b'c_X_e']
    """
    from .ragged import _cross_rows

    sep = b"_X_" if separator is None else (separator.encode() if isinstance(separator, str) else bytes(separator))
    rows = _cross_rows(inputs, sep, "SparseCrossV2")
    idx = [[i, j] for i, r in enumerate(rows) for j in builtins.range(len(r))]
    flat = np.empty(len(idx), object)
    flat[:] = [c for r in rows for c in r]
    width = max((len(r) for r in rows), default=0)
    return _make(np.asarray(idx, np.int64).reshape(-1, 2), Tensor(flat), [len(rows), width])


__all__ = [
    "SparseTensor", "add", "bincount", "concat", "cross", "expand_dims", "eye", "fill_empty_rows", "from_dense",
    "map_values", "mask", "maximum", "minimum", "reduce_max", "reduce_sum", "reorder", "reset_shape", "reshape",
    "retain", "sampled_addmm", "segment_mean", "segment_sqrt_n", "segment_sum", "slice", "softmax",
    "sparse_dense_matmul", "split", "to_dense", "to_indicator", "transpose",
]
