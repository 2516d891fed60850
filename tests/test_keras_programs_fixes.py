"""Fixes found by running keras-io examples and guides (tests/test_programs.py): symbolic tensors in
keyword arguments of a functional call, Keras 3's layer order and summary of multi-output layers,
KerasTensor names/repr and symbolic masks, keras.utils.PyDataset, keras.utils.plot_model /
model_to_dot. Expected values come from Keras 3.15 (TF backend) runs noted next to them."""

from __future__ import annotations

import contextlib
import io
import sys
import types
import warnings

import numpy as np
import pytest

from tapeflow import keras
from tapeflow.keras import layers, ops
from tapeflow.keras.utils import model_visualization

# --- symbolic tensors as keyword arguments (working_with_rnns: `LSTM(...)(x, initial_state=[h, c])`) -----

def _seq2seq():
    e1 = keras.Input((None,), name="e1")
    e2 = keras.Input((None,), name="e2")
    x1 = layers.Embedding(10, 4, name="emb1")(e1)
    _, h, c = layers.LSTM(4, return_state=True, name="enc")(x1)
    x2 = layers.Embedding(10, 4, name="emb2")(e2)
    d = layers.LSTM(4, name="dec")(x2, initial_state=[h, c])
    return keras.Model([e1, e2], layers.Dense(1, name="o")(d))


def test_functional_call_with_symbolic_initial_state():
    model = _seq2seq()
    a = np.array([[1, 2, 3], [4, 5, 0]])
    b = np.array([[3, 1], [2, 2]])
    out = model([a, b]).numpy()
    # the same computation, layer by layer on real tensors
    get = model.get_layer
    _, h, c = get("enc")(get("emb1")(a))
    ref = get("o")(get("dec")(get("emb2")(b), initial_state=[h, c])).numpy()
    np.testing.assert_allclose(out, ref, rtol=1e-6)
    assert out.shape == (2, 1)
    # the decoder's node takes the encoder's states as inputs
    dec_node = get("dec")._inbound_nodes[0]
    assert [t._node.layer.name for t in dec_node.flat_inputs] == ["emb2", "enc", "enc"]


# --- Keras 3's layer order: decreasing depth, ties by first visit from the outputs --------------------

def test_functional_layer_order_is_keras_depth_order():
    # Keras 3.15 printed ['e1', 'e2', 'emb1', 'emb2', 'enc', 'dec', 'o'] for this graph
    model = _seq2seq()
    assert [lay.name for lay in model.layers] == ["e1", "e2", "emb1", "emb2", "enc", "dec", "o"]
    # ... and ['a', 'd1', 'd2', 'b', 'cat', 'out'] for an input that only feeds the last layers
    a = keras.Input((4,), name="a")
    b = keras.Input((3,), name="b")
    x = layers.Dense(5, name="d1")(a)
    x = layers.Dense(5, name="d2")(x)
    out = layers.Dense(1, name="out")(layers.concatenate([x, b], name="cat"))
    m = keras.Model([a, b], out)
    assert [lay.name for lay in m.layers] == ["a", "d1", "d2", "b", "cat", "out"]
    # weights follow the layers (so get_weights/set_weights lists line up with Keras's)
    assert [w.shape for w in m.get_weights()] == [(4, 5), (5,), (5, 5), (5,), (8, 1), (1,)]


def test_unused_input_layer_order():
    # Keras 3.15: ['used', 'unused', 'd'] (an unused input has depth 0, ahead of the output layer)
    a = keras.Input((2,), name="used")
    unused = keras.Input((2,), name="unused")
    m = keras.Model([unused, a], layers.Dense(1, name="d")(a))
    assert [lay.name for lay in m.layers] == ["used", "unused", "d"]


def test_summary_shows_several_outputs_as_a_list():
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        _seq2seq().summary()
    text = buf.getvalue()
    # Keras 3.15: "│ enc (LSTM)          │ [(None, 4),       │        144 │ emb1[0][0]        │"
    assert "│ enc (LSTM)          │ [(None, 4),       │        144 │ emb1[0][0]        │" in text
    assert "(None, 4), (None," in text and "4)]" in text


# --- KerasTensor names, repr and symbolic masks -----------------------------------------------------------

def _suffix(name: str) -> int:
    return 0 if name == "keras_tensor" else int(name.rsplit("_", 1)[1])


def test_keras_tensor_names_and_repr():
    x = keras.Input((3,))
    assert x.name.startswith("keras_tensor")
    y = layers.Dense(2)(x)  # one new tensor per output (no hidden ones, as Keras 3)
    z = y + 1
    assert _suffix(y.name) == _suffix(x.name) + 1 and _suffix(z.name) == _suffix(y.name) + 1
    assert keras.Input((3,), name="img").name == "img"  # a given name names the tensor
    assert repr(y) == f"<KerasTensor shape=(None, 2), dtype=float32, sparse=False, ragged=False, name={y.name}>"


def test_symbolic_masks_follow_keras():
    # Keras 3.15: the Embedding output carries a new bool mask tensor (named after the output), Dense and a
    # `supports_masking` layer pass that same mask object on, LSTM(return_sequences=False) drops it
    i = keras.Input(shape=(None,), dtype="int32")
    e = layers.Embedding(10, 4, mask_zero=True)(i)
    assert e._keras_mask is not None and _suffix(e._keras_mask.name) == _suffix(e.name) + 1
    assert repr(e._keras_mask).startswith("<KerasTensor shape=(None, None), dtype=bool, sparse=False")
    d = layers.Dense(2)(e)
    assert d._keras_mask is e._keras_mask
    assert layers.LSTM(3)(e)._keras_mask is None
    assert i._keras_mask is None and layers.Dense(2)(keras.Input((3,)))._keras_mask is None


class _TemporalSoftmax(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True

    def call(self, inputs, mask=None):
        assert mask is not None
        m = ops.expand_dims(ops.cast(mask, "float32"), -1)
        e = ops.exp(inputs) * m
        return e / ops.sum(e * m, axis=-1, keepdims=True)


def test_mask_consumer_in_a_functional_model():
    # understanding_masking_and_padding: the mask reaches a custom layer through Dense
    inputs = keras.Input(shape=(None,), dtype="int32")
    x = layers.Embedding(input_dim=10, output_dim=3, mask_zero=True)(inputs)
    x = layers.Dense(1)(x)
    model = keras.Model(inputs, _TemporalSoftmax()(x))
    data = np.array([[1, 2, 0], [0, 3, 4]])
    out = model(data).numpy()
    emb, dense = model.layers[1], model.layers[2]
    logits = dense(emb(data)).numpy()
    mask = (data != 0)[..., None].astype(np.float32)
    with np.errstate(invalid="ignore"):  # masked steps are 0 / 0 (as in Keras)
        ref = np.exp(logits) * mask / np.sum(np.exp(logits) * mask * mask, axis=-1, keepdims=True)
    np.testing.assert_allclose(out, ref, rtol=1e-6)
    assert np.isnan(out[0, 2, 0]) and out[0, 0, 0] == 1.0


# --- keras.utils.PyDataset ----------------------------------------------------------------------------------

class _Batches(keras.utils.PyDataset):
    def __init__(self, n=3, **kwargs):
        super().__init__(**kwargs)
        self.n = n
        self.calls = []

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        self.calls.append(i)
        return np.full((2, 1), i, "float32"), np.zeros((2, 1), "float32")

    def on_epoch_begin(self):
        self.calls.append("begin")

    def on_epoch_end(self):
        self.calls.append("end")


def _linear():
    m = keras.Sequential([keras.Input((1,)), layers.Dense(1, kernel_initializer="ones")])
    m.compile(optimizer="sgd", loss="mse")
    return m


def test_py_dataset_evaluate_predict_fit():
    m = _linear()
    ds = _Batches(workers=4, use_multiprocessing=False, max_queue_size=3)
    assert (ds.workers, ds.use_multiprocessing, ds.max_queue_size, ds.num_batches) == (4, False, 3, 3)
    assert m.evaluate(ds, verbose=0) == pytest.approx(1.6666666269302368)  # Keras 3.15
    assert ds.calls == ["begin", 0, 1, 2, "end"]
    assert m.predict(ds, verbose=0).ravel().tolist() == [0.0, 0.0, 1.0, 1.0, 2.0, 2.0]  # Keras 3.15
    ds.calls.clear()
    h = m.fit(ds, epochs=2, verbose=0, shuffle=False)
    assert h.params == {"verbose": 0, "epochs": 2, "steps": 3}  # Keras 3.15
    assert ds.calls == ["begin", 0, 1, 2, "end"] * 2
    # the same updates as the same batches given as arrays, in order
    ref = _linear()
    for i in range(3):
        ref.train_on_batch(np.full((2, 1), i, "float32"), np.zeros((2, 1), "float32"))
    m2 = _linear()
    m2.fit(_Batches(), epochs=1, verbose=0, shuffle=False)
    np.testing.assert_allclose(m2.get_weights()[0], ref.get_weights()[0], rtol=1e-6)


def test_py_dataset_shuffle_and_validation():
    m = _linear()
    ds = _Batches(n=6)
    np.random.seed(0)
    import random
    random.seed(0)
    m.fit(ds, epochs=1, verbose=0, validation_data=_Batches(n=2))
    order = [c for c in ds.calls if isinstance(c, int)]
    assert sorted(order) == list(range(6)) and order != list(range(6))
    assert set(m.history.history) == {"loss", "val_loss"}


def test_py_dataset_errors_and_alias():
    m = _linear()
    with pytest.raises(ValueError, match="`y` should not be passed"):
        m.fit(_Batches(), np.zeros(3))
    assert keras.utils.Sequence is keras.utils.PyDataset

    class Bad(keras.utils.PyDataset):
        def __len__(self):
            return 1

        def __getitem__(self, i):
            return "not a batch"

    with pytest.raises(ValueError, match="must return a tuple or a dict"):
        m.evaluate(Bad(), verbose=0)

    class NoSuper(keras.utils.PyDataset):
        def __init__(self):
            pass

    with pytest.warns(UserWarning, match="super"):
        assert NoSuper().workers == 1


def test_py_dataset_class_weight_matches_arrays():
    x = np.array([[1.0], [2.0], [-1.0], [0.5]], "float32")
    y = np.array([0, 1, 1, 0])

    class One(keras.utils.PyDataset):
        def __init__(self):
            super().__init__()

        def __len__(self):
            return 1

        def __getitem__(self, i):
            return x, y

    def model():
        m = keras.Sequential([keras.Input((1,)), layers.Dense(2, kernel_initializer="ones")])
        m.compile(loss="sparse_categorical_crossentropy", optimizer=keras.optimizers.SGD(0.1))
        return m

    a, b = model(), model()
    a.fit(One(), class_weight={0: 1.0, 1: 3.0}, verbose=0, shuffle=False)
    b.fit(x, y, class_weight={0: 1.0, 1: 3.0}, batch_size=4, verbose=0, shuffle=False)
    for wa, wb in zip(a.get_weights(), b.get_weights()):
        np.testing.assert_allclose(wa, wb, rtol=1e-6)


# --- keras.utils.plot_model / model_to_dot -----------------------------------------------------------------

def _small_model():
    a = keras.Input((3,), name="a")
    x = layers.Dense(4, activation="relu", name="hidden")(a)
    return keras.Model(a, layers.Dense(1, name="out")(x), name="small")


def test_plot_model_without_pydot_raises_keras_import_error(monkeypatch):
    monkeypatch.setattr(model_visualization, "_pydot", lambda: None)
    with pytest.raises(ImportError, match=r"^You must install pydot \(`pip install pydot`\) for `plot_model` to "
                                          r"work\.$"):
        keras.utils.plot_model(_small_model(), "m.png", show_shapes=True)
    with pytest.raises(ImportError, match="for model_to_dot to work"):
        keras.utils.model_to_dot(_small_model())
    with pytest.raises(ValueError, match="has not yet been built"):
        keras.utils.plot_model(keras.Sequential([layers.Dense(1)]))


class _FakeDot:
    def __init__(self, **kwargs):
        self.attrs, self.nodes, self.edges = dict(kwargs), [], []

    def set(self, key, value):
        self.attrs[key] = value

    def set_node_defaults(self, **kwargs):
        self.attrs["node_defaults"] = kwargs

    def add_node(self, node):
        self.nodes.append(node)

    def get_edge(self, a, b):
        return [e for e in self.edges if (e.a, e.b) == (a, b)]

    def add_edge(self, edge):
        self.edges.append(edge)

    def write(self, path, format="png"):
        with open(path, "w") as f:
            f.write(f"{format}: {len(self.nodes)} nodes, {len(self.edges)} edges")

    @staticmethod
    def create(dot):
        return b""


def _fake_pydot(graphviz=True):
    mod = types.SimpleNamespace()

    class Node:
        def __init__(self, name, label=""):
            self.name, self.label = name, label

    class Edge:
        def __init__(self, a, b):
            self.a, self.b, self.attrs = a, b, {}

        def set(self, k, v):
            self.attrs[k] = v

    class Dot(_FakeDot):
        pass

    if not graphviz:
        def create(dot):
            raise OSError("dot not found")
        Dot.create = staticmethod(create)
    mod.Dot, mod.Cluster, mod.Node, mod.Edge = Dot, _FakeDot, Node, Edge
    mod.PydotException = RuntimeError
    return mod


def test_model_to_dot_and_plot_model_with_pydot(monkeypatch, tmp_path):
    fake = _fake_pydot()
    monkeypatch.setattr(model_visualization, "_pydot", lambda: fake)
    monkeypatch.setitem(sys.modules, "IPython", None)  # no IPython: plot_model returns None
    model = _small_model()
    dot = keras.utils.model_to_dot(model, show_shapes=True, show_layer_activations=True, rankdir="LR")
    labels = [n.label for n in dot.nodes]
    assert labels == ["{a (InputLayer)|Output shape: (None, 3)}",
                      "{hidden (Dense)|{Input shape: (None, 3)|Output shape: (None, 4)}|Activation: relu}",
                      "{out (Dense)|{Input shape: (None, 4)|Output shape: (None, 1)}|Activation: linear}"]
    ids = {str(id(lay)): lay.name for lay in model.layers}
    assert [(ids[e.a], ids[e.b]) for e in dot.edges] == [("a", "hidden"), ("hidden", "out")]
    assert dot.attrs["rankdir"] == "LR" and dot.attrs["node_defaults"] == {"shape": "record"}
    path = tmp_path / "model.svg"
    assert keras.utils.plot_model(model, path) is None
    assert path.read_text() == "svg: 3 nodes, 2 edges"
    with pytest.raises(ValueError, match="layer_range"):
        keras.utils.plot_model(model, str(tmp_path / "m.png"), layer_range=["a", "b"])
    with pytest.raises(ValueError, match="expand_nested"):
        keras.utils.model_to_dot(model, expand_nested=True)

    class Sub(keras.Model):
        def __init__(self):
            super().__init__(name="sub")
            self.d = layers.Dense(1)

        def call(self, x):
            return self.d(x)

    sub = Sub()
    sub(np.zeros((1, 2), "float32"))
    assert [n.label for n in keras.utils.model_to_dot(sub).nodes] == ["sub (Sub)"]


def test_plot_model_without_graphviz(monkeypatch):
    monkeypatch.setattr(model_visualization, "_pydot", lambda: _fake_pydot(graphviz=False))
    with pytest.raises(ImportError, match="You must install graphviz"):
        keras.utils.plot_model(_small_model())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        monkeypatch.setitem(sys.modules, "IPython.core.magics.namespace", types.ModuleType("ns"))
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            assert keras.utils.plot_model(_small_model()) is None  # in a notebook: printed, not raised
        assert buf.getvalue().startswith("You must install graphviz")
