"""File faults: killed saves, damaged weight files, corrupt dataset files, full disks.

- A save killed mid-write leaves its temporary file; the next save removes it (never a live writer's)
  and the previous file survives the kill.
- ``.weights.npz`` loading checks every entry from the ``.npy`` headers before reading data, reads
  only the entries it needs, one at a time, and names path and entry for each kind of damage.
- A corrupt dataset file given explicitly names the dataset and the path.
- A full disk or a file-size limit names the operation and the path, keeps the errno, and the
  previous file survives.
"""

from __future__ import annotations

import errno
import gzip
import io
import os
import signal
import subprocess
import sys
import textwrap
import time
import tracemalloc
import zipfile
from pathlib import Path

import numpy as np
import pytest

import tapeflow as tf
from tapeflow import _io, keras
from tapeflow.keras.datasets import boston_housing, fashion_mnist, imdb, mnist

ROOT = Path(__file__).resolve().parents[1]

try:
    import h5py  # noqa: F401
    HAVE_H5 = True
except ImportError:
    HAVE_H5 = False

needs_h5 = pytest.mark.skipif(not HAVE_H5, reason="needs h5py")


def _model(seed: float = 0.0, width: int = 16):
    m = keras.Sequential([keras.Input((8,)), keras.layers.Dense(width), keras.layers.Dense(4)])
    m.set_weights([np.full(w.shape, seed + i, "float32") for i, w in enumerate(m.weights)])
    return m


def _temporaries(d: Path) -> list:
    return sorted(n for n in os.listdir(d) if n.endswith((".tmp", ".part")))


def _run_child(code: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


# -- 1. temporaries of killed writers ---------------------------------------------------------------------

# how each writer saves a model built with _model(seed) (in the child and in this process)
SAVES = {
    "npz": "m.save_weights(os.path.join(d, 'm.weights.npz'))",
    "h5": "m.save_weights(os.path.join(d, 'm.weights.h5'))",
    "keras": "m.save(os.path.join(d, 'm.keras'))",
    "checkpoint": "tf.train.Checkpoint(model=m).write(os.path.join(d, 'ckpt'))",
    "manager": "tf.train.CheckpointManager(tf.train.Checkpoint(model=m), d, max_to_keep=3).save()",
}
TARGETS = {"npz": ["m.weights.npz"], "h5": ["m.weights.h5"], "keras": ["m.keras"],
           "checkpoint": ["ckpt.index", "ckpt.data-00000-of-00001"], "manager": ["checkpoint", "ckpt-1.index"]}


def _save(kind: str, m, d: Path) -> None:
    exec(SAVES[kind], {"m": m, "d": str(d), "os": os, "tf": tf})


def _loaded_kernel(kind: str, d: Path) -> np.ndarray:
    m = _model(-1.0)
    if kind in ("npz", "h5"):
        m.load_weights(str(d / TARGETS[kind][0]))
    elif kind == "keras":
        m = keras.models.load_model(str(d / "m.keras"))
    else:
        prefix = str(d / "ckpt") if kind == "checkpoint" else tf.train.latest_checkpoint(str(d))
        tf.train.Checkpoint(model=m).read(prefix).expect_partial()
    return m.weights[0].numpy()


@pytest.mark.parametrize("kind", [k for k in SAVES if HAVE_H5 or k not in ("h5", "keras")])
def test_killed_save_leaves_previous_file_and_next_save_removes_its_temporary(tmp_path, kind):
    _save(kind, _model(1.0), tmp_path)
    before = {n: (tmp_path / n).read_bytes() for n in TARGETS[kind]}
    # the child is killed (SIGKILL) after writing its temporary file in full, just before the rename
    child = _run_child(f"""
        import os, signal
        import numpy as np
        import tapeflow as tf
        from tapeflow import keras
        os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)
        print(os.getpid(), flush=True)
        m = keras.Sequential([keras.Input((8,)), keras.layers.Dense(16), keras.layers.Dense(4)])
        m.set_weights([np.full(w.shape, 2.0, "float32") for w in m.weights])
        d = {str(tmp_path)!r}
        {SAVES[kind]}
        """, tmp_path)
    assert child.returncode == -signal.SIGKILL, child.stderr
    left = _temporaries(tmp_path)
    assert len(left) == 1 and f".{child.stdout.strip()}-" in left[0], left  # the killed writer's temporary
    assert {n: (tmp_path / n).read_bytes() for n in TARGETS[kind]} == before  # the previous file survived
    assert _loaded_kernel(kind, tmp_path)[0, 0] == 1.0
    _save(kind, _model(3.0), tmp_path)  # the next save removes the dead writer's temporary
    assert _temporaries(tmp_path) == []
    assert _loaded_kernel(kind, tmp_path)[0, 0] == 3.0


def test_sigkill_during_a_real_save(tmp_path):
    """SIGKILL at a random moment of a ~24 MB save loop: the target always loads, and one more save leaves
    no temporary."""
    path = tmp_path / "big.weights.npz"
    big = keras.Sequential([keras.Input((1000,)), keras.layers.Dense(3000), keras.layers.Dense(1000)])
    big.save_weights(str(path))
    code = f"""
        import numpy as np
        from tapeflow import keras
        m = keras.Sequential([keras.Input((1000,)), keras.layers.Dense(3000), keras.layers.Dense(1000)])
        while True:
            m.save_weights({str(path)!r})
        """
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for _ in range(2):
        proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], env=env)
        try:
            deadline = time.monotonic() + 60
            while not _temporaries(tmp_path) and time.monotonic() < deadline:
                time.sleep(0.002)
            time.sleep(0.01)
        finally:
            proc.kill()
            proc.wait()
        big.load_weights(str(path))  # intact: the old file or a complete new one
    big.save_weights(str(path))
    assert _temporaries(tmp_path) == []


def _name(prefix: str, pid: int, host: str | None = None, suffix: str = ".tmp") -> str:
    return f"{prefix}{pid}-{host or _io._host_tag()}-abcd1234{suffix}"


def test_live_writers_and_other_files_are_left_alone(tmp_path):
    prefix = ".m.weights.npz."
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        dead = subprocess.Popen([sys.executable, "-c", "pass"])
        dead.wait()
        files = {
            "live": _name(prefix, sleeper.pid),                   # a live process is writing it
            "mine": _name(prefix, os.getpid()),                   # another thread of this process
            "dead": _name(prefix, dead.pid),                      # its writer is gone
            "other_dead": _name(".n.weights.h5.", dead.pid),      # another target, same host, writer gone
            "other_host_new": _name(prefix, dead.pid, "0badc0de"),  # another host: judged by age only
            "other_host_old": _name(prefix, 1, "0badc0de"),
            "legacy_new": prefix + "zyxw9876.tmp",                # named before the pid was in the name
            "legacy_old": prefix + "qrst5432.tmp",
            "unrelated": ".m.weights.npz.notours.tmp",
            "other_suffix": _name(prefix, dead.pid, suffix=".bak"),
        }
        for f in files.values():
            (tmp_path / f).write_bytes(b"partial")
        old = time.time() - 2 * _io.STALE_AFTER_S
        for k in ("other_host_old", "legacy_old"):
            os.utime(tmp_path / files[k], (old, old))
        _model().save_weights(str(tmp_path / "m.weights.npz"))
        gone = {k for k, f in files.items() if not (tmp_path / f).exists()}
        assert gone == {"dead", "other_dead", "other_host_old", "legacy_old"}
    finally:
        sleeper.kill()
        sleeper.wait()
    _model().save_weights(str(tmp_path / "m.weights.npz"))  # the sleeper is dead now
    assert not (tmp_path / files["live"]).exists()
    assert (tmp_path / files["mine"]).exists()


# -- 2. reading .weights.npz ----------------------------------------------------------------------------

def _saved(tmp_path: Path, seed: float = 1.0) -> tuple:
    path = tmp_path / "m.weights.npz"
    _model(seed).save_weights(str(path))
    return path, _model(5.0)


def _rewrite(path: Path, edit) -> None:
    """Rewrite the zip at ``path``: ``edit(name, data) -> [(name, data), ...]`` per member."""
    with zipfile.ZipFile(path) as z:
        members = [(n, z.read(n)) for n in z.namelist()]
    with zipfile.ZipFile(path, "w") as z:
        for n, data in members:
            for n2, d2 in edit(n, data):
                z.writestr(n2, d2)


def _unchanged(model) -> bool:
    return all(np.all(w.numpy() == 5.0 + i) for i, w in enumerate(model.weights))


def test_truncated_npz_names_the_file(tmp_path):
    path, m = _saved(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ValueError, match=rf"load_weights: '{path}'.*the file has \d+ bytes: truncated"):
        m.load_weights(str(path))
    assert _unchanged(m)


def test_unexpected_entry_and_entry_without_npy_suffix(tmp_path):
    path, m = _saved(tmp_path)
    _rewrite(path, lambda n, d: [(n, d)] + ([("extra.npy", d)] if n == "w0000.npy" else []))
    with pytest.raises(ValueError, match=rf"'{path}'.*unexpected entry 'extra.npy'.*expected only 'w0000.npy'"):
        m.load_weights(str(path))
    path, m = _saved(tmp_path)
    _rewrite(path, lambda n, d: [(n[:-4] if n == "w0001.npy" else n, d)])
    with pytest.raises(ValueError, match=r"unexpected entry 'w0001' \(no '.npy' suffix\)"):
        m.load_weights(str(path))
    assert _unchanged(m)


def _npy(shape: tuple, dtype: str, payload: bytes) -> bytes:
    buf = io.BytesIO()
    np.lib.format.write_array_header_1_0(buf, {"descr": np.lib.format.dtype_to_descr(np.dtype(dtype)),
                                               "fortran_order": False, "shape": shape})
    return buf.getvalue() + payload


def test_header_claiming_a_huge_shape_is_refused_without_allocating(tmp_path):
    path, m = _saved(tmp_path)
    _rewrite(path, lambda n, d: [(n, _npy((10**6, 10**6), "float32", b"\0" * 64) if n == "w0000.npy" else d)])
    tracemalloc.start()
    try:
        with pytest.raises(ValueError, match=r"entry 'w0000.npy' is truncated: its header promises shape "
                                             r"\(1000000, 1000000\) of float32 \(4000000000000 bytes\) but the "
                                             r"entry holds 64 bytes"):
            m.load_weights(str(path))
        assert tracemalloc.get_traced_memory()[1] < 10 * 2**20
    finally:
        tracemalloc.stop()


def test_pickled_structured_and_text_entries_are_refused(tmp_path):
    path, m = _saved(tmp_path)
    obj = io.BytesIO()
    np.save(obj, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    _rewrite(path, lambda n, d: [(n, obj.getvalue() if n == "w0001.npy" else d)])
    with pytest.raises(ValueError, match=r"entry 'w0001.npy' stores Python objects .*never unpickles"):
        m.load_weights(str(path))
    for dtype, msg in (("f4,f4", "structured dtype"), ("U3", "holds <U3; expected a numeric array")):
        path, m = _saved(tmp_path)
        arr = np.zeros(16, dtype)
        raw = io.BytesIO()
        np.save(raw, arr)
        _rewrite(path, lambda n, d, raw=raw: [(n, raw.getvalue() if n == "w0001.npy" else d)])
        with pytest.raises(ValueError, match=msg):
            m.load_weights(str(path))
    assert _unchanged(m)


def test_damaged_data_is_found_before_any_weight_changes(tmp_path):
    path, m = _saved(tmp_path)
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("w0002.npy")
    data = bytearray(path.read_bytes())
    data[info.header_offset + info.compress_size] ^= 0xFF  # a byte of w0002's data (the CRC no longer matches)
    path.write_bytes(bytes(data))
    with pytest.raises(ValueError, match=rf"'{path}'.*entry 'w0002.npy' is damaged.*CRC"):
        m.load_weights(str(path))
    assert _unchanged(m)  # all or nothing: w0000 and w0001 were not installed either


def test_skipped_entries_are_never_read(tmp_path):
    path = tmp_path / "m.weights.npz"
    _model(1.0, width=256).save_weights(str(path))
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("w0000.npy")  # the (8, 256) kernel (8 KiB): mis-shaped for a width-128 model
    data = bytearray(path.read_bytes())
    data[info.header_offset + info.compress_size] ^= 0xFF  # near the end of its data
    path.write_bytes(bytes(data))
    m = _model(5.0, width=128)
    m.load_weights(str(path), skip_mismatch=True)  # only the last bias fits; the damaged entry is never read
    np.testing.assert_array_equal(m.weights[0].numpy(), 5.0)
    np.testing.assert_array_equal(m.weights[3].numpy(), 4.0)  # the last bias came from the file (seed 1 + 3)
    with pytest.raises(ValueError, match="entry 'w0000.npy' is damaged"):
        _model(5.0, width=256).load_weights(str(path))


def test_fortran_order_and_castable_dtypes_load(tmp_path):
    path, m = _saved(tmp_path)
    want = np.arange(8 * 16, dtype="float64").reshape(8, 16)
    raw = io.BytesIO()
    np.save(raw, np.asfortranarray(want))
    _rewrite(path, lambda n, d: [(n, raw.getvalue() if n == "w0000.npy" else d)])
    m.load_weights(str(path))
    got = m.weights[0].numpy()
    assert got.dtype == np.float32 and got.flags.c_contiguous
    np.testing.assert_array_equal(got, want.astype("float32"))


def test_compressed_npz_and_deflated_keras_files_load(tmp_path):
    m = _model(1.0, width=300)
    m.save_weights(str(tmp_path / "a.weights.npz"))
    with np.load(tmp_path / "a.weights.npz") as f:
        np.savez_compressed(tmp_path / "c.weights.npz", **{k: f[k] for k in f.files})
    other = _model(5.0, width=300)
    other.load_weights(str(tmp_path / "c.weights.npz"))
    for a, b in zip(m.get_weights(), other.get_weights()):
        np.testing.assert_array_equal(a, b)
    if not HAVE_H5:
        return
    m.save(str(tmp_path / "m.keras"))
    with zipfile.ZipFile(tmp_path / "m.keras") as z, \
            zipfile.ZipFile(tmp_path / "c.keras", "w", zipfile.ZIP_DEFLATED) as out:
        for n in z.namelist():
            out.writestr(n, z.read(n))
    loaded = keras.models.load_model(str(tmp_path / "c.keras"))
    other = _model(5.0, width=300)
    other.load_weights(str(tmp_path / "c.keras"))
    for a, b, c in zip(m.get_weights(), loaded.get_weights(), other.get_weights()):
        np.testing.assert_array_equal(a, b)
        np.testing.assert_array_equal(a, c)


@needs_h5
def test_damaged_keras_files_name_the_path(tmp_path):
    path = tmp_path / "m.keras"
    _model(1.0).save(str(path))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    for load in (lambda: keras.models.load_model(str(path)), lambda: _model().load_weights(str(path))):
        with pytest.raises(ValueError, match=rf"'{path}' is not a valid .keras file"):
            load()


def _peak_load(model, path: str) -> int:
    import gc

    gc.collect()
    tracemalloc.start()
    try:
        model.load_weights(path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("fmt", ["weights.npz", "weights.h5", "keras"])
def test_loading_needs_about_one_copy_of_the_weights(tmp_path, fmt):
    """Loading allocates the new weights (once) and little else: before, the whole file was read
    (or copied into memory) and then each array copied again (2x-3x)."""
    if fmt != "weights.npz" and not HAVE_H5:
        pytest.skip("needs h5py")
    m = keras.Sequential([keras.Input((1000,))] + [keras.layers.Dense(1000, use_bias=False) for _ in range(8)])
    size = sum(w.numpy().nbytes for w in m.weights)  # 32 MB
    path = str(tmp_path / f"m.{fmt}")
    m.save(path) if fmt == "keras" else m.save_weights(path)
    peak = _peak_load(m, path)
    assert peak < 1.2 * size, (peak, size)


# -- 3. corrupt dataset files ---------------------------------------------------------------------------

@pytest.mark.parametrize("content", [b"", b"garbage, not a zip", None])
def test_corrupt_explicit_mnist_path_names_dataset_and_path(tmp_path, content):
    path = tmp_path / "mnist.npz"
    if content is None:  # a real .npz cut in half
        np.savez(path, x_train=np.zeros((60, 28, 28), "uint8"), y_train=np.zeros(60, "uint8"),
                 x_test=np.zeros((10, 28, 28), "uint8"), y_test=np.zeros(10, "uint8"))
        content = path.read_bytes()[:2000]
    path.write_bytes(content)
    with pytest.raises(ValueError, match=rf"mnist.load_data: cannot read '{path}': it is corrupt, truncated"):
        mnist.load_data(path=str(path))


def test_corrupt_explicit_paths_of_other_datasets(tmp_path, monkeypatch):
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(ValueError, match=rf"imdb.load_data: cannot read '{bad}'"):
        imdb.load_data(path=str(bad))
    with pytest.raises(ValueError, match=rf"boston_housing.load_data: cannot read '{bad}'"):
        boston_housing.load_data(path=str(bad))
    d = tmp_path / "fashion"
    d.mkdir()
    for fname in fashion_mnist.FILE_HASHES:
        (d / fname).write_bytes(gzip.compress(b"\0" * 100)[:20])  # truncated gzip
    monkeypatch.setenv(fashion_mnist.ENV_VAR, str(d))
    with pytest.raises(ValueError, match=r"fashion_mnist.load_data: cannot read '.*train-labels-idx1-ubyte.gz'"):
        fashion_mnist.load_data()


# -- 4. full disk, file-size limit ----------------------------------------------------------------------

def _enospc(fd):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


WRITERS = {  # op named in the message, target file
    "npz": ("save_weights", "m.weights.npz"),
    "h5": ("save_weights", "m.weights.h5"),
    "keras": ("save_model", "m.keras"),
    "checkpoint": ("Checkpoint.write", "ckpt.data-00000-of-00001"),
    "manager": ("CheckpointManager.save", "ckpt-2.data-00000-of-00001"),
}


@pytest.mark.parametrize("kind", [k for k in SAVES if HAVE_H5 or k not in ("h5", "keras")])
def test_full_disk_names_operation_and_path_and_keeps_previous_file(tmp_path, monkeypatch, kind):
    _save(kind, _model(1.0), tmp_path)
    before = {n: (tmp_path / n).read_bytes() for n in os.listdir(tmp_path)}
    op, target = WRITERS[kind]
    monkeypatch.setattr(os, "fsync", _enospc)  # the disk fills up while the file is flushed
    with pytest.raises(OSError) as ei:
        if kind == "manager":
            mgr = tf.train.CheckpointManager(tf.train.Checkpoint(model=_model(2.0)), str(tmp_path), max_to_keep=3)
            mgr._checkpoint.save_counter.assign(1)
            mgr.save()
        else:
            _save(kind, _model(2.0), tmp_path)
    monkeypatch.undo()
    e = ei.value
    assert e.errno == errno.ENOSPC
    assert str(e) == f"[Errno 28] {op}: writing '{tmp_path / target}' failed: No space left on device"
    assert {n: (tmp_path / n).read_bytes() for n in os.listdir(tmp_path)} == before  # nothing new, nothing lost
    assert _loaded_kernel(kind, tmp_path)[0, 0] == 1.0


def test_file_size_limit_in_a_subprocess(tmp_path):
    """RLIMIT_FSIZE: writes past the limit fail with EFBIG (Python ignores SIGXFSZ)."""
    code = f"""
        import errno, os, resource
        import numpy as np
        import tapeflow as tf
        from tapeflow import keras
        d = {str(tmp_path)!r}
        small = keras.Sequential([keras.Input((8,)), keras.layers.Dense(4)])
        big = keras.Sequential([keras.Input((1000,)), keras.layers.Dense(1000)])
        paths = [os.path.join(d, n) for n in ("m.weights.npz", "m.weights.h5", "m.keras")]
        small.save_weights(paths[0]); small.save_weights(paths[1]); small.save(paths[2])
        tf.train.Checkpoint(model=small).write(os.path.join(d, "ckpt"))
        before = {{p: open(p, "rb").read() for p in os.listdir(d)}}
        resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))
        saves = [("save_weights", paths[0], lambda: big.save_weights(paths[0])),
                 ("save_weights", paths[1], lambda: big.save_weights(paths[1])),
                 ("save_model", paths[2], lambda: big.save(paths[2])),
                 ("Checkpoint.write", os.path.join(d, "ckpt.data-00000-of-00001"),
                  lambda: tf.train.Checkpoint(model=big).write(os.path.join(d, "ckpt")))]
        for op, path, save in saves:
            try:
                save()
            except OSError as e:
                assert e.errno == errno.EFBIG, e
                assert str(e).startswith(f"[Errno {{errno.EFBIG}}] {{op}}: writing '{{path}}' failed: "), e
            else:
                raise AssertionError("no error for " + path)
        os.chdir(d)
        after = {{p: open(p, "rb").read() for p in os.listdir(d)}}
        assert after == before, sorted(after)
        print("ok")
        """
    child = _run_child(code, tmp_path)
    assert child.returncode == 0 and child.stdout.strip() == "ok", child.stderr


def test_download_full_disk_is_not_reported_as_a_network_problem(tmp_path, monkeypatch):
    from tapeflow.keras.datasets import _files

    monkeypatch.setenv("TAPEFLOW_HOME", str(tmp_path))

    class Resp(io.BytesIO):
        def __enter__(self):
            return self

        def __exit__(self, *a):
            self.close()

    monkeypatch.setattr(_files, "urlopen", lambda url, *a, **k: Resp(b"x" * 100))

    class Full:  # a file on a full disk
        def __init__(self, f):
            self.f = f

        def __enter__(self):
            return self

        def __exit__(self, *a):
            self.f.close()

        def write(self, b):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    real = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: Full(real(fd, *a, **k)))
    with pytest.raises(OSError) as ei:
        _files.get_file("f.bin", "http://example.invalid/f.bin", None)
    monkeypatch.undo()
    dest = tmp_path / "datasets" / "f.bin"
    assert not isinstance(ei.value, tf.errors.NotFoundError) and ei.value.errno == errno.ENOSPC
    assert str(ei.value) == (f"[Errno 28] download of http://example.invalid/f.bin: writing '{dest}' failed: "
                             "No space left on device")
    assert os.listdir(dest.parent) == []
