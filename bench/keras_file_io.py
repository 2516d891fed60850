"""Size and save/load time of a `.keras` file for the seed's MNIST model (Flatten -> Dense 128 relu -> Dense 10,
compiled with Adam and trained one step so the optimizer state is saved too), with tapeflow or, with --keras, with
real Keras 3 (run that one in a venv that has TensorFlow; it is never a dependency):

    python bench/keras_file_io.py
    TF_CPP_MIN_LOG_LEVEL=3 /tmp/tfenv/bin/python bench/keras_file_io.py --keras

Prints the file size and the median of 7 saves and 7 loads.
"""

import argparse
import os
import statistics
import tempfile
import time

import numpy as np


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--keras", action="store_true", help="use real Keras 3 instead of tapeflow")
    a = ap.parse_args()
    if a.keras:
        import keras
    else:
        import tapeflow as tf

        keras = tf.keras
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(10)])
    model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    x = np.random.default_rng(0).random((32, 28, 28), dtype=np.float32)
    model.fit(x, np.zeros(32, "int64"), epochs=1, verbose=0)
    path = os.path.join(tempfile.mkdtemp(), "seed.keras")
    saves, loads = [], []
    for _ in range(7):
        t = time.perf_counter()
        model.save(path)
        saves.append(time.perf_counter() - t)
        t = time.perf_counter()
        keras.models.load_model(path)
        loads.append(time.perf_counter() - t)
    print(f"{'keras' if a.keras else 'tapeflow'}: {os.path.getsize(path) / 1024:.1f} KiB, save "
          f"{statistics.median(saves) * 1e3:.1f} ms, load {statistics.median(loads) * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
