"""``Node``: one call of a layer on symbolic inputs, the edge list of a functional model's graph.

Example:
    >>> from tapeflow import keras
    >>> x = keras.Input(shape=(2,))
    >>> y = keras.layers.Dense(3)(x)
    >>> node = y._node
    >>> type(node.layer).__name__, node.flat_inputs == [x], node.flat_outputs == [y]
    ('Dense', True, True)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._nest import _flatten
from .keras_tensor import KerasTensor

if TYPE_CHECKING:
    from .layers.base import Layer


class Node:
    """One call of a layer on symbolic inputs: ``outputs = layer(inputs, *args, **kwargs)``."""

    __slots__ = ("layer", "inputs", "outputs", "args", "kwargs", "flat_inputs", "flat_outputs")

    def __init__(self, layer: Layer, inputs: Any, outputs: Any, args: tuple = (), kwargs: dict | None = None) -> None:
        self.layer = layer
        self.inputs = inputs
        self.outputs = outputs
        self.args = args
        self.kwargs = kwargs or {}
        deps = _flatten(inputs) + _flatten(list(args)) + _flatten(self.kwargs) if inputs is not None else []
        self.flat_inputs = [t for t in deps if type(t) is KerasTensor]
        self.flat_outputs = _flatten(outputs)
