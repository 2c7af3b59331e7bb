"""Shared helpers: data manipulation and operations, kernels, data sets, validation, base class.

The NumPy-only helpers are imported here; ``display`` (progress bars, tables)
loads only when used.
"""

from mlfromscratch.utils.base import BaseEstimator
from mlfromscratch.utils.data_manipulation import (
    batch_iterator,
    cross_val_score,
    fourier_features,
    k_fold_cross_validation_sets,
    normalize,
    polynomial_features,
    standardize,
    to_categorical,
    train_test_split,
)
from mlfromscratch.utils.data_operation import (
    accuracy_score,
    euclidean_distance,
    mean_squared_error,
    squared_euclidean_distances,
)
from mlfromscratch.utils.datasets import (
    CharacterVocabulary,
    load_breast_cancer,
    load_digits,
    load_iris,
    load_mnist,
    load_temperature,
    load_tinyshakespeare,
    load_wine,
    make_blobs,
    make_circles,
    make_classification,
    make_disc_and_ring,
    make_moons,
    make_regression,
)
from mlfromscratch.utils.kernels import linear_kernel, polynomial_kernel, rbf_kernel
from mlfromscratch.utils.validation import ConvergenceWarning, NotFittedError

__all__ = [
    "BaseEstimator",
    "CharacterVocabulary",
    "ConvergenceWarning",
    "NotFittedError",
    "accuracy_score",
    "batch_iterator",
    "cross_val_score",
    "euclidean_distance",
    "fourier_features",
    "k_fold_cross_validation_sets",
    "linear_kernel",
    "load_breast_cancer",
    "load_digits",
    "load_iris",
    "load_mnist",
    "load_temperature",
    "load_tinyshakespeare",
    "load_wine",
    "make_blobs",
    "make_circles",
    "make_classification",
    "make_disc_and_ring",
    "make_moons",
    "make_regression",
    "mean_squared_error",
    "normalize",
    "polynomial_features",
    "polynomial_kernel",
    "rbf_kernel",
    "squared_euclidean_distances",
    "standardize",
    "to_categorical",
    "train_test_split",
]
