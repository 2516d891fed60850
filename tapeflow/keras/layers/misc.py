"""Small Keras 3 layers: ``Identity``, ``RMSNormalization`` and the ``Wrapper`` base class.

Example:
    >>> import numpy as np
    >>> from tapeflow.keras import layers
    >>> print(layers.RMSNormalization(epsilon=0.0)(np.array([[3.0, 4.0]], "float32")).numpy().round(4))
    [[0.8485 1.1314]]
"""

from __future__ import annotations

from typing import Any

from ...tensor import TensorShape
from .base import Layer


def _serialize_layer(layer: Layer) -> dict:
    """A nested layer as Keras 3's ``serialize_keras_object`` writes it (with its build config)."""
    from ..utils.serialization import serialize_keras_object

    out = serialize_keras_object(layer)
    build = layer.get_build_config()
    if build is not None and isinstance(out, dict):
        out["build_config"] = build
    return out


def _deserialize_layer(config: Any, custom_objects: dict | None = None) -> Layer:
    if isinstance(config, Layer):
        return config
    from ..utils.serialization import deserialize_keras_object

    build = config.get("build_config") if isinstance(config, dict) else None
    inner = {k: v for k, v in config.items() if k != "build_config"} if isinstance(config, dict) else config
    if isinstance(inner, dict) and "module" not in inner:
        inner = dict(inner, module="keras.layers")
    layer = deserialize_keras_object(inner, custom_objects=custom_objects)
    if build and not layer.built:
        layer.build_from_config(build)
    return layer


class Identity(Layer):
    """Returns its inputs unchanged (any structure of tensors); masks pass through.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.Identity()(np.array([1.0, 2.0], "float32")).numpy().tolist()
        [1.0, 2.0]
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.supports_masking = True
        self._mask_src = True
        self.built = True

    def call(self, inputs: Any) -> Any:
        return inputs

    def compute_mask(self, inputs: Any, previous_mask: Any) -> Any:
        return previous_mask

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape


class RMSNormalization(Layer):
    """Root-mean-square normalization: ``x * rsqrt(mean(x^2, axis) + epsilon) * scale`` with a
    learned ``scale`` (initialized to ones) over ``axis`` (an int or a list of axes). As Keras,
    ``axis`` becomes a sorted list once the layer is built (and so in ``get_config``).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> norm = layers.RMSNormalization(name="norm")
        >>> _ = norm(np.ones((2, 3), "float32")); [w.path for w in norm.weights], norm.get_config()["axis"]
        (['norm/scale'], [-1])
    """

    def __init__(self, axis: Any = -1, epsilon: float = 1e-6, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.axis = axis
        self.epsilon = epsilon

    def build(self, input_shape: Any) -> None:
        shape = TensorShape(input_shape)
        if isinstance(self.axis, (list, tuple)):
            self.axis = sorted(self.axis)
            wshape = tuple(shape[d] for d in self.axis)
        else:
            wshape = (shape[self.axis],)
            self.axis = [self.axis]
        self.scale = self.add_weight(name="scale", shape=wshape, initializer="ones")
        self.built = True

    def call(self, x: Any) -> Any:
        from ..ops.nn import rms_normalization

        return rms_normalization(x, scale=self.scale, axis=self.axis, epsilon=self.epsilon)

    def compute_output_shape(self, input_shape: Any) -> Any:
        axes = [self.axis] if isinstance(self.axis, int) else self.axis
        for axis in axes:
            if axis >= len(input_shape) or axis < -len(input_shape):
                raise ValueError(f"Axis {axis} is out of bounds for input shape {input_shape}. "
                                 f"Received: axis={self.axis}")
        return input_shape

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(axis=self.axis, epsilon=self.epsilon)
        return cfg


class Wrapper(Layer):
    """Base class of layers that wrap another layer (``TimeDistributed``,
    ``SpectralNormalization``): stores ``layer``, builds it with the wrapper's input shape, and
    serializes it under ``"layer"``. Subclasses define ``call``.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> class Twice(layers.Wrapper):
        ...     def call(self, x):
        ...         return 2 * self.layer(x)
        >>> t = Twice(layers.Dense(1, kernel_initializer="ones"))
        >>> t(np.ones((1, 3), "float32")).numpy().tolist(), t.get_config()["layer"]["class_name"]
        ([[6.0]], 'Dense')
    """

    def __init__(self, layer: Any, **kwargs: Any) -> None:
        if not isinstance(layer, Layer):
            raise ValueError(f"Layer {layer} supplied to Wrapper isn't a supported layer type. Please ensure wrapped "
                             "layer is a valid Keras layer.")
        super().__init__(**kwargs)
        self.layer = layer

    def build(self, input_shape: Any = None) -> None:
        if not self.layer.built:
            self.layer._build_with_shapes(input_shape)
        self.built = True

    def call(self, inputs: Any, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(f"{type(self).__name__}: keras.layers.Wrapper is an abstract base class; subclass "
                                  "it and define call()")

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg["layer"] = _serialize_layer(self.layer)
        return cfg

    @classmethod
    def from_config(cls, config: dict, custom_objects: dict | None = None) -> Wrapper:
        config = dict(config)
        layer = _deserialize_layer(config.pop("layer"), custom_objects)
        return cls(layer, **config)


__all__ = ["Identity", "RMSNormalization", "Wrapper"]

