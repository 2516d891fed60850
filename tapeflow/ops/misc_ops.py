"""Small tf.* names: shapes of several tensors, broadcast shapes, timestamps, TF-style initializers.

Example:
    >>> import tapeflow as tf
    >>> tf.broadcast_static_shape(tf.TensorShape([2, 1]), tf.TensorShape([3]))
    TensorShape([2, 3])
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from ..errors import InvalidArgumentError
from ..tensor import Tensor, TensorShape
from ._args import tensor_arg


def shape_n(input: Any, out_type: Any = None, name: str | None = None) -> list:  # noqa: A002  (TF's name)
    """The shapes of several tensors, as 1-D int32 (or ``out_type``) tensors.

    Example:
        >>> import tapeflow as tf
        >>> [s.numpy().tolist() for s in tf.shape_n([tf.zeros((2, 3)), tf.zeros(4)])]
        [[2, 3], [4]]
    """
    from .creation_ops import shape

    return [shape(x, out_type=out_type) if out_type is not None else shape(x) for x in input]


def _bshape(a: tuple, b: tuple, op: str) -> tuple:
    out = []
    for x, y in zip(((None,) * (len(b) - len(a)) + a) if len(b) > len(a) else a,
                    ((None,) * (len(a) - len(b)) + b) if len(a) > len(b) else b):
        if x is None or y is None:
            out.append(y if x is None else x)
        elif x == 1 or y == 1 or x == y:
            out.append(y if x == 1 else x)
        else:
            raise ValueError(f"{op}: Incompatible shapes: {list(a)} vs. {list(b)}")
    return tuple(out)


def broadcast_static_shape(shape_x: Any, shape_y: Any) -> TensorShape:
    """The broadcast of two ``TensorShape``s (``ValueError`` when they do not broadcast).

    Example:
        >>> import tapeflow as tf
        >>> tf.broadcast_static_shape(tf.TensorShape([4, 1, 3]), tf.TensorShape([2, 1]))
        TensorShape([4, 2, 3])
    """
    return TensorShape(_bshape(tuple(TensorShape(shape_x)), tuple(TensorShape(shape_y)), "broadcast_static_shape"))


def broadcast_dynamic_shape(shape_x: Any, shape_y: Any) -> Tensor:
    """The broadcast of two shape tensors, as a 1-D tensor of their dtype.

    Example:
        >>> import tapeflow as tf
        >>> tf.broadcast_dynamic_shape([2, 1], [1, 3]).numpy().tolist()
        [2, 3]
    """
    x, y = tensor_arg(shape_x, "broadcast_dynamic_shape"), tensor_arg(shape_y, "broadcast_dynamic_shape")
    if x._value.ndim != 1 or y._value.ndim != 1 or x._value.dtype.kind not in "iu":
        raise InvalidArgumentError(
            f"broadcast_dynamic_shape: shapes must be 1-D integer tensors, got {x.dtype.name} {tuple(x.shape)} and "
            f"{y.dtype.name} {tuple(y.shape)}", op="BroadcastArgs")
    try:
        out = _bshape(tuple(x._value.tolist()), tuple(y._value.tolist()), "broadcast_dynamic_shape")
    except ValueError as e:
        raise InvalidArgumentError(str(e), op="BroadcastArgs") from None
    return Tensor(np.asarray(out, x._value.dtype))


def timestamp(name: str | None = None) -> Tensor:
    """Seconds since the epoch as a float64 scalar (``tf.timestamp``).

    Example:
        >>> import tapeflow as tf
        >>> tf.timestamp().dtype
        tf.float64
    """
    return Tensor(np.asarray(time.time(), np.float64))


def _keras_init(name: str) -> Any:
    from ..keras import initializers

    return getattr(initializers, name)


def constant_initializer(value: Any = 0, support_partition: bool = False) -> Any:
    """``tf.constant_initializer(value)``: an initializer filling with ``value`` (Keras's ``Constant``).

    Example:
        >>> import tapeflow as tf
        >>> tf.constant_initializer(2.0)(shape=[2]).numpy().tolist()
        [2.0, 2.0]
    """
    return _keras_init("Constant")(value)


def zeros_initializer() -> Any:
    """``tf.zeros_initializer()``: Keras's ``Zeros``.

    Example:
        >>> import tapeflow as tf
        >>> tf.zeros_initializer()(shape=[2]).numpy().tolist()
        [0.0, 0.0]
    """
    return _keras_init("Zeros")()


def ones_initializer() -> Any:
    """``tf.ones_initializer()``: Keras's ``Ones``.

    Example:
        >>> import tapeflow as tf
        >>> tf.ones_initializer()(shape=[1]).numpy().tolist()
        [1.0]
    """
    return _keras_init("Ones")()


def random_normal_initializer(mean: float = 0.0, stddev: float = 0.05, seed: Any = None) -> Any:
    """``tf.random_normal_initializer``: Keras's ``RandomNormal`` (same defaults).

    Example:
        >>> import tapeflow as tf
        >>> tf.random_normal_initializer(seed=1)(shape=[3]).shape
        TensorShape([3])
    """
    return _keras_init("RandomNormal")(mean=mean, stddev=stddev, seed=seed)


def random_uniform_initializer(minval: float = -0.05, maxval: float = 0.05, seed: Any = None) -> Any:
    """``tf.random_uniform_initializer``: Keras's ``RandomUniform`` (same defaults).

    Example:
        >>> import tapeflow as tf
        >>> float(tf.reduce_max(tf.abs(tf.random_uniform_initializer(seed=1)(shape=[100])))) <= 0.05
        True
    """
    return _keras_init("RandomUniform")(minval=minval, maxval=maxval, seed=seed)


__all__ = ["shape_n", "broadcast_static_shape", "broadcast_dynamic_shape", "timestamp", "constant_initializer",
           "zeros_initializer", "ones_initializer", "random_normal_initializer", "random_uniform_initializer"]
