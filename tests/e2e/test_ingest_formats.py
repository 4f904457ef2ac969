"""End-to-end (issue 13): any manual a manager uploads reads right.

The content decides the format on every path: the same text export gives
the same sections through the CLI, the JSON body (the old dashboard path),
a raw text/plain upload and a raw octet-stream upload (the dashboard's path
now); a Word .docx and a scanned PDF (a background job read by OCR) go in
with an ingest report; bad input is refused by name and nothing is stored.
The fixtures are the m13 manuals in tests/data/blind-manuals13.
"""
import json
import os
import shutil
import time
import urllib.parse
import uuid

from harness import REPO, Skip, check, expect_error, expect_ok_json

DATA = os.path.join(REPO, "tests", "data", "blind-manuals13")
TEXT = os.path.join(DATA, "merrow-hc8-holding-cabinet.txt")
DOCX = os.path.join(DATA, "nordcrest-uc5-undercounter-dishwasher.docx")
SCAN = os.path.join(DATA, "ashby-ct4-conveyor-toaster.pdf")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _read(path):
    with open(path, "rb") as f:
        return f.read()


def _raw(h, query, body, content_type, timeout=60):
    return h.request("POST", "/documents?" + query, body=body, headers={"Content-Type": content_type},
                     key=h.admin_key, source=h.source(), timeout=timeout)


def _sections(h, doc_id):
    return [r[0] for r in h.sql(f"SELECT coalesce(section, '') FROM chunks WHERE document_id = {int(doc_id)} "
                                "ORDER BY ordinal")]


def _drop(h, *ids):
    for i in ids:
        h.sql(f"DELETE FROM documents WHERE id = {int(i)}")


def test_same_sections_every_path(h):
    """CLI, JSON, raw text/plain and raw octet-stream with a file name: one set of sections."""
    tag = uuid.uuid4().hex[:6]
    text = _read(TEXT)
    ids, got = [], {}
    try:
        d = os.path.join("/tmp", f"linelead-formats-{tag}")
        os.makedirs(d)
        path = os.path.join(d, f"merrow-{tag}.txt")
        shutil.copy(TEXT, path)
        p = h.cli("ingest", "--category", "equipment", "--title", f"cli-{tag}", path, timeout=120)
        check(p.returncode == 0, f"CLI ingest failed: {p.stderr[:300]}")
        check("read as text" in p.stdout and "fault codes" in p.stdout,
              f"the CLI printed no ingest report: {p.stdout[:400]!r}")
        ids.append(h.sql(f"SELECT id FROM documents WHERE title = 'cli-{tag}'")[0][0])
        got["cli"] = _sections(h, ids[-1])
        r = expect_ok_json(h.post_json("/documents", {"title": f"json-{tag}", "category": "equipment",
                                                      "content": text.decode()},
                                       key=h.admin_key, source=h.source()), 201)
        check(r["format"] == "text", f"a text export sent as JSON was read as {r['format']}")
        ids.append(r["id"])
        got["json"] = _sections(h, r["id"])
        r = expect_ok_json(_raw(h, f"title=plain-{tag}&category=equipment", text, "text/plain"), 201)
        ids.append(r["id"])
        got["text/plain"] = _sections(h, r["id"])
        r = expect_ok_json(_raw(h, f"title=octet-{tag}&category=equipment&filename=merrow.txt", text,
                                "application/octet-stream"), 201)
        ids.append(r["id"])
        got["octet-stream"] = _sections(h, r["id"])
        report = r["report"]
        check(any(c.startswith("F2") for c in report["fault_codes"]), f"no F2 in the report: {report}")
        check(report["tables"] >= 2 and report["warnings"] >= 2, f"tables or warnings missed: {report}")
        check(len(got["cli"]) >= 10, f"the text export gave only {len(got['cli'])} sections: {got['cli']}")
        for path_name, sections in got.items():
            check(sections == got["cli"], f"{path_name} gave other sections than the CLI: "
                                          f"{sections} != {got['cli']}")
    finally:
        _drop(h, *ids)
        shutil.rmtree(os.path.join("/tmp", f"linelead-formats-{tag}"), ignore_errors=True)


def test_docx_upload(h):
    """A Word document: headings, numbered steps and the error-code table come through."""
    tag = uuid.uuid4().hex[:6]
    r = expect_ok_json(_raw(h, f"title=Nordcrest+UC-5+{tag}&category=equipment", _read(DOCX), DOCX_TYPE), 201)
    try:
        check(r["format"] == "docx", f"read as {r['format']}")
        names = r["report"]["section_names"]
        check("End of Day Cleaning" in names and "Daily Operation > Starting Up" in names,
              f"the Word headings are not the sections: {names}")
        codes = [c.split(":")[0] for c in r["report"]["fault_codes"]]
        check(codes == ["E1", "E2", "E3", "E4", "E5", "E6"], f"the error codes: {codes}")
        body = expect_ok_json(h.post_json("/chat/production", {"message": f"nordcrest {tag} dishwasher shows E4"},
                                          key=h.chat_key, source=h.source()))
        said = " ".join([body.get("response", "")] + body.get("steps", []))
        check("scrap screen" in said or "drain hose" in said, f"E4's remedy is not in the answer: {said[:300]!r}")
    finally:
        _drop(h, r["id"])


def _wait_job(h, url, limit=120):
    deadline = time.monotonic() + limit
    while True:
        job = expect_ok_json(h.get(url, key=h.admin_key, source=h.source()))
        if job["state"] in ("done", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(1)


def test_scanned_pdf_is_a_job(h):
    """No text layer: 202 and a job that OCR reads page by page, published whole."""
    if not shutil.which("tesseract"):
        r = _raw(h, "title=scan&category=equipment", _read(SCAN), "application/pdf")
        err = expect_error(r, 422, "validation_failed")
        check("OCR" in err["message"], f"the refusal does not say OCR is missing: {err}")
        raise Skip("tesseract is not installed: the refusal was checked instead")
    tag = uuid.uuid4().hex[:6]
    r = _raw(h, f"title=Ashby+CT-4+{tag}&category=equipment", _read(SCAN), "application/pdf")
    check(r.status == 202, f"a scanned PDF: HTTP {r.status} {r.text[:200]}")
    acc = r.json()
    check(acc["pages"] == 2 and acc["status_url"] == f"/documents/jobs/{acc['job_id']}", f"the 202: {acc}")
    job = _wait_job(h, acc["status_url"])
    try:
        check(job["state"] == "done", f"the job did not finish: {job}")
        check(job["pages_done"] == job["pages_total"] == 2, f"progress: {job}")
        check(job["report"]["ocr"] and "1. Specifications" in job["report"]["section_names"],
              f"the OCR report: {job['report']}")
        rows = h.sql(f"SELECT state, attempts, body IS NULL FROM ingest_jobs WHERE id = {int(acc['job_id'])}")
        check(rows == [["done", "1", "t"]], f"taken once, body cleared: {rows}")
        body = expect_ok_json(h.post_json("/chat/production", {"message": f"how hot is the ashby {tag} toaster platen"},
                                          key=h.chat_key, source=h.source()))
        check("550" in body.get("response", "") + " ".join(body.get("steps", [])),
              f"the OCR text does not answer: {body.get('response', '')[:300]!r}")
    finally:
        if job.get("document_id"):
            _drop(h, job["document_id"])


def _encrypted_pdf():
    """A PDF locked with a user password (pdfinfo cannot open it)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
            b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>"]
    out, offs = bytearray(b"%PDF-1.4\n"), []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offs)
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objs) + 1, b"ab" * 16, b"ab" * 16, xref))
    return bytes(out)


def test_bad_uploads_refused_by_name(h):
    """A 422 that names what is wrong, and nothing stored."""
    cases = [
        ("encrypted", _encrypted_pdf(), "application/pdf", "encrypted"),
        ("broken", b"%PDF-1.4\nthis is not a real PDF body\n", "application/pdf", "broken"),
        ("legacy-doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "application/octet-stream", ".doc"),
        ("zip", b"PK\x03\x04" + b"\0" * 200 + b"xl/workbook.xml", "application/octet-stream", "not a Word"),
        ("binary", b"\x7fELF\x02\x01\x01\0\0\0" * 20, "application/octet-stream", "binary"),
        ("not-docx", b"plain words, not a zip", DOCX_TYPE, "not a Word"),
    ]
    for name, body, ctype, words in cases:
        tag = f"bad-{name}-{uuid.uuid4().hex[:6]}"
        err = expect_error(_raw(h, f"title={tag}&category=equipment&format=auto", body, ctype),
                           422, "validation_failed")
        check(words in err["message"], f"{name}: the refusal does not say so: {err['message']!r}")
        check(h.sql(f"SELECT count(*) FROM documents WHERE title = '{tag}'") == [["0"]], f"{name} was stored")
    err = expect_error(_raw(h, "title=x&category=equipment&format=word", b"# x\n\ny\n", "text/markdown"),
                       422, "validation_failed")
    check("format" in err["message"], f"a bad ?format=: {err}")


def test_job_ids_plain_digits(h):
    for path in ("0", "abc", "+1", "99999999999"):
        expect_error(h.get(f"/documents/jobs/{urllib.parse.quote(path)}", key=h.admin_key, source=h.source()),
                     404, "not_found")
    r = h.get("/documents/jobs/1", key=h.chat_key, source=h.source())
    check(r.status == 403, f"a chat key read a job: HTTP {r.status}")


def test_format_override(h):
    """`format` beats the detection: Markdown read as text keeps its '#' lines as text."""
    tag = uuid.uuid4().hex[:6]
    md = "# Guide\n\n## Opening\n\nUnlock the doors.\n\n## Closing\n\nLock the doors.\n"
    r = expect_ok_json(h.post_json("/documents", {"title": f"fmt-{tag}", "category": "operations", "content": md},
                                   key=h.admin_key, source=h.source()), 201)
    r2 = expect_ok_json(h.post_json("/documents", {"title": f"fmt2-{tag}", "category": "operations", "content": md,
                                                   "format": "text"}, key=h.admin_key, source=h.source()), 201)
    try:
        check(r["format"] == "markdown" and r["report"]["section_names"] == ["Opening", "Closing"],
              f"detected Markdown: {json.dumps(r)[:300]}")
        check(r2["format"] == "text", f"format: text was not kept: {r2['format']}")
    finally:
        _drop(h, r["id"], r2["id"])


def test_job_runner_restarted(h):
    """The master's job runner ("linelead-jobs") comes back after it is killed, and takes jobs."""
    import signal
    first = h.jobs_pid()
    check(first, "no job runner beside the workers")
    os.kill(first, signal.SIGKILL)
    deadline = time.monotonic() + 15
    again = None
    while time.monotonic() < deadline:
        again = h.jobs_pid()
        if again and again != first:
            break
        time.sleep(0.2)
    check(again and again != first, f"the job runner was not restarted (before {first}, now {again})")
    if not shutil.which("tesseract"):
        raise Skip("tesseract is not installed: the restarted runner was not given a scan")
    tag = uuid.uuid4().hex[:6]
    r = _raw(h, f"title=scan-again-{tag}&category=equipment", _read(SCAN), "application/pdf")
    check(r.status == 202, f"HTTP {r.status}")
    job = _wait_job(h, r.json()["status_url"])
    if job.get("document_id"):
        _drop(h, job["document_id"])
    check(job["state"] == "done", f"the restarted runner did not finish the job: {job}")
