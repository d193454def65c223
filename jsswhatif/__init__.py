"""jsswhatif: a what-if calculator for Upwork's Job Success Score (JSS).

The package has three layers: :mod:`jsswhatif.core` (the pure scoring model),
:mod:`jsswhatif.io` (files) and :mod:`jsswhatif.app` (the Qt desktop application).
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("jsswhatif")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
