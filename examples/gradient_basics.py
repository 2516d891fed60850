"""The seed's two GradientTape examples, as written (only the import line changed)."""

import tapeflow as tf

tf.enable_eager_execution()

x = tf.constant(1)

with tf.GradientTape() as t:
    t.watch(x)  # You need this code to let t knows that you need to
    # keep track of x.
    y = 2 * x

dy_dx = t.gradient(y, x)

print(dy_dx)

x = tf.constant(2.0)

with tf.GradientTape(persistent=True) as t:
    t.watch(x)  # You need this code to let t knows that you need to
    # keep track of x.
    y = 2 * x
    y1 = x * x * x

dy_dx = t.gradient(y, x)
dy1_dx = t.gradient(y1, x)

print(dy_dx)
print(dy1_dx)
