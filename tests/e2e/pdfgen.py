"""pdfgen.py - write a small, real PDF of text pages (standard library only).

    write_pdf(path, pages)   pages: a list of pages, each a list of text lines
    write_slow_pdf(path, megabytes)   a PDF that keeps pdftotext busy

Each page is set in 10-point Helvetica (WinAnsiEncoding, so "°" survives),
one line every 13 points from the top.  Enough PDF for pdftotext to read as
it reads a manufacturer's manual: a catalog, a page tree, a font, one content
stream per page and a cross-reference table with exact offsets.
"""


def _text(s):
    """A PDF literal string in WinAnsi (Latin-1 for what manuals use)."""
    raw = s.encode("cp1252", "replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def write_pdf(path, pages):
    objs = []                                   # bodies of objects 1..n

    def add(body):
        objs.append(body)
        return len(objs)

    catalog = add(None)                         # filled in below
    tree = add(None)
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for lines in pages:
        ops = [b"BT", b"/F1 10 Tf", b"13 TL", b"50 760 Td"]
        for line in lines:
            ops.append(_text(line) + b" Tj T*")
        ops.append(b"ET")
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] "
                        b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                        % (tree, font, content)))
    objs[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    objs[tree - 1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
                      + b"] /Count %d >>" % len(kids))
    _write(path, objs, catalog, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")


def _write(path, objs, root, header=b"%PDF-1.4\n"):
    """objs (object bodies, numbered from 1) as a PDF file with its xref table."""
    out = bytearray(header)
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, root, xref)
    with open(path, "wb") as f:
        f.write(out)


def write_slow_pdf(path, megabytes):
    """A one-page PDF that keeps pdftotext busy for a while: one word of
    text, then `megabytes` MiB of graphics operators (no text) in a Flate
    stream that compresses them about 330:1, so the file stays small
    (~3 KB per MiB) while pdftotext works through all of them (roughly
    40 MiB a second)."""
    import zlib

    ops = b"q 1 0 0 1 0 0 cm 0 0 m 1 1 l S Q\n" * 32768          # 1 MiB
    z = zlib.compressobj(9)
    stream = z.compress(b"BT /F1 10 Tf 50 760 Td (slow) Tj ET\n")
    stream += b"".join(z.compress(ops) for _ in range(megabytes)) + z.flush()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    _write(path, objs, 1)
