"""``Trainer``: Keras 3's ``compile`` / ``fit`` / ``evaluate`` / ``predict``, mixed into ``keras.Model``.

The contract is Keras 3's:

- ``compile`` makes a ``loss`` tracker (a ``keras.metrics.Mean``) and, when metrics are given, a
  ``CompileMetrics`` container named ``compile_metrics``: ``model.metrics`` is
  ``[loss tracker, compile_metrics, per-output loss trackers..., metrics held in attributes...]``
  from then on, and ``metrics_names`` are their names.
- ``train_step(data)`` runs the GradientTape step a custom training loop writes by hand and
  returns a dict; that dict is what ``fit`` shows in the progress bar and gives to the callbacks
  (sorted by key, as floats). ``fit`` takes the epoch's logs from the metrics when the keys agree,
  else from the last step (a custom ``train_step`` returning ``{"d_loss": ..., "g_loss": ...}``)::

      with tf.GradientTape() as tape:
          y_pred = model(x, training=True)
          loss = model.compute_loss(x, y, y_pred, sample_weight)   # compiled losses + model.losses
      model._loss_tracker.update_state(loss, sample_weight=batch_size)
      grads = tape.gradient(loss, model.trainable_weights)
      model.optimizer.apply_gradients(zip(grads, model.trainable_weights))
      return model.compute_metrics(x, y, y_pred, sample_weight)

- ``fit(x)`` without targets hands ``x`` itself to ``train_step`` (``(x,)`` when ``x`` is a list or
  tuple of inputs); ``fit(x, y[, sample_weight])`` hands ``(x, y[, sample_weight])``.
- ``metrics=`` are updated without ``sample_weight``; only ``weighted_metrics=`` use it.

This file holds the loops and the steps; ``trainers/data_adapter.py`` turns the input data into
batched Datasets (and splits off ``validation_split``), ``trainers/compile_utils.py`` builds the loss
and metric containers of ``compile``. Their names are re-exported here (the old import paths).

Example:
    >>> import numpy as np
    >>> from tapeflow import keras
    >>> from tapeflow.keras import layers
    >>> model = keras.Sequential([layers.Dense(1)])
    >>> model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse", metrics=["mae"])
    >>> model.metrics_names
    ['loss', 'compile_metrics']
    >>> x = np.linspace(-1, 1, 32, dtype="float32")[:, None]
    >>> hist = model.fit(x, 3 * x, epochs=3, verbose=0)
    >>> sorted(hist.history), hist.history["loss"][-1] < hist.history["loss"][0]
    (['loss', 'mae'], True)
"""

from __future__ import annotations

import inspect
import warnings
from collections.abc import Iterator
from typing import Any

import numpy as np

from ..data.dataset import Dataset
from ..tape import GradientTape
from ..tensor import Tensor, convert_to_tensor
from . import callbacks as callbacks_module
from . import metrics as metrics_module
from .trainers.compile_utils import (  # noqa: F401  (re-exported: the old import path)
    CompileMetrics,
    _binary_or_sparse,
    _CompileLoss,
    _get_loss,
    _get_metric,
    _metrics_list,
    _MetricsList,
    _object_name,
    _shape_of,
)
from .trainers.data_adapter import (  # noqa: F401  (re-exported: the old import path)
    _arrays,
    _class_weight_to_sample_weights,
    _class_weighted_batch,
    _first_dim,
    _flat,
    _is_nested,
    _slice,
    _tensors,
    make_dataset,
    pack_x_y_sample_weight,
    split_validation,
    unpack_x_y_sample_weight,
)

__all__ = ["Trainer", "CompileMetrics", "unpack_x_y_sample_weight", "pack_x_y_sample_weight"]


# --- the mixin -----------------------------------------------------------------------------------

# Trainer state that is not a user metric (skipped when scanning attributes for metrics)
_OWN_ATTRS = frozenset({"_loss_tracker", "_compile_metrics", "_compile_loss"})


def _attribute_metrics(obj: Any) -> list:
    """Metrics held in ``obj``'s attributes (directly or in lists/tuples/dicts), in attribute order."""
    out = []
    for name, v in obj.__dict__.items():
        if name in _OWN_ATTRS:
            continue
        if isinstance(v, metrics_module.Metric):
            out.append(v)
        elif isinstance(v, (list, tuple, dict)):
            for m in (v.values() if isinstance(v, dict) else v):
                if isinstance(m, metrics_module.Metric):
                    out.append(m)
    return out


class _DeprecatedCompiledMetrics:
    """What ``model.compiled_metrics`` gives in Keras 3: only a (deprecated) ``update_state``."""

    def __init__(self, model: Trainer) -> None:
        self._model = model

    def update_state(self, y: Any, y_pred: Any, sample_weight: Any = None) -> None:
        warnings.warn("`model.compiled_metrics()` is deprecated. Instead, use e.g.:\n```\nfor metric in self.metrics:\n"
                      "    metric.update_state(y, y_pred)\n```\n", stacklevel=2)
        for m in self._model.metrics:
            if isinstance(m, metrics_module.Mean) and not isinstance(m, metrics_module.MeanMetricWrapper):
                m.update_state(y_pred, sample_weight=sample_weight)  # Keras 3 feeds a Mean the predictions
            else:
                m.update_state(y, y_pred, sample_weight=sample_weight)


class Trainer:
    """Mixin giving a Keras model ``compile``, ``fit``, ``evaluate``, ``predict`` and friends (Keras 3).

    The host class provides ``__call__(x, training=...)``, ``trainable_weights`` and ``losses``
    (and ``save``/``save_weights``/``get_weights`` for the callbacks that use them).

    Example:
        >>> import numpy as np
        >>> from tapeflow import keras
        >>> from tapeflow.keras import layers
        >>> m = keras.Sequential([layers.Dense(3, activation="softmax")])
        >>> m.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        >>> [type(x).__name__ for x in m.metrics], m.metrics_names
        (['Mean', 'CompileMetrics'], ['loss', 'compile_metrics'])
        >>> sorted(m.evaluate(np.zeros((8, 4), "float32"), np.zeros(8, "float32"), verbose=0, return_dict=True))
        ['accuracy', 'loss']
    """

    compiled = False
    loss: Any = None
    stop_training = False
    _initial_epoch: Any = None  # set by BackupAndRestore to resume an interrupted fit
    history: Any = None
    _loss_tracker: Any = None
    _compile_metrics: Any = None
    _compile_loss: Any = None
    run_eagerly = False
    steps_per_execution = 1

    # ---- compile ----------------------------------------------------------------------------
    def compile(self, optimizer: Any = "rmsprop", loss: Any = None, loss_weights: Any = None, metrics: Any = None,
                weighted_metrics: Any = None, run_eagerly: bool = False, steps_per_execution: int = 1,
                jit_compile: Any = "auto", auto_scale_loss: bool = True) -> None:
        """Configure training: the optimizer, the loss(es) and the metrics.

        ``metrics`` and ``weighted_metrics`` are lists (one metric list for all outputs, or one
        entry per output) or dicts keyed by output name; only ``weighted_metrics`` are weighted by
        ``sample_weight``. ``jit_compile`` and ``auto_scale_loss`` are accepted and have no effect
        (tapeflow runs eagerly).

        Example:
            >>> from tapeflow import keras
            >>> m = keras.Sequential([keras.layers.Dense(1)])
            >>> m.compile(optimizer="sgd", loss="mse", metrics=["mae"])
            >>> m.compiled, m.loss
            (True, 'mse')
        """
        from . import optimizers as optimizers_mod

        self.optimizer = optimizers_mod.get(optimizer)
        output_names = getattr(self, "output_names", None)
        if loss is not None:
            self._compile_loss = _CompileLoss(loss, loss_weights, output_names=output_names)
            self.loss = loss
        if metrics is not None or weighted_metrics is not None:
            self._compile_metrics = CompileMetrics(metrics, weighted_metrics, output_names=output_names)
        if jit_compile and run_eagerly:
            jit_compile = False
        self.jit_compile = jit_compile
        self.run_eagerly = run_eagerly
        self.stop_training = False
        self.compiled = True
        self._loss_tracker = metrics_module.Mean(name="loss")
        self.steps_per_execution = steps_per_execution
        self._compile_config = {"optimizer": self.optimizer, "loss": loss, "loss_weights": loss_weights,
                                "metrics": metrics, "weighted_metrics": weighted_metrics, "run_eagerly": run_eagerly,
                                "steps_per_execution": steps_per_execution, "jit_compile": jit_compile}

    def get_compile_config(self) -> dict:
        """The arguments of the last ``compile`` call, serialized as Keras 3 does (``{}`` when the
        model was never compiled); ``compile_from_config`` compiles a model from it.

        Example:
            >>> from tapeflow import keras
            >>> m = keras.Sequential([keras.layers.Dense(1)])
            >>> m.compile(optimizer="sgd", loss="mse", metrics=["mae"])
            >>> cfg = m.get_compile_config()
            >>> cfg["optimizer"]["class_name"], cfg["loss"], cfg["metrics"]
            ('SGD', 'mse', ['mae'])
        """
        if self.compiled and getattr(self, "_compile_config", None) is not None:
            from .utils.serialization import serialize_keras_object

            return serialize_keras_object(self._compile_config)
        return {}

    def compile_from_config(self, config: dict) -> None:
        """Compile the model from ``get_compile_config()``'s output (a fresh optimizer is made from
        its config). A model whose class overrides ``compile`` is not compiled (a warning, as
        Keras 3)."""
        if type(self).compile is not Trainer.compile:
            warnings.warn("`compile()` was not called as part of model loading because the model's `compile()` "
                          "method is custom. All subclassed Models that have `compile()` overridden should also "
                          "override `get_compile_config()` and `compile_from_config(config)`. Alternatively, you "
                          "can call `compile()` manually after loading.", stacklevel=2)
            return
        from .utils.serialization import deserialize_keras_object

        config = deserialize_keras_object(config)
        self.compile(**config)
        if getattr(self, "optimizer", None) is not None and self.built and self.trainable_variables:
            self.optimizer.build(self.trainable_variables)

    def _assert_compile_called(self) -> None:
        if not self.compiled:
            raise ValueError("You must call `compile()` before using the model.")

    # ---- losses ------------------------------------------------------------------------------
    def compute_loss(self, x: Any = None, y: Any = None, y_pred: Any = None, sample_weight: Any = None,
                     training: bool = True) -> Tensor:
        """The total loss of a batch: the compiled loss(es) plus every loss in ``self.losses``
        (regularization and ``add_loss`` terms, each summed). ``x`` and ``training`` are unused
        here; override this to compute another loss.

        Example:
            >>> import numpy as np
            >>> from tapeflow import keras
            >>> m = keras.Sequential([keras.layers.Dense(1, kernel_initializer="zeros")])
            >>> m.compile(loss="mse")
            >>> x, y = np.ones((2, 3), "float32"), np.full((2, 1), 2.0, "float32")
            >>> float(m.compute_loss(x, y, m(x)))
            4.0
        """
        from ..ops import math_ops

        losses = []
        if self._compile_loss is not None:
            loss = self._compile_loss(y, y_pred, sample_weight)
            if loss is not None:
                losses.append(loss)
        for extra in getattr(self, "losses", None) or ():
            extra = extra if isinstance(extra, Tensor) else convert_to_tensor(extra)
            if extra._value.dtype.kind != "f":
                extra = math_ops.cast(extra, "float32")
            losses.append(math_ops.reduce_sum(extra))
        if not losses:
            raise ValueError("No loss to compute. Provide a `loss` argument in `compile()`.")
        total = losses[0]
        for v in losses[1:]:
            total = total + v
        return total

    def _compute_loss(self, x: Any = None, y: Any = None, y_pred: Any = None, sample_weight: Any = None,
                      training: bool = True) -> Tensor:
        """``compute_loss``, also for overrides written without the ``training`` argument."""
        try:
            takes = "training" in inspect.signature(self.compute_loss).parameters
        except (TypeError, ValueError):
            takes = True
        if takes:
            return self.compute_loss(x, y, y_pred, sample_weight, training=training)
        return self.compute_loss(x, y, y_pred, sample_weight)

    def compiled_loss(self, y: Any, y_pred: Any, sample_weight: Any = None, regularization_losses: Any = None) -> Tensor:
        """Deprecated in Keras 3 (warns): ``compute_loss(x=None, y, y_pred, sample_weight)``;
        ``regularization_losses`` is ignored (``compute_loss`` adds ``self.losses`` itself)."""
        warnings.warn("`model.compiled_loss()` is deprecated. Instead, use "
                      "`model.compute_loss(x, y, y_pred, sample_weight, training)`.", stacklevel=2)
        return self.compute_loss(x=None, y=y, y_pred=y_pred, sample_weight=sample_weight)

    @property
    def compiled_metrics(self) -> Any:
        """Deprecated in Keras 3: an object whose ``update_state(y, y_pred, sample_weight=None)``
        warns and updates every metric in ``self.metrics`` (a plain ``Mean`` such as the loss
        tracker gets ``y_pred``)."""
        return _DeprecatedCompiledMetrics(self)

    # ---- metrics -----------------------------------------------------------------------------
    @property
    def metrics(self) -> list:
        """The loss tracker, ``compile_metrics``, the per-output loss trackers (after compile), then
        metrics held in attributes of the model and of its layers (sub-models excluded)."""
        out = []
        if self.compiled:
            if self._loss_tracker is not None:
                out.append(self._loss_tracker)
            if self._compile_metrics is not None:
                out.append(self._compile_metrics)
            if self._compile_loss is not None:
                out.extend(self._compile_loss.metrics)
        out.extend(_attribute_metrics(self))
        flat = getattr(self, "_flat_layers", None)
        for layer in (flat()[1:] if flat is not None else ()):
            if isinstance(layer, Trainer):
                continue
            out.extend(_attribute_metrics(layer))
        return out

    @property
    def metrics_names(self) -> list:
        """The names of ``metrics`` (``['loss', 'compile_metrics']`` after compiling with metrics)."""
        return [m.name for m in self.metrics]

    @property
    def metrics_variables(self) -> list:
        return [v for m in self.metrics for v in m.variables]

    def reset_metrics(self) -> None:
        """Reset every metric in ``metrics``."""
        for m in self.metrics:
            m.reset_state()

    def compute_metrics(self, x: Any, y: Any, y_pred: Any, sample_weight: Any = None) -> dict:
        """Update the compiled metrics with this batch and return ``get_metrics_result()``."""
        if self._compile_metrics is not None:
            self._compile_metrics.update_state(y, y_pred, sample_weight)
        return self.get_metrics_result()

    def get_metrics_result(self) -> dict:
        """``{name: result}`` of every metric (dict results, as ``compile_metrics``'s, merged in)."""
        out: dict = {}
        for m in self.metrics:
            r = m.result()
            if isinstance(r, dict):
                out.update(r)
            else:
                out[m.name] = r
        return out

    def _get_metrics_result_or_logs(self, logs: Any) -> Any:
        """The metrics' results when their keys are the step's, else the step's own logs."""
        results = self.get_metrics_result()
        if isinstance(logs, dict) and set(logs) == set(results):
            return results
        return logs

    def _flatten_metrics_in_order(self, logs: dict) -> Any:
        """``logs`` as a list in ``metrics`` order (other keys sorted after); one value unwrapped."""
        names = []
        for m in self.metrics:
            if isinstance(m, CompileMetrics):
                names += [s.name for s in m.metrics]
            else:
                names.append(m.name)
        out = [logs[n] for n in names if n in logs]
        out += [logs[k] for k in sorted(logs) if k not in names]
        return out[0] if len(out) == 1 else out

    # ---- steps -------------------------------------------------------------------------------
    @property
    def _call_has_training_arg(self) -> bool:
        from .layers.base import _call_args

        return _call_args(type(self))[0]

    def _maybe_symbolic_build(self, data: Any) -> None:
        """A Sequential model without an input shape is built with an unknown batch size before
        ``fit``/``evaluate``/``predict`` run their first batch (as Keras 3)."""
        if getattr(self, "_graph", True) is None and getattr(self, "_seq", None) and hasattr(self, "_build_from"):
            x = unpack_x_y_sample_weight(data)[0]
            if isinstance(x, (Tensor, np.ndarray)):
                self._build_from(x, keep_batch=False)

    def _forward(self, x: Any, training: bool) -> Any:
        # Keras 3 passes `training` only when the model's `call` takes it
        return self(x, training=training) if self._call_has_training_arg else self(x)

    def train_step(self, data: Any) -> dict:
        """One optimisation step on a batch; returns the logs (``compute_metrics``'s dict)."""
        x, y, sample_weight = unpack_x_y_sample_weight(data)
        with GradientTape() as tape:
            y_pred = self._forward(x, True)
            loss = self._compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight, training=True)
            self._loss_tracker.update_state(loss, sample_weight=_first_dim(x))
            if self.optimizer is not None:
                loss = self.optimizer.scale_loss(loss)  # LossScaleOptimizer / loss_scale_factor, as Keras 3
        weights = self.trainable_weights
        if weights:
            grads = tape.gradient(loss, weights)
            self.optimizer.apply_gradients(zip(grads, weights))
        else:
            warnings.warn("The model does not have any trainable weights.", stacklevel=2)
        return self.compute_metrics(x, y, y_pred, sample_weight=sample_weight)

    def test_step(self, data: Any) -> dict:
        """Loss and metrics on a batch, without updating weights."""
        x, y, sample_weight = unpack_x_y_sample_weight(data)
        y_pred = self._forward(x, False)
        loss = self._compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight, training=False)
        self._loss_tracker.update_state(loss, sample_weight=_first_dim(x))
        return self.compute_metrics(x, y, y_pred, sample_weight=sample_weight)

    def predict_step(self, data: Any) -> Any:
        """The model's outputs on a batch."""
        x, _, _ = unpack_x_y_sample_weight(data)
        return self._forward(x, False)

    # ---- data --------------------------------------------------------------------------------
    @staticmethod
    def _dataset(x: Any, y: Any, sample_weight: Any, batch_size: int | None, shuffle: bool, what: str,
                 steps: int | None = None, class_weight: dict | None = None) -> tuple:
        """(Dataset, number of batches or None) for array data or a Dataset (``data_adapter.make_dataset``)."""
        return make_dataset(x, y, sample_weight, batch_size, shuffle, what, steps, class_weight)

    # ---- fit ---------------------------------------------------------------------------------
    def fit(self, x: Any = None, y: Any = None, batch_size: int | None = None, epochs: int = 1, verbose: Any = "auto",
            callbacks: list | None = None, validation_split: float = 0.0, validation_data: Any = None,
            shuffle: bool = True, class_weight: dict | None = None, sample_weight: Any = None,
            initial_epoch: int = 0, steps_per_epoch: int | None = None, validation_steps: int | None = None,
            validation_batch_size: int | None = None, validation_freq: Any = 1) -> Any:
        """Train for ``epochs`` epochs; returns the ``History`` callback (also ``model.history``).

        Each batch goes to ``train_step`` (``x`` alone when ``y`` is None); the dict it returns
        is shown in the progress bar and passed to the callbacks.

        Example:
            >>> import numpy as np
            >>> from tapeflow import keras
            >>> m = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])
            >>> m.compile(optimizer="sgd", loss="mse")
            >>> h = m.fit(np.ones((10, 2), "float32"), np.ones((10, 1), "float32"), epochs=2,
            ...           validation_split=0.2, verbose=0)
            >>> sorted(h.history), h.params
            (['loss', 'val_loss'], {'verbose': 0, 'epochs': 2, 'steps': 1})
        """
        self._assert_compile_called()
        if not 0.0 <= float(validation_split) < 1.0:
            raise ValueError(f"fit: validation_split must be in [0, 1), got {validation_split}")
        if validation_split and validation_data is None:
            x, y, sample_weight, validation_data = split_validation(x, y, sample_weight, validation_split)
        train_ds, steps = self._dataset(x, y, sample_weight, batch_size, shuffle, "fit", class_weight=class_weight)
        if steps_per_epoch is not None:
            steps = int(steps_per_epoch)
        elif steps is None and train_ds._card() == -1:
            raise ValueError("fit: the dataset is infinite; pass `steps_per_epoch`")
        val = None
        if validation_data is not None:
            val = validation_data if isinstance(validation_data, Dataset) else None
            val = (val, None, None) if val is not None else unpack_x_y_sample_weight(validation_data)

        cbs = callbacks if isinstance(callbacks, callbacks_module.CallbackList) else callbacks_module.CallbackList(
            callbacks, add_history=True, add_progbar=verbose != 0, model=self, verbose=verbose, epochs=epochs,
            steps=steps)
        self.stop_training = False
        cbs.on_train_begin()
        training_logs: Any = None
        logs: Any = {}
        persistent = None  # with steps_per_epoch a dataset iterator carries over between epochs
        initial_epoch = self._initial_epoch or initial_epoch
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
                if class_weight and isinstance(train_ds, Dataset) and isinstance(x, Dataset):
                    data = _class_weighted_batch(data, class_weight)
                if step == 0 and epoch == int(initial_epoch):
                    self._maybe_symbolic_build(data)
                cbs.on_train_batch_begin(step)
                logs = self.train_step(data)
                cbs.on_train_batch_end(step, logs)
                if self.stop_training:
                    break
            if exhausted and steps_per_epoch is not None:
                persistent = None
                if step < 0:
                    warnings.warn("Your input ran out of data; interrupting training. Make sure that your dataset or "
                                  "generator can generate at least `steps_per_epoch * epochs` batches. You may need "
                                  "to use the `.repeat()` function when building your dataset.", stacklevel=2)
                    break
            if step < 0:
                raise ValueError("fit: the training data is empty (no batch was produced)")
            epoch_logs = dict(self._get_metrics_result_or_logs(logs))
            if val is not None and self._should_eval(epoch, validation_freq):
                val_logs = self.evaluate(val[0], val[1], sample_weight=val[2],
                                         batch_size=validation_batch_size or batch_size, steps=validation_steps,
                                         callbacks=cbs, return_dict=True)
                epoch_logs.update({"val_" + k: v for k, v in val_logs.items()})
            cbs.on_epoch_end(epoch, epoch_logs)
            training_logs = epoch_logs
            if self.stop_training:
                break
        finalize = getattr(self.optimizer, "finalize_variable_values", None)
        if finalize is not None and epochs > 0:
            finalize(self.trainable_weights)  # an optimizer with use_ema sets the weights to their averages
        cbs.on_train_end(training_logs)
        return self.history

    @staticmethod
    def _should_eval(epoch: int, validation_freq: Any) -> bool:
        epoch += 1
        if isinstance(validation_freq, int):
            return epoch % validation_freq == 0
        if isinstance(validation_freq, list):
            return epoch in validation_freq
        raise ValueError("Expected `validation_freq` to be a list or int. Received: "
                         f"validation_freq={validation_freq} of the type {type(validation_freq)}.")

    # ---- evaluate / predict ------------------------------------------------------------------
    def evaluate(self, x: Any = None, y: Any = None, batch_size: int | None = None, verbose: Any = "auto",
                 sample_weight: Any = None, steps: int | None = None, callbacks: Any = None,
                 return_dict: bool = False, **kwargs: Any) -> Any:
        """Loss and metrics over the data: one number, a list in ``metrics`` order, or a dict.

        Example:
            >>> import numpy as np
            >>> from tapeflow import keras
            >>> m = keras.Sequential([keras.layers.Dense(1, kernel_initializer="zeros")])
            >>> m.compile(loss="mse", metrics=["mae"])
            >>> m.evaluate(np.ones((4, 2), "float32"), np.full((4, 1), 2.0, "float32"), verbose=0)
            [4.0, 2.0]
        """
        self._assert_compile_called()
        if kwargs:
            raise ValueError(f"Arguments not recognized: {kwargs}")
        ds, n_steps = self._dataset(x, y, sample_weight, batch_size, False, "evaluate", steps)
        if n_steps is None and ds._card() == -1:
            raise ValueError("evaluate: the dataset is infinite; pass `steps`")
        cbs = callbacks if isinstance(callbacks, callbacks_module.CallbackList) else callbacks_module.CallbackList(
            callbacks, add_progbar=verbose != 0, verbose=verbose, epochs=1, steps=n_steps, model=self)
        cbs.on_test_begin()
        logs: Any = {}
        self.reset_metrics()
        for step, data in enumerate(ds):
            if steps is not None and step >= steps:
                break
            if step == 0:
                self._maybe_symbolic_build(data)
            cbs.on_test_batch_begin(step)
            logs = self.test_step(data)
            cbs.on_test_batch_end(step, logs)
        logs = callbacks_module.pythonify_logs(self._get_metrics_result_or_logs(logs))
        cbs.on_test_end(logs)
        if return_dict:
            return logs
        return self._flatten_metrics_in_order(logs)

    def predict(self, x: Any, batch_size: int | None = None, verbose: Any = "auto", steps: int | None = None,
                callbacks: Any = None) -> Any:
        """The model's outputs on ``x`` as NumPy arrays (batched, concatenated).

        Example:
            >>> import numpy as np
            >>> from tapeflow import keras
            >>> m = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(2)])
            >>> m.predict(np.ones((5, 3), "float32"), batch_size=2, verbose=0).shape
            (5, 2)
        """
        ds, n_steps = self._dataset(x, None, None, batch_size, False, "predict", steps)
        if n_steps is None and ds._card() == -1:
            raise ValueError("predict: the dataset is infinite; pass `steps`")
        cbs = callbacks if isinstance(callbacks, callbacks_module.CallbackList) else callbacks_module.CallbackList(
            callbacks, add_progbar=verbose != 0, verbose=verbose, epochs=1, steps=n_steps, model=self)
        cbs.on_predict_begin()
        outs: list = []
        for step, data in enumerate(ds):
            if steps is not None and step >= steps:
                break
            if step == 0:
                self._maybe_symbolic_build(data)
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
        """One ``train_step`` on this batch (metrics reset first); its loss and metrics."""
        self._assert_compile_called()
        if class_weight is not None:
            if sample_weight is not None:
                raise ValueError("Arguments `sample_weight` and `class_weight` cannot be specified at the same time. "
                                 f"Received: sample_weight={sample_weight}, class_weight={class_weight}")
            sample_weight = _class_weight_to_sample_weights(np.asarray(y), class_weight)
        self.reset_metrics()
        logs = callbacks_module.pythonify_logs(self.train_step((_tensors(x), _tensors(y), _tensors(sample_weight))))
        return logs if return_dict else self._flatten_metrics_in_order(logs)

    def test_on_batch(self, x: Any, y: Any = None, sample_weight: Any = None, return_dict: bool = False) -> Any:
        """Loss (and metrics) of this batch, without updating weights."""
        self._assert_compile_called()
        self.reset_metrics()
        logs = callbacks_module.pythonify_logs(self.test_step((_tensors(x), _tensors(y), _tensors(sample_weight))))
        return logs if return_dict else self._flatten_metrics_in_order(logs)

    def predict_on_batch(self, x: Any) -> Any:
        """The model's outputs on one batch, as NumPy."""
        return _concat_outputs([self.predict_step((_tensors(x),))])


def _concat_outputs(outs: list) -> Any:
    first = outs[0]
    if isinstance(first, dict):
        return {k: np.concatenate([np.asarray(o[k]) for o in outs]) for k in first}
    if isinstance(first, (list, tuple)):
        return type(first)(np.concatenate([np.asarray(o[i]) for o in outs]) for i in range(len(first)))
    return np.concatenate([np.asarray(o) for o in outs])
