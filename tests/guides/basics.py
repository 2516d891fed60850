"""Code cells of tensorflow/docs site/en//tmp/lead/nb/basics.ipynb (Apache-2.0, (c) The TensorFlow Authors),
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

x = tf.constant([[1., 2., 3.],
                 [4., 5., 6.]])

print(x)
print(x.shape)
print(x.dtype)
# %% cell 2
x + x
# %% cell 3
5 * x
# %% cell 4
x @ tf.transpose(x)
# %% cell 5
tf.concat([x, x, x], axis=0)
# %% cell 6
tf.nn.softmax(x, axis=-1)
# %% cell 7
tf.reduce_sum(x)
# %% cell 8
tf.convert_to_tensor([1,2,3])
# %% cell 9
tf.reduce_sum([1,2,3])
# %% cell 10
if tf.config.list_physical_devices('GPU'):
  print("TensorFlow **IS** using the GPU")
else:
  print("TensorFlow **IS NOT** using the GPU")
# %% cell 11
var = tf.Variable([0.0, 0.0, 0.0])
# %% cell 12
var.assign([1, 2, 3])
# %% cell 13
var.assign_add([1, 1, 1])
# %% cell 14
x = tf.Variable(1.0)

def f(x):
  y = x**2 + 2*x - 5
  return y
# %% cell 15
f(x)
# %% cell 16
with tf.GradientTape() as tape:
  y = f(x)

g_x = tape.gradient(y, x)  # g(x) = dy/dx

g_x
# %% cell 17
@tf.function
def my_func(x):
  print('Tracing.\n')
  return tf.reduce_sum(x)
# %% cell 18
x = tf.constant([1, 2, 3])
my_func(x)
# %% cell 19
x = tf.constant([10, 9, 8])
my_func(x)
# %% cell 20
x = tf.constant([10.0, 9.1, 8.2], dtype=tf.float32)
my_func(x)
# %% cell 21
class MyModule(tf.Module):
  def __init__(self, value):
    self.weight = tf.Variable(value)

  @tf.function
  def multiply(self, x):
    return x * self.weight
# %% cell 22
mod = MyModule(3)
mod.multiply(tf.constant([1, 2, 3]))
# %% cell 23
save_path = './saved'
tf.saved_model.save(mod, save_path)
# %% cell 24
reloaded = tf.saved_model.load(save_path)
reloaded.multiply(tf.constant([1, 2, 3]))
# %% cell 25
import matplotlib
from matplotlib import pyplot as plt

matplotlib.rcParams['figure.figsize'] = [9, 6]
# %% cell 26
x = tf.linspace(-2, 2, 201)
x = tf.cast(x, tf.float32)

def f(x):
  y = x**2 + 2*x - 5
  return y

y = f(x) + tf.random.normal(shape=[201])

plt.plot(x.numpy(), y.numpy(), '.', label='Data')
plt.plot(x, f(x), label='Ground truth')
plt.legend();
# %% cell 27
class Model(tf.Module):

  def __init__(self):
    # Randomly generate weight and bias terms
    rand_init = tf.random.uniform(shape=[3], minval=0., maxval=5., seed=22)
    # Initialize model parameters
    self.w_q = tf.Variable(rand_init[0])
    self.w_l = tf.Variable(rand_init[1])
    self.b = tf.Variable(rand_init[2])
  
  @tf.function
  def __call__(self, x):
    # Quadratic Model : quadratic_weight * x^2 + linear_weight * x + bias
    return self.w_q * (x**2) + self.w_l * x + self.b
# %% cell 28
quad_model = Model()
# %% cell 29
def plot_preds(x, y, f, model, title):
  plt.figure()
  plt.plot(x, y, '.', label='Data')
  plt.plot(x, f(x), label='Ground truth')
  plt.plot(x, model(x), label='Predictions')
  plt.title(title)
  plt.legend()
# %% cell 30
plot_preds(x, y, f, quad_model, 'Before training')
# %% cell 31
def mse_loss(y_pred, y):
  return tf.reduce_mean(tf.square(y_pred - y))
# %% cell 32
batch_size = 32
dataset = tf.data.Dataset.from_tensor_slices((x, y))
dataset = dataset.shuffle(buffer_size=x.shape[0]).batch(batch_size)
# %% cell 33
# Set training parameters
epochs = 100
learning_rate = 0.01
losses = []

# Format training loop
for epoch in range(epochs):
  for x_batch, y_batch in dataset:
    with tf.GradientTape() as tape:
      batch_loss = mse_loss(quad_model(x_batch), y_batch)
    # Update parameters with respect to the gradient calculations
    grads = tape.gradient(batch_loss, quad_model.variables)
    for g,v in zip(grads, quad_model.variables):
        v.assign_sub(learning_rate*g)
  # Keep track of model loss per epoch
  loss = mse_loss(quad_model(x), y)
  losses.append(loss)
  if epoch % 10 == 0:
    print(f'Mean squared error for step {epoch}: {loss.numpy():0.3f}')

# Plot model results
print("\n")
plt.plot(range(epochs), losses)
plt.xlabel("Epoch")
plt.ylabel("Mean Squared Error (MSE)")
plt.title('MSE loss vs training iterations');
# %% cell 34
plot_preds(x, y, f, quad_model, 'After training')
# %% cell 35
new_model = tf.keras.Sequential([
    tf.keras.layers.Lambda(lambda x: tf.stack([x, x**2], axis=1)),
    tf.keras.layers.Dense(units=1, kernel_initializer=tf.random.normal)])
# %% cell 36
new_model.compile(
    loss=tf.keras.losses.MSE,
    optimizer=tf.keras.optimizers.SGD(learning_rate=0.01))

history = new_model.fit(x, y,
                        epochs=100,
                        batch_size=32,
                        verbose=0)

new_model.save('./my_new_model.keras')
# %% cell 37
plt.plot(history.history['loss'])
plt.xlabel('Epoch')
plt.ylim([0, max(plt.ylim())])
plt.ylabel('Loss [Mean Squared Error]')
plt.title('Keras training progress');
# %% cell 38
plot_preds(x, y, f, new_model, 'After Training: Keras')
