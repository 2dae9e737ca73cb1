#!/usr/bin/env python3
"""Field-by-field score of `tracker intake --json` against the unseen-papers corpus (expected.json + docs/),
split once at random into a development part and a test part (split.json: the seed and the files of each).

Modelled on the scorer of the thirty-paper development corpus (same rules, unchanged), with two additions: a
part to score (--part dev|test|all) and the time each paper takes (the slowest is reported). Run it from a
project checkout:

    python tests/intake_unseen/score.py [--part dev] [--batch 1|2|all] [--in-process] [--tracker .venv/bin/tracker] [--verbose]

--batch chooses the corpus: 1 (default) the first forty papers (expected.json, split.json), 2 the second batch
(expected_batch2.json, split_batch2.json, its own split drawn once), all both; the scoring rules are the same.

--in-process reads each paper with tracker.intake.proposal.propose() in this interpreter (no database: the
ministries stay as the paper names them, which the rules accept); without it every paper goes through
`tracker intake FILE --json` as a user would run it.

It makes a throwaway SQLite database in a temporary folder, runs `tracker init-db` and `tracker load-demo`
there, runs `tracker intake FILE --json` on every document of the corpus and prints the totals, a table per
document and (with --verbose) every wrong or missing field with what was expected and what came back.
The corpus is found next to this script, whatever the working directory.
"""
import json, re, subprocess, os, sys, unicodedata
import argparse, shutil, tempfile
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "expected.json"), encoding="utf-8") as _fh:
    EXP = json.load(_fh)
DOCS = os.path.join(HERE, "docs")
BOX = None  # a Sandbox, set by cli()
with open(os.path.join(HERE, "split.json"), encoding="utf-8") as _fh:
    SPLIT = json.load(_fh)
IN_PROCESS = False
SECONDS: dict = {}  # file -> seconds intake took on it


with open(os.path.join(HERE, "expected_batch2.json"), encoding="utf-8") as _fh:
    EXP2 = json.load(_fh)
with open(os.path.join(HERE, "split_batch2.json"), encoding="utf-8") as _fh:
    SPLIT2 = json.load(_fh)
BATCHES = {"1": (EXP, SPLIT), "2": (EXP2, SPLIT2)}


def batch_names(batch):
    """The batches a --batch value stands for: "1", "2" or "all" (both)."""
    return list(BATCHES) if str(batch) == "all" else [str(batch)]


def part_files(part, batch="1"):
    """The files of a part ("dev", "test") or of the whole corpus ("all"), in one batch or in all."""
    files = set()
    for name in batch_names(batch):
        split = BATCHES[name][1]
        files |= set(split["dev"]) | set(split["test"]) if part == "all" else set(split[part])
    return files


def entries(batch="1"):
    """The expected.json entries of a batch, or of all batches."""
    return [e for name in batch_names(batch) for e in BATCHES[name][0]]


class Sandbox:
    """A temporary SQLite database and instance folder; runs the tracker command in the current directory."""

    def __init__(self, tracker):
        self.bin = tracker
        self.dir = tempfile.mkdtemp(prefix="intake-corpus-")
        self.env = dict(os.environ)
        self.env["DATABASE_URL"] = "sqlite:///" + os.path.join(self.dir, "tracker.db")
        self.env["TRACKER_INSTANCE"] = os.path.join(self.dir, "instance")
        self.env.setdefault("SECRET_KEY", "intake-corpus-secret")
        os.makedirs(self.env["TRACKER_INSTANCE"], exist_ok=True)

    def run(self, *args, timeout=120):
        return subprocess.run([self.bin, *args], env=self.env, capture_output=True, text=True, timeout=timeout)

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def run(fname):
    import time
    start = time.perf_counter()
    try:
        return _run(fname)
    finally:
        SECONDS[fname] = time.perf_counter() - start


def _run(fname):
    if IN_PROCESS:
        from tracker.intake.proposal import propose
        from tracker.intake.text import read_document
        from pathlib import Path
        try:
            return propose(read_document(Path(DOCS) / fname)).as_json(), ""
        except ValueError as error:
            return None, str(error)
    p = BOX.run("intake", os.path.join(DOCS, fname), "--json", timeout=120)
    if p.returncode != 0:
        return None, p.stderr
    try:
        return json.loads(p.stdout), p.stderr
    except ValueError:
        return None, "not JSON"

# ---------------------------------------------------------------- scoring rules (unchanged from the original scorer)
MIN = [  # (pattern in sender/ministry text, code)
    ("algemene zaken", "AZ"), ("minister-president", "AZ"),
    ("binnenlandse zaken", "BZK"), ("koninkrijksrelaties", "BZK"),
    ("justitie", "JenV"), ("asiel", "AenM"),
    ("infrastructuur", "IenW"), ("verkeer en waterstaat", "IenW"),
    ("medische zorg", "VWS"), ("volksgezondheid", "VWS"),
    ("landbouw", "LNV"), ("sociale zaken", "SZW"), ("financi", "FIN"),
    ("economische zaken", "EZK"), ("onderwijs", "OCW"), ("defensie", "DEF"), ("buitenlandse", "BZ"),
]
CODES = {"AZ","BZ","BZK","DEF","EZ","EZK","FIN","IenW","JenV","KGG","LNV","LVVN","OCW","SZW","VRO","VWS","AenM"}

def sender_code(s):
    if s is None: return None
    t = s.lower()
    if "commissie" in t: return "commissie"
    if s.strip() in CODES: return s.strip()
    for pat, code in MIN:
        if pat in t: return code
    return "?" + s

def min_code(v):
    if v is None: return None
    if v in CODES: return v
    return sender_code(v)

def norm(s):
    s = unicodedata.normalize("NFKC", s or "").lower()
    return re.sub(r"[\s\-–.,:;()]+", "", s)

ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")

def refkey(r):
    # dossier + number key: "35165, nr. 2" -> "35165|2"; "36600 B, A" -> "36600b|a"
    t = unicodedata.normalize("NFKC", r).lower().replace("-", " ")
    t = re.sub(r"kamerstukken\s+(i|ii)\s*(\d{4}/\d{2})?,?", "", t)
    t = re.sub(r"\bek\b", "", t)
    m = re.search(r"(\d[\d ]{3,6})\s*([a-z]{1,4}|[ivx]+)?\s*,\s*(?:nr\.?\s*)?([a-z]{1,3}|\d+)\b", t)
    if not m: return norm(t)
    dossier = m.group(1).replace(" ", "")
    sub = (m.group(2) or "").strip()
    return f"{dossier}{sub}|{m.group(3)}"

def status_ok(exp, got):
    if got is None: return None
    g = got.lower().replace("_", " ")
    if exp == "voldaan": return "voldaan" in g and "deels" not in g
    if exp == "deels voldaan": return "deels" in g
    if exp == "openstaand": return g in ("openstaand", "open", "lopend", "in uitvoering")
    if exp == "afgedaan": return g in ("afgedaan", "afgerond", "uitgevoerd", "voldaan", "beantwoord", "gesloten")
    return g == exp

def phrase_match(phrase, got):
    stop = {"in","het","de","van","voor","na","op","te","een"}
    want = [w for w in re.findall(r"\w+", phrase.lower()) if w not in stop]
    have = set(re.findall(r"\w+", got.lower()))
    return bool(want) and all(w in have for w in want)

class Tally:
    def __init__(self): self.c = Counter(); self.rows = []
    def add(self, where, field, verdict, exp, got, note=""):
        if field == "ITEM": self.c["item_" + verdict] += 1
        else: self.c[verdict] += 1
        self.rows.append((where, field, verdict, exp, got, note))

def score_value(T, where, field, exp, got, expect_null, judgement):
    """exp None = nothing expected. Returns verdict or None (not counted)."""
    note = "judgement" if judgement else ""
    if exp is None:
        if field in expect_null:
            v = "right" if got in (None, "", []) else "wrong"
            T.add(where, field, v, None, got, "expected empty" + ("; " + note if note else "")); return v
        if got not in (None, "", []):
            T.add(where, field, "wrong", None, got, "invented" + ("; " + note if note else "")); return "wrong"
        return None
    if got in (None, "", []):
        T.add(where, field, "missing", exp, got, note); return "missing"
    v = "right" if str(exp) == str(got) else "wrong"
    T.add(where, field, v, exp, got, note); return v

def score_phrase_field(T, where, field, exp, got, judgement):
    # exp: None or {"date":..., "phrase":...}
    note = "judgement" if (judgement or (exp or {}).get("judgement")) else ""
    if exp is None or (exp.get("date") is None and exp.get("phrase") is None):
        if got and ISO.match(str(got)):
            T.add(where, field, "wrong", None, got, "date invented where the text gives none" + ("; " + note if note else "")); return
        return
    if not got:
        T.add(where, field, "missing", exp.get("date") or exp.get("phrase"), got, note); return
    ok = (exp.get("date") and str(got) == exp["date"]) or (exp.get("phrase") and phrase_match(exp["phrase"], str(got)))
    T.add(where, field, "right" if ok else "wrong", exp.get("date") or exp.get("phrase"), got, note)

def match_docs(expd, gotd):
    pairs, used = [], set()
    for i, e in enumerate(expd):
        best = None
        for j, g in enumerate(gotd):
            if j in used: continue
            s = 0
            if e.get("date") and g.get("date") == e.get("date"): s += 3
            if g.get("kind") in e["kind"]: s += 1
            if best is None or s > best[0]: best = (s, j)
        if best is not None:
            used.add(best[1]); pairs.append((e, gotd[best[1]]))
        else:
            pairs.append((e, None))
    return pairs, [g for j, g in enumerate(gotd) if j not in used]

def item_sim(e, g):
    s = 0
    en, gn = e.get("nummer"), g.get("nummer")
    text = ((g.get("titel") or "") + " " + (g.get("tekst") or "")).lower()
    mt = e.get("match_text")
    tm = bool(mt and mt.lower() in text)
    if mt and not tm and e["soort"] in ("toezegging",) and g.get("soort") == "toezegging": return -1
    if tm: s += 4
    if en and gn and norm(en) == norm(gn): s += 5
    if e["soort"] == g.get("soort"): s += 2
    else:
        if not (tm or (en and gn and norm(en) == norm(gn))): return -1
    if e.get("datum") and e.get("datum") == g.get("datum"): s += 2
    if e.get("beantwoord") and e.get("beantwoord") == g.get("beantwoord"): s += 1
    if en and gn and norm(en) != norm(gn): s -= 3
    return s

def match_items(expi, goti):
    cand = []
    for i, e in enumerate(expi):
        for j, g in enumerate(goti):
            s = item_sim(e, g)
            if s >= 2: cand.append((s, 0 if not e.get("optional") else -1, i, j))
    cand.sort(reverse=True)
    ei, gj, pairs = set(), set(), {}
    for s, _, i, j in cand:
        if i in ei or j in gj: continue
        ei.add(i); gj.add(j); pairs[i] = j
    return pairs, [j for j in range(len(goti)) if j not in gj]

def main(only=None, part="all", batch="1"):
    summary, per_doc = Counter(), []
    all_rows = []
    wanted = part_files(part, batch)
    for e in entries(batch):
        fname = e["file"]
        if fname not in wanted: continue
        if only and only not in fname: continue
        got, err = run(fname)
        T = Tally()
        if got is None:
            per_doc.append((fname, None, err)); continue
        # documents
        pairs, extra_docs = match_docs(e["documents"], got["documents"])
        for k, (ed, gd) in enumerate(pairs):
            where = f"doc{k+1}"
            gd = gd or {}
            skip = set(ed.get("skip", [])); en = set(ed.get("expect_null", [])); jf = set(ed.get("judgement_fields", []))
            # kind
            if gd.get("kind") is None: T.add(where, "kind", "missing", ed["kind"], None)
            else: T.add(where, "kind", "right" if gd["kind"] in ed["kind"] else "wrong", "|".join(ed["kind"]), gd["kind"], "judgement" if "kind" in jf else "")
            if "date" not in skip: score_value(T, where, "date", ed.get("date"), gd.get("date"), en, "date" in jf)
            if "chamber" not in skip: score_value(T, where, "chamber", ed.get("chamber"), gd.get("chamber"), en, "chamber" in jf)
            if "sender" not in skip and ed.get("sender"):
                sc = sender_code(gd.get("sender"))
                if sc is None: T.add(where, "sender", "missing", "|".join(ed["sender"]), None)
                else: T.add(where, "sender", "right" if sc in ed["sender"] else "wrong", "|".join(ed["sender"]), gd.get("sender"), "judgement" if "sender" in jf else "")
            if ed.get("addressee"):
                ga = gd.get("addressee")
                if not ga: T.add(where, "addressee", "missing", ed["addressee"], None)
                else: T.add(where, "addressee", "right" if ed["addressee"].lower() in ga.lower() else "wrong", ed["addressee"], ga)
            if "kenmerken" not in skip:
                gk = [norm(x) for x in gd.get("kenmerken") or []]
                for km in ed.get("kenmerken", []):
                    T.add(where, "kenmerk", "right" if norm(km) in gk else "missing", km, gd.get("kenmerken"))
                for x in gd.get("kenmerken") or []:
                    if norm(x) not in [norm(k) for k in ed.get("kenmerken", [])]:
                        T.add(where, "kenmerk", "wrong", None, x, "extra kenmerk")
            if "references" not in skip:
                gr = [refkey(x) for x in gd.get("references") or []]
                for r in ed.get("references", []):
                    T.add(where, "reference", "right" if refkey(r) in gr else "missing", r, gd.get("references"), "judgement" if "references" in jf else "")
                summary["extra_refs"] += sum(1 for x in gr if x not in [refkey(r) for r in ed.get("references", [])])
            if "reply_due" not in skip:
                score_value(T, where, "reply_due", ed.get("reply_due"), gd.get("reply_due"), en, "reply_due" in jf)
        summary["extra_docs"] += len(extra_docs)
        # items
        expi = e["items"]; goti = got["items"]
        pairs, extra = match_items(expi, goti)
        found = 0; req = 0; extras = []
        for i, ei in enumerate(expi):
            if ei.get("optional"): continue
            req += 1
            where = f"item:{ei['soort']}:{ei.get('nummer') or ei.get('datum') or i}"
            j = pairs.get(i)
            jd = ei.get("judgement", False)
            if j is None:
                T.add(where, "ITEM", "missing", ei.get("why", ""), None, "judgement" if jd else "")
                # fields of a missing item count as missing
                T.add(where, "soort", "missing", ei["soort"], None, "item not found")
                for f in ("kamer","nummer","datum","deadline","uitstelbericht","uitstel_tot","beantwoord","ministerie","status"):
                    v = ei.get(f)
                    if isinstance(v, dict): v = v.get("date") or v.get("phrase")
                    if v not in (None, [], ""):
                        T.add(where, f, "missing", v, None, "item not found")
                continue
            found += 1
            g = goti[j]
            en = set(ei.get("expect_null", []))
            T.add(where, "soort", "right" if g.get("soort") == ei["soort"] else "wrong", ei["soort"], g.get("soort"))
            score_value(T, where, "kamer", ei.get("kamer"), g.get("kamer"), en, jd)
            if ei.get("nummer") is not None or "nummer" in ei:
                gn = g.get("nummer")
                if ei.get("nummer") is None:
                    if gn: T.add(where, "nummer", "wrong", None, gn, "invented")
                elif not gn: T.add(where, "nummer", "missing", ei["nummer"], None)
                else: T.add(where, "nummer", "right" if norm(gn) == norm(ei["nummer"]) else "wrong", ei["nummer"], gn)
            for f in ("datum", "uitstelbericht", "beantwoord"):
                if f in ei or f in en:
                    score_value(T, where, f, ei.get(f), g.get(f), en, jd)
                elif g.get(f):
                    T.add(where, f, "wrong", None, g.get(f), "invented")
            if "deadline" in ei: score_phrase_field(T, where, "deadline", ei.get("deadline"), g.get("deadline"), jd)
            elif g.get("deadline") and ISO.match(str(g.get("deadline"))): T.add(where, "deadline", "wrong", None, g.get("deadline"), "invented")
            if "uitstel_tot" in ei: score_phrase_field(T, where, "uitstel_tot", ei.get("uitstel_tot"), g.get("uitstel_tot"), jd)
            if ei.get("ministerie"):
                gm = g.get("ministerie"); mc = min_code(gm)
                if not gm: T.add(where, "ministerie", "missing", "|".join(ei["ministerie"]), None)
                else: T.add(where, "ministerie", "right" if mc in ei["ministerie"] else "wrong", "|".join(ei["ministerie"]), gm,
                            "" if gm in CODES else "name, not a code")
            if ei.get("status"):
                ok = status_ok(ei["status"], g.get("status"))
                T.add(where, "status", "missing" if ok is None else ("right" if ok else "wrong"), ei["status"], g.get("status"))
        for j in extra:
            g = goti[j]
            extras.append(g)
            T.add("item:extra", "ITEM", "extra", None, f"{g.get('soort')} {g.get('nummer')} deadline={g.get('deadline')} | {(g.get('titel') or g.get('tekst') or '')[:140]}",
                  "unchecked proposal (opnemen=false)" if g.get("opnemen") is False else "checked proposal")
        fc = T.c
        per_doc.append((fname, dict(right=fc["right"], wrong=fc["wrong"], missing=fc["missing"], extra_items=len(extras), found=found, req=req,
                        doc_right=sum(1 for r in T.rows if r[0].startswith("doc") and r[2]=="right"),
                        doc_total=sum(1 for r in T.rows if r[0].startswith("doc") and r[2] in ("right","wrong","missing")),
                        item_right=sum(1 for r in T.rows if r[0].startswith("item:") and r[1]!="ITEM" and r[2]=="right"),
                        item_total=sum(1 for r in T.rows if r[0].startswith("item:") and r[1]!="ITEM" and r[2] in ("right","wrong","missing"))), None))
        for r in T.rows: all_rows.append((fname,) + r)
        summary["right"] += fc["right"]; summary["wrong"] += fc["wrong"]; summary["missing"] += fc["missing"]
        summary["found"] += found; summary["req"] += req; summary["extra_items"] += len(extras)
    return summary, per_doc, all_rows

# ---------------------------------------------------------------- command line

def _short(v, n=90):
    s = json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v
    return s if len(s) <= n else s[:n - 1] + "…"


def report(s, per_doc, rows, verbose=False, out=sys.stdout):
    fields = s["right"] + s["wrong"] + s["missing"]
    share = s["right"] / fields if fields else 0
    found = s["found"] / s["req"] if s["req"] else 0
    crashed = [(f, err) for f, c, err in per_doc if c is None]
    p = lambda *a: print(*a, file=out)
    p(f"{'document':<62} {'doc':>7} {'items':>7} {'fields':>7} {'wrong':>5} {'miss':>5} {'found':>6} {'false':>5}")
    for fname, c, err in per_doc:
        if c is None:
            p(f"{fname:<62} FAILED: {(err or '').strip().splitlines()[-1:] or ['?']}")
            continue
        p(f"{fname:<62} {c['doc_right']:>3}/{c['doc_total']:<3} {c['item_right']:>3}/{c['item_total']:<3} "
          f"{c['right']:>3}/{c['right'] + c['wrong'] + c['missing']:<3} {c['wrong']:>5} {c['missing']:>5} {c['found']:>3}/{c['req']:<2} {c['extra_items']:>5}")
    if verbose:
        p("")
        p("wrong and missing fields (expected → got):")
        for fname, where, field, verdict, exp, got, note in rows:
            if verdict in ("wrong", "missing"):
                p(f"  {fname} {where} {field} {verdict.upper()}: expected {_short(exp)} → got {_short(got)}" + (f"  [{note}]" if note else ""))
        p("")
        p("false items (proposed, not expected):")
        for fname, where, field, verdict, exp, got, note in rows:
            if verdict == "extra":
                p(f"  {fname}: {_short(got, 160)}  [{note}]")
    p("")
    p(f"fields right {s['right']}/{fields} ({share:.0%}); wrong {s['wrong']}, missing {s['missing']}")
    p(f"items found {s['found']}/{s['req']} ({found:.0%}); false items {s['extra_items']}; extra documents {s['extra_docs']}; extra references {s['extra_refs']}")
    p(f"runs failed {len(crashed)}/{len(per_doc)}")
    slowest = max(SECONDS.items(), key=lambda kv: kv[1], default=(None, 0.0))
    p(f"slowest paper {slowest[1]:.2f} s ({slowest[0]})")
    return dict(slowest_seconds=round(slowest[1], 3), slowest_file=slowest[0], fields_right=s["right"], fields_wrong=s["wrong"], fields_missing=s["missing"], fields_total=fields,
                items_found=s["found"], items_expected=s["req"], false_items=s["extra_items"],
                extra_documents=s["extra_docs"], extra_references=s["extra_refs"], runs_failed=len(crashed), documents=len(per_doc))


def cli(argv=None):
    global BOX
    ap = argparse.ArgumentParser(description="Score `tracker intake --json` on the development corpus.")
    ap.add_argument("--tracker", help="the tracker command (default: .venv/bin/tracker if it exists, else `tracker` on PATH)")
    ap.add_argument("--json", dest="json_out", metavar="OUT", help="also write totals, per-document counts and all rows as JSON")
    ap.add_argument("--verbose", "-v", action="store_true", help="list every wrong or missing field and every false item")
    ap.add_argument("--only", metavar="NAME", help="score only documents whose file name contains NAME")
    ap.add_argument("--part", choices=("dev", "test", "all"), default="dev",
                    help="the development part (default; tune on this one only), the test part, or all")
    ap.add_argument("--batch", choices=("1", "2", "all"), default="1",
                    help="the first forty papers (default), the second batch (expected_batch2.json), or both")
    ap.add_argument("--in-process", action="store_true", help="read the papers with propose() here, without the CLI")
    a = ap.parse_args(argv)
    global IN_PROCESS
    if a.in_process:
        IN_PROCESS = True
        s, per_doc, rows = main(a.only, a.part, a.batch)
        totals = report(s, per_doc, rows, a.verbose)
        if a.json_out:
            with open(a.json_out, "w", encoding="utf-8") as fh:
                json.dump({"totals": totals}, fh, ensure_ascii=False, indent=1, default=str)
        return 0
    tracker = a.tracker or (".venv/bin/tracker" if os.path.exists(".venv/bin/tracker") else shutil.which("tracker"))
    if not tracker:
        sys.exit("no tracker command found: pass --tracker PATH")
    tracker = os.path.abspath(tracker) if os.path.sep in tracker else tracker
    BOX = Sandbox(tracker)
    try:
        for step in (("init-db",), ("load-demo",)):
            r = BOX.run(*step)
            if r.returncode != 0:
                sys.exit(f"`tracker {' '.join(step)}` failed: " + (r.stderr or r.stdout)[-400:])
        s, per_doc, rows = main(a.only, a.part, a.batch)
    finally:
        BOX.close()
    totals = report(s, per_doc, rows, a.verbose)
    if a.json_out:
        data = {"totals": totals,
                "documents": [{"file": f, "counts": c, "error": err} for f, c, err in per_doc],
                "rows": [dict(zip(("file", "where", "field", "verdict", "expected", "got", "note"), r)) for r in rows]}
        with open(a.json_out, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(cli())
