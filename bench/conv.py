"""conv2d / pooling forward and backward on an MNIST-like batch, in ms per call.

Run: python bench/conv.py
Layers timed (float32, NHWC, VALID, stride 1):
  1. conv1: (64, 28, 28, 1) * (3, 3, 1, 32) -> (64, 26, 26, 32)
  2. conv2: (64, 26, 26, 32) * (3, 3, 32, 64) -> (64, 24, 24, 64)
  3. max_pool2d 2x2/2 and avg_pool2d 2x2/2 on (64, 24, 24, 64)
For each: forward with no tape, forward recorded, and the backward pass alone (tape.gradient on
a persistent tape recorded once); best of 5 runs (the machine may be shared);
conv1's backward computes only the filter gradient (its input is not watched), conv2's both.
A raw NumPy im2col + matmul forward of the same size is printed beside conv for reference.
"""

from __future__ import annotations

import time

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

import tapeflow as tf


def ms(fn, number: int = 5, repeat: int = 5) -> float:
    fn()  # warm up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - t0) / number)
    return min(times) * 1e3  # the least disturbed run


def numpy_conv(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    kh, kw, c, o = w.shape
    win = sliding_window_view(x, (kh, kw), axis=(1, 2))  # (N, Ho, Wo, C, kh, kw)
    cols = win.transpose(0, 1, 2, 4, 5, 3).reshape(-1, kh * kw * c)
    return (cols @ w.reshape(-1, o)).reshape(x.shape[0], win.shape[1], win.shape[2], o)


def bench_conv(label: str, x: np.ndarray, w: np.ndarray, watch_x: bool) -> None:
    xt, wv = tf.constant(x), tf.Variable(w)
    fwd = ms(lambda: tf.nn.conv2d(xt, wv, 1, "VALID"))
    raw = ms(lambda: numpy_conv(x, w))

    def recorded():
        with tf.GradientTape() as t:
            if watch_x:
                t.watch(xt)
            loss = tf.reduce_sum(tf.nn.conv2d(xt, wv, 1, "VALID"))
        return t, loss

    rec = ms(recorded)
    srcs = [xt, wv] if watch_x else [wv]
    bwd = ms(_backward(xt if watch_x else None, lambda: tf.reduce_sum(tf.nn.conv2d(xt, wv, 1, "VALID")), srcs))
    print(f"{label:<44} fwd {fwd:7.2f}  (numpy {raw:6.2f})  fwd+rec {rec:7.2f}  bwd {bwd:7.2f} ms")


def _backward(watch, loss_fn, srcs):
    """A function running only the backward pass of a loss recorded once on a persistent tape."""
    t = tf.GradientTape(persistent=True)
    with t:
        if watch is not None:
            t.watch(watch)
        loss = loss_fn()
    return lambda: t.gradient(loss, srcs)


def bench_pool(label: str, fn, x: np.ndarray) -> None:
    xt = tf.constant(x)
    fwd = ms(lambda: fn(xt, 2, 2, "VALID"))

    def recorded():
        with tf.GradientTape() as t:
            t.watch(xt)
            loss = tf.reduce_sum(fn(xt, 2, 2, "VALID"))
        return t, loss

    rec = ms(recorded)
    bwd = ms(_backward(xt, lambda: tf.reduce_sum(fn(xt, 2, 2, "VALID")), [xt]))
    print(f"{label:<44} fwd {fwd:7.2f}                  fwd+rec {rec:7.2f}  bwd {bwd:7.2f} ms")


def main() -> None:
    rng = np.random.default_rng(0)
    x1 = rng.standard_normal((64, 28, 28, 1)).astype(np.float32)
    w1 = rng.standard_normal((3, 3, 1, 32)).astype(np.float32) * 0.1
    x2 = rng.standard_normal((64, 26, 26, 32)).astype(np.float32)
    w2 = rng.standard_normal((3, 3, 32, 64)).astype(np.float32) * 0.1
    x3 = rng.standard_normal((64, 24, 24, 64)).astype(np.float32)
    bench_conv("conv1 (64,28,28,1)*(3,3,1,32), dW only", x1, w1, watch_x=False)
    bench_conv("conv2 (64,26,26,32)*(3,3,32,64), dX and dW", x2, w2, watch_x=True)
    bench_pool("max_pool2d 2x2/2 (64,24,24,64)", tf.nn.max_pool2d, x3)
    bench_pool("avg_pool2d 2x2/2 (64,24,24,64)", tf.nn.avg_pool2d, x3)


if __name__ == "__main__":
    main()
