"""``tf.autograph``: the pieces that make sense when every function runs eagerly.

tapeflow's ``tf.function`` runs Python as written (there is no graph conversion), so
``do_not_convert`` returns the function unchanged, ``set_verbosity`` records the level, and
``trace`` prints its arguments as ``tf.print`` does.

Example:
    >>> import tapeflow as tf
    >>> @tf.autograph.experimental.do_not_convert
    ... def f(x):
    ...     return x + 1
    >>> int(f(tf.constant(1)))
    2
"""

from __future__ import annotations

import enum
import sys
import types
from typing import Any, Callable

_VERBOSITY = [0]


def set_verbosity(level: int, alsologtostdout: bool = False) -> None:
    """Record AutoGraph's verbosity (tapeflow converts nothing, so nothing is logged).

    Example:
        >>> import tapeflow as tf
        >>> tf.autograph.set_verbosity(0)
    """
    _VERBOSITY[0] = int(level)


def trace(*args: Any) -> None:
    """Print the arguments (tensors in TF's text format) to stdout, as ``tf.autograph.trace``.

    Example:
        >>> import tapeflow as tf
        >>> tf.autograph.trace("x =", tf.constant([1, 2]))
        x = [1 2]
    """
    from .ops.logging_ops import print as tf_print

    tf_print(*args, output_stream=sys.stdout)


def _do_not_convert(func: Callable | None = None) -> Any:
    if func is None:
        return lambda f: f
    return func


def _set_loop_options(parallel_iterations: Any = None, swap_memory: Any = None, maximum_iterations: Any = None,
                      shape_invariants: Any = None) -> None:
    return None


class Feature(enum.Enum):
    """``tf.autograph.experimental.Feature`` (accepted; tapeflow converts nothing)."""

    ALL = "ALL"
    AUTO_CONTROL_DEPS = "AUTO_CONTROL_DEPS"
    ASSERT_STATEMENTS = "ASSERT_STATEMENTS"
    BUILTIN_FUNCTIONS = "BUILTIN_FUNCTIONS"
    EQUALITY_OPERATORS = "EQUALITY_OPERATORS"
    LISTS = "LISTS"
    NAME_SCOPES = "NAME_SCOPES"


experimental = types.SimpleNamespace(do_not_convert=_do_not_convert, set_loop_options=_set_loop_options,
                                     Feature=Feature)

__all__ = ["set_verbosity", "trace", "experimental"]
