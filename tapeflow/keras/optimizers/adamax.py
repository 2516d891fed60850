"""Adamax (Adam with the infinity norm), as ``keras.optimizers.Adamax``.

Example:
    >>> import tapeflow as tf
    >>> from tapeflow import keras
    >>> v = tf.Variable(1.0)
    >>> _ = keras.optimizers.Adamax(learning_rate=0.1).apply_gradients([(tf.constant(0.5), v)])
    >>> round(float(v), 4)
    0.9
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...tensor import Variable
from .base_optimizer import Optimizer


class Adamax(Optimizer):
    """Keras 3's Adamax: with ``t = iterations + 1``, ``m += (g - m) * (1 - beta_1)``,
    ``u = max(beta_2 * u, |g|)``, ``w -= lr * m / ((1 - beta_1**t) * (u + epsilon))``.

    Example:
        >>> Adamax().get_config()["beta_2"]
        0.999
    """

    def __init__(self, learning_rate: Any = 0.001, beta_1: float = 0.9, beta_2: float = 0.999, epsilon: float = 1e-7,
                 weight_decay: float | None = None, clipnorm: float | None = None,
                 clipvalue: float | None = None, global_clipnorm: float | None = None, use_ema: bool = False,
                 ema_momentum: float = 0.99, ema_overwrite_frequency: int | None = None,
                 loss_scale_factor: float | None = None, gradient_accumulation_steps: int | None = None,
                 name: str | None = None, **kwargs: Any) -> None:
        super().__init__(learning_rate=learning_rate, name=name, weight_decay=weight_decay, clipnorm=clipnorm,
                         clipvalue=clipvalue, global_clipnorm=global_clipnorm, use_ema=use_ema,
                         ema_momentum=ema_momentum, ema_overwrite_frequency=ema_overwrite_frequency,
                         loss_scale_factor=loss_scale_factor, gradient_accumulation_steps=gradient_accumulation_steps,
                         **kwargs)
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon

    def build(self, var_list: list) -> None:
        """Create the momentum and norm slots."""
        if self.built:
            return
        super().build(var_list)
        self._m, self._u = self.add_optimizer_variables(var_list, ["momentum", "norm"])
        self._register_slots(var_list, self._m, self._u)

    def _coefficients(self, lr: float) -> tuple:
        t = self._step_count() + 1
        return lr, 1.0 - self.beta_1 ** t

    def _array_update_step(self, g: Any, v: Variable, va: Any, slots: list, c: tuple) -> None:
        lr, bias = c
        m, u = slots
        dt = va.dtype.type
        ma = m._t._value
        m_new = ma + (g - ma) * dt(1 - self.beta_1)
        u_new = np.maximum(dt(self.beta_2) * u._t._value, np.abs(g))
        m._set_array(m_new)
        u._set_array(u_new)
        v._set_array(va - (dt(lr) * m_new) / (dt(bias) * (u_new + dt(self.epsilon))))

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon})
        return config


__all__ = ["Adamax"]
