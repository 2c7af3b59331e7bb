"""``BaseEstimator`` and the role mixins: what scikit-learn's tools need from a model.

A model stores each constructor argument under the same name and does nothing
else in ``__init__``. ``get_params`` and ``set_params`` can then read and write
the hyperparameters generically, which is what scikit-learn's ``clone``,
``cross_val_score`` and ``GridSearchCV`` need. The four small mixins add the
role of a model: its ``score`` (accuracy, R^2, ...) and the estimator type that
scikit-learn reads from ``__sklearn_tags__`` (version >= 1.6) or from
``_estimator_type`` (older versions).

scikit-learn is never imported at run time: ``__sklearn_tags__`` imports it
inside itself, and only scikit-learn calls that method. Write a model as::

    class KNN(ClassifierMixin, BaseEstimator):   # the mixin first, then the base
        ...
"""

import inspect

import numpy as np


class BaseEstimator:
    """Base class of every estimator: ``get_params``, ``set_params`` and a readable ``repr``.

    Notes
    -----
    Subclasses must list their hyperparameters explicitly in ``__init__`` (no
    ``*args``/``**kwargs``) and store each one unchanged as ``self.<name>``.

    Examples
    --------
    >>> class Model(BaseEstimator):
    ...     def __init__(self, alpha=1.0, max_iter=100):
    ...         self.alpha = alpha
    ...         self.max_iter = max_iter
    >>> Model(alpha=0.5)
    Model(alpha=0.5)
    >>> Model().set_params(max_iter=5).get_params()
    {'alpha': 1.0, 'max_iter': 5}
    """

    @classmethod
    def _get_param_names(cls):
        """Names of the constructor's arguments, in signature order."""
        init = cls.__init__
        if init is object.__init__:
            return []
        signature = inspect.signature(init)
        names = []
        for name, parameter in signature.parameters.items():
            if name == "self":
                continue
            if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
                raise TypeError(
                    f"{cls.__name__}.__init__ must list its hyperparameters explicitly, "
                    f"not through *args or **kwargs"
                )
            names.append(name)
        return names

    def get_params(self, deep=True):
        """Hyperparameters of this estimator.

        Parameters
        ----------
        deep : bool, default=True
            Also return the parameters of nested estimators as ``name__param``.

        Returns
        -------
        params : dict
            Parameter name -> value.
        """
        params = {}
        for name in self._get_param_names():
            value = getattr(self, name)
            if deep and hasattr(value, "get_params") and not isinstance(value, type):
                for sub_name, sub_value in value.get_params(deep=True).items():
                    params[f"{name}__{sub_name}"] = sub_value
            params[name] = value
        return params

    def set_params(self, **params):
        """Set hyperparameters (``name=value``, or ``name__sub=value`` for nested estimators).

        Returns
        -------
        self : BaseEstimator
        """
        valid = self._get_param_names()
        nested = {}
        for key, value in params.items():
            name, _, sub_name = key.partition("__")
            if name not in valid:
                raise ValueError(
                    f"Invalid parameter {name!r} for {type(self).__name__}; "
                    f"valid parameters are {valid}"
                )
            if sub_name:
                nested.setdefault(name, {})[sub_name] = value
            else:
                setattr(self, name, value)
        for name, sub_params in nested.items():
            getattr(self, name).set_params(**sub_params)
        return self

    def __repr__(self):
        """``Name(arg=value, ...)`` listing only the arguments that differ from their default."""
        signature = inspect.signature(type(self).__init__)
        parts = []
        for name in self._get_param_names():
            value = getattr(self, name, None)
            default = signature.parameters[name].default
            try:
                same = value is default or bool(value == default)
            except (TypeError, ValueError):  # arrays and other objects without a plain ==
                same = False
            if not same:
                parts.append(f"{name}={value!r}")
        return f"{type(self).__name__}({', '.join(parts)})"

    def __sklearn_tags__(self):
        """Tags read by scikit-learn >= 1.6 (imported here, so only when scikit-learn asks).

        Every model takes dense, finite, numeric 2-D input; no sparse matrices, no NaN.
        """
        from sklearn.utils import InputTags, Tags, TargetTags

        return Tags(
            estimator_type=None,
            target_tags=TargetTags(required=False),
            input_tags=InputTags(sparse=False, allow_nan=False),
        )


def _r2_score(y_true, y_pred, sample_weight=None):
    """Coefficient of determination R^2 = 1 - sum w (y - y_hat)^2 / sum w (y - mean_w(y))^2."""
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64).reshape(y_true.shape)
    w = np.ones(len(y_true)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    w = w.reshape((-1,) + (1,) * (y_true.ndim - 1))
    residual = np.sum(w * (y_true - y_pred) ** 2, axis=0)
    total = np.sum(w * (y_true - np.average(y_true, axis=0, weights=w.ravel())) ** 2, axis=0)
    # a constant target: R^2 is 1 for a perfect fit and 0 otherwise (scikit-learn's convention)
    r2 = np.where(total > 0, 1.0 - residual / np.where(total > 0, total, 1.0), np.where(residual > 0, 0.0, 1.0))
    return float(np.mean(r2))


class ClassifierMixin:
    """Role of a classifier: ``score`` is the (weighted) accuracy of ``predict``."""

    _estimator_type = "classifier"

    def score(self, X, y, sample_weight=None):
        """Mean accuracy of ``predict(X)`` against ``y``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        sample_weight : array-like of shape (n_samples,), optional

        Returns
        -------
        score : float
            Fraction of correctly classified samples (weighted if weights are given).
        """
        correct = np.asarray(self.predict(X)) == np.asarray(y).reshape(-1)
        return float(np.average(correct, weights=sample_weight))

    def __sklearn_tags__(self):
        from sklearn.utils import ClassifierTags

        tags = super().__sklearn_tags__()
        tags.estimator_type = "classifier"
        tags.classifier_tags = ClassifierTags()
        tags.target_tags.required = True
        return tags


class RegressorMixin:
    """Role of a regressor: ``score`` is the coefficient of determination R^2 of ``predict``."""

    _estimator_type = "regressor"

    def score(self, X, y, sample_weight=None):
        """R^2 = 1 - sum (y - y_hat)^2 / sum (y - mean(y))^2 of ``predict(X)``.

        1 is a perfect fit, 0 is no better than predicting the mean, and it can
        be negative.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
        sample_weight : array-like of shape (n_samples,), optional

        Returns
        -------
        score : float
        """
        return _r2_score(y, self.predict(X), sample_weight)

    def __sklearn_tags__(self):
        from sklearn.utils import RegressorTags

        tags = super().__sklearn_tags__()
        tags.estimator_type = "regressor"
        tags.regressor_tags = RegressorTags()
        tags.target_tags.required = True
        return tags


class ClusterMixin:
    """Role of a clusterer: ``fit_predict`` returns ``labels_`` after ``fit``."""

    _estimator_type = "clusterer"

    def fit_predict(self, X, y=None):
        """Fit on ``X`` and return the cluster label of each sample (``labels_``).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        labels : ndarray of shape (n_samples,)
        """
        self.fit(X)
        return self.labels_

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.estimator_type = "clusterer"
        return tags


class TransformerMixin:
    """Role of a transformer: ``fit_transform`` = ``fit`` then ``transform``."""

    def fit_transform(self, X, y=None):
        """Fit on ``X`` (and ``y`` when the model uses it), then transform ``X``.

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_components)
        """
        if y is None:
            return self.fit(X).transform(X)
        return self.fit(X, y).transform(X)

    def __sklearn_tags__(self):
        from sklearn.utils import TransformerTags

        tags = super().__sklearn_tags__()
        tags.transformer_tags = TransformerTags()
        return tags
