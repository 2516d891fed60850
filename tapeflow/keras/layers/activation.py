"""Activation layers: LeakyReLU, ReLU, Softmax, ELU and PReLU (Keras 3 semantics).

Keras 3 has no ``ThresholdedReLU`` layer (use ``ReLU(threshold=...)``), so it is absent here.

Example:
    >>> import numpy as np
    >>> from tapeflow.keras import layers
    >>> layers.LeakyReLU()(np.array([-1.0, 2.0], "float32")).numpy().tolist()
    [-0.30000001192092896, 2.0]
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

import tapeflow as tf

from ...primitives import core as C
from ...tensor import Tensor
from .. import initializers as _inits
from .. import regularizers as _regs
from .base import Layer
from .core import _ser


def _number(value: Any, who: str, what: str, allow_none: bool = False) -> Any:
    """A non-negative Python number (or None where allowed), else Keras's ValueError."""
    if value is None and allow_none:
        return None
    ok = not isinstance(value, bool) and isinstance(value, (int, float, np.integer, np.floating))
    if not ok or value < 0:
        raise ValueError(f"{what} of a {who} layer cannot be None or a negative value. Received: {what}={value}")
    return value


def _const(v: Any, like: Tensor) -> Tensor:
    return Tensor(np.asarray(v, like._value.dtype))


class LeakyReLU(Layer):
    """``x if x >= 0 else negative_slope * x``.

    Args:
        negative_slope: the slope for negative inputs, a float >= 0 (default 0.3). Keras 2's
            ``alpha`` is accepted as an alias, with Keras 3's deprecation warning.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.LeakyReLU(negative_slope=0.5)(np.array([-2.0, 3.0], "float32")).numpy().tolist()
        [-1.0, 3.0]
    """

    def __init__(self, negative_slope: float = 0.3, **kwargs: Any) -> None:
        if "alpha" in kwargs:
            negative_slope = kwargs.pop("alpha")
            warnings.warn("Argument `alpha` is deprecated. Use `negative_slope` instead.", stacklevel=2)
        super().__init__(**kwargs)
        if negative_slope is None or isinstance(negative_slope, bool) or negative_slope < 0:
            raise ValueError(
                "The negative_slope value of a Leaky ReLU layer cannot be None or negative value. "
                f"Expected a float. Received: negative_slope={negative_slope}"
            )
        self.negative_slope = negative_slope
        self.supports_masking = True

    def call(self, inputs: Tensor) -> Tensor:
        return tf.nn.leaky_relu(inputs, alpha=self.negative_slope)

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg["negative_slope"] = self.negative_slope
        return cfg


class ReLU(Layer):
    """Rectified linear unit with an optional cap, leak and threshold (Keras 3's formula)::

        f(x) = max_value                        if x >= max_value
        f(x) = x                                if threshold < x < max_value
        f(x) = negative_slope * (x - threshold) otherwise

    Args:
        max_value: a float >= 0 capping the output, or None (no cap).
        negative_slope: a float >= 0, the slope below the threshold.
        threshold: a float >= 0 below which values are cut (or leaked).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> relu = layers.ReLU(max_value=3.0, negative_slope=0.5, threshold=1.0)
        >>> relu(np.array([-1.0, 0.0, 1.0, 2.0, 5.0], "float32")).numpy().tolist()
        [-1.0, -0.5, 0.0, 2.0, 3.0]
    """

    def __init__(self, max_value: float | None = None, negative_slope: float = 0.0, threshold: float = 0.0,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if max_value is not None and max_value < 0.0:
            raise ValueError(f"max_value of a ReLU layer cannot be a negative value. Received: max_value={max_value}")
        _number(negative_slope, "ReLU", "negative_slope")
        _number(threshold, "ReLU", "threshold")
        self.max_value = max_value
        self.negative_slope = negative_slope
        self.threshold = threshold
        self.supports_masking = True

    def call(self, inputs: Tensor) -> Tensor:
        x = inputs
        slope, cap, thr = self.negative_slope, self.max_value, self.threshold
        if slope != 0 and cap is None and thr == 0:
            return tf.nn.leaky_relu(x, alpha=slope)
        if thr != 0:
            # x where x > threshold, else 0 (the value at the threshold itself is 0, as Keras)
            y = tf.where(tf.greater(x, _const(thr, x)), x, tf.zeros_like(x))
        else:
            y = tf.nn.relu(x)
        if cap is not None:
            y = tf.clip_by_value(y, _const(0, y), _const(cap, y))
        if slope != 0:
            below = tf.nn.relu(C.subtract(_const(thr, x), x)) if thr != 0 else tf.nn.relu(C.negative(x))
            y = C.subtract(y, C.multiply(_const(slope, x), below))
        return y

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(max_value=self.max_value, negative_slope=self.negative_slope, threshold=self.threshold)
        return cfg


class Softmax(Layer):
    """Softmax over ``axis`` (an int, or a list of ints normalized jointly).

    ``mask`` (a call argument broadcastable to the input, True/1 = keep) gives masked
    positions a large negative logit (-1e9, -3e4 for float16) before the softmax and an
    output of exactly 0 after it, as Keras does.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.array([[1.0, 2.0, 3.0]], "float32")
        >>> np.round(layers.Softmax()(x, mask=np.array([[True, True, False]])).numpy().astype(float), 4).tolist()
        [[0.2689, 0.7311, 0.0]]
    """

    def __init__(self, axis: Any = -1, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.axis = axis
        self.supports_masking = True

    def call(self, inputs: Tensor, mask: Any = None) -> Tensor:
        x = inputs
        if mask is not None:
            mask = tf.convert_to_tensor(mask)
            ms, xs = tuple(mask.shape), tuple(x.shape)
            if len(ms) > len(xs) or any(m not in (1, i) for m, i in zip(ms[::-1], xs[::-1])):
                raise ValueError(
                    "The `mask` must be broadcastable to `inputs`. Each mask dimension must be 1 or match the "
                    f"corresponding input dimension. Received: inputs.shape={xs}, mask.shape={ms}"
                )
            if mask.dtype != tf.bool:
                mask = tf.greater(mask, tf.cast(0.5, mask.dtype))
            mask = tf.broadcast_to(mask, xs)
            big = -3e4 if x._value.dtype == np.float16 else -1e9
            x = tf.where(mask, x, tf.fill(xs, _const(big, x)))
        axis = self.axis
        if isinstance(axis, (list, tuple)) and len(axis) > 1:
            y = tf.exp(C.subtract(x, tf.reduce_logsumexp(x, axis=list(axis), keepdims=True)))
        else:
            if isinstance(axis, (list, tuple)):
                axis = axis[0]
            y = tf.nn.softmax(x, axis=axis)
            if mask is None:
                y._keras_logits = x  # as keras.activations.softmax: losses may use the logits
        if mask is not None:
            y = tf.where(mask, y, tf.zeros_like(y))
        return y

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg["axis"] = self.axis
        return cfg


class ELU(Layer):
    """``x if x > 0 else alpha * (exp(x) - 1)``.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> np.round(layers.ELU(alpha=2.0)(np.array([-1.0, 1.0], "float32")).numpy().astype(float), 4).tolist()
        [-1.2642, 1.0]
    """

    def __init__(self, alpha: float = 1.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.alpha = alpha
        self.supports_masking = True

    def call(self, inputs: Tensor) -> Tensor:
        y = tf.nn.elu(inputs)
        if self.alpha == 1:
            return y
        return tf.where(tf.greater(inputs, tf.zeros_like(inputs)), y, C.multiply(_const(self.alpha, y), y))

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg["alpha"] = self.alpha
        return cfg


class PReLU(Layer):
    """Parametric ReLU: ``x if x >= 0 else alpha * x`` with a learned ``alpha`` weight of the
    input's shape (without the batch axis), of size 1 along ``shared_axes``.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> p = layers.PReLU(alpha_initializer="ones", shared_axes=[1])
        >>> p(np.array([[[-2.0, 3.0]]], "float32")).numpy().tolist(), p.alpha.shape.as_list()
        ([[[-2.0, 3.0]]], [1, 2])
    """

    _cast_all = True

    def __init__(self, alpha_initializer: Any = "Zeros", alpha_regularizer: Any = None, alpha_constraint: Any = None,
                 shared_axes: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.supports_masking = True
        self.alpha_initializer = _inits.get(alpha_initializer)
        self.alpha_regularizer = _regs.get(alpha_regularizer)
        self.alpha_constraint = alpha_constraint
        if shared_axes is None:
            self.shared_axes = None
        elif not isinstance(shared_axes, (list, tuple)):
            self.shared_axes = [shared_axes]
        else:
            self.shared_axes = list(shared_axes)
        self.alpha = None

    def build(self, input_shape: Any) -> None:
        nd = len(input_shape)
        if nd < 2:
            raise ValueError(f"PReLU layer '{self.name}' needs inputs with a batch axis and at least one more axis, "
                             f"got shape {input_shape}")
        shared = set()
        for a in self.shared_axes or ():
            if not 1 <= int(a) < nd:
                raise ValueError(f"PReLU layer '{self.name}': shared axis {a} is out of range [1, {nd}) for input "
                                 f"shape {input_shape}")
            shared.add(int(a))
        shape = [1 if i in shared else input_shape[i] for i in range(1, nd)]
        if any(d is None for d in shape):
            raise ValueError(f"PReLU layer '{self.name}': the non-shared axes of input shape {input_shape} must be "
                             "known")
        self.alpha = self.add_weight(shape=tuple(shape), name="alpha", initializer=self.alpha_initializer,
                                     regularizer=self.alpha_regularizer, constraint=self.alpha_constraint)
        self._spec = (nd, 0, tuple((i, int(input_shape[i])) for i in range(1, nd) if i not in shared))
        self.built = True

    def call(self, inputs: Tensor) -> Tensor:
        a = self.alpha._read()
        return C.subtract(tf.nn.relu(inputs), C.multiply(a, tf.nn.relu(C.negative(inputs))))

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(alpha_initializer=_ser(self.alpha_initializer), alpha_regularizer=_ser(self.alpha_regularizer),
                   alpha_constraint=_ser(self.alpha_constraint), shared_axes=self.shared_axes)
        return cfg


__all__ = ["LeakyReLU", "ReLU", "Softmax", "ELU", "PReLU"]
