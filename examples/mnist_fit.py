"""The seed's MNIST job done with compile/fit/evaluate instead of a hand-written loop.

Run: python examples/mnist_fit.py
Same model, optimizer, loss and data split as examples/mnist_custom_loop.py; 3 epochs, batch 64.
"""

from tapeflow import keras
from tapeflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()

x_train = x_train.reshape(60000, 784).astype("float32") / 255
x_test = x_test.reshape(10000, 784).astype("float32") / 255
y_train = y_train.astype("float32")
y_test = y_test.astype("float32")

x_val, y_val = x_train[-10000:], y_train[-10000:]
x_train, y_train = x_train[:-10000], y_train[:-10000]

inputs = keras.Input(shape=(784,), name="digits")
x = layers.Dense(64, activation="relu", name="dense_1")(inputs)
x = layers.Dense(64, activation="relu", name="dense_2")(x)
outputs = layers.Dense(10, activation="softmax", name="predictions")(x)
model = keras.Model(inputs=inputs, outputs=outputs)

model.compile(
    optimizer=keras.optimizers.SGD(learning_rate=1e-3),
    loss=keras.losses.SparseCategoricalCrossentropy(),
    metrics=[keras.metrics.SparseCategoricalAccuracy()],
)
history = model.fit(x_train, y_train, batch_size=64, epochs=3, validation_data=(x_val, y_val), verbose=2)
print("History:", {k: [round(v, 4) for v in vs] for k, vs in history.history.items()})
results = model.evaluate(x_test, y_test, batch_size=128, verbose=0, return_dict=True)
print("Test:", {k: round(float(v), 4) for k, v in results.items()})
