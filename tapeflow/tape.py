"""GradientTape: recording, the reverse walk, jacobians and None-gradient explanations.

Example:
    >>> import tapeflow as tf
    >>> x = tf.constant(3.0)
    >>> with tf.GradientTape() as t:
    ...     t.watch(x)
    ...     y = x * x
    >>> float(t.gradient(y, x))
    6.0
"""

from __future__ import annotations

import contextlib
import enum
import threading
import weakref
from collections.abc import Iterator
from typing import Any

import numpy as np

from . import indexed_slices as _IS
from . import nest
from . import recorders as _rec
from .errors import InternalError, InvalidArgumentError
from .primitives import BACKWARD as _BWD
from .primitives import HOOKS as _HOOKS
from .primitives.array import GATHER, concat_raw, stack_raw
from .primitives.core import IDENTITY, MATMUL, RESHAPE, add_n2, reshape_to, sum_to_shape, transpose_raw, zeros_array
from .tensor import Tensor, Variable, _ids

_ISlices = _IS.IndexedSlices

_EMPTY: dict = {}


class UnconnectedGradients(enum.Enum):
    """What ``gradient`` returns for a source the target does not depend on."""

    NONE = "none"
    ZERO = "zero"


def _unconnected(value: Any) -> UnconnectedGradients:
    if isinstance(value, UnconnectedGradients):
        return value
    try:
        return UnconnectedGradients(value)
    except ValueError:
        raise ValueError(f"Unknown value for unconnected_gradients: {value!r}") from None


class _NotBatchable(Exception):
    """A rule on the path cannot take a batch of cotangents: fall back to a loop."""


# jacobian's one-pass walk keeps the identity seed compact (_Diag) while no tape records;
# tests switch it off to compare with the dense batched walk
_DIAG_JACOBIAN = True


# -- cotangent kinds ------------------------------------------------------------------------------
# The reverse walk keeps one cotangent per tensor id, of one of these kinds (absent/None: zero):
#   Tensor         dense; in a batched walk with leading batch axes. Rules take it as it is.
#   IndexedSlices  rows of a dense cotangent (``gradient()`` only): made by gather, kept by identity.
#   _Diag          a diagonal batch kept compact (jacobian's identity seed, through elementwise ops).
#   _Buf           a dense batch in a NumPy buffer that only the walk holds: further contributions
#                  are added into it in place; it becomes a Tensor's value only when a rule or the
#                  caller takes it, and is never written after that.
# Each kind has one step (``_STEPS``: push a cotangent of that kind through one record) and
# ``_add`` sums any two kinds. Tensors are never written in place.


class _Diag:
    """A diagonal batch of cotangents, kept compact during jacobian's batched walk.

    Stands for the dense ``(B, *S)`` batch ``G`` with ``B == prod(S)`` and
    ``G[k].ravel() == e_k * v.ravel()``: one-hot row k scaled by ``v.flat[k]``. The jacobian
    seed (the identity over the target's elements) is ``_Diag(ones(S))``. Elementwise rules map
    it to another ``_Diag`` at the cost of one ordinary (unbatched) VJP on ``v``.
    """

    __slots__ = ("v",)

    def __init__(self, v: Tensor) -> None:
        self.v = v


class _Buf:
    """A dense batch of cotangents in a private, C-contiguous, writable NumPy array ``a``."""

    __slots__ = ("a",)

    def __init__(self, a: np.ndarray) -> None:
        self.a = a


def _dense(d: _Diag) -> Tensor:
    """The dense ``(B, *S)`` batch a ``_Diag`` stands for (one zeros + one strided write)."""
    v = d.v._value
    n = v.size
    a = np.zeros((n, n), v.dtype)
    a.reshape(-1)[:: n + 1] = v.reshape(-1)
    return Tensor(a.reshape((n,) + v.shape))


def _as_tensor(c: Any) -> Any:
    """Cotangent ``c`` of any kind as a dense Tensor (a ``_Buf``'s array is handed over)."""
    k = type(c)
    if k is Tensor:
        return c
    if k is _Diag:
        return _dense(c)
    if k is _Buf:
        return Tensor(c.a)
    return c._dense()  # IndexedSlices


def _buf_plus_diag(b: _Buf, d: _Diag) -> _Buf:
    """Add the batch ``d`` stands for into ``b``'s buffer (its diagonal), in place."""
    v = d.v._value
    n = v.size
    a = b.a
    dt = np.result_type(a.dtype, v.dtype)
    if a.dtype != dt or not a.flags.c_contiguous:
        b = _Buf(np.array(a, dtype=dt, order="C"))
        a = b.a
    a.reshape(-1)[:: n + 1] += v.reshape(-1)
    return b


def _buf_plus(b: _Buf, x: np.ndarray) -> _Buf:
    """Add the dense array ``x`` into ``b``'s buffer (in place when shape and dtype allow)."""
    a = b.a
    if x.shape == a.shape and np.result_type(a.dtype, x.dtype) == a.dtype:
        np.add(a, x, out=a)
        return b
    return _Buf(np.ascontiguousarray(a + x))


def _copy_buf(t: Tensor) -> _Buf:
    return _Buf(np.array(t._value, order="C"))  # a copy: the Tensor's array is never written


_ADD: dict = {
    (_ISlices, _ISlices): _IS.add,
    (_ISlices, Tensor): _IS.add,
    (Tensor, _ISlices): _IS.add,
    (_Diag, _Diag): lambda a, b: _Diag(add_n2(a.v, b.v)),
    (Tensor, _Diag): lambda a, b: _buf_plus_diag(_copy_buf(a), b),
    (_Diag, Tensor): lambda a, b: _buf_plus_diag(_copy_buf(b), a),
    (_Buf, _Diag): _buf_plus_diag,
    (_Diag, _Buf): lambda a, b: _buf_plus_diag(b, a),
    (_Buf, Tensor): lambda a, b: _buf_plus(a, b._value),
    (Tensor, _Buf): lambda a, b: _buf_plus(b, a._value),
    (_Buf, _Buf): lambda a, b: _buf_plus(a, b.a),
}


def _add(a: Any, b: Any) -> Any:
    """The sum of two cotangent contributions of any kinds (never writes a Tensor's array)."""
    if type(a) is Tensor and type(b) is Tensor:
        return add_n2(a, b)
    return _ADD[type(a), type(b)](a, b)


def _matmul_diag(v: np.ndarray, a: np.ndarray, b: np.ndarray, need: tuple) -> tuple:
    """Input cotangents of ``a @ b`` (rank 2) for the diagonal batch ``_Diag(v)``, as dense arrays.

    For output element q = i*k + j: ga[q] is zero but row i = v[i, j] * b[:, j], gb[q] is zero
    but column j = v[i, j] * a[i, :]. O(m*k*n) work, like the forward.
    """
    m, k = v.shape
    n = a.shape[1]
    ga = gb = None
    if need[0]:
        if m == 1:
            ga = (v.reshape(k, 1) * b.T).reshape(k, 1, n)
        else:
            vb = v[:, :, None] * b.T[None, :, :]  # (m, k, n): [i, j] = v[i, j] * b[:, j]
            ga = np.zeros((m, k, m, n), vb.dtype)
            ar = np.arange(m)
            ga[ar, :, ar, :] = vb
            ga = ga.reshape(m * k, m, n)
    if need[1]:
        if k == 1:
            gb = (v * a).reshape(m, n, 1)
        else:
            va = v[:, :, None] * a[:, None, :]  # (m, k, n): [i, j] = v[i, j] * a[i, :]
            gb = np.zeros((m, k, n, k), va.dtype)
            ar = np.arange(k)
            gb[:, ar, :, ar] = va.transpose(1, 0, 2)
            gb = gb.reshape(m * k, n, k)
    return ga, gb


def _out_ids(out: Any) -> tuple:
    return (out._id,) if type(out) is Tensor else tuple(o._id for o in out)


def _float_view(t: Tensor) -> Tensor:
    """The deliberate difference: integer/bool tensors are differentiated as float32 (strings stay:
    only a rule with no gradient can be reached through one, and it raises TF's LookupError)."""
    if t._value.dtype.kind in "fcO":
        return t
    f = Tensor.__new__(Tensor)
    f._value = np.asarray(t._value, np.float32)
    f._id = t._id
    return f


def _source_id(s: Any, what: str = "source") -> int:
    if isinstance(s, Variable):
        return s._id
    if isinstance(s, Tensor):
        return s._id
    raise ValueError(
        f"GradientTape.gradient: each {what} must be a tf.Tensor or tf.Variable, got "
        f"{type(s).__name__}{'' if not hasattr(s, 'shape') else ' of shape ' + str(tuple(s.shape))}. "
        "Convert it with tf.constant(...) and watch it inside the tape."
    )


def _as_target(t: Any) -> Tensor:
    if isinstance(t, Variable):
        return t._t
    if isinstance(t, Tensor):
        return t
    if t is None:
        raise TypeError(
            "Target should be a list or nested structure of Tensors or Variables to be "
            "differentiated, but received None."
        )
    raise TypeError(f"GradientTape.gradient: target must be a Tensor or Variable, got {type(t).__name__}")


def _grad_dtype(t: Tensor) -> np.dtype:
    dt = t._value.dtype
    return dt if dt.kind in "fc" else np.dtype(np.float32)


def _seed(t: Tensor, og: Any) -> Tensor:
    """The output gradient for target ``t``: ones, or ``og`` checked against ``t``'s shape and dtype."""
    dt = _grad_dtype(t)
    if og is None:
        shp = t._value.shape
        return Tensor(np.array(1, dt) if not shp else np.ones(shp, dt))
    if isinstance(og, Variable):
        og = og._t
    if isinstance(og, Tensor):
        g = og
        if g._value.dtype != dt:
            if g._value.dtype.kind in "fc" and dt.kind in "fc":
                raise InvalidArgumentError(
                    f"GradientTape.gradient: output_gradients has dtype {g.dtype.name} but its target has "
                    f"dtype {t.dtype.name} (shape {tuple(t._value.shape)})", op="gradient",
                )
            g = Tensor(np.asarray(g._value, dt))
    else:
        g = Tensor(np.asarray(og, dt))
    if g._value.shape != t._value.shape:
        try:
            g = Tensor(np.broadcast_to(g._value, t._value.shape))
        except ValueError:
            raise InvalidArgumentError(
                f"GradientTape.gradient: output_gradients shape {tuple(g._value.shape)} does not match "
                f"target shape {tuple(t._value.shape)} (dtype {t.dtype.name})", op="gradient",
            ) from None
    return g


def _downstream(records: list, source_ids: set) -> tuple:
    """(records downstream of a source, in tape order; ids reached): the walk's forward pass."""
    reach = set(source_ids)
    useful = []
    for rec in records:
        for t in rec[1]:
            if t._id in reach:
                useful.append(rec)
                out = rec[2]
                if type(out) is Tensor:
                    reach.add(out._id)
                else:
                    reach.update([o._id for o in out])
                break
    return useful, reach


def _multi_cotangent(grads: dict, out: tuple, source_ids: set, batch: tuple) -> tuple | None:
    """The cotangents of a multi-output record, dense (zeros for unused outputs; None if all unused)."""
    gs = [grads.get(o._id) if o._id in source_ids else grads.pop(o._id, None) for o in out]
    if all(x is None for x in gs):
        return None
    res = []
    for x, o in zip(gs, out):
        if x is None:
            x = zeros_array(batch + o._value.shape, _grad_dtype(o))
        elif type(x) is not Tensor:
            x = _as_tensor(x)
            if o._id in source_ids:
                grads[o._id] = x  # the source's gradient is this Tensor from now on
        res.append(x)
    return tuple(res)


def _vjp_inputs(ins: tuple, reach: set) -> tuple:
    """(inputs as the rule sees them: integer ones as float32; which input gradients are wanted)."""
    insv = ins
    need = []
    for t in ins:
        if t._value.dtype.kind not in "fc" and insv is ins:
            insv = tuple([_float_view(x) for x in ins])
        need.append(t._id in reach)
    return insv, tuple(need)


def _fit_grad(gi: Tensor, tv: Any, batch: tuple, prim: Any) -> Tensor:
    """Check a rule's gradient against its input ``tv`` (undoing broadcasting): the one place."""
    nb = len(batch)
    gv = gi._value
    if gv.shape != batch + tv.shape:
        if gv.shape[:nb] != batch:
            raise InternalError(
                f"gradient rule of '{prim.name}' lost the jacobian batch axes: got shape {gv.shape}"
            )
        gi = sum_to_shape(gi, nb, tv.shape, prim.name)
        gv = gi._value
    if gv.dtype != tv.dtype and tv.dtype.kind in "fc":
        raise InternalError(
            f"gradient rule of '{prim.name}' returned dtype {gv.dtype} for an input of dtype {tv.dtype}"
        )
    return gi


# -- the walk's steps: push one record's output cotangent to its inputs, one function per kind ----


# A walk's state, handed to every step: (cotangents by id, ids reached from the sources, the source
# ids, the batch shape of a jacobian walk, whether gather makes IndexedSlices (``gradient()``)).
_Walk = tuple


def _acc(grads: dict, tid: int, gi: Any) -> None:
    prev = grads.get(tid)
    grads[tid] = gi if prev is None else _add(prev, gi)


def _step_dense(w: _Walk, prim: Any, ins: tuple, out: Any, outv: Any, p: Any, g: Any) -> None:
    """A dense cotangent (or a tuple of them): run the rule, fit each input gradient, add it up.

    In ``gradient()``'s walk a ``gather`` (axis 0) of a float source gives ``IndexedSlices``.
    """
    grads, reach, _, batch, sparse = w
    if prim is GATHER and sparse and p["axis"] == 0 and ins[0]._id in reach and ins[0]._value.dtype.kind in "fc":
        _acc(grads, ins[0]._id, _IS.from_gather(g, p["indices"], ins[0]._value.shape))
        return
    insv, need = _vjp_inputs(ins, reach)
    res = (prim.vjp(g, outv, insv, p or _EMPTY, need) if not _HOOKS
           else _vjp_hooked(prim, g, outv, insv, p, need, out))
    for t, gi, wanted in zip(ins, res, need):
        if gi is None or not wanted:
            continue
        if type(gi) is not Tensor:
            gi = _convert_grad(gi)
        tv = t._value
        gv = gi._value
        if gv.shape != (batch + tv.shape if batch else tv.shape) or (
            gv.dtype is not tv.dtype and gv.dtype != tv.dtype and tv.dtype.kind in "fc"
        ):
            gi = _fit_grad(gi, tv, batch, prim)
        tid = t._id
        prev = grads.get(tid)
        grads[tid] = gi if prev is None else _add(prev, gi)


def _step_slices(w: _Walk, prim: Any, ins: tuple, out: Any, outv: Any, p: Any, g: Any) -> None:
    """``IndexedSlices``: identity passes them through (as TF's Identity); other rules get them dense."""
    if prim is IDENTITY:
        _acc(w[0], ins[0]._id, g)
        return
    _step_dense(w, prim, ins, out, outv, p, g._dense())


def _step_diag(w: _Walk, prim: Any, ins: tuple, out: Any, outv: Any, p: Any, g: _Diag) -> None:
    """A diagonal batch: kept compact where the rule allows (``_diag_try``), else made dense."""
    if not _diag_try(w, prim, ins, outv, p, g):
        _step_dense(w, prim, ins, out, outv, p, _dense(g))


def _step_buf(w: _Walk, prim: Any, ins: tuple, out: Any, outv: Any, p: Any, g: _Buf) -> None:
    """A private dense buffer: reshape/identity re-view it privately; other rules get it as a Tensor."""
    grads, _, sids, batch, _ = w
    if out._id in sids:  # the source keeps this value: hand the buffer over for good
        t = grads[out._id] = Tensor(g.a)
        _step_dense(w, prim, ins, out, outv, p, t)
        return
    if (prim is RESHAPE or prim is IDENTITY) and not _HOOKS:
        # one input and g was popped: a view of the buffer is still the walk's alone
        shape = batch + ins[0]._value.shape
        if g.a.size == int(np.prod(shape, dtype=np.int64)):
            _acc(grads, ins[0]._id, _Buf(g.a.reshape(shape)))
            return
    _step_dense(w, prim, ins, out, outv, p, Tensor(g.a))


# the step for each cotangent kind
_STEPS: dict = {Tensor: _step_dense, _ISlices: _step_slices, _Diag: _step_diag, _Buf: _step_buf}


def _diag_try(w: _Walk, prim: Any, ins: tuple, outv: Tensor, p: Any, g: _Diag) -> bool:
    """Push the diagonal cotangent ``g`` through one record if its rule allows; False if not.

    Elementwise rules (``Primitive.elementwise``, when every wanted input has the output's shape)
    and reshape keep it diagonal; a rank-2 matmul's input cotangents come out dense, built
    directly in O(m*k*n) into private buffers. Only reached while no tape records (raw NumPy).
    """
    grads, reach = w[0], w[1]
    insv, need = _vjp_inputs(ins, reach)
    oshape = outv._value.shape
    if prim.elementwise or prim is RESHAPE:
        if prim is not RESHAPE:
            for t, wanted in zip(ins, need):
                if wanted and t._value.shape != oshape:
                    return False  # broadcasting: its sum_to mixes the rows
        res = (prim.vjp(g.v, outv, insv, p or _EMPTY, need) if not _HOOKS
               else _vjp_hooked(prim, g.v, outv, insv, p, need, outv))
        outs = []
        for t, gi, wanted in zip(ins, res, need):
            if gi is None or not wanted:
                continue
            if type(gi) is not Tensor:
                gi = _convert_grad(gi)
            tv = t._value
            gv = gi._value
            if gv.shape != tv.shape or (gv.dtype != tv.dtype and tv.dtype.kind in "fc"):
                return False  # unusual rule output: let the dense path handle (or report) it
            outs.append((t._id, gi))
        for tid, gi in outs:
            _acc(grads, tid, _Diag(gi))
        return True
    if prim is MATMUL and len(ins) == 2:
        av, bv = insv[0]._value, insv[1]._value
        if av.ndim != 2 or bv.ndim != 2:
            return False
        if any(t._value.dtype != g.v._value.dtype and t._value.dtype.kind in "fc" for t in ins):
            return False  # mixed dtypes: the dense rule decides (and reports) what to do
        ga, gb = _matmul_diag(g.v._value, av, bv, need)
        for t, gi in zip(ins, (ga, gb)):
            if gi is not None:
                _acc(grads, t._id, _Buf(gi))
        return True
    return False


def _final_points(useful: list, sids: set) -> tuple:
    """When each source's gradient is final: ({id(record): [source ids]}, [source ids final at once]).

    The walk visits records last to first, so the last contribution to a source comes from the
    first record (in tape order) that reads it; a source no record reads is final after seeding.
    """
    at: dict = {}
    seen: set = set()
    for rec in useful:
        for t in rec[1]:
            tid = t._id
            if tid in sids and tid not in seen:
                seen.add(tid)
                at.setdefault(id(rec), []).append(tid)
    return at, [s for s in sids if s not in seen]


def _finish(grads: dict, sids: Any, on_final: Any) -> None:
    """Make the gradients of ``sids`` final (dense Tensor or IndexedSlices); tell ``on_final``."""
    for sid in sids:
        g = grads.get(sid)
        if g is None:
            continue
        if type(g) is _Diag or type(g) is _Buf:
            g = grads[sid] = _as_tensor(g)
        if on_final is not None:
            on_final(sid, g)


class GradientTape:
    """Record operations for automatic differentiation (as ``tf.GradientTape``).

    Example:
        >>> import tapeflow as tf
        >>> x = tf.Variable(2.0)
        >>> with tf.GradientTape(persistent=True) as t:
        ...     y = x * x
        ...     z = y * x
        >>> float(t.gradient(y, x)), float(t.gradient(z, x))
        (4.0, 12.0)
    """

    _is_tape = True

    def __init__(self, persistent: bool = False, watch_accessed_variables: bool = True) -> None:
        self._persistent = persistent
        self._watch_accessed = watch_accessed_variables
        self._records: list | None = []
        self._watched: set = set()
        self._variables: dict = {}
        self._cuts: list = []  # (op name, input ids, output ids) of non-differentiable ops
        self._shadow: set = set()  # ids computed from a cut, followed only to explain Nones
        self._exports: set = set()  # watched ids whose value was taken to NumPy
        self._marks: list = []  # (id, event): enter / exit / stop / resume / reset
        self._skeleton: list | None = None
        self._entered = False

    # -- context -------------------------------------------------------------------------------
    def __enter__(self) -> GradientTape:
        if not _rec.enter(self):
            raise ValueError(
                "Tape is still recording, This can happen if you try to re-enter an already-active tape."
            )
        if self._records is None:  # a used non-persistent tape starts afresh, as in TF
            self._clear("renew")
        self._marks.append((next(_ids), "enter"))
        return self

    def __exit__(self, *exc: Any) -> None:
        _rec.pop(self)
        self._marks.append((next(_ids), "exit"))

    @contextlib.contextmanager
    def stop_recording(self) -> Iterator[None]:
        """Temporarily stop recording: ops run inside are not differentiated.

        Raises RuntimeError on a tape that was never entered (or was used up), and ValueError
        when the tape is not recording right now (after ``with`` exited, or nested), as TF.

        Example:
            >>> import tapeflow as tf
            >>> x = tf.constant(4.0)
            >>> with tf.GradientTape() as t:
            ...     t.watch(x)
            ...     with t.stop_recording():
            ...         y = x * x
            >>> print(t.gradient(y, x))
            None
        """
        if self._records is None or not self._marks:
            raise RuntimeError("Trying to stop recording a tape which is not recording.")
        if not _rec.is_recording(self):
            raise ValueError("Tape is not recording.")
        self._marks.append((next(_ids), "stop"))
        try:
            with _rec.paused(self, resume=lambda: self._records is not None):  # a used one-shot tape stays off
                yield
        finally:
            self._marks.append((next(_ids), "resume"))

    def _clear(self, event: str = "reset") -> None:
        self._records = []
        self._watched = set()
        self._variables = {}
        self._cuts = []
        self._shadow = set()
        self._exports = set()
        self._skeleton = None
        self._marks.append((next(_ids), event))

    def reset(self) -> None:
        """Forget everything recorded so far; the tape goes on recording (as ``tf.GradientTape.reset``).

        Only allowed while the tape is recording (TF raises ValueError otherwise).

        Example:
            >>> import tapeflow as tf
            >>> x = tf.constant(2.0)
            >>> with tf.GradientTape() as t:
            ...     t.watch(x)
            ...     y = x * x
            ...     t.reset()
            ...     t.watch(x)
            ...     z = x * 3.0
            >>> float(t.gradient(z, x))
            3.0
        """
        if not _rec.is_recording(self):
            raise ValueError("Tape is not recording.")
        self._clear()

    # -- watching ------------------------------------------------------------------------------
    def watch(self, tensor: Any) -> None:
        """Watch a tensor, a variable, or a nested structure of them."""
        if type(tensor) is Tensor:
            self._watched.add(tensor._id)
            return
        for t in nest.flatten(tensor):
            if isinstance(t, Variable):
                self._watch_variable(t)
            elif isinstance(t, Tensor):
                self._watched.add(t._id)
            else:
                raise ValueError(
                    f"Passed in object of type {type(t).__name__}, not tf.Tensor or tf.Variable: "
                    "GradientTape.watch takes tensors and variables (wrap NumPy values with tf.constant)."
                )

    def _watch_variable(self, v: Variable) -> None:
        self._watched.add(v._id)
        self._variables.setdefault(v._id, v)

    def watched_variables(self) -> tuple:
        """The variables this tape watched, in creation order."""
        return tuple(self._variables[k] for k in sorted(self._variables))

    # -- recording (called for every op while this tape records) -------------------------------
    def _on_op(self, prim: Any, ins: tuple, out: Any, p: dict | None) -> None:
        w = self._watched
        for t in ins:
            if t._id in w:
                break
        else:
            if self._shadow and any(t._id in self._shadow for t in ins):
                self._cuts.append((prim.name, tuple(t._id for t in ins), _out_ids(out)))
                self._shadow.update(_out_ids(out))
            return
        if prim.vjp is None:
            oids = _out_ids(out)
            self._cuts.append((prim.name, tuple(t._id for t in ins), oids))
            self._shadow.update(oids)
            return
        self._records.append((prim, ins, out, p))
        if type(out) is Tensor:
            w.add(out._id)
        else:
            w.update(o._id for o in out)

    # -- the reverse walk ----------------------------------------------------------------------
    def _walk(self, seeds: list, source_ids: set, batch: tuple = (), sparse: bool = False, *,
              on_final: Any = None) -> dict:
        """The one reverse walk: propagate cotangents from ``seeds`` [(id, cotangent)] back to ``source_ids``.

        Each record's output cotangent picks the step for its kind (``_STEPS``); contributions add up with
        ``_add``. ``sparse``: a source read only through ``gather`` (axis 0, maybe via ``identity``) gets
        an ``IndexedSlices`` gradient, as in TF (``gradient()`` asks for this; jacobians do not).
        ``on_final(source id, gradient)``: called once per source that gets a gradient, as soon as no
        later record can change it (before the walk ends when a record is left to visit).
        """
        useful, reach = _downstream(self._records, source_ids)
        if batch:
            for rec in useful:
                if not rec[0].batchable:
                    raise _NotBatchable(rec[0].name)
        grads: dict = {}
        w = (grads, reach, source_ids, batch, sparse)
        compact = False
        for tid, g in seeds:
            compact = compact or type(g) is not Tensor
            prev = grads.get(tid)
            grads[tid] = g if prev is None else _add(prev, g)
        finals = None
        if on_final is not None:
            finals, early = _final_points(useful, source_ids)
            _finish(grads, early, on_final)
        steps = _STEPS
        for rec in reversed(useful):
            prim, ins, out, p = rec
            if type(out) is Tensor:
                oid = out._id
                g = grads.get(oid) if oid in source_ids else grads.pop(oid, None)
                if g is not None:
                    steps[type(g)](w, prim, ins, out, out if out._value.dtype.kind in "fc" else _float_view(out), p, g)
            else:
                g = _multi_cotangent(grads, out, source_ids, batch)
                if g is not None:
                    _step_dense(w, prim, ins, out, tuple([_float_view(o) for o in out]), p, g)
            if finals and id(rec) in finals:
                _finish(grads, finals.pop(id(rec)), on_final)
        if compact:
            _finish(grads, source_ids, None)
        return grads

    def _sid(self, s: Any, watched: Any = None) -> int:
        """The id to differentiate with respect to; -1 (matches nothing) for an unwatched Variable."""
        if isinstance(s, Variable) and s._id not in (self._watched if watched is None else watched):
            return -1  # TF differentiates the variable's handle, which only a watching tape sees
        return _source_id(s)

    def _check_usable(self) -> None:
        if self._records is None:
            raise RuntimeError(
                "A non-persistent GradientTape can only be used to compute one set of gradients "
                "(or jacobians)"
            )

    def _release(self, none_sources: bool) -> None:
        """After a non-persistent tape's one use: drop the records (keep ids to explain Nones)."""
        if self._persistent:
            return
        if none_sources:
            self._skeleton = self._edges()
        self._records = None
        _rec.stop(self)

    # -- public API ----------------------------------------------------------------------------
    def gradient(
        self,
        target: Any,
        sources: Any,
        output_gradients: Any = None,
        unconnected_gradients: Any = UnconnectedGradients.NONE,
        *,
        _on_final: Any = None,
    ) -> Any:
        """d(sum of targets)/d(sources), in the nested structure of ``sources``.

        ``_on_final(source id, gradient)`` (internal): called during the walk as soon as a
        source's gradient is final, once per source that gets one (see ``_walk``).

        Example:
            >>> import tapeflow as tf
            >>> x = tf.constant([1.0, 2.0])
            >>> with tf.GradientTape() as t:
            ...     t.watch(x)
            ...     y = tf.reduce_sum(x * x)
            >>> t.gradient(y, x).numpy().tolist()
            [2.0, 4.0]
        """
        self._check_usable()
        if _LAST.ref is not None:
            _LAST.ref = None
        if not self._persistent:
            _rec.stop(self)  # as TF: a one-shot tape stops recording before its walk
        if target is None:
            raise TypeError(
                "Argument `target` should be a list or nested structure of Tensors, Variables or "
                "CompositeTensors to be differentiated, but received None."
            )
        uc = unconnected_gradients
        if uc is not UnconnectedGradients.NONE:
            uc = _unconnected(uc)
        raw_targets = [target] if type(target) is Tensor else nest.flatten(target)
        flat_targets = [t if type(t) is Tensor else _as_target(t) for t in raw_targets]
        single = type(sources) is Tensor or isinstance(sources, Variable)
        plain_list = not single and type(sources) is list
        flat_sources = [sources] if single else list(sources) if plain_list else nest.flatten(sources)
        source_ids = []
        # an unwatched variable matches nothing (TF: None), unless it is itself a target (TF: 1)
        watched = self._watched
        if type(target) is not Tensor and any(isinstance(t, Variable) for t in raw_targets):
            watched = watched | {t._id for t in flat_targets}
        for s in flat_sources:
            if type(s) is Tensor:
                source_ids.append(s._id)
            elif isinstance(s, Variable):
                source_ids.append(s._id if s._id in watched else -1)
            elif plain_list and isinstance(s, (list, tuple, dict)):  # nested after all
                plain_list = False
                flat_sources = nest.flatten(sources)
                source_ids = [self._sid(x, watched) for x in flat_sources]
                break
            else:
                source_ids.append(_source_id(s))
        if output_gradients is None:
            ogs = [None] * len(flat_targets)
        else:
            ogs = nest.flatten(output_gradients)
            if len(ogs) != len(flat_targets):
                raise ValueError(
                    f"GradientTape.gradient: {len(flat_targets)} targets but {len(ogs)} output_gradients"
                )
        seeds = []
        for t, og in zip(flat_targets, ogs):
            seeds.append((t._id, _seed(t, og)))
        grads = self._walk(seeds, set(source_ids), sparse=True, on_final=_on_final)
        out = []
        any_none = False
        for s, sid in zip(flat_sources, source_ids):
            g = grads.get(sid)
            if g is None:
                if uc is UnconnectedGradients.ZERO:
                    g = Tensor(np.zeros(tuple(s.shape), _grad_dtype(s._t if isinstance(s, Variable) else s)))
                else:
                    any_none = True
            out.append(g)
        if any_none:
            _remember_none(self, target, flat_sources, out)
        self._release(any_none)
        if single:
            return out[0]
        if plain_list:
            return out
        return nest.pack_sequence_as(sources, out)

    def jacobian(
        self,
        target: Any,
        sources: Any,
        unconnected_gradients: Any = UnconnectedGradients.NONE,
        parallel_iterations: int | None = None,
        experimental_use_pfor: bool = True,
    ) -> Any:
        """The full Jacobian: result shape ``target.shape + source.shape`` per source.

        Computed with one backward pass over a batch of one-hot cotangents when every rule on
        the path allows it, otherwise one pass per target element.

        Example:
            >>> import tapeflow as tf
            >>> x = tf.constant([1.0, 2.0])
            >>> with tf.GradientTape() as t:
            ...     t.watch(x)
            ...     y = x * x
            >>> t.jacobian(y, x).numpy().tolist()
            [[2.0, 0.0], [0.0, 4.0]]
        """
        self._check_usable()
        if not experimental_use_pfor and not self._persistent:
            raise RuntimeError(
                "GradientTape must be created with persistent=True to compute the jacobian with eager "
                "execution enabled and with experimental_use_pfor set to False."
            )
        if not self._persistent:
            _rec.stop(self)
        uc = _unconnected(unconnected_gradients)
        t = _as_target(target)
        flat_sources = nest.flatten(sources)
        source_ids = [self._sid(s) for s in flat_sources]
        tshape = t._value.shape
        n = int(np.prod(tshape, dtype=np.int64))
        dt = _grad_dtype(t)
        rows = self._rows(t, n, dt, source_ids, experimental_use_pfor, parallel_iterations)
        out = []
        for s, sid in zip(flat_sources, source_ids):
            sshape = tuple(s.shape)
            g = rows.get(sid)
            if g is None:
                if uc is UnconnectedGradients.ZERO:
                    g = Tensor(np.zeros(tshape + sshape, _grad_dtype(s._t if isinstance(s, Variable) else s)))
                out.append(g)
                continue
            out.append(reshape_to(g, tshape + sshape))
        any_none = any(g is None for g in out)
        if any_none:
            _remember_none(self, target, flat_sources, out)
        self._release(any_none)
        return nest.pack_sequence_as(sources, out)

    def _rows(self, t: Tensor, n: int, dt: np.dtype, source_ids: list, use_batch: bool, chunk: int | None) -> dict:
        """Gradients of each of the n target elements: {source id: Tensor of shape (n, *source)}."""
        tshape = t._value.shape
        sids = set(source_ids)
        if n == 0:
            return {}
        if use_batch:
            step = n if not chunk else max(1, int(chunk))
            try:
                if step == n and _DIAG_JACOBIAN and not _rec.active():  # the whole identity, kept compact
                    dseed = Tensor(np.array(1, dt) if not tshape else np.ones(tshape, dt))
                    return self._walk([(t._id, _Diag(dseed))], sids, (n,))
                parts: list = []
                for start in range(0, n, step):
                    m = min(step, n - start)
                    eye = np.zeros((m, n), dt)
                    eye[np.arange(m), start + np.arange(m)] = 1
                    seeds = [(t._id, Tensor(eye.reshape((m,) + tshape)))]
                    parts.append(self._walk(seeds, sids, (m,)))
                if len(parts) == 1:
                    return parts[0]
                return {
                    sid: concat_raw([p[sid] for p in parts], 0)
                    for sid in sids
                    if all(p.get(sid) is not None for p in parts)
                }
            except _NotBatchable:
                pass
        rows: dict = {}
        for i in range(n):
            e = np.zeros(n, dt)
            e[i] = 1
            g = self._walk([(t._id, Tensor(e.reshape(tshape)))], sids)
            for sid in sids:
                rows.setdefault(sid, []).append(g.get(sid))
        return {sid: stack_raw(r, 0) for sid, r in rows.items() if all(x is not None for x in r)}

    def batch_jacobian(
        self,
        target: Any,
        source: Any,
        unconnected_gradients: Any = UnconnectedGradients.NONE,
        parallel_iterations: int | None = None,
        experimental_use_pfor: bool = True,
    ) -> Any:
        """Per-example Jacobians: ``target[i]`` depends only on ``source[i]``.

        Returns shape ``(batch,) + target.shape[1:] + source.shape[1:]``.

        Example:
            >>> import tapeflow as tf
            >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
            >>> with tf.GradientTape() as t:
            ...     t.watch(x)
            ...     y = x * x
            >>> t.batch_jacobian(y, x).shape.as_list()
            [2, 2, 2]
        """
        self._check_usable()
        t = _as_target(target)
        sid = self._sid(source)
        _unconnected(unconnected_gradients)  # validated; unconnected results are zeros, as in TF
        tshape = t._value.shape
        sshape = tuple(source.shape)
        for what, shp in (("target", tshape), ("source", sshape)):
            if len(shp) < 2:
                raise ValueError(
                    f"batch_jacobian: Shape {shp} must have rank at least 2 (the {what} must have shape "
                    f"[batch, ...] with at least one more axis); target shape {tshape}, source shape {sshape}"
                )
        if tshape[0] != sshape[0]:
            raise ValueError(
                f"Need first dimension of target shape ({tshape}) and source shape ({sshape}) to match."
            )
        if not experimental_use_pfor and not self._persistent:
            raise RuntimeError(
                "GradientTape must be created with persistent=True to compute the batch_jacobian with eager "
                "execution enabled and with experimental_use_pfor set to False."
            )
        if not self._persistent:
            _rec.stop(self)
        b = tshape[0]
        m = int(np.prod(tshape[1:], dtype=np.int64))
        dt = _grad_dtype(t)
        # cotangent k: ones at element k of every example -> (m, b, *tshape[1:])
        eye = np.zeros((m, b, m), dt)
        eye[np.arange(m), :, np.arange(m)] = 1
        seeds = eye.reshape((m, b) + tuple(tshape[1:]))
        g = None
        if experimental_use_pfor and m:
            try:
                g = self._walk([(t._id, Tensor(seeds))], {sid}, (m,)).get(sid)
            except _NotBatchable:
                g = None
                fallback = True
            else:
                fallback = False
        else:
            fallback = True
        if fallback and m:
            gs = [self._walk([(t._id, Tensor(seeds[k]))], {sid}).get(sid) for k in range(m)]
            g = None if any(x is None for x in gs) else stack_raw(gs, 0)
        if g is None:  # TF returns zeros here whatever unconnected_gradients says
            res = Tensor(np.zeros(tuple(tshape) + sshape[1:], dt))
        else:
            # (m, b, *s1) -> (b, m, *s1) -> (b, *t1, *s1)
            nd = len(sshape) + 1
            g = transpose_raw(g, (1, 0) + tuple(range(2, nd)))
            res = reshape_to(g, (b,) + tuple(tshape[1:]) + sshape[1:])
        self._release(g is None)
        if g is None:
            _remember_none(self, target, [source], [None])
        return res

    # -- explaining None gradients --------------------------------------------------------------
    def _edges(self) -> list:
        """(op name, input ids, output ids, differentiable?) for everything recorded, in order."""
        if self._records is None:
            return list(self._skeleton or [])
        edges = [(r[0].name, tuple(t._id for t in r[1]), _out_ids(r[2]), True) for r in self._records]
        edges += [(name, ins, outs, False) for name, ins, outs in self._cuts]
        edges.sort(key=lambda e: min(e[2]) if e[2] else 0)
        return edges

    def explain(self, target: Any, source: Any) -> str:
        """Say in words why ``gradient(target, source)`` is (or is not) None.

        Example:
            >>> import tapeflow as tf
            >>> x = tf.constant(1.0)
            >>> with tf.GradientTape() as t:
            ...     y = x * 2.0
            >>> print(t.explain(y, x))  # doctest: +ELLIPSIS
            The gradient is None because the source ... was never watched...
        """
        from .explain import explain

        return explain(self, target, source)

    def explain_nan(self, target: Any, sources: Any = None) -> str:
        """Where the first NaN or Inf on the way to ``target`` appeared (the forward op that made it,
        its inputs' ranges; with ``sources``, the op whose gradient rule made a non-finite gradient).

        Example:
            >>> import tapeflow as tf
            >>> x = tf.Variable([4.0, -1.0])
            >>> with tf.GradientTape(persistent=True) as t:
            ...     y = tf.reduce_sum(tf.sqrt(x))
            >>> print(t.explain_nan(y).splitlines()[0])  # doctest: +ELLIPSIS
            The first non-finite value appeared in op "sqrt" (op 1 of 2 ...
        """
        from .explain import explain_nan

        return explain_nan(self, target, sources)

    def to_dot(self, target: Any = None, sources: Any = None) -> str:
        """Graphviz DOT text of the recorded ops; the path from ``sources`` to ``target`` in red.

        Ops are named as called (``matmul``), edges carry dtypes and shapes (see ``explain.to_dot``).

        Example:
            >>> import tapeflow as tf
            >>> x = tf.Variable(3.0, name="x")
            >>> with tf.GradientTape() as t:
            ...     y = tf.square(x)
            >>> "color=red" in t.to_dot(y, x)
            True
        """
        from .explain import to_dot

        return to_dot(self, target, sources)


def _vjp_hooked(prim: Any, g: Any, outv: Any, insv: tuple, p: Any, need: tuple, out: Any) -> Any:
    """A gradient rule run while output hooks are on: the hooks learn which forward op it belongs to
    (``enable_check_numerics`` names it when the backward pass makes a NaN)."""
    prev = _BWD.rec
    _BWD.rec = (prim, out)
    try:
        return prim.vjp(g, outv, insv, p or _EMPTY, need)
    finally:
        _BWD.rec = prev


def _convert_grad(g: Any) -> Tensor:
    if type(g) is Tensor:
        return g
    if isinstance(g, Variable):
        return g._read()
    if isinstance(g, Tensor):
        return g
    from .tensor import convert_to_tensor

    return convert_to_tensor(g)


class _Last(threading.local):
    """Per thread: a weak reference to the tape whose latest ``gradient()`` gave None gradients."""

    ref: Any = None


# So optimizers can say why a variable got no gradient. The record lives on the tape
# (``tape._none_record``, ids only); this thread-local only points at the tape weakly, so
# ``del tape`` frees its arrays and tapes in other threads never see each other's records.
_LAST = _Last()


def _remember_none(tape: GradientTape, target: Any, sources: list, grads: list) -> None:
    flat = nest.flatten(target)
    tids = [_source_id(t, "target") for t in flat]
    var_tids = frozenset(t._id for t in flat if isinstance(t, Variable))
    record = {}
    for s, g in zip(sources, grads):
        if g is None:
            record[_source_id(s)] = (tids, var_tids)
    tape._none_record = record
    _LAST.ref = weakref.ref(tape)


def explain_last_none(source: Any) -> str | None:
    """Why the most recent ``gradient()`` call returned None for ``source`` (None if it did not).

    Works for non-persistent tapes too (a skeleton of the records is kept for this). "Most recent"
    is per thread, and the record belongs to the tape: once the tape is deleted this returns None.

    Example:
        >>> import tapeflow as tf
        >>> v = tf.Variable(1.0, trainable=False)
        >>> with tf.GradientTape() as t:
        ...     y = v * 2.0
        >>> t.gradient(y, v) is None
        True
        >>> "not trainable" in explain_last_none(v)
        True
    """
    tape = _LAST.ref() if _LAST.ref is not None else None
    entry = getattr(tape, "_none_record", {}).get(_source_id(source)) if tape is not None else None
    if entry is None:
        return None
    from .explain import explain_ids

    tids, var_tids = entry
    return explain_ids(tape, tids, source, var_tids)


__all__ = ["GradientTape", "UnconnectedGradients", "explain_last_none"]
