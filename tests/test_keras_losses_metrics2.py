"""keras.losses / keras.metrics / keras.constraints (second part): the remaining Keras 3 classes
and functions against values Keras 3.15 printed for the same inputs, reductions and sample
weights, Loss subclasses, metric variable names and configs, constraints, gradients."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from gradcheck import check_grads

import tapeflow as tf
from tapeflow import keras
from tapeflow.keras import constraints, losses, metrics

P = np.array([[0.7, 0.2, 0.1], [0.1, 0.5, 0.4], [0.3, 0.3, 0.4], [0.05, 0.9, 0.05]], np.float32)
Z = np.array([[1.5, -0.5, 0.2], [-1.0, 2.0, 0.3], [0.0, 0.1, -0.2], [0.7, -1.2, 2.2]], np.float32)
Y01 = np.array([[1, 0, 0], [0, 0, 1], [0, 1, 0], [0, 1, 0]], np.float32)
YB = np.array([[1, 0, 1], [0, 0, 1], [1, 1, 0], [0, 1, 0]], np.float32)
YR = np.array([[0.5, -1.0, 2.0], [1.5, 0.0, -0.5], [-0.2, 0.3, 0.8], [1.0, 1.0, -1.0]], np.float32)
YP = np.array([[0.5, 1.0, 2.0], [1.5, 0.0, 0.5], [0.2, 0.3, 0.8], [1.0, 1.0, 1.0]], np.float32)
YI = np.array([0, 2, 1, 1], np.int32)
SW = np.array([1.0, 0.5, 0.0, 2.0], np.float32)
LOSSES = [
 ("MeanSquaredError", {}, "YR", "Z"), ("MeanAbsolutePercentageError", {}, "YR", "Z"),
 ("MeanSquaredLogarithmicError", {}, "YP", "P"), ("CosineSimilarity", {}, "YR", "Z"), ("Huber", {"delta": 0.5}, "YR", "Z"),
 ("LogCosh", {}, "YR", "Z"), ("KLDivergence", {}, "Y01", "P"), ("Poisson", {}, "YP", "P"), ("Hinge", {}, "YB", "Z"),
 ("SquaredHinge", {}, "YB", "Z"), ("CategoricalHinge", {}, "Y01", "Z"), ("BinaryFocalCrossentropy", {}, "YB", "P"),
 ("BinaryFocalCrossentropy", {"apply_class_balancing": True, "alpha": 0.3, "from_logits": True}, "YB", "Z"),
 ("CategoricalFocalCrossentropy", {}, "Y01", "P"), ("CategoricalFocalCrossentropy", {"from_logits": True, "label_smoothing": 0.1}, "Y01", "Z"),
 ("Dice", {}, "YB", "P"), ("Tversky", {"alpha": 0.3, "beta": 0.7}, "YB", "P"),
 ("CategoricalGeneralizedCrossEntropy", {"q": 0.3}, "YI", "P"), ("SparseCategoricalCrossentropy", {"ignore_class": 1}, "YI", "P"),
]
REDUCTIONS = [("sum", SW), (None, SW), ("mean_with_sample_weight", SW), ("sum_over_batch_size", SW), ("mean_with_sample_weight", np.float32(2.0))]
p1 = np.array([0.1, 0.6, 0.35, 0.8, 0.5, 0.0, 1.0, 0.45], np.float32)
y1 = np.array([0, 1, 1, 1, 0, 0, 1, 0], np.float32)
w1 = np.array([1.0, 2.0, 0.5, 1.0, 1.0, 0.0, 1.5, 1.0], np.float32)
METRICS = [
 ("TopKCategoricalAccuracy", {"k": 2}, [("Y01", "P", None), ("Y01", "Z", "SW")]),
 ("SparseTopKCategoricalAccuracy", {"k": 1}, [("YI", "P", "SW")]),
 ("KLDivergence", {}, [("Y01", "P", "SW")]), ("Poisson", {}, [("YP", "P", None)]),
 ("RootMeanSquaredError", {}, [("YR", "Z", None), ("YR", "P", "SW")]), ("CosineSimilarity", {}, [("YR", "Z", "SW")]),
 ("LogCoshError", {}, [("YR", "Z", None)]), ("MeanSquaredLogarithmicError", {}, [("YP", "P", "SW")]),
 ("R2Score", {}, [("YR", "Z", None), ("YR", "P", "SW")]), ("PearsonCorrelation", {}, [("YR", "Z", None)]),
 ("Hinge", {}, [("YB", "Z", "SW")]), ("SquaredHinge", {}, [("YB", "Z", None)]), ("CategoricalHinge", {}, [("Y01", "Z", None)]),
 ("BinaryCrossentropy", {"from_logits": True}, [("YB", "Z", "SW")]), ("CategoricalCrossentropy", {}, [("Y01", "P", None)]),
 ("SparseCategoricalCrossentropy", {"from_logits": True}, [("YI", "Z", "SW")]),
 ("TruePositives", {}, [("y1", "p1", "w1")]), ("FalseNegatives", {"thresholds": [0.3, 0.6]}, [("y1", "p1", None)]),
 ("Precision", {"top_k": 2}, [("YB", "P", None)]), ("Recall", {"class_id": 2}, [("YB", "P", "SW")]),
 ("AUC", {}, [("y1", "p1", "w1")]), ("AUC", {"curve": "PR", "num_thresholds": 11}, [("y1", "p1", None)]),
 ("PrecisionAtRecall", {"recall": 0.5}, [("y1", "p1", None)]), ("RecallAtPrecision", {"precision": 0.7}, [("y1", "p1", "w1")]),
 ("SensitivityAtSpecificity", {"specificity": 0.6}, [("y1", "p1", None)]), ("SpecificityAtSensitivity", {"sensitivity": 0.5}, [("y1", "p1", "w1")]),
 ("MeanIoU", {"num_classes": 3}, [("YI", "YI2", None)]), ("IoU", {"num_classes": 3, "target_class_ids": [1, 2]}, [("YI", "YI2", "SWI")]),
 ("BinaryIoU", {"threshold": 0.4}, [("y1", "p1", None)]), ("OneHotMeanIoU", {"num_classes": 3}, [("Y01", "P", None)]),
 ("OneHotIoU", {"num_classes": 3, "target_class_ids": [0, 1]}, [("Y01", "Z", None)]),
 ("F1Score", {}, [("YB", "P", None)]), ("F1Score", {"average": "macro", "threshold": 0.35}, [("YB", "P", "SW")]),
 ("FBetaScore", {"beta": 0.5, "average": "micro", "threshold": 0.3}, [("YB", "P", None)]),
 ("FBetaScore", {"beta": 2.0, "average": "weighted", "threshold": 0.3}, [("YB", "P", "SW")]),
]
YI2 = np.array([0, 1, 1, 2], np.int32)
SWI = np.array([1, 2, 0, 1], np.int32)


# (loss, kwargs, y_true, y_pred, Keras's reduced value, Keras's values with reduction=None)
LOSS_VALUES = [
    ('MeanSquaredError', {}, 'YR', 'Z', 2.635833263397217, [1.4966665506362915, 3.630000114440918, 0.36000001430511475, 5.056666851043701]),
    ('MeanAbsolutePercentageError', {}, 'YR', 'Z', 166666816.0, [113.33333587646484, 666666816.0, 97.22222900390625, 190.0]),
    ('MeanSquaredLogarithmicError', {}, 'YP', 'P', 0.2524152994155884, [0.4277411997318268, 0.2810569703578949, 0.023188583552837372, 0.2776743769645691]),
    ('CosineSimilarity', {}, 'YR', 'Z', 0.31808942556381226, [-0.4518428444862366, 0.46254611015319824, 0.6625413298606873, 0.5991131067276001]),
    ('Huber', {'delta': 0.5}, 'YR', 'Z', 0.5383333563804626, [0.42499998211860657, 0.7583333849906921, 0.13833333551883698, 0.8316666483879089]),
    ('LogCosh', {}, 'YR', 'Z', 0.8052046895027161, [0.5625683665275574, 1.1431081295013428, 0.15783904492855072, 1.3573031425476074]),
    ('KLDivergence', {}, 'Y01', 'P', 0.6455718874931335, [0.35667216777801514, 0.9162878394126892, 1.2039697170257568, 0.10535793751478195]),
    ('Poisson', {}, 'YP', 'P', 1.8114001750946045, [2.4643142223358154, 1.6373404264450073, 0.7783395648002625, 2.3656067848205566]),
    ('Hinge', {}, 'YB', 'Z', 1.2333333492279053, [0.43333330750465393, 1.2333333492279053, 0.9000000357627869, 2.366666793823242]),
    ('SquaredHinge', {}, 'YB', 'Z', 2.566666603088379, [0.29666668176651, 3.1633331775665283, 0.8166666626930237, 5.990000247955322]),
    ('CategoricalHinge', {}, 'Y01', 'Z', 2.0, [0.0, 2.700000047683716, 0.8999999761581421, 4.400000095367432]),
    ('BinaryFocalCrossentropy', {}, 'YB', 'P', 0.3061050474643707, [0.6353734135627747, 0.16806836426258087, 0.42054176330566406, 0.0004366908688098192]),
    ('BinaryFocalCrossentropy', {'apply_class_balancing': True, 'alpha': 0.3, 'from_logits': True}, 'YB', 'Z', 0.2815776467323303, [0.02855868823826313, 0.40034449100494385, 0.060152068734169006, 0.6372553706169128]),
    ('CategoricalFocalCrossentropy', {}, 'Y01', 'P', 0.05956035852432251, [0.008025187999010086, 0.08246617764234543, 0.14748665690422058, 0.00026340148178860545]),
    ('CategoricalFocalCrossentropy', {'from_logits': True, 'label_smoothing': 0.1}, 'Y01', 'Z', 0.3221663236618042, [0.0315432995557785, 0.34786123037338257, 0.09720424562692642, 0.8120565414428711]),
    ('Dice', {}, 'YB', 'P', 0.4599999785423279, 0.4599999785423279),
    ('Tversky', {'alpha': 0.3, 'beta': 0.7}, 'YB', 'P', 0.41304343938827515, 0.41304343938827515),
    ('CategoricalGeneralizedCrossEntropy', {'q': 0.3}, 'YI', 'P', 0.5634060502052307, [0.3382551670074463, 0.8011406064033508, 1.0105156898498535, 0.10371287167072296]),
    ('SparseCategoricalCrossentropy', {'ignore_class': 1}, 'YI', 'P', 0.636482834815979, [0.3566749691963196, 0.9162907600402832, 0.0, 0.0]),
]
REDUCTION_VALUES = [
    ('sum', 13.425000190734863),
    (None, [1.4966665506362915, 1.815000057220459, 0.0, 10.113333702087402]),
    ('mean_with_sample_weight', 3.835714340209961),
    ('sum_over_batch_size', 3.356250047683716),
    ('mean_with_sample_weight', 10.543333053588867),
]

# (metric, kwargs, updates, Keras's result, Keras's variable paths)
METRIC_VALUES = [
    ('TopKCategoricalAccuracy', {'k': 2}, [('Y01', 'P', None), ('Y01', 'Z', 'SW')], 0.7333333492279053, ['top_k_categorical_accuracy/total', 'top_k_categorical_accuracy/count']),
    ('SparseTopKCategoricalAccuracy', {'k': 1}, [('YI', 'P', 'SW')], 0.8571428656578064, ['sparse_top_k_categorical_accuracy/total', 'sparse_top_k_categorical_accuracy/count']),
    ('KLDivergence', {}, [('Y01', 'P', 'SW')], 0.2930091321468353, ['kl_divergence/total', 'kl_divergence/count']),
    ('Poisson', {}, [('YP', 'P', None)], 1.8114001750946045, ['poisson/total', 'poisson/count']),
    ('RootMeanSquaredError', {}, [('YR', 'Z', None), ('YR', 'P', 'SW')], 1.3704824447631836, ['root_mean_squared_error/total', 'root_mean_squared_error/count']),
    ('CosineSimilarity', {}, [('YR', 'Z', 'SW')], -0.27933040261268616, ['cosine_similarity/total', 'cosine_similarity/count']),
    ('LogCoshError', {}, [('YR', 'Z', None)], 0.8052046895027161, ['logcosh/total', 'logcosh/count']),
    ('MeanSquaredLogarithmicError', {}, [('YP', 'P', 'SW')], 0.3210338056087494, ['mean_squared_logarithmic_error/total', 'mean_squared_logarithmic_error/count']),
    ('R2Score', {}, [('YR', 'Z', None), ('YR', 'P', 'SW')], -2.0054314136505127, ['r2_score/num_samples', 'r2_score/squared_sum', 'r2_score/sum', 'r2_score/residual', 'r2_score/count']),
    ('PearsonCorrelation', {}, [('YR', 'Z', None)], -0.45129287242889404, ['pearson_correlation/total', 'pearson_correlation/count']),
    ('Hinge', {}, [('YB', 'Z', 'SW')], 1.6523810625076294, ['hinge/total', 'hinge/count']),
    ('SquaredHinge', {}, [('YB', 'Z', None)], 2.566666603088379, ['squared_hinge/total', 'squared_hinge/count']),
    ('CategoricalHinge', {}, [('Y01', 'Z', None)], 2.0, ['categorical_hinge/total', 'categorical_hinge/count']),
    ('BinaryCrossentropy', {'from_logits': True}, [('YB', 'Z', 'SW')], 1.191809892654419, ['binary_crossentropy/total', 'binary_crossentropy/count']),
    ('CategoricalCrossentropy', {}, [('Y01', 'P', None)], 0.6455747485160828, ['categorical_crossentropy/total', 'categorical_crossentropy/count']),
    ('SparseCategoricalCrossentropy', {'from_logits': True}, [('YI', 'Z', 'SW')], 2.443786382675171, ['sparse_categorical_crossentropy/total', 'sparse_categorical_crossentropy/count']),
    ('TruePositives', {}, [('y1', 'p1', 'w1')], 4.5, ['true_positives/accumulator']),
    ('FalseNegatives', {'thresholds': [0.3, 0.6]}, [('y1', 'p1', None)], [0.0, 2.0], ['false_negatives/accumulator']),
    ('Precision', {'top_k': 2}, [('YB', 'P', None)], 0.5, ['precision/true_positives', 'precision/false_positives']),
    ('Recall', {'class_id': 2}, [('YB', 'P', 'SW')], 0.0, ['recall/true_positives', 'recall/false_negatives']),
    ('AUC', {}, [('y1', 'p1', 'w1')], 0.9333333373069763, ['auc/true_positives', 'auc/false_positives', 'auc/true_negatives', 'auc/false_negatives']),
    ('AUC', {'curve': 'PR', 'num_thresholds': 11}, [('y1', 'p1', None)], 0.908839225769043, ['auc/true_positives', 'auc/false_positives', 'auc/true_negatives', 'auc/false_negatives']),
    ('PrecisionAtRecall', {'recall': 0.5}, [('y1', 'p1', None)], 1.0, ['precision_at_recall/true_positives', 'precision_at_recall/false_positives', 'precision_at_recall/true_negatives', 'precision_at_recall/false_negatives']),
    ('RecallAtPrecision', {'precision': 0.7}, [('y1', 'p1', 'w1')], 1.0, ['recall_at_precision/true_positives', 'recall_at_precision/false_positives', 'recall_at_precision/true_negatives', 'recall_at_precision/false_negatives']),
    ('SensitivityAtSpecificity', {'specificity': 0.6}, [('y1', 'p1', None)], 0.75, ['sensitivity_at_specificity/true_positives', 'sensitivity_at_specificity/false_positives', 'sensitivity_at_specificity/true_negatives', 'sensitivity_at_specificity/false_negatives']),
    ('SpecificityAtSensitivity', {'sensitivity': 0.5}, [('y1', 'p1', 'w1')], 1.0, ['specificity_at_sensitivity/true_positives', 'specificity_at_sensitivity/false_positives', 'specificity_at_sensitivity/true_negatives', 'specificity_at_sensitivity/false_negatives']),
    ('MeanIoU', {'num_classes': 3}, [('YI', 'YI2', None)], 0.4444444179534912, ['mean_io_u/total_confusion_matrix']),
    ('IoU', {'num_classes': 3, 'target_class_ids': [1, 2]}, [('YI', 'YI2', 'SWI')], 0.0, ['io_u/total_confusion_matrix']),
    ('BinaryIoU', {'threshold': 0.4}, [('y1', 'p1', None)], 0.44999998807907104, ['binary_io_u/total_confusion_matrix']),
    ('OneHotMeanIoU', {'num_classes': 3}, [('Y01', 'P', None)], 0.4444444179534912, ['one_hot_mean_io_u/total_confusion_matrix']),
    ('OneHotIoU', {'num_classes': 3, 'target_class_ids': [0, 1]}, [('Y01', 'Z', None)], 0.6666666269302368, ['one_hot_io_u/total_confusion_matrix']),
    ('F1Score', {}, [('YB', 'P', None)], [0.666666567325592, 0.4999999403953552, 0.0], ['f1_score/true_positives', 'f1_score/false_positives', 'f1_score/false_negatives', 'f1_score/intermediate_weights']),
    ('F1Score', {'average': 'macro', 'threshold': 0.35}, [('YB', 'P', 'SW')], 0.7962961792945862, ['f1_score/true_positives', 'f1_score/false_positives', 'f1_score/false_negatives', 'f1_score/intermediate_weights']),
    ('FBetaScore', {'beta': 0.5, 'average': 'micro', 'threshold': 0.3}, [('YB', 'P', None)], 0.5769230127334595, ['fbeta_score/true_positives', 'fbeta_score/false_positives', 'fbeta_score/false_negatives', 'fbeta_score/intermediate_weights']),
    ('FBetaScore', {'beta': 2.0, 'average': 'weighted', 'threshold': 0.3}, [('YB', 'P', 'SW')], 0.7737077474594116, ['fbeta_score/true_positives', 'fbeta_score/false_positives', 'fbeta_score/false_negatives', 'fbeta_score/intermediate_weights']),
]


V = {k: v for k, v in dict(globals()).items() if isinstance(v, np.ndarray)}


@pytest.mark.parametrize("name,kwargs,t,p,value,per", LOSS_VALUES, ids=[f"{c[0]}{i}" for i, c in enumerate(LOSS_VALUES)])
def test_losses_match_keras(name, kwargs, t, p, value, per):
    loss = getattr(losses, name)(**kwargs)
    out = loss(V[t], V[p])
    assert out.dtype == tf.float32 and out.shape == ()
    np.testing.assert_allclose(float(out), value, rtol=2e-5)
    np.testing.assert_allclose(getattr(losses, name)(reduction=None, **kwargs)(V[t], V[p]).numpy(), per,
                               rtol=2e-5, atol=1e-6)


@pytest.mark.parametrize("reduction,sw", list(zip([r for r, _ in REDUCTIONS], [w for _, w in REDUCTIONS])))
def test_reductions_and_sample_weights_match_keras(reduction, sw):
    i = [k for k, (r, w) in enumerate(REDUCTIONS) if r == reduction and np.ndim(w) == np.ndim(sw)][0]
    got = losses.MeanSquaredError(reduction=reduction)(YR, Z, sample_weight=sw)
    np.testing.assert_allclose(got.numpy(), REDUCTION_VALUES[i][1], rtol=2e-6)


def test_loss_functions_and_aliases():
    assert losses.kld is losses.kl_divergence is losses.KLD is losses.kullback_leibler_divergence
    assert losses.logcosh is losses.log_cosh and losses.MAPE is losses.mean_absolute_percentage_error
    assert losses.get("msle") is losses.mean_squared_logarithmic_error
    assert losses.get("bce") is losses.binary_crossentropy
    assert type(losses.get("Tversky")).__name__ == "Tversky"
    with pytest.raises(ValueError, match="Could not interpret loss identifier: huber_loss"):
        losses.get("huber_loss")
    np.testing.assert_allclose(losses.cosine_similarity(YR, Z, axis=0).numpy(),
                               [0.01374143362045288, 0.19411729276180267, 0.38842394948005676], rtol=2e-5)
    # 0/1 hinge labels become -1/1; other labels are used as given
    np.testing.assert_allclose(losses.hinge(YB, Z).numpy(), losses.hinge(2 * YB - 1, Z).numpy())
    assert losses.Reduction.all() == ("auto", "none", "sum", "sum_over_batch_size")
    with pytest.raises(ValueError, match="Invalid value for argument `reduction`"):
        losses.MeanSquaredError(reduction="auto")


def test_loss_configs_as_keras():
    assert losses.Huber(delta=2.0).get_config() == {"name": "huber_loss", "reduction": "sum_over_batch_size"}
    assert losses.CosineSimilarity(axis=0).get_config() == {"name": "cosine_similarity",
                                                            "reduction": "sum_over_batch_size"}
    assert losses.BinaryFocalCrossentropy().get_config() == {
        "name": "binary_focal_crossentropy", "reduction": "sum_over_batch_size", "from_logits": False,
        "label_smoothing": 0.0, "axis": -1, "apply_class_balancing": False, "alpha": 0.25, "gamma": 2.0}
    assert losses.Tversky().get_config() == {"name": "tversky", "reduction": "sum_over_batch_size", "alpha": 0.5,
                                             "beta": 0.5, "axis": None}
    assert losses.SparseCategoricalCrossentropy().get_config() == {
        "name": "sparse_categorical_crossentropy", "reduction": "sum_over_batch_size", "from_logits": False,
        "ignore_class": None}
    ser = losses.serialize(losses.Dice(axis=1))
    assert ser == {"module": "keras.losses", "class_name": "Dice",
                   "config": {"name": "dice", "reduction": "sum_over_batch_size", "axis": 1}, "registered_name": None}
    assert losses.deserialize(ser).axis == 1
    assert losses.serialize(losses.poisson) == {"module": "builtins", "class_name": "function", "config": "poisson",
                                                "registered_name": "function"}
    assert losses.deserialize(losses.serialize(losses.poisson)) is losses.poisson
    with pytest.raises(ValueError, match="q must be in the interval"):
        losses.CategoricalGeneralizedCrossEntropy(q=1.5)


def test_loss_subclass_call_converts_inputs_and_names():
    keras.backend.clear_session()

    class L1(losses.Loss):
        def call(self, y_true, y_pred):
            assert isinstance(y_true, tf.Tensor) and y_true.dtype == tf.float32
            return tf.reduce_mean(tf.abs(y_pred - y_true), axis=-1)

    a, b = L1(), L1()
    assert (a.name, b.name) == ("l1", "l1_1") and a.dtype == "float32"
    assert float(a(np.array([[1, 2]]), np.array([[2.0, 2.0]], np.float32))) == 0.5  # int labels cast
    assert float(L1(reduction="sum")([[1.0], [2.0]], [[2.0], [4.0]])) == 3.0
    np.testing.assert_allclose(L1(reduction=None)([[1.0], [2.0]], [[2.0], [4.0]]).numpy(), [1.0, 2.0])
    # an empty batch is returned as it is (Keras's reduce_values)
    assert L1()(np.zeros((0, 2), np.float32), np.zeros((0, 2), np.float32)).shape == (0,)


def test_loss_subclass_in_fit():
    class MyMSE(losses.Loss):
        def call(self, y_true, y_pred):
            return tf.reduce_mean(tf.square(y_pred - y_true), axis=-1)

    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1, kernel_initializer="zeros")])
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss=MyMSE())
    x = np.array([[1.0, 0.0], [0.0, 1.0]], np.float32)
    y = np.array([[1.0], [2.0]], np.float32)
    hist = model.fit(x, y, epochs=2, batch_size=2, verbose=0)
    assert hist.history["loss"][0] == pytest.approx(2.5)  # zero weights: mean(1, 4)
    assert hist.history["loss"][1] < hist.history["loss"][0]


def test_sparse_ignore_class_masks_the_mean():
    got = losses.SparseCategoricalCrossentropy(ignore_class=1)(YI, P)
    np.testing.assert_allclose(float(got), 0.636482834815979, rtol=1e-6)  # (0.357 + 0.916) / 2
    out = losses.sparse_categorical_crossentropy(YI, P, ignore_class=1)
    assert out._keras_mask.numpy().tolist() == [True, True, False, False]


def test_new_losses_are_differentiable():
    t01 = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]])
    tr = np.array([[0.5, -1.0, 2.0], [1.5, 0.2, -0.5]])
    probs = np.array([[0.3, 0.5, 0.2], [0.6, 0.1, 0.3]])
    zs = np.array([[0.4, -0.3, 1.2], [-0.8, 0.5, 0.1]])
    check_grads(lambda p: losses.log_cosh(tf.constant(tr), p), [zs])
    check_grads(lambda p: losses.cosine_similarity(tf.constant(tr), p), [zs])
    check_grads(lambda p: losses.poisson(tf.constant(np.abs(tr)), p), [probs])
    check_grads(lambda p: losses.kl_divergence(tf.constant(probs[::-1].copy()), p), [probs])
    check_grads(lambda p: losses.mean_squared_logarithmic_error(tf.constant(np.abs(tr)), p), [probs])
    check_grads(lambda p: losses.mean_absolute_percentage_error(tf.constant(tr), p), [zs], order=1)
    check_grads(lambda p: losses.binary_focal_crossentropy(tf.constant(t01), p), [probs])
    check_grads(lambda z: losses.binary_focal_crossentropy(tf.constant(t01), z, from_logits=True,
                                                           apply_class_balancing=True), [zs])
    check_grads(lambda p: losses.categorical_focal_crossentropy(tf.constant(t01), p), [probs])
    check_grads(lambda z: losses.categorical_focal_crossentropy(tf.constant(t01), z, from_logits=True), [zs])
    check_grads(lambda p: losses.dice(tf.constant(t01), p), [probs])
    check_grads(lambda p: losses.tversky(tf.constant(t01), p, 0.3, 0.7), [probs])
    check_grads(lambda p: losses.categorical_generalized_cross_entropy(np.array([1, 0]), p, 0.5), [probs])
    check_grads(lambda p: losses.squared_hinge(tf.constant(t01), p), [zs], order=1)
    check_grads(lambda p: losses.categorical_hinge(tf.constant(t01), p), [zs], order=1)


def test_loss_bad_inputs():
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"poisson.*\(2, 3\).*\(2, 2\)"):
        losses.poisson(np.ones((2, 3)), np.ones((2, 2)))
    with pytest.raises(tf.errors.InvalidArgumentError, match="sample_weight of shape"):
        losses.Hinge()(YB, Z, sample_weight=np.ones(3))


@pytest.mark.parametrize("name,kwargs,updates,value,paths", METRIC_VALUES,
                         ids=[f"{c[0]}{i}" for i, c in enumerate(METRIC_VALUES)])
def test_metrics_match_keras(name, kwargs, updates, value, paths):
    keras.backend.clear_session()
    m = getattr(metrics, name)(**kwargs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for t, p, w in updates:
            m.update_state(V[t], V[p], sample_weight=None if w is None else V[w])
    got = m.result()
    np.testing.assert_allclose(got.numpy(), value, rtol=2e-5, atol=1e-6)
    assert [v.path for v in m.variables] == paths
    m.reset_state()
    assert all(not np.any(v.numpy()) for v in m.variables)


def test_metric_base_contract():
    keras.backend.clear_session()

    class Count(metrics.Metric):
        def __init__(self):
            super().__init__()
            self.n = self.add_weight(initializer="ones", name="n")

        def update_state(self, x):
            self.n.assign_add(float(x))

        def result(self):
            return self.n.value()

    c = Count()
    assert (c.name, Count().name, c.n.path, c.dtype) == ("count", "count_1", "count/n", "float32")
    c.update_state(2.0)
    assert float(c.result()) == 3.0
    c.reset_state()  # zeros, as Keras 3
    assert float(c.result()) == 0.0
    assert repr(c) == "<Count name=count>"
    m = metrics.Mean()
    vals = m.stateless_update_state([np.float32(1.0), np.float32(1.0)], [3.0])
    assert [float(v) for v in vals] == [4.0, 2.0] and float(m.result()) == 0.0
    assert float(m.stateless_result(vals)) == 2.0


def test_metric_configs_and_lookup():
    assert metrics.MeanIoU(num_classes=3).get_config() == {
        "num_classes": 3, "name": "mean_io_u", "dtype": "int64", "ignore_class": None, "sparse_y_true": True,
        "sparse_y_pred": True, "axis": -1}
    assert metrics.F1Score().get_config() == {"name": "f1_score", "dtype": "float32", "average": None,
                                              "threshold": None}
    assert metrics.BinaryCrossentropy().get_config() == {"name": "binary_crossentropy", "dtype": "float32",
                                                         "from_logits": False, "label_smoothing": 0}
    assert metrics.SparseTopKCategoricalAccuracy(from_sorted_ids=True).get_config()["from_sorted_ids"] is True
    assert metrics.SensitivityAtSpecificity(0.5).get_config() == {
        "name": "sensitivity_at_specificity", "dtype": "float32", "class_id": None, "num_thresholds": 200,
        "specificity": 0.5}
    with pytest.raises(TypeError):
        metrics.get("mean_io_u")  # MeanIoU needs num_classes (Keras raises the same way)
    assert type(metrics.get("r2_score")).__name__ == "R2Score"
    assert type(metrics.get("MAPE")).__name__ == "MeanAbsolutePercentageError"
    assert metrics.mse is losses.mean_squared_error and metrics.kld is losses.kl_divergence
    cfg = metrics.serialize(metrics.AUC(curve="PR"))
    assert cfg["module"] == "keras.metrics" and metrics.deserialize(cfg).curve == "PR"
    with pytest.raises(ValueError, match="Target class id 3 is out of range"):
        metrics.IoU(num_classes=3, target_class_ids=[3])
    with pytest.raises(ValueError, match="`beta` argument value. It should be a Python float"):
        metrics.FBetaScore(beta=2)


def test_metric_functions():
    np.testing.assert_array_equal(metrics.top_k_categorical_accuracy(Y01, P, k=1).numpy(), [1.0, 0.0, 0.0, 1.0])
    # ties at the k-th score count as in the top k (TF's in_top_k)
    assert metrics.sparse_top_k_categorical_accuracy([1], [[0.05, 0.05, 0.9]], k=2).numpy().tolist() == [1.0]
    np.testing.assert_allclose(metrics.pearson_correlation(YR, Z).numpy(),
                               [0.34486523270606995, -0.6652324199676514, -0.6546536087989807, -0.8301507830619812],
                               rtol=2e-5)
    assert metrics.binary_accuracy([[1.0], [0.0]], [[0.7], [0.6]]).numpy().tolist() == [[1.0], [0.0]]


CONSTRAINT_W = np.array([[3.0, 0.1], [4.0, 0.2]], np.float32)


def test_constraints_match_keras():
    np.testing.assert_allclose(constraints.MaxNorm(2)(CONSTRAINT_W).numpy(),
                               [[1.2, 0.09999996], [1.6, 0.19999991]], rtol=1e-6)
    np.testing.assert_allclose(constraints.MaxNorm(2, axis=1)(CONSTRAINT_W).numpy(),
                               [[1.9988898, 0.06662966], [1.9975047, 0.09987523]], rtol=1e-6)
    np.testing.assert_allclose(constraints.MinMaxNorm(0.5, 1.0, 0.5)(CONSTRAINT_W).numpy(),
                               [[1.8000001, 0.16180332], [2.4, 0.32360664]], rtol=1e-6)
    np.testing.assert_allclose(constraints.UnitNorm()(CONSTRAINT_W).numpy(),
                               [[0.6, 0.44721338], [0.8, 0.89442676]], rtol=1e-6)
    out = constraints.NonNeg()(np.array([-1.0, 2.0]))
    assert out.numpy().tolist() == [0.0, 2.0] and out.dtype == tf.float64
    assert constraints.max_norm is constraints.MaxNorm and constraints.non_neg is constraints.NonNeg
    assert constraints.MinMaxNorm().get_config() == {"min_value": 0.0, "max_value": 1.0, "rate": 1.0, "axis": 0}
    assert type(constraints.get("unit_norm")).__name__ == "UnitNorm" and constraints.get(None) is None
    assert constraints.serialize(constraints.MaxNorm()) == {
        "module": "keras.constraints", "class_name": "MaxNorm", "config": {"max_value": 2, "axis": 0},
        "registered_name": None}
    with pytest.raises(ValueError, match="Could not interpret constraint identifier: foo"):
        constraints.get("foo")
    base = constraints.Constraint()
    assert base(CONSTRAINT_W) is CONSTRAINT_W and base.get_config() == {}
    check_grads(lambda w: constraints.MaxNorm(1.0)(w), [np.array([[3.0, 0.1], [4.0, 0.2]])])
    check_grads(lambda w: constraints.UnitNorm(axis=1)(w), [np.array([[3.0, 0.1], [4.0, 0.2]])])


def test_constraint_applied_by_optimizer_and_layer():
    layer = keras.layers.Dense(2, kernel_constraint=constraints.NonNeg(), kernel_initializer="ones")
    layer.build((None, 2))
    opt = keras.optimizers.SGD(1.0)
    opt.apply_gradients([(tf.constant([[2.0, 0.5], [0.5, 2.0]]), layer.kernel)])
    assert layer.kernel.numpy().tolist() == [[0.0, 0.5], [0.5, 0.0]]
