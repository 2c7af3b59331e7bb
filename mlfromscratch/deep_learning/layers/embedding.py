"""Embedding layers: token ids to vectors, and a learned vector for every position.

A language model reads a sequence of token ids (here characters). ``Embedding``
looks up a trainable vector for every id; ``PositionalEmbedding`` adds a
trainable vector for every position, so that the (order-blind) attention
layers that follow can tell the first character from the tenth::

    model.add(Embedding(n_tokens, 64, input_shape=(block_size,)))   # (batch, T) ids -> (batch, T, 64)
    model.add(PositionalEmbedding())                                # + P[t] at every step t
"""

import numpy as np

from mlfromscratch.deep_learning.layers.base import Layer
from mlfromscratch.utils.validation import check_scalar

INIT_STD = 0.02  # N(0, 0.02^2) starting vectors, as GPT-2


class Embedding(Layer):
    """Look-up table from token ids to trainable vectors.

    Parameters
    ----------
    n_tokens : int
        Size of the vocabulary: ids run from 0 to ``n_tokens - 1``.
    n_units : int
        Length of one embedding vector (the model width).
    input_shape : tuple (timesteps,), optional
        Needed when this is the first layer of a network (it usually is).

    Attributes
    ----------
    params : dict
        ``"W"`` of shape (n_tokens, n_units): row i is the vector of token i,
        drawn from N(0, 0.02^2) as in GPT-2.
    grads : dict
        ``"W"``: dLoss/dW after ``backward_pass``.

    Notes
    -----
    For ids X of shape (batch, T) the output is the row of W of every id::

        Y[b, t] = W[X[b, t]]                         Y: (batch, T, n_units)

    which equals the one-hot encoding of X times W, so the gradient is that
    product's: every row of W collects the gradients of the positions where
    its token occurs (rows of tokens absent from the batch get zero)::

        dL/dW[i] = sum_{(b, t): X[b, t] = i} G[b, t]

    Ids are not differentiable; ``backward_pass`` returns zeros for them.
    The network stores its input as floats (``NeuralNetwork(dtype=...)``), so
    the ids may arrive as whole-number floats; they are checked and turned
    back into ints.

    Examples
    --------
    >>> import numpy as np
    >>> layer = Embedding(10, 4, input_shape=(3,))
    >>> layer.initialize(rng=np.random.default_rng(0))
    >>> layer.forward_pass(np.array([[1, 2, 1]])).shape
    (1, 3, 4)
    """

    def __init__(self, n_tokens, n_units, input_shape=None):
        super().__init__(input_shape=input_shape)
        self.n_tokens = n_tokens
        self.n_units = n_units
        check_scalar(n_tokens, "n_tokens", self, integer=True, low=1)
        check_scalar(n_units, "n_units", self, integer=True, low=1)

    def _check_input_shape(self):
        if self.input_shape is None or len(self.input_shape) != 1:
            raise ValueError(
                f"Embedding expects input_shape=(timesteps,) (a sequence of token ids), got {self.input_shape}"
            )

    def initialize(self, optimizer=None, rng=None):
        self._check_input_shape()
        rng = np.random.default_rng() if rng is None else rng
        self.params = {"W": rng.normal(0.0, INIT_STD, size=(self.n_tokens, self.n_units))}
        self.grads = {"W": np.zeros_like(self.params["W"])}

    def forward_pass(self, X, training=True):
        ids = token_ids(X, self.n_tokens, self.input_shape)
        self._ids = ids  # kept for backward_pass
        return self.params["W"][ids]  # (batch, T, n_units)

    def backward_pass(self, accum_grad):
        dW = np.zeros_like(self.params["W"])
        np.add.at(dW, self._ids, accum_grad)  # dW[X[b, t]] += G[b, t], repeated ids add up
        self.grads["W"] = dW
        return np.zeros(self._ids.shape, dtype=accum_grad.dtype)  # ids have no gradient

    def output_shape(self):
        self._check_input_shape()
        return (*self.input_shape, self.n_units)


def token_ids(X, n_tokens, input_shape):
    """``X`` as an int array of ids in [0, n_tokens), shape (batch, *input_shape); a clear ValueError otherwise."""
    X = np.asarray(X)
    if X.shape[1:] != tuple(input_shape):
        raise ValueError(
            f"Embedding expects token ids of shape (batch, {', '.join(map(str, input_shape))}), got {X.shape}"
        )
    ids = X.astype(np.intp)
    if X.dtype.kind == "f" and not np.array_equal(ids, X):
        raise ValueError("Embedding expects whole-number token ids, got fractional values")
    if ids.size and (ids.min() < 0 or ids.max() >= n_tokens):
        raise ValueError(
            f"Embedding expects token ids in [0, {n_tokens - 1}], got values from {ids.min()} to {ids.max()}"
        )
    return ids


class PositionalEmbedding(Layer):
    """Adds a trainable vector for every position of the sequence (learned positional embedding).

    Parameters
    ----------
    input_shape : tuple (timesteps, n_units), optional
        Needed only when this is the first layer; after an ``Embedding`` the
        network sets it.

    Attributes
    ----------
    params : dict
        ``"P"`` of shape (timesteps, n_units): row t is added at position t,
        drawn from N(0, 0.02^2) as in GPT-2.
    grads : dict
        ``"P"``: dLoss/dP after ``backward_pass``.

    Notes
    -----
    For X of shape (batch, T, n_units)::

        Y[b, t] = X[b, t] + P[t],      dL/dP[t] = sum_b G[b, t],      dL/dX = G.

    Learned, not sinusoidal: the Transformer paper found both equally good,
    GPT and GPT-2 learn theirs, and a learned table is the simpler code and
    gradient (one matrix and a sum). The sinusoidal table's advantage,
    sequences longer than those seen in training, does not arise here: the
    model always reads a window of exactly ``timesteps`` characters.

    References
    ----------
    Vaswani, A. et al. (2017). Attention is all you need, section 3.5. NeurIPS.
    Radford, A. et al. (2018). Improving language understanding by generative pre-training. OpenAI.

    Examples
    --------
    >>> import numpy as np
    >>> layer = PositionalEmbedding(input_shape=(3, 4))
    >>> layer.initialize(rng=np.random.default_rng(0))
    >>> layer.forward_pass(np.zeros((2, 3, 4))).shape
    (2, 3, 4)
    """

    def __init__(self, input_shape=None):
        super().__init__(input_shape=input_shape)

    def _check_input_shape(self):
        if self.input_shape is None or len(self.input_shape) != 2:
            raise ValueError(
                f"PositionalEmbedding expects input_shape=(timesteps, n_units), got {self.input_shape}; "
                f"put it after an Embedding layer"
            )

    def initialize(self, optimizer=None, rng=None):
        self._check_input_shape()
        rng = np.random.default_rng() if rng is None else rng
        self.params = {"P": rng.normal(0.0, INIT_STD, size=self.input_shape)}
        self.grads = {"P": np.zeros_like(self.params["P"])}

    def forward_pass(self, X, training=True):
        if X.shape[1:] != tuple(self.input_shape):
            raise ValueError(
                f"PositionalEmbedding expects input of shape (batch, {', '.join(map(str, self.input_shape))}), "
                f"got {X.shape}"
            )
        return X + self.params["P"]  # (batch, T, n_units); P broadcasts over the batch

    def backward_pass(self, accum_grad):
        self.grads["P"] = accum_grad.sum(axis=0)  # (T, n_units)
        return accum_grad

    def output_shape(self):
        self._check_input_shape()
        return self.input_shape
