"""Reference verification: are the studies the copy cites real, intact and on topic?

Usage (one client per run; ``client=None`` turns the network-dependent rules off)::

    from checker.citations import scan_citations
    from checker.references import load_bibliography, verify

    bibliography = load_bibliography("refs.bib")      # optional; ClaimlintError if malformed
    context = verify(source, scan_citations(source), claims, client, bibliography)
    problems = [(rule.ID, p) for rule in reference_rules for p in rule.check(context)]

``verify`` gathers every cited work (identifiers in the text, reference-list entries, BibTeX
entries cited by ``[@key]``) and looks them all up with one client call per kind of lookup.
The ``RF`` rules (``checker/rules/rf1*.py``, ``SCOPE = "references"``) read the resulting
``ReferenceContext``. ``checker.references.bibliography.check_bibliography`` checks a ``.bib``
file on its own (it imports the rules, so it is not re-exported here: the rules import this
package).
"""

from checker.references.bibtex import BibEntry, Bibliography, load_bibliography
from checker.references.context import Outcome, ReferenceContext
from checker.references.verify import verify
from checker.references.works import Description, Work

__all__ = [
    "BibEntry",
    "Bibliography",
    "Description",
    "Outcome",
    "ReferenceContext",
    "Work",
    "load_bibliography",
    "verify",
]
