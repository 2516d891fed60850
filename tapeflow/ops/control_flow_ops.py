"""Control flow in eager mode: cond, case, while_loop, map_fn, scan, foldl/foldr, TensorArray,
py_function, and the graph-era helpers (group, control_dependencies, tuple, ...).

tapeflow is always eager, so these run Python control flow; every value they produce comes from
tapeflow ops on Tensors, so a GradientTape records them (gradients of any order, jacobians).
They keep TF 2's eager contracts: argument names and order, nested structures, and the errors TF
raises for misuse. Where TF's eager path fails but the same call works inside ``tf.function``
(tapeflow's ``tf.function`` is a pass-through), tapeflow follows ``tf.function``: see
``while_loop``.

Example:
    >>> import tapeflow as tf
    >>> tf.while_loop(lambda i, s: i < 4, lambda i, s: (i + 1, s + i), (0, 0))[1].numpy()
    np.int32(6)
"""

from __future__ import annotations

import builtins
import contextlib
import functools
import sys
from collections import OrderedDict
from typing import Any, Callable, Iterator

import numpy as np

from .. import dtypes as _dt
from .. import nest
from .. import recorders as _rec
from ..errors import InvalidArgumentError, OutOfRangeError
from ..primitives import Primitive, record
from ..primitives import core as C
from ..tensor import Tensor, TensorShape, Variable, convert_to_tensor
from . import array_ops
from ._args import describe

_tuple = builtins.tuple  # this module exports a function named ``tuple`` (as TF does)


# --- small helpers ---------------------------------------------------------------------------


def _as_tensor(x: Any, op: str) -> Tensor:
    if type(x) is Tensor:
        return x
    if isinstance(x, Variable):
        return x._read()
    if isinstance(x, Tensor):
        return x
    try:
        return convert_to_tensor(x)
    except (TypeError, ValueError) as e:
        raise type(e)(f"{op}: {e}") from None


def _truth(value: Any, op: str) -> builtins.bool:
    """Python truth of a predicate, as TF's eager ops take it (a one-element tensor is fine)."""
    if isinstance(value, builtins.bool):
        return value
    if isinstance(value, Variable):
        value = value._read()
    if not isinstance(value, (Tensor, np.ndarray, np.generic)):
        return builtins.bool(value)
    arr = value._value if isinstance(value, Tensor) else np.asarray(value)
    try:
        return builtins.bool(arr)
    except ValueError as e:
        what = describe(value) if isinstance(value, Tensor) else f"array of shape {arr.shape}"
        raise ValueError(f"{e} ({op}: the predicate is a {what}; it must be a scalar)") from None


def _convert_pred(pred: Any, op: str) -> Any:
    if isinstance(pred, (builtins.bool, Tensor)):
        return pred
    if isinstance(pred, Variable):
        return pred._read()
    try:
        return convert_to_tensor(pred)
    except (TypeError, ValueError):
        raise ValueError(
            f"Attempt to convert a value ({pred!r}) with an unsupported type ({type(pred)}) to a Tensor."
        ) from None


def _spec_class() -> Any:
    """``tf.TensorSpec`` if its module was loaded (a user holding a spec has loaded it)."""
    mod = sys.modules.get("tapeflow.data.specs")
    return mod.TensorSpec if mod is not None else None


def _is_spec(x: Any) -> builtins.bool:
    cls = _spec_class()
    return cls is not None and isinstance(x, cls)


def _dims_str(shape: Any) -> str:
    """TF's kernel shape text: ``[2,3]``, ``[?,4]``, ``[]``."""
    return "[" + ",".join("?" if d is None else str(d) for d in shape) + "]"


# --- nested structures (TF's nest checks, with TF's messages) ----------------------------------


def _is_seq(x: Any) -> builtins.bool:
    return isinstance(x, (list, _tuple, dict)) and not isinstance(x, TensorShape)


def _children(x: Any) -> list:
    if isinstance(x, dict):
        return [x[k] for k in sorted(x, key=nest._sort_key)]
    return list(x)


def _type_str(x: Any) -> str:
    return f"type={type(x).__name__} str={x!s}"


def _skeleton(x: Any) -> str:
    if not _is_seq(x):
        return "."
    if isinstance(x, dict):
        return "{" + ", ".join(f"{k!r}: {_skeleton(x[k])}" for k in x) + "}"
    inner = ", ".join(_skeleton(c) for c in x)
    if isinstance(x, list):
        return "[" + inner + "]"
    if hasattr(x, "_fields"):
        return f"{type(x).__name__}(" + ", ".join(f"{f}={_skeleton(c)}" for f, c in zip(x._fields, x)) + ")"
    return "(" + inner + ("," if len(x) == 1 else "") + ")"


def _first_difference(a: Any, b: Any, check_types: builtins.bool) -> tuple | None:
    sa, sb = _is_seq(a), _is_seq(b)
    if sa != sb:
        seq, leaf = (a, b) if sa else (b, a)
        return ValueError, f'Substructure "{_type_str(seq)}" is a sequence, while substructure "{_type_str(leaf)}" is not'
    if not sa:
        return None
    if isinstance(a, dict) != isinstance(b, dict) or (check_types and type(a) is not type(b)):
        return TypeError, (
            f"The two namedtuples don't have the same sequence type. First structure {_type_str(a)} has type "
            f"{type(a).__name__}, while second structure {_type_str(b)} has type {type(b).__name__}"
        )
    if len(a) != len(b):
        return ValueError, (
            f"The two structures don't have the same number of elements. First structure: {_type_str(a)}. "
            f"Second structure: {_type_str(b)}"
        )
    if isinstance(a, dict) and set(a) != set(b):
        return ValueError, (
            f"The two dictionaries don't have the same set of keys. First structure has keys "
            f"{_type_str(sorted(a, key=nest._sort_key))}, while second structure has keys "
            f"{_type_str(sorted(b, key=nest._sort_key))}"
        )
    for ca, cb in zip(_children(a), _children(b)):
        d = _first_difference(ca, cb, check_types)
        if d is not None:
            return d
    return None


def _assert_same_structure(a: Any, b: Any, check_types: builtins.bool = True) -> None:
    """Raise TF's ValueError (shape of the nesting) or TypeError (sequence types) when ``a`` and
    ``b`` differ."""
    diff = _first_difference(a, b, check_types)
    if diff is None:
        return
    cls, detail = diff
    raise cls(
        "The two structures don't have the same nested structure.\n\n"
        f"First structure: {_type_str(a)}\n\nSecond structure: {_type_str(b)}\n\n"
        f"More specifically: {detail}\nEntire first structure:\n{_skeleton(a)}\n"
        f"Entire second structure:\n{_skeleton(b)}"
    )


def _flatten_up_to(template: Any, value: Any) -> list:
    """``value``'s parts at the leaves of ``template`` (a TensorShape there stays whole)."""
    if not _is_seq(template):
        return [value]
    out: list = []
    for ct, cv in zip(_children(template), _children(value)):
        out.extend(_flatten_up_to(ct, cv))
    return out


def _final_value(x: Any) -> Any:
    """What a loop returns for one loop variable: TensorArrays as they are, the rest as Tensors."""
    if isinstance(x, (TensorArray, Tensor)):
        return x
    if isinstance(x, Variable):
        return x._read()
    return convert_to_tensor(x)


def _read_variables(x: Any) -> Any:
    return x._read() if isinstance(x, Variable) else x


# --- cond / case / switch_case -----------------------------------------------------------------


def _unpack_singleton(res: Any) -> Any:
    if isinstance(res, (list, _tuple)) and len(res) == 1:
        return res[0]
    return res


def _cond(pred: Any, true_fn: Any, false_fn: Any, strict: builtins.bool) -> Any:
    if true_fn is None:
        raise TypeError("cond(): 'true_fn' argument required")
    if false_fn is None:
        raise TypeError("cond(): 'false_fn' argument required")
    if not callable(true_fn):
        raise TypeError("'true_fn' must be callable.")
    if not callable(false_fn):
        raise TypeError("'false_fn' must be callable.")
    taken = _truth(_convert_pred(pred, "tf.cond"), "tf.cond")
    res = true_fn() if taken else false_fn()
    return res if strict else _unpack_singleton(res)


def cond(pred: Any, true_fn: Callable | None = None, false_fn: Callable | None = None, name: str | None = None) -> Any:
    """``tf.cond``: ``true_fn()`` if ``pred`` is true, else ``false_fn()``.

    Eager, as TF: only the chosen branch runs and its result is returned as it is (a list of
    one tensor stays a list). ``pred`` is a Python bool or a one-element tensor.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.constant(3.0)
        >>> tf.cond(x > 2.0, lambda: x * x, lambda: -x).numpy()
        np.float32(9.0)
    """
    return _cond(pred, true_fn, false_fn, strict=True)


def _case_pairs(pred_fn_pairs: Any, exclusive: builtins.bool) -> tuple:
    if not isinstance(pred_fn_pairs, (list, _tuple, dict)):
        raise TypeError(f"'pred_fn_pairs' must be a list, tuple, or dict. Received: {type(pred_fn_pairs)}")
    if isinstance(pred_fn_pairs, OrderedDict):
        pairs = list(pred_fn_pairs.items())
    elif isinstance(pred_fn_pairs, dict):
        if not exclusive:
            raise ValueError(
                "Unordered dictionaries are not supported for the 'pred_fn_pairs' argument when "
                "`exclusive=False` and eager mode is enabled."
            )
        pairs = list(pred_fn_pairs.items())
    else:
        pairs = list(pred_fn_pairs)
    for pair in pairs:
        if not isinstance(pair, _tuple) or len(pair) != 2:
            raise TypeError(f"Each entry in 'pred_fn_pairs' must be a 2-tuple. Received {pair}.")
        pred, fn = pair
        if isinstance(pred, Tensor):
            if pred._value.dtype != np.bool_:
                raise TypeError(f"pred must be Tensor of type bool: {pred.name}")
        else:
            raise TypeError(f"pred must be a Tensor, got: {pred}")
        if not callable(fn):
            raise TypeError(f"fn for pred {pred.name} must be callable.")
    if not pairs:
        raise ValueError("case: 'pred_fn_pairs' must hold at least one (predicate, callable) pair")
    return [p for p, _ in pairs], [f for _, f in pairs]


def _pred_values(preds: list) -> str:
    return ", ".join(str(builtins.bool(v)) for p in preds for v in np.ravel(p._value))


def _check_same_shapes(preds: list) -> None:
    for i, p in enumerate(preds[1:], 1):
        if p._value.shape != preds[0]._value.shape:
            raise InvalidArgumentError(
                f"case: shapes of all predicates must match: values[0].shape = {_dims_str(preds[0]._value.shape)} "
                f"!= values[{i}].shape = {_dims_str(p._value.shape)}", op="case",
            )


def case(pred_fn_pairs: Any, default: Callable | None = None, exclusive: builtins.bool = False,
         strict: builtins.bool = False, name: str = "case") -> Any:
    """``tf.case``: run the callable of the first true predicate (or ``default``).

    Predicates must be bool tensors. Without ``default`` the last pair's callable is the default,
    and TF's InvalidArgumentError is raised when no predicate is true. ``exclusive=True`` raises
    when more than one predicate is true. Unless ``strict``, a one-element list result is unpacked.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.constant(5)
        >>> tf.case([(x < 0, lambda: tf.constant(-1)), (x > 3, lambda: tf.constant(1))],
        ...         default=lambda: tf.constant(0)).numpy()
        np.int32(1)
    """
    preds, fns = _case_pairs(pred_fn_pairs, exclusive)
    all_preds = list(preds)
    if default is None:
        k = len(preds) - 1
        last_pred, last_fn = preds[k], fns[k]
        preds, fns = preds[:k], fns[:k]

        def default_action() -> Any:
            if not _truth(last_pred, "tf.case"):
                _check_same_shapes(all_preds)
                raise InvalidArgumentError(
                    f"Expected '{last_pred!s}' to be true. Summarized data: b'Input error: None of conditions "
                    f"evaluated as True:'\n{_pred_values(all_preds)}", op="case",
                )
            return last_fn()

        default = default_action
    fn = default
    for p, a in reversed(list(zip(preds, fns))):
        fn = functools.partial(_cond, p, a, fn, strict)
    if exclusive and preds:
        _check_same_shapes(preds)
        n_true = builtins.sum(int(np.count_nonzero(p._value)) for p in preds)
        if n_true > 1:
            names = ", ".join("?" for _ in preds)
            raise InvalidArgumentError(
                "Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. Summarized data: b'Input error: "
                f"exclusive=True: more than 1 conditions ({names}) evaluated as True:'\n{_pred_values(preds)}",
                op="case",
            )
    return fn()


def switch_case(branch_index: Any, branch_fns: Any, default: Callable | None = None, name: str = "switch_case") -> Any:
    """``tf.switch_case``: run ``branch_fns[branch_index]`` (a list of callables, a list of
    ``(int, callable)`` pairs or a dict); an out-of-range index runs ``default``, or the last
    branch when there is no default.

    Example:
        >>> import tapeflow as tf
        >>> fns = [lambda: tf.constant(10), lambda: tf.constant(20)]
        >>> tf.switch_case(tf.constant(1), fns).numpy(), tf.switch_case(tf.constant(7), fns).numpy()
        (np.int32(20), np.int32(20))
    """
    if not isinstance(branch_index, Tensor):
        raise TypeError(f"'branch_index' must be a Tensor, got {type(branch_index)}")
    if branch_index._value.dtype.kind not in "iu":
        raise TypeError(f"'branch_index' must be an integer Tensor, got {branch_index.dtype}")
    if not branch_fns:
        raise ValueError("Must provide at least one item in 'branch_fns'")
    if not isinstance(branch_fns, (list, _tuple, dict)):
        raise TypeError("'branch_fns' must be a list, tuple, or dict")
    items = list(branch_fns.items()) if isinstance(branch_fns, dict) else list(branch_fns)
    if all(callable(fn) for fn in items):
        items = list(enumerate(items))
    for pair in items:
        if not isinstance(pair, _tuple) or len(pair) != 2:
            raise TypeError(f"Each entry in 'branch_fns' must be a 2-tuple. Received {pair}.")
        key, fn = pair
        if not isinstance(key, int):
            raise TypeError(f"key must be a Python `int`, got {type(key)}")
        if not callable(fn):
            raise TypeError(f"fn for key {key} must be callable.")
    keys = [k for k, _ in items]
    if min(keys) < 0 or max(keys) >= len(keys) or len(set(keys)) != len(keys):
        found = ",".join(map(str, sorted(keys)))
        raise ValueError(f"branch indices (keys) must form contiguous range of [0 to {len(keys)}) but found {{{found}}}")
    actions = [fn for _, fn in sorted(items, key=lambda kv: kv[0])]
    if default is not None:
        actions.append(default)
    if branch_index._value.ndim != 0:
        raise InvalidArgumentError(
            f"switch_case: branch_index must be a scalar, got a {describe(branch_index)}", op="switch_case"
        )
    i = int(branch_index._value)
    if i < 0 or i >= len(actions):
        i = len(actions) - 1
    return actions[i]()


# --- while_loop --------------------------------------------------------------------------------


def _invariant_shape(var: Any, inv: Any) -> tuple | None | builtins.bool:
    """The shape a loop variable must keep: a tuple, None (any shape) or False (not checked)."""
    if not isinstance(var, Tensor):
        return False
    if inv is None:
        return _tuple(var._value.shape)
    if isinstance(inv, TensorShape):
        return _tuple(inv)
    if _is_spec(inv):
        if inv.dtype != var.dtype or not inv._shape_ok(var._value.shape):
            raise TypeError(f"TypeSpec {inv!r} is not compatible with {var!r}")
        return None if inv._shape is None else _tuple(inv._shape)
    raise TypeError(f"'shape' must be one of TypeSpec, TensorShape or None. Received: {type(inv)}")


def _shape_fits(shape: tuple, inv: tuple | None) -> builtins.bool:
    return inv is None or (len(shape) == len(inv) and all(b is None or a == b for a, b in zip(shape, inv)))


def _inv_str(inv: tuple | None) -> str:
    return "<unknown>" if inv is None else str(TensorShape(inv))


def while_loop(
    cond: Callable,
    body: Callable,
    loop_vars: Any,
    shape_invariants: Any = None,
    parallel_iterations: int = 10,
    back_prop: builtins.bool = True,
    swap_memory: builtins.bool = False,
    maximum_iterations: Any = None,
    name: str | None = None,
) -> Any:
    """``tf.while_loop``: repeat ``loop_vars = body(*loop_vars)`` while ``cond(*loop_vars)``.

    ``loop_vars`` is a list or tuple (of nested structures); the result has the structure ``body``
    returns (the converted ``loop_vars`` when the loop runs zero times), so a one-element list of
    loop variables gives a one-element list. ``body`` must return the same nesting as
    ``loop_vars`` (lists and tuples count as the same, as in ``tf.function``). When
    ``shape_invariants`` is given, each tensor must keep a shape compatible with its invariant
    (``None`` there means its initial shape), else TF's ValueError.

    Differences from TF's eager path, all following TF inside ``tf.function`` (which tapeflow
    runs eagerly): a body may return a bare tensor for a single loop variable (TF eager raises
    TypeError); lists and tuples are interchangeable in the body's result; ``shape_invariants``
    are checked (TF eager ignores them). ``back_prop``, ``swap_memory`` and
    ``parallel_iterations`` have no effect (TF eager ignores them too: gradients always flow).

    Example:
        >>> import tapeflow as tf
        >>> tf.while_loop(lambda i: i < 10, lambda i: [i + 3], [tf.constant(0)])
        [<tf.Tensor: shape=(), dtype=int32, numpy=12>]
    """
    if not callable(cond):
        raise TypeError("'cond' must be callable.")
    if not callable(body):
        raise TypeError("'body' must be callable.")
    if parallel_iterations < 1:
        raise TypeError("'parallel_iterations' must be a positive integer.")
    if isinstance(loop_vars, (Tensor, Variable, dict)) or not isinstance(loop_vars, (list, _tuple)):
        raise TypeError(
            f"while_loop: 'loop_vars' must be a list or tuple of loop variables (each a tensor or a nested "
            f"structure of tensors), got {type(loop_vars).__name__}: wrap a single variable as [x]"
        )
    loop_vars = nest.map_structure(_read_variables, loop_vars) if loop_vars else loop_vars
    if not loop_vars:
        raise ValueError("'loop_vars' must be provided.")
    max_iter = None
    if maximum_iterations is not None:
        m = _as_tensor(maximum_iterations, "while_loop")
        if m._value.ndim != 0:
            raise ValueError(f"'maximum_iterations' must be a scalar. Received shape: {m.shape}")
        max_iter = int(m._value)
    invariants = None
    if shape_invariants is not None:
        invs = list(shape_invariants) if _is_seq(shape_invariants) else shape_invariants  # a TensorShape is a leaf
        _assert_same_structure(list(loop_vars), invs, check_types=False)
        flat_vars = nest.flatten(loop_vars)
        flat_inv = _flatten_up_to(list(loop_vars), invs)
        invariants = []
        for v, inv in zip(flat_vars, flat_inv):
            s = _invariant_shape(v, inv)
            if s is not False and not _shape_fits(v._value.shape, s):
                raise ValueError(
                    f"The shape invariant specified for {v.name} is not compatible with the initial shape of the "
                    f"loop variable. It enters the loop with shape {v.shape}, but the specified shape invariant "
                    f"is {_inv_str(s)}."
                )
            invariants.append((v, s))
    template = list(loop_vars)
    current = loop_vars
    wrapped = False
    count = 0
    while True:
        go = _truth(cond(*current), "while_loop")  # evaluated even at maximum_iterations, as TF
        if not go or (max_iter is not None and count >= max_iter):
            break
        out = body(*current)
        wrapped = not nest.is_nested(out) and len(template) == 1
        if wrapped:
            out = [out]  # tf.function accepts a bare value for a single loop variable
        _assert_same_structure(template, out, check_types=False)
        if invariants is not None:
            for (v0, s), t in zip(invariants, nest.flatten(out)):
                if s is not False and isinstance(t, (Tensor, Variable)) and not _shape_fits(_tuple(t.shape), s):
                    raise ValueError(
                        f"Input tensor `{v0.name}` enters the loop with shape {_inv_str(s)}, but has shape {t.shape} "
                        "after one iteration. To allow the shape to vary across iterations, use the "
                        "`shape_invariants` argument of tf.while_loop to specify a less-specific shape."
                    )
        current = out
        count += 1
    result = nest.map_structure(_final_value, current)
    if wrapped:
        result = nest.pack_sequence_as(loop_vars, nest.flatten(result))
    return result


# --- TensorArray -------------------------------------------------------------------------------


def _shape_arg(shape: Any) -> tuple | None:
    """An ``element_shape`` argument as a tuple of ints/None, or None for an unknown rank."""
    if shape is None or (isinstance(shape, TensorShape) and shape.rank is None):
        return None
    if isinstance(shape, (Tensor, Variable)):
        shape = np.asarray(shape).reshape(-1).tolist()
    if isinstance(shape, (int, np.integer)):
        return (int(shape),)
    return _tuple(None if d is None or (isinstance(d, (int, np.integer)) and d < 0) else int(d) for d in shape)


def _shape_obj(es: tuple | None) -> TensorShape:
    return TensorShape(None) if es is None else TensorShape(es)


def _es_str(es: tuple | None) -> str:
    return "<unknown>" if es is None else str(TensorShape(es))


_NUMERIC = "biufc"


def _convert_preferred(value: Any, dtype: _dt.DType) -> Tensor:
    """TF's ``convert_to_tensor(value, preferred_dtype=dtype)``: Python and NumPy values take
    ``dtype`` when they can, else keep their own dtype (then the caller's dtype check fails)."""
    if type(value) is Tensor or isinstance(value, Tensor):
        return value
    if isinstance(value, Variable):
        return value._read()
    target = _dt.np_dtype(dtype)
    if isinstance(value, (np.ndarray, np.generic)):
        arr = np.asarray(value)
        if arr.dtype != target and arr.dtype.kind in "iufc" and target.kind in "iufc":
            return Tensor(arr.astype(target))
        return convert_to_tensor(value)
    inferred = convert_to_tensor(value)
    src = inferred._value.dtype
    if src == target:
        return inferred
    if (src.kind == "i" and target.kind in "iufc") or (src.kind == "f" and target.kind in "fc"):
        try:
            return convert_to_tensor(value, dtype=dtype)
        except (TypeError, ValueError, OverflowError):
            return inferred
    return inferred


def _index_arg(index: Any, what: str) -> int:
    if isinstance(index, (Tensor, Variable)):
        index = np.asarray(index)
    if isinstance(index, np.ndarray):
        if index.ndim != 0 or index.dtype.kind not in "iu":
            raise TypeError(f"TensorArray.{what}: the index must be an integer scalar, got {index.dtype} {index.shape}")
        return int(index)
    if isinstance(index, (builtins.bool, float)) or not isinstance(index, (int, np.integer)):
        raise TypeError(f"TensorArray.{what}: list indices must be integers or slices, not {type(index).__name__}")
    return int(index)


def _indices_arg(indices: Any, what: str) -> list:
    arr = np.asarray(indices._read() if isinstance(indices, Variable) else indices)
    if arr.size and arr.dtype.kind not in "iu":
        raise TypeError(f"TensorArray.{what}: indices must be integers, got {arr.dtype}")
    return [int(i) for i in arr.reshape(-1)]


class TensorArray:
    """``tf.TensorArray`` as in TF's eager mode: a Python list of Tensors.

    ``write``/``unstack``/``scatter``/``split`` change the array in place and return it (TF eager
    returns the same array, wrapped to warn when unused; use the result, as in TF). Reading an
    index that was never written gives zeros of ``element_shape`` (TF's eager behaviour); with
    the default ``clear_after_read=True`` an index can be read once. Gradients flow through
    ``write`` -> ``read``/``stack``/``gather``/``concat`` and ``unstack``/``split`` -> ``read``,
    since the array only holds the tensors.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.constant(2.0)
        >>> ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
        >>> for i in tf.range(3):
        ...     ta = ta.write(i, x * tf.cast(i, tf.float32))
        >>> ta.stack().numpy().tolist()
        [0.0, 2.0, 4.0]
    """

    def __init__(
        self,
        dtype: Any,
        size: Any = None,
        dynamic_size: Any = None,
        clear_after_read: Any = None,
        tensor_array_name: str | None = None,
        handle: Any = None,
        flow: Any = None,
        infer_shape: builtins.bool = True,
        element_shape: Any = None,
        colocate_with_first_write_call: builtins.bool = True,
        name: str | None = None,
    ) -> None:
        if handle is not None:
            raise ValueError("TensorArray handles are not supported when eager execution is enabled.")
        if size is None:
            raise ValueError("Size must be declared for TensorArrays when eager execution is enabled.")
        self._dtype = _dt.as_dtype(dtype)
        self._flow = Tensor(np.asarray(0, np.int32))
        self._infer_shape = infer_shape
        self._es = _shape_arg(element_shape)
        self._colocate_with_first_write_call = colocate_with_first_write_call
        self._dynamic_size = dynamic_size or False
        self._clear_after_read = True if clear_after_read is None else clear_after_read
        self._read_once: set = set()
        if isinstance(size, (Tensor, Variable)):
            size = np.asarray(size)[()]
        if isinstance(size, float):
            raise TypeError("'float' object cannot be interpreted as an integer")
        self._items: list = [None] * max(int(size), 0)

    # -- properties ------------------------------------------------------------------------------
    @property
    def flow(self) -> Tensor:
        """For compatibility: a dummy int32 scalar (flows mean nothing in eager mode)."""
        return self._flow

    @property
    def dtype(self) -> _dt.DType:
        return self._dtype

    @property
    def handle(self) -> None:
        """For compatibility: None in eager mode."""
        return None

    @property
    def element_shape(self) -> TensorShape:
        """The shape of the elements: known dims merged from the writes when ``infer_shape``."""
        return _shape_obj(self._es)

    @property
    def dynamic_size(self) -> builtins.bool:
        return self._dynamic_size

    # -- reading ---------------------------------------------------------------------------------
    def _maybe_zero(self, i: int) -> Tensor:
        t = self._items[i]
        if t is None:
            if self._es is None or any(d is None for d in self._es):
                raise ValueError(f"Cannot convert a partially known TensorShape {_es_str(self._es)} to a Tensor.")
            t = self._items[i] = Tensor(np.zeros(self._es, _dt.np_dtype(self._dtype)))
        return t

    def read(self, index: Any, name: str | None = None) -> Tensor:
        """The tensor at ``index`` (zeros of ``element_shape`` if never written)."""
        i = _index_arg(index, "read")
        if i < 0:
            raise OutOfRangeError(f"Reading from negative indices (index {i}) is not allowed.", op="TensorArrayRead")
        if i >= len(self._items):
            raise OutOfRangeError(f"Tried to read from index {i} but array size is: {len(self._items)} ",
                                  op="TensorArrayRead")
        t = self._items[i]
        if t is None:
            if i in self._read_once:
                raise InvalidArgumentError(
                    f"Could not read index {i} twice because it was cleared after a previous read (perhaps try "
                    "setting clear_after_read = false?)", op="TensorArrayRead",
                )
            t = self._maybe_zero(i)
        if self._clear_after_read:
            self._items[i] = None
            self._read_once.add(i)
        return t

    def _stack_list(self, ts: list) -> Tensor:
        shape0 = ts[0]._value.shape
        for i, t in enumerate(ts[1:], 1):
            if t._value.shape != shape0:
                raise InvalidArgumentError(
                    f"Shapes of all inputs must match: values[0].shape = {_dims_str(shape0)} != values[{i}].shape = "
                    f"{_dims_str(t._value.shape)} (TensorArray of {self._dtype.name})", op="TensorArrayStack",
                )
        return array_ops.stack(ts)

    def stack(self, name: str | None = None) -> Tensor:
        """All elements stacked along a new first axis."""
        if not self._items:
            if self._es is not None and all(d is not None for d in self._es):
                return Tensor(np.zeros((0,) + self._es, _dt.np_dtype(self._dtype)))
            return Tensor(np.zeros((0,), _dt.np_dtype(self._dtype)))
        return self._stack_list([self._maybe_zero(i) for i in range(len(self._items))])

    def gather(self, indices: Any, name: str | None = None) -> Tensor:
        """The elements at ``indices``, stacked (negative indices count from the end, as in TF eager)."""
        idx = _indices_arg(indices, "gather")
        n = len(self._items)
        for i in idx:
            if not -n <= i < n:
                raise OutOfRangeError(f"TensorArray.gather: index {i} is out of range for a TensorArray of size {n}",
                                      op="TensorArrayGather")
        if not idx:
            return Tensor(np.zeros((0,), _dt.np_dtype(self._dtype)))
        return self._stack_list([self._maybe_zero(i % n) for i in idx])

    def concat(self, name: str | None = None) -> Tensor:
        """All elements concatenated along their first axis."""
        ts = [self._maybe_zero(i) for i in range(len(self._items))]
        if not ts:
            raise InvalidArgumentError("TensorArray.concat: the TensorArray is empty (nothing to concatenate)",
                                       op="TensorArrayConcat")
        for i, t in enumerate(ts):
            if t._value.ndim == 0:
                raise InvalidArgumentError(
                    f"Concat saw a scalar shape at index {i} but requires at least vectors.", op="TensorArrayConcat"
                )
        return array_ops.concat(ts, 0)

    def size(self, name: str | None = None) -> Tensor:
        """The number of elements, an int32 scalar."""
        return Tensor(np.asarray(len(self._items), np.int32))

    # -- writing ---------------------------------------------------------------------------------
    def _write(self, index: Any, value: Any) -> None:
        i = _index_arg(index, "write")
        if i < 0:
            raise OutOfRangeError(f"Writing to negative indices (index {i}) is not allowed.", op="TensorArrayWrite")
        n = len(self._items)
        if i >= n:
            if not self._dynamic_size:
                raise OutOfRangeError(
                    f"Tried to write to index {i} but array is not resizeable and size is: {n} ", op="TensorArrayWrite"
                )
            self._items.extend([None] * (i - n + 1))
        t = _convert_preferred(value, self._dtype)
        self._check_dtype(t)
        shape = t._value.shape
        es = self._es
        if es is not None and not _shape_fits(shape, es):
            raise ValueError(f"Incompatible shape for value ({TensorShape(shape)}), expected ({_es_str(es)})")
        if self._infer_shape:
            self._es = _tuple(shape) if es is None else _tuple(a if a is not None else b for a, b in zip(es, shape))
        self._items[i] = t

    def _check_dtype(self, t: Tensor) -> None:
        if t._value.dtype != _dt.np_dtype(self._dtype):
            raise InvalidArgumentError(
                f"TensorArray dtype is {self._dtype.name} but Op is trying to write dtype {t.dtype.name} ",
                op="TensorArrayWrite",
            )

    def write(self, index: Any, value: Any, name: str | None = None) -> TensorArray:
        """Write ``value`` at ``index``; returns the array (use it: ``ta = ta.write(i, v)``)."""
        self._write(index, value)
        return self

    def unstack(self, value: Any, name: str | None = None) -> TensorArray:
        """Replace the contents with the slices of ``value`` along its first axis."""
        t = _convert_preferred(value, self._dtype)
        self._check_dtype(t)
        if t._value.ndim == 0:
            raise ValueError("Argument `axis` = 0 not in range [0, 0)")
        parts = array_ops.unstack(t)
        if len(parts) > len(self._items) and not self._dynamic_size:
            raise ValueError(f"Cannot unstack {len(parts)} tensors into a TensorArray of static size {len(self._items)} ")
        self._items = list(parts)
        return self

    def scatter(self, indices: Any, value: Any, name: str | None = None) -> TensorArray:
        """Write the slices of ``value`` at ``indices`` (as TF, ``value`` is not converted to the
        array's dtype first: a Python int list into a float array fails the dtype check)."""
        idx = _indices_arg(indices, "scatter")
        t = _as_tensor(value, "TensorArray.scatter")
        if t._value.ndim == 0:
            raise ValueError("Argument `axis` = 0 not in range [0, 0)")
        for i, v in zip(idx, array_ops.unstack(t)):
            self._write(i, v)
        return self

    def split(self, value: Any, lengths: Any, name: str | None = None) -> TensorArray:
        """Replace the contents with pieces of ``value`` (along its first axis) of ``lengths``."""
        t = _convert_preferred(value, self._dtype)
        self._check_dtype(t)
        ln = _as_tensor(lengths, "TensorArray.split")
        if ln._value.ndim != 1:
            raise InvalidArgumentError(
                f"Expected lengths to be a vector, received shape: {list(ln._value.shape)} ", op="TensorArraySplit"
            )
        if t._value.ndim == 0:
            raise InvalidArgumentError(
                f"Expected value to be at least a vector, but received shape: {list(t._value.shape)} ",
                op="TensorArraySplit",
            )
        sizes = [int(s) for s in ln._value]
        total = builtins.sum(sizes)
        if total != t._value.shape[0]:
            raise InvalidArgumentError(
                f"Expected sum of lengths to be equal to values.shape[0], but sum of lengths is {total} and "
                f"value's shape is: {list(t._value.shape)} ", op="TensorArraySplit",
            )
        if not self._dynamic_size and len(sizes) != len(self._items):
            raise InvalidArgumentError(
                f"TensorArray's size is not equal to the size of lengths ({len(self._items)} vs. {len(sizes)}), and "
                "the TensorArray is not marked as dynamically resizeable.", op="TensorArraySplit",
            )
        self._items = list(array_ops.split(t, sizes)) if sizes else []
        return self

    def close(self, name: str | None = None) -> None:
        """Empty the array."""
        del self._items[:]

    def identity(self) -> TensorArray:
        """The same array (eager mode has no flows to order)."""
        return self

    def grad(self, source: Any, flow: Any = None, name: str | None = None) -> Any:
        raise NotImplementedError(
            "TensorArray.grad is not supported when executing eagerly; eager's gradient implementation does not "
            "use/need this function to compute gradients of operations that use TensorArrays."
        )


# --- map_fn / vectorized_map / scan / fold -----------------------------------------------------


def _check_fn(fn: Any, op: str) -> None:
    if not callable(fn):
        raise TypeError(f"{op}: fn must be callable, got {type(fn).__name__}")


def _flat_elems(elems: Any, op: str) -> list:
    flat = nest.flatten(elems)
    if not flat:
        raise ValueError(
            f"elems must be a Tensor or (possibly nested) sequence of Tensors. Got {elems}, which does not "
            "contain any Tensors."
        )
    ts = [_as_tensor(e, op) for e in flat]
    for t in ts:
        if t._value.ndim == 0:
            raise ValueError("Elements in elems must be 1+ dimensional Tensors, not scalars")
    n = ts[0]._value.shape[0]
    for t in ts[1:]:
        if t._value.shape[0] != n:
            raise ValueError(f"Dimensions {n} and {t._value.shape[0]} are not compatible")
    return ts


def _sig_leaf(d: Any) -> tuple:
    """(dtype, element shape or None) of one leaf of ``fn_output_signature``."""
    if _is_spec(d):
        return d.dtype, None if d._shape is None else _tuple(d._shape)
    try:
        return _dt.as_dtype(d), None
    except (TypeError, ValueError):
        raise TypeError(f"map_fn: fn_output_signature leaves must be dtypes or tf.TensorSpec, got {d!r}") from None


def map_fn(
    fn: Callable,
    elems: Any,
    dtype: Any = None,
    parallel_iterations: int | None = None,
    back_prop: builtins.bool = True,
    swap_memory: builtins.bool = False,
    infer_shape: builtins.bool = True,
    name: str | None = None,
    fn_output_signature: Any = None,
) -> Any:
    """``tf.map_fn``: apply ``fn`` to each slice of ``elems`` along axis 0 and stack the results.

    ``elems`` may be nested (``fn`` gets the same nesting); without ``fn_output_signature`` the
    outputs must have the structure and dtypes of ``elems``, otherwise give it as a dtype, a
    ``tf.TensorSpec`` or a nested structure of them. As in TF, all outputs of one leaf must have
    compatible shapes (``infer_shape``) and the signature's dtype (TF's errors otherwise).
    Results are stacked with ``tf.stack``, so gradients flow. ``back_prop=False`` has no effect
    (as in TF's eager mode).

    Example:
        >>> import tapeflow as tf
        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> tf.map_fn(tf.reduce_sum, x).numpy().tolist()
        [3.0, 7.0]
        >>> tf.map_fn(lambda r: tf.cast(r[0], tf.int32), x, fn_output_signature=tf.int32).numpy().tolist()
        [1, 3]
    """
    sig = dtype if fn_output_signature is None else fn_output_signature
    _check_fn(fn, "map_fn")
    flat = _flat_elems(elems, "map_fn")
    n = flat[0]._value.shape[0]
    if sig is None:
        specs = [(t.dtype, None) for t in flat]
    else:
        specs = [_sig_leaf(d) for d in nest.flatten(sig)]
    out_template = sig if sig is not None else elems
    check_against = sig or elems
    cols = [array_ops.unstack(t) for t in flat]
    tas = [TensorArray(dt, size=n, dynamic_size=False, infer_shape=infer_shape, element_shape=shape)
           for dt, shape in specs]
    for i in range(n):
        value = nest.pack_sequence_as(elems, [c[i] for c in cols])
        res = fn(value)
        _assert_same_structure(check_against, res, check_types=True)
        for ta, v in zip(tas, nest.flatten(res)):
            ta.write(i, v)
    return nest.pack_sequence_as(out_template, [ta.stack() for ta in tas])


def _stack_leaf(vals: list, op: str, k: int) -> Tensor:
    ts = [_as_tensor(v, op) for v in vals]
    t0 = ts[0]
    for i, t in enumerate(ts[1:], 1):
        if t._value.shape != t0._value.shape or t._value.dtype != t0._value.dtype:
            raise InvalidArgumentError(
                f"{op}: fn returned a {describe(t0)} for element 0 but a {describe(t)} for element {i} "
                f"(output {k}): every call must return the same shapes and dtypes", op=op,
            )
    return array_ops.stack(ts)


def vectorized_map(fn: Callable, elems: Any, fallback_to_while_loop: builtins.bool = True,
                   warn: builtins.bool = True) -> Any:
    """``tf.vectorized_map``: the same results as ``map_fn``, with the output structure and dtypes
    taken from ``fn``'s results (no signature needed).

    tapeflow runs ``fn`` once per element (a loop, like ``map_fn``) and stacks each output with
    ``tf.stack``; TF vectorizes ``fn`` with pfor instead, so ``fn``'s Python side effects run
    once per element here (and once in TF). With zero elements ``fn`` runs once on zeros to learn
    the output shapes, as TF's tracing does.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> tf.vectorized_map(lambda r: (r * 2, tf.cast(r[0], tf.int32)), x)[1].numpy().tolist()
        [1, 3]
    """
    _check_fn(fn, "vectorized_map")
    flat = _flat_elems(elems, "vectorized_map")
    n = flat[0]._value.shape[0]
    if n == 0:
        probe = nest.pack_sequence_as(elems, [Tensor(np.zeros(t._value.shape[1:], t._value.dtype)) for t in flat])
        res = fn(probe)

        def empty(v: Any) -> Any:
            if v is None:
                return None
            t = _as_tensor(v, "vectorized_map")
            return Tensor(np.zeros((0,) + t._value.shape, t._value.dtype))

        return nest.map_structure(empty, res)
    cols = [array_ops.unstack(t) for t in flat]
    results = [fn(nest.pack_sequence_as(elems, [c[i] for c in cols])) for i in range(n)]
    template = results[0]
    for r in results[1:]:
        _assert_same_structure(template, r, check_types=False)
    flats = [nest.flatten(r) for r in results]
    outs = []
    for k, leaf in enumerate(flats[0]):
        if leaf is None:
            outs.append(None)
        else:
            outs.append(_stack_leaf([f[k] for f in flats], "vectorized_map", k))
    return nest.pack_sequence_as(template, outs)


def scan(
    fn: Callable,
    elems: Any,
    initializer: Any = None,
    parallel_iterations: int = 10,
    back_prop: builtins.bool = True,
    swap_memory: builtins.bool = False,
    infer_shape: builtins.bool = True,
    reverse: builtins.bool = False,
    name: str | None = None,
) -> Any:
    """``tf.scan``: the running accumulation ``a = fn(a, x)`` over the slices of ``elems``,
    stacked (from the last element when ``reverse``).

    Without ``initializer`` the first (last, when ``reverse``) element starts the accumulation and
    is the first output. ``fn``'s result must have the structure (and, with ``infer_shape``, the
    shapes and dtypes) of ``initializer`` (else of ``elems``), as TF checks.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.constant([1.0, 2.0, 3.0, 4.0])
        >>> tf.scan(lambda a, v: a + v, x).numpy().tolist()
        [1.0, 3.0, 6.0, 10.0]
        >>> tf.scan(lambda a, v: a + v, x, reverse=True).numpy().tolist()
        [10.0, 9.0, 7.0, 4.0]
    """
    _check_fn(fn, "scan")
    flat = _flat_elems(elems, "scan")
    n = flat[0]._value.shape[0]
    elems_ta = [TensorArray(t.dtype, size=n, element_shape=t._value.shape[1:], infer_shape=True).unstack(t)
                for t in flat]
    if initializer is None:
        first = n - 1 if reverse else 0
        a_flat = [ta.read(first) for ta in elems_ta]
        template = elems
        start = 1
    else:
        a_flat = [_as_tensor(v, "scan") for v in nest.flatten(initializer)]
        template = initializer
        start = 0
    accs = [TensorArray(a.dtype, size=n, element_shape=a._value.shape if infer_shape else None,
                        infer_shape=infer_shape) for a in a_flat]
    if initializer is None:
        for ta, a in zip(accs, a_flat):
            ta.write(first, a)
    order = range(n - 1 - start, -1, -1) if reverse else range(start, n)
    for i in order:
        packed_elems = nest.pack_sequence_as(elems, [ta.read(i) for ta in elems_ta])
        a_out = fn(nest.pack_sequence_as(template, a_flat), packed_elems)
        _assert_same_structure(template, a_out, check_types=True)
        a_flat = nest.flatten(a_out)
        for ta, v in zip(accs, a_flat):
            ta.write(i, v)
    return nest.pack_sequence_as(template, [ta.stack() for ta in accs])


def _fold(fn: Callable, elems: Any, initializer: Any, op: str, right: builtins.bool) -> Any:
    _check_fn(fn, op)
    flat = _flat_elems(elems, op)
    n = flat[0]._value.shape[0]
    tas = [TensorArray(t.dtype, size=n, dynamic_size=False, infer_shape=True).unstack(t) for t in flat]

    def read(i: int) -> Any:
        return nest.pack_sequence_as(elems, [ta.read(i) for ta in tas])

    if initializer is None:
        i = n - 1 if right else 0
        a = read(i)
        if not right:
            i = 1
    else:
        a = nest.map_structure(_read_variables, initializer)
        i = n if right else 0
    template = a
    while (i > 0) if right else (i < n):
        if right:
            i -= 1
        a = fn(a, read(i))
        _assert_same_structure(template, a, check_types=True)
        if not right:
            i += 1
    return nest.map_structure(_final_value, a)


def foldl(fn: Callable, elems: Any, initializer: Any = None, parallel_iterations: int = 10,
          back_prop: builtins.bool = True, swap_memory: builtins.bool = False, name: str | None = None) -> Any:
    """``tf.foldl``: fold ``a = fn(a, x)`` over the slices of ``elems`` from the first.

    Without ``initializer`` the first element starts the fold. ``fn``'s result must keep the
    structure of the accumulator (TF's check); its dtype and shape may change.

    Example:
        >>> import tapeflow as tf
        >>> tf.foldl(lambda a, v: a * 10 + v, tf.constant([1.0, 2.0, 3.0])).numpy()
        np.float32(123.0)
    """
    return _fold(fn, elems, initializer, "foldl", right=False)


def foldr(fn: Callable, elems: Any, initializer: Any = None, parallel_iterations: int = 10,
          back_prop: builtins.bool = True, swap_memory: builtins.bool = False, name: str | None = None) -> Any:
    """``tf.foldr``: fold ``a = fn(a, x)`` over the slices of ``elems`` from the last.

    Example:
        >>> import tapeflow as tf
        >>> tf.foldr(lambda a, v: a * 10 + v, tf.constant([1.0, 2.0, 3.0])).numpy()
        np.float32(321.0)
    """
    return _fold(fn, elems, initializer, "foldr", right=True)


# --- py_function / numpy_function --------------------------------------------------------------


def _decorator_or_check(op: Callable, op_name: str, func: Any, inp: Any, Tout: Any, **kwargs: Any) -> Any:
    if Tout is None:
        raise TypeError(
            "Missing required argument: 'Tout'\n"
            f"  If using {op_name} as a decorator, set `Tout`\n"
            "  **by name** above the function:\n"
            f"  `@{op_name}(Tout=tout)`"
        )
    if func is None:
        if inp is not None:
            raise TypeError(f"Don't set the `inp` argument when using {op_name} as a decorator (`func=None`).")

        def decorator(fun: Callable) -> Callable:
            @functools.wraps(fun)
            def wrapper(*args: Any) -> Any:
                return op(fun, inp=args, Tout=Tout, **kwargs)

            return wrapper

        return decorator
    if inp is None:
        raise TypeError(
            "Missing argument `inp`:\n"
            "  You must set the `inp` argument (the list of arguments to the\n"
            f"  function), unless you use `{op_name}` as a decorator(`func=None`)."
        )
    return None


def _tout_dtype(t: Any) -> _dt.DType:
    if _is_spec(t):
        return t.dtype
    try:
        return _dt.as_dtype(t)
    except (TypeError, ValueError):
        raise TypeError(f"Cannot convert the argument `type_value`: {t!r} to a TensorFlow DType.") from None


def _py_output(value: Any, dtype: _dt.DType, fname: str) -> Tensor:
    if isinstance(value, Variable):
        raise RuntimeError(
            "Attempting to return a variable from an eagerly executed py_func. Only numeric data structures like "
            "Tensors or NumPy arrays should be returned; to return the value of a variable, make sure to obtain "
            f"the Tensor backing it by calling `.read_value()` on the variable in question: {value!r}"
        )
    try:
        return convert_to_tensor(value, dtype=dtype)
    except (TypeError, ValueError) as e:
        raise InvalidArgumentError(f"{type(e).__name__}: {e}\n [Op:EagerPyFunc] (py_function '{fname}')",
                                   op="EagerPyFunc") from e


def _no_forward(*args: Any, **kwargs: Any) -> Any:
    raise InvalidArgumentError("a py_function cannot be re-run from its record", op="EagerPyFunc")


def _is_trainable(t: Tensor) -> builtins.bool:
    return t._value.dtype.kind in "fc"


def py_function(func: Callable | None = None, inp: Any = None, Tout: Any = None, name: str | None = None) -> Any:
    """``tf.py_function``: call ``func`` on the inputs as Tensors and convert its results to ``Tout``.

    ``Tout`` is a dtype (one result), a list of dtypes (a list of results, ``[]`` for none) or
    ``tf.TensorSpec``s; with ``func=None`` this is a decorator. Results are converted to ``Tout``
    (TF's InvalidArgumentError when they cannot be, or when ``func`` returns fewer values).

    Gradients, as TF's EagerPyFunc: while a tape records, ``func`` runs under an inner tape
    watching its (float) inputs, and the gradient of the outputs with respect to those inputs is
    taken from it. Variables captured by ``func`` get no gradient, an input the outputs do not
    depend on gets zeros (TF gives a scalar 0.0), and derivatives of second order through
    ``func`` are None, all as in TF. Unlike TF, the recorded gradient can be taken more than once
    (persistent tapes, jacobians). Exceptions from ``func``: ValueError and TypeError become
    InvalidArgumentError (as in TF); others propagate unchanged (TF wraps them in UnknownError).

    Example:
        >>> import tapeflow as tf
        >>> x = tf.constant([1.0, 2.0])
        >>> with tf.GradientTape() as t:
        ...     t.watch(x)
        ...     y = tf.py_function(lambda a: a * a, [x], tf.float32)
        >>> y.numpy().tolist(), t.gradient(y, x).numpy().tolist()
        ([1.0, 4.0], [2.0, 4.0])
    """
    deco = _decorator_or_check(py_function, "tf.py_function", func, inp, Tout, name=name)
    if deco is not None:
        return deco
    if not callable(func):
        raise ValueError(f"Expected func to be callable. Received func={func} of type {type(func)}.")
    fname = getattr(func, "__name__", "func")
    ins = [_as_tensor(x, "py_function") for x in list(inp)]
    is_list = isinstance(Tout, (list, _tuple))
    dtypes = [_tout_dtype(t) for t in (Tout if is_list else [Tout])]
    args = [Tensor(t._value) for t in ins]  # fresh copies, as TF hands the function new EagerTensors
    trainable = [k for k, t in enumerate(ins) if _is_trainable(t)]
    inner = None
    try:
        if trainable and _rec.active():
            from ..tape import GradientTape

            with GradientTape(persistent=True, watch_accessed_variables=False) as inner:
                inner.watch([args[k] for k in trainable])
                ret = func(*args)
        else:
            ret = func(*args)
    except (ValueError, TypeError) as e:
        if isinstance(e, InvalidArgumentError):
            raise
        raise InvalidArgumentError(f"{type(e).__name__}: {e}\n [Op:EagerPyFunc] (py_function '{fname}')",
                                   op="EagerPyFunc") from e
    except StopIteration as e:
        raise OutOfRangeError(f"StopIteration: {e}\n [Op:EagerPyFunc]", op="EagerPyFunc") from e
    if isinstance(ret, (list, _tuple)):
        outs = [_py_output(v, d, fname) for v, d in zip(ret, dtypes)]
    elif ret is None:
        outs = []
    elif not dtypes:
        outs = [ret]
    else:
        outs = [_py_output(ret, dtypes[0], fname)]
    if len(outs) != len(dtypes):
        raise InvalidArgumentError(
            f"py_function '{fname}' returns {len(outs)} values, but expects to see {len(dtypes)} values.",
            op="EagerPyFunc",
        )
    results = [Tensor(t._value) for t in outs]  # the op's own outputs
    if inner is not None and results:
        _record_py_function(inner, [ins[k] for k in trainable], [args[k] for k in trainable], outs, results)
    return results if is_list else results[0]


def _record_py_function(inner: Any, ins: list, args: list, outs: list, results: list) -> None:
    single = len(results) == 1

    def vjp(g: Any, out: Any, ins_: _tuple, p: dict, need: _tuple) -> _tuple:
        gs = [g] if single else list(g)
        grads = inner.gradient(outs, args, output_gradients=gs)
        return _tuple(
            gi if gi is not None else C.zeros_array(x._value.shape, x._value.dtype)
            for gi, x in zip(grads, ins_)
        )

    prim = Primitive("EagerPyFunc", _no_forward, vjp, batchable=False, n_out=1 if single else -1)
    record(prim, _tuple(ins), results[0] if single else _tuple(results), None)


_PY_FUNC_CUT = Primitive("PyFunc", _no_forward, None, n_out=-1)


def numpy_function(func: Callable | None = None, inp: Any = None, Tout: Any = None,
                   stateful: builtins.bool = True, name: str | None = None) -> Any:
    """``tf.numpy_function``: call ``func`` on the inputs as (writable copies of) NumPy arrays.

    As TF in eager mode: the results are converted with ``tf.convert_to_tensor`` (their own
    dtypes: ``Tout`` is required but not applied), ``None`` results stay None, a single result is
    returned alone, exceptions from ``func`` propagate unchanged, and no gradient flows through
    (the gradient is None). With ``func=None`` this is a decorator.

    Example:
        >>> import numpy as np
        >>> import tapeflow as tf
        >>> tf.numpy_function(lambda a: np.sort(a), [tf.constant([3, 1, 2])], tf.int32).numpy().tolist()
        [1, 2, 3]
    """
    deco = _decorator_or_check(numpy_function, "tf.numpy_function", func, inp, Tout, stateful=stateful, name=name)
    if deco is not None:
        return deco
    args = [np.array(x) for x in inp]
    res = func(*args)
    flat = [x if x is None else _as_tensor(x, "numpy_function") for x in nest.flatten(res)]
    if _rec.active():
        ins = _tuple(_as_tensor(x, "numpy_function") for x in inp if isinstance(x, (Tensor, Variable)))
        outs = _tuple(t for t in flat if t is not None)
        if ins and outs:
            record(_PY_FUNC_CUT, ins, outs, None)  # a cut: tape.explain can name it
    if len(flat) == 1:
        return flat[0]
    return flat


# --- graph-era helpers (eager semantics) -------------------------------------------------------


def group(*inputs: Any, **kwargs: Any) -> None:
    """``tf.group``: None in eager mode (every op already ran).

    Example:
        >>> import tapeflow as tf
        >>> print(tf.group(tf.constant(1.0), tf.constant(2.0)))
        None
    """
    return None


class _NullContext:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: Any) -> None:
        return None


def control_dependencies(control_inputs: Any) -> Any:
    """``tf.control_dependencies``: a context manager that does nothing in eager mode (ops run in
    program order); as TF, callables in ``control_inputs`` are called.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.constant(1.0)
        >>> with tf.control_dependencies([x]):
        ...     y = x + 1.0
        >>> float(y)
        2.0
    """
    if _truth(control_inputs, "control_dependencies") if isinstance(control_inputs, (Tensor, Variable)) else control_inputs:
        for c in control_inputs:
            if callable(c):
                c()
    return _NullContext()


def no_op(name: str | None = None) -> None:
    """``tf.no_op``: does nothing; None in eager mode.

    Example:
        >>> import tapeflow as tf
        >>> print(tf.no_op())
        None
    """
    return None


def tuple_(tensors: Any, control_inputs: Any = None, name: str | None = None) -> Any:
    """``tf.tuple``: returns ``tensors`` unchanged in eager mode (the same objects).

    Example:
        >>> import tapeflow as tf
        >>> a = tf.constant(1.0)
        >>> tf.tuple([a, None])[0] is a
        True
    """
    return tensors


tuple_.__name__ = tuple_.__qualname__ = "tuple"


def identity_n(input: Any, name: str | None = None) -> list:
    """``tf.identity_n``: identities of each tensor in ``input`` (a list), differentiable.

    Example:
        >>> import tapeflow as tf
        >>> [t.numpy().tolist() for t in tf.identity_n([[1.0, 2.0], tf.constant(3)])]
        [[1.0, 2.0], 3]
    """
    ts = [_as_tensor(x, "identity_n") for x in input]
    if not ts:
        raise InvalidArgumentError("identity_n: Length for attr 'T' of 0 must be at least minimum 1",
                                   op="IdentityN")
    return [C.identity_raw(t) for t in ts]


@contextlib.contextmanager
def init_scope() -> Iterator[None]:
    """``tf.init_scope``: as TF, gradient tapes stop recording inside it (tapeflow has no graph
    to lift out of).

    Example:
        >>> import tapeflow as tf
        >>> x = tf.constant(2.0)
        >>> with tf.GradientTape() as t:
        ...     t.watch(x)
        ...     with tf.init_scope():
        ...         y = x * x
        >>> print(t.gradient(y, x))
        None
    """
    with _rec.no_recording():
        yield None


def inside_function() -> builtins.bool:
    """``tf.inside_function``: always False. TF returns True while ``tf.function`` traces; tapeflow's
    ``tf.function`` returns the function unchanged, so code never runs inside a graph.

    Example:
        >>> import tapeflow as tf
        >>> tf.inside_function()
        False
    """
    return False


def ensure_shape(x: Any, shape: Any, name: str | None = None) -> Tensor:
    """``tf.ensure_shape``: ``x`` (an identity, differentiable) if its shape is compatible with
    ``shape`` (``None`` dims match anything), else TF's InvalidArgumentError.

    Example:
        >>> import tapeflow as tf
        >>> tf.ensure_shape(tf.zeros([2, 3]), [None, 3]).shape
        TensorShape([2, 3])
    """
    t = _as_tensor(x, "ensure_shape")
    want = _shape_arg(shape)
    if want is not None and not _shape_fits(t._value.shape, want):
        raise InvalidArgumentError(
            f"Shape of tensor input {_dims_str(t._value.shape)} is not compatible with expected shape "
            f"{_dims_str(want)}. (ensure_shape of a {describe(t)})", op="EnsureShape",
        )
    return C.identity_raw(t)


def get_static_value(tensor: Any, partial: builtins.bool = False) -> Any:
    """``tf.get_static_value``: a tensor's value as NumPy; None for a Variable; any other value
    is returned as it is (as TF in eager mode).

    Example:
        >>> import tapeflow as tf
        >>> tf.get_static_value(tf.constant([1, 2]))
        array([1, 2], dtype=int32)
        >>> print(tf.get_static_value(tf.Variable(1.0)))
        None
    """
    if isinstance(tensor, Tensor):
        return tensor.numpy()
    if isinstance(tensor, Variable):
        return None
    return tensor


def __getattr__(name: str) -> Any:
    # ``tuple`` is exported through here so that the builtin stays usable inside this module
    if name == "tuple":
        return tuple_
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "cond", "case", "switch_case", "while_loop", "TensorArray", "map_fn", "vectorized_map", "scan",
    "foldl", "foldr", "py_function", "numpy_function", "group", "control_dependencies", "no_op", "tuple",
    "identity_n", "init_scope", "inside_function", "ensure_shape", "get_static_value",
]
