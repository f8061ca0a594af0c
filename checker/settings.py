"""``claimlint lint --show-settings``: the settings a file is linted with, and where they came
from, so a user can see why a rule fires (or does not) on one page without reading every
config up the tree."""

from __future__ import annotations

import json
import re

from checker.config import NETWORK_KEYS, Config, ignored_keys
from checker.discovery import STDIN, excluded
from checker.readers import format_for

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def resolved(path: str, config: Config, trust: bool, fmt: str | None,
             command_line: dict[str, object]) -> dict[str, object]:
    """What ``--show-settings`` prints for the file at ``path`` (``config`` is its config
    with the overrides for it applied): where the settings came from, then the settings, then
    the command-line options that take precedence over them."""
    return {
        "file": path,
        "config": str(config.path) if config.path else "none (defaults)",
        "overrides-applied": [
            {"index": index, "files": list(config.overrides[index].files)}
            for index in config.applied],
        "excluded": excluded(path, config.exclude, config.root),
        "format": (format_for(path, fmt) or "text") if path != STDIN else fmt or "text",
        "ignored-keys": ignored_keys(config, trust),
        "settings": settings_table(config),
        "command-line": {key: value for key, value in command_line.items() if value is not None},
    }


def settings_table(config: Config) -> dict[str, object]:
    """The config's settings under the names a config file gives them."""
    network = {key: config.network[name] for key, name in NETWORK_KEYS.items()
               if name in config.network}
    return {
        "select": list(config.select), "ignore": list(config.ignore),
        "severity": dict(config.severity), "exclude": list(config.exclude),
        "fail-on": config.fail_on, "max-file-size": config.max_file_size_mb,
        "verify-references": config.verify_references, "offline": config.offline,
        "references": [str(p) for p in config.references], "metadata": list(config.metadata),
        "product": config.product, "jurisdiction": config.jurisdiction,
        "evidence": [str(p) for p in config.evidence], "lexicon": dict(config.lexicon),
        "rules": [dict(rule) for rule in config.rules], **network,
    }


def as_json(table: dict[str, object]) -> str:
    return json.dumps(table, indent=2, default=str) + "\n"


def as_toml(table: dict[str, object]) -> str:
    """``table`` in TOML: plain values first, then each nested table as a ``[section]``."""
    lines = [f"{_key(key)} = {_value(value)}" for key, value in table.items()
             if not isinstance(value, dict)]
    for key, value in table.items():
        if isinstance(value, dict):
            lines += ["", f"[{_key(key)}]"]
            lines += [f"{_key(k)} = {_value(v)}" for k, v in value.items()]
    return "\n".join(lines) + "\n"


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _value(key)


def _value(value: object) -> str:
    """A TOML value (JSON's string escapes are TOML's, but for characters outside the BMP,
    written as they are, and DEL, which TOML wants escaped)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + "}"
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")
