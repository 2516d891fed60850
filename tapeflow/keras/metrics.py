"""``keras.metrics``: streaming metrics with the ``update_state`` / ``result`` / ``reset_state`` contract.

Metrics are never differentiated, so updates run on NumPy arrays directly; the state lives in
non-trainable Variables created with ``add_weight``, and ``result()`` returns a float32 Tensor.

Example:
    >>> import numpy as np
    >>> from tapeflow import keras
    >>> m = keras.metrics.SparseCategoricalAccuracy()
    >>> float(m(np.array([1.0, 0.0]), np.array([[0.1, 0.9], [0.3, 0.7]])))
    0.5
    >>> m.reset_states(); float(m.result())
    0.0
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np

from .. import dtypes as _dt
from ..errors import InvalidArgumentError
from ..tensor import Tensor, Variable
from .variables import Variable as KerasVariable

_EPS = 1e-7


def _np(x: Any) -> np.ndarray:
    """The NumPy value of a Tensor, Variable, array, list or number (no copy, no tape bookkeeping)."""
    if isinstance(x, Tensor):
        v = x._value
        return v if type(v) is np.ndarray else np.asarray(v)
    if isinstance(x, Variable):
        return np.asarray(x._t._value)
    if type(x) is np.ndarray:
        return x
    a = np.asarray(x)
    if a.dtype == object:
        raise TypeError(f"metrics: cannot convert {type(x).__name__} {x!r} to an array")
    return a


def _snake(name: str) -> str:
    s = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s).lower()


def _out(value: Any) -> Tensor:
    return Tensor(np.asarray(value, np.float32))


def _same_rank(a: np.ndarray, b: np.ndarray) -> tuple:
    """Keras's squeeze-or-expand: make ranks equal when they differ by one trailing unit axis."""
    ra, rb = a.ndim, b.ndim
    if ra == rb + 1 and a.shape[-1] == 1:
        if rb == 1:
            b = b[..., None]
        else:
            a = a[..., 0]
    elif rb == ra + 1 and b.shape[-1] == 1:
        if ra == 1:
            a = a[..., None]
        else:
            b = b[..., 0]
    return a, b


def _check_same_shape(a: np.ndarray, b: np.ndarray, what: str, names: tuple = ("y_true", "y_pred")) -> None:
    if a.shape != b.shape:
        raise InvalidArgumentError(
            f"{what}: {names[0]} and {names[1]} shapes are incompatible: {names[0]} has shape {a.shape} ({a.dtype}), "
            f"{names[1]} has shape {b.shape} ({b.dtype})",
            op=what,
        )


class Metric:
    """Base class: subclasses create state with ``add_weight`` and implement ``update_state`` and ``result``.

    Example:
        >>> class Count(Metric):
        ...     def __init__(self, name="count", dtype=None):
        ...         super().__init__(name=name, dtype=dtype)
        ...         self.n = self.add_weight(name="n")
        ...     def update_state(self, values):
        ...         self.n.assign_add(float(np.size(values)))
        ...     def result(self):
        ...         return self.n.value()
        >>> float(Count()([1, 2, 3]))
        3.0
    """

    def __init__(self, name: str | None = None, dtype: Any = None) -> None:
        self.name = name if name is not None else _snake(type(self).__name__)
        self._dtype = _dt.as_dtype(dtype) if dtype is not None else _dt.float32
        self._variables: list[Variable] = []
        self._initial: dict[int, np.ndarray] = {}

    @property
    def dtype(self) -> _dt.DType:
        return self._dtype

    @property
    def variables(self) -> list:
        """The state variables (non-trainable)."""
        return list(self._variables)

    weights = variables
    non_trainable_weights = variables

    @property
    def trainable_weights(self) -> list:
        return []

    def add_weight(self, shape: Any = (), initializer: Any = "zeros", dtype: Any = None, name: str | None = None,
                   aggregation: str = "sum") -> Variable:
        """Create a non-trainable state Variable (``initializer``: 'zeros', 'ones', a number or a callable)."""
        npdt = _dt.np_dtype(dtype) if dtype is not None else self._dtype._np
        shape = tuple(int(s) for s in (shape if isinstance(shape, (tuple, list)) else (shape,)))
        if isinstance(initializer, str):
            if initializer not in ("zeros", "ones"):
                raise ValueError(f"{self.name}: unknown initializer {initializer!r} (use 'zeros', 'ones', a number or a callable)")
            arr = (np.zeros if initializer == "zeros" else np.ones)(shape, npdt)
        elif callable(initializer):
            arr = np.asarray(_np(initializer(shape, dtype=npdt)), npdt)
        else:
            arr = np.broadcast_to(np.asarray(initializer, npdt), shape).copy()
        name = name or f"{self.name}_variable"
        v = KerasVariable(arr, trainable=False, name=name, path=f"{self.name}/{name}")
        self._initial[v._id] = arr.copy()
        self._variables.append(v)
        return v

    def update_state(self, *args: Any, **kwargs: Any) -> None:
        raise NotImplementedError(f"{type(self).__name__} must implement `update_state()`")

    def result(self) -> Tensor:
        raise NotImplementedError(f"{type(self).__name__} must implement `result()`")

    def reset_state(self) -> None:
        """Reset all state variables to their initial values."""
        for v in self._variables:
            init = self._initial.get(v._id)
            v._set_array(init.copy() if init is not None else np.zeros_like(v._t._value))

    def reset_states(self) -> None:
        """The TF 2.x name of ``reset_state`` (still used by many programs)."""
        self.reset_state()

    def __call__(self, *args: Any, **kwargs: Any) -> Tensor:
        """Update the state with this batch and return the new ``result()``."""
        self.update_state(*args, **kwargs)
        return self.result()

    def get_config(self) -> dict:
        return {"name": self.name, "dtype": self._dtype.name}

    @classmethod
    def from_config(cls, config: dict) -> Metric:
        return cls(**config)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} name={self.name}>"


def _add(v: Variable, delta: Any) -> None:
    old = v._t._value
    v._set_array((old + delta).astype(old.dtype, copy=False))


def _samplewise(values: np.ndarray, sample_weight: Any) -> tuple:
    """Keras's reduce_to_samplewise_values: (per-sample values (weighted), per-sample weights or None)."""
    if sample_weight is not None:
        w = _np(sample_weight).astype(np.float64)
        values, w = _same_rank(values, w)
        if values.ndim > w.ndim:
            values = values.mean(axis=tuple(range(w.ndim, values.ndim)))
        try:
            w = np.broadcast_to(w, values.shape)
        except ValueError:
            raise InvalidArgumentError(
                f"metric: sample_weight of shape {_np(sample_weight).shape} cannot be broadcast to the values' "
                f"shape {values.shape}", op="metric") from None
        values = values * w
        if w.ndim > 1:
            w = w.mean(axis=tuple(range(1, w.ndim)))
    if values.ndim > 1:
        values = values.mean(axis=tuple(range(1, values.ndim)))
    return values, (None if sample_weight is None else w)


class Mean(Metric):
    """The (weighted) mean of the values seen: ``total / count``.

    Example:
        >>> m = Mean()
        >>> m.update_state([1.0, 3.0], sample_weight=[1.0, 0.0])
        >>> float(m.result())
        1.0
    """

    def __init__(self, name: str = "mean", dtype: Any = None) -> None:
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_weight(name="total")
        self.count = self.add_weight(name="count")

    def update_state(self, values: Any, sample_weight: Any = None) -> None:
        values = _np(values)
        if sample_weight is None and values.ndim == 1:  # the common case: one value per sample
            _add(self.total, values.sum(dtype=np.float64))
            _add(self.count, values.shape[0])
            return
        values = values.astype(np.float64, copy=False)
        values, w = _samplewise(values, sample_weight)
        _add(self.total, values.sum())
        if w is not None:
            n = w.sum()
        else:
            n = values.shape[0] if values.ndim >= 1 else 1
        _add(self.count, n)

    def result(self) -> Tensor:
        c = float(self.count._t._value)
        return _out(float(self.total._t._value) / c if c != 0 else 0.0)


class Sum(Metric):
    """The (weighted) sum of the values seen.

    Example:
        >>> float(Sum()([1.0, 2.0, 3.0]))
        6.0
    """

    def __init__(self, name: str = "sum", dtype: Any = None) -> None:
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_weight(name="total")

    def update_state(self, values: Any, sample_weight: Any = None) -> None:
        values = _np(values).astype(np.float64, copy=False)
        values, _ = _samplewise(values, sample_weight)
        _add(self.total, values.sum())

    def result(self) -> Tensor:
        return _out(self.total._t._value)


class MeanMetricWrapper(Mean):
    """The running mean of ``fn(y_true, y_pred, **kwargs)`` (values computed on NumPy arrays).

    Example:
        >>> m = MeanMetricWrapper(lambda t, p: np.abs(t - p), name="l1")
        >>> float(m([1.0, 2.0], [1.5, 2.5]))
        0.5
    """

    def __init__(self, fn: Callable, name: str | None = None, dtype: Any = None, **kwargs: Any) -> None:
        super().__init__(name=name or getattr(fn, "__name__", "mean_metric_wrapper"), dtype=dtype)
        self._fn = fn
        self._fn_kwargs = kwargs

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        values = _np(self._fn(_np(y_true), _np(y_pred), **self._fn_kwargs))
        super().update_state(values, sample_weight=sample_weight)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(self._fn_kwargs)
        return config


# --- per-sample NumPy metric functions ------------------------------------------------------------

def _accuracy_np(y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    y_true, y_pred = _same_rank(y_true, y_pred)
    _check_same_shape(y_true, y_pred, "accuracy")
    return (y_true == y_pred).astype(np.float32)


def _sparse_categorical_accuracy_np(y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    if y_pred.ndim == 0:
        raise InvalidArgumentError("sparse_categorical_accuracy: y_pred must have a class axis, got a scalar",
                                   op="sparse_categorical_accuracy")
    if y_true.ndim == y_pred.ndim and y_true.shape[-1] == 1:
        y_true = y_true[..., 0]
    if y_true.shape != y_pred.shape[:-1]:
        raise InvalidArgumentError(
            f"sparse_categorical_accuracy: labels of shape {y_true.shape} ({y_true.dtype}) do not match predictions "
            f"of shape {y_pred.shape} ({y_pred.dtype}): expected labels of shape {y_pred.shape[:-1]} or "
            f"{y_pred.shape[:-1] + (1,)}",
            op="sparse_categorical_accuracy",
        )
    return np.equal(y_pred.argmax(-1), y_true).astype(np.float32)


def _categorical_accuracy_np(y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    _check_same_shape(y_true, y_pred, "categorical_accuracy")
    if y_pred.ndim == 0:
        raise InvalidArgumentError("categorical_accuracy: inputs need a class axis, got scalars", op="categorical_accuracy")
    return (np.argmax(y_true, axis=-1) == np.argmax(y_pred, axis=-1)).astype(np.float32)


def _binary_accuracy_np(y_true: np.ndarray, y_pred: np.ndarray, threshold: float = 0.5) -> np.ndarray:
    y_true, y_pred = _same_rank(y_true, y_pred)
    _check_same_shape(y_true, y_pred, "binary_accuracy")
    return (y_true == (y_pred > threshold).astype(y_true.dtype)).astype(np.float32)


def _squared_error_np(y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    y_true, y_pred = _same_rank(y_true, y_pred)
    _check_same_shape(y_true, y_pred, "mean_squared_error")
    d = y_pred.astype(np.float64) - y_true
    return np.mean(d * d, axis=-1) if d.ndim else d * d


def _absolute_error_np(y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    y_true, y_pred = _same_rank(y_true, y_pred)
    _check_same_shape(y_true, y_pred, "mean_absolute_error")
    d = np.abs(y_pred.astype(np.float64) - y_true)
    return np.mean(d, axis=-1) if d.ndim else d


def accuracy(y_true: Any, y_pred: Any) -> Tensor:
    """Per-element 1.0 where ``y_true == y_pred``. Example: ``accuracy([1, 2], [1, 3])`` -> ``[1., 0.]``."""
    return _out(_accuracy_np(_np(y_true), _np(y_pred)))


def sparse_categorical_accuracy(y_true: Any, y_pred: Any) -> Tensor:
    """Per-sample 1.0 where the integer label equals ``argmax(y_pred)``.

    Example:
        >>> sparse_categorical_accuracy([1], [[0.2, 0.8]]).numpy().tolist()
        [1.0]
    """
    return _out(_sparse_categorical_accuracy_np(_np(y_true), _np(y_pred)))


def categorical_accuracy(y_true: Any, y_pred: Any) -> Tensor:
    """Per-sample 1.0 where ``argmax(y_true) == argmax(y_pred)``."""
    return _out(_categorical_accuracy_np(_np(y_true), _np(y_pred)))


def binary_accuracy(y_true: Any, y_pred: Any, threshold: float = 0.5) -> Tensor:
    """Per-element 1.0 where ``y_true == (y_pred > threshold)``."""
    return _out(_binary_accuracy_np(_np(y_true), _np(y_pred), threshold))


class Accuracy(MeanMetricWrapper):
    """How often predictions equal labels.

    Example:
        >>> float(Accuracy()([1, 2, 3, 4], [0, 2, 3, 4]))
        0.75
    """

    def __init__(self, name: str = "accuracy", dtype: Any = None) -> None:
        super().__init__(_accuracy_np, name=name, dtype=dtype)


class SparseCategoricalAccuracy(MeanMetricWrapper):
    """How often the integer label equals ``argmax(y_pred)``; labels of shape (batch,) or (batch, 1).

    Example:
        >>> float(SparseCategoricalAccuracy()([2.0, 1.0], [[0.1, 0.6, 0.3], [0.05, 0.95, 0.0]]))
        0.5
    """

    def __init__(self, name: str = "sparse_categorical_accuracy", dtype: Any = None) -> None:
        super().__init__(_sparse_categorical_accuracy_np, name=name, dtype=dtype)

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        if sample_weight is None and self._fn is _sparse_categorical_accuracy_np and not self._fn_kwargs:
            # the hot path (labels of shape (batch,), 2-D predictions, float state): count the
            # hits directly. Python floats add exactly as float64, as Mean's general update does.
            t = _np(y_true)
            p = _np(y_pred)
            total, count = self.total, self.count
            tv, cv = total._t._value, count._t._value
            if (p.ndim == 2 and t.shape == p.shape[:1] and t.dtype.kind in "iufb" and tv.dtype.kind == "f"
                    and cv.dtype.kind == "f" and p.shape[0] < 16777216):
                hits = int(np.count_nonzero(p.argmax(-1) == t))
                total._set_array(tv.dtype.type(float(tv) + hits))
                count._set_array(cv.dtype.type(float(cv) + p.shape[0]))
                return
        super().update_state(y_true, y_pred, sample_weight=sample_weight)


class CategoricalAccuracy(MeanMetricWrapper):
    """How often ``argmax(y_true) == argmax(y_pred)`` (one-hot labels).

    Example:
        >>> float(CategoricalAccuracy()([[0, 0, 1], [0, 1, 0]], [[0.1, 0.9, 0.8], [0.05, 0.95, 0]]))
        0.5
    """

    def __init__(self, name: str = "categorical_accuracy", dtype: Any = None) -> None:
        super().__init__(_categorical_accuracy_np, name=name, dtype=dtype)


class BinaryAccuracy(MeanMetricWrapper):
    """How often ``y_true == (y_pred > threshold)``.

    Example:
        >>> float(BinaryAccuracy()([[1], [1], [0], [0]], [[0.98], [1], [0], [0.6]]))
        0.75
    """

    def __init__(self, name: str = "binary_accuracy", dtype: Any = None, threshold: float = 0.5) -> None:
        super().__init__(_binary_accuracy_np, name=name, dtype=dtype, threshold=float(threshold))
        self.threshold = float(threshold)


class MeanSquaredError(MeanMetricWrapper):
    """The running mean of ``mean(square(y_true - y_pred), axis=-1)``.

    Example:
        >>> float(MeanSquaredError()([[0, 1], [0, 0]], [[1, 1], [0, 0]]))
        0.25
    """

    def __init__(self, name: str = "mean_squared_error", dtype: Any = None) -> None:
        super().__init__(_squared_error_np, name=name, dtype=dtype)


class MeanAbsoluteError(MeanMetricWrapper):
    """The running mean of ``mean(abs(y_true - y_pred), axis=-1)``.

    Example:
        >>> float(MeanAbsoluteError()([[0, 1], [0, 0]], [[1, 1], [0, 0]]))
        0.25
    """

    def __init__(self, name: str = "mean_absolute_error", dtype: Any = None) -> None:
        super().__init__(_absolute_error_np, name=name, dtype=dtype)


# --- confusion-matrix metrics -------------------------------------------------------------------

def _confusion(y_true: np.ndarray, y_pred: np.ndarray, w: np.ndarray | None, thresholds: np.ndarray) -> tuple:
    """(tp, fp, tn, fn) per threshold (sorted ascending) for flat arrays; a prediction is positive
    when ``y_pred > threshold``; labels in [0, 1] weight the positive/negative counts as Keras does."""
    pos = y_true.astype(np.float64)
    neg = 1.0 - pos
    if w is not None:
        pos = pos * w
        neg = neg * w
    n = len(thresholds)
    idx = np.searchsorted(thresholds, y_pred, side="left")  # how many thresholds are < y_pred
    hp = np.bincount(idx, weights=pos, minlength=n + 1)
    hn = np.bincount(idx, weights=neg, minlength=n + 1)
    tp = np.cumsum(hp[::-1])[::-1][1:]
    fp = np.cumsum(hn[::-1])[::-1][1:]
    return tp, fp, neg.sum() - fp, pos.sum() - tp


def _div_no_nan(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(b != 0, a / np.where(b != 0, b, 1), 0.0)


class _ConfusionMetric(Metric):
    """Shared state and update of Precision and Recall."""

    _kinds: tuple = ()

    def __init__(self, thresholds: Any = None, top_k: int | None = None, class_id: int | None = None,
                 name: str | None = None, dtype: Any = None) -> None:
        super().__init__(name=name, dtype=dtype)
        self.init_thresholds = thresholds
        self.top_k = top_k
        self.class_id = class_id
        default = 0.5 if top_k is None else -np.inf
        thr = [default] if thresholds is None else ([thresholds] if np.ndim(thresholds) == 0 else list(thresholds))
        for t in thr:
            if not (t == -np.inf or 0.0 <= t <= 1.0):
                raise ValueError(f"{type(self).__name__}: threshold values must be in [0, 1]. Received: {thr}")
        self.thresholds = [float(t) for t in thr]
        self._single = thresholds is None or np.ndim(thresholds) == 0
        self._order = np.argsort(self.thresholds, kind="stable")
        self._sorted = np.asarray(self.thresholds, np.float64)[self._order]
        for k in self._kinds:
            setattr(self, k, self.add_weight(shape=(len(thr),), name=k))

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        yt, yp = _np(y_true).astype(np.float64), _np(y_pred).astype(np.float64)
        yt, yp = _same_rank(yt, yp)
        _check_same_shape(yt, yp, self.name)
        w = None
        if sample_weight is not None:
            w = _np(sample_weight).astype(np.float64)
            w, _ = _same_rank(w, yp)
            try:
                w = np.broadcast_to(w, yp.shape)
            except ValueError:
                raise InvalidArgumentError(
                    f"{self.name}: sample_weight of shape {_np(sample_weight).shape} cannot be broadcast to y_pred's "
                    f"shape {yp.shape}", op=self.name) from None
        if self.top_k is not None:
            k = int(self.top_k)
            if yp.ndim == 0 or k < yp.shape[-1]:
                kth = -np.sort(-yp, axis=-1)[..., k - 1: k]
                rank = (yp > kth).sum(axis=-1, keepdims=True)
                keep = (yp >= kth) & (rank < k)  # ties at the k-th value: keep up to k entries
                yp = np.where(keep, yp, -np.inf)
        if self.class_id is not None:
            c = int(self.class_id)
            yt, yp = yt[..., c], yp[..., c]
            w = None if w is None else w[..., c]
        tp, fp, tn, fn = _confusion(yt.reshape(-1), yp.reshape(-1), None if w is None else w.reshape(-1), self._sorted)
        inv = np.empty_like(self._order)
        inv[self._order] = np.arange(len(self._order))
        got = {"true_positives": tp, "false_positives": fp, "true_negatives": tn, "false_negatives": fn}
        for k in self._kinds:
            _add(getattr(self, k), got[k][inv])

    def result(self) -> Tensor:
        """``true_positives / (true_positives + other)``, ``other`` being the second of ``_kinds``."""
        tp, other = self.true_positives._t._value, getattr(self, self._kinds[1])._t._value
        r = _div_no_nan(tp, tp + other)
        return _out(r[0] if self._single else r)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"thresholds": self.init_thresholds, "top_k": self.top_k, "class_id": self.class_id})
        return config


class Precision(_ConfusionMetric):
    """``true_positives / (true_positives + false_positives)``; a prediction is positive when it is
    above the threshold (0.5 by default; a list of thresholds gives a vector result).

    Example:
        >>> float(Precision()([0, 1, 1, 1], [1, 0, 1, 1]))
        0.6666666865348816
    """

    _kinds = ("true_positives", "false_positives")

    def __init__(self, thresholds: Any = None, top_k: int | None = None, class_id: int | None = None,
                 name: str = "precision", dtype: Any = None) -> None:
        super().__init__(thresholds, top_k, class_id, name, dtype)


class Recall(_ConfusionMetric):
    """``true_positives / (true_positives + false_negatives)`` (threshold 0.5 by default).

    Example:
        >>> float(Recall()([0, 1, 1, 1], [1, 0, 1, 1]))
        0.6666666865348816
    """

    _kinds = ("true_positives", "false_negatives")

    def __init__(self, thresholds: Any = None, top_k: int | None = None, class_id: int | None = None,
                 name: str = "recall", dtype: Any = None) -> None:
        super().__init__(thresholds, top_k, class_id, name, dtype)


class AUC(Metric):
    """Area under the ROC or PR curve, from confusion counts at ``num_thresholds`` thresholds.

    Thresholds are ``i / (num_thresholds - 1)`` for ``i = 1 .. num_thresholds - 2`` plus ``-1e-7``
    and ``1 + 1e-7`` at the ends (or ``thresholds`` plus those ends). ``summation_method``:
    'interpolation' (trapezoids for ROC; Davis & Goadrich interpolation for PR), 'minoring' or
    'majoring' (left / right Riemann sums of the lower / upper value).

    Example:
        >>> m = AUC(num_thresholds=3)
        >>> float(m([0, 0, 1, 1], [0.0, 0.5, 0.3, 0.9]))
        0.75
    """

    def __init__(self, num_thresholds: int = 200, curve: str = "ROC", summation_method: str = "interpolation",
                 name: str | None = None, dtype: Any = None, thresholds: Any = None, multi_label: bool = False,
                 num_labels: int | None = None, label_weights: Any = None, from_logits: bool = False) -> None:
        super().__init__(name=name or "auc", dtype=dtype)
        curve = str(curve).upper()
        if curve not in ("ROC", "PR"):
            raise ValueError(f'AUC: invalid `curve` argument value "{curve}". Expected one of: ROC, PR')
        summation_method = str(summation_method).lower()
        if summation_method not in ("interpolation", "minoring", "majoring"):
            raise ValueError(f'AUC: invalid `summation_method` argument value "{summation_method}". Expected one '
                             "of: interpolation, minoring, majoring")
        if thresholds is not None:
            inner = sorted(float(t) for t in np.asarray(thresholds).reshape(-1))
            num_thresholds = len(inner) + 2
        else:
            if int(num_thresholds) <= 1:
                raise ValueError(f"AUC: `num_thresholds` must be > 1. Received: num_thresholds={num_thresholds}")
            num_thresholds = int(num_thresholds)
            inner = [(i + 1) / (num_thresholds - 1) for i in range(num_thresholds - 2)]
        self.num_thresholds = num_thresholds
        self.thresholds = [0.0 - _EPS] + inner + [1.0 + _EPS]
        self._thr = np.asarray(self.thresholds, np.float64)
        self.curve = curve
        self.summation_method = summation_method
        self.multi_label = bool(multi_label)
        self.num_labels = num_labels
        self.label_weights = None if label_weights is None else np.asarray(label_weights, np.float64)
        self.from_logits = bool(from_logits)
        self._init_thresholds = thresholds
        if self.multi_label and num_labels is not None:
            self._build(int(num_labels))
        elif not self.multi_label:
            self._build(None)

    def _build(self, num_labels: int | None) -> None:
        shape = (self.num_thresholds,) if num_labels is None else (self.num_thresholds, num_labels)
        self.true_positives = self.add_weight(shape, name="true_positives")
        self.false_positives = self.add_weight(shape, name="false_positives")
        self.true_negatives = self.add_weight(shape, name="true_negatives")
        self.false_negatives = self.add_weight(shape, name="false_negatives")
        self.num_labels = num_labels
        self._built = True

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        yt, yp = _np(y_true).astype(np.float64), _np(y_pred).astype(np.float64)
        yt, yp = _same_rank(yt, yp)
        _check_same_shape(yt, yp, self.name)
        if self.from_logits:
            yp = 1.0 / (1.0 + np.exp(-yp))
        w = None
        if sample_weight is not None:
            w = _np(sample_weight).astype(np.float64)
            w, _ = _same_rank(w, yp)
            try:
                w = np.broadcast_to(w, yp.shape)
            except ValueError:
                raise InvalidArgumentError(
                    f"{self.name}: sample_weight of shape {_np(sample_weight).shape} cannot be broadcast to y_pred's "
                    f"shape {yp.shape}", op=self.name) from None
        if not self.multi_label:
            counts = _confusion(yt.reshape(-1), yp.reshape(-1), None if w is None else w.reshape(-1), self._thr)
        else:
            if yp.ndim != 2:
                raise InvalidArgumentError(f"{self.name}: multi_label AUC needs 2-D inputs (batch, labels), got "
                                           f"shape {yp.shape}", op=self.name)
            if not getattr(self, "_built", False):
                self._build(yp.shape[1])
            if yp.shape[1] != self.num_labels:
                raise InvalidArgumentError(f"{self.name}: expected {self.num_labels} labels, got shape {yp.shape}",
                                           op=self.name)
            per = [_confusion(yt[:, j], yp[:, j], None if w is None else w[:, j], self._thr)
                   for j in range(yp.shape[1])]
            counts = tuple(np.stack([p[i] for p in per], axis=1) for i in range(4))
        for var, c in zip((self.true_positives, self.false_positives, self.true_negatives, self.false_negatives),
                          counts):
            _add(var, c)

    def _auc(self, tp: np.ndarray, fp: np.ndarray, tn: np.ndarray, fn: np.ndarray) -> Any:
        n = self.num_thresholds
        if self.curve == "PR" and self.summation_method == "interpolation":
            # Davis & Goadrich: precision interpolated along the true positives between thresholds
            dtp = tp[: n - 1] - tp[1:]
            p = tp + fp
            dp = p[: n - 1] - p[1:]
            slope = _div_no_nan(dtp, np.maximum(dp, 0))
            intercept = tp[1:] - slope * p[1:]
            ok = (p[: n - 1] > 0) & (p[1:] > 0)
            ratio = np.where(ok, _div_no_nan(p[: n - 1], np.maximum(p[1:], 0)), 1.0)
            with np.errstate(divide="ignore", invalid="ignore"):
                logr = np.log(np.where(ratio > 0, ratio, 1.0))
            inc = _div_no_nan(slope * (dtp + intercept * logr), np.maximum(tp[1:] + fn[1:], 0))
            return inc.sum(axis=0)
        recall = _div_no_nan(tp, tp + fn)
        if self.curve == "ROC":
            x, y = _div_no_nan(fp, fp + tn), recall
        else:
            x, y = recall, _div_no_nan(tp, tp + fp)
        if self.summation_method == "interpolation":
            h = (y[: n - 1] + y[1:]) / 2.0
        elif self.summation_method == "minoring":
            h = np.minimum(y[: n - 1], y[1:])
        else:
            h = np.maximum(y[: n - 1], y[1:])
        return ((x[: n - 1] - x[1:]) * h).sum(axis=0)

    def result(self) -> Tensor:
        if not getattr(self, "_built", False):
            return _out(0.0)
        r = self._auc(*(v._t._value.astype(np.float64) for v in (
            self.true_positives, self.false_positives, self.true_negatives, self.false_negatives)))
        if self.multi_label:
            if self.label_weights is not None:
                r = _div_no_nan(np.sum(r * self.label_weights), np.sum(self.label_weights))
            else:
                r = np.mean(r)
        return _out(r)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"num_thresholds": self.num_thresholds, "curve": self.curve,
                       "summation_method": self.summation_method, "multi_label": self.multi_label,
                       "num_labels": self.num_labels, "from_logits": self.from_logits,
                       "label_weights": None if self.label_weights is None else self.label_weights.tolist()})
        if self._init_thresholds is not None:
            config["thresholds"] = self.thresholds[1:-1]
        return config


# --- lookup -----------------------------------------------------------------------------------

_CLASSES = {c.__name__: c for c in (Mean, Sum, Accuracy, SparseCategoricalAccuracy, CategoricalAccuracy,
                                     BinaryAccuracy, MeanSquaredError, MeanAbsoluteError, Precision, Recall, AUC)}
_ALIASES = {
    "accuracy": Accuracy, "acc": Accuracy, "sparse_categorical_accuracy": SparseCategoricalAccuracy,
    "categorical_accuracy": CategoricalAccuracy, "binary_accuracy": BinaryAccuracy,
    "mean_squared_error": MeanSquaredError, "mse": MeanSquaredError, "mean_absolute_error": MeanAbsoluteError,
    "mae": MeanAbsoluteError, "precision": Precision, "recall": Recall, "auc": AUC, "mean": Mean, "sum": Sum,
}


def serialize(metric: Metric) -> dict:
    """``{"class_name": ..., "config": ...}`` for a metric."""
    return {"class_name": type(metric).__name__, "config": metric.get_config()}


def deserialize(config: dict, custom_objects: dict | None = None) -> Metric:
    """Rebuild a metric from ``serialize()``'s output."""
    name = config.get("class_name") if isinstance(config, dict) else None
    cls = (custom_objects or {}).get(name) or _CLASSES.get(name)
    if cls is None:
        raise ValueError(f"Could not interpret metric config: {config!r}")
    return cls.from_config(dict(config.get("config", {})))


def get(identifier: Any) -> Any:
    """A metric from a name ('accuracy', 'SparseCategoricalAccuracy', 'mse', ...), a config dict, a
    Metric class or instance, or a callable (returned as is). Names give fresh Metric instances.

    Example:
        >>> type(get("sparse_categorical_accuracy")).__name__
        'SparseCategoricalAccuracy'
    """
    if identifier is None or isinstance(identifier, Metric):
        return identifier
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, str):
        cls = _CLASSES.get(identifier) or _ALIASES.get(identifier) or _ALIASES.get(identifier.lower())
        if cls is None:
            raise ValueError(f"Could not interpret metric identifier: '{identifier}'. Known: "
                             f"{sorted(set(_CLASSES) | set(_ALIASES))}")
        return cls()
    if isinstance(identifier, type) and issubclass(identifier, Metric):
        return identifier()
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret metric identifier: {identifier!r}")


__all__ = ["Metric", "Mean", "Sum", "MeanMetricWrapper", "Accuracy", "SparseCategoricalAccuracy",
           "CategoricalAccuracy", "BinaryAccuracy", "MeanSquaredError", "MeanAbsoluteError", "Precision", "Recall",
           "AUC", "accuracy", "sparse_categorical_accuracy", "categorical_accuracy", "binary_accuracy", "get",
           "serialize", "deserialize"]
