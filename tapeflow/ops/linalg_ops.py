"""Linear algebra (``tf.linalg`` and top-level ``tf.*``): tensordot, einsum, matvec, norms, clipping,
solvers, determinants, decompositions (Cholesky, QR, SVD, eigh, eig, LU), diagonals and band parts,
matrix functions (expm, sqrtm) and tridiagonal / banded systems.

Example:
    >>> import tapeflow as tf
    >>> tf.einsum("ij,jk->ik", tf.ones([2, 3]), tf.ones([3, 4])).shape.as_list()
    [2, 4]
"""

from __future__ import annotations

import string
from collections import namedtuple
from typing import Any

import numpy as np

from .. import dtypes as _dt
from ..errors import FailedPreconditionError, InvalidArgumentError
from ..primitives import bind
from ..primitives import core as C
from ..primitives import linalg as L
from ..primitives import math as M
from ..tensor import Tensor, Variable
from ._args import binary_args, check_float, describe, int_list, norm_axis, tensor_arg

# --- tensordot / matvec -----------------------------------------------------------------------------


def _axes_list(v: Any) -> list:
    return int_list(v, "tensordot", "axes")


def tensordot(a: Any, b: Any, axes: Any, name: str | None = None) -> Tensor:
    """Sum products over ``axes``: an int N (last N of ``a`` with first N of ``b``) or ``[a_axes, b_axes]``.

    Example:
        >>> import tapeflow as tf
        >>> tf.tensordot(tf.ones([2, 3, 4]), tf.ones([4, 3, 5]), [[1, 2], [1, 0]]).shape.as_list()
        [2, 5]
    """
    a, b = binary_args(a, b, "tensordot")
    sa, sb = a._value.shape, b._value.shape
    na, nb = len(sa), len(sb)
    if isinstance(axes, (int, np.integer)) or (isinstance(axes, (Tensor, Variable)) and np.ndim(axes) == 0):
        n = int(np.asarray(axes))
        if n < 0 or n > na or n > nb:
            raise InvalidArgumentError(
                f"tensordot: axes={n} must be in [0, min(rank(a), rank(b))]; a is a {describe(a)}, b is a {describe(b)}",
                op="tensordot",
            )
        ax_a, ax_b = list(range(na - n, na)), list(range(n))
    else:
        try:
            pa, pb = (axes.numpy().tolist() if isinstance(axes, Tensor) else axes)
        except (TypeError, ValueError):
            raise ValueError(f"tensordot: axes must be an int or a pair [a_axes, b_axes], got {axes!r}") from None
        ax_a = list(norm_axis(_axes_list(pa), na, "tensordot") or ())
        ax_b = list(norm_axis(_axes_list(pb), nb, "tensordot") or ())
    if len(ax_a) != len(ax_b) or len(set(ax_a)) != len(ax_a) or len(set(ax_b)) != len(ax_b) or any(
        sa[i] != sb[j] for i, j in zip(ax_a, ax_b)
    ):
        raise InvalidArgumentError(
            f"tensordot: cannot contract axes {ax_a} of a ({describe(a)}) with axes {ax_b} of b ({describe(b)})",
            op="tensordot",
        )
    free_a = [i for i in range(na) if i not in ax_a]
    free_b = [j for j in range(nb) if j not in ax_b]
    k = int(np.prod([sa[i] for i in ax_a], dtype=np.int64))
    fa_shape = tuple(sa[i] for i in free_a)
    fb_shape = tuple(sb[j] for j in free_b)
    at = a if free_a + ax_a == list(range(na)) else C.transpose_raw(a, tuple(free_a + ax_a))
    bt = b if ax_b + free_b == list(range(nb)) else C.transpose_raw(b, tuple(ax_b + free_b))
    fa = int(np.prod(fa_shape, dtype=np.int64))
    fb = int(np.prod(fb_shape, dtype=np.int64))
    r = C.matmul(C.reshape_to(at, (fa, k)), C.reshape_to(bt, (k, fb)))
    return C.reshape_to(r, fa_shape + fb_shape)


def matvec(
    a: Any,
    b: Any,
    transpose_a: bool = False,
    adjoint_a: bool = False,
    a_is_sparse: bool = False,
    b_is_sparse: bool = False,
    name: str | None = None,
) -> Tensor:
    """Matrix-vector product ``a @ b`` over the last axes (batch axes broadcast).

    Example:
        >>> import tapeflow as tf
        >>> tf.linalg.matvec(tf.constant([[1.0, 2.0], [3.0, 4.0]]), tf.constant([1.0, 1.0])).numpy().tolist()
        [3.0, 7.0]
    """
    a, b = binary_args(a, b, "matvec")
    if a._value.ndim < 2 or b._value.ndim < 1:
        raise InvalidArgumentError(
            f"matvec: a must have rank >= 2 and b rank >= 1; a is a {describe(a)}, b is a {describe(b)}", op="matvec"
        )
    if transpose_a or adjoint_a:
        a = C._swap_last(a)
    if a._value.shape[-1] != b._value.shape[-1]:
        raise InvalidArgumentError(
            f"matvec: inner dimensions differ: a has shape {tuple(a._value.shape)} (after transposes), b has shape "
            f"{tuple(b._value.shape)}, dtype {a.dtype.name}",
            op="matvec",
        )
    try:
        np.broadcast_shapes(a._value.shape[:-2], b._value.shape[:-1])
    except ValueError:
        raise InvalidArgumentError(
            f"matvec: batch dimensions do not broadcast: a is a {describe(a)}, b is a {describe(b)}", op="matvec"
        ) from None
    r = C.matmul(a, C.reshape_to(b, b._value.shape + (1,)))
    return C.reshape_to(r, r._value.shape[:-1])


# --- einsum -----------------------------------------------------------------------------------------


def _normalise_equation(equation: str, shapes: list) -> str:
    """Explicit ``->``, ellipses replaced by letters, shapes checked against subscripts."""
    eq = equation.replace(" ", "")
    if "->" in eq:
        lhs, out = eq.split("->", 1)
        explicit = True
    else:
        lhs, out, explicit = eq, "", False
    subs = lhs.split(",")
    if len(subs) != len(shapes):
        raise InvalidArgumentError(
            f"einsum: equation {equation!r} names {len(subs)} operands but {len(shapes)} were given", op="einsum"
        )
    for s in subs + [out]:
        core = s.replace("...", "")
        if any(c not in string.ascii_letters for c in core) or s.count("...") > 1:
            raise InvalidArgumentError(f"einsum: invalid subscripts {s!r} in equation {equation!r}", op="einsum")
    used = "".join(s.replace("...", "") for s in subs + [out])
    n_ell = 0
    for s, shp in zip(subs, shapes):
        k = len(s.replace("...", ""))
        if "..." in s:
            n_ell = max(n_ell, len(shp) - k)
    ell = "".join(c for c in string.ascii_letters if c not in used)[:n_ell]
    if len(ell) < n_ell:
        raise InvalidArgumentError(f"einsum: too many dimensions for equation {equation!r}", op="einsum")
    new_subs = []
    for s, shp in zip(subs, shapes):
        k = len(s.replace("...", ""))
        if "..." in s:
            m = len(shp) - k
            if m < 0:
                raise InvalidArgumentError(
                    f"einsum: operand of shape {tuple(shp)} has fewer dimensions than subscripts {s!r}", op="einsum"
                )
            s = s.replace("...", ell[n_ell - m:] if m else "")
        if len(s) != len(shp):
            raise InvalidArgumentError(
                f"einsum: subscripts {s!r} do not match an operand of rank {len(shp)} (shape {tuple(shp)}) "
                f"in equation {equation!r}",
                op="einsum",
            )
        new_subs.append(s)
    if explicit:
        if "..." in out:
            out = out.replace("...", ell)
    else:
        counts: dict = {}
        for s in new_subs:
            for c in s:
                counts[c] = counts.get(c, 0) + 1
        out = ell + "".join(sorted(c for c, n in counts.items() if n == 1 and c not in ell))
    allin = set("".join(new_subs))
    if len(set(out)) != len(out) or any(c not in allin for c in out):
        raise InvalidArgumentError(
            f"einsum: output subscripts {out!r} must be distinct and appear in the inputs ({equation!r})", op="einsum"
        )
    return ",".join(new_subs) + "->" + out


def _take_diagonals(s: str, x: Tensor, equation: str, xs: tuple) -> tuple:
    """A subscript repeated within one operand ('ii', 'bxby') selects a diagonal: take it first."""
    if len(set(s)) == len(s):
        return s, x
    shape = x._value.shape
    first: dict = {}
    for axis, (c, n) in enumerate(zip(s, shape)):
        if c in first and shape[first[c]] != n:
            raise InvalidArgumentError(
                f"einsum: Expected dimension {shape[first[c]]} at axis {axis} of the input shaped {list(shape)} "
                f"but got dimension {n} (subscript {c!r} repeats in {s!r} of {equation!r}); inputs are "
                + ", ".join(describe(t) for t in xs),
                op="einsum",
            )
        first.setdefault(c, axis)
    d, dst = L.einsum_diagonal(x, s)
    return dst, d


def einsum(equation: str, *inputs: Any, **kwargs: Any) -> Tensor:
    """Einstein summation (``'ij,jk->ik'``, batch dims, ``...``, implicit output).

    A subscript repeated within one operand takes a diagonal: ``'ii->i'`` (diagonal), ``'ii'``
    (trace), ``'bxby->bxy'``; all of it is differentiable to any order.

    Example:
        >>> import tapeflow as tf
        >>> tf.einsum("bi,bi->b", tf.ones([2, 3]), tf.ones([2, 3])).numpy().tolist()
        [3.0, 3.0]
        >>> float(tf.einsum("ii", tf.constant([[1.0, 2.0], [3.0, 4.0]])))
        5.0
    """
    if len(inputs) == 1 and isinstance(inputs[0], (list, tuple)):
        inputs = tuple(inputs[0])
    if not inputs:
        raise ValueError("einsum: at least one input tensor is needed")
    xs = tuple(tensor_arg(x, "einsum") for x in inputs)
    dt = xs[0]._value.dtype
    if any(x._value.dtype != dt for x in xs):
        raise InvalidArgumentError(
            "einsum: all inputs need the same dtype, got " + ", ".join(describe(x) for x in xs), op="einsum"
        )
    eq = _normalise_equation(equation, [x._value.shape for x in xs])
    subs, out = L.parse_equation(eq)
    if any(len(set(s)) != len(s) for s in subs):
        pairs = [_take_diagonals(s, x, equation, xs) for s, x in zip(subs, xs)]
        subs = [p[0] for p in pairs]
        xs = tuple(p[1] for p in pairs)
        if len(xs) == 1 and subs[0] == out:
            return xs[0]
        eq = ",".join(subs) + "->" + out
    sizes: dict = {}
    for s, x in zip(subs, xs):
        for c, n in zip(s, x._value.shape):
            if sizes.get(c, n) != n and 1 not in (n, sizes[c]):
                raise InvalidArgumentError(
                    f"einsum: dimension {c!r} has sizes {sizes[c]} and {n} in {equation!r}; inputs are "
                    + ", ".join(describe(x) for x in xs),
                    op="einsum",
                )
            if sizes.get(c, 1) == 1:
                sizes[c] = n
    return L.einsum_raw(eq, xs)


# --- norms ------------------------------------------------------------------------------------------


def _max_masked(v: Tensor, axis: tuple | None, keepdims: bool) -> Tensor:
    """reduce_max as a weighted sum with constant weights (ties share the gradient equally)."""
    arr = v._value
    hit = arr == np.max(arr, axis=axis, keepdims=True)
    w = hit / np.sum(hit, axis=axis, keepdims=True)
    return C.reduce_sum_raw(C.multiply(v, Tensor(w.astype(arr.dtype))), axis, keepdims)


def _matrix_norm_fn(x: Tensor, ord: Any, ax: tuple, keepdims: bool) -> Tensor:
    a0, a1 = ax
    if ord in ("euclidean", "fro"):
        return L.euclidean_norm(x, ax, keepdims)
    if ord == 1:  # max column sum
        s = C.reduce_sum_raw(L.abs_pow(x, 1), (a0,), True)
        r = _max_masked(s, (a1,), True)
    elif ord == np.inf:  # max row sum
        s = C.reduce_sum_raw(L.abs_pow(x, 1), (a1,), True)
        r = _max_masked(s, (a0,), True)
    elif ord == 2:  # spectral norm: the largest singular value
        nd = x._value.ndim
        rest = tuple(i for i in range(nd) if i not in ax)
        xt = C.transpose_raw(x, rest + (a0, a1)) if rest + (a0, a1) != tuple(range(nd)) else x
        top = L._slice_axis(L.singular_values(xt), -1, 0)
        shape = tuple(1 if i in ax else n for i, n in enumerate(x._value.shape))
        r = C.reshape_to(top, shape)
    else:
        raise ValueError(f"'ord' must be a supported matrix norm in ['euclidean', 'fro', 1, 2, inf], got {ord}")
    if keepdims:
        return r
    shape = tuple(s for i, s in enumerate(x._value.shape) if i not in ax)
    return C.reshape_to(r, shape)


def norm(tensor: Any, ord: Any = "euclidean", axis: Any = None, keepdims: Any = None, name: str | None = None) -> Tensor:
    """Vector norms (``axis`` None or an int) or matrix norms (``axis`` a pair).

    Vector ``ord``: 'euclidean' (= 2), 1, np.inf or any p > 0; matrix ``ord``: 'euclidean'/'fro',
    1, 2 (spectral: the largest singular value), np.inf. As in TensorFlow, the gradient of the
    euclidean norm at exactly 0 is NaN.

    Example:
        >>> import tapeflow as tf
        >>> float(tf.norm(tf.constant([3.0, 4.0])))
        5.0
    """
    x = tensor_arg(tensor, "norm")
    check_float(x, "norm")
    nd = x._value.ndim
    keepdims = bool(keepdims)
    if isinstance(axis, (list, tuple)) and len(axis) == 2:
        ax = norm_axis(axis, nd, "norm")
        if ax[0] == ax[1]:
            raise ValueError(f"norm: the two axes of a matrix norm must differ, got {list(axis)}")
        return _matrix_norm_fn(x, ord, ax, keepdims)
    if isinstance(axis, (list, tuple)):
        if len(axis) != 1:
            raise ValueError(f"norm: axis must be None, an int or a pair of ints, got {axis!r}")
        axis = axis[0]
    ax = None if axis is None else norm_axis(axis, nd, "norm")
    if isinstance(ord, str):
        if ord != "euclidean":
            raise ValueError(f"norm: ord={ord!r} is only valid for matrix norms (axis a pair of ints)")
        return L.euclidean_norm(x, ax, keepdims)
    try:
        p = float(ord)
    except (TypeError, ValueError):
        raise ValueError(f"norm: ord must be 'euclidean', 'fro', a positive number or np.inf, got {ord!r}") from None
    if not p > 0:
        raise ValueError(f"norm: ord must be positive, got {ord!r}")
    if p == 2:
        return L.euclidean_norm(x, ax, keepdims)
    if p == np.inf:
        return _max_masked(L.abs_pow(x, 1), ax, keepdims)
    if p == 1:
        return C.reduce_sum_raw(L.abs_pow(x, 1), ax, keepdims)
    return L.abs_pow(C.reduce_sum_raw(L.abs_pow(x, p), ax, keepdims), 1.0 / p)


# --- clipping by norm ---------------------------------------------------------------------------------


def _clip_scale(n: Tensor, c: Tensor) -> Tensor:
    """c / max(n, c), with max written as a constant-mask blend (the gradient of tf.maximum)."""
    m = np.greater(n._value, c._value)
    dt = n._value.dtype
    mt, not_m = Tensor(m.astype(dt)), Tensor((~m).astype(dt))
    denom = C.add(C.multiply(n, mt), C.multiply(c, not_m))
    return C.divide(c, denom)


def _clip_norm_arg(clip_norm: Any, like: Tensor, op: str) -> Tensor:
    if isinstance(clip_norm, (int, float)) and not isinstance(clip_norm, bool):
        return Tensor(np.asarray(clip_norm, like._value.dtype))
    c = tensor_arg(clip_norm, op)
    if c._value.dtype != like._value.dtype:
        raise InvalidArgumentError(
            f"{op}: clip_norm is a {describe(c)} but the values are {like.dtype.name}", op=op
        )
    return c


def clip_by_norm(t: Any, clip_norm: Any, axes: Any = None, name: str | None = None) -> Tensor:
    """Rescale ``t`` so its L2 norm (over ``axes``, all when None) is at most ``clip_norm``.

    Example:
        >>> import tapeflow as tf
        >>> [round(float(v), 2) for v in tf.clip_by_norm(tf.constant([3.0, 4.0]), 1.0)]
        [0.6, 0.8]
    """
    x = tensor_arg(t, "clip_by_norm")
    check_float(x, "clip_by_norm")
    c = _clip_norm_arg(clip_norm, x, "clip_by_norm")
    if (c._value < 0).any():  # TF clamps a negative clip_norm to 0 (so the result is zeros)
        c = Tensor(np.maximum(c._value, 0).astype(c._value.dtype, copy=False))
    ax = norm_axis(axes, x._value.ndim, "clip_by_norm")
    n = L.euclidean_norm(x, ax, True, safe=True)
    return C.multiply(x, _clip_scale(n, c))


def _value_list(t_list: Any, op: str) -> list:
    if isinstance(t_list, (Tensor, Variable, np.ndarray)) or not isinstance(t_list, (list, tuple)):
        raise TypeError(f"{op}: t_list should be a sequence of tensors, got {type(t_list).__name__}")
    return [None if t is None else tensor_arg(t, op) for t in t_list]


def _global_norm(ts: list, op: str) -> Tensor:
    vals = [t for t in ts if t is not None]
    if not vals:
        return Tensor(np.asarray(0.0, np.float32))
    dt = vals[0]._value.dtype
    for v in vals:
        check_float(v, op)
        if v._value.dtype != dt:
            raise InvalidArgumentError(
                f"{op}: all tensors need the same dtype, got " + ", ".join(describe(v) for v in vals), op=op
            )
    norms = [C.reshape_to(L.euclidean_norm(v, None, False, safe=True), (1,)) for v in vals]
    if len(norms) == 1:
        return C.reshape_to(norms[0], ())
    from .array_ops import CONCAT

    return L.euclidean_norm(bind(CONCAT, tuple(norms), {"axis": 0}), None, False, safe=True)


def global_norm(t_list: Any, name: str | None = None) -> Tensor:
    """sqrt(sum of squares of every entry of every tensor); None entries are ignored.

    Example:
        >>> import tapeflow as tf
        >>> float(tf.linalg.global_norm([tf.constant([3.0]), tf.constant([4.0])]))
        5.0
    """
    return _global_norm(_value_list(t_list, "global_norm"), "global_norm")


def clip_by_global_norm(t_list: Any, clip_norm: Any, use_norm: Any = None, name: str | None = None) -> tuple:
    """Scale every tensor by ``clip_norm / max(global_norm, clip_norm)``; returns ``(list, global_norm)``.

    None entries pass through. If the global norm is infinite, every entry becomes NaN (as in TF).

    Example:
        >>> import tapeflow as tf
        >>> clipped, gn = tf.clip_by_global_norm([tf.constant([3.0]), None, tf.constant([4.0])], 1.0)
        >>> float(gn), clipped[1] is None, round(float(clipped[2][0]), 2)
        (5.0, True, 0.8)
    """
    ts = _value_list(t_list, "clip_by_global_norm")
    gn = _global_norm(ts, "clip_by_global_norm") if use_norm is None else tensor_arg(use_norm, "clip_by_global_norm")
    c = _clip_norm_arg(clip_norm, gn, "clip_by_global_norm")
    scale = C.add(_clip_scale(gn, c), C.subtract(gn, gn))  # + (gn - gn): NaN when gn is inf
    out = []
    for v in ts:
        if v is None:
            out.append(None)
        else:
            out.append(C.multiply(v, C.cast_raw(scale, v._value.dtype)))
    return out, gn


# --- argument checks for matrix ops -------------------------------------------------------------------------

_F = ("float32", "float64")
_FC = ("float32", "float64", "complex64", "complex128")


def _check_dtype(t: Tensor, op: str, allowed: tuple) -> None:
    if t.dtype.name not in allowed:
        raise InvalidArgumentError(
            f"{op}: got a {describe(t)}; the allowed dtypes are {', '.join(allowed)}", op=op
        )


def _check_matrix(t: Tensor, op: str, square: bool = True, what: str = "input") -> None:
    if t._value.ndim < 2:
        raise InvalidArgumentError(f"{op}: {what} must have rank >= 2 (a matrix or a batch of them), got a "
                                   f"{describe(t)}", op=op)
    if square and t._value.shape[-1] != t._value.shape[-2]:
        raise InvalidArgumentError(f"{op}: {what} matrix must be square, got a {describe(t)}", op=op)


def _matrix_arg(x: Any, op: str, allowed: tuple = _FC, square: bool = True) -> Tensor:
    t = tensor_arg(x, op)
    _check_dtype(t, op, allowed)
    _check_matrix(t, op, square)
    return t


def _rhs_pair(matrix: Any, rhs: Any, op: str, allowed: tuple = _FC, broadcast: bool = True) -> tuple:
    """matrix (square, ..., M, M) and rhs (..., M, K), same dtype; batch axes broadcast when ``broadcast``."""
    a, b = binary_args(matrix, rhs, op)
    _check_dtype(a, op, allowed)
    _check_matrix(a, op, True, "matrix")
    _check_matrix(b, op, False, "rhs")
    sa, sb = a._value.shape, b._value.shape
    if sa[-1] != sb[-2]:
        raise InvalidArgumentError(
            f"{op}: Input matrix and rhs are incompatible: matrix is a {describe(a)}, rhs is a {describe(b)}", op=op
        )
    if broadcast:
        try:
            np.broadcast_shapes(sa[:-2], sb[:-2])
        except ValueError:
            raise InvalidArgumentError(
                f"{op}: batch dimensions do not broadcast: matrix is a {describe(a)}, rhs is a {describe(b)}", op=op
            ) from None
    elif sa[:-2] != sb[:-2]:
        raise InvalidArgumentError(
            f"{op}: matrix and rhs need the same batch dimensions: matrix is a {describe(a)}, rhs is a {describe(b)}",
            op=op,
        )
    return a, b


def _int_arg(v: Any, op: str, what: str) -> int:
    if isinstance(v, (Tensor, Variable)):
        v = np.asarray(v)
    arr = np.asarray(v)
    if arr.ndim != 0 or arr.dtype.kind not in "iu":
        raise TypeError(f"{op}: {what} must be an integer scalar, got {v!r}")
    return int(arr)


# --- inverse, solves, determinants ----------------------------------------------------------------------------


def inv(input: Any, adjoint: bool = False, name: str | None = None) -> Tensor:
    """Inverse of each square matrix in the last two axes (``adjoint``: of its conjugate transpose).

    Raises InvalidArgumentError when a matrix is exactly singular, as TF does.

    Example:
        >>> import tapeflow as tf
        >>> tf.linalg.inv(tf.constant([[2.0, 0.0], [0.0, 4.0]])).numpy().tolist()
        [[0.5, 0.0], [0.0, 0.25]]
    """
    a = _matrix_arg(input, "inv", _FC + ("float16",))
    r = L.inv(a)
    return L.adjoint(r) if adjoint else r


def solve(matrix: Any, rhs: Any, adjoint: bool = False, name: str | None = None) -> Tensor:
    """Solve ``matrix @ x = rhs`` (``adjoint``: ``matrix^H @ x = rhs``) for each batch element.

    As in TF, ``matrix`` (..., M, M) and ``rhs`` (..., M, K) need the same batch dimensions, and an
    exactly singular matrix raises InvalidArgumentError.

    Example:
        >>> import tapeflow as tf
        >>> tf.linalg.solve(tf.constant([[2.0, 0.0], [0.0, 4.0]]), tf.constant([[1.0], [2.0]])).numpy().tolist()
        [[0.5], [0.5]]
    """
    a, b = _rhs_pair(matrix, rhs, "solve", broadcast=False)
    return L.solve(a, b, bool(adjoint))


def triangular_solve(matrix: Any, rhs: Any, lower: bool = True, adjoint: bool = False,
                     name: str | None = None) -> Tensor:
    """Solve with the lower (``lower=True``) or upper triangle of ``matrix``; the other triangle is
    ignored. Batch dimensions broadcast. A zero on the diagonal gives inf/NaN, as in TF.

    Example:
        >>> import tapeflow as tf
        >>> a = tf.constant([[2.0, 9.0], [1.0, 4.0]])
        >>> tf.linalg.triangular_solve(a, tf.constant([[2.0], [5.0]])).numpy().tolist()
        [[1.0], [1.0]]
    """
    a, b = _rhs_pair(matrix, rhs, "triangular_solve")
    return L.triangular_solve(a, b, bool(lower), bool(adjoint))


def det(input: Any, name: str | None = None) -> Tensor:
    """Determinant of each square matrix in the last two axes.

    Example:
        >>> import tapeflow as tf
        >>> float(tf.linalg.det(tf.constant([[1.0, 2.0], [3.0, 4.0]])))
        -2.0
    """
    return L.det(_matrix_arg(input, "det"))


LogMatrixDeterminant = namedtuple("LogMatrixDeterminant", ["sign", "log_abs_determinant"])


def slogdet(input: Any, name: str | None = None) -> tuple:
    """``(sign, log_abs_determinant)`` of each square matrix: ``det = sign * exp(log_abs_determinant)``.

    A singular matrix gives ``(0, -inf)``. The gradient flows through ``log_abs_determinant``.

    Example:
        >>> import tapeflow as tf
        >>> s, l = tf.linalg.slogdet(tf.constant([[0.0, 2.0], [2.0, 0.0]]))
        >>> float(s), round(float(l), 4)
        (-1.0, 1.3863)
    """
    return LogMatrixDeterminant(*L.slogdet(_matrix_arg(input, "slogdet")))


def cholesky(input: Any, name: str | None = None) -> Tensor:
    """Lower Cholesky factor ``L`` (``input = L L^H``) of Hermitian positive definite matrices.

    Only the lower triangle of ``input`` is read. As TF 2.x, a matrix that is not positive definite
    gives NaNs rather than an error. The gradient is TF's: symmetric in ``input``.

    Example:
        >>> import tapeflow as tf
        >>> tf.linalg.cholesky(tf.constant([[4.0, 2.0], [2.0, 5.0]])).numpy().tolist()
        [[2.0, 0.0], [1.0, 2.0]]
    """
    return L.cholesky(_matrix_arg(input, "cholesky"))


def cholesky_solve(chol: Any, rhs: Any, name: str | None = None) -> Tensor:
    """Solve ``A x = rhs`` given ``chol``, the Cholesky factor of ``A`` (batch dimensions broadcast).

    Example:
        >>> import tapeflow as tf
        >>> a = tf.constant([[4.0, 2.0], [2.0, 5.0]])
        >>> tf.linalg.cholesky_solve(tf.linalg.cholesky(a), tf.constant([[6.0], [7.0]])).numpy().tolist()
        [[1.0], [1.0]]
    """
    c, b = _rhs_pair(chol, rhs, "cholesky_solve")
    y = L.triangular_solve(c, b, True, False)
    return L.triangular_solve(c, y, True, True)


def logdet(matrix: Any, name: str | None = None) -> Tensor:
    """log(det(matrix)) of Hermitian positive definite matrices, via the Cholesky factor (stable
    for large determinants). A matrix that is not positive definite gives NaN. Real dtypes only in
    tapeflow.

    Example:
        >>> import tapeflow as tf
        >>> round(float(tf.linalg.logdet(tf.constant([[2.0, 1.0], [1.0, 3.0]]))), 5)
        1.60944
    """
    a = _matrix_arg(matrix, "logdet", _F)
    d = L.diag_of(L.cholesky(a))
    return C.multiply(C.reduce_sum_raw(M.log(d), (-1,)), C.scalar_like(2.0, d))


# --- decompositions ---------------------------------------------------------------------------------------------

Qr = namedtuple("Qr", ["q", "r"])


def qr(input: Any, full_matrices: bool = False, name: str | None = None) -> tuple:
    """QR decomposition ``input = q @ r`` (``q`` orthonormal columns, ``r`` upper triangular).

    Signs of the columns of ``q`` (and rows of ``r``) are implementation-defined (LAPACK's here).
    The gradient is not defined (NotImplementedError, as TF) for ``full_matrices=True`` with more
    rows than columns; it is real-only in tapeflow.

    Example:
        >>> import tapeflow as tf
        >>> q, r = tf.linalg.qr(tf.constant([[3.0, 1.0], [4.0, 2.0]]))
        >>> [round(abs(float(v)), 4) for v in tf.reshape(r, [-1])]
        [5.0, 2.2, 0.0, 0.4]
    """
    a = _matrix_arg(input, "qr", _FC + ("float16",), square=False)
    return Qr(*L.qr(a, bool(full_matrices)))


def svd(tensor: Any, full_matrices: bool = False, compute_uv: bool = True, name: str | None = None) -> Any:
    """Singular value decomposition ``tensor = u @ diag(s) @ adjoint(v)``; returns ``(s, u, v)``
    (note: ``v``, not its adjoint), or only ``s`` when ``compute_uv=False``. ``s`` is descending
    and real (also for complex inputs).

    Signs of singular vectors are implementation-defined. The gradient (TF's formulas) needs
    distinct non-zero singular values; where they repeat, TF's (and tapeflow's) value is not the
    derivative. With ``full_matrices=True`` it is only defined when the row and column counts
    differ by at most 1 (NotImplementedError otherwise, as TF). Real dtypes only for gradients.

    Example:
        >>> import tapeflow as tf
        >>> tf.linalg.svd(tf.constant([[3.0, 0.0], [0.0, -4.0]]), compute_uv=False).numpy().tolist()
        [4.0, 3.0]
    """
    a = _matrix_arg(tensor, "svd", square=False)
    if not compute_uv:
        return L.singular_values(a)
    return tuple(L.svd(a, bool(full_matrices)))


def eigh(tensor: Any, name: str | None = None) -> tuple:
    """Eigen-decomposition of self-adjoint matrices (the lower triangle is read): ``(e, v)`` with
    eigenvalues ascending and eigenvectors in the columns of ``v`` (their signs are
    implementation-defined). The gradient (TF's) needs distinct eigenvalues; real dtypes only.

    Example:
        >>> import tapeflow as tf
        >>> e, v = tf.linalg.eigh(tf.constant([[2.0, 1.0], [1.0, 2.0]]))
        >>> [round(float(x), 4) for x in e]
        [1.0, 3.0]
    """
    return tuple(L.eigh(_matrix_arg(tensor, "eigh")))


def eigvalsh(tensor: Any, name: str | None = None) -> Tensor:
    """Eigenvalues (ascending) of self-adjoint matrices; the lower triangle is read.

    Example:
        >>> import tapeflow as tf
        >>> [round(float(x), 4) for x in tf.linalg.eigvalsh(tf.constant([[2.0, 1.0], [1.0, 2.0]]))]
        [1.0, 3.0]
    """
    return L.eigvalsh(_matrix_arg(tensor, "eigvalsh"))


def eig(tensor: Any, name: str | None = None) -> tuple:
    """Eigen-decomposition of general square matrices: ``(e, v)``, complex (complex64 for float32
    inputs, complex128 for float64), eigenvectors of unit norm in the columns of ``v``.

    The order of the eigenvalues and the phase of the eigenvectors are implementation-defined.
    tapeflow does not implement the gradient (TF does): asking for it raises NotImplementedError.

    Example:
        >>> import tapeflow as tf
        >>> e, v = tf.linalg.eig(tf.constant([[2.0, 0.0], [0.0, 3.0]]))
        >>> e.dtype.name, sorted(e.numpy().real.tolist())
        ('complex64', [2.0, 3.0])
    """
    return tuple(bind(L.EIG, (_matrix_arg(tensor, "eig"),)))


def eigvals(tensor: Any, name: str | None = None) -> Tensor:
    """Eigenvalues of general square matrices (complex); no gradient in tapeflow (see ``eig``).

    Example:
        >>> import tapeflow as tf
        >>> sorted(tf.linalg.eigvals(tf.constant([[0.0, 1.0], [-1.0, 0.0]])).numpy().imag.tolist())
        [-1.0, 1.0]
    """
    return bind(L.EIGVALS, (_matrix_arg(tensor, "eigvals"),))


def sqrtm(input: Any, name: str | None = None) -> Tensor:
    """Principal square root ``X`` (``X @ X = input``) of each square matrix.

    A real matrix with a negative real eigenvalue has no real square root: the result is NaN, as
    in TF. The gradient solves TF's Sylvester equation through an (n^2, n^2) linear system, so it
    suits small matrices.

    Example:
        >>> import tapeflow as tf
        >>> tf.linalg.sqrtm(tf.constant([[4.0, 0.0], [0.0, 9.0]])).numpy().tolist()
        [[2.0, 0.0], [0.0, 3.0]]
    """
    return L.sqrtm(_matrix_arg(input, "sqrtm"))


matrix_square_root = sqrtm

Lu = namedtuple("Lu", ["lu", "p"])


def lu(input: Any, output_idx_type: Any = None, name: str | None = None) -> tuple:
    """LU decomposition with partial pivoting: ``(lu, p)`` where ``input[..., p, :] = L @ U``, ``L``
    unit lower triangular (its ones not stored) and ``U`` upper triangular, packed in ``lu``.

    A singular matrix raises InvalidArgumentError. TF registers no gradient for this op: asking for
    one raises LookupError (use ``lu_reconstruct`` / ``lu_solve``, which are differentiable).

    Example:
        >>> import tapeflow as tf
        >>> lu, p = tf.linalg.lu(tf.constant([[1.0, 2.0], [4.0, 6.0]]))
        >>> lu.numpy().tolist(), p.numpy().tolist()
        ([[4.0, 6.0], [0.25, 0.5]], [1, 0])
    """
    a = _matrix_arg(input, "lu")
    idx = np.dtype(np.int32) if output_idx_type is None else _dt.np_dtype(output_idx_type)
    if idx not in (np.int32, np.int64):
        raise InvalidArgumentError(f"lu: output_idx_type must be int32 or int64, got {idx}", op="lu")
    return Lu(*L.lu(a, idx))


def _lu_parts(lower_upper: Tensor) -> tuple:
    """(unit lower L, upper U) from a packed LU matrix (differentiable)."""
    n = lower_upper._value.shape[-1]
    eye = Tensor(np.eye(n, dtype=lower_upper._value.dtype))
    low = C.add(C.subtract(L.tril(lower_upper), L._diag_times(lower_upper, 1.0)), eye)
    return low, L.triu(lower_upper)


def _lu_args(lower_upper: Any, perm: Any, op: str) -> tuple:
    lu_t = _matrix_arg(lower_upper, op)
    p = tensor_arg(perm, op)
    if p._value.dtype.kind not in "iu":
        raise InvalidArgumentError(f"{op}: perm must be an integer tensor, got a {describe(p)}", op=op)
    n = lu_t._value.shape[-1]
    if p._value.ndim < 1 or p._value.shape[-1] != n:
        raise InvalidArgumentError(
            f"{op}: perm must have shape [..., {n}] to match lower_upper ({describe(lu_t)}), got a {describe(p)}", op=op
        )
    pv = p._value
    if pv.size and (pv.min() < 0 or pv.max() >= n):
        raise InvalidArgumentError(f"{op}: perm has entries outside [0, {n})", op=op)
    return lu_t, pv


def lu_reconstruct(lower_upper: Any, perm: Any, validate_args: bool = False, name: str | None = None) -> Tensor:
    """The matrices whose LU decomposition is ``(lower_upper, perm)`` (inverse of ``tf.linalg.lu``).

    Example:
        >>> import tapeflow as tf
        >>> a = tf.constant([[1.0, 2.0], [4.0, 6.0]])
        >>> tf.linalg.lu_reconstruct(*tf.linalg.lu(a)).numpy().tolist()
        [[1.0, 2.0], [4.0, 6.0]]
    """
    lu_t, pv = _lu_args(lower_upper, perm, "lu_reconstruct")
    low, up = _lu_parts(lu_t)
    n = pv.shape[-1]
    # row j of L @ U is row perm[j] of the input: scatter with a constant permutation matrix
    pt = (pv[..., None, :] == np.arange(n)[:, None]).astype(lu_t._value.dtype)
    return C.matmul(Tensor(pt), C.matmul(low, up))


def lu_solve(lower_upper: Any, perm: Any, rhs: Any, validate_args: bool = False, name: str | None = None) -> Tensor:
    """Solve ``A x = rhs`` given the LU decomposition ``(lower_upper, perm)`` of ``A``.

    Example:
        >>> import tapeflow as tf
        >>> a = tf.constant([[1.0, 2.0], [4.0, 6.0]])
        >>> tf.linalg.lu_solve(*tf.linalg.lu(a), tf.constant([[3.0], [10.0]])).numpy().tolist()
        [[1.0], [1.0]]
    """
    lu_t, pv = _lu_args(lower_upper, perm, "lu_solve")
    lu_t, b = _rhs_pair(lu_t, rhs, "lu_solve")
    n = pv.shape[-1]
    pm = (pv[..., :, None] == np.arange(n)).astype(lu_t._value.dtype)  # (P @ rhs)[i] = rhs[perm[i]]
    low, _ = _lu_parts(lu_t)
    y = L.triangular_solve(low, C.matmul(Tensor(pm), b), True, False)
    return L.triangular_solve(lu_t, y, False, False)


def lu_matrix_inverse(lower_upper: Any, perm: Any, validate_args: bool = False, name: str | None = None) -> Tensor:
    """The inverse of ``A`` from its LU decomposition ``(lower_upper, perm)``.

    Example:
        >>> import tapeflow as tf
        >>> a = tf.constant([[2.0, 0.0], [0.0, 4.0]])
        >>> tf.linalg.lu_matrix_inverse(*tf.linalg.lu(a)).numpy().tolist()
        [[0.5, 0.0], [0.0, 0.25]]
    """
    lu_t, pv = _lu_args(lower_upper, perm, "lu_matrix_inverse")
    n = lu_t._value.shape[-1]
    eye = np.broadcast_to(np.eye(n, dtype=lu_t._value.dtype), lu_t._value.shape).copy()
    return lu_solve(lu_t, pv, Tensor(eye))


# --- least squares, pseudo-inverse, rank ----------------------------------------------------------------------


def lstsq(matrix: Any, rhs: Any, l2_regularizer: Any = 0.0, fast: bool = True, name: str | None = None) -> Tensor:
    """Least-squares solutions of ``matrix @ x = rhs`` (batch dimensions broadcast).

    ``fast=True`` (TF's default) solves the regularised normal equations with a Cholesky factor:
    ``(A^H A + l2 I)^-1 A^H rhs`` for tall ``A``, ``A^H (A A^H + l2 I)^-1 rhs`` for wide ``A`` (a
    rank-deficient matrix gives NaNs); it is differentiable (not in ``l2_regularizer``, as TF).
    ``fast=False`` returns minimum-norm solutions (SVD based, ``l2_regularizer`` ignored); as in TF
    its gradient raises ValueError.

    Example:
        >>> import tapeflow as tf
        >>> a = tf.constant([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
        >>> [round(float(v), 4) for v in tf.reshape(tf.linalg.lstsq(a, tf.constant([[1.0], [2.0], [3.0]])), [-1])]
        [1.0, 2.0]
    """
    a, b = binary_args(matrix, rhs, "lstsq")
    _check_dtype(a, "lstsq", _FC)
    _check_matrix(a, "lstsq", False, "matrix")
    _check_matrix(b, "lstsq", False, "rhs")
    if a._value.shape[-2] != b._value.shape[-2]:
        raise InvalidArgumentError(
            f"lstsq: matrix and rhs need the same number of rows: matrix is a {describe(a)}, rhs is a {describe(b)}",
            op="lstsq",
        )
    try:
        np.broadcast_shapes(a._value.shape[:-2], b._value.shape[:-2])
    except ValueError:
        raise InvalidArgumentError(
            f"lstsq: batch dimensions do not broadcast: matrix is a {describe(a)}, rhs is a {describe(b)}", op="lstsq"
        ) from None
    if not fast:
        return L.lstsq_slow(a, b)
    lam = np.asarray(l2_regularizer.numpy() if isinstance(l2_regularizer, (Tensor, Variable)) else l2_regularizer)
    m, n = a._value.shape[-2:]
    k = min(m, n)
    reg = Tensor((lam * np.eye(k)).astype(a._value.dtype))
    ah = L.adjoint(a)
    if m >= n:
        chol = L.cholesky(C.add(C.matmul(ah, a), reg))
        return cholesky_solve(chol, C.matmul(ah, b))
    chol = L.cholesky(C.add(C.matmul(a, ah), reg))
    return C.matmul(ah, cholesky_solve(chol, b))


def _float_matrix(a: Any, op: str) -> Tensor:
    t = tensor_arg(a, op)
    if t.dtype.name not in _F + ("float16",):
        raise TypeError(f"{op}: Input `a` must have `float`-like `dtype` (saw {t.dtype.name}).")
    if t.dtype.name == "float16":
        raise InvalidArgumentError(f"{op}: float16 is not supported (got a {describe(t)})", op=op)
    if t._value.ndim < 2:
        raise ValueError(f"{op}: Input `a` must have at least 2 dimensions (saw: {t._value.ndim}).")
    return t


def pinv(a: Any, rcond: Any = None, validate_args: bool = False, name: str | None = None) -> Tensor:
    """Moore-Penrose pseudo-inverse via the SVD; singular values below ``rcond * max(s)`` are
    treated as zero (default ``rcond``: ``10 * max(rows, cols) * eps``). Differentiable where the
    kept singular values are distinct.

    Example:
        >>> import tapeflow as tf
        >>> tf.linalg.pinv(tf.constant([[2.0, 0.0], [0.0, 0.0]])).numpy().tolist()
        [[0.5, 0.0], [0.0, 0.0]]
    """
    t = _float_matrix(a, "pinv")
    m, n = t._value.shape[-2:]
    dt = t._value.dtype
    rc = 10.0 * max(m, n) * np.finfo(dt).eps if rcond is None else np.asarray(np.asarray(rcond), dt)
    s, u, v = L.svd(t, False)
    sv = s._value
    cutoff = rc * (np.max(sv, axis=-1, keepdims=True) if sv.shape[-1] else sv)
    keep = sv > cutoff
    s_safe = M.select(Tensor(keep), s, Tensor(np.asarray(np.inf, dt)))
    return C.matmul(C.divide(v, L._unsq(s_safe, -2)), L.adjoint(u))


def matrix_rank(a: Any, tol: Any = None, validate_args: bool = False, name: str | None = None) -> Tensor:
    """Number of singular values above ``tol`` (default ``eps * max(rows, cols) * max(s)``), int32.

    Example:
        >>> import tapeflow as tf
        >>> int(tf.linalg.matrix_rank(tf.constant([[1.0, 2.0], [2.0, 4.0]])))
        1
    """
    t = _float_matrix(a, "matrix_rank")
    s = L.singular_values(t)._value
    m, n = t._value.shape[-2:]
    if tol is None:
        top = np.max(s, axis=-1, keepdims=True) if s.shape[-1] else s
        tol_v = np.finfo(t._value.dtype).eps * max(m, n) * top
    else:
        tol_v = np.asarray(tol.numpy() if isinstance(tol, (Tensor, Variable)) else tol)
    return Tensor(np.sum(s > tol_v, axis=-1).astype(np.int32))


# --- band part, transposes, diagonals -------------------------------------------------------------------------


def band_part(input: Any, num_lower: Any, num_upper: Any, name: str | None = None) -> Tensor:
    """Keep ``num_lower`` subdiagonals and ``num_upper`` superdiagonals (negative: all of them) of the
    last two axes; zero the rest. ``band_part(x, -1, 0)`` is the lower triangle.

    Example:
        >>> import tapeflow as tf
        >>> tf.linalg.band_part(tf.ones([3, 3]), 0, 1).numpy().tolist()
        [[1.0, 1.0, 0.0], [0.0, 1.0, 1.0], [0.0, 0.0, 1.0]]
    """
    x = tensor_arg(input, "band_part")
    lo = _int_arg(num_lower, "band_part", "num_lower")
    hi = _int_arg(num_upper, "band_part", "num_upper")
    if x._value.ndim < 2:
        raise InvalidArgumentError(f"band_part: input must be at least 2-dim, got a {describe(x)}", op="band_part")
    m, n = x._value.shape[-2:]
    if lo > m:
        raise InvalidArgumentError(
            f"band_part: num_lower must be negative or less or equal to number of rows ({m}) got: {lo}", op="band_part"
        )
    if hi > n:
        raise InvalidArgumentError(
            f"band_part: num_upper must be negative or less or equal to number of columns ({n}) got: {hi}",
            op="band_part",
        )
    return L.band_part(x, lo, hi)


def matrix_transpose(a: Any, name: str = "matrix_transpose", conjugate: bool = False) -> Tensor:
    """Transpose the last two axes (``conjugate=True``: conjugate transpose).

    Example:
        >>> import tapeflow as tf
        >>> tf.linalg.matrix_transpose(tf.ones([2, 3, 4])).shape.as_list()
        [2, 4, 3]
    """
    x = tensor_arg(a, "matrix_transpose")
    if x._value.ndim < 2:
        raise ValueError(
            "matrix_transpose: Argument `a` should be a (batch) matrix with rank >= 2.  Received `a` = "
            f"{x._value} with shape: {tuple(x._value.shape)}"
        )
    return L.adjoint(x) if conjugate else C._swap_last(x)


def adjoint(matrix: Any, name: str | None = None) -> Tensor:
    """Conjugate transpose of the last two axes.

    Example:
        >>> import tapeflow as tf
        >>> tf.linalg.adjoint(tf.constant([[1 + 2j, 3.0]])).numpy().tolist()
        [[(1-2j)], [(3-0j)]]
    """
    return matrix_transpose(matrix, conjugate=True)


_ALIGNS = ("RIGHT_LEFT", "LEFT_RIGHT", "LEFT_LEFT", "RIGHT_RIGHT")


def _k_arg(k: Any, op: str) -> tuple:
    if isinstance(k, (Tensor, Variable)):
        k = np.asarray(k).tolist()
    if isinstance(k, (list, tuple, np.ndarray)):
        ks = [int(v) for v in np.asarray(k).reshape(-1)]
        if len(ks) == 1:
            ks = ks * 2
        if len(ks) != 2:
            raise InvalidArgumentError(f"{op}: k must be a scalar or a pair (lower, upper), got {k!r}", op=op)
        k0, k1 = ks
    else:
        k0 = k1 = _int_arg(k, op, "k")
    if k0 > k1:
        raise InvalidArgumentError(f"{op}: lower_diag_index must not be larger than upper_diag_index: {k0} > {k1}",
                                   op=op)
    return k0, k1


def _align_arg(align: str, op: str) -> str:
    if align not in _ALIGNS:
        raise InvalidArgumentError(f"{op}: align must be one of {', '.join(_ALIGNS)}, got {align!r}", op=op)
    return align


def _pad_arg(v: Any, like: Tensor, op: str) -> Any:
    arr = np.asarray(v.numpy() if isinstance(v, (Tensor, Variable)) else v)
    if arr.ndim != 0:
        raise InvalidArgumentError(f"{op}: padding_value must be a scalar, got shape {arr.shape}", op=op)
    return arr.astype(like._value.dtype).item()


def _check_k_bounds(m: int, n: int, k0: int, k1: int, op: str) -> None:
    for what, kk in (("lower_diag_index", k0), ("upper_diag_index", k1)):
        if not -m < kk < n and not (m == 0 or n == 0):
            raise InvalidArgumentError(f"{op}: {what} is out of bound: {kk}. It must be between {-m} and {n} "
                                       f"(input matrices are {m}x{n})", op=op)


def _diag_args(x: Tensor, k: Any, align: str, op: str) -> tuple:
    """``(k0, k1, align, m, n)`` for the diagonals ``k`` of the ``m x n`` matrices of ``x``, checked."""
    k0, k1 = _k_arg(k, op)
    align = _align_arg(align, op)
    if x._value.ndim < 2:
        raise InvalidArgumentError(f"{op}: input must be at least 2-dim, got a {describe(x)}", op=op)
    m, n = x._value.shape[-2:]
    _check_k_bounds(m, n, k0, k1, op)
    return k0, k1, align, m, n


def diag(diagonal: Any, name: str = "diag", k: Any = 0, num_rows: Any = -1, num_cols: Any = -1,
         padding_value: Any = 0, align: str = "RIGHT_LEFT") -> Tensor:
    """Batched matrices with given diagonals (TF's ``matrix_diag``): ``k`` an offset or a range
    ``(lower, upper)``; ``num_rows``/``num_cols`` default to the smallest square fit; other entries
    are ``padding_value``. With a range, ``diagonal`` is (..., num_diags, max_len), packed as ``align``.

    Example:
        >>> import tapeflow as tf
        >>> tf.linalg.diag([1, 2]).numpy().tolist()
        [[1, 0], [0, 2]]
        >>> tf.linalg.diag([1, 2], k=1).numpy().tolist()
        [[0, 1, 0], [0, 0, 2], [0, 0, 0]]
    """
    d = tensor_arg(diagonal, "diag")
    if d._value.dtype.kind == "O" and not isinstance(padding_value, (bytes, str, Tensor)):
        raise TypeError(f"diag: Cannot convert {padding_value!r} (padding_value) to EagerTensor of dtype string "
                        f"(diagonal is a {describe(d)})")
    k0, k1 = _k_arg(k, "diag")
    align = _align_arg(align, "diag")
    single = k0 == k1
    if d._value.ndim < (1 if single else 2):
        raise InvalidArgumentError(f"diag: diagonal must be at least {1 if single else 2}-dim, got a {describe(d)}",
                                   op="diag")
    if not single and d._value.shape[-2] != k1 - k0 + 1:
        raise InvalidArgumentError(
            f"diag: The number of diagonals provided in the input ({d._value.shape[-2]}) does not match the "
            f"lower_diag_index and upper_diag_index range ({k0}, {k1})", op="diag"
        )
    width = d._value.shape[-1]
    rows = _int_arg(num_rows, "diag", "num_rows")
    cols = _int_arg(num_cols, "diag", "num_cols")
    min_rows = width - min(k1, 0)
    min_cols = width + max(k0, 0)
    if rows < 0 and cols < 0:
        rows = cols = max(min_rows, min_cols)
    elif rows < 0:
        rows = min_rows
    elif cols < 0:
        cols = min_cols
    for what, got, least in (("rows", rows, min_rows), ("columns", cols, min_cols)):
        if got < least:
            raise InvalidArgumentError(f"diag: The number of {what} is too small ({got} < {least} for diagonals of "
                                       f"length {width}, k=({k0}, {k1}))", op="diag")
    lens = [L.diag_length(rows, cols, dd) for dd in range(k0, k1 + 1)]
    if (rows != min_rows and cols != min_cols) or max(lens) != width or (width and min(lens) < 1):
        raise InvalidArgumentError(
            f"diag: The number of rows or columns ({rows}x{cols}) is not consistent with the specified d_lower={k0}, "
            f"d_upper={k1}, and diagonal ({describe(d)})", op="diag"
        )
    return L.matrix_diag(d, rows, cols, k0, k1, align, _pad_arg(padding_value, d, "diag"), single)


def diag_part(input: Any, name: str = "diag_part", k: Any = 0, padding_value: Any = 0,
              align: str = "RIGHT_LEFT") -> Tensor:
    """Diagonal ``k`` (or diagonals ``k = (lower, upper)``, packed as ``align`` and padded with
    ``padding_value``) of the last two axes.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.constant([[1, 2, 3], [4, 5, 6]])
        >>> tf.linalg.diag_part(x).numpy().tolist(), tf.linalg.diag_part(x, k=1).numpy().tolist()
        ([1, 5], [2, 6])
    """
    x = tensor_arg(input, "diag_part")
    k0, k1, align, m, n = _diag_args(x, k, align, "diag_part")
    return L.matrix_diag_part(x, k0, k1, align, _pad_arg(padding_value, x, "diag_part"), k0 == k1)


def set_diag(input: Any, diagonal: Any, name: str = "set_diag", k: Any = 0, align: str = "RIGHT_LEFT") -> Tensor:
    """``input`` with diagonal ``k`` (or the range ``k = (lower, upper)``) replaced by ``diagonal``.

    Example:
        >>> import tapeflow as tf
        >>> tf.linalg.set_diag(tf.zeros([2, 3]), [1.0, 2.0]).numpy().tolist()
        [[1.0, 0.0, 0.0], [0.0, 2.0, 0.0]]
    """
    x = tensor_arg(input, "set_diag")
    d = diagonal if isinstance(diagonal, (Tensor, Variable)) else tensor_arg(diagonal, "set_diag", dtype=x.dtype)
    x, d = binary_args(x, d, "set_diag")
    k0, k1, align, m, n = _diag_args(x, k, align, "set_diag")
    width = max(L.diag_length(m, n, dd) for dd in range(k0, k1 + 1))
    want = x._value.shape[:-2] + (() if k0 == k1 else (k1 - k0 + 1,)) + (width,)
    if d._value.shape != want:
        raise InvalidArgumentError(
            f"set_diag: diagonal must have shape {list(want)} for an input of shape {list(x._value.shape)} and "
            f"k=({k0}, {k1}); got a {describe(d)}", op="set_diag"
        )
    return L.matrix_set_diag(x, d, k0, k1, align, k0 == k1)


def trace(x: Any, name: str | None = None) -> Tensor:
    """Sum of the main diagonal of the last two axes.

    Example:
        >>> import tapeflow as tf
        >>> float(tf.linalg.trace(tf.constant([[1.0, 2.0], [3.0, 4.0]])))
        5.0
    """
    t = tensor_arg(x, "trace")
    if t._value.dtype.kind in "bOSU":
        raise InvalidArgumentError(f"trace: not defined for a {describe(t)}", op="trace")
    d = diag_part(t)
    return C.reduce_sum_raw(d, (-1,), False)


def tensor_diag(diagonal: Any, name: str | None = None) -> Tensor:
    """A tensor of shape ``s + s`` with ``diagonal`` (shape ``s``) on its diagonal (TF's ``Diag``).

    Example:
        >>> import tapeflow as tf
        >>> tf.linalg.tensor_diag([1, 2]).numpy().tolist()
        [[1, 0], [0, 2]]
    """
    d = tensor_arg(diagonal, "tensor_diag")
    s = d._value.shape
    if not s:
        raise InvalidArgumentError(f"tensor_diag: Input must be at least rank 1, got a {describe(d)}", op="tensor_diag")
    n = int(np.prod(s, dtype=np.int64))
    return C.reshape_to(L.diag_embed(C.reshape_to(d, (n,))), s + s)


def tensor_diag_part(input: Any, name: str | None = None) -> Tensor:
    """The diagonal of a tensor of shape ``s + s`` (TF's ``DiagPart``): ``out[i..] = input[i.., i..]``.

    Example:
        >>> import tapeflow as tf
        >>> tf.linalg.tensor_diag_part(tf.constant([[1, 2], [3, 4]])).numpy().tolist()
        [1, 4]
    """
    x = tensor_arg(input, "tensor_diag_part")
    shape = x._value.shape
    r = len(shape)
    if r % 2:
        raise InvalidArgumentError(
            f"tensor_diag_part: The rank of the tensor should be even and positive, got a {describe(x)}",
            op="tensor_diag_part",
        )
    s = shape[: r // 2]
    if shape[r // 2:] != s:
        raise InvalidArgumentError(
            f"tensor_diag_part: Invalid shape {list(shape)}: the first and second halves of the dimensions differ",
            op="tensor_diag_part",
        )
    n = int(np.prod(s, dtype=np.int64))
    return C.reshape_to(L.diag_of(C.reshape_to(x, (n, n))), s)


# --- cross, normalize ----------------------------------------------------------------------------------------


def cross(a: Any, b: Any, name: str | None = None) -> Tensor:
    """Cross product of 3-element vectors along the last axis (both inputs of the same shape).

    Example:
        >>> import tapeflow as tf
        >>> tf.linalg.cross([1.0, 0.0, 0.0], [0.0, 1.0, 0.0]).numpy().tolist()
        [0.0, 0.0, 1.0]
    """
    x, y = binary_args(a, b, "cross")
    if x._value.dtype.kind not in "iuf":
        raise InvalidArgumentError(f"cross: not defined for a {describe(x)} (real numbers only)", op="cross")
    if x._value.ndim < 1:
        raise InvalidArgumentError(f"cross: Input must be at least 1D, got a {describe(x)}", op="cross")
    if x._value.shape != y._value.shape:
        raise InvalidArgumentError(
            f"cross: Both inputs must be of same shape: a is a {describe(x)}, b is a {describe(y)}", op="cross"
        )
    if x._value.shape[-1] != 3:
        raise FailedPreconditionError(
            f"cross: Cross-products are only defined for 3-element vectors; got a {describe(x)}", op="cross"
        )
    return L.cross(x, y)


def normalize(tensor: Any, ord: Any = "euclidean", axis: Any = None, name: str | None = None) -> tuple:
    """``(tensor / norm, norm)`` with the norm of ``tf.norm(tensor, ord, axis, keepdims=True)``.

    Example:
        >>> import tapeflow as tf
        >>> n, s = tf.linalg.normalize(tf.constant([3.0, 4.0]))
        >>> n.numpy().tolist(), s.numpy().tolist()
        ([0.6000000238418579, 0.800000011920929], [5.0])
    """
    x = tensor_arg(tensor, "normalize")
    check_float(x, "normalize")
    n = norm(x, ord=ord, axis=axis, keepdims=True)
    return C.divide(x, n), n


# --- matrix exponential ------------------------------------------------------------------------------------------

# Pade (13, 13) coefficients and the 1-norm up to which it is accurate without scaling (Higham 2005)
_PADE13 = (64764752532480000.0, 32382376266240000.0, 7771770303897600.0, 1187353796428800.0, 129060195264000.0,
           10559470521600.0, 670442572800.0, 33522128640.0, 1323241920.0, 40840800.0, 960960.0, 16380.0, 182.0, 1.0)
_THETA13 = 5.371920351148152


def expm(input: Any, name: str | None = None) -> Tensor:
    """Matrix exponential of each square matrix: scaling and squaring with a (13, 13) Pade
    approximant, written in differentiable ops (so every order of derivative works).

    Example:
        >>> import tapeflow as tf
        >>> tf.linalg.expm(tf.zeros([2, 2])).numpy().tolist()
        [[1.0, 0.0], [0.0, 1.0]]
    """
    a = tensor_arg(input, "expm")
    if a.dtype.name not in _FC:
        raise ValueError(f"tf.linalg.expm does not support matrices of type {a.dtype!r}")
    _check_matrix(a, "expm")
    av = a._value
    n = av.shape[-1]
    if av.size == 0:
        return C.identity_raw(a)
    dt = av.dtype
    with np.errstate(divide="ignore", invalid="ignore"):
        norm1 = np.max(np.sum(np.abs(av), axis=-2), axis=-1)
        s = np.ceil(np.log2(norm1 / _THETA13))
    s = np.nan_to_num(np.maximum(s, 0), nan=0.0, posinf=0.0).astype(np.int64)
    x = C.multiply(a, Tensor((2.0 ** -s.astype(np.float64))[..., None, None].astype(dt)))
    eye = Tensor(np.eye(n, dtype=dt))
    b = [Tensor(np.asarray(c, dt)) for c in _PADE13]

    def lin(*terms: tuple) -> Tensor:
        out = None
        for coef, mat in terms:
            t = C.multiply(mat, b[coef])
            out = t if out is None else C.add(out, t)
        return out

    x2 = C.matmul(x, x)
    x4 = C.matmul(x2, x2)
    x6 = C.matmul(x4, x2)
    u = C.matmul(x, C.add(C.matmul(x6, lin((13, x6), (11, x4), (9, x2))), lin((7, x6), (5, x4), (3, x2), (1, eye))))
    v = C.add(C.matmul(x6, lin((12, x6), (10, x4), (8, x2))), lin((6, x6), (4, x4), (2, x2), (0, eye)))
    r = L.solve(C.subtract(v, u), C.add(v, u))
    for k in range(int(s.max()) if s.size else 0):
        sq = C.matmul(r, r)
        if np.all(s > k):
            r = sq
        else:  # matrices needing fewer squarings keep their value
            mask = (s > k).astype(dt)[..., None, None]
            r = C.add(C.multiply(sq, Tensor(mask)), C.multiply(r, Tensor(1 - mask)))
    return r


# --- tridiagonal and banded systems ----------------------------------------------------------------------------


def _compact_diagonals(diagonals: Any, fmt: str, op: str, pad_short: bool) -> Tensor:
    """TF's three diagonal formats -> compact (..., 3, M)."""
    if fmt == "compact":
        d = tensor_arg(diagonals, op)
        if d._value.ndim < 2:
            raise ValueError(f"{op}: Expected diagonals to have rank at least 2, got {d._value.ndim}")
        if d._value.shape[-2] != 3:
            raise ValueError(f"{op}: Expected 3 diagonals got {d._value.shape[-2]}")
        return d
    if fmt == "sequence":
        if not isinstance(diagonals, (tuple, list)) or len(diagonals) != 3:
            raise ValueError(f"{op}: Expected diagonals to be a sequence of length 3.")
        sup, main, sub = (tensor_arg(t, op) for t in diagonals)
        if len({sup._value.dtype, main._value.dtype, sub._value.dtype}) != 1:
            raise InvalidArgumentError(f"{op}: the three diagonals need the same dtype, got {describe(sup)}, "
                                       f"{describe(main)}, {describe(sub)}", op=op)
        if main._value.ndim < 1 or sup._value.shape[:-1] != main._value.shape[:-1] or \
                sub._value.shape[:-1] != main._value.shape[:-1]:
            raise ValueError(f"{op}: Tensors representing the three diagonals must have the same shape, except for "
                             f"the last dimension, got {sub.shape}, {main.shape}, {sup.shape}")
        m = main._value.shape[-1]
        parts = []
        for t, what, start in ((sup, "superdiagonal", 0), (main, "maindiagonal", 0), (sub, "subdiagonal", 1)):
            w = t._value.shape[-1]
            if w == m - 1 and pad_short and m > 0:
                t = L._place_axis(t, -1, start, m)
            elif w != m:
                raise ValueError(f"{op}: Expected {what} to have length {m}" + (f" or {m - 1}" if pad_short else "")
                                 + f", got {w}.")
            parts.append(t)
        return L.tridiag_stack(*parts)
    if fmt == "matrix":
        x = tensor_arg(diagonals, op)
        if x._value.ndim < 2 or x._value.shape[-1] != x._value.shape[-2]:
            raise ValueError(f"{op}: Expected last two dimensions of diagonals to be same, got {x.shape}")
        return L.matrix_diag_part(x, -1, 1, "LEFT_RIGHT", 0, False)
    raise ValueError(f"{op}: Unrecognized diagonals_format: {fmt}")


def tridiagonal_solve(diagonals: Any, rhs: Any, diagonals_format: str = "compact", transpose_rhs: bool = False,
                      conjugate_rhs: bool = False, name: str | None = None, partial_pivoting: bool = True,
                      perturb_singular: bool = False) -> Tensor:
    """Solve tridiagonal systems ``A x = rhs``; ``A`` given as ``diagonals`` in TF's 'compact'
    (..., 3, M: superdiagonal with its last entry unused, main diagonal, subdiagonal with its first
    entry unused), 'sequence' (three tensors) or 'matrix' (..., M, M) format. ``rhs`` is (..., M, K)
    or (..., M). Gaussian elimination with partial pivoting (``partial_pivoting=False``: without).
    A singular system gives inf/NaN. ``perturb_singular=True`` is not implemented in tapeflow.

    Example:
        >>> import tapeflow as tf
        >>> d = tf.constant([[1.0, 1.0, 0.0], [2.0, 2.0, 2.0], [0.0, 1.0, 1.0]])
        >>> tf.linalg.tridiagonal_solve(d, tf.constant([3.0, 4.0, 3.0])).numpy().tolist()
        [1.0, 1.0, 1.0]
    """
    op = "tridiagonal_solve"
    if perturb_singular and not partial_pivoting:
        raise ValueError("tridiagonal_solve: partial_pivoting must be True if perturb_singular is.")
    if perturb_singular:
        raise NotImplementedError("tridiagonal_solve: perturb_singular=True is not implemented in tapeflow")
    d = _compact_diagonals(diagonals, diagonals_format, op, True)
    d, b = binary_args(d, rhs, op)
    _check_dtype(d, op, _FC)
    dr, br = d._value.ndim, b._value.ndim
    if br not in (dr, dr - 1):
        raise ValueError(f"{op}: Expected the rank of rhs to be {dr - 1} or {dr}, got {br}")
    if b._value.shape[: dr - 2] != d._value.shape[:-2]:
        raise ValueError(f"{op}: Batch shapes {list(d._value.shape[:-2])} and {list(b._value.shape[: dr - 2])} "
                         "are incompatible")
    vector = br == dr - 1
    if vector:
        if conjugate_rhs:
            b = L.conj(b)
        b = L._unsq(b, -1)
    elif transpose_rhs:
        b = L.adjoint(b) if conjugate_rhs else C._swap_last(b)
    elif conjugate_rhs:
        b = L.conj(b)
    m = d._value.shape[-1]
    if b._value.shape[-2] != m:
        raise ValueError(f"{op}: Expected number of left-hand sided and right-hand sides to be equal, got {m} and "
                         f"{b._value.shape[-2]}")
    x = L.tridiagonal_solve(d, b, bool(partial_pivoting))
    return C.reshape_to(x, x._value.shape[:-1]) if vector else x


def tridiagonal_matmul(diagonals: Any, rhs: Any, diagonals_format: str = "compact", name: str | None = None) -> Tensor:
    """Product of tridiagonal matrices (``diagonals`` as in ``tridiagonal_solve``) with ``rhs``
    (..., M, N), in O(M N) work.

    Example:
        >>> import tapeflow as tf
        >>> d = tf.constant([[1.0, 1.0, 0.0], [2.0, 2.0, 2.0], [0.0, 1.0, 1.0]])
        >>> tf.linalg.tridiagonal_matmul(d, tf.ones([3, 1])).numpy().tolist()
        [[3.0], [4.0], [3.0]]
    """
    op = "tridiagonal_matmul"
    d = _compact_diagonals(diagonals, diagonals_format, op, False)
    d, b = binary_args(d, rhs, op)
    if b._value.ndim < 2 or b._value.shape[-2] != d._value.shape[-1]:
        raise InvalidArgumentError(f"{op}: rhs must be (..., M, N) with M = {d._value.shape[-1]}, got a "
                                   f"{describe(b)}", op=op)
    sup, main, sub = (L._unsq(L._row(d, i), -1) for i in range(3))
    out = C.add(C.multiply(main, b), C.multiply(sup, L._shift(b, -2, -1)))
    return C.add(out, C.multiply(sub, L._shift(b, -2, 1)))


def banded_triangular_solve(bands: Any, rhs: Any, lower: bool = True, adjoint: bool = False,
                            name: str | None = None) -> Tensor:
    """Solve with a banded triangular matrix given by its ``bands`` (..., K, M): for ``lower``, row 0
    is the main diagonal and row i the i-th subdiagonal (right-aligned); otherwise row K-1 is the
    main diagonal and row K-1-i the i-th superdiagonal (left-aligned), as in TF.

    Example:
        >>> import tapeflow as tf
        >>> bands = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
        >>> [round(float(v), 4) for v in tf.reshape(tf.linalg.banded_triangular_solve(bands, tf.ones([3, 1])), [-1])]
        [1.0, -2.0, 4.3333]
    """
    op = "banded_triangular_solve"
    bd, b = binary_args(bands, rhs, op)
    _check_dtype(bd, op, _FC)
    if bd._value.ndim < 2 or b._value.ndim < 2:
        raise InvalidArgumentError(f"{op}: bands and rhs must have rank >= 2, got a {describe(bd)} and a "
                                   f"{describe(b)}", op=op)
    k, m = bd._value.shape[-2:]
    if k < 1 or k > max(m, 1):
        raise InvalidArgumentError(f"{op}: the number of bands ({k}) must be between 1 and M = {m}", op=op)
    if b._value.shape[-2] != m:
        raise InvalidArgumentError(f"{op}: rhs has {b._value.shape[-2]} rows, the bands describe {m}x{m} matrices",
                                   op=op)
    k0, k1 = (-(k - 1), 0) if lower else (0, k - 1)
    dense = L.matrix_diag(bd, m, m, k0, k1, "LEFT_RIGHT", 0, False)
    a, b = _rhs_pair(dense, b, op)
    return L.triangular_solve(a, b, bool(lower), bool(adjoint))


# names in __all__ become top-level ``tf.*`` names (TF has these at top level); the rest of
# ``tf.linalg`` is listed in tapeflow/linalg.py
__all__ = ["tensordot", "einsum", "norm", "clip_by_norm", "clip_by_global_norm", "eig", "eigvals", "matrix_square_root"]
