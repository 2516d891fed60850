"""Adam and AdamW (Adam with decoupled weight decay), as ``keras.optimizers.Adam`` / ``AdamW``.

Example:
    >>> import tapeflow as tf
    >>> from tapeflow import keras
    >>> v = tf.Variable(1.0)
    >>> _ = keras.optimizers.Adam(learning_rate=0.1).apply_gradients([(tf.constant(0.5), v)])
    >>> round(float(v), 4)
    0.9
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ...tensor import Variable
from .base_optimizer import Optimizer


class Adam(Optimizer):
    """Keras 3's Adam.

    With ``t = iterations + 1``: ``m += (g - m) * (1 - beta_1)``, ``v += (g² - v) * (1 - beta_2)``,
    ``alpha = lr * sqrt(1 - beta_2**t) / (1 - beta_1**t)``, ``w -= alpha * m / (sqrt(v) + epsilon)``
    (with ``amsgrad``, ``v`` is replaced by its running maximum).

    Example:
        >>> Adam().get_config()["epsilon"]
        1e-07
    """

    def __init__(self, learning_rate: Any = 0.001, beta_1: float = 0.9, beta_2: float = 0.999,
                 epsilon: float = 1e-7, amsgrad: bool = False, weight_decay: float | None = None,
                 clipnorm: float | None = None, clipvalue: float | None = None, global_clipnorm: float | None = None,
                 use_ema: bool = False, ema_momentum: float = 0.99, ema_overwrite_frequency: int | None = None,
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
        self.amsgrad = amsgrad

    def build(self, var_list: list) -> None:
        """Create the first and second moment slots (and the running maximum with ``amsgrad``)."""
        if self.built:
            return
        super().build(var_list)
        self._momentums, self._velocities = self.add_optimizer_variables(var_list, ["momentum", "velocity"])
        self._velocity_hats: list = []
        if self.amsgrad:
            self._velocity_hats = self.add_optimizer_variables(var_list, "velocity_hat")
        self._register_slots(var_list, self._momentums, self._velocities, self._velocity_hats)

    def _coefficients(self, lr: float) -> tuple:
        t = self._step_count() + 1
        alpha = lr * math.sqrt(1.0 - self.beta_2 ** t) / (1.0 - self.beta_1 ** t)
        return alpha, 1.0 - self.beta_1, 1.0 - self.beta_2, self.epsilon

    def _array_update_step(self, g: Any, v: Variable, va: Any, slots: list, c: tuple) -> None:
        alpha, c1, c2, eps = c
        m, u = slots[0], slots[1]
        ma, ua = m._t._value, u._t._value
        m_new = g - ma
        m_new *= c1
        m_new += ma
        u_new = g * g
        u_new -= ua
        u_new *= c2
        u_new += ua
        m._set_array(m_new)
        u._set_array(u_new)
        if self.amsgrad:
            vh = slots[2]
            u_new = np.maximum(vh._t._value, u_new)
            vh._set_array(u_new)
        den = np.sqrt(u_new)
        den += eps
        new = m_new * -alpha
        new /= den
        new += va
        v._set_array(new)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon, "amsgrad": self.amsgrad})
        return config


class AdamW(Adam):
    """Adam with decoupled weight decay: before each update ``w -= w * weight_decay * lr``.

    Example:
        >>> AdamW().weight_decay
        0.004
    """

    def __init__(self, learning_rate: Any = 0.001, weight_decay: float = 0.004, beta_1: float = 0.9,
                 beta_2: float = 0.999, epsilon: float = 1e-7, amsgrad: bool = False, clipnorm: float | None = None,
                 clipvalue: float | None = None, global_clipnorm: float | None = None, use_ema: bool = False,
                 ema_momentum: float = 0.99, ema_overwrite_frequency: int | None = None,
                 loss_scale_factor: float | None = None, gradient_accumulation_steps: int | None = None,
                 name: str | None = None, **kwargs: Any) -> None:
        super().__init__(learning_rate=learning_rate, beta_1=beta_1, beta_2=beta_2, epsilon=epsilon,
                         amsgrad=amsgrad, name=name, weight_decay=weight_decay, clipnorm=clipnorm,
                         clipvalue=clipvalue, global_clipnorm=global_clipnorm, use_ema=use_ema,
                         ema_momentum=ema_momentum, ema_overwrite_frequency=ema_overwrite_frequency,
                         loss_scale_factor=loss_scale_factor, gradient_accumulation_steps=gradient_accumulation_steps,
                         **kwargs)
        if self.weight_decay is None:
            raise ValueError("Argument `weight_decay` must be a float. Received: weight_decay=None")


__all__ = ["Adam", "AdamW"]
