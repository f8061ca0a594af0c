"""Errors that end a run with exit code 2 and a one-line message instead of a traceback."""


class ClaimlintError(Exception):
    """A usage, input or configuration problem the user can fix."""


class ConfigError(ClaimlintError):
    """A configuration file that cannot be read or does not validate."""
