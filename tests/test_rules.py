"""One parametrized gradient check over every entry of the rule table, order 1 and 2."""

from __future__ import annotations

import zlib

import numpy as np
import pytest
from gradcheck import check_grads

import tapeflow as tf
from tapeflow.primitives import RULES, bind, has_gradient
from tapeflow.tensor import Tensor

# the lazily loaded namespaces register their primitives when imported: load them all
for _ns in tf._LAZY:
    getattr(tf, _ns)

# Rules checked by their own tests (cast changes dtype; custom rules are made at run time).
CHECKED_ELSEWHERE = {"cast"}
# real <-> complex rules (the checker feeds real arrays): checked in tests/test_math_ops2.py
CHECKED_ELSEWHERE |= {"complex", "real", "imag", "conj", "angle"}
# complex FFTs and the implicitly differentiated random samplers: tests/test_signal.py, tests/test_random_ops2.py
CHECKED_ELSEWHERE |= {"fft", "ifft", "rfft", "irfft", "random_gamma", "parameterized_truncated_normal"}


def _sample(rng: np.random.Generator, shape: tuple, kind: str | None) -> np.ndarray:
    if kind is None:
        return rng.standard_normal(shape)
    if kind == "pos":
        return rng.uniform(0.5, 2.0, shape)
    if kind == "unit":  # inside (-1, 1)
        return rng.uniform(-0.9, 0.9, shape)
    if kind == "away0":  # away from kinks at 0
        return rng.uniform(0.3, 1.5, shape) * rng.choice([-1.0, 1.0], shape)
    if kind == "distinct":  # well-separated values (max/min/sort have no ties)
        return rng.permutation(np.arange(int(np.prod(shape))) * 0.37 - 1.0).reshape(shape)
    raise ValueError(kind)


def _cases():
    for name, prim in sorted(RULES.items()):
        if not has_gradient(prim) or name in CHECKED_ELSEWHERE or name.startswith("custom_"):
            continue
        for i in range(len(prim.examples)):
            yield pytest.param(name, i, id=f"{name}-{i}")


def test_every_differentiable_rule_has_examples():
    missing = [n for n, p in RULES.items()
               if has_gradient(p) and not p.examples and n not in CHECKED_ELSEWHERE and not n.startswith("custom_")]
    assert not missing, f"rules without gradient-check examples: {missing}"


@pytest.mark.parametrize("name,i", list(_cases()))
def test_rule_gradients(name: str, i: int) -> None:
    prim = RULES[name]
    ex = prim.examples[i]
    shapes, params = ex[0], ex[1]
    sampler = ex[2] if len(ex) > 2 else None
    rng = np.random.default_rng(zlib.crc32(f"{name}-{i}".encode()))  # the same inputs in every process
    args = []
    for s in shapes:
        if isinstance(s, np.ndarray):  # a fixed non-differentiable argument (indices)
            args.append(s)
        else:
            args.append(sampler(rng, s) if callable(sampler) else _sample(rng, s, sampler))
    wrt = [k for k, a in enumerate(args) if np.asarray(a).dtype.kind == "f"]

    def f(*xs: Tensor):
        full = list(xs)
        return bind(prim, tuple(tf.convert_to_tensor(x) for x in full), dict(params) or None)

    check_grads(f, args, order=2, wrt=wrt if len(wrt) != len(args) else None)
