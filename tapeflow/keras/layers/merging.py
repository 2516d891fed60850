"""Merging layers: Concatenate, Add, Subtract, Multiply, Average, Maximum, Minimum.

Each takes a list of tensors (called as ``layer([a, b])``).

Example:
    >>> import numpy as np
    >>> from tapeflow.keras import layers
    >>> layers.Add()([np.ones((1, 2), "float32"), np.ones((1, 2), "float32")]).numpy().tolist()
    [[2.0, 2.0]]
"""

from __future__ import annotations

from typing import Any

import numpy as np

import tapeflow as tf

from ...primitives import core as C
from ...tensor import Tensor
from .base import Layer


class _Merge(Layer):
    _min_inputs = 2

    def _check(self, inputs: Any) -> list:
        if not isinstance(inputs, (list, tuple)) or len(inputs) < self._min_inputs:
            got = f"{len(inputs)} inputs" if isinstance(inputs, (list, tuple)) else type(inputs).__name__
            raise ValueError(
                f"{type(self).__name__} layer '{self.name}' must be called on a list of at least "
                f"{self._min_inputs} tensors, got {got}"
            )
        ts = [t if isinstance(t, Tensor) else tf.convert_to_tensor(t) for t in inputs]
        d0 = ts[0]._value.dtype
        if any(t._value.dtype != d0 for t in ts):
            raise ValueError(
                f"{type(self).__name__} layer '{self.name}': inputs have different dtypes: "
                + ", ".join(f"{t.dtype.name} {tuple(t._value.shape)}" for t in ts)
            )
        return ts

    def _check_shapes(self, ts: list) -> None:
        shapes = [t._value.shape for t in ts]
        s0 = shapes[0]
        if any(s != s0 for s in shapes):
            try:
                np.broadcast_shapes(*shapes)
            except ValueError:
                raise ValueError(
                    f"{type(self).__name__} layer '{self.name}': inputs must have compatible shapes, got "
                    + ", ".join(str(tuple(s)) for s in shapes)
                ) from None

    def _fold(self, inputs: Any, combine: Any) -> Tensor:
        """Check ``inputs`` and combine them left to right with ``combine(y, t)``."""
        ts = self._check(inputs)
        self._check_shapes(ts)
        y = ts[0]
        for t in ts[1:]:
            y = combine(y, t)
        return y


class Add(_Merge):
    """Element-wise sum of a list of tensors.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.Add()([np.ones(2, "float32"), np.ones(2, "float32")]).numpy().tolist()
        [2.0, 2.0]
    """

    def call(self, inputs: Any) -> Tensor:
        return self._fold(inputs, C.add)


class Subtract(_Merge):
    """``inputs[0] - inputs[1]`` (exactly two inputs). Example: ``layers.Subtract()([a, b])``."""

    def call(self, inputs: Any) -> Tensor:
        ts = self._check(inputs)
        if len(ts) != 2:
            raise ValueError(f"Subtract layer '{self.name}' needs exactly 2 inputs, got {len(ts)}")
        self._check_shapes(ts)
        return C.subtract(ts[0], ts[1])


class Multiply(_Merge):
    """Element-wise product of a list of tensors. Example: ``layers.Multiply()([a, b])``."""

    def call(self, inputs: Any) -> Tensor:
        return self._fold(inputs, C.multiply)


class Average(_Merge):
    """Element-wise mean of a list of tensors. Example: ``layers.Average()([a, b])``."""

    def call(self, inputs: Any) -> Tensor:
        return self._fold(inputs, C.add) * (1.0 / len(inputs))


class Maximum(_Merge):
    """Element-wise maximum of a list of tensors. Example: ``layers.Maximum()([a, b])``."""

    def call(self, inputs: Any) -> Tensor:
        return self._fold(inputs, tf.maximum)


class Minimum(_Merge):
    """Element-wise minimum of a list of tensors. Example: ``layers.Minimum()([a, b])``."""

    def call(self, inputs: Any) -> Tensor:
        return self._fold(inputs, tf.minimum)


class Concatenate(_Merge):
    """Joins a list of tensors along ``axis`` (the last by default).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.Concatenate()([np.zeros((2, 1), "float32"), np.ones((2, 3), "float32")]).shape.as_list()
        [2, 4]
    """

    _min_inputs = 1

    def __init__(self, axis: int = -1, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.axis = int(axis)

    def call(self, inputs: Any) -> Tensor:
        ts = self._check(inputs)
        nd = ts[0]._value.ndim
        ax = self.axis % nd if nd else 0
        for t in ts:
            s, s0 = t._value.shape, ts[0]._value.shape
            if len(s) != nd or any(a != b for i, (a, b) in enumerate(zip(s, s0)) if i != ax):
                raise ValueError(
                    f"Concatenate layer '{self.name}' requires inputs with matching shapes except for the "
                    f"concatenation axis {self.axis}. Received: input_shape="
                    + str([tuple(t._value.shape) for t in ts])
                )
        return tf.concat(ts, axis=self.axis)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg["axis"] = self.axis
        return cfg


def add(inputs: list, **kwargs: Any) -> Any:
    """Functional form of ``Add``. Example: ``layers.add([a, b])``."""
    return Add(**kwargs)(inputs)


def concatenate(inputs: list, axis: int = -1, **kwargs: Any) -> Any:
    """Functional form of ``Concatenate``. Example: ``layers.concatenate([a, b])``."""
    return Concatenate(axis=axis, **kwargs)(inputs)


__all__ = ["Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate", "add", "concatenate"]
