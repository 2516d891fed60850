"""``tf.debugging``: assertions, numeric checks and ``enable_check_numerics``.

The assertions run eagerly: they return ``None`` when the condition holds and raise TF's error
(``InvalidArgumentError`` for a value condition, ``ValueError``/``TypeError`` for a static one)
with TF's message otherwise.

Example:
    >>> import tapeflow as tf
    >>> tf.debugging.assert_equal(tf.constant([1, 2]), tf.constant([1, 2])) is None
    True
    >>> try:
    ...     tf.debugging.assert_less(tf.constant([1, 5]), 3)
    ... except tf.errors.InvalidArgumentError as e:
    ...     print(str(e).splitlines()[0])
    Condition x < y did not hold.
"""

from __future__ import annotations

import collections
import linecache
import os
import sys
from typing import Any

import numpy as np

from .. import dtypes as _dt
from .. import primitives as P
from ..errors import InvalidArgumentError
from ..primitives import defprim
from ..tensor import Tensor, Variable, _shape_str
from ._args import binary_args, describe, tensor_arg

_DEFAULT_SUMMARIZE = 3


def _arr(x: Any, op: str) -> np.ndarray:
    return np.asarray(tensor_arg(x, op)._value)


def _prefix(message: Any, sep: str) -> str:
    if message is None or message == "":
        return ""
    if isinstance(message, bytes):
        message = message.decode("utf-8", "replace")
    return f"{message}{sep}"


def _binary_assert(symbol: str, ufunc: Any, op: str, x: Any, y: Any, data: Any, summarize: Any, message: Any) -> None:
    tx, ty = binary_args(x, y, op)
    a, b = np.asarray(tx._value), np.asarray(ty._value)
    try:
        ok = ufunc(a, b)
    except ValueError:
        raise InvalidArgumentError(
            f"Incompatible shapes: {list(a.shape)} vs. {list(b.shape)} ({op}: x is a {describe(tx)}, y is a "
            f"{describe(ty)})", op=op) from None
    if np.all(ok):
        return None
    n = _DEFAULT_SUMMARIZE if summarize is None else int(summarize)
    lines = [f"Condition x {symbol} y did not hold."]
    if data is not None:
        lines = [_summarized(data, n)] + lines
    if a.shape == b.shape and a.ndim > 0:
        bad = np.argwhere(~np.asarray(ok))[:n]
        lines += [f"Indices of first {len(bad)} different values:", str(bad),
                  "Corresponding x values:", str(a[tuple(bad.T)]),
                  "Corresponding y values:", str(b[tuple(bad.T)])]
    xs, ys = a.reshape(-1)[:n], b.reshape(-1)[:n]
    lines += [f"First {xs.size} elements of x:", str(xs), f"First {ys.size} elements of y:", str(ys)]
    raise InvalidArgumentError(_prefix(message, "\n") + "\n".join(lines), op=op)


def _unary_assert(symbol: str, test: Any, op: str, x: Any, summarize: Any, message: Any) -> None:
    t = tensor_arg(x, op)
    a = np.asarray(t._value)
    if a.dtype.kind not in "iuf":
        raise TypeError(f"{op}: expected a numeric tensor, got a {describe(t)}")
    if np.all(test(a)):
        return None
    n = _DEFAULT_SUMMARIZE if summarize is None else int(summarize)
    flat = [str(v) for v in a.reshape(-1)[:n]] + (["..."] if a.size > n else [])
    raise InvalidArgumentError(
        _prefix(message, ".  ") + f"\nCondition x {symbol} did not hold element-wise:\n"
        f"x (shape={_shape_str(a.shape)} dtype={t.dtype.name}) = \n{flat}", op=op)


def _make_binary(opname: str, symbol: str, ufunc: Any) -> Any:
    def check(x: Any, y: Any, data: Any = None, summarize: int | None = None, message: str | None = None,
              name: str | None = None) -> None:
        return _binary_assert(symbol, ufunc, opname, x, y, data, summarize, message)

    name = opname
    check.__name__ = check.__qualname__ = name
    check.__doc__ = (f"``tf.debugging.{name}(x, y, data=None, summarize=None, message=None, name=None)``: raise "
                     f"``InvalidArgumentError`` unless ``x {symbol} y`` holds element-wise (with broadcasting).\n\n"
                     "    Returns None when it holds, as TF in eager mode. Example: "
                     f"``tf.debugging.{name}(tf.constant([1]), tf.constant([1]))``.")
    return check


assert_equal = _make_binary("assert_equal", "==", np.equal)
assert_none_equal = _make_binary("assert_none_equal", "!=", np.not_equal)
assert_less = _make_binary("assert_less", "<", np.less)
assert_less_equal = _make_binary("assert_less_equal", "<=", np.less_equal)
assert_greater = _make_binary("assert_greater", ">", np.greater)
assert_greater_equal = _make_binary("assert_greater_equal", ">=", np.greater_equal)


def _make_unary(opname: str, symbol: str, test: Any) -> Any:
    def check(x: Any, message: str | None = None, summarize: int | None = None, name: str | None = None) -> None:
        return _unary_assert(symbol, test, opname, x, summarize, message)

    name = opname
    check.__name__ = check.__qualname__ = name
    check.__doc__ = (f"``tf.debugging.{name}(x, message=None, summarize=None, name=None)``: raise "
                     f"``InvalidArgumentError`` unless ``x {symbol}`` holds for every element.\n\n"
                     f"    Example: ``tf.debugging.{name}(tf.constant([1.0]))`` (None when it holds).")
    return check


assert_positive = _make_unary("assert_positive", "> 0", lambda a: a > 0)
assert_negative = _make_unary("assert_negative", "< 0", lambda a: a < 0)
assert_non_negative = _make_unary("assert_non_negative", ">= 0", lambda a: a >= 0)
assert_non_positive = _make_unary("assert_non_positive", "<= 0", lambda a: a <= 0)


def assert_near(x: Any, y: Any, rtol: Any = None, atol: Any = None, data: Any = None, summarize: int | None = None,
                message: str | None = None, name: str | None = None) -> None:
    """Raise ``InvalidArgumentError`` unless ``|x - y| <= atol + rtol * |y|`` element-wise.

    The default tolerances are ``10 * eps`` of the dtype, as TF.

    Example:
        >>> import tapeflow as tf
        >>> tf.debugging.assert_near(tf.constant([1.0, 2.0]), tf.constant([1.0, 2.0000001])) is None
        True
    """
    tx, ty = binary_args(x, y, "assert_near")
    a, b = np.asarray(tx._value), np.asarray(ty._value)
    eps = np.finfo(a.dtype).eps if a.dtype.kind in "fc" else 0
    rt = 10 * eps if rtol is None else float(np.asarray(rtol))
    at = 10 * eps if atol is None else float(np.asarray(atol))
    if np.all(np.abs(a - b) <= at + rt * np.abs(b)):
        return None
    n = _DEFAULT_SUMMARIZE if summarize is None else int(summarize)
    dt = tx.dtype.name
    raise InvalidArgumentError(
        _prefix(message, "\n") + f"x and y not equal to tolerance rtol = {rt:g}, atol = {at:g}\n"
        f"x (shape={_shape_str(a.shape)} dtype={dt}) = \n{_flat_text(a, n)}\n"
        f"y (shape={_shape_str(b.shape)} dtype={dt}) = \n{_flat_text(b, n)}", op="assert_near")


def _flat_text(a: np.ndarray, n: int) -> str:
    flat = a.reshape(-1)
    parts = [str(v) for v in flat[:n]] + (["..."] if flat.size > n else [])
    return ", ".join(parts)


def _summarized(data: Any, n: int) -> str:
    out = []
    for d in data if isinstance(data, (list, tuple)) else [data]:
        if isinstance(d, (Tensor, Variable, np.ndarray)):
            out.append(_flat_text(np.asarray(d._t._value if isinstance(d, Variable) else
                                             d._value if isinstance(d, Tensor) else d), n))
        elif isinstance(d, str):
            out.append(repr(d.encode()))
        else:
            out.append(str(d))
    return "\n".join(out)


def Assert(condition: Any, data: Any, summarize: int | None = None, name: str | None = None) -> None:  # noqa: N802
    """``tf.debugging.Assert``: raise ``InvalidArgumentError`` showing ``data`` when ``condition`` is False.

    Example:
        >>> import tapeflow as tf
        >>> try:
        ...     tf.debugging.Assert(False, [tf.range(5), "bad"])
        ... except tf.errors.InvalidArgumentError as e:
        ...     print(e)
        Expected 'False' to be true. Summarized data: 0, 1, 2, ...
        b'bad'
    """
    cond = condition._value if isinstance(condition, Tensor) else (
        condition._t._value if isinstance(condition, Variable) else condition)
    if np.asarray(cond).shape != ():
        raise InvalidArgumentError(f"Assert: the condition must be a scalar bool, got shape {np.shape(cond)}", op="Assert")
    if bool(cond):
        return None
    n = _DEFAULT_SUMMARIZE if summarize is None else int(summarize)
    raise InvalidArgumentError(f"Expected '{condition}' to be true. Summarized data: {_summarized(data, n)}", op="Assert")


def _rank_of(x: Any, op: str) -> tuple:
    if hasattr(x, "shape") and not isinstance(x, (Tensor, Variable, np.ndarray)):
        shape = tuple(x.shape)
    else:
        shape = tuple(_arr(x, op).shape)
    return len(shape), shape


def _check_rank(x: Any, rank: Any, message: str | None, op: str, at_least: bool) -> None:
    r, shape = _rank_of(x, op)
    want = int(np.asarray(rank))
    if r < want if at_least else r != want:
        raise ValueError(_prefix(message, ".  ") + f"Tensor  must have rank {'at least ' if at_least else ''}{want}.  "
                         f"Received rank {r}, shape {_shape_str(shape)}")


def assert_rank(x: Any, rank: Any, message: str | None = None, name: str | None = None) -> None:
    """Raise ``ValueError`` unless ``x`` has rank ``rank``.

    Example:
        >>> import tapeflow as tf
        >>> tf.debugging.assert_rank(tf.zeros((2, 3)), 2) is None
        True
    """
    _check_rank(x, rank, message, "assert_rank", False)


def assert_rank_at_least(x: Any, rank: Any, message: str | None = None, name: str | None = None) -> None:
    """Raise ``ValueError`` unless ``x`` has rank at least ``rank``.

    Example:
        >>> import tapeflow as tf
        >>> tf.debugging.assert_rank_at_least(tf.zeros((2, 3)), 1) is None
        True
    """
    _check_rank(x, rank, message, "assert_rank_at_least", True)


def assert_rank_in(x: Any, ranks: Any, message: str | None = None, name: str | None = None) -> None:
    """Raise ``ValueError`` unless the rank of ``x`` is one of ``ranks``.

    Example:
        >>> import tapeflow as tf
        >>> tf.debugging.assert_rank_in(tf.zeros((2,)), [1, 2]) is None
        True
    """
    r, shape = _rank_of(x, "assert_rank_in")
    allowed = tuple(int(np.asarray(k)) for k in ranks)
    if r not in allowed:
        raise ValueError(_prefix(message, ".  ") + f"Tensor  must have rank in {allowed}.  "
                         f"Received rank {r}, shape {_shape_str(shape)}")


def assert_scalar(tensor: Any, message: str | None = None, name: str | None = None) -> Any:
    """Raise ``ValueError`` unless ``tensor`` is a scalar; return it.

    Example:
        >>> import tapeflow as tf
        >>> float(tf.debugging.assert_scalar(tf.constant(1.0)))
        1.0
    """
    t = tensor_arg(tensor, "assert_scalar")
    if t._value.ndim != 0:
        raise ValueError(_prefix(message, "  ") + f"Expected scalar shape, saw shape: {_shape_str(t._value.shape)}.")
    return t


def assert_type(tensor: Any, tf_type: Any, message: str | None = None, name: str | None = None) -> None:
    """Raise ``TypeError`` unless ``tensor`` has dtype ``tf_type``.

    Example:
        >>> import tapeflow as tf
        >>> tf.debugging.assert_type(tf.constant(1.0), tf.float32) is None
        True
    """
    t = tensor_arg(tensor, "assert_type")
    want = _dt.as_dtype(tf_type)
    if t.dtype != want:
        raise TypeError(_prefix(message, ", ") + f"tensor must be of type {want!r}; got {t.dtype!r}")


def assert_integer(x: Any, message: str | None = None, name: str | None = None) -> None:
    """Raise ``TypeError`` unless ``x`` has an integer dtype.

    Example:
        >>> import tapeflow as tf
        >>> tf.debugging.assert_integer(tf.constant([1, 2])) is None
        True
    """
    t = tensor_arg(x, "assert_integer")
    if not t.dtype.is_integer:
        raise TypeError(_prefix(message, " ") + f'Expected "x" to be integer type.  Found: tensor of dtype {t.dtype}')


def assert_same_float_dtype(tensors: Any = None, dtype: Any = None) -> Any:
    """The common floating dtype of ``tensors`` (and ``dtype``); ``ValueError`` when they differ.

    Example:
        >>> import tapeflow as tf
        >>> tf.debugging.assert_same_float_dtype([tf.constant(1.0), tf.constant(2.0)])
        tf.float32
    """
    want = None if dtype is None else _dt.as_dtype(dtype)
    first = None
    for t in tensors or []:
        t = tensor_arg(t, "assert_same_float_dtype")
        if want is None:
            want, first = t.dtype, t
        elif t.dtype != want:
            raise ValueError(f"{t!s}, type={t.dtype}, must be of the same type ({want}) as {first!s}.")
    if want is None:
        return _dt.float32
    if not want.is_floating:
        raise ValueError(f"Expected floating point type, got {want!r}.")
    return want


def assert_proper_iterable(values: Any) -> None:
    """Raise ``TypeError`` for a string, bytes, tensor or array (iterables that are not "proper").

    Example:
        >>> import tapeflow as tf
        >>> tf.debugging.assert_proper_iterable([1, 2]) is None
        True
    """
    if isinstance(values, (str, bytes, Tensor, Variable, np.ndarray)) or not hasattr(values, "__iter__"):
        raise TypeError(f'Expected argument "values" to be a "proper" iterable.  Found: {type(values)}')


def assert_shapes(shapes: Any, data: Any = None, summarize: int | None = None, message: str | None = None,
                  name: str | None = None) -> None:
    """Check that tensors' shapes agree with symbolic shapes (``'N'``, ``'D'``, ints, ``'.'``/``'*'``).

    Example:
        >>> import tapeflow as tf
        >>> tf.debugging.assert_shapes([(tf.zeros((2, 3)), ("N", "D")), (tf.zeros((2,)), ("N",))]) is None
        True
    """
    items = list(shapes.items()) if isinstance(shapes, dict) else list(shapes)
    sizes: dict = {}
    for x, spec in items:
        t = tensor_arg(x, "assert_shapes")
        shape = tuple(t._value.shape)
        spec = (spec,) if isinstance(spec, str) and len(spec) > 1 and spec not in ("...",) else tuple(spec)
        who = f"tensor shape={_shape_str(shape)} dtype={t.dtype.name}"
        if spec and spec[0] in ("*", "..."):
            spec = spec[1:]
            shape = shape[len(shape) - len(spec):] if len(shape) >= len(spec) else shape
        if len(shape) != len(spec):
            raise ValueError(_prefix(message, ".  ") + f"Specified by {who} must have rank {len(spec)}.  "
                             f"Received rank {len(shape)}, shape {_shape_str(tuple(t._value.shape))}")
        for i, (d, s) in enumerate(zip(shape, spec)):
            if s in (".", None):
                continue
            if isinstance(s, str):
                if s not in sizes:
                    sizes[s] = (d, who, i)
                    continue
                want, where, j = sizes[s]
                if d != want:
                    raise ValueError(_prefix(message, ".  ") + f"Specified by {where} dimension {j}.  {who[0].upper()}"
                                     f"{who[1:]} dimension {i} must have size {want}.  Received size {d}, shape "
                                     f"{_shape_str(tuple(t._value.shape))}")
            elif d != int(s):
                raise ValueError(_prefix(message, ".  ") + f"Specified explicitly.  {who[0].upper()}{who[1:]} "
                                 f"dimension {i} must have size {int(s)}.  Received size {d}, shape "
                                 f"{_shape_str(tuple(t._value.shape))}")


def is_numeric_tensor(tensor: Any) -> bool:
    """True for a Tensor of a numeric dtype.

    Example:
        >>> import tapeflow as tf
        >>> tf.debugging.is_numeric_tensor(tf.constant(1)), tf.debugging.is_numeric_tensor(1)
        (True, False)
    """
    return isinstance(tensor, (Tensor, Variable)) and tensor.dtype._np.kind in "iufcb" and not tensor.dtype.is_bool


# --- check_numerics ------------------------------------------------------------------------------


def _numerics_problem(a: np.ndarray) -> str | None:
    if a.dtype.kind not in "fc":
        return None
    nan, inf = bool(np.isnan(a).any()), bool(np.isinf(a).any())
    if nan and inf:
        return "Inf and NaN"
    return "NaN" if nan else "Inf" if inf else None


def _check_numerics_fwd(x: np.ndarray, message: str = "") -> np.ndarray:
    if x.dtype.kind not in "f":
        raise InvalidArgumentError(
            f"check_numerics: value for attr 'T' of {_dt.from_numpy(x.dtype).name} is not in the list of allowed "
            "values: half, float, double", op="CheckNumerics")
    problem = _numerics_problem(x)
    if problem:
        raise InvalidArgumentError(f"{message} : Tensor had {problem} values [Op:CheckNumerics]", op="CheckNumerics")
    return x


def _check_numerics_vjp(g: Any, out: Any, ins: tuple, p: dict, need: tuple) -> tuple:
    msg = "Not a number (NaN) or infinity (Inf) values detected in gradient. " + str(p.get("message", ""))
    return (P.bind1(_CHECK, g, {"message": msg}),)


_CHECK = defprim("check_numerics", _check_numerics_fwd, _check_numerics_vjp, elementwise=True,
                 examples=[(((3,),), {"message": "m"}), (((2, 2),), {"message": ""})])


def check_numerics(tensor: Any, message: str, name: str | None = None) -> Tensor:
    """Return ``tensor`` unchanged, or raise ``InvalidArgumentError`` if it holds a NaN or an Inf.

    Its gradient is checked the same way (TF's message: "... detected in gradient").

    Example:
        >>> import tapeflow as tf
        >>> try:
        ...     tf.debugging.check_numerics(tf.constant([1.0, float("nan")]), "after log")
        ... except tf.errors.InvalidArgumentError as e:
        ...     print(e)
        after log : Tensor had NaN values [Op:CheckNumerics]
    """
    t = tensor_arg(tensor, "check_numerics")
    return P.bind1(_CHECK, t, {"message": message.decode() if isinstance(message, bytes) else str(message)})


def assert_all_finite(t: Any, msg: str, name: str | None = None, x: Any = None, message: Any = None) -> Tensor:
    """``tf.debugging.assert_all_finite``: ``check_numerics`` under its TF 2 name.

    Example:
        >>> import tapeflow as tf
        >>> tf.debugging.assert_all_finite(tf.constant([1.0]), "ok").numpy().tolist()
        [1.0]
    """
    return check_numerics(t if x is None else x, msg if message is None else message)


_PKG = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _caller() -> tuple | None:
    """(file, line, function) of the first frame outside tapeflow (cheap: no source lines read)."""
    f = sys._getframe(1)
    while f is not None:
        fn = f.f_code.co_filename
        if not fn.startswith(_PKG) and not fn.startswith("<frozen"):
            return (fn, f.f_lineno, f.f_code.co_name)
        f = f.f_back
    return None


def _where(site: tuple | None) -> str:
    if site is None:
        return ""
    fn, line, name = site
    text = linecache.getline(fn, line).strip()
    return f'File "{fn}", line {line}, in {name}' + (f"\n    {text}" if text else "")


def _user_frame() -> str:
    site = _caller()
    return f"  Op called from: {_where(site)}\n" if site else ""


# where each forward op's outputs were made (by tensor id), while the checks are on: a NaN born
# in the backward pass is then traced to the line that called the forward op (bounded: debug mode)
_ORIGINS: collections.OrderedDict = collections.OrderedDict()
_MAX_ORIGINS = 100_000


def _remember_origin(prim: Any, out: Any) -> None:
    site = _caller()
    for o in (out if isinstance(out, tuple) else (out,)):
        _ORIGINS[o._id] = site
    while len(_ORIGINS) > _MAX_ORIGINS:
        _ORIGINS.popitem(last=False)


def _backward_note() -> str:
    rec = P.BACKWARD.rec
    if rec is None:
        return ""
    fprim, fout = rec
    first = fout[0] if isinstance(fout, tuple) else fout
    site = _ORIGINS.get(getattr(first, "_id", None))
    where = f"\n  That op was called from: {_where(site)}" if site else ""
    return (f'  In the backward pass: made by the gradient rule of op "{fprim.name}", while differentiating '
            f"it.{where}\n")


def _describe_input(t: Any) -> str:
    """An input as TF prints it, plus its shape and range for large ones (the values are elided)."""
    from ..explain import _finite_summary  # (the summary tape.explain_nan prints too)

    a = np.asarray(t._value)
    text = str(t)
    if a.dtype.kind in "fc" and a.size > 6:
        text += f"  [{_finite_summary(a)}]"
    return text


def _numerics_hook(prim: Any, ins: tuple, out: Any) -> None:
    outs = out if isinstance(out, tuple) else (out,)
    if P.BACKWARD.rec is None:
        _remember_origin(prim, out)
    for k, o in enumerate(outs):
        a = np.asarray(o._value)
        problem = _numerics_problem(a)
        if problem is None:
            continue
        counts = []
        for label, mask in (("+NaN", np.isnan(a)), ("-Inf", np.isneginf(a) if a.dtype.kind == "f" else np.isinf(a)),
                            ("+Inf", np.isposinf(a) if a.dtype.kind == "f" else np.zeros(1, bool))):
            if mask.any():
                counts.append(f"  # of {label} elements: {int(mask.sum())}\n")
        inputs = "".join(f"         {i}: {_describe_input(t)}\n" for i, t in enumerate(ins))
        clean = [i for i, t in enumerate(ins) if _numerics_problem(np.asarray(t._value)) is None]
        origin = (f"  All {len(ins)} inputs are finite: this op made the first non-finite value.\n"
                  if len(clean) == len(ins) and ins else "")
        raise InvalidArgumentError(
            f'\n\n!!! Detected Infinity or NaN in output {k} of eagerly-executing op "{prim.name}" '
            f"(# of outputs: {len(outs)}) !!!\n  dtype: {_dt.from_numpy(a.dtype)}\n  shape: {_shape_str(a.shape)}\n"
            + "".join(counts) + f"\n  Input tensors ({len(ins)}):\n{inputs}{origin}{_backward_note()}{_user_frame()}\n"
            f" : Tensor had {problem} values", op=prim.name)


def enable_check_numerics(stack_height_limit: int = 30, path_length_limit: int = 50) -> None:
    """Check every op's floating outputs from now on; the first NaN or Inf raises, naming the op.

    Beyond TF's report (op, dtype, shape, counts, inputs), tapeflow says whether the op received
    only finite inputs (so it is the origin of the non-finite value) and which line of your program
    called it. Gradient ops are checked too, so a NaN born in the backward pass is caught where it
    appears.

    Example:
        >>> import tapeflow as tf
        >>> tf.debugging.enable_check_numerics()
        >>> try:
        ...     tf.math.log(tf.constant([-1.0, 1.0]))
        ... except tf.errors.InvalidArgumentError as e:
        ...     print(str(e).split("!!!")[1].strip())
        Detected Infinity or NaN in output 0 of eagerly-executing op "log" (# of outputs: 1)
        >>> tf.debugging.disable_check_numerics()
    """
    P.add_output_hook(_numerics_hook)


def disable_check_numerics() -> None:
    """Stop the checks started by ``enable_check_numerics``.

    Example:
        >>> import tapeflow as tf
        >>> tf.debugging.disable_check_numerics()
    """
    P.remove_output_hook(_numerics_hook)


_LOG_PLACEMENT = [False]
_TRACEBACK_FILTERING = [True]


def set_log_device_placement(enabled: bool) -> None:
    """Log each op's device (every op runs on ``/job:localhost/replica:0/task:0/device:CPU:0``) to stderr.

    Example:
        >>> import tapeflow as tf
        >>> tf.debugging.set_log_device_placement(False)
    """
    _LOG_PLACEMENT[0] = bool(enabled)
    (P.add_output_hook if enabled else P.remove_output_hook)(_placement_hook)


def _placement_hook(prim: Any, ins: tuple, out: Any) -> None:
    print(f"Executing op {prim.name} in device /job:localhost/replica:0/task:0/device:CPU:0", file=sys.stderr)


def get_log_device_placement() -> bool:
    """Whether device placement logging is on.

    Example:
        >>> import tapeflow as tf
        >>> tf.debugging.get_log_device_placement()
        False
    """
    return _LOG_PLACEMENT[0]


def enable_traceback_filtering() -> None:
    """Recorded for compatibility: tapeflow's errors are raised where they happen, with short tracebacks."""
    _TRACEBACK_FILTERING[0] = True


def disable_traceback_filtering() -> None:
    """Recorded for compatibility (see ``enable_traceback_filtering``)."""
    _TRACEBACK_FILTERING[0] = False


def is_traceback_filtering_enabled() -> bool:
    """The flag set by ``enable/disable_traceback_filtering`` (True by default, as TF)."""
    return _TRACEBACK_FILTERING[0]


_NAMES = [
    "assert_equal", "assert_none_equal", "assert_less", "assert_less_equal", "assert_greater",
    "assert_greater_equal", "assert_positive", "assert_negative", "assert_non_negative", "assert_non_positive",
    "assert_near", "Assert", "assert_rank", "assert_rank_at_least", "assert_rank_in", "assert_scalar",
    "assert_type", "assert_integer", "assert_same_float_dtype", "assert_proper_iterable", "assert_shapes",
    "is_numeric_tensor", "check_numerics", "assert_all_finite", "enable_check_numerics", "disable_check_numerics",
    "set_log_device_placement", "get_log_device_placement", "enable_traceback_filtering",
    "disable_traceback_filtering", "is_traceback_filtering_enabled",
]
# the tf.debugging names; TOP_LEVEL are those TF also has at tf.*
__all__ = list(_NAMES)
TOP_LEVEL = ["Assert", "assert_equal", "assert_greater", "assert_less", "assert_rank"]
