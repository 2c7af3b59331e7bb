"""Timing of one TransformerBlock's forward + backward pass, NumPy against PyTorch, at one thread.

For each size (batch, T, D, heads) the block runs forward and backward on the
same float32 input; PyTorch's ``TransformerEncoderLayer`` (pre-norm, tanh GELU,
causal mask, no dropout: the same computation) does the same when torch is
installed. Medians of repeated runs, then the ratio NumPy / PyTorch. Also the
layer-by-layer split of the NumPy pass, to show where the time goes.

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python benchmarks/bench_transformer.py
    ... --repeats 20 --dtype float64
"""

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mlfromscratch.deep_learning.layers import TransformerBlock  # noqa: E402

SIZES = [(32, 64, 64, 4), (16, 128, 128, 4), (8, 256, 256, 8)]  # (batch, T, D, heads); the first is the example's


def median_time(func, repeats):
    """Median wall time of ``func()`` over ``repeats`` runs (after one warm-up run)."""
    func()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def numpy_block(batch, T, D, heads, dtype, rng):
    block = TransformerBlock(heads, input_shape=(T, D))
    block.initialize(rng=rng)
    for key, value in block.params.items():
        block.params[key] = value.astype(dtype)
    X = rng.standard_normal((batch, T, D)).astype(dtype)
    G = rng.standard_normal((batch, T, D)).astype(dtype)

    def run():
        block.forward_pass(X)
        block.backward_pass(G)

    return block, X, G, run


def torch_block(batch, T, D, heads, dtype, rng):
    import torch

    torch_dtype = {"float32": torch.float32, "float64": torch.float64}[dtype]
    layer = torch.nn.TransformerEncoderLayer(
        D, heads, dim_feedforward=4 * D, dropout=0.0, batch_first=True, norm_first=True, dtype=torch_dtype,
        activation=lambda x: torch.nn.functional.gelu(x, approximate="tanh"),
    )
    X = torch.tensor(rng.standard_normal((batch, T, D)), dtype=torch_dtype, requires_grad=True)
    G = torch.tensor(rng.standard_normal((batch, T, D)), dtype=torch_dtype)
    mask = torch.nn.Transformer.generate_square_subsequent_mask(T, dtype=torch_dtype)

    def run():
        layer.zero_grad()
        X.grad = None
        layer(X, src_mask=mask, is_causal=True).backward(G)

    return run


def split_times(block, X, G, repeats):
    """Forward and backward time of each part of the block (the parts run on the outputs of the previous)."""
    rows = []
    block.forward_pass(X)  # hands the parts their arrays
    parts = [(name, getattr(block, name)) for name in ("norm1", "attention", "norm2", "mlp_in", "gelu", "mlp_out")]
    inputs = {}
    out = X
    for name, part in parts:
        inputs[name] = out
        out = part.forward_pass(out)
    for name, part in parts:
        forward = median_time(lambda part=part, name=name: part.forward_pass(inputs[name]), repeats)
        grad = np.ones_like(part.forward_pass(inputs[name]))
        backward = median_time(lambda part=part, grad=grad: part.backward_pass(grad), repeats)
        rows.append((name, forward, backward))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--dtype", choices=["float32", "float64"], default="float32")
    args = parser.parse_args(argv)
    try:
        import torch

        torch.set_num_threads(1)
    except ImportError:
        torch = None
        print("PyTorch is not installed: NumPy timings only (pip install torch to compare)\n")

    rng = np.random.default_rng(0)
    print(f"TransformerBlock forward + backward, {args.dtype}, median of {args.repeats} runs\n")
    print(f"{'batch x T x D, heads':>24} {'NumPy (ms)':>11} {'PyTorch (ms)':>13} {'ratio':>7} {'NumPy tokens/s':>15}")
    for batch, T, D, heads in SIZES:
        block, X, G, run = numpy_block(batch, T, D, heads, args.dtype, rng)
        ours = median_time(run, args.repeats)
        theirs = median_time(torch_block(batch, T, D, heads, args.dtype, rng), args.repeats) if torch else None
        ratio = f"{ours / theirs:7.2f}" if theirs else f"{'-':>7}"
        theirs_text = f"{theirs * 1e3:13.2f}" if theirs else f"{'-':>13}"
        print(f"{f'{batch} x {T} x {D}, {heads}':>24} {ours * 1e3:11.2f} {theirs_text} {ratio} "
              f"{batch * T / ours:15,.0f}")

    batch, T, D, heads = SIZES[0]
    block, X, G, _ = numpy_block(batch, T, D, heads, args.dtype, rng)
    print(f"\nWhere the NumPy time goes ({batch} x {T} x {D}, {heads} heads):")
    print(f"{'part':>10} {'forward (ms)':>13} {'backward (ms)':>14}")
    for name, forward, backward in split_times(block, X, G, args.repeats):
        print(f"{name:>10} {forward * 1e3:13.2f} {backward * 1e3:14.2f}")


if __name__ == "__main__":
    main()
