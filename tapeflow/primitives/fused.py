"""Fused primitives for the training hot path: a Dense layer's matmul + bias + activation.

``dense`` runs as one NumPy pass forward; its VJP is one fused primitive ``dense_grad`` that
computes all input gradients in one pass. ``dense_grad`` has its own VJP written in tapeflow ops,
so higher-order derivatives through a Dense layer still work.
"""

from __future__ import annotations

import numpy as np

from ..tensor import Tensor
from . import bind, bind3, defprim
from . import core as C

_ACTS = ("linear", "relu")
_ACT_PARAMS = {a: {"activation": a} for a in _ACTS}  # shared params dicts (never mutated)


def _dense_fwd(x: np.ndarray, w: np.ndarray, b: np.ndarray, activation: str) -> np.ndarray:
    y = x @ w
    y += b
    if activation == "relu":
        np.maximum(y, 0, out=y)
    return y


def _mask(out: np.ndarray, activation: str, dtype: np.dtype) -> np.ndarray | None:
    return (out > 0).astype(dtype) if activation == "relu" else None


def _dense_grad_fwd(g: np.ndarray, x: np.ndarray, w: np.ndarray, out: np.ndarray, activation: str, need_x: bool):
    gp = np.multiply(g, out > 0) if activation == "relu" else g
    gx = gp @ w.T if need_x else np.zeros((0,), g.dtype)
    gw = (x.T if x.ndim == 2 else np.swapaxes(x, -1, -2)) @ gp
    gb = np.add.reduce(gp, axis=-2)  # ufunc.reduce directly: ndarray.sum's wrapper costs ~1 us
    return gx, gw, gb


_GRAD_PARAMS: dict = {}


def _dense_vjp(g, out, ins, p, need):
    x, w, b = ins
    key = (p["activation"], need[0])
    q = _GRAD_PARAMS.get(key)
    if q is None:
        q = _GRAD_PARAMS[key] = {"activation": key[0], "need_x": key[1]}  # shared, never mutated
    gx, gw, gb = bind(DENSE_GRAD, (g, x, w, out), q)
    return (gx if need[0] else None, gw, gb)


def _dense_grad_vjp(gs, outs, ins, p, need):
    """Cotangents (cx, cw, cb) of (gx, gw, gb) -> cotangents of (g, x, w); out is piecewise constant."""
    cx, cw, cb = gs
    g, x, w, out = ins
    act = p["activation"]
    mask = Tensor(_mask(out._value, act, g._value.dtype)) if act == "relu" else None
    gp = C.multiply(g, mask) if mask is not None else g
    res_g = res_x = res_w = None
    if need[0]:
        cbv = cb._value.shape
        c = C.add(C.matmul(x, cw), C.reshape_to(cb, cbv[:-1] + (1, cbv[-1])))
        if p["need_x"]:
            c = C.add(c, C.matmul(cx, w))
        res_g = C.multiply(c, mask) if mask is not None else c
    if need[1]:
        res_x = C.matmul(gp, C._swap_last(cw))
    if need[2] and p["need_x"]:
        res_w = C.sum_to(C.matmul(C._swap_last(cx), gp), w._value.shape, C.nbatch(cx, outs[0]))
    return (res_g, res_x, res_w, None)


DENSE = defprim(
    "dense", _dense_fwd, _dense_vjp,
    examples=[(((4, 3), (3, 5), (5,)), {"activation": "linear"}), (((4, 3), (3, 5), (5,)), {"activation": "relu"})],
)
DENSE_GRAD = defprim(
    "dense_grad", _dense_grad_fwd, _dense_grad_vjp, n_out=3,
    examples=[
        (((4, 5), (4, 3), (3, 5), (4, 5)), {"activation": "linear", "need_x": True}),
        (((4, 5), (4, 3), (3, 5), np.abs(np.arange(20.0).reshape(4, 5) - 9.5) - 4.0), {"activation": "relu", "need_x": True}),
        (((4, 5), (4, 3), (3, 5), (4, 5)), {"activation": "linear", "need_x": False}),
    ],
)


def dense(x: Tensor, kernel: Tensor, bias: Tensor, activation: str = "linear") -> Tensor:
    """activation(x @ kernel + bias) for 2-D ``x`` as one fused, recorded op (no arg checks)."""
    return bind3(DENSE, x, kernel, bias, _ACT_PARAMS.get(activation) or {"activation": activation})


__all__: list[str] = []
