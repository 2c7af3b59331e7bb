"""Gradient-based optimizers: turn a parameter's gradient into a weight update.

API (used by ``NeuralNetwork`` and by anyone who trains a model by hand)
-----------------------------------------------------------------------
An optimizer object holds only hyperparameters, checked when it is built (a
``ValueError`` names any that is not a finite number in its range: learning rates
and eps > 0, momentum and decay rates in [0, 1)). The per-parameter state
(velocity, running averages, Adam's step counter) lives in a plain dict that
the CALLER owns, one dict per parameter, starting empty::

    opt = Adam(learning_rate=1e-3)
    state = {}                            # one per parameter array
    for step in range(100):
        grad = ...                        # dLoss/dW, same shape as W
        opt.update(W, grad, state)        # W is updated IN PLACE (and returned)

``NeuralNetwork`` keeps one state dict per parameter under the key
``"layer{i}.{name}"`` (the same keys as its ``save`` files). Because the state is
not stored in the optimizer, one optimizer object can be shared by several
networks (a GAN's generator and discriminator) without mixing their moments.

``update(param, grad, state)`` modifies ``param`` in place, so every reference to
the array (``layer.params["W"]``) sees the new values. ``state`` is filled on
the first call (its arrays are then updated in place, so a step allocates
little memory); pass a fresh ``{}`` to restart an optimizer.

Every rule below is written in its Notes exactly as the code applies it, with
``g`` the gradient, ``p`` the parameter and ``lr`` the learning rate. Where a
formulation departs from the paper (momentum as in PyTorch), the Notes say so.

References
----------
Ruder, S. (2016). An overview of gradient descent optimization algorithms. arXiv:1609.04747.
"""

import abc

import numpy as np

from mlfromscratch.utils.validation import check_positive, check_scalar


def _decay_average(average, value, decay, scratch=None):
    """average <- decay * average + (1 - decay) * value, in place.

    ``scratch`` (an array of the same shape, may be ``value`` itself) avoids
    allocating a temporary: optimizer steps on large layers are memory-bound.
    """
    average *= decay
    if scratch is None:
        average += (1 - decay) * value
    else:
        average += np.multiply(value, 1 - decay, out=scratch)


def _check_decay(value, name, optimizer):
    """A decay rate or momentum: a finite number in [0, 1) (1 would never forget, or divide by 1 - 1^t = 0)."""
    check_scalar(value, name, optimizer, low=0.0, high=1.0, include_high=False)


class Optimizer(abc.ABC):
    """Base class: ``update(param, grad, state)`` applies one step of the rule in place."""

    def update(self, param, grad, state):
        """Apply one optimisation step to ``param`` in place.

        Parameters
        ----------
        param : ndarray of float
            The parameter, updated in place.
        grad : ndarray of the same shape
            dLoss/dparam; cast to ``param``'s dtype, so the optimizer's
            memory has that dtype too (float32 networks stay float32).
        state : dict
            The optimizer's memory for THIS parameter (empty on the first call).

        Returns
        -------
        param : ndarray
            The same array, updated.
        """
        grad = np.asarray(grad, dtype=param.dtype)
        if grad.shape != param.shape:
            raise ValueError(
                f"{type(self).__name__}: gradient shape {grad.shape} does not match parameter shape {param.shape}"
            )
        param -= self._step(grad, state)
        return param

    @abc.abstractmethod
    def _step(self, grad, state):
        """The amount to SUBTRACT from the parameter (updates ``state``)."""

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"{type(self).__name__}({args})"


class StochasticGradientDescent(Optimizer):
    """Gradient descent with optional (Nesterov) momentum.

    Parameters
    ----------
    learning_rate : float, default=0.01
    momentum : float, default=0.0
        0 gives plain gradient descent.
    nesterov : bool, default=False
        Use Nesterov momentum (see Notes).

    Notes
    -----
    Momentum as in PyTorch (``torch.optim.SGD`` with dampening 0), v starting at 0:

        v <- momentum * v + g
        p <- p - lr * v                       (classical momentum)
        p <- p - lr * (g + momentum * v)      (nesterov=True)

    This is Polyak's heavy ball with the learning rate outside the velocity;
    for a constant learning rate it is the same trajectory as the textbook
    v <- momentum v - lr g; p <- p + v.

    References
    ----------
    Polyak, B. T. (1964). Some methods of speeding up the convergence of
    iteration methods. USSR Computational Mathematics and Mathematical Physics.

    Examples
    --------
    >>> W = np.array([1.0])
    >>> StochasticGradientDescent(learning_rate=0.1).update(W, np.array([2.0]), {})
    array([0.8])
    """

    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False):
        self.learning_rate = learning_rate
        self.momentum = momentum
        self.nesterov = nesterov
        check_positive(learning_rate, "learning_rate", self)
        _check_decay(momentum, "momentum", self)
        if nesterov not in (True, False):
            raise ValueError(f"StochasticGradientDescent: nesterov must be True or False, got {nesterov!r}")

    def _step(self, grad, state):
        if self.momentum == 0:
            return self.learning_rate * grad
        v = state.setdefault("velocity", np.zeros_like(grad))
        v *= self.momentum  # v <- momentum * v + g, in place
        v += grad
        if self.nesterov:
            return self.learning_rate * (grad + self.momentum * v)
        return self.learning_rate * v


class NesterovAcceleratedGradient(StochasticGradientDescent):
    """Nesterov's accelerated gradient, in the form used by PyTorch and Keras.

    Parameters
    ----------
    learning_rate : float, default=0.01
    momentum : float, default=0.9

    Notes
    -----
    Sutskever et al. (2013) write NAG as a gradient taken at the look-ahead point:

        v <- momentum * v - lr * grad(p + momentum * v);   p <- p + v.

    Substituting the look-ahead point as the stored parameter gives the
    equivalent rule that needs only the gradient at the stored point, which is
    what is applied (v starting at 0):

        v <- momentum * v + g
        p <- p - lr * (g + momentum * v)

    i.e. ``StochasticGradientDescent(learning_rate, momentum, nesterov=True)``.

    References
    ----------
    Nesterov, Y. (1983). A method for solving the convex programming problem
    with convergence rate O(1/k^2). Soviet Mathematics Doklady.
    Sutskever, I., Martens, J., Dahl, G. and Hinton, G. (2013). On the
    importance of initialization and momentum in deep learning. ICML.

    Examples
    --------
    >>> W = np.array([1.0])
    >>> NesterovAcceleratedGradient(learning_rate=0.1, momentum=0.5).update(W, np.array([2.0]), {})
    array([0.7])
    """

    def __init__(self, learning_rate=0.01, momentum=0.9):
        self.learning_rate = learning_rate
        self.momentum = momentum
        check_positive(learning_rate, "learning_rate", self)
        _check_decay(momentum, "momentum", self)

    @property
    def nesterov(self):
        return True

    def __repr__(self):
        return f"NesterovAcceleratedGradient(learning_rate={self.learning_rate!r}, momentum={self.momentum!r})"


class Adagrad(Optimizer):
    """Adagrad: per-coordinate learning rates that shrink with the accumulated squared gradient.

    Parameters
    ----------
    learning_rate : float, default=0.01
    eps : float, default=1e-10
        Added to the root in the denominator.

    Notes
    -----
    As in PyTorch, G starting at 0:

        G <- G + g^2
        p <- p - lr * g / (sqrt(G) + eps)

    References
    ----------
    Duchi, J., Hazan, E. and Singer, Y. (2011). Adaptive subgradient methods for
    online learning and stochastic optimization. JMLR 12.

    Examples
    --------
    >>> W = np.array([1.0])
    >>> Adagrad(learning_rate=0.1).update(W, np.array([2.0]), {})
    array([0.9])
    """

    def __init__(self, learning_rate=0.01, eps=1e-10):
        self.learning_rate = learning_rate
        self.eps = eps
        check_positive(learning_rate, "learning_rate", self)
        check_positive(eps, "eps", self)

    def _step(self, grad, state):
        G = state.setdefault("sum_sq_grad", np.zeros_like(grad))
        G += grad * grad  # G <- G + g^2, in place
        denom = np.sqrt(G)
        denom += self.eps
        return self.learning_rate * grad / denom


class Adadelta(Optimizer):
    """Adadelta: step sizes from running averages of squared gradients and squared updates.

    Parameters
    ----------
    learning_rate : float, default=1.0
        Not in the paper (which has no learning rate): a multiplier on the
        update, as in PyTorch. 1.0 gives the paper's rule.
    rho : float, default=0.95
        Decay of the running averages (the paper's value).
    eps : float, default=1e-6
        The paper's conditioning constant.

    Notes
    -----
    Algorithm 1 of the paper, E[g^2] and E[dx^2] starting at 0:

        E[g^2]  <- rho E[g^2] + (1 - rho) g^2
        dx       = sqrt(E[dx^2] + eps) / sqrt(E[g^2] + eps) * g
        E[dx^2] <- rho E[dx^2] + (1 - rho) dx^2
        p       <- p - lr * dx

    References
    ----------
    Zeiler, M. D. (2012). ADADELTA: an adaptive learning rate method. arXiv:1212.5701.

    Examples
    --------
    >>> W = np.array([1.0])
    >>> Adadelta().update(W, np.array([2.0]), {}).round(6)
    array([0.995528])
    """

    def __init__(self, learning_rate=1.0, rho=0.95, eps=1e-6):
        self.learning_rate = learning_rate
        self.rho = rho
        self.eps = eps
        check_positive(learning_rate, "learning_rate", self)
        _check_decay(rho, "rho", self)
        check_positive(eps, "eps", self)

    def _step(self, grad, state):
        if not state:
            state["avg_sq_grad"] = np.zeros_like(grad)
            state["avg_sq_update"] = np.zeros_like(grad)
        Eg2, Edx2 = state["avg_sq_grad"], state["avg_sq_update"]
        _decay_average(Eg2, grad * grad, self.rho)  # E[g^2]
        dx = np.sqrt(Edx2 + self.eps) / np.sqrt(Eg2 + self.eps) * grad
        _decay_average(Edx2, dx * dx, self.rho)  # E[dx^2], after the step as in the paper
        return self.learning_rate * dx


class RMSprop(Optimizer):
    """RMSprop: divide the gradient by a running root-mean-square of recent gradients.

    Parameters
    ----------
    learning_rate : float, default=0.001
    rho : float, default=0.9
        Decay of the running average (Hinton's lecture value, Keras' default).
    eps : float, default=1e-8
        Added to the root in the denominator (PyTorch's placement).

    Notes
    -----
    E[g^2] starting at 0:

        E[g^2] <- rho E[g^2] + (1 - rho) g^2
        p      <- p - lr * g / (sqrt(E[g^2]) + eps)

    References
    ----------
    Tieleman, T. and Hinton, G. (2012). Lecture 6.5 - RMSprop: divide the
    gradient by a running average of its recent magnitude. COURSERA: Neural
    Networks for Machine Learning.

    Examples
    --------
    >>> W = np.array([1.0])
    >>> RMSprop(learning_rate=0.01).update(W, np.array([2.0]), {}).round(6)
    array([0.968377])
    """

    def __init__(self, learning_rate=0.001, rho=0.9, eps=1e-8):
        self.learning_rate = learning_rate
        self.rho = rho
        self.eps = eps
        check_positive(learning_rate, "learning_rate", self)
        _check_decay(rho, "rho", self)
        check_positive(eps, "eps", self)

    def _step(self, grad, state):
        if not state:
            state["avg_sq_grad"] = np.zeros_like(grad)
            state["scratch"] = np.empty_like(grad)  # reused every step
        Eg2, scratch = state["avg_sq_grad"], state["scratch"]
        g2 = np.multiply(grad, grad, out=scratch)
        _decay_average(Eg2, g2, self.rho, scratch=g2)
        denom = np.sqrt(Eg2, out=scratch)
        denom += self.eps
        step = np.divide(grad, denom, out=scratch)  # lr * g / (sqrt(E[g^2]) + eps)
        step *= self.learning_rate
        return step


class Adam(Optimizer):
    """Adam: momentum on the gradient and on its square, with bias correction.

    Parameters
    ----------
    learning_rate : float, default=0.001
    beta_1 : float, default=0.9
        Decay of the first-moment (mean) estimate.
    beta_2 : float, default=0.999
        Decay of the second-moment (uncentred variance) estimate.
    eps : float, default=1e-8

    Notes
    -----
    Algorithm 1 of the paper, m and v starting at 0 and t counting the steps
    taken on this parameter:

        t <- t + 1
        m <- beta_1 m + (1 - beta_1) g
        v <- beta_2 v + (1 - beta_2) g^2
        m_hat = m / (1 - beta_1^t),   v_hat = v / (1 - beta_2^t)
        p <- p - lr * m_hat / (sqrt(v_hat) + eps)

    The bias correction undoes the pull of the zero initial moments toward 0
    during the first steps; without it the first updates would be tiny.

    References
    ----------
    Kingma, D. P. and Ba, J. (2015). Adam: a method for stochastic optimization. ICLR.

    Examples
    --------
    >>> W = np.array([1.0])
    >>> Adam(learning_rate=0.1).update(W, np.array([2.0]), {}).round(6)
    array([0.9])
    """

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, eps=1e-8):
        self.learning_rate = learning_rate
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.eps = eps
        check_positive(learning_rate, "learning_rate", self)
        _check_decay(beta_1, "beta_1", self)
        _check_decay(beta_2, "beta_2", self)
        check_positive(eps, "eps", self)

    def _step(self, grad, state):
        if not state:
            state.update(t=0, m=np.zeros_like(grad), v=np.zeros_like(grad))
            state["scratch"] = np.empty_like(grad)  # reused every step
        state["t"] += 1
        t, m, v, scratch = state["t"], state["m"], state["v"], state["scratch"]
        _decay_average(m, grad, self.beta_1, scratch=scratch)
        g2 = np.multiply(grad, grad, out=scratch)
        _decay_average(v, g2, self.beta_2, scratch=g2)
        # lr * m_hat / (sqrt(v_hat) + eps) with m_hat = m / (1 - beta_1^t), v_hat = v / (1 - beta_2^t)
        denom = np.sqrt(np.divide(v, 1 - self.beta_2**t, out=scratch), out=scratch)
        denom += self.eps
        step = np.divide(m, denom, out=scratch)
        step *= self.learning_rate / (1 - self.beta_1**t)
        return step
