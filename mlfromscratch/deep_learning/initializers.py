"""Weight initialisers: draw a layer's starting weights at the right scale.

Starting weights must be random (to break the symmetry between units) and of a
scale that keeps the variance of activations and gradients roughly constant
from layer to layer. ``fan_in`` is the number of inputs that feed one unit
(``n_inputs`` for Dense, ``channels * kh * kw`` for Conv2D) and ``fan_out`` the
number of units one input feeds (``n_units``, ``n_filters * kh * kw``).

Every initialiser draws from the generator it is given, so a network seeded
with ``random_state`` starts from the same weights every time.

Use :func:`get_initializer` to look one up by name (``Dense(...,
kernel_initializer="he_normal")``).
"""

import numpy as np


def glorot_uniform(shape, fan_in, fan_out, rng):
    """Glorot / Xavier uniform: U(-limit, limit), limit = sqrt(6 / (fan_in + fan_out)).

    Parameters
    ----------
    shape : tuple of int
        Shape of the weight tensor to draw.
    fan_in, fan_out : int
        Number of inputs of one unit and of outputs fed by one input.
    rng : numpy.random.Generator

    Returns
    -------
    W : ndarray of float64 of shape ``shape``

    Notes
    -----
    Var(W) = limit^2 / 3 = 2 / (fan_in + fan_out), the compromise between
    keeping forward (1 / fan_in) and backward (1 / fan_out) variances constant
    for symmetric activations such as tanh, sigmoid and softmax.

    References
    ----------
    Glorot, X. and Bengio, Y. (2010). Understanding the difficulty of training
    deep feedforward neural networks. AISTATS.

    Examples
    --------
    >>> W = glorot_uniform((64, 10), 64, 10, np.random.default_rng(0))
    >>> W.shape
    (64, 10)
    """
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=shape)


def glorot_normal(shape, fan_in, fan_out, rng):
    """Glorot / Xavier normal: N(0, 2 / (fan_in + fan_out)).

    Parameters and return value as :func:`glorot_uniform`.
    """
    return rng.normal(0.0, np.sqrt(2.0 / (fan_in + fan_out)), size=shape)


def he_normal(shape, fan_in, rng):
    """He / Kaiming normal: N(0, 2 / fan_in), suited to ReLU layers.

    Parameters
    ----------
    shape : tuple of int
    fan_in : int
    rng : numpy.random.Generator

    Returns
    -------
    W : ndarray of float64 of shape ``shape``

    Notes
    -----
    A ReLU zeroes half of its inputs on average, halving the second moment of
    the signal; the factor 2 in Var(W) = 2 / fan_in makes up for it.

    References
    ----------
    He, K., Zhang, X., Ren, S. and Sun, J. (2015). Delving deep into
    rectifiers: surpassing human-level performance on ImageNet classification. ICCV.

    Examples
    --------
    >>> W = he_normal((3, 3), 3, np.random.default_rng(0))
    >>> W.shape
    (3, 3)
    """
    return rng.normal(0.0, np.sqrt(2.0 / fan_in), size=shape)


def he_uniform(shape, fan_in, rng):
    """He / Kaiming uniform: U(-limit, limit), limit = sqrt(6 / fan_in) (variance 2 / fan_in)."""
    limit = np.sqrt(6.0 / fan_in)
    return rng.uniform(-limit, limit, size=shape)


def lecun_normal(shape, fan_in, rng):
    """LeCun normal: N(0, 1 / fan_in), the initialiser SELU networks expect."""
    return rng.normal(0.0, np.sqrt(1.0 / fan_in), size=shape)


def lecun_uniform(shape, fan_in, rng):
    """LeCun uniform: U(-1/sqrt(fan_in), 1/sqrt(fan_in)), the classic ML-From-Scratch default."""
    limit = 1.0 / np.sqrt(fan_in)
    return rng.uniform(-limit, limit, size=shape)


def zeros(shape, fan_in=None, fan_out=None, rng=None):
    """All zeros (for biases; never for weights, which would stay symmetric)."""
    return np.zeros(shape)


_INITIALIZERS = {
    "glorot_uniform": lambda shape, fan_in, fan_out, rng: glorot_uniform(shape, fan_in, fan_out, rng),
    "glorot_normal": lambda shape, fan_in, fan_out, rng: glorot_normal(shape, fan_in, fan_out, rng),
    "he_normal": lambda shape, fan_in, fan_out, rng: he_normal(shape, fan_in, rng),
    "he_uniform": lambda shape, fan_in, fan_out, rng: he_uniform(shape, fan_in, rng),
    "lecun_normal": lambda shape, fan_in, fan_out, rng: lecun_normal(shape, fan_in, rng),
    "lecun_uniform": lambda shape, fan_in, fan_out, rng: lecun_uniform(shape, fan_in, rng),
    "zeros": zeros,
}


def get_initializer(name):
    """Look an initialiser up by name, or pass a callable through.

    Parameters
    ----------
    name : str or callable
        One of ``"glorot_uniform"``, ``"glorot_normal"``, ``"he_normal"``,
        ``"he_uniform"``, ``"lecun_normal"``, ``"lecun_uniform"``, ``"zeros"``,
        or a callable ``f(shape, fan_in, fan_out, rng)``.

    Returns
    -------
    init : callable
        ``init(shape, fan_in, fan_out, rng) -> ndarray``.

    Examples
    --------
    >>> init = get_initializer("he_normal")
    >>> init((4, 2), 4, 2, np.random.default_rng(0)).shape
    (4, 2)
    """
    if callable(name):
        return name
    if name not in _INITIALIZERS:
        raise ValueError(f"Unknown initializer {name!r}; choose one of {sorted(_INITIALIZERS)}")
    return _INITIALIZERS[name]
