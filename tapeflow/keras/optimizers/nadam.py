"""Nadam (Adam with Nesterov momentum), as ``keras.optimizers.Nadam``.

Example:
    >>> import tapeflow as tf
    >>> from tapeflow import keras
    >>> v = tf.Variable(1.0)
    >>> _ = keras.optimizers.Nadam(learning_rate=0.1).apply_gradients([(tf.constant(0.5), v)])
    >>> round(float(v), 4)
    0.8937
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...tensor import Variable
from ..variables import Variable as KerasVariable
from .base_optimizer import Optimizer


class Nadam(Optimizer):
    """Keras 3's Nadam: a momentum schedule ``u_t = beta_1 * (1 - 0.5 * 0.96**t)`` whose running
    product is kept in one optimizer variable (updated once per step), then Adam's moments with a
    Nesterov look-ahead ``m_hat``.

    Example:
        >>> Nadam().get_config()["epsilon"]
        1e-07
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
        """Create the momentum and velocity slots and the momentum-product variable."""
        if self.built:
            return
        dtype = var_list[0]._t._value.dtype if var_list else np.dtype(np.float32)
        super().build(var_list)
        self._momentums, self._velocities = self.add_optimizer_variables(var_list, ["momentum", "velocity"])
        self._register_slots(var_list, self._momentums, self._velocities)
        from .._naming import unique_name

        vname = unique_name("variable")  # Keras names an unnamed variable 'variable', 'variable_1', ...
        self._u_product = KerasVariable(np.asarray(1.0, dtype), trainable=False, name=vname,
                                        path=f"{self.name}/{vname}")
        self._variables.append(self._u_product)

    def _before_update(self) -> None:
        up = self._u_product._t._value
        dt = up.dtype.type
        t = self._step_count() + 1
        self._u_product._set_array(np.asarray(up * dt(self.beta_1) * (dt(1.0) - dt(0.5) * dt(0.96) ** dt(t)),
                                              up.dtype))

    def _coefficients(self, lr: float) -> tuple:
        return lr, self._step_count() + 1

    def _array_update_step(self, g: Any, v: Variable, va: Any, slots: list, c: tuple) -> None:
        lr, t = c
        dt = va.dtype.type
        m, vel = slots
        b1, b2 = dt(self.beta_1), dt(self.beta_2)
        u_t = b1 * (dt(1.0) - dt(0.5) * dt(0.96) ** dt(t))
        u_t_1 = b1 * (dt(1.0) - dt(0.5) * dt(0.96) ** dt(t + 1))
        up_t = dt(self._u_product._t._value)
        up_t_1 = up_t * u_t_1
        b2_power = b2 ** dt(t)
        ma, va2 = m._t._value, vel._t._value
        m_new = ma + (g - ma) * (dt(1) - b1)
        v_new = va2 + (g * g - va2) * (dt(1) - b2)
        m._set_array(m_new)
        vel._set_array(v_new)
        m_hat = u_t_1 * m_new / (dt(1) - up_t_1) + (dt(1) - u_t) * g / (dt(1) - up_t)
        v_hat = v_new / (dt(1) - b2_power)
        v._set_array(va - (m_hat * dt(lr)) / (np.sqrt(v_hat) + dt(self.epsilon)))

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon})
        return config


__all__ = ["Nadam"]
