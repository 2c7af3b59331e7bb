"""Supervised learning models (classification and regression).

Every class is importable from here, e.g.
``from mlfromscratch.supervised_learning import RandomForest``; modules load on
first use.
"""

from mlfromscratch._lazy import lazy_exports

_EXPORTS = {
    "Adaboost": "adaboost",
    "BayesianRegression": "bayesian_regression",
    "DecisionTree": "decision_tree",
    "ClassificationTree": "decision_tree",
    "RegressionTree": "decision_tree",
    "XGBoostRegressionTree": "decision_tree",
    "GradientBoostingClassifier": "gradient_boosting",
    "GradientBoostingRegressor": "gradient_boosting",
    "KNN": "k_nearest_neighbors",
    "LDA": "linear_discriminant_analysis",
    "LinearRegression": "regression",
    "PolynomialRegression": "regression",
    "RidgeRegression": "regression",
    "LassoRegression": "regression",
    "PolynomialRidgeRegression": "regression",
    "ElasticNet": "regression",
    "LogisticRegression": "logistic_regression",
    "MultiClassLDA": "multi_class_lda",
    "MultilayerPerceptron": "multilayer_perceptron",
    "NaiveBayes": "naive_bayes",
    "Neuroevolution": "neuroevolution",
    "ParticleSwarmOptimizedNN": "particle_swarm_optimization",
    "Perceptron": "perceptron",
    "RandomForest": "random_forest",
    "RandomForestRegressor": "random_forest",
    "SupportVectorMachine": "support_vector_machine",
    "XGBoost": "xgboost",
    "XGBoostRegressor": "xgboost",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
