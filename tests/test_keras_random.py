"""keras.random: Keras 3's seeding contract (int seed = deterministic, SeedGenerator = a stream,
None = fresh draws), dtypes, shapes, argument errors and the distributions' statistics.

The values themselves are tapeflow's (Keras with TensorFlow draws from TF's Philox streams, which
tapeflow does not reproduce), so no Keras numbers are compared here except the generator state
arithmetic, which is exact.
"""

from __future__ import annotations

import random as py_random

import numpy as np
import pytest

import tapeflow as tf
from tapeflow import keras
from tapeflow.keras import random as krandom

SAMPLERS = [
    ("normal", lambda seed: krandom.normal((3, 4), seed=seed)),
    ("uniform", lambda seed: krandom.uniform((3, 4), seed=seed)),
    ("randint", lambda seed: krandom.randint((3, 4), 0, 1000, seed=seed)),
    ("truncated_normal", lambda seed: krandom.truncated_normal((3, 4), seed=seed)),
    ("categorical", lambda seed: krandom.categorical(np.zeros((2, 50), "float32"), 6, seed=seed)),
    ("dropout", lambda seed: krandom.dropout(np.ones((4, 6), "float32"), 0.5, seed=seed)),
    ("shuffle", lambda seed: krandom.shuffle(np.arange(20), seed=seed)),
    ("gamma", lambda seed: krandom.gamma((3, 4), 2.0, seed=seed)),
    ("beta", lambda seed: krandom.beta((3, 4), 2.0, 3.0, seed=seed)),
    ("binomial", lambda seed: krandom.binomial((3, 4), 100, 0.5, seed=seed)),
]


@pytest.mark.parametrize("name,draw", SAMPLERS, ids=[s[0] for s in SAMPLERS])
def test_int_seed_is_deterministic_and_generators_advance(name, draw):
    a, b = draw(1234).numpy(), draw(1234).numpy()
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, draw(99).numpy())
    gen = krandom.SeedGenerator(5)
    first, second = draw(gen).numpy(), draw(gen).numpy()
    assert not np.array_equal(first, second)
    replay = krandom.SeedGenerator(5)
    np.testing.assert_array_equal(draw(replay).numpy(), first)
    np.testing.assert_array_equal(draw(replay).numpy(), second)
    assert not np.array_equal(draw(None).numpy(), draw(None).numpy())


def test_seed_generator_state_as_keras():
    gen = krandom.SeedGenerator(42, name="g42")
    assert isinstance(gen.state, keras.Variable)
    assert not gen.state.trainable and gen.state.dtype == tf.int64
    assert repr(gen.state) == "<Variable path=g42/seed_generator_state, shape=(2,), dtype=int64, value=[42  0]>"
    assert gen.next().numpy().tolist() == [42, 0]
    assert gen.next().numpy().tolist() == [42, 1]
    assert gen.state.numpy().tolist() == [42, 2]
    # Keras's scramble for the global stream: (state + 1) * 5387 % 933199
    assert gen.next(ordered=False).numpy().tolist() == [42, 2]
    assert gen.state.numpy().tolist() == [(43 * 5387) % 933199, (3 * 5387) % 933199]
    assert gen.get_config() == {"seed": 42, "name": "g42"}
    clone = krandom.SeedGenerator.from_config(gen.get_config())
    assert clone.state.numpy().tolist() == [42, 0]
    unseeded = krandom.SeedGenerator()
    assert unseeded.get_config()["seed"] is None and 1 <= int(unseeded.state.numpy()[0]) <= 10**9


def test_seed_generator_names_count_up():
    a, b = krandom.SeedGenerator(1), krandom.SeedGenerator(2)
    assert a.name.startswith("seed_generator") and b.name != a.name


def test_seed_none_follows_python_random_after_reset():
    py_random.seed(3)
    krandom._reset_global_seed_generator()
    a = krandom.normal((3,)).numpy()
    py_random.seed(3)
    krandom._reset_global_seed_generator()
    np.testing.assert_array_equal(krandom.normal((3,)).numpy(), a)


@pytest.mark.parametrize("call,match", [
    (lambda: krandom.SeedGenerator(1.5), "must be an integer"),
    (lambda: krandom.SeedGenerator(1, foo=2), "Unrecognized keyword"),
    (lambda: krandom.normal((2,), seed="a"), "either an integer or an instance of `SeedGenerator`"),
    (lambda: krandom.uniform((2,), dtype="int32"), "requires a floating point `dtype`"),
    (lambda: krandom.randint((2,), 0, 3, dtype="float32"), "requires an integer `dtype`"),
    (lambda: krandom.categorical([0.0, 1.0], 2), "2-D tensor"),
])
def test_argument_errors(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_dtypes_and_shapes():
    assert krandom.normal((2, 3), seed=1).dtype == tf.float32
    assert krandom.normal([2], dtype="float64", seed=1).dtype == tf.float64
    assert krandom.uniform(4, dtype="float16", seed=1).shape.as_list() == [4]
    assert krandom.randint((2,), 0, 5, dtype="int8", seed=1).dtype == tf.int8
    assert krandom.randint((2,), 0, 5, dtype="uint8", seed=1).dtype == tf.uint8
    assert krandom.categorical([[0.0, 1.0]], 3, seed=1).dtype == tf.int32
    assert krandom.categorical([[0.0, 1.0]], 3, dtype="int64", seed=1).shape.as_list() == [1, 3]
    assert krandom.binomial((2,), 3, 0.5, seed=1).dtype == tf.float32
    assert krandom.binomial((2,), 3, 0.5, dtype="int32", seed=1).dtype == tf.int32
    assert krandom.gamma((2,), 1.0, dtype="float64", seed=1).dtype == tf.float64
    assert krandom.beta((2, 2), [1.0, 2.0], 3.0, seed=1).shape.as_list() == [2, 2]
    assert krandom.truncated_normal(tf.constant([2, 1]), seed=1).shape.as_list() == [2, 1]


def test_distributions():
    n = 20000
    x = krandom.normal((n,), mean=2.0, stddev=3.0, seed=11).numpy()
    assert abs(x.mean() - 2.0) < 0.1 and abs(x.std() - 3.0) < 0.1
    u = krandom.uniform((n,), -1.0, 3.0, seed=12).numpy()
    assert u.min() >= -1.0 and u.max() < 3.0 and abs(u.mean() - 1.0) < 0.05
    r = krandom.randint((n,), -2, 3, seed=13).numpy()
    assert set(np.unique(r).tolist()) == {-2, -1, 0, 1, 2}
    t = krandom.truncated_normal((n,), mean=1.0, stddev=0.5, seed=14).numpy()
    assert t.min() >= 0.0 and t.max() <= 2.0 and abs(t.mean() - 1.0) < 0.02
    c = krandom.categorical(np.log(np.array([[0.2, 0.8]], "float32")), n, seed=15).numpy()
    assert abs(c.mean() - 0.8) < 0.02
    g = krandom.gamma((n,), 3.0, seed=16).numpy()
    assert abs(g.mean() - 3.0) < 0.1
    b = krandom.beta((n,), 2.0, 6.0, seed=17).numpy()
    assert abs(b.mean() - 0.25) < 0.01
    k = krandom.binomial((n,), 10, 0.3, seed=18).numpy()
    assert abs(k.mean() - 3.0) < 0.1 and k.min() >= 0 and k.max() <= 10


def test_dropout():
    x = np.ones((200, 100), "float32")
    out = krandom.dropout(x, 0.25, seed=1).numpy()
    kept = out != 0
    assert abs(kept.mean() - 0.75) < 0.02
    np.testing.assert_allclose(out[kept], 1 / 0.75)
    rows = krandom.dropout(x, 0.5, noise_shape=(None, 1), seed=2).numpy()
    assert all(len(set(row.tolist())) == 1 for row in rows)
    assert krandom.dropout(x, 0.0, seed=3).numpy().tolist() == x.tolist()
    assert not krandom.dropout(x, 1.0, seed=3).numpy().any()


def test_shuffle_is_a_permutation_along_axis():
    x = np.arange(12).reshape(3, 4)
    out = krandom.shuffle(x, axis=1, seed=4).numpy()
    assert sorted(out[0].tolist()) == [0, 1, 2, 3]
    assert (out - out[0]).tolist() == [[0] * 4, [4] * 4, [8] * 4]


def test_gradients_flow_through_parameters_and_dropout():
    mean = tf.constant(1.0)
    std = tf.constant(2.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([mean, std])
        z = krandom.normal((5,), mean=mean, stddev=std, seed=3)
        s = tf.reduce_sum(z)
    assert float(tape.gradient(s, mean)) == 5.0
    eps = (z.numpy() - 1.0) / 2.0
    np.testing.assert_allclose(float(tape.gradient(s, std)), eps.sum(), rtol=1e-5)
    x = tf.constant(np.ones((3, 4), "float32"))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = krandom.dropout(x, 0.5, seed=5)
    np.testing.assert_allclose(tape.gradient(y, x).numpy(), y.numpy())
