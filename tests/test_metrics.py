"""keras.metrics against hand computations."""

from __future__ import annotations

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.errors import InvalidArgumentError
from tapeflow.keras import metrics

RNG = np.random.default_rng(0)


def test_mean_sum_weights_and_reset():
    m = metrics.Mean()
    m.update_state([1.0, 2.0, 3.0])
    m.update_state(tf.constant([10.0]), sample_weight=[0.5])
    assert float(m.result()) == pytest.approx((1 + 2 + 3 + 5) / 3.5)
    r = m.result()
    assert isinstance(r, tf.Tensor) and r.dtype == tf.float32 and r.shape == ()
    m.reset_state()
    assert float(m.result()) == 0.0
    m.update_state(np.array([[1.0, 3.0], [5.0, 7.0]]))  # per-sample means 2 and 6
    assert float(m.result()) == pytest.approx(4.0)
    m.reset_states()
    assert float(m.result()) == 0.0
    assert all(not v.trainable for v in m.variables) and len(m.variables) == 2
    s = metrics.Sum()
    s.update_state([1.0, 2.0], sample_weight=[2.0, 0.5])
    s.update_state(4.0)
    assert float(s.result()) == pytest.approx(7.0)
    with pytest.raises(InvalidArgumentError, match=r"\(3,\)"):
        metrics.Mean().update_state([1.0, 2.0], sample_weight=[1.0, 1.0, 1.0])


def test_sparse_categorical_accuracy_seed_usage():
    y_pred = RNG.random((64, 10)).astype(np.float32)
    y_true = RNG.integers(0, 10, 64).astype(np.float32)
    y_true[:20] = y_pred[:20].argmax(-1)
    m = metrics.SparseCategoricalAccuracy()
    out = m(tf.constant(y_true), tf.constant(y_pred))
    expected = (y_pred.argmax(-1) == y_true).mean()
    assert float(out) == pytest.approx(expected)
    m(y_true.reshape(64, 1), y_pred)  # (batch, 1) labels
    assert float(m.result()) == pytest.approx(expected)
    w = RNG.random(64)
    m.reset_states()
    m.update_state(y_true, y_pred, sample_weight=w)
    assert float(m.result()) == pytest.approx(((y_pred.argmax(-1) == y_true) * w).sum() / w.sum(), rel=1e-6)
    assert m.name == "sparse_categorical_accuracy"
    with pytest.raises(InvalidArgumentError, match=r"\(32,\).*\(64, 10\)"):
        m(y_true[:32], y_pred)


def test_accuracy_categorical_binary():
    assert float(metrics.Accuracy()([1, 2, 3, 4], [0, 2, 3, 4])) == 0.75
    ca = metrics.CategoricalAccuracy()
    assert float(ca([[0, 0, 1], [0, 1, 0]], [[0.1, 0.9, 0.8], [0.05, 0.95, 0]])) == 0.5
    ba = metrics.BinaryAccuracy()
    assert float(ba([[1], [1], [0], [0]], [[0.98], [1], [0], [0.6]])) == 0.75
    ba2 = metrics.BinaryAccuracy(threshold=0.7)
    assert float(ba2([1, 1, 0, 0], [0.98, 0.65, 0.0, 0.6])) == 0.75
    mse = metrics.MeanSquaredError()
    t, p = RNG.random((4, 3)), RNG.random((4, 3))
    assert float(mse(t, p)) == pytest.approx(((t - p) ** 2).mean(), rel=1e-6)
    mae = metrics.MeanAbsoluteError()
    assert float(mae(t, p)) == pytest.approx(np.abs(t - p).mean(), rel=1e-6)
    np.testing.assert_allclose(metrics.sparse_categorical_accuracy([1, 0], [[0.2, 0.8], [0.3, 0.7]]).numpy(), [1, 0])


def _confusion(y, p, thr, w=None):
    w = np.ones_like(p) if w is None else w
    pos = p > thr
    tp = (w * (pos & (y == 1))).sum()
    fp = (w * (pos & (y == 0))).sum()
    fn = (w * (~pos & (y == 1))).sum()
    tn = (w * (~pos & (y == 0))).sum()
    return tp, fp, tn, fn


def test_precision_recall():
    y = RNG.integers(0, 2, 50).astype(np.float64)
    p = RNG.random(50)
    w = RNG.random(50)
    tp, fp, tn, fn = _confusion(y, p, 0.5, w)
    prec, rec = metrics.Precision(), metrics.Recall()
    prec.update_state(y[:25], p[:25], sample_weight=w[:25])
    prec.update_state(y[25:], p[25:], sample_weight=w[25:])
    rec.update_state(y, p, sample_weight=w)
    assert float(prec.result()) == pytest.approx(tp / (tp + fp), rel=1e-6)
    assert float(rec.result()) == pytest.approx(tp / (tp + fn), rel=1e-6)
    thr = [0.7, 0.2, 0.5]
    pm = metrics.Precision(thresholds=thr)
    res = pm(y, p).numpy()
    assert res.shape == (3,)
    for k, t in enumerate(thr):
        a, b, _, _ = _confusion(y, p, t)
        assert res[k] == pytest.approx(a / (a + b), rel=1e-6)
    assert float(metrics.Precision()([0, 0], [0.1, 0.2])) == 0.0  # no predicted positives
    # class_id and top_k
    yt = np.array([[0, 0, 1], [0, 1, 0]])
    yp = np.array([[0.7, 0.6, 0.65], [0.1, 0.9, 0.8]])
    assert float(metrics.Precision(top_k=1)(yt, yp)) == pytest.approx(0.5)
    assert float(metrics.Recall(class_id=2)(yt, yp)) == pytest.approx(1.0)
    prec.reset_state()
    assert float(prec.result()) == 0.0


def _direct_auc(y, p, thresholds, curve, method):
    cm = np.array([_confusion(y, p, t) for t in thresholds])
    tp, fp, tn, fn = cm.T
    with np.errstate(invalid="ignore", divide="ignore"):
        rec = np.nan_to_num(tp / (tp + fn))
        fpr = np.nan_to_num(fp / (fp + tn))
        prec = np.nan_to_num(tp / (tp + fp))
    x, yv = (fpr, rec) if curve == "ROC" else (rec, prec)
    total = 0.0
    for i in range(len(thresholds) - 1):
        if method == "interpolation":
            h = (yv[i] + yv[i + 1]) / 2
        elif method == "minoring":
            h = min(yv[i], yv[i + 1])
        else:
            h = max(yv[i], yv[i + 1])
        total += (x[i] - x[i + 1]) * h
    return total


@pytest.mark.parametrize("curve,method", [("ROC", "interpolation"), ("ROC", "minoring"), ("ROC", "majoring"),
                                          ("PR", "minoring"), ("PR", "majoring")])
def test_auc_matches_direct_sums(curve, method):
    y = RNG.integers(0, 2, 40).astype(np.float64)
    p = np.clip(RNG.random(40) * 0.6 + 0.4 * y, 0, 1)
    m = metrics.AUC(num_thresholds=11, curve=curve, summation_method=method)
    m.update_state(y[:20], p[:20])
    m.update_state(y[20:], p[20:])
    thr = [-1e-7] + [i / 10 for i in range(1, 10)] + [1 + 1e-7]
    assert float(m.result()) == pytest.approx(_direct_auc(y, p, thr, curve, method), rel=1e-5)


def test_auc_small_case_and_exact_limit():
    assert float(metrics.AUC(num_thresholds=3)([0, 0, 1, 1], [0.0, 0.5, 0.3, 0.9])) == pytest.approx(0.75)
    y = RNG.integers(0, 2, 300)
    p = RNG.random(300) * 0.5 + 0.3 * y
    pos, neg = p[y == 1], p[y == 0]
    exact = (pos[:, None] > neg[None, :]).mean()  # Mann-Whitney: the exact ROC AUC (no ties)
    m = metrics.AUC(num_thresholds=2000)
    assert float(m(y, p)) == pytest.approx(exact, abs=2e-3)
    # PR interpolation of a perfect ranking is 1
    assert float(metrics.AUC(curve="PR")([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9])) == pytest.approx(1.0, abs=1e-6)
    m.reset_state()
    assert float(m.result()) == 0.0
    w = RNG.random(300)
    weighted = metrics.AUC(num_thresholds=11)
    weighted.update_state(y, p, sample_weight=w)
    thr = [-1e-7] + [i / 10 for i in range(1, 10)] + [1 + 1e-7]
    cm = np.array([_confusion(y, p, t, w) for t in thr])
    tp, fp, tn, fn = cm.T
    rec, fpr = tp / (tp + fn), fp / (fp + tn)
    direct = sum((fpr[i] - fpr[i + 1]) * (rec[i] + rec[i + 1]) / 2 for i in range(10))
    assert float(weighted.result()) == pytest.approx(direct, rel=1e-5)
    with pytest.raises(ValueError):
        metrics.AUC(curve="XYZ")


def test_auc_multi_label():
    y = RNG.integers(0, 2, (30, 2))
    p = RNG.random((30, 2))
    m = metrics.AUC(num_thresholds=11, multi_label=True)
    got = float(m(y, p))
    thr = [-1e-7] + [i / 10 for i in range(1, 10)] + [1 + 1e-7]
    per = [_direct_auc(y[:, j].astype(float), p[:, j], thr, "ROC", "interpolation") for j in range(2)]
    assert got == pytest.approx(np.mean(per), rel=1e-5)


def test_custom_metric_and_get():
    class Count(metrics.Metric):
        def __init__(self, name="count", dtype=None):
            super().__init__(name=name, dtype=dtype)
            self.n = self.add_weight(name="n")

        def update_state(self, values, sample_weight=None):
            self.n.assign_add(float(np.size(values)))

        def result(self):
            return self.n.value()

    c = Count()
    assert float(c([1, 2, 3])) == 3.0
    c.reset_states()
    assert float(c.result()) == 0.0
    assert isinstance(metrics.get("accuracy"), metrics.Accuracy)
    assert isinstance(metrics.get("acc"), metrics.Accuracy)
    assert isinstance(metrics.get("sparse_categorical_accuracy"), metrics.SparseCategoricalAccuracy)
    assert isinstance(metrics.get("SparseCategoricalAccuracy"), metrics.SparseCategoricalAccuracy)
    assert isinstance(metrics.get("auc"), metrics.AUC)
    m = metrics.BinaryAccuracy(threshold=0.3)
    assert metrics.get(m) is m
    again = metrics.deserialize(metrics.serialize(m))
    assert again.threshold == pytest.approx(0.3)
    with pytest.raises(ValueError):
        metrics.get("nope")
    assert m.get_config()["name"] == "binary_accuracy"
