"""``Trainer``: Keras's ``compile`` / ``fit`` / ``evaluate`` / ``predict``, mixed into ``keras.Model``.

``fit`` runs the same GradientTape step a custom training loop writes by hand::

    with tf.GradientTape() as tape:
        y_pred = model(x, training=True)
        loss = model.compute_loss(x, y, y_pred, sample_weight)   # compiled losses + model.losses
    grads = tape.gradient(loss, model.trainable_weights)
    model.optimizer.apply_gradients(zip(grads, model.trainable_weights))

Example:
    >>> import numpy as np
    >>> from tapeflow import keras
    >>> from tapeflow.keras import layers
    >>> model = keras.Sequential([layers.Dense(1)])
    >>> model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    >>> x = np.linspace(-1, 1, 32, dtype="float32")[:, None]
    >>> hist = model.fit(x, 3 * x, epochs=3, verbose=0)
    >>> hist.history["loss"][-1] < hist.history["loss"][0]
    True
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import numpy as np

from ..data.dataset import Dataset
from ..tape import GradientTape
from ..tensor import Tensor, Variable, convert_to_tensor
from . import callbacks as callbacks_module

__all__ = ["Trainer"]


# --- small helpers -----------------------------------------------------------------------------


def _is_struct(x: Any) -> bool:
    return isinstance(x, (list, tuple, dict))


def _leaves(x: Any) -> list:
    if isinstance(x, dict):
        return [v for k in sorted(x) for v in _leaves(x[k])]
    if isinstance(x, (list, tuple)):
        return [v for c in x for v in _leaves(c)]
    return [x]


def _first_dim(x: Any) -> int:
    for leaf in _leaves(x):
        shape = np.shape(leaf) if not isinstance(leaf, (Tensor, Variable)) else tuple(leaf.shape)
        if len(shape):
            return int(shape[0])
    raise ValueError("Expected at least one array with a batch dimension in the input data")


def _slice(x: Any, sl: slice) -> Any:
    if isinstance(x, dict):
        return {k: _slice(v, sl) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return type(x)(_slice(v, sl) for v in x)
    if x is None:
        return None
    return np.asarray(x)[sl]


def _arrays(x: Any) -> Any:
    """Lists of arrays stay structure (multi-input); Tensors become arrays."""
    if isinstance(x, dict):
        return {k: _arrays(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)) and x and all(isinstance(v, (np.ndarray, Tensor, Variable)) or _is_struct(v)
                                                   for v in x):
        return tuple(_arrays(v) for v in x)
    if isinstance(x, (Tensor, Variable)):
        return np.asarray(x)
    return np.asarray(x)


def unpack_x_y_sample_weight(data: Any) -> tuple:
    """Split a batch into ``(x, y, sample_weight)`` (missing parts are None)."""
    if isinstance(data, list):
        data = tuple(data)
    if not isinstance(data, tuple):
        return data, None, None
    if len(data) == 1:
        return data[0], None, None
    if len(data) == 2:
        return data[0], data[1], None
    if len(data) == 3:
        return data
    raise ValueError(f"Data is expected to be (x,), (x, y) or (x, y, sample_weight); got a tuple of {len(data)} elements")


def _to_float(v: Any) -> Any:
    try:
        return float(v)
    except (TypeError, ValueError):
        return v


class _LossTracker:
    """Batch-size-weighted running mean of the loss (the ``loss`` entry of the logs)."""

    def __init__(self, name: str = "loss") -> None:
        self.name = name
        self._total = 0.0
        self._count = 0.0

    def update_state(self, value: Any, sample_weight: float = 1.0) -> None:
        self._total += float(np.asarray(value)) * sample_weight
        self._count += sample_weight

    def result(self) -> Tensor:
        return Tensor(np.asarray(self._total / self._count if self._count else 0.0, np.float32))

    def reset_state(self) -> None:
        self._total = 0.0
        self._count = 0.0

    reset_states = reset_state


class _CompiledLoss:
    """The compiled loss as a callable ``(y_true, y_pred, sample_weight=None, regularization_losses=None)``
    (TF 2.x's ``model.compiled_loss``); it also feeds the ``loss`` tracker."""

    def __init__(self, model: Trainer) -> None:
        self._model = model

    def __call__(self, y_true: Any, y_pred: Any, sample_weight: Any = None, regularization_losses: Any = None) -> Tensor:
        total = self._model._compiled_loss_value(y_true, y_pred, sample_weight)
        for r in regularization_losses or ():
            total = r if total is None else total + r
        if total is None:
            raise ValueError("No loss to compute: pass `loss` to compile() or add losses with add_loss().")
        self._model._loss_tracker.update_state(total, sample_weight=_first_dim(y_pred))
        return total


class _CompiledMetrics:
    """TF 2.x's ``model.compiled_metrics``: ``update_state(y_true, y_pred, sample_weight=None)``."""

    def __init__(self, model: Trainer) -> None:
        self._model = model

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        self._model._update_compiled_metrics(y_true, y_pred, sample_weight)

    def reset_state(self) -> None:
        for m in self._model._compiled_metric_objects():
            m.reset_state()

    @property
    def metrics(self) -> list:
        return self._model._compiled_metric_objects()


# --- metric resolution ---------------------------------------------------------------------------

_ACC = ("accuracy", "acc")
_CE = ("crossentropy", "ce")


def _loss_kind(loss: Any) -> str:
    name = loss if isinstance(loss, str) else getattr(loss, "name", None) or getattr(loss, "__name__", "") or type(loss).__name__
    name = str(name).lower().replace("_", "")
    if "sparsecategorical" in name:
        return "sparse"
    if "binary" in name:
        return "binary"
    if "categorical" in name:
        return "categorical"
    return ""


def _resolve_metric(ident: Any, name: str, y_true: Any, y_pred: Any, loss: Any) -> Any:
    from . import metrics as metrics_mod

    if isinstance(ident, str) and ident in _ACC + _CE:
        kind = _loss_kind(loss)
        yp_shape = tuple(y_pred.shape)
        yt_shape = tuple(np.shape(y_true)) if not isinstance(y_true, (Tensor, Variable)) else tuple(y_true.shape)
        last = yp_shape[-1] if yp_shape else 1
        if not kind:
            if last == 1:
                kind = "binary"
            elif len(yt_shape) < len(yp_shape) or (yt_shape and yt_shape[-1] == 1 and last > 1):
                kind = "sparse"
            else:
                kind = "categorical"
        if ident in _ACC:
            cls = {"sparse": "SparseCategoricalAccuracy", "binary": "BinaryAccuracy",
                   "categorical": "CategoricalAccuracy"}[kind]
            return getattr(metrics_mod, cls)(name=name)
        fn = {"sparse": "sparse_categorical_crossentropy", "binary": "binary_crossentropy",
              "categorical": "categorical_crossentropy"}[kind]
        from . import losses as losses_mod
        return metrics_mod.MeanMetricWrapper(getattr(losses_mod, fn), name=name)
    m = metrics_mod.get(ident)
    if isinstance(m, metrics_mod.Metric):
        if isinstance(ident, str):
            m.name = name
        return m
    if callable(m):
        return metrics_mod.MeanMetricWrapper(m, name=name)
    raise ValueError(f"Could not interpret metric identifier: {ident!r}")


def _metric_name(ident: Any) -> str:
    if isinstance(ident, str):
        return ident
    name = getattr(ident, "name", None)
    if isinstance(name, str):
        return name
    if isinstance(ident, type):
        import re
        return re.sub(r"(?<!^)(?=[A-Z])", "_", ident.__name__).lower()
    return getattr(ident, "__name__", type(ident).__name__)


# --- the mixin -----------------------------------------------------------------------------------


class Trainer:
    """Mixin giving a Keras model ``compile``, ``fit``, ``evaluate``, ``predict`` and friends.

    The host class provides ``__call__(x, training=...)``, ``trainable_weights`` and ``losses``
    (and ``save``/``save_weights``/``get_weights`` for the callbacks that use them).

    Example:
        >>> import numpy as np
        >>> from tapeflow import keras
        >>> from tapeflow.keras import layers
        >>> m = keras.Sequential([layers.Dense(3, activation="softmax")])
        >>> m.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        >>> _ = m.fit(np.zeros((8, 4), "float32"), np.zeros(8, "float32"), epochs=1, verbose=0)
        >>> m.metrics_names
        ['loss', 'accuracy']
    """

    stop_training = False
    history: Any = None
    _is_compiled = False
    _in_fit = False

    # ---- compile ----------------------------------------------------------------------------
    def compile(self, optimizer: Any = "rmsprop", loss: Any = None, metrics: Any = None, loss_weights: Any = None,
                weighted_metrics: Any = None, run_eagerly: Any = None, steps_per_execution: int = 1,
                jit_compile: Any = None, auto_scale_loss: bool = True, **kwargs: Any) -> None:
        """Configure training: optimizer, loss(es), metrics.

        Example:
            >>> from tapeflow import keras
            >>> m = keras.Sequential([keras.layers.Dense(1)])
            >>> m.compile(optimizer="sgd", loss="mse", metrics=["mae"])
        """
        from . import optimizers as optimizers_mod

        unknown = set(kwargs) - {"sample_weight_mode", "target_tensors", "distribute", "pss_evaluation_shards"}
        if unknown:
            raise TypeError(f"compile() got unexpected keyword arguments: {sorted(unknown)}")
        self.optimizer = optimizers_mod.get(optimizer)
        self.loss = loss
        self.loss_weights = loss_weights
        self._metric_idents = metrics
        self._weighted_metric_idents = weighted_metrics
        self._loss_fns: Any = None  # resolved on the first batch (needs the output structure)
        self._metric_objs: list | None = None  # [(output_key, metric, weighted)]
        self._loss_tracker = _LossTracker("loss")
        self.compiled_loss = _CompiledLoss(self)
        self.compiled_metrics = _CompiledMetrics(self)
        self.run_eagerly = run_eagerly
        self.stop_training = False
        self._is_compiled = True

    def _check_compiled(self, what: str) -> None:
        if not getattr(self, "_is_compiled", False):
            raise RuntimeError(f"You must compile your model before {what}. Call `model.compile(optimizer, loss)`.")

    # ---- losses ------------------------------------------------------------------------------
    def _resolve_loss(self, ident: Any) -> Any:
        from . import losses as losses_mod

        if ident is None:
            return None
        fn = losses_mod.get(ident)
        if isinstance(fn, type):
            fn = fn()
        if not callable(fn):
            raise ValueError(f"Could not interpret loss identifier: {ident!r}")
        return fn

    def _output_keys(self, y_pred: Any) -> list:
        if isinstance(y_pred, dict):
            return sorted(y_pred)
        if isinstance(y_pred, (list, tuple)):
            return list(range(len(y_pred)))
        return [None]

    def _output_names(self, y_pred: Any) -> list:
        keys = self._output_keys(y_pred)
        if keys == [None]:
            return [None]
        names = getattr(self, "output_names", None)
        if isinstance(y_pred, dict):
            return keys
        if names and len(names) == len(keys):
            return list(names)
        return [f"output_{i + 1}" for i in keys]

    @staticmethod
    def _pick(struct: Any, key: Any) -> Any:
        return struct if key is None else struct[key]

    def _build_losses(self, y_pred: Any) -> None:
        keys = self._output_keys(y_pred)
        names = self._output_names(y_pred)
        loss, lw = self.loss, self.loss_weights
        fns: list = []
        for k, n in zip(keys, names):
            if isinstance(loss, dict):
                ident = loss.get(n, loss.get(k))
            elif isinstance(loss, (list, tuple)) and k is not None:
                if len(loss) != len(keys):
                    raise ValueError(f"compile: `loss` has {len(loss)} entries but the model has {len(keys)} outputs")
                ident = loss[k]
            else:
                ident = loss
            if isinstance(lw, dict):
                w = lw.get(n, lw.get(k, 1.0))
            elif isinstance(lw, (list, tuple)):
                w = lw[k if k is not None else 0]
            else:
                w = 1.0 if lw is None else lw
            fns.append((k, self._resolve_loss(ident), float(w)))
        self._loss_fns = fns

    def _compiled_loss_value(self, y_true: Any, y_pred: Any, sample_weight: Any) -> Tensor | None:
        if self._loss_fns is None:
            self._build_losses(y_pred)
        total = None
        for k, fn, w in self._loss_fns:
            if fn is None:
                continue
            if y_true is None:
                raise ValueError("The model was compiled with a loss but no targets `y` were given")
            yt = self._pick(y_true, k) if k is not None and _is_struct(y_true) else y_true
            yp = self._pick(y_pred, k)
            sw = self._pick(sample_weight, k) if k is not None and _is_struct(sample_weight) else sample_weight
            val = self._call_loss(fn, yt, yp, sw)
            if w != 1.0:
                val = val * w
            total = val if total is None else total + val
        return total

    @staticmethod
    def _call_loss(fn: Any, y_true: Any, y_pred: Any, sample_weight: Any) -> Tensor:
        from . import losses as losses_mod

        loss_cls = getattr(losses_mod, "Loss", None)
        if loss_cls is not None and isinstance(fn, loss_cls):
            return fn(y_true, y_pred, sample_weight=sample_weight)
        from ..ops import math_ops

        val = fn(y_true, y_pred)
        if not isinstance(val, Tensor):
            val = convert_to_tensor(val)
        if sample_weight is not None:
            sw = convert_to_tensor(sample_weight)
            if sw.dtype != val.dtype:
                sw = math_ops.cast(sw, val.dtype)
            if sw.ndim > val.ndim:
                sw = Tensor(np.reshape(sw._value, val.shape)) if sw._value.size == val._value.size else sw
            val = val * sw
        if val.ndim == 0:
            return val
        n = val._value.size
        return math_ops.reduce_sum(val) / float(max(n, 1))

    def compute_loss(self, x: Any = None, y: Any = None, y_pred: Any = None, sample_weight: Any = None,
                     training: bool = True) -> Tensor:
        """Compiled losses plus ``self.losses`` (regularization); also updates the ``loss`` tracker.

        Example:
            >>> # inside a custom train_step:  loss = self.compute_loss(x, y, y_pred, sample_weight)
        """
        return self.compiled_loss(y, y_pred, sample_weight, regularization_losses=list(getattr(self, "losses", []) or []))

    # ---- metrics -----------------------------------------------------------------------------
    def _metric_spec_list(self, idents: Any, keys: list, names: list) -> list:
        """[(output_key, ident, name)] for a metrics argument."""
        if idents is None:
            return []
        out = []
        multi = keys != [None]
        if isinstance(idents, dict):
            for k, n in zip(keys, names):
                ms = idents.get(n, idents.get(k))
                if ms is None:
                    continue
                for ident in (ms if isinstance(ms, (list, tuple)) else [ms]):
                    out.append((k, ident, f"{n}_{_metric_name(ident)}"))
            return out
        if not isinstance(idents, (list, tuple)):
            idents = [idents]
        if multi and idents and all(isinstance(m, (list, tuple)) or m is None for m in idents) and len(idents) == len(keys):
            for k, n, ms in zip(keys, names, idents):
                for ident in ms or []:
                    out.append((k, ident, f"{n}_{_metric_name(ident)}"))
            return out
        for k, n in zip(keys, names):
            for ident in idents:
                base = _metric_name(ident)
                out.append((k, ident, f"{n}_{base}" if multi else base))
        return out

    def _metric_names_planned(self) -> list:
        idents = getattr(self, "_metric_idents", None)
        w = getattr(self, "_weighted_metric_idents", None)
        if self._metric_objs is not None:
            return [m.name for _, m, _ in self._metric_objs]
        names = []
        for group in (idents, w):
            if group is None:
                continue
            if isinstance(group, dict):
                return []  # needs the outputs
            for ident in group if isinstance(group, (list, tuple)) else [group]:
                if isinstance(ident, (list, tuple)):
                    return []
                names.append(_metric_name(ident))
        return names

    def _build_metrics(self, y_true: Any, y_pred: Any) -> None:
        keys = self._output_keys(y_pred)
        names = self._output_names(y_pred)
        objs = []
        for group, weighted in ((self._metric_idents, False), (self._weighted_metric_idents, True)):
            for k, ident, name in self._metric_spec_list(group, keys, names):
                yt = self._pick(y_true, k) if k is not None and _is_struct(y_true) else y_true
                yp = self._pick(y_pred, k)
                loss = None
                if self._loss_fns:
                    loss = next((fn for kk, fn, _ in self._loss_fns if kk == k), None)
                    loss = loss if loss is not None else self.loss
                m = _resolve_metric(ident, name, yt, yp, loss if loss is not None else self.loss)
                objs.append((k, m, weighted))
        self._metric_objs = objs

    def _update_compiled_metrics(self, y_true: Any, y_pred: Any, sample_weight: Any) -> None:
        if self._metric_objs is None:
            if y_true is None:
                return
            self._build_metrics(y_true, y_pred)
        for k, m, weighted in self._metric_objs:
            yt = self._pick(y_true, k) if k is not None and _is_struct(y_true) else y_true
            yp = self._pick(y_pred, k)
            sw = self._pick(sample_weight, k) if k is not None and _is_struct(sample_weight) else sample_weight
            if weighted or sw is not None:
                m.update_state(yt, yp, sample_weight=sw)
            else:
                m.update_state(yt, yp)

    def _compiled_metric_objects(self) -> list:
        return [m for _, m, _ in (self._metric_objs or [])]

    @property
    def metrics(self) -> list:
        """The loss tracker followed by the compiled metrics (those built so far)."""
        if not getattr(self, "_is_compiled", False):
            return []
        return [self._loss_tracker] + self._compiled_metric_objects()

    @property
    def metrics_names(self) -> list:
        """``['loss', <metric names>...]`` as they appear in the logs."""
        if not getattr(self, "_is_compiled", False):
            return []
        return ["loss"] + self._metric_names_planned()

    def reset_metrics(self) -> None:
        """Reset the loss tracker and all compiled metrics."""
        for m in self.metrics:
            m.reset_state()

    def compute_metrics(self, x: Any, y: Any, y_pred: Any, sample_weight: Any = None) -> dict:
        """Update the compiled metrics with this batch and return the current logs."""
        self._update_compiled_metrics(y, y_pred, sample_weight)
        return self.get_metrics_result()

    def get_metrics_result(self) -> dict:
        """``{name: float}`` for the loss tracker and every metric."""
        out = {}
        for m in self.metrics:
            r = m.result()
            if isinstance(r, dict):
                out.update({k: _to_float(v) for k, v in r.items()})
            else:
                out[m.name] = _to_float(r)
        return out

    # ---- steps -------------------------------------------------------------------------------
    def train_step(self, data: Any) -> dict:
        """One optimisation step on a batch ``(x, y[, sample_weight])``; returns the logs."""
        x, y, sample_weight = unpack_x_y_sample_weight(data)
        with GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x, y, y_pred, sample_weight)
        weights = self.trainable_weights
        grads = tape.gradient(loss, weights)
        self.optimizer.apply_gradients(zip(grads, weights))
        return self.compute_metrics(x, y, y_pred, sample_weight)

    def test_step(self, data: Any) -> dict:
        """Loss and metrics on a batch, without updating weights."""
        x, y, sample_weight = unpack_x_y_sample_weight(data)
        y_pred = self(x, training=False)
        self.compute_loss(x, y, y_pred, sample_weight, training=False)
        return self.compute_metrics(x, y, y_pred, sample_weight)

    def predict_step(self, data: Any) -> Any:
        """The model's outputs on a batch."""
        x, _, _ = unpack_x_y_sample_weight(data)
        return self(x, training=False)

    # ---- data --------------------------------------------------------------------------------
    def _dataset(self, x: Any, y: Any, sample_weight: Any, batch_size: int | None, shuffle: bool,
                 what: str, steps: int | None = None) -> tuple:
        """(Dataset, number of steps or None)."""
        if isinstance(x, Dataset):
            if y is not None:
                raise ValueError(f"{what}: `y` must not be given when `x` is a tf.data.Dataset (it yields (x, y) pairs)")
            if sample_weight is not None:
                raise ValueError(f"{what}: `sample_weight` must not be given when `x` is a tf.data.Dataset")
            card = x._card()
            return x, (steps if steps is not None else card if card >= 0 else None)
        if hasattr(x, "__next__") or (hasattr(x, "__iter__") and not isinstance(x, (np.ndarray, Tensor, Variable, list, tuple, dict))):
            raise ValueError(f"{what}: unsupported input type {type(x).__name__}; pass arrays, tensors or a tf.data.Dataset")
        if x is None:
            raise ValueError(f"{what}: no input data `x` was given")
        bs = 32 if batch_size is None else int(batch_size)
        if bs <= 0:
            raise ValueError(f"{what}: batch_size must be positive, got {batch_size}")
        xa = _arrays(x)
        parts: tuple = (xa,)
        n = _first_dim(xa)
        if y is not None:
            ya = _arrays(y)
            if _first_dim(ya) != n:
                raise ValueError(f"{what}: x and y have different numbers of samples: {n} and {_first_dim(ya)} "
                                 f"(x shapes {[np.shape(v) for v in _leaves(xa)]}, y shapes {[np.shape(v) for v in _leaves(ya)]})")
            parts = (xa, ya)
            if sample_weight is not None:
                sw = np.asarray(sample_weight, np.float32)
                if sw.shape[:1] != (n,):
                    raise ValueError(f"{what}: sample_weight has shape {sw.shape}, expected a first dimension of {n}")
                parts = (xa, ya, sw)
        ds = Dataset.from_tensor_slices(parts)
        if shuffle:
            ds = ds.shuffle(max(n, 1))
        ds = ds.batch(bs)
        card = ds._card()
        return ds, (min(steps, card) if steps is not None else card)

    @staticmethod
    def _class_weighted(data: Any, class_weight: dict | None) -> Any:
        if not class_weight:
            return data
        x, y, sw = unpack_x_y_sample_weight(data)
        if y is None or _is_struct(y):
            raise ValueError("class_weight is only supported for a single target array")
        ya = np.asarray(y)
        cls = ya.argmax(-1) if ya.ndim > 1 and ya.shape[-1] > 1 else ya.reshape(ya.shape[0], -1)[:, 0]
        cls = cls.astype(np.int64)
        table = np.ones(max(int(max(class_weight)) + 1, int(cls.max(initial=0)) + 1), np.float32)
        for k, v in class_weight.items():
            table[int(k)] = v
        w = table[cls]
        if sw is not None:
            w = w * np.asarray(sw, np.float32).reshape(w.shape)
        return (x, y, Tensor(w))

    # ---- fit ---------------------------------------------------------------------------------
    def fit(self, x: Any = None, y: Any = None, batch_size: int | None = None, epochs: int = 1, verbose: Any = "auto",
            callbacks: list | None = None, validation_split: float = 0.0, validation_data: Any = None,
            shuffle: bool = True, class_weight: dict | None = None, sample_weight: Any = None,
            initial_epoch: int = 0, steps_per_epoch: int | None = None, validation_steps: int | None = None,
            validation_batch_size: int | None = None, validation_freq: int = 1, **kwargs: Any) -> Any:
        """Train for ``epochs`` epochs; returns the ``History`` callback (also ``model.history``).

        Example:
            >>> import numpy as np
            >>> from tapeflow import keras
            >>> m = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])
            >>> m.compile(optimizer="sgd", loss="mse")
            >>> h = m.fit(np.ones((10, 2), "float32"), np.ones((10, 1), "float32"), epochs=2,
            ...           validation_split=0.2, verbose=0)
            >>> sorted(h.history)
            ['loss', 'val_loss']
        """
        self._check_compiled("training/testing")
        if kwargs:
            raise TypeError(f"fit() got unexpected keyword arguments: {sorted(kwargs)}")
        verbose = 1 if verbose == "auto" else int(verbose)
        if not 0.0 <= float(validation_split) < 1.0:
            raise ValueError(f"fit: validation_split must be in [0, 1), got {validation_split}")
        if validation_split and validation_data is None:
            if isinstance(x, Dataset):
                raise ValueError("fit: `validation_split` is only supported for Tensors or NumPy arrays, "
                                 "not for a tf.data.Dataset; pass `validation_data` instead")
            xa = _arrays(x)
            n = _first_dim(xa)
            cut = int(n * (1.0 - validation_split))
            if cut == 0 or cut == n:
                raise ValueError(f"fit: validation_split={validation_split} leaves no samples for training or "
                                 f"validation ({n} samples)")
            ya = _arrays(y) if y is not None else None
            sw = np.asarray(sample_weight) if sample_weight is not None else None
            validation_data = (_slice(xa, slice(cut, None)), _slice(ya, slice(cut, None)))
            if sw is not None:
                validation_data = validation_data + (sw[cut:],)
            x, y = _slice(xa, slice(0, cut)), _slice(ya, slice(0, cut))
            sample_weight = sw[:cut] if sw is not None else None
        train_ds, steps = self._dataset(x, y, sample_weight, batch_size, shuffle, "fit")
        if steps_per_epoch is not None:
            steps = int(steps_per_epoch)
        elif steps is None and train_ds._card() == -1:
            raise ValueError("fit: the dataset is infinite; pass `steps_per_epoch`")

        val_args = None
        if validation_data is not None:
            if isinstance(validation_data, Dataset):
                val_args = (validation_data, None, None)
            elif isinstance(validation_data, (tuple, list)) and len(validation_data) in (2, 3):
                vd = tuple(validation_data)
                val_args = (vd[0], vd[1], vd[2] if len(vd) == 3 else None)
            else:
                raise ValueError("fit: validation_data must be a tf.data.Dataset or a tuple (x_val, y_val[, val_sample_weight])")

        cbs = callbacks if isinstance(callbacks, callbacks_module.CallbackList) else callbacks_module.CallbackList(
            callbacks, add_history=True, add_progbar=verbose != 0, model=self,
            verbose=verbose, epochs=epochs, steps=steps)
        self.stop_training = False
        self._in_fit = True
        logs: dict = {}
        persistent = None  # with steps_per_epoch a dataset iterator carries over between epochs
        try:
            cbs.on_train_begin()
            for epoch in range(int(initial_epoch), int(epochs)):
                self.reset_metrics()
                cbs.on_epoch_begin(epoch)
                step = -1
                if steps_per_epoch is not None:
                    if persistent is None:
                        persistent = iter(train_ds)
                    it: Iterator = persistent
                else:
                    it = iter(train_ds)
                exhausted = False
                while steps_per_epoch is None or step + 1 < steps:
                    try:
                        data = next(it)
                    except StopIteration:
                        exhausted = True
                        break
                    step += 1
                    cbs.on_train_batch_begin(step)
                    logs = self.train_step(self._class_weighted(data, class_weight))
                    cbs.on_train_batch_end(step, logs)
                    if self.stop_training:
                        break
                if exhausted and steps_per_epoch is not None:
                    persistent = None
                    if step < 0:
                        warnings.warn("fit: your input ran out of data; interrupting training. Make sure the "
                                      "dataset can generate steps_per_epoch * epochs batches (e.g. use repeat()).",
                                      stacklevel=2)
                        break
                if step < 0:
                    raise ValueError("fit: the training data is empty (no batch was produced)")
                epoch_logs = dict(self.get_metrics_result())
                if val_args is not None and (epoch + 1) % int(validation_freq) == 0:
                    val_logs = self.evaluate(val_args[0], val_args[1], sample_weight=val_args[2],
                                             batch_size=validation_batch_size or batch_size, verbose=0,
                                             steps=validation_steps, callbacks=cbs, return_dict=True)
                    epoch_logs.update({"val_" + k: v for k, v in val_logs.items()})
                cbs.on_epoch_end(epoch, epoch_logs)
                logs = epoch_logs
                if self.stop_training:
                    break
            cbs.on_train_end(logs)
        finally:
            self._in_fit = False
        return self.history

    # ---- evaluate / predict ------------------------------------------------------------------
    def _one_pass_setup(self, op: str, x: Any, y: Any, sample_weight: Any, batch_size: int | None, verbose: Any,
                        steps: int | None, callbacks: Any) -> tuple:
        """The dataset and CallbackList of one pass over the data (``evaluate``/``predict``)."""
        verbose = 1 if verbose == "auto" else int(verbose)
        ds, n_steps = self._dataset(x, y, sample_weight, batch_size, False, op, steps)
        if n_steps is None and ds._card() == -1:
            raise ValueError(f"{op}: the dataset is infinite; pass `steps`")
        if isinstance(callbacks, callbacks_module.CallbackList):
            return ds, callbacks
        return ds, callbacks_module.CallbackList(callbacks, add_progbar=verbose != 0, model=self,
                                                 verbose=verbose, epochs=1, steps=n_steps)

    def evaluate(self, x: Any = None, y: Any = None, batch_size: int | None = None, verbose: Any = "auto",
                 sample_weight: Any = None, steps: int | None = None, callbacks: Any = None,
                 return_dict: bool = False, **kwargs: Any) -> Any:
        """Loss and metrics over the data: a scalar (loss only), a list (``metrics_names`` order) or a dict.

        Example:
            >>> import numpy as np
            >>> from tapeflow import keras
            >>> m = keras.Sequential([keras.layers.Dense(1, kernel_initializer="zeros")])
            >>> m.compile(loss="mse")
            >>> m.evaluate(np.ones((4, 2), "float32"), np.full((4, 1), 2.0, "float32"), verbose=0)
            4.0
        """
        self._check_compiled("training/testing")
        if kwargs:
            raise TypeError(f"evaluate() got unexpected keyword arguments: {sorted(kwargs)}")
        ds, cbs = self._one_pass_setup("evaluate", x, y, sample_weight, batch_size, verbose, steps, callbacks)
        self.reset_metrics()
        cbs.on_test_begin()
        logs: dict = {}
        for step, data in enumerate(ds):
            if steps is not None and step >= steps:
                break
            cbs.on_test_batch_begin(step)
            logs = self.test_step(data)
            cbs.on_test_batch_end(step, logs)
        logs = self.get_metrics_result()
        cbs.on_test_end(logs)
        if return_dict:
            return logs
        vals = list(logs.values())
        return vals[0] if len(vals) == 1 else vals

    def predict(self, x: Any, batch_size: int | None = None, verbose: Any = "auto", steps: int | None = None,
                callbacks: Any = None, **kwargs: Any) -> Any:
        """The model's outputs on ``x`` as NumPy arrays (batched, concatenated).

        Example:
            >>> import numpy as np
            >>> from tapeflow import keras
            >>> m = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(2)])
            >>> m.predict(np.ones((5, 3), "float32"), batch_size=2, verbose=0).shape
            (5, 2)
        """
        if kwargs:
            raise TypeError(f"predict() got unexpected keyword arguments: {sorted(kwargs)}")
        ds, cbs = self._one_pass_setup("predict", x, None, None, batch_size, verbose, steps, callbacks)
        cbs.on_predict_begin()
        outs: list = []
        for step, data in enumerate(ds):
            if steps is not None and step >= steps:
                break
            cbs.on_predict_batch_begin(step)
            out = self.predict_step(data)
            outs.append(out)
            cbs.on_predict_batch_end(step, {"outputs": out})
        cbs.on_predict_end()
        if not outs:
            raise ValueError("predict: the input data is empty")
        return _concat_outputs(outs)

    def train_on_batch(self, x: Any, y: Any = None, sample_weight: Any = None, class_weight: dict | None = None,
                       return_dict: bool = False) -> Any:
        """One ``train_step`` on this batch; returns the loss (and metrics) of this batch."""
        self._check_compiled("training/testing")
        self.reset_metrics()
        data = _batch_tensors(x, y, sample_weight)
        logs = self.train_step(self._class_weighted(data, class_weight))
        return _logs_out(logs, return_dict)

    def test_on_batch(self, x: Any, y: Any = None, sample_weight: Any = None, return_dict: bool = False) -> Any:
        """Loss (and metrics) of this batch, without updating weights."""
        self._check_compiled("training/testing")
        self.reset_metrics()
        logs = self.test_step(_batch_tensors(x, y, sample_weight))
        return _logs_out(logs, return_dict)

    def predict_on_batch(self, x: Any) -> Any:
        """The model's outputs on one batch, as NumPy."""
        return _concat_outputs([self.predict_step((_tensors(x),))])


def _tensors(x: Any) -> Any:
    if isinstance(x, dict):
        return {k: _tensors(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)) and x and all(isinstance(v, (np.ndarray, Tensor, Variable)) or _is_struct(v) for v in x):
        return tuple(_tensors(v) for v in x)
    return x if isinstance(x, Tensor) else convert_to_tensor(np.asarray(x) if not isinstance(x, Variable) else x)


def _batch_tensors(x: Any, y: Any, sw: Any) -> tuple:
    parts = [_tensors(x)]
    if y is not None:
        parts.append(_tensors(y))
        if sw is not None:
            parts.append(_tensors(sw))
    return tuple(parts)


def _logs_out(logs: dict, return_dict: bool) -> Any:
    logs = {k: _to_float(v) for k, v in logs.items()}
    if return_dict:
        return logs
    vals = list(logs.values())
    return vals[0] if len(vals) == 1 else vals


def _concat_outputs(outs: list) -> Any:
    first = outs[0]
    if isinstance(first, dict):
        return {k: np.concatenate([np.asarray(o[k]) for o in outs]) for k in first}
    if isinstance(first, (list, tuple)):
        return type(first)(np.concatenate([np.asarray(o[i]) for o in outs]) for i in range(len(first)))
    return np.concatenate([np.asarray(o) for o in outs])
