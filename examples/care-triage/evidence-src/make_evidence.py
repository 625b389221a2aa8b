#!/usr/bin/env python3
"""Generate the example's binary evidence files (PDF and DOCX) from the text below.

Most of the example's evidence is plain-text extracts, kept by hand. Under
scoring rules 2 (docs/formats.md §3.6) the tool reads PDF and DOCX files too, so a few
documents are real files that poppler, LibreOffice and Word open:

  larkspur/evidence/iso42001-certificate.pdf
      ISO/IEC 42001 certificate AIMS 812345 issued by BSI, whose number is in
      ../certificates.csv. Since the example moved to the 1.2.0 rubrics,
      Larkspur's response (response.xlsx) no longer cites it: its AIME-1.1
      answer names the certificate in words but cites only its system register,
      so the certificate is never read (the example's README says so). The file
      is kept as a well-formed certificate PDF beside the others.
  brindleworth-digital/evidence/iso27001-certificate.pdf
      a certificate whose text says "Expiry date: 31 July 2026" (expired at as_of).
  cobalt-analytics/evidence/horizon-for-social-care-brochure.pdf
      a two-page marketing brochure that the response passes off as an ISO/IEC
      42001 certificate "verified" by an "Independent auditor" it never names.
  pennine-care-data/evidence/cyber-essentials-plus-certificate-scan.pdf
      a scanned certificate: one JPEG per page and no text layer (unchecked).
  pennine-care-data/evidence/ai-policy-v2.docx
      the AI policy as a Word document; its body gives the approval date.

The organisations are fictional. BSI, a real certification body, appears
because buyers list it among accepted verifiers; the certificate says in its
own text that it is a specimen and not a BSI document.

Run from anywhere:  python3 make_evidence.py      (writes into ../submissions)
Needs: reportlab, python-docx, Pillow   (pip install reportlab python-docx Pillow)

Determinism: every PDF is written in reportlab's invariant mode with
SOURCE_DATE_EPOCH set to the document's own date, so /CreationDate, /ModDate
and /ID are fixed; the DOCX gets fixed core properties and is re-zipped with
fixed entry timestamps; the scan's "scanner noise" comes from a seeded random
generator. Re-running gives byte-identical files with the same versions of
reportlab, Pillow (its JPEG encoder) and zlib; a different version of one of
them may change bytes (not text). The script prints each file's SHA-256:
larkspur's response.yaml declares the certificate's hash (AIME-2.4), so after
regenerating with other library versions update that `sha256:` line, or
check_claims.py reports the mismatch.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import random
import re
import zipfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen import canvas

HERE = Path(__file__).resolve().parent
SUBMISSIONS = HERE.parent / "submissions"
RL_FONTS = Path(rl_config.__file__).resolve().parent / "fonts"  # Bitstream Vera, shipped with reportlab
rl_config.useA85 = 0  # binary (Flate) streams, as PDF writers store them, not ASCII85 text

W, H = A4


# ------------------------------------------------------------------ helpers
def new_pdf(path: Path, day: dt.date, title: str, author: str, subject: str, creator: str):
    """A canvas whose metadata dates are `day` and whose /ID is fixed."""
    os.environ["SOURCE_DATE_EPOCH"] = str(
        int(dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=dt.timezone.utc).timestamp())
    )
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1, pageCompression=1)
    c.setTitle(title)
    c.setAuthor(author)
    c.setSubject(subject)
    c.setCreator(creator)
    return c


def text_block(c, x, y, text, font, size, width, leading=None, color=colors.black, align="left"):
    """Wrap `text` into `width`; draw from baseline `y` downwards; return the next baseline."""
    leading = leading or size * 1.3
    c.setFont(font, size)
    c.setFillColor(color)
    for line in simpleSplit(text, font, size, width):
        if align == "centre":
            c.drawCentredString(x + width / 2, y, line)
        else:
            c.drawString(x, y, line)
        y -= leading
    return y


def label_value(c, x, y, label, value, label_w=62 * mm, size=11):
    c.setFillColor(colors.HexColor("#444444"))
    c.setFont("Helvetica", size)
    c.drawString(x, y, label)
    c.setFillColor(colors.black)
    c.setFont("Helvetica-Bold", size)
    c.drawString(x + label_w, y, value)
    return y - size * 1.9


def certificate_frame(c, colour):
    c.setStrokeColor(colour)
    c.setLineWidth(3)
    c.rect(12 * mm, 12 * mm, W - 24 * mm, H - 24 * mm)
    c.setLineWidth(0.8)
    c.rect(15 * mm, 15 * mm, W - 30 * mm, H - 30 * mm)


def seal(c, x, y, r, colour, words):
    """A generic rosette (no real mark imitated)."""
    c.setStrokeColor(colour)
    c.setFillColor(colors.white)
    for i in range(36):
        c.saveState()
        c.translate(x, y)
        c.rotate(i * 10)
        c.line(r * 0.82, 0, r, 0)
        c.restoreState()
    c.setLineWidth(1.2)
    c.circle(x, y, r * 0.8, stroke=1, fill=0)
    c.circle(x, y, r * 0.6, stroke=1, fill=0)
    c.setFillColor(colour)
    c.setFont("Helvetica-Bold", 7)
    for i, w in enumerate(words):
        c.drawCentredString(x, y + 4 - i * 9, w)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ------------------------------------------------------------------ larkspur: ISO/IEC 42001, BSI
def larkspur_iso42001(path: Path):
    navy = colors.HexColor("#1d2f5f")
    c = new_pdf(
        path, dt.date(2025, 3, 12),
        title="Certificate of Registration AIMS 812345 (ISO/IEC 42001:2023)",
        author="BSI", subject="Larkspur Health Intelligence Ltd",
        creator="Certificate issuing system",
    )
    certificate_frame(c, navy)
    x, width = 28 * mm, W - 56 * mm
    c.setFillColor(navy)
    c.rect(W - 28 * mm - 34 * mm, H - 46 * mm, 34 * mm, 16 * mm, stroke=0, fill=1)
    c.setFillColor(colors.white)
    c.setFont("Helvetica-Bold", 22)
    c.drawCentredString(W - 28 * mm - 17 * mm, H - 41 * mm, "BSI")
    c.setFillColor(navy)
    c.setFont("Helvetica", 9)
    c.drawString(x, H - 34 * mm, "UKAS accredited certification body")
    c.drawString(x, H - 39 * mm, "Management systems certification")

    y = H - 70 * mm
    c.setFont("Times-Bold", 30)
    c.drawCentredString(W / 2, y, "Certificate of Registration")
    y -= 12 * mm
    c.setFont("Helvetica-Bold", 11)
    c.drawCentredString(W / 2, y, "ARTIFICIAL INTELLIGENCE MANAGEMENT SYSTEM - ISO/IEC 42001:2023")
    y -= 16 * mm
    c.setFillColor(colors.black)
    c.setFont("Times-Italic", 13)
    c.drawCentredString(W / 2, y, "This is to certify that:")
    y -= 10 * mm
    c.setFont("Times-Bold", 20)
    c.drawCentredString(W / 2, y, "Larkspur Health Intelligence Ltd")
    y -= 7 * mm
    c.setFont("Times-Roman", 12)
    c.drawCentredString(W / 2, y, "4 Quay Point, Bristol BS1 4QA, United Kingdom")
    y -= 12 * mm
    c.setFont("Helvetica", 11)
    c.drawCentredString(W / 2, y, "Holds Certificate Number:")
    y -= 8 * mm
    c.setFont("Helvetica-Bold", 18)
    c.setFillColor(navy)
    c.drawCentredString(W / 2, y, "AIMS 812345")
    y -= 12 * mm
    y = text_block(
        c, x, y,
        "and operates an Artificial Intelligence Management System which complies with the "
        "requirements of ISO/IEC 42001:2023 for the following scope:",
        "Times-Roman", 12, width, align="centre",
    )
    y -= 2 * mm
    y = text_block(
        c, x + 8 * mm, y,
        "The design, development, supply, hosting and support of AI-assisted decision support "
        "software for health and social care organisations, including the products Triage "
        "Assist and Caseload Forecaster.",
        "Times-Italic", 12, width - 16 * mm, align="centre",
    )
    y -= 10 * mm
    # Dates in reading order; the expiry date is the last date on the page, so no
    # earlier date follows the words "Expiry date" (docs/formats.md §3.6, check 2).
    y = label_value(c, x + 10 * mm, y, "Original registration date:", "12 March 2025")
    y = label_value(c, x + 10 * mm, y, "Latest surveillance audit:", "18-20 March 2026")
    y = label_value(c, x + 10 * mm, y, "Expiry date:", "11 March 2028")

    y -= 10 * mm
    c.setStrokeColor(colors.black)
    c.setLineWidth(0.6)
    c.line(x, y, x + 70 * mm, y)
    c.setFont("Helvetica", 9)
    c.setFillColor(colors.black)
    c.drawString(x, y - 5 * mm, "For and on behalf of BSI:")
    c.drawString(x, y - 9.5 * mm, "Managing Director, Assurance - UK and Ireland")
    seal(c, W - 28 * mm - 22 * mm, y - 2 * mm, 20 * mm, navy, ["CERTIFIED", "ISO/IEC", "42001"])

    y = 40 * mm
    y = text_block(
        c, x, y,
        "This certificate was issued electronically and remains the property of BSI. It is bound "
        "by the conditions of contract. Its authenticity may be checked against the register of "
        "certificates kept by the certification body, or through a certification search service.",
        "Helvetica", 7.5, width, color=colors.HexColor("#444444"),
    )
    text_block(
        c, x, y - 2 * mm,
        "SPECIMEN prepared for the tenderscore example tender NMBC-2026-031. Larkspur Health "
        "Intelligence Ltd is a fictional company; this is not a document issued by BSI.",
        "Helvetica-Oblique", 7.5, width, color=colors.HexColor("#9a1c1c"),
    )
    c.showPage()
    c.save()


# ------------------------------------------------------------------ brindleworth: expired ISO/IEC 27001
def brindleworth_iso27001(path: Path):
    green = colors.HexColor("#1f5e3b")
    c = new_pdf(
        path, dt.date(2023, 8, 1),
        title="Certificate MCB-IS-20931 (ISO/IEC 27001:2013)",
        author="Midland Certification Board Ltd", subject="Brindleworth Digital Ltd",
        creator="MCB certificate generator",
    )
    certificate_frame(c, green)
    x, width = 28 * mm, W - 56 * mm
    y = H - 36 * mm
    c.setFillColor(green)
    c.setFont("Helvetica-Bold", 16)
    c.drawCentredString(W / 2, y, "MIDLAND CERTIFICATION BOARD LTD")
    y -= 6 * mm
    c.setFont("Helvetica", 9)
    c.drawCentredString(W / 2, y, "UKAS accredited certification body No. 7730  |  Registered in England")
    y -= 26 * mm
    c.setFont("Times-Bold", 32)
    c.drawCentredString(W / 2, y, "Certificate of Approval")
    y -= 16 * mm
    c.setFillColor(colors.black)
    y = text_block(c, x, y, "This is to certify that the Information Security Management System of",
                   "Times-Roman", 13, width, align="centre")
    y -= 4 * mm
    c.setFont("Times-Bold", 22)
    c.drawCentredString(W / 2, y, "Brindleworth Digital Ltd")
    y -= 8 * mm
    c.setFont("Times-Roman", 12)
    c.drawCentredString(W / 2, y, "14 Bridge Street, Walsall WS1 1HP")
    y -= 14 * mm
    y = text_block(c, x, y,
                   "has been approved by Midland Certification Board Ltd to the following standard:",
                   "Times-Roman", 13, width, align="centre")
    y -= 2 * mm
    c.setFont("Helvetica-Bold", 18)
    c.setFillColor(green)
    c.drawCentredString(W / 2, y, "ISO/IEC 27001:2013")
    y -= 14 * mm
    y = text_block(c, x, y,
                   "Scope: the design, development and support of software for local government.",
                   "Times-Italic", 12, width, align="centre")
    y -= 12 * mm
    y = label_value(c, x + 14 * mm, y, "Certificate number:", "MCB-IS-20931", label_w=55 * mm)
    y = label_value(c, x + 14 * mm, y, "Issue date:", "1 August 2023", label_w=55 * mm)
    y = label_value(c, x + 14 * mm, y, "Expiry date:", "31 July 2026", label_w=55 * mm)
    y -= 6 * mm
    y = text_block(
        c, x, y,
        "Continued approval depends on satisfactory surveillance audits by Midland Certification "
        "Board Ltd. This certificate remains the property of the certification body and must be "
        "returned on request.",
        "Helvetica", 9, width, color=colors.HexColor("#444444"),
    )
    y -= 14 * mm
    c.setStrokeColor(colors.black)
    c.line(x, y, x + 65 * mm, y)
    c.setFont("Helvetica", 9)
    c.setFillColor(colors.black)
    c.drawString(x, y - 5 * mm, "Certification Manager, for Midland Certification Board Ltd")
    seal(c, W - 28 * mm - 22 * mm, y + 2 * mm, 18 * mm, green, ["MCB", "ISMS", "APPROVED"])
    text_block(c, x, 24 * mm,
               "Fictional certificate for the tenderscore example tender NMBC-2026-031.",
               "Helvetica-Oblique", 7.5, width, color=colors.HexColor("#777777"))
    c.showPage()
    c.save()


# ------------------------------------------------------------------ cobalt: marketing brochure
def hero_image() -> Image.Image:
    """An abstract banner picture (deterministic), so the brochure carries a raster image."""
    w, h = 1200, 420
    img = Image.new("RGB", (w, h))
    px = img.load()
    for yy in range(h):
        for xx in range(w):
            t = xx / w
            px[xx, yy] = (int(10 + 30 * t), int(40 + 80 * t + 30 * yy / h), int(110 + 120 * t))
    d = ImageDraw.Draw(img)
    rnd = random.Random(2607)
    for _ in range(90):
        cx, cy, r = rnd.randrange(w), rnd.randrange(h), rnd.randrange(4, 40)
        shade = rnd.randrange(150, 255)
        d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(shade, shade, 255), width=2)
    for i in range(0, w, 60):
        d.line((i, h, i + 300, 0), fill=(60, 120, 200), width=1)
    return img.filter(ImageFilter.GaussianBlur(1.2))


def cobalt_brochure(path: Path):
    cobalt = colors.HexColor("#0b3d91")
    accent = colors.HexColor("#19a7ce")
    c = new_pdf(
        path, dt.date(2026, 7, 1),
        title="Cobalt Horizon for Social Care - product overview",
        author="Cobalt Analytics plc Marketing", subject="Horizon for Social Care brochure",
        creator="Brochure layout",
    )
    x, width = 18 * mm, W - 36 * mm

    # page 1
    hero = io.BytesIO()
    hero_image().save(hero, format="JPEG", quality=80, optimize=False, progressive=False)
    hero.seek(0)
    c.drawImage(ImageReader(hero), 0, H - 100 * mm, W, 100 * mm)
    c.setFillColor(colors.white)
    c.setFont("Helvetica-Bold", 34)
    c.drawString(x, H - 40 * mm, "COBALT HORIZON")
    c.setFont("Times-Italic", 24)
    c.drawString(x, H - 52 * mm, "for Social Care")
    c.setFont("Helvetica", 12)
    c.drawString(x, H - 66 * mm, "Product overview  |  Triage Intelligence  |  Insight dashboards")

    y = H - 116 * mm
    c.setFillColor(cobalt)
    c.setFont("Helvetica-Bold", 22)
    c.drawString(x, y, "Responsible AI, built in.")
    y -= 10 * mm
    y = text_block(
        c, x, y,
        "Horizon's Triage Intelligence module uses Cobalt's proprietary large language model and "
        "200+ engineered risk signals to prioritise referrals in real time. Every score comes "
        "with an explanation your practitioners can read at a glance, and every team sees the "
        "dashboard it needs: front door, locality, commissioning and leadership.",
        "Times-Roman", 12, width, leading=16,
    )
    y -= 4 * mm
    y = text_block(
        c, x, y,
        "Councils tell us they want to see the right people sooner, with less time spent "
        "re-reading referrals. Horizon gives your staff that time back.",
        "Times-Roman", 12, width, leading=16,
    )

    # four stat tiles
    y -= 8 * mm
    tiles = [("60%", "faster triage*"), ("200+", "risk signals"),
             ("99.9%", "availability"), ("40+", "public sector clients")]
    tw = (width - 3 * 5 * mm) / 4
    for i, (big, small) in enumerate(tiles):
        tx = x + i * (tw + 5 * mm)
        c.setFillColor(colors.HexColor("#eaf3fb"))
        c.roundRect(tx, y - 26 * mm, tw, 26 * mm, 3 * mm, stroke=0, fill=1)
        c.setFillColor(cobalt)
        c.setFont("Helvetica-Bold", 24)
        c.drawCentredString(tx + tw / 2, y - 13 * mm, big)
        c.setFont("Helvetica", 9.5)
        c.setFillColor(colors.HexColor("#333333"))
        c.drawCentredString(tx + tw / 2, y - 20 * mm, small)
    y -= 38 * mm

    # feature list
    c.setFillColor(cobalt)
    c.setFont("Helvetica-Bold", 15)
    c.drawString(x, y, "What Horizon does")
    y -= 8 * mm
    features = [
        ("Triage Intelligence", "Prioritises every new referral the moment it arrives."),
        ("Explainable scores", "Plain-English reasons beside every suggestion."),
        ("Role-based dashboards", "From the front door to the Director's monthly pack."),
        ("Enterprise-grade security", "UK data centres, single sign-on, full activity logging."),
    ]
    for name, blurb in features:
        c.setFillColor(accent)
        c.circle(x + 2 * mm, y + 1.2 * mm, 1.6 * mm, stroke=0, fill=1)
        c.setFillColor(colors.black)
        c.setFont("Helvetica-Bold", 11)
        c.drawString(x + 7 * mm, y, name)
        c.setFont("Times-Roman", 11)
        c.drawString(x + 60 * mm, y, blurb)
        y -= 8 * mm
    c.setFont("Helvetica", 8)
    c.setFillColor(colors.HexColor("#666666"))
    c.drawString(x, 14 * mm, "Cobalt Analytics plc  |  Horizon for Social Care  |  1 of 2")
    c.showPage()

    # page 2
    c.setFillColor(cobalt)
    c.rect(0, H - 30 * mm, W, 30 * mm, stroke=0, fill=1)
    c.setFillColor(colors.white)
    c.setFont("Helvetica-Bold", 20)
    c.drawString(x, H - 19 * mm, "Why councils choose Horizon")
    y = H - 46 * mm

    # bar chart: "time to triage", vector drawing
    c.setFillColor(colors.black)
    c.setFont("Helvetica-Bold", 12)
    c.drawString(x, y, "Days from referral to triage decision")
    chart_y = y - 58 * mm
    bars = [("Before Horizon", 4.8, colors.HexColor("#9aa5b1")), ("With Horizon", 1.9, accent)]
    for i, (label, val, col) in enumerate(bars):
        bx = x + 10 * mm + i * 38 * mm
        bh = val * 9 * mm
        c.setFillColor(col)
        c.rect(bx, chart_y, 24 * mm, bh, stroke=0, fill=1)
        c.setFillColor(colors.black)
        c.setFont("Helvetica-Bold", 11)
        c.drawCentredString(bx + 12 * mm, chart_y + bh + 2 * mm, f"{val}")
        c.setFont("Helvetica", 9)
        c.drawCentredString(bx + 12 * mm, chart_y - 5 * mm, label)
    c.setStrokeColor(colors.black)
    c.line(x + 5 * mm, chart_y, x + 90 * mm, chart_y)
    qx = x + 100 * mm
    c.setFillColor(colors.HexColor("#eaf3fb"))
    c.roundRect(qx, chart_y - 8 * mm, width - 100 * mm, 62 * mm, 3 * mm, stroke=0, fill=1)
    text_block(
        c, qx + 5 * mm, chart_y + 44 * mm,
        "\u201cHorizon transformed our front door. Our social workers now spend their time on "
        "people, not paperwork.\u201d",
        "Times-Italic", 13, width - 110 * mm, leading=17, color=cobalt,
    )
    c.setFont("Helvetica", 9)
    c.setFillColor(colors.HexColor("#333333"))
    c.drawString(qx + 5 * mm, chart_y - 2 * mm, "Head of Service, a metropolitan council")

    y = chart_y - 20 * mm
    c.setFillColor(cobalt)
    c.setFont("Helvetica-Bold", 15)
    c.drawString(x, y, "Governance you can trust")
    y -= 8 * mm
    y = text_block(
        c, x, y,
        "Our AI management system is aligned with ISO/IEC 42001, and Cobalt has held ISO/IEC "
        "27001 certification for its information security since 2019. Horizon's patented "
        "FairSense engine watches every prediction for bias in real time, and our Responsible "
        "AI Council reviews every release before it reaches customers.",
        "Times-Roman", 12, width, leading=16,
    )
    y -= 6 * mm
    c.setFillColor(cobalt)
    c.setFont("Helvetica-Bold", 15)
    c.drawString(x, y, "How Horizon fits your front door")
    y -= 4 * mm
    steps = [
        ("1  Connect", "Secure connectors for the case management systems councils use most."),
        ("2  Configure", "Your thresholds, your teams, your routing rules, set up with our specialists."),
        ("3  Go live", "Phased roll-out by locality, with floor-walkers in the first weeks."),
        ("4  Improve", "Monthly insight reviews with your Cobalt customer success lead."),
    ]
    for i, (step, text) in enumerate(steps):
        ry = y - (i + 1) * 9 * mm
        c.setFillColor(colors.HexColor("#eaf3fb") if i % 2 == 0 else colors.white)
        c.rect(x, ry - 2.5 * mm, width, 9 * mm, stroke=0, fill=1)
        c.setFillColor(cobalt)
        c.setFont("Helvetica-Bold", 11)
        c.drawString(x + 3 * mm, ry, step)
        c.setFillColor(colors.black)
        c.setFont("Times-Roman", 11)
        c.drawString(x + 38 * mm, ry, text)
    y -= len(steps) * 9 * mm + 12 * mm
    c.setFillColor(cobalt)
    c.setFont("Helvetica-Bold", 15)
    c.drawString(x, y, "Talk to us")
    y -= 8 * mm
    y = text_block(
        c, x, y,
        "Book a demonstration with our public sector team: horizon@cobalt.example. "
        "Cobalt Analytics plc, Cobalt House, 80 Bishopsgate, London EC2N 4AG.",
        "Times-Roman", 12, width, leading=16,
    )
    c.setFont("Helvetica", 7.5)
    c.setFillColor(colors.HexColor("#666666"))
    text_block(
        c, x, 24 * mm,
        "*Up to 60% faster triage reported by one customer; results depend on local practice. "
        "Brochure COB-HSC-2607, published 1 July 2026. Cobalt, Horizon and FairSense are trade "
        "marks of Cobalt Analytics plc (a fictional company in the tenderscore example).",
        "Helvetica", 7.5, width, color=colors.HexColor("#666666"),
    )
    c.drawString(x, 14 * mm, "Cobalt Analytics plc  |  Horizon for Social Care  |  2 of 2")
    c.showPage()
    c.save()


# ------------------------------------------------------------------ pennine: scanned certificate
def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(RL_FONTS / name), size)


def scanned_certificate_image() -> Image.Image:
    """A Cyber Essentials Plus certificate as a scanner would capture it: 150 dpi greyscale."""
    w, h = 1240, 1754  # A4 at 150 dpi
    page = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(page)
    d.rectangle((70, 70, w - 70, h - 70), outline=40, width=6)
    d.rectangle((86, 86, w - 86, h - 86), outline=90, width=2)

    def centre(y, text, f, fill=20):
        tw = d.textlength(text, font=f)
        d.text(((w - tw) / 2, y), text, font=f, fill=fill)

    centre(190, "CYBER ESSENTIALS PLUS", font("VeraBd.ttf", 62))
    centre(280, "Certificate of Assurance", font("VeraIt.ttf", 40))
    centre(420, "This is to certify that", font("Vera.ttf", 30), fill=60)
    centre(480, "Pennine Care Data Ltd", font("VeraBd.ttf", 48))
    centre(550, "Unit 4 Bridge Mill, Hebden Bridge HX7 8EX", font("Vera.ttf", 28), fill=50)
    centre(640, "has been assessed as meeting the Cyber Essentials Plus", font("Vera.ttf", 28), fill=50)
    centre(680, "implementation requirements.", font("Vera.ttf", 28), fill=50)
    rows = [
        ("Certificate number:", "4f1c2a90-7d3e-CEP-2026-0211"),
        ("Scope:", "Whole organisation, including the"),
        ("", "ReferralSense hosting environment"),
        ("", "at Northern Cloud"),
        ("Date of certification:", "11 February 2026"),
        ("Recertification due:", "10 February 2027"),
        ("Certification body:", "Dales Cyber Assurance Ltd"),
        ("", "(IASME licensed)"),
    ]
    y = 800
    for label, value in rows:
        d.text((170, y), label, font=font("Vera.ttf", 28), fill=70)
        d.text((560, y), value, font=font("VeraBd.ttf", 28), fill=20)
        y += 52
    # signature and stamp
    rnd = random.Random(20260211)
    pts = [(190 + i * 9, 1330 + int(18 * rnd.random() - 9 + 14 * ((i % 7) - 3) / 3)) for i in range(40)]
    d.line(pts, fill=30, width=3)
    d.line((170, 1390, 560, 1390), fill=60, width=2)
    d.text((170, 1405), "Assessor, Dales Cyber Assurance Ltd", font=font("Vera.ttf", 22), fill=70)
    d.ellipse((800, 1250, 1050, 1500), outline=90, width=5)
    d.ellipse((830, 1280, 1020, 1470), outline=120, width=2)
    d.text((855, 1345), "CE+", font=font("VeraBd.ttf", 64), fill=100)
    d.text((170, 1560), "Specimen for the tenderscore example: a fictional organisation.",
           font=font("VeraIt.ttf", 20), fill=110)

    # what the scanner does to it: slight skew, paper tone, speckle, punch holes, blur
    page = page.rotate(0.7, resample=Image.BICUBIC, fillcolor=255, expand=False)
    page = page.filter(ImageFilter.GaussianBlur(0.6))
    px = page.load()
    for _ in range(9000):
        xx, yy = rnd.randrange(w), rnd.randrange(h)
        px[xx, yy] = max(0, px[xx, yy] - rnd.randrange(40, 160))
    d = ImageDraw.Draw(page)
    for hy in (h // 2 - 170, h // 2 + 170):
        d.ellipse((22, hy - 18, 58, hy + 18), fill=35)
    tone = Image.new("L", (w, h), 236)
    page = Image.composite(page, tone, page.point(lambda v: 255 - v))  # keep ink, tint paper
    return page


def pennine_scan(path: Path):
    img = scanned_certificate_image()
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=72, optimize=False, progressive=False, dpi=(150, 150))
    write_image_only_pdf(path, buf.getvalue(), img.size, "D:20260212091500Z",
                         "Scan to PDF (office multifunction printer)")


def write_image_only_pdf(path: Path, jpeg: bytes, size: tuple[int, int], date: str, creator: str):
    """One A4 page showing one greyscale JPEG, as a scanner writes it.

    Written by hand rather than with reportlab, whose canvas always declares a
    font and opens a text object: this file has no font, no text operator and
    therefore no text layer at all.
    """
    content = f"q {W:.4f} 0 0 {H:.4f} 0 0 cm /Im0 Do Q\n".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {W:.4f} {H:.4f}] "
        f"/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>".encode(),
        f"<< /Type /XObject /Subtype /Image /Width {size[0]} /Height {size[1]} "
        f"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode "
        f"/Length {len(jpeg)} >>\nstream\n".encode() + jpeg + b"\nendstream",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"endstream",
        f"<< /Creator ({creator}) /Producer ({creator}) /CreationDate ({date}) "
        f"/ModDate ({date}) >>".encode(),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    file_id = hashlib.md5(jpeg).hexdigest()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R "
            f"/ID [<{file_id}> <{file_id}>] >>\nstartxref\n{xref}\n%%EOF\n").encode()
    path.write_bytes(bytes(out))


# ------------------------------------------------------------------ pennine: Word policy
def pennine_policy_docx(path: Path):
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    doc = Document()
    props = doc.core_properties
    fixed = dt.datetime(2026, 1, 20, 9, 0, 0)
    props.author = props.last_modified_by = "Pennine Care Data Ltd"
    props.title = "Policy on the use and supply of AI (version 2)"
    props.subject = "PCD-POL-04"
    props.created = props.modified = fixed
    props.revision = 2
    props.comments = ""

    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)

    head = doc.add_paragraph()
    run = head.add_run("Pennine Care Data Ltd")
    run.bold = True
    run.font.color.rgb = RGBColor(0x2E, 0x5E, 0x4E)
    doc.add_heading("Policy on the use and supply of AI", level=0)
    meta = doc.add_paragraph()
    meta.add_run("Policy PCD-POL-04, version 2. ").bold = True
    meta.add_run("Approved by the directors on 20 January 2026 and issued to all staff the same day. "
                 "Review: annually each January.")

    sections = [
        ("1. Scope", "This AI policy covers every AI system we build, supply to customers or use "
                     "ourselves, including models we train, spreadsheet add-ins and any third-party "
                     "AI service."),
        ("2. Principles", "A person decides: our tools suggest, social workers and staff decide. "
                          "Fairness: we test for differences between groups before release and "
                          "monitor them in live use. Transparency: customers and the people affected "
                          "can find out how a suggestion was made. Data minimisation: we use only "
                          "the data a system needs."),
        ("3. Accountability", "The Managing Director (Sarah Holroyd) is the accountable director "
                              "for AI. Each system has a named owner, a data protection lead (our "
                              "DPO service, Calder Privacy Ltd) and a fairness lead."),
        ("4. Related policies", "Data Protection, Information Security, and Equality and Diversity."),
        ("5. Staff", "All staff read and sign this policy on joining and after each revision "
                     "(18 of 18 signed by February 2026)."),
    ]
    for title, body in sections:
        doc.add_heading(title, level=2)
        doc.add_paragraph(body)

    doc.add_heading("Document control", level=2)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Light Grid Accent 1"
    for cell, text in zip(table.rows[0].cells, ("Version", "Approved", "Change")):
        cell.text = text
    for row in (("1", "14 March 2024", "First issue"),
                ("2", "20 January 2026", "Fairness lead role; third-party AI services in scope")):
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = text
    foot = doc.sections[0].footer.paragraphs[0]
    foot.text = "PCD-POL-04 v2  |  Pennine Care Data Ltd  |  Public"
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER

    raw = io.BytesIO()
    doc.save(raw)
    rezip_fixed(raw.getvalue(), path, (2026, 1, 20, 9, 0, 0))


def rezip_fixed(data: bytes, path: Path, when: tuple):
    """python-docx stamps zip entries with the current time; rewrite them with a fixed one.

    The template's generic thumbnail (a picture of some other page) is left out,
    with its relationship.
    """
    src = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename == "docProps/thumbnail.jpeg":
                continue
            body = src.read(info.filename)
            if info.filename == "_rels/.rels":
                body = re.sub(rb'<Relationship [^>]*Target="docProps/thumbnail.jpeg"/>', b"", body)
            fixed = zipfile.ZipInfo(info.filename, date_time=when)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            out.writestr(fixed, body)


# ------------------------------------------------------------------ main
def main():
    jobs = [
        ("larkspur/evidence/iso42001-certificate.pdf", larkspur_iso42001),
        ("brindleworth-digital/evidence/iso27001-certificate.pdf", brindleworth_iso27001),
        ("cobalt-analytics/evidence/horizon-for-social-care-brochure.pdf", cobalt_brochure),
        ("pennine-care-data/evidence/cyber-essentials-plus-certificate-scan.pdf", pennine_scan),
        ("pennine-care-data/evidence/ai-policy-v2.docx", pennine_policy_docx),
    ]
    for rel, make in jobs:
        path = SUBMISSIONS / rel
        make(path)
        print(f"{sha(path)}  {path.stat().st_size:>7}  submissions/{rel}")
    os.environ.pop("SOURCE_DATE_EPOCH", None)


if __name__ == "__main__":
    main()
