"""Array primitives: strided slicing and its scatter, gather and its scatter-add, concat and split,
one_hot.

The pairs are each other's VJP, so derivatives of any order work:

- ``strided_slice(x, key)`` (basic NumPy indexing: ints, slices, None) and
  ``strided_slice_grad(g, key, shape, fill)`` (write ``g`` into ``x[key]`` of a ``fill`` array);
- ``gather(x, indices, axis)`` and ``scatter_add(g, indices, axis, n)`` (unsorted segment sum);
- ``concat_raw(ts, axis)`` and ``split_raw(x, sizes, axis)`` (``stack_raw`` and ``unstack_raw``
  build on them and ``reshape``).

``key`` is a normalised tuple (no Ellipsis except one trailing, ints non-negative and in range);
``indices`` is an integer NumPy array held in the params (it is never differentiated). Every
rule is batchable: leading cotangent axes get a ``slice(None)`` prefix or a shifted axis.

Example:
    >>> import numpy as np
    >>> from tapeflow.primitives import array as A
    >>> from tapeflow.tensor import Tensor
    >>> A.strided_slice(Tensor(np.arange(5.0)), (slice(None, None, -2), Ellipsis)).numpy().tolist()
    [4.0, 2.0, 0.0]
"""

from __future__ import annotations

import numpy as np

from ..tensor import Tensor
from . import bind, bind1, defprim
from . import core as C

_ALL = slice(None)

# --- strided slice and its scatter ---------------------------------------------------------------


def _ss_fwd(x: np.ndarray, key: tuple) -> np.ndarray:
    return x[key]


def _ss_vjp(g, out, ins, p, need):
    nb = C.nbatch(g, out)
    key = p["key"]
    shape = ins[0]._value.shape
    if nb:
        key = (_ALL,) * nb + key
        shape = g._value.shape[:nb] + shape
    return (strided_slice_grad(g, key, shape),)


def _ssg_fwd(g: np.ndarray, key: tuple, shape: tuple, fill: float = 0) -> np.ndarray:
    z = np.zeros(shape, g.dtype) if not fill else np.full(shape, fill, g.dtype)
    z[key] = g
    return z


def _ssg_vjp(gg, out, ins, p, need):
    nb = C.nbatch(gg, out)
    key = p["key"]
    return (strided_slice(gg, (_ALL,) * nb + key if nb else key),)


_E = Ellipsis
STRIDED_SLICE = defprim(
    "strided_slice", _ss_fwd, _ss_vjp,
    examples=[
        (((5, 4),), {"key": (slice(1, 4), 2, _E)}),
        (((5, 4),), {"key": (slice(None, None, -2), None, slice(3, 0, -1), _E)}),
        (((2, 3, 4),), {"key": (_ALL, _ALL, slice(-1, None, -3), _E)}),
        (((3,),), {"key": (1, _E)}),
    ],
)
STRIDED_SLICE_GRAD = defprim(
    "strided_slice_grad", _ssg_fwd, _ssg_vjp,
    examples=[
        (((3,),), {"key": (slice(1, 4), 2, _E), "shape": (5, 4)}),
        (((3, 1, 3),), {"key": (slice(None, None, -2), None, slice(3, 0, -1), _E), "shape": (5, 4)}),
        (((2, 4),), {"key": (slice(1, 3), _E), "shape": (4, 4), "fill": 1.5}),
        (((),), {"key": (1, _E), "shape": (3,)}),
    ],
)


def strided_slice(x: Tensor, key: tuple) -> Tensor:
    """``x[key]`` for a normalised basic-indexing key (raw primitive, no checks)."""
    return bind1(STRIDED_SLICE, x, {"key": key})


def strided_slice_grad(g: Tensor, key: tuple, shape: tuple, fill: float = 0) -> Tensor:
    """An array of ``shape`` filled with ``fill``, with ``g`` written at ``[key]`` (raw primitive)."""
    p = {"key": key, "shape": tuple(shape)}
    if fill:
        p["fill"] = fill
    return bind1(STRIDED_SLICE_GRAD, g, p)


# --- gather and scatter-add -------------------------------------------------------------------------


def _gather_fwd(x: np.ndarray, indices: np.ndarray, axis: int) -> np.ndarray:
    return np.take(x, indices, axis=axis)


def _gather_vjp(g, out, ins, p, need):
    nb = C.nbatch(g, out)
    axis = p["axis"]
    return (scatter_add(g, p["indices"], axis + nb, ins[0]._value.shape[axis]),)


def _scatter_add_fwd(g: np.ndarray, indices: np.ndarray, axis: int, n: int) -> np.ndarray:
    """Sum the slices of ``g`` along ``axis`` (one per index) into ``n`` buckets."""
    shape = g.shape
    pre, post = shape[:axis], shape[axis + indices.ndim:]
    idx = indices.reshape(-1)
    m = idx.size
    p_, q_ = int(np.prod(pre, dtype=np.int64)), int(np.prod(post, dtype=np.int64))
    out_shape = pre + (n,) + post
    if m == 0:
        return np.zeros(out_shape, g.dtype)
    g3 = g.reshape(p_, m, q_)
    if p_ == 1 and q_ == 1 and g.dtype.kind == "f":
        return np.bincount(idx, weights=g3.reshape(-1), minlength=n).astype(g.dtype, copy=False).reshape(out_shape)
    out = np.zeros((p_, n, q_), g.dtype)
    order = np.argsort(idx, kind="stable")
    sidx = idx[order]
    starts = np.flatnonzero(np.concatenate(([True], sidx[1:] != sidx[:-1])))
    if starts.size == m:  # no repeated index: a plain scatter
        out[:, idx, :] = g3
    else:
        out[:, sidx[starts], :] = np.add.reduceat(g3[:, order, :], starts, axis=1)
    return out.reshape(out_shape)


def _scatter_add_vjp(gg, out, ins, p, need):
    nb = C.nbatch(gg, out)
    return (gather(gg, p["indices"], p["axis"] + nb),)


_I1 = np.array([2, 0, 2, 1, 4])
_I2 = np.array([[0, 2], [2, 2], [1, 0]])
GATHER = defprim(
    "gather", _gather_fwd, _gather_vjp,
    examples=[
        (((5,),), {"indices": _I1, "axis": 0}),
        (((3, 4),), {"indices": _I2, "axis": 0}),
        (((2, 3, 4),), {"indices": _I2, "axis": 1}),
        (((2, 5),), {"indices": _I1, "axis": 1}),
        (((3,),), {"indices": np.array(1), "axis": 0}),
    ],
)
SCATTER_ADD = defprim(
    "scatter_add", _scatter_add_fwd, _scatter_add_vjp,
    examples=[
        (((5,),), {"indices": _I1, "axis": 0, "n": 6}),
        (((3, 2, 4),), {"indices": _I2, "axis": 0, "n": 3}),
        (((2, 3, 2, 4),), {"indices": _I2, "axis": 1, "n": 4}),
        (((2, 4),), {"indices": np.array([3, 0, 1, 2]), "axis": 1, "n": 4}),
        (((),), {"indices": np.array(1), "axis": 0, "n": 3}),
    ],
)


# forward-mode rules: all four are linear in their input, so the tangent takes the same op
STRIDED_SLICE.jvp = lambda ts, out, ins, p: strided_slice(ts[0], p["key"])
STRIDED_SLICE_GRAD.jvp = lambda ts, out, ins, p: strided_slice_grad(ts[0], p["key"], p["shape"])
GATHER.jvp = lambda ts, out, ins, p: gather(ts[0], p["indices"], p["axis"])
SCATTER_ADD.jvp = lambda ts, out, ins, p: scatter_add(ts[0], p["indices"], p["axis"], p["n"])


def gather(x: Tensor, indices: np.ndarray, axis: int) -> Tensor:
    """``np.take(x, indices, axis)`` with in-range integer ``indices`` (raw primitive)."""
    return bind1(GATHER, x, {"indices": indices, "axis": axis})


def scatter_add(g: Tensor, indices: np.ndarray, axis: int, n: int) -> Tensor:
    """Unsorted segment sum of ``g``'s slices along ``axis`` into ``n`` slots (raw primitive)."""
    return bind1(SCATTER_ADD, g, {"indices": indices, "axis": axis, "n": int(n)})


# --- concat and split (each other's VJP) ------------------------------------------------------------


def _concat_vjp(g, out, ins, p, need):
    nb = C.nbatch(g, out)
    axis = p["axis"] + nb
    sizes = [t._value.shape[p["axis"]] for t in ins]
    return split_raw(g, sizes, axis)


CONCAT = defprim(
    "concat", lambda *xs, axis: np.concatenate(xs, axis=axis), _concat_vjp,
    examples=[(((2, 3), (4, 3)), {"axis": 0}), (((2, 3), (2, 1), (2, 2)), {"axis": 1})],
)


def _split_fwd(x: np.ndarray, sizes: tuple, axis: int) -> list:
    idx = np.cumsum(sizes)[:-1]
    return np.split(x, idx, axis=axis)


def _split_vjp(gs, outs, ins, p, need):
    nb = C.nbatch(gs[0], outs[0])
    return (bind(CONCAT, tuple(gs), {"axis": p["axis"] + nb}),)


SPLIT = defprim("split", _split_fwd, _split_vjp, n_out=-1,
                examples=[(((5, 3),), {"sizes": (2, 3), "axis": 0}), (((2, 4),), {"sizes": (1, 1, 2), "axis": 1})])


def split_raw(x: Tensor, sizes: list, axis: int) -> tuple:
    """Split ``x`` along ``axis`` into pieces of the given sizes (multi-output primitive)."""
    return bind(SPLIT, (x,), {"sizes": tuple(int(s) for s in sizes), "axis": axis})


def concat_raw(ts: list, axis: int) -> Tensor:
    """Join tensors of one dtype and rank along ``axis`` (in range, non-negative; no checks).

    Example:
        >>> concat_raw([Tensor(np.zeros((1, 2))), Tensor(np.ones((2, 2)))], 0).shape.as_list()
        [3, 2]
    """
    return ts[0] if len(ts) == 1 else bind(CONCAT, tuple(ts), {"axis": axis})


def stack_raw(ts: list, axis: int) -> Tensor:
    """Join tensors of one shape and dtype along a new axis ``axis`` (negative counts from the end of
    the result; no checks).

    Example:
        >>> stack_raw([Tensor(np.zeros(3)), Tensor(np.ones(3))], -1).shape.as_list()
        [3, 2]
    """
    shape = ts[0]._value.shape
    ax = axis % (len(shape) + 1)
    new = shape[:ax] + (1,) + shape[ax:]
    return concat_raw([C.reshape_to(t, new) for t in ts], ax)


def unstack_raw(x: Tensor, axis: int) -> list:
    """The slices of ``x`` along ``axis`` (in range, non-negative), that axis removed.

    Example:
        >>> [t.numpy().tolist() for t in unstack_raw(Tensor(np.arange(4.0).reshape(2, 2)), 1)]
        [[0.0, 2.0], [1.0, 3.0]]
    """
    n = x._value.shape[axis]
    if n == 0:
        return []
    pieces = split_raw(x, [1] * n, axis) if n > 1 else (x,)
    shape = x._value.shape[:axis] + x._value.shape[axis + 1:]
    return [C.reshape_to(p, shape) for p in pieces]


# --- one_hot (not differentiable) ---------------------------------------------------------------------


def _one_hot_fwd(indices: np.ndarray, depth: int, on: np.ndarray, off: np.ndarray, axis: int) -> np.ndarray:
    hot = indices[..., None] == np.arange(depth)
    out = np.where(hot, on, off)
    if axis != -1 and axis != out.ndim - 1:
        out = np.moveaxis(out, -1, axis)
    return out


ONE_HOT = defprim("one_hot", _one_hot_fwd, None)


def one_hot_raw(indices: Tensor, depth: int, on: np.ndarray, off: np.ndarray, axis: int) -> Tensor:
    return bind1(ONE_HOT, indices, {"depth": depth, "on": on, "off": off, "axis": axis})


__all__: list[str] = []
