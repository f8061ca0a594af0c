"""Configuration: ``.claimlint.toml`` or ``[tool.claimlint]`` in ``pyproject.toml``.

The nearest file walking up from a linted file wins (``.claimlint.toml`` before
``pyproject.toml`` in the same folder; a pyproject without ``[tool.claimlint]`` is passed
over). Every key is validated: a typo is an error, never silently ignored.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import ConfigError
from checker.models import SEVERITY_RANK
from checker.nlp.lexicon import LEXICON_FILES

DEFAULT_MAX_FILE_SIZE_MB = 20.0


@dataclass(frozen=True)
class Config:
    path: Path | None = None  # the file it came from; None: defaults
    select: tuple[str, ...] = ("OS", "UN", "IN")
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    fail_on: str = "warning"
    max_file_size_mb: float = DEFAULT_MAX_FILE_SIZE_MB
    lexicon: dict[str, list[str]] = field(default_factory=dict)
    rules: tuple[dict, ...] = ()

    @property
    def root(self) -> Path:
        """Where ``exclude`` globs are anchored: the config file's folder."""
        return self.path.parent if self.path else Path.cwd()

    def cache_key(self) -> str:
        return str(self.path) if self.path else ""


def find_config(start: Path) -> Path | None:
    folder = start if start.is_dir() else start.parent
    for candidate in [folder.resolve(), *folder.resolve().parents]:
        dotfile = candidate / ".claimlint.toml"
        if dotfile.is_file():
            return dotfile
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and "claimlint" in _read(pyproject).get("tool", {}):
            return pyproject
    return None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    data = _read(path)
    table = data.get("tool", {}).get("claimlint", {}) if path.name == "pyproject.toml" else data
    return _validate(table, path)


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read config: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: config is not valid UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None


_KEYS = {"select", "ignore", "severity", "exclude", "fail-on", "max-file-size", "lexicon",
         "rules"}


def _validate(table: dict, path: Path) -> Config:
    unknown = set(table) - _KEYS
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) {', '.join(sorted(unknown))} "
                          f"(allowed: {', '.join(sorted(_KEYS))})")
    severity = table.get("severity", {})
    if not isinstance(severity, dict) or any(v not in SEVERITY_RANK for v in severity.values()):
        raise ConfigError(f"{path}: 'severity' maps rule codes to error, warning or info")
    fail_on = table.get("fail-on", "warning")
    if fail_on not in (*SEVERITY_RANK, "never"):
        raise ConfigError(f"{path}: 'fail-on' must be error, warning, info or never")
    size = table.get("max-file-size", DEFAULT_MAX_FILE_SIZE_MB)
    if not isinstance(size, int | float) or isinstance(size, bool) or size <= 0:
        raise ConfigError(f"{path}: 'max-file-size' is a number of megabytes above 0")
    lexicon = table.get("lexicon", {})
    if not isinstance(lexicon, dict) or set(lexicon) - set(LEXICON_FILES) or not all(
            _strings(v) for v in lexicon.values()):
        raise ConfigError(f"{path}: 'lexicon' maps lexicon names ({', '.join(LEXICON_FILES)}) "
                          "to lists of strings")
    rules = table.get("rules", [])
    if not isinstance(rules, list) or not all(isinstance(r, dict) for r in rules):
        raise ConfigError(f"{path}: 'rules' is an array of tables ([[tool.claimlint.rules]])")
    return Config(path=path, select=tuple(_list(table, "select", path, ["OS", "UN", "IN"])),
                  ignore=tuple(_list(table, "ignore", path, [])), severity=dict(severity),
                  exclude=tuple(_list(table, "exclude", path, [])), fail_on=fail_on,
                  max_file_size_mb=float(size), lexicon=lexicon, rules=tuple(rules))


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _list(table: dict, key: str, path: Path, default: list[str]) -> list[str]:
    value = table.get(key, default)
    if not _strings(value):
        raise ConfigError(f"{path}: '{key}' must be a list of strings")
    return value
