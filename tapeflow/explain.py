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


__all__ = ["explain", "explain_ids"]
