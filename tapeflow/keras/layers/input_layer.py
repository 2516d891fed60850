"""``InputLayer`` and ``keras.Input``: the entry points of a functional model.

Example:
    >>> from tapeflow import keras
    >>> keras.Input(shape=(28, 28), dtype="uint8").shape.as_list()
    [None, 28, 28]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._naming import unique_name
from .._node import Node
from ..keras_tensor import KerasTensor
from .base import Layer


class InputLayer(Layer):
    """The entry point of a functional model; ``keras.Input`` makes one and returns its output.

    Example:
        >>> from tapeflow.keras import layers
        >>> layers.InputLayer(shape=(4,)).output.shape.as_list()
        [None, 4]
    """

    def __init__(
        self,
        shape: Any = None,
        batch_size: int | None = None,
        dtype: Any = None,
        sparse: Any = None,
        batch_shape: Any = None,
        input_tensor: Any = None,
        name: str | None = None,
        optional: bool = False,
        **kwargs: Any,
    ) -> None:
        self.optional = bool(optional)
        if shape is None:
            shape = kwargs.pop("input_shape", None)
        if batch_shape is None:
            batch_shape = kwargs.pop("batch_input_shape", None)
        kwargs.pop("ragged", None)
        if sparse:
            raise ValueError("InputLayer: sparse inputs are not supported by tapeflow")
        tensor_name = name  # Keras 3 names the input tensor `name`, or keras_tensor_<n> when none is given
        if name is None:
            name = unique_name("input_layer")
        super().__init__(name=name, dtype=dtype, **kwargs)
        if batch_shape is None:
            if shape is None:
                raise ValueError("Input/InputLayer: specify `shape` (without the batch size) or `batch_shape`")
            if isinstance(shape, (int, np.integer)):
                shape = (int(shape),)
            try:
                batch_shape = (batch_size,) + tuple(shape)
            except TypeError:
                raise ValueError(f"Input: shape must be a tuple of ints or None, got {shape!r}") from None
        for d in batch_shape:
            if d is not None and (not isinstance(d, (int, np.integer)) or d < 0):
                raise ValueError(f"Input: shape must be a tuple of non-negative ints or None, got {batch_shape!r}")
        self._batch_shape = tuple(None if d is None else int(d) for d in batch_shape)
        self.built = True
        node = Node(self, None, None)
        kt = KerasTensor(self._batch_shape, self._dtype, name=tensor_name, node=node)
        node.outputs = kt
        node.flat_outputs = [kt]
        self._inbound_nodes.append(node)

    @property
    def batch_shape(self) -> tuple:
        return self._batch_shape

    def get_config(self) -> dict:
        return {"batch_shape": self._batch_shape, "dtype": self.dtype, "sparse": False, "ragged": False,
                "name": self.name, "optional": self.optional}


def Input(
    shape: Any = None,
    batch_size: int | None = None,
    dtype: Any = None,
    sparse: Any = None,
    batch_shape: Any = None,
    name: str | None = None,
    tensor: Any = None,
    **kwargs: Any,
) -> KerasTensor:
    """A symbolic input for the functional API; ``shape`` excludes the batch dimension.

    Example:
        >>> from tapeflow import keras
        >>> keras.Input(shape=(28, 28), dtype="uint8").shape.as_list()
        [None, 28, 28]
    """
    layer = InputLayer(shape=shape, batch_size=batch_size, dtype=dtype, sparse=sparse,
                       batch_shape=batch_shape, name=name, **kwargs)
    return layer.output


__all__ = ["InputLayer", "Input"]
