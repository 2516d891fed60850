"""``keras.metrics``: streaming metrics with the ``update_state`` / ``result`` / ``reset_state`` contract.

Metrics are never differentiated, so updates run on NumPy arrays (or on the loss functions of
``keras.losses`` for the metrics that wrap them); the state lives in non-trainable Variables
created with ``add_variable`` / ``add_weight`` and named as Keras 3 names them
(``mean/total``, ``precision/true_positives``, ...), and ``result()`` returns a Tensor of the
metric's dtype (float32 by default).

Deliberate difference: ``reset_states()`` (TF 2.x's name) is kept as an alias of ``reset_state()``.

Threads: ``update_state``, ``result``, ``reset_state`` and the ``stateless_*`` methods of every
metric (built-in or user subclass: ``Metric.__init_subclass__`` wraps the methods a subclass
defines) run under the metric's own re-entrant lock, so updates from several threads lose nothing
and ``result()`` never sees half an update. (``m(...)`` is ``update_state`` then ``result``: each
atomic, the pair not, so its value may include another thread's update.)

Example:
    >>> import numpy as np
    >>> from tapeflow import keras
    >>> m = keras.metrics.SparseCategoricalAccuracy()
    >>> float(m(np.array([1.0, 0.0]), np.array([[0.1, 0.9], [0.3, 0.7]])))
    0.5
    >>> m.reset_state(); float(m.result())
    0.0
"""

from __future__ import annotations

import inspect
import re
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from .. import dtypes as _dt
from .._locks import getstate as _getstate
from .._locks import locked as _locked
from ..errors import InvalidArgumentError
from ..tensor import Tensor, Variable
from . import backend as _backend
from . import losses as _losses
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
    """Keras's ``to_snake_case``: 'MeanIoU' -> 'mean_io_u', 'AUC' -> 'auc'."""
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


def _out(value: Any, dtype: Any = np.float32) -> Tensor:
    return Tensor(np.asarray(value, dtype))


def _same_rank(a: np.ndarray, b: np.ndarray, expand_rank_1: bool = True) -> tuple:
    """Keras's squeeze-or-expand: make ranks equal when they differ by one trailing unit axis."""
    ra, rb = a.ndim, b.ndim
    if ra == rb + 1 and a.shape[-1] == 1:
        if rb == 1 and expand_rank_1:
            b = b[..., None]
        else:
            a = a[..., 0]
    elif rb == ra + 1 and b.shape[-1] == 1:
        if ra == 1 and expand_rank_1:
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


def _div_no_nan(a: Any, b: Any) -> np.ndarray:
    a, b = np.asarray(a), np.asarray(b)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(b != 0, a / np.where(b != 0, b, 1), 0.0)


class Metric:
    """Base class: subclasses create state with ``add_variable`` / ``add_weight`` and implement
    ``update_state`` and ``result``.

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

    __getstate__ = _getstate  # copies leave the state lock out

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for meth in _LOCKED_METHODS:  # the state methods a subclass defines run under the metric's lock
            fn = cls.__dict__.get(meth)
            if inspect.isfunction(fn):
                setattr(cls, meth, _locked(fn))

    def __init__(self, dtype: Any = None, name: str | None = None) -> None:
        if name is None:
            from ._naming import unique_name

            name = unique_name(_snake(type(self).__name__))
        object.__setattr__(self, "_variables", [])
        object.__setattr__(self, "_metrics", [])
        self.name = name
        self._dtype = _dt.as_dtype(getattr(dtype, "compute_dtype", dtype) or _backend.floatx()).name

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, Metric) and name != "_metrics" and value is not self:
            if "_metrics" not in self.__dict__:
                raise RuntimeError("You forgot to call `super().__init__()` in the `__init__()` method. Go add it!")
            if all(m is not value for m in self._metrics):
                self._metrics.append(value)
        object.__setattr__(self, name, value)

    @property
    def dtype(self) -> str:
        """The dtype's name (``floatx()`` unless given)."""
        return self._dtype

    @property
    def variables(self) -> list:
        """The state variables (non-trainable), then those of the metrics this one holds."""
        out = list(self._variables)
        for m in self._metrics:
            out.extend(m.variables)
        return out

    @property
    def weights(self) -> list:
        return self.variables

    @property
    def non_trainable_weights(self) -> list:
        return self.variables

    @property
    def trainable_weights(self) -> list:
        return []

    def add_variable(self, shape: Any, initializer: Any, dtype: Any = None, aggregation: str = "sum",
                     name: str | None = None) -> Variable:
        """Create a non-trainable state Variable named ``{metric name}/{name}``.

        Example:
            >>> Metric(name="m").add_variable((2,), "zeros", name="acc").path
            'm/acc'
        """
        if "_variables" not in self.__dict__:
            raise RuntimeError("You forgot to call `super().__init__()` in the `__init__()` method. Go add it!")
        from . import initializers as _inits

        npdt = _dt.np_dtype(_backend.standardize_dtype(dtype)) if dtype is not None else np.dtype(
            _dt.np_dtype(_backend.floatx()))
        shape = tuple(int(s) for s in (shape if isinstance(shape, (tuple, list)) else (shape,)))
        if initializer is None or (isinstance(initializer, str) and initializer == "zeros"):
            arr = np.zeros(shape, npdt)
        elif isinstance(initializer, str) and initializer == "ones":
            arr = np.ones(shape, npdt)
        elif isinstance(initializer, str):
            arr = np.asarray(_np(_inits.get(initializer)(shape, dtype=npdt)), npdt)
        elif callable(initializer):
            arr = np.asarray(_np(initializer(shape, dtype=npdt)), npdt)
        else:
            arr = np.broadcast_to(np.asarray(_np(initializer), npdt), shape).copy()
        name = name or "variable"
        v = KerasVariable(arr, trainable=False, name=name, path=f"{self.name.replace('/', '>')}/{name}")
        self._variables.append(v)
        return v

    def add_weight(self, shape: Any = (), initializer: Any = None, dtype: Any = None, name: str | None = None) -> Variable:
        """``add_variable`` with Keras's defaults (a scalar of zeros)."""
        return self.add_variable(shape=shape, initializer=initializer, dtype=dtype, name=name)

    def update_state(self, *args: Any, **kwargs: Any) -> None:
        raise NotImplementedError(f"{type(self).__name__} must implement `update_state()`")

    def result(self) -> Tensor:
        raise NotImplementedError(f"{type(self).__name__} must implement `result()`")

    @_locked
    def reset_state(self) -> None:
        """Set every state variable to zeros (as Keras 3)."""
        for v in self.variables:
            old = v._t._value
            v._set_array(np.zeros(np.shape(old), old.dtype))

    def reset_states(self) -> None:
        """The TF 2.x name of ``reset_state`` (not in Keras 3; kept because many programs use it)."""
        self.reset_state()

    def _swap(self, values: list) -> list:
        variables = self.variables
        if len(values) != len(variables):
            raise ValueError(
                f"Argument `metric_variables` must be a list of tensors corresponding 1:1 to "
                f"{type(self).__name__}().variables. Received list with length {len(values)}, but expected "
                f"{len(variables)} variables.")
        old = [v._t._value for v in variables]
        for v, val in zip(variables, values):
            v._set_array(np.asarray(_np(val), v._t._value.dtype))
        return old

    @_locked
    def stateless_update_state(self, metric_variables: list, *args: Any, **kwargs: Any) -> list:
        """``update_state`` on the given variable values; returns the new values (the metric is unchanged)."""
        old = self._swap(list(metric_variables))
        try:
            self.update_state(*args, **kwargs)
            return [Tensor(v._t._value) for v in self.variables]
        finally:
            for v, o in zip(self.variables, old):
                v._set_array(o)

    @_locked
    def stateless_result(self, metric_variables: list) -> Any:
        """``result()`` of the given variable values."""
        old = self._swap(list(metric_variables))
        try:
            return self.result()
        finally:
            for v, o in zip(self.variables, old):
                v._set_array(o)

    @_locked
    def stateless_reset_state(self) -> list:
        """The variable values after ``reset_state`` (the metric is unchanged)."""
        old = [v._t._value for v in self.variables]
        try:
            self.reset_state()
            return [Tensor(v._t._value) for v in self.variables]
        finally:
            for v, o in zip(self.variables, old):
                v._set_array(o)

    def __call__(self, *args: Any, **kwargs: Any) -> Tensor:
        """Update the state with this batch and return the new ``result()``."""
        self.update_state(*args, **kwargs)
        return self.result()

    def get_config(self) -> dict:
        return {"name": self.name, "dtype": self.dtype}

    @classmethod
    def from_config(cls, config: dict) -> Metric:
        return cls(**config)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} name={self.name}>"

    __str__ = __repr__


_LOCKED_METHODS = ("update_state", "result", "reset_state", "reset_states", "stateless_update_state",
                   "stateless_result", "stateless_reset_state")


def _add(v: Variable, delta: Any) -> None:
    old = v._t._value
    v._set_array(np.asarray(old + delta).astype(old.dtype, copy=False))


def _mask_of(x: Any) -> Any:
    m = getattr(x, "_keras_mask", None)
    return None if m is None else _np(m)


def _apply_mask(sample_weight: Any, mask: Any) -> Any:
    """Keras's ``apply_mask`` with reduction 'sum': the mask (as 0/1) times the sample weights."""
    if mask is None:
        return sample_weight
    fm = np.asarray(mask, bool).astype(np.float64)
    if sample_weight is None:
        return fm
    fm, sw = _same_rank(fm, _np(sample_weight).astype(np.float64))
    return sw * fm


def _samplewise(values: np.ndarray, sample_weight: Any, reduce: Callable = np.mean) -> tuple:
    """Keras's reduce_to_samplewise_values: (per-sample values (weighted), per-sample weights or None)."""
    if sample_weight is not None:
        w = _np(sample_weight).astype(np.float64)
        values, w = _same_rank(values, w)
        if values.ndim > w.ndim:
            values = reduce(values, axis=tuple(range(w.ndim, values.ndim)))
        try:
            w = np.broadcast_to(w, values.shape)
        except ValueError:
            raise InvalidArgumentError(
                f"metric: sample_weight of shape {_np(sample_weight).shape} cannot be broadcast to the values' "
                f"shape {values.shape}", op="metric") from None
        values = values * w
        if w.ndim > 1:
            w = reduce(w, axis=tuple(range(1, w.ndim)))
    if values.ndim > 1:
        values = reduce(values, axis=tuple(range(1, values.ndim)))
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
        self.total = self.add_variable(shape=(), initializer="zeros", dtype=self.dtype, name="total")
        self.count = self.add_variable(shape=(), initializer="zeros", dtype=self.dtype, name="count")

    def update_state(self, values: Any, sample_weight: Any = None) -> None:
        mask = _mask_of(values)
        values = _np(values)
        if sample_weight is None and mask is None and values.ndim == 1:  # the common case: one value per sample
            _add(self.total, values.sum(dtype=np.float64))
            _add(self.count, values.shape[0])
            return
        if mask is not None and sample_weight is not None:
            sample_weight = _apply_mask(sample_weight, mask)
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
        return _out(float(self.total._t._value) / c if c != 0 else 0.0, self.total._t._value.dtype)


class Sum(Metric):
    """The (weighted) sum of the values seen.

    Example:
        >>> float(Sum()([1.0, 2.0, 3.0]))
        6.0
    """

    def __init__(self, name: str = "sum", dtype: Any = None) -> None:
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable(shape=(), initializer="zeros", dtype=self.dtype, name="total")

    def update_state(self, values: Any, sample_weight: Any = None) -> None:
        values = _np(values).astype(np.float64, copy=False)
        values, _ = _samplewise(values, sample_weight, reduce=np.sum)
        _add(self.total, values.sum())

    def result(self) -> Tensor:
        return _out(self.total._t._value, self.total._t._value.dtype)


class MeanMetricWrapper(Mean):
    """The running mean of ``fn(y_true, y_pred, **kwargs)`` (a loss function or any per-sample function;
    a prediction's mask weights the samples).

    Example:
        >>> from tapeflow import keras
        >>> m = MeanMetricWrapper(keras.losses.mean_absolute_error, name="l1")
        >>> float(m([[1.0, 2.0]], [[1.5, 2.5]]))
        0.5
    """

    def __init__(self, fn: Callable, name: str | None = None, dtype: Any = None, **kwargs: Any) -> None:
        Metric.__init__(self, name=name, dtype=dtype)  # unnamed: 'mean_metric_wrapper', as Keras
        self.total = self.add_variable(shape=(), initializer="zeros", dtype=self.dtype, name="total")
        self.count = self.add_variable(shape=(), initializer="zeros", dtype=self.dtype, name="count")
        self._fn = fn
        self._fn_kwargs = kwargs

    def _values(self, y_true: Any, y_pred: Any) -> np.ndarray:
        return _np(self._fn(y_true, y_pred, **self._fn_kwargs))

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        mask = _mask_of(y_pred)
        values = self._values(y_true, y_pred)
        super().update_state(values, sample_weight=_apply_mask(sample_weight, mask))

    def get_config(self) -> dict:
        from .utils.serialization import serialize_keras_object

        config = super().get_config()
        config["fn"] = serialize_keras_object(self._fn)
        config.update(serialize_keras_object(self._fn_kwargs))
        return config

    @classmethod
    def from_config(cls, config: dict) -> Metric:
        if "fn" in config:
            from .utils.serialization import deserialize_keras_object

            config = deserialize_keras_object(config)
        return cls(**config)


class _Wrapper(MeanMetricWrapper):
    """A built-in wrapper of a fixed function: config = name, dtype and ``_config_keys``."""

    _fn_default: Callable | None = None
    _config_keys: tuple = ()

    def get_config(self) -> dict:
        config = {"name": self.name, "dtype": self.dtype}
        config.update({k: getattr(self, k) for k in self._config_keys})
        return config

    @classmethod
    def from_config(cls, config: dict) -> Metric:
        return cls(**config)


# --- per-sample NumPy metric functions ------------------------------------------------------------

def _float_out(a: Any) -> Tensor:
    return _out(a, _dt.np_dtype(_backend.floatx()))


def _accuracy_np(y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    y_true, y_pred = _same_rank(y_true, y_pred)
    try:
        np.broadcast_shapes(y_true.shape, y_pred.shape)
    except ValueError:
        _check_same_shape(y_true, y_pred, "accuracy")
    return (y_true == y_pred.astype(y_pred.dtype)).astype(np.float32)


def _sparse_categorical_accuracy_np(y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    if y_pred.ndim == 0:
        raise InvalidArgumentError("sparse_categorical_accuracy: y_pred must have a class axis, got a scalar",
                                   op="sparse_categorical_accuracy")
    org = y_true.shape
    squeezed = False
    if y_true.ndim == y_pred.ndim and y_true.shape[-1] == 1:
        y_true = y_true[..., 0]
        squeezed = True
    if y_true.shape != y_pred.shape[:-1]:
        raise InvalidArgumentError(
            f"sparse_categorical_accuracy: labels of shape {org} ({y_true.dtype}) do not match predictions "
            f"of shape {y_pred.shape} ({y_pred.dtype}): expected labels of shape {y_pred.shape[:-1]} or "
            f"{y_pred.shape[:-1] + (1,)}",
            op="sparse_categorical_accuracy",
        )
    m = np.equal(y_pred.argmax(-1), y_true).astype(np.float32)
    if squeezed:
        m = m.reshape(org)
    if m.ndim > 1 and m.shape[-1] == 1:
        m = m[..., 0]
    return m


def _categorical_accuracy_np(y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    if y_pred.ndim == 0:
        raise InvalidArgumentError("categorical_accuracy: inputs need a class axis, got scalars",
                                   op="categorical_accuracy")
    if y_true.shape[:-1] != y_pred.shape[:-1]:
        _check_same_shape(y_true, y_pred, "categorical_accuracy")
    return (np.argmax(y_true, axis=-1) == np.argmax(y_pred, axis=-1)).astype(np.float32)


def _binary_accuracy_np(y_true: np.ndarray, y_pred: np.ndarray, threshold: float = 0.5) -> np.ndarray:
    y_true, y_pred = _same_rank(y_true, y_pred)
    try:
        np.broadcast_shapes(y_true.shape, y_pred.shape)
    except ValueError:
        _check_same_shape(y_true, y_pred, "binary_accuracy")
    return (y_true == (y_pred > threshold).astype(y_true.dtype)).astype(np.float32)


def _in_top_k(targets: np.ndarray, predictions: np.ndarray, k: int) -> np.ndarray:
    """TF's in_top_k: the target's score is among the k largest (ties at the boundary count; a
    non-finite target score or an out-of-range target never does)."""
    n, c = predictions.shape
    t = targets.astype(np.int64)
    ok = (t >= 0) & (t < c)
    score = predictions[np.arange(n), np.where(ok, t, 0)]
    higher = (predictions > score[:, None]).sum(axis=1)
    return ok & np.isfinite(score) & (higher < k)


def _top_k_categorical_accuracy_np(y_true: np.ndarray, y_pred: np.ndarray, k: int = 5) -> np.ndarray:
    y_true = np.argmax(y_true, axis=-1)
    org = y_true.shape
    p = y_pred.reshape(-1, y_pred.shape[-1]) if y_pred.ndim > 2 else y_pred
    m = _in_top_k(y_true.reshape(-1), p, k).astype(np.float32)
    return m.reshape(org) if len(org) > 1 else m


def _sparse_top_k_categorical_accuracy_np(y_true: np.ndarray, y_pred: np.ndarray, k: int = 5,
                                          from_sorted_ids: bool = False) -> np.ndarray:
    org = y_true.shape
    p = y_pred.reshape(-1, y_pred.shape[-1]) if y_pred.ndim > 2 else y_pred
    t = y_true.reshape(-1) if y_true.ndim > 1 else y_true
    if from_sorted_ids:
        m = np.any(t[:, None] == p[:, :k], axis=1)
    else:
        m = _in_top_k(t.astype(np.int32), p, k)
    m = m.astype(np.float32)
    return m.reshape(org) if len(org) > 1 else m


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


def _np_args(fn: Callable) -> Callable:
    """A metric function on NumPy values exposed on tensors (returns a floatx Tensor)."""
    def wrapped(y_true: Any, y_pred: Any, *args: Any, **kwargs: Any) -> Tensor:
        return _float_out(fn(_np(y_true), _np(y_pred), *args, **kwargs))

    return wrapped


def binary_accuracy(y_true: Any, y_pred: Any, threshold: float = 0.5) -> Tensor:
    """Per-element 1.0 where ``y_true == (y_pred > threshold)``.

    Example:
        >>> binary_accuracy([[1.0], [0.0]], [[0.7], [0.6]]).numpy().tolist()
        [[1.0], [0.0]]
    """
    return _np_args(_binary_accuracy_np)(y_true, y_pred, threshold)


def sparse_categorical_accuracy(y_true: Any, y_pred: Any) -> Tensor:
    """Per-sample 1.0 where the integer label equals ``argmax(y_pred)``.

    Example:
        >>> sparse_categorical_accuracy([1], [[0.2, 0.8]]).numpy().tolist()
        [1.0]
    """
    return _np_args(_sparse_categorical_accuracy_np)(y_true, y_pred)


def categorical_accuracy(y_true: Any, y_pred: Any) -> Tensor:
    """Per-sample 1.0 where ``argmax(y_true) == argmax(y_pred)``.

    Example:
        >>> categorical_accuracy([[0, 1]], [[0.2, 0.8]]).numpy().tolist()
        [1.0]
    """
    return _np_args(_categorical_accuracy_np)(y_true, y_pred)


def top_k_categorical_accuracy(y_true: Any, y_pred: Any, k: int = 5) -> Tensor:
    """Per-sample 1.0 where the one-hot label's class is among the ``k`` highest predictions.

    Example:
        >>> top_k_categorical_accuracy([[0, 0, 1], [1, 0, 0]], [[0.1, 0.5, 0.4], [0.05, 0.15, 0.8]], k=2).numpy().tolist()
        [1.0, 0.0]
    """
    return _np_args(_top_k_categorical_accuracy_np)(y_true, y_pred, k)


def sparse_top_k_categorical_accuracy(y_true: Any, y_pred: Any, k: int = 5, from_sorted_ids: bool = False) -> Tensor:
    """Per-sample 1.0 where the integer label is among the ``k`` highest predictions (or, with
    ``from_sorted_ids``, among the first ``k`` ids of ``y_pred``).

    Example:
        >>> sparse_top_k_categorical_accuracy([2, 0], [[0.1, 0.5, 0.4], [0.05, 0.15, 0.8]], k=2).numpy().tolist()
        [1.0, 0.0]
    """
    return _np_args(_sparse_top_k_categorical_accuracy_np)(y_true, y_pred, k, from_sorted_ids)


def pearson_correlation(y_true: Any, y_pred: Any, axis: int = -1) -> Tensor:
    """Pearson correlation of ``y_true`` and ``y_pred`` along ``axis``.

    Example:
        >>> [round(v, 4) for v in pearson_correlation([[1.0, 2.0, 3.0]], [[1.0, 2.0, 2.5]]).numpy().tolist()]
        [0.982]
    """
    yt, yp = _losses._pair(y_true, y_pred, "pearson_correlation")
    from ..ops import math_ops as _m

    tn = yt - _m.reduce_mean(yt, axis=axis, keepdims=True)
    pn = yp - _m.reduce_mean(yp, axis=axis, keepdims=True)
    tn = tn / _m.reduce_std(tn, axis=axis, keepdims=True)
    pn = pn / _m.reduce_std(pn, axis=axis, keepdims=True)
    return _m.reduce_mean(tn * pn, axis=axis)


def concordance_correlation(y_true: Any, y_pred: Any, axis: int = -1) -> Tensor:
    """Lin's concordance correlation coefficient along ``axis`` (Keras 3's formula).

    Example:
        >>> [round(v, 4) for v in concordance_correlation([[1.0, 2.0, 3.0]], [[1.0, 2.0, 2.5]]).numpy().tolist()]
        [0.9231]
    """
    yt, yp = _losses._pair(y_true, y_pred, "concordance_correlation")
    from ..ops import math_ops as _m

    t_mean = _m.reduce_mean(yt, axis=axis, keepdims=True)
    p_mean = _m.reduce_mean(yp, axis=axis, keepdims=True)
    t_var = _m.reduce_variance(yt - t_mean, axis=axis, keepdims=True)
    p_var = _m.reduce_variance(yp - p_mean, axis=axis, keepdims=True)
    covar = (yt - p_mean) * (yp - p_mean)
    norm = t_var + p_var + _m.square(t_mean - p_mean)
    return _m.reduce_mean(2.0 * covar / (norm + _backend.epsilon()), axis=axis)


def _cosine_np(y_true: Any, y_pred: Any, axis: int = -1) -> Tensor:
    """Cosine similarity (positive, as Keras's metric)."""
    return -_losses.cosine_similarity(y_true, y_pred, axis=axis)


# --- accuracy metrics ---------------------------------------------------------------------------

class Accuracy(_Wrapper):
    """How often predictions equal labels.

    Example:
        >>> float(Accuracy()([1, 2, 3, 4], [0, 2, 3, 4]))
        0.75
    """

    def __init__(self, name: str = "accuracy", dtype: Any = None) -> None:
        super().__init__(_accuracy_np, name=name, dtype=dtype)

    def _values(self, y_true: Any, y_pred: Any) -> np.ndarray:
        return _accuracy_np(_np(y_true), _np(y_pred))


class SparseCategoricalAccuracy(_Wrapper):
    """How often the integer label equals ``argmax(y_pred)``; labels of shape (batch,) or (batch, 1).

    Example:
        >>> float(SparseCategoricalAccuracy()([2.0, 1.0], [[0.1, 0.6, 0.3], [0.05, 0.95, 0.0]]))
        0.5
    """

    def __init__(self, name: str = "sparse_categorical_accuracy", dtype: Any = None) -> None:
        super().__init__(_sparse_categorical_accuracy_np, name=name, dtype=dtype)

    def _values(self, y_true: Any, y_pred: Any) -> np.ndarray:
        return _sparse_categorical_accuracy_np(_np(y_true), _np(y_pred))

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        if sample_weight is None and getattr(y_pred, "_keras_mask", None) is None:
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


class CategoricalAccuracy(_Wrapper):
    """How often ``argmax(y_true) == argmax(y_pred)`` (one-hot labels).

    Example:
        >>> float(CategoricalAccuracy()([[0, 0, 1], [0, 1, 0]], [[0.1, 0.9, 0.8], [0.05, 0.95, 0]]))
        0.5
    """

    def __init__(self, name: str = "categorical_accuracy", dtype: Any = None) -> None:
        super().__init__(_categorical_accuracy_np, name=name, dtype=dtype)

    def _values(self, y_true: Any, y_pred: Any) -> np.ndarray:
        return _categorical_accuracy_np(_np(y_true), _np(y_pred))


class BinaryAccuracy(_Wrapper):
    """How often ``y_true == (y_pred > threshold)``.

    Example:
        >>> float(BinaryAccuracy()([[1], [1], [0], [0]], [[0.98], [1], [0], [0.6]]))
        0.75
    """

    _config_keys = ("threshold",)

    def __init__(self, name: str = "binary_accuracy", dtype: Any = None, threshold: float = 0.5) -> None:
        super().__init__(_binary_accuracy_np, name=name, dtype=dtype, threshold=threshold)
        self.threshold = threshold

    def _values(self, y_true: Any, y_pred: Any) -> np.ndarray:
        return _binary_accuracy_np(_np(y_true), _np(y_pred), self.threshold)


class TopKCategoricalAccuracy(_Wrapper):
    """How often the one-hot label's class is among the ``k`` highest predictions.

    Example:
        >>> float(TopKCategoricalAccuracy(k=1)([[0, 0, 1], [0, 1, 0]], [[0.1, 0.9, 0.8], [0.05, 0.95, 0]]))
        0.5
    """

    _config_keys = ("k",)

    def __init__(self, k: int = 5, name: str = "top_k_categorical_accuracy", dtype: Any = None) -> None:
        super().__init__(_top_k_categorical_accuracy_np, name=name, dtype=dtype, k=k)
        self.k = k

    def _values(self, y_true: Any, y_pred: Any) -> np.ndarray:
        return _top_k_categorical_accuracy_np(_np(y_true), _np(y_pred), self.k)


class SparseTopKCategoricalAccuracy(_Wrapper):
    """How often the integer label is among the ``k`` highest predictions.

    Example:
        >>> float(SparseTopKCategoricalAccuracy(k=1)([2, 1], [[0.1, 0.9, 0.8], [0.05, 0.95, 0]]))
        0.5
    """

    def __init__(self, k: int = 5, name: str = "sparse_top_k_categorical_accuracy", dtype: Any = None,
                 from_sorted_ids: bool = False) -> None:
        super().__init__(_sparse_top_k_categorical_accuracy_np, name=name, dtype=dtype, k=k,
                         from_sorted_ids=from_sorted_ids)
        self.k = k
        self.from_sorted_ids = from_sorted_ids

    def _values(self, y_true: Any, y_pred: Any) -> np.ndarray:
        return _sparse_top_k_categorical_accuracy_np(_np(y_true), _np(y_pred), self.k, self.from_sorted_ids)

    def get_config(self) -> dict:
        config = {"name": self.name, "dtype": self.dtype, "k": self.k}
        if self.from_sorted_ids:
            config["from_sorted_ids"] = True
        return config


# --- metrics wrapping per-sample functions --------------------------------------------------------

def _wrapper_class(cls_name: str, fn: Callable, default_name: str, doc: str, keys: tuple = (),
                   np_fn: Callable | None = None, **defaults: Any) -> type:
    """A built-in wrapper class whose extra constructor arguments are ``defaults`` (in order)."""

    def __init__(self: Any, name: str = default_name, dtype: Any = None, **kwargs: Any) -> None:
        unknown = set(kwargs) - set(defaults)
        if unknown:
            raise TypeError(f"{cls_name}.__init__() got an unexpected keyword argument '{sorted(unknown)[0]}'")
        args = {k: kwargs.get(k, v) for k, v in defaults.items()}
        _Wrapper.__init__(self, fn, name=name, dtype=dtype, **args)
        for k, v in args.items():
            setattr(self, k, v)

    body: dict = {"__init__": __init__, "__doc__": doc, "__module__": __name__, "__qualname__": cls_name,
                  "_config_keys": keys}
    if np_fn is not None:
        body["_values"] = lambda self, y_true, y_pred: np_fn(_np(y_true), _np(y_pred))
    return type(cls_name, (_Wrapper,), body)


MeanSquaredError = _wrapper_class(
    "MeanSquaredError", _losses.mean_squared_error, "mean_squared_error",
    """The running mean of ``mean(square(y_true - y_pred), axis=-1)``.

    Example:
        >>> float(MeanSquaredError()([[0, 1], [0, 0]], [[1, 1], [0, 0]]))
        0.25
    """, np_fn=_squared_error_np)
MeanAbsoluteError = _wrapper_class(
    "MeanAbsoluteError", _losses.mean_absolute_error, "mean_absolute_error",
    """The running mean of ``mean(abs(y_true - y_pred), axis=-1)``.

    Example:
        >>> float(MeanAbsoluteError()([[0, 1], [0, 0]], [[1, 1], [0, 0]]))
        0.25
    """, np_fn=_absolute_error_np)
MeanAbsolutePercentageError = _wrapper_class(
    "MeanAbsolutePercentageError", _losses.mean_absolute_percentage_error, "mean_absolute_percentage_error",
    """The running mean absolute percentage error.

    Example:
        >>> float(MeanAbsolutePercentageError()([[2.0, 4.0]], [[1.0, 5.0]]))
        37.5
    """)
MeanSquaredLogarithmicError = _wrapper_class(
    "MeanSquaredLogarithmicError", _losses.mean_squared_logarithmic_error, "mean_squared_logarithmic_error",
    """The running mean squared logarithmic error.

    Example:
        >>> round(float(MeanSquaredLogarithmicError()([[0.0, 1.0]], [[1.0, 1.0]])), 6)
        0.240226
    """)
LogCoshError = _wrapper_class(
    "LogCoshError", _losses.log_cosh, "logcosh",
    """The running mean of ``log(cosh(y_pred - y_true))``.

    Example:
        >>> round(float(LogCoshError()([[0.0, 1.0]], [[1.0, 1.0]])), 5)
        0.21689
    """)
KLDivergence = _wrapper_class(
    "KLDivergence", _losses.kl_divergence, "kl_divergence",
    """The running mean Kullback-Leibler divergence.

    Example:
        >>> round(float(KLDivergence()([[0.0, 1.0]], [[0.4, 0.6]])), 4)
        0.5108
    """)
Poisson = _wrapper_class("Poisson", _losses.poisson, "poisson", """The running mean Poisson loss.

    Example:
        >>> round(float(Poisson()([[0.0, 1.0]], [[1.0, 2.0]])), 4)
        1.1534
    """)
Hinge = _wrapper_class("Hinge", _losses.hinge, "hinge", """The running mean hinge loss.

    Example:
        >>> float(Hinge()([[0.0, 1.0]], [[0.5, 0.5]]))
        1.0
    """)
SquaredHinge = _wrapper_class(
    "SquaredHinge", _losses.squared_hinge, "squared_hinge",
    """The running mean squared hinge loss.

    Example:
        >>> float(SquaredHinge()([[0.0, 1.0]], [[0.5, 0.5]]))
        1.25
    """)
CategoricalHinge = _wrapper_class(
    "CategoricalHinge", _losses.categorical_hinge, "categorical_hinge",
    """The running mean categorical hinge loss.

    Example:
        >>> round(float(CategoricalHinge()([[0.0, 1.0]], [[0.3, 0.6]])), 6)
        0.7
    """)
CosineSimilarity = _wrapper_class(
    "CosineSimilarity", _cosine_np, "cosine_similarity",
    """The running mean cosine similarity (1 for parallel vectors) along ``axis``.

    Example:
        >>> round(float(CosineSimilarity()([[0.0, 1.0], [1.0, 1.0]], [[1.0, 0.0], [1.0, 1.0]])), 6)
        0.5
    """, axis=-1)
PearsonCorrelation = _wrapper_class(
    "PearsonCorrelation", pearson_correlation, "pearson_correlation",
    """The running mean Pearson correlation along ``axis``.

    Example:
        >>> round(float(PearsonCorrelation()([[1.0, 2.0, 3.0]], [[1.0, 2.0, 2.5]])), 4)
        0.982
    """, keys=("axis",), axis=-1)
ConcordanceCorrelation = _wrapper_class(
    "ConcordanceCorrelation", concordance_correlation, "concordance_correlation",
    """The running mean concordance correlation along ``axis``.

    Example:
        >>> round(float(ConcordanceCorrelation()([[1.0, 2.0, 3.0]], [[1.0, 2.0, 2.5]])), 4)
        0.9231
    """, keys=("axis",), axis=-1)
BinaryCrossentropy = _wrapper_class(
    "BinaryCrossentropy", _losses.binary_crossentropy, "binary_crossentropy",
    """The running mean binary cross-entropy.

    Example:
        >>> round(float(BinaryCrossentropy()([[0.0, 1.0], [0.0, 0.0]], [[0.6, 0.4], [0.4, 0.6]])), 3)
        0.815
    """, keys=("from_logits", "label_smoothing"), from_logits=False, label_smoothing=0)
CategoricalCrossentropy = _wrapper_class(
    "CategoricalCrossentropy", _losses.categorical_crossentropy, "categorical_crossentropy",
    """The running mean categorical cross-entropy.

    Example:
        >>> round(float(CategoricalCrossentropy()([[0, 1, 0], [0, 0, 1]], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]])), 3)
        1.177
    """, keys=("from_logits", "label_smoothing", "axis"), from_logits=False, label_smoothing=0, axis=-1)
SparseCategoricalCrossentropy = _wrapper_class(
    "SparseCategoricalCrossentropy", _losses.sparse_categorical_crossentropy, "sparse_categorical_crossentropy",
    """The running mean sparse categorical cross-entropy.

    Example:
        >>> round(float(SparseCategoricalCrossentropy()([1, 2], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]])), 3)
        1.177
    """, keys=("from_logits", "ignore_class", "axis"), from_logits=False, ignore_class=None, axis=-1)


class RootMeanSquaredError(Mean):
    """``sqrt`` of the running mean of squared errors.

    Example:
        >>> float(RootMeanSquaredError()([[0.0, 1.0], [1.0, 1.0]], [[1.0, 1.0], [1.0, 1.0]]))
        0.5
    """

    def __init__(self, name: str = "root_mean_squared_error", dtype: Any = None) -> None:
        super().__init__(name, dtype=dtype)

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        yt, yp = _same_rank(_np(y_true).astype(np.float64), _np(y_pred).astype(np.float64))
        super().update_state(np.square(yp - yt), sample_weight=sample_weight)

    def result(self) -> Tensor:
        return _out(np.sqrt(np.float64(super().result()._value)), self.total._t._value.dtype)


class R2Score(Metric):
    """The coefficient of determination R² per output, aggregated over outputs
    (``class_aggregation``: 'uniform_average', 'variance_weighted_average' or None), optionally
    adjusted for ``num_regressors``. Inputs are 2-D ``(batch, outputs)``.

    Example:
        >>> round(float(R2Score()([[1.0], [4.0], [3.0]], [[2.0], [4.0], [4.0]])), 4)
        0.5714
    """

    def __init__(self, class_aggregation: str | None = "uniform_average", num_regressors: int = 0,
                 name: str = "r2_score", dtype: Any = None) -> None:
        super().__init__(name=name, dtype=dtype)
        valid = (None, "uniform_average", "variance_weighted_average")
        if class_aggregation not in valid:
            raise ValueError(f"Invalid value for argument `class_aggregation`. Expected one of {valid}. "
                             f"Received: class_aggregation={class_aggregation}")
        if num_regressors < 0:
            raise ValueError(f"Invalid value for argument `num_regressors`. Expected a value >= 0. "
                             f"Received: num_regressors={num_regressors}")
        self.class_aggregation = class_aggregation
        self.num_regressors = num_regressors
        self.num_samples = self.add_variable(shape=(), initializer="zeros", name="num_samples")
        self._built = False

    def _build(self, yt_shape: tuple, yp_shape: tuple) -> None:
        if len(yp_shape) != 2 or len(yt_shape) != 2:
            raise ValueError(f"R2Score expects 2D inputs with shape (batch_size, output_dim). Received input "
                             f"shapes: y_pred.shape={yp_shape} and y_true.shape={yt_shape}.")
        n = yp_shape[-1]
        self.squared_sum = self.add_variable(name="squared_sum", shape=[n], initializer="zeros")
        self.sum = self.add_variable(name="sum", shape=[n], initializer="zeros")
        self.total_mse = self.add_variable(name="residual", shape=[n], initializer="zeros")
        self.count = self.add_variable(name="count", shape=[n], initializer="zeros")
        self._built = True

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        yt, yp = _same_rank(_np(y_true).astype(np.float64), _np(y_pred).astype(np.float64))
        if not self._built:
            self._build(yt.shape, yp.shape)
        w = np.asarray(1.0 if sample_weight is None else _np(sample_weight), np.float64)
        if w.ndim == 1:
            w = w[:, None]
        w = np.broadcast_to(w, yt.shape)
        wt = yt * w
        _add(self.sum, wt.sum(axis=0))
        _add(self.squared_sum, (yt * wt).sum(axis=0))
        _add(self.total_mse, ((yt - yp) ** 2 * w).sum(axis=0))
        _add(self.count, w.sum(axis=0))
        _add(self.num_samples, yt.size)

    def result(self) -> Tensor:
        if not self._built:
            return _out(np.nan if self.class_aggregation else [], self.dtype)
        f = np.float32
        s, sq = self.sum._t._value.astype(f), self.squared_sum._t._value.astype(f)
        mse, cnt = self.total_mse._t._value.astype(f), self.count._t._value.astype(f)
        with np.errstate(divide="ignore", invalid="ignore"):
            mean = s / cnt
            total = sq - s * mean
            raw = f(1) - mse / total
        raw = np.where(np.isinf(raw), f(0), raw)
        if self.class_aggregation == "uniform_average":
            r2 = np.mean(raw)
        elif self.class_aggregation == "variance_weighted_average":
            with np.errstate(divide="ignore", invalid="ignore"):
                r2 = np.sum(total * raw) / np.sum(total)
        else:
            r2 = raw
        if self.num_regressors != 0:
            n = float(self.num_samples._t._value)
            p = float(self.num_regressors)
            if p > n - 1:
                warnings.warn("More independent predictors than datapoints in adjusted R2 score. Falling back to "
                              "standard R2 score.", stacklevel=2)
            elif p == n - 1:
                warnings.warn("Division by zero in Adjusted R2 score. Falling back to standard R2 score.",
                              stacklevel=2)
            else:
                r2 = f(1) - (f(1) - r2) * f(n - 1) / f(n - p - 1)
        return _out(r2, self.dtype)

    def reset_state(self) -> None:
        super().reset_state()

    def get_config(self) -> dict:
        return {"name": self.name, "dtype": self.dtype, "class_aggregation": self.class_aggregation,
                "num_regressors": self.num_regressors}


# --- confusion-matrix metrics -------------------------------------------------------------------

_NEG_INF = -1e10


def _evenly(thresholds: Any) -> bool:
    """Keras's ``is_evenly_distributed_thresholds``."""
    n = len(thresholds)
    if n < 3:
        return False
    even = np.arange(n, dtype=np.float32) / (n - 1)
    return bool(np.allclose(thresholds, even, atol=_backend.epsilon()))


def _filter_top_k(x: np.ndarray, k: int) -> np.ndarray:
    """Keep the ``k`` largest entries of the last axis (ties: the lower index, as ``tf.math.top_k``);
    the others become -1e10."""
    order = np.argsort(-x, axis=-1, kind="stable")[..., :k]
    mask = np.zeros(x.shape, bool)
    np.put_along_axis(mask, order, True, axis=-1)
    return np.where(mask, x, x * 0 + _NEG_INF)


def _confusion_counts(y_true: Any, y_pred: Any, thresholds: np.ndarray, *, evenly: bool = False, top_k: Any = None,
                      class_id: Any = None, sample_weight: Any = None, multi_label: bool = False,
                      label_weights: Any = None, dtype: Any = np.float32, who: str = "metric") -> dict:
    """Keras's ``update_confusion_matrix_variables``: tp/fp/tn/fn per threshold (per label with
    ``multi_label``), a prediction being positive when it is above the threshold and a label when
    it is non-zero."""
    dtype = np.dtype(dtype)
    ft = dtype.type
    yt = _np(y_true).astype(dtype)
    yp = _np(y_pred).astype(dtype)
    yp, yt = _same_rank(yp, yt)
    w = None
    if sample_weight is not None:
        w = _np(sample_weight).astype(dtype)[..., None]
        _, w = _same_rank(yt, w, expand_rank_1=False)
    if top_k is not None:
        yp = _filter_top_k(yp, int(top_k))
    if class_id is not None:
        if yp.ndim == 1:
            raise ValueError("When class_id is provided, y_pred must be a 2D array with shape (num_samples, "
                             f"num_classes), found shape: {yp.shape}")
        yt = yt[..., class_id, None]
        yp = yp[..., class_id, None]
    try:
        np.broadcast_shapes(yt.shape, yp.shape)
    except ValueError:
        _check_same_shape(yt, yp, who)
    yt = np.broadcast_to(yt, yp.shape)
    if w is not None:
        try:
            w = np.broadcast_to(w, yp.shape)
        except ValueError:
            raise InvalidArgumentError(f"{who}: sample_weight of shape {_np(sample_weight).shape} cannot be broadcast "
                                       f"to y_pred's shape {yp.shape}", op=who) from None
    lw = None
    if label_weights is not None and not multi_label:
        lw = np.broadcast_to(np.asarray(label_weights, dtype)[None], yp.shape)
    weights = w if lw is None else (lw if w is None else w * lw)
    pos = (yt != 0)
    thr = np.asarray(thresholds, dtype)
    n = len(thr)
    if not multi_label:
        yp, pos = yp.reshape(-1), pos.reshape(-1)
        weights = None if weights is None else weights.reshape(-1)
    else:
        if yp.ndim != 2:
            raise ValueError(f"`y_pred` must have rank 2 when `multi_label=True`. Found rank {yp.ndim}. Full shape "
                             f"received for `y_pred`: {yp.shape}")
    wt = np.ones(yp.shape, dtype) if weights is None else weights.astype(dtype)
    true_w = np.where(pos, wt, 0).astype(np.float64)
    false_w = np.where(pos, 0, wt).astype(np.float64)
    if evenly:
        # Keras's bucketed path: predictions clipped to [0, 1], bucket ceil(p * (n - 1)) - 1
        p = np.clip(yp, ft(0), ft(1))
        b = np.ceil(p * ft(n - 1)) - 1
        if thr[0] < 0.0 or thr[-1] > 1.0:
            b = np.maximum(b, 0)
        b = b.astype(np.int64)
        keep = b >= 0

        def buckets(vals: np.ndarray) -> np.ndarray:
            if vals.ndim == 1:
                return np.bincount(b[keep], weights=vals[keep], minlength=n)[:n]
            return np.stack([np.bincount(b[:, j][keep[:, j]], weights=vals[:, j][keep[:, j]], minlength=n)[:n]
                             for j in range(vals.shape[1])], axis=1)

        tp = np.cumsum(buckets(true_w)[::-1], axis=0)[::-1]
        fp = np.cumsum(buckets(false_w)[::-1], axis=0)[::-1]
    else:
        above = yp[None] > thr.reshape((n,) + (1,) * yp.ndim)
        tp = (above * true_w[None]).sum(axis=1)
        fp = (above * false_w[None]).sum(axis=1)
    tot_t, tot_f = true_w.sum(axis=0), false_w.sum(axis=0)
    return {"tp": tp, "fp": fp, "tn": tot_f - fp, "fn": tot_t - tp}


def _parse_thresholds(thresholds: Any, default: float = 0.5) -> list:
    if thresholds is not None:
        lst = list(thresholds) if isinstance(thresholds, (list, tuple, np.ndarray)) else [thresholds]
        bad = [t for t in lst if t is None or t < 0 or t > 1]
        if bad:
            raise ValueError(f"Threshold values must be in [0, 1]. Received: {bad}")
        return lst
    return [default]


class _ConfusionMatrixConditionCount(Metric):
    """One confusion-matrix count per threshold (0.5 by default), in the variable ``accumulator``."""

    _cond = "tp"

    def __init__(self, thresholds: Any = None, name: str | None = None, dtype: Any = None) -> None:
        super().__init__(name=name, dtype=dtype)
        self.init_thresholds = thresholds
        self.thresholds = _parse_thresholds(thresholds)
        self._evenly = _evenly(self.thresholds)
        self.accumulator = self.add_variable(shape=(len(self.thresholds),), initializer="zeros", name="accumulator")

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        c = _confusion_counts(y_true, y_pred, self.thresholds, evenly=self._evenly, sample_weight=sample_weight,
                              dtype=self.accumulator._t._value.dtype, who=self.name)
        _add(self.accumulator, c[self._cond])

    def result(self) -> Tensor:
        a = self.accumulator._t._value
        return _out(a[0] if len(self.thresholds) == 1 else a, a.dtype)

    def get_config(self) -> dict:
        return {**super().get_config(), "thresholds": self.init_thresholds}


class TruePositives(_ConfusionMatrixConditionCount):
    """The (weighted) number of true positives (prediction above the threshold, label non-zero).

    Example:
        >>> float(TruePositives()([0, 1, 1, 1], [1, 0, 1, 1]))
        2.0
    """

    _cond = "tp"


class FalsePositives(_ConfusionMatrixConditionCount):
    """The (weighted) number of false positives.

    Example:
        >>> float(FalsePositives()([0, 1, 0, 0], [0, 0, 1, 1]))
        2.0
    """

    _cond = "fp"


class TrueNegatives(_ConfusionMatrixConditionCount):
    """The (weighted) number of true negatives.

    Example:
        >>> float(TrueNegatives()([0, 1, 0, 0], [1, 1, 0, 0]))
        2.0
    """

    _cond = "tn"


class FalseNegatives(_ConfusionMatrixConditionCount):
    """The (weighted) number of false negatives.

    Example:
        >>> float(FalseNegatives()([0, 1, 1, 1], [0, 1, 0, 0]))
        2.0
    """

    _cond = "fn"


class _PrecisionRecall(Metric):
    """Shared state and update of Precision and Recall."""

    _kinds: tuple = ()

    def __init__(self, thresholds: Any = None, top_k: int | None = None, class_id: int | None = None,
                 name: str | None = None, dtype: Any = None) -> None:
        super().__init__(name=name, dtype=dtype)
        self.init_thresholds = thresholds
        self.top_k = top_k
        self.class_id = class_id
        self.thresholds = _parse_thresholds(thresholds, default=0.5 if top_k is None else _NEG_INF)
        self._evenly = _evenly(self.thresholds)
        for k in self._kinds:
            setattr(self, k, self.add_variable(shape=(len(self.thresholds),), initializer="zeros", name=k))

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        c = _confusion_counts(y_true, y_pred, self.thresholds, evenly=self._evenly, top_k=self.top_k,
                              class_id=self.class_id, sample_weight=sample_weight,
                              dtype=self.true_positives._t._value.dtype, who=self.name)
        keys = {"true_positives": "tp", "false_positives": "fp", "false_negatives": "fn"}
        for k in self._kinds:
            _add(getattr(self, k), c[keys[k]])

    def result(self) -> Tensor:
        """``true_positives / (true_positives + other)``, ``other`` being the second of ``_kinds``."""
        tp, other = self.true_positives._t._value, getattr(self, self._kinds[1])._t._value
        r = _div_no_nan(tp, tp + other)
        return _out(r[0] if len(self.thresholds) == 1 else r, tp.dtype)

    def get_config(self) -> dict:
        return {**super().get_config(), "thresholds": self.init_thresholds, "top_k": self.top_k,
                "class_id": self.class_id}


class Precision(_PrecisionRecall):
    """``true_positives / (true_positives + false_positives)``; a prediction is positive when it is
    above the threshold (0.5 by default; a list of thresholds gives a vector result).

    Example:
        >>> float(Precision()([0, 1, 1, 1], [1, 0, 1, 1]))
        0.6666666865348816
    """

    _kinds = ("true_positives", "false_positives")

    def __init__(self, thresholds: Any = None, top_k: int | None = None, class_id: int | None = None,
                 name: str | None = None, dtype: Any = None) -> None:
        super().__init__(thresholds, top_k, class_id, name, dtype)


class Recall(_PrecisionRecall):
    """``true_positives / (true_positives + false_negatives)`` (threshold 0.5 by default).

    Example:
        >>> float(Recall()([0, 1, 1, 1], [1, 0, 1, 1]))
        0.6666666865348816
    """

    _kinds = ("true_positives", "false_negatives")

    def __init__(self, thresholds: Any = None, top_k: int | None = None, class_id: int | None = None,
                 name: str | None = None, dtype: Any = None) -> None:
        super().__init__(thresholds, top_k, class_id, name, dtype)


class _SensitivitySpecificityBase(Metric):
    """Confusion counts at ``num_thresholds`` evenly spaced thresholds in [0, 1]; the result is the
    best dependent rate among thresholds where the constrained rate is at least ``value``."""

    def __init__(self, value: float, num_thresholds: int = 200, class_id: int | None = None, name: str | None = None,
                 dtype: Any = None) -> None:
        super().__init__(name=name, dtype=dtype)
        if num_thresholds <= 0:
            raise ValueError(f"Argument `num_thresholds` must be an integer > 0. Received: num_thresholds={num_thresholds}")
        self.value = value
        self.class_id = class_id
        if num_thresholds == 1:
            self.thresholds = [0.5]
            self._evenly = False
        else:
            self.thresholds = [0.0] + [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)] + [1.0]
            self._evenly = True
        n = len(self.thresholds)
        self.true_positives = self.add_variable(shape=(n,), initializer="zeros", name="true_positives")
        self.false_positives = self.add_variable(shape=(n,), initializer="zeros", name="false_positives")
        self.true_negatives = self.add_variable(shape=(n,), initializer="zeros", name="true_negatives")
        self.false_negatives = self.add_variable(shape=(n,), initializer="zeros", name="false_negatives")

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        c = _confusion_counts(y_true, y_pred, self.thresholds, evenly=self._evenly, class_id=self.class_id,
                              sample_weight=sample_weight, dtype=self.true_positives._t._value.dtype, who=self.name)
        for var, k in ((self.true_positives, "tp"), (self.true_negatives, "tn"), (self.false_positives, "fp"),
                       (self.false_negatives, "fn")):
            _add(var, c[k])

    def _rates(self) -> tuple:
        tp, fp, tn, fn = (v._t._value for v in (self.true_positives, self.false_positives, self.true_negatives,
                                                self.false_negatives))
        return _div_no_nan(tp, tp + fn), _div_no_nan(tn, tn + fp), _div_no_nan(tp, tp + fp)

    def _best(self, constrained: np.ndarray, dependent: np.ndarray) -> Tensor:
        feasible = constrained >= np.float32(self.value)
        return _out(max(0.0, float(np.max(np.where(feasible, dependent, 0), initial=0))), np.float32)

    def get_config(self) -> dict:
        return {**super().get_config(), "class_id": self.class_id}


class SensitivityAtSpecificity(_SensitivitySpecificityBase):
    """The best sensitivity (recall) at a specificity of at least ``specificity``.

    Example:
        >>> float(SensitivityAtSpecificity(0.5)([0, 0, 0, 1, 1], [0.0, 0.3, 0.8, 0.3, 0.8]))
        0.5
    """

    def __init__(self, specificity: float, num_thresholds: int = 200, class_id: int | None = None,
                 name: str | None = None, dtype: Any = None) -> None:
        if specificity < 0 or specificity > 1:
            raise ValueError(f"Argument `specificity` must be in the range [0, 1]. Received: specificity={specificity}")
        self.specificity = specificity
        self.num_thresholds = num_thresholds
        super().__init__(specificity, num_thresholds=num_thresholds, class_id=class_id, name=name, dtype=dtype)

    def result(self) -> Tensor:
        sens, spec, _ = self._rates()
        return self._best(spec, sens)

    def get_config(self) -> dict:
        return {**super().get_config(), "num_thresholds": self.num_thresholds, "specificity": self.specificity}


class SpecificityAtSensitivity(_SensitivitySpecificityBase):
    """The best specificity at a sensitivity (recall) of at least ``sensitivity``.

    Example:
        >>> float(SpecificityAtSensitivity(0.5)([0, 0, 0, 1, 1], [0.0, 0.3, 0.8, 0.3, 0.8]))
        0.6666666865348816
    """

    def __init__(self, sensitivity: float, num_thresholds: int = 200, class_id: int | None = None,
                 name: str | None = None, dtype: Any = None) -> None:
        if sensitivity < 0 or sensitivity > 1:
            raise ValueError(f"Argument `sensitivity` must be in the range [0, 1]. Received: sensitivity={sensitivity}")
        self.sensitivity = sensitivity
        self.num_thresholds = num_thresholds
        super().__init__(sensitivity, num_thresholds=num_thresholds, class_id=class_id, name=name, dtype=dtype)

    def result(self) -> Tensor:
        sens, spec, _ = self._rates()
        return self._best(sens, spec)

    def get_config(self) -> dict:
        return {**super().get_config(), "num_thresholds": self.num_thresholds, "sensitivity": self.sensitivity}


class PrecisionAtRecall(_SensitivitySpecificityBase):
    """The best precision at a recall of at least ``recall``.

    Example:
        >>> float(PrecisionAtRecall(0.5)([0, 0, 0, 1, 1], [0.0, 0.3, 0.8, 0.3, 0.8]))
        0.5
    """

    def __init__(self, recall: float, num_thresholds: int = 200, class_id: int | None = None,
                 name: str | None = None, dtype: Any = None) -> None:
        if recall < 0 or recall > 1:
            raise ValueError(f"Argument `recall` must be in the range [0, 1]. Received: recall={recall}")
        self.recall = recall
        self.num_thresholds = num_thresholds
        super().__init__(value=recall, num_thresholds=num_thresholds, class_id=class_id, name=name, dtype=dtype)

    def result(self) -> Tensor:
        rec, _, prec = self._rates()
        return self._best(rec, prec)

    def get_config(self) -> dict:
        return {**super().get_config(), "num_thresholds": self.num_thresholds, "recall": self.recall}


class RecallAtPrecision(_SensitivitySpecificityBase):
    """The best recall at a precision of at least ``precision``.

    Example:
        >>> float(RecallAtPrecision(0.5)([0, 0, 0, 1, 1], [0.0, 0.3, 0.8, 0.3, 0.8]))
        1.0
    """

    def __init__(self, precision: float, num_thresholds: int = 200, class_id: int | None = None,
                 name: str | None = None, dtype: Any = None) -> None:
        if precision < 0 or precision > 1:
            raise ValueError(f"Argument `precision` must be in the range [0, 1]. Received: precision={precision}")
        self.precision = precision
        self.num_thresholds = num_thresholds
        super().__init__(value=precision, num_thresholds=num_thresholds, class_id=class_id, name=name, dtype=dtype)

    def result(self) -> Tensor:
        rec, _, prec = self._rates()
        return self._best(prec, rec)

    def get_config(self) -> dict:
        return {**super().get_config(), "num_thresholds": self.num_thresholds, "precision": self.precision}


class AUC(Metric):
    """Area under the ROC, PR or PR-gain curve, from confusion counts at ``num_thresholds`` thresholds.

    Thresholds are ``i / (num_thresholds - 1)`` for ``i = 1 .. num_thresholds - 2`` plus ``-epsilon``
    and ``1 + epsilon`` at the ends (or ``thresholds`` plus those ends). ``summation_method``:
    'interpolation' (trapezoids; Davis & Goadrich interpolation for PR), 'minoring' or 'majoring'.

    Example:
        >>> m = AUC(num_thresholds=3)
        >>> float(m([0, 0, 1, 1], [0.0, 0.5, 0.3, 0.9]))
        0.75
    """

    _CURVES = {"roc": "ROC", "pr": "PR", "prgain": "PRGAIN"}
    _METHODS = {"interpolation": "interpolation", "majoring": "majoring", "minoring": "minoring"}

    def __init__(self, num_thresholds: int = 200, curve: str = "ROC", summation_method: str = "interpolation",
                 name: str | None = None, dtype: Any = None, thresholds: Any = None, multi_label: bool = False,
                 num_labels: int | None = None, label_weights: Any = None, from_logits: bool = False) -> None:
        self._init_from_thresholds = thresholds is not None
        if thresholds is not None:
            inner = sorted(float(t) for t in np.asarray(thresholds).reshape(-1))
            num_thresholds = len(inner) + 2
            evenly = _evenly(np.array([0.0] + inner + [1.0]))
        else:
            if num_thresholds <= 1:
                raise ValueError(f"Argument `num_thresholds` must be an integer > 1. Received: "
                                 f"num_thresholds={num_thresholds}")
            inner = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
            evenly = True
        self.num_thresholds = num_thresholds
        self._evenly = evenly
        e = _backend.epsilon()
        self._thresholds = np.array([0.0 - e] + inner + [1.0 + e])
        c = str(curve)
        if c not in ("pr", "PR", "roc", "ROC", "prgain", "PRGAIN"):
            raise ValueError(f'Invalid AUC curve value: "{curve}". Expected values are ["PR", "ROC", "PRGAIN"]')
        self.curve = self._CURVES[c.lower()]
        sm = str(summation_method)
        if sm not in ("interpolation", "Interpolation", "majoring", "Majoring", "minoring", "Minoring"):
            raise ValueError(f'Invalid AUC summation method value: "{summation_method}". Expected values are '
                             '["interpolation", "majoring", "minoring"]')
        self.summation_method = sm.lower()
        super().__init__(name=name, dtype=dtype)
        self.multi_label = multi_label
        self.num_labels = num_labels
        self.label_weights = None if label_weights is None else np.asarray(label_weights, np.float32)
        self._from_logits = from_logits
        self._built = False
        if self.multi_label:
            if num_labels:
                self._build([None, num_labels])
        else:
            if num_labels:
                raise ValueError("`num_labels` is needed only when `multi_label` is True.")
            self._build(None)

    @property
    def thresholds(self) -> list:
        return list(self._thresholds)

    @property
    def from_logits(self) -> bool:
        return self._from_logits

    def _build(self, shape: Any) -> None:
        if self.multi_label:
            if len(shape) != 2:
                raise ValueError(f"`y_pred` must have rank 2 when `multi_label=True`. Found rank {len(shape)}. "
                                 f"Full shape received for `y_pred`: {shape}")
            self._num_labels = shape[1]
            vshape = (self.num_thresholds, self._num_labels)
        else:
            vshape = (self.num_thresholds,)
        self.true_positives = self.add_variable(shape=vshape, initializer="zeros", name="true_positives")
        self.false_positives = self.add_variable(shape=vshape, initializer="zeros", name="false_positives")
        self.true_negatives = self.add_variable(shape=vshape, initializer="zeros", name="true_negatives")
        self.false_negatives = self.add_variable(shape=vshape, initializer="zeros", name="false_negatives")
        self._built = True

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        yp = _np(y_pred)
        if not self._built:
            self._build(yp.shape)
        if self._from_logits:
            yp = 1.0 / (1.0 + np.exp(-yp.astype(np.float64)))
        c = _confusion_counts(y_true, yp, self._thresholds, evenly=self._evenly, sample_weight=sample_weight,
                              multi_label=self.multi_label,
                              label_weights=None if self.multi_label else self.label_weights,
                              dtype=self.true_positives._t._value.dtype, who=self.name)
        for var, k in ((self.true_positives, "tp"), (self.true_negatives, "tn"), (self.false_positives, "fp"),
                       (self.false_negatives, "fn")):
            _add(var, c[k])

    def _by_label(self, per: np.ndarray) -> Any:
        if self.multi_label:
            by_label = per.sum(axis=0)
            if self.label_weights is None:
                return np.mean(by_label)
            return _div_no_nan(np.sum(by_label * self.label_weights), np.sum(self.label_weights))
        return per.sum()

    def result(self) -> Tensor:
        if not self._built:
            return _out(0.0)
        f = np.float32
        tp, fp, tn, fn = (v._t._value.astype(f) for v in (self.true_positives, self.false_positives,
                                                            self.true_negatives, self.false_negatives))
        n = self.num_thresholds
        if self.curve == "PR" and self.summation_method == "interpolation":
            dtp = tp[: n - 1] - tp[1:]
            p = tp + fp
            dp = p[: n - 1] - p[1:]
            slope = _div_no_nan(dtp, np.maximum(dp, 0))
            intercept = tp[1:] - slope * p[1:]
            ratio = np.where((p[: n - 1] > 0) & (p[1:] > 0), _div_no_nan(p[: n - 1], np.maximum(p[1:], 0)), 1.0)
            with np.errstate(divide="ignore", invalid="ignore"):
                logr = np.log(ratio)
            inc = _div_no_nan(slope * (dtp + intercept * logr), np.maximum(tp[1:] + fn[1:], 0))
            return _out(self._by_label(inc.astype(f)))
        recall = _div_no_nan(tp, tp + fn)
        if self.curve == "ROC":
            x, y = _div_no_nan(fp, fp + tn), recall
        elif self.curve == "PR":
            x, y = recall, _div_no_nan(tp, tp + fp)
        else:  # PRGAIN
            scale = _div_no_nan(tp + fn, tn + fp)
            rg = np.where(tp == 0, 0.0, 1.0 - scale * _div_no_nan(fn, tp))
            pg = np.where(tp == 0, 1.0, 1.0 - scale * _div_no_nan(fp, tp))
            x, y = np.maximum(rg, 0.0), pg
        if self.summation_method == "interpolation":
            h = (y[: n - 1] + y[1:]) / 2.0
        elif self.summation_method == "minoring":
            h = np.minimum(y[: n - 1], y[1:])
        else:
            h = np.maximum(y[: n - 1], y[1:])
        return _out(self._by_label(((x[: n - 1] - x[1:]) * h).astype(f)))

    def reset_state(self) -> None:
        if self._built:
            super().reset_state()

    def get_config(self) -> dict:
        config = {**super().get_config(), "num_thresholds": self.num_thresholds, "curve": self.curve,
                  "summation_method": self.summation_method, "multi_label": self.multi_label,
                  "num_labels": self.num_labels,
                  "label_weights": None if self.label_weights is None else self.label_weights.tolist(),
                  "from_logits": self._from_logits}
        if self._init_from_thresholds:
            config["thresholds"] = self.thresholds[1:-1]
        return config


# --- IoU metrics --------------------------------------------------------------------------------

class _IoUBase(Metric):
    """The confusion matrix ``total_confusion_matrix`` (true class x predicted class; int64 by default)."""

    def __init__(self, num_classes: int, name: str | None = None, dtype: Any = None, ignore_class: int | None = None,
                 sparse_y_true: bool = True, sparse_y_pred: bool = True, axis: int = -1) -> None:
        super().__init__(name=name, dtype=dtype or "int64")
        self.num_classes = num_classes
        self.ignore_class = ignore_class
        self.sparse_y_true = sparse_y_true
        self.sparse_y_pred = sparse_y_pred
        self.axis = axis
        self.total_cm = self.add_variable(name="total_confusion_matrix", shape=(num_classes, num_classes),
                                          initializer="zeros", dtype=self.dtype)

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        dt = self.total_cm._t._value.dtype
        yt, yp = _np(y_true), _np(y_pred)
        if not self.sparse_y_true:
            yt = np.argmax(yt, axis=self.axis)
        if not self.sparse_y_pred:
            yp = np.argmax(yp, axis=self.axis)
        yt = yt.astype(dt).reshape(-1)
        yp = yp.astype(dt).reshape(-1)
        if sample_weight is None:
            w = np.ones(yt.shape, dt)
        else:
            sw = _np(sample_weight)
            if sw.dtype.kind == "f" and dt.kind in "iu":
                warnings.warn("You are passing weight as `float`, but dtype is `int`. This may result in an incorrect "
                              "weight due to type casting Consider using integer weights.", stacklevel=2)
            w = np.broadcast_to(sw.astype(dt).reshape(-1) if sw.ndim > 1 else sw.astype(dt), yt.shape)
        if yt.shape != yp.shape:
            _check_same_shape(yt, yp, self.name)
        nc = self.num_classes
        ok = (yt >= 0) & (yt < nc) & (yp >= 0) & (yp < nc)
        if self.ignore_class is not None:
            ok &= yt != self.ignore_class
        cm = np.zeros((nc, nc), np.float64 if dt.kind == "f" else np.int64)
        np.add.at(cm, (np.where(ok, yt, 0).astype(np.int64), np.where(ok, yp, 0).astype(np.int64)), np.where(ok, w, 0))
        _add(self.total_cm, cm.astype(dt))


class IoU(_IoUBase):
    """Intersection-over-union ``TP / (TP + FP + FN)`` averaged over ``target_class_ids`` (classes
    never seen are left out of the average).

    Example:
        >>> m = IoU(num_classes=2, target_class_ids=[0])
        >>> round(float(m([0, 0, 1, 1], [0, 1, 0, 1])), 6)
        0.333333
    """

    def __init__(self, num_classes: int, target_class_ids: Any, name: str | None = None, dtype: Any = None,
                 ignore_class: int | None = None, sparse_y_true: bool = True, sparse_y_pred: bool = True,
                 axis: int = -1) -> None:
        super().__init__(name=name, num_classes=num_classes, ignore_class=ignore_class, sparse_y_true=sparse_y_true,
                         sparse_y_pred=sparse_y_pred, axis=axis, dtype=dtype)
        if max(target_class_ids) >= num_classes:
            raise ValueError(f"Target class id {max(target_class_ids)} is out of range, which is [0, {num_classes}).")
        self.target_class_ids = list(target_class_ids)

    def result(self) -> Tensor:
        cm = self.total_cm._t._value.astype(np.float64)
        tp = np.diag(cm)
        denom = (cm.sum(axis=0) + cm.sum(axis=1) - tp)[self.target_class_ids].astype(np.float32)
        tp = tp[self.target_class_ids].astype(np.float32)
        valid = denom > 1e-9
        e = np.float32(_backend.epsilon())
        iou = np.where(valid, tp / (denom + e), np.float32(0))
        return _out(np.sum(iou) / (np.float32(valid.sum()) + e), np.float32)

    def get_config(self) -> dict:
        return {**super().get_config(), "num_classes": self.num_classes, "target_class_ids": self.target_class_ids,
                "ignore_class": self.ignore_class, "sparse_y_true": self.sparse_y_true,
                "sparse_y_pred": self.sparse_y_pred, "axis": self.axis}


class BinaryIoU(IoU):
    """IoU of binary predictions (``y_pred >= threshold``) over ``target_class_ids`` of {0, 1}.

    Example:
        >>> round(float(BinaryIoU(target_class_ids=[0, 1])([0, 1, 0, 1], [0.1, 0.2, 0.4, 0.7])), 6)
        0.583333
    """

    def __init__(self, target_class_ids: Any = (0, 1), threshold: float = 0.5, name: str | None = None,
                 dtype: Any = None) -> None:
        super().__init__(num_classes=2, target_class_ids=target_class_ids, name=name, dtype=dtype)
        self.threshold = threshold

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        yp = (_np(y_pred).astype(np.float32) >= self.threshold)
        super().update_state(_np(y_true), yp, sample_weight)

    def get_config(self) -> dict:
        return {"target_class_ids": self.target_class_ids, "threshold": self.threshold, "name": self.name,
                "dtype": self.dtype}


class MeanIoU(IoU):
    """IoU averaged over all ``num_classes`` classes.

    Example:
        >>> round(float(MeanIoU(num_classes=2)([0, 0, 1, 1], [0, 1, 0, 1])), 6)
        0.333333
    """

    def __init__(self, num_classes: int, name: str | None = None, dtype: Any = None, ignore_class: int | None = None,
                 sparse_y_true: bool = True, sparse_y_pred: bool = True, axis: int = -1) -> None:
        super().__init__(name=name, num_classes=num_classes, target_class_ids=list(range(num_classes)), axis=axis,
                         dtype=dtype, ignore_class=ignore_class, sparse_y_true=sparse_y_true,
                         sparse_y_pred=sparse_y_pred)

    def get_config(self) -> dict:
        return {"num_classes": self.num_classes, "name": self.name, "dtype": self.dtype,
                "ignore_class": self.ignore_class, "sparse_y_true": self.sparse_y_true,
                "sparse_y_pred": self.sparse_y_pred, "axis": self.axis}


class OneHotIoU(IoU):
    """IoU with one-hot labels (and, unless ``sparse_y_pred``, class scores as predictions).

    Example:
        >>> m = OneHotIoU(num_classes=2, target_class_ids=[1])
        >>> round(float(m([[1, 0], [0, 1], [0, 1]], [[0.8, 0.2], [0.3, 0.7], [0.6, 0.4]])), 6)
        0.5
    """

    def __init__(self, num_classes: int, target_class_ids: Any, name: str | None = None, dtype: Any = None,
                 ignore_class: int | None = None, sparse_y_pred: bool = False, axis: int = -1) -> None:
        super().__init__(num_classes=num_classes, target_class_ids=target_class_ids, name=name, dtype=dtype,
                         ignore_class=ignore_class, sparse_y_true=False, sparse_y_pred=sparse_y_pred, axis=axis)

    def get_config(self) -> dict:
        return {"num_classes": self.num_classes, "target_class_ids": self.target_class_ids, "name": self.name,
                "dtype": self.dtype, "ignore_class": self.ignore_class, "sparse_y_pred": self.sparse_y_pred,
                "axis": self.axis}


class OneHotMeanIoU(MeanIoU):
    """Mean IoU with one-hot labels (and, unless ``sparse_y_pred``, class scores as predictions).

    Example:
        >>> m = OneHotMeanIoU(num_classes=2)
        >>> round(float(m([[1, 0], [0, 1], [0, 1]], [[0.8, 0.2], [0.3, 0.7], [0.6, 0.4]])), 6)
        0.5
    """

    def __init__(self, num_classes: int, name: str | None = None, dtype: Any = None, ignore_class: int | None = None,
                 sparse_y_pred: bool = False, axis: int = -1) -> None:
        super().__init__(num_classes=num_classes, axis=axis, name=name, dtype=dtype, ignore_class=ignore_class,
                         sparse_y_true=False, sparse_y_pred=sparse_y_pred)

    def get_config(self) -> dict:
        return {"num_classes": self.num_classes, "name": self.name, "dtype": self.dtype,
                "ignore_class": self.ignore_class, "sparse_y_pred": self.sparse_y_pred, "axis": self.axis}


# --- F-scores -----------------------------------------------------------------------------------

class FBetaScore(Metric):
    """F-beta score of multi-label / one-hot predictions (2-D ``(batch, classes)``): per class, or
    averaged ('micro', 'macro', 'weighted'). Without ``threshold`` the highest score of each row is
    the prediction.

    Example:
        >>> m = FBetaScore(beta=2.0, threshold=0.5)
        >>> [round(v, 4) for v in m([[1, 0], [0, 1], [1, 1]], [[0.8, 0.6], [0.3, 0.7], [0.4, 0.9]]).numpy().tolist()]
        [0.5556, 0.9091]
    """

    def __init__(self, average: str | None = None, beta: float = 1.0, threshold: float | None = None,
                 name: str = "fbeta_score", dtype: Any = None) -> None:
        super().__init__(name=name, dtype=dtype)
        if average not in (None, "micro", "macro", "weighted"):
            raise ValueError("Invalid `average` argument value. Expected one of: {None, 'micro', 'macro', "
                             f"'weighted'}}. Received: average={average}")
        if not isinstance(beta, float):
            raise ValueError(f"Invalid `beta` argument value. It should be a Python float. Received: beta={beta} of "
                             f"type '{type(beta)}'")
        if beta <= 0.0:
            raise ValueError(f"Invalid `beta` argument value. It should be > 0. Received: beta={beta}")
        if threshold is not None:
            if not isinstance(threshold, float):
                raise ValueError(f"Invalid `threshold` argument value. It should be a Python float. Received: "
                                 f"threshold={threshold} of type '{type(threshold)}'")
            if threshold > 1.0 or threshold <= 0.0:
                raise ValueError(f"Invalid `threshold` argument value. It should verify 0 < threshold <= 1. "
                                 f"Received: threshold={threshold}")
        self.average = average
        self.beta = beta
        self.threshold = threshold
        self.axis = None if average == "micro" else 0
        self._built = False

    def _build(self, yt_shape: tuple, yp_shape: tuple) -> None:
        if len(yp_shape) != 2 or len(yt_shape) != 2:
            raise ValueError(f"{type(self).__name__} expects 2D inputs with shape (batch_size, output_dim). Received "
                             f"input shapes: y_pred.shape={yp_shape} and y_true.shape={yt_shape}.")
        shape = (yp_shape[-1],) if self.average != "micro" else ()
        for n in ("true_positives", "false_positives", "false_negatives", "intermediate_weights"):
            setattr(self, n, self.add_variable(name=n, shape=shape, initializer="zeros", dtype=self.dtype))
        self._built = True

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        dt = _dt.np_dtype(self.dtype)
        yt, yp = _np(y_true).astype(dt), _np(y_pred).astype(dt)
        if not self._built:
            self._build(yt.shape, yp.shape)
        if self.threshold is None:
            yp = ((yp >= yp.max(axis=-1, keepdims=True)) & (np.abs(yp) > 1e-9)).astype(dt)
        else:
            yp = (yp > self.threshold).astype(dt)
        w = None if sample_weight is None else _np(sample_weight).astype(dt)

        def wsum(v: np.ndarray) -> np.ndarray:
            if w is not None:
                v = v * np.expand_dims(w, 1)
            return v.sum(axis=self.axis)

        _add(self.true_positives, wsum(yp * yt))
        _add(self.false_positives, wsum(yp * (1 - yt)))
        _add(self.false_negatives, wsum((1 - yp) * yt))
        _add(self.intermediate_weights, wsum(yt))

    def result(self) -> Tensor:
        if not self._built:
            raise ValueError(f"{type(self).__name__}: call `update_state` before `result` (the number of classes "
                             "is taken from the first batch)")
        f = np.float32
        e = f(_backend.epsilon())
        tp, fp, fn = (v._t._value.astype(f) for v in (self.true_positives, self.false_positives, self.false_negatives))
        precision = tp / (tp + fp + e)
        recall = tp / (tp + fn + e)
        b2 = f(self.beta ** 2)
        score = (precision * recall) / (b2 * precision + recall + e) * (1 + b2)
        if self.average == "weighted":
            iw = self.intermediate_weights._t._value.astype(f)
            score = np.sum(score * (iw / (np.sum(iw) + e)))
        elif self.average is not None:
            score = np.mean(score)
        return _out(score, self.dtype)

    def get_config(self) -> dict:
        return {**super().get_config(), "average": self.average, "beta": self.beta, "threshold": self.threshold}


class F1Score(FBetaScore):
    """F1 score (``FBetaScore`` with ``beta=1``).

    Example:
        >>> m = F1Score(threshold=0.5)
        >>> [round(v, 4) for v in m([[1, 0], [0, 1], [1, 1]], [[0.8, 0.6], [0.3, 0.7], [0.4, 0.9]]).numpy().tolist()]
        [0.6667, 0.8]
    """

    def __init__(self, average: str | None = None, threshold: float | None = None, name: str = "f1_score",
                 dtype: Any = None) -> None:
        super().__init__(average=average, beta=1.0, threshold=threshold, name=name, dtype=dtype)

    def get_config(self) -> dict:
        config = super().get_config()
        del config["beta"]
        return config


# --- the loss functions keras.metrics re-exports ------------------------------------------------

binary_crossentropy = _losses.binary_crossentropy
binary_focal_crossentropy = _losses.binary_focal_crossentropy
categorical_crossentropy = _losses.categorical_crossentropy
categorical_focal_crossentropy = _losses.categorical_focal_crossentropy
sparse_categorical_crossentropy = _losses.sparse_categorical_crossentropy
categorical_hinge = _losses.categorical_hinge
hinge = _losses.hinge
squared_hinge = _losses.squared_hinge
huber = _losses.huber
kl_divergence = _losses.kl_divergence
log_cosh = _losses.log_cosh
mean_absolute_error = _losses.mean_absolute_error
mean_absolute_percentage_error = _losses.mean_absolute_percentage_error
mean_squared_error = _losses.mean_squared_error
mean_squared_logarithmic_error = _losses.mean_squared_logarithmic_error
poisson = _losses.poisson
# TF 2.x's short names (tf.keras.metrics keeps them)
mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
kld = KLD = kullback_leibler_divergence = kl_divergence
logcosh = log_cosh


# --- lookup -----------------------------------------------------------------------------------

_CLASSES = (Metric, Mean, Sum, MeanMetricWrapper, Accuracy, BinaryAccuracy, CategoricalAccuracy,
            SparseCategoricalAccuracy, TopKCategoricalAccuracy, SparseTopKCategoricalAccuracy, BinaryCrossentropy,
            CategoricalCrossentropy, SparseCategoricalCrossentropy, KLDivergence, Poisson, MeanSquaredError,
            MeanAbsoluteError, MeanAbsolutePercentageError, MeanSquaredLogarithmicError, RootMeanSquaredError,
            CosineSimilarity, LogCoshError, R2Score, PearsonCorrelation, ConcordanceCorrelation, Hinge, SquaredHinge,
            CategoricalHinge, TruePositives, FalsePositives, TrueNegatives, FalseNegatives, Precision, Recall, AUC,
            PrecisionAtRecall, RecallAtPrecision, SensitivityAtSpecificity, SpecificityAtSensitivity, IoU, BinaryIoU,
            MeanIoU, OneHotIoU, OneHotMeanIoU, F1Score, FBetaScore)
_FUNCTIONS = (binary_accuracy, categorical_accuracy, sparse_categorical_accuracy, top_k_categorical_accuracy,
              sparse_top_k_categorical_accuracy, pearson_correlation, concordance_correlation, binary_crossentropy,
              binary_focal_crossentropy, categorical_crossentropy, categorical_focal_crossentropy,
              sparse_categorical_crossentropy, categorical_hinge, hinge, squared_hinge, huber, kl_divergence,
              log_cosh, mean_absolute_error, mean_absolute_percentage_error, mean_squared_error,
              mean_squared_logarithmic_error, poisson)
_ALL: dict = {c.__name__: c for c in _CLASSES}
_ALL.update({_snake(c.__name__): c for c in _CLASSES})
_ALL.update({"acc": Accuracy,  # TF 2.x's short name (not in Keras 3's table)
             "bce": BinaryCrossentropy, "BCE": BinaryCrossentropy, "mse": MeanSquaredError, "MSE": MeanSquaredError,
             "mae": MeanAbsoluteError, "MAE": MeanAbsoluteError, "mape": MeanAbsolutePercentageError,
             "MAPE": MeanAbsolutePercentageError, "msle": MeanSquaredLogarithmicError,
             "MSLE": MeanSquaredLogarithmicError})


def serialize(metric: Metric) -> dict:
    """Keras 3's ``{"module", "class_name", "config", "registered_name"}`` of a metric.

    Example:
        >>> serialize(Mean())
        {'module': 'keras.metrics', 'class_name': 'Mean', 'config': {'name': 'mean', 'dtype': 'float32'}, \
'registered_name': None}
    """
    from .utils.serialization import serialize_keras_object

    return serialize_keras_object(metric)


def deserialize(config: Any, custom_objects: dict | None = None) -> Any:
    """Rebuild a metric from ``serialize()``'s output.

    Example:
        >>> deserialize({"class_name": "AUC", "config": {"name": "auc2"}}).name
        'auc2'
    """
    from .utils.serialization import deserialize_keras_object

    if isinstance(config, str):
        found = (custom_objects or {}).get(config) or _ALL.get(config)
        if found is None:
            raise ValueError(f"Could not interpret metric identifier: {config}")
        return found
    if isinstance(config, dict) and "class_name" in config and config.get("module") is None \
            and "registered_name" not in config:
        cls = (custom_objects or {}).get(config["class_name"]) or _ALL.get(config["class_name"])
        if isinstance(cls, type):
            return cls.from_config(dict(config.get("config") or {}))
    return deserialize_keras_object(config, custom_objects=custom_objects)


def get(identifier: Any) -> Any:
    """A metric from a name ('AUC', 'sparse_categorical_accuracy', 'mse', ...), a config dict, a
    Metric class or instance, or a callable (returned as is). Names give fresh Metric instances.

    Example:
        >>> type(get("sparse_categorical_accuracy")).__name__
        'SparseCategoricalAccuracy'
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
    raise ValueError(f"Could not interpret metric identifier: {identifier}")


__all__ = [c.__name__ for c in _CLASSES] + [f.__name__ for f in _FUNCTIONS if f.__name__ not in ("wrapped",)] + [
    "mse", "MSE", "mae", "MAE", "mape", "MAPE", "msle", "MSLE", "kld", "KLD", "kullback_leibler_divergence",
    "logcosh", "get", "serialize", "deserialize"]
