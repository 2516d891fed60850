"""The seed's MNIST custom training loop, made resumable with tf.train.Checkpoint + CheckpointManager.

Run: python examples/mnist_checkpointed.py [--ckpt-dir DIR] [--epochs 3] [--steps N] [--limit N]
Kill it at any point and run it again with the same arguments: it restores the latest checkpoint
(model weights, the optimizer's iteration count and momentum slots, the step and epoch counters)
and continues from the next batch, so the final weights equal those of an uninterrupted run.

Data order is deterministic and resumable: each epoch's shuffle is a permutation derived from
(--seed, epoch), and on restart the batches of the current epoch already trained on are skipped.
A checkpoint is saved every --save-every steps and once at the end; the manager keeps the newest 3.
With --logdir DIR, the loss of every step and the accuracies of every epoch go to TensorBoard event
files (tf.summary; needs the `tensorboard` extra): `tensorboard --logdir DIR`. A resumed run logs
from the restored step on, so steps between the last checkpoint and a kill appear twice.

The program uses only TF2 API: it runs unchanged with `import tensorflow as tf` and `import keras`.
--data PATH reads a local mnist.npz (x_train, y_train, x_test, y_test); otherwise
keras.datasets.mnist.load_data() is used (tapeflow reads $TAPEFLOW_MNIST_PATH when set).
"""

import argparse
import math
import time

import numpy as np

import tapeflow as tf
from tapeflow import keras
from tapeflow.keras import layers


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--ckpt-dir", default="./mnist_checkpoints", help="where checkpoints are kept")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--steps", type=int, default=None, help="stop after this many training steps in all")
    p.add_argument("--limit", type=int, default=None, help="train on the first LIMIT examples only")
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--save-every", type=int, default=200, help="save a checkpoint every N steps")
    p.add_argument("--seed", type=int, default=1337)
    p.add_argument("--data", default=None, help="a local mnist.npz")
    p.add_argument("--pause", type=float, default=0.0, help="sleep this long after each step (for tests)")
    p.add_argument("--logdir", default=None, help="write TensorBoard logs (tf.summary) here")
    return p.parse_args(argv)


def load_mnist(path):
    if path:
        with np.load(path, allow_pickle=False) as f:
            return (f["x_train"], f["y_train"]), (f["x_test"], f["y_test"])
    return keras.datasets.mnist.load_data()


def main(argv=None):
    args = parse_args(argv)
    (x_train, y_train), _ = load_mnist(args.data)

    # Preprocess the data (these are Numpy arrays)
    x_train = x_train.reshape(-1, 784).astype("float32") / 255
    y_train = y_train.astype("float32")

    # Reserve 10,000 samples for validation (a tenth of the data with --limit)
    x_val, y_val = x_train[-10000:], y_train[-10000:]
    x_train, y_train = x_train[:-10000], y_train[:-10000]
    if args.limit:
        x_train, y_train = x_train[:args.limit], y_train[:args.limit]
        x_val, y_val = x_val[:max(args.limit // 10, 1)], y_val[:max(args.limit // 10, 1)]

    keras.utils.set_random_seed(args.seed)  # the same initial weights on every start
    inputs = keras.Input(shape=(784,), name="digits")
    x = layers.Dense(64, activation="relu", name="dense_1")(inputs)
    x = layers.Dense(64, activation="relu", name="dense_2")(x)
    outputs = layers.Dense(10, activation="softmax", name="predictions")(x)
    model = keras.Model(inputs=inputs, outputs=outputs)

    # momentum: the optimizer has slot variables, restored when its first apply_gradients creates them
    optimizer = keras.optimizers.SGD(learning_rate=1e-3, momentum=0.9)
    loss_fn = keras.losses.SparseCategoricalCrossentropy()
    train_acc_metric = keras.metrics.SparseCategoricalAccuracy()
    val_acc_metric = keras.metrics.SparseCategoricalAccuracy()

    step = tf.Variable(0, dtype=tf.int64, trainable=False)   # training steps done
    epoch = tf.Variable(0, dtype=tf.int64, trainable=False)  # epochs completed
    ckpt = tf.train.Checkpoint(model=model, optimizer=optimizer, step=step, epoch=epoch)
    manager = tf.train.CheckpointManager(ckpt, args.ckpt_dir, max_to_keep=3)
    restored = manager.restore_or_initialize()
    if restored:
        print("Restored from %s (step %d, epoch %d)" % (restored, int(step.numpy()), int(epoch.numpy())))
    else:
        print("Initializing from scratch.")

    writer = tf.summary.create_file_writer(args.logdir) if args.logdir else tf.summary.create_noop_writer()

    batch_size = args.batch_size
    steps_per_epoch = math.ceil(len(x_train) / batch_size)
    val_dataset = tf.data.Dataset.from_tensor_slices((x_val, y_val)).batch(batch_size)
    total_steps = args.epochs * steps_per_epoch if args.steps is None else min(args.steps,
                                                                               args.epochs * steps_per_epoch)

    while int(epoch.numpy()) < args.epochs and int(step.numpy()) < total_steps:
        e = int(epoch.numpy())
        done = int(step.numpy()) - e * steps_per_epoch  # batches of this epoch already trained on
        print("Start of epoch %d%s" % (e, " (resuming at batch %d)" % done if done else ""))
        order = np.random.default_rng([args.seed, e]).permutation(len(x_train))
        train_dataset = tf.data.Dataset.from_tensor_slices((x_train[order], y_train[order]))
        train_dataset = train_dataset.batch(batch_size).skip(done)

        for i, (x_batch_train, y_batch_train) in enumerate(train_dataset, start=done):
            with tf.GradientTape() as tape:
                logits = model(x_batch_train)
                loss_value = loss_fn(y_batch_train, logits)
            grads = tape.gradient(loss_value, model.trainable_weights)
            optimizer.apply_gradients(zip(grads, model.trainable_weights))
            train_acc_metric.update_state(y_batch_train, logits)
            step.assign_add(1)
            with writer.as_default(step=int(step.numpy())):
                tf.summary.scalar("loss", loss_value)
            if i % 200 == 0:
                print("Training loss (for one batch) at step %d: %.4f" % (i, float(loss_value)))
            if i + 1 == steps_per_epoch:
                epoch.assign_add(1)  # counted before the save below, so a restart starts the next epoch
            if int(step.numpy()) % args.save_every == 0:
                print("Saved checkpoint for step %d: %s" % (int(step.numpy()), manager.save(checkpoint_number=step)))
            if args.pause:
                time.sleep(args.pause)
            if int(step.numpy()) >= total_steps:
                break

        print("Training acc over epoch: %.4f" % (float(train_acc_metric.result()),))
        for x_batch_val, y_batch_val in val_dataset:
            val_acc_metric.update_state(y_batch_val, model(x_batch_val))
        print("Validation acc: %.4f" % (float(val_acc_metric.result()),))
        with writer.as_default(step=int(step.numpy())):
            tf.summary.scalar("train_accuracy", train_acc_metric.result())
            tf.summary.scalar("val_accuracy", val_acc_metric.result())
        train_acc_metric.reset_state()
        val_acc_metric.reset_state()

    writer.close()
    final = manager.save(checkpoint_number=step)
    print("Done at step %d: %s" % (int(step.numpy()), final))
    return final


if __name__ == "__main__":
    main()
