"""Keras attention layers (Attention, AdditiveAttention, MultiHeadAttention) and EinsumDense.

Reference numbers come from Keras 3.15 (TF 2.21 backend) run offline on the same inputs and
weights (``_arr`` below, deterministic), rounded to 6 decimals.
"""

from __future__ import annotations

import numpy as np
import pytest
from gradcheck import check_grads

import tapeflow as tf
from tapeflow import keras
from tapeflow.keras import layers as L
from tapeflow.keras import ops


def _arr(shape, k=0.0):
    n = int(np.prod(shape))
    return (0.5 * np.sin(np.arange(n) * 0.37 + k)).reshape(shape).astype("float32")


def _setw(layer, k=1.0):
    layer.set_weights([_arr(w.shape, k + i) for i, w in enumerate(layer.get_weights())])


def _close(got, want, atol=2e-6):
    got = list(got) if isinstance(got, (list, tuple)) else [got]
    assert len(got) == len(want)
    for g, w in zip(got, want):
        np.testing.assert_allclose(np.asarray(g), np.asarray(w, np.float64), atol=atol, rtol=0)


def _weights_fn(layer, call):
    """``f(x, *weights)`` running ``call(x)`` with the layer's variables replaced by the given tensors."""
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


Q = _arr((2, 2, 3), 0.0)
V = _arr((2, 3, 3), 1.0)
K = _arr((2, 3, 3), 2.0)
QM = np.array([[True, False], [True, True]])
VM = np.array([[True, True, False], [False, True, True]])
AMASK = np.tril(np.ones((2, 3, 3), bool)) & VM[:, :, None]

KERAS = {'add_att_mask': [[[[0.424529, 0.406648, 0.333729], [0.424609, 0.4049, 0.33039]],
                   [[-0.042673, 0.115919, 0.258821], [-0.040481, 0.118197, 0.260878]]],
                  [[[0.544197, 0.455803, 0.0], [0.534631, 0.465369, 0.0]],
                   [[0.0, 0.345405, 0.654595], [0.0, 0.341067, 0.658933]]]],
 'add_att_mask/shapes': [[3]],
 'att_causal': [[[[0.454649, 0.348639, 0.195442], [0.280765, 0.144731, -0.010892], [-0.056959, -0.169002, -0.258171]],
                 [[-0.407632, -0.275343, -0.105787], [-0.204124, -0.05465, 0.102221],
                  [0.130996, 0.23215, 0.301883]]]],
 'att_causal/shapes': [],
 'att_concat_masks': [[[[0.424583, 0.405467, 0.331472], [0.0, 0.0, 0.0]],
                       [[-0.050057, 0.108243, 0.251893], [-0.048049, 0.11033, 0.253777]]],
                      [[[0.537731, 0.462269, 0.0], [0.529567, 0.470433, 0.0]],
                       [[0.0, 0.36002, 0.63998], [0.0, 0.356046, 0.643954]]]],
 'att_concat_masks/shapes': [[]],
 'att_dot': [[[[0.303264, 0.24267, 0.149231], [0.342803, 0.299845, 0.216304]],
              [[-0.174662, -0.067535, 0.048733], [-0.295569, -0.223812, -0.121763]]]],
 'att_dot/shapes': [],
 'att_scale_key_scores': [[[[0.280764, 0.211226, 0.113099], [0.303201, 0.247715, 0.158702]],
                           [[-0.211227, -0.110721, 0.004771], [-0.254143, -0.170904, -0.064534]]],
                          [[[0.364347, 0.325411, 0.310241], [0.423603, 0.315128, 0.261269]],
                           [[0.288867, 0.33842, 0.372714], [0.376338, 0.320224, 0.303438]]]],
 'att_scale_key_scores/shapes': [[]],
 'ed_left': [[[[0.647328, 0.474677], [1.036135, 0.850797]], [[0.779099, 0.669181], [0.161703, 0.131547]]]],
 'ed_left/shapes': [[3, 2], [2]],
 'ed_plain': [[[[[0.387123, 0.218231], [0.019802, -0.181307]], [[0.620589, 0.416676], [0.156368, -0.125104]]],
               [[[0.669749, 0.539554], [0.336333, 0.08759]], [[0.480002, 0.450387], [0.359814, 0.220542]]]]],
 'ed_plain/shapes': [[3, 2, 2], [2, 2]],
 'ed_right': [[[[0.592222, 0.683682, 0.744143], [0.413012, 0.5088, 0.58291], [0.177903, 0.265054, 0.342784],
                [-0.081285, -0.014565, 0.056263]],
               [[0.593453, 0.483511, 0.369663], [0.530318, 0.438939, 0.335337], [0.395407, 0.334958, 0.255625],
                [0.20698, 0.185642, 0.141315]]]],
 'ed_right/shapes': [[2, 4], [4, 1]],
 'mha': [[[[0.280323, 0.108491, -0.078024], [0.275199, 0.104046, -0.081189]],
          [[0.400625, 0.264159, 0.09194], [0.404996, 0.268969, 0.096539]]]],
 'mha/shapes': [[3, 2, 2], [2, 2], [3, 2, 2], [2, 2], [3, 2, 2], [2, 2], [2, 2, 3], [3]],
 'mha_amask_fused': [[[[0.264063, 0.073155, -0.127654], [0.239448, 0.08934, -0.07286],
                       [0.272319, 0.145777, -0.000495]],
                      [[0.417345, 0.234848, 0.020565], [0.450279, 0.28809, 0.08691], [0.414445, 0.231938, 0.01804]]]],
 'mha_amask_fused/shapes': [[3, 2, 2], [2, 2], [3, 2, 2], [2, 2], [3, 2, 2], [2, 2], [2, 2, 3], [3]],
 'mha_amask_scores': [[[[0.264063, 0.073155, -0.127654], [0.239448, 0.08934, -0.07286],
                        [0.494679, 0.434895, 0.316251]],
                       [[0.494679, 0.434895, 0.316251], [0.450279, 0.28809, 0.08691], [0.414445, 0.231938, 0.01804]]],
                      [[[[1.0, 0.0, 0.0], [0.436463, 0.563537, 0.0], [0.0, 0.0, 0.0]],
                        [[1.0, 0.0, 0.0], [0.48425, 0.51575, 0.0], [0.0, 0.0, 0.0]]],
                       [[[0.0, 0.0, 0.0], [0.521524, 0.478476, 0.0], [0.374926, 0.322361, 0.302713]],
                        [[0.0, 0.0, 0.0], [0.499757, 0.500243, 0.0], [0.326481, 0.332681, 0.340838]]]]],
 'mha_amask_scores/shapes': [[3, 2, 2], [2, 2], [3, 2, 2], [2, 2], [3, 2, 2], [2, 2], [2, 2, 3], [3]],
 'mha_axes': [[[[[0.381296, 0.235498, 0.057827], [0.386464, 0.239551, 0.060216]],
                [[0.386832, 0.237596, 0.056202], [0.381967, 0.231785, 0.050232]]]],
              [[[[[[0.297015, 0.281095], [0.225699, 0.196191]], [[0.27755, 0.268844], [0.236228, 0.217379]]],
                 [[[0.267697, 0.261938], [0.241234, 0.22913]], [[0.278371, 0.268535], [0.235634, 0.217461]]]],
                [[[[0.26217, 0.268362], [0.246383, 0.223085]], [[0.258836, 0.263731], [0.247633, 0.229799]]],
                 [[[0.251673, 0.251595], [0.249328, 0.247404]], [[0.248584, 0.245464], [0.24953, 0.256422]]]]]]],
 'mha_axes/shapes': [[3, 2, 2], [2, 2], [3, 2, 2], [2, 2], [3, 2, 2], [2, 2], [2, 2, 3], [3]],
 'mha_causal': [[[[0.379707, 0.154034, -0.092486], [0.312957, 0.108083, -0.11142], [0.278033, 0.108386, -0.075931]],
                 [[0.3383, 0.260615, 0.147657], [0.394253, 0.289725, 0.145984], [0.404519, 0.265677, 0.090876]]]],
 'mha_causal/shapes': [[3, 2, 2], [2, 2], [3, 2, 2], [2, 2], [3, 2, 2], [2, 2], [2, 2, 3], [3]],
 'mha_gate_nobias': [[[[0.007377, -0.008796, -0.023778], [0.008199, -0.008725, -0.024468],
                       [0.00992, -0.009844, -0.028276]],
                      [[-0.00085, 0.019077, 0.036422], [0.004357, 0.022456, 0.037516],
                       [0.00497, 0.020419, 0.033106]]]],
 'mha_gate_nobias/shapes': [[3, 2, 2], [3, 2, 2], [3, 2, 2], [3, 2, 2], [2, 2, 3]],
 'mha_key_scores': [[[[0.564378, 0.528493, 0.421078, 0.256672], [0.564095, 0.52808, 0.420591, 0.256178]],
                     [[0.564005, 0.521333, 0.4081, 0.239633], [0.564708, 0.522408, 0.409403, 0.240986]]],
                    [[[[0.29754, 0.33811, 0.36435], [0.273113, 0.339887, 0.387]],
                      [[0.340177, 0.33437, 0.325453], [0.329906, 0.334104, 0.33599]]],
                     [[[0.406072, 0.313555, 0.280373], [0.389058, 0.31885, 0.292092]],
                      [[0.357376, 0.331453, 0.311171], [0.36527, 0.331225, 0.303505]]]]],
 'mha_key_scores/shapes': [[3, 2, 2], [2, 2], [3, 2, 2], [2, 2], [3, 2, 3], [2, 3], [2, 3, 4], [4]],
 'mha_padding': [[[[-0.593633, -0.811429, -0.919403], [-0.593877, -0.812712, -0.921551],
                   [-0.555572, -0.798283, -0.932951]],
                  [[-0.456805, -0.612731, -0.685726], [-0.470802, -0.714603, -0.861686],
                   [-0.470802, -0.714603, -0.861686]]],
                 [[True, True, False], [True, False, False]], True],
 'mha_window': [[[[0.319849, 0.219036, 0.088577], [0.382765, 0.29671, 0.170497], [0.382647, 0.299853, 0.176475]],
                 [[0.619804, 0.56122, 0.426679], [0.567828, 0.498599, 0.361886], [0.554208, 0.478173, 0.337418]]]],
 'mha_window/shapes': [[3, 1, 2], [1, 2], [3, 1, 2], [1, 2], [3, 1, 2], [1, 2], [1, 2, 3], [3]]}

CASES = {
    "att_dot": (lambda: L.Attention(), lambda l: l([Q, V])),
    "att_scale_key_scores": (lambda: L.Attention(use_scale=True), lambda l: l([Q, V, K], return_attention_scores=True)),
    "att_concat_masks": (lambda: L.Attention(score_mode="concat"),
                         lambda l: l([Q, V], mask=[QM, VM], return_attention_scores=True)),
    "att_causal": (lambda: L.Attention(), lambda l: l([V, K], use_causal_mask=True)),
    "add_att_mask": (lambda: L.AdditiveAttention(), lambda l: l([Q, V], mask=[None, VM], return_attention_scores=True)),
    "mha": (lambda: L.MultiHeadAttention(2, 2), lambda l: l(Q, V)),
    "mha_key_scores": (lambda: L.MultiHeadAttention(2, 2, value_dim=3, output_shape=4),
                       lambda l: l(Q, V, K, return_attention_scores=True)),
    "mha_amask_fused": (lambda: L.MultiHeadAttention(2, 2), lambda l: l(V, K, attention_mask=AMASK)),
    "mha_amask_scores": (lambda: L.MultiHeadAttention(2, 2),
                         lambda l: l(V, K, attention_mask=AMASK, return_attention_scores=True)),
    "mha_causal": (lambda: L.MultiHeadAttention(2, 2), lambda l: l(V, V, use_causal_mask=True)),
    "mha_gate_nobias": (lambda: L.MultiHeadAttention(2, 2, use_gate=True, use_bias=False), lambda l: l(V, V)),
    "mha_window": (lambda: L.MultiHeadAttention(1, 2, sliding_window=2), lambda l: l(V, V)),
    "mha_axes": (lambda: L.MultiHeadAttention(2, 2, attention_axes=(1, 2)),
                 lambda l: l(_arr((1, 2, 2, 3), 3.0), _arr((1, 2, 2, 3), 4.0), return_attention_scores=True)),
    "ed_plain": (lambda: L.EinsumDense("abc,cde->abde", output_shape=(None, 2, 2), bias_axes="de"), lambda l: l(Q)),
    "ed_left": (lambda: L.EinsumDense("...b,bc->...c", output_shape=2, bias_axes="c", activation="relu"),
                lambda l: l(Q)),
    "ed_right": (lambda: L.EinsumDense("ab...,bc->ac...", output_shape=4, bias_axes="c"), lambda l: l(Q)),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_matches_keras(name):
    make, call = CASES[name]
    layer = make()
    call(layer)
    assert [w.shape.as_list() for w in layer.weights] == KERAS[name + "/shapes"]
    _setw(layer)
    _close(call(layer), KERAS[name])


def test_mha_weight_names_and_order():
    mha = L.MultiHeadAttention(2, 3, use_gate=True)
    mha(Q, V)
    names = [(lay.name, w.name) for lay in (mha.query_dense, mha.key_dense, mha._gate_dense, mha.value_dense,
                                            mha.output_dense) for w in lay.weights]
    assert names == [("query", "kernel"), ("query", "bias"), ("key", "kernel"), ("key", "bias"), ("gate", "kernel"),
                     ("gate", "bias"), ("value", "kernel"), ("value", "bias"), ("attention_output", "kernel"),
                     ("attention_output", "bias")]
    assert [id(w) for w in mha.weights] == [id(w) for lay in (mha.query_dense, mha.key_dense, mha._gate_dense,
                                                              mha.value_dense, mha.output_dense) for w in lay.weights]
    assert (mha.num_heads, mha.key_dim, mha.value_dim, mha.attention_axes) == (2, 3, 3, (1,))


def test_mha_padding_mask_from_embedding():
    ids = np.array([[1, 2, 0], [3, 0, 0]])
    e = L.Embedding(4, 3, mask_zero=True)
    mha = L.MultiHeadAttention(2, 2)
    x = e(ids)
    mha(x, x)
    _setw(e)
    _setw(mha, 3.0)
    x = e(ids)
    y = mha(x, x)
    out, mask, cleared = KERAS["mha_padding"]
    _close(y, [out])
    assert y._keras_mask.numpy().tolist() == mask
    assert cleared and getattr(x, "_keras_mask", None) is None  # Keras removes the input masks


def test_attention_masks_and_shapes():
    att = L.Attention()
    out = att([Q, V], mask=[QM, VM])
    np.testing.assert_array_equal(out.numpy()[0, 1], 0.0)  # a masked query gives zeros
    assert att.compute_mask([Q, V], [QM, VM]).numpy().tolist() == QM.tolist()
    assert att.compute_mask([Q, V], None) is None
    q = L.Embedding(4, 3, mask_zero=True)(np.array([[1, 0]]))
    v = L.Embedding(4, 3, mask_zero=True)(np.array([[2, 3, 0]]))
    y, w = L.Attention()([q, v], return_attention_scores=True)
    assert y._keras_mask.numpy().tolist() == [[True, False]]
    np.testing.assert_array_equal(w.numpy()[0, :, 2], 0.0)  # the padded value position gets no weight
    assert L.Attention().compute_output_shape([(None, 2, 3), (None, 4, 5)]) == (None, 2, 5)
    mha = L.MultiHeadAttention(2, 3, output_shape=(2, 5))
    assert mha.compute_output_shape((None, 4, 6), (None, 7, 6)) == (None, 4, 2, 5)
    assert mha(Q, V).shape.as_list() == [2, 2, 2, 5]


def test_mha_fully_masked_rows_as_keras():
    # Keras's two paths differ on a query row that sees nothing: the fused path (no scores
    # requested) attends uniformly, the scores path gives zero weights
    mha = L.MultiHeadAttention(1, 2)
    mask = np.ones((1, 3, 3), bool)
    mask[0, 1] = False
    mha(V[:1], V[:1], attention_mask=mask)
    _, scores = mha(V[:1], V[:1], attention_mask=mask, return_attention_scores=True)
    np.testing.assert_array_equal(scores.numpy()[0, 0, 1], 0.0)


def test_attention_errors():
    with pytest.raises(ValueError, match="must be called on a list of inputs"):
        L.Attention()(Q)
    with pytest.raises(ValueError, match="length 2 or 3"):
        L.Attention()([Q])
    with pytest.raises(ValueError, match="score_mode"):
        L.Attention(score_mode="add")
    with pytest.raises(ValueError, match="num_heads"):
        L.MultiHeadAttention(0, 2)
    with pytest.raises(ValueError, match="key_dim"):
        L.MultiHeadAttention(2, 2.5)
    with pytest.raises(ValueError, match="value` and `key`"):
        L.MultiHeadAttention(2, 2)(Q, V, _arr((2, 4, 3)))
    with pytest.raises(ValueError, match="Flash attention"):
        L.MultiHeadAttention(2, 2, flash_attention=True)
    with pytest.raises(ValueError, match="Invalid einsum equation"):
        L.EinsumDense("ab->b", 2)(Q[:, 0])
    with pytest.raises(ValueError, match="Bias dimension 'x'"):
        L.EinsumDense("ab,bc->ac", 2, bias_axes="x")(Q[:, 0])
    with pytest.raises(ValueError, match="Weight dimension 'z'"):
        L.EinsumDense("ab,zc->ac", 2)(Q[:, 0])


def test_einsum_dense_fans_and_config():
    ed = L.EinsumDense("abc,cde->abde", output_shape=(None, 4, 50), bias_axes="de",
                       kernel_initializer=keras.initializers.GlorotUniform(seed=1))
    ed(np.zeros((1, 2, 30), "float32"))
    # fan_in 30 (input axis), fan_out 4 * 50 (output axes): limit sqrt(6 / 230)
    limit = np.sqrt(6 / 230)
    k = ed.kernel.numpy()
    assert k.shape == (30, 4, 50) and np.abs(k).max() <= limit and np.abs(k).max() > 0.9 * limit
    assert ed.bias.shape.as_list() == [4, 50]
    assert ed.compute_output_shape((None, 2, 30)) == (None, None, 4, 50)  # as Keras
    cfg = ed.get_config()
    assert list(cfg) == ["name", "trainable", "dtype", "output_shape", "equation", "activation", "bias_axes",
                         "kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer",
                         "activity_regularizer", "kernel_constraint", "bias_constraint", "quantization_config"]
    again = L.EinsumDense.from_config(cfg)
    assert again.equation == ed.equation and again.partial_output_shape == (None, 4, 50)


@pytest.mark.parametrize("name,keys", [
    ("Attention", ["name", "trainable", "dtype", "use_scale", "score_mode", "dropout", "seed"]),
    ("AdditiveAttention", ["name", "trainable", "dtype", "use_scale", "dropout", "seed"]),
    ("MultiHeadAttention", ["name", "trainable", "dtype", "num_heads", "key_dim", "value_dim", "dropout", "use_bias",
                            "use_gate", "output_shape", "attention_axes", "sliding_window", "kernel_initializer",
                            "bias_initializer", "kernel_regularizer", "bias_regularizer", "activity_regularizer",
                            "kernel_constraint", "bias_constraint", "seed"]),
])
def test_config_keys_and_round_trip(name, keys):
    layer = getattr(L, name)(2, 3) if name == "MultiHeadAttention" else getattr(L, name)()
    cfg = layer.get_config()
    assert list(cfg) == keys
    assert list(type(layer).from_config(cfg).get_config()) == keys
    if name == "MultiHeadAttention":
        assert cfg["value_dim"] == 3 and cfg["output_shape"] is None


def test_dropout_in_training_only():
    tf.random.set_seed(0)
    mha = L.MultiHeadAttention(2, 2, dropout=0.5)
    ref = mha(V, V).numpy()
    np.testing.assert_array_equal(mha(V, V, training=False).numpy(), ref)
    assert not np.allclose(mha(V, V, training=True).numpy(), ref)
    att = L.Attention(dropout=0.5)
    ref = att([Q, V]).numpy()
    assert not np.allclose(att([Q, V], training=True).numpy(), ref)


# --- gradients ----------------------------------------------------------------------------------------

GRAD_CASES = [
    (lambda: L.Attention(use_scale=True, dtype="float64"), lambda l, x: l([x, V.astype(np.float64)], mask=[QM, VM])),
    (lambda: L.Attention(score_mode="concat", use_scale=True, dtype="float64"),
     lambda l, x: l([x, V.astype(np.float64)], use_causal_mask=False)),
    (lambda: L.AdditiveAttention(dtype="float64"), lambda l, x: l([x, V.astype(np.float64)], mask=[None, VM])),
    (lambda: L.MultiHeadAttention(2, 2, dtype="float64"), lambda l, x: l(x, V.astype(np.float64))),
    (lambda: L.MultiHeadAttention(2, 2, dtype="float64"),
     lambda l, x: l(x, V.astype(np.float64), attention_mask=AMASK[:, :2], return_attention_scores=True)),
    (lambda: L.MultiHeadAttention(2, 2, use_gate=True, output_shape=3, dtype="float64"),
     lambda l, x: l(x, x, use_causal_mask=True)),
    (lambda: L.MultiHeadAttention(2, 2, attention_axes=(1, 2), dtype="float64"), lambda l, x: l(x, x)),
    (lambda: L.EinsumDense("...b,bc->...c", output_shape=2, bias_axes="c", activation="tanh", dtype="float64"),
     lambda l, x: l(x)),
]


@pytest.mark.parametrize("case", range(len(GRAD_CASES)))
def test_gradients(case):
    make, call = GRAD_CASES[case]
    layer = make()
    x = (_arr((1, 2, 2, 3), 3.0) if case == 6 else Q).astype(np.float64)
    call(layer, tf.constant(x))
    rng = np.random.default_rng(case)
    ws = [rng.standard_normal(w.shape) * 0.5 for w in layer.get_weights()]
    check_grads(_weights_fn(layer, lambda t: call(layer, t)), [x] + ws, order=2)


# --- the keras-io example: text classification with a Transformer ------------------------------------

class TransformerBlock(L.Layer):
    def __init__(self, embed_dim, num_heads, ff_dim, rate=0.1):
        super().__init__()
        self.att = L.MultiHeadAttention(num_heads=num_heads, key_dim=embed_dim)
        self.ffn = keras.Sequential([L.Dense(ff_dim, activation="relu"), L.Dense(embed_dim)])
        self.layernorm1 = L.LayerNormalization(epsilon=1e-6)
        self.layernorm2 = L.LayerNormalization(epsilon=1e-6)
        self.dropout1 = L.Dropout(rate)
        self.dropout2 = L.Dropout(rate)

    def call(self, inputs):
        attn_output = self.att(inputs, inputs)
        attn_output = self.dropout1(attn_output)
        out1 = self.layernorm1(inputs + attn_output)
        ffn_output = self.ffn(out1)
        ffn_output = self.dropout2(ffn_output)
        return self.layernorm2(out1 + ffn_output)


class TokenAndPositionEmbedding(L.Layer):
    def __init__(self, maxlen, vocab_size, embed_dim):
        super().__init__()
        self.token_emb = L.Embedding(input_dim=vocab_size, output_dim=embed_dim)
        self.pos_emb = L.Embedding(input_dim=maxlen, output_dim=embed_dim)

    def call(self, x):
        maxlen = ops.shape(x)[-1]
        positions = ops.arange(start=0, stop=maxlen, step=1)
        positions = self.pos_emb(positions)
        x = self.token_emb(x)
        return x + positions


def _transformer_classifier(vocab_size, maxlen, embed_dim, num_heads, ff_dim):
    inputs = L.Input(shape=(maxlen,))
    x = TokenAndPositionEmbedding(maxlen, vocab_size, embed_dim)(inputs)
    x = TransformerBlock(embed_dim, num_heads, ff_dim)(x)
    x = L.GlobalAveragePooling1D()(x)
    x = L.Dropout(0.1)(x)
    x = L.Dense(20, activation="relu")(x)
    x = L.Dropout(0.1)(x)
    outputs = L.Dense(2, activation="softmax")(x)
    return keras.Model(inputs=inputs, outputs=outputs)


def test_keras_io_text_classification_with_transformer():
    model = _transformer_classifier(20, 6, 4, 2, 4)
    assert [list(w.shape) for w in model.get_weights()] == [
        [20, 4], [6, 4], [4, 2, 4], [2, 4], [4, 2, 4], [2, 4], [4, 2, 4], [2, 4], [2, 4, 4], [4], [4, 4], [4], [4, 4],
        [4], [4], [4], [4], [4], [4, 20], [20], [20, 2], [2]]
    model.set_weights([_arr(w.shape, 1.0 + i) for i, w in enumerate(model.get_weights())])
    xs = (np.arange(18).reshape(3, 6) * 7) % 20
    np.testing.assert_allclose(model.predict(xs, verbose=0),
                               [[0.495157, 0.504843], [0.499128, 0.500872], [0.495116, 0.504884]], atol=2e-6)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    np.testing.assert_allclose(model.evaluate(xs, np.array([0, 1, 1]), verbose=0), [0.692571, 0.666667], atol=2e-6)
    # trains on small random data (the example's fit call, scaled down)
    tf.random.set_seed(0)
    rng = np.random.default_rng(0)
    x_train = rng.integers(0, 50, (64, 12))
    y_train = (x_train[:, 0] >= 25).astype("int64")
    model = _transformer_classifier(50, 12, 8, 2, 8)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x_train, y_train, batch_size=16, epochs=4, validation_data=(x_train[:16], y_train[:16]),
                        verbose=0)
    assert set(history.history) >= {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert history.history["loss"][-1] < history.history["loss"][0]


@pytest.mark.filterwarnings("ignore:Layer 'einsum_dense")  # EinsumDense drops the mask, as in Keras
def test_fit_functional_attention():
    tf.random.set_seed(2)
    rng = np.random.default_rng(2)
    x = rng.integers(1, 9, (32, 5))
    x[::2, 3:] = 0
    y = (x[:, 0] > 4).astype("int64")
    inp = keras.Input((5,), dtype="int32")
    e = L.Embedding(9, 4, mask_zero=True)(inp)
    a = L.Attention(use_scale=True)([e, e])
    b = L.AdditiveAttention()([a, e])
    c = L.EinsumDense("abc,cd->abd", output_shape=(None, 4), bias_axes="d", activation="relu")(b)
    out = L.Dense(2, activation="softmax")(L.GlobalAveragePooling1D()(c))
    model = keras.Model(inp, out)
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="sparse_categorical_crossentropy")
    hist = model.fit(x, y, epochs=5, batch_size=8, verbose=0)
    assert hist.history["loss"][-1] < hist.history["loss"][0]
