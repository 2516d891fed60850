"""How closely tapeflow follows real TensorFlow on the seed's MNIST custom training loop.

Run (TensorFlow is optional and never a dependency of tapeflow; install it in a private venv):
    python3 -m venv /tmp/tfenv && /tmp/tfenv/bin/pip install tensorflow-cpu
    /tmp/tfenv/bin/python bench/compare_tf.py [--runs 3] [--epochs 3] [--skip-seed-runs]

Reads MNIST from ``../shared/data/mnist.npz`` beside the checkout and preprocesses it like the seed
(reshape to 784, /255 float32, float32 labels, last 10000 training images as validation). Then:

1. Lockstep: builds the seed model (784-64-64-10, relu, relu, softmax; SGD(1e-3);
   SparseCategoricalCrossentropy()) in TF/Keras and in tapeflow, copies TF's initial weights into
   tapeflow with ``set_weights``, and trains one epoch on the same batch order (no shuffle, batch
   64) with the seed's GradientTape loop in both. Prints step-0 diagnostics (loss, forward output,
   gradients, and float64 references of the from-logits and clipped-probability loss paths), the
   max / median relative difference of the per-step loss curve, the max difference of each
   final weight array relative to that array's max abs value, and both validation accuracies.
   A saturated-softmax probe then shows which loss path (logits or clipped probabilities) each uses.
2. Seed runs: the seed program as written (shuffle(1024), random init, 3 epochs) in each
   framework with a few seeds; prints final validation accuracy and wall seconds per epoch.
   Timings are only indicative on a small shared machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared/data/mnist.npz"
sys.path.insert(0, str(REPO))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import tapeflow as tpf  # noqa: E402

Arrays = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def load_mnist(path: Path = DATA) -> Arrays:
    """``(x_train, y_train, x_val, y_val)`` preprocessed exactly like the seed."""
    with np.load(path, allow_pickle=False) as f:
        x_train, y_train = f["x_train"], f["y_train"]
    x_train = x_train.reshape(60000, 784).astype("float32") / 255
    y_train = y_train.astype("float32")
    return x_train[:-10000], y_train[:-10000], x_train[-10000:], y_train[-10000:]


def build(fw: ModuleType) -> Any:
    """The seed's functional model, with ``fw`` either ``tensorflow`` or ``tapeflow``."""
    keras = fw.keras
    inputs = keras.Input(shape=(784,), name="digits")
    x = keras.layers.Dense(64, activation="relu", name="dense_1")(inputs)
    x = keras.layers.Dense(64, activation="relu", name="dense_2")(x)
    outputs = keras.layers.Dense(10, activation="softmax", name="predictions")(x)
    return keras.Model(inputs=inputs, outputs=outputs)


def reset(metric: Any) -> None:
    """``reset_states`` (the seed's spelling, gone in Keras 3) or ``reset_state``."""
    fn = getattr(metric, "reset_states", None) or metric.reset_state
    fn()


def train_epoch(fw: ModuleType, model: Any, optimizer: Any, loss_fn: Any, dataset: Any, metric: Any) -> list[float]:
    """One epoch of the seed's hand-written loop; returns the per-step losses."""
    losses = []
    for x_batch, y_batch in dataset:
        with fw.GradientTape() as tape:
            logits = model(x_batch)
            loss_value = loss_fn(y_batch, logits)
        grads = tape.gradient(loss_value, model.trainable_weights)
        optimizer.apply_gradients(zip(grads, model.trainable_weights))
        metric(y_batch, logits)
        losses.append(float(loss_value))
    return losses


def evaluate(fw: ModuleType, model: Any, x_val: np.ndarray, y_val: np.ndarray) -> float:
    """Validation accuracy as the seed computes it (batches of 64, SparseCategoricalAccuracy)."""
    metric = fw.keras.metrics.SparseCategoricalAccuracy()
    for xb, yb in fw.data.Dataset.from_tensor_slices((x_val, y_val)).batch(64):
        metric(yb, model(xb))
    return float(metric.result())


def rel_diff(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Elementwise |a - b| / |a| (a is the reference)."""
    a64, b64 = np.asarray(a, np.float64), np.asarray(b, np.float64)
    return np.abs(a64 - b64) / np.maximum(np.abs(a64), 1e-30)


def scaled_max_diff(a: np.ndarray, b: np.ndarray) -> float:
    """max |a - b| / max |a|."""
    a64, b64 = np.asarray(a, np.float64), np.asarray(b, np.float64)
    return float(np.max(np.abs(a64 - b64)) / max(float(np.max(np.abs(a64))), 1e-30))


def reference_losses(weights: list[np.ndarray], xb: np.ndarray, yb: np.ndarray) -> tuple[float, float]:
    """float64 loss of the seed model on one batch: (from logits, from probabilities clipped to [1e-7, 1-1e-7])."""
    h = np.asarray(xb, np.float64)
    ws = [np.asarray(w, np.float64) for w in weights]
    for k in range(0, len(ws) - 2, 2):
        h = np.maximum(h @ ws[k] + ws[k + 1], 0.0)
    z = h @ ws[-2] + ws[-1]
    z = z - z.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    idx = (np.arange(len(yb)), np.asarray(yb).astype(np.int64))
    from_logits = float(-np.mean(logp[idx]))
    p = np.clip(np.exp(logp), 1e-7, 1 - 1e-7)
    from_probs = float(-np.mean(np.log(p[idx])))
    return from_logits, from_probs


def step0_diagnostics(tf: ModuleType, tf_model: Any, tp_model: Any, xb: np.ndarray, yb: np.ndarray) -> None:
    """Forward output, loss and gradients of both frameworks at the shared initial weights."""
    print("\n== step-0 diagnostics (same weights, first batch) ==")
    losses, grads, outs = [], [], []
    for fw, model in ((tf, tf_model), (tpf, tp_model)):
        loss_fn = fw.keras.losses.SparseCategoricalCrossentropy()
        with fw.GradientTape() as tape:
            out = model(xb)
            loss = loss_fn(yb, out)
        g = tape.gradient(loss, model.trainable_weights)
        losses.append(float(loss))
        outs.append(np.asarray(out))
        grads.append([np.asarray(x) for x in g])
    ref_logits, ref_probs = reference_losses(tf_model.get_weights(), xb, yb)
    print(f"loss  TF {losses[0]:.9f}  tapeflow {losses[1]:.9f}  rel diff {rel_diff(losses[0], losses[1]):.3e}")
    print(f"float64 reference: from logits {ref_logits:.9f}, from clipped probabilities {ref_probs:.9f}")
    print(f"softmax output: max abs diff {np.max(np.abs(outs[0] - outs[1])):.3e}, "
          f"min prob TF {outs[0].min():.3e} tapeflow {outs[1].min():.3e}")
    names = [v.name for v in tp_model.trainable_weights]
    for name, gt, gp in zip(names, grads[0], grads[1]):
        print(f"grad {name:<10} {str(gt.shape):<10} max diff / max abs: {scaled_max_diff(gt, gp):.3e}")


def saturated_check(tf: ModuleType) -> None:
    """Loss and gradient when the softmax saturates: tells the from-logits path (loss 20.0) from the
    probability-clipping path (loss about 8.06 = -log(1e-7) / 2), which the seed run never reaches."""
    print("\n== saturated softmax (logit gap 40, labels [1, 0]) ==")
    for name, fw in (("TF", tf), ("tapeflow", tpf)):
        inputs = fw.keras.Input(shape=(2,))
        model = fw.keras.Model(inputs, fw.keras.layers.Dense(3, activation="softmax")(inputs))
        model.set_weights([np.array([[40, 0, 0], [0, 0, 0]], "float32"), np.zeros(3, "float32")])
        xb, yb = np.array([[1, 0], [1, 0]], "float32"), np.array([1, 0], "float32")
        with fw.GradientTape() as tape:
            loss = fw.keras.losses.SparseCategoricalCrossentropy()(yb, model(xb))
        g = np.asarray(tape.gradient(loss, model.trainable_weights)[0])[0]
        print(f"{name:<9} loss {float(loss):.6f}  d loss / d kernel[0] {np.array2string(g, precision=6)}")


def lockstep(tf: ModuleType, data: Arrays) -> None:
    """Same initial weights, same batch order, one epoch in both; compare loss curves and weights."""
    x_train, y_train, x_val, y_val = data
    tf.keras.utils.set_random_seed(0)
    tf_model = build(tf)
    tp_model = build(tpf)
    init = tf_model.get_weights()
    tp_model.set_weights(init)
    assert all(np.array_equal(a, b) for a, b in zip(init, tp_model.get_weights()))
    step0_diagnostics(tf, tf_model, tp_model, x_train[:64], y_train[:64])

    curves, weights, accs = [], [], []
    for fw, model in ((tf, tf_model), (tpf, tp_model)):
        ds = fw.data.Dataset.from_tensor_slices((x_train, y_train)).batch(64)
        opt = fw.keras.optimizers.SGD(learning_rate=1e-3)
        loss_fn = fw.keras.losses.SparseCategoricalCrossentropy()
        metric = fw.keras.metrics.SparseCategoricalAccuracy()
        curves.append(np.array(train_epoch(fw, model, opt, loss_fn, ds, metric)))
        weights.append(model.get_weights())
        accs.append(evaluate(fw, model, x_val, y_val))

    print("\n== lockstep: 1 epoch, no shuffle, batch 64, TF's initial weights copied into tapeflow ==")
    r = rel_diff(curves[0], curves[1])
    print(f"steps: {len(curves[0])} (TF) / {len(curves[1])} (tapeflow)")
    print(f"loss curve rel diff: max {r.max():.3e} (step {int(r.argmax())}), median {np.median(r):.3e}, "
          f"first 10 steps max {r[:10].max():.3e}, last 100 steps median {np.median(r[-100:]):.3e}")
    print(f"final-step loss: TF {curves[0][-1]:.7f}  tapeflow {curves[1][-1]:.7f}")
    names = [v.name for v in tp_model.weights]
    for name, wt, wp in zip(names, weights[0], weights[1]):
        print(f"final weight {name:<10} {str(wt.shape):<10} max diff / max abs: {scaled_max_diff(wt, wp):.3e}")
    print(f"val accuracy: TF {accs[0]:.4f}  tapeflow {accs[1]:.4f}")


def seed_run(fw: ModuleType, data: Arrays, seed: int, epochs: int) -> tuple[float, list[float]]:
    """The seed program as written (shuffle 1024, random init); returns (final val acc, seconds per epoch)."""
    x_train, y_train, x_val, y_val = data
    if fw is tpf:
        tpf.random.set_seed(seed)
    else:
        fw.keras.utils.set_random_seed(seed)
    model = build(fw)
    optimizer = fw.keras.optimizers.SGD(learning_rate=1e-3)
    loss_fn = fw.keras.losses.SparseCategoricalCrossentropy()
    train_acc = fw.keras.metrics.SparseCategoricalAccuracy()
    ds = fw.data.Dataset.from_tensor_slices((x_train, y_train)).shuffle(buffer_size=1024).batch(64)
    times, acc = [], float("nan")
    for _ in range(epochs):
        t0 = time.perf_counter()
        train_epoch(fw, model, optimizer, loss_fn, ds, train_acc)
        float(train_acc.result())
        reset(train_acc)
        acc = evaluate(fw, model, x_val, y_val)
        times.append(time.perf_counter() - t0)
    return acc, times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="seed runs per framework")
    ap.add_argument("--epochs", type=int, default=3, help="epochs per seed run")
    ap.add_argument("--skip-seed-runs", action="store_true")
    args = ap.parse_args()
    try:
        import tensorflow as tf
    except ImportError:
        print("TensorFlow is not installed; this comparison is optional (see the docstring).")
        return
    print(f"TensorFlow {tf.__version__}, Keras {tf.keras.__version__}, NumPy {np.__version__}, "
          f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    data = load_mnist()
    lockstep(tf, data)
    saturated_check(tf)
    if args.skip_seed_runs:
        return
    print(f"\n== seed program as written: shuffle(1024), random init, {args.epochs} epochs "
          f"(wall s per epoch = train loop + validation; shared small machine, indicative only) ==")
    for name, fw in (("TF", tf), ("tapeflow", tpf)):
        for seed in range(args.runs):
            acc, times = seed_run(fw, data, seed, args.epochs)
            print(f"{name:<9} seed {seed}: val acc {acc:.4f}  s/epoch {' '.join(f'{t:.2f}' for t in times)}  "
                  f"median {statistics.median(times):.2f}")


if __name__ == "__main__":
    main()
