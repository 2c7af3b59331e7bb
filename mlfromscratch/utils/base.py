"""``BaseEstimator``: parameters read from ``__init__``'s signature, as in scikit-learn.

A model stores each constructor argument under the same name and does nothing
else in ``__init__``. ``get_params`` and ``set_params`` can then read and write
the hyperparameters generically, which is all scikit-learn's ``clone``,
``cross_val_score`` and ``GridSearchCV`` need from an estimator.
"""

import inspect


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
