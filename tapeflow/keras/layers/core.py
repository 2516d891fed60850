"""Core layers: Dense, Activation, Flatten, Reshape, Dropout, Lambda, Rescaling, Embedding.

Example:
    >>> import numpy as np
    >>> from tapeflow.keras import layers
    >>> layers.Dense(3, activation="relu")(np.ones((2, 4), "float32")).shape.as_list()
    [2, 3]
"""

from __future__ import annotations

import inspect
from typing import Any, Callable

import numpy as np

import tapeflow as tf

from ...errors import InvalidArgumentError
from ...primitives import bind1, bind3
from ...primitives import core as C
from ...primitives import fused as _fused
from ...primitives import nn as _N
from ...tensor import Tensor
from .. import activations as _acts
from .. import initializers as _inits
from .. import regularizers as _regs
from .base import Layer

# the fused Dense op's shared params dicts by activation (bound directly on the hot path)
_DENSE_PARAMS: dict = getattr(_fused, "_ACT_PARAMS", None) or {}


def _ser(obj: Any) -> Any:
    """An initializer/regularizer/constraint as Keras 3's config writes it; a function by its name."""
    if obj is None:
        return None
    if hasattr(obj, "get_config"):
        from ..utils.serialization import serialize_keras_object

        return serialize_keras_object(obj)
    return getattr(obj, "__name__", repr(obj))


def _pop_quantization(layer_name: str, kwargs: dict) -> None:
    """Accept Keras 3's ``quantization_config`` when it is None (as in every saved config); tapeflow
    has no quantized layers, so any other value is refused."""
    q = kwargs.pop("quantization_config", None)
    if q is not None:
        raise ValueError(f"{layer_name}: quantization_config={q!r} is not supported (tapeflow has no quantized "
                         "layers)")


def _function_config(fn: Callable) -> Any:
    import types

    from ..utils.serialization import lambda_to_config, serialize_keras_object

    if isinstance(fn, types.LambdaType) and fn.__name__ == "<lambda>":
        return lambda_to_config(fn)
    return serialize_keras_object(fn)


def _init_kernel_bias(layer: Layer, activation: Any, use_bias: Any, kernel_initializer: Any, bias_initializer: Any,
                      kernel_regularizer: Any, bias_regularizer: Any, kernel_constraint: Any,
                      bias_constraint: Any) -> None:
    """Store the activation/kernel/bias arguments shared by Dense and Conv2D (weights come in build)."""
    layer.activation = _acts.get(activation)
    layer._linear = layer.activation is _acts.linear
    layer.use_bias = bool(use_bias)
    layer.kernel_initializer = _inits.get(kernel_initializer)
    layer.bias_initializer = _inits.get(bias_initializer)
    layer.kernel_regularizer = _regs.get(kernel_regularizer)
    layer.bias_regularizer = _regs.get(bias_regularizer)
    layer.kernel_constraint = kernel_constraint
    layer.bias_constraint = bias_constraint
    layer.kernel = None
    layer.bias = None


def _build_kernel_bias(layer: Layer, kernel_shape: tuple, n_out: int) -> None:
    """Create ``layer.kernel`` (``kernel_shape``) and, with ``use_bias``, ``layer.bias`` (``(n_out,)``)."""
    layer.kernel = layer.add_weight(name="kernel", shape=kernel_shape, initializer=layer.kernel_initializer,
                                    regularizer=layer.kernel_regularizer, constraint=layer.kernel_constraint)
    if layer.use_bias:
        layer.bias = layer.add_weight(name="bias", shape=(n_out,), initializer=layer.bias_initializer,
                                      regularizer=layer.bias_regularizer, constraint=layer.bias_constraint)


def _kernel_bias_config(layer: Layer) -> dict:
    """The config entries written by ``_init_kernel_bias`` (plus the activity regularizer)."""
    return dict(
        activation=_acts.serialize(layer.activation), use_bias=layer.use_bias,
        kernel_initializer=_ser(layer.kernel_initializer), bias_initializer=_ser(layer.bias_initializer),
        kernel_regularizer=_ser(layer.kernel_regularizer), bias_regularizer=_ser(layer.bias_regularizer),
        activity_regularizer=_ser(layer.activity_regularizer),
        kernel_constraint=_ser(layer.kernel_constraint), bias_constraint=_ser(layer.bias_constraint),
    )


class Dense(Layer):
    """``activation(inputs @ kernel + bias)`` over the last axis of the input.

    Args:
        units: output size.
        activation: a name ("relu", "softmax", ...), a callable, or None (linear).
        use_bias: whether to add a bias vector.
        kernel_initializer, bias_initializer: initializers (by name or object).
        kernel_regularizer, bias_regularizer, activity_regularizer: penalties feeding ``losses``.
        kernel_constraint, bias_constraint: callables applied to the weights after updates.

    With ``activation="softmax"`` the output carries the pre-activation logits, so losses can
    be computed from logits (as Keras does).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> d = layers.Dense(2, kernel_initializer="ones", bias_initializer="zeros")
        >>> d(np.ones((1, 3), "float32")).numpy().tolist()
        [[3.0, 3.0]]
    """

    _cast_all = True

    def __init__(
        self,
        units: int,
        activation: Any = None,
        use_bias: bool = True,
        kernel_initializer: Any = "glorot_uniform",
        bias_initializer: Any = "zeros",
        kernel_regularizer: Any = None,
        bias_regularizer: Any = None,
        activity_regularizer: Any = None,
        kernel_constraint: Any = None,
        bias_constraint: Any = None,
        lora_rank: Any = None,
        **kwargs: Any,
    ) -> None:
        _pop_quantization("Dense", kwargs)
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        if not isinstance(units, int) or units <= 0:  # as Keras 3: a NumPy integer is refused too
            raise ValueError(f"Received an invalid value for `units`, expected a positive integer. Received: "
                             f"units={units}")
        self.units = units
        _init_kernel_bias(self, activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                          bias_regularizer, kernel_constraint, bias_constraint)
        self._softmax = self.activation is _acts.softmax
        self._relu = self.activation is _acts.relu
        self._spec = (None, 2, ())
        self.supports_masking = True

    def build(self, input_shape: Any) -> None:
        last = input_shape[-1] if len(input_shape) else None
        if last is None:
            raise ValueError(
                f"Dense layer '{self.name}': the last dimension of the input must be known, got shape {input_shape}"
            )
        _build_kernel_bias(self, (last, self.units), self.units)
        self._spec = (None, 2, ((-1, int(last)),))
        self.built = True

    def call(self, inputs: Tensor) -> Tensor:
        k = self.kernel._read()
        iv = inputs._value
        if iv.dtype is not k._value.dtype and iv.dtype != k._value.dtype:
            raise InvalidArgumentError(
                f"Dense layer '{self.name}': input is a {inputs.dtype.name} tensor of shape "
                f"{tuple(iv.shape)}, but the kernel is {k.dtype.name}", op="Dense"
            )
        if self.use_bias and iv.ndim == 2:
            # one fused op (matmul + bias [+ relu]) forward and one fused op backward
            relu = self._relu
            p = _DENSE_PARAMS.get("relu" if relu else "linear")
            if p is not None:
                y = bind3(_fused.DENSE, inputs, k, self.bias._read(), p)
            else:
                y = _fused.dense(inputs, k, self.bias._read(), "relu" if relu else "linear")
            if relu or self._linear:
                return y
        else:
            y = C.matmul(inputs, k)
            if self.use_bias:
                y = C.add(y, self.bias._read())
        if self._linear:
            return y
        if self._softmax and self.activation is _acts.softmax and y._value.dtype.kind == "f":
            out = bind1(_N.SOFTMAX, y, _N._LAST)  # tf.nn.softmax(y, axis=-1) without its argument checks
        else:
            out = self.activation(y)
        if self._softmax:
            out._keras_logits = y
        return out

    def compute_output_shape(self, input_shape: Any) -> tuple:
        return tuple(input_shape)[:-1] + (self.units,)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(units=self.units, **_kernel_bias_config(self), quantization_config=None)
        return cfg


class Activation(Layer):
    """Applies an activation function (by name or callable).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.Activation("relu")(np.array([[-1.0, 2.0]], "float32")).numpy().tolist()
        [[0.0, 2.0]]
    """

    def __init__(self, activation: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.activation = _acts.get(activation)
        self._softmax = self.activation is _acts.softmax
        self.supports_masking = True

    def call(self, inputs: Any) -> Any:
        out = self.activation(inputs)
        if self._softmax and isinstance(out, Tensor):
            out._keras_logits = inputs
        return out

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg["activation"] = _acts.serialize(self.activation)
        return cfg


class Flatten(Layer):
    """Flattens all axes but the batch axis: (N, d1, d2, ...) -> (N, d1 * d2 * ...).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.Flatten()(np.zeros((2, 3, 4), "float32")).shape.as_list()
        [2, 12]
    """

    def __init__(self, data_format: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data_format = _data_format(data_format, "Flatten")
        self._spec = (None, 1, ())

    def call(self, inputs: Tensor) -> Tensor:
        x = inputs
        if self.data_format == "channels_first" and x._value.ndim > 2:
            nd = x._value.ndim
            x = C.transpose_raw(x, (0,) + tuple(range(2, nd)) + (1,))
        shp = x._value.shape
        return C.reshape_to(x, (shp[0], int(np.prod(shp[1:], dtype=np.int64))))

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg["data_format"] = self.data_format
        return cfg


class Reshape(Layer):
    """Reshapes the non-batch axes to ``target_shape`` (one entry may be -1).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.Reshape((2, -1))(np.zeros((5, 6), "float32")).shape.as_list()
        [5, 2, 3]
    """

    def __init__(self, target_shape: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.target_shape = tuple(int(d) for d in target_shape)
        if sum(d == -1 for d in self.target_shape) > 1 or any(d < -1 for d in self.target_shape):
            raise ValueError(f"Reshape: target_shape may contain at most one -1 and no other negatives, "
                             f"got {self.target_shape}")

    def call(self, inputs: Tensor) -> Tensor:
        shp = inputs._value.shape
        if not shp:
            raise ValueError(f"Reshape layer '{self.name}': input must have a batch axis, got a scalar")
        size = int(np.prod(shp[1:], dtype=np.int64))
        tgt = self.target_shape
        known = int(np.prod([d for d in tgt if d != -1], dtype=np.int64))
        if -1 in tgt:
            if known == 0 or size % known:
                self._bad(shp)
            tgt = tuple(size // known if d == -1 else d for d in tgt)
        elif known != size:
            self._bad(shp)
        return C.reshape_to(inputs, (shp[0],) + tgt)

    def _bad(self, shp: tuple) -> None:
        raise ValueError(
            f"Reshape layer '{self.name}': cannot reshape input of shape {tuple(shp)} "
            f"({int(np.prod(shp[1:], dtype=np.int64))} values per sample) to target shape {self.target_shape}"
        )

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg["target_shape"] = self.target_shape
        return cfg


class Dropout(Layer):
    """Randomly zeroes a fraction ``rate`` of the inputs in training (scaling the rest by
    1 / (1 - rate)); the identity at inference.

    With an integer ``seed`` the layer draws from its own stream, as Keras 3's per-layer seed
    generator: masks come from the stateless sampler keyed by ``(seed, n)``, ``n`` counting this
    layer's draws, so two layers built with the same seed drop the same units call after call
    (the numbers are tapeflow's, not TF's Philox stream). With ``seed=None`` the masks come from
    the global stream (``tf.random.set_seed``).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.Dropout(0.5)(np.ones((2, 2), "float32")).numpy().tolist()  # inference
        [[1.0, 1.0], [1.0, 1.0]]
        >>> x = np.ones((4, 8), "float32")
        >>> a, b = layers.Dropout(0.5, seed=3), layers.Dropout(0.5, seed=3)
        >>> bool((a(x, training=True).numpy() == b(x, training=True).numpy()).all())
        True
    """

    def __init__(self, rate: float, noise_shape: Any = None, seed: int | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if isinstance(rate, bool) or not isinstance(rate, (int, float, np.floating)) or not 0 <= rate <= 1:
            raise ValueError(f"Dropout: rate must be a float in [0, 1], got {rate!r}")
        self.rate = float(rate)
        self.noise_shape = noise_shape
        self.seed = seed
        self.supports_masking = True

    def call(self, inputs: Any, training: Any = None) -> Any:
        if training and self.rate > 0.0:
            if self.rate >= 1.0:
                return inputs * 0.0
            if self.seed is None:
                return tf.nn.dropout(inputs, rate=self.rate, noise_shape=self.noise_shape)
            n = self.__dict__.get("_draws", 0)
            self.__dict__["_draws"] = n + 1
            dims = list(inputs.shape)
            shape = dims if self.noise_shape is None else [dims[i] if d is None else int(d)
                                                           for i, d in enumerate(self.noise_shape)]
            u = tf.random.stateless_uniform(shape, seed=[int(self.seed) & 0x7FFFFFFF, n], dtype=inputs.dtype)
            keep = tf.cast(tf.greater_equal(u, tf.constant(self.rate, inputs.dtype)), inputs.dtype)
            return inputs * keep / tf.constant(1.0 - self.rate, inputs.dtype)
        return inputs

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(rate=self.rate, noise_shape=self.noise_shape, seed=self.seed)
        return cfg


class Lambda(Layer):
    """Wraps a function of tensors as a layer (weights of the function are not tracked).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.Lambda(lambda x: x * 2.0)(np.ones((1, 2), "float32")).numpy().tolist()
        [[2.0, 2.0]]
    """

    def __init__(self, function: Callable, output_shape: Any = None, mask: Any = None,
                 arguments: dict | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not callable(function):
            raise TypeError(f"Lambda: function must be callable, got {function!r}")
        self.function = function
        self.arguments = dict(arguments or {})
        self._output_shape = output_shape
        self.mask = mask
        # a mask (a tensor or a function of (inputs, mask)) makes the layer a masking one
        self._mask_src = self.supports_masking = mask is not None
        try:
            self._fn_mask = "mask" in inspect.signature(function).parameters
        except (TypeError, ValueError):
            self._fn_mask = False

    def call(self, inputs: Any, mask: Any = None) -> Any:
        if self._fn_mask:
            return self.function(inputs, mask=mask, **self.arguments)
        return self.function(inputs, **self.arguments)

    def compute_mask(self, inputs: Any, mask: Any = None) -> Any:
        """``mask(inputs, mask)`` when the layer's ``mask`` is a function, else the ``mask`` given."""
        if callable(self.mask):
            return self.mask(inputs, mask)
        return self.mask

    def get_config(self) -> dict:
        """Keras 3's config: a Python lambda as its marshalled bytecode (``__lambda__``), a named
        function by its registered name."""
        cfg = super().get_config()
        cfg.update(function=_function_config(self.function), arguments=self.arguments)
        if self._output_shape is not None:
            cfg["output_shape"] = (_function_config(self._output_shape) if callable(self._output_shape)
                                   else self._output_shape)
        return cfg

    @classmethod
    def from_config(cls, config: dict, custom_objects: dict | None = None) -> Lambda:
        """Rebuild from ``get_config()``: a ``__lambda__`` function is refused in safe mode (the
        default when loading a file: it would run code from the file)."""
        from ..utils.serialization import deserialize_keras_object

        config = dict(config)
        for key in ("function", "output_shape"):
            if isinstance(config.get(key), dict):
                config[key] = deserialize_keras_object(config[key], custom_objects=custom_objects)
            elif key == "function" and isinstance(config.get(key), str):
                from ..utils.serialization import get_registered_object

                fn = get_registered_object(config[key], custom_objects)
                if fn is None:
                    raise ValueError(f"Lambda: unknown function '{config[key]}': register it with "
                                     "keras.saving.register_keras_serializable or pass it in custom_objects")
                config[key] = fn
        return cls(**config)


class Rescaling(Layer):
    """``inputs * scale + offset`` (e.g. ``Rescaling(1 / 255)`` for uint8 images).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.Rescaling(0.5, offset=1.0)(np.array([[2]], "uint8")).numpy().tolist()
        [[2.0]]
    """

    _cast_all = True

    def __init__(self, scale: float, offset: float = 0.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scale = scale
        self.offset = offset
        self.supports_masking = True

    def call(self, inputs: Tensor) -> Tensor:
        dt = inputs._value.dtype
        y = C.multiply(inputs, Tensor(np.asarray(self.scale, dt)))
        if np.any(np.asarray(self.offset) != 0):
            y = C.add(y, Tensor(np.asarray(self.offset, dt)))
        return y

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(scale=self.scale, offset=self.offset)
        return cfg


class Embedding(Layer):
    """Looks up rows of a trainable ``(input_dim, output_dim)`` table by integer index.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.Embedding(10, 4)(np.array([[1, 2, 3]])).shape.as_list()
        [1, 3, 4]
    """

    def __init__(
        self,
        input_dim: int,
        output_dim: int,
        embeddings_initializer: Any = "uniform",
        embeddings_regularizer: Any = None,
        embeddings_constraint: Any = None,
        mask_zero: bool = False,
        input_length: Any = None,
        **kwargs: Any,
    ) -> None:
        kwargs.pop("activity_regularizer", None)
        _pop_quantization("Embedding", kwargs)
        super().__init__(**kwargs)
        if int(input_dim) <= 0 or int(output_dim) <= 0:
            raise ValueError(f"Embedding: input_dim and output_dim must be positive, got {input_dim}, {output_dim}")
        self.input_dim = int(input_dim)
        self.output_dim = int(output_dim)
        self.embeddings_initializer = _inits.get(embeddings_initializer)
        self.embeddings_regularizer = _regs.get(embeddings_regularizer)
        self.embeddings_constraint = embeddings_constraint
        self.mask_zero = bool(mask_zero)
        self.embeddings = None
        self._mask_src = self.supports_masking = self.mask_zero

    def build(self, input_shape: Any = None) -> None:
        self.embeddings = self.add_weight(
            name="embeddings", shape=(self.input_dim, self.output_dim), initializer=self.embeddings_initializer,
            regularizer=self.embeddings_regularizer, constraint=self.embeddings_constraint,
        )
        self.built = True

    def call(self, inputs: Tensor) -> Tensor:
        x = inputs
        if x._value.dtype.kind not in "iu":
            if x._value.dtype.kind == "f" and np.all(np.floor(x._value) == x._value):
                x = C.cast_raw(x, np.dtype(np.int64))
            else:
                raise InvalidArgumentError(
                    f"Embedding layer '{self.name}': indices must be integers, got a {x.dtype.name} tensor "
                    f"of shape {tuple(x._value.shape)}", op="Embedding",
                )
        v = x._value
        if v.size and (v.min() < 0 or v.max() >= self.input_dim):
            bad = v[(v < 0) | (v >= self.input_dim)].reshape(-1)[0]
            raise InvalidArgumentError(
                f"Embedding layer '{self.name}': index {int(bad)} is out of range [0, {self.input_dim}) "
                f"(indices of shape {tuple(v.shape)})", op="Embedding",
            )
        return tf.gather(self.embeddings, x)

    def compute_mask(self, inputs: Any, mask: Any = None) -> Any:
        """With ``mask_zero``, ``inputs != 0`` (index 0 marks padding); None otherwise.

        Example:
            >>> import numpy as np
            >>> from tapeflow.keras import layers
            >>> layers.Embedding(5, 2, mask_zero=True).compute_mask(np.array([[1, 0]])).numpy().tolist()
            [[True, False]]
        """
        if not self.mask_zero:
            return None
        return tf.not_equal(inputs, 0)

    def compute_output_shape(self, input_shape: Any) -> tuple:
        return tuple(input_shape) + (self.output_dim,)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(input_dim=self.input_dim, output_dim=self.output_dim,
                   embeddings_initializer=_ser(self.embeddings_initializer),
                   embeddings_regularizer=_ser(self.embeddings_regularizer), mask_zero=self.mask_zero,
                   quantization_config=None)
        return cfg


def _data_format(data_format: Any, who: str) -> str:
    df = "channels_last" if data_format is None else data_format
    if df not in ("channels_last", "channels_first"):
        raise ValueError(f"{who}: data_format must be 'channels_last' or 'channels_first', got {data_format!r}")
    return df


__all__ = ["Dense", "Activation", "Flatten", "Reshape", "Dropout", "Lambda", "Rescaling", "Embedding"]
