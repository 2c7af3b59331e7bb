"""Run the example scripts, collect their headline results, and write the results table.

Every script in ``examples/`` follows one convention: flags ``--seed``, ``--quick``,
``--no-plot`` and ``--save-dir DIR``, and a last headline line printed by
``examples/_helpers.py``'s ``print_result``::

    RESULT example=<name> key=value key=value ...

This runner starts each example as a subprocess (headless: ``MPLBACKEND=Agg``, and
``OMP_NUM_THREADS`` / ``OPENBLAS_NUM_THREADS`` set to ``--threads``, default 1) in a
scratch working directory, with a time limit per example, and records its status
(``ok``, ``failed``, ``timeout`` or ``no RESULT``), wall time, peak memory and the
key/values of its RESULT line. It writes ``benchmarks/results.md`` (a Markdown table
and the machine it ran on) and ``benchmarks/results.json``. A run over a subset of the
examples is merged into the existing files: the other rows are kept.

Peak memory is the child's maximum resident set size (``ru_maxrss``) as returned by
``os.wait4`` on that child's pid, so each example is measured on its own (the
cumulative ``getrusage(RUSAGE_CHILDREN)`` only gives the maximum over all children so
far). It includes the interpreter and NumPy (about 30 MB). Where ``os.wait4`` does not
exist (Windows) the column is left empty.

Figures and the README
----------------------
``--save-figures DIR`` passes ``--save-dir DIR`` to every example (plus the extra flags
in ``EXTRA_ARGS``, e.g. ``--gif``), so the figures land in DIR, and stores the printed
output of the examples in ``TEXT_OUTPUTS`` as ``DIR/<name>.txt``. ``--update-readme``
rewrites the README's Results block (between ``<!-- RESULTS:START -->`` and
``<!-- RESULTS:END -->``) from the table and its Gallery block (between
``<!-- GALLERY:START -->`` and ``<!-- GALLERY:END -->``) from the files in the figures
folder; nothing else in the README changes. The README's figures are regenerated with::

    python benchmarks/run_examples.py --save-figures docs/images --update-readme

Other uses::

    python benchmarks/run_examples.py --quick                  # smoke run of every example
    python benchmarks/run_examples.py dbscan k_means --quick   # a subset, by name
    python benchmarks/run_examples.py --list
    python benchmarks/run_examples.py --no-run --update-readme # README and results.md from results.json

Full runs write ``benchmarks/results.{md,json}``; ``--quick`` runs write
``benchmarks/results_quick.{md,json}`` so that a smoke run never replaces the published
numbers (``--results STEM`` chooses another place). The exit code is 1 when any example
did not finish ``ok``.
"""

import argparse
import datetime
import json
import os
import platform
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mlfromscratch.utils.display import progress_bar  # noqa: E402

EXAMPLES_DIR = ROOT / "examples"
README = ROOT / "README.md"
FIGURES_DIR = ROOT / "docs" / "images"

# Extra flags given to an example when its figures are saved (--save-figures).
EXTRA_ARGS = {
    "polynomial_regression": ["--gif"],
    "deep_q_network": ["--gif"],  # the CartPole GIF needs pygame; the example skips it without
}

# Examples whose printed output is kept for the gallery: name -> (first lines, last lines).
TEXT_OUTPUTS = {
    "convolutional_neural_network": (60, 6),
    "neuroevolution": (21, 6),
    "genetic_algorithm": (22, 4),
    "apriori": (60, 6),
    "transformer_language_model": (80, 6),
}

# The README's gallery, in the order of the classic README. ``images``: file names in
# the figures folder; "a|b" takes the first that exists. When none of them exists the
# first ``<example>*.gif``, else ``<example>*.png``, is used. ``text``: embed the
# captured output (see TEXT_OUTPUTS).
GALLERY = [
    {
        "title": "Polynomial Regression",
        "example": "polynomial_regression",
        "images": ["polynomial_regression.gif|polynomial_regression.png"],
        "caption": "Training progress of a regularised polynomial regression model fitting the "
        "daily temperatures measured in Linköping, Sweden, in 2016.",
    },
    {
        "title": "Classification With CNN",
        "example": "convolutional_neural_network",
        "text": True,
        "images": ["convolutional_neural_network.png"],
        "caption": "Classification of the digits data set by a convolutional neural network.",
    },
    {
        "title": "Density-Based Clustering",
        "example": "dbscan",
        "images": ["dbscan.png"],
        "caption": "Clustering of the moons data set by DBSCAN.",
    },
    {
        "title": "Generating Handwritten Digits",
        "example": "generative_adversarial_network",
        "images": ["generative_adversarial_network.gif|generative_adversarial_network.png"],
        "caption": "Training progress of a generative adversarial network generating handwritten "
        "digits (the same noise vectors after every epoch).",
    },
    {
        "title": "Deep Reinforcement Learning",
        "example": "deep_q_network",
        "images": ["deep_q_network.png", "deep_q_network.gif"],
        "caption": "Deep Q-Network on CartPole-v1: learning curve (and the greedy policy when "
        "gymnasium can render).",
    },
    {
        "title": "Image Reconstruction With RBM",
        "example": "restricted_boltzmann_machine",
        "images": ["restricted_boltzmann_machine.gif|restricted_boltzmann_machine.png"],
        "caption": "Reconstructions of held-out handwritten digits by a restricted Boltzmann "
        "machine, getting better during training.",
    },
    {
        "title": "Evolutionary Evolved Neural Network",
        "example": "neuroevolution",
        "text": True,
        "images": ["neuroevolution.png"],
        "caption": "Classification of the digits data set by a neural network whose weights were "
        "evolved, not trained by gradient descent.",
    },
    {
        "title": "Genetic Algorithm",
        "example": "genetic_algorithm",
        "text": True,
        "images": [],
        "caption": None,
    },
    {
        "title": "Association Analysis",
        "example": "apriori",
        "text": True,
        "images": [],
        "caption": None,
    },
    {
        "title": "Multilayer Perceptron Decision Boundary",
        "example": "mlp_decision_boundary",
        "images": [
            "mlp_decision_boundary_circle_gradient.gif|mlp_decision_boundary_moons_gradient.gif",
            "mlp_decision_boundary_circle_genetic.gif|mlp_decision_boundary_moons_genetic.gif",
        ],
        "caption": "The output of a multilayer perceptron over the plane while it learns, trained by "
        "backpropagation (first) and by a genetic algorithm (second), beside its training loss.",
    },
    {
        "title": "Character-Level GPT on Tiny Shakespeare",
        "example": "transformer_language_model",
        "text": True,
        "images": ["transformer_language_model.png"],
        "caption": "A two-block Transformer trained for two minutes on one core: training and "
        "validation loss in nats per character against the unigram and bigram baselines.",
    },
    {
        "title": "Variational Autoencoder",
        "example": "variational_autoencoder",
        "images": ["variational_autoencoder.png"],
        "caption": "Digits sampled from the prior, the decoded 2-D latent plane, held-out digits at "
        "their posterior means, reconstructions and the ELBO during training.",
    },
    {
        "title": "t-SNE",
        "example": "t_sne",
        "images": ["t_sne.png"],
        "caption": "1,000 handwritten digits mapped to 2-D by t-SNE, beside the first two principal "
        "components; neither method saw the labels.",
    },
    {
        "title": "Gaussian Process Regression",
        "example": "gaussian_process_regression",
        "images": ["gaussian_process_regression.png"],
        "caption": "The posterior mean and 95% bands of a Gaussian process whose length scale and "
        "noise were fitted by maximising the marginal likelihood.",
    },
    {
        "title": "Hidden Markov Model",
        "example": "hidden_markov_model",
        "images": ["hidden_markov_model.png"],
        "caption": "The occasionally dishonest casino: which die rolled each number, decoded from "
        "the rolls alone after Baum-Welch learned the two dice.",
    },
    {
        "title": "Non-negative Matrix Factorization",
        "example": "non_negative_matrix_factorization",
        "images": ["non_negative_matrix_factorization.png"],
        "caption": "The 16 non-negative parts NMF finds in the digits, and digits rebuilt as sums of them.",
    },
    {
        "title": "Multi-armed Bandits",
        "example": "multi_armed_bandits",
        "images": ["multi_armed_bandits.png"],
        "caption": "Regret of epsilon-greedy, UCB1 and Thompson sampling on Bernoulli arms.",
    },
    {
        "title": "Tabular Q-learning and SARSA",
        "example": "tabular_q_learning",
        "images": ["tabular_q_learning.png"],
        "caption": "Learned values and greedy paths on CliffWalking: Q-learning walks the cliff edge, "
        "SARSA keeps a safer distance while it explores.",
    },
    {
        "title": "Image Regression",
        "example": "image_regression",
        "images": ["image_regression.png", "image_regression_genetic.gif"],
        "caption": "A multilayer perceptron learning a photograph as a function (x, y) -> grey level, "
        "by backpropagation and by a genetic algorithm (the animation follows the genetic one).",
    },
]

# Display names where the title-cased file name is not the usual spelling.
NAMES = {
    "dbscan": "DBSCAN",
    "xgboost": "XGBoost",
    "adaboost": "AdaBoost",
    "apriori": "Apriori",
    "fp_growth": "FP-Growth",
    "k_means": "K-Means",
    "k_nearest_neighbors": "K Nearest Neighbors",
    "multi_class_lda": "Multi-class LDA",
    "dcgan": "DCGAN",
    "deep_q_network": "Deep Q-Network",
    "mlp_decision_boundary": "MLP decision boundary",
    "naive_bayes": "Naive Bayes",
    "restricted_boltzmann_machine": "Restricted Boltzmann machine",
    "demo": "Demo (every classifier and regressor)",
    "t_sne": "t-SNE",
    "non_negative_matrix_factorization": "Non-negative matrix factorization",
    "gaussian_process_regression": "Gaussian process regression",
    "hidden_markov_model": "Hidden Markov model",
    "variational_autoencoder": "Variational autoencoder",
    "multi_armed_bandits": "Multi-armed bandits",
    "tabular_q_learning": "Tabular Q-learning and SARSA",
    "transformer_language_model": "Character-level GPT",
}

# Data set names for the loaders and generators an example calls (found in its source).
DATASET_NAMES = {
    "load_digits": "digits 8x8",
    "load_iris": "Iris",
    "load_wine": "Wine",
    "load_breast_cancer": "breast cancer",
    "load_temperature": "Linköping temperatures",
    "load_mnist": "MNIST (5,000)",
    "make_blobs": "blobs",
    "make_moons": "moons",
    "make_circles": "circles",
    "make_disc_and_ring": "disc and ring",
    "make_classification": "synthetic classification",
    "make_regression": "synthetic regression",
    "CartPole": "CartPole-v1",
    "load_tinyshakespeare": "Tiny Shakespeare",
}
# Examples whose data set is not one of the above.
DATASETS = {
    "apriori": "toy transactions",
    "fp_growth": "toy transactions",
    "genetic_algorithm": "target string",
    "recurrent_neural_network": "multiplication series",
    "decision_tree_classifier": "Iris",  # the default of its --dataset flag
    "xgboost": "digits 8x8",
    "image_regression": "Grace Hopper photo (matplotlib sample)",
    "hidden_markov_model": "dishonest casino (simulated)",
    "multi_armed_bandits": "Bernoulli arms (simulated)",
    "tabular_q_learning": "CliffWalking-v1, FrozenLake-v1",
}

STATUS_OK = "ok"
RESULT_PREFIX = "RESULT "
TIME_KEY = re.compile(r"(^|_)time(_s)?$")
# settings echoed in RESULT lines, left out of the short headline
SETTING_KEYS = {"seed", "n_epochs", "n_episodes", "n_eval_episodes", "n_generations", "n_estimators", "n_iter",
                "population_size"}
STDERR_TAIL = 3000


# --------------------------------------------------------------------------- running


def discover(examples_dir):
    """Example names (file stems) in ``examples_dir``, sorted; files starting with _ are skipped."""
    return sorted(p.stem for p in Path(examples_dir).glob("*.py") if not p.name.startswith("_"))


def convert(value):
    """A RESULT value as bool, int or float where it reads as one, else the string."""
    if value in ("True", "False"):
        return value == "True"
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            pass
    return value


def parse_result(stdout):
    """The key/values of the last ``RESULT`` line in ``stdout``, or None when there is none.

    Tokens without ``=`` continue the previous value (a value printed with spaces).
    """
    lines = [line for line in stdout.splitlines() if line.startswith(RESULT_PREFIX)]
    if not lines:
        return None
    metrics = {}
    key = None
    for token in lines[-1][len(RESULT_PREFIX):].split():
        if "=" in token:
            key, value = token.split("=", 1)
            metrics[key] = value
        elif key is not None:
            metrics[key] += " " + token
    return {key: convert(value) for key, value in metrics.items()}


def trim_output(stdout, head, tail):
    """The printed output for the gallery: RESULT and "Saved ..." lines dropped, long runs cut."""
    lines = [
        line.rstrip()
        for line in stdout.splitlines()
        if not line.startswith(RESULT_PREFIX) and not line.startswith("Saved ")
    ]
    while lines and not lines[-1]:
        lines.pop()
    if len(lines) > head + tail + 1:
        lines = lines[:head] + ["..."] + lines[-tail:]
    return "\n".join(lines) + "\n"


def child_env(threads):
    """The environment of an example: headless, fixed thread count, the repository importable."""
    env = dict(os.environ)
    env.update(
        MPLBACKEND="Agg",
        OMP_NUM_THREADS=str(threads),
        OPENBLAS_NUM_THREADS=str(threads),
        MKL_NUM_THREADS=str(threads),
        PYTHONUNBUFFERED="1",
    )
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return env


def _kill(proc):
    """Stop a timed-out example and everything it started (its own process group)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            return
        deadline = time.perf_counter() + 5
        while time.perf_counter() < deadline:
            if os.waitpid(proc.pid, os.WNOHANG)[0] == 0:
                time.sleep(0.05)
            else:
                return


def run_process(command, timeout, cwd, env, stdout, stderr):
    """Run ``command`` to completion or ``timeout`` seconds.

    Returns (return code or None on timeout, wall seconds, peak RSS in MB or None). Output goes
    to the open files ``stdout`` / ``stderr`` (files, not pipes: nothing can block on a full pipe).
    """
    start = time.perf_counter()
    if not hasattr(os, "wait4"):  # Windows: no per-child rusage
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=stdout, stderr=stderr)
        try:
            code = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            code = None
        return code, time.perf_counter() - start, None

    proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=stdout, stderr=stderr, start_new_session=True)
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        elapsed = time.perf_counter() - start
        if pid != 0:
            break
        if elapsed > timeout:
            _kill(proc)
            proc.returncode = -signal.SIGKILL  # reaped by _kill; keep Popen from waiting again
            return None, elapsed, None
        time.sleep(0.02 if elapsed < 1 else 0.1)
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code  # already reaped by wait4
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS
    peak_mb = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return code, elapsed, peak_mb


def _tail(path, n_chars):
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    # progress bars redraw with carriage returns: keep the last state of each line
    text = "\n".join(line.rsplit("\r", 1)[-1] for line in text.splitlines())
    return text[-n_chars:]


def run_example(name, args, workdir):
    """Run one example; returns its record for results.json."""
    script = Path(args.examples_dir) / f"{name}.py"
    command = [sys.executable, str(script), "--seed", str(args.seed)]
    if args.quick:
        command.append("--quick")
    if args.save_figures:
        command += ["--save-dir", str(args.save_figures)] + EXTRA_ARGS.get(name, [])
    else:
        command.append("--no-plot")
    command += args.example_args
    out_path = Path(workdir) / f"{name}.stdout"
    err_path = Path(workdir) / f"{name}.stderr"
    with open(out_path, "w") as out, open(err_path, "w") as err:
        code, wall, peak_mb = run_process(command, args.timeout, workdir, child_env(args.threads), out, err)
    stdout = out_path.read_text(encoding="utf-8", errors="replace")
    metrics = parse_result(stdout)

    error = None
    if code is None:
        status = "timeout"
        error = f"killed after {args.timeout:g} s; last output:\n{_tail(out_path, 500)}"
    elif code != 0:
        status = "failed"
        error = _tail(err_path, STDERR_TAIL) or _tail(out_path, STDERR_TAIL)
    elif metrics is None:
        status = "no RESULT"
        error = "no line starting with 'RESULT ' in the output"
    elif metrics.get("example") != name:
        status = "no RESULT"
        error = f"RESULT line names example={metrics.get('example')!r}, expected {name!r}"
    else:
        status = STATUS_OK

    if args.save_figures and name in TEXT_OUTPUTS and status == STATUS_OK:
        head, tail = TEXT_OUTPUTS[name]
        (Path(args.save_figures) / f"{name}.txt").write_text(trim_output(stdout, head, tail), encoding="utf-8")

    shown = [Path(command[0]).name] + [_display_path(part) for part in command[1:]]
    return {
        "status": status,
        "returncode": code,
        "wall_time_s": round(wall, 2),
        "peak_mb": None if peak_mb is None else round(peak_mb, 1),
        "metrics": {k: v for k, v in (metrics or {}).items() if k != "example"},
        "mode": "quick" if args.quick else "full",
        "threads": args.threads,
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "command": " ".join(shown),
        "error": error,
    }


def _display_path(part):
    """Paths inside the repository shown relative to it (no user's home in the results)."""
    try:
        return str(Path(part).resolve().relative_to(ROOT))
    except (ValueError, OSError):
        return part


# --------------------------------------------------------------------------- reporting


def machine_description(threads):
    """CPU, thread count and library versions of this machine (no host name)."""
    import numpy

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cpu_count": os.cpu_count(),
        "threads": threads,
        "platform": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "numpy": numpy.__version__,
    }


def load_results(path):
    """The previous results.json, or an empty one."""
    path = Path(path)
    if path.exists():
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            print(f"warning: {path} is not valid JSON; starting a new one", file=sys.stderr)
    return {"machine": None, "examples": {}}


def write_json(path, data):
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _format(value):
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1e5 else f"{value:.3e}"
    return str(value)


def headline(metrics, limit=None):
    """``key=value`` pairs of a RESULT line, its quality metrics first, timings last.

    ``limit`` keeps only the first quality metrics (no timings, no settings such as n_epochs).
    """
    quality = [k for k in metrics if not TIME_KEY.search(k) and k != "seed"]
    if limit is not None:
        short = [k for k in quality if k not in SETTING_KEYS]
        return ", ".join(f"{k}={_format(metrics[k])}" for k in short[:limit])
    timings = [k for k in metrics if TIME_KEY.search(k)]
    return ", ".join(f"{k}={_format(metrics[k])}" for k in quality + timings)


def machine_line(machine):
    return (
        f"{machine['cpu']}, {machine['cpu_count']} CPUs, {machine['threads']} thread(s) "
        f"(OMP_NUM_THREADS / OPENBLAS_NUM_THREADS), {machine['platform']}, "
        f"Python {machine['python']}, NumPy {machine['numpy']}"
    )


def markdown_table(data, all_names):
    """results.md: the machine, then one row per example."""
    entries = data["examples"]
    machine = data["machine"]
    modes = sorted({e["mode"] for e in entries.values()})
    dates = sorted(e["date"] for e in entries.values())
    lines = ["# Example results", ""]
    lines.append("Generated by `python benchmarks/run_examples.py` (do not edit by hand).")
    lines.append("")
    if machine:
        lines.append(f"- Machine: {machine_line(machine)}")
    if dates:
        span = dates[0][:10] if dates[0][:10] == dates[-1][:10] else f"{dates[0][:10]} to {dates[-1][:10]}"
        lines.append(f"- Date: {span}")
    lines.append(f"- Mode: {' and '.join(modes) if modes else '-'} (`--quick` runs are the few-second smoke versions)")
    threads = sorted({e["threads"] for e in entries.values()})
    if len(threads) > 1:
        lines.append(f"- Rows were measured with different thread counts: {threads}")
    n_ok = sum(e["status"] == STATUS_OK for e in entries.values())
    lines.append(f"- {n_ok} of {len(entries)} examples ok")
    lines += ["", "| example | status | headline metrics | time (s) | peak MB |", "|---|---|---|---:|---:|"]
    for name in sorted(entries):
        e = entries[name]
        peak = "" if e["peak_mb"] is None else f"{e['peak_mb']:.0f}"
        lines.append(
            f"| {name} | {e['status']} | {headline(e['metrics'])} | {e['wall_time_s']:.1f} | {peak} |"
        )
    not_run = [n for n in all_names if n not in entries]
    if not_run:
        lines += ["", "Not run yet: " + ", ".join(not_run)]
    failures = [n for n in sorted(entries) if entries[n]["status"] != STATUS_OK]
    if failures:
        lines += ["", "## Problems", ""]
        for name in failures:
            error = (entries[name]["error"] or "").strip()
            lines += [f"### {name}: {entries[name]['status']}", "", "```text", error, "```", ""]
    return "\n".join(lines).rstrip() + "\n"


def display_name(name):
    return NAMES.get(name, name.replace("_", " ").capitalize())


def dataset_of(name, examples_dir):
    """The data set an example uses: DATASETS, else the loaders/generators called in its source."""
    if name in DATASETS:
        return DATASETS[name]
    try:
        source = (Path(examples_dir) / f"{name}.py").read_text(encoding="utf-8")
    except OSError:
        return ""
    found = []
    for match in re.finditer(r"\b(load_\w+|make_\w+)\(|(CartPole)", source):
        label = DATASET_NAMES.get(match.group(1) or match.group(2))
        if label and label not in found:
            found.append(label)
    return " + ".join(found)


# --------------------------------------------------------------------------- README


def replace_block(text, marker, content):
    """``text`` with the lines between ``<!-- MARKER:START -->`` and ``<!-- MARKER:END -->`` replaced."""
    start, end = f"<!-- {marker}:START -->", f"<!-- {marker}:END -->"
    i, j = text.find(start), text.find(end)
    if i < 0 or j < i:
        raise ValueError(f"README has no {start} ... {end} block")
    return text[: i + len(start)] + "\n" + content.strip("\n") + "\n" + text[j:]


def results_block(data, examples_dir, readme_dir, md_path):
    """The README's Results section: one row per example that was run."""
    entries = data["examples"]
    machine = data["machine"]
    if not entries:
        return "No results yet: run `python benchmarks/run_examples.py --update-readme`."
    modes = sorted({e["mode"] for e in entries.values()})
    rel = _relative(Path(examples_dir), readme_dir)
    lines = [
        "Produced by `python benchmarks/run_examples.py --save-figures docs/images --update-readme`: "
        f"every example run {'in ' + ' and '.join(modes) + ' mode' if modes != ['full'] else 'in full'}, "
        "one after the other, each as its own process. Times are wall-clock seconds for the whole "
        "script (data loading, training, evaluation and figures) on "
        + (machine_line(machine) if machine else "an unknown machine")
        + f", {sorted(e['date'] for e in entries.values())[-1][:10]}. "
        f"The full table, with memory use, is in [{Path(md_path).name}]({_relative(md_path, readme_dir)}).",
        "",
        "| Example | Data set | Result | Time (s) |",
        "|---|---|---|---:|",
    ]
    for name in sorted(entries):
        e = entries[name]
        if not (Path(examples_dir) / f"{name}.py").exists():
            continue
        result = headline(e["metrics"], limit=2) if e["status"] == STATUS_OK else f"**{e['status']}**"
        lines.append(
            f"| [{display_name(name)}]({rel}/{name}.py) | {dataset_of(name, examples_dir)} | {result} "
            f"| {e['wall_time_s']:.1f} |"
        )
    return "\n".join(lines)


def _relative(path, start):
    try:
        return Path(os.path.relpath(Path(path).resolve(), Path(start).resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).resolve().as_posix()


def _pick_images(item, figures_dir):
    chosen = []
    for spec in item["images"]:
        for candidate in spec.split("|"):
            if (figures_dir / candidate).is_file():
                chosen.append(candidate)
                break
    if not chosen and item["images"]:
        for pattern in (f"{item['example']}*.gif", f"{item['example']}*.png"):
            found = sorted(p.name for p in figures_dir.glob(pattern))
            if found:
                chosen.append(found[0])
                break
    return chosen


def gallery_block(figures_dir, examples_dir, readme_dir):
    """The README's Gallery: for every GALLERY item with a figure or captured text, a section."""
    figures_dir = Path(figures_dir)
    rel_figures = _relative(figures_dir, readme_dir)
    rel_examples = _relative(examples_dir, readme_dir)
    sections = [
        "Regenerate every figure below with "
        "`python benchmarks/run_examples.py --save-figures docs/images --update-readme`."
    ]
    for item in GALLERY:
        name = item["example"]
        if not (Path(examples_dir) / f"{name}.py").exists():
            continue
        images = _pick_images(item, figures_dir)
        text_file = figures_dir / f"{name}.txt"
        text = text_file.read_text(encoding="utf-8") if item.get("text") and text_file.is_file() else None
        if not images and text is None:
            continue
        parts = [f"### {item['title']}", "", "```text", f"$ python {rel_examples}/{name}.py"]
        if text is not None:
            parts += ["", text.rstrip("\n")]
        parts.append("```")
        for image in images:
            parts += ["", f"![{item['title']}]({rel_figures}/{image})"]
        if images and item.get("caption"):
            parts += ["", f"*Figure: {item['caption']}*"]
        sections.append("\n".join(parts))
    return "\n\n".join(sections)


def update_readme(readme, data, figures_dir, examples_dir, md_path):
    """Rewrite only the RESULTS and GALLERY blocks of ``readme``."""
    readme = Path(readme)
    text = readme.read_text(encoding="utf-8")
    new = replace_block(text, "RESULTS", results_block(data, examples_dir, readme.parent, md_path))
    new = replace_block(new, "GALLERY", gallery_block(figures_dir, examples_dir, readme.parent))
    if new != text:
        # re-read just before writing: someone may be editing the rest of the README
        current = readme.read_text(encoding="utf-8")
        if current != text:
            new = replace_block(current, "RESULTS", results_block(data, examples_dir, readme.parent, md_path))
            new = replace_block(new, "GALLERY", gallery_block(figures_dir, examples_dir, readme.parent))
        readme.write_text(new, encoding="utf-8")
    return new != text


def folder_size_mb(folder):
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file()) / 2**20


# --------------------------------------------------------------------------- main


def build_parser():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="examples to run (file stems); default: all")
    parser.add_argument("--only", action="append", default=[], help="examples to run, comma-separated (repeatable)")
    parser.add_argument("--quick", action="store_true", help="pass --quick to every example")
    parser.add_argument("--timeout", type=float, default=None,
                        help="seconds per example (default 120 with --quick, else 1800)")
    parser.add_argument("--threads", type=int, default=1, help="OMP/OPENBLAS threads per example (default 1)")
    parser.add_argument("--seed", type=int, default=1, help="--seed passed to every example (default 1)")
    parser.add_argument("--save-figures", metavar="DIR", default=None,
                        help="pass --save-dir DIR to every example (else --no-plot)")
    parser.add_argument("--update-readme", action="store_true", help="rewrite the README's Results and Gallery blocks")
    parser.add_argument("--results", metavar="STEM", default=None,
                        help="write STEM.md and STEM.json (default benchmarks/results, with --quick results_quick)")
    parser.add_argument("--examples-dir", default=str(EXAMPLES_DIR), help=argparse.SUPPRESS)
    parser.add_argument("--readme", default=str(README), help=argparse.SUPPRESS)
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("--list", action="store_true", help="list the examples and exit")
    parser.add_argument("--no-run", action="store_true",
                        help="run nothing: rewrite the tables (and the README with --update-readme) from the JSON")
    parser.add_argument("--example-args", nargs=argparse.REMAINDER, default=[],
                        help="extra arguments for every example (must come last)")
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    all_names = discover(args.examples_dir)
    if args.list:
        print("\n".join(all_names))
        return 0
    requested = list(args.names) + [n.strip() for group in args.only for n in group.split(",") if n.strip()]
    requested = [n[:-3] if n.endswith(".py") else n for n in requested]
    unknown = [n for n in requested if n not in all_names]
    if unknown:
        print(f"unknown example(s): {', '.join(unknown)}; available: {', '.join(all_names)}", file=sys.stderr)
        return 2
    names = [] if args.no_run else list(dict.fromkeys(requested)) or all_names
    if args.timeout is None:
        args.timeout = 120.0 if args.quick else 1800.0
    if args.save_figures:
        args.save_figures = Path(args.save_figures).resolve()
        args.save_figures.mkdir(parents=True, exist_ok=True)
    stem = Path(args.results) if args.results else ROOT / "benchmarks" / ("results_quick" if args.quick else "results")
    stem = stem.resolve()
    stem.parent.mkdir(parents=True, exist_ok=True)
    json_path, md_path = stem.with_suffix(".json"), stem.with_suffix(".md")

    data = load_results(json_path)
    # forget rows of examples that no longer exist (renamed or removed)
    data["examples"] = {k: v for k, v in data.get("examples", {}).items() if k in all_names}
    if names or not data.get("machine"):  # --no-run keeps the machine the rows were measured on
        data["machine"] = machine_description(args.threads)
        print(
            f"Running {len(names)} example(s) {'--quick' if args.quick else 'in full'}, {args.threads} thread(s), "
            f"timeout {args.timeout:.0f} s each -> {md_path}",
            flush=True,
        )
    bar = None if args.no_progress or not names else progress_bar(len(names), label="Examples")
    with tempfile.TemporaryDirectory(prefix="run_examples_") as workdir:
        for i, name in enumerate(names):
            record = run_example(name, args, workdir)
            data["examples"][name] = record
            # written after every example, so a run that is stopped keeps what it measured
            write_json(json_path, data)
            md_path.write_text(markdown_table(data, all_names), encoding="utf-8")
            peak = "" if record["peak_mb"] is None else f"{record['peak_mb']:6.0f} MB"
            summary = headline(record["metrics"], limit=2)
            print(f"\r{record['status']:>9}  {name:<34} {record['wall_time_s']:7.1f} s {peak}  {summary}", flush=True)
            if bar is not None:
                bar.update(i + 1)
    if bar is not None:
        bar.finish()
    md_path.write_text(markdown_table(data, all_names), encoding="utf-8")

    failed = [n for n in names if data["examples"][n]["status"] != STATUS_OK]
    if names:
        print(f"\n{len(names) - len(failed)} of {len(names)} ok; wrote {md_path} and {json_path}")
    else:
        print(f"Rewrote {md_path} from {json_path}")
    for name in failed:
        e = data["examples"][name]
        last = (e["error"] or "").strip().splitlines()
        print(f"  {name}: {e['status']}: {last[-1] if last else ''}")
    if args.save_figures:
        size = folder_size_mb(args.save_figures)
        print(f"Figures in {args.save_figures}: {size:.1f} MB" + ("  (over the 15 MB budget!)" if size > 15 else ""))
    if args.update_readme:
        figures = args.save_figures or FIGURES_DIR
        changed = update_readme(args.readme, data, figures, args.examples_dir, md_path)
        print(f"{'Updated' if changed else 'Unchanged'}: {args.readme} (Results and Gallery blocks)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
