"""mlfromscratch: fundamental machine learning models written from scratch in NumPy.

Importing the package is cheap: the subpackages load their modules lazily, so
``import mlfromscratch`` pulls in neither matplotlib, progressbar nor gymnasium.

Subpackages
-----------
supervised_learning, unsupervised_learning, reinforcement_learning, deep_learning, utils
"""

__version__ = "0.1.0"

__all__ = [
    "deep_learning",
    "reinforcement_learning",
    "supervised_learning",
    "unsupervised_learning",
    "utils",
]
