"""Merging layers: Concatenate, Add, Subtract, Multiply, Average, Maximum, Minimum, Dot.

Each takes a list of tensors (called as ``layer([a, b])``).

Example:
    >>> import numpy as np
    >>> from tapeflow.keras import layers
    >>> layers.Add()([np.ones((1, 2), "float32"), np.ones((1, 2), "float32")]).numpy().tolist()
    [[2.0, 2.0]]
"""

from __future__ import annotations

from typing import Any

import numpy as np

import tapeflow as tf

from ...primitives import core as C
from ...tensor import Tensor
from .base import Layer


class _Merge(Layer):
    _min_inputs = 2

    def compute_mask(self, inputs: Any, mask: Any = None) -> Any:
        """The inputs' masks combined with a logical OR (None when any input has none), as Keras."""
        if mask is None:
            return None
        if not isinstance(mask, (list, tuple)) or not isinstance(inputs, (list, tuple)) or len(mask) != len(inputs):
            raise ValueError(f"{type(self).__name__} layer '{self.name}': `mask` should be a list with one entry per "
                             f"input, got mask={mask}")
        if any(m is None for m in mask):
            return None
        out = mask[0]
        for m in mask[1:]:
            out = tf.logical_or(out, m)
        return out

    def _check(self, inputs: Any) -> list:
        if not isinstance(inputs, (list, tuple)) or len(inputs) < self._min_inputs:
            got = f"{len(inputs)} inputs" if isinstance(inputs, (list, tuple)) else type(inputs).__name__
            raise ValueError(
                f"{type(self).__name__} layer '{self.name}' must be called on a list of at least "
                f"{self._min_inputs} tensors, got {got}"
            )
        ts = [t if isinstance(t, Tensor) else tf.convert_to_tensor(t) for t in inputs]
        d0 = ts[0]._value.dtype
        if any(t._value.dtype != d0 for t in ts):
            raise ValueError(
                f"{type(self).__name__} layer '{self.name}': inputs have different dtypes: "
                + ", ".join(f"{t.dtype.name} {tuple(t._value.shape)}" for t in ts)
            )
        return ts

    def _check_shapes(self, ts: list) -> None:
        shapes = [t._value.shape for t in ts]
        s0 = shapes[0]
        if any(s != s0 for s in shapes):
            try:
                np.broadcast_shapes(*shapes)
            except ValueError:
                raise ValueError(
                    f"{type(self).__name__} layer '{self.name}': inputs must have compatible shapes, got "
                    + ", ".join(str(tuple(s)) for s in shapes)
                ) from None

    def _fold(self, inputs: Any, combine: Any) -> Tensor:
        """Check ``inputs`` and combine them left to right with ``combine(y, t)``."""
        ts = self._check(inputs)
        self._check_shapes(ts)
        y = ts[0]
        for t in ts[1:]:
            y = combine(y, t)
        return y


class Add(_Merge):
    """Element-wise sum of a list of tensors.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.Add()([np.ones(2, "float32"), np.ones(2, "float32")]).numpy().tolist()
        [2.0, 2.0]
    """

    def call(self, inputs: Any) -> Tensor:
        return self._fold(inputs, C.add)


class Subtract(_Merge):
    """``inputs[0] - inputs[1]`` (exactly two inputs). Example: ``layers.Subtract()([a, b])``."""

    def call(self, inputs: Any) -> Tensor:
        ts = self._check(inputs)
        if len(ts) != 2:
            raise ValueError(f"Subtract layer '{self.name}' needs exactly 2 inputs, got {len(ts)}")
        self._check_shapes(ts)
        return C.subtract(ts[0], ts[1])


class Multiply(_Merge):
    """Element-wise product of a list of tensors. Example: ``layers.Multiply()([a, b])``."""

    def call(self, inputs: Any) -> Tensor:
        return self._fold(inputs, C.multiply)


class Average(_Merge):
    """Element-wise mean of a list of tensors. Example: ``layers.Average()([a, b])``."""

    def call(self, inputs: Any) -> Tensor:
        return self._fold(inputs, C.add) * (1.0 / len(inputs))


def _fold_masked(inputs: Any, op: Any) -> Tensor:
    """Fold ``op`` (maximum/minimum, which have no identity element) over the inputs as Keras 3
    does with masks: where one input is masked, the other's value is taken."""
    out = out_mask = None
    for x in inputs:
        m = getattr(x, "_keras_mask", None)
        if m is not None:
            m = tf.broadcast_to(tf.expand_dims(tf.cast(m, tf.bool), -1), tf.shape(x))
        if out is None:
            out, out_mask = x, m
            continue
        if m is not None:
            x = tf.where(m, x, out)
        if out_mask is not None:
            out = tf.where(out_mask, out, x)
        out_mask = tf.logical_or(out_mask, m) if m is not None and out_mask is not None else None
        out = op(out, x)
    return out


class Maximum(_Merge):
    """Element-wise maximum of a list of tensors (where an input is masked, the others' values
    count, as Keras 3). Example: ``layers.Maximum()([a, b])``."""

    def call(self, inputs: Any) -> Tensor:
        if any(getattr(x, "_keras_mask", None) is not None for x in inputs):
            self._check(inputs)
            return _fold_masked(inputs, tf.maximum)
        return self._fold(inputs, tf.maximum)


class Minimum(_Merge):
    """Element-wise minimum of a list of tensors (where an input is masked, the others' values
    count, as Keras 3). Example: ``layers.Minimum()([a, b])``."""

    def call(self, inputs: Any) -> Tensor:
        if any(getattr(x, "_keras_mask", None) is not None for x in inputs):
            self._check(inputs)
            return _fold_masked(inputs, tf.minimum)
        return self._fold(inputs, tf.minimum)


class Concatenate(_Merge):
    """Joins a list of tensors along ``axis`` (the last by default).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.Concatenate()([np.zeros((2, 1), "float32"), np.ones((2, 3), "float32")]).shape.as_list()
        [2, 4]
    """

    _min_inputs = 1

    def __init__(self, axis: int = -1, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.axis = int(axis)

    def call(self, inputs: Any) -> Tensor:
        ts = self._check(inputs)
        nd = ts[0]._value.ndim
        ax = self.axis % nd if nd else 0
        for t in ts:
            s, s0 = t._value.shape, ts[0]._value.shape
            if len(s) != nd or any(a != b for i, (a, b) in enumerate(zip(s, s0)) if i != ax):
                raise ValueError(
                    f"Concatenate layer '{self.name}' requires inputs with matching shapes except for the "
                    f"concatenation axis {self.axis}. Received: input_shape="
                    + str([tuple(t._value.shape) for t in ts])
                )
        return tf.concat(ts, axis=self.axis)

    def compute_mask(self, inputs: Any, mask: Any = None) -> Any:
        """Keras's concatenated mask: each input's mask (all True when absent) broadcast over its
        features, concatenated along ``axis``, then any() over the last axis."""
        if mask is None or all(m is None for m in mask):
            return None
        if not isinstance(inputs, (list, tuple)) or len(mask) != len(inputs):
            raise ValueError(f"Concatenate layer '{self.name}': `mask` should be a list with one entry per input, "
                             f"got mask={mask}")
        parts = []
        for x, m in zip(inputs, mask):
            x = tf.convert_to_tensor(x)
            if m is None:
                parts.append(tf.ones_like(x, dtype=tf.bool))
            elif len(m.shape) < len(x.shape):
                parts.append(tf.logical_or(tf.expand_dims(m, -1), tf.zeros_like(x, dtype=tf.bool)))
            else:
                parts.append(m)
        return tf.reduce_any(tf.concat(parts, axis=self.axis), axis=-1)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg["axis"] = self.axis
        return cfg


class Dot(_Merge):
    """Batched dot product of two tensors along ``axes`` (an int for both, or a pair), the
    batch axis 0 excluded. The output has the first input's remaining axes, then the second
    input's; two rank-2 inputs give shape ``(batch, 1)``. With ``normalize=True`` both inputs
    are L2-normalized along their axis first (the output is the cosine similarity).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.arange(10, dtype="float32").reshape(1, 5, 2)
        >>> y = np.arange(10, 20, dtype="float32").reshape(1, 2, 5)
        >>> layers.Dot(axes=(1, 2))([x, y]).numpy().tolist()
        [[[260.0, 360.0], [320.0, 445.0]]]
    """

    def __init__(self, axes: Any, normalize: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not isinstance(axes, int):
            if not isinstance(axes, (list, tuple)):
                raise TypeError(f"Invalid type for argument `axes`: it should be a list or an int. Received: "
                                f"axes={axes}")
            if len(axes) != 2:
                raise ValueError(f"Invalid format for argument `axes`: it should contain two elements. Received: "
                                 f"axes={axes}")
            if not isinstance(axes[0], int) or not isinstance(axes[1], int):
                raise ValueError(f"Invalid format for argument `axes`: list elements should be integers. Received: "
                                 f"axes={axes}")
        self.axes = axes
        self.normalize = normalize
        self.supports_masking = True

    def _resolve(self, shapes: list) -> list:
        ax = [self.axes, self.axes] if isinstance(self.axes, int) else list(self.axes)
        return [a % len(s) if a < 0 else a for a, s in zip(ax, shapes)]

    def call(self, inputs: Any) -> Tensor:
        ts = self._check(inputs)
        if len(ts) != 2:
            raise ValueError(f"A `Dot` layer should be called on exactly 2 inputs. Received: {len(ts)} inputs")
        x, y = ts
        sx, sy = tuple(x._value.shape), tuple(y._value.shape)
        if len(sx) < 2 or len(sy) < 2:
            raise ValueError(f"Cannot do batch_dot on inputs with rank < 2. Received inputs with shapes {sx} and {sy}.")
        if sx[0] != sy[0]:
            raise ValueError(f"Cannot do batch_dot on inputs with different batch sizes. Received inputs with shapes "
                             f"{sx} and {sy}.")
        a0, a1 = self._resolve([sx, sy])
        if a0 >= len(sx) or a1 >= len(sy):
            raise ValueError(f"Dot layer '{self.name}': axes {self.axes} are out of range for input shapes {sx}, {sy}")
        if 0 in (a0, a1):
            raise ValueError("Cannot perform batch_dot over axis 0. If your inputs are not batched, add a dummy batch "
                             "dimension to your inputs using keras.ops.expand_dims(x, 0)")
        if sx[a0] != sy[a1]:
            raise ValueError(f"Incompatible input shapes: axis values {sx[a0]} (at axis {a0}) != {sy[a1]} (at axis "
                             f"{a1}). Full input shapes: {sx}, {sy}")
        if self.normalize:
            x, y = _l2_normalize(x, a0), _l2_normalize(y, a1)
        # x -> (B, rest of x, n), y -> (B, n, rest of y), one batched matmul
        px = [0] + [i for i in range(1, len(sx)) if i != a0] + [a0]
        py = [0, a1] + [i for i in range(1, len(sy)) if i != a1]
        xm = tuple(sx[i] for i in px[1:-1])
        yr = tuple(sy[i] for i in py[2:])
        n = sx[a0]
        xt = C.reshape_to(C.transpose_raw(x, tuple(px)), (sx[0], int(np.prod(xm, dtype=np.int64)), n))
        yt = C.reshape_to(C.transpose_raw(y, tuple(py)), (sy[0], n, int(np.prod(yr, dtype=np.int64))))
        out_shape = (sx[0],) + xm + yr
        if len(out_shape) == 1:
            out_shape += (1,)
        return C.reshape_to(C.matmul(xt, yt), out_shape)

    def compute_mask(self, inputs: Any, previous_mask: Any) -> None:
        """A dot product drops the inputs' masks (as Keras)."""
        return None

    def compute_output_shape(self, input_shape: Any) -> tuple:
        if not isinstance(input_shape, (tuple, list)) or len(input_shape) != 2:
            raise ValueError(f"A `Dot` layer should be called on a list of 2 inputs. Received: "
                             f"input_shape={input_shape}")
        s1, s2 = list(input_shape[0]), list(input_shape[1])
        a0, a1 = self._resolve([s1, s2])
        s1.pop(a0)
        s2.pop(a1)
        s2.pop(0)
        out = s1 + s2
        if len(out) == 1:
            out += [1]
        return tuple(out)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(axes=self.axes, normalize=self.normalize)
        return cfg


def _l2_normalize(x: Tensor, axis: int) -> Tensor:
    """``x * min(1 / ||x||, 1e7)`` along ``axis`` (Keras's ``normalize`` with its epsilon 1e-7)."""
    ss = tf.reduce_sum(tf.square(x), axis=axis, keepdims=True)
    return C.multiply(x, tf.math.rsqrt(tf.maximum(ss, Tensor(np.asarray(1e-14, x._value.dtype)))))


def add(inputs: list, **kwargs: Any) -> Any:
    """Functional form of ``Add``. Example: ``layers.add([a, b])``."""
    return Add(**kwargs)(inputs)


def concatenate(inputs: list, axis: int = -1, **kwargs: Any) -> Any:
    """Functional form of ``Concatenate``. Example: ``layers.concatenate([a, b])``."""
    return Concatenate(axis=axis, **kwargs)(inputs)


def subtract(inputs: list, **kwargs: Any) -> Any:
    """Functional form of ``Subtract``: ``inputs[0] - inputs[1]``.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.subtract([np.ones(2, "float32"), np.ones(2, "float32")]).numpy().tolist()
        [0.0, 0.0]
    """
    return Subtract(**kwargs)(inputs)


def multiply(inputs: list, **kwargs: Any) -> Any:
    """Functional form of ``Multiply``. Example: ``layers.multiply([a, b])``."""
    return Multiply(**kwargs)(inputs)


def average(inputs: list, **kwargs: Any) -> Any:
    """Functional form of ``Average``. Example: ``layers.average([a, b])``."""
    return Average(**kwargs)(inputs)


def maximum(inputs: list, **kwargs: Any) -> Any:
    """Functional form of ``Maximum``. Example: ``layers.maximum([a, b])``."""
    return Maximum(**kwargs)(inputs)


def minimum(inputs: list, **kwargs: Any) -> Any:
    """Functional form of ``Minimum``. Example: ``layers.minimum([a, b])``."""
    return Minimum(**kwargs)(inputs)


def dot(inputs: list, axes: Any = -1, **kwargs: Any) -> Any:
    """Functional form of ``Dot`` (``normalize`` goes in ``kwargs``).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.dot([np.ones((2, 3), "float32"), np.ones((2, 3), "float32")], axes=1).numpy().tolist()
        [[3.0], [3.0]]
    """
    return Dot(axes=axes, **kwargs)(inputs)


__all__ = ["Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate", "Dot", "add", "concatenate",
           "subtract", "multiply", "average", "maximum", "minimum", "dot"]
