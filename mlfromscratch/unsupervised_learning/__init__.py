"""Unsupervised learning: clustering, mixtures, projections, association rules, generative models.

Every class is importable from here, e.g.
``from mlfromscratch.unsupervised_learning import KMeans``.
"""

from .apriori import Apriori
from .autoencoder import Autoencoder
from .dbscan import DBSCAN
from .dcgan import DCGAN
from .fp_growth import FPGrowth
from .gaussian_mixture_model import GaussianMixtureModel
from .generative_adversarial_network import GAN
from .genetic_algorithm import GeneticAlgorithm
from .hidden_markov_model import HiddenMarkovModel
from .k_means import KMeans
from .non_negative_matrix_factorization import NMF
from .partitioning_around_medoids import PAM
from .principal_component_analysis import PCA
from .restricted_boltzmann_machine import RBM
from .t_sne import TSNE
from .variational_autoencoder import VariationalAutoencoder

__all__ = [
    "Apriori",
    "Autoencoder",
    "DBSCAN",
    "DCGAN",
    "FPGrowth",
    "GAN",
    "GaussianMixtureModel",
    "GeneticAlgorithm",
    "HiddenMarkovModel",
    "KMeans",
    "NMF",
    "PAM",
    "PCA",
    "RBM",
    "TSNE",
    "VariationalAutoencoder",
]
