"""The architecture issue's counts, so that each step can report before/after:

    python tools/arch_counts.py [PATH_TO_TAPEFLOW_PACKAGE]

- ``np.`` references and ``._value`` reads outside ``tapeflow/primitives/`` (and outside the
  host-side data/file modules, which may use NumPy), by top-level folder;
- ``bind`` variants in the primitives and backward walks in the tape;
- functions longer than 80 lines;
- imports of ``tapeflow.ops`` in the engine modules (tensor.py, tape.py, primitives/), at module level
  or inside functions (an import cycle either way);
- places outside the recorder module that assign or mutate ``STATE.recording`` / ``STATE.tapes``.
"""

from __future__ import annotations

import ast
import collections
import os
import re
import sys

HOST_SIDE = ("data/", "keras/datasets/", "_io.py", "io.py", "train.py", "summary/", "keras/saving.py",
             "keras/_keras_format.py")


def main(root: str) -> None:
    files = []
    for d, _, names in os.walk(root):
        for n in names:
            if n.endswith(".py"):
                files.append(os.path.join(d, n))
    np_refs: collections.Counter = collections.Counter()
    values: collections.Counter = collections.Counter()
    long_funcs = []
    cycles = []
    state_sites = []
    binds = walks = 0
    for path in sorted(files):
        rel = os.path.relpath(path, root).replace(os.sep, "/")
        src = open(path, encoding="utf-8").read()
        tree = ast.parse(src)
        top = rel.split("/")[0] if "/" in rel else rel
        engine = rel in ("tensor.py", "tape.py") or rel.startswith("primitives/")
        if not rel.startswith("primitives/") and not rel.startswith(HOST_SIDE):
            np_refs[top] += len(re.findall(r"\bnp\.", src))
            values[top] += len(re.findall(r"\._value\b", src))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = (node.end_lineno or node.lineno) - node.lineno + 1
                if n > 80:
                    long_funcs.append(f"{rel}:{node.lineno} {node.name} ({n} lines)")
                if rel == "primitives/__init__.py" and re.fullmatch(r"bind\d*", node.name):
                    binds += 1
                if rel == "tape.py" and node.name.startswith("_walk"):
                    walks += 1
            if engine and isinstance(node, ast.ImportFrom):
                mod = "." * node.level + (node.module or "")
                if ".ops" in mod and not mod.startswith("..keras"):
                    cycles.append(f"{rel} imports {mod}")
        if not rel.startswith("recorders"):
            for i, line in enumerate(src.splitlines(), 1):
                if re.search(r"STATE\.(recording|tapes)\s*(=|\.(append|remove|insert|pop|clear|extend))", line):
                    state_sites.append(f"{rel}:{i}")
    print(f"np. references outside primitives/ and host-side I/O: {sum(np_refs.values())} {dict(np_refs.most_common(6))}")
    print(f"._value reads outside primitives/ and host-side I/O: {sum(values.values())}")
    print(f"bind variants: {binds}; backward walks: {walks}")
    print(f"functions over 80 lines: {len(long_funcs)}")
    print(f"imports of tapeflow.ops in engine modules: {len(cycles)} {cycles}")
    print(f"STATE.recording/STATE.tapes changed outside the recorder module: {len(state_sites)}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "tapeflow"))
