"""examples/mnist_checkpointed.py killed with SIGKILL mid-epoch and rerun ends with the weights of an
uninterrupted run (on a small slice of MNIST)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

import tapeflow as tf

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "mnist_checkpointed.py"
DATA = ROOT.parent / "shared" / "data" / "mnist.npz"
# 640 examples in batches of 64: 10 steps an epoch, 3 epochs; a checkpoint every 4 steps
ARGS = ["--data", str(DATA), "--limit", "640", "--epochs", "3", "--save-every", "4"]

pytestmark = pytest.mark.skipif(not DATA.exists(), reason=f"{DATA} is absent")


def _cmd(ckpt_dir, *extra):
    return [sys.executable, str(EXAMPLE), "--ckpt-dir", str(ckpt_dir), *ARGS, *extra]


def _env():
    return dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))


def _final_values(ckpt_dir):
    reader = tf.train.load_checkpoint(str(ckpt_dir))
    shapes = reader.get_variable_to_shape_map()
    skip = ("_CHECKPOINTABLE_OBJECT_GRAPH", "save_counter/.ATTRIBUTES/VARIABLE_VALUE")  # (saves differ in number)
    return {k: reader.get_tensor(k) for k in shapes if k not in skip}


def test_killed_run_resumes_to_the_uninterrupted_weights(tmp_path):
    full, killed = tmp_path / "full", tmp_path / "killed"
    out = subprocess.run(_cmd(full), env=_env(), capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "Initializing from scratch." in out.stdout and "Done at step 30" in out.stdout

    # the same run, slowed down, killed as soon as its first checkpoint is on disk (step 4 of epoch 0)
    proc = subprocess.Popen(_cmd(killed, "--pause", "0.15"), env=_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while tf.train.latest_checkpoint(str(killed)) is None:
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "no checkpoint appeared"
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        stdout, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == -signal.SIGKILL and "Done at step" not in stdout
    interrupted_at = int(tf.train.load_variable(str(killed), "step/.ATTRIBUTES/VARIABLE_VALUE"))
    assert 0 < interrupted_at < 10  # mid-epoch 0

    logs = tmp_path / "logs"
    out = subprocess.run(_cmd(killed, "--logdir", str(logs)), env=_env(), capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert f"(step {interrupted_at}, epoch 0)" in out.stdout
    assert f"Start of epoch 0 (resuming at batch {interrupted_at})" in out.stdout
    assert "Done at step 30" in out.stdout

    want, got = _final_values(full), _final_values(killed)
    assert sorted(got) == sorted(want)
    assert "optimizer/_variables/2/.ATTRIBUTES/VARIABLE_VALUE" in got  # the momentum slots went through too
    for key in want:
        np.testing.assert_array_equal(got[key], want[key], err_msg=key)  # bit for bit
    assert int(got["epoch/.ATTRIBUTES/VARIABLE_VALUE"]) == 3
    assert sorted(f for f in os.listdir(killed) if f.endswith(".index")) == [
        "ckpt-24.index", "ckpt-28.index", "ckpt-30.index"]  # max_to_keep=3

    # the resumed run logged to TensorBoard from the restored step on
    ea = pytest.importorskip("tensorboard.backend.event_processing.event_accumulator")
    acc = ea.EventAccumulator(str(logs), size_guidance={"tensors": 0})  # 0: keep every event
    acc.Reload()
    assert [e.step for e in acc.Tensors("loss")] == list(range(interrupted_at + 1, 31))
    assert [e.step for e in acc.Tensors("val_accuracy")] == [10, 20, 30]
