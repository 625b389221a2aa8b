#!/usr/bin/env python3
"""Generate realistic PDF evidence for benchmarking the rules 2 evidence reader.

    python3 bench/docs-src/make_bench_pdfs.py --count 20 --out /tmp/bench-pdfs --seed 1

Writes into OUT:

    doc-0001.pdf ... doc-NNNN.pdf   multi-page reports of 1-5 MB each (--min-mb/--max-mb):
                                    a text layer in several fonts (Helvetica, Times, Courier
                                    and an embedded TrueType subset), headings, paragraphs,
                                    tables, captions, and embedded raster images (JPEG
                                    photographs and a Flate-compressed chart) that make up
                                    most of the bytes, as in real audit reports and brochures
    scanned-page.pdf                one scanned page: a single greyscale JPEG, no font and no
                                    text operator at all (the reader must find no text)
    manifest.tsv                    name, pages, bytes, sha256, issued date shown in the text

Each report states an issue date ("Date of issue: 12 March 2026") and an expiry date after
2026-10-01 in its text, so the claim checks of SPEC 6.2 have something to find on page 1,
and repeats dates and company names in the body so the search is not trivially short.

Deterministic for a given --seed: document n draws from its own generator seeded with
(seed, n), so doc-0003.pdf is the same whatever --count is, and reportlab writes in invariant
mode with a fixed SOURCE_DATE_EPOCH (fixed /CreationDate and /ID). Bytes are identical across
runs with the same versions of reportlab, Pillow (JPEG encoder) and zlib.

Needs: pip install reportlab Pillow
Do not write into the repository: the files are large and regenerated on demand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import os
import random
import sys
from pathlib import Path

try:
    from PIL import Image, ImageDraw, ImageFilter
    from reportlab import rl_config
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import (
        Image as RLImage,
        KeepTogether,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )
except ImportError as e:  # pragma: no cover
    sys.exit(f"make_bench_pdfs.py: {e}; run: pip install reportlab Pillow")

W, H = A4
EPOCH = int(dt.datetime(2026, 9, 1, 9, 0, tzinfo=dt.timezone.utc).timestamp())
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

WORDS = (
    "the a of and to in for on with by is are was be as at from that this it our we system "
    "model data council resident service policy procedure register audit report test fairness "
    "bias group protected characteristic equality impact assessment risk review quarterly "
    "annual monitoring accuracy drift error rate outcome decision human oversight officer "
    "social care referral triage contract clause processor controller retention deletion "
    "transfer security incident breach notice hours supplier sub-processor exit portability "
    "export format documentation training staff competence evidence certificate independent "
    "third party verified assurance governance board owner version release change approval "
    "complaint redress escalation appeal record dataset sample representative disability age "
    "sex race religion maternity carers accessibility language explanation transparency "
    "standard published update schedule measure metric threshold tolerance target within "
    "between across every each monthly documented agreed control objective finding "
    "nonconformity observation scope sampled interview evidence reviewed"
).split()
ORGS = ["Larkspur Health Intelligence Ltd", "Pennine Care Data Limited", "Cobalt Analytics plc",
        "Meadowbank Analytics Ltd", "Harbourline Data Services LLP", "Northgate Insight CIC"]
BODIES = ["BSI", "LRQA", "SGS", "Bureau Veritas", "NQA", "Albion Certification Services Ltd"]
KINDS = ["Certification audit report", "Independent bias audit", "Penetration test report",
         "Data protection impact assessment", "Accessibility audit", "Service evaluation"]


# ------------------------------------------------------------------ pieces
def sentence(rnd: random.Random, n: int | None = None) -> str:
    words = [rnd.choice(WORDS) for _ in range(n or rnd.randint(8, 24))]
    return " ".join(words).capitalize() + "."


def paragraph(rnd: random.Random) -> str:
    return " ".join(sentence(rnd) for _ in range(rnd.randint(3, 8)))


def long_date(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def photo(rnd: random.Random, w: int, h: int) -> Image.Image:
    """A photograph-like picture: smooth colour fields, shapes, grain. Grain keeps JPEG large."""
    base = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(base)
    c0 = [rnd.randrange(40, 200) for _ in range(3)]
    c1 = [rnd.randrange(40, 200) for _ in range(3)]
    for y in range(0, h, 4):
        t = y / h
        d.rectangle((0, y, w, y + 4), fill=tuple(int(a + (b - a) * t) for a, b in zip(c0, c1)))
    for _ in range(rnd.randint(15, 40)):
        x0, y0 = rnd.randrange(w), rnd.randrange(h)
        x1, y1 = x0 + rnd.randrange(20, w // 2), y0 + rnd.randrange(20, h // 2)
        fill = tuple(rnd.randrange(256) for _ in range(3))
        (d.ellipse if rnd.random() < 0.5 else d.rectangle)((x0, y0, x1, y1), fill=fill)
    base = base.filter(ImageFilter.GaussianBlur(rnd.uniform(2, 6)))
    grain = Image.frombytes("L", (w, h), rnd.randbytes(w * h)).convert("RGB")
    return Image.blend(base, grain, rnd.uniform(0.10, 0.22))


def jpeg(img: Image.Image, quality: int) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=quality, optimize=False, progressive=False)
    return buf.getvalue()


def chart(rnd: random.Random) -> Image.Image:
    """A bar chart as a PNG-like raster (reportlab stores it Flate-compressed)."""
    w, h = 900, 420
    img = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(img)
    d.line((60, 20, 60, h - 40), fill="black", width=2)
    d.line((60, h - 40, w - 20, h - 40), fill="black", width=2)
    n = rnd.randint(5, 12)
    bw = (w - 100) // n
    for i in range(n):
        bh = rnd.randint(30, h - 80)
        col = (rnd.randrange(30, 200), rnd.randrange(60, 200), rnd.randrange(120, 230))
        d.rectangle((70 + i * bw, h - 40 - bh, 60 + (i + 1) * bw, h - 41), fill=col)
    return img


# ------------------------------------------------------------------ one report
def styles():
    ss = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=ss["Title"], fontName="Helvetica-Bold", fontSize=22),
        "h1": ParagraphStyle("h1", parent=ss["Heading1"], fontName="Helvetica-Bold", fontSize=15),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName="Times-Bold", fontSize=12.5),
        "body": ParagraphStyle("b", parent=ss["BodyText"], fontName="Times-Roman", fontSize=10.5,
                               leading=14, alignment=TA_JUSTIFY),
        "note": ParagraphStyle("n", parent=ss["BodyText"], fontName="Vera", fontSize=8.5,
                               leading=11, textColor=colors.HexColor("#333333")),
        "caption": ParagraphStyle("c", parent=ss["BodyText"], fontName="Times-Italic",
                                  fontSize=9, textColor=colors.HexColor("#444444")),
        "mono": ParagraphStyle("m", parent=ss["Code"], fontName="Courier", fontSize=8),
    }


def report(path: Path, n: int, seed: int, target_bytes: int) -> dict:
    rnd = random.Random(f"{seed}:{n}")
    st = styles()
    org, body, kind = rnd.choice(ORGS), rnd.choice(BODIES), rnd.choice(KINDS)
    issued = dt.date(2026, 1, 1) + dt.timedelta(days=rnd.randrange(0, 240))
    expires = issued.replace(year=issued.year + 3) - dt.timedelta(days=1)
    ref = f"{body[:3].upper()}-{rnd.randrange(10000, 99999)}"

    story = [
        Paragraph(f"{kind}: {org}", st["title"]),
        Paragraph(f"Prepared by {body}. Reference {ref}.", st["h2"]),
        Paragraph(f"Date of issue: {long_date(issued)}. Expiry date: {long_date(expires)}.",
                  st["body"]),
        Spacer(1, 4 * mm),
    ]
    images_bytes = 0
    section = 0
    sections = rnd.randint(8, 30)
    # Text sections with a table each (8-30 of them, about 6-40 pages), and images among
    # them until the target size is reached; more sections if the images need them.
    while section < sections or images_bytes < target_bytes * 0.98:
        section += 1
        story.append(Paragraph(f"{section}. {sentence(rnd, 5)[:-1]}", st["h1"]))
        for _ in range(rnd.randint(2, 5)):
            story.append(Paragraph(paragraph(rnd), st["body"]))
        if rnd.random() < 0.5:
            story.append(Paragraph(
                f"{org} confirmed on {long_date(issued)} that the findings were accepted; "
                f"{body} reviewed the evidence sampled under reference {ref}.", st["note"]))
        rows = [["Control", "Objective", "Result", "Owner"]]
        for i in range(rnd.randint(6, 18)):
            rows.append([f"A.{section}.{i + 1}", sentence(rnd, 4)[:-1],
                         rnd.choice(["Conforms", "Minor", "Observation", "Not sampled"]),
                         rnd.choice(["CTO", "DPO", "Head of AI", "COO", "Product owner"])])
        t = Table(rows, colWidths=[22 * mm, 90 * mm, 28 * mm, 30 * mm], repeatRows=1)
        t.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
            ("FONT", (0, 1), (-1, -1), "Helvetica", 8.5),
            ("FONT", (0, 1), (0, -1), "Courier", 8),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde6f0")),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f4f6f8")]),
            ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#9aa5b1")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]))
        story.append(t)
        story.append(Spacer(1, 3 * mm))
        if images_bytes < target_bytes * 0.98 and (rnd.random() < 0.7 or section >= sections):
            if rnd.random() < 0.25:
                img = chart(rnd)
                buf = io.BytesIO()
                img.save(buf, format="PNG")
                images_bytes += len(buf.getvalue()) // 3  # Flate of a flat chart is small
                story.append(KeepTogether([
                    RLImage(io.BytesIO(buf.getvalue()), width=150 * mm, height=70 * mm),
                    Paragraph(f"Figure {section}: {sentence(rnd, 7)}", st["caption"])]))
            else:
                w, h = rnd.choice([(900, 600), (1200, 800), (1400, 933), (1000, 1000)])
                q = rnd.randint(82, 92)
                img = photo(rnd, w, h)
                data = jpeg(img, q)
                left = target_bytes - images_bytes
                if len(data) > left * 1.2:  # the last picture: scale it to what is left
                    k = max(0.25, (left / len(data)) ** 0.5)
                    w, h = max(64, int(w * k)), max(64, int(h * k))
                    data = jpeg(img.resize((w, h), Image.BILINEAR), q)
                images_bytes += len(data)
                story.append(KeepTogether([
                    RLImage(io.BytesIO(data), width=160 * mm, height=160 * mm * h / w),
                    Paragraph(f"Photograph {section}: {sentence(rnd, 9)}", st["caption"])]))
        story.append(Paragraph(f"Evidence reference: {ref}/{section:03d} "
                               f"{hashlib.sha256(f'{seed}{n}{section}'.encode()).hexdigest()}",
                               st["mono"]))
        if rnd.random() < 0.3:
            story.append(PageBreak())

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawString(18 * mm, 10 * mm, f"{org}  |  {kind}  |  {ref}")
        canvas.drawRightString(W - 18 * mm, 10 * mm, f"Page {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(str(path), pagesize=A4, invariant=1, title=f"{kind}: {org}",
                            author=body, subject=ref, creator="bench/docs-src/make_bench_pdfs.py",
                            leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return {"pages": doc.page, "issued": issued.isoformat()}


# ------------------------------------------------------------------ the scanned page
def scanned_page(path: Path, seed: int):
    """One A4 page at 200 dpi, greyscale JPEG, written by hand: no font, no text operator."""
    rnd = random.Random(f"{seed}:scan")
    w, h = 1654, 2339
    img = Image.new("L", (w, h), 244)
    d = ImageDraw.Draw(img)
    d.rectangle((120, 120, w - 120, h - 120), outline=60, width=5)
    y = 260
    for i in range(38):  # lines of "type": blocks of ink where words would be
        x = 180
        while x < w - 260:
            word = rnd.randint(30, 150)
            d.rectangle((x, y, x + word, y + 22), fill=rnd.randrange(30, 90))
            x += word + rnd.randint(14, 26)
        y += 48 if i % 6 else 90
    img = img.rotate(rnd.uniform(-0.8, 0.8), resample=Image.BICUBIC, fillcolor=244)
    img = img.filter(ImageFilter.GaussianBlur(0.8))
    grain = Image.frombytes("L", (w, h), rnd.randbytes(w * h))
    img = Image.blend(img, grain, 0.06)
    data = jpeg(img, 70)
    pw, ph = W, H
    content = f"q {pw:.4f} 0 0 {ph:.4f} 0 0 cm /Im0 Do Q\n".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pw:.4f} {ph:.4f}] "
        f"/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>".encode(),
        f"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray "
        f"/BitsPerComponent 8 /Filter /DCTDecode /Length {len(data)} >>\nstream\n".encode()
        + data + b"\nendstream",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"endstream",
        b"<< /Creator (Scan to PDF) /Producer (Scan to PDF) /CreationDate (D:20260901090000Z) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    fid = hashlib.md5(data).hexdigest()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R "
            f"/ID [<{fid}> <{fid}>] >>\nstartxref\n{xref}\n%%EOF\n").encode()
    path.write_bytes(bytes(out))


# ------------------------------------------------------------------ main
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=2, help="number of reports (default 2)")
    ap.add_argument("--out", default="/tmp/bench-pdfs", help="output folder (default /tmp/bench-pdfs)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--min-mb", type=float, default=1.0)
    ap.add_argument("--max-mb", type=float, default=5.0)
    a = ap.parse_args()
    if a.count < 0 or not 0 < a.min_mb <= a.max_mb:
        ap.error("need --count >= 0 and 0 < --min-mb <= --max-mb")
    out = Path(a.out)
    repo = Path(__file__).resolve().parents[2]
    if out.resolve().is_relative_to(repo):
        ap.error(f"{out} is inside the repository; write the PDFs elsewhere (e.g. /tmp)")
    out.mkdir(parents=True, exist_ok=True)

    os.environ["SOURCE_DATE_EPOCH"] = str(EPOCH)
    rl_config.invariant = 1
    rl_config.useA85 = 0  # binary streams, as PDF writers store them (not ASCII85 text)
    pdfmetrics.registerFont(TTFont("Vera", str(Path(rl_config.__file__).parent / "fonts" / "Vera.ttf")))

    rows = []
    for n in range(1, a.count + 1):
        size_rnd = random.Random(f"{a.seed}:{n}:size")
        target = int(size_rnd.uniform(a.min_mb, a.max_mb) * 1024 * 1024)
        path = out / f"doc-{n:04d}.pdf"
        # The images carry most of the bytes; text, tables and fonts add the last few per cent.
        info = report(path, n, a.seed, int(target * 0.95))
        rows.append((path.name, info["pages"], path, info["issued"]))
        print(f"# {path.name}: aimed at {target / 2**20:.2f} MiB, wrote "
              f"{path.stat().st_size / 2**20:.2f} MiB", file=sys.stderr)
    scan = out / "scanned-page.pdf"
    scanned_page(scan, a.seed)
    rows.append((scan.name, 1, scan, ""))

    with open(out / "manifest.tsv", "w") as f:
        f.write("name\tpages\tbytes\tsha256\tissued\n")
        for name, pages, path, issued in rows:
            data = path.read_bytes()
            line = f"{name}\t{pages}\t{len(data)}\t{hashlib.sha256(data).hexdigest()}\t{issued}"
            f.write(line + "\n")
            print(line)


if __name__ == "__main__":
    main()
