"""LAMB (layer-wise adaptive Adam), as ``keras.optimizers.Lamb``.

Example:
    >>> import tapeflow as tf
    >>> from tapeflow import keras
    >>> v = tf.Variable([1.0, 2.0])
    >>> _ = keras.optimizers.Lamb(learning_rate=0.1).apply_gradients([(tf.constant([0.5, 0.5]), v)])
    >>> [round(x, 4) for x in v.numpy().tolist()]
    [0.8419, 1.8419]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...tensor import Variable
from .base_optimizer import Optimizer


class Lamb(Optimizer):
    """Keras 3's Lamb: Adam's bias-corrected step ``r = m_hat / (sqrt(v_hat) + epsilon)`` scaled by
    the trust ratio ``||w|| / ||r||`` (1 when either norm is 0): ``w -= ratio * lr * r``.

    Example:
        >>> Lamb().get_config()["beta_1"]
        0.9
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
        """Create the momentum and velocity slots."""
        if self.built:
            return
        super().build(var_list)
        self._momentums, self._velocities = self.add_optimizer_variables(var_list, ["momentum", "velocity"])
        self._register_slots(var_list, self._momentums, self._velocities)

    def _coefficients(self, lr: float) -> tuple:
        return lr, self._step_count() + 1

    def _array_update_step(self, g: Any, v: Variable, va: Any, slots: list, c: tuple) -> None:
        lr, t = c
        dt = va.dtype.type
        m, vel = slots
        ma, vv = m._t._value, vel._t._value
        m_new = ma + (g - ma) * dt(1 - self.beta_1)
        v_new = vv + (g * g - vv) * dt(1 - self.beta_2)
        m._set_array(m_new)
        vel._set_array(v_new)
        m_hat = m_new / (dt(1.0) - dt(self.beta_1) ** dt(t))
        v_sqrt = np.sqrt(v_new / (dt(1.0) - dt(self.beta_2) ** dt(t))) + dt(self.epsilon)
        update = m_hat / v_sqrt
        w_norm = np.sqrt(np.sum(va * va))
        g_norm = np.sqrt(np.sum(update * update))
        ratio = w_norm / g_norm if (w_norm > 0 and g_norm > 0) else dt(1.0)
        v._set_array(va - dt(ratio) * dt(lr) * update)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon})
        return config


__all__ = ["Lamb"]
