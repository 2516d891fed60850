"""Normalization layers: BatchNormalization and LayerNormalization.

Example:
    >>> import numpy as np
    >>> from tapeflow.keras import layers
    >>> y = layers.LayerNormalization()(np.array([[1.0, 3.0]], "float32"))
    >>> np.round(y.numpy(), 2).tolist()
    [[-1.0, 1.0]]
"""

from __future__ import annotations

from typing import Any

import numpy as np

import tapeflow as tf

from ...primitives import core as C
from ...tensor import Tensor
from .. import initializers as _inits
from .. import regularizers as _regs
from .base import Layer
from .core import _ser


def _axes(axis: Any, ndim: int, who: str, name: str) -> tuple:
    ax = [axis] if isinstance(axis, (int, np.integer)) else list(axis)
    out = []
    for a in ax:
        a = int(a)
        if not -ndim <= a < ndim:
            raise ValueError(f"{who} layer '{name}': axis {a} is out of range for an input of rank {ndim}")
        out.append(a % ndim)
    if len(set(out)) != len(out):
        raise ValueError(f"{who} layer '{name}': duplicate axes in {axis!r}")
    return tuple(sorted(out))


class _Normalization(Layer):
    """What BatchNormalization and LayerNormalization share: the axes, gamma/beta, the affine step."""

    _cast_all = True
    _who = "Normalization"  # the class name used in error messages

    def _init_affine(self, axis: Any, epsilon: float, center: bool, scale: bool, beta_initializer: Any,
                     gamma_initializer: Any, beta_regularizer: Any, gamma_regularizer: Any,
                     beta_constraint: Any, gamma_constraint: Any) -> None:
        self.axis = axis
        self.epsilon = float(epsilon)
        self.center = bool(center)
        self.scale = bool(scale)
        self.beta_initializer = _inits.get(beta_initializer)
        self.gamma_initializer = _inits.get(gamma_initializer)
        self.beta_regularizer = _regs.get(beta_regularizer)
        self.gamma_regularizer = _regs.get(gamma_regularizer)
        self.beta_constraint = beta_constraint
        self.gamma_constraint = gamma_constraint
        self.gamma = self.beta = None

    def _build_affine(self, input_shape: Any) -> tuple:
        """Resolve ``axis``, create gamma/beta over it; returns the parameters' shape."""
        nd = len(input_shape)
        self._ax = _axes(self.axis, nd, self._who, self.name)
        dims = tuple(input_shape[a] for a in self._ax)
        if any(d is None for d in dims):
            raise ValueError(f"{self._who} layer '{self.name}': axis {self.axis} of input shape "
                             f"{input_shape} must be known")
        if self.scale:
            self.gamma = self.add_weight(name="gamma", shape=dims, initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer, constraint=self.gamma_constraint)
        if self.center:
            self.beta = self.add_weight(name="beta", shape=dims, initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer, constraint=self.beta_constraint)
        self._spec = (nd, 0, tuple((a, int(input_shape[a])) for a in self._ax))
        return dims

    def _b(self, t: Tensor) -> Tensor:
        return t if self._bshape is None else C.reshape_to(t, self._bshape)

    def _normalize(self, x: Tensor, mean: Tensor, var: Tensor) -> Tensor:
        """``gamma * (x - mean) / sqrt(var + epsilon) + beta`` (gamma/beta when scale/center)."""
        inv = tf.math.rsqrt(C.add(var, Tensor(np.asarray(self.epsilon, x._value.dtype))))
        if self.scale:
            inv = C.multiply(inv, self._b(self.gamma._read()))
        y = C.multiply(C.subtract(x, mean), inv)
        if self.center:
            y = C.add(y, self._b(self.beta._read()))
        return y

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape


class BatchNormalization(_Normalization):
    """Normalizes with batch statistics in training and moving averages at inference.

    In training: ``y = gamma * (x - mean) / sqrt(var + epsilon) + beta`` with the mean and
    (biased) variance of the batch over all axes but ``axis``, and
    ``moving = moving * momentum + batch_stat * (1 - momentum)``. At inference the moving
    statistics are used. A layer with ``trainable = False`` always runs in inference mode.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> bn = layers.BatchNormalization()
        >>> y = bn(np.array([[0.0], [2.0]], "float32"), training=True)
        >>> np.round(y.numpy().reshape(-1), 2).tolist(), round(float(bn.moving_mean.numpy()[0]), 4)
        ([-1.0, 1.0], 0.01)
    """

    _who = "BatchNormalization"

    def __init__(
        self,
        axis: Any = -1,
        momentum: float = 0.99,
        epsilon: float = 1e-3,
        center: bool = True,
        scale: bool = True,
        beta_initializer: Any = "zeros",
        gamma_initializer: Any = "ones",
        moving_mean_initializer: Any = "zeros",
        moving_variance_initializer: Any = "ones",
        beta_regularizer: Any = None,
        gamma_regularizer: Any = None,
        beta_constraint: Any = None,
        gamma_constraint: Any = None,
        synchronized: bool = False,
        **kwargs: Any,
    ) -> None:
        for k in ("renorm", "fused", "virtual_batch_size", "adjustment"):
            if kwargs.pop(k, None):
                raise ValueError(f"BatchNormalization: {k} is not supported by tapeflow")
        kwargs.pop("renorm_clipping", None)
        kwargs.pop("renorm_momentum", None)
        super().__init__(**kwargs)
        self._init_affine(axis, epsilon, center, scale, beta_initializer, gamma_initializer, beta_regularizer,
                          gamma_regularizer, beta_constraint, gamma_constraint)
        self.momentum = float(momentum)
        self.moving_mean_initializer = _inits.get(moving_mean_initializer)
        self.moving_variance_initializer = _inits.get(moving_variance_initializer)
        self.synchronized = synchronized
        self.moving_mean = self.moving_variance = None

    def build(self, input_shape: Any) -> None:
        shape = self._build_affine(input_shape)
        nd = len(input_shape)
        self._red = tuple(i for i in range(nd) if i not in self._ax)
        # parameters broadcast against the input: (C,) for the last axis, else with 1s
        self._bshape = None if self._ax == (nd - 1,) else tuple(
            input_shape[i] if i in self._ax else 1 for i in range(nd))
        self.moving_mean = self.add_weight(name="moving_mean", shape=shape, initializer=self.moving_mean_initializer,
                                           trainable=False)
        self.moving_variance = self.add_weight(name="moving_variance", shape=shape,
                                               initializer=self.moving_variance_initializer, trainable=False)
        self.built = True

    def call(self, inputs: Tensor, training: Any = None) -> Tensor:
        x = inputs
        if training and self.trainable:
            mean, var = tf.nn.moments(x, axes=list(self._red), keepdims=self._bshape is not None)
            if self._bshape is not None:
                mean_v = C.reshape_to(mean, self.moving_mean.shape)
                var_v = C.reshape_to(var, self.moving_variance.shape)
            else:
                mean_v, var_v = mean, var
            m = self.momentum
            dt = self.moving_mean._t._value.dtype
            # the moving statistics are state, not part of the differentiated computation
            self.moving_mean.assign((self.moving_mean._t._value * m + mean_v._value * (1.0 - m)).astype(dt))
            self.moving_variance.assign((self.moving_variance._t._value * m + var_v._value * (1.0 - m)).astype(dt))
        else:
            mean = self._b(self.moving_mean._read())
            var = self._b(self.moving_variance._read())
        return self._normalize(x, mean, var)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(
            axis=self.axis, momentum=self.momentum, epsilon=self.epsilon, center=self.center, scale=self.scale,
            beta_initializer=_ser(self.beta_initializer), gamma_initializer=_ser(self.gamma_initializer),
            moving_mean_initializer=_ser(self.moving_mean_initializer),
            moving_variance_initializer=_ser(self.moving_variance_initializer),
            beta_regularizer=_ser(self.beta_regularizer), gamma_regularizer=_ser(self.gamma_regularizer),
        )
        return cfg


class LayerNormalization(_Normalization):
    """Normalizes each sample over ``axis`` (the last by default), then scales and shifts:
    ``y = gamma * (x - mean) / sqrt(var + epsilon) + beta``.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.LayerNormalization(epsilon=0.0)(np.array([[1.0, 3.0]], "float32")).numpy().tolist()
        [[-1.0, 1.0]]
    """

    _who = "LayerNormalization"

    def __init__(
        self,
        axis: Any = -1,
        epsilon: float = 1e-3,
        center: bool = True,
        scale: bool = True,
        beta_initializer: Any = "zeros",
        gamma_initializer: Any = "ones",
        beta_regularizer: Any = None,
        gamma_regularizer: Any = None,
        beta_constraint: Any = None,
        gamma_constraint: Any = None,
        **kwargs: Any,
    ) -> None:
        kwargs.pop("rms_scaling", None)
        super().__init__(**kwargs)
        self._init_affine(axis, epsilon, center, scale, beta_initializer, gamma_initializer, beta_regularizer,
                          gamma_regularizer, beta_constraint, gamma_constraint)

    def build(self, input_shape: Any) -> None:
        self._build_affine(input_shape)
        nd = len(input_shape)
        self._bshape = None if self._ax == tuple(range(nd - len(self._ax), nd)) else tuple(
            input_shape[i] if i in self._ax else 1 for i in range(nd))
        self.built = True

    def call(self, inputs: Tensor) -> Tensor:
        mean, var = tf.nn.moments(inputs, axes=list(self._ax), keepdims=True)
        return self._normalize(inputs, mean, var)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(axis=self.axis, epsilon=self.epsilon, center=self.center, scale=self.scale,
                   beta_initializer=_ser(self.beta_initializer), gamma_initializer=_ser(self.gamma_initializer),
                   beta_regularizer=_ser(self.beta_regularizer), gamma_regularizer=_ser(self.gamma_regularizer))
        return cfg


__all__ = ["BatchNormalization", "LayerNormalization"]
