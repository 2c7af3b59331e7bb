import numpy as np
import pytest

from mlfromscratch.utils import linear_kernel, polynomial_kernel, rbf_kernel


def test_kernels_by_hand():
    x, z = np.array([1.0, 2.0]), np.array([3.0, 4.0])
    assert linear_kernel()(x, z) == 11.0
    assert polynomial_kernel(degree=2, gamma=1.0, coef0=1.0)(x, z) == 144.0
    assert rbf_kernel(gamma=0.5)(x, z) == pytest.approx(np.exp(-0.5 * 8))


@pytest.mark.parametrize(
    "kernel", [linear_kernel(), polynomial_kernel(degree=3, gamma=0.5, coef0=2.0), rbf_kernel(gamma=0.3)]
)
def test_gram_matrix_equals_pairwise_loop(kernel):
    rng = np.random.default_rng(0)
    A, B = rng.normal(size=(6, 3)), rng.normal(size=(4, 3))
    K = kernel(A, B)
    assert K.shape == (6, 4)
    loop = np.array([[kernel(a, b) for b in B] for a in A])
    np.testing.assert_allclose(K, loop, rtol=1e-10)


def test_rbf_gram_is_symmetric_with_unit_diagonal():
    X = np.random.default_rng(2).normal(size=(5, 2))
    K = rbf_kernel(gamma=1.0)(X, X)
    np.testing.assert_allclose(K, K.T)
    np.testing.assert_allclose(np.diag(K), 1.0)
