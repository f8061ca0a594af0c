"""Read evidence map files: the packaged ones in ``checker/data/evidence`` and a team's own.

One TOML file per intervention (``intervention``, ``aliases``, ``product``, ``summary``,
``[sources.<key>]`` tables, ``[[pair]]`` entries) and ``conditions*.toml`` files of
``[[condition]]`` entries (name, synonyms, parent, disease, category). Every problem is a
``ConfigError`` naming the file, so a team's broken file stops the run with a clear line.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path

from checker import datacache
from checker.errors import ConfigError
from checker.evidence.model import (
    JURISDICTIONS,
    PRODUCTS,
    SOURCE_KINDS,
    STATUSES,
    Condition,
    EvidenceData,
    Intervention,
    Pair,
    Source,
)

MAX_FILE_BYTES = 2_000_000


@cache
def packaged() -> EvidenceData:
    """The map shipped with claimlint (kept parsed in the start-up cache: ``datacache``)."""
    folder = resources.files("checker.data").joinpath("evidence")
    files = sorted((entry for entry in folder.iterdir() if entry.name.endswith(".toml")),
                   key=lambda entry: entry.name)
    contents = [(entry.name, entry.read_bytes()) for entry in files]
    code = [Path(__file__).read_bytes(), Path(__file__).with_name("model.py").read_bytes()]
    return datacache.cached(
        "evidence", [*code, *(part for name, data in contents for part in (name.encode(), data))],
        lambda: read_all((name, data.decode("utf-8")) for name, data in contents),
        encode, decode)


def encode(data: EvidenceData) -> dict:
    """``data`` as plain JSON-able data (``decode`` reads it back)."""
    return {"interventions": [
        {"name": i.name, "aliases": list(i.aliases), "product": i.product,
         "summary": i.summary, "path": i.path, "pairs": [
             {"intervention": p.intervention, "condition": p.condition, "status": p.status,
              "supports": p.supports, "jurisdictions": list(p.jurisdictions), "note": p.note,
              "sources": [{"key": s.key, "kind": s.kind, "title": s.title,
                           "publisher": s.publisher, "url": s.url, "checked": s.checked,
                           "year": s.year, "doi": s.doi, "pmid": s.pmid} for s in p.sources]}
             for p in i.pairs]} for i in data.interventions.values()],
        "conditions": [{"name": c.name, "synonyms": list(c.synonyms), "parent": c.parent,
                        "disease": c.disease, "category": c.category}
                       for c in data.conditions.values()]}


def decode(plain: object) -> EvidenceData:
    """``encode``'s data back, every field checked (``datacache.Invalid`` if not as written)."""
    check = datacache
    data = EvidenceData()
    plain = check.table(plain)
    for entry in check.listed(plain["interventions"]):
        entry = check.table(entry)
        pairs = []
        for pair in check.listed(entry["pairs"]):
            pair = check.table(pair)
            sources = []
            for source in check.listed(pair["sources"]):
                source = check.table(source)
                year = source["year"]
                if (year is not None and type(year) is not int) or (
                        check.text(source["kind"]) not in SOURCE_KINDS):
                    raise check.Invalid("a source's year or kind")
                sources.append(Source(
                    key=check.text(source["key"]), kind=source["kind"],
                    title=check.text(source["title"]), publisher=check.text(source["publisher"]),
                    url=check.text(source["url"]), checked=check.text(source["checked"]),
                    year=year, doi=check.optional_text(source["doi"]),
                    pmid=check.optional_text(source["pmid"])))
            regions = check.texts(pair["jurisdictions"])
            if check.text(pair["status"]) not in STATUSES or set(regions) - set(JURISDICTIONS):
                raise check.Invalid("a pair's status or jurisdictions")
            pairs.append(Pair(check.text(pair["intervention"]), check.text(pair["condition"]),
                              pair["status"], check.text(pair["supports"]), tuple(sources),
                              regions, check.text(pair["note"])))
        if check.text(entry["product"]) not in PRODUCTS:
            raise check.Invalid("an intervention's product")
        intervention = Intervention(check.text(entry["name"]), check.texts(entry["aliases"]),
                                    entry["product"], check.text(entry["summary"]),
                                    tuple(pairs), check.text(entry["path"]))
        data.interventions[intervention.name] = intervention
    for entry in check.listed(plain["conditions"]):
        entry = check.table(entry)
        if type(entry["disease"]) is not bool:
            raise check.Invalid("a condition's disease flag")
        condition = Condition(check.text(entry["name"]), check.texts(entry["synonyms"]),
                              check.text(entry["parent"]), entry["disease"],
                              check.text(entry["category"]))
        data.conditions[condition.name] = condition
    return data


def read_files(paths: Iterable[Path], base: EvidenceData | None = None) -> EvidenceData:
    """A team's evidence files added to ``base``: their pairs extend or override the map's
    for the same intervention and condition."""
    texts = []
    for path in paths:
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise ConfigError(f"{path}: evidence file over {MAX_FILE_BYTES // 1_000_000} MB")
            texts.append((str(path), path.read_text("utf-8")))
        except OSError as error:
            raise ConfigError(f"{path}: cannot read evidence file: {error.strerror}") from None
        except UnicodeDecodeError:
            raise ConfigError(f"{path}: evidence file is not valid UTF-8") from None
    return read_all(texts, base)


def read_all(texts: Iterable[tuple[str, str]], base: EvidenceData | None = None) -> EvidenceData:
    data = EvidenceData(dict(base.interventions), dict(base.conditions)) if base else (
        EvidenceData())
    for name, text in texts:
        try:
            table = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{name}: invalid TOML: {error}") from None
        if "condition" in table:
            for entry in _list(table, "condition", name):
                condition = _condition(entry, name)
                data.conditions[condition.name] = _merged(data.conditions.get(condition.name),
                                                          condition)
        if "intervention" in table:
            intervention = _intervention(table, name)
            known = data.interventions.get(intervention.name)
            data.interventions[intervention.name] = _extended(known, intervention)
    return data


def _intervention(table: dict, where: str) -> Intervention:
    name = _text(table, "intervention", where).lower()
    product = table.get("product", "service")
    if product not in PRODUCTS:
        raise ConfigError(f"{where}: product must be one of {', '.join(PRODUCTS)}")
    sources = {key: _source(key, entry, where)
               for key, entry in _table(table, "sources", where).items()}
    pairs = []
    for entry in _list(table, "pair", where):
        status = entry.get("status")
        if status not in STATUSES:
            raise ConfigError(f"{where}: pair status must be one of {', '.join(STATUSES)}")
        keys = entry.get("sources", [])
        missing = [key for key in keys if key not in sources]
        if not keys or missing:
            raise ConfigError(f"{where}: pair for {entry.get('condition')!r} needs sources "
                              f"defined in the file (missing: {', '.join(missing) or 'none'})")
        regions = tuple(entry.get("jurisdictions", ()))
        if set(regions) - set(JURISDICTIONS):
            raise ConfigError(f"{where}: jurisdictions are {', '.join(JURISDICTIONS)}")
        pairs.append(Pair(name, _text(entry, "condition", where).lower(), status,
                          str(entry.get("supports", "")), tuple(sources[k] for k in keys),
                          regions, str(entry.get("note", ""))))
    aliases = tuple(alias.lower() for alias in table.get("aliases", ()) if isinstance(alias, str))
    return Intervention(name, aliases, product, str(table.get("summary", "")), tuple(pairs),
                        where)


def _source(key: str, entry: object, where: str) -> Source:
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: sources.{key} must be a table")
    kind = entry.get("kind")
    if kind not in SOURCE_KINDS:
        raise ConfigError(f"{where}: sources.{key}.kind must be one of {', '.join(SOURCE_KINDS)}")
    year = entry.get("year")
    return Source(key=key, kind=kind, title=_text(entry, "title", where),
                  publisher=str(entry.get("publisher", "")), url=_text(entry, "url", where),
                  checked=str(entry.get("checked", "")),
                  year=year if isinstance(year, int) else None,
                  doi=entry.get("doi") or None, pmid=str(entry["pmid"]) if entry.get("pmid")
                  else None)


def _condition(entry: dict, where: str) -> Condition:
    synonyms = entry.get("synonyms", [])
    if not isinstance(synonyms, list) or not all(isinstance(s, str) for s in synonyms):
        raise ConfigError(f"{where}: a condition's synonyms are a list of strings")
    return Condition(name=_text(entry, "name", where).lower(),
                     synonyms=tuple(s.lower() for s in synonyms),
                     parent=str(entry.get("parent", "")).lower(),
                     disease=bool(entry.get("disease", False)),
                     category=str(entry.get("category", "general")))


def _merged(known: Condition | None, new: Condition) -> Condition:
    """Two files describing one condition: synonyms pooled, the first parent kept."""
    if known is None:
        return new
    return Condition(known.name, tuple(dict.fromkeys(known.synonyms + new.synonyms)),
                     known.parent or new.parent, known.disease or new.disease,
                     known.category if known.category != "general" else new.category)


def _extended(known: Intervention | None, new: Intervention) -> Intervention:
    """A later file for a known intervention adds aliases and pairs; its pair for a
    condition and jurisdiction replaces the earlier one."""
    if known is None:
        return new
    replaced = {(p.condition, p.jurisdictions) for p in new.pairs}
    kept = tuple(p for p in known.pairs if (p.condition, p.jurisdictions) not in replaced)
    return Intervention(known.name, tuple(dict.fromkeys(known.aliases + new.aliases)),
                        new.product, new.summary or known.summary, kept + new.pairs, new.path)


def _text(table: dict, key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: '{key}' must be a non-empty string")
    return value.strip()


def _list(table: dict, key: str, where: str) -> list[dict]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise ConfigError(f"{where}: '{key}' must be an array of tables ([[{key}]])")
    return value


def _table(table: dict, key: str, where: str) -> dict:
    value = table.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: '{key}' must be a table")
    return value
