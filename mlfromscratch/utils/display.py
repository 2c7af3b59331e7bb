"""What the core prints: the training progress bar and summary tables.

progressbar33 and terminaltables are imported inside the functions, so
importing a model never loads them.
"""

import sys


def bar_widgets(label="Training"):
    """Widgets for a progressbar33 ``ProgressBar``: label, percentage, bar and ETA."""
    import progressbar

    bar = progressbar.Bar(marker="-", left="[", right="]")
    return [f"{label}: ", progressbar.Percentage(), " ", bar, " ", progressbar.ETA()]


def progress_bar(max_value, label="Training"):
    """A fresh, started progressbar33 ``ProgressBar`` counting to ``max_value``.

    The bar writes to the *current* ``sys.stderr``: progressbar33's default
    ``fd`` is bound when it is first imported, which breaks once that stream
    has been replaced (test runners, notebooks).
    """
    import progressbar

    bar = progressbar.ProgressBar(
        widgets=bar_widgets(label), maxval=max(int(max_value), 1), fd=sys.stderr
    )
    return bar.start()


def table(rows, title=None):
    """Render rows (the first is the header) as a terminaltables ``AsciiTable`` string."""
    from terminaltables import AsciiTable

    return AsciiTable([[str(cell) for cell in row] for row in rows], title).table
