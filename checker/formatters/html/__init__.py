"""``--format html``: one self-contained page a marketing lead can read, filter and print.

A header with the date, totals and charts by rule family and by file; tables of files and
rules that lead to the findings; then each document as readable prose (the reader's blocks:
headings, paragraphs, lists, tables), its claims highlighted by strength and every finding a
numbered note beside its paragraph with the rule's name, message, suggested rewording and
regulation. Nothing from the copy or the services reaches the page as markup: it is all
escaped text. The page loads nothing from anywhere; its style and script are the package
files ``report.css`` and ``report.js``, inlined.

Documents are written to a temporary file as they come (the tables at the top need every
file first), so memory stays bounded however large the archive; each document's body sits in
a ``<template>`` until the reader gets near it.
"""

from __future__ import annotations

import shutil
from functools import cache
from importlib import resources

from checker.formatters import Formatter, spool
from checker.formatters.html.document import document
from checker.formatters.html.summary import Tally, charts, controls, header, legend, tables
from checker.lint import FileResult


class Html(Formatter):
    needs_text = True

    def start(self) -> None:
        self.tally = Tally()
        self.documents = spool()

    def file(self, result: FileResult) -> None:
        row = self.tally.add(result)
        self.documents.write(document(result, row.index, row.counts) + "\n")

    def finish(self) -> None:
        self.out.write(
            "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
            "<meta name=viewport content='width=device-width, initial-scale=1'>"
            f"<title>claimlint report</title><style>{asset('report.css')}</style></head>"
            "<body><a class=skip href=#findings>Skip to the findings</a>"
            f"{header(self.tally)}<main>{charts(self.tally)}{tables(self.tally)}"
            "<section id=findings class=docs aria-labelledby=docs-h tabindex=-1>"
            f"<h2 id=docs-h>Findings in the documents</h2>{controls(self.tally)}"
            f"{legend(self.tally)}<noscript><p>Turn on JavaScript to read the documents: "
            "each is shown when you reach it.</p></noscript>\n")
        self.documents.seek(0)
        shutil.copyfileobj(self.documents, self.out)
        self.documents.close()
        self.out.write(f"</section></main><script>{asset('report.js')}</script></body></html>\n")


FORMAT = Html


@cache
def asset(name: str) -> str:
    """A package file of the report (its stylesheet or script)."""
    return resources.files(__name__).joinpath(name).read_text("utf-8")
