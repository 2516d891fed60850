"""What ``compile`` builds from its arguments: ``CompileMetrics`` (the ``metrics=`` and
``weighted_metrics=`` of every output, one metric object each) and ``_CompileLoss`` (the ``loss=``
and ``loss_weights=``: one loss per output and their weighted sum, with per-output trackers).

Example:
    >>> import numpy as np
    >>> cm = CompileMetrics(["mae"], None)
    >>> cm.update_state(np.zeros((2, 1), "float32"), np.ones((2, 1), "float32"))
    >>> {k: float(v) for k, v in cm.result().items()}
    {'mae': 1.0}
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from ...tensor import Tensor, convert_to_tensor
from .. import metrics as metrics_module
from .data_adapter import _first_dim, _flat, _is_nested

__all__ = ["CompileMetrics"]


def _object_name(obj: Any) -> str:
    """Keras's name for a metric/loss object or function: its ``name``, ``__name__`` or snake-cased class."""
    name = getattr(obj, "name", None)
    if isinstance(name, str):
        return name
    name = getattr(obj, "__name__", None)
    if isinstance(name, str):
        return name
    return re.sub(r"(?<!^)(?=[A-Z])", "_", type(obj).__name__).lower()


def _binary_or_sparse(yt: tuple, yp: tuple) -> tuple:
    """Keras's choice for "accuracy" / "crossentropy" from the shapes of y_true and y_pred."""
    is_binary = bool(yp) and yp[-1] == 1
    is_sparse = len(yt) < len(yp) or (bool(yt) and yt[-1] == 1 and bool(yp) and yp[-1] > 1)
    return is_binary, is_sparse


def _shape_of(x: Any) -> tuple:
    """The shape of a target or prediction (a tensor, an array or nested lists); () for None."""
    if x is None:
        return ()
    return tuple(x.shape) if hasattr(x, "shape") else tuple(np.shape(x))


# --- compiled metrics ----------------------------------------------------------------------------


def _get_metric(ident: Any, y_true: Any, y_pred: Any) -> Any:
    if ident is None:
        raise ValueError("Expected metric, received `None`")
    if str(ident).lower() in ("accuracy", "acc"):
        is_binary, is_sparse = _binary_or_sparse(_shape_of(y_true), _shape_of(y_pred))
        cls = (metrics_module.BinaryAccuracy if is_binary else metrics_module.SparseCategoricalAccuracy
               if is_sparse else metrics_module.CategoricalAccuracy)
        obj = cls(name=str(ident))
    else:
        obj = metrics_module.get(ident)
    name = ident if isinstance(ident, str) else _object_name(obj)
    if not isinstance(obj, metrics_module.Metric):
        obj = metrics_module.MeanMetricWrapper(obj)
    obj.name = name
    return obj


class _MetricsList(metrics_module.Metric):
    """The metrics of one output."""

    def __init__(self, metrics: list, output_name: str | None = None) -> None:
        super().__init__(name="metrics_list")
        self.metrics = metrics
        self.output_name = output_name

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        for m in self.metrics:
            m.update_state(y_true, y_pred, sample_weight=sample_weight)

    def reset_state(self) -> None:
        for m in self.metrics:
            m.reset_state()


def _metrics_list(metrics: Any, y_true: Any, y_pred: Any, output_name: str | None = None) -> Any:
    if metrics is None:
        return None
    if isinstance(metrics, (list, tuple)):
        return _MetricsList([_get_metric(m, y_true, y_pred) for m in metrics], output_name)
    return _MetricsList([_get_metric(metrics, y_true, y_pred)], output_name)


class CompileMetrics(metrics_module.Metric):
    """The ``metrics=`` and ``weighted_metrics=`` of ``compile`` as one metric named
    ``compile_metrics`` (Keras 3): built on the first ``update_state`` (when the outputs' shapes
    are known), its ``result()`` is a dict of every metric's result.

    Example:
        >>> import numpy as np
        >>> cm = CompileMetrics(["mae"], None)
        >>> cm.metrics, cm.built
        ([], False)
        >>> cm.update_state(np.zeros((2, 1)), np.ones((2, 1)), sample_weight=np.array([1.0, 0.0]))
        >>> {k: float(v) for k, v in cm.result().items()}  # metrics= ignore sample_weight
        {'mae': 1.0}
    """

    def __init__(self, metrics: Any, weighted_metrics: Any, name: str = "compile_metric",
                 output_names: list | None = None) -> None:
        super().__init__(name=name)
        if metrics and not isinstance(metrics, (list, tuple, dict)):
            raise ValueError("Expected `metrics` argument to be a list, tuple, or dict. Received instead: "
                             f"metrics={metrics} of type {type(metrics)}")
        if weighted_metrics and not isinstance(weighted_metrics, (list, tuple, dict)):
            raise ValueError("Expected `weighted_metrics` argument to be a list, tuple, or dict. Received instead: "
                             f"weighted_metrics={weighted_metrics} of type {type(weighted_metrics)}")
        self._user_metrics = metrics
        self._user_weighted_metrics = weighted_metrics
        self.built = False
        self.name = "compile_metrics"
        self.output_names = output_names
        self._flat_metrics: list = []
        self._flat_weighted_metrics: list = []
        self._resolved_output_names: list | None = None

    @property
    def metrics(self) -> list:
        """The individual metrics (empty until built)."""
        if not self.built:
            return []
        out = []
        for m in self._flat_metrics + self._flat_weighted_metrics:
            if m is not None:
                out.extend(m.metrics)
        return out

    @property
    def variables(self) -> list:
        return [v for m in self.metrics for v in m.variables]

    def build(self, y_true: Any, y_pred: Any) -> None:
        n = len(_flat(y_pred))
        flat_struct = _is_nested(y_pred) and len(y_pred) == n
        if flat_struct and isinstance(y_pred, dict):
            output_names = (self.output_names if self.output_names and set(y_pred) == set(self.output_names)
                            else sorted(y_pred))
        else:
            output_names = self.output_names
        self._resolved_output_names = output_names if n > 1 and flat_struct else None
        self._flat_metrics = self._build_set(self._user_metrics, n, output_names, y_true, y_pred, flat_struct,
                                             "metrics")
        self._flat_weighted_metrics = self._build_set(self._user_weighted_metrics, n, output_names, y_true,
                                                      y_pred, flat_struct, "weighted_metrics")
        self.built = True

    def _build_set(self, metrics: Any, n: int, output_names: Any, y_true: Any, y_pred: Any, flat_struct: bool,
                   arg: str) -> list:
        if not metrics:
            return [None] * n
        if n == 1:
            return [_metrics_list(_flat(metrics), _flat(y_true)[0], _flat(y_pred)[0], None)]
        per_output = None
        if flat_struct:
            if isinstance(metrics, (list, tuple)) and len(metrics) == n:
                per_output = list(metrics)
            elif (output_names and isinstance(metrics, dict) and len(metrics) <= n
                  and set(metrics) <= set(output_names)):
                per_output = [metrics.get(name) for name in output_names]
        if per_output is None:
            where = (f"either be a dict or a list matching the output names of the functional model "
                     f"{self.output_names} or " if self.output_names else "")
            raise ValueError(f"Invalid `{arg}`. `{arg}` should contain metrics objects and {where}match the output "
                             f"structure of the model ({n} outputs).\nReceived: {arg}={metrics}")
        names = output_names if output_names else [None] * n
        return [_metrics_list(m, yt, yp, nm) for m, yt, yp, nm in
                zip(per_output, self._flatten_y(y_true), self._flatten_y(y_pred), names)]

    def _flatten_y(self, y: Any) -> list:
        if isinstance(y, dict) and self._resolved_output_names is not None:
            return [y[name] for name in self._resolved_output_names]
        return _flat(y)

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        if not self.built:
            self.build(y_true, y_pred)
        yt, yp = self._flatten_y(y_true), self._flatten_y(y_pred)
        for m, a, b in zip(self._flat_metrics, yt, yp):
            if m is not None:
                m.update_state(a, b)  # `metrics=` are never weighted
        if sample_weight is not None:
            sw = self._flatten_y(sample_weight)
            if len(sw) < len(yt):
                sw = [sw[0]] * len(yt)
        else:
            sw = [None] * len(yt)
        for m, a, b, w in zip(self._flat_weighted_metrics, yt, yp, sw):
            if m is not None:
                m.update_state(a, b, sample_weight=w)

    def reset_state(self) -> None:
        if not self.built:
            return
        for m in self._flat_metrics + self._flat_weighted_metrics:
            if m is not None:
                m.reset_state()

    def result(self) -> dict:
        if not self.built:
            raise ValueError("Cannot get result() since the metric has not yet been built.")
        results: dict = {}
        counts: dict = {}
        for weighted, group in ((False, self._flat_metrics), (True, self._flat_weighted_metrics)):
            for mls in group:
                if mls is None:
                    continue
                for m in mls.metrics:
                    name = f"{mls.output_name}_{m.name}" if mls.output_name else m.name
                    if name not in counts:
                        counts[name] = 1
                    elif not weighted:
                        counts[name] += 1
                        name = f"{name}_{counts[name] - 1}"
                    else:
                        name = f"{mls.output_name}_weighted_{m.name}" if mls.output_name else f"weighted_{m.name}"
                        if name not in counts:
                            counts[name] = 1
                        else:
                            counts[name] += 1
                            name = f"{name}_{counts[name] - 1}"
                    results[name] = m.result()
        return results

    def get_config(self) -> dict:
        raise NotImplementedError("CompileMetrics is not serializable")


# --- the compiled loss ---------------------------------------------------------------------------


def _get_loss(ident: Any, y_true: Any, y_pred: Any) -> Any:
    from .. import losses as losses_module

    if ident is None:
        return None
    if str(ident).lower() in ("crossentropy", "ce"):
        is_binary, is_sparse = _binary_or_sparse(_shape_of(y_true), _shape_of(y_pred))
        obj = (losses_module.binary_crossentropy if is_binary else losses_module.sparse_categorical_crossentropy
               if is_sparse else losses_module.categorical_crossentropy)
    else:
        obj = losses_module.get(ident)
    if isinstance(obj, type):
        obj = obj()
    if not callable(obj):
        raise ValueError(f"Could not interpret loss identifier: {ident!r}")
    if not isinstance(obj, losses_module.Loss):
        obj = losses_module.LossFunctionWrapper(obj, name=ident if isinstance(ident, str) else _object_name(obj))
    return obj


class _CompileLoss:
    """The ``loss=`` (and ``loss_weights=``) of ``compile``: one loss per output, their weighted sum,
    and (with several losses) one ``Mean`` tracker per output named ``<output>_loss``."""

    def __init__(self, loss: Any, loss_weights: Any = None, output_names: list | None = None) -> None:
        if loss_weights and not isinstance(loss_weights, (list, tuple, dict, float)):
            raise ValueError("Expected `loss_weights` argument to be a float (single output case) or a list, tuple, "
                             "or dict (multiple output case). Received instead: "
                             f"loss_weights={loss_weights} of type {type(loss_weights)}")
        self._user_loss = loss
        self._user_loss_weights = loss_weights
        self.output_names = output_names
        self.built = False
        self.metrics: list = []
        self._flat: list = []  # [(key or None, loss object, weight or None, name)]

    def build(self, y_true: Any, y_pred: Any) -> None:
        loss, weights = self._user_loss, self._user_loss_weights
        names = self.output_names
        if names and isinstance(loss, dict) and not isinstance(y_pred, dict):
            if set(names) != set(loss):
                raise ValueError(f"Expected keys {names} in loss dict, but found loss.keys()={list(loss.keys())}")
            loss = [loss[n] for n in names]
            if isinstance(weights, dict):
                weights = [weights[n] for n in names]
        if isinstance(y_pred, dict):
            keys: list = sorted(y_pred)
        elif isinstance(y_pred, (list, tuple)):
            keys = list(range(len(y_pred)))
        else:
            keys = [None]
        if any(_is_nested(y_pred[k]) for k in keys if k is not None):
            raise ValueError("tapeflow's compiled loss supports a single output or one level of list/tuple/dict "
                             f"outputs; got outputs {type(y_pred).__name__} of nested structures")
        if isinstance(loss, dict):
            if isinstance(y_pred, dict):
                per = [loss.get(k) for k in keys]
            else:
                raise ValueError(f"The model outputs a {type(y_pred).__name__}, so `loss` cannot be a dict keyed by "
                                 f"{list(loss)} (the model has no output names)")
        elif isinstance(loss, (list, tuple)):
            if keys == [None]:
                if len(loss) != 1:
                    raise ValueError(f"The model has a single output but `loss` has {len(loss)} entries: {loss}")
                per = list(loss)
            elif len(loss) != len(keys):
                raise ValueError(f"`loss` has {len(loss)} entries but the model has {len(keys)} outputs")
            else:
                per = list(loss)
        else:
            per = [loss] * len(keys)
        if weights is None:
            w_per: list = [None] * len(keys)
        elif isinstance(weights, dict):
            w_per = [weights.get(k) for k in keys] if isinstance(y_pred, dict) else list(weights.values())
        elif isinstance(weights, (list, tuple)):
            w_per = list(weights)
        else:
            w_per = [weights] * len(keys)
        if len(w_per) != len(per):
            raise ValueError(f"`loss_weights` must match the number of losses, got {len(per)} losses and "
                             f"{len(w_per)} weights.")
        if isinstance(y_pred, dict):
            out_names: list = list(keys)
        elif keys != [None] and names and len(names) == len(keys):
            out_names = list(names)
        elif keys == [None] and names and len(names) == 1:
            out_names = list(names)
        else:
            out_names = [None] * len(keys)
        flat = []
        for k, ident, w, nm in zip(keys, per, w_per, out_names):
            if ident is None:
                continue
            yt = self._pick(y_true, k)
            fn = _get_loss(ident, yt, self._pick(y_pred, k))
            flat.append((k, fn, w, nm if nm is not None else fn.name))
        self._flat = flat
        self.metrics = [metrics_module.Mean(name=f"{name}_loss") for _, _, _, name in flat] if len(flat) > 1 else []
        self.built = True

    @staticmethod
    def _pick(struct: Any, key: Any) -> Any:
        if key is None or not _is_nested(struct):
            return struct
        return struct[key]

    def _align_y_true(self, y_true: Any, y_pred: Any) -> Any:
        if isinstance(y_pred, (list, tuple)):
            if isinstance(y_true, dict) and self.output_names and set(self.output_names) == set(y_true):
                return [y_true[n] for n in self.output_names]
            if not _is_nested(y_true) and len(y_pred) == 1:
                return [y_true]
        return y_true

    def __call__(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> Tensor | None:
        from ...ops import math_ops

        y_true = self._align_y_true(y_true, y_pred)
        if not self.built:
            self.build(y_true, y_pred)
        values = []
        trackers = self.metrics or [None] * len(self._flat)
        for (k, fn, w, _), tracker in zip(self._flat, trackers):
            if y_true is None:
                raise ValueError("The model was compiled with a loss, but no targets `y` were given")
            yt, yp = self._pick(y_true, k), self._pick(y_pred, k)
            sw = self._pick(sample_weight, k) if _is_nested(sample_weight) else sample_weight
            value = fn(yt, yp, sw)
            if not isinstance(value, Tensor):
                value = convert_to_tensor(value)
            if value._value.dtype != np.float32:
                value = math_ops.cast(value, "float32")
            if tracker is not None:
                tracker.update_state(value, sample_weight=_first_dim(yp))
            if w is not None:
                value = value * float(w)
            values.append(value)
        if not values:
            return None
        total = values[0]
        for v in values[1:]:
            total = total + v
        return total
