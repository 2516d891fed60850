"""``keras.activations``: element-wise activation functions, looked up by name with ``get``.

Each function takes a tensor and returns a tensor; they are built from public tapeflow ops,
so they are differentiable to any order.

Example:
    >>> import tapeflow as tf
    >>> from tapeflow import keras
    >>> keras.activations.get("relu")(tf.constant([-1.0, 2.0])).numpy().tolist()
    [0.0, 2.0]
"""

from __future__ import annotations

from typing import Any, Callable

import tapeflow as tf

# Ops are looked up on ``tf`` / ``tf.nn`` at call time, so importing keras stays cheap.


def linear(x: Any) -> Any:
    """The identity: returns ``x`` unchanged. Example: ``linear(tf.constant(1.0))``."""
    return x


def relu(x: Any, negative_slope: float = 0.0, max_value: float | None = None, threshold: float = 0.0) -> Any:
    """max(x, 0), with optional leak, cap and threshold (as ``keras.activations.relu``).

    Example:
        >>> import tapeflow as tf
        >>> relu(tf.constant([-2.0, 3.0]), max_value=2.0).numpy().tolist()
        [0.0, 2.0]
    """
    if negative_slope == 0.0 and max_value is None and threshold == 0.0:
        return tf.nn.relu(x)
    x = tf.convert_to_tensor(x)
    if threshold != 0.0:
        # values below the threshold are cut (to 0, or leaked below it)
        above = tf.greater(x, threshold)  # as Keras: x == threshold is cut
        y = tf.where(above, x, tf.zeros_like(x))
        if negative_slope != 0.0:
            y = y + negative_slope * (x - threshold) * (1.0 - tf.cast(above, x.dtype))
    elif negative_slope != 0.0:
        y = tf.nn.leaky_relu(x, alpha=negative_slope)
    else:
        y = tf.nn.relu(x)
    if max_value is not None:
        y = tf.minimum(y, tf.cast(max_value, y.dtype))
    return y


def sigmoid(x: Any) -> Any:
    """1 / (1 + exp(-x)). Example: ``sigmoid(tf.constant(0.0))`` is 0.5."""
    return tf.math.sigmoid(x)


def tanh(x: Any) -> Any:
    """Hyperbolic tangent. Example: ``tanh(tf.constant(0.0))`` is 0.0."""
    return tf.math.tanh(x)


def softmax(x: Any, axis: int = -1) -> Any:
    """exp(x) / sum(exp(x)) along ``axis``.

    Example:
        >>> import tapeflow as tf
        >>> softmax(tf.constant([[0.0, 0.0]])).numpy().tolist()
        [[0.5, 0.5]]
    """
    return tf.nn.softmax(x, axis=axis)


def log_softmax(x: Any, axis: int = -1) -> Any:
    """log(softmax(x)), computed stably. Example: ``log_softmax(tf.zeros([1, 2]))``."""
    return tf.nn.log_softmax(x, axis=axis)


def elu(x: Any, alpha: float = 1.0) -> Any:
    """x if x > 0 else alpha * (exp(x) - 1). Example: ``elu(tf.constant(-1.0))``."""
    y = tf.nn.elu(x)
    if alpha != 1.0:
        x = tf.convert_to_tensor(x)
        y = tf.where(x > 0, y, alpha * y)
    return y


def selu(x: Any) -> Any:
    """Scaled ELU (Klambauer et al. 2017). Example: ``selu(tf.constant(1.0))``."""
    return tf.nn.selu(x)


def gelu(x: Any, approximate: bool = False) -> Any:
    """Gaussian error linear unit. Example: ``gelu(tf.constant(1.0))``."""
    return tf.nn.gelu(x, approximate=approximate)


def softplus(x: Any) -> Any:
    """log(1 + exp(x)). Example: ``softplus(tf.constant(0.0))`` is log(2)."""
    return tf.math.softplus(x)


def softsign(x: Any) -> Any:
    """x / (1 + |x|). Example: ``softsign(tf.constant(1.0))`` is 0.5."""
    return tf.nn.softsign(x)


def silu(x: Any) -> Any:
    """x * sigmoid(x) (also called swish). Example: ``silu(tf.constant(0.0))`` is 0.0."""
    x = tf.convert_to_tensor(x)
    return x * tf.math.sigmoid(x)


swish = silu


def leaky_relu(x: Any, negative_slope: float = 0.2) -> Any:
    """x if x > 0 else negative_slope * x. Example: ``leaky_relu(tf.constant(-1.0))`` is -0.2."""
    return tf.nn.leaky_relu(x, alpha=negative_slope)


def exponential(x: Any) -> Any:
    """exp(x). Example: ``exponential(tf.constant(0.0))`` is 1.0."""
    return tf.math.exp(x)


def hard_sigmoid(x: Any) -> Any:
    """Piecewise-linear sigmoid: relu6(x + 3) / 6 (Keras 3). Example: ``hard_sigmoid(tf.constant(0.0))``."""
    x = tf.convert_to_tensor(x)
    return tf.clip_by_value(x * (1.0 / 6.0) + 0.5, 0.0, 1.0)


def hard_silu(x: Any) -> Any:
    """x * hard_sigmoid(x). Example: ``hard_silu(tf.constant(0.0))``."""
    x = tf.convert_to_tensor(x)
    return x * hard_sigmoid(x)


hard_swish = hard_silu


def relu6(x: Any) -> Any:
    """min(max(x, 0), 6). Example: ``relu6(tf.constant(7.0))`` is 6.0."""
    return tf.nn.relu6(x)


# --- Keras 3's other activations: thin wrappers of keras.ops (loaded at call time) ---------------


def _kops() -> Any:
    from .ops import nn as _nn

    return _nn


def celu(x: Any, alpha: float = 1.0) -> Any:
    """Continuously differentiable ELU: max(x, 0) + alpha * expm1(min(x, 0) / alpha).

    Example:
        >>> import tapeflow as tf
        >>> [round(v, 4) for v in celu(tf.constant([-1.0, 2.0])).numpy().tolist()]
        [-0.6321, 2.0]
    """
    return _kops().celu(x, alpha=alpha)


def glu(x: Any, axis: int = -1) -> Any:
    """Gated linear unit: the first half of ``axis`` times the sigmoid of the second half.

    Example:
        >>> import tapeflow as tf
        >>> glu(tf.constant([[3.0, 0.0]])).numpy().tolist()
        [[1.5]]
    """
    return _kops().glu(x, axis=axis)


def hard_tanh(x: Any) -> Any:
    """x clipped to [-1, 1].

    Example:
        >>> import tapeflow as tf
        >>> hard_tanh(tf.constant([-2.0, 0.5, 3.0])).numpy().tolist()
        [-1.0, 0.5, 1.0]
    """
    return _kops().hard_tanh(x)


def hard_shrink(x: Any, threshold: float = 0.5) -> Any:
    """x where |x| > threshold, else 0.

    Example:
        >>> import tapeflow as tf
        >>> hard_shrink(tf.constant([-1.0, 0.2, 0.75])).numpy().tolist()
        [-1.0, 0.0, 0.75]
    """
    return _kops().hard_shrink(x, threshold=threshold)


def soft_shrink(x: Any, threshold: float = 0.5) -> Any:
    """x - threshold above ``threshold``, x + threshold below ``-threshold``, 0 between.

    Example:
        >>> import tapeflow as tf
        >>> soft_shrink(tf.constant([-2.0, 0.2, 1.5])).numpy().tolist()
        [-1.5, 0.0, 1.0]
    """
    return _kops().soft_shrink(x, threshold=threshold)


def tanh_shrink(x: Any) -> Any:
    """x - tanh(x).

    Example:
        >>> import tapeflow as tf
        >>> tanh_shrink(tf.constant([0.0])).numpy().tolist()
        [0.0]
    """
    return _kops().tanh_shrink(x)


def threshold(x: Any, threshold: float, default_value: float) -> Any:
    """x where x > threshold, else ``default_value``.

    Example:
        >>> import tapeflow as tf
        >>> threshold(tf.constant([0.1, 2.0]), 1.0, -7.0).numpy().tolist()
        [-7.0, 2.0]
    """
    return _kops().threshold(x, threshold, default_value)


def log_sigmoid(x: Any) -> Any:
    """log(sigmoid(x)), computed stably.

    Example:
        >>> import tapeflow as tf
        >>> round(float(log_sigmoid(tf.constant(0.0))), 4)
        -0.6931
    """
    return _kops().log_sigmoid(x)


def sparse_plus(x: Any) -> Any:
    """0 for x <= -1, (x + 1)^2 / 4 for -1 < x < 1, x for x >= 1.

    Example:
        >>> import tapeflow as tf
        >>> sparse_plus(tf.constant([-2.0, 0.0, 2.0])).numpy().tolist()
        [0.0, 0.25, 2.0]
    """
    return _kops().sparse_plus(x)


def sparse_sigmoid(x: Any) -> Any:
    """0 for x <= -1, 1 for x >= 1, (x + 1) / 2 between.

    Example:
        >>> import tapeflow as tf
        >>> sparse_sigmoid(tf.constant([-2.0, 0.0, 2.0])).numpy().tolist()
        [0.0, 0.5, 1.0]
    """
    return _kops().sparse_sigmoid(x)


def squareplus(x: Any, b: float = 4) -> Any:
    """(x + sqrt(x^2 + b)) / 2.

    Example:
        >>> import tapeflow as tf
        >>> squareplus(tf.constant([0.0, 2.0])).numpy().tolist()
        [1.0, 2.4142136573791504]
    """
    return _kops().squareplus(x, b=b)


def mish(x: Any) -> Any:
    """x * tanh(softplus(x)) (Misra, 2019).

    Example:
        >>> import tapeflow as tf
        >>> [round(v, 4) for v in mish(tf.constant([-1.0, 0.0, 1.0])).numpy().tolist()]
        [-0.3034, 0.0, 0.8651]
    """
    from .ops._common import convert

    x = convert(x)
    return x * tf.math.tanh(tf.math.softplus(x))


def sparsemax(x: Any, axis: int = -1) -> Any:
    """Sparsemax along ``axis``, as ``keras.ops.sparsemax`` with the TensorFlow backend.

    Example:
        >>> import tapeflow as tf
        >>> sparsemax(tf.constant([[1.0, 0.0, -1.0, -2.0]])).numpy().tolist()
        [[1.0, 0.0, 0.0, 0.0]]
    """
    return _kops().sparsemax(x, axis=axis)


_BY_NAME: dict[str, Callable] = {
    "linear": linear, "relu": relu, "sigmoid": sigmoid, "tanh": tanh, "softmax": softmax,
    "log_softmax": log_softmax, "elu": elu, "selu": selu, "gelu": gelu, "softplus": softplus,
    "softsign": softsign, "silu": silu, "swish": swish, "leaky_relu": leaky_relu,
    "exponential": exponential, "hard_sigmoid": hard_sigmoid, "hard_silu": hard_silu,
    "hard_swish": hard_swish, "relu6": relu6, "celu": celu, "glu": glu, "hard_tanh": hard_tanh,
    "hard_shrink": hard_shrink, "soft_shrink": soft_shrink, "tanh_shrink": tanh_shrink, "threshold": threshold,
    "log_sigmoid": log_sigmoid, "sparse_plus": sparse_plus, "sparse_sigmoid": sparse_sigmoid,
    "squareplus": squareplus, "mish": mish, "sparsemax": sparsemax,
}


def get(identifier: Any) -> Callable:
    """An activation function from a name, a config dict, a callable or None (linear).

    Example:
        >>> get(None) is linear and get("relu") is relu
        True
    """
    if identifier is None:
        return linear
    if isinstance(identifier, str):
        fn = _BY_NAME.get(identifier)
        if fn is None:
            raise ValueError(
                f"Could not interpret activation function identifier: {identifier!r}. "
                f"Known names: {sorted(_BY_NAME)}"
            )
        return fn
    if isinstance(identifier, dict) and "config" in identifier:
        return get(identifier["config"] if isinstance(identifier["config"], str) else identifier["config"].get("name"))
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret activation function identifier: {identifier!r}")


def serialize(activation: Callable) -> str:
    """The registered name of an activation (the function's ``__name__`` otherwise).

    Example:
        >>> serialize(get("relu"))
        'relu'
    """
    for name, fn in _BY_NAME.items():
        if fn is activation:
            return name
    name = getattr(activation, "__name__", None)
    if name is None:
        raise ValueError(f"Cannot serialize activation {activation!r}: it has no name")
    return name


def deserialize(config: Any) -> Callable:
    """The inverse of ``serialize``."""
    return get(config)


__all__ = [
    "linear", "relu", "sigmoid", "tanh", "softmax", "log_softmax", "elu", "selu", "gelu",
    "softplus", "softsign", "silu", "swish", "leaky_relu", "exponential", "hard_sigmoid",
    "hard_silu", "hard_swish", "relu6", "get", "serialize", "deserialize", "celu", "glu", "hard_tanh",
    "hard_shrink", "soft_shrink", "tanh_shrink", "threshold", "log_sigmoid", "sparse_plus", "sparse_sigmoid",
    "squareplus", "mish", "sparsemax",
]
