"""Window arithmetic shared by the spatial layers: padding, im2col and col2im.

A convolution or a pooling layer looks at the image through a ``kh x kw``
window that moves by ``stride``. Three small steps turn that into array code:

1. ``padding_amounts`` decides how many rows/columns to add on each side
   ("valid", "same" or explicit numbers) and ``pad_images`` adds them;
2. ``im2col`` returns every window at once as a strided *view* of shape
   ``(batch, channels, out_h, out_w, kh, kw)`` (no copy, no loop over pixels),
   so a convolution is one matrix product and a pooling one reduction;
3. ``col2im`` does the reverse for the backward pass: the gradient of each
   window element is added back to the pixel it was read from. Windows overlap
   when the stride is smaller than the kernel, so the sums are accumulated with
   one slice-add per kernel offset (``kh * kw`` of them), not per pixel.

Images are ``(batch, channels, height, width)`` throughout.
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def as_pair(value, name):
    """Return ``(a, b)`` from an int or a pair of ints, checking both are >= 1.

    Parameters
    ----------
    value : int or tuple of 2 ints
    name : str
        Used in the error message (e.g. ``"stride"``).
    """
    pair = (value, value) if np.isscalar(value) else tuple(value)
    if len(pair) != 2 or not all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in pair):
        raise ValueError(f"{name} must be an int or a pair of ints, got {value!r}")
    if min(pair) < 1:
        raise ValueError(f"{name} must be >= 1, got {value!r}")
    return int(pair[0]), int(pair[1])


def explicit_padding(padding):
    """Normalise an explicit padding spec to ``((top, bottom), (left, right))``.

    Accepts ``p`` (all sides), ``(ph, pw)`` (symmetric per axis) or
    ``((top, bottom), (left, right))``, all non-negative ints.
    """

    def is_int(v):
        return isinstance(v, (int, np.integer)) and not isinstance(v, bool)

    if is_int(padding):
        pads = ((padding, padding), (padding, padding))
    elif isinstance(padding, (tuple, list)) and len(padding) == 2 and all(is_int(p) for p in padding):
        pads = ((padding[0], padding[0]), (padding[1], padding[1]))
    elif (
        isinstance(padding, (tuple, list))
        and len(padding) == 2
        and all(isinstance(p, (tuple, list)) and len(p) == 2 and all(is_int(v) for v in p) for p in padding)
    ):
        pads = (tuple(padding[0]), tuple(padding[1]))
    else:
        raise ValueError(
            "padding must be 'same', 'valid', an int, (pad_h, pad_w) or ((top, bottom), (left, right)); "
            f"got {padding!r}"
        )
    if min(min(p) for p in pads) < 0:
        raise ValueError(f"padding must be non-negative, got {padding!r}")
    return tuple((int(a), int(b)) for a, b in pads)


def check_padding(padding, allow_explicit=True):
    """Raise a ValueError unless ``padding`` is "same", "valid" or (when allowed) an explicit spec."""
    if isinstance(padding, str):
        if padding not in ("same", "valid"):
            raise ValueError(f"padding must be 'same' or 'valid' (or explicit numbers), got {padding!r}")
    elif not allow_explicit:
        raise ValueError(f"padding must be 'same' or 'valid', got {padding!r}")
    else:
        explicit_padding(padding)
    return padding


def padding_amounts(padding, image_shape, kernel_shape, stride, allow_explicit=True):
    """Rows and columns to add around an image, as ``((top, bottom), (left, right))``.

    Parameters
    ----------
    padding : {"valid", "same"} or int or tuple
        ``"valid"``: none. ``"same"``: the output has ``ceil(size / stride)``
        positions along each axis, with the padding TensorFlow uses (see
        Notes). Otherwise an explicit spec (see ``explicit_padding``).
    image_shape : tuple (height, width)
    kernel_shape : tuple (kh, kw)
    stride : tuple (sh, sw)
    allow_explicit : bool, default=True
        When False only "valid" and "same" are accepted (pooling layers).

    Notes
    -----
    For "same" along one axis of size ``n`` with kernel ``k`` and stride ``s``:
    ``out = ceil(n / s)``, ``total = max((out - 1) * s + k - n, 0)``,
    ``before = total // 2`` and ``after = total - before`` (the extra row or
    column, when ``total`` is odd, goes at the bottom / right, as in TensorFlow).
    """
    if isinstance(padding, str):
        if padding == "valid":
            return ((0, 0), (0, 0))
        if padding == "same":
            pads = []
            for n, k, s in zip(image_shape, kernel_shape, stride):
                out = -(-n // s)  # ceil(n / s)
                total = max((out - 1) * s + k - n, 0)
                pads.append((total // 2, total - total // 2))
            return tuple(pads)
        raise ValueError(f"padding must be 'same' or 'valid' (or explicit numbers), got {padding!r}")
    if not allow_explicit:
        raise ValueError(f"padding must be 'same' or 'valid', got {padding!r}")
    return explicit_padding(padding)


def output_size(image_shape, kernel_shape, stride, pads, layer="layer"):
    """``(out_h, out_w)`` of a window sweep; ValueError when the window does not fit.

    ``out = (n + before + after - k) // s + 1`` along each axis.
    """
    sizes = []
    for n, k, s, (before, after) in zip(image_shape, kernel_shape, stride, pads):
        padded = n + before + after
        if padded < k:
            raise ValueError(
                f"{layer}: the {kernel_shape[0]}x{kernel_shape[1]} window does not fit in the "
                f"{image_shape[0]}x{image_shape[1]} input with padding {pads}; use a smaller window "
                "or padding='same'"
            )
        sizes.append((padded - k) // s + 1)
    return tuple(sizes)


def check_images(X, input_shape, layer):
    """Raise a ValueError unless ``X`` is a 4-D batch of images shaped ``(batch, *input_shape)``."""
    if X.ndim != 4:
        raise ValueError(f"{layer} expects input of shape (batch, channels, height, width), got shape {X.shape}")
    if input_shape is not None and X.shape[1:] != tuple(input_shape):
        raise ValueError(f"{layer} was built for images of shape {tuple(input_shape)}, got a batch of shape {X.shape}")


def check_input_shape(input_shape, layer):
    """Raise a ValueError unless ``input_shape`` is ``(channels, height, width)``."""
    if input_shape is None:
        raise ValueError(f"{layer} needs input_shape=(channels, height, width) when it is the first layer")
    if len(input_shape) != 3:
        raise ValueError(f"{layer} expects input_shape=(channels, height, width), got {tuple(input_shape)}")


def pad_images(X, pads, value=0.0):
    """Pad the two spatial axes of ``X`` (batch, C, H, W) with a constant."""
    if pads == ((0, 0), (0, 0)):
        return X
    return np.pad(X, ((0, 0), (0, 0), pads[0], pads[1]), mode="constant", constant_values=value)


def crop_images(X, pads):
    """Remove the padding added by ``pad_images`` (the backward of padding)."""
    (top, bottom), (left, right) = pads
    return X[:, :, top : X.shape[2] - bottom, left : X.shape[3] - right]


def im2col(X_padded, kernel_shape, stride, out_shape):
    """All windows of a padded batch as a read-only view (no copy).

    Parameters
    ----------
    X_padded : ndarray of shape (..., Hp, Wp)
        Usually (batch, C, Hp, Wp); any leading axes are carried along.
    kernel_shape, stride, out_shape : tuple of 2 ints

    Returns
    -------
    windows : ndarray of shape (..., out_h, out_w, kh, kw)
        ``windows[..., i, j, :, :] = X_padded[..., i*sh : i*sh + kh, j*sw : j*sw + kw]``.
    """
    (sh, sw), (oh, ow) = stride, out_shape
    windows = sliding_window_view(X_padded, kernel_shape, axis=(-2, -1))  # (..., Hp-kh+1, Wp-kw+1, kh, kw)
    return windows[..., : (oh - 1) * sh + 1 : sh, : (ow - 1) * sw + 1 : sw, :, :]


def col2im(grad_windows, padded_shape, stride):
    """Adjoint of ``im2col``: add each window element's gradient back onto its pixel.

    Parameters
    ----------
    grad_windows : ndarray of shape (kh, kw, ..., out_h, out_w)
        Kernel offsets first, so that ``grad_windows[u, v]`` (the gradient of
        offset (u, v) of every window) is one block, contiguous when the
        caller's layout allows it.
    padded_shape : tuple (..., Hp, Wp)
        Shape of the padded image, with the same leading axes.
    stride : tuple of 2 ints

    Returns
    -------
    grad : ndarray of shape padded_shape
    """
    kh, kw = grad_windows.shape[:2]
    oh, ow = grad_windows.shape[-2:]
    sh, sw = stride
    grad = np.zeros(padded_shape, dtype=grad_windows.dtype)
    # Offset (u, v) of window (i, j) read pixel (i*sh + u, j*sw + v): one strided slice
    # receives the whole (out_h, out_w) grid of that offset at once. Overlapping
    # windows (stride < kernel) add up.
    for u in range(kh):
        for v in range(kw):
            grad[..., u : u + (oh - 1) * sh + 1 : sh, v : v + (ow - 1) * sw + 1 : sw] += grad_windows[u, v]
    return grad
