"""Adafactor (factored second moments), as ``keras.optimizers.Adafactor``.

Example:
    >>> import tapeflow as tf
    >>> from tapeflow import keras
    >>> v = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    >>> _ = keras.optimizers.Adafactor(learning_rate=0.1).apply_gradients([(tf.ones((2, 2)), v)])
    >>> [round(x, 4) for x in v.numpy().ravel().tolist()]
    [0.7261, 1.7261, 2.7261, 3.7261]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...tensor import Variable
from ..variables import Variable as KerasVariable
from .base_optimizer import Optimizer


def _rms(x: Any) -> Any:
    return np.sqrt(np.mean(np.square(x)))


class Adafactor(Optimizer):
    """Keras 3's Adafactor. With ``t = iterations + 1``: ``rho = min(lr, 1 / sqrt(t))`` (the learning
    rate itself is also capped by ``1 / sqrt(t)`` when ``relative_step``),
    ``alpha = max(epsilon_2, rms(w)) * rho``, ``beta_2 = 1 - t**beta_2_decay``; the second moment of
    ``g**2 + epsilon_1`` is kept as row and column means for variables of rank >= 2 (their outer
    product, normalised, estimates it), in full otherwise; the update ``g / sqrt(v)`` is clipped to
    an RMS of ``clip_threshold``.

    Example:
        >>> Adafactor().get_config()["beta_2_decay"]
        -0.8
    """

    def __init__(self, learning_rate: Any = 0.001, beta_2_decay: float = -0.8, epsilon_1: float = 1e-30,
                 epsilon_2: float = 1e-3, clip_threshold: float = 1.0, relative_step: bool = True,
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
        self.beta_2_decay = beta_2_decay
        self.epsilon_1 = epsilon_1
        self.epsilon_2 = epsilon_2
        self.clip_threshold = clip_threshold
        self.relative_step = relative_step

    def build(self, var_list: list) -> None:
        """Create per variable the row and column statistics (int32 placeholders below rank 2), then
        the velocity slot."""
        if self.built:
            return
        super().build(var_list)
        self._r: list = []
        self._c: list = []
        self._v: list = []
        for var in var_list:
            shape = tuple(var._t._value.shape)
            if len(shape) < 2:
                for lst in (self._r, self._c):
                    placeholder = KerasVariable(np.asarray(0, np.int32), trainable=False, name=var.name,
                                                path=f"{self.name}/{var.name}")
                    self._variables.append(placeholder)
                    lst.append(placeholder)
            else:
                dtype = var._t._value.dtype
                self._r.append(self.add_variable(shape[:-1], dtype=dtype, name=var.name))
                self._c.append(self.add_variable(shape[:-2] + shape[-1:], dtype=dtype, name=var.name))
            self._v.append(self.add_variable_from_reference(var, name="velocity"))
        self._register_slots(var_list, self._r, self._c, self._v)

    def _coefficients(self, lr: float) -> tuple:
        return lr, self._step_count() + 1

    def _array_update_step(self, g: Any, v: Variable, va: Any, slots: list, c: tuple) -> None:
        lr, t = c
        dt = va.dtype.type
        r, col, vel = slots
        lr_t = dt(lr)
        step = dt(t)
        inv_sqrt = dt(1) / np.sqrt(step)
        if not callable(self._learning_rate) and self.relative_step:
            lr_t = min(lr_t, inv_sqrt)
        rho_t = min(lr_t, inv_sqrt)
        alpha_t = max(dt(self.epsilon_2), dt(_rms(va))) * rho_t
        sq = g * g + dt(self.epsilon_1)
        beta_2_t = dt(1) - step ** dt(self.beta_2_decay)
        if va.ndim >= 2:
            r_new = beta_2_t * r._t._value + (dt(1) - beta_2_t) * np.mean(sq, axis=-1)
            c_new = beta_2_t * col._t._value + (dt(1) - beta_2_t) * np.mean(sq, axis=-2)
            r._set_array(r_new.astype(va.dtype, copy=False))
            col._set_array(c_new.astype(va.dtype, copy=False))
            v_new = (r_new / np.mean(r_new, axis=-1, keepdims=True))[..., None] * c_new[..., None, :]
        else:
            v_new = beta_2_t * vel._t._value + (dt(1) - beta_2_t) * sq
        v_new = np.asarray(v_new, va.dtype)
        vel._set_array(v_new)
        u = g / np.sqrt(v_new)
        u_hat = u / max(dt(1), dt(_rms(u)) / dt(self.clip_threshold))
        v._set_array(np.asarray(va - alpha_t * u_hat, va.dtype))

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"beta_2_decay": self.beta_2_decay, "epsilon_1": self.epsilon_1, "epsilon_2": self.epsilon_2,
                       "clip_threshold": self.clip_threshold, "relative_step": self.relative_step})
        return config


__all__ = ["Adafactor"]
