"""The Keras 3 optimizer contract: ``build(var_list)`` / ``update_step(gradient, variable, learning_rate)``.

Built-in optimizers update on NumPy arrays directly: the gradient's array, the variable's
current array and the slot variables' arrays, installing each new value with
``Variable._set_array`` (a new array every time: a tape may still hold the old one). Per-variable
slots are found by the variable's id, and the learning rate is evaluated once per ``apply``.

Example:
    >>> import tapeflow as tf
    >>> from tapeflow import keras
    >>> v = tf.Variable([1.0, 2.0])
    >>> opt = keras.optimizers.SGD(learning_rate=0.5)
    >>> _ = opt.apply_gradients([(tf.constant([1.0, 1.0]), v)])
    >>> v.numpy().tolist(), int(opt.iterations)
    ([0.5, 1.5], 1)
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from ...errors import InvalidArgumentError
from ...indexed_slices import IndexedSlices
from ...tensor import Tensor, Variable
from ..variables import Variable as KerasVariable
from . import schedules as _schedules


def _grad_value(g: Any) -> Any:
    """The NumPy value of a gradient (Tensor, Variable, array or number)."""
    if isinstance(g, Tensor):
        return g._value
    if isinstance(g, Variable):
        return g._t._value
    if isinstance(g, IndexedSlices):  # a gather's gradient: applied as the dense gradient, as Keras 3
        return g._dense()._value
    a = np.asarray(g)
    if a.dtype == object:
        raise TypeError(f"apply_gradients: cannot use {type(g).__name__} {g!r} as a gradient")
    return a


class Optimizer:
    """Base class of the Keras optimizers.

    Subclasses create their slot variables in ``build(var_list)`` (with
    ``add_variable_from_reference``) and implement ``update_step(gradient, variable,
    learning_rate)``; ``apply_gradients`` / ``apply`` handle None gradients, clipping
    (``clipnorm``, ``clipvalue``, ``global_clipnorm``), ``weight_decay``, EMA, gradient
    accumulation, constraints and the ``iterations`` counter.

    Example:
        >>> import tapeflow as tf
        >>> class PlainSGD(Optimizer):
        ...     def update_step(self, gradient, variable, learning_rate):
        ...         variable.assign_sub(gradient * learning_rate)
        >>> v = tf.Variable(1.0)
        >>> _ = PlainSGD(learning_rate=0.1).apply([tf.constant(2.0)], [v])
        >>> round(float(v), 6)
        0.8
    """

    # set by the built-in subclasses: their update runs on NumPy arrays through `_step`
    _array_update_step: Callable | None = None

    def __init__(
        self,
        learning_rate: Any = 0.001,
        weight_decay: float | None = None,
        clipnorm: float | None = None,
        clipvalue: float | None = None,
        global_clipnorm: float | None = None,
        use_ema: bool = False,
        ema_momentum: float = 0.99,
        ema_overwrite_frequency: int | None = None,
        loss_scale_factor: float | None = None,
        gradient_accumulation_steps: int | None = None,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        if "lr" in kwargs:
            warnings.warn("The `lr` argument is deprecated, use `learning_rate` instead.", stacklevel=2)
            learning_rate = kwargs.pop("lr")
        if kwargs.pop("decay", None) is not None:
            warnings.warn("Argument `decay` is no longer supported and will be ignored.", stacklevel=2)
        if kwargs:
            raise ValueError(f"{type(self).__name__}: argument(s) not recognized: {kwargs}")
        set_clips = [k for k, v in (("clipnorm", clipnorm), ("clipvalue", clipvalue),
                                    ("global_clipnorm", global_clipnorm)) if v is not None]
        if len(set_clips) > 1:
            raise ValueError(
                "Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: "
                f"clipnorm={clipnorm}, clipvalue={clipvalue}, global_clipnorm={global_clipnorm}"
            )
        for k, v in (("clipnorm", clipnorm), ("clipvalue", clipvalue), ("global_clipnorm", global_clipnorm)):
            if v is not None and not float(v) >= 0:
                raise ValueError(f"{type(self).__name__}: `{k}` must be >= 0. Received: {k}={v}")
        if gradient_accumulation_steps is not None:
            gradient_accumulation_steps = int(gradient_accumulation_steps)
            if gradient_accumulation_steps < 2:
                raise ValueError(
                    "`gradient_accumulation_steps` must be an integer >= 2. Received: "
                    f"gradient_accumulation_steps={gradient_accumulation_steps}"
                )
        if use_ema and not 0.0 <= float(ema_momentum) <= 1.0:
            raise ValueError(f"`ema_momentum` must be in the range [0, 1]. Received: ema_momentum={ema_momentum}")
        self.name = name if name is not None else type(self).__name__.lower()
        self.weight_decay = None if weight_decay is None else float(weight_decay)
        self.clipnorm = None if clipnorm is None else float(clipnorm)
        self.clipvalue = None if clipvalue is None else float(clipvalue)
        self.global_clipnorm = None if global_clipnorm is None else float(global_clipnorm)
        self.use_ema = bool(use_ema)
        self.ema_momentum = float(ema_momentum)
        self.ema_overwrite_frequency = None if ema_overwrite_frequency is None else int(ema_overwrite_frequency)
        self.loss_scale_factor = None if loss_scale_factor is None else float(loss_scale_factor)
        self.gradient_accumulation_steps = gradient_accumulation_steps
        self.built = False
        self._iterations = KerasVariable(np.asarray(0, np.int64), trainable=False, name="iteration",
                                         path=f"{self.name}/iteration")
        self._learning_rate: Any = None
        self._variables: list[Variable] = [self._iterations]
        self._set_learning_rate(learning_rate)
        self._trainable_variables: list[Variable] = []
        self._index: dict[int, int] = {}
        self._slots: dict[int, list] = {}  # variable id -> slot Variables (built-in optimizers)
        self._averages: dict[int, Variable] = {}  # EMA
        self._accumulators: dict[int, Variable] = {}  # gradient accumulation
        self._wd_exclude_ids: set[int] = set()
        self._wd_exclude_names: list[str] = []
        if type(self).update_step is not Optimizer.update_step:
            self._array_update_step = None  # a user's update_step replaces the built-in array update

    # -- learning rate ---------------------------------------------------------------------------
    def _set_learning_rate(self, value: Any) -> None:
        if isinstance(value, _schedules.LearningRateSchedule):
            self._drop_lr_variable()
            self._learning_rate = value
        elif isinstance(value, (Tensor, Variable, int, float, np.number, np.ndarray)):
            if isinstance(self._learning_rate, _schedules.LearningRateSchedule):
                raise TypeError(
                    "This optimizer was created with a `LearningRateSchedule` object as its `learning_rate` "
                    "constructor argument, hence its learning rate is not settable. If you need the learning "
                    "rate to be settable, you should instantiate the optimizer with a float `learning_rate`."
                )
            arr = np.asarray(value._t._value if isinstance(value, Variable) else
                             value._value if isinstance(value, Tensor) else value)
            if arr.size != 1 or arr.dtype.kind not in "iuf":
                raise ValueError(f"{type(self).__name__}: the learning rate must be a scalar number, got {value!r}")
            new = np.asarray(float(arr.reshape(())), np.float32)
            if isinstance(self._learning_rate, Variable):
                self._learning_rate._set_array(new)
            else:
                self._learning_rate = KerasVariable(new, trainable=False, name="learning_rate",
                                                    path=f"{self.name}/learning_rate")
                self._variables.insert(1, self._learning_rate)
        elif callable(value):
            self._drop_lr_variable()
            self._learning_rate = value
        else:
            raise TypeError(
                f"{type(self).__name__}: `learning_rate` must be a float, a LearningRateSchedule or a callable; "
                f"got {type(value).__name__} {value!r}"
            )

    def _drop_lr_variable(self) -> None:
        if isinstance(self._learning_rate, Variable):
            self._variables = [v for v in self._variables if v is not self._learning_rate]

    @property
    def learning_rate(self) -> Any:
        """The current learning rate: a float32 Variable, or the schedule's value at ``iterations``."""
        lr = self._learning_rate
        if isinstance(lr, Variable):
            return lr
        if isinstance(lr, _schedules.LearningRateSchedule):
            return lr(self._iterations)
        return lr()

    @learning_rate.setter
    def learning_rate(self, value: Any) -> None:
        self._set_learning_rate(value)

    lr = learning_rate  # TF 2.x's older alias

    def _current_lr(self) -> float:
        """The learning rate as a Python float (evaluated once per apply)."""
        lr = self._learning_rate
        if isinstance(lr, Variable):
            return float(lr._t._value)
        if isinstance(lr, _schedules.LearningRateSchedule):
            value = lr(self._iterations)
        else:
            value = lr()
        return float(np.asarray(value._value if isinstance(value, Tensor) else value))

    @property
    def iterations(self) -> Variable:
        """How many times ``apply``/``apply_gradients`` ran (an int64 Variable)."""
        return self._iterations

    @property
    def variables(self) -> list:
        """The optimizer's own variables: iterations, the learning rate (when a float) and the slots."""
        return list(self._variables)

    # -- variables ----------------------------------------------------------------------------
    def add_variable(self, shape: Any, initializer: Any = "zeros", dtype: Any = None, aggregation: str = "none",
                     name: str | None = None) -> Variable:
        """Create an optimizer variable (a non-trainable Variable) filled by ``initializer``."""
        from ... import dtypes as _dt

        npdt = np.dtype(np.float32) if dtype is None else _dt.np_dtype(dtype)
        shape = tuple(int(s) for s in shape)
        if isinstance(initializer, str):
            if initializer == "zeros":
                arr = np.zeros(shape, npdt)
            elif initializer == "ones":
                arr = np.ones(shape, npdt)
            else:
                raise ValueError(f"add_variable: unknown initializer {initializer!r} (use 'zeros', 'ones' or a callable)")
        elif callable(initializer):
            arr = np.asarray(initializer(shape, dtype=npdt), npdt)
        else:
            arr = np.broadcast_to(np.asarray(initializer, npdt), shape).copy()
        name = name or "optimizer_variable"
        var = KerasVariable(arr, trainable=False, name=name, path=f"{self.name}/{name}")
        self._variables.append(var)
        return var

    def add_variable_from_reference(self, reference_variable: Variable, name: str | None = None,
                                    initializer: Any = "zeros") -> Variable:
        """Create a slot variable shaped and typed like ``reference_variable``."""
        ref = reference_variable._t._value
        return self.add_variable(ref.shape, initializer=initializer, dtype=ref.dtype,
                                 name=f"{reference_variable.name}_{name}" if name else None)

    def build(self, var_list: list) -> None:
        """Register the variables this optimizer updates (subclasses add their slots after this)."""
        for v in var_list:
            if not isinstance(v, Variable):
                raise TypeError(f"{type(self).__name__}: expected tapeflow Variables to optimize, got "
                                f"{type(v).__name__} {v!r}")
            if v._t._value.dtype.kind not in "fc":
                raise InvalidArgumentError(
                    f"{type(self).__name__}: cannot optimize variable '{v.name}' of dtype {v.dtype.name} "
                    f"and shape {tuple(v.shape)}: only floating-point variables can be trained",
                    op=type(self).__name__,
                )
            if v._id in self._index:
                continue
            self._index[v._id] = len(self._trainable_variables)
            self._trainable_variables.append(v)
            if self.use_ema:
                avg = self.add_variable_from_reference(v, "average")
                self._averages[v._id] = avg
            if self.gradient_accumulation_steps:
                self._accumulators[v._id] = self.add_variable_from_reference(v, "gradient_accumulator")
        self.built = True

    def _get_variable_index(self, variable: Variable) -> int:
        return self._index[variable._id]

    def _var_key(self, variable: Variable) -> int:
        return variable._id

    def assign(self, variable: Variable, value: Any) -> None:
        variable.assign(value)

    def assign_add(self, variable: Variable, value: Any) -> None:
        variable.assign_add(value)

    def assign_sub(self, variable: Variable, value: Any) -> None:
        variable.assign_sub(value)

    def _ensure_built(self, variables: list) -> None:
        unknown = [v for v in variables if not isinstance(v, Variable) or v._id not in self._index]
        if not unknown:
            return
        if self.built and self._array_update_step is None:
            names = [getattr(v, "name", repr(v)) for v in unknown]
            raise ValueError(
                f"{type(self).__name__}: unknown variable(s) {names}. This optimizer can only be called for the "
                "variables it was originally built with. When working with a new set of variables, you should "
                "recreate a new optimizer instance."
            )
        self.build(unknown)

    # -- the update ----------------------------------------------------------------------------
    def update_step(self, gradient: Any, variable: Variable, learning_rate: Any) -> None:
        """Update one variable from its gradient (subclasses implement this)."""
        if self._array_update_step is None:
            raise NotImplementedError(f"{type(self).__name__} must implement `update_step(gradient, variable, learning_rate)`")
        va = variable._t._value
        g = self._checked_grad(_grad_value(gradient), variable, va)
        lr = float(np.asarray(learning_rate._t._value if isinstance(learning_rate, Variable) else
                              learning_rate._value if isinstance(learning_rate, Tensor) else learning_rate))
        self._array_update_step(g, variable, va, self._slots[variable._id], self._coefficients(lr))

    def _coefficients(self, lr: float) -> Any:
        """Per-apply constants for `_array_update_step` (built-ins override)."""
        return lr

    def _checked_grad(self, g: Any, v: Variable, va: Any) -> Any:
        if g.shape != va.shape:
            raise InvalidArgumentError(
                f"{type(self).__name__}: gradient of shape {tuple(g.shape)} ({g.dtype}) does not match variable "
                f"'{v.name}' of shape {tuple(va.shape)} ({va.dtype})",
                op=type(self).__name__,
            )
        if g.dtype != va.dtype:
            if g.dtype.kind not in "fciub":
                raise InvalidArgumentError(
                    f"{type(self).__name__}: gradient dtype {g.dtype} cannot update variable '{v.name}' "
                    f"({va.dtype}, shape {tuple(va.shape)})", op=type(self).__name__)
            g = g.astype(va.dtype)
        return g

    def apply_gradients(self, grads_and_vars: Iterable, name: str | None = None, **kwargs: Any) -> Variable:
        """Apply ``(gradient, variable)`` pairs; returns ``iterations``.

        Example:
            >>> import tapeflow as tf
            >>> from tapeflow import keras
            >>> v = tf.Variable(1.0)
            >>> _ = keras.optimizers.SGD(0.1).apply_gradients([(tf.constant(1.0), v)])
            >>> round(float(v), 6)
            0.9
        """
        pairs = list(grads_and_vars)
        if not pairs:
            return self._iterations
        if self._array_update_step is not None and self._plain():
            it = self._apply_fast(pairs)
            if it is not None:
                return it
        try:
            grads, variables = zip(*pairs)
        except (TypeError, ValueError):
            bad = next((p for p in pairs if not (isinstance(p, (tuple, list)) and len(p) == 2)), pairs)
            raise TypeError(f"apply_gradients: expected (gradient, variable) pairs, got {bad!r}") from None
        return self.apply(grads, variables)

    def _plain(self) -> bool:
        """True when no clipping, weight decay, EMA, accumulation or loss scaling is configured."""
        return (self.weight_decay is None and self.clipnorm is None and self.clipvalue is None
                and self.global_clipnorm is None and not self.use_ema and self.gradient_accumulation_steps is None
                and self.loss_scale_factor is None)

    def apply(self, grads: Any, trainable_variables: Any = None) -> Variable:
        """Apply ``grads`` to ``trainable_variables`` (the built variables when None); returns ``iterations``.

        Example:
            >>> import tapeflow as tf
            >>> from tapeflow import keras
            >>> v = tf.Variable([1.0, 1.0])
            >>> _ = keras.optimizers.SGD(0.5).apply([tf.constant([2.0, 0.0])], [v])
            >>> v.numpy().tolist()
            [0.0, 1.0]
        """
        if trainable_variables is None:
            if not self.built:
                raise ValueError("When passing `grads` without `variables`, the optimizer must already be built "
                                 "on a list of variables. Call `optimizer.build(trainable_variables)` first.")
            trainable_variables = self._trainable_variables
        if not isinstance(grads, (list, tuple)):
            grads = list(grads)
        if not isinstance(trainable_variables, (list, tuple)):
            trainable_variables = list(trainable_variables)
        if len(grads) != len(trainable_variables):
            raise ValueError(f"{type(self).__name__}: got {len(grads)} gradients for {len(trainable_variables)} "
                             "variables")
        if self._array_update_step is not None and self._plain():
            it = self._apply_fast(zip(grads, trainable_variables))
            if it is not None:
                return it
        grads, variables = list(grads), list(trainable_variables)
        if not variables:
            return self._iterations
        self._ensure_built(variables)
        if any(g is None for g in grads):
            grads, variables = self._filter_none(grads, variables)
        self._apply_general(grads, variables)
        it = self._iterations
        it._set_array(np.int64(int(it._t._value) + 1))
        return it

    def _apply_fast(self, pairs: Iterable) -> Variable | None:
        """The hot path of a plain built-in optimizer: every gradient present and every variable
        built. Everything is validated first (no partial update on error), then the arrays are
        updated. Returns ``iterations``, or None (nothing done) when the general path is needed."""
        slots = self._slots
        work = []
        for p in pairs:
            try:
                g, v = p
                st = slots.get(v._id)
            except (TypeError, ValueError, AttributeError):
                return None  # not a (gradient, variable) pair: the general path explains
            if st is None or g is None:
                return None
            g = g._value if type(g) is Tensor else _grad_value(g)
            va = v._t._value
            if g.shape != va.shape or (g.dtype is not va.dtype and g.dtype != va.dtype):
                g = self._checked_grad(g, v, va)
            work.append((g, v, va, st))
        self._update_arrays(work, self._coefficients(self._current_lr()))
        it = self._iterations
        n = it._t._value
        it._set_array(n + 1 if type(n) is np.int64 else np.int64(int(n) + 1))
        return it

    def _update_arrays(self, work: list, c: Any) -> None:
        """Run `_array_update_step` on each checked (gradient, variable, value, slots) of ``work``,
        then the variable's constraint."""
        step = self._array_update_step
        for g, v, va, st in work:
            step(g, v, va, st, c)
            if v.constraint is not None:
                v.assign(v.constraint(v))

    def _filter_none(self, grads: list, variables: list) -> tuple:
        kept = [(g, v) for g, v in zip(grads, variables) if g is not None]
        missing = [v for g, v in zip(grads, variables) if g is None]
        if not kept:
            from ...tape import explain_last_none

            reason = None
            try:
                reason = explain_last_none(missing[0])
            except Exception:  # the explanation is a courtesy: never hide the real error behind it
                reason = None
            names = [getattr(v, "name", repr(v)) for v in missing]
            msg = (f"No gradients provided for any variable: {names}. Every gradient passed to "
                   f"{type(self).__name__}.apply_gradients is None, so the loss does not depend on these variables.")
            if reason:
                msg += f"\nWhy the gradient of '{names[0]}' is None: {reason}"
            else:
                msg += (" Check that the loss is computed from the variables inside the GradientTape context, "
                        "with tapeflow ops (not NumPy).")
            raise ValueError(msg)
        names = [getattr(v, "name", repr(v)) for v in missing]
        warnings.warn(
            f"Gradients do not exist for variables {names} when minimizing the loss; they are left unchanged. "
            "If using `model.compile()`, did you forget to provide a `loss` argument?",
            stacklevel=4,
        )
        return [g for g, _ in kept], [v for _, v in kept]

    def _apply_general(self, grads: list, variables: list) -> None:
        """Scaling, accumulation, clipping, weight decay, the update, EMA and constraints."""
        arrays = [self._checked_grad(_grad_value(g), v, v._t._value) for g, v in zip(grads, variables)]
        if self.loss_scale_factor is not None:
            arrays = [g / self.loss_scale_factor for g in arrays]
        it = int(self._iterations._t._value)
        update = True
        if self.gradient_accumulation_steps:
            n = self.gradient_accumulation_steps
            update = (it + 1) % n == 0
            accs = [self._accumulators[v._id] for v in variables]
            if update:
                arrays = [(g + a._t._value) / n for g, a in zip(arrays, accs)]
                for a in accs:
                    a._set_array(np.zeros_like(a._t._value))
            else:
                for g, a in zip(arrays, accs):
                    a._set_array(a._t._value + g)
        if update:
            arrays = self._clip(arrays)
            lr = self._current_lr()
            self._apply_weight_decay(variables, lr)
            if self._array_update_step is not None:
                c = self._coefficients(lr)
                for g, v in zip(arrays, variables):
                    self._array_update_step(g, v, v._t._value, self._slots[v._id], c)
            else:
                for g, v in zip(arrays, variables):
                    va = v._t._value
                    self.update_step(Tensor(g), v, Tensor(np.asarray(lr, va.dtype)))
        if self.use_ema:
            momentum = self.ema_momentum if it != 0 else 0.0
            for v in variables:
                avg = self._averages[v._id]
                avg._set_array(momentum * avg._t._value + (1.0 - momentum) * v._t._value)
            if self.ema_overwrite_frequency and (it + 1) % self.ema_overwrite_frequency == 0:
                self._overwrite_with_averages(variables)
        for v in variables:
            if v.constraint is not None:
                v.assign(v.constraint(v))

    def _clip(self, arrays: list) -> list:
        if self.clipnorm is not None:
            c = self.clipnorm
            out = []
            for g in arrays:
                n = math.sqrt(float(np.sum(np.square(g, dtype=np.float64))))
                out.append(g * (c / max(n, c)) if n > c else g)
            return out
        if self.clipvalue is not None:
            c = self.clipvalue
            return [np.clip(g, -c, c) for g in arrays]
        if self.global_clipnorm is not None:
            c = self.global_clipnorm
            n = math.sqrt(sum(float(np.sum(np.square(g, dtype=np.float64))) for g in arrays))
            if not math.isfinite(n):
                return [np.full_like(g, np.nan) for g in arrays]
            return [g * (c / n) for g in arrays] if n > c else arrays
        return arrays

    # -- weight decay and EMA ------------------------------------------------------------------
    def exclude_from_weight_decay(self, var_list: list | None = None, var_names: list | None = None) -> None:
        """Exclude variables (or variables whose name matches one of ``var_names``) from weight decay."""
        self._wd_exclude_ids.update(v._id for v in (var_list or []))
        self._wd_exclude_names.extend(var_names or [])

    def _use_weight_decay(self, variable: Variable) -> bool:
        if variable._id in self._wd_exclude_ids:
            return False
        return not any(re.search(n, variable.name) for n in self._wd_exclude_names)

    def _apply_weight_decay(self, variables: list, lr: float) -> None:
        if self.weight_decay is None:
            return
        wd = self.weight_decay
        for v in variables:
            if self._use_weight_decay(v):
                va = v._t._value
                v._set_array(va - va * (wd * lr))

    def _overwrite_with_averages(self, variables: list) -> None:
        for v in variables:
            avg = self._averages.get(v._id)
            if avg is not None:
                v._set_array(np.array(avg._t._value, copy=True))

    def finalize_variable_values(self, var_list: list) -> None:
        """With ``use_ema``, set the variables to their moving averages (end of training)."""
        if self.use_ema:
            self._overwrite_with_averages(var_list)

    # -- conveniences --------------------------------------------------------------------------
    def minimize(self, loss: Any, var_list: Any, tape: Any = None) -> Variable:
        """Compute gradients of ``loss`` (a callable, or a tensor recorded by ``tape``) and apply them.

        Example:
            >>> import tapeflow as tf
            >>> from tapeflow import keras
            >>> v = tf.Variable(3.0)
            >>> _ = keras.optimizers.SGD(0.1).minimize(lambda: v * v, [v])
            >>> round(float(v), 6)
            2.4
        """
        from ...tape import GradientTape

        if callable(loss):
            with GradientTape() as t:
                if callable(var_list):
                    var_list = var_list()
                value = loss()
            tape = t
        else:
            if tape is None:
                raise ValueError("`tape` is required when a `Tensor` loss is passed. Received: tape=None")
            value = loss
            if callable(var_list):
                var_list = var_list()
        var_list = list(var_list)
        grads = tape.gradient(value, var_list)
        return self.apply(grads, var_list)

    def get_config(self) -> dict:
        """The constructor arguments (the learning rate as a float or a serialized schedule)."""
        lr = self._learning_rate
        if isinstance(lr, _schedules.LearningRateSchedule):
            lr_cfg: Any = _schedules.serialize(lr)
        elif isinstance(lr, Variable):
            lr_cfg = float(lr._t._value)
        else:
            lr_cfg = lr
        return {
            "name": self.name, "learning_rate": lr_cfg, "weight_decay": self.weight_decay,
            "clipnorm": self.clipnorm, "global_clipnorm": self.global_clipnorm, "clipvalue": self.clipvalue,
            "use_ema": self.use_ema, "ema_momentum": self.ema_momentum,
            "ema_overwrite_frequency": self.ema_overwrite_frequency, "loss_scale_factor": self.loss_scale_factor,
            "gradient_accumulation_steps": self.gradient_accumulation_steps,
        }

    @classmethod
    def from_config(cls, config: dict, custom_objects: dict | None = None) -> Optimizer:
        """Recreate an optimizer from ``get_config()``'s output."""
        config = dict(config)
        if isinstance(config.get("learning_rate"), dict):
            config["learning_rate"] = _schedules.deserialize(config["learning_rate"], custom_objects)
        return cls(**config)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} name={self.name!r} iterations={int(self._iterations._t._value)}>"


__all__ = ["Optimizer"]
