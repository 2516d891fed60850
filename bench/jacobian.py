"""Jacobian of f: R^n -> R^n versus ONE gradient call of sum(f(x)), n = 1000.

Run: python bench/jacobian.py [n]
f(x) = tanh(W @ x + x * x) (a matmul plus elementwise ops), float32. Timed:
  1. forward + tape.gradient(sum(f(x)), x)          (one reverse pass)
  2. forward + tape.jacobian(f(x), x)               (one batched reverse pass of n one-hot rows)
  3. the same jacobian with experimental_use_pfor=False (n separate reverse passes), once
  4. the analytic jacobian diag(1 - y^2) (W + 2 diag(x)) in raw NumPy, for reference
The jacobian is checked against the analytic one. The target is (2) under 10x (1). Timings are
the best of 7 interleaved rounds (the loop path: one run).
"""

from __future__ import annotations

import sys
import time

import numpy as np

import tapeflow as tf


def best(fn, repeat: int = 5, number: int = 1) -> float:
    fn()  # warm up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - t0) / number)
    return min(times)


def main(n: int = 1000) -> None:
    rng = np.random.default_rng(0)
    W = tf.constant((rng.standard_normal((n, n)) / np.sqrt(n)).astype(np.float32))
    x = tf.constant(rng.standard_normal(n).astype(np.float32))

    def f(x):
        return tf.tanh(tf.reshape(tf.matmul(W, tf.reshape(x, [n, 1])), [n]) + x * x)

    def one_gradient():
        with tf.GradientTape() as t:
            t.watch(x)
            y = tf.reduce_sum(f(x))
        return t.gradient(y, x)

    def jacobian(use_pfor: bool = True):
        with tf.GradientTape(persistent=not use_pfor) as t:
            t.watch(x)
            y = f(x)
        return t.jacobian(y, x, experimental_use_pfor=use_pfor)

    xv, Wv = x.numpy(), W.numpy()

    def analytic():
        yv = np.tanh(Wv @ xv + xv * xv)
        return (1 - yv * yv)[:, None] * (Wv + np.diag(2 * xv))

    J = jacobian().numpy()
    np.testing.assert_allclose(J, analytic(), rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(one_gradient().numpy(), J.sum(0), rtol=1e-4, atol=1e-4)

    # interleaved rounds, best of each: the machine may be shared, and load comes and goes
    tg = tj = ta = float("inf")
    for _ in range(7):
        tg = min(tg, best(one_gradient, repeat=1, number=20))
        tj = min(tj, best(jacobian, repeat=1))
        ta = min(ta, best(analytic, repeat=1))
    t0 = time.perf_counter()
    jacobian(False)
    tl = time.perf_counter() - t0
    print(f"n = {n}, float32")
    print(f"one gradient call (forward + backward):  {tg * 1e3:9.3f} ms")
    print(f"jacobian, batched one-hot pass:          {tj * 1e3:9.3f} ms   ratio {tj / tg:7.1f}x one gradient")
    print(f"jacobian, loop of {n} reverse passes:   {tl * 1e3:9.3f} ms   ratio {tl / tg:7.1f}x")
    print(f"analytic jacobian in raw NumPy:          {ta * 1e3:9.3f} ms   ratio {ta / tg:7.1f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
