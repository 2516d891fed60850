"""Run a TF guide cell by cell, as a notebook would, and record what each cell prints.

The guides in this folder are the code cells of notebooks from the public ``tensorflow/docs``
repository (site/en/guide/*.ipynb, Apache-2.0), one ``# %% cell N`` block per code cell, with
only the import line changed to ``import tapeflow as tf``.

Each cell runs in one shared namespace; when its last statement is an expression, its ``repr``
is printed as a notebook displays it. An exception is printed as ``!! Type: message`` and the
next cell still runs.

Regenerate the expected outputs with TensorFlow in a private venv (never a dependency):

    /tmp/tfenv/bin/python tests/guide_runner.py --tf --write

It runs each guide three times under TensorFlow with different seeds; a cell whose printed text
differs between the runs only in numbers (it shows random data) takes every number as a wildcard,
and a cell whose text differs in shape is only required to run.

The training programs (PROGRAMS: TF tutorials and keras-io guides/examples, tests/test_programs.py) run
the same way with their data swapped. keras-io scripts keep Keras 3's own imports (``import keras``,
``from keras import layers``), swapped for tapeflow's Keras when run; ``--extract SCRIPT.py NAME``
splits such a script into cells at its text blocks (``--extract NOTEBOOK.ipynb NAME`` for notebooks).
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent / "guides"
GUIDES = ["tensor", "variable", "autodiff", "advanced_autodiff", "basic_training_loops"]
# more guides of TF's own surface, run and compared the same way
MORE_GUIDES = ["basics", "intro_to_modules", "tensor_slicing", "ragged_tensor", "sparse_tensor", "matrix_core",
               "random_numbers"]
# Training programs (TF tutorials, keras-io examples) run with their data swapped as the issue allows:
# Keras dataset loaders return the first `limit` examples (MNIST is on disk; the others are random arrays of
# the real shapes and dtypes, the same for TF and tapeflow), `epochs=N` / `EPOCHS = N` become `epochs`, and
# `sub` lists further (regex, replacement) cuts of a program's step counts (and, where a comment says so, Keras 2
# idioms that TF 2.21 itself rejects, or a callback neither environment can run).
# `stubs` names third-party notebook helpers that neither environment has (IPython, imageio, tensorflow_docs,
# tensorflow_probability, tensorflow_datasets, gdown, pandas, seaborn, sklearn): each program gets small local
# stand-ins (see _install_stubs), the same for TF and tapeflow, that serve local data of the real shapes instead of
# downloads; `downloads` names files fetched by URL (keras.utils.get_file, pandas), served from tests/guide_data.py.
PROGRAMS = {
    "quickstart_beginner": {"limit": 2048, "epochs": 2},
    # TF tutorials (tensorflow/docs site/en/tutorials)
    "quickstart_advanced": {"limit": 256, "epochs": 1},
    "classification": {"limit": 1024, "epochs": 2},
    "cnn": {"limit": 256, "epochs": 1},
    "custom_training_walkthrough": {"limit": 0, "epochs": 2, "stubs": ["tensorflow_datasets"]},  # 334 penguins
    "dcgan": {"limit": 256, "epochs": 1, "stubs": ["IPython", "imageio", "tensorflow_docs"]},
    "cvae": {"limit": 128, "epochs": 1, "stubs": ["IPython", "imageio", "tensorflow_docs", "tensorflow_probability"]},
    "autoencoder": {"limit": 256, "epochs": 1, "stubs": ["pandas", "sklearn"]},
    # keras-io (keras-team/keras-io guides/ and examples/)
    # (its GAN loop stops after its first batch instead of its 11th: each batch takes seconds here)
    "writing_a_custom_training_loop_in_tensorflow": {"limit": 10512, "epochs": 1,
                                                     "sub": [(r"if step > 10:", "if step >= 0:")]},
    "custom_train_step_in_tensorflow": {"limit": 64, "epochs": 1},
    "mnist_convnet": {"limit": 512, "epochs": 1},
    "vae": {"limit": 256, "epochs": 1},
    "wgan_gp": {"limit": 16, "epochs": 1, "stubs": ["IPython"]},
    "dcgan_overriding_train_step": {"limit": 4, "epochs": 1, "stubs": ["gdown"]},  # 4 CelebA-like images
    "text_classification_with_transformer": {"limit": 256, "epochs": 1},
    # more TF tutorials (tensorflow/text docs/tutorials; tensorflow/docs site/en/tutorials): `downloads` names the
    # files that `keras.utils.get_file` / pandas fetch, served from local stand-ins (tests/guide_data.py)
    "text_generation": {"limit": 0, "epochs": 1, "downloads": ["shakespeare"], "cached": ["shakespeare.txt"],
                        # 2 batches of 16 sequences (of a 4.5 KB text), a GRU of 256 units instead of 1024 and 100
                        # generated characters, not 1000;
                        # and two Keras 2 idioms in MyModel that Keras 3 (so TF 2.21) rejects, made Keras 3 calls so
                        # that the model is built and runs: `super().__init__(self)` (TypeError: Layer.__init__()
                        # takes 1 positional argument) and `get_initial_state(x)` (Keras 3 takes the batch size)
                        "sub": [(r"BATCH_SIZE = 64", "BATCH_SIZE = 16"), (r"range\(1000\)", "range(100)"),
                                (r"rnn_units = 1024", "rnn_units = 256"),
                                (r"super\(\)\.__init__\(self\)", "super().__init__()"),
                                (r"self\.gru\.get_initial_state\(x\)", "self.gru.get_initial_state(tf.shape(x)[0])")]},
    "regression": {"limit": 0, "epochs": 2, "stubs": ["pandas", "seaborn"], "downloads": ["auto_mpg"]},
    "overfit_and_underfit": {"limit": 0, "epochs": 1, "stubs": ["IPython", "tensorflow_docs"],
                             "downloads": ["higgs"], "cached": ["HIGGS.csv.gz"],
                             # 1,000 training rows (2 steps of 500) for 2 epochs, 100 validation rows; and no
                             # TensorBoard callback: neither environment has the tensorboard package (TF 2.21's fit
                             # stops with TBNotInstalledError) and tapeflow has no tf.summary
                             "sub": [(r"\n *tf\.keras\.callbacks\.TensorBoard\(logdir/name\),", ""),
                                     (r"N_VALIDATION = int\(1e3\)", "N_VALIDATION = int(1e2)"),
                                     (r"N_TRAIN = int\(1e4\)", "N_TRAIN = int(1e3)"),
                                     (r"max_epochs=10000", "max_epochs=2")]},
    "text_classification": {"limit": 0, "epochs": 1, "downloads": ["aclimdb"]},
    "data_augmentation": {"limit": 0, "epochs": 1, "stubs": ["tensorflow_datasets"]},  # 20 flower-sized images
    "custom_layers": {"limit": 0, "epochs": 1},
    "customization_basics": {"limit": 0, "epochs": 1},
    # more keras-io examples and guides (Keras 3 versions); `files` names local stand-in files written into the
    # working folder before the program runs (tests/keras_io_data.py): the programs' shell download cells are text
    "image_classification_from_scratch": {"limit": 0, "epochs": 1, "files": "pets",  # 12 JPEGs + 1 PNG, at 64x64
                                          "sub": [(r"image_size = \(180, 180\)", "image_size = (64, 64)")]},
    "bidirectional_lstm_imdb": {"limit": 32, "epochs": 1},
    "timeseries_classification_from_scratch": {
        "limit": 0, "epochs": 1, "files": "forda",  # 60 + 20 rows of FordA's layout
        "sub": [(r'root_url = "https://raw.githubusercontent.com/hfawaz/cd-diagram/master/FordA/"', 'root_url = ""')]},
    "denoising_autoencoder": {"limit": 128, "epochs": 1},  # keras-io examples/vision/autoencoder.py
    "conditional_gan": {"limit": 32, "epochs": 1, "stubs": ["tensorflow_docs", "imageio"]},
    "text_classification_from_scratch": {"limit": 0, "epochs": 1, "files": "aclimdb_dir"},  # 20 + 10 reviews
    # MNIST as `limit` rows (reshape(-1, 784)), 64 ticket rows instead of 1280, VGG19 without its ImageNet weights
    "functional_api": {"limit": 128, "epochs": 1,
                       "sub": [(r"reshape\((60000|10000), 784\)", "reshape(-1, 784)"), (r"size=\(1280,", "size=(64,"),
                               (r"keras\.applications\.VGG19\(\)", "keras.applications.VGG19(weights=None)")]},
    "sequential_model": {"limit": 0, "epochs": 1},
    "making_new_layers_and_models_via_subclassing": {"limit": 256, "epochs": 1,
                                                     "sub": [(r"reshape\(60000, 784\)", "reshape(-1, 784)")]},
    # 1024 training rows (256 held out instead of 10,000), 10 steps per epoch instead of 100, 2 validation steps
    "training_with_built_in_methods": {"limit": 1280, "epochs": 1, "stubs": ["torch"],
                                       "sub": [(r"reshape\((60000|10000), 784\)", "reshape(-1, 784)"),
                                               (r"-10000\b", "-256"), (r"steps_per_epoch=100", "steps_per_epoch=10"),
                                               (r"validation_steps=10", "validation_steps=2")]},
    "writing_your_own_callbacks": {"limit": 1000, "epochs": 2},  # (with more, the early stop epoch is random)
    "understanding_masking_and_padding": {"limit": 0, "epochs": 1},
    # the nested-input RNN on 1 batch of 5 timesteps instead of 10 batches of 50
    # the files-and-logs issue: TF's checkpoint guide and the save-and-load tutorial (MNIST, its own 1000 rows)
    "checkpoint": {"limit": 0, "epochs": 1},
    "save_and_load": {"limit": 1024, "epochs": 1},
    "working_with_rnns": {"limit": 128, "epochs": 1,
                          "sub": [(r"num_batches = 10", "num_batches = 1"), (r"timestep = 50", "timestep = 5")]},
}
IMPORT_LINE = "import tapeflow as tf"
KERAS_LINE = "from tapeflow import keras"


def read_cells(name: str) -> list[str]:
    text = (HERE / f"{name}.py").read_text()
    parts = re.split(r"^# %% cell \d+\n", text, flags=re.M)
    return parts[1:]


def run_cells(name: str, use_tf: bool = False, seed: int | None = None) -> list[str]:
    """Run guide ``name`` cell by cell; return what each cell printed."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    cells = read_cells(name)
    ns: dict = {"__name__": "__main__"}
    outs = []
    old = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        if name in PROGRAMS:
            _install_stubs(PROGRAMS[name], use_tf)
            if PROGRAMS[name].get("downloads"):
                _install_downloads(PROGRAMS[name])
            if PROGRAMS[name].get("files"):
                import keras_io_data

                keras_io_data.make_files(PROGRAMS[name]["files"])
        if use_tf and "keras" in sys.modules:  # each run names its layers afresh (conv2d, not conv2d_4)
            sys.modules["keras"].backend.clear_session()
        try:
            for i, src in enumerate(cells):
                src = _prepare(src, use_tf, PROGRAMS.get(name))
                buf = io.StringIO()
                with contextlib.redirect_stdout(buf):
                    try:
                        _run_one(src, ns, f"<{name} cell {i}>")
                        # the first cell that imports TF (or, in keras-io programs, only Keras) seeds TF and
                        # swaps the dataset loaders
                        if ("tf" in ns or "keras" in ns or _keras_loaded(name, use_tf)) and "__patched__" not in ns:
                            ns["__patched__"] = True
                            if seed is not None and "tf" in ns:
                                ns["tf"].random.set_seed(seed)
                            if name in PROGRAMS:
                                keras = ns["tf"].keras if "tf" in ns else ns.get("keras") or _keras_loaded(name, use_tf)
                                _swap_datasets(keras.datasets, PROGRAMS[name]["limit"])
                    except Exception as e:  # noqa: BLE001 - a notebook shows the error and goes on
                        print(f"!! {type(e).__name__}: {e}")
                outs.append(buf.getvalue())
        finally:
            os.chdir(old)
    return outs


def _keras_loaded(name: str, use_tf: bool) -> Any:
    """The Keras module of a program that imports only names from it (``from keras.datasets import mnist``)."""
    return sys.modules.get("keras" if use_tf else "tapeflow.keras") if name in PROGRAMS else None


def run_isolated(name: str) -> list[str]:
    """``run_cells(name)`` in a fresh Python process (guides change process-wide settings such as
    ``tf.config`` devices and random seeds; each starts clean, as a notebook does)."""
    import subprocess

    env = dict(os.environ, MPLBACKEND="Agg")
    root = str(HERE.parent.parent)
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--json", name], capture_output=True,
                          text=True, env=env, timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(f"guide {name} did not run: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout)


_KERAS_HOME: list = []


def _install_downloads(program: dict) -> None:
    """The program's downloads served from local files (tests/guide_data.py), into a Keras cache of this
    process (``$KERAS_HOME``, set before Keras is imported) that holds no earlier run's copy."""
    import atexit
    import shutil

    import guide_data

    if not _KERAS_HOME:  # (an outside KERAS_HOME is not used: it may hold the real files)
        _KERAS_HOME.append(tempfile.mkdtemp(prefix="keras_home_"))
        atexit.register(shutil.rmtree, _KERAS_HOME[-1], True)
    os.environ["KERAS_HOME"] = _KERAS_HOME[-1]
    guide_data.install(program["downloads"], program.get("cached", ()), _KERAS_HOME[-1])


def _swap_datasets(datasets: Any, limit: int) -> None:
    """Keras's dataset loaders, each returning its first ``limit`` examples (see PROGRAMS). MNIST comes from
    disk; fashion_mnist, cifar10 and imdb are random data of the real shapes and dtypes, the same on every call
    (a loader tapeflow lacks is added for the program's sake: it would download, which no run here does)."""
    import types

    import numpy as np

    def fake(shape_x: tuple, dt: Any, classes: int, n_test: int, y_shape: tuple = (), seed: int = 0) -> Any:
        def load_data(*args: Any, **kwargs: Any) -> Any:
            rng = np.random.default_rng(seed)
            n = min(limit, 60000)
            xs = [rng.integers(0, 256, (k,) + shape_x).astype(dt) for k in (n, min(n_test, limit // 4))]
            ys = [rng.integers(0, classes, (k,) + y_shape).astype(np.uint8) for k in (n, min(n_test, limit // 4))]
            return (xs[0], ys[0]), (xs[1], ys[1])
        return load_data

    def imdb_load_data(path: str = "imdb.npz", num_words: Any = None, skip_top: int = 0, maxlen: Any = None,
                       seed: int = 113, start_char: int = 1, oov_char: int = 2, index_from: int = 3,
                       **kwargs: Any) -> Any:
        # reviews as lists of word ids (start_char first, ids from index_from + 1), labels 0/1 as int64
        rng = np.random.default_rng(1)
        top = num_words or 88587
        out = []
        for k in (min(limit, 25000), min(25000, limit // 4)):
            xs = np.empty(k, dtype=object)
            for j in range(k):
                length = int(rng.integers(10, 400))
                if maxlen is not None:
                    length = min(length, maxlen - 1)
                xs[j] = [start_char] + rng.integers(index_from + 1, top, length).tolist()
            out.append((xs, rng.integers(0, 2, k).astype(np.int64)))
        return tuple(out)

    local = HERE.parent.parent.parent / "shared" / "data" / "mnist.npz"

    def mnist_load_data(*args: Any, **kwargs: Any) -> Any:
        if not local.exists():  # the same shapes and dtypes, random
            return fake((28, 28), np.uint8, 10, 10000)()
        with np.load(local) as f:
            a, b, c, d = f["x_train"], f["y_train"], f["x_test"], f["y_test"]
        return (a[:limit], b[:limit]), (c[:limit // 4], d[:limit // 4])

    datasets.mnist.load_data = mnist_load_data
    loaders = {"fashion_mnist": fake((28, 28), np.uint8, 10, 10000, seed=2),
               "cifar10": fake((32, 32, 3), np.uint8, 10, 10000, y_shape=(1,), seed=3),
               "imdb": imdb_load_data}
    for key, fn in loaders.items():
        if hasattr(datasets, key):
            getattr(datasets, key).load_data = fn
        else:
            setattr(datasets, key, types.SimpleNamespace(load_data=fn))


def _install_stubs(program: dict, use_tf: bool) -> None:
    """Stand-ins for the third-party notebook helpers a program imports (``program["stubs"]``), in
    ``sys.modules``; the same in the TF run and the tapeflow run. Their data are local random arrays of the
    real shapes (penguins for tensorflow_datasets, the ECG CSV for pandas, CelebA images for gdown)."""
    import types

    import numpy as np

    def module(name: str, **attrs: Any) -> Any:
        mod = types.ModuleType(name)
        mod.__dict__.update(attrs)
        sys.modules[name] = mod
        parent, _, child = name.rpartition(".")
        if parent:
            setattr(sys.modules[parent], child, mod)
        return mod

    def tf_module() -> Any:
        return sys.modules["tensorflow" if use_tf else "tapeflow"]

    stubs = program.get("stubs", ())
    if "IPython" in stubs:
        class Image:  # IPython.display.Image of a file
            def __init__(self, filename: str, **kwargs: Any) -> None:
                if not os.path.exists(filename):
                    raise FileNotFoundError(f"No such file or directory: {filename!r}")
                self.filename = filename

        module("IPython", get_ipython=lambda: None, version_info=(8, 0, 0, ""))
        module("IPython.display", display=lambda *objs, **kwargs: None, clear_output=lambda wait=False: None,
               Image=Image)
    if "imageio" in stubs:
        class Writer:
            def __enter__(self) -> Any:
                return self

            def __exit__(self, *exc: Any) -> None:
                return None

            def append_data(self, image: Any) -> None:
                np.asarray(image)

        def imread(filename: str) -> Any:
            from PIL import Image as PILImage
            with PILImage.open(filename) as im:
                return np.asarray(im)

        module("imageio", get_writer=lambda path, mode="?": Writer(), imread=imread,
               mimsave=lambda path, images, **kwargs: np.asarray(images) is None)
    if "tensorflow_docs" in stubs:
        module("tensorflow_docs")
        module("tensorflow_docs.vis")
        module("tensorflow_docs.vis.embed", embed_file=lambda path: None)
        _stub_tfdocs(module, tf_module)
    if "seaborn" in stubs:
        module("seaborn", pairplot=lambda data, **kwargs: None)
    if "tensorflow_probability" in stubs:
        import statistics

        class Normal:
            def __init__(self, loc: float, scale: float) -> None:
                self.dist = statistics.NormalDist(loc, scale)

            def quantile(self, p: Any) -> Any:
                return np.array([self.dist.inv_cdf(float(q)) for q in np.ravel(p)], np.float32).reshape(np.shape(p))

        module("tensorflow_probability", distributions=types.SimpleNamespace(Normal=Normal))
    if "tensorflow_datasets" in stubs:
        _stub_tfds(module, tf_module)
    if "torch" in stubs:
        import keras_io_data

        keras_io_data.stub_torch(module, tf_module)
    if "gdown" in stubs:
        def download(url: str, output: str, quiet: bool = False, **kwargs: Any) -> str:
            # a zip of CelebA-like face crops: random 64x64 RGB images (PNG, so decoding is exact)
            import zipfile

            from PIL import Image as PILImage
            rng = np.random.default_rng(4)
            with zipfile.ZipFile(output, "w") as z:
                for k in range(program["limit"]):
                    buf = io.BytesIO()
                    PILImage.fromarray(rng.integers(0, 256, (64, 64, 3)).astype(np.uint8)).save(buf, "PNG")
                    z.writestr(f"img_align_celeba/{k + 1:06d}.png", buf.getvalue())
            return output

        module("gdown", download=download)
    if "pandas" in stubs:
        class Frame:  # the ECG CSV: 140 readings and a 0/1 label per row
            def __init__(self, values: Any) -> None:
                self.values = values

            def head(self, n: int = 5) -> Any:
                return Frame(self.values[:n])

            def __repr__(self) -> str:
                rows = [f"{i:<3d}" + " ".join(f"{v:9.6f}" for v in row[:4]) + " ... " +
                        " ".join(f"{v:9.6f}" for v in row[-2:]) for i, row in enumerate(self.values)]
                return "\n".join(rows) + f"\n\n[{len(self.values)} rows x {self.values.shape[1]} columns]"

        import guide_data

        def read_csv(path: str, header: Any = "infer", **kwargs: Any) -> Any:
            if "ecg.csv" not in str(path):  # a served download (auto-mpg), parsed by the small stand-in
                return guide_data.read_csv(path, header=header, **kwargs)
            rng = np.random.default_rng(5)
            n = max(program["limit"], 50)
            labels = (rng.random(n) < 0.6).astype(np.float64)
            t = np.linspace(0, 4 * np.pi, 140)
            data = np.sin(t)[None, :] * (1 + labels[:, None]) + 0.3 * rng.standard_normal((n, 140))
            return Frame(np.concatenate([data, labels[:, None]], axis=1))

        # DataFrame(dict) and get_dummies make guide_data's small frames; the classes DataFrame and Series are
        # for the isinstance checks libraries make once pandas is imported (no frame here is an instance of them)
        module("pandas", read_csv=read_csv, DataFrame=guide_data.DataFrame, Series=guide_data.Series,
               get_dummies=guide_data.get_dummies)
    if "sklearn" in stubs:
        def train_test_split(*arrays: Any, test_size: float = 0.25, random_state: Any = None, **kwargs: Any) -> list:
            n = len(arrays[0])
            order = np.random.default_rng(random_state).permutation(n)
            n_test = int(np.ceil(test_size * n))
            test, train = order[:n_test], order[n_test:]
            return [part for a in arrays for part in (np.asarray(a)[train], np.asarray(a)[test])]

        def _counts(y_true: Any, y_pred: Any) -> tuple:
            t, p = np.asarray(y_true).astype(bool), np.asarray(y_pred).astype(bool)
            return t, p, float(np.sum(t & p))

        def accuracy_score(y_true: Any, y_pred: Any) -> float:
            t, p, _ = _counts(y_true, y_pred)
            return float(np.mean(t == p))

        def precision_score(y_true: Any, y_pred: Any) -> float:
            t, p, tp = _counts(y_true, y_pred)
            return tp / max(float(np.sum(p)), 1.0)

        def recall_score(y_true: Any, y_pred: Any) -> float:
            t, p, tp = _counts(y_true, y_pred)
            return tp / max(float(np.sum(t)), 1.0)

        module("sklearn")
        module("sklearn.metrics", accuracy_score=accuracy_score, precision_score=precision_score,
               recall_score=recall_score)
        module("sklearn.model_selection", train_test_split=train_test_split)


def _stub_tfdocs(module: Any, tf_module: Any) -> None:
    """tensorflow_docs.modeling.EpochDots (a Keras callback of the framework in use: a line of the epoch's logs
    every ``report_every`` epochs, a dot every ``dot_every``) and tensorflow_docs.plots.HistoryPlotter."""
    import numpy as np

    def make_epoch_dots() -> Any:
        class EpochDots(tf_module().keras.callbacks.Callback):
            def __init__(self, report_every: int = 100, dot_every: int = 1) -> None:
                super().__init__()
                self.report_every, self.dot_every = report_every, dot_every

            def on_epoch_end(self, epoch: int, logs: Any = None) -> None:
                if epoch % self.report_every == 0:
                    print()
                    print(f"Epoch: {epoch:d}, ", end="")
                    for key, value in sorted((logs or {}).items()):
                        print(f"{key}:{float(value):0.4f}", end=",  ")
                    print()
                if epoch % self.dot_every == 0:
                    print(".", end="", flush=True)

        return EpochDots

    def modeling_attr(attr: str) -> Any:
        if attr == "EpochDots":
            return make_epoch_dots()
        raise AttributeError(attr)

    class HistoryPlotter:
        def __init__(self, metric: str = "loss", smoothing_std: float | None = None) -> None:
            self.metric, self.smoothing_std = metric, smoothing_std

        def plot(self, histories: dict, metric: str | None = None) -> None:
            import matplotlib.pyplot as plt

            metric = metric or self.metric
            for name, history in histories.items():
                for prefix, style in (("", "-"), ("val_", "--")):
                    values = np.asarray(history.history[prefix + metric], dtype=np.float64)
                    plt.plot(history.epoch, values, style, label=f"{name.title()} {prefix or 'Train'}")
            plt.xlabel("Epochs")
            plt.ylabel(metric.replace("_", " ").title())
            plt.legend()

    module("tensorflow_docs.modeling", __getattr__=modeling_attr)
    module("tensorflow_docs.plots", HistoryPlotter=HistoryPlotter)


def _stub_tfds(module: Any, tf_module: Any) -> None:
    """tensorflow_datasets for the penguins tutorial: ``load`` of 'penguins/simple' and 'penguins/processed'
    (splits as 'train[:20%]'), ``as_dataframe`` as a plain text table, ``info.features`` as TFDS prints it;
    and 'tf_flowers' (data_augmentation) as random images of the real sizes."""
    import numpy as np

    rng = np.random.default_rng(6)
    n = 334
    species = rng.integers(0, 3, n).astype(np.int64)
    processed = {"features": rng.random((n, 4)).astype(np.float32), "species": species}
    simple = {"body_mass_g": rng.uniform(2700, 6300, n).astype(np.float32),
              "culmen_depth_mm": rng.uniform(13, 22, n).astype(np.float32),
              "culmen_length_mm": rng.uniform(32, 60, n).astype(np.float32),
              "flipper_length_mm": rng.uniform(172, 231, n).astype(np.float32),
              "island": rng.integers(0, 3, n).astype(np.int64), "sex": rng.integers(0, 2, n).astype(np.int64),
              "species": species}
    features = {
        "penguins/processed": "FeaturesDict({\n    'features': Tensor(shape=(4,), dtype=float32),\n"
                              "    'species': ClassLabel(shape=(), dtype=int64, num_classes=3),\n})",
        "penguins/simple": "FeaturesDict({\n    'body_mass_g': float32,\n    'culmen_depth_mm': float32,\n"
                           "    'culmen_length_mm': float32,\n    'flipper_length_mm': float32,\n"
                           "    'island': ClassLabel(shape=(), dtype=int64, num_classes=3),\n"
                           "    'sex': ClassLabel(shape=(), dtype=int64, num_classes=3),\n"
                           "    'species': ClassLabel(shape=(), dtype=int64, num_classes=3),\n})"}

    class Text:
        def __init__(self, text: str) -> None:
            self.text = text

        def __repr__(self) -> str:
            return self.text

    def one_split(data: dict, split: str, as_supervised: bool) -> Any:
        m = re.fullmatch(r"train(?:\[(\d*)%?:(\d*)%?\])?", split)
        lo = int(m.group(1)) * n // 100 if m.group(1) else 0
        hi = int(m.group(2)) * n // 100 if m.group(2) else n
        part = {k: v[lo:hi] for k, v in data.items()}
        tf = tf_module()
        if as_supervised:
            return tf.data.Dataset.from_tensor_slices((part["features"], part["species"]))
        return tf.data.Dataset.from_tensor_slices(part)

    # tf_flowers: 20 random RGB images of flower-photo sizes (heights 212-259, widths 302-359) and labels 0-4
    flower_rng = np.random.default_rng(11)
    flowers = [flower_rng.integers(0, 256, (int(flower_rng.integers(212, 260)), int(flower_rng.integers(302, 360)),
                                            3)).astype(np.uint8) for _ in range(20)]
    flower_labels = flower_rng.integers(0, 5, 20).astype(np.int64)
    flower_names = ["dandelion", "daisy", "tulips", "sunflowers", "roses"]

    class ClassLabel:
        num_classes = 5

        def int2str(self, i: Any) -> str:
            return flower_names[int(i)]

    class FlowerFeatures(dict):
        def __repr__(self) -> str:
            return ("FeaturesDict({\n    'image': Image(shape=(None, None, 3), dtype=uint8),\n"
                    "    'label': ClassLabel(shape=(), dtype=int64, num_classes=5),\n})")

    def flower_split(split: str, as_supervised: bool) -> Any:
        m = re.fullmatch(r"train(?:\[(\d*)%?:(\d*)%?\])?", split)
        lo = int(m.group(1)) * 20 // 100 if m.group(1) else 0
        hi = int(m.group(2)) * 20 // 100 if m.group(2) else 20
        tf = tf_module()

        def gen() -> Any:
            for k in range(lo, hi):
                yield (flowers[k], flower_labels[k]) if as_supervised else {"image": flowers[k],
                                                                            "label": flower_labels[k]}
        image = tf.TensorSpec(shape=(None, None, 3), dtype=tf.uint8)
        label = tf.TensorSpec(shape=(), dtype=tf.int64)
        sig = (image, label) if as_supervised else {"image": image, "label": label}
        return tf.data.Dataset.from_generator(gen, output_signature=sig)

    def load(name: str, split: Any = None, with_info: bool = False, as_supervised: bool = False,
             **kwargs: Any) -> Any:
        if name == "tf_flowers":
            ds = [flower_split(s, as_supervised) for s in split] if isinstance(split, list) else \
                flower_split(split or "train", as_supervised)
            info = type("DatasetInfo", (), {"features": FlowerFeatures(label=ClassLabel())})()
            return (ds, info) if with_info else ds
        data = processed if name == "penguins/processed" else simple
        ds = [one_split(data, s, as_supervised) for s in split] if isinstance(split, list) else \
            one_split(data, split or "train", as_supervised)
        info = type("DatasetInfo", (), {"features": Text(features[name])})()
        return (ds, info) if with_info else ds

    def as_dataframe(ds: Any, info: Any = None) -> Any:
        rows = []
        for elem in ds:
            if isinstance(elem, tuple):
                elem = {"features": elem[0], "species": elem[1]}
            rows.append({k: np.asarray(v.numpy()) for k, v in sorted(elem.items())})
        cols = list(rows[0]) if rows else []
        lines = ["   " + "  ".join(cols)]
        for i, row in enumerate(rows):
            lines.append(f"{i:<3d}" + "  ".join(np.array2string(row[c], precision=6) for c in cols))
        return Text("\n".join(lines))

    module("tensorflow_datasets", __version__="4.9.9 (stand-in)", load=load, as_dataframe=as_dataframe)


def _prepare(src: str, use_tf: bool, program: dict | None = None) -> str:
    """The import swap (tapeflow for TensorFlow, tapeflow's Keras for Keras) and no IPython magics."""
    src = re.sub(r"^([ \t]*)[!%].*$", r"\1pass  # IPython magic, not run", src, flags=re.M)
    if program:
        for pattern, repl in program.get("sub", ()):
            src = re.sub(pattern, repl, src)
        src = re.sub(r"\bepochs=\d+", f"epochs={program['epochs']}", src)
        src = re.sub(r"^(EPOCHS|epochs|num_epochs) = \d+", rf"\1 = {program['epochs']}", src, flags=re.M)
    if use_tf:
        src = src.replace(IMPORT_LINE, "import tensorflow as tf").replace(KERAS_LINE, "import keras")
        # the tutorials' `from tensorflow.keras.layers import Dense` lines (written with tapeflow.keras)
        return re.sub(r"^([ \t]*)from tapeflow\.keras\b", r"\1from tensorflow.keras", src, flags=re.M)
    # keras-io programs keep Keras 3's own imports: `import keras`, `from keras import layers, ops`
    src = re.sub(r"^import keras$", KERAS_LINE, src, flags=re.M)
    # and `from tensorflow import data as tf_data`
    src = re.sub(r"^([ \t]*)from tensorflow((\.\w+)*) import\b", r"\1from tapeflow\2 import", src, flags=re.M)
    return re.sub(r"^([ \t]*)from keras((\.\w+)*) import\b", r"\1from tapeflow.keras\2 import", src, flags=re.M)


def _run_one(src: str, ns: dict, filename: str) -> None:
    tree = ast.parse(src, filename)
    last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    if last is not None:
        tree.body = tree.body[:-1]
    exec(compile(tree, filename, "exec"), ns)
    if last is not None:
        value = eval(compile(ast.Expression(last.value), filename, "eval"), ns)
        if value is not None:
            print(repr(value))


NUM = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|[-+]?(?:nan|inf)\b")


def _tokens(text: str) -> list:
    out = []
    pos = 0
    for m in NUM.finditer(text):
        out.extend(text[pos:m.start()].split())
        out.append(float(m.group()))
        pos = m.end()
    out.extend(text[pos:].split())
    return out


ANSI = re.compile(r"\x1b\[[0-9;]*m")
TIMING = re.compile(r"\b\d+(\.\d+)?(ms|us|µs|s)(/step)?\b")


def normalize(text: str) -> str:
    """Printed text as a reader sees it: no ANSI colours, a progress line's final state only (after its
    last carriage return or backspaces), and timings ("1s 2ms/step") as ``<time>``."""
    text = ANSI.sub("", text)
    text = re.sub(r"<([\w.]+\.)?(\w+) object at 0x[0-9a-f]+>", r"<\2 object>", text)
    text = re.sub(r"\x08+", "\r", text)
    lines = [line.split("\r")[-1].rstrip() if "\r" in line else line for line in text.split("\n")]
    return TIMING.sub("<time>", "\n".join(lines))


def classify(runs: list) -> dict:
    """Expected record for one cell from TF runs with different seeds."""
    runs = [normalize(r) for r in runs]
    a = runs[0]
    if all(r == a for r in runs):
        return {"mode": "exact", "out": a}
    ta = _tokens(a)
    for r in runs[1:]:
        tb = _tokens(r)
        if len(ta) != len(tb) or any(type(x) is not type(y) or (not isinstance(x, float) and x != y)
                                     for x, y in zip(ta, tb)):
            return {"mode": "ran", "out": a}
    return {"mode": "wild", "out": a, "wild": [i for i, x in enumerate(ta) if isinstance(x, float)]}


ERROR_LINE = re.compile(r"^(!! )?([A-Za-z_.]+(Error|Exception)): .*$", re.M)


def _errors_by_type(text: str) -> str:
    """Error lines compared by exception type only (messages are tapeflow's own, usually longer);
    memory addresses in default reprs (``<... object at 0x7f...>``) are not compared either."""
    text = re.sub(r"<([\w.]+\.)?(\w+) object at 0x[0-9a-f]+>", r"<\2 object>", text)
    return ERROR_LINE.sub(lambda m: f"{m.group(1) or ''}{m.group(2)}: <message>", text)


def compare(expected: dict, got: str, rtol: float = 2e-4, atol: float = 2e-5) -> str | None:
    """None when ``got`` matches the expected record; else a short description of the difference."""
    if got.startswith("!! ") and not expected["out"].startswith("!! "):
        return f"raised: {got.strip()}"
    mode = expected["mode"]
    if mode == "ran":
        return None
    exp_text, got = _errors_by_type(expected["out"]), _errors_by_type(normalize(got))
    expected = dict(expected, out=exp_text)
    te, tg = _tokens(expected["out"]), _tokens(got)
    if len(te) != len(tg):
        return f"printed {len(tg)} tokens, TF printed {len(te)}"
    wild = set(expected.get("wild", ()))
    for i, (x, y) in enumerate(zip(te, tg)):
        if isinstance(x, float) and isinstance(y, float):
            if i in wild:
                continue
            if not (abs(x - y) <= atol + rtol * abs(x) or (x != x and y != y)):
                return f"number {i}: got {y!r}, TF printed {x!r}"
        elif x != y:
            return f"token {i}: got {y!r}, TF printed {x!r}"
    if mode == "exact" and _layout(expected["out"]) != _layout(got):
        return "same values, different line layout"
    return None


def _layout(text: str) -> list:
    """The line structure of printed text: each line without its numbers and spaces (NumPy pads
    columns to the widest number, so a last-digit difference may move spaces, never lines)."""
    return [re.sub(r"\s+", "", NUM.sub("#", line)) for line in text.splitlines()]


def extract(notebook: str, name: str) -> None:
    """Write a notebook's code cells to guides/<name>.py (``--extract NOTEBOOK NAME``): a tensorflow/docs
    notebook (a path containing ``site/en/``), or a keras-io script (``.py``, a path containing ``guides/`` or
    ``examples/``) split into cells at its text blocks (module-level string statements)."""
    if notebook.endswith(".py"):
        text = Path(notebook).read_text()
        tree = ast.parse(text)
        lines = text.splitlines(keepends=True)
        cells, pos = [], 0
        for node in tree.body:
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                cells.append("".join(lines[pos:node.lineno - 1]))
                pos = node.end_lineno
        cells.append("".join(lines[pos:]))
        cells = [c.strip("\n") for c in cells if c.strip()]
        meta = dict(re.findall(r"^(Title|Author): (.*)$", ast.get_docstring(tree) or "", flags=re.M))
        rel = re.split(r"(?=(?:guides|examples)/)", notebook, maxsplit=1)[-1]
        title, author = meta.get("Title", name), meta.get("Author", "the Keras team")
        header = (f'"""{title}, by {author}:\nkeras-team/keras-io {rel} (Apache-2.0), split into cells at its '
                  'text blocks,\nunchanged but for the import line. Run with tests/guide_runner.py."""\n')
    else:
        nb = json.loads(Path(notebook).read_text())
        cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
        rel = notebook.split("site/en/")[-1]
        header = (f'"""Code cells of tensorflow/docs site/en/{rel} (Apache-2.0, (c) The TensorFlow Authors),\n'
                  'unchanged but for the import line. Run with tests/guide_runner.py."""\n')
    out = [header]
    for i, src in enumerate(cells):
        src = src.replace("import tensorflow as tf", IMPORT_LINE)
        src = re.sub(r"^from tensorflow import keras$", KERAS_LINE, src, flags=re.M)
        src = re.sub(r"^([ \t]*)from tensorflow\.keras\b", r"\1from tapeflow.keras", src, flags=re.M)
        out.append(f"# %% cell {i}\n" + src.rstrip("\n") + "\n")
    (HERE / f"{name}.py").write_text("".join(out))


def main() -> None:
    if sys.argv[1:2] == ["--extract"]:
        extract(sys.argv[2], sys.argv[3])
        return
    if sys.argv[1:2] == ["--json"]:
        outs = run_cells(sys.argv[2])
        sys.stdout.write(json.dumps(outs))
        return
    use_tf = "--tf" in sys.argv
    names = [a for a in sys.argv[1:] if not a.startswith("-")] or GUIDES + MORE_GUIDES
    for name in names:
        if use_tf and "--write" in sys.argv:
            runs = [run_cells(name, True, seed=k) for k in (1, 2, 3)]
            rec = [classify(list(cell)) for cell in zip(*runs)]
            (HERE / "expected" / f"{name}.json").write_text(json.dumps(rec, indent=1) + "\n")
            print(f"{name}: {len(rec)} cells written")
            continue
        outs = run_cells(name, use_tf)
        exp_path = HERE / "expected" / f"{name}.json"
        exp = json.loads(exp_path.read_text()) if exp_path.exists() else None
        for i, out in enumerate(outs):
            print(f"----- {name} cell {i}")
            sys.stdout.write(out)
            if exp is not None:
                diff = compare(exp[i], out)
                if diff:
                    print(f"      ^^^ DIFFERS from TF: {diff}")
                    if "-v" in sys.argv:
                        print("      TF printed:\n" + exp[i]["out"])


if __name__ == "__main__":
    main()
