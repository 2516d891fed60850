"""``tf.nn``: activations, softmax, cross-entropies on logits, dropout, moments.

Example:
    >>> import tapeflow as tf
    >>> tf.nn.relu(tf.constant([-1.0, 2.0])).numpy().tolist()
    [0.0, 2.0]
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from ..errors import InvalidArgumentError
from ..primitives import bind1, bind2
from ..primitives import core as C
from ..primitives import nn as N
from ..tensor import Tensor, Variable
from ._args import check_float, describe, int_arg, norm_axis, tensor_arg

_ALPHA_02 = {"alpha": 0.2}
_AXIS_CACHE: dict = {}


def _float_arg(x: Any, op: str) -> Tensor:
    t = tensor_arg(x, op)
    if t._value.dtype.kind != "f":
        check_float(t, op)
    return t


def _axis_param(x: Tensor, axis: Any, op: str) -> dict:
    """``{"axis": a}`` with ``a`` negative (so a batch of cotangents may lead)."""
    nd = x._value.ndim
    if nd == 0:
        raise InvalidArgumentError(f"{op}: logits must have rank >= 1, got a {describe(x)}", op=op)
    a = axis if type(axis) is int else int_arg(axis, op)
    if not -nd <= a < nd:
        raise InvalidArgumentError(f"{op}: axis {a} is out of range for a {describe(x)}", op=op)
    a = a - nd if a >= 0 else a
    p = _AXIS_CACHE.get(a)
    if p is None:
        p = _AXIS_CACHE[a] = {"axis": a}
    return p


# --- activations --------------------------------------------------------------------------------


def relu(features: Any, name: str | None = None) -> Tensor:
    """max(features, 0); the gradient at 0 is 0. Works on integer tensors too.

    Example:
        >>> import tapeflow as tf
        >>> tf.nn.relu([-2.0, 0.0, 3.0]).numpy().tolist()
        [0.0, 0.0, 3.0]
    """
    x = features if type(features) is Tensor else tensor_arg(features, "relu")
    if x._value.dtype.kind not in "fiu":
        raise InvalidArgumentError(f"relu: expected a numeric tensor, got a {describe(x)}", op="relu")
    return bind1(N.RELU, x)


def relu6(features: Any, name: str | None = None) -> Tensor:
    """min(max(features, 0), 6).

    Example:
        >>> import tapeflow as tf
        >>> tf.nn.relu6([-1.0, 3.0, 9.0]).numpy().tolist()
        [0.0, 3.0, 6.0]
    """
    x = tensor_arg(features, "relu6")
    if x._value.dtype.kind not in "fiu":
        raise InvalidArgumentError(f"relu6: expected a numeric tensor, got a {describe(x)}", op="relu6")
    return bind1(N.RELU6, x)


def leaky_relu(features: Any, alpha: float = 0.2, name: str | None = None) -> Tensor:
    """features if features > 0 else alpha * features (integers are cast to float32, as TF).

    Example:
        >>> import tapeflow as tf
        >>> tf.nn.leaky_relu([-1.0, 2.0], alpha=0.1).numpy().tolist()
        [-0.10000000149011612, 2.0]
    """
    x = tensor_arg(features, "leaky_relu")
    if x._value.dtype.kind in "iu":
        x = C.cast_raw(x, np.dtype(np.float32))
    check_float(x, "leaky_relu")
    alpha = float(alpha)
    return bind1(N.LEAKY_RELU, x, _ALPHA_02 if alpha == 0.2 else {"alpha": alpha})


def elu(features: Any, alpha: float = 1.0, name: str | None = None) -> Tensor:
    """features if > 0 else alpha * (exp(features) - 1) (``alpha`` is an extension of TF's op).

    Example:
        >>> import tapeflow as tf
        >>> round(float(tf.nn.elu(-1.0)), 4)
        -0.6321
    """
    x = _float_arg(features, "elu")
    return bind1(N.ELU, x, None if alpha == 1.0 else {"alpha": float(alpha)})


def selu(features: Any, name: str | None = None) -> Tensor:
    """scale * elu(features, alpha) with the self-normalising constants.

    Example:
        >>> import tapeflow as tf
        >>> round(float(tf.nn.selu(1.0)), 4)
        1.0507
    """
    x = _float_arg(features, "selu")
    return bind1(N.ELU, x, _SELU_P)


_SELU_P = {"alpha": N.SELU_ALPHA, "scale": N.SELU_SCALE}


def gelu(features: Any, approximate: bool = False, name: str | None = None) -> Tensor:
    """Gaussian error linear unit: x * Phi(x) (or its tanh approximation).

    Example:
        >>> import tapeflow as tf
        >>> round(float(tf.nn.gelu(1.0)), 4), round(float(tf.nn.gelu(1.0, approximate=True)), 4)
        (0.8413, 0.8412)
    """
    x = _float_arg(features, "gelu")
    return bind1(N.GELU_TANH if approximate else N.GELU, x)


def softplus(features: Any, name: str | None = None) -> Tensor:
    """log(exp(features) + 1), computed stably.

    Example:
        >>> import tapeflow as tf
        >>> float(tf.nn.softplus(1000.0))
        1000.0
    """
    return bind1(N.SOFTPLUS, _float_arg(features, "softplus"))


def softsign(features: Any, name: str | None = None) -> Tensor:
    """features / (|features| + 1).

    Example:
        >>> import tapeflow as tf
        >>> float(tf.nn.softsign(1.0))
        0.5
    """
    return bind1(N.SOFTSIGN, _float_arg(features, "softsign"))


def silu(features: Any, beta: float = 1.0, name: str | None = None) -> Tensor:
    """features * sigmoid(beta * features) (also called swish).

    Example:
        >>> import tapeflow as tf
        >>> round(float(tf.nn.silu(1.0)), 4)
        0.7311
    """
    x = _float_arg(features, "silu")
    if isinstance(beta, (Tensor, Variable)):
        beta = float(np.asarray(beta))
    return bind1(N.SILU, x, None if beta == 1.0 else {"beta": float(beta)})


swish = silu


def _via_math_ops(op: str, prim: Any, x: Any, name: str | None) -> Tensor:
    """``tf.nn.<op>`` is ``tf.math.<op>``; the primitive itself if math_ops lacks it."""
    from . import math_ops

    f = getattr(math_ops, op, None)
    if f is not None:
        return f(x, name=name)
    return bind1(prim, _float_arg(x, op))


def sigmoid(x: Any, name: str | None = None) -> Tensor:
    """1 / (1 + exp(-x)) (the same op as ``tf.math.sigmoid``).

    Example:
        >>> import tapeflow as tf
        >>> float(tf.nn.sigmoid(0.0))
        0.5
    """
    return _via_math_ops("sigmoid", N.SIGMOID, x, name)


def tanh(x: Any, name: str | None = None) -> Tensor:
    """Hyperbolic tangent (the same op as ``tf.math.tanh``).

    Example:
        >>> import tapeflow as tf
        >>> float(tf.nn.tanh(0.0))
        0.0
    """
    return _via_math_ops("tanh", N.TANH, x, name)


def crelu(features: Any, axis: int = -1, name: str | None = None) -> Tensor:
    """Concatenated relu: concat([relu(x), relu(-x)], axis).

    Example:
        >>> import tapeflow as tf
        >>> tf.nn.crelu([-1.0, 2.0]).numpy().tolist()
        [0.0, 2.0, 1.0, 0.0]
    """
    from .array_ops import concat

    x = _float_arg(features, "crelu")
    return concat([bind1(N.RELU, x), bind1(N.RELU, C.negative(x))], axis)


# --- softmax ------------------------------------------------------------------------------------


def softmax(logits: Any, axis: int | None = None, name: str | None = None) -> Tensor:
    """exp(logits) / sum(exp(logits), axis), stable for large logits.

    Example:
        >>> import tapeflow as tf
        >>> tf.nn.softmax([1000.0, 1000.0]).numpy().tolist()
        [0.5, 0.5]
    """
    x = _float_arg(logits, "softmax")
    return bind1(N.SOFTMAX, x, _axis_param(x, -1 if axis is None else axis, "softmax"))


def log_softmax(logits: Any, axis: int | None = None, name: str | None = None) -> Tensor:
    """logits - log(sum(exp(logits), axis)), stable for large logits.

    Example:
        >>> import tapeflow as tf
        >>> tf.nn.log_softmax([0.0, -1000.0]).numpy().tolist()
        [0.0, -1000.0]
    """
    x = _float_arg(logits, "log_softmax")
    return bind1(N.LOG_SOFTMAX, x, _axis_param(x, -1 if axis is None else axis, "log_softmax"))


def bias_add(value: Any, bias: Any, data_format: str | None = None, name: str | None = None) -> Tensor:
    """Add a 1-D ``bias`` along the channel axis of ``value`` (last, or axis 1 for 'NC...').

    Example:
        >>> import tapeflow as tf
        >>> tf.nn.bias_add(tf.zeros([2, 3]), [1.0, 2.0, 3.0]).numpy()[1].tolist()
        [1.0, 2.0, 3.0]
    """
    x = value if type(value) is Tensor else tensor_arg(value, "bias_add")
    b = bias if type(bias) is Tensor else tensor_arg(bias, "bias_add", dtype=x._value.dtype
                                                    if not isinstance(bias, (np.ndarray, Variable)) else None)
    xv, bv = x._value, b._value
    if bv.ndim != 1:
        raise ValueError(f"bias_add: bias must be 1-D, got a {describe(b)} (value: {describe(x)})")
    if xv.ndim < 2:
        raise ValueError(f"bias_add: value must have rank >= 2, got a {describe(x)}")
    if xv.dtype != bv.dtype:
        raise InvalidArgumentError(
            f"bias_add: dtype mismatch: value is a {describe(x)}, bias is a {describe(b)}", op="bias_add")
    channels_first = data_format is not None and str(data_format).upper().startswith("NC")
    if data_format is not None and not channels_first and not str(data_format).upper().startswith("N"):
        raise ValueError(f"bias_add: unknown data_format {data_format!r}")
    ax = 1 if channels_first else xv.ndim - 1
    if xv.shape[ax] != bv.shape[0]:
        raise InvalidArgumentError(
            f"bias_add: must provide as many biases as the channel dimension of the input: bias has "
            f"{bv.shape[0]} values, value has {xv.shape[ax]} channels (axis {ax}); value: {describe(x)}, "
            f"bias: {describe(b)}", op="bias_add")
    if channels_first and xv.ndim > 2:
        b = C.reshape_to(b, (bv.shape[0],) + (1,) * (xv.ndim - 2))
    return bind2(C.ADD, x, b)


# --- losses on logits ---------------------------------------------------------------------------


def sparse_softmax_cross_entropy_with_logits(labels: Any, logits: Any, name: str | None = None) -> Tensor:
    """Per-example cross-entropy between integer class ``labels`` and unnormalised ``logits``.

    ``labels`` has the shape of ``logits`` without its last axis; each label is in
    [0, num_classes). Floats holding integers are accepted. The gradient wrt ``logits`` is
    softmax(logits) - onehot(labels); ``labels`` get no gradient.

    Example:
        >>> import tapeflow as tf
        >>> loss = tf.nn.sparse_softmax_cross_entropy_with_logits([0], [[0.0, 0.0]])
        >>> round(float(loss[0]), 4)
        0.6931
    """
    return bind2(N.SPARSE_XENT, *_sparse_xent_args(labels, logits))


def _sparse_xent_args(labels: Any, logits: Any) -> tuple:
    op = "sparse_softmax_cross_entropy_with_logits"
    x = logits if type(logits) is Tensor and logits._value.dtype.kind == "f" else _float_arg(logits, op)
    z = labels if type(labels) is Tensor else tensor_arg(labels, op)
    xs, zs = x._value.shape, z._value.shape
    if x._value.ndim == 0 or xs[:-1] != zs:
        raise InvalidArgumentError(
            f"{op}: labels must have the shape of logits without the last axis: labels are a "
            f"{describe(z)}, logits are a {describe(x)}", op=op)
    if z._value.dtype.kind not in "iuf":
        raise InvalidArgumentError(f"{op}: labels must be integers, got a {describe(z)}", op=op)
    return z, x


def _mean_sparse_xent(labels: Any, logits: Any) -> Tensor:
    """reduce_mean(sparse_softmax_cross_entropy_with_logits(labels, logits)) as one fused op."""
    return bind2(N.SPARSE_XENT_MEAN, *_sparse_xent_args(labels, logits))


def softmax_cross_entropy_with_logits(labels: Any, logits: Any, axis: int = -1, name: str | None = None) -> Tensor:
    """-sum(labels * log_softmax(logits), axis): cross-entropy against a distribution ``labels``.

    Gradients flow to both ``labels`` and ``logits``.

    Example:
        >>> import tapeflow as tf
        >>> round(float(tf.nn.softmax_cross_entropy_with_logits([[0.5, 0.5]], [[0.0, 0.0]])[0]), 4)
        0.6931
    """
    op = "softmax_cross_entropy_with_logits"
    x = _float_arg(logits, op)
    z = labels if type(labels) is Tensor else tensor_arg(labels, op, dtype=x._value.dtype
                                                           if not isinstance(labels, (np.ndarray, Variable)) else None)
    if z._value.dtype != x._value.dtype:
        raise InvalidArgumentError(
            f"{op}: labels and logits must have the same dtype: labels are a {describe(z)}, logits "
            f"are a {describe(x)}", op=op)
    try:
        full = np.broadcast_shapes(z._value.shape, x._value.shape)
    except ValueError:
        full = None
    if full is None or full != x._value.shape:
        raise InvalidArgumentError(
            f"{op}: labels must have the shape of logits (or broadcast to it): labels are a "
            f"{describe(z)}, logits are a {describe(x)}", op=op)
    p = _axis_param(x, -1 if axis is None else axis, op)  # TF: None is the last axis
    return bind2(N.SOFTMAX_XENT, z, x, p)


def sigmoid_cross_entropy_with_logits(labels: Any = None, logits: Any = None, name: str | None = None) -> Tensor:
    """Elementwise logistic loss max(x, 0) - x * z + log(1 + exp(-|x|)), x = logits, z = labels.

    Example:
        >>> import tapeflow as tf
        >>> round(float(tf.nn.sigmoid_cross_entropy_with_logits(1.0, 0.0)), 4)
        0.6931
    """
    op = "sigmoid_cross_entropy_with_logits"
    if labels is None or logits is None:
        raise ValueError(f"{op}: both labels and logits must be provided")
    x = _float_arg(logits, op)
    z = labels if type(labels) is Tensor else tensor_arg(labels, op, dtype=x._value.dtype
                                                           if not isinstance(labels, (np.ndarray, Variable)) else None)
    if z._value.shape != x._value.shape:
        raise ValueError(
            f"{op}: logits and labels must have the same shape: labels are a {describe(z)}, logits "
            f"are a {describe(x)}")
    if z._value.dtype != x._value.dtype:
        raise InvalidArgumentError(
            f"{op}: labels and logits must have the same dtype: labels are a {describe(z)}, logits "
            f"are a {describe(x)}", op=op)
    return bind2(N.SIGMOID_XENT, z, x)


def weighted_cross_entropy_with_logits(labels: Any, logits: Any, pos_weight: Any, name: str | None = None) -> Tensor:
    """Sigmoid cross-entropy with positives weighted by ``pos_weight``:
    (1 - z) x + (1 + (q - 1) z) softplus(-x).

    Example:
        >>> import tapeflow as tf
        >>> round(float(tf.nn.weighted_cross_entropy_with_logits(1.0, 0.0, 2.0)), 4)
        1.3863
    """
    op = "weighted_cross_entropy_with_logits"
    x = _float_arg(logits, op)
    dt = x._value.dtype
    z = tensor_arg(labels, op, dtype=dt if not isinstance(labels, (np.ndarray, Tensor, Variable)) else None)
    q = tensor_arg(pos_weight, op, dtype=dt if not isinstance(pos_weight, (np.ndarray, Tensor, Variable)) else None)
    if z._value.shape != x._value.shape:
        raise ValueError(f"{op}: logits and labels must have the same shape: labels are a {describe(z)}, "
                         f"logits are a {describe(x)}")
    if z._value.dtype != dt or q._value.dtype != dt:
        raise InvalidArgumentError(f"{op}: dtypes differ: labels {describe(z)}, logits {describe(x)}, "
                                   f"pos_weight {describe(q)}", op=op)
    one = C.scalar_like(1.0, x)
    w = C.add(one, C.multiply(C.subtract(q, one), z))
    return C.add(C.multiply(C.subtract(one, z), x), C.multiply(w, bind1(N.SOFTPLUS, C.negative(x))))


def l2_loss(t: Any, name: str | None = None) -> Tensor:
    """sum(t ** 2) / 2 (a scalar).

    Example:
        >>> import tapeflow as tf
        >>> float(tf.nn.l2_loss([1.0, 2.0]))
        2.5
    """
    return bind1(N.L2_LOSS, _float_arg(t, "l2_loss"))


def compute_average_loss(per_example_loss: Any, sample_weight: Any = None, global_batch_size: int | None = None,
                         name: str | None = None) -> Tensor:
    """sum(per_example_loss * sample_weight) / global_batch_size (default: the batch size).

    Example:
        >>> import tapeflow as tf
        >>> float(tf.nn.compute_average_loss([1.0, 3.0]))
        2.0
    """
    op = "compute_average_loss"
    x = _float_arg(per_example_loss, op)
    if sample_weight is not None:
        w = tensor_arg(sample_weight, op, dtype=x._value.dtype
                       if not isinstance(sample_weight, (np.ndarray, Tensor, Variable)) else None)
        if w._value.dtype != x._value.dtype:
            raise InvalidArgumentError(f"{op}: sample_weight is a {describe(w)}, the loss a {describe(x)}", op=op)
        try:
            np.broadcast_shapes(w._value.shape, x._value.shape)
        except ValueError:
            raise InvalidArgumentError(
                f"{op}: sample_weight ({describe(w)}) does not broadcast to the loss ({describe(x)})", op=op) from None
        x = C.multiply(x, w)
    n = int(global_batch_size) if global_batch_size is not None else (x._value.shape[0] if x._value.ndim else 1)
    total = C.reduce_sum_raw(x, None, False)
    return C.multiply(total, C.scalar_like(1.0 / n if n else 0.0, total))  # 0 / 0 -> 0, as div_no_nan


def scale_regularization_loss(regularization_loss: Any, name: str | None = None) -> Tensor:
    """The sum of the regularization losses (one replica: no scaling).

    Example:
        >>> import tapeflow as tf
        >>> float(tf.nn.scale_regularization_loss([1.0, 2.0]))
        3.0
    """
    x = _float_arg(regularization_loss, "scale_regularization_loss")
    return C.reduce_sum_raw(x, None, False)


# --- normalisation ------------------------------------------------------------------------------


def moments(x: Any, axes: Any, shift: Any = None, keepdims: bool = False, name: str | None = None) -> tuple:
    """(mean, variance) of ``x`` over ``axes`` (float16 is computed in float32).

    Example:
        >>> import tapeflow as tf
        >>> m, v = tf.nn.moments(tf.constant([1.0, 2.0, 3.0, 4.0]), axes=[0])
        >>> float(m), float(v)
        (2.5, 1.25)
    """
    t = _float_arg(x, "moments")
    dt = t._value.dtype
    if dt == np.float16:
        t = C.cast_raw(t, np.dtype(np.float32))
    ax = norm_axis(axes, t._value.ndim, "moments")
    if ax is None:
        ax = tuple(range(t._value.ndim))
    n = 1
    for a in set(ax):
        n *= t._value.shape[a]
    inv = C.scalar_like(1.0 / n if n else np.nan, t)
    mean = C.multiply(C.reduce_sum_raw(t, ax, True), inv)
    d = C.subtract(t, mean)
    var = C.multiply(C.reduce_sum_raw(C.multiply(d, d), ax, bool(keepdims)), inv)
    if not keepdims:
        mean = C.reshape_to(mean, var._value.shape)
    if dt == np.float16:
        mean, var = C.cast_raw(mean, dt), C.cast_raw(var, dt)
    return mean, var


def l2_normalize(x: Any, axis: Any = None, epsilon: float = 1e-12, name: str | None = None, dim: Any = None) -> Tensor:
    """x / sqrt(max(sum(x ** 2, axis), epsilon)).

    Example:
        >>> import tapeflow as tf
        >>> tf.nn.l2_normalize([3.0, 4.0]).numpy().tolist()
        [0.6000000238418579, 0.800000011920929]
    """
    t = _float_arg(x, "l2_normalize")
    if axis is None:
        axis = dim
    ax = norm_axis(axis, t._value.ndim, "l2_normalize")
    ss = C.reduce_sum_raw(C.multiply(t, t), ax, True)
    inv = bind1(N.RSQRT, bind1(N.CLIP_MIN, ss, {"lo": float(epsilon)}))
    return C.multiply(t, inv)


def batch_normalization(x: Any, mean: Any, variance: Any, offset: Any, scale: Any, variance_epsilon: float,
                        name: str | None = None) -> Tensor:
    """(x - mean) * scale / sqrt(variance + variance_epsilon) + offset (offset/scale may be None).

    Example:
        >>> import tapeflow as tf
        >>> tf.nn.batch_normalization(tf.constant([1.0, 3.0]), 2.0, 1.0, None, None, 0.0).numpy().tolist()
        [-1.0, 1.0]
    """
    op = "batch_normalization"
    t = _float_arg(x, op)
    dt = t._value.dtype

    def arg(v: Any, what: str) -> Tensor:
        a = tensor_arg(v, op, dtype=dt if not isinstance(v, (np.ndarray, Tensor, Variable)) else None)
        if a._value.dtype != dt:
            raise InvalidArgumentError(f"{op}: {what} is a {describe(a)}, x is a {describe(t)}", op=op)
        try:
            np.broadcast_shapes(a._value.shape, t._value.shape)
        except ValueError:
            raise InvalidArgumentError(f"{op}: {what} ({describe(a)}) does not broadcast to x ({describe(t)})",
                                       op=op) from None
        return a

    inv = bind1(N.RSQRT, C.add(arg(variance, "variance"), C.scalar_like(float(variance_epsilon), t)))
    if scale is not None:
        inv = C.multiply(inv, arg(scale, "scale"))
    y = C.multiply(C.subtract(t, arg(mean, "mean")), inv)
    if offset is not None:
        y = C.add(y, arg(offset, "offset"))
    return y


# --- dropout ------------------------------------------------------------------------------------


def dropout(x: Any, rate: Any, noise_shape: Any = None, seed: int | None = None, name: str | None = None) -> Tensor:
    """Zero each element with probability ``rate``; scale the others by 1 / (1 - rate).

    Reproducible under ``tf.random.set_seed``. ``noise_shape`` (broadcastable to x's shape,
    ``None`` entries taken from x) shares one keep/drop decision along its size-1 axes.

    Example:
        >>> import tapeflow as tf
        >>> tf.random.set_seed(0)
        >>> y = tf.nn.dropout(tf.ones([1000]), rate=0.5)
        >>> sorted(set(y.numpy().tolist()))
        [0.0, 2.0]
    """
    from .random_ops import _rng

    t = tensor_arg(x, "dropout")
    if t._value.dtype.kind != "f":
        raise ValueError(f"dropout: x has to be a floating point tensor since it's going to be scaled; "
                         f"got a {describe(t)}")
    if isinstance(rate, (Tensor, Variable)):
        rv = np.asarray(rate)
        if rv.ndim != 0:
            raise ValueError(f"dropout: rate must be a scalar, got shape {rv.shape}")
        rate = float(rv)
    if isinstance(rate, bool) or not isinstance(rate, numbers.Real) or not 0 <= rate < 1:
        raise ValueError(f"dropout: rate must be a scalar tensor or a float in the range [0, 1), got {rate!r}")
    rate = float(rate)
    xs = t._value.shape
    if noise_shape is None:
        ns = xs
    else:
        ns_in = list(np.asarray(noise_shape, dtype=object).reshape(-1)) if not isinstance(noise_shape, (list, tuple)) \
            else list(noise_shape)
        if len(ns_in) != len(xs):
            raise ValueError(f"dropout: noise_shape {ns_in} must have the rank of x ({describe(t)})")
        ns = tuple(xs[i] if d is None else int(d) for i, d in enumerate(ns_in))
        if any(d != s and d != 1 for d, s in zip(ns, xs)):
            raise ValueError(f"dropout: noise_shape {list(ns)} does not broadcast to x ({describe(t)})")
    if rate == 0.0:
        return t
    keep = _rng(seed).random(ns, dtype=np.float32 if t._value.dtype != np.float64 else np.float64) >= rate
    mask = keep * np.asarray(1.0 / (1.0 - rate), t._value.dtype)
    return C.multiply(t, Tensor(mask))


__all__ = [
    "relu", "relu6", "leaky_relu", "elu", "selu", "gelu", "softplus", "softsign", "silu", "swish", "sigmoid",
    "tanh", "crelu", "softmax", "log_softmax", "bias_add", "sparse_softmax_cross_entropy_with_logits",
    "softmax_cross_entropy_with_logits", "sigmoid_cross_entropy_with_logits", "weighted_cross_entropy_with_logits",
    "l2_loss", "compute_average_loss", "scale_regularization_loss", "moments", "l2_normalize",
    "batch_normalization", "dropout",
]



# === moments from sufficient statistics, Poisson loss, LRN, zero_fraction, isotonic regression ===

import collections as _collections  # noqa: E402
import math as _math  # noqa: E402

from .. import errors as _errors  # noqa: E402
from ..primitives import math as _M  # noqa: E402


def log_poisson_loss(targets: Any, log_input: Any, compute_full_loss: bool = False, name: str | None = None) -> Tensor:
    """exp(log_input) - log_input * targets: the negative log-likelihood of ``targets`` under a
    Poisson with log-rate ``log_input``, up to log(targets!). ``compute_full_loss`` adds Stirling's
    approximation of log(targets!) (for targets > 1; 0 for targets in [0, 1]).

    Example:
        >>> import tapeflow as tf
        >>> tf.nn.log_poisson_loss(tf.constant([2.0, 5.0]), tf.constant([0.5, 1.0]), compute_full_loss=True).numpy()[0]
        np.float32(1.3005277)
    """
    from . import math_ops as mo

    op = "log_poisson_loss"
    c = tensor_arg(log_input, op)
    z = tensor_arg(targets, op)
    if c._value.shape != z._value.shape:
        raise ValueError(f"`log_input` and `targets` must have the same shape, received ({c.shape} vs {z.shape}).")
    result = mo.subtract(mo.exp(c), mo.multiply(c, z))
    if compute_full_loss:
        check_float(z, op)
        zero, one = C.scalar_like(0.0, z), C.scalar_like(1.0, z)
        in01 = bind2(_M.LOGICAL_AND, _M.greater_equal(z, zero), _M.less_equal(z, one))
        zs = _M.select(in01, one, z)  # keeps the unused branch finite (no NaN gradient at z = 0)
        stirling = C.add(C.subtract(C.multiply(zs, _M.log(zs)), zs),
                         C.multiply(C.scalar_like(0.5, z), _M.log(C.multiply(C.scalar_like(2 * _math.pi, z), zs))))
        result = mo.add(result, _M.select(in01, zero, stirling))
    return result


def _stat_axes(axes: Any, x: Tensor, op: str) -> tuple:
    """TF's ``list(set(axes))`` then a reduction: duplicate axes (after normalising) are an error."""
    if isinstance(axes, (Tensor, Variable)):
        axes = np.asarray(axes).tolist()
    raw = [axes] if isinstance(axes, (int, np.integer)) else list(dict.fromkeys(int(a) for a in axes))
    ax = norm_axis(raw, x._value.ndim, op) or ()
    dup = [a for a in ax if ax.count(a) > 1]
    if dup:
        raise InvalidArgumentError(f"{op}: Invalid reduction arguments: Axes contains duplicate dimension: {dup[0]}",
                                   op=op)
    return ax


def sufficient_statistics(x: Any, axes: Any, shift: Any = None, keepdims: bool = False,
                          name: str | None = None) -> tuple:
    """(count, sum of (x - shift), sum of (x - shift)^2, shift) over ``axes``: the statistics that
    ``tf.nn.normalize_moments`` turns into a mean and a variance (count has x's dtype).

    Example:
        >>> import tapeflow as tf
        >>> n, s, ss, _ = tf.nn.sufficient_statistics(tf.constant([[1.0, 2.0], [3.0, 4.0]]), [0])
        >>> float(n), s.numpy().tolist(), ss.numpy().tolist()
        (2.0, [4.0, 6.0], [10.0, 20.0])
    """
    from . import math_ops as mo

    op = "sufficient_statistics"
    t = tensor_arg(x, op)
    ax = _stat_axes(axes, t, op)
    count = 1
    for a in ax:
        count *= t._value.shape[a]
    counts = Tensor(np.asarray(count, t._value.dtype))
    if shift is not None:
        shift = tensor_arg(shift, op)
        m_ss = mo.subtract(t, shift)
        v_ss = mo.squared_difference(t, shift)
    else:
        m_ss = t
        v_ss = mo.square(t)
    m_ss = mo.reduce_sum(m_ss, list(ax), keepdims=bool(keepdims))
    v_ss = mo.reduce_sum(v_ss, list(ax), keepdims=bool(keepdims))
    return counts, m_ss, v_ss, shift


def normalize_moments(counts: Any, mean_ss: Any, variance_ss: Any, shift: Any, name: str | None = None) -> tuple:
    """(mean, variance) from sufficient statistics: mean = mean_ss / counts (+ shift),
    variance = variance_ss / counts - (mean_ss / counts)^2.

    Example:
        >>> import tapeflow as tf
        >>> m, v = tf.nn.normalize_moments(2.0, tf.constant([5.0, 7.0]), tf.constant([17.0, 29.0]), None)
        >>> m.numpy().tolist(), v.numpy().tolist()
        ([2.5, 3.5], [2.25, 2.25])
    """
    from . import math_ops as mo

    op = "normalize_moments"
    n = tensor_arg(counts, op)
    if n._value.dtype.kind not in "fc":
        raise _errors.NotFoundError(f"{op}: Reciprocal has no CPU kernel for {describe(n)} (counts must be float)",
                                    op=op)
    divisor = mo.reciprocal(n)
    shifted_mean = mo.multiply(mean_ss, divisor)
    mean = shifted_mean if shift is None else mo.add(shifted_mean, shift)
    variance = mo.subtract(mo.multiply(variance_ss, divisor), mo.square(shifted_mean))
    return mean, variance


def weighted_moments(x: Any, axes: Any, frequency_weights: Any, keepdims: bool = False,
                     name: str | None = None) -> tuple:
    """Frequency-weighted (mean, variance) over ``axes``; ``frequency_weights`` broadcasts against x
    and is cast to its dtype. A zero total weight gives 0 (div_no_nan), as TF.

    Example:
        >>> import tapeflow as tf
        >>> m, v = tf.nn.weighted_moments(tf.constant([[1.0, 2.0, 3.0]]), [1], tf.constant([1.0, 0.0, 1.0]))
        >>> m.numpy().tolist(), v.numpy().tolist()
        ([2.0], [1.0])
    """
    from . import math_ops as mo

    op = "weighted_moments"
    t = tensor_arg(x, op)
    w = tensor_arg(frequency_weights, op)
    dt = t._value.dtype
    if dt == np.float16:
        t = C.cast_raw(t, np.dtype(np.float32))
    if w._value.dtype != t._value.dtype:
        w = mo.cast(w, t._value.dtype)
    ax = list(_stat_axes(axes, t, op))
    wsum = mo.reduce_sum(mo.multiply(w, t), ax, keepdims=True)
    total_w = mo.reduce_sum(mo.add(w, Tensor(np.zeros_like(t._value))), ax, keepdims=True)
    mean = mo.divide_no_nan(wsum, total_w)
    dist = mo.reduce_sum(mo.multiply(w, mo.squared_difference(t, mean)), ax, keepdims=True)
    var = mo.divide_no_nan(dist, total_w)
    if not keepdims:
        shape = tuple(s for i, s in enumerate(mean._value.shape) if i not in ax)
        mean, var = C.reshape_to(mean, shape), C.reshape_to(var, shape)
    if dt == np.float16:
        mean, var = C.cast_raw(mean, dt), C.cast_raw(var, dt)
    return mean, var


def batch_norm_with_global_normalization(input: Any, mean: Any, variance: Any, beta: Any, gamma: Any,
                                         variance_epsilon: float, scale_after_normalization: bool,
                                         name: str | None = None) -> Tensor:
    """``batch_normalization(input, mean, variance, beta, gamma if scale_after_normalization else
    None, variance_epsilon)`` (the older name for it).

    Example:
        >>> import tapeflow as tf
        >>> y = tf.nn.batch_norm_with_global_normalization(tf.constant([[1.0, 3.0]]), tf.constant([1.0, 1.0]),
        ...     tf.constant([4.0, 4.0]), tf.constant([0.5, 0.5]), tf.constant([2.0, 2.0]), 0.0, True)
        >>> y.numpy().tolist()
        [[0.5, 2.5]]
    """
    return batch_normalization(input, mean, variance, beta, gamma if scale_after_normalization else None,
                               variance_epsilon)


def local_response_normalization(input: Any, depth_radius: int = 5, bias: float = 1.0, alpha: float = 1.0,
                                 beta: float = 0.5, name: str | None = None) -> Tensor:
    """input / (bias + alpha * sqr_sum) ** beta, where sqr_sum sums input**2 over the channels
    within ``depth_radius`` of each channel (last axis of a 4-D float16/float32 tensor).

    Written as differentiable ops (a banded matmul), so every order of gradient works (TF's LRNGrad
    itself has no gradient).

    Example:
        >>> import tapeflow as tf
        >>> x = tf.reshape(tf.range(4, dtype=tf.float32), [1, 1, 1, 4])
        >>> tf.nn.local_response_normalization(x, depth_radius=1).numpy().ravel().tolist()
        [0.0, 0.40824827551841736, 0.5163977742195129, 0.8017836809158325]
    """
    op = "local_response_normalization"
    x = tensor_arg(input, op)
    dt = x._value.dtype
    if dt not in (np.float16, np.float32):
        raise InvalidArgumentError(f"{op}: expected a float16 or float32 tensor, got a {describe(x)}", op=op)
    if x._value.ndim != 4:
        raise InvalidArgumentError(f"{op}: in must be 4-dimensional, got a {describe(x)}", op=op)
    if isinstance(depth_radius, bool) or not isinstance(depth_radius, (int, np.integer)):
        raise TypeError(f"{op}: depth_radius must be an int, got {depth_radius!r}")
    r = int(depth_radius)
    if r < 0:
        raise InvalidArgumentError(f"{op}: depth_radius must be >= 0, got {r}", op=op)
    t = C.cast_raw(x, np.dtype(np.float32))
    ch = x._value.shape[-1]
    idx = np.arange(ch)
    band = Tensor((np.abs(idx[:, None] - idx[None, :]) <= r).astype(np.float32))
    sq = bind1(_M.SQUARE, t)
    ss = C.reshape_to(C.matmul(C.reshape_to(sq, (-1, ch) if sq._value.size else (0, ch)), band), t._value.shape)
    base = C.add(C.scalar_like(float(bias), t), C.multiply(C.scalar_like(float(alpha), t), ss))
    y = C.multiply(t, _M.pow_raw(base, C.scalar_like(-float(beta), t)))
    return C.cast_raw(y, dt)


lrn = local_response_normalization


def zero_fraction(value: Any, name: str | None = None) -> Tensor:
    """The fraction of zeros in ``value``, as a float32 scalar (NaN for an empty tensor).

    Example:
        >>> import tapeflow as tf
        >>> tf.math.zero_fraction(tf.constant([[0, 1, 0], [1, 1, 0]]))
        <tf.Tensor: shape=(), dtype=float32, numpy=0.5>
    """
    t = tensor_arg(value, "zero_fraction")
    v = t._value
    if v.dtype.kind == "O":
        nonzero = int(np.count_nonzero(np.frompyfunc(len, 1, 1)(v).astype(np.int64))) if v.size else 0
    else:
        nonzero = int(np.count_nonzero(v))
    with np.errstate(invalid="ignore", divide="ignore"):
        return Tensor(np.float32(v.size - nonzero) / np.float32(v.size))


IsotonicRegression = _collections.namedtuple("IsotonicRegression", ["output", "segments"])

_ISO_OUT = {np.dtype(np.float32): np.dtype(np.float32), np.dtype(np.float16): np.dtype(np.float16),
            np.dtype(np.int8): np.dtype(np.float32), np.dtype(np.int16): np.dtype(np.float32)}


def isotonic_regression(inputs: Any, decreasing: bool = True, axis: int = -1) -> tuple:
    """Least-squares non-increasing (``decreasing=True``, TF's default) or non-decreasing fit along
    ``axis``: (output, segments), where segments numbers the pooled blocks (int32, from 0 in each
    problem). Integer inputs give float64 (int8/int16: float32). The gradient averages the incoming
    gradient over each segment, as TF does for 2-D inputs (TF 2.21 returns wrongly shaped gradients
    for inputs of other ranks; tapeflow averages over the segments at every rank).

    Example:
        >>> import tapeflow as tf
        >>> y, seg = tf.nn.isotonic_regression(tf.constant([[3.0, 1.0, 2.0], [1.0, 3.0, 4.0]]), axis=1)
        >>> y.numpy().tolist(), seg.numpy().tolist()
        ([[3.0, 1.5, 1.5], [2.6666667461395264, 2.6666667461395264, 2.6666667461395264]], [[0, 1, 1], [0, 0, 0]])
    """
    op = "isotonic_regression"
    x = tensor_arg(inputs, op)
    v = x._value
    if v.dtype.kind not in "fiu":
        raise InvalidArgumentError(f"{op}: expected a real-valued tensor, got a {describe(x)}", op=op)
    out_dt = _ISO_OUT.get(v.dtype, np.dtype(np.float64))
    nd = v.ndim
    a = axis if type(axis) is int else int_arg(axis, op)
    if nd and not -nd <= a < nd:
        raise InvalidArgumentError(f"{op}: axis {a} is out of range for a {describe(x)}", op=op)
    a = a % nd if nd else 0
    t = C.cast_raw(x, out_dt)
    perm = tuple(i for i in range(nd) if i != a) + ((a,) if nd else ())
    moved = C.transpose_raw(t, perm) if perm != tuple(range(nd)) else t
    n = moved._value.shape[-1] if nd else 1
    rows = moved._value.size // n if n else int(np.prod(moved._value.shape[:-1]))
    flat = C.reshape_to(moved, (rows, n))
    if not decreasing:
        flat = C.negative(flat)
    seg = N.isotonic_segments(flat._value.astype(np.float64))
    out = bind1(N.SEGMENT_AVERAGE, flat, {"seg": seg})
    if not decreasing:
        out = C.negative(out)
    out = C.reshape_to(out, moved._value.shape)
    seg_t = seg.reshape(moved._value.shape)
    if perm != tuple(range(nd)):
        inv = tuple(int(i) for i in np.argsort(perm))
        out = C.transpose_raw(out, inv)
        seg_t = np.transpose(seg_t, inv)
    segments = Tensor(np.array(seg_t, dtype=np.int32))
    if decreasing and (a == nd - 1 or nd == 0):  # TF returns its op's named tuple only when nothing was wrapped
        return IsotonicRegression(out, segments)
    return out, segments


__all__ += ["log_poisson_loss", "sufficient_statistics", "normalize_moments", "weighted_moments",
            "batch_norm_with_global_normalization", "local_response_normalization", "lrn", "zero_fraction",
            "isotonic_regression"]
