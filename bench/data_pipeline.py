"""Seconds per epoch of the seed's input pipeline:

    from_tensor_slices((x_train (50000, 784) float32, y_train (50000,) float32))
        .shuffle(buffer_size=1024).batch(64)

Run: ``python bench/data_pipeline.py [--epochs N]``. Random data of MNIST's shapes is used, so
no download is needed. Also times ``map``+``prefetch`` and the raw NumPy gather for reference.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

import tapeflow as tf


def epoch_seconds(ds, epochs: int) -> float:
    best = float("inf")
    for _ in range(epochs):
        t = time.perf_counter()
        n = 0
        for xb, _yb in ds:
            n += xb.shape[0]
        best = min(best, time.perf_counter() - t)
        assert n == 50000, n
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=5)
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    x = rng.random((50000, 784), dtype=np.float32)
    y = rng.integers(0, 10, 50000).astype(np.float32)

    ds = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(buffer_size=1024).batch(64)
    t_seed = epoch_seconds(ds, args.epochs)

    idx = rng.permutation(50000)
    t = time.perf_counter()
    for s in range(0, 50000, 64):
        b = idx[s:s + 64]
        np.take(x, b, axis=0)
        np.take(y, b, axis=0)
    t_numpy = time.perf_counter() - t

    ds_pf = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(1024).batch(64).prefetch(tf.data.AUTOTUNE)
    t_pf = epoch_seconds(ds_pf, args.epochs)

    print(f"seed pipeline shuffle(1024).batch(64): {t_seed * 1e3:.1f} ms/epoch (best of {args.epochs})")
    print(f"  + prefetch(AUTOTUNE):                {t_pf * 1e3:.1f} ms/epoch")
    print(f"  raw NumPy gather of the same batches: {t_numpy * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
