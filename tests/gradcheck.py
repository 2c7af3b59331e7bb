"""Finite-difference gradient checks shared by the deep learning tests."""

import numpy as np


def numerical_gradient(f, x, eps=1e-6):
    """Central-difference gradient of the scalar function ``f()`` with respect to array ``x``.

    ``x`` is perturbed in place (and restored), so ``f`` may read it through a
    closure, e.g. a layer's ``params["W"]``.
    """
    grad = np.zeros_like(x, dtype=float)
    flat_x = x.reshape(-1)
    flat_g = grad.reshape(-1)
    for i in range(flat_x.size):
        old = flat_x[i]
        flat_x[i] = old + eps
        f_plus = f()
        flat_x[i] = old - eps
        f_minus = f()
        flat_x[i] = old
        flat_g[i] = (f_plus - f_minus) / (2 * eps)
    return grad


def relative_error(a, b):
    """max |a - b| / max(|a|, |b|, tiny), a scale-free comparison of two gradients."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    scale = max(np.abs(a).max(initial=0.0), np.abs(b).max(initial=0.0), 1e-12)
    return float(np.abs(a - b).max(initial=0.0) / scale)


def check_layer_gradients(layer, X, training=True, rng=None, eps=1e-6):
    """Compare a layer's analytic input and parameter gradients with finite differences.

    Uses the scalar loss L = sum(R * layer(X)) for a fixed random ``R`` so that
    every output element matters. Returns ``{name: relative error}`` with the
    key ``"input"`` for dL/dX and one key per entry of ``layer.params``.
    Layers that draw random numbers in the forward pass must be made
    deterministic by the caller (e.g. re-seeding their generator in a wrapper).
    """
    rng = np.random.default_rng(0) if rng is None else rng
    X = np.array(X, dtype=float)
    out = layer.forward_pass(X, training=training)
    R = rng.standard_normal(out.shape)

    def loss():
        return float(np.sum(R * layer.forward_pass(X, training=training)))

    layer.forward_pass(X, training=training)
    grad_input = layer.backward_pass(R.copy())
    errors = {"input": relative_error(grad_input, numerical_gradient(loss, X, eps))}
    analytic = {name: g.copy() for name, g in layer.grads.items()}
    for name, value in layer.params.items():
        errors[name] = relative_error(analytic[name], numerical_gradient(loss, value, eps))
    return errors
