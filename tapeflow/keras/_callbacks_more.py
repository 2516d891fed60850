"""More ``keras.callbacks``: ``ReduceLROnPlateau``, ``SwapEMAWeights``, ``BackupAndRestore`` and
``RemoteMonitor``, with Keras 3.15's behaviour and messages.

Example:
    >>> from tapeflow import keras
    >>> cb = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2)
    >>> cb.factor, cb.patience, cb.min_delta
    (0.5, 2, 0.0001)
"""

from __future__ import annotations

import json
import os
import shutil
import urllib.parse
import urllib.request
import warnings
import zipfile
from typing import Any

import numpy as np

from .callbacks import Callback

# the direction of Keras's built-in metrics (their ``_direction``): "up" ones are maximized
_UP = frozenset({
    "Accuracy", "BinaryAccuracy", "CategoricalAccuracy", "SparseCategoricalAccuracy", "TopKCategoricalAccuracy",
    "SparseTopKCategoricalAccuracy", "Precision", "Recall", "PrecisionAtRecall", "RecallAtPrecision",
    "SensitivityAtSpecificity", "SpecificityAtSensitivity", "AUC", "PearsonCorrelation", "ConcordanceCorrelation",
    "FBetaScore", "F1Score", "IoU", "BinaryIoU", "MeanIoU", "OneHotIoU", "OneHotMeanIoU", "CosineSimilarity",
    "R2Score",
})
_DOWN = frozenset({
    "Hinge", "SquaredHinge", "CategoricalHinge", "BinaryCrossentropy", "CategoricalCrossentropy",
    "SparseCategoricalCrossentropy", "KLDivergence", "Poisson", "MeanSquaredError", "MeanAbsoluteError",
    "MeanAbsolutePercentageError", "MeanSquaredLogarithmicError", "RootMeanSquaredError", "LogCoshError",
})


def _direction(metric: Any) -> str | None:
    """"up", "down" or None, as Keras's ``metric._direction``."""
    d = getattr(metric, "_direction", None)
    if d is not None:
        return d
    for cls in type(metric).__mro__:
        if cls.__module__.startswith("tapeflow.keras"):
            if cls.__name__ in _UP:
                return "up"
            if cls.__name__ in _DOWN:
                return "down"
    fn = getattr(metric, "_fn", None)
    if fn is not None:  # a MeanMetricWrapper around a Keras loss (function or Loss object)
        from . import losses

        if getattr(fn, "__module__", None) == losses.__name__ or isinstance(fn, losses.Loss):
            return "down"
    return None


def _less(a: float, b: float) -> bool:
    return bool(np.float32(a) < np.float32(b))  # keras.ops.less on Python floats compares float32 values


def _greater(a: float, b: float) -> bool:
    return bool(np.float32(a) > np.float32(b))


class MonitorCallback(Callback):
    """Keras 3's base of callbacks watching one logged value: ``mode`` "min", "max" or "auto" (from
    the name: losses go down; compiled metrics by their direction; else a ValueError), and an
    improvement is a change by more than ``min_delta`` (compared in float32, as Keras)."""

    def __init__(self, monitor: str = "val_loss", mode: str = "auto", baseline: float | None = None,
                 min_delta: float = 0) -> None:
        super().__init__()
        if mode not in ("auto", "min", "max"):
            warnings.warn(f"{type(self).__name__} mode '{mode}' is unknown, fallback to auto mode.", stacklevel=2)
            mode = "auto"
        self.monitor = monitor
        self.mode = mode
        self.best = baseline
        self.min_delta = abs(min_delta)
        self.monitor_op: Any = None

    def _set_monitor_op(self) -> None:
        if self.mode == "min":
            self.monitor_op = _less
        elif self.mode == "max":
            self.monitor_op = _greater
        else:
            name = self.monitor[4:] if self.monitor.startswith("val_") else self.monitor
            if name == "loss":
                self.monitor_op = _less
            from .trainers.compile_utils import CompileMetrics

            for group in getattr(self.model, "metrics", None) or []:
                if not isinstance(group, CompileMetrics):
                    continue
                for m in group.metrics:
                    if m.name == name:
                        d = _direction(m)
                        if d is not None:
                            self.monitor_op = _greater if d == "up" else _less
            if self.monitor_op is None:
                raise ValueError(
                    f"{type(self).__name__} callback received monitor={self.monitor}, but Keras isn't able to "
                    "automatically determine whether that metric should be maximized or minimized. Pass "
                    "`mode='max'` in order to monitor based on the highest metric value, or pass `mode='min'` in "
                    "order to use the lowest value.")
        if self.monitor_op is _less:
            self.min_delta *= -1

    def _is_improvement(self, monitor_value: float, reference_value: float | None) -> bool:
        if reference_value is None:
            return True
        return self.monitor_op(monitor_value - self.min_delta, reference_value)


class ReduceLROnPlateau(MonitorCallback):
    """Multiply the learning rate by ``factor`` when ``monitor`` has not improved (by more than
    ``min_delta``) for ``patience`` epochs, then wait ``cooldown`` epochs before counting again;
    never below ``min_lr``. Each epoch's logs get the current ``learning_rate`` (so it shows in the
    progress bar and the History). With ``verbose=1`` each reduction prints
    ``Epoch 5: ReduceLROnPlateau reducing learning rate to 0.0005000000237487257.``

    Example:
        >>> import numpy as np
        >>> from tapeflow import keras
        >>> model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
        >>> model.compile(optimizer=keras.optimizers.SGD(learning_rate=1e-9), loss="mse")
        >>> cb = ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1)
        >>> h = model.fit(np.ones((4, 1)), np.ones((4, 1)), epochs=3, verbose=0, callbacks=[cb])
        >>> [round(v / 1e-9, 4) for v in h.history["learning_rate"]]
        [1.0, 1.0, 0.5]
    """

    def __init__(self, monitor: str = "val_loss", factor: float = 0.1, patience: int = 10, verbose: int = 0,
                 mode: str = "auto", min_delta: float = 1e-4, cooldown: int = 0, min_lr: float = 0.0,
                 **kwargs: Any) -> None:
        super().__init__(monitor, mode, min_delta=min_delta)
        if factor >= 1.0:
            raise ValueError(f"ReduceLROnPlateau does not support a factor >= 1.0. Received factor={factor}")
        self.factor = factor
        self.min_lr = min_lr
        self.patience = patience
        self.verbose = verbose
        self.cooldown = cooldown
        self.cooldown_counter = 0
        self.wait = 0

    def _reset(self) -> None:
        self.best = None
        self.cooldown_counter = 0
        self.wait = 0

    def _reduce_optimizer_lr(self, optimizer: Any, epoch: int, name: str = "") -> bool:
        old_lr = float(np.asarray(optimizer.learning_rate))
        if old_lr > np.float32(self.min_lr):
            new_lr = max(old_lr * self.factor, self.min_lr)
            optimizer.learning_rate = new_lr
            if self.verbose > 0:
                from .utils.progbar import print_msg

                name_str = f" {name}" if name else ""
                print_msg(f"\nEpoch {epoch + 1}: ReduceLROnPlateau reducing{name_str} learning rate to {new_lr}.")
            return True
        return False

    def on_train_begin(self, logs: dict | None = None) -> None:
        self._reset()

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        if self.monitor_op is None:
            self._set_monitor_op()  # delayed until the model's metrics are built
        logs = logs if logs is not None else {}
        optimizer = self.model.optimizer
        inner = getattr(optimizer, "optimizers", None)
        if inner is not None:
            for opt in inner:
                logs[f"learning_rate_{opt.name}"] = float(np.asarray(opt.learning_rate))
        else:
            logs["learning_rate"] = float(np.asarray(optimizer.learning_rate))
        current = logs.get(self.monitor)
        if current is None:
            warnings.warn(f"Learning rate reduction is conditioned on metric `{self.monitor}` which is not "
                          f"available. Available metrics are: {','.join(list(logs.keys()))}.", stacklevel=2)
            return
        if self.in_cooldown():
            self.cooldown_counter -= 1
            self.wait = 0
        if self._is_improvement(current, self.best):
            self.best = current
            self.wait = 0
        elif not self.in_cooldown():
            self.wait += 1
            if self.wait >= self.patience:
                reduced = False
                if inner is not None:
                    for opt in inner:
                        reduced = self._reduce_optimizer_lr(opt, epoch, f"{opt.name}") or reduced
                else:
                    reduced = self._reduce_optimizer_lr(optimizer, epoch)
                if reduced:
                    self.cooldown_counter = self.cooldown
                    self.wait = 0

    def in_cooldown(self) -> bool:
        return self.cooldown_counter > 0


class SwapEMAWeights(Callback):
    """With an optimizer made with ``use_ema=True``: evaluate and predict with the exponential
    moving averages of the weights (swapped in at ``on_test_begin``/``on_predict_begin``) and, with
    ``swap_on_epoch=True``, also hold them in the model between epochs (so checkpoints save them).

    As Keras 3.15, ``on_predict_end`` does not swap back (its condition is inverted in Keras),
    so after ``model.predict`` the model keeps the averaged weights.

    Example:
        >>> import numpy as np
        >>> from tapeflow import keras
        >>> model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
        >>> model.compile(optimizer=keras.optimizers.SGD(use_ema=True), loss="mse")
        >>> h = model.fit(np.ones((4, 1)), np.ones((4, 1)), epochs=1, verbose=0,
        ...               callbacks=[SwapEMAWeights()], validation_data=(np.ones((2, 1)), np.ones((2, 1))))
        >>> sorted(h.history)
        ['loss', 'val_loss']
    """

    def __init__(self, swap_on_epoch: bool = False) -> None:
        super().__init__()
        self.swap_on_epoch = swap_on_epoch
        self._ema_weights_in_model = False

    @staticmethod
    def _swap(optimizer: Any) -> None:
        for var, avg in zip(optimizer._trainable_variables, optimizer._model_variables_moving_average):
            a, b = var._t._value, avg._t._value
            var._set_array(np.array(b, copy=True))
            avg._set_array(np.array(a, copy=True))

    @staticmethod
    def _finalize(optimizer: Any) -> None:
        for var, avg in zip(optimizer._trainable_variables, optimizer._model_variables_moving_average):
            avg._set_array(np.array(var._t._value, copy=True))

    def _apply(self, fn: Any) -> None:
        optimizer = self.model.optimizer
        optimizer = getattr(optimizer, "inner_optimizer", optimizer)  # a LossScaleOptimizer
        inner = getattr(optimizer, "optimizers", None)
        if inner is not None:
            if not any(getattr(opt, "use_ema", False) for opt in inner):
                raise ValueError("SwapEMAWeights must be used when at least one inner optimizer has `use_ema=True` "
                                 "set. Received a MultiOptimizer with all inner optimizers having `use_ema=False`.")
            targets = [opt for opt in inner if getattr(opt, "use_ema", False)]
        else:
            targets = [optimizer]
        for opt in targets:
            # Keras creates the averages only when an optimizer with use_ema is built
            if not (getattr(opt, "use_ema", False) and getattr(opt, "built", False)
                    and hasattr(opt, "_model_variables_moving_average")):
                raise ValueError("SwapEMAWeights must be used when `use_ema=True` is set on the optimizer. "
                                 f"Received: use_ema={getattr(opt, 'use_ema', None)}")
            fn(opt)

    def _swap_variables(self) -> None:
        self._apply(self._swap)

    def _finalize_ema_values(self) -> None:
        self._apply(self._finalize)

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        if self.swap_on_epoch and self._ema_weights_in_model:
            self._swap_variables()
            self._ema_weights_in_model = False

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        if self.swap_on_epoch and not self._ema_weights_in_model:
            self._swap_variables()
            self._ema_weights_in_model = True
            # at the end of fit the optimizer sets the weights to the averages: keep them right
            if epoch == self.params["epochs"] - 1:
                self._finalize_ema_values()

    def on_test_begin(self, logs: dict | None = None) -> None:
        if not self._ema_weights_in_model:
            self._swap_variables()
            self._ema_weights_in_model = True

    def on_test_end(self, logs: dict | None = None) -> None:
        if self._ema_weights_in_model:
            self._swap_variables()
            self._ema_weights_in_model = False

    def on_predict_begin(self, logs: dict | None = None) -> None:
        if not self._ema_weights_in_model:
            self._swap_variables()
            self._ema_weights_in_model = True

    def on_predict_end(self, logs: dict | None = None) -> None:
        if not self._ema_weights_in_model:  # Keras 3.15's condition (never true here)
            self._swap_variables()
            self._ema_weights_in_model = False


def _join(*parts: Any) -> str:
    return os.path.join(*[os.fspath(p) for p in parts])


class BackupAndRestore(Callback):
    """Back up the training state to ``backup_dir`` at the end of every epoch (or every
    ``save_freq`` batches) and, when ``fit`` starts again after an interruption, restore it and
    resume from the epoch after the last backup. The backup is deleted when training ends
    normally (``delete_checkpoint``); ``double_checkpoint`` keeps the previous backup too.

    The state is tapeflow's: ``latest.weights.npz`` holds the model's weights and the optimizer's
    variables (iterations, learning rate, slots), ``training_metadata.json`` the epoch and batch
    (Keras writes ``latest.weights.h5``). Both are written atomically (temporary file, then
    ``os.replace``). A model that is not built when ``fit`` starts is restored before its first
    batch (Keras builds it symbolically first).

    Example:
        >>> import os, tempfile
        >>> import numpy as np
        >>> from tapeflow import keras
        >>> model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
        >>> model.compile(optimizer="adam", loss="mse")
        >>> d = os.path.join(tempfile.mkdtemp(), "backup")
        >>> h = model.fit(np.ones((4, 1)), np.ones((4, 1)), epochs=2, verbose=0,
        ...               callbacks=[BackupAndRestore(d, delete_checkpoint=False)])
        >>> sorted(os.listdir(d)), json.load(open(os.path.join(d, "training_metadata.json")))
        (['latest.weights.npz', 'training_metadata.json'], {'epoch': 2, 'batch': 0})
    """

    def __init__(self, backup_dir: Any, save_freq: Any = "epoch", double_checkpoint: bool = False,
                 delete_checkpoint: bool = True) -> None:
        super().__init__()
        self.save_freq = save_freq
        self.double_checkpoint = double_checkpoint
        self.delete_checkpoint = delete_checkpoint
        self._batches_seen_since_last_saving = 0
        self._last_batch_seen = 0
        self._current_epoch = 0
        if not backup_dir:
            raise ValueError("Empty `backup_dir` argument passed")
        self.backup_dir = os.fspath(backup_dir)
        self._weights_path = _join(self.backup_dir, "latest.weights.npz")
        self._training_metadata_path = _join(self.backup_dir, "training_metadata.json")
        self._prev_weights_path = f"{self._weights_path}.bkp"
        self._prev_training_metadata_path = f"{self._training_metadata_path}.bkp"
        self._pending_restore: dict | None = None
        if save_freq != "epoch" and not isinstance(save_freq, int):
            raise ValueError(f"Invalid value for argument `save_freq`. Received: save_freq={save_freq}. Expected "
                             "either 'epoch' or an integer value.")

    # -- the state file ------------------------------------------------------------------------
    def _state_variables(self) -> list:
        model = self.model
        out = list(model.weights)
        opt = getattr(model, "optimizer", None)
        if opt is not None and getattr(opt, "built", False):
            out += list(opt.variables)
        return out

    def _write_state(self) -> None:
        from .._io import write_durably

        variables = self._state_variables()
        arrays = {f"v{i:04d}": np.asarray(v._t._value) for i, v in enumerate(variables)}
        arrays["__paths__"] = np.array([getattr(v, "_path", v.name) for v in variables], dtype=str) \
            if variables else np.zeros(0, "U1")
        write_durably(self._weights_path, lambda f: np.savez(f, **arrays), prefix=".latest.")

    def _load_arrays(self) -> dict:
        try:
            with np.load(self._weights_path, allow_pickle=False) as data:
                return {k: data[k] for k in data.files}
        except (ValueError, EOFError, zipfile.BadZipFile) as e:
            raise OSError(f"BackupAndRestore: cannot read the backup '{self._weights_path}': {e}") from None

    def _read_state(self, arrays: dict) -> None:
        variables = self._state_variables()
        keys = sorted(k for k in arrays if k.startswith("v") and k[1:].isdigit())
        if len(keys) != len(variables):
            raise ValueError(f"BackupAndRestore: the backup '{self._weights_path}' holds {len(keys)} variables but "
                             f"the model and its optimizer have {len(variables)}")
        for i, (k, v) in enumerate(zip(keys, variables)):
            a = arrays[k]
            if a.shape != tuple(v._t._value.shape):
                raise ValueError(f"BackupAndRestore: variable #{i} ('{getattr(v, '_path', v.name)}') has shape "
                                 f"{tuple(v._t._value.shape)}, but the backup holds shape {a.shape}")
        for k, v in zip(keys, variables):
            v._set_array(arrays[k].astype(v._t._value.dtype))

    def _write_metadata(self) -> None:
        from .._io import write_durably

        text = json.dumps({"epoch": self._current_epoch, "batch": self._last_batch_seen})
        write_durably(self._training_metadata_path, lambda f: f.write(text), prefix=".training_metadata.", text=True)

    # -- restoring -----------------------------------------------------------------------------
    def on_train_begin(self, logs: dict | None = None) -> None:
        try:
            self._load_model()
        except OSError:
            # the backup may be corrupted: fall back to the previous one
            if not os.path.exists(self._prev_weights_path):
                raise
            shutil.copyfile(self._prev_weights_path, self._weights_path)
            if os.path.exists(self._prev_training_metadata_path):
                shutil.copyfile(self._prev_training_metadata_path, self._training_metadata_path)
            elif os.path.exists(self._training_metadata_path):
                os.remove(self._training_metadata_path)
            self._load_model()

    def _load_model(self) -> None:
        if os.path.exists(self._weights_path):
            arrays = self._load_arrays()  # an unreadable backup fails here (and the previous one is tried)
            if self.model.built and self.model.weights:
                self._restore_weights(arrays)
            else:
                self._pending_restore = arrays  # restored before the first batch, once built
        if os.path.exists(self._training_metadata_path):
            with open(self._training_metadata_path) as f:
                metadata = json.loads(f.read())
            self.model._initial_epoch = metadata["epoch"]

    def _restore_weights(self, arrays: dict) -> None:
        opt = getattr(self.model, "optimizer", None)
        if opt is not None and not getattr(opt, "built", True):
            opt.build(self.model.trainable_variables)  # the optimizer's slots must exist first
        self._read_state(arrays)
        self._pending_restore = None

    def on_train_batch_begin(self, batch: int, logs: dict | None = None) -> None:
        if self._pending_restore is not None:
            self._restore_weights(self._pending_restore)

    # -- saving --------------------------------------------------------------------------------
    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        self._current_epoch = epoch + 1
        self._last_batch_seen = 0
        if self.save_freq == "epoch":
            self._save_model()

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        if self._should_save_on_batch(batch):
            self._save_model()

    def _save_model(self) -> None:
        os.makedirs(self.backup_dir, exist_ok=True)
        if self.double_checkpoint and os.path.exists(self._weights_path):
            shutil.copyfile(self._weights_path, self._prev_weights_path)
        if self.double_checkpoint and os.path.exists(self._training_metadata_path):
            shutil.copyfile(self._training_metadata_path, self._prev_training_metadata_path)
        self._write_state()
        self._write_metadata()

    def _should_save_on_batch(self, batch: int) -> bool:
        if self.save_freq == "epoch":
            return False
        if batch <= self._last_batch_seen:  # a new epoch
            add_batches = batch + 1
        else:
            add_batches = batch - self._last_batch_seen
        self._batches_seen_since_last_saving += add_batches
        self._last_batch_seen = batch
        if self._batches_seen_since_last_saving >= self.save_freq:
            self._batches_seen_since_last_saving = 0
            return True
        return False

    def on_train_end(self, logs: dict | None = None) -> None:
        if self.delete_checkpoint and os.path.exists(self.backup_dir):
            shutil.rmtree(self.backup_dir)


# module attribute so tests can substitute it (no network in tests)
urlopen = urllib.request.urlopen


class RemoteMonitor(Callback):
    """POST each epoch's logs (plus ``"epoch"``) to ``root + path``: as a form field ``field``
    holding the JSON text, or as a JSON body with ``send_as_json=True``. An unreachable server
    gives a warning, not an error. Keras sends with the ``requests`` package; tapeflow uses
    ``urllib``.

    Example:
        >>> RemoteMonitor(root="http://localhost:9000").path
        '/publish/epoch/end/'
    """

    def __init__(self, root: str = "http://localhost:9000", path: str = "/publish/epoch/end/", field: str = "data",
                 headers: dict | None = None, send_as_json: bool = False) -> None:
        super().__init__()
        self.root = root
        self.path = path
        self.field = field
        self.headers = headers
        self.send_as_json = send_as_json

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        logs = logs or {}
        send: dict = {"epoch": epoch}
        for k, v in logs.items():
            send[k] = v.item() if isinstance(v, (np.ndarray, np.generic)) else v
        headers = dict(self.headers or {})
        if self.send_as_json:
            body = json.dumps(send).encode("utf-8")
            headers.setdefault("Content-Type", "application/json")
        else:
            body = urllib.parse.urlencode({self.field: json.dumps(send)}).encode("utf-8")
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        request = urllib.request.Request(self.root + self.path, data=body, headers=headers, method="POST")
        try:
            with urlopen(request) as resp:
                resp.read()
        except (OSError, ValueError):  # urllib.error.URLError is an OSError
            warnings.warn(f"Could not reach RemoteMonitor root server at {self.root}", stacklevel=2)


__all__ = ["ReduceLROnPlateau", "SwapEMAWeights", "BackupAndRestore", "RemoteMonitor"]
