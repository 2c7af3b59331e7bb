"""benchmarks/run_examples.py on tiny fake examples in tmp_path (it never runs the real ones here)."""

import importlib.util
import json
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load_runner():
    spec = importlib.util.spec_from_file_location("run_examples", ROOT / "benchmarks" / "run_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


runner = _load_runner()

# Each fake example follows the real convention (--seed, --quick, --no-plot, --save-dir) without
# importing numpy or matplotlib, so a run costs one bare interpreter start.
HEADER = textwrap.dedent(
    """
    import argparse, sys
    from pathlib import Path
    p = argparse.ArgumentParser()
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--no-plot", action="store_true")
    p.add_argument("--save-dir", default=None)
    args = p.parse_args()
    """
)
FAKES = {
    "good": """
        print("Accuracy: 0.9")
        if args.save_dir:
            Path(args.save_dir, "good.png").write_bytes(b"png")
            print("Saved figure to", args.save_dir)
        print("RESULT example=good accuracy=0.9000 fit_time_s=0.0100 quick=" + str(args.quick))
    """,
    "apriori": """
        for i in range(100):
            print(f"[{i} line]")
        print("RESULT example=apriori n_rules=3 label=two words")
    """,
    "crash": """
        print("RESULT example=crash accuracy=0.5")
        sys.stderr.write("Traceback: something broke\\n")
        sys.exit(3)
    """,
    "silent": """
        print("no headline here")
    """,
    "wrong_name": """
        print("RESULT example=other accuracy=1.0")
    """,
    "slow": """
        import time
        time.sleep(30)
    """,
}
README_TEXT = textwrap.dedent(
    """\
    # Title

    Text the lead wrote.

    ## Results

    <!-- RESULTS:START -->
    old results
    <!-- RESULTS:END -->

    ## Gallery

    <!-- GALLERY:START -->
    <!-- GALLERY:END -->

    ## After
    More text.
    """
)


@pytest.fixture
def project(tmp_path):
    examples = tmp_path / "examples"
    examples.mkdir()
    for name, body in FAKES.items():
        (examples / f"{name}.py").write_text(HEADER + textwrap.dedent(body))
    (examples / "_helper.py").write_text("raise SystemExit('not an example')\n")
    (tmp_path / "README.md").write_text(README_TEXT)
    return tmp_path


def _run(project, *extra):
    args = ["--examples-dir", str(project / "examples"), "--results", str(project / "out" / "results"),
            "--readme", str(project / "README.md"), "--no-progress", "--timeout", "1.5", *extra]
    return runner.main(args)


def _results(project):
    return json.loads((project / "out" / "results.json").read_text())


def test_parse_result_takes_the_last_result_line_and_converts_values():
    stdout = "RESULT example=a accuracy=0.1\nnoise\nRESULT example=b accuracy=0.9500 n=3 found=True name=x y\n"
    assert runner.parse_result(stdout) == {"example": "b", "accuracy": 0.95, "n": 3, "found": True, "name": "x y"}
    assert runner.parse_result("no result here\n  RESULT indented=1\n") is None


def test_headline_puts_quality_metrics_before_timings_and_drops_the_seed():
    metrics = {"fit_time_s": 1.23456, "accuracy": 0.98765, "seed": 1, "n_epochs": 3, "run_time_s": 2.0}
    assert runner.headline(metrics, limit=2) == "accuracy=0.9877"
    assert runner.headline(metrics) == "accuracy=0.9877, n_epochs=3, fit_time_s=1.235, run_time_s=2"


def test_trim_output_keeps_head_and_tail_and_drops_result_lines():
    text = "\n".join(f"line {i}" for i in range(50)) + "\nSaved figure to x\nRESULT example=a\n"
    trimmed = runner.trim_output(text, head=3, tail=2).splitlines()
    assert trimmed == ["line 0", "line 1", "line 2", "...", "line 48", "line 49"]


def test_replace_block_changes_only_the_marked_lines():
    new = runner.replace_block(README_TEXT, "RESULTS", "| a | b |")
    assert "old results" not in new and "| a | b |" in new
    assert new.replace("| a | b |", "old results") == README_TEXT
    with pytest.raises(ValueError, match="MISSING"):
        runner.replace_block(README_TEXT, "MISSING", "x")


def test_full_run_statuses_tables_figures_and_readme(project):
    figures = project / "docs" / "images"
    code = _run(project, "--quick", "--save-figures", str(figures), "--update-readme")
    assert code == 1  # some examples did not finish ok

    entries = _results(project)["examples"]
    assert set(entries) == set(FAKES)  # _helper.py is not an example
    statuses = {name: e["status"] for name, e in entries.items()}
    assert statuses == {"good": "ok", "apriori": "ok", "crash": "failed", "silent": "no RESULT",
                        "wrong_name": "no RESULT", "slow": "timeout"}
    good = entries["good"]
    assert good["metrics"] == {"accuracy": 0.9, "fit_time_s": 0.01, "quick": True}
    assert good["mode"] == "quick" and good["threads"] == 1 and good["returncode"] == 0
    assert good["peak_mb"] is None or 1 < good["peak_mb"] < 500
    assert 0 < good["wall_time_s"] < entries["slow"]["wall_time_s"] < 10
    assert "something broke" in entries["crash"]["error"]
    assert entries["slow"]["error"].startswith("killed after 1.5 s")

    # the examples ran with --save-dir: their figures and the captured gallery text are there
    assert (figures / "good.png").read_bytes() == b"png"
    captured = (figures / "apriori.txt").read_text()
    assert captured.startswith("[0 line]") and "..." in captured and "RESULT" not in captured

    table = (project / "out" / "results.md").read_text()
    assert "| good | ok | accuracy=0.9, quick=True, fit_time_s=0.01 |" in table
    assert "| slow | timeout |" in table and "2 of 6 examples ok" in table
    assert "CPUs" in table and "NumPy" in table

    readme = (project / "README.md").read_text()
    assert readme.startswith("# Title\n\nText the lead wrote.") and readme.endswith("## After\nMore text.\n")
    assert "old results" not in readme
    results = readme.split("<!-- RESULTS:START -->")[1].split("<!-- RESULTS:END -->")[0]
    assert "| [Good](examples/good.py) |" in results and "accuracy=0.9" in results
    assert "**timeout**" in results
    gallery = readme.split("<!-- GALLERY:START -->")[1].split("<!-- GALLERY:END -->")[0]
    assert "### Association Analysis" in gallery and "[0 line]" in gallery  # text captured from 'apriori'
    assert "### Density-Based Clustering" not in gallery  # no dbscan example here


def test_subset_runs_merge_into_the_previous_results(project):
    _run(project, "good", "silent")
    first = _results(project)["examples"]
    assert set(first) == {"good", "silent"}

    (project / "examples" / "silent.py").write_text(HEADER + 'print("RESULT example=silent accuracy=1")\n')
    assert _run(project, "--only", "silent") == 0
    merged = _results(project)["examples"]
    assert set(merged) == {"good", "silent"}
    assert merged["good"] == first["good"]  # kept as it was
    assert merged["silent"]["status"] == "ok" and merged["silent"]["mode"] == "full"
    assert "Not run yet: apriori, crash, slow, wrong_name" in (project / "out" / "results.md").read_text()

    # an example that was removed drops out of the table
    (project / "examples" / "good.py").unlink()
    _run(project, "silent")
    assert set(_results(project)["examples"]) == {"silent"}


def test_unknown_names_are_rejected(project, capsys):
    assert _run(project, "nope") == 2
    assert "unknown example(s): nope" in capsys.readouterr().err
    assert not (project / "out" / "results.json").exists()


def test_gallery_uses_existing_images_only(project):
    figures = project / "figs"
    figures.mkdir()
    examples = project / "examples"
    for name in ("polynomial_regression", "deep_q_network", "dbscan"):
        (examples / f"{name}.py").write_text("")
    (figures / "polynomial_regression.png").write_bytes(b"x")
    (figures / "polynomial_regression.gif").write_bytes(b"x")
    (figures / "deep_q_network.png").write_bytes(b"x")  # no CartPole GIF (no pygame)
    gallery = runner.gallery_block(figures, examples, project)
    assert "![Polynomial Regression](figs/polynomial_regression.gif)" in gallery
    assert "polynomial_regression.png" not in gallery  # the GIF is preferred
    assert "(figs/deep_q_network.png)" in gallery and "deep_q_network.gif" not in gallery
    assert "Density-Based Clustering" not in gallery  # the example exists but its figure does not
    assert "$ python examples/polynomial_regression.py" in gallery


def test_no_run_rewrites_the_tables_from_the_json(project):
    _run(project, "good")
    before = _results(project)
    (project / "out" / "results.md").write_text("stale")
    assert _run(project, "--no-run", "--update-readme") == 0
    assert _results(project) == before  # nothing ran, the JSON is untouched
    assert "| good | ok |" in (project / "out" / "results.md").read_text()
    assert "| [Good](examples/good.py) |" in (project / "README.md").read_text()
