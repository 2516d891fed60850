"""tf.train.Checkpoint / CheckpointManager / readers: round trips, TF's key names, deferred restoration,
the manager's bookkeeping, load statuses, error cases and atomic writes.

Key names and the `checkpoint` file texts were checked against TF 2.21 + Keras 3.15 (/tmp/tfenv).
"""

import gc
import os
import re

import numpy as np
import pytest

import tapeflow as tf
from tapeflow import keras, train_hooks
from tapeflow import train as T

V = "/.ATTRIBUTES/VARIABLE_VALUE"


def keys(path):
    return [k for k, _ in tf.train.list_variables(path)]


def _x(n=8, d=4, seed=0):
    rng = np.random.default_rng(seed)
    return rng.random((n, d)).astype("float32"), rng.random((n, 2)).astype("float32")


def _train_step(model, opt, x, y):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((model(x, training=True) - y) ** 2)
    grads = tape.gradient(loss, model.trainable_variables)
    opt.apply_gradients(zip(grads, model.trainable_variables))


# -- variables, files, save_counter ---------------------------------------------------------------------
def test_save_numbers_files_and_round_trips_dtypes(tmp_path):
    v = tf.Variable([[1.0, 2.0]])
    step = tf.Variable(7, dtype=tf.int64)
    flag = tf.Variable(True)
    word = tf.Variable(tf.constant([b"ab", b"", "\u00e9".encode()]))
    ck = tf.train.Checkpoint(v=v, step=step, flag=flag, word=word)
    p1 = ck.save(str(tmp_path / "ckpt"))
    p2 = ck.save(tmp_path / "ckpt")  # a PathLike works too
    assert (p1, p2) == (str(tmp_path / "ckpt-1"), str(tmp_path / "ckpt-2"))
    assert int(ck.save_counter.numpy()) == 2 and ck.save_counter.dtype == tf.int64
    assert ck.save_counter.name == "save_counter:0"
    assert sorted(os.listdir(tmp_path)) == ["checkpoint", "ckpt-1.data-00000-of-00001", "ckpt-1.index",
                                            "ckpt-2.data-00000-of-00001", "ckpt-2.index"]
    # Checkpoint.save records only the newest in `checkpoint` (TF's text)
    assert (tmp_path / "checkpoint").read_text() == 'model_checkpoint_path: "ckpt-2"\nall_model_checkpoint_paths: "ckpt-2"\n'
    assert tf.train.latest_checkpoint(str(tmp_path)) == p2
    assert keys(p2) == ["_CHECKPOINTABLE_OBJECT_GRAPH", "flag" + V, "save_counter" + V, "step" + V, "v" + V, "word" + V]
    for var, new in ((v, [[0.0, 0.0]]), (step, 0), (flag, False), (word, [b"x", b"y", b"z"])):
        var.assign(new)
    ck.restore(p1).assert_consumed()
    np.testing.assert_array_equal(v.numpy(), [[1.0, 2.0]])
    assert step.numpy() == 7 and step.dtype == tf.int64 and bool(flag.numpy()) is True
    assert list(word.numpy()) == [b"ab", b"", "\u00e9".encode()]
    assert int(ck.save_counter.numpy()) == 1  # restored too
    reader = tf.train.load_checkpoint(str(tmp_path))  # a directory: its latest checkpoint
    assert reader.get_variable_to_shape_map()["v" + V] == [1, 2]
    assert reader.get_variable_to_dtype_map()["step" + V] == tf.int64
    assert reader.get_tensor("step" + V) == 7 and reader.has_tensor("flag" + V)
    assert tf.train.load_variable(p1, "save_counter" + V) == 1
    with pytest.raises(tf.errors.NotFoundError, match="Key nope not found"):
        reader.get_tensor("nope")


def test_write_and_read_leave_the_counter_alone(tmp_path):
    v = tf.Variable(3.0)
    ck = tf.train.Checkpoint(v=v)
    path = ck.write(str(tmp_path / "sub" / "weights"))  # missing directories are made
    assert path == str(tmp_path / "sub" / "weights")
    assert keys(path) == ["_CHECKPOINTABLE_OBJECT_GRAPH", "v" + V]  # no save_counter yet (as TF)
    assert not (tmp_path / "sub" / "checkpoint").exists()
    v.assign(0.0)
    ck.read(path).assert_existing_objects_matched()
    assert float(v.numpy()) == 3.0


def test_nested_checkpoints_lists_and_dicts(tmp_path):
    ck = tf.train.Checkpoint(inner=tf.train.Checkpoint(a=tf.Variable(1.0)), lst=[tf.Variable(2.0)],
                             dct={"z": tf.Variable(3.0), "a": tf.Variable(4.0)})
    path = ck.write(str(tmp_path / "n"))
    assert keys(path)[1:] == ["dct/a" + V, "dct/z" + V, "inner/a" + V, "lst/0" + V]  # TF's keys
    fresh = tf.train.Checkpoint(inner=tf.train.Checkpoint(a=tf.Variable(0.0)), lst=[tf.Variable(0.0)],
                                dct={"z": tf.Variable(0.0), "a": tf.Variable(0.0)})
    fresh.read(path).assert_consumed()
    assert [float(x.numpy()) for x in (fresh.inner.a, fresh.lst[0], fresh.dct["z"], fresh.dct["a"])] == [1, 2, 3, 4]


def test_attributes_set_later_are_tracked_and_non_trackable_arguments_refused(tmp_path):
    ck = tf.train.Checkpoint()
    ck.w = tf.Variable(5.0)
    assert keys(ck.write(str(tmp_path / "c")))[1:] == ["w" + V]
    with pytest.raises(ValueError, match="`Checkpoint` was expecting x to be a trackable object"):
        tf.train.Checkpoint(x=3)
    ck.y = "text"  # as in TF: an attribute that is not trackable is kept, untracked
    assert ck.y == "text" and keys(ck.write(str(tmp_path / "d")))[1:] == ["w" + V]
    ck.y = tf.Variable(1.0)  # and becomes tracked when given a trackable value
    assert keys(ck.write(str(tmp_path / "e")))[1:] == ["w" + V, "y" + V]
    del ck.y, ck.w
    assert not hasattr(ck, "y") and keys(ck.write(str(tmp_path / "f")))[1:] == []


# -- tf.Module --------------------------------------------------------------------------------------------
class _Flexible(tf.Module):
    def __init__(self, out, name=None):
        super().__init__(name=name)
        self.out = out
        self.built = False

    def __call__(self, x):
        if not self.built:
            self.w = tf.Variable(tf.random.normal([x.shape[-1], self.out]), name="w")
            self.b = tf.Variable(tf.zeros([self.out]), name="b")
            self.built = True
        return tf.nn.relu(tf.matmul(x, self.w) + self.b)


class _Two(tf.Module):
    def __init__(self, name=None):
        super().__init__(name=name)
        self.dense_1 = _Flexible(3)
        self.dense_2 = _Flexible(2)

    def __call__(self, x):
        return self.dense_2(self.dense_1(x))


def test_module_keys_and_deferred_restoration(tmp_path):
    x = tf.constant([[2.0, 2.0, 2.0]])
    model = _Two(name="the_model")
    want = model(x).numpy()
    path = tf.train.Checkpoint(model=model).write(str(tmp_path / "my_checkpoint"))
    assert tf.train.list_variables(path) == [  # what TF's intro_to_modules guide prints
        ("_CHECKPOINTABLE_OBJECT_GRAPH", []), ("model/dense_1/b" + V, [3]), ("model/dense_1/w" + V, [3, 3]),
        ("model/dense_2/b" + V, [2]), ("model/dense_2/w" + V, [3, 2])]
    fresh = _Two()
    status = tf.train.Checkpoint(model=fresh).read(path)  # (restore would add an unmatched save_counter, as TF's)
    with pytest.raises(AssertionError, match="model/dense_1/w"):
        status.assert_consumed()  # the variables do not exist yet
    np.testing.assert_array_equal(fresh(x).numpy(), want)  # created by the call, given the saved values
    status.assert_consumed()
    assert not train_hooks.PENDING


def test_module_with_lists_dicts_and_keras_layers(tmp_path):
    x = np.ones((2, 4), np.float32)

    class Mod(tf.Module):
        def __init__(self):
            super().__init__()
            self.net = keras.layers.Dense(2)
            self.net(x)
            self.w = tf.Variable(1.0)
            self.sub = tf.Module()
            self.sub.v = tf.Variable([1.0, 2.0])
            self.lst = [tf.Variable(3.0), {"k": tf.Variable(4.0)}]

    path = tf.train.Checkpoint(m=Mod()).write(str(tmp_path / "m"))
    assert keys(path)[1:] == ["m/lst/0" + V, "m/lst/1/k" + V, "m/net/_kernel" + V, "m/net/bias" + V,
                              "m/sub/v" + V, "m/w" + V]


# -- Keras models -------------------------------------------------------------------------------------------
def _seq():
    return keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="relu"),
                             keras.layers.BatchNormalization(), keras.layers.Dense(2)])


def test_sequential_and_adam_keys_are_tfs(tmp_path):
    x, y = _x()
    model, opt = _seq(), keras.optimizers.Adam(1e-3)
    _train_step(model, opt, x, y)
    path = tf.train.Checkpoint(model=model, optimizer=opt, step=tf.Variable(0, dtype=tf.int64)).save(
        str(tmp_path / "ckpt"))
    got = tf.train.list_variables(path)
    # TF names each variable by its shortest path: the model's trainable variables by the optimizer's list
    want = ([("_CHECKPOINTABLE_OBJECT_GRAPH", [])]
            + [(f"model/_functional/_operations/2/{n}" + V, [3]) for n in ("moving_mean", "moving_variance")]
            + [("optimizer/_iterations" + V, []), ("optimizer/_learning_rate" + V, [])]
            + [(f"optimizer/_trainable_variables/{i}" + V, s) for i, s in enumerate([[4, 3], [3], [3], [3], [3, 2], [2]])]
            + sorted([(f"optimizer/_variables/{i}" + V, s) for i, s in
                      zip(range(2, 14), [[4, 3], [4, 3], [3], [3], [3], [3], [3], [3], [3, 2], [3, 2], [2], [2]])])
            + [("save_counter" + V, []), ("step" + V, [])])
    assert got == sorted(want)
    assert keys(tf.train.Checkpoint(model=model).write(str(tmp_path / "m")))[1:] == [
        "model/_functional/_operations/1/_kernel" + V, "model/_functional/_operations/1/bias" + V,
        "model/_functional/_operations/2/beta" + V, "model/_functional/_operations/2/gamma" + V,
        "model/_functional/_operations/2/moving_mean" + V, "model/_functional/_operations/2/moving_variance" + V,
        "model/_functional/_operations/3/_kernel" + V, "model/_functional/_operations/3/bias" + V]


def test_functional_subclassed_and_layer_keys(tmp_path):
    x, _ = _x()
    inp = keras.Input((4,))
    fm = keras.Model(inp, keras.layers.Dense(2)(keras.layers.Dense(3, name="d1")(inp)))
    assert keys(tf.train.Checkpoint(model=fm).write(str(tmp_path / "f")))[1:] == [
        "model/_operations/1/_kernel" + V, "model/_operations/1/bias" + V,
        "model/_operations/2/_kernel" + V, "model/_operations/2/bias" + V]

    class Sub(keras.Model):
        def __init__(self):
            super().__init__()
            self.d1 = keras.layers.Dense(3)

        def call(self, x):
            return self.d1(x)

    sm = Sub()
    sm(x)
    sgd = keras.optimizers.SGD(0.1, momentum=0.9)
    sgd.build(sm.trainable_variables)
    assert keys(tf.train.Checkpoint(optimizer=sgd, model=sm).write(str(tmp_path / "s")))[1:] == [
        "model/d1/_kernel" + V, "model/d1/bias" + V, "optimizer/_iterations" + V, "optimizer/_learning_rate" + V,
        "optimizer/_variables/2" + V, "optimizer/_variables/3" + V]

    m = keras.Sequential([keras.Input((5,), dtype="int32"), keras.layers.Embedding(10, 3), keras.layers.LSTM(2),
                          keras.layers.LayerNormalization()])
    assert keys(tf.train.Checkpoint(model=m).write(str(tmp_path / "e")))[1:] == [
        "model/_functional/_operations/1/_embeddings" + V, "model/_functional/_operations/2/cell/bias" + V,
        "model/_functional/_operations/2/cell/kernel" + V,
        "model/_functional/_operations/2/cell/recurrent_kernel" + V,
        "model/_functional/_operations/3/beta" + V, "model/_functional/_operations/3/gamma" + V]

    class MyDense(keras.layers.Layer):
        def __init__(self, **kw):
            super().__init__(**kw)
            self.w = tf.Variable(tf.ones([2, 2]), name="w")
            self.k = self.add_weight(shape=(2,), name="kk")

    assert keys(tf.train.Checkpoint(layer=MyDense()).write(str(tmp_path / "l")))[1:] == ["layer/k" + V, "layer/w" + V]

    inp = keras.Input((4,))
    cm = keras.Model(inp, keras.layers.Dense(2)(inp))
    cm.compile("adam", "mse", metrics=["mae"])
    cm.fit(np.ones((4, 4)), np.ones((4, 2)), verbose=0)
    assert keys(tf.train.Checkpoint(model=cm).write(str(tmp_path / "c")))[1:] == [  # compiled: its optimizer too
        "model/_operations/1/_kernel" + V, "model/_operations/1/bias" + V, "model/optimizer/_iterations" + V,
        "model/optimizer/_learning_rate" + V] + [f"model/optimizer/_variables/{i}" + V for i in range(2, 6)]


class _SubModel(keras.Model):
    def __init__(self):
        super().__init__()
        self.d1 = keras.layers.Dense(5, activation="relu")
        self.blocks = [keras.layers.Dense(4), keras.layers.Dense(2)]  # (Keras 3 on TF drops lists: tapeflow keeps them)

    def call(self, x):
        return self.blocks[1](self.blocks[0](self.d1(x)))


@pytest.mark.parametrize("make", [_seq, lambda: keras.Sequential([keras.layers.Dense(3), keras.layers.Dense(2)]),
                                  _SubModel], ids=["sequential", "sequential_unbuilt", "subclassed"])
@pytest.mark.parametrize("opt_name", ["adam", "sgd_momentum"])
def test_restore_then_train_equals_uninterrupted(tmp_path, make, opt_name):
    x, y = _x()

    def fresh():
        keras.utils.set_random_seed(3)
        opt = keras.optimizers.Adam(1e-2) if opt_name == "adam" else keras.optimizers.SGD(1e-2, momentum=0.9)
        return make(), opt

    model, opt = fresh()
    for _ in range(3):
        _train_step(model, opt, x, y)
    ck = tf.train.Checkpoint(model=model, optimizer=opt, step=tf.Variable(3, dtype=tf.int64))
    path = ck.save(str(tmp_path / "ckpt"))
    for _ in range(3):
        _train_step(model, opt, x, y)

    model2, opt2 = fresh()  # not built, no slots: everything is restored when created
    step2 = tf.Variable(0, dtype=tf.int64)
    status = tf.train.Checkpoint(model=model2, optimizer=opt2, step=step2).restore(path)
    assert int(step2.numpy()) == 3 and int(opt2.iterations.numpy()) == 3
    with pytest.raises(AssertionError, match="Unresolved object in checkpoint"):
        status.assert_consumed()
    for _ in range(3):
        _train_step(model2, opt2, x, y)
    status.assert_consumed()
    assert len(model.weights) == len(model2.weights) and len(opt.variables) == len(opt2.variables)
    for a, b in zip(model.weights + opt.variables, model2.weights + opt2.variables):
        np.testing.assert_array_equal(a.numpy(), b.numpy(), err_msg=a.path)
    assert not train_hooks.PENDING


def test_restore_into_built_model_is_immediate_and_repeated_restores_win(tmp_path):
    x, y = _x()
    model = _seq()
    model(x)
    ck = tf.train.Checkpoint(model=model)
    p1 = ck.save(str(tmp_path / "ckpt"))
    w1 = [w.numpy() for w in model.weights]
    for w in model.weights:
        w.assign(w.numpy() + 1)
    p2 = ck.save(str(tmp_path / "ckpt"))
    w2 = [w.numpy() for w in model.weights]
    ck.restore(p1).assert_consumed()
    for w, want in zip(model.weights, w1):
        np.testing.assert_array_equal(w.numpy(), want)
    other = _seq()
    ck2 = tf.train.Checkpoint(model=other)
    ck2.restore(p1)
    ck2.restore(p2)  # the later restore wins
    for w, want in zip(other.weights, w2):
        np.testing.assert_array_equal(w.numpy(), want)


def test_metric_round_trip(tmp_path):
    m = keras.metrics.Mean()
    m.update_state([1.0, 2.0, 6.0])
    path = tf.train.Checkpoint(metric=m).write(str(tmp_path / "m"))  # (TF refuses Keras 3 metrics: tapeflow takes them)
    assert keys(path)[1:] == ["metric/count" + V, "metric/total" + V]
    m2 = keras.metrics.Mean()
    tf.train.Checkpoint(metric=m2).read(path).assert_consumed()
    assert float(m2.result()) == 3.0


def test_pending_restores_do_not_keep_objects_alive(tmp_path):
    model = _seq()
    model(_x()[0])
    path = tf.train.Checkpoint(model=model).write(str(tmp_path / "m"))
    fresh = keras.Sequential([keras.layers.Dense(3), keras.layers.Dense(2)])
    tf.train.Checkpoint(model=fresh).restore(path)
    assert train_hooks.PENDING
    del fresh
    gc.collect()
    assert not train_hooks.PENDING


def test_checkpointing_does_not_move_keras_name_counters(monkeypatch):
    def number(name):
        return int(name.rsplit("_", 1)[1]) if "_" in name else 0

    monkeypatch.setattr(T, "_KINDS", {})  # as on first use
    a = keras.layers.Layer().name
    assert T._keras_kinds()
    b = keras.layers.Layer().name
    assert number(b) == number(a) + 1


# -- statuses ---------------------------------------------------------------------------------------------
def test_statuses(tmp_path):
    path = tf.train.Checkpoint(v=tf.Variable([1.0, 2.0])).write(str(tmp_path / "y"))
    st = tf.train.Checkpoint(w=tf.Variable([1.0, 2.0])).restore(path)
    with pytest.raises(AssertionError, match=r"Unresolved object in checkpoint .*'v/\.ATTRIBUTES/VARIABLE_VALUE'"):
        st.assert_consumed()
    with pytest.raises(AssertionError, match="Found 2 Python objects that were not bound to checkpointed values"):
        st.assert_existing_objects_matched()
    assert st.assert_nothing_matched() is st and st.expect_partial() is st
    assert st.run_restore_ops() is None and st.initialize_or_restore() is None
    with pytest.raises(AssertionError, match="Nothing except the root"):
        st.assert_nontrivial_match()
    st2 = tf.train.Checkpoint(v=tf.Variable([0.0, 0.0])).restore(path)
    with pytest.raises(AssertionError, match="Expected nothing to match"):
        st2.assert_nothing_matched()
    st2.assert_nontrivial_match()
    with pytest.raises(AssertionError, match="save_counter"):  # TF: restore makes the counter, unmatched here
        st2.assert_consumed()
    none = tf.train.Checkpoint(v=tf.Variable(1.0)).restore(None)
    assert type(none).__name__ == "InitializationOnlyStatus"
    assert none.assert_nothing_matched() is none and none.expect_partial() is none
    with pytest.raises(AssertionError):
        none.assert_consumed()
    with pytest.raises(AssertionError):
        none.assert_existing_objects_matched()


# -- errors -------------------------------------------------------------------------------------------------
def test_missing_checkpoint_is_not_found(tmp_path):
    ck = tf.train.Checkpoint(v=tf.Variable(1.0))
    with pytest.raises(tf.errors.NotFoundError, match="Failed to find any matching files for .*nothing"):
        ck.restore(str(tmp_path / "nothing"))
    with pytest.raises(FileNotFoundError):  # NotFoundError is one too
        tf.train.load_checkpoint(str(tmp_path / "nothing"))
    with pytest.raises(ValueError, match="Couldn't find 'checkpoint' file"):
        tf.train.list_variables(str(tmp_path))
    path = ck.write(str(tmp_path / "c"))
    os.remove(path + ".data-00000-of-00001")
    with pytest.raises(tf.errors.NotFoundError, match="data file"):
        ck.restore(path)


def test_shape_and_dtype_mismatches_name_the_variable(tmp_path):
    path = tf.train.Checkpoint(v=tf.Variable([1.0, 2.0])).write(str(tmp_path / "y"))
    with pytest.raises(ValueError, match=r"shape \(2,\) when attempting to restore variable with shape \(3,\) .*'v/"):
        tf.train.Checkpoint(v=tf.Variable([1.0, 2.0, 3.0])).restore(path)
    with pytest.raises(ValueError, match="dtype float32 .* dtype int32"):
        tf.train.Checkpoint(v=tf.Variable([1, 2])).restore(path)


def _corrupt_cases(path):
    data, index = path + ".data-00000-of-00001", path + ".index"
    raw = open(index, "rb").read()
    return {
        "truncated data": (data, lambda b: b[:-3], "data file has"),
        "flipped byte": (data, lambda b: bytes([b[0] ^ 0xFF]) + b[1:], "fails its CRC-32 check"),
        "truncated index": (index, lambda b: b[: len(raw) // 2], "unreadable header"),
        "not ours": (index, lambda b: b"hello" + b, "bad magic line"),
        "bad shape": (index, lambda b: b.replace(b'"shape":[2]', b'"shape":[7]'), "bytes for shape"),
        "beyond data": (index, lambda b: b.replace(b'"offset":0', b'"offset":999'), "lie beyond"),
    }


@pytest.mark.parametrize("case", ["truncated data", "flipped byte", "truncated index", "not ours", "bad shape",
                                  "beyond data"])
def test_corrupt_files_are_data_loss_errors(tmp_path, case):
    path = tf.train.Checkpoint(v=tf.Variable([1.0, 2.0])).write(str(tmp_path / "c"))
    f, edit, msg = _corrupt_cases(path)[case]
    with open(f, "rb") as fh:
        content = edit(fh.read())
    with open(f, "wb") as fh:
        fh.write(content)
    v = tf.Variable([5.0, 5.0])
    with pytest.raises(tf.errors.DataLossError, match=msg) as info:
        tf.train.Checkpoint(v=v).restore(path)
    assert str(tmp_path / "c") in str(info.value)
    np.testing.assert_array_equal(v.numpy(), [5.0, 5.0])  # nothing was assigned


def test_tf_written_checkpoint_is_refused_clearly(tmp_path):
    prefix = str(tmp_path / "tfckpt-1")
    # the shape of a TF .index file: a LevelDB-style table ending with its magic number
    open(prefix + ".index", "wb").write(b"\x00\x00\x06\x08\x01\x1a\x02_CHECKPOINTABLE" + bytes.fromhex("57fb808b247547db"))
    open(prefix + ".data-00000-of-00001", "wb").write(b"\x00" * 8)
    with pytest.raises(tf.errors.UnimplementedError, match="written by TensorFlow"):
        tf.train.Checkpoint(v=tf.Variable(1.0)).restore(prefix)
    with pytest.raises(NotImplementedError, match="tapeflow reads only checkpoints written by tapeflow"):
        tf.train.list_variables(prefix)


# -- atomic writes ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("fail_on", [".index", ".data-00000-of-00001"])
def test_failed_save_keeps_the_previous_checkpoint(tmp_path, monkeypatch, fail_on):
    v = tf.Variable([1.0, 2.0])
    ck = tf.train.Checkpoint(v=v)
    manager = tf.train.CheckpointManager(ck, str(tmp_path), max_to_keep=1)
    first = manager.save()
    state = (tmp_path / "checkpoint").read_text()
    before = sorted(os.listdir(tmp_path))
    real = os.replace

    def crash(src, dst):
        if str(dst).endswith(fail_on):
            raise OSError("disk full (simulated)")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", crash)
    v.assign([9.0, 9.0])
    with pytest.raises(OSError, match="simulated"):
        manager.save()
    monkeypatch.setattr(os, "replace", real)
    assert sorted(os.listdir(tmp_path)) == before if fail_on == ".data-00000-of-00001" else True
    assert not [f for f in os.listdir(tmp_path) if f.endswith(".tmp")]  # no temporaries left
    assert (tmp_path / "checkpoint").read_text() == state
    assert int(ck.save_counter.numpy()) == 1 and manager.latest_checkpoint == first
    assert tf.train.latest_checkpoint(str(tmp_path)) == first
    ck.restore(first).assert_consumed()
    np.testing.assert_array_equal(v.numpy(), [1.0, 2.0])
    assert manager.save() == str(tmp_path / "ckpt-2")  # and saving works again


def test_crash_while_writing_data_leaves_no_temporaries(tmp_path, monkeypatch):
    ck = tf.train.Checkpoint(v=tf.Variable(1.0), w=tf.Variable(2.0))
    calls = []

    def boom(arr):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(arr)

    real = T._encode
    monkeypatch.setattr(T, "_encode", boom)
    with pytest.raises(KeyboardInterrupt):
        ck.save(str(tmp_path / "ckpt"))
    assert os.listdir(tmp_path) == []


# -- the manager --------------------------------------------------------------------------------------------
_TS = r"\d+(\.\d+)?(e\+\d+)?"


def test_manager_keeps_max_to_keep_and_writes_tfs_checkpoint_file(tmp_path):
    ck = tf.train.Checkpoint(a=tf.Variable(1.0))
    d = str(tmp_path)
    mgr = tf.train.CheckpointManager(ck, d, max_to_keep=2)
    assert mgr.latest_checkpoint is None and mgr.checkpoints == [] and mgr.directory == d
    assert [mgr.save() for _ in range(3)] == [os.path.join(d, f"ckpt-{i}") for i in (1, 2, 3)]
    assert mgr.checkpoints == [os.path.join(d, "ckpt-2"), os.path.join(d, "ckpt-3")]
    assert mgr.latest_checkpoint == tf.train.latest_checkpoint(d) == os.path.join(d, "ckpt-3")
    assert sorted(os.listdir(d)) == ["checkpoint", "ckpt-2.data-00000-of-00001", "ckpt-2.index",
                                     "ckpt-3.data-00000-of-00001", "ckpt-3.index"]
    text = (tmp_path / "checkpoint").read_text()
    assert re.fullmatch(
        'model_checkpoint_path: "ckpt-3"\nall_model_checkpoint_paths: "ckpt-2"\nall_model_checkpoint_paths: "ckpt-3"\n'
        f"all_model_checkpoint_timestamps: {_TS}\nall_model_checkpoint_timestamps: {_TS}\n"
        f"last_preserved_timestamp: {_TS}\n", text), text
    assert mgr.save(checkpoint_number=10) == os.path.join(d, "ckpt-10")
    assert int(ck.save_counter.numpy()) == 4  # still counted
    st = tf.train.get_checkpoint_state(d)
    assert st.model_checkpoint_path == os.path.join(d, "ckpt-10")
    assert st.all_model_checkpoint_paths == [os.path.join(d, "ckpt-3"), os.path.join(d, "ckpt-10")]
    assert len(st.all_model_checkpoint_timestamps) == 2
    # a new manager picks up the directory's state, and sweeps beyond its own max_to_keep
    mgr2 = tf.train.CheckpointManager(ck, d, max_to_keep=1)
    assert mgr2.checkpoints == mgr.checkpoints and mgr2.latest_checkpoint == os.path.join(d, "ckpt-10")
    mgr2.save(checkpoint_number=tf.Variable(11, dtype=tf.int64))
    assert mgr2.checkpoints == [os.path.join(d, "ckpt-11")]
    assert sorted(os.listdir(d)) == ["checkpoint", "ckpt-11.data-00000-of-00001", "ckpt-11.index"]
    with pytest.raises(ValueError, match="Expected a positive integer or `None` for `max_to_keep`, got 0"):
        tf.train.CheckpointManager(ck, d, max_to_keep=0)


def test_manager_max_to_keep_none_keeps_all(tmp_path):
    mgr = tf.train.CheckpointManager(tf.train.Checkpoint(a=tf.Variable(1.0)), str(tmp_path), max_to_keep=None,
                                     checkpoint_name="model")
    for _ in range(4):
        mgr.save()
    assert [os.path.basename(p) for p in mgr.checkpoints] == ["model-1", "model-2", "model-3", "model-4"]


def test_keep_checkpoint_every_n_hours(tmp_path, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(T.time, "time", lambda: clock[0])
    ck = tf.train.Checkpoint(a=tf.Variable(1.0))
    mgr = tf.train.CheckpointManager(ck, str(tmp_path), max_to_keep=1, keep_checkpoint_every_n_hours=1)
    for _ in range(6):  # a save every 20 minutes: one in three is older than the hour since the last kept
        clock[0] += 1200.0
        mgr.save()
    present = sorted(int(f.split("-")[1].split(".")[0]) for f in os.listdir(tmp_path) if f.endswith(".index"))
    assert present == [3, 6] and mgr.checkpoints == [str(tmp_path / "ckpt-6")]
    assert f"last_preserved_timestamp: {1000.0 + 3 * 1200.0!r}" in (tmp_path / "checkpoint").read_text()


def test_checkpoint_interval_and_restore_or_initialize(tmp_path):
    step = tf.Variable(0, dtype=tf.int64)
    ck = tf.train.Checkpoint(step=step)
    inits = []
    with pytest.raises(ValueError, match="`step_counter` should be passed"):
        tf.train.CheckpointManager(ck, str(tmp_path), checkpoint_interval=3)
    mgr = tf.train.CheckpointManager(ck, str(tmp_path), step_counter=step, checkpoint_interval=3,
                                     init_fn=lambda: inits.append(1))
    assert mgr.checkpoint_interval == 3 and mgr.restore_or_initialize() is None and inits == [1]
    saved = []
    for _ in range(8):
        step.assign_add(1)
        saved.append(mgr.save(checkpoint_number=step))
    assert [os.path.basename(p) if p else None for p in saved] == [
        "ckpt-1", None, None, "ckpt-4", None, None, "ckpt-7", None]
    assert os.path.basename(mgr.save(checkpoint_number=step, check_interval=False)) == "ckpt-8"
    assert mgr.save(checkpoint_number=step, check_interval=False) is None  # the same step again
    step.assign(0)
    mgr2 = tf.train.CheckpointManager(ck, str(tmp_path), step_counter=step, checkpoint_interval=3)
    assert mgr2.restore_or_initialize() == str(tmp_path / "ckpt-8") and int(step.numpy()) == 8
    step.assign_add(1)
    assert mgr2.save() is None  # within the interval of the restored step


def test_checkpoint_options_are_recorded_and_callbacks_run(tmp_path):
    seen = []
    opts = tf.train.CheckpointOptions(experimental_io_device="/job:localhost",
                                      experimental_write_callbacks=[seen.append, lambda: seen.append("none")])
    path = tf.train.Checkpoint(a=tf.Variable(1.0)).write(str(tmp_path / "c"), options=opts)
    assert seen == [path, "none"] and opts.experimental_io_device == "/job:localhost"


def test_unreadable_state_file_is_ignored_with_a_warning(tmp_path):
    (tmp_path / "checkpoint").write_text("garbage without a colon\n")
    with pytest.warns(UserWarning, match="unreadable checkpoint state file"):
        assert tf.train.latest_checkpoint(str(tmp_path)) is None


def test_random_generator_state_round_trips(tmp_path):
    g = tf.random.Generator.from_seed(1)
    cp = tf.train.Checkpoint(generator=g)
    g.normal([])
    path = cp.write(str(tmp_path / "rng"))
    assert keys(path)[1:] == ["generator/_state_var" + V]  # TF's key (the value is tapeflow's Philox state)
    want = [g.normal([3]).numpy(), g.uniform([2]).numpy()]
    cp.read(path).assert_consumed()
    np.testing.assert_array_equal(g.normal([3]).numpy(), want[0])
    np.testing.assert_array_equal(g.uniform([2]).numpy(), want[1])
    other = tf.random.Generator.from_seed(99)
    tf.train.Checkpoint(generator=other).read(path)
    np.testing.assert_array_equal(other.normal([3]).numpy(), want[0])


def test_checkpoints_iterator_yields_new_checkpoints(tmp_path):
    ck = tf.train.Checkpoint(v=tf.Variable(1.0))
    assert list(tf.train.checkpoints_iterator(str(tmp_path), timeout=0)) == []
    first = ck.save(str(tmp_path / "ckpt"))
    it = tf.train.checkpoints_iterator(str(tmp_path), timeout=0.05, timeout_fn=lambda: True)
    assert next(it) == first
    second = ck.save(str(tmp_path / "ckpt"))
    assert next(it) == second
    assert list(it) == []


def test_restore_releases_the_checkpoint_bytes_when_nothing_waits(tmp_path):
    x, y = _x()
    model, opt = _seq(), keras.optimizers.SGD(0.1)  # no slots: its build creates no variables
    _train_step(model, opt, x, y)
    path = tf.train.Checkpoint(model=model, optimizer=opt).save(str(tmp_path / "ckpt"))
    model2, opt2 = _seq(), keras.optimizers.SGD(0.1)
    status = tf.train.Checkpoint(model=model2, optimizer=opt2).restore(path)
    status.assert_consumed()  # the model's variables also matched the optimizer's list: nothing waits
    assert not train_hooks.PENDING and status._ctx.reader._data is None
    built = keras.Sequential([keras.layers.Dense(3), keras.layers.Dense(2)])
    built(x)
    p2 = tf.train.Checkpoint(model=built).write(str(tmp_path / "x"))
    fresh = keras.Sequential([keras.layers.Dense(3), keras.layers.Dense(2)])
    st = tf.train.Checkpoint(model=fresh).read(p2)  # two kernels and two biases wait for the first call
    assert st._ctx.pending == 4
    fresh(x)
    assert st._ctx.pending == 0 and st._ctx.reader._data is None and not train_hooks.PENDING


# -- tf.data iterators (TF's key iterator/.ATTRIBUTES/ITERATOR_STATE) -----------------------------------------
def _ints(it, n):
    return [np.asarray(next(it)).tolist() for _ in range(n)]


@pytest.mark.parametrize("make", [
    lambda: tf.data.Dataset.range(10).repeat().batch(3),
    lambda: tf.data.Dataset.from_tensor_slices(np.arange(20)).shuffle(8, seed=3).map(lambda x: x * 2).batch(2),
    lambda: tf.data.Dataset.range(30).map(lambda x: x + 1, num_parallel_calls=2).batch(4).prefetch(2),
], ids=["repeat-batch", "seeded-shuffle-map", "parallel-map-prefetch"])
def test_iterator_position_round_trips(tmp_path, make):
    it = iter(make())
    _ints(it, 3)
    ck = tf.train.Checkpoint(iterator=it)
    path = ck.write(str(tmp_path / "it"))
    assert keys(path) == ["_CHECKPOINTABLE_OBJECT_GRAPH", "iterator/.ATTRIBUTES/ITERATOR_STATE"]
    assert tf.train.load_variable(path, "iterator/.ATTRIBUTES/ITERATOR_STATE").tolist() == [3]
    expected = _ints(it, 3)
    fresh = iter(make())  # a new run: a new dataset and its first iterator (TF's guide)
    tf.train.Checkpoint(iterator=fresh).read(path).assert_consumed()
    assert _ints(fresh, 3) == expected
    assert fresh._position() == 6
    tf.train.Checkpoint(iterator=fresh).read(path)  # a restore replaces the position, whatever it was
    assert fresh._position() == 3


def test_an_iterator_missing_from_the_checkpoint_is_unmatched(tmp_path):
    path = tf.train.Checkpoint(v=tf.Variable(1.0)).write(str(tmp_path / "v"))
    it = iter(tf.data.Dataset.range(5))
    status = tf.train.Checkpoint(v=tf.Variable(0.0), it=it).read(path)
    with pytest.raises(AssertionError, match="Found 1 Python objects that were not bound .*DatasetIterator"):
        status.assert_existing_objects_matched()
    assert int(next(it)) == 0


def test_iterator_restore_after_it_started():
    ds = tf.data.Dataset.range(10).shuffle(4, seed=5, reshuffle_each_iteration=False).batch(2)
    it = iter(ds)
    first = _ints(it, 2)
    it._restore_position(1)
    assert _ints(it, 1) == first[1:]


def test_iterator_restore_is_deferred_and_resumes_training_input(tmp_path):
    # the guide's flow: a checkpoint manager saves step, iterator and model; a new run restores them
    def make():
        return tf.data.Dataset.from_tensor_slices(dict(x=np.arange(10.0)[:, None])).repeat().batch(2)

    it = iter(make())
    mgr = tf.train.CheckpointManager(tf.train.Checkpoint(iterator=it, step=tf.Variable(1)), str(tmp_path), 2)
    _ints((e["x"] for e in it), 7)
    mgr.save()
    expected = [next(it)["x"].numpy().tolist() for _ in range(4)]
    ck = tf.train.Checkpoint(step=tf.Variable(1))
    ck.restore(tf.train.latest_checkpoint(str(tmp_path)))  # no iterator yet: its value waits
    ck.iterator = iter(make())
    assert [next(ck.iterator)["x"].numpy().tolist() for _ in range(4)] == expected


def test_iterator_at_the_end_and_shared_by_threads(tmp_path):
    import threading

    it = iter(tf.data.Dataset.range(5))
    assert len(list(it)) == 5
    path = tf.train.Checkpoint(it=it).write(str(tmp_path / "end"))
    fresh = iter(tf.data.Dataset.range(5))
    tf.train.Checkpoint(it=fresh).read(path)
    assert list(fresh) == []

    it = iter(tf.data.Dataset.range(4000).prefetch(4))  # a prefetching iterator steps without the lock
    got = []

    def work():
        for e in it:
            got.append(int(e))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(got) == list(range(4000)) and it._position() == 4000


# -- trackable lists and dicts (TF's ListWrapper / _DictWrapper) ---------------------------------------------
def test_lists_and_dicts_assigned_to_a_checkpoint_are_wrapped(tmp_path):
    ck = tf.train.Checkpoint()
    ck.listed = []
    ck.mapped = {}
    assert repr(ck.listed) == str(ck.listed) == "ListWrapper([])"
    assert repr(ck.mapped) == "DictWrapper({})" and str(ck.mapped) == "{}"
    assert isinstance(ck.listed, list) and isinstance(ck.mapped, dict) and ck.listed == [] and ck.mapped == {}
    ck.listed.append(tf.Variable(1.0))
    ck.listed.append([])  # nested lists and dicts are wrapped too
    ck.listed[1].append(tf.Variable(2.0))
    ck.mapped["a"] = {"b": tf.Variable(3.0)}
    assert type(ck.listed[1]).__name__ == "ListWrapper" and type(ck.mapped["a"]).__name__ == "_DictWrapper"
    assert keys(ck.write(str(tmp_path / "c")))[1:] == ["listed/0" + V, "listed/1/0" + V, "mapped/a/b" + V]
    # list and dict behaviour
    raw = [1, 2]
    ck.nums = raw
    raw.append(3)  # the wrapper shares the assigned list's contents, as TF's
    assert ck.nums == [1, 2, 3] and [0] + ck.nums == [0, 1, 2, 3] and ck.nums + [4] == [1, 2, 3, 4]
    assert ck.nums[1:] == [2, 3] and type(ck.nums[1:]) is list and ",".join(map(str, ck.nums)) == "1,2,3"
    assert np.array(ck.nums).tolist() == [1, 2, 3] and tf.constant(ck.nums).numpy().tolist() == [1, 2, 3]
    assert tf.nest.flatten(ck.nums) == [1, 2, 3] and tuple(ck.nums) == (1, 2, 3) and len(ck.nums) == 3
    ck.d = {"x": 1}
    assert dict(ck.d) == {"x": 1} and {**ck.d} == {"x": 1} and (ck.d | {"y": 2}) == {"x": 1, "y": 2}
    import copy
    import pickle

    for c in (copy.copy(ck.nums), copy.deepcopy(ck.nums), pickle.loads(pickle.dumps(ck.nums))):
        assert type(c).__name__ == "ListWrapper" and c == [1, 2, 3]
    assert type(copy.deepcopy(ck.d)).__name__ == "_DictWrapper"
    with pytest.raises(TypeError, match="unhashable"):
        hash(ck.nums)


def test_guide_cells_19_20_restore_into_lists_and_dicts_as_elements_arrive(tmp_path):
    save = tf.train.Checkpoint()
    save.listed = [tf.Variable(1.0)]
    save.listed.append(tf.Variable(2.0))
    save.mapped = {"one": save.listed[0]}
    save.mapped["two"] = save.listed[1]
    save_path = save.save(str(tmp_path / "tf_list_example"))
    restore = tf.train.Checkpoint()
    v2 = tf.Variable(0.0)
    restore.mapped = {"two": v2}
    restore.restore(save_path)
    assert float(v2.numpy()) == 2.0
    restore.listed = []
    v1 = tf.Variable(0.0)
    restore.listed.append(v1)  # restored on append
    assert float(v1.numpy()) == 1.0
    # into dict items added later, and nested lists
    s = tf.train.Checkpoint()
    s.listed = [tf.Variable(1.0), [tf.Variable(2.0)]]
    s.mapped = {"one": tf.Variable(3.0)}
    path = s.write(str(tmp_path / "n"))
    r = tf.train.Checkpoint()
    r.read(path)
    r.mapped = {}
    v, w = tf.Variable(0.0), tf.Variable(0.0)
    r.mapped["one"] = v
    r.listed = [tf.Variable(0.0)]
    r.listed.append([])
    r.listed[1].append(w)
    assert (float(v.numpy()), float(r.listed[0].numpy()), float(w.numpy())) == (3.0, 1.0, 2.0)


def test_module_lists_are_wrapped_and_restored_on_append(tmp_path):
    m = tf.Module()
    m.a = []
    m.a.append(tf.Variable(5.0))
    m.d = {"k": [tf.Variable(6.0)]}
    assert repr(m.a).startswith("ListWrapper([") and [float(x.numpy()) for x in m.trainable_variables] == [5, 6]
    path = tf.train.Checkpoint(m=m).write(str(tmp_path / "m"))
    m2 = tf.Module()
    tf.train.Checkpoint(m=m2).read(path)
    m2.a = []
    u = tf.Variable(0.0)
    m2.a.append(u)
    assert float(u.numpy()) == 5.0


def test_non_append_mutations_and_non_string_keys_refuse_to_save(tmp_path):
    ck = tf.train.Checkpoint()
    ck.plain = [3, 1, 2]
    ck.plain.sort()  # no trackables involved: still saveable
    ck.write(str(tmp_path / "ok"))
    ck.l2 = [tf.Variable(1.0), tf.Variable(2.0)]
    ck.l2[0] = tf.Variable(5.0)
    with pytest.raises(ValueError, match=r"Unable to save the object ListWrapper\(\[.*A list element was replaced"):
        ck.write(str(tmp_path / "bad"))
    del ck.l2
    ck.d2 = {1: tf.Variable(1.0)}
    with pytest.raises(ValueError, match="contains a non-string key which maps to a trackable object"):
        ck.write(str(tmp_path / "bad2"))


def test_load_checkpoint_list_and_load_variable_take_a_directory(tmp_path):
    v = tf.Variable([1.0, 2.0])
    mgr = tf.train.CheckpointManager(tf.train.Checkpoint(v=v), str(tmp_path / "tf_ckpts"), max_to_keep=3)
    mgr.save()
    v.assign([3.0, 4.0])
    mgr.save()
    d = str(tmp_path / "tf_ckpts") + "/"
    reader = tf.train.load_checkpoint(d)
    assert reader.get_tensor("v" + V).tolist() == [3.0, 4.0]
    assert sorted(reader.get_variable_to_shape_map()) == ["_CHECKPOINTABLE_OBJECT_GRAPH", "save_counter" + V, "v" + V]
    assert tf.train.list_variables(d) == [("_CHECKPOINTABLE_OBJECT_GRAPH", []), ("save_counter" + V, []),
                                          ("v" + V, [2])]
    assert tf.train.load_variable(d, "v" + V).tolist() == [3.0, 4.0]
    with pytest.raises(KeyError):
        reader.get_variable_to_shape_map()["v/kernel" + V]
    with pytest.raises(tf.errors.NotFoundError, match="Key v/kernel/.ATTRIBUTES/VARIABLE_VALUE not found in checkpoint"):
        reader.get_tensor("v/kernel" + V)
