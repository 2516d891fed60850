"""``keras.optimizers``: SGD, Adam, AdamW, RMSprop, Adagrad, learning-rate schedules and ``get``.

Example:
    >>> from tapeflow import keras
    >>> type(keras.optimizers.get("adam")).__name__
    'Adam'
"""

from __future__ import annotations

from typing import Any

from . import schedules
from .adagrad import Adagrad
from .adam import Adam, AdamW
from .base_optimizer import Optimizer
from .rmsprop import RMSprop
from .sgd import SGD

_BY_NAME = {c.__name__.lower(): c for c in (SGD, Adam, AdamW, RMSprop, Adagrad)}


def serialize(optimizer: Optimizer) -> dict:
    """``{"class_name": ..., "config": ...}`` for an optimizer.

    Example:
        >>> serialize(SGD(0.1))["config"]["learning_rate"]
        0.10000000149011612
    """
    if not isinstance(optimizer, Optimizer):
        raise TypeError(f"serialize: expected an Optimizer, got {optimizer!r}")
    return {"class_name": type(optimizer).__name__, "config": optimizer.get_config()}


def deserialize(config: dict, custom_objects: dict | None = None) -> Optimizer:
    """Rebuild an optimizer from ``serialize()``'s output.

    Example:
        >>> deserialize({"class_name": "Adam", "config": {"learning_rate": 0.01}}).name
        'adam'
    """
    if not isinstance(config, dict) or "class_name" not in config:
        raise ValueError(f"Could not interpret optimizer config: {config!r} (expected 'class_name' and 'config')")
    name = config["class_name"]
    cls = (custom_objects or {}).get(name) or _BY_NAME.get(str(name).lower())
    if cls is None:
        raise ValueError(f"Could not interpret optimizer identifier: '{name}'. Known: {sorted(_BY_NAME)}")
    return cls.from_config(dict(config.get("config", {})), custom_objects)


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
        if cls is None:
            raise ValueError(f"Could not interpret optimizer identifier: '{identifier}'. Known: {sorted(_BY_NAME)}")
        return cls()
    raise ValueError(f"Could not interpret optimizer identifier: {identifier!r}")


__all__ = ["Optimizer", "SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "schedules", "get", "serialize",
           "deserialize"]
