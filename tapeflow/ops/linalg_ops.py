"""Linear algebra (``tf.linalg`` and top-level ``tf.*``): tensordot, einsum, matvec, norms, clipping.

Example:
    >>> import tapeflow as tf
    >>> tf.einsum("ij,jk->ik", tf.ones([2, 3]), tf.ones([3, 4])).shape.as_list()
    [2, 4]
"""

from __future__ import annotations

import string
from typing import Any

import numpy as np

from ..errors import InvalidArgumentError
from ..primitives import array as A
from ..primitives import bind
from ..primitives import core as C
from ..primitives import linalg as L
from ..tensor import Tensor, Variable
from ._args import binary_args, check_float, describe, norm_axis, tensor_arg

# --- tensordot / matvec -----------------------------------------------------------------------------


def _axes_list(v: Any) -> list:
    if isinstance(v, (Tensor, Variable)):
        v = np.asarray(v)
    return [int(a) for a in np.asarray(v).reshape(-1)]


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
        if len(set(s)) != len(s):
            raise InvalidArgumentError(
                f"einsum: repeated subscript in operand {s!r} (diagonals/traces such as 'ii->i') is not supported; "
                "use tf.linalg.diag_part / tf.linalg.trace",
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


def einsum(equation: str, *inputs: Any, **kwargs: Any) -> Tensor:
    """Einstein summation (``'ij,jk->ik'``, batch dims, ``...``, implicit output).

    Repeated subscripts within one operand (diagonals, traces) are not supported.

    Example:
        >>> import tapeflow as tf
        >>> tf.einsum("bi,bi->b", tf.ones([2, 3]), tf.ones([2, 3])).numpy().tolist()
        [3.0, 3.0]
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
    subs, _ = L.parse_equation(eq)
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
    else:
        raise ValueError(
            f"norm: matrix ord must be 'euclidean', 'fro', 1 or np.inf in tapeflow, got {ord!r} "
            "(ord=2, the spectral norm, is not supported)"
        )
    if keepdims:
        return r
    shape = tuple(s for i, s in enumerate(x._value.shape) if i not in ax)
    return C.reshape_to(r, shape)


def norm(tensor: Any, ord: Any = "euclidean", axis: Any = None, keepdims: Any = None, name: str | None = None) -> Tensor:
    """Vector norms (``axis`` None or an int) or matrix norms (``axis`` a pair).

    Vector ``ord``: 'euclidean' (= 2), 1, np.inf or any p > 0; matrix ``ord``: 'euclidean'/'fro',
    1, np.inf. As in TensorFlow, the gradient of the euclidean norm at exactly 0 is NaN.

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


# --- diagonals -----------------------------------------------------------------------------------------


def diag_part(input: Any, name: str | None = None, k: int = 0, padding_value: Any = 0, align: str = "RIGHT_LEFT") -> Tensor:
    """The main diagonal of the last two axes (``k == 0`` only).

    Example:
        >>> import tapeflow as tf
        >>> tf.linalg.diag_part(tf.constant([[1, 2], [3, 4]])).numpy().tolist()
        [1, 4]
    """
    x = tensor_arg(input, "diag_part")
    if k != 0:
        raise NotImplementedError("diag_part: only k=0 (the main diagonal) is supported")
    shape = x._value.shape
    if len(shape) < 2:
        raise InvalidArgumentError(f"diag_part: input must have rank >= 2, got a {describe(x)}", op="diag_part")
    m, n = shape[-2:]
    flat = C.reshape_to(x, shape[:-2] + (m * n,))
    return A.gather(flat, np.arange(min(m, n), dtype=np.intp) * (n + 1), len(shape) - 2)


def trace(x: Any, name: str | None = None) -> Tensor:
    """Sum of the main diagonal of the last two axes.

    Example:
        >>> import tapeflow as tf
        >>> float(tf.linalg.trace(tf.constant([[1.0, 2.0], [3.0, 4.0]])))
        5.0
    """
    d = diag_part(x)
    if d._value.dtype.kind == "b":
        raise InvalidArgumentError(f"trace: not defined for {describe(d)}", op="trace")
    return C.reduce_sum_raw(d, (-1,), False)


__all__ = ["tensordot", "einsum", "matvec", "norm", "clip_by_norm", "clip_by_global_norm", "global_norm",
           "diag_part", "trace"]
