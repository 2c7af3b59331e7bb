"""AdaBoost (SAMME): a weighted vote of decision stumps, each fit to re-weighted samples."""

import numpy as np

from mlfromscratch.supervised_learning.decision_tree import ClassificationTree
from mlfromscratch.utils.base import BaseEstimator, ClassifierMixin
from mlfromscratch.utils.numerics import softmax
from mlfromscratch.utils.validation import (
    check_array,
    check_classification_targets,
    check_is_fitted,
    check_n_features,
    check_positive,
    check_random_state,
    check_X_y,
)


class Adaboost(ClassifierMixin, BaseEstimator):
    """AdaBoost classifier with decision stumps, binary or multi-class (SAMME).

    Parameters
    ----------
    n_estimators : int >= 1, default=50
        Maximum number of stumps (boosting stops early on a perfect stump).
    learning_rate : float > 0, default=1.0
        Shrinks each stump's vote alpha_m.
    random_state : None, int or numpy.random.Generator, default=None
        Seeds the stumps' tie-breaking between equally good splits.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    n_features_in_ : int
    estimators_ : list of ClassificationTree
        The stumps (``max_depth=1``), fit on the encoded labels.
    estimator_weights_ : ndarray of shape (n_stumps,)
        Vote alpha_m of each stump.
    estimator_errors_ : ndarray of shape (n_stumps,)
        Weighted training error err_m of each stump.

    Notes
    -----
    SAMME (Stagewise Additive Modeling using a Multi-class Exponential loss),
    with K classes and sample weights starting at w_i = 1/n. For m = 1..M:

    1. fit a stump G_m to the weighted samples (weighted Gini impurity);
    2. err_m = sum_i w_i [y_i != G_m(x_i)] / sum_i w_i;
    3. alpha_m = learning_rate * (log((1 - err_m) / err_m) + log(K - 1));
    4. w_i <- w_i exp(alpha_m [y_i != G_m(x_i)]), then normalise.

    Prediction: argmax_k v_k(x) with the votes v_k(x) = sum_m alpha_m [G_m(x) = k].
    With K = 2 this is the classic AdaBoost of Freund and Schapire (alpha
    doubled, same vote). The log(K - 1) term keeps alpha_m > 0 as long as the
    stump beats random guessing (err_m < 1 - 1/K). Boosting stops at a stump
    that does not (it is dropped), and after a perfect one (err_m = 0, kept
    with weight 1). A first stump no better than chance is kept with
    alpha = 0, so the model predicts the first class with uniform
    probabilities. Ties in the vote go to the first label in ``classes_``, as
    ``np.argmax`` does.

    Probabilities (Zhu et al., eq. 15): SAMME fits the symmetric scores
    f_k = (K v_k / (K - 1) - A / (K - 1)) / A, with A = sum_m alpha_m (each
    stump adds alpha to its class and -alpha / (K - 1) to the others), and

        p_k(x) = softmax_k(f_k(x) / (K - 1)) = softmax_k(K v_k(x) / ((K - 1)^2 A)),

    the constant dropping out of the softmax; scikit-learn computes the same.

    References
    ----------
    J. Zhu, H. Zou, S. Rosset, T. Hastie, "Multi-class AdaBoost",
    Statistics and Its Interface 2, 2009.
    Y. Freund, R. Schapire, "A decision-theoretic generalization of on-line
    learning and an application to boosting", 1997.

    Examples
    --------
    >>> from mlfromscratch.utils.datasets import load_iris
    >>> X, y = load_iris()
    >>> model = Adaboost(n_estimators=20, random_state=0).fit(X, y)
    >>> float(np.mean(model.predict(X) == y)) > 0.9
    True
    """

    def __init__(self, n_estimators=50, learning_rate=1.0, random_state=None):
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.random_state = random_state

    def fit(self, X, y):
        """Boost stumps on (X, y).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Labels of any sortable type.

        Returns
        -------
        self : Adaboost
        """
        X, y = check_X_y(X, y, estimator=self)
        check_positive(self.n_estimators, "n_estimators", self, integer=True)
        check_positive(self.learning_rate, "learning_rate", self)
        rng = check_random_state(self.random_state, estimator=self)
        self.classes_, y_encoded = check_classification_targets(y, estimator=self)
        n_classes = len(self.classes_)

        w = np.full(len(X), 1.0 / len(X))
        stumps, alphas, errors = [], [], []
        # an integer seed per stump keeps every fitted stump reproducible on its own
        for seed in rng.integers(2**31 - 1, size=self.n_estimators):
            # step 1: a stump fit to the weighted samples
            stump = ClassificationTree(max_depth=1, random_state=int(seed)).fit(X, y_encoded, sample_weight=w)
            miss = stump.predict(X) != y_encoded
            error = w[miss].sum() / w.sum()  # step 2
            if error <= 0:
                alpha = 1.0  # a perfect stump decides alone (boosting stops after it)
            elif error >= (1.0 - 1.0 / n_classes) * (1.0 - 1e-12):   # chance, up to rounding
                # no better than chance: stop, and drop the stump. A first stump is kept with no vote
                # (alpha = 0) so that the model can predict at all.
                if not stumps:
                    stumps.append(stump)
                    alphas.append(0.0)
                    errors.append(error)
                break
            else:
                alpha = self.learning_rate * (np.log((1.0 - error) / error) + np.log(n_classes - 1))  # step 3
            stumps.append(stump)
            alphas.append(alpha)
            errors.append(error)
            if error <= 0:
                break
            # step 4: up-weight the misclassified samples; normalising keeps the weights from under/overflowing
            w = w * np.exp(alpha * miss)
            w /= w.sum()

        self.estimators_ = stumps
        self.estimator_weights_ = np.array(alphas)
        self.estimator_errors_ = np.array(errors)
        self.n_features_in_ = X.shape[1]
        return self

    def _votes(self, X):
        """v_k(x) = sum_m alpha_m [G_m(x) = k], shape (n_samples, n_classes)."""
        check_is_fitted(self, "estimators_")
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        votes = np.zeros((len(X), len(self.classes_)))
        rows = np.arange(len(X))
        for stump, alpha in zip(self.estimators_, self.estimator_weights_):
            votes[rows, stump.predict(X)] += alpha
        return votes

    def decision_function(self, X):
        """Weighted votes: v_1 - v_0, shape (n_samples,), for two classes; v, (n_samples, n_classes), otherwise.

        With two classes a positive score means ``classes_[1]``, as in scikit-learn.
        """
        votes = self._votes(X)
        return votes[:, 1] - votes[:, 0] if len(self.classes_) == 2 else votes

    def predict_proba(self, X):
        """SAMME probabilities softmax(K v / ((K - 1)^2 A)), shape (n_samples, n_classes)."""
        votes = self._votes(X)
        n_classes = len(self.classes_)
        if n_classes == 1:
            return np.ones((len(votes), 1))
        total = self.estimator_weights_.sum()  # A; 0 only for a single stump no better than chance
        scale = n_classes / ((n_classes - 1) ** 2 * total) if total > 0 else 0.0
        return softmax(scale * votes, axis=1)

    def predict(self, X):
        """Class with the largest weighted vote; ties go to the first label in ``classes_``."""
        votes = self._votes(X)  # checks the fit before classes_ is read
        return self.classes_[np.argmax(votes, axis=1)]
