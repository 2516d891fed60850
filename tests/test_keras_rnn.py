"""Keras recurrent layers, Bidirectional, TimeDistributed, Masking and mask propagation.

Reference numbers come from Keras 3.15 (TF 2.21 backend) run offline on the same inputs and
weights (``_arr`` below, deterministic), rounded to 6 decimals.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from gradcheck import check_grads

import tapeflow as tf
from tapeflow import keras

L = keras.layers


def _arr(shape, k=0.0):
    n = int(np.prod(shape))
    return (0.5 * np.sin(np.arange(n) * 0.37 + k)).reshape(shape).astype("float32")


def _setw(layer, k=1.0):
    layer.set_weights([_arr(w.shape, k + i) for i, w in enumerate(layer.get_weights())])


def _flat(y):
    ys = list(y) if isinstance(y, (list, tuple)) else [y]
    out = []
    for v in ys:
        out.extend(v if isinstance(v, (list, tuple)) else [v])
    return out


def _close(got, want, atol=2e-6):
    got = _flat(got)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        np.testing.assert_allclose(np.asarray(g), np.asarray(w, np.float64), atol=atol, rtol=0)


def _weights_fn(layer, call):
    """``f(x, *weights)`` running ``call(x)`` with the layer's variables replaced by the given
    tensors (so gradients w.r.t. the weights can be checked, to any order)."""
    vs = layer.weights

    def f(x, *ws):
        for v, w in zip(vs, ws):
            v.__dict__["_read"] = (lambda w=w: w)
        try:
            return call(x)
        finally:
            for v in vs:
                v.__dict__.pop("_read", None)

    return f


X = _arr((2, 3, 2))
MASK = np.array([[True, False, True], [False, True, True]])

KERAS = {'Bi_concat_mask': [[[[-0.096443, -0.092808, 0.214889, 0.234496], [0.0, 0.0, 0.0, 0.0],
                      [-0.130439, -0.126478, 0.126728, 0.145469]],
                     [[0.0, 0.0, 0.0, 0.0], [-0.082922, -0.086545, 0.158321, 0.189579],
                      [-0.117327, -0.118739, 0.103054, 0.119632]]]],
 'Bi_none_state': [[[0.654484, 0.463819], [-0.118911, -0.314865]], [[-0.138934, 0.023726], [-0.266625, -0.147776]],
                   [[0.654484, 0.463819], [-0.118911, -0.314865]], [[-0.138934, 0.023726], [-0.266625, -0.147776]]],
 'Bi_sum': [[[0.020543, -0.021683], [0.045072, 0.081294]]],
 'GRUCell': [[[-0.430138, -0.358302], [-0.319975, -0.24341]], [[-0.430138, -0.358302], [-0.319975, -0.24341]]],
 'GRUCell_nra': [[[-0.469648, -0.428564], [-0.340118, -0.283667]], [[-0.469648, -0.428564], [-0.340118, -0.283667]]],
 'GRU_back_mask': [[[[-0.247538, -0.267602], [-0.247538, -0.267602], [-0.351349, -0.330637]],
                    [[-0.171832, -0.119718], [-0.243047, -0.196212], [-0.243047, -0.196212]]]],
 'GRU_nra_seq': [[[[-0.251968, -0.281192], [-0.365698, -0.411283], [-0.405762, -0.461639]],
                  [[-0.203174, -0.251071], [-0.271853, -0.313477], [-0.285582, -0.297312]]]],
 'GRU_state': [[[-0.383003, -0.382769], [-0.242281, -0.175686]], [[-0.383003, -0.382769], [-0.242281, -0.175686]]],
 'LSTMCell': [[[-0.11325, -0.079734], [-0.044623, -0.01884]], [[-0.11325, -0.079734], [-0.044623, -0.01884]],
              [[-0.288175, -0.1838], [-0.110707, -0.0439]]],
 'LSTM_init': [[[-0.134335, -0.130688], [-0.125654, -0.131272]]],
 'LSTM_mask': [[[[-0.096443, -0.092808], [-0.096443, -0.092808], [-0.130439, -0.126478]],
                [[0.0, 0.0], [-0.082922, -0.086545], [-0.117327, -0.118739]]],
               [[-0.130439, -0.126478], [-0.117327, -0.118739]], [[-0.354298, -0.318168], [-0.301763, -0.289244]]],
 'LSTM_mask_zero': [[[[-0.096443, -0.092808], [0.0, 0.0], [-0.130439, -0.126478]],
                     [[0.0, 0.0], [-0.082922, -0.086545], [-0.117327, -0.118739]]]],
 'LSTM_seq_state': [[[[-0.096443, -0.092808], [-0.132548, -0.126885], [-0.145638, -0.1398]],
                     [[-0.087595, -0.090568], [-0.120544, -0.122567], [-0.133622, -0.133485]]],
                    [[-0.145638, -0.1398], [-0.133622, -0.133485]],
                    [[-0.399139, -0.354029], [-0.346321, -0.327331]]],
 'Masking': [[[[0.0, 0.180808], [0.0, 0.0], [0.49794, 0.480638]],
              [[0.0, 0.0], [0.090298, -0.093647], [-0.264918, -0.400333]]],
             [[True, False, True], [False, True, True]]],
 'SimpleRNNCell': [[[-0.13483, -0.206052], [0.228813, 0.102528]], [[-0.13483, -0.206052], [0.228813, 0.102528]]],
 'SimpleRNN_seq': [[[[0.15833, -0.035621], [0.460667, 0.29018], [0.654484, 0.463819]],
                    [[0.351603, 0.191939], [0.254076, 0.016461], [-0.118911, -0.314865]]]],
 'Stacked': [[[0.197527, 0.24366], [0.181586, 0.221494]], [[0.654484, 0.463819], [-0.118911, -0.314865]],
             [[0.197527, 0.24366], [0.181586, 0.221494]], [[0.328667, 0.426308], [0.309286, 0.39529]]],
 'TD': [[[[0.49583, 0.402154], [0.673556, 0.608148], [0.716802, 0.663381]],
         [[0.63596, 0.57583], [0.419006, 0.338768], [0.144854, 0.04704]]]],
 'model_eval': [1.184911, 0.0],
 'model_pred': [[[0.263623, 0.329669, 0.406709], [0.274166, 0.331249, 0.394585], [0.274166, 0.331249, 0.394585],
                 [0.274166, 0.331249, 0.394585]],
                [[0.269695, 0.330387, 0.399918], [0.266602, 0.330522, 0.402876], [0.275423, 0.331768, 0.392809],
                 [0.275423, 0.331768, 0.392809]]]}

CONV = {'ConvLSTM1D_mask': [[[[[-0.101718, -0.098099], [-0.097552, -0.097267], [-0.088025, -0.091929]],
                       [[-0.101718, -0.098099], [-0.097552, -0.097267], [-0.088025, -0.091929]],
                       [[-0.138402, -0.130302], [-0.136298, -0.132111], [-0.128049, -0.129187]]],
                      [[[0.0, 0.0], [0.0, 0.0], [0.0, 0.0]],
                       [[-0.100563, -0.09504], [-0.101692, -0.098122], [-0.097421, -0.097209]],
                       [[-0.120862, -0.119273], [-0.11989, -0.117781], [-0.123313, -0.120113]]]]],
 'ConvLSTM2D_cf_state': [[[[[0.359588, 0.398427, 0.09063], [0.265812, 0.093346, -0.089992],
                            [-0.070442, -0.122511, -0.13058]],
                           [[0.287326, 0.303302, 0.006297], [0.139181, -0.013848, -0.116151],
                            [-0.101616, -0.125377, -0.125428]]]],
                         [[[[0.359588, 0.398427, 0.09063], [0.265812, 0.093346, -0.089992],
                            [-0.070442, -0.122511, -0.13058]],
                           [[0.287326, 0.303302, 0.006297], [0.139181, -0.013848, -0.116151],
                            [-0.101616, -0.125377, -0.125428]]]],
                         [[[[0.705745, 0.848523, 0.205219], [0.658455, 0.243106, -0.248949],
                            [-0.181838, -0.334927, -0.346345]],
                           [[0.657973, 0.766485, 0.015528], [0.382382, -0.039505, -0.320572],
                            [-0.262559, -0.311899, -0.298781]]]]]}

CONFIG_KEYS = {
    "SimpleRNNCell": ["name", "trainable", "dtype", "units", "activation", "use_bias", "kernel_initializer",
                      "recurrent_initializer", "bias_initializer", "kernel_regularizer", "recurrent_regularizer",
                      "bias_regularizer", "kernel_constraint", "recurrent_constraint", "bias_constraint", "dropout",
                      "recurrent_dropout", "seed"],
    "GRUCell": ["name", "trainable", "dtype", "units", "activation", "recurrent_activation", "use_bias",
                "kernel_initializer", "recurrent_initializer", "bias_initializer", "kernel_regularizer",
                "recurrent_regularizer", "bias_regularizer", "kernel_constraint", "recurrent_constraint",
                "bias_constraint", "dropout", "recurrent_dropout", "reset_after", "seed"],
    "LSTMCell": ["name", "trainable", "dtype", "units", "activation", "recurrent_activation", "use_bias",
                 "unit_forget_bias", "kernel_initializer", "recurrent_initializer", "bias_initializer",
                 "kernel_regularizer", "recurrent_regularizer", "bias_regularizer", "kernel_constraint",
                 "recurrent_constraint", "bias_constraint", "dropout", "recurrent_dropout", "seed"],
    "SimpleRNN": ["name", "trainable", "dtype", "return_sequences", "return_state", "go_backwards", "stateful",
                  "unroll", "zero_output_for_mask", "units", "activation", "use_bias", "kernel_initializer",
                  "recurrent_initializer", "bias_initializer", "kernel_regularizer", "recurrent_regularizer",
                  "bias_regularizer", "activity_regularizer", "kernel_constraint", "recurrent_constraint",
                  "bias_constraint", "dropout", "recurrent_dropout"],
    "GRU": ["name", "trainable", "dtype", "return_sequences", "return_state", "go_backwards", "stateful", "unroll",
            "zero_output_for_mask", "units", "activation", "recurrent_activation", "use_bias", "kernel_initializer",
            "recurrent_initializer", "bias_initializer", "kernel_regularizer", "recurrent_regularizer",
            "bias_regularizer", "activity_regularizer", "kernel_constraint", "recurrent_constraint",
            "bias_constraint", "dropout", "recurrent_dropout", "reset_after", "seed"],
    "LSTM": ["name", "trainable", "dtype", "return_sequences", "return_state", "go_backwards", "stateful", "unroll",
             "zero_output_for_mask", "units", "activation", "recurrent_activation", "use_bias", "kernel_initializer",
             "recurrent_initializer", "bias_initializer", "unit_forget_bias", "kernel_regularizer",
             "recurrent_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint",
             "recurrent_constraint", "bias_constraint", "dropout", "recurrent_dropout", "seed"],
    "RNN": ["name", "trainable", "dtype", "return_sequences", "return_state", "go_backwards", "stateful", "unroll",
            "zero_output_for_mask", "cell"],
    "StackedRNNCells": ["name", "trainable", "dtype", "cells"],
    "Bidirectional": ["name", "trainable", "dtype", "merge_mode", "layer", "backward_layer"],
    "TimeDistributed": ["name", "trainable", "dtype", "layer"],
    "Masking": ["name", "trainable", "dtype", "mask_value"],
    "ConvLSTM2D": ["name", "trainable", "dtype", "return_sequences", "return_state", "go_backwards", "stateful",
                   "unroll", "zero_output_for_mask", "filters", "kernel_size", "strides", "padding", "data_format",
                   "dilation_rate", "activation", "recurrent_activation", "use_bias", "kernel_initializer",
                   "recurrent_initializer", "bias_initializer", "unit_forget_bias", "kernel_regularizer",
                   "recurrent_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint",
                   "recurrent_constraint", "bias_constraint", "dropout", "recurrent_dropout", "seed"],
}


def _make(name):
    return {
        "SimpleRNNCell": lambda: L.SimpleRNNCell(2), "GRUCell": lambda: L.GRUCell(2),
        "LSTMCell": lambda: L.LSTMCell(2), "SimpleRNN": lambda: L.SimpleRNN(2), "GRU": lambda: L.GRU(2),
        "LSTM": lambda: L.LSTM(2), "RNN": lambda: L.RNN(L.SimpleRNNCell(2)),
        "StackedRNNCells": lambda: L.StackedRNNCells([L.SimpleRNNCell(2)]),
        "Bidirectional": lambda: L.Bidirectional(L.GRU(2)), "TimeDistributed": lambda: L.TimeDistributed(L.Dense(2)),
        "Masking": lambda: L.Masking(), "ConvLSTM2D": lambda: L.ConvLSTM2D(2, 3),
    }[name]()


# --- values against Keras --------------------------------------------------------------------------

@pytest.mark.parametrize("name,make,nstates", [
    ("SimpleRNNCell", lambda: L.SimpleRNNCell(2), 1), ("GRUCell", lambda: L.GRUCell(2), 1),
    ("GRUCell_nra", lambda: L.GRUCell(2, reset_after=False), 1), ("LSTMCell", lambda: L.LSTMCell(2), 2),
])
def test_cells_match_keras(name, make, nstates):
    cell = make()
    states = [_arr((2, 2), 5 + i) for i in range(nstates)]
    cell(X[:, 0], states)
    _setw(cell)
    out, new = cell(X[:, 0], states)
    assert isinstance(new, list) and len(new) == nstates
    _close([out] + new, KERAS[name])


def test_cell_weights_and_state_forms():
    gru = L.GRUCell(3)
    h, s = gru(np.ones((2, 4), "float32"), np.zeros((2, 3), "float32"))  # a bare state in, a bare state out
    assert isinstance(s, tf.Tensor) and s.shape.as_list() == [2, 3]
    assert [w.name for w in gru.weights] == ["kernel", "recurrent_kernel", "bias"]
    assert [tuple(w.shape) for w in gru.weights] == [(4, 9), (3, 9), (2, 9)]
    assert tuple(L.GRUCell(3, reset_after=False)(np.ones((1, 4), "float32"), [np.zeros((1, 3), "float32")])[0].shape) \
        == (1, 3)
    lstm = L.LSTMCell(2, unit_forget_bias=False, bias_initializer="ones")
    lstm(np.ones((1, 3), "float32"), [np.zeros((1, 2), "float32")] * 2)
    assert lstm.bias.numpy().tolist() == [1.0] * 8
    assert L.LSTMCell(2).get_initial_state(batch_size=3)[1].shape.as_list() == [3, 2]
    assert L.SimpleRNNCell(4).state_size == 4 and list(L.LSTMCell(4).state_size) == [4, 4]


@pytest.mark.parametrize("name,make,kw", [
    ("SimpleRNN_seq", lambda: L.SimpleRNN(2, return_sequences=True), {}),
    ("GRU_state", lambda: L.GRU(2, return_state=True), {}),
    ("GRU_nra_seq", lambda: L.GRU(2, reset_after=False, return_sequences=True), {}),
    ("LSTM_seq_state", lambda: L.LSTM(2, return_sequences=True, return_state=True), {}),
    ("LSTM_mask", lambda: L.LSTM(2, return_sequences=True, return_state=True), {"mask": MASK}),
    ("LSTM_mask_zero", lambda: L.LSTM(2, return_sequences=True, zero_output_for_mask=True), {"mask": MASK}),
    ("GRU_back_mask", lambda: L.GRU(2, return_sequences=True, go_backwards=True), {"mask": MASK}),
    ("LSTM_init", lambda: L.LSTM(2), {"initial_state": [_arr((2, 2), 7), _arr((2, 2), 8)]}),
    ("Stacked", lambda: L.RNN([L.SimpleRNNCell(2), L.LSTMCell(2)], return_state=True), {}),
    ("Bi_concat_mask", lambda: L.Bidirectional(L.LSTM(2, return_sequences=True)), {"mask": MASK}),
    ("Bi_sum", lambda: L.Bidirectional(L.GRU(2), merge_mode="sum"), {}),
    ("Bi_none_state", lambda: L.Bidirectional(L.SimpleRNN(2, return_state=True), merge_mode=None), {}),
    ("TD", lambda: L.TimeDistributed(L.Dense(2, activation="tanh")), {}),
])
def test_layers_match_keras(name, make, kw):
    layer = make()
    layer(X, **kw)
    _setw(layer)
    _close(layer(X, **kw), KERAS[name])


def test_implementation_1_matches_implementation_2():
    for cls in (L.GRU, L.LSTM):
        a, b = cls(3, return_sequences=True), cls(3, return_sequences=True, implementation=1)
        a(X)
        b(X)
        b.set_weights(a.get_weights())
        np.testing.assert_allclose(a(X).numpy(), b(X).numpy(), atol=1e-6)


def test_return_state_structures():
    out = L.RNN([L.SimpleRNNCell(2), L.LSTMCell(3)], return_state=True, return_sequences=True)(X)
    assert len(out) == 3 and out[0].shape.as_list() == [2, 3, 3]
    assert isinstance(out[1], list) and len(out[1]) == 1 and isinstance(out[2], list) and len(out[2]) == 2
    seq, h, c = L.LSTM(4, return_sequences=True, return_state=True)(X)
    np.testing.assert_array_equal(seq.numpy()[:, -1], h.numpy())
    back = L.SimpleRNN(2, return_sequences=True, go_backwards=True)
    fwd_last = back(X)
    assert fwd_last.shape.as_list() == [2, 3, 2]
    assert L.LSTM(4, return_state=True).compute_output_shape((None, 5, 3)) == ((None, 4), (None, 4), (None, 4))


# --- masks --------------------------------------------------------------------------------------------

def test_masking_layer_matches_keras():
    xm = _arr((2, 3, 2))
    xm[0, 1] = 0
    xm[1, 0] = 0
    y = L.Masking(0.0)(xm)
    _close(y, KERAS["Masking"][:1])
    assert y._keras_mask.numpy().tolist() == KERAS["Masking"][1]
    assert L.Masking(mask_value=-1.0).compute_mask(np.full((1, 2, 2), -1.0, "float32")).numpy().tolist() == [[False,
                                                                                                              False]]


def test_embedding_mask_zero_reaches_the_rnn():
    ids = np.array([[3, 1, 0, 0], [2, 0, 5, 0]])
    emb = L.Embedding(6, 3, mask_zero=True)
    e = emb(ids)
    assert e._keras_mask.numpy().tolist() == [[True, True, False, False], [True, False, True, False]]
    assert emb.supports_masking and not L.Embedding(6, 3).supports_masking
    rnn = L.GRU(2, return_sequences=True)
    y = rnn(e)
    np.testing.assert_array_equal(y._keras_mask.numpy(), e._keras_mask.numpy())  # return_sequences keeps the mask
    np.testing.assert_allclose(y.numpy(), rnn(e, mask=e._keras_mask).numpy())
    assert not np.allclose(y.numpy(), rnn(e, mask=np.ones((2, 4), bool)).numpy())
    assert not hasattr(L.GRU(2)(e), "_keras_mask") or L.GRU(2)(e)._keras_mask is None  # no mask after the last step
    d = L.Dense(2)(y)  # Dense carries the mask on
    np.testing.assert_array_equal(d._keras_mask.numpy(), e._keras_mask.numpy())


def test_masked_model_predictions_and_loss_match_keras():
    ids = np.array([[3, 1, 0, 0], [2, 4, 5, 0]])
    lab = np.array([[1, 0, 2, 2], [0, 1, 1, 0]])
    inp = keras.Input((4,), dtype="int32")
    h = L.Embedding(6, 3, mask_zero=True)(inp)
    h = L.GRU(3, return_sequences=True)(h)
    model = keras.Model(inp, L.Dense(3, activation="softmax")(h))
    _setw(model)
    pred = model(ids)
    _close(pred, [KERAS["model_pred"]])
    assert pred._keras_mask.numpy().tolist() == [[True, True, False, False], [True, True, True, False]]
    model.compile(loss="sparse_categorical_crossentropy", metrics=["sparse_categorical_accuracy"])
    ev = model.evaluate(ids, lab, verbose=0)
    np.testing.assert_allclose(ev, KERAS["model_eval"], atol=2e-6)
    # the masked positions do not count: changing their labels leaves the loss unchanged
    lab2 = lab.copy()
    lab2[0, 2:] = 0
    np.testing.assert_allclose(model.evaluate(ids, lab2, verbose=0), ev, atol=1e-7)
    # the metric skips them too: right at every unmasked position, wrong at the masked ones
    best = pred.numpy().argmax(-1)
    best[pred._keras_mask.numpy() == 0] += 1
    assert model.evaluate(ids, best % 3, verbose=0)[1] == 1.0


def test_sequential_masking_pipeline_and_warning():
    x = _arr((2, 4, 3))
    x[0, 2:] = 0.0
    model = keras.Sequential([keras.Input((4, 3)), L.Masking(), L.LSTM(2, return_sequences=True)])
    y = model(x)
    assert y._keras_mask.numpy().tolist() == [[True, True, False, False], [True, True, True, True]]
    # masked steps repeat the last unmasked output
    np.testing.assert_allclose(y.numpy()[0, 2], y.numpy()[0, 1])
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        L.Flatten()(y)
    assert any("does not support masking and will therefore destroy the mask" in str(m.message) for m in w)


def test_bidirectional_mask_zeros_and_compute_mask():
    e = L.Embedding(6, 3, mask_zero=True)(np.array([[3, 1, 0], [0, 2, 2]]))
    y = L.Bidirectional(L.SimpleRNN(2, return_sequences=True))(e)
    assert y.shape.as_list() == [2, 3, 4]
    np.testing.assert_array_equal(y.numpy()[0, 2], 0.0)
    np.testing.assert_array_equal(y.numpy()[1, 0], 0.0)
    np.testing.assert_array_equal(y._keras_mask.numpy(), e._keras_mask.numpy())
    both = L.Bidirectional(L.SimpleRNN(2, return_sequences=True), merge_mode=None)(e)
    assert isinstance(both, tuple) and both[1]._keras_mask is not None


def test_time_distributed_passes_masks_and_keeps_them():
    e = L.Embedding(6, 3, mask_zero=True)(np.array([[3, 1, 0]]))
    y = L.TimeDistributed(L.Dense(4))(e)
    assert y.shape.as_list() == [1, 3, 4]
    np.testing.assert_array_equal(y._keras_mask.numpy(), [[True, True, False]])
    with pytest.raises(ValueError, match="incompatible with the input shape"):
        L.TimeDistributed(L.Dense(4))(np.zeros((1, 3, 2), "float32"), mask=np.ones((1, 2), bool))


# --- stateful, initial state, dropout ------------------------------------------------------------------

def test_stateful_carries_and_resets_states():
    layer = L.GRU(2, stateful=True)
    a = layer(X).numpy()
    b = layer(X).numpy()
    assert not np.allclose(a, b)
    assert len(layer.weights) == 3 and len(layer.states) == 1  # states are not weights
    np.testing.assert_allclose(layer.states[0].numpy(), b)
    layer.reset_states()
    np.testing.assert_array_equal(layer.states[0].numpy(), 0.0)
    np.testing.assert_allclose(layer(X).numpy(), a, atol=1e-7)
    with pytest.raises(ValueError, match="batch size"):
        layer(np.zeros((3, 3, 2), "float32"))
    with pytest.raises(ValueError, match="batch size must be static"):
        keras.Sequential([keras.Input((3, 2)), L.LSTM(2, stateful=True)])
    ok = keras.Sequential([keras.Input(batch_shape=(2, 3, 2)), L.LSTM(2, stateful=True)])
    assert ok(X).shape.as_list() == [2, 2]
    bi = L.Bidirectional(L.LSTM(2, stateful=True))
    bi(X)
    assert len(bi.states) == 4
    bi.reset_states()
    with pytest.raises(AttributeError, match="must be stateful"):
        L.Bidirectional(L.LSTM(2)).reset_states()


def test_initial_state_and_errors():
    layer = L.LSTM(2)
    zero = np.zeros((2, 2), "float32")
    np.testing.assert_allclose(layer(X).numpy(), layer(X, initial_state=[zero, zero]).numpy())
    with pytest.raises(ValueError, match="expects 2 initial state"):
        layer(X, initial_state=[zero])
    with pytest.raises(ValueError, match="ndim=3"):
        L.GRU(2)(np.zeros((2, 3), "float32"))
    with pytest.raises(ValueError, match="positive integer"):
        L.LSTM(0)
    with pytest.raises(ValueError, match="Invalid merge mode"):
        L.Bidirectional(L.LSTM(2), merge_mode="max")
    with pytest.raises(ValueError, match="keras.layers.Layer"):
        L.Bidirectional("lstm")
    with pytest.raises(ValueError, match="state_size"):
        L.RNN(L.Dense(2))
    with pytest.raises(ValueError, match="mask must have shape"):
        L.SimpleRNN(2)(X, mask=np.ones((2, 4), bool))
    with pytest.raises(ValueError, match="use_cudnn"):
        L.GRU(2, use_cudnn="yes")


def test_dropout_only_in_training():
    tf.random.set_seed(1)
    for layer in (L.LSTM(3, dropout=0.5, recurrent_dropout=0.5), L.GRU(3, dropout=0.5),
                  L.SimpleRNN(3, dropout=0.4, recurrent_dropout=0.3)):
        ref = layer(X).numpy()
        np.testing.assert_array_equal(layer(X, training=False).numpy(), ref)
        assert not np.allclose(layer(X, training=True).numpy(), ref)
        assert layer.cell._dropout_mask is None  # masks are reset after each call
    cell = L.LSTMCell(2, dropout=0.5, recurrent_dropout=0.5)
    assert cell.implementation == 1 and len(cell.get_dropout_mask(np.ones((2, 3), "float32"))) == 4


# --- gradients ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("make,call", [
    (lambda: L.SimpleRNN(2, return_sequences=True, dtype="float64"), None),
    (lambda: L.GRU(2, return_sequences=True, dtype="float64"), None),
    (lambda: L.GRU(2, reset_after=False, dtype="float64"), None),
    (lambda: L.GRU(2, implementation=1, go_backwards=True, dtype="float64"), None),
    (lambda: L.LSTM(2, return_sequences=True, return_state=True, dtype="float64"), None),
    (lambda: L.LSTM(2, implementation=1, dtype="float64"), None),
    (lambda: L.LSTM(2, return_sequences=True, dtype="float64"), "mask"),
    (lambda: L.LSTM(2, return_sequences=True, zero_output_for_mask=True, dtype="float64"), "mask"),
    (lambda: L.RNN([L.SimpleRNNCell(2, dtype="float64"), L.GRUCell(2, dtype="float64")], dtype="float64"), None),
    (lambda: L.Bidirectional(L.GRU(2, return_sequences=True, dtype="float64"), dtype="float64"), "mask"),
    (lambda: L.TimeDistributed(L.Dense(2, activation="tanh", dtype="float64"), dtype="float64"), None),
])
def test_gradients(make, call):
    layer = make()
    x = _arr((2, 3, 2)).astype(np.float64)
    fn = (lambda t: layer(t, mask=MASK)) if call == "mask" else (lambda t: layer(t))
    fn(tf.constant(x))
    rng = np.random.default_rng(0)
    ws = [rng.standard_normal(w.shape) * 0.5 for w in layer.get_weights()]
    check_grads(_weights_fn(layer, fn), [x] + ws, order=2)


def test_cell_gradients_and_custom_cell():
    class MinimalCell(L.Layer):
        def __init__(self, units, **kw):
            super().__init__(**kw)
            self.units = units
            self.state_size = units

        def build(self, input_shape):
            self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
            self.recurrent_kernel = self.add_weight(shape=(self.units, self.units), name="recurrent_kernel")

        def call(self, inputs, states):
            h = tf.matmul(inputs, self.kernel) + tf.matmul(states[0], self.recurrent_kernel)
            return tf.tanh(h), [tf.tanh(h)]

        def get_config(self):
            return {**super().get_config(), "units": self.units}

    layer = L.RNN(MinimalCell(3, dtype="float64"), return_sequences=True, dtype="float64")
    x = _arr((2, 3, 2)).astype(np.float64)
    layer(x)
    ws = [np.asarray(w, np.float64) for w in layer.get_weights()]
    check_grads(_weights_fn(layer, lambda t: layer(t, mask=MASK)), [x] + ws, order=2)
    # a Bidirectional copy of an RNN over a custom cell gets a fresh cell of the same class
    bi = L.Bidirectional(L.RNN(MinimalCell(2)))
    assert bi(X).shape.as_list() == [2, 4]
    assert type(bi.backward_layer.cell) is MinimalCell and bi.backward_layer.cell is not bi.forward_layer.cell


# --- config and training -------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(CONFIG_KEYS))
def test_config_keys_and_round_trip(name):
    layer = _make(name)
    cfg = layer.get_config()
    assert list(cfg) == CONFIG_KEYS[name]
    again = type(layer).from_config(cfg)
    assert list(again.get_config()) == CONFIG_KEYS[name]


def test_bidirectional_config_names_and_weights():
    bi = L.Bidirectional(L.LSTM(2, name="enc"))
    assert bi.forward_layer.name == "forward_enc" and bi.backward_layer.name == "backward_enc"
    assert bi.backward_layer.go_backwards and not bi.forward_layer.go_backwards
    bi(X)
    assert len(bi.weights) == 6
    cfg = bi.get_config()
    assert cfg["layer"]["class_name"] == "LSTM" and cfg["backward_layer"]["config"]["go_backwards"] is True
    again = L.Bidirectional.from_config(cfg)
    again(X)
    again.set_weights(bi.get_weights())
    np.testing.assert_allclose(again(X).numpy(), bi(X).numpy())


def test_fit_sequence_model():
    tf.random.set_seed(0)
    rng = np.random.default_rng(0)
    x = rng.integers(1, 8, size=(32, 5))
    x[::3, 3:] = 0
    y = (x[:, 0] > 4).astype("int32")
    model = keras.Sequential([keras.Input((5,), dtype="int32"), L.Embedding(8, 4, mask_zero=True),
                              L.Bidirectional(L.LSTM(4)), L.Dense(2, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="sparse_categorical_crossentropy")
    hist = model.fit(x, y, epochs=5, batch_size=8, verbose=0)
    assert hist.history["loss"][-1] < hist.history["loss"][0]
    inp = keras.Input((5, 3))
    out, h, c = L.LSTM(4, return_state=True)(inp)
    m2 = keras.Model(inp, [out, h, c])
    r = m2(np.zeros((2, 5, 3), "float32"))
    assert [t.shape.as_list() for t in r] == [[2, 4]] * 3


# --- ConvLSTM -------------------------------------------------------------------------------------------

def test_conv_lstm_matches_keras():
    x1 = _arr((2, 3, 4, 2))
    layer = L.ConvLSTM1D(2, 2, return_sequences=True)
    layer(x1, mask=MASK)
    assert [tuple(w.shape) for w in layer.weights] == [(2, 2, 8), (2, 2, 8), (8,)]
    _setw(layer)
    _close(layer(x1, mask=MASK), CONV["ConvLSTM1D_mask"])
    x2 = _arr((1, 2, 2, 3, 3))
    layer = L.ConvLSTM2D(2, 2, padding="same", data_format="channels_first", return_state=True)
    layer(x2)
    _setw(layer)
    _close(layer(x2), CONV["ConvLSTM2D_cf_state"])
    assert layer.compute_output_shape((None, 2, 2, 3, 3)) == ((None, 2, 3, 3),) * 3


def test_conv_lstm_shapes_errors_and_gradients():
    layer = L.ConvLSTM2D(3, (2, 3), strides=(1, 2), return_sequences=True)
    assert layer(np.zeros((2, 4, 5, 7, 1), "float32")).shape.as_list() == [2, 4, 4, 3, 3]
    assert L.ConvLSTM3D(2, 2, dilation_rate=2)(np.zeros((1, 2, 5, 5, 5, 1), "float32")).shape.as_list() == \
        [1, 3, 3, 3, 2]
    with pytest.raises(ValueError, match="strides > 1"):
        L.ConvLSTM2D(2, 3, strides=2, dilation_rate=2)
    with pytest.raises(ValueError, match="padding"):
        L.ConvLSTM1D(2, 3, padding="causal")
    with pytest.raises(ValueError, match="ndim=4"):
        L.ConvLSTM1D(2, 3)(np.zeros((2, 3, 4), "float32"))
    layer = L.ConvLSTM1D(2, 2, padding="same", return_sequences=True, dtype="float64")
    x = _arr((2, 3, 3, 2)).astype(np.float64)
    layer(x)
    rng = np.random.default_rng(0)
    ws = [rng.standard_normal(w.shape) * 0.5 for w in layer.get_weights()]
    check_grads(_weights_fn(layer, lambda t: layer(t, mask=MASK)), [x] + ws, order=2)
    tf.random.set_seed(0)
    drop = L.ConvLSTM1D(2, 2, dropout=0.5, recurrent_dropout=0.5)
    ref = drop(x.astype("float32")).numpy()
    assert not np.allclose(drop(x.astype("float32"), training=True).numpy(), ref)


def test_fit_functional_mix():
    tf.random.set_seed(1)
    rng = np.random.default_rng(1)
    x = rng.standard_normal((24, 4, 3, 3, 1)).astype("float32")
    y = (x.mean(axis=(1, 2, 3, 4)) > 0).astype("float32")[:, None]
    inp = keras.Input((4, 3, 3, 1))
    h = L.ConvLSTM2D(2, 2, padding="same", return_sequences=True)(inp)
    h = L.TimeDistributed(L.Flatten())(h)
    h = L.GRU(3, return_sequences=True)(h)
    h = L.SimpleRNN(2)(h)
    model = keras.Model(inp, L.Dense(1, activation="sigmoid")(h))
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="binary_crossentropy")
    hist = model.fit(x, y, epochs=4, batch_size=8, verbose=0)
    assert hist.history["loss"][-1] < hist.history["loss"][0]


def test_merge_layers_combine_masks_as_keras():
    e = L.Embedding(5, 2, mask_zero=True)
    a, b = e(np.array([[1, 0, 2]])), e(np.array([[0, 0, 3]]))
    assert L.Add()([a, b])._keras_mask.numpy().tolist() == [[True, False, True]]
    assert L.Concatenate()([a, b])._keras_mask.numpy().tolist() == [[True, False, True]]
    assert getattr(L.Multiply()([a, np.ones((1, 3, 2), "float32")]), "_keras_mask", None) is None
