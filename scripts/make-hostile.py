#!/usr/bin/env python3
"""Makes tests/fixtures/hostile/: small evidence files (PDF, DOCX, ODT, HTML) built to make a
naive reader overflow its stack, loop forever or run out of memory, plus four plain control
files a correct reader should read.

    python3 scripts/make-hostile.py            # write the files (and README.md)
    python3 scripts/make-hostile.py --verify   # also inflate every compressed payload
                                               # (streams ~7 GB through zlib; ~1 min)

Standard library only. The output is the same bytes on every run and every machine: the
compressed payloads are not made by zlib (whose output can change between zlib builds) but
by the tiny DEFLATE encoder below. It writes the first copy of a repeating unit as literals,
then one dynamic-Huffman block of back-references (length 258, distance = unit length),
which is the best ratio DEFLATE allows (1032:1 for a unit of 1 to 4 bytes, 688:1 for
5 to 8 bytes). So a gigabyte can be described in a megabyte without compressing a gigabyte,
and the checksums (CRC-32 for ZIP, Adler-32 for zlib) are computed with the combine
identities rather than by reading the data. --verify checks all of it with the real zlib.
"""
import argparse
import os
import struct
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "tests", "fixtures", "hostile"))
PHRASE = b"ISO/IEC 42001 certificate issued 1 March 2026"

# --------------------------------------------------------------------------- DEFLATE


class BitWriter:
    """DEFLATE bit order: values LSB first, Huffman codes MSB first."""

    def __init__(self):
        self.out = bytearray()
        self.acc = 0
        self.n = 0

    def bits(self, value, count):
        self.acc |= (value & ((1 << count) - 1)) << self.n
        self.n += count
        while self.n >= 8:
            self.out.append(self.acc & 0xFF)
            self.acc >>= 8
            self.n -= 8

    def huff(self, code, length):
        self.bits(reverse(code, length), length)

    def align(self):
        if self.n:
            self.out.append(self.acc & 0xFF)
            self.acc = 0
            self.n = 0


def reverse(code, length):
    r = 0
    for i in range(length):
        r = (r << 1) | ((code >> i) & 1)
    return r


def canonical(lengths):
    """{symbol: bit length} -> {symbol: (code, length)} (RFC 1951 3.2.2)."""
    maxlen = max(lengths.values())
    count = [0] * (maxlen + 1)
    for n in lengths.values():
        if n:
            count[n] += 1
    code, nxt = 0, [0] * (maxlen + 1)
    for b in range(1, maxlen + 1):
        code = (code + count[b - 1]) << 1
        nxt[b] = code
    codes = {}
    for s in sorted(lengths):
        n = lengths[s]
        if n:
            codes[s] = (nxt[n], n)
            nxt[n] += 1
    return codes


def balanced_lengths(symbols):
    """A complete prefix code over 2+ symbols, all lengths L or L-1 (every inflater accepts
    complete codes; some reject incomplete ones)."""
    syms = sorted(set(symbols))
    assert len(syms) >= 2
    big = (len(syms) - 1).bit_length()
    short = 2 ** big - len(syms)
    return {s: (big - 1 if i < short else big) for i, s in enumerate(syms)}


def fixed_lit(sym):
    if sym < 144:
        return 0x30 + sym, 8
    if sym < 256:
        return 0x190 + sym - 144, 9
    if sym < 280:
        return sym - 256, 7
    return 0xC0 + sym - 280, 8


FIXED_REV = [(reverse(*fixed_lit(s)), fixed_lit(s)[1]) for s in range(288)]
DBASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
         1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
DEXT = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11,
        12, 12, 13, 13]
CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]


def dist_code(d):
    for c in range(29, -1, -1):
        if DBASE[c] <= d:
            return c, DEXT[c], d - DBASE[c]
    raise ValueError(d)


def rle_lengths(lens):
    out, i = [], 0
    while i < len(lens):
        if lens[i]:
            out.append((lens[i], 0, 0))
            i += 1
            continue
        j = i
        while j < len(lens) and lens[j] == 0:
            j += 1
        run = j - i
        while run >= 11:
            c = min(run, 138)
            out.append((18, c - 11, 7))
            run -= c
        if run >= 3:
            out.append((17, run - 3, 3))
            run = 0
        out += [(0, 0, 0)] * run
        i = j
    return out


def write_fixed(w, data, final):
    """One fixed-Huffman block of literals."""
    w.bits(1 if final else 0, 1)
    w.bits(1, 2)
    for b in data:
        w.bits(*FIXED_REV[b])
    w.bits(*FIXED_REV[256])


def write_dynamic_header(w, lit, dist, final):
    hlit, hdist = max(lit) + 1, max(dist) + 1
    seq = rle_lengths([lit.get(i, 0) for i in range(hlit)]) + \
        rle_lengths([dist.get(i, 0) for i in range(hdist)])
    cl = balanced_lengths({s for s, _, _ in seq})
    clcodes = canonical(cl)
    order = [cl.get(s, 0) for s in CL_ORDER]
    hclen = max(4, max(i + 1 for i, n in enumerate(order) if n))
    w.bits(1 if final else 0, 1)
    w.bits(2, 2)
    w.bits(hlit - 257, 5)
    w.bits(hdist - 1, 5)
    w.bits(hclen - 4, 4)
    for n in order[:hclen]:
        w.bits(n, 3)
    for s, extra, nbits in seq:
        w.huff(*clcodes[s])
        if nbits:
            w.bits(extra, nbits)


def write_repeated(w, value, k, m):
    """Write the k-bit value m times. Eight copies are exactly k bytes, and from the second
    group of eight on every group emits the same k bytes, so most of it is bytes * n."""
    if m < 32:
        for _ in range(m):
            w.bits(value, k)
        return
    groups, rest = divmod(m, 8)
    for _ in range(8):
        w.bits(value, k)
    start = len(w.out)
    for _ in range(8):
        w.bits(value, k)
    steady = bytes(w.out[start:])
    assert len(steady) == k
    w.out += steady * (groups - 2)
    for _ in range(rest):
        w.bits(value, k)


def write_copies(w, d, q):
    """A dynamic block of q back-references (length 258, distance d), then end-of-block."""
    dc, dext, dval = dist_code(d)
    lit = {256: 1, 285: 1}
    dist = balanced_lengths({0, dc} if dc else {0, 1})
    write_dynamic_header(w, lit, dist, final=False)
    lcodes, dcodes = canonical(lit), canonical(dist)
    (lc, ll), (dcc, dl) = lcodes[285], dcodes[dc]
    value = reverse(lc, ll) | (reverse(dcc, dl) << ll) | (dval << (ll + dl))
    write_repeated(w, value, ll + dl + dext, q)
    w.huff(*lcodes[256])


def deflate(segments):
    """Raw DEFLATE of the concatenation of unit * count for each (unit, count)."""
    w, lits = BitWriter(), bytearray()
    for unit, count in segments:
        unit = bytes(unit)
        u, total = len(unit), len(unit) * count
        if count < 2 or total < u + 2 * 258:
            lits += unit * count
            continue
        assert u <= 32768
        lits += unit
        write_fixed(w, lits, final=False)
        lits = bytearray()
        q, r = divmod(total - u, 258)
        write_copies(w, u, q)
        off = (u + 258 * q) % u
        lits += (unit * (r // u + 2))[off:off + r]
    write_fixed(w, lits, final=True)
    w.align()
    return bytes(w.out)


# ------------------------------------------------------------ checksums without the data

def adler_combine(a1, a2, len2):
    base = 65521
    s1 = ((a1 & 0xFFFF) + (a2 & 0xFFFF) - 1) % base
    s2 = ((a1 >> 16) + (a2 >> 16) + len2 * ((a1 & 0xFFFF) - 1)) % base
    return (s2 << 16) | s1


def _gf2_times(mat, vec):
    s, i = 0, 0
    while vec:
        if vec & 1:
            s ^= mat[i]
        vec >>= 1
        i += 1
    return s


def _gf2_square(mat):
    return [_gf2_times(mat, mat[n]) for n in range(32)]


def crc_combine(crc1, crc2, len2):
    """zlib's crc32_combine (the GF(2) matrix version)."""
    if len2 <= 0:
        return crc1
    odd = [0xEDB88320] + [1 << n for n in range(31)]
    even = _gf2_square(odd)
    odd = _gf2_square(even)
    while True:
        even = _gf2_square(odd)
        if len2 & 1:
            crc1 = _gf2_times(even, crc1)
        len2 >>= 1
        if not len2:
            break
        odd = _gf2_square(even)
        if len2 & 1:
            crc1 = _gf2_times(odd, crc1)
        len2 >>= 1
        if not len2:
            break
    return crc1 ^ crc2


def seg_checksum(segments, fn, combine, empty):
    total = empty
    for unit, n in segments:
        unit = bytes(unit)
        length = len(unit) * n
        res, base, blen = empty, fn(unit), len(unit)
        while n:
            if n & 1:
                res = combine(res, base, blen)
            base = combine(base, base, blen)
            blen *= 2
            n >>= 1
        total = combine(total, res, length)
    return total


def seg_len(segments):
    return sum(len(u) * n for u, n in segments)


def seg_crc(segments):
    return seg_checksum(segments, zlib.crc32, crc_combine, 0)


def seg_adler(segments):
    return seg_checksum(segments, zlib.adler32, adler_combine, 1)


def zlib_stream(segments):
    """zlib-wrapped DEFLATE (what /FlateDecode expects)."""
    return b"\x78\x9c" + deflate(segments) + struct.pack(">I", seg_adler(segments))


def periodic_segments(data, period):
    """Split bytes into (head, 1), (unit, n), (tail, 1) around the run, through the middle,
    that repeats with the given period (used to Flate a Flate stream)."""
    p, m = period, len(data) // 2
    assert data[m] == data[m + p]
    e = s = m
    step = 1 << 16
    while step:
        while e + step + p <= len(data) and data[e:e + step] == data[e + p:e + p + step]:
            e += step
        while s - step >= 0 and data[s - step:s] == data[s - step + p:s + p]:
            s -= step
        step //= 2
    reps = (e + p - s) // p
    return [(data[:s], 1), (data[s:s + p], reps), (data[s + reps * p:], 1)]


VERIFY = []  # (label, kind, compressed, expected length, expected crc32 of plain)


def remember(label, kind, compressed, segments):
    VERIFY.append((label, kind, compressed, seg_len(segments), seg_crc(segments)))


def self_test():
    import random
    rnd = random.Random(42)
    for _ in range(40):
        segs = []
        for _ in range(rnd.randint(1, 4)):
            unit = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 40)))
            segs.append((unit, rnd.choice([1, 2, 3, 50, 300, 2000, rnd.randint(1, 5000)])))
        plain = b"".join(u * n for u, n in segs)
        assert zlib.decompress(deflate(segs), -15) == plain
        assert zlib.decompress(zlib_stream(segs)) == plain
        assert seg_crc(segs) == zlib.crc32(plain)
        assert seg_adler(segs) == zlib.adler32(plain)


# --------------------------------------------------------------------------------- ZIP

ARCHIVE = [""]  # name of the archive being built, for --verify labels
DOS_DATE = ((2026 - 1980) << 9) | (3 << 5) | 1  # 1 March 2026, 00:00


def zip_file(entries):
    """entries: (name, segments, method[, declared size]). Deflated unless method 0.
    No data descriptors, no extra fields, fixed dates: the same bytes every run."""
    out, central = bytearray(), bytearray()
    for entry in entries:
        name, segments, method = entry[:3]
        name = name.encode()
        usize = seg_len(segments)
        crc = seg_crc(segments)
        if method == 0:
            data = b"".join(bytes(u) * n for u, n in segments)
        else:
            data = deflate(segments)
            remember("%s %s" % (ARCHIVE[0], name.decode()), "raw", data, segments)
        declared = entry[3] if len(entry) > 3 else usize
        fields = struct.pack("<HHHHHIII", 20, 0, method, 0, DOS_DATE, crc, len(data),
                             declared)
        offset = len(out)
        out += b"PK\x03\x04" + fields + struct.pack("<HH", len(name), 0) + name + data
        central += (b"PK\x01\x02" + struct.pack("<H", 20) + fields +
                    struct.pack("<HHHHHII", len(name), 0, 0, 0, 0, 0, offset) + name)
    cd_offset = len(out)
    out += central
    out += b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, len(entries), len(entries),
                                       len(central), cd_offset, 0)
    return bytes(out)


CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
W_NS = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
DOCX_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ' +
             W_NS + b'><w:body>')
DOCX_TAIL = b'<w:sectPr/></w:body></w:document>'


def docx(document_segments, declared=None):
    doc = ("word/document.xml", document_segments, 8)
    if declared is not None:
        doc += (declared,)
    return zip_file([("[Content_Types].xml", [(CONTENT_TYPES, 1)], 8),
                     ("_rels/.rels", [(RELS, 1)], 8), doc])


def para(text):
    return b'<w:p><w:r><w:t xml:space="preserve">' + text + b'</w:t></w:r></w:p>'


ODT_MIME = b"application/vnd.oasis.opendocument.text"
MANIFEST = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
    b' manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:version='
    b'"1.2" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-'
    b'entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    b'</manifest:manifest>')
ODT_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content xmlns:office="urn:oasis:'
    b'names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:'
    b'xmlns:text:1.0" office:version="1.2"><office:body><office:text>')
ODT_TAIL = b'</office:text></office:body></office:document-content>'


def odt(content_segments):
    return zip_file([("mimetype", [(ODT_MIME, 1)], 0),
                     ("META-INF/manifest.xml", [(MANIFEST, 1)], 8),
                     ("content.xml", content_segments, 8)])


def laughs_dtd(root):
    """<!DOCTYPE root [ lol .. lol9 ]>: &lol9; is 10^9 copies of "lol" (3 GB)."""
    lines = [b'<!DOCTYPE ' + root + b' [', b' <!ENTITY lol "lol">']
    lines.append(b' <!ENTITY lol1 "' + b"&lol;" * 10 + b'">')
    for i in range(2, 10):
        lines.append(b' <!ENTITY lol%d "' % i + (b"&lol%d;" % (i - 1)) * 10 + b'">')
    return b"\n".join(lines) + b"\n]>\n"


# --------------------------------------------------------------------------------- PDF

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
PAGE_RES = b"/Resources << /Font << /F1 5 0 R >> >>"


def pdf(objects, version=b"1.7", prev_self=False):
    """objects: {number: body}. Classic xref table with correct offsets."""
    out = bytearray(b"%PDF-" + version + b"\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for n in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[n]) if n in offsets else \
            b"0000000000 00000 f \n"
    trailer = b"<< /Size %d /Root 1 0 R" % size
    if prev_self:
        trailer += b" /Prev %d" % xref
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def stream(data, extra=b""):
    return b"<<" + extra + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def flate(label, segments, extra=b""):
    z = zlib_stream(segments)
    remember(label, "zlib", z, segments)
    return stream(z, b" /Filter /FlateDecode" + extra)


def one_page(content_body, page_extra=b"", extra_objects=None, version=b"1.7"):
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] " + PAGE_RES +
           page_extra + b" /Contents 4 0 R >>",
        4: content_body,
        5: FONT,
    }
    objs.update(extra_objects or {})
    return pdf(objs, version)


def text_ops(s):
    return b"BT /F1 12 Tf 72 720 Td (" + s + b") Tj ET\n"


BT = b"BT /F1 12 Tf 72 720 Td "


def xobject(draws, names):
    res = b"/Resources << /XObject << " + b" ".join(
        b"/%s %d 0 R" % (n, o) for n, o in names) + b" >> >>"
    return stream(draws, b" /Type /XObject /Subtype /Form /BBox [0 0 612 792] " + res)


def pdf_xobject_self():
    return pdf({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
           b"/Resources << /XObject << /X 5 0 R >> >> /Contents 4 0 R >>",
        4: stream(b"/X Do"),
        5: xobject(b"/X Do", [(b"X", 5)]),
    })


def pdf_xobject_cycle():
    names = [(b"X1", 5), (b"X2", 6)]
    return pdf({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
           b"/Resources << /XObject << /X1 5 0 R >> >> /Contents 4 0 R >>",
        4: stream(b"/X1 Do"),
        5: xobject(b"/X2 Do", names),
        6: xobject(b"/X1 Do", names),
    })


def pdf_xobject_fanout():
    """No cycle: X0 shows (a); Xi draws X(i-1) ten times; the page draws X9: 10^9 Tj."""
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
           b"/Resources << /XObject << /X9 15 0 R >> >> /Contents 4 0 R >>",
        4: stream(b"/X9 Do"),
        5: FONT,
        6: stream(b"BT /F1 12 Tf 72 720 Td (a) Tj ET",
                  b" /Type /XObject /Subtype /Form /BBox [0 0 612 792] " + PAGE_RES),
    }
    for i in range(1, 10):
        objs[6 + i] = xobject(b" ".join([b"/X%d Do" % (i - 1)] * 10), [(b"X%d" % (i - 1), 5 + i)])
    return pdf(objs)


def pdf_nested_arrays():
    n = 1_000_000
    segs = [(BT, 1), (b"[", n), (b"(a)", 1), (b"]", n), (b" TJ ET\n", 1)]
    return one_page(flate("pdf-nested-arrays content", segs)), seg_len(segs)


def pdf_nested_arrays_raw():
    n = 200_000
    return one_page(stream(text_ops(b"nested arrays raw")), b" /Annots 6 0 R",
                    {6: b"[" * n})


def pdf_nested_dicts():
    n = 1_000_000
    segs = [(b"/P ", 1), (b"<</A ", n), (b"1", 1), (b">>", n),
            (b" BDC " + BT + b"(nested dicts) Tj ET EMC\n", 1)]
    return one_page(flate("pdf-nested-dicts content", segs)), seg_len(segs)


def pdf_nested_dicts_objstm():
    """The 1,000,000-deep dictionary is object 6, inside object stream 7 (PDF 1.5), found
    through a cross-reference stream: an eager loader parses it before any page is read."""
    n = 1_000_000
    header = b"6 0 "
    segs = [(header, 1), (b"<</A ", n), (b"1", 1), (b">>", n)]
    z = zlib_stream(segs)
    remember("pdf-nested-dicts-objstm ObjStm", "zlib", z, segs)
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] " + PAGE_RES +
           b" /PieceInfo 6 0 R /Contents 4 0 R >>",
        4: stream(text_ops(b"nested dicts objstm")),
        5: FONT,
        7: stream(z, b" /Type /ObjStm /N 1 /First %d /Filter /FlateDecode" % len(header)),
    }
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objs):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objs[num] + b"\nendobj\n"
    offsets[8] = len(out)
    rows = [struct.pack(">BIH", 0, 0, 0xFFFF)]
    for num in range(1, 9):
        rows.append(struct.pack(">BIH", 2, 7, 0) if num == 6 else
                    struct.pack(">BIH", 1, offsets[num], 0))
    xref = stream(b"".join(rows), b" /Type /XRef /Size 9 /W [1 4 2] /Root 1 0 R")
    out += b"8 0 obj\n" + xref + b"\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[8]
    return bytes(out), seg_len(segs)


def pdf_q_nesting():
    n = 1_000_000
    segs = [(b"q ", n), (b"\n" + text_ops(b"q nesting"), 1)]
    return one_page(flate("pdf-q-nesting content", segs)), seg_len(segs)


TJ = b"(a) Tj "


def pdf_flate_bomb():
    """/Filter [/FlateDecode /FlateDecode]: ~3 KB -> ~3.1 MB -> 2,147,483,677 bytes."""
    n = 306_783_378  # 2^31 / 7, so the decoded stream is just over 2 GiB (past i32::MAX)
    segs = [(BT, 1), (TJ, n), (b"ET\n", 1)]
    inner = zlib_stream(segs)
    remember("pdf-flate-bomb inner", "zlib", inner, segs)
    outer_segs = periodic_segments(inner, 3)
    assert b"".join(u * c for u, c in outer_segs) == inner
    outer = zlib_stream(outer_segs)
    remember("pdf-flate-bomb outer", "zlib", outer, outer_segs)
    body = stream(outer, b" /Filter [/FlateDecode /FlateDecode]")
    return one_page(body), (len(inner), seg_len(segs))


def pdf_tj_memory():
    n = 78_643_200  # ~800 KB of Flate; 550 MB of content; 78.6 million Tj
    segs = [(BT, 1), (TJ, n), (b"ET\n", 1)]
    return one_page(flate("pdf-tj-memory content", segs)), (seg_len(segs), n)


def pdf_object_loop():
    data = text_ops(b"object loop")
    return one_page(b"<< /Length 4 0 R >>\nstream\n" + data + b"\nendstream")


def pdf_length_loop():
    data = text_ops(b"length loop")
    return one_page(b"<< /Length 6 0 R >>\nstream\n" + data + b"\nendstream", b"",
                    {6: b"7 0 R", 7: b"6 0 R"})


def pdf_pages_loop():
    return pdf({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Pages /Parent 2 0 R /Kids [4 0 R 2 0 R] /Count 1 >>",
        4: b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] "
           b"/Resources << /Font << /F1 5 0 R >> >> /Contents 6 0 R >>",
        5: FONT,
        6: stream(text_ops(b"pages loop")),
    })


def pdf_xref_loop():
    return pdf({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] " + PAGE_RES +
           b" /Contents 4 0 R >>",
        4: stream(text_ops(b"xref loop")),
        5: FONT,
    }, prev_self=True)


def pdf_control():
    content = b"BT /F1 18 Tf 72 720 Td (" + PHRASE + b") Tj ET\n"
    return one_page(stream(content))


# ------------------------------------------------------------------------- DOCX / ODT

BOMB_CHARS = 1_000_000_000  # one text run of this many "a": the part is just over 1 GB


def docx_zip_bomb():
    segs = [(DOCX_HEAD + b'<w:p><w:r><w:t xml:space="preserve">', 1), (b"a", BOMB_CHARS),
            (b"</w:t></w:r></w:p>" + DOCX_TAIL, 1)]
    return docx(segs), seg_len(segs)


SIZE_LIE_CHARS = 256 * 1024 * 1024
SIZE_LIE_DECLARED = 1024


def docx_size_lie():
    segs = [(DOCX_HEAD + b'<w:p><w:r><w:t xml:space="preserve">', 1), (b"a", SIZE_LIE_CHARS),
            (b"</w:t></w:r></w:p>" + DOCX_TAIL, 1)]
    return docx(segs, declared=SIZE_LIE_DECLARED), seg_len(segs)


def docx_billion_laughs():
    doc = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
           laughs_dtd(b"w:document") + b'<w:document ' + W_NS + b'><w:body>' +
           para(b"&lol9;") + DOCX_TAIL)
    return docx([(doc, 1)])


def docx_external_entity():
    doc = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           b'<!DOCTYPE w:document [\n <!ENTITY xxe SYSTEM "file:///etc/passwd">\n'
           b' <!ENTITY remote SYSTEM "http://127.0.0.1:9/evidence.xml">\n]>\n'
           b'<w:document ' + W_NS + b'><w:body>' + para(b"&xxe;") + para(b"&remote;") +
           DOCX_TAIL)
    return docx([(doc, 1)])


def docx_deep_nesting():
    n = 500_000  # w:sdt + w:sdtContent = 1,000,000 nested elements
    segs = [(DOCX_HEAD, 1), (b"<w:sdt><w:sdtContent>", n), (para(b"deep"), 1),
            (b"</w:sdtContent></w:sdt>", n), (DOCX_TAIL, 1)]
    return docx(segs), seg_len(segs)


def docx_control():
    return docx([(DOCX_HEAD + b"<w:p><w:r><w:t>" + PHRASE + b"</w:t></w:r></w:p>" +
                  DOCX_TAIL, 1)])


def odt_zip_bomb():
    segs = [(ODT_HEAD + b"<text:p>", 1), (b"a", BOMB_CHARS), (b"</text:p>" + ODT_TAIL, 1)]
    return odt(segs), seg_len(segs)


def odt_billion_laughs():
    doc = (b'<?xml version="1.0" encoding="UTF-8"?>\n' +
           laughs_dtd(b"office:document-content") + ODT_HEAD[ODT_HEAD.index(b"<office:"):] +
           b"<text:p>&lol9;</text:p>" + ODT_TAIL)
    return odt([(doc, 1)])


def odt_control():
    return odt([(ODT_HEAD + b"<text:p>" + PHRASE + b"</text:p>" + ODT_TAIL, 1)])


# ------------------------------------------------------------------------------- HTML

HTML_HEAD = b'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8" /><title>%s</title>' \
            b'</head><body>\n'


def html_deep_nesting():
    n = 200_000
    return (HTML_HEAD % b"deep" + b"<div>" * n + b"deep\n</body></html>\n")


def html_entity_flood():
    """Valid-ish HTML whose character references punish naive decoders."""
    parts = [
        laughs_dtd(b"html"),
        b'<html lang="en"><head><meta charset="utf-8" /><title>entity flood</title></head>'
        b"<body>\n",
        # XML-mode readers expand each to 3 GB; HTML5 leaves "&lol9;" as text.
        b"<p>" + b"&lol9;" * 100 + b"</p>\n",
        # decode-until-nothing-changes takes 25,001 passes; one pass is right.
        b"<p>&" + b"amp;" * 25_000 + b"lt;script&amp;gt;</p>\n",
        # 30,000 '&' with no ';' after them: scanning ahead for ';' from each is quadratic.
        b"<p>" + b"&lt" * 30_000 + b"</p>\n",
        # numeric references that overflow u32/u64 (must become U+FFFD, not panic).
        b"<p>" + b"&#99999999999999999999999999999999;&#x" + b"F" * 64 + b";&#0;&#xD800;"
        b"&#" + b"0" * 10_000 + b"65;" + b"</p>\n",
        b"</body></html>\n",
    ]
    return b"".join(parts)


def html_control():
    return (HTML_HEAD % b"Certificate" + b"<p>" + PHRASE + b"</p>\n</body></html>\n")


# ------------------------------------------------------------------------------ README

GIB = 1024 ** 3


def build():
    """{file name: bytes}, plus the decoded sizes the README quotes."""
    makers = [
        ("pdf-xobject-self.pdf", pdf_xobject_self, None),
        ("pdf-xobject-cycle.pdf", pdf_xobject_cycle, None),
        ("pdf-xobject-fanout.pdf", pdf_xobject_fanout, None),
        ("pdf-nested-arrays.pdf", pdf_nested_arrays, "arrays"),
        ("pdf-nested-arrays-raw.pdf", pdf_nested_arrays_raw, None),
        ("pdf-nested-dicts.pdf", pdf_nested_dicts, "dicts"),
        ("pdf-nested-dicts-objstm.pdf", pdf_nested_dicts_objstm, "objstm"),
        ("pdf-q-nesting.pdf", pdf_q_nesting, "q"),
        ("pdf-flate-bomb.pdf", pdf_flate_bomb, "bomb"),
        ("pdf-tj-memory.pdf", pdf_tj_memory, "tj"),
        ("pdf-object-loop.pdf", pdf_object_loop, None),
        ("pdf-length-loop.pdf", pdf_length_loop, None),
        ("pdf-pages-loop.pdf", pdf_pages_loop, None),
        ("pdf-xref-loop.pdf", pdf_xref_loop, None),
        ("docx-zip-bomb.docx", docx_zip_bomb, "docx"),
        ("docx-size-lie.docx", docx_size_lie, "lie"),
        ("docx-billion-laughs.docx", docx_billion_laughs, None),
        ("docx-external-entity.docx", docx_external_entity, None),
        ("docx-deep-nesting.docx", docx_deep_nesting, "deep"),
        ("odt-zip-bomb.odt", odt_zip_bomb, "odt"),
        ("odt-billion-laughs.odt", odt_billion_laughs, None),
        ("html-deep-nesting.html", html_deep_nesting, None),
        ("html-entity-flood.html", html_entity_flood, None),
        ("control.pdf", pdf_control, None),
        ("control.docx", docx_control, None),
        ("control.odt", odt_control, None),
        ("control.html", html_control, None),
    ]
    files, notes = {}, {}
    for name, make, note in makers:
        ARCHIVE[0] = name
        made = make()
        if note:
            files[name], notes[note] = made
        else:
            files[name] = made
    return files, notes


UNREADABLE = "unreadable (unchecked), within the time and memory limits, no crash"


def rows(notes):
    n = notes
    inner, bomb = n["bomb"]
    tj_len, tj_n = n["tj"]
    return [
        ("pdf-xobject-self.pdf", "Form XObject /X whose stream is `/X Do` and whose "
         "/Resources name itself: infinite recursion through Do.",
         UNREADABLE + " (nothing to read: the page only draws /X)"),
        ("pdf-xobject-cycle.pdf", "Form XObjects /X1 and /X2 draw each other: a cycle of "
         "two through Do.", UNREADABLE),
        ("pdf-xobject-fanout.pdf", "Extra. No cycle: X9 draws X8 ten times ... X1 draws X0 "
         "ten times, X0 shows `(a)`: 10^9 text shows from a 2 KB file (cycle detection "
         "does not catch it; needs a work budget).",
         UNREADABLE + "; must not produce 1 GB of \"a\""),
        ("pdf-nested-arrays.pdf", "Page content (Flate) is `[` x 1,000,000, `(a)`, `]` x "
         "1,000,000, `TJ`: recursion depth 10^6 in the content parser (and in Drop of the "
         "parsed tree). Decoded: %s bytes." % f"{n['arrays']:,}", UNREADABLE),
        ("pdf-nested-arrays-raw.pdf", "Object 6 (the page's /Annots) is 200,000 plain `[` "
         "with no closing `]` (malformed on purpose; the object parser recurses 200,000 deep "
         "before it can notice). The page itself shows `nested arrays raw`.",
         UNREADABLE + " (or, if it skips the bad /Annots, only `nested arrays raw`)"),
        ("pdf-nested-dicts.pdf", "Page content (Flate) is `/P <</A <</A ... 1>> ... >> BDC` "
         "with 1,000,000 nested dictionaries. Decoded: %s bytes." % f"{n['dicts']:,}",
         UNREADABLE),
        ("pdf-nested-dicts-objstm.pdf", "Extra. The same 1,000,000-deep dictionary as "
         "object 6 inside a Flate object stream (PDF 1.5, xref stream), referenced as the "
         "page's /PieceInfo: hits eager object loaders, not just content parsers. Decoded "
         "object stream: %s bytes. The page shows `nested dicts objstm`." % f"{n['objstm']:,}",
         UNREADABLE + " (a lazy reader may instead read only `nested dicts objstm`)"),
        ("pdf-q-nesting.pdf", "Page content (Flate) is `q ` x 1,000,000 with no `Q`: a "
         "graphics-state stack 10^6 deep. Decoded: %s bytes; ends by showing `q nesting`."
         % f"{n['q']:,}", UNREADABLE + " (or only `q nesting` if the reader caps the "
         "stack without failing)"),
        ("pdf-flate-bomb.pdf", "Content stream with /Filter [/FlateDecode /FlateDecode]: "
         "the first Flate gives %s bytes (a Flate stream), the second %s bytes (%.2f GiB, "
         "past i32::MAX) of `(a) Tj `." % (f"{inner:,}", f"{bomb:,}", bomb / GIB),
         UNREADABLE),
        ("pdf-tj-memory.pdf", "The reported attack: one Flate content stream (single filter) "
         "of `(a) Tj ` x %s = %s bytes (%.0f MB) decoded; a reader that keeps every parsed "
         "operation or text chunk needs gigabytes." % (f"{tj_n:,}", f"{tj_len:,}",
                                                       tj_len / 1e6), UNREADABLE),
        ("pdf-object-loop.pdf", "The content stream's /Length is `4 0 R`, i.e. the stream "
         "object itself: resolving the length needs the object being parsed.",
         UNREADABLE + " (or, if it finds `endstream` by scanning, only `object loop`)"),
        ("pdf-length-loop.pdf", "The content stream's /Length is `6 0 R`; object 6 is "
         "`7 0 R` and object 7 is `6 0 R`: a reference chain that never reaches a number.",
         UNREADABLE + " (or, if it finds `endstream` by scanning, only `length loop`)"),
        ("pdf-pages-loop.pdf", "Page tree 2 -> 3 -> [page 4, 2]: the Pages node 3 lists "
         "its own parent among its /Kids.",
         UNREADABLE + " (or only `pages loop`, once, if it skips the back edge)"),
        ("pdf-xref-loop.pdf", "The trailer's /Prev is the offset of its own xref section: "
         "following /Prev never ends.",
         UNREADABLE + " (or only `xref loop` if it ignores the repeated section)"),
        ("docx-zip-bomb.docx", "word/document.xml is one `<w:t>` of %s `a`: %s bytes "
         "(%.2f GiB) inflated, declared truthfully in the zip headers."
         % (f"{BOMB_CHARS:,}", f"{n['docx']:,}", n["docx"] / GIB), UNREADABLE),
        ("docx-size-lie.docx", "word/document.xml inflates to %s bytes (256 MiB of `a`) but "
         "the local header and the central directory both claim %s bytes (the CRC is that "
         "of the real data). Defeats checks of the declared size."
         % (f"{n['lie']:,}", f"{SIZE_LIE_DECLARED:,}"), UNREADABLE),
        ("docx-billion-laughs.docx", "document.xml has a DOCTYPE defining lol..lol9 (each "
         "ten of the last); `&lol9;` in a `<w:t>` is 10^9 x `lol` = 3 GB if expanded.",
         UNREADABLE + " (DOCTYPE refused), never expanded"),
        ("docx-external-entity.docx", "Extra. document.xml declares external entities "
         "(`file:///etc/passwd`, `http://127.0.0.1:9/...`) and uses them in `<w:t>`.",
         UNREADABLE + " (DOCTYPE refused); no file or network access, no /etc/passwd text"),
        ("docx-deep-nesting.docx", "document.xml nests `<w:sdt><w:sdtContent>` 500,000 "
         "times (1,000,000 nested elements) around a `deep` paragraph. Inflated: %s bytes."
         % f"{n['deep']:,}", UNREADABLE + " (depth limit)"),
        ("odt-zip-bomb.odt", "content.xml (mimetype stored first) is one `<text:p>` of %s "
         "`a`: %s bytes inflated." % (f"{BOMB_CHARS:,}", f"{n['odt']:,}"), UNREADABLE),
        ("odt-billion-laughs.odt", "content.xml with the lol..lol9 DOCTYPE and `&lol9;` in "
         "a `<text:p>`.", UNREADABLE + " (DOCTYPE refused), never expanded"),
        ("html-deep-nesting.html", "200,000 nested, unclosed `<div>` around `deep`. Besides "
         "recursion depth, an HTML5 tree builder checks `p` in button scope on every `<div>`: "
         "quadratic (2*10^10 steps) if the stack is not bounded.",
         UNREADABLE + " (or only `deep` from a reader with a bounded, linear parser)"),
        ("html-entity-flood.html", "A billion-laughs internal subset in the DOCTYPE and 100 "
         "`&lol9;` (XML-mode readers expand 300 GB; HTML5 leaves them as text), "
         "`&amp;amp;...` 25,000 deep (decode-until-stable loops 25,001 times), 30,000 `&lt` "
         "without `;` (quadratic look-ahead), and numeric references that overflow u32/u64.",
         "unreadable, or HTML5 text in linear time: literal `&lol9;`, `&amp;amp;...` decoded "
         "once, U+FFFD for the overflowing numbers, `A` for the zero-padded `&#000...65;`; no "
         "panic, no expansion"),
        ("control.pdf", "Control: minimal valid PDF 1.7, Helvetica (WinAnsi), one `Tj`.",
         "readable: `%s`" % PHRASE.decode()),
        ("control.docx", "Control: minimal valid DOCX (content types, rels, document.xml).",
         "readable: `%s`" % PHRASE.decode()),
        ("control.odt", "Control: minimal valid ODT (stored mimetype first, manifest, "
         "content.xml).", "readable: `%s`" % PHRASE.decode()),
        ("control.html", "Control: plain HTML5, one `<p>`.", "readable: `%s`"
         % PHRASE.decode()),
    ]


def readme(files, notes):
    total = sum(len(v) for v in files.values())
    out = [
        "# Hostile evidence fixtures",
        "",
        "Small files built to make a naive PDF/DOCX/ODT/HTML reader overflow its stack, loop "
        "forever or run out of memory, and four plain controls a correct reader must still "
        "read. Made by `python3 scripts/make-hostile.py` (standard library only; the same bytes "
        "on every run). `python3 scripts/make-hostile.py --verify` also inflates every "
        "compressed payload with zlib and checks its length and CRC (under a minute).",
        "",
        "Do not open the hostile files with ordinary tools outside a sandbox: several inflate "
        "to gigabytes. \"Unreadable (unchecked)\" means the reader gives up on the file, inside "
        "its limits, and the claim it was meant to support stays unchecked.",
        "",
        "Total on disk: %s bytes. That is over the 2 MB first aimed at, because four "
        "payloads cannot be smaller and still be what they are: DEFLATE cannot beat 1032:1 "
        "and ZIP has no filter chains, so a part over 1 GB costs at least 969 KB "
        "(`docx-zip-bomb.docx`, `odt-zip-bomb.odt`); `pdf-tj-memory.pdf` reproduces an "
        "~800 KB single-filter attack; `html-deep-nesting.html` is 200,000 literal `<div>`. "
        "The counts are constants in the script (`BOMB_CHARS`, `SIZE_LIE_CHARS`, ...) if a "
        "smaller set is wanted. (`pdf-flate-bomb.pdf` reaches 2 GiB in 4 KB by chaining two "
        "Flate filters.)" % f"{total:,}",
        "",
        "| File | Bytes | What it attacks | A correct sandboxed reader reports |",
        "|---|---:|---|---|",
    ]
    for name, attack, expect in rows(notes):
        out.append("| `%s` | %s | %s | %s |" % (name, f"{len(files[name]):,}", attack, expect))
    out += ["", observed()]
    return "\n".join(out) + "\n"


# Recorded by hand when the files were made (not re-measured by this script).
PDFTOTEXT = [  # (file, exit status, seconds, what it did)
    ("control.pdf", 0, "0.0", "Printed the phrase."),
    ("pdf-xobject-self.pdf", 0, "0.0", "Printed nothing (an empty page), no message: it "
     "stops the recursion silently."),
    ("pdf-xobject-cycle.pdf", 0, "0.0", "The same: empty page, no message."),
    ("pdf-xobject-fanout.pdf", 124, "10", "Killed by the timeout with no output; 190 MB "
     "peak RSS."),
    ("pdf-nested-arrays.pdf", 0, "4", "No text. Caps array depth, then prints ~1,000,000 "
     "`Syntax Error: Unknown operator ']'` lines and `Too few (0) args to 'TJ'`; 64 MB RSS."),
    ("pdf-nested-arrays-raw.pdf", 0, "0.2", "Printed `nested arrays raw`, with 499 `End of "
     "file inside array` errors."),
    ("pdf-nested-dicts.pdf", 0, "4", "No text. ~1,000,000 `Unknown operator '>>'` lines and "
     "`Too few (0) args to 'BDC'`."),
    ("pdf-nested-dicts-objstm.pdf", 0, "0.8", "Printed `nested dicts objstm`, no message "
     "(it never needs /PieceInfo)."),
    ("pdf-q-nesting.pdf", 0, "2-4", "Printed `q nesting`, no message, but peaked at 947 MB "
     "RSS (a million saved graphics states)."),
    ("pdf-flate-bomb.pdf", 124, "10", "Killed by the timeout with no output (it streams: "
     "9 MB RSS)."),
    ("pdf-tj-memory.pdf", 124, "10", "Killed by the timeout with no output (9 MB RSS)."),
    ("pdf-object-loop.pdf", 0, "0.1", "Printed `object loop` after `Object '4 0 obj' is "
     "being already parsed`, `Bad 'Length' attribute in stream`, `Missing 'endstream'`."),
    ("pdf-length-loop.pdf", 0, "0.1", "Printed `length loop` after `Bad 'Length' attribute "
     "in stream` and `Missing 'endstream'`."),
    ("pdf-pages-loop.pdf", 0, "0.0", "Printed `pages loop` once, no message."),
    ("pdf-xref-loop.pdf", 0, "0.0", "Printed `xref loop` after `Syntax Warning: Infinite "
     "loop in xref table`."),
]
PYTHON = (
    "Python 3.11 (`zipfile`, expat 2.5.0, `html.parser`), for comparison: every archive "
    "opens; "
    "`docx-size-lie.docx` returns the declared 1,024 bytes and then raises `Bad CRC-32`; the "
    "two zip bombs stream their full 1,000,000,234 and 1,000,000,306 bytes with no "
    "complaint (no limit of its own); expat refuses both billion-laughs parts (`limit on "
    "input amplification factor`), reports `&xxe;` as an undefined entity (it loads no "
    "external entities) and parses the 1,000,000-deep DOCX without trouble (it does not "
    "recurse). `ET.parse` of `html-entity-flood.html` stops at the amplification limit, "
    "and `html.parser` (convert_charrefs) crashes on it with `ValueError: Exceeds the limit "
    "(4300 digits) for integer string conversion` (the zero-padded `&#000...65;`). The "
    "controls' XML parses and yields the phrase.")


def observed():
    out = ["## What `pdftotext` (poppler 22.12.0) did with them", "",
           "`timeout 10 pdftotext FILE -` under `ulimit -v 4000000` (4 GB of address space), "
           "recorded when the files were made (the script does not re-run this):", "",
           "| File | Exit | Seconds | What it did |", "|---|---:|---:|---|"]
    out += ["| `%s` | %s | %s | %s |" % row for row in PDFTOTEXT]
    if PYTHON:
        out += ["", PYTHON]
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--verify", action="store_true",
                    help="inflate every compressed payload and check length and CRC")
    args = ap.parse_args()
    self_test()
    files, notes = build()
    os.makedirs(OUT, exist_ok=True)
    for name, data in files.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    with open(os.path.join(OUT, "README.md"), "w") as f:
        f.write(readme(files, notes))
    for name in files:
        print("%9d  %s" % (len(files[name]), name))
    print("%9d  total" % sum(len(v) for v in files.values()))
    if args.verify:
        verify()


def verify():
    for label, kind, comp, length, crc in VERIFY:
        d = zlib.decompressobj(15 if kind == "zlib" else -15)
        n, c, buf = 0, 0, comp
        while True:
            chunk = d.decompress(buf, 64 << 20)
            n += len(chunk)
            c = zlib.crc32(chunk, c)
            buf = d.unconsumed_tail
            if not chunk and not buf:
                break
        tail = d.flush()
        n += len(tail)
        c = zlib.crc32(tail, c)
        ok = d.eof and n == length and c == crc
        print("%-4s %-40s %14d bytes -> %16s  %s" % (kind, label, len(comp), f"{n:,}",
                                                     "ok" if ok else "MISMATCH"))
        if not ok:
            sys.exit(1)


if __name__ == "__main__":
    main()
