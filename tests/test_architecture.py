"""Layering rules the code must keep (issue 10): checked by reading the source, not by running it.

- The engine (tensor.py, tape.py, recorders.py, primitives/) never imports the public ops
  (``tapeflow.ops``) nor Keras: not at module level, not inside functions.
- Only recorders.py changes the recorder stack (``STATE.recording`` / ``STATE.tapes``); the hot
  paths in tensor.py and primitives/__init__.py may read it, nothing else touches it.
"""

from __future__ import annotations

import ast
import pathlib
import subprocess
import sys

import pytest

PKG = pathlib.Path(__file__).resolve().parent.parent / "tapeflow"
ENGINE = ["tensor.py", "tape.py", "recorders.py"] + sorted(
    f"primitives/{p.name}" for p in (PKG / "primitives").glob("*.py")
)
FORBIDDEN = ("tapeflow.ops", "tapeflow.keras")
STACK_FIELDS = {"recording", "tapes"}
STACK_READERS = {"tensor.py", "primitives/__init__.py"}  # the hot paths: reads only


def _module_name(rel: str) -> str:
    parts = rel[:-3].split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(["tapeflow", *parts])


def _imports(rel: str, module_level_only: bool = False) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in ``tapeflow/<rel>`` (``from X import y`` gives
    both ``X`` and ``X.y``: ``y`` may be a submodule)."""
    tree = ast.parse((PKG / rel).read_text(), rel)
    name = _module_name(rel)
    pkg = name if rel.endswith("__init__.py") else name.rsplit(".", 1)[0]
    nodes = tree.body if module_level_only else list(ast.walk(tree))
    out = []
    for node in nodes:
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg.split(".")
                base = base[: len(base) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            out.append((node.lineno, mod))
            out += [(node.lineno, f"{mod}.{a.name}") for a in node.names]
    return out


def _is_forbidden(mod: str) -> bool:
    return any(mod == f or mod.startswith(f + ".") for f in FORBIDDEN)


@pytest.mark.parametrize("rel", ENGINE)
def test_engine_never_imports_ops(rel):
    bad = [f"{rel}:{line}: {mod}" for line, mod in _imports(rel) if _is_forbidden(mod)]
    assert not bad, "the engine imports the public ops (move what it needs down):\n" + "\n".join(bad)


def test_engine_module_level_imports_stay_in_the_engine():
    """Following module-level imports from the engine (transitively) never reaches ops/ or keras/."""
    seen: set = set()
    todo = [(_module_name(rel), rel) for rel in ENGINE]
    while todo:
        name, rel = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for line, mod in _imports(rel, module_level_only=True):
            assert not _is_forbidden(mod), f"{rel}:{line} imports {mod} at module level (reached from the engine)"
            if not mod.startswith("tapeflow."):
                continue
            sub = mod[len("tapeflow."):].replace(".", "/")
            for cand in (f"{sub}.py", f"{sub}/__init__.py"):
                if (PKG / cand).exists():
                    todo.append((mod, cand))


def test_engine_imports_without_ops_at_runtime():
    """Import the engine modules in a fresh interpreter, bypassing tapeflow/__init__.py (which loads
    everything): no ``tapeflow.ops`` or ``tapeflow.keras`` module gets loaded."""
    mods = [_module_name(rel) for rel in ENGINE] + ["tapeflow.autodiff", "tapeflow.custom_gradient"]
    code = (
        "import importlib, sys, types\n"
        f"pkg = types.ModuleType('tapeflow'); pkg.__path__ = [{str(PKG)!r}]; sys.modules['tapeflow'] = pkg\n"
        f"for m in {mods!r}: importlib.import_module(m)\n"
        f"print(sorted(k for k in sys.modules if k.startswith({FORBIDDEN!r})))\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "[]", f"the engine loaded: {res.stdout.strip()}"


def _stack_uses(rel: str) -> list[str]:
    """Every place in ``tapeflow/<rel>`` that touches the recorder stack against the rules."""
    tree = ast.parse((PKG / rel).read_text(), rel)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    bad = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and any(a.name == "STATE" for a in node.names):
            if rel not in STACK_READERS:
                bad.append(f"{rel}:{node.lineno}: imports STATE (use tapeflow.recorders' functions)")
        if not (isinstance(node, ast.Name) and node.id == "STATE"):
            continue
        attr = parents.get(node)
        if not (isinstance(attr, ast.Attribute) and attr.attr in STACK_FIELDS):
            if not isinstance(attr, ast.Attribute):
                bad.append(f"{rel}:{node.lineno}: STATE used bare (aliased?)")
            continue
        where = f"{rel}:{node.lineno}: STATE.{attr.attr}"
        up = parents.get(attr)
        if not isinstance(attr.ctx, ast.Load):
            bad.append(f"{where} assigned or deleted")
        elif isinstance(up, ast.Attribute):
            bad.append(f"{where}.{up.attr} (a method of the list: mutation)")
        elif isinstance(up, ast.Subscript) and not isinstance(up.ctx, ast.Load):
            bad.append(f"{where}[...] assigned or deleted")
        elif rel not in STACK_READERS:
            bad.append(f"{where} read outside the hot paths (use tapeflow.recorders' functions)")
    return bad


def test_only_recorders_touches_the_stack():
    files = sorted(str(p.relative_to(PKG)) for p in PKG.rglob("*.py"))
    assert "recorders.py" in files and "tape.py" in files
    bad = [b for rel in files if rel != "recorders.py" for b in _stack_uses(rel)]
    assert not bad, "the recorder stack is changed outside tapeflow/recorders.py:\n" + "\n".join(bad)


def test_the_stack_check_catches_mutation(tmp_path, monkeypatch):
    """The AST check itself: each way of changing the stack is caught."""
    (tmp_path / "m.py").write_text(
        "from .tensor import STATE\n"
        "STATE.recording = []\n"
        "STATE.tapes.append(1)\n"
        "del STATE.recording[0]\n"
        "x = bool(STATE.recording)\n"
    )
    monkeypatch.setattr(sys.modules[__name__], "PKG", tmp_path)
    bad = _stack_uses("m.py")
    assert len(bad) == 5, bad


def test_recorders_implement_the_protocol():
    import tapeflow as tf
    from tapeflow.custom_gradient import _VariableWatcher
    from tapeflow.recorders import Recorder

    x = tf.constant(1.0)
    for rec in (tf.GradientTape(), tf.autodiff.ForwardAccumulator(x, tf.constant(1.0)), _VariableWatcher()):
        assert isinstance(rec, Recorder), type(rec).__name__
