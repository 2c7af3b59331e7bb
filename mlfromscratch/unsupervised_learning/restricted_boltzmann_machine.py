"""Restricted Boltzmann Machine with binary units, trained by contrastive divergence (CD-k / PCD)."""

import numpy as np

from mlfromscratch.deep_learning.activation_functions import Sigmoid
from mlfromscratch.utils.base import BaseEstimator, TransformerMixin
from mlfromscratch.utils.data_manipulation import batch_iterator
from mlfromscratch.utils.validation import (
    check_array,
    check_is_fitted,
    check_n_features,
    check_positive,
    check_random_state,
)

sigmoid = Sigmoid()


class RBM(TransformerMixin, BaseEstimator):
    """Bernoulli Restricted Boltzmann Machine trained by contrastive divergence.

    Parameters
    ----------
    n_components : int, default=128
        Number of binary hidden units.
    learning_rate : float, default=0.1
        Step size of the gradient ascent on the log-likelihood.
    batch_size : int, default=10
        Number of samples per parameter update.
    n_epochs : int, default=10
        Number of passes over the training data.
    k : int, default=1
        Number of Gibbs steps in the negative phase (CD-k).
    persistent : bool, default=False
        Persistent contrastive divergence (PCD): the negative-phase chains are
        not restarted at the data but continue from where the previous batch
        left them (Tieleman, 2008).
    random_state : None, int or numpy.random.Generator, default=None
        Seeds the initial weights, the shuffling and the Gibbs sampling.
    verbose : bool, default=False
        Print the reconstruction error after every epoch.

    Attributes
    ----------
    components_ : ndarray of shape (n_features, n_components)
        Weight matrix ``W`` between visible and hidden units.
    intercept_visible_ : ndarray of shape (n_features,)
        Visible biases ``b``.
    intercept_hidden_ : ndarray of shape (n_components,)
        Hidden biases ``c``.
    training_errors_ : list of float
        Mean squared reconstruction error ``mean((v - reconstruct(v))^2)`` of
        each epoch, averaged over its batches (computed before each update).
    n_features_in_ : int
        Number of visible units (features seen in ``fit``).

    Notes
    -----
    The energy of a joint state of visible units ``v`` and hidden units ``h``
    (both in {0, 1}) is ``E(v, h) = -b.v - c.h - v^T W h``, and
    ``p(v, h) = exp(-E(v, h)) / Z``. As there are no visible-visible or
    hidden-hidden connections, the conditionals factorise:

    - ``p(h_j = 1 | v) = sigmoid(c_j + (v W)_j)``
    - ``p(v_i = 1 | h) = sigmoid(b_i + (W h)_i)``

    The gradient of the mean log-likelihood is a difference of correlations,
    ``dlog p(v)/dW = <v h^T>_data - <v h^T>_model``. Contrastive divergence
    approximates the model term with a short Gibbs chain ``v0 -> h0 -> v1 ->
    ... -> vk`` started at the data (or, with PCD, at the persistent chain).
    Following Hinton (2010), the statistics use probabilities instead of
    binary samples where this only reduces noise:

    - ``ph0 = p(h | v0)``; ``pvk = p(v | h_{k-1})`` (the last visible step as
      probabilities); ``phk = p(h | pvk)``
    - ``W += learning_rate * (v0^T ph0 - pvk^T phk) / batch``
    - ``b += learning_rate * mean(v0 - pvk)``,  ``c += learning_rate * mean(ph0 - phk)``

    Each Gibbs step draws ``h ~ Bernoulli(p(h | v))`` and then
    ``v ~ Bernoulli(p(v | h))``, using ``rng.random`` once for the hidden and
    once for the visible layer, in that order. Before training, ``W`` is drawn
    from ``N(0, 0.01^2)`` and the biases are zero; each epoch visits the
    data in the order ``rng.permutation(n_samples)`` (``batch_iterator``).

    The free energy ``F(v) = -b.v - sum_j softplus(c_j + (v W)_j)`` satisfies
    ``p(v) = exp(-F(v)) / Z``; it is computed with ``np.logaddexp``.

    References
    ----------
    Hinton, G. E. (2002). Training products of experts by minimizing contrastive
    divergence. Neural Computation, 14(8), 1771-1800.
    Tieleman, T. (2008). Training restricted Boltzmann machines using
    approximations to the likelihood gradient. ICML.
    Hinton, G. E. (2010). A practical guide to training restricted Boltzmann
    machines. UTML TR 2010-003, University of Toronto.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1, 1, 0, 0], [0, 0, 1, 1]] * 20, dtype=float)
    >>> rbm = RBM(n_components=2, learning_rate=0.5, n_epochs=50, random_state=0).fit(X)
    >>> rbm.transform(X).shape
    (40, 2)
    >>> bool(rbm.training_errors_[-1] < rbm.training_errors_[0])
    True
    """

    def __init__(
        self,
        n_components=128,
        learning_rate=0.1,
        batch_size=10,
        n_epochs=10,
        k=1,
        persistent=False,
        random_state=None,
        verbose=False,
    ):
        self.n_components = n_components
        self.learning_rate = learning_rate
        self.batch_size = batch_size
        self.n_epochs = n_epochs
        self.k = k
        self.persistent = persistent
        self.random_state = random_state
        self.verbose = verbose

    # ------------------------------------------------------------------ conditionals

    def _hidden_probabilities(self, v):
        return sigmoid(v @ self.components_ + self.intercept_hidden_)  # (batch, n_components)

    def _visible_probabilities(self, h):
        return sigmoid(h @ self.components_.T + self.intercept_visible_)  # (batch, n_features)

    def _gibbs_step(self, v, rng):
        """One step ``v -> h -> v'``; returns the visible samples and their probabilities."""
        ph = self._hidden_probabilities(v)
        h = (rng.random(ph.shape) < ph).astype(float)
        pv = self._visible_probabilities(h)
        v_new = (rng.random(pv.shape) < pv).astype(float)
        return v_new, pv

    # ------------------------------------------------------------------ training

    def _validate_params(self):
        check_positive(self.n_components, "n_components", self, integer=True)
        check_positive(self.learning_rate, "learning_rate", self)
        check_positive(self.batch_size, "batch_size", self, integer=True)
        check_positive(self.n_epochs, "n_epochs", self, integer=True)
        check_positive(self.k, "k", self, integer=True)

    def _check_binary_range(self, X):
        if X.min() < 0 or X.max() > 1:
            raise ValueError(
                f"RBM expects X in [0, 1] (binary units, or probabilities of being on); "
                f"got values in [{X.min():g}, {X.max():g}]. Scale the data first."
            )

    def _contrastive_divergence(self, v0, chain, rng):
        """One CD-k (or PCD-k) update on the batch ``v0``; returns the new chain state."""
        ph0 = self._hidden_probabilities(v0)  # positive phase, (batch, n_components)
        v = v0 if chain is None else chain
        for _ in range(self.k):
            v, pv = self._gibbs_step(v, rng)
        phk = self._hidden_probabilities(pv)  # negative phase

        # Data and model averages (a PCD chain may hold more rows than the last batch).
        grad_W = v0.T @ ph0 / len(v0) - pv.T @ phk / len(pv)  # (n_features, n_components)
        self.components_ += self.learning_rate * grad_W
        self.intercept_visible_ += self.learning_rate * (v0.mean(axis=0) - pv.mean(axis=0))
        self.intercept_hidden_ += self.learning_rate * (ph0.mean(axis=0) - phk.mean(axis=0))
        return v

    def fit(self, X, y=None, callback=None):
        """Learn the weights by contrastive divergence.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Data in [0, 1] (binary, or grey levels read as probabilities).
        y : ignored
        callback : callable, optional
            Called as ``callback(rbm, epoch)`` after each epoch
            (1-based), e.g. to record reconstructions for an animation.

        Returns
        -------
        self : RBM
        """
        self._validate_params()
        X = check_array(X, estimator=self)
        self._check_binary_range(X)
        n_samples, n_features = X.shape
        rng = check_random_state(self.random_state, estimator=self)

        self.n_features_in_ = n_features
        self.components_ = rng.normal(0.0, 0.01, size=(n_features, self.n_components))
        self.intercept_visible_ = np.zeros(n_features)
        self.intercept_hidden_ = np.zeros(self.n_components)
        self.training_errors_ = []
        self._rng = rng  # kept so that gibbs/sample continue the seeded stream

        # PCD keeps one fantasy chain per batch row, started at random data points.
        chain = None
        if self.persistent:
            chain = X[rng.integers(0, n_samples, size=min(self.batch_size, n_samples))].copy()

        with np.errstate(over="ignore", invalid="ignore"):          # diverging weights are reported below
            for epoch in range(1, self.n_epochs + 1):
                squared_error = 0.0
                for v0 in batch_iterator(X, batch_size=self.batch_size, rng=rng):  # a new order every epoch
                    squared_error += np.sum((v0 - self._reconstruct(v0)) ** 2)
                    new_chain = self._contrastive_divergence(v0, chain, rng)
                    if self.persistent:
                        chain = new_chain
                self.training_errors_.append(float(squared_error / X.size))
                if not np.all(np.isfinite(self.components_)):
                    raise ValueError(
                        f"RBM: the weights stopped being finite in epoch {epoch}; training diverged, "
                        f"use a smaller learning_rate (now {self.learning_rate})"
                    )
                if self.verbose:
                    print(f"[RBM] epoch {epoch}/{self.n_epochs}, "
                          f"reconstruction error {self.training_errors_[-1]:.5f}")
                if callback is not None:
                    callback(self, epoch)
        return self

    # ------------------------------------------------------------------ inference

    def _check_X(self, X, name="X"):
        check_is_fitted(self, "components_")
        X = check_array(X, name=name, estimator=self)
        check_n_features(self, X)
        self._check_binary_range(X)  # as in fit: the visible units live in [0, 1]
        return X

    def _reconstruct(self, v):
        return self._visible_probabilities(self._hidden_probabilities(v))

    def transform(self, X):
        """Hidden-unit probabilities ``p(h = 1 | v)``, the RBM's features of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        H : ndarray of shape (n_samples, n_components)
        """
        return self._hidden_probabilities(self._check_X(X))

    def reconstruct(self, X):
        """Mean-field reconstruction: ``p(v | h = p(h | X))``, one deterministic up-down pass.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_hat : ndarray of shape (n_samples, n_features)
            Visible probabilities in (0, 1).
        """
        return self._reconstruct(self._check_X(X))

    def gibbs(self, v, random_state=None):
        """One Gibbs step ``v -> h -> v'`` with binary samples.

        Parameters
        ----------
        v : array-like of shape (n_samples, n_features)
        random_state : None, int or numpy.random.Generator, default=None
            None continues the generator seeded by ``fit``.

        Returns
        -------
        v_new : ndarray of shape (n_samples, n_features)
            Binary visible samples.
        """
        v = self._check_X(v, name="v")
        rng = self._rng if random_state is None else check_random_state(random_state, estimator=self)
        return self._gibbs_step(v, rng)[0]

    def sample(self, n_samples=1, n_gibbs_steps=1000, random_state=None):
        """Draw visible configurations from the model by block Gibbs sampling.

        Parameters
        ----------
        n_samples : int, default=1
        n_gibbs_steps : int, default=1000
            Steps of the chains, started from uniform random binary visibles.
        random_state : None, int or numpy.random.Generator, default=None
            None continues the generator seeded by ``fit``.

        Returns
        -------
        V : ndarray of shape (n_samples, n_features)
            Visible probabilities ``p(v | h)`` of the last step (smoother to
            look at than the binary samples).
        """
        check_is_fitted(self, "components_")
        check_positive(n_samples, "n_samples", self, integer=True)
        check_positive(n_gibbs_steps, "n_gibbs_steps", self, integer=True)
        rng = self._rng if random_state is None else check_random_state(random_state, estimator=self)
        v = (rng.random((n_samples, self.n_features_in_)) < 0.5).astype(float)
        for _ in range(n_gibbs_steps):
            v, pv = self._gibbs_step(v, rng)
        return pv

    def free_energy(self, X):
        """Free energy ``F(v) = -b.v - sum_j softplus(c_j + (v W)_j)`` of each row.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        F : ndarray of shape (n_samples,)
            Lower free energy means higher probability under the model.
        """
        X = self._check_X(X)
        pre_activation = X @ self.components_ + self.intercept_hidden_  # (n_samples, n_components)
        return -X @ self.intercept_visible_ - np.logaddexp(0.0, pre_activation).sum(axis=1)
