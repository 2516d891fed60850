"""Keras convolution and pooling layers (conv.py, pooling.py): values against Keras 3.15 (TF
backend) on small inputs with copied weights, shapes (eager, symbolic, compute_output_shape),
configs, gradients w.r.t. inputs and weights (order 2, float64), models and errors.

The expected numbers were printed by Keras 3.15.1 / TF 2.21 for the inputs and weights made by
``data`` and ``weight`` below (the same formulas were used there).
"""

from __future__ import annotations

import numpy as np
import pytest
from gradcheck import check_grads

import tapeflow as tf
from tapeflow import keras
from tapeflow.keras import layers

CF = "channels_first"


def data(shape, k=0):
    n = int(np.prod(shape))
    return (np.sin(np.arange(n) * 0.37 + 0.1 + k) * 2).reshape(shape).astype("float32")


def weight(shape, i):
    n = int(np.prod(shape))
    return (np.cos(np.arange(n) * 0.53 + i) * 0.5).reshape(shape).astype("float32")


# (layer, kwargs, input shape, output shape, Keras's output flattened)
KERAS = [
    ('Conv1D', dict(filters=2, kernel_size=3), (2, 6, 3), (2, 4, 2),
     [0.1935662, 0.03071, 0.285582, 0.07966646, 0.3604592, 0.06278867, 0.3350332, -0.001177702, 0.2192683,
     0.05245165, 0.3187799, 0.08209695, 0.3642807, 0.04320846, 0.3052339, -0.02102125]),
    ('Conv1D', dict(filters=2, kernel_size=3, padding='same', strides=2), (1, 7, 3), (1, 4, 2),
     [1.186159, 0.4543334, 0.285582, 0.07966646, 0.3350332, -0.001177702, -0.7838959, -0.07946854]),
    ('Conv1D', dict(filters=2, kernel_size=3, padding='causal', dilation_rate=2), (1, 7, 2), (1, 7, 2),
     [0.475794, 0.4333114, 0.4500089, 0.9044406, -0.1745192, 0.4434715, -1.144732, -0.9900618, -1.053636,
     -1.817623, 0.4574777, -1.173645, 1.870608, 0.09489068]),
    ('Conv1D', dict(filters=4, kernel_size=2, groups=2, activation='relu'), (1, 5, 4), (1, 4, 4),
     [0.6047989, 0.527961, 0.0, 0.0, 0.4645125, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.02149528, 0.1073978,
     0.5135554, 0.4298192]),
    ('Conv1D', dict(filters=2, kernel_size=3, padding='causal', data_format=CF), (1, 2, 6), (1, 2, 6),
     [0.6306558, -0.4777957, -0.2381765, -0.1171687, 0.05626114, 0.2586399, 0.6844586, -0.2662893, -0.5584161,
     -0.5242277, -0.4163276, -0.2493193]),
    ('Conv1D', dict(filters=2, kernel_size=2, strides=2, padding='same', data_format=CF), (1, 3, 5), (1, 2, 3),
     [-0.1170161, 0.2268124, 1.571212, -0.4814413, -0.1423552, 1.631964]),
    ('Conv2D', dict(filters=2, kernel_size=3, padding='same', strides=(2, 1)), (1, 5, 4, 2), (1, 3, 4, 2),
     [-0.1082904, -0.2729595, 0.2458982, -0.1834277, 0.4441819, -0.01491902, 0.6047068, 0.3783383, -0.02998328,
     -0.8185814, 1.168735, 0.1678761, 0.8714933, 0.4966069, 0.1894635, 0.733426, 0.5994998, 0.193183, 0.420051,
     0.2735881, 0.2093802, 0.160089, -0.07861033, -0.2560442]),
    ('Conv2D', dict(filters=4, kernel_size=2, groups=2), (1, 3, 4, 4), (1, 2, 3, 4),
     [0.9968029, 0.5642537, -0.6006881, -0.9874496, -0.09347194, -0.6261141, -0.9798886, -0.8259513, -0.5224412,
     -0.6407083, -0.004322469, 0.06320214, 1.10262, 0.7769924, -0.3229285, -0.8262541, 0.2012218, -0.3690237,
     -1.037665, -0.9872483, -0.574817, -0.8068253, -0.2925595, -0.1272434]),
    ('Conv2D', dict(filters=2, kernel_size=(2, 3), dilation_rate=2, padding='same', data_format=CF),
     (1, 3, 5, 6), (1, 2, 5, 6),
     [1.321383, 1.497305, 0.1347245, 0.4054846, -0.962612, -0.8180401, 1.359986, 0.7196117, 1.366891, 1.376545,
     0.4686236, 1.135238, -1.636866, -1.479188, -0.2081291, -0.5423851, 1.648167, 1.08662, 1.486099, 1.935824,
     -0.248298, 0.146198, -1.594487, -1.582132, 1.251956, 0.9219294, 0.8845781, 0.9734034, 0.004735857,
     0.4499004, 1.270766, 1.286707, 0.1123816, 0.3792772, -1.11081, -0.8133071, 0.5334349, -0.1957931, 1.20276,
     1.08647, 0.8949523, 1.483425, -1.819631, -1.423027, -0.7743198, -1.03919, 0.9183312, 0.2141058, 1.732131,
     1.981823, -0.2010847, 0.2354612, -1.939869, -1.676859, 0.7160099, 0.2752069, 0.7701595, 0.7791867,
     0.2085194, 0.6586174]),
    ('Conv3D', dict(filters=2, kernel_size=2), (1, 3, 3, 3, 2), (1, 2, 2, 2, 2),
     [-0.3746037, 0.2770236, -1.573476, -1.115475, -0.9555433, -1.700485, 0.5380446, -0.5869994, -1.075615,
     -0.4642456, -1.835238, -1.633565, -0.229425, -1.21772, 1.29607, 0.1499323]),
    ('Conv3D', dict(filters=2, kernel_size=3, strides=2, padding='same'), (1, 4, 5, 3, 1), (1, 2, 3, 2, 2),
     [0.0916054, -0.5393948, 0.7690818, 0.1742191, 0.3010855, 0.09393717, 0.2306809, 0.02824769, 0.08957408,
     -0.525848, 0.7033398, 0.1405379, 0.2834639, -0.520211, 1.014099, 0.529307, 0.3113298, 0.09958058, 0.2480341,
     0.03619425, 0.3826796, -0.3600033, 0.8673432, 0.4891386]),
    # Keras 3.15 on TF-CPU is wrong here; this is its channels_last result, transposed
    ('Conv3D', dict(filters=2, kernel_size=2, data_format=CF), (1, 2, 3, 3, 3), (1, 2, 2, 2, 2),
     [-0.1261788, 0.4421809, 1.435276, 1.725601, 0.3789836, -0.1871802, -1.065564, -1.2589, 0.4299095, 0.9409156,
     1.536863, 1.541145, -0.6609011, -1.116246, -1.524613, -1.422364]),
    ('Conv3D', dict(filters=4, kernel_size=(1, 2, 2), groups=2), (1, 2, 3, 3, 4), (1, 2, 2, 2, 4),
     [1.233871, 0.9959112, -0.3186247, -1.129937, 0.8565166, -0.1284525, -1.396673, -1.650955, -0.4716955,
     -0.01256109, 0.9037185, 0.8866583, 0.9930084, 1.016927, 0.09853576, -0.6697584, 1.315767, 0.5686991,
     -1.088993, -1.737208, 0.07207553, -0.7677188, -1.096984, -0.9117392, 0.2720977, 0.6831548, 0.7535859,
     0.2818761, 1.352039, 0.8318053, -0.7534043, -1.520754]),
    ('Conv1DTranspose', dict(filters=2, kernel_size=3, strides=2), (1, 3, 2), (1, 7, 2),
     [0.760738, 0.06050173, -0.1812192, -0.4610415, 1.802701, 0.8289772, -0.9433811, -1.512201, 1.78667,
     1.745389, -1.070789, -1.761717, -0.1313558, 1.409931]),
    ('Conv1DTranspose', dict(filters=2, kernel_size=3, strides=2, padding='same'), (1, 3, 2), (1, 6, 2),
     [0.760738, 0.06050173, -0.1812192, -0.4610415, 1.802701, 0.8289772, -0.9433811, -1.512201, 1.78667,
     1.745389, -1.070789, -1.761717]),
    ('Conv1DTranspose', dict(filters=1, kernel_size=3, strides=2, output_padding=1), (1, 3, 2), (1, 8, 1),
     [0.760738, 0.3102604, 1.37068, 0.6162202, 0.8580896, 0.7411642, -1.070789, 0.2701511]),
    ('Conv1DTranspose', dict(filters=1, kernel_size=3, strides=2, output_padding=1, padding='same'),
     (1, 3, 2), (1, 6, 1),
     [0.760738, 0.3102604, 1.37068, 0.6162202, 0.8580896, 0.7411642]),
    ('Conv1DTranspose', dict(filters=2, kernel_size=2, dilation_rate=2), (1, 4, 1), (1, 6, 2),
     [0.3699846, 0.1065295, 0.7230374, 0.411146, 1.0636, 0.6609588, 1.427171, 0.8189521, 0.6341864, 0.006093502,
     0.7275476, 0.002426345]),
    ('Conv1DTranspose', dict(filters=1, kernel_size=1, strides=3), (1, 3, 2), (1, 9, 1),
     [0.760738, 0.2701511, 0.2701511, 1.82205, 0.2701511, 0.2701511, 2.071622, 0.2701511, 0.2701511]),
    ('Conv1DTranspose', dict(filters=2, kernel_size=4, strides=2, padding='same', data_format=CF),
     (1, 2, 3), (1, 2, 6),
     [-0.6067851, 1.594254, 0.02031414, 1.667814, 0.3354716, -0.01518387, -0.8678665, 1.119112, -1.322603,
     1.516677, -1.412025, 1.268391]),
    ('Conv2DTranspose', dict(filters=2, kernel_size=3, strides=2, padding='same'), (1, 2, 3, 2), (1, 4, 6, 2),
     [0.760738, 0.06050173, -0.1812192, -0.4610415, 1.802701, 0.8289772, -0.9433811, -1.512201, 1.78667,
     1.745389, -1.070789, -1.761717, 0.741722, 0.01895251, -0.2028277, -0.4406198, 1.803404, 0.726551, -1.022434,
     -1.466839, 1.868724, 1.681081, -1.165936, -1.715142, 1.828685, 0.3269993, -0.9885992, -1.51695, 1.323114,
     1.463544, -0.8856628, -1.254445, 0.537056, 1.113773, -0.178163, -0.3251202, 1.358711, 0.2864481, -0.558275,
     -1.055652, -0.1059038, 0.9392835, 0.4827052, 0.1666773, -1.112997, -0.3690367, 1.412506, 1.31249]),
    ('Conv2DTranspose', dict(filters=2, kernel_size=(2, 3), strides=(2, 1)), (1, 2, 3, 1), (1, 4, 5, 2),
     [0.3699846, 0.1065295, 0.7718432, 0.409229, 1.184084, 0.5661679, 0.397776, -0.393163, -0.1185586,
     -0.6360716, 0.1703914, -0.06374304, -0.2278268, -0.3555333, -0.6246678, -0.4913297, 0.1823959, 0.470439,
     0.6829622, 0.6898691, 1.205767, 0.8276486, 1.727505, 0.8651969, 1.199563, -0.0221186, 0.2023076, -0.8789907,
     -0.2147734, -0.7985619, -0.6647749, -0.7681067, -1.154788, -0.7684592, -0.5944376, 0.1362518, 0.4018114,
     0.9729002, 0.7851426, 0.8555803]),
    ('Conv2DTranspose', dict(filters=1, kernel_size=3, strides=2, output_padding=(1, 0)),
     (1, 2, 2, 2), (1, 6, 5, 1),
     [0.760738, 0.3102604, 1.37068, 0.6162202, -0.9433811, -0.2112828, 0.2508022, -0.7999263, -0.01480061,
     1.524134, 2.543193, 0.7397242, 1.076018, 0.8431529, -1.789386, -1.511959, -0.1313558, 0.5602189,
     -0.03789762, 1.068429, 2.030271, 0.6015598, -0.07737586, 0.5362067, -0.558275, 0.2701511, 0.2701511,
     0.2701511, 0.2701511, 0.2701511]),
    ('Conv2DTranspose', dict(filters=2, kernel_size=4, strides=2, padding='same', data_format=CF),
     (1, 2, 2, 3), (1, 2, 4, 6),
     [0.3298161, 0.2717457, -0.6012175, 0.5451426, -0.7103156, 1.069211, 0.6602145, -0.5279216, 1.927976,
     -0.9863591, 1.834146, -0.8040991, -0.92375, 1.91703, -0.7651711, 1.86913, -0.2281044, 0.430832, 0.9749593,
     -0.5544976, 0.4953982, -0.3124416, 0.1406072, 0.4445038, 0.7629291, -0.8691798, 0.05798909, -0.7011411,
     -0.2167195, 0.2667194, -0.8281149, 0.8997146, 0.7619987, 0.3348769, 1.235096, -1.009382, -0.2301291,
     0.6458696, -1.617365, 1.146171, -1.592552, 1.154021, 0.3495429, -0.5926532, 0.8536721, -0.7079542,
     0.6220783, -0.2777766]),
    ('Conv3DTranspose', dict(filters=2, kernel_size=2, strides=2), (1, 2, 2, 1, 2), (1, 4, 4, 2, 2),
     [0.760738, 0.06050173, -0.1812192, -0.4610415, 0.2508022, 0.4829082, 0.741722, 0.01895251, 1.82205,
     0.3664616, -0.9433811, -1.512201, -0.01480061, 1.274376, 1.781178, 0.2438067, -0.2028277, -0.4406198,
     0.2923779, 0.5031369, 0.7199249, -0.02258821, -0.2216468, -0.4174793, -1.022434, -1.466839, 0.1086041,
     1.349672, 1.731393, 0.1198342, -1.093863, -1.412706, 2.071622, 0.4914055, -1.070789, -1.761717, -0.1313558,
     1.409931, 2.030271, 0.3518012, 1.378911, 0.3699801, -0.4968013, -1.079078, -0.03789762, 0.8186705, 1.358711,
     0.2864481, -1.165936, -1.715142, 0.009329587, 1.500911, 1.97854, 0.2102423, -1.252614, -1.658332, -0.558275,
     -1.055652, 0.04648113, 0.8777448, 1.332092, 0.201347, -0.6148629, -1.025879]),
    ('Conv3DTranspose', dict(filters=1, kernel_size=3, strides=(1, 2, 2), padding='same'),
     (1, 2, 2, 2, 1), (1, 2, 4, 4, 1),
     [1.275857, 1.188267, 1.803795, 1.322733, 0.3504885, -0.1698249, -0.1357026, 0.1572584, 0.03646721,
     0.4135183, 0.2698093, 0.1171149, 0.9985377, 0.4996213, 0.8622185, 0.8109264, 0.2285564, 0.7447385,
     0.7343059, 0.4233018, 1.28054, 1.153143, 1.770382, 1.312515, -0.4246024, -0.4273618, -0.7845261, -0.4286286,
     1.100021, 1.330809, 1.831071, 1.205547]),
    ('DepthwiseConv1D', dict(kernel_size=3, depth_multiplier=2), (1, 5, 2), (1, 3, 4),
     [-0.4737209, -0.4923579, -0.4334927, -0.3878535, 0.1596319, -0.1765077, -0.4639112, -0.8343536, 0.8507932,
     0.2423337, -0.3745746, -1.067178]),
    ('DepthwiseConv1D', dict(kernel_size=2, strides=2, padding='same', data_format=CF), (1, 2, 5), (1, 2, 3),
     [0.591388, 1.472191, 1.270109, 0.8078448, 0.3953557, -0.225012]),
    ('DepthwiseConv2D', dict(kernel_size=2, depth_multiplier=2), (1, 3, 3, 2), (1, 2, 2, 4),
     [-0.2706397, -0.4408219, -0.8261529, -0.8034254, -0.1543302, -0.7165982, -1.223656, -1.400305, 0.567407,
     -0.1690618, -0.5297961, -1.019355, 0.7953207, 0.367855, 0.1986339, -0.240786]),
    ('DepthwiseConv2D', dict(kernel_size=3, strides=2, padding='same'), (1, 5, 4, 2), (1, 3, 2, 2),
     [0.7871404, 1.273637, -2.399067, -1.486123, 1.94847, 2.531325, -3.75525, -2.344769, 1.959084, 2.052123,
     -2.276529, -1.553782]),
    ('DepthwiseConv2D', dict(kernel_size=2, dilation_rate=2, padding='same', data_format=CF),
     (1, 2, 4, 4), (1, 2, 4, 4),
     [-0.6581235, -0.9835263, -0.6508507, -0.1120797, 0.7757705, 1.302882, 2.184753, 1.334189, 1.704109,
     2.984913, 2.515583, 1.442533, 0.1311034, 0.05253305, -0.4329827, -0.3417068, -0.8222588, -1.587277,
     -1.474246, -0.7963189, -0.04461581, -0.3469908, 0.5523099, 0.6728774, 0.8324261, 2.395267, 2.446143,
     1.682936, 0.01895792, 0.3972087, 0.09670378, -0.2306432]),
    ('DepthwiseConv2D', dict(kernel_size=2, strides=2, dilation_rate=2, padding='same'), (1, 5, 5, 1), (1, 3, 3, 1),
     [0.2560905, 0.6265536, 0.3099953, 0.9069213, 0.9367065, 0.5760219, 0.04568541, 0.4059802, 0.7291026]),
    ('SeparableConv1D', dict(filters=3, kernel_size=3, depth_multiplier=2), (1, 5, 2), (1, 3, 3),
     [-0.1237433, -0.1489908, -0.1333573, -0.2739176, -0.5171456, -0.618476, -0.3896514, -0.8289255, -1.040754]),
    ('SeparableConv1D', dict(filters=2, kernel_size=2, strides=2, padding='same', data_format=CF),
     (1, 2, 5), (1, 2, 3),
     [-0.3063119, 0.02855702, 0.1197269, -0.7381495, -0.5445311, -0.2844712]),
    ('SeparableConv2D', dict(filters=3, kernel_size=2), (1, 3, 3, 2), (1, 2, 2, 3),
     [-0.3050146, -0.5232208, -0.5978627, -0.4714907, -1.253391, -1.691379, -0.3760835, -1.238294, -1.760735,
     -0.1641044, -0.5009242, -0.7002976]),
    ('SeparableConv2D', dict(filters=2, kernel_size=3, padding='same', dilation_rate=2, data_format=CF),
     (1, 2, 4, 4), (1, 2, 4, 4),
     [-0.1490209, -0.3111072, -0.5214322, -0.6365906, -0.6380954, -0.6445954, -0.6120301, -0.484209, -0.2520187,
     -0.08847099, 0.1143965, 0.2248135, 0.2301589, 0.2308878, 0.1853498, 0.05458637, -0.6590295, -0.9221486,
     -0.6889112, -0.4718465, -1.203158, -1.084919, 0.110979, 0.1944031, -0.152957, 0.09475175, -0.1350034,
     -0.3681605, 0.3438531, 0.2245741, -0.9754666, -1.05542]),
    ('MaxPooling1D', dict(), (1, 5, 2), (1, 2, 2),
     [1.489286, 1.871232, 1.999915, 1.857919]),
    ('MaxPooling1D', dict(pool_size=3, strides=2, padding='same'), (1, 6, 2), (1, 3, 2),
     [1.999915, 1.871232, 1.999915, 1.857919, 0.1630043, -0.5688514]),
    ('AveragePooling1D', dict(pool_size=2, padding='same'), (1, 5, 2), (1, 3, 2),
     [0.8444765, 1.388502, 1.732189, 1.365359, 0.1630043, -0.5688514]),
    ('AveragePooling1D', dict(pool_size=3, strides=1, data_format=CF), (1, 2, 5), (1, 2, 3),
     [0.8649085, 1.422097, 1.786811, 1.398394, 0.8334218, 0.1556504]),
    ('MaxPooling3D', dict(), (1, 2, 4, 3, 1), (1, 1, 2, 1, 1),
     [1.999915, 1.999743]),
    ('MaxPooling3D', dict(pool_size=2, strides=1, padding='same', data_format=CF), (1, 1, 2, 3, 2), (1, 1, 2, 3, 2),
     [1.871232, 1.871232, 1.999915, 1.871232, 1.999915, 1.857919, 1.464463, 0.8727981, 0.1630043, -0.5688514,
     -1.223716, -1.712956]),
    ('AveragePooling3D', dict(pool_size=2, padding='same'), (1, 3, 3, 2, 1), (1, 2, 2, 1, 1),
     [0.7996714, 0.2302908, -1.70031, -0.1535458]),
    ('AveragePooling3D', dict(pool_size=(1, 2, 2), data_format=CF), (1, 2, 1, 2, 4), (1, 2, 1, 1, 2),
     [1.240819, 1.424445, -1.08432, -1.45162]),
    ('MaxPooling2D', dict(pool_size=3, strides=2, padding='same'), (1, 5, 4, 1), (1, 3, 2, 1),
     [1.999915, 1.871232, 1.999915, 1.464463, 0.9179029, 1.498349]),
    ('AveragePooling2D', dict(pool_size=2, padding='same', data_format=CF), (1, 1, 3, 3), (1, 1, 2, 2),
     [1.244147, 1.673603, 1.16863, 0.1630043]),
    ('GlobalAveragePooling1D', dict(), (2, 3, 2), (2, 2),
     [1.229623, 1.544975, 0.1345838, -0.4696697]),
    ('GlobalAveragePooling1D', dict(keepdims=True, data_format=CF), (2, 2, 3), (2, 2, 1),
     [0.8649085, 1.909689, 0.8334218, -1.168508]),
    ('GlobalMaxPooling1D', dict(), (2, 3, 2), (2, 2),
     [1.999915, 1.871232, 1.464463, 0.8727981]),
    ('GlobalMaxPooling1D', dict(keepdims=True, data_format=CF), (2, 2, 3), (2, 2, 1),
     [1.489286, 1.999915, 1.464463, -0.5688514]),
    ('GlobalAveragePooling3D', dict(), (1, 2, 2, 2, 2), (1, 2),
     [0.05448611, 0.01017582]),
    ('GlobalMaxPooling3D', dict(keepdims=True, data_format=CF), (1, 2, 2, 2, 2), (1, 2, 1, 1, 1),
     [1.999915, 0.1630043]),
]


def _build(name, kwargs, shape, dtype="float32"):
    layer = getattr(layers, name)(dtype=dtype, **kwargs)
    layer.build(shape)
    ws = [weight(tuple(w.shape), i) for i, w in enumerate(layer.weights)]
    if ws:
        layer.set_weights(ws)
    return layer


@pytest.mark.parametrize("name,kwargs,shape,out_shape,expected", KERAS,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(KERAS)])
def test_values_and_shapes_match_keras(name, kwargs, shape, out_shape, expected):
    layer = _build(name, kwargs, shape)
    y = layer(data(shape))
    assert y.dtype == tf.float32
    assert tuple(y.shape) == out_shape
    np.testing.assert_allclose(y.numpy().reshape(-1), np.array(expected, "float32"), rtol=2e-5, atol=2e-6)
    # shapes without running: compute_output_shape and a KerasTensor through the layer
    sym = (None,) + out_shape[1:]
    assert tuple(layer.compute_output_shape((None,) + shape[1:])) == sym
    assert tuple(layer(keras.Input(shape=shape[1:])).shape.as_list()) == sym


# --- weights: names, shapes and order as Keras ----------------------------------------------------

WEIGHTS = [
    (layers.Conv1D(4, 3, groups=2), (1, 5, 6), [("kernel", (3, 3, 4)), ("bias", (4,))]),
    (layers.Conv3D(2, (1, 2, 3), data_format=CF), (1, 3, 4, 4, 4), [("kernel", (1, 2, 3, 3, 2)), ("bias", (2,))]),
    (layers.Conv2DTranspose(5, 3, use_bias=False), (1, 4, 4, 2), [("kernel", (3, 3, 5, 2))]),
    (layers.Conv3DTranspose(2, 2), (1, 2, 2, 2, 3), [("kernel", (2, 2, 2, 2, 3)), ("bias", (2,))]),
    (layers.DepthwiseConv2D(3, depth_multiplier=2), (1, 5, 5, 3), [("kernel", (3, 3, 3, 2)), ("bias", (6,))]),
    (layers.DepthwiseConv1D(2, data_format=CF), (1, 4, 6), [("kernel", (2, 4, 1)), ("bias", (4,))]),
    (layers.SeparableConv1D(5, 3, depth_multiplier=2), (1, 6, 3),
     [("depthwise_kernel", (3, 3, 2)), ("pointwise_kernel", (1, 6, 5)), ("bias", (5,))]),
    (layers.SeparableConv2D(4, 2), (1, 4, 4, 3),
     [("depthwise_kernel", (2, 2, 3, 1)), ("pointwise_kernel", (1, 1, 3, 4)), ("bias", (4,))]),
]


@pytest.mark.parametrize("layer,shape,expected", WEIGHTS, ids=[type(w[0]).__name__ for w in WEIGHTS])
def test_weight_names_shapes_and_order(layer, shape, expected):
    layer(np.zeros(shape, "float32"))
    assert [(w.name, tuple(w.shape)) for w in layer.weights] == expected
    assert layer.count_params() == sum(int(np.prod(s)) for _, s in expected)


# --- configs ----------------------------------------------------------------------------------------

_CONV = ["filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "groups", "activation",
         "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer",
         "activity_regularizer", "kernel_constraint", "bias_constraint"]
_TRANSPOSE = ["filters", "kernel_size", "strides", "padding", "output_padding", "data_format", "dilation_rate",
              "activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer",
              "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint"]
_DEPTHWISE = ["depth_multiplier", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "activation",
              "use_bias", "depthwise_initializer", "bias_initializer", "depthwise_regularizer", "bias_regularizer",
              "activity_regularizer", "depthwise_constraint", "bias_constraint"]
_SEPARABLE = ["depth_multiplier", "filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate",
              "activation", "use_bias", "depthwise_initializer", "pointwise_initializer", "bias_initializer",
              "depthwise_regularizer", "pointwise_regularizer", "bias_regularizer", "activity_regularizer",
              "depthwise_constraint", "pointwise_constraint", "bias_constraint"]
_POOL = ["pool_size", "padding", "strides", "data_format"]
_GLOBAL = ["data_format", "keepdims"]

CONFIGS = [
    (layers.Conv1D(2, 3), _CONV), (layers.Conv2D(2, 3), _CONV), (layers.Conv3D(2, 3), _CONV),
    (layers.Conv1DTranspose(2, 3), _TRANSPOSE), (layers.Conv2DTranspose(2, 3), _TRANSPOSE),
    (layers.Conv3DTranspose(2, 3), _TRANSPOSE), (layers.DepthwiseConv1D(3), _DEPTHWISE),
    (layers.DepthwiseConv2D(3), _DEPTHWISE), (layers.SeparableConv1D(2, 3), _SEPARABLE),
    (layers.SeparableConv2D(2, 3), _SEPARABLE), (layers.MaxPooling1D(), _POOL), (layers.AveragePooling1D(2), _POOL),
    (layers.MaxPooling2D(), _POOL), (layers.AveragePooling2D(2), _POOL), (layers.MaxPooling3D(), _POOL),
    (layers.AveragePooling3D(2), _POOL), (layers.GlobalAveragePooling1D(), _GLOBAL),
    (layers.GlobalMaxPooling1D(), _GLOBAL), (layers.GlobalAveragePooling3D(), _GLOBAL),
    (layers.GlobalMaxPooling3D(), _GLOBAL),
]


@pytest.mark.parametrize("layer,keys", CONFIGS, ids=[type(c[0]).__name__ for c in CONFIGS])
def test_config_keys_as_keras_and_round_trip(layer, keys):
    cfg = layer.get_config()
    assert list(cfg)[:3] == ["name", "trainable", "dtype"]
    assert list(cfg)[3:] == keys
    again = type(layer).from_config(cfg)
    assert again.get_config() == cfg


def test_config_values_as_keras():
    cfg = layers.Conv1DTranspose(2, 3, strides=2, output_padding=1, padding="SAME").get_config()
    assert (cfg["kernel_size"], cfg["strides"], cfg["padding"], cfg["output_padding"], cfg["dilation_rate"]) == \
        ((3,), (2,), "same", (1,), (1,))
    cfg = layers.MaxPooling3D(pool_size=2, strides=(1, 2, 1)).get_config()
    assert (cfg["pool_size"], cfg["strides"], cfg["padding"], cfg["data_format"]) == \
        ((2, 2, 2), (1, 2, 1), "valid", "channels_last")
    assert layers.AveragePooling1D(3).get_config()["strides"] == (3,)
    cfg = layers.Conv1D(2, 3, padding="causal", activation="relu").get_config()
    assert (cfg["padding"], cfg["activation"], cfg["groups"]) == ("causal", "relu", 1)


def test_aliases():
    assert layers.Convolution1D is layers.Conv1D and layers.Convolution3D is layers.Conv3D
    assert layers.Convolution1DTranspose is layers.Conv1DTranspose
    assert layers.Convolution2DTranspose is layers.Conv2DTranspose
    assert layers.Convolution3DTranspose is layers.Conv3DTranspose
    assert layers.SeparableConvolution1D is layers.SeparableConv1D
    assert layers.SeparableConvolution2D is layers.SeparableConv2D
    assert layers.MaxPool1D is layers.MaxPooling1D and layers.AvgPool1D is layers.AveragePooling1D
    assert layers.MaxPool3D is layers.MaxPooling3D and layers.AvgPool3D is layers.AveragePooling3D
    assert layers.GlobalAvgPool1D is layers.GlobalAveragePooling1D
    assert layers.GlobalMaxPool1D is layers.GlobalMaxPooling1D
    assert layers.GlobalAvgPool3D is layers.GlobalAveragePooling3D
    assert layers.GlobalMaxPool3D is layers.GlobalMaxPooling3D
    assert keras.layers.Conv3DTranspose is layers.Conv3DTranspose
    assert layers.Conv1D(2, 3).name.startswith("conv1d")


# --- gradients (float64, inputs and weights, order 2) ---------------------------------------------


class _Fixed:
    """Stands in for a weight Variable: ``_read()`` gives the tensor being differentiated."""

    def __init__(self, t):
        self.t = t

    def _read(self):
        return self.t


def _grad_check(layer, shape, order=2, x=None, **call_kw):
    """check_grads of ``layer`` (built in float64) w.r.t. its input and every weight."""
    layer(np.zeros(shape))
    names = [n for n in ("kernel", "depthwise_kernel", "pointwise_kernel", "bias")
             if getattr(layer, n, None) is not None]
    rng = np.random.default_rng(1)
    x = rng.standard_normal(shape) if x is None else x
    args = [x] + [rng.standard_normal(tuple(getattr(layer, n).shape)) * 0.5 for n in names]

    def f(x, *ws):
        saved = {n: getattr(layer, n) for n in names}
        try:
            for n, w in zip(names, ws):
                setattr(layer, n, _Fixed(w))
            return layer.call(x, **call_kw)
        finally:
            for n, v in saved.items():
                setattr(layer, n, v)

    check_grads(f, args, order=order)


GRADS = [
    (lambda: layers.Conv1D(2, 3, padding="causal", dilation_rate=2, activation="tanh"), (2, 6, 3)),
    (lambda: layers.Conv1D(4, 2, strides=2, padding="same", groups=2, data_format=CF), (1, 4, 5)),
    (lambda: layers.Conv2D(4, (2, 3), padding="same", groups=2), (1, 4, 5, 2)),
    (lambda: layers.Conv2D(2, 2, strides=(2, 1), data_format=CF), (2, 3, 4, 3)),
    (lambda: layers.Conv3D(2, 2, padding="same", strides=2), (1, 3, 3, 2, 2)),
    (lambda: layers.Conv1DTranspose(2, 3, strides=2, output_padding=1), (1, 3, 2)),
    (lambda: layers.Conv1DTranspose(2, 2, dilation_rate=2, padding="same", data_format=CF), (1, 2, 4)),
    (lambda: layers.Conv2DTranspose(2, 3, strides=2, padding="same", activation="sigmoid"), (1, 2, 3, 2)),
    (lambda: layers.Conv3DTranspose(1, 2, strides=(1, 2, 1), data_format=CF), (1, 2, 2, 2, 2)),
    (lambda: layers.DepthwiseConv1D(3, depth_multiplier=2, padding="same"), (1, 5, 2)),
    (lambda: layers.DepthwiseConv2D(2, strides=2, dilation_rate=2, padding="same"), (1, 5, 5, 2)),
    (lambda: layers.DepthwiseConv2D(2, depth_multiplier=2, data_format=CF), (1, 2, 3, 3)),
    (lambda: layers.SeparableConv1D(3, 2, depth_multiplier=2, strides=2), (1, 5, 2)),
    (lambda: layers.SeparableConv2D(2, 2, padding="same", data_format=CF), (1, 2, 3, 3)),
    (lambda: layers.AveragePooling1D(3, strides=2, padding="same"), (1, 6, 2)),
    (lambda: layers.MaxPooling1D(2, padding="same", data_format=CF), (1, 2, 5)),
    (lambda: layers.MaxPooling2D(2, strides=1), (1, 3, 3, 2)),
    (lambda: layers.AveragePooling3D(2, padding="same", data_format=CF), (1, 2, 3, 3, 2)),
    (lambda: layers.MaxPooling3D(2, strides=1, padding="same"), (1, 2, 3, 2, 1)),
    (lambda: layers.GlobalAveragePooling1D(keepdims=True), (2, 4, 3)),
    (lambda: layers.GlobalMaxPooling1D(data_format=CF), (2, 3, 4)),
    (lambda: layers.GlobalAveragePooling3D(data_format=CF), (2, 2, 2, 2, 2)),
    (lambda: layers.GlobalMaxPooling3D(), (1, 2, 3, 2, 2)),
]


@pytest.mark.parametrize("make,shape", GRADS, ids=[str(i) for i in range(len(GRADS))])
def test_gradients_inputs_and_weights(make, shape):
    layer = make()
    layer = type(layer).from_config({**layer.get_config(), "dtype": "float64", "name": None})
    _grad_check(layer, shape)


def test_masked_global_average_gradient():
    gap = layers.GlobalAveragePooling1D(dtype="float64")
    mask = np.array([[True, False, True, True], [False, True, True, False]])
    _grad_check(gap, (2, 4, 3), mask=tf.constant(mask))


def test_weight_gradients_reach_the_variables():
    conv = layers.SeparableConv2D(3, 2, padding="same")
    x = tf.constant(data((1, 4, 4, 2)))
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(conv(x) ** 2)
    grads = tape.gradient(y, conv.trainable_weights)
    assert [w.name for w in conv.trainable_weights] == ["depthwise_kernel", "pointwise_kernel", "bias"]
    assert all(g is not None and tuple(g.shape) == tuple(w.shape) for g, w in zip(grads, conv.trainable_weights))


# --- semantics spelled out --------------------------------------------------------------------------


def test_causal_padding_only_looks_back():
    conv = layers.Conv1D(1, 3, padding="causal", dilation_rate=2, kernel_initializer="ones", use_bias=False)
    x = np.zeros((1, 8, 1), "float32")
    x[0, 5, 0] = 1.0
    y = conv(x).numpy().reshape(-1)
    assert y.tolist() == [0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 1.0]


def test_groups_convolve_channel_groups_separately():
    conv = layers.Conv1D(2, 1, groups=2, use_bias=False, kernel_initializer="ones")
    x = np.array([[[1.0, 10.0, 100.0, 1000.0]]], "float32")
    # group 0 sees channels 0-1, group 1 sees channels 2-3
    assert conv(x).numpy().tolist() == [[[11.0, 1100.0]]]


def test_transposed_conv_is_the_input_gradient_of_conv():
    x = data((1, 5, 5, 2))
    conv = layers.Conv2D(3, 3, strides=2, padding="same", use_bias=False)
    tconv = layers.Conv2DTranspose(2, 3, strides=2, padding="same", use_bias=False)
    y = conv(x)
    tconv(y)
    tconv.set_weights(conv.get_weights())
    g = data((1, 3, 3, 3), 1)
    xt = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(xt)
        s = tf.reduce_sum(conv(xt) * g)
    # output_padding picks the 5x5 input size out of the sizes that convolve to 3x3
    tconv5 = layers.Conv2DTranspose(2, 3, strides=2, padding="same", output_padding=0, use_bias=False)
    tconv5(y)
    tconv5.set_weights(conv.get_weights())
    np.testing.assert_allclose(tconv5(g).numpy(), tape.gradient(s, xt).numpy(), rtol=1e-5, atol=1e-6)
    assert tuple(tconv(g).shape) == (1, 6, 6, 2)


def test_depthwise_output_channel_order():
    dw = layers.DepthwiseConv1D(1, depth_multiplier=2, use_bias=False)
    dw(np.zeros((1, 1, 2), "float32"))
    dw.set_weights([np.array([[[1.0, 2.0], [10.0, 20.0]]], "float32")])
    # output channel c * depth_multiplier + m
    assert dw(np.array([[[1.0, 3.0]]], "float32")).numpy().tolist() == [[[1.0, 2.0, 30.0, 60.0]]]


def test_average_pooling_same_counts_real_elements_only():
    x = np.arange(1.0, 6.0, dtype="float32").reshape(1, 5, 1)
    assert layers.AveragePooling1D(2, padding="same")(x).numpy().reshape(-1).tolist() == [1.5, 3.5, 5.0]
    assert layers.AveragePooling1D(3, strides=2, padding="same")(x).numpy().reshape(-1).tolist() == [1.5, 3.0, 4.5]


def test_global_average_pooling_1d_mask():
    x = np.array([[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], [[1.0, 1.0], [9.0, 9.0], [2.0, 0.0]]], "float32")
    mask = np.array([[True, True, False], [False, True, True]])
    gap = layers.GlobalAveragePooling1D()
    assert gap(x, mask=mask).numpy().tolist() == [[2.0, 3.0], [5.5, 4.5]]
    np.testing.assert_allclose(gap(x).numpy(), x.mean(1), rtol=1e-6)
    gcf = layers.GlobalAveragePooling1D(data_format=CF, keepdims=True)
    y = gcf(np.transpose(x, (0, 2, 1)), mask=mask)
    assert tuple(y.shape) == (2, 2, 1) and y.numpy()[:, :, 0].tolist() == [[2.0, 3.0], [5.5, 4.5]]
    with np.errstate(invalid="ignore"):
        assert np.isnan(gap(x, mask=np.zeros((2, 3), bool)).numpy()).all()  # as Keras: 0 / 0


def test_global_pooling_keepdims_shapes():
    x = np.zeros((2, 3, 4, 5, 6), "float32")
    assert layers.GlobalAveragePooling3D(keepdims=True)(x).shape.as_list() == [2, 1, 1, 1, 6]
    assert layers.GlobalMaxPooling3D(data_format=CF, keepdims=True)(x).shape.as_list() == [2, 3, 1, 1, 1]
    assert layers.GlobalMaxPooling1D(keepdims=True)(x[:, :, :, 0, 0]).shape.as_list() == [2, 1, 4]


def test_integer_inputs_are_cast_to_the_layer_dtype():
    y = layers.MaxPooling1D()(np.arange(4, dtype="int32").reshape(1, 4, 1))
    assert y.dtype == tf.float32 and y.numpy().reshape(-1).tolist() == [1.0, 3.0]
    conv = layers.Conv1D(1, 1, kernel_initializer="ones", dtype="float64")
    assert conv(np.ones((1, 2, 1), "float32")).dtype == tf.float64


# --- models -----------------------------------------------------------------------------------------


def test_functional_model_with_unknown_lengths():
    inp = keras.Input(shape=(None, 3))
    h = layers.Conv1D(4, 3, padding="causal", activation="relu")(inp)
    h = layers.MaxPooling1D(2)(h)
    h = layers.Conv1DTranspose(2, 2, strides=2)(h)
    h = layers.SeparableConv1D(5, 3)(h)
    assert h.shape.as_list() == [None, None, 5]
    out = layers.GlobalAveragePooling1D()(h)
    model = keras.Model(inp, out)
    assert model(np.zeros((2, 9, 3), "float32")).shape.as_list() == [2, 5]
    assert model(np.zeros((1, 12, 3), "float32")).shape.as_list() == [1, 5]


def test_sequential_image_model_trains():
    model = keras.Sequential([
        keras.Input(shape=(6, 6, 2)),
        layers.Conv2D(4, 3, padding="same", groups=2, activation="relu"),
        layers.DepthwiseConv2D(3, depth_multiplier=2),
        layers.AveragePooling2D(2),
        layers.Conv2DTranspose(3, 2, strides=2, output_padding=1),
        layers.GlobalMaxPooling2D(),
        layers.Dense(1),
    ])
    rng = np.random.default_rng(0)
    x = rng.standard_normal((8, 6, 6, 2)).astype("float32")
    y = rng.standard_normal((8, 1)).astype("float32")
    model.compile(optimizer="adam", loss="mse")
    assert model(x).shape.as_list() == [8, 1]
    hist = model.fit(x, y, epochs=3, batch_size=4, verbose=0)
    assert len(hist.history["loss"]) == 3 and all(np.isfinite(hist.history["loss"]))


def test_volumetric_model_shapes():
    inp = keras.Input(shape=(4, 4, 4, 1))
    h = layers.Conv3D(2, 3, padding="same")(inp)
    h = layers.MaxPooling3D()(h)
    h = layers.Conv3DTranspose(1, 2, strides=2)(h)
    assert h.shape.as_list() == [None, 4, 4, 4, 1]
    h = layers.AveragePooling3D(2, data_format=CF)(layers.Permute((4, 1, 2, 3))(h))
    assert h.shape.as_list() == [None, 1, 2, 2, 2]
    out = layers.GlobalAveragePooling3D(data_format=CF)(h)
    model = keras.Model(inp, out)
    assert model(np.zeros((2, 4, 4, 4, 1), "float32")).shape.as_list() == [2, 1]


# --- errors -------------------------------------------------------------------------------------------


def test_argument_errors():
    with pytest.raises(ValueError, match="evenly divisible by the number of groups"):
        layers.Conv2D(3, 3, groups=2)
    with pytest.raises(ValueError, match="not supported in conjunction with"):
        layers.Conv1D(2, 3, strides=2, dilation_rate=2)
    with pytest.raises(ValueError, match="output_padding"):
        layers.Conv2DTranspose(2, 3, strides=2, output_padding=2)
    with pytest.raises(ValueError, match="padding"):
        layers.Conv2D(2, 3, padding="causal")
    with pytest.raises(ValueError, match="kernel_size"):
        layers.Conv1D(2, 0)
    with pytest.raises(ValueError, match="filters"):
        layers.Conv3D(0, 2)
    with pytest.raises(ValueError, match="depth_multiplier"):
        layers.DepthwiseConv2D(2, depth_multiplier=0)
    with pytest.raises(ValueError, match="data_format"):
        layers.MaxPooling1D(data_format="NWC")
    with pytest.raises(ValueError, match="pool_size"):
        layers.AveragePooling3D((2, 2))


def test_input_errors_name_the_layer_and_shapes():
    with pytest.raises(ValueError, match=r"conv_bad.*expected a 4-D input, got shape \(1, 5, 5\)"):
        layers.Conv2D(2, 3, name="conv_bad")(np.zeros((1, 5, 5), "float32"))
    with pytest.raises(ValueError, match=r"Computed output size would be zero or negative"):
        layers.Conv1D(2, 5)(np.zeros((1, 3, 2), "float32"))
    with pytest.raises(ValueError, match=r"Computed output size would be zero or negative"):
        layers.Conv1D(2, 5)(keras.Input(shape=(3, 2)))
    with pytest.raises(ValueError, match="input channels must be evenly divisible"):
        layers.Conv2D(4, 3, groups=2)(np.zeros((1, 5, 5, 3), "float32"))
    conv = layers.Conv1D(2, 3, name="conv_ch")
    conv(np.zeros((1, 5, 3), "float32"))
    with pytest.raises(ValueError, match=r"conv_ch.*expected axis -1 of input shape to have value 3.*\(1, 5, 4\)"):
        conv(np.zeros((1, 5, 4), "float32"))
    with pytest.raises(ValueError, match="pool_size"):
        layers.MaxPooling1D(5)(np.zeros((1, 3, 2), "float32"))
    with pytest.raises(ValueError, match="not consistent with the input"):
        layers.Conv2DTranspose(2, 2, strides=2, padding="same", output_padding=0)(np.zeros((1, 3, 3, 1), "float32"))
    with pytest.raises(ValueError, match="mask of shape"):
        layers.GlobalAveragePooling1D()(np.zeros((2, 3, 1), "float32"), mask=np.ones((2, 4), bool))


def test_global_average_pooling_1d_uses_a_propagated_mask():
    emb = layers.Embedding(5, 1, mask_zero=True)
    emb.build(None)
    emb.set_weights([np.arange(5.0, dtype="float32").reshape(5, 1)])
    x = np.array([[1, 2, 0, 0], [3, 0, 0, 0]])
    assert layers.GlobalAveragePooling1D()(emb(x)).numpy().tolist() == [[1.5], [3.0]]
    inp = keras.Input(shape=(4,), dtype="int32")
    h = layers.GaussianNoise(0.1)(layers.SpatialDropout1D(0.2)(emb(inp)))  # both pass the mask on
    model = keras.Model(inp, layers.GlobalAveragePooling1D()(h))
    assert model(x).numpy().tolist() == [[1.5], [3.0]]
