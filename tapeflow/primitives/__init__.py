"""THE rule table: every differentiable primitive, its forward on arrays and its VJP.

A primitive's forward works on NumPy values; its VJP is written with tapeflow ops on Tensors,
so when an outer tape records, the backward pass is itself recorded (higher-order derivatives
come free). VJPs take ``(g, out, ins, p, need)``: the output cotangent ``g`` (a tuple for
multi-output primitives), the output Tensor(s), the input Tensors, the params dict and a tuple
of bools saying which input gradients are wanted. They return one gradient (or None) per input.

A VJP is *batchable* when it also accepts ``g`` with extra leading axes (a batch of
cotangents, for jacobians): such rules take ``nb = g.ndim - out.ndim`` and keep those axes.
Broadcasting is undone in one place, the tape's backward walk, with ``sum_to``.

Example:
    >>> from tapeflow.primitives import RULES
    >>> "add" in RULES and "matmul" in RULES
    True
"""

from __future__ import annotations

import threading
from typing import Any, Callable, Sequence

from ..errors import InvalidArgumentError
from ..recorders import STATE, record
from ..tensor import Tensor

# NumPy's floating-point warnings ("divide by zero encountered in log", overflow in exp...) stay
# inside tapeflow: forwards run with every error ignored, as TF computes inf/nan silently. NumPy 2
# keeps that state in a context variable: setting a prepared value is one C call each way (~0.1 µs
# per op); NumPy 1 falls back to np.errstate.
try:
    from numpy._core._ufunc_config import _extobj_contextvar as _FP_VAR
    from numpy._core._ufunc_config import _make_extobj

    FP_QUIET = _make_extobj(all="ignore")
    fp_set = _FP_VAR.set  # fp_set(FP_QUIET) -> token; fp_reset(token)
    fp_reset = _FP_VAR.reset
except (ImportError, AttributeError, TypeError):  # NumPy 1.x
    import numpy as _np

    FP_QUIET = None

    def fp_set(_quiet: Any) -> Any:
        """Silence NumPy's floating-point warnings until ``fp_reset(token)``."""
        state = _np.errstate(all="ignore")
        state.__enter__()
        return state

    def fp_reset(state: Any) -> None:
        state.__exit__(None, None, None)


class Primitive:
    """One rule-table entry."""

    __slots__ = ("name", "forward", "vjp", "batchable", "n_out", "examples", "jvp", "elementwise")

    def __init__(
        self,
        name: str,
        forward: Callable,
        vjp: Callable | None,
        batchable: bool = True,
        n_out: int = 1,  # -1: a tuple of any length
        examples: Sequence = (),
        elementwise: bool = False,
    ) -> None:
        self.name = name
        self.forward = forward
        self.vjp = vjp
        self.batchable = batchable
        self.n_out = n_out
        self.examples = tuple(examples)
        self.jvp = None
        # the VJP is pointwise-linear in ``g`` (input gradient[i] = g[i] * d[i]) for every input
        # whose shape equals the output's: jacobian's walk then keeps a diagonal batch of
        # cotangents diagonal (see tape._Diag and tape._diag_try)
        self.elementwise = elementwise

    def __repr__(self) -> str:
        return f"<primitive {self.name}>"


RULES: dict[str, Primitive] = {}


def defprim(
    name: str,
    forward: Callable,
    vjp: Callable | None,
    *,
    batchable: bool = True,
    n_out: int = 1,
    examples: Sequence = (),
    elementwise: bool = False,
) -> Primitive:
    """Register a primitive. ``vjp=None`` marks it non-differentiable (it cuts the tape).

    ``examples`` are gradient-check specs, each ``(shapes, params)`` or
    ``(shapes, params, sampler)`` where ``sampler(rng, shape)`` draws valid inputs.
    ``elementwise=True`` marks a VJP that is pointwise-linear in ``g`` for same-shape inputs
    (``gx = g * d(x, ...)``, no reductions): jacobians then take a cheaper diagonal path.
    """
    if name in RULES:
        raise ValueError(f"primitive {name!r} is registered twice")
    prim = Primitive(name, forward, vjp, batchable, n_out, examples, elementwise)
    RULES[name] = prim
    return prim


def no_gradient(tf_op: str) -> Callable:
    """The VJP of an op TF registers no gradient for: a gradient asked through it raises TF's
    ``LookupError`` (``vjp=None`` is different: a cut, giving a ``None`` gradient as TF's
    ``NotDifferentiable`` ops do).

    Example:
        >>> vjp = no_gradient("AdjustContrastv2")
        >>> try:
        ...     vjp(None, None, (), {}, ())
        ... except LookupError as e:
        ...     print(e)
        gradient registry has no entry for: AdjustContrastv2
    """

    def vjp(g: Any, out: Any, ins: tuple, p: dict, need: tuple) -> tuple:
        raise LookupError(f"gradient registry has no entry for: {tf_op}")

    vjp.no_gradient = tf_op  # type: ignore[attr-defined]
    return vjp


def has_gradient(prim: Primitive) -> bool:
    """True when ``prim`` has a real VJP (not a cut, not TF's "no gradient registered")."""
    return prim.vjp is not None and not hasattr(prim.vjp, "no_gradient")


# Output hooks: callables (prim, ins, out) run after every primitive's forward while any is set
# (tf.debugging.enable_check_numerics, set_log_device_placement). Empty: one falsy check per op.
HOOKS: list = []


class _Backward(threading.local):
    """Which forward op's gradient rule is running (set by the tape's walk only while output hooks
    are on, so that ``enable_check_numerics`` can name it)."""

    rec: Any = None  # (forward primitive, its output Tensor or tuple)


BACKWARD = _Backward()


def add_output_hook(hook: Callable) -> None:
    """Run ``hook(prim, ins, out)`` after every primitive from now on (once, however often added)."""
    if hook not in HOOKS:
        HOOKS.append(hook)


def remove_output_hook(hook: Callable) -> None:
    """Stop running ``hook`` (no error if it was not set)."""
    if hook in HOOKS:
        HOOKS.remove(hook)


def _run_hooks(prim: Primitive, ins: tuple, out: Any) -> None:
    for hook in list(HOOKS):
        hook(prim, ins, out)


def forward_error(prim: Primitive, ins: tuple, p: dict | None, e: Exception) -> InvalidArgumentError:
    """Turn a NumPy failure inside a forward into an error naming the op, shapes and dtypes."""
    args = ", ".join(f"{t.dtype.name} {tuple(t._value.shape)}" for t in ins)
    extra = f" with {p}" if p else ""
    if any(t._value.dtype.kind == "O" for t in ins):  # a NumPy object op failing on bytes
        return InvalidArgumentError(f"{prim.name}: not defined for string tensors (inputs: {args})", op=prim.name)
    return InvalidArgumentError(f"{prim.name}: cannot compute on inputs ({args}){extra}: {e}", op=prim.name)


def bind(prim: Primitive, ins: tuple, p: dict | None = None) -> Any:
    """Run a primitive on Tensors: forward on arrays, wrap, record if a tape watches."""
    tok = fp_set(FP_QUIET)
    try:
        if p:
            res = prim.forward(*[t._value for t in ins], **p)
        else:
            res = prim.forward(*[t._value for t in ins])
    except InvalidArgumentError:
        raise  # already names the op, shapes and dtypes
    except (ValueError, TypeError, IndexError) as e:
        raise forward_error(prim, ins, p, e) from None
    finally:
        fp_reset(tok)
    out = Tensor(res) if prim.n_out == 1 else tuple([Tensor(r) for r in res])
    if HOOKS:
        _run_hooks(prim, ins, out)
    if STATE.recording:
        record(prim, ins, out, p)
    return out


def bind1(prim: Primitive, x: Tensor, p: dict | None = None) -> Tensor:
    """bind() for one input and one output (the hot path)."""
    tok = fp_set(FP_QUIET)
    try:
        out = Tensor(prim.forward(x._value, **p) if p else prim.forward(x._value))
    except InvalidArgumentError:
        raise  # already names the op, shapes and dtypes
    except (ValueError, TypeError, IndexError) as e:
        raise forward_error(prim, (x,), p, e) from None
    finally:
        fp_reset(tok)
    if HOOKS:
        _run_hooks(prim, (x,), out)
    if STATE.recording:
        for tape in STATE.recording:
            tape._on_op(prim, (x,), out, p)
    return out


def bind2(prim: Primitive, x: Tensor, y: Tensor, p: dict | None = None) -> Tensor:
    """bind() for two inputs and one output (the hot path)."""
    tok = fp_set(FP_QUIET)
    try:
        out = Tensor(prim.forward(x._value, y._value, **p) if p else prim.forward(x._value, y._value))
    except InvalidArgumentError:
        raise  # already names the op, shapes and dtypes
    except (ValueError, TypeError, IndexError) as e:
        raise forward_error(prim, (x, y), p, e) from None
    finally:
        fp_reset(tok)
    if HOOKS:
        _run_hooks(prim, (x, y), out)
    if STATE.recording:
        ins = (x, y)
        for tape in STATE.recording:
            tape._on_op(prim, ins, out, p)
    return out


def bind3(prim: Primitive, x: Tensor, y: Tensor, z: Tensor, p: dict | None = None) -> Tensor:
    """bind() for three inputs and one output (the fused Dense hot path)."""
    tok = fp_set(FP_QUIET)
    try:
        if p:
            out = Tensor(prim.forward(x._value, y._value, z._value, **p))
        else:
            out = Tensor(prim.forward(x._value, y._value, z._value))
    except InvalidArgumentError:
        raise  # already names the op, shapes and dtypes
    except (ValueError, TypeError, IndexError) as e:
        raise forward_error(prim, (x, y, z), p, e) from None
    finally:
        fp_reset(tok)
    if HOOKS:
        _run_hooks(prim, (x, y, z), out)
    if STATE.recording:
        ins = (x, y, z)
        for tape in STATE.recording:
            tape._on_op(prim, ins, out, p)
    return out


__all__ = ["Primitive", "RULES", "defprim", "no_gradient", "has_gradient", "HOOKS", "add_output_hook",
           "remove_output_hook", "bind", "bind1", "bind2", "bind3", "record"]
