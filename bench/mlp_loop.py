"""The seed's training step timed: tapeflow's GradientTape loop on the seed MLP.

Run: python bench/mlp_loop.py
Configs: 784-64-64-10 at batch 64 (the seed) and 784-1024-1024-10 at batch 256. One step is:
forward under a tape, SparseCategoricalCrossentropy on the softmax output, tape.gradient, and
SGD apply_gradients (the seed's train_acc_metric update is timed separately). Steps of
tapeflow, the hand-written NumPy floor (bench/mlp_numpy.py) and, when installed, PyTorch eager
are interleaved so that machine noise hits all of them alike; medians in ms per step and the
ratios are printed. PyTorch is optional (`pip install torch==2.13.0`), never a dependency.
"""

from __future__ import annotations

import os
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))

from mlp_numpy import NumpyMLP  # noqa: E402

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


def tapeflow_step(sizes: list[int], with_metric: bool):
    model = build(sizes)
    optimizer = keras.optimizers.SGD(learning_rate=1e-3)
    loss_fn = keras.losses.SparseCategoricalCrossentropy()
    metric = keras.metrics.SparseCategoricalAccuracy()

    def step(xb, yb):
        with tf.GradientTape() as tape:
            logits = model(xb)
            loss_value = loss_fn(yb, logits)
        grads = tape.gradient(loss_value, model.trainable_weights)
        optimizer.apply_gradients(zip(grads, model.trainable_weights))
        if with_metric:
            metric(yb, logits)

    return step


def torch_step(sizes: list[int]):
    try:
        import torch
    except ImportError:
        return None
    mods = []
    for k, (i, o) in enumerate(zip(sizes[:-1], sizes[1:])):
        mods.append(torch.nn.Linear(i, o))
        if k < len(sizes) - 2:
            mods.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*mods)
    opt = torch.optim.SGD(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()

    def step(xb, yb):
        opt.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()

    return step


def run(sizes: list[int], batch: int, steps: int) -> None:
    rng = np.random.default_rng(1)
    xs = rng.random((batch * 8, sizes[0]), dtype=np.float32)
    ys = rng.integers(0, sizes[-1], batch * 8)
    np_batches = [(xs[j:j + batch], ys[j:j + batch]) for j in range(0, batch * 8, batch)]
    tf_batches = [(tf.constant(x), tf.constant(y.astype(np.float32))) for x, y in np_batches]
    contenders = {
        "numpy": (NumpyMLP(sizes, batch).step, np_batches),
        "tapeflow": (tapeflow_step(sizes, False), tf_batches),
        "tapeflow+metric": (tapeflow_step(sizes, True), tf_batches),
    }
    times: dict = {k: [] for k in contenders}
    for i in range(steps):
        for name, (fn, batches) in contenders.items():
            xb, yb = batches[i % 8]
            t0 = time.perf_counter()
            fn(xb, yb)
            times[name].append(time.perf_counter() - t0)
    # PyTorch last and on its own: its OpenMP workers spin after each op and would steal the
    # cores from OpenBLAS if interleaved.
    ts = torch_step(sizes)
    if ts is not None:
        import torch

        tb = [(torch.from_numpy(x), torch.from_numpy(y)) for x, y in np_batches]
        times["pytorch"] = []
        for i in range(steps):
            t0 = time.perf_counter()
            ts(*tb[i % 8])
            times["pytorch"].append(time.perf_counter() - t0)
    med = {k: statistics.median(v[steps // 10:]) * 1e3 for k, v in times.items()}
    line = f"{'-'.join(map(str, sizes))} batch {batch}: " + " | ".join(f"{k} {v:.3f} ms" for k, v in med.items())
    print(line)
    ratios = f"  tapeflow / numpy = {med['tapeflow'] / med['numpy']:.2f}x"
    if "pytorch" in med:
        ratios += f", tapeflow / pytorch = {med['tapeflow'] / med['pytorch']:.2f}x"
    print(ratios)


def main() -> None:
    # the wide config first: PyTorch's spinning workers slow whatever runs right after them
    run([784, 1024, 1024, 10], 256, 60)
    run([784, 64, 64, 10], 64, 2000)


if __name__ == "__main__":
    main()
