"""One spelling for author-year keys, so a marker and an entry written differently still meet."""

from __future__ import annotations

import unicodedata


def author_year_key(surname: str, year: int | str) -> str:
    """``Fernández-de-las-Peñas``, 2020 -> ``fernandezdelaspenas2020`` (case, accents, marks go)."""
    folded = unicodedata.normalize("NFKD", surname.casefold())
    letters = "".join(c for c in folded if c.isalnum() and not unicodedata.combining(c))
    return f"{letters}{year}"


def strip_year_suffix(label: str) -> str:
    """``smith2020a`` -> ``smith2020``: entries carry no suffix letter, so matching drops it."""
    return label[:-1] if label[-1:].isalpha() else label
