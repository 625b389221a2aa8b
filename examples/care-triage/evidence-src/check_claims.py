#!/usr/bin/env python3
"""Approximate the rules 2 evidence checks (docs/formats.md §3.6) on this example, in Python.

This is a curation aid for the example's evidence files, not the tool: it lets
whoever edits an evidence extract see, without building tenderscore, which
claims in the suppliers' responses (response.yaml, or response.xlsx read with the
standard library) the documents would fail to bear out. It approximates:

  1. claimed `issued` / `expires` dates must appear in the document in a common
     form (2026-03-01, 01/03/2026, 1 March 2026, 1st March 2026, March 1, 2026);
  2. a date within 60 characters after "valid until", "expiry date", "expires",
     "expiration date", "valid to" or "date of expiry" that is before `as_of`
     means the document says it has expired;
  4. `verified_by` counts only when the verifier's name (the text before any
     "(" or ";") appears in the document and is on the tender's accepted list
     (`[evidence] verifiers` in tender.toml, or verifiers.csv);
  5. `certificate: "<number>"` is looked up in certificates.csv beside
     tender.toml (found, status valid, holder = supplier, not expired).

It also repeats the rules 1 file checks that need no rubric (file present and
not empty, sha256, claimed dates against `as_of`) so that the example's
deliberate rules 1 failures are listed too. Check 3 (rubric `must_show`) is
not approximated, nor are the rubric's accepted kinds and `max_age_days`: the
1.1.0 rubrics the example uses set `must_show` on 31 questions, so run
`tenderscore check` for those findings.

Text is read from .txt/.md/.csv, .html/.htm (tags dropped), .pdf (with
`pdftotext` from poppler-utils if installed, else the `pypdf` package, else the
file is skipped and said so) and .docx/.odt (document body, standard library
only). A PDF with no text layer is reported as `unchecked`, as the tool does.

Every failure is printed; failures the example demonstrates on purpose are
marked "expected", anything else "UNEXPECTED". Exit status: 0 when exactly the
expected failures occur, 1 otherwise.

Usage: python3 check_claims.py [--whole-verified-by] [TENDER_DIR]
       (TENDER_DIR defaults to the folder above this script)
  --whole-verified-by   take the verifier's "name" to be the whole `verified_by`
                        value, parenthesised details included, and accept it when
                        it contains an accepted verifier's name as whole words (a
                        stricter reading of check 4 (docs/formats.md §3.6); shows what a tool
                        reading it so would report on this example).
Needs: Python 3.11+ (tomllib) and PyYAML.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import html
import re
import shutil
import subprocess
import sys
import tomllib
import unicodedata
import zipfile
from pathlib import Path

import yaml

MONTHS = [
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
]
EXPIRY_PHRASES = [
    "valid until", "expiry date", "expires", "expiration date", "valid to",
    "date of expiry",
]
# Near misses: phrases a stricter implementation might also read as an expiry.
# Reported as warnings, never as failures.
SOFT_EXPIRY = r"expir\w*|valid (?:from|through|thru)|recertification due|renewal due"
WINDOW = 60

# What the example demonstrates on purpose: (supplier folder, file, check).
EXPECTED = {
    # rules 1, kept from the first edition of the example
    ("brindleworth-digital", "evidence/dpia-careflow.txt", "missing"),
    ("brindleworth-digital", "evidence/contract-terms.txt", "sha256"),
    ("brindleworth-digital", "evidence/iso27001-certificate.pdf", "claimed-expired"),
    # rules 2
    ("brindleworth-digital", "evidence/iso27001-certificate.pdf", "expired-in-document"),
    ("cobalt-analytics", "evidence/horizon-for-social-care-brochure.pdf", "issued"),
    ("cobalt-analytics", "evidence/horizon-for-social-care-brochure.pdf", "verifier-named"),
    ("cobalt-analytics", "evidence/horizon-for-social-care-brochure.pdf", "verifier-not-accepted"),
    ("meadowbank-analytics", "evidence/accessibility-audit.txt", "verifier-not-accepted"),
    ("pennine-care-data", "evidence/cyber-essentials-plus-certificate-scan.pdf", "unchecked"),
}


# ----------------------------------------------------------------- text
def normalise(text: str) -> str:
    """NFKC, case folded, soft hyphens and line-break hyphenation removed, one space per run."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = re.sub(r"([^\W\d_])-[ \t]*\r?\n[ \t]*([^\W\d_])", r"\1\2", text)
    return re.sub(r"\s+", " ", text.casefold()).strip()


def name_key(name: str) -> str:
    """A company or body name for comparison: suffixes unified, punctuation ignored."""
    n = normalise(name)
    n = n.replace("public limited company", "plc").replace("limited", "ltd")
    n = re.sub(r"[^\w\s]", " ", n)
    return re.sub(r"\s+", " ", n).strip()


def pdf_text(path: Path) -> tuple[str | None, str]:
    if shutil.which("pdftotext"):
        r = subprocess.run(
            ["pdftotext", "-q", "-enc", "UTF-8", str(path), "-"],
            capture_output=True, timeout=60,
        )
        if r.returncode != 0:
            return None, f"unreadable (pdftotext exit {r.returncode})"
        return r.stdout.decode("utf-8", "replace"), "pdftotext"
    try:
        from pypdf import PdfReader  # type: ignore
    except ImportError:
        return None, "skipped (neither pdftotext nor pypdf is installed)"
    try:
        return "\n".join(p.extract_text() or "" for p in PdfReader(str(path)).pages), "pypdf"
    except Exception as e:  # noqa: BLE001 - any parser complaint makes it unreadable
        return None, f"unreadable ({e})"


def zipped_xml_text(path: Path, member: str, para_tags: str) -> str:
    with zipfile.ZipFile(path) as z:
        xml = z.read(member).decode("utf-8")
    xml = re.sub(r"<w:tab/>|<text:tab/>", " ", xml)
    xml = re.sub(rf"</(?:{para_tags})>", "\n", xml)
    return html.unescape(re.sub(r"<[^>]+>", "", xml))


def extract(path: Path) -> tuple[str | None, str]:
    """(text, how). text None: not read (see how); '' : no text (unchecked)."""
    ext = path.suffix.lower()
    try:
        if ext in (".txt", ".md", ".csv"):
            return path.read_text(encoding="utf-8"), "text"
        if ext in (".html", ".htm"):
            return html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))), "html"
        if ext == ".pdf":
            return pdf_text(path)
        if ext == ".docx":
            return zipped_xml_text(path, "word/document.xml", "w:p"), "docx body"
        if ext == ".odt":
            return zipped_xml_text(path, "content.xml", "text:p|text:h"), "odt body"
    except (OSError, zipfile.BadZipFile, KeyError, UnicodeDecodeError) as e:
        return None, f"unreadable ({e})"
    return "", f"no text extractor for {ext}"


# ----------------------------------------------------------------- dates
def date_forms(d: dt.date) -> list[str]:
    m = MONTHS[d.month - 1]
    suffix = "th" if 11 <= d.day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
    return [
        f"{d:%Y-%m-%d}",
        f"{d.day:02d}/{d.month:02d}/{d.year}",
        f"{d.day} {m} {d.year}",
        f"{d.day}{suffix} {m} {d.year}",
        f"{m} {d.day}, {d.year}",
    ]


def shows_date(norm: str, d: dt.date) -> bool:
    return any(re.search(rf"(?<![\w]){re.escape(f)}(?!\d)", norm) for f in date_forms(d))


_MON = "|".join(MONTHS)
DATE_RE = re.compile(
    rf"(?<!\d)(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})(?!\d)"
    rf"|(?<!\d)(?P<dmy>\d{{1,2}}/\d{{1,2}}/\d{{4}})(?!\d)"
    rf"|(?<!\d)(?P<dm>\d{{1,2}})(?:st|nd|rd|th)? (?P<dm_m>{_MON}),? (?P<dm_y>\d{{4}})(?!\d)"
    rf"|(?P<md_m>{_MON}) (?P<md>\d{{1,2}})(?:st|nd|rd|th)?, (?P<md_y>\d{{4}})(?!\d)"
)


def dates_in(s: str) -> list[dt.date]:
    out = []
    for m in DATE_RE.finditer(s):
        try:
            if m["iso"]:
                out.append(dt.date.fromisoformat(m["iso"]))
            elif m["dmy"]:
                day, mon, yr = map(int, m["dmy"].split("/"))
                out.append(dt.date(yr, mon, day))
            elif m["dm"]:
                out.append(dt.date(int(m["dm_y"]), MONTHS.index(m["dm_m"]) + 1, int(m["dm"])))
            else:
                out.append(dt.date(int(m["md_y"]), MONTHS.index(m["md_m"]) + 1, int(m["md"])))
        except ValueError:
            pass
    return out


def expiries_before(norm: str, as_of: dt.date, phrases: str) -> list[tuple[str, dt.date]]:
    """Dates before `as_of` within WINDOW characters after a phrase. The phrase is found
    anywhere, even inside a longer word ("invalid to"), as a plain text search would."""
    found = []
    for m in re.finditer(rf"(?:{phrases})", norm):
        for d in dates_in(norm[m.end(): m.end() + WINDOW]):
            if d < as_of:
                found.append((m.group(0), d))
    return found


# ----------------------------------------------------------------- tender
def as_date(v) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v))


def load_tender(root: Path):
    t = tomllib.loads((root / "tender.toml").read_text(encoding="utf-8"))
    verifiers = list(t.get("evidence", {}).get("verifiers", []))
    vcsv = root / "verifiers.csv"
    if vcsv.exists():
        with vcsv.open(newline="", encoding="utf-8") as f:
            verifiers += [r[0] for r in csv.reader(f) if r and r[0].strip() and r[0] != "name"]
    register = {}
    ccsv = root / "certificates.csv"
    if ccsv.exists():
        with ccsv.open(newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                register[normalise(row["number"])] = row
    rules = t.get("scoring", {}).get("rules", 1)
    return t, as_date(t["as_of"]), verifiers, register, rules


WHOLE_VERIFIED_BY = False


def verifier_name(verified_by: str) -> str:
    """The name part of `verified_by`: "BSI (UKAS accredited; cert. 123)" names "BSI"."""
    if WHOLE_VERIFIED_BY:
        return verified_by.strip()
    return re.split(r"\s*[(;]", verified_by, maxsplit=1)[0].strip().rstrip(",.")


def accepted(name: str, verifiers: list[str]) -> bool:
    key = name_key(name)
    if WHOLE_VERIFIED_BY:
        return any(re.search(rf"(?<!\w){re.escape(name_key(v))}(?!\w)", key) for v in verifiers)
    return key in {name_key(v) for v in verifiers}


# ----------------------------------------------------------------- checks
def check_item(sub: Path, supplier: str, legal: list[str], ev: dict, as_of, verifiers, register, texts):
    """Return (failures, warnings, content) for one evidence item; a failure is (check, reason)."""
    fails, warns = [], []
    path = sub / ev["file"]
    issued, expires = as_date(ev.get("issued")), as_date(ev.get("expires"))
    # rules 1 file checks that need no rubric
    if not path.is_file():
        return [("missing", "file not found")], warns, "missing"
    data = path.read_bytes()
    if not data:
        fails.append(("empty", "file is empty"))
    if ev.get("sha256") and hashlib.sha256(data).hexdigest() != str(ev["sha256"]).lower():
        fails.append(("sha256", f"sha256 does not match (file is {hashlib.sha256(data).hexdigest()[:16]}...)"))
    if issued and issued > as_of:
        fails.append(("claimed-issued-late", f"claimed issue date {issued} is after as_of"))
    if expires and expires < as_of:
        fails.append(("claimed-expired", f"claimed expiry {expires} is before as_of"))

    if path not in texts:
        texts[path] = extract(path)
    text, how = texts[path]
    if text is None:
        warns.append(f"content not checked: {how}")
        return fails, warns, how
    norm = normalise(text)
    if not norm:
        fails.append(("unchecked", f"no readable text ({how}): the panel must check it by hand"))
        return fails, warns, "unchecked"

    # 1. claimed dates
    if issued and not shows_date(norm, issued):
        fails.append(("issued", f"the document does not show the claimed issue date {issued}"))
    if expires and not shows_date(norm, expires):
        fails.append(("expires", f"the document does not show the claimed expiry date {expires}"))
    # 2. expiry stated in the document
    for phrase, d in expiries_before(norm, as_of, "|".join(map(re.escape, EXPIRY_PHRASES))):
        fails.append(("expired-in-document", f'the document says it expired on {d} ("{phrase}")'))
    strict = {d for _, d in expiries_before(norm, as_of, "|".join(map(re.escape, EXPIRY_PHRASES)))}
    for phrase, d in expiries_before(norm, as_of, SOFT_EXPIRY):
        if d not in strict:
            warns.append(f'near miss: "{phrase}" followed by {d} (before as_of)')
    # 4. verifier
    if ev.get("verified_by"):
        name = verifier_name(str(ev["verified_by"]))
        if not re.search(rf"(?<!\w){re.escape(name_key(name))}(?!\w)", name_key(text)):
            fails.append(("verifier-named", f'the document does not name the verifier "{name}"'))
        if verifiers and not accepted(name, verifiers):
            fails.append(("verifier-not-accepted", f'"{name}" is not on the tender\'s accepted verifiers'))
    # 5. certificate register
    if ev.get("certificate"):
        row = register.get(normalise(str(ev["certificate"])))
        if row is None:
            fails.append(("certificate-not-found", f'certificate {ev["certificate"]} is not in certificates.csv'))
        else:
            holders = {name_key(n) for n in [supplier, *legal]}
            if row["status"].strip().lower() != "valid":
                fails.append(("certificate-status", f'register status is {row["status"]}'))
            if name_key(row["holder"]) not in holders:
                fails.append(("certificate-holder", f'register holder is {row["holder"]}'))
            if as_date(row["expires"]) < as_of:
                fails.append(("certificate-expired", f'register says it expired on {row["expires"]}'))
            if not any(c == "certificate-status" or c.startswith("certificate-") for c, _ in fails):
                warns.append("confirmed in the certificate register")
    return fails, warns, "checked"


def read_workbook(path: Path) -> dict:
    """The response a `response.xlsx` stands for, as much of it as these checks use: the
    supplier's names (sheet Supplier) and the evidence items (sheet Evidence), read with the
    standard library (the workbook layout is docs/formats.md §2.3.1)."""
    import zipfile
    import xml.etree.ElementTree as ET

    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
    with zipfile.ZipFile(path) as z:
        strings = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns):
                strings.append("".join(t.text or "" for t in si.iter(f"{{{ns['m']}}}t")))
        rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
        sheets = {}
        for sh in ET.fromstring(z.read("xl/workbook.xml")).find("m:sheets", ns):
            target = rels[sh.get(f"{{{ns['r']}}}id")].lstrip("/")
            sheets[sh.get("name")] = target if target.startswith("xl/") else "xl/" + target

        def rows(name: str) -> list[list[str]]:
            out = []
            for row in ET.fromstring(z.read(sheets[name])).iter(f"{{{ns['m']}}}row"):
                cells: dict[int, str] = {}
                for c in row.findall("m:c", ns):
                    col = 0
                    for ch in re.match(r"[A-Z]+", c.get("r")).group(0):
                        col = col * 26 + ord(ch) - 64
                    v = c.find("m:v", ns)
                    if c.get("t") == "s" and v is not None:
                        val = strings[int(v.text)]
                    elif c.get("t") == "inlineStr":
                        val = "".join(t.text or "" for t in c.iter(f"{{{ns['m']}}}t"))
                    else:
                        val = v.text if v is not None else ""
                    cells[col - 1] = val or ""
                out.append([cells.get(i, "") for i in range(max(cells, default=-1) + 1)])
            return out

        def day(v: str) -> str:
            # A spreadsheet date is a day count from 1899-12-30; text stays as it is.
            if re.fullmatch(r"\d+(\.0+)?", v or ""):
                return str(dt.date(1899, 12, 30) + dt.timedelta(days=int(float(v))))
            return v

        resp: dict = {"legal_names": [], "answers": {}}
        for r in rows("Supplier"):
            if r and r[0] == "supplier":
                resp["supplier"] = r[1] if len(r) > 1 else ""
            elif r and r[0] == "legal_names":
                resp["legal_names"] = [n for n in r[1:] if n]
        evidence = rows("Evidence")
        head = evidence[0]
        for r in evidence[1:]:
            item = {k: (r[i] if i < len(r) else "") for i, k in enumerate(head)}
            if not item.get("question"):
                continue
            ev = {k: v for k, v in item.items() if k != "question" and v}
            for k in ("issued", "expires"):
                if k in ev:
                    ev[k] = day(ev[k])
            resp["answers"].setdefault(item["question"], {"evidence": []})["evidence"].append(ev)
        return resp


def main() -> int:
    global WHOLE_VERIFIED_BY
    args = sys.argv[1:]
    if "--whole-verified-by" in args:
        WHOLE_VERIFIED_BY = True
        args.remove("--whole-verified-by")
    root = Path(args[0]) if args else Path(__file__).resolve().parent.parent
    tender, as_of, verifiers, register, rules = load_tender(root)
    subs_dir = root / tender.get("submissions", "submissions")
    print(f"tender {tender['id']}  as_of {as_of}  rules {rules}  "
          f"{len(verifiers)} accepted verifiers  {len(register)} register rows")
    seen_failures, unexpected, texts, counts = set(), 0, {}, {}
    for sub in sorted(p for p in subs_dir.iterdir() if p.is_dir()):
        if (sub / "response.yaml").exists():
            resp = yaml.safe_load((sub / "response.yaml").read_text(encoding="utf-8"))
        else:
            resp = read_workbook(sub / "response.xlsx")
        supplier, legal = resp["supplier"], list(resp.get("legal_names") or [])
        items: dict[tuple, list[str]] = {}
        for qid, ans in (resp.get("answers") or {}).items():
            for ev in (ans or {}).get("evidence") or []:
                key = tuple(sorted((k, str(v)) for k, v in ev.items() if k != "kind"))
                items.setdefault(key, []).append(qid)
        print(f"\n== {sub.name} ({supplier}): {len(items)} distinct evidence claims")
        for key, qids in items.items():
            ev = dict(key)
            fails, warns, content = check_item(sub, supplier, legal, ev, as_of, verifiers, register, texts)
            counts[content] = counts.get(content, 0) + 1
            where = f'{ev["file"]}  [{", ".join(qids)}]'
            for check, reason in fails:
                tag = (sub.name, ev["file"], check)
                ok = tag in EXPECTED
                seen_failures.add(tag)
                unexpected += not ok
                print(f"  {'expected  ' if ok else 'UNEXPECTED'} {check:22} {where}: {reason}")
            for w in warns:
                print(f"  {'note':10} {'':22} {where}: {w}")
    missing = sorted(EXPECTED - seen_failures)
    for sub, f, check in missing:
        print(f"\nEXPECTED BUT NOT SEEN: {sub} {f} {check}")
    print(f"\nfiles' content: {counts}")
    print(f"{len(seen_failures)} distinct failures, {unexpected} unexpected, {len(missing)} expected ones missing")
    return 0 if not unexpected and not missing else 1


if __name__ == "__main__":
    sys.exit(main())
