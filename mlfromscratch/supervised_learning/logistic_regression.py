"""Logistic regression: binary (sigmoid) and multinomial (softmax).

Two solvers minimise the same penalised log-loss. Gradient descent, the plain
idea, comes first (the loop in ``fit``); Newton's method with a backtracking line
search, which needs far fewer iterations on small problems, is the second solver
(``_newton`` below ``fit``, and ``_hessian`` at the end of the file).
"""

import warnings

import numpy as np

from mlfromscratch.utils.base import BaseEstimator, ClassifierMixin
from mlfromscratch.utils.numerics import log_softmax, sigmoid
from mlfromscratch.utils.validation import (
    ConvergenceWarning,
    check_array,
    check_classification_targets,
    check_is_fitted,
    check_n_features,
    check_option,
    check_positive,
    check_X_y,
)


def _objective(X, Y, W, b, l2, binary):
    """Penalised mean log-loss J and the class probabilities P.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    Y : ndarray of shape (n_samples, n_outputs)
        0/1 targets: one column for the binary model, one-hot rows otherwise.
    W : ndarray of shape (n_features, n_outputs)
    b : ndarray of shape (n_outputs,)
    l2 : float
        Penalty l2/2 ||W||^2 (b is not penalised).
    binary : bool

    Returns
    -------
    loss : float
    P : ndarray of shape (n_samples, n_outputs)
    """
    Z = X @ W + b                                                  # logits (n_samples, n_outputs)
    if binary:
        # -log p(y|x) = log(1 + e^-z) for y = 1 and log(1 + e^z) for y = 0, i.e.
        # log(1 + e^{(1 - 2y) z}); logaddexp neither overflows nor cancels
        loss = np.mean(np.logaddexp(0.0, (1.0 - 2.0 * Y) * Z))
        P = sigmoid(Z)
    else:
        # -log p(y|x) = -log softmax(z)_y = logsumexp(z) - z_y
        log_P = log_softmax(Z, axis=1)
        loss = -np.sum(Y * log_P) / len(Z)
        P = np.exp(log_P)
    return loss + 0.5 * l2 * np.sum(W**2), P


def _gradient(X, Y, P, W, l2, fit_intercept):
    """dJ/dW = X^T (P - Y) / n + l2 W, shape (n_features, n_outputs); dJ/db = column sums of (P - Y) / n."""
    G = (P - Y) / len(X)                                           # dJ/dZ, (n_samples, n_outputs)
    grad_W = X.T @ G + l2 * W
    grad_b = G.sum(axis=0) if fit_intercept else np.zeros(G.shape[1])
    return grad_W, grad_b


class LogisticRegression(ClassifierMixin, BaseEstimator):
    """Logistic regression classifier with an L2 penalty.

    Two classes use the sigmoid of one linear score; more classes use the
    softmax of one score per class (multinomial logistic regression).

    Parameters
    ----------
    C : float > 0 or np.inf, default=1.0
        Inverse penalty strength, as in scikit-learn: smaller C, stronger
        penalty; ``np.inf`` switches the penalty off (see Notes).
    solver : {"newton", "gd"}, default="newton"
        "gd": batch gradient descent: O(n_samples * n_params) per iteration,
        but it needs many (raise ``max_iter``); the choice for wide problems
        such as MNIST. "newton": Newton's method (iteratively reweighted least
        squares) with a backtracking line search: few iterations, each building
        and solving the Hessian of all n_outputs * (n_features + 1)
        parameters, so O(n_samples * n_params^2) time and O(n_params^2)
        memory; right for up to a few thousand parameters (digits: 650).
    learning_rate : float > 0 or None, default=None
        Gradient-descent step. None uses 1/L per block, with L the bound
        c sigma_max(X_c)^2 / n + 1/(C n) on the curvature of the loss for the
        weights and c for the intercept (c = 1/4 for the sigmoid, 1/2 for the
        softmax), so a step never overshoots whatever the data's scale.
    max_iter : int >= 1, default=100
        Iterations at most.
    tol : float >= 0, default=1e-4
        Stop when every partial derivative of the objective, measured per
        standard deviation of its feature, is at most tol in absolute value.
    fit_intercept : bool, default=True
        Learn an (unpenalised) intercept.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The labels, sorted.
    coef_ : ndarray of shape (1, n_features) or (n_classes, n_features)
        The weights: one row for two classes (the score of ``classes_[1]``),
        one row per class otherwise.
    intercept_ : ndarray of shape (1,) or (n_classes,)
    n_features_in_ : int
        Number of features seen in ``fit``.
    n_iter_ : int
        Iterates evaluated, the starting point and the returned one included.
    training_errors_ : ndarray of shape (n_iter_,)
        Penalised mean log-loss J at each iterate.

    Notes
    -----
    With scores z = X w + b, the model is p(y=1|x) = sigma(z) = 1/(1 + e^-z)
    for two classes, and p(y=k|x) = softmax(z)_k = e^{z_k} / sum_l e^{z_l}
    otherwise. Fitting minimises scikit-learn's objective divided by C n:

        J(W, b) = 1/n sum_i -log p(y_i|x_i) + 1/(2 C n) ||W||^2,

    so C means the same as in scikit-learn. With one-hot targets Y and
    probabilities P, the gradient is

        dJ/dW = X^T (P - Y) / n + W / (C n),      dJ/db = sum_i (P_i - Y_i) / n.

    Gradient descent steps against it:

        W <- W - step_W dJ/dW,      b <- b - step_b dJ/db.

    Newton's method solves H d = g for the Hessian H of J (see ``_hessian``)
    and the stacked gradient g, then halves t = 1, 1/2, 1/4, ... until the
    step is accepted by Armijo's rule J(theta - t d) <= J(theta) - 1e-4 t g.d.
    If 40 halvings all fail (J is flat to rounding precision), it keeps the
    current parameters and stops with a ``ConvergenceWarning``.

    Both solvers run on centred features (an exact reparameterisation when
    there is an intercept: b absorbs the mean), start from W = 0 and b = the
    log class frequencies, the optimum for W = 0, and compute the loss with
    log-sum-exp so no exponential overflows.

    References
    ----------
    Hastie, Tibshirani and Friedman, The Elements of Statistical Learning, 2nd
    ed., section 4.4. Bishop, Pattern Recognition and Machine Learning,
    sections 4.3.2-4.3.4. Nocedal and Wright, Numerical Optimization, 2nd ed.,
    section 3.1 (backtracking line search).

    Examples
    --------
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> model = LogisticRegression().fit(X, ["no", "no", "yes", "yes"])
    >>> model.predict([[0.2], [2.8]]).tolist()
    ['no', 'yes']
    """

    def __init__(self, C=1.0, solver="newton", learning_rate=None, max_iter=100, tol=1e-4, fit_intercept=True):
        self.C = C
        self.solver = solver
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.tol = tol
        self.fit_intercept = fit_intercept

    def fit(self, X, y):
        """Fit the model.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Labels of any type, at least two distinct.

        Returns
        -------
        self
        """
        X, y = check_X_y(X, y, estimator=self)
        check_positive(self.C, "C", self, allow_inf=True)
        check_option(self.solver, "solver", ("newton", "gd"), self)
        if self.learning_rate is not None:
            check_positive(self.learning_rate, "learning_rate", self)
        check_positive(self.max_iter, "max_iter", self, integer=True)
        check_positive(self.tol, "tol", self, strict=False)
        self.classes_, y_encoded = check_classification_targets(y, min_classes=2, estimator=self)
        self.n_features_in_ = X.shape[1]
        n_samples, n_classes = len(y_encoded), len(self.classes_)
        binary = n_classes == 2
        Y = y_encoded[:, None].astype(float) if binary else np.eye(n_classes)[y_encoded]  # (n, n_outputs)

        # shared by both solvers: centred X, the penalty l2 = 1/(C n), the start W = 0, b = log-odds
        x_mean = X.mean(axis=0) if self.fit_intercept else np.zeros(X.shape[1])
        X = X - x_mean                                             # a new array; the caller's is untouched
        scale = np.sqrt(np.mean(X**2, axis=0))                     # per-feature scale of the stopping rule
        scale[scale == 0] = 1.0
        l2 = 1.0 / (self.C * n_samples)
        W = np.zeros((X.shape[1], Y.shape[1]))
        b = np.zeros(Y.shape[1])
        if self.fit_intercept:                                     # the optimum for W = 0
            frequency = Y.mean(axis=0)
            b = np.log(frequency / (1 - frequency)) if binary else np.log(frequency)

        if self.solver == "gd":
            # Solver 1, gradient descent: W <- W - step_W dJ/dW, b <- b - step_b dJ/db
            step_W, step_b = self._step_sizes(X, l2, binary)
            errors = []
            for _ in range(self.max_iter):
                loss, P = _objective(X, Y, W, b, l2, binary)      # J(W, b) and P = sigma(z) or softmax(z)
                errors.append(loss)
                if loss > 1e8 * errors[0]:                         # a guard: only a too large learning_rate does this
                    raise ValueError(
                        f"LogisticRegression: gradient descent diverged with learning_rate={self.learning_rate}; "
                        f"use a smaller learning_rate, or learning_rate=None for a safe step"
                    )
                grad_W, grad_b = _gradient(X, Y, P, W, l2, self.fit_intercept)  # X^T (P - Y)/n + l2 W
                if self._small(grad_W, grad_b, scale):
                    break
                W = W - step_W * grad_W
                b = b - step_b * grad_b
            else:
                self._warn_not_converged()
        else:
            # Solver 2, Newton's method with a line search (below)
            W, b, errors = self._newton(X, Y, W, b, l2, binary, scale)

        self.coef_ = W.T.copy()                                    # (n_outputs, n_features)
        self.intercept_ = b - x_mean @ W                           # undo the centring
        self.n_iter_ = len(errors)
        self.training_errors_ = np.array(errors)
        return self

    def _small(self, grad_W, grad_b, scale):
        """Stopping rule: every partial derivative, per feature standard deviation, at most ``tol``."""
        return max(np.max(np.abs(grad_W) * scale[:, None]), np.max(np.abs(grad_b))) <= self.tol

    def _warn_not_converged(self):
        warnings.warn(
            f"LogisticRegression did not converge in max_iter={self.max_iter} iterations "
            f"(solver={self.solver!r}); increase max_iter or tol",
            ConvergenceWarning,
            stacklevel=3,
        )

    def _step_sizes(self, X, l2, binary):
        """Gradient-descent steps for W and b: 1/L of each block, or ``learning_rate``."""
        if self.learning_rate is not None:
            return self.learning_rate, self.learning_rate
        # max of p (1 - p) is 1/4; the largest eigenvalue of diag(p) - p p^T is at most 1/2
        curvature = 0.25 if binary else 0.5
        # the centred columns are orthogonal to the intercept's column of ones, so the
        # Hessian is bounded by a block-diagonal matrix and each block gets its own step
        step_W = 1.0 / (curvature * np.linalg.norm(X, ord=2) ** 2 / len(X) + l2)
        return step_W, 1.0 / curvature

    # ------------------------------------------------------------------ solver 2: Newton

    def _newton(self, X, Y, W, b, l2, binary, scale):
        """Newton's method: solve H d = g, then backtrack t = 1, 1/2, ... until Armijo's rule holds.

        Returns
        -------
        W, b : the parameters
        errors : list of float
            J at each iterate.
        """
        errors = []
        for _ in range(self.max_iter):
            loss, P = _objective(X, Y, W, b, l2, binary)
            errors.append(loss)
            grad_W, grad_b = _gradient(X, Y, P, W, l2, self.fit_intercept)
            if self._small(grad_W, grad_b, scale):
                return W, b, errors
            d_W, d_b = self._newton_direction(X, P, grad_W, grad_b, l2, binary)
            slope = np.sum(grad_W * d_W) + grad_b @ d_b            # g . d > 0: J falls along -d
            for t in 0.5 ** np.arange(40):
                W_new, b_new = W - t * d_W, b - t * d_b
                if _objective(X, Y, W_new, b_new, l2, binary)[0] <= loss - 1e-4 * t * slope:
                    break
            else:
                # no step decreases J enough: it is flat to rounding here, so keep W, b and stop
                warnings.warn(
                    "LogisticRegression: the Newton line search found no step that decreases the "
                    "objective (it is flat to rounding precision); stopping with the current "
                    "parameters. Increase tol to stop earlier.",
                    ConvergenceWarning,
                    stacklevel=3,
                )
                return W, b, errors
            W, b = W_new, b_new
        self._warn_not_converged()
        return W, b, errors

    def _newton_direction(self, X, P, grad_W, grad_b, l2, binary):
        """The Newton direction d = H^-1 g for W (n_features, n_outputs) and b (n_outputs,)."""
        n_features, n_outputs = grad_W.shape
        if self.fit_intercept:
            design = np.hstack([X, np.ones((len(X), 1))])          # [X, 1]: the intercept's column
            grad = np.vstack([grad_W, grad_b])
            curvature = np.append(np.full(n_features, l2), 0.0)    # the intercept is not penalised
        else:
            design, grad = X, grad_W
            curvature = np.full(n_features, l2)
        H = _hessian(design, P, binary) + np.diag(np.tile(curvature, n_outputs))
        # The softmax ignores a constant added to every score, so that direction has no
        # curvature. A tiny ridge relative to each diagonal entry (scale-free, unlike a
        # fixed one) keeps the system solvable without changing the step.
        diagonal = np.diag(H).copy()
        H[np.diag_indices_from(H)] += np.where(diagonal > 0, 1e-10 * diagonal, 1.0)
        d = np.linalg.solve(H, grad.T.ravel())                     # output by output, like H
        direction = d.reshape(n_outputs, -1).T                     # (n_params, n_outputs)
        if self.fit_intercept:
            return direction[:-1], direction[-1]
        return direction, np.zeros(n_outputs)

    # ------------------------------------------------------------------ prediction

    def decision_function(self, X):
        """Linear scores.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        scores : ndarray of shape (n_samples,) for two classes (the score of
            ``classes_[1]``), else (n_samples, n_classes)
        """
        check_is_fitted(self, "coef_")
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        scores = X @ self.coef_.T + self.intercept_
        return scores[:, 0] if len(self.classes_) == 2 else scores

    def predict_log_proba(self, X):
        """Log of the class probabilities, computed without taking the log of a rounded 0.

        Returns
        -------
        log_proba : ndarray of shape (n_samples, n_classes)
        """
        scores = self.decision_function(X)
        if len(self.classes_) == 2:
            # log sigma(z) = -log(1 + e^-z), log(1 - sigma(z)) = -log(1 + e^z)
            return -np.column_stack([np.logaddexp(0.0, scores), np.logaddexp(0.0, -scores)])
        return log_softmax(scores, axis=1)

    def predict_proba(self, X):
        """Class probabilities.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        proba : ndarray of shape (n_samples, n_classes)
            Columns in the order of ``classes_``; rows sum to 1.
        """
        scores = self.decision_function(X)
        if len(self.classes_) == 2:
            p = sigmoid(scores)
            return np.column_stack([1.0 - p, p])
        return np.exp(log_softmax(scores, axis=1))

    def predict(self, X):
        """Most probable class of each sample.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y_pred : ndarray of shape (n_samples,)
            Labels from ``classes_``.
        """
        scores = self.decision_function(X)
        if len(self.classes_) == 2:
            return self.classes_[(scores > 0).astype(int)]
        return self.classes_[np.argmax(scores, axis=1)]


# --- solver 2 (Newton): the Hessian that ``_newton_direction`` solves with -------------


def _hessian(X_ones, P, binary):
    """Hessian of the mean log-loss with respect to the stacked parameters [W; b].

    For the sigmoid, H = X^T diag(p (1 - p)) X / n. For the softmax, the block
    of classes (k, l) is X^T diag(p_k (delta_kl - p_l)) X / n, computed for all
    blocks at once as blockdiag(X^T diag(p_k) X) - A^T A with A = [p_1 X, ..., p_K X].

    Parameters
    ----------
    X_ones : ndarray of shape (n_samples, n_params)
        X with a column of ones appended (the intercept), or X alone.
    P : ndarray of shape (n_samples, n_outputs)

    Returns
    -------
    H : ndarray of shape (n_outputs * n_params, n_outputs * n_params)
        Ordered output by output (all parameters of class 0 first).
    """
    n_samples, n_params = X_ones.shape
    if binary:
        return X_ones.T @ (X_ones * (P * (1.0 - P))) / n_samples
    n_outputs = P.shape[1]
    A = (P[:, :, None] * X_ones[:, None, :]).reshape(n_samples, -1)   # (n_samples, K * n_params)
    H = -(A.T @ A)
    for k in range(n_outputs):
        block = slice(k * n_params, (k + 1) * n_params)
        H[block, block] += X_ones.T @ (X_ones * P[:, k : k + 1])
    return H / n_samples
