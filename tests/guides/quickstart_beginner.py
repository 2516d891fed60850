"""Code cells of tensorflow/docs site/en/tutorials/quickstart/beginner.ipynb (Apache-2.0, (c) The TensorFlow Authors),
unchanged but for the import line. Run with tests/guide_runner.py."""
# %% cell 0
#@title Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
# https://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.
# %% cell 1
import tapeflow as tf
print("TensorFlow version:", tf.__version__)
# %% cell 2
mnist = tf.keras.datasets.mnist

(x_train, y_train), (x_test, y_test) = mnist.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0
# %% cell 3
model = tf.keras.models.Sequential([
  tf.keras.layers.Flatten(input_shape=(28, 28)),
  tf.keras.layers.Dense(128, activation='relu'),
  tf.keras.layers.Dropout(0.2),
  tf.keras.layers.Dense(10)
])
# %% cell 4
predictions = model(x_train[:1]).numpy()
predictions
# %% cell 5
tf.nn.softmax(predictions).numpy()
# %% cell 6
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
# %% cell 7
loss_fn(y_train[:1], predictions).numpy()
# %% cell 8
model.compile(optimizer='adam',
              loss=loss_fn,
              metrics=['accuracy'])
# %% cell 9
model.fit(x_train, y_train, epochs=5)
# %% cell 10
model.evaluate(x_test,  y_test, verbose=2)
# %% cell 11
probability_model = tf.keras.Sequential([
  model,
  tf.keras.layers.Softmax()
])
# %% cell 12
probability_model(x_test[:5])
