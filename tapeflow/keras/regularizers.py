"""``keras.regularizers``: penalties on weights that feed ``layer.losses``.

A regularizer maps a weight to a scalar Tensor built from tapeflow ops, so the penalty is
differentiable when computed inside a ``GradientTape``.

Example:
    >>> import tapeflow as tf
    >>> from tapeflow import keras
    >>> float(keras.regularizers.L2(0.5)(tf.constant([1.0, 2.0])))
    2.5
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

import tapeflow as tf


def _check(value: Any, name: str, who: str) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{who}: {name} must be a number, got {value!r}") from None
    if not math.isfinite(v) or v < 0.0:
        raise ValueError(f"{who}: {name} must be a finite number >= 0, got {value!r}")
    return v


class Regularizer:
    """Base class: ``__call__(weight)`` returns a scalar penalty; ``get_config`` its arguments.

    Example:
        >>> class Sum(Regularizer):
        ...     def __call__(self, x):
        ...         return tf.reduce_sum(x)
        >>> float(Sum()(tf.constant([1.0, 2.0])))
        3.0
    """

    def __call__(self, x: Any) -> Any:
        return tf.constant(0.0)

    def get_config(self) -> dict:
        return {}

    @classmethod
    def from_config(cls, config: dict) -> Regularizer:
        return cls(**config)

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"


class L1L2(Regularizer):
    """l1 * sum(|x|) + l2 * sum(x**2). Example: ``L1L2(l1=0.01, l2=0.01)``."""

    def __init__(self, l1: float = 0.0, l2: float = 0.0) -> None:
        self.l1 = _check(l1, "l1", type(self).__name__)
        self.l2 = _check(l2, "l2", type(self).__name__)

    def __call__(self, x: Any) -> Any:
        x = tf.convert_to_tensor(x)
        out = None
        if self.l1:
            out = self.l1 * tf.reduce_sum(tf.abs(x))
        if self.l2:
            p = self.l2 * tf.reduce_sum(x * x)
            out = p if out is None else out + p
        if out is None:
            return tf.constant(0.0, dtype=x.dtype)
        return out

    def get_config(self) -> dict:
        return {"l1": self.l1, "l2": self.l2}


class L1(Regularizer):
    """l1 * sum(|x|) (l1 = 0.01 by default). Example: ``float(L1(1.0)(tf.constant([-2.0])))`` is 2.0."""

    def __init__(self, l1: float = 0.01) -> None:
        self.l1 = _check(l1, "l1", "L1")

    def __call__(self, x: Any) -> Any:
        return self.l1 * tf.reduce_sum(tf.abs(tf.convert_to_tensor(x)))

    def get_config(self) -> dict:
        return {"l1": self.l1}


class L2(Regularizer):
    """l2 * sum(x**2) (l2 = 0.01 by default). Example: ``float(L2(1.0)(tf.constant([2.0])))`` is 4.0."""

    def __init__(self, l2: float = 0.01) -> None:
        self.l2 = _check(l2, "l2", "L2")

    def __call__(self, x: Any) -> Any:
        x = tf.convert_to_tensor(x)
        return self.l2 * tf.reduce_sum(x * x)

    def get_config(self) -> dict:
        return {"l2": self.l2}


class OrthogonalRegularizer(Regularizer):
    """factor * mean(|off-diagonal of the Gram matrix of unit-normalised rows/columns|).

    Example: ``OrthogonalRegularizer(0.01, mode="rows")``.
    """

    def __init__(self, factor: float = 0.01, mode: str = "rows") -> None:
        self.factor = _check(factor, "factor", "OrthogonalRegularizer")
        if mode not in ("rows", "columns"):
            raise ValueError(f"OrthogonalRegularizer: mode must be 'rows' or 'columns', got {mode!r}")
        self.mode = mode

    def __call__(self, x: Any) -> Any:
        x = tf.convert_to_tensor(x)
        if x.shape.rank != 2:
            raise ValueError(f"OrthogonalRegularizer needs a 2-D weight, got shape {tuple(x.shape)}")
        if self.mode == "columns":
            x = tf.transpose(x)
        x = x / tf.sqrt(tf.reduce_sum(x * x, axis=1, keepdims=True) + 1e-12)
        gram = tf.matmul(x, x, transpose_b=True)
        n = x.shape[0]
        off = tf.abs(gram) * tf.constant(1.0 - np.eye(n), dtype=x.dtype)
        return self.factor * tf.reduce_sum(off) / float(max(n * (n - 1), 1))

    def get_config(self) -> dict:
        return {"factor": self.factor, "mode": self.mode}


def l1(l1: float = 0.01) -> L1:
    """An L1 regularizer. Example: ``l1(0.001)``."""
    return L1(l1)


def l2(l2: float = 0.01) -> L2:
    """An L2 regularizer. Example: ``l2(0.001)``."""
    return L2(l2)


def l1_l2(l1: float = 0.01, l2: float = 0.01) -> L1L2:
    """An L1 + L2 regularizer (both 0.01 by default). Example: ``l1_l2()``."""
    return L1L2(l1, l2)


_CLASSES = {c.__name__: c for c in (Regularizer, L1, L2, L1L2, OrthogonalRegularizer)}
_NAMES = {"l1": L1, "l2": L2, "l1_l2": lambda: L1L2(0.01, 0.01), "orthogonal_regularizer": OrthogonalRegularizer}


def get(identifier: Any) -> Any:
    """A regularizer from a name ("l2"), a config dict, an instance or a callable; None gives None.

    Example:
        >>> get("l2").l2
        0.01
    """
    if identifier is None:
        return None
    if isinstance(identifier, str):
        make = _NAMES.get(identifier) or _CLASSES.get(identifier)
        if make is None:
            raise ValueError(f"Could not interpret regularizer identifier: {identifier!r}. Known names: {sorted(_NAMES)}")
        return make()
    if isinstance(identifier, dict):
        cls = _CLASSES.get(identifier.get("class_name"))
        if cls is None:
            raise ValueError(f"Could not interpret regularizer config: {identifier!r}")
        return cls.from_config(identifier.get("config", {}))
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret regularizer identifier: {identifier!r}")


def serialize(regularizer: Regularizer) -> dict:
    """Keras 3's config of a regularizer (``module``, ``class_name``, ``config``, ``registered_name``).

    Example:
        >>> serialize(L2(0.5))["class_name"], serialize(L2(0.5))["config"]
        ('L2', {'l2': 0.5})
    """
    from .utils.serialization import serialize_keras_object

    return serialize_keras_object(regularizer)


def deserialize(config: dict) -> Regularizer:
    """The inverse of ``serialize``."""
    return get(config)


__all__ = ["Regularizer", "L1", "L2", "L1L2", "OrthogonalRegularizer", "l1", "l2", "l1_l2",
           "get", "serialize", "deserialize"]
