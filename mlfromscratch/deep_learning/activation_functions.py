"""Activation functions: the elementwise (and softmax) non-linearities of a network.

Each activation is a small object with three methods:

- ``f(x)`` (``__call__``): the activation of an array of any shape;
- ``f.gradient(x)``: its derivative at ``x``. For the elementwise functions this is the
  elementwise derivative f'(x), same shape as ``x``. For ``Softmax``, which mixes the
  entries of a row, it is the full Jacobian ``d s_i / d x_j`` of shape ``x.shape + (n,)``;
- ``f.vjp(x, grad)``: the vector-Jacobian product, i.e. dLoss/dx given ``grad`` =
  dLoss/df(x). This is what backpropagation needs. The default is
  ``gradient(x) * grad``; ``Softmax`` overrides it with the exact product
  ``s * (grad - sum(grad * s))`` without building the Jacobian.

The ``Activation`` layer calls ``vjp`` when the function has one and falls back to
``gradient(x) * grad`` otherwise, so a user-defined activation needs only
``__call__`` and an elementwise ``gradient``.

All functions are overflow-free for any finite input (the sigmoid and softmax of
``mlfromscratch.utils.numerics``, softplus via ``logaddexp``, ELU via ``expm1`` of
the negative part only).

References
----------
Goodfellow, I., Bengio, Y. and Courville, A. (2016). Deep Learning, ch. 6.3. MIT Press.
"""

import abc

import numpy as np

from mlfromscratch.utils.numerics import sigmoid, softmax


class ActivationFunction(abc.ABC):
    """Base class: an activation ``f`` with ``__call__``, ``gradient`` and ``vjp``.

    Subclasses implement ``__call__(x)`` and ``gradient(x)`` (elementwise
    derivative); ``vjp`` then follows from the chain rule.
    """

    @abc.abstractmethod
    def __call__(self, x):
        """The activation f(x), same shape as ``x``."""

    @abc.abstractmethod
    def gradient(self, x):
        """Elementwise derivative f'(x), same shape as ``x``."""

    def vjp(self, x, grad):
        """dLoss/dx = f'(x) * grad for an elementwise activation.

        Parameters
        ----------
        x : ndarray
            The input the activation was applied to.
        grad : ndarray of the same shape
            dLoss/df(x).
        """
        return self.gradient(x) * grad

    def __repr__(self):
        return f"{type(self).__name__}()"


class Sigmoid(ActivationFunction):
    """Logistic sigmoid s(x) = 1 / (1 + exp(-x)).

    Notes
    -----
    s'(x) = s(x) (1 - s(x)). Evaluated as 1 / (1 + e) for x >= 0 and
    e / (1 + e) for x < 0 with e = exp(-|x|), so it never overflows.

    Examples
    --------
    >>> Sigmoid()(np.array([0.0]))
    array([0.5])
    """

    def __call__(self, x):
        return sigmoid(x)

    def gradient(self, x):
        s = sigmoid(x)
        return s * (1.0 - s)


class Softmax(ActivationFunction):
    """Softmax over the last axis: s_i = exp(x_i) / sum_j exp(x_j).

    Notes
    -----
    Computed as exp(x - max(x)) / sum(exp(x - max(x))), which is equal and
    cannot overflow. The Jacobian is J_ij = s_i (delta_ij - s_j), so the
    vector-Jacobian product used in backpropagation is

        dL/dx = J^T g = s * (g - sum_j g_j s_j).

    ``gradient(x)`` returns the full Jacobian, shape ``x.shape + (n,)``;
    ``vjp(x, g)`` computes the product above in O(n) per row.

    Examples
    --------
    >>> Softmax()(np.array([[0.0, 0.0]]))
    array([[0.5, 0.5]])
    """

    def __call__(self, x):
        return softmax(x, axis=-1)

    def gradient(self, x):
        """Full Jacobian d s_i / d x_j = s_i (delta_ij - s_j), shape ``x.shape + (n,)``."""
        s = self(x)
        return s[..., :, None] * (np.eye(s.shape[-1], dtype=s.dtype) - s[..., None, :])

    def vjp(self, x, grad):
        """Exact dLoss/dx = s * (grad - sum(grad * s)) along the last axis."""
        s = self(x)
        return s * (grad - np.sum(grad * s, axis=-1, keepdims=True))


class TanH(ActivationFunction):
    """Hyperbolic tangent, tanh'(x) = 1 - tanh(x)^2.

    Examples
    --------
    >>> TanH()(np.array([0.0]))
    array([0.])
    """

    def __call__(self, x):
        return np.tanh(x)

    def gradient(self, x):
        return 1.0 - np.tanh(x) ** 2


class ReLU(ActivationFunction):
    """Rectified linear unit max(0, x); derivative 1 for x > 0, else 0 (0 at the kink).

    References
    ----------
    Nair, V. and Hinton, G. E. (2010). Rectified linear units improve
    restricted Boltzmann machines. ICML.

    Examples
    --------
    >>> ReLU()(np.array([-1.0, 2.0]))
    array([0., 2.])
    """

    def __call__(self, x):
        return np.maximum(x, 0.0)

    def gradient(self, x):
        return (x > 0).astype(x.dtype)  # keeps float32 float32


class LeakyReLU(ActivationFunction):
    """Leaky ReLU: x for x > 0, alpha * x otherwise.

    Parameters
    ----------
    alpha : float, default=0.2
        Slope of the negative part.

    References
    ----------
    Maas, A. L., Hannun, A. Y. and Ng, A. Y. (2013). Rectifier nonlinearities
    improve neural network acoustic models. ICML workshop.

    Examples
    --------
    >>> LeakyReLU(alpha=0.2)(np.array([-1.0, 2.0]))
    array([-0.2,  2. ])
    """

    def __init__(self, alpha=0.2):
        self.alpha = alpha

    def __call__(self, x):
        return np.where(x > 0, x, self.alpha * x)

    def gradient(self, x):
        return np.where(x > 0, 1.0, self.alpha).astype(x.dtype, copy=False)

    def __repr__(self):
        return f"LeakyReLU(alpha={self.alpha})"


class ELU(ActivationFunction):
    """Exponential linear unit: x for x > 0, alpha (exp(x) - 1) otherwise.

    Parameters
    ----------
    alpha : float, default=1.0

    Notes
    -----
    f'(x) = 1 for x > 0 and alpha exp(x) otherwise. Only min(x, 0) is
    exponentiated, so large positive inputs cannot overflow.

    References
    ----------
    Clevert, D.-A., Unterthiner, T. and Hochreiter, S. (2016). Fast and accurate
    deep network learning by exponential linear units (ELUs). ICLR.

    Examples
    --------
    >>> ELU()(np.array([0.0, 1.0]))
    array([0., 1.])
    """

    def __init__(self, alpha=1.0):
        self.alpha = alpha

    def __call__(self, x):
        return np.where(x > 0, x, self.alpha * np.expm1(np.minimum(x, 0.0)))

    def gradient(self, x):
        return np.where(x > 0, 1.0, self.alpha * np.exp(np.minimum(x, 0.0)))

    def __repr__(self):
        return f"ELU(alpha={self.alpha})"


class SELU(ActivationFunction):
    """Scaled ELU: scale * ELU_alpha(x) with the self-normalising constants.

    Notes
    -----
    alpha = 1.6732632423543772 and scale = 1.0507009873554805 make zero mean,
    unit variance a fixed point of the layer map (with LeCun-normal weights).

    References
    ----------
    Klambauer, G., Unterthiner, T., Mayr, A. and Hochreiter, S. (2017).
    Self-normalizing neural networks. NeurIPS.

    Examples
    --------
    >>> float(SELU()(np.array([1.0]))[0])
    1.0507009873554805
    """

    alpha = 1.6732632423543772
    scale = 1.0507009873554805

    def __call__(self, x):
        return self.scale * np.where(x > 0, x, self.alpha * np.expm1(np.minimum(x, 0.0)))

    def gradient(self, x):
        return self.scale * np.where(x > 0, 1.0, self.alpha * np.exp(np.minimum(x, 0.0)))


class SoftPlus(ActivationFunction):
    """Softplus log(1 + exp(x)), a smooth ReLU; its derivative is the sigmoid.

    Notes
    -----
    Evaluated as ``logaddexp(0, x)`` = log(exp(0) + exp(x)), which is exact and
    overflow-free for any x.

    Examples
    --------
    >>> float(SoftPlus()(np.array([0.0]))[0]) == float(np.log(2.0))
    True
    """

    def __call__(self, x):
        return np.logaddexp(0.0, x)

    def gradient(self, x):
        return sigmoid(x)


class SoftSign(ActivationFunction):
    """Softsign x / (1 + |x|), the "fast tanh": same shape as tanh, no exponential.

    Notes
    -----
    f'(x) = 1 / (1 + |x|)^2. It approaches +-1 polynomially rather than
    exponentially, so it saturates more gently than tanh.

    References
    ----------
    Bergstra, J., Desjardins, G., Lamblin, P. and Bengio, Y. (2009). Quadratic
    polynomials learn better image features. Technical report 1337, Universite de Montreal.

    Examples
    --------
    >>> SoftSign()(np.array([1.0, -3.0]))
    array([ 0.5 , -0.75])
    """

    def __call__(self, x):
        return x / (1.0 + np.abs(x))

    def gradient(self, x):
        return 1.0 / (1.0 + np.abs(x)) ** 2


class GELU(ActivationFunction):
    """Gaussian error linear unit x * Phi(x), in the tanh form of GPT-2 and BERT.

    Notes
    -----
    The exact GELU weights x by the standard normal CDF Phi(x). Like GPT-2
    (and ``torch.nn.GELU(approximate="tanh")``) this class uses the smooth
    approximation of Hendrycks and Gimpel, which needs no ``erf``::

        u = c (x + 0.044715 x^3),   c = sqrt(2 / pi)
        f(x) = 0.5 x (1 + tanh(u))
        f'(x) = 0.5 (1 + tanh(u)) + 0.5 x (1 - tanh(u)^2) c (1 + 3 * 0.044715 x^2)

    It differs from x Phi(x) by less than 5e-4 everywhere. Unlike ReLU it is
    smooth and lets a little gradient through for negative inputs.

    References
    ----------
    Hendrycks, D. and Gimpel, K. (2016). Gaussian error linear units (GELUs). arXiv:1606.08415.

    Examples
    --------
    >>> GELU()(np.array([0.0, 1.0])).round(4)
    array([0.    , 0.8412])
    """

    _c = float(np.sqrt(2.0 / np.pi))  # a Python float keeps float32 input float32

    def _tanh_u(self, x):
        """tanh(u) and the clipped x it was computed from.

        For |x| >= 10, u >= 43 and tanh(u) is exactly +-1 in float32 and
        float64, so clipping x there changes nothing and keeps x^3 from overflowing.
        """
        x = np.clip(x, -10.0, 10.0)
        return np.tanh(self._c * (x + 0.044715 * (x * x * x))), x  # x * x * x: float32 x**3 is ~1000x slower

    def __call__(self, x):
        t, _ = self._tanh_u(x)
        return 0.5 * x * (1.0 + t)

    def gradient(self, x):
        t, x_clipped = self._tanh_u(x)  # (1 - t^2) = 0 wherever the clip acted
        du_dx = self._c * (1.0 + 3 * 0.044715 * (x_clipped * x_clipped))
        return 0.5 * (1.0 + t) + 0.5 * x_clipped * (1.0 - t**2) * du_dx


ACTIVATIONS = {
    "sigmoid": Sigmoid,
    "softmax": Softmax,
    "tanh": TanH,
    "relu": ReLU,
    "leaky_relu": LeakyReLU,
    "elu": ELU,
    "selu": SELU,
    "softplus": SoftPlus,
    "softsign": SoftSign,
    "gelu": GELU,
}


def get_activation(name):
    """Return a new activation object from its name (or pass an activation object through).

    Parameters
    ----------
    name : str or ActivationFunction
        One of ``"relu"``, ``"leaky_relu"``, ``"tanh"``, ``"sigmoid"``,
        ``"softmax"``, ``"elu"``, ``"selu"``, ``"softplus"``, ``"softsign"``,
        ``"gelu"`` (case-insensitive), or any object with ``__call__`` and ``gradient``.

    Examples
    --------
    >>> get_activation("relu")
    ReLU()
    """
    if isinstance(name, str):
        key = name.lower()
        if key not in ACTIVATIONS:
            raise ValueError(f"Unknown activation {name!r}; choose one of {sorted(ACTIVATIONS)}")
        return ACTIVATIONS[key]()
    if isinstance(name, type) and issubclass(name, ActivationFunction):
        return name()
    if callable(name) and hasattr(name, "gradient"):
        return name
    raise ValueError(
        f"activation must be a name from {sorted(ACTIVATIONS)} or an object with __call__ and gradient, got {name!r}"
    )
