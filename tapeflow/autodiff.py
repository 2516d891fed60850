"""``tf.autodiff``: forward-mode differentiation with ``ForwardAccumulator``.

While active, an accumulator sits in the recording stack beside the tapes and, for every op
touching a tensor it tracks, computes the output tangent (a Jacobian-vector product). A rule may
give it directly (``Primitive.jvp``: ``jvp(tangents, out, ins, params) -> tangent`` with one
tangent or None per input); otherwise it is derived from the rule's VJP by the "double VJP" trick:
the VJP is linear in its cotangent ``u``, so ``J t = d/du <vjp(u), t>``, computed with a small
private tape. Tangent computations are recorded by the tapes and accumulators entered *before*
this one (so a tape around an accumulator can differentiate a JVP), and ops run by a tape's
backward pass inside an accumulator are seen by it (so forward-over-reverse gives
Hessian-vector products).

Example:
    >>> import tapeflow as tf
    >>> x = tf.constant([1.0, 2.0])
    >>> with tf.autodiff.ForwardAccumulator(x, tf.constant([1.0, 0.0])) as acc:
    ...     y = x * x
    >>> acc.jvp(y).numpy().tolist()
    [2.0, 0.0]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import nest
from . import recorders as _rec
from .tensor import Tensor, Variable, convert_to_tensor


def _primal_id(p: Any) -> int:
    if isinstance(p, (Tensor, Variable)):
        return p._id
    raise TypeError(
        f"ForwardAccumulator: primals must be tf.Tensor or tf.Variable, got {type(p).__name__}"
    )


class ForwardAccumulator:
    """Compute Jacobian-vector products with forward-mode autodiff (as ``tf.autodiff.ForwardAccumulator``).

    ``primals`` (tensors or variables, nested) are watched with ``tangents`` (same structure,
    same shapes); ``jvp(y)`` returns the directional derivative of ``y`` along the tangents.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.constant(3.0)
        >>> with tf.autodiff.ForwardAccumulator(x, tf.constant(1.0)) as acc:
        ...     y = x * x * x
        >>> float(acc.jvp(y))
        27.0
    """

    _watch_accessed = False  # variables are tracked only when given as primals

    def __init__(self, primals: Any, tangents: Any) -> None:
        flat_p = nest.flatten(primals)
        flat_t = nest.flatten(tangents)
        try:
            nest.assert_same_structure(primals, tangents)
        except ValueError as e:
            raise ValueError(f"ForwardAccumulator: primals and tangents must have the same structure: {e}") from None
        self._tangents: dict = {}
        self._exports: set = set()
        self._busy = False
        for p, t in zip(flat_p, flat_t):
            pid = _primal_id(p)
            pv = p._t._value if isinstance(p, Variable) else p._value
            if pv.dtype.kind not in "fc":
                raise ValueError(
                    f"ForwardAccumulator: primal of dtype {np.dtype(pv.dtype).name} and shape {tuple(pv.shape)} "
                    "is not floating-point; only float tensors have tangents"
                )
            tt = t._read() if isinstance(t, Variable) else t
            if not isinstance(tt, Tensor):
                tt = convert_to_tensor(np.asarray(tt, pv.dtype))
            if tt._value.shape != pv.shape:
                raise ValueError(
                    f"ForwardAccumulator: tangent shape {tuple(tt._value.shape)} does not match primal shape "
                    f"{tuple(pv.shape)} ({np.dtype(pv.dtype).name})"
                )
            if tt._value.dtype != pv.dtype:
                raise ValueError(
                    f"ForwardAccumulator: tangent dtype {tt.dtype.name} does not match primal dtype "
                    f"{np.dtype(pv.dtype).name} (shape {tuple(pv.shape)})"
                )
            self._tangents[pid] = tt

    # the recorder protocol (recorders.Recorder): the stack reads these like a tape's
    @property
    def _watched(self) -> dict:
        return self._tangents

    def _watch_variable(self, v: Variable) -> None:  # never called: _watch_accessed is False
        pass

    def __enter__(self) -> ForwardAccumulator:
        if _rec.is_recording(self):
            raise ValueError("ForwardAccumulator: this accumulator is already active")
        _rec.push(self)
        return self

    def __exit__(self, *exc: Any) -> None:
        _rec.pop(self)

    # -- called for every op while active --------------------------------------------------------
    def _on_op(self, prim: Any, ins: tuple, out: Any, p: dict | None) -> None:
        if self._busy:
            return
        tg = self._tangents
        for t in ins:
            if t._id in tg:
                break
        else:
            return
        if prim.vjp is None:
            return  # integer/bool outputs and stop_gradient carry no tangent
        tin = tuple(tg.get(t._id) if t._value.dtype.kind in "fc" else None for t in ins)
        if all(t is None for t in tin):
            return
        single = type(out) is Tensor
        outs = (out,) if single else tuple(out)
        prefix = _rec.outer(self)
        self._busy = True
        try:
            with _rec.only(prefix):  # tangents are recorded by the recorders entered before this one
                if prim.jvp is not None:
                    res = prim.jvp(tin, out, ins, p or {})
                    touts = (res,) if single else tuple(res)
                else:
                    touts = self._double_vjp(prim, ins, out, outs, p, tin, prefix, single)
        finally:
            self._busy = False
        for o, to in zip(outs, touts):
            if to is not None and o._value.dtype.kind in "fc":
                tg[o._id] = to

    def _double_vjp(self, prim: Any, ins: tuple, out: Any, outs: tuple, p: Any, tin: tuple,
                    prefix: list, single: bool) -> tuple:
        """Output tangents J·t as d/du <vjp(u), t>, with a private tape watching u."""
        from .primitives.core import add, multiply, reduce_sum_raw
        from .tape import GradientTape, _float_view

        inner = GradientTape(persistent=True, watch_accessed_variables=False)
        us = []
        for o in outs:
            dt = o._value.dtype if o._value.dtype.kind in "fc" else np.dtype(np.float32)
            u = Tensor(np.zeros(o._value.shape, dt))
            inner._watched.add(u._id)
            us.append(u)
        need = tuple(t is not None for t in tin)
        for t in ins:  # as the reverse walk does: integer inputs are seen as float32
            if t._value.dtype.kind not in "fc":
                ins = tuple(_float_view(x) for x in ins)
                break
        with _rec.only([*prefix, inner]):
            gs = prim.vjp(us[0] if single else tuple(us), out, ins, p or {}, need)
            s = None
            for gi, ti in zip(gs, tin):
                if gi is None or ti is None:
                    continue
                term = reduce_sum_raw(multiply(gi, ti))
                s = term if s is None else add(s, term)
        if s is None:
            return (None,) * len(outs)
        grads = inner._walk([(s._id, Tensor(np.ones((), s._value.dtype)))], {u._id for u in us})
        return tuple(grads.get(u._id) for u in us)

    # -- public ------------------------------------------------------------------------------------
    def jvp(self, primals: Any, unconnected_gradients: Any = None) -> Any:
        """The tangent (Jacobian-vector product) of each tensor in ``primals``, same structure.

        Tensors that do not depend on the watched primals give None, or zeros with
        ``unconnected_gradients=tf.UnconnectedGradients.ZERO`` (or ``'zero'``).

        Example:
            >>> import tapeflow as tf
            >>> x = tf.constant(2.0)
            >>> with tf.autodiff.ForwardAccumulator(x, tf.constant(1.0)) as acc:
            ...     y = x * 5.0
            >>> float(acc.jvp(y))
            5.0
        """
        from .tape import UnconnectedGradients, _unconnected

        uc = _unconnected(UnconnectedGradients.NONE if unconnected_gradients is None else unconnected_gradients)
        out = []
        for t in nest.flatten(primals):
            if t is None:
                raise TypeError("ForwardAccumulator.jvp: got None instead of a tensor")
            tid = _primal_id(t)
            tan = self._tangents.get(tid)
            if tan is None and uc is UnconnectedGradients.ZERO:
                v = t._t._value if isinstance(t, Variable) else t._value
                dt = v.dtype if v.dtype.kind in "fc" else np.dtype(np.float32)
                tan = Tensor(np.zeros(v.shape, dt))
            out.append(tan)
        return nest.pack_sequence_as(primals, out)


from .tape import GradientTape  # noqa: E402  (tf.autodiff.GradientTape is tf.GradientTape)

__all__ = ["ForwardAccumulator", "GradientTape"]

