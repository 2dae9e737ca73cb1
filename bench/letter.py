"""Benchmark: a voortgangsbrief with 500 items plus annex, next to WeasyPrint rendering the same HTML alone.

Run by hand:  .venv/bin/python bench/letter.py [--items 500]
Each measurement runs in a fresh process; wall time and peak RSS (VmHWM, see bench/common.py) are reported.
  full   compose the letter from the database (letters.compose, as `tracker letter --alles`), render the template,
         WeasyPrint to a tagged PDF (PDF/UA, as every letter)
  floor  WeasyPrint alone on the same HTML string, read from a file (untagged: the tagging is part of our cost)
  warm   as full, with the app already imported (as in a running web server, which imports it once)
  tagged WeasyPrint alone on the same HTML, asked for the same kind of file (pdf_variant="pdf/ua-1"): what any
         tagged letter costs, so that the overhead against it is ours alone (composing, wording, the artifact fix)
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def setup(url: str, count: int) -> None:
    from tracker import db, migrate
    from tracker.authz import system
    from tracker.demo import default_demo_file, load_demo
    from tracker.services import items

    engine = db.get_engine(url)
    migrate.upgrade(engine)
    with db.transaction(engine) as session:
        load_demo(session, default_demo_file())
        stand = ("Het onderzoek is gestart; de resultaten worden met de Kamer gedeeld zodra het rapport gereed is. "
                 "Daarnaast is overleg gevoerd met gemeenten en uitvoeringsorganisaties over de vervolgstappen.")
        for n in range(count):
            kind = "motie" if n % 3 == 0 else "toezegging"
            items.create_item(session, items.ItemInput(
                kind=kind, chamber="TK", nummer=f"{36100 + n // 30}, nr. {n % 30 + 1}" if kind == "motie" else f"T{n:05d}",
                title=("Motie van het lid De Vries c.s. over " if kind == "motie" else "Toezegging over ") +
                      f"de uitvoering van maatregel {n} voor een toegankelijke overheid",
                ministry_code="OCW", start_date=date(2024, 1, 10), deadline_phrase="tweede helft van 2025",
                text="verzoekt de regering om in overleg met de betrokken organisaties concrete maatregelen te "
                     "nemen en de Kamer daarover voor de zomer te informeren", stand_van_zaken=stand), system("bench"))


def view_html(url: str):
    from tracker import db
    from tracker.letters import voortgangsbrief as letters
    from tracker.models import Ministry
    from sqlmodel import select

    with db.transaction(db.get_engine(url)) as session:
        ministry = session.exec(select(Ministry).where(Ministry.code == "OCW")).first()
        # as `tracker letter --alles` makes it: selection, wording, citations, closing documents, signature
        view = letters.compose(session, ministry, on=date(2025, 7, 1), chamber="TK", everything=True,
                               signer_function="minister van Onderwijs, Cultuur en Wetenschap",
                               signer_name="E.E.W. Bruins").view
    return view


def child(mode: str, url: str, html_file: str) -> None:
    from common import Stopwatch
    if mode == "warm":  # the web server has imported the app (SQLAlchemy, SQLModel, WeasyPrint) before a request
        import weasyprint  # noqa: F401
        from tracker.letters import voortgangsbrief  # noqa: F401
    watch = Stopwatch()
    if mode in ("full", "warm"):
        from tracker.letters import voortgangsbrief as letters
        pdf = letters.render_pdf(view_html(url))
    else:
        from weasyprint import HTML
        from tracker.letters.voortgangsbrief import TEMPLATES
        variant = {"pdf_variant": "pdf/ua-1"} if mode == "tagged" else {}
        pdf = HTML(string=Path(html_file).read_text(), base_url=str(TEMPLATES)).write_pdf(**variant)
    spent = watch.read()
    from common import peak_rss_mb
    print(json.dumps({**spent, "bytes": len(pdf), "rss_mb": peak_rss_mb()}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", choices=["full", "warm", "floor", "tagged"])
    parser.add_argument("--url")
    parser.add_argument("--html")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.url, args.html)
        return
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/letter.db"
        setup(url, args.items)
        from tracker.letters import voortgangsbrief as letters
        view = view_html(url)
        html_file = Path(tmp) / "letter.html"
        html_file.write_text(letters.render_html(view))
        print(f"{len(view.entries)} items in the letter (plus annex)")
        results = {}
        for _ in range(args.rounds):  # interleaved: a slow period of this shared machine falls on both
            for mode in ("floor", "tagged", "full", "warm"):
                out = subprocess.run([sys.executable, __file__, "--child", mode, "--url", url, "--html",
                                      str(html_file)], capture_output=True, text=True, check=True).stdout
                results.setdefault(mode, []).append(json.loads(out.strip().splitlines()[-1]))
        for mode, runs in results.items():
            best = min(runs, key=lambda r: r["wall"])
            print(f"{mode:<6} wall {best['wall']:.2f} s  cpu {min(r['cpu'] for r in runs):.2f} s  "
                  f"peak RSS {max(r['rss_mb'] for r in runs):.0f} MB  pdf {best['bytes'] / 1024:.0f} KB")
        for mode in ("full", "warm"):
            for base, words in (("floor", "untagged WeasyPrint"), ("tagged", "WeasyPrint, same PDF/UA tagging")):
                for measure in ("wall", "cpu"):  # CPU time varies far less than wall time when jobs share the CPUs
                    full, floor = (min(r[measure] for r in results[m]) for m in (mode, base))
                    print(f"{mode:<4} overhead beyond {words} ({measure}, best of {args.rounds}): "
                          f"{100 * (full - floor) / floor:.1f} %")


if __name__ == "__main__":
    main()
