import pytest

from mlfromscratch.utils import display


def test_table_renders_rows():
    text = display.table([["Layer Type", "Parameters"], ["Dense", 10]], "Model")
    assert "Layer Type" in text and "| Dense" in text and "Model" in text


def test_progress_bar_counts():
    pytest.importorskip("progressbar")
    bar = display.progress_bar(3)
    for i in range(3):
        bar.update(i + 1)
    bar.finish()
