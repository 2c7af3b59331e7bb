import numpy as np
import pytest

from mlfromscratch.utils.base import BaseEstimator


class Inner(BaseEstimator):
    def __init__(self, depth=3):
        self.depth = depth


class Model(BaseEstimator):
    def __init__(self, alpha=1.0, inner=None, weights=None):
        self.alpha = alpha
        self.inner = inner
        self.weights = weights


def test_get_and_set_params():
    model = Model(alpha=0.5, inner=Inner())
    params = model.get_params()
    assert params["alpha"] == 0.5 and params["inner__depth"] == 3
    assert model.get_params(deep=False) == {"alpha": 0.5, "inner": model.inner, "weights": None}
    assert model.set_params(alpha=2.0, inner__depth=7) is model
    assert model.alpha == 2.0 and model.inner.depth == 7
    with pytest.raises(ValueError, match="Invalid parameter"):
        model.set_params(beta=1)


def test_repr_shows_non_defaults_only():
    assert repr(Model()) == "Model()"
    assert repr(Model(alpha=0.1)) == "Model(alpha=0.1)"
    assert "weights=array" in repr(Model(weights=np.ones(2)))


def test_varargs_rejected():
    class Bad(BaseEstimator):
        def __init__(self, **kwargs):
            pass

    with pytest.raises(TypeError):
        Bad().get_params()


def test_sklearn_clone_works():
    sklearn_base = pytest.importorskip("sklearn.base")
    clone = sklearn_base.clone(Model(alpha=0.3))
    assert clone.alpha == 0.3


def test_role_mixins_score_and_type():
    from mlfromscratch.utils.base import ClassifierMixin, RegressorMixin

    class Constant(RegressorMixin, BaseEstimator):
        def predict(self, X):
            return np.full(len(X), 2.0)

    class Echo(ClassifierMixin, BaseEstimator):
        def predict(self, X):
            return np.asarray(X)[:, 0]

    y = np.array([1.0, 2.0, 3.0])
    assert Constant().score(np.zeros((3, 1)), y) == pytest.approx(0.0)          # the mean: R^2 = 0
    assert Constant().score(np.zeros((3, 1)), [2.0, 2.0, 2.0]) == 1.0           # constant y, exact fit
    X = np.array([[0], [1], [1], [0]])
    assert Echo().score(X, [0, 1, 0, 0]) == 0.75
    assert Echo().score(X, [0, 1, 0, 0], sample_weight=[1, 1, 2, 0]) == 0.5
    assert Echo._estimator_type == "classifier" and Constant._estimator_type == "regressor"


def test_r2_matches_scikit_learn():
    metrics = pytest.importorskip("sklearn.metrics")
    from mlfromscratch.utils.base import _r2_score

    rng = np.random.default_rng(0)
    y, y_hat, w = rng.normal(size=20), rng.normal(size=20), rng.uniform(size=20)
    assert _r2_score(y, y_hat) == pytest.approx(metrics.r2_score(y, y_hat))
    assert _r2_score(y, y_hat, w) == pytest.approx(metrics.r2_score(y, y_hat, sample_weight=w))


def test_tags_read_by_scikit_learn():
    pytest.importorskip("sklearn")
    from sklearn.utils import get_tags

    from mlfromscratch.supervised_learning import KNN, LinearRegression
    from mlfromscratch.unsupervised_learning import PCA, KMeans

    assert get_tags(KNN()).estimator_type == "classifier" and get_tags(KNN()).target_tags.required
    assert get_tags(LinearRegression()).estimator_type == "regressor"
    assert get_tags(KMeans()).estimator_type == "clusterer"
    assert get_tags(PCA()).transformer_tags is not None
    assert not get_tags(KNN()).input_tags.sparse and not get_tags(KNN()).input_tags.allow_nan
