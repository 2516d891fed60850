"""The recorder stack: who sees each primitive as it runs.

A *recorder* is any object implementing :class:`Recorder`: ``GradientTape``, ``ForwardAccumulator``,
custom_gradient's variable watcher, and later a tracer for ``tf.function``. This module owns the
per-thread stack and is the only code that changes it; other modules use the functions and context
managers below. The engine's hot paths only READ it: ``primitives.bind*`` run
``if STATE.recording: for r in STATE.recording: r._on_op(...)`` and ``Variable._read`` runs the
loop of :func:`note_read` inline.

``STATE`` (thread-local) holds two lists:

- ``STATE.recording``: the recorders that see ops right now, outermost first;
- ``STATE.tapes``: the entered tapes (recording or paused by ``stop_recording``), innermost last.

Example:
    >>> import tapeflow as tf
    >>> from tapeflow import recorders
    >>> with tf.GradientTape() as t:
    ...     recorders.is_recording(t), recorders.active()
    (True, True)
    >>> recorders.active()
    False
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Container, Iterable, Iterator
from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class Recorder(Protocol):
    """What the stack asks of a recorder (a tape, a forward accumulator, a watcher, a tracer).

    - ``_on_op(prim, ins, out, params)``: called after every primitive while the recorder is in
      ``STATE.recording`` (``out`` is a Tensor, or a tuple for multi-output primitives);
    - ``_watched``: the ids of the tensors it tracks (``note_export`` looks ids up in it);
    - ``_exports``: a set to which ``note_export`` adds the tracked ids whose value left for NumPy;
    - ``_watch_accessed``: whether reading a trainable variable should watch it, in which case
      ``note_read`` calls ``_watch_variable(v)`` (once: only while ``v._id`` is not in ``_watched``).

    Example:
        >>> import tapeflow as tf
        >>> isinstance(tf.GradientTape(), Recorder), isinstance(object(), Recorder)
        (True, False)
    """

    @property
    def _watch_accessed(self) -> bool: ...

    @property
    def _watched(self) -> Container[int]: ...

    @property
    def _exports(self) -> set: ...

    def _on_op(self, prim: Any, ins: tuple, out: Any, params: dict | None) -> None: ...

    def _watch_variable(self, v: Any) -> None: ...


class _RecorderState(threading.local):
    def __init__(self) -> None:
        self.tapes: list = []  # entered tapes, innermost last
        self.recording: list = []  # recorders seeing ops now, outermost first


STATE = _RecorderState()


# --- reading the stack -----------------------------------------------------------------------------


def active() -> bool:
    """True when some recorder sees ops right now.

    Example:
        >>> active()
        False
    """
    return bool(STATE.recording)


def is_recording(rec: Recorder) -> bool:
    """True while ``rec`` sees ops (entered, not paused, not stopped).

    Example:
        >>> import tapeflow as tf
        >>> t = tf.GradientTape()
        >>> with t:
        ...     with t.stop_recording():
        ...         is_recording(t)
        False
    """
    return rec in STATE.recording


def is_entered(tape: Recorder) -> bool:
    """True from :func:`enter` to :func:`pop` (paused or not).

    Example:
        >>> import tapeflow as tf
        >>> t = tf.GradientTape()
        >>> with t:
        ...     with t.stop_recording():
        ...         is_entered(t)
        True
    """
    return tape in STATE.tapes


def entered_tapes() -> tuple:
    """The entered tapes, innermost last (paused ones too).

    Example:
        >>> import tapeflow as tf
        >>> with tf.GradientTape() as t:
        ...     entered_tapes() == (t,)
        True
    """
    return tuple(STATE.tapes)


def outer(rec: Recorder) -> list:
    """The recorders that were recording before ``rec`` joined (empty when ``rec`` is not recording).

    Forward mode records its tangent computations on these only.

    Example:
        >>> import tapeflow as tf
        >>> with tf.GradientTape() as a, tf.GradientTape() as b:
        ...     outer(b) == [a], outer(a)
        (True, [])
    """
    rs = STATE.recording
    try:
        return rs[: rs.index(rec)]
    except ValueError:
        return []


# --- what the engine tells recorders ------------------------------------------------------------


def record(prim: Any, ins: tuple, out: Any, params: dict | None) -> None:
    """Show the op ``prim(ins) -> out`` to every recorder (each decides whether it keeps it).

    ``bind`` does this inline; this is for ops made outside ``bind`` (custom gradients, cuts).

    Example:
        >>> record(None, (), None, None)  # no recorder: nothing happens
    """
    for r in STATE.recording:
        r._on_op(prim, ins, out, params)


def note_read(v: Any) -> None:
    """A trainable variable ``v`` was read: recorders that watch accessed variables watch it.

    Example:
        >>> import tapeflow as tf
        >>> v = tf.Variable(1.0)
        >>> with tf.GradientTape() as t:
        ...     note_read(v)
        >>> t.watched_variables() == (v,)
        True
    """
    for r in STATE.recording:
        if r._watch_accessed and v._id not in r._watched:
            r._watch_variable(v)


def note_export(t: Any) -> None:
    """The value of tensor ``t`` left for NumPy: recorders tracking it note it (``tape.explain``).

    Example:
        >>> import tapeflow as tf
        >>> x = tf.constant(1.0)
        >>> with tf.GradientTape() as t:
        ...     t.watch(x)
        ...     note_export(x)
        >>> x._id in t._exports
        True
    """
    tid = t._id
    for r in STATE.recording:
        if tid in r._watched:
            r._exports.add(tid)


# --- changing the stack -------------------------------------------------------------------------


def push(rec: Recorder) -> None:
    """``rec`` starts seeing ops (innermost) until :func:`pop` (a forward accumulator's ``with``).

    Example:
        >>> import tapeflow as tf
        >>> t = tf.GradientTape()
        >>> push(t)
        >>> is_recording(t), is_entered(t)
        (True, False)
        >>> pop(t)
        >>> is_recording(t)
        False
    """
    STATE.recording.append(rec)


def enter(tape: Recorder) -> bool:
    """Push ``tape`` and mark it entered, so that it can be paused and resumed (:func:`paused`) until
    :func:`pop`. Returns False, changing nothing, when it is entered already.

    Example:
        >>> import tapeflow as tf
        >>> t = tf.GradientTape()
        >>> enter(t), enter(t)
        (True, False)
        >>> is_recording(t), is_entered(t)
        (True, True)
        >>> pop(t)
        >>> is_recording(t), is_entered(t)
        (False, False)
    """
    s = STATE
    if tape in s.tapes:
        return False
    s.recording.append(tape)
    s.tapes.append(tape)
    return True


def pop(rec: Recorder) -> None:
    """``rec`` stops seeing ops and is no longer entered (no error if it was neither).

    Example:
        >>> import tapeflow as tf
        >>> pop(tf.GradientTape())
    """
    s = STATE
    if rec in s.recording:
        s.recording.remove(rec)
    if rec in s.tapes:
        s.tapes.remove(rec)


def stop(rec: Recorder) -> None:
    """``rec`` stops seeing ops for good but stays entered (a one-shot tape after its walk).

    Example:
        >>> import tapeflow as tf
        >>> with tf.GradientTape() as t:
        ...     stop(t)
        ...     is_recording(t), is_entered(t)
        (False, True)
    """
    rs = STATE.recording
    if rec in rs:
        rs.remove(rec)


@contextlib.contextmanager
def recording(rec: Recorder) -> Iterator[Recorder]:
    """``rec`` sees the ops run inside the block (innermost), then leaves the stack.

    Example:
        >>> import tapeflow as tf
        >>> t = tf.GradientTape()
        >>> with recording(t):
        ...     is_recording(t)
        True
        >>> is_recording(t)
        False
    """
    STATE.recording.append(rec)
    try:
        yield rec
    finally:
        rs = STATE.recording
        if rec in rs:
            rs.remove(rec)


@contextlib.contextmanager
def paused(tape: Recorder, resume: Callable[[], bool] | None = None) -> Iterator[None]:
    """The recording ``tape`` sees nothing inside the block (``tape.stop_recording()``). After it,
    the tape takes its place again if it is still entered and ``resume()`` (when given) is true.

    Example:
        >>> import tapeflow as tf
        >>> with tf.GradientTape() as t:
        ...     with paused(t):
        ...         is_recording(t)
        ...     is_recording(t)
        False
        True
    """
    rs = STATE.recording
    i = rs.index(tape)
    del rs[i]
    try:
        yield
    finally:
        rs = STATE.recording
        if tape in STATE.tapes and tape not in rs and (resume is None or resume()):
            rs.insert(min(i, len(rs)), tape)


@contextlib.contextmanager
def only(recs: Iterable[Recorder]) -> Iterator[None]:
    """Inside the block exactly ``recs`` see ops; the stack as it was comes back after it.

    Forward mode computes tangents this way (seen by the recorders entered before it).

    Example:
        >>> import tapeflow as tf
        >>> with tf.GradientTape() as a, tf.GradientTape() as b:
        ...     with only([a]):
        ...         is_recording(a), is_recording(b)
        ...     is_recording(b)
        (True, False)
        True
    """
    old = STATE.recording
    STATE.recording = list(recs)
    try:
        yield
    finally:
        STATE.recording = old


@contextlib.contextmanager
def no_recording(keep: Callable[[Recorder], bool] | None = None) -> Iterator[None]:
    """Nothing is recorded inside the block (``tf.init_scope``, Keras's shape probes), except by
    the recorders ``keep`` accepts (``recompute_grad`` keeps custom_gradient's variable watchers).

    Example:
        >>> import tapeflow as tf
        >>> x = tf.constant(2.0)
        >>> with tf.GradientTape() as t:
        ...     t.watch(x)
        ...     with no_recording():
        ...         y = x * x
        >>> print(t.gradient(y, x))
        None
    """
    old = STATE.recording
    STATE.recording = [] if keep is None else [r for r in old if keep(r)]
    try:
        yield
    finally:
        STATE.recording = old


__all__ = ["Recorder", "STATE", "active", "is_recording", "is_entered", "entered_tapes", "outer", "record",
           "note_read", "note_export", "push", "enter", "pop", "stop", "recording", "paused", "only", "no_recording"]
