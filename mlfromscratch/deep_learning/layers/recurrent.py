"""Recurrent layers: a fully connected RNN and an LSTM, trained by backpropagation through time.

Both read a batch of sequences ``X`` of shape ``(batch, timesteps, input_dim)``
and return the hidden state ``h_t`` (``n_units`` values) at every step, shape
``(batch, timesteps, n_units)``, or with ``return_sequences=False`` only the
last one, ``(batch, n_units)``. The output layer of Elman's network,
``y_t = h_t V + b_y``, is a separate ``Dense`` layer, which applies the same
weights at every step::

    model.add(RNN(16, input_shape=(timesteps, n_classes)))
    model.add(Dense(n_classes))
    model.add(Activation("softmax"))      # a class prediction at every step
"""

import numpy as np

from mlfromscratch.deep_learning.activation_functions import Sigmoid, TanH, get_activation
from mlfromscratch.deep_learning.initializers import get_initializer
from mlfromscratch.deep_learning.layers.base import Layer
from mlfromscratch.utils.validation import _is_int, check_scalar


def orthogonal(shape, rng):
    """A random matrix with orthonormal rows or columns (whichever are fewer).

    Recurrent weights start orthogonal so that repeated multiplication by
    ``W`` over many steps neither blows up nor shrinks the hidden state
    (Saxe et al., 2014). Drawn as the Q factor of a Gaussian matrix, with the
    signs fixed by diag(R) so that Q is uniformly distributed.
    """
    rows, cols = shape
    gaussian = rng.standard_normal((max(rows, cols), min(rows, cols)))
    q, r = np.linalg.qr(gaussian)
    q = q * np.sign(np.diag(r))  # (max, min), orthonormal columns
    return q if rows >= cols else q.T


class _Recurrent(Layer):
    """Input checks and ``return_sequences``, shared by RNN and LSTM."""

    def __init__(self, n_units, input_shape=None, return_sequences=True, kernel_initializer="glorot_uniform"):
        super().__init__(input_shape)
        self.n_units = n_units
        self.return_sequences = return_sequences
        self.kernel_initializer = kernel_initializer
        check_scalar(n_units, "n_units", self, integer=True, low=1)
        get_initializer(kernel_initializer)

    def _check_shape(self):
        name = self.layer_name()
        if self.input_shape is None:
            raise ValueError(f"{name} needs input_shape=(timesteps, input_dim) when it is the first layer")
        if len(self.input_shape) != 2:
            raise ValueError(f"{name} expects input_shape=(timesteps, input_dim), got {tuple(self.input_shape)}")
        return self.input_shape

    def _check_input(self, X):
        if X.ndim != 3 or X.shape[1:] != tuple(self._check_shape()):
            raise ValueError(
                f"{self.layer_name()} expects sequences of shape (batch, {', '.join(map(str, self.input_shape))}) "
                f"= (batch, timesteps, input_dim), got shape {X.shape}"
            )

    def _output(self, H):
        """Every hidden state (batch, T, n_units), or only the last one (batch, n_units)."""
        return H if self.return_sequences else H[:, -1]

    def _grad_states(self, accum_grad):
        """e_t = dLoss/dh_t from above for every step, (batch, T, n_units)."""
        if self.return_sequences:
            return accum_grad
        grad = np.zeros((len(accum_grad), self.input_shape[0], self.n_units), dtype=accum_grad.dtype)
        grad[:, -1] = accum_grad  # only the last state was output
        return grad

    def output_shape(self):
        timesteps, _ = self._check_shape()
        return (timesteps, self.n_units) if self.return_sequences else (self.n_units,)


class RNN(_Recurrent):
    """Fully connected (Elman) recurrent layer.

    Parameters
    ----------
    n_units : int
        Size of the hidden state.
    activation : str or activation object, default="tanh"
        Non-linearity ``f`` of the state update (any name ``Activation`` accepts).
    bptt_trunc : int or None, default=None
        Truncated backpropagation through time: the gradient of the output at
        step ``t`` flows back through at most ``bptt_trunc`` earlier steps.
        None backpropagates through the whole sequence (exact gradient).
    input_shape : tuple (timesteps, input_dim), optional
        Needed when this is the first layer.
    return_sequences : bool, default=True
        Output every state, ``(timesteps, n_units)``, or only the last one, ``(n_units,)``.
    kernel_initializer : str or callable, default="glorot_uniform"
        How ``U`` is drawn; ``W`` starts as a random orthogonal matrix, ``b`` at zero.

    Attributes
    ----------
    params : dict
        ``"U"`` (input_dim, n_units) input weights, ``"W"`` (n_units, n_units)
        recurrent weights, ``"b"`` (n_units,) bias.
    grads : dict
        Gradients with the same keys and shapes.

    Notes
    -----
    With ``h_{-1} = 0`` the forward pass is, for t = 0 .. T-1::

        a_t = x_t U + h_{t-1} W + b,      h_t = f(a_t).

    The input part ``x_t U + b`` of all steps is one matrix product; only the
    recurrence is a loop over time. Backpropagation through time, with
    ``e_t = dL/dh_t`` coming from above (e.g. from a ``Dense`` output layer)::

        da_t = f'(a_t) * (e_t + da_{t+1} W^T)
        dU = sum_t x_t^T da_t,   dW = sum_t h_{t-1}^T da_t,   db = sum_t da_t,
        dx_t = da_t U^T

    so the input gradient includes the paths through later states. With
    truncation ``k`` the term ``da_t`` only keeps the parts that started at
    steps ``t .. t + k`` (``truncated_bptt_deltas``).

    References
    ----------
    J. L. Elman, "Finding structure in time", Cognitive Science 14, 1990.
    P. J. Werbos, "Backpropagation through time: what it does and how to do it", Proc. IEEE, 1990.

    Examples
    --------
    >>> import numpy as np
    >>> from mlfromscratch.deep_learning.layers import RNN
    >>> rnn = RNN(8, input_shape=(5, 3))
    >>> rnn.initialize(rng=np.random.default_rng(0))
    >>> rnn.forward_pass(np.zeros((2, 5, 3))).shape
    (2, 5, 8)
    """

    def __init__(self, n_units, activation="tanh", bptt_trunc=None, input_shape=None, return_sequences=True,
                 kernel_initializer="glorot_uniform"):
        super().__init__(n_units, input_shape, return_sequences, kernel_initializer)
        self.activation = activation
        self.bptt_trunc = bptt_trunc
        if bptt_trunc is not None and not (_is_int(bptt_trunc) and bptt_trunc >= 0):
            raise ValueError(f"RNN: bptt_trunc must be None or an int >= 0, got {bptt_trunc!r}")
        self._f = get_activation(activation)

    def initialize(self, optimizer=None, rng=None):
        rng = np.random.default_rng() if rng is None else rng
        _, input_dim = self._check_shape()
        n = self.n_units
        self.params = {
            "U": get_initializer(self.kernel_initializer)((input_dim, n), input_dim, n, rng),
            "W": orthogonal((n, n), rng),
            "b": np.zeros(n),
        }
        self.grads = {name: np.zeros_like(value) for name, value in self.params.items()}

    def forward_pass(self, X, training=True):
        self._check_input(X)
        U, W, b = self.params["U"], self.params["W"], self.params["b"]
        batch, timesteps, _ = X.shape
        A = X @ U + b  # (batch, T, n): input part of every step at once
        H = np.zeros((batch, timesteps + 1, self.n_units), dtype=A.dtype)  # H[:, t + 1] = h_t, H[:, 0] = h_{-1} = 0
        for t in range(timesteps):
            A[:, t] += H[:, t] @ W  # a_t = x_t U + b + h_{t-1} W
            H[:, t + 1] = self._f(A[:, t])  # h_t = f(a_t)
        self._X, self._A, self._H = X, A, H
        return self._output(H[:, 1:])

    def backward_pass(self, accum_grad):
        U, W, A = self.params["U"], self.params["W"], self._A
        grad_H = self._grad_states(accum_grad)  # e_t, (batch, T, n)
        timesteps, n = A.shape[1], self.n_units
        if self.bptt_trunc is not None and self.bptt_trunc < timesteps - 1:
            dA = truncated_bptt_deltas(grad_H, A, W, self._vjp, self.bptt_trunc)
        else:
            dA = np.zeros_like(A)
            delta = np.zeros_like(A[:, 0])  # da_{t+1}, zero after the last step
            for t in reversed(range(timesteps)):
                delta = self._vjp(A[:, t], grad_H[:, t] + delta @ W.T)  # da_t = f'(a_t) * (e_t + da_{t+1} W^T)
                dA[:, t] = delta
        flat_dA = dA.reshape(-1, n)
        self.grads["U"] = self._X.reshape(-1, U.shape[0]).T @ flat_dA  # sum_t x_t^T da_t
        self.grads["W"] = self._H[:, :-1].reshape(-1, n).T @ flat_dA  # sum_t h_{t-1}^T da_t
        self.grads["b"] = flat_dA.sum(axis=0)
        return dA @ U.T  # dx_t = da_t U^T, (batch, T, input_dim)

    def _vjp(self, a, grad):
        """f'(a) * grad, or the activation's own vector-Jacobian product when it has one."""
        return self._f.vjp(a, grad) if hasattr(self._f, "vjp") else self._f.gradient(a) * grad


def truncated_bptt_deltas(grad_H, A, W, vjp, k):
    """dL/da_t of an RNN when each step's gradient flows back through at most ``k`` earlier steps.

    Parameters
    ----------
    grad_H : ndarray of shape (batch, T, n)
        e_t = dL/dh_t arriving from above at every step.
    A : ndarray of shape (batch, T, n)
        Pre-activations a_t of the forward pass.
    W : ndarray of shape (n, n)
        Recurrent weights.
    vjp : callable
        ``vjp(a, g)`` = f'(a) * g for the state activation f.
    k : int
        Truncation length (>= 0).

    Returns
    -------
    dA : ndarray of shape (batch, T, n)

    Notes
    -----
    The part of da_t that started at the output of step t + j (j = 0 .. k)
    is kept in ``window[j]``. Going one step back, every part is multiplied by
    W^T and f', the part from step t + k + 1 drops out (it has travelled k
    steps), and e_t enters as the new part j = 0::

        window[j] <- f'(a_t) * window[j - 1] W^T   (j = 1 .. k)
        window[0] <- f'(a_t) * e_t
        da_t       = sum_j window[j]

    With k >= T - 1 nothing drops out and this is full backpropagation
    through time.
    """
    dA = np.zeros_like(A)
    window = np.zeros((k + 1, *A[:, 0].shape), dtype=A.dtype)  # (k + 1, batch, n)
    for t in reversed(range(A.shape[1])):
        window[1:] = window[:-1] @ W.T  # one step further back; the oldest part drops out
        window[0] = grad_H[:, t]
        window = vjp(A[:, t], window)
        dA[:, t] = window.sum(axis=0)
    return dA


class LSTM(_Recurrent):
    """Long short-term memory layer with input, forget, cell and output gates.

    Parameters
    ----------
    n_units : int
        Size of the hidden and cell states.
    input_shape : tuple (timesteps, input_dim), optional
        Needed when this is the first layer.
    return_sequences : bool, default=True
        Output every hidden state, ``(timesteps, n_units)``, or only the last one, ``(n_units,)``.
    kernel_initializer : str or callable, default="glorot_uniform"
        How ``U`` is drawn; ``W`` starts orthogonal; the biases are zero
        except the forget-gate bias, which starts at 1.

    Attributes
    ----------
    params : dict
        ``"U"`` (input_dim, 4 n_units), ``"W"`` (n_units, 4 n_units), ``"b"``
        (4 n_units,): the four gates side by side in the order i, f, g, o.
    grads : dict
        Gradients with the same keys and shapes.

    Notes
    -----
    With ``h_{-1} = c_{-1} = 0`` and ``z_t = x_t U + h_{t-1} W + b`` split into
    four blocks of ``n_units``::

        i_t = sigmoid(z_i),  f_t = sigmoid(z_f),  g_t = tanh(z_g),  o_t = sigmoid(z_o)
        c_t = f_t * c_{t-1} + i_t * g_t                    (cell state)
        h_t = o_t * tanh(c_t)                              (hidden state, the output)

    Full backpropagation through time carries ``dh`` and ``dc`` backwards,
    with ``e_t`` the gradient arriving at ``h_t`` from above::

        dh_t = e_t + dz_{t+1} W^T
        dc_t = dh_t * o_t * (1 - tanh(c_t)^2) + dc_{t+1} * f_{t+1}
        dz_t = [dc_t g_t i_t(1-i_t),  dc_t c_{t-1} f_t(1-f_t),
                dc_t i_t (1-g_t^2),   dh_t tanh(c_t) o_t(1-o_t)]

    then ``dU = sum_t x_t^T dz_t``, ``dW = sum_t h_{t-1}^T dz_t``,
    ``db = sum_t dz_t`` and ``dx_t = dz_t U^T``. The forget bias starts at 1
    so that the cell remembers by default early in training (Jozefowicz et al.).

    References
    ----------
    S. Hochreiter, J. Schmidhuber, "Long short-term memory", Neural Computation 9, 1997.
    F. A. Gers, J. Schmidhuber, F. Cummins, "Learning to forget", Neural Computation 12, 2000.
    R. Jozefowicz, W. Zaremba, I. Sutskever, "An empirical exploration of recurrent
    network architectures", ICML 2015.

    Examples
    --------
    >>> import numpy as np
    >>> from mlfromscratch.deep_learning.layers import LSTM
    >>> lstm = LSTM(8, input_shape=(5, 3), return_sequences=False)
    >>> lstm.initialize(rng=np.random.default_rng(0))
    >>> lstm.forward_pass(np.zeros((2, 5, 3))).shape
    (2, 8)
    """

    def __init__(self, n_units, input_shape=None, return_sequences=True, kernel_initializer="glorot_uniform"):
        super().__init__(n_units, input_shape, return_sequences, kernel_initializer)

    def initialize(self, optimizer=None, rng=None):
        rng = np.random.default_rng() if rng is None else rng
        _, input_dim = self._check_shape()
        n = self.n_units
        b = np.zeros(4 * n)
        b[n : 2 * n] = 1.0  # forget gate open at the start
        self.params = {
            "U": get_initializer(self.kernel_initializer)((input_dim, 4 * n), input_dim, 4 * n, rng),
            "W": np.hstack([orthogonal((n, n), rng) for _ in range(4)]),
            "b": b,
        }
        self.grads = {name: np.zeros_like(value) for name, value in self.params.items()}

    def forward_pass(self, X, training=True):
        self._check_input(X)
        U, W, b = self.params["U"], self.params["W"], self.params["b"]
        batch, timesteps, _ = X.shape
        n = self.n_units
        sigmoid, tanh = Sigmoid(), TanH()
        Z = X @ U + b  # (batch, T, 4n): input part of every gate at every step
        gates = np.empty_like(Z)  # activated gates i, f, g, o
        H = np.zeros((batch, timesteps + 1, n), dtype=Z.dtype)  # H[:, t + 1] = h_t
        C = np.zeros((batch, timesteps + 1, n), dtype=Z.dtype)  # C[:, t + 1] = c_t, the cell state
        for t in range(timesteps):
            z = Z[:, t] + H[:, t] @ W
            gates[:, t, : 2 * n] = sigmoid(z[:, : 2 * n])  # i, f
            gates[:, t, 2 * n : 3 * n] = tanh(z[:, 2 * n : 3 * n])  # g
            gates[:, t, 3 * n :] = sigmoid(z[:, 3 * n :])  # o
            i, f, g, o = np.split(gates[:, t], 4, axis=1)
            C[:, t + 1] = f * C[:, t] + i * g
            H[:, t + 1] = o * np.tanh(C[:, t + 1])
        self._X, self._gates, self._H, self._C = X, gates, H, C
        return self._output(H[:, 1:])

    def backward_pass(self, accum_grad):
        U, W = self.params["U"], self.params["W"]
        grad_H = self._grad_states(accum_grad)  # e_t, (batch, T, n)
        gates, H, C = self._gates, self._H, self._C
        batch, timesteps, n = grad_H.shape
        dZ = np.zeros_like(gates)  # (batch, T, 4n)
        dh_next = np.zeros((batch, n), dtype=gates.dtype)  # dz_{t+1} W^T: dL/dh_t through step t + 1
        dc_next = np.zeros((batch, n), dtype=gates.dtype)  # dc_{t+1} * f_{t+1}: dL/dc_t through step t + 1
        for t in reversed(range(timesteps)):
            i, f, g, o = np.split(gates[:, t], 4, axis=1)
            tanh_c = np.tanh(C[:, t + 1])
            dh = grad_H[:, t] + dh_next  # dh_t = e_t + dz_{t+1} W^T
            dc = dh * o * (1.0 - tanh_c**2) + dc_next  # dc_t = dh_t o_t (1 - tanh(c_t)^2) + dc_{t+1} f_{t+1}
            dZ[:, t] = np.hstack([  # dz_t: the four gates' pre-activations i, f, g, o
                dc * g * i * (1.0 - i),
                dc * C[:, t] * f * (1.0 - f),
                dc * i * (1.0 - g**2),
                dh * tanh_c * o * (1.0 - o),
            ])
            dc_next = dc * f  # dc_t f_t, used at step t - 1
            dh_next = dZ[:, t] @ W.T  # dz_t W^T, used at step t - 1
        flat_dZ = dZ.reshape(-1, 4 * n)
        self.grads["U"] = self._X.reshape(-1, U.shape[0]).T @ flat_dZ  # sum_t x_t^T dz_t
        self.grads["W"] = H[:, :-1].reshape(-1, n).T @ flat_dZ  # sum_t h_{t-1}^T dz_t
        self.grads["b"] = flat_dZ.sum(axis=0)
        return dZ @ U.T  # dx_t = dz_t U^T, (batch, T, input_dim)
