"""tf.summary event files, keras.callbacks.TensorBoard and the tape's graph export, read back with TensorBoard."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import wave

import numpy as np
import pytest

import tapeflow as tf
from tapeflow import keras

tb = pytest.importorskip("tensorboard")
pytest.importorskip("tensorboardX")

from tensorboard.backend.event_processing import event_accumulator as ea  # noqa: E402
from tensorboard.compat.proto import config_pb2  # noqa: E402
from tensorboard.util import tensor_util  # noqa: E402

_NAME = re.compile(r"^events\.out\.tfevents\.\d{10}\..+\.\d+\.\d+\.v2$")


def _acc(path) -> ea.EventAccumulator:
    acc = ea.EventAccumulator(str(path), size_guidance={ea.TENSORS: 0, ea.SCALARS: 0})
    acc.Reload()
    return acc


def _values(acc, tag) -> list:
    return [(e.step, tensor_util.make_ndarray(e.tensor_proto)) for e in acc.Tensors(tag)]


def _plugin(acc, tag) -> str:
    return acc.SummaryMetadata(tag).plugin_data.plugin_name


@pytest.fixture(autouse=True)
def _clean_state():
    yield
    tf.summary.trace_off()
    tf.summary.experimental.set_step(None)
    tf.summary._STATE.writer = None
    tf.summary._STATE.condition = True


def test_no_writer_writes_nothing_and_needs_no_step():
    r = tf.summary.scalar("x", 1.0)
    assert isinstance(r, tf.Tensor) and r.dtype == tf.bool and not bool(r)
    assert not bool(tf.summary.should_record_summaries())
    assert not bool(tf.summary.histogram("h", [1.0, 2.0]))


def test_scalar_file_name_steps_values_plugin(tmp_path):
    w = tf.summary.create_file_writer(str(tmp_path))
    (name,) = os.listdir(tmp_path)  # created at once, named as TF names it
    assert _NAME.match(name), name
    assert isinstance(w, tf.summary.SummaryWriter)
    with w.as_default(step=3):
        assert tf.summary.experimental.get_step() == 3
        assert bool(tf.summary.scalar("loss", 0.5))
        assert bool(tf.summary.scalar("loss", tf.constant(0.25), step=4, description="the loss"))
        assert bool(tf.summary.scalar("count", 7))  # ints are written as float32, as TF
        with tf.name_scope("outer"):
            tf.summary.scalar("inner", 1.0)
    assert tf.summary.experimental.get_step() is None
    w.close()
    acc = _acc(tmp_path)
    got = _values(acc, "loss")
    assert [s for s, _ in got] == [3, 4]
    assert [float(v) for _, v in got] == [0.5, 0.25]
    assert got[0][1].dtype == np.float32 and got[0][1].shape == ()
    assert _plugin(acc, "loss") == "scalars"
    assert acc.SummaryMetadata("loss").summary_description in ("", "the loss")
    assert float(_values(acc, "count")[0][1]) == 7.0
    assert "outer/inner" in acc.Tags()["tensors"]


def test_histogram_buckets_as_tensorboard(tmp_path):
    w = tf.summary.create_file_writer(str(tmp_path))
    data = np.random.RandomState(0).randn(1000)
    with w.as_default(step=1):
        tf.summary.histogram("h", data)
        tf.summary.histogram("h5", np.arange(10.0), buckets=5)
        tf.summary.histogram("empty", np.zeros([0], np.float32))
        tf.summary.histogram("const", np.ones(4), buckets=3)
        tf.summary.histogram("var", tf.Variable([1.0, 2.0, 3.0]))
        tf.summary.histogram("nan", [1.0, np.nan, 3.0], buckets=2)  # as TF: NaN edges, nothing counted
    w.close()
    acc = _acc(tmp_path)
    assert _plugin(acc, "h") == "histograms"
    h = _values(acc, "h")[0][1]
    assert h.shape == (30, 3) and h.dtype == np.float64
    assert h[:, 2].sum() == 1000
    assert h[0, 0] == data.min() and h[-1, 1] == data.max()
    np.testing.assert_array_equal(h[1:, 0], h[:-1, 1])
    h5 = _values(acc, "h5")[0][1]
    np.testing.assert_allclose(h5[:, 0], [0.0, 1.8, 3.6, 5.4, 7.2])
    assert h5[:, 2].tolist() == [2.0, 2.0, 2.0, 2.0, 2.0]
    assert not _values(acc, "empty")[0][1].any() and _values(acc, "empty")[0][1].shape == (30, 3)
    assert _values(acc, "const")[0][1].tolist() == [[1, 1, 0], [1, 1, 0], [1, 1, 4]]
    assert _values(acc, "var")[0][1][:, 2].sum() == 3
    assert _values(acc, "nan")[0][1][:, 2].sum() == 0


def test_images_decode_to_their_size(tmp_path):
    from PIL import Image

    w = tf.summary.create_file_writer(str(tmp_path))
    floats = np.linspace(0.0, 1.0, 4 * 8 * 6 * 3).reshape(4, 8, 6, 3).astype(np.float32)
    gray = (np.arange(5 * 4) * 10).reshape(1, 5, 4, 1).astype(np.uint8)
    with w.as_default(step=2):
        tf.summary.image("rgb", floats, max_outputs=2)
        tf.summary.image("gray", tf.constant(gray))
    w.close()
    acc = _acc(tmp_path)
    assert _plugin(acc, "rgb") == "images"
    rgb = _values(acc, "rgb")[0][1]
    assert rgb[:2].tolist() == [b"6", b"8"] and len(rgb) == 4  # width, height, then max_outputs PNGs
    img = Image.open(io.BytesIO(rgb[2]))
    assert img.size == (6, 8) and img.mode == "RGB"
    np.testing.assert_array_equal(np.asarray(img), np.floor(floats[0] * 255.5).clip(0, 255).astype(np.uint8))
    g = _values(acc, "gray")[0][1]
    img = Image.open(io.BytesIO(g[2]))
    assert img.size == (4, 5) and img.mode == "L"
    np.testing.assert_array_equal(np.asarray(img), gray[0, :, :, 0])


def test_text_and_audio(tmp_path):
    w = tf.summary.create_file_writer(str(tmp_path))
    clip = np.sin(np.linspace(0, 20, 2 * 100)).reshape(2, 100, 1).astype(np.float32)
    with w.as_default(step=0):
        tf.summary.text("note", "hello **world**")
        tf.summary.text("notes", tf.constant(["a", "b"]))
        tf.summary.audio("clip", clip, 8000, max_outputs=1)
    w.close()
    acc = _acc(tmp_path)
    assert _plugin(acc, "note") == "text"
    assert _values(acc, "note")[0][1].item() == b"hello **world**"
    assert _values(acc, "notes")[0][1].tolist() == [b"a", b"b"]
    assert _plugin(acc, "clip") == "audio"
    a = _values(acc, "clip")[0][1]
    assert a.shape == (1, 2) and a[0, 1] == b""
    with wave.open(io.BytesIO(a[0, 0])) as f:
        assert (f.getframerate(), f.getnchannels(), f.getsampwidth(), f.getnframes()) == (8000, 1, 2, 100)
        pcm = np.frombuffer(f.readframes(100), "<i2")
    np.testing.assert_array_equal(pcm, np.clip(np.round(clip[0, :, 0].astype(np.float64) * 32768), -32768, 32767))


def test_record_if_and_should_record(tmp_path):
    w = tf.summary.create_file_writer(str(tmp_path))
    w.set_as_default(step=1)
    assert bool(tf.summary.should_record_summaries())
    with tf.summary.record_if(False):
        assert not bool(tf.summary.should_record_summaries())
        assert not bool(tf.summary.scalar("a", 1.0))
    calls = []
    with tf.summary.record_if(lambda: calls.append(1) or len(calls) % 2 == 0):
        r = [bool(tf.summary.scalar("b", float(i), step=i)) for i in range(4)]
    assert r == [False, True, False, True]
    with tf.summary.record_if(tf.constant(True)):
        assert bool(tf.summary.scalar("c", 1.0))
    w.close()
    acc = _acc(tmp_path)
    assert "a" not in acc.Tags()["tensors"]
    assert [s for s, _ in _values(acc, "b")] == [1, 3]


def test_steps_default_variable_and_errors(tmp_path):
    w = tf.summary.create_file_writer(str(tmp_path), max_queue=1)
    with w.as_default():
        with pytest.raises(ValueError, match="No step set. Please specify one either through the `step` argument"):
            tf.summary.scalar("x", 1.0)
        assert bool(tf.summary.scalar("x", 1.0, step=5))  # an explicit step needs no default
        step = tf.Variable(7, dtype=tf.int64)
        tf.summary.experimental.set_step(step)
        tf.summary.scalar("y", 1.0)
        step.assign(8)
        tf.summary.scalar("y", 2.0)  # the variable is read at each write
        with pytest.raises(ValueError, match=r"Expected scalar shape, saw shape: \(2,\)"):
            tf.summary.scalar("bad", [1.0, 2.0])
        with pytest.raises(ValueError, match="must have rank 4"):
            tf.summary.image("bad", np.zeros((2, 2, 3)))
        with pytest.raises(TypeError, match="tensor must be of type tf.string; got tf.float32"):
            tf.summary.text("bad", tf.constant(1.0))
        with pytest.raises(TypeError, match="int64"):
            tf.summary.scalar("bad", 1.0, step=1.5)
    w.close()
    acc = _acc(tmp_path)
    assert [s for s, _ in _values(acc, "x")] == [5]
    assert [s for s, _ in _values(acc, "y")] == [7, 8]


def test_writer_lifecycle_suffix_and_noop(tmp_path):
    w = tf.summary.create_file_writer(str(tmp_path / "a"), filename_suffix=".foo", flush_millis=10)
    (name,) = os.listdir(tmp_path / "a")
    assert name.endswith(".foo") and ".v2" not in name
    w.init()
    with w.as_default(step=0):
        tf.summary.scalar("s", 1.0)
    tf.summary.flush(w)
    w.flush()
    w.close()
    w.close()  # a second close does nothing
    with pytest.raises(RuntimeError, match="already closed"):
        with w.as_default():
            pass
    with pytest.raises(ValueError, match="`logdir` cannot be None"):
        tf.summary.create_file_writer(None)
    noop = tf.summary.create_noop_writer()
    with noop.as_default(step=1):
        assert not bool(tf.summary.scalar("s", 1.0))
    assert [s for s, _ in _values(_acc(tmp_path / "a"), "s")] == [0]


def test_write_generic_tensor_and_metadata(tmp_path):
    w = tf.summary.create_file_writer(str(tmp_path))
    from tensorboard.compat.proto import summary_pb2

    md = summary_pb2.SummaryMetadata()
    md.plugin_data.plugin_name = "custom"
    with w.as_default(step=1):
        assert bool(tf.summary.write("raw", tf.constant([[1, 2]], tf.int64)))
        assert bool(tf.summary.write("lazy", lambda: tf.constant(1.5), metadata=md))
    with w.as_default(step=2):
        value = summary_pb2.Summary.Value(tag="pb", simple_value=2.5)
        raw = summary_pb2.Summary(value=[value]).SerializeToString()
        assert bool(tf.summary.experimental.write_raw_pb(raw))
    w.close()
    acc = _acc(tmp_path)
    assert [(e.step, e.value) for e in acc.Scalars("pb")] == [(2, 2.5)]
    v = _values(acc, "raw")[0][1]
    assert v.dtype == np.int64 and v.tolist() == [[1, 2]]
    assert _plugin(acc, "lazy") == "custom" and float(_values(acc, "lazy")[0][1]) == 1.5


def test_missing_extra_raises_import_error(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "tensorboardX", None)
    monkeypatch.setitem(sys.modules, "tensorboardX.proto", None)
    with pytest.raises(ImportError, match=r"pip install 'tapeflow\[tensorboard\]'"):
        tf.summary.create_file_writer(str(tmp_path))
    assert not bool(tf.summary.scalar("x", 1.0, step=0))  # no writer: nothing needed


def test_import_tapeflow_works_without_tensorboard():
    code = (
        "import sys\n"
        "for m in ('tensorboardX', 'tensorboard'): sys.modules[m] = None\n"
        "import tapeflow as tf\nfrom tapeflow import keras\n"
        "print(bool(tf.summary.scalar('x', 1.0)), type(keras.callbacks.TensorBoard()).__name__)\n"
    )
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "TensorBoard"]


# -- graphs -----------------------------------------------------------------------------------------


def _trace_graph(acc, tag):
    (raw,) = [v for _, v in _values(acc, tag)]
    rm = config_pb2.RunMetadata.FromString(raw.item())
    return rm.function_graphs[0].pre_optimization_graph


def test_trace_export_writes_the_ops_run(tmp_path):
    from tapeflow.primitives import HOOKS

    with pytest.raises(ValueError, match="Must enable trace before export through tf.summary.trace_on."):
        tf.summary.trace_export("none", step=0)
    w = tf.summary.create_file_writer(str(tmp_path))
    v = tf.Variable([[1.0], [2.0], [3.0]], name="w")
    tf.summary.trace_on(graph=True, profiler=False)
    n_hooks = len(HOOKS)
    x = tf.ones([2, 3])
    with tf.GradientTape():
        y = tf.reduce_sum(tf.matmul(x, v) + 1.0)
    with w.as_default():
        assert bool(tf.summary.trace_export("my_trace", step=3))
    assert len(HOOKS) == n_hooks - 1  # export stops the trace
    w.close()
    assert float(y) == 14.0
    acc = _acc(tmp_path)
    assert _plugin(acc, "my_trace") == "graph_run_metadata_graph"
    assert acc.SummaryMetadata("my_trace").plugin_data.content == b"1"
    assert [s for s, _ in _values(acc, "my_trace")] == [3]
    g = _trace_graph(acc, "my_trace")
    nodes = {n.name: n for n in g.node}
    assert nodes["matmul"].op == "MatMul" and nodes["add"].op == "AddV2" and nodes["reduce_sum"].op == "Sum"
    assert list(nodes["add"].input)[0] == "matmul"
    assert nodes["w"].op == "ReadVariableOp" and "w" in list(nodes["matmul"].input)
    shape = nodes["matmul"].attr["_output_shapes"].list.shape[0]
    assert [d.size for d in shape.dim] == [2, 1]


def test_trace_off_and_twice():
    from tapeflow.primitives import HOOKS

    n = len(HOOKS)
    tf.summary.trace_on()
    with pytest.warns(UserWarning, match="Trace already enabled"):
        tf.summary.trace_on()
    assert len(HOOKS) == n + 1
    tf.summary.trace_off()
    tf.summary.trace_off()
    assert len(HOOKS) == n


def test_graph_of_a_tape_and_dot(tmp_path):
    w = tf.Variable([[1.0, 2.0], [3.0, 4.0]], name="w")
    b = tf.Variable([0.5, 0.5], name="b")
    x = tf.constant([[1.0, 1.0]])
    with tf.GradientTape(persistent=True) as tape:
        h = tf.matmul(x, w) + b
        _ = tf.argmax(h, axis=1)  # a cut: drawn dashed
        y = tf.reduce_sum(tf.nn.relu(h))
    writer = tf.summary.create_file_writer(str(tmp_path))
    with writer.as_default():
        assert bool(tf.summary.graph(tape))
    writer.close()
    g = _acc(tmp_path).Graph()
    names = {n.name: n.op for n in g.node}
    assert {"matmul": "MatMul", "add": "AddV2", "relu": "Relu", "reduce_sum": "Sum"}.items() <= names.items()
    assert names["w"] == "ReadVariableOp" and names["b"] == "ReadVariableOp"

    dot = tape.to_dot(y, w)
    assert dot.startswith('digraph "tape" {') and dot.rstrip().endswith("}")
    lines = dot.splitlines()

    def line(fragment):
        (found,) = [ln for ln in lines if fragment in ln]
        return found

    assert "color=red" in line('label="matmul"') and "color=red" in line('label="reduce_sum"')
    assert "color=red" in line('label="w\\nfloat32 (2, 2)"')
    assert "color=red" not in line('label="b\\nfloat32 (2,)"')  # not on the path from w
    assert "dashed" in line('label="argmax"')
    assert 'label="float32 (1, 2)", color=red' in dot  # the edge matmul -> add carries its shape
    assert "color=red" in line("  target0 [label")
    assert "color=red" not in tape.to_dot()  # no target: nothing highlighted
    assert tape.gradient(y, w).shape == (2, 2)  # read-only: the tape still works
    with tf.GradientTape() as once:
        z = w * 2.0
    once.gradient(z, w)
    with pytest.raises(RuntimeError, match="released its records"):
        once.to_dot(z, w)


# -- keras.callbacks.TensorBoard ----------------------------------------------------------------------


def _tiny_fit(log_dir, **kw):
    rng = np.random.RandomState(0)
    x = rng.rand(32, 4).astype("float32")
    y = rng.randint(0, 3, 32)
    m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(5, activation="relu"), keras.layers.Dense(3)])
    m.compile("adam", keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
    cb = keras.callbacks.TensorBoard(str(log_dir), **kw)
    m.fit(x, y, batch_size=8, epochs=2, validation_split=0.25, callbacks=[cb], verbose=0)
    return m


def test_tensorboard_callback_epochs_batches_histograms(tmp_path):
    m = _tiny_fit(tmp_path, histogram_freq=1, update_freq="batch", write_images=True)
    assert sorted(os.listdir(tmp_path)) == ["train", "validation"]
    train, val = _acc(tmp_path / "train"), _acc(tmp_path / "validation")
    tags = set(train.Tags()["tensors"])
    assert {"epoch_loss", "epoch_accuracy", "epoch_learning_rate", "batch_loss", "batch_accuracy", "keras"} <= tags
    assert [s for s, _ in _values(train, "epoch_loss")] == [0, 1]
    assert [s for s, _ in _values(train, "batch_loss")] == [1, 2, 3, 4, 5, 6]  # 3 batches per epoch
    np.testing.assert_allclose(float(_values(train, "epoch_learning_rate")[0][1]), 0.001)
    w0 = m.layers[0].weights[0]
    hist_tag = f"{w0.path}/histogram"
    assert hist_tag in tags and _plugin(train, hist_tag) == "histograms"
    assert [s for s, _ in _values(train, hist_tag)] == [0, 1]
    assert _values(train, hist_tag)[-1][1][:, 2].sum() == 4 * 5
    assert _plugin(train, f"{w0.path}/image") == "images"
    assert _plugin(train, "keras") == "graph_keras_model"
    graph = train.Graph()  # the ops of the first training step, weights named by path
    node_names = {n.name for n in graph.node}
    assert w0.path in node_names and len(graph.node) > 5
    vtags = set(val.Tags()["tensors"])
    assert {"epoch_loss", "epoch_accuracy", "evaluation_loss_vs_iterations"} <= vtags
    assert [s for s, _ in _values(val, "epoch_loss")] == [0, 1]
    assert [s for s, _ in _values(val, "evaluation_loss_vs_iterations")] == [3, 6]


def test_tensorboard_callback_epoch_only_and_profile_batch(tmp_path):
    from tapeflow.primitives import HOOKS

    n = len(HOOKS)
    _tiny_fit(tmp_path, profile_batch=2)
    assert len(HOOKS) == n  # no trace left behind
    train = _acc(tmp_path / "train")
    tags = set(train.Tags()["tensors"])
    assert "batch_loss" not in tags and "epoch_loss" in tags  # update_freq="epoch"
    assert "epoch_kernel/histogram" not in tags
    assert _plugin(train, "batch_2") == "graph_run_metadata_graph"
    assert any(n.op == "Dense" for n in _trace_graph(train, "batch_2").node)
    with pytest.raises(ValueError, match="profile_batch must be a non-negative integer"):
        keras.callbacks.TensorBoard(profile_batch=(3, 1))
    assert keras.callbacks.TensorBoard(profile_batch="2,4")._stop_batch == 4
