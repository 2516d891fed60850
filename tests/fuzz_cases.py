"""Bad-argument cases for the error fuzzer (``tests/test_fuzz_errors.py``, ``bench/fuzz_errors.py``).

Library-agnostic: every spec names its op by its dotted path under ``tf`` and its arguments by
markers, so the same cases run on tapeflow and (offline, ``bench/fuzz_errors.py --tf``) on
TensorFlow, whose outcome per (op, slot, kind) is stored in ``fixtures/fuzz_errors_tf.json``.

A spec is ``(path, kwargs, slots)``: ``kwargs`` the valid call (values may be markers such as
``"@X"``, a float32 tensor of shape (2, 3, 4)), ``slots`` maps an argument name to its kind;
each kind has a pool of bad values (``BAD``), one of which replaces the valid argument.
"""

from __future__ import annotations

import traceback
from typing import Any

import numpy as np

HUGE = [10**6, 10**6]

# kind -> {bad-kind name: a function (ndim of the main input) -> bad value}
BAD: dict[str, dict[str, Any]] = {
    "tensor": {
        "none": lambda nd: None,
        "str_array": lambda nd: np.array(["0", "1"]),
        "object_array": lambda nd: np.array([object(), object()], dtype=object),
        "ragged": lambda nd: [[1.0, 2.0], [3.0]],
        "dict": lambda nd: {"a": 1},
    },
    "axis": {
        "str": lambda nd: "a",
        "float": lambda nd: 1.5,
        "list_none": lambda nd: [0, None],
        "list_str": lambda nd: ["a"],
        "oor_pos": lambda nd: nd + 2,
        "oor_neg": lambda nd: -nd - 3,
    },
    "axis1": {  # a single axis (no list)
        "str": lambda nd: "a",
        "float": lambda nd: 1.5,
        "none": lambda nd: None,
        "oor_pos": lambda nd: nd + 2,
        "oor_neg": lambda nd: -nd - 3,
    },
    "shape": {
        "none": lambda nd: None,
        "none_entry": lambda nd: [2, None],
        "negative": lambda nd: [-2, 3],
        "huge": lambda nd: HUGE,
        "str": lambda nd: "ab",
        "float_entry": lambda nd: [2.5, 3],
    },
    "dtype": {
        "none": lambda nd: None,
        "str_bad": lambda nd: "floaty",
        "int": lambda nd: 12345,
    },
    "int": {
        "float": lambda nd: 2.5,
        "str": lambda nd: "a",
        "none": lambda nd: None,
        "negative": lambda nd: -3,
    },
    "other": {  # second operand of a binary op
        "mismatch_shape": lambda nd: "@V5",
        "mismatch_dtype": lambda nd: "@XI",
        "str_array": lambda nd: np.array(["0", "1"]),
        "ragged": lambda nd: [[1.0, 2.0], [3.0]],
    },
}

_UNARY = [
    "abs", "exp", "math.log", "sqrt", "square", "tanh", "sigmoid", "nn.relu", "sin", "cos",
    "negative", "sign", "floor", "math.ceil", "round", "math.reciprocal", "math.log1p",
    "math.softplus", "nn.elu", "nn.selu", "math.rsqrt", "math.expm1", "math.atan", "math.erf",
    "nn.relu6", "nn.leaky_relu", "nn.silu", "math.is_nan", "math.is_finite", "identity",
    "stop_gradient", "math.lgamma", "math.tan", "math.asinh", "shape", "size", "rank",
]
_INPUT_ARG = ("identity", "stop_gradient", "shape", "size", "rank")
_FEATURES_ARG = ("nn.relu", "math.softplus", "nn.elu", "nn.selu", "nn.relu6", "nn.leaky_relu", "nn.silu")
_BINARY = [
    "add", "subtract", "multiply", "divide", "maximum", "minimum", "pow", "math.floordiv",
    "math.squared_difference", "math.truediv", "math.floormod", "equal", "not_equal", "less",
    "greater", "less_equal", "greater_equal", "math.atan2", "math.divide_no_nan", "math.xdivy",
]
_REDUCE = [
    "reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "reduce_prod",
    "reduce_logsumexp", "math.reduce_std", "math.reduce_variance",
    "math.reduce_euclidean_norm",
]


def _specs() -> list[tuple[str, dict, dict]]:
    s: list[tuple[str, dict, dict]] = []
    for p in _UNARY:
        arg = "input" if p in _INPUT_ARG else "features" if p in _FEATURES_ARG else "x"
        s.append((p, {arg: "@X"}, {arg: "tensor"}))
    for p in _BINARY:
        s.append((p, {"x": "@X", "y": "@X"}, {"x": "tensor", "y": "other"}))
    for p in _REDUCE:
        s.append((p, {"input_tensor": "@X", "axis": 1}, {"input_tensor": "tensor", "axis": "axis"}))
    for p in ("reduce_any", "reduce_all"):
        s.append((p, {"input_tensor": "@B", "axis": 1}, {"axis": "axis"}))
    s += [
        ("argmax", {"input": "@X", "axis": 1}, {"input": "tensor", "axis": "axis1"}),
        ("argmin", {"input": "@X", "axis": 1}, {"input": "tensor", "axis": "axis1"}),
        ("math.cumsum", {"x": "@X", "axis": 1}, {"x": "tensor", "axis": "axis1"}),
        ("math.cumprod", {"x": "@X", "axis": 1}, {"axis": "axis1"}),
        ("math.cumulative_logsumexp", {"x": "@X", "axis": 1}, {"axis": "axis1"}),
        ("concat", {"values": ["@X", "@X"], "axis": 1}, {"axis": "axis1"}),
        ("stack", {"values": ["@X", "@X"], "axis": 1}, {"axis": "axis1"}),
        ("unstack", {"value": "@X", "axis": 1}, {"value": "tensor", "axis": "axis1"}),
        ("squeeze", {"input": "@X1", "axis": 1}, {"input": "tensor", "axis": "axis"}),
        ("expand_dims", {"input": "@X", "axis": 1}, {"input": "tensor", "axis": "axis1"}),
        ("reverse", {"tensor": "@X", "axis": [1]}, {"tensor": "tensor", "axis": "axis"}),
        ("gather", {"params": "@X", "indices": [0, 1], "axis": 1}, {"params": "tensor", "axis": "axis1"}),
        ("nn.softmax", {"logits": "@X", "axis": 1}, {"logits": "tensor", "axis": "axis1"}),
        ("nn.log_softmax", {"logits": "@X", "axis": 1}, {"logits": "tensor", "axis": "axis1"}),
        ("one_hot", {"indices": [0, 1], "depth": 3, "axis": 0}, {"depth": "int", "axis": "axis1"}),
        ("norm", {"tensor": "@X", "axis": 1}, {"tensor": "tensor", "axis": "axis1"}),
        ("math.top_k", {"input": "@X", "k": 2}, {"input": "tensor", "k": "int"}),
        ("sort", {"values": "@X", "axis": 1}, {"values": "tensor", "axis": "axis1"}),
        ("argsort", {"values": "@X", "axis": 1}, {"values": "tensor", "axis": "axis1"}),
        ("math.l2_normalize", {"x": "@X", "axis": 1}, {"x": "tensor", "axis": "axis"}),
        ("nn.moments", {"x": "@X", "axes": [1]}, {"x": "tensor", "axes": "axis"}),
        ("roll", {"input": "@X", "shift": 1, "axis": 1}, {"axis": "axis1", "shift": "int"}),
        ("split", {"value": "@X6", "num_or_size_splits": 2, "axis": 1}, {"value": "tensor", "axis": "axis1"}),
        ("repeat", {"input": "@X", "repeats": 2, "axis": 1}, {"axis": "axis1"}),
        ("linalg.normalize", {"tensor": "@X", "axis": 1}, {"axis": "axis1"}),
        ("math.reduce_logsumexp", {"input_tensor": "@X", "axis": 1}, {"axis": "axis"}),
        ("math.count_nonzero", {"input": "@X", "axis": 1}, {"axis": "axis"}),
        ("math.bincount", {"arr": [1, 2]}, {"arr": "tensor"}),
        ("transpose", {"a": "@X", "perm": [0, 2, 1]}, {"a": "tensor", "perm": "axis"}),
        ("tensordot", {"a": "@M", "b": "@M", "axes": 1}, {"a": "tensor", "axes": "int"}),
        ("matmul", {"a": "@M", "b": "@M"}, {"a": "tensor", "b": "other"}),
        ("linalg.matvec", {"a": "@M", "b": "@V3"}, {"a": "tensor", "b": "other"}),
        ("linalg.inv", {"input": "@M"}, {"input": "tensor"}),
        ("linalg.det", {"input": "@M"}, {"input": "tensor"}),
        ("linalg.trace", {"x": "@M"}, {"x": "tensor"}),
        ("linalg.diag", {"diagonal": "@V3"}, {"diagonal": "tensor"}),
        ("linalg.band_part", {"input": "@M", "num_lower": 1, "num_upper": 1}, {"num_lower": "int"}),
        ("zeros", {"shape": [2, 3]}, {"shape": "shape", "dtype": "dtype"}),
        ("ones", {"shape": [2, 3]}, {"shape": "shape", "dtype": "dtype"}),
        ("fill", {"dims": [2, 3], "value": 1.0}, {"dims": "shape"}),
        ("zeros_like", {"input": "@X"}, {"input": "tensor", "dtype": "dtype"}),
        ("ones_like", {"input": "@X"}, {"input": "tensor", "dtype": "dtype"}),
        ("eye", {"num_rows": 3}, {"num_rows": "int", "dtype": "dtype"}),
        ("range", {"start": 0, "limit": 5}, {"limit": "int"}),
        ("linspace", {"start": 0.0, "stop": 1.0, "num": 5}, {"num": "int"}),
        ("random.normal", {"shape": [2, 3]}, {"shape": "shape", "dtype": "dtype"}),
        ("random.uniform", {"shape": [2, 3]}, {"shape": "shape", "dtype": "dtype"}),
        ("random.truncated_normal", {"shape": [2, 3]}, {"shape": "shape"}),
        ("reshape", {"tensor": "@X", "shape": [6, 4]}, {"tensor": "tensor", "shape": "shape"}),
        ("broadcast_to", {"input": "@V4", "shape": [3, 4]}, {"input": "tensor", "shape": "shape"}),
        ("tile", {"input": "@X", "multiples": [1, 2, 1]}, {"input": "tensor", "multiples": "shape"}),
        ("constant", {"value": 1.0, "shape": [2, 3]}, {"value": "tensor", "shape": "shape", "dtype": "dtype"}),
        ("cast", {"x": "@X", "dtype": "@int32"}, {"x": "tensor", "dtype": "dtype"}),
        ("convert_to_tensor", {"value": "@X"}, {"value": "tensor", "dtype": "dtype"}),
        ("clip_by_value", {"t": "@X", "clip_value_min": 0.0, "clip_value_max": 1.0}, {"t": "tensor", "clip_value_min": "other"}),
        ("where", {"condition": "@BX", "x": "@X", "y": "@X"}, {"condition": "tensor", "y": "other"}),
        ("nn.dropout", {"x": "@X", "rate": 0.5, "seed": 1}, {"x": "tensor"}),
        ("nn.sigmoid_cross_entropy_with_logits", {"labels": "@X", "logits": "@X"}, {"labels": "other", "logits": "tensor"}),
        ("nn.softmax_cross_entropy_with_logits", {"labels": "@X", "logits": "@X"}, {"labels": "other", "logits": "tensor", "axis": "axis1"}),
        ("nn.bias_add", {"value": "@X", "bias": "@V4"}, {"value": "tensor", "bias": "other"}),
        ("math.segment_sum", {"data": "@X", "segment_ids": [0, 0]}, {"data": "tensor", "segment_ids": "other"}),
        ("math.unsorted_segment_sum", {"data": "@X", "segment_ids": [0, 1], "num_segments": 2}, {"data": "tensor", "num_segments": "int"}),
        ("math.add_n", {"inputs": ["@X", "@X"]}, {"inputs": "tensor"}),
        ("math.accumulate_n", {"inputs": ["@X", "@X"]}, {"inputs": "tensor"}),
        ("einsum", {"__args__": ["ij,jk->ik", "@M", "@M"]}, {"1": "tensor", "2": "other"}),
        ("pad", {"tensor": "@M", "paddings": [[1, 1], [1, 1]]}, {"tensor": "tensor", "paddings": "shape"}),
        ("math.argmax", {"input": "@X", "axis": 0}, {"axis": "axis1"}),
        ("size", {"input": "@X"}, {"out_type": "dtype"}),
        ("shape", {"input": "@X"}, {"out_type": "dtype"}),
        ("gather_nd", {"params": "@M", "indices": [[0, 1]]}, {"params": "tensor", "batch_dims": "int"}),
        ("boolean_mask", {"tensor": "@X", "mask": [True, False], "axis": 0}, {"tensor": "tensor", "axis": "axis1"}),
        ("slice", {"input_": "@X", "begin": [0, 0, 0], "size": [1, 2, 3]}, {"begin": "shape", "size": "shape"}),
        ("math.unsorted_segment_max", {"data": "@X", "segment_ids": [0, 1], "num_segments": 2}, {"num_segments": "int"}),
        ("nn.embedding_lookup", {"params": "@M", "ids": [0, 2]}, {"params": "tensor", "ids": "other"}),
        ("math.in_top_k", {"targets": [0, 1], "predictions": "@M2", "k": 1}, {"k": "int", "predictions": "tensor"}),
        ("math.confusion_matrix", {"labels": [0, 1], "predictions": [1, 1], "num_classes": 3}, {"num_classes": "int"}),
        ("random.categorical", {"logits": "@M", "num_samples": 2}, {"logits": "tensor", "num_samples": "int"}),
        ("random.shuffle", {"value": "@X"}, {"value": "tensor"}),
        ("random.stateless_normal", {"shape": [2, 3], "seed": [1, 2]}, {"shape": "shape", "seed": "shape"}),
        ("image.resize", {"images": "@IMG", "size": [4, 4]}, {"images": "tensor", "size": "shape"}),
        ("nn.max_pool2d", {"input": "@IMG", "ksize": 2, "strides": 2, "padding": "VALID"}, {"ksize": "int", "strides": "int"}),
        ("nn.conv2d", {"input": "@IMG", "filters": "@K", "strides": 1, "padding": "SAME"}, {"input": "tensor", "filters": "other", "strides": "int"}),
        ("signal.frame", {"signal": "@V5", "frame_length": 2, "frame_step": 1}, {"frame_length": "int", "frame_step": "int", "axis": "axis1"}),
        ("math.reduce_sum", {"input_tensor": "@X", "axis": 1, "keepdims": True}, {"input_tensor": "tensor", "axis": "axis"}),
        ("math.segment_mean", {"data": "@X", "segment_ids": [0, 0]}, {"data": "tensor", "segment_ids": "other"}),
        ("linalg.matmul", {"a": "@M", "b": "@M"}, {"a": "tensor", "b": "other"}),
        ("math.reduce_mean", {"input_tensor": "@X", "axis": [0, 1]}, {"axis": "axis"}),
        ("keras.layers.Dense", {"__layer__": {"units": 4}, "inputs": "@M"}, {"inputs": "tensor", "units": "int"}),
        ("data.Dataset.range", {"__args__": [0, 10, 1]}, {"1": "int", "2": "int"}),
        ("data.Dataset.from_tensor_slices", {"tensors": "@X"}, {"tensors": "tensor"}),
    ]
    return s


SPECS = _specs()


def short_name(path: str) -> str:
    return path.rsplit(".", 1)[-1]


def cases() -> list[tuple[str, str, str, int]]:
    """Every (spec index, slot, bad kind) triple, in a fixed order; the case id is its index."""
    out = []
    for i, (_path, _kw, slots) in enumerate(SPECS):
        for slot, kind in slots.items():
            for bad in BAD[kind]:
                out.append((i, slot, kind, bad))
    return out


def _resolve(tf: Any, path: str) -> Any:
    obj = tf
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def _marker(tf: Any, v: Any) -> Any:
    if isinstance(v, list):
        return [_marker(tf, e) for e in v]
    if not (isinstance(v, str) and v.startswith("@")):
        return v
    m = v[1:]
    base = np.arange(24, dtype=np.float32).reshape(2, 3, 4) / 10
    table = {
        "X": lambda: tf.constant(base),
        "X1": lambda: tf.constant(base[:, :1, :]),
        "X6": lambda: tf.constant(np.arange(24, dtype=np.float32).reshape(2, 6, 2)),
        "XI": lambda: tf.constant(base.astype(np.int32)),
        "B": lambda: tf.constant(base > 1.0),
        "BX": lambda: tf.constant(base > 1.0),
        "M": lambda: tf.constant(np.eye(3, dtype=np.float32) + 1),
        "M2": lambda: tf.constant(np.eye(2, 3, dtype=np.float32)),
        "IMG": lambda: tf.constant(np.ones((1, 6, 6, 2), np.float32)),
        "K": lambda: tf.constant(np.ones((3, 3, 2, 4), np.float32)),
        "V3": lambda: tf.constant(np.ones(3, np.float32)),
        "V4": lambda: tf.constant(np.ones(4, np.float32)),
        "V5": lambda: tf.constant(np.ones(5, np.float32)),
        "int32": lambda: tf.int32,
    }
    return table[m]()


def _ndim(kw: dict) -> int:
    for v in list(kw.values()) + list(kw.get("__args__", [])):
        v = v[0] if isinstance(v, list) and v else v
        if isinstance(v, str) and v.startswith("@"):
            return {"M": 2, "M2": 2, "V3": 1, "V4": 1, "V5": 1, "IMG": 4, "K": 4}.get(v[1:], 3)
    return 1


def run_case(tf: Any, case: tuple, value: Any = None, use_value: bool = False) -> tuple:
    """Call the case's op with its bad argument; returns ``("return", None)`` or
    ``("raise", exception)``. ``value`` (with ``use_value``) overrides the pool's bad value."""
    i, slot, kind, bad = case
    path, kw, _slots = SPECS[i]
    nd = _ndim(kw)
    kw = {k: _marker(tf, v) for k, v in kw.items() if k not in ("__layer__", "__args__")}
    layer_kw = dict(SPECS[i][1].get("__layer__", {}))
    args = [_marker(tf, a) for a in SPECS[i][1].get("__args__", [])]  # positional (slots "0", "1", ...)
    v = value if use_value else BAD[kind][bad]
    v = v(nd) if callable(v) else v
    v = _marker(tf, v)
    if slot in layer_kw:
        layer_kw[slot] = v
    elif slot.isdigit():
        args[int(slot)] = v
    else:
        kw[slot] = v
    try:
        fn = _resolve(tf, path)
        if "__layer__" in SPECS[i][1]:
            out = fn(**layer_kw)(kw["inputs"])
        else:
            out = fn(*args, **kw)
        if path.startswith("data.") and hasattr(out, "take"):
            list(out.take(2))
        _ = str(out)  # printing must work too
    except Exception as e:  # noqa: BLE001 - classifying every outcome is the point
        return "raise", e
    return "return", None


def is_clear(e: BaseException, path: str, pkg_dir: str) -> bool:
    """A clear error: a TF error type or TypeError/ValueError, raised from ``pkg_dir`` (the
    library's own code, not NumPy or Python internals), whose message names the op."""
    from tapeflow import errors  # noqa: PLC0415

    if not isinstance(e, (TypeError, ValueError, errors.OpError)):
        return False
    frames = traceback.extract_tb(e.__traceback__)
    if not frames or pkg_dir not in frames[-1].filename:
        return False
    msg = str(e).lower()
    names = (short_name(path).lower(),) + ALIASES.get(path, ())
    return any(n in msg or n.replace("_", " ") in msg for n in names)


# Other names an error may give an op by: TF's own name for it (tf.divide is TF's truediv), the
# public op that does the work (linalg.normalize calls norm), or, for the conversion functions and
# Keras layer constructors, TF's/Keras's exact message, which names the conversion or the argument.
ALIASES: dict[str, tuple] = {
    "divide": ("truediv",),
    "math.truediv": ("divide",),
    "linalg.normalize": ("norm",),
    "constant": ("to a tensor", "to tensor", "dtype", "constant"),
    "convert_to_tensor": ("to a tensor", "to tensor", "dtype"),
    "data.Dataset.from_tensor_slices": ("to a tensor", "to tensor"),
    "keras.layers.Dense": ("`units`", "only input tensors may be passed"),
    "image.resize": ("'images'", "'size'", "dimension"),  # TF's exact texts (tests/test_image_ops.py)
}
