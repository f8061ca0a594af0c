"""``claimlint init``: a commented starter ``.claimlint.toml``, so a team begins from a file
that names every setting (docs/configuration.md explains each) rather than from nothing."""

from __future__ import annotations

from pathlib import Path

from checker.atomic import replace_file
from checker.errors import ClaimlintError

CONFIG_NAME = ".claimlint.toml"

STARTER = """\
# claimlint configuration: every key is explained in docs/configuration.md.
# This file applies to the files in this folder and below (the nearest config wins).

# Rule codes or prefixes to run, and to leave out; the longest matching prefix wins.
# 'claimlint rules' lists them; 'claimlint rule OS101' explains one.
select = ["OS", "UN", "EV", "RF", "IN"]
ignore = []

# The lowest severity that makes 'claimlint lint' exit 1: error, warning, info or never.
fail-on = "warning"

# Globs (relative to this folder) never linted, even when named on the command line.
# Folder walks already skip .gitignore'd files, node_modules, virtual environments, build
# output and hidden folders (--no-ignore lints them).
exclude = []

# Files larger than this many megabytes are reported (IN003) and skipped.
# max-file-size = 20

# What is sold, and where: tunes which claims the evidence map supports.
# product = "auto"        # auto | service | supplement | device | food
# jurisdiction = "any"    # any | us | uk | eu | au

# Page metadata to lint besides the body text.
# metadata = ["title", "description", "social", "alt", "props"]

# Cited studies: BibTeX files for [@key] citations, and whether to look them up.
# references = ["references.bib"]
# verify-references = true
# offline = false
# email = "compliance@example.com"   # sent to NCBI and Crossref, as they ask
# network-budget = 60                # seconds of network work per run at most

# Your team's own evidence map files.
# evidence = ["evidence/our-map.toml"]

# Change a rule's severity: error, warning or info.
[severity]
# OS131 = "info"

# Words claimlint should know (treatments, conditions, hedges...).
[lexicon]
# interventions = ["bioresonance"]
# conditions = ["leaky gut"]

# Your own rules, without Python: existence | substitution | conditional.
# [[rules]]
# code = "XC001"
# kind = "substitution"
# patterns = ["[detox] tea"]
# replace = "herbal"
# message = "'{text}' is a detox claim our legal team does not allow"

# Settings for some files only; globs are relative to this folder, gitignore-style.
# Later overrides win.
# [[overrides]]
# files = ["blog/archive/**"]
# ignore = ["EV"]
# severity = { OS101 = "warning" }
"""


def write_starter(folder: Path, force: bool) -> Path:
    """Write the starter config into ``folder``; an existing one is kept unless ``force``."""
    if not folder.is_dir():
        raise ClaimlintError(f"{folder}: no such folder")
    target = folder / CONFIG_NAME
    if (target.exists() or target.is_symlink()) and not force:
        raise ClaimlintError(f"{target} already exists; --force replaces it")
    if target.is_dir():
        raise ClaimlintError(f"{target} is a folder")
    replace_file(target, STARTER.encode("utf-8"))
    return target
