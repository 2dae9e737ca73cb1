"""Benchmark: `tracker import-tk` on 100,000 rows of TK open-data JSON, next to a bare bulk insert of the same rows.

Run by hand:  .venv/bin/python bench/tk_import.py [--rows 100000] [--database-url URL]
Rows are written as OData pages of 250 (as the API returns them): Zaak (Schriftelijke vragen and Motie),
ZaakActor, Document (uitstel, antwoord) and Toezegging. Each measurement runs in a fresh process on a fresh
database (migrated, demo reference data loaded), in --repeat rounds of floor, import, command; reported:
the fastest run per mode, the highest peak RSS, and the median of the rounds' import / floor ratios.
  floor    read the same pages and INSERT every row into tk_record in one executemany per page, nothing else
  import   what `tracker import-tk DIR` does (mirror + items), in process like the floor
  command  `tracker import-tk DIR` as a user runs it (Python start-up, progress bars to /dev/null)
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import uuid
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from common import Stopwatch, fresh_database, measure, peak_rss_mb, report, run_command  # noqa: E402
PAGE = 250
CONTEXT = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/$metadata#"
MINISTRIES = ["Binnenlandse Zaken en Koninkrijksrelaties", "Onderwijs, Cultuur en Wetenschap",
              "Volksgezondheid, Welzijn en Sport", "Sociale Zaken en Werkgelegenheid", "Justitie en Veiligheid"]
FRACTIES = ["VVD", "PVV", "GroenLinks-PvdA", "NSC", "D66", "BBB", "CDA", "SP", "DENK", "PvdD"]


def write_pages(folder: Path, rows: int, seed: int = 7) -> None:
    """About a quarter zaken, 40 % actors, 20 % documents, 15 % toezeggingen."""
    rng = random.Random(seed)
    stamp = "2025-01-10T10:00:00+01:00"
    zaken, actors, documents, promises = [], [], [], []
    n_zaak = rows // 4
    n_promise = rows * 15 // 100
    n_document = rows // 5
    n_actor = rows - n_zaak - n_promise - n_document
    for n in range(n_zaak):
        start = date(2022, 1, 1) + timedelta(days=rng.randrange(900))
        motion = rng.random() < 0.2
        zaak_id = str(uuid.UUID(int=rng.getrandbits(128)))
        zaken.append({"Id": zaak_id, "Nummer": f"{start.year}Z{n:05d}", "Soort": "Motie" if motion else "Schriftelijke vragen",
                      "Onderwerp": f"{'Motie van het lid' if motion else 'Vragen van het lid'} Jansen over onderwerp {n}",
                      "GestartOp": f"{start.isoformat()}T00:00:00+01:00", "GewijzigdOp": stamp, "Verwijderd": False,
                      **({"Volgnummer": n % 90 + 1, "Kamerstukdossier": [{"Nummer": 36000 + n // 90}],
                          "Besluit": [{"BesluitSoort": "Stemmen - aangenomen", "BesluitTekst": "Aangenomen."}]}
                         if motion else {})})
    for n in range(n_actor):
        zaak = zaken[n % n_zaak]
        addressed = n // n_zaak == 1
        actors.append({"Id": str(uuid.UUID(int=rng.getrandbits(128))), "Zaak_Id": zaak["Id"],
                       "ActorNaam": "minister" if addressed else f"Lid {n % 150}",
                       "ActorFractie": None if addressed else rng.choice(FRACTIES),
                       "Functie": f"minister van {rng.choice(MINISTRIES)}" if addressed else None,
                       "Relatie": "Gericht aan" if addressed else "Indiener", "GewijzigdOp": stamp, "Verwijderd": False})
    for n in range(n_document):
        zaak = zaken[rng.randrange(n_zaak)]
        answer = n % 2 == 0
        when = date.fromisoformat(zaak["GestartOp"][:10]) + timedelta(days=rng.randrange(10, 80) if answer else 18)
        documents.append({"Id": str(uuid.UUID(int=rng.getrandbits(128))),
                          "Soort": "Antwoord schriftelijke vragen" if answer else "Mededeling (uitstel antwoord)",
                          "Titel": f"Document {n}", "Datum": f"{when.isoformat()}T00:00:00+01:00",
                          "Zaak": [{"Id": zaak["Id"]}], "GewijzigdOp": stamp, "Verwijderd": False})
    for n in range(n_promise):
        made = date(2022, 1, 1) + timedelta(days=rng.randrange(900))
        promises.append({"Id": str(uuid.UUID(int=rng.getrandbits(128))), "Nummer": f"TZ{n:07d}",
                         "Tekst": f"De minister stuurt de Kamer een brief over onderwerp {n}.", "Naam": "Minister",
                         "Ministerie": rng.choice(MINISTRIES), "Status": rng.choice(["Openstaand", "Voldaan", "Deels voldaan"]),
                         "DatumNakoming": f"{(made + timedelta(days=120)).isoformat()}T00:00:00+01:00",
                         "Aanmaakdatum": f"{made.isoformat()}T00:00:00+01:00", "GewijzigdOp": stamp, "Verwijderd": False})
    for entity, values in (("Zaak", zaken), ("ZaakActor", actors), ("Document", documents), ("Toezegging", promises)):
        for page, start in enumerate(range(0, len(values), PAGE), 1):
            (folder / f"{entity}-{page:05d}.json").write_text(json.dumps(
                {"@odata.context": CONTEXT + entity, "value": values[start:start + PAGE]}, ensure_ascii=False))


def floor(url: str, folder: Path) -> None:
    from sqlalchemy import insert

    from tracker import db
    from tracker.models import TkRecord
    from tracker.tk.pages import pages
    engine = db.get_engine(url)
    with engine.begin() as connection:
        for page in pages(folder):
            connection.execute(insert(TkRecord), [
                dict(entity=page.entity, tk_id=row["Id"], modified=None, deleted=False, zaak_id=None, pending=True,
                     data=json.dumps(row, ensure_ascii=False)) for row in page.rows])


def child(mode: str, url: str, folder: str) -> None:
    fresh_database(url)
    clock = Stopwatch()
    if mode == "floor":
        floor(url, Path(folder))
    elif mode == "import":  # what `tracker import-tk` runs, in this process like the floor
        from tracker import db, tk
        from tracker.authz import system
        with db.transaction(db.get_engine(url)) as session:
            tk.import_path(session, Path(folder), system("bench"))
    else:  # the command as a user runs it, Python start-up and progress bars included
        rss = run_command(["import-tk", folder], url)
    print(json.dumps({**clock.read(), "rss_mb": rss if mode == "command" else peak_rss_mb()}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url", help="default: a fresh SQLite file per run")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of runs (default 3)")
    parser.add_argument("--child", choices=["import", "floor", "command"])
    parser.add_argument("--url")
    parser.add_argument("--folder")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.url, args.folder)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        write_pages(folder, args.rows)
        print(f"{args.rows} rows in {len(list(folder.iterdir()))} pages of {PAGE}")
        report(measure(__file__, ["--folder", str(folder)], tmp, args.database_url, args.repeat))


if __name__ == "__main__":
    main()
