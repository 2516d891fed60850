"""Why is a gradient None? Plain-language explanations from what a tape recorded.

A tape keeps, besides its records, the ids of what it watched, the non-differentiable ops it
saw (``_cuts``), tensors computed downstream of them (``_shadow``), watched values taken to NumPy
(``_exports``) and time stamps (``_marks``: enter / exit / stop / resume / reset) drawn from the same
counter as tensor ids, so "was this tensor made while the tape recorded?" is a comparison.

Example:
    >>> import tapeflow as tf
    >>> x = tf.constant(3.0)
    >>> with tf.GradientTape() as t:
    ...     y = x * x
    >>> print(explain(t, y, x))  # doctest: +ELLIPSIS
    The gradient is None because the source (a float32 tensor of shape ()) was never watched...
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import nest
from .tensor import Tensor, Variable

# ops whose outputs carry no gradient, in words (the rest are named as they are)
_CUT_WORDS = {
    "stop_gradient": "tf.stop_gradient",
    "cast_to_int": "a cast to an integer/bool dtype (tf.cast(..., tf.int32))",
}


def _describe(source: Any) -> str:
    if isinstance(source, Variable):
        return f"Variable '{source.name}' (shape {tuple(source.shape)}, dtype {source.dtype.name})"
    if isinstance(source, Tensor):
        return f"a {source.dtype.name} tensor of shape {tuple(source._value.shape)}"
    return repr(source)


def _state_at(marks: list, tid: int) -> str:
    """Where the tape stood when id ``tid`` was drawn: 'before', 'recording', 'stopped', 'exited'."""
    state = "before"
    for mid, event in marks:
        if mid > tid:
            break
        if event == "enter":
            state = "recording"
        elif event == "exit":
            state = "exited"
        elif event == "stop" and state == "recording":
            state = "stopped"
        elif event == "resume" and state == "stopped":
            state = "recording"
    return state


def _reset_after(marks: list, tid: int) -> str | None:
    """'reset' or 'renew' (a used one-shot tape entered again) if one happened after ``tid``."""
    for mid, event in marks:
        if mid > tid and event in ("reset", "renew"):
            return event
    return None


def _forward(edges: list, start: set, differentiable_only: bool) -> set:
    reach = set(start)
    for _name, ins, outs, diff in edges:
        if differentiable_only and not diff:
            continue
        for i in ins:
            if i in reach:
                reach.update(outs)
                break
    return reach


def _ancestors(edges: list, targets: set) -> set:
    anc = set(targets)
    for _name, ins, outs, _diff in reversed(edges):
        for o in outs:
            if o in anc:
                anc.update(ins)
                break
    return anc


# the reason for each state of the tape when the target was computed (see ``_state_at``) ...
_WHEN_REASONS = {
    "before": (
        "the target was computed before the tape started recording (before the "
        "`with tf.GradientTape() as tape:` block). Compute it inside the block."
    ),
    "exited": (
        "the target was computed after the tape stopped recording (outside the `with` block, after "
        "it exited). Compute it inside the block."
    ),
    "stopped": "the target was computed inside `tape.stop_recording()`, where operations are not recorded.",
}
# ... and for a recording wiped after it (see ``_reset_after``)
_WIPED_REASONS = {
    "reset": (
        "the target was computed before `tape.reset()`, which discarded everything recorded up to "
        "that point."
    ),
    "renew": (
        "the target was computed before this non-persistent tape was entered again after its one "
        "gradient() call; re-entering starts a fresh recording. Use persistent=True to keep it."
    ),
}


def _timing(tape: Any, tid: int) -> str | None:
    """A reason tied to *when* the target was computed, or None."""
    marks = tape._marks
    reason = _WHEN_REASONS.get(_state_at(marks, tid))
    if reason is None:
        reason = _WIPED_REASONS.get(_reset_after(marks, tid))
    return reason


def explain_ids(tape: Any, target_ids: list, source: Any, var_target_ids: Any = frozenset()) -> str:
    """Explain ``gradient(targets, source)`` for targets known by id.

    ``var_target_ids``: the ids among ``target_ids`` that are Variables (their value has no time
    stamp, so no "computed outside the tape" reasoning applies to them).

    Example:
        >>> import tapeflow as tf
        >>> v = tf.Variable(1.0)
        >>> with tf.GradientTape(watch_accessed_variables=False) as t:
        ...     y = v * 2.0
        >>> "watch_accessed_variables=False" in explain_ids(t, [y._id], v)
        True
    """
    sid = source._id if isinstance(source, (Tensor, Variable)) else None
    if sid is None:
        return f"The source {source!r} is not a tf.Tensor or tf.Variable, so it has no gradient."
    what = _describe(source)
    tids = set(target_ids)
    if sid in tids:
        return f"The gradient is not None: the source ({what}) is itself a target."
    if tape._records is None and tape._skeleton is None:
        return (
            "This non-persistent tape released its records after gradient(); create it with "
            "persistent=True to explain its gradients."
        )
    edges = tape._edges()
    diff_reach = _forward(edges, {sid}, True)
    if tids & diff_reach:
        n = sum(1 for e in edges if e[3] and any(i in diff_reach for i in e[1]))
        return (
            f"The gradient is not None: the target depends on the source ({what}) through {n} recorded "
            "differentiable operation(s)."
        )
    head = "The gradient is None because "
    origin = getattr(source, "_origin", None) if type(source) is Tensor else None
    if origin is not None:
        op, var = origin
        sym = {"__add__": "+", "__radd__": "+", "__sub__": "-", "__rsub__": "-", "__mul__": "*",
               "__rmul__": "*", "__truediv__": "/", "__rtruediv__": "/", "__pow__": "**"}.get(op, op)
        return head + (
            f"the source is a Tensor, not a Variable: it was made by `{sym}` from Variable '{var}' "
            f"(e.g. `x = x {sym} 1` replaces the variable by a new tensor). Update the variable in place "
            "with x.assign(...), x.assign_add(...) or x.assign_sub(...) so it stays a tf.Variable."
        )
    # when was the target made?
    produced = set()
    for e in edges:
        produced.update(e[2])
    for tid in target_ids:
        if tid in var_target_ids or tid in produced:
            continue
        why = _timing(tape, tid)
        if why:
            return head + why
    watched = sid in tape._watched or sid in tape._variables
    if not watched:
        if isinstance(source, Variable):
            if not source.trainable:
                return head + (
                    f"{what} is not trainable (trainable=False): tapes watch only trainable variables "
                    "automatically. Call tape.watch(v) inside the `with` block, or make it trainable."
                )
            if not tape._watch_accessed:
                return head + (
                    f"the tape was created with watch_accessed_variables=False and {what} was never "
                    "watched explicitly: call tape.watch(v) inside the `with` block."
                )
            return head + (
                f"{what} was never read while the tape was recording: use it inside the "
                "`with tf.GradientTape() as tape:` block to compute the target."
            )
        return head + (
            f"the source ({what}) was never watched: tapes watch only trainable tf.Variables "
            "automatically. Call tape.watch(x) inside the `with` block before using x, or make it a "
            "tf.Variable."
        )
    all_reach = _forward(edges, {sid}, False)
    if tids & all_reach:
        anc = _ancestors(edges, tids)
        cuts = []
        for name, ins, outs, diff in edges:
            if not diff and any(i in diff_reach for i in ins) and any(o in anc for o in outs):
                if name not in cuts:
                    cuts.append(name)
        if "stop_gradient" in cuts and len(cuts) == 1:
            return head + (
                "the path from the source to the target is blocked by tf.stop_gradient, which passes the "
                "value but no gradient."
            )
        named = ", ".join(f"'{c}'" + (f" ({_CUT_WORDS[c]})" if c in _CUT_WORDS else "") for c in cuts)
        return head + (
            f"the path from the source to the target is cut by the non-differentiable op {named}: its "
            "output has an integer/bool dtype or a zero derivative almost everywhere (argmax, casts to "
            "int, comparisons such as 'greater', floor, round ...), so no gradient flows through it."
        )
    exported = [e for e in tape._exports if e in diff_reach]
    if exported:
        return head + (
            "a value computed from the source was converted to NumPy (.numpy() or np.asarray) inside the "
            "tape; computations on NumPy arrays, and tensors rebuilt from them, are not recorded. Keep "
            "the computation in tapeflow ops."
        )
    return head + (
        f"the target does not depend on the source ({what}): no chain of recorded operations leads from "
        "the source to the target (was the target computed from other values, or was the source "
        "watched only after it was used?)."
    )


def explain(tape: Any, target: Any, source: Any) -> str:
    """Say in words why ``tape.gradient(target, source)`` is (or is not) None.

    Distinguishes: source never watched / Variable not trainable / watch_accessed_variables=False /
    Variable never read; target computed before or after the tape, inside stop_recording(), or
    before reset(); path cut by a non-differentiable op (named) or by stop_gradient; value taken
    to NumPy and back; variable replaced by a tensor (``x = x + 1``); plain disconnection.

    Example:
        >>> import tapeflow as tf
        >>> v = tf.Variable(1.0, trainable=False)
        >>> with tf.GradientTape() as t:
        ...     y = v * 2.0
        >>> "not trainable" in explain(t, y, v)
        True
    """
    if target is None:
        return "The target is None: pass the tensor(s) you want to differentiate."
    flat = nest.flatten(target)
    ids = []
    var_ids = set()
    for t in flat:
        if isinstance(t, (Tensor, Variable)):
            ids.append(t._id)
            if isinstance(t, Variable):
                var_ids.add(t._id)
    return explain_ids(tape, ids, source, frozenset(var_ids))


# -- what the tape recorded, as a graph (read-only over the records) --------------------------


class OpGraph:
    """The computation a tape (or a ``tf.summary`` trace) recorded, as plain data.

    ``ops``: ``(op name, input ids, output ids, differentiable?)`` in execution order, the op named
    as the user called it (``matmul``, ``add``, ``reduce_sum`` ...); ``info``: tensor id ->
    ``(shape, dtype name)`` where known; ``names``: id -> name of the Variables read; ``watched``:
    ids the tape watched. Build one with ``op_graph(tape)``.
    """

    __slots__ = ("ops", "info", "names", "watched")

    def __init__(self, ops: list, info: dict, names: dict, watched: Any = frozenset()) -> None:
        self.ops = ops
        self.info = info
        self.names = names
        self.watched = watched

    def leaves(self) -> list:
        """Ids consumed by some op but produced by none (variables, watched tensors, constants)."""
        made: set = set()
        for op in self.ops:
            made.update(op[2])
        seen: dict = {}
        for op in self.ops:
            for i in op[1]:
                if i not in made:
                    seen.setdefault(i, None)
        return list(seen)


def _tensor_info(t: Tensor) -> tuple:
    return tuple(t._value.shape), t.dtype.name


def _variable_name(v: Any) -> str:
    name = getattr(v, "path", None) or v.name
    return name[:-2] if name.endswith(":0") else name


def op_graph(tape: Any) -> OpGraph:
    """The tape's records as an ``OpGraph`` (shapes and dtypes are known while records are kept).

    Example:
        >>> import tapeflow as tf
        >>> x = tf.Variable([[1.0, 2.0]], name="x")
        >>> with tf.GradientTape() as t:
        ...     y = tf.reduce_sum(tf.matmul(x, tf.ones([2, 1])))
        >>> [op[0] for op in op_graph(t).ops]
        ['matmul', 'reduce_sum']
    """
    info: dict = {}
    if tape._records is not None:
        for _prim, ins, out, _p in tape._records:
            for t in ins:
                info[t._id] = _tensor_info(t)
            for t in (out,) if type(out) is Tensor else out:
                info[t._id] = _tensor_info(t)
    names = {vid: _variable_name(v) for vid, v in tape._variables.items()}
    return OpGraph(tape._edges(), info, names, frozenset(tape._watched))


def _ids_of(x: Any) -> list:
    if x is None:
        return []
    return [t._id for t in nest.flatten(x) if isinstance(t, (Tensor, Variable))]


def path_between(graph: OpGraph, target_ids: Any, source_ids: Any) -> tuple:
    """``(tensor ids, op indices)`` on some path from a source to a target (through any recorded op)."""
    fwd = set(source_ids)
    for op in graph.ops:
        if any(i in fwd for i in op[1]):
            fwd.update(op[2])
    anc = set(target_ids)
    ops = set()
    for k in range(len(graph.ops) - 1, -1, -1):
        _name, ins, outs, _diff = graph.ops[k]
        if any(o in anc and o in fwd for o in outs) and any(i in fwd for i in ins):
            ops.add(k)
            anc.update(ins)
    return fwd & anc, ops


def _shape_text(info: tuple | None) -> str:
    if info is None:
        return ""
    shape, dtype = info
    return f"{dtype} ({', '.join(str(d) for d in shape)}{',' if len(shape) == 1 else ''})"


def _dot_quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(tape: Any, target: Any = None, sources: Any = None, name: str = "tape") -> str:
    """Graphviz DOT text of what ``tape`` recorded; the path from ``sources`` to ``target`` in red.

    Ops are boxes named as called (``matmul``), non-differentiable ones (cuts) dashed gray; leaves
    (Variables by name, watched tensors, constants) are ellipses; edges carry dtype and shape.
    Without ``sources`` the path starts at everything the tape watched. Read-only: the tape is
    not changed, and nothing is kept when this is not called.

    Example:
        >>> import tapeflow as tf
        >>> w = tf.Variable(2.0, name="w")
        >>> with tf.GradientTape() as t:
        ...     y = w * w + 1.0
        >>> dot = to_dot(t, y, w)
        >>> dot.startswith("digraph") and '"multiply"' in dot and "color=red" in dot
        True
    """
    if tape._records is None and tape._skeleton is None:
        raise RuntimeError(
            "to_dot: this non-persistent tape released its records after gradient(); call to_dot before "
            "gradient() or create the tape with persistent=True."
        )
    g = op_graph(tape)
    tids = _ids_of(target)
    sids = _ids_of(sources) if sources is not None else [i for i in g.leaves() if i in g.watched]
    on_ids, on_ops = path_between(g, tids, sids) if tids else (set(), set())
    red = ", color=red, fontcolor=red, penwidth=2"
    lines = [f"digraph {_dot_quote(name)} {{", "  rankdir=TB;",
             '  node [fontname="Helvetica", fontsize=10];', '  edge [fontname="Helvetica", fontsize=9];']
    producer: dict = {}
    for k, (opname, _ins, outs, diff) in enumerate(g.ops):
        for o in outs:
            producer[o] = f"op{k}"
        style = "" if diff else ", style=dashed, color=gray50, fontcolor=gray30"
        lines.append(f"  op{k} [label={_dot_quote(opname)}, shape=box{red if k in on_ops else style}];")
    const_n = 0
    for i in g.leaves():
        if i in g.names:
            label = g.names[i]
        elif i in g.watched:
            label = "watched"
        else:
            label = "const" if const_n == 0 else f"const_{const_n}"
            const_n += 1
        label += "\n" + _shape_text(g.info.get(i))
        extra = red if i in on_ids else ""
        kind = "ellipse" if i in g.names or i in g.watched else "plaintext"
        lines.append(f"  t{i} [label={_dot_quote(label.rstrip())}, shape={kind}{extra}];")
        producer[i] = f"t{i}"
    for k, (_opname, ins, _outs, _diff) in enumerate(g.ops):
        for i in ins:
            src = producer.get(i)
            if src is None:
                continue
            hot = i in on_ids and k in on_ops
            lines.append(f"  {src} -> op{k} [label={_dot_quote(_shape_text(g.info.get(i)))}{red if hot else ''}];")
    for j, tid in enumerate(tids):
        label = "target" if len(tids) == 1 else f"target_{j}"
        label += "\n" + _shape_text(g.info.get(tid))
        hot = red if tid in on_ids else ""
        lines.append(f"  target{j} [label={_dot_quote(label.rstrip())}, shape=doubleoctagon{hot}];")
        src = producer.get(tid)
        if src is not None:
            lines.append(f"  {src} -> target{j} [{hot[2:] if hot else 'style=solid'}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


__all__ = ["explain", "explain_ids", "OpGraph", "op_graph", "path_between", "to_dot"]


# --- where did a NaN come from ---------------------------------------------------------------------


def _finite_summary(a: np.ndarray) -> str:
    a = np.asarray(a)
    if a.dtype.kind not in "fc":
        return f"shape {tuple(a.shape)}, {a.dtype.name}"
    nan, inf = int(np.isnan(a).sum()), int(np.isinf(a).sum())
    fin = a[np.isfinite(a)] if (nan or inf) else a
    rng = f"min {fin.min():.6g}, max {fin.max():.6g}" if fin.size else "no finite value"
    bad = f", {nan} NaN, {inf} Inf" if (nan or inf) else " (all finite)"
    return f"shape {tuple(a.shape)}, {rng}{bad}"


def _nonfinite(t: Any) -> bool:
    a = t._value
    return a.dtype.kind in "fc" and not np.isfinite(a).all()


class _FirstBad(Exception):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def explain_nan(tape: Any, target: Any, sources: Any = None) -> str:
    """Say where the first NaN or Inf on the way to ``target`` appeared, after the fact.

    The forward ops the tape recorded (those that lead to ``target``) are scanned in execution
    order: the first one whose output is not finite is named, with its inputs' shapes and ranges,
    and whether it made the non-finite value itself (all inputs finite) or received it (a source,
    variable or constant that was already non-finite). When the forward pass is finite and
    ``sources`` are given, the gradient is computed with every gradient op checked, and the
    forward op whose gradient rule first made a NaN/Inf is named. The tape must still hold its
    records (persistent, or not used yet: a non-persistent tape is used up by this call).
    ``tf.debugging.enable_check_numerics()`` adds the line of your program that called the op.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.Variable([1.0, 0.0])
        >>> with tf.GradientTape(persistent=True) as t:
        ...     y = tf.reduce_sum(tf.math.log(x) * 2.0)
        >>> print(t.explain_nan(y).splitlines()[0])
        The first non-finite value appeared in op "log" (op 1 of 3 on the way to the target), which made it from finite inputs:
    """
    from .primitives import add_output_hook, remove_output_hook

    if tape._records is None:
        raise RuntimeError("explain_nan: this non-persistent tape was already used, so its records are gone; "
                           "record with tf.GradientTape(persistent=True) to explain after computing gradients")
    target_ids = set(_ids_of(target))
    if not target_ids:
        raise ValueError("explain_nan: target must be a tensor (or a structure of tensors) the tape recorded")
    records = tape._records
    # the records upstream of the target
    need = set(target_ids)
    keep = []
    for k in range(len(records) - 1, -1, -1):
        _prim, ins, out, _p = records[k]
        outs = (out,) if type(out) is Tensor else out
        if any(o._id in need for o in outs):
            keep.append(k)
            need.update(t._id for t in ins)
    keep.reverse()
    names = {vid: _variable_name(v) for vid, v in tape._variables.items()}
    made = set()
    for n, k in enumerate(keep, 1):
        prim, ins, out, _p = records[k]
        outs = (out,) if type(out) is Tensor else out
        bad_outs = [i for i, o in enumerate(outs) if _nonfinite(o)]
        if not bad_outs:
            made.update(o._id for o in outs)
            continue
        bad_ins = [i for i, t in enumerate(ins) if _nonfinite(t)]
        lines = []
        if not bad_ins:
            lines.append(f'The first non-finite value appeared in op "{prim.name}" (op {n} of {len(keep)} on the way '
                         "to the target), which made it from finite inputs:")
        else:
            i = bad_ins[0]
            t = ins[i]
            what = (f"the variable '{names[t._id]}'" if t._id in names else
                    "a watched tensor" if t._id in tape._watched and t._id not in made else "a constant")
            lines.append(f'The first non-finite value on the way to the target was already in input {i} of op '
                         f'"{prim.name}" (op {n} of {len(keep)}): {what}, not made by a recorded op:')
        for i, t in enumerate(ins):
            lines.append(f"  input {i}: {_finite_summary(t._value)}")
        for i in bad_outs:
            lines.append(f"  output {i}: {_finite_summary(outs[i]._value)}")
        later = [records[j][0].name for j in keep[n:]]
        if later:
            lines.append("  then through: " + " -> ".join(later[:12]) + (" -> ..." if len(later) > 12 else ""))
        lines.append("  (tf.debugging.enable_check_numerics() names the line of your program that called it)")
        return "\n".join(lines)
    if sources is None:
        return ("No NaN or Inf on the way to the target in the forward pass. Pass sources= to check the gradient "
                "too.")

    def hook(prim: Any, ins: tuple, out: Any) -> None:
        from .primitives import BACKWARD

        for o in (out if isinstance(out, tuple) else (out,)):
            if _nonfinite(o):
                rec = BACKWARD.rec
                owner = f'the gradient rule of op "{rec[0].name}"' if rec is not None else "a gradient op"
                text = [f'The forward pass is finite; the first non-finite gradient value was made by {owner} '
                        f'(in its op "{prim.name}"):']
                for i, t in enumerate(ins):
                    text.append(f"  input {i}: {_finite_summary(t._value)}")
                text.append(f"  output: {_finite_summary(o._value)}")
                raise _FirstBad("\n".join(text))

    add_output_hook(hook)
    try:
        tape.gradient(target, sources)
    except _FirstBad as e:
        return e.text
    finally:
        remove_output_hook(hook)
    return "No NaN or Inf on the way to the target, in the forward pass or in the gradient."
