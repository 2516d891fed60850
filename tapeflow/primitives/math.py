"""Rules for elementwise math, comparisons, reductions and scans.

Every VJP here is written with tapeflow ops on Tensors (so nested tapes give higher
derivatives) and keeps the extra leading batch axes of ``g`` used by jacobians. Rules reuse
``out`` where that is cheaper (exp, tanh, sigmoid, sqrt ...). Non-differentiable primitives are
registered with ``vjp=None``: tapes note the cut and return ``None`` gradients, as TF does.

Example:
    >>> from tapeflow.primitives import RULES
    >>> import tapeflow.primitives.math  # noqa: F401
    >>> RULES["tanh"].vjp is not None and RULES["floor"].vjp is None
    True
"""

from __future__ import annotations

import math as _m
from collections.abc import Callable
from typing import Any

import numpy as np

from ..tensor import Tensor
from . import bind, bind1, bind2, defprim, no_gradient
from .core import (
    BINARY_SHAPES,
    UNARY_SHAPES,
    _kept_shape,
    add,
    broadcast_to,
    cast_raw,
    divide,
    multiply,
    nbatch,
    negative,
    reduce_sum_raw,
    reshape_to,
    scalar_like,
    stop_gradient_raw,
    subtract,
    transpose_raw,
)

_SQRT_PI = _m.sqrt(_m.pi)
_TWO_OVER_SQRT_PI = 2.0 / _SQRT_PI


def _c(v: float, like: Tensor) -> Tensor:
    return scalar_like(v, like)


# --- erf without SciPy --------------------------------------------------------------------------


def _erf_np(x: np.ndarray) -> np.ndarray:
    """Vectorised erf, accurate to ~1e-15 relative in float64.

    |x| < 2.5: the everywhere-positive series erf(x) = 2/sqrt(pi) exp(-x^2) sum 2^n x^(2n+1)/(2n+1)!!
    (no cancellation); |x| >= 2.5: erfc's continued fraction, evaluated backwards at fixed depth.
    Small arrays go through math.erf, which is cheaper than the fixed-length loops.
    """
    x = np.asarray(x)
    dt = x.dtype if x.dtype.kind == "f" else np.dtype(np.float64)
    if x.size <= 64:
        flat = np.fromiter(map(_m.erf, x.ravel().tolist()), np.float64, x.size)
        return flat.reshape(x.shape).astype(dt, copy=False)
    a = np.abs(x.astype(np.float64))
    out = np.empty_like(a)
    small = a < 2.5
    xs = a[small]
    if xs.size:
        x2 = xs * xs
        term = xs.copy()
        total = xs.copy()
        for n in range(1, 46):
            term *= x2 * (2.0 / (2 * n + 1))
            total += term
        out[small] = _TWO_OVER_SQRT_PI * np.exp(-x2) * total
    big = ~small
    if big.any():
        xb = a[big]
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            t = xb.copy()
            for k in range(30, 0, -1):
                t = xb + (0.5 * k) / t
            out[big] = 1.0 - np.exp(-xb * xb) / (_SQRT_PI * t)
    return np.copysign(out, x).astype(dt, copy=False)


# --- unary elementwise --------------------------------------------------------------------------


def _unary(name: str, fwd: Callable, dfun: Callable, sampler: str | None = None):
    """Register a unary rule whose VJP is ``dfun(g, out, x)``."""

    def vjp(g, out, ins, p, need):
        return (dfun(g, out, ins[0]),)

    ex = [(s, {}, sampler) if sampler else (s, {}) for s in UNARY_SHAPES]
    return defprim(name, fwd, vjp, examples=ex, elementwise=True)


def _sign_vjp(g, out, ins, p, need):
    return (Tensor(np.zeros(g._value.shape, g._value.dtype)),)


def _abs_grad(g: Tensor, out: Tensor, x: Tensor) -> Tensor:
    if x._value.dtype.kind != "c":
        return multiply(g, sign(x))
    # complex x (TF's ComplexAbs gradient): g * x / |x|, 0 where x == 0; differentiable in x for order 2
    safe = add(out, Tensor(np.asarray(out._value == 0, out._value.dtype)))
    zeros = Tensor(np.zeros(out._value.shape, out._value.dtype))
    return divide(multiply(bind2(COMPLEX, g, Tensor(np.zeros(g._value.shape, g._value.dtype))), x),
                  bind2(COMPLEX, safe, zeros))


ABS = _unary("abs", np.abs, _abs_grad, "away0")
SIGN = defprim("sign", np.sign, _sign_vjp, examples=[(s, {}, "away0") for s in UNARY_SHAPES], elementwise=True)
SQUARE = _unary("square", np.square, lambda g, out, x: multiply(g, multiply(_c(2.0, x), x)))
SQRT = _unary("sqrt", np.sqrt, lambda g, out, x: divide(g, multiply(_c(2.0, out), out)), "pos")
RSQRT = _unary(
    "rsqrt", lambda x: np.reciprocal(np.sqrt(x)),
    lambda g, out, x: multiply(g, multiply(_c(-0.5, out), multiply(out, multiply(out, out)))), "pos",
)
RECIPROCAL = _unary("reciprocal", np.reciprocal, lambda g, out, x: negative(multiply(g, multiply(out, out))), "away0")
EXP = _unary("exp", np.exp, lambda g, out, x: multiply(g, out))
EXPM1 = _unary("expm1", np.expm1, lambda g, out, x: multiply(g, add(out, _c(1.0, out))))
LOG = _unary("log", np.log, lambda g, out, x: divide(g, x), "pos")
LOG1P = _unary("log1p", np.log1p, lambda g, out, x: divide(g, add(x, _c(1.0, x))), "pos")
SIN = _unary("sin", np.sin, lambda g, out, x: multiply(g, cos(x)))
COS = _unary("cos", np.cos, lambda g, out, x: negative(multiply(g, sin(x))))
TAN = _unary("tan", np.tan, lambda g, out, x: multiply(g, add(_c(1.0, out), multiply(out, out))), "unit")
ASIN = _unary("asin", np.arcsin,
              lambda g, out, x: divide(g, sqrt(subtract(_c(1.0, x), multiply(x, x)))), "unit")
ACOS = _unary("acos", np.arccos,
              lambda g, out, x: negative(divide(g, sqrt(subtract(_c(1.0, x), multiply(x, x))))), "unit")
ATAN = _unary("atan", np.arctan, lambda g, out, x: divide(g, add(_c(1.0, x), multiply(x, x))))
SINH = _unary("sinh", np.sinh, lambda g, out, x: multiply(g, cosh(x)))
COSH = _unary("cosh", np.cosh, lambda g, out, x: multiply(g, sinh(x)))


def _tanh_grad_fwd(g: np.ndarray, y: np.ndarray) -> np.ndarray:
    return np.multiply(np.subtract(1, np.multiply(y, y), dtype=y.dtype), g)


def _tanh_grad_vjp(c, out, ins, p, need):
    """tanh_grad(g, y) = g * (1 - y^2): linear in g; d/dy = -2 g y."""
    g, y = ins
    gg = tanh_grad(c, y) if need[0] else None
    gy = multiply(c, multiply(g, multiply(_c(-2.0, y), y))) if need[1] else None
    return (gg, gy)


TANH_GRAD = defprim("tanh_grad", _tanh_grad_fwd, _tanh_grad_vjp,
                    examples=[(s, {}, "unit") for s in BINARY_SHAPES], elementwise=True)


def tanh_grad(g: Tensor, y: Tensor) -> Tensor:
    """g * (1 - y**2) in one pass: tanh's VJP given its output y."""
    return bind2(TANH_GRAD, g, y)


TANH = _unary("tanh", np.tanh, lambda g, out, x: tanh_grad(g, out))


def _sigmoid_fwd(x: np.ndarray) -> np.ndarray:
    if x.dtype.itemsize < 4:  # float16: compute in float32 (its exp overflows at 11)
        return _sigmoid_fwd(x.astype(np.float32)).astype(x.dtype)
    # clamp exp's argument below overflow (88 for float32, 709 for float64): the result there is
    # already ~1e-38 / 1e-308, and no overflow warning is raised (np.errstate costs ~5 us)
    t = np.empty_like(x)
    np.negative(x, out=t)
    np.minimum(t, 88.0 if x.dtype.itemsize == 4 else 709.0, out=t)
    np.exp(t, out=t)
    t += 1
    return np.reciprocal(t, out=t)


SIGMOID = _unary("sigmoid", _sigmoid_fwd,
                 lambda g, out, x: multiply(g, multiply(out, subtract(_c(1.0, out), out))))
ERF = _unary("erf", _erf_np,
             lambda g, out, x: multiply(g, multiply(_c(_TWO_OVER_SQRT_PI, x), exp(negative(multiply(x, x))))))


def abs_raw(x: Tensor) -> Tensor:
    return bind1(ABS, x)


def sign(x: Tensor) -> Tensor:
    return bind1(SIGN, x)


def square(x: Tensor) -> Tensor:
    return bind1(SQUARE, x)


def sqrt(x: Tensor) -> Tensor:
    return bind1(SQRT, x)


def exp(x: Tensor) -> Tensor:
    return bind1(EXP, x)


def log(x: Tensor) -> Tensor:
    return bind1(LOG, x)


def sin(x: Tensor) -> Tensor:
    return bind1(SIN, x)


def cos(x: Tensor) -> Tensor:
    return bind1(COS, x)


def sinh(x: Tensor) -> Tensor:
    return bind1(SINH, x)


def cosh(x: Tensor) -> Tensor:
    return bind1(COSH, x)


# --- non-differentiable elementwise -------------------------------------------------------------

FLOOR = defprim("floor", np.floor, None)
CEIL = defprim("ceil", np.ceil, None)
ROUND = defprim("round", np.round, None)  # half to even, as TF
FLOORDIV = defprim("floordiv", np.floor_divide, None)
EQUAL = defprim("equal", np.equal, None)
NOT_EQUAL = defprim("not_equal", np.not_equal, None)
LESS = defprim("less", np.less, None)
LESS_EQUAL = defprim("less_equal", np.less_equal, None)
GREATER = defprim("greater", np.greater, None)
GREATER_EQUAL = defprim("greater_equal", np.greater_equal, None)
LOGICAL_AND = defprim("logical_and", np.logical_and, None)
LOGICAL_OR = defprim("logical_or", np.logical_or, None)
LOGICAL_XOR = defprim("logical_xor", np.logical_xor, None)
LOGICAL_NOT = defprim("logical_not", np.logical_not, None)
BITWISE_AND = defprim("bitwise_and", np.bitwise_and, None)
BITWISE_OR = defprim("bitwise_or", np.bitwise_or, None)
BITWISE_XOR = defprim("bitwise_xor", np.bitwise_xor, None)
INVERT = defprim("invert", np.invert, None)
IS_NAN = defprim("is_nan", np.isnan, None)
IS_FINITE = defprim("is_finite", np.isfinite, None)
IS_INF = defprim("is_inf", np.isinf, None)
def _arg_extreme(find: Callable, fill: float) -> Callable:
    """argmax/argmin as TF's: NaN never wins (NumPy returns the first NaN); only when NumPy's pick
    is a NaN are the NaNs replaced by ``fill`` and the search redone."""
    def forward(x: np.ndarray, axis: int, dtype: Any) -> np.ndarray:
        i = find(x, axis=axis)
        if x.dtype.kind in "fc" and x.size:
            picked = np.take_along_axis(x, np.expand_dims(i, axis), axis)
            if np.isnan(picked).any():
                i = find(np.where(np.isnan(x), fill, x), axis=axis)
        return i.astype(dtype, copy=False)

    return forward


ARGMAX = defprim("argmax", _arg_extreme(np.argmax, -np.inf), None)
ARGMIN = defprim("argmin", _arg_extreme(np.argmin, np.inf), None)
WHERE_INDICES = defprim("where_indices", lambda c: np.argwhere(c).astype(np.int64, copy=False), None)
REDUCE_ANY = defprim("reduce_any", lambda x, axis, keepdims: np.logical_or.reduce(x, axis=axis, keepdims=keepdims), None)
REDUCE_ALL = defprim("reduce_all", lambda x, axis, keepdims: np.logical_and.reduce(x, axis=axis, keepdims=keepdims), None)


def floor(x: Tensor) -> Tensor:
    return bind1(FLOOR, x)


def equal(x: Tensor, y: Tensor) -> Tensor:
    return bind2(EQUAL, x, y)


def greater_equal(x: Tensor, y: Tensor) -> Tensor:
    return bind2(GREATER_EQUAL, x, y)


def less_equal(x: Tensor, y: Tensor) -> Tensor:
    return bind2(LESS_EQUAL, x, y)


def greater(x: Tensor, y: Tensor) -> Tensor:
    return bind2(GREATER, x, y)


def less(x: Tensor, y: Tensor) -> Tensor:
    return bind2(LESS, x, y)


def logical_or(x: Tensor, y: Tensor) -> Tensor:
    return bind2(LOGICAL_OR, x, y)


# --- select (tf.where with x and y) -------------------------------------------------------------


def _select_fwd(c: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return np.where(c, x, y)


def _select_vjp(g, out, ins, p, need):
    c = ins[0]
    z = _c(0.0, g)
    return (
        None,
        select(c, g, z) if need[1] else None,
        select(c, z, g) if need[2] else None,
    )


_C34 = np.array([[True, False, True, False], [False, False, True, True], [True, True, False, False]])
SELECT = defprim(
    "select", _select_fwd, _select_vjp,
    examples=[
        ((_C34, (3, 4), (3, 4)), {}),
        ((np.array([[True], [False], [True]]), (1, 4), (3, 4)), {}),
        ((_C34, (), (3, 1)), {}),
        ((np.array(True), (2, 3), (2, 3)), {}),
        ((np.array([True, False, True]), (2, 1, 3), (1,)), {}),
    ],
    elementwise=True,
)


def select(c: Tensor, x: Tensor, y: Tensor) -> Tensor:
    """np.where(c, x, y) with broadcasting (raw primitive, no checks)."""
    return bind(SELECT, (c, x, y))


# --- binary differentiable ----------------------------------------------------------------------


def _pow_vjp(g, out, ins, p, need):
    x, y = ins
    gx = gy = None
    if need[0]:
        gx = multiply(g, multiply(y, pow_raw(x, subtract(y, _c(1.0, y)))))
    if need[1]:
        # d/dy x**y = x**y log(x), taken as 0 where x <= 0 (TF); the inner select keeps log's
        # own gradient finite at those points too.
        pos = greater(x, _c(0.0, x))
        safe = select(pos, x, _c(1.0, x))
        logx = select(pos, log(safe), _c(0.0, x))
        gy = multiply(g, multiply(out, logx))
    return gx, gy


def pow_raw(x: Tensor, y: Tensor) -> Tensor:
    return bind2(POW, x, y)


def _max_vjp(g, out, ins, p, need):
    x, y = ins
    m = greater_equal(x, y)  # ties go to x, as TF
    z = _c(0.0, g)
    return (select(m, g, z) if need[0] else None, select(m, z, g) if need[1] else None)


def _min_vjp(g, out, ins, p, need):
    x, y = ins
    m = less_equal(x, y)
    z = _c(0.0, g)
    return (select(m, g, z) if need[0] else None, select(m, z, g) if need[1] else None)


def _sqdiff_vjp(g, out, ins, p, need):
    x, y = ins
    d = subtract(x, y)
    gx = multiply(g, multiply(_c(2.0, d), d))
    return (gx, negative(gx) if need[1] else None)


def _atan2_vjp(g, out, ins, p, need):
    y, x = ins
    r = divide(g, add(multiply(x, x), multiply(y, y)))
    return (multiply(r, x) if need[0] else None, negative(multiply(r, y)) if need[1] else None)


def _floormod_fwd(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return np.mod(x, y)


def _floormod_vjp(g, out, ins, p, need):
    x, y = ins
    return (g, negative(multiply(g, floor(divide(x, y)))) if need[1] else None)


POW = defprim("pow", np.power, _pow_vjp, examples=[(s, {}, "pos") for s in BINARY_SHAPES], elementwise=True)
MAXIMUM = defprim("maximum", np.maximum, _max_vjp, examples=[(s, {}) for s in BINARY_SHAPES], elementwise=True)
MINIMUM = defprim("minimum", np.minimum, _min_vjp, examples=[(s, {}) for s in BINARY_SHAPES], elementwise=True)
SQUARED_DIFFERENCE = defprim(
    "squared_difference", lambda x, y: np.square(np.subtract(x, y)), _sqdiff_vjp,
    examples=[(s, {}) for s in BINARY_SHAPES], elementwise=True,
)
ATAN2 = defprim("atan2", np.arctan2, _atan2_vjp, examples=[(s, {}, "away0") for s in BINARY_SHAPES], elementwise=True)
FLOORMOD = defprim("floormod", _floormod_fwd, _floormod_vjp, examples=[(s, {}, "pos") for s in BINARY_SHAPES], elementwise=True)


# --- clip_by_value ------------------------------------------------------------------------------


def _clip_fwd(x: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    return np.minimum(np.maximum(x, lo), hi)


def _clip_vjp(g, out, ins, p, need):
    x, lo, hi = ins
    below = less(x, lo)
    above = greater(x, hi)
    z = _c(0.0, g)
    return (
        select(logical_or(below, above), z, g) if need[0] else None,
        select(below, g, z) if need[1] else None,
        select(above, g, z) if need[2] else None,
    )


def _clip_sampler(rng: np.random.Generator, shape: tuple) -> np.ndarray:
    # x (3, 4) spans both bounds; lo is (3, 1) or () in [-1.2, -0.3]; hi is (1, 4) in [0.3, 1.2]
    if shape == (3, 4):
        return rng.uniform(-2.0, 2.0, shape)
    if shape in ((3, 1), ()):
        return rng.uniform(-1.2, -0.3, shape)
    return rng.uniform(0.3, 1.2, shape)


CLIP = defprim(
    "clip_by_value", _clip_fwd, _clip_vjp,
    examples=[(((3, 4), (3, 1), (1, 4)), {}, _clip_sampler), (((3, 4), (), (1, 4)), {}, _clip_sampler)],
    elementwise=True,
)


def clip_raw(x: Tensor, lo: Tensor, hi: Tensor) -> Tensor:
    return bind(CLIP, (x, lo, hi))


# --- reductions ---------------------------------------------------------------------------------

_RED_EXAMPLES = [
    (((3, 4),), {"axis": None, "keepdims": False}),
    (((3, 4),), {"axis": (1,), "keepdims": False}),
    (((2, 3, 4),), {"axis": (0, 2), "keepdims": True}),
    (((2, 3),), {"axis": (-1,), "keepdims": False}),
]


def _reduced_count(xshape: tuple, axis: tuple | None) -> int:
    if axis is None:
        return _m.prod(xshape)
    return _m.prod(xshape[a] for a in axis)


def _kept_g(g: Tensor, out: Tensor, x: Tensor, axis: tuple | None) -> Tensor:
    """``g`` reshaped so it broadcasts against ``x`` (batch axes kept in front)."""
    nb = nbatch(g, out)
    return reshape_to(g, g._value.shape[:nb] + _kept_shape(x._value.shape, axis))


def _mean_fwd(x: np.ndarray, axis: tuple | None, keepdims: bool) -> np.ndarray:
    if x.dtype.kind in "fc" and x.dtype.itemsize >= 4:
        # sum then scale: np.mean's Python wrapper costs several microseconds per call (and
        # warns "Mean of empty slice" where TF quietly gives nan)
        n = _reduced_count(x.shape, axis)
        return np.add.reduce(x, axis=axis, keepdims=keepdims) / x.dtype.type(n)
    if x.dtype.kind in "fc":
        if not x.size:  # (half floats) nan, without NumPy's "Mean of empty slice" warning
            return np.add.reduce(x, axis=axis, keepdims=keepdims) / x.dtype.type(0)
        return np.mean(x, axis=axis, keepdims=keepdims)
    # integer mean: C-style division of the integer sum (truncates toward zero), as TF
    s = np.sum(x, axis=axis, keepdims=keepdims, dtype=x.dtype)
    n = max(_reduced_count(x.shape, axis), 1)
    if x.dtype.kind == "u":
        return s // x.dtype.type(n)
    q = np.abs(s) // x.dtype.type(n)
    return np.where(s < 0, -q, q).astype(x.dtype, copy=False)


def _mean_vjp(g, out, ins, p, need):
    (x,) = ins
    n = max(_reduced_count(x._value.shape, p["axis"]), 1)
    if p["axis"] is None and g._value.ndim == out._value.ndim:  # full mean, no jacobian batch
        return (broadcast_to(multiply(g, _c(1.0 / n, g)), x._value.shape),)
    gk = _kept_g(g, out, x, p["axis"])
    nb = nbatch(g, out)
    return (broadcast_to(multiply(gk, _c(1.0 / n, g)), g._value.shape[:nb] + x._value.shape),)


REDUCE_MEAN = defprim("reduce_mean", _mean_fwd, _mean_vjp, examples=_RED_EXAMPLES)


def _extreme_fwd(fn: Callable, fill: str) -> Callable:
    def fwd(x: np.ndarray, axis: tuple | None, keepdims: bool) -> np.ndarray:
        if x.size == 0:  # TF: the identity of max/min (the lowest/highest value of the dtype)
            if x.dtype.kind == "f":
                init = -np.inf if fill == "low" else np.inf
            else:
                init = np.iinfo(x.dtype).min if fill == "low" else np.iinfo(x.dtype).max
            return fn.reduce(x, axis=axis, keepdims=keepdims, initial=init)
        return fn.reduce(x, axis=axis, keepdims=keepdims)

    return fwd


def _extreme_vjp(g, out, ins, p, need):
    """Gradient split equally between tied extremes, as TF."""
    (x,) = ins
    axis = p["axis"]
    kept = _kept_shape(x._value.shape, axis)
    hit = cast_raw(equal(x, reshape_to(out, kept)), g._value.dtype)
    share = divide(hit, reduce_sum_raw(hit, axis, True))
    return (multiply(_kept_g(g, out, x, axis), share),)


_EXT_EXAMPLES = [(s, p, "distinct") for s, p in _RED_EXAMPLES]
REDUCE_MAX = defprim("reduce_max", _extreme_fwd(np.maximum, "low"), _extreme_vjp, examples=_EXT_EXAMPLES)
REDUCE_MIN = defprim("reduce_min", _extreme_fwd(np.minimum, "high"), _extreme_vjp, examples=_EXT_EXAMPLES)


def _prod_fwd(x: np.ndarray, axis: tuple | None, keepdims: bool) -> np.ndarray:
    return np.multiply.reduce(x, axis=axis, keepdims=keepdims, dtype=x.dtype)


def _prod_vjp(g, out, ins, p, need):
    """d prod / d x_i = product of the other elements: computed without dividing by x."""
    (x,) = ins
    xs = x._value.shape
    nd = len(xs)
    red = tuple(range(nd)) if p["axis"] is None else tuple(sorted({a % nd for a in p["axis"]}))
    keep = tuple(i for i in range(nd) if i not in red)
    perm = keep + red
    xt = transpose_raw(x, perm) if perm != tuple(range(nd)) else x
    kshape = tuple(xs[i] for i in keep)
    n = _reduced_count(xs, red)
    others = prod_others(reshape_to(xt, kshape + (n,)))
    others = reshape_to(others, kshape + tuple(xs[i] for i in red))
    if perm != tuple(range(nd)):
        others = transpose_raw(others, tuple(int(i) for i in np.argsort(perm)))
    return (multiply(_kept_g(g, out, x, p["axis"]), others),)


REDUCE_PROD = defprim("reduce_prod", _prod_fwd, _prod_vjp, examples=_RED_EXAMPLES)


def _prod_others_fwd(x: np.ndarray) -> np.ndarray:
    """Along the last axis: out[..., i] = prod_{j != i} x[..., j] (exclusive scans, no division)."""
    n = x.shape[-1]
    left = np.ones_like(x)
    right = np.ones_like(x)
    if n > 1:
        np.cumprod(x[..., :-1], axis=-1, out=left[..., 1:])
        right[..., :-1] = np.cumprod(x[..., :0:-1], axis=-1)[..., ::-1]
    return left * right


def _row_knockout(x: Tensor) -> Tensor:
    """(..., n) -> (..., n, n) whose row k is x with x_k replaced by 1."""
    xs = x._value.shape
    n = xs[-1]
    x2 = reshape_to(x, xs[:-1] + (1, n))
    return select(Tensor(np.eye(n, dtype=bool)), _c(1.0, x), x2)


def _prod_others_vjp(g, out, ins, p, need):
    # d out_i / d x_k = prod_{j not in {i, k}} x_j  (k != i): the product-of-others of x with
    # x_k knocked out, so the rule recurses and stays division-free at every order.
    (x,) = ins
    n = x._value.shape[-1]
    pk = prod_others(_row_knockout(x))  # [..., k, i]
    off = Tensor((1 - np.eye(n)).astype(x._value.dtype))
    gs = g._value.shape
    gg = reshape_to(g, gs[:-1] + (1, n))
    return (reduce_sum_raw(multiply(multiply(gg, pk), off), (-1,), False),)


PROD_OTHERS = defprim("prod_others", _prod_others_fwd, _prod_others_vjp,
                      examples=[(((3, 4),), {}), (((4,),), {}), (((2, 3, 1),), {})])


def prod_others(x: Tensor) -> Tensor:
    return bind1(PROD_OTHERS, x)


def _lse_fwd(x: np.ndarray, axis: tuple | None, keepdims: bool) -> np.ndarray:
    m = np.maximum.reduce(x, axis=axis, keepdims=True, initial=-np.inf)
    m = np.where(np.isfinite(m), m, 0).astype(x.dtype, copy=False)
    with np.errstate(divide="ignore"):
        r = np.log(np.add.reduce(np.exp(x - m), axis=axis, keepdims=True)) + m
    return r if keepdims else np.squeeze(r, axis=axis)


def _lse_vjp(g, out, ins, p, need):
    # softmax(x) = exp(x - out); out is rounded (in float32 at x ~ 1000 by ~3e-5), so shift by
    # it as a constant and renormalise: softmax is shift-invariant, so every order stays exact.
    (x,) = ins
    axis = p["axis"]
    m = reshape_to(out, _kept_shape(x._value.shape, axis))
    e = exp(subtract(x, stop_gradient_raw(m)))
    soft = divide(e, reduce_sum_raw(e, axis, True))
    inf = np.isposinf(m._value)
    if inf.any():  # an inf entry: TF's exp(x - out) gives 0 for the finite entries (nan for the inf)
        soft = select(Tensor(np.broadcast_to(inf, x._value.shape)), e, soft)
    return (multiply(_kept_g(g, out, x, axis), soft),)


REDUCE_LOGSUMEXP = defprim("reduce_logsumexp", _lse_fwd, _lse_vjp, examples=_RED_EXAMPLES)


# --- scans --------------------------------------------------------------------------------------


def _shift(y: np.ndarray, axis: int, fill: float) -> np.ndarray:
    """Shift ``y`` one step forward along ``axis`` (exclusive scans)."""
    r = np.empty_like(y)
    lead = [slice(None)] * y.ndim
    rest = [slice(None)] * y.ndim
    lead[axis] = slice(0, 1)
    rest[axis] = slice(1, None)
    r[tuple(lead)] = fill
    src = [slice(None)] * y.ndim
    src[axis] = slice(0, -1)
    r[tuple(rest)] = y[tuple(src)]
    return r


def _cumsum_fwd(x: np.ndarray, axis: int, exclusive: bool, reverse: bool) -> np.ndarray:
    if reverse:
        x = np.flip(x, axis)
    y = np.cumsum(x, axis=axis, dtype=x.dtype)
    if exclusive and y.shape[axis]:
        y = _shift(y, axis, 0)
    return np.flip(y, axis) if reverse else y


def _cumsum_vjp(g, out, ins, p, need):
    return (bind1(CUMSUM, g, {"axis": p["axis"], "exclusive": p["exclusive"], "reverse": not p["reverse"]}),)


CUMSUM = defprim(
    "cumsum", _cumsum_fwd, _cumsum_vjp,
    examples=[(((3, 4),), {"axis": -1, "exclusive": False, "reverse": False}),
              (((3, 4),), {"axis": -2, "exclusive": True, "reverse": False}),
              (((2, 3, 4),), {"axis": -2, "exclusive": False, "reverse": True}),
              (((5,),), {"axis": -1, "exclusive": True, "reverse": True})],
)


def _cumprod_fwd(x: np.ndarray, exclusive: bool, reverse: bool) -> np.ndarray:
    """Scan product along the last axis."""
    if reverse:
        x = x[..., ::-1]
    if exclusive:
        y = np.ones_like(x)
        if x.shape[-1] > 1:
            np.cumprod(x[..., :-1], axis=-1, out=y[..., 1:], dtype=x.dtype)
    else:
        y = np.cumprod(x, axis=-1, dtype=x.dtype)
    return y[..., ::-1] if reverse else y


def _cumprod_mask(n: int, exclusive: bool, reverse: bool) -> np.ndarray:
    """mask[i, j] = 1 where x_i is a factor of out_j."""
    i = np.arange(n)[:, None]
    j = np.arange(n)[None, :]
    if reverse:
        return (i > j) if exclusive else (i >= j)
    return (i < j) if exclusive else (i <= j)


def _cumprod_vjp(g, out, ins, p, need):
    # g_x_i = sum_j g_j [x_i in out_j] prod_{k in out_j, k != i} x_k: the same scan of x with
    # x_i knocked out (division-free, recursive, so zeros are handled at every order).
    (x,) = ins
    n = x._value.shape[-1]
    scans = bind1(CUMPROD, _row_knockout(x), p)  # [..., i, j]
    mask = Tensor(_cumprod_mask(n, p["exclusive"], p["reverse"]).astype(x._value.dtype))
    gs = g._value.shape
    gg = reshape_to(g, gs[:-1] + (1, n))
    return (reduce_sum_raw(multiply(multiply(gg, scans), mask), (-1,), False),)


CUMPROD = defprim(
    "cumprod", _cumprod_fwd, _cumprod_vjp,
    examples=[(((3, 4),), {"exclusive": False, "reverse": False}),
              (((3, 4),), {"exclusive": True, "reverse": False}),
              (((2, 4),), {"exclusive": False, "reverse": True}),
              (((5,),), {"exclusive": True, "reverse": True})],
)


# --- add_n, fill --------------------------------------------------------------------------------


def _add_n_fwd(*xs: np.ndarray) -> np.ndarray:
    r = np.add(xs[0], xs[1])
    for v in xs[2:]:
        r = np.add(r, v)
    return r


ADD_N = defprim("add_n", _add_n_fwd, lambda g, out, ins, p, need: (g,) * len(ins),
                examples=[(((3, 4), (3, 4), (3, 4)), {}), (((2,), (2,)), {})], elementwise=True)


def _fill_fwd(x: np.ndarray, shape: tuple) -> np.ndarray:
    return np.full(shape, x, dtype=x.dtype)


# the walk sums the output-shaped gradient back down to the scalar value
FILL = defprim("fill", _fill_fwd, lambda g, out, ins, p, need: (g,),
               examples=[(((),), {"shape": (2, 3)}), (((),), {"shape": ()})])



# === special functions (NumPy only, float64 inside; results cast back to the input dtype) =========
#
# Accuracy (float64, checked against mpmath in tests/test_math_ops2.py): lgamma, digamma, zeta,
# polygamma, the inverse error functions and the Bessel functions are within a few 1e-15 relative
# away from their zeros (near a zero of the function the error is absolute, ~1e-16).


def _bernoulli_even(n: int) -> list[float]:
    """B_2, B_4, ..., B_2n, exact in fractions (the Akiyama-Tanigawa recurrence), as floats."""
    from fractions import Fraction

    a = [Fraction(0)] * (2 * n + 1)
    out = []
    for m in range(2 * n + 1):
        a[m] = Fraction(1, m + 1)
        for j in range(m, 0, -1):
            a[j - 1] = j * (a[j - 1] - a[j])
        if m >= 2 and m % 2 == 0:
            out.append(float(a[0]))
    return out


_B2K = _bernoulli_even(20)  # B_2 .. B_40
_EULER_GAMMA = 0.57721566490153286061
_HALF_LOG_2PI = 0.5 * _m.log(2.0 * _m.pi)


def _f64(x: np.ndarray) -> np.ndarray:
    return np.asarray(x, np.float64)


def _back(r: np.ndarray, like: np.ndarray) -> np.ndarray:
    """A float64 result in the dtype of ``like`` (float16/32/64)."""
    dt = like.dtype if like.dtype.kind == "f" else np.dtype(np.float64)
    return np.asarray(r).astype(dt, copy=False)


def _is_int(x: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return np.isfinite(x) & (np.floor(x) == x)


def _sinpi_abs(x: np.ndarray) -> np.ndarray:
    """|sin(pi x)| with an exact argument reduction (0 at the integers)."""
    r = x - np.round(x)
    return np.abs(np.sin(_m.pi * r))


def _tanpi(x: np.ndarray) -> np.ndarray:
    """tan(pi x) with an exact argument reduction (period 1)."""
    r = x - np.round(x)
    with np.errstate(divide="ignore"):
        return np.where(np.abs(r) == 0.5, np.inf, np.tan(_m.pi * r))


# --- Hurwitz zeta and polygamma ------------------------------------------------------------------


def _hurwitz_pos(s: np.ndarray, q: np.ndarray) -> np.ndarray:
    """zeta(s, q) = sum_n (q + n)^-s for s > 1, q > 0 (same-shape float64 arrays): n < N summed
    directly, the rest by Euler-Maclaurin at a = q + N with a >= max(12, 1.2 s)."""
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        need = np.ceil(np.maximum(12.0, 1.2 * s) - q)
        n_dir = np.clip(np.where(np.isnan(need), 0, need), 0, 64).astype(np.int64)
        total = np.zeros(s.shape)
        for n in range(int(n_dir.max(initial=0))):
            total += np.where(n < n_dir, np.power(q + n, -s), 0.0)
        a = q + n_dir
        tail_ok = s <= 1.2 * a  # else the direct terms already hold all the value
        at = np.where(tail_ok, a, 1.0)
        st = np.where(tail_ok, s, 2.0)
        lead = np.power(at, -st)
        tail = at * lead / (st - 1.0) + 0.5 * lead
        # sum_j B_2j / (2j)! * s (s+1) ... (s+2j-2) * a^(-s-2j+1)
        fac = lead / at  # a^(-s-1)
        poch = st.copy()  # s (s+1) ... (s + 2j - 2)
        inv_a2 = 1.0 / (at * at)
        fact = 2.0  # (2j)!
        for j in range(1, len(_B2K) + 1):
            term = _B2K[j - 1] / fact * poch * fac
            tail += term
            poch = poch * (st + 2 * j - 1) * (st + 2 * j)
            fac = fac * inv_a2
            fact *= (2 * j + 1) * (2 * j + 2)
            if j >= 8 and not np.any(np.abs(term) > 1e-18 * np.abs(total + tail)):
                break
        return total + np.where(tail_ok, tail, 0.0)


def _zeta64(s: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Hurwitz zeta for all (s, q), with TF's conventions outside s > 1, q > 0."""
    s, q = np.broadcast_arrays(_f64(s), _f64(q))
    out = np.full(s.shape, np.nan)
    with np.errstate(invalid="ignore"):
        out[s == 1.0] = np.inf
        pos = (s > 1.0) & (q > 0)
        if pos.any():
            out[pos] = _hurwitz_pos(s[pos], q[pos])
        nonpos = (s > 1.0) & (q <= 0)
        if nonpos.any():
            sq, qq = s[nonpos], q[nonpos]
            s_int = _is_int(sq)
            s_even = s_int & (np.fmod(sq, 2.0) == 0)
            q_int = np.floor(qq) == qq
            r = np.where(q_int, np.where(s_even, np.inf, np.nan), np.nan)
            # q < 0 not an integer and s an integer: q = f - m with f in (0, 1), and
            # sum_{k<m} (q + k)^-s = (-1)^s [zeta(s, 1 - f) - zeta(s, m + 1 - f)]
            ok = ~q_int & s_int
            if ok.any():
                so, qo = sq[ok], qq[ok]
                m = np.ceil(-qo)
                f = qo + m
                sign = np.where(np.fmod(so, 2.0) == 0, 1.0, -1.0)
                r[ok] = (_hurwitz_pos(so, f) + sign * (_hurwitz_pos(so, 1.0 - f) - _hurwitz_pos(so, m + 1.0 - f)))
            out[nonpos] = r
    out[(s > 1.0) & (q == np.inf)] = 0.0
    out[np.isnan(s) | np.isnan(q)] = np.nan
    return out


def _digamma64(x: np.ndarray) -> np.ndarray:
    x = _f64(x)
    out = np.full(x.shape, np.nan)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        pos = x > 0
        if pos.any():
            out[pos] = _digamma_pos(x[pos])
        neg = (x <= 0) & np.isfinite(x) & ~_is_int(x)  # 0, the negative integers and -inf: nan (TF)
        if neg.any():
            xn = x[neg]
            out[neg] = _digamma_pos(1.0 - xn) - _m.pi / _tanpi(xn)
    return out


def _digamma_pos(x: np.ndarray) -> np.ndarray:
    """psi(x) for x > 0: the recurrence up to x >= 10, then the asymptotic series."""
    shift = np.clip(np.ceil(10.0 - x), 0, 10)
    acc = np.zeros(x.shape)
    for k in range(10):
        acc += np.where(k < shift, 1.0 / (x + k), 0.0)
    y = x + shift
    inv2 = 1.0 / (y * y)
    series = np.zeros(x.shape)
    p = inv2.copy()
    for k in range(1, 10):
        series += _B2K[k - 1] / (2 * k) * p
        p = p * inv2
    with np.errstate(invalid="ignore"):
        r = np.log(y) - 0.5 / y - series - acc
    return np.where(np.isinf(x), np.inf, r)


def _polygamma64(n: np.ndarray, x: np.ndarray) -> np.ndarray:
    n, x = np.broadcast_arrays(_f64(n), _f64(x))
    out = np.full(x.shape, np.nan)
    with np.errstate(invalid="ignore", over="ignore"):
        zero = n == 0
        if zero.any():
            out[zero] = _digamma64(x[zero])
        ok = _is_int(n) & (n >= 1)
        if ok.any():
            nn = n[ok]
            fact = np.exp(np.array([_m.lgamma(v + 1.0) for v in nn.ravel().tolist()])).reshape(nn.shape)
            sign = np.where(np.fmod(nn, 2.0) == 0, -1.0, 1.0)
            out[ok] = sign * fact * _zeta64(nn + 1.0, x[ok])
    return out


# --- lgamma --------------------------------------------------------------------------------------

# lgamma(2 + z) = (1 - gamma) z + sum_{k>=2} (-1)^k (zeta(k) - 1) / k z^k   (|z| <= 1/2)
_LG_K = np.arange(2, 31, dtype=np.float64)
_LG_C = ((-1.0) ** _LG_K) * _hurwitz_pos(_LG_K, np.full(_LG_K.shape, 2.0)) / _LG_K


def _lgamma2(z: np.ndarray) -> np.ndarray:
    """lgamma(2 + z) for |z| <= 1/2 (exactly 0 at z = 0)."""
    acc = np.zeros(z.shape)
    for c in _LG_C[::-1]:
        acc = (acc + c) * z
    return (acc + (1.0 - _EULER_GAMMA)) * z


def _stirling_tail(a: np.ndarray) -> np.ndarray:
    """lgamma(a) - [(a - 1/2) log a - a + log(2 pi)/2] for large a (>= 8: the Stirling series)."""
    inv = 1.0 / a
    inv2 = inv * inv
    s = np.zeros(a.shape)
    p = inv.copy()
    for k in range(1, 11):
        s += _B2K[k - 1] / (2 * k * (2 * k - 1)) * p
        p = p * inv2
    return s


def _lgamma_pos(x: np.ndarray) -> np.ndarray:
    """lgamma(x) for x > 0."""
    out = np.empty(x.shape)
    big = x >= 8.0
    if big.any():
        xb = x[big]
        s = _stirling_tail(xb)
        with np.errstate(over="ignore", invalid="ignore"):
            lx = np.log(xb)
            out[big] = np.where(np.isinf(xb), np.inf, xb * (lx - 1.0) - 0.5 * lx + _HALF_LOG_2PI + s)
    mid = ~big
    if mid.any():
        xm = x[mid]
        r = np.empty(xm.shape)
        lo = xm < 1.5
        z = np.where(lo, np.where(xm < 0.5, xm, xm - 1.0), 0.0)
        r[lo] = (_lgamma2(z) - np.log1p(z))[lo] - np.where(xm < 0.5, np.log(np.where(lo, xm, 1.0)), 0.0)[lo]
        hi = ~lo
        if hi.any():
            xh = xm[hi]
            m = np.floor(xh - 1.5)  # shift down to [1.5, 2.5)
            prod = np.ones(xh.shape)
            for k in range(1, 7):
                prod *= np.where(k <= m, xh - k, 1.0)
            r[hi] = np.log(prod) + _lgamma2(xh - m - 2.0)
        out[mid] = r
    return out


def _lgamma64(x: np.ndarray) -> np.ndarray:
    x = _f64(x)
    out = np.full(x.shape, np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        pos = x > 0
        if pos.any():
            out[pos] = _lgamma_pos(x[pos])
        out[(x <= 0) & (_is_int(x) | np.isinf(x))] = np.inf
        neg = (x < 0) & np.isfinite(x) & ~_is_int(x)
        if neg.any():
            xn = x[neg]
            out[neg] = np.log(_m.pi / _sinpi_abs(xn)) - _lgamma_pos(1.0 - xn)
    return out


# --- erfc and the inverse error functions ----------------------------------------------------------


def _erfc_np(x: np.ndarray) -> np.ndarray:
    """erfc in float64 through math.erfc (accurate to ~1 ulp, tails included; as fast per element
    as a vectorised series)."""
    x = _f64(x)
    return np.fromiter(map(_m.erfc, x.ravel().tolist()), np.float64, x.size).reshape(x.shape)


def _inv_erf(p: np.ndarray, c: np.ndarray) -> np.ndarray:
    """y >= 0 with erf(y) = p and erfc(y) = c = 1 - p (each given exactly where it is the small one):
    Winitzki's closed-form start, then three Halley steps on erf (p < 1/2) or erfc (tail)."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore", under="ignore"):
        w = np.log(c * (1.0 + p))  # log(1 - p^2)
        a = 0.147
        t = 2.0 / (_m.pi * a) + 0.5 * w
        y = np.sqrt(np.maximum(np.sqrt(t * t - w / a) - t, 0.0))
        small = p < 0.5
        for _ in range(3):
            f = np.empty(y.shape)
            if small.any():
                f[small] = _erf_np(y[small]) - p[small]
            if (~small).any():
                f[~small] = c[~small] - _erfc_np(y[~small])
            d = _TWO_OVER_SQRT_PI * np.exp(-y * y)
            step = f / (d + y * f)
            y = np.where(f == 0, y, y - step)
    return y


def _erfinv64(x: np.ndarray) -> np.ndarray:
    x = _f64(x)
    a = np.abs(x)
    out = np.full(x.shape, np.nan)
    ok = a < 1
    if ok.any():
        out[ok] = np.copysign(_inv_erf(a[ok], 1.0 - a[ok]), x[ok])
    out[a == 1] = np.copysign(np.inf, x[a == 1])
    return out


def _erfcinv64(q: np.ndarray) -> np.ndarray:
    q = _f64(q)
    out = np.full(q.shape, np.nan)
    lo = (q > 0) & (q < 1)
    if lo.any():
        out[lo] = _inv_erf(1.0 - q[lo], q[lo])
    hi = (q >= 1) & (q < 2)
    if hi.any():
        out[hi] = -_inv_erf(q[hi] - 1.0, 2.0 - q[hi])  # -0.0 at q = 1, as TF
    out[q == 0] = np.inf
    out[q == 2] = -np.inf
    return out


def _ndtri64(p: np.ndarray) -> np.ndarray:
    return -_m.sqrt(2.0) * _erfcinv64(2.0 * _f64(p))


# --- modified Bessel functions of order 0 and 1 ---------------------------------------------------


def _bessel_ie64(x: np.ndarray, nu: int) -> np.ndarray:
    """exp(-|x|) I_nu(x) for nu in {0, 1}: the power series (all terms positive) for |x| <= 25,
    the asymptotic expansion in 1/|x| beyond."""
    x = _f64(x)
    a = np.abs(x)
    out = np.full(x.shape, np.nan)
    small = a <= 25.0
    if small.any():
        h = 0.5 * a[small]
        q = h * h
        t = h.copy() if nu else np.ones(h.shape)
        s = t.copy()
        for k in range(1, 90):
            t = t * q / (k * (k + nu))
            s += t
        out[small] = s * np.exp(-a[small])
    big = a > 25.0
    if big.any():
        ab = a[big]
        mu = 4.0 * nu * nu
        term = np.ones(ab.shape)
        s = term.copy()
        for k in range(1, 40):
            term = term * -(mu - (2 * k - 1) ** 2) / (8.0 * k * ab)
            s += term
        with np.errstate(invalid="ignore", divide="ignore"):
            out[big] = np.where(np.isinf(ab), 0.0, s / np.sqrt(2.0 * _m.pi * ab))
    if nu:
        out = np.where(x == 0, 0.0, np.copysign(out, x))
    return out


def _bessel_i64(x: np.ndarray, nu: int) -> np.ndarray:
    x = _f64(x)
    with np.errstate(over="ignore", invalid="ignore"):
        return np.exp(np.abs(x)) * _bessel_ie64(x, nu)  # inf * 0 = nan at |x| = inf, as TF


# --- rules ----------------------------------------------------------------------------------------

_SQRT_PI_OVER_2 = _SQRT_PI / 2.0
_SQRT_2PI = _m.sqrt(2.0 * _m.pi)


def _interval(lo: float, hi: float) -> Callable:
    def sampler(rng: np.random.Generator, shape: tuple) -> np.ndarray:
        return rng.uniform(lo, hi, shape)

    return sampler


def _f64_forward(f64: Callable) -> Callable:
    """A forward that runs the float64 kernel ``f64`` on its (at least 1-d) arguments, shapes the
    result as their broadcast and casts it back to the dtype of the last argument."""

    def fwd(*args: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            shape = np.broadcast_shapes(*(np.shape(a) for a in args))
            return _back(f64(*(np.atleast_1d(a) for a in args)).reshape(shape), args[-1])

    return fwd


def _special(name: str, f64: Callable, dfun: Callable, sampler: Any = None) -> Any:
    """A unary float rule whose forward is the float64 ``f64`` cast back to the input dtype."""
    return _unary(name, _f64_forward(f64), dfun, sampler)


def _acosh_fwd(x: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return np.arccosh(x)


def _atanh_fwd(x: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.arctanh(x)


def _conj_if_complex(t: Tensor) -> Tensor:
    return bind1(CONJ, t) if t._value.dtype.kind == "c" else t


ACOSH = _unary("acosh", _acosh_fwd, lambda g, out, x: divide(g, sinh(_conj_if_complex(out))), _interval(1.2, 3.0))
ASINH = _unary("asinh", np.arcsinh, lambda g, out, x: divide(g, cosh(_conj_if_complex(out))))
ATANH = _unary("atanh", _atanh_fwd,
               lambda g, out, x: divide(g, subtract(_c(1.0, x), square(_conj_if_complex(x)))), "unit")
ERFC = _special("erfc", _erfc_np,
                lambda g, out, x: multiply(g, multiply(_c(-_TWO_OVER_SQRT_PI, x), exp(negative(square(x))))))
LGAMMA = _special("lgamma", _lgamma64, lambda g, out, x: multiply(g, digamma(x)), _interval(0.2, 6.0))
DIGAMMA = _special("digamma", _digamma64,
                   lambda g, out, x: multiply(g, polygamma(_c(1.0, x), x)), _interval(0.2, 6.0))
ERFINV = _special("erfinv", _erfinv64,
                  lambda g, out, x: multiply(g, multiply(_c(_SQRT_PI_OVER_2, out), exp(square(out)))), "unit")
ERFCINV = _special("erfcinv", _erfcinv64,
                   lambda g, out, x: multiply(g, multiply(_c(-_SQRT_PI_OVER_2, out), exp(square(out)))),
                   _interval(0.1, 1.9))
NDTRI = _special("ndtri", _ndtri64,
                 lambda g, out, x: multiply(g, multiply(_c(_SQRT_2PI, out), exp(multiply(_c(0.5, out), square(out))))),
                 _interval(0.05, 0.95))


def _i1_deriv(x: Tensor, out: Tensor) -> Tensor:
    """d I1 / dx = I0(x) - I1(x) / x (1/2... = 1 at x = 0); the division is kept finite at 0."""
    zero = equal(x, _c(0.0, x))
    safe = select(zero, _c(1.0, x), x)
    return select(zero, _c(1.0, x), subtract(bind1(BESSEL_I0, x), divide(out, safe)))


def _i1e_deriv(x: Tensor, out: Tensor) -> Tensor:
    """d I1e / dx = I0e(x) - I1e(x) (sign(x) + 1/x) (1/2 at x = 0)."""
    zero = equal(x, _c(0.0, x))
    safe = select(zero, _c(1.0, x), x)
    r = subtract(bind1(BESSEL_I0E, x), multiply(out, add(sign(x), divide(_c(1.0, x), safe))))
    return select(zero, _c(0.5, x), r)


BESSEL_I0 = _special("bessel_i0", lambda x: _bessel_i64(x, 0), lambda g, out, x: multiply(g, bind1(BESSEL_I1, x)))
BESSEL_I1 = _special("bessel_i1", lambda x: _bessel_i64(x, 1), lambda g, out, x: multiply(g, _i1_deriv(x, out)),
                     "away0")
BESSEL_I0E = _special("bessel_i0e", lambda x: _bessel_ie64(x, 0),
                      lambda g, out, x: multiply(g, subtract(bind1(BESSEL_I1E, x), multiply(sign(x), out))), "away0")
BESSEL_I1E = _special("bessel_i1e", lambda x: _bessel_ie64(x, 1), lambda g, out, x: multiply(g, _i1e_deriv(x, out)),
                      "away0")


def digamma(x: Tensor) -> Tensor:
    return bind1(DIGAMMA, x)


# polygamma(n, x) and zeta(s, q): the first argument gets no gradient (None), as in TF; the rule
# examples pass it as a fixed integer-valued array.


def _polygamma_vjp(g, out, ins, p, need):
    n, x = ins
    n1 = add(n, _c(1.0, n))
    return (None, multiply(g, bind2(POLYGAMMA, n1, x)) if need[1] else None)


def _zeta_vjp(g, out, ins, p, need):
    s, q = ins
    s1 = add(s, _c(1.0, s))
    return (None, multiply(g, multiply(negative(cast_raw(s, q._value.dtype)), bind2(ZETA, s1, q))) if need[1] else None)


_POS_Q = _interval(0.4, 3.0)
POLYGAMMA = defprim(
    "polygamma", _f64_forward(_polygamma64), _polygamma_vjp,
    examples=[((np.array([[0], [1], [2]]), (3, 4)), {}, _POS_Q), ((np.array(1), (2, 3)), {}, _POS_Q),
              ((np.array([1, 3]), (4, 1, 2)), {}, _POS_Q)],
    elementwise=True,
)
ZETA = defprim(
    "zeta", _f64_forward(_zeta64), _zeta_vjp,
    examples=[((np.array([[2], [3], [4]]), (3, 4)), {}, _POS_Q), ((np.array(2), (2, 3)), {}, _POS_Q),
              ((np.array([2, 5]), (4, 1, 2)), {}, _POS_Q)],
    elementwise=True,
)


def polygamma(n: Tensor, x: Tensor) -> Tensor:
    return bind2(POLYGAMMA, n, x)



# --- regularized incomplete gamma and beta functions -------------------------------------------------

_EPS64 = 2.0 ** -53


def _log_gamma_prefix(a: np.ndarray, x: np.ndarray) -> np.ndarray:
    """log(x^a e^-x / Gamma(a + 1)), accurate also for large a with x near a (no cancellation
    between a log x and lgamma(a + 1))."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        small = a < 10.0
        direct = a * np.log(x) - x - _lgamma64(a + 1.0)
        ab = np.where(small, 10.0, a)
        d = (x - ab) / ab
        big = ab * (np.log1p(d) - d) - 0.5 * np.log(2.0 * _m.pi * ab) - _stirling_tail(ab)
        return np.where(small, direct, big)


def _loop(active: np.ndarray, step: Callable, maxiter: int = 20000) -> None:
    """Run ``step(idx) -> converged mask`` on the still-active indices until all have converged."""
    idx = np.flatnonzero(active)
    for _ in range(maxiter):
        if idx.size == 0:
            return
        done = step(idx)
        idx = idx[~done]


def _igamma_core(a: np.ndarray, x: np.ndarray, grad: bool) -> tuple:
    """(P, Q, dP/da) for a > 0, 0 < x < inf (float64, same shape): the power series for P when
    x < a + 1, the continued fraction for Q otherwise; dP/da by forward-mode through both."""
    n = a.size
    P, Q, dP = np.empty(n), np.empty(n), np.zeros(n)
    ser = x < a + 1.0
    lpre = _log_gamma_prefix(a, x)  # log(x^a e^-x / Gamma(a + 1))
    with np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore"):
        dlog = np.log(x) - _digamma64(a + 1.0) if grad else None
        # series: P = pre * sum_n x^n / ((a+1)...(a+n))
        t = np.ones(n)
        tot = np.ones(n)
        dt = np.zeros(n)
        dtot = np.zeros(n)

        def ser_step(i: np.ndarray) -> np.ndarray:
            k = ser_step.k = ser_step.k + 1
            r = x[i] / (a[i] + k)
            if grad:
                dt[i] = r * (dt[i] - t[i] / (a[i] + k))
                dtot[i] += dt[i]
            t[i] *= r
            tot[i] += t[i]
            conv = t[i] <= _EPS64 * tot[i]
            if grad:
                conv &= np.abs(dt[i]) <= _EPS64 * np.abs(dtot[i])
            return conv

        ser_step.k = 0
        _loop(ser, ser_step)
        pre = np.exp(lpre)
        P[ser] = (pre * tot)[ser]
        Q[ser] = 1.0 - P[ser]
        if grad:
            dP[ser] = (P * dlog + pre * dtot)[ser]
        # continued fraction (modified Lentz): Q = pre * a / x^0 ... = exp(lpre) * a * h
        cf = ~ser
        if cf.any():
            tiny = 1e-300
            b = x + 1.0 - a
            c = np.full(n, 1.0 / tiny)
            d = 1.0 / np.where(b == 0, tiny, b)
            h = d.copy()
            db_ = -1.0  # d b / d a
            dd = -db_ * d * d if grad else None
            dc = np.zeros(n)
            dh = dd.copy() if grad else None
            bb = b.copy()

            def cf_step(i: np.ndarray) -> np.ndarray:
                k = cf_step.k = cf_step.k + 1
                an = -k * (k - a[i])
                bb[i] += 2.0
                di = an * d[i] + bb[i]
                ci = bb[i] + an / c[i]
                if grad:
                    ddi = k * d[i] + an * dd[i] + db_
                    dci = db_ + (k * c[i] - an * dc[i]) / (c[i] * c[i])
                di = np.where(np.abs(di) < tiny, tiny, di)
                ci = np.where(np.abs(ci) < tiny, tiny, ci)
                d[i] = 1.0 / di
                c[i] = ci
                delta = d[i] * ci
                conv = np.abs(delta - 1.0) <= _EPS64
                if grad:
                    dd[i] = -ddi * d[i] * d[i]
                    dc[i] = dci
                    ddelta = dd[i] * ci + d[i] * dci
                    dh[i] = dh[i] * delta + h[i] * ddelta
                    conv &= np.abs(h[i] * ddelta) <= _EPS64 * np.abs(dh[i])  # the derivative converges too
                h[i] *= delta
                return conv

            cf_step.k = 0
            _loop(cf, cf_step)
            pre_cf = np.exp(lpre + np.log(a))  # x^a e^-x / Gamma(a)
            Qc = pre_cf * h
            Q[cf] = Qc[cf]
            P[cf] = 1.0 - Qc[cf]
            if grad:
                dlog_cf = np.log(x) - _digamma64(a)
                dP[cf] = -(Qc * dlog_cf + pre_cf * dh)[cf]
    return P, Q, dP


def _igamma64(a: np.ndarray, x: np.ndarray, which: str) -> np.ndarray:
    """P(a, x) ("p"), Q(a, x) ("q") or dP/da ("da") with TF's conventions at the edges."""
    a, x = np.broadcast_arrays(_f64(a), _f64(x))
    out = np.full(a.shape, np.nan)
    with np.errstate(invalid="ignore"):
        ok = (a > 0) & (x >= 0)
    core = ok & (x > 0) & np.isfinite(x) & np.isfinite(a)
    if core.any():
        P, Q, dP = _igamma_core(a[core], x[core], which == "da")
        out[core] = {"p": P, "q": Q, "da": dP}[which]
    lo = ok & ((x == 0) | (np.isinf(a) & np.isfinite(x)))  # P = 0
    hi = ok & np.isinf(x) & np.isfinite(a)  # P = 1
    out[lo] = {"p": 0.0, "q": 1.0, "da": 0.0}[which]
    out[hi] = {"p": 1.0, "q": 0.0, "da": 0.0}[which]
    return out


def _betainc_cf(a: np.ndarray, b: np.ndarray, x: np.ndarray) -> np.ndarray:
    """I_x(a, b) by its continued fraction (modified Lentz), for x <= (a + 1) / (a + b + 2)."""
    n = a.size
    tiny = 1e-300
    with np.errstate(divide="ignore", invalid="ignore", over="ignore", under="ignore"):
        lpre = a * np.log(x) + b * np.log1p(-x) - (_lgamma64(a) + _lgamma64(b) - _lgamma64(a + b))
        c = np.ones(n)
        d0 = 1.0 - (a + b) * x / (a + 1.0)
        d = 1.0 / np.where(np.abs(d0) < tiny, tiny, d0)
        h = d.copy()

        def step(i: np.ndarray) -> np.ndarray:
            m = step.m = step.m + 1
            ai, bi, xi = a[i], b[i], x[i]
            conv = np.zeros(i.size, bool)
            for num in (m * (bi - m) * xi / ((ai + 2 * m - 1) * (ai + 2 * m)),
                        -(ai + m) * (ai + bi + m) * xi / ((ai + 2 * m) * (ai + 2 * m + 1))):
                di = 1.0 + num * d[i]
                di = np.where(np.abs(di) < tiny, tiny, di)
                ci = 1.0 + num / c[i]
                ci = np.where(np.abs(ci) < tiny, tiny, ci)
                d[i] = 1.0 / di
                c[i] = ci
                delta = d[i] * ci
                h[i] *= delta
                conv = np.abs(delta - 1.0) <= _EPS64
            return conv

        step.m = 0
        _loop(np.ones(n, bool), step)
        return np.exp(lpre) * h / a


def _betainc64(a: np.ndarray, b: np.ndarray, x: np.ndarray) -> np.ndarray:
    a, b, x = np.broadcast_arrays(_f64(a), _f64(b), _f64(x))
    out = np.full(a.shape, np.nan)
    with np.errstate(invalid="ignore"):
        ok = (a > 0) & (b > 0) & np.isfinite(a) & np.isfinite(b) & (x >= 0) & (x <= 1)
    out[ok & (x == 0)] = 0.0
    out[ok & (x == 1)] = 1.0
    mid = ok & (x > 0) & (x < 1)
    if mid.any():
        am, bm, xm = a[mid], b[mid], x[mid]
        flip = xm > (am + 1.0) / (am + bm + 2.0)
        r = np.empty(am.shape)
        if (~flip).any():
            r[~flip] = _betainc_cf(am[~flip], bm[~flip], xm[~flip])
        if flip.any():
            r[flip] = 1.0 - _betainc_cf(bm[flip], am[flip], 1.0 - xm[flip])
        out[mid] = r
    return out


def _igamma_fwd(which: str) -> Callable:
    return _f64_forward(lambda a, x: _igamma64(a, x, which))


def _igamma_vjp(sign: float) -> Callable:
    def vjp(g, out, ins, p, need):
        a, x = ins
        ga = gx = None
        if need[0]:
            ga = multiply(g, bind2(IGAMMA_GRAD_A, a, x))
            ga = negative(ga) if sign < 0 else ga
        if need[1]:
            # d P / dx = exp(-x + (a - 1) log x - lgamma(a)), in log space as TF
            lx = add(negative(x), subtract(multiply(subtract(a, _c(1.0, a)), log(x)), bind1(LGAMMA, a)))
            gx = multiply(g, exp(lx))
            gx = negative(gx) if sign < 0 else gx
        return ga, gx

    return vjp


def _betainc_vjp(g, out, ins, p, need):
    # TF: only x gets a gradient, x^(a-1) (1-x)^(b-1) / B(a, b), in log space
    a, b, x = ins
    if not need[2]:
        return None, None, None
    one = _c(1.0, x)
    log_beta = subtract(add(bind1(LGAMMA, a), bind1(LGAMMA, b)), bind1(LGAMMA, add(a, b)))
    lx = subtract(add(bind2(XLOG1PY, subtract(b, one), negative(x)), bind2(XLOGY, subtract(a, one), x)), log_beta)
    return None, None, multiply(g, exp(lx))


_A_FIXED = [((np.array([[1], [2], [3]]), (3, 4)), {}, _interval(0.3, 4.0)),
            ((np.array(2), (2, 3)), {}, _interval(0.3, 4.0)),
            ((np.array([1, 5]), (4, 1, 2)), {}, _interval(2.0, 9.0))]
IGAMMA = defprim("igamma", _igamma_fwd("p"), _igamma_vjp(1.0), examples=_A_FIXED, elementwise=True)
IGAMMAC = defprim("igammac", _igamma_fwd("q"), _igamma_vjp(-1.0), examples=_A_FIXED, elementwise=True)
# d P(a, x) / d a (forward-mode through the series / continued fraction); TF registers no gradient
IGAMMA_GRAD_A = defprim("igamma_grad_a", _igamma_fwd("da"), no_gradient("IgammaGradA"), elementwise=True)
BETAINC = defprim(
    "betainc", _f64_forward(_betainc64), _betainc_vjp,
    examples=[((np.array([[1], [2], [3]]), np.array([[2], [3], [1]]), (3, 4)), {}, _interval(0.05, 0.95)),
              ((np.array(2), np.array(3), (2, 3)), {}, _interval(0.05, 0.95))],
    elementwise=True,
)


# --- x * log(y) and friends (0 where x == 0) -------------------------------------------------------


def _xlogy_fwd(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x == 0, np.zeros((), x.dtype), x * np.log(y)).astype(x.dtype, copy=False)


def _xlog1py_fwd(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x == 0, np.zeros((), x.dtype), x * np.log1p(y)).astype(x.dtype, copy=False)


def _xdivy_fwd(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x == 0, np.zeros((), x.dtype), x / y).astype(x.dtype, copy=False)


def _mul_no_nan_fwd(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", over="ignore"):
        return np.where(y == 0, np.zeros((), x.dtype), x * y).astype(x.dtype, copy=False)


def _nonzero(x: Tensor) -> Tensor:
    """1 where x != 0 else 0, in x's dtype (not differentiable)."""
    return cast_raw(bind2(NOT_EQUAL, x, _c(0.0, x)), x._value.dtype) if x._value.dtype.kind != "c" else \
        bind2(MUL_NO_NAN, _c(1.0, x), x)


def _xlogy_vjp(g, out, ins, p, need):
    x, y = ins
    gx = multiply(g, bind2(XLOGY, _nonzero(x), y)) if need[0] else None
    gy = multiply(g, bind2(XDIVY, x, y)) if need[1] else None
    return gx, gy


def _xlog1py_vjp(g, out, ins, p, need):
    x, y = ins
    gx = multiply(g, bind2(XLOG1PY, _nonzero(x), y)) if need[0] else None
    gy = multiply(g, bind2(XDIVY, x, add(y, _c(1.0, y)))) if need[1] else None
    return gx, gy


def _xdivy_vjp(g, out, ins, p, need):
    x, y = ins
    gx = multiply(g, bind2(XDIVY, _nonzero(x), y)) if need[0] else None
    gy = multiply(g, bind2(XDIVY, negative(x), multiply(y, y))) if need[1] else None
    return gx, gy


def _mul_no_nan_vjp(g, out, ins, p, need):
    x, y = ins
    return (bind2(MUL_NO_NAN, g, y) if need[0] else None, bind2(MUL_NO_NAN, x, g) if need[1] else None)


_BIN_POS = [(s, {}, "pos") for s in BINARY_SHAPES]
XLOGY = defprim("xlogy", _xlogy_fwd, _xlogy_vjp, examples=_BIN_POS, elementwise=True)
XLOG1PY = defprim("xlog1py", _xlog1py_fwd, _xlog1py_vjp, examples=_BIN_POS, elementwise=True)
XDIVY = defprim("xdivy", _xdivy_fwd, _xdivy_vjp, examples=_BIN_POS, elementwise=True)
MUL_NO_NAN = defprim("mul_no_nan", _mul_no_nan_fwd, _mul_no_nan_vjp,
                     examples=[(s, {}, "away0") for s in BINARY_SHAPES], elementwise=True)


def _nextafter_vjp(g, out, ins, p, need):
    x1, x2 = ins
    gx2 = multiply(g, _c(0.0, g)) if need[1] else None
    return (g, gx2)


NEXTAFTER = defprim("nextafter", np.nextafter, _nextafter_vjp, examples=[(s, {}) for s in BINARY_SHAPES],
                    elementwise=True)


def _truncatediv_fwd(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    if x.dtype.kind in "iu":
        q = np.abs(x) // np.abs(y)  # C division: the quotient rounds toward zero
        neg = (x < 0) != (y < 0)
        return np.where(neg, -q, q).astype(x.dtype, copy=False)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.trunc(x / y)


def _truncatemod_fwd(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.fmod(x, y)


TRUNCATEDIV = defprim("truncatediv", _truncatediv_fwd, None)
TRUNCATEMOD = defprim("truncatemod", _truncatemod_fwd, no_gradient("TruncateMod"))
RINT = defprim("rint", np.rint, None)


# --- cumulative log-sum-exp --------------------------------------------------------------------------


def _clse_fwd(x: np.ndarray, axis: int, exclusive: bool, reverse: bool) -> np.ndarray:
    if x.dtype.itemsize < 4:
        return _clse_fwd(x.astype(np.float32), axis, exclusive, reverse).astype(x.dtype)
    if reverse:
        x = np.flip(x, axis)
    with np.errstate(invalid="ignore"):
        y = np.logaddexp.accumulate(x, axis=axis) if x.shape[axis] else x.copy()
    if exclusive and y.shape[axis]:
        y = _shift(y, axis, -np.inf)
    return np.flip(y, axis) if reverse else y


def _clse_vjp(g, out, ins, p, need):
    # d out_j / d x_i = exp(x_i - out_j) for i in out_j's window: g_x = exp(x) * (transposed scan of
    # g exp(-out)), taken in log space on the positive and negative parts of g (stable). Positions
    # where out is -inf (an exclusive scan's empty window) carry no derivative: masked to finite.
    (x,) = ins
    dead = equal(out, _c(-np.inf, out))
    o = select(dead, _c(0.0, out), out)
    gz = select(dead, _c(0.0, g), g)
    low = _c(float(np.finfo(x._value.dtype).min) / 4, x)
    p2 = {"axis": p["axis"], "exclusive": p["exclusive"], "reverse": not p["reverse"]}
    parts = []
    for pick in (greater(gz, _c(0.0, gz)), less(gz, _c(0.0, gz))):
        mag = abs_raw(select(pick, gz, _c(1.0, gz)))
        lg = select(pick, log(mag), low)
        parts.append(exp(add(x, bind1(CUMULATIVE_LOGSUMEXP, subtract(lg, o), p2))))
    return (subtract(parts[0], parts[1]),)


CUMULATIVE_LOGSUMEXP = defprim(
    "cumulative_logsumexp", _clse_fwd, _clse_vjp,
    # exclusive scans start with -inf, which the checker's random weighting cannot take: they are
    # checked in tests/test_math_ops2.py on the finite part
    examples=[(((3, 4),), {"axis": -1, "exclusive": False, "reverse": False}),
              (((3, 4),), {"axis": -2, "exclusive": False, "reverse": False}),
              (((2, 3, 4),), {"axis": -2, "exclusive": False, "reverse": True}),
              (((5,),), {"axis": -1, "exclusive": False, "reverse": True})],
)


def _clse_jvp(ts, out, ins, p):
    # d out_j = sum over out_j's window of exp(x_i - out_j) t_i: the positive and negative parts of
    # the tangent in log space, through the scan itself (stable, and differentiable again). The
    # VJP's sign masks have no derivative at u = 0, so forward mode cannot go through it (double VJP).
    (t,) = ts
    if t is None:
        return None
    (x,) = ins
    dead = equal(out, _c(-np.inf, out))
    o = select(dead, _c(0.0, out), out)
    low = _c(float(np.finfo(x._value.dtype).min) / 4, x)
    parts = []
    for pick in (greater(t, _c(0.0, t)), less(t, _c(0.0, t))):
        lt = select(pick, log(abs_raw(select(pick, t, _c(1.0, t)))), low)
        parts.append(exp(subtract(bind1(CUMULATIVE_LOGSUMEXP, add(x, lt), p), o)))
    return select(dead, _c(0.0, out), subtract(parts[0], parts[1]))


CUMULATIVE_LOGSUMEXP.jvp = _clse_jvp


# --- complex parts -------------------------------------------------------------------------------

_REAL_OF = {np.dtype(np.complex64): np.dtype(np.float32), np.dtype(np.complex128): np.dtype(np.float64)}
_COMPLEX_OF = {v: k for k, v in _REAL_OF.items()}


def _complex_fwd(re: np.ndarray, im: np.ndarray) -> np.ndarray:
    out = np.empty(np.broadcast_shapes(re.shape, im.shape), _COMPLEX_OF[re.dtype])
    out.real = re
    out.imag = im
    return out


def _complex_vjp(g, out, ins, p, need):
    return (bind1(REAL, g) if need[0] else None, bind1(IMAG, g) if need[1] else None)


def _real_vjp(g, out, ins, p, need):
    return (bind2(COMPLEX, g, _c(0.0, g)),)


def _imag_vjp(g, out, ins, p, need):
    return (bind2(COMPLEX, _c(0.0, g), g),)


def _conj_vjp(g, out, ins, p, need):
    return (_conj_if_complex(g),)


def _angle_vjp(g, out, ins, p, need):
    # TF: -g / (Im(z) + i Re(z)) = (-g Im(z) + i g Re(z)) / |z|^2
    (z,) = ins
    re, im = bind1(REAL, z), bind1(IMAG, z)
    d = add(multiply(re, re), multiply(im, im))
    return (bind2(COMPLEX, negative(divide(multiply(g, im), d)), divide(multiply(g, re), d)),)


def _angle_fwd(z: np.ndarray) -> np.ndarray:
    return np.angle(z.astype(np.complex128, copy=False)).astype(_REAL_OF[z.dtype], copy=False)  # rounded once


# real <-> complex rules are checked in tests/test_math_ops2.py through real-valued compositions
# (the rule checker feeds real float64 arrays).
COMPLEX = defprim("complex", _complex_fwd, _complex_vjp, elementwise=True)
REAL = defprim("real", lambda z: np.ascontiguousarray(z.real), _real_vjp, elementwise=True)
IMAG = defprim("imag", lambda z: np.ascontiguousarray(z.imag), _imag_vjp, elementwise=True)
CONJ = defprim("conj", np.conjugate, _conj_vjp, elementwise=True)
ANGLE = defprim("angle", _angle_fwd, _angle_vjp, elementwise=True)
COMPLEX_RULES = ("complex", "real", "imag", "conj", "angle")


__all__: list[str] = []
