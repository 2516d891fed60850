"""``keras.constraints``: projections applied to a weight after each optimizer update
(``Dense(..., kernel_constraint=...)``, or ``tf.Variable(..., constraint=...)``).

A constraint maps a weight to a Tensor built from tapeflow ops (so it may also be used inside a
``GradientTape``).

Example:
    >>> import numpy as np
    >>> from tapeflow import keras
    >>> keras.constraints.NonNeg()(np.array([-1.0, 2.0], np.float32)).numpy().tolist()
    [0.0, 2.0]
"""

from __future__ import annotations

import inspect
from typing import Any

from . import backend as _backend


def _tensor(w: Any) -> Any:
    import tapeflow as tf

    return tf.convert_to_tensor(w)


def _norms(w: Any, axis: Any) -> Any:
    import tapeflow as tf

    return tf.sqrt(tf.reduce_sum(tf.square(w), axis=axis, keepdims=True))


class Constraint:
    """Base class: ``__call__(w)`` returns the projected weight (the identity here); ``get_config``
    its arguments.

    Example:
        >>> import tapeflow as tf
        >>> class Clip(Constraint):
        ...     def __call__(self, w):
        ...         return tf.clip_by_value(w, -1.0, 1.0)
        >>> Clip()(tf.constant([-3.0, 0.5])).numpy().tolist()
        [-1.0, 0.5]
    """

    def __call__(self, w: Any) -> Any:
        return w

    def get_config(self) -> dict:
        return {}

    @classmethod
    def from_config(cls, config: dict) -> Constraint:
        return cls(**config)


class MaxNorm(Constraint):
    """Rescale the weights so that the L2 norm along ``axis`` (per output unit of a Dense kernel with
    the default ``axis=0``) is at most ``max_value``: ``w * clip(n, 0, max_value) / (epsilon + n)``.

    Example:
        >>> import numpy as np
        >>> MaxNorm(2.0)(np.array([[3.0], [4.0]])).numpy().round(4).tolist()
        [[1.2], [1.6]]
    """

    def __init__(self, max_value: float = 2, axis: Any = 0) -> None:
        self.max_value = max_value
        self.axis = axis

    def __call__(self, w: Any) -> Any:
        import tapeflow as tf

        w = _tensor(w)
        norms = _norms(w, self.axis)
        desired = tf.clip_by_value(norms, 0, self.max_value)
        return w * (desired / (_backend.epsilon() + norms))

    def get_config(self) -> dict:
        return {"max_value": self.max_value, "axis": self.axis}


class NonNeg(Constraint):
    """Clamp the weights at 0 from below: ``maximum(w, 0)``.

    Example:
        >>> NonNeg()([-1.0, 3.0]).numpy().tolist()
        [0.0, 3.0]
    """

    def __call__(self, w: Any) -> Any:
        import tapeflow as tf

        w = _tensor(w)
        return tf.maximum(w, tf.zeros((), w.dtype))


class UnitNorm(Constraint):
    """Rescale the weights to unit L2 norm along ``axis``: ``w / (epsilon + n)``.

    Example:
        >>> import numpy as np
        >>> UnitNorm()(np.array([[3.0], [4.0]])).numpy().round(4).tolist()
        [[0.6], [0.8]]
    """

    def __init__(self, axis: Any = 0) -> None:
        self.axis = axis

    def __call__(self, w: Any) -> Any:
        w = _tensor(w)
        return w / (_backend.epsilon() + _norms(w, self.axis))

    def get_config(self) -> dict:
        return {"axis": self.axis}


class MinMaxNorm(Constraint):
    """Move the L2 norm along ``axis`` into ``[min_value, max_value]``, a fraction ``rate`` of the way:
    ``desired = rate * clip(n, min_value, max_value) + (1 - rate) * n``; ``w * desired / (epsilon + n)``.

    Example:
        >>> import numpy as np
        >>> MinMaxNorm(0.5, 1.0)(np.array([[3.0], [4.0]])).numpy().round(4).tolist()
        [[0.6], [0.8]]
    """

    def __init__(self, min_value: float = 0.0, max_value: float = 1.0, rate: float = 1.0, axis: Any = 0) -> None:
        self.min_value = min_value
        self.max_value = max_value
        self.rate = rate
        self.axis = axis

    def __call__(self, w: Any) -> Any:
        import tapeflow as tf

        w = _tensor(w)
        norms = _norms(w, self.axis)
        desired = self.rate * tf.clip_by_value(norms, self.min_value, self.max_value) + (1 - self.rate) * norms
        return w * (desired / (_backend.epsilon() + norms))

    def get_config(self) -> dict:
        return {"min_value": self.min_value, "max_value": self.max_value, "rate": self.rate, "axis": self.axis}


# Keras's lower-case aliases are the classes themselves
max_norm = MaxNorm
non_neg = NonNeg
unit_norm = UnitNorm
min_max_norm = MinMaxNorm

_ALL = {c.__name__: c for c in (Constraint, MaxNorm, MinMaxNorm, NonNeg, UnitNorm)}
_ALL.update({"constraint": Constraint, "max_norm": MaxNorm, "min_max_norm": MinMaxNorm, "non_neg": NonNeg,
             "unit_norm": UnitNorm})


def serialize(constraint: Any) -> Any:
    """Keras 3's ``{"module", "class_name", "config", "registered_name"}`` of a constraint.

    Example:
        >>> serialize(MaxNorm(3))["config"]
        {'max_value': 3, 'axis': 0}
    """
    from .utils.serialization import serialize_keras_object

    return serialize_keras_object(constraint)


def deserialize(config: Any, custom_objects: dict | None = None) -> Any:
    """Rebuild a constraint from ``serialize()``'s output (or a ``{"class_name", "config"}`` dict).

    Example:
        >>> deserialize({"class_name": "UnitNorm", "config": {"axis": 1}}).axis
        1
    """
    from .utils.serialization import deserialize_keras_object

    if isinstance(config, dict) and config.get("module") is None and "registered_name" not in config:
        cls = (custom_objects or {}).get(config.get("class_name")) or _ALL.get(config.get("class_name"))
        if isinstance(cls, type):
            return cls.from_config(dict(config.get("config") or {}))
    if isinstance(config, str):
        found = (custom_objects or {}).get(config) or _ALL.get(config)
        if found is None:
            raise ValueError(f"Could not interpret constraint identifier: {config}")
        return found
    return deserialize_keras_object(config, custom_objects=custom_objects)


def get(identifier: Any) -> Any:
    """A constraint from a name ("max_norm", "NonNeg"), a config dict, a class, an instance or a
    callable; None gives None.

    Example:
        >>> type(get("max_norm")).__name__, get(None)
        ('MaxNorm', None)
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        obj = deserialize(identifier)
    elif isinstance(identifier, str):
        obj = _ALL.get(identifier)
    else:
        obj = identifier
    if callable(obj):
        if inspect.isclass(obj):
            obj = obj()
        return obj
    raise ValueError(f"Could not interpret constraint identifier: {identifier}")


__all__ = ["Constraint", "MaxNorm", "MinMaxNorm", "NonNeg", "UnitNorm", "max_norm", "min_max_norm", "non_neg",
           "unit_norm", "get", "serialize", "deserialize"]
