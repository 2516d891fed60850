"""String ops on bytes tensors (``tf.strings``, ``tf.as_string``).

A string tensor's value is a NumPy object array of ``bytes`` (what TF's ``.numpy()`` returns).
Ops that make rows of different lengths (``split`` of a vector, ``unicode_split``,
``bytes_split`` ...) return a ``tf.RaggedTensor``. String ops are not differentiable:
``as_string``, ``to_number`` are TF ``NotDifferentiable`` ops (their gradient is ``None``).

Example:
    >>> import tapeflow as tf
    >>> print(tf.strings.split(tf.constant("Gray wolf"), sep=" "))
    tf.Tensor([b'Gray' b'wolf'], shape=(2,), dtype=string)
    >>> print(tf.strings.to_number(tf.strings.split(tf.constant("1 10 100"), " ")))
    tf.Tensor([  1.  10. 100.], shape=(3,), dtype=float32)
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any, Callable, Sequence

import numpy as np

from .. import dtypes as _dt
from ..errors import InvalidArgumentError, OutOfRangeError
from ..primitives import bind1, defprim
from ..tensor import Tensor, Variable, _object_array, convert_to_tensor
from ._args import describe

__all__ = [
    "as_string", "bytes_split", "format", "join", "length", "lower", "upper", "ngrams", "reduce_join",
    "regex_full_match", "regex_replace", "split", "strip", "substr", "to_number", "to_hash_bucket",
    "to_hash_bucket_fast", "to_hash_bucket_strong", "unicode_decode", "unicode_decode_with_offsets",
    "unicode_encode", "unicode_split", "unicode_split_with_offsets", "unicode_transcode",
    "unsorted_segment_join",
]

# --- helpers -----------------------------------------------------------------------------------------


def _ragged_cls() -> Any:
    from ..ragged_tensor import RaggedTensor

    return RaggedTensor


def _is_ragged(x: Any) -> bool:
    return type(x).__name__ == "RaggedTensor" and isinstance(x, _ragged_cls())


def _str_arg(x: Any, op: str, what: str = "input") -> Tensor:
    """A string tensor argument (Python str/bytes and nested lists convert; other dtypes raise)."""
    if isinstance(x, Variable):
        x = x._read()
    if isinstance(x, Tensor):
        if x._value.dtype.kind != "O":
            raise ValueError(
                f"{op}: {what} must be a string tensor; got a {describe(x)} (Tensor conversion requested "
                f"dtype string for Tensor with dtype {x.dtype.name})"
            )
        return x
    try:
        return convert_to_tensor(x, dtype=_dt.string)
    except (TypeError, ValueError) as e:
        raise type(e)(f"{op}: {what}: {e}") from None


def _int_arg(x: Any, op: str, what: str) -> Tensor:
    if isinstance(x, Variable):
        x = x._read()
    t = x if isinstance(x, Tensor) else convert_to_tensor(x)
    if t._value.dtype.kind not in "iu":
        raise InvalidArgumentError(f"{op}: {what} must be an integer tensor, got a {describe(t)}", op=op)
    return t


def _flat(t: Tensor) -> list:
    """The elements of a string tensor as a flat list of bytes."""
    v = t._value
    return v.ravel().tolist() if v.ndim else [v[()]]


def _strings(flat: list, shape: tuple) -> Tensor:
    return Tensor(_object_array(flat, shape))


def _map_strings(x: Any, fn: Callable[[bytes], Any], op: str, out_dtype: Any = None) -> Any:
    """Apply ``fn`` to every string of ``x`` (a RaggedTensor keeps its row partition)."""
    if _is_ragged(x):
        return x.with_flat_values(_map_strings(x.flat_values, fn, op, out_dtype))
    t = _str_arg(x, op)
    out = [fn(s) for s in _flat(t)]
    if out_dtype is None:
        return _strings(out, t._value.shape)
    return Tensor(np.asarray(out, out_dtype).reshape(t._value.shape))


def _splits_dtype(x: Any) -> np.dtype:
    return x.row_splits._value.dtype if _is_ragged(x) else np.dtype(np.int64)


def _rows_result(rows: list, shape: tuple, values_of: Callable[[list], Tensor], splits_dt: np.dtype) -> Any:
    """``rows`` (one list per element of an input of ``shape``) as TF returns them: a vector for a
    scalar input, else a RaggedTensor whose inner rows are the lists (outer dimensions uniform)."""
    values = values_of([v for r in rows for v in r])
    if not shape:
        return values
    lengths = np.asarray([len(r) for r in rows], splits_dt)
    splits = np.concatenate([np.zeros(1, splits_dt), np.cumsum(lengths, dtype=splits_dt)])
    out = _ragged_cls().from_row_splits(values, Tensor(splits), validate=False)
    return _uniform_wrap(out, shape, splits_dt)


def _uniform_wrap(inner: Any, shape: tuple, splits_dt: np.dtype) -> Any:
    """Wrap a RaggedTensor over the flattened elements of a dense input of ``shape`` (rank >= 2)
    in uniform outer dimensions, so it has ``shape`` as its leading dimensions."""
    rt = _ragged_cls()
    out = inner
    for k in range(len(shape) - 1, 0, -1):
        nrows = int(np.prod(shape[:k], dtype=np.int64))
        out = rt.from_uniform_row_length(out, Tensor(np.asarray(shape[k], splits_dt)), nrows=nrows, validate=False)
    return out


def _on_rows(x: Any, op: str, per_string: Callable[[bytes], list], values_of: Callable[[list], Tensor]) -> Any:
    """An op that turns each string into a row (split, bytes_split, unicode_decode ...): a scalar
    gives a vector, a tensor gives a RaggedTensor, a RaggedTensor gains one ragged dimension."""
    if _is_ragged(x):
        inner = _on_rows(x.flat_values, op, per_string, values_of)
        if not _is_ragged(inner):  # flat_values are rank 1, so inner is ragged
            raise InvalidArgumentError(f"{op}: unexpected ragged input", op=op)
        return x.with_flat_values(_cast_splits(inner, _splits_dtype(x)))
    t = _str_arg(x, op)
    rows = [per_string(s) for s in _flat(t)]
    return _rows_result(rows, tuple(t._value.shape), values_of, np.dtype(np.int64))


def _cast_splits(rt: Any, dt: np.dtype) -> Any:
    return rt if rt.row_splits._value.dtype == dt else rt.with_row_splits_dtype(_dt.from_numpy(dt))


def _string_values(flat: list) -> Tensor:
    return _strings(flat, (len(flat),))


def _check_choice(op: str, attr: str, value: Any, allowed: Sequence[str]) -> None:
    if value not in allowed:
        raise InvalidArgumentError(
            f"{op}: Value for attr '{attr}' of \"{value}\" is not in the list of allowed values: "
            + ", ".join(f'"{a}"' for a in allowed), op=op)


# --- as_string ---------------------------------------------------------------------------------------

_AS_STRING_FILLS = " +-0#"


def _as_string_fwd(x: np.ndarray, *, precision: int, scientific: bool, shortest: bool, width: int,
                   fill: str) -> np.ndarray:
    kind = x.dtype.kind
    name = _dt.from_numpy(x.dtype).name
    if kind == "O":
        return x
    if len(fill) > 1:
        raise InvalidArgumentError("as_string: Fill string must be one or fewer characters", op="as_string")
    if scientific and shortest:
        raise InvalidArgumentError("as_string: Cannot select both scientific and shortest notation", op="as_string")
    if fill and fill not in _AS_STRING_FILLS:
        raise InvalidArgumentError(f'as_string: Fill argument not supported: "{fill}"', op="as_string")
    flat = x.ravel().tolist()
    if kind in "biu" and precision > -1:
        raise InvalidArgumentError(f"as_string: precision not supported for datatype {name}", op="as_string")
    if kind in "biu" and (scientific or shortest):
        raise InvalidArgumentError(
            f"as_string: scientific and shortest format not supported for datatype {name}", op="as_string")
    if kind == "b":
        out = [b"true" if v else b"false" for v in flat]
        return _object_array(out, x.shape)
    spec = "%" + fill + (str(width) if width > -1 else "")
    if kind in "iu":
        if kind == "u":  # C's "+" and " " flags apply to signed conversions only
            spec = spec.replace("+", "").replace(" ", "")
        spec += "d"
        out = [(spec % v).encode() for v in flat]
        return _object_array(out, x.shape)
    spec += ("." + str(precision) if precision > -1 else "") + ("e" if scientific else "g" if shortest else "f")

    def fmt(v: float) -> str:
        s = spec % v
        return "-nan" if v != v and np.signbit(v) and "nan" in s else s  # C prints the sign of a NaN

    if kind == "c":
        out = [f"({fmt(v.real)},{fmt(v.imag)})".encode() for v in flat]
    else:
        out = [fmt(v).encode() for v in flat]
    return _object_array(out, x.shape)


AS_STRING = defprim("as_string", _as_string_fwd, None)  # TF: NotDifferentiable("AsString")


def as_string(input: Any, precision: int = -1, scientific: bool = False, shortest: bool = False, width: int = -1,
              fill: str = "", name: str | None = None) -> Any:
    """Each element as a string (C ``printf``: ``%f`` / ``%e`` (``scientific``) / ``%g``
    (``shortest``) for floats, ``%d`` for integers, ``true``/``false`` for bools).

    ``width`` pads on the left with spaces, or with ``fill`` (one of ``' '``, ``'0'``, ``'+'``,
    ``'-'``, ``'#'``: a printf flag, as TF). Not differentiable (gradient None).

    Example:
        >>> import tapeflow as tf
        >>> tf.strings.as_string(tf.constant([1.5, -2.0]), precision=2).numpy().tolist()
        [b'1.50', b'-2.00']
        >>> tf.strings.as_string(tf.constant([7, 42]), width=3, fill="0").numpy().tolist()
        [b'007', b'042']
    """
    if _is_ragged(input):
        return input.with_flat_values(as_string(input.flat_values, precision, scientific, shortest, width, fill))
    t = input._read() if isinstance(input, Variable) else input if isinstance(input, Tensor) else convert_to_tensor(input)
    if t._value.dtype.kind == "f" and t._value.dtype.itemsize == 2:
        t = Tensor(t._value.astype(np.float32))  # C promotes half to float for printf
    return bind1(AS_STRING, t, {"precision": int(precision), "scientific": bool(scientific),
                                "shortest": bool(shortest), "width": int(width), "fill": str(fill)})


# --- simple elementwise ops ------------------------------------------------------------------------------

_ASCII_WS = b" \t\n\v\f\r"


def bytes_split(input: Any, name: str | None = None) -> Any:
    """Split each string into its bytes: a vector for a scalar, else a RaggedTensor.

    Example:
        >>> import tapeflow as tf
        >>> print(tf.strings.bytes_split(tf.constant("Duck")))
        tf.Tensor([b'D' b'u' b'c' b'k'], shape=(4,), dtype=string)
        >>> print(tf.strings.bytes_split(["hello", "ab"]))
        <tf.RaggedTensor [[b'h', b'e', b'l', b'l', b'o'], [b'a', b'b']]>
    """
    return _on_rows(input, "bytes_split", lambda s: [s[i:i + 1] for i in range(len(s))], _string_values)


def join(inputs: Any, separator: str = "", name: str | None = None) -> Tensor:
    """Join strings elementwise across the list ``inputs`` (scalars broadcast; other shapes must match).

    Example:
        >>> import tapeflow as tf
        >>> tf.strings.join([tf.constant(["a", "b"]), "x"], separator="-").numpy().tolist()
        [b'a-x', b'b-x']
    """
    op = "join"
    ts = [_str_arg(x, op, "inputs") for x in inputs]
    sep = _as_bytes(separator, op, "separator")
    if not ts:
        return _strings([b""], ())
    shape: tuple = ()
    for t in ts:
        s = tuple(t._value.shape)
        if not s:
            continue
        if shape and s != shape:
            raise InvalidArgumentError(
                f"{op}: Input shapes do not match: {list(shape)} vs. {list(s)}", op=op)
        shape = s
    n = int(np.prod(shape, dtype=np.int64)) if shape else 1
    cols = [_flat(t) * n if not t._value.ndim else _flat(t) for t in ts]
    out = [sep.join(parts) for parts in zip(*cols)] if n else []
    return _strings(out, shape)


def _as_bytes(v: Any, op: str, what: str) -> bytes:
    if isinstance(v, (Tensor, Variable)):
        t = _str_arg(v, op, what)
        if t._value.ndim:
            raise InvalidArgumentError(f"{op}: {what} must be a scalar, got a {describe(t)}", op=op)
        return t._value[()]
    if isinstance(v, str):
        return v.encode("utf-8")
    if isinstance(v, bytes):
        return bytes(v)
    raise TypeError(f"{op}: {what} must be a string, got {v!r}")


def _utf8_len(s: bytes) -> int:
    return sum(1 for b in s if b & 0xC0 != 0x80)


def length(input: Any, unit: str = "BYTE", name: str | None = None) -> Any:
    """The length of each string (int32): in bytes, or in UTF-8 characters (``unit="UTF8_CHAR"``).

    Example:
        >>> import tapeflow as tf
        >>> tf.strings.length(["héllo", "🦆"]).numpy().tolist()
        [6, 4]
        >>> tf.strings.length(["héllo", "🦆"], unit="UTF8_CHAR").numpy().tolist()
        [5, 1]
    """
    _check_choice("length", "unit", unit, ("BYTE", "UTF8_CHAR"))
    return _map_strings(input, len if unit == "BYTE" else _utf8_len, "length", np.int32)


def _case_fn(op: str, encoding: str, upper_case: bool) -> Callable[[bytes], bytes]:
    if encoding == "":
        return bytes.upper if upper_case else bytes.lower
    if encoding != "utf-8":
        raise InvalidArgumentError(f"{op}: only utf-8 or '' (no encoding) is supported, received {encoding}", op=op)

    def fn(s: bytes) -> bytes:
        u = s.split(b"\0", 1)[0].decode("utf-8", "replace")  # TF's ICU path stops at the first NUL byte
        return (u.upper() if upper_case else u.lower()).encode("utf-8")

    return fn


def lower(input: Any, encoding: str = "", name: str | None = None) -> Any:
    """Lowercase: ASCII letters only (``encoding=""``), or Unicode (``encoding="utf-8"``).

    Example:
        >>> import tapeflow as tf
        >>> tf.strings.lower(["CamelCase", "ÀÉ"], encoding="utf-8").numpy().tolist()
        [b'camelcase', b'\\xc3\\xa0\\xc3\\xa9']
    """
    return _map_strings(input, _case_fn("lower", encoding, False), "lower")


def upper(input: Any, encoding: str = "", name: str | None = None) -> Any:
    """Uppercase: ASCII letters only (``encoding=""``), or Unicode (``encoding="utf-8"``: ß -> SS).

    Example:
        >>> import tapeflow as tf
        >>> tf.strings.upper(["CamelCase", "straße"], encoding="utf-8").numpy().tolist()
        [b'CAMELCASE', b'STRASSE']
    """
    return _map_strings(input, _case_fn("upper", encoding, True), "upper")


def strip(input: Any, name: str | None = None) -> Any:
    """Remove leading and trailing ASCII whitespace (space, ``\\t\\n\\v\\f\\r``).

    Example:
        >>> import tapeflow as tf
        >>> tf.strings.strip(["  hi  ", "\\tx\\n"]).numpy().tolist()
        [b'hi', b'x']
    """
    return _map_strings(input, lambda s: s.strip(_ASCII_WS), "strip")


# --- reduce_join / unsorted_segment_join -------------------------------------------------------------


def _ragged_reduce_join(rt: Any, axis: Any, keepdims: bool, sep: bytes) -> Any:
    """``reduce_join`` of a RaggedTensor along one axis (or all): rows of different lengths join by
    position (as TF's segment join); the result is ragged while a ragged dimension other than its
    outermost remains, else a dense Tensor."""
    op = "reduce_join"
    nd = rt.shape.rank
    rows = rt.to_list()
    if axis is None:
        leaves: list = []

        def walk(x: Any) -> None:
            for v in x:
                walk(v) if isinstance(v, list) else leaves.append(v)

        walk(rows)
        return Tensor(_object_array([sep.join(leaves)], (1,) * nd if keepdims else ()))
    if isinstance(axis, (Tensor, Variable)):
        axis = np.asarray(axis).tolist()
    if isinstance(axis, (list, tuple)):
        if len(axis) != 1:
            raise InvalidArgumentError(f"{op}: a RaggedTensor is reduced along one axis at a time, got {axis}", op=op)
        axis = axis[0]
    a = int(axis)
    if not -nd <= a < nd:
        raise OutOfRangeError(f"{op}: Invalid reduction dimension {a} for input with {nd} dimension(s)", op=op)
    a %= nd

    def merge(items: list) -> Any:  # join same-position elements of several (nested) rows
        if not items or not isinstance(items[0], list):
            return sep.join(items)
        longest = max(len(it) for it in items)
        return [merge([it[i] for it in items if len(it) > i]) for i in range(longest)]

    def reduce(x: list, k: int) -> Any:
        return merge(x) if k == 0 else [reduce(v, k - 1) for v in x]

    out = reduce(rows, a)
    # ragged input dims are 1..ragged_rank; those left after removing `a`, renumbered, beyond the outermost
    ragged_left = [d - (d > a) for d in range(1, rt.ragged_rank + 1) if d != a]
    ragged_left = [d for d in ragged_left if d > 0]
    if ragged_left:
        if keepdims:
            raise InvalidArgumentError(f"{op}: keepdims=True is not supported when the result is ragged", op=op)
        from ..ragged import constant as ragged_constant

        return ragged_constant(out, dtype=_dt.string, ragged_rank=max(ragged_left))
    shape = []
    probe = out
    while isinstance(probe, list):
        shape.append(len(probe))
        probe = probe[0] if probe else None
    flat: list = []

    def collect(x: Any) -> None:
        for v in x:
            collect(v) if isinstance(v, list) else flat.append(v)

    collect(out) if isinstance(out, list) else flat.append(out)
    if keepdims:
        shape.insert(a, 1)
    return Tensor(_object_array(flat, tuple(shape)))



def reduce_join(inputs: Any, axis: Any = None, keepdims: bool = False, separator: str = "",
                name: str | None = None) -> Tensor:
    """Join the strings along ``axis`` (all axes when None), in row-major order.

    With several axes, the first one listed varies fastest (as TF). A RaggedTensor is joined along
    one axis (or all): rows of different lengths join by position, and the result is ragged while
    a ragged dimension (other than its outermost) remains, else dense; ``keepdims`` with a ragged
    result is not supported.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.constant([["a", "b"], ["c", "d"]])
        >>> tf.strings.reduce_join(x, axis=1, separator="-").numpy().tolist()
        [b'a-b', b'c-d']
        >>> tf.strings.reduce_join(x).numpy()
        b'abcd'
        >>> tf.strings.reduce_join(tf.ragged.constant([["a", "b"], ["c"]]), axis=-1).numpy().tolist()
        [b'ab', b'c']
    """
    op = "reduce_join"
    if _is_ragged(inputs):
        return _ragged_reduce_join(inputs, axis, keepdims, _as_bytes(separator, op, "separator"))
    t = _str_arg(inputs, op, "inputs")
    sep = _as_bytes(separator, op, "separator")
    v = t._value
    nd = v.ndim
    if axis is None:
        axes = list(range(nd - 1, -1, -1))
    else:
        if isinstance(axis, (Tensor, Variable)):
            axis = np.asarray(axis).tolist()
        axes = [int(a) for a in (axis if isinstance(axis, (list, tuple)) else [axis])]
        for a in axes:
            if not -nd <= a < max(nd, 1) or (nd == 0):
                raise OutOfRangeError(f"{op}: Invalid reduction dimension {a} for input with {nd} dimension(s)", op=op)
        axes = [a % nd for a in axes]
        seen = set()
        for a in axes:
            if a in seen:
                raise InvalidArgumentError(f"{op}: Duplicate reduction dimension {a}", op=op)
            seen.add(a)
    if not axes:
        return t
    keep = [d for d in range(nd) if d not in axes]
    # reduced axes in reverse of the listed order: the first listed varies fastest
    moved = np.transpose(v, keep + axes[::-1])
    out_shape = tuple(v.shape[d] for d in keep)
    n_out = int(np.prod(out_shape, dtype=np.int64))
    n_in = int(np.prod([v.shape[a] for a in axes], dtype=np.int64))
    out = [sep.join(row) for row in moved.reshape(n_out, n_in).tolist()] if n_in else [b""] * n_out
    if keepdims:
        out_shape = tuple(1 if d in axes else v.shape[d] for d in range(nd))
    return _strings(out, out_shape)


def unsorted_segment_join(inputs: Any, segment_ids: Any, num_segments: Any, separator: str = "",
                          name: str | None = None) -> Tensor:
    """Join the strings of ``inputs`` that share a segment id (ids index the leading axes).

    Output shape: ``[num_segments] + inputs.shape[segment_ids.ndim:]``; empty segments give b''.

    Example:
        >>> import tapeflow as tf
        >>> tf.strings.unsorted_segment_join(["a", "b", "c", "d"], [0, 1, 0, 1], 2, separator=":").numpy().tolist()
        [b'a:c', b'b:d']
    """
    op = "unsorted_segment_join"
    t = _str_arg(inputs, op, "inputs")
    ids = _int_arg(segment_ids, op, "segment_ids")._value
    n = int(np.asarray(num_segments._value if isinstance(num_segments, Tensor) else num_segments))
    sep = _as_bytes(separator, op, "separator")
    v = t._value
    if v.shape[:ids.ndim] != ids.shape:
        raise InvalidArgumentError(
            f"{op}: segment_ids shape {tuple(ids.shape)} must be a prefix of inputs shape {tuple(v.shape)}", op=op)
    if ids.size and (ids.min() < 0 or ids.max() >= n):
        raise InvalidArgumentError(
            f"{op}: segment_ids are not allowed to exceed num_segments or to have negative values.", op=op)
    inner = v.shape[ids.ndim:]
    m = int(np.prod(inner, dtype=np.int64))
    rows = v.reshape((ids.size, m)).tolist()
    parts: list = [[[] for _ in range(m)] for _ in range(n)]
    for seg, row in zip(ids.ravel().tolist(), rows):
        for j, s in enumerate(row):
            parts[seg][j].append(s)
    out = [sep.join(p) for seg in parts for p in seg]
    return _strings(out, (n,) + tuple(inner))


# --- format -----------------------------------------------------------------------------------------------


def _float_text(v: float, single: bool) -> str:
    """Shortest round-tripping text, as TF's summaries: %.6g (%.15g for doubles), else %.9g (%.17g)."""
    if v != v:
        return "nan" if not np.signbit(v) else "-nan"
    if v in (float("inf"), float("-inf")):
        return "inf" if v > 0 else "-inf"
    if v and abs(v) < (1.1754943508222875e-38 if single else 2.2250738585072014e-308):
        return "-0" if v < 0 else "0"  # TF prints subnormals as zero (its kernels flush them)
    short, full = ("%.6g", "%.9g") if single else ("%.15g", "%.17g")
    s = short % v
    back = float(np.float32(s)) if single else float(s)
    return s if back == v else full % v


_C_ESCAPES = {ord("\n"): b"\\n", ord("\r"): b"\\r", ord("\t"): b"\\t", ord('"'): b'\\"', ord("'"): b"\\'",
              ord("\\"): b"\\\\"}


def _c_escape(s: bytes) -> bytes:
    """C escapes for quotes, backslash and control bytes (octal); bytes >= 0x80 stay (UTF-8 safe)."""
    out = bytearray()
    for b in s:
        e = _C_ESCAPES.get(b)
        if e is not None:
            out += e
        elif b < 0x20 or b == 0x7F:
            out += b"\\%03o" % b
        else:
            out.append(b)
    return bytes(out)


def _element_text(v: Any, kind: str, single: bool) -> str:
    if kind == "O":
        return '"' + _c_escape(v).decode("utf-8", "surrogateescape") + '"'
    if kind == "b":
        return "1" if v else "0"
    if kind == "f":
        return _float_text(v, single)
    if kind == "c":
        return "?"
    return str(v)


def _summarize(t: Tensor, summarize: int) -> str:
    """A tensor's text in TF's ``tf.strings.format`` / ``tf.print`` style (``...`` elides the middle)."""
    v = t._value
    kind = v.dtype.kind
    single = kind == "f" and v.dtype.itemsize <= 4
    n = int(v.size)
    edge = n if summarize < 0 else min(int(summarize), n)
    flat = v.ravel().tolist() if v.ndim else [v[()] if kind == "O" else v.item()]
    texts = [_element_text(x, kind, single) for x in flat]
    shape = v.shape
    if not shape:
        return " ".join(texts[:edge]) + ("..." if n > edge else "")
    nd = len(shape)
    strides = [int(np.prod(shape[d + 1:], dtype=np.int64)) for d in range(nd)]

    def spacing(d: int) -> str:
        return " " if d == nd - 1 else "\n" * (nd - d - 1) + " " * (d + 1)

    def dim(d: int, base: int) -> str:
        if d == nd:
            return texts[base]
        count = shape[d]
        sp = spacing(d)
        text = "[" + sp.join(dim(d + 1, base + strides[d] * i) for i in range(min(edge, count)))
        if count > 2 * edge:  # TF puts the spacing before "..." even when nothing precedes it
            text += sp + "..."
        for i in range(max(edge, count - edge), count):
            text += sp + dim(d + 1, base + strides[d] * i)
        return text + "]"

    return dim(0, 0)


def format(template: str, inputs: Any, placeholder: str = "{}", summarize: int = 3, name: str | None = None) -> Tensor:
    """Fill the ``placeholder``s of ``template`` with the printed tensors (a scalar string tensor).

    Tensors print as TF's ``tf.print``: strings in double quotes, and at most ``summarize``
    entries at each end of a dimension (``summarize=-1``: all).

    Example:
        >>> import tapeflow as tf
        >>> print(tf.strings.format("x={} y={}", (tf.constant([1, 2, 3]), tf.constant("hi"))).numpy().decode())
        x=[1 2 3] y="hi"
        >>> tf.strings.format("{}", tf.range(10)).numpy()
        b'[0 1 2 ... 7 8 9]'
    """
    if isinstance(inputs, (Tensor, Variable)):
        inputs = [inputs]
    elif not isinstance(inputs, (list, tuple)):
        raise TypeError(f"object of type '{type(inputs).__name__}' has no len()")
    pieces = template.split(placeholder)
    if len(pieces) - 1 != len(inputs):
        raise ValueError(
            f"The template expects {len(pieces) - 1} tensors, but the inputs only has {len(inputs)}. "
            "Please ensure the number of placeholders in template matches inputs length.")
    ts = [x._read() if isinstance(x, Variable) else x if isinstance(x, Tensor) else convert_to_tensor(x) for x in inputs]
    out = pieces[0]
    for t, piece in zip(ts, pieces[1:]):
        out += _summarize(t, int(summarize)) + piece
    return _strings([out.encode("utf-8", "surrogateescape")], ())


# --- ngrams -----------------------------------------------------------------------------------------------


def _ngram_rows(rows: list, widths: list, sep: bytes, left: bytes | None, right: bytes | None, pad_width: int | None,
                preserve: bool) -> list:
    out = []
    for row in rows:
        res: list = []
        for w in widths:
            p = 0 if left is None else (w - 1 if pad_width is None else min(pad_width, w - 1))
            if not row and p == 0:
                continue
            seq = [left] * p + row + [right] * p
            res.extend(sep.join(seq[i:i + w]) for i in range(len(seq) - w + 1))
        if not res and preserve and row:
            p = 0 if left is None else (max(widths) - 1 if pad_width is None else min(pad_width, max(widths) - 1))
            res.append(sep.join([left] * p + row + [right] * p))
        out.append(res)
    return out


def ngrams(data: Any, ngram_width: Any, separator: str = " ", pad_values: Any = None, padding_width: Any = None,
           preserve_short_sequences: bool = False, name: str | None = None) -> Any:
    """The n-grams of the innermost dimension of ``data``, joined with ``separator``.

    ``ngram_width`` is an int or a list (all widths, in order); ``pad_values`` (a string or a
    ``(left, right)`` pair) pads each row by ``padding_width`` (default ``width - 1``, at most
    ``width - 1``); ``preserve_short_sequences`` keeps one n-gram of a row too short for any.

    Example:
        >>> import tapeflow as tf
        >>> tf.strings.ngrams(["a", "b", "c"], 2).numpy().tolist()
        [b'a b', b'b c']
        >>> tf.strings.ngrams(["a", "b", "c"], 2, pad_values=("<s>", "</s>")).numpy().tolist()
        [b'<s> a', b'a b', b'b c', b'c </s>']
    """
    op = "ngrams"
    widths = [int(w) for w in (ngram_width if isinstance(ngram_width, (list, tuple)) else [ngram_width])]
    sep = _as_bytes(separator, op, "separator")
    bad_pad = "pad_values must be a string, tuple of strings, or None."
    if pad_values is None:
        left = right = None
    elif isinstance(pad_values, (list, tuple)):
        if len(pad_values) != 2 or not all(isinstance(p, (str, bytes)) for p in pad_values):
            raise TypeError(bad_pad + " (a tuple must hold 2 strings: left and right)")
        left, right = (_as_bytes(p, op, "pad_values") for p in pad_values)
    elif isinstance(pad_values, (str, bytes)):
        left = right = _as_bytes(pad_values, op, "pad_values")
    else:
        raise TypeError(bad_pad)
    if padding_width is not None and int(padding_width) < 1:
        raise ValueError("padding_width must be greater than 0.")
    if padding_width is not None and pad_values is None:
        raise ValueError("pad_values must be provided if padding_width is set.")
    for w in widths:
        if w < 1:
            raise ValueError(f"All ngram_widths must be greater than 0. Got {ngram_width}")
    pw = None if padding_width is None else int(padding_width)

    def run(rows: list) -> list:
        if not any(rows):  # no data at all: TF makes no n-grams, not even of padding
            return [[] for _ in rows]
        return _ngram_rows(rows, widths, sep, left, right, pw, bool(preserve_short_sequences))

    if _is_ragged(data):
        parents, inner = _innermost(data)
        vals = _str_arg(inner.values, op, "data")
        if vals._value.ndim != 1:
            raise InvalidArgumentError(f"{op}: ragged data must have rank-1 flat values", op=op)
        s = inner.row_splits._value.tolist()
        flat = _flat(vals)
        res = run([flat[s[i]:s[i + 1]] for i in range(len(s) - 1)])
        dt = inner.row_splits._value.dtype
        lens = np.asarray([len(r) for r in res], dt)
        splits = np.concatenate([np.zeros(1, dt), np.cumsum(lens, dtype=dt)])
        new_inner = _ragged_cls().from_row_splits(_string_values([v for r in res for v in r]), Tensor(splits),
                                                  validate=False)
        return _rebuild(parents, new_inner)
    t = _str_arg(data, op, "data")
    v = t._value
    if v.ndim == 0:
        raise ValueError("Data must have rank>0")
    rows = v.reshape(-1, v.shape[-1]).tolist() if v.size or v.shape[-1] else [[] for _ in range(
        int(np.prod(v.shape[:-1], dtype=np.int64)))]
    res = run(rows)
    counts = {len(r) for r in res}
    if len(counts) > 1:  # rows of a dense tensor have equal lengths, so their n-gram counts match
        raise InvalidArgumentError(f"{op}: rows gave different numbers of n-grams", op=op)
    k = counts.pop() if counts else 0
    return _strings([x for r in res for x in r], tuple(v.shape[:-1]) + (k,))


def _innermost(rt: Any) -> tuple:
    """``(parents, inner)``: the outer ragged dimensions of ``rt`` (outermost first) and its innermost
    RaggedTensor (whose values are a Tensor)."""
    inner, parents = rt, []
    while _is_ragged(inner.values):
        parents.append(inner)
        inner = inner.values
    return parents, inner


def _rebuild(parents: list, new_inner: Any) -> Any:
    """Rebuild the outer ragged dimensions ``parents`` (outermost first) over ``new_inner``."""
    out = new_inner
    for p in reversed(parents):
        out = p.with_values(out)
    return out


# --- regular expressions (RE2 syntax on Python's re) ------------------------------------------------------

_WORD = "0-9A-Za-z_"
_SPACE = "\\t\\n\\f\\r "
_BAD = "\\udc80-\\udcff"  # invalid UTF-8 bytes (decoded with surrogateescape) match nothing, as in RE2
_PERL = {"d": "0-9", "w": _WORD, "s": _SPACE}
_POSIX = {  # code-point intervals of RE2's ASCII POSIX classes
    "alnum": ((48, 57), (65, 90), (97, 122)), "alpha": ((65, 90), (97, 122)), "ascii": ((0, 127),),
    "blank": ((9, 9), (32, 32)), "cntrl": ((0, 31), (127, 127)), "digit": ((48, 57),), "graph": ((33, 126),),
    "lower": ((97, 122),), "print": ((32, 126),), "punct": ((33, 47), (58, 64), (91, 96), (123, 126)),
    "space": ((9, 13), (32, 32)), "upper": ((65, 90),), "word": ((48, 57), (65, 90), (95, 95), (97, 122)),
    "xdigit": ((48, 57), (65, 70), (97, 102)),
}
_CATEGORIES = {"L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc", "Pd",
               "Ps", "Pe", "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So", "Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf",
               "Cs", "Co", "Cn", "Any"}


def _render(intervals: Sequence) -> str:
    """A character-class body for code-point intervals."""
    return "".join(f"\\U{a:08x}" + (f"-\\U{b:08x}" if b > a else "") for a, b in intervals)


def _complement(intervals: Sequence) -> tuple:
    """The code points outside ``intervals`` (never the stand-ins of invalid bytes, U+DC80..U+DCFF)."""
    out, lo = [], 0
    for a, b in sorted(tuple(intervals) + ((0xDC80, 0xDCFF),)):
        if a > lo:
            out.append((lo, a - 1))
        lo = max(lo, b + 1)
    if lo <= 0x10FFFF:
        out.append((lo, 0x10FFFF))
    return tuple(out)


@functools.cache
def _category_ranges(cat: str) -> tuple:
    """The code-point intervals of a Unicode general category (or ``Any``)."""
    if cat == "Any":
        return _complement(())
    parts = []
    start = None
    for cp in range(0x110000 + 1):
        inside = cp < 0x110000 and not 0xDC80 <= cp <= 0xDCFF and unicodedata.category(chr(cp)).startswith(cat)
        if inside and start is None:
            start = cp
        elif not inside and start is not None:
            parts.append((start, cp - 1))
            start = None
    return tuple(parts)


class _RegexError(Exception):
    pass


def _unicode_class(p: str, i: int) -> tuple:
    """Parse ``\\pX`` / ``\\p{Name}`` after the ``p``/``P`` at ``p[i]``: (negated, body, next index)."""
    neg = p[i] == "P"
    i += 1
    if i < len(p) and p[i] == "{":
        j = p.find("}", i)
        if j < 0:
            raise _RegexError("missing closing }")
        cat = p[i + 1:j]
        i = j + 1
    elif i < len(p):
        cat = p[i]
        i += 1
    else:
        raise _RegexError("trailing \\")
    if cat.startswith("^"):
        neg, cat = not neg, cat[1:]
    if cat not in _CATEGORIES:
        raise _RegexError(f"invalid character class range: \\p{{{cat}}} (tapeflow supports Unicode general "
                          "categories, not scripts)")
    ranges = _category_ranges(cat)
    return neg, _render(_complement(ranges) if neg else ranges), i


def _escape_in_class(c: str) -> str:
    return "\\" + c if c in "[]\\^-&~|" else c


def _parse_class(p: str, i: int) -> tuple:
    """Translate the class starting at ``p[i] == '['``: (python text, next index)."""
    i += 1
    neg = i < len(p) and p[i] == "^"
    if neg:
        i += 1
    items: list = []
    first = True
    while True:
        if i >= len(p):
            raise _RegexError("missing ]")
        c = p[i]
        if c == "]" and not first:
            i += 1
            break
        first = False
        if c == "[" and p.startswith("[:", i):
            j = p.find(":]", i + 2)
            if j < 0:
                raise _RegexError("missing ]")
            nm = p[i + 2:j]
            if nm.lstrip("^") not in _POSIX:
                raise _RegexError(f"invalid character class range: [:{nm}:]")
            ranges = _POSIX[nm.lstrip("^")]
            items.append(_render(_complement(ranges) if nm.startswith("^") else ranges))
            i = j + 2
            continue
        if c == "\\":
            if i + 1 >= len(p):
                raise _RegexError("trailing \\")
            e = p[i + 1]
            if e in "dws":
                items.append(_PERL[e])
                i += 2
            elif e in "DWS":
                items.append("\\" + e)  # Python's (Unicode) \D \W \S: differs from RE2 on non-ASCII only
                i += 2
            elif e in "pP":
                _, body, i = _unicode_class(p, i + 1)
                items.append(body)
            else:
                text, i = _escape(p, i)
                items.append(text)
            continue
        items.append(_escape_in_class(c) if c != "-" or (i + 1 < len(p) and p[i + 1] == "]") or not items else "-")
        i += 1
    body = "".join(items)
    return ("[^" + body + _BAD + "]") if neg else ("[" + body + "]"), i


def _escape(p: str, i: int) -> tuple:
    """Translate a single-character escape at ``p[i] == '\\\\'``: (python text, next index)."""
    if i + 1 >= len(p):
        raise _RegexError("trailing \\")
    e = p[i + 1]
    if e in "aftnrv":
        return "\\" + e, i + 2
    if e == "x":
        if p.startswith("{", i + 2):
            j = p.find("}", i + 3)
            if j < 0:
                raise _RegexError("invalid escape sequence: \\x{")
            return f"\\U{int(p[i + 3:j], 16):08x}", j + 1
        h = p[i + 2:i + 4]
        if len(h) < 2 or any(c not in "0123456789abcdefABCDEF" for c in h):
            raise _RegexError(f"invalid escape sequence: \\x{h}")
        return "\\x" + h, i + 4
    if e == "0":
        j = i + 2
        while j < min(i + 4, len(p)) and p[j] in "01234567":
            j += 1
        return f"\\x{int(p[i + 2:j] or '0', 8):02x}", j
    if e.isalnum() or e == "_" or ord(e) > 127:
        raise _RegexError(f"invalid escape sequence: \\{e}")
    return re.escape(e), i + 2


_FLAG_RE = re.compile(r"\(\?([imsU]*)(?:-([imsU]*))?([:)])")


@functools.lru_cache(maxsize=256)
def _translate_re2(pattern: str) -> str:
    """RE2 syntax -> Python ``re`` (ASCII ``\\d\\w\\s\\b``, ``\\z``, ``\\Q..\\E``, ``\\p{..}``, POSIX
    classes, literal ``{,n}``, ``(?U)``; lookarounds and backreferences are errors, as in RE2)."""
    p = pattern
    out: list = []
    # group frames: [flags at open (dict), flags now (dict), wraps opened in this group]
    frames = [[{"i": False, "m": False, "s": False, "U": False}, None, 0]]
    frames[0][1] = dict(frames[0][0])
    i = 0
    last_atom = False  # a quantifier may follow

    def cur() -> dict:
        return frames[-1][1]

    while i < len(p):
        c = p[i]
        f = cur()
        if c == "\\":
            if i + 1 >= len(p):
                raise _RegexError("trailing \\")
            e = p[i + 1]
            if e in "dws":
                out.append("[" + _PERL[e] + "]")
                i += 2
            elif e in "DWS":
                out.append("[^" + _PERL[e.lower()] + _BAD + "]")
                i += 2
            elif e == "b" or e == "B":
                w = f"[{_WORD}]"
                out.append(f"(?:(?<={w})(?!{w})|(?<!{w})(?={w}))" if e == "b" else f"(?:(?<={w})(?={w})|(?<!{w})(?!{w}))")
                i += 2
                last_atom = False
                continue
            elif e == "A":
                out.append("\\A")
                i += 2
                last_atom = False
                continue
            elif e == "z":
                out.append("\\Z")
                i += 2
                last_atom = False
                continue
            elif e == "C":
                out.append("(?s:.)")
                i += 2
            elif e == "Q":
                j = p.find("\\E", i + 2)
                lit = p[i + 2:] if j < 0 else p[i + 2:j]
                out.append("(?:" + re.escape(lit) + ")" if lit else "")
                i = len(p) if j < 0 else j + 2
                last_atom = bool(lit)
                continue
            elif e == "E":
                i += 2
                continue
            elif e in "pP":
                _, body, i = _unicode_class(p, i + 1)
                out.append("[" + body + "]")
            else:
                text, i = _escape(p, i)
                out.append(text)
            last_atom = True
            continue
        if c == "[":
            text, i = _parse_class(p, i)
            out.append(text)
            last_atom = True
            continue
        if c == "(":
            if p.startswith("(?", i):
                m = _FLAG_RE.match(p, i)
                if p.startswith("(?P<", i) or p.startswith("(?<", i) and not p.startswith("(?<=", i) \
                        and not p.startswith("(?<!", i):
                    j = p.find(">", i)
                    if j < 0:
                        raise _RegexError("invalid named capture group")
                    nm = p[i + (4 if p[i + 2] == "P" else 3):j]
                    out.append(f"(?P<{nm}>")
                    frames.append([dict(f), dict(f), 0])
                    i = j + 1
                    last_atom = False
                    continue
                if m is None:
                    raise _RegexError(f"invalid perl operator: {p[i:i + 3]}")
                on, off, end = m.group(1), m.group(2) or "", m.group(3)
                new = dict(f)
                for k in on:
                    new[k] = True
                for k in off:
                    new[k] = False
                i = m.end()
                if end == ":":
                    frames.append([dict(f), new, 0])
                    out.append("(?:" if new["i"] == f["i"] else "(?i:" if new["i"] else "(?-i:")
                    if new["i"] != f["i"]:
                        frames[-1][0] = dict(new)  # the wrapper itself carries the case flag
                else:
                    if new["i"] != f["i"]:
                        out.append("(?i:" if new["i"] else "(?-i:")
                        frames[-1][2] += 1
                    frames[-1][1] = new
                last_atom = False
                continue
            out.append("(")
            frames.append([dict(f), dict(f), 0])
            i += 1
            last_atom = False
            continue
        if c == ")":
            if len(frames) == 1:
                raise _RegexError("unexpected )")
            fr = frames.pop()
            out.append(")" * fr[2] + ")")
            i += 1
            last_atom = True
            continue
        if c == "|":
            fr = frames[-1]
            out.append(")" * fr[2] + "|")
            fr[2] = 0
            if fr[1]["i"] != fr[0]["i"]:
                out.append("(?i:" if fr[1]["i"] else "(?-i:")
                fr[2] = 1
            i += 1
            last_atom = False
            continue
        if c in "*+?{":
            if c == "{":
                m = re.match(r"\{(\d+)(,(\d*))?\}", p[i:])
                if m is None:  # RE2: not a repetition, a literal brace
                    out.append("\\{")
                    i += 1
                    last_atom = True
                    continue
                q = m.group(0)
                i += len(q)
            else:
                q = c
                i += 1
            if not last_atom:
                raise _RegexError(f"missing argument to repetition operator: {q}")
            lazy = i < len(p) and p[i] == "?"
            if lazy:
                i += 1
            if i < len(p) and p[i] in "*+" or (i < len(p) and p[i] == "{" and re.match(r"\{\d", p[i:])):
                raise _RegexError(f"bad repetition operator: {q}{p[i]}")
            if f["U"]:
                lazy = not lazy
            out.append(q + ("?" if lazy else ""))
            last_atom = False
            continue
        if c == ".":
            out.append("[^" + _BAD + "]" if f["s"] else "[^\\n" + _BAD + "]")
        elif c == "^":
            out.append("(?m:^)" if f["m"] else "\\A")
            i += 1
            last_atom = False
            continue
        elif c == "$":
            out.append("(?m:$)" if f["m"] else "\\Z")
            i += 1
            last_atom = False
            continue
        else:
            out.append(re.escape(c) if c in " #&~\t\n\r\v\f" else c)
        i += 1
        last_atom = True
    if len(frames) != 1:
        raise _RegexError("missing )")
    out.append(")" * frames[0][2])
    return "".join(out)


@functools.lru_cache(maxsize=256)
def _compile(pattern: bytes, op: str) -> re.Pattern:
    text = pattern.decode("utf-8", "surrogateescape")
    try:
        return re.compile(_translate_re2(text))
    except (_RegexError, re.error) as e:
        raise InvalidArgumentError(f"{op}: Invalid pattern: {text}, error: {e}", op=op) from None


def _decode(s: bytes) -> str:
    return s.decode("utf-8", "surrogateescape")


def _encode(s: str) -> bytes:
    return s.encode("utf-8", "surrogateescape")


def regex_full_match(input: Any, pattern: Any, name: str | None = None) -> Any:
    """True where the whole string matches the RE2 ``pattern`` (see ``regex_replace`` for the syntax).

    Example:
        >>> import tapeflow as tf
        >>> tf.strings.regex_full_match(["abc", "ab", "xabc"], "a.c").numpy().tolist()
        [True, False, False]
    """
    rx = _compile(_as_bytes(pattern, "regex_full_match", "pattern"), "regex_full_match")
    return _map_strings(input, lambda s: rx.fullmatch(_decode(s)) is not None, "regex_full_match", np.bool_)


def _rewrite_fn(rewrite: bytes, groups: int, op: str) -> Callable | None:
    """RE2's rewrite: ``\\0``-``\\9`` insert groups, ``\\\\`` a backslash. None when a group is
    missing from the pattern (RE2 then leaves the string unchanged, as TF does)."""
    text = _decode(rewrite)
    parts: list = []
    lit = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\":
            if i + 1 < len(text) and text[i + 1].isdigit():
                if lit:
                    parts.append("".join(lit))
                    lit = []
                g = int(text[i + 1])
                if g > groups:
                    return None
                parts.append(g)
                i += 2
                continue
            if i + 1 < len(text) and text[i + 1] == "\\":
                lit.append("\\")
                i += 2
                continue
            raise InvalidArgumentError(f"{op}: invalid rewrite pattern: {text}", op=op)
        lit.append(c)
        i += 1
    if lit:
        parts.append("".join(lit))

    def fn(m: re.Match) -> str:
        return "".join(x if isinstance(x, str) else (m.group(x) or "") for x in parts)

    return fn


def regex_replace(input: Any, pattern: Any, rewrite: Any, replace_global: bool = True, name: str | None = None) -> Any:
    """Replace matches of the RE2 ``pattern`` with ``rewrite`` (``\\1`` .. ``\\9``: groups, ``\\0``: the match).

    The RE2 syntax is translated to Python's ``re`` on the UTF-8 text: ``.``/classes match whole
    characters (never invalid bytes), ``\\d \\w \\s \\b`` are ASCII, ``^``/``$`` are text anchors
    unless ``(?m)``, ``\\z``, ``\\Q..\\E``, ``\\pL``/``\\p{Lu}`` (general categories), POSIX
    ``[[:alpha:]]``, ``(?U)`` and a literal ``{,n}`` work as in RE2; lookarounds and
    backreferences raise as RE2 does. Not supported: script classes like ``\\p{Greek}``, and
    ``\\D \\W \\S`` inside ``[...]`` use Python's Unicode meaning. An invalid rewrite raises
    (TF gives partial output); a rewrite naming a missing group leaves the string unchanged, as TF.

    Example:
        >>> import tapeflow as tf
        >>> tf.strings.regex_replace(["hello world"], "o", "0").numpy().tolist()
        [b'hell0 w0rld']
        >>> tf.strings.regex_replace("john smith", r"(\\w+) (\\w+)", r"\\2 \\1").numpy()
        b'smith john'
    """
    op = "regex_replace"
    rx = _compile(_as_bytes(pattern, op, "pattern"), op)
    fn = _rewrite_fn(_as_bytes(rewrite, op, "rewrite"), rx.groups, op)
    if fn is None:
        return _map_strings(input, lambda s: s, op)
    count = 1

    def sub(s: bytes) -> bytes:
        text = _decode(s)
        if not replace_global:
            return _encode(rx.sub(fn, text, count=count))
        # RE2's global replace: an empty match where the last match ended is skipped by copying
        # one character (Python's re.sub would replace it)
        out, p, last, n = [], 0, -1, builtin_len(text)
        while p <= n:
            m = rx.search(text, p)
            if m is None:
                break
            a, b = m.span()
            out.append(text[p:a])
            if a == b == last:
                out.append(text[p:p + 1])
                p += 1
                continue
            out.append(fn(m))
            p = last = b
        out.append(text[p:])
        return _encode("".join(out))

    return _map_strings(input, sub, op)


# --- split / substr -----------------------------------------------------------------------------------


def split(input: Any, sep: Any = None, maxsplit: int = -1, name: str | None = None) -> Any:
    """Split strings on ``sep`` (runs of ASCII whitespace when None or empty); at most
    ``maxsplit`` splits. A scalar gives a 1-D tensor; a tensor a RaggedTensor.

    Example:
        >>> import tapeflow as tf
        >>> print(tf.strings.split(tf.constant("Gray wolf"), sep=" "))
        tf.Tensor([b'Gray' b'wolf'], shape=(2,), dtype=string)
        >>> print(tf.strings.split(["a b c", "d e"]))
        <tf.RaggedTensor [[b'a', b'b', b'c'], [b'd', b'e']]>
    """
    op = "split"
    s = None if sep is None else _as_bytes(sep, op, "sep")
    n = int(maxsplit)

    if n == 0:
        def cut(x: bytes) -> list:
            return [x]
    elif not s:
        def cut(x: bytes) -> list:
            if n < 0:
                return x.split()
            out = []  # TF: after maxsplit tokens, the rest (leading whitespace removed) is one more token
            rest = x.lstrip(_ASCII_WS)
            while rest:
                parts = rest.split(None, 1)
                out.append(parts[0])
                rest = parts[1].lstrip(_ASCII_WS) if len(parts) > 1 else b""
                if builtin_len(out) == n:
                    out.append(rest)
                    break
            return out
    else:
        def cut(x: bytes) -> list:
            return x.split(s, n) if n >= 0 else x.split(s)

    return _on_rows(input, op, cut, _string_values)


def _utf8_forward(s: bytes, p: int, k: int) -> int:
    """The byte offset ``k`` UTF-8 characters after ``p`` (TF: one byte, then any continuation bytes)."""
    n = builtin_len(s)
    for _ in range(k):
        if p >= n:
            break
        p += 1
        while p < n and s[p] & 0xC0 == 0x80:
            p += 1
    return p


def substr(input: Any, pos: Any, len: Any, unit: str = "BYTE", name: str | None = None) -> Tensor:  # noqa: A002
    """Substrings ``[pos, pos + len)`` (bytes, or UTF-8 characters with ``unit="UTF8_CHAR"``).

    ``pos`` may be negative (from the end); ``len`` past the end (or negative, in bytes) stops at
    the end; with ``UTF8_CHAR`` a negative ``len`` gives ``b''`` (an error for a negative ``pos``), as TF.
    ``pos`` and ``len`` have the same shape and broadcast with ``input``. A ``pos`` outside the
    string raises InvalidArgumentError, as TF.

    Example:
        >>> import tapeflow as tf
        >>> tf.strings.substr(["Hello", "World"], 1, 3).numpy().tolist()
        [b'ell', b'orl']
        >>> tf.strings.substr("héllo", 1, 2, unit="UTF8_CHAR").numpy()
        b'\\xc3\\xa9l'
    """
    op = "substr"
    _check_choice(op, "unit", unit, ("BYTE", "UTF8_CHAR"))
    t = _str_arg(input, op)
    pt, lt = _pos_len(pos, len, op)
    if pt._value.shape != lt._value.shape:
        raise InvalidArgumentError(
            f"{op}: pos and len should have the same shape, got: {list(pt._value.shape)} vs. {list(lt._value.shape)}",
            op=op)
    try:
        sv, pv, lv = np.broadcast_arrays(t._value, pt._value, lt._value)
    except ValueError:
        raise InvalidArgumentError(
            f"{op}: input of shape {tuple(t._value.shape)} and pos of shape {tuple(pt._value.shape)} do not broadcast",
            op=op) from None
    out = []
    for k, (s, p, n) in enumerate(zip(sv.ravel().tolist(), pv.ravel().tolist(), lv.ravel().tolist())):
        if unit == "BYTE":
            size = builtin_len(s)
            if p > size or p < -size:
                raise InvalidArgumentError(f"{op}: pos {p} out of range for string {s!r} at index {k}", op=op)
            start = p if p >= 0 else size + p
            stop = size if n < 0 else min(size, start + n)
            out.append(s[start:stop])
        else:
            size = _utf8_len(s)
            if p > size or p < -size or (p < 0 and n < 0):  # TF: a negative len only counts from a pos >= 0
                raise InvalidArgumentError(f"{op}: pos {p} out of range for string at index {k}", op=op)
            start = _utf8_forward(s, 0, p if p >= 0 else size + p)
            stop = start if n < 0 else _utf8_forward(s, start, n)  # TF: a negative len gives b"" here
            out.append(s[start:stop])
    return _strings(out, sv.shape)


builtin_len = len


def _pos_len(pos: Any, ln: Any, op: str) -> tuple:
    def as_t(x: Any) -> Tensor | None:
        if isinstance(x, Variable):
            return x._read()
        return x if isinstance(x, Tensor) else None

    pt, lt = as_t(pos), as_t(ln)
    given = pt if pt is not None else lt
    pt = pt if pt is not None else convert_to_tensor(pos)
    lt = lt if lt is not None else convert_to_tensor(ln)
    if given is not None and given._value.dtype.kind in "iu":  # Python ints take the tensor's dtype
        if as_t(pos) is None and pt._value.dtype.kind in "iu":
            pt = Tensor(pt._value.astype(given._value.dtype))
        if as_t(ln) is None and lt._value.dtype.kind in "iu":
            lt = Tensor(lt._value.astype(given._value.dtype))
    for what, x in (("pos", pt), ("len", lt)):
        if x._value.dtype not in (np.dtype(np.int32), np.dtype(np.int64)):
            raise InvalidArgumentError(f"{op}: {what} must be int32 or int64, got a {describe(x)}", op=op)
    if pt._value.dtype != lt._value.dtype:
        raise InvalidArgumentError(
            f"{op}: pos and len must have the same dtype, got {pt.dtype.name} and {lt.dtype.name}", op=op)
    return pt, lt


# --- to_number ---------------------------------------------------------------------------------------------

_WS = "[ \\t\\n\\v\\f\\r]*"
_FLOAT_RE = re.compile(
    _WS + r"([+-]?)(?:([0-9]+\.?[0-9]*(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)"
    r"|(0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?[0-9]+)?)"
    r"|((?i:inf(?:inity)?))|((?i:nan)(?:\([0-9A-Za-z_]*\))?))" + _WS + r"\Z")
_INT_RE = re.compile(_WS + r"([+-]?[0-9]+)" + _WS + r"\Z")
_UINT_RE = re.compile(_WS + r"(\+?[0-9]+)" + _WS + r"\Z")
_NUMBER_TYPES = {np.dtype(np.float32): "float", np.dtype(np.float64): "double", np.dtype(np.int32): "int32",
                 np.dtype(np.int64): "int64", np.dtype(np.uint32): "uint32", np.dtype(np.uint64): "uint64"}


def _parse_float(s: bytes) -> float | None:
    try:
        text = s.decode("ascii")
    except UnicodeDecodeError:
        return None
    m = _FLOAT_RE.match(text)
    if m is None:
        return None
    sign = -1.0 if m.group(1) == "-" else 1.0
    if m.group(2):
        return sign * float(m.group(2))
    if m.group(3):
        try:
            return sign * float.fromhex(m.group(3))
        except OverflowError:
            return sign * float("inf")
    if m.group(4):
        return sign * float("inf")
    return float("nan")


def _to_number_fwd(x: np.ndarray, *, out_type: np.dtype) -> np.ndarray:
    flat = x.ravel().tolist() if x.ndim else [x[()]]
    out = []
    if out_type.kind == "f":
        for s in flat:
            v = _parse_float(s)
            if v is None:
                raise InvalidArgumentError(
                    f"to_number: StringToNumberOp could not correctly convert string: {_decode(s)}", op="to_number")
            out.append(v)
        with np.errstate(over="ignore"):
            return np.asarray(out, np.float64).astype(out_type).reshape(x.shape)
    info = np.iinfo(out_type)
    rx = _UINT_RE if out_type.kind == "u" else _INT_RE
    for s in flat:
        m = rx.match(s.decode("ascii", "replace"))
        v = int(m.group(1)) if m else None
        if v is None or not info.min <= v <= info.max:
            raise InvalidArgumentError(
                f"to_number: StringToNumberOp could not correctly convert string: {_decode(s)}", op="to_number")
        out.append(v)
    return np.asarray(out, out_type).reshape(x.shape)


TO_NUMBER = defprim("string_to_number", _to_number_fwd, None)  # TF: NotDifferentiable("StringToNumber")


def to_number(input: Any, out_type: Any = _dt.float32, name: str | None = None) -> Any:
    """Parse numbers (C ``strtod``/``strtol`` syntax: surrounding whitespace, hex floats, inf/nan).

    ``out_type``: float32 (default), float64, int32, int64, uint32 or uint64. A string that is not
    a number (or is out of range for an integer type) raises InvalidArgumentError. Not
    differentiable. Float32 parses through float64 (a double rounding TF's ``strtof`` avoids:
    it can differ in the last bit for decimal strings within 1e-16 of a float32 halfway point).

    Example:
        >>> import tapeflow as tf
        >>> print(tf.strings.to_number(["1.5", " -2e3", "inf"]))
        tf.Tensor([ 1.5e+00 -2.0e+03      inf], shape=(3,), dtype=float32)
        >>> tf.strings.to_number(["12", "-7"], out_type=tf.int32).numpy().tolist()
        [12, -7]
    """
    dt = np.dtype(_dt.np_dtype(out_type))
    if dt not in _NUMBER_TYPES:
        raise InvalidArgumentError(
            f"to_number: Value for attr 'out_type' of {_dt.from_numpy(dt).name} is not in the list of allowed "
            "values: float, double, int32, int64, uint32, uint64", op="to_number")
    if _is_ragged(input):
        return input.with_flat_values(to_number(input.flat_values, out_type))
    return bind1(TO_NUMBER, _str_arg(input, "to_number"), {"out_type": dt})


# --- hashing -------------------------------------------------------------------------------------------------

_M64 = (1 << 64) - 1
_K0, _K1, _K2 = 0xC3A5C85C97CB3127, 0xB492B66FBE98F273, 0x9AE16A3B2F90404F


def _le(s: bytes, i: int, n: int = 8) -> int:
    return int.from_bytes(s[i:i + n], "little")


def _rotr(v: int, r: int) -> int:
    return v if r == 0 else ((v >> r) | (v << (64 - r))) & _M64


def _rotl(v: int, r: int) -> int:
    return ((v << r) | (v >> (64 - r))) & _M64


def _hash16(u: int, v: int, mul: int) -> int:
    a = ((u ^ v) * mul) & _M64
    a ^= a >> 47
    b = ((v ^ a) * mul) & _M64
    b ^= b >> 47
    return (b * mul) & _M64


def _fp_short(s: bytes, n: int) -> int:
    """FarmHash (na) for 0..64 bytes."""
    if n <= 16:
        if n >= 8:
            mul = _K2 + n * 2
            a = (_le(s, 0) + _K2) & _M64
            b = _le(s, n - 8)
            c = (_rotr(b, 37) * mul + a) & _M64
            d = ((_rotr(a, 25) + b) * mul) & _M64
            return _hash16(c, d, mul)
        if n >= 4:
            return _hash16(n + (_le(s, 0, 4) << 3), _le(s, n - 4, 4), _K2 + n * 2)
        if n:
            y = s[0] + (s[n >> 1] << 8)
            z = n + (s[n - 1] << 2)
            h = ((y * _K2) ^ (z * _K0)) & _M64
            return ((h ^ (h >> 47)) * _K2) & _M64
        return _K2
    mul = _K2 + n * 2
    if n <= 32:
        a = (_le(s, 0) * _K1) & _M64
        b = _le(s, 8)
        c = (_le(s, n - 8) * mul) & _M64
        d = (_le(s, n - 16) * _K2) & _M64
        return _hash16((_rotr((a + b) & _M64, 43) + _rotr(c, 30) + d) & _M64,
                       (a + _rotr((b + _K2) & _M64, 18) + c) & _M64, mul)
    a = (_le(s, 0) * _K2) & _M64
    b = _le(s, 8)
    c = (_le(s, n - 8) * mul) & _M64
    d = (_le(s, n - 16) * _K2) & _M64
    y = (_rotr((a + b) & _M64, 43) + _rotr(c, 30) + d) & _M64
    z = _hash16(y, (a + _rotr((b + _K2) & _M64, 18) + c) & _M64, mul)
    e = (_le(s, 16) * mul) & _M64
    f = _le(s, 24)
    g = ((y + _le(s, n - 32)) * mul) & _M64
    h = ((z + _le(s, n - 24)) * mul) & _M64
    return _hash16((_rotr((e + f) & _M64, 43) + _rotr(g, 30) + h) & _M64,
                   (e + _rotr((f + a) & _M64, 18) + g) & _M64, mul)


def _weak32(s: bytes, i: int, a: int, b: int) -> tuple:
    w, x, y, z = _le(s, i), _le(s, i + 8), _le(s, i + 16), _le(s, i + 24)
    a = (a + w) & _M64
    b = _rotr((b + a + z) & _M64, 21)
    c = a
    a = (a + x + y) & _M64
    b = (b + _rotr(a, 44)) & _M64
    return (a + z) & _M64, (b + c) & _M64


def _fingerprint64(s: bytes) -> int:
    """FarmHash ``Fingerprint64`` (farmhashna ``Hash64``), the hash of TF's ``to_hash_bucket_fast``."""
    n = len(s)
    if n <= 64:
        return _fp_short(s, n)
    x = 81
    y = (81 * _K1 + 113) & _M64
    z = ((((y * _K2 + 113) & _M64) ^ (((y * _K2 + 113) & _M64) >> 47)) * _K2) & _M64
    v0 = v1 = w0 = w1 = 0
    x = (x * _K2 + _le(s, 0)) & _M64
    end = ((n - 1) // 64) * 64
    last = end + ((n - 1) & 63) - 63
    i = 0
    while True:
        x = (_rotr((x + y + v0 + _le(s, i + 8)) & _M64, 37) * _K1) & _M64
        y = (_rotr((y + v1 + _le(s, i + 48)) & _M64, 42) * _K1) & _M64
        x ^= w1
        y = (y + v0 + _le(s, i + 40)) & _M64
        z = (_rotr((z + w0) & _M64, 33) * _K1) & _M64
        v0, v1 = _weak32(s, i, (v1 * _K1) & _M64, (x + w0) & _M64)
        w0, w1 = _weak32(s, i + 32, (z + w1) & _M64, (y + _le(s, i + 16)) & _M64)
        z, x = x, z
        i += 64
        if i == end:
            break
    mul = _K1 + ((z & 0xFF) << 1)
    i = last
    w0 = (w0 + ((n - 1) & 63)) & _M64
    v0 = (v0 + w0) & _M64
    w0 = (w0 + v0) & _M64
    x = (_rotr((x + y + v0 + _le(s, i + 8)) & _M64, 37) * mul) & _M64
    y = (_rotr((y + v1 + _le(s, i + 48)) & _M64, 42) * mul) & _M64
    x ^= (w1 * 9) & _M64
    y = (y + v0 * 9 + _le(s, i + 40)) & _M64
    z = (_rotr((z + w0) & _M64, 33) * mul) & _M64
    v0, v1 = _weak32(s, i, (v1 * mul) & _M64, (x + w0) & _M64)
    w0, w1 = _weak32(s, i + 32, (z + w1) & _M64, (y + _le(s, i + 16)) & _M64)
    z, x = x, z
    return _hash16((_hash16(v0, w0, mul) + (y ^ (y >> 47)) * _K0 + z) & _M64, (_hash16(v1, w1, mul) + x) & _M64, mul)


def _murmur64(s: bytes) -> int:
    """MurmurHash64A with TF's seed 0xDECAFCAFFE: the hash of TF's ``to_hash_bucket``."""
    m = 0xC6A4A7935BD1E995
    n = len(s)
    h = (0xDECAFCAFFE ^ (n * m)) & _M64
    nb = n - n % 8
    for i in range(0, nb, 8):
        k = (_le(s, i) * m) & _M64
        k = ((k ^ (k >> 47)) * m) & _M64
        h = ((h ^ k) * m) & _M64
    if n > nb:
        h = ((h ^ _le(s, nb, n - nb)) * m) & _M64
    h = ((h ^ (h >> 47)) * m) & _M64
    return h ^ (h >> 47)


def _siphash24(k0: int, k1: int, s: bytes) -> int:
    """SipHash-2-4 keyed with (k0, k1): the hash of TF's ``to_hash_bucket_strong``."""
    v = [k0 ^ 0x736F6D6570736575, k1 ^ 0x646F72616E646F6D, k0 ^ 0x6C7967656E657261, k1 ^ 0x7465646279746573]

    def rounds(c: int) -> None:
        for _ in range(c):
            v[0] = (v[0] + v[1]) & _M64
            v[1] = _rotl(v[1], 13) ^ v[0]
            v[0] = _rotl(v[0], 32)
            v[2] = (v[2] + v[3]) & _M64
            v[3] = _rotl(v[3], 16) ^ v[2]
            v[0] = (v[0] + v[3]) & _M64
            v[3] = _rotl(v[3], 21) ^ v[0]
            v[2] = (v[2] + v[1]) & _M64
            v[1] = _rotl(v[1], 17) ^ v[2]
            v[2] = _rotl(v[2], 32)

    n = len(s)
    nb = n - n % 8
    for i in range(0, nb, 8):
        m = _le(s, i)
        v[3] ^= m
        rounds(2)
        v[0] ^= m
    m = ((n & 0xFF) << 56) | _le(s, nb, n - nb)
    v[3] ^= m
    rounds(2)
    v[0] ^= m
    v[2] ^= 0xFF
    rounds(4)
    return v[0] ^ v[1] ^ v[2] ^ v[3]


def _buckets(input: Any, num_buckets: Any, h: Callable[[bytes], int], op: str) -> Any:
    nb = int(num_buckets)
    if nb < 1:
        raise InvalidArgumentError(f"{op}: Value for attr 'num_buckets' of {nb} must be at least minimum 1", op=op)
    return _map_strings(input, lambda s: h(s) % nb, op, np.int64)


def to_hash_bucket_fast(input: Any, num_buckets: int, name: str | None = None) -> Any:
    """Hash each string to ``[0, num_buckets)`` with FarmHash ``Fingerprint64`` (TF's exact buckets).

    Example:
        >>> import tapeflow as tf
        >>> tf.strings.to_hash_bucket_fast(["Hello", "TensorFlow", "2.x"], 3).numpy().tolist()
        [0, 2, 2]
    """
    return _buckets(input, num_buckets, _fingerprint64, "to_hash_bucket_fast")


def to_hash_bucket(input: Any, num_buckets: int, name: str | None = None) -> Any:
    """Hash each string to ``[0, num_buckets)`` with TF's legacy 64-bit hash (MurmurHash64A).

    Example:
        >>> import tapeflow as tf
        >>> tf.strings.to_hash_bucket(["Hello", "TensorFlow", "2.x"], 3).numpy().tolist()
        [2, 0, 1]
    """
    return _buckets(input, num_buckets, _murmur64, "to_hash_bucket")


def to_hash_bucket_strong(input: Any, num_buckets: int, key: Any, name: str | None = None) -> Any:
    """Hash each string to ``[0, num_buckets)`` with SipHash-2-4 keyed by the two ints ``key``.

    Example:
        >>> import tapeflow as tf
        >>> tf.strings.to_hash_bucket_strong(["Hello", "TF"], 3, [1, 2]).numpy().tolist()
        [2, 0]
    """
    k = [int(x) for x in (np.asarray(key).ravel().tolist() if not isinstance(key, (list, tuple)) else key)]
    if len(k) != 2:
        raise InvalidArgumentError("to_hash_bucket_strong: Key must have 2 elements", op="to_hash_bucket_strong")
    k0, k1 = k[0] & _M64, k[1] & _M64
    return _buckets(input, num_buckets, lambda s: _siphash24(k0, k1, s), "to_hash_bucket_strong")


# --- unicode ----------------------------------------------------------------------------------------------------

# encoding names compare as ICU does: ignoring case, "-", "_" and spaces
_ENCODINGS = {
    "utf8": "utf8", "utf16": "utf16", "utf16be": "utf16be", "utf16le": "utf16le", "utf32": "utf32",
    "utf32be": "utf32be", "utf32le": "utf32le", "iso88591": "latin1", "latin1": "latin1", "l1": "latin1",
    "cp819": "latin1", "ibm819": "latin1", "usascii": "ascii", "ascii": "ascii", "ansix3.41968": "ascii",
}
_OUT_ENCODINGS = ("UTF-8", "UTF-16-BE", "UTF-32-BE")


def _input_encoding(enc: str, op: str) -> str:
    key = re.sub(r"[-_ ]", "", enc.lower())
    if key not in _ENCODINGS:
        raise InvalidArgumentError(
            f"{op}: Could not create converter for input encoding: {enc} (tapeflow decodes UTF-8, UTF-16, UTF-32 "
            "(BE/LE), ISO-8859-1 and US-ASCII)", op=op)
    return _ENCODINGS[key]


def _columns(units: list, i: int = 0, n: int = 0) -> tuple:
    """(code points, byte offsets, invalid flags) of the decoded ``units`` (code point or -1, byte
    offset, invalid), with a truncated unit left at byte ``i < n`` added as one error."""
    if i < n:
        units.append((-1, i, True))
    return [u[0] for u in units], [u[1] for u in units], [u[2] for u in units]


def _utf8_decode(s: bytes) -> tuple:
    """(code points, byte offsets, invalid flags): a maximal invalid subpart is one error (Unicode's
    recommended practice, as ICU and Python)."""
    units = []
    i, n = 0, len(s)
    while i < n:
        b = s[i]
        if b < 0x80:
            units.append((b, i, False))
            i += 1
            continue
        if 0xC2 <= b <= 0xDF:
            need, lo, hi, cp = 1, 0x80, 0xBF, b & 0x1F
        elif 0xE0 <= b <= 0xEF:
            need, cp = 2, b & 0x0F
            lo, hi = (0xA0, 0xBF) if b == 0xE0 else (0x80, 0x9F) if b == 0xED else (0x80, 0xBF)
        elif 0xF0 <= b <= 0xF4:
            need, cp = 3, b & 0x07
            lo, hi = (0x90, 0xBF) if b == 0xF0 else (0x80, 0x8F) if b == 0xF4 else (0x80, 0xBF)
        else:
            units.append((-1, i, True))
            i += 1
            continue
        j = i + 1
        ok = True
        for k in range(need):
            if j >= n or not ((lo <= s[j] <= hi) if k == 0 else (0x80 <= s[j] <= 0xBF)):
                ok = False
                break
            cp = (cp << 6) | (s[j] & 0x3F)
            j += 1
        units.append((cp if ok else -1, i, not ok))
        i = j
    return _columns(units)


def _utf16_decode(s: bytes, big: bool) -> tuple:
    units = []
    order = "big" if big else "little"
    n = len(s)
    i = 0
    while i + 1 < n:
        u = int.from_bytes(s[i:i + 2], order)
        if 0xD800 <= u <= 0xDBFF and i + 3 < n:
            u2 = int.from_bytes(s[i + 2:i + 4], order)
            if 0xDC00 <= u2 <= 0xDFFF:
                units.append((0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00), i, False))
                i += 4
                continue
        if 0xD800 <= u <= 0xDBFF and i + 3 >= n:  # a high surrogate and a truncated unit: one error
            break
        surrogate = 0xD800 <= u <= 0xDFFF
        units.append((-1 if surrogate else u, i, surrogate))
        i += 2
    return _columns(units, i, n)


def _utf32_decode(s: bytes, big: bool) -> tuple:
    units = []
    order = "big" if big else "little"
    n = len(s)
    i = 0
    while i + 3 < n:
        u = int.from_bytes(s[i:i + 4], order)
        invalid = u > 0x10FFFF or 0xD800 <= u <= 0xDFFF
        units.append((-1 if invalid else u, i, invalid))
        i += 4
    return _columns(units, i, n)


def _decode_chars(s: bytes, enc: str) -> tuple:
    if enc == "utf8":
        return _utf8_decode(s)
    if enc in ("utf16", "utf32"):
        w = 2 if enc == "utf16" else 4
        big = True
        bom_be, bom_le = (b"\xfe\xff", b"\xff\xfe") if w == 2 else (b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")
        start = 0
        if s.startswith(bom_be):
            start = w
        elif s.startswith(bom_le):
            big, start = False, w
        cps, offs, bad = (_utf16_decode if w == 2 else _utf32_decode)(s[start:], big)
        return cps, [o + start for o in offs], bad
    if enc in ("utf16be", "utf16le"):
        return _utf16_decode(s, enc == "utf16be")
    if enc in ("utf32be", "utf32le"):
        return _utf32_decode(s, enc == "utf32be")
    n = len(s)
    if enc == "latin1":
        return list(s), list(range(n)), [False] * n
    return [b if b < 0x80 else -1 for b in s], list(range(n)), [b >= 0x80 for b in s]


def _check_errors(op: str, errors: str, replacement_char: int) -> None:
    _check_choice(op, "errors", errors, ("strict", "replace", "ignore"))
    if not 0 <= int(replacement_char) <= 0x10FFFF:
        raise InvalidArgumentError(f"{op}: replacement_char out of unicode codepoint range", op=op)


def _decoder(op: str, input_encoding: str, errors: str, replacement_char: int,
             replace_control_characters: bool) -> Callable[[bytes], tuple]:
    _check_errors(op, errors, replacement_char)
    enc = _input_encoding(input_encoding, op)
    rep = int(replacement_char)

    def decode(s: bytes) -> tuple:
        cps, offs, bad = _decode_chars(s, enc)
        out_c, out_o = [], []
        for c, o, b in zip(cps, offs, bad):
            if b:
                if errors == "strict":
                    raise InvalidArgumentError(f"{op}: Invalid formatting on input string", op=op)
                if errors == "ignore":
                    continue
                c = rep
            elif replace_control_characters and c < 0x20:
                c = rep
            out_c.append(c)
            out_o.append(o)
        return out_c, out_o

    return decode


def _int_values(dt: Any) -> Callable[[list], Tensor]:
    return lambda flat: Tensor(np.asarray(flat, dt).reshape(-1))


def _decode_op(input: Any, op: str, decode: Callable, which: int, values_of: Callable) -> Any:
    return _on_rows(input, op, lambda s: decode(s)[which], values_of)


def unicode_decode(input: Any, input_encoding: str, errors: str = "replace", replacement_char: int = 65533,
                   replace_control_characters: bool = False, name: str | None = None) -> Any:
    """The Unicode code points (int32) of each string: a vector for a scalar, else a RaggedTensor.

    ``errors``: ``'replace'`` (invalid sequences give ``replacement_char``), ``'ignore'`` or
    ``'strict'`` (raise). Encodings: UTF-8, UTF-16(-BE/-LE), UTF-32(-BE/-LE), ISO-8859-1, US-ASCII.

    Example:
        >>> import tapeflow as tf
        >>> print(tf.strings.unicode_decode(tf.constant("アヒル 🦆"), "UTF-8"))
        tf.Tensor([ 12450  12498  12523     32 129414], shape=(5,), dtype=int32)
    """
    dec = _decoder("unicode_decode", input_encoding, errors, replacement_char, replace_control_characters)
    return _decode_op(input, "unicode_decode", dec, 0, _int_values(np.int32))


def unicode_decode_with_offsets(input: Any, input_encoding: str, errors: str = "replace", replacement_char: int = 65533,
                                replace_control_characters: bool = False, name: str | None = None) -> tuple:
    """``unicode_decode`` and the int64 byte offset where each character starts.

    Example:
        >>> import tapeflow as tf
        >>> chars, offsets = tf.strings.unicode_decode_with_offsets("héllo", "UTF-8")
        >>> offsets.numpy().tolist()
        [0, 1, 3, 4, 5]
    """
    op = "unicode_decode_with_offsets"
    dec = _decoder(op, input_encoding, errors, replacement_char, replace_control_characters)
    return (_decode_op(input, op, dec, 0, _int_values(np.int32)), _decode_op(input, op, dec, 1, _int_values(np.int64)))


def _encoder(op: str, output_encoding: str, errors: str, replacement_char: int) -> Callable[[list], bytes]:
    _check_choice(op, "output_encoding", output_encoding, _OUT_ENCODINGS)
    _check_errors(op, errors, replacement_char)
    codec = {"UTF-8": "utf-8", "UTF-16-BE": "utf-16-be", "UTF-32-BE": "utf-32-be"}[output_encoding]
    rep = chr(int(replacement_char))

    def encode(cps: list) -> bytes:
        chars = []
        for c in cps:
            if c < 0 or c > 0x10FFFF or 0xD800 <= c <= 0xDFFF:
                if errors == "strict":
                    raise InvalidArgumentError(
                        f"{op}: Code point is out of range for Unicode, or is a surrogate.", op=op)
                if errors == "ignore":
                    continue
                chars.append(rep)
            else:
                chars.append(chr(c))
        return "".join(chars).encode(codec)

    return encode


def unicode_encode(input: Any, output_encoding: str, errors: str = "replace", replacement_char: int = 65533,
                   name: str | None = None) -> Any:
    """Encode int32 code points along the innermost dimension into strings (UTF-8, UTF-16-BE, UTF-32-BE).

    Example:
        >>> import tapeflow as tf
        >>> tf.strings.unicode_encode([72, 233, 128512], "UTF-8").numpy()
        b'H\\xc3\\xa9\\xf0\\x9f\\x98\\x80'
    """
    op = "unicode_encode"
    enc = _encoder(op, output_encoding, errors, replacement_char)
    if _is_ragged(input):
        parents, inner = _innermost(input)
        vals = inner.values
        if vals._value.dtype != np.int32:
            raise InvalidArgumentError(f"{op}: input must be int32 code points, got a {describe(vals)}", op=op)
        s = inner.row_splits._value.tolist()
        flat = vals._value.tolist()
        out = _string_values([enc(flat[s[i]:s[i + 1]]) for i in range(len(s) - 1)])
        return _rebuild(parents, out) if parents else out
    t = input._read() if isinstance(input, Variable) else input if isinstance(input, Tensor) else \
        convert_to_tensor(input, dtype=_dt.int32)
    if t._value.ndim == 0:
        raise ValueError("input_tensor's rank must be at least 1.")
    if t._value.dtype != np.int32:
        raise InvalidArgumentError(f"{op}: input must be int32 code points, got a {describe(t)}", op=op)
    v = t._value
    rows = v.reshape(-1, v.shape[-1]).tolist() if v.shape[-1] else [[] for _ in range(
        int(np.prod(v.shape[:-1], dtype=np.int64)))]
    return _strings([enc(r) for r in rows], tuple(v.shape[:-1]))


def _split_encoder(op: str, input_encoding: str) -> Callable[[int], bytes]:
    key = input_encoding
    if key not in _OUT_ENCODINGS:
        raise InvalidArgumentError(
            f"{op}: Value for attr 'output_encoding' of \"{input_encoding}\" is not in the list of allowed values: "
            + ", ".join(f'"{a}"' for a in _OUT_ENCODINGS), op=op)
    codec = {"UTF-8": "utf-8", "UTF-16-BE": "utf-16-be", "UTF-32-BE": "utf-32-be"}[key]
    return lambda c: chr(c).encode(codec)


def unicode_split(input: Any, input_encoding: str, errors: str = "replace", replacement_char: int = 65533,
                  name: str | None = None) -> Any:
    """Split each string into its characters (re-encoded in ``input_encoding``; invalid sequences
    become ``replacement_char``).

    Example:
        >>> import tapeflow as tf
        >>> tf.strings.unicode_split("アヒル 🦆", "UTF-8").numpy().tolist()
        [b'\\xe3\\x82\\xa2', b'\\xe3\\x83\\x92', b'\\xe3\\x83\\xab', b' ', b'\\xf0\\x9f\\xa6\\x86']
    """
    op = "unicode_split"
    dec = _decoder(op, input_encoding, errors, replacement_char, False)
    one = _split_encoder(op, input_encoding)
    return _on_rows(input, op, lambda s: [one(c) for c in dec(s)[0]], _string_values)


def unicode_split_with_offsets(input: Any, input_encoding: str, errors: str = "replace", replacement_char: int = 65533,
                               name: str | None = None) -> tuple:
    """``unicode_split`` and the int64 byte offset where each character starts.

    Example:
        >>> import tapeflow as tf
        >>> chars, offsets = tf.strings.unicode_split_with_offsets("héllo", "UTF-8")
        >>> chars.numpy().tolist(), offsets.numpy().tolist()
        ([b'h', b'\\xc3\\xa9', b'l', b'l', b'o'], [0, 1, 3, 4, 5])
    """
    op = "unicode_split_with_offsets"
    dec = _decoder(op, input_encoding, errors, replacement_char, False)
    one = _split_encoder(op, input_encoding)
    chars = _on_rows(input, op, lambda s: [one(c) for c in dec(s)[0]], _string_values)
    return chars, _decode_op(input, op, dec, 1, _int_values(np.int64))


def unicode_transcode(input: Any, input_encoding: str, output_encoding: str, errors: str = "replace",
                      replacement_char: int = 65533, replace_control_characters: bool = False,
                      name: str | None = None) -> Any:
    """Re-encode strings from ``input_encoding`` to ``output_encoding`` (UTF-8, UTF-16-BE, UTF-32-BE).

    Example:
        >>> import tapeflow as tf
        >>> tf.strings.unicode_transcode(["héllo"], "UTF-8", "UTF-16-BE").numpy().tolist()
        [b'\\x00h\\x00\\xe9\\x00l\\x00l\\x00o']
    """
    op = "unicode_transcode"
    _check_choice(op, "output_encoding", output_encoding, _OUT_ENCODINGS)
    dec = _decoder(op, input_encoding, errors, replacement_char, replace_control_characters)
    enc = _encoder(op, output_encoding, "replace", replacement_char)
    return _map_strings(input, lambda s: enc(dec(s)[0]), op)
