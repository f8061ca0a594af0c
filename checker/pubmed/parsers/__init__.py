"""Pure parsers from the services' wire formats to records; each raises ``ApiError``.

They never touch the network, so tests feed them recorded responses directly.
"""

from .crossref import parse_crossref_work
from .ecitmatch import parse_ecitmatch
from .efetch import parse_efetch
from .esearch import parse_esearch, parse_esearch_count
from .esummary import parse_esummary
from .idconv import PmcIds, parse_idconv

__all__ = [
    "PmcIds",
    "parse_crossref_work",
    "parse_ecitmatch",
    "parse_efetch",
    "parse_esearch",
    "parse_esearch_count",
    "parse_esummary",
    "parse_idconv",
]
