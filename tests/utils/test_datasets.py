import gzip

import numpy as np
import pytest

from mlfromscratch.utils import datasets


@pytest.mark.parametrize(
    "loader, shape, counts",
    [
        (datasets.load_digits, (1797, 64), None),
        (datasets.load_iris, (150, 4), [50, 50, 50]),
        (datasets.load_wine, (178, 13), [59, 71, 48]),
        (datasets.load_breast_cancer, (569, 30), [212, 357]),
    ],
)
def test_classification_loaders(loader, shape, counts):
    X, y = loader()
    assert X.shape == shape and X.dtype == np.float64
    assert y.shape == (shape[0],) and y.dtype == np.int64
    assert np.isfinite(X).all()
    if counts is not None:
        assert np.bincount(y).tolist() == counts


def test_digits_values():
    X, y = datasets.load_digits()
    assert X.min() == 0 and X.max() == 16
    assert sorted(np.unique(y).tolist()) == list(range(10))


def test_temperature():
    X, y = datasets.load_temperature()
    assert X.shape == (366, 1) and y.shape == (366,)
    assert 0 < X.min() and X.max() <= 1.0
    assert np.all(np.diff(X[:, 0]) > 0)
    assert -30 < y.min() < 0 < y.max() < 35


def test_bundled_mnist():
    X, y = datasets.load_mnist()
    assert X.shape == (5000, 784) and X.dtype == np.float64
    assert 0.0 <= X.min() and X.max() <= 1.0
    assert np.bincount(y).tolist() == [500] * 10
    images, labels = datasets.load_mnist(flatten=False, normalize=False)
    assert images.shape == (5000, 28, 28) and images.dtype == np.uint8
    with pytest.raises(ValueError):
        datasets.load_mnist(subset="test")
    with pytest.raises(ValueError):
        datasets.load_mnist(subset="nope")


def _tiny_mnist(rng):
    x_train = rng.integers(0, 256, size=(6, 28, 28), dtype=np.uint8)
    x_test = rng.integers(0, 256, size=(4, 28, 28), dtype=np.uint8)
    return x_train, np.arange(6) % 10, x_test, np.arange(4)


def test_mnist_from_user_npz(tmp_path):
    x_train, y_train, x_test, y_test = _tiny_mnist(np.random.default_rng(0))
    path = tmp_path / "mnist.npz"
    np.savez(path, x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
    X, y = datasets.load_mnist(path)
    assert X.shape == (10, 784)
    X_test, y_te = datasets.load_mnist(path, subset="test", normalize=False)
    np.testing.assert_array_equal(X_test.reshape(4, 28, 28), x_test)
    np.testing.assert_array_equal(y_te, y_test)


def _write_idx(path, array):
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(
        int(n).to_bytes(4, "big") for n in array.shape
    )
    with gzip.open(path, "wb") as f:
        f.write(header + array.astype(np.uint8).tobytes())


def test_mnist_from_idx_folder(tmp_path):
    x_train, y_train, x_test, y_test = _tiny_mnist(np.random.default_rng(1))
    _write_idx(tmp_path / "train-images-idx3-ubyte.gz", x_train)
    _write_idx(tmp_path / "train-labels-idx1-ubyte.gz", y_train)
    _write_idx(tmp_path / "t10k-images-idx3-ubyte.gz", x_test)
    _write_idx(tmp_path / "t10k-labels-idx1-ubyte.gz", y_test)
    X, y = datasets.load_mnist(tmp_path, subset="train", flatten=False, normalize=False)
    np.testing.assert_array_equal(X, x_train)
    np.testing.assert_array_equal(y, y_train)
    with pytest.raises(ValueError):
        datasets.load_mnist(tmp_path / "missing.txt")


def test_make_blobs():
    X, y = datasets.make_blobs(n_samples=91, n_features=3, centers=4, random_state=0)
    assert X.shape == (91, 3) and np.bincount(y).tolist() == [23, 23, 23, 22]
    X2, y2 = datasets.make_blobs(n_samples=91, n_features=3, centers=4, random_state=0)
    np.testing.assert_array_equal(X, X2)
    centers = np.array([[0.0, 0.0], [100.0, 100.0]])
    X, y = datasets.make_blobs(n_samples=200, centers=centers, cluster_std=0.5, random_state=1)
    for k in range(2):
        np.testing.assert_allclose(X[y == k].mean(axis=0), centers[k], atol=0.2)


def test_make_moons_and_circles_geometry():
    X, y = datasets.make_moons(n_samples=100, random_state=0)
    outer = X[y == 0]
    np.testing.assert_allclose(np.hypot(outer[:, 0], outer[:, 1]), 1.0)
    X, y = datasets.make_circles(n_samples=101, factor=0.5, random_state=0)
    radii = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(radii[y == 0], 1.0)
    np.testing.assert_allclose(radii[y == 1], 0.5)
    noisy, _ = datasets.make_moons(n_samples=50, noise=0.1, random_state=3)
    assert noisy.shape == (50, 2)
    with pytest.raises(ValueError):
        datasets.make_circles(factor=1.5)


def test_make_disc_and_ring():
    X, y = datasets.make_disc_and_ring(n_samples=300, random_state=0)
    r = np.hypot(X[:, 0], X[:, 1])
    assert np.all(r[y == 1] <= 0.5) and np.all((r[y == 0] >= 0.7) & (r[y == 0] <= 1.0))


def test_make_classification():
    X, y = datasets.make_classification(
        n_samples=200, n_features=6, n_informative=3, n_redundant=1, n_classes=3,
        n_clusters_per_class=1, flip_y=0.0, random_state=0,
    )
    assert X.shape == (200, 6) and set(np.unique(y)) == {0, 1, 2}
    with pytest.raises(ValueError):
        datasets.make_classification(n_informative=1, n_classes=3)


def test_make_regression_is_linear():
    X, y, w = datasets.make_regression(
        n_samples=50, n_features=5, n_informative=2, bias=3.0, coef=True, random_state=0
    )
    np.testing.assert_allclose(y, X @ w + 3.0)
    assert np.count_nonzero(w) == 2


@pytest.mark.parametrize(
    "make, kwargs, name",
    [
        ("make_blobs", {"n_samples": -5}, "n_samples"),
        ("make_blobs", {"n_samples": 2.5}, "n_samples"),
        ("make_blobs", {"centers": 0}, "centers"),
        ("make_blobs", {"cluster_std": -1.0}, "cluster_std"),
        ("make_moons", {"noise": float("nan")}, "noise"),
        ("make_circles", {"factor": 1.0}, "factor"),
        ("make_classification", {"flip_y": 2.0}, "flip_y"),
        ("make_regression", {"n_features": 0}, "n_features"),
        ("make_blobs", {"random_state": "abc"}, "random_state"),
        ("make_moons", {"random_state": -1}, "random_state"),
    ],
)
def test_generators_name_the_bad_argument(make, kwargs, name):
    """Issue 16: the generator names its own argument instead of letting numpy's internals speak."""
    from mlfromscratch.utils import datasets

    with pytest.raises(ValueError, match=name):
        getattr(datasets, make)(**kwargs)
