"""claimlint: lint health-marketing copy for overstated and unsupported health claims."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("claimlint")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
