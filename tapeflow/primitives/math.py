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

import numpy as np

from ..tensor import Tensor
from . import bind, bind1, bind2, defprim
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


ABS = _unary("abs", np.abs, lambda g, out, x: multiply(g, sign(x)), "away0")
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
ARGMAX = defprim("argmax", lambda x, axis, dtype: np.argmax(x, axis=axis).astype(dtype, copy=False), None)
ARGMIN = defprim("argmin", lambda x, axis, dtype: np.argmin(x, axis=axis).astype(dtype, copy=False), None)
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
    if x.dtype.kind in "fc" and x.dtype.itemsize >= 4 and x.size:
        # sum then scale: np.mean's Python wrapper costs several microseconds per call
        n = _reduced_count(x.shape, axis)
        return np.add.reduce(x, axis=axis, keepdims=keepdims) / x.dtype.type(n)
    if x.dtype.kind in "fc":
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
    e = exp(subtract(x, stop_gradient_raw(reshape_to(out, _kept_shape(x._value.shape, axis)))))
    soft = divide(e, reduce_sum_raw(e, axis, True))
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


__all__: list[str] = []
