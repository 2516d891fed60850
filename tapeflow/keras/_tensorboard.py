"""``keras.callbacks.TensorBoard``: Keras 3's TensorBoard logging through ``tf.summary``.

Writes ``log_dir/train`` and ``log_dir/validation`` event files (made on first use): ``epoch_<name>``
scalars per epoch (``epoch_loss``, ``epoch_accuracy``, ``epoch_learning_rate``), ``batch_<name>``
scalars every ``update_freq`` batches, ``evaluation_<name>_vs_iterations`` after each evaluation,
``<weight path>/histogram`` (and ``/image`` with ``write_images``) every ``histogram_freq`` epochs,
and with ``write_graph`` the model's config (``keras`` tag, the conceptual graph) and the ops of the
first training step (TensorBoard's op graph). Needs ``pip install 'tapeflow[tensorboard]'``.

``profile_batch`` is accepted and validated as in Keras; there is no profiler, but the batches it
names are traced and written as a graph (``batch_<n>``), as Keras does. ``embeddings_freq`` (the
projector) is not supported: a nonzero value warns and is ignored.

Example:
    >>> from tapeflow import keras
    >>> cb = keras.callbacks.TensorBoard(log_dir="logs", histogram_freq=1, update_freq="batch")
    >>> cb.update_freq, cb.histogram_freq
    (1, 1)
"""

from __future__ import annotations

import os
import sys
import time
import warnings
from typing import Any

import numpy as np

from .callbacks import Callback


class TensorBoard(Callback):
    """Log metrics, weight histograms and graphs for TensorBoard (Keras 3's callback).

    Example:
        >>> from tapeflow import keras
        >>> keras.callbacks.TensorBoard(log_dir="logs").log_dir
        'logs'
    """

    def __init__(self, log_dir: Any = "logs", histogram_freq: int = 0, write_graph: bool = True,
                 write_images: bool = False, write_steps_per_second: bool = False, update_freq: Any = "epoch",
                 profile_batch: Any = 0, embeddings_freq: int = 0, embeddings_metadata: Any = None) -> None:
        super().__init__()
        self.log_dir = str(log_dir)
        self.histogram_freq = histogram_freq
        self.write_graph = write_graph
        self.write_images = write_images
        self.write_steps_per_second = write_steps_per_second
        self.update_freq = 1 if update_freq == "batch" else update_freq
        self.embeddings_freq = embeddings_freq
        self.embeddings_metadata = embeddings_metadata
        if embeddings_freq:
            warnings.warn("TensorBoard: embeddings (the projector) are not written by tapeflow; "
                          "embeddings_freq is ignored", stacklevel=2)
        self._init_profile_batch(profile_batch)
        self._global_train_batch = 0
        self._global_test_batch = 0
        self._previous_epoch_iterations = 0.0
        self._epoch_start_time = 0.0
        self._batch_start_time = 0.0
        self._writers: dict = {}
        self._prev_summary_state: list = []
        self._should_write_train_graph = False
        self._graph_trace: Any = None

    # -- writers --------------------------------------------------------------------------------
    @property
    def summary(self) -> Any:
        from .. import summary

        return summary

    def set_model(self, model: Any) -> None:
        """Set the model; with ``write_graph``, write its config now and its op graph after batch 1."""
        super().set_model(model)
        self._stop_graph_trace()
        self._log_write_dir = self.log_dir
        self._train_dir = os.path.join(self._log_write_dir, "train")
        self._val_dir = os.path.join(self._log_write_dir, "validation")
        self._writers = {}
        self._should_write_train_graph = False
        if self.write_graph:
            self._write_keras_model_summary()
            self._should_write_train_graph = True

    @property
    def _train_writer(self) -> Any:
        if "train" not in self._writers:
            self._writers["train"] = self.summary.create_file_writer(self._train_dir)
        return self._writers["train"]

    @property
    def _val_writer(self) -> Any:
        if "val" not in self._writers:
            self._writers["val"] = self.summary.create_file_writer(self._val_dir)
        return self._writers["val"]

    def _push_writer(self, writer: Any, step: int) -> None:
        """Make ``writer`` the default (for batch-level summaries, also the user's own) with a
        ``record_if`` that keeps every ``update_freq``-th step, as Keras does."""
        if self.update_freq == "epoch":
            return
        freq = self.update_freq
        contexts = (writer.as_default(step), self.summary.record_if(lambda: step % freq == 0))
        self._prev_summary_state.append(contexts)
        contexts[0].__enter__()
        contexts[1].__enter__()

    def _pop_writer(self) -> None:
        if self.update_freq == "epoch" or not self._prev_summary_state:
            return
        contexts = self._prev_summary_state.pop()
        contexts[1].__exit__(*sys.exc_info())
        contexts[0].__exit__(*sys.exc_info())

    def _close_writers(self) -> None:
        for writer in self._writers.values():
            writer.close()

    # -- graphs ---------------------------------------------------------------------------------
    def _write_keras_model_summary(self) -> None:
        """The model's config as the ``keras`` tag (TensorBoard's conceptual graph), Sequential/Functional only."""
        if type(self.model).__name__ not in ("Sequential", "Functional"):
            return
        try:
            config = self.model.to_json()
        except Exception as e:  # as Keras: a model that cannot be serialized is skipped
            warnings.warn(f"Model failed to serialize as JSON. Ignoring... {e}", stacklevel=2)
            return
        from ..summary._events import summary_metadata

        with self._train_writer.as_default():
            self.summary.write("keras", np.array(config.encode(), dtype=object), step=0,
                               metadata=summary_metadata("graph_keras_model", b"1"))

    def _start_graph_trace(self) -> None:
        from ..primitives import add_output_hook
        from ..summary._graph import _Trace

        self._graph_trace = _Trace()
        add_output_hook(self._graph_trace)

    def _stop_graph_trace(self) -> Any:
        from ..primitives import remove_output_hook

        trace, self._graph_trace = self._graph_trace, None
        if trace is not None:
            remove_output_hook(trace)
        return trace

    def _write_keras_model_train_graph(self, trace: Any) -> None:
        """The ops of one training step (forward and backward) as the run's graph."""
        from ..summary._graph import graph_def

        names = {w._id: w.path for w in getattr(self.model, "weights", ()) if hasattr(w, "path")}
        with self._train_writer.as_default():
            self.summary.graph(graph_def(trace.graph(), names))

    # -- profile_batch (validated as Keras; traced batches become graphs) -------------------------
    def _init_profile_batch(self, profile_batch: Any) -> None:
        message = ("profile_batch must be a non-negative integer or 2-tuple of positive integers. A pair of "
                   "positive integers signifies a range of batches to profile. Found: " + str(profile_batch))
        if isinstance(profile_batch, str):
            try:
                profile_batch = [int(p) for p in profile_batch.split(",")]
            except ValueError:
                raise ValueError(message) from None
            if len(profile_batch) == 1:
                profile_batch = profile_batch[0]
        if isinstance(profile_batch, (int, np.integer)) and not isinstance(profile_batch, bool):
            self._start_batch = self._stop_batch = int(profile_batch)
        elif isinstance(profile_batch, (tuple, list)) and len(profile_batch) == 2:
            self._start_batch, self._stop_batch = (int(b) for b in profile_batch)
        else:
            raise ValueError(message)
        if self._start_batch < 0 or self._stop_batch < self._start_batch:
            raise ValueError(message)
        self._is_tracing = False
        self._should_trace = not (self._start_batch == 0 and self._stop_batch == 0)

    def _start_trace(self) -> None:
        self.summary.trace_on(graph=True, profiler=False)
        self._is_tracing = True

    def _stop_trace(self, batch: int | None = None) -> None:
        if batch is None:
            batch = self._stop_batch
        with self._train_writer.as_default():
            self.summary.trace_export(name=f"batch_{batch}", step=batch)
        self._is_tracing = False

    # -- hooks ----------------------------------------------------------------------------------
    def on_train_begin(self, logs: dict | None = None) -> None:
        self._global_train_batch = 0
        self._previous_epoch_iterations = 0.0
        self._push_writer(self._train_writer, self._global_train_batch)

    def on_train_end(self, logs: dict | None = None) -> None:
        self._pop_writer()
        self._stop_graph_trace()
        if self._is_tracing:
            self._stop_trace()
        self._close_writers()

    def on_test_begin(self, logs: dict | None = None) -> None:
        self._push_writer(self._val_writer, self._global_test_batch)

    def on_test_end(self, logs: dict | None = None) -> None:
        optimizer = getattr(self.model, "optimizer", None)
        if optimizer is not None and hasattr(optimizer, "iterations"):
            with self._val_writer.as_default():
                for name, value in (logs or {}).items():
                    self.summary.scalar(f"evaluation_{name}_vs_iterations", value, step=optimizer.iterations)
        self._pop_writer()

    def on_train_batch_begin(self, batch: int, logs: dict | None = None) -> None:
        self._global_train_batch += 1
        if self.update_freq != "epoch":
            self._pop_writer()
            self._push_writer(self._train_writer, self._global_train_batch)
        if self.write_steps_per_second:
            self._batch_start_time = time.time()
        if self._should_write_train_graph and self._graph_trace is None:
            self._start_graph_trace()
        if self._should_trace and self._global_train_batch == self._start_batch:
            self._start_trace()

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        if self._should_write_train_graph:
            self._should_write_train_graph = False
            trace = self._stop_graph_trace()
            if trace is not None:
                self._write_keras_model_train_graph(trace)
        if self.write_steps_per_second:
            self.summary.scalar("batch_steps_per_second", 1.0 / max(time.time() - self._batch_start_time, 1e-9),
                                step=self._global_train_batch)
        if isinstance(logs, dict):
            for name, value in logs.items():
                self.summary.scalar(f"batch_{name}", value, step=self._global_train_batch)
        if self._is_tracing and self._global_train_batch >= self._stop_batch:
            self._stop_trace()

    def on_test_batch_begin(self, batch: int, logs: dict | None = None) -> None:
        self._global_test_batch += 1
        if self.update_freq != "epoch":
            self._pop_writer()
            self._push_writer(self._val_writer, self._global_test_batch)

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        if self.write_steps_per_second:
            self._previous_epoch_iterations = float(np.asarray(self.model.optimizer.iterations))
            self._epoch_start_time = time.time()

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        self._log_epoch_metrics(epoch, logs)
        if self.histogram_freq and epoch % self.histogram_freq == 0:
            self._log_weights(epoch)

    # -- what is logged -------------------------------------------------------------------------
    def _collect_learning_rate(self, logs: dict) -> dict:
        optimizer = getattr(self.model, "optimizer", None)
        optimizer = getattr(optimizer, "inner_optimizer", optimizer)
        if optimizer is not None and hasattr(optimizer, "learning_rate"):
            try:
                logs["learning_rate"] = float(np.asarray(optimizer.learning_rate))
            except (TypeError, ValueError):
                pass
        return logs

    def _log_epoch_metrics(self, epoch: int, logs: dict | None) -> None:
        if not logs:
            return
        train_logs = {k: v for k, v in logs.items() if not k.startswith("val_")}
        val_logs = {k[4:]: v for k, v in logs.items() if k.startswith("val_")}
        train_logs = self._collect_learning_rate(train_logs)
        if self.write_steps_per_second:
            steps = float(np.asarray(self.model.optimizer.iterations)) - self._previous_epoch_iterations
            train_logs["steps_per_second"] = steps / max(time.time() - self._epoch_start_time, 1e-9)
        if train_logs:
            with self._train_writer.as_default():
                for name, value in train_logs.items():
                    self.summary.scalar(f"epoch_{name}", value, step=epoch)
        if val_logs:
            with self._val_writer.as_default():
                for name, value in val_logs.items():
                    self.summary.scalar(f"epoch_{name}", value, step=epoch)

    def _log_weights(self, epoch: int) -> None:
        with self._train_writer.as_default():
            for layer in self.model.layers:
                for weight in layer.weights:
                    weight_name = weight.path.replace(":", "_")
                    self.summary.histogram(f"{weight_name}/histogram", weight, step=epoch)
                    if self.write_images:
                        self._log_weight_as_image(weight, f"{weight_name}/image", epoch)
            self._train_writer.flush()

    def _log_weight_as_image(self, weight: Any, weight_name: str, epoch: int) -> None:
        """A kernel as a grayscale image (1-D: a row; 2-D: wider than tall; 3-D: one image per kernel)."""
        w = np.squeeze(np.asarray(weight))
        if w.ndim == 1:
            w = w.reshape(1, w.shape[0], 1, 1)
        elif w.ndim == 2:
            if w.shape[0] > w.shape[1]:
                w = w.T
            w = w.reshape(1, w.shape[0], w.shape[1], 1)
        elif w.ndim == 3:
            w = np.transpose(w, (2, 0, 1))[..., None]  # channels_last: one image per output channel
        if w.ndim == 4 and w.shape[-1] in (1, 3, 4):
            self.summary.image(weight_name, w, step=epoch)
