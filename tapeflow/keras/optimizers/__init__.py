"""``keras.optimizers``: Keras 3's optimizers, learning-rate schedules, ``get``, ``serialize`` and ``deserialize``.

Example:
    >>> from tapeflow import keras
    >>> type(keras.optimizers.get("adam")).__name__
    'Adam'
"""

from __future__ import annotations

from typing import Any

from . import schedules
from .adadelta import Adadelta
from .adafactor import Adafactor
from .adagrad import Adagrad
from .adam import Adam, AdamW
from .adamax import Adamax
from .base_optimizer import Optimizer
from .ftrl import Ftrl
from .lamb import Lamb
from .lion import Lion
from .loss_scale_optimizer import LossScaleOptimizer
from .nadam import Nadam
from .rmsprop import RMSprop
from .sgd import SGD

_ALL = (SGD, Adam, AdamW, RMSprop, Adagrad, Adadelta, Adamax, Adafactor, Nadam, Ftrl, Lion, Lamb, LossScaleOptimizer)
_BY_NAME = {c.__name__.lower(): c for c in _ALL}


def serialize(optimizer: Optimizer) -> dict:
    """Keras 3's ``{"module", "class_name", "config", "registered_name"}`` for an optimizer.

    Example:
        >>> cfg = serialize(SGD(0.1))
        >>> cfg["module"], cfg["class_name"], cfg["config"]["learning_rate"]
        ('keras.optimizers', 'SGD', 0.10000000149011612)
    """
    from ..utils.serialization import serialize_keras_object

    if not isinstance(optimizer, Optimizer):
        raise TypeError(f"serialize: expected an Optimizer, got {optimizer!r}")
    return serialize_keras_object(optimizer)


def deserialize(config: dict, custom_objects: dict | None = None) -> Optimizer:
    """Rebuild an optimizer from ``serialize()``'s output (class names are matched case-insensitively).

    Example:
        >>> deserialize({"class_name": "Adam", "config": {"learning_rate": 0.01}}).learning_rate.numpy()
        np.float32(0.01)
    """
    if not isinstance(config, dict) or "class_name" not in config:
        raise ValueError(f"Could not interpret optimizer config: {config!r} (expected 'class_name' and 'config')")
    name = config["class_name"]
    cls = (custom_objects or {}).get(name) or _BY_NAME.get(str(name).lower())
    if cls is None:
        from ..utils.serialization import deserialize_keras_object

        obj = deserialize_keras_object(config, custom_objects=custom_objects)
        if not isinstance(obj, Optimizer):
            raise ValueError(f"Could not interpret optimizer identifier: {config!r}")
        return obj
    return cls.from_config(dict(config.get("config") or {}), custom_objects)


def get(identifier: Any) -> Optimizer:
    """An optimizer from a name ('adam', 'SGD', ...), a config dict or an Optimizer (returned as is).

    Example:
        >>> type(get("sgd")).__name__, round(float(get("sgd").learning_rate), 6)
        ('SGD', 0.01)
    """
    if isinstance(identifier, Optimizer):
        return identifier
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, str):
        cls = _BY_NAME.get(identifier.lower())
        if cls is None or cls is LossScaleOptimizer:
            raise ValueError(f"Could not interpret optimizer identifier: {identifier}")
        return cls()
    raise ValueError(f"Could not interpret optimizer identifier: {identifier}")


__all__ = ["Optimizer", "SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "Adamax", "Adafactor", "Nadam",
           "Ftrl", "Lion", "Lamb", "LossScaleOptimizer", "schedules", "get", "serialize", "deserialize"]
