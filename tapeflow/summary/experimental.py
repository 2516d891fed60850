"""``tf.summary.experimental``: the default step, summary scopes and raw Summary protos.

Example:
    >>> import tapeflow as tf
    >>> tf.summary.experimental.set_step(5)
    >>> tf.summary.experimental.get_step()
    5
    >>> tf.summary.experimental.set_step(None)
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

__all__ = ["get_step", "set_step", "summary_scope", "write_raw_pb"]


def get_step() -> Any:
    """The default step of this thread (as set by ``set_step`` or ``writer.as_default(step)``), or None.

    Example:
        >>> import tapeflow as tf
        >>> tf.summary.experimental.get_step() is None
        True
    """
    from . import _get_step

    return _get_step()


def set_step(step: Any) -> None:
    """Set the default step (an int, or a Variable read at each write, e.g. ``optimizer.iterations``).

    Example:
        >>> import tapeflow as tf
        >>> tf.summary.experimental.set_step(1)
        >>> tf.summary.experimental.set_step(None)
    """
    from . import _set_step

    _set_step(step)


@contextlib.contextmanager
def summary_scope(name: str, default_name: str | None = None, values: Any = None) -> Iterator[tuple]:
    """A name scope for summary ops; yields ``(tag, scope)``: the tag is ``name`` under the enclosing scopes.

    Example:
        >>> import tapeflow as tf
        >>> with tf.summary.experimental.summary_scope("loss") as (tag, scope):
        ...     print(tag, scope)
        loss loss/
    """
    from ..module import get_current_name_scope, name_scope

    name = name or default_name
    parent = get_current_name_scope()
    tag = f"{parent}/{name}" if parent else name
    with name_scope(name) as scope:
        yield tag, scope


def write_raw_pb(tensor: Any, step: Any = None, name: str | None = None) -> Any:
    """Write serialized ``Summary`` protos (bytes, or a list/tensor of them) as they are; True when written.

    Example:
        >>> import tapeflow as tf
        >>> bool(tf.summary.experimental.write_raw_pb(b"", step=0))  # no default writer
        False
    """
    import numpy as np

    from ..tensor import constant
    from . import _active_writer, _condition_true, _step_value

    writer = _active_writer()
    if writer is None or not _condition_true():
        return constant(False)
    s = _step_value(step)
    from ._events import proto_modules

    p = proto_modules()
    for raw in np.asarray(tensor, dtype=object).reshape(-1):
        ev = p.event_pb2.Event(step=s)
        ev.summary.ParseFromString(bytes(raw))
        writer._add_event(ev)
    return constant(True)
