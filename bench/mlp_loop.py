"""The seed's training step timed: tapeflow's GradientTape loop on the seed MLP.

Run: python bench/mlp_loop.py
Configs: 784-64-64-10 at batch 64 (the seed) and 784-1024-1024-10 at batch 256. Prints the
median ms per step (forward under a tape, loss, gradient, SGD apply_gradients; "with metric"
adds the seed's train_acc_metric update), beside bench/mlp_numpy.py's hand-written NumPy floor
measured in the same run, and the ratio.
"""

from __future__ import annotations

import os
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))

from mlp_numpy import bench as numpy_bench  # noqa: E402

import tapeflow as tf  # noqa: E402
from tapeflow import keras  # noqa: E402
from tapeflow.keras import layers  # noqa: E402


def build(sizes: list[int]) -> keras.Model:
    inputs = keras.Input(shape=(sizes[0],), name="digits")
    x = inputs
    for k, units in enumerate(sizes[1:-1]):
        x = layers.Dense(units, activation="relu", name=f"dense_{k + 1}")(x)
    outputs = layers.Dense(sizes[-1], activation="softmax", name="predictions")(x)
    return keras.Model(inputs=inputs, outputs=outputs)


def bench(sizes: list[int], batch: int, steps: int, with_metric: bool) -> float:
    rng = np.random.default_rng(1)
    xs = rng.random((batch * 8, sizes[0]), dtype=np.float32)
    ys = rng.integers(0, 10, batch * 8).astype(np.float32)
    batches = [(tf.constant(xs[j:j + batch]), tf.constant(ys[j:j + batch])) for j in range(0, batch * 8, batch)]
    model = build(sizes)
    optimizer = keras.optimizers.SGD(learning_rate=1e-3)
    loss_fn = keras.losses.SparseCategoricalCrossentropy()
    metric = keras.metrics.SparseCategoricalAccuracy()
    times = []
    for i in range(steps):
        xb, yb = batches[i % 8]
        t0 = time.perf_counter()
        with tf.GradientTape() as tape:
            logits = model(xb)
            loss_value = loss_fn(yb, logits)
        grads = tape.gradient(loss_value, model.trainable_weights)
        optimizer.apply_gradients(zip(grads, model.trainable_weights))
        if with_metric:
            metric(yb, logits)
        times.append(time.perf_counter() - t0)
    return statistics.median(times[20:]) * 1e3


def main() -> None:
    for sizes, batch, steps in [([784, 64, 64, 10], 64, 1000), ([784, 1024, 1024, 10], 256, 60)]:
        name = "-".join(map(str, sizes)) + f" batch {batch}"
        np_ms = numpy_bench(sizes, batch, steps)
        tf_ms = bench(sizes, batch, steps, with_metric=False)
        tf_m_ms = bench(sizes, batch, steps, with_metric=True)
        print(f"{name}: numpy {np_ms:.3f} ms/step | tapeflow {tf_ms:.3f} ms/step ({tf_ms / np_ms:.2f}x numpy) | "
              f"with metric {tf_m_ms:.3f} ms/step ({tf_m_ms / np_ms:.2f}x)")


if __name__ == "__main__":
    main()
