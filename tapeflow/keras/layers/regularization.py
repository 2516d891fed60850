"""Keras layers: regularization (spatial dropout, Gaussian noise and dropout, alpha dropout,
activity regularization). ``Dropout`` itself lives in ``core.py``.

The noise layers act only in training (``training=True``, or inside ``fit``); at inference they
are the identity. Their noise comes from tapeflow's random ops: with ``seed=None`` from the
global stream (reproducible under ``tf.random.set_seed``), with an integer ``seed`` from the
stateless generators keyed by ``(seed, n)`` where ``n`` counts the layer's draws, so two layers
built with the same seed draw the same masks, call after call, whatever else runs in between.

Example:
    >>> import numpy as np
    >>> from tapeflow.keras import layers
    >>> x = np.ones((2, 3), "float32")
    >>> layers.GaussianNoise(0.5)(x).numpy().tolist()  # inference: the identity
    [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0]]
    >>> a = layers.GaussianNoise(0.5, seed=7)(x, training=True)
    >>> b = layers.GaussianNoise(0.5, seed=7)(x, training=True)
    >>> bool((a.numpy() == b.numpy()).all()), bool((a.numpy() != 1).all())
    (True, True)
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import tapeflow as tf

from ...tensor import Tensor
from .. import regularizers as _regs
from .base import Layer
from .conv import AnalyticShape, _std_format
from .core import Dropout


def _check_rate(rate: Any, what: str, who: str) -> float:
    if isinstance(rate, bool) or not isinstance(rate, numbers.Real) or not 0 <= rate <= 1:
        raise ValueError(f"{who}: invalid value received for argument `{what}`. Expected a float value between 0 "
                         f"and 1. Received: {what}={rate!r}")
    return rate


class _Noise:
    """Mixin: per-layer random draws (see the module docstring)."""

    seed: Any = None

    def _seed_pair(self) -> list:
        n = self.__dict__.get("_draws", 0)
        self.__dict__["_draws"] = n + 1
        return [int(self.seed) & 0x7FFFFFFF, n]

    def _uniform(self, shape: Any, dtype: Any) -> Tensor:
        if self.seed is None:
            return tf.random.uniform(shape, dtype=dtype)
        return tf.random.stateless_uniform(shape, seed=self._seed_pair(), dtype=dtype)

    def _normal(self, shape: Any, mean: float, stddev: float, dtype: Any) -> Tensor:
        if self.seed is None:
            return tf.random.normal(shape, mean=mean, stddev=stddev, dtype=dtype)
        return tf.random.stateless_normal(shape, seed=self._seed_pair(), mean=mean, stddev=stddev, dtype=dtype)

    def _keep_mask(self, shape: Any, rate: float, dtype: Any) -> Tensor:
        """1.0 where an element is kept (probability 1 - rate), 0.0 where it is dropped."""
        return tf.cast(tf.greater_equal(self._uniform(shape, dtype), tf.constant(rate, dtype)), dtype)


def _float_input(layer: Layer, x: Any) -> Tensor:
    if not isinstance(x, Tensor) or not x.dtype.is_floating:
        raise TypeError(f"{type(layer).__name__} layer '{layer.name}': expected a floating-point input, got "
                        f"{getattr(x, 'dtype', type(x))!r}")
    return x


# --- spatial dropout ------------------------------------------------------------------------------


class _SpatialDropout(_Noise, AnalyticShape, Dropout):
    _rank = 1

    def __init__(self, rate: float, seed: int | None = None, name: str | None = None, dtype: Any = None) -> None:
        super().__init__(rate, seed=seed, name=name, dtype=dtype)
        self.supports_masking = True
        self._spec = (self._rank + 2, 0, ())

    def _noise_shape(self, shape: tuple) -> tuple:
        if getattr(self, "data_format", "channels_last") == "channels_first":
            return shape[:2] + (1,) * self._rank
        return (shape[0],) + (1,) * self._rank + (shape[-1],)

    def call(self, inputs: Any, training: Any = None) -> Any:
        if training and self.rate > 0:
            x = _float_input(self, inputs)
            if self.rate >= 1.0:
                return x * tf.zeros_like(x)
            keep = self._keep_mask(self._noise_shape(tuple(x.shape)), self.rate, x.dtype)
            return x * (keep * tf.constant(1.0 / (1.0 - self.rate), x.dtype))
        return inputs

    def compute_output_shape(self, input_shape: Any) -> Any:
        return tuple(input_shape)

    def get_config(self) -> dict:
        return {"rate": self.rate, "seed": self.seed, "name": self.name, "dtype": self.dtype}


class SpatialDropout1D(_SpatialDropout):
    """Dropout of whole feature channels of (batch, steps, channels) inputs: each sample drops a
    channel at every step at once (probability ``rate``), scaling the kept ones by 1 / (1 - rate).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> y = layers.SpatialDropout1D(0.5, seed=1)(np.ones((2, 4, 3), "float32"), training=True).numpy()
        >>> bool((y == y[:, :1, :]).all()), sorted(set(y.reshape(-1).tolist())) in ([0.0, 2.0], [2.0], [0.0])
        (True, True)
    """

    _rank = 1


class SpatialDropout2D(_SpatialDropout):
    """Dropout of whole feature maps of (batch, rows, cols, channels) inputs (or channels_first).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> y = layers.SpatialDropout2D(0.5, seed=1)(np.ones((2, 3, 3, 4), "float32"), training=True).numpy()
        >>> bool((y == y[:, :1, :1, :]).all())
        True
    """

    _rank = 2

    def __init__(self, rate: float, data_format: str | None = None, seed: int | None = None, name: str | None = None,
                 dtype: Any = None) -> None:
        super().__init__(rate, seed=seed, name=name, dtype=dtype)
        self.data_format = _std_format(data_format, "SpatialDropout2D")

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg["data_format"] = self.data_format
        return cfg


class SpatialDropout3D(_SpatialDropout):
    """Dropout of whole feature volumes of (batch, d1, d2, d3, channels) inputs (or channels_first).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> y = layers.SpatialDropout3D(0.5, seed=1)(np.ones((2, 2, 2, 2, 3), "float32"), training=True).numpy()
        >>> bool((y == y[:, :1, :1, :1, :]).all())
        True
    """

    _rank = 3

    def __init__(self, rate: float, data_format: str | None = None, seed: int | None = None, name: str | None = None,
                 dtype: Any = None) -> None:
        super().__init__(rate, seed=seed, name=name, dtype=dtype)
        self.data_format = _std_format(data_format, "SpatialDropout3D")

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg["data_format"] = self.data_format
        return cfg


# --- Gaussian noise and dropout, alpha dropout ---------------------------------------------------


class GaussianNoise(_Noise, AnalyticShape, Layer):
    """Adds zero-centred Gaussian noise of standard deviation ``stddev`` in training.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.GaussianNoise(0.1)(np.zeros((1, 2), "float32"), training=False).numpy().tolist()
        [[0.0, 0.0]]
    """

    def __init__(self, stddev: float, seed: int | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.stddev = _check_rate(stddev, "stddev", "GaussianNoise")
        self.seed = seed
        self.supports_masking = True

    def call(self, inputs: Any, training: Any = None) -> Any:
        if training and self.stddev > 0:
            x = _float_input(self, inputs)
            return x + self._normal(tuple(x.shape), 0.0, float(self.stddev), x.dtype)
        return inputs

    def compute_output_shape(self, input_shape: Any) -> Any:
        return tuple(input_shape)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(stddev=self.stddev, seed=self.seed)
        return cfg


class GaussianDropout(_Noise, AnalyticShape, Layer):
    """Multiplies the inputs by Gaussian noise of mean 1 and standard deviation
    ``sqrt(rate / (1 - rate))`` in training.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> y = layers.GaussianDropout(0.2, seed=3)(np.ones((1000,), "float32"), training=True).numpy()
        >>> round(float(y.mean()), 1), round(float(y.std()), 1)
        (1.0, 0.5)
    """

    def __init__(self, rate: float, seed: int | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rate = _check_rate(rate, "rate", "GaussianDropout")
        self.seed = seed
        self.supports_masking = True

    def call(self, inputs: Any, training: Any = None) -> Any:
        if training and self.rate > 0:
            x = _float_input(self, inputs)
            stddev = math.sqrt(self.rate / (1.0 - self.rate)) if self.rate < 1 else math.inf
            return x * self._normal(tuple(x.shape), 1.0, stddev, x.dtype)
        return inputs

    def compute_output_shape(self, input_shape: Any) -> Any:
        return tuple(input_shape)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(rate=self.rate, seed=self.seed)
        return cfg


_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


class AlphaDropout(_Noise, AnalyticShape, Layer):
    """Dropout that keeps the mean and variance of its inputs (for SELU networks): dropped
    elements are set to ``-alpha * scale`` of SELU, then an affine map ``a * x + b`` restores
    the statistics. Training only. ``noise_shape`` as ``Dropout`` (``None`` entries taken
    from the input).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.AlphaDropout(0.5)(np.ones((1, 2), "float32")).numpy().tolist()
        [[1.0, 1.0]]
    """

    def __init__(self, rate: float, noise_shape: Any = None, seed: int | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rate = _check_rate(rate, "rate", "AlphaDropout")
        self.seed = seed
        self.noise_shape = noise_shape
        self.supports_masking = True

    def _concrete_noise_shape(self, shape: tuple) -> tuple:
        if self.noise_shape is None:
            return shape
        ns = tuple(self.noise_shape)
        if len(ns) != len(shape):
            raise ValueError(f"AlphaDropout layer '{self.name}': noise_shape {ns} must have the rank of the input "
                             f"(shape {shape})")
        out = tuple(s if d is None else int(d) for d, s in zip(ns, shape))
        if any(d != s and d != 1 for d, s in zip(out, shape)):
            raise ValueError(f"AlphaDropout layer '{self.name}': noise_shape {ns} does not broadcast to the input "
                             f"shape {shape}")
        return out

    def call(self, inputs: Any, training: Any = None) -> Any:
        if training and self.rate > 0:
            x = _float_input(self, inputs)
            dt = x.dtype
            rate = float(self.rate)
            alpha_p = -_SELU_ALPHA * _SELU_SCALE
            keep = self._keep_mask(self._concrete_noise_shape(tuple(x.shape)), rate, dt)
            a = ((1 - rate) * (1 + rate * alpha_p ** 2)) ** -0.5
            b = -a * alpha_p * rate
            y = x * keep + tf.constant(alpha_p, dt) * (tf.constant(1.0, dt) - keep)
            return tf.constant(a, dt) * y + tf.constant(b, dt)
        return inputs

    def compute_output_shape(self, input_shape: Any) -> Any:
        return tuple(input_shape)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(rate=self.rate, seed=self.seed, noise_shape=self.noise_shape)
        return cfg


class ActivityRegularization(AnalyticShape, Layer):
    """The identity, adding ``l1 * sum(|x|) + l2 * sum(x**2)`` of its output to ``losses`` on
    each call (through the layer's ``activity_regularizer``, an ``L1L2``).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> reg = layers.ActivityRegularization(l1=0.5)
        >>> reg(np.array([[1.0, -2.0]], "float32")).numpy().tolist(), len(reg.losses)
        ([[1.0, -2.0]], 1)
    """

    def __init__(self, l1: float = 0.0, l2: float = 0.0, **kwargs: Any) -> None:
        kwargs.pop("activity_regularizer", None)
        super().__init__(**kwargs)
        self.activity_regularizer = _regs.L1L2(l1=l1, l2=l2)
        self.supports_masking = True
        self.l1 = l1
        self.l2 = l2

    def call(self, inputs: Any) -> Any:
        return inputs

    def compute_output_shape(self, input_shape: Any) -> Any:
        return tuple(input_shape)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.pop("activity_regularizer", None)
        cfg.update(l1=self.l1, l2=self.l2)
        return cfg


__all__: list[str] = [
    "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "GaussianNoise", "GaussianDropout", "AlphaDropout",
    "ActivityRegularization",
]
