"""Segment, scatter and stitch primitives (the rules behind ``tf.math.segment_*``,
``tf.math.unsorted_segment_*``, ``tf.tensor_scatter_nd_*`` and ``tf.dynamic_stitch``), plus the
non-differentiable index primitives of the sort and bucketing ops.

Conventions (as ``primitives/array.py``): index arrays live in the params as NumPy integer
arrays and are never differentiated. The segment rules take ``x`` of shape ``(m,) + rest`` and
``ids`` of shape ``(m,)`` with every id in ``[0, n)`` (the public ops flatten the ids and drop
negative ones first); the scatter rules take a tensor flattened to ``(p,) + rest``, updates of
shape ``(l,) + rest`` and ``lin`` of shape ``(l,)`` (flat row numbers). Sums are
``array.scatter_add``; what is here is everything that cannot be written as a sum.

Each VJP follows TF's registered gradient (ties in max/min split the gradient equally; a
tensor_scatter_nd_update gives the overwritten entries of ``tensor`` zero gradient and every
update its gathered gradient, even an update a later duplicate overwrote) and is written with
tapeflow ops, so higher derivatives work; every rule is batchable.

Example:
    >>> import numpy as np
    >>> from tapeflow.primitives import segment as S
    >>> from tapeflow.tensor import Tensor
    >>> x = Tensor(np.array([1.0, 5.0, 2.0]))
    >>> S.segment_extreme(x, np.array([0, 0, 2]), 3, "max", -1.0).numpy().tolist()
    [5.0, -1.0, 2.0]
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from ..tensor import Tensor
from . import array as A
from . import bind, bind1, bind2, defprim, no_gradient
from . import core as C
from . import math as M

# --- helpers --------------------------------------------------------------------------------------


def _group(ids: np.ndarray) -> tuple:
    """(order, starts, segment of each run): ids sorted stably into runs of equal ids."""
    order = np.argsort(ids, kind="stable")
    sids = ids[order]
    starts = np.flatnonzero(np.concatenate(([True], sids[1:] != sids[:-1])))
    return order, starts, sids[starts]


def _reduce_segments(ufunc: np.ufunc, x: np.ndarray, ids: np.ndarray, n: int, fill) -> np.ndarray:
    out = np.full((n,) + x.shape[1:], fill, x.dtype)
    if ids.size == 0:
        return out
    order, starts, segs = _group(ids)
    out[segs] = ufunc.reduceat(x[order], starts, axis=0)
    return out


def _as_float(t: Tensor, like: Tensor) -> Tensor:
    """A bool/int Tensor cast (non-differentiably) to ``like``'s float dtype."""
    return C.cast_raw(t, like._value.dtype)


def _row_shape(n: int, like: Tensor) -> tuple:
    """(n, 1, ..., 1): a per-row constant that broadcasts against ``like``'s rows."""
    return (n,) + (1,) * (like._value.ndim - 1)


def rows_view(x: Tensor, shape: tuple) -> Tensor:
    """``x`` reshaped to ``shape``, always recorded as a reshape (even when the shape is already
    right): a gather from the result then gives ``x`` a dense gradient, not the IndexedSlices
    the tape returns for a source read directly by ``gather`` (TF's sort, segment and partition
    gradients are dense)."""
    return bind1(C.RESHAPE, x, {"shape": tuple(shape)})


# --- segment max / min ----------------------------------------------------------------------------


def _seg_extreme_fwd(x: np.ndarray, ids: np.ndarray, n: int, kind: str, fill) -> np.ndarray:
    return _reduce_segments(np.maximum if kind == "max" else np.minimum, x, ids, n, fill)


def _seg_extreme_vjp(g, out, ins, p, need):
    """TF's rule: the gradient of a segment goes to the entries equal to its extreme, split
    equally between ties."""
    (x,) = ins
    nb = C.nbatch(g, out)
    ids, n = p["ids"], p["n"]
    chosen = _as_float(M.equal(x, A.gather(out, ids, 0)), x)
    count = A.scatter_add(chosen, ids, 0, n)
    count = bind2(M.MAXIMUM, count, C.scalar_like(1.0, count))  # empty segments: no division by 0
    return (C.multiply(A.gather(C.divide(g, count), ids, nb), chosen),)


_IDS = np.array([2, 0, 2, 1, 2, 0])
SEGMENT_EXTREME = defprim(
    "segment_extreme", _seg_extreme_fwd, _seg_extreme_vjp,
    examples=[
        (((6,),), {"ids": _IDS, "n": 4, "kind": "max", "fill": -1.0}),
        (((6, 2),), {"ids": _IDS, "n": 3, "kind": "min", "fill": 0.0}),
        (((6, 3, 2),), {"ids": _IDS, "n": 5, "kind": "max", "fill": 0.0}),
    ],
)


def segment_extreme(x: Tensor, ids: np.ndarray, n: int, kind: str, fill) -> Tensor:
    """Per-segment max (``kind="max"``) or min of the rows of ``x``; empty segments get ``fill``."""
    return bind1(SEGMENT_EXTREME, x, {"ids": ids, "n": int(n), "kind": kind, "fill": fill})


# --- segment product ------------------------------------------------------------------------------


def _seg_prod_fwd(x: np.ndarray, ids: np.ndarray, n: int) -> np.ndarray:
    return _reduce_segments(np.multiply, x, ids, n, 1)


def _seg_prod_vjp(g, out, ins, p, need):
    """TF's rule: a segment without zeros divides its product by each entry; with exactly one
    zero, only that entry gets a gradient (the product of the others); with more, none does."""
    (x,) = ins
    nb = C.nbatch(g, out)
    ids, n = p["ids"], p["n"]
    is_zero = M.equal(x, C.scalar_like(0.0, x))
    zeros = A.scatter_add(_as_float(is_zero, x), ids, 0, n)
    keep = _as_float(M.less_equal(zeros, C.scalar_like(1.0, zeros)), x)  # segments with <= 1 zero
    safe = M.select(is_zero, C.scalar_like(1.0, x), x)
    nonzero_prod = bind1(SEGMENT_PROD, safe, p)
    partial = M.select(is_zero, A.gather(nonzero_prod, ids, 0), C.divide(A.gather(out, ids, 0), safe))
    return (C.multiply(A.gather(C.multiply(g, keep), ids, nb), partial),)


SEGMENT_PROD = defprim(
    "segment_prod", _seg_prod_fwd, _seg_prod_vjp,
    examples=[
        (((6,),), {"ids": _IDS, "n": 4}),
        (((6, 2),), {"ids": _IDS, "n": 3}),
        (((4, 3),), {"ids": np.array([0, 0, 0, 0]), "n": 1}, "away0"),
    ],
)


def segment_prod(x: Tensor, ids: np.ndarray, n: int) -> Tensor:
    """Per-segment product of the rows of ``x``; empty segments get 1."""
    return bind1(SEGMENT_PROD, x, {"ids": ids, "n": int(n)})


# --- tensor_scatter_nd_update / max / min ----------------------------------------------------------


def _scatter_update_fwd(t: np.ndarray, u: np.ndarray, lin: np.ndarray) -> np.ndarray:
    out = t.copy()
    out[lin] = u  # with duplicate rows the last update wins, as TF's CPU kernel
    return out


def _scatter_update_vjp(g, out, ins, p, need):
    t, _ = ins
    nb = C.nbatch(g, out)
    lin = p["lin"]
    gt = None
    if need[0]:
        keep = np.ones(t._value.shape[0], g._value.dtype)
        keep[lin] = 0
        gt = C.multiply(g, Tensor(keep.reshape(_row_shape(keep.size, t))))
    return (gt, A.gather(g, lin, nb) if need[1] else None)


_LIN = np.array([3, 0, 4])
SCATTER_UPDATE = defprim(
    "tensor_scatter_update", _scatter_update_fwd, _scatter_update_vjp,
    examples=[
        (((5,), (3,)), {"lin": _LIN}),
        (((5, 2, 3), (3, 2, 3)), {"lin": _LIN}),
        (((2, 4), (1, 4)), {"lin": np.array([1])}),
    ],
)


def scatter_update(t: Tensor, u: Tensor, lin: np.ndarray) -> Tensor:
    """``t`` (rows ``(p,) + rest``) with rows ``lin`` replaced by the rows of ``u``."""
    return bind2(SCATTER_UPDATE, t, u, {"lin": lin})


def _scatter_extreme_fwd(t: np.ndarray, u: np.ndarray, lin: np.ndarray, kind: str) -> np.ndarray:
    out = t.copy()
    (np.maximum if kind == "max" else np.minimum).at(out, lin, u)
    return out


def _scatter_extreme_vjp(g, out, ins, p, need):
    """TF's rule: the gradient goes to whichever of ``tensor`` and the updates equal the result,
    split equally between ties."""
    t, u = ins
    nb = C.nbatch(g, out)
    lin = p["lin"]
    t_hit = _as_float(M.equal(t, out), t)
    u_hit = _as_float(M.equal(u, A.gather(out, lin, 0)), u)
    hits = C.add(t_hit, A.scatter_add(u_hit, lin, 0, t._value.shape[0]))  # >= 1 everywhere
    share = C.divide(g, hits)
    return (
        C.multiply(share, t_hit) if need[0] else None,
        C.multiply(A.gather(share, lin, nb), u_hit) if need[1] else None,
    )


SCATTER_EXTREME = defprim(
    "tensor_scatter_extreme", _scatter_extreme_fwd, _scatter_extreme_vjp,
    examples=[
        (((5,), (3,)), {"lin": _LIN, "kind": "max"}),
        (((5, 2), (3, 2)), {"lin": np.array([1, 1, 4]), "kind": "min"}),
        (((4, 3), (2, 3)), {"lin": np.array([2, 0]), "kind": "max"}),
    ],
)


def scatter_extreme(t: Tensor, u: Tensor, lin: np.ndarray, kind: str) -> Tensor:
    """``t`` with ``max(t[lin], u)`` (``kind="max"``) or min written into rows ``lin``."""
    return bind2(SCATTER_EXTREME, t, u, {"lin": lin, "kind": kind})


# --- dynamic_stitch ---------------------------------------------------------------------------------


def _stitch_fwd(*xs: np.ndarray, idx: tuple, n: int) -> np.ndarray:
    out = np.zeros((n,) + xs[0].shape[1:], xs[0].dtype)
    for i, x in zip(idx, xs):
        out[i] = x  # later pieces (and later rows) overwrite earlier ones
    return out


def _stitch_vjp(g, out, ins, p, need):
    """TF's rule: every piece gets the gathered gradient, overwritten rows included."""
    nb = C.nbatch(g, out)
    return tuple(A.gather(g, i, nb) if w else None for i, w in zip(p["idx"], need))


STITCH = defprim(
    "dynamic_stitch", _stitch_fwd, _stitch_vjp,
    examples=[
        (((2,), (3,)), {"idx": (np.array([0, 4]), np.array([1, 3, 2])), "n": 5}),
        (((2, 3), (1, 3)), {"idx": (np.array([3, 0]), np.array([1])), "n": 4}),
    ],
)


def stitch(xs: tuple, idx: tuple, n: int) -> Tensor:
    """Rows ``idx[m]`` of an ``n``-row result taken from ``xs[m]``; missing rows are zero."""
    return bind(STITCH, tuple(xs), {"idx": tuple(idx), "n": int(n)})


# --- non-differentiable primitives ---------------------------------------------------------------------


def nondiff(name: str, forward: Callable, tf_op: str | None = None, n_out: int = 1):
    """Register an index/count primitive: a cut (``vjp=None``) or, with ``tf_op``, an op TF
    registers no gradient for (asking for one raises TF's LookupError)."""
    return defprim(name, forward, no_gradient(tf_op) if tf_op else None, n_out=n_out)


__all__: list[str] = []
