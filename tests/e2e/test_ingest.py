"""End-to-end: a manual ingested as a real PDF (pdftotext, forked by the
CLI), then asked about through nginx; a file that is not a PDF refused.

The PDF is written here (pdfgen.py) the way a manufacturer's export looks:
a running header and footer on every page, numbered sections, a fault table,
a warning.  The model (Kestrel KF-9) is invented, so only this manual can
answer.
"""
import os
import shutil
import tempfile
import uuid

from harness import check, expect_ok_json
import pdfgen

HEADER = "Kestrel KF-9 Fryer  -  Service Manual  -  Rev. C"

PAGES = [
    [HEADER, "",
     "1  SAFETY", "",
     "WARNING: Never add water or ice to hot oil. It will boil over and burn.",
     "Wear the supplied heat-resistant gloves when you skim or drain the vat.", "",
     "2  DAILY CLEANING", "",
     "2.1 Filtering the oil",
     "1. Filter the oil at 350°F at the end of every shift.",
     "2. Open the drain valve slowly and let the vat empty into the filter pan.",
     "3. Brush the vat walls, then close the drain valve and pump the oil back.", "",
     "Page 1 of 2"],
    [HEADER, "",
     "3  FAULT CODES", "",
     "3.1 Fault F-21: oil over temperature",
     "The high-limit opened because the oil passed 450°F. Turn the fryer off,",
     "let the oil cool for 30 minutes, then press and hold RESET for 5 seconds.",
     "If F-21 comes back, stop using the fryer and call service.", "",
     "3.2 Fault F-34: drain valve open",
     "Close the drain valve fully; the fryer will not heat while it is open.", "",
     "Page 2 of 2"],
]


def _ingest(h, path):
    return h.cli("ingest", "--category", "equipment", path, timeout=120)


def _documents_like(h, word):
    return h.sql(f"SELECT id FROM documents WHERE source_key ILIKE '%{word}%'")


def test_pdf_manual_ingested_and_answered(h):
    tag = uuid.uuid4().hex[:6]
    d = tempfile.mkdtemp(prefix="linelead-pdf-")
    path = os.path.join(d, f"kestrel-kf9-{tag}.pdf")
    pdfgen.write_pdf(path, PAGES)
    p = _ingest(h, path)
    check(p.returncode == 0, f"ingest of a PDF failed ({p.returncode}): {p.stderr.strip()[:300]}")
    docs = _documents_like(h, f"kestrel-kf9-{tag}")
    check(len(docs) == 1, f"{len(docs)} documents stored for the PDF")
    try:
        body = expect_ok_json(h.post_json("/chat/production", {"message": "KF-9 fryer shows F-21 what do i do"},
                                          key=h.chat_key, source=h.source()))
        said = " ".join([body.get("response", "")] + body.get("steps", []) + body.get("safety_warnings", []))
        check("30 minutes" in said and "RESET" in said,
              f"the F-21 remedy is not in the answer: {said[:400]!r}")
        check("Page 2 of 2" not in said and "Rev. C" not in said,
              f"page furniture quoted as the answer: {said[:400]!r}")
        cited = [c.get("title", "") for c in body.get("citations", [])]
        check(any(t.startswith("Kestrel KF-9 Fryer") for t in cited),
              f"the PDF manual is not cited by its title (its running header): {cited}")

        body = expect_ok_json(h.post_json("/chat/production", {"message": "what temp do i filter the kf-9 oil at"},
                                          key=h.chat_key, source=h.source()))
        said = " ".join([body.get("response", "")] + body.get("steps", []))
        check("350°F" in said, f"the filtering temperature (a '°' through PDF text) is missing: {said[:400]!r}")
    finally:
        h.sql(f"DELETE FROM documents WHERE id = {int(docs[0][0])}")
        shutil.rmtree(d, ignore_errors=True)


def test_not_a_pdf_refused(h):
    tag = uuid.uuid4().hex[:6]
    d = tempfile.mkdtemp(prefix="linelead-pdf-")
    path = os.path.join(d, f"broken-{tag}.pdf")
    with open(path, "wb") as f:
        f.write(b"%PDF-1.4\nthis is not a real PDF body\n")
    try:
        p = _ingest(h, path)
    finally:
        shutil.rmtree(d, ignore_errors=True)
    check(p.returncode != 0, "a broken PDF was accepted")
    check("PDF" in p.stderr, f"the refusal does not say what is wrong: {p.stderr.strip()[:300]!r}")
    check(not _documents_like(h, f"broken-{tag}"), "a document was stored for the broken PDF")
