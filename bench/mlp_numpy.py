"""The practical floor: a hand-written NumPy MLP training step (forward, backward, SGD update)
with preallocated buffers, on the same data and shapes as the seed loop.

Run: python bench/mlp_numpy.py
Prints the median ms per step for 784-64-64-10 at batch 64 (the seed) and 784-1024-1024-10 at
batch 256.
"""

from __future__ import annotations

import statistics
import time

import numpy as np


class NumpyMLP:
    """relu-relu-softmax MLP with sparse cross-entropy, SGD, all buffers preallocated."""

    def __init__(self, sizes: list[int], batch: int, lr: float = 1e-3, seed: int = 0) -> None:
        rng = np.random.default_rng(seed)
        self.lr = np.float32(lr)
        self.W, self.b = [], []
        for i, o in zip(sizes[:-1], sizes[1:]):
            lim = np.sqrt(6 / (i + o))
            self.W.append(rng.uniform(-lim, lim, (i, o)).astype(np.float32))
            self.b.append(np.zeros(o, np.float32))
        self.h = [np.empty((batch, o), np.float32) for o in sizes[1:]]
        self.gW = [np.empty_like(w) for w in self.W]
        self.gh = [np.empty((batch, o), np.float32) for o in sizes[1:]]

    def step(self, x: np.ndarray, y: np.ndarray) -> float:
        n = len(self.W)
        a = x
        for k in range(n):
            np.matmul(a, self.W[k], out=self.h[k])
            self.h[k] += self.b[k]
            if k < n - 1:
                np.maximum(self.h[k], 0, out=self.h[k])
            a = self.h[k]
        logits = self.h[-1]
        z = logits - logits.max(axis=1, keepdims=True)
        e = np.exp(z)
        s = e.sum(axis=1, keepdims=True)
        rows = np.arange(len(y))
        loss = float(np.mean(np.log(s[:, 0]) - z[rows, y]))
        g = self.gh[-1]
        np.divide(e, s, out=g)
        g[rows, y] -= 1
        g /= len(y)
        for k in range(n - 1, -1, -1):
            inp = x if k == 0 else self.h[k - 1]
            np.matmul(inp.T, g, out=self.gW[k])
            gb = g.sum(axis=0)
            if k > 0:
                gprev = self.gh[k - 1]
                np.matmul(g, self.W[k].T, out=gprev)
                gprev *= self.h[k - 1] > 0
            self.W[k] -= self.lr * self.gW[k]
            self.b[k] -= self.lr * gb
            if k > 0:
                g = gprev
        return loss


def bench(sizes: list[int], batch: int, steps: int = 300) -> float:
    rng = np.random.default_rng(1)
    x = rng.random((batch * 8, 784), dtype=np.float32)
    y = rng.integers(0, 10, batch * 8)
    m = NumpyMLP(sizes, batch)
    times = []
    for i in range(steps):
        j = (i % 8) * batch
        t0 = time.perf_counter()
        m.step(x[j:j + batch], y[j:j + batch])
        times.append(time.perf_counter() - t0)
    return statistics.median(times[20:]) * 1e3


def main() -> None:
    print(f"numpy 784-64-64-10 batch 64:      {bench([784, 64, 64, 10], 64):.3f} ms/step")
    print(f"numpy 784-1024-1024-10 batch 256: {bench([784, 1024, 1024, 10], 256, 60):.3f} ms/step")


if __name__ == "__main__":
    main()
