"""``tf.fingerprint``, ``tf.edit_distance`` and ``tf.bitcast``.

``fingerprint`` hashes each row of a tensor with FarmHash ``Fingerprint64`` (TF's exact bytes),
``edit_distance`` is the Levenshtein distance between the sequences of two ``tf.SparseTensor``\\ s
(grouped by all but their last index), and ``bitcast`` reinterprets the bytes of a tensor as
another dtype. None of them is differentiable: TF registers no gradient for ``Fingerprint`` and
``Bitcast`` (asking for one raises ``LookupError``) and marks ``EditDistance`` NotDifferentiable
(its gradient is ``None``).

Example:
    >>> import tapeflow as tf
    >>> tf.fingerprint(tf.constant(["Hello"])).numpy().tolist()
    [[135, 32, 107, 50, 30, 124, 200, 213]]
    >>> tf.bitcast(tf.constant(1.0), tf.int32).numpy().item()
    1065353216
"""

from __future__ import annotations

import struct
from typing import Any

import numpy as np

from .. import dtypes as _dt
from ..errors import InternalError, InvalidArgumentError
from ..primitives import bind, defprim, no_gradient
from ..tensor import Tensor, Variable
from ._args import tensor_arg
from .string_ops import _fingerprint64

__all__ = ["bitcast", "edit_distance", "fingerprint"]

# TF's DataTypeString names (the names its kernels print) and DataType enum numbers
_TF_NAME = {"float32": "float", "float64": "double", "float16": "half"}
_TF_ENUM = {"float32": 1, "float64": 2, "int32": 3, "uint8": 4, "int16": 5, "int8": 6, "string": 7, "complex64": 8,
            "int64": 9, "bool": 10, "uint16": 17, "complex128": 18, "float16": 19, "uint32": 22, "uint64": 23}


def tf_type_name(dt: _dt.DType) -> str:
    """The dtype's name as TF's C++ kernels print it (``float`` for float32, ``double`` for float64)."""
    return _TF_NAME.get(dt.name, dt.name)


def _arg(x: Any, op: str) -> Tensor:
    if isinstance(x, Variable):
        return x._read()
    return tensor_arg(x, op)


# --- fingerprint ----------------------------------------------------------------------------------------------


def _fingerprint_fwd(data: np.ndarray, *, method: str) -> np.ndarray:
    if method != "farmhash64":
        raise InvalidArgumentError(f"Unsupported fingerprint method: {method}", op="Fingerprint")
    if data.ndim == 0:
        raise InvalidArgumentError("`data` should have at least one dimension: []", op="Fingerprint")
    n = data.shape[0]
    width = int(np.prod(data.shape[1:], dtype=np.int64))
    out = np.empty((n, 8), np.uint8)
    if data.dtype.kind == "O":
        rows = data.reshape(n, width)
        for i in range(n):
            row = rows[i].tolist()
            if len(row) == 1:
                h = _fingerprint64(row[0])
            else:  # the fingerprint of the row's little-endian string fingerprints
                h = _fingerprint64(b"".join(struct.pack("<Q", _fingerprint64(s)) for s in row))
            out[i] = np.frombuffer(struct.pack("<Q", h), np.uint8)
        return out
    rows = np.ascontiguousarray(data).reshape(n, width)
    for i in range(n):
        out[i] = np.frombuffer(struct.pack("<Q", _fingerprint64(rows[i].tobytes())), np.uint8)
    return out


_FINGERPRINT = defprim("fingerprint", _fingerprint_fwd, no_gradient("Fingerprint"))


def fingerprint(data: Any, method: Any = "farmhash64", name: str | None = None) -> Tensor:
    """TF's ``tf.fingerprint``: a uint8 tensor of shape ``[batch, 8]``, the 8 little-endian bytes of
    FarmHash ``Fingerprint64`` of each row ``data[i]`` (the row's raw bytes for numeric dtypes; for
    strings, of the string itself, or of the concatenated fingerprints of the row's strings when a
    row holds several).

    TF's output for string rows with no elements is uninitialized memory; tapeflow returns the
    fingerprint of the empty byte string there (what a numeric empty row gives in TF).

    Example:
        >>> import tapeflow as tf
        >>> tf.fingerprint(tf.constant([[1, 2], [3, 4]])).numpy()[0].tolist()
        [76, 18, 253, 133, 168, 204, 240, 10]
    """
    x = _arg(data, "fingerprint")
    if isinstance(method, (Tensor, Variable)):
        m = np.asarray(method).reshape(()).item()
        method = m.decode("utf-8", "replace") if isinstance(m, bytes) else str(m)
    return bind(_FINGERPRINT, (x,), {"method": str(method)})


# --- edit_distance --------------------------------------------------------------------------------------------


def _levenshtein(a: list, b: list) -> int:
    if not a:
        return len(b)
    if not b:
        return len(a)
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (0 if x == y else 1))
        prev = cur
    return prev[-1]


def _runs(idx: np.ndarray, vals: list) -> list:
    """Consecutive runs of entries with the same outer index, in the given order (as TF's grouper)."""
    out: list = []
    outer = [tuple(r) for r in idx[:, :-1].tolist()]
    for k, v in zip(outer, vals):
        if out and out[-1][0] == k:
            out[-1][1].append(v)
        else:
            out.append((k, [v]))
    return out


def _edit_distance_fwd(hv: np.ndarray, tv: np.ndarray, *, hi: np.ndarray, hs: tuple, ti: np.ndarray, ts: tuple,
                       normalize: bool) -> np.ndarray:
    out_shape = tuple(max(a, b) for a, b in zip(hs[:-1], ts[:-1]))
    size = int(np.prod(out_shape, dtype=np.int64))
    if size == 0:
        raise InvalidArgumentError(f"Got output shape {list(out_shape)} which has 0 elements".replace(", ", ","),
                                   op="EditDistance")
    out = np.zeros(size, np.float32)
    strides = [int(np.prod(out_shape[k + 1:], dtype=np.int64)) for k in range(len(out_shape))]

    def put(group: tuple, value: float) -> None:
        loc = sum(g * s for g, s in zip(group, strides))
        if loc < 0 or loc >= size:
            raise InternalError(
                f"Got an inner product {loc} which would require writing to outside of the buffer for the output "
                f"tensor (max elements {size})", op="EditDistance")
        out[loc] = value

    h_runs = _runs(hi, hv.tolist())
    t_runs = _runs(ti, tv.tolist())
    i = j = 0
    inf = np.float32(np.inf)
    while i < len(h_runs) and j < len(t_runs):  # TF's merge of the two group sequences
        (hg, hseq), (tg, tseq) = h_runs[i], t_runs[j]
        if hg == tg:
            d = np.float32(_levenshtein(hseq, tseq))
            put(hg, d / np.float32(len(tseq)) if normalize else d)
            i += 1
            j += 1
        elif hg < tg:
            put(hg, inf if normalize else np.float32(len(hseq)))
            i += 1
        else:
            put(tg, np.float32(1.0) if normalize else np.float32(len(tseq)))
            j += 1
    for hg, hseq in h_runs[i:]:
        put(hg, inf if normalize else np.float32(len(hseq)))
    for tg, tseq in t_runs[j:]:
        put(tg, np.float32(1.0) if normalize else np.float32(len(tseq)))
    return out.reshape(out_shape)


_EDIT_DISTANCE = defprim("edit_distance", _edit_distance_fwd, None)  # TF: NotDifferentiable("EditDistance")


def edit_distance(hypothesis: Any, truth: Any, normalize: bool = True, name: str = "edit_distance") -> Tensor:
    """TF's ``tf.edit_distance``: the Levenshtein distance between the sequences of two
    ``tf.SparseTensor``\\ s, grouped by all but the last index (the entries of a group, in their
    stored order, form its sequence). The float32 result has the elementwise maximum of the two
    ``dense_shape[:-1]``; with ``normalize`` each distance is divided by the truth's length
    (``inf`` where only the hypothesis has entries, ``1.0`` where only the truth has, ``0`` where
    neither has).

    Example:
        >>> import tapeflow as tf
        >>> h = tf.SparseTensor([[0, 0], [0, 1], [0, 2]], ["a", "b", "c"], [1, 3])
        >>> t = tf.SparseTensor([[0, 0], [0, 1]], ["a", "c"], [1, 2])
        >>> tf.edit_distance(h, t).numpy().tolist()
        [0.5]
        >>> tf.edit_distance(h, t, normalize=False).numpy().tolist()
        [1.0]
    """
    from ..sparse_tensor import SparseTensor

    if not isinstance(hypothesis, SparseTensor):
        raise TypeError("Hypothesis must be a SparseTensor.")
    if not isinstance(truth, SparseTensor):
        raise TypeError("Truth must be a SparseTensor.")
    h_dt, t_dt = hypothesis.values.dtype, truth.values.dtype
    if h_dt != t_dt:
        raise InvalidArgumentError(
            f"cannot compute EditDistance as input #4(zero-based) was expected to be a {tf_type_name(h_dt)} tensor "
            f"but is a {tf_type_name(t_dt)} tensor", op="EditDistance")
    hs = tuple(int(v) for v in hypothesis.dense_shape._value.tolist())
    ts = tuple(int(v) for v in truth.dense_shape._value.tolist())
    if len(hs) != len(ts):
        raise InvalidArgumentError(
            f"Expected truth and hypothesis to have matching ranks, but their shapes are: [{len(ts)}] and [{len(hs)}]",
            op="EditDistance")
    if len(ts) < 2:
        raise InvalidArgumentError(
            f"Input SparseTensors must have rank at least 2, but truth_shape rank is: {len(ts)}", op="EditDistance")
    params = {"hi": hypothesis.indices._value, "hs": hs, "ti": truth.indices._value, "ts": ts,
              "normalize": bool(normalize)}
    return bind(_EDIT_DISTANCE, (hypothesis.values, truth.values), params)


# --- bitcast --------------------------------------------------------------------------------------------------

_BITCAST_OK = ("bfloat16, half, float, double, int64, int32, uint8, uint16, uint32, uint64, int8, int16, complex64, "
               "complex128, qint8, quint8, qint16, quint16, qint32")


def _bitcast_fwd(x: np.ndarray, *, out: np.dtype, codes: tuple) -> np.ndarray:
    a, b = x.dtype.itemsize, out.itemsize
    arr = np.asarray(x, order="C")  # (ascontiguousarray would make a scalar 1-D)
    if a == b:
        return arr.view(out).copy()
    if a > b:
        return arr.reshape(arr.shape + (1,)).view(out).copy()
    if arr.ndim == 0 or arr.shape[-1] != b // a:
        raise InvalidArgumentError(f"Cannot bitcast from {codes[0]} to {codes[1]}", op="Bitcast")
    return arr.view(out).reshape(arr.shape[:-1]).copy()


_BITCAST = defprim("bitcast", _bitcast_fwd, no_gradient("Bitcast"))


def bitcast(input: Any, type: Any, name: str | None = None) -> Tensor:  # noqa: A002  (TF's names)
    """TF's ``tf.bitcast``: the same bytes read as dtype ``type``. From a wider dtype a new last
    axis of ``size(input.dtype) / size(type)`` appears; to a wider dtype the last axis must have
    exactly ``size(type) / size(input.dtype)`` elements and disappears. bool and string are refused.

    Example:
        >>> import tapeflow as tf
        >>> tf.bitcast(tf.constant([1.0, 2.0]), tf.uint8).numpy().tolist()
        [[0, 0, 128, 63], [0, 0, 0, 64]]
        >>> tf.bitcast(tf.constant([[1, 2, 3, 4]], tf.uint8), tf.int32).numpy().tolist()
        [67305985]
    """
    x = _arg(input, "bitcast")
    target = _dt.as_dtype(type)
    for attr, dt in (("T", x.dtype), ("type", target)):
        if dt.name not in _TF_ENUM or dt.name in ("bool", "string"):
            raise InvalidArgumentError(
                f"Value for attr '{attr}' of {tf_type_name(dt)} is not in the list of allowed values: {_BITCAST_OK}",
                op="Bitcast")
    codes = (_TF_ENUM[x.dtype.name], _TF_ENUM[target.name])
    return bind(_BITCAST, (x,), {"out": np.dtype(target.as_numpy_dtype), "codes": codes})
