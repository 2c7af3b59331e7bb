"""Installation script for mlfromscratch."""

from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).parent
REQUIREMENTS = [
    line.strip()
    for line in (HERE / "requirements.txt").read_text().splitlines()
    if line.strip() and not line.startswith("#")
]

setup(
    name="mlfromscratch",
    version="0.1.0",
    description="Fundamental machine learning models and algorithms written from scratch in NumPy.",
    long_description=(HERE / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    license="MIT",
    packages=find_packages(include=["mlfromscratch", "mlfromscratch.*"]),
    package_data={"mlfromscratch": ["data/*"]},
    include_package_data=True,
    python_requires=">=3.9",
    install_requires=REQUIREMENTS,
    extras_require={"test": ["pytest", "hypothesis", "scikit-learn>=1.6", "ruff"]},
)
