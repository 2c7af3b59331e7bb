"""The Transformer block of GPT: attention and a small MLP, each on a residual path after a layer norm.

A GPT-style language model is a stack of these blocks between the embeddings
and the output layer::

    model.add(Embedding(n_tokens, 64, input_shape=(block_size,)))
    model.add(PositionalEmbedding())
    model.add(TransformerBlock(n_heads=4))
    model.add(TransformerBlock(n_heads=4))
    model.add(LayerNormalization())
    model.add(Dense(n_tokens))            # logits of the next token at every position
"""

import numpy as np

from mlfromscratch.deep_learning.layers.activation import Activation
from mlfromscratch.deep_learning.layers.attention import MultiHeadAttention
from mlfromscratch.deep_learning.layers.base import Layer
from mlfromscratch.deep_learning.layers.dense import Dense
from mlfromscratch.deep_learning.layers.layer_normalization import LayerNormalization
from mlfromscratch.utils.validation import check_scalar


class TransformerBlock(Layer):
    """Pre-norm Transformer block: x + MHA(LN(x)), then x + MLP(LN(x)) with a GELU MLP.

    Parameters
    ----------
    n_heads : int
        Attention heads; must divide the model width D.
    mlp_units : int or None, default=None
        Width of the MLP's hidden layer; None means 4 D (GPT's choice).
    causal : bool, default=True
        Causal (language model) attention; see ``MultiHeadAttention``.
    input_shape : tuple (timesteps, n_units), optional
        Needed only when this is the first layer of a network.

    Attributes
    ----------
    norm1, attention, norm2, mlp_in, gelu, mlp_out : Layer
        The parts of the block (created by ``initialize``): two
        ``LayerNormalization``, a ``MultiHeadAttention``, ``Dense(mlp_units)``,
        ``Activation("gelu")`` and ``Dense(D)``.
    params : dict
        Every part's tensors under ``"<part>.<name>"``, e.g. ``"attention.W_q"``,
        ``"mlp_in.W"``, ``"norm2.gamma"``. The block owns them (the network
        casts, saves and updates these arrays); ``forward_pass`` hands each
        part its own entries.
    grads : dict
        Gradients with the same keys, collected from the parts by ``backward_pass``.

    Notes
    -----
    For X of shape (batch, T, D)::

        X1 = X + MHA(LN_1(X))                          (batch, T, D)
        H = GELU(LN_2(X1) W_1 + b_1)                   (batch, T, mlp_units)
        Y = X1 + H W_2 + b_2                           (batch, T, D)

    Attention is the only place where positions exchange information; the
    MLP works on every position separately. "Pre-norm" (GPT-2) normalises the
    input of each branch and leaves the residual path x -> x + f(x) untouched,
    which trains more stably than the original Transformer's post-norm
    LN(x + f(x)) without a warm-up.

    Backward, with G = dL/dY: a residual connection x + f(x) passes the
    gradient on unchanged and adds the branch's, dL/dx = G + f'(x)^T G::

        dX1 = G + LN_2-backward(mlp_in-backward(GELU-backward(mlp_out-backward(G))))
        dX  = dX1 + LN_1-backward(MHA-backward(dX1))

    Each part stores its own gradients; the block gathers them.

    References
    ----------
    Vaswani, A. et al. (2017). Attention is all you need. NeurIPS.
    Radford, A. et al. (2019). Language models are unsupervised multitask learners (GPT-2). OpenAI.
    Xiong, R. et al. (2020). On layer normalization in the Transformer architecture. ICML.

    Examples
    --------
    >>> import numpy as np
    >>> block = TransformerBlock(n_heads=2, input_shape=(5, 8))
    >>> block.initialize(rng=np.random.default_rng(0))
    >>> block.forward_pass(np.zeros((3, 5, 8))).shape
    (3, 5, 8)
    >>> block.parameters()  # 4 D^2 + 4 D (attention) + 8 D^2 + 5 D (MLP) + 4 D (norms)
    872
    """

    def __init__(self, n_heads, mlp_units=None, causal=True, input_shape=None):
        super().__init__(input_shape=input_shape)
        self.n_heads = n_heads
        self.mlp_units = mlp_units
        self.causal = causal
        check_scalar(n_heads, "n_heads", self, integer=True, low=1)
        if mlp_units is not None:
            check_scalar(mlp_units, "mlp_units", self, integer=True, low=1)
        if not isinstance(causal, (bool, np.bool_)):
            raise ValueError(f"TransformerBlock: causal must be True or False, got {causal!r}")
        if input_shape is not None:
            self._check_input_shape()

    def _check_input_shape(self):
        if self.input_shape is None or len(self.input_shape) != 2:
            raise ValueError(f"TransformerBlock expects input_shape=(timesteps, n_units), got {self.input_shape}")
        if self.input_shape[1] % self.n_heads:
            raise ValueError(
                f"TransformerBlock: n_heads={self.n_heads} must divide the model width n_units={self.input_shape[1]}"
            )
        return self.input_shape

    def set_input_shape(self, shape):
        super().set_input_shape(shape)
        self._check_input_shape()

    def _parts(self):
        """(name, layer) of the parts, in forward order."""
        return [("norm1", self.norm1), ("attention", self.attention), ("norm2", self.norm2),
                ("mlp_in", self.mlp_in), ("gelu", self.gelu), ("mlp_out", self.mlp_out)]

    def initialize(self, optimizer=None, rng=None):
        T, D = self._check_input_shape()
        hidden = 4 * D if self.mlp_units is None else self.mlp_units
        self.norm1 = LayerNormalization(input_shape=(T, D))
        self.attention = MultiHeadAttention(self.n_heads, causal=self.causal, input_shape=(T, D))
        self.norm2 = LayerNormalization(input_shape=(T, D))
        self.mlp_in = Dense(hidden, input_shape=(T, D))
        self.gelu = Activation("gelu", input_shape=(T, hidden))
        self.mlp_out = Dense(D, input_shape=(T, hidden))
        self.params = {}
        for name, part in self._parts():
            part.initialize(optimizer, rng)
            self.params.update({f"{name}.{key}": value for key, value in part.params.items()})
        self.grads = {key: np.zeros_like(value) for key, value in self.params.items()}

    def forward_pass(self, X, training=True):
        if X.shape[1:] != tuple(self.input_shape):
            raise ValueError(
                f"TransformerBlock expects input of shape (batch, {', '.join(map(str, self.input_shape))}), "
                f"got {X.shape}"
            )
        self._lend_params()
        X1 = X + self.attention.forward_pass(self.norm1.forward_pass(X))  # X1 = X + MHA(LN_1(X))
        H = self.gelu.forward_pass(self.mlp_in.forward_pass(self.norm2.forward_pass(X1)))  # (batch, T, mlp_units)
        return X1 + self.mlp_out.forward_pass(H)  # Y = X1 + H W_2 + b_2

    def backward_pass(self, accum_grad):
        dH = self.mlp_out.backward_pass(accum_grad)  # (batch, T, mlp_units)
        dX1 = accum_grad + self.norm2.backward_pass(self.mlp_in.backward_pass(self.gelu.backward_pass(dH)))
        dX = dX1 + self.norm1.backward_pass(self.attention.backward_pass(dX1))
        for name, part in self._parts():
            self.grads.update({f"{name}.{key}": grad for key, grad in part.grads.items()})
        return dX  # (batch, T, D)

    def _lend_params(self):
        """Point every part's ``params`` at the block's arrays (which the network may have cast or replaced)."""
        for name, part in self._parts():
            part.params = {key: self.params[f"{name}.{key}"] for key in part.params}

    def output_shape(self):
        return self._check_input_shape()
