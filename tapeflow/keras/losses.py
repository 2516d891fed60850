"""``keras.losses``: loss classes and functions, computed with tapeflow ops (so they are differentiable).

Semantics follow Keras 3: a loss function returns one value per sample (the mean over the last
axis for elementwise losses); a ``Loss`` object weights those values by ``sample_weight`` and
reduces them (``reduction='sum_over_batch_size'`` by default: the sum divided by the number of
values). Probabilities are clipped to ``[1e-7, 1 - 1e-7]`` before taking logs; when a
prediction came out of a softmax/sigmoid layer and still carries its logits
(``y_pred._keras_logits``), the loss is computed from those logits instead, for stability.

Example:
    >>> import tapeflow as tf
    >>> from tapeflow import keras
    >>> loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    >>> round(float(loss_fn(tf.constant([0.0, 1.0]), tf.constant([[0.0, 0.0], [0.0, 0.0]]))), 4)
    0.6931
"""

from __future__ import annotations

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

EPSILON = 1e-7
# mean(sparse_softmax_cross_entropy_with_logits) as one fused primitive (bound directly by
# SparseCategoricalCrossentropy's hot path)
_XENT_MEAN = getattr(_prims_nn, "SPARSE_XENT_MEAN", None)

_REDUCTIONS = ("sum", "sum_over_batch_size", "mean", "mean_with_sample_weight", "none", None)


# --- argument helpers ---------------------------------------------------------------------------

def _pred(y_pred: Any, op: str) -> Tensor:
    """``y_pred`` as a floating Tensor (integers are cast to float32)."""
    t = y_pred if type(y_pred) is Tensor else tensor_arg(y_pred, op)
    if t._value.dtype.kind != "f":
        if t._value.dtype.kind not in "iub":
            raise InvalidArgumentError(f"{op}: y_pred must be a real tensor, got {t.dtype.name} {tuple(t.shape)}", op=op)
        t = _m.cast(t, np.float32)
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


def _last_axis(axis: Any, ndim: int, op: str) -> None:
    if isinstance(axis, bool) or axis not in (-1, ndim - 1):
        raise ValueError(f"{op}: only the last axis is supported (axis=-1), got axis={axis!r} for rank {ndim}")


def _clip(p: Tensor) -> Tensor:
    return _m.clip_by_value(p, EPSILON, 1.0 - EPSILON)


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


def _pair(y_true: Any, y_pred: Any, op: str) -> tuple:
    yp = _pred(y_pred, op)
    yt = _cast_like(y_true, yp, op)
    yt, yp = _same_rank(yt, yp)
    _check_same_shape(yt, yp, op)
    return yt, yp


def _mean_last(x: Tensor) -> Tensor:
    return _m.reduce_mean(x, axis=-1) if x._value.ndim else x


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


mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error


# --- reduction ----------------------------------------------------------------------------------

def _reduce_weighted(losses: Tensor, sample_weight: Any, reduction: str | None, mask: np.ndarray | None,
                     name: str) -> Tensor:
    """Weight ``losses`` by ``sample_weight`` (and ``mask``), then reduce as Keras does."""
    if mask is not None:
        m = mask.astype(losses._value.dtype)
        if reduction in ("mean", "sum_over_batch_size") and m.size:
            valid = m.sum()
            if valid:
                m = m * (m.size / valid)  # the mean runs over the unmasked entries only
        if sample_weight is None:
            sample_weight = Tensor(m)
        else:
            mt, swt = _same_rank(Tensor(m), _cast_like(sample_weight, losses, name))
            sample_weight = _m.multiply(mt, swt)
    sw = None
    if sample_weight is not None:
        sw = _cast_like(sample_weight, losses, name)
        losses, sw = _same_rank(losses, sw)
        try:
            np.broadcast_shapes(losses._value.shape, sw._value.shape)
            if sw._value.ndim > losses._value.ndim and sw._value.shape != losses._value.shape:
                raise ValueError
        except ValueError:
            raise InvalidArgumentError(
                f"{name}: sample_weight of shape {tuple(sw._value.shape)} cannot be broadcast to the per-sample "
                f"losses of shape {tuple(losses._value.shape)}",
                op=name,
            ) from None
        losses = _m.multiply(losses, sw)
    if reduction is None or reduction == "none":
        return losses
    if reduction == "sum":
        return _m.reduce_sum(losses)
    if losses._value.size == 0:
        return Tensor(np.zeros((), losses._value.dtype))
    if reduction == "mean_with_sample_weight" and sw is not None:
        total = float(np.sum(np.broadcast_to(sw._value, losses._value.shape)))
        s = _m.reduce_sum(losses)
        return s / total if total else s * 0.0
    return _m.reduce_mean(losses)


# --- Loss classes -------------------------------------------------------------------------------

class Loss:
    """Base class: subclasses implement ``call(y_true, y_pred)`` returning per-sample losses.

    ``__call__(y_true, y_pred, sample_weight=None)`` weights and reduces them according to
    ``reduction``: 'sum_over_batch_size' (default; 'mean' is the same), 'sum',
    'mean_with_sample_weight', or 'none' / None (no reduction).

    Example:
        >>> import tapeflow as tf
        >>> class L1(Loss):
        ...     def call(self, y_true, y_pred):
        ...         return tf.abs(y_pred - y_true)
        >>> float(L1()(tf.constant([1.0, 2.0]), tf.constant([2.0, 2.0])))
        0.5
    """

    def __init__(self, name: str | None = None, reduction: str | None = "sum_over_batch_size", dtype: Any = None) -> None:
        if reduction == "auto":  # TF 2.x's default meant sum_over_batch_size in a custom loop
            reduction = "sum_over_batch_size"
        if reduction not in _REDUCTIONS:
            raise ValueError(f"Invalid value for argument `reduction`. Expected one of {list(_REDUCTIONS)}. "
                             f"Received: reduction={reduction!r}")
        self.name = name if name is not None else type(self).__name__
        self.reduction = reduction
        self.dtype = dtype

    def call(self, y_true: Any, y_pred: Any) -> Tensor:
        raise NotImplementedError(f"{type(self).__name__} must implement `call(y_true, y_pred)`")

    def _losses_and_mask(self, y_true: Any, y_pred: Any) -> tuple:
        return self.call(y_true, y_pred), None

    def _cast_pred(self, y_pred: Any) -> Any:
        if self.dtype is None:
            return y_pred
        from .. import dtypes as _dt

        dt = _dt.np_dtype(self.dtype)
        t = y_pred if isinstance(y_pred, Tensor) else tensor_arg(y_pred, self.name)
        if t._value.dtype == dt:
            return t
        out = _m.cast(t, dt)
        logits = getattr(t, "_keras_logits", None)
        if logits is not None:
            out._keras_logits = _m.cast(logits, dt)
        return out

    def __call__(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> Tensor:
        """Per-sample losses, weighted by ``sample_weight`` and reduced."""
        if self.dtype is not None:
            y_pred = self._cast_pred(y_pred)
        losses, mask = self._losses_and_mask(y_true, y_pred)
        if sample_weight is None and mask is None and self.reduction == "sum_over_batch_size":
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


class LossFunctionWrapper(Loss):
    """A Loss built from a function ``fn(y_true, y_pred, **kwargs)`` returning per-sample losses.

    Example:
        >>> float(LossFunctionWrapper(mean_absolute_error)([[0.0, 1.0]], [[1.0, 1.0]]))
        0.5
    """

    def __init__(self, fn: Callable, reduction: str | None = "sum_over_batch_size", name: str | None = None,
                 dtype: Any = None, **kwargs: Any) -> None:
        super().__init__(name=name or getattr(fn, "__name__", None), reduction=reduction, dtype=dtype)
        self.fn = fn
        self._fn_kwargs = kwargs

    def call(self, y_true: Any, y_pred: Any) -> Tensor:
        return self.fn(y_true, y_pred, **self._fn_kwargs)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(self._fn_kwargs)
        return config


class SparseCategoricalCrossentropy(LossFunctionWrapper):
    """Cross-entropy between integer labels and predicted class probabilities (or logits).

    Example:
        >>> import tapeflow as tf
        >>> loss = SparseCategoricalCrossentropy()
        >>> round(float(loss(tf.constant([1.0, 2.0]), tf.constant([[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]]))), 3)
        1.177
    """

    def __init__(self, from_logits: bool = False, ignore_class: int | None = None,
                 reduction: str | None = "sum_over_batch_size", name: str = "sparse_categorical_crossentropy",
                 dtype: Any = None) -> None:
        super().__init__(sparse_categorical_crossentropy, reduction=reduction, name=name, dtype=dtype,
                         from_logits=bool(from_logits), ignore_class=ignore_class)
        self.from_logits = bool(from_logits)
        self.ignore_class = ignore_class

    def __call__(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> Tensor:
        if (sample_weight is None and self.ignore_class is None and self.dtype is None
                and self.reduction == "sum_over_batch_size"
                and type(self)._losses_and_mask is SparseCategoricalCrossentropy._losses_and_mask):
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
            return Tensor(np.zeros((), losses._value.dtype))  # as Loss.__call__: nothing to average
        return Loss.__call__(self, y_true, y_pred, sample_weight)

    def _losses_and_mask(self, y_true: Any, y_pred: Any) -> tuple:
        losses = sparse_categorical_crossentropy(y_true, y_pred, from_logits=self.from_logits,
                                                 ignore_class=self.ignore_class)
        if self.ignore_class is None:
            return losses, None
        lab = y_true._value if isinstance(y_true, Tensor) else np.asarray(y_true)
        lab = lab.reshape(losses._value.shape)
        return losses, lab != self.ignore_class


class CategoricalCrossentropy(LossFunctionWrapper):
    """Cross-entropy between one-hot labels and predicted probabilities (or logits).

    Example:
        >>> round(float(CategoricalCrossentropy()([[0, 1, 0], [0, 0, 1]], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]])), 3)
        1.177
    """

    def __init__(self, from_logits: bool = False, label_smoothing: float = 0.0, axis: int = -1,
                 reduction: str | None = "sum_over_batch_size", name: str = "categorical_crossentropy",
                 dtype: Any = None) -> None:
        super().__init__(categorical_crossentropy, reduction=reduction, name=name, dtype=dtype,
                         from_logits=bool(from_logits), label_smoothing=float(label_smoothing), axis=axis)
        self.from_logits = bool(from_logits)
        self.label_smoothing = float(label_smoothing)
        self.axis = axis


class BinaryCrossentropy(LossFunctionWrapper):
    """Binary cross-entropy between 0/1 labels and probabilities (or logits), mean over the last axis.

    Example:
        >>> round(float(BinaryCrossentropy()([[0.0, 1.0], [0.0, 0.0]], [[0.6, 0.4], [0.4, 0.6]])), 3)
        0.815
    """

    def __init__(self, from_logits: bool = False, label_smoothing: float = 0.0, axis: int = -1,
                 reduction: str | None = "sum_over_batch_size", name: str = "binary_crossentropy",
                 dtype: Any = None) -> None:
        super().__init__(binary_crossentropy, reduction=reduction, name=name, dtype=dtype,
                         from_logits=bool(from_logits), label_smoothing=float(label_smoothing), axis=axis)
        self.from_logits = bool(from_logits)
        self.label_smoothing = float(label_smoothing)
        self.axis = axis


class MeanSquaredError(LossFunctionWrapper):
    """Mean of squares of errors.

    Example:
        >>> float(MeanSquaredError()([[0.0, 1.0], [0.0, 0.0]], [[1.0, 1.0], [1.0, 0.0]]))
        0.5
    """

    def __init__(self, reduction: str | None = "sum_over_batch_size", name: str = "mean_squared_error",
                 dtype: Any = None) -> None:
        super().__init__(mean_squared_error, reduction=reduction, name=name, dtype=dtype)


class MeanAbsoluteError(LossFunctionWrapper):
    """Mean of absolute errors.

    Example:
        >>> float(MeanAbsoluteError()([[0.0, 1.0], [0.0, 0.0]], [[1.0, 1.0], [1.0, 0.0]]))
        0.5
    """

    def __init__(self, reduction: str | None = "sum_over_batch_size", name: str = "mean_absolute_error",
                 dtype: Any = None) -> None:
        super().__init__(mean_absolute_error, reduction=reduction, name=name, dtype=dtype)


class Huber(LossFunctionWrapper):
    """Huber loss: quadratic for errors up to ``delta``, linear beyond.

    Example:
        >>> float(Huber()([[0.0, 0.0]], [[0.5, 3.0]]))
        1.3125
    """

    def __init__(self, delta: float = 1.0, reduction: str | None = "sum_over_batch_size", name: str = "huber_loss",
                 dtype: Any = None) -> None:
        super().__init__(huber, reduction=reduction, name=name, dtype=dtype, delta=float(delta))
        self.delta = float(delta)


# --- lookup -------------------------------------------------------------------------------------

_CLASSES = {c.__name__: c for c in (SparseCategoricalCrossentropy, CategoricalCrossentropy, BinaryCrossentropy,
                                     MeanSquaredError, MeanAbsoluteError, Huber)}
_FUNCTIONS = {
    "sparse_categorical_crossentropy": sparse_categorical_crossentropy,
    "categorical_crossentropy": categorical_crossentropy, "binary_crossentropy": binary_crossentropy,
    "mean_squared_error": mean_squared_error, "mse": mean_squared_error, "MSE": mean_squared_error,
    "mean_absolute_error": mean_absolute_error, "mae": mean_absolute_error, "MAE": mean_absolute_error,
    "huber": huber, "huber_loss": huber,
}


def serialize(loss: Any) -> Any:
    """``{"class_name": ..., "config": ...}`` for a Loss, or the name of a loss function."""
    if isinstance(loss, Loss):
        return {"class_name": type(loss).__name__, "config": loss.get_config()}
    name = getattr(loss, "__name__", None)
    if name in _FUNCTIONS:
        return name
    raise ValueError(f"Cannot serialize loss {loss!r}")


def deserialize(config: Any, custom_objects: dict | None = None) -> Any:
    """Rebuild a loss from ``serialize()``'s output."""
    if isinstance(config, str):
        return get(config)
    name = config.get("class_name") if isinstance(config, dict) else None
    cls = (custom_objects or {}).get(name) or _CLASSES.get(name)
    if cls is None:
        raise ValueError(f"Could not interpret loss config: {config!r}")
    return cls.from_config(dict(config.get("config", {})))


def get(identifier: Any) -> Any:
    """A loss from a name ('mse', 'sparse_categorical_crossentropy', 'SparseCategoricalCrossentropy', ...),
    a config dict, a Loss class or instance, or a callable (returned as is).

    Function names give the function (as Keras); class names give a fresh Loss instance.

    Example:
        >>> get("mse") is mean_squared_error, type(get("Huber")).__name__
        (True, 'Huber')
    """
    if identifier is None or isinstance(identifier, Loss):
        return identifier
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, str):
        if identifier in _CLASSES:
            return _CLASSES[identifier]()
        fn = _FUNCTIONS.get(identifier) or _FUNCTIONS.get(identifier.lower())
        if fn is None:
            raise ValueError(f"Could not interpret loss identifier: '{identifier}'. Known: "
                             f"{sorted(set(_CLASSES) | set(_FUNCTIONS))}")
        return fn
    if isinstance(identifier, type) and issubclass(identifier, Loss):
        return identifier()
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret loss identifier: {identifier!r}")


__all__ = ["Loss", "LossFunctionWrapper", "SparseCategoricalCrossentropy", "CategoricalCrossentropy",
           "BinaryCrossentropy", "MeanSquaredError", "MeanAbsoluteError", "Huber", "sparse_categorical_crossentropy",
           "categorical_crossentropy", "binary_crossentropy", "mean_squared_error", "mean_absolute_error", "huber",
           "mse", "mae", "MSE", "MAE", "get", "serialize", "deserialize", "EPSILON"]
