"""How long an editor waits for claimlint's diagnostics: start-up, the first lint after
opening a file, and the lints while typing. It plays the editor with pygls's own client,
over stdio, with the debounce set to 0 so the numbers are the server's work alone.

    python editors/latency.py             # ~1,000 words of the corpus' Markdown
    python editors/latency.py page.md --processes 5 --changes 30
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def thousand_words() -> str:
    """Whole paragraphs of the corpus' Markdown documents, up to about 1,000 words."""
    paragraphs, words = [], 0
    for document in sorted(CORPUS.glob("*.md")):
        for paragraph in document.read_text(encoding="utf-8").split("\n\n"):
            if words >= 1000:
                return "\n\n".join(paragraphs) + "\n"
            paragraphs.append(paragraph.strip())
            words += len(paragraph.split())
    return "\n\n".join(paragraphs) + "\n"


async def one_process(text: str, changes: int) -> dict[str, list[float]]:
    """Seconds: start to initialize answered, didOpen to diagnostics right after start-up
    (the pipeline still loading) and once loaded, and each didChange to its diagnostics."""
    client = LanguageClient("claimlint-latency", "1")
    arrived: asyncio.Queue[tuple[float, types.PublishDiagnosticsParams]] = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        arrived.put_nowait((time.perf_counter(), params))

    async def diagnostics_after(send) -> float:
        started = time.perf_counter()
        send()
        done, _ = await asyncio.wait_for(arrived.get(), 120)
        return done - started

    folder = Path(tempfile.mkdtemp(prefix="claimlint-latency-"))
    started = time.perf_counter()
    await client.start_io(sys.executable, "-m", "checker", "server", cwd=folder)
    await client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=folder.as_uri(),
        initialization_options={"debounce": 0}))
    times: dict[str, list[float]] = {"start-up": [time.perf_counter() - started]}
    client.initialized(types.InitializedParams())

    def opener(name: str):
        return lambda: client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem((folder / name).as_uri(), "markdown", 1, text)))

    times["first open"] = [await diagnostics_after(opener("first.md"))]
    times["next open"] = [await diagnostics_after(opener("second.md"))]
    times["change"] = []
    for version in range(2, changes + 2):
        edited = text + "Our tea is a miracle. " * (version % 3)

        def change(edited: str = edited, version: int = version) -> None:
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version, (folder / "second.md").as_uri()),
                [types.TextDocumentContentChangeWholeDocument(edited)]))

        times["change"].append(await diagnostics_after(change))
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, help="a Markdown file (default: ~1,000 "
                        "words of the corpus)")
    parser.add_argument("--processes", type=int, default=3, help="fresh servers to start")
    parser.add_argument("--changes", type=int, default=20, help="edits per server")
    args = parser.parse_args()
    text = args.file.read_text(encoding="utf-8") if args.file else thousand_words()
    print(f"{len(text.split())} words, {args.processes} server processes")
    results: dict[str, list[float]] = {}
    for _ in range(args.processes):
        for name, seconds in asyncio.run(one_process(text, args.changes)).items():
            results.setdefault(name, []).extend(seconds)
    for name, seconds in results.items():
        tenth = statistics.quantiles(seconds, n=10)[-1] if len(seconds) > 1 else seconds[0]
        print(f"{name:>10}: median {statistics.median(seconds) * 1000:6.0f} ms, 90th "
              f"percentile {tenth * 1000:6.0f} ms, best {min(seconds) * 1000:6.0f} ms, worst "
              f"{max(seconds) * 1000:6.0f} ms ({len(seconds)} samples)")


if __name__ == "__main__":
    main()
