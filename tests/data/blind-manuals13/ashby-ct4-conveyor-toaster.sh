#!/bin/sh
# ashby-ct4-conveyor-toaster.sh - writes ashby-ct4-conveyor-toaster.pdf beside it:
# a scanned manual, pages with no text layer (groff -> pdftoppm -> an image-only PDF).
# Invented manual (Ashby CT-4 is not a real product) for Line Lead ingest tests (m13).
# Needs groff and poppler-utils; python3 (standard library) writes the image PDF.
#     sh tests/data/blind-manuals13/ashby-ct4-conveyor-toaster.sh
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
OUT="$HERE/ashby-ct4-conveyor-toaster.pdf"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
groff -t -ms -Tpdf > "$TMP/text.pdf" <<'EOF'
.nr HY 0
.nr PS 11
.nr VS 13
.ds LH ASHBY CT-4
.ds CH
.ds RH Crew Operating Instructions
.ds LF Form CT4-COI 11/2019
.ds CF
.ds RF \\n%
.na
.TL
Ashby CT-4 Vertical Contact Toaster
.br
Crew Operating Instructions
.PP
The Ashby CT-4 toasts the crown and heel of a bun in one pass against a heated platen.
Buns drop in at the top and come out toasted and caramelized at the bottom.
.SH
1. Specifications
.TS
tab(|);
l l.
Platen temperature|550 \(deF (factory set)
Toast time|11 to 14 seconds per bun
Output|1,600 buns per hour
Warm-up|20 minutes from cold
Electrical|208 V, 1 phase, 15.2 amps
.TE
.SH
2. Start-Up
.IP 1.
Check that the release sheet is on the platen, smooth and not torn.
.IP 2.
Turn the power switch ON. The HEAT light stays on while the platen warms up.
.IP 3.
Wait 20 minutes until the READY light comes on before toasting.
.IP 4.
Toast one test bun. It should be golden brown with an even caramelized face.
.SH
3. Adjusting the Toast
.PP
Turn the compression knob toward THICK for thicker buns and toward THIN for thinner buns.
If buns come out pale, turn the knob one mark toward THIN. If buns come out burnt or stuck, turn it one mark toward THICK.
Do not change the platen temperature; only service can change it.
.SH
4. Release Sheet
.PP
Change the release sheet every day at closing, or at once if it is torn. A torn sheet makes buns stick and burn.
\fBWARNING:\fP Turn the toaster off and let the platen cool for 30 minutes before changing the release sheet. The platen is 550 \(deF and causes severe burns.
.SH
5. Problems
.TS
tab(|) allbox;
l lw(3.8i).
Problem|What to do
Buns stick or jam|T{
Turn the toaster off. Use the jam tool to push the bun out from the bottom. Never reach into the chute with your fingers. Check the release sheet.
T}
HEAT light blinking|T{
The platen is not heating. Check the breaker. If it keeps blinking, call Ashby Service at 1-800-555-0199.
T}
Conveyor belt not turning|T{
Check for a bun jammed at the bottom. If the belt still does not turn, turn the toaster off and call service.
T}
.TE
.SH
6. Daily Cleaning
.IP 1.
Turn the toaster off and let it cool for 30 minutes.
.IP 2.
Brush crumbs off the belt with the soft brush. Do not use a wire brush.
.IP 3.
Empty and wash the crumb tray.
.IP 4.
Wipe the outside with a damp cloth. Never spray water into the toaster.
EOF
pdftoppm -r 150 -gray "$TMP/text.pdf" "$TMP/page"
python3 - "$OUT" "$TMP"/page-*.pgm <<'PY'
import sys, zlib
out, pages = sys.argv[1], sys.argv[2:]
objs = []
def add(b):
    objs.append(b)
    return len(objs)
kids = []
pages_id = 2
add(b"<< /Type /Catalog /Pages 2 0 R >>")
add(b"")  # pages, filled in below
for p in pages:
    data = open(p, "rb").read()
    parts = data.split(b"\n", 3)  # P5, width height, maxval, pixels
    w, h = map(int, parts[1].split())
    pix = zlib.compress(parts[3], 9)
    img = add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
              b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (w, h, len(pix)) + pix + b"\nendstream")
    pw, ph = w * 72.0 / 150, h * 72.0 / 150
    cs = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (pw, ph)
    content = add(b"<< /Length %d >>\nstream\n" % len(cs) + cs + b"\nendstream")
    kids.append(add(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> "
                    b"/Contents %d 0 R >>" % (pw, ph, img, content)))
objs[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
buf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
offs = []
for i, o in enumerate(objs, 1):
    offs.append(len(buf))
    buf += b"%d 0 obj\n" % i + o + b"\nendobj\n"
xref = len(buf)
buf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for o in offs:
    buf += b"%010d 00000 n \n" % o
buf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
open(out, "wb").write(buf)
PY
echo "wrote $OUT"
