"""``keras.utils.PyDataset``: a Python dataset of batches (``__getitem__`` by batch index and
``__len__``) that ``fit``, ``evaluate`` and ``predict`` take as their ``x``.

tapeflow reads the batches in the calling thread: ``workers``, ``use_multiprocessing`` and
``max_queue_size`` are kept (and returned by their properties) but start no threads or processes.
"""

from __future__ import annotations

import itertools
import random
import warnings
from typing import Any, Iterator

import numpy as np

__all__ = ["PyDataset"]


class PyDataset:
    """Base class for datasets of batches: subclass it and define ``__getitem__(index)`` (the batch
    at that position: ``x``, ``(x,)``, ``(x, y)`` or ``(x, y, sample_weight)``, or a dict) and
    ``__len__`` (the number of batches) or the ``num_batches`` property (None: infinite).
    ``on_epoch_begin`` / ``on_epoch_end`` run around each pass over the batches (each epoch of
    ``fit``, each ``evaluate`` or ``predict``); Keras 3 also calls ``on_epoch_end`` once more when
    its epoch iterator is reset (at the start of ``evaluate``, at the end of ``fit``), tapeflow
    does not. ``fit(shuffle=True)`` visits the batches in a new random order every epoch.

    Example:
        >>> import numpy as np
        >>> from tapeflow import keras
        >>> class Batches(keras.utils.PyDataset):
        ...     def __init__(self, **kwargs):
        ...         super().__init__(**kwargs)
        ...     def __len__(self):
        ...         return 3
        ...     def __getitem__(self, i):
        ...         return np.full((2, 1), i, "float32"), np.zeros((2, 1), "float32")
        >>> m = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1, kernel_initializer="ones")])
        >>> m.compile(loss="mse")
        >>> m.evaluate(Batches(), verbose=0)  # batches 0, 1, 2: mean of 0, 1, 4
        1.6666666269302368
    """

    def __init__(self, workers: int = 1, use_multiprocessing: bool = False, max_queue_size: int = 10) -> None:
        self._workers = workers
        self._use_multiprocessing = use_multiprocessing
        self._max_queue_size = max_queue_size

    def _check_super_called(self) -> None:
        missing = False
        for attr, default in (("_workers", 1), ("_use_multiprocessing", False), ("_max_queue_size", 10)):
            if not hasattr(self, attr):
                setattr(self, attr, default)
                missing = True
        if missing:
            warnings.warn("Your `PyDataset` class should call `super().__init__(**kwargs)` in its constructor "
                          "(`**kwargs` may hold `workers`, `use_multiprocessing` and `max_queue_size`; fit() "
                          "ignores them).", stacklevel=3)

    @property
    def workers(self) -> int:
        self._check_super_called()
        return self._workers

    @workers.setter
    def workers(self, value: int) -> None:
        self._workers = value

    @property
    def use_multiprocessing(self) -> bool:
        self._check_super_called()
        return self._use_multiprocessing

    @use_multiprocessing.setter
    def use_multiprocessing(self, value: bool) -> None:
        self._use_multiprocessing = value

    @property
    def max_queue_size(self) -> int:
        self._check_super_called()
        return self._max_queue_size

    @max_queue_size.setter
    def max_queue_size(self, value: int) -> None:
        self._max_queue_size = value

    def __getitem__(self, index: int) -> Any:
        """The batch at position ``index`` (subclasses define it)."""
        raise NotImplementedError

    @property
    def num_batches(self) -> int | None:
        """The number of batches (``len(self)``), or None for an infinite dataset."""
        if hasattr(self, "__len__"):
            return len(self)
        raise NotImplementedError("You need to implement the `num_batches` property:\n\n"
                                  "@property\ndef num_batches(self):\n  return ...")

    def __iter__(self) -> Iterator[Any]:
        try:
            n = self.num_batches
        except NotImplementedError:
            n = None
        for i in (range(n) if n is not None else itertools.count()):
            yield self[i]

    def on_epoch_begin(self) -> None:
        """Called at the start of every epoch."""

    def on_epoch_end(self) -> None:
        """Called at the end of every epoch."""


def _standardize(batch: Any, class_weight: Any) -> Any:
    """A batch as Keras's fit takes it: a dict, or a tuple ``(x,)``, ``(x, y)`` or ``(x, y, sw)``
    (class weights become the sample weights)."""
    if isinstance(batch, dict):
        return batch
    if isinstance(batch, np.ndarray):
        batch = (batch,)
    if isinstance(batch, list):
        batch = tuple(batch)
    if not isinstance(batch, tuple) or len(batch) not in (1, 2, 3):
        raise ValueError("PyDataset.__getitem__() must return a tuple or a dict. If a tuple, it must be ordered "
                         "either (input,) or (inputs, targets) or (inputs, targets, sample_weights). "
                         f"Received: {str(batch)[:100]}... of type {type(batch)}")
    if class_weight is not None and len(batch) >= 2:
        if len(batch) == 3:
            raise ValueError("You cannot specify `class_weight` and `sample_weight` at the same time.")
        from ..trainers.data_adapter import _class_weight_to_sample_weights

        batch = batch + (_class_weight_to_sample_weights(np.asarray(batch[1]), class_weight),)
    return batch


def as_dataset(pyds: PyDataset, shuffle: bool = False, class_weight: Any = None) -> Any:
    """A ``tf.data.Dataset`` of ``pyds``'s batches (a new pass, and a new order when ``shuffle``, each
    time it is iterated), calling ``on_epoch_begin`` before the first batch and ``on_epoch_end`` after
    the last."""
    from ...data.dataset import Dataset
    from ...tensor import convert_to_tensor

    try:
        n = pyds.num_batches
    except NotImplementedError:
        n = None

    def to_arrays(x: Any) -> Any:  # (the dataset's elements are NumPy arrays, made tensors when read)
        if isinstance(x, dict):
            return {k: to_arrays(v) for k, v in x.items()}
        if isinstance(x, (tuple, list)) and not (x and isinstance(x[0], (int, float, np.number))):
            return type(x)(to_arrays(v) for v in x)
        if x is None or isinstance(x, np.ndarray):
            return x
        return np.asarray(convert_to_tensor(x)._value)

    def gen() -> Iterator[Any]:
        pyds.on_epoch_begin()
        order = range(n) if n is not None else itertools.count()
        if shuffle and n is not None:
            order = list(order)
            random.shuffle(order)
        for i in order:
            yield to_arrays(_standardize(pyds[i], class_weight))
        pyds.on_epoch_end()

    return Dataset(gen, n if n is not None else -1)
