"""Several classes from binary support vector machines: one-vs-one and one-vs-rest.

An SVM separates two classes. ``SupportVectorMachine`` reduces K classes to
binary problems and combines their decision values f(x):

- one-vs-rest (ovr): K problems, class k (+1) against all others (-1); class
  k's score is f_k(x) and the largest wins.
- one-vs-one (ovo): K (K - 1) / 2 problems, one per pair of classes a < b,
  trained on those two classes only, b labelled +1 and a labelled -1; each
  problem votes for b when f_ab(x) > 0 and for a otherwise, and the class with
  most votes wins (Knerr, Personnaz & Dreyfus 1990; the strategy of libsvm).
  Ties in the vote go to the class with the largest summed confidence
  sum_b f_ab(x) - sum_a f_ab(x) (the decision values in favour of the class).

References
----------
S. Knerr, L. Personnaz, G. Dreyfus, "Single-layer learning revisited: a
stepwise procedure for building and training a neural network", 1990.
C.-W. Hsu, C.-J. Lin, "A comparison of methods for multiclass support vector
machines", IEEE Transactions on Neural Networks 13(2), 2002.
"""

from itertools import combinations

import numpy as np


def binary_problems(y_encoded, n_classes, multi_class):
    """The binary problems that together classify ``n_classes`` classes.

    Parameters
    ----------
    y_encoded : ndarray of int of shape (n_samples,)
        Class indices 0 .. n_classes - 1.
    n_classes : int
    multi_class : {"ovo", "ovr"}
        Ignored for two classes, which always make one problem (class 1 is +1).

    Returns
    -------
    problems : list of (members, signs)
        ``members``: indices of the samples in the problem; ``signs``: their
        labels +1 / -1, shape (len(members),). One-vs-one problems come in the
        order of the pairs (a, b), a < b, from ``itertools.combinations``.

    Examples
    --------
    >>> [signs.tolist() for _, signs in binary_problems(np.array([0, 1, 2]), 3, "ovr")]
    [[1.0, -1.0, -1.0], [-1.0, 1.0, -1.0], [-1.0, -1.0, 1.0]]
    >>> [(m.tolist(), s.tolist()) for m, s in binary_problems(np.array([0, 1, 2]), 3, "ovo")][0]
    ([0, 1], [-1.0, 1.0])
    """
    everyone = np.arange(len(y_encoded))
    if n_classes == 2:
        return [(everyone, np.where(y_encoded == 1, 1.0, -1.0))]
    if multi_class == "ovr":
        return [(everyone, np.where(y_encoded == k, 1.0, -1.0)) for k in range(n_classes)]
    problems = []
    for a, b in combinations(range(n_classes), 2):
        members = np.flatnonzero((y_encoded == a) | (y_encoded == b))
        problems.append((members, np.where(y_encoded[members] == b, 1.0, -1.0)))
    return problems


def ovo_class_scores(pair_scores, n_classes):
    """Per-class scores of one-vs-one: votes, with ties broken by summed confidence.

    score_k = votes_k + c_k / (3 (|c_k| + 1)), where c_k is the sum of the
    decision values in favour of k. The second term lies in (-1/3, 1/3), so it
    never outweighs a vote; ``argmax`` of the scores is the vote winner, and
    among tied classes the one with the largest confidence (scikit-learn's
    ``decision_function_shape="ovr"`` uses the same transformation).

    Parameters
    ----------
    pair_scores : ndarray of shape (n_samples, n_classes * (n_classes - 1) / 2)
        f_ab(x) of the pairs (a, b), a < b, in ``combinations`` order; positive means b.
    n_classes : int

    Returns
    -------
    scores : ndarray of shape (n_samples, n_classes)

    Examples
    --------
    >>> ovo_class_scores(np.array([[2.0, -1.0, 0.5]]), 3).round(3).tolist()   # votes 1, 1, 1
    [[0.833, 1.2, 0.889]]
    """
    pairs = np.array(list(combinations(range(n_classes), 2)))     # (n_pairs, 2)
    first = np.eye(n_classes)[pairs[:, 0]]                          # (n_pairs, n_classes) one-hot of a
    second = np.eye(n_classes)[pairs[:, 1]]                         # one-hot of b
    votes = (pair_scores > 0) @ second + (pair_scores <= 0) @ first  # (n_samples, n_classes)
    confidence = pair_scores @ (second - first)                     # sum of f in favour of each class
    return votes + confidence / (3 * (np.abs(confidence) + 1))
