"""Lazy re-export of public classes, so importing a subpackage stays cheap.

Each subpackage ``__init__`` lists ``{public name: module}``; the module is
imported the first time the name is looked up (PEP 562 module ``__getattr__``).
"""

from importlib import import_module


def lazy_exports(package, exports):
    """Build the ``__getattr__`` and ``__dir__`` of a package that re-exports lazily.

    Parameters
    ----------
    package : str
        The package's ``__name__``.
    exports : dict of str -> str
        Public name -> module (relative to ``package``) that defines it.

    Returns
    -------
    getattr_, dir_ : callable
        Functions to assign to the package's ``__getattr__`` and ``__dir__``.
    """

    def getattr_(name):
        if name not in exports:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module = import_module(f".{exports[name]}", package)
        return getattr(module, name)

    def dir_():
        return sorted(exports)

    return getattr_, dir_
