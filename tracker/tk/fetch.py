"""`tracker fetch-tk`: page the live OData API (network needed; not run in CI) and save the pages to a folder,
in the shape `tracker import-tk` reads. Only what Kamertracker uses is asked for, changed since a date."""
from __future__ import annotations

import json
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

BASE = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0"
# entity -> extra filter and expansions; Fractie and Persoon first so names resolve
QUERIES = {
    "Fractie": ("", ""),
    "Persoon": ("", ""),
    "Zaak": ("(Soort eq 'Motie' or Soort eq 'Schriftelijke vragen')", "Kamerstukdossier,Besluit"),
    "ZaakActor": ("(Relatie eq 'Indiener' or Relatie eq 'Medeindiener' or Relatie eq 'Gericht aan')", ""),
    "Document": ("(Soort eq 'Mededeling (uitstel antwoord)' or Soort eq 'Antwoord schriftelijke vragen')", "Zaak($select=Id)"),
    "Toezegging": ("", ""),
}


def first_url(entity: str, since: date) -> str:
    extra, expand = QUERIES[entity]
    conditions = [f"GewijzigdOp ge {since.isoformat()}T00:00:00Z"] + ([extra] if extra else [])
    params = {"$filter": " and ".join(conditions), "$orderby": "GewijzigdOp"}
    if expand:
        params["$expand"] = expand
    return f"{BASE}/{entity}?" + urllib.parse.urlencode(params, quote_via=urllib.parse.quote)


def http_get(url: str) -> dict:
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "Kamertracker"})
    for attempt in range(4):
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.load(response)
        except OSError:
            if attempt == 3:
                raise
            time.sleep(2 ** attempt)  # the API is busy at times: back off and try again
    raise AssertionError("unreachable")


def fetch(since: date, folder: Path, entities: list[str] | None = None,
          get: Callable[[str], dict] = http_get) -> Iterator[Path]:
    """Follow @odata.nextLink for each entity; yield every page file written."""
    folder.mkdir(parents=True, exist_ok=True)
    for entity in entities or list(QUERIES):
        url, number = first_url(entity, since), 0
        while url:
            page = get(url)
            number += 1
            path = folder / f"{entity}-{number:05d}.json"
            path.write_text(json.dumps(page, ensure_ascii=False), encoding="utf-8")
            yield path
            url = page.get("@odata.nextLink")
