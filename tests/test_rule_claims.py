"""The rule table's claims, checked across every example (the architecture issue): a rule marked
``batchable`` gives, for a batch of cotangents, what a loop over them gives; a rule marked
``elementwise`` keeps a diagonal batch of cotangents diagonal correctly; and forward mode (JVPs)
agrees with the Jacobian built by reverse mode. Each comparison is between two of tapeflow's own
paths, in float64:

- ``jacobian(..., experimental_use_pfor=False)``: one plain backward pass per target element;
- ``jacobian`` with the diagonal walk off: one backward pass over a batch of one-hot cotangents
  (every rule's batched VJP);
- ``jacobian`` (the default): the diagonal walk, which trusts ``elementwise``;
- ``ForwardAccumulator``: J @ tangent.
"""

from __future__ import annotations

import zlib

import numpy as np
import pytest
from test_rules import _cases, _sample

import tapeflow as tf
import tapeflow.tape as tape_mod
from tapeflow.primitives import RULES, bind

for _ns in tf._LAZY:  # register every lazily loaded namespace's primitives
    getattr(tf, _ns)


def _example(name: str, i: int) -> tuple:
    prim = RULES[name]
    ex = prim.examples[i]
    shapes, params = ex[0], ex[1]
    sampler = ex[2] if len(ex) > 2 else None
    rng = np.random.default_rng(zlib.crc32(f"claims-{name}-{i}".encode()))
    args = []
    for s in shapes:
        if isinstance(s, np.ndarray):
            args.append(s)
        else:
            args.append(sampler(rng, s) if callable(sampler) else _sample(rng, s, sampler))
    args = [np.asarray(a, np.float64) if np.asarray(a).dtype.kind == "f" else np.asarray(a) for a in args]
    wrt = [k for k, a in enumerate(args) if a.dtype.kind == "f"]
    return prim, args, wrt, dict(params) or None


def _outputs(prim, ts: list, params) -> list:
    out = bind(prim, tuple(ts), params)
    outs = list(out) if isinstance(out, tuple) else [out]
    return [o for o in outs if o.dtype.is_floating]


def _jacobians(prim, args, wrt, params, mode: str, monkeypatch) -> list:
    ts = [tf.constant(a) for a in args]
    with tf.GradientTape(persistent=True) as tape:
        for k in wrt:
            tape.watch(ts[k])
        outs = _outputs(prim, ts, params)
    srcs = [ts[k] for k in wrt]
    if mode == "loop":
        return [tape.jacobian(o, srcs, experimental_use_pfor=False) for o in outs]
    monkeypatch.setattr(tape_mod, "_DIAG_JACOBIAN", mode == "diagonal")
    return [tape.jacobian(o, srcs) for o in outs]


def _same(a, b, what: str) -> None:
    assert (a is None) == (b is None), what
    if a is not None:
        np.testing.assert_allclose(np.asarray(a), np.asarray(b), rtol=1e-7, atol=1e-9, err_msg=what)


@pytest.mark.parametrize("name,i", list(_cases()))
def test_batched_and_diagonal_walks_equal_the_loop(name: str, i: int, monkeypatch) -> None:
    prim, args, wrt, params = _example(name, i)
    loop = _jacobians(prim, args, wrt, params, "loop", monkeypatch)
    batched = _jacobians(prim, args, wrt, params, "batched", monkeypatch)
    diagonal = _jacobians(prim, args, wrt, params, "diagonal", monkeypatch)
    for o, (jl, jb, jd) in enumerate(zip(loop, batched, diagonal)):
        for k, (a, b, c) in enumerate(zip(jl, jb, jd)):
            _same(b, a, f"{name} example {i}, output {o}, input {wrt[k]}: batched VJP (batchable="
                        f"{prim.batchable}) differs from the loop")
            _same(c, a, f"{name} example {i}, output {o}, input {wrt[k]}: diagonal walk (elementwise="
                        f"{prim.elementwise}) differs from the loop")


@pytest.mark.parametrize("name,i", list(_cases()))
def test_forward_mode_matches_the_jacobian(name: str, i: int, monkeypatch) -> None:
    prim, args, wrt, params = _example(name, i)
    loop = _jacobians(prim, args, wrt, params, "loop", monkeypatch)
    rng = np.random.default_rng(zlib.crc32(f"tangent-{name}-{i}".encode()))
    ts = [tf.constant(a) for a in args]
    primals = [ts[k] for k in wrt]
    tangents = [tf.constant(rng.standard_normal(args[k].shape)) for k in wrt]
    with tf.autodiff.ForwardAccumulator(primals, tangents) as acc:
        outs = _outputs(prim, ts, params)
    for o, (out, jac) in enumerate(zip(outs, loop)):
        expect = np.zeros(out.shape)
        for j, t in zip(jac, tangents):
            if j is not None:
                nt = t.numpy().ndim
                expect = expect + np.tensordot(j.numpy(), t.numpy(), axes=nt) if nt else expect + j.numpy() * t.numpy()
        got = acc.jvp(out)
        got = np.zeros(out.shape) if got is None else got.numpy()
        np.testing.assert_allclose(got, expect, rtol=1e-6, atol=1e-8,
                                   err_msg=f"{name} example {i}, output {o}: JVP differs from J @ tangent")


def test_every_case_is_collected():
    assert len(list(_cases())) > 300
