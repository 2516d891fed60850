"""Preprocessing layers (Keras 3 semantics): Normalization, Discretization, the lookup layers
(StringLookup, IntegerLookup), TextVectorization, Hashing, CategoryEncoding and the image
layers (Resizing, CenterCrop and the random augmentations).

All of them work on tapeflow Tensors, so they can be used in models and inside
``tf.data.Dataset.map``. String tensors are NumPy object arrays of ``bytes``, as everywhere in
tapeflow. ``adapt`` computes its statistics eagerly (NumPy), as Keras does.

The random image layers augment only in training (``training`` defaults to True when the layer
is called directly, as in Keras; ``model.predict`` and ``training=False`` give the identity).
Their random numbers come from tapeflow's generators: with a ``seed`` a layer repeats the same
sequence, but the values are not Keras's.

Example:
    >>> import numpy as np
    >>> from tapeflow.keras import layers
    >>> norm = layers.Normalization()
    >>> norm.adapt(np.array([[1.0], [3.0]], "float32"))
    >>> norm(np.array([[2.0], [5.0]], "float32")).numpy().tolist()
    [[0.0], [3.0]]
"""

from __future__ import annotations

import collections
import math
import os
from typing import Any, Callable

import numpy as np

import tapeflow as tf

from ...errors import InvalidArgumentError
from ...primitives import core as C
from ...ragged_tensor import RaggedTensor
from ...tensor import Tensor, Variable
from .base import KerasTensor, Layer

_EPSILON = 1e-7  # keras.config.epsilon()


# --- shared helpers ------------------------------------------------------------------------------


def _is_dataset(x: Any) -> bool:
    from ...data import Dataset

    return isinstance(x, Dataset)


def _first(batch: Any) -> Any:
    """The inputs of a dataset element ``(x, y[, w])``."""
    return batch[0] if isinstance(batch, tuple) else batch


def _string_tensor(x: Any) -> Any:
    """A string Tensor (or RaggedTensor) from tensors, arrays, lists and Python strings."""
    if isinstance(x, RaggedTensor):
        return x
    if isinstance(x, Variable):
        x = x._read()
    if isinstance(x, Tensor):
        if x._value.dtype == object:
            v = x._value
            if v.size and not all(type(e) is bytes for e in v.reshape(-1).tolist()):
                return Tensor(_bytes_array(v))
            return x
        raise TypeError(f"expected a string tensor, got a {x.dtype.name} tensor of shape {tuple(x._value.shape)}")
    if isinstance(x, np.ndarray) and x.dtype.kind in "USO":
        return Tensor(_bytes_array(x))
    return tf.convert_to_tensor(x, tf.string)


def _bytes_array(v: np.ndarray) -> np.ndarray:
    def one(e: Any) -> bytes:
        if isinstance(e, bytes):
            return e
        if isinstance(e, str):
            return e.encode("utf-8")
        return str(e).encode("utf-8")  # placeholders of a functional model's shape probe

    out = np.empty(v.shape, dtype=object)
    flat = out.reshape(-1)
    for i, e in enumerate(np.asarray(v, dtype=object).reshape(-1).tolist()):
        flat[i] = one(e)
    return out


def _tensor(x: Any, dtype: Any = None) -> Any:
    """Tensors, RaggedTensors and Variables as they are (cast to ``dtype``), anything else converted."""
    if isinstance(x, RaggedTensor):
        return x if dtype is None or x.dtype == dtype else x.with_flat_values(tf.cast(x.flat_values, dtype))
    if isinstance(x, Variable):
        x = x._read()
    if not isinstance(x, Tensor):
        x = tf.convert_to_tensor(np.asarray(x) if isinstance(x, (list, tuple)) else x)
    if dtype is not None and x.dtype != dtype:
        x = tf.cast(x, dtype)
    return x


def _flat_values(x: Any) -> Tensor:
    return x.flat_values if isinstance(x, RaggedTensor) else tf.reshape(x, [-1])


def _map_values(x: Any, fn: Callable) -> Any:
    """``fn`` on a Tensor, or on the flat values of a RaggedTensor."""
    return x.with_flat_values(fn(x.flat_values)) if isinstance(x, RaggedTensor) else fn(x)


def _encode(x: Any, mode: str, depth: int, dtype: Any, who: str, count_weights: Any = None,
            sparse: bool = False) -> Any:
    """Keras's categorical encodings of integer indices: "one_hot" (a last axis of size 1 is
    replaced), "multi_hot" / "count" (reduced over axis 1, or axis 0 for rank-1 input)."""
    if mode == "int":
        return tf.cast(x, dtype)
    padded = isinstance(x, RaggedTensor)
    if padded:
        if mode != "one_hot" and x.flat_values._value.size and x.flat_values._value.min() < 0:
            raise InvalidArgumentError(f"{who}: input values must be non-negative, got "
                                       f"{int(x.flat_values._value.min())}", op=who)
        x = x.to_tensor(default_value=-1)  # pads encode to nothing
    if x._value.ndim == 0:
        x = C.reshape_to(x, (1,))
    nd = x._value.ndim
    if mode == "one_hot":
        if nd > 1 and x._value.shape[-1] == 1:
            x = C.reshape_to(x, x._value.shape[:-1])
        out = tf.one_hot(x, depth, dtype=dtype)
    else:
        if nd <= 2 and not padded and x._value.size and x._value.min() < 0:
            raise InvalidArgumentError(f"{who}: input values must be non-negative for output_mode='{mode}', got "
                                       f"{int(x._value.min())}", op=who)
        if count_weights is not None:
            dtype = count_weights.dtype
        oh = tf.one_hot(x, depth, dtype=dtype)
        axis = 1 if nd > 1 else 0
        if count_weights is not None:
            oh = C.multiply(oh, tf.expand_dims(count_weights, -1))
        out = tf.reduce_max(oh, axis=axis) if mode == "multi_hot" else tf.reduce_sum(oh, axis=axis)
    return tf.sparse.from_dense(out) if sparse else out


def _check_choice(who: str, arg: str, value: Any, allowed: tuple, allow_none: bool = False,
                  allow_callables: bool = False) -> None:
    if value is None and allow_none:
        return
    if callable(value) and allow_callables:
        return
    if value not in allowed:
        extra = " None," if allow_none else ""
        extra += " or a callable" if allow_callables else ""
        raise ValueError(f"The `{arg}` argument of {who} must be one of {list(allowed)}{extra}. "
                         f"Received: {arg}={value!r}")


class _Preprocessing(Layer):
    """What the preprocessing layers share: no autocast of inputs (each converts explicitly),
    and inputs of any kind (strings, lists, RaggedTensors) accepted."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._autocast = False

    def _convert_inputs(self, x: Any) -> Any:
        if isinstance(x, (RaggedTensor, Tensor, KerasTensor)) or x is None:
            return x
        if isinstance(x, Variable):
            return x._read()
        if type(x) is dict:
            return {k: self._convert_inputs(v) for k, v in x.items()}
        if isinstance(x, np.ndarray) and x.dtype.kind in "USO":
            return _string_tensor(x)
        if isinstance(x, (list, tuple)):
            arr = np.asarray(x)
            if arr.dtype.kind in "US":
                return _string_tensor(arr)
        try:
            return tf.convert_to_tensor(x)
        except (TypeError, ValueError) as e:
            raise TypeError(f"Layer '{self.name}' ({type(self).__name__}) cannot take input {x!r}: {e}") from None


# --- Normalization ------------------------------------------------------------------------------


class Normalization(_Preprocessing):
    """Feature-wise standardization: ``(x - mean) / sqrt(variance)`` (``invert=True``:
    ``mean + x * sqrt(variance)``), the square root floored at 1e-7.

    ``axis`` (an int, a tuple, or None) names the axes that keep their own statistics (the
    last by default); ``mean``/``variance`` are given, or learned with ``adapt(data)`` from an
    array, a tensor, a batched ``tf.data.Dataset`` (unbatched scalars are batched by 128) or an
    iterable of batches. Adapted statistics live in non-trainable weights ``mean``,
    ``variance`` and ``count`` (int64, left at 0 as in Keras).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.Normalization(mean=2.0, variance=4.0)(np.array([[4.0, 0.0]], "float32")).numpy().tolist()
        [[1.0, -1.0]]
    """

    _cast_all = True

    def __init__(self, axis: Any = -1, mean: Any = None, variance: Any = None, invert: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if axis is None:
            axis = ()
        elif isinstance(axis, (int, np.integer)):
            axis = (int(axis),)
        else:
            axis = tuple(axis)
        self.axis = axis
        self.input_mean = mean
        self.input_variance = variance
        self.invert = invert
        self.supports_masking = True
        self.mean = self.variance = None
        self.adapt_mean = self.adapt_variance = self.count = None
        if (mean is not None) != (variance is not None):
            raise ValueError("When setting values directly, both `mean` and `variance` must be set. "
                             f"Received: mean={mean} and variance={variance}")
        if mean is not None:
            if np.shape(mean) != np.shape(variance):
                raise ValueError("When setting values directly, `mean` and `variance` must have the same shape. "
                                 f"Received: mean shape {np.shape(mean)} and variance shape {np.shape(variance)}")
            if len(np.shape(mean)) > len(self.axis):
                raise ValueError(f"The rank of `mean` must be less than or equal to the number of axes "
                                 f"({len(self.axis)}). Received: mean shape {np.shape(mean)} for axis {self.axis}")

    def build(self, input_shape: Any) -> None:
        if input_shape is None:
            return
        input_shape = tuple(input_shape)
        nd = len(input_shape)
        if any(a < -nd or a >= nd for a in self.axis):
            raise ValueError(f"All `axis` values must be in the range [-ndim, ndim). Received inputs with ndim={nd}, "
                             f"while axis={self.axis}")
        self._keep_axis = tuple(sorted(a % nd for a in self.axis))
        for d in self._keep_axis:
            if input_shape[d] is None:
                raise ValueError(f"All `axis` values to be kept must have a known shape. Received axis={self.axis}, "
                                 f"inputs.shape={input_shape}, with unknown axis at index {d}")
        self._build_shape = input_shape
        self._reduce_axis = tuple(d for d in range(nd) if d not in self._keep_axis)
        self._broadcast_shape = tuple(input_shape[d] if d in self._keep_axis else 1 for d in range(nd))
        self._stat_shape = tuple(input_shape[d] for d in self._keep_axis)
        dt = self._np_dtype
        if self.input_mean is None:
            self.adapt_mean = self.add_weight(name="mean", shape=self._stat_shape, initializer="zeros",
                                              trainable=False)
            self.adapt_variance = self.add_weight(name="variance", shape=self._stat_shape, initializer="ones",
                                                  trainable=False)
            self.count = self.add_weight(name="count", shape=(), dtype="int64", initializer="zeros",
                                         trainable=False)
        else:
            mean = np.asarray(self.input_mean, dtype=np.float64)
            var = np.asarray(self.input_variance, dtype=np.float64)
            if mean.ndim:
                expanded = [1] * nd
                for i in range(1, mean.ndim + 1):
                    expanded[self._keep_axis[-i]] = mean.shape[-i]
                mean, var = mean.reshape(expanded), var.reshape(expanded)
            try:
                self.mean = Tensor(np.broadcast_to(mean, self._broadcast_shape).astype(dt))
                self.variance = Tensor(np.broadcast_to(var, self._broadcast_shape).astype(dt))
            except ValueError:
                raise ValueError(f"Normalization layer '{self.name}': mean of shape {np.shape(self.input_mean)} does "
                                 f"not broadcast to the kept axes {self._stat_shape} of input shape "
                                 f"{input_shape}") from None
        self.built = True

    def _stats(self) -> tuple:
        if self.input_mean is not None:
            return self.mean, self.variance
        return (C.reshape_to(self.adapt_mean._read(), self._broadcast_shape),
                C.reshape_to(self.adapt_variance._read(), self._broadcast_shape))

    def adapt(self, data: Any) -> None:
        """Compute the mean and variance of ``data`` over the non-kept axes.

        Example:
            >>> import numpy as np
            >>> from tapeflow.keras import layers
            >>> n = layers.Normalization(axis=None)
            >>> n.adapt(np.array([1.0, 2.0, 3.0, 4.0], "float32"))
            >>> float(n.adapt_mean.numpy()), float(n.adapt_variance.numpy())
            (2.5, 1.25)
        """
        iterable = False
        if isinstance(data, (np.ndarray, Tensor, Variable)):
            shape = tuple(data.shape)
        elif _is_dataset(data):
            spec = _first(data.element_spec)
            shape = tuple(spec.shape)
            if len(shape) == 1:
                data = data.batch(128)
                shape = tuple(_first(data.element_spec).shape)
        elif hasattr(data, "__iter__"):
            iterable = True
            it = iter(data)
            first = next(it, None)
            if first is None:
                raise ValueError("adapt() received an empty iterable (no batches). Expected at least one batch.")
            first = _first(first)
            if not hasattr(first, "shape"):
                first = np.asarray(first)
            shape = tuple(first.shape)
            data = [first, *it]
        else:
            raise TypeError(f"Unsupported data type: {type(data)}. `adapt` supports `np.ndarray`, tensors, "
                            "`tf.data.Dataset` and iterables of batches.")
        shape = tuple(None if d is None else int(d) for d in shape)
        if not self.built:
            self._build_with_shapes(tf.TensorShape(shape))
        else:
            for d in self._keep_axis:
                if shape[d] != self._build_shape[d]:
                    raise ValueError(f"The layer was built with input_shape={self._build_shape}, but adapt() is "
                                     f"being called with data with an incompatible shape, data.shape={shape}")
        if self.input_mean is not None:
            raise ValueError(f"Normalization layer '{self.name}' was given `mean` and `variance`; it cannot adapt")
        if isinstance(data, np.ndarray):
            mean = np.mean(data, axis=self._reduce_axis)
            var = np.var(data, axis=self._reduce_axis)
        elif isinstance(data, (Tensor, Variable)):
            x = tf.cast(data, self.dtype)
            mean = tf.reduce_mean(x, axis=list(self._reduce_axis)).numpy()
            var = tf.math.reduce_variance(x, axis=list(self._reduce_axis)).numpy()
        else:
            dt = self._np_dtype
            mean = np.zeros(self._stat_shape, dt)
            var = np.zeros(self._stat_shape, dt)
            total = 0
            for batch in data if iterable else iter(data):
                b = _first(batch)
                b = np.asarray(b.numpy() if hasattr(b, "numpy") else b).astype(dt)
                for d in self._keep_axis:
                    if b.shape[d] != self._build_shape[d]:
                        raise ValueError(f"adapt() yielded a batch with incompatible shape. Expected "
                                         f"{self._build_shape}, got {b.shape}.")
                bm = np.mean(b, axis=self._reduce_axis)
                bv = np.var(b, axis=self._reduce_axis)
                n = math.prod(b.shape[d] for d in self._reduce_axis) if self._reduce_axis else 1
                total += n
                w = float(n) / total
                new_mean = mean * (1.0 - w) + bm * w
                var = ((var + (mean - new_mean) ** 2) * (1.0 - w) + (bv + (bm - new_mean) ** 2) * w).astype(dt)
                mean = new_mean.astype(dt)
        self.adapt_mean.assign(np.asarray(mean).astype(self._np_dtype).reshape(self._stat_shape))
        self.adapt_variance.assign(np.asarray(var).astype(self._np_dtype).reshape(self._stat_shape))
        # as Keras's finalize_state: `mean`/`variance` become tensors of the broadcast shape
        self.mean, self.variance = self._stats()

    def call(self, inputs: Tensor) -> Tensor:
        x = tf.cast(_tensor(inputs), self.dtype)
        mean, var = self._stats()
        scale = tf.maximum(tf.sqrt(var), Tensor(np.asarray(_EPSILON, var._value.dtype)))
        if self.invert:
            return C.add(mean, C.multiply(x, scale))
        return C.divide(C.subtract(x, mean), scale)

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(axis=self.axis, invert=self.invert, mean=np.array(self.input_mean).tolist(),
                   variance=np.array(self.input_variance).tolist())
        return cfg


# --- Discretization -----------------------------------------------------------------------------


def _summarize(values: np.ndarray, epsilon: float) -> np.ndarray:
    """A (2, n) summary of sorted values: every ``step``-th value with weight ``step``."""
    values = np.sort(np.reshape(values, [-1]))
    step = max(values.size / (1.0 / epsilon), 1)
    picked = values[int(step - 1)::int(step)]
    return np.stack([picked, np.ones_like(picked) * step])


def _compress(summary: np.ndarray, epsilon: float) -> np.ndarray:
    """Re-bin a summary at quantiles spaced ``epsilon`` apart (interpolating the cumulative
    weights); small summaries are returned unchanged."""
    if summary.shape[1] * epsilon < 1:
        return summary
    quantiles = epsilon + np.arange(0.0, 1.0, epsilon)
    cum = summary[1].cumsum()
    frac = cum / cum[-1]
    bins = np.interp(quantiles, frac, summary[0])
    cum_new = np.interp(quantiles, frac, cum)
    weights = cum_new - np.concatenate((np.array([0]), cum_new[:-1]))
    return np.stack((bins, weights)).astype("float32")


class Discretization(_Preprocessing):
    """Buckets numbers by ``bin_boundaries`` (bucket ``i`` holds ``b[i-1] <= x < b[i]``), or by
    ``num_bins`` quantile boundaries learned with ``adapt`` (Keras's approximate quantile
    summaries, with tolerance ``epsilon``). ``output_mode`` "int" gives int32 bucket ids;
    "one_hot", "multi_hot" and "count" give float encodings.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> d = layers.Discretization(bin_boundaries=[0.0, 1.0])
        >>> d(np.array([-1.0, 0.0, 0.5, 1.0, 2.0], "float32")).numpy().tolist()
        [0, 1, 1, 2, 2]
    """

    def __init__(self, bin_boundaries: Any = None, num_bins: int | None = None, epsilon: float = 0.01,
                 output_mode: str = "int", sparse: bool = False, dtype: Any = None, name: str | None = None) -> None:
        super().__init__(name=name, dtype=dtype)
        if sparse and output_mode == "int":
            raise ValueError("`sparse=True` may only be used if `output_mode` is `'one_hot'`, `'multi_hot'`, or "
                             f"`'count'`. Received: sparse={sparse} and output_mode={output_mode}")
        _check_choice("Discretization", "output_mode", output_mode, ("int", "one_hot", "multi_hot", "count"))
        if num_bins is not None and num_bins < 0:
            raise ValueError(f"`num_bins` must be greater than or equal to 0. Received: `num_bins={num_bins}`")
        if num_bins is not None and bin_boundaries is not None:
            raise ValueError("Both `num_bins` and `bin_boundaries` should not be set. Received: "
                             f"`num_bins={num_bins}` and `bin_boundaries={bin_boundaries}`")
        if num_bins is None and bin_boundaries is None:
            raise ValueError("You need to set either `num_bins` or `bin_boundaries`.")
        self.bin_boundaries = bin_boundaries
        self.num_bins = num_bins
        self.epsilon = epsilon
        self.output_mode = output_mode
        self.sparse = sparse
        self.summary = None if bin_boundaries else np.array([[], []], dtype="float32")

    def adapt(self, data: Any, steps: int | None = None) -> None:
        """Learn ``num_bins`` quantile boundaries from ``data`` (an array, a tensor, a batched
        dataset or an iterable of batches).

        Example:
            >>> import numpy as np
            >>> from tapeflow.keras import layers
            >>> d = layers.Discretization(num_bins=4)
            >>> d.adapt(np.arange(100, dtype="float32"))
            >>> [round(b, 3) for b in d.bin_boundaries]
            [24.0, 49.0, 74.0]
        """
        if self.num_bins is None:
            raise ValueError("Cannot adapt a Discretization layer that has been initialized with `bin_boundaries`, "
                             "use `num_bins` instead.")
        self.reset_state()
        if _is_dataset(data):
            if steps is not None:
                data = data.take(steps)
            for batch in data:
                self.update_state(batch)
        elif hasattr(data, "__iter__") and not isinstance(data, (np.ndarray, Tensor, Variable)):
            for i, batch in enumerate(data):
                if steps is not None and i >= steps:
                    break
                self.update_state(batch)
        else:
            self.update_state(data)
        self.finalize_state()

    def update_state(self, data: Any) -> None:
        """Merge one batch into the quantile summary (``adapt`` calls this per batch)."""
        data = np.array(data.numpy() if hasattr(data, "numpy") else data).astype("float32")
        merged = np.concatenate((_summarize(data, self.epsilon), self.summary), axis=1)
        merged = np.take(merged, np.argsort(merged[0]), axis=1)
        self.summary = _compress(merged, self.epsilon)

    def finalize_state(self) -> None:
        """Set ``bin_boundaries`` from the summary."""
        if self.num_bins is None:
            return
        self.bin_boundaries = _compress(self.summary, 1.0 / self.num_bins)[0, :-1].tolist()

    def reset_state(self) -> None:
        """Forget the adapted summary."""
        if self.num_bins is None:
            return
        self.summary = np.array([[], []], dtype="float32")

    def call(self, inputs: Any) -> Any:
        if self.bin_boundaries is None:
            raise ValueError("You need to either pass the `bin_boundaries` argument at construction time or call "
                             "`adapt(dataset)` before you can start using the `Discretization` layer.")
        x = _tensor(inputs)
        x = tf.cast(x, self.dtype) if x.dtype != self.dtype else x
        b = Tensor(np.asarray(self.bin_boundaries, x._value.dtype).reshape(-1))
        # the bucket id is the number of boundaries <= x
        idx = tf.reduce_sum(tf.cast(tf.greater_equal(tf.expand_dims(x, -1), b), tf.int32), axis=-1)
        out_dt = tf.int32 if self.output_mode == "int" else self.dtype
        return _encode(idx, self.output_mode, len(self.bin_boundaries) + 1, out_dt, "Discretization",
                       sparse=self.sparse)

    def compute_output_shape(self, input_shape: Any) -> Any:
        if self.output_mode == "int":
            return input_shape
        depth = len(self.bin_boundaries) + 1 if self.bin_boundaries is not None else self.num_bins
        input_shape = tuple(input_shape)
        if self.output_mode == "one_hot":
            if input_shape and input_shape[-1] == 1 and len(input_shape) > 1:
                return input_shape[:-1] + (depth,)
            return input_shape + (depth,)
        if len(input_shape) >= 2:
            return (input_shape[0],) + input_shape[2:] + (depth,)
        return (depth,)

    def get_config(self) -> dict:
        return {"bin_boundaries": self.bin_boundaries, "num_bins": self.num_bins, "epsilon": self.epsilon,
                "output_mode": self.output_mode, "sparse": self.sparse, "name": self.name, "dtype": self.dtype}

    @classmethod
    def from_config(cls, config: dict) -> Discretization:
        config = dict(config)
        config.pop("trainable", None)
        if config.get("bin_boundaries") is not None and config.get("num_bins") is not None:
            boundaries = config.pop("bin_boundaries")
            layer = cls(**config)
            layer.bin_boundaries = boundaries
            return layer
        return cls(**config)


# --- lookup layers -------------------------------------------------------------------------------

_INT64_MAX = np.iinfo(np.int64).max


def _listify(x: Any) -> Any:
    if isinstance(x, (Tensor, Variable)):
        x = x.numpy()
    if isinstance(x, np.ndarray):
        x = x.tolist()
    return x


class _IndexLookup(_Preprocessing):
    """Maps tokens to indices (or back, with ``invert``) through a vocabulary that is given or
    learned by ``adapt``: indices start after the mask index (when ``mask_token`` is set and
    ``output_mode="int"``) and the ``num_oov_indices`` OOV indices. An adapted vocabulary is
    ordered by decreasing frequency, ties by decreasing token (as Keras)."""

    _string = True
    _who = "IndexLookup"

    def __init__(self, max_tokens: Any, num_oov_indices: int, mask_token: Any, oov_token: Any, vocabulary_dtype: Any,
                 vocabulary: Any = None, idf_weights: Any = None, invert: bool = False, output_mode: str = "int",
                 sparse: bool = False, pad_to_max_tokens: bool = False, oov_method: str = "floormod",
                 name: str | None = None, salt: Any = None, **kwargs: Any) -> None:
        if max_tokens is not None and max_tokens <= 1:
            raise ValueError(f"If set, `max_tokens` must be greater than 1. Received: max_tokens={max_tokens}")
        if pad_to_max_tokens and max_tokens is None:
            raise ValueError(f"If pad_to_max_tokens is True, must set `max_tokens`. Received: max_tokens={max_tokens}")
        if num_oov_indices < 0:
            raise ValueError(f"`num_oov_indices` must be greater than or equal to 0. Received: "
                             f"num_oov_indices={num_oov_indices}")
        _check_choice(self._who, "oov_method", oov_method, ("floormod", "farmhash"))
        if salt is not None:
            if not self._string and oov_method != "farmhash":
                raise ValueError(f"`salt` can only be used when `oov_method='farmhash'`. Received: "
                                 f"oov_method={oov_method}")
            if isinstance(salt, (tuple, list)) and len(salt) == 2:
                salt = list(salt)
            elif isinstance(salt, int):
                salt = [salt, salt]
            else:
                raise ValueError("The `salt` argument for `IndexLookup` can only be a tuple of 2 integers, or a "
                                 f"single integer. Received: salt={salt}.")
        if output_mode == "binary":
            output_mode = "multi_hot"
        if output_mode == "tf-idf":
            output_mode = "tf_idf"
        _check_choice(self._who, "output_mode", output_mode, ("int", "one_hot", "multi_hot", "count", "tf_idf"))
        if invert and output_mode != "int":
            raise ValueError(f"`output_mode` must be `'int'` when `invert` is true. Received: output_mode={output_mode}")
        if sparse and output_mode == "int":
            raise ValueError("`sparse` may only be true if `output_mode` is `'one_hot'`, `'multi_hot'`, `'count'` or "
                             f"`'tf_idf'`. Received: sparse={sparse} and output_mode={output_mode}")
        if idf_weights is not None and output_mode != "tf_idf":
            raise ValueError(f"`idf_weights` should only be set if `output_mode` is `'tf_idf'`. Received: "
                             f"idf_weights={idf_weights} and output_mode={output_mode}")
        frozen = kwargs.pop("vocabulary_size", None)
        has_input = kwargs.pop("has_input_vocabulary", vocabulary is not None)
        kwargs.pop("trainable", None)
        kwargs.pop("dtype", None)
        if kwargs:
            raise ValueError(f"Unrecognized keyword argument(s): {kwargs}")
        super().__init__(name=name)
        self.invert = invert
        self.max_tokens = max_tokens
        self.num_oov_indices = num_oov_indices
        self.mask_token = mask_token
        self.oov_token = oov_token
        self.output_mode = output_mode
        self.sparse = sparse
        self.pad_to_max_tokens = pad_to_max_tokens
        self.vocabulary_dtype = vocabulary_dtype
        self.oov_method = oov_method
        self.salt = salt
        self._frozen_vocab_size = frozen
        self.input_vocabulary = vocabulary if not isinstance(vocabulary, str) else None
        self.input_idf_weights = idf_weights
        self._has_input_vocabulary = has_input
        self._key_dt = tf.int64 if invert or not self._string else tf.string
        self._value_dt = (tf.string if self._string else tf.int64) if invert else tf.int64
        if invert:
            self._default_value = oov_token
        else:
            self._default_value = self._oov_start_index() if num_oov_indices == 1 else -1
        self._tokens: list | None = None  # the learned/given tokens (bytes or ints), index order
        self.lookup_table: Any = None
        self.idf_weights: Any = None
        if output_mode == "tf_idf":
            if has_input and idf_weights is None:
                raise ValueError("When specifying the `vocabulary` argument, in TF-IDF output mode, the `idf_weights` "
                                 "argument must also be provided.")
            if idf_weights is not None:
                self.idf_weights = Tensor(np.asarray(idf_weights, np.float32))
        if vocabulary is not None:
            self.set_vocabulary(vocabulary, idf_weights)
        self.reset_state()

    # -- indices ---------------------------------------------------------------------------------
    def _oov_start_index(self) -> int:
        return 1 if self.mask_token is not None and self.output_mode == "int" else 0

    def _token_start_index(self) -> int:
        return self._oov_start_index() + self.num_oov_indices

    def _to_token(self, v: Any) -> Any:
        """A vocabulary entry as the table stores it (bytes, or a Python int)."""
        if self._string:
            if isinstance(v, bytes):
                return v
            if isinstance(v, str):
                return v.encode(getattr(self, "encoding", "utf-8"))
            raise TypeError(f"{self._who} layer '{self.name}': vocabulary entries must be strings, got {v!r}")
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, np.integer)):
            raise TypeError(f"{self._who} layer '{self.name}': vocabulary entries must be integers, got {v!r}")
        return int(v)

    def _present(self, token: Any) -> Any:
        """A learned token as ``get_vocabulary`` returns it (Keras: NumPy scalars)."""
        if self._string:
            return np.str_(token.decode(getattr(self, "encoding", "utf-8")))
        return np.int64(token)

    def vocabulary_size(self) -> int:
        """The vocabulary size, mask and OOV indices included.

        Example:
            >>> from tapeflow.keras import layers
            >>> layers.StringLookup(vocabulary=["a", "b"]).vocabulary_size()
            3
        """
        return (len(self._tokens) if self._tokens else 0) + self._token_start_index()

    def get_vocabulary(self, include_special_tokens: bool = True) -> list:
        """The vocabulary in index order (with the mask and OOV tokens unless
        ``include_special_tokens=False``).

        Example:
            >>> from tapeflow.keras import layers
            >>> [str(t) for t in layers.StringLookup(vocabulary=["a", "b"]).get_vocabulary()]
            ['[UNK]', 'a', 'b']
        """
        start = self._token_start_index()
        vocab = [self.oov_token] * start + [self._present(t) for t in (self._tokens or [])]
        if self.mask_token is not None and self.output_mode == "int" and vocab:
            vocab[0] = self.mask_token
        return vocab if include_special_tokens else vocab[start:]

    # -- vocabulary ------------------------------------------------------------------------------
    def set_vocabulary(self, vocabulary: Any, idf_weights: Any = None) -> None:
        """Set the vocabulary (a list, array, 1-D tensor, or the path of a file with one token
        per line), and the IDF weights in "tf_idf" mode.

        Example:
            >>> from tapeflow.keras import layers
            >>> s = layers.StringLookup()
            >>> s.set_vocabulary(["x", "y"])
            >>> s(["y", "q"]).numpy().tolist()
            [2, 0]
        """
        if self.output_mode == "tf_idf":
            if idf_weights is None:
                raise ValueError("`idf_weights` must be set if output_mode is 'tf_idf'.")
        elif idf_weights is not None:
            raise ValueError(f"`idf_weights` should only be set if output_mode is `'tf_idf'`. Received: "
                             f"output_mode={self.output_mode} and idf_weights={idf_weights}")
        if isinstance(vocabulary, str):
            if not os.path.exists(vocabulary):
                raise ValueError(f"Vocabulary file {vocabulary} does not exist.")
            if self.output_mode == "tf_idf":
                raise ValueError("output_mode `'tf_idf'` does not support loading a vocabulary from file.")
            with open(vocabulary, "rb") as f:
                lines = f.read().split(b"\n")
            if lines and lines[-1] == b"":
                lines.pop()
            lines = [ln[:-1] if ln.endswith(b"\r") else ln for ln in lines]
            tokens = lines if self._string else [int(ln) for ln in lines]
            self._install(tokens)
            self._record_vocabulary_size()
            return
        if isinstance(vocabulary, (Tensor, Variable)):
            vocabulary = vocabulary.numpy()
        vocab = [self._to_token(v) for v in np.asarray(vocabulary, dtype=object).reshape(-1).tolist()] \
            if not isinstance(vocabulary, (list, tuple)) else [self._to_token(v) for v in vocabulary]
        if isinstance(idf_weights, (Tensor, Variable)):
            idf_weights = idf_weights.numpy()
        elif isinstance(idf_weights, (list, tuple)):
            idf_weights = np.array(idf_weights)
        if not vocab:
            raise ValueError(f"Cannot set an empty vocabulary. Received: vocabulary={vocabulary}")
        start = self._token_start_index()
        mask = None if self.mask_token is None else self._to_token(self.mask_token)
        oov = None if self.oov_token is None else self._to_token(self.oov_token)
        special = [mask] * self._oov_start_index() + [oov] * self.num_oov_indices
        found_special = vocab[:start] == special
        tokens = vocab[start:] if found_special else vocab
        repeated = [t for t, n in collections.Counter(tokens).items() if n > 1]
        if repeated:
            shown = [self._present(t).item() if self._string else t for t in repeated]
            raise ValueError("The passed vocabulary has at least one repeated term. Please uniquify your dataset. "
                             f"The repeated terms are: {shown}")
        if mask is not None and mask in tokens:
            raise ValueError("Found reserved mask token at unexpected location in `vocabulary`. Note that passed "
                             "`vocabulary` does not need to include the OOV and mask tokens. Either remove all mask "
                             "and OOV tokens, or include them only at the start of the vocabulary in precisely this "
                             f"order: {special}. Received: mask_token={self.mask_token} at vocabulary index "
                             f"{len(vocab) - 1 - vocab[::-1].index(mask)}")
        if oov is not None and self.invert and oov in tokens:
            raise ValueError("Found reserved OOV token at unexpected location in `vocabulary`. Note that passed "
                             "`vocabulary` does not need to include the OOV and mask tokens. Either remove all mask "
                             "and OOV tokens, or include them only at the start of the vocabulary in precisely this "
                             f"order: {special}. Received: oov_token={self.oov_token} at vocabulary index "
                             f"{len(vocab) - 1 - vocab[::-1].index(oov)}")
        if self.max_tokens is not None and start + len(tokens) > self.max_tokens:
            raise ValueError("Attempted to set a vocabulary larger than the maximum vocab size. Received vocabulary "
                             f"size is {start + len(tokens)}; `max_tokens` is {self.max_tokens}.")
        self._install(tokens)
        self._record_vocabulary_size()
        if self.output_mode == "tf_idf" and idf_weights is not None:
            if len(vocab) != len(idf_weights):
                raise ValueError(f"`idf_weights` must be the same length as vocabulary. len(idf_weights) is "
                                 f"{len(idf_weights)}; len(vocabulary) is {len(vocab)}")
            w = np.asarray(idf_weights)
            if w.ndim != 1:
                raise ValueError(f"TF-IDF data must be a 1-index array. Received: type(idf_weights)={type(idf_weights)}")
            front, front_value = (0, 0) if found_special else (start, np.average(w))
            back = self.max_tokens - front - len(w) if self.pad_to_max_tokens and self.max_tokens is not None else 0
            w = np.pad(w, (front, back), "constant", constant_values=(front_value, 0))
            self.idf_weights = Tensor(w.astype(np.float32))

    def _install(self, tokens: list) -> None:
        """Make the lookup table for ``tokens`` (indices from the token start index)."""
        self._tokens = list(tokens)
        idx = np.arange(self._token_start_index(), self._token_start_index() + len(tokens), dtype=np.int64)
        keys = np.empty(len(tokens), dtype=object) if self._string else np.asarray(tokens, dtype=np.int64)
        if self._string:
            keys[:] = tokens
        if self.invert:
            keys, values = idx, keys
        else:
            values = idx
        init = tf.lookup.KeyValueTensorInitializer(keys, values, key_dtype=self._key_dt, value_dtype=self._value_dt)
        self.lookup_table = tf.lookup.StaticHashTable(init, self._default_value)

    def _record_vocabulary_size(self) -> None:
        if self.output_mode != "int" and not self.pad_to_max_tokens:
            new = self.vocabulary_size()
            if self._frozen_vocab_size is not None and new != self._frozen_vocab_size:
                raise RuntimeError(f"When using `output_mode={self.output_mode}` and `pad_to_max_tokens=False`, the "
                                   "vocabulary size cannot be changed after the layer is called. Old vocab size is "
                                   f"{self._frozen_vocab_size}, new vocab size is {new}")
        self._frozen_vocab_size = self.vocabulary_size()

    # -- adapt -------------------------------------------------------------------------------------
    def adapt(self, data: Any, steps: int | None = None) -> None:
        """Learn the vocabulary from ``data`` (a list, an array, a tensor, a batched dataset or
        an iterable of batches): tokens by decreasing count, ties by decreasing token, cut to
        ``max_tokens``.

        Example:
            >>> from tapeflow.keras import layers
            >>> s = layers.StringLookup()
            >>> s.adapt(["b", "a", "c", "a", "b", "d"])
            >>> [str(t) for t in s.get_vocabulary()]
            ['[UNK]', 'b', 'a', 'd', 'c']
        """
        self.reset_state()
        if _is_dataset(data):
            if steps is not None:
                data = data.take(steps)
            for batch in data:
                self.update_state(batch)
        elif hasattr(data, "__iter__") and not isinstance(data, (list, tuple, np.ndarray, Tensor, Variable,
                                                                 RaggedTensor)):
            for i, batch in enumerate(data):
                if steps is not None and i >= steps:
                    break
                self.update_state(batch)
        else:
            data = self._keys(data)
            if not isinstance(data, RaggedTensor) and data._value.ndim == 1:
                data = tf.expand_dims(data, -1)
            self.update_state(data)
        self.finalize_state()

    def _keys(self, data: Any) -> Any:
        """``data`` as a tensor of the vocabulary's dtype."""
        if self._string:
            return _string_tensor(data)
        return _tensor(data, tf.int64)

    def update_state(self, data: Any) -> None:
        """Count the tokens of one batch (``adapt`` calls this per batch)."""
        if self._has_input_vocabulary:
            raise ValueError(f"Cannot adapt layer '{self.name}' after setting a static vocabulary via `vocabulary` "
                             "argument or `set_vocabulary()` method.")
        data = self._keys(data)
        if isinstance(data, RaggedTensor):
            rows = data.to_list()
            flat = data.flat_values._value.reshape(-1).tolist()
        else:
            v = data._value
            if v.ndim < 2:
                v = v.reshape(1, -1)
            rows = [r.reshape(-1).tolist() for r in v]
            flat = v.reshape(-1).tolist()
        self._counts.update(flat)
        if self.output_mode == "tf_idf":
            for r in rows:
                self._doc_counts.update(set(_flatten_list(r)))
            self._num_documents += len(rows)

    def finalize_state(self) -> None:
        """Build the vocabulary (and IDF weights) from the counts."""
        if self._has_input_vocabulary or not self._counts:
            self._record_vocabulary_size()
            return
        for special in (self.mask_token, self.oov_token):
            if special is not None:
                self._counts.pop(self._to_token(special), None)
        # decreasing count, ties by decreasing token
        tokens = sorted(self._counts, key=lambda t: (self._counts[t], t), reverse=True)
        if self.max_tokens:
            tokens = tokens[:self.max_tokens - self._token_start_index()]
        self._install(tokens)
        if self.output_mode == "tf_idf":
            df = np.array([self._doc_counts[t] for t in tokens], dtype=np.int64)
            idf = np.log(1 + self._num_documents / (1 + df)).astype(np.float32)
            idf = np.pad(idf, (self._token_start_index(), 0), constant_values=np.mean(idf, dtype=np.float32))
            if self.pad_to_max_tokens and self.max_tokens is not None:
                idf = np.pad(idf, (0, self.max_tokens - idf.size), constant_values=0)
            self.idf_weights = Tensor(idf.astype(np.float32))
        self.reset_state()
        self._record_vocabulary_size()

    def reset_state(self) -> None:
        """Forget the token counts of an unfinished ``adapt``."""
        self._counts: collections.Counter = collections.Counter()
        self._doc_counts: collections.Counter = collections.Counter()
        self._num_documents = 0

    # -- call --------------------------------------------------------------------------------------
    def _lookup_dense(self, x: Tensor) -> Tensor:
        """Table lookup of a dense tensor of keys, with the mask and OOV rules."""
        if self.lookup_table is not None:
            out = self.lookup_table.lookup(x)
        else:
            dflt = self._default_value
            dflt = dflt.encode("utf-8") if isinstance(dflt, str) else dflt
            out = Tensor(np.full(x._value.shape, dflt, dtype=object if self._value_dt == tf.string else np.int64))
        if self.mask_token is not None:
            if self.invert:
                key, value = 0, self._to_token(self.mask_token)
            else:
                key, value = self._to_token(self.mask_token), (0 if self.output_mode == "int" else _INT64_MAX)
            key_t = Tensor(np.array(key, dtype=object) if isinstance(key, bytes) else np.int64(key))
            val_t = Tensor(np.array(value, dtype=object) if isinstance(value, bytes) else np.int64(value))
            out = tf.where(tf.equal(x, key_t), tf.fill(tf.shape(out), val_t), out)
        if self.invert:
            return out
        if self.num_oov_indices == 0:
            bad = tf.equal(out, tf.constant(-1, tf.int64))
            if bool(tf.reduce_any(bad)):
                found = tf.boolean_mask(x, bad)
                msg = tf.strings.format("When `num_oov_indices=0` all inputs should be in vocabulary, found OOV values "
                                        "{}, consider setting `num_oov_indices=1`.", (found,))
                raise InvalidArgumentError(msg.numpy().decode("utf-8", "replace"), op=self._who)
        elif self.num_oov_indices > 1:
            if not self._string and self.oov_method != "farmhash":
                oov = tf.math.floormod(x, tf.constant(self.num_oov_indices, tf.int64))
            else:
                h = x if self._string else tf.strings.as_string(x)
                if self.salt is not None:
                    oov = tf.strings.to_hash_bucket_strong(h, self.num_oov_indices, key=self.salt)
                else:
                    oov = tf.strings.to_hash_bucket_fast(h, self.num_oov_indices)
            oov = C.add(oov, tf.constant(self._oov_start_index(), tf.int64))
            out = tf.where(tf.equal(out, tf.constant(-1, tf.int64)), oov, out)
        return out

    def _lookup(self, inputs: Any) -> Any:
        if self.output_mode != "int" and not self.pad_to_max_tokens and self._frozen_vocab_size is None:
            raise RuntimeError(f"When using `output_mode={self.output_mode}` and `pad_to_max_tokens=False`, you must "
                               "set the layer's vocabulary before calling it. Either pass a `vocabulary` argument to "
                               "the layer, or call `adapt` with some sample data.")
        x = self._keys(inputs) if not self.invert else _tensor(inputs, tf.int64)
        scalar = not isinstance(x, RaggedTensor) and x._value.ndim == 0
        if scalar:
            x = C.reshape_to(x, (1,))
        out = _map_values(x, self._lookup_dense)
        if self.output_mode == "int":
            return C.reshape_to(out, ()) if scalar else out
        depth = self.max_tokens if self.pad_to_max_tokens else self._frozen_vocab_size
        mode = "count" if self.output_mode == "tf_idf" else self.output_mode
        enc = _encode(out, mode, depth, tf.int64, self._who)
        if self.output_mode == "tf_idf":
            if self.idf_weights is None:
                raise ValueError("When `output_mode` is `'tf_idf'`, `idf_weights` must be provided.")
            enc = C.multiply(tf.cast(enc, tf.float32), self.idf_weights)
        return tf.sparse.from_dense(enc) if self.sparse else enc

    def call(self, inputs: Any) -> Any:
        return self._lookup(inputs)

    def compute_output_shape(self, input_shape: Any) -> Any:
        if self.output_mode == "int":
            return input_shape
        depth = self.max_tokens if self.pad_to_max_tokens else self._frozen_vocab_size
        input_shape = tuple(input_shape)
        if self.output_mode == "one_hot":
            if len(input_shape) > 1 and input_shape[-1] == 1:
                return input_shape[:-1] + (depth,)
            return input_shape + (depth,)
        return input_shape[:-1] + (depth,)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(invert=self.invert, max_tokens=self.max_tokens, num_oov_indices=self.num_oov_indices,
                   oov_token=self.oov_token, mask_token=self.mask_token, output_mode=self.output_mode,
                   sparse=self.sparse, pad_to_max_tokens=self.pad_to_max_tokens,
                   vocabulary_dtype=self.vocabulary_dtype, idf_weights=_listify(self.input_idf_weights),
                   vocabulary=_listify(self.input_vocabulary), vocabulary_size=self._frozen_vocab_size,
                   oov_method=self.oov_method, salt=self.salt)
        return cfg


def _flatten_list(r: Any) -> list:
    if isinstance(r, list):
        out = []
        for e in r:
            out.extend(_flatten_list(e))
        return out
    return [r]


class StringLookup(_IndexLookup):
    """Maps strings to integer indices through a vocabulary (given, or learned with ``adapt``).

    Index 0 is the OOV token "[UNK]" by default (with ``mask_token`` set and
    ``output_mode="int"`` the mask takes index 0 and OOV index 1). ``num_oov_indices > 1``
    hashes OOV strings into several OOV indices (FarmHash, or SipHash with ``salt``).
    ``output_mode`` "one_hot"/"multi_hot"/"count" give int64 encodings, "tf_idf" float32;
    ``invert=True`` maps indices back to strings.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> s = layers.StringLookup(vocabulary=["a", "b", "c"])
        >>> s(np.array([["a", "x"], ["c", "b"]])).numpy().tolist()
        [[1, 0], [3, 2]]
        >>> layers.StringLookup(vocabulary=["a", "b", "c"], invert=True)([1, 0]).numpy().tolist()
        [b'a', b'[UNK]']
    """

    _string = True
    _who = "StringLookup"

    def __init__(self, max_tokens: int | None = None, num_oov_indices: int = 1, mask_token: Any = None,
                 oov_token: str = "[UNK]", vocabulary: Any = None, idf_weights: Any = None, invert: bool = False,
                 output_mode: str = "int", pad_to_max_tokens: bool = False, sparse: bool = False,
                 encoding: str = "utf-8", name: str | None = None, salt: Any = None, **kwargs: Any) -> None:
        self.encoding = encoding
        super().__init__(max_tokens=max_tokens, num_oov_indices=num_oov_indices, mask_token=mask_token,
                         oov_token=oov_token, vocabulary=vocabulary, idf_weights=idf_weights, invert=invert,
                         output_mode=output_mode, pad_to_max_tokens=pad_to_max_tokens, sparse=sparse, name=name,
                         salt=salt, vocabulary_dtype="string", **kwargs)

    def get_config(self) -> dict:
        cfg = super().get_config()
        del cfg["vocabulary_dtype"]
        cfg["encoding"] = self.encoding
        return cfg


class IntegerLookup(_IndexLookup):
    """Maps integers to contiguous indices through a vocabulary (given, or learned with
    ``adapt``); the OOV token is -1 at index 0 by default. Several OOV indices take
    ``x mod num_oov_indices`` (``oov_method="floormod"``) or a FarmHash bucket of the decimal
    string (``"farmhash"``, SipHash with ``salt``).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> i = layers.IntegerLookup()
        >>> i.adapt(np.array([5, 3, 3, 7, 9, 9, 1]))
        >>> [int(t) for t in i.get_vocabulary()], i(np.array([3, 4, 9])).numpy().tolist()
        ([-1, 9, 3, 7, 5, 1], [2, 0, 1])
    """

    _string = False
    _who = "IntegerLookup"

    def __init__(self, max_tokens: int | None = None, num_oov_indices: int = 1, mask_token: Any = None,
                 oov_token: int = -1, vocabulary: Any = None, vocabulary_dtype: str = "int64", idf_weights: Any = None,
                 invert: bool = False, output_mode: str = "int", sparse: bool = False, pad_to_max_tokens: bool = False,
                 oov_method: str = "floormod", salt: Any = None, name: str | None = None, **kwargs: Any) -> None:
        if max_tokens is not None and max_tokens <= 1:
            raise ValueError(f"If `max_tokens` is set for `IntegerLookup`, it must be greater than 1. Received: "
                             f"max_tokens={max_tokens}")
        if num_oov_indices < 0:
            raise ValueError("The value of `num_oov_indices` argument for `IntegerLookup` must >= 0. Received: "
                             f"num_oov_indices={num_oov_indices}")
        if vocabulary_dtype != "int64":
            raise ValueError(f"Only `vocabulary_dtype='int64'` is supported at this time. Received: "
                             f"vocabulary_dtype={vocabulary_dtype}")
        super().__init__(max_tokens=max_tokens, num_oov_indices=num_oov_indices, mask_token=mask_token,
                         oov_token=oov_token, vocabulary=vocabulary, vocabulary_dtype=vocabulary_dtype,
                         idf_weights=idf_weights, invert=invert, output_mode=output_mode, sparse=sparse,
                         pad_to_max_tokens=pad_to_max_tokens, oov_method=oov_method, salt=salt, name=name, **kwargs)

    def get_config(self) -> dict:
        cfg = super().get_config()
        if cfg["oov_token"] is not None:
            cfg["oov_token"] = int(cfg["oov_token"])
        if cfg["mask_token"] is not None:
            cfg["mask_token"] = int(cfg["mask_token"])
        if cfg["vocabulary"] is not None:
            cfg["vocabulary"] = [int(v) for v in cfg["vocabulary"]]
        return cfg


# --- TextVectorization ---------------------------------------------------------------------------

_PUNCTUATION = r'[!"#$%&()\*\+,-\./:;<=>?@\[\\\]^_`{|}~\']'


class TextVectorization(_Preprocessing):
    """Turns strings into token indices (or multi-hot / count / TF-IDF vectors): standardize
    (``"lower_and_strip_punctuation"``, ``"lower"``, ``"strip_punctuation"``, None or a
    callable), split (``"whitespace"``, ``"character"``, None or a callable), optional
    ``ngrams``, then a ``StringLookup`` with mask token "" (index 0) and OOV "[UNK]" (index 1).
    In "int" mode rows are padded with 0 to the longest row, or padded/truncated to
    ``output_sequence_length``.

    Example:
        >>> from tapeflow.keras import layers
        >>> t = layers.TextVectorization()
        >>> t.adapt(["The cat sat.", "The dog!"])
        >>> [str(w) for w in t.get_vocabulary()]
        ['', '[UNK]', 'the', 'sat', 'dog', 'cat']
        >>> t(["the cat and the dog"]).numpy().tolist()
        [[2, 5, 1, 2, 4]]
    """

    def __init__(self, max_tokens: int | None = None, standardize: Any = "lower_and_strip_punctuation",
                 split: Any = "whitespace", ngrams: Any = None, output_mode: str = "int",
                 output_sequence_length: int | None = None, pad_to_max_tokens: bool = False, vocabulary: Any = None,
                 idf_weights: Any = None, sparse: bool = False, ragged: bool = False, encoding: str = "utf-8",
                 name: str | None = None, **kwargs: Any) -> None:
        _check_choice("TextVectorization", "standardize", standardize,
                      ("lower_and_strip_punctuation", "lower", "strip_punctuation"), allow_none=True,
                      allow_callables=True)
        _check_choice("TextVectorization", "split", split, ("whitespace", "character"), allow_none=True,
                      allow_callables=True)
        if output_mode == "binary":
            output_mode = "multi_hot"
        if output_mode == "tf-idf":
            output_mode = "tf_idf"
        _check_choice("TextVectorization", "output_mode", output_mode,
                      ("int", "one_hot", "multi_hot", "count", "tf_idf"))
        if not (ngrams is None or isinstance(ngrams, int)
                or isinstance(ngrams, tuple) and all(isinstance(i, int) for i in ngrams)):
            raise ValueError(f"`ngrams` must be None, an integer, or a tuple of integers. Received: ngrams={ngrams}")
        if output_mode == "int" and not (isinstance(output_sequence_length, int) or output_sequence_length is None):
            raise ValueError("`output_sequence_length` must be either None or an integer when `output_mode` is 'int'. "
                             f"Received: output_sequence_length={output_sequence_length}")
        if output_mode != "int" and output_sequence_length is not None:
            raise ValueError("`output_sequence_length` must not be set if `output_mode` is not 'int'. Received "
                             f"output_sequence_length={output_sequence_length}.")
        if ragged and output_mode != "int":
            raise ValueError("`ragged` must not be true if `output_mode` is `'int'`. Received: "
                             f"ragged={ragged} and output_mode={output_mode}")
        self._max_tokens = max_tokens
        self._standardize = standardize
        self._split = split
        self._ngrams_arg = ngrams
        self._ngrams = tuple(range(1, ngrams + 1)) if isinstance(ngrams, int) else ngrams
        self._ragged = ragged
        self._output_mode = output_mode
        self._output_sequence_length = output_sequence_length
        self._encoding = encoding
        has_input = kwargs.pop("has_input_vocabulary", vocabulary is not None)
        vocabulary_size = kwargs.pop("vocabulary_size", None)
        super().__init__(name=name, **kwargs)
        self._lookup_layer = StringLookup(max_tokens=max_tokens, vocabulary=vocabulary, idf_weights=idf_weights,
                                          pad_to_max_tokens=pad_to_max_tokens, mask_token="", output_mode=output_mode,
                                          sparse=sparse, has_input_vocabulary=has_input, encoding=encoding,
                                          vocabulary_size=vocabulary_size)

    def _preprocess(self, inputs: Any) -> Any:
        x = _string_tensor(inputs)
        if self._standardize in ("lower", "lower_and_strip_punctuation"):
            x = tf.strings.lower(x)
        if self._standardize in ("strip_punctuation", "lower_and_strip_punctuation"):
            x = tf.strings.regex_replace(x, _PUNCTUATION, "")
        if callable(self._standardize):
            x = self._standardize(x)
        if self._split is not None:
            if isinstance(x, Tensor) and x._value.ndim > 1:
                if x._value.shape[-1] != 1:
                    raise ValueError("When using `TextVectorization` to tokenize strings, the input rank must be 1 or "
                                     f"the last shape dimension must be 1. Received: inputs.shape="
                                     f"{tf.TensorShape(x._value.shape)} with rank={x._value.ndim}")
                x = C.reshape_to(x, x._value.shape[:-1])
            if self._split == "whitespace":
                x = tf.strings.split(x)
            elif self._split == "character":
                x = tf.strings.unicode_split(x, "UTF-8")
            else:
                x = self._split(x)
        if self._ngrams is not None:
            x = tf.strings.ngrams(x, ngram_width=self._ngrams, separator=" ")
        return x

    def adapt(self, data: Any, batch_size: Any = None, steps: int | None = None) -> None:
        """Learn the vocabulary from ``data`` (strings: a list, an array, a tensor, a batched
        dataset or an iterable of batches), after standardizing and splitting.

        Example:
            >>> from tapeflow.keras import layers
            >>> t = layers.TextVectorization(max_tokens=4)
            >>> t.adapt(["b b a", "c a b"])
            >>> [str(w) for w in t.get_vocabulary()]
            ['', '[UNK]', 'b', 'a']
        """
        self.reset_state()
        if _is_dataset(data):
            if steps is not None:
                data = data.take(steps)
            for batch in data:
                self.update_state(batch)
        elif hasattr(data, "__iter__") and not isinstance(data, (list, tuple, np.ndarray, Tensor, Variable, str)):
            for i, batch in enumerate(data):
                if steps is not None and i >= steps:
                    break
                self.update_state(batch)
        else:
            data = _string_tensor(data)
            if data._value.ndim == 1:
                data = tf.expand_dims(data, -1)
            self.update_state(data)
        self.finalize_state()

    def update_state(self, data: Any) -> None:
        """Standardize, split and count one batch of strings."""
        self._lookup_layer.update_state(self._preprocess(data))

    def finalize_state(self) -> None:
        """Build the vocabulary from the counts."""
        self._lookup_layer.finalize_state()

    def reset_state(self) -> None:
        """Forget the counts of an unfinished ``adapt``."""
        self._lookup_layer.reset_state()

    def get_vocabulary(self, include_special_tokens: bool = True) -> list:
        """The vocabulary in index order ("" and "[UNK]" first unless excluded)."""
        return self._lookup_layer.get_vocabulary(include_special_tokens)

    def vocabulary_size(self) -> int:
        """The vocabulary size, the padding and OOV indices included."""
        return self._lookup_layer.vocabulary_size()

    def set_vocabulary(self, vocabulary: Any, idf_weights: Any = None) -> None:
        """Set the vocabulary (and the IDF weights in "tf_idf" mode) directly."""
        self._lookup_layer.set_vocabulary(vocabulary, idf_weights=idf_weights)

    def call(self, inputs: Any) -> Any:
        x = self._preprocess(inputs)
        out = self._lookup_layer._lookup(x)
        if self._output_mode != "int":
            return out
        n = self._output_sequence_length
        if isinstance(out, RaggedTensor):
            if self._ragged:
                return out if n is None else _truncate_rows(out, n)
            if n is None:
                return out.to_tensor(default_value=0)
            shape = [None] * (len(out.shape) - 1) + [n]
            return out.to_tensor(default_value=0, shape=shape)
        if n is not None:
            length = out._value.shape[-1]
            out = out[..., :n]
            if length < n:
                pads = [[0, 0]] * (out._value.ndim - 1) + [[0, n - length]]
                out = tf.pad(out, pads)
        return out

    def compute_output_shape(self, input_shape: Any) -> Any:
        if self._output_mode == "int":
            return (tuple(input_shape)[0], self._output_sequence_length)
        if self._split is None:
            shape = tuple(input_shape) + (1,) if len(input_shape) <= 1 else tuple(input_shape)
        else:
            shape = tuple(input_shape) + (None,)
        return self._lookup_layer.compute_output_shape(shape)

    def get_config(self) -> dict:
        cfg = super().get_config()
        lk = self._lookup_layer
        cfg.update(max_tokens=lk.max_tokens, standardize=self._standardize, split=self._split, ngrams=self._ngrams_arg,
                   output_mode=self._output_mode, output_sequence_length=self._output_sequence_length,
                   pad_to_max_tokens=lk.pad_to_max_tokens, sparse=lk.sparse, ragged=self._ragged,
                   vocabulary=_listify(lk.input_vocabulary), idf_weights=_listify(lk.input_idf_weights),
                   encoding=self._encoding, vocabulary_size=self.vocabulary_size())
        return cfg

    @classmethod
    def from_config(cls, config: dict) -> TextVectorization:
        config = dict(config)
        if isinstance(config.get("ngrams"), list):
            config["ngrams"] = tuple(config["ngrams"])
        return cls(**config)


def _truncate_rows(rt: RaggedTensor, n: int) -> RaggedTensor:
    """The first ``n`` values of each row of a 2-D RaggedTensor."""
    lengths = rt.row_lengths()._value
    starts = rt.row_splits._value[:-1] if hasattr(rt.row_splits, "_value") else rt.row_splits()._value[:-1]
    keep = np.minimum(lengths, n)
    idx = np.concatenate([np.arange(s, s + k) for s, k in zip(starts, keep)]) if len(keep) else np.zeros(0, np.int64)
    values = tf.gather(rt.flat_values, Tensor(idx.astype(np.int64)))
    return RaggedTensor.from_row_lengths(values, Tensor(keep.astype(lengths.dtype)))


# --- Hashing and CategoryEncoding ----------------------------------------------------------------


class Hashing(_Preprocessing):
    """Hashes values into ``num_bins`` bins: strings (numbers via their decimal text, floats
    truncated to int64 first) with TF's FarmHash Fingerprint64 (``to_hash_bucket_fast``), or with
    keyed SipHash when ``salt`` is given. With ``mask_value`` that value maps to bin 0 and the
    others to bins 1..num_bins-1. ``output_mode`` can also be "one_hot", "multi_hot" or "count".

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.Hashing(num_bins=3)(np.array([["A"], ["B"], ["C"], ["D"], ["E"]])).numpy().ravel().tolist()
        [1, 0, 1, 1, 2]
    """

    def __init__(self, num_bins: int, mask_value: Any = None, salt: Any = None, output_mode: str = "int",
                 sparse: bool = False, **kwargs: Any) -> None:
        if kwargs.get("dtype") is None:
            kwargs["dtype"] = "int64" if output_mode == "int" else "float32"
        super().__init__(**kwargs)
        if num_bins is None or num_bins <= 0:
            raise ValueError(f"The `num_bins` for `Hashing` cannot be `None` or non-positive values. Received: "
                             f"num_bins={num_bins}.")
        if output_mode == "int" and self.dtype not in ("int32", "int64"):
            raise ValueError(f"When `output_mode=\"int\"`, `dtype` should be an integer type, 'int32' or 'in64'. "
                             f"Received: dtype={kwargs['dtype']}")
        modes = ("int", "one_hot", "multi_hot", "count")
        if output_mode not in modes:
            raise ValueError(f"Invalid value for argument `output_mode`. Expected one of {modes}. Received: "
                             f"output_mode={output_mode}")
        if sparse and output_mode == "int":
            raise ValueError('`sparse` may only be true if `output_mode` is `"one_hot"`, `"multi_hot"`, or `"count"`. '
                             f"Received: sparse={sparse} and output_mode={output_mode}")
        self.num_bins = num_bins
        self.mask_value = mask_value
        self.strong_hash = salt is not None
        self.output_mode = output_mode
        self.sparse = sparse
        self.salt = None
        if salt is not None:
            if isinstance(salt, (tuple, list)) and len(salt) == 2:
                self.salt = list(salt)
            elif isinstance(salt, int):
                self.salt = [salt, salt]
            else:
                raise ValueError("The `salt` argument for `Hashing` can only be a tuple of size 2 integers, or a "
                                 f"single integer. Received: salt={salt}.")

    def _bins(self, values: Tensor) -> Tensor:
        bins = self.num_bins
        mask = None
        if self.mask_value is not None and bins > 1:
            bins -= 1
            mv = self.mask_value
            if values.dtype == tf.string:
                mv = Tensor(np.array(mv.encode("utf-8") if isinstance(mv, str) else mv, dtype=object))
            mask = tf.equal(values, tf.cast(mv, values.dtype) if not isinstance(mv, Tensor) else mv)
        if values.dtype.is_floating:
            values = tf.cast(values, tf.int64)
        if values.dtype != tf.string:
            values = tf.strings.as_string(values)
        if self.strong_hash:
            out = tf.strings.to_hash_bucket_strong(values, bins, key=self.salt)
        else:
            out = tf.strings.to_hash_bucket_fast(values, bins)
        if mask is not None:
            out = tf.where(mask, tf.zeros_like(out), C.add(out, tf.ones_like(out)))
        return out

    def call(self, inputs: Any) -> Any:
        x = inputs
        if isinstance(x, Tensor) and x._value.dtype == object:
            x = _string_tensor(x)
        if self.output_mode == "one_hot" and isinstance(x, Tensor) and x._value.ndim and x._value.shape[-1] == 1:
            x = C.reshape_to(x, x._value.shape[:-1])
        idx = _map_values(x, self._bins)
        return _encode(idx, self.output_mode, self.num_bins, self.dtype, "Hashing", sparse=self.sparse)

    def compute_output_shape(self, input_shape: Any) -> Any:
        if self.output_mode == "int":
            return tuple(input_shape)
        if len(input_shape) == 0:
            return (self.num_bins,)
        return tuple(input_shape)[:-1] + (self.num_bins,)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(num_bins=self.num_bins, salt=self.salt, mask_value=self.mask_value, output_mode=self.output_mode,
                   sparse=self.sparse)
        return cfg


class CategoryEncoding(_Preprocessing):
    """Encodes integer category ids in ``[0, num_tokens)``: "multi_hot" (default), "one_hot"
    or "count" (optionally weighted by ``count_weights`` at call time).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.CategoryEncoding(num_tokens=4)(np.array([[0, 1], [3, 3]])).numpy().tolist()
        [[1.0, 1.0, 0.0, 0.0], [0.0, 0.0, 0.0, 1.0]]
    """

    def __init__(self, num_tokens: int | None = None, output_mode: str = "multi_hot", sparse: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if output_mode == "binary":
            output_mode = "multi_hot"
        if output_mode not in ("count", "one_hot", "multi_hot"):
            raise ValueError(f"Unknown arg for output_mode: {output_mode}")
        if num_tokens is None:
            raise ValueError("num_tokens must be set to use this layer. If the number of tokens is not known "
                             "beforehand, use the IntegerLookup layer instead.")
        if num_tokens < 1:
            raise ValueError(f"`num_tokens` must be >= 1. Received: num_tokens={num_tokens}.")
        self.num_tokens = num_tokens
        self.output_mode = output_mode
        self.sparse = sparse

    def call(self, inputs: Any, count_weights: Any = None) -> Any:
        if count_weights is not None:
            if self.output_mode != "count":
                raise ValueError(f"`count_weights` is not used when `output_mode` is not `'count'`. Received "
                                 f"`count_weights={count_weights}`.")
            count_weights = tf.cast(_tensor(count_weights), self.dtype)
        x = _tensor(inputs)
        if not isinstance(x, RaggedTensor) and x._value.dtype.kind not in "iu":
            if x._value.dtype.kind == "f" and np.all(np.floor(x._value) == x._value):
                x = tf.cast(x, tf.int64)
            else:
                raise InvalidArgumentError(f"CategoryEncoding layer '{self.name}': inputs must be integer category "
                                           f"ids, got a {x.dtype.name} tensor of shape {tuple(x._value.shape)}",
                                           op="CategoryEncoding")
        return _encode(x, self.output_mode, self.num_tokens, self.dtype, "CategoryEncoding", count_weights,
                       sparse=self.sparse)

    def compute_output_shape(self, input_shape: Any) -> Any:
        input_shape = tuple(input_shape)
        if len(input_shape) == 0:
            return (self.num_tokens,)
        if self.output_mode == "one_hot":
            if input_shape[-1] != 1 or len(input_shape) == 1:
                return input_shape + (self.num_tokens,)
            return input_shape[:-1] + (self.num_tokens,)
        return input_shape[:-1] + (self.num_tokens,)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(num_tokens=self.num_tokens, output_mode=self.output_mode)
        return cfg


# --- image layers --------------------------------------------------------------------------------

_RESIZE_METHODS = ("bilinear", "nearest", "lanczos3", "lanczos5", "bicubic", "area")
_FILL_MODES = ("reflect", "wrap", "constant", "nearest")
_AFFINE_METHODS = ("nearest", "bilinear")


def _image_format(data_format: Any) -> str:
    df = "channels_last" if data_format is None else data_format
    if df not in ("channels_last", "channels_first"):
        raise ValueError(f"The `data_format` argument must be one of {{'channels_first', 'channels_last'}}. "
                         f"Received: data_format={data_format}")
    return df


def _to_nhwc(x: Tensor, data_format: str) -> tuple:
    """(a 4-D channels-last batch, whether the input was one image)."""
    single = x._value.ndim == 3
    if single:
        x = tf.expand_dims(x, 0)
    if data_format == "channels_first":
        x = C.transpose_raw(x, (0, 2, 3, 1))
    return x, single


def _from_nhwc(x: Tensor, single: bool, data_format: str) -> Tensor:
    if data_format == "channels_first":
        x = C.transpose_raw(x, (0, 3, 1, 2))
    return C.reshape_to(x, x._value.shape[1:]) if single else x


def _map_coordinate(c: np.ndarray, n: int, mode: str) -> np.ndarray:
    """TF's ImageProjectiveTransform boundary rules for one axis of length ``n`` (float32)."""
    c = c.astype(np.float32)
    if mode == "constant":
        return c
    top = np.float32(n - 1)
    if mode == "nearest" or n <= 1:
        return np.clip(c, np.float32(0), top) if n > 1 else np.where((c < 0) | (c > top), np.float32(0), c)
    if mode == "reflect":
        sz2 = np.float32(2 * n)
        neg = c < 0
        cn = sz2 * np.trunc(-c / sz2) + c
        cn = np.where(cn < -n, cn + sz2, -cn - np.float32(1))
        pos = c > top
        cp = c - sz2 * np.trunc(c / sz2)
        cp = np.where(cp >= n, sz2 - cp - np.float32(1), cp)
    else:  # wrap
        sz = np.float32(n - 1)
        neg = c < 0
        cn = c + np.float32(n) * (np.trunc(-c / sz) + np.float32(1))
        pos = c > top
        cp = c - np.float32(n) * np.trunc(c / sz)
    c = np.where(neg, cn, np.where(pos, cp, c)).astype(np.float32)
    return np.clip(c, np.float32(0), top)


def _affine_transform(x: Tensor, transforms: np.ndarray, interpolation: str, fill_mode: str,
                      fill_value: float) -> Tensor:
    """TF's ImageProjectiveTransformV3 on a channels-last batch ``x`` (B, H, W, C): output pixel
    (x, y) samples the input at ``((a0 x + a1 y + a2) / k, (b0 x + b1 y + b2) / k)`` with
    ``k = c0 x + c1 y + 1`` (one row of 8 per image, or one for all). The sample positions are
    constants; the result is a weighted gather of ``x``, so gradients reach the image."""
    b, h, w, ch = x._value.shape
    t = np.asarray(transforms, np.float32).reshape(-1, 8)
    if t.shape[0] == 1 and b != 1:
        t = np.repeat(t, b, axis=0)
    ys, xs = np.meshgrid(np.arange(h, dtype=np.float32), np.arange(w, dtype=np.float32), indexing="ij")
    a0, a1, a2, b0, b1, b2, c0, c1 = (t[:, i, None, None] for i in range(8))
    k = c0 * xs + c1 * ys + np.float32(1)
    dead = k == 0
    k = np.where(dead, np.float32(1), k)
    in_x = _map_coordinate((a0 * xs + a1 * ys + a2) / k, w, fill_mode)
    in_y = _map_coordinate((b0 * xs + b1 * ys + b2) / k, h, fill_mode)
    if interpolation == "nearest":
        def rnd(v: np.ndarray) -> np.ndarray:  # std::round: halves away from zero
            return np.sign(v) * np.floor(np.abs(v) + np.float32(0.5))

        taps = [(rnd(in_y), rnd(in_x), np.ones_like(in_x))]
    else:
        y0, x0 = np.floor(in_y), np.floor(in_x)
        y1, x1 = y0 + 1, x0 + 1
        taps = [(y0, x0, (y1 - in_y) * (x1 - in_x)), (y0, x1, (y1 - in_y) * (in_x - x0)),
                (y1, x0, (in_y - y0) * (x1 - in_x)), (y1, x1, (in_y - y0) * (in_x - x0))]
    flat = C.reshape_to(x, (b * h * w, ch))
    base = (np.arange(b) * (h * w)).reshape(b, 1, 1)
    dt = x._value.dtype
    out = None
    fill_w = np.zeros((b, h, w), np.float64)
    for ty, tx, wt in taps:
        ok = (ty >= 0) & (ty < h) & (tx >= 0) & (tx < w) & ~dead
        idx = base + np.clip(ty, 0, h - 1).astype(np.int64) * w + np.clip(tx, 0, w - 1).astype(np.int64)
        wk = np.where(ok, wt, 0).astype(dt)
        fill_w += np.where(ok, 0, wt)
        term = C.multiply(tf.gather(flat, Tensor(idx)), Tensor(wk[..., None]))
        out = term if out is None else C.add(out, term)
    fill_w = np.where(dead, 1.0, fill_w)
    if fill_value and fill_w.any():
        out = C.add(out, Tensor((fill_w * fill_value).astype(dt)[..., None]))
    return out


def _crop_to_aspect(h: int, w: int, th: int, tw: int) -> tuple:
    """Keras's centred crop box with the target's aspect ratio: (top, left, height, width)."""
    ch = max(min(h, int(np.float32(w * th) / np.float32(tw))), 1)
    cw = max(min(w, int(np.float32(h * tw) / np.float32(th))), 1)
    return int(np.float32(h - ch) / np.float32(2)), int(np.float32(w - cw) / np.float32(2)), ch, cw


def _set_factor(factor: Any, bounds: tuple) -> tuple:
    msg = (f"The `factor` argument should be a number (or a list of two numbers) in the range [{bounds[0]}, "
           f"{bounds[1]}]. Received: factor={factor}")
    if isinstance(factor, (tuple, list)):
        if len(factor) != 2 or factor[0] > bounds[1] or factor[1] < bounds[0]:
            raise ValueError(msg)
        lower, upper = sorted(factor)
    elif isinstance(factor, (int, float)) and not isinstance(factor, bool):
        if factor < bounds[0] or factor > bounds[1]:
            raise ValueError(msg)
        factor = abs(factor)
        lower, upper = max(-factor, bounds[0]), factor
    else:
        raise ValueError(msg)
    return lower, upper


class _ImageLayer(_Preprocessing):
    """Shared by the image layers: ``data_format``, rank checks, dict inputs (``"images"``
    transformed, ``"labels"`` passed through), the random generator, and the cast of images to
    the layer dtype."""

    _random = False

    def __init__(self, data_format: Any = None, seed: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data_format = _image_format(data_format)
        self.seed = seed
        self._generator = tf.random.Generator.from_seed(seed) if seed is not None else None

    def _uniform(self, shape: Any, lo: float, hi: float) -> np.ndarray:
        """Uniform float32 numbers from this layer's generator (seeded), else tf.random's."""
        if self._generator is not None:
            return self._generator.uniform(shape, lo, hi, dtype=tf.float32).numpy()
        return tf.random.uniform(shape, lo, hi, dtype=tf.float32).numpy()

    def _images(self, x: Any) -> Tensor:
        x = _tensor(x)
        if x._value.ndim not in (3, 4):
            raise ValueError("Expected image tensor to have rank 3 (single image) or 4 (batch of images). "
                             f"Received: data.shape={tuple(x._value.shape)}")
        return x

    def _float(self, x: Tensor) -> Tensor:
        return x if x._value.dtype == self._np_dtype else tf.cast(x, self.dtype)

    def _hw(self, x: Tensor) -> tuple:
        s = x._value.shape
        return (s[-3], s[-2]) if self.data_format == "channels_last" else (s[-2], s[-1])

    def call(self, inputs: Any, training: Any = True) -> Any:
        if isinstance(inputs, dict):
            unknown = set(inputs) - {"images", "labels"}
            if unknown or "images" not in inputs:
                raise ValueError(f"{type(self).__name__} layer '{self.name}': dict inputs may hold 'images' and "
                                 f"'labels' only in tapeflow, got keys {sorted(inputs)}")
            out = dict(inputs)
            out["images"] = self._transform(self._images(inputs["images"]), bool(training))
            return out
        return self._transform(self._images(inputs), bool(training))

    def _transform(self, x: Tensor, training: bool) -> Tensor:
        raise NotImplementedError

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg["data_format"] = self.data_format
        return cfg


def _restore_dtype(out: Tensor, like: Tensor) -> Tensor:
    """Back to ``like``'s dtype: integers rounded and saturated, floats cast."""
    dt = like._value.dtype
    if out._value.dtype == dt:
        return out
    if dt.kind not in "iu":
        return tf.cast(out, like.dtype)
    info = np.iinfo(dt)
    out = tf.clip_by_value(tf.round(out), float(info.min), float(info.max))
    return tf.cast(out, like.dtype)


def _resize(x: Tensor, height: int, width: int, interpolation: str, antialias: bool, data_format: str,
            crop_to_aspect_ratio: bool = False, pad_to_aspect_ratio: bool = False, fill_value: float = 0.0) -> Tensor:
    """Keras's image resize: optional centred crop or pad to the target aspect ratio, then
    ``tf.image.resize``."""
    x4, single = _to_nhwc(x, data_format)
    b, h, w, ch = x4._value.shape
    if crop_to_aspect_ratio:
        top, left, chh, cww = _crop_to_aspect(h, w, height, width)
        x4 = x4[:, top:top + chh, left:left + cww, :]
    elif pad_to_aspect_ratio:
        ph = max(h, int(np.float32(w * height) / np.float32(width)))
        pw = max(w, int(np.float32(h * width) / np.float32(height)))
        top = int(np.float32(ph - h) / np.float32(2))
        left = int(np.float32(pw - w) / np.float32(2))
        if top > 0:
            pad = Tensor(np.full((b, top, w, ch), fill_value, x4._value.dtype))
            x4 = tf.concat([pad, x4, pad], axis=1)
        if left > 0:
            pad = Tensor(np.full((b, x4._value.shape[1], left, ch), fill_value, x4._value.dtype))
            x4 = tf.concat([pad, x4, pad], axis=2)
    out = tf.image.resize(x4, (height, width), method=interpolation, antialias=antialias)
    return _from_nhwc(out, single, data_format)


class Resizing(_ImageLayer):
    """Resizes images (rank 3 or 4) to ``(height, width)`` with ``tf.image.resize``; optionally
    crops (``crop_to_aspect_ratio``) or pads with ``fill_value`` (``pad_to_aspect_ratio``) to the
    target aspect ratio first. Integer images come back rounded to their dtype; float images
    are float32. Applied in training and inference.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.array([[1.0, 2.0], [3.0, 4.0]], "float32").reshape(2, 2, 1)
        >>> layers.Resizing(3, 3)(x)[..., 0].numpy().tolist()
        [[1.0, 1.5, 2.0], [2.0, 2.5, 3.0], [3.0, 3.5, 4.0]]
    """

    def __init__(self, height: int, width: int, interpolation: str = "bilinear", crop_to_aspect_ratio: bool = False,
                 pad_to_aspect_ratio: bool = False, fill_mode: str = "constant", fill_value: float = 0.0,
                 antialias: bool = False, data_format: Any = None, **kwargs: Any) -> None:
        super().__init__(data_format=data_format, **kwargs)
        if interpolation not in _RESIZE_METHODS:
            raise ValueError(f"Invalid value for argument `interpolation`. Expected of one {_RESIZE_METHODS}. "
                             f"Received: interpolation={interpolation}")
        if fill_mode != "constant":
            raise ValueError(f"Invalid value for argument `fill_mode`. Only `'constant'` is supported. Received: "
                             f"fill_mode={fill_mode}")
        if pad_to_aspect_ratio and crop_to_aspect_ratio:
            raise ValueError("Only one of `pad_to_aspect_ratio` & `crop_to_aspect_ratio` can be `True`.")
        self.height = height
        self.width = width
        self.interpolation = interpolation
        self.crop_to_aspect_ratio = crop_to_aspect_ratio
        self.pad_to_aspect_ratio = pad_to_aspect_ratio
        self.fill_mode = fill_mode
        self.fill_value = fill_value
        self.antialias = bool(antialias)

    def _transform(self, x: Tensor, training: bool) -> Tensor:
        if x._value.dtype.kind == "f":
            x = self._float(x)
        out = _resize(x, self.height, self.width, self.interpolation, self.antialias, self.data_format,
                      self.crop_to_aspect_ratio, self.pad_to_aspect_ratio, self.fill_value)
        return _restore_dtype(out, x)

    def compute_output_shape(self, input_shape: Any) -> Any:
        s = list(input_shape)
        ax = (-3, -2) if self.data_format == "channels_last" else (-2, -1)
        s[ax[0]], s[ax[1]] = self.height, self.width
        return tuple(s)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(height=self.height, width=self.width, interpolation=self.interpolation,
                   crop_to_aspect_ratio=self.crop_to_aspect_ratio, pad_to_aspect_ratio=self.pad_to_aspect_ratio,
                   fill_mode=self.fill_mode, fill_value=self.fill_value, antialias=self.antialias)
        return cfg


class CenterCrop(_ImageLayer):
    """Crops the central ``(height, width)`` window; an image smaller than the target is
    cropped to the target aspect ratio and resized (bilinear) instead. Output float32, in
    training and inference.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.arange(16, dtype="float32").reshape(4, 4, 1)
        >>> layers.CenterCrop(2, 2)(x)[..., 0].numpy().tolist()
        [[5.0, 6.0], [9.0, 10.0]]
    """

    def __init__(self, height: int, width: int, data_format: Any = None, **kwargs: Any) -> None:
        super().__init__(data_format=data_format, **kwargs)
        self.height = height
        self.width = width

    def _transform(self, x: Tensor, training: bool) -> Tensor:
        x = self._float(x)
        h, w = self._hw(x)
        if h >= self.height and w >= self.width:
            top, left = (h - self.height) // 2, (w - self.width) // 2
            x4, single = _to_nhwc(x, self.data_format)
            return _from_nhwc(x4[:, top:top + self.height, left:left + self.width, :], single, self.data_format)
        return _resize(x, self.height, self.width, "bilinear", False, self.data_format, crop_to_aspect_ratio=True)

    compute_output_shape = Resizing.compute_output_shape

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(height=self.height, width=self.width)
        return cfg


class RandomCrop(_ImageLayer):
    """In training, crops a random ``(height, width)`` window (one offset per batch); an image
    not larger than the target in both sides is cropped to the target aspect ratio and resized
    instead. At inference the input is returned unchanged (Keras 3).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> crop = layers.RandomCrop(2, 3, seed=1)
        >>> x = np.zeros((2, 4, 5, 1), "float32")
        >>> crop(x).shape.as_list(), crop(x, training=False).shape.as_list()
        ([2, 2, 3, 1], [2, 4, 5, 1])
    """

    def __init__(self, height: int, width: int, seed: Any = None, data_format: Any = None, name: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(data_format=data_format, seed=seed, name=name, **kwargs)
        self.height = height
        self.width = width
        # Keras records a random seed in the config when none is given (the draws stay unseeded)
        self._config_seed = seed if seed is not None else int(np.random.default_rng().integers(1, 1 << 30))

    def _transform(self, x: Tensor, training: bool) -> Tensor:
        if not training:
            return self._float(x) if x._value.dtype.kind == "f" else x
        x = self._float(x)
        h, w = self._hw(x)
        if h > self.height and w > self.width:
            top = int(self._uniform((), 0.0, float(h - self.height + 1)))
            left = int(self._uniform((), 0.0, float(w - self.width + 1)))
        else:
            # Keras: the offsets of a centred crop to the target aspect ratio, but a window of the
            # target size (cut by the image's edges), then a resize
            top, left = _crop_to_aspect(h, w, self.height, self.width)[:2]
        x4, single = _to_nhwc(x, self.data_format)
        x4 = x4[:, top:top + self.height, left:left + self.width, :]
        if tuple(x4._value.shape[1:3]) != (self.height, self.width):
            x4 = tf.cast(tf.image.resize(x4, (self.height, self.width)), self.dtype)
        return _from_nhwc(x4, single, self.data_format)

    compute_output_shape = Resizing.compute_output_shape

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(height=self.height, width=self.width, seed=self._config_seed)
        return cfg


class RandomFlip(_ImageLayer):
    """In training, flips each image with probability 1/2: ``"horizontal"`` (left-right),
    ``"vertical"`` (up-down) or ``"horizontal_and_vertical"`` (both axes by the same coin, as
    Keras 3). Output float32; the identity (cast) at inference.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.arange(4, dtype="float32").reshape(1, 2, 2, 1)
        >>> layers.RandomFlip("horizontal")(x, training=False)[0, ..., 0].numpy().tolist()
        [[0.0, 1.0], [2.0, 3.0]]
    """

    _MODES = ("horizontal", "vertical", "horizontal_and_vertical")

    def __init__(self, mode: str = "horizontal_and_vertical", seed: Any = None, data_format: Any = None,
                 **kwargs: Any) -> None:
        super().__init__(data_format=data_format, seed=seed, **kwargs)
        if mode not in self._MODES:
            raise ValueError(f"RandomFlip layer {self.name} received an unknown mode argument {mode!r}; expected one "
                             f"of {list(self._MODES)}")
        self.mode = mode

    def _transform(self, x: Tensor, training: bool) -> Tensor:
        x = self._float(x)
        if not training:
            return x
        single = x._value.ndim == 3
        x4 = tf.expand_dims(x, 0) if single else x  # the axes below follow data_format
        n = x4._value.shape[0]
        flips = Tensor(self._uniform((n, 1, 1, 1), 0.0, 1.0) <= 0.5)
        flips = tf.broadcast_to(flips, x4._value.shape)
        h_ax, w_ax = (1, 2) if self.data_format == "channels_last" else (2, 3)
        out = x4
        if self.mode in ("horizontal", "horizontal_and_vertical"):
            out = tf.where(flips, tf.reverse(out, [w_ax]), out)
        if self.mode in ("vertical", "horizontal_and_vertical"):
            out = tf.where(flips, tf.reverse(out, [h_ax]), out)
        return C.reshape_to(out, out._value.shape[1:]) if single else out

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(seed=self.seed, mode=self.mode)
        return cfg


class _AffineLayer(_ImageLayer):
    """Rotation, zoom and translation: a random affine map per image, sampled with TF's
    projective-transform rules (``fill_mode`` "reflect", "wrap", "constant", "nearest";
    ``interpolation`` "bilinear" or "nearest")."""

    def _init_affine(self, fill_mode: str, interpolation: str, fill_value: float) -> None:
        if fill_mode not in _FILL_MODES:
            raise NotImplementedError(f"Unknown `fill_mode` {fill_mode}. Expected of one {_FILL_MODES}.")
        if interpolation not in _AFFINE_METHODS:
            raise NotImplementedError(f"Unknown `interpolation` {interpolation}. Expected of one {_AFFINE_METHODS}.")
        self.fill_mode = fill_mode
        self.interpolation = interpolation
        self.fill_value = fill_value

    def _matrices(self, n: int, h: int, w: int) -> np.ndarray:
        raise NotImplementedError

    def _transform(self, x: Tensor, training: bool) -> Tensor:
        x = self._float(x)
        if not training:
            return x
        x4, single = _to_nhwc(x, self.data_format)
        n, h, w = x4._value.shape[:3]
        out = _affine_transform(x4, self._matrices(n, h, w), self.interpolation, self.fill_mode, self.fill_value)
        return _from_nhwc(out, single, self.data_format)


class RandomRotation(_AffineLayer):
    """In training, rotates each image by a random angle of ``factor`` turns (a number ``f``
    for [-f, f], or a (lower, upper) pair; 0.5 is 180 degrees) about its centre, filling with
    ``fill_mode``. Output float32; the identity (cast) at inference.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.arange(4, dtype="float32").reshape(2, 2, 1)
        >>> np.round(layers.RandomRotation((0.5, 0.5))(x)[..., 0].numpy(), 4).tolist()
        [[3.0, 2.0], [1.0, 0.0]]
    """

    def __init__(self, factor: Any, fill_mode: str = "reflect", interpolation: str = "bilinear", seed: Any = None,
                 fill_value: float = 0.0, data_format: Any = None, **kwargs: Any) -> None:
        super().__init__(data_format=data_format, seed=seed, **kwargs)
        self.factor = _set_factor(factor, (-1, 1))
        self._init_affine(fill_mode, interpolation, fill_value)

    def _matrices(self, n: int, h: int, w: int) -> np.ndarray:
        lo, hi = self.factor
        angle = self._uniform((n,), lo * 360.0, hi * 360.0)
        rad = angle * np.float32(math.pi / 180.0)
        cx, cy = np.float32(0.5) * np.float32(w - 1), np.float32(0.5) * np.float32(h - 1)
        cos, sin = np.cos(rad), np.sin(rad)
        a0, a1, b0, b1 = cos, -sin, sin, cos
        a2 = cx - cx * a0 - cy * a1
        b2 = cy - cx * b0 - cy * b1
        z = np.zeros_like(a0)
        return np.stack([a0, a1, a2, b0, b1, b2, z, z], axis=1).astype(np.float32)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(factor=self.factor, fill_mode=self.fill_mode, fill_value=self.fill_value,
                   interpolation=self.interpolation, seed=self.seed)
        return cfg


def _zoom_factor(factor: Any, name: str, lower_open: bool) -> tuple:
    msg = ("The `height_factor` and `width_factor` arguments should be a number (or a list of two numbers) in the "
           f"range {'(-1.0, 1.0]' if lower_open else '[-1.0, 1.0]'}. ")

    def check(v: float) -> None:
        if v > 1.0 or (v <= -1.0 if lower_open else v < -1.0):
            raise ValueError(msg + f"Received: input_number={v}")

    if isinstance(factor, (tuple, list)):
        if len(factor) != 2:
            raise ValueError(msg + f"Received: {name}={factor}")
        check(factor[0])
        check(factor[1])
        lo, hi = sorted(factor)
    elif isinstance(factor, (int, float)) and not isinstance(factor, bool):
        check(factor)
        lo, hi = -abs(factor), abs(factor)
    else:
        raise ValueError(msg + f"Received: {name}={factor}")
    return lo, hi


class RandomZoom(_AffineLayer):
    """In training, zooms each image by a random factor: ``height_factor`` ``f`` (or a pair)
    draws the height zoom in ``1 + [-f, f]`` (positive values zoom out); ``width_factor`` the
    same for the width (None: keep the aspect ratio). Output float32; the identity (cast) at
    inference.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.arange(9, dtype="float32").reshape(3, 3, 1)
        >>> layers.RandomZoom((-0.5, -0.5), fill_mode="constant")(x)[..., 0].numpy().tolist()
        [[2.0, 2.5, 3.0], [3.5, 4.0, 4.5], [5.0, 5.5, 6.0]]
    """

    def __init__(self, height_factor: Any, width_factor: Any = None, fill_mode: str = "reflect",
                 interpolation: str = "bilinear", seed: Any = None, fill_value: float = 0.0, data_format: Any = None,
                 **kwargs: Any) -> None:
        super().__init__(data_format=data_format, seed=seed, **kwargs)
        self.height_factor = height_factor
        self.height_lower, self.height_upper = _zoom_factor(height_factor, "height_factor", True)
        self.width_factor = width_factor
        if width_factor is not None:
            self.width_lower, self.width_upper = _zoom_factor(width_factor, "width_factor", True)
        self._init_affine(fill_mode, interpolation, fill_value)

    def _matrices(self, n: int, h: int, w: int) -> np.ndarray:
        zy = self._uniform((n, 1), 1.0 + self.height_lower, 1.0 + self.height_upper)[:, 0]
        if self.width_factor is not None:
            zx = self._uniform((n, 1), 1.0 + self.width_lower, 1.0 + self.width_upper)[:, 0]
        else:
            zx = zy
        x_off = (np.float32(w) - np.float32(1)) / np.float32(2) * (np.float32(1) - zx)
        y_off = (np.float32(h) - np.float32(1)) / np.float32(2) * (np.float32(1) - zy)
        z = np.zeros_like(zx)
        return np.stack([zx, z, x_off, z, zy, y_off, z, z], axis=1).astype(np.float32)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(height_factor=self.height_factor, width_factor=self.width_factor, fill_mode=self.fill_mode,
                   interpolation=self.interpolation, seed=self.seed, fill_value=self.fill_value)
        return cfg


class RandomTranslation(_AffineLayer):
    """In training, shifts each image by a random fraction of its size: ``height_factor``
    ``f`` (or a pair) draws the vertical shift in ``[-f, f] * height`` (positive: down),
    ``width_factor`` the horizontal one (positive: right). Output float32; the identity (cast)
    at inference.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.arange(4, dtype="float32").reshape(1, 4, 1)
        >>> layers.RandomTranslation(0.0, (0.5, 0.5), fill_mode="constant")(x)[..., 0].numpy().tolist()
        [[0.0, 0.0, 0.0, 1.0]]
    """

    def __init__(self, height_factor: Any, width_factor: Any, fill_mode: str = "reflect",
                 interpolation: str = "bilinear", seed: Any = None, fill_value: float = 0.0, data_format: Any = None,
                 **kwargs: Any) -> None:
        super().__init__(data_format=data_format, seed=seed, **kwargs)
        self.height_factor = height_factor
        self.height_lower, self.height_upper = _zoom_factor(height_factor, "height_factor", False)
        self.width_factor = width_factor
        self.width_lower, self.width_upper = _zoom_factor(width_factor, "width_factor", False)
        self._init_affine(fill_mode, interpolation, fill_value)

    def _matrices(self, n: int, h: int, w: int) -> np.ndarray:
        ty = self._uniform((n, 1), self.height_lower, self.height_upper)[:, 0] * np.float32(h)
        tx = self._uniform((n, 1), self.width_lower, self.width_upper)[:, 0] * np.float32(w)
        one, z = np.ones_like(tx), np.zeros_like(tx)
        return np.stack([one, z, -tx, z, one, -ty, z, z], axis=1).astype(np.float32)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(height_factor=self.height_factor, width_factor=self.width_factor, fill_mode=self.fill_mode,
                   interpolation=self.interpolation, seed=self.seed, fill_value=self.fill_value)
        return cfg


class RandomContrast(_ImageLayer):
    """In training, scales each image's deviation from its per-channel mean by a random
    factor: ``(x - mean) * f + mean``, clipped to ``value_range``. ``factor`` ``a`` draws ``f``
    in ``[1, 1 + a]`` (Keras 3 bounds the lower factor at 0), a pair ``(a, b)`` in
    ``[1 - a, 1 + b]``. Float images only (as Keras); the identity at inference.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.array([[[0.0], [10.0]]], "float32")
        >>> layers.RandomContrast((-0.5, 0.5))(x)[..., 0].numpy().tolist()  # f = 1.5
        [[0.0, 12.5]]
    """

    def __init__(self, factor: Any, value_range: Any = (0, 255), seed: Any = None, **kwargs: Any) -> None:
        super().__init__(seed=seed, **kwargs)
        self.factor = _set_factor(factor, (0, 1))
        self.value_range = value_range

    def _transform(self, x: Tensor, training: bool) -> Tensor:
        if x._value.dtype.kind == "f":
            x = self._float(x)
        if not training:
            return x
        if x._value.dtype.kind != "f":
            raise InvalidArgumentError(f"RandomContrast layer '{self.name}': images must be floating point, got a "
                                       f"{x.dtype.name} tensor of shape {tuple(x._value.shape)}", op="RandomContrast")
        shape = (1, 1, 1) if x._value.ndim == 3 else (x._value.shape[0], 1, 1, 1)
        f = Tensor(self._uniform(shape, 1.0 - self.factor[0], 1.0 + self.factor[1]).astype(x._value.dtype))
        ha, wa = (-3, -2) if self.data_format == "channels_last" else (-2, -1)
        mean = tf.reduce_mean(tf.reduce_mean(x, axis=ha, keepdims=True), axis=wa, keepdims=True)
        out = C.add(C.multiply(C.subtract(x, mean), f), mean)
        return tf.clip_by_value(out, float(self.value_range[0]), float(self.value_range[1]))

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(factor=self.factor, value_range=self.value_range, seed=self.seed)
        return cfg


class RandomBrightness(_ImageLayer):
    """In training, adds a random delta to each image: ``factor`` ``f`` (or a pair) draws it
    in ``[-f, f] * (value_range[1] - value_range[0])``; the result is clipped to
    ``value_range``. Integer images keep their dtype (the delta is truncated toward zero). The
    identity at inference.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.array([[[10.0], [250.0]]], "float32")
        >>> layers.RandomBrightness((0.1, 0.1))(x)[..., 0].numpy().tolist()
        [[35.5, 255.0]]
    """

    def __init__(self, factor: Any, value_range: Any = (0, 255), seed: Any = None, **kwargs: Any) -> None:
        super().__init__(seed=seed, **kwargs)
        self.factor = _set_factor(factor, (-1, 1))
        if not isinstance(value_range, (tuple, list)) or len(value_range) != 2:
            raise ValueError("The `value_range` argument should be a list of two numbers. "
                             f"Received: value_range={value_range}")
        self.value_range = sorted(value_range)

    def _transform(self, x: Tensor, training: bool) -> Tensor:
        if x._value.dtype.kind == "f":
            x = self._float(x)
        if not training:
            return x
        shape = (1, 1, 1) if x._value.ndim == 3 else (x._value.shape[0], 1, 1, 1)
        delta = self._uniform(shape, self.factor[0], self.factor[1]) * np.float32(
            self.value_range[1] - self.value_range[0])
        lo, hi = self.value_range
        if x._value.dtype.kind == "f":
            out = C.add(x, Tensor(delta.astype(x._value.dtype)))
            return tf.clip_by_value(out, float(lo), float(hi))
        out = C.add(tf.cast(x, tf.int64), Tensor(np.trunc(delta).astype(np.int64)))
        return tf.cast(tf.clip_by_value(out, int(lo), int(hi)), x.dtype)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(factor=self.factor, value_range=self.value_range, seed=self.seed)
        return cfg


__all__ = ["Normalization", "Discretization", "StringLookup", "IntegerLookup", "TextVectorization", "Hashing",
           "CategoryEncoding", "Resizing", "CenterCrop", "RandomCrop", "RandomFlip", "RandomRotation", "RandomZoom",
           "RandomTranslation", "RandomContrast", "RandomBrightness"]
