"""``keras.losses``: loss classes and functions, computed with tapeflow ops (so they are differentiable).

Semantics follow Keras 3: a loss function returns one value per sample (the mean over the last
axis for elementwise losses); a ``Loss`` object converts its inputs to tensors, weights the
per-sample values by ``sample_weight`` (and by the mask a prediction may carry) and reduces them
(``reduction='sum_over_batch_size'`` by default: the sum divided by the number of values;
``'sum'``; ``'mean_with_sample_weight'``; ``'none'`` / None). Probabilities are clipped to
``[epsilon, 1 - epsilon]`` before taking logs; when a prediction came out of a softmax/sigmoid
layer and still carries its logits (``y_pred._keras_logits``), the cross-entropies are computed
from those logits instead, for stability.

Deliberate difference: with ``dtype=None`` a ``Loss`` keeps a floating prediction's dtype (Keras
casts both inputs to ``floatx()``, float32), so float64 models get float64 losses; integer inputs
are cast to ``floatx()`` as in Keras.

Example:
    >>> import tapeflow as tf
    >>> from tapeflow import keras
    >>> loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    >>> round(float(loss_fn(tf.constant([0.0, 1.0]), tf.constant([[0.0, 0.0], [0.0, 0.0]]))), 4)
    0.6931
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from ..errors import InvalidArgumentError
from ..ops import array_ops as _a
from ..ops import math_ops as _m
from ..ops import nn_ops as _nn
from ..ops._args import tensor_arg
from ..primitives import bind2
from ..primitives import nn as _prims_nn
from ..tensor import Tensor, Variable
from . import backend as _backend

EPSILON = 1e-7  # Keras's default fuzz factor (``keras.backend.epsilon()`` is what the losses read)
# mean(sparse_softmax_cross_entropy_with_logits) as one fused primitive (bound directly by
# SparseCategoricalCrossentropy's hot path)
_XENT_MEAN = getattr(_prims_nn, "SPARSE_XENT_MEAN", None)

_REDUCTIONS = ("sum_over_batch_size", "sum", None, "none", "mean", "mean_with_sample_weight")


def _eps() -> float:
    return _backend.epsilon()


# --- argument helpers ---------------------------------------------------------------------------

def _pred(y_pred: Any, op: str) -> Tensor:
    """``y_pred`` as a floating Tensor (integers are cast to ``floatx()``)."""
    t = y_pred if type(y_pred) is Tensor else tensor_arg(y_pred, op)
    if t._value.dtype.kind != "f":
        if t._value.dtype.kind not in "iub":
            raise InvalidArgumentError(f"{op}: y_pred must be a real tensor, got {t.dtype.name} {tuple(t.shape)}", op=op)
        t = _m.cast(t, _backend.floatx())
    return t


def _cast_like(x: Any, ref: Tensor, op: str) -> Tensor:
    """``x`` as a Tensor with ``ref``'s dtype (labels are cast, as Keras does)."""
    dt = ref._value.dtype
    if isinstance(x, Variable):
        x = x._read()
    if isinstance(x, Tensor):
        return x if x._value.dtype == dt else _m.cast(x, dt)
    try:
        arr = np.asarray(x)
        if arr.dtype.kind not in "biuf":
            raise TypeError(f"dtype {arr.dtype}")
    except (TypeError, ValueError) as e:
        raise InvalidArgumentError(f"{op}: cannot use {type(x).__name__} as y_true: {e}", op=op) from None
    return Tensor(arr.astype(dt, copy=False))


def _logits_of(y_pred: Any, from_logits: bool, op: str, stacklevel: int = 3) -> Tensor | None:
    """The logits a softmax/sigmoid output carries (None when absent or when ``from_logits``)."""
    logits = getattr(y_pred, "_keras_logits", None)
    if logits is None:
        return None
    if from_logits:
        warnings.warn(
            f'"`{op}` received `from_logits=True`, but the `y_pred` argument was produced by a sigmoid or softmax '
            'activation and thus does not represent logits. Was this intended?"', stacklevel=stacklevel)
        return None
    return logits


def _same_rank(a: Tensor, b: Tensor) -> tuple:
    """Keras's squeeze-or-expand: equalise ranks that differ by one trailing unit axis."""
    ra, rb = a._value.ndim, b._value.ndim
    if ra == rb + 1 and a._value.shape[-1] == 1:
        if rb == 1:
            b = _a.expand_dims(b, -1)
        else:
            a = _a.squeeze(a, -1)
    elif rb == ra + 1 and b._value.shape[-1] == 1:
        if ra == 1:
            a = _a.expand_dims(a, -1)
        else:
            b = _a.squeeze(b, -1)
    return a, b


def _check_same_shape(yt: Tensor, yp: Tensor, op: str) -> None:
    if yt._value.shape != yp._value.shape:
        raise InvalidArgumentError(
            f"{op}: y_true and y_pred must have the same shape: y_true has shape {tuple(yt._value.shape)} "
            f"({yt.dtype.name}), y_pred has shape {tuple(yp._value.shape)} ({yp.dtype.name})",
            op=op,
        )


def _check_broadcast(yt: Tensor, yp: Tensor, op: str) -> None:
    try:
        np.broadcast_shapes(yt._value.shape, yp._value.shape)
    except ValueError:
        raise InvalidArgumentError(
            f"{op}: y_true and y_pred shapes are incompatible: y_true has shape {tuple(yt._value.shape)} "
            f"({yt.dtype.name}), y_pred has shape {tuple(yp._value.shape)} ({yp.dtype.name})",
            op=op,
        ) from None


def _last_axis(axis: Any, ndim: int, op: str) -> None:
    if isinstance(axis, bool) or axis not in (-1, ndim - 1):
        raise ValueError(f"{op}: only the last axis is supported (axis=-1), got axis={axis!r} for rank {ndim}")


def _clip(p: Tensor) -> Tensor:
    e = _eps()
    return _m.clip_by_value(p, e, 1.0 - e)


def _pair(y_true: Any, y_pred: Any, op: str, squeeze: bool = True) -> tuple:
    """(y_true, y_pred) as Tensors of y_pred's float dtype, ranks equalised (Keras's squeeze-or-expand),
    shapes checked to broadcast."""
    yp = _pred(y_pred, op)
    yt = _cast_like(y_true, yp, op)
    if squeeze:
        yt, yp = _same_rank(yt, yp)
    _check_broadcast(yt, yp, op)
    return yt, yp


def _mean_last(x: Tensor) -> Tensor:
    return _m.reduce_mean(x, axis=-1) if x._value.ndim else x


def _sum_last(x: Tensor, axis: Any = -1) -> Tensor:
    return _m.reduce_sum(x, axis=axis) if x._value.ndim else x


def _l2_normalize(x: Tensor, axis: Any) -> Tensor:
    """Keras's ``ops.normalize(x, axis)``: ``x * min(rsqrt(sum(x**2)), 1 / epsilon)``."""
    if x._value.ndim == 0:
        x = _a.expand_dims(x, 0)
    inv = _m.rsqrt(_m.reduce_sum(_m.square(x), axis=axis, keepdims=True))
    return x * _m.minimum(inv, 1.0 / _eps())


# --- loss functions -----------------------------------------------------------------------------

def sparse_categorical_crossentropy(y_true: Any, y_pred: Any, from_logits: bool = False,
                                    ignore_class: int | None = None, axis: int = -1) -> Tensor:
    """Per-sample cross-entropy between integer labels and class probabilities (or logits).

    Labels may be integers or floats holding integers, of shape ``y_pred.shape[:-1]`` or with a
    trailing axis of 1; each must lie in ``[0, num_classes)``. With ``ignore_class``, samples with
    that label get a loss of 0.

    Example:
        >>> import tapeflow as tf
        >>> out = sparse_categorical_crossentropy([1, 2], [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]])
        >>> [round(v, 4) for v in out.numpy().tolist()]
        [0.0513, 2.3026]
    """
    lab, x, valid = _sparse_ce_inputs(y_true, y_pred, from_logits, ignore_class, axis)
    op = "sparse_categorical_crossentropy"
    try:
        res = _nn.sparse_softmax_cross_entropy_with_logits(labels=lab, logits=x)
    except InvalidArgumentError as e:
        raise InvalidArgumentError(f"{op}: {e}", op=op) from None
    if valid is not None:
        res = _m.multiply(res, Tensor(valid.astype(res._value.dtype)))
        res._keras_mask = Tensor(valid)  # as Keras: the mean runs over the other samples
    return res


def _sparse_ce_inputs(y_true: Any, y_pred: Any, from_logits: bool, ignore_class: int | None,
                      axis: int = -1) -> tuple:
    """(labels, logits, valid mask or None) for sparse categorical cross-entropy, checked."""
    op = "sparse_categorical_crossentropy"
    logits = _logits_of(y_pred, from_logits, op, 4)
    yp = _pred(y_pred, op)
    nd = yp._value.ndim
    if nd == 0:
        raise InvalidArgumentError(f"{op}: y_pred must have a class axis, got a scalar ({yp.dtype.name})", op=op)
    _last_axis(axis, nd, op)
    if isinstance(y_true, Tensor):
        lab = y_true
    elif isinstance(y_true, Variable):
        lab = y_true._read()
    else:
        lab = tensor_arg(y_true, op)
    ls = lab._value.shape
    if len(ls) == nd and ls[-1] == 1:
        lab = Tensor(lab._value.reshape(ls[:-1]))
        ls = ls[:-1]
    if ls != yp._value.shape[:-1]:
        raise InvalidArgumentError(
            f"{op}: labels of shape {tuple(lab._value.shape)} ({lab.dtype.name}) do not match predictions of shape "
            f"{tuple(yp._value.shape)} ({yp.dtype.name}): expected labels of shape {tuple(yp._value.shape[:-1])} "
            f"or {tuple(yp._value.shape[:-1]) + (1,)}",
            op=op,
        )
    valid = None
    if ignore_class is not None:
        lv = lab._value
        valid = lv != ignore_class
        lab = Tensor(np.where(valid, lv, 0).astype(lv.dtype if lv.dtype.kind in "iu" else np.int64))
    if from_logits:
        x = yp
    elif logits is not None:
        x = logits if logits._value.dtype == yp._value.dtype else _m.cast(logits, yp._value.dtype)
    else:
        x = _m.log(_clip(yp))
    return lab, x, valid


def categorical_crossentropy(y_true: Any, y_pred: Any, from_logits: bool = False, label_smoothing: float = 0.0,
                             axis: int = -1) -> Tensor:
    """Per-sample cross-entropy between one-hot (or soft) labels and probabilities (or logits).

    Probabilities are renormalised to sum to 1 over ``axis`` and clipped before the log.

    Example:
        >>> out = categorical_crossentropy([[0, 1, 0], [0, 0, 1]], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]])
        >>> [round(v, 4) for v in out.numpy().tolist()]
        [0.0513, 2.3026]
    """
    op = "categorical_crossentropy"
    if isinstance(axis, bool):
        raise ValueError(f"{op}: `axis` must be of type `int`. Received: axis={axis} of type {type(axis)}")
    logits = _logits_of(y_pred, from_logits, op)
    yp = _pred(y_pred, op)
    yt = _cast_like(y_true, yp, op)
    _check_same_shape(yt, yp, op)
    if yp._value.ndim == 0:
        raise InvalidArgumentError(f"{op}: inputs need a class axis, got scalars", op=op)
    n = yp._value.shape[axis]
    if n == 1:
        warnings.warn(
            f"In loss {op}, expected y_pred.shape to be (batch_size, num_classes) with num_classes > 1. Received: "
            f"y_pred.shape={tuple(yp._value.shape)}. Consider using 'binary_crossentropy' if you only have 2 classes.",
            SyntaxWarning, stacklevel=2)
    if label_smoothing:
        yt = yt * (1.0 - float(label_smoothing)) + float(label_smoothing) / n
    if from_logits or logits is not None:
        x = yp if logits is None else (logits if logits._value.dtype == yp._value.dtype else _m.cast(logits, yp._value.dtype))
        return _nn.softmax_cross_entropy_with_logits(labels=yt, logits=x, axis=axis)
    p = yp / _m.reduce_sum(yp, axis=axis, keepdims=True)
    return -_m.reduce_sum(yt * _m.log(_clip(p)), axis=axis)


def binary_crossentropy(y_true: Any, y_pred: Any, from_logits: bool = False, label_smoothing: float = 0.0,
                        axis: int = -1) -> Tensor:
    """Mean over ``axis`` of the elementwise binary cross-entropy.

    Example:
        >>> out = binary_crossentropy([[0.0, 1.0], [0.0, 0.0]], [[0.6, 0.4], [0.4, 0.6]])
        >>> [round(v, 4) for v in out.numpy().tolist()]
        [0.9163, 0.7136]
    """
    op = "binary_crossentropy"
    logits = _logits_of(y_pred, from_logits, op)
    yp = _pred(y_pred, op)
    yt = _cast_like(y_true, yp, op)
    yt, yp2 = _same_rank(yt, yp)
    if yp2 is not yp:
        logits = None if logits is None else _a.reshape(logits, yp2._value.shape)
        yp = yp2
    _check_same_shape(yt, yp, op)
    if label_smoothing:
        yt = yt * (1.0 - float(label_smoothing)) + 0.5 * float(label_smoothing)
    if from_logits or logits is not None:
        x = yp if logits is None else (logits if logits._value.dtype == yp._value.dtype else _m.cast(logits, yp._value.dtype))
        elem = _nn.sigmoid_cross_entropy_with_logits(labels=yt, logits=x)
    else:
        p = _clip(yp)
        elem = -(yt * _m.log(p) + (1.0 - yt) * _m.log(1.0 - p))
    return _m.reduce_mean(elem, axis=axis) if elem._value.ndim else elem


def mean_squared_error(y_true: Any, y_pred: Any) -> Tensor:
    """``mean(square(y_true - y_pred), axis=-1)``.

    Example:
        >>> mean_squared_error([[0.0, 1.0]], [[1.0, 1.0]]).numpy().tolist()
        [0.5]
    """
    yt, yp = _pair(y_true, y_pred, "mean_squared_error")
    return _mean_last(_m.square(yt - yp))


def mean_absolute_error(y_true: Any, y_pred: Any) -> Tensor:
    """``mean(abs(y_true - y_pred), axis=-1)``.

    Example:
        >>> mean_absolute_error([[0.0, 1.0]], [[1.0, 1.0]]).numpy().tolist()
        [0.5]
    """
    yt, yp = _pair(y_true, y_pred, "mean_absolute_error")
    return _mean_last(_m.abs(yt - yp))


def mean_absolute_percentage_error(y_true: Any, y_pred: Any) -> Tensor:
    """``100 * mean(abs((y_true - y_pred) / max(abs(y_true), epsilon)), axis=-1)``.

    Example:
        >>> mean_absolute_percentage_error([[2.0, 4.0]], [[1.0, 5.0]]).numpy().tolist()
        [37.5]
    """
    yt, yp = _pair(y_true, y_pred, "mean_absolute_percentage_error")
    diff = _m.abs((yt - yp) / _m.maximum(_m.abs(yt), _eps()))
    return 100.0 * _mean_last(diff)


def mean_squared_logarithmic_error(y_true: Any, y_pred: Any) -> Tensor:
    """``mean(square(log(max(y_pred, eps) + 1) - log(max(y_true, eps) + 1)), axis=-1)``.

    Example:
        >>> [round(v, 6) for v in mean_squared_logarithmic_error([[0.0, 1.0]], [[1.0, 1.0]]).numpy().tolist()]
        [0.240226]
    """
    yt, yp = _pair(y_true, y_pred, "mean_squared_logarithmic_error")
    e = _eps()
    first = _m.log(_m.maximum(yp, e) + 1.0)
    second = _m.log(_m.maximum(yt, e) + 1.0)
    return _mean_last(_m.square(first - second))


def cosine_similarity(y_true: Any, y_pred: Any, axis: int = -1) -> Tensor:
    """``-sum(l2_normalize(y_true) * l2_normalize(y_pred), axis)`` (-1 for parallel vectors).

    Example:
        >>> [round(v, 6) for v in cosine_similarity([[0.0, 1.0], [1.0, 1.0]], [[1.0, 0.0], [1.0, 1.0]]).numpy().tolist()]
        [-0.0, -1.0]
    """
    yt, yp = _pair(y_true, y_pred, "cosine_similarity")
    return -_m.reduce_sum(_l2_normalize(yt, axis) * _l2_normalize(yp, axis), axis=axis)


def huber(y_true: Any, y_pred: Any, delta: float = 1.0) -> Tensor:
    """Mean over the last axis of ``0.5 * e**2`` where ``|e| <= delta``, else ``delta * |e| - 0.5 * delta**2``.

    Example:
        >>> huber([[0.0, 0.0]], [[0.5, 3.0]]).numpy().tolist()
        [1.3125]
    """
    yt, yp = _pair(y_true, y_pred, "huber")
    d = float(delta)
    err = yp - yt
    ae = _m.abs(err)
    quad = 0.5 * _m.square(err)
    lin = d * ae - 0.5 * d * d
    return _mean_last(_m.where(_m.less_equal(ae, d), quad, lin))


def log_cosh(y_true: Any, y_pred: Any) -> Tensor:
    """``mean(log(cosh(y_pred - y_true)), axis=-1)``, computed as ``x + softplus(-2x) - log(2)``.

    Example:
        >>> [round(v, 6) for v in log_cosh([[0.0, 1.0]], [[1.0, 1.0]]).numpy().tolist()]
        [0.21689]
    """
    yt, yp = _pair(y_true, y_pred, "log_cosh")
    x = yp - yt
    return _mean_last(x + _nn.softplus(x * -2.0) - math.log(2.0))


def kl_divergence(y_true: Any, y_pred: Any) -> Tensor:
    """``sum(y_true * log(y_true / y_pred), axis=-1)`` with both clipped to ``[epsilon, 1]``.

    Example:
        >>> [round(v, 4) for v in kl_divergence([[0.0, 1.0]], [[0.4, 0.6]]).numpy().tolist()]
        [0.5108]
    """
    yt, yp = _pair(y_true, y_pred, "kl_divergence", squeeze=False)
    e = _eps()
    yt = _m.clip_by_value(yt, e, 1.0)
    yp = _m.clip_by_value(yp, e, 1.0)
    return _sum_last(yt * _m.log(yt / yp))


def poisson(y_true: Any, y_pred: Any) -> Tensor:
    """``mean(y_pred - y_true * log(y_pred + epsilon), axis=-1)``.

    Example:
        >>> [round(v, 4) for v in poisson([[0.0, 1.0]], [[1.0, 2.0]]).numpy().tolist()]
        [1.1534]
    """
    yt, yp = _pair(y_true, y_pred, "poisson", squeeze=False)
    return _mean_last(yp - yt * _m.log(yp + _eps()))


def _hinge_labels(yt: Tensor) -> Tensor:
    """Labels in {0, 1} become {-1, 1} (others are used as given), as Keras."""
    v = yt._value
    if np.all((v == 0) | (v == 1)):
        return 2.0 * yt - 1.0
    return yt


def hinge(y_true: Any, y_pred: Any) -> Tensor:
    """``mean(max(1 - y_true * y_pred, 0), axis=-1)``; 0/1 labels are mapped to -1/1 first.

    Example:
        >>> hinge([[0.0, 1.0]], [[0.5, 0.5]]).numpy().tolist()
        [1.0]
    """
    yt, yp = _pair(y_true, y_pred, "hinge", squeeze=False)
    yt = _hinge_labels(yt)
    return _mean_last(_m.maximum(1.0 - yt * yp, 0.0))


def squared_hinge(y_true: Any, y_pred: Any) -> Tensor:
    """``mean(square(max(1 - y_true * y_pred, 0)), axis=-1)``; 0/1 labels are mapped to -1/1 first.

    Example:
        >>> squared_hinge([[0.0, 1.0]], [[0.5, 0.5]]).numpy().tolist()
        [1.25]
    """
    yt, yp = _pair(y_true, y_pred, "squared_hinge", squeeze=False)
    yt = _hinge_labels(yt)
    return _mean_last(_m.square(_m.maximum(1.0 - yt * yp, 0.0)))


def categorical_hinge(y_true: Any, y_pred: Any) -> Tensor:
    """``max(max((1 - y_true) * y_pred) - sum(y_true * y_pred) + 1, 0)`` over the last axis.

    Example:
        >>> categorical_hinge([[0.0, 1.0]], [[0.3, 0.6]]).numpy().tolist()
        [0.699999988079071]
    """
    yt, yp = _pair(y_true, y_pred, "categorical_hinge", squeeze=False)
    pos = _sum_last(yt * yp)
    neg = _m.reduce_max((1.0 - yt) * yp, axis=-1) if yp._value.ndim else (1.0 - yt) * yp
    return _m.maximum(neg - pos + 1.0, 0.0)


def categorical_focal_crossentropy(y_true: Any, y_pred: Any, alpha: float = 0.25, gamma: float = 2.0,
                                   from_logits: bool = False, label_smoothing: float = 0.0, axis: int = -1) -> Tensor:
    """Categorical cross-entropy down-weighting easy examples:
    ``sum(-alpha * (1 - p)**gamma * y_true * log(p), axis)`` with ``p`` the renormalised, clipped
    probabilities (``softmax`` of ``y_pred`` when ``from_logits``).

    Example:
        >>> out = categorical_focal_crossentropy([[0, 1, 0], [0, 0, 1]], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]])
        >>> [round(v, 4) for v in out.numpy().tolist()]
        [0.0, 0.4663]
    """
    op = "categorical_focal_crossentropy"
    if isinstance(axis, bool):
        raise ValueError(f"`axis` must be of type `int`. Received: axis={axis} of type {type(axis)}")
    yp = _pred(y_pred, op)
    yt = _cast_like(y_true, yp, op)
    _check_same_shape(yt, yp, op)
    if yp._value.ndim == 0:
        raise InvalidArgumentError(f"{op}: inputs need a class axis, got scalars", op=op)
    if yp._value.shape[-1] == 1:
        warnings.warn(
            f"In loss {op}, expected y_pred.shape to be (batch_size, num_classes) with num_classes > 1. Received: "
            f"y_pred.shape={tuple(yp._value.shape)}. Consider using 'binary_crossentropy' if you only have 2 classes.",
            SyntaxWarning, stacklevel=2)
    if label_smoothing:
        yt = yt * (1.0 - float(label_smoothing)) + float(label_smoothing) / yt._value.shape[-1]
    if from_logits:
        yp = _nn.softmax(yp, axis=axis)
    out = _clip(yp / _m.reduce_sum(yp, axis=axis, keepdims=True))
    cce = -yt * _m.log(out)
    focal = _m.pow(1.0 - out, float(gamma)) * float(alpha) * cce
    return _m.reduce_sum(focal, axis=axis)


def binary_focal_crossentropy(y_true: Any, y_pred: Any, apply_class_balancing: bool = False, alpha: float = 0.25,
                              gamma: float = 2.0, from_logits: bool = False, label_smoothing: float = 0.0,
                              axis: int = -1) -> Tensor:
    """Binary cross-entropy times the focal factor ``(1 - p_t)**gamma`` (and, with
    ``apply_class_balancing``, ``alpha`` for positives / ``1 - alpha`` for negatives), mean over ``axis``.

    Example:
        >>> out = binary_focal_crossentropy([[0.0, 1.0], [0.0, 0.0]], [[0.6, 0.4], [0.4, 0.6]], gamma=2.0)
        >>> [round(v, 4) for v in out.numpy().tolist()]
        [0.3299, 0.2058]
    """
    op = "binary_focal_crossentropy"
    logits = _logits_of(y_pred, from_logits, op)
    yp = _pred(y_pred, op)
    yt = _cast_like(y_true, yp, op)
    yt, yp2 = _same_rank(yt, yp)
    if yp2 is not yp:
        logits = None if logits is None else _a.reshape(logits, yp2._value.shape)
        yp = yp2
    _check_same_shape(yt, yp, op)
    if label_smoothing:
        yt = yt * (1.0 - float(label_smoothing)) + 0.5 * float(label_smoothing)
    if from_logits:
        logits, yp = yp, _m.sigmoid(yp)
    if logits is not None:
        x = logits if logits._value.dtype == yp._value.dtype else _m.cast(logits, yp._value.dtype)
        bce = _nn.sigmoid_cross_entropy_with_logits(labels=yt, logits=x)
    else:
        p = _clip(yp)
        bce = -(yt * _m.log(p) + (1.0 - yt) * _m.log(1.0 - p))
    p_t = yt * yp + (1.0 - yt) * (1.0 - yp)
    focal = _m.pow(1.0 - p_t, float(gamma)) * bce
    if apply_class_balancing:
        a = float(alpha)
        focal = (yt * a + (1.0 - yt) * (1.0 - a)) * focal
    return _m.reduce_mean(focal, axis=axis) if focal._value.ndim else focal


def dice(y_true: Any, y_pred: Any, axis: Any = None) -> Tensor:
    """``1 - 2 * sum(y_true * y_pred) / (sum(y_true) + sum(y_pred) + epsilon)`` over ``axis`` (all axes
    when None: one scalar).

    Example:
        >>> round(float(dice([[1.0, 0.0], [1.0, 1.0]], [[0.8, 0.1], [0.6, 0.9]])), 6)
        0.148148
    """
    yp = _pred(y_pred, "dice")
    yt = _cast_like(y_true, yp, "dice")
    _check_broadcast(yt, yp, "dice")
    inter = _m.reduce_sum(yt * yp, axis=axis)
    return 1.0 - (2.0 * inter) / (_m.reduce_sum(yt, axis=axis) + _m.reduce_sum(yp, axis=axis) + _eps())


def tversky(y_true: Any, y_pred: Any, alpha: float = 0.5, beta: float = 0.5, axis: Any = None) -> Tensor:
    """``1 - TP / (TP + alpha * FP + beta * FN + epsilon)`` with soft counts over ``axis`` (all axes when None).

    Example:
        >>> round(float(tversky([[1.0, 0.0], [1.0, 1.0]], [[0.8, 0.1], [0.6, 0.9]])), 6)
        0.148148
    """
    yp = _pred(y_pred, "tversky")
    yt = _cast_like(y_true, yp, "tversky")
    _check_broadcast(yt, yp, "tversky")
    inter = _m.reduce_sum(yt * yp, axis=axis)
    fp = _m.reduce_sum((1.0 - yp) * yt, axis=axis)
    fn = _m.reduce_sum(yp * (1.0 - yt), axis=axis)
    return 1.0 - inter / (inter + fp * float(alpha) + fn * float(beta) + _eps())


def categorical_generalized_cross_entropy(y_true: Any, y_pred: Any, q: float) -> Tensor:
    """Generalized cross-entropy for noisy integer labels: ``(1 - p_y**q) / q`` with ``p_y`` the
    predicted probability of the label.

    Example:
        >>> out = categorical_generalized_cross_entropy([1, 0], [[0.2, 0.8], [0.7, 0.3]], q=0.5)
        >>> [round(v, 4) for v in out.numpy().tolist()]
        [0.2111, 0.3267]
    """
    op = "categorical_generalized_cross_entropy"
    yp = _pred(y_pred, op)
    if yp._value.ndim == 0:
        raise InvalidArgumentError(f"{op}: y_pred needs a class axis, got a scalar", op=op)
    lab = y_true._value if isinstance(y_true, Tensor) else np.asarray(y_true._t._value if isinstance(
        y_true, Variable) else y_true)
    one_hot = Tensor(np.eye(yp._value.shape[-1], dtype=yp._value.dtype)[np.asarray(lab).astype(np.int64)])
    p = _m.reduce_sum(yp * one_hot, axis=-1)
    q = float(q)
    return (1.0 - _m.pow(p, q)) / q


def circle(y_true: Any, y_pred: Any, ref_labels: Any = None, ref_embeddings: Any = None, remove_diagonal: bool = True,
           gamma: float = 80, margin: float = 0.4) -> Tensor:
    """Circle loss for metric learning: ``y_pred`` are (normalised) embeddings, ``y_true`` integer
    labels; pairs with equal labels are positives. Per sample:
    ``softplus(logsumexp(-gamma * w_p * (m - d_p)) + logsumexp(gamma * w_n * (1 - m - d_n)))``
    over cosine distances ``d``. Samples with a zero loss carry a mask (as Keras).

    Example:
        >>> emb = [[1.0, 0.0], [0.8, 0.6], [0.0, 1.0], [0.6, 0.8]]
        >>> [round(v, 4) for v in circle([0, 0, 1, 1], emb).numpy().tolist()]
        [6.4017, 51.328, 6.4017, 51.328]
    """
    op = "circle"
    yp = _pred(y_pred, op)
    lab = np.asarray(y_true._value if isinstance(y_true, Tensor) else y_true).astype(np.int32)
    ref = yp if ref_embeddings is None else _pred(ref_embeddings, op)
    rlab = lab if ref_labels is None else np.asarray(
        ref_labels._value if isinstance(ref_labels, Tensor) else ref_labels).astype(np.int32)
    dist = _m.maximum(1.0 - _m.matmul(yp, _a.transpose(ref)), 0.0)
    pos = lab.reshape(-1, 1) == rlab.reshape(1, -1)
    neg = ~pos
    if remove_diagonal:
        n = min(pos.shape)
        pos = pos.copy()
        pos[np.arange(n), np.arange(n)] = False
    dt = yp._value.dtype
    pos_f, neg_f = Tensor(pos.astype(dt)), Tensor(neg.astype(dt))
    m = float(margin)
    pos_w = _m.maximum((m + dist) * pos_f, 0.0)
    neg_w = _m.maximum((1.0 + m - dist) * neg_f, 0.0)
    g = float(gamma)
    pos_d = -1.0 * g * pos_w * (m - dist)
    neg_d = g * neg_w * ((1.0 - m) - dist)
    ninf = Tensor(np.full(pos.shape, -np.inf, dt))
    p_loss = _m.reduce_logsumexp(_m.where(Tensor(pos), pos_d, ninf), axis=1)
    n_loss = _m.reduce_logsumexp(_m.where(Tensor(neg), neg_d, ninf), axis=1)
    out = _nn.softplus(p_loss + n_loss)
    out._keras_mask = Tensor(out._value > 0)
    return out


# Keras's aliases (tf.keras.losses keeps the TF 2.x short names too)
mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
kld = KLD = kullback_leibler_divergence = kl_divergence
logcosh = log_cosh


# --- reduction ----------------------------------------------------------------------------------

def _standardize_reduction(reduction: Any) -> Any:
    if reduction not in _REDUCTIONS:
        raise ValueError(
            "Invalid value for argument `reduction`. Expected one of {'sum_over_batch_size', 'sum', None, 'none', "
            f"'mean', 'mean_with_sample_weight'}}. Received: reduction={reduction}"
        )
    return reduction


def _reduce_weighted(losses: Tensor, sample_weight: Any, reduction: str | None, mask: Any, name: str) -> Tensor:
    """Keras's ``reduce_weighted_values``: weight ``losses`` by the mask (renormalised over the
    unmasked entries for the mean reductions) and ``sample_weight``, then reduce."""
    dt = losses._value.dtype
    if mask is not None:
        m = np.asarray(mask._value if isinstance(mask, Tensor) else mask).astype(bool)
        if reduction in ("mean", "sum_over_batch_size"):
            valid = m.sum()
            weight = (m.size / valid) if valid else 0.0
            fm = Tensor(np.where(m, weight, 0.0).astype(dt))
        else:
            fm = Tensor(m.astype(dt))
        if sample_weight is None:
            sample_weight = fm
        else:
            fm, swt = _same_rank(fm, _cast_like(sample_weight, losses, name))
            sample_weight = _m.multiply(swt, fm)
    sw = None
    if sample_weight is not None:
        sw = _cast_like(sample_weight, losses, name)
        losses, sw = _same_rank(losses, sw)
        try:
            shape = np.broadcast_shapes(losses._value.shape, sw._value.shape)
            if shape != losses._value.shape:
                raise ValueError
        except ValueError:
            raise InvalidArgumentError(
                f"{name}: sample_weight of shape {tuple(sw._value.shape)} cannot be broadcast to the per-sample "
                f"losses of shape {tuple(losses._value.shape)}",
                op=name,
            ) from None
        losses = _m.multiply(losses, sw)
    if reduction is None or reduction == "none" or losses._value.shape in ((), (0,)):
        return losses
    total = _m.reduce_sum(losses)
    if reduction == "sum":
        return total
    if reduction == "mean_with_sample_weight" and sw is not None:
        divisor = _m.reduce_sum(sw)
    else:
        divisor = Tensor(np.asarray(losses._value.size, dt))
    return _m.divide_no_nan(total, divisor)


# --- Loss classes -------------------------------------------------------------------------------

class Loss:
    """Base class: subclasses implement ``call(y_true, y_pred)`` returning per-sample losses.

    ``__call__(y_true, y_pred, sample_weight=None)`` converts the inputs to tensors (labels to the
    prediction's dtype), calls ``call`` and weights and reduces the result according to
    ``reduction``: 'sum_over_batch_size' (default; 'mean' is the same), 'sum',
    'mean_with_sample_weight', or 'none' / None (no reduction).

    Example:
        >>> import tapeflow as tf
        >>> class L1(Loss):
        ...     def call(self, y_true, y_pred):
        ...         return tf.abs(y_pred - y_true)
        >>> float(L1()([1.0, 2.0], [2.0, 2.0]))
        0.5
    """

    def __init__(self, name: str | None = None, reduction: str | None = "sum_over_batch_size", dtype: Any = None) -> None:
        if name is None:
            from ._naming import to_snake_case, unique_name

            name = unique_name(to_snake_case(type(self).__name__))
        self.name = name
        self.reduction = _standardize_reduction(reduction)
        self._dtype_arg = dtype

    @property
    def dtype(self) -> str:
        """The computation dtype's name (``floatx()`` unless ``dtype`` was given)."""
        if self._dtype_arg is None:
            return _backend.floatx()
        from .. import dtypes as _dt

        return _dt.as_dtype(getattr(self._dtype_arg, "compute_dtype", self._dtype_arg)).name

    def call(self, y_true: Any, y_pred: Any) -> Tensor:
        raise NotImplementedError(f"{type(self).__name__} must implement `call(y_true, y_pred)`")

    def _convert(self, y_true: Any, y_pred: Any) -> tuple:
        """Both inputs as Tensors: y_pred in ``dtype`` (or its own float dtype when ``dtype`` is None),
        y_true in y_pred's dtype. A prediction's logits and mask travel with it."""
        from .. import dtypes as _dt

        src = y_pred
        t = y_pred if isinstance(y_pred, Tensor) else tensor_arg(y_pred, self.name)
        if self._dtype_arg is not None:
            target = _dt.np_dtype(self.dtype)
        elif t._value.dtype.kind == "f":
            target = t._value.dtype
        else:
            target = _dt.np_dtype(_backend.floatx())
        yp = t if t._value.dtype == target else _m.cast(t, target)
        if yp is not src:
            logits = getattr(src, "_keras_logits", None)
            if logits is not None:
                yp._keras_logits = logits if logits._value.dtype == target else _m.cast(logits, target)
            mask = getattr(src, "_keras_mask", None)
            if mask is not None:
                yp._keras_mask = mask
        if isinstance(y_true, Tensor) and y_true._value.dtype == target:
            yt = y_true
        else:
            yt = _cast_like(y_true, yp, self.name)
        return yt, yp

    def _losses_and_mask(self, y_true: Any, y_pred: Any) -> tuple:
        losses = self.call(y_true, y_pred)
        if not isinstance(losses, Tensor):
            losses = tensor_arg(losses, self.name)
        return losses, getattr(losses, "_keras_mask", None)

    def __call__(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> Tensor:
        """Per-sample losses, weighted by ``sample_weight`` and reduced."""
        in_mask = getattr(y_pred, "_keras_mask", None)
        yt, yp = self._convert(y_true, y_pred)
        losses, out_mask = self._losses_and_mask(yt, yp)
        mask = in_mask if out_mask is None else out_mask
        if in_mask is not None and out_mask is not None:
            mask = np.logical_and(np.asarray(_mask_value(in_mask)), np.asarray(_mask_value(out_mask)))
        if sample_weight is None and mask is None and self.reduction == "sum_over_batch_size":
            if losses._value.shape in ((), (0,)):
                return losses
            if losses._value.size == 0:
                return Tensor(np.zeros((), losses._value.dtype))
            return _m.reduce_mean(losses)  # the hot path: one op
        return _reduce_weighted(losses, sample_weight, self.reduction, mask, self.name)

    def get_config(self) -> dict:
        return {"name": self.name, "reduction": self.reduction}

    @classmethod
    def from_config(cls, config: dict) -> Loss:
        return cls(**config)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} name={self.name!r} reduction={self.reduction!r}>"


def _mask_value(mask: Any) -> Any:
    return mask._value if isinstance(mask, Tensor) else mask


class LossFunctionWrapper(Loss):
    """A Loss built from a function ``fn(y_true, y_pred, **kwargs)`` returning per-sample losses
    (the inputs' ranks are first equalised as Keras's squeeze-or-expand).

    Example:
        >>> float(LossFunctionWrapper(mean_absolute_error)([[0.0, 1.0]], [[1.0, 1.0]]))
        0.5
    """

    def __init__(self, fn: Callable, reduction: str | None = "sum_over_batch_size", name: str | None = None,
                 dtype: Any = None, **kwargs: Any) -> None:
        super().__init__(name=name, reduction=reduction, dtype=dtype)
        self.fn = fn
        self._fn_kwargs = kwargs

    def call(self, y_true: Any, y_pred: Any) -> Tensor:
        if isinstance(y_true, Tensor) and isinstance(y_pred, Tensor):
            y_true, y_pred = _same_rank(y_true, y_pred)
        return self.fn(y_true, y_pred, **self._fn_kwargs)

    def get_config(self) -> dict:
        from .utils.serialization import serialize_keras_object

        config = super().get_config()
        config.update({"fn": serialize_keras_object(self.fn)})
        config.update(serialize_keras_object(self._fn_kwargs))
        return config

    @classmethod
    def from_config(cls, config: dict) -> Loss:
        if "fn" in config:
            from .utils.serialization import deserialize_keras_object

            config = deserialize_keras_object(config)
        return cls(**config)

    def __repr__(self) -> str:
        return f"<LossFunctionWrapper({self.fn}, kwargs={self._fn_kwargs})>"


class _Builtin(LossFunctionWrapper):
    """A built-in wrapper: its config is Loss's keys plus ``_config_keys`` (as each Keras class)."""

    _config_keys: tuple = ()

    def get_config(self) -> dict:
        config = Loss.get_config(self)
        config.update({k: getattr(self, k) for k in self._config_keys})
        return config

    @classmethod
    def from_config(cls, config: dict) -> Loss:
        return cls(**config)

class SparseCategoricalCrossentropy(_Builtin):
    """Cross-entropy between integer labels and predicted class probabilities (or logits).

    With ``ignore_class``, samples with that label get a loss of 0 and the mean runs over the others.

    Example:
        >>> import tapeflow as tf
        >>> loss = SparseCategoricalCrossentropy()
        >>> round(float(loss(tf.constant([1.0, 2.0]), tf.constant([[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]]))), 3)
        1.177
    """

    _config_keys = ("from_logits", "ignore_class")

    def __init__(self, from_logits: bool = False, ignore_class: int | None = None,
                 reduction: str | None = "sum_over_batch_size", axis: int = -1,
                 name: str = "sparse_categorical_crossentropy", dtype: Any = None) -> None:
        super().__init__(sparse_categorical_crossentropy, reduction=reduction, name=name, dtype=dtype,
                         from_logits=from_logits, ignore_class=ignore_class, axis=axis)
        self.from_logits = from_logits
        self.ignore_class = ignore_class

    def call(self, y_true: Any, y_pred: Any) -> Tensor:
        return self.fn(y_true, y_pred, **self._fn_kwargs)

    def __call__(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> Tensor:
        if (sample_weight is None and self.ignore_class is None and self._dtype_arg is None
                and self.reduction == "sum_over_batch_size" and type(self).call is SparseCategoricalCrossentropy.call
                and getattr(y_pred, "_keras_mask", None) is None):
            # the hot path: the mean of the per-sample losses as one fused op (forward and backward)
            op = "sparse_categorical_crossentropy"
            if type(y_pred) is Tensor and type(y_true) is Tensor and _XENT_MEAN is not None:
                # Tensors of matching shapes and float dtypes: the checks of `_sparse_ce_inputs`
                # and `_mean_sparse_xent` done at once (anything else takes the general route)
                try:
                    x = y_pred._keras_logits
                except AttributeError:
                    x = None
                if self.from_logits:
                    x = y_pred if x is None else None  # a softmax output: the general route warns
                if type(x) is Tensor:
                    xv = x._value
                    pv = y_pred._value
                    lv = y_true._value
                    if (xv.dtype is pv.dtype and xv.dtype.kind == "f" and xv.shape == pv.shape and xv.ndim
                            and lv.shape == xv.shape[:-1] and lv.dtype.kind in "iuf" and xv.size):
                        try:
                            return bind2(_XENT_MEAN, y_true, x)
                        except InvalidArgumentError as e:
                            raise InvalidArgumentError(f"{op}: {e}", op=op) from None
            lab, x, _ = _sparse_ce_inputs(y_true, y_pred, self.from_logits, None)
            try:
                if x._value.size:
                    return _nn._mean_sparse_xent(lab, x)
                losses = _nn.sparse_softmax_cross_entropy_with_logits(labels=lab, logits=x)
            except InvalidArgumentError as e:
                raise InvalidArgumentError(f"{op}: {e}", op=op) from None
            if losses._value.shape in ((), (0,)):
                return losses
            return Tensor(np.zeros((), losses._value.dtype))  # as Loss.__call__: nothing to average
        return Loss.__call__(self, y_true, y_pred, sample_weight)


class CategoricalCrossentropy(_Builtin):
    """Cross-entropy between one-hot labels and predicted probabilities (or logits).

    Example:
        >>> round(float(CategoricalCrossentropy()([[0, 1, 0], [0, 0, 1]], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]])), 3)
        1.177
    """

    _config_keys = ("from_logits", "label_smoothing", "axis")

    def __init__(self, from_logits: bool = False, label_smoothing: float = 0.0, axis: int = -1,
                 reduction: str | None = "sum_over_batch_size", name: str = "categorical_crossentropy",
                 dtype: Any = None) -> None:
        super().__init__(categorical_crossentropy, reduction=reduction, name=name, dtype=dtype,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.axis = axis


class BinaryCrossentropy(_Builtin):
    """Binary cross-entropy between 0/1 labels and probabilities (or logits), mean over the last axis.

    Example:
        >>> round(float(BinaryCrossentropy()([[0.0, 1.0], [0.0, 0.0]], [[0.6, 0.4], [0.4, 0.6]])), 3)
        0.815
    """

    _config_keys = ("from_logits", "label_smoothing", "axis")

    def __init__(self, from_logits: bool = False, label_smoothing: float = 0.0, axis: int = -1,
                 reduction: str | None = "sum_over_batch_size", name: str = "binary_crossentropy",
                 dtype: Any = None) -> None:
        super().__init__(binary_crossentropy, reduction=reduction, name=name, dtype=dtype,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.axis = axis


class BinaryFocalCrossentropy(_Builtin):
    """Binary focal cross-entropy (see ``binary_focal_crossentropy``).

    Example:
        >>> round(float(BinaryFocalCrossentropy(gamma=2.0)([[0.0, 1.0], [0.0, 0.0]], [[0.6, 0.4], [0.4, 0.6]])), 4)
        0.2678
    """

    _config_keys = ("from_logits", "label_smoothing", "axis", "apply_class_balancing", "alpha", "gamma")

    def __init__(self, apply_class_balancing: bool = False, alpha: float = 0.25, gamma: float = 2.0,
                 from_logits: bool = False, label_smoothing: float = 0.0, axis: int = -1,
                 reduction: str | None = "sum_over_batch_size", name: str = "binary_focal_crossentropy",
                 dtype: Any = None) -> None:
        super().__init__(binary_focal_crossentropy, reduction=reduction, name=name, dtype=dtype,
                         apply_class_balancing=apply_class_balancing, alpha=alpha, gamma=gamma,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.axis = axis
        self.apply_class_balancing = apply_class_balancing
        self.alpha = alpha
        self.gamma = gamma


class CategoricalFocalCrossentropy(_Builtin):
    """Categorical focal cross-entropy (see ``categorical_focal_crossentropy``).

    Example:
        >>> loss = CategoricalFocalCrossentropy()
        >>> round(float(loss([[0, 1, 0], [0, 0, 1]], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]])), 4)
        0.2332
    """

    _config_keys = ("from_logits", "label_smoothing", "axis", "alpha", "gamma")

    def __init__(self, alpha: float = 0.25, gamma: float = 2.0, from_logits: bool = False,
                 label_smoothing: float = 0.0, axis: int = -1, reduction: str | None = "sum_over_batch_size",
                 name: str = "categorical_focal_crossentropy", dtype: Any = None) -> None:
        super().__init__(categorical_focal_crossentropy, reduction=reduction, name=name, dtype=dtype, alpha=alpha,
                         gamma=gamma, from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.axis = axis
        self.alpha = alpha
        self.gamma = gamma


def _simple(cls_name: str, fn: Callable, default_name: str, doc: str) -> type:
    """A built-in wrapper class without arguments of its own (config: name and reduction)."""

    def __init__(self: Any, reduction: str | None = "sum_over_batch_size", name: str = default_name,
                 dtype: Any = None) -> None:
        _Builtin.__init__(self, fn, reduction=reduction, name=name, dtype=dtype)

    return type(cls_name, (_Builtin,), {"__init__": __init__, "__doc__": doc, "__module__": __name__,
                                        "__qualname__": cls_name})


MeanSquaredError = _simple("MeanSquaredError", mean_squared_error, "mean_squared_error", """Mean of squares of errors.

    Example:
        >>> float(MeanSquaredError()([[0.0, 1.0], [0.0, 0.0]], [[1.0, 1.0], [1.0, 0.0]]))
        0.5
    """)
MeanAbsoluteError = _simple("MeanAbsoluteError", mean_absolute_error, "mean_absolute_error", """Mean of absolute errors.

    Example:
        >>> float(MeanAbsoluteError()([[0.0, 1.0], [0.0, 0.0]], [[1.0, 1.0], [1.0, 0.0]]))
        0.5
    """)
MeanAbsolutePercentageError = _simple(
    "MeanAbsolutePercentageError", mean_absolute_percentage_error, "mean_absolute_percentage_error",
    """Mean of ``100 * |y_true - y_pred| / max(|y_true|, epsilon)``.

    Example:
        >>> float(MeanAbsolutePercentageError()([[2.0, 4.0]], [[1.0, 5.0]]))
        37.5
    """)
MeanSquaredLogarithmicError = _simple(
    "MeanSquaredLogarithmicError", mean_squared_logarithmic_error, "mean_squared_logarithmic_error",
    """Mean of squared differences of ``log(1 + x)``.

    Example:
        >>> round(float(MeanSquaredLogarithmicError()([[0.0, 1.0]], [[1.0, 1.0]])), 6)
        0.240226
    """)
LogCosh = _simple("LogCosh", log_cosh, "log_cosh", """Mean of ``log(cosh(y_pred - y_true))``.

    Example:
        >>> round(float(LogCosh()([[0.0, 1.0]], [[1.0, 1.0]])), 6)
        0.21689
    """)
KLDivergence = _simple("KLDivergence", kl_divergence, "kl_divergence", """Kullback-Leibler divergence.

    Example:
        >>> round(float(KLDivergence()([[0.0, 1.0]], [[0.4, 0.6]])), 4)
        0.5108
    """)
Poisson = _simple("Poisson", poisson, "poisson", """Poisson loss: mean of ``y_pred - y_true * log(y_pred)``.

    Example:
        >>> round(float(Poisson()([[0.0, 1.0]], [[1.0, 2.0]])), 4)
        1.1534
    """)
Hinge = _simple("Hinge", hinge, "hinge", """Hinge loss (0/1 labels are mapped to -1/1).

    Example:
        >>> float(Hinge()([[0.0, 1.0]], [[0.5, 0.5]]))
        1.0
    """)
SquaredHinge = _simple("SquaredHinge", squared_hinge, "squared_hinge", """Squared hinge loss.

    Example:
        >>> float(SquaredHinge()([[0.0, 1.0]], [[0.5, 0.5]]))
        1.25
    """)
CategoricalHinge = _simple("CategoricalHinge", categorical_hinge, "categorical_hinge", """Categorical hinge loss.

    Example:
        >>> round(float(CategoricalHinge()([[0.0, 1.0]], [[0.3, 0.6]])), 6)
        0.7
    """)


class CosineSimilarity(_Builtin):
    """Negative cosine similarity along ``axis`` (config: name and reduction only, as Keras).

    Example:
        >>> round(float(CosineSimilarity()([[0.0, 1.0], [1.0, 1.0]], [[1.0, 0.0], [1.0, 1.0]])), 6)
        -0.5
    """

    def __init__(self, axis: int = -1, reduction: str | None = "sum_over_batch_size", name: str = "cosine_similarity",
                 dtype: Any = None) -> None:
        super().__init__(cosine_similarity, reduction=reduction, name=name, dtype=dtype, axis=axis)


class Huber(_Builtin):
    """Huber loss: quadratic for errors up to ``delta``, linear beyond (config: name and reduction
    only, as Keras).

    Example:
        >>> float(Huber()([[0.0, 0.0]], [[0.5, 3.0]]))
        1.3125
    """

    def __init__(self, delta: float = 1.0, reduction: str | None = "sum_over_batch_size", name: str = "huber_loss",
                 dtype: Any = None) -> None:
        super().__init__(huber, reduction=reduction, name=name, dtype=dtype, delta=delta)


class Dice(_Builtin):
    """Dice loss (see ``dice``).

    Example:
        >>> round(float(Dice()([[1.0, 0.0], [1.0, 1.0]], [[0.8, 0.1], [0.6, 0.9]])), 6)
        0.148148
    """

    _config_keys = ("axis",)

    def __init__(self, reduction: str | None = "sum_over_batch_size", name: str = "dice", axis: Any = None,
                 dtype: Any = None) -> None:
        super().__init__(dice, reduction=reduction, name=name, dtype=dtype, axis=axis)
        self.axis = axis


class Tversky(_Builtin):
    """Tversky loss (see ``tversky``).

    Example:
        >>> round(float(Tversky()([[1.0, 0.0], [1.0, 1.0]], [[0.8, 0.1], [0.6, 0.9]])), 6)
        0.148148
    """

    _config_keys = ("alpha", "beta", "axis")

    def __init__(self, alpha: float = 0.5, beta: float = 0.5, reduction: str | None = "sum_over_batch_size",
                 name: str = "tversky", axis: Any = None, dtype: Any = None) -> None:
        super().__init__(tversky, reduction=reduction, name=name, dtype=dtype, alpha=alpha, beta=beta, axis=axis)
        self.alpha = alpha
        self.beta = beta
        self.axis = axis


class CategoricalGeneralizedCrossEntropy(_Builtin):
    """Generalized cross-entropy (see ``categorical_generalized_cross_entropy``); ``0 < q < 1``.

    Example:
        >>> round(float(CategoricalGeneralizedCrossEntropy()([1, 0], [[0.2, 0.8], [0.7, 0.3]])), 4)
        0.2689
    """

    _config_keys = ("q",)

    def __init__(self, q: float = 0.5, reduction: str | None = "sum_over_batch_size",
                 name: str = "categorical_generalized_cross_entropy", dtype: Any = None) -> None:
        if not 0 < q < 1:
            raise ValueError("q must be in the interval (0, 1)")
        super().__init__(categorical_generalized_cross_entropy, reduction=reduction, name=name, dtype=dtype, q=q)
        self.q = q

    def call(self, y_true: Any, y_pred: Any) -> Tensor:
        return self.fn(y_true, y_pred, **self._fn_kwargs)


class Circle(_Builtin):
    """Circle loss (see ``circle``); samples whose loss is 0 are masked out of the mean.

    Example:
        >>> emb = [[1.0, 0.0], [0.6, 0.8], [0.0, 1.0]]  # the third sample's loss is 0: masked out of the mean
        >>> round(float(Circle()([0, 0, 1], emb)), 4)
        19.2
    """

    _config_keys = ("gamma", "margin", "remove_diagonal")

    def __init__(self, gamma: float = 80.0, margin: float = 0.4, remove_diagonal: bool = True,
                 reduction: str | None = "sum_over_batch_size", name: str = "circle", dtype: Any = None) -> None:
        super().__init__(circle, reduction=reduction, name=name, dtype=dtype, gamma=gamma, margin=margin,
                         remove_diagonal=remove_diagonal)
        self.gamma = gamma
        self.margin = margin
        self.remove_diagonal = remove_diagonal

    def call(self, y_true: Any, y_pred: Any) -> Tensor:
        return self.fn(y_true, y_pred, **self._fn_kwargs)


class Reduction:
    """TF 2.x's loss-reduction names (``tf.keras.losses.Reduction``; Keras 3 losses reject ``AUTO``).

    Example:
        >>> Reduction.SUM_OVER_BATCH_SIZE, Reduction.all()
        ('sum_over_batch_size', ('auto', 'none', 'sum', 'sum_over_batch_size'))
    """

    AUTO = "auto"
    NONE = "none"
    SUM = "sum"
    SUM_OVER_BATCH_SIZE = "sum_over_batch_size"

    @classmethod
    def all(cls) -> tuple:
        return (cls.AUTO, cls.NONE, cls.SUM, cls.SUM_OVER_BATCH_SIZE)

    @classmethod
    def validate(cls, key: Any) -> None:
        if key not in cls.all():
            raise ValueError(f'Invalid Reduction Key: {key}. Expected keys are "{cls.all()}"')


# --- lookup -------------------------------------------------------------------------------------

_CLASSES = (Loss, LossFunctionWrapper, KLDivergence, Poisson, BinaryCrossentropy, BinaryFocalCrossentropy,
            CategoricalCrossentropy, CategoricalFocalCrossentropy, SparseCategoricalCrossentropy, MeanSquaredError,
            MeanAbsoluteError, MeanAbsolutePercentageError, MeanSquaredLogarithmicError, CosineSimilarity, LogCosh,
            Huber, Hinge, SquaredHinge, CategoricalHinge, Dice, Tversky, Circle, CategoricalGeneralizedCrossEntropy)
_FUNCTIONS = (kl_divergence, poisson, binary_crossentropy, binary_focal_crossentropy, categorical_crossentropy,
              categorical_focal_crossentropy, sparse_categorical_crossentropy, mean_squared_error, mean_absolute_error,
              mean_absolute_percentage_error, mean_squared_logarithmic_error, cosine_similarity, log_cosh, huber,
              hinge, squared_hinge, categorical_hinge, dice, tversky, circle)
_ALL = {o.__name__: o for o in _CLASSES + _FUNCTIONS}
_ALL.update({"bce": binary_crossentropy, "BCE": binary_crossentropy, "kld": kl_divergence, "KLD": kl_divergence,
             "mae": mean_absolute_error, "MAE": mean_absolute_error, "mse": mean_squared_error,
             "MSE": mean_squared_error, "mape": mean_absolute_percentage_error, "MAPE": mean_absolute_percentage_error,
             "msle": mean_squared_logarithmic_error, "MSLE": mean_squared_logarithmic_error})


def serialize(loss: Any) -> Any:
    """Keras 3's config of a Loss (``{"module", "class_name", "config", "registered_name"}``) or of a function.

    Example:
        >>> serialize(MeanSquaredError())
        {'module': 'keras.losses', 'class_name': 'MeanSquaredError', 'config': {'name': 'mean_squared_error', \
'reduction': 'sum_over_batch_size'}, 'registered_name': None}
    """
    from .utils.serialization import serialize_keras_object

    return serialize_keras_object(loss)


def deserialize(name: Any, custom_objects: dict | None = None) -> Any:
    """Rebuild a loss from ``serialize()``'s output (or from a name).

    Example:
        >>> type(deserialize({"class_name": "Huber", "config": {"name": "h", "reduction": "sum"}})).__name__
        'Huber'
    """
    from .utils.serialization import deserialize_keras_object

    if isinstance(name, str):
        found = (custom_objects or {}).get(name) or _ALL.get(name)
        if found is None:
            raise ValueError(f"Could not interpret loss identifier: {name}")
        return found
    if isinstance(name, dict) and "class_name" in name and name.get("module") is None and "registered_name" not in name:
        cls = (custom_objects or {}).get(name["class_name"]) or _ALL.get(name["class_name"])
        if isinstance(cls, type):
            return cls.from_config(dict(name.get("config") or {}))
    return deserialize_keras_object(name, custom_objects=custom_objects)


def get(identifier: Any) -> Any:
    """A loss from a name ('mse', 'sparse_categorical_crossentropy', 'SparseCategoricalCrossentropy', ...),
    a config dict, a Loss class or instance, or a callable (returned as is).

    Function names give the function (as Keras); class names give a fresh Loss instance.

    Example:
        >>> get("mse") is mean_squared_error, type(get("Huber")).__name__
        (True, 'Huber')
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        obj = deserialize(identifier)
    elif isinstance(identifier, str):
        obj = _ALL.get(identifier)
    else:
        obj = identifier
    if callable(obj):
        if isinstance(obj, type):
            obj = obj()
        return obj
    raise ValueError(f"Could not interpret loss identifier: {identifier}")


__all__ = [
    "Loss", "LossFunctionWrapper", "Reduction", "SparseCategoricalCrossentropy", "CategoricalCrossentropy",
    "BinaryCrossentropy", "BinaryFocalCrossentropy", "CategoricalFocalCrossentropy", "MeanSquaredError",
    "MeanAbsoluteError", "MeanAbsolutePercentageError", "MeanSquaredLogarithmicError", "CosineSimilarity", "LogCosh",
    "Huber", "KLDivergence", "Poisson", "Hinge", "SquaredHinge", "CategoricalHinge", "Dice", "Tversky", "Circle",
    "CategoricalGeneralizedCrossEntropy",
    "sparse_categorical_crossentropy", "categorical_crossentropy", "binary_crossentropy", "binary_focal_crossentropy",
    "categorical_focal_crossentropy", "mean_squared_error", "mean_absolute_error", "mean_absolute_percentage_error",
    "mean_squared_logarithmic_error", "cosine_similarity", "log_cosh", "huber", "kl_divergence", "poisson", "hinge",
    "squared_hinge", "categorical_hinge", "dice", "tversky", "circle", "categorical_generalized_cross_entropy",
    "mse", "mae", "mape", "msle", "kld", "MSE", "MAE", "MAPE", "MSLE", "KLD", "kullback_leibler_divergence",
    "logcosh", "get", "serialize", "deserialize", "EPSILON",
]
