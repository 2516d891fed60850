"""``tf.custom_gradient``, ``tf.recompute_grad`` and ``tf.grad_pass_through``.

A decorated call records ONE operation on the recording tapes: a primitive made for that call
(named ``custom_<function name>``) whose inputs are the call's tensor arguments plus any
trainable variables the function read, whose outputs are the function's results, and whose VJP
calls the user's ``grad_fn``. ``grad_fn`` runs on tapeflow ops while outer tapes record, so
nested tapes differentiate it (higher-order derivatives).

Example:
    >>> import tapeflow as tf
    >>> @tf.custom_gradient
    ... def clip_grad(x):
    ...     def grad(dy):
    ...         return dy * 0.5
    ...     return x * 3.0, grad
    >>> x = tf.constant(1.0)
    >>> with tf.GradientTape() as t:
    ...     t.watch(x)
    ...     y = clip_grad(x)
    >>> float(t.gradient(y, x))
    0.5
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

import numpy as np

from . import nest
from . import recorders as _rec
from .errors import InvalidArgumentError
from .primitives import Primitive
from .tensor import Tensor, Variable, convert_to_tensor


class _VariableWatcher:
    """A recorder (``recorders.Recorder``) that is on the stack while a decorated function runs
    and notes the trainable variables it reads; it keeps no ops."""

    _watch_accessed = True

    def __init__(self) -> None:
        self._watched: set = set()
        self._exports: set = set()
        self.variables: dict = {}

    def _watch_variable(self, v: Variable) -> None:
        self._watched.add(v._id)
        self.variables.setdefault(v._id, v)

    def _on_op(self, prim: Any, ins: tuple, out: Any, p: Any) -> None:
        pass


def _accepts_variables(fn: Callable) -> bool:
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return True
    for prm in sig.parameters.values():
        if prm.name == "variables" or prm.kind is inspect.Parameter.VAR_KEYWORD:
            return True
    return False


def _as_input(x: Any, fname: str) -> Tensor:
    if type(x) is Tensor:
        return x
    if isinstance(x, Variable):
        return x._read()
    try:
        return convert_to_tensor(x)
    except (TypeError, ValueError) as e:
        raise TypeError(f"custom_gradient '{fname}': cannot convert argument {x!r} to a tensor: {e}") from None


def _grad_for(g: Any, x: Tensor, fname: str, k: int) -> Tensor | None:
    """Check/convert a gradient returned by a user's grad_fn for input ``x``."""
    if g is None:
        return None
    dt = x._value.dtype
    if isinstance(g, Variable):
        g = g._read()
    if not isinstance(g, Tensor):
        want = dt if dt.kind in "fc" else np.dtype(np.float32)
        try:
            g = Tensor(np.asarray(g, want))
        except (TypeError, ValueError) as e:
            raise InvalidArgumentError(
                f"custom_gradient '{fname}': gradient {k} cannot be converted to a tensor: {e}", op=fname
            ) from None
    elif dt.kind in "fc" and g._value.dtype != dt:
        raise InvalidArgumentError(
            f"custom_gradient '{fname}': grad_fn returned a {g.dtype.name} gradient of shape "
            f"{tuple(g._value.shape)} for input {k}, a {x.dtype.name} tensor of shape {tuple(x._value.shape)}",
            op=fname,
        )
    return g


def _run_custom(f: Callable, args: tuple, kwargs: dict) -> Any:
    fname = getattr(f, "__name__", "f")
    watcher = _VariableWatcher()
    with _rec.recording(watcher):
        res = f(*args, **kwargs)
    if not (isinstance(res, (tuple, list)) and len(res) == 2 and callable(res[1])):
        raise TypeError(
            f"custom_gradient '{fname}': the decorated function must return a pair (outputs, grad_fn), "
            f"got {type(res).__name__}"
        )
    result, grad_fn = res
    flat_args = nest.flatten(args)
    variables = [v for v in watcher.variables.values() if not any(v is a for a in flat_args)]
    wants_vars = _accepts_variables(grad_fn)
    if variables and not wants_vars:
        names = [v.name for v in variables]
        raise TypeError(
            "@tf.custom_gradient grad_fn must accept keyword argument 'variables', since function uses "
            f"variables: {names}"
        )
    n_args = len(flat_args)
    ins = tuple(_as_input(a, fname) for a in flat_args) + tuple(v._read() for v in variables)
    flat_res = nest.flatten(result)
    outs = []
    for r in flat_res:
        t = r._read() if isinstance(r, Variable) else r if isinstance(r, Tensor) else convert_to_tensor(r)
        outs.append(Tensor(t._value))  # a fresh identity of each output, linked by the custom op
    single = len(outs) == 1 and not nest.is_nested(result)

    def vjp(g: Any, out: Any, ins_: tuple, p: dict, need: tuple) -> tuple:
        gs = (g,) if single else tuple(g)
        if variables:
            r = grad_fn(*gs, variables=variables)
            if not (isinstance(r, (tuple, list)) and len(r) == 2):
                raise ValueError(
                    f"custom_gradient '{fname}': grad_fn uses variables, so it must return "
                    "(input_gradients, variable_gradients)"
                )
            in_g, var_g = r
            var_g = list(nest.flatten(var_g)) if var_g is not None else [None]
            if len(var_g) != len(variables):
                raise ValueError("Must return gradient for each variable from @custom_gradient grad_fn.")
        else:
            in_g, var_g = grad_fn(*gs), []
        flat_g = [None] if in_g is None else nest.flatten(in_g)
        if len(flat_g) != n_args:
            raise ValueError(
                f"custom_gradient function expected to return {n_args} gradients, but returned "
                f"{len(flat_g)} instead."
            )
        grads = list(flat_g) + list(var_g)
        return tuple(_grad_for(gi, x, fname, k) for k, (gi, x) in enumerate(zip(grads, ins_)))

    prim = Primitive(f"custom_{fname}", _no_forward, vjp, batchable=False, n_out=1 if single else -1)
    out = outs[0] if single else tuple(outs)
    if ins and _rec.active():
        _rec.record(prim, ins, out, None)
    return out if single else nest.pack_sequence_as(result, outs)


def _no_forward(*args: Any, **kwargs: Any) -> Any:
    raise InvalidArgumentError("a custom_gradient operation cannot be re-run from its record", op="custom_gradient")


class _Decorated:
    """The callable returned by ``custom_gradient``; binds like a function when used on methods."""

    def __init__(self, f: Callable, instance: Any = None) -> None:
        self._f = f
        self._instance = instance
        functools.update_wrapper(self, f)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        f = self._f if self._instance is None else functools.partial(self._f, self._instance)
        if self._instance is not None:
            functools.update_wrapper(f, self._f)
        return _run_custom(f, args, kwargs)

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        if instance is None:
            return self
        return _Decorated(self._f, instance)


def custom_gradient(f: Callable | None = None) -> Any:
    """Decorate ``f`` so its gradient is given by the ``grad_fn`` it returns (as ``tf.custom_gradient``).

    ``f(*args)`` returns ``(outputs, grad_fn)``; ``grad_fn(*output_gradients)`` returns one gradient
    per (flattened) tensor argument. When ``f`` reads trainable variables that are not arguments,
    ``grad_fn`` must accept ``variables=`` and return ``(input_grads, variable_grads)``.

    Example:
        >>> import tapeflow as tf
        >>> @tf.custom_gradient
        ... def square(x):
        ...     return x * x, lambda dy: dy * 2.0 * x
        >>> x = tf.constant(3.0)
        >>> with tf.GradientTape() as t:
        ...     t.watch(x)
        ...     y = square(x)
        >>> float(t.gradient(y, x))
        6.0
    """
    if f is None:
        return custom_gradient
    return _Decorated(f)


def _is_watcher(r: Any) -> bool:
    return type(r) is _VariableWatcher


def recompute_grad(f: Callable) -> Callable:
    """Run ``f`` without keeping its intermediates; recompute them in the backward pass.

    Saves memory for large blocks: the forward records a single op; its gradient re-runs ``f``
    under a tape. Variables ``f`` reads get gradients too.

    Example:
        >>> import tapeflow as tf
        >>> g = tf.recompute_grad(lambda x: x * x * x)
        >>> x = tf.constant(2.0)
        >>> with tf.GradientTape() as t:
        ...     t.watch(x)
        ...     y = g(x)
        >>> float(t.gradient(y, x))
        12.0
    """
    from .tape import GradientTape

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        args = tuple(nest.map_structure(lambda a: a if isinstance(a, Variable) else _as_input(a, "recompute_grad"), args))

        def inner(*xs: Any) -> Any:
            with _rec.no_recording(keep=_is_watcher):  # only variable reads are seen
                y = f(*xs, **kwargs)

            def grad(*dys: Any, variables: Any = None) -> Any:
                flat_xs = nest.flatten(xs)
                srcs = flat_xs + list(variables or [])
                with GradientTape() as tape:
                    tape.watch([x for x in flat_xs if isinstance(x, (Tensor, Variable))])
                    if variables:
                        tape.watch(list(variables))
                    y2 = f(*xs, **kwargs)
                grads = tape.gradient(nest.flatten(y2), srcs, output_gradients=list(dys))
                n = len(flat_xs)
                if variables:
                    return grads[:n], grads[n:]
                return grads[:n]

            return y, grad

        inner.__name__ = f"recompute_{getattr(f, '__name__', 'f')}"
        return _run_custom(inner, args, {})

    return wrapper


def grad_pass_through(f: Callable) -> Callable:
    """Forward ``f`` as is, but let gradients pass through as if it were the identity.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.Variable(1.0)
        >>> z = tf.Variable(3.0)
        >>> with tf.GradientTape() as t:
        ...     y = tf.grad_pass_through(x.assign)(z * z)
        >>> float(y), float(t.gradient(y, z))
        (9.0, 6.0)
    """

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        def inner(*xs: Any) -> Any:
            y = f(*xs, **kwargs)

            def grad(*dys: Any, variables: Any = None) -> Any:
                if variables:
                    return list(dys), [None] * len(variables)
                return list(dys)

            return y, grad

        inner.__name__ = f"pass_through_{getattr(f, '__name__', 'f')}"
        return _run_custom(inner, args, {})

    return wrapper


__all__ = ["custom_gradient", "recompute_grad", "grad_pass_through"]
