"""Rules for ``tf.nn``: activations, softmax, cross-entropies on logits.

Forwards are single NumPy passes (numerically stable forms); every VJP is written with
tapeflow ops (core primitives and the primitives of this module), so 2nd and 3rd order work.
Axis params are stored negative so a batch of cotangents (jacobians) can lead.

Example:
    >>> import numpy as np
    >>> from tapeflow.primitives import RULES, bind1
    >>> from tapeflow.tensor import Tensor
    >>> bind1(RULES["relu"], Tensor(np.array([-1.0, 2.0]))).numpy().tolist()
    [0.0, 2.0]
"""

from __future__ import annotations

import math

import numpy as np

from ..errors import InvalidArgumentError
from ..tensor import Tensor
from . import bind, bind1, bind2, defprim
from . import core as C

UNARY = C.UNARY_SHAPES


def _away0(rng: np.random.Generator, shape: tuple) -> np.ndarray:
    """Values kept away from the kink at 0 (for piecewise rules)."""
    return rng.uniform(0.3, 1.5, shape) * rng.choice([-1.0, 1.0], shape)


def _relu6_sampler(rng: np.random.Generator, shape: tuple) -> np.ndarray:
    """Values on all three pieces of relu6, away from the kinks at 0 and 6."""
    pick = rng.integers(0, 3, shape)
    return np.choose(pick, [rng.uniform(-2.0, -0.3, shape), rng.uniform(0.3, 5.7, shape),
                            rng.uniform(6.3, 8.0, shape)])


# --- masks: piecewise-linear derivatives ------------------------------------------------------


def _step_fwd(x: np.ndarray) -> np.ndarray:
    return (x > 0).astype(x.dtype)


# A 0/1 mask of ``x > 0`` in x's dtype. Its derivative is 0 almost everywhere: not recorded.
STEP = defprim("nn_step", _step_fwd, None)


def _mask_grad_fwd(g: np.ndarray, x: np.ndarray, lo: float = 0.0, hi: float | None = None,
                   alpha: float = 0.0) -> np.ndarray:
    m = x > lo
    if hi is not None:
        m &= x < hi
    if alpha:
        return np.where(m, g, g * np.asarray(alpha, g.dtype))
    return g * m


def _mask_grad_vjp(gg, out, ins, p, need):
    # linear in g; the mask is piecewise constant in x: its derivative is zeros (as TF), not None
    x = ins[1]
    dx = None
    if need[1]:
        dx = C.zeros_array(gg._value.shape[:C.nbatch(gg, out)] + x._value.shape, x._value.dtype)
    return (bind2(MASK_GRAD, gg, x, p or None) if need[0] else None, dx)


# g * d, where d = 1 for lo < x < hi, else alpha: the VJP of relu, relu6, leaky_relu, max(x, c).
MASK_GRAD = defprim(
    "relu_grad", _mask_grad_fwd, _mask_grad_vjp,
    examples=[(((3, 4), (3, 4)), {}, _away0), (((2, 3, 4), (3, 4)), {}, _away0),
              (((3, 4), (3, 4)), {"alpha": 0.2, "hi": 0.8}, _away0)],
    elementwise=True,
)


def _relu_vjp(g, out, ins, p, need):
    return (bind2(MASK_GRAD, g, ins[0]),)


RELU = defprim("relu", lambda x: np.maximum(x, 0), _relu_vjp,
               examples=[(s, {}, _away0) for s in UNARY], elementwise=True)


def _relu6_vjp(g, out, ins, p, need):
    return (bind2(MASK_GRAD, g, ins[0], {"hi": 6.0}),)


RELU6 = defprim("relu6", lambda x: np.clip(x, 0, 6), _relu6_vjp,
                examples=[(((3, 4),), {}, _relu6_sampler), (((2, 1, 3),), {}, _relu6_sampler)], elementwise=True)


def _leaky_fwd(x: np.ndarray, alpha: float) -> np.ndarray:
    return np.where(x > 0, x, x * np.asarray(alpha, x.dtype))


def _leaky_vjp(g, out, ins, p, need):
    return (bind2(MASK_GRAD, g, ins[0], {"alpha": p["alpha"]}),)


LEAKY_RELU = defprim("leaky_relu", _leaky_fwd, _leaky_vjp,
                     examples=[(s, {"alpha": 0.2}, _away0) for s in UNARY], elementwise=True)


def _clip_min_fwd(x: np.ndarray, lo: float) -> np.ndarray:
    return np.maximum(x, np.asarray(lo, x.dtype))


def _clip_min_vjp(g, out, ins, p, need):
    return (bind2(MASK_GRAD, g, ins[0], {"lo": p["lo"]}),)


# max(x, lo) for a constant lo (TF's maximum sends the gradient to x where x > lo)
CLIP_MIN = defprim("nn_clip_min", _clip_min_fwd, _clip_min_vjp,
                   examples=[(((3, 4),), {"lo": 0.5}, _away0)], elementwise=True)


# --- smooth elementwise activations -------------------------------------------------------------


def _sigmoid_fwd(x: np.ndarray) -> np.ndarray:
    e = np.exp(-np.abs(x))  # in (0, 1]: no overflow
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e)).astype(x.dtype, copy=False)


def _sigmoid_vjp(g, out, ins, p, need):
    return (C.multiply(g, C.subtract(out, C.multiply(out, out))),)


SIGMOID = defprim("nn_sigmoid", _sigmoid_fwd, _sigmoid_vjp, examples=[(s, {}) for s in UNARY], elementwise=True)


def _tanh_vjp(g, out, ins, p, need):
    return (C.multiply(g, C.subtract(C.scalar_like(1.0, out), C.multiply(out, out))),)


TANH = defprim("nn_tanh", np.tanh, _tanh_vjp, examples=[(s, {}) for s in UNARY], elementwise=True)


def _softplus_fwd(x: np.ndarray) -> np.ndarray:
    return (np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))).astype(x.dtype, copy=False)


def _softplus_vjp(g, out, ins, p, need):
    return (C.multiply(g, bind1(SIGMOID, ins[0])),)


SOFTPLUS = defprim("nn_softplus", _softplus_fwd, _softplus_vjp, examples=[(s, {}) for s in UNARY], elementwise=True)


def _softsign_fwd(x: np.ndarray) -> np.ndarray:
    return x / (1 + np.abs(x))


def _softsign_vjp(g, out, ins, p, need):
    # d/dx = 1 / (1 + |x|)^2 = (1 - |out|)^2, with |out| = out * sign(x)
    (x,) = ins
    sgn = C.subtract(C.multiply(C.scalar_like(2.0, x), bind1(STEP, x)), C.scalar_like(1.0, x))
    b = C.subtract(C.scalar_like(1.0, out), C.multiply(out, sgn))
    return (C.multiply(g, C.multiply(b, b)),)


SOFTSIGN = defprim("nn_softsign", _softsign_fwd, _softsign_vjp, examples=[(s, {}, _away0) for s in UNARY], elementwise=True)


def _elu_fwd(x: np.ndarray, alpha: float = 1.0, scale: float = 1.0) -> np.ndarray:
    neg = np.expm1(np.minimum(x, 0)) * np.asarray(alpha, x.dtype)
    r = np.where(x > 0, x, neg)
    if scale != 1.0:
        r = r * np.asarray(scale, x.dtype)
    return r


def _elu_vjp(g, out, ins, p, need):
    # out = scale * elu(x, alpha); d/dx = scale for x > 0, else out + scale * alpha
    (x,) = ins
    alpha, scale = p.get("alpha", 1.0), p.get("scale", 1.0)
    m = bind1(STEP, x)
    n = C.subtract(C.scalar_like(1.0, x), m)
    pos = m if scale == 1.0 else C.multiply(C.scalar_like(scale, x), m)
    d = C.add(pos, C.multiply(n, C.add(out, C.scalar_like(scale * alpha, out))))
    return (C.multiply(g, d),)


ELU = defprim("elu", _elu_fwd, _elu_vjp,
              examples=[(s, {}, _away0) for s in UNARY] + [(((3, 4),), {"alpha": 0.5, "scale": 1.5}, _away0)],
              elementwise=True)

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def _silu_fwd(x: np.ndarray, beta: float = 1.0) -> np.ndarray:
    return x * _sigmoid_fwd(x * np.asarray(beta, x.dtype) if beta != 1.0 else x)


def _silu_vjp(g, out, ins, p, need):
    # f = x s(bx); f' = s + b x s (1 - s)
    (x,) = ins
    beta = p.get("beta", 1.0)
    bx = x if beta == 1.0 else C.multiply(C.scalar_like(beta, x), x)
    s = bind1(SIGMOID, bx)
    d = C.add(s, C.multiply(bx, C.subtract(s, C.multiply(s, s))))
    return (C.multiply(g, d),)


SILU = defprim("silu", _silu_fwd, _silu_vjp,
               examples=[(s, {}) for s in UNARY] + [(((3, 4),), {"beta": 1.7})], elementwise=True)


# --- erf / normal CDF (own vectorised implementation: series + continued fraction) ----------

_SQRT2 = math.sqrt(2.0)
_INV_SQRT_PI = 1.0 / math.sqrt(math.pi)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


def _erf_small(x: np.ndarray) -> np.ndarray:
    """erf for |x| < 2: exp(-x^2) * sum 2^k x^(2k+1) / (1*3*...*(2k+1)), all terms positive."""
    x2 = 2.0 * x * x
    term = x.copy()
    s = x.copy()
    for k in range(1, 45):
        term *= x2
        term /= 2 * k + 1
        s += term
    return (2.0 * _INV_SQRT_PI) * np.exp(-x * x) * s


def _erfc_large(x: np.ndarray) -> np.ndarray:
    """erfc for x >= 2: Laplace's continued fraction, evaluated bottom-up to a fixed depth."""
    f = x.copy()
    for k in range(50, 0, -1):
        f = x + (0.5 * k) / f
    return np.exp(-x * x) * _INV_SQRT_PI / f


def erfc64(x: np.ndarray) -> np.ndarray:
    """Complementary error function in float64, relative accuracy ~1e-15 (also in the tails)."""
    x = np.asarray(x, np.float64)
    out = np.full(x.shape, np.nan)  # NaN stays NaN
    small = np.abs(x) < 2.0
    if small.any():
        out[small] = 1.0 - _erf_small(x[small])
    big = x >= 2.0
    if big.any():
        out[big] = _erfc_large(x[big])
    neg = x <= -2.0
    if neg.any():
        out[neg] = 2.0 - _erfc_large(-x[neg])
    return out


def _ndtr(x: np.ndarray) -> np.ndarray:
    """The standard normal CDF in float64."""
    return 0.5 * erfc64(-np.asarray(x, np.float64) / _SQRT2)


def _hermite_poly(k: int) -> np.ndarray:
    """Coefficients (low to high) of P_k with (d/dx)^k gelu(x) = phi(x) P_k(x), for k >= 2."""
    p = np.array([2.0, 0.0, -1.0])  # P_2 = 2 - x^2; P_{k+1} = P_k' - x P_k
    for _ in range(k - 2):
        d = np.polynomial.polynomial.polyder(p)
        p = np.polynomial.polynomial.polysub(d, np.concatenate([[0.0], p]))
    return p


def _gelu_fwd(x: np.ndarray) -> np.ndarray:
    x64 = np.asarray(x, np.float64)
    return (x64 * _ndtr(x64)).astype(x.dtype)


def _gelu_d_fwd(x: np.ndarray, k: int) -> np.ndarray:
    x64 = np.asarray(x, np.float64)
    phi = np.exp(-0.5 * x64 * x64) * _INV_SQRT_2PI
    if k == 1:
        r = _ndtr(x64) + x64 * phi
    else:
        r = phi * np.polynomial.polynomial.polyval(x64, _hermite_poly(k))
    return r.astype(x.dtype)


def _gelu_vjp(g, out, ins, p, need):
    return (C.multiply(g, bind1(GELU_D, ins[0], {"k": 1})),)


def _gelu_d_vjp(g, out, ins, p, need):
    return (C.multiply(g, bind1(GELU_D, ins[0], {"k": p["k"] + 1})),)


GELU = defprim("gelu", _gelu_fwd, _gelu_vjp, examples=[(s, {}) for s in UNARY], elementwise=True)
# the k-th derivative of the exact gelu, x * Phi(x) (its own VJP is the (k+1)-th)
GELU_D = defprim("gelu_deriv", _gelu_d_fwd, _gelu_d_vjp,
                 examples=[(((3, 4),), {"k": 1}), (((3, 4),), {"k": 2}), (((5,),), {"k": 4})], elementwise=True)

_GELU_C = math.sqrt(2.0 / math.pi)
_GELU_A = 0.044715


def _gelu_tanh_fwd(x: np.ndarray) -> np.ndarray:
    c = np.asarray(_GELU_C, x.dtype)
    a = np.asarray(_GELU_A, x.dtype)
    half = np.asarray(0.5, x.dtype)
    return half * x * (1 + np.tanh(c * (x + a * x * x * x)))


def _gelu_tanh_vjp(g, out, ins, p, need):
    # f = x (1 + t) / 2, t = tanh(u), u = c (x + a x^3)
    # f' = (1 + t) / 2 + x (1 - t^2) c (1 + 3 a x^2) / 2
    (x,) = ins
    x2 = C.multiply(x, x)
    u = C.multiply(C.scalar_like(_GELU_C, x), C.add(x, C.multiply(C.scalar_like(_GELU_A, x), C.multiply(x2, x))))
    t = bind1(TANH, u)
    one = C.scalar_like(1.0, x)
    du = C.multiply(C.scalar_like(_GELU_C, x), C.add(one, C.multiply(C.scalar_like(3 * _GELU_A, x), x2)))
    d = C.add(C.add(one, t), C.multiply(C.multiply(x, C.subtract(one, C.multiply(t, t))), du))
    return (C.multiply(g, C.multiply(C.scalar_like(0.5, x), d)),)


GELU_TANH = defprim("gelu_tanh", _gelu_tanh_fwd, _gelu_tanh_vjp, examples=[(s, {}) for s in UNARY], elementwise=True)


def _rsqrt_fwd(x: np.ndarray) -> np.ndarray:
    return 1 / np.sqrt(x)


def _rsqrt_vjp(g, out, ins, p, need):
    cube = C.multiply(out, C.multiply(out, out))
    return (C.multiply(g, C.multiply(C.scalar_like(-0.5, out), cube)),)


RSQRT = defprim("nn_rsqrt", _rsqrt_fwd, _rsqrt_vjp, examples=[(s, {}, "pos") for s in UNARY], elementwise=True)


# --- softmax family -----------------------------------------------------------------------------


def _softmax_fwd(x: np.ndarray, axis: int) -> np.ndarray:
    e = np.exp(x - np.maximum.reduce(x, axis=axis, keepdims=True))
    e /= np.add.reduce(e, axis=axis, keepdims=True)
    return e


def _softmax_vjp(g, out, ins, p, need):
    return (bind2(SOFTMAX_GRAD, g, out, p),)


def _softmax_grad_fwd(g: np.ndarray, y: np.ndarray, axis: int) -> np.ndarray:
    gy = g * y
    gy -= y * gy.sum(axis, keepdims=True)
    return gy


def _softmax_grad_vjp(gg, out, ins, p, need):
    # r = y * (g - sum(g y));  dr/dg^T gg = softmax_grad(gg, y);
    # dr/dy^T gg = gg * (g - sum(g y)) - g * sum(gg y)
    g, y = ins
    ax = (p["axis"],)
    dg = bind2(SOFTMAX_GRAD, gg, y, p) if need[0] else None
    dy = None
    if need[1]:
        s = C.reduce_sum_raw(C.multiply(g, y), ax, True)
        t = C.reduce_sum_raw(C.multiply(gg, y), ax, True)
        dy = C.subtract(C.multiply(gg, C.subtract(g, s)), C.multiply(g, t))
    return (dg, dy)


def _simplex(rng: np.random.Generator, shape: tuple) -> np.ndarray:
    """Positive inputs (softmax_grad's y is a probability-like vector; any value is valid)."""
    return rng.uniform(0.1, 1.0, shape)


SOFTMAX = defprim(
    "softmax", _softmax_fwd, _softmax_vjp,
    examples=[(((3, 4),), {"axis": -1}), (((2, 3, 4),), {"axis": -2}), (((5,),), {"axis": -1})],
)
# the VJP of softmax as one pass: y * (g - sum(g * y, axis))
SOFTMAX_GRAD = defprim(
    "softmax_grad", _softmax_grad_fwd, _softmax_grad_vjp,
    examples=[(((3, 4), (3, 4)), {"axis": -1}, _simplex), (((2, 3, 4), (3, 4)), {"axis": -1}, _simplex),
              (((2, 3), (2, 3)), {"axis": -2}, _simplex)],
)


def _log_softmax_fwd(x: np.ndarray, axis: int) -> np.ndarray:
    z = x - x.max(axis, keepdims=True)
    z -= np.log(np.exp(z).sum(axis, keepdims=True))
    return z


def _log_softmax_vjp(g, out, ins, p, need):
    sm = bind1(SOFTMAX, ins[0], p)
    return (C.subtract(g, C.multiply(sm, C.reduce_sum_raw(g, (p["axis"],), True))),)


LOG_SOFTMAX = defprim(
    "log_softmax", _log_softmax_fwd, _log_softmax_vjp,
    examples=[(((3, 4),), {"axis": -1}), (((2, 3, 4),), {"axis": -3})],
)


# --- cross-entropies on logits ------------------------------------------------------------------


def int_labels(labels: np.ndarray, n_classes: int, op: str) -> np.ndarray:
    """Sparse labels as an int array, checked to lie in [0, n_classes)."""
    kind = labels.dtype.kind
    if kind == "f":
        li = labels.astype(np.intp)
        if not np.logical_and.reduce(li == labels, axis=None):
            bad = labels[li != labels].ravel()[0]
            raise InvalidArgumentError(
                f"{op}: labels must hold integer class ids, got the value {bad!r} "
                f"(labels: {labels.dtype} {tuple(labels.shape)})", op=op)
        labels = li
    elif kind not in "iu":
        raise InvalidArgumentError(f"{op}: labels must be an integer tensor, got {labels.dtype} "
                                   f"{tuple(labels.shape)}", op=op)
    labels = np.asarray(labels)
    # one comparison finds both negative and too-large labels (negatives wrap to huge unsigned)
    if labels.size and np.maximum.reduce(labels.view(np.dtype(f"u{labels.dtype.itemsize}")), axis=None) >= n_classes:
        bad = labels[(labels < 0) | (labels >= n_classes)].ravel()[0]
        raise InvalidArgumentError(
            f"{op}: received a label value of {int(bad)} which is outside the valid range of "
            f"[0, {n_classes}) (labels: {tuple(labels.shape)}, logits have {n_classes} classes)", op=op)
    return labels


_ARANGE: dict = {}


def _rows(n: int) -> np.ndarray:
    """``np.arange(n)`` (cached read-only: used only as an index)."""
    r = _ARANGE.get(n)
    if r is None:
        r = np.arange(n)
        r.flags.writeable = False
        if len(_ARANGE) < 64:
            _ARANGE[n] = r
    return r


def _flat_pick(a: np.ndarray, lab: np.ndarray) -> tuple:
    """Row and column indices of ``a.reshape(-1, C)`` picking class ``lab`` in each row."""
    n = lab.size
    return _rows(n), lab.reshape(n)


_XENT_OP = "sparse_softmax_cross_entropy_with_logits"


def _xent_losses(labels: np.ndarray, logits: np.ndarray, memo: bool = False) -> np.ndarray:
    """Per-row -log softmax(logits)[label], labels checked (integral, in range) on the way.

    With ``memo``, the softmax and int labels are kept for the gradient of this very forward.
    """
    n_cls = logits.shape[-1]
    if labels.dtype.kind == "f" and labels.size:
        # float labels (the seed's): one conversion, then integrality and range (a negative label
        # read as unsigned is huge) each in one reduction; int_labels words the error
        lab = labels.astype(np.intp)
        if (not np.logical_and.reduce(lab == labels, axis=None)
                or np.maximum.reduce(lab.view(np.uintp), axis=None) >= n_cls):
            int_labels(labels, n_cls, _XENT_OP)  # raises the precise error
    else:
        lab = int_labels(labels, n_cls, _XENT_OP)
    z = logits - np.maximum.reduce(logits, axis=-1, keepdims=True)
    e = np.exp(z)
    s = np.add.reduce(e, axis=-1, keepdims=True)
    n = lab.size
    picked = z.reshape(-1, n_cls)[_rows(n), lab.reshape(n)]
    if memo:
        e /= s
        _MEMO[0] = (logits, labels, e, lab)
    return np.log(s.reshape(s.shape[:-1])) - picked.reshape(s.shape[:-1])


# (logits, labels, softmax, int labels) of the last sparse_softmax_xent_mean forward: its gradient
# (usually the very next use of these arrays) reuses the softmax. Matched by array identity, which is
# sound because arrays a tape holds are never mutated in place.
_MEMO: list = [None]


def _sparse_xent_fwd(labels: np.ndarray, logits: np.ndarray) -> np.ndarray:
    return _xent_losses(labels, logits)


def _sparse_xent_vjp(g, out, ins, p, need):
    labels, logits = ins
    return (None, bind(SPARSE_XENT_GRAD, (g, logits, labels)) if need[1] else None)


def _sparse_xent_grad_fwd(g: np.ndarray, logits: np.ndarray, labels: np.ndarray, scale: float = 1.0) -> np.ndarray:
    """scale * g[..., None] * (softmax(logits) - onehot(labels)), in one pass over the logits."""
    g = np.asarray(g)
    memo = _MEMO[0]
    if memo is not None and memo[0] is logits and memo[1] is labels:
        _, _, sm, lab = memo
    else:
        sm = None
        lab = labels.astype(np.intp, copy=False)
    if g.ndim == 0 or g.shape == labels.shape:  # no jacobian batch: scale the rows in place
        if scale != 1.0:
            g = g * scale
        if sm is not None:
            e = sm * g[..., None]
        else:
            e = logits - np.maximum.reduce(logits, axis=-1, keepdims=True)
            np.exp(e, out=e)
            e *= g[..., None] / np.add.reduce(e, axis=-1, keepdims=True)
        n = lab.size
        e.reshape(-1, e.shape[-1])[_rows(n), lab.reshape(n)] -= g if g.ndim == 0 else g.reshape(n)
        return e
    e = logits - np.maximum.reduce(logits, axis=-1, keepdims=True)
    np.exp(e, out=e)
    e /= np.add.reduce(e, axis=-1, keepdims=True)
    e.reshape(-1, e.shape[-1])[_flat_pick(e, lab)] -= 1
    r = g[..., None] * e
    if scale != 1.0:
        r *= scale
    return r


def _scaled(t: Tensor, scale: float) -> Tensor:
    return t if scale == 1.0 else C.multiply(t, C.scalar_like(scale, t))


def _sparse_xent_grad_vjp(gg, out, ins, p, need):
    g, logits, labels = ins
    scale = p.get("scale", 1.0)
    dg = dl = None
    if need[0]:  # sum over classes of gg * (softmax - onehot), times scale
        q = bind(SPARSE_XENT_GRAD, (C.scalar_like(1.0, logits), logits, labels))
        dg = _scaled(C.reduce_sum_raw(C.multiply(gg, q), (-1,), False), scale)
    if need[1]:  # the softmax jacobian applied to gg * scale * g[..., None]
        gx = _scaled(C.reshape_to(g, g._value.shape + (1,)), scale)
        dl = bind2(SOFTMAX_GRAD, C.multiply(gg, gx), bind1(SOFTMAX, logits, _LAST), _LAST)
    return (dg, dl, None)


def _sparse_xent_mean_fwd(labels: np.ndarray, logits: np.ndarray) -> np.ndarray:
    losses = _xent_losses(labels, logits, True)
    if losses.dtype.itemsize < 4:  # as reduce_mean: np.mean accumulates half floats in float32
        return np.mean(losses) if losses.size else np.zeros((), losses.dtype)
    return np.add.reduce(losses, axis=None) / losses.dtype.type(max(losses.size, 1))


def _sparse_xent_mean_vjp(g, out, ins, p, need):
    """g * (softmax - onehot) / n: the fused gradient primitive with a scalar g and a scale."""
    labels, logits = ins
    if not need[1]:
        return (None, None)
    lead = logits._value.shape[:-1]
    nb = g._value.ndim  # the output is a scalar: any axes of g are a jacobian batch
    if nb:
        g = C.reshape_to(g, g._value.shape + (1,) * len(lead))
    n = max(math.prod(lead), 1)
    return (None, bind(SPARSE_XENT_GRAD, (g, logits, labels), {"scale": 1.0 / n}))


_LAST = {"axis": -1}
_LABELS = np.array([0, 4, 2, 1])

SPARSE_XENT = defprim(
    "sparse_softmax_xent", _sparse_xent_fwd, _sparse_xent_vjp,
    examples=[((_LABELS, (4, 5)), {}), ((np.array([[1, 0, 2], [2, 2, 0]]), (2, 3, 3)), {})],
)
SPARSE_XENT_GRAD = defprim(
    "sparse_softmax_xent_grad", _sparse_xent_grad_fwd, _sparse_xent_grad_vjp,
    examples=[(((4,), (4, 5), _LABELS), {}), (((3, 4), (4, 5), _LABELS), {}),
              (((4,), (4, 5), _LABELS), {"scale": 0.25}), (((), (4, 5), _LABELS), {"scale": 0.25}),
              (((3, 1), (4, 5), _LABELS), {"scale": 0.25})],
)
# mean over all rows of sparse_softmax_xent: the Keras loss hot path (one op forward and backward)
SPARSE_XENT_MEAN = defprim(
    "sparse_softmax_xent_mean", _sparse_xent_mean_fwd, _sparse_xent_mean_vjp,
    examples=[((_LABELS, (4, 5)), {}), ((np.array([[1, 0, 2], [2, 2, 0]]), (2, 3, 3)), {})],
)


def _expand_at(g: Tensor, axis: int) -> Tensor:
    """Re-insert the reduced ``axis`` (negative, counted in the full rank) into ``g``."""
    gs = g._value.shape
    pos = len(gs) + axis + 1
    return C.reshape_to(g, gs[:pos] + (1,) + gs[pos:])


def _xent_fwd(labels: np.ndarray, logits: np.ndarray, axis: int) -> np.ndarray:
    return -np.sum(labels * _log_softmax_fwd(logits, axis), axis)


def _xent_vjp(g, out, ins, p, need):
    labels, logits = ins
    ax = p["axis"]
    ge = _expand_at(g, ax)
    dz = C.negative(C.multiply(ge, bind1(LOG_SOFTMAX, logits, p))) if need[0] else None
    dx = None
    if need[1]:  # g * (softmax * sum(labels) - labels)
        sm = bind1(SOFTMAX, logits, p)
        zs = C.reduce_sum_raw(labels, (ax,), True)
        dx = C.multiply(ge, C.subtract(C.multiply(sm, zs), labels))
    return (dz, dx)


SOFTMAX_XENT = defprim(
    "softmax_xent", _xent_fwd, _xent_vjp,
    examples=[(((3, 4), (3, 4)), {"axis": -1}), (((1, 4), (3, 4)), {"axis": -1}),
              (((2, 3, 4), (2, 3, 4)), {"axis": -2})],
)


def _sig_xent_fwd(labels: np.ndarray, logits: np.ndarray) -> np.ndarray:
    x = logits
    return np.maximum(x, 0) - x * labels + np.log1p(np.exp(-np.abs(x)))


def _sig_xent_vjp(g, out, ins, p, need):
    z, x = ins
    dz = C.negative(C.multiply(g, x)) if need[0] else None
    dx = C.multiply(g, C.subtract(bind1(SIGMOID, x), z)) if need[1] else None
    return (dz, dx)


SIGMOID_XENT = defprim("sigmoid_xent", _sig_xent_fwd, _sig_xent_vjp,
                       examples=[(((3, 4), (3, 4)), {}), (((), ()), {})])


def _l2_loss_fwd(x: np.ndarray) -> np.ndarray:
    f = x.reshape(-1)
    return np.asarray(np.dot(f, f) * 0.5, x.dtype)


def _l2_loss_vjp(g, out, ins, p, need):
    (x,) = ins
    gs = g._value.shape
    return (C.multiply(C.reshape_to(g, gs + (1,) * x._value.ndim), x),)


L2_LOSS = defprim("l2_loss", _l2_loss_fwd, _l2_loss_vjp, examples=[(s, {}) for s in UNARY])



# --- isotonic regression: the average of each segment (the pooled blocks found by the op) --------


def _seg_avg_fwd(x: np.ndarray, seg: np.ndarray) -> np.ndarray:
    """Replace each element of the last axis by the mean of its segment (``seg``: (rows, n) ids,
    non-decreasing along each row); x may carry leading axes before (rows, n)."""
    rows, n = seg.shape
    if x.size == 0 or n == 0:
        return x.copy()
    flat = x.reshape(-1, rows * n).astype(np.float64)
    ids = (np.arange(rows)[:, None] * n + seg).reshape(-1)
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
    counts = np.diff(np.r_[starts, ids.size])
    means = np.add.reduceat(flat, starts, axis=1) / counts
    return np.repeat(means, counts, axis=1).reshape(x.shape).astype(x.dtype, copy=False)


def _seg_avg_vjp(g, out, ins, p, need):
    return (bind1(SEGMENT_AVERAGE, g, p),)  # the averaging map is symmetric: it is its own adjoint


SEGMENT_AVERAGE = defprim(
    "segment_average", _seg_avg_fwd, _seg_avg_vjp,
    examples=[(((3, 4),), {"seg": np.array([[0, 0, 1, 2], [0, 1, 1, 1], [0, 0, 0, 0]])}),
              (((1, 5),), {"seg": np.array([[0, 1, 1, 2, 2]])})],
    elementwise=False,
)


def isotonic_segments(x: np.ndarray) -> np.ndarray:
    """Pool-adjacent-violators for non-increasing fits along the last axis of a 2-D array: the
    int32 segment id of each element (a block merges into the previous one while the previous
    block's mean is strictly smaller; NaN never merges)."""
    rows, n = x.shape
    seg = np.zeros((rows, n), np.int32)
    for r in range(rows):
        sums: list = []
        cnts: list = []
        for v in x[r].tolist():
            s, c = v, 1
            while sums and sums[-1] / cnts[-1] < s / c:
                s += sums.pop()
                c += cnts.pop()
            sums.append(s)
            cnts.append(c)
        seg[r] = np.repeat(np.arange(len(cnts), dtype=np.int32), cnts)
    return seg


__all__: list[str] = []
