"""claimlint: lint health-marketing copy for overstated and unsupported health claims."""


def __getattr__(name: str) -> str:
    """``__version__``, read from the installed metadata on first use: importlib.metadata
    costs tens of milliseconds, which every command paid at start-up (PEP 562)."""
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("claimlint")
    except PackageNotFoundError:  # running from a source tree that was never installed
        found = "0.0.0"
    globals()["__version__"] = found
    return found
