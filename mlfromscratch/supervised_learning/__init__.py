"""Supervised learning models (classification and regression).

Every class is importable from here, e.g.
``from mlfromscratch.supervised_learning import RandomForest``.
"""

from .adaboost import Adaboost
from .bayesian_regression import BayesianRegression
from .decision_tree import ClassificationTree, DecisionTree, RegressionTree, XGBoostRegressionTree
from .elastic_net import ElasticNet, LassoRegression
from .gaussian_process import GaussianProcessRegression
from .gradient_boosting import GradientBoostingClassifier, GradientBoostingRegressor
from .k_nearest_neighbors import KNN
from .linear_discriminant_analysis import LDA
from .linear_regression import LinearRegression
from .logistic_regression import LogisticRegression
from .multi_class_lda import MultiClassLDA
from .multilayer_perceptron import MultilayerPerceptron
from .naive_bayes import NaiveBayes
from .neuroevolution import Neuroevolution
from .particle_swarm_optimization import ParticleSwarmOptimizedNN
from .perceptron import Perceptron
from .polynomial_regression import PolynomialRegression, PolynomialRidgeRegression
from .random_forest import RandomForest, RandomForestRegressor
from .ridge_regression import RidgeRegression
from .support_vector_machine import SupportVectorMachine
from .xgboost import XGBoost, XGBoostRegressor

__all__ = [
    "Adaboost",
    "BayesianRegression",
    "ClassificationTree",
    "DecisionTree",
    "ElasticNet",
    "GaussianProcessRegression",
    "GradientBoostingClassifier",
    "GradientBoostingRegressor",
    "KNN",
    "LDA",
    "LassoRegression",
    "LinearRegression",
    "LogisticRegression",
    "MultiClassLDA",
    "MultilayerPerceptron",
    "NaiveBayes",
    "Neuroevolution",
    "ParticleSwarmOptimizedNN",
    "Perceptron",
    "PolynomialRegression",
    "PolynomialRidgeRegression",
    "RandomForest",
    "RandomForestRegressor",
    "RegressionTree",
    "RidgeRegression",
    "SupportVectorMachine",
    "XGBoost",
    "XGBoostRegressionTree",
    "XGBoostRegressor",
]
