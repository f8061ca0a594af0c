"""Configuration: ``.claimlint.toml`` or ``[tool.claimlint]`` in ``pyproject.toml``.

The nearest file walking up from a linted file wins (``.claimlint.toml`` before
``pyproject.toml`` in the same folder; a pyproject without ``[tool.claimlint]`` is passed
over). Every key is validated: a typo is an error, never silently ignored. Overrides
(``[[overrides]]``) change the rule choice and severities for the files their globs match.

A project's config comes with the files being linted, so it is untrusted input: it never
chooses where the user's answer cache lives, and where requests (and the NCBI API key) go
(``ENDPOINT_KEYS``) only if the user trusts it (``trusted``). The user's own settings live in
the user config file (``load_user_config``).
"""

from __future__ import annotations

import math
import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

import pathspec
import platformdirs

from checker.errors import ConfigError
from checker.models import SEVERITY_RANK
from checker.nlp.lexicon import LEXICON_FILES
from checker.readers import read_limited
from checker.source import METADATA_CLASSES

DEFAULT_MAX_FILE_SIZE_MB = 20.0
MAX_CONFIG_BYTES = 1_000_000  # far above any real config; bounds the time spent parsing one
# Config keys for the PubMed/Crossref client -> ClientConfig.from_env argument names.
NETWORK_KEYS = {"email": "email", "eutils-url": "eutils_url", "idconv-url": "idconv_url",
                "crossref-url": "crossref_url", "cache-dir": "cache_dir",
                "network-budget": "time_budget"}
# Of those, the ones only the user or a project the user trusts may set (the cache folder only
# the user), and the user config file's keys.
ENDPOINT_KEYS = {"eutils-url": "eutils_url", "idconv-url": "idconv_url",
                 "crossref-url": "crossref_url"}
USER_KEYS = {**ENDPOINT_KEYS, "cache-dir": "cache_dir", "email": "email"}
USER_CONFIG = "config.toml"  # in the platformdirs user config folder
TRUST_VARIABLE = "CLAIMLINT_TRUST_REPO_CONFIG"


@dataclass(frozen=True)
class Override:
    """An ``[[overrides]]`` table: settings for the files its ``files`` globs match."""

    files: tuple[str, ...]
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    spec: pathspec.PathSpec | None = field(default=None, compare=False, repr=False)

    def matches(self, relative: str) -> bool:
        return self.spec is not None and self.spec.match_file(relative)


@dataclass(frozen=True)
class Config:
    path: Path | None = None  # the file it came from; None: defaults
    select: tuple[str, ...] = ("OS", "UN", "EV", "RF", "IN")
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    fail_on: str = "warning"
    max_file_size_mb: float = DEFAULT_MAX_FILE_SIZE_MB
    lexicon: dict[str, list[str]] = field(default_factory=dict)
    rules: tuple[dict, ...] = ()
    references: tuple[Path, ...] = ()  # BibTeX files, resolved against the config's folder
    verify_references: bool = True  # look cited studies up in PubMed/Crossref
    offline: bool = False  # answer lookups from the cache only
    network: dict[str, str | float] = field(default_factory=dict)  # email, URLs, budget...
    metadata: tuple[str, ...] = METADATA_CLASSES  # page metadata classes to lint
    product: str = "auto"  # service | supplement | device | food; auto: from the evidence map
    jurisdiction: str = "any"  # us | uk | eu; any: a pair counts as its best status anywhere
    evidence: tuple[Path, ...] = ()  # a team's own evidence map files
    overrides: tuple[Override, ...] = ()
    applied: tuple[int, ...] = ()  # the overrides this config has applied (see for_file)

    @property
    def root(self) -> Path:
        """Where ``exclude`` globs are anchored: the config file's folder."""
        return self.path.parent if self.path else Path.cwd()

    def cache_key(self) -> str:
        key = str(self.path) if self.path else ""
        return f"{key}#overrides={','.join(map(str, self.applied))}" if self.applied else key

    def for_file(self, path: str) -> Config:
        """The settings for the file at ``path``: the overrides whose globs match it (taken
        relative to the config's folder) applied in order. An override's ``select`` and
        ``ignore`` add to the config's; as between them the longer prefix wins, and for the
        same code the later setting wins; its ``severity`` entries replace the config's."""
        if not self.overrides:
            return self
        relative = relative_to(path, self.root)
        applied = tuple(i for i, override in enumerate(self.overrides)
                        if override.matches(relative))
        if not applied:
            return self
        select, ignore, severity = list(self.select), list(self.ignore), dict(self.severity)
        for override in (self.overrides[i] for i in applied):
            select = [code for code in select if code not in override.ignore]
            ignore = [code for code in ignore if code not in override.select]
            select += [code for code in override.select if code not in select]
            ignore += [code for code in override.ignore if code not in ignore]
            severity.update(override.severity)
        return replace(self, select=tuple(select), ignore=tuple(ignore), severity=severity,
                       applied=applied)


def relative_to(path: str, root: Path) -> str:
    """``path`` relative to ``root`` in POSIX form, as globs in a config see it (as given when
    it lies outside ``root``)."""
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def find_config(start: Path) -> Path | None:
    folder = start if start.is_dir() else start.parent
    for candidate in [folder.resolve(), *folder.resolve().parents]:
        dotfile = candidate / ".claimlint.toml"
        if dotfile.is_file():
            return dotfile
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _tool_table(_read(pyproject), pyproject) is not None:
            return pyproject
    return None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    data = _read(path)
    if path.name == "pyproject.toml":
        data = _tool_table(data, path) or {}
    return _validate(data, path)


def _tool_table(data: dict, path: Path) -> dict | None:
    """``[tool.claimlint]`` of a pyproject, None without one; another type is an error."""
    tool = data.get("tool")
    table = tool.get("claimlint") if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: 'tool.claimlint' must be a table ([tool.claimlint])")
    return table


def _read(path: Path) -> dict:
    try:
        data = read_limited(path, MAX_CONFIG_BYTES)
        if data is None:
            raise ConfigError(f"{path}: config is over the {MAX_CONFIG_BYTES / 1e6:.0f} MB "
                              "limit")
        return tomllib.loads(data.decode("utf-8"))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read config: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: config is not valid UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except RecursionError:  # tomllib recurses once per level of nested arrays/inline tables
        raise ConfigError(f"{path}: invalid TOML: arrays or tables nested too deeply") from None


_KEYS = {"select", "ignore", "severity", "exclude", "fail-on", "max-file-size", "lexicon",
         "rules", "references", "verify-references", "offline", "metadata", "product",
         "jurisdiction", "evidence", "overrides", *NETWORK_KEYS}
OVERRIDE_KEYS = ("files", "select", "ignore", "severity")
PRODUCTS = ("auto", "service", "supplement", "device", "food")
JURISDICTIONS = ("any", "us", "uk", "eu", "au")


def _validate(table: dict, path: Path) -> Config:
    unknown = set(table) - _KEYS
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) {', '.join(sorted(unknown))} "
                          f"(allowed: {', '.join(sorted(_KEYS))})")
    severity = _severity(table.get("severity", {}), path, "severity")
    fail_on = table.get("fail-on", "warning")
    if fail_on not in (*SEVERITY_RANK, "never"):
        raise ConfigError(f"{path}: 'fail-on' must be error, warning, info or never")
    size = table.get("max-file-size", DEFAULT_MAX_FILE_SIZE_MB)
    if not _positive(size):
        raise ConfigError(f"{path}: 'max-file-size' is a number of megabytes above 0")
    lexicon = table.get("lexicon", {})
    if not isinstance(lexicon, dict) or set(lexicon) - set(LEXICON_FILES) or not all(
            _strings(v) for v in lexicon.values()):
        raise ConfigError(f"{path}: 'lexicon' maps lexicon names ({', '.join(LEXICON_FILES)}) "
                          "to lists of strings")
    rules = table.get("rules", [])
    if not isinstance(rules, list) or not all(isinstance(r, dict) for r in rules):
        raise ConfigError(f"{path}: 'rules' is an array of tables ([[tool.claimlint.rules]])")
    for key in ("verify-references", "offline"):
        if not isinstance(table.get(key, False), bool):
            raise ConfigError(f"{path}: '{key}' must be true or false")
    network = {NETWORK_KEYS[key]: table[key] for key in NETWORK_KEYS if key in table}
    budget = network.get("time_budget", 1)
    if any(not isinstance(v, str) for k, v in network.items() if k != "time_budget") or (
            not _positive(budget)):
        raise ConfigError(f"{path}: email, URLs and cache-dir are strings; network-budget is a "
                          "number of seconds above 0")
    metadata = _list(table, "metadata", path, list(METADATA_CLASSES))
    if set(metadata) - set(METADATA_CLASSES):
        raise ConfigError(f"{path}: 'metadata' lists page metadata to lint, from: "
                          f"{', '.join(METADATA_CLASSES)}")
    for key, allowed in (("product", PRODUCTS), ("jurisdiction", JURISDICTIONS)):
        if table.get(key, allowed[0]) not in allowed:
            raise ConfigError(f"{path}: '{key}' must be one of {', '.join(allowed)}")
    if "cache_dir" in network:
        network["cache_dir"] = str(path.parent / str(network["cache_dir"]))
    return Config(path=path, select=tuple(_list(table, "select", path, list(Config.select))),
                  ignore=tuple(_list(table, "ignore", path, [])), severity=dict(severity),
                  exclude=tuple(_list(table, "exclude", path, [])), fail_on=fail_on,
                  max_file_size_mb=float(size), lexicon=lexicon, rules=tuple(rules),
                  references=tuple(path.parent / p for p in _list(table, "references", path, [])),
                  verify_references=table.get("verify-references", True),
                  offline=table.get("offline", False), network=network,
                  metadata=tuple(metadata), product=table.get("product", "auto"),
                  jurisdiction=table.get("jurisdiction", "any"),
                  evidence=tuple(path.parent / p for p in _list(table, "evidence", path, [])),
                  overrides=_overrides(table, path))


def _severity(severity: object, path: Path, key: str) -> dict[str, str]:
    if not isinstance(severity, dict) or any(
            not isinstance(v, str) or v not in SEVERITY_RANK for v in severity.values()):
        raise ConfigError(f"{path}: '{key}' maps rule codes to error, warning or info")
    return severity


def _overrides(table: dict, path: Path) -> tuple[Override, ...]:
    """The ``[[overrides]]`` tables; an error names the file and the key (``overrides[0].files``,
    counting from 0 as ``rules[0]`` does)."""
    overrides = table.get("overrides", [])
    if not isinstance(overrides, list) or not all(isinstance(o, dict) for o in overrides):
        raise ConfigError(f"{path}: 'overrides' is an array of tables ([[overrides]], or "
                          "[[tool.claimlint.overrides]] in pyproject.toml)")
    found = []
    for number, override in enumerate(overrides):
        name = f"overrides[{number}]"
        unknown = set(override) - set(OVERRIDE_KEYS)
        if unknown:
            raise ConfigError(f"{path}: unknown key(s) {', '.join(sorted(unknown))} in {name} "
                              f"(allowed: {', '.join(OVERRIDE_KEYS)})")
        files = _list(override, "files", path, [], f"{name}.files")
        if not files:
            raise ConfigError(f"{path}: '{name}.files' lists the globs the override is for")
        try:
            spec = pathspec.GitIgnoreSpec.from_lines(files)
        except ValueError as error:
            raise ConfigError(f"{path}: '{name}.files': {error}") from None
        found.append(Override(
            files=tuple(files), select=tuple(_list(override, "select", path, [], f"{name}.select")),
            ignore=tuple(_list(override, "ignore", path, [], f"{name}.ignore")),
            severity=_severity(override.get("severity", {}), path, f"{name}.severity"),
            spec=spec))
    return tuple(found)


def _positive(value: object) -> bool:
    """A finite number above 0: TOML also allows true, inf and nan, which no limit can be."""
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and math.isfinite(value) and value > 0)


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _list(table: dict, key: str, path: Path, default: list[str],
          name: str | None = None) -> list[str]:
    """``table[key]``, a list of strings; ``name`` is how an error calls the key."""
    value = table.get(key, default)
    if not _strings(value):
        raise ConfigError(f"{path}: '{name or key}' must be a list of strings")
    return value


def user_config_path() -> Path:
    """The user's own config file: the only file that may choose endpoints and the cache."""
    return platformdirs.user_config_path("claimlint") / USER_CONFIG


def load_user_config() -> dict[str, str]:
    """The user config's settings (``USER_KEYS``) as ``ClientConfig.from_env`` arguments (a
    relative cache folder is taken from the file's folder); none without the file."""
    path = user_config_path()
    if not path.is_file():
        return {}
    table = _read(path)
    unknown = set(table) - set(USER_KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) {', '.join(sorted(unknown))} (a user config "
                          f"holds {', '.join(sorted(USER_KEYS))})")
    if not all(isinstance(value, str) for value in table.values()):
        raise ConfigError(f"{path}: {', '.join(sorted(USER_KEYS))} must be strings")
    settings = {USER_KEYS[key]: value for key, value in table.items()}
    if "cache_dir" in settings:
        settings["cache_dir"] = str(path.parent / Path(settings["cache_dir"]).expanduser())
    return settings


def trusted(flag: bool) -> bool:
    """Whether the user trusts the projects' configs: ``--trust-config`` or
    ``CLAIMLINT_TRUST_REPO_CONFIG=1``."""
    return flag or os.environ.get(TRUST_VARIABLE, "").strip().lower() in ("1", "true", "yes")


def network_settings(config: Config, trust: bool) -> tuple[dict, dict]:
    """The client settings a project's ``config`` gives, as ``ClientConfig.from_env``
    arguments: (email and network budget; its endpoints if the user trusts it)."""
    endpoints = set(ENDPOINT_KEYS.values())
    return ({key: value for key, value in config.network.items()
             if key not in endpoints and key != "cache_dir"},
            {key: value for key, value in config.network.items() if trust and key in endpoints})


def ignored_keys(config: Config, trust: bool) -> list[str]:
    """The keys of a project's ``config`` that are ignored, as written in it: endpoints
    unless the user trusts it, the cache folder always."""
    ignored = {} if trust else ENDPOINT_KEYS
    return [key for key, argument in {**ignored, "cache-dir": "cache_dir"}.items()
            if argument in config.network]
