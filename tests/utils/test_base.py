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
