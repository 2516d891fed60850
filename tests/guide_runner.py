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
# the real shapes and dtypes, the same for TF and tapeflow), and `epochs=N` / `EPOCHS = N` become `epochs`.
PROGRAMS = {
    "quickstart_beginner": {"limit": 2048, "epochs": 2},
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
        try:
            for i, src in enumerate(cells):
                src = _prepare(src, use_tf, PROGRAMS.get(name))
                buf = io.StringIO()
                with contextlib.redirect_stdout(buf):
                    try:
                        _run_one(src, ns, f"<{name} cell {i}>")
                        if "tf" in ns and "__patched__" not in ns:
                            ns["__patched__"] = True
                            if seed is not None:
                                ns["tf"].random.set_seed(seed)
                            if name in PROGRAMS:
                                _swap_datasets(ns["tf"].keras.datasets, PROGRAMS[name]["limit"])
                    except Exception as e:  # noqa: BLE001 - a notebook shows the error and goes on
                        print(f"!! {type(e).__name__}: {e}")
                outs.append(buf.getvalue())
        finally:
            os.chdir(old)
    return outs


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


def _swap_datasets(datasets: Any, limit: int) -> None:
    """Keras's dataset loaders, each returning its first ``limit`` examples (see PROGRAMS)."""
    import numpy as np

    rng = np.random.default_rng(0)

    def fake(shape_x: tuple, dt: Any, classes: int, n_test: int) -> Any:
        def load_data(*args: Any, **kwargs: Any) -> Any:
            n = min(limit, 60000)
            xs = [rng.integers(0, 256, (k,) + shape_x).astype(dt) for k in (n, min(n_test, limit // 4))]
            ys = [rng.integers(0, classes, (k,)).astype(np.uint8) for k in (n, min(n_test, limit // 4))]
            return (xs[0], ys[0]), (xs[1], ys[1])
        return load_data

    local = HERE.parent.parent.parent / "shared" / "data" / "mnist.npz"

    def mnist_load_data(*args: Any, **kwargs: Any) -> Any:
        if not local.exists():  # the same shapes and dtypes, random
            return fake((28, 28), np.uint8, 10, 10000)()
        with np.load(local) as f:
            a, b, c, d = f["x_train"], f["y_train"], f["x_test"], f["y_test"]
        return (a[:limit], b[:limit]), (c[:limit // 4], d[:limit // 4])

    datasets.mnist.load_data = mnist_load_data
    if hasattr(datasets, "fashion_mnist"):
        datasets.fashion_mnist.load_data = fake((28, 28), np.uint8, 10, 10000)
    if hasattr(datasets, "cifar10"):
        datasets.cifar10.load_data = fake((32, 32, 3), np.uint8, 10, 10000)


def _prepare(src: str, use_tf: bool, program: dict | None = None) -> str:
    """The import swap (tapeflow for TensorFlow, tapeflow's Keras for Keras) and no IPython magics."""
    src = re.sub(r"^([ \t]*)[!%].*$", r"\1pass  # IPython magic, not run", src, flags=re.M)
    if program:
        src = re.sub(r"\bepochs=\d+", f"epochs={program['epochs']}", src)
        src = re.sub(r"^(EPOCHS|epochs) = \d+", rf"\1 = {program['epochs']}", src, flags=re.M)
    if use_tf:
        return src.replace(IMPORT_LINE, "import tensorflow as tf").replace(KERAS_LINE, "import keras")
    return re.sub(r"^import keras$", KERAS_LINE, src, flags=re.M)


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
    """Write a guide notebook's code cells to guides/<name>.py (``--extract NOTEBOOK NAME``)."""
    nb = json.loads(Path(notebook).read_text())
    cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    rel = notebook.split("site/en/")[-1]
    out = [f'"""Code cells of tensorflow/docs site/en/{rel} (Apache-2.0, (c) The TensorFlow Authors),\n'
           'unchanged but for the import line. Run with tests/guide_runner.py."""\n']
    for i, c in enumerate(cells):
        src = "".join(c["source"]).replace("import tensorflow as tf", IMPORT_LINE)
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
    names = [a for a in sys.argv[1:] if not a.startswith("--")] or GUIDES + MORE_GUIDES
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
