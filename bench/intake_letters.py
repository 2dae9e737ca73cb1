"""Intake of one paper holding many short letters: how the time grows with the number of letters. Intake must
stay linear in it (it was quadratic: each letter looked through every item found so far, the whole paper for
a committee, or the cover again).

Four bundles, ~0.2-0.8 kB a letter: "answers" (a minister answers a member's questions, postpones a
committee's request and settles a motion: three items a letter), "committee" (committee letters with a term
of their own), "plain" (letters to a minister without a heading), "brief-aan" (headed BRIEF AAN DE MINISTER).

    .venv/bin/python bench/intake_letters.py [--letters 500 1000 2000] [--style answers plain] [--runs 1]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tracker.intake.proposal import propose  # noqa: E402

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]


def letter(n: int) -> str:
    day, month = n % 27 + 1, MONTHS[n % 11]
    return f"""BRIEF VAN DE MINISTER VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES
Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Den Haag, {day} {MONTHS[n % 11 + 1]} 2024
Kenmerk 2024-00{n:05d}
Hierbij zend ik u de antwoorden op de vragen van het lid Jansen{n} (PVV) over de uitvoering van regeling {n}
(ingezonden {day} {month} 2024, kenmerk 2024Z{n:05d}).
De vaste commissie voor Binnenlandse Zaken heeft mij op {day} {month} 2024 verzocht om een reactie op het
rapport {n}. Het is mij helaas niet gelukt deze reactie binnen de gestelde termijn te sturen. U ontvangt
de reactie voor het zomerreces.
Met deze brief geef ik uitvoering aan de motie van het lid Pietersen{n} (Kamerstuk 35628, nr. {n}).
De minister van Binnenlandse Zaken en Koninkrijksrelaties,
J. de Vries
"""


def committee(n: int) -> str:
    return f"""BRIEF VAN DE VOORZITTER VAN DE VASTE COMMISSIE VOOR ONDERWIJS, CULTUUR EN WETENSCHAP
Aan de minister van Onderwijs, Cultuur en Wetenschap
Den Haag, {n % 27 + 1} {MONTHS[n % 12]} 2024
Kenmerk 2024Z{n:05d}/2024D{n:05d}
De vaste commissie voor Onderwijs, Cultuur en Wetenschap heeft kennisgenomen van de brief over onderwerp {n}.
De leden hebben enkele vragen. De commissie ontvangt de antwoorden graag binnen vier weken na dagtekening van
deze brief.
De voorzitter van de commissie,
Jansen
"""


def plain(n: int) -> str:
    return f"""Aan de minister van Onderwijs, Cultuur en Wetenschap
Den Haag, {n % 27 + 1} {MONTHS[n % 12]} 2024
Betreft: onderwerp {n}
De leden van de commissie hebben vragen over onderwerp {n}. Zij ontvangen de antwoorden graag binnen vier weken.
De griffier,
Jansen
"""


def brief_aan(n: int) -> str:
    return f"""BRIEF AAN DE MINISTER VAN ONDERWIJS, CULTUUR EN WETENSCHAP
Den Haag, {n % 27 + 1} {MONTHS[n % 12]} 2024
De leden hebben vragen over onderwerp {n}. Zij ontvangen de antwoorden graag binnen vier weken na dagtekening
van deze brief.
"""


STYLES = {"answers": letter, "committee": committee, "plain": plain, "brief-aan": brief_aan}


def paper(letters: int, style: str = "answers") -> str:
    return "\n".join(STYLES[style](n) for n in range(1, letters + 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, nargs="+", default=[500, 1000, 2000])
    parser.add_argument("--style", nargs="+", choices=list(STYLES), default=list(STYLES))
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    for style in args.style:
        for count in args.letters:
            text = paper(count, style)
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                proposal = propose(text)
                times.append(time.perf_counter() - start)
            print(f"{style}: {count} letters, {len(text) / 1e6:.2f} MB: {len(proposal.documents)} documents, "
                  f"{len(proposal.items)} items; median {statistics.median(times):.2f} s "
                  f"({statistics.median(times) / count * 1000:.2f} ms a letter)")


if __name__ == "__main__":
    main()
