"""Multi-head self-attention: every position reads a weighted average of the (earlier) positions."""

import numpy as np

from mlfromscratch.deep_learning.initializers import glorot_uniform
from mlfromscratch.deep_learning.layers.base import Layer
from mlfromscratch.utils.numerics import softmax
from mlfromscratch.utils.validation import check_scalar


class MultiHeadAttention(Layer):
    """Multi-head scaled dot-product self-attention with an optional causal mask.

    Parameters
    ----------
    n_heads : int
        Number of attention heads h; must divide the model width D.
    causal : bool, default=True
        Position t attends only to positions 0..t (a language model must not
        see the characters it is asked to predict). False lets every position
        attend to every other (an encoder).
    input_shape : tuple (timesteps, n_units), optional
        Needed only when this is the first layer of a network.

    Attributes
    ----------
    params : dict
        ``"W_q"``, ``"W_k"``, ``"W_v"``, ``"W_o"`` of shape (D, D) (Glorot
        uniform) and ``"b_q"``, ``"b_k"``, ``"b_v"``, ``"b_o"`` of shape (D,)
        (zero): the query, key, value and output projections.
    grads : dict
        Gradients with the same keys and shapes.

    Notes
    -----
    For X of shape (batch, T, D), h heads of width d = D / h::

        Q = X W_q + b_q,   K = X W_k + b_k,   V = X W_v + b_v      (batch, T, D)
        split the last axis into h heads:  Q, K, V -> (batch, h, T, d)
        S = Q K^T / sqrt(d)                                        (batch, h, T, T)
        S[..., t, s] = -inf  for s > t            (causal mask: no peeking ahead)
        A = softmax(S)            (over s: row t says how much t reads from each s)
        O = A V                                                    (batch, h, T, d)
        merge the heads:  O -> (batch, T, D)
        Y = O W_o + b_o                                            (batch, T, D)

    The 1 / sqrt(d) keeps the scores at unit variance for unit-variance q
    and k, so the softmax does not saturate as d grows. Each head can attend
    to different positions; W_o mixes what the heads found.

    Backward, from G = dL/dY (products per batch and head; sums over batch
    and time for the weights)::

        dW_o = O^T G,   db_o = sum G,   dO = G W_o^T        (split into heads)
        dA = dO V^T,    dV = A^T dO
        dS = A * (dA - sum_s(dA * A))                       (softmax vector-Jacobian product)
        dQ = dS K / sqrt(d),   dK = dS^T Q / sqrt(d)        (merge the heads)
        dW_q = X^T dQ,  db_q = sum dQ  (and the same for K and V)
        dL/dX = dQ W_q^T + dK W_k^T + dV W_v^T

    Masked scores get A = 0, hence dS = 0: no gradient flows through them.
    db_k is always 0: the key bias adds the same q . b_k to every score of a
    row, which the softmax ignores. It is kept (as PyTorch keeps it) so that
    the four projections look alike.

    References
    ----------
    Vaswani, A. et al. (2017). Attention is all you need. NeurIPS.

    Examples
    --------
    >>> import numpy as np
    >>> layer = MultiHeadAttention(n_heads=2, input_shape=(5, 8))
    >>> layer.initialize(rng=np.random.default_rng(0))
    >>> layer.forward_pass(np.zeros((3, 5, 8))).shape
    (3, 5, 8)
    """

    def __init__(self, n_heads, causal=True, input_shape=None):
        super().__init__(input_shape=input_shape)
        self.n_heads = n_heads
        self.causal = causal
        check_scalar(n_heads, "n_heads", self, integer=True, low=1)
        if not isinstance(causal, (bool, np.bool_)):
            raise ValueError(f"MultiHeadAttention: causal must be True or False, got {causal!r}")
        if input_shape is not None:
            self._check_input_shape()

    def _check_input_shape(self):
        if self.input_shape is None or len(self.input_shape) != 2:
            raise ValueError(
                f"MultiHeadAttention expects input_shape=(timesteps, n_units), got {self.input_shape}"
            )
        n_units = self.input_shape[1]
        if n_units % self.n_heads:
            raise ValueError(
                f"MultiHeadAttention: n_heads={self.n_heads} must divide the model width n_units={n_units}"
            )

    def set_input_shape(self, shape):
        super().set_input_shape(shape)
        self._check_input_shape()

    def initialize(self, optimizer=None, rng=None):
        self._check_input_shape()
        rng = np.random.default_rng() if rng is None else rng
        D = self.input_shape[1]
        self.params = {}
        for name in ("q", "k", "v", "o"):
            self.params[f"W_{name}"] = glorot_uniform((D, D), D, D, rng)
            self.params[f"b_{name}"] = np.zeros(D)
        self.grads = {name: np.zeros_like(value) for name, value in self.params.items()}

    def forward_pass(self, X, training=True):
        if X.shape[1:] != tuple(self.input_shape):
            raise ValueError(
                f"MultiHeadAttention expects input of shape (batch, {', '.join(map(str, self.input_shape))}), "
                f"got {X.shape}"
            )
        p = self.params
        Q = self._split_heads(X @ p["W_q"] + p["b_q"])  # (batch, h, T, d)
        K = self._split_heads(X @ p["W_k"] + p["b_k"])
        V = self._split_heads(X @ p["W_v"] + p["b_v"])
        scale = Q.shape[-1] ** -0.5  # 1 / sqrt(d), a Python float (keeps float32 arrays float32)
        S = (Q @ K.swapaxes(-1, -2)) * scale  # (batch, h, T, T)
        if self.causal:
            S = np.where(causal_mask(X.shape[1]), -np.inf, S)  # s > t cannot be read from t
        A = softmax(S, axis=-1)  # (batch, h, T, T), rows sum to 1
        O = self._merge_heads(A @ V)  # (batch, T, D)
        self._X, self._Q, self._K, self._V, self._A, self._O = X, Q, K, V, A, O  # kept for backward_pass
        return O @ p["W_o"] + p["b_o"]  # (batch, T, D)

    def backward_pass(self, accum_grad):
        p = self.params
        X, Q, K, V, A, O = self._X, self._Q, self._K, self._V, self._A, self._O
        D = X.shape[-1]
        scale = Q.shape[-1] ** -0.5  # 1 / sqrt(d), a Python float (keeps float32 arrays float32)
        self.grads["W_o"] = O.reshape(-1, D).T @ accum_grad.reshape(-1, D)  # (D, D)
        self.grads["b_o"] = accum_grad.reshape(-1, D).sum(axis=0)
        dO = self._split_heads(accum_grad @ p["W_o"].T)  # (batch, h, T, d)
        dA = dO @ V.swapaxes(-1, -2)  # (batch, h, T, T)
        dV = A.swapaxes(-1, -2) @ dO  # (batch, h, T, d)
        dS = A * (dA - np.sum(dA * A, axis=-1, keepdims=True))  # softmax backward, 0 where masked
        dQ = (dS @ K) * scale  # (batch, h, T, d)
        dK = (dS.swapaxes(-1, -2) @ Q) * scale
        dX = np.zeros_like(X)
        flat_X = X.reshape(-1, D)
        for name, d_proj in (("q", dQ), ("k", dK), ("v", dV)):
            d_proj = self._merge_heads(d_proj)  # (batch, T, D)
            self.grads[f"W_{name}"] = flat_X.T @ d_proj.reshape(-1, D)  # (D, D)
            self.grads[f"b_{name}"] = d_proj.reshape(-1, D).sum(axis=0)
            dX += d_proj @ p[f"W_{name}"].T  # the three paths from X add up
        return dX  # (batch, T, D)

    def _split_heads(self, Z):
        """(batch, T, D) -> (batch, h, T, d): head i gets features i*d .. (i+1)*d - 1."""
        batch, T, D = Z.shape
        return Z.reshape(batch, T, self.n_heads, D // self.n_heads).transpose(0, 2, 1, 3)

    def _merge_heads(self, Z):
        """(batch, h, T, d) -> (batch, T, D), the inverse of ``_split_heads``."""
        batch, h, T, d = Z.shape
        return Z.transpose(0, 2, 1, 3).reshape(batch, T, h * d)

    def output_shape(self):
        self._check_input_shape()
        return self.input_shape


def causal_mask(T):
    """(T, T) boolean matrix, True above the diagonal: the future positions s > t that t may not read."""
    return np.triu(np.ones((T, T), dtype=bool), k=1)
