"""The Keras 3 optimizer contract: ``build(var_list)`` / ``update_step(gradient, variable, learning_rate)``.

Built-in optimizers update on NumPy arrays directly: the gradient's array, the variable's
current array and the slot variables' arrays, installing each new value with
``Variable._set_array`` (a new array every time: a tape may still hold the old one). Per-variable
slots are found by the variable's id, and the learning rate is evaluated once per ``apply``.

Threads: ``apply_gradients`` / ``apply`` (and so ``minimize``) hold the optimizer's lock for the
whole step, so steps from several threads on one optimizer run one after the other: no update
and no ``iterations`` count is lost, and slots stay consistent. An update made to a variable
outside the optimizer (``v.assign_add``) at the same time is not ordered with the step.

As in Keras 3, an optimizer is built on the variables of its first ``apply`` (or an explicit
``build``) and afterwards only accepts those variables; slot variables are named after the
variable's path (``dense_kernel_momentum``) and created in Keras's order.

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

from ... import train_hooks as _train_hooks
from ..._locks import getstate as _getstate
from ..._locks import locked as _locked
from ...errors import InvalidArgumentError
from ...indexed_slices import IndexedSlices
from ...tensor import Tensor, Variable
from ..variables import Variable as KerasVariable
from . import schedules as _schedules

_LR_ERROR = (
    "Argument `learning_rate` should be float, or an instance of LearningRateSchedule, or a callable (that takes in "
    "the current iteration value and returns the corresponding learning rate value). Received instead: "
    "learning_rate={}"
)


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


def _value(x: Any) -> Any:
    """The NumPy value of a Variable, Tensor or number."""
    if isinstance(x, Variable):
        return x._t._value
    if isinstance(x, Tensor):
        return x._value
    return np.asarray(x)


def _auto_name(cls_name: str) -> str:
    from .._naming import to_snake_case, unique_name

    return unique_name(to_snake_case(cls_name))


class Optimizer:
    """Base class of the Keras optimizers.

    Subclasses create their slot variables in ``build(var_list)`` (with
    ``add_variable_from_reference`` / ``add_optimizer_variables``) and implement
    ``update_step(gradient, variable, learning_rate)``; ``apply_gradients`` / ``apply`` build the
    optimizer on first use, reject variables it was not built with, skip None gradients, and
    handle ``loss_scale_factor``, gradient accumulation, clipping (``clipnorm``, ``clipvalue``,
    ``global_clipnorm``), ``weight_decay``, EMA, constraints and the ``iterations`` counter.

    A subclass of a built-in optimizer may override ``update_step`` and call
    ``super().update_step(gradient, variable, learning_rate)``.

    Example:
        >>> import tapeflow as tf
        >>> class PlainSGD(Optimizer):
        ...     def update_step(self, gradient, variable, learning_rate):
        ...         variable.assign_sub(gradient * learning_rate)
        >>> v = tf.Variable(1.0)
        >>> PlainSGD(learning_rate=0.1).apply([tf.constant(2.0)], [v])
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
        if "lr" in kwargs:  # TF 2.x's name (Keras 3 rejects it): accepted with a warning
            warnings.warn("The `lr` argument is deprecated, use `learning_rate` instead.", stacklevel=2)
            learning_rate = kwargs.pop("lr")
            if isinstance(learning_rate, (int, np.floating)) and not isinstance(learning_rate, bool):
                learning_rate = float(learning_rate)
        if kwargs.pop("decay", None) is not None:
            warnings.warn("Argument `decay` is no longer supported and will be ignored.", stacklevel=2)
        if kwargs:
            raise ValueError(f"Argument(s) not recognized: {kwargs}")
        if gradient_accumulation_steps:
            if not gradient_accumulation_steps >= 2:
                raise ValueError(
                    "`gradient_accumulation_steps` must be an integer >= 2. Received: "
                    f"gradient_accumulation_steps={gradient_accumulation_steps}"
                )
        if use_ema:
            if ema_momentum > 1 or ema_momentum < 0:
                raise ValueError(f"`ema_momentum` must be in the range [0, 1]. Received: ema_momentum={ema_momentum}")
            if ema_overwrite_frequency and (not isinstance(ema_overwrite_frequency, int)
                                            or ema_overwrite_frequency < 1):
                raise ValueError(
                    "`ema_overwrite_frequency` must be an integer >= 1 or None. Received: "
                    f"ema_overwrite_frequency={ema_overwrite_frequency}"
                )
        if sum(a is not None for a in (clipnorm, clipvalue, global_clipnorm)) > 1:
            raise ValueError(
                "Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: "
                f"clipnorm={clipnorm}, clipvalue={clipvalue}, global_clipnorm={global_clipnorm}"
            )
        self.name = name if name is not None else _auto_name(type(self).__name__)
        self.weight_decay = weight_decay
        self.clipnorm = clipnorm
        self.global_clipnorm = global_clipnorm
        self.clipvalue = clipvalue
        self.use_ema = use_ema
        self.loss_scale_factor = loss_scale_factor
        self.gradient_accumulation_steps = gradient_accumulation_steps
        self.ema_momentum = ema_momentum
        self.ema_overwrite_frequency = ema_overwrite_frequency
        self.built = False
        self._variables: list[Variable] = []
        self._trainable_variables: list[Variable] = []
        self._index: dict[int, int] = {}
        self._slots: dict[int, list] = {}  # variable id -> slot Variables (built-in optimizers)
        self._model_variables_moving_average: list = []  # EMA, one per built variable
        self._accumulated_gradients: list = []  # gradient accumulation, one per built variable
        self._wd_exclude_ids: set[int] = set()
        self._wd_exclude_pattern: Any = None
        self._iterations = KerasVariable(np.asarray(0, np.int64), trainable=False, name="iteration",
                                         path=f"{self.name}/iteration")
        self._variables.append(self._iterations)
        self._learning_rate: Any = None
        if isinstance(learning_rate, _schedules.LearningRateSchedule) or callable(learning_rate):
            self._learning_rate = learning_rate
        else:
            if not isinstance(learning_rate, float):
                raise ValueError(_LR_ERROR.format(learning_rate))
            self._learning_rate = KerasVariable(np.asarray(learning_rate, np.float32), trainable=False,
                                                name="learning_rate", path=f"{self.name}/learning_rate")
            self._variables.append(self._learning_rate)

    @property
    def _custom_update(self) -> bool:
        """True when a subclass defines its own ``update_step`` (then it is called for every variable)."""
        return type(self).update_step is not Optimizer.update_step or self._array_update_step is None

    # -- learning rate ---------------------------------------------------------------------------
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
        prev = self._learning_rate if isinstance(self._learning_rate, Variable) else None
        if isinstance(value, _schedules.LearningRateSchedule) or callable(value) and not isinstance(
                value, (Tensor, Variable)):
            self._learning_rate = value
        else:
            if isinstance(self._learning_rate, _schedules.LearningRateSchedule):
                raise TypeError(
                    "This optimizer was created with a `LearningRateSchedule` object as its `learning_rate` "
                    "constructor argument, hence its learning rate is not settable. If you need the learning "
                    "rate to be settable, you should instantiate the optimizer with a float `learning_rate` "
                    "argument."
                )
            arr = np.asarray(_value(value))
            if arr.size != 1 or arr.dtype.kind not in "iuf":
                raise ValueError(f"{type(self).__name__}: the learning rate must be a scalar number, got {value!r}")
            new = np.asarray(float(arr.reshape(())), np.float32)
            if prev is not None:
                prev._set_array(new)
                return
            self._learning_rate = KerasVariable(new, trainable=False, name="learning_rate",
                                                path=f"{self.name}/learning_rate")
            self._variables.insert(1, self._learning_rate)
            return
        if prev is not None:
            self._variables = [v for v in self._variables if v is not prev]

    lr = learning_rate  # TF 2.x's older alias (not in Keras 3)

    def _current_lr(self) -> float:
        """The learning rate as a Python float (evaluated once per apply)."""
        lr = self._learning_rate
        if isinstance(lr, Variable):
            return float(lr._t._value)
        value = lr(self._iterations) if isinstance(lr, _schedules.LearningRateSchedule) else lr()
        return float(np.asarray(_value(value)))

    @property
    def iterations(self) -> Any:
        """How many optimizer steps ran: an int64 Variable (with gradient accumulation, Keras's
        ``iterations // gradient_accumulation_steps`` as a Tensor)."""
        if self.gradient_accumulation_steps:
            return Tensor(np.int64(int(self._iterations._t._value) // int(self.gradient_accumulation_steps)))
        return self._iterations

    def _step_count(self) -> int:
        """``int(self.iterations)`` without building a Tensor."""
        n = int(self._iterations._t._value)
        return n // int(self.gradient_accumulation_steps) if self.gradient_accumulation_steps else n

    @property
    def variables(self) -> list:
        """The optimizer's own variables: iterations, the learning rate (when a float) and the slots."""
        return list(self._variables)

    # -- variables ----------------------------------------------------------------------------
    def add_variable(self, shape: Any, initializer: Any = "zeros", dtype: Any = None, aggregation: str = "none",
                     layout: Any = None, name: str | None = None) -> Variable:
        """Create an optimizer variable (a non-trainable Variable) filled by ``initializer``.

        Example:
            >>> opt = Optimizer(learning_rate=0.1, name="o")
            >>> opt.add_variable((2,), initializer="ones", name="acc").path
            'o/acc'
        """
        from ... import dtypes as _dt
        from .. import initializers as _inits

        npdt = np.dtype(np.float32) if dtype is None else _dt.np_dtype(dtype)
        shape = tuple(int(s) for s in shape)
        if isinstance(initializer, str):
            if initializer == "zeros":
                arr = np.zeros(shape, npdt)
            elif initializer == "ones":
                arr = np.ones(shape, npdt)
            else:
                arr = np.asarray(_value(_inits.get(initializer)(shape, dtype=npdt)), npdt)
        elif callable(initializer):
            arr = np.asarray(_value(initializer(shape, dtype=npdt)), npdt)
        else:
            arr = np.broadcast_to(np.asarray(_value(initializer), npdt), shape).copy()
        name = name or "variable"
        var = KerasVariable(arr, trainable=False, name=name, path=f"{self.name}/{name}")
        self._variables.append(var)
        if _train_hooks.PENDING:  # a checkpoint restore waits for this optimizer's variables
            _train_hooks.created(self)
        return var

    def add_variable_from_reference(self, reference_variable: Variable, name: str | None = None,
                                    initializer: Any = "zeros") -> Variable:
        """Create a slot variable shaped and typed like ``reference_variable``, named
        ``{path with '/' as '_'}_{name}`` (Keras 3: ``dense_kernel_momentum``).

        Example:
            >>> from tapeflow import keras
            >>> opt = Optimizer(learning_rate=0.1)
            >>> opt.add_variable_from_reference(keras.Variable([1.0], name="w"), "momentum").name
            'w_momentum'
        """
        name = name or "var"
        path = getattr(reference_variable, "_path", None)
        if path:
            name = f"{path.replace('/', '_')}_{name}"
        else:
            name = f"{str(reference_variable.name).replace('/', '_').replace(':', '_')}_{name}"
        ref = reference_variable._t._value
        return self.add_variable(ref.shape, initializer=initializer, dtype=ref.dtype, name=name)

    def add_optimizer_variables(self, trainable_variables: list, name: Any, initializer: Any = "zeros") -> Any:
        """One slot variable per trainable variable for each of ``name`` (a string or a list of
        strings: then a tuple of lists, created interleaved per variable, as Keras).

        Example:
            >>> import tapeflow as tf
            >>> opt = Optimizer(learning_rate=0.1)
            >>> m, v = opt.add_optimizer_variables([tf.Variable([1.0], name="w")], ["m", "v"])
            >>> m[0].name, v[0].name
            ('w_0_m', 'w_0_v')
        """
        names = [name] if isinstance(name, str) else list(name)
        if isinstance(name, str):
            inits = [initializer]
        elif isinstance(initializer, (list, tuple)):
            inits = list(initializer)
        else:
            inits = [initializer] * len(names)
        if len(names) != len(inits):
            raise ValueError(f"The number of provided names must match the number of provided initializers.  "
                             f"Received name='{name}', initializer='{initializer}'")
        out: tuple = tuple([] for _ in names)
        for v in trainable_variables:
            for i, (n, init) in enumerate(zip(names, inits)):
                out[i].append(self.add_variable_from_reference(v, name=n, initializer=init))
        return out[0] if isinstance(name, str) else out

    def _check_trainable(self, var_list: list) -> None:
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

    def build(self, variables: list) -> None:
        """Register the variables this optimizer updates (subclasses add their slots after this).

        Example:
            >>> import tapeflow as tf
            >>> opt = Optimizer(learning_rate=0.1)
            >>> opt.build([tf.Variable(1.0)]); opt.built
            True
        """
        variables = list(variables)
        self._check_trainable(variables)
        if self.use_ema:
            self._model_variables_moving_average = self.add_optimizer_variables(variables, "average")
        if self.gradient_accumulation_steps:
            self._accumulated_gradients = []
        self._index = {}
        for i, v in enumerate(variables):
            self._index[v._id] = i
            if self.gradient_accumulation_steps:
                self._accumulated_gradients.append(self.add_variable_from_reference(v, name="gradient_accumulator"))
        self._trainable_variables = variables[:]
        self.built = True

    def _register_slots(self, variables: list, *slot_lists: Any) -> None:
        """Built-ins: remember each variable's slots (one entry per list, None for an unused slot)."""
        for i, v in enumerate(variables):
            self._slots[v._id] = [lst[i] if lst else None for lst in slot_lists]

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

    def _check_variables_are_known(self, variables: list) -> None:
        index = self._index
        for v in variables:
            if getattr(v, "_id", None) not in index:
                raise ValueError(
                    f"Unknown variable: {v}. This optimizer can only be called for the variables it was "
                    "originally built with. When working with a new set of variables, you should recreate a new "
                    "optimizer instance."
                )

    # -- the update ----------------------------------------------------------------------------
    def update_step(self, gradient: Any, variable: Variable, learning_rate: Any) -> None:
        """Update one variable from its gradient (subclasses implement this; the built-ins' rule
        runs here, so a subclass may call ``super().update_step(...)``)."""
        step = type(self)._array_update_step
        if step is None:
            raise NotImplementedError(f"{type(self).__name__} must implement `update_step(gradient, variable, "
                                      "learning_rate)`")
        slots = self._slots.get(getattr(variable, "_id", None))
        if slots is None:
            self._check_variables_are_known([variable])
        va = variable._t._value
        g = self._checked_grad(_grad_value(gradient), variable, va)
        lr = float(np.asarray(_value(learning_rate)))
        step(self, g, variable, va, slots, self._coefficients(lr))

    def _coefficients(self, lr: float) -> Any:
        """Per-apply constants for `_array_update_step` (built-ins override)."""
        return lr

    def _before_update(self) -> None:
        """Per-apply state updated before the variables' steps (Nadam's momentum product)."""

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

    __getstate__ = _getstate  # copies leave the update lock out

    @_locked
    def apply_gradients(self, grads_and_vars: Iterable, name: str | None = None, **kwargs: Any) -> Variable:
        """Apply ``(gradient, variable)`` pairs; returns the ``iterations`` variable.

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
        if self.built and self._plain() and not self._custom_update:
            if self._apply_fast(pairs):
                return self._iterations
        try:
            grads, variables = zip(*pairs)
        except (TypeError, ValueError):
            bad = next((p for p in pairs if not (isinstance(p, (tuple, list)) and len(p) == 2)), pairs)
            raise TypeError(f"apply_gradients: expected (gradient, variable) pairs, got {bad!r}") from None
        self.apply(list(grads), list(variables))
        return self._iterations

    def _plain(self) -> bool:
        """True when no clipping, weight decay, EMA, accumulation or loss scaling is configured."""
        return (self.weight_decay is None and not self.clipnorm and not self.clipvalue
                and not self.global_clipnorm and not self.use_ema and not self.gradient_accumulation_steps
                and self.loss_scale_factor is None)

    @_locked
    def apply(self, grads: Any, trainable_variables: Any = None) -> None:
        """Apply ``grads`` to ``trainable_variables`` (the built variables when None). The first call
        builds the optimizer; later calls accept only the variables it was built with.

        Example:
            >>> import tapeflow as tf
            >>> from tapeflow import keras
            >>> v = tf.Variable([1.0, 1.0])
            >>> keras.optimizers.SGD(0.5).apply([tf.constant([2.0, 0.0])], [v])
            >>> v.numpy().tolist()
            [0.0, 1.0]
        """
        grads = list(grads)
        if len(grads) == 0:
            return None
        if trainable_variables is None:
            if not self.built:
                raise ValueError("When passing `grads` without `variables`, the optimizer must already be built "
                                 "on a list of variables. Call `optimizer.build(trainable_variables)` first. ")
            if len(grads) != len(self._index):
                raise ValueError(
                    "When passing `grads` as a list of gradient tensors, the gradients must match "
                    f"`optimizer.variables` one-to-on. Received a list of {len(grads)} gradients, but the "
                    f"optimizer is tracking {len(self._trainable_variables)} trainable variables.")
            variables = list(self._trainable_variables)
        else:
            variables = list(trainable_variables)
            if len(grads) != len(variables):
                raise ValueError(f"{type(self).__name__}: got {len(grads)} gradients for {len(variables)} "
                                 "variables")
            if not self.built:
                self.build(variables)
                self.built = True
            self._check_variables_are_known(variables)
        if self._plain() and not self._custom_update and self._apply_fast(zip(grads, variables)):
            return None
        if any(g is None for g in grads):
            grads, variables = self._filter_none(grads, variables)
        self._apply_general(grads, variables)
        it = self._iterations
        it._set_array(np.int64(int(it._t._value) + 1))
        return None

    def _apply_fast(self, pairs: Iterable) -> bool:
        """The hot path of a plain built-in optimizer: every gradient present and every variable
        known. Everything is validated first (no partial update on error), then the arrays are
        updated. Returns False (nothing done) when the general path is needed."""
        slots = self._slots
        work = []
        for p in pairs:
            try:
                g, v = p
                st = slots.get(v._id)
            except (TypeError, ValueError, AttributeError):
                return False  # not a (gradient, variable) pair: the general path explains
            if st is None or g is None:
                return False
            g = g._value if type(g) is Tensor else _grad_value(g)
            va = v._t._value
            if g.shape != va.shape or (g.dtype is not va.dtype and g.dtype != va.dtype):
                g = self._checked_grad(g, v, va)
            work.append((g, v, va, st))
        self._before_update()
        self._update_arrays(work, self._coefficients(self._current_lr()))
        it = self._iterations
        n = it._t._value
        it._set_array(n + 1 if type(n) is np.int64 else np.int64(int(n) + 1))
        return True

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
        names = [v.path if isinstance(v, KerasVariable) else v.name for v in missing]
        warnings.warn(
            f"Gradients do not exist for variables {names} when minimizing the loss. "
            "If using `model.compile()`, did you forget to provide a `loss` argument?",
            stacklevel=4,
        )
        return [g for g, _ in kept], [v for _, v in kept]

    def _backend_update_step(self, grads: list, variables: list, learning_rate: Any) -> None:
        """Run ``update_step`` for each (gradient, variable)."""
        for g, v in zip(grads, variables):
            self.update_step(g, v, learning_rate)

    def _apply_general(self, grads: list, variables: list) -> None:
        """Scaling, accumulation, clipping, weight decay, the update, EMA and constraints."""
        arrays = [self._checked_grad(_grad_value(g), v, v._t._value) for g, v in zip(grads, variables)]
        if self.loss_scale_factor is not None:
            arrays = [g / np.asarray(self.loss_scale_factor, g.dtype) for g in arrays]
        raw = int(self._iterations._t._value)
        update = True
        if self.gradient_accumulation_steps:
            n = int(self.gradient_accumulation_steps)
            update = (raw + 1) % n == 0
            accs = [self._accumulated_gradients[self._index[v._id]] for v in variables]
            if update:
                arrays = [(g + a._t._value) / np.asarray(n, g.dtype) for g, a in zip(arrays, accs)]
                for a in self._accumulated_gradients:
                    a._set_array(np.zeros_like(a._t._value))
            else:
                for g, a in zip(arrays, accs):
                    a._set_array(a._t._value + g)
        if update:
            arrays = self._clip(arrays)
            lr = self._current_lr()
            self._apply_weight_decay(variables, lr)
            self._before_update()
            if not self._custom_update:
                c = self._coefficients(lr)
                for g, v in zip(arrays, variables):
                    self._array_update_step(g, v, v._t._value, self._slots[v._id], c)
            else:
                lr_value = self.learning_rate
                if isinstance(self._learning_rate, Variable):
                    lr_value = self._learning_rate
                self._backend_update_step([Tensor(g) for g in arrays], variables, lr_value)
        if self.use_ema:
            self._update_averages()
            if self.ema_overwrite_frequency and (self._step_count() + 1) % self.ema_overwrite_frequency == 0:
                self._overwrite_with_averages(self._trainable_variables)
        for v in variables:
            if v.constraint is not None:
                v.assign(v.constraint(v))

    def _clip(self, arrays: list) -> list:
        if self.clipnorm and self.clipnorm > 0:
            out = []
            for g in arrays:
                n = math.sqrt(float(np.sum(np.square(g, dtype=np.float64))))
                c = float(self.clipnorm)
                out.append(g * np.asarray(c, g.dtype) / np.asarray(max(n, c), g.dtype) if n > c else g)
            return out
        if self.global_clipnorm and self.global_clipnorm > 0:
            c = float(self.global_clipnorm)
            n = math.sqrt(sum(float(np.sum(np.square(g, dtype=np.float64))) for g in arrays))
            if not math.isfinite(n):
                return [np.full_like(g, np.nan) for g in arrays]
            return [g * np.asarray(c / n, g.dtype) for g in arrays] if n > c else arrays
        if self.clipvalue and self.clipvalue > 0:
            c = float(self.clipvalue)
            return [np.clip(g, -c, c) for g in arrays]
        return arrays

    # -- weight decay and EMA ------------------------------------------------------------------
    def exclude_from_weight_decay(self, var_list: list | None = None, var_names: list | None = None) -> None:
        """Exclude variables (or variables whose name matches one of ``var_names``) from weight decay.

        Example:
            >>> opt = Optimizer(learning_rate=0.1, weight_decay=0.1)
            >>> opt.exclude_from_weight_decay(var_names=["bias"])
        """
        self._wd_exclude_ids = {v._id for v in (var_list or [])}
        self._wd_exclude_pattern = re.compile("|".join(set(var_names))) if var_names else None

    def _use_weight_decay(self, variable: Variable) -> bool:
        if variable._id in self._wd_exclude_ids:
            return False
        pat = self._wd_exclude_pattern
        return pat is None or re.search(pat, variable.name) is None

    def _apply_weight_decay(self, variables: list, lr: float) -> None:
        if self.weight_decay is None:
            return
        wd = float(self.weight_decay)
        for v in variables:
            if self._use_weight_decay(v):
                va = v._t._value
                v._set_array(va - va * np.asarray(wd, va.dtype) * np.asarray(lr, va.dtype))

    def _update_averages(self) -> None:
        momentum = float(self.ema_momentum) if self._step_count() != 0 else 0.0
        for v, avg in zip(self._trainable_variables, self._model_variables_moving_average):
            a = avg._t._value
            m = np.asarray(momentum, a.dtype)
            avg._set_array(m * a + (np.asarray(1, a.dtype) - m) * v._t._value)

    def _overwrite_with_averages(self, variables: list) -> None:
        if len(variables) != len(self._model_variables_moving_average):
            raise ValueError(
                f"The length of model variables ({len(variables)}) to override does not match the length of model "
                f"variables stored in the optimizer ({len(self._model_variables_moving_average)}). Please check if the optimizer was "
                "called on your model."
            )
        for v, avg in zip(variables, self._model_variables_moving_average):
            v.assign(np.array(avg._t._value, copy=True))

    def finalize_variable_values(self, var_list: list) -> None:
        """With ``use_ema``, set the variables to their moving averages (end of training)."""
        if self.use_ema:
            self._overwrite_with_averages(list(var_list))

    # -- conveniences --------------------------------------------------------------------------
    def scale_loss(self, loss: Any) -> Any:
        """``loss * loss_scale_factor`` (the loss unchanged when no factor is set).

        Example:
            >>> float(Optimizer(learning_rate=0.1, loss_scale_factor=4.0).scale_loss(2.0))
            8.0
        """
        if self.loss_scale_factor is not None:
            return loss * self.loss_scale_factor
        return loss

    def set_weights(self, weights: list) -> None:
        """Set the values of ``variables`` (in order) from arrays."""
        if not self.built:
            raise ValueError(
                "You are calling `set_weights()` on an optimizer that has not yet been built. Please call "
                "`optimizer.build(trainable_variables)` to create the optimizer weights before calling "
                "`set_weights()`."
            )
        for variable, weight in zip(self._variables, weights):
            w = np.asarray(_value(weight))
            if tuple(variable.shape) != w.shape:
                raise ValueError(f"Optimizer variable {variable._id} has shape {tuple(variable.shape)} not "
                                 f"compatible with provided weight shape {w.shape}.")
            variable.assign(w.astype(variable._t._value.dtype))

    def save_own_variables(self, store: dict) -> None:
        """Write the variables' values into ``store`` under "0", "1", ..."""
        for i, variable in enumerate(self.variables):
            store[str(i)] = variable.numpy()

    def load_own_variables(self, store: dict) -> None:
        """Read the variables' values back from ``save_own_variables``'s ``store``."""
        if len(store.keys()) != len(self.variables):
            msg = (f"Skipping variable loading for optimizer '{self.name}', because it has {len(self.variables)} "
                   f"variables whereas the saved optimizer has {len(store.keys())} variables. ")
            if len(self.variables) == 0:
                msg += "This is likely because the optimizer has not been called/built yet."
            warnings.warn(msg, stacklevel=2)
            return
        for i, variable in enumerate(self.variables):
            variable.assign(np.asarray(store[str(i)]).astype(variable._t._value.dtype))

    def stateless_apply(self, optimizer_variables: Any, grads: Any, trainable_variables: Any) -> Any:
        """Not available with the TensorFlow backend (Keras raises the same error)."""
        raise ValueError("stateless_apply is not supported with the TensorFlow backend (as it is incompatible "
                         "with tf.distribute).")

    def minimize(self, loss: Any, var_list: Any, tape: Any = None) -> Variable:
        """Compute gradients of ``loss`` (a callable, or a tensor recorded by ``tape``) and apply them
        (TF 2.x's method; Keras 3 optimizers do not have it).

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
        return self.apply_gradients(zip(grads, var_list))

    def get_config(self) -> dict:
        """The constructor arguments (the learning rate as a float or a serialized schedule)."""
        lr = self._learning_rate
        if isinstance(lr, _schedules.LearningRateSchedule):
            lr_cfg: Any = _schedules.serialize(lr)
        elif isinstance(lr, Variable):
            lr_cfg = float(lr._t._value)
        else:
            from ..utils.serialization import serialize_keras_object

            try:
                lr_cfg = serialize_keras_object(lr)
            except (TypeError, ValueError):
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
            from ..utils.serialization import deserialize_keras_object

            config["learning_rate"] = deserialize_keras_object(config["learning_rate"], custom_objects=custom_objects)
        return cls(**config)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} name={self.name!r} iterations={int(self._iterations._t._value)}>"


__all__ = ["Optimizer"]
