"""Graphs for TensorBoard's graph dashboard: the ops a tape or a ``tf.summary.trace_on`` trace recorded.

A trace is an output hook (``primitives.add_output_hook``) that notes each primitive's name and
its inputs' and outputs' ids, shapes and dtypes while tracing is on (nothing is kept or run when
it is off). Both a trace and a ``GradientTape`` become an ``explain.OpGraph``, written as a
``GraphDef``: one node per op, named as the user called it (``matmul``, ``matmul_1`` ...), its TF
op type (``MatMul``), ``T`` and ``_output_shapes`` attributes (TensorBoard labels edges with the
shapes), and one node per leaf (Variables by name, other inputs as ``Placeholder``/``Const``).
"""

from __future__ import annotations

import re
import threading
from typing import Any

import numpy as np

from .. import recorders as _rec
from ..explain import OpGraph, _variable_name, op_graph
from ..tensor import Tensor
from . import _events

# TF op types of the common primitives (the rest are CamelCased: reduce_sum -> ReduceSum)
_TF_TYPES = {
    "add": "AddV2", "subtract": "Sub", "multiply": "Mul", "divide": "RealDiv", "negative": "Neg",
    "matmul": "MatMul", "reduce_sum": "Sum", "reduce_mean": "Mean", "reduce_max": "Max", "reduce_min": "Min",
    "reduce_prod": "Prod", "pow": "Pow", "square": "Square", "sqrt": "Sqrt", "rsqrt": "Rsqrt", "exp": "Exp",
    "log": "Log", "relu": "Relu", "sigmoid": "Sigmoid", "tanh": "Tanh", "softmax": "Softmax",
    "log_softmax": "LogSoftmax", "cast": "Cast", "identity": "Identity", "reshape": "Reshape",
    "transpose": "Transpose", "concat": "ConcatV2", "gather": "GatherV2", "strided_slice": "StridedSlice",
    "maximum": "Maximum", "minimum": "Minimum", "abs": "Abs", "broadcast_to": "BroadcastTo",
    "stop_gradient": "StopGradient", "conv": "Conv2D", "max_pool": "MaxPool", "avg_pool": "AvgPool",
    "sparse_softmax_xent": "SparseSoftmaxCrossEntropyWithLogits", "softmax_xent": "SoftmaxCrossEntropyWithLogits",
    "argmax": "ArgMax", "argmin": "ArgMin", "equal": "Equal", "greater": "Greater", "less": "Less",
    "select": "SelectV2", "one_hot": "OneHot", "sin": "Sin", "cos": "Cos", "einsum": "Einsum",
}

_BAD = re.compile(r"[^A-Za-z0-9_.\-/>]")


def tf_op_type(name: str) -> str:
    """TF's op type for a primitive name (``matmul`` -> ``MatMul``, else CamelCase)."""
    return _TF_TYPES.get(name) or "".join(w[:1].upper() + w[1:] for w in name.split("_") if w) or "Op"


class _Trace:
    """The recorder ``trace_on`` installs: one ``(name, in ids, out ids)`` per primitive run."""

    def __init__(self) -> None:
        self.ops: list = []
        self.info: dict = {}
        self.names: dict = {}
        self._lock = threading.Lock()

    def __call__(self, prim: Any, ins: tuple, out: Any) -> None:
        outs = (out,) if type(out) is Tensor else tuple(out)
        info = self.info
        for t in ins:
            if t._id not in info:
                info[t._id] = (tuple(t._value.shape), t.dtype.name)
                for tape in _rec.entered_tapes():  # a variable read inside a tape is known there by id
                    v = tape._variables.get(t._id)
                    if v is not None:
                        self.names[t._id] = _variable_name(v)
                        break
        for t in outs:
            info[t._id] = (tuple(t._value.shape), t.dtype.name)
        with self._lock:
            self.ops.append((prim.name, tuple(t._id for t in ins), tuple(t._id for t in outs), prim.vjp is not None))

    def graph(self) -> OpGraph:
        return OpGraph(list(self.ops), dict(self.info), dict(self.names))


def _unique(base: str, used: set, counts: dict) -> str:
    """A node name not used yet: ``base``, then ``base_1``, ``base_2`` ... (TF's scheme)."""
    base = _BAD.sub("_", base) or "node"
    if base[0] in "_-/>":
        base = "n" + base
    n = counts.get(base, 0)
    name = base if n == 0 else f"{base}_{n}"
    while name in used:
        n += 1
        name = f"{base}_{n}"
    counts[base] = n + 1
    used.add(name)
    return name


def graph_def(graph: Any, names: dict | None = None) -> Any:
    """A ``GraphDef`` proto (tensorboardX's) for an ``OpGraph`` or a ``GradientTape``.

    ``names``: extra id -> name for leaves (e.g. a model's weights by path).
    """
    if not isinstance(graph, OpGraph):
        graph = op_graph(graph)
    p = _events.proto_modules()
    gd = p.graph_pb2.GraphDef()
    gd.versions.producer = 22
    used: set = set()
    counts: dict = {}
    label: dict = {}  # tensor id -> "node" or "node:k"
    known = dict(graph.names)
    known.update(names or {})

    def attrs(node: Any, ids: tuple) -> None:
        shapes = [graph.info.get(i) for i in ids]
        if shapes and all(s is not None for s in shapes):
            lst = node.attr["_output_shapes"].list
            for shape, _dt in shapes:
                sp = lst.shape.add()
                for d in shape:
                    sp.dim.add(size=int(d))

    def dtype_attr(node: Any, key: str, tid: int) -> None:
        info = graph.info.get(tid)
        if info is not None:
            try:
                node.attr[key].type = _events.dtype_enum(np.dtype("O" if info[1] == "string" else info[1]))
            except TypeError:
                pass

    for tid in graph.leaves():
        node = gd.node.add()
        if tid in known:
            node.name = _unique(known[tid], used, counts)
            node.op = "ReadVariableOp"
        elif tid in graph.watched:
            node.name = _unique("watched", used, counts)
            node.op = "Placeholder"
        else:
            info = graph.info.get(tid)
            node.op = "Const" if info is not None and info[0] == () else "Placeholder"
            node.name = _unique("Const" if node.op == "Const" else "input", used, counts)
        dtype_attr(node, "dtype", tid)
        attrs(node, (tid,))
        label[tid] = node.name
    for opname, ins, outs, _diff in graph.ops:
        node = gd.node.add()
        node.name = _unique(opname, used, counts)
        node.op = tf_op_type(opname)
        for i in ins:
            if i in label:
                node.input.append(label[i])
        if ins:
            dtype_attr(node, "T", ins[0])
        attrs(node, outs)
        for k, o in enumerate(outs):
            label[o] = node.name if k == 0 else f"{node.name}:{k}"
    return gd


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def run_metadata_bytes(gd: Any) -> bytes:
    """A serialized ``RunMetadata`` whose one ``function_graphs`` entry has ``gd`` as its
    ``pre_optimization_graph`` (what TF's ``trace_export`` writes; tensorboardX ships no RunMetadata)."""
    g = gd.SerializeToString()
    fg = b"\x12" + _varint(len(g)) + g  # FunctionGraphs.pre_optimization_graph = 2
    return b"\x22" + _varint(len(fg)) + fg  # RunMetadata.function_graphs = 4


__all__ = ["graph_def", "run_metadata_bytes", "tf_op_type"]
