"""Keras layers: 1-D and 3-D pooling and global pooling (the 2-D layers live in ``conv.py``).

Example:
    >>> import numpy as np
    >>> from tapeflow.keras import layers
    >>> x = np.array([[[1.0], [5.0], [2.0], [4.0]]], "float32")
    >>> layers.MaxPooling1D()(x).numpy().reshape(-1).tolist()
    [5.0, 4.0]
    >>> layers.GlobalAveragePooling1D()(x).numpy().tolist()
    [[3.0]]
"""

from __future__ import annotations

from typing import Any

import tapeflow as tf

from ...errors import InvalidArgumentError
from ...tensor import Tensor
from .conv import _GlobalAverage, _GlobalMax, _Pooling


class MaxPooling1D(_Pooling):
    """Max over windows of ``pool_size`` steps of (batch, steps, features) inputs (``strides``
    default to ``pool_size``; "same" padding pads the end as TF).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.array([[[1.0], [5.0], [2.0], [4.0], [3.0]]], "float32")
        >>> layers.MaxPooling1D(2, padding="same")(x).numpy().reshape(-1).tolist()
        [5.0, 4.0, 3.0]
    """

    _rank = 1

    def __init__(self, pool_size: Any = 2, strides: Any = None, padding: str = "valid",
                 data_format: str | None = None, name: str | None = None, **kwargs: Any) -> None:
        super().__init__(pool_size, strides, padding, data_format, name, **kwargs)


class AveragePooling1D(_Pooling):
    """Mean over windows of ``pool_size`` steps ("same" padding: over the real elements only).
    (Keras requires ``pool_size``; tapeflow defaults it to 2, like ``AveragePooling2D``.)

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.array([[[1.0], [5.0], [2.0], [4.0], [3.0]]], "float32")
        >>> layers.AveragePooling1D(2, padding="same")(x).numpy().reshape(-1).tolist()
        [3.0, 3.0, 3.0]
    """

    _rank = 1
    _mode = "average"

    def __init__(self, pool_size: Any = 2, strides: Any = None, padding: str = "valid",
                 data_format: str | None = None, name: str | None = None, **kwargs: Any) -> None:
        super().__init__(pool_size, strides, padding, data_format, name, **kwargs)


class MaxPooling3D(_Pooling):
    """Max over ``pool_size`` windows of (batch, d1, d2, d3, channels) inputs. As TF's
    MaxPool3DGrad, a window's gradient goes to every position holding its maximum.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.arange(8, dtype="float32").reshape(1, 2, 2, 2, 1)
        >>> layers.MaxPooling3D()(x).numpy().reshape(-1).tolist()
        [7.0]
    """

    _rank = 3

    def __init__(self, pool_size: Any = (2, 2, 2), strides: Any = None, padding: str = "valid",
                 data_format: str | None = None, name: str | None = None, **kwargs: Any) -> None:
        super().__init__(pool_size, strides, padding, data_format, name, **kwargs)


class AveragePooling3D(_Pooling):
    """Mean over ``pool_size`` windows of 5-D inputs. (Keras requires ``pool_size``; tapeflow
    defaults it to (2, 2, 2).)

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.arange(8, dtype="float32").reshape(1, 2, 2, 2, 1)
        >>> layers.AveragePooling3D((2, 2, 2))(x).numpy().reshape(-1).tolist()
        [3.5]
    """

    _rank = 3
    _mode = "average"

    def __init__(self, pool_size: Any = (2, 2, 2), strides: Any = None, padding: str = "valid",
                 data_format: str | None = None, name: str | None = None, **kwargs: Any) -> None:
        super().__init__(pool_size, strides, padding, data_format, name, **kwargs)


class GlobalAveragePooling1D(_GlobalAverage):
    """Mean over the steps axis: (N, T, C) -> (N, C) (or (N, 1, C) with ``keepdims``).

    With ``mask`` (a (N, T) boolean tensor, True = keep), the mean is over the unmasked steps
    only (a fully masked sample gives NaN, as Keras).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.array([[[1.0], [2.0], [6.0]]], "float32")
        >>> gap = layers.GlobalAveragePooling1D()
        >>> gap(x).numpy().tolist(), gap(x, mask=np.array([[True, True, False]])).numpy().tolist()
        ([[3.0]], [[1.5]])
    """

    _rank = 1

    def __init__(self, data_format: str | None = None, keepdims: bool = False, **kwargs: Any) -> None:
        super().__init__(data_format=data_format, keepdims=keepdims, **kwargs)
        self.supports_masking = True

    def call(self, inputs: Tensor, mask: Any = None) -> Tensor:
        if mask is None:
            return tf.reduce_mean(inputs, axis=self._axes, keepdims=self.keepdims)
        m = tf.convert_to_tensor(mask)
        steps = 1 if self.data_format == "channels_last" else 2
        if tuple(m.shape) != (inputs.shape[0], inputs.shape[steps]):
            raise InvalidArgumentError(
                f"GlobalAveragePooling1D layer '{self.name}': mask of shape {tuple(m.shape)} does not match the "
                f"input of shape {tuple(inputs.shape)} (expected (batch, steps) = "
                f"{(inputs.shape[0], inputs.shape[steps])})", op="GlobalAveragePooling1D")
        m = tf.cast(m, tf.bool)
        m = tf.expand_dims(m, 2 if self.data_format == "channels_last" else 1)
        x = tf.where(m, inputs, tf.zeros_like(inputs))
        fm = tf.cast(m, inputs.dtype)
        return tf.reduce_sum(x, axis=steps, keepdims=self.keepdims) / tf.reduce_sum(fm, axis=steps,
                                                                                     keepdims=self.keepdims)

    def compute_mask(self, inputs: Any, mask: Any = None) -> None:
        return None


class GlobalMaxPooling1D(_GlobalMax):
    """Max over the steps axis: (N, T, C) -> (N, C).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.GlobalMaxPooling1D()(np.array([[[1.0], [7.0], [2.0]]], "float32")).numpy().tolist()
        [[7.0]]
    """

    _rank = 1


class GlobalAveragePooling3D(_GlobalAverage):
    """Mean over the three spatial axes: (N, D, H, W, C) -> (N, C).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.GlobalAveragePooling3D(keepdims=True)(np.ones((2, 3, 3, 3, 4), "float32")).shape.as_list()
        [2, 1, 1, 1, 4]
    """

    _rank = 3


class GlobalMaxPooling3D(_GlobalMax):
    """Max over the three spatial axes: (N, D, H, W, C) -> (N, C).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.GlobalMaxPooling3D(data_format="channels_first")(np.ones((2, 4, 3, 3, 3), "float32")).shape.as_list()
        [2, 4]
    """

    _rank = 3


MaxPool1D = MaxPooling1D
AvgPool1D = AveragePooling1D
MaxPool3D = MaxPooling3D
AvgPool3D = AveragePooling3D
GlobalAvgPool1D = GlobalAveragePooling1D
GlobalMaxPool1D = GlobalMaxPooling1D
GlobalAvgPool3D = GlobalAveragePooling3D
GlobalMaxPool3D = GlobalMaxPooling3D

__all__: list[str] = [
    "MaxPooling1D", "AveragePooling1D", "MaxPooling3D", "AveragePooling3D", "MaxPool1D", "AvgPool1D", "MaxPool3D",
    "AvgPool3D", "GlobalAveragePooling1D", "GlobalMaxPooling1D", "GlobalAveragePooling3D", "GlobalMaxPooling3D",
    "GlobalAvgPool1D", "GlobalMaxPool1D", "GlobalAvgPool3D", "GlobalMaxPool3D",
]
