"""Unsupervised learning: clustering, mixtures, projections, association rules, generative models.

Every class is importable from here, e.g.
``from mlfromscratch.unsupervised_learning import KMeans``; modules load on first use.
"""

from mlfromscratch._lazy import lazy_exports

_EXPORTS = {
    "Apriori": "apriori",
    "Autoencoder": "autoencoder",
    "DBSCAN": "dbscan",
    "DCGAN": "dcgan",
    "FPGrowth": "fp_growth",
    "GaussianMixtureModel": "gaussian_mixture_model",
    "GAN": "generative_adversarial_network",
    "GeneticAlgorithm": "genetic_algorithm",
    "KMeans": "k_means",
    "PAM": "partitioning_around_medoids",
    "PCA": "principal_component_analysis",
    "RBM": "restricted_boltzmann_machine",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
