"""Recurrent layers: a fully connected RNN and an LSTM, trained by backpropagation through time.

Both read a batch of sequences ``X`` of shape ``(batch, timesteps, input_dim)``
and return, at every step, the hidden state ``h_t`` (``n_units`` values), or,
with ``n_outputs``, an output ``o_t = h_t V + c`` of any size (the output layer
of Elman's network, applied at every step). So the output size is independent
of the input size, and ``RNN(32, n_outputs=n_classes)`` ->
``Activation("softmax")`` predicts a class at every step. With
``return_sequences=False`` only the last step is returned, ``(batch, size)``,
which a ``Dense`` layer can follow.
"""

import numpy as np

from mlfromscratch.deep_learning.activation_functions import Sigmoid, TanH, get_activation
from mlfromscratch.deep_learning.initializers import get_initializer
from mlfromscratch.deep_learning.layers.base import Layer


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
    """Input checks, the optional output projection and ``return_sequences`` shared by RNN and LSTM."""

    def __init__(self, n_units, n_outputs=None, input_shape=None, return_sequences=True):
        super().__init__(input_shape)
        self.n_units = n_units
        self.n_outputs = n_outputs
        self.return_sequences = return_sequences

    def _check_shape(self):
        name = self.layer_name()
        if self.input_shape is None:
            raise ValueError(f"{name} needs input_shape=(timesteps, input_dim) when it is the first layer")
        if len(self.input_shape) != 2:
            raise ValueError(f"{name} expects input_shape=(timesteps, input_dim), got {tuple(self.input_shape)}")
        for arg in ("n_units", "n_outputs"):
            value = getattr(self, arg)
            if (arg == "n_units" or value is not None) and (not isinstance(value, (int, np.integer)) or value < 1):
                raise ValueError(f"{name}: {arg} must be a positive int, got {value!r}")
        return self.input_shape

    def _check_input(self, X):
        if X.ndim != 3 or X.shape[1:] != tuple(self._check_shape()):
            raise ValueError(
                f"{self.layer_name()} expects sequences of shape (batch, {', '.join(map(str, self.input_shape))}) "
                f"= (batch, timesteps, input_dim), got shape {X.shape}"
            )

    def _init_output(self, rng):
        """Output weights V (n_units, n_outputs) and c (n_outputs,), when n_outputs is set."""
        if self.n_outputs is None:
            return {}
        shape = (self.n_units, self.n_outputs)
        V = get_initializer(self.kernel_initializer)(shape, self.n_units, self.n_outputs, rng)
        return {"V": V, "c": np.zeros(self.n_outputs)}

    def _output(self, H):
        """The layer's output from the hidden states H (batch, T, n_units)."""
        S = H if self.return_sequences else H[:, -1]
        if self.n_outputs is None:
            return S
        self._S = S  # kept for the gradient of V
        return S @ self.params["V"] + self.params["c"]  # o_t = h_t V + c

    def _grad_hidden(self, accum_grad):
        """dLoss/dh_t for every step, (batch, T, n_units), from the output gradient."""
        if self.n_outputs is not None:
            self.grads["V"] = self._S.reshape(-1, self.n_units).T @ accum_grad.reshape(-1, self.n_outputs)
            self.grads["c"] = accum_grad.reshape(-1, self.n_outputs).sum(axis=0)
            accum_grad = accum_grad @ self.params["V"].T
        if self.return_sequences:
            return accum_grad
        grad = np.zeros((len(accum_grad), self.input_shape[0], self.n_units), dtype=accum_grad.dtype)
        grad[:, -1] = accum_grad  # only the last state was output
        return grad

    def output_shape(self):
        timesteps, _ = self._check_shape()
        size = self.n_units if self.n_outputs is None else self.n_outputs
        return (timesteps, size) if self.return_sequences else (size,)


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
    n_outputs : int, optional
        When given, each step outputs ``o_t = h_t V + c`` of this size;
        otherwise it outputs the hidden state ``h_t`` itself.
    return_sequences : bool, default=True
        Output every step, ``(timesteps, size)``, or only the last one, ``(size,)``,
        where ``size`` is ``n_outputs`` or else ``n_units``.
    kernel_initializer : str or callable, default="glorot_uniform"
        How ``U`` and ``V`` are drawn; ``W`` starts as a random orthogonal
        matrix, the biases at zero.

    Attributes
    ----------
    params : dict
        ``"U"`` (input_dim, n_units) input weights, ``"W"`` (n_units, n_units)
        recurrent weights, ``"b"`` (n_units,) bias; with ``n_outputs`` also
        ``"V"`` (n_units, n_outputs) and ``"c"`` (n_outputs,).
    grads : dict
        Gradients with the same keys and shapes.

    Notes
    -----
    With ``h_{-1} = 0`` the forward pass is, for t = 0 .. T-1::

        a_t = x_t U + h_{t-1} W + b,      h_t = f(a_t),      [o_t = h_t V + c].

    The input part ``x_t U + b`` of all steps is one matrix product; only the
    recurrence is a loop over time. Backpropagation through time, with
    ``g_t = dL/dh_t`` coming from above (``dL/do_t V^T`` with an output
    projection, which also gives ``dV = sum_t h_t^T dL/do_t`` and
    ``dc = sum_t dL/do_t``)::

        da_t = f'(a_t) * (g_t + da_{t+1} W^T)
        dU = sum_t x_t^T da_t,   dW = sum_t h_{t-1}^T da_t,   db = sum_t da_t,
        dx_t = da_t U^T

    so the input gradient includes the paths through later states. With
    truncation ``k`` the term ``da_t`` only keeps the parts that started at
    outputs ``t .. t + k``: a window of k + 1 partial deltas is carried
    backwards, each multiplied by ``W^T`` and ``f'`` per step, and the oldest
    one is dropped.

    References
    ----------
    J. L. Elman, "Finding structure in time", Cognitive Science 14, 1990.
    P. J. Werbos, "Backpropagation through time: what it does and how to do it", Proc. IEEE, 1990.

    Examples
    --------
    >>> import numpy as np
    >>> from mlfromscratch.deep_learning.layers import RNN
    >>> rnn = RNN(8, n_outputs=4, input_shape=(5, 3))
    >>> rnn.initialize(rng=np.random.default_rng(0))
    >>> rnn.forward_pass(np.zeros((2, 5, 3))).shape
    (2, 5, 4)
    """

    def __init__(self, n_units, activation="tanh", bptt_trunc=None, input_shape=None, n_outputs=None,
                 return_sequences=True, kernel_initializer="glorot_uniform"):
        super().__init__(n_units, n_outputs, input_shape, return_sequences)
        self.activation = activation
        self.bptt_trunc = bptt_trunc
        self.kernel_initializer = kernel_initializer

    def initialize(self, optimizer=None, rng=None):
        rng = np.random.default_rng() if rng is None else rng
        _, input_dim = self._check_shape()
        if self.bptt_trunc is not None and (not isinstance(self.bptt_trunc, (int, np.integer)) or self.bptt_trunc < 0):
            raise ValueError(f"RNN: bptt_trunc must be None or an int >= 0, got {self.bptt_trunc!r}")
        n = self.n_units
        self.params = {
            "U": get_initializer(self.kernel_initializer)((input_dim, n), input_dim, n, rng),
            "W": orthogonal((n, n), rng),
            "b": np.zeros(n),
            **self._init_output(rng),
        }
        self.grads = {name: np.zeros_like(value) for name, value in self.params.items()}
        self._f = get_activation(self.activation)

    def forward_pass(self, X, training=True):
        self._check_input(X)
        U, W, b = self.params["U"], self.params["W"], self.params["b"]
        batch, timesteps, _ = X.shape
        A = X @ U + b  # (batch, T, n): input part of every step at once
        H = np.zeros((batch, timesteps + 1, self.n_units), dtype=A.dtype)  # H[:, t + 1] = h_t, H[:, 0] = h_{-1} = 0
        for t in range(timesteps):
            A[:, t] += H[:, t] @ W
            H[:, t + 1] = self._f(A[:, t])
        self._X, self._A, self._H = X, A, H
        return self._output(H[:, 1:])

    def _vjp(self, a, grad):
        """f'(a) * grad, or the activation's own vector-Jacobian product when it has one."""
        return self._f.vjp(a, grad) if hasattr(self._f, "vjp") else self._f.gradient(a) * grad

    def _deltas(self, grad_H):
        """dL/da_t for every step, (batch, T, n), with optional truncation."""
        W, A = self.params["W"], self._A
        timesteps = A.shape[1]
        dA = np.zeros_like(A)
        k = self.bptt_trunc
        if k is None or k >= timesteps - 1:
            delta = np.zeros_like(A[:, 0])
            for t in reversed(range(timesteps)):
                delta = self._vjp(A[:, t], grad_H[:, t] + delta @ W.T)
                dA[:, t] = delta
            return dA
        # window[j] = part of da_t that started at the output of step t + j (j = 0 .. k)
        window = np.zeros((k + 1, *A[:, 0].shape), dtype=A.dtype)
        for t in reversed(range(timesteps)):
            window[1:] = window[:-1] @ W.T  # one step further back; the part from t + k + 1 drops out
            window[0] = grad_H[:, t]
            window = self._vjp(A[:, t], window)
            dA[:, t] = window.sum(axis=0)
        return dA

    def backward_pass(self, accum_grad):
        U = self.params["U"]
        dA = self._deltas(self._grad_hidden(accum_grad))  # (batch, T, n)
        n, input_dim = self.n_units, U.shape[0]
        flat_dA = dA.reshape(-1, n)
        self.grads["U"] = self._X.reshape(-1, input_dim).T @ flat_dA
        self.grads["W"] = self._H[:, :-1].reshape(-1, n).T @ flat_dA
        self.grads["b"] = flat_dA.sum(axis=0)
        return dA @ U.T  # (batch, T, input_dim)


class LSTM(_Recurrent):
    """Long short-term memory layer with input, forget, cell and output gates.

    Parameters
    ----------
    n_units : int
        Size of the hidden and cell states.
    input_shape : tuple (timesteps, input_dim), optional
        Needed when this is the first layer.
    n_outputs : int, optional
        When given, each step outputs ``y_t = h_t V + c`` of this size;
        otherwise it outputs the hidden state ``h_t`` itself.
    return_sequences : bool, default=True
        Output every step, ``(timesteps, size)``, or only the last one, ``(size,)``,
        where ``size`` is ``n_outputs`` or else ``n_units``.
    kernel_initializer : str or callable, default="glorot_uniform"
        How ``U`` and ``V`` are drawn; ``W`` starts orthogonal; the biases are
        zero except the forget-gate bias, which starts at 1.

    Attributes
    ----------
    params : dict
        ``"U"`` (input_dim, 4 n_units), ``"W"`` (n_units, 4 n_units), ``"b"``
        (4 n_units,): the four gates side by side in the order i, f, g, o;
        with ``n_outputs`` also ``"V"`` (n_units, n_outputs) and ``"c"`` (n_outputs,).
    grads : dict
        Gradients with the same keys and shapes.

    Notes
    -----
    With ``h_{-1} = c_{-1} = 0`` and ``z_t = x_t U + h_{t-1} W + b`` split into
    four blocks of ``n_units``::

        i_t = sigmoid(z_i),  f_t = sigmoid(z_f),  g_t = tanh(z_g),  o_t = sigmoid(z_o)
        c_t = f_t * c_{t-1} + i_t * g_t
        h_t = o_t * tanh(c_t)                              [y_t = h_t V + c]

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

    def __init__(self, n_units, input_shape=None, n_outputs=None, return_sequences=True,
                 kernel_initializer="glorot_uniform"):
        super().__init__(n_units, n_outputs, input_shape, return_sequences)
        self.kernel_initializer = kernel_initializer

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
            **self._init_output(rng),
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
        C = np.zeros((batch, timesteps + 1, n), dtype=Z.dtype)  # C[:, t + 1] = c_t
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
        grad_H = self._grad_hidden(accum_grad)
        gates, H, C = self._gates, self._H, self._C
        batch, timesteps, n = grad_H.shape
        dZ = np.zeros_like(gates)  # (batch, T, 4n)
        dh_next = np.zeros((batch, n), dtype=gates.dtype)  # dL/dh_t through step t + 1
        dc_next = np.zeros((batch, n), dtype=gates.dtype)  # dL/dc_t through step t + 1
        for t in reversed(range(timesteps)):
            i, f, g, o = np.split(gates[:, t], 4, axis=1)
            tanh_c = np.tanh(C[:, t + 1])
            dh = grad_H[:, t] + dh_next
            dc = dh * o * (1.0 - tanh_c**2) + dc_next
            dZ[:, t] = np.hstack([
                dc * g * i * (1.0 - i),
                dc * C[:, t] * f * (1.0 - f),
                dc * i * (1.0 - g**2),
                dh * tanh_c * o * (1.0 - o),
            ])
            dc_next = dc * f
            dh_next = dZ[:, t] @ W.T
        flat_dZ = dZ.reshape(-1, 4 * n)
        self.grads["U"] = self._X.reshape(-1, U.shape[0]).T @ flat_dZ
        self.grads["W"] = H[:, :-1].reshape(-1, n).T @ flat_dZ
        self.grads["b"] = flat_dZ.sum(axis=0)
        return dZ @ U.T  # (batch, T, input_dim)
