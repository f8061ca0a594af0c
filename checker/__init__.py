"""claimlint: lint health-marketing copy for overstated and unsupported health claims.

Distributed on the package index as ``health-claimlint`` (the name ``claimlint`` belongs to an
unrelated project); the command and the import package keep the short name.
"""

__version__ = "0.2.0"  # the one place the version lives: pyproject reads it from here
