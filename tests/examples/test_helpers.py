import numpy as np
import pytest

from examples import _helpers as helpers


def test_print_result_format(capsys):
    helpers.print_result("knn", accuracy=0.98765, n=3)
    assert capsys.readouterr().out.strip() == "RESULT example=knn accuracy=0.9877 n=3"


def test_example_parser_flags():
    args = helpers.example_parser("demo").parse_args(["--quick", "--seed", "3", "--save-dir", "out"])
    assert args.quick and args.seed == 3 and args.save_dir == "out" and not args.no_plot


def test_plots_save_headless(tmp_path, monkeypatch):
    monkeypatch.setenv("MPLBACKEND", "Agg")
    args = helpers.example_parser("x").parse_args(["--save-dir", str(tmp_path)])
    x = np.linspace(0, 1, 20)
    fig = helpers.Plot().plot_regression(
        lines=[{"x": x, "y": x**2, "color": "black", "label": "fit"}],
        title="Regression",
        axis_labels={"x": "t", "y": "y"},
        mse=0.5,
        scatter=[{"x": x, "y": x**2 + 0.1, "color": "red", "label": "data"}],
        legend={"type": "lines", "loc": "lower right"},
    )
    assert helpers.show_or_save(fig, args, "regression").exists()
    X = np.random.default_rng(0).normal(size=(30, 5))
    y = np.arange(30) % 3
    fig = helpers.Plot().plot_in_2d(X, y, title="PCA", accuracy=0.9, legend_labels=["a", "b", "c"])
    assert helpers.show_or_save(fig, args, "scatter2d").exists()
    fig = helpers.Plot().plot_in_3d(X, y, title="3d")
    assert helpers.show_or_save(fig, args, "scatter3d").exists()


def test_image_grid_tiles_images_with_borders():
    images = np.arange(5 * 4, dtype=float).reshape(5, 2, 2) / 20  # five 2x2 images
    grid = helpers.image_grid(images, n_cols=3, size=2)
    assert grid.shape == (2 * 3 + 1, 3 * 3 + 1)
    np.testing.assert_array_equal(grid[1:3, 4:6], images[1])  # row 0, column 1
    np.testing.assert_array_equal(grid[4:6, 4:6], images[4])  # row 1, column 1
    np.testing.assert_array_equal(grid[4:6, 7:9], 1.0)  # the empty slot stays white
    assert np.all(grid[0] == 1.0) and np.all(grid[:, 3] == 1.0)  # borders


def test_save_animation_and_images_and_curves_write_files(tmp_path, monkeypatch):
    pytest.importorskip("PIL")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    args = helpers.example_parser("x").parse_args(["--save-dir", str(tmp_path)])
    rng = np.random.default_rng(0)
    frames = [helpers.image_grid(rng.random((4, 16)), n_cols=2, size=4) for _ in range(3)]
    path = helpers.save_animation(frames, ["a", "b", "c"], args, "anim")
    assert path == tmp_path / "anim.gif" and path.read_bytes()[:3] == b"GIF"
    fig = helpers.images_and_curves(rng.random((4, 784)), {"loss": [3.0, 2.0, 1.0]}, n_cols=2)
    assert fig.axes[1].get_yscale() == "log"
    assert helpers.show_or_save(fig, args, "grid").exists()
    fig = helpers.images_and_curves(rng.random((4, 784)), {"loss": [3.0, 2.0, 1.0]}, n_cols=2, log_scale=False)
    assert fig.axes[1].get_yscale() == "linear"
    helpers.get_pyplot().close(fig)
