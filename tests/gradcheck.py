"""Numerical gradient checks: central differences in float64, order 1 and 2, random directions.

``check_grads(f, args)`` compares the tape's directional derivative of ``f`` at ``args`` with a
central difference, then does the same for the directional derivative itself (order 2), using a
nested tape. ``f`` takes and returns Tensors; a non-scalar output is reduced with a random
weighting so every output element is checked.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

import tapeflow as tf

EPS = 1e-6
RTOL = 1e-5
ATOL = 1e-6


def _scalarise(f: Callable, args_np: Sequence[np.ndarray], rng: np.random.Generator) -> Callable:
    """Turn ``f`` into a scalar function via a fixed random weighting of its outputs."""
    outs = f(*[tf.constant(a) for a in args_np])
    outs = outs if isinstance(outs, (list, tuple)) else [outs]
    weights = [rng.standard_normal(np.shape(o)) for o in outs]

    def scalar_f(*xs: tf.Tensor) -> tf.Tensor:
        ys = f(*xs)
        ys = ys if isinstance(ys, (list, tuple)) else [ys]
        total = None
        for y, w in zip(ys, weights):
            term = tf.reduce_sum(y * tf.constant(w))
            total = term if total is None else total + term
        return total

    return scalar_f


def _numeric_dir(f: Callable, args_np: list, direction: list, eps: float = EPS) -> float:
    plus = [tf.constant(a + eps * d) for a, d in zip(args_np, direction)]
    minus = [tf.constant(a - eps * d) for a, d in zip(args_np, direction)]
    return (float(f(*plus)) - float(f(*minus))) / (2 * eps)


def _tape_dir(f: Callable, args: list, direction: list) -> tf.Tensor:
    """Directional derivative <grad f(args), direction> computed by the tape (differentiable)."""
    with tf.GradientTape() as t:
        t.watch(args)
        y = f(*args)
    gs = t.gradient(y, args)
    total = tf.constant(0.0, dtype=tf.float64)
    for g, d in zip(gs, direction):
        if isinstance(g, tf.IndexedSlices):  # a gather's gradient (as TF): densify
            g = tf.convert_to_tensor(g)
        if g is not None:
            total = total + tf.reduce_sum(g * tf.constant(d))
    return total


def check_grads(f: Callable, args_np: Sequence[np.ndarray], order: int = 2, seed: int = 0,
                rtol: float = RTOL, atol: float = ATOL, wrt: Sequence[int] | None = None) -> None:
    """Assert the tape's derivatives of ``f`` match central differences up to ``order``."""
    rng = np.random.default_rng(seed)
    # float arguments are checked in float64; integer arrays (indices) pass through unchanged
    args_np = [np.asarray(a, np.float64) if np.asarray(a).dtype.kind == "f" else np.asarray(a) for a in args_np]
    idx = list(range(len(args_np))) if wrt is None else list(wrt)
    sf = _scalarise(f, args_np, rng)

    def restricted(*xs_sub: tf.Tensor) -> tf.Tensor:
        full = [tf.constant(a) for a in args_np]
        for i, x in zip(idx, xs_sub):
            full[i] = x
        return sf(*full)

    base = [args_np[i] for i in idx]
    d1 = [rng.standard_normal(a.shape) for a in base]
    analytic = float(_tape_dir(restricted, [tf.constant(a) for a in base], d1))
    numeric = _numeric_dir(restricted, base, d1)
    assert np.isclose(analytic, numeric, rtol=rtol, atol=atol), (
        f"order-1 mismatch: tape {analytic!r} vs numeric {numeric!r}"
    )
    if order >= 2:
        d2 = [rng.standard_normal(a.shape) for a in base]

        def first(*xs: tf.Tensor) -> tf.Tensor:
            return _tape_dir(restricted, list(xs), d1)

        analytic2 = float(_tape_dir(first, [tf.constant(a) for a in base], d2))
        numeric2 = _numeric_dir(first, base, d2, eps=1e-5)
        assert np.isclose(analytic2, numeric2, rtol=1e-4, atol=1e-5), (
            f"order-2 mismatch: tape {analytic2!r} vs numeric {numeric2!r}"
        )


def tape_grad_arrays(f: Callable, *xs: np.ndarray) -> list:
    """The tape's gradients of ``f`` at the constants ``xs``, as NumPy arrays (an IndexedSlices
    densified; None where the gradient is None)."""
    ts = [tf.constant(x) for x in xs]
    with tf.GradientTape() as t:
        t.watch(ts)
        y = f(*ts)
    return [None if g is None else tf.convert_to_tensor(g).numpy() for g in t.gradient(y, ts)]


def tape_grads(f: Callable, *xs: np.ndarray) -> list:
    """``tape_grad_arrays`` as nested lists (to compare with values printed by TF)."""
    return [None if g is None else g.tolist() for g in tape_grad_arrays(f, *xs)]


def check_batched_jacobian(f: Callable, x: np.ndarray, rtol: float = 1e-12, atol: float = 0.0) -> None:
    """Assert the jacobian of ``f`` at ``x`` from the rules' batched VJPs (one pass, leading cotangent
    axes) agrees with one pass per output element, and is not all zero."""
    xt = tf.constant(x)
    with tf.GradientTape(persistent=True) as t:
        t.watch(xt)
        y = f(xt)
    fast = t.jacobian(y, xt).numpy()
    slow = t.jacobian(y, xt, experimental_use_pfor=False).numpy()
    np.testing.assert_allclose(fast, slow, rtol=rtol, atol=atol)
    assert np.abs(fast).sum() > 0
