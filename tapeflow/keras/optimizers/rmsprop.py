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
                 centered: bool = False, weight_decay: float | None = None, clipnorm: float | None = None,
                 clipvalue: float | None = None, global_clipnorm: float | None = None, use_ema: bool = False,
                 ema_momentum: float = 0.99, ema_overwrite_frequency: int | None = None,
                 loss_scale_factor: float | None = None, gradient_accumulation_steps: int | None = None,
                 name: str | None = None, **kwargs: Any) -> None:
        super().__init__(learning_rate=learning_rate, name=name, weight_decay=weight_decay, clipnorm=clipnorm,
                         clipvalue=clipvalue, global_clipnorm=global_clipnorm, use_ema=use_ema,
                         ema_momentum=ema_momentum, ema_overwrite_frequency=ema_overwrite_frequency,
                         loss_scale_factor=loss_scale_factor, gradient_accumulation_steps=gradient_accumulation_steps,
                         **kwargs)
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
        self.centered = centered

    def build(self, var_list: list) -> None:
        """Create the velocity slots (then momentum and average-gradient slots when used), in Keras's order."""
        if self.built:
            return
        super().build(var_list)
        self._velocities = self.add_optimizer_variables(var_list, "velocity")
        self._momentums: list = []
        if self.momentum > 0:
            self._momentums = self.add_optimizer_variables(var_list, "momentum")
        self._average_gradients: list = []
        if self.centered:
            self._average_gradients = self.add_optimizer_variables(var_list, "average_gradient")
        self._register_slots(var_list, self._velocities, self._momentums, self._average_gradients)

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
