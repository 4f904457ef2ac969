"""pdfgen.py - write a small, real PDF of text pages (standard library only).

    write_pdf(path, pages)   pages: a list of pages, each a list of text lines

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
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, catalog, xref)
    with open(path, "wb") as f:
        f.write(out)
