"""Intake of a 100-page verslag PDF: how long reading the text layer and proposing its documents and items take.

The PDF is made here with WeasyPrint from real text: the seed verslag of a nader schriftelijk overleg
(seeds/papers/004, committee letter, uitstelbericht and reply) repeated as further exchanges until the PDF has
at least --pages pages, laid out as the Kamer prints it (A4, 11 pt). Target: under 5 s for 100 pages.

    .venv/bin/python bench/intake_pdf.py [--pages 100] [--runs 3]
"""
from __future__ import annotations

import argparse
import html
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tracker.intake.proposal import propose  # noqa: E402
from tracker.intake.text import pdf_text, read_document  # noqa: E402


def make_pdf(pages: int) -> tuple[bytes, int]:
    from weasyprint import HTML
    seed = read_document(next((ROOT / "seeds" / "papers").glob("004_*.txt")))
    lines = [line.strip() for line in seed.splitlines() if line.strip()]
    body = "".join(f"<p style='margin:0 0 2pt'>{html.escape(line)}</p>" for line in lines)
    copies = max(1, pages // 8)
    while True:
        document = HTML(string=f"<html><body style='font: 11pt serif'>{body * copies}</body></html>").render()
        if len(document.pages) >= pages:
            return document.write_pdf(), len(document.pages)
        copies = int(copies * pages / len(document.pages)) + 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    data, count = make_pdf(args.pages)
    times, text_times = [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        text = pdf_text(data, "verslag.pdf")
        middle = time.perf_counter()
        proposal = propose(text)
        end = time.perf_counter()
        text_times.append(middle - start)
        times.append(end - start)
    print(f"{count} pages, {len(data) / 1e6:.1f} MB PDF, {len(text) / 1e6:.2f} M characters: "
          f"{len(proposal.documents)} documents, {len(proposal.items)} items")
    print(f"text layer: median {statistics.median(text_times):.2f} s; "
          f"intake total: median {statistics.median(times):.2f} s, worst {max(times):.2f} s over {args.runs} runs")


if __name__ == "__main__":
    main()
