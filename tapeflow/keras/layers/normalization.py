"""Normalization layers: BatchNormalization and LayerNormalization.

Example:
    >>> import numpy as np
    >>> from tapeflow.keras import layers
    >>> y = layers.LayerNormalization()(np.array([[1.0, 3.0]], "float32"))
    >>> np.round(y.numpy(), 2).tolist()
    [[-1.0, 1.0]]
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
from .misc import Wrapper


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
        self.renorm = False
        self.renorm_clipping = kwargs.pop("renorm_clipping", None)
        self.renorm_momentum = kwargs.pop("renorm_momentum", 0.99)
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
            beta_constraint=_ser(self.beta_constraint), gamma_constraint=_ser(self.gamma_constraint),
            synchronized=self.synchronized, renorm=self.renorm, renorm_clipping=self.renorm_clipping,
            renorm_momentum=self.renorm_momentum,
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
        rms_scaling = bool(kwargs.pop("rms_scaling", False))
        if rms_scaling:
            warnings.warn(
                "You passed `rms_scaling=True`, which is deprecated. This argument incorrectly scales the input by "
                "the variance, not the root mean square. To correctly use RMS Normalization, please use "
                "`keras.layers.RMSNormalization` instead.", stacklevel=2)
        super().__init__(**kwargs)
        self.rms_scaling = rms_scaling
        # with rms_scaling (Keras 3): gamma only, and the input is scaled without centering
        self._init_affine(axis, epsilon, center and not rms_scaling, scale or rms_scaling, beta_initializer,
                          gamma_initializer, beta_regularizer, gamma_regularizer, beta_constraint, gamma_constraint)
        self._center_arg = bool(center)
        self._scale_arg = bool(scale)

    def build(self, input_shape: Any) -> None:
        self._build_affine(input_shape)
        nd = len(input_shape)
        self._bshape = None if self._ax == tuple(range(nd - len(self._ax), nd)) else tuple(
            input_shape[i] if i in self._ax else 1 for i in range(nd))
        self.built = True

    def call(self, inputs: Tensor) -> Tensor:
        mean, var = tf.nn.moments(inputs, axes=list(self._ax), keepdims=True)
        if self.rms_scaling:
            # Keras 3's (deprecated) rms_scaling: x / sqrt(var + epsilon) * gamma, no centering
            return self._normalize(inputs, tf.zeros_like(mean), var)
        return self._normalize(inputs, mean, var)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(axis=self.axis, epsilon=self.epsilon, center=self._center_arg, scale=self._scale_arg,
                   rms_scaling=self.rms_scaling,
                   beta_initializer=_ser(self.beta_initializer), gamma_initializer=_ser(self.gamma_initializer),
                   beta_regularizer=_ser(self.beta_regularizer), gamma_regularizer=_ser(self.gamma_regularizer),
                   beta_constraint=_ser(self.beta_constraint), gamma_constraint=_ser(self.gamma_constraint))
        return cfg


class GroupNormalization(Layer):
    """Normalizes each sample over groups of channels: the ``axis`` channels are split into
    ``groups`` groups, each normalized over its channels and all non-batch axes, then scaled
    and shifted per channel by ``gamma``/``beta``. ``groups=-1`` is instance normalization.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> gn = layers.GroupNormalization(groups=2, epsilon=0.0)
        >>> gn(np.array([[1.0, 3.0, 10.0, 20.0]], "float32")).numpy().tolist()
        [[-1.0, 1.0, -1.0, 1.0]]
    """

    _cast_all = True

    def __init__(
        self,
        groups: int = 32,
        axis: int = -1,
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
        if isinstance(groups, bool) or not isinstance(groups, (int, np.integer)) or (groups <= 0 and groups != -1):
            raise ValueError("Received an invalid value for argument `groups`, expected a positive integer (or `-1` "
                             f"for instance normalization). Received: groups={groups}")
        super().__init__(**kwargs)
        self.supports_masking = True
        self.groups = int(groups)
        self.axis = axis
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.beta_initializer = _inits.get(beta_initializer)
        self.gamma_initializer = _inits.get(gamma_initializer)
        self.beta_regularizer = _regs.get(beta_regularizer)
        self.gamma_regularizer = _regs.get(gamma_regularizer)
        self.beta_constraint = beta_constraint
        self.gamma_constraint = gamma_constraint
        self.gamma = self.beta = None

    def build(self, input_shape: Any) -> None:
        nd = len(input_shape)
        if not -nd <= int(self.axis) < nd:
            raise ValueError(f"GroupNormalization layer '{self.name}': axis {self.axis} is out of range for an input "
                             f"of rank {nd}")
        if int(self.axis) % nd == 0:
            raise ValueError(f"GroupNormalization layer '{self.name}': axis {self.axis} is the batch axis")
        self._axis = int(self.axis) % nd
        dim = input_shape[self._axis]
        if dim is None:
            raise ValueError(f"Axis {self.axis} of input tensor should have a defined dimension but the layer "
                             f"received an input with shape {input_shape}.")
        if self.groups == -1:
            self.groups = int(dim)
        if dim < self.groups:
            raise ValueError(f"Number of groups ({self.groups}) cannot be more than the number of channels ({dim}).")
        if dim % self.groups != 0:
            raise ValueError(f"Number of groups ({self.groups}) must be a multiple of the number of channels ({dim}).")
        if self.scale:
            self.gamma = self.add_weight(shape=(dim,), name="gamma", initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer, constraint=self.gamma_constraint)
        if self.center:
            self.beta = self.add_weight(shape=(dim,), name="beta", initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer, constraint=self.beta_constraint)
        self._spec = (nd, 0, ((self._axis, int(dim)),))
        self.built = True

    def call(self, inputs: Tensor) -> Tensor:
        x = inputs
        shp = tuple(x._value.shape)
        ax, g = self._axis, self.groups
        per = shp[ax] // g
        # (B, ..., groups, channels per group, ...): statistics over everything but batch and group
        grouped = shp[:ax] + (g, per) + shp[ax + 1:]
        xg = C.reshape_to(x, grouped)
        red = [i for i in range(1, len(grouped)) if i != ax]
        mean, var = tf.nn.moments(xg, axes=red, keepdims=True)
        bshape = [1] * len(grouped)
        bshape[ax], bshape[ax + 1] = g, per
        inv = tf.math.rsqrt(C.add(var, Tensor(np.asarray(self.epsilon, x._value.dtype))))
        if self.scale:
            inv = C.multiply(inv, C.reshape_to(self.gamma._read(), tuple(bshape)))
        res = C.multiply(C.negative(mean), inv)
        if self.center:
            res = C.add(res, C.reshape_to(self.beta._read(), tuple(bshape)))
        return C.reshape_to(C.add(C.multiply(xg, inv), res), shp)

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(groups=self.groups, axis=self.axis, epsilon=self.epsilon, center=self.center, scale=self.scale,
                   beta_initializer=_ser(self.beta_initializer), gamma_initializer=_ser(self.gamma_initializer),
                   beta_regularizer=_ser(self.beta_regularizer), gamma_regularizer=_ser(self.gamma_regularizer),
                   beta_constraint=_ser(self.beta_constraint), gamma_constraint=_ser(self.gamma_constraint))
        return cfg


class UnitNormalization(Layer):
    """Scales each sample to unit L2 norm over ``axis`` (an int or a list of ints):
    ``x * min(1 / sqrt(sum(x ** 2)), 1e12)``.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.UnitNormalization()(np.array([[3.0, 4.0]], "float32")).numpy().tolist()
        [[0.6000000238418579, 0.800000011920929]]
    """

    def __init__(self, axis: Any = -1, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if isinstance(axis, (list, tuple)):
            self.axis = list(axis)
        elif isinstance(axis, (int, np.integer)) and not isinstance(axis, bool):
            self.axis = int(axis)
        else:
            raise TypeError("Invalid value for `axis` argument: expected an int or a list/tuple of ints. "
                            f"Received: axis={axis}")
        self.supports_masking = True

    def call(self, inputs: Tensor) -> Tensor:
        x = inputs
        nd = x._value.ndim
        axes = self.axis if isinstance(self.axis, list) else [self.axis]
        for a in axes:
            if not -nd <= a < nd:
                raise ValueError(f"Axis {self.axis} is out of bounds for input shape {tuple(x._value.shape)}.")
        if nd == 0:
            x = C.reshape_to(x, (1,))
        # min(1 / sqrt(s), 1e12) as max(s, 1e-24) ** -0.5 (no division by zero)
        ss = tf.reduce_sum(tf.square(x), axis=self.axis, keepdims=True)
        inv = tf.math.rsqrt(tf.maximum(ss, Tensor(np.asarray(1e-24, x._value.dtype))))
        return C.multiply(x, inv)

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg["axis"] = self.axis
        return cfg


class SpectralNormalization(Wrapper):
    """Wraps a layer with a ``kernel`` (or ``embeddings``) and divides that weight by its
    largest singular value, estimated by ``power_iterations`` steps of power iteration with a
    persistent non-trainable ``vector_u``. As in Keras the normalized kernel is written back
    into the wrapped layer's variable on each call with ``training=True``; inference uses the
    kernel as it is.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> sn = layers.SpectralNormalization(layers.Dense(2, kernel_initializer="ones"))
        >>> _ = sn(np.ones((1, 2), "float32"), training=True)
        >>> np.round(sn.layer.kernel.numpy().astype(float), 4).tolist()
        [[0.5, 0.5], [0.5, 0.5]]
    """

    def __init__(self, layer: Layer, power_iterations: int = 1, **kwargs: Any) -> None:
        if not isinstance(layer, Layer):
            raise ValueError(f"Layer {layer} supplied to Wrapper isn't a supported layer type. Please ensure wrapped "
                             "layer is a valid Keras layer.")
        super().__init__(layer, **kwargs)
        if power_iterations <= 0:
            raise ValueError(f"`power_iterations` should be greater than zero. Received: "
                             f"`power_iterations={power_iterations}`")
        self.layer = layer
        self.power_iterations = int(power_iterations)
        self.kernel = self.vector_u = None

    def build(self, input_shape: Any) -> None:
        if not self.layer.built:
            self.layer._build_with_shapes(input_shape)
        kernel = getattr(self.layer, "kernel", None)
        if kernel is None:
            kernel = getattr(self.layer, "embeddings", None)
        if kernel is None:
            raise ValueError(f"{type(self.layer).__name__} object has no attribute 'kernel' nor 'embeddings'")
        # Keras tracks the wrapped kernel as this layer's own first weight: weights are
        # [kernel, vector_u, <the rest of the wrapped layer's weights>]
        self._own_weights.append(kernel)
        self.kernel = kernel
        self.vector_u = self.add_weight(shape=(1, int(kernel.shape[-1])),
                                        initializer=_inits.TruncatedNormal(stddev=0.02), trainable=False,
                                        name="vector_u", dtype=kernel.dtype)
        self._spec = (None, 1, ((-1, int(input_shape[-1])),)) if input_shape[-1] is not None else None
        self.built = True

    def call(self, inputs: Tensor, training: Any = False) -> Any:
        if training:
            kv = self.kernel._read()
            if bool(tf.reduce_any(tf.not_equal(kv, tf.zeros_like(kv)))):
                u, k = self.normalized_weights()
                self.vector_u.assign(u)
                self.kernel.assign(k)
        out = self.layer(inputs)
        return tf.cast(out, inputs.dtype) if isinstance(out, Tensor) else out

    def normalized_weights(self) -> tuple:
        """(new ``vector_u``, the kernel divided by its estimated spectral norm)."""
        k = tf.stop_gradient(self.kernel._read())
        w = C.reshape_to(k, (-1, int(k.shape[-1])))
        u = self.vector_u._read()
        v = None
        for _ in range(self.power_iterations):
            v = _l2_normalize_all(tf.matmul(u, w, transpose_b=True))
            u = _l2_normalize_all(tf.matmul(v, w))
        sigma = tf.matmul(tf.matmul(v, w), u, transpose_b=True)
        return u, C.divide(k, sigma)

    def compute_output_shape(self, input_shape: Any) -> Any:
        return self.layer.compute_output_shape(input_shape)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg["layer"] = {"class_name": type(self.layer).__name__, "config": self.layer.get_config()}
        cfg["power_iterations"] = self.power_iterations
        return cfg

    @classmethod
    def from_config(cls, config: dict) -> SpectralNormalization:
        config = dict(config)
        inner = config.pop("layer")
        if isinstance(inner, dict):
            from .. import layers as _layers

            inner = getattr(_layers, inner["class_name"]).from_config(inner["config"])
        return cls(inner, **config)


def _l2_normalize_all(x: Tensor) -> Tensor:
    """``x * min(1 / ||x||, 1e7)`` over all elements (Keras's normalize with axis=None)."""
    inv = tf.math.rsqrt(tf.maximum(tf.reduce_sum(tf.square(x)), Tensor(np.asarray(1e-14, x._value.dtype))))
    return C.multiply(x, inv)


__all__ = ["BatchNormalization", "LayerNormalization", "GroupNormalization", "UnitNormalization",
           "SpectralNormalization"]
