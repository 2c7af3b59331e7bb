"""Input checks shared by every estimator.

Each model validates its input before doing any work, so a user sees one clear
``ValueError`` naming the problem instead of a broadcasting error ten lines deep.
The checks never modify the caller's arrays: they return new (or read-only
viewed) arrays, and models copy before writing.
"""

import numbers
import warnings

import numpy as np


class NotFittedError(ValueError, AttributeError):
    """Raised when a model is used before ``fit``.

    Subclasses both ``ValueError`` and ``AttributeError``, as in scikit-learn.
    """


class ConvergenceWarning(UserWarning):
    """Warned (never printed) when an iterative solver stops before converging."""


class DataConversionWarning(UserWarning):
    """Warned when input is reshaped for the user (a column vector ``y`` raveled to 1-D)."""


def _name_of(estimator):
    if estimator is None:
        return "Input"
    return estimator if isinstance(estimator, str) else type(estimator).__name__


def check_array(
    X,
    ensure_2d=True,
    allow_nd=False,
    dtype=np.float64,
    ensure_min_samples=1,
    ensure_min_features=1,
    force_all_finite=True,
    name="X",
    estimator=None,
):
    """Validate an array-like and return it as an ndarray.

    Parameters
    ----------
    X : array-like
        The input.
    ensure_2d : bool, default=True
        Require exactly two dimensions ``(n_samples, n_features)``.
    allow_nd : bool, default=False
        With ``ensure_2d``, also accept more than two dimensions (images).
    dtype : dtype or None, default=np.float64
        Convert to this dtype; None keeps the input's dtype.
    ensure_min_samples : int, default=1
        Minimum number of rows.
    ensure_min_features : int, default=1
        Minimum number of columns (2-D input only).
    force_all_finite : bool, default=True
        Reject NaN and infinity.
    name : str, default="X"
        Name used in error messages.
    estimator : object or str, optional
        The caller, named in error messages.

    Returns
    -------
    X_checked : ndarray
        A C-contiguous array of the requested dtype. It may share memory with
        the input; callers must copy before writing into it.

    Raises
    ------
    ValueError
        Wrong number of dimensions, too few samples or features, non-numeric
        values, NaN or infinity.
    """
    who = _name_of(estimator)
    if hasattr(X, "toarray") and hasattr(X, "nnz"):   # scipy.sparse matrix or array
        raise ValueError(
            f"{who} does not support sparse input {name}; convert it to a dense array "
            f"with {name}.toarray()"
        )
    try:
        X = np.asarray(X)                     # as given first, so complex values are not cast away
        if X.dtype.kind != "c":
            X = np.asarray(X, dtype=dtype)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{who} expects numeric {name}; could not convert it: {exc}") from None
    if X.dtype.kind == "c":
        raise ValueError(f"Complex data not supported: {who} got complex values in {name}")
    if dtype is None and X.dtype.kind not in "biuf":
        raise ValueError(f"{who} expects numeric {name}, got dtype {X.dtype}")
    if ensure_2d:
        if X.ndim < 2 or (X.ndim > 2 and not allow_nd):
            wanted = "at least 2 dimensions" if allow_nd else "2 dimensions (n_samples, n_features)"
            hint = (" Reshape your data with X.reshape(-1, 1) if it has one feature, or X.reshape(1, -1) "
                    "if it is one sample." if X.ndim == 1 else "")
            raise ValueError(f"{who} expects {name} with {wanted}, got shape {X.shape}.{hint}")
    if X.ndim >= 1 and X.shape[0] < ensure_min_samples:
        raise ValueError(
            f"{who} needs at least {ensure_min_samples} sample(s) in {name}, "
            f"got {X.shape[0]} sample(s) (shape={X.shape})"
        )
    if X.ndim == 2 and X.shape[1] < ensure_min_features:
        raise ValueError(
            f"{who} needs at least {ensure_min_features} feature(s) in {name}: got {X.shape[1]} feature(s) "
            f"(shape={X.shape}) while a minimum of {ensure_min_features} is required."
        )
    if force_all_finite and X.dtype.kind == "f" and not np.isfinite(X).all():
        raise ValueError(f"{who} got NaN or infinity in {name}; remove or impute those values")
    return np.ascontiguousarray(X)


def column_or_1d(y, name="y", estimator=None):
    """Return ``y`` as a 1-D array, accepting a column vector ``(n, 1)`` with a warning.

    Labels keep their dtype (ints, strings...). Raises ``ValueError`` for other
    shapes and for complex values; warns ``DataConversionWarning`` when it ravels
    a column vector, since that is usually a slip (scikit-learn does the same).
    """
    if hasattr(y, "toarray") and hasattr(y, "nnz"):
        raise ValueError(f"{_name_of(estimator)} does not support sparse {name}; use {name}.toarray()")
    if isinstance(y, (list, tuple)):
        # np.asarray would silently turn [1, "a"] into the strings ["1", "a"]
        values = np.asarray(y, dtype=object).ravel().tolist()
        if len({isinstance(v, str) for v in values}) > 1:
            raise ValueError(
                f"{_name_of(estimator)} got labels of mixed types (strings and numbers) in {name}; "
                f"labels must be all numbers or all strings"
            )
    y = np.asarray(y)
    if y.dtype.kind == "c":
        raise ValueError(f"Complex data not supported: {_name_of(estimator)} got complex values in {name}")
    if y.ndim == 2 and y.shape[1] == 1:
        warnings.warn(
            f"A column-vector {name} was passed when a 1d array was expected; "
            f"{_name_of(estimator)} uses {name}.ravel() (pass a 1-D array to silence this)",
            DataConversionWarning,
            stacklevel=3,
        )
        y = y[:, 0]
    if y.ndim != 1:
        raise ValueError(f"{_name_of(estimator)} expects {name} with 1 dimension, got shape {y.shape}")
    return y


def check_consistent_length(*arrays, estimator=None):
    """Raise ``ValueError`` unless all arrays have the same number of samples."""
    lengths = [len(a) for a in arrays if a is not None]
    if len(set(lengths)) > 1:
        raise ValueError(
            f"{_name_of(estimator)} got inconsistent numbers of samples: {lengths}"
        )


def check_X_y(
    X,
    y,
    y_numeric=False,
    multi_output=False,
    ensure_min_samples=1,
    allow_nd=False,
    estimator=None,
):
    """Validate a feature matrix and its targets together.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,) or (n_samples, n_outputs)
    y_numeric : bool, default=False
        Convert ``y`` to float64 and reject NaN/inf (regression targets).
        Otherwise ``y`` keeps its dtype, so labels may be strings.
    multi_output : bool, default=False
        Accept 2-D ``y``.
    ensure_min_samples : int, default=1
    allow_nd : bool, default=False
        Accept X with more than two dimensions (images).
    estimator : object or str, optional
        The caller, named in error messages.

    Returns
    -------
    X_checked : ndarray of float64
    y_checked : ndarray
    """
    X = check_array(X, allow_nd=allow_nd, ensure_min_samples=ensure_min_samples, estimator=estimator)
    if y is None:
        raise ValueError(f"{_name_of(estimator)} requires y to be passed, but the target y is None")
    if multi_output:
        y = np.asarray(y)
        if y.ndim not in (1, 2):
            raise ValueError(f"{_name_of(estimator)} expects y with 1 or 2 dimensions, got {y.shape}")
    else:
        y = column_or_1d(y, estimator=estimator)
    if y_numeric:
        y = check_array(y, ensure_2d=False, name="y", estimator=estimator)
    elif y.dtype.kind == "f" and not np.isfinite(y).all():
        raise ValueError(f"{_name_of(estimator)} got NaN or infinity in y")
    check_consistent_length(X, y, estimator=estimator)
    return X, y


def check_is_fitted(estimator, attributes=None):
    """Raise ``NotFittedError`` unless ``estimator`` has been fitted.

    Parameters
    ----------
    estimator : object
    attributes : str or list of str, optional
        Attributes that ``fit`` sets. By default any public attribute ending
        in ``_`` counts.
    """
    if attributes is None:
        fitted = any(
            name.endswith("_") and not name.startswith("__") for name in vars(estimator)
        )
    else:
        if isinstance(attributes, str):
            attributes = [attributes]
        fitted = all(hasattr(estimator, name) for name in attributes)
    if not fitted:
        raise NotFittedError(
            f"This {type(estimator).__name__} instance is not fitted yet; "
            f"call 'fit' with appropriate arguments before using it."
        )


def check_n_features(estimator, X):
    """Raise ``ValueError`` if ``X`` has a different number of features than seen in ``fit``."""
    n_features = X.shape[1]
    if n_features != estimator.n_features_in_:
        raise ValueError(
            f"X has {n_features} features, but {type(estimator).__name__} is expecting "
            f"{estimator.n_features_in_} features as input (the number it was fitted with)"
        )


def check_classification_targets(y, min_classes=1, estimator=None):
    """Encode class labels and check that there are enough classes.

    Parameters
    ----------
    y : ndarray of shape (n_samples,)
        Labels of any hashable, sortable dtype (ints, strings).
    min_classes : int, default=1
        The model needs at least this many distinct classes.

    Returns
    -------
    classes : ndarray of shape (n_classes,)
        Sorted distinct labels (``classes_``).
    y_encoded : ndarray of int of shape (n_samples,)
        Index of each sample's label in ``classes``.
    """
    if y.dtype.kind == "f" and np.any(y != np.round(y)):
        raise ValueError(
            f"{_name_of(estimator)} is a classifier but y holds continuous values; "
            f"pass class labels"
        )
    if y.dtype.kind == "O":
        if any(isinstance(label, float) and label != label for label in y.tolist()):
            raise ValueError(f"{_name_of(estimator)} got NaN in y; every sample needs a class label")
        kinds = {isinstance(label, str) for label in y.tolist()}
        if len(kinds) > 1:
            raise ValueError(
                f"{_name_of(estimator)} got labels of mixed types (strings and numbers) in y; "
                f"labels must be all numbers or all strings"
            )
    try:
        classes, y_encoded = np.unique(y, return_inverse=True)
    except TypeError as exc:
        raise ValueError(
            f"{_name_of(estimator)} could not sort the labels in y ({exc}); "
            f"labels must be all numbers or all strings"
        ) from None
    if len(classes) < min_classes:
        raise ValueError(
            f"{_name_of(estimator)} needs at least {min_classes} classes in y, "
            f"got {len(classes)} class{'' if len(classes) == 1 else 'es'}: {classes.tolist()}"
        )
    return classes, y_encoded.reshape(-1)


def _is_int(value):
    """True for Python and NumPy integers, False for bools and everything else."""
    return isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_))


def _is_real(value):
    """True for Python and NumPy real numbers (ints included), False for bools."""
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def check_scalar(value, name, estimator=None, integer=False, low=None, high=None,
                 include_low=True, include_high=True, allow_inf=False):
    """Raise ``ValueError`` unless ``value`` is a finite number in [low, high].

    Parameters
    ----------
    value : object
        The hyperparameter to check.
    name : str
        Its name, used in the message.
    estimator : object or str, optional
        The caller, named in the message.
    integer : bool, default=False
        Require an integer (bools are refused either way).
    low, high : float, optional
        Bounds; None means unbounded on that side.
    include_low, include_high : bool, default=True
        Whether each bound itself is allowed.
    allow_inf : bool, default=False
        Accept +inf (the documented "no limit" of some parameters). NaN is never accepted.

    Returns
    -------
    value : the same object

    Examples
    --------
    >>> check_scalar(0.5, "alpha", low=0.0)
    0.5
    >>> check_scalar(float("nan"), "alpha", low=0.0)
    Traceback (most recent call last):
    ...
    ValueError: Input: alpha must be a finite number, got nan
    """
    who = _name_of(estimator)
    if integer and not _is_int(value):
        raise ValueError(f"{who}: {name} must be an integer, got {value!r}")
    if not _is_real(value):
        raise ValueError(f"{who}: {name} must be a number, got {value!r}")
    if value != value or (np.isinf(value) and not (allow_inf and value > 0)):
        raise ValueError(f"{who}: {name} must be a finite number, got {value!r}")
    too_low = low is not None and (value < low or (value == low and not include_low))
    too_high = high is not None and (value > high or (value == high and not include_high))
    if too_low or too_high:
        if high is None:
            bound = f"{'>=' if include_low else '>'} {low}"
        elif low is None:
            bound = f"{'<=' if include_high else '<'} {high}"
        else:
            bound = f"in {'[' if include_low else '('}{low}, {high}{']' if include_high else ')'}"
        raise ValueError(f"{who}: {name} must be {bound}, got {value!r}")
    return value


def check_positive(value, name, estimator=None, strict=True, integer=False, allow_inf=False):
    """Raise ``ValueError`` unless ``value`` is a finite, (strictly) positive number.

    An integer if ``integer``; +inf only with ``allow_inf``; NaN never.
    """
    return check_scalar(value, name, estimator, integer=integer, low=0,
                        include_low=not strict, allow_inf=allow_inf)


def check_random_state(random_state, name="random_state", estimator=None):
    """Turn ``random_state`` (None, a non-negative int, or a Generator) into a ``Generator``.

    Raises ``ValueError`` naming the parameter for anything else (a string, a
    negative int, a float).
    """
    if random_state is None or isinstance(random_state, np.random.Generator):
        return np.random.default_rng(random_state)
    if isinstance(random_state, np.random.SeedSequence):
        return np.random.default_rng(random_state)
    if not _is_int(random_state) or random_state < 0:
        raise ValueError(
            f"{_name_of(estimator)}: {name} must be None, a non-negative integer or a "
            f"numpy.random.Generator, got {random_state!r}"
        )
    return np.random.default_rng(random_state)


def check_option(value, name, options, estimator=None):
    """Raise ``ValueError`` unless ``value`` is one of ``options``."""
    if value not in options:
        raise ValueError(
            f"{_name_of(estimator)}: unknown {name} {value!r}; choose one of {list(options)}"
        )
    return value
