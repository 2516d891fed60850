"""Core primitives the engine itself relies on: arithmetic, shape plumbing, matmul, cast.

Every rule here is batchable: its VJP keeps any extra leading axes of ``g``.
"""

from __future__ import annotations

import numpy as np

from ..errors import InvalidArgumentError
from ..tensor import Tensor
from . import bind1, bind2, defprim

# shared example shape sets for the gradient checker
BINARY_SHAPES = [((3, 4), (3, 4)), ((3, 1), (1, 4)), ((), (2, 3)), ((4, 1, 3), (2, 1)), ((2, 3), ())]
UNARY_SHAPES = [((3, 4),), ((),), ((2, 1, 3),)]


def nbatch(g: Tensor, out: Tensor) -> int:
    """How many leading batch axes a cotangent carries (jacobian's one-hot batch)."""
    return g._value.ndim - out._value.ndim


def _sum_to_fwd(x: np.ndarray, shape: tuple, nb: int = 0) -> np.ndarray:
    """Sum ``x`` (batch + extra + core axes) down to ``x.shape[:nb] + shape``."""
    full = x.shape[:nb] + shape
    if x.shape == full:
        return x
    lead = x.ndim - len(full)
    axes = tuple(range(nb, nb + lead)) + tuple(
        nb + lead + i for i, s in enumerate(shape) if s == 1 and x.shape[nb + lead + i] != 1
    )
    r = np.sum(x, axis=axes, keepdims=True, dtype=x.dtype)
    return r.reshape(full)


def _sum_to_vjp(g, out, ins, p, need):
    (x,) = ins
    ob = nbatch(g, out)
    nb = p.get("nb", 0)
    shape = p["shape"]
    gs = g._value.shape
    pad = (1,) * (x._value.ndim - nb - len(shape))
    return (broadcast_to(reshape_to(g, gs[: ob + nb] + pad + shape), gs[:ob] + x._value.shape),)


def _broadcast_to_fwd(x: np.ndarray, shape: tuple) -> np.ndarray:
    # materialised (np.broadcast_to costs ~3 us of Python and gives a read-only view)
    out = np.empty(shape, x.dtype)
    out[...] = x
    return out


def _broadcast_to_vjp(g, out, ins, p, need):
    (x,) = ins
    return (sum_to(g, x._value.shape, nbatch(g, out)),)


def _reshape_vjp(g, out, ins, p, need):
    nb = nbatch(g, out)
    return (reshape_to(g, g._value.shape[:nb] + ins[0]._value.shape),)


SUM_TO = defprim("sum_to", _sum_to_fwd, _sum_to_vjp,
                 examples=[(((3, 4),), {"shape": (1, 4)}), (((2, 3, 4),), {"shape": (3, 1)}), (((3,),), {"shape": ()}),
                           (((2, 3, 4),), {"shape": (1,), "nb": 1})])
BROADCAST_TO = defprim("broadcast_to", _broadcast_to_fwd, _broadcast_to_vjp,
                       examples=[(((1, 4),), {"shape": (3, 4)}), (((3, 1),), {"shape": (2, 3, 4)}), (((),), {"shape": (2, 2)})])
RESHAPE = defprim("reshape", lambda x, shape: np.reshape(x, shape), _reshape_vjp,
                  examples=[(((3, 4),), {"shape": (2, 6)}), (((2, 3, 4),), {"shape": (4, 6)}), (((1,),), {"shape": ()})])


def sum_to(x: Tensor, shape: tuple, nb: int = 0) -> Tensor:
    """Sum ``x`` down to ``x.shape[:nb] + shape`` (the inverse of broadcasting)."""
    shape = tuple(shape)
    if x._value.shape[nb:] == shape:
        return x
    return bind1(SUM_TO, x, {"shape": shape, "nb": nb} if nb else {"shape": shape})


def broadcast_to(x: Tensor, shape: tuple) -> Tensor:
    """Broadcast ``x`` to ``shape`` (raw primitive, no argument checks)."""
    shape = tuple(shape)
    if x._value.shape == shape:
        return x
    return bind1(BROADCAST_TO, x, {"shape": shape})


def reshape_to(x: Tensor, shape: tuple) -> Tensor:
    """Reshape ``x`` to a fully known ``shape`` (raw primitive)."""
    shape = tuple(shape)
    if x._value.shape == shape:
        return x
    return bind1(RESHAPE, x, {"shape": shape})


def sum_to_shape(g: Tensor, nb: int, shape: tuple, opname: str) -> Tensor:
    """The one place broadcasting is undone in the backward walk, with a shape check."""
    gs = g._value.shape[nb:]
    ok = len(gs) >= len(shape) and all(
        a == b or b == 1 for a, b in zip(gs[len(gs) - len(shape):], shape)
    )
    if not ok:
        raise InvalidArgumentError(
            f"gradient rule of '{opname}' returned a gradient of shape {tuple(gs)} for an input of "
            f"shape {tuple(shape)}", op=opname,
        )
    return sum_to(g, shape, nb)


def zeros_array(shape: tuple, dtype: np.dtype) -> Tensor:
    return Tensor(np.zeros(shape, dtype))


# --- arithmetic -------------------------------------------------------------------------------


def _add_vjp(g, out, ins, p, need):
    return (g, g)


def _sub_vjp(g, out, ins, p, need):
    return (g, negative(g) if need[1] else None)


def _cj(t: Tensor) -> Tensor:
    """The complex conjugate (TF's gradient convention for complex ops: dL/dx = g * conj(dy/dx))."""
    from .math import CONJ

    return bind1(CONJ, t)


def _mul_vjp(g, out, ins, p, need):
    x, y = ins
    if out._value.dtype.kind == "c":
        x, y = _cj(x), _cj(y)
    return (multiply(g, y) if need[0] else None, multiply(g, x) if need[1] else None)


def _div_vjp(g, out, ins, p, need):
    x, y = ins
    if out._value.dtype.kind == "c":
        gx = divide(g, _cj(y))
        return (gx if need[0] else None, negative(multiply(gx, _cj(divide(x, y)))) if need[1] else None)
    gx = divide(g, y) if need[0] or need[1] else None
    return (gx if need[0] else None, negative(multiply(gx, divide(x, y))) if need[1] else None)


def _neg_vjp(g, out, ins, p, need):
    return (negative(g),)


ADD = defprim("add", np.add, _add_vjp, examples=[(s, {}) for s in BINARY_SHAPES], elementwise=True)
SUBTRACT = defprim("subtract", np.subtract, _sub_vjp, examples=[(s, {}) for s in BINARY_SHAPES], elementwise=True)
MULTIPLY = defprim("multiply", np.multiply, _mul_vjp, examples=[(s, {}) for s in BINARY_SHAPES], elementwise=True)
DIVIDE = defprim("divide", np.divide, _div_vjp, examples=[(s, {}, "pos") for s in BINARY_SHAPES], elementwise=True)
NEGATIVE = defprim("negative", np.negative, _neg_vjp, examples=[(s, {}) for s in UNARY_SHAPES], elementwise=True)


def add(x: Tensor, y: Tensor) -> Tensor:
    return bind2(ADD, x, y)


def add_n2(x: Tensor, y: Tensor) -> Tensor:
    """Accumulate two gradients (used by the backward walk)."""
    return bind2(ADD, x, y)


def subtract(x: Tensor, y: Tensor) -> Tensor:
    return bind2(SUBTRACT, x, y)


def multiply(x: Tensor, y: Tensor) -> Tensor:
    return bind2(MULTIPLY, x, y)


def divide(x: Tensor, y: Tensor) -> Tensor:
    return bind2(DIVIDE, x, y)


def negative(x: Tensor) -> Tensor:
    return bind1(NEGATIVE, x)


def scalar_like(value: float, like: Tensor) -> Tensor:
    """A 0-d constant with ``like``'s dtype (for use inside rules)."""
    return Tensor(np.asarray(value, like._value.dtype))


# --- reductions and shape ---------------------------------------------------------------------


def _reduce_sum_fwd(x: np.ndarray, axis: tuple | None, keepdims: bool) -> np.ndarray:
    # np.add.reduce directly: np.sum's wrapper costs ~2 us per call
    return np.add.reduce(x, axis=axis, keepdims=keepdims, dtype=x.dtype if x.dtype.kind != "b" else np.int64)


def _kept_shape(xshape: tuple, axis: tuple | None) -> tuple:
    if axis is None:
        return (1,) * len(xshape)
    nd = len(xshape)
    ax = {a % nd for a in axis}
    return tuple(1 if i in ax else s for i, s in enumerate(xshape))


def _reduce_sum_vjp(g, out, ins, p, need):
    (x,) = ins
    nb = nbatch(g, out)
    if not nb and p["axis"] is None:  # a full sum: the scalar g broadcasts as it is
        return (broadcast_to(g, x._value.shape),)
    bs = g._value.shape[:nb]
    kept = reshape_to(g, bs + _kept_shape(x._value.shape, p["axis"]))
    return (broadcast_to(kept, bs + x._value.shape),)


REDUCE_SUM = defprim(
    "reduce_sum", _reduce_sum_fwd, _reduce_sum_vjp,
    examples=[(((3, 4),), {"axis": None, "keepdims": False}), (((3, 4),), {"axis": (1,), "keepdims": False}),
              (((2, 3, 4),), {"axis": (0, 2), "keepdims": True}), (((2, 3),), {"axis": (-1,), "keepdims": False})],
)


def reduce_sum_raw(x: Tensor, axis: tuple | None = None, keepdims: bool = False) -> Tensor:
    return bind1(REDUCE_SUM, x, {"axis": axis, "keepdims": keepdims})


def _transpose_vjp(g, out, ins, p, need):
    nb = nbatch(g, out)
    perm = p["perm"]
    inv = tuple(int(i) for i in np.argsort(perm))
    return (transpose_raw(g, tuple(range(nb)) + tuple(nb + i for i in inv)),)


TRANSPOSE = defprim("transpose", lambda x, perm: np.transpose(x, perm), _transpose_vjp,
                    examples=[(((3, 4),), {"perm": (1, 0)}), (((2, 3, 4),), {"perm": (2, 0, 1)})])


def transpose_raw(x: Tensor, perm: tuple) -> Tensor:
    return bind1(TRANSPOSE, x, {"perm": tuple(perm)})


# --- matmul -----------------------------------------------------------------------------------


def _swap_last(x: Tensor) -> Tensor:
    nd = x._value.ndim
    if nd < 2:
        return x
    return transpose_raw(x, tuple(range(nd - 2)) + (nd - 1, nd - 2))


def _matmul_vjp(g, out, ins, p, need):
    a, b = ins
    if out._value.dtype.kind == "c":
        a, b = _cj(a), _cj(b)
    return (
        matmul(g, _swap_last(b)) if need[0] else None,
        matmul(_swap_last(a), g) if need[1] else None,
    )


def _matmul_fwd(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    # a stack against one matrix is one big matrix product, not a loop of small ones
    if a.ndim > 2 and b.ndim == 2:
        return (a.reshape(-1, a.shape[-1]) @ b).reshape(a.shape[:-1] + (b.shape[-1],))
    if a.ndim == 2 and b.ndim > 2:
        return np.moveaxis(np.tensordot(a, b, axes=([1], [b.ndim - 2])), 0, -2)
    return np.matmul(a, b)


MATMUL = defprim(
    "matmul", _matmul_fwd, _matmul_vjp,
    examples=[(((3, 4), (4, 2)), {}), (((2, 3, 4), (4, 5)), {}), (((2, 1, 3, 4), (3, 4, 2)), {}),
              (((3, 2, 4), (3, 4, 2)), {})],
)


def matmul(a: Tensor, b: Tensor) -> Tensor:
    return bind2(MATMUL, a, b)


# --- cast -------------------------------------------------------------------------------------


def _cast_vjp(g, out, ins, p, need):
    (x,) = ins
    if x._value.dtype.kind not in "fc":
        return (None,)
    return (cast_raw(g, x._value.dtype),)


def _cast_fwd(x: np.ndarray, dtype: np.dtype) -> np.ndarray:
    return np.asarray(x).astype(dtype, copy=False)


# cast's rule is checked in tests/test_cast.py (a float64 -> float32 -> float64 round trip).
CAST = defprim("cast", _cast_fwd, _cast_vjp, elementwise=True)
CAST_NONDIFF = defprim("cast_to_int", _cast_fwd, None)


def cast_raw(x: Tensor, dtype: np.dtype) -> Tensor:
    if x._value.dtype == dtype:
        return x
    if dtype.kind not in "fc":
        return bind1(CAST_NONDIFF, x, {"dtype": dtype})
    return bind1(CAST, x, {"dtype": dtype})


# --- identity / stop_gradient -------------------------------------------------------------------

IDENTITY = defprim("identity", lambda x: x, lambda g, out, ins, p, need: (g,),
                   examples=[(s, {}) for s in UNARY_SHAPES], elementwise=True)
STOP_GRADIENT = defprim("stop_gradient", lambda x: x, None)


def identity_raw(x: Tensor) -> Tensor:
    return bind1(IDENTITY, x)


def stop_gradient_raw(x: Tensor) -> Tensor:
    return bind1(STOP_GRADIENT, x)


__all__: list[str] = []
