"""Convolution and pooling layers: Conv2D, MaxPooling2D, AveragePooling2D, global pooling.

Example:
    >>> import numpy as np
    >>> from tapeflow.keras import layers
    >>> layers.Conv2D(4, 3, padding="same")(np.zeros((1, 8, 8, 2), "float32")).shape.as_list()
    [1, 8, 8, 4]
"""

from __future__ import annotations

from typing import Any

import tapeflow as tf

from ...primitives import core as C
from ...tensor import Tensor
from .base import Layer
from .core import _build_kernel_bias, _data_format, _init_kernel_bias, _kernel_bias_config


def _pair(v: Any, what: str, who: str) -> tuple:
    if isinstance(v, int):
        v = (v, v)
    try:
        v = tuple(int(a) for a in v)
    except (TypeError, ValueError):
        raise ValueError(f"{who}: {what} must be an int or a pair of ints, got {v!r}") from None
    if len(v) != 2 or any(a <= 0 for a in v):
        raise ValueError(f"{who}: {what} must be an int or a pair of positive ints, got {v!r}")
    return v


def _padding(p: Any, who: str) -> str:
    p = str(p).lower()
    if p not in ("valid", "same"):
        raise ValueError(f"{who}: padding must be 'valid' or 'same', got {p!r}")
    return p


class Conv2D(Layer):
    """2-D convolution over (batch, height, width, channels) inputs (channels_last).

    Args:
        filters: number of output channels.
        kernel_size: int or (height, width) of the window.
        strides: int or pair (1 by default).
        padding: "valid" (default) or "same".
        data_format: "channels_last" (default) or "channels_first".
        dilation_rate: int or pair (1 by default).
        activation, use_bias, initializers, regularizers, constraints: as Dense.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> conv = layers.Conv2D(1, 2, kernel_initializer="ones", use_bias=False)
        >>> conv(np.ones((1, 3, 3, 1), "float32")).numpy().reshape(-1).tolist()
        [4.0, 4.0, 4.0, 4.0]
    """

    _cast_all = True

    def __init__(
        self,
        filters: int,
        kernel_size: Any,
        strides: Any = (1, 1),
        padding: str = "valid",
        data_format: str | None = None,
        dilation_rate: Any = (1, 1),
        groups: int = 1,
        activation: Any = None,
        use_bias: bool = True,
        kernel_initializer: Any = "glorot_uniform",
        bias_initializer: Any = "zeros",
        kernel_regularizer: Any = None,
        bias_regularizer: Any = None,
        activity_regularizer: Any = None,
        kernel_constraint: Any = None,
        bias_constraint: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        who = "Conv2D"
        if int(filters) <= 0:
            raise ValueError(f"{who}: filters must be a positive integer, got {filters!r}")
        if groups != 1:
            raise ValueError(f"{who}: groups other than 1 are not supported by tapeflow (got {groups})")
        self.filters = int(filters)
        self.kernel_size = _pair(kernel_size, "kernel_size", who)
        self.strides = _pair(strides, "strides", who)
        self.padding = _padding(padding, who)
        self.data_format = _data_format(data_format, who)
        self.dilation_rate = _pair(dilation_rate, "dilation_rate", who)
        if self.strides != (1, 1) and self.dilation_rate != (1, 1):
            raise ValueError(f"{who}: strides > 1 together with dilation_rate > 1 is not supported")
        self.groups = groups
        _init_kernel_bias(self, activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                          bias_regularizer, kernel_constraint, bias_constraint)
        self._fmt = "NHWC" if self.data_format == "channels_last" else "NCHW"
        self._cax = -1 if self.data_format == "channels_last" else 1
        self._spec = (4, 0, ())

    def build(self, input_shape: Any) -> None:
        if len(input_shape) != 4:
            raise ValueError(f"Conv2D layer '{self.name}': expected a 4-D input, got shape {input_shape}")
        ch = input_shape[self._cax]
        if ch is None:
            raise ValueError(f"Conv2D layer '{self.name}': the channel dimension must be known, got {input_shape}")
        _build_kernel_bias(self, self.kernel_size + (ch, self.filters), self.filters)
        self._spec = (4, 0, ((self._cax, int(ch)),))
        self.built = True

    def call(self, inputs: Tensor) -> Tensor:
        y = tf.nn.conv2d(inputs, self.kernel, strides=self.strides, padding=self.padding.upper(),
                         data_format=self._fmt, dilations=self.dilation_rate)
        if self.use_bias:
            b = self.bias._read()
            if self._cax == 1:
                b = C.reshape_to(b, (self.filters, 1, 1))
            y = C.add(y, b)
        return y if self._linear else self.activation(y)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(
            filters=self.filters, kernel_size=self.kernel_size, strides=self.strides, padding=self.padding,
            data_format=self.data_format, dilation_rate=self.dilation_rate, groups=self.groups,
            **_kernel_bias_config(self),
        )
        return cfg


class _Pooling2D(Layer):
    _cast_all = True
    _op = "max_pool2d"

    def __init__(self, pool_size: Any = (2, 2), strides: Any = None, padding: str = "valid",
                 data_format: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        who = type(self).__name__
        self.pool_size = _pair(pool_size, "pool_size", who)
        self.strides = self.pool_size if strides is None else _pair(strides, "strides", who)
        self.padding = _padding(padding, who)
        self.data_format = _data_format(data_format, who)
        self._fmt = "NHWC" if self.data_format == "channels_last" else "NCHW"
        self._spec = (4, 0, ())

    def call(self, inputs: Tensor) -> Tensor:
        fn = getattr(tf.nn, self._op)
        return fn(inputs, ksize=self.pool_size, strides=self.strides, padding=self.padding.upper(),
                  data_format=self._fmt)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(pool_size=self.pool_size, strides=self.strides, padding=self.padding,
                   data_format=self.data_format)
        return cfg


class MaxPooling2D(_Pooling2D):
    """Max over ``pool_size`` windows (``strides`` default to ``pool_size``).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.arange(16, dtype="float32").reshape(1, 4, 4, 1)
        >>> layers.MaxPooling2D()(x).numpy().reshape(-1).tolist()
        [5.0, 7.0, 13.0, 15.0]
    """

    _op = "max_pool2d"


class AveragePooling2D(_Pooling2D):
    """Mean over ``pool_size`` windows (``strides`` default to ``pool_size``).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.arange(16, dtype="float32").reshape(1, 4, 4, 1)
        >>> layers.AveragePooling2D()(x).numpy().reshape(-1).tolist()
        [2.5, 4.5, 10.5, 12.5]
    """

    _op = "avg_pool2d"


class _GlobalPooling2D(Layer):
    _cast_all = True

    def __init__(self, data_format: str | None = None, keepdims: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data_format = _data_format(data_format, type(self).__name__)
        self.keepdims = bool(keepdims)
        self._axes = [1, 2] if self.data_format == "channels_last" else [2, 3]
        self._spec = (4, 0, ())

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(data_format=self.data_format, keepdims=self.keepdims)
        return cfg


class GlobalAveragePooling2D(_GlobalPooling2D):
    """Mean over the spatial axes: (N, H, W, C) -> (N, C) (or (N, 1, 1, C) with keepdims).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.GlobalAveragePooling2D()(np.ones((2, 3, 3, 4), "float32")).shape.as_list()
        [2, 4]
    """

    def call(self, inputs: Tensor) -> Tensor:
        return tf.reduce_mean(inputs, axis=self._axes, keepdims=self.keepdims)


class GlobalMaxPooling2D(_GlobalPooling2D):
    """Max over the spatial axes: (N, H, W, C) -> (N, C).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.GlobalMaxPooling2D()(np.ones((2, 3, 3, 4), "float32")).shape.as_list()
        [2, 4]
    """

    def call(self, inputs: Tensor) -> Tensor:
        return tf.reduce_max(inputs, axis=self._axes, keepdims=self.keepdims)


MaxPool2D = MaxPooling2D
AvgPool2D = AveragePooling2D
GlobalAvgPool2D = GlobalAveragePooling2D
GlobalMaxPool2D = GlobalMaxPooling2D
Convolution2D = Conv2D

__all__ = ["Conv2D", "Convolution2D", "MaxPooling2D", "AveragePooling2D", "MaxPool2D", "AvgPool2D",
           "GlobalAveragePooling2D", "GlobalMaxPooling2D", "GlobalAvgPool2D", "GlobalMaxPool2D"]
