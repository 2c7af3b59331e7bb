"""A character-level GPT trained on Tiny Shakespeare, in NumPy, on one core.

The model reads 64 characters and predicts, at every position, the next one::

    Embedding(65, 64) + PositionalEmbedding     ids (batch, 64) -> vectors (batch, 64, 64)
    TransformerBlock(4 heads) x 2               causal self-attention and a GELU MLP, pre-norm
    LayerNormalization, Dense(65)               logits of the next character at every position

about 110,000 parameters, trained in float32 with Adam on the softmax cross-entropy
over (batch, 64, 65) logits (``SoftmaxCrossEntropy``), on random windows of the
first 90% of the text; the last 10% is the validation split: 2,000 steps of 32
windows, 4.1 million characters, about 4 passes over the text. The learning rate
warms up for 100 steps to 0.006, then follows a cosine down to a tenth (after 600
steps, a peak of 0.003 had reached 2.05 on the validation split, 0.006 1.99).

The losses are in nats per character, beside two baselines computed from the
training split: a unigram model (character frequencies, about 3.3) and a bigram
model (the next character given the current one, add-one smoothing, about 2.5).
Everything the GPT does better than the bigram it learned from more than one
character of context. Then it writes: text sampled from a prompt with a
temperature and top-k sampling.

    python examples/transformer_language_model.py           # about 3 minutes on one core
    python examples/transformer_language_model.py --quick   # a few seconds
"""

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import example_parser, get_pyplot, print_result, show_or_save  # noqa: E402
from mlfromscratch.deep_learning import (  # noqa: E402
    Adam,
    Dense,
    Embedding,
    LayerNormalization,
    NeuralNetwork,
    PositionalEmbedding,
    SoftmaxCrossEntropy,
    TransformerBlock,
)
from mlfromscratch.utils import CharacterVocabulary, load_tinyshakespeare  # noqa: E402
from mlfromscratch.utils.numerics import softmax  # noqa: E402

FULL = dict(block_size=64, n_units=64, n_heads=4, n_blocks=2, batch_size=32, n_steps=2000, eval_every=200)
QUICK = dict(block_size=32, n_units=32, n_heads=4, n_blocks=1, batch_size=16, n_steps=150, eval_every=50)
CURVE_WINDOWS = 256  # windows of each split scored for the loss curves (the final losses use every window)


def baselines(train, val, n_tokens):
    """Validation loss (nats per character) of the unigram and the bigram model of the training split."""
    counts = np.bincount(train, minlength=n_tokens) + 1.0  # add-one smoothing
    unigram = -np.mean(np.log(counts / counts.sum())[val])
    pairs = np.ones((n_tokens, n_tokens))  # pairs[a, b]: how often b follows a, plus one
    np.add.at(pairs, (train[:-1], train[1:]), 1.0)
    next_char = pairs / pairs.sum(axis=1, keepdims=True)  # p(b | a)
    bigram = -np.mean(np.log(next_char[val[:-1], val[1:]]))
    return float(unigram), float(bigram)


def build_gpt(n_tokens, block_size, n_units, n_heads, n_blocks, learning_rate, random_state):
    """Token and position embeddings, ``n_blocks`` Transformer blocks, a final norm and the output layer."""
    model = NeuralNetwork(Adam(learning_rate=learning_rate), SoftmaxCrossEntropy(), dtype="float32",
                          random_state=random_state)
    model.add(Embedding(n_tokens, n_units, input_shape=(block_size,)))
    model.add(PositionalEmbedding())
    for _ in range(n_blocks):
        model.add(TransformerBlock(n_heads))
    model.add(LayerNormalization())
    model.add(Dense(n_tokens))  # logits of the next character at every position
    return model


def random_windows(ids, batch_size, block_size, rng):
    """``batch_size`` random windows of the text (batch, T) and the characters that follow them (batch, T)."""
    starts = rng.integers(0, len(ids) - block_size, size=batch_size)
    windows = ids[starts[:, None] + np.arange(block_size + 1)]  # (batch, T + 1)
    return windows[:, :-1], windows[:, 1:]


def evaluate(model, ids, block_size, one_hot, n_windows=None, batch_size=64):
    """Mean loss (nats per character) over the consecutive windows of ``ids``, or ``n_windows`` evenly spread ones."""
    starts = np.arange(0, len(ids) - block_size, block_size)
    if n_windows is not None and n_windows < len(starts):
        starts = starts[np.linspace(0, len(starts) - 1, n_windows).astype(int)]
    losses = []
    for i in range(0, len(starts), batch_size):
        windows = ids[starts[i : i + batch_size, None] + np.arange(block_size + 1)]
        loss, _ = model.test_on_batch(windows[:, :-1], one_hot[windows[:, 1:]])
        losses.append(loss * len(windows))
    return float(np.sum(losses) / len(starts))


def learning_rate_at(step, n_steps, peak, warmup=100):
    """Linear warm-up to ``peak``, then a cosine down to ``peak / 10``."""
    if step <= warmup:
        return peak * step / warmup
    progress = (step - warmup) / max(1, n_steps - warmup)
    return peak * (0.1 + 0.45 * (1.0 + np.cos(np.pi * progress)))


def sample(model, prompt_ids, n_chars, block_size, temperature, top_k, rng):
    """Extend ``prompt_ids`` by ``n_chars`` characters drawn one at a time from the model.

    The model reads exactly ``block_size`` ids. A shorter context is padded on
    the right: causal attention keeps position t from seeing the padding after
    it, so the logits at the last real position are those of the context alone.
    """
    ids = list(prompt_ids)
    for _ in range(n_chars):
        context = ids[-block_size:]
        window = np.zeros((1, block_size), dtype=np.int64)
        window[0, : len(context)] = context
        logits = model.predict(window)[0, len(context) - 1].astype(np.float64) / temperature  # (n_tokens,)
        if top_k is not None and top_k < len(logits):
            logits[logits < np.sort(logits)[-top_k]] = -np.inf  # only the k likeliest characters
        ids.append(int(rng.choice(len(logits), p=softmax(logits))))
    return ids


def peak_memory_mb():
    """Largest resident set size of this process so far, in MB (Linux reports KB, macOS bytes); None on Windows."""
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / 2**20 if sys.platform == "darwin" else peak / 2**10)


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--n-steps", type=int, default=None, help="training steps (default 2000, 150 with --quick)")
    parser.add_argument("--learning-rate", type=float, default=6e-3, help="Adam's peak step size (default 6e-3)")
    parser.add_argument("--prompt", default="ROMEO:", help="text the sample starts from")
    parser.add_argument("--n-chars", type=int, default=None,
                        help="characters to sample (default 500, 100 with --quick)")
    parser.add_argument("--temperature", type=float, default=0.8, help="sampling temperature (default 0.8)")
    parser.add_argument("--top-k", type=int, default=10, help="sample among the k likeliest characters (default 10)")
    args = parser.parse_args(argv)
    config = dict(QUICK if args.quick else FULL)
    n_steps = args.n_steps or config["n_steps"]
    n_chars = args.n_chars or (100 if args.quick else 500)
    T, batch_size = config["block_size"], config["batch_size"]
    rng = np.random.default_rng(args.seed)

    text = load_tinyshakespeare()
    vocab = CharacterVocabulary(text)
    ids = vocab.encode(text)
    split = int(0.9 * len(ids))
    train, val = ids[:split], ids[split:]
    if args.quick:  # a slice of the validation split is enough for a smoke run
        val = val[:8_000]
    unigram, bigram = baselines(train, val, len(vocab))
    print(f"Tiny Shakespeare: {len(text):,} characters, {len(vocab)} distinct; "
          f"{len(train):,} for training, {len(val):,} for validation")
    print(f"Baselines on the validation split: unigram {unigram:.3f}, bigram {bigram:.3f} nats per character\n")

    model = build_gpt(len(vocab), T, config["n_units"], config["n_heads"], config["n_blocks"],
                      args.learning_rate, args.seed)
    print(model.summary(name="GPT on Tiny Shakespeare"))
    one_hot = np.eye(len(vocab), dtype=np.float32)

    history = {"step": [], "train_loss": [], "val_loss": []}
    train_time = 0.0
    start, cpu_start = time.perf_counter(), time.process_time()
    for step in range(n_steps + 1):
        if step > 0:  # step 0 only records the untrained model's losses
            tic = time.perf_counter()
            model.optimizer.learning_rate = learning_rate_at(step, n_steps, args.learning_rate)
            X, y = random_windows(train, batch_size, T, rng)
            model.train_on_batch(X, one_hot[y])
            train_time += time.perf_counter() - tic
        if step % config["eval_every"] == 0 or step == n_steps:
            history["step"].append(step)
            history["train_loss"].append(evaluate(model, train, T, one_hot, n_windows=CURVE_WINDOWS))
            history["val_loss"].append(evaluate(model, val, T, one_hot, n_windows=CURVE_WINDOWS))
            speed = f"  ({step * batch_size * T / train_time:,.0f} tokens/s)" if step else ""
            print(f"step {step:5d}  train {history['train_loss'][-1]:.3f}  val {history['val_loss'][-1]:.3f} "
                  f"nats/char{speed}")
    fit_time, cpu_time = time.perf_counter() - start, time.process_time() - cpu_start
    tokens_per_s = n_steps * batch_size * T / train_time

    train_loss = evaluate(model, train[: len(val)], T, one_hot)
    val_loss = evaluate(model, val, T, one_hot)
    print(f"\nLoss in nats per character after {n_steps} steps ({fit_time:.1f} s, {cpu_time:.1f} s of CPU time, "
          f"{tokens_per_s:,.0f} tokens/s):")
    print(f"  GPT      training {train_loss:.3f}   validation {val_loss:.3f}")
    print(f"  unigram                      validation {unigram:.3f}")
    print(f"  bigram                       validation {bigram:.3f}")

    prompt = args.prompt or "\n"
    generated = sample(model, vocab.encode(prompt), n_chars, T, args.temperature, args.top_k, rng)
    print(f"\nSampled text (temperature {args.temperature}, top-k {args.top_k}):\n")
    print(vocab.decode(generated))
    print()

    if not args.no_plot:
        plt = get_pyplot()
        fig, ax = plt.subplots(figsize=(7, 4))
        ax.plot(history["step"], history["train_loss"], "o-", label="GPT training")
        ax.plot(history["step"], history["val_loss"], "o-", label="GPT validation")
        ax.axhline(unigram, color="grey", linestyle=":", label=f"unigram ({unigram:.2f})")
        ax.axhline(bigram, color="black", linestyle="--", label=f"bigram ({bigram:.2f})")
        ax.set_xlabel("Training step")
        ax.set_ylabel(f"Cross-entropy (nats per character, {CURVE_WINDOWS} windows)")
        ax.set_title(f"Character-level GPT on Tiny Shakespeare ({model.n_parameters():,} parameters)")
        ax.legend()
        show_or_save(fig, args, "transformer_language_model")

    print_result("transformer_language_model", val_loss=val_loss, bigram_loss=bigram, unigram_loss=unigram,
                 train_loss=train_loss, tokens_per_s=round(tokens_per_s), peak_memory_mb=peak_memory_mb(),
                 fit_time_s=fit_time, cpu_time_s=cpu_time)


if __name__ == "__main__":
    main()
