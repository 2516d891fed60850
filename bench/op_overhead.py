"""Per-op overhead of tapeflow against raw NumPy doing the same work.

Run: python bench/op_overhead.py
Prints microseconds per call (median of several repeats) for:
  1. one elementwise op (add) on a 2x2 tensor, no tape
  2. the same op recorded under a tape (x watched)
  3. y = reduce_sum(tanh(x * x)) recorded, plus its gradient
  4. matmul 64x784 @ 784x64
each beside the raw NumPy time of the same work.
"""

from __future__ import annotations

import statistics
import timeit

import numpy as np

import tapeflow as tf


def per_call_us(fn, number: int, repeat: int = 7) -> float:
    times = timeit.repeat(fn, number=number, repeat=repeat)
    return statistics.median(times) / number * 1e6


def main() -> None:
    rng = np.random.default_rng(0)
    a = rng.standard_normal((2, 2)).astype(np.float32)
    b = rng.standard_normal((2, 2)).astype(np.float32)
    ta, tb = tf.constant(a), tf.constant(b)
    rows = []

    rows.append(("add 2x2, no tape", per_call_us(lambda: ta + tb, 200_000), per_call_us(lambda: a + b, 200_000)))

    tape = tf.GradientTape(persistent=True)
    with tape:
        tape.watch(ta)

        def rec():
            tape._records.clear()  # keep the tape from growing across repeats
            return ta + tb

        t_rec = per_call_us(rec, 100_000)
    rows.append(("add 2x2, recorded", t_rec, per_call_us(lambda: a + b, 200_000)))

    def chain():
        with tf.GradientTape() as t:
            t.watch(ta)
            y = tf.reduce_sum(tf.tanh(ta * ta))
        return t.gradient(y, ta)

    def chain_np():
        sq = a * a
        th = np.tanh(sq)
        y = th.sum()
        g = np.ones_like(th) * (1 - th * th)
        return y, g * 2 * a

    rows.append(("reduce_sum(tanh(x*x)) + gradient", per_call_us(chain, 20_000), per_call_us(chain_np, 100_000)))

    x = rng.standard_normal((64, 784)).astype(np.float32)
    w = rng.standard_normal((784, 64)).astype(np.float32)
    tx, tw = tf.constant(x), tf.constant(w)
    rows.append(("matmul 64x784 @ 784x64", per_call_us(lambda: tf.matmul(tx, tw), 2_000), per_call_us(lambda: x @ w, 2_000)))

    print(f"{'case':38s} {'tapeflow us':>12s} {'numpy us':>10s} {'overhead us':>12s}")
    for name, t, n in rows:
        print(f"{name:38s} {t:12.2f} {n:10.2f} {t - n:12.2f}")


if __name__ == "__main__":
    main()
