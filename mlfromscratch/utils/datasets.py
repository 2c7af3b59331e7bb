"""Bundled real data sets and synthetic data generators.

The real data sets ship in ``mlfromscratch/data/`` (provenance and licenses in
its README.md), so nothing is downloaded. Every loader returns ``(X, y)`` with
``X`` float64 of shape (n_samples, n_features) and ``y`` int64 class labels
(float64 for regression targets); ``load_tinyshakespeare`` returns a text,
which ``CharacterVocabulary`` turns into integer ids. The generators mirror scikit-learn's
``make_*`` functions and take a ``random_state``.
"""

import gzip
from pathlib import Path

import numpy as np

from mlfromscratch.utils.validation import check_random_state, check_scalar

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _load_csv_with_header(filename):
    """Rows after a header line ``n_samples,n_features,class names...``; label last."""
    data = np.loadtxt(DATA_DIR / filename, delimiter=",", skiprows=1)
    return data[:, :-1].astype(np.float64), data[:, -1].astype(np.int64)


def load_digits():
    """UCI optical handwritten digits: 1,797 8x8 images, pixel values 0..16.

    Returns
    -------
    X : ndarray of float64 of shape (1797, 64)
        Row-major 8x8 images.
    y : ndarray of int64 of shape (1797,)
        Digit 0..9.
    """
    with gzip.open(DATA_DIR / "digits.csv.gz", "rt") as f:
        data = np.loadtxt(f, delimiter=",")
    return data[:, :-1], data[:, -1].astype(np.int64)


def load_iris():
    """Fisher's Iris: 150 flowers, 4 measurements (cm), 3 species (setosa, versicolor, virginica).

    Returns
    -------
    X : ndarray of float64 of shape (150, 4)
    y : ndarray of int64 of shape (150,), values 0..2, 50 each
    """
    return _load_csv_with_header("iris.csv")


def load_wine():
    """UCI wine recognition: 178 wines, 13 chemical measurements, 3 cultivars.

    Returns
    -------
    X : ndarray of float64 of shape (178, 13)
    y : ndarray of int64 of shape (178,), values 0..2 (59, 71, 48 samples)
    """
    return _load_csv_with_header("wine_data.csv")


def load_breast_cancer():
    """UCI Breast Cancer Wisconsin (Diagnostic): 569 tumours, 30 features.

    Returns
    -------
    X : ndarray of float64 of shape (569, 30)
    y : ndarray of int64 of shape (569,)
        0 malignant (212), 1 benign (357).
    """
    return _load_csv_with_header("breast_cancer.csv")


def load_temperature():
    """Daily mean temperature in Linköping, Sweden, 2016 (SMHI).

    Returns
    -------
    X : ndarray of float64 of shape (366, 1)
        Time as the fraction of the year, in (0, 1].
    y : ndarray of float64 of shape (366,)
        Temperature in degrees Celsius.
    """
    data = np.loadtxt(DATA_DIR / "TempLinkoping2016.txt", delimiter="\t", skiprows=1)
    return data[:, :1], data[:, 1]


def _read_idx(path):
    """Read an IDX file (the original MNIST format), gzipped or not."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as f:
        raw = f.read()
    if raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08:
        raise ValueError(f"{path} is not an unsigned-byte IDX file")
    n_dims = raw[3]
    shape = tuple(int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(n_dims))
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * n_dims).reshape(shape)


def _find_idx(directory, prefix):
    matches = sorted(Path(directory).glob(f"{prefix}*"))
    if not matches:
        raise ValueError(f"no IDX file starting with {prefix!r} in {directory}")
    return _read_idx(matches[0])


def load_mnist(path=None, subset="all", flatten=True, normalize=True):
    """MNIST handwritten digits, 28x28 grey images.

    By default the bundled subset: 5,000 real MNIST training images, 500 per
    digit, in label order (shuffle before splitting).

    Parameters
    ----------
    path : str or Path, optional
        Load a full MNIST instead: an ``.npz`` with arrays ``x_train, y_train,
        x_test, y_test`` (as ``keras.datasets.mnist`` saves it), or a directory
        holding the four IDX files (``train-images-idx3-ubyte[.gz]``,
        ``train-labels-idx1-ubyte``, ``t10k-images-idx3-ubyte``,
        ``t10k-labels-idx1-ubyte``).
    subset : {"all", "train", "test"}, default="all"
        Which part to return; "all" stacks train then test. The bundled subset
        consists of training images only, so it accepts "all" or "train".
    flatten : bool, default=True
        Return images as rows of 784 pixels; otherwise shape (n, 28, 28).
    normalize : bool, default=True
        Scale pixels to float64 in [0, 1]; otherwise keep uint8 0..255.

    Returns
    -------
    X : ndarray of shape (n, 784) or (n, 28, 28)
        float64 in [0, 1] (or uint8 when ``normalize=False``).
    y : ndarray of int64 of shape (n,)
    """
    if subset not in ("all", "train", "test"):
        raise ValueError(f"subset must be 'all', 'train' or 'test', got {subset!r}")
    if path is None:
        if subset == "test":
            raise ValueError("the bundled MNIST subset has training images only; use subset='all'")
        with np.load(DATA_DIR / "mnist_5k.npz") as data:
            images, labels = data["images"], data["labels"]
    else:
        path = Path(path)
        if path.is_dir():
            parts = {
                "train": (_find_idx(path, "train-images"), _find_idx(path, "train-labels")),
                "test": (_find_idx(path, "t10k-images"), _find_idx(path, "t10k-labels")),
            }
        elif path.suffix == ".npz":
            with np.load(path) as data:
                parts = {
                    "train": (data["x_train"], data["y_train"]),
                    "test": (data["x_test"], data["y_test"]),
                }
        else:
            raise ValueError(f"path must be an .npz file or a directory of IDX files, got {path}")
        keys = ["train", "test"] if subset == "all" else [subset]
        images = np.concatenate([parts[k][0] for k in keys])
        labels = np.concatenate([parts[k][1] for k in keys])
    X = images.reshape(len(images), -1) if flatten else images.reshape(len(images), 28, 28)
    if normalize:
        X = X.astype(np.float64) / 255.0
    return X, labels.astype(np.int64)


def load_tinyshakespeare():
    """Tiny Shakespeare: 1,115,394 characters of Shakespeare's plays, for character-level language models.

    The text of Karpathy's char-rnn (speakers' names, then their lines), 65
    distinct characters. Pair it with ``CharacterVocabulary`` to turn it into ids.

    Returns
    -------
    text : str

    Examples
    --------
    >>> text = load_tinyshakespeare()
    >>> text[:14]
    'First Citizen:'
    """
    with gzip.open(DATA_DIR / "tinyshakespeare.txt.gz", "rt", encoding="utf-8") as f:
        return f.read()


class CharacterVocabulary:
    """The distinct characters of a text, numbered in sorted order: chars -> ids and back.

    Parameters
    ----------
    text : str
        The characters to number (usually the whole corpus).

    Attributes
    ----------
    chars : list of str
        The vocabulary, sorted; character ``chars[i]`` has id ``i``.

    Examples
    --------
    >>> vocab = CharacterVocabulary("hello")
    >>> vocab.chars
    ['e', 'h', 'l', 'o']
    >>> vocab.encode("hole")
    array([1, 3, 2, 0])
    >>> vocab.decode([1, 0, 2, 2, 3])
    'hello'
    """

    def __init__(self, text):
        if not isinstance(text, str) or not text:
            raise ValueError(f"CharacterVocabulary expects a non-empty str, got {type(text).__name__} {text!r:.40}")
        self.chars = sorted(set(text))
        self._ids = {char: i for i, char in enumerate(self.chars)}

    def __len__(self):
        return len(self.chars)

    def encode(self, text):
        """The id of every character of ``text``, an int64 array of shape (len(text),)."""
        unknown = sorted(set(text) - self._ids.keys())
        if unknown:
            raise ValueError(f"CharacterVocabulary: characters not in the vocabulary: {unknown[:10]}")
        return np.array([self._ids[char] for char in text], dtype=np.int64)

    def decode(self, ids):
        """The text spelled by a sequence of ids."""
        ids = np.asarray(ids)
        if ids.ndim != 1 or (ids.size and (ids.min() < 0 or ids.max() >= len(self.chars))):
            raise ValueError(f"CharacterVocabulary.decode expects a 1-D sequence of ids in [0, {len(self.chars) - 1}]")
        return "".join(self.chars[i] for i in ids)

    def __repr__(self):
        return f"CharacterVocabulary({len(self.chars)} characters)"


# --------------------------------------------------------------------------- generators


def _finish(X, y, shuffle, rng):
    if shuffle:
        order = rng.permutation(len(X))
        X, y = X[order], y[order]
    return X, y


def _check_sizes(function, random_state, **sizes):
    """ValueError naming the argument unless each size is an int >= 1 (n_features etc.) / >= 0 (noise)."""
    for name, value in sizes.items():
        check_scalar(value, name, function, integer=True, low=1)
    return check_random_state(random_state, estimator=function)


def _check_noise(function, noise):
    """ValueError unless ``noise`` is None or a finite number >= 0."""
    if noise is not None:
        check_scalar(noise, "noise", function, low=0.0)


def _split_counts(n_samples, n_parts):
    """n_samples spread over n_parts as evenly as possible (the first parts get the extras)."""
    counts = np.full(n_parts, n_samples // n_parts)
    counts[: n_samples % n_parts] += 1
    return counts


def make_blobs(
    n_samples=100,
    n_features=2,
    centers=3,
    cluster_std=1.0,
    center_box=(-10.0, 10.0),
    shuffle=True,
    random_state=None,
):
    """Isotropic Gaussian blobs for clustering.

    Parameters
    ----------
    n_samples : int, default=100
        Total number of points, shared equally among the blobs.
    n_features : int, default=2
    centers : int or array-like of shape (n_centers, n_features), default=3
        Number of blobs (centres drawn uniformly in ``center_box``) or the centres.
    cluster_std : float or array-like of shape (n_centers,), default=1.0
    center_box : (float, float), default=(-10, 10)
    shuffle : bool, default=True
    random_state : None, int or numpy.random.Generator

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of int of shape (n_samples,)
        Blob index of each point.
    """
    rng = _check_sizes("make_blobs", random_state, n_samples=n_samples, n_features=n_features)
    if np.isscalar(centers):
        check_scalar(centers, "centers", "make_blobs", integer=True, low=1)
        centers = rng.uniform(center_box[0], center_box[1], size=(int(centers), n_features))
    else:
        centers = np.asarray(centers, dtype=float)
        n_features = centers.shape[1]
    n_centers = len(centers)
    stds = np.broadcast_to(np.asarray(cluster_std, dtype=float), (n_centers,))
    if not np.all(np.isfinite(stds)) or np.any(stds < 0):
        raise ValueError(f"make_blobs: cluster_std must be finite and >= 0, got {cluster_std!r}")
    counts = _split_counts(n_samples, n_centers)
    X = np.concatenate(
        [c + s * rng.standard_normal((n, n_features)) for c, s, n in zip(centers, stds, counts)]
    )
    y = np.repeat(np.arange(n_centers), counts)
    return _finish(X, y, shuffle, rng)


def make_moons(n_samples=100, noise=None, shuffle=True, random_state=None):
    """Two interleaving half circles.

    The outer moon is (cos t, sin t) and the inner one (1 - cos t, 0.5 - sin t)
    for t in [0, pi], plus Gaussian noise of standard deviation ``noise``.

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of int of shape (n_samples,), 0 outer, 1 inner
    """
    rng = _check_sizes("make_moons", random_state, n_samples=n_samples)
    _check_noise("make_moons", noise)
    n_outer = n_samples // 2
    n_inner = n_samples - n_outer
    t_outer = np.linspace(0, np.pi, n_outer)
    t_inner = np.linspace(0, np.pi, n_inner)
    X = np.vstack(
        [
            np.column_stack([np.cos(t_outer), np.sin(t_outer)]),
            np.column_stack([1 - np.cos(t_inner), 0.5 - np.sin(t_inner)]),
        ]
    )
    y = np.concatenate([np.zeros(n_outer, dtype=int), np.ones(n_inner, dtype=int)])
    if noise:
        X = X + rng.normal(scale=noise, size=X.shape)
    return _finish(X, y, shuffle, rng)


def make_circles(n_samples=100, noise=None, factor=0.8, shuffle=True, random_state=None):
    """A large circle containing a smaller one (radius ``factor``).

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of int of shape (n_samples,), 0 outer circle, 1 inner circle
    """
    check_scalar(factor, "factor", "make_circles", low=0.0, high=1.0, include_high=False)
    rng = _check_sizes("make_circles", random_state, n_samples=n_samples)
    _check_noise("make_circles", noise)
    n_outer = n_samples // 2
    n_inner = n_samples - n_outer
    t_outer = np.linspace(0, 2 * np.pi, n_outer, endpoint=False)
    t_inner = np.linspace(0, 2 * np.pi, n_inner, endpoint=False)
    X = np.vstack(
        [
            np.column_stack([np.cos(t_outer), np.sin(t_outer)]),
            factor * np.column_stack([np.cos(t_inner), np.sin(t_inner)]),
        ]
    )
    y = np.concatenate([np.zeros(n_outer, dtype=int), np.ones(n_inner, dtype=int)])
    if noise:
        X = X + rng.normal(scale=noise, size=X.shape)
    return _finish(X, y, shuffle, rng)


def make_disc_and_ring(n_samples=200, inner_radius=0.5, ring=(0.7, 1.0), random_state=None):
    """Points filling a disc (class 1) and a ring around it (class 0), uniform in area.

    The 2-D "circle" problem of the MLP demos: unlike ``make_circles`` the
    points fill the areas instead of lying on two curves.

    Parameters
    ----------
    n_samples : int, default=200
    inner_radius : float, default=0.5
        Radius of the inner disc.
    ring : (float, float), default=(0.7, 1.0)
        Inner and outer radius of the ring; its inner radius must exceed ``inner_radius``.
    random_state : None, int or numpy.random.Generator

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of int of shape (n_samples,), 1 inside the disc, 0 in the ring
    """
    if not 0 < inner_radius < ring[0] < ring[1] < np.inf:
        raise ValueError("make_disc_and_ring: need 0 < inner_radius < ring[0] < ring[1] < inf")
    rng = _check_sizes("make_disc_and_ring", random_state, n_samples=n_samples)
    n_disc = n_samples // 2
    n_ring = n_samples - n_disc
    # sqrt of a uniform radius^2 makes the points uniform in area
    r_disc = inner_radius * np.sqrt(rng.uniform(size=n_disc))
    r_ring = np.sqrt(rng.uniform(ring[0] ** 2, ring[1] ** 2, size=n_ring))
    r = np.concatenate([r_disc, r_ring])
    theta = rng.uniform(0, 2 * np.pi, size=n_samples)
    X = np.column_stack([r * np.cos(theta), r * np.sin(theta)])
    y = np.concatenate([np.ones(n_disc, dtype=int), np.zeros(n_ring, dtype=int)])
    return _finish(X, y, True, rng)


def make_classification(
    n_samples=100,
    n_features=20,
    n_informative=2,
    n_redundant=2,
    n_classes=2,
    n_clusters_per_class=2,
    class_sep=1.0,
    flip_y=0.01,
    shuffle=True,
    random_state=None,
):
    """A random classification problem in the spirit of scikit-learn's generator.

    Each class is made of ``n_clusters_per_class`` Gaussian clusters centred on
    distinct vertices of a hypercube of side ``2 * class_sep`` in the
    informative subspace; redundant features are random linear combinations of
    the informative ones; the remaining features are noise. A fraction
    ``flip_y`` of labels is reassigned at random.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of int of shape (n_samples,), values 0..n_classes-1
    """
    rng = _check_sizes("make_classification", random_state, n_samples=n_samples, n_features=n_features,
                       n_informative=n_informative, n_classes=n_classes,
                       n_clusters_per_class=n_clusters_per_class)
    check_scalar(n_redundant, "n_redundant", "make_classification", integer=True, low=0)
    check_scalar(class_sep, "class_sep", "make_classification", low=0.0)
    check_scalar(flip_y, "flip_y", "make_classification", low=0.0, high=1.0)
    if n_informative + n_redundant > n_features:
        raise ValueError("make_classification: n_informative + n_redundant must be <= n_features")
    n_clusters = n_classes * n_clusters_per_class
    if n_clusters > 2**n_informative:
        raise ValueError(
            f"n_classes * n_clusters_per_class = {n_clusters} must be <= 2**n_informative "
            f"= {2**n_informative}"
        )
    # distinct hypercube vertices as cluster centres
    vertex_ids = rng.choice(2**n_informative, size=n_clusters, replace=False)
    bits = (vertex_ids[:, None] >> np.arange(n_informative)[None, :]) & 1
    centroids = (2.0 * bits - 1.0) * class_sep
    counts = _split_counts(n_samples, n_clusters)
    informative = np.concatenate(
        [c + rng.standard_normal((n, n_informative)) for c, n in zip(centroids, counts)]
    )
    y = np.repeat(np.arange(n_clusters) % n_classes, counts)
    redundant = informative @ rng.uniform(-1, 1, size=(n_informative, n_redundant))
    noise = rng.standard_normal((n_samples, n_features - n_informative - n_redundant))
    X = np.hstack([informative, redundant, noise])
    if flip_y > 0:
        flip = rng.uniform(size=n_samples) < flip_y
        y[flip] = rng.integers(0, n_classes, size=flip.sum())
    return _finish(X, y, shuffle, rng)


def make_regression(
    n_samples=100,
    n_features=100,
    n_informative=10,
    noise=0.0,
    bias=0.0,
    coef=False,
    random_state=None,
):
    """A random linear regression problem y = X w + bias + noise.

    Only ``n_informative`` coefficients (drawn uniformly in [0, 100)) are non-zero.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    w : ndarray of shape (n_features,)
        Only when ``coef=True``: the true coefficients.
    """
    rng = _check_sizes("make_regression", random_state, n_samples=n_samples, n_features=n_features,
                       n_informative=n_informative)
    check_scalar(bias, "bias", "make_regression")
    _check_noise("make_regression", noise)
    n_informative = min(n_informative, n_features)
    X = rng.standard_normal((n_samples, n_features))
    w = np.zeros(n_features)
    w[:n_informative] = 100.0 * rng.uniform(size=n_informative)
    y = X @ w + bias
    if noise > 0:
        y = y + rng.normal(scale=noise, size=n_samples)
    if coef:
        return X, y, w
    return X, y
