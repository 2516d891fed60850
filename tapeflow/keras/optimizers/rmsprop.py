"""RMSprop, as ``keras.optimizers.RMSprop``.

Example:
    >>> import tapeflow as tf
    >>> from tapeflow import keras
    >>> v = tf.Variable(1.0)
    >>> _ = keras.optimizers.RMSprop(learning_rate=0.01).apply_gradients([(tf.constant(1.0), v)])
    >>> round(float(v), 4)
    0.9684
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...tensor import Variable
from .base_optimizer import Optimizer


class RMSprop(Optimizer):
    """Keras 3's RMSprop.

    ``s = rho * s + (1 - rho) * g²``; ``inc = lr * g / sqrt(s + epsilon)`` (centered:
    ``a = rho * a + (1 - rho) * g`` and ``sqrt(s - a² + epsilon)``); with momentum
    ``mom = momentum * mom + inc`` and ``w -= mom``, else ``w -= inc``.

    Example:
        >>> RMSprop(centered=True).get_config()["rho"]
        0.9
    """

    def __init__(self, learning_rate: Any = 0.001, rho: float = 0.9, momentum: float = 0.0, epsilon: float = 1e-7,
                 centered: bool = False, name: str = "rmsprop", **kwargs: Any) -> None:
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.rho = float(rho)
        self.momentum = float(momentum)
        self.epsilon = float(epsilon)
        self.centered = bool(centered)

    def build(self, var_list: list) -> None:
        """Create the velocity slots (plus momentum and average-gradient slots when used)."""
        new = [v for v in var_list if isinstance(v, Variable) and v._id not in self._index]
        super().build(var_list)
        for v in new:
            self._slots[v._id] = [
                self.add_variable_from_reference(v, "velocity"),
                self.add_variable_from_reference(v, "momentum") if self.momentum > 0 else None,
                self.add_variable_from_reference(v, "average_gradient") if self.centered else None,
            ]

    def _array_update_step(self, g: Any, v: Variable, va: Any, slots: list, lr: float) -> None:
        vel, mom, avg = slots
        rho = self.rho
        s = vel._t._value * rho
        s += (1.0 - rho) * (g * g)
        vel._set_array(s)
        if avg is not None:
            a = avg._t._value * rho
            a += (1.0 - rho) * g
            avg._set_array(a)
            den = s - a * a
            den += self.epsilon
        else:
            den = s + self.epsilon
        inc = g * lr
        inc /= np.sqrt(den)
        if mom is not None:
            mo = mom._t._value * self.momentum
            mo += inc
            mom._set_array(mo)
            v._set_array(va - mo)
        else:
            v._set_array(va - inc)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"rho": self.rho, "momentum": self.momentum, "epsilon": self.epsilon, "centered": self.centered})
        return config


__all__ = ["RMSprop"]
